//! The client against `flexiti-sandbox` over real HTTP on 127.0.0.1: token lifecycle,
//! retries, outcome unknown, and the typed errors of bad answers.

use std::time::Duration;

use flexiti_api::{
    ApiError, ApplyRequest, ClientConfig, CustomerIdentification, Decision, Environment, FieldMsg,
    FlexitiClient, IdempotencyKey, Lang, Money, PersonalInformation, ReferenceId, RetryPolicy,
    Secret, Submission, TransportKind,
};
use flexiti_sandbox::{
    Fault, FaultKind, Sandbox, SandboxConfig, CLIENT_ID, CLIENT_SECRET, REP_PASSWORD,
};

pub(super) async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox")
}

pub(super) fn config(sandbox: &Sandbox) -> ClientConfig {
    let mut config = ClientConfig::new(
        Environment::Sandbox {
            base_url: sandbox.base_url().to_owned(),
        },
        CLIENT_ID,
        Secret::new(CLIENT_SECRET),
    );
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    };
    config
}

pub(super) fn client(sandbox: &Sandbox) -> FlexitiClient {
    FlexitiClient::new(config(sandbox)).expect("client")
}

fn application(first_name: &str, middle_name: &str) -> ApplyRequest {
    ApplyRequest {
        customer_identification: CustomerIdentification {
            personal_information: PersonalInformation {
                salutation: "mr".into(),
                first_name: first_name.into(),
                middle_name: middle_name.into(),
                last_name: "Smith".into(),
                dob: "1988-07-24".into(),
                postal_code: "M5J2H7".into(),
                sin: None,
            },
        },
        account_type: "consumer".into(),
        lang: Some(Lang::En),
        email: "john@example.com".into(),
        phone_number: "4165550123".into(),
        address_1: "55 University Ave".into(),
        address_2: String::new(),
        city: "Toronto".into(),
        province: "ON".into(),
        housing_type: "Rent".into(),
        monthly_housing_payment: Money::from_cents(145_000),
        years_at_address: 3,
        occupation: "FE".into(),
        employer_name: Some("Acme".into()),
        annual_income: Money::from_cents(5_500_000),
        govid_type: "CADL".into(),
        govid_issuedby: "ON".into(),
        govid_number: "D6101-40706-60905".into(),
        govid_expiry: pos_testkit::valid_text("govid_expiry").into(),
        security_qid: 6,
        security_answer: "Rainbow".into(),
        insurance: false,
        qcpa_disclosure: false,
        tos_agreement: true,
        tos_version: Some("2024-01".into()),
        amount_requested: Some(Money::from_cents(250_000)),
        external_location_id: "00-12345".into(),
        external_employee_id: Some("12345-SMITH".into()),
    }
}

#[tokio::test]
async fn a_session_across_several_token_lifetimes_never_sees_a_401() {
    let sandbox = sandbox().await;
    sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(2));
    let mut config = config(&sandbox);
    config.refresh_margin = Duration::from_millis(700);
    let client = FlexitiClient::new(config).unwrap();
    let started = std::time::Instant::now();
    let mut calls = 0;
    while started.elapsed() < Duration::from_millis(7_500) {
        client
            .i18n_key(Lang::Fr, "provinces")
            .await
            .expect("every call succeeds");
        calls += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let stats = sandbox.controls().stats();
    assert!(calls >= 40, "{calls} calls");
    assert_eq!(stats.client_credentials_grants, 1, "{stats:?}");
    assert!(
        stats.refresh_grants >= 3,
        "crossed several lifetimes by refreshing: {stats:?}"
    );
    assert_eq!(
        stats.requests.get("i18n_key"),
        Some(&calls),
        "no call was repeated after a 401"
    );
}

#[tokio::test]
async fn a_hundred_calls_at_expiry_make_one_token_request() {
    let sandbox = sandbox().await;
    sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(3));
    let mut config = config(&sandbox);
    config.refresh_margin = Duration::from_secs(1);
    let client = FlexitiClient::new(config).unwrap();
    client.connect().await.unwrap();
    // Into the refresh margin: every call now needs a new token.
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let before = sandbox.controls().stats().token_requests;
    let calls = (0..100).map(|_| client.i18n_key(Lang::En, "salutations"));
    for result in futures_util::future::join_all(calls).await {
        result.expect("call succeeds");
    }
    let stats = sandbox.controls().stats();
    assert_eq!(stats.token_requests - before, 1, "{stats:?}");
    assert_eq!(stats.refresh_grants, 1);
    assert_eq!(stats.max_concurrent_token_requests, 1);
}

