// End-to-end: a questionnaire and the wheel of life between the coach's and the client's
// devices, passed as update files. The coach gives the intake questionnaire (a
// questionnaire with no questions is refused in words); it reaches the client with the
// coach's update and her home screen asks her to answer it; she answers it in her own
// copy (a required question left blank is refused, nothing saved), scores the wheel of
// life there too, and both come back with her update, where the coach reads her answers
// and sees the wheel scored.
import { test, expect, newContext, App, makeEngagement, UpdatesPage, saved, noViolationsInBothThemes } from "./fixtures.mjs";

const CLIENT = "Ada Lovelace";
const COACH = "Sam Lee";
const WHY_NOW = "ANSWER A new role with a team of twelve";
const DIFFERENT = "ANSWER I lead the Monday meeting without notes";
const KNOW = "ANSWER My team asks me fewer questions";

/** Sends an update to `name` from this person's updates page; returns the file's path. */
async function sendUpdate(app, id, name) {
  await app.open(`/engagements/${id}/updates`);
  const file = await new UpdatesPage(app.page).send(name);
  await saved(app, `Saved the update for ${name}`);
  return file;
}

/** Opens `file` on "Open an update", checks its summary and applies it. */
async function applyUpdate(app, file, summary) {
  const updates = new UpdatesPage(app.page);
  await app.open("/update");
  await updates.choose(file);
  await expect(updates.preview.locator(".update-preview__summary")).toHaveText(summary);
  await expect(updates.preview.locator("p.field__help"), "nothing left out").toHaveCount(0);
  await updates.apply();
  await saved(app, /Applied the update: \d+ records? written\./);
}

