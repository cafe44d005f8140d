//! The purchase journal, so no money moves without a row that says so: one row per
//! money-moving submission to Flexiti (a sale or a hold, a capture, a release, a return, a
//! refund), written with its keys and exact body before the request leaves, then carried
//! through the same state machine as a draft's submission (`submission.rs`):
//!
//! ```text
//! begin_operation ─▶ submitting ─▶ outcome_unknown ─▶ done | refused
//!                         └──────────────────────────▶ done | refused
//! ```
//!
//! - `submitting → outcome_unknown`: no answer came back
//!   ([`Store::mark_operation_outcome_unknown`], and at start-up
//!   [`Store::unknown_after_crash`] for every row a crash left `submitting`).
//! - `submitting | outcome_unknown → done`: Flexiti's answer, or a record adopted by "check
//!   again" ([`Store::complete_operation`], optionally flagged `mismatch` or `duplicate`).
//! - `submitting | outcome_unknown → refused`: Flexiti refused it ([`Store::refuse_operation`]),
//!   or the administrator freed an unknown one for a new submission
//!   ([`Store::free_operation_for_new_submission`], code `freed_by_administrator`).
//! - `done` and `refused` are final; only a flag (raised, never lowered) and approvals are
//!   added to them afterwards.
//!
//! A purchase has at most one operation in flight (`submitting` or `outcome_unknown`) at a
//! time, enforced in the transaction and by a partial unique index; an operation after the
//! sale needs the purchase's sale or hold `done` in the same scope. A row whose reference is
//! already in flight is handed back unchanged by [`Store::begin_operation`], so a retry
//! re-sends the very same bytes with the very same idempotency key.
//!
//! What is sealed (XChaCha20-Poly1305 with the data key, `seal.rs`, the associated data
//! binding the blob to its kind, operation reference and key id): the request body (wiped to
//! NULL when the row becomes `done` or `refused`: from then on it is never re-sent), and the
//! "personal" part, kept: the account number (refunds need it), the customer's name in the
//! "J. Smith" form (personal data, however short), the administrator approvals (their free
//! reasons may name the customer) and the snapshot (Flexiti's answer and the chosen quote row
//! per printed language, which receipts are printed from; Flexiti's answer carries the
//! account number). In clear: amounts, plan, term, states, Flexiti's ids, the card's last 4
//! digits and a keyed hash (HMAC-SHA256 under a subkey of the data key) of the account
//! number, which finds an account's rows without opening every row.
//!
//! Retention: journal rows are financial records (the day's report, receipts reprinted,
//! returns within 100 days, refunds with no time limit), so the drafts' purge never deletes
//! them; what was personal and no longer needed, the request body, is already gone at `done`
//! or `refused` (`secure_delete` overwrites the freed bytes).
//!
//! Every change is one `BEGIN IMMEDIATE` transaction, and every method but the start-up one
//! takes the caller's scope (environment and merchant, [`DraftScope`], as drafts): a row of
//! another scope is not found, listed or changed.

use pos_core::{Money, Personal};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::clock::now;
use crate::row::{RowKey, Stored};
use crate::seal::{self, DataKey};
use crate::{validate, DraftScope, Store, StoreError};

/// The refusal code of an operation the administrator freed for a new submission.
pub const FREED_BY_ADMINISTRATOR: &str = "freed_by_administrator";

const PERSONAL: &str = "flexiti-pos journal personal v1";
const REQUEST: &str = "flexiti-pos journal request v1";
const ACCOUNT_HASH: &str = "journal account number";
/// `{32 hex}-{seq}` is at most 40 ASCII characters (purchase.md).
const MAX_SEQ: u32 = 9_999_999;

/// What an operation does. A sale and a hold are the purchase's authorization (its
/// reference is the purchase id); the others follow it (`{purchase id}-{n}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// An authorization captured at once (`auto_capture: true`).
    Sale,
    /// An authorization to capture later (`auto_capture: false`).
    Hold,
    Capture,
    Release,
    Return,
    Refund,
}

impl OperationKind {
    pub const ALL: [OperationKind; 6] = [
        OperationKind::Sale,
        OperationKind::Hold,
        OperationKind::Capture,
        OperationKind::Release,
        OperationKind::Return,
        OperationKind::Refund,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Sale => "sale",
            OperationKind::Hold => "hold",
            OperationKind::Capture => "capture",
            OperationKind::Release => "release",
            OperationKind::Return => "return",
            OperationKind::Refund => "refund",
        }
    }

    pub fn parse(text: &str) -> Option<OperationKind> {
        OperationKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// A sale or a hold: the purchase's authorization.
    pub fn is_authorization(self) -> bool {
        matches!(self, OperationKind::Sale | OperationKind::Hold)
    }
}

/// Where a journal row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalState {
    /// Stored, about to be sent or being sent.
    Submitting,
    /// Sent, with no answer: it may have moved money. Only "check again", a re-send of the
    /// stored bytes or the administrator ends it.
    OutcomeUnknown,
    /// Flexiti recorded it.
    Done,
    /// Flexiti refused it (nothing moved), or the administrator freed it.
    Refused,
}

impl JournalState {
    pub const ALL: [JournalState; 4] = [
        JournalState::Submitting,
        JournalState::OutcomeUnknown,
        JournalState::Done,
        JournalState::Refused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JournalState::Submitting => "submitting",
            JournalState::OutcomeUnknown => "outcome_unknown",
            JournalState::Done => "done",
            JournalState::Refused => "refused",
        }
    }

    pub fn parse(text: &str) -> Option<JournalState> {
        JournalState::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// `submitting` or `outcome_unknown`: the request may still move money.
    pub fn is_in_flight(self) -> bool {
        matches!(
            self,
            JournalState::Submitting | JournalState::OutcomeUnknown
        )
    }
}

/// What the administrator must look at on a row. `Duplicate` outranks `Mismatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalFlag {
    /// Flexiti's record differs from the row (amount, plan or term).
    Mismatch,
    /// Flexiti holds more than one record with the row's reference: possible double charge.
    Duplicate,
}

