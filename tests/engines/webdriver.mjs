// A small W3C WebDriver client: just what the cross-engine smoke suite needs, over the
// plain HTTP API with `fetch`, so the same code drives ChromeDriver (Chromium),
// geckodriver (Firefox) and WebKitWebDriver (WebKit, Safari's engine).
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/**
 * Starts a WebDriver server (`command` with `args`) that listens on `port`, waits until it
 * is ready and returns `{ url, stop }`. Its output is kept and printed only on failure.
 */
export async function startDriver({ command, args, port, env = process.env }) {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  let exited = null;
  child.on("exit", (code, signal) => (exited = `exited with ${code ?? signal}`));
  child.on("error", (error) => (exited = `could not start: ${error.message}`));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      // The whole process group: xvfb-run starts Xvfb and the driver as children.
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`${command} ${exited}\n${output}`);
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready !== false) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not answer on ${url} within 30 s\n${output}`);
    }
    await sleep(200);
  }
  return { url, stop, output: () => output };
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || json.value?.error) {
    const { error, message } = json.value ?? {};
    throw new Error(`${method} ${url}: ${error ?? response.status}: ${message ?? text.slice(0, 300)}`);
  }
  return json.value;
}

/** One browser session: the W3C commands the suite uses. */
export class Session {
  static async start(driverUrl, capabilities) {
    const value = await call("POST", `${driverUrl}/session`, { capabilities: { alwaysMatch: capabilities } });
    return new Session(driverUrl, value.sessionId, value.capabilities);
  }
  constructor(driverUrl, id, capabilities) {
    this.base = `${driverUrl}/session/${id}`;
    this.capabilities = capabilities;
  }
  get browser() {
    const { browserName, browserVersion } = this.capabilities ?? {};
    return `${browserName ?? "browser"} ${browserVersion ?? ""}`.trim();
  }
  async timeouts(timeouts) {
    await call("POST", `${this.base}/timeouts`, timeouts);
  }
  async goto(url) {
    await call("POST", `${this.base}/url`, { url });
  }
  /**
   * Reloads the page the way a person's reload button does, from the page itself. Not the
   * WebDriver Refresh command: geckodriver's bypasses the service worker (a forced reload),
   * so it could never show what a person sees when reloading offline in Firefox.
   */
  async reload() {
    await this.execute(() => {
      window.__beforeReload = true;
      setTimeout(() => location.reload(), 0);
    });
    await this.waitFor("the page to reload", () => !window.__beforeReload && document.readyState === "complete", { timeout: 60_000 });
  }
  /** Runs `fn` (its source text) in the page with `args`; elements come back as references. */
  async execute(fn, ...args) {
    return call("POST", `${this.base}/execute/sync`, { script: `return (${fn}).apply(null, arguments);`, args });
  }
  async executeAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(done, (e) => done({ error: String(e) }));`;
    return call("POST", `${this.base}/execute/async`, { script, args });
  }
  async click(element) {
    await call("POST", `${this.base}/element/${element[ELEMENT]}/click`, {});
  }
  async type(element, text) {
    await call("POST", `${this.base}/element/${element[ELEMENT]}/value`, { text });
  }
  /** Polls `fn` in the page until it returns something truthy; returns that. */
  async waitFor(what, fn, { timeout = 20_000, args = [] } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const value = await this.execute(fn, ...args);
        if (value) return value;
        last = value;
      } catch (error) {
        // Mid-navigation, engines answer with "no such window" or "javascript error".
        last = error.message;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
      await sleep(150);
    }
  }
  async end() {
    await call("DELETE", this.base).catch(() => {});
  }
}
