//! What a Flexiti decision becomes on the terminal (the draft's stored status and the
//! receipt the rep reads), kept apart so the mapping is one place and tested alone.

use flexiti_api::Decision;
use pos_store::DraftStatus as StoreStatus;

use crate::dto::DecisionView;

/// The status a draft is stored with once Flexiti has decided.
/// What a decision leaves in the draft's sealed part: the view the screens get, and for
/// an approval the account number a purchase starts from (never sent to the screen).
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredDecision {
    #[serde(flatten)]
    pub view: DecisionView,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
}

impl From<&Decision> for StoredDecision {
    fn from(decision: &Decision) -> Self {
        StoredDecision {
            view: DecisionView::from(decision),
            account_number: match decision {
                Decision::Approved(approval) => Some(approval.account_number.clone()),
                _ => None,
            },
        }
    }
}

pub fn stored_status(decision: &Decision) -> StoreStatus {
    match decision {
        Decision::Approved(_) => StoreStatus::Approved,
        Decision::Pending { .. } => StoreStatus::Pending,
        Decision::Declined { .. } => StoreStatus::Declined,
    }
}

/// The receipt: the outcome, and for an approval the credit limit and the card's last
/// four. Declines and pending answers carry nothing more (no reason a rep may see).
impl From<&Decision> for DecisionView {
    fn from(decision: &Decision) -> Self {
        match decision {
            Decision::Approved(approval) => DecisionView {
                outcome: "approved".into(),
                credit_limit_cents: Some(approval.credit_limit.cents()),
                card_last4: Some(approval.card_last4()),
            },
            Decision::Pending { .. } => DecisionView {
                outcome: "pending".into(),
                credit_limit_cents: None,
                card_last4: None,
            },
            Decision::Declined { .. } => DecisionView {
                outcome: "declined".into(),
                credit_limit_cents: None,
                card_last4: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use flexiti_api::{Approval, Money};

    use super::*;

    fn approved(card_ending_in: &str) -> Decision {
        Decision::Approved(Box::new(Approval {
            creditapp_id: "1".into(),
            status: Some("approved".into()),
            account_number: "116994755".into(),
            customer_id: None,
            credit_limit: Money::from_cents(500_000),
            available_credit: None,
            risk_rating: None,
            category_type: None,
            account_type: None,
            card_ending_in: card_ending_in.into(),
        }))
    }

    #[test]
    fn an_approval_keeps_the_limit_and_the_last_four() {
        let decision = approved("4111111111115941");
        assert_eq!(stored_status(&decision), StoreStatus::Approved);
        assert_eq!(
            DecisionView::from(&decision),
            DecisionView {
                outcome: "approved".into(),
                credit_limit_cents: Some(500_000),
                card_last4: Some("5941".into()),
            }
        );
    }

    #[test]
    fn pending_and_declined_carry_only_the_outcome() {
        for (decision, status, outcome) in [
            (
                Decision::Pending { variant: 2 },
                StoreStatus::Pending,
                "pending",
            ),
            (
                Decision::Declined { variant: 3 },
                StoreStatus::Declined,
                "declined",
            ),
        ] {
            assert_eq!(stored_status(&decision), status);
            assert_eq!(
                DecisionView::from(&decision),
                DecisionView {
                    outcome: outcome.into(),
                    credit_limit_cents: None,
                    card_last4: None,
                }
            );
        }
    }
}
