// End-to-end: sessions in the release build: the series planned from the contract and
// its calendar file, the learning loop from themes to reviewed actions, warnings and
// bad input, the mentoring journey and signposting register, and accessibility.
import { readFile } from "node:fs/promises";
import { test, expect, App, EngagementForm, ContractPage, GoalsPage, SessionsPage, saved } from "./fixtures.mjs";
import { day, addDays } from "./clock.mjs";

const TEMPLATE = "Individual coaching (ICF-style)";

/** Creates an engagement and returns the app and its id (from the address). */
async function createEngagement(page, kind = "Coaching") {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  expect(id, "the engagement's id in the address").toBeTruthy();
  return { app, id };
}

/**
 * A coaching engagement with a draft contract from the first built-in template, and the
 * contract's dates ("YYYY-MM-DD"). Given `start`, the contract runs from then for the
 * template's 91 days instead of from the day the builder offers.
 */
async function engagementWithContract(page, { start } = {}) {
  const { app, id } = await createEngagement(page);
  const contract = new ContractPage(page);
  await contract.startFromTemplate(TEMPLATE);
  if (start !== undefined) {
    await page.getByLabel("Start date").fill(start);
    await page.getByLabel("End date").fill(addDays(start, 91));
    await contract.saveDraft();
    await saved(app, "Saved the draft contract.");
  }
  const dates = { start: await page.getByLabel("Start date").inputValue(), end: await page.getByLabel("End date").inputValue() };
  expect(dates.end, "the contract's end date").toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return { app, id, ...dates };
}

