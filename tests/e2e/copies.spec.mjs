// End-to-end: the client and the sponsor work in their own copy. A coach makes a three-way
// engagement with a session plan and downloads it as a relationship file; on the client's
// device it opens as "My coaching with …", where she brings a theme to the next session,
// checks in on an action and keeps a goal of her own, and the coach's private notes do not
// exist; on the sponsor's device only the contract, the three-way meetings, approved updates
// and the goals shared with the sponsor are shown. The client's copy also reads in German.
import { test, expect, newContext, App, EngagementForm, EngagementList, ContractPage, GoalsPage, SessionsPage, saved, noViolationsInBothThemes, expectGerman } from "./fixtures.mjs";

const THREE_WAY_TEMPLATE = "Three-way sponsored executive coaching";
const ACTION = "Say no to one meeting a week";
// What the coach records that the sponsor must never see.
const SHARED_GOAL = "SHARED-GOAL-MARKER";
const COACH_THEME = "COACH-THEME-MARKER";
const SHARED_NOTE = "SHARED-NOTE-MARKER";
const COACH_PRIVATE = "COACH-PRIVATE-MARKER";
// What the sponsor may see.
const SPONSOR_GOAL = "Lead the merged team";

/**
 * On the coach's device: a three-way coaching engagement for Ada Lovelace with Sam Lee,
 * sponsored by Northwind (Jo Park), its contract drafted and its series planned; goals, a
 * theme, notes and an action in Session 1. Returns the relationship file's path.
 */