impl JournalFlag {
    pub fn as_str(self) -> &'static str {
        match self {
            JournalFlag::Mismatch => "mismatch",
            JournalFlag::Duplicate => "duplicate",
        }
    }

    pub fn parse(text: &str) -> Option<JournalFlag> {
        [JournalFlag::Mismatch, JournalFlag::Duplicate]
            .into_iter()
            .find(|f| f.as_str() == text)
    }
}

/// Flexiti's identifiers of an operation, as far as known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlexitiIds {
    pub authorization_id: Option<i64>,
    pub capture_id: Option<i64>,
    pub return_id: Option<i64>,
}

/// An administrator's approval of an operation (a return, a release, a refund, an override,
/// freeing or adopting an unknown outcome), as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Who approved (the administrator's role or name, as the app records it).
    pub by: String,
    /// When the store recorded it (RFC 3339 UTC).
    pub at: String,
    /// Why, in the administrator's words (sealed: it may name the customer).
    pub reason: Personal<String>,
}

/// An approval about to be recorded; the store stamps the time.
#[derive(Debug, Clone, Copy)]
pub struct NewApproval<'a> {
    pub by: &'a str,
    pub reason: &'a str,
}

/// An operation about to be sent, for [`Store::begin_operation`]. No `Debug`: it holds the
/// body and the account number.
#[derive(Clone, Copy)]
pub struct NewOperation<'a> {
    /// The purchase's UUID v4 as 32 lowercase hex digits.
    pub purchase_id: &'a str,
    /// The operation's reference as sent: `purchase_id` for a sale or a hold,
    /// `{purchase_id}-{n}` (n ≥ 1, see [`Store::next_operation_reference`]) otherwise.
    pub reference: &'a str,
    pub kind: OperationKind,
    /// The amount sent (for a release of all that remains: that remainder). More than 0.
    pub amount: Money,
    /// The promotional plan and term; both `None` for a regular purchase.
    pub plan_id: Option<i64>,
    pub term: Option<i64>,
    /// The ids already known (an operation after the sale: its authorization, and the capture
    /// a return or refund is against).
    pub ids: FlexitiIds,
    /// What remained before this operation (to capture, or of the capture returned).
    pub remaining_before: Option<Money>,
    /// `external_location_id`.
    pub store_id: &'a str,
    pub terminal_id: &'a str,
    /// The rep (`external_employee_id`), at most 50 characters.
    pub rep_username: &'a str,
    /// `x-reference-id`.
    pub reference_id: &'a str,
    /// `x-idempotency-key`: 32 lowercase hex digits.
    pub idempotency_key: &'a str,
    /// The request body, byte for byte as it will be sent (its SHA-256 is `x-context-hash`).
    pub body: &'a str,
    /// 1 to 14 digits.
    pub account_number: &'a str,
    /// The card's last 4 digits, when the account has a card.
    pub card_ending_in: Option<&'a str>,
    /// "J. Smith" (see [`short_customer_name`]).
    pub customer_name: &'a str,
    /// The administrator's approval given for this operation, if it needed one.
    pub approval: Option<NewApproval<'a>>,
    /// The terminal's local date (`YYYY-MM-DD`): the day whose report counts the row.
    pub local_date: &'a str,
}

/// Flexiti's answer (or the adopted record) that makes an operation `done`.
#[derive(Debug, Clone, Copy)]
pub struct Completion<'a> {
    /// Ids learnt from the answer; they fill in those not yet known, and must equal those
    /// already known.
    pub ids: FlexitiIds,
    /// JSON: the answer and the chosen quote row per printed language (receipts are printed
    /// from it).
    pub snapshot_json: &'a str,
    /// `Some` when an adopted record differs from the row or has twins at Flexiti.
    pub flag: Option<JournalFlag>,
}

/// One journal row, its sealed parts opened. `Debug` shows none of the personal parts.
/// Deliberately not `Serialize`: the command layer picks what the screen may see (the
/// card's last 4, never the account number).
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRecord {
    pub reference: String,
    pub purchase_id: String,
    /// 0 for the sale or hold, n for the n-th operation after it.
    pub seq: u32,
    pub kind: OperationKind,
    pub amount: Money,
    pub plan_id: Option<i64>,
    pub term: Option<i64>,
    pub state: JournalState,
    pub flag: Option<JournalFlag>,
    /// Flexiti's error code, or [`FREED_BY_ADMINISTRATOR`], once `refused`.
    pub refusal_code: Option<String>,
    pub ids: FlexitiIds,
    pub remaining_before: Option<Money>,
    pub store_id: String,
    pub terminal_id: String,
    pub rep_username: String,
    pub reference_id: String,
    pub idempotency_key: String,
    /// Lowercase hex SHA-256 of the body: `x-context-hash`.
    pub context_hash: String,
    /// The body exactly as sent, while the outcome is not known; `None` once `done` or
    /// `refused`.
    pub request: Option<Personal<String>>,
    pub account_number: Personal<String>,
    /// Keyed hash of the account number (see [`Store::journal_account_hash`]).
    pub account_hash: String,
    pub card_ending_in: Option<String>,
    pub customer_name: Personal<String>,
    pub approvals: Vec<Approval>,
    /// Set when `done`.
    pub snapshot: Option<Personal<String>>,
    /// When the row was begun, right before the first send (RFC 3339 UTC).
    pub created_at: String,
    pub updated_at: String,
    pub local_date: String,
    pub scope: DraftScope,
}

/// The personal part of a row, as sealed.
#[derive(Serialize, Deserialize)]
struct SealedPersonal {
    account_number: Personal<String>,
    customer_name: Personal<String>,
    #[serde(default)]
    approvals: Vec<Approval>,
    #[serde(default)]
    snapshot: Option<Personal<String>>,
}

/// The request part of a row, as sealed.
#[derive(Serialize, Deserialize)]
struct SealedRequest {
    body: Personal<String>,
}

