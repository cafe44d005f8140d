// The app's state: who is signed in, which screen shows, the form's option lists in the
// current language, and the application being edited. Components read it and call its
// actions; only the actions call the API.

import type { AppStatus, CommandError, DraftView, FormData, Lang, SignInInput } from '../bindings';
import { api, toCommandError } from './api';
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
      const status = await api.appStatus();
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
      void api.setLanguage(locale.lang).then((s) => { this.status = s; }, () => undefined);
    }
  }

  private async loadFormData(): Promise<void> {
    const lang = locale.lang;
    try {
      const data = await api.formData(lang);
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
      const status = await api.signIn(input);
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
      this.takeStatus(await api.signOut());
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
      this.takeStatus(await api.lock());
    } catch (reason) {
      this.error = toCommandError(reason);
    }
  }

  async unlock(password: string): Promise<CommandError | null> {
    const rep = this.status?.session?.rep ?? '';
    try {
      this.takeStatus(await api.unlock({ username: rep, password }));
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
      const status = await api.setLanguage(next);
      if (seq !== this.langSeq) return;
      this.status = status;
    } catch {
      // Switch the screen anyway; takeStatus re-tells the Rust side later.
    }
    if (this.signedIn && !this.locked) {
      try {
        data = await api.formData(next);
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
      this.takeStatus(await api.appStatus());
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
      this.startEditing(await api.newDraft());
      if (!this.formData || this.formDataLang !== locale.lang) await this.loadFormData();
      return null;
    } catch (reason) {
      return toCommandError(reason);
    }
  }

  async resume(id: string): Promise<CommandError | null> {
    try {
      this.startEditing(await api.openDraft(id));
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
