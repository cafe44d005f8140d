//! The emulator as a program: `flexiti-sandbox --port 8787 [--host 127.0.0.1]
//! [--token-lifetime SECS]`. Prints `listening on http://HOST:PORT` first, then the demo
//! credentials, then one log line per request on standard error.

// Standard output is this program's interface (the first line is what callers wait for).
#![allow(clippy::print_stdout)]

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

use flexiti_sandbox::{
    Sandbox, SandboxConfig, CLIENT_ID, CLIENT_SECRET, EMPLOYEE_ID, REPS, REP_PASSWORD, STORES,
};

const USAGE: &str = "usage: flexiti-sandbox [--port N] [--host ADDR] [--token-lifetime SECS]\n\
  --port N               port to listen on, 0 for any free port (default 8787)\n\
  --host ADDR            address to bind (default 127.0.0.1)\n\
  --token-lifetime SECS  expires_in of issued tokens (default 1200)";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig {
        port: 8787,
        ..SandboxConfig::default()
    };
    while let Some(flag) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--port" => {
                config.port = value("--port")?
                    .parse()
                    .map_err(|_| "--port takes a number from 0 to 65535")?
            }
            "--host" => {
                config.host = value("--host")?
                    .parse::<IpAddr>()
                    .map_err(|_| "--host takes an IP address")?
            }
            "--token-lifetime" => {
                let secs: u64 = value("--token-lifetime")?
                    .parse()
                    .map_err(|_| "--token-lifetime takes whole seconds")?;
                if secs == 0 {
                    return Err("--token-lifetime must be at least 1".into());
                }
                config.token_lifetime = Duration::from_secs(secs);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("flexiti-sandbox: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("flexiti-sandbox: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let sandbox = match Sandbox::start(config.clone()).await {
            Ok(sandbox) => sandbox,
            Err(error) => {
                eprintln!("flexiti-sandbox: cannot listen on {}:{}: {error}", config.host, config.port);
                return ExitCode::FAILURE;
            }
        };
        println!("listening on {}", sandbox.base_url());
        println!("API base:      {}", sandbox.api_url());
        println!("client:        {CLIENT_ID} / {CLIENT_SECRET}");
        for rep in REPS {
            println!("rep:           {} / {REP_PASSWORD} ({})", rep.username, rep.merchant_name);
        }
        println!("stores:        {}   employee: {EMPLOYEE_ID}", STORES.join(", "));
        println!("token life:    {} s", config.token_lifetime.as_secs());
        println!("controls:      {}/_sandbox/ (stats, settings, faults, omitted-lists, tokens/revoke, reset, openapi.json)", sandbox.base_url());
        // Standard output may be a pipe read line by line by a test; make sure it is sent.
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = tokio::signal::ctrl_c().await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn flags_are_read() {
        let config = parse_args(args(&["--port", "0", "--token-lifetime", "3"])).expect("valid");
        assert_eq!(config.port, 0);
        assert_eq!(config.token_lifetime, Duration::from_secs(3));
    }

    #[test]
    fn bad_flags_are_refused() {
        assert!(parse_args(args(&["--port", "x"])).is_err());
        assert!(parse_args(args(&["--token-lifetime", "0"])).is_err());
        assert!(parse_args(args(&["--bogus"])).is_err());
        assert!(parse_args(args(&["--port"])).is_err());
    }
}
