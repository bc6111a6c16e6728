//! Accord: a local-first contracting workflow and goal tracker for coaching and
//! mentoring. Everything a person enters stays in this browser's IndexedDB.
//!
//! Five parts, each with one job (see `docs/architecture.md`; what the domain models is in
//! `docs/domain.md`), and `i18n`, the words for people in English and German:
//! - [`domain`]: pure Rust rules and types; compiled and tested natively.
//! - `store`: the only code that touches IndexedDB; named commands, one strict
//!   transaction per user action, numbered migrations.
//! - `ui`: Leptos components and pages; they call the store's commands.
//! - `platform`: browser services (ids and clocks, persistent storage, the panic screen).
//! - `sync`: the replicator for optional sync with a CouchDB-protocol server; it uses
//!   the store's commands and the protocol logic in [`domain::sync`].
//!
//! The web parts are compiled for `wasm32` only, so a native build proves that the
//! domain needs no web crate.

pub mod domain;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
