//! The idempotency keys of one emulator: what each key of each client id was first used
//! for and the answer it got, shared by `/apply` and the money-moving routes (a key taken
//! by one is refused by the others), kept until reset.

use std::collections::HashMap;

use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::Value;

use crate::errors::{json_response, ApiError};
use crate::state::Inner;

/// Set on an answer replayed from its idempotency key.
pub const REPLAYED_HEADER: &str = "x-idempotent-replayed";

/// The stored answer of `key` replayed (marked, counted), a refusal for a key taken by
/// another request, or `None` for a key never seen. The caller holds the state's lock from
/// here to the key's store.
pub fn replay(
    inner: &mut Inner,
    client_id: &str,
    key: &str,
    fingerprint: &Value,
) -> Result<Option<Response>, ApiError> {
    match inner.keys.lookup(client_id, key, fingerprint) {
        KeyLookup::Replay(reply) => {
            inner.stats.idempotent_replays += 1;
            let mut response = json_response(reply.status, &reply.body);
            response
                .headers_mut()
                .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
            Ok(Some(response))
        }
        KeyLookup::Reused => Err(ApiError::business(
            "idempotency_key_reused",
            "This idempotency key was used for a different request.",
        )),
        KeyLookup::New => Ok(None),
    }
}

/// A stored answer, replayed as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

/// What a key was first used for: `/apply` remembers its language and body, a
/// money-moving route its method, path and `x-context-hash`.
#[derive(Debug, Clone)]
struct Remembered {
    fingerprint: Value,
    reply: Reply,
}

/// Replay, refusal, or a key never seen.
pub enum KeyLookup {
    Replay(Reply),
    Reused,
    New,
}

#[derive(Default)]
pub struct IdempotencyKeys {
    by_key: HashMap<(String, String), Remembered>,
}

impl IdempotencyKeys {
    /// What `key` of `client_id` was taken by, if anything. The caller holds the state
    /// lock from here to [`IdempotencyKeys::remember`], so two sends with one key cannot
    /// both find it new.
    pub fn lookup(&self, client_id: &str, key: &str, fingerprint: &Value) -> KeyLookup {
        match self.by_key.get(&(client_id.to_owned(), key.to_owned())) {
            Some(r) if r.fingerprint == *fingerprint => KeyLookup::Replay(r.reply.clone()),
            Some(_) => KeyLookup::Reused,
            None => KeyLookup::New,
        }
    }

    /// Gives `key` to the request that recorded something; refusals record nothing and
    /// are never remembered.
    pub fn remember(&mut self, client_id: &str, key: &str, fingerprint: Value, reply: Reply) {
        self.by_key.insert(
            (client_id.to_owned(), key.to_owned()),
            Remembered { fingerprint, reply },
        );
    }
}
