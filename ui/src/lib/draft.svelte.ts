// One application being edited: its answers (codes and text as typed, independent of
// any label or language), what the Rust validator said of them, and the autosave.

import type {
  CommandError,
  DecisionView,
  DraftStatus,
  DraftView,
  FieldIssue,
  FieldValue,
  FormData,
  Lang,
  SaveDraftInput,
} from '../bindings';
import { commands } from '../bindings';
import { toCommandError } from './errors';
import { FORM_FIELDS } from './fields';
import { parseInstant } from './format';

/** Debounce of the autosave after a change. */
export const SAVE_DELAY_MS = 300;
/** Wait before retrying a save that failed. */
const RETRY_DELAY_MS = 3000;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/** What a submit attempt gave. */
export type SubmitResult =
  | { kind: 'sent' }
  | { kind: 'blocked'; issues: FieldIssue[] }
  | { kind: 'error'; error: CommandError };

/** Statuses in which the form is read-only and the decision screen shows instead. */
const READ_ONLY_STATUSES: readonly DraftStatus[] = [
  'submitting', 'outcome_unknown', 'approved', 'pending', 'declined', 'cancelled',
];

function isEmpty(value: FieldValue | undefined): boolean {
  return value === undefined || value === false || (typeof value === 'string' && value.trim() === '');
}

export class DraftEditor {
  readonly id: string;
  status = $state<DraftStatus>('editing');
  fields = $state<Record<string, FieldValue>>({});
  tosVersion = $state<string | null>(null);
  /**
   * The applicant's language: what Flexiti records as the customer's preferred language,
   * and the language the terms and disclosures show in first. Changed only by the rep, on
   * purpose (the form's field); the screen's language never touches it.
   */
  applicantLang = $state<Lang>('en');
  /** The language of the terms version on screen when the applicant accepted them. */
  tosLang = $state<Lang | null>(null);
  decision = $state<DecisionView | null>(null);
  /**
   * "First Last" as the Rust side last said. Once a decision came back the answers are
   * gone (the receipt keeps the name and the decision only): this is all there is.
   */
  receiptName = $state('');
  /** The Rust validator's verdict on the last saved answers. */
  issues = $state<FieldIssue[]>([]);
  /** Problems the server named when it rejected a submit; a field's go when it changes. */
  serverIssues = $state<FieldIssue[]>([]);
  /** Fields whose errors may show: edited then left, or filled when the draft opened. */
  touched = $state<Record<string, boolean>>({});
  submitAttempted = $state(false);
  saveState = $state<SaveState>('idle');
  savedAt = $state<Date | null>(null);
  saveError = $state<CommandError | null>(null);
  revision = $state(0);

  // Bookkeeping no template reads: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private edited = new Set<string>();
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;

  /** Told when a save finds the session locked or gone (the shell re-reads the status). */
  private readonly onSessionProblem: () => void;

  constructor(view: DraftView, onSessionProblem: () => void = () => undefined) {
    this.id = view.id;
    this.onSessionProblem = onSessionProblem;
    this.apply(view);
    for (const [name, value] of Object.entries(view.fields)) {
      if (!isEmpty(value)) this.touched[name] = true;
    }
  }

