// The command surface, declared once: every command the web UI may call, its access
// level, its arguments and its result. Everything else follows from this list: the
// Tauri handlers (`src-tauri/src/commands.rs`), the build script's command manifest
// (`src-tauri/build.rs` includes this file), the typed TS client in `ui/src/bindings.ts`,
// [`crate::commands::dispatch`] (the test bridge), and the tests that check the
// capability file against it. Adding a command means adding a line here and writing the
// engine method of the same name.
//
// Access levels: `open` works signed out; `signed_in` needs a session, locked or not;
// `unlocked` needs a session that is not locked. The engine enforces them (its gate);
// the list states them so a test can try every command in every state.

// (Plain comments, not `//!`: src-tauri/build.rs includes this file as items.)

/// Calls `$callback! { name [access] (arg: Type, ...) -> Output; ... }` with every command.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            /// What the shell shows: environment, language, session, lock.
            app_status [open] () -> $crate::dto::AppStatus;
            /// The rep's screen language.
            set_language [open] (lang: $crate::dto::Lang) -> $crate::dto::AppStatus;
            /// Signs a rep in with their Flexiti merchant credentials.
            sign_in [open] (input: $crate::dto::SignInInput) -> $crate::dto::AppStatus;
            /// Ends the session, if any (locked or not).
            sign_out [open] () -> $crate::dto::AppStatus;
            /// Locks the screen, if a rep is signed in; only the same rep unlocks it.
            lock [open] () -> $crate::dto::AppStatus;
            /// Unlocks the screen with the same rep's password.
            unlock [signed_in] (input: $crate::dto::SignInInput) -> $crate::dto::AppStatus;
            /// The option lists and labels of the form, in one language.
            form_data [unlocked] (lang: $crate::dto::Lang) -> $crate::dto::FormData;
            /// Every draft on the terminal, newest first.
            list_drafts [unlocked] () -> Vec<$crate::dto::DraftSummaryView>;
            /// Starts an empty application.
            new_draft [unlocked] () -> $crate::dto::DraftView;
            /// Reopens a draft (a decided one opens as its receipt).
            open_draft [unlocked] (id: String) -> $crate::dto::DraftView;
            /// Saves the rep's answers; returns what is still wrong.
            save_draft [unlocked] (input: $crate::dto::SaveDraftInput) -> $crate::dto::SavedDraft;
            /// Deletes a draft that is not in flight.
            discard_draft [unlocked] (id: String) -> ();
            /// The terms for a province, in one language.
            terms [unlocked] (province: String, lang: $crate::dto::Lang) -> $crate::dto::TermsView;
            /// Reads a driver's licence barcode into form answers.
            decode_licence [unlocked] (code: String) -> $crate::dto::LicencePrefill;
            /// Sends the application to Flexiti.
            submit_draft [unlocked] (id: String) -> $crate::dto::DraftView;
            /// Re-sends the same request to learn an unknown outcome.
            check_again [unlocked] (id: String) -> $crate::dto::DraftView;
            /// Sets an unknown outcome aside.
            cancel_submission [unlocked] (id: String) -> $crate::dto::DraftView;
            /// Starts a new application from a copy of a set-aside one's answers (the UI
            /// warns first that Flexiti may have recorded the first).
            apply_again [unlocked] (id: String) -> $crate::dto::DraftView;
            /// The terminal's settings (never the secret).
            get_settings [open] () -> $crate::dto::SettingsView;
            /// Saves the terminal's settings.
            save_settings [open] (input: $crate::dto::SettingsInput) -> $crate::dto::SettingsView;
            /// Tries the given settings against Flexiti without saving them.
            test_connection [open] (input: $crate::dto::SettingsInput) -> $crate::dto::ConnectionCheck;
        }
    };
}
