// Shared test setup and page objects. Every test gets a fresh browser profile (so a
// fresh IndexedDB) and fails if the page requests another origin or throws.
import { test as base, expect } from "@playwright/test";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const foreign = [];
    const errors = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["data:", "blob:"].includes(url.protocol) && url.origin !== origin) foreign.push(request.url());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(page);
    expect(foreign, "requests that left the app's origin").toEqual([]);
    expect(errors, "uncaught errors in the page").toEqual([]);
  },
});
export { expect };

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
    await this.page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
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
  signatureRow(role) {
    return this.page.locator(".signatures tbody tr").filter({ hasText: role }).first();
  }
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
