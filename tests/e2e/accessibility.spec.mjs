// End-to-end: accessibility in both themes. axe-core finds no violation on any screen, in
// the light theme and in the dark one (as the device asks, and as chosen in Settings); the
// start-up screen and the app follow the device, live, until a theme is chosen; the
// theme choice is kept; creating an engagement works with the keyboard alone, and every
// control shows a focus ring on the way.
import { test, expect, App, EngagementForm, ContractPage, GoalsPage, SessionsPage, EvidencePage, saved, noViolationsInBothThemes } from "./fixtures.mjs";
import { day } from "./clock.mjs";

const THREE_WAY_TEMPLATE = "Three-way sponsored executive coaching";

/** Whether the focused element shows a focus ring (outline or ring shadow) of at least 2 px. */
async function focusRingShown(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const shown = (style) => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
    // A card's link draws its ring on ::after, over the whole card.
    return shown(getComputedStyle(element)) || shown(getComputedStyle(element, "::after"));
  });
}

test("every screen has no accessibility violations in the light and the dark theme", async ({ page }) => {
  test.setTimeout(240_000);
  const app = new App(page);
  const form = new EngagementForm(page);
  const contract = new ContractPage(page);
  const goals = new GoalsPage(page);
  const sessions = new SessionsPage(page);
  const evidence = new EvidencePage(page);

  await app.open();
  await noViolationsInBothThemes(app, "empty engagement list");
  await app.open("/engagements/new");
  await form.submit();
  await expect(form.summary).toBeVisible();
  await noViolationsInBothThemes(app, "new engagement with errors");

  // A three-way engagement with everything in it.
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching", title: "Leading the merged team" });
  await page.locator("#sponsor_organisation").fill("Northwind");
  await page.locator("#sponsor_contact").fill("Jo Park");
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  await noViolationsInBothThemes(app, "engagement");
  await app.open(`/engagements/${id}/edit`);
  await form.fill({ client: "" });
  await form.submit();
  await expect(form.errorNextTo("client_name")).toBeVisible();
  await noViolationsInBothThemes(app, "edit engagement with an error");

  // The contract: chooser, builder, proposed, agreed, a version, the print view.
  await app.open(`/engagements/${id}`);
  await page.getByRole("link", { name: "Start the contract" }).click();
  await noViolationsInBothThemes(app, "template chooser");
  await page.getByRole("radio", { name: THREE_WAY_TEMPLATE }).check();
  await page.getByRole("button", { name: "Start from this template" }).click();
  await expect(contract.check).toBeVisible();
  await contract.addGoal("Lead the merged team with confidence", "Team pulse survey at 4/5 or above by March");
  await page.locator("#fee").fill("250");
  await contract.saveDraft();
  await saved(app, "Saved the draft contract.");
  await noViolationsInBothThemes(app, "contract builder");
  await contract.proposeButton().click();
  await expect(contract.status).toHaveText("Proposed");
  await noViolationsInBothThemes(app, "proposed contract");
  await contract.agreeAs("client", "Ada Lovelace");
  await contract.agreeAs("coach", "Sam Lee");
  await contract.agreeAs("sponsor", "Jo Park");
  await expect(contract.status).toHaveText("Agreed");
  await noViolationsInBothThemes(app, "agreed contract");
  await app.open(`/engagements/${id}/contract/1`);
  await noViolationsInBothThemes(app, "contract version");
  await app.open(`/engagements/${id}/contract/1/print`);
  await noViolationsInBothThemes(app, "contract print view");

  // Goals: the list, a new goal with an error, a goal.
  await app.open(`/engagements/${id}/goals`);
  await noViolationsInBothThemes(app, "goals");
  await page.getByRole("link", { name: /^Add (a|the first) goal$/ }).first().click();
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please check this form" })).toBeVisible();
  await noViolationsInBothThemes(app, "goal editor with an error");
  await app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: "Run the Monday meeting without notes", levels: { "-1": "Reads from notes", "0": "Without notes most weeks", "1": "Others lead parts" } });
  await expect(app.heading()).toHaveText("Run the Monday meeting without notes");
  await goals.score("baseline", "-1");
  await saved(app, "Score saved.");
  await noViolationsInBothThemes(app, "goal");

  // Sessions: the list, a new session, a session with content.
  await app.open(`/engagements/${id}/sessions`);
  await noViolationsInBothThemes(app, "sessions");
  await page.getByRole("link", { name: "Add a session" }).click();
  await expect(app.heading()).toHaveText("New session");
  await noViolationsInBothThemes(app, "new session");
  // Held, so in the past.
  await sessions.fillDetails({ date: day(-26), time: "09:00", minutes: 60, status: "Held" });
  await page.getByRole("button", { name: "Add the session" }).click();
  await saved(app, "Added the session.");
  await sessions.fillTheme({ what: "Delegating the budget", why: "The deadline is close" });
  await saved(app, "Saved the themes.");
  await sessions.fillNotes({ shared: "Agreed steps", practitioner: "Observations", client: "My own note" });
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");
  await noViolationsInBothThemes(app, "session");

  // Evidence, the sponsor update, the summary.
  await app.open("/evidence");
  await evidence.logSupervision({ hours: "1", supervisor: "Dr Kim Reyes" });
  await saved(app, "Logged the supervision.");
  await noViolationsInBothThemes(app, "evidence");
  await app.open(`/engagements/${id}/sponsor-update`);
  await noViolationsInBothThemes(app, "sponsor update");
  await app.open(`/engagements/${id}/summary`);
  await noViolationsInBothThemes(app, "engagement summary");

  // The list with an engagement, your data, settings, a link that leads nowhere.
  await app.open();
  await expect(page.getByRole("list", { name: "Engagements" })).toBeVisible();
  await noViolationsInBothThemes(app, "engagement list");
  await app.open("/data");
  await noViolationsInBothThemes(app, "your data");
  await app.open("/settings");
  await noViolationsInBothThemes(app, "settings");
  await app.open("/sync/conflicts");
  await noViolationsInBothThemes(app, "sync conflicts");
  await app.open("/open");
  await noViolationsInBothThemes(app, "open a proposal");
  await app.open("/no/such/page");
  await noViolationsInBothThemes(app, "page not found");
});

