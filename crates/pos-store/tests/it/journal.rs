//! The purchase journal on a real file: its state machine (every step allowed and refused),
//! a retry after a crash re-sending the same key and bytes, the body wiped once the outcome
//! is known, the account number, card and customer sealed (no byte in the file or its WAL),
//! scopes that never see each other's rows, one operation at a time per purchase, the day's
//! rows by local date, the keyed hash of the account number, and retention keeping the rows.

use std::path::Path;

use crate::common::{other_key, raw_connection, scope, test_key, TestDb};
use pos_core::Money;
use pos_store::{
    Completion, DraftScope, ErrorCode, FlexitiIds, JournalFlag, JournalRecord, JournalState,
    NewApproval, NewOperation, OperationKind, Store, StoreError, FREED_BY_ADMINISTRATOR,
};

const ACCOUNT: &str = "116994755";
const CARD: &str = "1070015210367982";
const FIRST_NAME: &str = "Quillon";
const LAST_NAME: &str = "Zabriskie";
const CUSTOMER: &str = "Q. Zabriskie";
const REASON: &str = "Flexiti confirmed nothing was charged to Zabriskie";
const TODAY: &str = "2026-11-28";

/// A purchase id: a UUID v4 as 32 lowercase hex digits, different for each `n`.
fn purchase_id(n: u32) -> String {
    format!("{n:08x}0000400080000000{n:08x}")
}

/// An idempotency key (32 lowercase hex digits) for an attempt at `reference`.
fn key_for(reference: &str, attempt: u32) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(format!("{reference}/{attempt}").as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The body as the app would send it: the account and the whole card number inside.
fn body(reference: &str, cents: i64) -> String {
    serde_json::json!({
        "account_number": ACCOUNT.parse::<i64>().unwrap(),
        "vcc_number": CARD,
        "reference": reference,
        "amount": Money(cents),
        "external_location_id": "00-12345",
        "external_employee_id": "merchantonline",
    })
    .to_string()
}

/// What [`NewOperation`] borrows, owned.
struct Op {
    purchase_id: String,
    reference: String,
    kind: OperationKind,
    cents: i64,
    plan: Option<(i64, i64)>,
    ids: FlexitiIds,
    remaining_before: Option<i64>,
    key: String,
    body: String,
    account: String,
    approval: Option<(String, String)>,
    local_date: String,
}

impl Op {
    fn sale(purchase: &str) -> Op {
        Op {
            purchase_id: purchase.to_owned(),
            reference: purchase.to_owned(),
            kind: OperationKind::Sale,
            cents: 100_012,
            plan: Some((4, 12)),
            ids: FlexitiIds::default(),
            remaining_before: None,
            key: key_for(purchase, 1),
            body: body(purchase, 100_012),
            account: ACCOUNT.to_owned(),
            approval: None,
            local_date: TODAY.to_owned(),
        }
    }

    fn after(purchase: &str, n: u32, kind: OperationKind, cents: i64) -> Op {
        let reference = format!("{purchase}-{n}");
        Op {
            kind,
            cents,
            ids: FlexitiIds {
                authorization_id: Some(12_343),
                capture_id: None,
                return_id: None,
            },
            remaining_before: Some(100_012),
            key: key_for(&reference, 1),
            body: body(&reference, cents),
            reference,
            approval: Some(("administrator".to_owned(), REASON.to_owned())),
            ..Op::sale(purchase)
        }
    }

    fn as_new(&self) -> NewOperation<'_> {
        NewOperation {
            purchase_id: &self.purchase_id,
            reference: &self.reference,
            kind: self.kind,
            amount: Money(self.cents),
            plan_id: self.plan.map(|(plan, _)| plan),
            term: self.plan.map(|(_, term)| term),
            ids: self.ids,
            remaining_before: self.remaining_before.map(Money),
            store_id: "00-12345",
            terminal_id: "till-1",
            rep_username: "merchantonline",
            reference_id: "c5b1d0e2-reference-id",
            idempotency_key: &self.key,
            body: &self.body,
            account_number: &self.account,
            card_ending_in: Some(&CARD[12..]),
            customer_name: CUSTOMER,
            approval: self
                .approval
                .as_ref()
                .map(|(by, reason)| NewApproval { by, reason }),
            local_date: &self.local_date,
        }
    }
}

