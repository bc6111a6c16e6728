// End-to-end: what a practitioner does with engagements, in the release build.
import { readFile } from "node:fs/promises";
import { test, testOnClock as base, expect, App, EngagementList, EngagementForm, EngagementDetail } from "./fixtures.mjs";

test("with no engagements, the list explains what to do first", async ({ page }) => {
  const app = new App(page);
  const list = new EngagementList(page);
  await app.open();
  await expect(app.heading()).toHaveText("Engagements");
  await expect(list.emptyState).toContainText("An engagement is one coaching or mentoring relationship");
  await expect(list.emptyState).toContainText("stays in this browser, on this device");
  await list.startNew();
  await expect(app.heading()).toHaveText("New engagement");
});

test("create, reload, edit, delete and undo an engagement", async ({ page }) => {
  const app = new App(page);
  const list = new EngagementList(page);
  const form = new EngagementForm(page);
  const detail = new EngagementDetail(page);
  await app.open();

  // Create
  await list.startNew();
  await form.fill({ client: "  Ada   Lovelace ", practitioner: "Sam Lee", kind: "Mentoring", title: "Board readiness" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  await expect(app.toast).toContainText("Saved the engagement with Ada Lovelace.");
  await expect(detail.fact("Mentor")).toHaveText("Sam Lee");
  await expect(detail.fact("Title")).toHaveText("Board readiness");

  // Close and come back: the deep link and the data survive.
  await app.reload();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  await app.nav("Engagements");
  await expect(list.cards).toHaveCount(1);
  await expect(list.card("Ada Lovelace")).toContainText("Board readiness");
  await expect(list.card("Ada Lovelace")).toContainText("Mentoring");

  // Edit
  await list.open("Ada Lovelace");
  await detail.edit();
  await expect(form.client).toHaveValue("Ada Lovelace");
  await form.fill({ client: "Ada King", kind: "Coaching", title: "" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada King");
  await expect(detail.fact("Coach")).toHaveText("Sam Lee");
  await expect(detail.fact("Title")).toHaveText("No title");

  // Delete, with confirmation, then undo
  await detail.deleteAndConfirm();
  await expect(app.heading()).toHaveText("Engagements");
  await expect(list.emptyState).toBeVisible();
  await expect(app.toast).toContainText("Deleted the engagement with Ada King.");
  await app.toast.getByRole("button", { name: "Undo" }).click();
  await expect(list.card("Ada King")).toBeVisible();
  await expect(app.toast).toContainText("Restored the engagement with Ada King.");

  await app.reload();
  await expect(list.card("Ada King")).toBeVisible();
});

test("cancelling the delete confirmation keeps the engagement", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  const detail = new EngagementDetail(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Grace Hopper", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(detail.dialog).toContainText("Delete the engagement with Grace Hopper?");
  await page.keyboard.press("Escape");
  await expect(detail.dialog).toBeHidden();
  await app.reload();
  await expect(app.heading()).toHaveText("Grace Hopper");
});

test("an empty client name shows a message and saves nothing", async ({ page }) => {
  const app = new App(page);
  const list = new EngagementList(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "   ", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(form.summary).toContainText("Enter the client's name.");
  await expect(form.errorNextTo("client_name")).toHaveText("Enter the client's name.");
  await expect(form.client).toHaveAttribute("aria-invalid", "true");
  // The person's input is kept.
  await expect(form.practitioner).toHaveValue("Sam Lee");
  await expect(form.kind("Coaching")).toBeChecked();
  // The summary links to the field.
  await form.summary.getByRole("link", { name: "Enter the client's name." }).click();
  await expect(form.client).toBeFocused();
  // Nothing was saved.
  await app.nav("Engagements");
  await expect(list.emptyState).toBeVisible();
});

test("every missing field is reported at once", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.submit();
  await expect(form.summary.getByRole("listitem")).toHaveText([
    "Enter the client's name.",
    "Enter the practitioner's name.",
    "Choose whether this is coaching or mentoring.",
  ]);
});

test("bad input while editing keeps what was saved", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  const detail = new EngagementDetail(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await detail.edit();
  await form.fill({ client: "x".repeat(10_000), practitioner: " " });
  await form.submit();
  await expect(form.errorNextTo("client_name")).toHaveText(
    "The client's name is 10000 characters long. Keep it to 100 characters or fewer.",
  );
  await expect(form.errorNextTo("practitioner_name")).toHaveText("Enter the practitioner's name.");
  await app.reload();
  await page.getByRole("link", { name: "Back to the engagement" }).click();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  await expect(detail.fact("Coach")).toHaveText("Sam Lee");
});

test("markup typed into a name is shown as text and never runs", async ({ page }) => {
  const app = new App(page);
  const list = new EngagementList(page);
  const form = new EngagementForm(page);
  const markup = `<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>`;
  await app.open("/engagements/new");
  await form.fill({ client: markup, practitioner: "<b>Sam</b>", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText(markup);
  await app.nav("Engagements");
  await expect(list.cards).toHaveCount(1);
  await expect(list.cards.first()).toContainText("<b>Sam</b>");
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  await expect(page.locator("main img, main b, main script")).toHaveCount(0);
});

test("a notice stays for the screen it leads to, then goes", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada", practitioner: "Sam", kind: "Coaching" });
  await form.submit();
  await expect(app.toast).toContainText("Saved the engagement with Ada.");
  await app.nav("Your data");
  await expect(app.heading()).toHaveText("Your data");
  await expect(app.toast).toHaveCount(0);
});

test("when a newer version opens the data in another tab, this tab steps aside and asks to reload", async ({ page }) => {
  const app = new App(page);
  await app.open();
  // A second connection upgrades the database, as a newer build in another tab would;
  // without this tab stepping aside, the upgrade would wait forever.
  const upgraded = await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open("accord", 1000);
    request.onsuccess = () => { request.result.close(); resolve(true); };
    request.onerror = () => reject(request.error);
  }));
  expect(upgraded).toBe(true);
  await expect(page.getByRole("alert")).toContainText("A newer version of Accord was opened in another tab");
  await expect(page.getByRole("button", { name: "Reload" })).toBeVisible();
});

test("a link to an engagement that does not exist says so", async ({ page }) => {
  const app = new App(page);
  await app.open("/engagements/no-such-engagement");
  await expect(app.heading()).toHaveText("This page does not exist");
  await page.getByRole("link", { name: "Go to your engagements" }).click();
  await expect(app.heading()).toHaveText("Engagements");
});

test("asks the browser to keep the data after the first save", async ({ page }) => {
  await page.addInitScript(() => {
    window.__persistCalls = 0;
    const original = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      window.__persistCalls += 1;
      return original();
    };
  });
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  expect(await page.evaluate(() => window.__persistCalls)).toBe(0);
  await form.fill({ client: "Ada", practitioner: "Sam", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada");
  await expect.poll(() => page.evaluate(() => window.__persistCalls)).toBe(1);
});

test("a backup of everything, and a relationship file of one engagement, can be downloaded", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  for (const client of ["Ada Lovelace", "Grace Hopper"]) {
    await app.open("/engagements/new");
    await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching" });
    await form.submit();
    await expect(app.heading()).toHaveText(client);
  }
  // One engagement alone.
  let downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  let file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^accord-engagement-grace-hopper-\d{4}-\d{2}-\d{2}\.json$/);
  const one = JSON.parse(await readFile(await file.path(), "utf8"));
  expect(one.scope).toMatchObject({ kind: "engagement", client: "Grace Hopper" });
  expect(one.data.engagements.map((e) => e.data.client)).toEqual(["Grace Hopper"]);
  await expect(page.getByRole("status").filter({ hasText: "with 1 record" })).toBeVisible();

  // Everything.
  await app.nav("Your data");
  await expect(page.locator(".last-backup")).toHaveText("Last backup: never.");
  downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a backup" }).click();
  file = await downloading;
  const backup = JSON.parse(await readFile(await file.path(), "utf8"));
  expect(backup.format).toBe("accord-backup");
  expect(backup.schema_version).toBe(11);
  expect(backup.checksum).toMatch(/^[0-9a-f]{64}$/);
  expect(backup.counts).toEqual({ contracts: 0, cpd: 0, engagements: 2, goals: 0, journeys: 0, perspectives: 0, reports: 0, sessions: 0, supervision: 0, templates: 0, wheels: 0, questionnaires: 0 });
  expect(backup.data.engagements.map((e) => e.data.client).sort()).toEqual(["Ada Lovelace", "Grace Hopper"]);
  // Made just now by the browser's clock (the tests' clock: tests/e2e/clock.mjs).
  const exportedAt = new Date(backup.exported_at).getTime();
  const browserNow = await page.evaluate(() => Date.now());
  expect(exportedAt).toBeGreaterThan(browserNow - 60_000);
  expect(exportedAt).toBeLessThanOrEqual(browserNow);
  await expect(page.locator(".last-backup")).toContainText("0 changes since.");
});

test("when storage is full, a save says so, offers a backup, keeps the input, and works once there is room", async ({ page, baseURL }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  // Give this origin no room at all before the app opens its database.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: 1 });
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  const alert = page.getByRole("alert").filter({ hasText: "no room left" });
  await expect(alert).toContainText("the change was not saved");
  await expect(alert.getByRole("link", { name: "Download a backup of everything saved so far" })).toBeVisible();
  await expect(form.client).toHaveValue("Ada Lovelace");
  await expect(app.heading()).toHaveText("New engagement");
  // Space is freed: the same save now works.
  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await app.reload();
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
});

test("the your-data page says where data lives and whether it is kept", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.nav("Your data");
  await expect(app.heading()).toHaveText("Your data");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your data" }))
    .toHaveAttribute("aria-current", "page");
  await expect(page.getByText("nothing is sent anywhere")).toBeVisible();
  await expect(page.locator(".facts")).toContainText("Kept by the browser");
  await expect(page.locator(".facts")).toContainText(/schema version 11/);
});

