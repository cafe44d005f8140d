// The purchase screens' state: which of them shows over the home screen (the purchase, the
// returning customer's search, today's purchases), the purchase on screen, and what this
// window remembers of the session's purchases (when each charge was sent, for the 60 s
// before "check again"; each purchase's latest view, so today's list can reopen one whose
// outcome is unknown). The engine keeps the purchases themselves; a sign-out forgets them
// there and here.

import type { PurchaseView } from '../bindings';

export type PurchaseScreen = 'purchase' | 'customer-search' | 'todays-purchases';

/** How long after a charge is sent "check again" waits (purchase.md: the rep, 60 s after). */
export const CHECK_AGAIN_AFTER_MS = 60_000;

/**
 * An amount in cents from the engine. The bindings type them `bigint` (Rust `i64`); the
 * IPC carries a JSON number, which is what arrives. Either way, a number for formatMoney.
 */
export function cents(value: bigint | number | null | undefined): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}

class PurchaseFlow {
  /** The purchase screen showing instead of home, or null for home itself. */
  screen = $state<PurchaseScreen | null>(null);
  /** The purchase on the purchase screen. */
  current = $state<PurchaseView | null>(null);
  /** Whether the current purchase's charge was sent as a hold (the result's title). */
  hold = $state(false);
  /** When each purchase's charge was last sent (ms since the epoch), by purchase id. */
  private sentAt = new Map<string, number>();
  /** The latest view of each purchase of this session, by purchase id. */
  private known = new Map<string, PurchaseView>();

  /** Shows a purchase (a new one, or one of the session reopened). */
  open(view: PurchaseView): void {
    this.update(view);
    this.screen = 'purchase';
  }

  /** The engine's latest view of the purchase on screen. */
  update(view: PurchaseView): void {
    this.known.set(view.id, view);
    this.current = view;
  }

  show(screen: PurchaseScreen): void {
    this.current = null;
    this.screen = screen;
  }

  /** Back to home (the purchases stay open in the engine for this session). */
  close(): void {
    this.screen = null;
    this.current = null;
  }

  /** Everything forgotten: the rep signed out (the engine forgot the purchases too). */
  reset(): void {
    this.close();
    this.hold = false;
    this.sentAt.clear();
    this.known.clear();
  }

  markSent(purchaseId: string, at: number = Date.now()): void {
    this.sentAt.set(purchaseId, at);
  }

  /** When the purchase's charge was sent, if this window sent it. */
  sentTime(purchaseId: string): number | null {
    return this.sentAt.get(purchaseId) ?? null;
  }

  /** The session's purchase whose charge carries `reference` (today's list names charges so). */
  byChargeReference(reference: string): PurchaseView | null {
    for (const view of this.known.values()) {
      if (view.charge_reference === reference) return view;
    }
    return null;
  }
}

export const purchaseFlow = new PurchaseFlow();
