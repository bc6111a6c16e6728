// Accord's performance benchmark. Drives the release build (dist/) in headless Chromium
// through its real screens and features and prints one table; writes every figure to a
// JSON file. See "Benchmark" in README.md for what each figure includes.
//
// Usage: node bench/run.mjs [--small] [--runs N] [--edits N] [--port P] [--out FILE]
//                           [--dist DIR] [--data DIR] [--no-seed] [--lighthouse]
// scripts/bench builds the release first; this script only measures what is in --dist.
// --lighthouse installs the npm package lighthouse@12.2.3 into node_modules first if it is
// missing or another version (npm install --no-save: package.json is left as it is).
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/tools/chromium.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const small = flag("--small") || process.env.BENCH_SMALL === "1";
const runs = Number(option("--runs", small ? 1 : 5));
const edits = Number(option("--edits", small ? 5 : 200));
const port = Number(option("--port", process.env.BENCH_PORT || 8750));
const out = resolve(option("--out", join(root, "bench/results/latest.json")));
const dist = resolve(option("--dist", join(root, "dist")));
const dataDir = resolve(option("--data", join(root, small ? "bench/data/small" : "bench/data/full")));
const base = `http://127.0.0.1:${port}/`;
const instrument = join(root, "bench/instrument.js");
const log = (...a) => console.error("·", ...a);

// ---------------------------------------------------------------------------------------
// Small statistics helpers.
const sorted = (xs) => [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  if (!s.length) return null;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
};
const median = (xs) => quantile(xs, 0.5);
const round = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const ratio = (a, b) => (a && b ? round(a / b, 2) : null);
const summary = (xs) => ({ median: round(median(xs)), min: round(sorted(xs)[0]), max: round(sorted(xs).at(-1)), runs: xs.map((x) => round(x)) });

// ---------------------------------------------------------------------------------------
// Seed data: made by the app's own domain types (examples/bench_seed.rs), so the files
// carry the checksum the app computes and its import accepts them.
function seed() {
  if (flag("--no-seed") && existsSync(join(dataDir, "full.json"))) {
    return JSON.parse(readFileSync(join(dataDir, "summary.json"), "utf8"));
  }
  log(`Generating seed data in ${dataDir}`);
  const cargo = ["run", "--quiet", "--locked", ...(small ? [] : ["--release"]), "--example", "bench_seed", "--", dataDir, ...(small ? ["--small"] : [])];
  const result = spawnSync("cargo", cargo, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) throw new Error(`cargo ${cargo.join(" ")} failed`);
  const info = JSON.parse(result.stdout.trim().split("\n").at(-1));
  writeFileSync(join(dataDir, "summary.json"), JSON.stringify(info, null, 2));
  return info;
}

// ---------------------------------------------------------------------------------------
// Server and browser.
async function startServer() {
  const server = spawn(process.execPath, [join(root, "bench/server.mjs"), dist, String(port), dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolvePromise, reject) => {
    server.on("exit", (code) => reject(new Error(`the bench server exited (${code}); is port ${port} free?`)));
    server.stdout.on("data", (chunk) => String(chunk).includes("bench server") && resolvePromise());
  });
  return server;
}

const profiles = mkdtempSync(join(tmpdir(), "accord-bench-"));
async function launch(profile) {
  const context = await chromium.launchPersistentContext(join(profiles, profile), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  await context.addInitScript({ path: instrument });
  const errors = [];
  context.on("weberror", (e) => errors.push(String(e.error())));
  context.errors = errors;
  return context;
}

async function ready(page) {
  await page.waitForSelector("#boot-status", { state: "detached", timeout: 120_000 });
  await page.waitForSelector("h1", { timeout: 120_000 });
}

/** Clicks and returns the event's own timestamp (page clock). */
async function clickAt(page, locator) {
  // A page in the background gets no animation frames: every timed page is in front.
  await page.bringToFront();
  const before = await page.evaluate(() => window.__bench.clicks.length);
  await locator.click();
  await page.waitForFunction((n) => window.__bench.clicks.length > n, before);
  return page.evaluate((n) => window.__bench.clicks[n], before);
}

/** Imports a backup file through the Your data screen, like a person would. */
async function importThroughApp(page, file, total) {
  await page.goto(`${base}#/data`);
  await ready(page);
  await page.evaluate(() => {
    window.__bench.txs = [];
    window.__bench.arm("preview", '[aria-label="What the file holds"]');
  });
  const clicksBefore = await page.evaluate(() => window.__bench.clicks.length);
  await page.bringToFront();
  await page.setInputFiles("#import-file", file);
  const preview = await page.evaluate(() => window.__bench.result("preview"));
  const chosen = await page.evaluate((n) => window.__bench.clicks[n], clicksBefore);
  await page.evaluate(() => {
    window.__bench.txs = [];
    window.__bench.arm("imported", ".toast", 1, "Imported the file");
  });
  const clicked = await clickAt(page, page.getByRole("button", { name: "Import", exact: true }));
  const imported = await page.evaluate(() => window.__bench.result("imported"));
  const txs = await page.evaluate(() => window.__bench.txs);
  const tx = txs.find((t) => t.mode === "readwrite" && t.requests >= total);
  return {
    preview_ms: preview.paint - chosen,
    ui_ms: imported.paint - clicked,
    tx_ms: tx ? tx.end - tx.t0 : null,
    first_put_to_commit_ms: tx ? tx.end - tx.firstRequest : null,
    before_tx_ms: tx ? tx.t0 - clicked : null,
    after_commit_ms: tx ? imported.paint - tx.end : null,
    durability: tx ? tx.durability : null,
    requests: tx ? tx.requests : null,
  };
}

// ---------------------------------------------------------------------------------------
// 1. Transfer size of the first load.
function compressed(body) {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
  };
}
function category(path) {
  const ext = extname(path);
  if (/manifest/.test(path) || ext === ".webmanifest") return "manifest";
  if (ext === ".wasm") return "wasm";
  if (ext === ".js" || ext === ".mjs") return "js";
  if (ext === ".css") return "css";
  if (ext === ".html" || path.endsWith("/")) return "html";
  return "other";
}

