//! What the attack tests share and pos-testkit cannot hold (it depends on neither
//! pos-store, sqlx nor tokio): a keyring that can be switched off, a listener that records
//! what reaches it, drafts planted behind the engine's back, and raw SQL for what no
//! command would do (age a draft, let a sign-in delay run out).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use flexiti_api::Secret;
use pos_app::commands::dispatch;
use pos_app::dto::{FieldValue, Lang, SaveDraftInput, SecretSource};
use pos_app::secrets::{FileSecret, SecretBackend, SecretError, Secrets};
use pos_app::{Engine, EngineConfig, Terminal};
use pos_store::{AuditEvent, DataKey, DraftScope, Store};
use pos_testkit::engine::{config, valid_form};
use serde_json::Value;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;
use tokio::net::TcpListener;

/// The shared valid application for `first_name` (no SIN: each applicant is a person of
/// their own to the emulator).
pub fn applicant(first_name: &str) -> BTreeMap<String, FieldValue> {
    let mut fields = valid_form();
    fields.remove("sin");
    fields.insert("first_name".into(), FieldValue::Text(first_name.into()));
    fields
}

/// A new draft of the signed-in rep holding [`applicant`]`(first_name)`; its id.
pub async fn saved_draft(engine: &Engine, first_name: &str) -> String {
    let draft = engine.new_draft().await.expect("new draft");
    let saved = engine
        .save_draft(SaveDraftInput {
            id: draft.id.clone(),
            applicant_lang: Lang::En,
            fields: applicant(first_name),
            tos_version: Some("2024-01".into()),
            tos_lang: Some(Lang::En),
        })
        .await
        .expect("save");
    assert!(saved.errors.is_empty(), "{:?}", saved.errors);
    draft.id
}

/// The ids of the drafts the signed-in rep is shown.
pub async fn listed(engine: &Engine) -> Vec<String> {
    engine
        .list_drafts()
        .await
        .expect("list")
        .into_iter()
        .map(|d| d.id)
        .collect()
}

/// The code of a command's refusal, called by name as the window does (`None`: it ran).
pub async fn refusal(terminal: &Terminal, command: &str, args: Value) -> Option<String> {
    dispatch(terminal, command, args)
        .await
        .err()
        .map(|e| e.code.as_str().to_owned())
}

/// How many lines of the audit log are `event`.
pub async fn audited(engine: &Engine, event: AuditEvent) -> usize {
    engine
        .audit_log(1000)
        .await
        .expect("audit log")
        .iter()
        .filter(|r| r.event == event)
        .count()
}

/// An OS keyring in memory that can stop answering (a Secret Service not up yet, a locked
/// keyring whose prompt was dismissed): it then answers [`SecretError::Unavailable`] to
/// everything, and keeps its entries for when it comes back. Clones share both.
#[derive(Clone, Default)]
pub struct Keyring {
    entries: Arc<Mutex<HashMap<String, String>>>,
    unavailable: Arc<AtomicBool>,
}

impl Keyring {
    pub fn set_available(&self, available: bool) {
        self.unavailable.store(!available, Ordering::SeqCst);
    }

    /// Forgets every entry (a keyring reset, a non-persistent collection).
    pub fn clear(&self) {
        self.entries.lock().expect("keyring").clear();
    }

    pub fn is_empty(&self) -> bool {
        self.entries_len() == 0
    }

    pub fn entries_len(&self) -> usize {
        self.entries.lock().expect("keyring").len()
    }

    fn answering(&self) -> Result<(), SecretError> {
        if self.unavailable.load(Ordering::SeqCst) {
            return Err(SecretError::Unavailable);
        }
        Ok(())
    }
}

impl SecretBackend for Keyring {
    fn source(&self) -> SecretSource {
        SecretSource::Keyring
    }

    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        self.answering()?;
        let entries = self.entries.lock().expect("keyring");
        Ok(entries.get(account).map(|s| Secret::new(s.as_str())))
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.answering()?;
        let mut entries = self.entries.lock().expect("keyring");
        entries.insert(account.to_owned(), secret.expose().to_owned());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.answering()?;
        self.entries.lock().expect("keyring").remove(account);
        Ok(())
    }
}

/// The terminal on `dir` as the app starts it, its data key kept in `keyring` first and
/// the `data-key` file second (the app's chain, with the keyring in memory).
pub async fn terminal_with_keyring(dir: &Path, keyring: &Keyring) -> Terminal {
    let (dir, keyring) = (dir.to_path_buf(), keyring.clone());
    Terminal::start(Box::new(move || EngineConfig {
        data_keys: Secrets::new(vec![
            Box::new(keyring.clone()),
            Box::new(FileSecret::data_key(&dir)),
        ]),
        ..config(&dir)
    }))
    .await
}

/// The started engine of `terminal`.
pub async fn started(terminal: &Terminal) -> Arc<Engine> {
    terminal.engine().await.expect("the terminal started")
}

