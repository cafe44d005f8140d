//! The form's option lists and texts in one language, built from what Flexiti returns:
//! `form_values` of the merchant login where we have them, else the same lists from
//! `i18n`; the disclosure texts always from `i18n`. Codes are Flexiti's, labels too.

use std::collections::BTreeMap;

use flexiti_api::{I18n, OptionList, OptionLists};

use crate::dto::{Choice, FormData, Lang};

/// (form field, `form_values` key, `i18n` key) of every option list the form uses.
const LISTS: [(&str, &str, &str); 6] = [
    ("salutation", "salutation", "salutations"),
    ("province", "province", "provinces"),
    ("security_qid", "security_qid", "security_ids"),
    ("govid_type", "govid_type", "govid_types"),
    ("occupation", "occupation", "occupation_ids"),
    ("housing_type", "housing_type", "housing_type"),
];

/// The disclosure texts of `i18n`.
pub const TEXTS: [&str; 4] = [
    "qcpa_disclosure",
    "insurance",
    "insurance_tc",
    "annual_fees",
];

fn choices(list: &OptionList) -> Option<Vec<Choice>> {
    list.options(None).map(|options| {
        options
            .iter()
            .map(|(code, label)| Choice {
                code: code.clone(),
                label: label.clone(),
            })
            .collect()
    })
}

/// Builds the form data; `login` is the merchant login's `form_values` in the same language, if any.
pub fn form_data(lang: Lang, login: Option<&OptionLists>, i18n: &I18n) -> FormData {
    let mut lists = BTreeMap::new();
    for (field, login_key, i18n_key) in LISTS {
        let from_login = login.and_then(|l| l.get(login_key)).and_then(choices);
        if let Some(list) = from_login.or_else(|| i18n.options(i18n_key).as_ref().and_then(choices))
        {
            lists.insert(field.to_owned(), list);
        }
    }
    let issuers = login
        .and_then(|l| l.get("govid_issuedby").cloned())
        .or_else(|| i18n.options("govid_issued_bys"));
    let mut dependent = BTreeMap::new();
    if let Some(OptionList::Depends(by_type)) = issuers {
        let map = by_type
            .into_iter()
            .map(|(kind, options)| {
                (
                    kind,
                    options
                        .into_iter()
                        .map(|(code, label)| Choice { code, label })
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        dependent.insert("govid_issuedby".to_owned(), map);
    }
    let texts = TEXTS
        .iter()
        .filter_map(|key| i18n.text(key).map(|t| ((*key).to_owned(), t.to_owned())))
        .collect();
    FormData {
        lang,
        lists,
        dependent,
        texts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_from_login_or_i18n_and_missing_ones_are_absent() {
        let i18n: I18n = serde_json::from_value(serde_json::json!({
            "provinces": { "QC": "Québec", "ON": "Ontario" },
            "govid_issued_bys": { "option_depends": { "CAP": { "CANADA": "Canada" } } },
            "annual_fees": "Des frais"
        }))
        .unwrap();
        let login: OptionLists = serde_json::from_value(
            serde_json::json!({ "salutation": { "options": { "mr": "M." } } }),
        )
        .unwrap();
        let data = form_data(Lang::Fr, Some(&login), &i18n);
        assert_eq!(data.lists["salutation"][0].label, "M.");
        assert_eq!(
            data.lists["province"][0],
            Choice {
                code: "QC".into(),
                label: "Québec".into()
            }
        );
        assert!(
            !data.lists.contains_key("occupation"),
            "a missing list makes the field free text"
        );
        assert_eq!(data.dependent["govid_issuedby"]["CAP"][0].code, "CANADA");
        assert_eq!(data.texts["annual_fees"], "Des frais");
    }
}
