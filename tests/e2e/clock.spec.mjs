// End-to-end: the tests' clock itself (tests/e2e/clock.mjs). The browser, and every
// context a test makes, runs at the tests' "now" in the tests' time zone; the app's "today"
// is the date the tests count from; and no spec reads the date any other way, so a test
// that depends on the day it runs cannot come back.
import { readFile, readdir } from "node:fs/promises";
import { test, expect, newContext, App } from "./fixtures.mjs";
import { now, today, day, addDays, addMonths, daysBetween, weekday, weekdayOnOrBefore, longDate, germanDate, quarterLabel, dateOf, TIME_ZONE, describeClock } from "./clock.mjs";

/** What the browser in `page` says the time and its time zone are. */
const browserClock = (page) =>
  page.evaluate(() => ({ now: Date.now(), zone: Intl.DateTimeFormat().resolvedOptions().timeZone }));

/** The date the evidence page's supervision form starts at: the app's own "today". */
async function appToday(page) {
  const app = new App(page);
  await app.open("/evidence");
  const field = page.getByRole("form", { name: "Log supervision" }).getByLabel(/^Date/);
  await expect(field).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  return field.inputValue();
}

test("the browser, and every context a test makes, runs on the tests' clock and in their time zone", async ({ page, browser, baseURL }) => {
  test.info().annotations.push({ type: "clock", description: describeClock() });
  const here = await browserClock(page);
  expect(here.zone, "the browser's time zone").toBe(TIME_ZONE);
  expect(Math.abs(here.now - now().getTime()), `the browser's clock is near ${now().toISOString()}`).toBeLessThan(60_000);
  expect(dateOf(new Date(here.now)), "the browser's date").toBe(today());
  expect(await appToday(page), "the app's today").toBe(today());

  // A second device made later in the test is on the same timeline, not earlier.
  const context = await newContext(browser, { baseURL });
  try {
    const other = await context.newPage();
    const there = await browserClock(other);
    expect(there.zone).toBe(TIME_ZONE);
    expect(there.now, "a later device's clock is not behind the first one").toBeGreaterThanOrEqual(here.now);
    expect(there.now - here.now).toBeLessThan(60_000);
    expect(await appToday(other), "the app's today on the second device").toBe(today());
  } finally {
    await context.close();
  }
});

test("the app writes today's date as the person's own calendar has it, not UTC's", async ({ page }) => {
  const app = new App(page);
  const date = today();
  // The supervision log starts at today.
  expect(await appToday(page)).toBe(date);

  // A coaching engagement, so the coaching log can be downloaded.
  await app.open("/engagements/new");
  await page.getByLabel("Client or mentee").fill("Ada Lovelace");
  await page.getByLabel("Coach or mentor").fill("Sam Lee");
  await page.getByRole("radio", { name: "Coaching" }).check();
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];

  // The files' names carry today's date.
  const download = async (button) => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: button }).click();
    return (await downloading).suggestedFilename();
  };
  await app.open("/evidence");
  // Soft: each of these is worth reporting on its own.
  expect.soft(await download("Download the log (CSV)"), "the coaching log's file name").toBe(`icf-coaching-log-${date}.csv`);
  await app.open("/data");
  expect.soft(await download("Download a backup"), "the backup's file name").toBe(`accord-backup-${date}.json`);

  // A new contract starts today or later, never on a day that is already over.
  await app.open(`/engagements/${id}`);
  await page.getByRole("link", { name: "Start the contract" }).click();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Start from this template" }).click();
  const start = await page.getByLabel("Start date").inputValue();
  expect.soft(daysBetween(date, start), `the contract's start date (${start}) is not before today (${date})`).toBeGreaterThanOrEqual(0);
});

test("the calendar helpers count days on the calendar, across months, leap days and years", () => {
  expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  expect(addDays("2028-02-29", 1)).toBe("2028-03-01");
  expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
  expect(addDays("2027-03-28", -1)).toBe("2027-03-27");
  expect(addDays("2027-03-27", 1)).toBe("2027-03-28");
  expect(addMonths("2027-03-31", -1)).toBe("2027-02-28");
  expect(addMonths("2028-02-29", -12)).toBe("2027-02-28");
  expect(addMonths("2027-01-31", 13)).toBe("2028-02-29");
  expect(daysBetween("2027-12-31", "2028-03-01")).toBe(61);
  expect(weekday("2028-02-29")).toBe(2); // a Tuesday
  expect(weekdayOnOrBefore("2027-03-28")).toBe("2027-03-26"); // Sunday → Friday
  expect(longDate("2026-10-05")).toBe("5 Oct 2026");
  expect(germanDate("2026-10-05")).toBe("05.10.2026");
  expect(quarterLabel("2027-12-31")).toBe("Oct–Dec 2027");
  expect(day(0)).toBe(today());
  expect(daysBetween(day(-63), day(0))).toBe(63);
});

test("no spec reads the date by itself, creates a browser context without the clock, or hard-codes a date", async () => {
  const folder = new URL("./", import.meta.url);
  const files = (await readdir(folder)).filter((name) => name.endsWith(".mjs") && name !== "clock.mjs");
  const problems = [];
  for (const name of files) {
    const lines = (await readFile(new URL(name, folder), "utf8")).split("\n");
    lines.forEach((line, i) => {
      const where = `${name}:${i + 1}: ${line.trim()}`;
      if (name !== "fixtures.mjs") {
        // Playwright's own `test` and contexts made directly would run on the real clock.
        if (/from "@playwright\/test"/.test(line)) problems.push(`imports @playwright/test (use ./fixtures.mjs): ${where}`);
        if (/browser\.newContext\(|launchPersistentContext\(|\.launch\(/.test(line)) problems.push(`makes a browser context without newContext(): ${where}`);
      }
      // Dates come from clock.mjs: a literal date, or Node's own calendar, is the day the test
      // was written. (This file's calendar arithmetic checks fixed dates on purpose.)
      if (name !== "clock.spec.mjs" && /\b(19|20)\d\d-[01]\d-[0-3]\d\b/.test(line)) problems.push(`a literal date: ${where}`);
      if (/new Date\(\)|getFullYear\(|getMonth\(|getDate\(|toLocaleDateString\(/.test(line)) problems.push(`reads the date from Node's clock: ${where}`);
    });
  }
  expect(problems).toEqual([]);
});