fn snapshot() -> String {
    serde_json::json!({
        "en": {"answer": {"authorization_id": 12343, "account_number": 116994755},
               "customer": {"first_name": FIRST_NAME, "last_name": LAST_NAME},
               "row": {"plan_id": 4, "term": 12, "term_amount": 87.92}},
    })
    .to_string()
}

fn done_with(authorization_id: i64) -> Completion<'static> {
    let snapshot: &'static str = Box::leak(snapshot().into_boxed_str());
    Completion {
        ids: FlexitiIds {
            authorization_id: Some(authorization_id),
            capture_id: Some(346_123),
            return_id: None,
        },
        snapshot_json: snapshot,
        flag: None,
    }
}

fn approval() -> NewApproval<'static> {
    NewApproval {
        by: "administrator",
        reason: REASON,
    }
}

fn scope_of(environment_key: &str, merchant_id: &str) -> DraftScope {
    DraftScope {
        environment_key: environment_key.to_owned(),
        merchant_id: merchant_id.to_owned(),
    }
}

fn code(result: Result<JournalRecord, StoreError>) -> ErrorCode {
    result.expect_err("the step is refused").error_code()
}

/// A sale begun and completed: the purchase is charged.
async fn charged(store: &Store, purchase: &str) -> JournalRecord {
    store
        .begin_operation(&scope(), &Op::sale(purchase).as_new())
        .await
        .unwrap();
    store
        .complete_operation(&scope(), purchase, &done_with(12_343))
        .await
        .unwrap()
}

#[tokio::test]
async fn begin_stores_keys_body_and_hash_before_anything_is_sent() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(1);
    let op = Op::sale(&purchase);
    let row = store.begin_operation(&scope(), &op.as_new()).await.unwrap();
    assert_eq!(row.state, JournalState::Submitting);
    assert_eq!(row.reference, purchase);
    assert_eq!(row.purchase_id, purchase);
    assert_eq!(row.seq, 0);
    assert_eq!(row.kind, OperationKind::Sale);
    assert_eq!(row.amount, Money(100_012));
    assert_eq!((row.plan_id, row.term), (Some(4), Some(12)));
    assert_eq!(row.idempotency_key, op.key);
    assert_eq!(
        row.request.as_ref().map(|b| b.expose().as_str()),
        Some(op.body.as_str())
    );
    // x-context-hash: lowercase hex SHA-256 of the exact bytes.
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(op.body.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(row.context_hash, expected);
    assert_eq!(row.account_number.expose(), ACCOUNT);
    assert_eq!(row.card_ending_in.as_deref(), Some("7982"));
    assert_eq!(row.customer_name.expose(), CUSTOMER);
    assert_eq!(row.local_date, TODAY);
    assert_eq!(row.scope, scope());
    assert_eq!(row.flag, None);
    assert_eq!(row.snapshot, None);
    assert!(row.approvals.is_empty());
    assert_eq!(row.created_at, row.updated_at);
    // Nothing personal in its Debug form.
    let debug = format!("{row:?}");
    for secret in [ACCOUNT, CARD, CUSTOMER, LAST_NAME] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    assert_eq!(store.operation(&scope(), &purchase).await.unwrap(), row);
    store.close().await;
}

