//! Contract tests of `POST /apply`: every validation rule (all failures at once), the
//! business rules, the test adjudication keys, duplicates and idempotency keys.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{application, application_for, msg_of, params, start, status_json, World};

async fn submit(w: &World, body: &Value) -> (StatusCode, Value) {
    let token = w.token().await;
    status_json(w.apply(&token, body, None).await).await
}

/// Submits `edit(application)` and returns the `msg` of `param`.
async fn field_msg(w: &World, edit: impl FnOnce(&mut Value), param: &str) -> Option<String> {
    let mut body = application_for("Field", "");
    edit(&mut body);
    let (status, answer) = submit(w, &body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    msg_of(&answer, param).map(str::to_owned)
}

fn personal(body: &mut Value) -> &mut Value {
    &mut body["customer_identification"]["personal_information"]
}

#[tokio::test]
async fn valid_application_is_approved_with_the_contract_fields() {
    let w = start().await;
    let (status, body) = submit(&w, &application()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "approved");
    assert_eq!(body["risk_rating"], "M");
    for key in [
        "creditapp_id",
        "account_number",
        "customer_id",
        "credit_limit",
        "available_credit",
        "category_type",
        "account_type",
    ] {
        assert!(!body[key].is_null(), "{key}");
    }
    let card = body["card_ending_in"].as_str().unwrap();
    assert!(card.len() == 4 && card.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(w.sandbox.controls().stats().applications, 1);
}

#[tokio::test]
async fn empty_body_reports_every_required_field_at_once() {
    let w = start().await;
    let (status, body) = submit(&w, &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["message"], "Some inputs are wrong or missing!");
    let got = params(&body);
    for required in [
        "salutation",
        "first_name",
        "last_name",
        "dob",
        "postal_code",
        "email",
        "phone_number",
        "address_1",
        "city",
        "province",
        "housing_type",
        "monthly_housing_payment",
        "years_at_address",
        "occupation",
        "annual_income",
        "govid_type",
        "govid_issuedby",
        "govid_number",
        "govid_expiry",
        "security_qid",
        "security_answer",
        "external_location_id",
    ] {
        assert!(
            got.contains(&required.to_owned()),
            "{required} missing from {got:?}"
        );
        assert_eq!(msg_of(&body, required), Some("required"));
    }
    assert!(!got.contains(&"middle_name".to_owned()) && !got.contains(&"sin".to_owned()));
    assert_eq!(w.sandbox.controls().stats().applications, 0);
}

#[tokio::test]
async fn several_wrong_fields_are_all_reported() {
    let w = start().await;
    let mut body = application();
    body["email"] = json!("john@");
    body["phone_number"] = json!("123");
    personal(&mut body)["sin"] = json!("130692545");
    let (status, answer) = submit(&w, &body).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&answer), ["sin", "email", "phone_number"]);
}

#[tokio::test]
async fn field_lengths_are_enforced() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| personal(b)["first_name"] = json!("a".repeat(81)),
            "first_name"
        )
        .await
        .as_deref(),
        Some("length")
    );
    assert_eq!(
        field_msg(&w, |b| b["address_1"] = json!("a".repeat(251)), "address_1")
            .await
            .as_deref(),
        Some("length")
    );
    assert_eq!(
        field_msg(&w, |b| b["city"] = json!("a".repeat(101)), "city")
            .await
            .as_deref(),
        Some("length")
    );
}

#[tokio::test]
async fn dob_must_be_a_real_date() {
    let w = start().await;
    assert_eq!(
        field_msg(&w, |b| personal(b)["dob"] = json!("1988-02-30"), "dob")
            .await
            .as_deref(),
        Some("wrong format")
    );
    assert_eq!(
        field_msg(&w, |b| personal(b)["dob"] = json!("24/07/1988"), "dob")
            .await
            .as_deref(),
        Some("wrong format")
    );
}

