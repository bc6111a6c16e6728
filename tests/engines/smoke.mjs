// The cross-engine smoke suite: the release build in Chromium (Blink), Firefox ESR (Gecko)
// and WebKit (Safari's engine), each driven through W3C WebDriver. In each engine: open
// the app, create an engagement through the form, reload and see it, then go offline
// (the test server stops, so every request to it fails) and reload: the service worker
// must open the app and the engagement must still be there.
//
// Usage: node tests/engines/smoke.mjs [chromium] [firefox] [webkit]   (default: all three)
// Needs dist/ (trunk build --release). Prints one result line per engine and a closing
// "Smoke suite: N passed, M failed" line; exits non-zero if any engine failed.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { homedir } from "node:os";
import { serveStatic } from "../e2e/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../tools/chromium.mjs";
import { startDriver, Session } from "./webdriver.mjs";

const GECKODRIVER = process.env.GECKODRIVER || join(homedir(), ".cargo/bin/geckodriver");
const MINIBROWSER = process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/**
 * Each engine: its WebDriver server, the capabilities that work here (TOOLCHAIN.md), and
 * its own loopback ports (8780-8789: the app on 8780-8782, the driver on 8785-8787, geckodriver's
 * WebDriver BiDi socket on 8789), so an engine never sees another's data or server.
 */
const ENGINES = {
  chromium: {
    name: "Chromium",
    appPort: 8780,
    driverPort: 8785,
    driver: (port) => ({ command: process.env.CHROMEDRIVER || "/usr/bin/chromedriver", args: [`--port=${port}`] }),
    capabilities: () => ({
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: CHROMIUM,
        args: ["--headless=new", ...CHROMIUM_ARGS],
      },
    }),
  },
  firefox: {
    name: "Firefox",
    appPort: 8781,
    driverPort: 8786,
    driver: (port, profiles) => ({
      command: GECKODRIVER,
      args: ["--port", String(port), "--websocket-port", "8789", "--profile-root", profiles],
    }),
    capabilities: () => ({
      browserName: "firefox",
      "moz:firefoxOptions": { binary: process.env.FIREFOX || "/usr/bin/firefox-esr", args: ["-headless"] },
    }),
  },
  webkit: {
    name: "WebKit",
    appPort: 8782,
    driverPort: 8787,
    // WebKitGTK needs an X display even for automation: a virtual one from xvfb-run.
    driver: (port) => ({
      command: "xvfb-run",
      args: ["-a", process.env.WEBKITWEBDRIVER || "/usr/bin/WebKitWebDriver", `--port=${port}`],
    }),
    capabilities: () => ({ "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } }),
  },
};

// ---- In-page helpers (sent as source text: they run in the browser) ----------------------

/** The app has replaced the static shell: no start-up message, a visible main heading. */
const appReady = () => {
  const heading = document.querySelector("main h1");
  return !document.getElementById("boot-status") && heading && heading.offsetParent !== null ? heading.textContent.trim() : null;
};
/** The text of the main heading once it equals `text`. */
const headingIs = (text) => document.querySelector("main h1")?.textContent.trim() === text;
/** A link or button whose text matches `pattern` (source of a RegExp). */
const control = (selector, pattern) =>
  [...document.querySelectorAll(selector)].find((e) => new RegExp(pattern).test(e.textContent.trim())) ?? null;
/** The form control a <label> with text starting with `text` names. */
const labelled = (text) => {
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent.trim().startsWith(text));
  return label ? document.getElementById(label.htmlFor) : null;
};
/** The names in the list of engagements, once it includes `name`. */
const listedWith = (name) => {
  const list = document.querySelector('[aria-label="Engagements"]');
  const names = list ? [...list.querySelectorAll("a")].map((a) => a.textContent.trim()) : [];
  return names.includes(name) ? names : null;
};
/** Starts collecting Content-Security-Policy and Trusted Types violations in this document. */
const watchViolations = () => {
  if (window.__violations) return;
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"}`));
};
const violations = () => window.__violations ?? [];
/** Whether a service worker controls this page, once it is active. */
const controlled = () => navigator.serviceWorker?.ready.then(() => navigator.serviceWorker.controller !== null) ?? false;
/** The crash screen or an error notice, if the app shows one. */
const problemShown = () => document.querySelector(".rescue, .notice--error, [data-crashed]")?.textContent.trim().slice(0, 200) ?? null;

// ---- The smoke test ------------------------------------------------------------------------

