// End-to-end: the app open in two tabs of the same browser. A change in one appears in
// the other; two tabs editing the same thing never lose an edit silently.
import { readFile } from "node:fs/promises";
import { test, expect, App, EngagementForm, SessionsPage } from "./fixtures.mjs";

/** A second tab in the same browser (same origin, same IndexedDB), held to the same rules. */
async function secondTab(page) {
  const other = await page.context().newPage();
  const errors = [];
  other.on("pageerror", (error) => errors.push(error.message));
  return { other, errors };
}

async function createEngagement(app, client) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText(client);
  return new URL(app.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
}

test("an engagement created in one tab appears in the other without reloading", async ({ page }) => {
  const first = new App(page);
  await first.open();
  const { other, errors } = await secondTab(page);
  const second = new App(other);
  await second.open();
  await expect(other.getByRole("region", { name: "No engagements yet" })).toBeVisible();

  await createEngagement(first, "Ada Lovelace");
  await expect(other.getByRole("link", { name: "Ada Lovelace", exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test("two tabs editing the same session notes: the later save asks, and keep mine keeps both tabs' other edits", async ({ page }) => {
  test.setTimeout(60_000);
  const first = new App(page);
  const id = await createEngagement(first, "Ada Lovelace");
  await first.open(`/engagements/${id}/sessions/new`);
  await page.getByRole("button", { name: "Add the session" }).click();
  await expect(first.heading()).toHaveText("Session 1");
  const sessionUrl = page.url();

  const { other, errors } = await secondTab(page);
  const second = new App(other);
  await other.goto(sessionUrl);
  await second.ready();
  await expect(second.heading()).toHaveText("Session 1");

  // Tab two starts a note but does not save it yet.
  await other.getByLabel(/^Shared notes/).fill("Tab two: agreed to try delegating");
  // Tab one writes the same note and the agreement, and saves both.
  await page.getByLabel(/^Shared notes/).fill("Tab one: talked about the board");
  await page.getByRole("button", { name: "Save the notes" }).click();
  await expect(first.toast).toContainText("Saved the notes.");
  await page.getByLabel(/^What do you want from today\?/).fill("A plan for Monday");
  await page.getByRole("button", { name: "Save the agreement" }).click();
  await expect(first.toast).toContainText("Saved the session agreement.");

  // Tab two sees tab one's agreement (it had not touched it) but keeps its own unsaved note.
  await expect(other.getByLabel(/^What do you want from today\?/)).toHaveValue("A plan for Monday");
  await expect(other.getByLabel(/^Shared notes/)).toHaveValue("Tab two: agreed to try delegating");

  // Saving it does not silently overwrite tab one's note: it asks.
  await other.getByRole("button", { name: "Save the notes" }).click();
  const notes = other.getByRole("region", { name: "Notes" });
  await expect(notes.getByRole("alert")).toContainText("changed in another tab");
  await notes.getByRole("button", { name: "Keep mine" }).click();
  await expect(second.toast).toContainText("Saved the notes.");

  // Both tabs now show tab two's note, and tab one's agreement survived.
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Tab two: agreed to try delegating");
  await page.reload();
  await first.ready();
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Tab two: agreed to try delegating");
  await expect(page.getByLabel(/^What do you want from today\?/)).toHaveValue("A plan for Monday");
  expect(errors).toEqual([]);
});

test("two tabs editing the same engagement: the later save is refused, and reload shows the other version", async ({ page }) => {
  const first = new App(page);
  const id = await createEngagement(first, "Ada Lovelace");
  await first.open(`/engagements/${id}/edit`);
  const { other, errors } = await secondTab(page);
  const second = new App(other);
  await other.goto(page.url());
  await second.ready();

  const form = new EngagementForm(page);
  await page.getByLabel(/^Short title/).fill("Board readiness");
  await form.submit();
  await expect(first.heading()).toHaveText("Ada Lovelace");

  // The open form in tab two was not reloaded under the person typing.
  await other.getByLabel(/^Short title/).fill("First-time manager");
  await other.getByRole("button", { name: "Save changes" }).click();
  await expect(other.getByRole("alert")).toContainText("changed in another tab");
  await other.getByRole("button", { name: "Reload the other version" }).click();
  await expect(other.getByLabel(/^Short title/)).toHaveValue("Board readiness");
  expect(errors).toEqual([]);
});

test("the sessions list follows changes made in another tab", async ({ page }) => {
  const first = new App(page);
  const id = await createEngagement(first, "Ada Lovelace");
  await first.open(`/engagements/${id}/sessions`);
  const { other } = await secondTab(page);
  const second = new App(other);
  await other.goto(page.url().replace(/sessions$/, "sessions/new"));
  await second.ready();
  await other.getByRole("button", { name: "Add the session" }).click();
  await expect(second.heading()).toHaveText("Session 1");
  await expect(new SessionsPage(page).items).toHaveCount(1);
});

test("reloading in the middle of an edit keeps what was saved, whole, and brings back what was typed", async ({ page }) => {
  const app = new App(page);
  const id = await createEngagement(app, "Ada Lovelace");
  await app.open(`/engagements/${id}/sessions/new`);
  await page.getByRole("button", { name: "Add the session" }).click();
  await expect(app.heading()).toHaveText("Session 1");
  await page.getByLabel(/^Shared notes/).fill("Saved before the reload");
  await page.getByRole("button", { name: "Save the notes" }).click();
  await expect(app.toast).toContainText("Saved the notes.");
  await page.getByRole("button", { name: "Dismiss message" }).click();
  // An edit under way, then the page goes away before it is saved.
  await page.getByLabel(/^Shared notes/).fill("Typed but never saved");
  await page.getByLabel(/^What do you want from today\?/).fill("Half-typed");
  // Unsaved text is kept on the device half a second after the last keystroke.
  await page.waitForTimeout(1_500);
  await app.reload();
  // What was typed comes back into its fields, and the screen says so.
  await expect(page.getByLabel(/^Shared notes/)).toHaveValue("Typed but never saved");
  await expect(page.getByLabel(/^What do you want from today\?/)).toHaveValue("Half-typed");
  await expect(app.toast).toContainText("What you typed here and had not saved is back");
  // What is stored is still the saved text, whole: the engagement's file carries it, not the unsaved one.
  await app.open(`/engagements/${id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  const text = await readFile(await (await downloading).path(), "utf8");
  expect(text).toContain("Saved before the reload");
  expect(text).not.toContain("Typed but never saved");
  expect(text).not.toContain("Half-typed");
});
