// End-to-end: sync between two devices (two browser contexts) through a CouchDB-protocol
// server (pouchdb-server from tests/sync/server.mjs on loopback). Each test has its own
// database, created as admin; the devices sign in as the ordinary user sam.
//
// The served build's organisation settings name the sync server (`sync_server`), so the
// test server's Content-Security-Policy admits exactly that origin (tests/e2e/serve.mjs);
// every page fails its test on a request to any other origin or a policy violation.
//
// The server: the one `scripts/test` started (ACCORD_SYNC_TEST_URL), or one of our own on
// ACCORD_SYNC_PORT (default 8798), stopped afterwards.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { test, expect, guardPage, App, EngagementList, EngagementForm, EngagementDetail, SessionsPage, SyncSettings } from "./fixtures.mjs";

const ADMIN = "Basic " + Buffer.from("admin:accord-admin").toString("base64");
const USER = { username: "sam", password: "accord-sam" };
const CONFIG = "dist/accord-config.json";
let SYNC = null;
let ownServer = null;
let shippedConfig = null;

async function answers(url) {
  try {
    return (await fetch(url + "/", { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

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
  if (ownServer) {
    const stopped = new Promise((resolve) => ownServer.once("exit", resolve));
    ownServer.kill("SIGTERM");
    await stopped;
  }
});

async function admin(method, path, body) {
  const response = await fetch(SYNC + path, {
    method,
    headers: { Authorization: ADMIN, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** A new, empty database on the server, for one test. */
async function freshDatabase() {
  const name = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  expect((await admin("PUT", `/${name}`)).status).toBe(201);
  return name;
}

/** Everything the server holds in `db`, documents in full, as the server's admin reads it. */
async function serverText(db) {
  return (await admin("GET", `/${db}/_all_docs?include_docs=true`)).text;
}

/** One device: its own browser context (its own IndexedDB), watched like every test page. */
async function device(browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const check = await guardPage(page, baseURL, [SYNC]);
  return { context, page, app: new App(page), sync: new SyncSettings(page), check };
}

async function turnOnSync(dev, db, extra = {}) {
  await dev.app.open("/settings");
  await dev.sync.fill({ server: SYNC, database: db, ...USER, ...extra });
  await dev.sync.save();
  await expect(dev.app.toast).toContainText("Sync is on.");
  await expect(dev.sync.status).toContainText("Up to date.", { timeout: 20_000 });
}

async function createEngagement(dev, client, title) {
  await dev.app.open();
  await new EngagementList(dev.page).startNew();
  const form = new EngagementForm(dev.page);
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching", title });
  await form.submit();
  await expect(dev.app.heading()).toHaveText(client);
}

/** Edits an engagement's title, moving through the app (no page load: it may be offline). */
async function editTitle(dev, client, title) {
  await dev.app.nav("Engagements");
  await new EngagementList(dev.page).open(client);
  await new EngagementDetail(dev.page).edit();
  await new EngagementForm(dev.page).fill({ title });
  await new EngagementForm(dev.page).submit();
  await expect(dev.app.toast).toContainText("Saved");
}

test("created on one device appears on the other; edits made apart conflict, are shown side by side and resolved everywhere", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  const b = await device(browser, baseURL);

  await turnOnSync(a, db);
  await createEngagement(a, "Ada Lovelace", "Board readiness");
  await turnOnSync(b, db);
  await b.app.open();
  await expect(new EngagementList(b.page).card("Ada Lovelace")).toContainText("Board readiness", { timeout: 20_000 });
  expect(await serverText(db)).toContain("Ada Lovelace");

  // Both devices go offline and change the same engagement.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await editTitle(a, "Ada Lovelace", "Title from A");
  await editTitle(b, "Ada Lovelace", "Title from B");
  await a.app.nav("Settings");
  await expect(a.sync.status).toContainText("Offline", { timeout: 20_000 });

  // Back online: both send their change; each sees the conflict.
  await a.context.setOffline(false);
  await b.context.setOffline(false);
  const banner = a.page.locator(".sync__banner");
  await expect(banner).toContainText("Sync found a record edited on two devices.", { timeout: 45_000 });
  await banner.getByRole("link", { name: "Compare and choose" }).click();
  await expect(a.app.heading()).toHaveText("Sync conflicts");
  await a.page.getByRole("link", { name: "Engagement · Ada Lovelace" }).click();
  const table = a.page.locator(".conflict__table");
  await expect(table.locator("thead th").nth(1)).toContainText("Shown now");
  await expect(table.locator("thead th").nth(2)).toContainText("Other version");
  // A field's row by the name the form gives it.
  const field = (name) => table.locator("tbody tr", { has: a.page.locator(".conflict__field", { hasText: new RegExp(`^${name}$`) }) });
  const titleRow = field("Short title");
  await expect(titleRow).toContainText("differs");
  // Fields read as the forms name them, choices in words: not stored keys and values.
  await expect(field("Client or mentee").locator("td")).toHaveText(["Ada Lovelace", "Ada Lovelace"]);
  await expect(field("Kind of relationship").locator("td")).toHaveText(["Coaching", "Coaching"]);
  await expect(table.locator(".conflict__field", { hasText: /^(Client|Kind|Title|Practitioner)$/ })).toHaveCount(0);
  await expect(table.locator("tbody")).not.toContainText("coaching");
  expect(await a.app.accessibilityViolations(), "the versions side by side").toEqual([]);
  const cells = titleRow.locator("td");
  const fromA = (await cells.nth(0).textContent()).includes("Title from A") ? 0 : 1;
  await expect(cells.nth(fromA)).toHaveText("Title from A");
  await expect(cells.nth(1 - fromA)).toHaveText("Title from B");
  // Keep A's version.
  await table.getByRole("button", { name: "Keep this version" }).nth(fromA).click();
  await expect(a.app.toast).toContainText("Kept the version you chose.");
  await expect(a.page.getByRole("heading", { name: "No conflicts" })).toBeVisible();

  // B gets the resolution: A's title, and no conflict left.
  await b.app.open();
  await expect(new EngagementList(b.page).card("Ada Lovelace")).toContainText("Title from A", { timeout: 45_000 });
  await expect(b.page.locator(".sync__banner")).toHaveCount(0, { timeout: 45_000 });
  await b.app.open("/sync/conflicts");
  await expect(b.page.getByRole("heading", { name: "No conflicts" })).toBeVisible({ timeout: 20_000 });

  a.check();
  b.check();
  await a.context.close();
  await b.context.close();
});

test("a wrong password gets a plain answer and nothing on the device is lost; only the organisation's server is allowed", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Grace Hopper", "Compilers");

  await a.app.open("/settings");
  await a.sync.fill({ server: "https://sync.elsewhere.example", database: db, ...USER });
  await a.sync.save();
  await expect(a.page.locator("#sync_server-error")).toContainText(`Your organisation allows sync only with ${SYNC}.`);
  expect(await a.app.accessibilityViolations(), "the sync form with a problem").toEqual([]);

  await a.sync.fill({ server: SYNC, password: "not the password" });
  await a.sync.test();
  await expect(a.sync.tested).toContainText("The sync server did not accept the user name or password.");
  await a.sync.save();
  await expect(a.sync.status).toContainText("did not accept the user name or password", { timeout: 20_000 });

  // The database missing on the server: the test says so and offers to create it (which
  // takes an account allowed to create databases: the server's admin here).
  await a.sync.fill({ database: `${db}-missing`, username: "admin", password: "accord-admin" });
  await a.sync.test();
  await expect(a.sync.tested).toContainText("The database does not exist on the sync server");
  await a.page.getByRole("button", { name: "Create the database" }).click();
  await expect(a.sync.tested).toContainText("The database was created.");
  await a.sync.fill(USER);
  await a.sync.test();
  await expect(a.sync.tested).toContainText("Connected:");

  await a.app.open();
  await expect(new EngagementList(a.page).card("Grace Hopper")).toContainText("Compilers");
  // Stopping keeps the data here.
  await a.app.open("/settings");
  await a.page.getByRole("button", { name: "Stop syncing on this device" }).click();
  await expect(a.app.toast).toContainText("Sync is off on this device.");
  await a.app.open();
  await expect(new EngagementList(a.page).card("Grace Hopper")).toBeVisible();
  a.check();
  await a.context.close();
});

test("with passphrase protection on and end-to-end encryption, the server holds no plaintext", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Zebulon Quagmire", "Vermilion marker");
  await a.app.open("/data");
  const panel = a.page.getByRole("region", { name: "Passphrase protection" });
  await panel.getByLabel("New passphrase").fill("river stone lantern");
  await panel.getByLabel("The same passphrase again").fill("river stone lantern");
  await panel.getByRole("button", { name: "Protect my data" }).click();
  await expect(a.app.toast).toContainText("Your data is now encrypted");

  await a.app.open("/settings");
  await expect(a.page.getByLabel("Encrypt end to end")).toBeChecked();
  await turnOnSync(a, db);
  const text = await serverText(db);
  expect(text).toContain('"sealed"');
  for (const plaintext of ["Zebulon", "Quagmire", "Vermilion marker", "Sam Lee"]) expect(text).not.toContain(plaintext);
  a.check();
  await a.context.close();
});

test("private notes kept on the device never reach the server; the shared note does", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Rosalind Franklin", "Crystallography");
  const sessions = new SessionsPage(a.page);
  await sessions.openFromEngagement();
  await sessions.addSession({ date: "2026-12-01", time: "10:00", minutes: 60 });
  await expect(a.app.toast).toContainText("Added the session.");
  await sessions.fillNotes({ shared: "marker-shared-notes", practitioner: "marker-private-coach", client: "marker-private-client" });
  await sessions.saveNotes();
  await expect(a.app.toast).toContainText("Saved the notes.");

  await a.app.open("/settings");
  await expect(a.page.getByLabel("Keep private notes on this device")).toBeChecked();
  await turnOnSync(a, db);
  const text = await serverText(db);
  expect(text).toContain("marker-shared-notes");
  expect(text).not.toContain("marker-private");
  a.check();
  await a.context.close();
});
