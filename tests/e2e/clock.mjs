// The one source of "now" for the end-to-end tests, and calendar dates relative to it.
//
// ACCORD_TEST_NOW (an instant in ISO 8601 with its offset, e.g. 2028-02-29T00:30:00+01:00)
// fixes the clock: every browser context the tests create starts at that instant
// (Playwright's clock, installed by `installClock`; time then flows on as usual), and the
// dates below are counted from it. Without it, the clock is the real one.
//
// ACCORD_TEST_TZ (an IANA time zone, e.g. Europe/Berlin) is the browser's time zone
// (`timezoneId`); without it, the machine's. Calendar dates are always read in the zone the
// browser uses, never with UTC arithmetic on instants: at 00:30 in Berlin it is still
// yesterday in UTC.
//
// Dates are strings "YYYY-MM-DD", as a date field takes them. Day and month arithmetic is
// done on the calendar date itself, so it cannot slip a day near midnight or over a change
// to or from summer time.

const FIXED_TEXT = process.env.ACCORD_TEST_NOW?.trim() || "";
const ZONE_TEXT = process.env.ACCORD_TEST_TZ?.trim() || "";

if (FIXED_TEXT && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(FIXED_TEXT)) {
  throw new Error(`ACCORD_TEST_NOW must be an instant with its offset, such as 2028-02-29T00:30:00+01:00; got "${FIXED_TEXT}"`);
}
/** The fixed instant (milliseconds since the epoch), or null on the real clock. */
export const FIXED_NOW = FIXED_TEXT ? Date.parse(FIXED_TEXT) : null;
if (Number.isNaN(FIXED_NOW)) throw new Error(`ACCORD_TEST_NOW is not a valid instant: "${FIXED_TEXT}"`);

/** The browser's time zone when set by ACCORD_TEST_TZ, else null (the machine's). */
export const TEST_TIME_ZONE = ZONE_TEXT || null;
/** The time zone the browser sees: ACCORD_TEST_TZ, or the machine's (which the browser inherits). */
export const TIME_ZONE = ZONE_TEXT || Intl.DateTimeFormat().resolvedOptions().timeZone;
// An unknown zone throws here, before any test runs, rather than in the browser.
new Intl.DateTimeFormat("en", { timeZone: TIME_ZONE });

/** Now: the fixed instant, or the real time at the moment of the call. */
export function now() {
  return new Date(FIXED_NOW ?? Date.now());
}

/** What the tests run under, for the report: "2028-02-29T00:30:00+01:00 in Europe/Berlin" or "the real clock in UTC". */
export function describeClock() {
  return `${FIXED_TEXT ? FIXED_TEXT : "the real clock"} in ${TIME_ZONE}`;
}

/** The calendar date of `instant` in the browser's time zone. */
export function dateOf(instant) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today's date as the browser sees it. */
export function today() {
  return dateOf(now());
}

function parse(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

// Calendar arithmetic on the civil date alone: Date.UTC here is a day counter, not a clock.
function civil(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative: earlier). */
export function addDays(date, days) {
  const [y, m, d] = parse(date);
  return civil(y, m, d + days);
}

function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` moved by `months` months, keeping the day where the month has it, else its last day (as the app does). */
export function addMonths(date, months) {
  const [y, m, d] = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index - year * 12) + 1;
  return civil(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The date `offset` days from today (0 is today, -1 yesterday). */
export function day(offset = 0) {
  return addDays(today(), offset);
}

/** The date `months` months before today. */
export function monthsAgo(months) {
  return addMonths(today(), -months);
}

/** The first day of this month. */
export function startOfMonth() {
  return `${today().slice(0, 8)}01`;
}

/** Whole days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from, to) {
  const [a, b] = [parse(from), parse(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
}

/** The day of the week of `date`: 0 Sunday … 6 Saturday. */
export function weekday(date) {
  const [y, m, d] = parse(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The latest Monday-to-Friday on or before `date`. */
export function weekdayOnOrBefore(date) {
  const back = { 0: 2, 6: 1 }[weekday(date)] ?? 0;
  return addDays(date, -back);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as the app writes it in English: "5 Oct 2026". */
export function longDate(date) {
  const [y, m, d] = parse(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** A date as the app writes it in German: "05.10.2026". */
export function germanDate(date) {
  const [y, m, d] = parse(date);
  return `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`;
}

/** The calendar quarter of `date` as the EMCC summary names it: "Oct–Dec 2026". */
export function quarterLabel(date) {
  const [y, m] = parse(date);
  return `${["Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"][Math.floor((m - 1) / 3)]} ${y}`;
}

// When the current test started (real time): every test starts at the fixed instant, and
// every context it makes runs on one timeline from there, as devices side by side would.
let testStartedAt = Date.now();

/** Marks the start of a test (the `test` fixtures call it). */
export function startTestClock() {
  testStartedAt = Date.now();
}

/**
 * Starts `context`'s clock when ACCORD_TEST_NOW is set: at the fixed instant plus the time
 * the test has run so far, so that a second device made a minute into a test is a minute
 * later too. Every page and frame in the context shares it; time then flows on. On the real
 * clock, does nothing.
 */
export async function installClock(context) {
  if (FIXED_NOW !== null) await context.clock.install({ time: FIXED_NOW + (Date.now() - testStartedAt) });
}

/** The options every browser context needs for the clock: the time zone, when one is set. */
export function clockContextOptions() {
  return TEST_TIME_ZONE ? { timezoneId: TEST_TIME_ZONE } : {};
}
