//! The one valid application the tests start from, so that pos-core, the emulator and the
//! engine are tested on the same applicant.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

/// One answer as the rep gives it: typed text, or a checkbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Text(&'static str),
    Flag(bool),
}

/// One field of the valid application.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidField {
    /// The contract's name of the field (`pos_core::FIELDS`).
    pub name: &'static str,
    /// What the rep types or ticks, formatted as people do (`(416) 555-0123`,
    /// `55 000,00`) so that normalisation is exercised too.
    pub typed: Answer,
    /// The value the API receives once the answer is normalised (the contract's JSON).
    pub sent: Value,
    /// Whether the rep fills it on the form; the app fills the others itself (account
    /// type, language, terms version, store and employee ids).
    pub on_form: bool,
}

/// How long from today the valid application's ID stays valid.
const ID_VALID_YEARS: i64 = 3;

/// The ID expiry of [`valid_application`]: today (UTC) plus three years, `YYYY-MM-DD` as
/// the field takes it (29 February becomes 28 February), so the application never expires
/// under the tests. Fixed for the life of the test process.
fn id_expiry() -> &'static str {
    static EXPIRY: OnceLock<String> = OnceLock::new();
    EXPIRY.get_or_init(|| {
        let days = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs() / 86_400);
        let (year, month, day) = civil_from_days(i64::try_from(days).unwrap_or(0));
        let year = year + ID_VALID_YEARS;
        let day = if (month, day) == (2, 29) && !is_leap(year) {
            28
        } else {
            day
        };
        format!("{year:04}-{month:02}-{day:02}")
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// (year, month, day) of the proleptic Gregorian calendar, `days` after 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1..=31, 1..=12).
    (year, month as u32, day as u32)
}

/// The contract's example applicant (John Smith, Toronto), every optional field filled,
/// valid whatever the date: the ID expires three years from today (`govid_expiry`, read
/// it with `valid_text("govid_expiry")`).
pub fn valid_application() -> Vec<ValidField> {
    use Answer::{Flag, Text};
    let form = |name, typed, sent| ValidField {
        name,
        typed,
        sent,
        on_form: true,
    };
    let app = |name, typed, sent| ValidField {
        name,
        typed,
        sent,
        on_form: false,
    };
    vec![
        form("salutation", Text("mr"), json!("mr")),
        form("first_name", Text("John"), json!("John")),
        form("middle_name", Text("Q"), json!("Q")),
        form("last_name", Text("Smith"), json!("Smith")),
        form("dob", Text("1988-07-24"), json!("1988-07-24")),
        form("postal_code", Text("M5J 2H7"), json!("M5J2H7")),
        form("sin", Text("130 692 544"), json!("130692544")),
        form("email", Text("john@example.com"), json!("john@example.com")),
        form("phone_number", Text("(416) 555-0123"), json!("4165550123")),
        form(
            "address_1",
            Text("55 University Ave"),
            json!("55 University Ave"),
        ),
        form("address_2", Text("Suite 200"), json!("Suite 200")),
        form("city", Text("Toronto"), json!("Toronto")),
        form("province", Text("ON"), json!("ON")),
        form("housing_type", Text("Rent"), json!("Rent")),
        form("monthly_housing_payment", Text("1,450.00"), json!(1450.00)),
        form("years_at_address", Text("3"), json!(3)),
        form("occupation", Text("FE"), json!("FE")),
        form("employer_name", Text("Acme"), json!("Acme")),
        form("annual_income", Text("55 000,00"), json!(55000)),
        form("govid_type", Text("CADL"), json!("CADL")),
        form("govid_issuedby", Text("ON"), json!("ON")),
        form(
            "govid_number",
            Text("D6101-40706-60905"),
            json!("D6101-40706-60905"),
        ),
        form("govid_expiry", Text(id_expiry()), json!(id_expiry())),
        form("security_qid", Text("6"), json!(6)),
        form("security_answer", Text("Rainbow"), json!("Rainbow")),
        form("insurance", Flag(false), json!(false)),
        form("qcpa_disclosure", Flag(false), json!(false)),
        form("tos_agreement", Flag(true), json!(true)),
        app("tos_version", Text("2024-01"), json!("2024-01")),
        form("amount_requested", Text("2500"), json!(2500.00)),
        app("account_type", Text("consumer"), json!("consumer")),
        app("lang", Text("en"), json!("en")),
        app("external_location_id", Text("00-12345"), json!("00-12345")),
        app(
            "external_employee_id",
            Text("12345-SMITH"),
            json!("12345-SMITH"),
        ),
    ]
}

/// The typed text of one field of [`valid_application`]; panics for a checkbox or an
/// unknown name, so a test cannot silently read nothing.
pub fn valid_text(name: &str) -> &'static str {
    match valid_application().into_iter().find(|f| f.name == name) {
        Some(ValidField {
            typed: Answer::Text(text),
            ..
        }) => text,
        Some(_) => panic!("{name} is a checkbox"),
        None => panic!("{name} is not a field of the valid application"),
    }
}

/// The fields the contract nests under `customer_identification.personal_information`.
const PERSONAL: [&str; 7] = [
    "salutation",
    "first_name",
    "middle_name",
    "last_name",
    "dob",
    "postal_code",
    "sin",
];

/// [`valid_application`] as the body of `POST /apply`, nested as the contract has it.
pub fn apply_body() -> Value {
    let mut personal = Map::new();
    let mut body = Map::new();
    for field in valid_application() {
        let into = if PERSONAL.contains(&field.name) {
            &mut personal
        } else {
            &mut body
        };
        into.insert(field.name.to_owned(), field.sent);
    }
    let mut out = Map::new();
    out.insert(
        "customer_identification".to_owned(),
        json!({ "personal_information": personal }),
    );
    out.extend(body);
    Value::Object(out)
}
