//! What the emulator remembers of credit applications: the people approved before (for
//! `customer_already_exists`), every decision recorded, and the test adjudication keys
//! that Flexiti reads from the applicant's middle name. (Idempotency keys live in
//! [`crate::idempotency`], shared with the money-moving routes.)

use std::collections::HashSet;

use axum::http::StatusCode;
use pos_core::money::Money;
use serde_json::json;

pub use crate::idempotency::Reply;

/// The outcome the test keys select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Approved {
        risk: &'static str,
        category: &'static str,
    },
    Pending(&'static str),
    Declined(&'static str),
    /// A third party timed out: nothing is recorded, the caller may try again.
    Retry,
}

/// Flexiti's test adjudication keys (`reference.md` §4.6), read from the middle name.
pub fn outcome_for(middle_name: &str) -> Outcome {
    let key = middle_name.trim().to_ascii_uppercase();
    match key.as_str() {
        "A-RR_L" => Outcome::Approved {
            risk: "L",
            category: "preferred",
        },
        "A-RR_M" => Outcome::Approved {
            risk: "M",
            category: "preferred",
        },
        "A-RR_H" => Outcome::Approved {
            risk: "H",
            category: "premium",
        },
        "A-RR_X" => Outcome::Approved {
            risk: "X",
            category: "premium",
        },
        // The demo merchant has standard (non-prime) accounts enabled.
        "A-RR_XX" => Outcome::Approved {
            risk: "Y",
            category: "standard",
        },
        "A-RR_XXX" => Outcome::Approved {
            risk: "Z",
            category: "standard",
        },
        "P-REVIEW_MISC" | "P-MISSING_INFO" | "P-EXIST_CUST" | "P-CREDIT" => {
            Outcome::Pending("application_marked_pending_1")
        }
        "P-FRAUD" => Outcome::Pending("application_marked_pending_2"),
        "D-MISSING_INFO" | "D-DUPLICATE" => Outcome::Declined("application_declined"),
        "D-NO_HIT" | "D-NO_SCORE" => Outcome::Declined("application_declined_2"),
        "D-FRAUD" => Outcome::Declined("application_declined_3"),
        "D-EMAIL_DBL_TIMEOUT" => Outcome::Retry,
        _ => Outcome::Approved {
            risk: "M",
            category: "preferred",
        },
    }
}

/// Who an applicant is, for duplicate detection: the SIN when given, else name and birth date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Person {
    Sin(String),
    NameDob {
        first: String,
        last: String,
        dob: String,
    },
}

impl Person {
    pub fn new(sin: Option<&str>, first: &str, last: &str, dob: &str) -> Vec<Person> {
        let fold = |s: &str| s.trim().to_lowercase();
        let mut keys = vec![Person::NameDob {
            first: fold(first),
            last: fold(last),
            dob: dob.trim().to_owned(),
        }];
        if let Some(sin) = sin.filter(|s| !s.is_empty()) {
            keys.push(Person::Sin(sin.to_owned()));
        }
        keys
    }
}

/// One application the emulator recorded (what a test counts "applications per
/// customer" from): the applicant's name as folded for duplicate detection, and the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedApplication {
    pub creditapp_id: u64,
    pub first_name: String,
    pub last_name: String,
    /// `approved`, `pending` or `declined`.
    pub outcome: &'static str,
    /// The `lang` the application came with: the customer's preferred language.
    pub lang: &'static str,
}

#[derive(Default)]
pub struct Applications {
    approved: HashSet<Person>,
    next_id: u64,
    next_account: u64,
    recorded: Vec<RecordedApplication>,
}

impl Applications {
    /// Every application recorded since the start (or the last reset), oldest first.
    pub fn recorded(&self) -> &[RecordedApplication] {
        &self.recorded
    }

    pub fn already_approved(&self, person: &[Person]) -> bool {
        person.iter().any(|p| self.approved.contains(p))
    }

