//! The purchase flow through the client against `flexiti-sandbox` over real HTTP: finding
//! the account, the quote, verification, the sale and what follows it, a lost answer
//! reconciled by reference, and retries that re-send identical bytes.

use std::time::SystemTime;

use flexiti_api::{
    authorization_body, capture_body, context_hash, refund_body, release_body, return_body,
    AccountNumber, ApiError, AuthorizationRequest, BusinessCode, CaptureRequest, CardNumber,
    CustomerSearch, FinancingChoice, FlexitiClient, Lang, ListFilter, LookupBy, Money, Rate,
    ReferenceId, RefundRequest, ReleaseRequest, RequestId, ReturnRequest, Secret, Submission,
    TransactionType, Verification, VerificationCode, VerifyFormat, VerifyRequest,
};
use flexiti_sandbox::{Fault, FaultKind, Sandbox};

use crate::lifecycle::{client, sandbox};

const MITESTER: &str = "116994755";
const JOHN_SMITH: &str = "123456789";

fn account(number: &str) -> AccountNumber {
    AccountNumber::parse(number).unwrap()
}

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

/// Verifies `number` by SMS and returns the request id and the PIN the customer got.
async fn verified_by_sms(
    sandbox: &Sandbox,
    client: &FlexitiClient,
    number: &str,
) -> (RequestId, VerificationCode) {
    let request = VerifyRequest::new(VerifyFormat::Sms);
    let answer = client.verify(&account(number), &request).await.unwrap();
    assert_eq!(answer, Verification::SentToSms);
    let pins = sandbox.controls().pins(number.parse().unwrap());
    let record = pins
        .iter()
        .find(|p| p.request_id == request.request_id.as_str())
        .expect("the PIN of this request");
    let pin = VerificationCode::entered(&record.pin).expect("4 to 8 digits");
    (request.request_id, pin)
}

fn sale(
    number: &str,
    option: FinancingChoice,
    amount: &str,
    auto_capture: bool,
    (request_id, pin): (RequestId, VerificationCode),
) -> AuthorizationRequest {
    AuthorizationRequest {
        account_number: account(number),
        vcc_number: None,
        reference: ReferenceId::new().as_str().to_owned(),
        financing_option: option,
        amount: m(amount),
        auto_capture,
        verification_code: pin,
        request_id,
        external_location_id: "00-12345".into(),
        external_employee_id: "merchantonline".into(),
        sku_data: None,
    }
}

/// A verified, authorized sale on `number`.
async fn sold(
    sandbox: &Sandbox,
    client: &FlexitiClient,
    number: &str,
    option: FinancingChoice,
    amount: &str,
    auto_capture: bool,
) -> flexiti_api::Authorization {
    let verified = verified_by_sms(sandbox, client, number).await;
    let request = sale(number, option, amount, auto_capture, verified);
    let body = authorization_body(&request).unwrap();
    client
        .authorize(Lang::En, body, &Submission::new())
        .await
        .unwrap()
}

fn business(error: &ApiError) -> &BusinessCode {
    match error {
        ApiError::Business { code, .. } => code,
        other => panic!("not a business refusal: {other:?}"),
    }
}

