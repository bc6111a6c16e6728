// End-to-end: relationship updates between two devices, as files. The client's theme for the
// next session reaches the coach in one update that says in words what it brings; the same
// file twice and a damaged file change nothing; a shared note changed on both sides is shown
// side by side and the coach decides. Every update is signed by its sender's device: Node
// verifies the signature, a body changed with its checksum remade is refused, and the client
// writing from a new device is named with both keys and waits for the coach's acceptance.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm, SessionsPage, UpdatesPage, noViolationsInBothThemes, proposeContract } from "./fixtures.mjs";
import { day, longDate } from "./clock.mjs";
import { signedBytes, holds, fingerprint, oneByteChanged } from "./verify.mjs";
import { requestLogFor } from "../tools/request-log.mjs";
import jsQR from "jsqr";

/** The coach's engagement with Ada Lovelace and one session a week ahead; returns its session's fragment. */
async function coachWithSession(app) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  const id = new URL(app.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
  await app.open(`/engagements/${id}/sessions`);
  await new SessionsPage(app.page).addSession({ date: day(7), time: "10:00", minutes: 60 });
  await expect(app.page.getByRole("heading", { level: 1 })).not.toHaveText("New session");
  return { id, session: new URL(app.page.url()).hash.slice(1) };
}

/** The client's own device, holding the engagement from the coach's relationship file. */
async function clientDevice(browser, baseURL, coach, id) {
  await coach.open(`/engagements/${id}`);
  const downloading = coach.page.waitForEvent("download");
  await coach.page.getByRole("button", { name: "Download this engagement" }).click();
  const file = await (await downloading).path();
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const client = new App(await context.newPage());
  await client.open("/data");
  await client.page.getByLabel("Backup or relationship file").setInputFiles(file);
  await client.page.getByRole("radio", { name: "Ada Lovelace" }).check();
  await client.page.getByRole("button", { name: "Import" }).click();
  await expect(client.toast).toContainText("written");
  return { context, client };
}

test("the client's theme reaches the coach in one update; the same file twice, and a damaged one, change nothing", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);

  // On her device she writes what she wants to bring, and a private note.
  await client.open(session);
  const clientSession = new SessionsPage(client.page);
  await clientSession.fillTheme({ what: "Feedback to Ravi", why: "Review week", leave: "Two sentences I can say" });
  await expect(clientSession.themes()).toHaveCount(1);
  await client.open(`/engagements/${id}`);
  const clientUpdates = new UpdatesPage(client.page);
  await clientUpdates.openFromEngagement();
  await noViolationsInBothThemes(client, "updates");
  const toCoach = client.page.locator(".update-target").filter({ hasText: "Send an update to Sam Lee" });
  await expect(toCoach).toContainText("Waiting to be sent: 1 change. No update from them applied yet.");
  const update = await clientUpdates.send("Sam Lee");
  await expect(client.toast).toContainText("Saved the update for Sam Lee");
  await expect(toCoach).toContainText("Nothing new to send since your last update.");
  // Nothing changed since: nothing to send.
  await client.page.getByRole("button", { name: "Dismiss message" }).click();
  await client.page.getByRole("button", { name: "Send an update to Sam Lee" }).click();
  await expect(client.toast).toContainText("Nothing new for Sam Lee since your last update.");

  // The coach opens it from anywhere: it says what it brings, and applies with one click.
  await coach.open("/update");
  const updates = new UpdatesPage(page);
  await updates.choose(update);
  await expect(updates.preview).toContainText(`Ada Lovelace has sent 1 theme for the session on ${longDate(day(7))}`);
  await noViolationsInBothThemes(coach, "an update opened");
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await expect(coach.heading()).toHaveText("Ada Lovelace");
  await coach.open(`/engagements/${id}/updates`);
  await expect(page.locator(".update-target").filter({ hasText: "Send an update to Ada Lovelace" })).toContainText("Applied from them: 1 update.");
  await coach.open(session);
  const sessions = new SessionsPage(page);
  await expect(sessions.themes()).toHaveCount(1);
  await expect(sessions.themes().first()).toContainText("Feedback to Ravi");

  // The same file again: refused in plain words, nothing changed.
  await coach.open("/update");
  await updates.choose(update);
  await expect(page.getByRole("alert")).toContainText("You already applied this update; nothing changed.");
  await expect(updates.preview).toHaveCount(0);

  // A damaged copy: refused before anything is read from it.
  const damaged = `${update}.damaged.json`;
  await writeFile(damaged, (await readFile(update, "utf8")).replace("Feedback to Ravi", "Feedback to Rafi"));
  await updates.choose(damaged);
  await expect(page.getByRole("alert")).toContainText("damaged");
  await coach.open(session);
  await expect(sessions.themes().first()).toContainText("Feedback to Ravi");
  await context.close();
});

