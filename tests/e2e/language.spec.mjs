// End-to-end: two languages. A German browser opens Accord in German; every main screen
// shows no English phrase from the catalog and no raw placeholder; the switch on the
// Settings page changes the language at once, and the choice survives a reload; an
// organisation's default language applies until the person chooses.
import { test, expect, App, EngagementForm, ContractPage, GoalsPage, SessionsPage, expectGerman } from "./fixtures.mjs";
import { addDays, daysBetween, germanDate } from "./clock.mjs";

async function chooseLanguage(page, code) {
  await page.goto("./#/settings");
  await page.getByLabel("Language / Sprache").selectOption(code);
}

test.describe("in German", () => {
  test.use({ locale: "de-DE" });

  test("a German browser gets German; every main screen is translated; dates read dd.mm.yyyy", async ({ page }) => {
    test.setTimeout(90_000);
    const app = new App(page);
    await app.open();
    await expect(app.heading()).toHaveText("Begleitungen");
    await expectGerman(page, "engagement list (empty)");

    // Set up data through the English screens the other tests use.
    await chooseLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
    await app.open("/engagements/new");
    const form = new EngagementForm(page);
    await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
    await form.submit();
    await expect(app.heading()).toHaveText("Ada Lovelace");
    const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
    await page.getByRole("link", { name: "Open the contract" }).or(page.getByRole("link", { name: "Start the contract" })).first().click();
    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Start from this template" }).click();
    await expect(new ContractPage(page).check).toBeVisible();
    // The goal and the session fall inside the contract's dates, whatever day it is: a
    // week after its start, and a week before its end.
    const start = await page.getByLabel("Start date").inputValue();
    const end = await page.getByLabel("End date").inputValue();
    expect(daysBetween(start, end), "the template's contract lasts a few weeks at least").toBeGreaterThan(14);
    const target = addDays(end, -7);
    const sessionDate = addDays(start, 7);
    await app.open(`/engagements/${id}/goals`);
    await new GoalsPage(page).addGoal({ title: "Ada Lovelace 2027", target });
    await expect(app.heading()).toHaveText("Ada Lovelace 2027");
    await app.open(`/engagements/${id}/sessions/new`);
    const sessions = new SessionsPage(page);
    await sessions.fillDetails({ date: sessionDate, time: "09:30", minutes: "45" });
    await page.getByRole("button", { name: "Add the session" }).click();
    await expect(app.toast).toContainText("Added the session.");
    const sessionUrl = page.url();
    await expect(sessions.warnings(), "inside the contract's dates: no warning").toHaveCount(0);
    // A second one before the contract starts, so its warning is read in German too.
    await app.open(`/engagements/${id}/sessions/new`);
    await sessions.fillDetails({ date: addDays(start, -7), time: "09:30", minutes: "45" });
    await page.getByRole("button", { name: "Add the session" }).click();
    await expect(app.toast).toContainText("Added the session.");
    await expect(sessions.warnings()).toContainText("before the contract starts");
    const warnedUrl = page.url();

    await chooseLanguage(page, "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Einstellungen");
    const screens = [
      ["engagement list", "/"],
      ["new engagement", "/engagements/new"],
      ["an engagement", `/engagements/${id}`],
      ["contract", `/engagements/${id}/contract`],
      ["goals", `/engagements/${id}/goals`],
      ["sessions", `/engagements/${id}/sessions`],
      ["a session", new URL(sessionUrl).hash.slice(1)],
      ["a session with a warning", new URL(warnedUrl).hash.slice(1)],
      ["evidence", "/evidence"],
      ["your data", "/data"],
      ["settings", "/settings"],
      ["sponsor update", `/engagements/${id}/sponsor-update`],
      ["summary", `/engagements/${id}/summary`],
    ];
    for (const [screen, fragment] of screens) {
      await app.open(fragment);
      await expectGerman(page, screen);
    }

    // A date in German form.
    await app.open(`/engagements/${id}/goals`);
    await expect(page.getByRole("main")).toContainText(germanDate(target));
    await app.open(`/engagements/${id}/sessions`);
    await expect(page.getByRole("main")).toContainText(germanDate(sessionDate));
    await expect(page).toHaveTitle(/^Sitzungen · Accord$/);
  });

  test("the switch changes the language without a reload, and the choice survives a reload", async ({ page }) => {
    const app = new App(page);
    await app.open("/settings");
    await expect(app.heading()).toHaveText("Einstellungen");
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => { window.__sameDocument = true; });
    await page.getByLabel("Language / Sprache").selectOption("en");
    await expect(app.heading()).toHaveText("Settings");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagements" })).toBeVisible();
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await app.reload();
    await expect(app.heading()).toHaveText("Settings");
    await page.getByLabel("Language / Sprache").selectOption("de");
    await expect(app.heading()).toHaveText("Einstellungen");
    await app.reload();
    await expect(app.heading()).toHaveText("Einstellungen");
    await expect(page.getByLabel("Language / Sprache")).toHaveValue("de");
  });
});

test("an English browser gets English", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await expect(app.heading()).toHaveText("Engagements");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
});

test("the organisation's default language applies until the person chooses another", async ({ page }) => {
  // An English browser, and an organisation settings file that asks for German.
  await page.route("**/accord-config.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify({ version: 1, organisation_name: "Northwind Health", default_language: "de" }) }),
  );
  const app = new App(page);
  await app.open();
  await expect(app.heading()).toHaveText("Begleitungen");
  await app.open("/settings");
  await expect(page.getByRole("main")).toContainText("Sprache, in der Accord startet");
  await expect(page.getByRole("main")).toContainText("Deutsch");
  await page.getByLabel("Language / Sprache").selectOption("en");
  await expect(app.heading()).toHaveText("Settings");
  await app.reload();
  await expect(app.heading()).toHaveText("Settings");
  await expect(page.getByLabel("Language / Sprache")).toHaveValue("en");
});
