// Idle lock: the engine's, not the window's. The engine locks an idle session by itself
// (a timer, and reading the status is not activity), so the window only asks for the
// status every few seconds while a rep is signed in and shows the lock overlay as soon
// as the engine says `locked`. Nothing here counts keys or pointer moves, and nothing
// tells the engine the rep is active: only the rep's real commands (a save, a submit)
// are activity.

/** How often the status is read while a rep is signed in. */
export const STATUS_POLL_MS = 2000;

/**
 * Starts polling: every `everyMs`, while `active()` is true, runs `poll` (never two at
 * once). Returns the function that stops it.
 */
export function startStatusPoll(
  active: () => boolean,
  poll: () => Promise<void>,
  everyMs: number = STATUS_POLL_MS,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || !active()) return;
    running = true;
    void poll().finally(() => {
      running = false;
    });
  }, everyMs);
  return () => clearInterval(timer);
}