async function transfer() {
  log("1. Transfer size of the first load");
  const context = await launch("transfer");
  const page = context.pages()[0] || (await context.newPage());
  const responses = [];
  context.on("response", (r) => responses.push(r));
  await page.goto(base);
  await ready(page);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(small ? 200 : 1500); // a service worker may precache after start
  const serviceWorker = await page.evaluate(async () => ("serviceWorker" in navigator ? (await navigator.serviceWorker.getRegistrations()).length > 0 : false));
  const files = [];
  for (const r of responses) {
    const url = new URL(r.url());
    if (url.origin !== new URL(base).origin || url.pathname.startsWith("/bench")) continue;
    let path = decodeURIComponent(url.pathname);
    const local = join(dist, path.endsWith("/") ? path + "index.html" : path);
    if (!existsSync(local)) continue;
    const sizes = await r.request().sizes().catch(() => ({ responseBodySize: null }));
    files.push({ path, kind: category(path), status: r.status(), wire: sizes.responseBodySize, ...compressed(readFileSync(local)) });
  }
  // One row per file even if it was requested twice (page and service worker).
  const unique = [...new Map(files.map((f) => [f.path, f])).values()];
  const kinds = {};
  for (const kind of ["wasm", "js", "css", "html", "manifest", "other"]) {
    const of = unique.filter((f) => f.kind === kind);
    kinds[kind] = { files: of.map((f) => f.path), raw: 0, gzip: 0, brotli: 0 };
    for (const f of of) for (const k of ["raw", "gzip", "brotli"]) kinds[kind][k] += f[k];
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of unique) for (const k of ["raw", "gzip", "brotli"]) total[k] += f[k];
  const wire = files.reduce((n, f) => n + (f.wire || 0), 0);
  await context.close();
  return { files: unique, kinds, total, wire_bytes_with_brotli_server: wire, requests: files.length, service_worker: serviceWorker, goal_brotli_bytes: 200_000, meets_goal: total.brotli <= 200_000 };
}

// ---------------------------------------------------------------------------------------
// 2. Start-up, cold and warm.
async function oneLoad(context, page, expected) {
  await page.addInitScript(() => {
    window.__bench.arm("list", 'ul[aria-label="Engagements"] > li');
    window.__bench.arm("settled", "#risk-title");
    // The backup reminder appears once the changes since the last backup are counted (when one is due).
    window.__bench.arm("reminder", ".backup-reminder");
  });
  await page.goto(base);
  const list = await page.evaluate(() => window.__bench.result("list"));
  const settled = await page.evaluate(() => window.__bench.result("settled"));
  const reminder = await page.evaluate((ms) => window.__bench.result("reminder", ms).catch(() => null), small ? 1000 : 20000);
  return page.evaluate(
    ({ list, settled, reminder, expected }) => {
      const paint = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
      const nav = performance.getEntriesByType("navigation")[0];
      return {
        first_paint: paint["first-paint"] ?? null,
        first_contentful_paint: paint["first-contentful-paint"] ?? null,
        app_started: window.__bench.appStarted,
        dashboard_list: list.paint,
        dashboard_settled: settled.paint,
        backup_reminder: reminder ? reminder.paint : null,
        cards: list.count,
        expected_cards: expected,
        document_transfer: nav ? nav.transferSize : null,
        controlled_by_service_worker: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
      };
    },
    { list, settled, reminder, expected },
  );
}

