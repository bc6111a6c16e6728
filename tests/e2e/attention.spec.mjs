// End-to-end: the home screen's "Needs attention", per role. The coach sees a past session
// still "planned" and a session two days away with no themes, each linking to where it is
// done, and the installed app's badge shows the count (the Badging API stubbed, since a
// headless browser has no installed app); as the client in the same engagement she is
// asked for her themes instead, and once she adds one the item goes. A quiet-days setting
// out of range is refused in words and nothing saved is lost. Dates derive from the
// tests' clock (tests/e2e/clock.mjs), so the spec passes on any day.
import { test, expect, App, EngagementForm, SessionsPage, saved, noViolationsInBothThemes, makeEngagement } from "./fixtures.mjs";
import { day, longDate } from "./clock.mjs";

const panel = (page) => page.getByRole("region", { name: "Needs attention" });

/** Records every badge the app sets (`null` for a cleared badge) in `window.badges`. */
async function watchBadge(page) {
  await page.addInitScript(() => {
    window.badges = [];
    navigator.setAppBadge = (count) => {
      window.badges.push(count);
      return Promise.resolve();
    };
    navigator.clearAppBadge = () => {
      window.badges.push(null);
      return Promise.resolve();
    };
  });
}

const lastBadge = (page) => page.evaluate(() => window.badges.at(-1));

test("the coach's home lists what needs attention with links, and the app badge shows the count", async ({ page }) => {
  await watchBadge(page);
  const app = new App(page);
  const id = await makeEngagement(app);

  await app.open("/engagements");
  await expect(panel(page)).toContainText("Nothing needs attention now.");
  await expect.poll(() => lastBadge(page)).toBe(null);

  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(-1), time: "10:00", minutes: 60, purpose: "Session", status: "Planned" });
  await saved(app, "Added the session");
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(2), time: "23:00", minutes: 60, purpose: "Session", status: "Planned" });
  await saved(app, "Added the session");

  await app.open("/engagements");
  const items = panel(page).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveText(`Record what happened in the session on ${longDate(day(-1))} · Ada Lovelace`);
  await expect(items.nth(1)).toHaveText(`No themes yet for the session on ${longDate(day(2))} · Ada Lovelace`);
  await expect.poll(() => lastBadge(page)).toBe(2);
  await noViolationsInBothThemes(app, "home with what needs attention");

  // Each item opens where it is done: here, the session to record.
  await panel(page).getByRole("link", { name: /^Record what happened/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/engagements/${id}/sessions/[^/]+$`));
  await sessions.fillDetails({ status: "Held" });
  await sessions.saveDetails();
  await app.open("/engagements");
  await expect(panel(page).getByRole("listitem")).toHaveCount(1);
  await expect.poll(() => lastBadge(page)).toBe(1);
});

test("as the client she is asked for her themes instead, and the item goes once she adds one", async ({ page }) => {
  const app = new App(page);
  const id = await makeEngagement(app);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(3), time: "10:30", minutes: 60, purpose: "Session", status: "Planned" });
  await saved(app, "Added the session");
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(-2), time: "10:00", minutes: 60, purpose: "Session", status: "Planned" });
  await saved(app, "Added the session");

  // On this device, she is the client.
  await app.open(`/engagements/${id}`);
  const part = page.getByRole("region", { name: "Your part" });
  await part.getByRole("button", { name: "Change who I am here" }).click();
  await part.getByRole("radio", { name: "Ada Lovelace" }).check();
  await part.getByRole("button", { name: "Save" }).click();
  await saved(app, "Saved who you are in this engagement.");

  await app.open("/engagements");
  const items = panel(page).getByRole("listitem");
  // Nothing of the coach's (the session two days ago still "planned" is the coach's to record).
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveText(`Send your themes for the session on ${longDate(day(3))} · Ada Lovelace`);
  await noViolationsInBothThemes(app, "the client's home with what needs attention");
  await items.first().getByRole("link").click();
  await expect(app.heading()).toHaveText("My coaching with Sam Lee");
  const themeForm = page.getByRole("region", { name: "Next session" }).getByRole("form", { name: "Add a theme" });
  await themeForm.getByLabel(/^What I want to bring/).fill("Handing over the budget");
  await themeForm.getByRole("button", { name: "Add the theme" }).click();
  await saved(app, "Saved the themes.");
  await app.open("/engagements");
  await expect(panel(page)).toContainText("Nothing needs attention now.");
});

test("days before a relationship counts as quiet: out of range is refused in words, and nothing is lost", async ({ page }) => {
  const app = new App(page);
  const id = await makeEngagement(app);
  await app.open(`/engagements/${id}/edit`);
  const quiet = page.getByLabel("Days without a session before it counts as quiet");
  await expect(quiet).toHaveValue("");
  await page.getByLabel(/Short title/).fill("First-time manager");
  await quiet.fill("3");
  const form = new EngagementForm(page);
  await form.submit();
  await expect(form.errorNextTo("quiet_after_days")).toHaveText("The days without a session must be between 7 and 365.");
  await expect(page.getByLabel(/Short title/)).toHaveValue("First-time manager");
  await quiet.fill("60");
  await form.submit();
  await saved(app, "Saved the engagement with Ada Lovelace.");
  await app.open(`/engagements/${id}/edit`);
  await expect(quiet).toHaveValue("60");
  await expect(page.getByLabel(/Short title/)).toHaveValue("First-time manager");
});
