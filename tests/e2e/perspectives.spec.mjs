// End-to-end: who the person is in each engagement. What someone makes on their own device
// is theirs as the practitioner; an engagement that arrives from someone else (a relationship
// file, a proposal) asks which of its people they are, remembers it, and lets them correct it.
import { test, expect, newContext, App, EngagementForm, saved, noViolationsInBothThemes } from "./fixtures.mjs";

/** A three-way coaching engagement for Ada Lovelace with Sam Lee, sponsored by Northwind (Jo Park). */
async function threeWay(app) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await app.page.getByLabel("Organisation").fill("Northwind");
  await app.page.getByLabel("Contact person").fill("Jo Park");
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
}

/** The open engagement as a relationship file; returns its path. */
async function relationshipFile(app) {
  const downloading = app.page.waitForEvent("download");
  await app.page.getByRole("button", { name: "Download this engagement" }).click();
  return await (await downloading).path();
}

const part = (page) => page.getByRole("region", { name: "Your part" });

test("an engagement made here is the practitioner's; one that arrives asks who you are, remembers it, and can be corrected", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const coach = new App(page);
  await threeWay(coach);
  await expect(part(page)).toContainText("You are the coach in this engagement (Sam Lee).");
  const file = await relationshipFile(coach);

  // Another person's own copy: the file's engagement is new there.
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const other = new App(await context.newPage());
  await other.open("/data");
  await other.page.getByLabel("Backup or relationship file").setInputFiles(file);
  await expect(other.page.getByText("The engagement with Ada Lovelace is new on this device.")).toBeVisible();
  const question = other.page.getByRole("group", { name: "Which of these people are you?" });
  await expect(question.getByRole("radio")).toHaveCount(3);
  await expect(question.getByRole("radio", { name: "Ada Lovelace" })).toBeChecked();
  await noViolationsInBothThemes(other, "who are you, on import");
  await question.getByRole("radio", { name: "Jo Park" }).check();
  await other.page.getByRole("button", { name: "Import" }).click();
  await expect(other.toast).toContainText("written");

  await other.open("/engagements");
  await other.page.getByRole("link", { name: /Ada Lovelace/ }).first().click();
  await expect(part(other.page)).toContainText("You are the sponsor in this engagement (Jo Park, Northwind).");

  // A correction: she is in fact the coachee.
  await part(other.page).getByRole("button", { name: "Change who I am here" }).click();
  await noViolationsInBothThemes(other, "your part, changing");
  await part(other.page).getByRole("radio", { name: "Ada Lovelace" }).check();
  await part(other.page).getByRole("button", { name: "Save" }).click();
  await saved(other, "Saved who you are in this engagement.");
  await expect(part(other.page)).toContainText("You are the coachee in this engagement (Ada Lovelace).");
  await other.reload();
  await expect(part(other.page)).toContainText("You are the coachee in this engagement (Ada Lovelace).");

  // It never travels: the file she sends back does not make the coach a coachee.
  const back = await relationshipFile(other);
  await coach.open("/data");
  await page.getByLabel("Backup or relationship file").setInputFiles(back);
  await expect(page.getByRole("group", { name: "Which of these people are you?" })).toHaveCount(0);
  await coach.open("/engagements");
  await page.getByRole("link", { name: /Ada Lovelace/ }).first().click();
  await expect(part(page)).toContainText("You are the coach in this engagement (Sam Lee).");
  await context.close();
});

test("a two-way engagement does not offer the sponsor", async ({ page, browser, baseURL }) => {
  const coach = new App(page);
  const form = new EngagementForm(page);
  await coach.open("/engagements/new");
  await form.fill({ client: "Grace Hopper", practitioner: "Sam Lee", kind: "Mentoring" });
  await form.submit();
  await expect(part(page)).toContainText("You are the mentor in this engagement (Sam Lee).");
  await part(page).getByRole("button", { name: "Change who I am here" }).click();
  const choices = part(page).getByRole("radio");
  await expect(choices).toHaveCount(2);
  await expect(part(page).getByRole("radio", { name: "Sam Lee" })).toBeChecked();
  await expect(part(page).getByText("The mentee")).toBeVisible();
  // Cancelling changes nothing.
  await part(page).getByRole("radio", { name: "Grace Hopper" }).check();
  await part(page).getByRole("button", { name: "Cancel" }).click();
  await coach.reload();
  await expect(part(page)).toContainText("You are the mentor in this engagement (Sam Lee).");
});
