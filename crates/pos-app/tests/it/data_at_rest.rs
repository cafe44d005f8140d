//! What stays on the terminal's disk, attacked as another OS account or an auditor would
//! look at it: after a whole session every file of the data directory is the app user's
//! alone (one planted readable before the app ever opened included), and a draft whose
//! outcome is still unknown past the retention period is kept and shown to the
//! administrator, not purged in silence.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use flexiti_sandbox::{Fault, FaultKind, REP_PASSWORD};
use pos_app::dto::DraftStatus;
use pos_testkit::engine::{rep, terminal, DEMO_REP};
use pos_testkit::temp_dir;

use crate::support::{age_draft, listed, saved_draft, started};

/// (path, mode) of every entry under `dir`, `dir` included, links not followed.
fn modes(dir: &Path) -> Vec<(String, bool, u32)> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(path) = todo.pop() {
        let meta = std::fs::symlink_metadata(&path).expect("metadata");
        let is_dir = meta.is_dir();
        found.push((
            path.display().to_string(),
            is_dir,
            meta.permissions().mode() & 0o7777,
        ));
        if is_dir {
            for entry in std::fs::read_dir(&path).expect("read dir").flatten() {
                todo.push(entry.path());
            }
        }
    }
    found
}

#[tokio::test]
async fn after_a_whole_session_every_file_and_directory_is_the_app_users_alone() {
    let temp = temp_dir("private-files");
    let data = temp.path().join("data");
    // Left open by an older version (or by hand) before the app first ran.
    std::fs::DirBuilder::new()
        .mode(0o755)
        .create(&data)
        .expect("data dir");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("0755");
    let old = data.join("older");
    std::fs::DirBuilder::new()
        .mode(0o755)
        .create(&old)
        .expect("sub dir");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o755)).expect("0755");
    for file in [data.join("notes.txt"), old.join("export.csv")] {
        std::fs::write(&file, "left readable").expect("planted");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("0644");
    }

    let terminal = terminal(&data).await;
    let engine = started(&terminal).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let approved = saved_draft(&engine, "Privee").await;
    engine.submit_draft(&approved).await.expect("submitted");
    let unknown = saved_draft(&engine, "Inconnue").await;
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .expect("fault");
    engine.submit_draft(&unknown).await.expect("sent");
    controls.clear_faults();
    saved_draft(&engine, "Ouverte").await;
    engine.lock().await.expect("lock");
    engine.unlock(rep("", REP_PASSWORD)).await.expect("unlock");
    engine.purge_expired().await.expect("purge");
    engine.sign_out().await.expect("sign out");

    let entries = modes(&data);
    let files = entries.iter().filter(|(_, dir, _)| !dir).count();
    assert!(
        files >= 4,
        "database, its WAL, key, planted files: {entries:?}"
    );
    let open: Vec<&(String, bool, u32)> = entries
        .iter()
        .filter(|(_, is_dir, mode)| *mode != if *is_dir { 0o700 } else { 0o600 })
        .collect();
    assert_eq!(open, Vec::<&(String, bool, u32)>::new(), "not private");
    drop(engine);
    drop(terminal);
    let after: Vec<(String, bool, u32)> = modes(&data)
        .into_iter()
        .filter(|(_, is_dir, mode)| *mode != if *is_dir { 0o700 } else { 0o600 })
        .collect();
    assert_eq!(after, Vec::<(String, bool, u32)>::new(), "after shutdown");
}

#[tokio::test]
async fn an_unknown_outcome_past_the_retention_period_is_kept_and_shown_to_the_administrator() {
    let dir = temp_dir("retention-unresolved");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let unknown = saved_draft(&engine, "Incertaine").await;
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .expect("fault");
    let sent = engine.submit_draft(&unknown).await.expect("sent");
    assert_eq!(sent.status, DraftStatus::OutcomeUnknown);
    controls.clear_faults();
    let forgotten = saved_draft(&engine, "Oubliee").await;
    let fresh = saved_draft(&engine, "Recente").await;
    age_draft(dir.path(), &unknown).await;
    age_draft(dir.path(), &forgotten).await;

    let report = engine.purge_expired().await.expect("purge");
    assert_eq!((report.purged, report.kept_in_flight), (1, 1));
    let mut kept = listed(&engine).await;
    kept.sort();
    let mut expected = vec![unknown.clone(), fresh];
    expected.sort();
    assert_eq!(
        kept, expected,
        "the unknown outcome kept, the forgotten draft purged"
    );

    // The administrator's screen lists it (a Sandbox-only terminal needs no passphrase).
    let settings = engine.get_settings().await.expect("settings");
    let listed: Vec<(&str, &str, DraftStatus)> = settings
        .unresolved
        .iter()
        .map(|d| (d.id.as_str(), d.rep.as_str(), d.status))
        .collect();
    assert_eq!(
        listed,
        [(unknown.as_str(), DEMO_REP, DraftStatus::OutcomeUnknown)]
    );
    // And its decision can still be learnt.
    let decided = engine.check_again(&unknown).await.expect("checked");
    assert_eq!(decided.status, DraftStatus::Approved);
    assert!(engine
        .get_settings()
        .await
        .expect("settings")
        .unresolved
        .is_empty());
}
