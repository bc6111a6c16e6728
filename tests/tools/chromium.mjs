// How every test and tool here starts the system's Chromium (Playwright's tests, the
// cross-engine smoke suite, the benchmark, the screenshots, the icons): one place for the
// binary and its arguments.
// Set CHROMIUM to use another binary.

/** The Chromium binary. */
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/**
 * Runs in a container (no sandbox, no GPU, no reliance on a small /dev/shm) and stays
 * quiet: no background requests, updates, sync or first-run screens.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
