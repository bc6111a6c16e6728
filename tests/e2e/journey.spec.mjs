// End-to-end: the whole engagement, on three devices, with files passed between them as
// three people would. The coach proposes a three-way contract; the sponsor and the client
// open the proposal on their own devices and agree, and their agreements travel back. The
// coach plans the sessions and the goals and sends them to the client; the themes she sends
// ahead become the agenda; the session is held, with a shared note, a private note of the
// coach's and an action; her check-in and a shared reflection come back to the coach; a
// sponsor update goes to the client, is approved, comes back and goes on to the sponsor.
// The client's copy never holds the coach's private note; the sponsor's never holds a
// note, a theme, an action, a reflection or a goal that is not shared with the sponsor.
// Last, the shared note edited on both sides is shown side by side and resolved.
import { readFile } from "node:fs/promises";
import {
  test,
  expect,
  newContext,
  guardPage,
  rawIndexedDb,
  noViolationsInBothThemes,
  App,
  EngagementForm,
  ContractPage,
  GoalsPage,
  SessionsPage,
  UpdatesPage,
  saved,
} from "./fixtures.mjs";
import { day, addDays, longDate } from "./clock.mjs";

const CLIENT = "Ada Lovelace";
const COACH = "Sam Lee";
const SPONSOR = "Jo Park";
const THREE_WAY_TEMPLATE = "Three-way sponsored executive coaching";

// What only the coach and the client share (never the sponsor).
const SHARED_GOAL = "SHARED-GOAL Speak first in the leadership meeting";
const THEMES = ["THEME-ONE Handing over the budget", "THEME-TWO Talking to the new chair"];
const SHARED_NOTE = "SHARED-NOTE We agreed to delegate the board deck.";
const ACTION = "ACTION Say no to one meeting a week";
const CHECK_IN = "CHECK-IN Said no to the Monday stand-up";
const REFLECTION = "REFLECTION Saying no early is kinder than late";
// The coach's alone (never the client, never the sponsor).
const COACH_PRIVATE = "COACH-PRIVATE-MARKER watch the energy dip";
// What the sponsor may see.
const SPONSOR_GOAL = "Lead the merged team";
// The shared note, amended on both sides after the session.
const COACH_AMENDS = `${SHARED_NOTE} Sam drafts the handover list.`;
const CLIENT_AMENDS = `${SHARED_NOTE} I start on Monday.`;

/** Everything the sponsor's copy must never hold. */
const NOT_FOR_THE_SPONSOR = [SHARED_GOAL, ...THEMES, "SHARED-NOTE", ACTION, CHECK_IN, REFLECTION, "COACH-PRIVATE-MARKER"];

/** A person's own device: a fresh browser profile on the tests' clock, watched as the default page is. */
async function device(browser, baseURL) {
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const page = await context.newPage();
  const check = await guardPage(page, baseURL);
  return { context, page, check, app: new App(page), contract: new ContractPage(page), updates: new UpdatesPage(page), sessions: new SessionsPage(page) };
}

/** Sends an update to `name` from this person's updates page; returns the file's path. */
async function sendUpdate(person, id, name) {
  await person.app.open(`/engagements/${id}/updates`);
  const file = await person.updates.send(name);
  await saved(person.app, `Saved the update for ${name}`);
  return file;
}

/**
 * Opens the update `file` on "Open an update", checks that it says in words exactly what it
 * brings (`summary`), with nothing left out and nothing to decide, and applies it; lands on
 * the engagement's page.
 */
async function applyUpdate(person, file, summary) {
  await person.app.open("/update");
  await person.updates.choose(file);
  await expect(person.updates.preview.locator(".update-preview__summary")).toHaveText(summary);
  await expect(person.updates.preview.locator("p.field__help"), "nothing left out").toHaveCount(0);
  await expect(person.updates.preview.locator(".conflict")).toHaveCount(0);
  await person.updates.apply();
  await saved(person.app, /Applied the update: \d+ records? written\./);
}

// ---------------------------------------------------------------------------------------
// 1. The proposal and three agreements.

