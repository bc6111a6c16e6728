// End-to-end: the goal tracker in the release build: GAS levels and scores with the
// T-score, a metric with entries, actions rolling up, visibility, and bad input.
import { test, expect, App, EngagementForm, GoalsPage } from "./fixtures.mjs";
import { day } from "./clock.mjs";

// Target and due dates ahead of today, so nothing is overdue.
const TARGET = day(115);
const DUE = day(40);

const levels = {
  "-1": "Still reads from notes every week",
  "0": "Runs the meeting without notes most weeks",
  "1": "Runs it without notes and others take parts",
};

async function engagementWithGoals(page) {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  await page.getByRole("link", { name: "Open the goals" }).click();
  await expect(app.heading()).toHaveText("Goals");
  return app;
}

test("three scaled goals are scored at baseline and mid-point, with metrics, actions and visibility", async ({ page }) => {
  test.setTimeout(90_000);
  const app = await engagementWithGoals(page);
  const goals = new GoalsPage(page);
  await expect(page.getByRole("region", { name: "No goals yet" })).toBeVisible();

  await goals.addGoal({
    title: "Run the weekly team meeting without notes",
    why: "The team needs to see me lead, not read.",
    measure: "Four meetings in a row without notes",
    target: TARGET,
    levels,
  });
  await expect(app.heading()).toHaveText("Run the weekly team meeting without notes");
  await expect(page.getByText("Reads as SMART")).toBeVisible();
  await goals.backToGoals();

  await goals.addGoal({
    title: "Present the quarterly results to the board",
    why: "Visibility with the board.",
    measure: "Four presentations given",
    target: TARGET,
    levels: { "-1": "One presentation", "0": "Three presentations", "1": "Four presentations" },
    method: "metric",
    metric: { kind: "cumulative", unit: "Presentations given", start: 0, target: 4 },
  });
  await expect(app.heading()).toHaveText("Present the quarterly results to the board");
  await goals.backToGoals();

  await goals.addGoal({
    title: "Delegate two projects to the team",
    why: "Free time for strategy.",
    measure: "Two projects led by others",
    target: TARGET,
    levels: { "-1": "One project handed over", "0": "Two projects handed over", "1": "Two, and a third planned" },
    method: "roll_up",
  });
  await expect(app.heading()).toHaveText("Delegate two projects to the team");
  await goals.backToGoals();
  await expect(page.getByRole("list", { name: "Goals" }).getByRole("listitem")).toHaveCount(3);

  // Baseline: every goal at −1. T = 50 + 10·(−3) / √(0.7·3 + 0.3·9) = 50 − 30/√4.8 ≈ 36.3
  for (const title of ["Run the weekly team meeting without notes", "Present the quarterly results to the board", "Delegate two projects to the team"]) {
    await goals.open(title);
    await goals.score("baseline", "-1");
    await expect(app.toast).toContainText("Score saved.");
    await goals.backToGoals();
  }
  await expect(goals.gas).toContainText("T = 36.3");

  // Mid-point: 0, +1, 0. T = 50 + 10·1/√4.8 ≈ 54.6; the chart now has two points.
  for (const [title, score] of [["Run the weekly team meeting without notes", "0"], ["Present the quarterly results to the board", "1"], ["Delegate two projects to the team", "0"]]) {
    await goals.open(title);
    await goals.score("mid_point", score);
    await expect(app.toast).toContainText("Score saved.");
    await goals.backToGoals();
  }
  await expect(goals.gas).toContainText("T = 54.6");
  await expect(goals.gas.locator("figcaption")).toContainText("Baseline: 36.3");
  await expect(goals.gas.locator("figcaption")).toContainText("Mid-point: 54.6");
  await expect(goals.gas.locator("svg circle")).toHaveCount(2);

  // Scored levels are locked; changing them is re-contracting and keeps the history.
  await goals.open("Run the weekly team meeting without notes");
  await expect(page.getByText("The level descriptions are locked because this goal has been scored")).toBeVisible();
  await page.getByText("Change the level descriptions (re-contracting)").click();
  const recontract = page.getByRole("form", { name: "Re-contract the levels" });
  await recontract.getByLabel("0 As expected").fill("Runs the meeting without notes every week");
  await recontract.getByRole("button", { name: "Record the new levels" }).click();
  await expect(app.toast).toContainText("the earlier ones are kept");
  await expect(page.locator(".gas-levels__expected td")).toHaveText("Runs the meeting without notes every week");
  await page.locator("details.recontract-levels").evaluate((details) => (details.open = true));
  await expect(page.getByRole("heading", { name: "Earlier level descriptions" })).toBeVisible();
  await expect(page.locator(".recontract-levels .entries")).toContainText("0 Runs the meeting without notes most weeks");
  await goals.backToGoals();
  await expect(goals.gas).toContainText("T = 54.6");

  // A metric with entries; a value that is not a number is refused and nothing is saved.
  await goals.open("Present the quarterly results to the board");
  const metricForm = page.getByRole("form", { name: "Record a value" });
  await metricForm.getByLabel("Value").fill("2");
  await metricForm.getByRole("button", { name: "Record the value" }).click();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
  await metricForm.getByLabel("Value").fill("two more");
  await metricForm.getByRole("button", { name: "Record the value" }).click();
  await expect(page.locator("#metric_value-error")).toHaveText("Enter a number, such as 12.");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");
  await metricForm.getByLabel("Value").fill("1");
  await metricForm.getByRole("button", { name: "Record the value" }).click();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "75");
  await expect(page.locator(".chart figcaption").last()).toContainText("target 4");
  await goals.backToGoals();

  // Actions roll up into progress.
  await goals.open("Delegate two projects to the team");
  const itemForm = page.getByRole("form", { name: "Add a milestone or action" });
  for (const title of ["Hand over the reporting project", "Hand over the hiring project"]) {
    await itemForm.getByLabel("What").fill(title);
    await itemForm.getByLabel("Due date").fill(DUE);
    await itemForm.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("list", { name: "Milestones and actions" }).getByText(title, { exact: true })).toBeVisible();
  }
  await page.getByLabel("Status of Hand over the reporting project").selectOption("done");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "50");

  // Visibility.
  await page.getByLabel("Who can see this goal").selectOption("client_private");
  await expect(app.toast).toContainText("Changed who can see this goal.");
  await goals.backToGoals();
  await expect(page.getByRole("listitem").filter({ hasText: "Delegate two projects" })).toContainText("Private to the client");
  expect(await app.accessibilityViolations(), "goals page").toEqual([]);
});

