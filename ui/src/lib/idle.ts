// Idle lock: any key, pointer or wheel activity counts; after the configured minutes
// without any, `onIdle` runs once (and the count starts again).

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5000;

/**
 * Starts watching. `limitMinutes` is read at every check: 0 (signed out, already locked)
 * means "do not count". Returns the function that stops watching.
 */
export function startIdleWatch(limitMinutes: () => number, onIdle: () => void): () => void {
  let last = Date.now();
  const bump = (): void => {
    last = Date.now();
  };
  for (const type of ACTIVITY) {
    window.addEventListener(type, bump, { capture: true, passive: true });
  }
  const timer = setInterval(() => {
    const minutes = limitMinutes();
    if (minutes <= 0) {
      last = Date.now();
    } else if (Date.now() - last >= minutes * 60_000) {
      last = Date.now();
      onIdle();
    }
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    for (const type of ACTIVITY) {
      window.removeEventListener(type, bump, { capture: true });
    }
  };
}
