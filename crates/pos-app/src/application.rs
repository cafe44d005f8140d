//! A draft's fields as the form holds them (codes and text as typed), checked with the
//! shared rules of `pos-core`, and turned into the API's request once valid.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use flexiti_api::{ApplyRequest, CustomerIdentification, Money, PersonalInformation};
use pos_core::application::{validate, ApplicationInput, FormOptions};
use pos_core::rules::{
    normalize_phone, normalize_postal_code, normalize_sin, parse_amount, Cents, FieldProblem,
};
use pos_core::{Field, Section};

use crate::dto::{FieldIssue, FieldValue, FormData, Lang};

pub type Fields = BTreeMap<String, FieldValue>;

/// The fields a draft may hold: the ones the rep fills in (not the ones the app fills in
/// itself from its settings and session, such as the store id or the terms version).
pub fn is_known_field(name: &str) -> bool {
    Field::parse(name).is_some_and(|field| field.section() != Section::Terminal)
}

fn text(fields: &Fields, name: &str) -> Option<String> {
    match fields.get(name) {
        Some(FieldValue::Text(t)) if !t.trim().is_empty() => Some(t.clone()),
        _ => None,
    }
}

fn flag(fields: &Fields, name: &str) -> Option<bool> {
    match fields.get(name) {
        Some(FieldValue::Flag(b)) => Some(*b),
        _ => None,
    }
}

/// The form's fields as the validator reads them.
pub fn to_input(fields: &Fields, lang: Lang, store_id: &str) -> ApplicationInput {
    let t = |name: &str| text(fields, name);
    ApplicationInput {
        salutation: t("salutation"),
        first_name: t("first_name"),
        middle_name: t("middle_name"),
        last_name: t("last_name"),
        dob: t("dob"),
        postal_code: t("postal_code"),
        sin: t("sin"),
        email: t("email"),
        phone_number: t("phone_number"),
        address_1: t("address_1"),
        address_2: t("address_2"),
        city: t("city"),
        province: t("province"),
        housing_type: t("housing_type"),
        monthly_housing_payment: t("monthly_housing_payment"),
        years_at_address: t("years_at_address"),
        occupation: t("occupation"),
        employer_name: t("employer_name"),
        annual_income: t("annual_income"),
        govid_type: t("govid_type"),
        govid_issuedby: t("govid_issuedby"),
        govid_number: t("govid_number"),
        govid_expiry: t("govid_expiry"),
        security_qid: t("security_qid"),
        security_answer: t("security_answer"),
        insurance: flag(fields, "insurance"),
        qcpa_disclosure: flag(fields, "qcpa_disclosure"),
        tos_agreement: flag(fields, "tos_agreement"),
        tos_version: None,
        amount_requested: t("amount_requested"),
        account_type: Some("consumer".into()),
        lang: Some(lang.code().into()),
        external_location_id: Some(store_id.to_owned()),
        external_employee_id: None,
    }
}

/// The option codes the form offers, for the validator (empty lists accept free text).
pub fn options_of(form: &FormData) -> FormOptions {
    let codes = |key: &str| {
        form.lists
            .get(key)
            .map(|l| l.iter().map(|c| c.code.clone()).collect())
            .unwrap_or_default()
    };
    FormOptions {
        salutation: codes("salutation"),
        security_qid: codes("security_qid"),
        govid_type: codes("govid_type"),
        govid_issuedby: form
            .dependent
            .get("govid_issuedby")
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.iter().map(|c| c.code.clone()).collect()))
                    .collect()
            })
            .unwrap_or_default(),
        occupation: codes("occupation"),
        housing_type: codes("housing_type"),
    }
}

/// Why a draft is being checked: the terms need accepting only to submit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Saving or showing a draft being filled in: terms not yet accepted is no problem.
    Save,
    /// Sending it to Flexiti: the terms must have been accepted.
    Submit,
}

/// Every problem the contract's rules find now; to submit, also terms not accepted.
pub fn check(
    fields: &Fields,
    lang: Lang,
    store_id: &str,
    options: &FormOptions,
    today: NaiveDate,
    purpose: Purpose,
) -> Vec<FieldIssue> {
    let input = to_input(fields, lang, store_id);
    let mut problems: Vec<FieldIssue> = validate(&input, options, today)
        .into_iter()
        .map(|e| FieldIssue {
            field: e.param.to_owned(),
            problem: e.problem,
        })
        .collect();
    if purpose == Purpose::Submit && flag(fields, "tos_agreement") != Some(true) {
        problems.push(FieldIssue {
            field: "tos_agreement".into(),
            problem: FieldProblem::Required,
        });
    }
    problems
}