#[tokio::test]
async fn search_finds_every_status_and_no_match_is_empty() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let search = |first: &str, last: &str, dob: &str, postal: Option<&str>| CustomerSearch {
        first_name: first.into(),
        last_name: last.into(),
        dob: dob.into(),
        postal_code: postal.map(str::to_owned),
    };
    let rows = client
        .search_customers(&search("John", "Smith", "1900-01-01", None))
        .await
        .unwrap();
    let mut numbers: Vec<&str> = rows.iter().map(|r| r.account_number.expose()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["123456789", "234567890"]);
    let john = rows
        .iter()
        .find(|r| r.account_number.expose() == JOHN_SMITH)
        .unwrap();
    assert!(john.purchasable());
    assert_eq!(john.available_credit, Some(m("659.51")));
    assert_eq!(john.customer_id, "123321");
    let business = rows
        .iter()
        .find(|r| r.account_number.expose() == "234567890")
        .unwrap();
    assert!(!business.purchasable(), "status F");
    // Accent-insensitive names, the postal code narrowing the match.
    let cote = client
        .search_customers(&search("Martin", "Cote", "1972-10-10", Some("M5V 2T6")))
        .await
        .unwrap();
    assert_eq!(cote.len(), 1);
    // No match: the emulator's 404 is an empty list.
    let none = client
        .search_customers(&search("Nobody", "Here", "1999-09-09", None))
        .await
        .unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn lookup_by_card_account_or_customer_id_and_its_refusals() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let by_account = client
        .lookup_customer(Lang::En, &LookupBy::Account(account(MITESTER)))
        .await
        .unwrap();
    assert_eq!(by_account.account_number.expose(), MITESTER);
    assert_eq!(by_account.customer_id.as_deref(), Some("500001"));
    assert_eq!(by_account.available_credit, Some(m("14000.00")));
    assert_eq!(by_account.security_qid.as_ref().map(|q| q.id), Some(6));
    assert!(by_account
        .offer(4)
        .is_some_and(|o| o.term_options == [3, 6, 12, 24]));
    let card = CardNumber::parse("1070015210367982").unwrap();
    let by_card = client
        .lookup_customer(Lang::Fr, &LookupBy::Card(card))
        .await
        .unwrap();
    assert_eq!(by_card.account_number, by_account.account_number);
    let by_customer = client
        .lookup_customer(Lang::En, &LookupBy::CustomerId("500001".into()))
        .await
        .unwrap();
    assert_eq!(by_customer.account_number, by_account.account_number);
    // An authorized user's card: the primary account, the user's card ending.
    let user_card = CardNumber::parse("1234567890101213").unwrap();
    let user = client
        .lookup_customer(Lang::En, &LookupBy::Card(user_card))
        .await
        .unwrap();
    assert_eq!(user.account_number.expose(), "20035156");
    assert_eq!(user.card_ending_in.as_deref(), Some("1213"));

    let refused = |number: &'static str| {
        let client = client.clone();
        async move {
            client
                .lookup_customer(Lang::En, &LookupBy::Account(account(number)))
                .await
                .unwrap_err()
        }
    };
    assert_eq!(
        business(&refused("300000006").await),
        &BusinessCode::UserNotAbleToPurchase
    );
    assert_eq!(
        business(&refused("300000009").await),
        &BusinessCode::UserNotActive
    );
    assert_eq!(refused("999999999").await, ApiError::NotFound);
    assert_eq!(
        refused("300000006").await.code(),
        "user_not_able_to_purchase"
    );
}

#[tokio::test]
async fn the_quote_reads_to_the_cent_with_plans_rates_fees_and_messages() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let quote = client
        .calculate_interest(Lang::En, &account(MITESTER), m("1000.00"))
        .await
        .unwrap();
    assert_eq!(quote.amount, m("1000.00"));
    assert_eq!(quote.account_number.expose(), MITESTER);
    let regular = quote.regular_purchase.as_ref().expect("regular row");
    assert_eq!(regular.term_amount, m("1000.00"));
    assert_eq!(regular.air, Some(Rate::parse("0.3099").unwrap()));
    assert!(!regular.verify, "above 200.00");
    let customer = quote.customer.as_ref().unwrap();
    assert_eq!(customer.available_credit, Some(m("14000.00")));
    for (term, amount) in [(3, "338.90"), (6, "171.56"), (12, "87.91"), (24, "46.14")] {
        let row = quote.term(4, term).unwrap();
        assert_eq!(row.term_amount, m(amount), "plan 4 × {term}");
        assert_eq!(row.annual_rates[0].rate, Rate::parse("0.0999").unwrap());
        assert!(row.annual_rates[0]
            .message
            .as_deref()
            .is_some_and(|t| !t.is_empty()));
    }
    let five = quote.term(5, 12).unwrap();
    assert_eq!(five.term_amount, m("87.50"));
    assert_eq!(five.fees[0].amount, m("49.99"));
    assert_eq!(five.fees[0].kind.as_deref(), Some("admin_total"));
    assert_eq!(quote.term(6, 12).unwrap().term_amount, m("1000.00"));
    assert!(quote.term(7, 12).is_none(), "Quebec only");
    // The tie of purchase.md: 1000.34, plan 5 × 6 → 175.06.
    let tie = client
        .calculate_interest(Lang::Fr, &account(MITESTER), m("1000.34"))
        .await
        .unwrap();
    assert_eq!(tie.term(5, 6).unwrap().term_amount, m("175.06"));
    // Small amounts: no plan; the regular purchase may be verified by bypass.
    let small = client
        .calculate_interest(Lang::En, &account(MITESTER), m("9.99"))
        .await
        .unwrap();
    assert!(small.promotional_purchase.is_empty());
    assert!(small.regular_purchase.unwrap().verify);
    // Refusals keep their codes.
    let error = client
        .calculate_interest(Lang::En, &account("300000005"), m("10.00"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "user_not_able_to_purchase");
    let error = client
        .calculate_interest(Lang::En, &account("999999999"), m("10.00"))
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::NotFound);
    let error = client
        .calculate_interest(Lang::En, &account(MITESTER), Money::ZERO)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "wrong_inputs");
}

