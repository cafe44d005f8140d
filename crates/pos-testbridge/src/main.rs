//! `pos-testbridge`: the real engine (embedded emulator, SQLite on a temporary directory)
//! served over HTTP on 127.0.0.1, so the browser tests drive what the app really does
//! instead of a JavaScript imitation of it. Test-only: the app never links or ships it.
//!
//! Prints the port on the first line of stdout; stops when stdin closes (its parent went
//! away), on SIGTERM or on Ctrl-C, removing its temporary directories.

mod keyring;
mod plant;
mod server;
mod world;

use std::io::Write;
use std::net::Ipv4Addr;
use std::process::ExitCode;

use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::oneshot;

use crate::server::{router, Bridge};
use crate::world::{ResetOptions, World};

#[tokio::main]
async fn main() -> ExitCode {
    // As the app does first thing: what the bridge writes (the database, the key file)
    // is private to its user. Process-wide, so the runtime's threads do not matter.
    if let Err(not_hardened) = pos_app::private_files::harden_process() {
        eprintln!("pos-testbridge: {not_hardened}");
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pos-testbridge: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let bridge = Bridge::new(World::open(ResetOptions::default()).await?);
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .map_err(|e| format!("bind 127.0.0.1: {e}"))?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("local address: {e}"))?
        .port();
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{port}").map_err(|e| format!("stdout: {e}"))?;
        out.flush().map_err(|e| format!("stdout: {e}"))?;
    }
    let mut terminate = signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM: {e}"))?;
    tokio::spawn(server::run_background(bridge.clone()));
    let serve = axum::serve(listener, router(bridge));
    tokio::select! {
        served = serve => served.map_err(|e| format!("serve: {e}"))?,
        _ = stdin_closed() => {}
        _ = terminate.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// Resolves once stdin reaches its end (read on a plain thread: a blocking read).
async fn stdin_closed() {
    let (closed, on_close) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = closed.send(());
    });
    let _ = on_close.await;
}
