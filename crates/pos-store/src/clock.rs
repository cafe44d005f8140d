//! The one place that reads the clock, so every stored time has the same shape:
//! RFC 3339, UTC, milliseconds, `Z` (fixed width, so text order is time order).

use chrono::{SecondsFormat, Utc};

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