#[tokio::test]
async fn verify_by_sms_then_authorize_with_the_pin_then_read_it_back() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let verified = verified_by_sms(&sandbox, &client, MITESTER).await;
    let request = sale(
        MITESTER,
        FinancingChoice::Promotional {
            plan_id: 4,
            term: 12,
        },
        "1000.00",
        true,
        verified,
    );
    let body = authorization_body(&request).unwrap();
    let authorization = client
        .authorize(Lang::En, body, &Submission::new())
        .await
        .unwrap();
    assert_eq!(authorization.status.as_deref(), Some("closed"));
    assert_eq!(authorization.amount, Some(m("1000.00")));
    assert_eq!(
        authorization.reference.as_deref(),
        Some(request.reference.as_str())
    );
    let option = authorization.financing_option.as_ref().unwrap();
    assert_eq!((option.plan_id, option.term), (Some(4), Some(12)));
    assert_eq!(option.term_amount, Some(m("87.91")));
    assert_eq!(authorization.captures.len(), 1);

    let again = client
        .authorization(Lang::En, &authorization.authorization_id)
        .await
        .unwrap();
    assert_eq!(again.authorization_id, authorization.authorization_id);
    assert_eq!(again.captures, authorization.captures);
    let listed = client
        .authorizations(
            Lang::En,
            &ListFilter {
                account_number: Some(account(MITESTER)),
                ..ListFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].authorization_id, authorization.authorization_id);
    let unknown = client.authorization(Lang::En, "999999").await.unwrap_err();
    assert_eq!(unknown, ApiError::NotFound);
    // The PIN was used: available credit dropped by the amount.
    let after = client
        .lookup_customer(Lang::En, &LookupBy::Account(account(MITESTER)))
        .await
        .unwrap();
    assert_eq!(after.available_credit, Some(m("13000.00")));
}

