//! `GET /client-id/{client_id}/terms-and-conditions?lang=&province=`.

use serde::Deserialize;

use crate::lenient::string_or_number;

/// The terms an applicant of a province group sees, with the version the draft records.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Terms {
    #[serde(deserialize_with = "string_or_number")]
    pub version: String,
    #[serde(default)]
    pub lang: Option<String>,
    /// `QC` or `ROC`.
    #[serde(default)]
    pub province_group: Option<String>,
    /// Plain text, paragraphs separated by blank lines.
    pub text: String,
}
