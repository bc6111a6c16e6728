// Shared test setup, page objects and helpers (a save's message, axe in both themes, the
// raw database). Every test gets a fresh browser profile (so a fresh IndexedDB) and fails if
// the page requests another origin or throws. Every browser context runs on the tests' clock
// (tests/e2e/clock.mjs): the default one through the `context` fixture below, any other
// through `newContext`.
import { test as playwrightTest, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { installClock, clockContextOptions, startTestClock } from "./clock.mjs";

const require = createRequire(import.meta.url);
let axe;
const axeSource = () => (axe ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));

/**
 * Playwright's `test` with the tests' clock in its browser context, and nothing more: for
 * a test that must see the page's errors itself. Most tests want `test`.
 */
export const testOnClock = playwrightTest.extend({
  // Each test starts at the tests' "now" (tests/e2e/clock.mjs).
  testClock: [
    async ({}, use) => {
      startTestClock();
      await use();
    },
    { auto: true },
  ],
  context: async ({ context, testClock }, use) => {
    await installClock(context);
    await use(context);
  },
});

export const test = testOnClock.extend({
  page: async ({ page, baseURL }, use) => {
    const check = await guardPage(page, baseURL);
    await use(page);
    check();
  },
});

/**
 * A new browser context (a fresh profile: another device, another person) on the tests'
 * clock and in their time zone. Every context a test makes itself comes from here, so
 * none runs on another day than the rest (tests/e2e/clock.spec.mjs checks).
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ ...clockContextOptions(), ...options });
  await installClock(context);
  return context;
}

/**
 * Watches `page` as every test does: requests to any origin but the app's (and `allowed`,
 * e.g. the sync spec's server), uncaught errors, policy violations. Returns the check to
 * run when the test is done.
 */
export async function guardPage(page, baseURL, allowed = []) {
  const origins = [new URL(baseURL).origin, ...allowed.map((a) => new URL(a).origin)];
  const foreign = [];
  const errors = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && !origins.includes(url.origin)) foreign.push(request.url());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const violations = await watchSecurityPolicy(page);
  return () => {
    expect(foreign, "requests that left the app's origin").toEqual([]);
    expect(errors, "uncaught errors in the page").toEqual([]);
    expect(violations, "Content-Security-Policy or Trusted Types violations").toEqual([]);
  };
}
export { expect };

/**
 * Collects every Content-Security-Policy and Trusted Types violation on `page`, across
 * reloads: each document reports its `securitypolicyviolation` events to the console,
 * where the browser also reports what it blocked.
 */
export async function watchSecurityPolicy(page) {
  const violations = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
      console.error(`Security policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}${where}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Security policy violation|Content Security Policy|Trusted Type/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  return violations;
}

/** The app as a whole: opening it and waiting until it has replaced the static shell. */
export class App {
  constructor(page) {
    this.page = page;
    this.main = page.locator("main");
    this.toast = page.locator(".toast");
  }
  async open(fragment = "") {
    await this.page.goto(fragment ? `./#${fragment}` : "./");
    await this.ready();
  }
  async reload() {
    await this.page.reload();
    await this.ready();
  }
  async ready() {
    await expect(this.page.locator("#boot-status")).toHaveCount(0);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }
  async nav(label) {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
  }
  /** Runs axe-core on the current page and returns its violations. */
  async accessibilityViolations() {
    // Evaluated rather than added as a <script>: the page's Content-Security-Policy allows
    // no inline script, and the test must not weaken it.
    if (!(await this.page.evaluate(() => "axe" in window))) await this.page.evaluate(axeSource());
    const result = await this.page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }
}

/** The list of engagements. */
export class EngagementList {
  constructor(page) {
    this.page = page;
    this.emptyState = page.getByRole("region", { name: "No engagements yet" });
    this.cards = page.getByRole("list", { name: "Engagements" }).getByRole("listitem");
  }
  card(client) {
    return this.cards.filter({ has: this.page.getByRole("link", { name: client, exact: true }) });
  }
  async open(client) {
    await this.page.getByRole("link", { name: client, exact: true }).click();
  }
  async startNew() {
    await this.page.getByRole("link", { name: /New engagement|Create your first engagement/ }).first().click();
  }
}

