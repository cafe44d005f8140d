//! The engine: one method per command. It owns the store, the secret chain, the
//! embedded sandbox, the API client and the rep's session. Network calls are made with
//! the state unlocked, so a slow Flexiti never freezes the other commands.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Local, SecondsFormat, Utc};
use flexiti_api::{
    ApiError, ClientConfig, FlexitiClient, IdempotencyKey, OptionLists, ReferenceId,
    Secret, Submission,
};
use flexiti_sandbox::{Sandbox, SandboxConfig};
use pos_core::Personal;
use pos_store::{
    AuditEvent, DraftRecord, DraftStatus as StoreStatus, EndReason, PurgeReport, Store,
};
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::application::{self, Fields, Purpose};
use crate::decision;
use crate::data_key;
use crate::dto::*;
use crate::error::{AppError, AppResult};
use crate::form;
use crate::secrets::Secrets;
use crate::settings::TerminalSettings;

/// Where the engine keeps its files, how it finds the client secret, and where the key
/// that seals drafts is kept.
pub struct EngineConfig {
    pub data_dir: PathBuf,
    pub secrets: Secrets,
    pub data_keys: Secrets,
}

/// How often drafts past the retention period are purged while the app runs.
pub const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);

struct Session {
    id: i64,
    rep: String,
    merchant_name: String,
    started_at: String,
    /// The merchant login's `form_values`, in the language of the sign in.
    login_lists: (Lang, OptionLists),
}

struct State {
    settings: TerminalSettings,
    lang: Lang,
    sandbox: Option<Sandbox>,
    client: Option<FlexitiClient>,
    session: Option<Session>,
    locked: bool,
    last_activity: Instant,
    forms: HashMap<Lang, FormData>,
}

pub struct Engine {
    store: Store,
    secrets: Secrets,
    /// Where the data key lives (keyring or file), for the settings screen.
    data_key_source: SecretSource,
    state: Mutex<State>,
}

