// A minimal static file server for the built app (dist/), for tests and screenshots. It
// sends the headers README.md ("Hosting") asks every host to send, the
// Content-Security-Policy first among them, so every test runs under it.
// Usage: node tests/e2e/serve.mjs <folder> <port> [prefix]
//   prefix: serve the folder under a sub-path, e.g. /tools/coaching/ (default /).
// Or from a test: `const server = await serveStatic({ root, port, prefix, frameAncestors })`
// (frameAncestors: the sites allowed to show the app in a frame, added to the policy as
// README.md's "Embedded in another site" says), then
// `server.setRoot(other)` to swap the folder being served, `await server.close()`.
// When the served folder's organisation settings (accord-config.json) name a
// `sync_server`, the policy's connect-src admits that origin too (README "Hosting").
// With ACCORD_REQUEST_LOG set, each request's method and URL are appended to that file, as a
// host's access log would have them.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { contentType } from "../tools/mime.mjs";

/** The policy the app must run under with zero violations (same text in Trunk.toml and README.md). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; " +
  "require-trusted-types-for 'script'; trusted-types default";

/** The sync server's origin named in `folder`'s accord-config.json, if any. */
async function syncServerOf(folder) {
  try {
    const server = JSON.parse(await readFile(join(folder, "accord-config.json"), "utf8")).sync_server;
    return typeof server === "string" ? new URL(server).origin : null;
  } catch {
    return null;
  }
}

export function serveStatic({ root = "dist", port = 8738, prefix = "/", frameAncestors } = {}) {
  const framed = frameAncestors ? `${CONTENT_SECURITY_POLICY}; frame-ancestors ${frameAncestors}` : CONTENT_SECURITY_POLICY;
  let folder = resolve(root);
  const base = prefix.endsWith("/") ? prefix : prefix + "/";
  const server = createServer(async (request, response) => {
    // The request log a host keeps (ACCORD_REQUEST_LOG names its file): what the browser sent.
    if (process.env.ACCORD_REQUEST_LOG) appendFileSync(process.env.ACCORD_REQUEST_LOG, `${request.method} ${request.url}\n`);
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith(base)) {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
      return;
    }
    let file = normalize(join(folder, path.slice(base.length)));
    if (!file.startsWith(folder)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const syncServer = await syncServerOf(folder);
      const policy = syncServer ? framed.replace("connect-src 'self'", `connect-src 'self' ${syncServer}`) : framed;
      response.writeHead(200, {
        "Content-Type": contentType(file),
        "Cache-Control": "no-cache",
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    }
  });
  return new Promise((done) =>
    server.listen(port, "127.0.0.1", () =>
      done({
        url: `http://127.0.0.1:${port}${base}`,
        setRoot: (next) => (folder = resolve(next)),
        close: () => new Promise((closed) => {
          server.closeAllConnections();
          server.close(closed);
        }),
      })
    )
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8738", prefix = "/"] = process.argv.slice(2);
  const server = await serveStatic({ root, port: Number(port), prefix });
  console.log(`Serving ${resolve(root)} at ${server.url}`);
}