#[tokio::test]
async fn security_answer_gives_the_pin_and_refusals_stay_refusals() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let mut request = VerifyRequest::new(VerifyFormat::SecurityQuestion);
    request.security_qid = Some(6);
    request.security_answer = Some(Secret::new("  rainbow "));
    let Verification::Pin(pin) = client.verify(&account(MITESTER), &request).await.unwrap() else {
        panic!("a PIN for a security answer")
    };
    let mut wrong = VerifyRequest::new(VerifyFormat::SecurityQuestion);
    wrong.security_qid = Some(6);
    wrong.security_answer = Some(Secret::new("Sunshine"));
    let error = client.verify(&account(MITESTER), &wrong).await.unwrap_err();
    assert_eq!(business(&error), &BusinessCode::SecretAnswerMismatch);
    let no_phone = client
        .verify(
            &account("300000004"),
            &VerifyRequest::new(VerifyFormat::Sms),
        )
        .await
        .unwrap_err();
    assert_eq!(no_phone.code(), "sms_not_valid_phone");

    // A wrong PIN is a refusal (nothing charged), not an unknown outcome.
    let bad_pin = VerificationCode::entered(if pin.expose() == "1111" {
        "2222"
    } else {
        "1111"
    })
    .unwrap();
    let request_id = request.request_id.clone();
    let refused = sale(
        MITESTER,
        FinancingChoice::Regular,
        "50.00",
        true,
        (request_id.clone(), bad_pin),
    );
    let error = client
        .authorize(
            Lang::En,
            authorization_body(&refused).unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::WrongVerificationCode);
    // Above the available credit, interest counted.
    let too_much = sale(
        JOHN_SMITH,
        FinancingChoice::Promotional {
            plan_id: 4,
            term: 3,
        },
        "650.00",
        true,
        verified_by_sms(&sandbox, &client, JOHN_SMITH).await,
    );
    let error = client
        .authorize(
            Lang::En,
            authorization_body(&too_much).unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::CreditExceeded);
    // The right PIN still works after a refusal.
    let ok = sale(
        MITESTER,
        FinancingChoice::Regular,
        "50.00",
        true,
        (request_id, pin),
    );
    client
        .authorize(
            Lang::En,
            authorization_body(&ok).unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_lost_authorization_answer_is_unknown_and_reconciliation_finds_one_charge() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let verified = verified_by_sms(&sandbox, &client, MITESTER).await;
    let request = sale(
        MITESTER,
        FinancingChoice::Promotional {
            plan_id: 4,
            term: 6,
        },
        "600.00",
        true,
        verified,
    );
    // Another purchase on the same account, which reconciliation must not pick up.
    sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Promotional {
            plan_id: 4,
            term: 6,
        },
        "600.00",
        true,
    )
    .await;
    let body = authorization_body(&request).unwrap();
    let submission = Submission::new();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .unwrap();
    let first_sent = SystemTime::now();
    let error = client
        .authorize(Lang::En, body.clone(), &submission)
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::OutcomeUnknown);
    assert_eq!(
        sandbox.controls().stats().authorizations,
        2,
        "the dropped one was done"
    );

    let found = client
        .find_authorizations_by_reference(
            Lang::En,
            &account(MITESTER),
            TransactionType::PromotionalPurchase,
            &request.reference,
            first_sent,
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "exactly one charge carries our reference");
    assert_eq!(found[0].amount, Some(m("600.00")));
    // Nothing for a reference never sent; the other type does not list it.
    let none = client
        .find_authorizations_by_reference(
            Lang::En,
            &account(MITESTER),
            TransactionType::PromotionalPurchase,
            ReferenceId::new().as_str(),
            first_sent,
        )
        .await
        .unwrap();
    assert!(none.is_empty());
    let regular = client
        .find_authorizations_by_reference(
            Lang::En,
            &account(MITESTER),
            TransactionType::RegularPurchase,
            &request.reference,
            first_sent,
        )
        .await
        .unwrap();
    assert!(regular.is_empty());

    // The same stored bytes and key again: the first charge comes back, no second one.
    let replayed = client
        .authorize(Lang::En, body.clone(), &submission)
        .await
        .unwrap();
    assert_eq!(replayed.authorization_id, found[0].authorization_id);
    let stats = sandbox.controls().stats();
    assert_eq!(stats.authorizations, 2);
    let hashes = &stats.context_hashes["authorization"];
    let hash = context_hash(&body);
    assert_eq!(hashes[hashes.len() - 2..], [hash.clone(), hash]);

    // A list that fails is an error, never "nothing found".
    sandbox
        .controls()
        .add_fault(Fault::new(
            Some("authorizations"),
            FaultKind::Status { status: 500 },
        ))
        .unwrap();
    let error = client
        .find_authorizations_by_reference(
            Lang::En,
            &account(MITESTER),
            TransactionType::PromotionalPurchase,
            &request.reference,
            first_sent,
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "server_error");
}

