// End-to-end: what a person can trust. Nothing that travels between devices can change an
// agreed contract; merging the other party's file never empties this device's private
// notes; what is typed and not saved survives a reload; the party who agrees last can send
// their agreement back; a session still to come cannot be marked held; whatever is created
// can be deleted, and the delete undone.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm, ContractPage, GoalsPage, SessionsPage, noViolationsInBothThemes, proposeContract as propose } from "./fixtures.mjs";
import { day } from "./clock.mjs";
import { signedBytes, holds, fingerprint, oneByteChanged } from "./verify.mjs";

/** A fresh browser profile: another person's own copy of the app. */
async function otherDevice(browser, baseURL) {
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, app: new App(page), contract: new ContractPage(page) };
}

async function createEngagement(app, { client = "Zoë Ng", sponsor = false } = {}) {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching" });
  await app.page.getByLabel("Practitioner's accreditation").selectOption("icf_pcc");
  if (sponsor) {
    await app.page.getByLabel("Organisation").fill("Northwind");
    await app.page.getByLabel("Contact person").fill("Jo Park");
  }
  await form.submit();
  await expect(app.heading()).toHaveText(client);
  return new URL(app.page.url()).hash.match(/^#\/engagements\/([^/]+)$/)[1];
}

/** The relationship file of the engagement `id`, downloaded from its screen. */
async function relationshipFile(app, id) {
  await app.open(`/engagements/${id}`);
  const downloading = app.page.waitForEvent("download");
  await app.page.getByRole("button", { name: "Download this engagement" }).click();
  return await (await downloading).path();
}

/** Chooses `path` on the "Your data" screen and returns the preview region. */
async function chooseFile(app, path) {
  await app.open("/data");
  await app.page.getByLabel("Backup or relationship file").setInputFiles(path);
  return app.page.getByRole("region", { name: "What the file holds" });
}

/** Writes `file` (parsed JSON) with its checksum recomputed, as anyone can. */
async function resealed(file, path) {
  file.checksum = createHash("sha256").update(JSON.stringify(file.data)).digest("hex");
  await writeFile(path, JSON.stringify(file, null, 2));
  return path;
}

test("an agreed fee changed in a relationship file is refused, even with its checksum recomputed, and nothing changes", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const app = new App(page);
  const id = await createEngagement(app);
  const contract = await propose(app, "Individual coaching (ICF-style)");
  await contract.agreeAs("client", "Zoë Ng", { reporting: false });
  await contract.agreeAs("coach", "Sam Lee", { reporting: false });
  await expect(contract.status).toHaveText("Agreed");

  const honest = JSON.parse(await readFile(await relationshipFile(app, id), "utf8"));
  const forged = structuredClone(honest);
  const version = forged.data.contracts[0];
  expect(version.data.terms.fee_per_session).toBe(350);
  version.data.terms.fee_per_session = 359;
  version.revision += 1;
  const preview = await chooseFile(app, await resealed(forged, testInfo.outputPath("forged.json")));
  await expect(page.getByRole("alert")).toContainText("Version 1 of the contract with Zoë Ng was changed after it was proposed");
  await expect(page.getByRole("alert")).toContainText("Nothing was changed.");
  await expect(preview).toHaveCount(0);

  // The agreed contract reads as agreed: 350, not 359.
  await app.open(`/engagements/${id}/contract`);
  await expect(contract.status).toHaveText("Agreed");
  await expect(page.locator(".document")).toContainText("350 GBP per session");
  await expect(page.locator(".document")).not.toContainText("359");
});