async function startup(profile, engagements) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const context = await launch(profile);
    const first = context.pages()[0] || (await context.newPage());
    const cdp = await context.newCDPSession(first);
    // Cold: no HTTP cache (and with it no compiled-code cache), no Cache Storage, no service
    // worker. The database is kept: that is the person's data.
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Storage.clearDataForOrigin", { origin: base.replace(/\/$/, ""), storageTypes: "cache_storage,service_workers" });
    cold.push(await oneLoad(context, first, engagements));
    await first.close();
    // Warm: the second load in the same browser.
    const second = await context.newPage();
    await second.waitForTimeout(small ? 100 : 1000); // let a service worker finish installing
    warm.push(await oneLoad(context, second, engagements));
    await context.close();
  }
  const sum = (loads) => ({
    first_paint_ms: summary(loads.map((l) => l.first_paint)),
    first_contentful_paint_ms: summary(loads.map((l) => l.first_contentful_paint)),
    app_started_ms: summary(loads.map((l) => l.app_started)),
    dashboard_list_ms: summary(loads.map((l) => l.dashboard_list)),
    dashboard_settled_ms: summary(loads.map((l) => l.dashboard_settled)),
    backup_reminder_ms: summary(loads.map((l) => l.backup_reminder)),
    cards: loads[0].cards,
    controlled_by_service_worker: loads.some((l) => l.controlled_by_service_worker),
  });
  return { cold: sum(cold), warm: sum(warm), loads: { cold, warm } };
}

// ---------------------------------------------------------------------------------------
// 3. Storage: the app's import vs plain IndexedDB; reading back.
async function rawPage(context, file) {
  const page = await context.newPage();
  await page.goto(`${base}bench/raw.html`);
  const records = await page.evaluate((url) => window.raw.load(url), `/bench-data/${file}`);
  return { page, records };
}