#[tokio::test]
async fn every_step_of_the_state_machine_allowed_and_refused() {
    let db = TestDb::new();
    let store = db.open().await;
    let here = scope();
    use ErrorCode::{JournalOperationNotFound as NotFound, JournalWrongState as Wrong};

    // submitting -> outcome_unknown (twice: unchanged) -> done.
    let a = purchase_id(1);
    store
        .begin_operation(&here, &Op::sale(&a).as_new())
        .await
        .unwrap();
    let unknown = store
        .mark_operation_outcome_unknown(&here, &a)
        .await
        .unwrap();
    assert_eq!(unknown.state, JournalState::OutcomeUnknown);
    assert_eq!(
        store
            .mark_operation_outcome_unknown(&here, &a)
            .await
            .unwrap(),
        unknown
    );
    assert_eq!(
        code(store.flag_operation(&here, &a, JournalFlag::Mismatch).await),
        Wrong
    );
    let done = store
        .complete_operation(&here, &a, &done_with(12_343))
        .await
        .unwrap();
    assert_eq!(done.state, JournalState::Done);
    assert_eq!(done.ids.authorization_id, Some(12_343));
    assert_eq!(done.ids.capture_id, Some(346_123));
    assert_eq!(
        done.snapshot.as_ref().map(|s| s.expose().clone()),
        Some(snapshot())
    );
    // done is final.
    assert_eq!(
        code(store.mark_operation_outcome_unknown(&here, &a).await),
        Wrong
    );
    assert_eq!(
        code(
            store
                .complete_operation(&here, &a, &done_with(12_343))
                .await
        ),
        Wrong
    );
    assert_eq!(
        code(store.refuse_operation(&here, &a, "credit_exceeded").await),
        Wrong
    );
    assert_eq!(
        code(
            store
                .free_operation_for_new_submission(&here, &a, approval())
                .await
        ),
        Wrong
    );
    assert_eq!(
        code(store.begin_operation(&here, &Op::sale(&a).as_new()).await),
        Wrong
    );

    // submitting -> done at once, flagged by the completion.
    let b = purchase_id(2);
    store
        .begin_operation(&here, &Op::sale(&b).as_new())
        .await
        .unwrap();
    let mut adopted = done_with(555);
    adopted.flag = Some(JournalFlag::Mismatch);
    let b_done = store.complete_operation(&here, &b, &adopted).await.unwrap();
    assert_eq!(
        (b_done.state, b_done.flag),
        (JournalState::Done, Some(JournalFlag::Mismatch))
    );
    // Flags rise, never fall.
    let dup = store
        .flag_operation(&here, &b, JournalFlag::Duplicate)
        .await
        .unwrap();
    assert_eq!(dup.flag, Some(JournalFlag::Duplicate));
    let still = store
        .flag_operation(&here, &b, JournalFlag::Mismatch)
        .await
        .unwrap();
    assert_eq!(still.flag, Some(JournalFlag::Duplicate));

    // submitting -> refused; refused is final.
    let c = purchase_id(3);
    store
        .begin_operation(&here, &Op::sale(&c).as_new())
        .await
        .unwrap();
    assert_eq!(
        code(
            store
                .free_operation_for_new_submission(&here, &c, approval())
                .await
        ),
        Wrong,
        "a row still being sent by this run cannot be freed"
    );
    assert_eq!(
        code(
            store
                .refuse_operation(&here, &c, FREED_BY_ADMINISTRATOR)
                .await
        ),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(store.refuse_operation(&here, &c, "Not A Code").await),
        ErrorCode::InvalidInput
    );
    let refused = store
        .refuse_operation(&here, &c, "credit_exceeded")
        .await
        .unwrap();
    assert_eq!(refused.state, JournalState::Refused);
    assert_eq!(refused.refusal_code.as_deref(), Some("credit_exceeded"));
    assert_eq!(
        code(store.mark_operation_outcome_unknown(&here, &c).await),
        Wrong
    );
    assert_eq!(
        code(store.complete_operation(&here, &c, &done_with(1)).await),
        Wrong
    );
    assert_eq!(
        code(store.refuse_operation(&here, &c, "credit_exceeded").await),
        Wrong
    );
    assert_eq!(
        code(
            store
                .free_operation_for_new_submission(&here, &c, approval())
                .await
        ),
        Wrong
    );
    assert_eq!(
        code(store.begin_operation(&here, &Op::sale(&c).as_new()).await),
        Wrong
    );
    // A refused row can be flagged (Flexiti shows a record with its reference after all).
    let flagged = store
        .flag_operation(&here, &c, JournalFlag::Duplicate)
        .await
        .unwrap();
    assert_eq!(flagged.flag, Some(JournalFlag::Duplicate));

    // outcome_unknown -> refused (a re-send Flexiti refused).
    let d = purchase_id(4);
    store
        .begin_operation(&here, &Op::sale(&d).as_new())
        .await
        .unwrap();
    store
        .mark_operation_outcome_unknown(&here, &d)
        .await
        .unwrap();
    let d_refused = store
        .refuse_operation(&here, &d, "not_verified")
        .await
        .unwrap();
    assert_eq!(d_refused.state, JournalState::Refused);

    // outcome_unknown -> refused by the administrator freeing it, the approval recorded.
    let e = purchase_id(5);
    store
        .begin_operation(&here, &Op::sale(&e).as_new())
        .await
        .unwrap();
    store
        .mark_operation_outcome_unknown(&here, &e)
        .await
        .unwrap();
    let freed = store
        .free_operation_for_new_submission(&here, &e, approval())
        .await
        .unwrap();
    assert_eq!(freed.state, JournalState::Refused);
    assert_eq!(freed.refusal_code.as_deref(), Some(FREED_BY_ADMINISTRATOR));
    assert_eq!(freed.approvals.len(), 1);
    assert_eq!(freed.approvals[0].by, "administrator");
    assert_eq!(freed.approvals[0].reason.expose(), REASON);
    assert!(freed.approvals[0].at.ends_with('Z'));
    // Approvals are added in any state, in order.
    let approved = store
        .approve_operation(
            &here,
            &e,
            NewApproval {
                by: "administrator",
                reason: "reviewed at closing",
            },
        )
        .await
        .unwrap();
    assert_eq!(approved.approvals.len(), 2);
    assert_eq!(approved.approvals[1].reason.expose(), "reviewed at closing");
    assert_eq!(approved.state, JournalState::Refused);
    assert_eq!(
        code(
            store
                .approve_operation(
                    &here,
                    &e,
                    NewApproval {
                        by: "administrator",
                        reason: " "
                    }
                )
                .await
        ),
        ErrorCode::InvalidInput
    );

    // Unknown references.
    let nobody = purchase_id(99);
    assert_eq!(code(store.operation(&here, &nobody).await), NotFound);
    assert_eq!(
        code(store.mark_operation_outcome_unknown(&here, &nobody).await),
        NotFound
    );
    assert_eq!(
        code(
            store
                .complete_operation(&here, &nobody, &done_with(1))
                .await
        ),
        NotFound
    );
    assert_eq!(
        code(store.refuse_operation(&here, &nobody, "x").await),
        NotFound
    );
    assert_eq!(
        code(
            store
                .free_operation_for_new_submission(&here, &nobody, approval())
                .await
        ),
        NotFound
    );
    assert_eq!(
        code(
            store
                .flag_operation(&here, &nobody, JournalFlag::Mismatch)
                .await
        ),
        NotFound
    );
    assert_eq!(
        code(store.approve_operation(&here, &nobody, approval()).await),
        NotFound
    );
    store.close().await;
}

