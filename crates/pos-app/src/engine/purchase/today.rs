//! The day's purchases of this merchant on this terminal's environment, from the journal:
//! what a rep reprints a receipt from, and what "check again" is offered on after a
//! restart.

use chrono::Local;
use pos_store::OperationKind;

use crate::engine::Engine;
use crate::error::AppResult;
use crate::purchase_dto::PurchaseSummaryView;

impl Engine {
    /// Today's sales and holds (the store's local day), oldest first, every state.
    pub async fn todays_purchases(&self) -> AppResult<Vec<PurchaseSummaryView>> {
        let who = self.rep_scope().await?;
        let today = Local::now().format("%Y-%m-%d").to_string();
        let rows = self.store.journal_for_day(&who.scope, &today).await?;
        Ok(rows
            .into_iter()
            .filter(|r| matches!(r.kind, OperationKind::Sale | OperationKind::Hold))
            .map(|r| PurchaseSummaryView {
                time: local_time(&r.created_at),
                kind: r.kind.as_str().to_owned(),
                purchase_id: r.purchase_id,
                rep: r.rep_username,
                customer_name: r.customer_name.expose().clone(),
                card_ending_in: r.card_ending_in.unwrap_or_default(),
                amount_cents: r.amount.cents(),
                plan_id: r.plan_id.and_then(|p| u32::try_from(p).ok()),
                term: r.term.and_then(|t| u32::try_from(t).ok()),
                state: r.state.as_str().to_owned(),
                flag: r.flag.map(|f| f.as_str().to_owned()),
                authorization_id: r.ids.authorization_id.and_then(|i| u64::try_from(i).ok()),
            })
            .collect())
    }
}

/// `HH:MM` in the terminal's time zone, from an RFC 3339 instant.
fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Local).format("%H:%M").to_string())
        .unwrap_or_default()
}