test("merging the other party's relationship file keeps this device's private notes, both ways", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const coach = new App(page);
  const id = await createEngagement(coach);
  const sessions = new SessionsPage(page);
  await coach.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(-14), time: "09:00", minutes: 60, status: "Held" });
  await sessions.fillNotes({ shared: "We agreed to try delegating.", practitioner: "COACH-ONLY: watch the energy dip." });
  await sessions.saveNotes();
  await expect(coach.toast).toContainText("Saved");
  const sessionUrl = page.url();
  const fromCoach = await relationshipFile(coach, id);
  expect(await readFile(fromCoach, "utf8")).not.toContain("COACH-ONLY");

  // The client's own device: she merges the coach's file, writes her own private note and a shared line.
  const client = await otherDevice(browser, baseURL);
  let preview = await chooseFile(client.app, fromCoach);
  await expect(preview).toContainText("the engagement with Zoë Ng");
  // New on her device: she is asked who she is in it; the client is the first guess.
  await expect(client.page.getByRole("radio", { name: "Zoë Ng" })).toBeChecked();
  await client.page.getByRole("button", { name: "Import" }).click();
  await expect(client.app.toast).toContainText("written");
  await client.app.open(new URL(sessionUrl).hash.slice(1));
  const clientSessions = new SessionsPage(client.page);
  await clientSessions.fillNotes({ shared: "We agreed to try delegating. I start on Monday.", client: "CLIENT-ONLY: nervous about it." });
  await clientSessions.saveNotes();
  await expect(client.app.toast).toContainText("Saved");
  const fromClient = await relationshipFile(client.app, id);
  expect(await readFile(fromClient, "utf8")).not.toContain("CLIENT-ONLY");

  // Back on the coach's device: one session updated, and the coach's private note is still there.
  preview = await chooseFile(coach, fromClient);
  await expect(preview).toContainText("1 updated");
  await expect(preview).not.toContainText("conflict");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(coach.toast).toContainText("written");
  await page.goto(sessionUrl);
  await coach.ready();
  await expect(page.locator("#note_practitioner_private")).toHaveValue("COACH-ONLY: watch the energy dip.");
  await expect(page.locator("#note_shared")).toHaveValue("We agreed to try delegating. I start on Monday.");
  await expect(page.locator("#note_client_private")).toHaveValue("");

  // And the client, merging the coach's file again, keeps hers: nothing to change.
  preview = await chooseFile(client.app, await relationshipFile(coach, id));
  await expect(preview).not.toContainText("conflict");
  await client.app.open(new URL(sessionUrl).hash.slice(1));
  await expect(client.page.locator("#note_client_private")).toHaveValue("CLIENT-ONLY: nervous about it.");
  await client.context.close();
});

test("text typed in a session's notes and not saved comes back after a reload", async ({ page }) => {
  const app = new App(page);
  const id = await createEngagement(app);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession({ date: day(-14), time: "09:00", minutes: 60 });
  const notes = page.locator("#note_practitioner_private");
  await notes.fill("Forty-five minutes of careful notes, not saved yet.");
  // The text is kept on the device half a second after the last keystroke.
  await page.waitForTimeout(1_500);
  await app.reload();
  await expect(page.locator("#note_practitioner_private")).toHaveValue("Forty-five minutes of careful notes, not saved yet.");
  await expect(app.toast).toContainText("What you typed here and had not saved is back");
  // Saved, it is no longer kept aside: a reload shows the saved text and no notice.
  await sessions.saveNotes();
  await expect(app.toast).toContainText("Saved");
  await page.waitForTimeout(1_000);
  await app.reload();
  await expect(page.locator("#note_practitioner_private")).toHaveValue("Forty-five minutes of careful notes, not saved yet.");
  await expect(app.toast).toHaveCount(0);
});

test("three devices: the client agrees last on her own device and sends her agreement back", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const app = new App(page);
  await createEngagement(app, { sponsor: true });
  const contract = await propose(app, "Three-way sponsored executive coaching");
  await contract.agreeAs("coach", "Sam Lee");
  const firstProposal = await contract.download("Download the proposal file");

  // The sponsor agrees on theirs and sends the agreement to the coach.
  const sponsor = await otherDevice(browser, baseURL);
  await sponsor.contract.openProposal(firstProposal, { as: "Jo Park" });
  await sponsor.contract.agreeAs("sponsor", "Jo Park");
  await contract.addAgreementFile(await sponsor.contract.download(/agreement of the sponsor/));
  await expect(contract.signatureRow("Sponsor")).not.toContainText("Awaiting");

  // The client opens the proposal with both agreements on it and agrees last.
  const proposal = await contract.download("Download the proposal file");
  const client = await otherDevice(browser, baseURL);
  await client.contract.openProposal(proposal, { as: "Zoë Ng" });
  await client.contract.agreeAs("client", "Zoë Ng");
  await expect(client.contract.status).toHaveText("Agreed");
  await expect(client.app.toast).toContainText("Download your agreement file below");
  const clientAgreement = await client.contract.download(/agreement of the client/);

  // The coach's copy and the sponsor's were waiting; the client's file completes both.
  await contract.addAgreementFile(clientAgreement);
  await expect(contract.status).toHaveText("Agreed");
  await sponsor.contract.addAgreementFile(clientAgreement);
  await expect(sponsor.contract.status).toHaveText("Agreed");
  await client.context.close();
  await sponsor.context.close();
});