#[tokio::test]
async fn completion_ids_fill_in_and_never_contradict() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(1);
    charged(&store, &purchase).await;
    let reference = format!("{purchase}-1");
    let mut op = Op::after(&purchase, 1, OperationKind::Return, 5_000);
    op.ids.capture_id = Some(346_123);
    let begun = store.begin_operation(&scope(), &op.as_new()).await.unwrap();
    assert_eq!(begun.ids.capture_id, Some(346_123));
    assert_eq!(begun.remaining_before, Some(Money(100_012)));
    assert_eq!(begun.approvals.len(), 1, "the approval given to begin it");
    let contradiction = Completion {
        ids: FlexitiIds {
            authorization_id: Some(99_999),
            ..FlexitiIds::default()
        },
        snapshot_json: "{}",
        flag: None,
    };
    assert_eq!(
        code(
            store
                .complete_operation(&scope(), &reference, &contradiction)
                .await
        ),
        ErrorCode::InvalidInput
    );
    let returned = Completion {
        ids: FlexitiIds {
            return_id: Some(4_000_000_000_123),
            ..FlexitiIds::default()
        },
        snapshot_json: "{}",
        flag: None,
    };
    let done = store
        .complete_operation(&scope(), &reference, &returned)
        .await
        .unwrap();
    assert_eq!(
        done.ids,
        FlexitiIds {
            authorization_id: Some(12_343),
            capture_id: Some(346_123),
            return_id: Some(4_000_000_000_123),
        }
    );
    store.close().await;
}

#[tokio::test]
async fn a_retry_after_a_crash_reuses_the_key_and_the_bytes() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(7);
    let first = Op::sale(&purchase);
    let begun = store
        .begin_operation(&scope(), &first.as_new())
        .await
        .unwrap();
    // A purchase already done: start-up leaves it be.
    let done = purchase_id(8);
    charged(&store, &done).await;
    // The process dies mid-send: the pool goes without a word.
    drop(store);

    let store = db.open().await;
    assert_eq!(store.unknown_after_crash().await.unwrap(), 1);
    assert_eq!(store.unknown_after_crash().await.unwrap(), 0);
    let after = store.operation(&scope(), &purchase).await.unwrap();
    assert_eq!(after.state, JournalState::OutcomeUnknown);
    assert_eq!(
        store.operation(&scope(), &done).await.unwrap().state,
        JournalState::Done
    );

    // The engine retries with what it would build now: the stored key and bytes win.
    let mut again = Op::sale(&purchase);
    again.key = key_for(&purchase, 2);
    again.body = body(&purchase, 100_013);
    again.cents = 100_013;
    let retry = store
        .begin_operation(&scope(), &again.as_new())
        .await
        .unwrap();
    assert_eq!(retry, after, "returned unchanged");
    assert_eq!(retry.idempotency_key, begun.idempotency_key);
    assert_eq!(retry.context_hash, begun.context_hash);
    assert_eq!(
        retry.request.as_ref().map(|b| b.expose().as_str()),
        Some(first.body.as_str())
    );
    assert_eq!(retry.amount, Money(100_012));
    store.close().await;
}