test("a shared note changed on both sides is shown side by side, and the coach decides", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);

  // Both write the shared note of the same session before any update travels.
  await coach.open(session);
  const sessions = new SessionsPage(page);
  await sessions.fillNotes({ shared: "We agreed: delegate the board deck." });
  await sessions.saveNotes();
  await expect(coach.toast).toContainText("Saved");
  await client.open(session);
  const clientSession = new SessionsPage(client.page);
  await clientSession.fillNotes({ shared: "We agreed: I delegate the deck and start on Monday." });
  await clientSession.saveNotes();
  await expect(client.toast).toContainText("Saved");
  await client.open(`/engagements/${id}/updates`);
  const update = await new UpdatesPage(client.page).send("Sam Lee");

  await coach.open(`/engagements/${id}/updates`);
  const updates = new UpdatesPage(page);
  await updates.choose(update);
  const conflict = updates.preview.locator(".conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("We agreed: delegate the board deck.");
  await expect(conflict).toContainText("We agreed: I delegate the deck and start on Monday.");
  await expect(page.getByRole("button", { name: "Apply the update" })).toBeDisabled();
  await noViolationsInBothThemes(coach, "a conflict side by side");
  await conflict.getByRole("radio", { name: "Take theirs" }).check();
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await coach.open(session);
  await expect(page.locator("#note_shared")).toHaveValue("We agreed: I delegate the deck and start on Monday.");
  await context.close();
});

/** The client writes a theme for the session on her device and sends her update; returns its path. */
async function clientTheme(client, id, session, what) {
  await client.open(session);
  await new SessionsPage(client.page).fillTheme({ what, why: "Review week", leave: "A next step" });
  await client.open(`/engagements/${id}/updates`);
  const update = await new UpdatesPage(client.page).send("Sam Lee");
  await expect(client.toast).toContainText("Saved the update for Sam Lee");
  await client.page.getByRole("button", { name: "Dismiss message" }).click();
  return update;
}