#[tokio::test]
async fn a_retry_after_a_gateway_error_re_sends_identical_bytes() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let hold = sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Regular,
        "300.00",
        false,
    )
    .await;
    let reference = format!("{}-1", hold.reference.as_deref().unwrap());
    let body = capture_body(&CaptureRequest {
        amount: m("100.00"),
        reference,
        external_location_id: "00-12345".into(),
        external_employee_id: "merchantonline".into(),
        sku_data: None,
    })
    .unwrap();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("capture"), FaultKind::Status { status: 503 }).times(1))
        .unwrap();
    let capture = client
        .capture(&hold.authorization_id, body.clone(), &Submission::new())
        .await
        .unwrap();
    assert_eq!(capture.amount, Some(m("100.00")));
    let stats = sandbox.controls().stats();
    assert_eq!(stats.captures, 1);
    let hash = context_hash(&body);
    assert_eq!(stats.context_hashes["capture"], [hash.clone(), hash]);
    // A 500 may have been acted on: not retried, unknown.
    sandbox
        .controls()
        .add_fault(Fault::new(Some("capture"), FaultKind::Status { status: 500 }).times(1))
        .unwrap();
    let error = client
        .capture(&hold.authorization_id, body, &Submission::new())
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::OutcomeUnknown);
    assert_eq!(
        sandbox.controls().stats().context_hashes["capture"].len(),
        3
    );
}

