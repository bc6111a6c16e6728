// Renders the app icons the web app manifest names, from public/icon.svg, with the
// system Chromium: icon-192.png and icon-512.png (the icon as drawn) and
// icon-maskable-512.png (full-bleed background, the letter inside the central 80 %
// "safe zone" that every mask shape keeps). Run after changing icon.svg; the PNGs are
// committed. Usage: node scripts/icons.mjs
import { chromium } from "playwright";
import { readFile } from "node:fs/promises";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/tools/chromium.mjs";

const svg = await readFile("public/icon.svg", "utf8");
const background = svg.match(/<rect[^>]*fill="(#[0-9a-fA-F]{3,6})"/)[1];
const glyph = svg.match(/<path[^>]*\/>/)[0];
// The letter scaled to 70 % about the centre: well inside the 80 % safe-zone circle.
const maskable =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
  `<rect width="64" height="64" fill="${background}"/>` +
  `<g transform="translate(32 32) scale(0.7) translate(-32 -32)">${glyph}</g></svg>`;

const icons = [
  ["public/icons/icon-192.png", svg, 192],
  ["public/icons/icon-512.png", svg, 512],
  ["public/icons/icon-maskable-512.png", maskable, 512],
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
for (const [path, source, size] of icons) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  console.log(`Wrote ${path} (${size}×${size})`);
}
await browser.close();
