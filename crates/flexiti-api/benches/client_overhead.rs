//! Benchmark: the client's per-call overhead against a bare reqwest call to the same
//! sandbox route on loopback (two i18n reads and the v2.5.1 quote), and the cost of a refresh storm (100 calls waiting on one
//! token refresh). Prints numbers; asserts nothing about time.

// A benchmark prints its numbers, and a setup step that fails has nothing to measure.
#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use flexiti_api::{
    AccountNumber, ClientConfig, Environment, FlexitiClient, Lang, Money, ReferenceId, Secret,
};
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

/// A merchant token for the bare calls, obtained the way the contract says.
async fn bare_token(sandbox: &Sandbox, http: &reqwest::Client) -> String {
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
    token["access_token"]
        .as_str()
        .expect("access token")
        .to_owned()
}

async fn compare(sandbox: &Sandbox, client: &FlexitiClient, key: Option<&str>) {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest");
    let token = bare_token(sandbox, &http).await;
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

/// The same bare call as `bare_call`, for a POST with a JSON body.
async fn bare_post(http: &reqwest::Client, url: &str, token: &str, body: &[u8]) {
    let response = http
        .post(url)
        .bearer_auth(token)
        .header("x-reference-id", ReferenceId::new().as_str())
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .expect("bare call");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("body");
    let _: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
}

/// `POST v2.5.1 accounts/{n}/calculate-interest` for 1000.00 (a regular row and three
/// plans): the client's typed, exact quote against bare reqwest + `serde_json::Value`.
async fn compare_quote(sandbox: &Sandbox, client: &FlexitiClient) {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("reqwest");
    let token = bare_token(sandbox, &http).await;
    let number = "116994755";
    let account = AccountNumber::parse(number).expect("account");
    let amount = Money::from_cents(100_000);
    let url = format!(
        "{}/flexiti/pos-api/v2.5.1/client-id/{CLIENT_ID}/accounts/{number}/calculate-interest?lang=en",
        sandbox.base_url()
    );
    let body = br#"{"amount":1000}"#;
    let client_call = || async {
        client
            .calculate_interest(Lang::En, &account, amount)
            .await
            .expect("client quote");
    };
    for _ in 0..200 {
        bare_post(&http, &url, &token, body).await;
        client_call().await;
    }
    let (mut bare, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for _ in 0..PER_ROUND {
            let t = Instant::now();
            bare_post(&http, &url, &token, body).await;
            bare.push(t.elapsed());
        }
        for _ in 0..PER_ROUND {
            let t = Instant::now();
            client_call().await;
            ours.push(t.elapsed());
        }
    }
    println!("-- POST v2.5.1 /accounts/{{n}}/calculate-interest (1000.00)");
    let b = summary("bare reqwest + serde_json::Value", bare);
    let c = summary("FlexitiClient (typed Quote)", ours);
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
        compare_quote(&sandbox, &client).await;
        storms(&sandbox).await;
    });
}
