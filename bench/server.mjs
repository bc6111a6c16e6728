// The benchmark's static server: serves the release build (dist/) the way a real static
// host would (ETag and Last-Modified with 304 revalidation; brotli or gzip when the browser
// asks for it), plus the benchmark's own pages under /bench/ and its seed files under
// /bench-data/. Every file is read and compressed once, before the first request, so
// compression never shows up in a timing.
// Usage: node bench/server.mjs <dist> <port> [bench-data-folder]
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { extname, join, resolve } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { contentType } from "../tests/tools/mime.mjs";

const dist = resolve(process.argv[2] || "dist");
const port = Number(process.argv[3] || 8750);
const data = resolve(process.argv[4] || "bench/data");
const pages = resolve(new URL("./pages", import.meta.url).pathname);

const compressible = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".webmanifest"]);

/** url path → { body, br, gz, etag, modified, type } */
const files = new Map();
function load(folder, prefix, { compress }) {
  let names = [];
  try {
    names = readdirSync(folder, { recursive: true });
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, String(name));
    const info = statSync(path);
    if (!info.isFile()) continue;
    const body = readFileSync(path);
    const ext = extname(path);
    const entry = {
      body,
      type: contentType(path),
      etag: `"${createHash("sha1").update(body).digest("hex").slice(0, 20)}"`,
      modified: info.mtime.toUTCString(),
    };
    if (compress && compressible.has(ext)) {
      entry.br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
      entry.gz = gzipSync(body, { level: 9 });
    }
    files.set(prefix + String(name).split("\\").join("/"), entry);
  }
}
load(dist, "/", { compress: true });
load(pages, "/bench/", { compress: false });
load(data, "/bench-data/", { compress: false });

createServer((request, response) => {
  let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = files.get(path);
  if (!file) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    return;
  }
  const headers = {
    "Content-Type": file.type,
    "Cache-Control": "no-cache",
    ETag: file.etag,
    "Last-Modified": file.modified,
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
  };
  if (request.headers["if-none-match"] === file.etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const accepts = String(request.headers["accept-encoding"] || "");
  let body = file.body;
  if (file.br && /\bbr\b/.test(accepts)) {
    body = file.br;
    headers["Content-Encoding"] = "br";
  } else if (file.gz && /\bgzip\b/.test(accepts)) {
    body = file.gz;
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}).listen(port, "127.0.0.1", () => console.log(`bench server: ${dist} at http://127.0.0.1:${port}/`));
