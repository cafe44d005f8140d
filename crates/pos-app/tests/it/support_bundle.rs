//! The support bundle: what it holds (listed), where it is written and how privately, and
//! that the command line makes the same bundle without the administrator. That it holds
//! no applicant value, token or secret is proved by the leak test's shift (`leak`).

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use flexiti_sandbox::{CLIENT_SECRET, REP_PASSWORD};
use pos_app::dto::SupportBundle;
use pos_testkit::engine::{demo_rep, open};
use pos_testkit::temp_dir;

/// The bundle's entries as the zip lists them, and each file's text.
fn unzip(path: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(path).expect("the bundle");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("text");
            (entry.name().to_owned(), text)
        })
        .collect()
}

fn text_of<'a>(entries: &'a [(String, String)], name: &str) -> &'a str {
    entries
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {name} in the bundle"))
}

/// A log file of the app's, written `age` ago.
fn plant_log(dir: &Path, name: &str, text: &str, age: Duration) {
    let logs = pos_app::logging::log_dir(dir);
    std::fs::create_dir_all(&logs).expect("logs");
    let path = logs.join(name);
    std::fs::write(&path, text).expect("log");
    let file = std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("log");
    file.set_modified(SystemTime::now() - age).expect("mtime");
}

#[tokio::test]
async fn the_bundle_lists_versions_settings_audit_integrity_drafts_and_the_last_days_of_logs() {
    let dir = temp_dir("support-bundle");
    let engine = open(dir.path()).await;
    engine
        .sign_in(demo_rep(REP_PASSWORD))
        .await
        .expect("sign in");
    engine.new_draft().await.expect("draft");
    engine.new_draft().await.expect("draft");
    engine.sign_out().await.expect("sign out");
    let day = Duration::from_secs(24 * 3600);
    plant_log(dir.path(), "flexiti-pos.recent.log", "a recent line\n", day);
    plant_log(dir.path(), "flexiti-pos.old.log", "an old line\n", day * 9);

    let SupportBundle { path, entries } = engine.support_bundle().await.expect("the bundle");
    let path = Path::new(&path);
    assert_eq!(path.parent(), Some(dir.path().join("support").as_path()));
    let mode = std::fs::metadata(path)
        .expect("bundle")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "the bundle is the app user's only");

    let unzipped = unzip(path);
    let names: Vec<&str> = unzipped.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "about.txt",
            "settings.json",
            "audit.log",
            "integrity.txt",
            "drafts.txt",
            "logs/",
            "logs/flexiti-pos.recent.log",
        ],
        "the last 7 days of logs, not older"
    );
    assert_eq!(entries, names, "the answer lists what the zip holds");

    let about = text_of(&unzipped, "about.txt");
    let version = format!("app version: {}", env!("CARGO_PKG_VERSION"));
    for line in [
        version.as_str(),
        "environment: sandbox",
        "os: ",
        "kernel: ",
        "webkitgtk: ",
    ] {
        assert!(about.contains(line), "{line} in {about}");
    }
    let settings: serde_json::Value =
        serde_json::from_str(text_of(&unzipped, "settings.json")).expect("json");
    assert_eq!(settings["settings"]["terminal_id"], "T-01");
    assert_eq!(settings["client_secret_kept_in"], "sandbox");
    assert!(settings["data_key_kept_in"].is_string());
    assert!(!text_of(&unzipped, "settings.json").contains(CLIENT_SECRET));
    let audit = text_of(&unzipped, "audit.log");
    assert!(
        audit.contains("sign_in") || audit.contains("sign-in"),
        "{audit}"
    );
    assert!(audit.contains("rep="), "{audit}");
    assert!(
        text_of(&unzipped, "integrity.txt").starts_with("integrity_check: ok"),
        "{}",
        text_of(&unzipped, "integrity.txt")
    );
    assert_eq!(text_of(&unzipped, "drafts.txt"), "editing: 2\n");
    assert_eq!(
        text_of(&unzipped, "logs/flexiti-pos.recent.log"),
        "a recent line\n"
    );
}

#[tokio::test]
async fn the_command_line_makes_the_same_bundle_without_the_administrator() {
    let dir = temp_dir("support-bundle-cli");
    let engine = open(dir.path()).await;
    let bundle = engine
        .support_bundle_for_command_line()
        .await
        .expect("the bundle");
    assert_eq!(
        bundle.entries,
        [
            "about.txt",
            "settings.json",
            "audit.log",
            "integrity.txt",
            "drafts.txt",
            "logs/"
        ]
    );
    let unzipped = unzip(Path::new(&bundle.path));
    assert_eq!(text_of(&unzipped, "drafts.txt"), "no drafts\n");
    let settings: serde_json::Value =
        serde_json::from_str(text_of(&unzipped, "settings.json")).expect("json");
    assert_eq!(settings["settings"]["environment"], "sandbox");
}
