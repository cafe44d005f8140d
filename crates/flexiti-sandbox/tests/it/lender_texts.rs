//! The lender's texts as the emulator serves them (`merchants/login`'s `form_values`,
//! `i18n`, `terms-and-conditions`), held to the bilingual review's rules: the lender's codes
//! never change and are the same in both languages, no list offers two options with one
//! label, the French salutations put « Mlle » last and qualified, and the French texts
//! follow the OQLF's spacing (U+202F before `; ! ?`, U+00A0 before `: % $` and inside « »).
//! The choices are explained in `src/data.rs`.

use flexiti_sandbox::REP_PASSWORD;
use reqwest::{Method, StatusCode};
use serde_json::{json, Map, Value};

use crate::support::{start, status_json, World};

const LANGS: [&str; 2] = ["en", "fr"];
const NARROW_NBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// The lender's codes of every list, in the lender's order: labels may change, codes never
/// (a stored answer must keep its label).
const CODES: [(&str, &[&str]); 8] = [
    ("salutation", &["mr", "ms", "mrs", "mss"]),
    (
        "province",
        &[
            "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
        ],
    ),
    ("security_qid", &["4", "5", "6", "7", "8", "9"]),
    (
        "govid_type",
        &[
            "CADL", "CAHC", "CAPID", "CAP", "CAPRC", "CAICBC", "CAAR", "CASGI", "CADSNS",
            "CADPPEI", "CASNB", "CADGSNF", "CADTNW", "CADCTN", "CACSC", "CAGCEC", "CALCB", "CACFL",
            "CACFID", "CAMPIC", "CACAID",
        ],
    ),
    (
        "occupation",
        &[
            "FE", "PE", "SE", "RT", "ST", "HM", "DS", "SW", "UE", "UW", "OT",
        ],
    ),
    ("housing_type", &["Rent", "Owned", "Relatives", "Other"]),
    (
        "transaction_type",
        &["promotional_purchase", "regular_purchase"],
    ),
    ("plan_id", &["1", "2", "4", "5", "6", "7", "9"]),
];

async fn form_values(w: &World, token: &str, lang: &str) -> Map<String, Value> {
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
    body["form_values"].as_object().unwrap().clone()
}

async fn i18n(w: &World, token: &str, lang: &str) -> Map<String, Value> {
    let response = w
        .call(Method::GET, &format!("/i18n?lang={lang}"), token)
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_object().unwrap().clone()
}

async fn terms(w: &World, token: &str, lang: &str, province: &str) -> String {
    let response = w
        .call(
            Method::GET,
            &format!("/terms-and-conditions?lang={lang}&province={province}"),
            token,
        )
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["text"].as_str().unwrap().to_owned()
}

/// Every option list in `value` (a `form_values` or an `i18n` answer), named as served:
/// `{"options": {...}}`, a flat map of labels, and each list of an `option_depends`
/// (named `govid_issuedby/CADL`…). Texts (strings) are not lists.
fn lists(value: &Map<String, Value>) -> Vec<(String, Vec<(String, String)>)> {
    let entries = |map: &Map<String, Value>| -> Vec<(String, String)> {
        map.iter()
            .map(|(code, label)| {
                let label = label
                    .as_str()
                    .unwrap_or_else(|| panic!("label of {code}: {label}"));
                (code.clone(), label.to_owned())
            })
            .collect()
    };
    let mut found = Vec::new();
    for (name, list) in value {
        let Value::Object(map) = list else { continue };
        if let Some(options) = map.get("options").and_then(Value::as_object) {
            found.push((name.clone(), entries(options)));
        } else if let Some(depends) = map.get("option_depends").and_then(Value::as_object) {
            for (on, options) in depends {
                found.push((
                    format!("{name}/{on}"),
                    entries(options.as_object().unwrap()),
                ));
            }
        } else {
            found.push((name.clone(), entries(map)));
        }
    }
    found
}

fn codes(list: &[(String, String)]) -> Vec<&str> {
    list.iter().map(|(code, _)| code.as_str()).collect()
}

/// Every string of an `i18n` answer: option labels and texts.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// How `text` breaks the OQLF spacing rules the French texts follow, with some context.
fn spacing_problems(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut problems = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let wanted = match c {
            ';' | '!' | '?' => (before != Some(NARROW_NBSP)).then_some("U+202F before"),
            ':' | '%' | '$' => (before != Some(NBSP)).then_some("U+00A0 before"),
            '«' => (after != Some(NBSP)).then_some("U+00A0 after"),
            '»' => (before != Some(NBSP)).then_some("U+00A0 before"),
            // A thin space belongs only before ; ! ?
            NARROW_NBSP => (!matches!(after, Some(';' | '!' | '?')))
                .then_some("U+202F only before ; ! ? and not"),
            _ => None,
        };
        if let Some(wanted) = wanted {
            let context: String = chars[i.saturating_sub(20)..(i + 2).min(chars.len())]
                .iter()
                .collect();
            problems.push(format!("{wanted} {c:?}: …{context}…"));
        }
    }
    problems
}

