//! Relationship updates: what one party of an engagement sends the others, on their own
//! devices, so each copy keeps up with the others without a server (docs/domain.md §8).
//!
//! A [`RelationshipUpdate`] is a self-describing JSON file holding only what the sender's
//! role may share, changed since their last update to those roles, with a SHA-256 checksum
//! ([`RelationshipUpdate::read`] refuses a damaged, truncated, foreign or newer file with an
//! [`UpdateError`]). Who owns each group of fields, and so who may send and receive it, is
//! one table: [`ownership`] ([`SharedField`], [`Share`], [`may_send`], [`may_receive`]).
//! [`outgoing`] builds the next update from this device's records and its [`Ledger`] (what
//! was exchanged so far, kept per engagement on this device); [`plan`] reads one against
//! this device (or refuses it with a [`Refusal`]) as an [`UpdatePlan`] that says in words
//! what it brings and which joint fields changed on both sides ([`Conflict`]); its
//! [`apply`](UpdatePlan::apply) returns the records to write ([`Applied`]).
//!
//! - [`ownership`]: the ownership table and which records travel to whom.
//! - [`fields`]: each kind of record as field groups ([`fields::Shareable`]).
//! - [`update`]: the file and reading it.
//! - [`ledger`]: what was exchanged.
//! - [`merge`]: building, planning and applying.
//! - [`shown`]: a field group's value as lines, for a conflict shown side by side.

pub mod fields;
pub mod ledger;
pub mod merge;
pub mod ownership;
pub mod shown;
pub mod update;

pub use ledger::Ledger;
pub use merge::{outgoing, plan, plan_signed, Applied, Change, Conflict, Refusal, Resolution, Signer, SkipReason, Skipped, UpdatePlan};
pub use ownership::{may_add, may_receive, may_send, FieldKey, RecordRef, Share, SharedField, SharedKind};
pub use update::{FieldValue, RecordShell, RelationshipUpdate, UpdateBody, UpdateError};

#[cfg(test)]
mod tests;