test("bad goal input gets a clear message and saves nothing", async ({ page }) => {
  const app = await engagementWithGoals(page);
  const goals = new GoalsPage(page);
  // A zero weight, and an importance outside 1–5, are refused.
  await page.getByRole("link", { name: "Add the first goal" }).click();
  await page.getByLabel("Weight in the T-score").selectOption("importance_difficulty");
  await page.getByLabel("Importance (1–5)").fill("9");
  await page.getByLabel("Difficulty (1–5)").fill("2");
  await page.getByLabel("Goal", { exact: true }).fill("Improve communication");
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.locator("#goal_importance-error")).toBeVisible();
  await page.getByLabel("Weight in the T-score").selectOption("direct");
  await page.getByLabel("Goal", { exact: true }).fill("Improve communication");
  await expect(page.getByText("“Improve” is hard to see happen")).toBeVisible();
  await page.getByRole("textbox", { name: /^Weight/ }).fill("0");
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(page.locator("#goal_weight-error")).toHaveText("The weight must be more than 0.");
  await expect(app.heading()).toHaveText("New goal");
  // Without level descriptions the goal cannot be scored.
  await page.getByRole("textbox", { name: /^Weight/ }).fill("");
  await page.getByRole("button", { name: "Save the goal" }).click();
  await expect(app.heading()).toHaveText("Improve communication");
  await goals.score("baseline", "-1");
  await expect(page.locator("#score_value-error")).toHaveText("Describe the expected level (0) and at least one other before scoring.");
  await goals.backToGoals();
  await expect(page.getByRole("listitem").filter({ hasText: "Improve communication" })).toContainText("Not scored yet");
});
