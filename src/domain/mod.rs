//! The domain: what coaching and mentoring engagements are, in pure Rust.
//!
//! Nothing here touches the browser, so every rule is tested natively with `cargo test`.
//!
//! - [`record`]: [`Record`], the envelope every stored thing travels in (string id,
//!   revision, created/updated timestamps, deleted flag), so records can merge later.
//! - [`engagement`]: [`Engagement`], a coaching or mentoring relationship, and
//!   [`EngagementForm`], the raw text a person typed, validated into an engagement
//!   with every problem reported at once as [`FieldErrors`].
//! - [`attention`]: what needs attention between sessions, per role ([`attention::Item`]),
//!   from what the device holds and its clock.
//! - [`backup`]: [`backup::Backup`], the self-describing backup and relationship file.
//! - [`evidence`]: the ICF coaching log, the EMCC evidence summary, the sponsor update
//!   and the engagement summary, with CSV output.
//! - [`report`]: [`report::SponsorReport`], a sponsor update frozen at the client's approval.
//! - [`kinds`]: [`kinds::RecordKind`], the one registry of the kinds of record (store,
//!   words, type).
//! - [`import`]: [`import::ImportPlan`], what importing a file would do, and the merge.
//! - [`goal`]: [`goal::Goal`], Goal Attainment Scaling, progress, the SMART checker.
//! - [`assessment`]: [`assessment::Wheel`], the wheel of life, and
//!   [`assessment::Questionnaire`]s with their answers, taken at review points.
//! - [`contract`]: versioned contracts, the linter, templates, agreements; [`party`]:
//!   [`party::Party`], one of the people a contract binds; [`perspective`]: who the person
//!   using this device is in each engagement.
//! - [`session`]: [`session::Session`], the learning loop, the series plan, calendar files.
//! - [`relationship`]: [`relationship::RelationshipUpdate`], what one party sends the others
//!   since their last update (only what their role may share), and merging it in.
//! - [`signing`]: device keys, their fingerprints and the exact bytes a signature covers.
//! - [`share_link`]: an update carried in a link's fragment, encrypted, and its limits.
//! - [`signed_file`]: what a proposal, agreement or update says was signed, for "Check a file".
//! - [`sync`]: revision trees and conflicts for sync with a CouchDB-protocol server.
//! - [`message`]: [`message::Message`], what the domain tells a person, as a value each
//!   language renders (`msg!`).
//! - [`validation`]: [`FieldErrors`] and the text rules shared by every form.
//! - [`org_config`]: the organisation settings file (`accord-config.json`), checked whole.
//! - [`appearance`]: the light / dark theme choice and accent colours checked for contrast.
//! - [`retention`]: when notes fall due for disposal after the engagement ends, and what
//!   disposal keeps; [`erasure`]: erasing an engagement for good (content-free
//!   tombstones) and the disposal and erasure log.
//! - [`vault`]: passphrase protection: Argon2id key derivation, the versioned header,
//!   sealed boxes and encrypted backup files (the AES-GCM itself runs in WebCrypto).

pub mod appearance;
pub mod assessment;
pub mod attention;
pub mod backup;
pub mod choice;
pub mod contract;
pub mod date;
pub mod engagement;
pub mod erasure;
pub mod evidence;
pub mod goal;
pub mod import;
pub mod kinds;
pub mod message;
pub mod org_config;
pub mod party;
pub mod perspective;
pub mod record;
pub mod relationship;
pub mod report;
pub mod retention;
pub mod session;
pub mod share_link;
pub mod signed_file;
pub mod signing;
pub mod sync;
pub mod validation;
pub mod vault;

pub use engagement::{Engagement, EngagementForm, Kind, PersonName, ShortTitle};
pub use message::{Arg, Message};
pub use record::{Record, RecordId, Timestamp};
pub use validation::{Field, FieldError, FieldErrors};
