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
import { useSyncServer, admin, freshDatabase, toSyncServer, device, saveSyncSettings, turnOnSync, createEngagement, editTitle } from "./sync-server.mjs";

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
  const a = await device(browser, baseURL);
  const b = await device(browser, baseURL);
  await createEngagement(a, "Ada Lovelace", "Board readiness");
  await turnOnSync(a, db);
  await turnOnSync(b, db);
  await b.app.nav("Engagements");
  const onB = new EngagementList(b.page).card("Ada Lovelace");
  await expect(onB).toContainText("Board readiness", { timeout: 20_000 });

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