async function storage(info) {
  log("3. Storage: import of", info.full.records, "records vs plain IndexedDB");
  const context = await launch("full");
  const { page: raw, records } = await rawPage(context, "full.json");
  const rawWrites = [];
  await raw.evaluate(() => window.raw.reset("bench-raw"));
  await raw.bringToFront();
  rawWrites.push(await raw.evaluate(() => window.raw.write("bench-raw")));

  const app = context.pages()[0] || (await context.newPage());
  const imported = await importThroughApp(app, join(dataDir, "full.json"), info.full.records);
  log(`   app import: ${round(imported.ui_ms)} ms (transaction ${round(imported.tx_ms)} ms)`);

  await raw.evaluate(() => window.raw.reset("bench-raw"));
  await raw.bringToFront();
  rawWrites.push(await raw.evaluate(() => window.raw.write("bench-raw")));
  await raw.evaluate(() => window.raw.reset("bench-raw"));
  await raw.bringToFront();
  const rawSequential = await raw.evaluate(() => window.raw.write("bench-raw", { sequential: true }));
  await raw.evaluate(() => window.raw.reset("bench-raw"));

  // Reading back: while no backup has been made, the app's Your data screen reads every
  // record (one read transaction, getAll per store, each record into its Rust type) to count
  // the changes since the last backup. Once a backup is made it counts change markers
  // instead, so every opening is timed first and the backups are downloaded after.
  const appReads = [];
  const rawReads = [];
  const exports = [];
  for (let i = 0; i < runs; i++) {
    await app.goto(`${base}#/`);
    await ready(app);
    await app.waitForSelector("#risk-title", { timeout: 120_000 });
    // The home screen's backup reminder reads every record too: let it finish first.
    await app.evaluate(() => window.__bench.quiet(200));
    await app.waitForTimeout(small ? 100 : 500);
    await app.evaluate(() => {
      window.__bench.txs = [];
      window.__bench.arm("data", ".last-backup", 1, "Last backup");
    });
    const clicked = await clickAt(app, app.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your data" }));
    const shown = await app.evaluate(() => window.__bench.result("data"));
    const txs = await app.evaluate(() => window.__bench.txs);
    const tx = txs.find((t) => t.stores.length >= 8 && t.mode === "readonly");
    appReads.push({ ui_ms: shown.paint - clicked, tx_ms: tx ? tx.end - tx.t0 : null, after_tx_ms: tx ? shown.paint - tx.end : null });
    await raw.bringToFront();
    rawReads.push(await raw.evaluate(() => window.raw.read("accord")));
  }
  // The backup download: read everything, checksum, JSON, file (from the Your data screen,
  // where the last loop left the app).
  for (let i = 0; i < runs; i++) {
    await app.bringToFront();
    await app.evaluate(() => window.__bench.quiet(200));
    await app.waitForTimeout(small ? 100 : 500);
    const downloading = app.waitForEvent("download", { timeout: 120_000 });
    const before = await app.evaluate(() => window.__bench.clicks.length);
    await app.getByRole("button", { name: "Download a backup" }).click();
    const download = await downloading;
    const [pressed, saved] = await app.evaluate((n) => window.__bench.clicks.slice(n, n + 2), before);
    exports.push({ ui_ms: saved - pressed, file: download.suggestedFilename() });
    await download.delete();
  }
  const rawWrite = Math.min(...rawWrites);
  const appRead = median(appReads.map((r) => r.ui_ms));
  const appReadTx = median(appReads.map((r) => r.tx_ms));
  const rawRead = median(rawReads.map((r) => r.ms));
  await raw.close();
  return {
    context,
    app,
    result: {
      records,
      json_bytes: info.full.bytes,
      write: {
        app_import_click_to_confirmation_ms: round(imported.ui_ms),
        app_import_transaction_ms: round(imported.tx_ms),
        app_first_put_to_commit_ms: round(imported.first_put_to_commit_ms),
        app_before_transaction_ms: round(imported.before_tx_ms),
        app_after_commit_to_paint_ms: round(imported.after_commit_ms),
        app_durability: imported.durability,
        app_requests: imported.requests,
        app_file_chosen_to_preview_ms: round(imported.preview_ms),
        raw_one_transaction_ms: round(rawWrite),
        raw_runs_ms: rawWrites.map((x) => round(x)),
        raw_await_each_put_ms: round(rawSequential),
        ratio_transaction: ratio(imported.tx_ms, rawWrite),
        ratio_click_to_confirmation: ratio(imported.ui_ms, rawWrite),
      },
      read: {
        app_open_your_data_ms: summary(appReads.map((r) => r.ui_ms)),
        app_read_transaction_ms: summary(appReads.map((r) => r.tx_ms)),
        app_after_read_to_paint_ms: summary(appReads.map((r) => r.after_tx_ms)),
        app_backup_download_ms: summary(exports.map((e) => e.ui_ms)),
        raw_get_all_ms: summary(rawReads.map((r) => r.ms)),
        ratio_open_your_data: ratio(appRead, rawRead),
        ratio_transaction: ratio(appReadTx, rawRead),
      },
      goal_ratio: 1.2,
    },
  };
}

// ---------------------------------------------------------------------------------------
// 4. One edit, saved with strict durability: the shared note of one session.
async function editing(app, info, seedData) {
  log(`4. ${edits} edits of a session's notes`);
  const engagement = seedData.engagements[1] || seedData.engagements[0];
  const session = seedData.sessions.find((s) => s.data.engagement_id === engagement.id && s.data.status === "held");
  const siblings = seedData.sessions.filter((s) => s.data.engagement_id === engagement.id).length;
  await app.goto(`${base}#/engagements/${engagement.id}/sessions/${session.id}`);
  await ready(app);
  await app.waitForSelector("#note_shared");
  const samples = [];
  for (let i = 0; i < edits; i++) {
    // The notice of the previous save is dismissed first (it would be updated in place).
    if (await app.locator(".toast__close").count()) await app.locator(".toast__close").click();
    await app.waitForSelector(".toast", { state: "detached" });
    await app.evaluate(() => {
      window.__bench.txs = [];
      window.__bench.arm("saved", ".toast", 1, "Saved the notes.");
    });
    await app.fill("#note_shared", `Edit ${i}: ${session.data.notes.shared.slice(0, 400)}`);
    const clicked = await clickAt(app, app.getByRole("form", { name: "Notes" }).getByRole("button", { name: "Save the notes" }));
    const saved = await app.evaluate(() => window.__bench.result("saved"));
    // The screen reads the session's engagement again after every write; wait until those
    // reads are done so the next edit starts from the saved revision.
    const settled = await app.evaluate(() => window.__bench.quiet(150));
    const txs = await app.evaluate(() => window.__bench.txs);
    const tx = txs.find((t) => t.mode === "readwrite");
    samples.push({
      ui_ms: saved.paint - clicked,
      tx_ms: tx ? tx.end - tx.t0 : null,
      before_tx_ms: tx ? tx.t0 - clicked : null,
      after_commit_ms: tx ? saved.paint - tx.end : null,
      durability: tx ? tx.durability : null,
      settled_ms: settled ? settled - clicked : null,
    });
  }
  // The floor: the same record read, changed and written by plain JavaScript in its own
  // strict transaction, in the app's own database (after the app's edits, so they never clash).
  const raw = await app.context().newPage();
  await raw.goto(`${base}bench/raw.html`);
  const rawEdits = await raw.evaluate(({ id, n }) => window.raw.edits("accord", id, n), { id: session.id, n: edits });
  await raw.close();
  await app.bringToFront();
  const pick = (key) => samples.map((s) => s[key]);
  const stats = (xs) => ({ p50: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), max: round(sorted(xs).at(-1)) });
  return {
    edits,
    what: "shared session note (~400 characters), saved from the session screen",
    sessions_in_engagement: siblings,
    durability: samples[0] && samples[0].durability,
    click_to_saved_notice_ms: stats(pick("ui_ms")),
    transaction_ms: stats(pick("tx_ms")),
    click_to_transaction_ms: stats(pick("before_tx_ms")),
    commit_to_notice_painted_ms: stats(pick("after_commit_ms")),
    raw_strict_put_ms: stats(rawEdits),
    ratio_p50_to_raw: ratio(quantile(pick("ui_ms"), 0.5), quantile(rawEdits, 0.5)),
    click_to_data_reread_ms: stats(pick("settled_ms")),
    goal_p95_ms: 15,
  };
}

