// End-to-end: evidence of practice and reports in the release build: the ICF client
// coaching log and its CSV, the EMCC summary and supervision log, the sponsor update
// (redacted by the contract, approved by the client before export), the engagement
// summary, bad input, and accessibility.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { signedBytes, holds, oneByteChanged } from "./verify.mjs";
import { test, expect, App, EngagementForm, ContractPage, GoalsPage, SessionsPage, EvidencePage, saved } from "./fixtures.mjs";
import { BYTE_ORDER_MARK, csvBytes, readCsv, pythonCsvRows, libreOfficeAvailable, libreOfficeRows } from "./spreadsheet.mjs";
import { day, addDays, addMonths, longDate, quarterLabel, today } from "./clock.mjs";

const ICF_TEMPLATE = "Individual coaching (ICF-style)";
const THREE_WAY_TEMPLATE = "Three-way sponsored executive coaching";
const LEVELS = { "-1": "Still reads from notes every week", "0": "Runs the meeting without notes most weeks", "1": "Others take parts too" };

/** Creates an engagement (with the evidence fields and a sponsor if given) and returns its id. */
async function createEngagement(page, { client, practitioner = "Sam Lee", kind = "Coaching", contact, named = false, groupSize, sponsor }) {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner, kind });
  if (sponsor) {
    await page.locator("#sponsor_organisation").fill(sponsor.organisation);
    await page.locator("#sponsor_contact").fill(sponsor.contact);
  }
  if (contact !== undefined) await page.locator("#client_contact").fill(contact);
  if (named) await page.getByLabel("The client agrees to appear by name in my coaching log").check();
  if (groupSize !== undefined) await page.locator("#group_size").fill(String(groupSize));
  await form.submit();
  await expect(app.heading()).toHaveText(client);
  const id = new URL(page.url()).hash.match(/^#\/engagements\/([^/]+)$/)?.[1];
  expect(id, "the engagement's id in the address").toBeTruthy();
  return id;
}

/** Starts a contract from a template, sets the payer and fee if given, and saves the draft. */
async function contractWithFee(page, id, template, { payer, fee } = {}) {
  const app = new App(page);
  const contract = new ContractPage(page);
  await app.open(`/engagements/${id}`);
  await contract.startFromTemplate(template);
  if (payer !== undefined) await page.getByLabel("Who pays").selectOption(payer);
  if (fee !== undefined) await page.locator("#fee").fill(String(fee));
  await contract.saveDraft();
  await saved(app, "Saved the draft contract.");
}

/** Adds a session by hand from the sessions list and waits until it is saved. */
async function addSession(page, id, details) {
  const app = new App(page);
  const sessions = new SessionsPage(page);
  await app.open(`/engagements/${id}/sessions`);
  await sessions.addSession(details);
  await saved(app, "Added the session.");
  await expect(app.heading()).not.toHaveText("New session");
}

/** Adds a goal (optionally with GAS levels) and sets who can see it from the goal's page. */
async function addGoal(page, id, { title, visibility, levels }) {
  const app = new App(page);
  const goals = new GoalsPage(page);
  await app.open(`/engagements/${id}/goals`);
  await goals.addGoal({ title, levels: levels ?? {} });
  await expect(app.heading()).toHaveText(title);
  if (visibility !== undefined && visibility !== "shared") {
    await page.getByLabel("Who can see this goal").selectOption(visibility);
    await saved(app, "Changed who can see this goal.");
  }
  await expect(page.getByLabel("Who can see this goal")).toHaveValue(visibility ?? "shared");
}

/** The reflection (and whether it is shared) on the current session page. */
async function saveReflection(page, text, share) {
  await page.locator("#reflection").fill(text);
  if (share) await page.locator("#reflection_shared").check();
  await page.getByRole("form", { name: "After the session" }).getByRole("button", { name: "Save", exact: true }).click();
  await saved(new App(page), "Saved the reflection and feedback.");
}

const NAMED = `O'Brien, "Bea" Müller`;
const HIDDEN = "Zed Quietly-Unnamed";

