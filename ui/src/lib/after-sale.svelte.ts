// After the sale (issue 14, items 5 and 6): which of its screens shows over home (one
// purchase's operations, or the day's report), and the small rules those screens share —
// what remains of a purchase from its journal rows, the days left of a plan's 100-day
// return window, an option's words. The engine decides every operation; these only say
// what to offer and what to show.

import type { OperationView } from '../bindings';
import { t } from './i18n';

export type AfterSaleScreen = 'details' | 'report';

class AfterSale {
  /** The after-sale screen showing instead of home (or of today's purchases), if any. */
  screen = $state<AfterSaleScreen | null>(null);
  /** The purchase on the details screen: its sale's (or hold's) reference. */
  purchaseId = $state<string | null>(null);

  /** Opens one purchase's after-sale screen. */
  open(purchaseId: string): void {
    this.purchaseId = purchaseId;
    this.screen = 'details';
  }

  showReport(): void {
    this.purchaseId = null;
    this.screen = 'report';
  }

  /** Back to where it was opened from (home, or today's purchases). */
  close(): void {
    this.screen = null;
    this.purchaseId = null;
  }

  /** When this window sent each operation whose answer was lost (ms), by its reference. */
  private sentAt = new Map<string, number>();

  markSent(reference: string, at: number): void {
    this.sentAt.set(reference, at);
  }

  /** When this window sent the operation, if it did (else it may be checked at once). */
  sentTime(reference: string): number | null {
    return this.sentAt.get(reference) ?? null;
  }

  /** Everything forgotten: the rep signed out. */
  reset(): void {
    this.close();
    this.sentAt.clear();
  }
}

/** How long after an operation is sent "check again" waits (purchase.md: 60 s after the send). */
export const CHECK_AGAIN_AFTER_MS = 60_000;

export const afterSale = new AfterSale();

/** An amount in cents from the engine (`bigint` in the bindings, a JSON number on the wire). */
export function toCents(value: bigint | number | null | undefined): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}

/** What the after-sale screen offers on a purchase, from its operations (the sale first). */
export interface Remaining {
  /** The sale or hold, done: something may be done after it. */
  sale: OperationView | null;
  /** A hold's amount not yet captured nor released (cents). */
  toCapture: number;
  /** What was charged (a sale, or a hold's captures) less returns and refunds (cents). */
  charged: number;
  /** Whether an operation of the purchase still waits for its outcome. */
  inFlight: boolean;
}

function sum(ops: OperationView[], kinds: string[]): number {
  return ops
    .filter((op) => op.state === 'done' && kinds.includes(op.kind))
    .reduce((total, op) => total + toCents(op.amount_cents), 0);
}

export function remaining(ops: OperationView[]): Remaining {
  const first = ops[0] ?? null;
  const sale = first?.state === 'done' && (first.kind === 'sale' || first.kind === 'hold') ? first : null;
  const inFlight = ops.some((op) => op.state === 'submitting' || op.state === 'outcome_unknown');
  if (!sale) return { sale: null, toCapture: 0, charged: 0, inFlight };
  const out = sum(ops, ['return', 'refund']);
  if (sale.kind === 'hold') {
    return {
      sale,
      toCapture: Math.max(0, toCents(sale.amount_cents) - sum(ops, ['capture', 'release'])),
      charged: Math.max(0, sum(ops, ['capture']) - out),
      inFlight,
    };
  }
  return { sale, toCapture: 0, charged: Math.max(0, toCents(sale.amount_cents) - out), inFlight };
}

/** Today's local date as `YYYY-MM-DD` (the store's day, as the engine counts it). */
export function todayIso(): string {
  // A one-off read of the clock, never mutated nor watched: no reactive date needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  return isoDate(new Date());
}

function isoDate(day: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Whole days from local date `from` to `to` (both `YYYY-MM-DD`); negative when `to` is past. */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string): number => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

/** A hold waiting this many days or more gets a warning. */
export const HOLD_WARNING_DAYS = 7;

/** The last 8 hex of a reference, as receipts show it (`…-2` kept for an operation). */
export function shortReference(reference: string): string {
  const [main = '', seq] = reference.split('-');
  const short = main.slice(-8);
  return seq === undefined ? short : `${short}-${seq}`;
}

/** An option as the report names it: `regular`, `plan-4-12` → "Plan 4 · 12 months". */
export function optionLabel(option: string): string {
  const plan = /^plan-(\d+)-(\d+)$/.exec(option);
  if (plan) return t('after-sale-option-plan', { plan: Number(plan[1]), term: Number(plan[2]) });
  return t('after-sale-option-regular');
}

/** An operation's kind in words (`sale`, `hold`, `capture`...). */
export function kindLabel(kind: string): string {
  const known = ['sale', 'hold', 'capture', 'release', 'return', 'refund'];
  return known.includes(kind) ? t(`after-sale-kind-${kind}`) : kind;
}
