// What the sync specs share: the CouchDB-protocol test server (pouchdb-server from
// tests/sync/server.mjs on loopback), the server's admin, and devices (browser contexts)
// that sign in as the ordinary user sam.
//
// `useSyncServer()` (called once at the top of a spec) starts the server before the
// spec's tests, or reuses the one `scripts/test` started (ACCORD_SYNC_TEST_URL); otherwise
// one of our own runs on ACCORD_SYNC_PORT (default 8798) and is stopped afterwards. While
// the spec runs, the served build's organisation settings name that server
// (`sync_server` in dist/accord-config.json, restored afterwards), so the test server's
// Content-Security-Policy admits exactly that origin (tests/e2e/serve.mjs).
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { test, expect, guardPage, newContext, App, EngagementList, EngagementForm, EngagementDetail, SyncSettings } from "./fixtures.mjs";

const ADMIN = "Basic " + Buffer.from("admin:accord-admin").toString("base64");
export const USER = { username: "sam", password: "accord-sam" };
const CONFIG = "dist/accord-config.json";
/** The sync server's address, once `useSyncServer`'s start-up ran. */
export let SYNC = null;
let ownServer = null;
let shippedConfig = null;

async function answers(url) {
  try {
    return (await fetch(url + "/", { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** Runs the sync server around the calling spec's tests and names it in the build's settings. */
export function useSyncServer() {
  test.beforeAll(async () => {
    test.setTimeout(60_000);
    const running = process.env.ACCORD_SYNC_TEST_URL;
    if (running && (await answers(running))) {
      SYNC = running.replace(/\/$/, "");
    } else {
      ownServer = spawn(process.execPath, ["tests/sync/server.mjs"], {
        env: { ...process.env, ACCORD_SYNC_PORT: process.env.ACCORD_SYNC_PORT || "8798" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const lines = createInterface({ input: ownServer.stdout });
      SYNC = await new Promise((resolve, reject) => {
        lines.once("line", (line) => resolve(line.trim()));
        ownServer.once("exit", (code) => reject(new Error(`the sync test server stopped (${code})`)));
      });
    }
    shippedConfig = await readFile(CONFIG, "utf8");
    await writeFile(CONFIG, JSON.stringify({ version: 1, sync_server: SYNC }, null, 2));
  });

  test.afterAll(async () => {
    if (shippedConfig !== null) await writeFile(CONFIG, shippedConfig);
    shippedConfig = null;
    if (ownServer) {
      const stopped = new Promise((resolve) => ownServer.once("exit", resolve));
      ownServer.kill("SIGTERM");
      await stopped;
      ownServer = null;
    }
  });
}

/** A request to the sync server as its admin: the status and the body as text. */
export async function admin(method, path, body) {
  const response = await fetch(SYNC + path, {
    method,
    headers: { Authorization: ADMIN, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** A new, empty database on the server, for one test. */
export async function freshDatabase() {
  const name = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  expect((await admin("PUT", `/${name}`)).status).toBe(201);
  return name;
}

/** Everything the server holds in `db`, documents in full, as the server's admin reads it. */
export async function serverText(db) {
  return (await admin("GET", `/${db}/_all_docs?include_docs=true`)).text;
}

/** Whether a request goes to the sync server (for `page.route`). */
export function toSyncServer(url) {
  return url.origin === new URL(SYNC).origin;
}

/** One device: its own browser context (its own IndexedDB), watched like every test page. */
export async function device(browser, baseURL) {
  const context = await newContext(browser, { baseURL });
  const page = await context.newPage();
  const check = await guardPage(page, baseURL, [SYNC]);
  return { context, page, app: new App(page), sync: new SyncSettings(page), check };
}

/** Fills the sync settings with `db` and the user's sign-in and saves them. */
export async function saveSyncSettings(dev, db, extra = {}) {
  await dev.app.open("/settings");
  await dev.sync.fill({ server: SYNC, database: db, ...USER, ...extra });
  await dev.sync.save();
  await expect(dev.app.toast).toContainText("Sync is on.");
}

export async function turnOnSync(dev, db, extra = {}) {
  await saveSyncSettings(dev, db, extra);
  await expect(dev.sync.status).toContainText("Up to date.", { timeout: 20_000 });
}

export async function createEngagement(dev, client, title) {
  await dev.app.open();
  await new EngagementList(dev.page).startNew();
  const form = new EngagementForm(dev.page);
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching", title });
  await form.submit();
  await expect(dev.app.heading()).toHaveText(client);
}

/** Edits an engagement's title, moving through the app (no page load: it may be offline). */
export async function editTitle(dev, client, title) {
  await dev.app.nav("Engagements");
  await new EngagementList(dev.page).open(client);
  await new EngagementDetail(dev.page).edit();
  await new EngagementForm(dev.page).fill({ title });
  await new EngagementForm(dev.page).submit();
  await expect(dev.app.toast).toContainText("Saved");
}

/**
 * Two devices syncing through `db`: A creates the engagements (client, title), both turn
 * sync on, and B's list shows them all. B is left on its list of engagements.
 */
export async function twoDevicesSyncing(browser, baseURL, db, engagements) {
  const a = await device(browser, baseURL);
  const b = await device(browser, baseURL);
  for (const [client, title] of engagements) await createEngagement(a, client, title);
  await turnOnSync(a, db);
  await turnOnSync(b, db);
  await b.app.nav("Engagements");
  for (const [client, title] of engagements) await expect(new EngagementList(b.page).card(client)).toContainText(title, { timeout: 20_000 });
  return { a, b };
}

/** Follows the conflict banner (once it says `message`) to the list of conflicts. */
export async function conflictsFromBanner(dev, message) {
  const banner = dev.page.locator(".sync__banner");
  await expect(banner).toContainText(message, { timeout: 45_000 });
  await banner.getByRole("link", { name: "Compare and choose" }).click();
  await expect(dev.app.heading()).toHaveText("Sync conflicts");
}