/// "J. Smith": the first name's initial and the last name, as receipts and lists show the
/// customer. Either part may be empty (then the other stands alone).
pub fn short_customer_name(first_name: &str, last_name: &str) -> String {
    let last = last_name.trim();
    match first_name.trim().chars().next() {
        Some(initial) if last.is_empty() => format!("{}.", initial.to_uppercase()),
        Some(initial) => format!("{}. {last}", initial.to_uppercase()),
        None => last.to_owned(),
    }
}

/// `sqlx::query_as!` into a [`JournalRow`], `*` standing for every column of
/// `purchase_journal`, as `query_draft!` does for drafts.
macro_rules! query_journal {
    (SELECT * $tail:literal $(, $arg:expr)* $(,)?) => {
        query_journal!(@columns "SELECT"; $tail $(, $arg)*)
    };
    ($head:literal RETURNING * $(, $arg:expr)* $(,)?) => {
        query_journal!(@columns $head, " RETURNING"; "" $(, $arg)*)
    };
    (@columns $($before:literal),+; $after:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            JournalRow,
            $($before +)+
                r#" reference AS "reference!: _", purchase_id AS "purchase_id!: _",
                seq AS "seq!: _", kind AS "kind!: _", cents AS "cents!: _",
                plan_id AS "plan_id?: _", term AS "term?: _", state AS "state!: _",
                flag AS "flag?: _", refusal_code AS "refusal_code?: _",
                authorization_id AS "authorization_id?: _", capture_id AS "capture_id?: _",
                return_id AS "return_id?: _", remaining_before AS "remaining_before?: _",
                store_id AS "store_id!: _", terminal_id AS "terminal_id!: _",
                rep_username AS "rep_username!: _", reference_id AS "reference_id!: _",
                idempotency_key AS "idempotency_key!: _", context_hash AS "context_hash!: _",
                request AS "request?: _", personal AS "personal!: _", key_id AS "key_id!: _",
                account_hash AS "account_hash!: _", card_ending_in AS "card_ending_in?: _",
                created_at AS "created_at!: _", updated_at AS "updated_at!: _",
                local_date AS "local_date!: _", environment_key AS "environment_key!: _",
                merchant_id AS "merchant_id!: _" "#
                + $after
            $(, $arg)*
        )
    };
}

/// A row of `purchase_journal` as [`query_journal!`] reads it, sealed parts still sealed.
struct JournalRow {
    reference: Stored<String>,
    purchase_id: Stored<String>,
    seq: Stored<i64>,
    kind: Stored<String>,
    cents: Stored<i64>,
    plan_id: Option<Stored<i64>>,
    term: Option<Stored<i64>>,
    state: Stored<String>,
    flag: Option<Stored<String>>,
    refusal_code: Option<Stored<String>>,
    authorization_id: Option<Stored<i64>>,
    capture_id: Option<Stored<i64>>,
    return_id: Option<Stored<i64>>,
    remaining_before: Option<Stored<i64>>,
    store_id: Stored<String>,
    terminal_id: Stored<String>,
    rep_username: Stored<String>,
    reference_id: Stored<String>,
    idempotency_key: Stored<String>,
    context_hash: Stored<String>,
    request: Option<Stored<Vec<u8>>>,
    personal: Stored<Vec<u8>>,
    key_id: Stored<String>,
    account_hash: Stored<String>,
    card_ending_in: Option<Stored<String>>,
    created_at: Stored<String>,
    updated_at: Stored<String>,
    local_date: Stored<String>,
    environment_key: Stored<String>,
    merchant_id: Stored<String>,
}

impl JournalRow {
    /// The record, its sealed parts opened with `key`.
    fn open(self, key: &DataKey) -> Result<JournalRecord, StoreError> {
        let r = RowKey::new(
            "purchase_journal",
            self.reference
                .readable()
                .unwrap_or_else(|| "(unreadable reference)".to_owned()),
        );
        let reference = r.get("reference", self.reference)?;
        let key_id = r.get("key_id", self.key_id)?;
        let sealed = |error| StoreError::JournalSealed {
            reference: reference.clone(),
            error,
        };
        let blob = r.get("personal", self.personal)?;
        let personal: SealedPersonal =
            seal::open_value(key, PERSONAL, &reference, &key_id, &blob).map_err(sealed)?;
        let request = match r.get_opt("request", self.request)? {
            Some(blob) => {
                let request: SealedRequest =
                    seal::open_value(key, REQUEST, &reference, &key_id, &blob).map_err(sealed)?;
                Some(request.body)
            }
            None => None,
        };
        let money = |column: &str, value: Stored<i64>| r.get(column, value).map(Money);
        Ok(JournalRecord {
            purchase_id: r.get("purchase_id", self.purchase_id)?,
            seq: r.parsed_number("seq", self.seq)?,
            kind: r.parsed("kind", self.kind, OperationKind::parse)?,
            amount: money("cents", self.cents)?,
            plan_id: r.get_opt("plan_id", self.plan_id)?,
            term: r.get_opt("term", self.term)?,
            state: r.parsed("state", self.state, JournalState::parse)?,
            flag: self
                .flag
                .map(|flag| r.parsed("flag", flag, JournalFlag::parse))
                .transpose()?,
            refusal_code: r.get_opt("refusal_code", self.refusal_code)?,
            ids: FlexitiIds {
                authorization_id: r.get_opt("authorization_id", self.authorization_id)?,
                capture_id: r.get_opt("capture_id", self.capture_id)?,
                return_id: r.get_opt("return_id", self.return_id)?,
            },
            remaining_before: self
                .remaining_before
                .map(|value| money("remaining_before", value))
                .transpose()?,
            store_id: r.get("store_id", self.store_id)?,
            terminal_id: r.get("terminal_id", self.terminal_id)?,
            rep_username: r.get("rep_username", self.rep_username)?,
            reference_id: r.get("reference_id", self.reference_id)?,
            idempotency_key: r.get("idempotency_key", self.idempotency_key)?,
            context_hash: r.get("context_hash", self.context_hash)?,
            request,
            account_number: personal.account_number,
            account_hash: r.get("account_hash", self.account_hash)?,
            card_ending_in: r.get_opt("card_ending_in", self.card_ending_in)?,
            customer_name: personal.customer_name,
            approvals: personal.approvals,
            snapshot: personal.snapshot,
            created_at: r.get("created_at", self.created_at)?,
            updated_at: r.get("updated_at", self.updated_at)?,
            local_date: r.get("local_date", self.local_date)?,
            scope: DraftScope {
                environment_key: r.get("environment_key", self.environment_key)?,
                merchant_id: r.get("merchant_id", self.merchant_id)?,
            },
            reference,
        })
    }
}

