//! Where a draft is in its life: being edited, being submitted, waiting for an outcome the
//! app could not learn, or decided. One type for every crate; pos-store keeps it as the
//! snake_case text in `drafts.status`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    /// The rep is filling the form; the only status in which fields may be saved.
    Editing,
    /// Submit was pressed and its keys stored; the request may be on the wire.
    Submitting,
    /// The request may have reached Flexiti but no answer came back: locked, "check again".
    OutcomeUnknown,
    Approved,
    Pending,
    Declined,
    /// An unknown outcome the rep set aside: read-only, still listed, keys kept; "check
    /// again" may still bring the decision. Never back to editing: a second application
    /// for the same person would be a second credit inquiry.
    Cancelled,
}

impl DraftStatus {
    pub const ALL: [DraftStatus; 7] = [
        DraftStatus::Editing,
        DraftStatus::Submitting,
        DraftStatus::OutcomeUnknown,
        DraftStatus::Approved,
        DraftStatus::Pending,
        DraftStatus::Declined,
        DraftStatus::Cancelled,
    ];

    /// The text stored in the database (and sent to the UI).
    pub fn as_str(self) -> &'static str {
        match self {
            DraftStatus::Editing => "editing",
            DraftStatus::Submitting => "submitting",
            DraftStatus::OutcomeUnknown => "outcome_unknown",
            DraftStatus::Approved => "approved",
            DraftStatus::Pending => "pending",
            DraftStatus::Declined => "declined",
            DraftStatus::Cancelled => "cancelled",
        }
    }

    /// The inverse of [`DraftStatus::as_str`]; `None` for any other text.
    pub fn parse(text: &str) -> Option<DraftStatus> {
        DraftStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// A submission has started and its outcome is not recorded: the keys must be kept
    /// and retention must not purge the draft.
    pub fn is_in_flight(self) -> bool {
        matches!(self, DraftStatus::Submitting | DraftStatus::OutcomeUnknown)
    }

    /// The application may have reached Flexiti and its decision is not recorded: in
    /// flight, or set aside by the rep (`cancelled`). "Check again" may still learn the
    /// decision, with the same keys, until retention purges a cancelled draft.
    pub fn awaits_decision(self) -> bool {
        self.is_in_flight() || self == DraftStatus::Cancelled
    }

    /// A status that `record_decision` may set.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            DraftStatus::Approved | DraftStatus::Pending | DraftStatus::Declined
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_unknown_text_is_none() {
        for status in DraftStatus::ALL {
            assert_eq!(DraftStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).expect("serialise");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(DraftStatus::parse(""), None);
        assert_eq!(DraftStatus::parse("Editing"), None);
    }
}
