//! The seeded world of the emulator: the demo client, its reps and stores, and the
//! localised texts (the seed's `i18n` structure in English and French, `form_values`
//! derived from it, terms and conditions per language and province group).
//!
//! # The labels in `data/i18n/{en,fr}.json` and `data/terms/*.txt`
//!
//! JSON has no comments, so the choices made in those files are recorded here. The codes
//! are Flexiti's and never change (a stored answer must keep its label); only labels do.
//!
//! - **Not verbatim.** The English labels started from Flexiti's v2.5 documentation; they
//!   were then edited for Canadian usage and sentence case: `Miss` (documented `Miss.`),
//!   `Newfoundland and Labrador` (`Newfoundland & Labrador`), `Yukon` (`Yukon Territory`),
//!   `Grade 1 teacher` (`first grade teacher`), housing `Renting` / `Owner` /
//!   `Living with relatives` (`Rent` / `Owned` / `Lives with Relatives`, codes `Rent`,
//!   `Owned`, `Relatives` unchanged), and the ID types that named an agency now name the
//!   card (`Identity card issued by ICBC (B.C.)`). The real API may still send the
//!   documented labels: a client must key on codes, never on labels. Flexiti publishes no
//!   French; every French text here is the emulator's own.
//! - **French salutations.** French has one title for Ms and Mrs, and *Mademoiselle* is
//!   no longer an ordinary title in Quebec (OQLF; *Clés de la rédaction*: only for a woman
//!   who asks for it). All four codes stay, in the lender's order, with distinct labels:
//!   `mr` « M. », `ms` « Mme » (the one to choose for a woman), `mrs` « Mme (mariée) »
//!   (Mrs. in English correspondence) and, last, `mss` « Mlle (sur demande) » (only when
//!   the applicant asks for it). No two options of a list share a label, so a rep can tell
//!   them apart and a stored `mrs` still shows.
//! - **French typography (OQLF).** A narrow no-break space (U+202F) before `;`, `!` and
//!   `?`; a no-break space (U+00A0) before `:`, `%` and `$` and inside « ». Straight
//!   apostrophes throughout.
//!
//! `tests/it/lender_texts.rs` holds the files to these rules.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use pos_core::application::FormOptions;
use serde_json::{json, Map, Value};

/// The demo client of Flexiti's documentation.
pub const CLIENT_ID: &str = "flexitidemo";
/// Its secret, as printed in Flexiti's documentation.
pub const CLIENT_SECRET: &str = "77fde15a-9d33-4e15-930a-76e4b3ae33e9";
/// The rep password of the documentation's example, shared by the seeded reps.
pub const REP_PASSWORD: &str = "dice-manila-purism";

/// Compares in constant time, so the emulator does not teach timing attacks.
pub fn client_secret_matches(candidate: &str) -> bool {
    constant_time_eq(candidate.as_bytes(), CLIENT_SECRET.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A sales rep who can sign in with `merchants/login`.
#[derive(Debug, Clone, Copy)]
pub struct Rep {
    pub username: &'static str,
    pub merchant_name: &'static str,
    pub merchant_id: &'static str,
}

/// The seeded reps: the documentation's English example, a French-speaking one, and a
/// trainee.
pub const REPS: &[Rep] = &[
    Rep {
        username: "merchantonline",
        merchant_name: "ACME Jewellers",
        merchant_id: "123456",
    },
    Rep {
        username: "vendeur",
        merchant_name: "Bijouterie ACME Montréal",
        merchant_id: "123457",
    },
    // A new rep: Flexiti refuses their captures, releases, returns and refunds
    // (`not_permitted`).
    Rep {
        username: "trainee",
        merchant_name: "ACME Jewellers",
        merchant_id: "123456",
    },
];

/// The rep these credentials sign in, if any.
pub fn rep_for(username: &str, password: &str) -> Option<&'static Rep> {
    let password_ok = constant_time_eq(password.as_bytes(), REP_PASSWORD.as_bytes());
    REPS.iter()
        .find(|r| r.username == username)
        .filter(|_| password_ok)
}

/// Stores registered with Flexiti (`external_location_id`).
pub const STORES: &[&str] = &["00-12345", "00-54321"];
/// The employee of the documentation's examples.
pub const EMPLOYEE_ID: &str = "12345-SMITH";

pub use pos_core::Lang;

/// A `lang` query value; absent means English, as documented.
pub fn lang_param(text: Option<&str>) -> Option<Lang> {
    text.map_or(Some(Lang::En), Lang::parse)
}

/// Quebec, or the rest of Canada: the two versions of the terms and conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProvinceGroup {
    Qc,
    Roc,
}

