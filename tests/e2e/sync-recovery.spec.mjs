// End-to-end: sync when things go wrong, and how it recovers. Devices are browser
// contexts syncing through the CouchDB-protocol test server (tests/e2e/sync-server.mjs);
// a bad proxy or a cut connection is played by `page.route` on the sync server's origin.
//
// Sync tries again by itself after a failure, 5 s after the first, then 10 s, 20 s… (see
// `backoff_seconds` in src/domain/sync/status.rs): the recoveries below wait for that, with
// nothing pressed, so they take a few seconds each.
import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, EngagementList, EngagementDetail } from "./fixtures.mjs";
import { useSyncServer, admin, freshDatabase, toSyncServer, device, saveSyncSettings, turnOnSync, createEngagement, editTitle, twoDevicesSyncing, conflictsFromBanner } from "./sync-server.mjs";

useSyncServer();

/** A page as a proxy or a web server answers, not JSON; readable by the app's origin. */
function htmlPage(status, text) {
  return {
    status,
    contentType: "text/html",
    headers: { "Access-Control-Allow-Origin": "*" },
    body: `<!doctype html><html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>`,
  };
}

test("a server that answers with a web page gets a plain answer, nothing here is lost, and sync recovers by itself", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Grace Hopper", "Compilers");
  await turnOnSync(a, db);

  // Something in front of the server answers every request with a welcome page.
  await a.page.route(toSyncServer, (route) => route.fulfill(htmlPage(200, "Welcome to nginx!")));
  await a.sync.test();
  await expect(a.sync.tested).toContainText("The connection test failed");
  await expect(a.sync.tested).toContainText("The address answered, but not as a sync server (CouchDB) does. Check the server address.");
  await a.sync.syncNow();
  await expect(a.sync.status).toContainText("The address answered, but not as a sync server (CouchDB) does.", { timeout: 20_000 });

  // Then a gateway error page.
  await a.page.unroute(toSyncServer);
  await a.page.route(toSyncServer, (route) => route.fulfill(htmlPage(502, "502 Bad Gateway")));
  await a.sync.syncNow();
  await expect(a.sync.status).toContainText("The sync server had a problem (HTTP 502). Sync will try again.", { timeout: 20_000 });

  // Nothing on the device is lost.
  await a.app.nav("Engagements");
  await expect(new EngagementList(a.page).card("Grace Hopper")).toContainText("Compilers");

  // The server is back: sync gets there by itself.
  await a.page.unroute(toSyncServer);
  await a.app.nav("Settings");
  await expect(a.sync.status).toContainText("Up to date.", { timeout: 30_000 });
  await expect(a.sync.waiting).toHaveText("0");
  a.check();
  await a.context.close();
});

test("a change made while the server cannot be reached waits, then syncs by itself when it can", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const db = await freshDatabase();
  const { a, b } = await twoDevicesSyncing(browser, baseURL, db, [["Ada Lovelace", "Board readiness"]]);
  const onB = new EngagementList(b.page).card("Ada Lovelace");

  // The connection to the server is refused; the browser still says it is online.
  await a.page.route(toSyncServer, (route) => route.abort("connectionrefused"));
  await editTitle(a, "Ada Lovelace", "Changed while the server was away");
  await a.app.nav("Settings");
  await expect(a.sync.status).toContainText("Could not reach the sync server.", { timeout: 20_000 });
  await expect(a.sync.status).toContainText("Your data on this device is unchanged; sync will try again.");
  await expect(a.sync.waiting).toHaveText("1");
  await a.app.nav("Engagements");
  await expect(new EngagementList(a.page).card("Ada Lovelace")).toContainText("Changed while the server was away");

  // The server answers again; nothing is pressed.
  await a.page.unroute(toSyncServer);
  await a.app.nav("Settings");
  await expect(a.sync.status).toContainText("Up to date.", { timeout: 30_000 });
  await expect(a.sync.waiting).toHaveText("0");
  await expect(onB).toContainText("Changed while the server was away", { timeout: 30_000 });
  a.check();
  b.check();
  await a.context.close();
  await b.context.close();
});

/** Deletes an engagement, moving through the app (no page load: it may be offline). */
async function deleteEngagement(dev, client) {
  await dev.app.nav("Engagements");
  await new EngagementList(dev.page).open(client);
  await new EngagementDetail(dev.page).deleteAndConfirm();
  await expect(dev.app.toast).toContainText(`Deleted the engagement with ${client}.`);
}

