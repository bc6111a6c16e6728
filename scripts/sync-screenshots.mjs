// Screenshots of sync at phone (390 px) and desktop (1280 px) widths, from the release build
// in dist/: the Sync settings (empty, a problem, a failed connection test, up to date), the
// conflict notice, the conflict list, two versions side by side, and end-to-end encryption
// asking for the sync passphrase. Two browser contexts
// are two devices; they sync through the sync test server (tests/sync/server.mjs).
// Usage: node scripts/sync-screenshots.mjs [out-folder]
//   E2E_PORT (default 8768) serves the app; the sync server is ACCORD_SYNC_TEST_URL if set,
//   else one started on ACCORD_SYNC_PORT (default 8798).
import { chromium } from "playwright";
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/tools/chromium.mjs";
import { serveStatic } from "../tests/e2e/serve.mjs";

const out = process.argv[2] || "screenshots";
const port = Number(process.env.E2E_PORT || 8768);
const syncPort = process.env.ACCORD_SYNC_PORT || "8798";
await mkdir(out, { recursive: true });

// A sync test server already running (ACCORD_SYNC_TEST_URL), or one of our own.
const running = process.env.ACCORD_SYNC_TEST_URL;
const syncServer = running ? null : spawn(process.execPath, ["tests/sync/server.mjs"], { env: { ...process.env, ACCORD_SYNC_PORT: syncPort }, stdio: ["ignore", "pipe", "inherit"] });
const SYNC = running
  ? running.replace(/\/$/, "")
  : await new Promise((resolve) => createInterface({ input: syncServer.stdout }).once("line", (line) => resolve(line.trim())));
const root = await mkdtemp(join(tmpdir(), "accord-sync-shots-"));
await cp("dist", root, { recursive: true });
await writeFile(join(root, "accord-config.json"), JSON.stringify({ version: 1, sync_server: SYNC }));
const app = await serveStatic({ root, port });
const base = app.url;
const ADMIN = "Basic " + Buffer.from("admin:accord-admin").toString("base64");

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function ready(page) {
  await page.waitForSelector("#boot-status", { state: "detached" });
  await page.waitForSelector("h1");
}

async function open(page, fragment) {
  await page.goto(`${base}#${fragment}`);
  await ready(page);
}

async function setUp(page, db, password = "accord-sam") {
  await open(page, "/settings");
  await page.fill("#sync_server", SYNC);
  await page.fill("#sync_database", db);
  await page.fill("#sync_username", "sam");
  await page.fill("#sync_password", password);
  await page.click(".sync button[type=submit]");
}

async function editTitle(page, client, title) {
  await page.click("nav >> text=Engagements");
  await page.click(`text=${client}`);
  await page.click("text=Edit");
  await page.fill("#title", title);
  await page.click("button[type=submit]");
  await page.waitForSelector(".toast");
}

let n = 0;
for (const [label, width] of [["narrow", 390], ["wide", 1280]]) {
  const db = `shots-${label}-${Date.now().toString(36)}`;
  await fetch(`${SYNC}/${db}`, { method: "PUT", headers: { Authorization: ADMIN } });
  const devices = [];
  for (let i = 0; i < 2; i++) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1 });
    devices.push({ context, page: await context.newPage() });
  }
  const [a, b] = devices;
  const shot = async (page, name) => {
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
    n++;
  };
  await open(a.page, "/settings");
  await shot(a.page, "sync-01-settings-empty");
  await a.page.fill("#sync_server", "https://sync.elsewhere.example");
  await a.page.fill("#sync_database", "Team Data");
  await a.page.click(".sync button[type=submit]");
  await shot(a.page, "sync-02-settings-problems");
  await setUp(a.page, db, "not the password");
  await a.page.waitForSelector("text=did not accept the user name or password");
  await a.page.click("text=Test connection");
  await a.page.waitForSelector(".sync__tested");
  await shot(a.page, "sync-03-wrong-password");

  // Both devices set up; one engagement, then edited on both while offline.
  await open(a.page, "/engagements/new");
  await a.page.fill("#client_name", "Ada Lovelace");
  await a.page.fill("#practitioner_name", "Sam Lee");
  await a.page.check("#kind");
  await a.page.fill("#title", "Board readiness");
  await a.page.click("button[type=submit]");
  await a.page.waitForSelector(".page-header h1");
  await setUp(a.page, db);
  await a.page.waitForSelector("text=Up to date.", { timeout: 30_000 });
  await shot(a.page, "sync-04-up-to-date");
  await setUp(b.page, db);
  await b.page.waitForSelector("text=Up to date.", { timeout: 30_000 });
  for (const device of devices) await device.context.setOffline(true);
  await editTitle(a.page, "Ada Lovelace", "Board readiness, first term");
  await editTitle(b.page, "Ada Lovelace", "Board readiness and chairing");
  await a.page.click("nav >> text=Settings");
  await a.page.waitForSelector("text=Offline.", { timeout: 30_000 });
  await shot(a.page, "sync-05-offline");
  for (const device of devices) await device.context.setOffline(false);
  await a.page.click("nav >> text=Engagements");
  await a.page.waitForSelector(".sync__banner", { timeout: 60_000 });
  await shot(a.page, "sync-06-conflict-notice");
  await a.page.click("text=Compare and choose");
  await a.page.waitForSelector(".card-list");
  await shot(a.page, "sync-07-conflicts");
  await a.page.click(".card-list a");
  await a.page.waitForSelector(".conflict__table");
  await shot(a.page, "sync-08-versions");

  // A third device with passphrase protection: end to end asks for the sync passphrase.
  const c = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1 });
  devices.push({ context: c });
  const page = await c.newPage();
  await open(page, "/data");
  const panel = page.getByRole("region", { name: "Passphrase protection" });
  await panel.getByLabel("New passphrase").fill("river stone lantern");
  await panel.getByLabel("The same passphrase again").fill("river stone lantern");
  await panel.getByRole("button", { name: "Protect my data" }).click();
  await page.waitForSelector("text=Your data is now encrypted");
  await open(page, "/settings");
  await page.fill("#sync_server", SYNC);
  await page.fill("#sync_database", db);
  await page.fill("#sync_username", "sam");
  await page.fill("#sync_password", "accord-sam");
  await page.fill("#sync_passphrase", "short");
  await page.click(".sync button[type=submit]");
  await page.waitForSelector("text=at least 10 characters");
  await shot(page, "sync-09-end-to-end-passphrase");
  for (const device of devices) await device.context.close();
}

await browser.close();
await app.close();
await rm(root, { recursive: true, force: true });
syncServer?.kill("SIGTERM");
console.log(`${n} screenshots in ${out}/`);