fn open_all(rows: Vec<JournalRow>, key: &DataKey) -> Result<Vec<JournalRecord>, StoreError> {
    rows.into_iter().map(|row| row.open(key)).collect()
}

impl Store {
    /// Stores an operation as `submitting`, with its keys, its body (sealed) and its context
    /// hash (SHA-256 of the body, computed here), in one transaction, before anything is
    /// sent. If the reference is already `submitting` or `outcome_unknown` in this scope,
    /// that row is returned unchanged (a retry re-sends its body with its key; what is
    /// passed in is then ignored). Refused: a reference already `done` or `refused`
    /// (`journal_wrong_state`); another operation of the purchase in flight
    /// (`journal_operation_in_flight`); an operation after the sale whose sale or hold is not
    /// `done` here (`journal_purchase_not_charged`); a malformed argument, or an idempotency
    /// key another operation already has (`invalid_input`).
    pub async fn begin_operation(
        &self,
        scope: &DraftScope,
        operation: &NewOperation<'_>,
    ) -> Result<JournalRecord, StoreError> {
        validate::scope(scope)?;
        let seq = check_new(operation)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if let Some(existing) = load_any_scope(&mut tx, &self.key, operation.reference).await? {
            if existing.scope != *scope {
                return Err(StoreError::InvalidInput {
                    what: "reference",
                    reason: "is already used by another environment or merchant",
                });
            }
            if !existing.state.is_in_flight() {
                return Err(wrong_state(&existing, "begun again"));
            }
            tx.commit().await?;
            return Ok(existing);
        }
        if let Some(in_flight) = in_flight_of(&mut tx, operation.purchase_id).await? {
            return Err(StoreError::JournalOperationInFlight {
                purchase_id: operation.purchase_id.to_owned(),
                in_flight,
            });
        }
        let key_used = sqlx::query_scalar!(
            "SELECT count(*) FROM purchase_journal WHERE idempotency_key = ?1",
            operation.idempotency_key,
        )
        .fetch_one(&mut *tx)
        .await?;
        if key_used > 0 {
            return Err(StoreError::InvalidInput {
                what: "idempotency_key",
                reason: "is already used by another operation",
            });
        }
        if !operation.kind.is_authorization() {
            let charged = sqlx::query_scalar!(
                "SELECT count(*) FROM purchase_journal WHERE reference = ?1 \
                 AND environment_key = ?2 AND merchant_id = ?3 AND state = 'done'",
                operation.purchase_id,
                scope.environment_key,
                scope.merchant_id,
            )
            .fetch_one(&mut *tx)
            .await?;
            if charged == 0 {
                return Err(StoreError::JournalPurchaseNotCharged {
                    purchase_id: operation.purchase_id.to_owned(),
                });
            }
        }
        let reference = operation.reference;
        let personal = SealedPersonal {
            account_number: Personal::new(operation.account_number.to_owned()),
            customer_name: Personal::new(operation.customer_name.to_owned()),
            approvals: operation.approval.map(recorded).into_iter().collect(),
            snapshot: None,
        };
        let request = SealedRequest {
            body: Personal::new(operation.body.to_owned()),
        };
        let sealed_personal = seal::seal_value(&self.key, PERSONAL, reference, &personal)?;
        let sealed_request = seal::seal_value(&self.key, REQUEST, reference, &request)?;
        let key_id = self.key.id();
        let account_hash = account_hash(&self.key, operation.account_number)?;
        let context_hash = sha256_hex(operation.body.as_bytes());
        let (seq, kind, cents) = (
            i64::from(seq),
            operation.kind.as_str(),
            operation.amount.cents(),
        );
        let remaining_before = operation.remaining_before.map(Money::cents);
        let created_at = now();
        let record = query_journal!(
            "INSERT INTO purchase_journal (reference, purchase_id, seq, kind, cents, plan_id, \
             term, state, authorization_id, capture_id, return_id, remaining_before, store_id, \
             terminal_id, rep_username, reference_id, idempotency_key, context_hash, request, \
             personal, key_id, account_hash, card_ending_in, created_at, updated_at, \
             local_date, environment_key, merchant_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'submitting', ?8, ?9, ?10, ?11, ?12, ?13, \
             ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23, ?24, ?25, ?26)" RETURNING *,
            reference,
            operation.purchase_id,
            seq,
            kind,
            cents,
            operation.plan_id,
            operation.term,
            operation.ids.authorization_id,
            operation.ids.capture_id,
            operation.ids.return_id,
            remaining_before,
            operation.store_id,
            operation.terminal_id,
            operation.rep_username,
            operation.reference_id,
            operation.idempotency_key,
            context_hash,
            sealed_request,
            sealed_personal,
            key_id,
            account_hash,
            operation.card_ending_in,
            created_at,
            operation.local_date,
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(record)
    }

    /// `submitting → outcome_unknown`: sent, and no answer came back. A row already
    /// `outcome_unknown` is returned unchanged; `done` or `refused`: `journal_wrong_state`.
    pub async fn mark_operation_outcome_unknown(
        &self,
        scope: &DraftScope,
        reference: &str,
    ) -> Result<JournalRecord, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        let record = match current.state {
            JournalState::Submitting => {
                let updated_at = now();
                query_journal!(
                    "UPDATE purchase_journal SET state = 'outcome_unknown', updated_at = ?2 \
                     WHERE reference = ?1" RETURNING *,
                    reference,
                    updated_at,
                )
                .fetch_one(&mut *tx)
                .await?
                .open(&self.key)?
            }
            JournalState::OutcomeUnknown => current,
            JournalState::Done | JournalState::Refused => {
                return Err(wrong_state(&current, "marked outcome unknown"))
            }
        };
        tx.commit().await?;
        Ok(record)
    }

