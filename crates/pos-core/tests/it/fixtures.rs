//! The valid application that pos-testkit gives every crate's tests names each field once
//! and agrees with itself: what a rep types normalises, by these rules, to what is sent.

use pos_core::rules::{normalize_phone, normalize_postal_code, normalize_sin, parse_amount};
use pos_core::FIELDS;
use pos_testkit::{valid_application, Answer};
use serde_json::{json, Value};

#[test]
fn the_shared_application_names_every_field_once() {
    let mut names: Vec<&str> = valid_application().iter().map(|f| f.name).collect();
    names.sort_unstable();
    let mut fields = FIELDS.to_vec();
    fields.sort_unstable();
    assert_eq!(names, fields);
}

#[test]
fn what_the_rep_types_normalises_to_what_is_sent() {
    for field in valid_application() {
        let Answer::Text(typed) = field.typed else {
            assert_eq!(json!(field.typed == Answer::Flag(true)), field.sent);
            continue;
        };
        let sent = match field.name {
            "postal_code" => json!(normalize_postal_code(typed).unwrap()),
            "sin" => json!(normalize_sin(typed).unwrap()),
            "phone_number" => json!(normalize_phone(typed).unwrap()),
            "monthly_housing_payment" | "annual_income" | "amount_requested" => {
                let cents = parse_amount(typed).unwrap().0;
                let sent = field.sent.as_f64().expect("a number");
                assert_eq!((sent * 100.0).round() as u64, cents, "{}", field.name);
                continue;
            }
            "years_at_address" | "security_qid" => json!(typed.parse::<u64>().unwrap()),
            _ => Value::from(typed.trim()),
        };
        assert_eq!(sent, field.sent, "{}", field.name);
    }
}
