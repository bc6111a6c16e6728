// End-to-end: Accord embedded in an organisation's intranet page, with the organisation
// settings file (accord-config.json) applied; a broken settings file; the settings file
// changed on the server without a new build; frame-ancestors; storage partitioning.
//
// The app is served from 127.0.0.1:8793. The intranet page is served from 127.0.0.1:8791
// (the same site: a port does not make another site) or reached as localhost:8791 (another
// site): README "Embedded in another site" says what each means for the data.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testOnClock as base, expect, App, watchSecurityPolicy } from "./fixtures.mjs";
import { serveStatic } from "./serve.mjs";

const APP_PORT = 8793;
const HOST_PORT = 8791;
const APP = `http://127.0.0.1:${APP_PORT}/`;
const HOST = `http://127.0.0.1:${HOST_PORT}/`;
const CROSS_SITE_HOST = `http://localhost:${HOST_PORT}/`;

const NORTHWIND = {
  version: 1,
  organisation_name: "Northwind Health",
  logo: "northwind-logo.svg",
  accent_colour: "#5a3f8c",
  default_language: "en",
  default_code_of_ethics: "emcc",
  contract_templates: [
    {
      name: "Northwind leadership coaching",
      description: "Six sessions for new team leads, paid by Northwind.",
      based_on: "Individual coaching (ICF-style)",
      coaching_type: "leadership",
      clauses: [{ element: 6, heading: "Fees", text: "Northwind pays {{fee}} per session; you pay nothing." }],
    },
  ],
};
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#5a3f8c"/></svg>`;

