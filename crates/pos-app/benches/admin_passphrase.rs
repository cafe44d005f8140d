//! What the administrator's passphrase costs: one Argon2id hash (setting it) and one
//! verification (opening the settings), as the engine does them (the library's defaults:
//! 19 MiB, 2 passes), 20 of each after a warm-up, reported as median and max. The cost is
//! the point: it is what every guess of a copied hash costs too.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use pos_app::passphrase;

const RUNS: usize = 20;

fn summary(mut times: Vec<Duration>) -> String {
    times.sort_unstable();
    let median = times[times.len() / 2];
    let max = times[times.len() - 1];
    format!(
        "median {:.1} ms, max {:.1} ms",
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    )
}

fn main() {
    let stored = passphrase::hash("counter admin passphrase").unwrap();
    let mut hashes = Vec::with_capacity(RUNS);
    let mut verifies = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        passphrase::hash("counter admin passphrase").unwrap();
        hashes.push(start.elapsed());
        let start = Instant::now();
        assert!(passphrase::verify("counter admin passphrase", &stored));
        verifies.push(start.elapsed());
    }
    println!("admin passphrase, Argon2id m=19456 KiB t=2 p=1, {RUNS} runs");
    println!("  hash (set):      {}", summary(hashes));
    println!("  verify (open):   {}", summary(verifies));
}