#[tokio::test]
async fn a_refused_refresh_falls_back_to_a_new_grant() {
    let sandbox = sandbox().await;
    sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(2));
    let mut config = config(&sandbox);
    config.refresh_margin = Duration::from_secs(1);
    let client = FlexitiClient::new(config).unwrap();
    client.connect().await.unwrap();
    sandbox.controls().revoke_refresh_tokens();
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    client
        .i18n_key(Lang::En, "provinces")
        .await
        .expect("the call succeeds");
    let stats = sandbox.controls().stats();
    assert_eq!(
        (
            stats.token_requests,
            stats.client_credentials_grants,
            stats.refresh_grants
        ),
        (3, 2, 0),
        "{stats:?}"
    );
}

#[tokio::test]
async fn a_401_mid_session_is_retried_once_with_a_new_token() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    client.i18n_key(Lang::En, "provinces").await.unwrap();
    sandbox.controls().revoke_access_tokens();
    client
        .i18n_key(Lang::En, "provinces")
        .await
        .expect("absorbed");
    let stats = sandbox.controls().stats();
    assert_eq!(stats.client_credentials_grants, 2);
    assert_eq!(stats.requests.get("i18n_key"), Some(&3));
    let ids = &stats.reference_ids["i18n_key"];
    assert_eq!(
        ids[1], ids[2],
        "the retry reuses the operation's reference id"
    );
    assert_ne!(ids[0], ids[1]);
}

#[tokio::test]
async fn a_second_401_surfaces_as_unauthorized() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    client.connect().await.unwrap();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Status { status: 401 }).times(5))
        .unwrap();
    assert_eq!(
        client.i18n(Lang::En).await.unwrap_err(),
        ApiError::Unauthorized
    );
    assert_eq!(
        sandbox.controls().stats().requests.get("i18n"),
        Some(&2),
        "retried once, never more"
    );
}

#[tokio::test]
async fn a_503_then_success_is_absorbed_with_the_same_reference_id() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Status { status: 503 }).times(1))
        .unwrap();
    let i18n = client.i18n(Lang::Fr).await.expect("absorbed");
    assert_eq!(
        i18n.options("provinces").unwrap().label(None, "QC"),
        Some("Québec")
    );
    let stats = sandbox.controls().stats();
    assert_eq!(stats.requests.get("i18n"), Some(&2));
    assert_eq!(
        stats.reference_ids["i18n"][0],
        stats.reference_ids["i18n"][1]
    );
}

#[tokio::test]
async fn token_call_failures_are_retried_too() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .controls()
        .add_fault(Fault::new(Some("token"), FaultKind::Html { status: 502 }).times(2))
        .unwrap();
    client.connect().await.expect("third attempt succeeds");
    let stats = sandbox.controls().stats();
    assert_eq!(
        (stats.token_requests, stats.client_credentials_grants),
        (3, 1)
    );
    let ids = &stats.reference_ids["token"];
    assert!(ids.iter().all(|id| id == &ids[0]));
}

#[tokio::test]
async fn a_dropped_connection_on_apply_is_outcome_unknown_and_check_again_replays() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let submission = Submission::new();
    let request = application("John", "");
    sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .unwrap();
    assert_eq!(
        client
            .apply(Lang::En, &request, &submission)
            .await
            .unwrap_err(),
        ApiError::OutcomeUnknown
    );
    assert_eq!(
        sandbox.controls().stats().requests.get("apply"),
        Some(&1),
        "not blindly re-sent"
    );
    assert_eq!(
        sandbox.controls().stats().applications,
        1,
        "it did reach the server"
    );
    // "Check again": the same submission gets the decision that was lost.
    let decision = client
        .apply(Lang::En, &request, &submission)
        .await
        .expect("decision");
    let Decision::Approved(approval) = decision else {
        panic!("approved expected, got {decision:?}")
    };
    assert_eq!(approval.card_ending_in.len(), 4);
    let again = client.apply(Lang::En, &request, &submission).await.unwrap();
    assert_eq!(again, Decision::Approved(approval));
    let stats = sandbox.controls().stats();
    assert_eq!(
        (stats.applications, stats.idempotent_replays),
        (1, 2),
        "no second application"
    );
    let ids = &stats.reference_ids["apply"];
    assert!(ids.iter().all(|id| id == submission.reference_id.as_str()));
}

