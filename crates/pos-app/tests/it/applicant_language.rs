//! The applicant's language is the applicant's, by the rules of a Quebec store: the
//! screen's language (the rep's) never changes it, it is what Flexiti receives as the
//! customer's preferred language, the terms' acceptance records the language accepted,
//! and the sign-in screen is in the store's language whoever used the terminal last.

use flexiti_sandbox::REP_PASSWORD;
use pos_app::dto::{Lang, SaveDraftInput};
use pos_app::Engine;
use pos_testkit::engine::{demo_rep, open, sandbox_settings, signed_in};
use pos_testkit::temp_dir;

use crate::support::applicant;

/// The terminal's settings for a Quebec store (Sandbox mode: no passphrase needed).
async fn quebec_store(engine: &Engine) {
    let mut settings = sandbox_settings();
    settings.store_province = Some("QC".into());
    settings.store_lang = Lang::Fr;
    engine.save_settings(settings).await.expect("settings");
}

/// A saved, valid draft for `first_name` in `applicant_lang`, its terms accepted in
/// `tos_lang`; its id.
async fn draft_in(
    engine: &Engine,
    first_name: &str,
    applicant_lang: Lang,
    tos_lang: Lang,
) -> String {
    let draft = engine.new_draft().await.expect("new draft");
    let saved = engine
        .save_draft(SaveDraftInput {
            id: draft.id.clone(),
            applicant_lang,
            fields: applicant(first_name),
            tos_version: Some("2024-01".into()),
            tos_lang: Some(tos_lang),
        })
        .await
        .expect("save");
    assert!(saved.errors.is_empty(), "{:?}", saved.errors);
    draft.id
}

#[tokio::test]
async fn switching_the_screen_language_never_changes_the_applicants_language_or_an_answer() {
    let dir = temp_dir("applicant-lang-toggle");
    let engine = signed_in(dir.path()).await;
    let id = draft_in(&engine, "Gisèle", Lang::Fr, Lang::Fr).await;
    let before = engine.open_draft(&id).await.expect("open");
    for lang in [Lang::En, Lang::Fr, Lang::En, Lang::En, Lang::Fr, Lang::En] {
        engine.set_language(lang).await.expect("screen language");
        let now = engine.open_draft(&id).await.expect("open");
        assert_eq!(
            now.applicant_lang,
            Lang::Fr,
            "the applicant's, whatever the screen"
        );
        assert_eq!(now.fields, before.fields, "no answer changed");
        assert_eq!(now.revision, before.revision, "not even saved again");
    }
}

#[tokio::test]
async fn a_new_applicant_starts_in_the_stores_language_not_the_screens() {
    let dir = temp_dir("applicant-lang-default");
    let engine = signed_in(dir.path()).await;
    quebec_store(&engine).await;
    engine
        .sign_in(demo_rep(REP_PASSWORD))
        .await
        .expect("sign in");
    engine
        .set_language(Lang::En)
        .await
        .expect("an English-speaking rep");
    let draft = engine.new_draft().await.expect("new draft");
    assert_eq!(
        draft.applicant_lang,
        Lang::Fr,
        "a Quebec store's applicant: French"
    );
}

#[tokio::test]
async fn flexiti_receives_the_applicants_language_in_both_directions() {
    let dir = temp_dir("applicant-lang-sent");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    // A French-speaking rep serves an English-speaking customer...
    engine.set_language(Lang::Fr).await.expect("French screen");
    let english = draft_in(&engine, "Harold", Lang::En, Lang::En).await;
    engine.submit_draft(&english).await.expect("submit");
    // ...and an English-speaking rep a French-speaking one.
    engine.set_language(Lang::En).await.expect("English screen");
    let french = draft_in(&engine, "Ginette", Lang::Fr, Lang::Fr).await;
    engine.submit_draft(&french).await.expect("submit");
    let langs: Vec<(String, &str)> = controls
        .recorded_applications()
        .into_iter()
        .map(|a| (a.first_name, a.lang))
        .collect();
    assert_eq!(
        langs,
        vec![("harold".to_owned(), "en"), ("ginette".to_owned(), "fr")],
        "the customer's language each time, never the screen's"
    );
}

#[tokio::test]
async fn the_terms_acceptance_records_the_language_the_applicant_accepted() {
    let dir = temp_dir("applicant-lang-terms");
    let engine = signed_in(dir.path()).await;
    let id = draft_in(&engine, "Élodie", Lang::En, Lang::Fr).await;
    let view = engine.open_draft(&id).await.expect("open");
    assert_eq!(view.applicant_lang, Lang::En);
    assert_eq!(view.tos_version.as_deref(), Some("2024-01"));
    assert_eq!(view.tos_lang, Some(Lang::Fr), "accepted in French");
}

#[tokio::test]
async fn the_sign_in_screen_is_in_the_stores_language_and_sign_out_returns_to_it() {
    let dir = temp_dir("store-lang");
    let engine = open(dir.path()).await;
    assert_eq!(
        engine.status().await.lang,
        Lang::En,
        "a new terminal, no province"
    );
    quebec_store(&engine).await;
    assert_eq!(
        engine.status().await.lang,
        Lang::Fr,
        "a Quebec store speaks French"
    );
    engine
        .sign_in(demo_rep(REP_PASSWORD))
        .await
        .expect("sign in");
    engine
        .set_language(Lang::En)
        .await
        .expect("the rep prefers English");
    assert_eq!(
        engine.status().await.lang,
        Lang::En,
        "for the rep's session"
    );
    engine.sign_out().await.expect("sign out");
    assert_eq!(engine.status().await.lang, Lang::Fr, "back to the store's");
    engine
        .set_language(Lang::En)
        .await
        .expect("a toggle at the sign-in screen");
    drop(engine);
    let engine = open(dir.path()).await;
    assert_eq!(
        engine.status().await.lang,
        Lang::Fr,
        "a restart opens in the store's language, not the last one used"
    );
}

#[tokio::test]
async fn terms_accepted_without_the_language_they_were_shown_in_are_not_accepted() {
    let dir = temp_dir("applicant-lang-terms-needed");
    let engine = signed_in(dir.path()).await;
    let draft = engine.new_draft().await.expect("new draft");
    engine
        .save_draft(SaveDraftInput {
            id: draft.id.clone(),
            applicant_lang: Lang::Fr,
            fields: applicant("Rosalie"),
            tos_version: Some("2024-01".into()),
            tos_lang: None,
        })
        .await
        .expect("save");
    let refused = engine.submit_draft(&draft.id).await.expect_err("refused");
    let command = refused.to_command_error();
    assert_eq!(command.code, "wrong_inputs");
    assert!(
        command.fields.iter().any(|f| f.field == "tos_agreement"),
        "{:?}",
        command.fields
    );

    let accepted = draft_in(&engine, "Rosalie", Lang::Fr, Lang::Fr).await;
    engine.submit_draft(&accepted).await.expect("submit");
    let log = engine.audit_log(20).await.expect("audit");
    assert!(
        log.iter().any(|r| r.event == pos_store::AuditEvent::Submit
            && r.detail.as_deref()
                == Some(format!("{accepted} terms=2024-01 terms_lang=fr").as_str())),
        "the acceptance is in the audit log with its language"
    );
}
