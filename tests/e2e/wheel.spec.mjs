// End-to-end: the wheel of life of one engagement. The coach names the areas (a blank or a
// repeated name is refused in words), scores a baseline (a score out of range is refused,
// nothing saved), then a mid-point: both rounds are drawn over each other, and read in
// words, as a table and as the biggest change. Scoring the baseline again replaces it and
// says so. The areas stay fixed once scored. Dates derive from the tests' clock.
import { test, expect, App, makeEngagement, saved, noViolationsInBothThemes } from "./fixtures.mjs";
import { today, longDate } from "./clock.mjs";

const AREAS = ["Health and energy", "Work and career", "Money", "Close relationships", "Family and friends", "Learning and growth", "Fun and rest", "Home and surroundings"];

/** Fills one score per area, in order, and saves the round. */
async function scoreRound(page, scores, point) {
  const form = page.getByRole("form", { name: "Score the wheel" });
  if (point) await form.getByLabel("Review point").selectOption({ label: point });
  for (const [i, score] of scores.entries()) await form.getByLabel(AREAS[i], { exact: true }).fill(String(score));
  await form.getByRole("button", { name: "Save the round" }).click();
}

test("a wheel taken at baseline and mid-point shows both rounds, in a radar, in words and in a table", async ({ page }) => {
  const app = new App(page);
  await makeEngagement(app);
  const wheelPanel = page.getByRole("region", { name: "Wheel of life" });
  await expect(wheelPanel).toContainText("Not scored yet");
  await wheelPanel.getByRole("link", { name: "Open the wheel of life" }).click();
  await expect(app.heading()).toHaveText("Wheel of life");

  // The areas: eight to start with; a blank name and a repeated one are refused.
  const areas = page.getByRole("form", { name: "Areas of the wheel" });
  for (const [i, name] of AREAS.entries()) await expect(areas.getByLabel(`Area ${i + 1}`, { exact: true })).toHaveValue(name);
  await areas.getByLabel("Area 1", { exact: true }).fill("");
  await areas.getByLabel("Area 4", { exact: true }).fill("Money");
  await areas.getByRole("button", { name: "Save the areas" }).click();
  await expect(page.locator("#wheel_area_0-error")).toHaveText("Enter the name of area 1.");
  await expect(page.locator("#wheel_area_3-error")).toHaveText("Area 4 has the same name as area 3. Give each area a name of its own.");
  // A ninth area can be added, and removed again.
  await areas.getByRole("button", { name: "Add an area" }).click();
  await expect(areas.getByLabel("Area 9", { exact: true })).toHaveValue("");
  await areas.getByRole("button", { name: "Remove area 9" }).click();
  await expect(areas.getByLabel("Area 9", { exact: true })).toHaveCount(0);
  await areas.getByLabel("Area 1", { exact: true }).fill(AREAS[0]);
  await areas.getByLabel("Area 4", { exact: true }).fill(AREAS[3]);
  await areas.getByRole("button", { name: "Save the areas" }).click();
  await saved(app, "Saved the areas.");
  await noViolationsInBothThemes(app, "the wheel of life before the first round");

  // A baseline with one score out of range: refused, nothing saved.
  await scoreRound(page, [4, 6, 11, 7, 8, 5, 3, 6]);
  await expect(page.locator("#wheel_score_2-error")).toHaveText("Score Money from 1 to 10.");
  await expect(page.getByRole("region", { name: "The rounds so far" })).toHaveCount(0);
  await scoreRound(page, [4, 6, 5, 7, 8, 5, 3, 6]);
  await saved(app, "Saved the round.");
  const rounds = page.getByRole("region", { name: "The rounds so far" });
  await expect(rounds.locator("polygon.radar__round")).toHaveCount(1);
  await expect(page.getByRole("form", { name: "Areas of the wheel" })).toHaveCount(0);

  // The mid-point (the form offers it next).
  await expect(page.getByRole("form", { name: "Score the wheel" }).getByLabel("Review point")).toHaveValue("mid_point");
  await scoreRound(page, [6, 6, 8, 7, 8, 6, 5, 6]);
  await saved(app, "Saved the round.");
  await expect(rounds.locator("polygon.radar__round")).toHaveCount(2);
  await expect(rounds.getByRole("list", { name: "Rounds" }).getByRole("listitem")).toHaveText([
    `Baseline · ${longDate(today())}`,
    `Mid-point · ${longDate(today())}`,
  ]);
  const words = rounds.getByRole("list", { name: "Scores by area" }).getByRole("listitem");
  await expect(words.nth(2)).toHaveText("Money: 5 at baseline, 8 at mid-point");
  await expect(rounds).toContainText("Biggest change between the baseline and mid-point rounds: Money went up by 3, from 5 to 8.");
  await expect(rounds.getByRole("table").locator("tbody tr").nth(2)).toHaveText("Money58");
  await noViolationsInBothThemes(app, "the wheel of life with two rounds");

  // The baseline again replaces the earlier one, and says so.
  await scoreRound(page, [5, 6, 4, 7, 8, 5, 3, 6], "Baseline");
  await saved(app, "Saved the round. It replaces the earlier baseline round.");
  await expect(rounds.locator("polygon.radar__round")).toHaveCount(2);
  await expect(words.nth(2)).toHaveText("Money: 4 at baseline, 8 at mid-point");

  await app.reload();
  await expect(rounds.locator("polygon.radar__round")).toHaveCount(2);
  await page.getByRole("link", { name: "← Ada Lovelace" }).click();
  await expect(page.getByRole("region", { name: "Wheel of life" })).toContainText("Scored at: Baseline, Mid-point.");
});
