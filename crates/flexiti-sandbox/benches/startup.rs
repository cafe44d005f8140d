//! Benchmark: how long the `flexiti-sandbox` binary takes from spawn to its
//! `listening on` line, and to its first answered token request. Prints numbers.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn token_request(addr: &str) -> Duration {
    let started = Instant::now();
    let body = "client_id=flexitidemo&client_secret=77fde15a-9d33-4e15-930a-76e4b3ae33e9";
    let request = format!(
        "POST /flexiti/pos-api/v2.5/oauth/token HTTP/1.1\r\nhost: {addr}\r\nx-reference-id: 0123456789abcdef0123456789abcdef\r\n\
         content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    started.elapsed()
}

fn main() {
    let mut to_listen = Vec::with_capacity(RUNS);
    let mut to_token = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_flexiti-sandbox"))
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let listening = started.elapsed();
        let base = line
            .trim()
            .trim_start_matches("listening on http://")
            .to_owned();
        token_request(&base);
        to_token.push(started.elapsed());
        to_listen.push(listening);
        let _ = child.kill();
        let _ = child.wait();
    }
    let report = |name: &str, mut v: Vec<Duration>| {
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<32} median {:>7.2} ms   min {:>7.2} ms   max {:>7.2} ms   ({RUNS} runs)",
            ms(v[v.len() / 2]),
            ms(v[0]),
            ms(v[v.len() - 1])
        );
    };
    report("spawn -> `listening on`", to_listen);
    report("spawn -> first token answered", to_token);
}
