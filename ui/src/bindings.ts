// Generated from crates/pos-app/src/dto.rs, error.rs and commands/list.rs by the
// `bindings_are_current` test. Do not edit: run
// `UPDATE_BINDINGS=1 cargo test -p pos-app --test it surface_files`.

import { invoke } from '@tauri-apps/api/core';

export type Lang = "en" | "fr";

export type EnvironmentKind = "sandbox" | "training" | "merchant-integration" | "production" | "custom";

export type SecretSource = "sandbox" | "keyring" | "environment" | "file" | "missing";

export type SessionView = { rep: string, merchant_name: string, started_at: string, };

export type AppStatus = { environment: EnvironmentKind, 
/**
 * Shown as an unmistakable TRAINING banner: every environment but production.
 */
training_banner: boolean, 
/**
 * The screen's language: the rep's choice for their session, else the store's.
 */
lang: Lang, 
/**
 * The store's language: where sign-out returns, and a new applicant's language.
 */
store_lang: Lang, session: SessionView | null, 
/**
 * Idle lock: the form stays, the rep signs in again.
 */
locked: boolean, idle_lock_minutes: number, 
/**
 * Client id, secret and store are set.
 */
configured: boolean, 
/**
 * The terminal's settings are open (the administrator's passphrase was given, or
 * the terminal has never left Sandbox and needs none).
 */
admin_open: boolean, 
/**
 * The settings need the administrator's passphrase (the terminal has left Sandbox).
 */
admin_required: boolean, 
/**
 * The app's version (the About line).
 */
version: string, };

export type StartupState = { started: boolean, 
/**
 * Why it did not start: a code with its sentence in both locales.
 */
error: CommandError | null, };

export type SignInInput = { username: string, password: string, };

export type Choice = { code: string, label: string, };

export type FormData = { lang: Lang, 
/**
 * `salutation`, `province`, `security_qid`, `govid_type`, `occupation`, `housing_type`.
 */
lists: { [key in string]?: Array<Choice> }, 
/**
 * `govid_issuedby` options by `govid_type` code.
 */
dependent: { [key in string]?: { [key in string]?: Array<Choice> } }, 
/**
 * `qcpa_disclosure`, `insurance`, `insurance_tc`, `annual_fees`.
 */
texts: { [key in string]?: string }, };

export type FieldValue = string | boolean;

export type FieldProblem = "required" | "length" | "invalid" | "wrong-format";

export type FieldIssue = { field: string, problem: FieldProblem, };

export type DraftStatus = "editing" | "submitting" | "outcome_unknown" | "approved" | "pending" | "declined" | "cancelled";

export type DecisionView = { 
/**
 * `approved`, `pending` or `declined`.
 */
outcome: string, 
/**
 * Approved: the credit limit in cents.
 */
credit_limit_cents: number | null, 
/**
 * Approved: last four digits of the card.
 */
card_last4: string | null, };

export type DraftView = { id: string, status: DraftStatus, 
/**
 * The applicant's language: what Flexiti records as the customer's preferred
 * language, and the language the terms are shown in first. Never the screen's.
 */
applicant_lang: Lang, 
/**
 * "First Last", as the drafts list and the decision show it.
 */
applicant_name: string, 
/**
 * The answers; empty once a decision came back (the receipt keeps the name only).
 */
fields: { [key in string]?: FieldValue }, tos_version: string | null, 
/**
 * The language the applicant accepted the terms in.
 */
tos_lang: Lang | null, updated_at: string, revision: number, 
/**
 * The rules of the contract, checked now.
 */
errors: Array<FieldIssue>, decision: DecisionView | null, };

export type DraftSummaryView = { id: string, applicant_name: string, 
/**
 * Set when the draft cannot be opened: `draft_wrong_key` (sealed with a key this
 * terminal no longer has) or `draft_tampered`. It can still be discarded.
 */
unreadable: string | null, status: DraftStatus, updated_at: string, 
/**
 * The rep who owns it.
 */
rep: string, 
/**
 * The signed-in rep's own draft. A colleague's is listed without the applicant's
 * name (`applicant_name` empty) and opens only once taken over.
 */
mine: boolean, };

