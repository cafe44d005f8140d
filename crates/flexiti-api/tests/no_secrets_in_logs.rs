//! Every line the client logs (and the HTTP stack under it), at every level, while the
//! purchase flow meets retries, refusals and lost answers: no account number, card
//! number, PIN or security answer. The in-process emulator's own request log is not the
//! client's and is filtered out.
//!
//! Its own test binary (not a module of `tests/it`): tracing's callsite cache is global,
//! so a subscriber set for one test while other tests log on other threads can miss
//! lines. Alone in its process, the subscriber is global and sees every line.

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use std::time::Duration;

use flexiti_api::{
    authorization_body, AccountNumber, AuthorizationRequest, CardNumber, ClientConfig, Environment,
    FinancingChoice, FlexitiClient, Lang, LookupBy, Money, ReferenceId, RetryPolicy, Secret,
    Submission, Verification, VerifyFormat, VerifyRequest,
};
use flexiti_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, CLIENT_ID, CLIENT_SECRET};

fn client(sandbox: &Sandbox) -> FlexitiClient {
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
    FlexitiClient::new(config).unwrap()
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_purchase_flow_logs_no_number_pin_nor_answer() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace,flexiti_sandbox=off")
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = client(&sandbox);
    let controls = sandbox.controls();
    let number = AccountNumber::parse("116994755").unwrap();
    let card = CardNumber::parse("1070015210367982").unwrap();
    for route in ["customers_lookup", "calculate_interest", "verify", "refund"] {
        controls
            .add_fault(Fault::new(Some(route), FaultKind::Status { status: 503 }).times(1))
            .unwrap();
    }
    client
        .lookup_customer(Lang::En, &LookupBy::Card(card.clone()))
        .await
        .unwrap();
    client
        .calculate_interest(Lang::En, &number, Money::from_cents(100_000))
        .await
        .unwrap();
    let mut request = VerifyRequest::new(VerifyFormat::SecurityQuestion);
    request.security_qid = Some(6);
    request.security_answer = Some(Secret::new("Rainbow"));
    let Verification::Pin(pin) = client.verify(&number, &request).await.unwrap() else {
        panic!("a PIN")
    };
    let sale = AuthorizationRequest {
        account_number: number.clone(),
        vcc_number: Some(card),
        reference: ReferenceId::new().as_str().to_owned(),
        financing_option: FinancingChoice::Regular,
        amount: Money::from_cents(5_000),
        auto_capture: true,
        verification_code: pin.clone(),
        request_id: request.request_id.clone(),
        external_location_id: "00-12345".into(),
        external_employee_id: "merchantonline".into(),
        sku_data: None,
    };
    controls
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .unwrap();
    let body = authorization_body(&sale).unwrap();
    let lost = client.authorize(Lang::En, body, &Submission::new()).await;
    assert_eq!(lost.unwrap_err().code(), "outcome_unknown");
    tracing::info!(?sale, ?request, ?number, "debug of what carries them");

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("flexiti call failed"),
        "the retries were logged: {text}"
    );
    assert!(text.contains("submission outcome unknown"), "{text}");
    for secret in ["116994755", "1070015210367982", "Rainbow"] {
        assert!(!text.contains(secret), "{secret} in the logs:\n{text}");
    }
    // Four digits may occur by chance (ports, hex ids): the PIN must not be a whole token
    // of any line, its timestamp aside.
    for line in text.lines() {
        let message = line.split_once(' ').map_or(line, |(_, rest)| rest);
        let tokens = message.split(|c: char| !c.is_ascii_alphanumeric() && c != '.');
        assert!(
            tokens.into_iter().all(|token| token != pin.expose()),
            "the PIN in the logs: {line}"
        );
    }
}
