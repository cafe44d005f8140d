//! The bridge's HTTP surface: `/invoke/<command>` is what the page's `invoke` becomes
//! (the JSON args Tauri would get, answered through the same `dispatch` as the window's
//! commands), and `/control/...` are what tests set up before they drive the page.
//! Nothing here decides an answer: every result comes from the engine or the emulator.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router};
use flexiti_sandbox::Fault;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::plant;
use crate::world::{ResetOptions, World};

/// The current world; a reset swaps it (requests already running finish on the old one).
#[derive(Clone)]
pub struct Bridge {
    world: Arc<Mutex<Arc<World>>>,
}

impl Bridge {
    pub fn new(world: World) -> Bridge {
        Bridge {
            world: Arc::new(Mutex::new(Arc::new(world))),
        }
    }

    fn current(&self) -> Arc<World> {
        // A poisoned lock still holds a whole world: the swap cannot panic half-way.
        match self.world.lock() {
            Ok(world) => Arc::clone(&world),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    fn replace(&self, world: World) {
        let old = {
            let mut slot = match self.world.lock() {
                Ok(slot) => slot,
                Err(poisoned) => poisoned.into_inner(),
            };
            std::mem::replace(&mut *slot, Arc::new(world))
        };
        drop(old);
    }
}

fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// A JSON body, `{}` when empty; otherwise what was expected and what went wrong.
fn body<T: DeserializeOwned>(bytes: &Bytes, shape: &str) -> Result<T, String> {
    let text: &[u8] = if bytes.is_empty() { b"{}" } else { bytes };
    serde_json::from_slice(text).map_err(|e| format!("expected {shape}: {e}"))
}

fn unprocessable(message: String) -> Response {
    problem(StatusCode::UNPROCESSABLE_ENTITY, message)
}

async fn invoke(
    State(bridge): State<Bridge>,
    Path(command): Path<String>,
    bytes: Bytes,
) -> Response {
    let args: Value = if bytes.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&bytes) {
            Ok(args) => args,
            Err(_) => return problem(StatusCode::UNPROCESSABLE_ENTITY, "the args are not JSON"),
        }
    };
    let world = bridge.current();
    match pos_app::commands::dispatch(world.terminal(), &command, args).await {
        Ok(result) => Json(result).into_response(),
        Err(error) => (StatusCode::BAD_REQUEST, Json(error)).into_response(),
    }
}

/// The terminal's background work, as the app's shell runs it: the idle lock, every
/// second, on whichever world is current.
pub async fn run_background(bridge: Bridge) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_secs(1));
    loop {
        ticks.tick().await;
        bridge.current().terminal().lock_if_idle().await;
    }
}

/// The embedded emulator's controls, when the terminal started in Sandbox mode.
async fn sandbox_controls(bridge: &Bridge) -> Option<flexiti_sandbox::Controls> {
    bridge.current().engine().await?.sandbox_controls().await
}

/// What the embedded emulator recorded: every application, oldest first, with the
/// customer's language it came with (the browser tests check it is the applicant's).
async fn recorded_applications(State(bridge): State<Bridge>) -> Response {
    let Some(controls) = sandbox_controls(&bridge).await else {
        return problem(StatusCode::CONFLICT, "the terminal is not in Sandbox mode");
    };
    let recorded: Vec<Value> = controls
        .recorded_applications()
        .into_iter()
        .map(|a| {
            json!({
                "first_name": a.first_name, "last_name": a.last_name,
                "outcome": a.outcome, "lang": a.lang,
            })
        })
        .collect();
    Json(recorded).into_response()
}

/// `PUT /control/keyring` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyringState {
    available: bool,
}

/// Makes the system keyrings answer "unavailable" (or answer again): what a terminal
/// meets when the Secret Service is not up yet at boot.
async fn set_keyring(State(bridge): State<Bridge>, bytes: Bytes) -> Response {
    let request: KeyringState = match body(&bytes, "{available: bool}") {
        Ok(request) => request,
        Err(message) => return unprocessable(message),
    };
    bridge.current().set_keyring_available(request.available);
    StatusCode::NO_CONTENT.into_response()
}