export type SaveDraftInput = { id: string, 
/**
 * The applicant's language (the form's field, changed only on purpose), never the
 * screen's.
 */
applicant_lang: Lang, fields: { [key in string]?: FieldValue }, tos_version: string | null, 
/**
 * The language of the terms the applicant accepted (with `tos_version`).
 */
tos_lang: Lang | null, };

export type SavedDraft = { id: string, revision: number, saved_at: string, errors: Array<FieldIssue>, };

export type TermsView = { version: string, province_group: string, lang: Lang, text: string, };

export type LicencePrefill = { fields: { [key in string]?: string }, };

export type SettingsView = { environment: EnvironmentKind, custom_url: string | null, client_id: string, store_id: string, terminal_id: string, idle_lock_minutes: number, 
/**
 * Days an untouched draft is kept before it is purged (1 to 30).
 */
retention_days: number, secret_source: SecretSource, 
/**
 * Where the key that seals drafts is kept: `keyring`, or `file` (less safe).
 */
data_key_source: SecretSource, store_province: string | null, store_lang: Lang, 
/**
 * An administrator's passphrase is set.
 */
admin_passphrase_set: boolean, 
/**
 * Kiosk mode: full screen without the window's frame (applies at the next start).
 */
kiosk: boolean, 
/**
 * The settings the managed configuration file sets (read-only here): `environment`,
 * `client_id`... and `admin_passphrase_hash` when it sets the passphrase.
 */
managed: Array<string>, 
/**
 * Drafts whose outcome is still unknown past the retention period: kept (they are
 * the only way to learn what Flexiti did), listed here for the administrator.
 */
unresolved: Array<UnresolvedDraftView>, };

export type UnresolvedDraftView = { id: string, rep: string, status: DraftStatus, updated_at: string, };

export type SettingsInput = { environment: EnvironmentKind, custom_url: string | null, client_id: string, client_secret: string | null, store_id: string, terminal_id: string, idle_lock_minutes: number, retention_days: number, 
/**
 * The store's province or territory code (empty or null: not set).
 */
store_province: string | null, 
/**
 * The store's language (French for a Quebec store unless IT decides otherwise).
 */
store_lang: Lang, 
/**
 * Kiosk mode (applies at the next start).
 */
kiosk: boolean, 
/**
 * A new administrator's passphrase (at least 12 characters): required when the
 * terminal first leaves Sandbox, optional later (null keeps the current one).
 */
new_admin_passphrase: string | null, };

export type ConnectionCheck = { ok: boolean, error: CommandError | null, };

export type SupportBundle = { path: string, entries: Array<string>, };

export type CommandError = { code: ErrorCode, args: { [key in string]?: string }, fields: Array<FieldIssue>, };

export type CustomerSearchInput = { first_name: string, last_name: string, 
/**
 * `YYYY-MM-DD`.
 */
dob: string, postal_code: string | null, };

export type CustomerMatchView = { 
/**
 * Names this match for `start_purchase` (the account number stays in the engine).
 */
match_id: string, 
/**
 * "J. Smith".
 */
name: string, card_ending_in: string, 
/**
 * `consumer` or `business`.
 */
account_type: string, preferred_lang: Lang, 
/**
 * Why this account cannot buy (a Fluent id), if it cannot.
 */
blocked: string | null, };

export type PurchaseStart = { "from": "approved", draft_id: string, } | { "from": "card", number: string, } | { "from": "match", match_id: string, };

export type RateView = { description: string, 
/**
 * Ten-thousandths: `0.0999` is 999.
 */
rate: number, message: string | null, };

export type FeeView = { description: string, amount_cents: number, message: string | null, };

export type OptionText = { lang: Lang, 
/**
 * Flexiti's plan name (or the i18n label, or none for the regular purchase).
 */
plan_name: string | null, rates: Array<RateView>, fees: Array<FeeView>, };

export type OptionView = { 
/**
 * `regular` or `plan-{id}-{term}`.
 */
id: string, plan_id: number | null, term: number | null, 
/**
 * The monthly payment, or what is due by the term's end when `deferred`.
 */
term_amount_cents: number, deferred: boolean, 
/**
 * A plan the customer's account did not list (shown plainly: "{term} months").
 */
unlisted: boolean, 
/**
 * What it costs the customer is more than the available credit.
 */
over_credit: boolean, 
/**
 * Texts in the customer's language first, then the other one if Flexiti gave it.
 */
texts: Array<OptionText>, };

