//! Finding the customer's account: the just-approved applicant, a card, or a search by
//! name, birth date and postal code; then always one lookup by account number
//! (`purchase.md`), whose answer the purchase keeps. An account that cannot buy says so
//! in one neutral sentence, never why in the lender's words.

use flexiti_api::{AccountNumber, ApiError, CardNumber, CustomerSearch, LookupBy, ReferenceId};
use pos_store::{AuditEvent, DraftStatus};

use super::{customer_lang, short_name, Purchase};
use crate::decision::StoredDecision;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{CustomerMatchView, CustomerSearchInput, PurchaseStart, PurchaseView};

/// The Fluent id of the sentence for an account that cannot buy.
pub(crate) fn blocked_sentence(
    status: Option<&str>,
    tos_agreement: Option<bool>,
) -> Option<String> {
    if tos_agreement == Some(false) {
        return Some("purchase-blocked-terms".into());
    }
    match status.map(str::trim) {
        Some("N") => None,
        Some("A") => Some("purchase-blocked-a".into()),
        Some("F") => Some("purchase-blocked-f".into()),
        Some("Z") => Some("purchase-blocked-z".into()),
        Some("C") => Some("purchase-blocked-c".into()),
        _ => Some("purchase-blocked-other".into()),
    }
}

impl Engine {
    /// Searches Flexiti's accounts by name, birth date and postal code. Each match is
    /// named by an opaque id; the account numbers stay in the engine. Audited (a read of
    /// customer data), without the criteria.
    pub async fn search_customers(
        &self,
        input: CustomerSearchInput,
    ) -> AppResult<Vec<CustomerMatchView>> {
        let who = self.rep_scope().await?;
        let mut problems = Vec::new();
        let text = |name: &str, value: &str, problems: &mut Vec<crate::dto::FieldIssue>| {
            let value = value.trim().to_owned();
            if value.is_empty() {
                problems.push(crate::dto::FieldIssue {
                    field: name.into(),
                    problem: pos_core::FieldProblem::Required,
                });
            }
            value
        };
        let first_name = text("first_name", &input.first_name, &mut problems);
        let last_name = text("last_name", &input.last_name, &mut problems);
        let dob = match pos_core::rules::parse_iso_date(input.dob.trim()) {
            Ok(date) => date.format("%Y-%m-%d").to_string(),
            Err(problem) => {
                problems.push(crate::dto::FieldIssue {
                    field: "dob".into(),
                    problem,
                });
                String::new()
            }
        };
        let postal_code = match input.postal_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => match pos_core::rules::normalize_postal_code(code) {
                Ok(code) => Some(code),
                Err(problem) => {
                    problems.push(crate::dto::FieldIssue {
                        field: "postal_code".into(),
                        problem,
                    });
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(AppError::Fields(problems));
        }
        let client = self.client().await?;
        let found = client
            .search_customers(&CustomerSearch {
                first_name,
                last_name,
                dob,
                postal_code,
            })
            .await?;
        self.audit(
            AuditEvent::Purchase,
            Some(&who.rep),
            "customer_search",
            Some(&found.len().to_string()),
        )
        .await?;
        let store_lang = self.state.lock().await.settings.store_lang;
        Ok(found
            .into_iter()
            .map(|summary| CustomerMatchView {
                blocked: blocked_sentence(summary.account_status.as_deref(), summary.tos_agreement),
                name: short_name(
                    summary.first_name.as_deref().unwrap_or_default(),
                    summary.last_name.as_deref().unwrap_or_default(),
                ),
                card_ending_in: summary.card_ending_in.clone().unwrap_or_default(),
                account_type: summary.account_type.clone().unwrap_or_default(),
                preferred_lang: customer_lang(summary.preferred_language.as_deref(), store_lang),
                match_id: self.purchases.remember_match(
                    &who.scope,
                    &who.rep,
                    summary.account_number.clone(),
                    short_name(
                        summary.first_name.as_deref().unwrap_or_default(),
                        summary.last_name.as_deref().unwrap_or_default(),
                    ),
                ),
            })
            .collect())
    }

    /// Starts a purchase for the account of an approved application, a card or a
    /// search's match: looks the account up by its number (and keeps a card's holder),
    /// refusing an account that cannot buy. Audited.
    pub async fn start_purchase(&self, from: PurchaseStart) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let client = self.client().await?;
        let store_lang = self.state.lock().await.settings.store_lang;
        let (account, card, name) = match &from {
            PurchaseStart::Approved { draft_id } => {
                let draft = self.own_draft(&who, draft_id).await?;
                if draft.status != DraftStatus::Approved {
                    return Err(AppError::NotApproved);
                }
                let stored: StoredDecision = draft
                    .decision_json
                    .as_ref()
                    .and_then(|d| serde_json::from_str(d.expose()).ok())
                    .ok_or(AppError::NotApproved)?;
                let account = stored
                    .account_number
                    .as_deref()
                    .and_then(AccountNumber::parse)
                    .ok_or(AppError::NotApproved)?;
                let full = draft.applicant_name.expose().trim().to_owned();
                let (first, last) = full.split_once(' ').unwrap_or(("", &full));
                (account, None, short_name(first, last))
            }
            PurchaseStart::Card { number } => {
                let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
                let card = CardNumber::parse(&digits).ok_or(AppError::CardNumberInvalid)?;
                let found = client
                    .lookup_customer(store_lang, &LookupBy::Card(card.clone()))
                    .await
                    .map_err(not_found_as_card)?;
                (found.account_number, Some(card), String::new())
            }
            PurchaseStart::Match { match_id } => {
                let (account, name) = self.purchases.matched(match_id, &who.scope, &who.rep)?;
                (account, None, name)
            }
        };
        let lookup = client
            .lookup_customer(store_lang, &LookupBy::Account(account.clone()))
            .await?;
        // A card that is not the account's own is an authorized user's: it goes with
        // verify and the charge (as `vcc_number`), never elsewhere. The holder's own card
        // is not sent at all.
        let card = card.filter(|c| lookup.card_ending_in.as_deref() != Some(c.last4()));
        let lang = customer_lang(lookup.preferred_language.as_deref(), store_lang);
        // The security question's text in the customer's language, once.
        let lookup = if lang == store_lang {
            lookup
        } else {
            client
                .lookup_customer(lang, &LookupBy::Account(account.clone()))
                .await?
        };
        let id = ReferenceId::new().as_str().to_owned();
        let detail = format!(
            "{id} card={}",
            lookup.card_ending_in.as_deref().unwrap_or("-")
        );
        self.audit(
            AuditEvent::Purchase,
            Some(&who.rep),
            "started",
            Some(&detail),
        )
        .await?;
        self.purchases.insert(Purchase {
            id: id.clone(),
            rep: who.rep.clone(),
            scope: who.scope.clone(),
            account,
            card,
            lookup,
            name,
            customer_lang: lang,
            reference: ReferenceId::new(),
            amount: None,
            quotes: Vec::new(),
            choice: None,
            verifying: None,
            charge: None,
            refused: None,
            facts: None,
        });
        self.purchase_view(&who, &id).await
    }
}

/// A card Flexiti does not know is a wrong card number to the rep.
fn not_found_as_card(error: ApiError) -> AppError {
    match error {
        ApiError::NotFound => AppError::CardNumberInvalid,
        other => other.into(),
    }
}