/** The coach's three-way engagement and its contract, proposed and agreed by the coach. Returns the engagement's id. */
async function coachProposes(coach) {
  const form = new EngagementForm(coach.page);
  await coach.app.open("/engagements/new");
  await form.fill({ client: CLIENT, practitioner: COACH, kind: "Coaching" });
  await coach.page.getByLabel("Practitioner's accreditation").selectOption("icf_pcc");
  await coach.page.getByLabel("Organisation").fill("Northwind");
  await coach.page.getByLabel("Contact person").fill(SPONSOR);
  await form.submit();
  await expect(coach.app.heading()).toHaveText(CLIENT);
  const id = new URL(coach.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  expect(id, "the engagement's id in the address").toBeTruthy();

  // It starts today: the first session can be held today (at midnight, so whatever the
  // hour the test runs, it has begun).
  await coach.contract.startFromTemplate(THREE_WAY_TEMPLATE);
  await coach.page.getByLabel("Start date").fill(day(0));
  await coach.page.getByLabel("End date").fill(addDays(day(0), 120));
  await coach.contract.addGoal("Lead the merged team with confidence", "Team pulse survey at 4/5");
  await coach.page.getByLabel("Fee per session").fill("350");
  const payer = coach.page.getByLabel("Who pays");
  if ((await payer.inputValue()) === "") await payer.selectOption({ index: 1 });
  await expect(coach.contract.check).toContainText("Nothing missing: ready to propose.");
  await coach.contract.proposeButton().click();
  await expect(coach.contract.status).toHaveText("Proposed");
  await expect(coach.page.locator(".signatures__awaiting")).toHaveCount(3);
  await coach.contract.agreeAs("coach", COACH);
  await expect(coach.contract.signatureRow("Coach")).not.toContainText("Awaiting");
  return id;
}

/** The sponsor opens the proposal on his device as Jo Park, agrees, and returns his agreement file. */
async function sponsorAgrees(sponsor, proposal) {
  await sponsor.contract.openProposal(proposal, { as: SPONSOR });
  await expect(sponsor.app.heading()).toHaveText(`Contract with ${CLIENT}`);
  await expect(sponsor.contract.status).toHaveText("Proposed");
  await sponsor.contract.agreeAs("sponsor", SPONSOR);
  await expect(sponsor.contract.signatureRow("Sponsor")).not.toContainText("Awaiting");
  return await sponsor.contract.download(/agreement of the sponsor/);
}

/** The client opens the proposal (with both other agreements on it) as Ada Lovelace, agrees last, and returns her agreement file. */
async function clientAgreesLast(client, proposal) {
  await client.contract.openProposal(proposal, { as: CLIENT });
  await expect(client.app.heading()).toHaveText(`Contract with ${CLIENT}`);
  await expect(client.contract.signatureRow("Coach")).not.toContainText("Awaiting");
  await expect(client.contract.signatureRow("Sponsor")).not.toContainText("Awaiting");
  await client.contract.agreeAs("client", CLIENT);
  await expect(client.contract.status).toHaveText("Agreed");
  await expect(client.app.toast).toContainText("Download your agreement file below");
  return await client.contract.download(/agreement of the client/);
}

// ---------------------------------------------------------------------------------------
// 2. The plan reaches the client.

/** The coach plans the series and adds a shared goal and one the sponsor sees. Returns the number of sessions planned. */
async function coachPlans(coach, id) {
  await coach.app.open(`/engagements/${id}/sessions`);
  await coach.sessions.planSeries("00:00");
  await saved(coach.app, /Added \d+ meetings to the series\./);
  await expect(coach.sessions.items.first()).toContainText("Session 1");
  await expect(coach.sessions.items.first()).toContainText(`${longDate(day(0))} at 00:00`);
  const planned = await coach.sessions.items.count();
  expect(planned, "sessions, reviews and three-way meetings").toBeGreaterThan(3);

  const goals = new GoalsPage(coach.page);
  await coach.app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: SHARED_GOAL });
  await expect(coach.app.heading()).toHaveText(SHARED_GOAL);
  await coach.app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: SPONSOR_GOAL });
  await expect(coach.app.heading()).toHaveText(SPONSOR_GOAL);
  await coach.page.getByLabel("Who can see this goal").selectOption("sponsor_visible");
  await saved(coach.app, "Changed who can see this goal.");
  return planned;
}

