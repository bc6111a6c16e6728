//! The architecture's rules (docs/architecture.md), checked on the source itself so a
//! change that breaks one fails the native test run:
//!
//! - the domain is pure Rust: no Leptos, browser bindings or IndexedDB;
//! - only the store touches IndexedDB;
//! - a page never imports another page (what pages share lives outside `ui::pages`);
//! - no two modules import each other, directly or round a longer loop.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its module path (`ui::pages::contract::builder`).
fn modules(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(dir).unwrap().with_extension("");
                let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                    parts.pop();
                }
                found.insert(parts.join("::"), path);
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its comments and without its `#[cfg(test)]` part.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Files under `module` (a module path prefix) whose code mentions any of `words`.
fn mentions(module: &str, words: &[&str]) -> Vec<String> {
    modules(&src())
        .into_iter()
        .filter(|(name, _)| module.is_empty() || name == module || name.starts_with(&format!("{module}::")))
        .flat_map(|(name, path)| {
            let code = code(&path);
            words.iter().filter(move |w| code.contains(*w)).map(move |w| format!("{name} mentions {w}")).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_domain_is_pure_rust() {
    let found = mentions("domain", &["leptos", "web_sys", "js_sys", "wasm_bindgen", "indexed_db", "gloo"]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn only_the_store_touches_indexed_db() {
    let found: Vec<String> = mentions("", &["indexed_db_futures", "IdbTransaction", "IdbDatabase", "IdbObjectStore"])
        .into_iter()
        .filter(|line| !line.starts_with("store ") && !line.starts_with("store::"))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_page_never_imports_another_page() {
    let found: Vec<String> = modules(&src())
        .into_iter()
        .filter(|(name, _)| name.starts_with("ui::pages::"))
        .filter_map(|(name, path)| {
            let page = name.split("::").nth(2).unwrap().to_string();
            let code = code(&path);
            let others: BTreeSet<&str> = code
                .match_indices("crate::ui::pages::")
                .map(|(at, m)| code[at + m.len()..].split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap())
                .filter(|other| *other != page)
                .collect();
            (!others.is_empty()).then(|| format!("{name} imports {others:?}"))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}

/// Which modules each module names (`crate::…` and `super::…` paths), outside its tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let all = modules(&src());
    let resolve = |parts: &[&str]| (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| all.contains_key(m));
    let mut edges = BTreeMap::new();
    for (name, path) in &all {
        let code = code(path);
        let me: Vec<&str> = name.split("::").collect();
        let mut targets = BTreeSet::new();
        for head in ["crate::", "super::"] {
            for (at, _) in code.match_indices(head) {
                if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let tail: Vec<&str> = code[at + head.len()..]
                    .split(|c: char| !c.is_alphanumeric() && c != '_' && c != ':')
                    .next()
                    .unwrap()
                    .split("::")
                    .filter(|p| !p.is_empty())
                    .collect();
                let parts: Vec<&str> =
                    if head == "crate::" { tail } else { me[..me.len().saturating_sub(1)].iter().copied().chain(tail).collect() };
                if let Some(target) = resolve(&parts) {
                    let related = target == *name || name.starts_with(&format!("{target}::")) || target.starts_with(&format!("{name}::"));
                    if !related && !target.is_empty() {
                        targets.insert(target);
                    }
                }
            }
        }
        edges.insert(name.clone(), targets);
    }
    edges
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let edges = imports();
    // Every module reachable from `start`, following imports.
    let reach = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut pending = vec![start.to_string()];
        while let Some(m) = pending.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    pending.push(next.clone());
                }
            }
        }
        seen
    };
    let loops: Vec<String> = edges
        .iter()
        .flat_map(|(from, targets)| targets.iter().map(move |to| (from, to)))
        .filter(|(from, to)| reach(to).contains(*from))
        .map(|(from, to)| format!("{from} -> {to}, and {to} leads back to {from}"))
        .collect();
    assert!(loops.is_empty(), "{loops:#?}");
    assert!(edges["ui::pages::goals"].contains("domain::goal"), "the check sees imports at all");
}