test("the coach gives a questionnaire, the client answers it and scores the wheel in her copy, and both come back", async ({ page, browser, baseURL }) => {
  // The coach's engagement, downloaded whole for the client's device.
  const coach = new App(page);
  const id = await makeEngagement(coach, { client: CLIENT, practitioner: COACH });
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  const file = await (await downloading).path();

  const clientDevice = await newContext(browser, { baseURL, acceptDownloads: true });
  const client = new App(await clientDevice.newPage());
  await client.open("/data");
  await client.page.locator("#import-file").setInputFiles(file);
  await client.page.getByRole("radio", { name: CLIENT }).check();
  await client.page.locator("button", { hasText: /^Import$/ }).click();
  await expect(client.toast).toBeVisible();

  // The coach gives the intake questionnaire. With every question removed it is refused.
  await coach.open(`/engagements/${id}`);
  const panel = page.getByRole("region", { name: "Questionnaires" });
  await expect(panel).toContainText("None given yet.");
  await panel.getByRole("link", { name: "Open the questionnaires" }).click();
  await expect(coach.heading()).toHaveText("Questionnaires");
  await expect(page.getByLabel("Start from")).toHaveValue("intake");
  await page.getByRole("button", { name: "Start", exact: true }).click();
  const builder = page.getByRole("form", { name: "Questions" });
  await expect(builder.getByLabel("Title")).toHaveValue("Before we start");
  await expect(builder.locator("li.questionnaire__item")).toHaveCount(7);
  for (let n = 7; n >= 1; n--) await builder.getByRole("button", { name: `Remove question ${n}` }).click();
  await builder.getByRole("button", { name: "Save the questionnaire" }).click();
  await expect(page.locator("#questions")).toHaveText("Add at least one question.");
  await expect(page.getByRole("link", { name: "Before we start" }), "nothing saved").toHaveCount(0);
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect(builder.locator("li.questionnaire__item")).toHaveCount(7);
  // The last question moves up one place, and the keyboard stays on it.
  await expect(builder.getByRole("button", { name: "Move up question 1" })).toBeDisabled();
  await expect(builder.getByRole("button", { name: "Move down question 7" })).toBeDisabled();
  await builder.getByRole("button", { name: "Move up question 7" }).click();
  await expect(builder.locator("#question_5_prompt")).toHaveValue("How will you know that this has worked?");
  await expect(builder.locator("#question_5_prompt")).toBeFocused();
  await expect(builder.locator("#question_6_prompt")).toHaveValue("How ready do you feel to make a change right now?");
  await builder.getByRole("button", { name: "Move down question 6" }).click();
  await expect(builder.locator("#question_6_prompt")).toHaveValue("How will you know that this has worked?");
  await noViolationsInBothThemes(coach, "giving a questionnaire");
  await builder.getByRole("button", { name: "Save the questionnaire" }).click();
  await saved(coach, "Saved the questionnaire. It goes to the client with your next update.");
  await expect(coach.heading()).toHaveText("Before we start");
  await expect(page.getByRole("region", { name: "Waiting for answers" })).toContainText(`${CLIENT} answers in their own copy of Accord.`);

  // It reaches the client with the coach's update.
  const toClient = await sendUpdate(coach, id, CLIENT);
  await applyUpdate(client, toClient, `${COACH} has sent 1 questionnaire.`);
  // Her home screen asks her to answer it, and leads there.
  await client.open("/engagements");
  const attention = client.page.getByRole("region", { name: "Needs attention" });
  await expect(attention.getByRole("link", { name: /Answer the questionnaire “Before we start”/ })).toBeVisible();
  await client.open(`/engagements/${id}`);
  const hers = client.page.getByRole("region", { name: "Questionnaires" });
  await expect(hers).toContainText("1 given; 1 waiting for your answers.");
  await hers.getByRole("link", { name: "Open the questionnaires" }).click();
  await client.page.getByRole("link", { name: "Before we start" }).click();
  await expect(client.heading()).toHaveText("Before we start");

  // A required question left blank is refused, and nothing is saved.
  const answers = client.page.getByRole("form", { name: "Your answers" });
  await answers.getByLabel("What brings you here, and why now?").fill(WHY_NOW);
  await answers.getByRole("group", { name: "How ready do you feel to make a change right now?" }).getByRole("radio", { name: "8", exact: true }).check();
  await answers.getByRole("button", { name: "Save my answers" }).click();
  await expect(client.page.locator("#answer_1-error")).toHaveText("Question 2: This question needs an answer.");
  await expect(client.page.getByRole("region", { name: "Answers", exact: true })).toHaveCount(0);
  await answers.getByLabel("If this turns out to be worth your time, what will be different for you?").fill(DIFFERENT);
  await answers.getByLabel("How will you know that this has worked?").fill(KNOW);
  await noViolationsInBothThemes(client, "answering a questionnaire");
  await answers.getByRole("button", { name: "Save my answers" }).click();
  await saved(client, "Saved your answers. They go back with your next update.");
  const given = client.page.getByRole("region", { name: "Answers", exact: true });
  await expect(given).toBeVisible();
  await expect(given).toContainText(WHY_NOW);
  await expect(given.getByRole("heading", { level: 3 })).toHaveText(/^Baseline · /);

  await client.open("/engagements");
  await expect(client.page.getByText(/Answer the questionnaire/), "answered, no longer asked").toHaveCount(0);

  // She scores the wheel of life in her copy too.
  await client.open(`/engagements/${id}/wheel`);
  await client.page.getByRole("form", { name: "Areas of the wheel" }).getByRole("button", { name: "Save the areas" }).click();
  await saved(client, "Saved the areas.");
  const round = client.page.getByRole("form", { name: "Score the wheel" });
  const scores = [4, 6, 5, 7, 8, 5, 3, 6];
  for (const [i, input] of (await round.locator("input[type=number]").all()).entries()) await input.fill(String(scores[i]));
  await round.getByRole("button", { name: "Save the round" }).click();
  await saved(client, "Saved the round.");

  // Both come back with her update.
  const toCoach = await sendUpdate(client, id, COACH);
  await applyUpdate(coach, toCoach, `${CLIENT} has started the wheel of life and answered 1 questionnaire.`);
  await coach.open(`/engagements/${id}`);
  await expect(page.getByRole("region", { name: "Questionnaires" })).toContainText("1 given, all answered.");
  await expect(page.getByRole("region", { name: "Wheel of life" })).toContainText("Scored at: Baseline.");
  await page.getByRole("region", { name: "Questionnaires" }).getByRole("link", { name: "Open the questionnaires" }).click();
  await expect(page.getByText(/Answered at: Baseline/)).toBeVisible();
  await page.getByRole("link", { name: "Before we start" }).click();
  const read = page.getByRole("region", { name: "Answers", exact: true });
  for (const text of [WHY_NOW, DIFFERENT, KNOW]) await expect(read).toContainText(text);
  await expect(read.locator("dd").nth(5)).toHaveText("8");
  // Answered, the questions no longer change; the coach's copy has no answer form.
  await expect(page.getByRole("form", { name: "Questions" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Your answers" })).toHaveCount(0);
  await noViolationsInBothThemes(coach, "a questionnaire's answers");
  await clientDevice.close();
});