#[tokio::test]
async fn a_hold_is_captured_in_part_then_released_to_zero() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let hold = sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Regular,
        "500.00",
        false,
    )
    .await;
    assert_eq!(hold.status.as_deref(), Some("opened"));
    let purchase = hold.reference.clone().unwrap();
    let capture = client
        .capture(
            &hold.authorization_id,
            capture_body(&CaptureRequest {
                amount: m("200.00"),
                reference: format!("{purchase}-1"),
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
                sku_data: None,
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(capture.remaining_authorization_amount, Some(m("300.00")));
    assert_eq!(
        capture.authorization_id.as_deref(),
        Some(hold.authorization_id.as_str())
    );
    let release = client
        .release(
            &hold.authorization_id,
            release_body(&ReleaseRequest {
                amount: None,
                reference: format!("{purchase}-2"),
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(release.released_amount, m("300.00"));
    assert_eq!(release.remaining_authorization_amount, Some(Money::ZERO));
    assert_eq!(release.status.as_deref(), Some("closed"));
    let after = client
        .authorization(Lang::En, &hold.authorization_id)
        .await
        .unwrap();
    assert_eq!(after.status.as_deref(), Some("closed"));
    assert_eq!(after.captured_amount, Some(m("200.00")));
    // Nothing remains: a further release is refused with its code.
    let error = client
        .release(
            &hold.authorization_id,
            release_body(&ReleaseRequest {
                amount: Some(m("1.00")),
                reference: format!("{purchase}-3"),
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::AuthorizationEnded);
    // The capture is found by its reference in the captures list.
    let found = client
        .find_captures_by_reference(Lang::En, &hold.authorization_id, &format!("{purchase}-1"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].capture_id, capture.capture_id);
}

#[tokio::test]
async fn a_promotional_purchase_is_returned_and_a_regular_one_refunded() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let plan = sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Promotional {
            plan_id: 4,
            term: 12,
        },
        "1000.00",
        true,
    )
    .await;
    let capture = &plan.captures[0];
    let purchase = plan.reference.clone().unwrap();
    let returned = client
        .return_capture(
            &plan.authorization_id,
            &capture.capture_id,
            return_body(&ReturnRequest {
                reference: format!("{purchase}-1"),
                full_return: false,
                amount: m("100.00"),
                vcc_number: None,
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
                sku_data: None,
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(returned.amount, Some(m("100.00")));
    assert_eq!(returned.remaining_capture_amount, Some(m("900.00")));
    assert!(!returned.return_id.is_empty());

    let regular = sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Regular,
        "80.00",
        true,
    )
    .await;
    let regular_capture = regular.captures[0].capture_id.clone();
    let purchase = regular.reference.clone().unwrap();
    // A regular purchase is not returned...
    let error = client
        .return_capture(
            &regular.authorization_id,
            &regular_capture,
            return_body(&ReturnRequest {
                reference: format!("{purchase}-1"),
                full_return: true,
                amount: m("80.00"),
                vcc_number: None,
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
                sku_data: None,
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::WrongTransactionType);
    // ...it is refunded, and the refund answers `{}`.
    client
        .refund(
            &account(MITESTER),
            refund_body(&RefundRequest {
                reference: format!("{purchase}-2"),
                amount: m("30.00"),
                capture_id: regular_capture,
                vcc_number: None,
                external_location_id: "00-12345".into(),
                external_employee_id: "merchantonline".into(),
                sku_data: None,
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(sandbox.controls().stats().refunds, 1);
    // The trainee may not.
    let error = client
        .refund(
            &account(MITESTER),
            refund_body(&RefundRequest {
                reference: format!("{purchase}-3"),
                amount: m("1.00"),
                capture_id: regular.captures[0].capture_id.clone(),
                vcc_number: None,
                external_location_id: "00-12345".into(),
                external_employee_id: "trainee".into(),
                sku_data: None,
            })
            .unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::NotPermitted);
}

#[tokio::test]
async fn lists_page_until_a_short_page() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    for _ in 0..5 {
        sold(
            &sandbox,
            &client,
            MITESTER,
            FinancingChoice::Regular,
            "10.00",
            true,
        )
        .await;
    }
    let filter = |size: u32| ListFilter {
        account_number: Some(account(MITESTER)),
        transaction_type: Some(TransactionType::RegularPurchase),
        page_size: Some(size),
        ..ListFilter::default()
    };
    let before = sandbox
        .controls()
        .stats()
        .requests
        .get("authorizations")
        .copied()
        .unwrap_or(0);
    let all = client.authorizations(Lang::En, &filter(2)).await.unwrap();
    assert_eq!(all.len(), 5);
    let pages = sandbox.controls().stats().requests["authorizations"] - before;
    assert_eq!(pages, 3, "2 + 2 + 1");
    let mut sorted = all.clone();
    sorted.sort_by(flexiti_api::earliest_first);
    assert_eq!(sorted, all, "the emulator lists oldest first");
    let captures = client.captures(Lang::En, &filter(100)).await.unwrap();
    assert_eq!(captures.len(), 5);
    let page = client
        .authorizations_page(Lang::En, &filter(2), 3)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.total, Some(5));
}

#[tokio::test]
async fn an_authorized_users_card_is_sent_on_verify_and_authorization() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let card = CardNumber::parse("1234567890101213").unwrap();
    let primary = client
        .lookup_customer(Lang::En, &LookupBy::Card(card.clone()))
        .await
        .unwrap();
    let mut request = VerifyRequest::new(VerifyFormat::SecurityQuestion);
    request.security_qid = Some(4);
    request.security_answer = Some(Secret::new("max"));
    request.vcc_number = Some(card.clone());
    let Verification::Pin(pin) = client
        .verify(&primary.account_number, &request)
        .await
        .unwrap()
    else {
        panic!("a PIN for the user's own answer")
    };
    let mut sale = sale(
        primary.account_number.expose(),
        FinancingChoice::Regular,
        "120.00",
        true,
        (request.request_id.clone(), pin),
    );
    sale.vcc_number = Some(card);
    let authorization = client
        .authorize(
            Lang::En,
            authorization_body(&sale).unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    assert_eq!(authorization.amount, Some(m("120.00")));
    // Another account's card on this account.
    let mut mismatch = VerifyRequest::new(VerifyFormat::Sms);
    mismatch.vcc_number = CardNumber::parse("1070015212345941");
    let error = client
        .verify(&account(MITESTER), &mismatch)
        .await
        .unwrap_err();
    assert_eq!(business(&error), &BusinessCode::VccAccountMismatch);
}

#[tokio::test]
async fn bypass_serves_a_small_regular_purchase_and_override_follows_the_setting() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let quote = client
        .calculate_interest(Lang::En, &account(MITESTER), m("150.00"))
        .await
        .unwrap();
    assert!(quote.regular_purchase.as_ref().unwrap().verify);
    let bypass = VerifyRequest::new(VerifyFormat::RegularPurchaseBypass);
    let Verification::Pin(pin) = client.verify(&account(MITESTER), &bypass).await.unwrap() else {
        panic!("a bypass PIN")
    };
    let sale = sale(
        MITESTER,
        FinancingChoice::Regular,
        "150.00",
        true,
        (bypass.request_id.clone(), pin),
    );
    client
        .authorize(
            Lang::En,
            authorization_body(&sale).unwrap(),
            &Submission::new(),
        )
        .await
        .unwrap();
    let error = client
        .verify(
            &account(MITESTER),
            &VerifyRequest::new(VerifyFormat::MerchantOverride),
        )
        .await
        .unwrap_err();
    assert_eq!(
        business(&error),
        &BusinessCode::MerchantOverrideIsNotAllowed
    );
    sandbox.controls().set_merchant_override(true);
    let answer = client
        .verify(
            &account(MITESTER),
            &VerifyRequest::new(VerifyFormat::MerchantOverride),
        )
        .await
        .unwrap();
    assert!(matches!(answer, Verification::Pin(_)));
}

#[tokio::test]
async fn an_unreadable_capture_answer_is_unknown_and_the_captures_list_finds_it() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let hold = sold(
        &sandbox,
        &client,
        MITESTER,
        FinancingChoice::Regular,
        "400.00",
        false,
    )
    .await;
    let reference = format!("{}-1", hold.reference.as_deref().unwrap());
    let body = capture_body(&CaptureRequest {
        amount: m("150.00"),
        reference: reference.clone(),
        external_location_id: "00-12345".into(),
        external_employee_id: "merchantonline".into(),
        sku_data: None,
    })
    .unwrap();
    sandbox
        .controls()
        .add_fault(Fault::new(Some("capture"), FaultKind::MalformedJson).times(1))
        .unwrap();
    let submission = Submission::new();
    let error = client
        .capture(&hold.authorization_id, body.clone(), &submission)
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::OutcomeUnknown);
    let found = client
        .find_captures_by_reference(Lang::En, &hold.authorization_id, &reference)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].amount, Some(m("150.00")));
    // GET authorization agrees: 150.00 less remains.
    let after = client
        .authorization(Lang::En, &hold.authorization_id)
        .await
        .unwrap();
    assert_eq!(after.remaining_authorization_amount, Some(m("250.00")));
    // The same bytes and key replay the capture instead of capturing twice.
    let replayed = client
        .capture(&hold.authorization_id, body, &submission)
        .await
        .unwrap();
    assert_eq!(replayed.capture_id, found[0].capture_id);
    assert_eq!(sandbox.controls().stats().captures, 1);
}

#[tokio::test]
async fn a_list_longer_than_twenty_pages_is_incomplete_never_complete() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    for _ in 0..21 {
        sold(
            &sandbox,
            &client,
            MITESTER,
            FinancingChoice::Regular,
            "10.00",
            true,
        )
        .await;
    }
    let filter = |size: u32| ListFilter {
        account_number: Some(account(MITESTER)),
        page_size: Some(size),
        ..ListFilter::default()
    };
    let error = client
        .authorizations(Lang::En, &filter(1))
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::ListIncomplete);
    assert_eq!(error.code(), "list_incomplete");
    assert_eq!(
        client
            .authorizations(Lang::En, &filter(100))
            .await
            .unwrap()
            .len(),
        21
    );
    // Exactly a multiple of the page size: one more (empty) page ends it.
    assert_eq!(
        client
            .authorizations(Lang::En, &filter(7))
            .await
            .unwrap()
            .len(),
        21
    );
}