    /// Records a decision and returns its answer. An approval's account number skips
    /// the numbers `taken` says exist (the seeded accounts).
    pub fn decide(
        &mut self,
        outcome: Outcome,
        person: Vec<Person>,
        annual_income_cents: u64,
        account_type: &str,
        lang: &'static str,
        taken: impl Fn(u64) -> bool,
    ) -> Reply {
        self.next_id += 1;
        let creditapp_id = 1_000_000 + self.next_id;
        let recorded = match outcome {
            Outcome::Approved { .. } => Some("approved"),
            Outcome::Pending(_) => Some("pending"),
            Outcome::Declined(_) => Some("declined"),
            Outcome::Retry => None,
        };
        if let Some(outcome) = recorded {
            let (first_name, last_name) = person
                .iter()
                .find_map(|p| match p {
                    Person::NameDob { first, last, .. } => Some((first.clone(), last.clone())),
                    Person::Sin(_) => None,
                })
                .unwrap_or_default();
            self.recorded.push(RecordedApplication {
                creditapp_id,
                first_name,
                last_name,
                outcome,
                lang,
            });
        }
        match outcome {
            Outcome::Approved { risk, category } => {
                self.approved.extend(person);
                let limit = credit_limit(annual_income_cents);
                let account_number = loop {
                    self.next_account += 1;
                    let number = 20_000_000 + self.next_account;
                    if !taken(number) {
                        break number;
                    }
                };
                Reply {
                    status: StatusCode::OK,
                    body: json!({
                        "creditapp_id": creditapp_id,
                        "status": "approved",
                        "account_number": account_number,
                        "customer_id": (800_000 + self.next_id).to_string(),
                        "credit_limit": limit,
                        "available_credit": limit,
                        "risk_rating": risk,
                        "category_type": category,
                        "account_type": account_type,
                        "card_ending_in": format!("{:04}", fastrand::u16(0..10_000)),
                    }),
                }
            }
            Outcome::Pending(code) => conflict(
                code,
                "The application has been received and is pending review.",
            ),
            Outcome::Declined(code) => conflict(code, "The application could not be approved."),
            Outcome::Retry => conflict(
                "application_create_error",
                "The application could not be created; please try again.",
            ),
        }
    }
}

fn conflict(code: &str, message: &str) -> Reply {
    Reply {
        status: StatusCode::CONFLICT,
        body: json!({ "message": message, "error": code }),
    }
}

/// 15 % of the annual income, in steps of $500, between $1,000 and $15,000.
pub fn credit_limit(annual_income_cents: u64) -> Money {
    let dollars = annual_income_cents / 100 * 15 / 100;
    let dollars = (dollars / 500 * 500).clamp(1_000, 15_000);
    Money::from_cents(i64::try_from(dollars * 100).unwrap_or(1_500_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decision_is_recorded_with_its_applicant_and_a_retry_is_not() {
        let mut apps = Applications::default();
        for (key, first) in [
            ("", "Ann"),
            ("P-FRAUD", "Bob"),
            ("D-FRAUD", "Cy"),
            ("D-EMAIL_DBL_TIMEOUT", "Di"),
        ] {
            let person = Person::new(None, first, "Smith", "1980-01-01");
            apps.decide(
                outcome_for(key),
                person,
                5_000_000,
                "consumer",
                "en",
                |_| false,
            );
        }
        let recorded: Vec<(&str, &str)> = apps
            .recorded()
            .iter()
            .map(|r| (r.first_name.as_str(), r.outcome))
            .collect();
        assert_eq!(
            recorded,
            [("ann", "approved"), ("bob", "pending"), ("cy", "declined")]
        );
    }

    #[test]
    fn test_keys_select_outcomes() {
        assert_eq!(
            outcome_for(""),
            Outcome::Approved {
                risk: "M",
                category: "preferred"
            }
        );
        assert_eq!(
            outcome_for(" a-rr_h "),
            Outcome::Approved {
                risk: "H",
                category: "premium"
            }
        );
        assert_eq!(
            outcome_for("D-FRAUD"),
            Outcome::Declined("application_declined_3")
        );
        assert_eq!(
            outcome_for("P-FRAUD"),
            Outcome::Pending("application_marked_pending_2")
        );
        assert_eq!(outcome_for("D-EMAIL_DBL_TIMEOUT"), Outcome::Retry);
    }

    #[test]
    fn credit_limit_follows_income_within_bounds() {
        assert_eq!(credit_limit(5_500_000), Money::from_cents(800_000));
        assert_eq!(credit_limit(0), Money::from_cents(100_000));
        assert_eq!(credit_limit(1_000_000_000), Money::from_cents(1_500_000));
    }
}