#[tokio::test]
async fn the_body_is_wiped_once_the_outcome_is_known() {
    let db = TestDb::new();
    let store = db.open().await;
    let (done, refused, freed) = (purchase_id(1), purchase_id(2), purchase_id(3));
    for purchase in [&done, &refused, &freed] {
        store
            .begin_operation(&scope(), &Op::sale(purchase).as_new())
            .await
            .unwrap();
    }
    store
        .mark_operation_outcome_unknown(&scope(), &freed)
        .await
        .unwrap();
    let records = [
        store
            .complete_operation(&scope(), &done, &done_with(1))
            .await
            .unwrap(),
        store
            .refuse_operation(&scope(), &refused, "credit_exceeded")
            .await
            .unwrap(),
        store
            .free_operation_for_new_submission(&scope(), &freed, approval())
            .await
            .unwrap(),
    ];
    for record in &records {
        assert_eq!(record.request, None, "{}", record.reference);
        assert_eq!(record.account_number.expose(), ACCOUNT, "the account stays");
    }
    store.close().await;
    let mut raw = raw_connection(&db.path).await;
    let bodies: i64 =
        sqlx::query_scalar("SELECT count(*) FROM purchase_journal WHERE request IS NOT NULL")
            .fetch_one(&mut raw)
            .await
            .unwrap();
    assert_eq!(bodies, 0);
    let personal: i64 =
        sqlx::query_scalar("SELECT count(*) FROM purchase_journal WHERE personal IS NOT NULL")
            .fetch_one(&mut raw)
            .await
            .unwrap();
    assert_eq!(personal, 3);
}

/// Every occurrence of `needle` in the files of `dir` (the database, its WAL, backups).
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    found
}