test("deleted on one device and edited on the other: the person keeps the edit or the deletion, and every device follows", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  const { a, b } = await twoDevicesSyncing(browser, baseURL, db, [["Ada Lovelace", "Board readiness"], ["Grace Hopper", "Compilers"]]);

  // Apart: A deletes both engagements, B edits both.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await deleteEngagement(a, "Ada Lovelace");
  await deleteEngagement(a, "Grace Hopper");
  await editTitle(b, "Ada Lovelace", "Edited on B");
  await editTitle(b, "Grace Hopper", "Also edited on B");
  await a.context.setOffline(false);
  await b.context.setOffline(false);

  await conflictsFromBanner(a, "Sync found 2 records edited on two devices.");
  const conflicts = a.page.getByRole("list", { name: "Records in conflict" }).getByRole("listitem");
  await expect(conflicts).toHaveCount(2);
  for (const client of ["Ada Lovelace", "Grace Hopper"]) {
    await expect(conflicts.filter({ hasText: client })).toContainText("Deleted on one device, edited on another.");
  }

  // Ada: keep B's edit.
  await a.page.getByRole("link", { name: "Engagement · Ada Lovelace" }).click();
  const table = a.page.locator(".conflict__table");
  await expect(table.locator("thead th").nth(1)).toContainText("Shown now");
  await expect(table.locator("thead th").nth(2)).toContainText("Other version (deleted)");
  await expect(table.getByRole("button", { name: "Keep this version" })).toHaveCount(0);
  expect(await a.app.accessibilityViolations(), "a deletion and an edit side by side").toEqual([]);
  await table.getByRole("button", { name: "Keep the edited version" }).click();
  await expect(a.app.toast).toContainText("Kept the version you chose.");
  await expect(conflicts).toHaveCount(1);

  // Grace: keep the deletion.
  await a.page.getByRole("link", { name: "Engagement · Grace Hopper" }).click();
  await a.page.locator(".conflict__table").getByRole("button", { name: "Keep it deleted" }).click();
  await expect(a.app.toast).toContainText("Kept it deleted.");
  await expect(a.page.getByRole("heading", { name: "No conflicts" })).toBeVisible();

  // Both devices: Ada back with B's edit, Grace gone, no conflict left.
  for (const dev of [a, b]) {
    await dev.app.open();
    const list = new EngagementList(dev.page);
    await expect(list.card("Ada Lovelace")).toContainText("Edited on B", { timeout: 30_000 });
    await expect(list.card("Grace Hopper")).toHaveCount(0, { timeout: 30_000 });
    await dev.app.open("/sync/conflicts");
    await expect(dev.page.getByRole("heading", { name: "No conflicts" })).toBeVisible();
    await dev.app.nav("Settings");
    await expect(dev.sync.status).toContainText("Up to date.", { timeout: 20_000 });
    await expect(dev.sync.status).not.toContainText("differ between devices");
    await expect(dev.page.locator(".sync__banner")).toHaveCount(0);
  }
  a.check();
  b.check();
  await a.context.close();
  await b.context.close();
});

/**
 * A backup of `dev`'s data with `extra` more engagements, copies of its first one under
 * new ids and names, with the checksum the app checks; the file's path.
 */
async function backupWithMoreEngagements(dev, extra, path) {
  await dev.app.open("/data");
  const downloading = dev.page.waitForEvent("download");
  await dev.page.getByRole("button", { name: "Download a backup" }).click();
  const file = JSON.parse(await readFile(await (await downloading).path(), "utf8"));
  const [first] = file.data.engagements;
  for (let i = 1; i <= extra; i++) {
    file.data.engagements.push({ ...first, id: randomUUID(), data: { ...first.data, client: `Client ${String(i).padStart(3, "0")}` } });
  }
  file.counts.engagements = file.data.engagements.length;
  file.checksum = createHash("sha256").update(JSON.stringify(file.data)).digest("hex");
  await writeFile(path, JSON.stringify(file));
  return file.data.engagements.length;
}

test("a sync cut off after its first batch resumes from its checkpoint without sending that batch again", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Ada Lovelace", "Board readiness");
  // More engagements than one batch of 100 (BATCH_SIZE in src/domain/sync/replication.rs).
  const path = testInfo.outputPath("many.json");
  const total = await backupWithMoreEngagements(a, 150, path);
  await a.page.getByLabel("Backup or relationship file").setInputFiles(path);
  await a.page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(a.app.toast).toContainText(`${total - 1} records written`);

  // Requests pass until the first batch's checkpoint is on the server; then the
  // connection is refused, until it is `back`.
  let stage = "first";
  const sent = { first: [], back: [] }; // each batch's _bulk_docs ids, by stage
  const offered = { first: [], back: [] }; // each _revs_diff's ids, by stage
  await a.page.route(toSyncServer, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (stage === "cut") return route.abort("connectionrefused");
    if (url.pathname.endsWith("/_bulk_docs")) sent[stage].push(JSON.parse(request.postData()).docs.map((d) => d._id));
    if (url.pathname.endsWith("/_revs_diff")) offered[stage].push(Object.keys(JSON.parse(request.postData())));
    if (stage === "first" && request.method() === "PUT" && url.pathname.includes("/_local/") && sent.first.length > 0) stage = "cut";
    return route.continue();
  });
  await saveSyncSettings(a, db);
  await expect(a.sync.status).toContainText("Could not reach the sync server.", { timeout: 20_000 });
  expect(sent.first.map((batch) => batch.length)).toEqual([100]);
  await expect(a.sync.waiting).toHaveText(String(total - 100));
  const [firstBatch] = sent.first;
  expect((await admin("GET", `/${db}/_all_docs`)).text).toContain(`"total_rows":100`);

  // Back: the next attempt (by itself) starts after the first batch.
  stage = "back";
  await expect(a.sync.status).toContainText("Up to date.", { timeout: 30_000 });
  await expect(a.sync.waiting).toHaveText("0");
  const offeredAgain = offered.back.flat().filter((id) => firstBatch.includes(id));
  expect(offeredAgain, "records of the first batch offered again").toEqual([]);
  const sentBack = sent.back.flat();
  expect(sentBack).toHaveLength(total - 100);
  expect(new Set([...firstBatch, ...sentBack]).size).toBe(total);

  // Another device gets every engagement.
  const b = await device(browser, baseURL);
  await turnOnSync(b, db);
  await b.app.nav("Engagements");
  await expect(new EngagementList(b.page).cards).toHaveCount(total, { timeout: 30_000 });
  a.check();
  b.check();
  await a.context.close();
  await b.context.close();
});