#[tokio::test]
async fn apply_timeout_is_outcome_unknown() {
    let sandbox = sandbox().await;
    let mut config = config(&sandbox);
    config.apply_timeout = Duration::from_millis(300);
    let client = FlexitiClient::new(config).unwrap();
    client.connect().await.unwrap();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Delay { ms: 1_000 }).times(1))
        .unwrap();
    let result = client
        .apply(Lang::En, &application("Slow", ""), &Submission::new())
        .await;
    assert_eq!(result.unwrap_err(), ApiError::OutcomeUnknown);
}

#[tokio::test]
async fn apply_503_is_retried_with_the_same_key_then_decided() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Status { status: 503 }).times(1))
        .unwrap();
    let decision = client
        .apply(Lang::En, &application("Retry", ""), &Submission::new())
        .await
        .unwrap();
    assert!(matches!(decision, Decision::Approved(_)));
    assert_eq!(sandbox.controls().stats().applications, 1);
}

#[tokio::test]
async fn apply_500_after_processing_is_outcome_unknown_not_retried() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Status { status: 500 }))
        .unwrap();
    let result = client
        .apply(Lang::En, &application("Five", ""), &Submission::new())
        .await;
    assert_eq!(result.unwrap_err(), ApiError::OutcomeUnknown);
    assert_eq!(sandbox.controls().stats().requests.get("apply"), Some(&1));
}

#[tokio::test]
async fn unreachable_server_is_a_connect_error_even_for_apply() {
    let sandbox = sandbox().await;
    let config = config(&sandbox);
    drop(sandbox);
    let client = FlexitiClient::new(config).unwrap();
    assert_eq!(
        client.i18n(Lang::En).await.unwrap_err(),
        ApiError::Transport {
            kind: TransportKind::Connect
        }
    );
    let result = client
        .apply(Lang::En, &application("Nobody", ""), &Submission::new())
        .await;
    assert_eq!(
        result.unwrap_err(),
        ApiError::Transport {
            kind: TransportKind::Connect
        },
        "never sent: not unknown"
    );
}

#[tokio::test]
async fn malformed_json_html_page_and_oversized_body_are_typed() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    client.connect().await.unwrap();
    let controls = sandbox.controls();
    controls
        .add_fault(Fault::new(Some("i18n"), FaultKind::MalformedJson).times(1))
        .unwrap();
    assert_eq!(
        client.i18n(Lang::En).await.unwrap_err(),
        ApiError::Malformed
    );
    controls
        .add_fault(Fault::new(Some("i18n"), FaultKind::Html { status: 502 }))
        .unwrap();
    assert_eq!(
        client.i18n(Lang::En).await.unwrap_err(),
        ApiError::HtmlPage { status: 502 }
    );
    assert_eq!(
        controls.stats().requests.get("i18n"),
        Some(&4),
        "a 502 page is retried, then reported"
    );
    controls.clear_faults();
    controls
        .add_fault(Fault::new(Some("i18n"), FaultKind::HugeBody).times(1))
        .unwrap();
    assert_eq!(client.i18n(Lang::En).await.unwrap_err(), ApiError::TooLarge);
    // A token answer cut in half is malformed too.
    let fresh = FlexitiClient::new(config(&sandbox)).unwrap();
    controls
        .add_fault(Fault::new(Some("token"), FaultKind::MalformedJson).times(1))
        .unwrap();
    assert_eq!(fresh.connect().await.unwrap_err(), ApiError::Malformed);
    client.i18n(Lang::En).await.expect("healthy again");
}

#[tokio::test]
async fn a_timeout_on_a_repeatable_call_is_retried_then_typed() {
    let sandbox = sandbox().await;
    let mut config = config(&sandbox);
    config.request_timeout = Duration::from_millis(200);
    let client = FlexitiClient::new(config).unwrap();
    client.connect().await.unwrap();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Delay { ms: 600 }))
        .unwrap();
    assert_eq!(
        client.i18n(Lang::En).await.unwrap_err(),
        ApiError::Transport {
            kind: TransportKind::Timeout
        }
    );
    assert_eq!(sandbox.controls().stats().requests.get("i18n"), Some(&3));
}