#[tokio::test]
async fn account_card_and_customer_are_in_no_file_in_clear() {
    let db = TestDb::new();
    let store = db.open().await;
    let needles = [ACCOUNT, CARD, CUSTOMER, LAST_NAME, FIRST_NAME, REASON];
    let purchase = purchase_id(1);
    let unknown = purchase_id(2);
    charged(&store, &purchase).await;
    store
        .begin_operation(
            &scope(),
            &Op::after(&purchase, 1, OperationKind::Capture, 1_000).as_new(),
        )
        .await
        .unwrap();
    store
        .begin_operation(&scope(), &Op::sale(&unknown).as_new())
        .await
        .unwrap();
    store
        .approve_operation(&scope(), &purchase, approval())
        .await
        .unwrap();
    // While open, the last writes sit in the WAL: the body in flight is there, sealed.
    assert!(db.files().iter().any(|f| f.ends_with("-wal")));
    for needle in needles {
        assert_eq!(
            files_holding(db.dir.path(), needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let record = store.operation(&scope(), &unknown).await.unwrap();
    assert!(record.request.unwrap().expose().contains(CARD));
    store.close().await;
    for needle in needles {
        assert_eq!(
            files_holding(db.dir.path(), needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    // In clear: the last 4 digits and the keyed hash only.
    let mut raw = raw_connection(&db.path).await;
    let (card, hash): (Option<String>, String) = sqlx::query_as(
        "SELECT card_ending_in, account_hash FROM purchase_journal WHERE reference = ?1",
    )
    .bind(&purchase)
    .fetch_one(&mut raw)
    .await
    .unwrap();
    assert_eq!(card.as_deref(), Some("7982"));
    assert_eq!(hash.len(), 64);
}

#[tokio::test]
async fn another_key_cannot_open_the_rows() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(1);
    charged(&store, &purchase).await;
    store.close().await;
    let store = Store::open(&db.path, other_key()).await.unwrap();
    let error = store.operation(&scope(), &purchase).await.unwrap_err();
    assert_eq!(error.code(), "journal_wrong_key");
    store.close().await;
    // Relabelled with the other key's id: tampering, not a wrong key.
    let mut raw = raw_connection(&db.path).await;
    sqlx::query("UPDATE purchase_journal SET key_id = ?1")
        .bind(other_key().id())
        .execute(&mut raw)
        .await
        .unwrap();
    drop(raw);
    let store = Store::open(&db.path, other_key()).await.unwrap();
    let error = store.operation(&scope(), &purchase).await.unwrap_err();
    assert_eq!(error.code(), "journal_tampered");
    store.close().await;
}

#[tokio::test]
async fn another_scope_never_sees_or_changes_the_rows() {
    let db = TestDb::new();
    let store = db.open().await;
    let here = scope();
    let purchase = purchase_id(1);
    let open = purchase_id(2);
    charged(&store, &purchase).await;
    store
        .begin_operation(&here, &Op::sale(&open).as_new())
        .await
        .unwrap();
    for elsewhere in [
        scope_of("sandbox", &here.merchant_id),
        scope_of(&here.environment_key, "merchant-2"),
    ] {
        use ErrorCode::JournalOperationNotFound as NotFound;
        assert_eq!(code(store.operation(&elsewhere, &purchase).await), NotFound);
        assert!(store
            .purchase_operations(&elsewhere, &purchase)
            .await
            .unwrap()
            .is_empty());
        assert!(store
            .journal_for_day(&elsewhere, TODAY)
            .await
            .unwrap()
            .is_empty());
        assert!(store.open_operations(&elsewhere).await.unwrap().is_empty());
        assert!(store
            .account_operations(&elsewhere, ACCOUNT)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            code(
                store
                    .mark_operation_outcome_unknown(&elsewhere, &open)
                    .await
            ),
            NotFound
        );
        assert_eq!(
            code(
                store
                    .complete_operation(&elsewhere, &open, &done_with(1))
                    .await
            ),
            NotFound
        );
        assert_eq!(
            code(store.refuse_operation(&elsewhere, &open, "x").await),
            NotFound
        );
        assert_eq!(
            code(
                store
                    .flag_operation(&elsewhere, &purchase, JournalFlag::Duplicate)
                    .await
            ),
            NotFound
        );
        assert_eq!(
            code(
                store
                    .approve_operation(&elsewhere, &purchase, approval())
                    .await
            ),
            NotFound
        );
        // Neither a retry nor an operation after the sale from there.
        assert_eq!(
            code(
                store
                    .begin_operation(&elsewhere, &Op::sale(&open).as_new())
                    .await
            ),
            ErrorCode::InvalidInput
        );
        assert_eq!(
            code(
                store
                    .begin_operation(
                        &elsewhere,
                        &Op::after(&purchase, 1, OperationKind::Capture, 100).as_new()
                    )
                    .await
            ),
            ErrorCode::JournalPurchaseNotCharged
        );
        assert_eq!(
            store
                .next_operation_reference(&elsewhere, &purchase)
                .await
                .unwrap_err()
                .code(),
            "journal_purchase_not_charged"
        );
    }
    assert_eq!(store.journal_for_day(&here, TODAY).await.unwrap().len(), 2);
    assert_eq!(store.open_operations(&here).await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn one_operation_at_a_time_per_purchase() {
    let db = TestDb::new();
    let store = db.open().await;
    let here = scope();
    let purchase = purchase_id(1);

    // Nothing follows a sale that is not done.
    store
        .begin_operation(&here, &Op::sale(&purchase).as_new())
        .await
        .unwrap();
    let capture = Op::after(&purchase, 1, OperationKind::Capture, 40_000);
    assert_eq!(
        code(store.begin_operation(&here, &capture.as_new()).await),
        ErrorCode::JournalOperationInFlight
    );
    store
        .mark_operation_outcome_unknown(&here, &purchase)
        .await
        .unwrap();
    assert_eq!(
        code(store.begin_operation(&here, &capture.as_new()).await),
        ErrorCode::JournalOperationInFlight
    );
    store
        .refuse_operation(&here, &purchase, "not_verified")
        .await
        .unwrap();
    assert_eq!(
        code(store.begin_operation(&here, &capture.as_new()).await),
        ErrorCode::JournalPurchaseNotCharged,
        "a refused sale charged nothing"
    );

    // A charged hold: capture, then a release only once the capture is known.
    let hold = purchase_id(2);
    let mut op = Op::sale(&hold);
    op.kind = OperationKind::Hold;
    store.begin_operation(&here, &op.as_new()).await.unwrap();
    store
        .complete_operation(&here, &hold, &done_with(12_343))
        .await
        .unwrap();
    let first = store.next_operation_reference(&here, &hold).await.unwrap();
    assert_eq!(first, format!("{hold}-1"));
    store
        .begin_operation(
            &here,
            &Op::after(&hold, 1, OperationKind::Capture, 40_000).as_new(),
        )
        .await
        .unwrap();
    let next = store.next_operation_reference(&here, &hold).await.unwrap();
    assert_eq!(next, format!("{hold}-2"));
    let release = Op::after(&hold, 2, OperationKind::Release, 60_012);
    let in_flight = store
        .begin_operation(&here, &release.as_new())
        .await
        .unwrap_err();
    match &in_flight {
        StoreError::JournalOperationInFlight {
            purchase_id,
            in_flight,
        } => {
            assert_eq!(purchase_id, &hold);
            assert_eq!(in_flight, &first);
        }
        other => panic!("{other:?}"),
    }
    store
        .mark_operation_outcome_unknown(&here, &first)
        .await
        .unwrap();
    assert_eq!(
        code(store.begin_operation(&here, &release.as_new()).await),
        ErrorCode::JournalOperationInFlight
    );
    store
        .complete_operation(
            &here,
            &first,
            &Completion {
                ids: FlexitiIds {
                    capture_id: Some(777),
                    ..FlexitiIds::default()
                },
                snapshot_json: "{}",
                flag: None,
            },
        )
        .await
        .unwrap();
    let released = store
        .begin_operation(&here, &release.as_new())
        .await
        .unwrap();
    assert_eq!(released.seq, 2);
    // The retry of the release in flight is not a second operation.
    assert_eq!(
        store
            .begin_operation(&here, &release.as_new())
            .await
            .unwrap(),
        released
    );

    let all = store.purchase_operations(&here, &hold).await.unwrap();
    let order: Vec<(u32, OperationKind)> = all.iter().map(|r| (r.seq, r.kind)).collect();
    assert_eq!(
        order,
        [
            (0, OperationKind::Hold),
            (1, OperationKind::Capture),
            (2, OperationKind::Release)
        ]
    );

    // The schema holds the rule too, whatever the code does.
    store.close().await;
    let mut raw = raw_connection(&db.path).await;
    let second = sqlx::query(
        "UPDATE purchase_journal SET state = 'outcome_unknown', request = x'00', \
         refusal_code = NULL WHERE reference = ?1",
    )
    .bind(&first)
    .execute(&mut raw)
    .await;
    assert!(second.is_err(), "a second row in flight for the purchase");
}

#[tokio::test]
async fn the_days_rows_by_local_date() {
    let db = TestDb::new();
    let store = db.open().await;
    let here = scope();
    let mut references = Vec::new();
    for (n, date) in [(1, "2026-11-27"), (2, TODAY), (3, TODAY), (4, "2026-11-29")] {
        let purchase = purchase_id(n);
        let mut op = Op::sale(&purchase);
        op.local_date = date.to_owned();
        store.begin_operation(&here, &op.as_new()).await.unwrap();
        references.push(purchase);
    }
    // A capture today of yesterday's hold counts today.
    store
        .complete_operation(&here, &references[0], &done_with(1))
        .await
        .unwrap();
    let capture = Op::after(&references[0], 1, OperationKind::Capture, 500);
    store
        .begin_operation(&here, &capture.as_new())
        .await
        .unwrap();
    let today: Vec<String> = store
        .journal_for_day(&here, TODAY)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.reference)
        .collect();
    assert_eq!(
        today,
        [
            references[1].clone(),
            references[2].clone(),
            capture.reference.clone()
        ]
    );
    let yesterday = store.journal_for_day(&here, "2026-11-27").await.unwrap();
    assert_eq!(yesterday.len(), 1);
    assert_eq!(yesterday[0].reference, references[0]);
    assert!(store
        .journal_for_day(&here, "2026-11-30")
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .journal_for_day(&here, "2026-02-30")
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let open: Vec<String> = store
        .open_operations(&here)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.reference)
        .collect();
    assert_eq!(
        open,
        [
            references[1].clone(),
            references[2].clone(),
            references[3].clone(),
            capture.reference
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn the_keyed_hash_matches_the_account_and_differs_across_data_keys() {
    let db = TestDb::new();
    let store = db.open().await;
    let (a, b, c) = (purchase_id(1), purchase_id(2), purchase_id(3));
    store
        .begin_operation(&scope(), &Op::sale(&a).as_new())
        .await
        .unwrap();
    let mut other_account = Op::sale(&b);
    other_account.account = "123456789".to_owned();
    store
        .begin_operation(&scope(), &other_account.as_new())
        .await
        .unwrap();
    let mut zeros = Op::sale(&c);
    zeros.account = format!("00{ACCOUNT}");
    store
        .begin_operation(&scope(), &zeros.as_new())
        .await
        .unwrap();

    let hash = store.journal_account_hash(ACCOUNT).unwrap();
    let found: Vec<String> = store
        .account_operations(&scope(), ACCOUNT)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            assert_eq!(r.account_hash, hash);
            r.reference
        })
        .collect();
    assert_eq!(found, [a.clone(), c.clone()]);
    assert_ne!(store.journal_account_hash("123456789").unwrap(), hash);
    assert_eq!(
        store
            .journal_account_hash("12345678901234567")
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert!(!hash.contains(ACCOUNT));
    store.close().await;

    // Another terminal (another data key): another hash for the same account.
    let elsewhere = TestDb::new();
    let other = Store::open(&elsewhere.path, other_key()).await.unwrap();
    assert_ne!(other.journal_account_hash(ACCOUNT).unwrap(), hash);
    other.close().await;
    let same = Store::open(&elsewhere.path, test_key()).await.unwrap();
    assert_eq!(same.journal_account_hash(ACCOUNT).unwrap(), hash);
    same.close().await;
}

#[tokio::test]
async fn malformed_operations_and_reused_keys_are_refused() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(1);
    type Change = Box<dyn Fn(&mut Op)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "purchase_id",
            Box::new(|op| op.purchase_id = "not-a-uuid".to_owned()),
        ),
        (
            "reference",
            Box::new(|op| op.reference = format!("{}-1", op.purchase_id)),
        ),
        (
            "reference",
            Box::new(|op| op.reference = format!("{}-0", op.purchase_id)),
        ),
        ("amount", Box::new(|op| op.cents = 0)),
        ("plan_id", Box::new(|op| op.plan = Some((4, 0)))),
        ("idempotency_key", Box::new(|op| op.key = "KEY".to_owned())),
        (
            "idempotency_key",
            Box::new(|op| op.key = key_for(&purchase_id(2), 1)),
        ),
        ("body", Box::new(|op| op.body = "not json".to_owned())),
        (
            "account_number",
            Box::new(|op| op.account = "11699-4755".to_owned()),
        ),
        (
            "account_number",
            Box::new(|op| op.account = CARD.to_owned()),
        ),
        (
            "local_date",
            Box::new(|op| op.local_date = "28/11/2026".to_owned()),
        ),
        (
            "authorization_id",
            Box::new(|op| op.ids.authorization_id = Some(0)),
        ),
        (
            "remaining_before",
            Box::new(|op| op.remaining_before = Some(-1)),
        ),
    ];
    store
        .begin_operation(&scope(), &Op::sale(&purchase_id(2)).as_new())
        .await
        .unwrap();
    for (what, change) in cases {
        let mut op = Op::sale(&purchase);
        change(&mut op);
        match store.begin_operation(&scope(), &op.as_new()).await {
            Err(StoreError::InvalidInput { what: got, .. }) => assert_eq!(got, what),
            other => panic!("{what}: {other:?}"),
        }
    }
    // A capture under the sale's own reference.
    let mut capture = Op::sale(&purchase);
    capture.kind = OperationKind::Capture;
    assert_eq!(
        code(store.begin_operation(&scope(), &capture.as_new()).await),
        ErrorCode::InvalidInput
    );
    // Only the one operation begun properly is there.
    assert_eq!(
        store.journal_for_day(&scope(), TODAY).await.unwrap().len(),
        1
    );
    store.close().await;
}

#[tokio::test]
async fn retention_keeps_journal_rows() {
    let db = TestDb::new();
    let store = db.open().await;
    let purchase = purchase_id(1);
    charged(&store, &purchase).await;
    store
        .begin_operation(&scope(), &Op::sale(&purchase_id(2)).as_new())
        .await
        .unwrap();
    store
        .purge_drafts_before("9999-12-31T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!(
        store.journal_for_day(&scope(), TODAY).await.unwrap().len(),
        2
    );
    store.close().await;
}
