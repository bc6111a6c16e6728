// The Content-Type the test and benchmark servers send for each kind of file: what
// README.md ("Hosting") asks a static host to send (`.wasm` as application/wasm,
// `.webmanifest` as application/manifest+json).
import { extname } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
};

/** The Content-Type for a file, by its name's ending (application/octet-stream if unknown). */
export const contentType = (path) => TYPES[extname(path)] || "application/octet-stream";
