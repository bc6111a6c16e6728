// End-to-end: Accord as an installable app that works offline, updates only when asked,
// and runs from any folder of any static host.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { test, expect, newContext, App, EngagementList, EngagementForm, watchSecurityPolicy } from "./fixtures.mjs";
import { serveStatic } from "./serve.mjs";

const UPDATE_PORT = 8761;
const SUB_PATH_PORT = 8762;

/** Waits until the service worker is active and runs this page. */
async function controlledByServiceWorker(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** A page in its own browser profile, failing the test on errors, violations and foreign requests. */
async function freshPage(browser, baseURL) {
  const context = await newContext(browser, { baseURL });
  const page = await context.newPage();
  const problems = { errors: [], foreign: [], requests: [] };
  const origin = new URL(baseURL).origin;
  context.on("request", (request) => {
    problems.requests.push(request.url());
    if (new URL(request.url()).origin !== origin && !/^(data|blob):/.test(request.url())) problems.foreign.push(request.url());
  });
  page.on("pageerror", (error) => problems.errors.push(error.message));
  problems.violations = await watchSecurityPolicy(page);
  problems.check = () => {
    expect(problems.errors, "uncaught errors").toEqual([]);
    expect(problems.foreign, "requests to another origin").toEqual([]);
    expect(problems.violations, "policy violations").toEqual([]);
  };
  return { context, page, problems };
}

async function createEngagement(page, client) {
  await new EngagementList(page).startNew();
  const form = new EngagementForm(page);
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(client);
}

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  expect(bytes.subarray(1, 4).toString("latin1"), "a PNG file").toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function listFiles(folder) {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(folder, join(e.parentPath ?? e.path, e.name)).split(sep).join("/"));
}

test("the build's service worker precaches every file of the build under its hashed name", async () => {
  const worker = await readFile("dist/sw.js", "utf8");
  const version = worker.match(/^const VERSION = "([^"]*)";$/m)?.[1];
  const precache = JSON.parse(worker.match(/^const PRECACHE = (\[[\s\S]*?\]);$/m)?.[1] ?? "null");
  expect(version, "a version derived from the build's content").toMatch(/^[0-9a-f]{16}$/);
  // The organisation settings file is left out: administrators change it without a new build,
  // and the worker fetches it network-first (tests/e2e/embed.spec.mjs).
  const files = (await listFiles("dist")).filter((path) => path !== "sw.js" && path !== "accord-config.json").sort();
  expect(precache).toEqual(files);
  expect(files).toEqual(expect.arrayContaining(["index.html", "manifest.webmanifest", "icons/icon-512.png", expect.stringMatching(/_bg\.wasm$/)]));
  // Every script index.html loads is a file of the build (none inline).
  const html = await readFile("dist/index.html", "utf8");
  for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    expect(body.trim(), "no inline script").toBe("");
    expect(files).toContain(attributes.match(/src="(?:\.\/)?([^"]+)"/)[1]);
  }
});

test("installable: the manifest and its icons are right, and a service worker runs the page after a reload", async ({ page, request, baseURL }) => {
  const app = new App(page);
  await app.open();

  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href, "a relative address, so it works from any folder").toBe("manifest.webmanifest");
  const response = await request.get(new URL(href, baseURL).href);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({ short_name: "Accord", start_url: "./", scope: "./", display: "standalone" });
  expect(manifest.name).toContain("Accord");
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icons = [];
  for (const icon of manifest.icons) {
    expect(icon.src, "a relative address").not.toMatch(/^\/|:/);
    const file = await request.get(new URL(icon.src, new URL(href, baseURL)).href);
    expect(file.ok(), icon.src).toBe(true);
    expect(pngSize(await file.body()), `${icon.src} is as large as it says`).toBe(icon.sizes);
    icons.push(`${icon.sizes} ${icon.purpose}`);
  }
  expect(icons).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));

  await page.evaluate(() => navigator.serviceWorker.ready);
  await app.reload();
  const controller = await page.evaluate(() => {
    const worker = navigator.serviceWorker.controller;
    return worker && { script: worker.scriptURL, state: worker.state };
  });
  expect(controller).toEqual({ script: new URL("sw.js", baseURL).href, state: "activated" });
  // Chromium's own verdict: nothing stops installing the app.
  const devtools = await page.context().newCDPSession(page);
  const manifestSeen = await devtools.send("Page.getAppManifest");
  expect(manifestSeen.errors).toEqual([]);
  const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
  // Test profiles are private ("in-incognito"), where Chromium never offers to install.
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
  // A first install is not an update.
  await expect(page.getByText("Update available")).toHaveCount(0);
});

