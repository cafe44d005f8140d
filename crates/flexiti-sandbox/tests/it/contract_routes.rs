//! Contract tests of bearer and reference-id checking, merchant login, i18n, terms and
//! conditions and the driver's licence decoder, one per rule with its negative case.

use std::time::Duration;

use flexiti_sandbox::{CLIENT_ID, REP_PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{msg_of, params, ref_id, start, status_json};

const SAMPLE_LICENCE: &str = "@\n\u{1e}\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r";

fn login_body(user: &str) -> Value {
    json!({ "merchant_username": user, "merchant_password": REP_PASSWORD })
}

#[tokio::test]
async fn missing_or_unknown_bearer_is_401_invalid_token() {
    let w = start().await;
    let response = w
        .http
        .get(w.client_url("/i18n"))
        .header("x-reference-id", ref_id())
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
    assert_eq!(body["message"], "The access token provided is invalid.");
    let response = w
        .call(Method::GET, "/i18n", &"0".repeat(40))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let token = w.token().await;
    let response = w.call(Method::GET, "/i18n", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn expired_bearer_is_401_with_the_expired_message() {
    let w = start().await;
    w.sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(1));
    let token = w.token().await;
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) =
        status_json(w.call(Method::GET, "/i18n", &token).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({ "error": "invalid_token", "message": "The access token provided has expired." })
    );
}

#[tokio::test]
async fn revoked_bearer_is_401() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox.controls().revoke_access_tokens();
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn bearer_of_this_client_only() {
    let w = start().await;
    let token = w.token().await;
    let url = w.url("/client-id/otherclient/i18n");
    let response = w
        .http
        .get(url)
        .bearer_auth(&token)
        .header("x-reference-id", ref_id())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn customer_token_outside_the_customer_scope_list_is_403() {
    let w = start().await;
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = w
        .call(Method::POST, "/merchants/login", &customer)
        .json(&login_body("merchantonline"))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({ "error": "insufficient_scope", "message": "Insufficient scope: authorized scope is insufficient" })
    );
    // The list names POST i18n, not GET.
    assert_eq!(
        w.call(Method::GET, "/i18n", &customer)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    // On the list: allowed.
    assert_eq!(
        w.call(Method::POST, "/i18n", &customer)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let terms = w
        .call(Method::GET, "/terms-and-conditions?province=ON", &customer)
        .send()
        .await
        .unwrap();
    assert_eq!(terms.status(), StatusCode::OK);
    // A merchant token is allowed everywhere.
    let merchant = w.token().await;
    let response = w
        .call(Method::POST, "/merchants/login", &merchant)
        .json(&login_body("merchantonline"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn reference_id_is_required_on_every_route() {
    let w = start().await;
    let token = w.token().await;
    let url = w.client_url("/i18n");
    let (status, body) =
        status_json(w.http.get(&url).bearer_auth(&token).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(msg_of(&body, "x-reference-id"), Some("required"));
    assert_eq!(
        body["url"],
        format!("/flexiti/pos-api/v2.5/client-id/{CLIENT_ID}/i18n")
    );
    let bad = w
        .http
        .get(&url)
        .bearer_auth(&token)
        .header("x-reference-id", "abc")
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(bad).await;
    assert_eq!(
        (status, msg_of(&body, "x-reference-id")),
        (StatusCode::CONFLICT, Some("invalid"))
    );
}

#[tokio::test]
async fn merchant_login_returns_every_option_list_in_english() {
    let w = start().await;
    let token = w.token().await;
    let response = w
        .call(Method::POST, "/merchants/login?lang=en", &token)
        .json(&login_body("merchantonline"))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["merchant_name"], "ACME Jewellers");
    assert!(body["merchant_id"].is_string() || body["merchant_id"].is_number());
    let fv = &body["form_values"];
    for key in [
        "salutation",
        "province",
        "security_qid",
        "govid_type",
        "occupation",
        "transaction_type",
        "plan_id",
    ] {
        assert!(
            fv[key]["options"]
                .as_object()
                .is_some_and(|o| !o.is_empty()),
            "{key}"
        );
    }
    assert_eq!(fv["salutation"]["options"]["mss"], "Miss");
    assert_eq!(fv["province"]["options"]["NL"], "Newfoundland and Labrador");
    assert_eq!(fv["govid_type"]["options"]["CADL"], "Driver's licence");
    assert_eq!(fv["occupation"]["options"].as_object().unwrap().len(), 11);
    assert_eq!(fv["housing_type"]["Relatives"], "Living with relatives");
    let depends = fv["govid_issuedby"]["option_depends"]
        .as_object()
        .expect("option_depends");
    assert_eq!(depends["CAP"], json!({ "CANADA": "Canada" }));
    assert_eq!(depends["CADL"].as_object().unwrap().len(), 13);
    assert_eq!(
        depends.len(),
        fv["govid_type"]["options"].as_object().unwrap().len()
    );
}

#[tokio::test]
async fn merchant_login_in_french_has_the_same_codes_in_french() {
    let w = start().await;
    let token = w.token().await;
    let login = |lang: &'static str| {
        w.call(
            Method::POST,
            &format!("/merchants/login?lang={lang}"),
            &token,
        )
        .json(&login_body("vendeur"))
        .send()
    };
    let (_, en) = status_json(login("en").await.unwrap()).await;
    let (status, fr) = status_json(login("fr").await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let fv = &fr["form_values"];
    assert_eq!(fv["province"]["options"]["QC"], "Québec");
    assert_eq!(fv["province"]["options"]["BC"], "Colombie-Britannique");
    assert_eq!(fv["govid_type"]["options"]["CADL"], "Permis de conduire");
    let codes = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for key in [
        "salutation",
        "province",
        "security_qid",
        "govid_type",
        "occupation",
    ] {
        assert_eq!(
            codes(&en["form_values"][key]["options"]),
            codes(&fv[key]["options"]),
            "{key}"
        );
    }
}

#[tokio::test]
async fn merchant_login_wrong_credentials_are_authentication_failure() {
    let w = start().await;
    let token = w.token().await;
    let body = json!({ "merchant_username": "merchantonline", "merchant_password": "wrong" });
    let (status, body) = status_json(
        w.call(Method::POST, "/merchants/login", &token)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("authentication_failure"))
    );
    assert!(body["url"].as_str().unwrap().ends_with("/merchants/login"));
}

#[tokio::test]
async fn merchant_login_missing_credentials_are_required() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = status_json(
        w.call(Method::POST, "/merchants/login", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["merchant_username", "merchant_password"]);
    let wrong_type = json!({ "merchant_username": 12, "merchant_password": REP_PASSWORD });
    let (_, body) = status_json(
        w.call(Method::POST, "/merchants/login", &token)
            .json(&wrong_type)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(msg_of(&body, "merchant_username"), Some("invalid"));
}

#[tokio::test]
async fn lang_other_than_en_or_fr_is_wrong_inputs() {
    let w = start().await;
    let token = w.token().await;
    for path in [
        "/i18n?lang=de",
        "/i18n/provinces?lang=EN",
        "/terms-and-conditions?lang=es&province=ON",
    ] {
        let (status, body) =
            status_json(w.call(Method::GET, path, &token).send().await.unwrap()).await;
        assert_eq!(
            (status, msg_of(&body, "lang")),
            (StatusCode::CONFLICT, Some("invalid")),
            "{path}"
        );
    }
    let response = w
        .call(Method::POST, "/merchants/login?lang=xx", &token)
        .json(&login_body("vendeur"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn i18n_returns_the_seed_structure_in_both_languages() {
    let w = start().await;
    let token = w.token().await;
    let keys = [
        "annual_fees",
        "govid_issued_bys",
        "govid_types",
        "housing_type",
        "insurance",
        "insurance_tc",
        "occupation_ids",
        "plan_ids",
        "provinces",
        "qcpa_disclosure",
        "salutations",
        "security_ids",
        "transaction_types",
    ];
    let mut texts = Vec::new();
    for (method, lang) in [(Method::GET, "en"), (Method::POST, "fr")] {
        let (status, body) = status_json(
            w.call(method, &format!("/i18n?lang={lang}"), &token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let mut got: Vec<&str> = body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        got.sort_unstable();
        assert_eq!(got, keys);
        assert!(body["govid_issued_bys"]["option_depends"]["CADL"]["ON"].is_string());
        assert!(body["occupation_ids"]["options"]["FE"].is_string());
        texts.push(body["qcpa_disclosure"].as_str().unwrap().to_owned());
    }
    assert_ne!(texts[0], texts[1], "the disclosure is translated");
    assert!(
        texts[1].contains("Loi sur la protection du consommateur"),
        "{}",
        texts[1]
    );
}

#[tokio::test]
async fn i18n_by_key_returns_only_that_key() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = status_json(
        w.call(Method::GET, "/i18n/provinces?lang=fr", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_object().unwrap().len(), 1);
    assert_eq!(body["provinces"]["QC"], "Québec");
    let (status, body) = status_json(
        w.call(Method::POST, "/i18n/insurance", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["insurance"].is_string());
}

#[tokio::test]
async fn i18n_unknown_key_is_404_not_found() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = status_json(
        w.call(Method::GET, "/i18n/nonsense", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    assert!(body["url"].is_string() && body["message"].is_string());
}

#[tokio::test]
async fn terms_follow_language_and_province_group() {
    let w = start().await;
    let token = w.token().await;
    let get = |q: &'static str| {
        w.call(Method::GET, &format!("/terms-and-conditions?{q}"), &token)
            .send()
    };
    let (_, on_en) = status_json(get("lang=en&province=ON").await.unwrap()).await;
    let (_, bc_en) = status_json(get("lang=en&province=BC").await.unwrap()).await;
    let (_, qc_fr) = status_json(get("lang=fr&province=QC").await.unwrap()).await;
    let (_, qc_en) = status_json(get("lang=en&province=QC").await.unwrap()).await;
    assert_eq!(
        (on_en["province_group"].as_str(), on_en["version"].as_str()),
        (Some("ROC"), Some("2024-01"))
    );
    assert_eq!(on_en, bc_en);
    assert_eq!(
        (qc_fr["province_group"].as_str(), qc_fr["lang"].as_str()),
        (Some("QC"), Some("fr"))
    );
    assert_eq!(qc_fr["version"], "2024-01-QC");
    assert_ne!(qc_fr["text"], qc_en["text"]);
    assert_ne!(qc_en["text"], on_en["text"]);
    assert!(
        qc_fr["text"].as_str().unwrap().contains("\n\n"),
        "paragraphs are separated by blank lines"
    );
}

#[tokio::test]
async fn terms_need_a_known_province() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = status_json(
        w.call(Method::GET, "/terms-and-conditions?lang=en", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, msg_of(&body, "province")),
        (StatusCode::CONFLICT, Some("required"))
    );
    let (_, body) = status_json(
        w.call(Method::GET, "/terms-and-conditions?province=ZZ", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(msg_of(&body, "province"), Some("invalid"));
}

#[tokio::test]
async fn drivers_licence_sample_from_the_reference_decodes() {
    let w = start().await;
    let token = w.token().await;
    let response = w
        .call(Method::POST, "/customers/driverslicense", &token)
        .json(&json!({ "code": SAMPLE_LICENCE }))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "first_name": "ENSTREAM", "middle_name": "", "last_name": "NUMBER1", "dob": "1974-05-15",
            "address_1": "55 UNIVERSITY AVE", "city": "TORONTO", "province": "ON", "postal_code": "M5J 2H7",
            "govid_type": "CADL", "govid_issuedby": "ON", "govid_number": "D61014070660905", "govid_expiry": "2020-05-15"
        })
    );
}

#[tokio::test]
async fn drivers_licence_unparseable_code_is_wrong_inputs() {
    let w = start().await;
    let token = w.token().await;
    for (body, msg) in [
        (json!({ "code": "not a barcode" }), "invalid"),
        (json!({ "code": "" }), "required"),
        (json!({}), "required"),
        (json!({ "code": 42 }), "invalid"),
        (json!({ "code": "x".repeat(5000) }), "length"),
    ] {
        let response = w
            .call(Method::POST, "/customers/driverslicense", &token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let (status, answer) = status_json(response).await;
        assert_eq!(
            (status, msg_of(&answer, "code")),
            (StatusCode::CONFLICT, Some(msg)),
            "{body}"
        );
    }
}