fn api_lang(lang: Lang) -> flexiti_api::Lang {
    match lang {
        Lang::En => flexiti_api::Lang::En,
        Lang::Fr => flexiti_api::Lang::Fr,
    }
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn status_of(status: StoreStatus) -> DraftStatus {
    match status {
        StoreStatus::Editing => DraftStatus::Editing,
        StoreStatus::Submitting => DraftStatus::Submitting,
        StoreStatus::OutcomeUnknown => DraftStatus::OutcomeUnknown,
        StoreStatus::Approved => DraftStatus::Approved,
        StoreStatus::Pending => DraftStatus::Pending,
        StoreStatus::Declined => DraftStatus::Declined,
        StoreStatus::Cancelled => DraftStatus::Cancelled,
    }
}

fn lang_of(code: &str) -> Lang {
    if code == "fr" {
        Lang::Fr
    } else {
        Lang::En
    }
}

impl Engine {
    /// Opens the database in `data_dir` with the terminal's data key (made on first run),
    /// closes sessions a crash left open, purges drafts past the retention period, and
    /// starts the embedded sandbox when the terminal is (still) in Sandbox mode.
    pub async fn open(config: EngineConfig) -> AppResult<Engine> {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|_| AppError::Internal("data directory".into()))?;
        let (key, data_key_source) = data_key::load_or_create(&config.data_keys)?;
        let store = Store::open(&config.data_dir.join("pos.sqlite3"), key).await?;
        store.end_open_sessions(EndReason::AppClosed).await?;
        let settings = TerminalSettings::load(&store).await?;
        let lang = lang_of(store.setting("lang").await?.as_deref().unwrap_or("en"));
        let engine = Engine {
            store,
            secrets: config.secrets,
            data_key_source,
            state: Mutex::new(State {
                settings,
                lang,
                sandbox: None,
                client: None,
                session: None,
                locked: false,
                last_activity: Instant::now(),
                forms: HashMap::new(),
            }),
        };
        engine.purge_expired().await?;
        engine
            .ensure_sandbox(&mut *engine.state.lock().await)
            .await?;
        Ok(engine)
    }

    /// Purges the drafts not touched for the retention period (in-flight ones are kept),
    /// and writes a `purge` line in the audit log when any went.
    pub async fn purge_expired(&self) -> AppResult<PurgeReport> {
        self.purge_expired_as_of(Utc::now()).await
    }

    /// [`Engine::purge_expired`] as if it were `now`.
    pub async fn purge_expired_as_of(&self, now: DateTime<Utc>) -> AppResult<PurgeReport> {
        let days = self.state.lock().await.settings.retention_days;
        let cutoff = (now - chrono::Duration::days(i64::from(days)))
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let report = self.store.purge_drafts_before(&cutoff).await?;
        if report.purged > 0 {
            let detail = format!(
                "purged={} kept_in_flight={} retention_days={days}",
                report.purged, report.kept_in_flight
            );
            self.audit(AuditEvent::Purge, None, "ok", Some(&detail))
                .await?;
            tracing::info!(
                purged = report.purged,
                kept_in_flight = report.kept_in_flight,
                "drafts past the retention period purged"
            );
        }
        Ok(report)
    }

    /// Purges every `period` for as long as the app runs (the app passes [`PURGE_EVERY`]).
    /// A failed purge is logged and tried again at the next tick.
    pub async fn run_retention(&self, period: Duration) {
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await; // the first tick is now; the purge at open covered it
        loop {
            ticks.tick().await;
            if let Err(error) = self.purge_expired().await {
                tracing::warn!(code = error.code(), "the hourly purge failed");
            }
        }
    }

    async fn ensure_sandbox(&self, state: &mut State) -> AppResult<()> {
        let wanted = state.settings.environment == EnvironmentKind::Sandbox;
        if wanted && state.sandbox.is_none() {
            let sandbox = Sandbox::start(SandboxConfig::default())
                .await
                .map_err(|_| AppError::Internal("sandbox".into()))?;
            state.sandbox = Some(sandbox);
        } else if !wanted {
            state.sandbox = None;
        }
        Ok(())
    }

    /// The client for the current settings, built on first use.
    fn client(&self, state: &mut State) -> AppResult<FlexitiClient> {
        if let Some(client) = &state.client {
            return Ok(client.clone());
        }
        let sandbox_url = state.sandbox.as_ref().map(|s| s.base_url().to_owned());
        let environment = state.settings.api_environment(sandbox_url.as_deref())?;
        let (secret, _) = self
            .secret_for(&state.settings)?
            .ok_or(AppError::NotConfigured)?;
        let config = ClientConfig::new(environment, state.settings.client_id.clone(), secret);
        let client = FlexitiClient::new(config)?;
        state.client = Some(client.clone());
        Ok(client)
    }

    fn secret_for(&self, settings: &TerminalSettings) -> AppResult<Option<(Secret, SecretSource)>> {
        if settings.environment == EnvironmentKind::Sandbox {
            return Ok(Some((
                Secret::new(flexiti_sandbox::CLIENT_SECRET),
                SecretSource::Sandbox,
            )));
        }
        self.secrets
            .get(&settings.client_id)
            .map_err(|e| AppError::Keyring(e.to_string()))
    }

    fn status_of(&self, state: &State) -> AppStatus {
        AppStatus {
            environment: state.settings.environment,
            training_banner: state.settings.environment != EnvironmentKind::Production,
            lang: state.lang,
            session: state.session.as_ref().map(|s| SessionView {
                rep: s.rep.clone(),
                merchant_name: s.merchant_name.clone(),
                started_at: s.started_at.clone(),
            }),
            locked: state.locked,
            idle_lock_minutes: state.settings.idle_lock_minutes,
            configured: matches!(self.secret_for(&state.settings), Ok(Some(_))),
        }
    }

    /// Locks an idle session; refuses work while locked or signed out; notes activity.
    fn guard(state: &mut State) -> AppResult<()> {
        if state.session.is_none() {
            return Err(AppError::NotSignedIn);
        }
        let idle = Duration::from_secs(u64::from(state.settings.idle_lock_minutes) * 60);
        if state.last_activity.elapsed() >= idle {
            state.locked = true;
        }
        if state.locked {
            return Err(AppError::Locked);
        }
        state.last_activity = Instant::now();
        Ok(())
    }

    /// Writes one line of the audit log (never applicant data: codes and draft ids only).
    async fn audit(
        &self,
        event: AuditEvent,
        rep: Option<&str>,
        outcome: &str,
        detail: Option<&str>,
    ) -> AppResult<()> {
        let terminal = self.state.lock().await.settings.terminal_id.clone();
        Ok(self
            .store
            .audit(event, rep, &terminal, outcome, detail)
            .await?)
    }

    /// The newest lines of the audit log.
    pub async fn audit_log(&self, limit: u32) -> AppResult<Vec<pos_store::AuditRecord>> {
        Ok(self.store.audit_log(limit).await?)
    }

    /// The embedded emulator's controls, when the terminal is in Sandbox mode (tests use
    /// them to inject faults; the app itself never does).
    pub async fn sandbox_controls(&self) -> Option<flexiti_sandbox::Controls> {
        self.state
            .lock()
            .await
            .sandbox
            .as_ref()
            .map(|s| s.controls().clone())
    }

    pub async fn status(&self) -> AppStatus {
        let mut state = self.state.lock().await;
        if state.session.is_some() {
            let _ = Self::guard(&mut state).map_err(|_| ());
        }
        self.status_of(&state)
    }

    pub async fn set_language(&self, lang: Lang) -> AppResult<AppStatus> {
        let mut state = self.state.lock().await;
        state.lang = lang;
        self.store
            .set_setting(
                "lang",
                match lang {
                    Lang::En => "en",
                    Lang::Fr => "fr",
                },
            )
            .await?;
        Ok(self.status_of(&state))
    }

    pub async fn sign_in(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (client, lang, terminal) = {
            let mut state = self.state.lock().await;
            (
                self.client(&mut state)?,
                state.lang,
                state.settings.terminal_id.clone(),
            )
        };
        let username: String = input.username.trim().chars().take(100).collect();
        let login = match client
            .merchant_login(api_lang(lang), &username, &Secret::new(input.password))
            .await
        {
            Ok(login) => login,
            Err(error) => {
                self.audit(
                    AuditEvent::SignInFailed,
                    Some(&username),
                    error.code(),
                    None,
                )
                .await?;
                return Err(error.into());
            }
        };
        self.audit(AuditEvent::SignIn, Some(&username), "ok", None)
            .await?;
        let id = self
            .store
            .start_session(
                &username,
                &login.merchant_id,
                &login.merchant_name,
                &terminal,
            )
            .await?;
        let mut state = self.state.lock().await;
        if let Some(previous) = state.session.take() {
            self.store
                .end_session(previous.id, EndReason::SignOut)
                .await?;
        }
        state.session = Some(Session {
            id,
            rep: username,
            merchant_name: login.merchant_name,
            started_at: now_text(),
            login_lists: (lang, login.form_values),
        });
        state.forms.clear();
        state.locked = false;
        state.last_activity = Instant::now();
        Ok(self.status_of(&state))
    }

    pub async fn sign_out(&self) -> AppResult<AppStatus> {
        let ended = self.state.lock().await.session.take();
        if let Some(session) = ended {
            self.store
                .end_session(session.id, EndReason::SignOut)
                .await?;
            self.audit(AuditEvent::SignOut, Some(&session.rep), "ok", None)
                .await?;
        }
        let mut state = self.state.lock().await;
        state.locked = false;
        state.forms.clear();
        Ok(self.status_of(&state))
    }

    pub async fn lock(&self) -> AppResult<AppStatus> {
        let rep = {
            let mut state = self.state.lock().await;
            let newly_locked = state.session.is_some() && !state.locked;
            if state.session.is_some() {
                state.locked = true;
            }
            state
                .session
                .as_ref()
                .filter(|_| newly_locked)
                .map(|s| s.rep.clone())
        };
        if let Some(rep) = rep {
            self.audit(AuditEvent::Lock, Some(&rep), "ok", None).await?;
        }
        Ok(self.status_of(&*self.state.lock().await))
    }

    /// The same rep signs in again; the form and drafts stay as they were.
    pub async fn unlock(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (client, lang, rep) = {
            let mut state = self.state.lock().await;
            let rep = state
                .session
                .as_ref()
                .map(|s| s.rep.clone())
                .ok_or(AppError::NotSignedIn)?;
            (self.client(&mut state)?, state.lang, rep)
        };
        if !input.username.trim().is_empty() && input.username.trim() != rep {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), "wrong_rep", None)
                .await?;
            return Err(AppError::WrongRep);
        }
        if let Err(error) = client
            .merchant_login(api_lang(lang), &rep, &Secret::new(input.password))
            .await
        {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), error.code(), None)
                .await?;
            return Err(error.into());
        }
        self.audit(AuditEvent::Unlock, Some(&rep), "ok", None)
            .await?;
        let mut state = self.state.lock().await;
        state.locked = false;
        state.last_activity = Instant::now();
        Ok(self.status_of(&state))
    }

    /// Option lists and texts in `lang`: from memory, else Flexiti (cached in SQLite),
    /// else the SQLite cache when Flexiti cannot be reached.
    pub async fn form_data(&self, lang: Lang) -> AppResult<FormData> {
        let (client, login_lists) = {
            let mut state = self.state.lock().await;
            Self::guard(&mut state)?;
            if let Some(form) = state.forms.get(&lang) {
                return Ok(form.clone());
            }
            let lists = state
                .session
                .as_ref()
                .and_then(|s| (s.login_lists.0 == lang).then(|| s.login_lists.1.clone()));
            (self.client(&mut state)?, lists)
        };
        let code = match lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        };
        let form = match client.i18n(api_lang(lang)).await {
            Ok(i18n) => {
                let form = form::form_data(lang, login_lists.as_ref(), &i18n);
                if let Ok(json) = serde_json::to_string(&form) {
                    self.store.put_cache("form", code, &json).await?;
                }
                form
            }
            Err(error) => {
                let cached = self.store.cache("form", code).await?;
                match cached.and_then(|c| serde_json::from_str::<FormData>(&c.body_json).ok()) {
                    Some(form) => form,
                    None => return Err(error.into()),
                }
            }
        };
        self.state.lock().await.forms.insert(lang, form.clone());
        Ok(form)
    }

    async fn options(&self) -> pos_core::application::FormOptions {
        let state = self.state.lock().await;
        state
            .forms
            .values()
            .next()
            .map(application::options_of)
            .unwrap_or_default()
    }

    async fn view(&self, record: DraftRecord) -> AppResult<DraftView> {
        let fields: Fields = serde_json::from_str(record.fields_json.expose()).unwrap_or_default();
        let lang = lang_of(&record.lang);
        let store_id = self.state.lock().await.settings.store_id.clone();
        // A decided draft is a receipt (name and decision): there is nothing left to check.
        let errors = if record.status.is_decision() {
            Vec::new()
        } else {
            application::check(
                &fields,
                lang,
                &store_id,
                &self.options().await,
                Local::now().date_naive(),
                Purpose::Save,
            )
        };
        let decision = record
            .decision_json
            .as_ref()
            .and_then(|d| serde_json::from_str(d.expose()).ok());
        Ok(DraftView {
            id: record.id,
            status: status_of(record.status),
            lang,
            applicant_name: record.applicant_name,
            fields,
            tos_version: record.tos_version,
            updated_at: record.updated_at,
            revision: record.revision,
            errors,
            decision,
        })
    }

    async fn rep(&self) -> AppResult<String> {
        let mut state = self.state.lock().await;
        Self::guard(&mut state)?;
        state
            .session
            .as_ref()
            .map(|s| s.rep.clone())
            .ok_or(AppError::NotSignedIn)
    }

    pub async fn list_drafts(&self) -> AppResult<Vec<DraftSummaryView>> {
        self.rep().await?;
        Ok(self
            .store
            .drafts()
            .await?
            .into_iter()
            .map(|d| {
                let (applicant_name, unreadable) = match d.applicant_name {
                    Ok(name) => (name, None),
                    Err(error) => (Personal::default(), Some(error.code().to_owned())),
                };
                DraftSummaryView {
                    id: d.id,
                    applicant_name,
                    unreadable,
                    status: status_of(d.status),
                    updated_at: d.updated_at,
                }
            })
            .collect())
    }

    pub async fn new_draft(&self) -> AppResult<DraftView> {
        let rep = self.rep().await?;
        let lang = self.state.lock().await.lang;
        let record = self
            .store
            .create_draft(
                &rep,
                match lang {
                    Lang::En => "en",
                    Lang::Fr => "fr",
                },
            )
            .await?;
        self.view(record).await
    }

    pub async fn open_draft(&self, id: &str) -> AppResult<DraftView> {
        self.rep().await?;
        let record = self.store.draft(id).await?;
        self.view(record).await
    }

    pub async fn discard_draft(&self, id: &str) -> AppResult<()> {
        self.rep().await?;
        Ok(self.store.discard_draft(id).await?)
    }

    /// Saves every answer (acknowledged after the commit) and returns the problems found now.
    pub async fn save_draft(&self, input: SaveDraftInput) -> AppResult<SavedDraft> {
        self.rep().await?;
        let fields: Fields = input
            .fields
            .into_iter()
            .filter(|(k, _)| application::is_known_field(k))
            .collect();
        let json =
            serde_json::to_string(&fields).map_err(|_| AppError::Internal("fields".into()))?;
        let lang = match input.lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        };
        let record = self
            .store
            .save_fields(
                &input.id,
                &json,
                &application::applicant_name(&fields),
                lang,
                input.tos_version.as_deref(),
            )
            .await?;
        let store_id = self.state.lock().await.settings.store_id.clone();
        let errors = application::check(
            &fields,
            input.lang,
            &store_id,
            &self.options().await,
            Local::now().date_naive(),
            Purpose::Save,
        );
        Ok(SavedDraft {
            id: record.id,
            revision: record.revision,
            saved_at: record.updated_at,
            errors,
        })
    }

    pub async fn terms(&self, province: &str, lang: Lang) -> AppResult<TermsView> {
        let client = {
            let mut state = self.state.lock().await;
            Self::guard(&mut state)?;
            self.client(&mut state)?
        };
        let terms = client.terms(api_lang(lang), province).await?;
        Ok(TermsView {
            version: terms.version,
            province_group: terms.province_group.unwrap_or_default(),
            lang,
            text: terms.text,
        })
    }

    pub async fn decode_licence(&self, code: &str) -> AppResult<LicencePrefill> {
        let client = {
            let mut state = self.state.lock().await;
            Self::guard(&mut state)?;
            self.client(&mut state)?
        };
        let licence = client.decode_licence(code).await?;
        let pairs = [
            ("first_name", licence.first_name),
            ("middle_name", licence.middle_name),
            ("last_name", licence.last_name),
            ("dob", licence.dob),
            ("address_1", licence.address_1),
            ("city", licence.city),
            ("province", licence.province),
            ("postal_code", licence.postal_code),
            ("govid_type", licence.govid_type),
            ("govid_issuedby", licence.govid_issuedby),
            ("govid_number", licence.govid_number),
            ("govid_expiry", licence.govid_expiry),
        ];
        let fields = pairs
            .into_iter()
            .filter_map(|(k, v)| {
                v.filter(|v| !v.trim().is_empty())
                    .map(|v| (k.to_owned(), Personal::new(v)))
            })
            .collect();
        Ok(LicencePrefill { fields })
    }

    /// Checks, persists the submission's keys, sends, and records what came back.
    pub async fn submit_draft(&self, id: &str) -> AppResult<DraftView> {
        let rep = self.rep().await?;
        let record = self.store.draft(id).await?;
        if record.status == StoreStatus::Editing {
            let fields: Fields =
                serde_json::from_str(record.fields_json.expose()).unwrap_or_default();
            let (store_id, lang) = (
                self.state.lock().await.settings.store_id.clone(),
                lang_of(&record.lang),
            );
            let problems = application::check(
                &fields,
                lang,
                &store_id,
                &self.options().await,
                Local::now().date_naive(),
                Purpose::Submit,
            );
            if !problems.is_empty() {
                return Err(AppError::Fields(problems));
            }
            self.store
                .begin_submission(
                    id,
                    IdempotencyKey::new().as_str(),
                    ReferenceId::new().as_str(),
                )
                .await?;
        }
        self.audit(AuditEvent::Submit, Some(&rep), "sent", Some(id))
            .await?;
        self.send(&rep, id).await
    }

    /// "Check again": the same request, same keys; the original decision comes back.
    pub async fn check_again(&self, id: &str) -> AppResult<DraftView> {
        let rep = self.rep().await?;
        let record = self.store.draft(id).await?;
        if !matches!(
            record.status,
            StoreStatus::Submitting | StoreStatus::OutcomeUnknown
        ) {
            return self.view(record).await;
        }
        self.audit(AuditEvent::Submit, Some(&rep), "check_again", Some(id))
            .await?;
        self.send(&rep, id).await
    }

    pub async fn cancel_submission(&self, id: &str) -> AppResult<DraftView> {
        self.rep().await?;
        let record = self.store.cancel_submission(id).await?;
        self.view(record).await
    }

    async fn send(&self, rep: &str, id: &str) -> AppResult<DraftView> {
        let record = self.store.draft(id).await?;
        let fields: Fields = serde_json::from_str(record.fields_json.expose())
            .map_err(|_| AppError::Internal("fields".into()))?;
        let lang = lang_of(&record.lang);
        let (client, store_id) = {
            let mut state = self.state.lock().await;
            (self.client(&mut state)?, state.settings.store_id.clone())
        };
        let submission = match (
            record.idempotency_key.as_deref(),
            record.reference_id.as_deref(),
        ) {
            (Some(key), Some(reference)) => Submission {
                idempotency_key: IdempotencyKey::parse(key)
                    .ok_or(AppError::Internal("stored key".into()))?,
                reference_id: ReferenceId::parse(reference)
                    .ok_or(AppError::Internal("stored reference".into()))?,
            },
            _ => return Err(AppError::Internal("submission keys missing".into())),
        };
        let request = match application::to_request(
            &fields,
            lang,
            record.tos_version.as_deref(),
            &store_id,
            rep,
        ) {
            Ok(request) => request,
            Err(issue) => {
                self.store.cancel_submission(id).await?;
                return Err(AppError::Fields(vec![issue]));
            }
        };
        match client.apply(api_lang(lang), &request, &submission).await {
            Ok(decision) => {
                let status = decision::stored_status(&decision);
                let view = DecisionView::from(&decision);
                let json = serde_json::to_string(&view)
                    .map_err(|_| AppError::Internal("decision".into()))?;
                let record = self.store.record_decision(id, status, &json).await?;
                self.audit(AuditEvent::Decision, Some(rep), &view.outcome, Some(id))
                    .await?;
                self.view(record).await
            }
            Err(ApiError::OutcomeUnknown) => {
                let record = self.store.mark_outcome_unknown(id).await?;
                self.audit(AuditEvent::Decision, Some(rep), "outcome_unknown", Some(id))
                    .await?;
                self.view(record).await
            }
            Err(error) => {
                // Nothing was acted on (the client says OutcomeUnknown whenever it may have been).
                self.store.cancel_submission(id).await?;
                self.audit(AuditEvent::Decision, Some(rep), error.code(), Some(id))
                    .await?;
                Err(error.into())
            }
        }
    }

    pub async fn settings(&self) -> AppResult<SettingsView> {
        let state = self.state.lock().await;
        let source = match self.secret_for(&state.settings) {
            Ok(Some((_, source))) => source,
            _ => SecretSource::Missing,
        };
        let s = &state.settings;
        Ok(SettingsView {
            environment: s.environment,
            custom_url: s.custom_url.clone(),
            client_id: s.client_id.clone(),
            store_id: s.store_id.clone(),
            terminal_id: s.terminal_id.clone(),
            idle_lock_minutes: s.idle_lock_minutes,
            retention_days: s.retention_days,
            secret_source: source,
            data_key_source: self.data_key_source,
        })
    }

    /// Saves the settings (the secret to the secret chain, never to SQLite); signs the rep out
    /// when the environment or client changes.
    pub async fn save_settings(&self, input: SettingsInput) -> AppResult<SettingsView> {
        let settings = TerminalSettings::from_input(&input)?;
        if let Some(secret) = input
            .client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            self.secrets
                .set(&settings.client_id, &Secret::new(secret))
                .map_err(|e| AppError::Keyring(e.to_string()))?;
        }
        settings.save(&self.store).await?;
        let rep = self
            .state
            .lock()
            .await
            .session
            .as_ref()
            .map(|s| s.rep.clone());
        let environment = format!("{:?}", settings.environment).to_lowercase();
        self.store
            .audit(
                AuditEvent::SettingsChanged,
                rep.as_deref(),
                &settings.terminal_id,
                "ok",
                Some(&environment),
            )
            .await?;
        {
            let mut state = self.state.lock().await;
            let changed = state.settings.environment != settings.environment
                || state.settings.client_id != settings.client_id
                || state.settings.custom_url != settings.custom_url;
            state.settings = settings;
            state.client = None;
            if changed {
                if let Some(session) = state.session.take() {
                    self.store
                        .end_session(session.id, EndReason::SignOut)
                        .await?;
                }
                state.forms.clear();
            }
            self.ensure_sandbox(&mut state).await?;
        }
        self.settings().await
    }

    /// Gets a token with the given settings, without saving them.
    pub async fn test_connection(&self, input: SettingsInput) -> AppResult<ConnectionCheck> {
        let settings = TerminalSettings::from_input(&input)?;
        let sandbox_url = self
            .state
            .lock()
            .await
            .sandbox
            .as_ref()
            .map(|s| s.base_url().to_owned());
        let secret = match input
            .client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(secret) => Secret::new(secret),
            None => self
                .secret_for(&settings)?
                .map(|(s, _)| s)
                .ok_or(AppError::NotConfigured)?,
        };
        let environment = match (settings.environment, sandbox_url) {
            (EnvironmentKind::Sandbox, None) => {
                return Err(AppError::Internal("sandbox not running".into()))
            }
            (_, url) => settings.api_environment(url.as_deref())?,
        };
        let client =
            FlexitiClient::new(ClientConfig::new(environment, settings.client_id, secret))?;
        Ok(match client.connect().await {
            Ok(()) => ConnectionCheck {
                ok: true,
                error: None,
            },
            Err(error) => ConnectionCheck {
                ok: false,
                error: Some(AppError::from(error).to_command_error()),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_in_state(idle_lock_minutes: u32) -> State {
        State {
            settings: TerminalSettings {
                idle_lock_minutes,
                ..TerminalSettings::default()
            },
            lang: Lang::En,
            sandbox: None,
            client: None,
            session: Some(Session {
                id: 1,
                rep: "merchantonline".into(),
                merchant_name: "ACME".into(),
                started_at: now_text(),
                login_lists: (Lang::En, OptionLists::default()),
            }),
            locked: false,
            last_activity: Instant::now(),
            forms: HashMap::new(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_session_locks_after_the_set_minutes_and_activity_postpones_it() {
        let mut state = signed_in_state(10);
        tokio::time::advance(Duration::from_secs(9 * 60)).await;
        assert!(Engine::guard(&mut state).is_ok(), "activity at 9 minutes");
        tokio::time::advance(Duration::from_secs(9 * 60)).await;
        assert!(
            Engine::guard(&mut state).is_ok(),
            "9 minutes after the last activity"
        );
        tokio::time::advance(Duration::from_secs(10 * 60)).await;
        assert!(matches!(Engine::guard(&mut state), Err(AppError::Locked)));
        assert!(
            state.locked && state.session.is_some(),
            "locked, not signed out"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn signed_out_is_refused_before_idleness_is_considered() {
        let mut state = signed_in_state(1);
        state.session = None;
        assert!(matches!(
            Engine::guard(&mut state),
            Err(AppError::NotSignedIn)
        ));
    }
}
