// End-to-end: building, proposing, agreeing (through exported and imported files, as
// three people on three devices would), freezing, re-contracting and printing a
// three-way contract, in the release build.
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm, ContractPage } from "./fixtures.mjs";
import { addDays } from "./clock.mjs";
import { pdfPageTexts } from "./pdf.mjs";

async function createThreeWayEngagement(page) {
  const app = new App(page);
  const form = new EngagementForm(page);
  await app.open("/engagements/new");
  await form.fill({ client: "Ada Lovelace", practitioner: "Sam Lee", kind: "Coaching" });
  await page.getByLabel("Practitioner's accreditation").selectOption("icf_pcc");
  await page.getByLabel("Organisation").fill("Northwind");
  await page.getByLabel("Contact person").fill("Jo Park");
  await page.getByLabel("Contact's role").fill("Head of Learning");
  await form.submit();
  await expect(app.heading()).toHaveText("Ada Lovelace");
  return app;
}

/** A two-way coaching engagement for `client`, and its draft contract from `template`. */
async function coachingDraft(page, client, template = "Individual coaching (ICF-style)") {
  const app = new App(page);
  const form = new EngagementForm(page);
  const contract = new ContractPage(page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching" });
  await form.submit();
  await expect(app.heading()).toHaveText(client);
  await contract.startFromTemplate(template);
  return { app, contract };
}

/** A fresh browser profile: another person's own copy of the app. */
async function otherDevice(browser, baseURL) {
  const context = await newContext(browser, { baseURL, acceptDownloads: true });
  const page = await context.newPage();
  return { context, page, app: new App(page), contract: new ContractPage(page) };
}

/** Opens a proposal for an engagement new on `device`, as the person named `as`. */
async function openProposal(device, path, as) {
  await device.contract.openProposal(path, { as });
  await expect(device.page.getByRole("heading", { level: 1 })).toHaveText("Contract with Ada Lovelace");
}

test("a three-way contract goes from template to agreed by all three through files, then is re-contracted", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const app = await createThreeWayEngagement(page);
  const contract = new ContractPage(page);

  // Build from the three-way template; the check starts with what is missing.
  await contract.startFromTemplate("Three-way sponsored executive coaching");
  await expect(contract.status).toHaveText("Draft");
  await expect(contract.check).toContainText("No goals agreed yet (element 4)");
  await expect(contract.check).toContainText("Missing");
  await expect(contract.proposeButton()).toBeDisabled();
  expect(await app.accessibilityViolations(), "builder").toEqual([]);

  // Bad input is refused with a message, and nothing is saved. The dates count from the
  // start date the builder offers (whatever day that is).
  const start = await page.getByLabel("Start date").inputValue();
  expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByLabel("End date").fill(addDays(start, -1));
  await contract.saveDraft();
  await expect(page.getByRole("alert").filter({ hasText: "Please check this form" })).toContainText("is before the start date");
  await page.getByLabel("End date").fill(addDays(start, 115));
  await page.getByLabel("Number of sessions").fill("0");
  await contract.saveDraft();
  await expect(page.locator("#session_count-error")).toHaveText("The number of sessions must be between 1 and 500.");
  await page.getByLabel("Number of sessions").fill("6");

  // Fill what is missing: the check goes clean of missing elements.
  await contract.addGoal("Lead the merged team with confidence", "Team pulse survey at 4/5 or above by March");
  await page.getByLabel("Fee per session").fill("250");
  await expect(contract.check).toContainText("Nothing missing: ready to propose.");
  await expect(contract.check).not.toContainText("No goals agreed yet");
  await contract.saveDraft();
  await expect(app.toast).toContainText("Saved the draft contract.");
  await app.reload();
  await expect(page.locator("#goal_0_description")).toHaveValue("Lead the merged team with confidence");

  // Propose: the version is frozen and waits for three agreements.
  await contract.proposeButton().click();
  await expect(contract.status).toHaveText("Proposed");
  await expect(page.locator(".signatures__awaiting")).toHaveCount(3);
  await expect(page.locator(".document")).toContainText("250 GBP per session");
  await expect(page.getByLabel("Fee per session")).toHaveCount(0);
  expect(await app.accessibilityViolations(), "proposed contract").toEqual([]);

  // The coach agrees here. The full name is required, and labelled so; an empty or wrong
  // name is refused first.
  await page.getByRole("button", { name: /^Agree as coach/ }).click();
  const coachForm = page.getByRole("form", { name: "Agree as coach" });
  await expect(coachForm.locator("label", { hasText: "Your full name" })).toHaveText("Your full name");
  await expect(coachForm.getByLabel("Your full name")).toHaveAttribute("aria-required", "true");
  await coachForm.getByLabel(/limits of confidentiality/).check();
  await coachForm.getByLabel(/reported to the sponsor/).check();
  await coachForm.getByRole("button", { name: "I agree to version 1" }).click();
  const refusal = coachForm.getByRole("alert");
  await expect(refusal).toContainText("Type the full name exactly as it appears in the contract: Sam Lee.");
  await expect(contract.signatureRow("Coach")).toContainText("Awaiting");
  await coachForm.getByLabel("Your full name").fill("Sam");
  await coachForm.getByRole("button", { name: "I agree to version 1" }).click();
  await expect(refusal).toContainText("Type the full name exactly as it appears in the contract: Sam Lee.");
  await coachForm.getByLabel("Your full name").fill("Sam Lee");
  await coachForm.getByRole("button", { name: "I agree to version 1" }).click();
  await expect(contract.signatureRow("Coach")).not.toContainText("Awaiting");
  const proposal = await contract.download("Download the proposal file");

  // Damaged and altered files are refused; nothing changes.
  const proposalText = await readFile(proposal, "utf8");
  const truncated = `${proposal}.truncated.json`;
  await writeFile(truncated, proposalText.slice(0, 200));
  await contract.addAgreementFile(truncated);
  await expect(page.getByRole("alert").filter({ hasText: "incomplete or damaged" })).toBeVisible();
  await expect(page.locator(".signatures__awaiting")).toHaveCount(2);

  // The client, on their own device, opens the proposal and agrees.
  const client = await otherDevice(browser, baseURL);
  await openProposal(client, proposal, "Ada Lovelace");
  await expect(client.contract.signatureRow("Coach")).not.toContainText("Awaiting");
  await client.contract.agreeAs("client", "Ada Lovelace");
  await expect(client.contract.signatureRow("Client")).not.toContainText("Awaiting");
  const clientAgreement = await client.contract.download(/agreement of the client/);

  // A tampered copy of the client's agreement is refused.
  const tampered = `${clientAgreement}.tampered.json`;
  const agreement = JSON.parse(await readFile(clientAgreement, "utf8"));
  agreement.contract_hash = "0".repeat(64);
  agreement.agreement.contract_hash = "0".repeat(64);
  await writeFile(tampered, JSON.stringify(agreement));
  await contract.addAgreementFile(tampered);
  await expect(page.getByRole("alert").filter({ hasText: "does not match version 1" })).toBeVisible();

  // The sponsor does the same on theirs.
  const sponsor = await otherDevice(browser, baseURL);
  await openProposal(sponsor, proposal, "Jo Park");
  await sponsor.contract.agreeAs("sponsor", "Jo Park");
  const sponsorAgreement = await sponsor.contract.download(/agreement of the sponsor/);

  // Back with the coach: both agreements come in and the contract is agreed and frozen.
  await contract.addAgreementFile(clientAgreement);
  await expect(contract.signatureRow("Client")).not.toContainText("Awaiting");
  await contract.addAgreementFile(sponsorAgreement);
  await expect(contract.status).toHaveText("Agreed");
  await expect(page.getByRole("heading", { name: "Agreed by every party" })).toBeVisible();
  await expect(page.locator("textarea, input[type=number]")).toHaveCount(0);
  await client.context.close();
  await sponsor.context.close();

  // Re-contract one clause; the new version needs everyone again; the diff shows it.
  await page.getByRole("button", { name: "Change the contract (new version)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contract with Ada Lovelace");
  await expect(contract.status).toHaveText("Draft");
  await page.getByText("7. Cancellation and rescheduling").click();
  await page.locator("#clause_7_text").fill("Please give {{notice_period}} notice to move a session. A later cancellation {{late_cancellation}}.");
  await contract.proposeButton().click();
  await expect(contract.status).toHaveText("Proposed");
  await contract.agreeAs("client", "Ada Lovelace");
  await contract.agreeAs("coach", "Sam Lee");
  await contract.agreeAs("sponsor", "Jo Park");
  await expect(contract.status).toHaveText("Agreed");
  await page.getByRole("link", { name: "Version 1 (superseded)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contract version 1");
  await page.getByRole("link", { name: "Version 2 (agreed)" }).click();
  const changes = page.getByRole("region", { name: "What changed from version 1" });
  await expect(changes).toContainText("7. Cancelling or moving a session");
  await expect(changes.locator("ins").first()).toBeVisible();
  await expect(changes.locator("del").first()).toBeVisible();

  // The print view carries the version and the fingerprint, on every printed page.
  await page.getByRole("link", { name: "Print" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coaching contract: Ada Lovelace");
  await expect(page.locator(".print-page__footer")).toContainText(/Version 2 · SHA-256 [0-9a-f]{64}/);
  const hash = (await page.locator(".print-page__footer").textContent()).match(/[0-9a-f]{64}/)[0];
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await page.screenshot({ path: test.info().outputPath("contract-print.png"), fullPage: true });
  for (const format of ["A4", "Letter"]) {
    const pages = await pdfPageTexts(await page.pdf({ format, margin: { top: "15mm", right: "15mm", bottom: "15mm", left: "15mm" } }));
    expect(pages.length, `${format}: a contract of several pages`).toBeGreaterThan(2);
    pages.forEach((text, index) => {
      const compact = text.replace(/\s+/g, "");
      expect(compact, `${format}, page ${index + 1} of ${pages.length}: version and fingerprint`).toContain(`Version2·SHA-256${hash}`);
    });
  }
});

test("a proposal file that was altered is refused when opened", async ({ page }) => {
  const app = await createThreeWayEngagement(page);
  const contract = new ContractPage(page);
  await contract.startFromTemplate("Three-way sponsored executive coaching");
  await contract.addGoal("Lead the merged team", "Survey at 4/5");
  await page.getByLabel("Fee per session").fill("250");
  await contract.proposeButton().click();
  await expect(contract.status).toHaveText("Proposed");
  const proposal = await contract.download("Download the proposal file");
  const altered = `${proposal}.altered.json`;
  await writeFile(altered, (await readFile(proposal, "utf8")).replace("\"fee_per_session\": 250", "\"fee_per_session\": 25"));
  await app.open("/open");
  await page.locator("#proposal-file").setInputFiles(altered);
  await expect(page.getByRole("alert")).toContainText("does not match version 1");
  await expect(app.heading()).toHaveText("Open a proposal");
});

test("each finding of the contract check takes focus to the field or clause that fixes it", async ({ page }) => {
  test.setTimeout(60_000);
  const { app, contract } = await coachingDraft(page, "Ada Lovelace");

  // By keyboard: the link to a missing element, then Enter, lands on what adds it.
  await contract.finding("No goals agreed yet (element 4)").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Add a goal" })).toBeFocused();

  // A value: the field itself.
  await page.locator("#start_date").fill("");
  await contract.finding("No start date given (element 5)").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#start_date")).toBeFocused();

  // A clause, folded away in the long builder: it opens, and its text has focus, in view.
  await page.getByText("7. Cancellation and rescheduling").click();
  await page.locator("#clause_7_text").fill("");
  await page.getByText("7. Cancellation and rescheduling").click();
  await expect(page.locator("#clause_7_text")).toBeHidden();
  await contract.finding("No clause about cancelling or moving a session (element 7)").click();
  await expect(page.locator("#clause_7_text")).toBeFocused();
  await expect(page.locator("#clause_7_text")).toBeInViewport();
  expect(await app.accessibilityViolations(), "builder with a clause opened from the check").toEqual([]);

  // A tick box of the builder.
  await page.getByLabel("End review").uncheck();
  await contract.finding("No end review planned (element 13)").click();
  await expect(page.getByLabel("End review")).toBeFocused();

  // The accreditation is in the engagement's details: the draft is saved first, then they open.
  await expect(contract.check).toContainText("In the engagement's details: the draft is saved first.");
  await contract.finding("No accreditation recorded for the coach (element 1)").click();
  await expect(app.toast).toContainText("Saved the draft contract.");
  await expect(app.heading()).toHaveText("Edit the engagement with Ada Lovelace");
  await expect(page.getByLabel("Practitioner's accreditation")).toBeVisible();
  await page.goBack();
  await expect(contract.check).toBeVisible();
  await expect(page.locator("#start_date")).toHaveValue("");
});

test("the clauses can be kept as one's own template: a name is needed, the form must be sound, and the template is offered for the next contract", async ({ page }) => {
  test.setTimeout(60_000);
  const { app } = await coachingDraft(page, "Ada Lovelace");

  await page.getByText("Save these clauses as my own template").click();
  const name = page.getByLabel("Template name");
  const save = page.getByRole("button", { name: "Save template" });

  // No name: said next to the field, nothing saved.
  await save.click();
  await expect(page.locator("#title-error")).toHaveText("Enter the template name.");
  await expect(name).toHaveAttribute("aria-invalid", "true");

  // A form with problems is not kept as a template.
  await page.getByLabel("Number of sessions").fill("0");
  await name.fill("My reviewed clauses");
  await save.click();
  await expect(page.locator("#title-error")).toHaveText("Fix the problems in the form first.");

  // Sound form and a name: kept, said so, and the name field is ready for another. The
  // draft's own unsaved change stays in the form.
  await page.getByLabel("Number of sessions").fill("8");
  await save.click();
  await expect(app.toast).toContainText("Saved “My reviewed clauses” as one of your templates.");
  await expect(name).toHaveValue("");
  await expect(page.locator("#title-error")).toBeHidden();
  await expect(page.getByLabel("Number of sessions")).toHaveValue("8");

  // The next engagement's contract can start from it.
  await coachingDraft(page, "Grace Hopper", "My reviewed clauses");
  await expect(page.getByText("Version 1 · from the template “My reviewed clauses”")).toBeVisible();
});