#[tokio::test]
async fn the_lenders_codes_are_unchanged_and_the_same_in_both_languages() {
    let w = start().await;
    let token = w.token().await;
    let en_values = form_values(&w, &token, "en").await;
    let fr_values = form_values(&w, &token, "fr").await;
    let en_lists = lists(&en_values);
    for (name, expected) in CODES {
        let (_, list) = en_lists
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("form_values.{name}"));
        assert_eq!(codes(list), expected, "codes of {name}");
    }
    let id_types = CODES[3].1;
    let issuers: Vec<&str> = en_lists
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("govid_issuedby/"))
        .collect();
    assert_eq!(issuers, id_types, "an issuer list per ID type");

    for (en, fr) in [
        (en_values, fr_values),
        (i18n(&w, &token, "en").await, i18n(&w, &token, "fr").await),
    ] {
        let (en, fr) = (lists(&en), lists(&fr));
        let names = |l: &[(String, Vec<(String, String)>)]| {
            l.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
        };
        assert_eq!(names(&en), names(&fr), "the same lists in both languages");
        assert_eq!(en.len(), CODES.len() + id_types.len(), "{:?}", names(&en));
        for ((name, en_list), (_, fr_list)) in en.iter().zip(&fr) {
            assert_eq!(
                codes(en_list),
                codes(fr_list),
                "{name}: every code in en is in fr and back, in the same order"
            );
            for (code, label) in en_list.iter().chain(fr_list) {
                assert!(!label.trim().is_empty(), "{name}.{code} has a label");
            }
        }
    }
}

#[tokio::test]
async fn no_list_offers_two_options_with_one_label_in_either_language() {
    let w = start().await;
    let token = w.token().await;
    for lang in LANGS {
        for answer in [
            form_values(&w, &token, lang).await,
            i18n(&w, &token, lang).await,
        ] {
            let found = lists(&answer);
            assert!(found.iter().any(|(n, _)| n.starts_with("salutation")));
            for (name, list) in found {
                let mut seen: Vec<(String, &str)> = Vec::new();
                for (code, label) in &list {
                    // As a rep reads them: case and spacing do not tell options apart.
                    let key = label
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                        panic!("{name} ({lang}): {other} and {code} are both {label:?}");
                    }
                    seen.push((key, code));
                }
            }
        }
    }
}

#[tokio::test]
async fn mademoiselle_is_last_and_only_on_request_and_miss_has_no_period() {
    let w = start().await;
    let token = w.token().await;
    let salutations = |answer: &Map<String, Value>| -> Vec<(String, String)> {
        lists(answer)
            .into_iter()
            .find(|(n, _)| n == "salutation")
            .unwrap()
            .1
    };
    let fr = salutations(&form_values(&w, &token, "fr").await);
    let labels: Vec<&str> = fr.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels[..2], ["M.", "Mme"], "the ordinary titles come first");
    assert_eq!(fr[1].0, "ms", "a woman is « Mme » under the code ms");
    let with_mlle: Vec<&str> = fr
        .iter()
        .filter(|(_, l)| l.contains("Mlle") || l.contains("Mademoiselle"))
        .map(|(code, _)| code.as_str())
        .collect();
    assert_eq!(with_mlle, ["mss"], "only mss says Mlle");
    assert_eq!(fr.last().unwrap().0, "mss", "and it is last");
    assert_eq!(fr.last().unwrap().1, "Mlle (sur demande)", "and qualified");
    let mrs = &fr.iter().find(|(code, _)| code == "mrs").unwrap().1;
    assert!(
        mrs.starts_with("Mme") && mrs != "Mme",
        "a stored mrs shows, told apart from ms: {mrs}"
    );

    let en = salutations(&form_values(&w, &token, "en").await);
    assert_eq!(
        en,
        [
            ("mr", "Mr."),
            ("ms", "Ms."),
            ("mrs", "Mrs."),
            ("mss", "Miss")
        ]
        .map(|(c, l)| (c.to_owned(), l.to_owned()))
    );
}

#[tokio::test]
async fn french_texts_follow_the_oqlf_spacing() {
    let w = start().await;
    let token = w.token().await;
    let mut texts = Vec::new();
    strings(&Value::Object(i18n(&w, &token, "fr").await), &mut texts);
    assert!(texts.len() > 100, "labels and texts: {}", texts.len());
    for province in ["QC", "ON"] {
        texts.push(terms(&w, &token, "fr", province).await);
    }
    let all = texts.concat();
    for mark in [';', '?', '«', '%', '$'] {
        assert!(all.contains(mark), "the check sees some {mark:?}");
    }
    let problems: Vec<String> = texts.iter().flat_map(|t| spacing_problems(t)).collect();
    assert!(problems.is_empty(), "{problems:#?}");

    // The checker itself: what it refuses and accepts.
    assert_eq!(spacing_problems("demande ? oui; non : « a»").len(), 5);
    assert!(spacing_problems("demande\u{202f}? non\u{a0}: «\u{a0}a\u{a0}» 5\u{a0}%").is_empty());
}

#[tokio::test]
async fn french_texts_use_the_reviewed_wording() {
    let w = start().await;
    let token = w.token().await;
    let mut texts = Vec::new();
    strings(&Value::Object(i18n(&w, &token, "fr").await), &mut texts);
    for province in ["QC", "ON"] {
        texts.push(terms(&w, &token, "fr", province).await);
    }
    let all = texts.join("\n");
    for calque in [
        "condition préexistante",
        "régulier",
        "plan promotionnel",
        "plans promotionnels",
        "d'exemple correspond",
        "dans vos dossiers",
        "divulgu",
        "comme comptant",
        "Achat renouvelable",
        "Travailleur",
        "Retraité",
        "Étudiant",
        "meilleur ami d'enfance",
        "votre enseignant de",
    ] {
        assert!(!all.contains(calque), "{calque:?} is still served");
    }
    for wording in [
        "état de santé préexistant",
        "taux d'intérêt standard",
        "achats courants",
        "formules promotionnelles",
        "À titre d'exemple, le paiement minimum",
        "Conservez-les pour vous y reporter au besoin.",
        "modalités communiquées",
        "Achat à crédit renouvelable",
        "(équivalent au comptant)",
        "Travail autonome",
        "meilleur ami ou meilleure amie",
        "enseignant ou enseignante",
        "Carte d'identité délivrée par l'ICBC (C.-B.)",
    ] {
        assert!(all.contains(wording), "{wording:?} is served");
    }
}