#[tokio::test]
async fn applicant_must_be_of_age_in_their_province() {
    let w = start().await;
    use chrono::Datelike;
    let today = chrono::Local::now().date_naive();
    // Eighteen years ago today (a 29 February today falls back to 28 February, one day older).
    let eighteen = today
        .with_year(today.year() - 18)
        .or_else(|| today.pred_opt().and_then(|d| d.with_year(d.year() - 18)))
        .expect("a date")
        .format("%Y-%m-%d")
        .to_string();
    // 18 in Ontario: of age.
    let mut body = application_for("Young", "");
    personal(&mut body)["dob"] = json!(eighteen);
    let (status, answer) = submit(&w, &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // 18 in British Columbia (majority 19): not of age.
    let mut body = application_for("Younger", "");
    personal(&mut body)["dob"] = json!(eighteen);
    personal(&mut body)["postal_code"] = json!("V6B1A1");
    body["province"] = json!("BC");
    body["govid_issuedby"] = json!("BC");
    body["tos_version"] = json!("2024-01");
    let (status, answer) = submit(&w, &body).await;
    assert_eq!(
        (status, msg_of(&answer, "dob")),
        (StatusCode::CONFLICT, Some("invalid")),
        "{answer}"
    );
}

#[tokio::test]
async fn postal_code_format_and_province_letter() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| personal(b)["postal_code"] = json!("12345"),
            "postal_code"
        )
        .await
        .as_deref(),
        Some("wrong format")
    );
    // H is Quebec, the application says Ontario.
    assert_eq!(
        field_msg(
            &w,
            |b| personal(b)["postal_code"] = json!("H2X 1Y4"),
            "postal_code"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
    // A space and lower case are tolerated.
    let mut body = application_for("Spaced", "");
    personal(&mut body)["postal_code"] = json!("m5j 2h7");
    assert_eq!(submit(&w, &body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn phone_must_be_ten_digits_with_a_valid_area_code() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| b["phone_number"] = json!("416555012"),
            "phone_number"
        )
        .await
        .as_deref(),
        Some("wrong format")
    );
    assert_eq!(
        field_msg(
            &w,
            |b| b["phone_number"] = json!("1165550123"),
            "phone_number"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(
            &w,
            |b| b["phone_number"] = json!("9115550123"),
            "phone_number"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
    let mut body = application_for("Numeric", "");
    body["phone_number"] = json!(5145550123u64);
    assert_eq!(
        submit(&w, &body).await.0,
        StatusCode::OK,
        "a phone number may be sent as a number"
    );
}

#[tokio::test]
async fn email_must_be_valid() {
    let w = start().await;
    for bad in [
        "john",
        "john@example",
        "john doe@example.com",
        "@example.com",
    ] {
        assert_eq!(
            field_msg(&w, |b| b["email"] = json!(bad), "email")
                .await
                .as_deref(),
            Some("wrong format"),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn sin_is_optional_but_must_pass_luhn_and_not_start_with_0_or_8() {
    let w = start().await;
    assert_eq!(
        field_msg(&w, |b| personal(b)["sin"] = json!("130692545"), "sin")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| personal(b)["sin"] = json!("12345"), "sin")
            .await
            .as_deref(),
        Some("wrong format")
    );
    // 046454286 passes Luhn but starts with 0.
    assert_eq!(
        field_msg(&w, |b| personal(b)["sin"] = json!("046454286"), "sin")
            .await
            .as_deref(),
        Some("invalid")
    );
    let body = application_for("NoSin", "");
    assert_eq!(submit(&w, &body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn id_issuer_must_be_allowed_for_the_id_type() {
    let w = start().await;
    // A passport is issued by Canada, not Ontario.
    assert_eq!(
        field_msg(&w, |b| b["govid_type"] = json!("CAP"), "govid_issuedby")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["govid_type"] = json!("XXDL"), "govid_type")
            .await
            .as_deref(),
        Some("invalid")
    );
    let mut body = application_for("Passport", "");
    body["govid_type"] = json!("CAP");
    body["govid_issuedby"] = json!("CANADA");
    assert_eq!(submit(&w, &body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn id_must_not_be_expired() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| b["govid_expiry"] = json!("2020-01-01"),
            "govid_expiry"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
}

#[tokio::test]
async fn income_and_housing_payment_are_non_negative() {
    let w = start().await;
    assert_eq!(
        field_msg(&w, |b| b["annual_income"] = json!(-1), "annual_income")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(
            &w,
            |b| b["monthly_housing_payment"] = json!(-0.01),
            "monthly_housing_payment"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
    let mut body = application_for("Zero", "");
    body["monthly_housing_payment"] = json!(0);
    body["annual_income"] = json!("0");
    assert_eq!(submit(&w, &body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn security_question_must_be_an_option_with_an_answer() {
    let w = start().await;
    assert_eq!(
        field_msg(&w, |b| b["security_qid"] = json!(3), "security_qid")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(
            &w,
            |b| b["security_answer"] = json!("  "),
            "security_answer"
        )
        .await
        .as_deref(),
        Some("required")
    );
}

#[tokio::test]
async fn option_fields_must_be_options() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| personal(b)["salutation"] = json!("sir"),
            "salutation"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["occupation"] = json!("XX"), "occupation")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["housing_type"] = json!("Castle"), "housing_type")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["province"] = json!("ZZ"), "province")
            .await
            .as_deref(),
        Some("invalid")
    );
}

#[tokio::test]
async fn wrong_json_types_are_invalid_fields_not_crashes() {
    let w = start().await;
    assert_eq!(
        field_msg(&w, |b| personal(b)["first_name"] = json!(12), "first_name")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["tos_agreement"] = json!("yes"), "tos_agreement")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(&w, |b| b["city"] = json!(["Toronto"]), "city")
            .await
            .as_deref(),
        Some("invalid")
    );
    assert_eq!(
        field_msg(
            &w,
            |b| b["customer_identification"] = json!("John"),
            "customer_identification"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
}

#[tokio::test]
async fn quebec_resident_needs_the_qcpa_disclosure() {
    let w = start().await;
    let quebec = |disclosure: bool| {
        let mut body = application_for("Josée", "");
        personal(&mut body)["postal_code"] = json!("H2X1Y4");
        body["province"] = json!("QC");
        body["city"] = json!("Montréal");
        body["phone_number"] = json!("5145550123");
        body["govid_issuedby"] = json!("QC");
        body["tos_version"] = json!("2024-01-QC");
        body["qcpa_disclosure"] = json!(disclosure);
        body
    };
    let (status, answer) = submit(&w, &quebec(false)).await;
    assert_eq!(
        (status, msg_of(&answer, "qcpa_disclosure")),
        (StatusCode::CONFLICT, Some("required"))
    );
    let (status, answer) = submit(&w, &quebec(true)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

#[tokio::test]
async fn terms_version_must_be_the_province_groups() {
    let w = start().await;
    assert_eq!(
        field_msg(
            &w,
            |b| b["tos_version"] = json!("2024-01-QC"),
            "tos_version"
        )
        .await
        .as_deref(),
        Some("invalid")
    );
}

#[tokio::test]
async fn terms_not_accepted_is_tos_agreement_required() {
    let w = start().await;
    for value in [json!(false), Value::Null] {
        let mut body = application_for("NoTerms", "");
        body["tos_agreement"] = value;
        let (status, answer) = submit(&w, &body).await;
        assert_eq!(
            (status, answer["error"].as_str()),
            (StatusCode::CONFLICT, Some("tos_agreement_required"))
        );
    }
}

#[tokio::test]
async fn unknown_store_is_external_location_id_not_found() {
    let w = start().await;
    let mut body = application_for("Store", "");
    body["external_location_id"] = json!("99-99999");
    let (status, answer) = submit(&w, &body).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::CONFLICT, Some("external_location_id_not_found"))
    );
}

#[tokio::test]
async fn business_accounts_are_not_permitted_for_the_demo_merchant() {
    let w = start().await;
    let mut body = application_for("Business", "");
    body["account_type"] = json!("business");
    let (status, answer) = submit(&w, &body).await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (StatusCode::CONFLICT, Some("account_type_not_permitted"))
    );
    body["account_type"] = json!("corporate");
    let (_, answer) = submit(&w, &body).await;
    assert_eq!(msg_of(&answer, "account_type"), Some("invalid"));
}

#[tokio::test]
async fn test_keys_in_the_middle_name_select_the_decision() {
    let w = start().await;
    let cases = [
        ("A-RR_L", StatusCode::OK, "approved", "L"),
        ("A-RR_H", StatusCode::OK, "approved", "H"),
        ("A-RR_XX", StatusCode::OK, "approved", "Y"),
        (
            "P-CREDIT",
            StatusCode::CONFLICT,
            "application_marked_pending_1",
            "",
        ),
        (
            "P-FRAUD",
            StatusCode::CONFLICT,
            "application_marked_pending_2",
            "",
        ),
        (
            "D-NO_HIT",
            StatusCode::CONFLICT,
            "application_declined_2",
            "",
        ),
        (
            "D-FRAUD",
            StatusCode::CONFLICT,
            "application_declined_3",
            "",
        ),
        (
            "D-DUPLICATE",
            StatusCode::CONFLICT,
            "application_declined",
            "",
        ),
        (
            "D-EMAIL_DBL_TIMEOUT",
            StatusCode::CONFLICT,
            "application_create_error",
            "",
        ),
    ];
    for (i, (key, status, outcome, risk)) in cases.into_iter().enumerate() {
        let (got, body) = submit(&w, &application_for(&format!("Key{i}"), key)).await;
        assert_eq!(got, status, "{key}: {body}");
        if status == StatusCode::OK {
            assert_eq!(
                (body["status"].as_str(), body["risk_rating"].as_str()),
                (Some(outcome), Some(risk)),
                "{key}"
            );
        } else {
            assert_eq!(body["error"], outcome, "{key}");
            assert!(body["url"].as_str().unwrap().ends_with("/apply"));
            assert!(
                !body["message"]
                    .as_str()
                    .unwrap()
                    .to_lowercase()
                    .contains("fraud"),
                "declines carry no reason"
            );
        }
    }
    // D-EMAIL_DBL_TIMEOUT records nothing.
    assert_eq!(w.sandbox.controls().stats().applications, 8);
}

#[tokio::test]
async fn same_person_approved_before_is_customer_already_exists() {
    let w = start().await;
    assert_eq!(submit(&w, &application()).await.0, StatusCode::OK);
    // Same SIN, other name.
    let mut by_sin = application();
    personal(&mut by_sin)["first_name"] = json!("Johnny");
    let (status, body) = submit(&w, &by_sin).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("customer_already_exists"))
    );
    // Same name and birth date, no SIN.
    let mut by_name = application();
    personal(&mut by_name)["sin"] = Value::Null;
    personal(&mut by_name)["first_name"] = json!("JOHN");
    let (status, body) = submit(&w, &by_name).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("customer_already_exists"))
    );
    // Another person is fine.
    assert_eq!(
        submit(&w, &application_for("Jane", "")).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn same_idempotency_key_and_body_replays_the_first_answer() {
    let w = start().await;
    let token = w.token().await;
    let body = application();
    let first = w.apply(&token, &body, Some("key-0001")).await;
    let (status, first_body) = status_json(first).await;
    assert_eq!(status, StatusCode::OK);
    let again = w.apply(&token, &body, Some("key-0001")).await;
    assert_eq!(
        again
            .headers()
            .get("x-idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let (status, again_body) = status_json(again).await;
    assert_eq!((status, &again_body), (StatusCode::OK, &first_body));
    let stats = w.sandbox.controls().stats();
    assert_eq!(
        (stats.applications, stats.idempotent_replays),
        (1, 1),
        "no second application"
    );
    // Without the key, the same person is a duplicate.
    let (status, dup) = status_json(w.apply(&token, &body, None).await).await;
    assert_eq!(
        (status, dup["error"].as_str()),
        (StatusCode::CONFLICT, Some("customer_already_exists"))
    );
}

#[tokio::test]
async fn declines_are_replayed_too() {
    let w = start().await;
    let token = w.token().await;
    let body = application_for("Declined", "D-FRAUD");
    let (_, first) = status_json(w.apply(&token, &body, Some("key-decline")).await).await;
    let (status, again) = status_json(w.apply(&token, &body, Some("key-decline")).await).await;
    assert_eq!((status, again), (StatusCode::CONFLICT, first));
    assert_eq!(w.sandbox.controls().stats().applications, 1);
}

#[tokio::test]
async fn same_idempotency_key_with_another_body_is_refused() {
    let w = start().await;
    let token = w.token().await;
    assert_eq!(
        w.apply(&token, &application(), Some("key-0002"))
            .await
            .status(),
        StatusCode::OK
    );
    let (status, body) = status_json(
        w.apply(&token, &application_for("Other", ""), Some("key-0002"))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("idempotency_key_reused"))
    );
    assert_eq!(w.sandbox.controls().stats().applications, 1);
}

#[tokio::test]
async fn validation_failures_do_not_consume_the_idempotency_key() {
    let w = start().await;
    let token = w.token().await;
    let mut bad = application();
    bad["email"] = json!("nope");
    assert_eq!(
        w.apply(&token, &bad, Some("key-0003")).await.status(),
        StatusCode::CONFLICT
    );
    // The corrected application may use the same key.
    assert_eq!(
        w.apply(&token, &application(), Some("key-0003"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn malformed_idempotency_key_is_wrong_inputs() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) =
        status_json(w.apply(&token, &application(), Some("has space")).await).await;
    assert_eq!(
        (status, msg_of(&body, "x-idempotency-key")),
        (StatusCode::CONFLICT, Some("invalid"))
    );
}

/// Status, `error` (or `status` of an approval) and whether the answer was marked replayed.
async fn apply_with_key(w: &World, token: &str, body: &Value, key: &str) -> (u16, String, bool) {
    let response = w.apply(token, body, Some(key)).await;
    let replayed = response.headers().get("x-idempotent-replayed").is_some();
    let (status, answer) = status_json(response).await;
    let what = answer["error"].as_str().or(answer["status"].as_str());
    (
        status.as_u16(),
        what.unwrap_or_default().to_owned(),
        replayed,
    )
}

#[tokio::test]
async fn refusals_that_record_nothing_leave_the_key_for_the_corrected_request() {
    let w = start().await;
    let token = w.token().await;
    // The person of `application()` has an account: applying again is refused.
    assert_eq!(submit(&w, &application()).await.0, StatusCode::OK);
    let edited = |name: &str, edit: fn(&mut Value)| {
        let mut body = application_for(name, "");
        edit(&mut body);
        body
    };
    let cases: [(&str, Value, Value); 6] = [
        (
            "customer_already_exists",
            application(),
            application_for("Corrected", ""),
        ),
        (
            "tos_agreement_required",
            edited("Terms", |b| b["tos_agreement"] = json!(false)),
            application_for("Terms", ""),
        ),
        (
            "external_location_id_not_found",
            edited("Store", |b| b["external_location_id"] = json!("99-99999")),
            application_for("Store", ""),
        ),
        (
            "account_type_not_permitted",
            edited("Business", |b| b["account_type"] = json!("business")),
            application_for("Business", ""),
        ),
        (
            "wrong_inputs",
            edited("Email", |b| b["email"] = json!("nope")),
            application_for("Email", ""),
        ),
        (
            "application_create_error",
            application_for("Timeout", "D-EMAIL_DBL_TIMEOUT"),
            application_for("Timeout", ""),
        ),
    ];
    for (code, refused, corrected) in &cases {
        let key = format!("key-{code}");
        let first = apply_with_key(&w, &token, refused, &key).await;
        assert_eq!(
            first,
            (409, (*code).to_owned(), false),
            "{code}: first attempt"
        );
        // Nothing was stored: the same request is processed afresh, not replayed.
        let again = apply_with_key(&w, &token, refused, &key).await;
        assert_eq!(again, first, "{code}: the same request again");
        // Nor was the key taken: the corrected request is a new application.
        let fixed = apply_with_key(&w, &token, corrected, &key).await;
        assert_eq!(
            fixed,
            (200, "approved".to_owned(), false),
            "{code}: corrected request with the same key"
        );
        // Its approval is what the key now replays.
        let replay = apply_with_key(&w, &token, corrected, &key).await;
        assert_eq!(replay, (200, "approved".to_owned(), true), "{code}: replay");
    }
    let stats = w.sandbox.controls().stats();
    assert_eq!(
        (stats.applications, stats.idempotent_replays),
        (1 + cases.len() as u64, cases.len() as u64),
        "one application per corrected request, one replay each"
    );
}

#[tokio::test]
async fn recorded_declines_and_pendings_are_replayed_and_keep_their_key() {
    let w = start().await;
    let token = w.token().await;
    for (middle, code) in [
        ("D-NO_HIT", "application_declined_2"),
        ("P-FRAUD", "application_marked_pending_2"),
    ] {
        let body = application_for(middle, middle);
        let key = format!("key-{middle}");
        let (status, first) = status_json(w.apply(&token, &body, Some(&key)).await).await;
        assert_eq!(
            (status, first["error"].as_str()),
            (StatusCode::CONFLICT, Some(code))
        );
        let again = w.apply(&token, &body, Some(&key)).await;
        assert_eq!(
            again
                .headers()
                .get("x-idempotent-replayed")
                .and_then(|v| v.to_str().ok()),
            Some("true"),
            "{middle}: the decision is replayed"
        );
        assert_eq!(
            status_json(again).await,
            (StatusCode::CONFLICT, first),
            "{middle}"
        );
        // The application was recorded: the key belongs to it.
        let other = apply_with_key(&w, &token, &application_for("Other", ""), &key).await;
        assert_eq!(
            other,
            (409, "idempotency_key_reused".to_owned(), false),
            "{middle}: the key is taken"
        );
    }
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.applications, stats.idempotent_replays), (2, 2));
}

/// Sends `body` with `key` `n` times at once; each answer's status, body and whether it
/// was marked replayed.
async fn send_at_once(
    w: &World,
    token: &str,
    body: &Value,
    key: &str,
    n: usize,
) -> Vec<(StatusCode, Value, bool)> {
    let calls = (0..n).map(|_| async {
        let response = w.apply(token, body, Some(key)).await;
        let replayed = response.headers().get("x-idempotent-replayed").is_some();
        let (status, answer) = status_json(response).await;
        (status, answer, replayed)
    });
    futures_util::future::join_all(calls).await
}

/// Sends of one application with one key at the same moment record one application and
/// all get its decision: the key is looked up, the application decided and the answer
/// stored under one lock.
// More worker threads than a small machine has cores, so handlers run side by side and
// one may be paused halfway (a current-thread runtime would run each synchronous handler
// to its end before the next one starts).
#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn concurrent_sends_with_one_key_record_one_application() {
    const SENDS: usize = 32;
    // One round rarely hits a race on a small machine; many make it near certain (on 2
    // cores, before the lookup and the store shared one lock, about 6 % of rounds recorded
    // a second application or replayed a second answer, and 30 runs out of 30 failed).
    const ROUNDS: usize = 64;
    let w = start().await;
    let token = w.token().await;
    // Random latency, so the sends are all in flight together and reach the handler in
    // any order.
    w.sandbox
        .controls()
        .set_latency(Duration::from_millis(0), Duration::from_millis(4));
    // Per round: applications recorded, replays counted, answers marked replayed, and
    // the distinct answers (status and decision).
    let mut seen = Vec::with_capacity(ROUNDS);
    let mut expected = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        // Approvals (a second record would answer `customer_already_exists`) and
        // declines (a second record would be a second application), one person each.
        let name = format!("Racer{round}");
        let (body, decision) = if round % 2 == 0 {
            (application_for(&name, ""), "200 approved")
        } else {
            (
                application_for(&name, "D-FRAUD"),
                "409 application_declined_3",
            )
        };
        let before = w.sandbox.controls().stats();
        let answers = send_at_once(&w, &token, &body, &format!("key-race-{round}"), SENDS).await;
        let after = w.sandbox.controls().stats();
        let mut distinct: Vec<(StatusCode, &Value)> = Vec::new();
        for (status, answer, _) in &answers {
            if !distinct.contains(&(*status, answer)) {
                distinct.push((*status, answer));
            }
        }
        let decisions: Vec<String> = distinct
            .iter()
            .map(|(status, answer)| {
                let what = answer["error"].as_str().or(answer["status"].as_str());
                format!("{} {}", status.as_u16(), what.unwrap_or("?"))
            })
            .collect();
        seen.push((
            after.applications - before.applications,
            after.idempotent_replays - before.idempotent_replays,
            answers.iter().filter(|(_, _, replayed)| *replayed).count(),
            decisions,
        ));
        expected.push((1, SENDS as u64 - 1, SENDS - 1, vec![decision.to_owned()]));
    }
    assert_eq!(
        seen, expected,
        "per round: one application, every other send replayed, one decision"
    );
}