/// "First Last" for the drafts list and the decision (at most 100 characters).
pub fn applicant_name(fields: &Fields) -> String {
    let parts: Vec<String> = ["first_name", "last_name"]
        .iter()
        .filter_map(|n| text(fields, n))
        .collect();
    parts.join(" ").chars().take(100).collect()
}

fn money(fields: &Fields, name: &str) -> Result<Money, FieldIssue> {
    let issue = |p: FieldProblem| FieldIssue {
        field: name.to_owned(),
        problem: p,
    };
    let Cents(cents) = parse_amount(&text(fields, name).unwrap_or_default()).map_err(issue)?;
    i64::try_from(cents)
        .map(Money::from_cents)
        .map_err(|_| issue(FieldProblem::Invalid))
}

/// The request, from fields that passed [`check`].
pub fn to_request(
    fields: &Fields,
    lang: Lang,
    tos_version: Option<&str>,
    store_id: &str,
    employee_id: &str,
) -> Result<ApplyRequest, FieldIssue> {
    let t = |name: &str| {
        text(fields, name)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let issue = |name: &str, p: FieldProblem| FieldIssue {
        field: name.to_owned(),
        problem: p,
    };
    let sin = match text(fields, "sin") {
        Some(sin) => Some(normalize_sin(&sin).map_err(|p| issue("sin", p))?),
        None => None,
    };
    Ok(ApplyRequest {
        customer_identification: CustomerIdentification {
            personal_information: PersonalInformation {
                salutation: t("salutation"),
                first_name: t("first_name"),
                middle_name: t("middle_name"),
                last_name: t("last_name"),
                dob: t("dob"),
                postal_code: normalize_postal_code(&t("postal_code"))
                    .map_err(|p| issue("postal_code", p))?,
                sin,
            },
        },
        account_type: "consumer".into(),
        lang: Some(lang),
        email: t("email"),
        phone_number: normalize_phone(&t("phone_number")).map_err(|p| issue("phone_number", p))?,
        address_1: t("address_1"),
        address_2: t("address_2"),
        city: t("city"),
        province: t("province"),
        housing_type: t("housing_type"),
        monthly_housing_payment: money(fields, "monthly_housing_payment")?,
        years_at_address: t("years_at_address")
            .parse()
            .map_err(|_| issue("years_at_address", FieldProblem::WrongFormat))?,
        occupation: t("occupation"),
        employer_name: text(fields, "employer_name").map(|s| s.trim().to_owned()),
        annual_income: money(fields, "annual_income")?,
        govid_type: t("govid_type"),
        govid_issuedby: t("govid_issuedby"),
        govid_number: t("govid_number"),
        govid_expiry: t("govid_expiry"),
        security_qid: t("security_qid")
            .parse()
            .map_err(|_| issue("security_qid", FieldProblem::Invalid))?,
        security_answer: t("security_answer"),
        insurance: flag(fields, "insurance").unwrap_or(false),
        qcpa_disclosure: flag(fields, "qcpa_disclosure").unwrap_or(false),
        tos_agreement: flag(fields, "tos_agreement").unwrap_or(false),
        tos_version: tos_version.map(str::to_owned),
        amount_requested: match text(fields, "amount_requested") {
            Some(_) => Some(money(fields, "amount_requested")?),
            None => None,
        },
        external_location_id: store_id.to_owned(),
        external_employee_id: Some(employee_id.chars().take(50).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_holds_what_the_rep_fills_in_and_nothing_the_app_fills_in() {
        for name in [
            "first_name",
            "sin",
            "insurance",
            "tos_agreement",
            "amount_requested",
        ] {
            assert!(is_known_field(name), "{name}");
        }
        for name in [
            "external_location_id",
            "external_employee_id",
            "tos_version",
            "lang",
            "account_type",
            "admin",
            "",
        ] {
            assert!(!is_known_field(name), "{name}");
        }
    }

    fn asks_for_terms(fields: &Fields, purpose: Purpose) -> bool {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        check(
            fields,
            Lang::En,
            "store",
            &FormOptions::default(),
            today,
            purpose,
        )
        .iter()
        .any(|i| i.field == "tos_agreement" && i.problem == FieldProblem::Required)
    }

    #[test]
    fn terms_must_be_accepted_to_submit_not_to_save() {
        let mut fields = Fields::new();
        assert!(!asks_for_terms(&fields, Purpose::Save));
        assert!(asks_for_terms(&fields, Purpose::Submit));
        fields.insert("tos_agreement".into(), FieldValue::Flag(false));
        assert!(asks_for_terms(&fields, Purpose::Submit));
        fields.insert("tos_agreement".into(), FieldValue::Flag(true));
        assert!(!asks_for_terms(&fields, Purpose::Submit));
        fields.insert("tos_agreement".into(), FieldValue::Text("true".into()));
        assert!(asks_for_terms(&fields, Purpose::Submit));
    }
}
