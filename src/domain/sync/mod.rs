//! Sync with a CouchDB-protocol server, the parts that are pure logic.
//!
//! - [`revtree`]: [`revtree::Rev`] and [`revtree::RevTree`], each record's revision
//!   history, the deterministic winner, conflicts (including a deletion on one device
//!   against an edit on another) and what `_revs_diff` reports missing.
//! - [`conflict`]: which versions to show side by side, and how a resolution ends them.
//! - [`fields`]: a record's fields as a person reads them ([`fields::describe`]), for
//!   comparing versions in a conflict.
//! - [`doc`]: [`doc::DocId`] and the mapping between a local record and a document
//!   (plain, without private note layers, or sealed end to end).
//! - [`replication`]: the protocol's steps as data: checkpoints, `_changes`,
//!   `_revs_diff`, `_bulk_get` (and its fallback), `_bulk_docs` with `new_edits: false`.
//! - [`key`]: [`key::SyncKeyDoc`], the shared data key for end-to-end encrypted sync,
//!   wrapped with a sync passphrase on the server, and [`key::SyncDataKey`], a device's
//!   copy of it.
//! - [`target`]: [`target::SyncTarget`], the checked sync settings (server, database,
//!   account, scope, options), from [`target::SyncTargetForm`].
//! - [`status`]: [`status::SyncStatus`] and [`status::SyncError`], with the words shown
//!   to a person, and the back-off between failed attempts.

pub mod conflict;
pub mod doc;
pub mod fields;
pub mod key;
pub mod replication;
pub mod revtree;
pub mod status;
pub mod target;
