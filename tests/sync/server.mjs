// A CouchDB-protocol server on loopback for the sync tests: pouchdb-server (npm), in
// memory, in a temporary folder that is removed afterwards. It gets an admin account
// (admin / accord-admin) and an ordinary user (sam / accord-sam); the tests create their
// databases as admin (this server crashes on an anonymous PUT /db once an admin exists).
//
//   node tests/sync/server.mjs          prints the URL on its first line, runs until killed
//   ACCORD_SYNC_PORT=8797 (default)     the port
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const port = Number(process.env.ACCORD_SYNC_PORT || 8797);
const url = `http://127.0.0.1:${port}`;
const admin = "Basic " + Buffer.from("admin:accord-admin").toString("base64");
try {
  await fetch(url + "/", { signal: AbortSignal.timeout(1000) });
  console.error(`Port ${port} is already in use (an earlier server still running?); set ACCORD_SYNC_PORT to another port.`);
  process.exit(1);
} catch {
  // free, as it should be
}
const dir = mkdtempSync(join(tmpdir(), "accord-sync-"));

const server = spawn(
  process.execPath,
  [join(root, "node_modules", "pouchdb-server", "bin", "pouchdb-server"), "-m", "-o", "127.0.0.1", "-p", String(port), "-d", dir, "-c", join(dir, "config.json")],
  { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
);
let stderr = "";
server.stderr.on("data", (chunk) => (stderr += chunk));

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
server.on("exit", (code) => {
  if (!stopping) {
    console.error(`pouchdb-server stopped (${code}): ${stderr}`);
    stop(1);
  }
});

async function call(method, path, body, auth) {
  const headers = { "Content-Type": "application/json" };
  if (auth) headers.Authorization = auth;
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

for (let i = 0; ; i++) {
  try {
    if ((await call("GET", "/")).status === 200) break;
  } catch {
    // not listening yet
  }
  if (i > 200) {
    console.error(`pouchdb-server did not start: ${stderr}`);
    stop(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const steps = [
  ["PUT", "/_config/admins/admin", "accord-admin", undefined],
  ["PUT", "/_users/org.couchdb.user:sam", { _id: "org.couchdb.user:sam", name: "sam", password: "accord-sam", roles: [], type: "user" }, admin],
  // CORS for the test pages (another port of 127.0.0.1), Authorization header included.
  ["PUT", "/_config/cors/origins", "*", admin],
  ["PUT", "/_config/cors/headers", "accept, authorization, content-type, origin, referer", admin],
  ["PUT", "/_config/cors/methods", "GET, PUT, POST, HEAD, DELETE", admin],
];
for (const [method, path, body, auth] of steps) {
  const answer = await call(method, path, body, auth);
  if (answer.status >= 300) {
    console.error(`${method} ${path} failed: ${answer.status} ${answer.body}`);
    stop(1);
  }
}
console.log(url);