test("the series is planned from the contract, once, and downloads as a valid calendar", async ({ page }) => {
  test.setTimeout(60_000);
  const { app, id } = await engagementWithContract(page);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}`);
  await sessions.openFromEngagement();
  await expect(page.getByText("No sessions yet.")).toBeVisible();

  await sessions.planSeries("10:30");
  await expect(app.toast).toContainText(/Added \d+ meetings to the series\./);
  const titles = page.locator(".sessions__title");
  await expect(sessions.items.first()).toBeVisible();
  const listed = await titles.allTextContents();
  const numbered = listed.filter((t) => /^Session \d+$/.test(t));
  expect(numbered.length).toBeGreaterThanOrEqual(6);
  expect(numbered.slice(0, 6)).toEqual(["Session 1", "Session 2", "Session 3", "Session 4", "Session 5", "Session 6"]);
  expect(listed).toContain("Mid-point review");
  await expect(sessions.items.first().locator(".sessions__when")).toContainText("at 10:30");
  await expect(sessions.allocation).toContainText("0 of 6 sessions used");
  const count = await sessions.items.count();
  await page.getByRole("button", { name: "Dismiss message" }).click();

  // Planning again adds nothing.
  await expect(page.getByRole("button", { name: "Add what is missing" })).toBeVisible();
  await sessions.planSeries("10:30");
  await expect(app.toast).toContainText("Nothing to add");
  await expect(sessions.items).toHaveCount(count);

  // The calendar file: CRLF lines, one event per session, stable UIDs, UTC times.
  const first = await readFile(await sessions.download("Download calendar (.ics)"), "utf8");
  expect(first.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(first.endsWith("\r\n")).toBe(true);
  expect(first.replace(/\r\n/g, ""), "no bare line feeds or carriage returns").not.toMatch(/[\r\n]/);
  expect(first.trimEnd().split("\r\n").at(-1)).toBe("END:VCALENDAR");
  expect(first.match(/^BEGIN:VEVENT$/gm)).toHaveLength(count);
  expect(first.match(/^END:VEVENT$/gm)).toHaveLength(count);
  const unfolded = (text) => text.replace(/\r\n /g, "");
  const uids = (text) => unfolded(text).split("\r\n").filter((l) => l.startsWith("UID:"));
  const starts = unfolded(first).split("\r\n").filter((l) => l.startsWith("DTSTART"));
  expect(uids(first)).toHaveLength(count);
  expect(new Set(uids(first)).size).toBe(count);
  expect(starts).toHaveLength(count);
  for (const line of starts) expect(line).toMatch(/^DTSTART:\d{8}T\d{6}Z$/);
  const second = await readFile(await sessions.download("Download calendar (.ics)"), "utf8");
  expect(uids(second)).toEqual(uids(first));
});

test("the learning loop: themes, agenda, agreement, notes, actions, and their review next time", async ({ page }) => {
  test.setTimeout(120_000);
  // The contract started three weeks ago: session 1 is in the past, so it can be held.
  const { app, id } = await engagementWithContract(page, { start: day(-21) });
  const sessions = new SessionsPage(page);
  const goals = new GoalsPage(page);
  const goalTitle = "Speak first in the weekly meeting";
  const linked = "Open the Monday meeting with the agenda";
  const unlinked = "Keep a journal of meetings";

  // One goal, so an action can be linked to it.
  await app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: goalTitle });
  await expect(app.heading()).toHaveText(goalTitle);

  await app.open(`/engagements/${id}/sessions`);
  await sessions.planSeries("10:30");
  await saved(app, "meetings to the series");
  await sessions.openSession("Session 1");
  await expect(app.heading()).toHaveText("Session 1 of 6");

  // Two themes become the draft agenda; the second moves up; a line is added.
  await sessions.fillTheme({ what: "Delegating the budget", why: "The deadline is close", leave: "A first step" });
  await saved(app, "Saved the themes.");
  await sessions.fillTheme({ what: "Talking to the board", why: "New chair", leave: "An opening line" });
  await saved(app, "Saved the themes.");
  await expect(sessions.themes()).toHaveCount(2);
  await expect(sessions.agenda()).toHaveText(["Delegating the budget", "Talking to the board"]);
  await page.getByRole("button", { name: "Move Talking to the board up" }).click();
  await saved(app, "Saved the agenda.");
  await expect(sessions.agenda()).toHaveText(["Talking to the board", "Delegating the budget"]);
  await sessions.addAgendaLine("Anything else");
  await saved(app, "Saved the agenda.");
  await expect(sessions.agenda()).toHaveText(["Talking to the board", "Delegating the budget", "Anything else"]);

  await sessions.saveAgreement("A plan for the board meeting", "I can say my opening line");
  await saved(app, "Saved the session agreement.");
  await expect(page.getByLabel(/^What do you want from today\?/)).toHaveValue("A plan for the board meeting");

  await sessions.fillNotes({ shared: "SHARED-MARKER agreed steps", practitioner: "PRACTITIONER-PRIVATE-MARKER", client: "CLIENT-PRIVATE-MARKER" });
  await expect(page.getByLabel(/^Coach's private notes/)).toHaveValue("PRACTITIONER-PRIVATE-MARKER");
  await expect(page.getByLabel(/^Client's private notes/)).toHaveValue("CLIENT-PRIVATE-MARKER");
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");

  // Actions: one for the goal, one for no goal (flagged).
  await sessions.addAction({ title: linked, goal: goalTitle });
  await saved(app, "Added the action.");
  await sessions.addAction({ title: unlinked });
  await saved(app, "Added the action.");
  await expect(sessions.actions()).toHaveCount(2);
  await expect(sessions.actions().filter({ hasText: linked })).toContainText(`Goal: ${goalTitle}`);
  await expect(sessions.actions().filter({ hasText: linked }).locator(".item__flag")).toHaveCount(0);
  await expect(sessions.actions().filter({ hasText: unlinked }).locator(".item__flag")).toContainText("linked to no goal");

  // Held: it counts as used.
  await sessions.fillDetails({ status: "Held" });
  await sessions.saveDetails();
  await saved(app, "Saved the date and status.");
  await expect(page.locator(".page-header .status")).toHaveText("Held");
  await app.reload();
  await expect(page.locator("#note_shared")).toHaveValue("SHARED-MARKER agreed steps");
  await expect(page.locator("#note_practitioner_private")).toHaveValue("PRACTITIONER-PRIVATE-MARKER");
  await expect(page.locator("#note_client_private")).toHaveValue("CLIENT-PRIVATE-MARKER");
  await sessions.backToSessions();
  await expect(sessions.allocation).toContainText("1 of 6 sessions used");

  // Session 2 opens by reviewing both actions.
  await sessions.openSession("Session 2");
  await expect(app.heading()).toHaveText("Session 2 of 6");
  await expect(sessions.reviews()).toHaveCount(2);
  await expect(sessions.reviews().filter({ hasText: linked })).toContainText(`Goal: ${goalTitle}`);
  await expect(sessions.reviews().filter({ hasText: unlinked })).toContainText("No goal");
  await sessions.review(linked, "Done", "Starting with the agenda calms the room");
  await saved(app, "Saved the review.");
  await app.reload();
  const review = sessions.reviews().filter({ hasText: linked });
  await expect(review).toContainText("Reviewed: Done.");
  await expect(review.getByRole("radio", { name: "Done", exact: true })).toBeChecked();
  await expect(review.getByLabel("What was learned")).toHaveValue("Starting with the agenda calms the room");

  // The goal shows the action as done.
  await app.open(`/engagements/${id}/goals`);
  await goals.open(goalTitle);
  await expect(page.getByLabel(`Status of ${linked}`)).toHaveValue("done");

  // The relationship file carries the shared notes but neither private layer.
  await app.open(`/engagements/${id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  const text = await readFile(await (await downloading).path(), "utf8");
  JSON.parse(text);
  expect(text).toContain("SHARED-MARKER");
  expect(text).not.toContain("PRACTITIONER-PRIVATE-MARKER");
  expect(text).not.toContain("CLIENT-PRIVATE-MARKER");
});

