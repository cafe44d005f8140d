//! After the sale: capture or release a hold, return a plan purchase (within 100 days),
//! refund a regular one, or free a purchase whose outcome stayed unknown. Releases,
//! returns, refunds and freeing need the administrator's passphrase at the action
//! (throttled, audited, journaled); each operation is journaled with its key and bytes
//! before it leaves, one at a time per purchase, and gets its own receipt.

use chrono::Local;
use flexiti_api::{
    capture_body, refund_body, release_body, return_body, Authorization, CaptureRequest,
    IdempotencyKey, ReferenceId, RefundRequest, ReleaseRequest, ReturnRequest,
};
use pos_core::money::Money;
use pos_store::{
    AuditEvent, FlexitiIds, JournalRecord, JournalState, NewApproval, NewOperation, OperationKind,
};

use super::operations::operation_view;
use crate::dto::{FieldIssue, Lang};
use crate::engine::scope::RepScope;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{AfterSaleInput, OperationView};

/// How an approval is recorded: the terminal's administrator (the passphrase holder).
const ADMINISTRATOR: &str = "administrator";
/// A terminal that never left Sandbox has no administrator: demos approve as this.
const SANDBOX_APPROVAL: &str = "sandbox";

fn amount_of(text: Option<&str>) -> AppResult<Option<Money>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let problem = |problem| {
        AppError::Fields(vec![FieldIssue {
            field: "amount".into(),
            problem,
        }])
    };
    match pos_core::rules::parse_amount(text) {
        Ok(cents) if cents.0 > 0 => i64::try_from(cents.0)
            .map(|c| Some(Money::from_cents(c)))
            .map_err(|_| problem(pos_core::FieldProblem::Invalid)),
        Ok(_) => Err(problem(pos_core::FieldProblem::Invalid)),
        Err(p) => Err(problem(p)),
    }
}

impl Engine {
    /// Captures `amount` (none: all that remains) of a hold. No approval needed.
    pub async fn capture_hold(&self, input: AfterSaleInput) -> AppResult<OperationView> {
        self.after_sale(input, OperationKind::Capture).await
    }

    /// Releases `amount` (none: all that remains) of a hold. Needs the administrator.
    pub async fn release_hold(&self, input: AfterSaleInput) -> AppResult<OperationView> {
        self.after_sale(input, OperationKind::Release).await
    }

    /// Returns `amount` (none: all that remains) of a plan purchase's capture, within 100
    /// days. Needs the administrator.
    pub async fn return_purchase(&self, input: AfterSaleInput) -> AppResult<OperationView> {
        self.after_sale(input, OperationKind::Return).await
    }

    /// Refunds `amount` (none: all that remains) of a regular purchase. Needs the
    /// administrator.
    pub async fn refund_purchase(&self, input: AfterSaleInput) -> AppResult<OperationView> {
        self.after_sale(input, OperationKind::Refund).await
    }

    /// Every operation of a purchase (the sale first), for its after-sale screen.
    pub async fn purchase_operations(&self, purchase_id: String) -> AppResult<Vec<OperationView>> {
        let who = self.rep_scope().await?;
        let rows = self
            .store
            .purchase_operations(&who.scope, &purchase_id)
            .await?;
        Ok(rows.iter().map(operation_view).collect())
    }

