// The command surface, declared once: every command the web UI may call, its access
// level, its arguments and its result. Everything else follows from this list: the
// Tauri handlers (`src-tauri/src/commands.rs`), the build script's command manifest
// (`src-tauri/build.rs` includes this file), the typed TS client in `ui/src/bindings.ts`,
// [`crate::commands::dispatch`] (the test bridge), and the tests that check the
// capability file against it. Adding a command means adding a line here and writing the
// engine method of the same name.
//
// Access levels, enforced by the engine's gate (the list states them so a test can try
// every command in every state):
// - `terminal`: answered by the terminal itself, even when the engine could not start
//   (the start-up error screen's commands);
// - `always`: works in every state, locked included (status, language, lock, sign out);
// - `open`: works signed out, refused while a rep's session is locked;
// - `signed_in`: needs a session, locked or not (unlock);
// - `unlocked`: needs a session that is not locked;
// - `admin`: needs the administrator's passphrase (once the terminal has left Sandbox),
//   refused while a rep's session is locked.

// (Plain comments, not `//!`: src-tauri/build.rs includes this file as items.)

/// Calls `$callback! { name [access] (arg: Type, ...) -> Output; ... }` with every command.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            /// Whether the terminal started, and if not, why (the start-up error screen).
            startup_state [terminal] () -> $crate::dto::StartupState;
            /// Tries to start again after a start-up failure (the keyring may be back).
            retry_start [terminal] () -> $crate::dto::StartupState;
            /// Wipes the terminal (drafts, data key, settings, client secret) and starts
            /// it afresh, as on first run: the way out of a forgotten administrator
            /// passphrase or an unreadable data key, which gives nothing away.
            reset_terminal [terminal] (confirmation: String) -> $crate::dto::StartupState;
            /// What the shell shows: environment, language, session, lock. Not activity.
            app_status [always] () -> $crate::dto::AppStatus;
            /// The rep's screen language.
            set_language [always] (lang: $crate::dto::Lang) -> $crate::dto::AppStatus;
            /// Signs a rep in with their Flexiti merchant credentials.
            sign_in [open] (input: $crate::dto::SignInInput) -> $crate::dto::AppStatus;
            /// Ends the session, if any (locked or not).
            sign_out [always] () -> $crate::dto::AppStatus;
            /// Locks the screen, if a rep is signed in; only the same rep unlocks it.
            lock [always] () -> $crate::dto::AppStatus;
            /// Unlocks the screen with the same rep's password.
            unlock [signed_in] (input: $crate::dto::SignInInput) -> $crate::dto::AppStatus;
            /// The option lists and labels of the form, in one language.
            form_data [unlocked] (lang: $crate::dto::Lang) -> $crate::dto::FormData;
            /// The drafts of this environment and merchant: the rep's own with the
            /// applicant's name, colleagues' without it. Newest first.
            list_drafts [unlocked] () -> Vec<$crate::dto::DraftSummaryView>;
            /// Starts an empty application.
            new_draft [unlocked] () -> $crate::dto::DraftView;
            /// Reopens one of the rep's drafts (a decided one opens as its receipt). Audited.
            open_draft [unlocked] (id: String) -> $crate::dto::DraftView;
            /// Takes a colleague's draft over (shift handover), then opens it. Audited.
            take_over_draft [unlocked] (id: String) -> $crate::dto::DraftView;
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
            /// Opens the terminal's settings with the administrator's passphrase (for a
            /// few minutes, until closed, or until a rep signs in). Throttled and audited.
            admin_sign_in [open] (passphrase: String) -> $crate::dto::AppStatus;
            /// Closes the terminal's settings.
            admin_sign_out [always] () -> $crate::dto::AppStatus;
            /// The terminal's settings (never the secret), and the drafts whose outcome is
            /// still unknown past the retention period.
            get_settings [admin] () -> $crate::dto::SettingsView;
            /// Saves the terminal's settings. Audited.
            save_settings [admin] (input: $crate::dto::SettingsInput) -> $crate::dto::SettingsView;
            /// Tries the given settings against Flexiti without saving them; the stored
            /// secret only ever goes where it was saved for. Audited.
            test_connection [admin] (input: $crate::dto::SettingsInput) -> $crate::dto::ConnectionCheck;
            /// Finds Flexiti accounts by name, birth date and postal code (a customer
            /// without their card). Audited.
            search_customers [unlocked] (input: $crate::purchase_dto::CustomerSearchInput) -> Vec<$crate::purchase_dto::CustomerMatchView>;
            /// Starts a purchase for an approved applicant, a card or a search's match.
            start_purchase [unlocked] (from: $crate::purchase_dto::PurchaseStart) -> $crate::purchase_dto::PurchaseView;
            /// Quotes the amount (tax included) in both languages.
            quote_purchase [unlocked] (purchase_id: String, amount: String) -> $crate::purchase_dto::PurchaseView;
            /// The customer's choice: the regular purchase or a plan and term.
            choose_option [unlocked] (purchase_id: String, option_id: String) -> $crate::purchase_dto::PurchaseView;
            /// Sends the PIN by SMS or email, asks the security question, or bypasses.
            start_verification [unlocked] (purchase_id: String, method: $crate::purchase_dto::VerifyMethod) -> $crate::purchase_dto::PurchaseView;
            /// The customer's security answer.
            answer_security_question [unlocked] (purchase_id: String, answer: String) -> $crate::purchase_dto::PurchaseView;
            /// Charges the purchase (journaled before it leaves; sent once).
            charge_purchase [unlocked] (input: $crate::purchase_dto::ChargeInput) -> $crate::purchase_dto::PurchaseView;
            /// Learns a lost charge's outcome from Flexiti's list; never a second charge.
            check_purchase_again [unlocked] (purchase_id: String) -> $crate::purchase_dto::PurchaseView;
            /// A done operation's receipt, from the journal (no network needed).
            purchase_receipt [unlocked] (reference: String, both: bool) -> $crate::purchase_dto::ReceiptView;
            /// Today's sales and holds of this merchant, from the journal.
            todays_purchases [unlocked] () -> Vec<$crate::purchase_dto::PurchaseSummaryView>;
            /// Every operation of a purchase, the sale first.
            purchase_operations [unlocked] (purchase_id: String) -> Vec<$crate::purchase_dto::OperationView>;
            /// Captures (part of) a hold.
            capture_hold [unlocked] (input: $crate::purchase_dto::AfterSaleInput) -> $crate::purchase_dto::OperationView;
            /// Releases (part of) a hold, with the administrator's approval.
            release_hold [unlocked] (input: $crate::purchase_dto::AfterSaleInput) -> $crate::purchase_dto::OperationView;
            /// Returns (part of) a plan purchase within 100 days, with the administrator's approval.
            return_purchase [unlocked] (input: $crate::purchase_dto::AfterSaleInput) -> $crate::purchase_dto::OperationView;
            /// Refunds (part of) a regular purchase, with the administrator's approval.
            refund_purchase [unlocked] (input: $crate::purchase_dto::AfterSaleInput) -> $crate::purchase_dto::OperationView;
            /// Learns an operation's lost outcome (any kind), from the journal alone.
            check_operation_again [unlocked] (reference: String) -> $crate::purchase_dto::OperationView;
            /// Frees an operation whose outcome stayed unknown, with the administrator's
            /// approval and a reason.
            free_purchase [unlocked] (input: $crate::purchase_dto::AfterSaleInput) -> $crate::purchase_dto::OperationView;
            /// The day's report: totals per rep and option, reconciled with Flexiti.
            day_report [unlocked] (date: Option<String>) -> $crate::purchase_dto::DayReportView;
            /// The day's report as CSV.
            day_report_csv [unlocked] (date: Option<String>) -> String;
            /// Writes a support bundle (versions, settings without the secret, logs, audit
            /// log, integrity check; no applicant data) into the data directory; says where.
            support_bundle [admin] () -> $crate::dto::SupportBundle;
        }
    };
}