// ---------------------------------------------------------------------------------------
// 3. Themes sent ahead become the agenda.

/** On her page: two themes for the next session (Session 1, today at midnight). */
async function clientSendsThemes(client, id) {
  await client.app.open(`/engagements/${id}`);
  await expect(client.app.heading()).toHaveText(`My coaching with ${COACH}`);
  const next = client.app.main.getByRole("region", { name: "Next session" });
  await expect(next).toContainText(`${longDate(day(0))} at 00:00`);
  await expect(next).toContainText("No themes yet.");
  const form = next.getByRole("form", { name: "Add a theme" });
  for (const [what, why] of [[THEMES[0], "The quarter closes soon"], [THEMES[1], "The chair starts next month"]]) {
    await form.getByLabel(/^What I want to bring/).fill(what);
    await form.getByLabel(/^Why now/).fill(why);
    await form.getByRole("button", { name: "Add the theme" }).click();
    await saved(client.app, "Saved the themes.");
  }
  await expect(next.getByRole("list", { name: "My themes" }).getByRole("listitem")).toHaveCount(2);
  return await sendUpdate(client, id, COACH);
}

// ---------------------------------------------------------------------------------------
// 4. The session.

/** On the coach's device: Session 1 from its themes to held, with notes and an action. Returns the session's fragment. */
async function coachHoldsSession(coach, id) {
  await coach.app.open(`/engagements/${id}/sessions`);
  await coach.sessions.openSession("Session 1");
  await expect(coach.app.heading()).toHaveText(/^Session 1 of \d+$/);
  const session = new URL(coach.page.url()).hash.slice(1);

  // The themes she sent are here, and are the draft agenda; the coach agrees it by moving one.
  await expect(coach.sessions.themes()).toHaveCount(2);
  await expect(coach.sessions.themes().nth(0)).toContainText(THEMES[0]);
  await expect(coach.sessions.themes().nth(0)).toContainText("Why now: The quarter closes soon");
  await expect(coach.sessions.themes().nth(1)).toContainText(THEMES[1]);
  await expect(coach.page.getByText("Drafted from the themes.")).toBeVisible();
  await expect(coach.sessions.agenda()).toHaveText(THEMES);
  await coach.page.getByRole("button", { name: `Move ${THEMES[1]} up` }).click();
  await saved(coach.app, "Saved the agenda.");
  await expect(coach.sessions.agenda()).toHaveText([THEMES[1], THEMES[0]]);
  await expect(coach.page.getByText("Drafted from the themes.")).toHaveCount(0);

  await coach.sessions.saveAgreement("A plan for the handover", "I know who does what by Friday");
  await saved(coach.app, "Saved the session agreement.");
  await coach.sessions.fillNotes({ shared: SHARED_NOTE, practitioner: COACH_PRIVATE });
  await coach.sessions.saveNotes();
  await saved(coach.app, "Saved the notes.");
  await coach.sessions.addAction({ title: ACTION, goal: SHARED_GOAL, due: addDays(day(0), 7) });
  await saved(coach.app, "Added the action.");
  await expect(coach.sessions.actions()).toHaveCount(1);
  await expect(coach.sessions.actions()).toContainText(`Goal: ${SHARED_GOAL}`);
  await coach.sessions.fillDetails({ status: "Held" });
  await coach.sessions.saveDetails();
  await saved(coach.app, "Saved the date and status.");
  await expect(coach.page.locator(".page-header .status")).toHaveText("Held");
  return session;
}