    /// Frees an operation whose outcome stayed unknown for a new submission (the purchase
    /// is started again with new keys), with the administrator's approval and a reason.
    /// Flexiti may still have recorded it: the day's report shows it if so.
    pub async fn free_purchase(&self, input: AfterSaleInput) -> AppResult<OperationView> {
        let who = self.rep_scope().await?;
        let reason = input.reason.as_deref().map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err(AppError::Fields(vec![FieldIssue {
                field: "reason".into(),
                problem: pos_core::FieldProblem::Required,
            }]));
        }
        let record = self.store.operation(&who.scope, &input.reference).await?;
        if record.state != JournalState::OutcomeUnknown {
            return Err(AppError::OperationNotPossible);
        }
        let by = self
            .approve(&who, input.passphrase.as_deref(), &input.reference, "free")
            .await?;
        let freed = self
            .store
            .free_operation_for_new_submission(
                &who.scope,
                &input.reference,
                NewApproval { by, reason },
            )
            .await?;
        Ok(operation_view(&freed))
    }

    /// The administrator's approval of an action on `reference`: the passphrase, checked
    /// and throttled as for the settings; none on a terminal that never left Sandbox.
    async fn approve(
        &self,
        who: &RepScope,
        passphrase: Option<&str>,
        reference: &str,
        action: &str,
    ) -> AppResult<&'static str> {
        let required = self.state.lock().await.gate.admin_required();
        let by = if required {
            let passphrase = passphrase.ok_or(AppError::AdminRequired)?;
            self.check_admin_passphrase(passphrase, AuditEvent::PurchaseApproval)
                .await?;
            ADMINISTRATOR
        } else {
            SANDBOX_APPROVAL
        };
        self.audit(
            AuditEvent::PurchaseApproval,
            Some(&who.rep),
            "ok",
            Some(&format!("{reference} {action} by={by}")),
        )
        .await?;
        Ok(by)
    }

    async fn after_sale(
        &self,
        input: AfterSaleInput,
        kind: OperationKind,
    ) -> AppResult<OperationView> {
        let who = self.rep_scope().await?;
        let amount = amount_of(input.amount.as_deref())?;
        let sale = self.store.operation(&who.scope, &input.reference).await?;
        if !sale.kind.is_authorization() || sale.state != JournalState::Done {
            return Err(AppError::OperationNotPossible);
        }
        let regular = sale.plan_id.is_none();
        let fits = match kind {
            OperationKind::Capture | OperationKind::Release => sale.kind == OperationKind::Hold,
            OperationKind::Return => !regular,
            OperationKind::Refund => regular,
            OperationKind::Sale | OperationKind::Hold => false,
        };
        if !fits {
            return Err(AppError::OperationNotPossible);
        }
        let authorization_id = sale
            .ids
            .authorization_id
            .ok_or(AppError::OperationNotPossible)?;
        // The approval first: nothing is read from Flexiti for a refused passphrase.
        let approval = match kind {
            OperationKind::Release | OperationKind::Return | OperationKind::Refund => Some(
                self.approve(
                    &who,
                    input.passphrase.as_deref(),
                    &input.reference,
                    kind.as_str(),
                )
                .await?,
            ),
            _ => None,
        };
        let client = self.client().await?;
        let now = client
            .authorization(Lang::En, &authorization_id.to_string())
            .await?;
        let (store_id, terminal_id) = {
            let state = self.state.lock().await;
            (
                state.settings.store_id.clone(),
                state.settings.terminal_id.clone(),
            )
        };
        let reference = self
            .store
            .next_operation_reference(&who.scope, &sale.purchase_id)
            .await?;
        let (body, ids, remaining_before, amount) =
            build(kind, &sale, &now, amount, &reference, &store_id, &who.rep)?;
        let body_text = String::from_utf8(body).map_err(|_| AppError::Internal("body".into()))?;
        let key = IdempotencyKey::new();
        let reference_id = ReferenceId::new();
        let local_date = Local::now().format("%Y-%m-%d").to_string();
        let record = self
            .store
            .begin_operation(
                &who.scope,
                &NewOperation {
                    purchase_id: &sale.purchase_id,
                    reference: &reference,
                    kind,
                    amount,
                    plan_id: sale.plan_id,
                    term: sale.term,
                    ids,
                    remaining_before: Some(remaining_before),
                    store_id: &store_id,
                    terminal_id: &terminal_id,
                    rep_username: &who.rep,
                    reference_id: reference_id.as_str(),
                    idempotency_key: key.as_str(),
                    body: &body_text,
                    account_number: sale.account_number.expose(),
                    card_ending_in: sale.card_ending_in.as_deref(),
                    customer_name: sale.customer_name.expose(),
                    approval: approval.map(|by| NewApproval {
                        by,
                        reason: kind.as_str(),
                    }),
                    local_date: &local_date,
                },
            )
            .await?;
        self.audit(
            AuditEvent::PurchaseCharge,
            Some(&who.rep),
            "sent",
            Some(&format!("{reference} {}", kind.as_str())),
        )
        .await?;
        let answer = self.send_operation(&record, Lang::En).await?;
        let record = self
            .record_sent(&who, &record, answer, None, Lang::En)
            .await?;
        Ok(operation_view(&record))
    }
}