test("an action not done comes round again, saying how it went each time before and what was learned", async ({ page }) => {
  test.setTimeout(90_000);
  const { app, id } = await engagementWithContract(page);
  const sessions = new SessionsPage(page);
  const action = "Keep a journal of meetings";
  const before = () => sessions.reviews().filter({ hasText: action }).getByRole("list", { name: "Carried forward: how it went before" });
  await app.open(`/engagements/${id}/sessions`);
  await sessions.planSeries("10:30");
  await saved(app, "meetings to the series");
  await sessions.openSession("Session 1");
  await sessions.addAction({ title: action });
  await saved(app, "Added the action.");
  await sessions.backToSessions();

  // The first time it is reviewed, there is nothing before.
  await sessions.openSession("Session 2");
  await expect(sessions.reviews()).toHaveCount(1);
  await expect(before()).toHaveCount(0);
  await sessions.review(action, "Partly done", "Two evenings of five; mornings work better");
  await saved(app, "Saved the review.");
  await sessions.backToSessions();

  // Next time it says how it went and what was learned; not done again, with nothing noted.
  await sessions.openSession("Session 3");
  await expect(before().getByRole("listitem")).toHaveText([
    /^\d{1,2} [A-Z][a-z]{2} \d{4}: partly done\. What was learned: “Two evenings of five; mornings work better”$/,
  ]);
  await expect(sessions.reviews().getByRole("radio", { name: "Partly done", exact: true })).not.toBeChecked();
  await sessions.review(action, "Not done", "");
  await saved(app, "Saved the review.");
  await sessions.backToSessions();
  await sessions.openSession("Session 4");
  await expect(before().getByRole("listitem")).toHaveText([
    /: partly done\. What was learned: “Two evenings of five; mornings work better”$/,
    /^\d{1,2} [A-Z][a-z]{2} \d{4}: not done\. Nothing was noted about what was learned\.$/,
  ]);
  expect(await app.accessibilityViolations(), "a review that came round again").toEqual([]);
});

test("sessions outside the contract or overlapping are warned about, bad input is refused, and drafts survive", async ({ page }) => {
  test.setTimeout(90_000);
  const { app, id, end } = await engagementWithContract(page);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);

  // After the contract ends (a month after its end date, whatever day it is): saved, with a warning.
  const after = addDays(end, 30);
  await sessions.addSession({ date: after, time: "10:00", minutes: 60 });
  await saved(app, "Added the session.");
  await expect(app.heading()).not.toHaveText("New session");
  await expect(sessions.warnings()).toContainText("after the contract ends");
  await sessions.backToSessions();
  await expect(sessions.items).toHaveCount(1);

  // The same day, overlapping.
  await sessions.addSession({ date: after, time: "10:30", minutes: 60 });
  await saved(app, "Added the session.");
  await expect(sessions.warnings()).toContainText("overlaps");
  await expect(sessions.warnings()).toContainText("after the contract ends");

  // An empty theme: a plain message, and nothing lost.
  await sessions.fillTheme({ what: "First theme" });
  await saved(app, "Saved the themes.");
  await sessions.fillTheme({ what: "", why: "Typed but not saved", leave: "" });
  const error = page.locator("#theme_what-error");
  await expect(error).toBeVisible();
  await expect(error).not.toBeEmpty();
  expect(await error.textContent()).toMatch(/^[A-Z][^{}<>_]*\.$/);
  await expect(sessions.themes()).toHaveCount(1);
  await expect(sessions.themes().first()).toContainText("First theme");
  await expect(page.getByLabel(/^Why now/)).toHaveValue("Typed but not saved");

  // Unsaved notes survive another section's save.
  await sessions.fillNotes({ shared: "Unsaved shared note", practitioner: "Unsaved private note" });
  await sessions.fillTheme({ what: "Second theme" });
  await saved(app, "Saved the themes.");
  await expect(sessions.themes()).toHaveCount(2);
  await expect(page.locator("#note_shared")).toHaveValue("Unsaved shared note");
  await expect(page.locator("#note_practitioner_private")).toHaveValue("Unsaved private note");

  // A 100,000-character shared note is saved whole.
  const long = Array.from({ length: 100_000 }, (_, i) => "abcdefghij klmnopqrstuvwxyz"[i % 27]).join("");
  await page.locator("#note_shared").fill(long);
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");
  await app.reload();
  await expect(page.locator("#note_shared")).not.toHaveValue("");
  const back = await page.locator("#note_shared").inputValue();
  expect(back.length).toBe(100_000);
  expect(back === long).toBe(true);
});