    /// `submitting | outcome_unknown → done`: Flexiti's answer, or the record "check again"
    /// adopted (flagged when it differs or has twins). The ids fill in those not yet known
    /// (an id that contradicts a known one is `invalid_input`), the snapshot is sealed with
    /// the row, and the request body is wiped. `done` or `refused`: `journal_wrong_state`.
    pub async fn complete_operation(
        &self,
        scope: &DraftScope,
        reference: &str,
        completion: &Completion<'_>,
    ) -> Result<JournalRecord, StoreError> {
        validate::json("snapshot_json", completion.snapshot_json)?;
        check_ids(&completion.ids)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        if !current.state.is_in_flight() {
            return Err(wrong_state(&current, "completed"));
        }
        let ids = merged_ids(&current.ids, &completion.ids)?;
        let mut personal = personal_of(&current);
        personal.snapshot = Some(Personal::new(completion.snapshot_json.to_owned()));
        let sealed = seal::seal_value(&self.key, PERSONAL, reference, &personal)?;
        let (key_id, flag, updated_at) = (
            self.key.id(),
            completion.flag.map(JournalFlag::as_str),
            now(),
        );
        let record = query_journal!(
            "UPDATE purchase_journal SET state = 'done', request = NULL, personal = ?2, \
             key_id = ?3, authorization_id = ?4, capture_id = ?5, return_id = ?6, flag = ?7, \
             updated_at = ?8 WHERE reference = ?1" RETURNING *,
            reference,
            sealed,
            key_id,
            ids.authorization_id,
            ids.capture_id,
            ids.return_id,
            flag,
            updated_at,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(record)
    }

    /// `submitting | outcome_unknown → refused` with Flexiti's error code (snake_case; not
    /// [`FREED_BY_ADMINISTRATOR`], which only [`Store::free_operation_for_new_submission`]
    /// records): nothing was recorded, the request body is wiped. `done` or `refused`:
    /// `journal_wrong_state`.
    pub async fn refuse_operation(
        &self,
        scope: &DraftScope,
        reference: &str,
        code: &str,
    ) -> Result<JournalRecord, StoreError> {
        check_code(code)?;
        if code == FREED_BY_ADMINISTRATOR {
            return Err(StoreError::InvalidInput {
                what: "code",
                reason: "freeing a purchase takes the administrator's approval",
            });
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        if !current.state.is_in_flight() {
            return Err(wrong_state(&current, "refused"));
        }
        let record = set_refused(&mut tx, &self.key, reference, code, None).await?;
        tx.commit().await?;
        Ok(record)
    }

    /// `outcome_unknown → refused` (code [`FREED_BY_ADMINISTRATOR`]) with the
    /// administrator's approval recorded: the purchase.md "frees the purchase for a new
    /// submission" step, when "check again" found nothing to adopt. The request body is wiped
    /// and the purchase has nothing in flight any more, so a new operation (with a new
    /// reference and a new key: a sale under a new purchase id, an operation after the sale
    /// under the next `-n`) may be begun. If Flexiti did record the freed one, the day's
    /// report shows Flexiti's record against this refused row. `submitting` (still being sent
    /// by this run), `done`, `refused`: `journal_wrong_state`.
    pub async fn free_operation_for_new_submission(
        &self,
        scope: &DraftScope,
        reference: &str,
        approval: NewApproval<'_>,
    ) -> Result<JournalRecord, StoreError> {
        check_approval(&approval)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        if current.state != JournalState::OutcomeUnknown {
            return Err(wrong_state(&current, "freed"));
        }
        let mut personal = personal_of(&current);
        personal.approvals.push(recorded(approval));
        let record = set_refused(
            &mut tx,
            &self.key,
            reference,
            FREED_BY_ADMINISTRATOR,
            Some(&personal),
        )
        .await?;
        tx.commit().await?;
        Ok(record)
    }

    /// Raises a flag on a `done` or `refused` row (the day's report found Flexiti's record
    /// differing, or twins). Flags are never lowered: `duplicate` stays when `mismatch` is
    /// raised after it. A row still in flight (`journal_wrong_state`) is flagged by
    /// [`Store::complete_operation`] instead.
    pub async fn flag_operation(
        &self,
        scope: &DraftScope,
        reference: &str,
        flag: JournalFlag,
    ) -> Result<JournalRecord, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        if current.state.is_in_flight() {
            return Err(wrong_state(&current, "flagged"));
        }
        let flag = current.flag.map_or(flag, |old| old.max(flag));
        let record = if current.flag == Some(flag) {
            current
        } else {
            let (flag, updated_at) = (flag.as_str(), now());
            query_journal!(
                "UPDATE purchase_journal SET flag = ?2, updated_at = ?3 WHERE reference = ?1"
                    RETURNING *,
                reference,
                flag,
                updated_at,
            )
            .fetch_one(&mut *tx)
            .await?
            .open(&self.key)?
        };
        tx.commit().await?;
        Ok(record)
    }

    /// Records an administrator's approval on a row, in any state (after the approvals
    /// given when it was begun): adopting a candidate, acknowledging a flag.
    pub async fn approve_operation(
        &self,
        scope: &DraftScope,
        reference: &str,
        approval: NewApproval<'_>,
    ) -> Result<JournalRecord, StoreError> {
        check_approval(&approval)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, scope, reference).await?;
        let mut personal = personal_of(&current);
        personal.approvals.push(recorded(approval));
        let sealed = seal::seal_value(&self.key, PERSONAL, reference, &personal)?;
        let (key_id, updated_at) = (self.key.id(), now());
        let record = query_journal!(
            "UPDATE purchase_journal SET personal = ?2, key_id = ?3, updated_at = ?4 \
             WHERE reference = ?1" RETURNING *,
            reference,
            sealed,
            key_id,
            updated_at,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(record)
    }

    /// At start-up, before anything is sent: every row still `submitting` (in every scope)
    /// was left by a run that stopped mid-send, so its outcome is unknown. Returns how many
    /// rows changed.
    pub async fn unknown_after_crash(&self) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let updated_at = now();
        let changed = sqlx::query!(
            "UPDATE purchase_journal SET state = 'outcome_unknown', updated_at = ?1 \
             WHERE state = 'submitting'",
            updated_at,
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(changed)
    }

    /// The operation with this reference, in this scope.
    pub async fn operation(
        &self,
        scope: &DraftScope,
        reference: &str,
    ) -> Result<JournalRecord, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load(&mut conn, &self.key, scope, reference).await
    }