#[tokio::test]
async fn wrong_client_secret_is_an_oauth_error() {
    let sandbox = sandbox().await;
    let mut config = config(&sandbox);
    config.client_secret = Secret::new("wrong");
    let client = FlexitiClient::new(config).unwrap();
    let error = client.i18n(Lang::En).await.unwrap_err();
    assert_eq!(error.code(), "oauth_invalid_client");
    assert_eq!(
        sandbox.controls().stats().token_requests,
        1,
        "a refused grant is not retried"
    );
}

#[tokio::test]
async fn endpoints_return_their_typed_answers() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let login = client
        .merchant_login(Lang::Fr, "vendeur", &Secret::new(REP_PASSWORD))
        .await
        .unwrap();
    assert_eq!(login.merchant_id, "123457");
    let issuers = login.form_values.get("govid_issuedby").unwrap();
    assert_eq!(issuers.label(Some("CAP"), "CANADA"), Some("Canada"));
    assert_eq!(
        login
            .form_values
            .get("housing_type")
            .unwrap()
            .options(None)
            .unwrap()
            .len(),
        4
    );
    let wrong = client
        .merchant_login(Lang::En, "vendeur", &Secret::new("nope"))
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "authentication_failure");

    let terms = client.terms(Lang::Fr, "QC").await.unwrap();
    assert_eq!(
        (terms.version.as_str(), terms.province_group.as_deref()),
        ("2024-01-QC", Some("QC"))
    );
    let i18n = client.i18n(Lang::Fr).await.unwrap();
    assert!(
        i18n.text("qcpa_disclosure").unwrap().contains("Québec")
            || i18n
                .text("qcpa_disclosure")
                .unwrap()
                .contains("consommateur")
    );
    assert_eq!(
        client.i18n_key(Lang::En, "nonsense").await.unwrap_err(),
        ApiError::NotFound
    );

    let code = "@\n\u{1e}\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r";
    let licence = client.decode_licence(code).await.unwrap();
    assert_eq!(
        (licence.last_name.as_deref(), licence.dob.as_deref()),
        (Some("NUMBER1"), Some("1974-05-15"))
    );
    let bad = client.decode_licence("not a licence").await.unwrap_err();
    let ApiError::WrongInputs { field_errors } = bad else {
        panic!("wrong inputs")
    };
    assert_eq!(
        (field_errors[0].param.as_str(), &field_errors[0].msg),
        ("code", &FieldMsg::Invalid)
    );
}

#[tokio::test]
async fn apply_decisions_and_field_errors_are_typed() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let pending = client
        .apply(Lang::En, &application("Pat", "P-FRAUD"), &Submission::new())
        .await
        .unwrap();
    assert_eq!(pending, Decision::Pending { variant: 2 });
    let declined = client
        .apply(
            Lang::En,
            &application("Dee", "D-NO_HIT"),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(declined, Decision::Declined { variant: 2 });
    let retry = client
        .apply(
            Lang::En,
            &application("Tim", "D-EMAIL_DBL_TIMEOUT"),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(retry.code(), "application_create_error");

    let mut bad = application("Bad", "");
    bad.email = "nope".into();
    bad.customer_identification.personal_information.postal_code = "H2X1Y4".into();
    let ApiError::WrongInputs { field_errors } = client
        .apply(Lang::En, &bad, &Submission::new())
        .await
        .unwrap_err()
    else {
        panic!("wrong inputs")
    };
    let params: Vec<&str> = field_errors.iter().map(|e| e.param.as_str()).collect();
    assert_eq!(params, ["email", "postal_code"]);

    let reused = Submission {
        idempotency_key: IdempotencyKey::new(),
        reference_id: ReferenceId::new(),
    };
    client
        .apply(Lang::En, &application("Kim", ""), &reused)
        .await
        .unwrap();
    let other = client
        .apply(Lang::En, &application("Lee", ""), &reused)
        .await
        .unwrap_err();
    assert_eq!(other.code(), "idempotency_key_reused");
}

#[test]
fn nothing_secret_prints_in_debug() {
    let config = ClientConfig::new(Environment::Training, CLIENT_ID, Secret::new(CLIENT_SECRET));
    let client = FlexitiClient::new(config.clone()).unwrap();
    for shown in [format!("{config:?}"), format!("{client:?}")] {
        assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    }
}