export type VerifyMethod = "sms" | "email" | "security_question" | "bypass";

export type VerificationView = { method: VerifyMethod, 
/**
 * The PIN was sent: the customer reads it out, the rep types it.
 */
awaiting_pin: boolean, 
/**
 * The security question to ask (in the customer's language), until answered.
 */
question: string | null, 
/**
 * The engine holds a PIN for this verification (never shown).
 */
verified: boolean, };

export type PurchaseStage = "amount" | "choose" | "verify" | "charge" | "done" | "outcome_unknown";

export type PurchaseView = { id: string, stage: PurchaseStage, 
/**
 * "J. Smith".
 */
customer_name: string, card_ending_in: string, 
/**
 * The customer's language: the options and the receipt's first.
 */
customer_lang: Lang, available_credit_cents: number | null, amount_cents: number | null, options: Array<OptionView>, chosen: string | null, 
/**
 * The chosen row is the regular purchase and Flexiti quoted it as needing no PIN.
 */
bypass_allowed: boolean, verification: VerificationView | null, 
/**
 * Flexiti's authorization id once charged.
 */
authorization_id: bigint | null, 
/**
 * The journal's reference of the charge sent (the receipt's, and "check again"'s).
 */
charge_reference: string | null, 
/**
 * The refusal's error code of the last charge, if refused (nothing charged).
 */
refused: string | null, 
/**
 * Set when "check again" found more than one charge or a different one.
 */
flag: string | null, 
/**
 * Sandbox only: the PINs the emulator sent, so a demo works without a phone.
 */
sandbox_pins: Array<string>, };

export type ChargeInput = { purchase_id: string, pin: string | null, hold: boolean, };

export type ReceiptValueView = { "kind": "text", "value": string } | { "kind": "word", "value": string };

export type ReceiptLineView = { "type": "store", names: Array<[Lang, string]>, } | { "type": "title", id: string, } | { "type": "field", label: string, value: ReceiptValueView, } | { "type": "described", descriptions: Array<[Lang, string]>, value: string, } | { "type": "message", lang: Lang, text: string, } | { "type": "rule" };

export type ReceiptView = { languages: Array<Lang>, lines: Array<ReceiptLineView>, };

export type PurchaseSummaryView = { purchase_id: string, 
/**
 * `sale` (captured at once) or `hold` (to capture later).
 */
kind: string, 
/**
 * `HH:MM`, the store's local time.
 */
time: string, rep: string, customer_name: string, card_ending_in: string, amount_cents: number, plan_id: number | null, term: number | null, 
/**
 * `submitting`, `outcome_unknown`, `done` or `refused`.
 */
state: string, flag: string | null, authorization_id: bigint | null, };

export type AfterSaleInput = { 
/**
 * The sale's (or hold's) reference, as the day's purchases list shows it.
 */
reference: string, amount: string | null, passphrase: string | null, 
/**
 * Why (freeing a purchase needs one).
 */
reason: string | null, };

export type OperationView = { reference: string, purchase_id: string, 
/**
 * `sale`, `hold`, `capture`, `release`, `return` or `refund`.
 */
kind: string, 
/**
 * `submitting`, `outcome_unknown`, `done` or `refused`.
 */
state: string, amount_cents: number, plan_id: number | null, term: number | null, authorization_id: bigint | null, capture_id: bigint | null, return_id: bigint | null, 
/**
 * `HH:MM`, the store's local time of the first send.
 */
time: string, 
/**
 * `YYYY-MM-DD`, the store's local day.
 */
local_date: string, rep: string, customer_name: string, card_ending_in: string, 
/**
 * The refusal's error code.
 */
refused: string | null, flag: string | null, 
/**
 * Approved by the administrator (the role recorded).
 */
approved_by: string | null, 
/**
 * A plan purchase's last day for a return (`YYYY-MM-DD`, 100 days after the sale).
 */
return_until: string | null, 
/**
 * A hold's age in days (the screens warn from day 7).
 */
hold_age_days: number | null, };