/// A raw connection to the terminal's database, for what no command would ever write.
pub async fn raw(dir: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(dir.join("pos.sqlite3"))
        .busy_timeout(pos_store::BUSY_TIMEOUT);
    SqliteConnection::connect_with(&options)
        .await
        .expect("raw connection")
}

/// Runs one statement on the terminal's database; the rows it changed.
pub async fn execute(dir: &Path, sql: &str, bind: &str) -> u64 {
    let mut conn = raw(dir).await;
    let done = sqlx::query(sql)
        .bind(bind)
        .execute(&mut conn)
        .await
        .expect("raw statement");
    conn.close().await.expect("close");
    done.rows_affected()
}

/// Makes draft `id` look untouched since 2020.
pub async fn age_draft(dir: &Path, id: &str) {
    let changed = execute(
        dir,
        "UPDATE drafts SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1",
        id,
    )
    .await;
    assert_eq!(changed, 1, "draft {id} aged");
}

/// Lets every sign-in delay run out now (as if its time had passed), leaving the failure
/// counts as they are.
pub async fn let_delays_run_out(dir: &Path) {
    execute(
        dir,
        "UPDATE sign_in_attempts SET blocked_until = ?1 WHERE blocked_until IS NOT NULL",
        "2020-01-01T00:00:00.000Z",
    )
    .await;
}

/// The terminal's data key, as the test chain keeps it (the `data-key` file).
fn data_key(dir: &Path) -> DataKey {
    let hex = std::fs::read_to_string(dir.join("data-key")).expect("the data-key file");
    DataKey::from_hex(hex.trim()).expect("a data key")
}

/// Plants a draft of `rep` for `first_name` in this terminal's current environment and
/// `merchant_id`, through `pos_store` on the same file with the terminal's key: what a
/// colleague of the same merchant would have left (the emulator has one rep per
/// merchant, so a colleague cannot sign in).
pub async fn plant_draft(dir: &Path, rep: &str, merchant_id: &str, first_name: &str) -> String {
    let store = Store::open(&dir.join("pos.sqlite3"), data_key(dir))
        .await
        .expect("the store beside the engine");
    let settings = pos_app::settings::TerminalSettings::load(&store)
        .await
        .expect("settings");
    let scope = DraftScope {
        environment_key: settings.environment_key(),
        merchant_id: merchant_id.to_owned(),
    };
    let fields = serde_json::to_string(&applicant(first_name)).expect("fields");
    let draft = store.create_draft(rep, "en", &scope).await.expect("create");
    store
        .save_fields(
            &draft.id,
            &fields,
            &format!("{first_name} Smith"),
            "en",
            Some("2024-01"),
        )
        .await
        .expect("save");
    store.close().await;
    draft.id
}

/// Whether `needle` appears, byte for byte, in any file under `dir`.
pub fn any_file_holds(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in files_under(dir) {
        if let Ok(bytes) = std::fs::read(&path) {
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(path);
            }
        }
    }
    found
}

/// Every regular file under `dir` (links not followed).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                dirs.push(path);
            } else if meta.is_file() {
                files.push(path);
            }
        }
    }
    files
}

/// A server on 127.0.0.1 that is not Flexiti: it records every byte any connection sends
/// and answers a bare HTTP 500. What an attacker would start to catch the secret.
pub struct Listener {
    pub url: String,
    connections: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<u8>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Listener {
    pub async fn start() -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let connections = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (count, bytes) = (connections.clone(), received.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let bytes = bytes.clone();
                tokio::spawn(async move {
                    // Reads what the request carries (headers, then the form body), then
                    // answers (tokio's `net` only: no io-util in this workspace).
                    let mut buffer = [0u8; 4096];
                    let mut seen = Vec::new();
                    while socket.readable().await.is_ok() {
                        match socket.try_read(&mut buffer) {
                            Ok(0) => break,
                            Ok(n) => {
                                seen.extend_from_slice(&buffer[..n]);
                                bytes.lock().expect("bytes").extend_from_slice(&buffer[..n]);
                                if request_complete(&seen) {
                                    break;
                                }
                            }
                            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                            Err(_) => break,
                        }
                    }
                    let answer: &[u8] = b"HTTP/1.1 500 Internal Server Error\r\n\
                        content-length: 0\r\nconnection: close\r\n\r\n";
                    let mut sent = 0;
                    while sent < answer.len() && socket.writable().await.is_ok() {
                        match socket.try_write(&answer[sent..]) {
                            Ok(n) => sent += n,
                            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                            Err(_) => break,
                        }
                    }
                });
            }
        });
        Listener {
            url,
            connections,
            received,
            task,
        }
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<u8> {
        self.received.lock().expect("bytes").clone()
    }

    pub fn received_contains(&self, needle: &str) -> bool {
        let bytes = self.received();
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// An HTTP/1.1 request whose headers ended and whose body (by `content-length`) arrived.
fn request_complete(seen: &[u8]) -> bool {
    let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let headers = String::from_utf8_lossy(&seen[..end]).to_ascii_lowercase();
    let length = headers
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    seen.len() >= end + 4 + length
}