impl ProvinceGroup {
    pub fn code(self) -> &'static str {
        match self {
            ProvinceGroup::Qc => "QC",
            ProvinceGroup::Roc => "ROC",
        }
    }

    /// The version of the terms an applicant of this group accepts.
    pub fn terms_version(self) -> &'static str {
        match self {
            ProvinceGroup::Qc => "2024-01-QC",
            ProvinceGroup::Roc => "2024-01",
        }
    }
}

/// Everything localised, parsed once.
pub struct Seed {
    i18n: [Map<String, Value>; 2],
    form_values: [Value; 2],
    pub options: FormOptions,
}

impl Seed {
    pub fn i18n(&self, lang: Lang) -> &Map<String, Value> {
        &self.i18n[lang as usize]
    }

    pub fn form_values(&self, lang: Lang) -> &Value {
        &self.form_values[lang as usize]
    }

    /// [`Seed::form_values`] without the lists named in `omitted` (`form_values` keys).
    pub fn form_values_without(&self, lang: Lang, omitted: &BTreeSet<String>) -> Value {
        let mut values = self.form_values(lang).clone();
        if let Value::Object(map) = &mut values {
            map.retain(|key, _| !omitted.contains(key));
        }
        values
    }

    /// [`Seed::i18n`] without the `i18n` keys of the lists named in `omitted`.
    pub fn i18n_without(&self, lang: Lang, omitted: &BTreeSet<String>) -> Map<String, Value> {
        let mut i18n = self.i18n(lang).clone();
        i18n.retain(|key, _| !is_omitted_i18n_key(key, omitted));
        i18n
    }
}

/// How a list of `form_values` carries the seed's `i18n` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `{"options": <the i18n value>}`.
    Options,
    /// The i18n value as it is (`option_depends`, or a flat or `options` map).
    AsSeeded,
}

/// Every option list the emulator serves: its `form_values` key, its `i18n` key, and its
/// shape in `form_values`. The `omitted lists` control names lists by the first.
const LISTS: [(&str, &str, Shape); 9] = [
    ("salutation", "salutations", Shape::Options),
    ("province", "provinces", Shape::Options),
    ("security_qid", "security_ids", Shape::Options),
    ("govid_type", "govid_types", Shape::Options),
    ("govid_issuedby", "govid_issued_bys", Shape::AsSeeded),
    ("occupation", "occupation_ids", Shape::AsSeeded),
    ("housing_type", "housing_type", Shape::AsSeeded),
    ("transaction_type", "transaction_types", Shape::Options),
    ("plan_id", "plan_ids", Shape::Options),
];

/// The `form_values` keys of the option lists, in the order the emulator serves them.
pub fn list_names() -> impl Iterator<Item = &'static str> {
    LISTS.iter().map(|(name, _, _)| *name)
}

/// Whether `key` of `i18n` is the list of one of the `omitted` names.
pub fn is_omitted_i18n_key(key: &str, omitted: &BTreeSet<String>) -> bool {
    LISTS
        .iter()
        .any(|(name, i18n_key, _)| *i18n_key == key && omitted.contains(*name))
}

pub fn terms_text(lang: Lang, group: ProvinceGroup) -> &'static str {
    match (lang, group) {
        (Lang::En, ProvinceGroup::Roc) => include_str!("../data/terms/en-ROC.txt"),
        (Lang::En, ProvinceGroup::Qc) => include_str!("../data/terms/en-QC.txt"),
        (Lang::Fr, ProvinceGroup::Roc) => include_str!("../data/terms/fr-ROC.txt"),
        (Lang::Fr, ProvinceGroup::Qc) => include_str!("../data/terms/fr-QC.txt"),
    }
}

/// The seed, parsed on first use. The texts are compiled in; a test parses them.
pub fn seed() -> &'static Seed {
    static SEED: OnceLock<Seed> = OnceLock::new();
    SEED.get_or_init(|| {
        let en = parse_i18n(include_str!("../data/i18n/en.json"));
        let fr = parse_i18n(include_str!("../data/i18n/fr.json"));
        let options = form_options(&en);
        let form_values = [form_values(&en), form_values(&fr)];
        Seed {
            i18n: [en, fr],
            form_values,
            options,
        }
    })
}

fn parse_i18n(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        // Compiled-in data; `seed_texts_parse_and_match` proves this arm is never taken.
        _ => Map::new(),
    }
}

