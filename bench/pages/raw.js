// The browser's own floor for storage: the same records the app imports, written and read
// with plain IndexedDB calls, in a database laid out exactly like the app's (same stores,
// key paths and indexes). Driven by bench/run.mjs through window.raw.
const STORES = {
  engagements: [["updated_at", "updated_at"]],
  contracts: [["engagement_id", "data.engagement_id"]],
  templates: [],
  goals: [["engagement_id", "data.engagement_id"]],
  meta: [],
  sessions: [["engagement_id", "data.engagement_id"]],
  journeys: [],
  supervision: [],
  reports: [["engagement_id", "data.engagement_id"]],
};
const KINDS = ["engagements", "contracts", "templates", "goals", "sessions", "journeys", "supervision", "reports"];
const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); tx.onerror = () => reject(tx.error); });

/** Opens a baseline database (made at version 1), or with `existing` the app's own as it is. */
function open(name, existing = false) {
  return new Promise((resolve, reject) => {
    const r = existing ? indexedDB.open(name) : indexedDB.open(name, 1);
    r.onupgradeneeded = () => {
      for (const [store, indexes] of Object.entries(STORES)) {
        const s = r.result.createObjectStore(store, { keyPath: store === "meta" ? "key" : "id" });
        for (const [index, path] of indexes) s.createIndex(index, path);
      }
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let data = null;
window.raw = {
  /** Fetches and parses the seed file (not timed). Returns how many records it holds. */
  async load(url) {
    const backup = await (await fetch(url)).json();
    data = backup.data;
    return KINDS.reduce((n, k) => n + (data[k] || []).length, 0);
  },
  async reset(name) {
    await new Promise((resolve) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = r.onblocked = resolve; });
  },
  /** Every record in one strict read-write transaction, all requests issued at once. */
  async write(name, { sequential = false } = {}) {
    const db = await open(name);
    const t0 = performance.now();
    const tx = db.transaction(KINDS, "readwrite", { durability: "strict" });
    const finished = done(tx);
    for (const kind of KINDS) {
      const store = tx.objectStore(kind);
      for (const record of data[kind] || []) {
        // `sequential` waits for each put before the next, as an await-per-request loop does.
        if (sequential) await request(store.put(record));
        else store.put(record);
      }
    }
    await finished;
    const ms = performance.now() - t0;
    db.close();
    return ms;
  },
  /** `n` read-change-write saves of one stored record, each in its own strict transaction,
   *  the way the app saves an edit (the floor for one edit). Works on the app's database. */
  async edits(name, id, n) {
    const db = await open(name, true);
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const tx = db.transaction("sessions", "readwrite", { durability: "strict" });
      const store = tx.objectStore("sessions");
      const record = await request(store.get(id));
      record.data.notes.shared = `Edit ${i}: ${record.data.notes.shared.slice(0, 400)}`;
      record.revision += 1;
      store.put(record);
      await done(tx);
      times.push(performance.now() - t0);
    }
    db.close();
    return times;
  },
  /** Every record of every kind in one read transaction (getAll per store). */
  async read(name) {
    const db = await open(name, name === "accord");
    const t0 = performance.now();
    const tx = db.transaction(KINDS, "readonly");
    const all = await Promise.all(KINDS.map((kind) => request(tx.objectStore(kind).getAll())));
    await done(tx);
    const ms = performance.now() - t0;
    db.close();
    return { ms, records: all.reduce((n, a) => n + a.length, 0) };
  },
};
