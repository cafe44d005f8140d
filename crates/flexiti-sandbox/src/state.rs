//! The emulator's memory: settings, tokens, applications, idempotency keys, the purchase
//! world (accounts, PINs, authorizations) and its clock, counters, faults and omitted
//! option lists, behind one lock that is never held across an `.await`. State lives only
//! in memory and is gone on restart, as the contract says.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::applications::Applications;
use crate::faults::Fault;
use crate::idempotency::IdempotencyKeys;
use crate::ledger::Ledger;
use crate::tokens::TokenStore;
use crate::world::{seeded_accounts, Account};

/// Settings a test may change while the emulator runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `expires_in` of tokens issued from now on, in seconds.
    pub token_lifetime_secs: u64,
    /// Every emulated request waits a random time in this range (milliseconds) before it is handled.
    pub latency_min_ms: u64,
    pub latency_max_ms: u64,
    /// How long a verification PIN stays usable, in seconds (600).
    pub pin_lifetime_secs: u64,
    /// A hold (`auto_capture: false`) ends this many days after its creation (30).
    pub auth_expiry_days: u64,
    /// Whether `merchant_override` verifications are allowed (false).
    pub merchant_override: bool,
}

/// `purchase.md`'s defaults for the purchase settings.
pub const PIN_LIFETIME_SECS: u64 = 600;
pub const AUTH_EXPIRY_DAYS: u64 = 30;

impl Settings {
    /// The lifetime of new tokens, at most a year (so `now + lifetime` cannot overflow,
    /// whatever a control set).
    pub fn token_lifetime(&self) -> Duration {
        Duration::from_secs(self.token_lifetime_secs.min(366 * 24 * 60 * 60))
    }
}

/// Counters a test reads to prove what reached the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Every request to `/oauth/token`, whatever its outcome.
    pub token_requests: u64,
    /// Tokens issued by a `client_credentials` grant.
    pub client_credentials_grants: u64,
    /// Tokens issued by a `refresh_token` grant.
    pub refresh_grants: u64,
    /// The most `/oauth/token` requests ever handled at the same moment.
    pub max_concurrent_token_requests: u64,
    /// Requests per route name (see the route table), counted before any check.
    pub requests: BTreeMap<String, u64>,
    /// Applications recorded with a decision (approved, pending or declined).
    pub applications: u64,
    /// `/apply` answers replayed from an idempotency key.
    pub idempotent_replays: u64,
    /// The last well-formed `x-reference-id`s seen per route name (at most
    /// [`RECENT_REFERENCE_IDS`] each), so tests can check what retries reused.
    pub reference_ids: BTreeMap<String, Vec<String>>,
    /// The last well-formed `x-context-hash`es received per route name (at most
    /// [`RECENT_REFERENCE_IDS`] each), so tests can prove a retry re-sent the same bytes.
    pub context_hashes: BTreeMap<String, Vec<String>>,
    /// Authorizations recorded (holds and sales).
    pub authorizations: u64,
    /// Captures recorded (an `auto_capture` authorization's included).
    pub captures: u64,
    pub releases: u64,
    pub returns: u64,
    pub refunds: u64,
}

/// How many reference ids per route [`Stats::reference_ids`] keeps.
pub const RECENT_REFERENCE_IDS: usize = 32;

impl Stats {
    pub fn token_grants(&self) -> u64 {
        self.client_credentials_grants + self.refresh_grants
    }
}

pub(crate) struct Inner {
    pub settings: Settings,
    pub tokens: TokenStore,
    pub applications: Applications,
    pub faults: Vec<Fault>,
    /// Option lists (`form_values` keys) left out of `merchants/login` and `i18n`.
    pub omitted_lists: BTreeSet<String>,
    pub stats: Stats,
    pub token_requests_in_flight: u64,
    /// The purchase world's accounts (seeded; a reset restores the seed).
    pub accounts: Vec<Account>,
    /// Idempotency keys of `/apply` and the money-moving routes.
    pub keys: IdempotencyKeys,
    /// PINs, authorizations, captures, returns and refunds.
    pub ledger: Ledger,
    /// The emulator clock's lead over UTC, in seconds (tests advance it).
    pub clock_offset_secs: i64,
}

impl Inner {
    /// The emulator's clock: UTC plus the offset tests advanced it by. It dates
    /// purchases, filters lists and ends PINs, holds and return windows; tokens keep
    /// real time.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::seconds(self.clock_offset_secs)
    }

    /// The account numbered `number`.
    pub fn account(&self, number: u64) -> Option<&Account> {
        self.accounts.iter().find(|a| a.account_number == number)
    }

    pub fn account_mut(&mut self, number: u64) -> Option<&mut Account> {
        self.accounts
            .iter_mut()
            .find(|a| a.account_number == number)
    }
}

/// Shared by the router, the handlers and the [`crate::Controls`] handle.
pub(crate) struct Shared {
    initial: Settings,
    inner: Mutex<Inner>,
}

pub(crate) type SharedState = Arc<Shared>;

impl Shared {
    pub fn new(initial: Settings) -> SharedState {
        Arc::new(Shared {
            initial,
            inner: Mutex::new(Self::fresh(initial)),
        })
    }

    fn fresh(settings: Settings) -> Inner {
        Inner {
            settings,
            tokens: TokenStore::default(),
            applications: Applications::default(),
            faults: Vec::new(),
            omitted_lists: BTreeSet::new(),
            stats: Stats::default(),
            token_requests_in_flight: 0,
            accounts: seeded_accounts(),
            keys: IdempotencyKeys::default(),
            ledger: Ledger::default(),
            clock_offset_secs: 0,
        }
    }

    /// The state, even if a thread panicked while holding it (the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Back to the start-up settings, with no tokens, applications, faults or counts,
    /// every option list served, and the seeded accounts.
    pub fn reset(&self) {
        *self.lock() = Self::fresh(self.initial);
    }
}
