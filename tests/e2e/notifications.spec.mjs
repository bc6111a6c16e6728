// End-to-end: notifications of what needs attention, only if the person asks for them
// (Settings → Notifications). With the browser's permission, turning them on shows each
// "Needs attention" item once on this device, linking back into this copy of Accord; a
// reload shows nothing twice, and an item that appears later is shown then. Where the
// browser refuses, the panel says how to allow them; where it cannot, it says so and offers
// nothing. `showNotification` is recorded rather than shown: a headless browser has no
// notification area. Dates derive from the tests' clock (tests/e2e/clock.mjs).
import { test, expect, App, SessionsPage, saved, noViolationsInBothThemes, makeEngagement } from "./fixtures.mjs";
import { day, longDate } from "./clock.mjs";

const panel = (page) => page.getByRole("region", { name: "Notifications" });
const turnOn = (page) => panel(page).getByRole("button", { name: "Turn on notifications" });
const shown = (page) => page.evaluate(() => window.shown ?? []);

/** Records every notification the page asks its service worker to show in `window.shown`. */
async function recordNotifications(page) {
  await page.addInitScript(() => {
    window.shown = [];
    if (!("ServiceWorkerRegistration" in window)) return;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      window.shown.push({ title, options: JSON.parse(JSON.stringify(options)) });
      return Promise.resolve();
    };
  });
}

async function addPlannedSession(app, id, date, time) {
  const sessions = new SessionsPage(app.page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date, time, minutes: 60, purpose: "Session", status: "Planned" });
  await saved(app, "Added the session");
}

test("turned on with the browser's permission, each item is shown once, linking into the app", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  await context.grantPermissions(["notifications"], { origin });
  await recordNotifications(page);
  const app = new App(page);
  const id = await makeEngagement(app);
  await addPlannedSession(app, id, day(-1), "10:00");

  // Off until the person turns them on: nothing is shown meanwhile.
  await app.open("/settings");
  await expect(panel(page)).toContainText("Nothing is sent anywhere: the notice comes from this app on this device.");
  await expect(panel(page).getByRole("status")).toHaveText("Notifications are off.");
  expect(await shown(page)).toEqual([]);

  await turnOn(page).click();
  await expect(panel(page).getByRole("status")).toHaveText("Notifications are on.");
  await expect.poll(() => shown(page)).toHaveLength(1);
  const [notice] = await shown(page);
  expect(notice.title).toBe("Accord: Ada Lovelace");
  expect(notice.options.body).toBe(`Record what happened in the session on ${longDate(day(-1))}`);
  expect(notice.options.tag).toContain(`${id}/record-session/`);
  const url = new URL(notice.options.data.url);
  expect(url.origin, "a notification leads into this copy of Accord").toBe(origin);
  expect(url.hash).toMatch(new RegExp(`^#/engagements/${id}/sessions/[^/]+$`));
  expect(new URL(notice.options.icon, baseURL).origin).toBe(origin);
  await noViolationsInBothThemes(app, "settings with notifications");

  // After a reload the same item is not shown again; one that appears later is.
  await app.reload();
  await addPlannedSession(app, id, day(2), "23:00");
  await expect.poll(() => shown(page)).toHaveLength(1);
  const [later] = await shown(page);
  expect(later.options.body).toBe(`No themes yet for the session on ${longDate(day(2))}`);

  // Turned off: the choice is kept, and nothing more is shown.
  await app.open("/settings");
  await panel(page).getByRole("button", { name: "Turn off" }).click();
  await expect(panel(page).getByRole("status")).toHaveText("Notifications are off.");
  await expect(turnOn(page)).toBeVisible();
  expect(await shown(page), "nothing shown twice, nothing after turning off").toHaveLength(1);
  await app.reload();
  await expect(panel(page).getByRole("status")).toHaveText("Notifications are off.");
});

test("refused by the browser, the panel says how to allow them, and nothing is shown", async ({ page }) => {
  await recordNotifications(page);
  await page.addInitScript(() => {
    if (!("Notification" in window)) return;
    let answer = "default";
    Object.defineProperty(Notification, "permission", { configurable: true, get: () => answer });
    Notification.requestPermission = () => {
      answer = "denied";
      return Promise.resolve(answer);
    };
  });
  const app = new App(page);
  const id = await makeEngagement(app);
  await addPlannedSession(app, id, day(-1), "10:00");
  await app.open("/settings");
  await turnOn(page).click();
  await expect(panel(page)).toContainText(
    "Notifications are blocked for this site in the browser's settings. To use them, allow notifications for this site there, then come back."
  );
  await expect(turnOn(page)).toHaveCount(0);
  await noViolationsInBothThemes(app, "settings with notifications blocked");
  // The rest of the app carries on: the home screen still lists the item.
  await app.nav("Engagements");
  await expect(page.getByRole("region", { name: "Needs attention" }).getByRole("listitem")).toHaveCount(1);
  expect(await shown(page)).toEqual([]);
});

test("where the browser cannot show notifications, the panel says so and offers no button", async ({ page }) => {
  await page.addInitScript(() => {
    delete window.Notification;
  });
  const app = new App(page);
  await app.open("/settings");
  await expect(panel(page)).toContainText(
    "This browser cannot show notifications. The home screen's list and your calendar reminders still work."
  );
  await expect(panel(page).getByRole("button")).toHaveCount(0);
  await noViolationsInBothThemes(app, "settings without notifications");
});
