// End-to-end drills for restoring and merging from files: storage lost and restored from
// a backup (export → import → export gives the same data), a conflict the person decides,
// and files that are refused with nothing changed.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, newContext, App, EngagementForm } from "./fixtures.mjs";

async function createEngagement(app, client, title = "") {
  const form = new EngagementForm(app.page);
  await app.open("/engagements/new");
  await form.fill({ client, practitioner: "Sam Lee", kind: "Coaching", title });
  await form.submit();
  await expect(app.heading()).toHaveText(client);
}

async function downloadBackup(page) {
  const app = new App(page);
  await app.open("/data");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a backup" }).click();
  const path = await (await downloading).path();
  return { path, text: await readFile(path, "utf8") };
}

async function chooseFile(page, path) {
  await page.getByLabel("Backup or relationship file").setInputFiles(path);
}

test("storage lost: a backup restores everything, and exporting again gives the same data", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const app = new App(page);
  await createEngagement(app, "Ada Lovelace", "Board readiness");
  await createEngagement(app, "Grace Hopper");
  const original = await downloadBackup(page);

  // A fresh browser profile: as if this site's data had been cleared.
  const context = await newContext(browser, { baseURL: testInfo.project.use.baseURL });
  const fresh = await context.newPage();
  const restored = new App(fresh);
  await restored.open("/data");
  await chooseFile(fresh, original.path);
  const preview = fresh.getByRole("region", { name: "What the file holds" });
  await expect(preview).toContainText("A backup of everything");
  await expect(preview).toContainText("Ada Lovelace, Grace Hopper");
  await expect(preview).toContainText("2 new.");
  await fresh.getByRole("button", { name: "Import" }).click();
  await expect(restored.toast).toContainText("2 records written");
  await restored.open();
  await expect(fresh.getByRole("link", { name: "Ada Lovelace", exact: true })).toBeVisible();
  await expect(fresh.getByRole("link", { name: "Grace Hopper", exact: true })).toBeVisible();

  const again = await downloadBackup(fresh);
  const [before, after] = [JSON.parse(original.text), JSON.parse(again.text)];
  expect(JSON.stringify(after.data)).toBe(JSON.stringify(before.data));
  expect(after.checksum).toBe(before.checksum);

  // Importing the same file again changes nothing.
  await restored.open("/data");
  await chooseFile(fresh, original.path);
  await expect(fresh.getByRole("region", { name: "What the file holds" })).toContainText("2 unchanged.");
  await expect(fresh.getByRole("button", { name: "Import" })).toBeDisabled();
  await context.close();
});

test("a conflict is shown and the person decides which copy to keep", async ({ page }, testInfo) => {
  const app = new App(page);
  await createEngagement(app, "Ada Lovelace", "Board readiness");
  const { text } = await downloadBackup(page);

  // The same record, at the same revision, changed differently in the file.
  const file = JSON.parse(text);
  file.data.engagements[0].data.title = "Moving into research leadership";
  file.checksum = createHash("sha256").update(JSON.stringify(file.data)).digest("hex");
  const changed = testInfo.outputPath("changed.json");
  await writeFile(changed, JSON.stringify(file, null, 2));

  await chooseFile(page, changed);
  const preview = page.getByRole("region", { name: "What the file holds" });
  await expect(preview).toContainText("1 conflict");
  const importButton = page.getByRole("button", { name: "Import" });
  await expect(importButton).toBeDisabled();
  await preview.getByLabel("Take the file's").check();
  await importButton.click();
  await expect(app.toast).toContainText("1 record written");
  await app.open();
  await expect(page.getByText("Moving into research leadership")).toBeVisible();
});

test("damaged, foreign and unreadable files are refused with a clear message and nothing changes", async ({ page }, testInfo) => {
  const app = new App(page);
  await createEngagement(app, "Ada Lovelace");
  const { text } = await downloadBackup(page);
  const cases = [
    ["not-json.json", "this is not a backup", "could not be read"],
    ["foreign.json", JSON.stringify({ format: "something-else" }), "not an Accord backup"],
    ["tampered.json", text.replace("Ada Lovelace", "Ada Byron"), "do not match its checksum"],
  ];
  for (const [name, content, message] of cases) {
    const path = testInfo.outputPath(name);
    await writeFile(path, content);
    await chooseFile(page, path);
    await expect(page.getByRole("alert")).toContainText(message);
    await expect(page.getByRole("region", { name: "What the file holds" })).toHaveCount(0);
  }
  await app.open();
  await expect(page.getByRole("link", { name: "Ada Lovelace", exact: true })).toBeVisible();
  await expect(page.getByText("Ada Byron")).toHaveCount(0);
});