/** A copy of the build with `config` as its settings file (or none), served on APP_PORT. */
async function serveWithConfig(config, options = {}) {
  const root = await mkdtemp(join(tmpdir(), "accord-embed-"));
  await cp("dist", root, { recursive: true });
  await rm(join(root, "accord-config.json"), { force: true });
  if (config !== undefined) await writeFile(join(root, "accord-config.json"), typeof config === "string" ? config : JSON.stringify(config, null, 2));
  await writeFile(join(root, "northwind-logo.svg"), LOGO);
  const server = await serveStatic({ root, port: APP_PORT, ...options });
  return {
    root,
    setConfig: (next) => writeFile(join(root, "accord-config.json"), JSON.stringify(next, null, 2)),
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The intranet page: its own heading, and Accord in a frame in a narrow column. */
function serveHostPage(appUrl = `${APP}?embed=1`) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind intranet</title></head>
<body><h1>Northwind intranet</h1><main><iframe title="Coaching and mentoring" src="${appUrl}" width="400" height="700"></iframe></main></body></html>`;
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  });
  return new Promise((done) =>
    server.listen(HOST_PORT, "127.0.0.1", () =>
      done({
        close: () => new Promise((closed) => {
          server.closeAllConnections();
          server.close(closed);
        }),
      })
    )
  );
}

/** Fails the test on page errors, policy violations, or requests to anything but the two origins. */
const test = base.extend({
  page: async ({ page }, use) => {
    const errors = [];
    const foreign = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.context().on("request", (request) => {
      const url = new URL(request.url());
      if (!["data:", "blob:"].includes(url.protocol) && ![APP, HOST, CROSS_SITE_HOST].map((u) => new URL(u).origin).includes(url.origin)) foreign.push(request.url());
    });
    const violations = await watchSecurityPolicy(page);
    await use(page);
    expect(errors, "uncaught errors").toEqual([]);
    expect(foreign, "requests to other origins").toEqual([]);
    expect(violations, "policy violations").toEqual([]);
  },
});

/** axe-core inside a frame (the fixture's App runs it on a whole page). */
async function accessibilityViolationsIn(frame) {
  return new App(frame).accessibilityViolations();
}

test("embedded in an intranet page of the same site, with the organisation's settings, an engagement is created in the frame", async ({ page }) => {
  test.setTimeout(60_000);
  const app = await serveWithConfig(NORTHWIND, { frameAncestors: HOST.replace(/\/$/, "") });
  const host = await serveHostPage();
  try {
    await page.goto(HOST);
    await expect(page.getByRole("heading", { name: "Northwind intranet" })).toBeVisible();
    const frame = page.frameLocator('iframe[title="Coaching and mentoring"]');
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Engagements");

    // Embed mode: no brand header, the navigation kept, the organisation named.
    await expect(frame.locator(".brand")).toHaveCount(0);
    await expect(frame.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Engagements", "Evidence", "Your data", "Settings"]);
    await expect(frame.locator(".app-header")).toContainText("Northwind Health");
    const inner = page.frames().find((f) => f.url().startsWith(APP));
    // The accent colour arrives through the CSSOM and colours the primary actions.
    expect(await inner.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--org-accent").trim())).toBe("#5a3f8c");
    await expect(frame.getByRole("link", { name: "Create your first engagement" })).toHaveCSS("background-color", "rgb(90, 63, 140)");
    // It fits the 400 px frame: nothing wider than the frame.
    expect(await inner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await accessibilityViolationsIn(inner), "empty list, embedded").toEqual([]);
    // On a dark device, the dark theme's tints of the accent colour.
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(frame.locator("html")).toHaveAttribute("data-theme", "dark");
    const accents = () =>
      inner.evaluate(() => ["--accent", "--org-dark-accent"].map((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim()));
    const [darkAccent, orgDarkAccent] = await accents();
    expect(darkAccent).toBe(orgDarkAccent);
    expect(darkAccent).not.toBe("#5a3f8c");
    await page.emulateMedia({ colorScheme: "light" });

    // Create an engagement inside the frame.
    await frame.getByRole("link", { name: "Create your first engagement" }).click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("New engagement");
    await frame.getByLabel("Client or mentee").fill("Ada Lovelace");
    await frame.getByLabel("Coach or mentor").fill("Sam Lee");
    await frame.getByRole("radio", { name: "Coaching" }).check();
    await frame.getByRole("button", { name: "Create engagement" }).click();
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Ada Lovelace");
    expect(await inner.evaluate(() => location.search), "embed mode kept while navigating").toBe("?embed=1");

    // The contract starts from the organisation's template, with its code of ethics.
    await frame.getByRole("link", { name: "Start the contract" }).click();
    const chooser = frame.getByRole("radio", { name: "Northwind leadership coaching" });
    await expect(chooser).toBeChecked();
    await expect(frame.getByRole("radio", { name: "Individual coaching (ICF-style)" })).not.toBeChecked();
    await frame.getByRole("button", { name: "Start from this template" }).click();
    await expect(frame.getByRole("complementary", { name: "Contract check" })).toBeVisible();
    await expect(frame.locator("#clause_6_text")).toHaveValue("Northwind pays {{fee}} per session; you pay nothing.");
    await expect(frame.locator("#code_of_ethics")).toHaveValue("emcc");

    // Downloads work from the frame.
    await frame.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your data" }).click();
    const downloading = page.waitForEvent("download");
    await frame.getByRole("button", { name: "Download a backup" }).click();
    expect((await downloading).suggestedFilename()).toMatch(/\.json$/);

    // Settings name what the organisation set.
    await frame.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    const organisation = frame.getByRole("region", { name: "Organisation settings" });
    await expect(organisation).toContainText("Northwind Health");
    await expect(organisation).toContainText("#5a3f8c");
    await expect(organisation).toContainText("Northwind leadership coaching");
    expect(await accessibilityViolationsIn(inner), "settings, embedded").toEqual([]);

    // Same site: Accord opened on its own sees the same data as in the frame.
    const direct = await page.context().newPage();
    await direct.goto(APP);
    await expect(direct.getByRole("heading", { level: 1 })).toHaveText("Engagements");
    await expect(direct.getByRole("link", { name: "Ada Lovelace", exact: true })).toBeVisible();
    // Standalone, the organisation's logo and name make up the brand.
    await expect(direct.locator(".brand img")).toHaveAttribute("src", "northwind-logo.svg");
    await expect(direct.locator(".brand")).toContainText("Northwind Health");
    await direct.close();
  } finally {
    await host.close();
    await app.close();
  }
});

test("a settings file with a problem is not used, and every screen says so", async ({ page }) => {
  const broken = { organisation_name: "Northwind Health", accent_colour: "#ffdd00", accent_color: "#000000" };
  const app = await serveWithConfig(broken);
  try {
    await page.goto(APP);
    const notice = page.getByRole("region", { name: "Organisation settings" }).first();
    await expect(notice).toContainText(
      "The organisation settings file has a problem: the accent colour #ffdd00 is too light: with white text on it its contrast is 1.3:1, and text needs at least 4.5:1; choose a darker colour. Accord uses its defaults."
    );
    // Defaults: Accord's own name, colour and templates.
    await expect(page.locator(".brand")).not.toContainText("Northwind");
    await expect(page.getByRole("link", { name: "Create your first engagement" })).toHaveCSS("background-color", "rgb(31, 95, 91)");
    for (const colorScheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme });
      await expect(page.locator("html")).toHaveAttribute("data-theme", colorScheme);
      expect(await accessibilityViolationsIn(page.mainFrame()), `the notice (${colorScheme})`).toEqual([]);
    }
    await page.getByRole("button", { name: "Hide this message" }).click();
    await expect(page.locator(".org-notice")).toHaveCount(0);

    // Broken JSON, too.
    await writeFile(join(app.root, "accord-config.json"), '{ "organisation_name": "Northwind"');
    await page.reload();
    await expect(page.locator(".org-notice")).toContainText("it is not valid JSON (line 1, column 34)");
  } finally {
    await app.close();
  }
});

test("the settings file is read from the server first, so a change needs no new build, and its last copy works offline", async ({ page }) => {
  const app = await serveWithConfig({ organisation_name: "Northwind Health" });
  try {
    await page.goto(APP);
    await expect(page.locator(".brand")).toContainText("Northwind Health");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await app.setConfig({ organisation_name: "Northwind Health and Care" });
    await page.reload();
    await expect(page.locator(".brand")).toContainText("Northwind Health and Care");

    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Engagements");
    await expect(page.locator(".brand")).toContainText("Northwind Health and Care");
    await page.context().setOffline(false);
  } finally {
    await app.close();
  }
});

test("embedded by a page of another site, Accord either keeps separate data or, where the browser refuses storage, says so and opens in its own tab", async ({ page }) => {
  const app = await serveWithConfig(NORTHWIND, { frameAncestors: CROSS_SITE_HOST.replace(/\/$/, "") });
  const host = await serveHostPage();
  try {
    await page.goto(CROSS_SITE_HOST);
    const frame = page.frameLocator('iframe[title="Coaching and mentoring"]');
    const heading = frame.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(/^(Engagements|Accord cannot open your data)$/);
    if ((await heading.textContent()) === "Accord cannot open your data") {
      // Third-party storage blocked (this Chromium's default): a clear message, and a way out.
      await expect(frame.getByRole("alert").or(frame.locator(".notice--error")).first()).toContainText("not letting Accord store data");
      const open = frame.getByRole("link", { name: "Open Accord in its own tab" });
      await expect(open).toHaveAttribute("href", APP);
      const opening = page.context().waitForEvent("page");
      await open.click();
      const own = await opening;
      await expect(own.getByRole("heading", { level: 1 })).toHaveText("Engagements");
      await expect(own.locator(".brand")).toContainText("Northwind Health");
    } else {
      // Storage partitioned by top-level site: the frame's data is its own.
      await frame.getByRole("link", { name: "Create your first engagement" }).click();
      await frame.getByLabel("Client or mentee").fill("Ada Lovelace");
      await frame.getByLabel("Coach or mentor").fill("Sam Lee");
      await frame.getByRole("radio", { name: "Coaching" }).check();
      await frame.getByRole("button", { name: "Create engagement" }).click();
      await expect(heading).toHaveText("Ada Lovelace");
      const direct = await page.context().newPage();
      await direct.goto(APP);
      await expect(direct.getByRole("region", { name: "No engagements yet" })).toBeVisible();
    }
  } finally {
    await host.close();
    await app.close();
  }
});

base("with frame-ancestors 'none' (README's default for Accord on its own), a page cannot frame Accord", async ({ page }) => {
  const app = await serveWithConfig(undefined, { frameAncestors: "'none'" });
  const host = await serveHostPage();
  try {
    await page.goto(HOST);
    await expect(page.getByRole("heading", { name: "Northwind intranet" })).toBeVisible();
    const frame = page.frameLocator('iframe[title="Coaching and mentoring"]');
    await page.waitForTimeout(1000);
    await expect(frame.getByRole("heading", { name: "Engagements" })).toHaveCount(0);
  } finally {
    await host.close();
    await app.close();
  }
});
