//! The bridge binary as the browser tests use it: started as a child process, it prints its
//! port, answers commands with the real engine's JSON, and stops when its stdin closes.
//! (Building this test also makes `target/debug/pos-testbridge` for the browser tests.)
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test crate root")]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[tokio::test]
async fn the_bridge_prints_its_port_serves_the_engine_and_stops_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pos-testbridge"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start pos-testbridge");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("read the port");
    let port: u16 = first_line
        .trim()
        .parse()
        .expect("the first line is the port");

    let http = reqwest::Client::new();
    let status = http
        .post(format!("http://127.0.0.1:{port}/invoke/app_status"))
        .send()
        .await
        .expect("app_status");
    assert_eq!(status.status(), 200);
    let status: serde_json::Value = status.json().await.expect("JSON");
    assert_eq!(
        status["session"],
        serde_json::Value::Null,
        "a fresh world has nobody signed in"
    );
    assert_eq!(status["environment"], "sandbox");

    let refused = http
        .post(format!("http://127.0.0.1:{port}/invoke/list_drafts"))
        .send()
        .await
        .expect("list_drafts");
    assert_eq!(
        refused.status(),
        400,
        "the engine's gate answers, not the bridge"
    );
    let refused: serde_json::Value = refused.json().await.expect("JSON");
    assert_eq!(refused["code"], "not_signed_in");

    let unknown = http
        .post(format!("http://127.0.0.1:{port}/invoke/no_such_command"))
        .send()
        .await
        .expect("unknown command");
    let unknown: serde_json::Value = unknown.json().await.expect("JSON");
    assert_eq!(unknown["code"], "unknown_command");

    drop(child.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the bridge outlived its parent's stdin by 10 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "the bridge stopped cleanly: {exit}");
}
