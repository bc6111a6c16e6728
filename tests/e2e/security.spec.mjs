// End-to-end: Accord runs under a strict Content-Security-Policy with Trusted Types, with
// no violation on any screen, and nothing it does (page or service worker) leaves its origin.
import { readFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementList, EngagementForm, GoalsPage, watchSecurityPolicy } from "./fixtures.mjs";
import { CONTENT_SECURITY_POLICY } from "./serve.mjs";

/** A page in its own profile that records policy violations, console errors and every request. */
async function watchedPage(browser, baseURL, options = {}) {
  const context = await newContext(browser, { baseURL, ...options });
  const page = await context.newPage();
  const seen = { consoleErrors: [], pageErrors: [], requests: [] };
  seen.violations = await watchSecurityPolicy(page);
  page.on("console", (message) => message.type() === "error" && seen.consoleErrors.push(message.text()));
  page.on("pageerror", (error) => seen.pageErrors.push(error.message));
  context.on("request", (request) => seen.requests.push({ url: request.url(), fromWorker: request.serviceWorker() !== null }));
  return { context, page, seen };
}

async function createEngagement(page, client) {
  await new EngagementList(page).startNew();
  const form = new EngagementForm(page);
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching", title: "First-time manager" });
  await form.submit();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(client);
}

test("every main screen, and creating an engagement, run under the policy with no violation", async ({ browser, baseURL }) => {
  const { context, page, seen } = await watchedPage(browser, baseURL);
  const app = new App(page);
  const response = await page.goto("./");
  expect(response.headers()["content-security-policy"], "the page is served under the policy").toBe(CONTENT_SECURITY_POLICY);
  await app.ready();

  await createEngagement(page, "Ada Lovelace");
  const engagement = page.url().split("#")[1];
  for (const [fragment, heading] of [
    [`${engagement}/contract`, null],
    [`${engagement}/goals`, "Goals"],
    [`${engagement}/sessions`, "Sessions"],
    ["/evidence", null],
    ["/data", "Your data"],
    ["/no-such-screen", null],
    ["/", "Engagements"],
  ]) {
    await page.goto(`./#${fragment}`);
    await app.ready();
    if (heading) await expect(app.heading()).toHaveText(heading);
  }
  // A goal with a judged progress bar (its width is set from the data).
  await page.goto(`./#${engagement}/goals`);
  await app.ready();
  await new GoalsPage(page).addGoal({ title: "Delegate the weekly report" });
  await expect(page.getByRole("progressbar").first()).toBeVisible();
  await page.goto("./#/evidence");
  await app.ready();
  await expect(page.getByRole("progressbar").first()).toBeVisible();

  expect(seen.violations).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.pageErrors).toEqual([]);
  await context.close();
});

test("the violation watch itself works: an inline style attribute is reported", async ({ browser, baseURL }) => {
  const { context, page, seen } = await watchedPage(browser, baseURL);
  await page.goto("./");
  await new App(page).ready();
  await page.evaluate(() => document.body.setAttribute("style", "outline: 1px solid red"));
  await expect.poll(() => seen.violations.length).toBeGreaterThan(0);
  expect(seen.violations.join("\n")).toContain("style-src");
  await context.close();
});

test("no request leaves the origin: not from the page, not from the service worker", async ({ browser, baseURL }) => {
  const { context, page, seen } = await watchedPage(browser, baseURL);
  const app = new App(page);
  await page.goto("./");
  await app.ready();
  await createEngagement(page, "Grace Hopper");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await app.reload();
  await app.nav("Your data");
  await expect(app.heading()).toHaveText("Your data");

  const origin = new URL(baseURL).origin;
  const foreign = seen.requests.filter(({ url }) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  expect(seen.requests.some(({ fromWorker }) => fromWorker), "the service worker's own requests were watched too").toBe(true);
  await context.close();
});

test("without service workers Accord still works, and says nothing about it", async ({ browser, baseURL }) => {
  const { context, page, seen } = await watchedPage(browser, baseURL, { serviceWorkers: "block" });
  const app = new App(page);
  await page.goto("./");
  await app.ready();
  await createEngagement(page, "Alan Turing");
  await app.reload();
  await app.nav("Engagements");
  await expect(new EngagementList(page).card("Alan Turing")).toBeVisible();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller))).toBe(false);
  expect(seen.pageErrors).toEqual([]);
  expect(seen.violations).toEqual([]);
  await context.close();
});

test("Trunk's development server and the hosting guide give the same policy the tests enforce", async () => {
  const trunk = await readFile("Trunk.toml", "utf8");
  expect(trunk.match(/^"Content-Security-Policy" = "(.*)"$/m)?.[1]).toBe(CONTENT_SECURITY_POLICY);
  const readme = await readFile("README.md", "utf8");
  // The guide adds only who may embed the app, which a test server has no need to say.
  expect(readme.match(/^Content-Security-Policy: (.*)$/m)?.[1]).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
});
