//! Tauri's build step, with an app manifest so that the capability file can allow
//! exactly our own commands and nothing else.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_status",
        "set_language",
        "sign_in",
        "sign_out",
        "lock",
        "unlock",
        "form_data",
        "list_drafts",
        "new_draft",
        "open_draft",
        "save_draft",
        "discard_draft",
        "terms",
        "decode_licence",
        "submit_draft",
        "check_again",
        "cancel_submission",
        "get_settings",
        "save_settings",
        "test_connection",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}
