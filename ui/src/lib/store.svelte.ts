// The app's state: who is signed in, which screen shows, the form's option lists in the
// current language, and the application being edited. What changes that state (start-up,
// sign in and out, lock, language, opening and closing a draft) goes through its actions;
// the draft's own saves and submit go through DraftEditor. Five components call `commands`
// themselves for what only their screen shows or does: Home (the drafts list, discard),
// Settings (read, save, test connection), TermsPanel (the terms text), LicenceScan (decode
// a licence) and Decision (check again, cancel; the result goes to the editor).

import type { AppStatus, CommandError, DraftView, FormData, Lang, SignInInput } from '../bindings';
import { commands } from '../bindings';
import { toCommandError } from './errors';
import { DraftEditor } from './draft.svelte';
import { locale } from './locale.svelte';

export type Screen = 'loading' | 'sign-in' | 'settings' | 'home' | 'application';

class AppStore {
  status = $state<AppStatus | null>(null);
  screen = $state<Screen>('loading');
  /** Where the settings screen goes back to. */
  settingsReturn = $state<Screen>('sign-in');
  formData = $state<FormData | null>(null);
  editor = $state<DraftEditor | null>(null);
  /** A failure no screen owns (start-up, language switch, lock). */
  error = $state<CommandError | null>(null);
  /** A calm one-line notice for the home screen (a Fluent id). */
  notice = $state<string | null>(null);

  private langSeq = 0;
  private formDataLang: Lang | null = null;

  get signedIn(): boolean {
    return this.status?.session != null;
  }

  get locked(): boolean {
    return this.status?.locked === true;
  }

  async init(): Promise<void> {
    try {
      const status = await commands.appStatus();
      this.status = status;
      locale.lang = status.lang;
      if (status.session) {
        this.screen = 'home';
        if (!status.locked) await this.loadFormData();
      } else {
        this.screen = 'sign-in';
      }
    } catch (reason) {
      this.error = toCommandError(reason);
      this.screen = 'sign-in';
    }
  }

  /** A status from any command; the screen's language stays the rep's choice. */
  private takeStatus(status: AppStatus): void {
    this.status = status;
    if (status.lang !== locale.lang) {
      // The Rust side missed a switch (made while it refused, e.g. locked): tell it again.
      void commands.setLanguage(locale.lang).then((s) => { this.status = s; }, () => undefined);
    }
  }

  private async loadFormData(): Promise<void> {
    const lang = locale.lang;
    try {
      const data = await commands.formData(lang);
      if (lang === locale.lang) {
        this.formData = data;
        this.formDataLang = lang;
      }
    } catch (reason) {
      this.error = toCommandError(reason);
    }
  }

  async signIn(input: SignInInput): Promise<CommandError | null> {
    try {
      const status = await commands.signIn(input);
      this.status = status;
      locale.lang = status.lang;
      this.error = null;
      this.notice = null;
      this.screen = 'home';
      await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async signOut(): Promise<void> {
    await this.closeEditor();
    try {
      this.takeStatus(await commands.signOut());
    } catch (reason) {
      this.error = toCommandError(reason);
      return;
    }
    this.formData = null;
    this.formDataLang = null;
    this.notice = null;
    this.screen = 'sign-in';
  }

  async lock(): Promise<void> {
    if (!this.signedIn || this.locked) return;
    // The form stays on screen (under the overlay); its pending changes are saved first.
    await this.editor?.flush();
    try {
      this.takeStatus(await commands.lock());
    } catch (reason) {
      this.error = toCommandError(reason);
    }
  }

  async unlock(password: string): Promise<CommandError | null> {
    const rep = this.status?.session?.rep ?? '';
    try {
      this.takeStatus(await commands.unlock({ username: rep, password }));
    } catch (reason) {
      return toCommandError(reason);
    }
    if (this.formDataLang !== locale.lang) await this.loadFormData();
    void this.editor?.flush();
    return null;
  }

  /**
   * EN <-> FR at any moment. The Rust side is told, the option lists and disclosures are
   * fetched in the new language, then everything re-labels at once. Answers are codes
   * and text in the editor, so none changes.
   */
  async toggleLanguage(): Promise<void> {
    const next: Lang = locale.lang === 'en' ? 'fr' : 'en';
    const seq = ++this.langSeq;
    let data: FormData | null = null;
    try {
      const status = await commands.setLanguage(next);
      if (seq !== this.langSeq) return;
      this.status = status;
    } catch {
      // Switch the screen anyway; takeStatus re-tells the Rust side later.
    }
    if (this.signedIn && !this.locked) {
      try {
        data = await commands.formData(next);
      } catch (reason) {
        if (seq === this.langSeq) this.error = toCommandError(reason);
      }
    }
    if (seq !== this.langSeq) return;
    locale.lang = next;
    if (data) {
      this.formData = data;
      this.formDataLang = next;
    }
    this.editor?.setLang(next);
  }

  openSettings(): void {
    this.settingsReturn = this.screen === 'settings' ? this.settingsReturn : this.screen;
    this.screen = 'settings';
  }

  closeSettings(status?: AppStatus): void {
    if (status) this.takeStatus(status);
    this.screen = this.settingsReturn === 'loading' ? 'sign-in' : this.settingsReturn;
  }

  /** Re-reads the status (after settings, or when a command finds the session locked or gone). */
  async refreshStatus(): Promise<void> {
    try {
      this.takeStatus(await commands.appStatus());
    } catch {
      return; // Keep the last known status.
    }
    if (!this.status?.session && this.screen !== 'settings' && this.screen !== 'sign-in') {
      this.editor?.dispose();
      this.editor = null;
      this.formData = null;
      this.formDataLang = null;
      this.screen = 'sign-in';
    }
  }

  private startEditing(view: DraftView): void {
    this.editor?.dispose();
    this.editor = new DraftEditor(view, locale.lang, () => void this.refreshStatus());
    this.notice = null;
    this.screen = 'application';
  }

  async newApplication(): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.newDraft());
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async resume(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await commands.openDraft(id));
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  /** Saves what is pending and closes the application. */
  async closeEditor(): Promise<void> {
    const editor = this.editor;
    if (!editor) return;
    await editor.flush();
    editor.dispose();
    this.editor = null;
  }

  async goHome(notice: string | null = null): Promise<void> {
    await this.closeEditor();
    this.notice = notice;
    this.screen = 'home';
  }
}

export const app = new AppStore();