test("an update is signed by its sender: Node verifies it, a changed body is refused, and a new key waits for acceptance", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);
  const path = await clientTheme(client, id, session, "Feedback to Ravi");
  const update = JSON.parse(await readFile(path, "utf8"));

  // Checked without Accord: the body as canonical JSON under "relationship-update".
  const bytes = signedBytes("relationship-update", update.body);
  expect(holds(update.signature, bytes), "Node verifies the signature").toBe(true);
  expect(holds(update.signature, oneByteChanged(bytes)), "one byte changed").toBe(false);
  const clientKey = fingerprint(update.signature);

  // The body changed and its checksum remade, as anyone could: the signature names it.
  const forged = `${path}.forged.json`;
  const body = { ...update.body, made_at: update.body.made_at + 60_000 };
  const checksum = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  await writeFile(forged, JSON.stringify({ ...update, body, checksum }, null, 2));
  const updates = new UpdatesPage(page);
  await coach.open("/update");
  await updates.choose(forged);
  await expect(page.getByRole("alert")).toContainText("The signature on this file does not hold");
  await expect(updates.preview).toHaveCount(0);

  // "Check a file" says the same of each, without applying anything.
  await coach.open("/check");
  await page.getByLabel("File to check").setInputFiles(forged);
  const checked = page.getByRole("region", { name: "Signatures in the file" });
  await expect(checked.locator("li.check")).toContainText(/The update from Ada Lovelace, as client\s*Does not hold/);
  await page.getByLabel("File to check").setInputFiles(path);
  await expect(checked.locator("li.check")).toContainText("This device has no key on record for them yet");
  await expect(checked.locator(".fingerprint")).toHaveText(clientKey);

  // The real one: who signed it, with her key, then applied.
  await coach.open("/update");
  await updates.choose(path);
  await expect(updates.preview.locator(".signed-by")).toHaveText(`Signed by Ada Lovelace; the signature holds. Their key: ${clientKey}`);
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");

  // She now writes from a new device (a copy with a key of its own): named, and held back
  // until the coach has compared the key with her.
  const newDevice = await clientDevice(browser, baseURL, coach, id);
  // Her new copy counts its updates from 1 again: still read as new, not as a repeat.
  const second = await clientTheme(newDevice.client, id, session, "Delegation");
  const newKey = fingerprint(JSON.parse(await readFile(second, "utf8")).signature);
  expect(newKey).not.toBe(clientKey);
  await coach.open("/update");
  await updates.choose(second);
  const warning = updates.preview.getByRole("alert");
  await expect(warning).toContainText("Ada Lovelace's key has changed");
  await expect(warning).toContainText(`a different key (${newKey}) from the one this device knows for them (${clientKey})`);
  const apply = page.getByRole("button", { name: "Apply the update" });
  await expect(apply).toBeDisabled();
  await noViolationsInBothThemes(coach, "an update signed by a new key");
  await warning.getByLabel("I compared the new key with Ada Lovelace and accept it").check();
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await coach.open(session);
  await expect(new SessionsPage(page).themes()).toHaveCount(2);
  await expect(new SessionsPage(page).themes().nth(1)).toContainText("Delegation");
  await context.close();
  await newDevice.context.close();
});

/** An agreement file for `party` to the proposal at `path`, signed with `privateKey` by Node. */
async function agreementSignedBy(path, { party, name }, { publicKey, privateKey }) {
  const { contract } = JSON.parse(await readFile(path, "utf8"));
  const agreement = {
    party,
    typed_name: name,
    acknowledged_confidentiality_limits: true,
    acknowledged_sponsor_reporting: true,
    agreed_at: contract.updated_at + 60_000,
    contract_hash: contract.data.hash,
  };
  const bytes = signedBytes("agreement", {
    engagement_id: contract.data.engagement_id,
    version: contract.data.version,
    ...agreement,
  });
  agreement.signature = {
    format: "accord-signature/1",
    algorithm: "Ed25519",
    public_key: publicKey.export({ type: "spki", format: "der" }).toString("base64"),
    signature: sign(null, bytes, privateKey).toString("base64"),
  };
  const file = {
    format: "accord-contract-agreement",
    format_version: 1,
    contract_id: contract.id,
    engagement_id: contract.data.engagement_id,
    version: contract.data.version,
    contract_hash: contract.data.hash,
    agreement,
  };
  const out = `${path}.agreement.json`;
  await writeFile(out, JSON.stringify(file, null, 2));
  return { path: out, key: fingerprint(agreement.signature) };
}

test("an agreement signed by another key than the one known for the client waits on the contract screen until the coach accepts the new key", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);
  // Her update teaches the coach's copy her key.
  const path = await clientTheme(client, id, session, "Feedback to Ravi");
  const clientKey = fingerprint(JSON.parse(await readFile(path, "utf8")).signature);
  await coach.open("/update");
  const updates = new UpdatesPage(page);
  await updates.choose(path);
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");

  // The contract, proposed; her agreement arrives signed by another key (a new device).
  await coach.open(`/engagements/${id}`);
  const contract = await proposeContract(coach, "Individual coaching (ICF-style)");
  const proposal = await contract.download("Download the proposal file");
  const { path: agreement, key: newKey } = await agreementSignedBy(proposal, { party: "client", name: "Ada Lovelace" }, generateKeyPairSync("ed25519"));
  await contract.addAgreementFile(agreement);
  const warning = page.getByRole("alert").filter({ hasText: "Ada Lovelace's key has changed" });
  await expect(warning).toContainText(`a different key (${newKey}) from the one this device knows for them (${clientKey})`);
  const add = page.getByRole("button", { name: "Add the agreement" });
  await expect(add).toBeDisabled();
  await expect(contract.signatureRow("Client")).toContainText("Awaiting");
  await noViolationsInBothThemes(coach, "an agreement signed by a changed key");
  await warning.getByLabel("I compared the new key with Ada Lovelace and accept it").check();
  await add.click();
  await expect(coach.toast).toContainText("Agreement added.");
  await expect(contract.signatureRow("Client")).toContainText(newKey);
  await context.close();
});

