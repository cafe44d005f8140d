//! The rep completes the sale on Flexiti credit, as `purchase.md` lays the journey out:
//! find the account, quote the amount, the customer chooses and verifies, the charge is
//! sent once (its key and bytes journaled before it leaves), and the receipt comes from
//! the journal. What is not money yet (the search, the quote, the verification) lives
//! in memory for the rep's session; what moved money lives in the sealed journal.

mod after_sale;
mod charge;
mod customers;
mod operations;
mod quote;
mod receipt;
mod report;
mod today;
mod verify;

use std::collections::HashMap;
use std::time::Instant;

use flexiti_api::{
    AccountNumber, CardNumber, CustomerAccount, Quote, ReferenceId, RequestId, VerificationCode,
    VerifyFormat,
};
use pos_core::money::Money;
use pos_store::DraftScope;

use crate::dto::Lang;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{PurchaseStage, VerifyMethod};

/// The chosen row of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Choice {
    Regular,
    Plan { plan_id: u32, term: u32 },
}

impl Choice {
    pub(crate) fn id(self) -> String {
        match self {
            Choice::Regular => "regular".into(),
            Choice::Plan { plan_id, term } => format!("plan-{plan_id}-{term}"),
        }
    }

    pub(crate) fn parse(id: &str) -> Option<Choice> {
        if id == "regular" {
            return Some(Choice::Regular);
        }
        let rest = id.strip_prefix("plan-")?;
        let (plan, term) = rest.split_once('-')?;
        Some(Choice::Plan {
            plan_id: plan.parse().ok()?,
            term: term.parse().ok()?,
        })
    }
}

/// A verification under way: its `request_id`, and the PIN once the engine holds it.
pub(crate) struct Verifying {
    pub(crate) method: VerifyMethod,
    pub(crate) format: VerifyFormat,
    pub(crate) request_id: RequestId,
    /// Sent to the customer's phone or email: the rep types what they read out.
    pub(crate) awaiting_pin: bool,
    /// The security question's id and text, until answered.
    pub(crate) question: Option<(u32, String)>,
    pub(crate) pin: Option<VerificationCode>,
    /// Codes Flexiti called wrong: at [`WRONG_CODES`] its PIN is gone, so is this
    /// verification.
    pub(crate) wrong_codes: u8,
}

/// Wrong codes after which Flexiti drops a PIN (`purchase.md`): a new verification starts.
pub(crate) const WRONG_CODES: u8 = 3;

/// One quote, in one language, and when it came.
pub(crate) struct Quoted {
    pub(crate) lang: Lang,
    pub(crate) quote: Quote,
    pub(crate) at: Instant,
}

/// A purchase of the rep's session, before (and while) its charge is journaled.
pub(crate) struct Purchase {
    pub(crate) id: String,
    pub(crate) rep: String,
    pub(crate) scope: DraftScope,
    pub(crate) account: AccountNumber,
    /// An authorized user's card: sent as `vcc_number` on verify and authorization.
    pub(crate) card: Option<CardNumber>,
    pub(crate) lookup: CustomerAccount,
    /// "J. Smith" (empty until known: a card lookup carries no name, the quote does).
    pub(crate) name: String,
    pub(crate) customer_lang: Lang,
    /// One `x-reference-id` for the purchase, from lookup to authorization.
    pub(crate) reference: ReferenceId,
    pub(crate) amount: Option<Money>,
    /// The quote per language, the customer's first.
    pub(crate) quotes: Vec<Quoted>,
    pub(crate) choice: Option<Choice>,
    pub(crate) verifying: Option<Verifying>,
    /// The journal's purchase id of the last charge sent (a refused charge leaves it
    /// behind; the next charge takes a new one).
    pub(crate) charge: Option<String>,
    pub(crate) refused: Option<String>,
    /// The receipt's facts of the charge sent (completed with Flexiti's ids when done).
    pub(crate) facts: Option<pos_core::receipt::ReceiptFacts>,
}

impl Purchase {
    pub(crate) fn stage(&self) -> PurchaseStage {
        match (&self.amount, &self.choice, &self.verifying) {
            (None, _, _) => PurchaseStage::Amount,
            (Some(_), None, _) => PurchaseStage::Choose,
            (Some(_), Some(_), Some(v)) if v.pin.is_some() || v.awaiting_pin => {
                PurchaseStage::Charge
            }
            (Some(_), Some(_), _) => PurchaseStage::Verify,
        }
    }

    /// The quote in `lang`, if fetched.
    pub(crate) fn quote(&self, lang: Lang) -> Option<&Quote> {
        self.quotes
            .iter()
            .find(|q| q.lang == lang)
            .map(|q| &q.quote)
    }
}

