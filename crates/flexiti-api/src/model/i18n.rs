//! `GET /client-id/{client_id}/i18n[/{key}]?lang=`: localised option lists and the
//! disclosure texts (`qcpa_disclosure`, `insurance`, `insurance_tc`, `annual_fees`).

use serde::Deserialize;
use serde_json::{Map, Value};

use super::options::OptionList;

/// The whole answer (or the one key asked for). Unknown keys are kept as they came.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct I18n {
    entries: Map<String, Value>,
}

impl I18n {
    /// A text entry (the disclosures).
    pub fn text(&self, key: &str) -> Option<&str> {
        self.entries.get(key).and_then(Value::as_str)
    }

    /// An option-list entry (`provinces`, `govid_issued_bys`, ...).
    pub fn options(&self, key: &str) -> Option<OptionList> {
        self.entries.get(key).and_then(OptionList::from_value)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The raw value of one key, for callers that cache it as it came.
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.entries.get(key)
    }
}

impl<'de> Deserialize<'de> for I18n {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::<String, Value>::deserialize(deserializer).map(|entries| I18n { entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_lists_are_read() {
        let i18n: I18n = serde_json::from_str(r#"{"provinces":{"QC":"Québec"},"annual_fees":"Des frais...","occupation_ids":{"options":{"FE":"Emploi"}}}"#).unwrap();
        assert_eq!(i18n.text("annual_fees"), Some("Des frais..."));
        assert_eq!(
            i18n.options("provinces").unwrap().label(None, "QC"),
            Some("Québec")
        );
        assert_eq!(
            i18n.options("occupation_ids").unwrap().label(None, "FE"),
            Some("Emploi")
        );
        assert!(i18n.text("provinces").is_none());
        assert!(serde_json::from_str::<I18n>("[1]").is_err());
    }
}