async function coachMakesTheEngagement(page) {
  const coach = new App(page);
  const form = new EngagementForm(page);
  await coach.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await page.getByLabel("Organisation").fill("Northwind");
  await page.getByLabel("Contact person").fill("Jo Park");
  await form.submit();
  await expect(coach.heading()).toHaveText("Ada Lovelace");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  expect(id, "the engagement's id in the address").toBeTruthy();

  await new ContractPage(page).startFromTemplate(THREE_WAY_TEMPLATE);
  const sessions = new SessionsPage(page);
  await coach.open(`/engagements/${id}`);
  await sessions.openFromEngagement();
  await sessions.planSeries("10:30");
  await expect(coach.toast).toContainText(/Added \d+ meetings to the series\./);
  await page.getByRole("button", { name: "Dismiss message" }).click();

  const goals = new GoalsPage(page);
  await coach.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: SHARED_GOAL });
  await expect(coach.heading()).toHaveText(SHARED_GOAL);
  await coach.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: SPONSOR_GOAL });
  await expect(coach.heading()).toHaveText(SPONSOR_GOAL);
  await page.getByLabel("Who can see this goal").selectOption("sponsor_visible");
  await saved(coach, "Changed who can see this goal.");

  await coach.open(`/engagements/${id}/sessions`);
  await sessions.openSession("Session 1");
  await sessions.fillTheme({ what: COACH_THEME });
  await saved(coach, "Saved the themes.");
  await sessions.fillNotes({ shared: SHARED_NOTE, practitioner: COACH_PRIVATE });
  await sessions.saveNotes();
  await saved(coach, "Saved the notes.");
  await sessions.addAction({ title: ACTION });
  await saved(coach, "Added the action.");

  await coach.open(`/engagements/${id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  return await (await downloading).path();
}

/** Another person's device: imports the relationship file as `who` and opens the engagement. */
async function arriveAs(browser, baseURL, file, who, { locale } = {}) {
  const context = await newContext(browser, { baseURL, acceptDownloads: true, ...(locale ? { locale } : {}) });
  const app = new App(await context.newPage());
  await app.open("/data");
  await app.page.locator("#import-file").setInputFiles(file);
  await app.page.getByRole("radio", { name: who }).check();
  await app.page.locator("button", { hasText: /^(Import|Importieren)$/ }).click();
  await expect(app.toast).toBeVisible();
  await app.open("/engagements");
  return { context, app };
}

test("the client's copy: her themes, check-ins and own goals; the sponsor's: only what reaches a sponsor", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const file = await coachMakesTheEngagement(page);

  // The client's device.
  const { context: clientDevice, app: client } = await arriveAs(browser, baseURL, file, "Ada Lovelace");
  const card = new EngagementList(client.page).card("Ada Lovelace");
  await expect(card).toContainText("You: client");
  await card.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(client.heading()).toHaveText("My coaching with Sam Lee");
  // No evidence of practice on a device where she is only ever the client.
  await expect(client.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evidence" })).toHaveCount(0);
  const main = client.main;
  await expect(main.getByRole("region", { name: "Your part" })).toContainText("You are the coachee in this engagement (Ada Lovelace).");
  for (const practitionerOnly of ["Engagement summary", "Sponsor update", "Edit"]) {
    await expect(main.getByRole("link", { name: practitionerOnly, exact: true })).toHaveCount(0);
  }
  await noViolationsInBothThemes(client, "the client's engagement page");

  // A theme for the next session, next to the coach's.
  const next = main.getByRole("region", { name: "Next session" });
  await expect(next).toContainText("at 10:30");
  await expect(next.getByRole("list", { name: "My themes" })).toContainText(COACH_THEME);
  const themeForm = next.getByRole("form", { name: "Add a theme" });
  await themeForm.getByLabel(/^What I want to bring/).fill("Handing over the budget");
  await themeForm.getByLabel(/^Why now/).fill("The quarter closes soon");
  await themeForm.getByRole("button", { name: "Add the theme" }).click();
  await saved(client, "Saved the themes.");
  await expect(next.getByRole("list", { name: "My themes" }).getByRole("listitem")).toHaveCount(2);
  await expect(next).toContainText("Handing over the budget");

  // A check-in on the action: bad input first, then a good one.
  const practise = main.getByRole("region", { name: "Actions to practise" });
  const action = practise.getByRole("listitem").filter({ hasText: ACTION });
  await expect(action).toContainText("No check-in yet.");
  await action.getByRole("button", { name: `Check in on ${ACTION}` }).click();
  const checkIn = action.getByRole("form", { name: `Check in on ${ACTION}` });
  await checkIn.getByRole("button", { name: "Save the check-in" }).click();
  await expect(client.page.locator("#check_in_outcome-error")).toHaveText("Choose done, partly or not yet.");
  await expect(checkIn.getByRole("alert").filter({ hasText: "Please check this form" })).toBeVisible();
  await checkIn.getByRole("radio", { name: "Partly" }).check();
  await checkIn.getByLabel(/^What happened/).fill("x".repeat(1_001));
  await checkIn.getByRole("button", { name: "Save the check-in" }).click();
  await expect(client.page.locator("#check_in_note-error")).toHaveText("The note is 1001 characters long. Keep it to 1000 characters or fewer.");
  await checkIn.getByLabel(/^What happened/).fill("Said no to the Monday stand-up");
  await checkIn.getByLabel(/^Date/).fill("");
  await checkIn.getByRole("button", { name: "Save the check-in" }).click();
  await expect(client.page.locator("#check_in_date-error")).toHaveText("Enter the date of the check-in.");
  // Nothing was saved by any of these.
  await client.reload();
  await expect(action).toContainText("No check-in yet.");
  await action.getByRole("button", { name: `Check in on ${ACTION}` }).click();
  await expect(checkIn.getByLabel(/^Date/)).not.toHaveValue("");
  await checkIn.getByRole("radio", { name: "Partly" }).check();
  await checkIn.getByLabel(/^What happened/).fill("Said no to the Monday stand-up");
  await checkIn.getByRole("button", { name: "Save the check-in" }).click();
  await saved(client, "Saved your check-in.");
  await expect(action).toContainText(/Last check-in .*: Partly\. Said no to the Monday stand-up/);

  // Her theme and her check-in for the coach, as one link: how long such a link is.
  const engagementPath = new URL(client.page.url()).hash.slice(1);
  await client.open(`${engagementPath}/updates`);
  await client.page.getByRole("button", { name: "Send as a link to Sam Lee" }).click();
  const linkBox = client.page.getByRole("region", { name: "Link for Sam Lee" }).getByRole("textbox", { name: "Link for Sam Lee" });
  await expect(linkBox).toHaveValue(/#\/receive\/1\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]{43}$/);
  const linkLength = (await linkBox.inputValue()).length;
  testInfo.annotations.push({ type: "link length (a theme and a check-in)", description: `${linkLength} characters` });
  expect(linkLength).toBeLessThanOrEqual(8_000);
  await client.open(engagementPath);

  // A goal of her own, only on this device.
  const goals = main.getByRole("region", { name: "My goals" });
  await expect(goals.getByRole("list", { name: "Shared goals" })).toContainText(SHARED_GOAL);
  const goalForm = goals.getByRole("form", { name: "Add a private goal" });
  await goalForm.getByRole("button", { name: "Add the private goal" }).click();
  await expect(goalForm.locator("#goal_title-error")).toBeVisible();
  await goalForm.getByLabel("Goal", { exact: true }).fill("Sleep before midnight on weekdays");
  await goalForm.getByLabel(/^Why it matters/).fill("I decide better when rested");
  await goalForm.getByRole("button", { name: "Add the private goal" }).click();
  await saved(client, "Saved your private goal.");
  const mine = goals.getByRole("list", { name: "My private goals" }).getByRole("listitem");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Sleep before midnight on weekdays");
  await expect(mine).toContainText("Only on this device");
  await expect(main.getByRole("region", { name: "The contract" }).getByRole("link", { name: /^(Review and agree|Open the contract)$/ })).toBeVisible();

  // The session: her private layer and the shared notes; the coach's private layer does not exist.
  const sessionPath = (await next.getByRole("link", { name: "Open the session" }).getAttribute("href")).slice(1);
  await next.getByRole("link", { name: "Open the session" }).click();
  await expect(client.heading()).toHaveText(/^Session 1/);
  await expect(client.page.locator("#note_practitioner_private")).toHaveCount(0);
  await expect(client.page.locator("#note_client_private")).toHaveCount(1);
  await expect(client.page.locator("#note_shared")).toHaveValue(SHARED_NOTE);
  await expect(client.main).not.toContainText(COACH_PRIVATE);
  await expect(client.page.locator("#reflection_shared")).toHaveCount(1);
  await clientDevice.close();

  // The sponsor's device.
  const { context: sponsorDevice, app: sponsor } = await arriveAs(browser, baseURL, file, "Jo Park");
  const sponsorCard = new EngagementList(sponsor.page).card("Ada Lovelace");
  await expect(sponsorCard).toContainText("You: sponsor");
  await sponsorCard.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(sponsor.heading()).toHaveText("Sponsoring: Ada Lovelace with Sam Lee");
  await expect(sponsor.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evidence" })).toHaveCount(0);
  await expect(sponsor.main.getByRole("region", { name: "Your part" })).toContainText("You are the sponsor");
  await expect(sponsor.main.getByRole("region", { name: "Three-way meetings" })).toContainText("Three-way meeting: start");
  await expect(sponsor.main.getByRole("region", { name: "Goals shared with the sponsor" })).toContainText(SPONSOR_GOAL);
  await expect(sponsor.main.getByRole("region", { name: "Sponsor updates received" })).toContainText("None yet.");
  for (const hidden of [SHARED_GOAL, COACH_THEME, SHARED_NOTE, COACH_PRIVATE, ACTION]) {
    await expect(sponsor.main, `the sponsor's page shows no ${hidden}`).not.toContainText(hidden);
  }
  await expect(sponsor.main.getByRole("link", { name: /sessions/i })).toHaveCount(0);
  await noViolationsInBothThemes(sponsor, "the sponsor's engagement page");
  // A session that is not a three-way meeting shows nothing of itself.
  await sponsor.open(sessionPath);
  await expect(sponsor.heading()).toHaveText("Not shared with the sponsor");
  await expect(sponsor.main).toContainText("Only three-way meetings are shared with the sponsor.");
  for (const hidden of [COACH_THEME, SHARED_NOTE]) {
    await expect(sponsor.main).not.toContainText(hidden);
  }
  await expect(sponsor.main.locator("textarea, input, form")).toHaveCount(0);
  await sponsorDevice.close();
});