test("the ICF log names only consenting clients, counts held hours paid and pro bono, and downloads as RFC 4180 CSV", async ({ page }) => {
  test.setTimeout(150_000);
  const app = new App(page);
  const evidence = new EvidencePage(page);

  // Every session in the past (a held one must be), two weeks apart, counted from today.
  const first = day(-63);
  const [namedFirst, namedLast, hiddenFirst] = [first, addDays(first, 14), addDays(first, 2)];

  // A paid client who agreed to be named, with a contact: 45 + 60 minutes held, one late cancellation.
  const named = await createEngagement(page, { client: NAMED, contact: "bea@example.org", named: true });
  await contractWithFee(page, named, ICF_TEMPLATE, { payer: "client", fee: 150 });
  await addSession(page, named, { date: namedFirst, time: "10:00", minutes: 45, status: "Held" });
  await addSession(page, named, { date: namedLast, time: "10:00", minutes: 60, status: "Held" });
  await addSession(page, named, { date: addDays(first, 28), time: "10:00", minutes: 60, status: "Cancelled late" });

  // A pro bono group client who did not agree: their contact must not show either.
  const hidden = await createEngagement(page, { client: HIDDEN, contact: "zed@example.org", groupSize: 4 });
  await contractWithFee(page, hidden, ICF_TEMPLATE);
  await addSession(page, hidden, { date: hiddenFirst, time: "14:00", minutes: 60, status: "Held" });
  await addSession(page, hidden, { date: addDays(first, 16), time: "14:00", minutes: 90, status: "Cancelled late" });

  await app.open("/");
  await app.nav("Evidence");
  await expect(app.heading()).toHaveText("Evidence");
  await expect(evidence.icf).toBeVisible();
  await expect(evidence.icfTable.locator("tbody tr")).toHaveCount(2);
  // Sorted by first held session: the named client (first day) before Client 1 (two days later).
  await expect(evidence.icfTable.locator("tbody tr th")).toHaveText([NAMED, "Client 1"]);
  await expect(evidence.cells(NAMED)).toHaveText(["bea@example.org", "Individual", longDate(namedFirst), longDate(namedLast), "1.75 h", "0 h", ""]);
  await expect(evidence.cells("Client 1")).toHaveText(["", "Group of 4", longDate(hiddenFirst), longDate(hiddenFirst), "0 h", "1 h", ""]);
  await expect(evidence.totals()).toHaveText(/Total: 2 clients\s*2\.75 h in all\s*1\.75 h\s*1 h/);
  await expect(page.locator("body")).not.toContainText("Zed");
  await expect(page.locator("body")).not.toContainText("Quietly-Unnamed");
  await expect(page.locator("body")).not.toContainText("zed@example.org");

  // Progress toward ACC: 97.25 h, 73.25 paid h and 6 clients to go (weakest share: 1.75/75 paid ≈ 2%).
  await expect(evidence.credential("ACC")).toHaveAttribute("aria-valuetext", "97.25 h, 73.25 paid h and 6 clients to go.");
  await expect(evidence.credential("ACC")).toHaveAttribute("aria-valuenow", "2");
  await expect(evidence.credential("PCC")).toHaveAttribute("aria-valuetext", "497.25 h, 448.25 paid h and 23 clients to go.");
  await expect(evidence.credential("MCC")).toHaveAttribute("aria-valuetext", "2497.25 h, 2248.25 paid h and 33 clients to go.");

  // The CSV: UTF-8 that starts with the byte-order mark, which Excel on Windows needs to read
  // "Müller" rather than "MÃ¼ller"; Node, Python's csv module and LibreOffice read one table.
  const path = await evidence.download("Download the log (CSV)");
  await expect(app.toast).toContainText(/Saved icf-coaching-log-.*\.csv\./);
  expect([...(await csvBytes(path)).subarray(0, 3)], "the UTF-8 byte-order mark, first").toEqual(BYTE_ORDER_MARK);
  const { text, rows } = await readCsv(path);
  expect(text.startsWith("Client name,"), "nothing else before the first header").toBe(true);
  expect(text).not.toContain("\uFEFF");
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text).toContain(`"O'Brien, ""Bea"" Müller"`);
  expect(text).not.toContain("Zed");
  expect(text).not.toContain("Quietly-Unnamed");
  expect(text).not.toContain("zed@example.org");
  const table = [
    ["Client name", "Contact", "Individual or group", "Number in group", "Start date", "End date", "Paid hours", "Pro bono hours", "Note"],
    [NAMED, "bea@example.org", "Individual", "", namedFirst, namedLast, "1.75", "0", ""],
    ["Client 1", "", "Group", "4", hiddenFirst, hiddenFirst, "0", "1", ""],
  ];
  expect(rows, "Node (WHATWG UTF-8 decoder, RFC 4180)").toEqual(table);
  expect(pythonCsvRows(path), "Python's csv module, utf-8-sig").toEqual(table);
  if (libreOfficeAvailable()) expect(await libreOfficeRows(path, table[0].length), "LibreOffice Calc").toEqual(table);
});

