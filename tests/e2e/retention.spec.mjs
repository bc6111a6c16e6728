// End-to-end: keeping the contract's promises about data. Notes fall due for disposal when
// the retention period after the end is over (0 months: the day it ends), disposal keeps only
// what the coaching log needs and is logged; erasing asks twice while the engagement is in
// progress, reaches the other device and the sync server with no content left, and an older
// backup asks before bringing the erased engagement back.
import { readFile } from "node:fs/promises";
import { test, expect, App, EngagementForm, ContractPage, SessionsPage, EngagementList, saved, noViolationsInBothThemes, rawIndexedDb } from "./fixtures.mjs";
import { day, longDate } from "./clock.mjs";
import { readCsv } from "./spreadsheet.mjs";
import { useSyncServer, admin, freshDatabase, twoDevicesSyncing } from "./sync-server.mjs";

useSyncServer();

const TEMPLATE = "Individual coaching (ICF-style)";

/** Every document on the sync server with every current version, deleted ones included. */
async function serverVersions(db) {
  const changes = JSON.parse((await admin("GET", `/${db}/_changes?style=all_docs`)).text);
  let text = "";
  for (const change of changes.results) {
    text += (await admin("GET", `/${db}/${encodeURIComponent(change.id)}?open_revs=all&revs=true`)).text;
  }
  return text;
}

async function downloadBackup(app) {
  await app.open("/data");
  const downloading = app.page.waitForEvent("download");
  await app.page.getByRole("button", { name: "Download a backup" }).click();
  return await (await downloading).path();
}

test("notes kept for 0 months are due the day the engagement ends; disposal keeps only what the log needs, and is logged", async ({ page }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  const marker = "Quince";
  await app.open("/engagements/new");
  const form = new EngagementForm(page);
  await form.fill({ client: `Zoë ${marker}`, practitioner: "Sam Lee", kind: "Coaching", title: `${marker} leadership` });
  await form.submit();
  await expect(app.heading()).toHaveText(`Zoë ${marker}`);
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];

  // The contract keeps notes for 0 months after the end (bad input elsewhere: 0 is allowed).
  const contract = new ContractPage(page);
  await contract.startFromTemplate(TEMPLATE);
  await page.getByLabel("Keep notes for (months)").fill("0");
  await contract.saveDraft();
  await saved(app, "Saved the draft contract.");

  // A held session with notes in every layer.
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(-20), time: "10:00", minutes: 60, status: "Held" });
  await saved(app, "Added the session.");
  await sessions.fillNotes({ shared: `${marker} shared`, practitioner: `${marker} mine`, client: `${marker} theirs` });
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");

  // In progress: nothing is due yet.
  await app.open(`/engagements/${id}`);
  const panel = page.getByRole("region", { name: "Keeping and disposing of data" });
  await expect(panel).toContainText("The engagement is still in progress.");
  await expect(panel.getByRole("button", { name: "Dispose of the notes" })).toHaveCount(0);

  // It ends today.
  await app.open(`/engagements/${id}/sessions`);
  await sessions.journey.getByText("End the engagement", { exact: true }).first().click();
  const end = page.getByRole("form", { name: "End the engagement" });
  await end.getByLabel(/^Ended on/).fill(day(0));
  await end.getByLabel(/^How it ended/).selectOption({ label: "Ended early" });
  await end.getByLabel(/^Closing summary/).fill(`${marker} summary`);
  await end.getByRole("button", { name: "End the engagement" }).click();
  await saved(app, "Saved.");

  // The home screen says it is due, with the date, and leads to it.
  await app.open();
  const due = page.getByRole("region", { name: "Notes due for disposal" });
  await expect(due).toContainText(`Zoë ${marker} · due since ${longDate(day(0))}`);
  await due.getByRole("link", { name: `Zoë ${marker}` }).click();
  await expect(app.heading()).toHaveText(`Zoë ${marker}`);
  await expect(panel).toContainText("its notes are due for disposal");
  await noViolationsInBothThemes(app, "engagement with notes due");

  // The confirmation says what goes and what stays; keeping them changes nothing.
  await panel.getByRole("button", { name: "Dispose of the notes" }).click();
  const dialog = page.getByRole("dialog", { name: `Dispose of the notes of the engagement with Zoë ${marker}?` });
  await expect(dialog).toContainText("Every note layer");
  await expect(dialog).toContainText("What stays, and why");
  await expect(dialog).toContainText("your coaching log counts these hours");
  await noViolationsInBothThemes(app, "disposal confirmation");
  await dialog.getByRole("button", { name: "Keep them for now" }).click();
  await expect(dialog).toBeHidden();
  expect(await rawIndexedDb(page)).toContain(marker);

  await panel.getByRole("button", { name: "Dispose of the notes" }).click();
  await dialog.getByRole("button", { name: "Dispose of the notes" }).click();
  await expect(app.toast).toContainText(`Disposed of the notes of the engagement with Zoë ${marker}.`);
  await expect(app.heading()).toHaveText("Former client");
  await expect(page.getByText(`Notes disposed of on ${longDate(day(0))}.`)).toBeVisible();
  await expect(page.getByRole("region", { name: "What stays" })).toContainText("Paid");
  expect(await rawIndexedDb(page), "no word of what was written is left").not.toContain(marker);

  // Nothing is due any more; the coaching log still counts the hour.
  await app.open();
  await expect(page.getByRole("region", { name: "Notes due for disposal" })).toHaveCount(0);
  await expect(new EngagementList(page).card("Former client")).toBeVisible();
  await app.open("/evidence");
  await expect(page.getByRole("region", { name: "Coaching log table" })).toContainText("Client 1");

  // The log shows the disposal, and downloads as CSV.
  await app.open("/data");
  const log = page.getByRole("region", { name: "Disposal and erasure log", exact: true });
  await expect(log).toContainText("It names the engagement by its id");
  await expect(page.getByRole("region", { name: "Disposal and erasure log table" })).toContainText("Notes disposed of at the end of the retention period");
  await noViolationsInBothThemes(app, "your data with the log");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the log (CSV)" }).click();
  const { rows } = await readCsv(await (await downloading).path());
  expect(rows[0]).toEqual(["When (UTC)", "What", "Engagement id", "Kind", "Records", "Retention ended", "Problem"]);
  expect(rows[1].slice(1)).toEqual(["Notes disposed of at the end of the retention period", id, "Coaching", rows[1][4], day(0), ""]);
  expect(Number(rows[1][4])).toBeGreaterThan(2);
  expect(JSON.stringify(rows)).not.toContain(marker);

  // A damaged entry (written by something else) is reported, in the table and the file.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("accord");
        open.onsuccess = () => {
          const tx = open.result.transaction("data_log", "readwrite");
          tx.objectStore("data_log").put({ id: "damaged-entry", at: "last Tuesday" });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await app.reload();
  await expect(log.getByRole("alert")).toContainText("1 entry of the log could not be read.");
  await expect(page.getByRole("region", { name: "Disposal and erasure log table" })).toContainText("Damaged entry damaged-entry");
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the log (CSV)" }).click();
  const damaged = await readCsv(await (await again).path());
  expect(damaged.rows.length).toBe(3);
  expect(damaged.rows[2][1]).toBe("Damaged entry");
  expect(damaged.rows[2][6]).toContain("Entry damaged-entry could not be read");
});