/// The body of an after-sale operation, the ids it goes with, what remained before it,
/// and its amount (all that remains when none was asked), checked against Flexiti's
/// record of the authorization.
fn build(
    kind: OperationKind,
    sale: &JournalRecord,
    now: &Authorization,
    amount: Option<Money>,
    reference: &str,
    store_id: &str,
    rep: &str,
) -> AppResult<(Vec<u8>, FlexitiIds, Money, Money)> {
    let mut ids = FlexitiIds {
        authorization_id: sale.ids.authorization_id,
        ..FlexitiIds::default()
    };
    let remaining_to_capture = now.remaining_authorization_amount.unwrap_or(Money::ZERO);
    // A return or refund is against the sale's capture, else the hold's first capture
    // with something left.
    let capture = now
        .captures
        .iter()
        .find(|c| c.capture_id.parse::<i64>().ok() == sale.ids.capture_id)
        .or_else(|| {
            now.captures
                .iter()
                .find(|c| c.remaining_capture_amount.is_some_and(|r| r > Money::ZERO))
        });
    let (remaining, body) = match kind {
        OperationKind::Capture | OperationKind::Release => {
            let remaining = remaining_to_capture;
            let amount = amount.unwrap_or(remaining);
            if remaining == Money::ZERO || amount > remaining {
                return Err(AppError::OperationNotPossible);
            }
            let body = if kind == OperationKind::Capture {
                capture_body(&CaptureRequest {
                    amount,
                    reference: reference.to_owned(),
                    external_location_id: store_id.to_owned(),
                    external_employee_id: rep.to_owned(),
                    sku_data: None,
                })?
            } else {
                release_body(&ReleaseRequest {
                    amount: Some(amount),
                    reference: reference.to_owned(),
                    external_location_id: store_id.to_owned(),
                    external_employee_id: rep.to_owned(),
                })?
            };
            (remaining, (body, amount))
        }
        OperationKind::Return | OperationKind::Refund => {
            let capture = capture.ok_or(AppError::OperationNotPossible)?;
            ids.capture_id = capture.capture_id.parse().ok();
            let remaining = capture.remaining_capture_amount.unwrap_or(Money::ZERO);
            let amount = amount.unwrap_or(remaining);
            if remaining == Money::ZERO || amount > remaining {
                return Err(AppError::OperationNotPossible);
            }
            let body = if kind == OperationKind::Return {
                return_body(&ReturnRequest {
                    reference: reference.to_owned(),
                    full_return: amount == remaining,
                    amount,
                    vcc_number: None,
                    external_location_id: store_id.to_owned(),
                    external_employee_id: rep.to_owned(),
                    sku_data: None,
                })?
            } else {
                refund_body(&RefundRequest {
                    reference: reference.to_owned(),
                    amount,
                    capture_id: capture.capture_id.clone(),
                    vcc_number: None,
                    external_location_id: store_id.to_owned(),
                    external_employee_id: rep.to_owned(),
                    sku_data: None,
                })?
            };
            (remaining, (body, amount))
        }
        OperationKind::Sale | OperationKind::Hold => return Err(AppError::OperationNotPossible),
    };
    let (body, amount) = body;
    Ok((body, ids, remaining, amount))
}