const LIGHT = "rgb(245, 247, 246)";
const DARK = "rgb(18, 22, 25)";
/** The page's background colour, and `data-theme` on <html> (the theme in force). */
const looks = (page) =>
  page.evaluate(() => `${getComputedStyle(document.body).backgroundColor} ${document.documentElement.dataset.theme}`);
/**
 * Sets the device to light or dark, and waits until the page has heard of it: the browser
 * tells every listener to the media query in the order they began listening, so once a
 * listener added now hears the change, the app's own (added at start-up) has heard it and
 * acted. (Not "two animation frames": under the tests' fixed clock, Playwright's clock runs
 * `requestAnimationFrame` on timers of its own, which need not wait for the browser to
 * report the change.)
 */
async function device(page, colorScheme) {
  await page.evaluate((scheme) => {
    const query = matchMedia(`(prefers-color-scheme: ${scheme})`);
    window.__deviceHeard = query.matches
      ? Promise.resolve()
      : new Promise((heard) => query.addEventListener("change", () => heard(), { once: true }));
  }, colorScheme);
  await page.emulateMedia({ colorScheme });
  await page.evaluate(() => window.__deviceHeard);
}

test("before the app has started, the start-up screen has the device's colours", async ({ page }) => {
  // The app's code never arrives: what shows is the static shell, as first painted.
  await page.route(/\.wasm$/, () => {});
  for (const [colorScheme, colour] of [["dark", DARK], ["light", LIGHT]]) {
    await page.emulateMedia({ colorScheme });
    await page.goto("./", { waitUntil: "domcontentloaded" });
    await expect(page.locator("#boot-status")).toHaveText("Opening your data…");
    expect(await looks(page), `a ${colorScheme} device`).toBe(`${colour} ${colorScheme}`);
  }
});

