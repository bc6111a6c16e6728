//! Sync with a CouchDB-protocol server, the parts that are pure logic.
//!
//! - [`revtree`]: [`revtree::Rev`] and [`revtree::RevTree`], each record's revision
//!   history, the deterministic winner, conflicts (including a deletion on one device
//!   against an edit on another) and what `_revs_diff` reports missing.

pub mod revtree;