test("EMCC summary and supervision log: logged, counted by quarter, bad entries refused in plain words, removed", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new App(page);
  const evidence = new EvidencePage(page);
  await app.open("/evidence");
  await expect(evidence.emcc).toBeVisible();
  await expect(evidence.supervision).toContainText("No supervision logged yet.");

  // The level changes what is needed.
  await expect(evidence.emccCheck("Client hours").locator("td").nth(1)).toHaveText("50 h");
  await evidence.emcc.getByLabel("EIA level").selectOption({ label: "EIA Practitioner" });
  await expect(evidence.emccCheck("Client hours").locator("td").nth(1)).toHaveText("100 h");
  await expect(evidence.emccCheck("Clients").locator("td").nth(1)).toHaveText("10");

  // This quarter's label, as the summary writes it (today in the browser's time zone).
  const quarter = quarterLabel(today());
  await expect(evidence.quarters()).toHaveCount(4);
  await expect(evidence.quarters().last()).toHaveText(`${quarter}: 0 h (so far)`);

  // 1.5 hours today (the date field starts at today).
  expect(await evidence.supervisionForm.getByLabel(/^Date/).inputValue()).toBe(today());
  await evidence.logSupervision({ hours: "1.5", supervisor: "Dr Kim Reyes", note: "Boundaries with a sponsor" });
  await saved(app, "Logged the supervision.");
  await expect(evidence.supervisionEntries).toHaveCount(1);
  await expect(evidence.supervisionEntries.first()).toContainText("1.5 h with Dr Kim Reyes");
  await expect(evidence.supervisionEntries.first()).toContainText("Boundaries with a sponsor");
  await expect(evidence.quarters().last()).toHaveText(`${quarter}: 1.5 h (so far)`);
  await app.reload();
  await expect(evidence.supervisionEntries).toHaveCount(1);
  await expect(evidence.quarters().last()).toHaveText(`${quarter}: 1.5 h (so far)`);

  // A bad entry: no supervisor, hours "lots": plain-language errors, nothing added.
  await evidence.logSupervision({ hours: "lots", supervisor: "" });
  await expect(page.locator("#supervision_hours-error")).toHaveText("Enter the hours as a number, such as 1.5.");
  await expect(page.locator("#supervision_supervisor-error")).toHaveText("Enter the supervisor's name.");
  await expect(evidence.supervisionForm.getByRole("alert").filter({ hasText: "Please check this form" })).toBeVisible();
  await expect(evidence.supervisionEntries).toHaveCount(1);
  await expect(evidence.quarters().last()).toHaveText(`${quarter}: 1.5 h (so far)`);
  await evidence.logSupervision({ hours: "0", supervisor: "Dr Kim Reyes" });
  await expect(page.locator("#supervision_hours-error")).toHaveText("Hours must be more than 0 and at most 24.");
  await expect(evidence.supervisionEntries).toHaveCount(1);

  // Remove it.
  await evidence.supervisionEntries.first().getByRole("button", { name: /^Remove/ }).click();
  await saved(app, "Removed the entry.");
  await expect(evidence.supervisionEntries).toHaveCount(0);
  await expect(evidence.supervision).toContainText("No supervision logged yet.");
  await expect(evidence.quarters().last()).toHaveText(`${quarter}: 0 h (so far)`);
});

