// Trunk's post_build hook (Trunk.toml): finishes the built folder before Trunk moves it
// to dist/. Two jobs, both on the folder Trunk has just staged ($TRUNK_STAGING_DIR):
//
// 1. Moves every inline <script> of index.html (Trunk's start-up module, and in
//    `trunk serve` its reload script) into a file named after its content
//    (start-<hash>.js, inline-<hash>.js) with an integrity hash, so the page runs under
//    a Content-Security-Policy with `script-src 'self'` and no 'unsafe-inline'.
// 2. Writes sw.js from the template public/sw.js: PRECACHE lists every file of this
//    build by its real (hashed) name, and VERSION is derived from the content of all of
//    them, so the list never goes stale and any change makes a new worker. The
//    organisation settings file (accord-config.json) is left out of both: administrators
//    change it on the server without a new build, and sw.js fetches it network-first.
//
// Usage (Trunk runs it): node scripts/finish-build.mjs
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
if (!staging) {
  console.error("finish-build: TRUNK_STAGING_DIR is not set (run through `trunk build`).");
  process.exit(1);
}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");
const sri = (data) => "sha384-" + createHash("sha384").update(data).digest("base64");

// 1. Inline scripts become files.
const indexPath = join(staging, "index.html");
let html = await readFile(indexPath, "utf8");
let moved = 0;
html = await replaceAsync(html, /<script\b([^>]*)>([\s\S]*?)<\/script>/g, async (whole, attributes, body) => {
  if (/\bsrc\s*=/.test(attributes) || body.trim() === "") return whole;
  const isModule = /\btype\s*=\s*["']?module/.test(attributes);
  // `trunk serve` fills these into its reload script only inside HTML responses; in a file,
  // the script finds them itself: the page's host, and the folder the script is served from.
  body = body
    .replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
    .replace("'{{__TRUNK_WS_BASE__}}'", 'new URL("./", document.currentScript.src).pathname');
  const name = `${isModule && moved === 0 ? "start" : "inline"}-${sha256(body).slice(0, 16)}.js`;
  moved += 1;
  await writeFile(join(staging, name), body);
  return `<script${attributes} src="./${name}" integrity="${sri(body)}"></script>`;
});
await writeFile(indexPath, html);

// 2. The service worker, listing every file of the build.
const files = (await listFiles(staging))
  .map((path) => relative(staging, path).split(sep).join("/"))
  .filter((path) => path !== "sw.js" && path !== "accord-config.json")
  .sort();
const fingerprint = createHash("sha256");
for (const path of files) fingerprint.update(`${path}\0${sha256(await readFile(join(staging, path)))}\n`);
const version = fingerprint.digest("hex").slice(0, 16);

const template = await readFile(join(source, "public", "sw.js"), "utf8");
const worker = replaceOnce(
  replaceOnce(template, /^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version)};`),
  /^const PRECACHE = .*;$/m,
  `const PRECACHE = ${JSON.stringify(files, null, 2)};`
);
await writeFile(join(staging, "sw.js"), worker);
console.log(`finish-build: ${moved} inline script(s) moved to files; sw.js version ${version} precaches ${files.length} files`);

async function listFiles(folder) {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)]))
  );
  return nested.flat();
}

function replaceOnce(text, pattern, replacement) {
  if (!pattern.test(text)) {
    console.error(`finish-build: public/sw.js has no line matching ${pattern}`);
    process.exit(1);
  }
  return text.replace(pattern, () => replacement);
}

async function replaceAsync(text, pattern, replacer) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index), await replacer(...match));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.join("");
}