/** The create / edit form. */
export class EngagementForm {
  constructor(page) {
    this.page = page;
    this.client = page.getByLabel("Client or mentee");
    this.practitioner = page.getByLabel("Coach or mentor");
    this.title = page.getByLabel(/Short title/);
    this.summary = page.getByRole("alert").filter({ hasText: "Please check this form" });
  }
  kind(label) {
    return this.page.getByRole("radio", { name: label });
  }
  async fill({ client, practitioner, kind, title }) {
    if (client !== undefined) await this.client.fill(client);
    if (practitioner !== undefined) await this.practitioner.fill(practitioner);
    if (kind !== undefined) await this.kind(kind).check();
    if (title !== undefined) await this.title.fill(title);
  }
  async submit() {
    await this.page.getByRole("button", { name: /Create engagement|Save changes/ }).click();
  }
  /** The error message shown next to a field. */
  errorNextTo(id) {
    return this.page.locator(`#${id}-error`);
  }
}

/**
 * Makes an engagement through the form (a coaching one for Ada Lovelace with Sam Lee unless
 * told otherwise), waits for its page, and returns its id.
 */
export async function makeEngagement(app, { client = "Ada Lovelace", practitioner = "Sam Lee", kind = "Coaching" } = {}) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner, kind });
  await form.submit();
  await expect(app.heading()).toHaveText(client);
  const id = new URL(app.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  expect(id, "the engagement's id in the address").toBeTruthy();
  return id;
}

/** One engagement's page. */
export class EngagementDetail {
  constructor(page) {
    this.page = page;
    this.dialog = page.getByRole("dialog");
  }
  async edit() {
    await this.page.getByRole("link", { name: "Edit" }).click();
  }
  async deleteAndConfirm() {
    await this.page.getByRole("button", { name: "Delete" }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole("button", { name: "Delete engagement" }).click();
  }
  fact(term) {
    return this.page.locator(".facts div").filter({ has: this.page.locator("dt", { hasText: term }) }).locator("dd");
  }
}

/** The contract screens of one engagement. */
export class ContractPage {
  constructor(page) {
    this.page = page;
    this.check = page.getByRole("complementary", { name: "Contract check" });
    this.status = page.locator(".page-header .status");
  }
  async startFromTemplate(name) {
    await this.page.getByRole("link", { name: "Start the contract" }).click();
    await this.page.getByRole("radio", { name }).check();
    await this.page.getByRole("button", { name: "Start from this template" }).click();
    await expect(this.check).toBeVisible();
  }
  async addGoal(description, measure, index = 0) {
    await this.page.getByRole("button", { name: "Add a goal" }).click();
    await this.page.locator(`#goal_${index}_description`).fill(description);
    await this.page.locator(`#goal_${index}_measure`).fill(measure);
  }
  proposeButton() {
    return this.page.getByRole("button", { name: "Propose to every party" });
  }
  /** A finding of the contract check: a link to the field or clause that fixes it. */
  finding(text) {
    return this.check.getByRole("link", { name: text });
  }
  async saveDraft() {
    await this.page.getByRole("button", { name: "Save draft" }).click();
  }
  async agreeAs(role, name, { reporting = true } = {}) {
    await this.page.getByRole("button", { name: new RegExp(`^Agree as ${role}`) }).click();
    const form = this.page.getByRole("form", { name: `Agree as ${role}` });
    await form.getByLabel("Your full name").fill(name);
    await form.getByLabel(/limits of confidentiality/).check();
    if (reporting) await form.getByLabel(/reported to the sponsor/).check();
    await form.getByRole("button", { name: /^I agree to version/ }).click();
  }
  /** Clicks a download button and returns the saved file's path. */
  async download(buttonName) {
    const downloading = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: buttonName }).click();
    const download = await downloading;
    return await download.path();
  }
  async addAgreementFile(path) {
    await this.page.locator(".exchange input[type=file]").setInputFiles(path);
  }
  /**
   * Opens a proposal file on this device ("Open a proposal"). When its engagement is new
   * here, the person first says who they are in it: `as` is the name they pick.
   */
  async openProposal(path, { as } = {}) {
    await new App(this.page).open("/open");
    await this.page.locator("#proposal-file").setInputFiles(path);
    if (as) {
      await this.page.getByRole("radio", { name: as }).check();
      await this.page.getByRole("button", { name: "Open the proposal" }).click();
    }
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/^Contract with /);
  }
  signatureRow(role) {
    return this.page.locator(".signatures tbody tr").filter({ hasText: role }).first();
  }
}