/** On the client's device: the held session as she sees it, without the coach's private layer. */
async function clientSeesTheSession(client, session) {
  await client.app.open(session);
  await expect(client.app.heading()).toHaveText(/^Session 1 of \d+$/);
  await expect(client.page.locator(".page-header .status")).toHaveText("Held");
  await expect(client.page.locator("#note_shared")).toHaveValue(SHARED_NOTE);
  await expect(client.page.locator("#note_practitioner_private")).toHaveCount(0);
  await expect(client.page.getByLabel(/^Coach's private notes/)).toHaveCount(0);
  await expect(client.page.locator("#note_client_private")).toHaveCount(1);
  await expect(client.sessions.agenda()).toHaveText([THEMES[1], THEMES[0]]);
  await expect(client.page.getByLabel(/^What do you want from today\?/)).toHaveValue("A plan for the handover");
  await expect(client.sessions.actions()).toContainText(ACTION);
  await expect(client.app.main).not.toContainText("COACH-PRIVATE-MARKER");
}

// ---------------------------------------------------------------------------------------
// 5. Between sessions: a check-in and a shared reflection.

/** On her page: a check-in on the action; on the session's: a reflection she shares. Returns the update for the coach. */
async function clientChecksInAndReflects(client, id, session) {
  await client.app.open(`/engagements/${id}`);
  const practise = client.app.main.getByRole("region", { name: "Actions to practise" });
  const action = practise.getByRole("listitem").filter({ hasText: ACTION });
  await expect(action).toContainText(`Goal: ${SHARED_GOAL}`);
  await expect(action).toContainText("No check-in yet.");
  await action.getByRole("button", { name: `Check in on ${ACTION}` }).click();
  const checkIn = action.getByRole("form", { name: `Check in on ${ACTION}` });
  await checkIn.getByRole("radio", { name: "Partly" }).check();
  await checkIn.getByLabel(/^What happened/).fill(CHECK_IN);
  await checkIn.getByRole("button", { name: "Save the check-in" }).click();
  await saved(client.app, "Saved your check-in.");
  await expect(action).toContainText(`: Partly. ${CHECK_IN}`);

  await client.app.open(session);
  const after = client.page.getByRole("form", { name: "After the session" });
  await after.getByLabel(/^One thing I take away/).fill(REFLECTION);
  await after.getByLabel("Share this reflection in the engagement summary").check();
  await after.getByRole("button", { name: "Save", exact: true }).click();
  await saved(client.app, "Saved the reflection and feedback.");
  await client.app.open(`/engagements/${id}`);
  await expect(client.app.main.getByRole("list", { name: "Held sessions" })).toContainText("Reflection written and shared");
  return await sendUpdate(client, id, COACH);
}

/** On the coach's device: where her check-in and her reflection arrived. */
async function coachSeesCheckInAndReflection(coach, id, session) {
  // The next session opens by reviewing the action she checked in on.
  await coach.app.open(`/engagements/${id}/sessions`);
  await coach.sessions.openSession("Session 2");
  await expect(coach.app.heading()).toHaveText(/^Session 2 of \d+$/);
  await expect(coach.sessions.reviews()).toHaveCount(1);
  await expect(coach.sessions.reviews().first()).toContainText(ACTION);
  await expect(coach.sessions.reviews().first()).toContainText(`Goal: ${SHARED_GOAL}`);
  // It shows her check-in, and opens with the reflection she shared after Session 1.
  await expect(coach.sessions.reviews().first().getByRole("list", { name: "Check-ins between sessions" })).toHaveText(`${longDate(day(0))}: partly. “${CHECK_IN}”`);
  // Her "partly" starts the review, for the coach to confirm or change in the session.
  await expect(coach.sessions.reviews().first().getByRole("radio", { name: "Partly done" })).toBeChecked();
  await expect(coach.sessions.reviews().first()).toContainText("Chosen from the client's latest check-in");
  const shared = coach.app.main.locator(".review__reflection");
  await expect(shared.getByRole("heading")).toHaveText(`Shared after the session on ${longDate(day(0))}`);
  await expect(shared.locator("blockquote")).toHaveText(REFLECTION);

  // Her shared reflection is on the session it belongs to, and in the engagement summary.
  await coach.app.open(session);
  await expect(coach.page.getByRole("form", { name: "After the session" }).getByLabel(/^One thing I take away/)).toHaveValue(REFLECTION);
  await expect(coach.page.locator("#reflection_shared")).toBeChecked();
  await coach.app.open(`/engagements/${id}/summary`);
  await expect(coach.app.main).toContainText("Reflections the client shares");
  await expect(coach.app.main).toContainText(`${longDate(day(0))}: ${REFLECTION}`);
}

// ---------------------------------------------------------------------------------------
// 6. The sponsor update.

/** The coach keeps today's sponsor update for the client to approve. */
async function coachDraftsSponsorUpdate(coach, id) {
  await coach.app.open(`/engagements/${id}`);
  await coach.page.getByRole("link", { name: "Sponsor update", exact: true }).click();
  await expect(coach.app.heading()).toHaveText("Sponsor update");
  const draft = coach.page.getByRole("region", { name: "Today's draft" });
  await expect(draft).toContainText("For Northwind · about Ada Lovelace");
  await expect(draft).toContainText("Session notes, themes and reflections are never included.");
  for (const hidden of NOT_FOR_THE_SPONSOR) await expect(draft).not.toContainText(hidden);
  await coach.page.getByRole("button", { name: "Keep this draft for the client to approve" }).click();
  await saved(coach.app, "Kept the draft for the client to review and approve.");
  const kept = coach.page.getByRole("list", { name: "Sponsor updates" }).getByRole("listitem");
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText("Waiting for the client's approval");
}

/** On her page: she reads the update and approves it by typing her name. */
async function clientApproves(client, id) {
  await client.app.open(`/engagements/${id}`);
  const waiting = client.app.main.getByRole("region", { name: "Sponsor updates waiting for my approval" });
  await expect(waiting).toContainText("Nothing goes to the sponsor until you have read the update and approved it.");
  await waiting.getByRole("link", { name: "Read and approve the sponsor update" }).click();
  await expect(client.app.heading()).toHaveText("Sponsor update");
  // A client neither drafts nor discards.
  await expect(client.page.getByRole("button", { name: "Keep this draft for the client to approve" })).toHaveCount(0);
  await expect(client.page.getByRole("button", { name: "Discard this draft" })).toHaveCount(0);
  const kept = client.page.getByRole("list", { name: "Sponsor updates" }).getByRole("listitem");
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText("Waiting for the client's approval");
  for (const hidden of NOT_FOR_THE_SPONSOR) await expect(kept.locator(".report__text")).not.toContainText(hidden);
  await noViolationsInBothThemes(client.app, "the client's sponsor update page");
  const approve = kept.getByRole("form", { name: /^Approve the update of / });
  await approve.getByLabel("Your full name").fill(CLIENT);
  await approve.getByRole("button", { name: "I approve this update" }).click();
  await saved(client.app, "Approved. The update can now be downloaded or printed for the sponsor.");
  await expect(kept).toContainText(`Approved by ${CLIENT}`);
  await client.app.open(`/engagements/${id}`);
  await expect(client.app.main.getByRole("region", { name: "Sponsor updates waiting for my approval" })).toHaveCount(0);
}

/** The sponsor's page: only the contract, the three-way meetings, the goal shared with him and approved updates. */
async function sponsorPage(sponsor, id) {
  await sponsor.app.open(`/engagements/${id}`);
  await expect(sponsor.app.heading()).toHaveText(`Sponsoring: ${CLIENT} with ${COACH}`);
  const main = sponsor.app.main;
  await expect(main.getByRole("region", { name: "The contract" })).toContainText("Agreed");
  await expect(main.getByRole("region", { name: "Three-way meetings" }).getByRole("listitem")).toHaveText([
    /Three-way meeting: start$/,
    /Three-way meeting: mid-point$/,
    /Three-way meeting: end$/,
  ]);
  await expect(main.getByRole("region", { name: "Goals shared with the sponsor" }).getByRole("listitem")).toHaveText([SPONSOR_GOAL]);
  for (const hidden of NOT_FOR_THE_SPONSOR) await expect(main, `the sponsor's page shows no ${hidden}`).not.toContainText(hidden);
  return main.getByRole("region", { name: "Sponsor updates received" });
}

// ---------------------------------------------------------------------------------------

test("the whole engagement on three devices: proposal, agreements, themes, session, check-in, reflection, sponsor update, and a note changed on both sides", async ({ page, browser, baseURL }) => {
  test.setTimeout(300_000);
  const coach = { page, app: new App(page), contract: new ContractPage(page), updates: new UpdatesPage(page), sessions: new SessionsPage(page) };
  const sponsor = await device(browser, baseURL);
  const client = await device(browser, baseURL);

  // 1. Proposed by the coach; the sponsor agrees, then the client last; every copy is agreed.
  const id = await coachProposes(coach);
  const sponsorAgreement = await sponsorAgrees(sponsor, await coach.contract.download("Download the proposal file"));
  await coach.contract.addAgreementFile(sponsorAgreement);
  await expect(coach.contract.signatureRow("Sponsor")).not.toContainText("Awaiting");
  await expect(coach.contract.status).toHaveText("Proposed");
  const clientAgreement = await clientAgreesLast(client, await coach.contract.download("Download the proposal file"));
  await coach.contract.addAgreementFile(clientAgreement);
  await expect(coach.contract.status).toHaveText("Agreed");
  await expect(coach.page.getByRole("heading", { name: "Agreed by every party" })).toBeVisible();
  await sponsor.contract.addAgreementFile(clientAgreement);
  await expect(sponsor.contract.status).toHaveText("Agreed");

  // 2. The plan and the goals go to the client in one update.
  const planned = await coachPlans(coach, id);
  const plan = await sendUpdate(coach, id, CLIENT);
  await applyUpdate(client, plan, `${COACH} has added ${planned} sessions and added 2 goals.`);
  await expect(client.app.heading()).toHaveText(`My coaching with ${COACH}`);
  await expect(client.app.main.getByRole("list", { name: "Shared goals" }).getByRole("listitem")).toHaveCount(2);
  await expect(client.app.main.getByRole("region", { name: "The contract" })).toContainText("Agreed");

  // 3. Her themes reach the coach and become the agenda.
  const themes = await clientSendsThemes(client, id);
  await applyUpdate(coach, themes, `${CLIENT} has sent 2 themes for the session on ${longDate(day(0))}.`);
  await expect(coach.app.heading()).toHaveText(CLIENT);

  // 4. The session is held; what the client receives has no trace of the coach's private note.
  const session = await coachHoldsSession(coach, id);
  const afterSession = await sendUpdate(coach, id, CLIENT);
  expect(await readFile(afterSession, "utf8")).toContain("SHARED-NOTE");
  expect(await readFile(afterSession, "utf8"), "the update to the client").not.toContain("COACH-PRIVATE-MARKER");
  await applyUpdate(
    client,
    afterSession,
    `${COACH} has changed the date, time or status of 1 session, changed the agenda or notes of 1 session, and updated 1 action or milestone.`,
  );
  await clientSeesTheSession(client, session);

  // 5. Her check-in and shared reflection come back to the coach.
  const between = await clientChecksInAndReflects(client, id, session);
  await applyUpdate(coach, between, `${CLIENT} has checked off 1 action and shared 1 reflection.`);
  await coachSeesCheckInAndReflection(coach, id, session);

  // 6. A sponsor update: drafted by the coach. An update to the sponsor now carries the
  // three-way meetings and the goal he may see, but not the draft the client has not approved.
  await coachDraftsSponsorUpdate(coach, id);
  const beforeApproval = await sendUpdate(coach, id, SPONSOR);
  await applyUpdate(sponsor, beforeApproval, `${COACH} has added 3 sessions and added 1 goal.`);
  let received = await sponsorPage(sponsor, id);
  await expect(received).toContainText("None yet. An update reaches you only once the client has approved it.");

  // The client approves it on her device, and the approval comes back to the coach.
  const draft = await sendUpdate(coach, id, CLIENT);
  await applyUpdate(client, draft, `${COACH} has drafted 1 sponsor update.`);
  await clientApproves(client, id);
  const approval = await sendUpdate(client, id, COACH);
  await applyUpdate(coach, approval, `${CLIENT} has approved 1 sponsor update.`);
  await coach.app.open(`/engagements/${id}/sponsor-update`);
  await expect(coach.page.getByRole("list", { name: "Sponsor updates" })).toContainText(`Approved by ${CLIENT}`);

  // The coach sends it on; the sponsor receives it, approved, and still nothing else.
  const approved = await sendUpdate(coach, id, SPONSOR);
  await applyUpdate(sponsor, approved, `${COACH} has drafted 1 sponsor update.`);
  received = await sponsorPage(sponsor, id);
  const updates = received.getByRole("list", { name: "Sponsor updates received" }).getByRole("listitem");
  await expect(updates).toHaveCount(1);
  await expect(updates).toContainText(`Approved by ${CLIENT} on`);
  await expect(updates).toContainText("Session notes, themes and reflections are never included.");
  // Nor is any of it kept on his device, where a page might show it.
  const sponsorData = await rawIndexedDb(sponsor.page);
  for (const hidden of NOT_FOR_THE_SPONSOR) expect(sponsorData, `the sponsor's database holds no ${hidden}`).not.toContain(hidden);
  // The one-to-one session never reached his device at all.
  await sponsor.app.open(session);
  await expect(sponsor.app.heading()).toHaveText("This page does not exist");
  for (const hidden of NOT_FOR_THE_SPONSOR) await expect(sponsor.app.main).not.toContainText(hidden);

  // 7. The shared note amended on both sides before either update travels: shown side by
  // side; the coach keeps hers, and the client's copy then takes it without a conflict.
  await client.app.open(session);
  await client.sessions.fillNotes({ shared: CLIENT_AMENDS });
  await client.sessions.saveNotes();
  await saved(client.app, "Saved the notes.");
  await coach.app.open(session);
  await coach.sessions.fillNotes({ shared: COACH_AMENDS });
  await coach.sessions.saveNotes();
  await saved(coach.app, "Saved the notes.");
  const amended = await sendUpdate(client, id, COACH);
  // Opened on the engagement's own updates page this time.
  await coach.app.open(`/engagements/${id}/updates`);
  await coach.updates.choose(amended);
  await expect(coach.updates.preview).toContainText("1 change was made on both sides: choose which to keep.");
  const conflict = coach.updates.preview.locator(".conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict.locator(".conflict__title")).toHaveText(`The shared notes of the session on ${longDate(day(0))}`);
  await expect(conflict.locator(".conflict__side").nth(0)).toContainText("Yours");
  await expect(conflict.locator(".conflict__side").nth(0)).toContainText(COACH_AMENDS);
  await expect(conflict.locator(".conflict__side").nth(1)).toContainText(`${CLIENT}'s`);
  await expect(conflict.locator(".conflict__side").nth(1)).toContainText(CLIENT_AMENDS);
  const applyButton = coach.page.getByRole("button", { name: "Apply the update" });
  await expect(applyButton).toBeDisabled();
  await expect(coach.updates.preview).toContainText("Decide each change made on both sides first (1 left).");
  await conflict.getByRole("radio", { name: "Keep mine" }).check();
  await expect(applyButton).toBeEnabled();
  await coach.updates.apply();
  await saved(coach.app, /Applied the update/);
  await coach.app.open(session);
  await expect(coach.page.locator("#note_shared")).toHaveValue(COACH_AMENDS);
  await expect(coach.page.locator("#note_practitioner_private")).toHaveValue(COACH_PRIVATE);

  const resolved = await sendUpdate(coach, id, CLIENT);
  await applyUpdate(client, resolved, `${COACH} has changed the agenda or notes of 1 session.`);
  await client.app.open(session);
  await expect(client.page.locator("#note_shared")).toHaveValue(COACH_AMENDS);
  // Both copies now hold the same: neither has anything new for the other.
  for (const [person, other] of [[client, COACH], [coach, CLIENT]]) {
    await person.app.open(`/engagements/${id}/updates`);
    await person.page.getByRole("button", { name: `Send an update to ${other}` }).click();
    await saved(person.app, `Nothing new for ${other} since your last update.`);
  }
  // After all of it, the client's device holds nothing of the coach's private notes.
  expect(await rawIndexedDb(client.page), "the client's database").not.toContain("COACH-PRIVATE-MARKER");

  client.check();
  sponsor.check();
  await client.context.close();
  await sponsor.context.close();
});