test("CPD log: logged, counted against 16 hours a year, what is still missing said plainly, bad entries refused, undone", async ({ page }) => {
  const app = new App(page);
  const evidence = new EvidencePage(page);
  await app.open("/evidence");
  const missing = evidence.emcc.getByRole("status");
  await expect(missing).toContainText("Still missing for EIA Foundation:");
  // Every ended quarter of the four listed lacks its hour of supervision.
  const ended = [-9, -6, -3].map((months) => `Supervision of at least 1 h in ${quarterLabel(addMonths(today(), months))}`);
  await expect(missing.getByRole("listitem")).toHaveText(
    ["50 more client hours", "5 more clients", "5 more client feedback items", "5 more reflections", ...ended, "16 more hours of CPD"],
  );
  await expect(evidence.emccCheck("CPD").locator("td")).toHaveText(["0 h", "16 h", "Not yet"]);
  await expect(evidence.cpd).toContainText("No CPD logged yet.");

  // Bad input: nothing typed but the date, then hours out of range: plain words, nothing added.
  await evidence.logCpd({ activity: "", hours: "" });
  await expect(page.locator("#cpd_activity-error")).toHaveText("Enter what you did.");
  await expect(page.locator("#cpd_hours-error")).toHaveText("Enter how many hours it took.");
  await evidence.logCpd({ activity: "Ethics in coaching (EMCC webinar)", hours: "120" });
  await expect(page.locator("#cpd_hours-error")).toHaveText("Hours must be more than 0 and at most 100.");
  await expect(evidence.cpdEntries).toHaveCount(0);

  // Two entries today: 12 + 4.5 hours meet the 16 a year.
  await evidence.logCpd({ activity: "Ethics in coaching (EMCC webinar)", hours: "12", kind: "Course or workshop" });
  await saved(app, "Logged the CPD.");
  await expect(evidence.emccCheck("CPD").locator("td")).toHaveText(["12 h", "16 h", "Not yet"]);
  await expect(missing.getByRole("listitem").filter({ hasText: "CPD" })).toHaveText("4 more hours of CPD");
  await evidence.logCpd({ activity: "Peer group on contracting", hours: "4,5", kind: "Peer learning", note: "Three-way contracts" });
  await saved(app, "Logged the CPD.");
  await expect(evidence.cpdEntries).toHaveCount(2);
  await expect(evidence.cpdEntries.first()).toContainText("Peer learning");
  await expect(evidence.emccCheck("CPD").locator("td")).toHaveText(["16.5 h", "16 h", "Met"]);
  await expect(missing.getByRole("listitem").filter({ hasText: "CPD" })).toHaveCount(0);
  await app.reload();
  await expect(evidence.cpdEntries).toHaveCount(2);

  // Removed, and undone.
  await evidence.cpdEntries.first().getByRole("button", { name: /^Remove/ }).click();
  await expect(app.toast).toContainText("Removed the entry.");
  await expect(evidence.cpdEntries).toHaveCount(1);
  await expect(evidence.emccCheck("CPD").locator("td").last()).toHaveText("Not yet");
  await app.toast.getByRole("button", { name: "Undo" }).click();
  await expect(evidence.cpdEntries).toHaveCount(2);
  await expect(evidence.emccCheck("CPD").locator("td").last()).toHaveText("Met");
});

const MARKERS = ["PRIVATE-GOAL-MARKER", "SHARED-GOAL-MARKER", "PRACTITIONER-MARKER", "CLIENT-MARKER", "SHARED-NOTE-MARKER", "THEME-MARKER", "REFLECTION-MARKER", "FEEDBACK-MARKER"];

/** A sponsored coaching engagement whose three-way contract shares attendance and goal progress. */
async function sponsoredEngagement(page) {
  const id = await createEngagement(page, { client: "Ada Lovelace", sponsor: { organisation: "Northwind", contact: "Jo Park" } });
  const app = new App(page);
  const contract = new ContractPage(page);
  await app.open(`/engagements/${id}`);
  await contract.startFromTemplate(THREE_WAY_TEMPLATE);
  await expect(page.getByLabel("Progress on goals the client chooses to share")).toBeChecked();
  await expect(page.getByLabel("Attendance", { exact: true })).toBeChecked();
  await page.locator("#fee").fill("250");
  await contract.saveDraft();
  await saved(app, "Saved the draft contract.");
  return id;
}