/** The QR code on screen as pixels, decoded by jsQR (an independent decoder) in Node. */
async function decodeQr(page) {
  const image = await page.locator("svg.qr").evaluate(async (svg) => {
    const source = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    const img = new Image();
    await new Promise((loaded, failed) => {
      img.onload = loaded;
      img.onerror = failed;
      img.src = source;
    });
    const size = svg.viewBox.baseVal.width * 6;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(img, 0, 0, size, size);
    return { size, data: Array.from(context.getImageData(0, 0, size, size).data) };
  });
  return jsQR(Uint8ClampedArray.from(image.data), image.size, image.size)?.data;
}

test("an update travels as a link only: opened on the coach's device and applied; the server never sees what it holds; a changed or cut link is refused; its QR code decodes to the link", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const coach = new App(page);
  const { id, session } = await coachWithSession(coach);
  const { context, client } = await clientDevice(browser, baseURL, coach, id);
  await client.open(session);
  await new SessionsPage(client.page).fillTheme({ what: "Feedback to Ravi", why: "Review week", leave: "Two sentences I can say" });
  await client.open(`/engagements/${id}/updates`);
  await client.page.getByRole("button", { name: "Send as a link to Sam Lee" }).click();
  await expect(client.toast).toContainText("Made the link for Sam Lee (1 change).");
  const panel = client.page.getByRole("region", { name: "Link for Sam Lee" });
  const link = await panel.getByRole("textbox", { name: "Link for Sam Lee" }).inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL.replace(/[.]/g, "\\.")}#/receive/1/[A-Za-z0-9_-]+/[A-Za-z0-9_-]{43}$`));
  // A themes message is a short link (the limit for one is 8,000 characters).
  testInfo.annotations.push({ type: "link length (one theme)", description: `${link.length} characters` });
  expect(link.length).toBeLessThan(2_000);
  expect(await decodeQr(client.page), "the QR code holds exactly the link").toBe(link);
  await noViolationsInBothThemes(client, "a link to send");
  const [, data, key] = link.match(/#\/receive\/1\/([^/]+)\/([^/]+)$/);

  // Changed on the way, or cut short: refused in words, nothing applied.
  const changed = link.replace(`/${data}/`, `/${data.slice(0, 20)}${data[20] === "A" ? "B" : "A"}${data.slice(21)}/`);
  await page.goto(changed);
  await expect(page.getByRole("alert")).toContainText("This link was changed after it was made");
  await page.goto(link.slice(0, link.lastIndexOf("/")));
  await expect(page.getByRole("alert")).toContainText("This link is incomplete");

  // Opened on the coach's device: the address bar no longer holds it; applied as the file would be.
  await page.goto(link);
  const updates = new UpdatesPage(page);
  await expect(updates.preview).toContainText(`Ada Lovelace has sent 1 theme for the session on ${longDate(day(7))}`);
  await expect(updates.preview.locator(".signed-by")).toContainText("Signed by Ada Lovelace; the signature holds.");
  expect(new URL(page.url()).hash).toBe("#/receive");
  await noViolationsInBothThemes(coach, "an update opened from a link");
  await updates.apply();
  await expect(coach.toast).toContainText("Applied the update");
  await coach.open(session);
  await expect(new SessionsPage(page).themes().first()).toContainText("Feedback to Ravi");
  // Reloading the link screen opens nothing again.
  await coach.open("/receive");
  await expect(page.locator("main")).toContainText("There is no link to open here.");

  // The host's request log has the page requests, and never the link's contents.
  const log = await readFile(requestLogFor(new URL(baseURL).port), "utf8");
  expect(log).toMatch(/^GET \/$/m);
  expect(log.includes(data) || log.includes(key) || log.includes("receive")).toBe(false);
  await context.close();
});
