//! The app's log: one line per event to stderr and to `logs/flexiti-pos.<date>.log` in the
//! data directory (a new file each day, the last 7 kept), so support can read what
//! happened on a terminal. What reaches it is safe by construction: tokens and secrets are
//! `flexiti_api::Secret`, applicant data is `pos_core::Personal` or a sealed blob, and both
//! print `[redacted]`/`[personal]`; the HTTP and SQL libraries are held at `warn` so no
//! request body or statement detail is written. A test (tests/leak.rs) runs a whole flow
//! at the most verbose level this allows and finds no applicant value in these files.

use std::path::Path;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// The default levels: our crates at `info`, everything else at `warn`.
pub const DEFAULT_FILTER: &str =
    "warn,flexiti_pos_lib=info,pos_app=info,pos_store=info,flexiti_api=info";

/// Libraries that would log request bodies or statements at lower levels: never below
/// `warn`, whatever `RUST_LOG` says.
const CAPPED: [&str; 8] = [
    "hyper=warn",
    "hyper_util=warn",
    "reqwest=warn",
    "h2=warn",
    "sqlx=warn",
    "tower=warn",
    "axum=warn",
    "wry=warn",
];

/// Where the log files go.
pub fn log_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("logs")
}

/// The filter from `directives` (or `RUST_LOG`, or [`DEFAULT_FILTER`]), with the
/// libraries of [`CAPPED`] held at `warn`.
fn filter(directives: Option<&str>) -> EnvFilter {
    let base = directives
        .map(str::to_owned)
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| DEFAULT_FILTER.to_owned());
    let mut filter = EnvFilter::try_new(&base).unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    for cap in CAPPED {
        if let Ok(directive) = cap.parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

/// Installs the log for the process: stderr and the daily file in `data_dir/logs`.
/// `directives` overrides `RUST_LOG` (tests). Returns false if a logger was already
/// installed or the log directory cannot be made (then only stderr is used).
pub fn init(data_dir: &Path, directives: Option<&str>) -> bool {
    let _ = std::fs::create_dir_all(log_dir(data_dir));
    let file = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("flexiti-pos")
        .filename_suffix("log")
        .max_log_files(7)
        .build(log_dir(data_dir))
        .ok();
    let file_layer = file.map(|appender| {
        fmt::layer()
            .with_ansi(false)
            .with_writer(appender)
            .with_filter(filter(directives))
    });
    let stderr_layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter(directives));
    let has_file = file_layer.is_some();
    tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer)
        .try_init()
        .is_ok()
        && has_file
}
