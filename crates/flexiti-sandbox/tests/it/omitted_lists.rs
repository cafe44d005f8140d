//! The omitted-lists control, so a client's free-text fallback can be tested against the
//! emulator instead of an edited answer: a list left out is absent from `merchants/login`
//! and `i18n` in both languages, every other list is still there, and a reset serves all.

use flexiti_sandbox::REP_PASSWORD;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{start, status_json, World};

/// Every option list: its `form_values` key and its `i18n` key.
const LISTS: [(&str, &str); 9] = [
    ("salutation", "salutations"),
    ("province", "provinces"),
    ("security_qid", "security_ids"),
    ("govid_type", "govid_types"),
    ("govid_issuedby", "govid_issued_bys"),
    ("occupation", "occupation_ids"),
    ("housing_type", "housing_type"),
    ("transaction_type", "transaction_types"),
    ("plan_id", "plan_ids"),
];

const LANGS: [&str; 2] = ["en", "fr"];

async fn form_values(w: &World, token: &str, lang: &str) -> Value {
    let body = json!({ "merchant_username": "vendeur", "merchant_password": REP_PASSWORD });
    let response = w
        .call(
            Method::POST,
            &format!("/merchants/login?lang={lang}"),
            token,
        )
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["form_values"].clone()
}

async fn i18n(w: &World, token: &str, lang: &str) -> Value {
    let response = w
        .call(Method::GET, &format!("/i18n?lang={lang}"), token)
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn i18n_key_status(w: &World, token: &str, key: &str, lang: &str) -> StatusCode {
    w.call(Method::GET, &format!("/i18n/{key}?lang={lang}"), token)
        .send()
        .await
        .unwrap()
        .status()
}

/// In both languages: the `omitted` lists are absent from the login's `form_values`, from
/// `i18n` and from `i18n/{key}`; every other list is present with options.
async fn assert_served(w: &World, token: &str, omitted: &[&str]) {
    for lang in LANGS {
        let values = form_values(w, token, lang).await;
        let texts = i18n(w, token, lang).await;
        assert!(texts["annual_fees"].is_string(), "texts stay ({lang})");
        for (name, key) in LISTS {
            let gone = omitted.contains(&name);
            let shown = |v: &Value| v.as_object().is_some_and(|o| !o.is_empty());
            assert_eq!(
                values.get(name).is_none(),
                gone,
                "form_values.{name} ({lang})"
            );
            assert_eq!(texts.get(key).is_none(), gone, "i18n.{key} ({lang})");
            if !gone {
                assert!(shown(&values[name]), "form_values.{name} ({lang})");
                assert!(shown(&texts[key]), "i18n.{key} ({lang})");
            }
            let expected = if gone {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            assert_eq!(
                i18n_key_status(w, token, key, lang).await,
                expected,
                "i18n/{key} ({lang})"
            );
        }
    }
}

#[tokio::test]
async fn an_omitted_list_is_absent_in_both_languages_and_the_others_are_served() {
    let w = start().await;
    let token = w.token().await;
    assert_served(&w, &token, &[]).await;
    let controls = w.sandbox.controls();
    controls
        .set_omitted_lists(["security_qid", "occupation"])
        .unwrap();
    assert_eq!(controls.omitted_lists(), ["occupation", "security_qid"]);
    assert_served(&w, &token, &["occupation", "security_qid"]).await;
    controls.set_omitted_lists(["housing_type"]).unwrap();
    assert_served(&w, &token, &["housing_type"]).await;
    controls.reset();
    assert!(controls.omitted_lists().is_empty());
    let token = w.token().await;
    assert_served(&w, &token, &[]).await;
}

#[tokio::test]
async fn omitted_lists_over_http_refuse_unknown_names_and_reset_serves_all() {
    let w = start().await;
    let url = format!("{}/_sandbox/omitted-lists", w.sandbox.base_url());
    let put = |body: Value| w.http.put(&url).json(&body).send();
    let (status, body) =
        status_json(put(json!({ "lists": ["govid_issuedby"] })).await.unwrap()).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({ "lists": ["govid_issuedby"] }))
    );
    let token = w.token().await;
    assert_served(&w, &token, &["govid_issuedby"]).await;

    for refused in [
        json!({ "lists": ["occupation_ids"] }),
        json!({ "lists": ["occupation", "nope"] }),
        json!({ "lists": "occupation" }),
        json!({ "names": ["occupation"] }),
    ] {
        let (status, body) = status_json(put(refused.clone()).await.unwrap()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_control")),
            "{refused}"
        );
    }
    let (status, body) = status_json(w.http.get(&url).send().await.unwrap()).await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({ "lists": ["govid_issuedby"] })),
        "a refused change changes nothing"
    );

    let (status, body) = status_json(put(json!({ "lists": [] })).await.unwrap()).await;
    assert_eq!((status, body), (StatusCode::OK, json!({ "lists": [] })));
    assert_served(&w, &token, &[]).await;

    put(json!({ "lists": ["plan_id"] })).await.unwrap();
    let reset = w
        .http
        .post(format!("{}/_sandbox/reset", w.sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::NO_CONTENT);
    let (_, body) = status_json(w.http.get(&url).send().await.unwrap()).await;
    assert_eq!(body, json!({ "lists": [] }));
    let token = w.token().await;
    assert_served(&w, &token, &[]).await;
}
