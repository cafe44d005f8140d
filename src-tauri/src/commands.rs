//! The Tauri commands: each one call deep into [`pos_app::Engine`]. They validate
//! nothing and decide nothing; errors leave as [`CommandError`] (a code and its
//! arguments), never as a Rust `Display` string.

use pos_app::dto::*;
use pos_app::{AppError, Engine};
use tauri::State;

type Reply<T> = Result<T, CommandError>;

fn reply<T>(result: Result<T, AppError>) -> Reply<T> {
    result.map_err(|error| {
        tracing::warn!(code = error.code(), "command failed");
        error.to_command_error()
    })
}

#[tauri::command]
pub async fn app_status(engine: State<'_, Engine>) -> Reply<AppStatus> {
    Ok(engine.status().await)
}

#[tauri::command]
pub async fn set_language(engine: State<'_, Engine>, lang: Lang) -> Reply<AppStatus> {
    reply(engine.set_language(lang).await)
}

#[tauri::command]
pub async fn sign_in(engine: State<'_, Engine>, input: SignInInput) -> Reply<AppStatus> {
    reply(engine.sign_in(input).await)
}

#[tauri::command]
pub async fn sign_out(engine: State<'_, Engine>) -> Reply<AppStatus> {
    reply(engine.sign_out().await)
}

#[tauri::command]
pub async fn lock(engine: State<'_, Engine>) -> Reply<AppStatus> {
    reply(engine.lock().await)
}

#[tauri::command]
pub async fn unlock(engine: State<'_, Engine>, input: SignInInput) -> Reply<AppStatus> {
    reply(engine.unlock(input).await)
}

#[tauri::command]
pub async fn form_data(engine: State<'_, Engine>, lang: Lang) -> Reply<FormData> {
    reply(engine.form_data(lang).await)
}

#[tauri::command]
pub async fn list_drafts(engine: State<'_, Engine>) -> Reply<Vec<DraftSummaryView>> {
    reply(engine.list_drafts().await)
}

#[tauri::command]
pub async fn new_draft(engine: State<'_, Engine>) -> Reply<DraftView> {
    reply(engine.new_draft().await)
}

#[tauri::command]
pub async fn open_draft(engine: State<'_, Engine>, id: String) -> Reply<DraftView> {
    reply(engine.open_draft(&id).await)
}

#[tauri::command]
pub async fn save_draft(engine: State<'_, Engine>, input: SaveDraftInput) -> Reply<SavedDraft> {
    reply(engine.save_draft(input).await)
}

#[tauri::command]
pub async fn discard_draft(engine: State<'_, Engine>, id: String) -> Reply<()> {
    reply(engine.discard_draft(&id).await)
}

#[tauri::command]
pub async fn terms(engine: State<'_, Engine>, province: String, lang: Lang) -> Reply<TermsView> {
    reply(engine.terms(&province, lang).await)
}

#[tauri::command]
pub async fn decode_licence(engine: State<'_, Engine>, code: String) -> Reply<LicencePrefill> {
    reply(engine.decode_licence(&code).await)
}

#[tauri::command]
pub async fn submit_draft(engine: State<'_, Engine>, id: String) -> Reply<DraftView> {
    reply(engine.submit_draft(&id).await)
}

#[tauri::command]
pub async fn check_again(engine: State<'_, Engine>, id: String) -> Reply<DraftView> {
    reply(engine.check_again(&id).await)
}

#[tauri::command]
pub async fn cancel_submission(engine: State<'_, Engine>, id: String) -> Reply<DraftView> {
    reply(engine.cancel_submission(&id).await)
}

#[tauri::command]
pub async fn get_settings(engine: State<'_, Engine>) -> Reply<SettingsView> {
    reply(engine.get_settings().await)
}

#[tauri::command]
pub async fn save_settings(engine: State<'_, Engine>, input: SettingsInput) -> Reply<SettingsView> {
    reply(engine.save_settings(input).await)
}

#[tauri::command]
pub async fn test_connection(
    engine: State<'_, Engine>,
    input: SettingsInput,
) -> Reply<ConnectionCheck> {
    reply(engine.test_connection(input).await)
}