test("mentoring: phase, signposting register, pause and resume, and ending are kept", async ({ page }) => {
  test.setTimeout(90_000);
  const { app } = await createEngagement(page, "Mentoring");
  const sessions = new SessionsPage(page);
  await sessions.openFromEngagement();

  // Phase.
  const phaseForm = page.getByRole("form", { name: "Mentoring phase" });
  await phaseForm.getByLabel(/^Phase/).selectOption({ label: "Setting direction" });
  await phaseForm.getByRole("button", { name: "Set the phase" }).click();
  await saved(app, "Saved.");
  await expect(phaseForm).toContainText("Now: Setting direction.");

  // A signpost, followed up and useful.
  const add = page.getByRole("form", { name: "Add a signpost" });
  await add.getByLabel(/^Kind/).selectOption({ label: "Reading" });
  await add.getByLabel(/^What/).fill("The Coaching Habit");
  await add.getByRole("button", { name: "Add to the register" }).click();
  await saved(app, "Saved the signposting register.");
  const signpost = page.getByRole("list", { name: "Signposts" }).getByRole("listitem").filter({ hasText: "The Coaching Habit" });
  await expect(signpost).toContainText("Reading");
  await signpost.getByLabel("Followed up").check();
  await saved(app, "Saved the signposting register.");
  await signpost.getByLabel("Was “The Coaching Habit” useful?").selectOption({ label: "Useful" });
  await saved(app, "Saved the signposting register.");
  await expect(signpost.getByLabel("Followed up")).toBeChecked();
  await expect(signpost.getByLabel("Was “The Coaching Habit” useful?")).toHaveValue("yes");

  // Pause with a reason, then resume.
  await sessions.journey.getByText("Pause the engagement", { exact: true }).click();
  const pause = page.getByRole("form", { name: "Pause the engagement" });
  await pause.getByLabel(/^Why it is paused/).fill("Parental leave");
  await pause.getByRole("button", { name: "Pause" }).click();
  await saved(app, "Saved.");
  await expect(sessions.journey).toContainText("Paused");
  await expect(sessions.journey).toContainText("Parental leave");
  await sessions.journey.getByRole("button", { name: "Resume the engagement" }).click();
  await saved(app, "Saved.");
  await expect(sessions.journey).toContainText("Active");

  // End.
  await sessions.journey.getByText("End the engagement", { exact: true }).first().click();
  const end = page.getByRole("form", { name: "End the engagement" });
  await end.getByLabel(/^How it ended/).selectOption({ label: "Completed as agreed" });
  await end.getByLabel(/^Closing summary/).fill("Found a direction and a new network.");
  await end.getByRole("button", { name: "End the engagement" }).click();
  await saved(app, "Saved.");
  await expect(sessions.journey).toContainText("Completed as agreed");

  // All of it after a reload.
  await app.reload();
  await expect(sessions.journey).toContainText("Completed as agreed");
  await expect(sessions.journey.locator(".closing-summary")).toHaveText("Found a direction and a new network.");
  await expect(sessions.journey).toContainText("Now: Setting direction.");
  await expect(sessions.journey.getByRole("button", { name: "Resume the engagement" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "End the engagement" })).toHaveCount(0);
  const again = page.getByRole("list", { name: "Signposts" }).getByRole("listitem").filter({ hasText: "The Coaching Habit" });
  await expect(again).toContainText("Reading");
  await expect(again.getByLabel("Followed up")).toBeChecked();
  await expect(again.getByLabel("Was “The Coaching Habit” useful?")).toHaveValue("yes");
});

test("the sessions page and a session page have no accessibility violations", async ({ page }) => {
  test.setTimeout(60_000);
  const { app, id } = await engagementWithContract(page);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.planSeries("10:30");
  await saved(app, "meetings to the series");
  expect(await app.accessibilityViolations(), "sessions page").toEqual([]);
  // A session with themes, an agenda, notes and an action, then the next one reviewing it.
  await sessions.openSession("Session 1");
  await sessions.fillTheme({ what: "Delegating the budget", why: "The deadline is close" });
  await saved(app, "Saved the themes.");
  await sessions.fillNotes({ shared: "Agreed steps", practitioner: "Observations" });
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");
  await sessions.addAction({ title: "Keep a journal of meetings" });
  await saved(app, "Added the action.");
  await sessions.fillTheme({ what: "" });
  await expect(page.locator("#theme_what-error")).toBeVisible();
  expect(await app.accessibilityViolations(), "session page with content and an error").toEqual([]);
  await sessions.backToSessions();
  await sessions.openSession("Session 2");
  await expect(app.heading()).toHaveText("Session 2 of 6");
  await expect(sessions.reviews()).toHaveCount(1);
  expect(await app.accessibilityViolations(), "session page with a review").toEqual([]);
});
