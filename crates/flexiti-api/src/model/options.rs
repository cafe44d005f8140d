//! Option lists of `form_values` and `i18n`, in any of the three shapes the contract
//! allows: `{"options": {code: label}}`, a flat `{code: label}`, or
//! `{"option_depends": {parent: {code: label}}}`. The server's order is kept.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// (code, label) pairs in the server's order.
pub type Options = Vec<(String, String)>;

/// One option list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionList {
    Flat(Options),
    /// Options that depend on another field's code (e.g. ID issuer by ID type).
    Depends(Vec<(String, Options)>),
}

impl OptionList {
    /// Reads any of the three shapes; `None` for anything else.
    pub fn from_value(value: &Value) -> Option<OptionList> {
        let map = value.as_object()?;
        if let Some(inner) = map.get("option_depends") {
            let parents = inner.as_object()?;
            let list = parents
                .iter()
                .map(|(parent, v)| Some((parent.clone(), pairs(v)?)))
                .collect::<Option<Vec<_>>>()?;
            return Some(OptionList::Depends(list));
        }
        if let Some(inner) = map.get("options") {
            return pairs(inner).map(OptionList::Flat);
        }
        pairs(value).map(OptionList::Flat)
    }

    /// The options, for a flat list; for a dependent one, those under `parent`.
    pub fn options(&self, parent: Option<&str>) -> Option<&Options> {
        match (self, parent) {
            (OptionList::Flat(options), _) => Some(options),
            (OptionList::Depends(list), Some(parent)) => {
                list.iter().find(|(p, _)| p == parent).map(|(_, o)| o)
            }
            (OptionList::Depends(_), None) => None,
        }
    }

    pub fn label(&self, parent: Option<&str>, code: &str) -> Option<&str> {
        self.options(parent)?
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.as_str())
    }
}

/// `{code: label}` where labels are strings (numbers are tolerated and stringified).
fn pairs(value: &Value) -> Option<Options> {
    let map = value.as_object()?;
    map.iter()
        .map(|(code, label)| match label {
            Value::String(s) => Some((code.clone(), s.clone())),
            Value::Number(n) => Some((code.clone(), n.to_string())),
            _ => None,
        })
        .collect()
}

/// A map of option lists where a key of unknown shape is dropped, not fatal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionLists(pub Vec<(String, OptionList)>);

impl OptionLists {
    pub fn get(&self, key: &str) -> Option<&OptionList> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for OptionLists {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        Ok(OptionLists(
            map.iter()
                .filter_map(|(k, v)| OptionList::from_value(v).map(|list| (k.clone(), list)))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_three_shapes_read_alike() {
        let wrapped =
            OptionList::from_value(&json!({ "options": { "mr": "Mr.", "ms": "Ms." } })).unwrap();
        let flat = OptionList::from_value(&json!({ "mr": "Mr.", "ms": "Ms." })).unwrap();
        assert_eq!(wrapped, flat);
        assert_eq!(flat.label(None, "ms"), Some("Ms."));
        let depends =
            OptionList::from_value(&json!({ "option_depends": { "CAP": { "CANADA": "Canada" } } }))
                .unwrap();
        assert_eq!(depends.label(Some("CAP"), "CANADA"), Some("Canada"));
        assert_eq!(depends.options(Some("CADL")), None);
    }

    #[test]
    fn order_is_the_servers() {
        let list = OptionList::from_value(
            &json!({ "options": { "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mss": "Miss." } }),
        )
        .unwrap();
        let codes: Vec<&str> = list
            .options(None)
            .unwrap()
            .iter()
            .map(|(c, _)| c.as_str())
            .collect();
        assert_eq!(codes, ["mr", "ms", "mrs", "mss"]);
    }

    #[test]
    fn unknown_shapes_are_dropped_not_fatal() {
        let lists: OptionLists = serde_json::from_value(json!({
            "salutation": { "options": { "mr": "Mr." } },
            "weird": [1, 2, 3],
            "nested": { "options": { "a": { "b": "c" } } },
            "number_labels": { "1": 90 }
        }))
        .unwrap();
        assert!(lists.get("salutation").is_some());
        assert!(lists.get("weird").is_none() && lists.get("nested").is_none());
        assert_eq!(
            lists.get("number_labels").and_then(|l| l.label(None, "1")),
            Some("90")
        );
    }
}