test("the sponsor update holds only what the contract allows, and is exported only after the client approves it", async ({ page }) => {
  test.setTimeout(150_000);
  const app = new App(page);
  const sessions = new SessionsPage(page);
  const evidence = new EvidencePage(page);
  const id = await sponsoredEngagement(page);

  await addGoal(page, id, { title: "SPONSOR-VISIBLE-GOAL", visibility: "sponsor_visible" });
  await addGoal(page, id, { title: "PRIVATE-GOAL-MARKER", visibility: "client_private" });
  await addGoal(page, id, { title: "SHARED-GOAL-MARKER", visibility: "shared" });

  // A held session (in the past) full of things the sponsor must never see.
  const heldOn = day(-26);
  await addSession(page, id, { date: heldOn, time: "09:00", minutes: 60, status: "Held" });
  await sessions.fillTheme({ what: "THEME-MARKER", why: "It matters", leave: "A plan" });
  await saved(app, "Saved the themes.");
  await sessions.fillNotes({ shared: "SHARED-NOTE-MARKER", practitioner: "PRACTITIONER-MARKER", client: "CLIENT-MARKER" });
  await sessions.saveNotes();
  await saved(app, "Saved the notes.");
  await page.locator("#reflection").fill("REFLECTION-MARKER");
  await page.locator("#reflection_shared").check();
  const after = page.getByRole("form", { name: "After the session" });
  await after.getByRole("radio", { name: /^3\b/ }).check();
  await after.getByLabel("Feedback comment").fill("FEEDBACK-MARKER");
  await after.getByRole("button", { name: "Save", exact: true }).click();
  await saved(app, "Saved the reflection and feedback.");

  // From the engagement's Reports panel.
  await app.open(`/engagements/${id}`);
  await page.getByRole("link", { name: "Sponsor update" }).click();
  await expect(app.heading()).toHaveText("Sponsor update");
  const draft = page.getByRole("region", { name: "Today's draft" });
  await expect(draft).toContainText("SPONSOR-VISIBLE-GOAL");
  await expect(draft).toContainText("For Northwind · about Ada Lovelace");
  await expect(draft).toContainText("1 session held, 0 cancelled, 0 missed, 0 still planned.");
  await expect(draft).toContainText("Goals the client keeps private or shares only with the coach are left out (2).");
  for (const marker of MARKERS) await expect(page.locator("main")).not.toContainText(marker);

  // Nothing can be exported before approval.
  await expect(page.getByRole("button", { name: "Download for the sponsor (.txt)" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Kept updates" })).toContainText("None yet.");
  await page.getByRole("button", { name: "Keep this draft for the client to approve" }).click();
  await saved(app, "Kept the draft for the client to review and approve.");
  const kept = page.getByRole("list", { name: "Sponsor updates" }).getByRole("listitem");
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText("Waiting for the client's approval");
  await expect(kept.locator(".report__text")).toContainText("- SPONSOR-VISIBLE-GOAL");
  for (const marker of MARKERS) await expect(kept).not.toContainText(marker);
  await expect(page.getByRole("button", { name: "Download for the sponsor (.txt)" })).toHaveCount(0);
  await expect(kept.getByRole("button", { name: "Print or save as PDF" })).toHaveCount(0);

  // A wrong name is refused with a message naming the client; nothing is approved.
  const approval = kept.getByRole("form", { name: /^Approve the update of / });
  await approval.getByLabel("Your full name").fill("Jo Park");
  await approval.getByRole("button", { name: "I approve this update" }).click();
  await expect(page.locator("#approval_name-error")).toHaveText("Type the client's full name as the engagement records it: Ada Lovelace.");
  await expect(page.getByRole("button", { name: "Download for the sponsor (.txt)" })).toHaveCount(0);
  await app.reload();
  await expect(kept).toContainText("Waiting for the client's approval");

  // The client's own name approves it; then it can be downloaded or printed.
  await approval.getByLabel("Your full name").fill("Ada Lovelace");
  await approval.getByRole("button", { name: "I approve this update" }).click();
  await saved(app, "Approved.");
  await expect(kept).toContainText("Approved by Ada Lovelace");
  await expect(kept.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  const path = await evidence.download("Download for the sponsor (.txt)", kept);
  const text = await readFile(path, "utf8");
  expect(text).toContain("Update for Northwind");
  expect(text).toContain("Client: Ada Lovelace");
  expect(text).toContain("- SPONSOR-VISIBLE-GOAL");
  expect(text).toContain(`Sessions held: 1 (${longDate(heldOn)})`);
  for (const marker of MARKERS) expect(text, `the exported update holds ${marker}`).not.toContain(marker);

  // The client's signed approval travels at its end: Node checks it over exactly the text
  // above it (docs/signatures.md), and one changed byte fails.
  const opening = "\n\n-----BEGIN ACCORD APPROVAL-----\n";
  const body = text.slice(0, text.lastIndexOf(opening));
  const block = JSON.parse(text.slice(text.lastIndexOf(opening) + opening.length, text.lastIndexOf("-----END ACCORD APPROVAL-----")));
  const sha = createHash("sha256").update(body, "utf8").digest("hex");
  expect(block.approval.text_sha256).toBe(sha);
  const bytes = signedBytes("sponsor-update-approval", {
    report_id: block.report_id,
    engagement_id: block.engagement_id,
    text_sha256: sha,
    by: block.approval.by,
    at: block.approval.at,
  });
  expect(holds(block.approval.signature, bytes), "Node verifies the approval").toBe(true);
  expect(holds(block.approval.signature, oneByteChanged(bytes)), "one byte changed").toBe(false);
  // Check a file says it holds; the same update with one word changed does not.
  await app.open("/check");
  await page.getByLabel("File to check").setInputFiles(path);
  const result = page.getByRole("region", { name: "Signatures in the file" });
  await expect(result.getByRole("heading", { level: 3 })).toHaveText("A sponsor update approved by Ada Lovelace");
  await expect(result).toContainText("1 of 1 signatures hold.");
  await expect(result.locator("li.check")).toContainText("It was made with this device's own key.");
  const changed = `${path}.changed.txt`;
  await writeFile(changed, text.replace("Client: Ada Lovelace", "Client: Ada Byron"));
  await page.getByLabel("File to check").setInputFiles(changed);
  await expect(result).toContainText("0 of 1 signatures hold.");
  await expect(result.locator("li.check")).toContainText("The signature does not hold: this was changed after it was signed.");
});

test("the engagement summary shows only the reflections the client shares, and baseline scores", async ({ page }) => {
  test.setTimeout(120_000);
  const app = new App(page);
  const goals = new GoalsPage(page);
  const evidence = new EvidencePage(page);
  const id = await createEngagement(page, { client: "Ada Lovelace" });

  await addGoal(page, id, { title: "Run the weekly meeting without notes", levels: LEVELS });
  await goals.score("baseline", "-1");
  await saved(app, "Score saved.");
  await addGoal(page, id, { title: "A goal the client keeps to herself", visibility: "client_private", levels: LEVELS });

  // Two held sessions, both in the past.
  const shared = day(-62);
  await addSession(page, id, { date: shared, time: "10:00", minutes: 60, status: "Held" });
  await saveReflection(page, "SHARED-REFLECTION-MARKER: I can say no", true);
  await addSession(page, id, { date: addDays(shared, 14), time: "10:00", minutes: 45, status: "Held" });
  await saveReflection(page, "KEPT-PRIVATE-REFLECTION", false);
  await app.reload();
  await expect(page.locator("#reflection")).toHaveValue("KEPT-PRIVATE-REFLECTION");
  await expect(page.locator("#reflection_shared")).not.toBeChecked();

  await app.open(`/engagements/${id}`);
  await page.getByRole("link", { name: "Engagement summary" }).click();
  await expect(app.heading()).toHaveText("Engagement summary: Ada Lovelace");
  const summary = page.locator("article.summary");
  await expect(summary).toContainText("2 sessions held, 1.75 h in all.");
  await expect(summary).toContainText("Reflections the client shares");
  await expect(summary).toContainText(`${longDate(shared)}: SHARED-REFLECTION-MARKER: I can say no`);
  await expect(page.locator("main")).not.toContainText("KEPT-PRIVATE-REFLECTION");
  await expect(page.locator("main")).not.toContainText("A goal the client keeps to herself");
  const goalRow = summary.locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: "Run the weekly meeting without notes" }) });
  await expect(goalRow.locator("td")).toHaveText(["−1", "—", "—", /.*/]);
  await expect(summary.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();

  const text = await readFile(await evidence.download("Download as text"), "utf8");
  expect(text).toContain("Client: Ada Lovelace");
  expect(text).toContain("2 sessions held, 1.75 h.");
  expect(text).toContain("- Run the weekly meeting without notes: baseline -1, mid-point not scored, end not scored");
  expect(text).toContain(`- ${longDate(shared)}: SHARED-REFLECTION-MARKER: I can say no`);
  expect(text).not.toContain("KEPT-PRIVATE-REFLECTION");
  expect(text).not.toContain("A goal the client keeps to herself");
});

test("no held sessions, no contract and no data still give an evidence page, a summary and a sponsor page, without a crash", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new App(page);
  const evidence = new EvidencePage(page);

  // Nothing at all.
  await app.open("/evidence");
  await expect(evidence.icf).toContainText("No coaching engagements yet.");
  await expect(page.getByRole("button", { name: "Download the log (CSV)" })).toBeDisabled();
  await expect(evidence.credential("ACC")).toHaveAttribute("aria-valuetext", "100 h, 75 paid h and 8 clients to go.");

  // A sponsored engagement with no contract and only a late-cancelled session (in the
  // past) and a planned one (ahead).
  const id = await createEngagement(page, { client: "Ada Lovelace", sponsor: { organisation: "Northwind", contact: "Jo Park" } });
  await addSession(page, id, { date: day(-62), time: "10:00", minutes: 60, status: "Cancelled late" });
  await addSession(page, id, { date: day(7), time: "10:00", minutes: 60 });

  await app.open("/evidence");
  await expect(evidence.cells("Client 1")).toHaveText(["", "Individual", "", "", "0 h", "0 h", "No sessions held yet."]);
  await expect(evidence.totals()).toContainText("Total: 0 clients");
  await expect(evidence.totals()).toContainText("0 h in all");
  await expect(evidence.emccCheck("Client hours").locator("td").first()).toHaveText("0 h");
  const { rows } = await readCsv(await evidence.download("Download the log (CSV)"));
  expect(rows).toEqual([
    ["Client name", "Contact", "Individual or group", "Number in group", "Start date", "End date", "Paid hours", "Pro bono hours", "Note"],
    ["Client 1", "", "Individual", "", "", "", "0", "0", "No sessions held yet."],
  ]);

  await app.open(`/engagements/${id}/summary`);
  await expect(app.heading()).toHaveText("Engagement summary: Ada Lovelace");
  const summary = page.locator("article.summary");
  await expect(summary).toContainText("0 sessions held, 0 h in all.");
  await expect(summary.getByRole("status")).toContainText("No sessions held yet.");
  await expect(summary.getByRole("status")).toContainText("No goals scored yet.");
  await expect(summary).toContainText("No shared goals.");
  await expect(summary).toContainText("None shared.");
  const text = await readFile(await evidence.download("Download as text"), "utf8");
  expect(text).toContain("- No sessions held yet.");

  await app.open(`/engagements/${id}/sponsor-update`);
  await expect(app.heading()).toHaveText("Sponsor update");
  await expect(page.getByRole("status").filter({ hasText: "nothing may be reported to the sponsor" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Keep this draft for the client to approve" })).toHaveCount(0);

  // An unknown engagement's reports say so rather than crash.
  await app.open("/engagements/no-such-engagement/summary");
  await expect(app.heading()).toHaveText("This page does not exist");
  await app.open("/engagements/no-such-engagement/sponsor-update");
  await expect(app.heading()).toHaveText("This page does not exist");
});

test("the evidence, sponsor update and summary pages have no accessibility violations", async ({ page }) => {
  test.setTimeout(150_000);
  const app = new App(page);
  const goals = new GoalsPage(page);
  const evidence = new EvidencePage(page);
  const id = await sponsoredEngagement(page);
  await addGoal(page, id, { title: "Lead the merged team", visibility: "sponsor_visible", levels: LEVELS });
  await goals.score("baseline", "-1");
  await saved(app, "Score saved.");
  await addSession(page, id, { date: day(-26), time: "09:00", minutes: 60, status: "Held" });
  await saveReflection(page, "I can say no", true);

  await app.open("/evidence");
  await evidence.logSupervision({ hours: "1", supervisor: "Dr Kim Reyes" });
  await saved(app, "Logged the supervision.");
  await evidence.logSupervision({ hours: "lots", supervisor: "" });
  await expect(page.locator("#supervision_hours-error")).toBeVisible();
  expect(await app.accessibilityViolations(), "evidence page with a log, supervision and errors").toEqual([]);

  await app.open(`/engagements/${id}/sponsor-update`);
  await page.getByRole("button", { name: "Keep this draft for the client to approve" }).click();
  await saved(app, "Kept the draft");
  await page.getByLabel("Your full name").fill("Someone Else");
  await page.getByRole("button", { name: "I approve this update" }).click();
  await expect(page.locator("#approval_name-error")).toBeVisible();
  expect(await app.accessibilityViolations(), "sponsor update with a kept draft and an error").toEqual([]);

  await app.open(`/engagements/${id}/summary`);
  await expect(page.locator("article.summary")).toContainText("I can say no");
  expect(await app.accessibilityViolations(), "engagement summary").toEqual([]);
});
