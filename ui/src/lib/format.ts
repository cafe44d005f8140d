// The ONE place money, dates and times are formatted for display, and money is parsed.
//
// No Intl here on purpose: WebKitGTK and Chromium ship different ICU data, so
// `Intl.NumberFormat('fr-CA')` does not give the same characters everywhere. The rules
// are written out instead and tested character by character (tests/format.test.mjs).
//
// This module has no runtime imports, so the tests can load it after a plain
// type-stripping transform.

import type { Lang } from '../bindings';

/** U+00A0 NO-BREAK SPACE: French thousands separator, before `$`, inside times. */
export const NBSP = '\u00A0';
/** U+202F NARROW NO-BREAK SPACE: accepted when parsing (what some keyboards type). */
export const NNBSP = '\u202F';

const MONTHS: Record<Lang, readonly string[]> = {
  en: [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ],
  fr: [
    'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
    'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  ],
};

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits.charAt(i);
  }
  return out;
}

/**
 * An amount in cents as the current language writes money:
 * en `$1,234.56`, fr `1 234,56 $` (U+00A0 as group separator and before `$`).
 */
export function formatMoney(cents: number, lang: Lang): string {
  if (!Number.isFinite(cents)) return '';
  const whole = Math.round(Math.abs(cents));
  const sign = cents < 0 && whole !== 0 ? '-' : '';
  const dollars = String(Math.floor(whole / 100));
  const rest = String(whole % 100).padStart(2, '0');
  if (lang === 'fr') {
    return `${sign}${groupThousands(dollars, NBSP)},${rest}${NBSP}$`;
  }
  return `${sign}$${groupThousands(dollars, ',')}.${rest}`;
}

/**
 * A rate in ten-thousandths (`0.0999` → 999) as a percentage, two decimals unless whole:
 * en `9.99%`, `0%`; fr `9,99 %` (U+00A0 before `%`).
 */
export function formatRate(tenThousandths: number, lang: Lang): string {
  if (!Number.isFinite(tenThousandths)) return '';
  const value = Math.round(Math.abs(tenThousandths));
  const sign = tenThousandths < 0 && value !== 0 ? '-' : '';
  const whole = String(Math.floor(value / 100));
  const rest = value % 100;
  const decimals = rest === 0 ? '' : (lang === 'fr' ? ',' : '.') + String(rest).padStart(2, '0');
  return `${sign}${whole}${decimals}${lang === 'fr' ? NBSP : ''}%`;
}

/** What parsing an amount typed by the rep gives. */
export type MoneyParse =
  | { ok: true; cents: number }
  | { ok: false; problem: 'required' | 'invalid' | 'wrong-format' };

const SPACES = [' ', NBSP, NNBSP];
const MAX_CENTS = 99_999_999_999;

/**
 * Parses an amount of dollars as a rep types it, with the same rules as the Rust
 * validator (`pos_core::rules::parse_amount`), so the form never disagrees with it:
 * `1450`, `1450.5`, `1,450.50`, `1 450,50` (space, U+00A0 or U+202F between groups;
 * one separator throughout). `,` is the decimal separator when 1-2 digits follow it at the
 * end and there is no `.`. One `$` is accepted before the number (`$2,500`, `$ 2500`) or
 * after it (`2 500 $`, `2500$`), with at most one space between; a minus sign comes
 * first and makes the amount invalid (`-$5`). Both styles are accepted in both languages
 * (a rep may type either), so `_lang` is unused: it is reserved for a language-specific
 * reading, and the shared vectors check that both languages read every case the same.
 */
export function parseMoney(text: string, _lang: Lang): MoneyParse {
  const t = text.trim();
  if (t === '') return { ok: false, problem: 'required' };
  if (t.startsWith('-') || t.startsWith('\u2212')) {
    const rest = parseUnsigned(withoutDollarSign(t.slice(1)));
    return rest.ok || rest.problem === 'invalid'
      ? { ok: false, problem: 'invalid' }
      : rest;
  }
  return parseUnsigned(withoutDollarSign(t));
}

/**
 * `t` without one leading `$` (and one space after it) or one trailing `$` (and one space
 * before it). What is left is still checked as a number, so `$`, `$5$` are refused there.
 */