/** Starts, completes and proposes the contract of the engagement on screen. */
export async function proposeContract(app, template) {
  const contract = new ContractPage(app.page);
  await contract.startFromTemplate(template);
  await contract.addGoal("Lead the merged team", "Team survey at 4/5");
  await app.page.getByLabel("Fee per session").fill("350");
  const payer = app.page.getByLabel("Who pays");
  if ((await payer.inputValue()) === "") await payer.selectOption({ index: 1 });
  await contract.proposeButton().click();
  await expect(contract.status).toHaveText("Proposed");
  return contract;
}

/** The goal screens of one engagement. */
export class GoalsPage {
  constructor(page) {
    this.page = page;
    this.gas = page.getByRole("region", { name: "Goal Attainment Scaling" }).first();
  }
  async addGoal({ title, why = "", measure = "", target = "", levels = {}, method = "judged", metric }) {
    await this.page.getByRole("link", { name: /^Add (a|the first) goal$/ }).first().click();
    await this.page.getByLabel("Goal", { exact: true }).fill(title);
    if (why) await this.page.getByLabel("Why it matters").fill(why);
    if (measure) await this.page.getByLabel("How success will be known").fill(measure);
    if (target) await this.page.getByLabel("Target date").fill(target);
    for (const [score, text] of Object.entries(levels)) await this.page.locator(`#${levelId(score)}`).fill(text);
    await this.page.getByLabel("Method").selectOption(method);
    if (metric) {
      await this.page.getByLabel("Kind of number").selectOption(metric.kind);
      await this.page.getByLabel("What is counted or measured").fill(metric.unit);
      await this.page.getByLabel("Starting value").fill(String(metric.start));
      await this.page.getByLabel(/^Target( \(optional\))?$/).fill(String(metric.target));
    }
    await this.page.getByRole("button", { name: "Save the goal" }).click();
  }
  async score(point, score) {
    const form = this.page.getByRole("form", { name: "Score this goal" });
    await form.getByLabel("Review point").selectOption(point);
    await form.getByLabel("Score", { exact: true }).selectOption(score);
    await form.getByRole("button", { name: "Save the score" }).click();
  }
  async open(title) {
    await this.page.getByRole("link", { name: title, exact: true }).click();
  }
  async backToGoals() {
    await this.page.getByRole("link", { name: "← All goals" }).click();
  }
}

function levelId(score) {
  return { "-2": "gas_minus_2", "-1": "gas_minus_1", "0": "gas_0", "1": "gas_plus_1", "2": "gas_plus_2" }[score];
}