  /** Takes the server's view of the draft (open, submit, check again). */
  apply(view: DraftView): void {
    this.status = view.status;
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(view.fields)) {
      if (value !== undefined) fields[name] = value;
    }
    this.fields = fields;
    this.tosVersion = view.tos_version;
    this.tosLang = view.tos_lang;
    this.applicantLang = view.applicant_lang;
    this.decision = view.decision;
    this.receiptName = view.applicant_name;
    this.issues = view.errors;
    this.revision = view.revision;
  }

  /**
   * The language the terms and disclosures show in first: the applicant's, except for a
   * Quebec applicant, who gets the French version first whatever their language (Charter
   * of the French Language, s. 55); the other version is one explicit click away.
   */
  get textsFirstLang(): Lang {
    return this.text('province') === 'QC' ? 'fr' : this.applicantLang;
  }

  get locked(): boolean {
    return READ_ONLY_STATUSES.includes(this.status);
  }

  /** The applicant's name: from the answers while there are any, else the receipt's. */
  get applicantName(): string {
    const typed = [this.text('first_name'), this.text('last_name')]
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join(' ');
    return typed || this.receiptName.trim();
  }

  text(name: string): string {
    const value = this.fields[name];
    return typeof value === 'string' ? value : '';
  }

  flag(name: string): boolean {
    return this.fields[name] === true;
  }

  /** The rep changed an answer: keep it, forget the server's old verdict on it, save soon. */
  set(name: string, value: FieldValue): void {
    if (this.locked || this.fields[name] === value) return;
    this.fields[name] = value;
    this.edited.add(name);
    if (this.serverIssues.some((i) => i.field === name)) {
      this.serverIssues = this.serverIssues.filter((i) => i.field !== name);
    }
    this.markDirty();
  }

  /** A select or checkbox: its error may show at once. */
  choose(name: string, value: FieldValue): void {
    this.set(name, value);
    this.touched[name] = true;
  }

  /** The rep left a field: its error may show, and the draft is saved now. */
  leave(name: string): void {
    if (this.edited.has(name)) this.touched[name] = true;
    void this.flush();
  }

  /** The ID type changed: an issuer the new type does not offer is cleared. */
  setGovidType(code: string, formData: FormData | null): void {
    this.choose('govid_type', code);
    const issuers = formData?.dependent.govid_issuedby?.[code];
    const current = this.text('govid_issuedby');
    if (current !== '' && (code === '' || (issuers && !issuers.some((c) => c.code === current)))) {
      this.set('govid_issuedby', '');
    }
  }

  /** The terms shown changed: a new version must be accepted again. Returns whether it was. */
  setTosVersion(version: string | null): boolean {
    if (this.locked || version === this.tosVersion) return false;
    const hadAgreed = this.flag('tos_agreement') && this.tosVersion !== null;
    this.tosVersion = version;
    this.tosLang = null;
    if (hadAgreed) this.set('tos_agreement', false);
    this.markDirty();
    return hadAgreed;
  }

  /**
   * The applicant accepts the terms (or takes the acceptance back). Accepting records the
   * language of the version on screen at that moment (`shown`), saved with the version.
   */
  acceptTerms(accepted: boolean, shown: Lang | null): void {
    if (this.locked) return;
    const tosLang = accepted ? shown : null;
    if (tosLang !== this.tosLang) {
      this.tosLang = tosLang;
      this.markDirty();
    }
    this.choose('tos_agreement', accepted);
  }

  /** The rep sets the applicant's language (on purpose: the form's field). No answer changes. */
  setApplicantLang(lang: Lang): void {
    if (this.locked || lang === this.applicantLang) return;
    this.applicantLang = lang;
    this.markDirty();
  }

  /** Merges a licence scan: non-empty values only, in form order. Returns the fields set. */
  merge(prefill: Record<string, string | undefined>, formData: FormData | null): string[] {
    const filled: string[] = [];
    for (const name of FORM_FIELDS) {
      const value = prefill[name]?.trim();
      if (!value) continue;
      if (name === 'govid_type') this.setGovidType(value, formData);
      else this.set(name, value);
      this.touched[name] = true;
      filled.push(name);
    }
    return filled;
  }

  markDirty(): void {
    this.dirty = true;
    this.saveState = 'pending';
    this.schedule(SAVE_DELAY_MS);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Saves now if anything changed; resolves once every change so far is committed (or failed). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.inFlight) await this.inFlight;
    if (!this.dirty || this.locked) return;
    this.dirty = false;
    const input: SaveDraftInput = {
      id: this.id,
      applicant_lang: this.applicantLang,
      fields: $state.snapshot(this.fields),
      tos_version: this.tosVersion,
      tos_lang: this.tosVersion === null ? null : this.tosLang,
    };
    this.saveState = 'saving';
    let failed = false;
    this.inFlight = (async () => {
      try {
        const saved = await commands.saveDraft(input);
        this.revision = saved.revision;
        this.issues = saved.errors;
        // Replaced on every save, never changed in place: a plain Date is enough.
        // eslint-disable-next-line svelte/prefer-svelte-reactivity
        this.savedAt = parseInstant(saved.saved_at) ?? new Date();
        this.saveError = null;
        if (!this.dirty) this.saveState = 'saved';
      } catch (reason) {
        failed = true;
        this.saveError = toCommandError(reason);
        this.saveState = 'error';
        this.dirty = true;
        // A locked or ended session refuses saves: the unlock flushes. Other failures retry.
        if (this.saveError.code === 'session_locked' || this.saveError.code === 'not_signed_in') {
          this.onSessionProblem();
        } else {
          this.schedule(RETRY_DELAY_MS);
        }
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
    if (this.dirty && !failed) await this.flush();
  }

  /**
   * Sends the application: saves first, sends only when nothing blocks it. A rejection
   * naming fields puts each problem next to its field; an answer that never came puts
   * the draft in "outcome unknown" (never re-sent as a new application).
   */
  async submit(): Promise<SubmitResult> {
    this.submitAttempted = true;
    await this.flush();
    const blocking = this.blockingIssues();
    if (blocking.length > 0) return { kind: 'blocked', issues: blocking };
    try {
      this.apply(await commands.submitDraft(this.id));
      return { kind: 'sent' };
    } catch (reason) {
      const error = toCommandError(reason);
      switch (error.code) {
        case 'wrong_inputs':
          if (error.fields.length === 0) return { kind: 'error', error };
          this.serverIssues = error.fields;
          return { kind: 'blocked', issues: error.fields };
        case 'tos_agreement_required':
          this.serverIssues = [{ field: 'tos_agreement', problem: 'required' }];
          return { kind: 'blocked', issues: this.serverIssues };
        case 'draft_locked':
          // Sent from elsewhere (another window, a retry): show what the store knows.
          try {
            this.apply(await commands.openDraft(this.id));
          } catch {
            // Keep the error below.
          }
          return { kind: 'error', error };
        default:
          return { kind: 'error', error };
      }
    }
  }

  /** Stops the autosave timer (the editor is being closed after a flush). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  /** The problem to show next to a field now, if any. */
  visibleIssue(name: string): FieldIssue | null {
    const fromServer = this.serverIssues.find((i) => i.field === name);
    if (fromServer) return fromServer;
    if (!this.touched[name] && !this.submitAttempted) return null;
    const found = this.issues.find((i) => i.field === name);
    if (found) return found;
    if (name === 'tos_agreement' && this.submitAttempted && !this.flag('tos_agreement')) {
      return { field: name, problem: 'required' };
    }
    return null;
  }

  /** Every problem that stops a submit: the validator's, the server's, terms not accepted. */
  blockingIssues(): FieldIssue[] {
    const all = [...this.serverIssues, ...this.issues];
    if (!this.flag('tos_agreement')) all.push({ field: 'tos_agreement', problem: 'required' });
    return all.filter((issue, index) => all.findIndex((other) => other.field === issue.field) === index);
  }
}
