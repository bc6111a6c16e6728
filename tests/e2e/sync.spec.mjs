// End-to-end: sync between two devices (two browser contexts) through a CouchDB-protocol
// server (pouchdb-server from tests/sync/server.mjs on loopback). Each test has its own
// database, created as admin; the devices sign in as the ordinary user sam.
//
// The served build's organisation settings name the sync server (`sync_server`), so the
// test server's Content-Security-Policy admits exactly that origin (tests/e2e/serve.mjs);
// every page fails its test on a request to any other origin or a policy violation.
//
// The server and the devices: tests/e2e/sync-server.mjs.
import { test, expect, EngagementList, SessionsPage } from "./fixtures.mjs";
import { day } from "./clock.mjs";
import { useSyncServer, SYNC, USER, admin, freshDatabase, serverText, device, turnOnSync, createEngagement, editTitle, conflictsFromBanner } from "./sync-server.mjs";

useSyncServer();

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
  await conflictsFromBanner(a, "Sync found a record edited on two devices.");
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

test("signing in with a session: the password starts it and is not kept; an ended session is named; stopping signs out", async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const db = await freshDatabase();
  // Only sam may use this database, so every request must carry the session.
  expect((await admin("PUT", `/${db}/_security`, { members: { names: [USER.username], roles: [] }, admins: { names: [], roles: [] } })).status).toBe(200);
  const a = await device(browser, baseURL);
  await createEngagement(a, "Mary Somerville", "Astronomy");
  await turnOnSync(a, db, { signIn: "session" });
  expect(await serverText(db)).toContain("Mary Somerville");
  await expect(a.sync.section.getByLabel(/^Password/)).toHaveValue("");
  expect(await a.app.accessibilityViolations(), "the sync form with a session").toEqual([]);

  // The server forgets the session (as when it expires): sync says so, nothing here changes.
  await a.context.clearCookies();
  await a.sync.syncNow();
  await expect(a.sync.status).toContainText("Your sign-in session with the sync server has ended.", { timeout: 20_000 });
  await a.sync.fill({ password: USER.password });
  await a.sync.save();
  await expect(a.sync.status).toContainText("Up to date.", { timeout: 20_000 });
  await a.page.getByRole("button", { name: "Stop syncing on this device" }).click();
  await expect(a.app.toast).toContainText("Sync is off on this device.");
  expect(await a.context.cookies()).toEqual([]);
  await a.app.nav("Engagements");
  await expect(new EngagementList(a.page).card("Mary Somerville")).toBeVisible();
  a.check();
  await a.context.close();
});

/** Turns on passphrase protection on *Your data*. */
async function protect(dev, passphrase) {
  await dev.app.open("/data");
  const panel = dev.page.getByRole("region", { name: "Passphrase protection" });
  await panel.getByLabel("New passphrase").fill(passphrase);
  await panel.getByLabel("The same passphrase again").fill(passphrase);
  await panel.getByRole("button", { name: "Protect my data" }).click();
  await expect(dev.app.toast).toContainText("Your data is now encrypted");
}

test("end to end: two devices with their own passphrases share records through a sync passphrase; the server holds no plaintext", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Zebulon Quagmire", "Vermilion marker");
  await protect(a, "river stone lantern");
  await a.app.open("/settings");
  await expect(a.page.getByLabel("Encrypt end to end")).toBeChecked();
  await turnOnSync(a, db, { syncPassphrase: "shared harbour lantern" });
  const text = await serverText(db);
  expect(text).toContain('"sealed"');
  expect(text).toContain("accord-sync-key");
  for (const plaintext of ["Zebulon", "Quagmire", "Vermilion marker", "Sam Lee", "shared harbour lantern"]) expect(text).not.toContain(plaintext);

  // The second device has a passphrase of its own; only the sync passphrase opens the records.
  const b = await device(browser, baseURL);
  await protect(b, "a different device phrase");
  await b.app.open("/settings");
  await b.sync.fill({ server: SYNC, database: db, ...USER, syncPassphrase: "not the shared phrase" });
  await b.sync.save();
  const passphrase = b.sync.section.getByLabel("Sync passphrase");
  await expect(passphrase).toHaveAttribute("aria-invalid", "true");
  await expect(b.sync.section).toContainText("That sync passphrase does not open this database.");
  await expect(b.sync.section.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await b.sync.fill({ syncPassphrase: "shared harbour lantern" });
  await b.sync.save();
  await expect(b.app.toast).toContainText("Sync is on.");
  await expect(b.sync.status).toContainText("Up to date.", { timeout: 20_000 });
  await b.app.nav("Engagements");
  await expect(new EngagementList(b.page).card("Zebulon Quagmire")).toBeVisible();
  // Settled: the key is kept (sealed) on B, so the box may stay empty from now on.
  await b.app.open("/settings");
  await expect(b.sync.section).toContainText("This device already has the key for this database.");
  expect(await serverText(db)).not.toContain("Zebulon");
  a.check();
  b.check();
  await a.context.close();
  await b.context.close();
});

test("private notes kept on the device never reach the server; the shared note does", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const db = await freshDatabase();
  const a = await device(browser, baseURL);
  await createEngagement(a, "Rosalind Franklin", "Crystallography");
  const sessions = new SessionsPage(a.page);
  await sessions.openFromEngagement();
  // A planned session, a week ahead.
  await sessions.addSession({ date: day(7), time: "10:00", minutes: 60 });
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