test("the client's copy reads in German", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const file = await coachMakesTheEngagement(page);
  const { context, app: client } = await arriveAs(browser, baseURL, file, "Ada Lovelace", { locale: "de-DE" });
  const card = client.page.getByRole("listitem").filter({ has: client.page.getByRole("link", { name: "Ada Lovelace", exact: true }) });
  await expect(card).toContainText("Sie: Klient");
  await card.getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(client.heading()).toHaveText("Mein Coaching mit Sam Lee");
  // Open a check-in form too, so its words are read.
  await client.main.getByRole("button", { name: `Check-in zu ${ACTION}` }).click();
  await expectGerman(client.page, "the client's engagement page");
  await noViolationsInBothThemes(client, "the client's engagement page in German");
  // Her updates page, and her sponsor update page, read in German too.
  await client.main.getByRole("link", { name: "Aktualisierungen mit den anderen" }).click();
  await expect(client.heading()).toHaveText(/^Aktualisierungen mit /);
  await expectGerman(client.page, "the client's updates page");
  await noViolationsInBothThemes(client, "the client's updates page in German");
  await context.close();
});

test("the sponsor's copy reads in German", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const file = await coachMakesTheEngagement(page);
  const { context, app: sponsor } = await arriveAs(browser, baseURL, file, "Jo Park", { locale: "de-DE" });
  await sponsor.page.getByRole("listitem").filter({ has: sponsor.page.getByRole("link", { name: "Ada Lovelace", exact: true }) }).getByRole("link", { name: "Ada Lovelace" }).click();
  await expect(sponsor.heading()).toHaveText(/Ada Lovelace/);
  await expectGerman(sponsor.page, "the sponsor's engagement page");
  await noViolationsInBothThemes(sponsor, "the sponsor's engagement page in German");
  await context.close();
});
