// End-to-end: relationship updates between two devices, as files. The client's theme for the
// next session reaches the coach in one update that says in words what it brings; the same
// file twice and a damaged file change nothing; a shared note changed on both sides is shown
// side by side and the coach decides.
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm, SessionsPage, UpdatesPage, noViolationsInBothThemes } from "./fixtures.mjs";
import { day, longDate } from "./clock.mjs";

/** The coach's engagement with Ada Lovelace and one session a week ahead; returns its session's fragment. */
async function coachWithSession(app) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  const id = new URL(app.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
  await app.open(`/engagements/${id}/sessions`);
  await new SessionsPage(app.page).addSession({ date: day(7), time: "10:00", minutes: 60 });
  await expect(app.page.getByRole("heading", { level: 1 })).not.toHaveText("New session");
  return { id, session: new URL(app.page.url()).hash.slice(1) };
}

/** The client's own device, holding the engagement from the coach's relationship file. */
async function clientDevice(browser, baseURL, coach, id) {
  await coach.open(`/engagements/${id}`);
  const downloading = coach.page.waitForEvent("download");
  await coach.page.getByRole("button", { name: "Download this engagement" }).click();
  const file = await (await downloading).path();
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const client = new App(await context.newPage());
  await client.open("/data");
  await client.page.getByLabel("Backup or relationship file").setInputFiles(file);
  await client.page.getByRole("radio", { name: "Ada Lovelace" }).check();
  await client.page.getByRole("button", { name: "Import" }).click();
  await expect(client.toast).toContainText("written");
  return { context, client };
}

test("the client's theme reaches the coach in one update; the same file twice, and a damaged one, change nothing", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);

  // On her device she writes what she wants to bring, and a private note.
  await client.open(session);
  const clientSession = new SessionsPage(client.page);
  await clientSession.fillTheme({ what: "Feedback to Ravi", why: "Review week", leave: "Two sentences I can say" });
  await expect(clientSession.themes()).toHaveCount(1);
  await client.open(`/engagements/${id}`);
  const clientUpdates = new UpdatesPage(client.page);
  await clientUpdates.openFromEngagement();
  await noViolationsInBothThemes(client, "updates");
  const toCoach = client.page.locator(".update-target").filter({ hasText: "Send an update to Sam Lee" });
  await expect(toCoach).toContainText("Waiting to be sent: 1 change. No update from them applied yet.");
  const update = await clientUpdates.send("Sam Lee");
  await expect(client.toast).toContainText("Saved the update for Sam Lee");
  await expect(toCoach).toContainText("Nothing new to send since your last update.");
  // Nothing changed since: nothing to send.
  await client.page.getByRole("button", { name: "Dismiss message" }).click();
  await client.page.getByRole("button", { name: "Send an update to Sam Lee" }).click();
  await expect(client.toast).toContainText("Nothing new for Sam Lee since your last update.");

  // The coach opens it from anywhere: it says what it brings, and applies with one click.
  await coach.open("/update");
  const updates = new UpdatesPage(page);
  await updates.choose(update);
  await expect(updates.preview).toContainText(`Ada Lovelace has sent 1 theme for the session on ${longDate(day(7))}`);
  await noViolationsInBothThemes(coach, "an update opened");
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await expect(coach.heading()).toHaveText("Ada Lovelace");
  await coach.open(`/engagements/${id}/updates`);
  await expect(page.locator(".update-target").filter({ hasText: "Send an update to Ada Lovelace" })).toContainText("Applied from them: 1 update.");
  await coach.open(session);
  const sessions = new SessionsPage(page);
  await expect(sessions.themes()).toHaveCount(1);
  await expect(sessions.themes().first()).toContainText("Feedback to Ravi");

  // The same file again: refused in plain words, nothing changed.
  await coach.open("/update");
  await updates.choose(update);
  await expect(page.getByRole("alert")).toContainText("You already applied this update; nothing changed.");
  await expect(updates.preview).toHaveCount(0);

  // A damaged copy: refused before anything is read from it.
  const damaged = `${update}.damaged.json`;
  await writeFile(damaged, (await readFile(update, "utf8")).replace("Feedback to Ravi", "Feedback to Rafi"));
  await updates.choose(damaged);
  await expect(page.getByRole("alert")).toContainText("damaged");
  await coach.open(session);
  await expect(sessions.themes().first()).toContainText("Feedback to Ravi");
  await context.close();
});

test("a shared note changed on both sides is shown side by side, and the coach decides", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);

  // Both write the shared note of the same session before any update travels.
  await coach.open(session);
  const sessions = new SessionsPage(page);
  await sessions.fillNotes({ shared: "We agreed: delegate the board deck." });
  await sessions.saveNotes();
  await expect(coach.toast).toContainText("Saved");
  await client.open(session);
  const clientSession = new SessionsPage(client.page);
  await clientSession.fillNotes({ shared: "We agreed: I delegate the deck and start on Monday." });
  await clientSession.saveNotes();
  await expect(client.toast).toContainText("Saved");
  await client.open(`/engagements/${id}/updates`);
  const update = await new UpdatesPage(client.page).send("Sam Lee");

  await coach.open(`/engagements/${id}/updates`);
  const updates = new UpdatesPage(page);
  await updates.choose(update);
  const conflict = updates.preview.locator(".conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("We agreed: delegate the board deck.");
  await expect(conflict).toContainText("We agreed: I delegate the deck and start on Monday.");
  await expect(page.getByRole("button", { name: "Apply the update" })).toBeDisabled();
  await noViolationsInBothThemes(coach, "a conflict side by side");
  await conflict.getByRole("radio", { name: "Take theirs" }).check();
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await coach.open(session);
  await expect(page.locator("#note_shared")).toHaveValue("We agreed: I delegate the deck and start on Monday.");
  await context.close();
});