// ---------------------------------------------------------------------------------------
// 5. Rendering: the app's screens vs a vanilla-JS page rendering the same rows.
async function rendering(context, app, info) {
  log("5. Rendering: sessions list and goal view vs vanilla JS");
  const engagement = info.full.big_engagement;
  const css = readdirSync(dist).find((f) => f.endsWith(".css"));
  const vanilla = await context.newPage();
  await vanilla.goto(`${base}bench/vanilla.html?css=/${css}&engagement=${engagement}&goal=${info.full.judged_goal}`);
  const measure = async (page, arm, open, back) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      await back();
      await page.waitForTimeout(small ? 50 : 300);
      await page.evaluate(arm);
      await page.evaluate(() => { window.__bench.txs = []; });
      const clicked = await clickAt(page, open());
      const shown = await page.evaluate(() => window.__bench.result("view"));
      const txs = (await page.evaluate(() => window.__bench.txs)).filter((t) => t.t0 >= clicked && t.end !== null && t.end <= shown.dom);
      const reads = txs.length ? Math.max(...txs.map((t) => t.end)) - Math.min(...txs.map((t) => t.t0)) : null;
      times.push({ ms: shown.paint - clicked, count: shown.count, reads_ms: reads, transactions: txs.length });
    }
    return times;
  };
  const n = info.full.big_sessions;
  const entries = info.full.goal_entries;
  const armSessions = `window.__bench.arm("view", 'ol[aria-label="Sessions in date order"] > li', ${n})`;
  const armGoal = `window.__bench.arm("view", "ul.entries > li", ${entries})`;
  const appSessions = await measure(app, armSessions, () => app.getByRole("link", { name: "Open the sessions" }), async () => {
    await app.goto(`${base}#/engagements/${engagement}`);
    await ready(app);
    await app.waitForSelector("text=Open the sessions");
  });
  const vanillaSessions = await measure(vanilla, armSessions, () => vanilla.locator("#open-sessions"), async () => vanilla.evaluate(() => document.getElementById("main").replaceChildren()));
  const appGoal = await measure(app, armGoal, () => app.locator(`a[href$="/goals/${info.full.judged_goal}"]`).first(), async () => {
    await app.goto(`${base}#/engagements/${engagement}/goals`);
    await ready(app);
    await app.waitForSelector(`a[href$="/goals/${info.full.judged_goal}"]`);
  });
  const vanillaGoal = await measure(vanilla, armGoal, () => vanilla.locator("#open-goal"), async () => vanilla.evaluate(() => document.getElementById("main").replaceChildren()));
  // The metric goal (a chart of the entries, no list): the app alone. Only the points of the
  // Progress panel's chart: the goal's GAS score history is a chart too.
  const armMetric = `window.__bench.arm("view", 'section[aria-labelledby="progress-title"] .chart__point', ${entries})`;
  const appMetric = await measure(app, armMetric, () => app.locator(`a[href$="/goals/${info.full.metric_goal}"]`).first(), async () => {
    await app.goto(`${base}#/engagements/${engagement}/goals`);
    await ready(app);
    await app.waitForSelector(`a[href$="/goals/${info.full.metric_goal}"]`);
  });
  await vanilla.close();
  const ms = (xs) => xs.map((x) => x.ms);
  return {
    sessions_list: {
      rows: appSessions[0].count,
      app_click_to_paint_ms: summary(ms(appSessions)),
      app_read_transactions_ms: summary(appSessions.map((x) => x.reads_ms)),
      app_transactions: appSessions[0].transactions,
      vanilla_click_to_paint_ms: summary(ms(vanillaSessions)),
      vanilla_read_transaction_ms: summary(vanillaSessions.map((x) => x.reads_ms)),
      ratio: ratio(median(ms(appSessions)), median(ms(vanillaSessions))),
    },
    goal_view: {
      entries: appGoal[0].count,
      app_click_to_paint_ms: summary(ms(appGoal)),
      app_read_transactions_ms: summary(appGoal.map((x) => x.reads_ms)),
      app_transactions: appGoal[0].transactions,
      vanilla_click_to_paint_ms: summary(ms(vanillaGoal)),
      vanilla_read_transaction_ms: summary(vanillaGoal.map((x) => x.reads_ms)),
      ratio: ratio(median(ms(appGoal)), median(ms(vanillaGoal))),
    },
    metric_goal_view: { points: appMetric[0].count, app_click_to_paint_ms: summary(ms(appMetric)) },
    goal_ratio: 1.2,
  };
}

// ---------------------------------------------------------------------------------------
// 6. Memory: the app holding data on screen. One page opens the home screen, then each
// screen in `screens` by changing location.hash (the app stays loaded, as when a person
// clicks through it), waits until each shows all its rows and every read is done, then
// collects garbage and reads the JS heap and the size of the app's WebAssembly memory.
const count = (n) => n.toLocaleString("en-US");
async function memory(context, state, home, screens = []) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(`${base}#/`);
  await ready(page);
  await page.waitForSelector(home, { timeout: 120_000 });
  const opened = [{ screen: "home screen", hash: "#/" }];
  for (const screen of screens) {
    await page.evaluate(({ selector, rows }) => window.__bench.arm("memory", selector, rows), screen);
    await page.evaluate((hash) => { location.hash = hash; }, screen.hash);
    const shown = await page.evaluate(() => window.__bench.result("memory"));
    opened.push({ screen: screen.screen, hash: screen.hash, rows: shown.count });
  }
  await page.evaluate(() => window.__bench.quiet(200));
  await page.waitForTimeout(small ? 100 : 1000);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const wasm = await page.evaluate(() => (window.__bench.wasm && window.__bench.wasm.memory ? window.__bench.wasm.memory.buffer.byteLength : null));
  await page.close();
  return {
    state,
    opened,
    js_heap_used_bytes: metrics.JSHeapUsedSize,
    js_heap_total_bytes: metrics.JSHeapTotalSize,
    wasm_memory_bytes: wasm,
    dom_nodes: metrics.Nodes,
  };
}

