// Passphrase protection end to end: turning it on (with a refused weak passphrase first),
// no client name or note anywhere in IndexedDB, unlocking after a reload (a wrong
// passphrase first), and an encrypted backup restored in a fresh profile.
import { readFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm, rawIndexedDb } from "./fixtures.mjs";

const CLIENT = "Zebulon Quagmire";
const PASSPHRASE = "river stone lantern";

async function createEngagement(app, client) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching", title: "Marker title ultramarine" });
  await form.submit();
  await expect(app.heading()).toHaveText(client);
}

async function turnOn(page, passphrase, again = passphrase) {
  const panel = page.getByRole("region", { name: "Passphrase protection" });
  await panel.getByLabel("New passphrase").fill(passphrase);
  await panel.getByLabel("The same passphrase again").fill(again);
  await panel.getByRole("button", { name: "Protect my data" }).click();
}

test("protected data holds no readable name and opens only with the passphrase", async ({ page }) => {
  test.setTimeout(60_000);
  const app = new App(page);
  await createEngagement(app, CLIENT);
  expect(await rawIndexedDb(page)).toContain(CLIENT);

  await app.open("/data");
  await turnOn(page, "short");
  await expect(page.locator("#new_passphrase-error, .field__error").first()).toContainText("at least 10 characters");
  expect(await rawIndexedDb(page)).toContain(CLIENT); // nothing changed
  await turnOn(page, PASSPHRASE, "river stone lanterm");
  await expect(page.getByText("The two passphrases are not the same").first()).toBeVisible();
  await turnOn(page, PASSPHRASE);
  await expect(app.toast).toContainText("Your data is now encrypted");
  await expect(page.getByRole("region", { name: "Passphrase protection" })).toContainText("On.");
  // This tab keeps working (only other tabs are asked to reload).
  await expect(page.getByText("changed in another tab")).toHaveCount(0);
  await createEngagement(app, "Marker Second Client");
  await expect(page.getByText("changed in another tab")).toHaveCount(0);

  const raw = await rawIndexedDb(page);
  expect(raw).not.toContain("Marker Second");
  expect(raw).not.toContain("Zebulon");
  expect(raw).not.toContain("ultramarine");
  expect(raw).not.toContain("Sam Lee");
  expect(raw).toContain("argon2id");

  // Reload: the app asks for the passphrase before showing anything.
  await app.open("/data");
  await app.reload();
  await expect(app.heading()).toHaveText("Enter your passphrase");
  await expect(page.getByText(CLIENT)).toHaveCount(0);
  await page.getByLabel("Passphrase").fill("river stone lanterm");
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByText("That passphrase does not open your data").first()).toBeVisible();
  await page.getByLabel("Passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Unlock" }).click();
  await expect(app.heading()).toHaveText("Your data"); // where the person was
  await app.nav("Engagements"); // in the page: a full reload would lock it again
  await expect(page.getByRole("link", { name: CLIENT, exact: true })).toBeVisible();

  // Keyboard: lock now, then unlock with Enter.
  await app.nav("Your data");
  await page.getByRole("button", { name: "Lock now" }).click();
  await expect(app.heading()).toHaveText("Enter your passphrase");
  await page.getByLabel("Passphrase").fill(PASSPHRASE);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Passphrase protection" })).toContainText("On.");

  // Turning it off brings the plain records back.
  await page.locator("summary", { hasText: "Turn protection off" }).click();
  await page.getByLabel("Your passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Turn protection off" }).click();
  await expect(app.toast).toContainText("Protection is off");
  expect(await rawIndexedDb(page)).toContain(CLIENT);
  expect(await app.accessibilityViolations()).toEqual([]);
});

test("an encrypted backup restores in a fresh profile after its passphrase", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const app = new App(page);
  await createEngagement(app, CLIENT);
  await app.open("/data");
  await page.getByLabel("Encrypt the file with a passphrase").check();
  await page.getByLabel("Passphrase for the file").fill(PASSPHRASE);
  await page.getByLabel("The file's passphrase again").fill(PASSPHRASE);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download an encrypted backup" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^accord-backup-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
  const path = await download.path();
  const text = await readFile(path, "utf8");
  expect(text).not.toContain("Zebulon");
  expect(JSON.parse(text).format).toBe("accord-encrypted-backup");

  const context = await newContext(browser, { baseURL: testInfo.project.use.baseURL });
  const fresh = await context.newPage();
  const restored = new App(fresh);
  await restored.open("/data");
  await fresh.getByLabel("Backup or relationship file").setInputFiles(path);
  await expect(fresh.getByText("This backup is encrypted")).toBeVisible();
  await fresh.getByLabel("The file's passphrase", { exact: true }).fill("not the passphrase");
  await fresh.getByRole("button", { name: "Open the file" }).click();
  await expect(fresh.getByText("That passphrase does not open this file").first()).toBeVisible();
  await fresh.getByLabel("The file's passphrase", { exact: true }).fill(PASSPHRASE);
  await fresh.getByRole("button", { name: "Open the file" }).click();
  const preview = fresh.getByRole("region", { name: "What the file holds" });
  await expect(preview).toContainText(CLIENT);
  await fresh.getByRole("button", { name: "Import" }).click();
  await expect(restored.toast).toContainText("1 record written");
  await restored.open();
  await expect(fresh.getByRole("link", { name: CLIENT, exact: true })).toBeVisible();
  await context.close();
});

test("another open tab stops and asks to reload when protection is turned on", async ({ page, context }) => {
  const app = new App(page);
  await createEngagement(app, CLIENT);
  const other = await context.newPage();
  const otherApp = new App(other);
  await otherApp.open("/engagements/new");
  await app.open("/data");
  await turnOn(page, PASSPHRASE);
  await expect(app.toast).toContainText("Your data is now encrypted");
  await expect(other.getByText("Passphrase protection was changed in another tab")).toBeVisible();
  // A save there is refused instead of being written unencrypted.
  const form = new EngagementForm(other);
  await form.fill({ client: "Plaintext Leak", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(other.getByRole("alert").filter({ hasText: "Enter it to open your data" })).toBeVisible();
  expect(await rawIndexedDb(page)).not.toContain("Plaintext Leak");
  await other.getByRole("button", { name: "Reload" }).first().click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Enter your passphrase");
});
