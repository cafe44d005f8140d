// The app's own sentences, from the Fluent files in /locales (one source of truth with
// the Rust side). `t` reads the current language from reactive state, so every `t(...)`
// in a template re-renders when the language changes.

import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import enSource from '../../../locales/en-CA/app.ftl?raw';
import frSource from '../../../locales/fr-CA/app.ftl?raw';
import type { Lang } from '../bindings';
import { locale } from './locale.svelte';

function makeBundle(tag: string, source: string): FluentBundle {
  // No bidi isolation marks: the UI is left-to-right only and the marks would end up
  // in copied text and in tests' exact-character assertions.
  const bundle = new FluentBundle(tag, { useIsolating: false });
  bundle.addResource(new FluentResource(source));
  return bundle;
}

const bundles: Record<Lang, FluentBundle> = {
  en: makeBundle('en-CA', enSource),
  fr: makeBundle('fr-CA', frSource),
};

export type MessageArgs = Record<string, FluentVariable>;

function format(bundle: FluentBundle, id: string, args?: MessageArgs): string | null {
  const dot = id.indexOf('.');
  const messageId = dot >= 0 ? id.slice(0, dot) : id;
  const attribute = dot >= 0 ? id.slice(dot + 1) : null;
  const message = bundle.getMessage(messageId);
  if (!message) return null;
  const pattern = attribute === null ? message.value : message.attributes[attribute];
  if (!pattern) return null;
  // Errors (a missing variable) are collected and dropped: never logged, since
  // arguments may carry what a customer typed.
  const errors: Error[] = [];
  return bundle.formatPattern(pattern, args, errors);
}

/** Whether a message (or `message.attribute`) exists in English, the reference locale. */
export function hasMessage(id: string): boolean {
  return format(bundles.en, id) !== null;
}

/**
 * The sentence for `id` (or `id.attribute`) in the current language; falls back to
 * English, then to the id itself so a missing message is visible but never crashes.
 */
export function t(id: string, args?: MessageArgs): string {
  return tIn(locale.lang, id, args);
}

/**
 * The sentence for `id` in a given language, whatever the screen's: for what shows in both
 * languages at once (the start-up error screen).
 */
export function tIn(lang: Lang, id: string, args?: MessageArgs): string {
  return format(bundles[lang], id, args) ?? format(bundles.en, id, args) ?? id;
}

/** The current language (reactive). */
export function currentLang(): Lang {
  return locale.lang;
}
