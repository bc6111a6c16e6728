// End-to-end tests drive the release build in the system's Chromium, served locally.
import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_ARGS } from "./tests/tools/chromium.mjs";
import { requestLogFor } from "./tests/tools/request-log.mjs";

// E2E_PORT lets several copies of the tests run side by side on one machine.
const port = Number(process.env.E2E_PORT || 8738);
const REQUEST_LOG = requestLogFor(port);
// ACCORD_TEST_TZ sets the browser's time zone and ACCORD_TEST_NOW its clock (tests/e2e/clock.mjs).
const timezoneId = process.env.ACCORD_TEST_TZ?.trim() || undefined;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    timezoneId,
    launchOptions: {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `node tests/e2e/serve.mjs dist ${port}`,
    // The server's request log, for the test that shows a link's contents never reach it.
    env: { ACCORD_REQUEST_LOG: REQUEST_LOG },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