/** The sessions of one engagement: the list, one session, and the journey. */
export class SessionsPage {
  constructor(page) {
    this.page = page;
    this.list = page.getByRole("list", { name: "Sessions in date order" });
    this.items = this.list.getByRole("listitem");
    this.allocation = page.getByRole("region", { name: "Sessions used" });
    this.journey = page.getByRole("region", { name: "Where the engagement stands" });
    this.signposts = page.getByRole("region", { name: "Signposting register" });
  }
  /** From the engagement's page. */
  async openFromEngagement() {
    await this.page.getByRole("link", { name: "Open the sessions" }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Sessions");
  }
  async planSeries(time) {
    const form = this.page.getByRole("form", { name: "Plan the series" });
    await form.getByLabel("Usual start time").fill(time);
    await form.getByRole("button", { name: /^(Plan the series|Add what is missing)$/ }).click();
  }
  /** Opens a listed session by its title in the list ("Session 2", "Mid-point review"). */
  async openSession(title) {
    await this.list.getByRole("link").filter({ has: this.page.locator(".sessions__title", { hasText: new RegExp(`^${title}$`) }) }).click();
  }
  async backToSessions() {
    await this.page.getByRole("link", { name: "← Sessions" }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Sessions");
  }
  /** Clicks a download button and returns the saved file's path. */
  async download(buttonName) {
    const downloading = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: buttonName }).click();
    const download = await downloading;
    return await download.path();
  }
  /** Adds a session by hand from the sessions list; lands on the new session's page. */
  async addSession({ date, time, minutes, purpose, status }) {
    await this.page.getByRole("link", { name: "Add a session" }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("New session");
    await this.fillDetails({ date, time, minutes, purpose, status });
    await this.page.getByRole("button", { name: "Add the session" }).click();
  }
  async fillDetails({ date, time, minutes, purpose, status }) {
    if (date !== undefined) await this.page.locator("#session_date").fill(date);
    if (time !== undefined) await this.page.locator("#session_time").fill(time);
    if (minutes !== undefined) await this.page.locator("#session_length").fill(String(minutes));
    if (purpose !== undefined) await this.page.locator("#session_purpose").selectOption({ label: purpose });
    if (status !== undefined) await this.page.locator("#session_status").selectOption({ label: status });
  }

  // One session's sections.
  section(title) {
    return this.page.getByRole("region", { name: title });
  }
  themes() {
    return this.page.getByRole("list", { name: "Themes" }).getByRole("listitem");
  }
  agenda() {
    return this.page.getByRole("list", { name: "Agenda" }).locator(".agenda__text");
  }
  async fillTheme({ what = "", why = "", leave = "" }) {
    const form = this.page.getByRole("form", { name: "Add a theme" });
    await form.getByLabel(/^What I want to bring/).fill(what);
    await form.getByLabel(/^Why now/).fill(why);
    await form.getByLabel(/^What I want to leave with/).fill(leave);
    await form.getByRole("button", { name: "Add the theme" }).click();
  }
  async addAgendaLine(text) {
    const form = this.page.getByRole("form", { name: "Add to the agenda" });
    await form.getByLabel(/^Add a line to the agenda/).fill(text);
    await form.getByRole("button", { name: "Add to the agenda" }).click();
  }
  async saveAgreement(want, howKnow) {
    const form = this.page.getByRole("form", { name: "Session agreement" });
    await form.getByLabel(/^What do you want from today\?/).fill(want);
    await form.getByLabel(/^How will you know you have it\?/).fill(howKnow);
    await form.getByRole("button", { name: "Save the agreement" }).click();
  }
  async fillNotes({ shared, practitioner, client }) {
    if (shared !== undefined) await this.page.locator("#note_shared").fill(shared);
    if (practitioner !== undefined) await this.page.locator("#note_practitioner_private").fill(practitioner);
    if (client !== undefined) await this.page.locator("#note_client_private").fill(client);
  }
  async saveNotes() {
    await this.page.getByRole("form", { name: "Notes" }).getByRole("button", { name: "Save the notes" }).click();
  }
  actions() {
    return this.page.getByRole("list", { name: "Actions agreed in this session" }).getByRole("listitem");
  }
  async addAction({ title, goal, owner, due }) {
    const form = this.page.getByRole("form", { name: "Add an action" });
    await form.getByLabel(/^What to practise/).fill(title);
    if (goal !== undefined) await form.getByLabel(/^For the goal/).selectOption({ label: goal });
    if (owner !== undefined) await form.getByLabel(/^Who does it/).selectOption({ label: owner });
    if (due !== undefined) await form.getByLabel(/^Due date/).fill(due);
    await form.getByRole("button", { name: "Add the action" }).click();
  }
  /** The actions to review (not the earlier reviews listed inside each). */
  reviews() {
    return this.page.getByRole("list", { name: "Actions to review" }).locator(":scope > li");
  }
  async review(title, outcome, learned) {
    const form = this.page.getByRole("form", { name: `Review: ${title}` });
    await form.getByRole("radio", { name: outcome, exact: true }).check();
    await form.getByLabel("What was learned").fill(learned);
    await form.getByRole("button", { name: "Save the review" }).click();
  }
  async saveDetails() {
    await this.page.getByRole("button", { name: "Save date and status" }).click();
  }
  warnings() {
    return this.page.locator(".notice--warning");
  }
}

/** The evidence of practice page (ICF log, EMCC summary, supervision log) and an engagement's reports. */
export class EvidencePage {
  constructor(page) {
    this.page = page;
    this.icf = page.getByRole("region", { name: "ICF client coaching log" });
    this.icfTable = page.getByRole("table", { name: "ICF client coaching log" });
    this.emcc = page.getByRole("region", { name: "EMCC evidence summary" });
    this.supervision = page.getByRole("region", { name: "Supervision log" });
    this.supervisionForm = page.getByRole("form", { name: "Log supervision" });
    this.supervisionEntries = page.getByRole("list", { name: "Supervision sessions" }).getByRole("listitem");
    this.cpd = page.getByRole("region", { name: "CPD log" });
    this.cpdForm = page.getByRole("form", { name: "Log CPD" });
    this.cpdEntries = page.getByRole("list", { name: "CPD activities" }).getByRole("listitem");
  }
  /** The ICF log's row whose row header is exactly `client`. */
  row(client) {
    return this.icfTable.locator("tbody tr").filter({ has: this.page.getByRole("rowheader", { name: client, exact: true }) });
  }
  /** The row's cells after the row header: contact, individual or group, start, end, paid, pro bono, note. */
  cells(client) {
    return this.row(client).locator("td");
  }
  totals() {
    return this.icfTable.locator("tfoot tr");
  }
  credential(name) {
    return this.icf.getByRole("progressbar", { name: new RegExp(`^${name}: `) });
  }
  /** The EMCC check row for one kind of evidence ("Client hours", "Supervision"). */
  emccCheck(what) {
    return this.emcc.locator("tbody tr").filter({ has: this.page.getByRole("rowheader", { name: what, exact: true }) });
  }
  quarters() {
    return this.emcc.locator("ul.quarters li");
  }
  async logSupervision({ date, hours, supervisor, note }) {
    const form = this.supervisionForm;
    if (date !== undefined) await form.getByLabel(/^Date/).fill(date);
    if (hours !== undefined) await form.getByLabel(/^Hours/).fill(hours);
    if (supervisor !== undefined) await form.getByLabel(/^Supervisor/).fill(supervisor);
    if (note !== undefined) await form.getByLabel(/^Note/).fill(note);
    await form.getByRole("button", { name: "Log it" }).click();
  }
  async logCpd({ date, activity, hours, kind, note }) {
    const form = this.cpdForm;
    if (date !== undefined) await form.getByLabel(/^Date/).fill(date);
    if (activity !== undefined) await form.getByLabel(/^What you did/).fill(activity);
    if (hours !== undefined) await form.getByLabel(/^Hours/).fill(hours);
    if (kind !== undefined) await form.getByLabel(/^Kind of development/).selectOption({ label: kind });
    if (note !== undefined) await form.getByLabel(/^Note/).fill(note);
    await form.getByRole("button", { name: "Log it" }).click();
  }
  /** Clicks a download button and returns the saved file's path. */
  async download(buttonName, scope = this.page) {
    const downloading = this.page.waitForEvent("download");
    await scope.getByRole("button", { name: buttonName }).click();
    const download = await downloading;
    return await download.path();
  }
}

/** Settings → Sync: the sync target form, its buttons and the status line. */
export class SyncSettings {
  constructor(page) {
    this.page = page;
    this.section = page.getByRole("region", { name: "Sync", exact: true });
    this.status = this.section.locator(".sync__status");
    this.tested = page.locator(".sync__tested");
    /** The status line's count of changes not yet sent. */
    this.waiting = this.status.locator(".facts div").filter({ has: page.locator("dt", { hasText: "Changes waiting" }) }).locator("dd");
  }
  async fill({ server, database, signIn, username, password, endToEnd, syncPassphrase }) {
    if (server !== undefined) await this.section.getByLabel("Server address").fill(server);
    if (database !== undefined) await this.section.getByLabel("Database name").fill(database);
    if (signIn !== undefined) await this.section.getByLabel(signIn === "session" ? "A sign-in session in this browser" : "User name and password").check();
    if (username !== undefined) await this.section.getByRole("textbox", { name: /^User name/ }).fill(username);
    if (password !== undefined) await this.section.getByLabel(/^Password/).fill(password);
    if (endToEnd !== undefined) await this.section.getByLabel("Encrypt end to end").setChecked(endToEnd);
    if (syncPassphrase !== undefined) await this.section.getByLabel("Sync passphrase").fill(syncPassphrase);
  }
  async test() {
    await this.section.getByRole("button", { name: "Test connection" }).click();
  }
  async save() {
    await this.section.getByRole("button", { name: /^Save and (sync|start syncing)$/ }).click();
  }
  async syncNow() {
    await this.section.getByRole("button", { name: "Sync now" }).click();
  }
}

/** An engagement's relationship updates: send one to another party, open one they sent. */
export class UpdatesPage {
  constructor(page) {
    this.page = page;
    this.preview = page.getByRole("region", { name: "What the update brings" });
  }
  /** From the engagement's page ("Your part" leads there). */
  async openFromEngagement() {
    await this.page.getByRole("link", { name: "Updates with the others" }).click();
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText(/^Updates with /);
  }
  /** Sends an update to `name` and returns the saved file's path. */
  async send(name) {
    const downloading = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: `Send an update to ${name}` }).click();
    return await (await downloading).path();
  }
  /** Chooses an update file (on this page or on "Open an update"). */
  async choose(path) {
    await this.page.getByLabel("Update file").setInputFiles(path);
  }
  async apply() {
    await this.page.getByRole("button", { name: "Apply the update" }).click();
  }
}

