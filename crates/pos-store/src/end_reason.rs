//! Why a rep's session on the terminal ended. Stored as the snake_case text in
//! `sessions.end_reason`, so the audit trail tells a sign-out from an idle lock or a crash.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    SignOut,
    IdleLock,
    /// The app closed, or crashed and found the session still open at the next start.
    AppClosed,
    /// The server's session or token expired.
    Expired,
}

impl EndReason {
    pub const ALL: [EndReason; 4] = [
        EndReason::SignOut,
        EndReason::IdleLock,
        EndReason::AppClosed,
        EndReason::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::SignOut => "sign_out",
            EndReason::IdleLock => "idle_lock",
            EndReason::AppClosed => "app_closed",
            EndReason::Expired => "expired",
        }
    }

    /// The inverse of [`EndReason::as_str`]; `None` for any other text.
    pub fn parse(text: &str) -> Option<EndReason> {
        EndReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_unknown_text_is_none() {
        for reason in EndReason::ALL {
            assert_eq!(EndReason::parse(reason.as_str()), Some(reason));
            let json = serde_json::to_string(&reason).expect("serialise");
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
        }
        assert_eq!(EndReason::parse(""), None);
        assert_eq!(EndReason::parse("Editing"), None);
    }
}