/// An account a search found: whose search it was, and the account with its holder's name.
struct Match {
    scope: DraftScope,
    rep: String,
    account: AccountNumber,
    name: String,
}

/// The rep session's purchases and search matches, in memory.
#[derive(Default)]
pub(crate) struct Purchases {
    active: std::sync::Mutex<HashMap<String, Purchase>>,
    /// The purchases being charged or checked right now (one at a time each).
    busy: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
    /// A search's matches by opaque id: the account numbers stay here.
    matches: std::sync::Mutex<HashMap<String, Match>>,
}

impl Purchases {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Purchase>> {
        self.active.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn insert(&self, purchase: Purchase) {
        self.lock().insert(purchase.id.clone(), purchase);
    }

    /// Runs `f` on purchase `id` of `rep` in `scope`; another rep's or another merchant's
    /// does not exist.
    pub(crate) fn with<T>(
        &self,
        id: &str,
        rep: &str,
        scope: &DraftScope,
        f: impl FnOnce(&mut Purchase) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut active = self.lock();
        match active.get_mut(id) {
            Some(p) if p.rep == rep && p.scope == *scope => f(p),
            _ => Err(AppError::PurchaseNotFound),
        }
    }

    pub(crate) fn remember_match(
        &self,
        scope: &DraftScope,
        rep: &str,
        account: AccountNumber,
        name: String,
    ) -> String {
        let id = ReferenceId::new().as_str().to_owned();
        let mut matches = self.matches.lock().unwrap_or_else(|p| p.into_inner());
        matches.insert(
            id.clone(),
            Match {
                scope: scope.clone(),
                rep: rep.to_owned(),
                account,
                name,
            },
        );
        id
    }

    /// The account and name of match `id`, if it was this rep's search in this scope.
    pub(crate) fn matched(
        &self,
        id: &str,
        scope: &DraftScope,
        rep: &str,
    ) -> AppResult<(AccountNumber, String)> {
        let matches = self.matches.lock().unwrap_or_else(|p| p.into_inner());
        match matches.get(id) {
            Some(m) if m.scope == *scope && m.rep == rep => Ok((m.account.clone(), m.name.clone())),
            _ => Err(AppError::PurchaseNotFound),
        }
    }

    /// Claims purchase `id` for one charge or check at a time; released when the claim drops.
    pub(crate) fn claim(&self, id: &str) -> AppResult<Claim> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        if !busy.insert(id.to_owned()) {
            return Err(AppError::PurchaseBusy);
        }
        Ok(Claim {
            busy: self.busy.clone(),
            id: id.to_owned(),
        })
    }

    /// Forgets everything (sign-out, lock-out, a new session).
    pub(crate) fn clear(&self) {
        self.lock().clear();
        self.matches
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// One purchase being charged or checked; dropping it frees the purchase.
pub(crate) struct Claim {
    busy: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
    id: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.busy
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

/// The signed-in rep's merchant, as the receipt names the store ("" signed out).
fn merchant_name(state: &crate::engine::State) -> String {
    state
        .gate
        .session()
        .map(|s| s.merchant_name.clone())
        .unwrap_or_default()
}

/// "J. Smith" from a first and last name.
pub(crate) fn short_name(first: &str, last: &str) -> String {
    let initial: String = first.trim().chars().take(1).collect();
    match (initial.is_empty(), last.trim().is_empty()) {
        (true, _) => last.trim().to_owned(),
        (false, true) => format!("{initial}."),
        (false, false) => format!("{initial}. {}", last.trim()),
    }
}

/// `en-CA`/`fr-CA` (or `en`/`fr`) as a language.
pub(crate) fn customer_lang(preferred: Option<&str>, fallback: Lang) -> Lang {
    match preferred.map(|p| p.trim().to_ascii_lowercase()) {
        Some(p) if p.starts_with("fr") => Lang::Fr,
        Some(p) if p.starts_with("en") => Lang::En,
        _ => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_their_ids() {
        for choice in [
            Choice::Regular,
            Choice::Plan {
                plan_id: 4,
                term: 12,
            },
        ] {
            assert_eq!(Choice::parse(&choice.id()), Some(choice));
        }
        for bad in ["", "plan-4", "plan-x-12", "regular-1", "plan-4-12-1"] {
            assert_eq!(Choice::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_are_an_initial_and_the_last_name() {
        assert_eq!(short_name("John", "Smith"), "J. Smith");
        assert_eq!(short_name(" émile ", "Côté"), "é. Côté");
        assert_eq!(short_name("", "Smith"), "Smith");
        assert_eq!(short_name("John", ""), "J.");
    }
}
