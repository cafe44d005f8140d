//! Benchmark: the client's per-call overhead against a bare reqwest call to the same
//! sandbox route on loopback, and the cost of a refresh storm (100 calls waiting on one
//! token refresh). Prints numbers; asserts nothing about time.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use flexiti_api::{ClientConfig, Environment, FlexitiClient, Lang, ReferenceId, Secret};
use flexiti_sandbox::{Sandbox, SandboxConfig, CLIENT_ID, CLIENT_SECRET};

const ROUNDS: usize = 10;
const PER_ROUND: usize = 300;
const STORMS: usize = 5;
const STORM_SIZE: usize = 100;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn summary(name: &str, mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{name:<34} median {:>8.1} µs   p90 {:>8.1} µs   mean {:>8.1} µs   ({} calls)",
        micros(percentile(&samples, 0.5)),
        micros(percentile(&samples, 0.9)),
        micros(mean),
        samples.len()
    );
    micros(percentile(&samples, 0.5))
}

async fn bare_call(http: &reqwest::Client, url: &str, token: &str) {
    let response = http
        .get(url)
        .bearer_auth(token)
        .header("x-reference-id", ReferenceId::new().as_str())
        .send()
        .await
        .expect("bare call");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("body");
    let _: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
}

async fn compare(sandbox: &Sandbox, client: &FlexitiClient, key: Option<&str>) {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest");
    let token: serde_json::Value = http
        .post(format!("{}/oauth/token", sandbox.api_url()))
        .header("x-reference-id", ReferenceId::new().as_str())
        .form(&[("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("token json");
    let token = token["access_token"]
        .as_str()
        .expect("access token")
        .to_owned();
    let path = key.map_or(String::from("i18n"), |k| format!("i18n/{k}"));
    let url = format!("{}/client-id/{CLIENT_ID}/{path}?lang=en", sandbox.api_url());
    let client_call = || async {
        match key {
            Some(k) => client.i18n_key(Lang::En, k).await.map(|_| ()),
            None => client.i18n(Lang::En).await.map(|_| ()),
        }
        .expect("client call")
    };
    for _ in 0..200 {
        bare_call(&http, &url, &token).await;
        client_call().await;
    }
    let (mut bare, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for _ in 0..PER_ROUND {
            let t = Instant::now();
            bare_call(&http, &url, &token).await;
            bare.push(t.elapsed());
        }
        for _ in 0..PER_ROUND {
            let t = Instant::now();
            client_call().await;
            ours.push(t.elapsed());
        }
    }
    println!("-- GET /{path}");
    let b = summary("bare reqwest + serde_json::Value", bare);
    let c = summary("FlexitiClient (typed)", ours);
    println!(
        "overhead of the client (median): {:+.1} %",
        (c - b) / b * 100.0
    );
}

async fn storms(sandbox: &Sandbox) {
    sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(2));
    let mut config = ClientConfig::new(
        Environment::Sandbox {
            base_url: sandbox.base_url().to_owned(),
        },
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    config.refresh_margin = Duration::from_millis(800);
    let client = FlexitiClient::new(config).expect("client");
    let burst = |client: FlexitiClient| async move {
        let t = Instant::now();
        let calls = (0..STORM_SIZE).map(|_| client.i18n_key(Lang::En, "provinces"));
        for result in futures_util::future::join_all(calls).await {
            result.expect("storm call");
        }
        t.elapsed()
    };
    let (mut calm, mut storm, mut token_requests) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..STORMS {
        client.connect().await.expect("token");
        calm.push(burst(client.clone()).await);
        // Sleep into the refresh margin: the next burst must wait on one refresh.
        tokio::time::sleep(Duration::from_millis(1_300)).await;
        let before = sandbox.controls().stats().token_requests;
        storm.push(burst(client.clone()).await);
        token_requests.push(sandbox.controls().stats().token_requests - before);
        tokio::time::sleep(Duration::from_millis(2_000)).await;
    }
    println!("-- refresh storm: {STORM_SIZE} concurrent calls, {STORMS} times");
    let calm_ms = summary("burst with a fresh token", calm) / 1000.0;
    let storm_ms = summary("burst at the refresh moment", storm) / 1000.0;
    println!("token requests per storm: {token_requests:?}");
    println!(
        "storm cost (median burst): {:+.2} ms ({:.2} ms -> {:.2} ms)",
        storm_ms - calm_ms,
        calm_ms,
        storm_ms
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start(SandboxConfig::default())
            .await
            .expect("sandbox");
        let config = ClientConfig::new(
            Environment::Sandbox {
                base_url: sandbox.base_url().to_owned(),
            },
            CLIENT_ID,
            Secret::new(CLIENT_SECRET),
        );
        let client = FlexitiClient::new(config).expect("client");
        compare(&sandbox, &client, Some("provinces")).await;
        compare(&sandbox, &client, None).await;
        storms(&sandbox).await;
    });
}
