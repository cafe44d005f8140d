//! Receipts, from the journal alone: the facts kept when the charge was done, laid out by
//! `pos_core::receipt` in the printed languages (French then English in a Quebec store),
//! so a receipt reprints on a terminal with no network, after a restart.

use pos_core::receipt::{
    printed_languages, receipt, Receipt, ReceiptFacts, ReceiptLine, ReceiptValue,
};
use pos_store::{AuditEvent, JournalState};

use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{ReceiptLineView, ReceiptValueView, ReceiptView};

impl Engine {
    /// The receipt of a done operation of this merchant (`reference` as the purchase
    /// shows it), in the customer's language, both on request; Quebec: French first,
    /// always both. Audited as a reprint.
    pub async fn purchase_receipt(&self, reference: String, both: bool) -> AppResult<ReceiptView> {
        let who = self.rep_scope().await?;
        let record = self.store.operation(&who.scope, &reference).await?;
        if record.state != JournalState::Done {
            return Err(AppError::PurchaseStepMissing);
        }
        let facts: ReceiptFacts = record
            .snapshot
            .as_ref()
            .and_then(|s| serde_json::from_str(s.expose()).ok())
            .ok_or(AppError::Internal("receipt snapshot".into()))?;
        let quebec = self.quebec_store().await;
        let languages = printed_languages(facts.customer_lang, quebec, both);
        self.audit(
            AuditEvent::Purchase,
            Some(&who.rep),
            "receipt",
            Some(&reference),
        )
        .await?;
        Ok(view(receipt(&facts, &languages)))
    }
}

/// The receipt as the screen gets it (label ids as text for its Fluent lookups).
fn view(receipt: Receipt) -> ReceiptView {
    let lines = receipt
        .lines
        .into_iter()
        .map(|line| match line {
            ReceiptLine::Store { names } => ReceiptLineView::Store { names },
            ReceiptLine::Title { id } => ReceiptLineView::Title { id: id.to_owned() },
            ReceiptLine::Field { label, value } => ReceiptLineView::Field {
                label: label.to_owned(),
                value: match value {
                    ReceiptValue::Text(text) => ReceiptValueView::Text(text),
                    ReceiptValue::Word(id) => ReceiptValueView::Word(id.to_owned()),
                },
            },
            ReceiptLine::Described {
                descriptions,
                value,
            } => ReceiptLineView::Described {
                descriptions,
                value,
            },
            ReceiptLine::Message { lang, text } => ReceiptLineView::Message { lang, text },
            ReceiptLine::Rule => ReceiptLineView::Rule,
        })
        .collect();
    ReceiptView {
        languages: receipt.languages,
        lines,
    }
}