/// `form_values` as `merchants/login` returns them: the contract's keys, each in one of
/// the three shapes (mostly `{"options": ...}`, `option_depends` for the ID issuer, and a
/// flat map for housing, as the seed has it), so clients meet every shape.
fn form_values(i18n: &Map<String, Value>) -> Value {
    let lists = LISTS.iter().map(|(name, i18n_key, shape)| {
        let value = i18n.get(*i18n_key).cloned().unwrap_or_default();
        let value = match shape {
            Shape::Options => json!({ "options": value }),
            Shape::AsSeeded => value,
        };
        ((*name).to_owned(), value)
    });
    Value::Object(lists.collect())
}

fn codes(value: Option<&Value>) -> BTreeSet<String> {
    let map = value
        .and_then(|v| v.get("options").or(Some(v)))
        .and_then(Value::as_object);
    map.map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

fn form_options(i18n: &Map<String, Value>) -> FormOptions {
    let depends = i18n
        .get("govid_issued_bys")
        .and_then(|v| v.get("option_depends"))
        .and_then(Value::as_object);
    let govid_issuedby: BTreeMap<String, BTreeSet<String>> = depends
        .map(|m| m.iter().map(|(k, v)| (k.clone(), codes(Some(v)))).collect())
        .unwrap_or_default();
    FormOptions {
        salutation: codes(i18n.get("salutations")),
        security_qid: codes(i18n.get("security_ids")),
        govid_type: codes(i18n.get("govid_types")),
        govid_issuedby,
        occupation: codes(i18n.get("occupation_ids")),
        housing_type: codes(i18n.get("housing_type")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 13] = [
        "salutations",
        "provinces",
        "security_ids",
        "govid_types",
        "govid_issued_bys",
        "occupation_ids",
        "transaction_types",
        "plan_ids",
        "qcpa_disclosure",
        "insurance",
        "insurance_tc",
        "annual_fees",
        "housing_type",
    ];

    fn shape(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
            }
            Value::String(_) => Value::Null,
            other => other.clone(),
        }
    }

    #[test]
    fn seed_texts_parse_and_match() {
        let en = parse_i18n(include_str!("../data/i18n/en.json"));
        let fr = parse_i18n(include_str!("../data/i18n/fr.json"));
        let en_keys: Vec<&str> = en.keys().map(String::as_str).collect();
        assert_eq!(
            en_keys, KEYS,
            "en.json has exactly the seed's keys, in the seed's order"
        );
        assert_eq!(
            shape(&Value::Object(en.clone())),
            shape(&Value::Object(fr.clone())),
            "same codes in both languages"
        );
        for key in [
            "qcpa_disclosure",
            "insurance",
            "insurance_tc",
            "annual_fees",
        ] {
            assert_ne!(en[key], fr[key], "{key} is translated");
        }
    }

    #[test]
    fn every_list_is_served_under_its_names_and_can_be_left_out() {
        for lang in [Lang::En, Lang::Fr] {
            let served: Vec<&str> = seed()
                .form_values(lang)
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(served, list_names().collect::<Vec<_>>());
            for (name, i18n_key, _) in LISTS {
                assert!(seed().i18n(lang).contains_key(i18n_key), "{i18n_key}");
                let omitted = BTreeSet::from([name.to_owned()]);
                assert!(seed()
                    .form_values_without(lang, &omitted)
                    .get(name)
                    .is_none());
                let i18n = seed().i18n_without(lang, &omitted);
                assert!(!i18n.contains_key(i18n_key));
                assert_eq!(
                    i18n.len(),
                    seed().i18n(lang).len() - 1,
                    "only {i18n_key} goes"
                );
            }
        }
    }

    #[test]
    fn every_id_type_has_its_issuers() {
        let options = &seed().options;
        assert!(options.govid_type.len() >= 20);
        for kind in &options.govid_type {
            assert!(
                options
                    .govid_issuedby
                    .get(kind)
                    .is_some_and(|s| !s.is_empty()),
                "{kind}"
            );
        }
        assert!(options.govid_issuedby["CADL"].contains("ON"));
        assert_eq!(options.occupation.len(), 11);
        assert_eq!(options.housing_type.len(), 4);
    }

    #[test]
    fn seeded_reps_sign_in_with_the_documented_password() {
        assert_eq!(
            rep_for("merchantonline", REP_PASSWORD).map(|r| r.merchant_id),
            Some("123456")
        );
        assert!(rep_for("vendeur", REP_PASSWORD).is_some());
        assert!(rep_for("vendeur", "wrong").is_none());
        assert!(rep_for("nobody", REP_PASSWORD).is_none());
    }
}