export type DayReportView = { 
/**
 * `YYYY-MM-DD`, the store's local day.
 */
date: string, lines: Array<ReportLineView>, 
/**
 * Net of the day: sales and captures less releases, returns and refunds (cents).
 */
net_cents: number, 
/**
 * What does not match between the journal and Flexiti, one line each.
 */
mismatches: Array<ReportMismatchView>, 
/**
 * Flexiti's lists answered (when false, the mismatches are not known).
 */
reconciled: boolean, };

export type ReportLineView = { rep: string, kind: string, 
/**
 * `regular` or `plan-{id}-{term}`.
 */
option: string, count: number, total_cents: number, };

export type ReportMismatchView = { 
/**
 * `missing_at_flexiti` (done here, not found there), `unknown_here` (found there for
 * a row not done here), `amount` (the amounts differ), `not_ours` (there, with no
 * journal row of this terminal).
 */
problem: string, reference: string | null, authorization_id: bigint | null, journal_cents: number | null, flexiti_cents: number | null, };

/** Every error code a command can answer with (`error-<code>` in the locales). */
export const ERROR_CODES = [
  'account_type_not_permitted',
  'admin_passphrase_needed',
  'admin_passphrase_too_short',
  'admin_passphrase_wrong',
  'admin_required',
  'application_create_error',
  'application_declined',
  'application_pending',
  'auth_amount_exceeded',
  'auth_not_allowed',
  'authentication_failure',
  'authorization_ended',
  'backup_failed',
  'bad_amount',
  'bad_arguments',
  'business_error',
  'bypass_not_allowed',
  'capture_amount_exceeded',
  'card_number_invalid',
  'corrupt_row',
  'credit_exceeded',
  'creditapp_id_not_found',
  'customer_already_exists',
  'customer_identity_not_found',
  'data_key_mismatch',
  'data_key_missing',
  'data_key_unavailable',
  'database_corrupt',
  'draft_busy',
  'draft_locked',
  'draft_not_found',
  'draft_not_set_aside',
  'draft_not_submitting',
  'draft_of_another_rep',
  'draft_tampered',
  'draft_wrong_key',
  'external_location_id_not_found',
  'french_quote_missing',
  'general_error',
  'html_page',
  'idempotency_key_reused',
  'insufficient_scope',
  'internal',
  'invalid_config',
  'invalid_input',
  'invalid_role',
  'invalid_settings',
  'journal_operation_in_flight',
  'journal_operation_not_found',
  'journal_purchase_not_charged',
  'journal_tampered',
  'journal_wrong_key',
  'journal_wrong_state',
  'keyring_unavailable',
  'list_incomplete',
  'malformed_response',
  'managed_config_invalid',
  'managed_setting',
  'merchant_override_is_not_allowed',
  'migration_failed',
  'not_approved',
  'not_configured',
  'not_found',
  'not_permitted',
  'not_signed_in',
  'not_verified',
  'oauth_invalid_client',
  'oauth_invalid_grant',
  'oauth_invalid_request',
  'oauth_invalid_scope',
  'operation_not_possible',
  'outcome_needs_administrator',
  'outcome_unknown',
  'pin_invalid',
  'piw_mismatch',
  'plan_term_not_available',
  'plan_term_not_set',
  'purchase_busy',
  'purchase_locked',
  'purchase_not_found',
  'purchase_step_missing',
  'quote_changed',
  'random_unavailable',
  'regular_purchase_bypass_is_not_allowed',
  'reset_not_confirmed',
  'response_too_large',
  'return_date_exceeded',
  'schema_too_new',
  'secret_answer_mismatch',
  'secret_needed',
  'server_error',
  'session_locked',
  'session_not_found',
  'sign_out_first',
  'sms_not_valid_phone',
  'store_busy',
  'store_full',
  'store_unavailable',
  'too_many_attempts',
  'tos_agreement_required',
  'transport_connect',
  'transport_other',
  'transport_reset',
  'transport_timeout',
  'tries_exceed',
  'unauthorized',
  'unexpected_status',
  'unknown_command',
  'unlock_attempts_exhausted',
  'user_not_able_to_purchase',
  'user_not_active',
  'vcc_account_mismatch',
  'verification_code_required',
  'wrong_inputs',
  'wrong_rep',
  'wrong_transaction_type',
  'wrong_verification_code',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every command of the app, typed: generated from crates/pos-app/src/commands/list.rs. */
export const commands = {
  /** Whether the terminal started, and if not, why (the start-up error screen). */
  startupState: () => invoke<StartupState>('startup_state'),
  /** Tries to start again after a start-up failure (the keyring may be back). */
  retryStart: () => invoke<StartupState>('retry_start'),
  /** Wipes the terminal (drafts, data key, settings, client secret) and starts */
  /** it afresh, as on first run: the way out of a forgotten administrator */
  /** passphrase or an unreadable data key, which gives nothing away. */
  resetTerminal: (confirmation: string) => invoke<StartupState>('reset_terminal', { confirmation }),
  /** What the shell shows: environment, language, session, lock. Not activity. */
  appStatus: () => invoke<AppStatus>('app_status'),
  /** The rep's screen language. */
  setLanguage: (lang: Lang) => invoke<AppStatus>('set_language', { lang }),
  /** Signs a rep in with their Flexiti merchant credentials. */
  signIn: (input: SignInInput) => invoke<AppStatus>('sign_in', { input }),
  /** Ends the session, if any (locked or not). */
  signOut: () => invoke<AppStatus>('sign_out'),
  /** Locks the screen, if a rep is signed in; only the same rep unlocks it. */
  lock: () => invoke<AppStatus>('lock'),
  /** Unlocks the screen with the same rep's password. */
  unlock: (input: SignInInput) => invoke<AppStatus>('unlock', { input }),
  /** The option lists and labels of the form, in one language. */
  formData: (lang: Lang) => invoke<FormData>('form_data', { lang }),
  /** The drafts of this environment and merchant: the rep's own with the */
  /** applicant's name, colleagues' without it. Newest first. */
  listDrafts: () => invoke<Array<DraftSummaryView>>('list_drafts'),
  /** Starts an empty application. */
  newDraft: () => invoke<DraftView>('new_draft'),
  /** Reopens one of the rep's drafts (a decided one opens as its receipt). Audited. */
  openDraft: (id: string) => invoke<DraftView>('open_draft', { id }),
  /** Takes a colleague's draft over (shift handover), then opens it. Audited. */
  takeOverDraft: (id: string) => invoke<DraftView>('take_over_draft', { id }),
  /** Saves the rep's answers; returns what is still wrong. */
  saveDraft: (input: SaveDraftInput) => invoke<SavedDraft>('save_draft', { input }),
  /** Deletes a draft that is not in flight. */
  discardDraft: (id: string) => invoke<null>('discard_draft', { id }),
  /** The terms for a province, in one language. */
  terms: (province: string, lang: Lang) => invoke<TermsView>('terms', { province, lang }),
  /** Reads a driver's licence barcode into form answers. */
  decodeLicence: (code: string) => invoke<LicencePrefill>('decode_licence', { code }),
  /** Sends the application to Flexiti. */
  submitDraft: (id: string) => invoke<DraftView>('submit_draft', { id }),
  /** Re-sends the same request to learn an unknown outcome. */
  checkAgain: (id: string) => invoke<DraftView>('check_again', { id }),
  /** Sets an unknown outcome aside. */
  cancelSubmission: (id: string) => invoke<DraftView>('cancel_submission', { id }),
  /** Starts a new application from a copy of a set-aside one's answers (the UI */
  /** warns first that Flexiti may have recorded the first). */
  applyAgain: (id: string) => invoke<DraftView>('apply_again', { id }),
  /** Opens the terminal's settings with the administrator's passphrase (for a */
  /** few minutes, until closed, or until a rep signs in). Throttled and audited. */
  adminSignIn: (passphrase: string) => invoke<AppStatus>('admin_sign_in', { passphrase }),
  /** Closes the terminal's settings. */
  adminSignOut: () => invoke<AppStatus>('admin_sign_out'),
  /** The terminal's settings (never the secret), and the drafts whose outcome is */
  /** still unknown past the retention period. */
  getSettings: () => invoke<SettingsView>('get_settings'),
  /** Saves the terminal's settings. Audited. */
  saveSettings: (input: SettingsInput) => invoke<SettingsView>('save_settings', { input }),
  /** Tries the given settings against Flexiti without saving them; the stored */
  /** secret only ever goes where it was saved for. Audited. */
  testConnection: (input: SettingsInput) => invoke<ConnectionCheck>('test_connection', { input }),
  /** Finds Flexiti accounts by name, birth date and postal code (a customer */
  /** without their card). Audited. */
  searchCustomers: (input: CustomerSearchInput) => invoke<Array<CustomerMatchView>>('search_customers', { input }),
  /** Starts a purchase for an approved applicant, a card or a search's match. */
  startPurchase: (from: PurchaseStart) => invoke<PurchaseView>('start_purchase', { from }),
  /** Quotes the amount (tax included) in both languages. */
  quotePurchase: (purchase_id: string, amount: string) => invoke<PurchaseView>('quote_purchase', { purchase_id, amount }),
  /** The customer's choice: the regular purchase or a plan and term. */
  chooseOption: (purchase_id: string, option_id: string) => invoke<PurchaseView>('choose_option', { purchase_id, option_id }),
  /** Sends the PIN by SMS or email, asks the security question, or bypasses. */
  startVerification: (purchase_id: string, method: VerifyMethod) => invoke<PurchaseView>('start_verification', { purchase_id, method }),
  /** The customer's security answer. */
  answerSecurityQuestion: (purchase_id: string, answer: string) => invoke<PurchaseView>('answer_security_question', { purchase_id, answer }),
  /** Charges the purchase (journaled before it leaves; sent once). */
  chargePurchase: (input: ChargeInput) => invoke<PurchaseView>('charge_purchase', { input }),
  /** Learns a lost charge's outcome from Flexiti's list; never a second charge. */
  checkPurchaseAgain: (purchase_id: string) => invoke<PurchaseView>('check_purchase_again', { purchase_id }),
  /** A done operation's receipt, from the journal (no network needed). */
  purchaseReceipt: (reference: string, both: boolean) => invoke<ReceiptView>('purchase_receipt', { reference, both }),
  /** Today's sales and holds of this merchant, from the journal. */
  todaysPurchases: () => invoke<Array<PurchaseSummaryView>>('todays_purchases'),
  /** Every operation of a purchase, the sale first. */
  purchaseOperations: (purchase_id: string) => invoke<Array<OperationView>>('purchase_operations', { purchase_id }),
  /** Captures (part of) a hold. */
  captureHold: (input: AfterSaleInput) => invoke<OperationView>('capture_hold', { input }),
  /** Releases (part of) a hold, with the administrator's approval. */
  releaseHold: (input: AfterSaleInput) => invoke<OperationView>('release_hold', { input }),
  /** Returns (part of) a plan purchase within 100 days, with the administrator's approval. */
  returnPurchase: (input: AfterSaleInput) => invoke<OperationView>('return_purchase', { input }),
  /** Refunds (part of) a regular purchase, with the administrator's approval. */
  refundPurchase: (input: AfterSaleInput) => invoke<OperationView>('refund_purchase', { input }),
  /** Learns an operation's lost outcome (any kind), from the journal alone. */
  checkOperationAgain: (reference: string) => invoke<OperationView>('check_operation_again', { reference }),
  /** Frees an operation whose outcome stayed unknown, with the administrator's */
  /** approval and a reason. */
  freePurchase: (input: AfterSaleInput) => invoke<OperationView>('free_purchase', { input }),
  /** The day's report: totals per rep and option, reconciled with Flexiti. */
  dayReport: (date: string | null) => invoke<DayReportView>('day_report', { date }),
  /** The day's report as CSV. */
  dayReportCsv: (date: string | null) => invoke<string>('day_report_csv', { date }),
  /** Writes a support bundle (versions, settings without the secret, logs, audit */
  /** log, integrity check; no applicant data) into the data directory; says where. */
  supportBundle: () => invoke<SupportBundle>('support_bundle'),
} as const;