test("an erasure asks twice while in progress, reaches the other device and the server, and an older backup asks before bringing it back", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const marker = "Quillon";
  const db = await freshDatabase();
  const { a, b } = await twoDevicesSyncing(browser, baseURL, db, [[`Ada ${marker}`, `${marker} title`], ["Grace Hopper", "Stays"]]);
  const backup = await downloadBackup(a.app);
  expect(await serverVersions(db)).toContain(marker);

  // Erase on A: in progress, so it asks first, then names what goes.
  await a.app.nav("Engagements");
  await new EngagementList(a.page).open(`Ada ${marker}`);
  await a.page.getByRole("button", { name: "Erase everything about this client" }).click();
  const dialog = a.page.getByRole("dialog", { name: `Erase everything about Ada ${marker}?` });
  await expect(dialog).toContainText("This engagement is still in progress: it has not been ended.");
  await noViolationsInBothThemes(a.app, "erasure, first question");
  await dialog.getByRole("button", { name: "Yes, erase it although it is in progress" }).click();
  await expect(dialog).toContainText("This removes the engagement from this device for good.");
  await expect(dialog).toContainText("Your backups still hold it");
  await noViolationsInBothThemes(a.app, "erasure, confirmation");
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(a.app.toast).toContainText(`Erased everything about Ada ${marker} from this device.`);
  await expect(a.app.heading()).toHaveText("Engagements");
  await expect(new EngagementList(a.page).card(`Ada ${marker}`)).toHaveCount(0);
  await expect(new EngagementList(a.page).card("Grace Hopper")).toBeVisible();

  // B loses it by sync; the server keeps no content.
  await expect(new EngagementList(b.page).card(`Ada ${marker}`)).toHaveCount(0, { timeout: 30_000 });
  await expect(new EngagementList(b.page).card("Grace Hopper")).toBeVisible();
  await expect.poll(async () => (await serverVersions(db)).includes(marker), { timeout: 20_000 }).toBe(false);
  expect(await rawIndexedDb(a.page)).not.toContain(marker);
  await expect.poll(async () => (await rawIndexedDb(b.page)).includes(marker), { timeout: 20_000 }).toBe(false);
  await b.app.open("/data");
  await expect(b.page.getByRole("region", { name: "Disposal and erasure log table" })).toContainText("Erased on another device (arrived by sync)");

  // The older backup asks before bringing it back; left alone, nothing comes back.
  await a.app.open("/data");
  await expect(a.page.getByRole("region", { name: "Disposal and erasure log table" })).toContainText("Erased on request");
  await a.page.getByLabel("Backup or relationship file").setInputFiles(backup);
  const erased = a.page.getByRole("group", { name: "Erased on this device" });
  const bringBack = erased.getByLabel(`Bring back the engagement with Ada ${marker} (1 record)`);
  await expect(bringBack).not.toBeChecked();
  await expect(a.page.getByText("1 erased here (left out)")).toBeVisible();
  await expect(a.page.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await expect(a.page.getByText("Nothing to import unless you bring back an erased engagement")).toBeVisible();
  await noViolationsInBothThemes(a.app, "import of a backup made before an erasure");
  await bringBack.check();
  await a.page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(a.app.toast).toContainText("Imported the file");
  await a.app.nav("Engagements");
  await expect(new EngagementList(a.page).card(`Ada ${marker}`)).toContainText(`${marker} title`);
  expect(JSON.parse(await readFile(backup, "utf8")).data.engagements.length).toBe(2);
  for (const dev of [a, b]) {
    dev.check();
    await dev.context.close();
  }
});