test("the shell shows while the app's code is still loading", async ({ page }) => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("./");
  await expect(page.getByRole("banner")).toContainText("Accord");
  await expect(page.getByRole("status")).toHaveText("Opening your data…");
  release();
  await new App(page).ready();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagements");
});

base("if the app's code cannot load, the page says so instead of staying blank", async ({ page }) => {
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("./");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accord stopped because of an error");
  await expect(page.getByRole("button", { name: "Download a copy of my data" })).toBeVisible();
  await page.getByText("Technical details").click();
  await expect(page.locator("pre")).toContainText("could not start");
});

test("after a crash, the rescue screen downloads everything saved", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Mentoring" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");

  await page.evaluate(() => window.accordRescue.showFatalError("simulated crash"));
  await expect(app.heading()).toHaveText("Accord stopped because of an error");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a copy of my data" }).click();
  const download = await downloading;
  const dump = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(dump.format).toBe("accord-rescue-copy");
  expect(dump.stores.engagements).toHaveLength(1);
  expect(dump.stores.engagements[0].data.client).toBe("Ada Lovelace");
  await expect(page.getByRole("status")).toHaveText("Downloaded 1 record.");
});

test("the app can be used with the keyboard alone", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Create your first engagement" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(app.heading()).toHaveText("New engagement");
  await page.keyboard.press("Tab"); // focus moved to main after navigation; next is the first field
  await expect(page.getByLabel("Client or mentee")).toBeFocused();
  await page.keyboard.type("Ada Lovelace");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Sam Lee");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space"); // first choice: Coaching
  await page.keyboard.press("Enter"); // submits the form
  await expect(app.heading()).toHaveText("Ada Lovelace");
});

test("the main screens pass an automated accessibility check", async ({ page }) => {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open();
  expect(await app.accessibilityViolations(), "empty list").toEqual([]);
  await app.open("/engagements/new");
  await form.submit();
  await expect(form.summary).toBeVisible();
  expect(await app.accessibilityViolations(), "form with errors").toEqual([]);
  await form.fill({ client: "Ada", practitioner: "Sam", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada");
  expect(await app.accessibilityViolations(), "engagement").toEqual([]);
  await app.nav("Engagements");
  await expect(page.getByRole("list", { name: "Engagements" })).toBeVisible();
  expect(await app.accessibilityViolations(), "list").toEqual([]);
  await app.nav("Your data");
  expect(await app.accessibilityViolations(), "your data").toEqual([]);
});