    /// Every operation of a purchase in this scope, the sale or hold first, then in order.
    pub async fn purchase_operations(
        &self,
        scope: &DraftScope,
        purchase_id: &str,
    ) -> Result<Vec<JournalRecord>, StoreError> {
        let rows = query_journal!(
            SELECT
                * "FROM purchase_journal WHERE purchase_id = ?1 AND environment_key = ?2 \
             AND merchant_id = ?3 ORDER BY seq",
            purchase_id,
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_all(&self.pool)
        .await?;
        open_all(rows, &self.key)
    }

    /// Every operation of the local day `local_date` (`YYYY-MM-DD`) in this scope, every
    /// state, oldest first: the day's purchases and the day's report.
    pub async fn journal_for_day(
        &self,
        scope: &DraftScope,
        local_date: &str,
    ) -> Result<Vec<JournalRecord>, StoreError> {
        check_local_date(local_date)?;
        let rows = query_journal!(
            SELECT
                * "FROM purchase_journal WHERE environment_key = ?1 AND merchant_id = ?2 \
             AND local_date = ?3 ORDER BY created_at, reference",
            scope.environment_key,
            scope.merchant_id,
            local_date,
        )
        .fetch_all(&self.pool)
        .await?;
        open_all(rows, &self.key)
    }

    /// The operations of this scope still `submitting` or `outcome_unknown`, oldest first:
    /// the locked purchases "check again" works on.
    pub async fn open_operations(
        &self,
        scope: &DraftScope,
    ) -> Result<Vec<JournalRecord>, StoreError> {
        let rows = query_journal!(
            SELECT
                * "FROM purchase_journal WHERE environment_key = ?1 AND merchant_id = ?2 \
             AND state IN ('submitting', 'outcome_unknown') ORDER BY created_at, reference",
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_all(&self.pool)
        .await?;
        open_all(rows, &self.key)
    }

    /// Every operation in this scope on the account `account_number`, oldest first, found by
    /// its keyed hash (no row is opened to look).
    pub async fn account_operations(
        &self,
        scope: &DraftScope,
        account_number: &str,
    ) -> Result<Vec<JournalRecord>, StoreError> {
        let hash = self.journal_account_hash(account_number)?;
        let rows = query_journal!(
            SELECT
                * "FROM purchase_journal WHERE environment_key = ?1 AND merchant_id = ?2 \
             AND account_hash = ?3 ORDER BY created_at, reference",
            scope.environment_key,
            scope.merchant_id,
            hash,
        )
        .fetch_all(&self.pool)
        .await?;
        open_all(rows, &self.key)
    }

    /// The keyed hash the journal matches an account number by: HMAC-SHA256 under a subkey
    /// of this store's data key, so equal for the same account (leading zeros aside) and
    /// unrelated under another key. `invalid_input` unless 1 to 14 digits.
    pub fn journal_account_hash(&self, account_number: &str) -> Result<String, StoreError> {
        check_account_number(account_number)?;
        account_hash(&self.key, account_number)
    }

    /// The reference for the purchase's next operation after the sale, `{purchase_id}-{n}`
    /// (n one more than the last one journaled). `journal_purchase_not_charged` if the
    /// purchase's sale or hold is not `done` in this scope.
    pub async fn next_operation_reference(
        &self,
        scope: &DraftScope,
        purchase_id: &str,
    ) -> Result<String, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let charged = sqlx::query_scalar!(
            "SELECT count(*) FROM purchase_journal WHERE reference = ?1 \
             AND environment_key = ?2 AND merchant_id = ?3 AND state = 'done'",
            purchase_id,
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_one(&mut *conn)
        .await?;
        if charged == 0 {
            return Err(StoreError::JournalPurchaseNotCharged {
                purchase_id: purchase_id.to_owned(),
            });
        }
        let last: Option<Stored<i64>> = sqlx::query_scalar!(
            r#"SELECT max(seq) AS "last?: _" FROM purchase_journal WHERE purchase_id = ?1"#,
            purchase_id,
        )
        .fetch_one(&mut *conn)
        .await?;
        let r = RowKey::new("purchase_journal", purchase_id.to_owned());
        let last: u32 = match last {
            Some(last) => r.parsed_number("seq", last)?,
            None => 0,
        };
        let next =
            last.checked_add(1)
                .filter(|n| *n <= MAX_SEQ)
                .ok_or(StoreError::InvalidInput {
                    what: "reference",
                    reason: "the purchase has no operation number left",
                })?;
        Ok(format!("{purchase_id}-{next}"))
    }
}

/// The row `reference` in `scope`, read inside the caller's transaction.
async fn load(
    conn: &mut SqliteConnection,
    key: &DataKey,
    scope: &DraftScope,
    reference: &str,
) -> Result<JournalRecord, StoreError> {
    query_journal!(
        SELECT
            * "FROM purchase_journal WHERE reference = ?1 AND environment_key = ?2 \
         AND merchant_id = ?3",
        reference,
        scope.environment_key,
        scope.merchant_id,
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::JournalOperationNotFound {
        reference: reference.to_owned(),
    })?
    .open(key)
}

/// The row `reference` in whatever scope, for telling a retry from a reused reference.
async fn load_any_scope(
    conn: &mut SqliteConnection,
    key: &DataKey,
    reference: &str,
) -> Result<Option<JournalRecord>, StoreError> {
    query_journal!(
        SELECT * "FROM purchase_journal WHERE reference = ?1",
        reference
    )
    .fetch_optional(conn)
    .await?
    .map(|row| row.open(key))
    .transpose()
}

/// The reference of the purchase's operation in flight, if any (whatever its scope).
async fn in_flight_of(
    conn: &mut SqliteConnection,
    purchase_id: &str,
) -> Result<Option<String>, StoreError> {
    let reference: Option<Stored<String>> = sqlx::query_scalar!(
        r#"SELECT reference AS "reference!: _" FROM purchase_journal
           WHERE purchase_id = ?1 AND state IN ('submitting', 'outcome_unknown')"#,
        purchase_id,
    )
    .fetch_optional(conn)
    .await?;
    let r = RowKey::new("purchase_journal", purchase_id.to_owned());
    reference.map(|value| r.get("reference", value)).transpose()
}

/// `→ refused` with `code`, the body wiped; the personal part resealed when given.
async fn set_refused(
    conn: &mut SqliteConnection,
    key: &DataKey,
    reference: &str,
    code: &str,
    personal: Option<&SealedPersonal>,
) -> Result<JournalRecord, StoreError> {
    let updated_at = now();
    let record = match personal {
        Some(personal) => {
            let sealed = seal::seal_value(key, PERSONAL, reference, personal)?;
            let key_id = key.id();
            query_journal!(
                "UPDATE purchase_journal SET state = 'refused', refusal_code = ?2, \
                 request = NULL, personal = ?3, key_id = ?4, updated_at = ?5 \
                 WHERE reference = ?1" RETURNING *,
                reference,
                code,
                sealed,
                key_id,
                updated_at,
            )
            .fetch_one(conn)
            .await?
        }
        None => {
            query_journal!(
                "UPDATE purchase_journal SET state = 'refused', refusal_code = ?2, \
                 request = NULL, updated_at = ?3 WHERE reference = ?1" RETURNING *,
                reference,
                code,
                updated_at,
            )
            .fetch_one(conn)
            .await?
        }
    };
    record.open(key)
}

/// The personal part of `record`, to reseal with a change.
fn personal_of(record: &JournalRecord) -> SealedPersonal {
    SealedPersonal {
        account_number: record.account_number.clone(),
        customer_name: record.customer_name.clone(),
        approvals: record.approvals.clone(),
        snapshot: record.snapshot.clone(),
    }
}

fn recorded(approval: NewApproval<'_>) -> Approval {
    Approval {
        by: approval.by.trim().to_owned(),
        at: now(),
        reason: Personal::new(approval.reason.trim().to_owned()),
    }
}

fn wrong_state(record: &JournalRecord, action: &'static str) -> StoreError {
    StoreError::JournalWrongState {
        reference: record.reference.clone(),
        state: record.state,
        action,
    }
}

/// The ids known so far with those learnt: a new one fills a gap, an equal one changes
/// nothing, a different one is refused (Flexiti's answer contradicts the row).
fn merged_ids(known: &FlexitiIds, learnt: &FlexitiIds) -> Result<FlexitiIds, StoreError> {
    let merge = |what: &'static str, known: Option<i64>, learnt: Option<i64>| match (known, learnt)
    {
        (Some(a), Some(b)) if a != b => Err(StoreError::InvalidInput {
            what,
            reason: "differs from the one the operation was begun with",
        }),
        (known, learnt) => Ok(learnt.or(known)),
    };
    Ok(FlexitiIds {
        authorization_id: merge(
            "authorization_id",
            known.authorization_id,
            learnt.authorization_id,
        )?,
        capture_id: merge("capture_id", known.capture_id, learnt.capture_id)?,
        return_id: merge("return_id", known.return_id, learnt.return_id)?,
    })
}

/// The keyed hash of an account number, leading zeros aside (Flexiti sends it as a number).
fn account_hash(key: &DataKey, account_number: &str) -> Result<String, StoreError> {
    let digits = account_number.trim_start_matches('0');
    let canonical = if digits.is_empty() { "0" } else { digits };
    seal::keyed_hash(key, ACCOUNT_HASH, canonical.as_bytes())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks an operation before it reaches SQL; returns its sequence number.
fn check_new(op: &NewOperation<'_>) -> Result<u32, StoreError> {
    let invalid = |what, reason| Err(StoreError::InvalidInput { what, reason });
    if !is_uuid_v4_hex(op.purchase_id) {
        return invalid(
            "purchase_id",
            "must be a UUID v4 as 32 lowercase hex digits",
        );
    }
    let seq = sequence_of(op.purchase_id, op.reference)?;
    if op.kind.is_authorization() != (seq == 0) {
        return invalid(
            "reference",
            "a sale or hold is sent under the purchase id, what follows under -n",
        );
    }
    if op.amount.cents() <= 0 {
        return invalid("amount", "must be more than 0");
    }
    if op.remaining_before.is_some_and(|m| m.cents() < 0) {
        return invalid("remaining_before", "must not be negative");
    }
    match (op.plan_id, op.term) {
        (None, None) => {}
        (Some(plan), Some(term)) if plan > 0 && term > 0 => {}
        _ => return invalid("plan_id", "a plan and its term are both given, or neither"),
    }
    check_ids(&op.ids)?;
    validate::non_empty("store_id", op.store_id)?;
    validate::non_empty("terminal_id", op.terminal_id)?;
    validate::non_empty("rep_username", op.rep_username)?;
    if op.rep_username.chars().count() > 50 {
        return invalid("rep_username", "must be at most 50 characters");
    }
    validate::non_empty("reference_id", op.reference_id)?;
    if !is_lower_hex(op.idempotency_key, 32) {
        return invalid("idempotency_key", "must be 32 lowercase hex digits");
    }
    validate::json("body", op.body)?;
    check_account_number(op.account_number)?;
    if let Some(card) = op.card_ending_in {
        if card.len() != 4 || !card.bytes().all(|b| b.is_ascii_digit()) {
            return invalid("card_ending_in", "must be the card's last 4 digits");
        }
    }
    if let Some(approval) = &op.approval {
        check_approval(approval)?;
    }
    check_local_date(op.local_date)?;
    Ok(seq)
}

/// 0 when `reference` is the purchase id, n when it is `{purchase_id}-{n}`.
fn sequence_of(purchase_id: &str, reference: &str) -> Result<u32, StoreError> {
    let bad = StoreError::InvalidInput {
        what: "reference",
        reason: "must be the purchase id, or the purchase id, '-' and a number from 1",
    };
    let Some(rest) = reference.strip_prefix(purchase_id) else {
        return Err(bad);
    };
    if rest.is_empty() {
        return Ok(0);
    }
    let Some(number) = rest.strip_prefix('-') else {
        return Err(bad);
    };
    if number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    match number.parse::<u32>() {
        Ok(n) if (1..=MAX_SEQ).contains(&n) => Ok(n),
        _ => Err(bad),
    }
}

fn check_ids(ids: &FlexitiIds) -> Result<(), StoreError> {
    for (what, id) in [
        ("authorization_id", ids.authorization_id),
        ("capture_id", ids.capture_id),
        ("return_id", ids.return_id),
    ] {
        if id.is_some_and(|id| id <= 0) {
            return Err(StoreError::InvalidInput {
                what,
                reason: "must be more than 0",
            });
        }
    }
    Ok(())
}

fn check_account_number(account_number: &str) -> Result<(), StoreError> {
    if (1..=14).contains(&account_number.len())
        && account_number.bytes().all(|b| b.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(StoreError::InvalidInput {
            what: "account_number",
            reason: "must be 1 to 14 digits",
        })
    }
}

fn check_local_date(local_date: &str) -> Result<(), StoreError> {
    let valid =
        local_date.len() == 10 && chrono::NaiveDate::parse_from_str(local_date, "%Y-%m-%d").is_ok();
    if valid {
        Ok(())
    } else {
        Err(StoreError::InvalidInput {
            what: "local_date",
            reason: "must be a date as YYYY-MM-DD",
        })
    }
}

fn check_code(code: &str) -> Result<(), StoreError> {
    let valid = (1..=64).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(StoreError::InvalidInput {
            what: "code",
            reason: "must be a snake_case error code",
        })
    }
}

fn check_approval(approval: &NewApproval<'_>) -> Result<(), StoreError> {
    validate::non_empty("approval_by", approval.by)?;
    validate::non_empty("approval_reason", approval.reason)
}

fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// 32 lowercase hex digits with the version (4) and variant (8-b) of a random UUID.
fn is_uuid_v4_hex(text: &str) -> bool {
    let bytes = text.as_bytes();
    is_lower_hex(text, 32) && bytes[12] == b'4' && matches!(bytes[16], b'8' | b'9' | b'a' | b'b')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PURCHASE: &str = "9f1c2d3e4f5a4b6c8d7e9f0a1b2c3d4e";

    #[test]
    fn short_names() {
        assert_eq!(short_customer_name("John", "Smith"), "J. Smith");
        assert_eq!(short_customer_name(" émile ", "Côté "), "É. Côté");
        assert_eq!(short_customer_name("", "Smith"), "Smith");
        assert_eq!(short_customer_name("Zoé", ""), "Z.");
        assert_eq!(short_customer_name("", ""), "");
    }

    #[test]
    fn references_and_their_sequence() {
        assert_eq!(sequence_of(PURCHASE, PURCHASE).ok(), Some(0));
        assert_eq!(
            sequence_of(PURCHASE, &format!("{PURCHASE}-1")).ok(),
            Some(1)
        );
        assert_eq!(
            sequence_of(PURCHASE, &format!("{PURCHASE}-9999999")).ok(),
            Some(9_999_999)
        );
        for bad in ["-0", "-01", "-", "-10000000", "-1a", "1", "-+1", "--1"] {
            assert!(
                sequence_of(PURCHASE, &format!("{PURCHASE}{bad}")).is_err(),
                "{bad}"
            );
        }
        assert!(sequence_of(PURCHASE, "0f1c2d3e4f5a4b6c8d7e9f0a1b2c3d4e-1").is_err());
    }

    #[test]
    fn purchase_ids_are_uuid_v4() {
        assert!(is_uuid_v4_hex(PURCHASE));
        assert!(!is_uuid_v4_hex(&PURCHASE.to_uppercase()));
        assert!(!is_uuid_v4_hex("9f1c2d3e4f5a1b6c8d7e9f0a1b2c3d4e")); // version 1
        assert!(!is_uuid_v4_hex("9f1c2d3e4f5a4b6c0d7e9f0a1b2c3d4e")); // variant
        assert!(!is_uuid_v4_hex("9f1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"));
    }

    #[test]
    fn ids_merge_without_contradiction() {
        let known = FlexitiIds {
            authorization_id: Some(7),
            ..FlexitiIds::default()
        };
        let learnt = FlexitiIds {
            authorization_id: Some(7),
            capture_id: Some(9),
            return_id: None,
        };
        assert_eq!(
            merged_ids(&known, &learnt).ok(),
            Some(FlexitiIds {
                authorization_id: Some(7),
                capture_id: Some(9),
                return_id: None
            })
        );
        let other = FlexitiIds {
            authorization_id: Some(8),
            ..FlexitiIds::default()
        };
        assert!(merged_ids(&known, &other).is_err());
    }

    #[test]
    fn flags_order_duplicate_above_mismatch() {
        assert!(JournalFlag::Duplicate > JournalFlag::Mismatch);
    }

    #[test]
    fn the_account_hash_ignores_leading_zeros() {
        let key = DataKey::from_hex(&"33".repeat(32)).unwrap();
        assert_eq!(
            account_hash(&key, "00123").unwrap(),
            account_hash(&key, "123").unwrap()
        );
    }
}