test("an agreement is signed by the client's device: Node verifies it, a one-byte change fails, and a changed file is refused", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  await createEngagement(app);
  const contract = await propose(app, "Individual coaching (ICF-style)");
  const proposal = await contract.download("Download the proposal file");
  const client = await otherDevice(browser, baseURL);
  await client.contract.openProposal(proposal, { as: "Zoë Ng" });
  await client.contract.agreeAs("client", "Zoë Ng", { reporting: false });
  const path = await client.contract.download(/agreement of the client/);
  const file = JSON.parse(await readFile(path, "utf8"));
  const { agreement } = file;
  expect(agreement.signature.format).toBe("accord-signature/1");

  // Checked without Accord: exactly the documented bytes, with Node's crypto.
  const bytes = signedBytes("agreement", {
    engagement_id: file.engagement_id,
    version: file.version,
    contract_hash: file.contract_hash,
    party: agreement.party,
    typed_name: agreement.typed_name,
    acknowledged_confidentiality_limits: agreement.acknowledged_confidentiality_limits,
    acknowledged_sponsor_reporting: agreement.acknowledged_sponsor_reporting,
    agreed_at: agreement.agreed_at,
  });
  expect(holds(agreement.signature, bytes), "Node verifies the signature").toBe(true);
  expect(holds(agreement.signature, oneByteChanged(bytes)), "one byte changed").toBe(false);
  // The key is the one her Settings shows, and her copy of the contract names it.
  const key = fingerprint(agreement.signature);
  await expect(client.contract.signatureRow("Client")).toContainText(key);
  await client.app.open("/settings");
  await expect(client.page.getByRole("region", { name: "Your signing key" }).locator(".fingerprint")).toHaveText(key);

  // Her name changed in the file after she signed: refused, naming what failed.
  const changed = `${path}.changed.json`;
  await writeFile(changed, JSON.stringify({ ...file, agreement: { ...agreement, typed_name: "Zoe Ng" } }, null, 2));
  await contract.addAgreementFile(changed);
  await expect(page.getByRole("alert")).toContainText("The signature on this file does not hold");
  await expect(contract.signatureRow("Client")).toContainText("Awaiting");
  // The file as she signed it: taken, with her key on the coach's copy.
  await contract.addAgreementFile(path);
  await expect(contract.signatureRow("Client")).toContainText(key);
  await client.context.close();
});

/** Chooses `path` on "Check a file" and returns the region listing its signatures. */
async function checkFile(app, path) {
  await app.open("/check");
  await app.page.getByLabel("File to check").setInputFiles(path);
  return app.page.getByRole("region", { name: "Signatures in the file" });
}

test("Check a file says which signatures in a proposal or an agreement hold and whose keys made them", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  await createEngagement(app);
  const contract = await propose(app, "Individual coaching (ICF-style)");
  await contract.agreeAs("coach", "Sam Lee", { reporting: false });
  const proposal = await contract.download("Download the proposal file");
  const client = await otherDevice(browser, baseURL);
  await client.contract.openProposal(proposal, { as: "Zoë Ng" });
  await client.contract.agreeAs("client", "Zoë Ng", { reporting: false });
  const agreement = await client.contract.download(/agreement of the client/);
  const coachKey = fingerprint(JSON.parse(await readFile(proposal, "utf8")).contract.data.agreements[0].signature);

  // On the client's device, from Settings: the coach's agreement on the proposal holds, by
  // the key her copy remembered when the proposal arrived.
  await client.app.open("/settings");
  await client.page.getByRole("link", { name: "Check a file's signatures" }).click();
  await expect(client.app.heading()).toHaveText("Check a file");
  let result = await checkFile(client.app, proposal);
  await expect(result.getByRole("heading", { level: 3 })).toHaveText("A proposal of version 1 of the contract");
  await expect(result).toContainText("1 of 1 signatures hold.");
  const item = result.locator("li.check");
  await expect(item).toContainText(/Sam Lee's agreement to version 1, as coach\s*Holds/);
  await expect(item).toContainText("The signature holds, and the key is the one this device knows for them.");
  await expect(item.locator(".fingerprint")).toHaveText(coachKey);
  await noViolationsInBothThemes(client.app, "Check a file");

  // Her own agreement: made with this device's key.
  result = await checkFile(client.app, agreement);
  await expect(result.locator("li.check")).toContainText("It was made with this device's own key.");
  // On the coach's device, before it arrives there: her key is not on record yet.
  result = await checkFile(app, agreement);
  await expect(result.locator("li.check")).toContainText("This device has no key on record for them yet");

  // Changed after she signed: does not hold.
  const file = JSON.parse(await readFile(agreement, "utf8"));
  const changed = `${agreement}.changed.json`;
  await writeFile(changed, JSON.stringify({ ...file, agreement: { ...file.agreement, agreed_at: file.agreement.agreed_at + 1 } }, null, 2));
  result = await checkFile(app, changed);
  await expect(result).toContainText("0 of 1 signatures hold.");
  await expect(result.locator("li.check")).toContainText(/Does not hold\s*The signature does not hold: this was changed after it was signed\./);
  // Not a file Accord signs: said so, nothing shown.
  const other = `${agreement}.other.json`;
  await writeFile(other, JSON.stringify({ format: "accord-backup", records: [] }));
  await app.page.getByLabel("File to check").setInputFiles(other);
  await expect(page.getByRole("alert")).toContainText("This is not a file Accord signs.");
  await expect(page.getByRole("region", { name: "Signatures in the file" })).toHaveCount(0);
  await client.context.close();
});

