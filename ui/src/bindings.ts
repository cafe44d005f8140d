// Generated from crates/pos-app/src/dto.rs by the `bindings_are_current` test.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p pos-app --test bindings`.

export type Lang = "en" | "fr";

export type EnvironmentKind = "sandbox" | "training" | "merchant-integration" | "production" | "custom";

export type SecretSource = "sandbox" | "keyring" | "environment" | "file" | "missing";

export type SessionView = { rep: string, merchant_name: string, started_at: string, };

export type AppStatus = { environment: EnvironmentKind, 
/**
 * Shown as an unmistakable TRAINING banner: every environment but production.
 */
training_banner: boolean, lang: Lang, session: SessionView | null, 
/**
 * Idle lock: the form stays, the rep signs in again.
 */
locked: boolean, idle_lock_minutes: number, 
/**
 * Client id, secret and store are set.
 */
configured: boolean, };

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

export type FieldIssue = { field: string, 
/**
 * `required`, `length`, `invalid` or `wrong-format`.
 */
problem: string, };

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

export type DraftView = { id: string, status: DraftStatus, lang: Lang, 
/**
 * "First Last", as the drafts list and the decision show it.
 */
applicant_name: string, 
/**
 * The answers; empty once a decision came back (the receipt keeps the name only).
 */
fields: { [key in string]?: FieldValue }, tos_version: string | null, updated_at: string, revision: number, 
/**
 * The rules of the contract, checked now.
 */
errors: Array<FieldIssue>, decision: DecisionView | null, };

export type DraftSummaryView = { id: string, applicant_name: string, 
/**
 * Set when the draft cannot be opened: `draft_wrong_key` (sealed with a key this
 * terminal no longer has) or `draft_tampered`. It can still be discarded.
 */
unreadable: string | null, status: DraftStatus, updated_at: string, };

export type SaveDraftInput = { id: string, lang: Lang, fields: { [key in string]?: FieldValue }, tos_version: string | null, };

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
data_key_source: SecretSource, };

export type SettingsInput = { environment: EnvironmentKind, custom_url: string | null, client_id: string, client_secret: string | null, store_id: string, terminal_id: string, idle_lock_minutes: number, retention_days: number, };

export type ConnectionCheck = { ok: boolean, error: CommandError | null, };

export type CommandError = { code: string, args: { [key in string]?: string }, fields: Array<FieldIssue>, };