test("the theme follows the device until one is chosen in Settings, and the choice is kept", async ({ page }) => {
  const app = new App(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.emulateMedia({ colorScheme: "dark" });
  await app.open();
  expect(await looks(page), "dark, as the device asks").toBe(`${DARK} dark`);
  await device(page, "light");
  expect(await looks(page), "light at once when the device turns light").toBe(`${LIGHT} light`);
  await device(page, "dark");
  expect(await looks(page), "dark at once when the device turns dark").toBe(`${DARK} dark`);
  await device(page, "light");

  await app.nav("Settings");
  await expect(app.heading()).toHaveText("Settings");
  await expect(page.getByRole("radio", { name: "Same as this device" })).toBeChecked();
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Theme: Dark" })).toBeVisible();
  expect(await looks(page), "dark at once, on a light device").toBe(`${DARK} dark`);
  expect(await app.accessibilityViolations(), "settings, dark chosen").toEqual([]);
  await device(page, "dark");
  await device(page, "light");
  expect(await looks(page), "still dark when the device changes").toBe(`${DARK} dark`);

  await app.reload();
  expect(await background(), "still dark after a reload").toBe(DARK);
  await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();
  await app.open("/engagements/new");
  await new EngagementForm(page).submit();
  expect(await app.accessibilityViolations(), "form errors, dark chosen").toEqual([]);

  await device(page, "dark");
  await app.open("/settings");
  await page.getByRole("radio", { name: "Light" }).check();
  expect(await background(), "light, on a dark device").toBe(LIGHT);
  expect(await app.accessibilityViolations(), "settings, light chosen on a dark device").toEqual([]);
  await app.reload();
  expect(await background(), "still light after a reload").toBe(LIGHT);

  await page.getByRole("radio", { name: "Same as this device" }).check();
  expect(await background(), "back to the device's dark").toBe(DARK);
  await device(page, "light");
  expect(await looks(page), "following the device again").toBe(`${LIGHT} light`);
});

test("an engagement is created with the keyboard alone, with a focus ring on every stop, in the dark theme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const app = new App(page);
  await app.open();
  const tab = async (key = "Tab") => {
    await page.keyboard.press(key);
    expect(await focusRingShown(page), `a focus ring on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`).toBe(true);
  };
  await tab();
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await tab(); // the brand
  await tab();
  await expect(page.getByRole("link", { name: "Engagements" })).toBeFocused();
  await tab();
  await tab();
  await tab();
  await expect(page.getByRole("link", { name: "Settings" })).toBeFocused();
  await tab();
  await expect(page.getByRole("link", { name: "Create your first engagement" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(app.heading()).toHaveText("New engagement");

  // Submitting the empty form: the summary takes focus and names every problem.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Client or mentee")).toBeFocused();
  for (let i = 0; i < 40; i++) {
    const onSubmit = await page.evaluate(() => document.activeElement?.textContent?.trim() === "Create engagement");
    if (onSubmit) break;
    await tab();
  }
  await expect(page.getByRole("button", { name: "Create engagement" })).toBeFocused();
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "Please check this form" });
  await expect(summary).toBeFocused();

  // The summary's first link leads to the field; fill in the form by keyboard only.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Client or mentee")).toBeFocused();
  await page.keyboard.type("Ada Lovelace");
  await tab();
  await expect(page.getByLabel("Coach or mentor")).toBeFocused();
  await page.keyboard.type("Sam Lee");
  await tab();
  await page.keyboard.press("Space"); // the first kind: Coaching
  await expect(page.getByRole("radio", { name: "Coaching" })).toBeChecked();
  await page.keyboard.press("Enter"); // submits the form
  await expect(app.heading()).toHaveText("Ada Lovelace");
  await expect(app.toast).toContainText("Saved the engagement with Ada Lovelace.");
});

test("at 360 px wide no screen is wider than the window, and wide tables scroll in a labelled region", async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 360, height: 740 });
  const app = new App(page);
  const form = new EngagementForm(page);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await app.open("/engagements/new");
  await form.fill({ client: "Bartholomew Featherstonehaugh-Wolfeschlegelsteinhausen", practitioner: "Sam Lee", kind: "Coaching", title: "A title with a verylongwordthatdoesnotbreakanywhereatallinthisnarrowcolumn" });
  await page.locator("#sponsor_organisation").fill("Northwind");
  await page.locator("#sponsor_contact").fill("Jo Park");
  await form.submit();
  await expect(app.heading()).toContainText("Bartholomew");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  for (const screen of ["/", `/engagements/${id}`, `/engagements/${id}/contract`, `/engagements/${id}/goals`, `/engagements/${id}/sessions`, "/evidence", "/data", "/settings"]) {
    await app.open(screen);
    expect(await fits(), `${screen} fits 360 px`).toBe(true);
    await noViolationsInBothThemes(app, `${screen} at 360 px`);
  }
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
  await app.open("/evidence");
  const table = page.getByRole("region", { name: "Coaching log table" });
  await expect(table).toBeVisible();
  expect(await table.evaluate((e) => e.scrollWidth > e.clientWidth), "the log scrolls sideways").toBe(true);
});
