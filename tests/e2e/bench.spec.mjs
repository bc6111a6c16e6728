// Keeps the performance benchmark (bench/run.mjs, run by scripts/bench) from rotting: runs
// it on a tiny data set against the release build in dist/ and checks that it writes a
// well-formed results file with every section. Speed goals are not asserted here.
//
// The harness starts a browser of its own, on the real clock even when the tests' clock is
// fixed (ACCORD_TEST_NOW, tests/e2e/clock.mjs): its seed data carry fixed dates
// (examples/bench_seed.rs) and nothing checked here depends on the day; and Playwright's
// clock would replace the performance timeline the harness measures (under it,
// `performance.getEntriesByType` returns nothing).
//
// BENCH_LIGHTHOUSE=1 adds --lighthouse (it installs lighthouse@12.2.3 if missing and takes
// a few minutes more); without it the Lighthouse section must say it was skipped.
import { test, expect } from "./fixtures.mjs";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The harness's own server, beside the tests' (E2E_PORT lets copies run side by side).
const benchPort = Number(process.env.E2E_PORT || 8738) + 21;
const withLighthouse = process.env.BENCH_LIGHTHOUSE === "1";

test("the benchmark harness runs on a tiny data set and reports every section", async () => {
  test.setTimeout(withLighthouse ? 480_000 : 180_000);
  const folder = mkdtempSync(join(tmpdir(), "accord-bench-test-"));
  const out = join(folder, "results.json");
  try {
    const output = [];
    const code = await new Promise((resolve) => {
      const args = ["bench/run.mjs", "--small", "--port", String(benchPort), "--out", out, "--data", join(folder, "data"), ...(withLighthouse ? ["--lighthouse"] : [])];
      const run = spawn(process.execPath, args, {
        stdio: ["ignore", "pipe", "pipe"],
      });
      run.stdout.on("data", (c) => output.push(String(c)));
      run.stderr.on("data", (c) => output.push(String(c)));
      run.on("exit", resolve);
    });
    expect(code, output.join("")).toBe(0);
    expect(output.join("")).toContain("Transfer total");

    const r = JSON.parse(readFileSync(out, "utf8"));
    for (const section of ["meta", "transfer", "startup", "storage", "edits", "rendering", "memory", "lighthouse"]) {
      expect(r, `section ${section}`).toHaveProperty(section);
    }
    const positive = (x, what) => expect(x, what).toBeGreaterThan(0);

    // 1. Transfer: every kind the first load fetches, raw / gzip / brotli.
    for (const kind of ["wasm", "js", "css", "html"]) {
      positive(r.transfer.kinds[kind].raw, `${kind} raw`);
      positive(r.transfer.kinds[kind].brotli, `${kind} brotli`);
      expect(r.transfer.kinds[kind].brotli).toBeLessThanOrEqual(r.transfer.kinds[kind].raw);
    }
    expect(r.transfer.total.brotli).toBeLessThan(r.transfer.total.gzip);
    expect(typeof r.transfer.meets_goal).toBe("boolean");

    // 2. Start-up, cold and warm, with the seeded engagements on screen.
    for (const db of ["engagements_50", "all_records"]) {
      for (const mode of ["cold", "warm"]) {
        const s = r.startup[db][mode];
        positive(s.first_paint_ms.median, `${db} ${mode} first paint`);
        positive(s.dashboard_list_ms.median, `${db} ${mode} list`);
        expect(s.dashboard_list_ms.median).toBeGreaterThanOrEqual(s.first_paint_ms.median);
        expect(s.cards).toBe(r.meta.data.startup.counts.engagements);
      }
    }

    // 3. Storage: the app's strict import transaction wrote every record; ratios computed.
    expect(r.storage.records).toBe(r.meta.data.full.records);
    expect(r.storage.write.app_requests).toBeGreaterThanOrEqual(r.storage.records);
    expect(r.storage.write.app_durability).toBe("strict");
    for (const x of [r.storage.write.app_import_transaction_ms, r.storage.write.raw_one_transaction_ms, r.storage.write.ratio_transaction,
      r.storage.read.app_open_your_data_ms.median, r.storage.read.raw_get_all_ms.median, r.storage.read.ratio_open_your_data]) positive(x, "storage figure");
    // Opening Your data with no backup made reads every record in one transaction: found in every run.
    for (const x of r.storage.read.app_read_transaction_ms.runs) positive(x, "Your data's read-everything transaction");

    // 4. Edits: strict durability, percentiles.
    expect(r.edits.durability).toBe("strict");
    positive(r.edits.click_to_saved_notice_ms.p50, "edit p50");
    expect(r.edits.click_to_saved_notice_ms.p95).toBeGreaterThanOrEqual(r.edits.click_to_saved_notice_ms.p50);

    // 5. Rendering: the same rows in the app and in the vanilla page.
    expect(r.rendering.sessions_list.rows).toBe(r.meta.data.full.big_sessions);
    expect(r.rendering.goal_view.entries).toBe(r.meta.data.full.goal_entries);
    positive(r.rendering.sessions_list.ratio, "sessions ratio");
    positive(r.rendering.goal_view.ratio, "goal ratio");
    expect(r.rendering.metric_goal_view.points).toBe(r.meta.data.full.goal_entries);

    // 6. Memory: JS heap and wasm memory, empty (home screen) and loaded (the sessions list
    // and the goal above, opened in one page after the home screen, every row shown).
    expect(r.memory).toHaveLength(2);
    const [empty, loaded] = r.memory;
    expect(empty.state).toContain("empty database");
    expect(empty.opened.map((o) => o.screen)).toEqual(["home screen"]);
    const { big_engagement: engagement, judged_goal: goal, big_sessions: sessions, goal_entries: entries, records } = r.meta.data.full;
    const n = (x) => x.toLocaleString("en-US");
    expect(loaded.state).toBe(`after opening the home screen, the ${n(sessions)}-session list and the ${n(entries)}-entry goal (${n(records)} records)`);
    expect(loaded.opened).toEqual([
      { screen: "home screen", hash: "#/" },
      { screen: `${n(sessions)}-session list`, hash: `#/engagements/${engagement}/sessions`, rows: sessions },
      { screen: `goal with ${n(entries)} judged entries`, hash: `#/engagements/${engagement}/goals/${goal}`, rows: entries },
    ]);
    for (const m of r.memory) {
      positive(m.js_heap_used_bytes, "JS heap");
      positive(m.wasm_memory_bytes, "wasm memory");
      expect(output.join("")).toContain(`Memory ${m.state}: JS heap / wasm memory`);
    }

    // 7. Lighthouse: two pages, mobile, default (simulated) throttling; or skipped.
    if (withLighthouse) {
      expect(r.lighthouse.version).toBe("12.2.3");
      expect(r.lighthouse.form_factor).toBe("mobile");
      expect(r.lighthouse.throttling_method).toBe("simulate");
      expect(r.lighthouse.pages.map((p) => p.page)).toEqual(["home", "session"]);
      expect(r.lighthouse.pages[1].url).toMatch(/#\/engagements\/[0-9a-f-]+\/sessions\/[0-9a-f-]+$/);
      for (const p of r.lighthouse.pages) {
        expect(p.error, p.page).toBeNull();
        for (const score of [p.performance, p.accessibility]) {
          expect(score, p.page).toBeGreaterThanOrEqual(0);
          expect(score, p.page).toBeLessThanOrEqual(100);
        }
        positive(p.largest_contentful_paint_ms, `${p.page} LCP`);
        expect(p.total_blocking_time_ms, `${p.page} TBT`).toBeGreaterThanOrEqual(0);
        expect(output.join("")).toContain(`${p.what} (mobile, throttling: simulate): performance / LCP / TBT / accessibility`);
      }
    } else {
      expect(r.lighthouse).toEqual({ skipped: "run with --lighthouse" });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
