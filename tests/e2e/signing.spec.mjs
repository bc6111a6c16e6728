// End-to-end: each device's own signing key. Settings shows its fingerprint in four groups
// of four hex digits; it stays the same after a reload, another device has another one, and
// the fingerprint is the first 8 bytes of the SHA-256 of the public key as Node computes it.
// The private key the browser keeps cannot be read out by any script.
import { createHash } from "node:crypto";
import { test, expect, newContext, App, noViolationsInBothThemes, readMeta } from "./fixtures.mjs";

const FINGERPRINT = /^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/;

/** What the app keeps of its key: the public key's bytes, the algorithm, and whether the private key can be exported. */
async function keptKey(page) {
  const kept = await readMeta(page, "signing-key");
  return { spki: kept.spki, algorithm: kept.algorithm, extractable: kept.private.extractable, exported: kept.private.exported };
}

async function shownFingerprint(app) {
  await app.open("/settings");
  const section = app.page.getByRole("region", { name: "Your signing key" });
  const fingerprint = section.locator(".fingerprint");
  await expect(fingerprint).toHaveText(FINGERPRINT);
  return { section, text: await fingerprint.textContent() };
}

test("each device has its own signing key, shown by a fingerprint anyone can recompute, and its private half cannot be read", async ({ page, browser, baseURL }) => {
  const app = new App(page);
  const { section, text } = await shownFingerprint(app);
  await expect(section).toContainText(/Ed25519|ECDSA P-256/);

  const kept = await keptKey(page);
  const digest = createHash("sha256").update(Buffer.from(kept.spki)).digest("hex").slice(0, 16).toUpperCase();
  expect(text).toBe(digest.match(/.{4}/g).join(" "));
  expect(["Ed25519", "ECDSA-P256"]).toContain(kept.algorithm);
  expect(kept.extractable).toBe(false);
  expect(kept.exported).toBe("InvalidAccessError");

  await app.reload();
  expect((await shownFingerprint(app)).text, "the same key after a reload").toBe(text);
  await noViolationsInBothThemes(app, "Settings with the signing key");

  const other = await newContext(browser, { baseURL });
  const otherApp = new App(await other.newPage());
  expect((await shownFingerprint(otherApp)).text, "another device, another key").not.toBe(text);
  await other.close();
});