/** The loaded database's memory row: the same screens the rendering section times. */
function loadedMemory(context, info) {
  const { big_engagement: engagement, judged_goal: goal, big_sessions: sessions, goal_entries: entries, records } = info.full;
  return memory(context, `after opening the home screen, the ${count(sessions)}-session list and the ${count(entries)}-entry goal (${count(records)} records)`, "#risk-title", [
    { screen: `${count(sessions)}-session list`, hash: `#/engagements/${engagement}/sessions`, selector: 'ol[aria-label="Sessions in date order"] > li', rows: sessions },
    { screen: `goal with ${count(entries)} judged entries`, hash: `#/engagements/${engagement}/goals/${goal}`, selector: "ul.entries > li", rows: entries },
  ]);
}

// ---------------------------------------------------------------------------------------
// 7. Lighthouse (only with --lighthouse): mobile, with Lighthouse's default (simulated)
// throttling, against the release build as this script's server sends it (compressed).
// Version 12.2.3 exactly: 13 needs Node 22.
const LIGHTHOUSE = "12.2.3";
function lighthouseVersion() {
  try {
    return JSON.parse(readFileSync(join(root, "node_modules/lighthouse/package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

/** Installs lighthouse@12.2.3 into node_modules if it is missing or another version; leaves package.json as it is. */
function installLighthouse() {
  if (lighthouseVersion() === LIGHTHOUSE) return;
  log(`Installing lighthouse@${LIGHTHOUSE} into node_modules (npm install --no-save: package.json is left as it is)`);
  // npm's report goes to stderr: stdout is for the table.
  const result = spawnSync("npm", ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", `lighthouse@${LIGHTHOUSE}`], { cwd: root, stdio: ["ignore", 2, 2] });
  if (result.status !== 0 || lighthouseVersion() !== LIGHTHOUSE) {
    throw new Error(`--lighthouse: could not install lighthouse@${LIGHTHOUSE} (npm exited with ${result.status}; found ${lighthouseVersion() || "none"})`);
  }
}

/** Waits for a Chromium started with --remote-debugging-port=0 to write the port it chose. */
async function devToolsPort(file, exited) {
  let gone = false;
  exited.then(() => (gone = true));
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (gone) throw new Error("Chromium for Lighthouse exited before it was ready");
    if (existsSync(file)) {
      const port = Number(readFileSync(file, "utf8").split("\n")[0]);
      if (port > 0) return port;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("Chromium for Lighthouse did not start in 60 s");
}

/** One Lighthouse run in a Chromium of its own on the given profile, which is kept as it is. */
async function lighthouseRun(run, profile, url) {
  const portFile = join(profile, "DevToolsActivePort");
  rmSync(portFile, { force: true });
  const browser = spawn(CHROMIUM, [...CHROMIUM_ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], { stdio: "ignore" });
  const exited = new Promise((r) => browser.on("exit", r));
  try {
    const port = await devToolsPort(portFile, exited);
    // The default settings are mobile with simulated throttling. Storage is not reset: the
    // deep link needs its engagement in the database. The HTTP cache, Cache Storage and
    // service worker were cleared before this run instead (see lighthouse() below).
    const result = await run(url, { port, logLevel: "error", onlyCategories: ["performance", "accessibility"], disableStorageReset: true });
    return result.lhr;
  } finally {
    browser.kill();
    await exited;
  }
}

async function lighthouse(info) {
  log("7. Lighthouse, mobile, default throttling: home screen and a session's deep link");
  const run = (await import("lighthouse")).default;
  // The 50-engagement database of the start-up figures, imported through the app once, in
  // a profile of its own; no backup is made in it.
  const seedData = JSON.parse(readFileSync(join(dataDir, "startup.json"), "utf8")).data;
  const engagement = seedData.engagements[1] || seedData.engagements[0];
  const session = seedData.sessions.find((s) => s.data.engagement_id === engagement.id && s.data.status === "held") || seedData.sessions.find((s) => s.data.engagement_id === engagement.id);
  const profile = join(profiles, "lighthouse");
  {
    const context = await launch("lighthouse");
    const page = context.pages()[0] || (await context.newPage());
    await importThroughApp(page, join(dataDir, "startup.json"), info.startup.records);
    await context.close();
  }
  const targets = [
    { page: "home", what: `home screen (${count(info.startup.counts.engagements)} engagements)`, hash: "#/", selector: 'ul[aria-label="Engagements"] > li' },
    { page: "session", what: "deep link to one session", hash: `#/engagements/${engagement.id}/sessions/${session.id}`, selector: "#notes-title" },
  ];
  const pages = [];
  let version = null;
  let settings = null;
  for (const target of targets) {
    // First check that the address shows what it should, then clear the HTTP cache (and
    // with it the compiled code), Cache Storage and the service worker, keeping the
    // database: Lighthouse then loads the app cold.
    const context = await launch("lighthouse");
    const page = context.pages()[0] || (await context.newPage());
    await page.goto(`${base}${target.hash}`);
    await ready(page);
    await page.waitForSelector(target.selector, { timeout: 120_000 });
    await page.goto("about:blank");
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Storage.clearDataForOrigin", { origin: base.replace(/\/$/, ""), storageTypes: "cache_storage,service_workers" });
    await context.close();
    const lhr = await lighthouseRun(run, profile, `${base}${target.hash}`);
    version = lhr.lighthouseVersion;
    settings = lhr.configSettings;
    const audit = (name) => (lhr.audits[name] ? round(lhr.audits[name].numericValue) : null);
    const score = (name) => (lhr.categories[name] && lhr.categories[name].score !== null ? Math.round(lhr.categories[name].score * 100) : null);
    pages.push({
      page: target.page,
      what: target.what,
      url: lhr.finalDisplayedUrl,
      performance: score("performance"),
      largest_contentful_paint_ms: audit("largest-contentful-paint"),
      total_blocking_time_ms: audit("total-blocking-time"),
      first_contentful_paint_ms: audit("first-contentful-paint"),
      accessibility: score("accessibility"),
      warnings: lhr.runWarnings,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    });
    log(`   ${target.what}: performance ${pages.at(-1).performance}, accessibility ${pages.at(-1).accessibility}`);
  }
  return {
    version,
    form_factor: settings.formFactor,
    throttling_method: settings.throttlingMethod,
    database: `startup.json imported through the app: ${count(info.startup.counts.engagements)} engagements, ${count(info.startup.records)} records, no backup made`,
    pages,
  };
}

// ---------------------------------------------------------------------------------------
function table(r) {
  const kb = (b) => (b === null || b === undefined ? "—" : `${(b / 1000).toFixed(1)} kB`);
  const mb = (b) => (b === null || b === undefined ? "—" : `${(b / 1e6).toFixed(1)} MB`);
  const ms = (x) => (x === null || x === undefined ? "—" : `${x} ms`);
  const rows = [["Figure", "Value", "Goal"]];
  const t = r.transfer;
  for (const kind of ["wasm", "js", "css", "html", "manifest", "other"]) {
    const k = t.kinds[kind];
    if (!k.files.length) continue;
    rows.push([`Transfer ${kind} (raw / gzip / brotli)`, `${kb(k.raw)} / ${kb(k.gzip)} / ${kb(k.brotli)}`, ""]);
  }
  rows.push(["Transfer total (raw / gzip / brotli)", `${kb(t.total.raw)} / ${kb(t.total.gzip)} / ${kb(t.total.brotli)}`, "≤ 200 kB brotli"]);
  // Each start-up database by what it holds (the small data set has fewer engagements).
  const databases = { engagements_50: r.meta.data.startup, all_records: r.meta.data.full };
  for (const [name, s] of Object.entries(r.startup)) {
    if (!s || !s.cold) continue;
    const d = databases[name];
    const held = d ? `${count(d.counts.engagements)} engagements, ${count(d.records)} records` : name;
    for (const mode of ["cold", "warm"]) {
      const m = s[mode];
      rows.push([`Start-up (${held}), ${mode}: first paint / app started / list / goals / reminder`, `${ms(m.first_paint_ms.median)} / ${ms(m.app_started_ms.median)} / ${ms(m.dashboard_list_ms.median)} / ${ms(m.dashboard_settled_ms.median)} / ${ms(m.backup_reminder_ms.median)}`, mode === "warm" && m.controlled_by_service_worker ? "service worker" : ""]);
    }
  }
  const s = r.storage;
  rows.push([`Write ${s.records} records: app import transaction / raw IndexedDB`, `${ms(s.write.app_import_transaction_ms)} / ${ms(s.write.raw_one_transaction_ms)} = ${s.write.ratio_transaction}×`, "≤ 1.2×"]);
  rows.push(["  app import, click → confirmation painted / raw IndexedDB", `${ms(s.write.app_import_click_to_confirmation_ms)} = ${s.write.ratio_click_to_confirmation}×`, ""]);
  rows.push(["  app, file chosen → preview painted", ms(s.write.app_file_chosen_to_preview_ms), ""]);
  rows.push(["  raw IndexedDB awaiting each put", ms(s.write.raw_await_each_put_ms), ""]);
  rows.push([`Read all records: app "Your data", no backup yet (click → painted) / raw getAll`, `${ms(s.read.app_open_your_data_ms.median)} / ${ms(s.read.raw_get_all_ms.median)} = ${s.read.ratio_open_your_data}×`, "≤ 1.2×"]);
  rows.push(["  app read transaction alone", `${ms(s.read.app_read_transaction_ms.median)} = ${s.read.ratio_transaction}×`, ""]);
  rows.push(["  app backup download (read, checksum, JSON, file)", ms(s.read.app_backup_download_ms.median), ""]);
  const e = r.edits;
  rows.push([`Edit (${e.edits}×): click → "Saved" painted p50 / p95`, `${ms(e.click_to_saved_notice_ms.p50)} / ${ms(e.click_to_saved_notice_ms.p95)}`, "p95 ≤ 15 ms"]);
  rows.push(["  plain JS: same read-change-write, strict, p50 / p95", `${ms(e.raw_strict_put_ms.p50)} / ${ms(e.raw_strict_put_ms.p95)}`, ""]);
  rows.push(["  app strict transaction p50 / p95", `${ms(e.transaction_ms.p50)} / ${ms(e.transaction_ms.p95)}`, ""]);
  rows.push(["  click → screen's data read again p50 / p95", `${ms(e.click_to_data_reread_ms.p50)} / ${ms(e.click_to_data_reread_ms.p95)}`, ""]);
  const g = r.rendering;
  rows.push([`Render ${g.sessions_list.rows} sessions: app / vanilla`, `${ms(g.sessions_list.app_click_to_paint_ms.median)} / ${ms(g.sessions_list.vanilla_click_to_paint_ms.median)} = ${g.sessions_list.ratio}×`, "≤ 1.2×"]);
  rows.push(["  of which app read transactions (first start → last end)", ms(g.sessions_list.app_read_transactions_ms.median), `${g.sessions_list.app_transactions} transactions`]);
  rows.push([`Render goal with ${g.goal_view.entries} entries: app / vanilla`, `${ms(g.goal_view.app_click_to_paint_ms.median)} / ${ms(g.goal_view.vanilla_click_to_paint_ms.median)} = ${g.goal_view.ratio}×`, "≤ 1.2×"]);
  rows.push([`Render metric goal (${g.metric_goal_view.points} points): app`, ms(g.metric_goal_view.app_click_to_paint_ms.median), ""]);
  for (const m of r.memory) rows.push([`Memory ${m.state}: JS heap / wasm memory`, `${mb(m.js_heap_used_bytes)} / ${mb(m.wasm_memory_bytes)}`, ""]);
  const l = r.lighthouse;
  if (l && l.pages) {
    for (const p of l.pages) {
      rows.push([`Lighthouse ${l.version}, ${p.what} (${l.form_factor}, throttling: ${l.throttling_method}): performance / LCP / TBT / accessibility`, `${p.performance ?? "—"} / ${ms(p.largest_contentful_paint_ms)} / ${ms(p.total_blocking_time_ms)} / ${p.accessibility ?? "—"}`, p.error || ""]);
    }
  } else if (l && l.skipped) rows.push(["Lighthouse", "not run", l.skipped]);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row, n) => row.map((c, i) => String(c).padEnd(w[i])).join(" │ ") + (n === 0 ? "\n" + w.map((x) => "─".repeat(x)).join("─┼─") : "")).join("\n");
}

// ---------------------------------------------------------------------------------------
const started = Date.now();
// Installed first, so a failed install stops the run before minutes of measuring.
if (flag("--lighthouse")) installLighthouse();
const info = seed();
const server = await startServer();
const results = { meta: {}, transfer: null, startup: {}, storage: null, edits: null, rendering: null, memory: [], lighthouse: null };
let storageContext = null;
try {
  const version = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" }).stdout.trim();
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  results.meta = { when: new Date().toISOString(), small, runs, browser: version, commit, dist, data: info, machine: { cpus: (await import("node:os")).cpus().length } };

  results.transfer = await transfer();

  log("2. Start-up with", info.startup.counts.engagements, "engagements");
  {
    const context = await launch("startup");
    const page = context.pages()[0] || (await context.newPage());
    await importThroughApp(page, join(dataDir, "startup.json"), info.startup.records);
    await context.close();
  }
  results.startup.engagements_50 = await startup("startup", info.startup.counts.engagements);

  const seedData = JSON.parse(readFileSync(join(dataDir, "full.json"), "utf8")).data;
  const { context, app, result } = await storage(info);
  storageContext = context;
  results.storage = result;
  results.edits = await editing(app, info, seedData);
  results.rendering = await rendering(context, app, info);
  // One app page at a time: same-origin pages share a JavaScript heap.
  await app.close();
  results.memory.push(await loadedMemory(context, info));
  await context.close();
  storageContext = null;
  {
    // An empty database has no sessions or goals to open: the home screen alone.
    const empty = await launch("empty");
    results.memory.unshift(await memory(empty, "with an empty database, after opening the home screen", "#empty-title"));
    await empty.close();
  }
  log("2b. Start-up with every record (", info.full.records, ")");
  results.startup.all_records = await startup("full", info.full.counts.engagements);

  results.lighthouse = flag("--lighthouse") ? await lighthouse(info) : { skipped: "run with --lighthouse" };
  results.meta.seconds = Math.round((Date.now() - started) / 1000);
} finally {
  if (storageContext) await storageContext.close().catch(() => {});
  server.kill();
  rmSync(profiles, { recursive: true, force: true });
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(table(results));
console.log(`\nWrote ${out} (${results.meta.seconds} s).`);
