// Takes screenshots of every screen at phone (390 px) and desktop (1280 px) widths,
// from the release build in dist/. Usage: node scripts/screenshots.mjs [out-folder]
import { chromium } from "playwright";
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/tools/chromium.mjs";

const out = process.argv[2] || "screenshots";
const port = 8739;
const base = `http://127.0.0.1:${port}/`;
await mkdir(out, { recursive: true });
const server = spawn("node", ["tests/e2e/serve.mjs", "dist", String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

const people = [
  ["Ada Lovelace", "Sam Lee", "mentoring", "Board readiness"],
  ["Grace Hopper", "Sam Lee", "coaching", "First-time manager"],
  ["Alan Turing", "Priya Natarajan", "coaching", ""],
  ["Katherine Johnson", "Sam Lee", "mentoring", "Moving into research leadership"],
];

async function ready(page) {
  await page.waitForSelector("#boot-status", { state: "detached" });
  await page.waitForSelector("h1");
}

async function create(page, [client, practitioner, kind, title]) {
  await page.goto(`${base}#/engagements/new`);
  await ready(page);
  await page.fill("#client_name", client);
  await page.fill("#practitioner_name", practitioner);
  await page.check(kind === "coaching" ? "#kind" : "#kind-mentoring");
  await page.fill("#title", title);
  await page.click("button[type=submit]");
  await page.waitForSelector(".page-header h1");
}

for (const [label, width] of [["narrow", 390], ["wide", 1280]]) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shot = async (name) => {
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: true });
  };
  await page.goto(base);
  await ready(page);
  await shot("01-empty-list");
  await page.goto(`${base}#/engagements/new`);
  await ready(page);
  await shot("02-new-form");
  await page.fill("#client_name", "   ");
  await page.fill("#title", "x".repeat(130));
  await page.click("button[type=submit]");
  await shot("03-form-errors");
  for (const person of people) await create(page, person);
  await shot("04-engagement");
  await page.click("text=Delete");
  await shot("05-delete-dialog");
  await page.click("text=Delete engagement");
  await page.waitForSelector(".toast");
  await shot("06-list-with-undo");
  await page.goto(`${base}#/data`);
  await ready(page);
  await shot("07-your-data");

  // A three-way contract: builder with its check, proposed, agreed, print.
  await page.goto(`${base}#/engagements/new`);
  await ready(page);
  await page.fill("#client_name", "Priya Raman");
  await page.fill("#practitioner_name", "Sam Lee");
  await page.check("#kind");
  await page.selectOption("#accreditation", "icf_pcc");
  await page.fill("#sponsor_organisation", "Northwind Trading");
  await page.fill("#sponsor_contact", "Jo Park");
  await page.click("button[type=submit]");
  await page.waitForSelector(".page-header h1");
  await shot("08-engagement-with-sponsor");
  await page.click("text=Start the contract");
  await page.waitForSelector("text=Start from this template");
  await shot("09-template-chooser");
  await page.click("text=Start from this template");
  await page.waitForSelector(".lint");
  await shot("10-contract-builder");
  // Keeping the clauses as a template without a name: the problem shows beside the name.
  await page.click("text=Save these clauses as my own template");
  await page.click("text=Save template");
  await page.waitForSelector("#title-error:not([hidden])");
  await page.locator(".builder__template").scrollIntoViewIfNeeded();
  await page.waitForTimeout(150);
  await page.screenshot({ path: `${out}/10b-template-name-missing-${label}.png` });
  await page.click("text=Save these clauses as my own template");
  await page.click("text=Add a goal");
  await page.fill("#goal_0_description", "Lead the merged team with confidence");
  await page.fill("#goal_0_measure", "Team pulse survey at 4/5 or above by March");
  await page.fill("#fee", "250");
  await page.click("text=Propose to every party");
  await page.waitForSelector(".signatures");
  await shot("11-contract-proposed");
  for (const [role, name] of [["client", "Priya Raman"], ["coach", "Sam Lee"], ["sponsor", "Jo Park"]]) {
    await page.click(`text=Agree as ${role}`);
    const form = page.getByRole("form", { name: `Agree as ${role}` });
    await form.getByLabel("Your full name").fill(name);
    await form.getByLabel(/limits of confidentiality/).check();
    await form.getByLabel(/reported to the sponsor/).check();
    await form.getByRole("button", { name: /I agree/ }).click();
    await page.waitForTimeout(300);
  }
  await page.waitForSelector("text=Agreed by every party");
  await shot("12-contract-agreed");
  await page.click("text=Print or save as PDF");
  await page.waitForSelector(".print-page");
  await page.emulateMedia({ media: "print" });
  await shot("13-contract-print");
  await page.emulateMedia({ media: "screen" });

  // Goals for the same engagement: bring in the contract's goal, scale it, score it.
  await page.click("text=← The contract");
  await page.waitForSelector(".page-header h1");
  await page.click("text=← Priya Raman");
  await page.click("text=Open the goals");
  await page.waitForSelector("text=Bring in the contract's goals");
  await page.click("text=Bring in the contract's goals");
  await page.waitForSelector(".card__link");
  await page.click(".card__link");
  await page.waitForSelector("text=Edit the goal");
  await page.click("text=Edit the goal");
  await page.fill("#goal_why", "The merged team needs one clear leader.");
  await page.fill("#goal_target_date", "2027-02-15");
  await page.fill("#gas_minus_1", "Survey below 3.5");
  await page.fill("#gas_0", "Survey at 4/5");
  await page.fill("#gas_plus_1", "Survey above 4.3");
  await page.selectOption("#goal_visibility", "sponsor_visible");
  await shot("14-goal-editor");
  await page.click("text=Save the goal");
  await page.waitForSelector("text=Score this goal");
  for (const [point, score] of [["baseline", "-1"], ["mid_point", "0"]]) {
    await page.selectOption("#score_point", point);
    await page.selectOption("#score_value", score);
    await page.click("text=Save the score");
    await page.waitForTimeout(400);
  }
  await page.fill("#judged_percent", "40");
  await page.fill("#entry_comment", "Two of five team rituals now led by others");
  await page.click("text=Record progress");
  await page.waitForTimeout(400);
  await page.fill("#item_title", "Hold one-to-ones with each direct report");
  await page.fill("#item_due", "2026-11-01");
  await page.click("form[aria-label='Add a milestone or action'] button[type=submit]");
  await page.waitForTimeout(400);
  await shot("15-goal");
  await page.click("text=← All goals");
  await page.waitForSelector(".gas-overview");
  await shot("16-goals");
  await page.goto(base);
  await ready(page);
  await shot("17-dashboard");

  // Sessions of the three-way engagement: plan the series, run session 1, open session 2.
  await page.getByRole("link", { name: "Priya Raman", exact: true }).click();
  await page.click("text=Open the sessions");
  await page.waitForSelector("text=Plan the series");
  await page.click("form[aria-label='Plan the series'] button[type=submit]");
  await page.waitForSelector(".sessions");
  await shot("18-sessions");
  await page.click(".sessions__link >> nth=1");
  await page.waitForSelector("#theme_what");
  await page.fill("#theme_what", "Leading the first merged team meeting");
  await page.fill("#theme_why", "It is on Monday and half the team are new to me.");
  await page.click("text=Add the theme");
  await page.waitForTimeout(400);
  await page.fill("#theme_what", "Delegating the budget report");
  await page.click("text=Add the theme");
  await page.waitForTimeout(400);
  await page.fill("#agreement_want", "A plan for Monday's meeting");
  await page.fill("#agreement_how_know", "I can say the first three things I will do");
  await page.click("text=Save the agreement");
  await page.waitForTimeout(400);
  await page.fill("#note_shared", "Agreed to open Monday's meeting with a round of introductions.");
  await page.fill("#note_practitioner_private", "Energy dropped when the old team came up.");
  await page.click("text=Save the notes");
  await page.waitForTimeout(400);
  await page.fill("#action_title", "Open the meeting with introductions");
  await page.selectOption("#action_goal", { index: 1 });
  await page.fill("#action_due", "2026-12-07");
  await page.click("text=Add the action");
  await page.waitForTimeout(400);
  await page.fill("#action_title", "Notice when I interrupt");
  await page.click("text=Add the action");
  await page.waitForTimeout(400);
  await shot("19-session");
  await page.click("text=← Sessions");
  await page.waitForSelector(".sessions");
  await page.click(".sessions__link >> nth=2");
  await page.waitForSelector("text=Actions from last time");
  await page.check("input[type=radio][value=done] >> nth=0");
  await page.fill("textarea[id$='-learned'] >> nth=0", "Introductions took ten minutes and set a good tone.");
  await page.click("text=Save the review >> nth=0");
  await page.waitForTimeout(400);
  await shot("20-session-review");

  // A mentoring engagement: journey and signposting.
  await page.goto(base);
  await ready(page);
  await page.getByRole("link", { name: "Ada Lovelace", exact: true }).click();
  await page.click("text=Open the sessions");
  await page.waitForSelector("text=Signposting register");
  await page.selectOption("#phase", "direction_setting");
  await page.click("text=Set the phase");
  await page.waitForTimeout(400);
  await page.selectOption("#signpost_kind", "reading");
  await page.fill("#signpost_title", "The Mentee's Guide");
  await page.fill("#signpost_detail", "Lois Zachary, chapter 3");
  await page.click("text=Add to the register");
  await page.waitForTimeout(400);
  await shot("21-sessions-mentoring");

  // Restoring from a file: the preview of what it holds and what would happen.
  await page.goto(`${base}#/data`);
  await ready(page);
  const downloading = page.waitForEvent("download");
  await page.click("button:has-text(\"Download a backup\")");
  const backupPath = await (await downloading).path();
  await page.setInputFiles("#import-file", backupPath);
  await page.waitForSelector(".import-preview");
  await shot("22-import-preview");

  // Retention: notes kept for 0 months fall due the day Alan Turing's coaching ends; the
  // home screen lists them, disposal asks, and the page then shows what stays. Erasing
  // Grace Hopper (still in progress) asks twice; an older backup then asks too.
  await page.click("text=Cancel");
  await page.goto(base);
  await ready(page);
  await page.getByRole("link", { name: "Alan Turing", exact: true }).click();
  await page.click("text=Start the contract");
  await page.getByRole("radio", { name: "Individual coaching (ICF-style)" }).check();
  await page.click("text=Start from this template");
  await page.fill("#retention_months", "0");
  await page.click("text=Save draft");
  await page.waitForTimeout(400);
  await page.goto(base);
  await ready(page);
  await page.getByRole("link", { name: "Alan Turing", exact: true }).click();
  await page.click("text=Open the sessions");
  await page.locator("summary", { hasText: "End the engagement" }).click();
  await page.fill("#ending_date", new Date().toLocaleDateString("sv"));
  await page.selectOption("#ending_outcome", "completed");
  await page.fill("#ending_summary", "Settled into the new role; no further sessions needed.");
  await page.click("form[aria-label='End the engagement'] button[type=submit]");
  await page.waitForTimeout(400);
  await page.goto(base);
  await ready(page);
  await page.waitForSelector("text=Notes due for disposal");
  await shot("27-home-disposal-due");
  await page.getByRole("link", { name: "Alan Turing", exact: true }).first().click();
  await page.waitForSelector("text=Keeping and disposing of data");
  await page.locator("#retention-title").scrollIntoViewIfNeeded();
  await shot("28-retention-due");
  await page.click("button:has-text(\"Dispose of the notes\")");
  await shot("29-dispose-dialog");
  await page.locator("dialog[open] button.button--danger").click();
  await page.waitForSelector("text=Notes disposed of on");
  await shot("30-disposed-engagement");
  await page.goto(base);
  await ready(page);
  await page.getByRole("link", { name: "Grace Hopper", exact: true }).click();
  await page.click("button:has-text(\"Erase everything about this client\")");
  await shot("31-erase-in-progress");
  await page.click("text=Yes, erase it although it is in progress");
  await shot("32-erase-confirm");
  await page.click("text=Erase for good");
  await page.waitForSelector("text=Erased everything about Grace Hopper");
  await page.goto(`${base}#/data`);
  await ready(page);
  await page.waitForSelector("#data-log-title");
  await page.locator("#data-log-title").scrollIntoViewIfNeeded();
  await shot("33-data-log");
  await page.setInputFiles("#import-file", backupPath);
  await page.waitForSelector(".import-erased");
  await page.locator(".import-erased").scrollIntoViewIfNeeded();
  await shot("34-import-erased");

  // Passphrase protection: the panel, a refused passphrase, protection on, the unlock
  // screen, an encrypted backup and opening it.
  await page.click("text=Cancel");
  await page.fill("#new_passphrase", "short");
  await page.fill("#new_passphrase_again", "short");
  await page.click("text=Protect my data");
  await page.waitForSelector("#new_passphrase-error:not([hidden])");
  await page.locator("#protection-title").scrollIntoViewIfNeeded();
  await shot("23-protection-refused");
  await page.fill("#new_passphrase", "river stone lantern");
  await page.fill("#new_passphrase_again", "river stone lantern");
  await page.click("text=Protect my data");
  await page.waitForSelector("text=Lock now");
  await page.check("#backup-encrypt");
  await page.fill("#backup_passphrase", "river stone lantern");
  await shot("24-protection-on");
  await page.click("text=Lock now");
  await page.waitForSelector("#passphrase");
  await page.fill("#passphrase", "wrong passphrase");
  await page.click("button[type=submit]");
  await page.waitForSelector("#passphrase-error:not([hidden])");
  await shot("25-unlock");
  await page.fill("#passphrase", "river stone lantern");
  await page.click("button[type=submit]");
  await page.waitForSelector("text=Lock now");
  await page.fill("#backup_passphrase", "river stone lantern");
  await page.fill("#backup_passphrase_again", "river stone lantern");
  const sealedDownload = page.waitForEvent("download");
  await page.click("text=Download an encrypted backup");
  const sealedPath = await (await sealedDownload).path();
  await page.setInputFiles("#import-file", sealedPath);
  await page.waitForSelector("#file_passphrase");
  await page.locator("#import-title").scrollIntoViewIfNeeded();
  await shot("26-import-encrypted");
  await context.close();
}
await browser.close();
server.kill();
console.log(`Screenshots in ${out}/`);