async function smoke(engine) {
  const steps = [];
  const step = async (what, action) => {
    const started = Date.now();
    try {
      const value = await action();
      steps.push(`  ✓ ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return value;
    } catch (error) {
      steps.push(`  ✗ ${what}: ${error.message}`);
      throw error;
    }
  };
  const profiles = await mkdtemp(join(tmpdir(), "accord-engines-"));
  let server = await serveStatic({ root: "dist", port: engine.appPort });
  let driver;
  let session;
  try {
    driver = await step("start the WebDriver server", () => startDriver({ ...engine.driver(engine.driverPort, profiles), port: engine.driverPort }));
    session = await step("start a browser session", () => Session.start(driver.url, engine.capabilities()));
    steps.push(`    (${session.browser})`);
    await session.timeouts({ pageLoad: 60_000, script: 30_000, implicit: 0 });
    // Nothing here depends on the day; the browser's clock is shown so a run on another day
    // (ACCORD_TEST_NOW: tests/tools/faketime-driver) can be seen to be one.
    steps.push(`    (the browser's clock: ${await session.execute(() => new Date().toString())})`);
    const client = `Ada Lovelace ${engine.name}`;
    const appUrl = server.url;
    const ready = async () => {
      const heading = await session.waitFor("the app to start", appReady, { timeout: 60_000 });
      await session.execute(watchViolations);
      return heading;
    };
    const noViolations = async () => {
      const found = await session.execute(violations);
      if (found.length) throw new Error(`Content-Security-Policy or Trusted Types violations: ${found.join("; ")}`);
      const problem = await session.execute(problemShown);
      if (problem) throw new Error(`the app shows a problem: ${problem}`);
    };

    await step("open the app: the list of engagements", async () => {
      await session.goto(server.url);
      const heading = await ready();
      if (heading !== "Engagements") throw new Error(`the heading says "${heading}"`);
    });
    await step("create an engagement through the form", async () => {
      await session.click(await session.waitFor("the New engagement link", control, { args: ["a", "^(New engagement|Create your first engagement)$"] }));
      await session.waitFor("the form", headingIs, { args: ["New engagement"] });
      await session.type(await session.waitFor("the client field", labelled, { args: ["Client or mentee"] }), client);
      await session.type(await session.waitFor("the practitioner field", labelled, { args: ["Coach or mentor"] }), "Sam Lee");
      await session.click(await session.waitFor("the Coaching choice", labelled, { args: ["Coaching"] }));
      await session.type(await session.waitFor("the title field", labelled, { args: ["Short title"] }), "Board readiness");
      await session.click(await session.waitFor("the Create button", control, { args: ["button", "^Create engagement$"] }));
      await session.waitFor(`the new engagement's page ("${client}")`, headingIs, { args: [client] });
      await noViolations();
    });
    await step("reload: the engagement is still there", async () => {
      await session.reload();
      const heading = await ready();
      if (heading !== client) throw new Error(`after reloading, the heading says "${heading}"`);
      await session.goto(server.url);
      await ready();
      await session.waitFor(`"${client}" in the list`, listedWith, { args: [client] });
      await noViolations();
    });
    await step("a service worker runs the page", async () => {
      const deadline = Date.now() + 30_000;
      while (!(await session.executeAsync(controlled))) {
        if (Date.now() > deadline) throw new Error("no service worker controls the page");
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    await step("go offline (the server stops) and reload: the app opens with the engagement", async () => {
      await server.close();
      server = null;
      const unreachable = await fetch(appUrl).then(() => false, () => true);
      if (!unreachable) throw new Error("the server still answers");
      await session.reload();
      const heading = await ready();
      if (heading !== "Engagements") throw new Error(`offline, the heading says "${heading}"`);
      const clients = await session.waitFor(`"${client}" in the list, offline`, listedWith, { args: [client] });
      if (clients.length !== 1) throw new Error(`expected one engagement, the list shows ${JSON.stringify(clients)}`);
      await noViolations();
    });
    await step("still offline, open the engagement's own address: its page opens", async () => {
      await session.goto(`${appUrl}#/`);
      await ready();
      const link = await session.waitFor("the link to the engagement", control, { args: ["a", `^${client}$`] });
      const href = await session.execute((a) => a.href, link);
      await session.goto("about:blank");
      await session.goto(href);
      const heading = await ready();
      if (heading !== client) throw new Error(`offline, the engagement's address shows "${heading}"`);
      await noViolations();
    });
    return { ok: true, steps };
  } catch (error) {
    if (driver && !session) steps.push(driver.output().split("\n").slice(-20).map((l) => `    | ${l}`).join("\n"));
    return { ok: false, steps, error };
  } finally {
    if (session) await session.end();
    if (driver) await driver.stop();
    if (server) await server.close();
    await rm(profiles, { recursive: true, force: true }).catch(() => {});
  }
}

const chosen = process.argv.slice(2);
for (const name of chosen) if (!(name in ENGINES)) throw new Error(`unknown engine "${name}": one of ${Object.keys(ENGINES).join(", ")}`);
await stat("dist/index.html").catch(() => {
  console.error("dist/index.html is missing: build first (trunk build --release --offline)");
  process.exit(2);
});

let passed = 0;
let failed = 0;
for (const key of chosen.length ? chosen : Object.keys(ENGINES)) {
  const engine = ENGINES[key];
  const started = Date.now();
  console.log(`-- ${engine.name}`);
  const result = await smoke(engine);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(result.steps.join("\n"));
  if (result.ok) {
    passed++;
    console.log(`  ok: smoke test passed in ${engine.name} (${seconds} s)`);
  } else {
    failed++;
    console.log(`  FAILED: smoke test in ${engine.name} (${seconds} s): ${result.error.message}`);
  }
}
console.log(`Smoke suite: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
