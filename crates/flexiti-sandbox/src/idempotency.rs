//! The idempotency keys of one emulator: what each key of each client id was first used
//! for and the answer it got, shared by `/apply` and the money-moving routes (a key taken
//! by one is refused by the others), kept until reset.

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::Value;

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
