//! The support bundle: one zip that tells support what a terminal is and what happened on
//! it, made from the settings screen (administrator) or with `flexiti-pos --support-bundle
//! <path>`. It holds the app's version and the system's, the settings (which never hold the
//! secret) with where the secret and the data key live, the audit log of the last
//! [`AUDIT_DAYS`] days, the log files of the last [`LOG_DAYS`] days, SQLite's integrity
//! check and the number of drafts in each status. Never applicant data, a token or a
//! secret: the audit log and the logs hold none by construction, drafts are only counted,
//! and the leak test scans the bundle made at the end of its shift.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, SecondsFormat, Utc};
use zip::write::SimpleFileOptions;

/// Days of audit log in the bundle.
pub const AUDIT_DAYS: i64 = 30;
/// Days of log files in the bundle (the log keeps 7).
pub const LOG_DAYS: u64 = 7;
/// The bundle's folder in the data directory.
pub const SUPPORT_DIR: &str = "support";

/// What the bundle says about the terminal, gathered by the engine (or, when the engine
/// could not start, only what is known without it).
#[derive(Debug, Clone, Default)]
pub struct BundleFacts {
    /// "sandbox", "production"…, or why it is not known.
    pub environment: String,
    /// `settings.json`: the settings as the settings screen gets them, and where the
    /// secret and the data key live.
    pub settings: serde_json::Value,
    /// `audit.log`, oldest first.
    pub audit_lines: Vec<String>,
    /// `integrity.txt`.
    pub integrity: String,
    /// `drafts.txt`.
    pub drafts: String,
}

/// The entries of a bundle, in the order written (log files follow as `logs/<name>`).
pub const FIXED_ENTRIES: [&str; 6] = [
    "about.txt",
    "settings.json",
    "audit.log",
    "integrity.txt",
    "drafts.txt",
    "logs/",
];

/// One audit record as a line of text.
pub fn audit_line(record: &pos_store::AuditRecord) -> String {
    format!(
        "{} {} rep={} terminal={} outcome={}{}",
        record.at,
        record.event.as_str(),
        record.rep_username.as_deref().unwrap_or("-"),
        record.terminal_id,
        record.outcome,
        record
            .detail
            .as_deref()
            .map(|d| format!(" detail={d}"))
            .unwrap_or_default()
    )
}

/// The oldest audit time the bundle keeps, as stored (RFC 3339 UTC, milliseconds).
pub fn audit_cutoff(now: DateTime<Utc>) -> String {
    (now - chrono::Duration::days(AUDIT_DAYS)).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The first line of `/etc/os-release` that says `key=`, unquoted.
fn os_release(key: &str) -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release").ok()?;
    text.lines().find_map(|line| {
        line.strip_prefix(key)?
            .strip_prefix('=')
            .map(|v| v.trim().trim_matches('"').to_owned())
    })
}

/// The installed WebKitGTK, as the package manager knows it.
fn webkit_version() -> Option<String> {
    let out = std::process::Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !version.is_empty()).then_some(version)
}

/// `about.txt`.
pub fn about_text(facts: &BundleFacts, data_dir: &Path, now: DateTime<Utc>) -> String {
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|k| k.trim().to_owned())
        .ok();
    let unknown = || "unknown".to_owned();
    format!(
        "Flexiti POS support bundle\n\
         made: {}\n\
         app version: {}\n\
         environment: {}\n\
         os: {}\n\
         kernel: {}\n\
         webkitgtk: {}\n\
         data directory: {}\n",
        now.to_rfc3339_opts(SecondsFormat::Secs, true),
        env!("CARGO_PKG_VERSION"),
        facts.environment,
        os_release("PRETTY_NAME").unwrap_or_else(unknown),
        kernel.unwrap_or_else(unknown),
        webkit_version().unwrap_or_else(unknown),
        data_dir.display(),
    )
}

/// The log files of the last [`LOG_DAYS`] days, oldest first.
fn recent_logs(data_dir: &Path) -> Vec<PathBuf> {
    let since = SystemTime::now() - Duration::from_secs(LOG_DAYS * 24 * 3600);
    let Ok(entries) = std::fs::read_dir(crate::logging::log_dir(data_dir)) else {
        return Vec::new();
    };
    let mut logs: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let modified = meta.modified().ok()?;
            (meta.is_file() && modified >= since).then(|| (modified, e.path()))
        })
        .collect();
    logs.sort();
    logs.into_iter().map(|(_, path)| path).collect()
}

/// Writes the bundle into `data_dir/support/` (folder 0700, file 0600) and returns its
/// path and its entries.
pub fn write(
    data_dir: &Path,
    facts: &BundleFacts,
    now: DateTime<Utc>,
) -> std::io::Result<(PathBuf, Vec<String>)> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let dir = data_dir.join(SUPPORT_DIR);
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)?;
    let path = dir.join(format!(
        "flexiti-pos-support-{}.zip",
        now.format("%Y%m%d-%H%M%S")
    ));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)?;
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    let mut entries = Vec::new();
    let settings = serde_json::to_string_pretty(&facts.settings).map_err(std::io::Error::other)?;
    let mut audit = facts.audit_lines.join("\n");
    audit.push('\n');
    let texts: [(&str, String); 5] = [
        ("about.txt", about_text(facts, data_dir, now)),
        ("settings.json", settings),
        ("audit.log", audit),
        ("integrity.txt", facts.integrity.clone()),
        ("drafts.txt", facts.drafts.clone()),
    ];
    for (name, text) in texts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
        entries.push(name.to_owned());
    }
    zip.add_directory("logs/", options)
        .map_err(std::io::Error::other)?;
    entries.push("logs/".to_owned());
    for log in recent_logs(data_dir) {
        let Some(name) = log.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        // A log rotated away meanwhile is simply not in the bundle.
        let Ok(bytes) = std::fs::read(&log) else {
            continue;
        };
        let entry = format!("logs/{name}");
        zip.start_file(entry.as_str(), options)
            .map_err(std::io::Error::other)?;
        zip.write_all(&bytes)?;
        entries.push(entry);
    }
    zip.finish().map_err(std::io::Error::other)?;
    Ok((path, entries))
}

/// The bundle of a terminal whose engine did not start (`why`: its error code): the
/// versions and the logs, which are what support needs most then.
pub fn write_without_engine(data_dir: &Path, why: &str) -> std::io::Result<(PathBuf, Vec<String>)> {
    let facts = BundleFacts {
        environment: format!("unknown (the terminal did not start: {why})"),
        settings: serde_json::json!({ "not_started": why }),
        audit_lines: Vec::new(),
        integrity: format!("integrity_check: not run (the terminal did not start: {why})\n"),
        drafts: format!("not counted (the terminal did not start: {why})\n"),
    };
    write(data_dir, &facts, Utc::now())
}