/// The app closes and starts again on the same data directory (a reboot, a power cut).
async fn restart(State(bridge): State<Bridge>) -> Response {
    let world = bridge.current().restarted().await;
    bridge.replace(world);
    StatusCode::NO_CONTENT.into_response()
}

async fn reset(State(bridge): State<Bridge>, bytes: Bytes) -> Response {
    let options: ResetOptions = match body(&bytes, "reset options") {
        Ok(options) => options,
        Err(message) => return unprocessable(message),
    };
    match World::open(options).await {
        Ok(world) => {
            bridge.replace(world);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(message) => problem(StatusCode::INTERNAL_SERVER_ERROR, message),
    }
}

async fn add_fault(State(bridge): State<Bridge>, bytes: Bytes) -> Response {
    let fault: Fault = match body(&bytes, "a sandbox fault rule") {
        Ok(fault) => fault,
        Err(message) => return unprocessable(message),
    };
    let Some(controls) = sandbox_controls(&bridge).await else {
        return problem(StatusCode::CONFLICT, "the terminal is not in Sandbox mode");
    };
    match controls.add_fault(fault) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(reason) => problem(StatusCode::UNPROCESSABLE_ENTITY, reason),
    }
}

async fn clear_faults(State(bridge): State<Bridge>) -> Response {
    match sandbox_controls(&bridge).await {
        Some(controls) => {
            controls.clear_faults();
            StatusCode::NO_CONTENT.into_response()
        }
        None => problem(StatusCode::CONFLICT, "the terminal is not in Sandbox mode"),
    }
}

/// `PUT /control/omitted-lists` body: the option lists the embedded emulator leaves out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OmittedLists {
    lists: Vec<String>,
}

/// Makes the embedded emulator leave these lists out of what it serves (its
/// omitted-lists control). Set it before the rep signs in: the engine keeps the form data
/// of a language once it has read it.
async fn omit_lists(State(bridge): State<Bridge>, bytes: Bytes) -> Response {
    let request: OmittedLists = match body(&bytes, "{lists: [form_values key, ...]}") {
        Ok(request) => request,
        Err(message) => return unprocessable(message),
    };
    let Some(controls) = sandbox_controls(&bridge).await else {
        return problem(StatusCode::CONFLICT, "the terminal is not in Sandbox mode");
    };
    match controls.set_omitted_lists(request.lists) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(reason) => problem(StatusCode::UNPROCESSABLE_ENTITY, reason),
    }
}

async fn plant_unreadable(State(bridge): State<Bridge>, bytes: Bytes) -> Response {
    let request: plant::PlantUnreadable = match body(
        &bytes,
        "{reason: wrong_key|tampered|readable, first_name, last_name, rep?}",
    ) {
        Ok(request) => request,
        Err(message) => return unprocessable(message),
    };
    match plant::unreadable(&bridge.current(), request).await {
        Ok(id) => (StatusCode::CREATED, Json(json!({ "id": id }))).into_response(),
        Err(message) => problem(StatusCode::INTERNAL_SERVER_ERROR, message),
    }
}

async fn age_draft(State(bridge): State<Bridge>, Path(id): Path<String>, bytes: Bytes) -> Response {
    let request: plant::Age = match body(&bytes, "{updated_at}") {
        Ok(request) => request,
        Err(message) => return unprocessable(message),
    };
    match plant::age(&bridge.current(), &id, request).await {
        Ok(true) => StatusCode::NO_CONTENT.into_response(),
        Ok(false) => problem(StatusCode::NOT_FOUND, "no such draft"),
        Err(message) => problem(StatusCode::UNPROCESSABLE_ENTITY, message),
    }
}

pub fn router(bridge: Bridge) -> Router {
    Router::new()
        .route("/invoke/{command}", post(invoke))
        .route("/control/reset", post(reset))
        .route("/control/faults", post(add_fault).delete(clear_faults))
        .route("/control/omitted-lists", put(omit_lists))
        .route("/control/drafts/unreadable", post(plant_unreadable))
        .route("/control/drafts/{id}/updated-at", put(age_draft))
        .route("/control/keyring", put(set_keyring))
        .route("/control/restart", post(restart))
        .route(
            "/control/recorded-applications",
            axum::routing::get(recorded_applications),
        )
        .with_state(bridge)
}
