// End-to-end: the calendar file with reminders and to-dos, read back by an independent
// iCalendar parser (ical.js). The coach chooses how long before each session the calendar
// reminds; a reminder longer than the gap between two sessions is refused in words and
// nothing is downloaded; the agreed action with a due date is a to-do; downloading again
// keeps every UID. On the client's device the file also holds "send your themes" to-dos.
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { test, expect, newContext, App, EngagementForm, SessionsPage, saved } from "./fixtures.mjs";
import { day, addDays } from "./clock.mjs";

/** The file's events and to-dos, as ical.js reads them. */
async function parsed(path) {
  const calendar = new ICAL.Component(ICAL.parse(await readFile(path, "utf8")));
  return { events: calendar.getAllSubcomponents("vevent"), todos: calendar.getAllSubcomponents("vtodo") };
}

const ACTION = "Write the handover list";

test("reminders and to-dos reach the calendar file; a reminder longer than the gap between sessions is refused", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const form = new EngagementForm(page);
  await coach.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(coach.heading()).toHaveText("Ada Lovelace");
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
  const sessions = new SessionsPage(page);
  // Two sessions on the same day, 09:00-10:00 and 12:00: three hours between the starts.
  await coach.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(7), time: "09:00", minutes: 60 });
  await expect(coach.heading()).not.toHaveText("New session");
  await sessions.addAction({ title: ACTION, due: day(5) });
  await saved(coach, "Added the action.");
  await coach.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(7), time: "12:00", minutes: 60 });
  await expect(coach.heading()).not.toHaveText("New session");
  await coach.open(`/engagements/${id}/sessions`);

  // A day ahead does not fit between them: said in words, nothing downloaded.
  const panel = page.getByRole("region", { name: "In your calendar" });
  await panel.getByLabel("Reminder").selectOption({ label: "1 day before" });
  let downloads = 0;
  page.on("download", () => downloads++);
  await panel.getByRole("button", { name: "Download calendar (.ics)" }).click();
  await expect(page.locator("#reminder-error")).toHaveText(
    "A reminder 1 day before is longer than the 180 minutes between the starts of two of these sessions. Choose a shorter reminder.",
  );
  expect(downloads).toBe(0);

  // An hour ahead: every session reminds an hour before; the action is a to-do due on its date.
  await panel.getByLabel("Reminder").selectOption({ label: "1 hour before" });
  const file = await sessions.download("Download calendar (.ics)");
  await expect(page.locator("#reminder-error")).toBeHidden();
  const { events, todos } = await parsed(file);
  expect(events).toHaveLength(2);
  for (const event of events) {
    const alarm = event.getFirstSubcomponent("valarm");
    expect(alarm, "a reminder on every session").toBeTruthy();
    expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
    expect(alarm.getFirstPropertyValue("trigger").toSeconds()).toBe(-3600);
  }
  expect(todos).toHaveLength(1);
  expect(todos[0].getFirstPropertyValue("summary")).toBe(ACTION);
  expect(todos[0].getFirstPropertyValue("due").toString()).toBe(day(5));
  expect(todos[0].getFirstPropertyValue("status")).toBe("NEEDS-ACTION");
  // No reminder: no alarm; and the UIDs stay the same, so the calendar updates its entries.
  await panel.getByLabel("Reminder").selectOption({ label: "No reminder" });
  const again = await parsed(await sessions.download("Download calendar (.ics)"));
  expect(again.events.map((e) => e.getFirstSubcomponent("valarm"))).toEqual([null, null]);
  const uids = (list) => list.map((c) => c.getFirstPropertyValue("uid")).sort();
  expect(uids(again.events)).toEqual(uids(events));
  expect(uids(again.todos)).toEqual(uids(todos));

  // The client's own copy: her calendar also says when to send her themes.
  await coach.open(`/engagements/${id}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download this engagement" }).click();
  const relationship = await (await downloading).path();
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const client = new App(await context.newPage());
  await client.open("/data");
  await client.page.getByLabel("Backup or relationship file").setInputFiles(relationship);
  await client.page.getByRole("radio", { name: "Ada Lovelace" }).check();
  await client.page.getByRole("button", { name: "Import" }).click();
  await expect(client.toast).toContainText("written");
  await client.open(`/engagements/${id}`);
  await expect(client.heading()).toHaveText("My coaching with Sam Lee");
  const hers = client.main.getByRole("region", { name: "In your calendar" });
  await hers.getByLabel("Reminder").selectOption({ label: "15 minutes before" });
  const herDownload = client.page.waitForEvent("download");
  await hers.getByRole("button", { name: "Download calendar (.ics)" }).click();
  const herFile = await parsed(await (await herDownload).path());
  expect(herFile.events.map((e) => e.getFirstPropertyValue("summary"))).toEqual(["Session · Sam Lee", "Session · Sam Lee"]);
  expect(herFile.events.map((e) => e.getFirstSubcomponent("valarm").getFirstPropertyValue("trigger").toSeconds())).toEqual([-900, -900]);
  const themes = herFile.todos.filter((t) => t.getFirstPropertyValue("summary") === "Send your themes for Session");
  expect(themes).toHaveLength(2);
  for (const todo of themes) expect(todo.getFirstPropertyValue("due").toString()).toBe(addDays(day(7), -2));
  expect(new Set(uids(themes)).size, "one to-do per session").toBe(2);
  expect(herFile.todos.map((t) => t.getFirstPropertyValue("summary"))).toContain(ACTION);
  await context.close();
});
