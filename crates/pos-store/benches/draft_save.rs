//! "The time to save a draft": `save_fields` of a 2 KB fields_json on a real database file
//! (WAL, synchronous=FULL, so every save waits for an fsync; the answers sealed with
//! XChaCha20-Poly1305 as in the app), 500 saves after a warm-up,
//! reported as median, p90, p99 and max. Set POS_STORE_BENCH_DIR to measure another disk.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use pos_store::{DataKey, DraftScope, Store};

const SAVES: usize = 500;
const WARM_UP: usize = 20;

fn fields_json(n: usize) -> String {
    let mut fields = serde_json::Map::new();
    let mut i = 0;
    while serde_json::Value::Object(fields.clone()).to_string().len() < 2048 - 48 {
        fields.insert(
            format!("field_{i:02}"),
            format!("answer {n} {i} lorem ipsum").into(),
        );
        i += 1;
    }
    serde_json::Value::Object(fields).to_string()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::var_os("POS_STORE_BENCH_DIR") {
        Some(base) => tempfile::tempdir_in(base)?,
        None => tempfile::tempdir()?,
    };
    let path = dir.path().join("bench.db");
    let store = Store::open(&path, DataKey::generate()?).await?;
    let scope = DraftScope {
        environment_key: "bench".to_owned(),
        merchant_id: "bench-merchant".to_owned(),
    };
    let draft = store.create_draft("bench-rep", "en", &scope).await?;
    let bodies: Vec<String> = (0..WARM_UP + SAVES).map(fields_json).collect();
    let size = bodies[0].len();

    for body in &bodies[..WARM_UP] {
        store
            .save_fields(&draft.id, body, "Jane Roe", "en", None)
            .await?;
    }
    let mut times = Vec::with_capacity(SAVES);
    let started = Instant::now();
    for body in &bodies[WARM_UP..] {
        let t = Instant::now();
        store
            .save_fields(&draft.id, body, "Jane Roe", "en", Some("tos-1"))
            .await?;
        times.push(t.elapsed());
    }
    let total = started.elapsed();
    let saved = store.draft(&draft.id).await?;
    store.close().await;
    if saved.revision != (WARM_UP + SAVES) as i64 {
        return Err(format!(
            "expected revision {}, got {}",
            WARM_UP + SAVES,
            saved.revision
        )
        .into());
    }

    times.sort_unstable();
    println!(
        "draft_save: {SAVES} x save_fields of {size}-byte fields_json on {} (WAL, synchronous=FULL)",
        path.display()
    );
    println!(
        "draft_save: median {}  p90 {}  p99 {}  min {}  max {}  ({:.0} saves/s)",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.9)),
        ms(percentile(&times, 0.99)),
        ms(times[0]),
        ms(times[times.len() - 1]),
        SAVES as f64 / total.as_secs_f64()
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(run())
}