function withoutDollarSign(t: string): string {
  if (t.startsWith('$')) {
    const rest = t.slice(1);
    return SPACES.includes(rest.charAt(0)) ? rest.slice(1) : rest;
  }
  if (t.endsWith('$')) {
    const rest = t.slice(0, -1);
    return SPACES.includes(rest.charAt(rest.length - 1)) ? rest.slice(0, -1) : rest;
  }
  return t;
}

function isDigits(s: string): boolean {
  return s.length > 0 && /^[0-9]+$/.test(s);
}

function parseUnsigned(t: string): MoneyParse {
  let intPart = t;
  let frac: string | null = null;
  let commaIsDecimal = false;
  const dot = t.indexOf('.');
  if (dot >= 0) {
    intPart = t.slice(0, dot);
    frac = t.slice(dot + 1);
  } else {
    const comma = t.lastIndexOf(',');
    if (comma >= 0) {
      const f = t.slice(comma + 1);
      if (f.length >= 1 && f.length <= 2 && isDigits(f)) {
        intPart = t.slice(0, comma);
        frac = f;
        commaIsDecimal = true;
      }
    }
  }
  let fracCents = 0;
  if (frac !== null) {
    if (!isDigits(frac) || frac.length > 2) return { ok: false, problem: 'wrong-format' };
    fracCents = Number(frac) * (frac.length === 1 ? 10 : 1);
  }
  const isSeparator = (c: string): boolean =>
    SPACES.includes(c) || (c === ',' && !commaIsDecimal);
  let separator: string | null = null;
  for (const c of intPart) {
    if (!isSeparator(c)) continue;
    if (separator === null) separator = c;
    else if (separator !== c) return { ok: false, problem: 'wrong-format' };
  }
  let digits = intPart;
  if (separator !== null) {
    const groups = intPart.split(separator);
    const first = groups[0] ?? '';
    if (first.length < 1 || first.length > 3 || !isDigits(first)) {
      return { ok: false, problem: 'wrong-format' };
    }
    for (const g of groups.slice(1)) {
      if (g.length !== 3 || !isDigits(g)) return { ok: false, problem: 'wrong-format' };
    }
    digits = groups.join('');
  }
  if (!isDigits(digits)) return { ok: false, problem: 'wrong-format' };
  const significant = digits.replace(/^0+/, '');
  if (significant.length > 12) return { ok: false, problem: 'invalid' };
  const cents = Number(significant === '' ? '0' : significant) * 100 + fracCents;
  if (cents > MAX_CENTS) return { ok: false, problem: 'invalid' };
  return { ok: true, cents };
}

/** The parts of a `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day > (lengths[month - 1] ?? 0)) return null;
  return { year, month, day };
}

/**
 * A calendar date in words: en `November 23, 2026` (plain spaces), fr `23 novembre 2026`
 * (U+00A0 between the parts, `1er` for the first of the month).
 */
export function formatDateParts(year: number, month: number, day: number, lang: Lang): string {
  const name = MONTHS[lang][month - 1] ?? '';
  if (lang === 'fr') {
    return `${day === 1 ? '1er' : String(day)}${NBSP}${name}${NBSP}${year}`;
  }
  return `${name} ${day}, ${year}`;
}

/** A `YYYY-MM-DD` text in words, or '' when it is not a real date. */
export function formatIsoDate(text: string, lang: Lang): string {
  const d = parseIsoDate(text);
  return d ? formatDateParts(d.year, d.month, d.day, lang) : '';
}

/** The local calendar date of an instant, in words. */
export function formatDate(date: Date, lang: Lang): string {
  return formatDateParts(date.getFullYear(), date.getMonth() + 1, date.getDate(), lang);
}

/**
 * A local time of day: en `2:32 p.m.` / `12:05 a.m.` (plain space), fr `14 h 32` / `0 h 05`
 * (U+00A0 around `h`, so a time never breaks across lines).
 */
export function formatTime(date: Date, lang: Lang): string {
  const hours = date.getHours();
  const minutes = String(date.getMinutes()).padStart(2, '0');
  if (lang === 'fr') {
    return `${hours}${NBSP}h${NBSP}${minutes}`;
  }
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${h12}:${minutes} ${hours < 12 ? 'a.m.' : 'p.m.'}`;
}

/** An instant sent by the Rust side (RFC 3339), or null when it cannot be read. */
export function parseInstant(text: string | null | undefined): Date | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}
