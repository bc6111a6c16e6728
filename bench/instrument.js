// Injected before any page script (Playwright addInitScript) in every benchmark page, the
// app's and the vanilla baselines' alike, so both carry the same small overhead.
// - Times every IndexedDB transaction: created, first request, last request answered,
//   committed (or aborted), with its mode, durability and number of requests.
// - Keeps the app's WebAssembly exports (from Trunk's TrunkApplicationStarted event) to
//   read the size of its linear memory.
// - Remembers the time of every click (the event's own timestamp).
// - arm(name, selector, count, text): resolves when `count` elements match `selector`
//   (and, with `text`, the last one contains it), with the time the DOM first matched and
//   the time of the next frame after it (requestAnimationFrame, then a message: the frame
//   has been produced by then).
(() => {
  if (window.__bench) return;
  const B = (window.__bench = { txs: [], clicks: [], wasm: null, appStarted: null, watchers: {} });
  addEventListener("TrunkApplicationStarted", (e) => {
    B.appStarted = performance.now();
    B.wasm = e.detail && e.detail.wasm;
  });
  addEventListener("click", (e) => B.clicks.push(e.timeStamp), true);
  addEventListener("change", (e) => B.clicks.push(e.timeStamp), true);

  if (typeof IDBDatabase !== "undefined") {
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (stores, mode, options) {
      const tx = transaction.apply(this, arguments);
      const rec = {
        db: this.name,
        stores: typeof stores === "string" ? [stores] : Array.from(stores),
        mode: mode || "readonly",
        durability: (options && options.durability) || "default",
        t0: performance.now(),
        firstRequest: null,
        lastAnswer: null,
        requests: 0,
        end: null,
        outcome: null,
      };
      B.txs.push(rec);
      tx.__bench = rec;
      tx.addEventListener("complete", () => { rec.end = performance.now(); rec.outcome = "complete"; });
      tx.addEventListener("abort", () => { rec.end = performance.now(); rec.outcome = "abort"; });
      return tx;
    };
    const wrap = (proto, names) => {
      for (const name of names) {
        const original = proto[name];
        if (typeof original !== "function") continue;
        proto[name] = function () {
          const request = original.apply(this, arguments);
          const rec = this.transaction && this.transaction.__bench;
          if (rec) {
            rec.requests++;
            if (rec.firstRequest === null) rec.firstRequest = performance.now();
            request.addEventListener("success", () => { rec.lastAnswer = performance.now(); });
          }
          return request;
        };
      }
    };
    wrap(IDBObjectStore.prototype, ["put", "add", "get", "getAll", "getAllKeys", "openCursor", "delete", "count"]);
    // An index's transaction is reached through its object store.
    for (const name of ["get", "getAll", "openCursor", "count"]) {
      const original = IDBIndex.prototype[name];
      IDBIndex.prototype[name] = function () {
        const request = original.apply(this, arguments);
        const rec = this.objectStore.transaction.__bench;
        if (rec) {
          rec.requests++;
          if (rec.firstRequest === null) rec.firstRequest = performance.now();
          request.addEventListener("success", () => { rec.lastAnswer = performance.now(); });
        }
        return request;
      };
    }
  }

  const nextFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );

  B.selectors = {};
  B.arm = (name, selector, count = 1, text = null) => {
    B.selectors[name] = `${count} × ${selector}${text ? ` with “${text}”` : ""}`;
    const matches = () => {
      const found = document.querySelectorAll(selector);
      if (found.length < count) return false;
      return text === null || (found[found.length - 1].textContent || "").includes(text);
    };
    B.watchers[name] = new Promise((resolve) => {
      const done = () => {
        const dom = performance.now();
        nextFrame().then((paint) => resolve({ dom, paint, count: document.querySelectorAll(selector).length }));
      };
      const check = () => {
        if (matches()) {
          observer.disconnect();
          done();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      check();
    });
    return true;
  };
  // Waits for an armed watcher; fails (rather than hangs) if the screen never shows it.
  B.result = (name, ms = 120000) =>
    Promise.race([
      B.watchers[name],
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${name}: ${B.selectors[name]}`)), ms)),
    ]);
  B.nextFrame = nextFrame;
  // Resolves once every transaction has finished and none started for `ms` milliseconds,
  // with the time the last one finished.
  B.quiet = (ms = 100) =>
    new Promise((resolve) => {
      const poll = () => {
        const open = B.txs.some((t) => t.end === null);
        const last = Math.max(0, ...B.txs.map((t) => Math.max(t.t0, t.end || 0)));
        if (!open && performance.now() - last >= ms) resolve(Math.max(0, ...B.txs.map((t) => t.end || 0)));
        else setTimeout(poll, 10);
      };
      poll();
    });
})();
