// Where the WebAssembly bytes go: reads a .wasm that still has its "name" section (the
// build before wasm-opt strips it, e.g. target/wasm32-unknown-unknown/release/accord.wasm),
// sizes every function body in the code section, and adds them up by crate and by kind of
// code. No tools needed beyond Node.
// Usage: node bench/wasm-size.mjs <file.wasm> [--top N] [--json]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const top = Number(args[args.indexOf("--top") + 1]) || 30;
const bytes = readFileSync(file);
let p = 8;
const leb = () => {
  let x = 0, shift = 0, c;
  do { c = bytes[p++]; x += (c & 127) * 2 ** shift; shift += 7; } while (c & 128);
  return x;
};
let imported = 0;
const bodies = [];
const names = new Map();
const sections = [];
while (p < bytes.length) {
  const id = bytes[p++];
  const size = leb();
  const end = p + size;
  let name = "";
  if (id === 0) { const n = leb(); name = bytes.slice(p, p + n).toString(); p += n; }
  sections.push({ id, name, size });
  if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      p += leb(); p += leb(); // module, field
      const kind = bytes[p++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { p++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { p += 2; }
      else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) { const s = leb(); bodies.push(s); p += s; }
  } else if (id === 0 && name === "name") {
    while (p < end) {
      const sub = bytes[p++];
      const subSize = leb();
      const subEnd = p + subSize;
      if (sub === 1) {
        const count = leb();
        for (let i = 0; i < count; i++) { const index = leb(); const n = leb(); names.set(index, bytes.slice(p, p + n).toString()); p += n; }
      }
      p = subEnd;
    }
  }
  p = end;
}
// Rust's legacy symbol mangling: _ZN <len><part>… E, with $LT$-style escapes.
const escapes = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };
function demangle(name) {
  if (name.startsWith("_ZN")) {
    const parts = [];
    let i = 3;
    while (i < name.length && name[i] !== "E") {
      let j = i;
      while (/[0-9]/.test(name[j])) j++;
      const len = Number(name.slice(i, j));
      if (!len) break;
      parts.push(name.slice(j, j + len));
      i = j + len;
    }
    name = parts
      .map((part) =>
        part
          .replace(/^_\$/, "$")
          .replace(/\$(SP|BP|RF|LT|GT|LP|RP|C)\$/g, (m, e) => escapes[e] ?? m)
          .replace(/\$u([0-9a-f]+)\$/g, (m, hex) => String.fromCodePoint(parseInt(hex, 16)))
          .replace(/\.\./g, "::"),
      )
      .join("::");
  }
  return name.replace(/::h[0-9a-f]{16}$/, "");
}
const crateOf = (n) => {
  const m = n.replace(/^[<&*_ ]+|^(impl |dyn |mut )+/g, "").replace(/^_?</, "").match(/^([a-zA-Z_][a-zA-Z0-9_]*)/);
  return m ? m[1] : "?";
};
// Kinds of code, first match wins.
const kinds = [
  ["serde: (de)serialisation, derived and library", /serde/],
  ["leptos / tachys / reactive_graph (views, signals)", /tachys|leptos|reactive_graph|any_spawner|throw_error|or_poisoned/],
  ["async: futures, send_wrapper, wasm-bindgen-futures", /send_wrapper|futures|wasm_bindgen_futures|Future|async/],
  ["IndexedDB wrapper (indexed_db_futures)", /indexed_db_futures/],
  ["wasm-bindgen / js-sys / web-sys glue", /wasm_bindgen|js_sys|web_sys/],
  ["formatting (core::fmt, format!)", /core::fmt|alloc::fmt|::fmt::/],
  ["app: ui", /^accord::ui|accord::ui::/],
  ["app: domain", /accord::domain/],
  ["app: store", /accord::store/],
  ["app: platform", /accord::platform/],
  ["sha2", /sha2/],
  ["allocator, collections, std", /^(core|alloc|std|dlmalloc|hashbrown|<core|<alloc|<std|<hashbrown)/],
];
const functions = bodies.map((size, i) => ({ size, name: demangle(names.get(i + imported) || `function ${i + imported}`) }));
const total = functions.reduce((n, f) => n + f.size, 0);
const group = (key) => {
  const m = new Map();
  for (const f of functions) m.set(key(f), (m.get(key(f)) || 0) + f.size);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
const byCrate = group((f) => crateOf(f.name));
const byKind = group((f) => (kinds.find(([, re]) => re.test(f.name)) || ["other"])[0]);
// Generic functions instantiated many times: the same name with different hashes.
const byGeneric = group((f) => f.name.replace(/<[^<>]*>/g, "<…>")).slice(0, top);
const result = {
  file,
  sections: sections.map((s) => ({ id: s.id, name: s.name, bytes: s.size })),
  functions: functions.length,
  code_bytes: total,
  by_crate: byCrate.slice(0, top).map(([crate, size]) => ({ crate, bytes: size, share: +(size / total).toFixed(3) })),
  by_kind: byKind.map(([kind, size]) => ({ kind, bytes: size, share: +(size / total).toFixed(3) })),
  largest: [...functions].sort((a, b) => b.size - a.size).slice(0, top),
  most_bytes_per_generic: byGeneric.map(([name, size]) => ({ name, bytes: size })),
};
if (args.includes("--json")) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const pct = (x) => `${((100 * x) / total).toFixed(1)}%`.padStart(6);
  console.log(`${file}: ${functions.length} functions, ${total} bytes of code`);
  console.log("\nBy kind of code:");
  for (const { kind, bytes: b } of result.by_kind) console.log(`${String(b).padStart(9)} ${pct(b)}  ${kind}`);
  console.log("\nBy crate:");
  for (const { crate, bytes: b } of result.by_crate) console.log(`${String(b).padStart(9)} ${pct(b)}  ${crate}`);
  console.log("\nLargest functions:");
  for (const f of result.largest) console.log(`${String(f.size).padStart(9)} ${pct(f.size)}  ${f.name.slice(0, 150)}`);
}