test("after one visit, Accord opens and works with the network off", async ({ page, context }) => {
  const app = new App(page);
  const list = new EngagementList(page);
  await app.open();
  await createEngagement(page, "Ada Lovelace");
  await controlledByServiceWorker(page);

  await context.setOffline(true);
  try {
    await page.goto("./#/");
    await app.reload();
    await expect(app.heading()).toHaveText("Engagements");
    await expect(list.card("Ada Lovelace")).toBeVisible();
    await createEngagement(page, "Grace Hopper");
    await app.nav("Your data");
    await expect(app.heading()).toHaveText("Your data");
  } finally {
    await context.setOffline(false);
  }
});

test("a new build is offered, never forced: the banner leaves an unsaved form alone, and Reload switches to it", async ({ browser }) => {
  const buildA = await mkdtemp(join(tmpdir(), "accord-build-a-"));
  const buildB = await mkdtemp(join(tmpdir(), "accord-build-b-"));
  await cp("dist", buildA, { recursive: true });
  await cp("dist", buildB, { recursive: true });
  // Build B: a changed index.html, and the new version the build would write into sw.js.
  const html = await readFile(join(buildB, "index.html"), "utf8");
  await writeFile(join(buildB, "index.html"), html.replace("<head>", '<head>\n  <meta name="accord-build" content="B">'));
  const worker = await readFile(join(buildB, "sw.js"), "utf8");
  await writeFile(join(buildB, "sw.js"), worker.replace(/^const VERSION = "([0-9a-f]+)";$/m, 'const VERSION = "$1-b";'));

  const server = await serveStatic({ root: buildA, port: UPDATE_PORT });
  const { context, page, problems } = await freshPage(browser, server.url);
  try {
    const app = new App(page);
    await app.open();
    await controlledByServiceWorker(page);

    // Someone starts a new engagement and has typed a name, not yet saved.
    await new EngagementList(page).startNew();
    const form = new EngagementForm(page);
    await form.fill({ client: "Katherine Johnson" });
    await page.evaluate(() => (window.sameDocument = true));

    server.setRoot(buildB);
    const banner = page.getByRole("status").filter({ hasText: "Update available" });
    await expect(banner).toHaveCount(0);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("A new version of Accord is ready");

    // Nothing changed under them: the same page, screen and unsaved text; still build A.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.sameDocument)).toBe(true);
    await expect(app.heading()).toHaveText("New engagement");
    await expect(form.client).toHaveValue("Katherine Johnson");
    await expect(page.locator('meta[name="accord-build"]')).toHaveCount(0);
    const stillWaiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
    expect(stillWaiting, "build B waits: it has not taken over by itself").toBe(true);

    await banner.getByRole("button", { name: "Reload" }).click();
    await expect(page.locator('meta[name="accord-build"]')).toHaveAttribute("content", "B");
    await app.ready();
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => window.sameDocument)).toBeUndefined();
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames, "only build B's copy is kept").toEqual([expect.stringMatching(/-b$/)]);
    problems.check();
  } finally {
    await context.close();
    await server.close();
    await rm(buildA, { recursive: true, force: true });
    await rm(buildB, { recursive: true, force: true });
  }
});

test("the same folder works from a sub-path: /tools/coaching/, a deep link, and a worker scoped to that folder", async ({ browser }) => {
  const server = await serveStatic({ root: "dist", port: SUB_PATH_PORT, prefix: "/tools/coaching/" });
  const { context, page, problems } = await freshPage(browser, server.url);
  try {
    const app = new App(page);
    await app.open();
    await createEngagement(page, "Grace Hopper");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.url);

    // A deep link opened afresh: the host has no fallback, the fragment picks the screen.
    const second = await context.newPage();
    await second.goto(`${server.url}#/data`);
    await new App(second).ready();
    await expect(second.getByRole("heading", { level: 1 })).toHaveText("Your data");
    await second.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Engagements" }).click();
    await expect(new EngagementList(second).card("Grace Hopper")).toBeVisible();

    expect(problems.requests.filter((url) => !url.startsWith(server.url)), "every request stays in the folder").toEqual([]);
    problems.check();
  } finally {
    await context.close();
    await server.close();
  }
});