/** The link in the share panel for `name` once it is made (`locked`: with a passphrase). */
async function linkFor(page, name, { locked = false } = {}) {
  const box = page.getByRole("region", { name: `Link for ${name}` }).getByRole("textbox", { name: `Link for ${name}` });
  await expect(box).toHaveValue(locked ? /#\/receive\/1\/[A-Za-z0-9_-]+\/p\/[A-Za-z0-9_-]{22}$/ : /#\/receive\/1\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]{43}$/);
  return await box.inputValue();
}

test("two devices agree through links only: the proposal as a link, the agreement back as a link locked with a passphrase", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const app = new App(page);
  await createEngagement(app);
  const contract = await propose(app, "Individual coaching (ICF-style)");
  await contract.agreeAs("coach", "Sam Lee", { reporting: false });
  const coachKey = fingerprint(JSON.parse(await readFile(await contract.download("Download the proposal file"), "utf8")).contract.data.agreements[0].signature);

  // The coach sends the proposal as a link: a typical proposal fits in one.
  await page.getByRole("button", { name: "Send the proposal as a link" }).click();
  const proposalLink = await linkFor(page, "Zoë Ng");
  testInfo.annotations.push({ type: "link length (proposal, one goal, coach agreed)", description: `${proposalLink.length} characters` });
  expect(proposalLink.startsWith(`${baseURL}#/receive/1/`)).toBe(true);
  expect(proposalLink.length).toBeLessThanOrEqual(8_000);
  await noViolationsInBothThemes(app, "a proposal link to send");

  // The client opens it: who signed it and whether it holds, then who she is, then the contract.
  const client = await otherDevice(browser, baseURL);
  await client.page.goto(proposalLink);
  await expect(client.app.heading()).toHaveText("Open a link");
  await expect.poll(() => new URL(client.page.url()).hash, "the link leaves the address bar").toBe("#/receive");
  const signatures = client.page.getByRole("region", { name: "Signatures in the file" });
  await expect(signatures.getByRole("heading", { level: 3 })).toHaveText("A proposal of version 1 of the contract");
  await expect(signatures.locator("li.check")).toContainText(/Sam Lee's agreement to version 1, as coach\s*Holds/);
  await expect(signatures.locator(".fingerprint")).toHaveText(coachKey);
  await noViolationsInBothThemes(client.app, "a proposal opened from a link");
  await client.page.getByRole("button", { name: "Open the proposal" }).click();
  await client.page.getByRole("radio", { name: "Zoë Ng" }).check();
  await client.page.getByRole("button", { name: "Open the proposal" }).click();
  await expect(client.app.heading()).toHaveText("Contract with Zoë Ng");
  await expect(client.contract.signatureRow("Coach")).toContainText(coachKey);
  await client.contract.agreeAs("client", "Zoë Ng", { reporting: false });
  await expect(client.contract.status).toHaveText("Agreed");

  // She sends her agreement back as a link locked with a passphrase she tells him by phone.
  await client.page.getByRole("button", { name: "Send Zoë Ng's agreement as a link" }).click();
  const openLink = await linkFor(client.page, "Sam Lee");
  testInfo.annotations.push({ type: "link length (agreement)", description: `${openLink.length} characters` });
  const panel = client.page.getByRole("region", { name: "Link for Sam Lee" });
  await panel.getByLabel("Lock the link with a passphrase instead").check();
  await panel.getByLabel("Passphrase for the link").fill("short");
  await panel.getByLabel("The link's passphrase again").fill("short");
  await panel.getByRole("button", { name: "Make the locked link" }).click();
  await expect(panel.getByRole("alert").first()).toContainText("Choose a passphrase of at least 10 characters");
  await panel.getByLabel("Passphrase for the link").fill("harbour lantern 42");
  await panel.getByLabel("The link's passphrase again").fill("harbour lantern 42");
  await panel.getByRole("button", { name: "Make the locked link" }).click();
  const lockedLink = await linkFor(client.page, "Sam Lee", { locked: true });
  expect(lockedLink).not.toContain(openLink.slice(openLink.lastIndexOf("/") + 1));
  await noViolationsInBothThemes(client.app, "a link locked with a passphrase");

  // On a device without the contract the agreement is refused in words.
  const stranger = await otherDevice(browser, baseURL);
  await stranger.page.goto(openLink);
  await stranger.page.getByRole("button", { name: "Add the agreement" }).click();
  await expect(stranger.page.getByRole("alert")).toContainText("This agreement is for a contract that is not on this device.");
  await stranger.context.close();

  // The coach opens the locked link: a wrong passphrase is said at the field, nothing changes.
  await page.goto(lockedLink);
  await expect.poll(() => new URL(page.url()).hash, "the link leaves the address bar").toBe("#/receive");
  await page.getByLabel("The link's passphrase").fill("harbour lantern 43");
  await page.getByRole("button", { name: "Open the link" }).click();
  await expect(page.getByRole("alert").first()).toContainText("That passphrase does not open this link.");
  await noViolationsInBothThemes(app, "a locked link asking for its passphrase");
  await page.getByLabel("The link's passphrase").fill("harbour lantern 42");
  await page.getByRole("button", { name: "Open the link" }).click();
  const held = page.getByRole("region", { name: "Signatures in the file" });
  await expect(held.locator("li.check")).toContainText(/Zoë Ng's agreement to version 1, as client\s*Holds/);
  await page.getByRole("button", { name: "Add the agreement" }).click();
  await expect(app.toast).toContainText("Agreement added. Every party has agreed to version 1.");
  await expect(contract.status).toHaveText("Agreed");
  await expect(contract.signatureRow("Client")).toContainText(fingerprint(await clientKeyOf(client)));
  await client.context.close();
});

/** The client's agreement signature, from the agreement file her device offers. */
async function clientKeyOf(client) {
  const path = await client.contract.download(/agreement of the client/);
  return JSON.parse(await readFile(path, "utf8")).agreement.signature;
}

test("a session still to come cannot be marked held", async ({ page }) => {
  const app = new App(page);
  const id = await createEngagement(app);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions/new`);
  const future = day(30);
  await sessions.fillDetails({ date: future, time: "10:00", minutes: 60, status: "Held" });
  await page.getByRole("button", { name: "Add the session" }).click();
  await expect(page.getByRole("alert").first()).toContainText("which is still to come");
  await expect(app.heading()).toHaveText("New session");
});

test("a goal can be deleted, and the delete undone", async ({ page }) => {
  const app = new App(page);
  const id = await createEngagement(app);
  const goals = new GoalsPage(page);
  await app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title: "Chair the board meeting without notes" });
  await expect(app.heading()).toHaveText("Chair the board meeting without notes");
  await page.getByRole("button", { name: "Delete this goal" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the goal “Chair the board meeting without notes”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(app.toast).toContainText("Deleted the goal “Chair the board meeting without notes”.");
  await expect(page.getByRole("link", { name: "Chair the board meeting without notes" })).toHaveCount(0);
  await app.toast.getByRole("button", { name: "Undo" }).click();
  await expect(app.toast).toContainText("Restored the goal");
  await expect(page.getByRole("link", { name: "Chair the board meeting without notes" })).toBeVisible();
});