/** Waits for a save's message, then dismisses it so the next save's can be awaited. */
export async function saved(app, text) {
  await expect(app.toast).toContainText(text);
  await app.page.getByRole("button", { name: "Dismiss message" }).click();
  await expect(app.toast).toHaveCount(0);
}

/** axe on the current screen with the device set to light, then to dark. */
export async function noViolationsInBothThemes(app, screen) {
  for (const colorScheme of ["light", "dark"]) {
    await app.page.emulateMedia({ colorScheme });
    await expect(app.page.locator("html")).toHaveAttribute("data-theme", colorScheme);
    expect(await app.accessibilityViolations(), `${screen} (${colorScheme})`).toEqual([]);
  }
  await app.page.emulateMedia({ colorScheme: "light" });
}

/** Every value in every object store of the app's database, as text. */
export async function rawIndexedDb(page) {
  return readAccordDb(page, null);
}

/**
 * One record of the `meta` store as the app keeps it; a browser key object in it is
 * described (type, algorithm, extractable, and what exporting its private bytes gives).
 */
export async function readMeta(page, key) {
  return readAccordDb(page, key);
}

/** Reads the app's database directly: every store as text, or one `meta` record. */
async function readAccordDb(page, metaKey) {
  return page.evaluate(
    (metaKey) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("accord");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = metaKey === null ? Array.from(db.objectStoreNames) : ["meta"];
          const tx = db.transaction(names, "readonly");
          const out = [];
          for (const name of names) {
            const store = tx.objectStore(name);
            const request = metaKey === null ? store.getAll() : store.get(metaKey);
            request.onsuccess = () => out.push(metaKey === null ? name + ":" + JSON.stringify(request.result) : request.result);
          }
          tx.oncomplete = async () => {
            db.close();
            if (metaKey === null) return resolve(out.join("\n"));
            const record = out[0];
            if (record === undefined) return resolve(null);
            const described = {};
            for (const [field, value] of Object.entries(record)) {
              if (value instanceof CryptoKey) {
                const exported = await crypto.subtle.exportKey("pkcs8", value).then(() => "exported", (e) => e.name);
                described[field] = { type: value.type, algorithm: value.algorithm.name, extractable: value.extractable, exported };
              } else {
                described[field] = value instanceof Uint8Array ? Array.from(value) : value;
              }
            }
            resolve(described);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    metaKey,
  );
}

/** English phrases whose German differs, from the catalog the app is built with. */
function englishPhrases() {
  const lines = readFileSync(new URL("../../src/i18n/de.txt", import.meta.url), "utf8").split("\n");
  const phrases = [];
  let en = null;
  for (const line of lines) {
    if (line.startsWith("en: ")) en = line.slice(4);
    else if (line.startsWith("de: ") && en !== null) {
      const de = line.slice(4);
      // Only the fixed text of a phrase; words shorter than 4 letters say too little.
      for (const piece of en.split(/\{[a-z_]+\}/)) {
        const text = piece.trim();
        if (text.length >= 4 && /[a-z]/i.test(text) && !de.includes(text)) phrases.push(text);
      }
      en = null;
    }
  }
  // A single English word that German uses too ("Private Notizen") proves nothing.
  const germanWords = new Set(lines.filter((line) => line.startsWith("de: ")).flatMap((line) => line.slice(4).split(/[^\p{L}-]+/u)));
  return [...new Set(phrases)].filter((phrase) => /\s/.test(phrase) || !germanWords.has(phrase));
}
const ENGLISH = englishPhrases();
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the person reads: header, navigation and the main area. */
async function visibleText(page) {
  return page.evaluate(() => ["header", "nav", "main"].map((selector) => document.querySelector(selector)?.innerText ?? "").join("\n"));
}

/** Fails if the screen shows an English catalog phrase or a raw `{placeholder}`. */
export async function expectGerman(page, screen) {
  // The switch's label is in both languages on purpose, so either reader finds it.
  const text = (await visibleText(page)).replaceAll("Language / Sprache", "");
  // A raw {placeholder}; a merge field such as {{client_name}} is meant to be shown.
  expect(text, `${screen}: a raw placeholder`).not.toMatch(/(?<!\{)\{[a-z_]+\}(?!\})/);
  const untranslated = ENGLISH.filter((phrase) => new RegExp(`(^|[^\\p{L}])${escape(phrase)}($|[^\\p{L}])`, "u").test(text));
  expect(untranslated, `${screen}: English text on a German screen`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang), `${screen}: <html lang>`).toBe("de");
}
