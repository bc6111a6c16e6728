//! The database schema and its numbered, append-only migrations.
//!
//! | version | object stores (key path) | indexes                  |
//! |---------|--------------------------|--------------------------|
//! | 1       | `engagements` (`id`)     | `engagements.updated_at` |
//! | 2       | `contracts` (`id`), `templates` (`id`) | `contracts.engagement_id` (on `data.engagement_id`) |
//! | 3       | `goals` (`id`)           | `goals.engagement_id` (on `data.engagement_id`) |
//! | 4       | `meta` (`key`)           | (none): small facts such as when the last backup was made |
//! | 5       | `sessions` (`id`), `journeys` (`id` = the engagement's id) | `sessions.engagement_id` (on `data.engagement_id`) |
//! | 6       | `supervision` (`id`), `reports` (`id`) | `reports.engagement_id` (on `data.engagement_id`) |
//! | 7       | `sync_docs` (`doc_id`), `sync_changes` (`doc_id`) | `sync_changes.seq` (on `seq`): the local change sequence for sync |
//! | 8       | `erased` (`doc_id`), `data_log` (`id`) | (none): tombstones of erased records; the disposal and erasure log |
//! | 9       | `perspectives` (`id` = the engagement's id) | (none): who this device's owner is in each engagement (none: the practitioner) |
//! | 10      | `cpd` (`id`), `wheels` (`id` = the engagement's id) | (none): the practitioner's CPD log; each engagement's wheel of life |
//! | 11      | `questionnaires` (`id`) | `questionnaires.engagement_id`: the questionnaires given in each engagement, with the answers |
//!
//! [`upgrade`] is a cumulative chain: a database at version `old` runs every step
//! above `old`, in order, so a fresh install runs them all in one upgrade event.
//! Never edit a released step; append a new one and raise [`SCHEMA_VERSION`], and add
//! `tests/fixtures/schema/v<N>.json` (a database as that version stores it): the browser
//! tests open every fixture with the current build and check every record survived.
//! A step that reshapes records (rather than adding stores) writes the new shape,
//! reads it back to verify it, and only then removes the old, all in the upgrade
//! transaction, so a failure leaves the old data as it was.
//!
//! With passphrase protection on, records are sealed (see `io.rs`) and an upgrade
//! cannot read them: only their envelope (id, revision, timestamps, deleted flag,
//! `data.engagement_id`) is readable. A step that must reshape record contents runs
//! after unlocking instead, through the store's commands.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 11;

/// Engagement records, keyed by their string id.
pub const ENGAGEMENTS: &str = "engagements";
/// Contract versions (one record per version), keyed by their string id.
pub const CONTRACTS: &str = "contracts";
/// Contract templates people saved themselves.
pub const TEMPLATES: &str = "templates";
/// Goals, keyed by their string id.
pub const GOALS: &str = "goals";
/// Index of goals by engagement.
pub const GOALS_BY_ENGAGEMENT: &str = "engagement_id";
/// Small facts about this copy of the app, keyed by name (e.g. "last_backup").
pub const META: &str = "meta";
/// The `meta` key of the passphrase protection header.
pub const VAULT_KEY: &str = "vault";
/// Every store that holds records (all sealed together, all synced): one per
/// [`RecordKind`](crate::domain::kinds::RecordKind).
pub const RECORD_STORES: [&str; 12] = crate::domain::kinds::RecordKind::STORES;
/// Sessions, keyed by their string id.
pub const SESSIONS: &str = "sessions";
/// Index of sessions by engagement.
pub const SESSIONS_BY_ENGAGEMENT: &str = "engagement_id";
/// One journey (phase, pauses, ending, signposts) per engagement, keyed by the engagement's id.
pub const JOURNEYS: &str = "journeys";
/// The practitioner's supervision log.
pub const SUPERVISION: &str = "supervision";
/// Sponsor updates, drafted and approved.
pub const REPORTS: &str = "reports";
/// Index of reports by engagement.
pub const REPORTS_BY_ENGAGEMENT: &str = "engagement_id";
/// Per synced record: its revision tree, the revision the record is at, conflicting
/// versions' bodies. Keyed by document id (`"<store>:<record id>"`).
pub const SYNC_DOCS: &str = "sync_docs";
/// Per record: the local change sequence number of its latest write (what to push next).
pub const SYNC_CHANGES: &str = "sync_changes";
/// Index of change markers by sequence number.
pub const SYNC_CHANGES_BY_SEQ: &str = "seq";
/// Tombstones of erased records ([`crate::domain::erasure::Tombstone`]): content-free,
/// never sealed, keyed by document id (`"<store>:<record id>"`).
pub const ERASED: &str = "erased";
/// The disposal and erasure log ([`crate::domain::erasure::LogEntry`]), keyed by entry id.
pub const DATA_LOG: &str = "data_log";
/// Who this device's owner is in each engagement ([`crate::domain::perspective::Perspective`]),
/// keyed by the engagement's id.
pub const PERSPECTIVES: &str = "perspectives";
/// The practitioner's CPD log ([`crate::domain::evidence::cpd::CpdEntry`]).
pub const CPD: &str = "cpd";
/// Each engagement's wheel of life ([`crate::domain::assessment::LifeWheel`]), keyed by the
/// engagement's id.
pub const WHEELS: &str = "wheels";
/// The questionnaires given in each engagement
/// ([`crate::domain::assessment::ClientQuestionnaire`]).
pub const QUESTIONNAIRES: &str = "questionnaires";
/// Index of questionnaires by engagement.
pub const QUESTIONNAIRES_BY_ENGAGEMENT: &str = "engagement_id";
/// Index of contract versions by engagement.
pub const CONTRACTS_BY_ENGAGEMENT: &str = "engagement_id";

/// Runs every migration step above `old` (0 for a new database).
pub fn upgrade(old: u32, db: &Database) -> indexed_db_futures::Result<()> {
    upgrade_between(old, SCHEMA_VERSION, db)
}

/// Runs the migration steps above `old` up to and including `new`. Tests use it to
/// build a database exactly as an older version of the app left it.
pub fn upgrade_between(old: u32, new: u32, db: &Database) -> indexed_db_futures::Result<()> {
    let step = |version: u32| old < version && version <= new;
    if step(1) {
        let engagements = db.create_object_store(ENGAGEMENTS).with_key_path(KeyPath::from("id")).build()?;
        engagements.create_index("updated_at", KeyPath::from("updated_at")).build()?;
    }
    if step(2) {
        let contracts = db.create_object_store(CONTRACTS).with_key_path(KeyPath::from("id")).build()?;
        contracts.create_index(CONTRACTS_BY_ENGAGEMENT, KeyPath::from("data.engagement_id")).build()?;
        db.create_object_store(TEMPLATES).with_key_path(KeyPath::from("id")).build()?;
    }
    if step(3) {
        let goals = db.create_object_store(GOALS).with_key_path(KeyPath::from("id")).build()?;
        goals.create_index(GOALS_BY_ENGAGEMENT, KeyPath::from("data.engagement_id")).build()?;
    }
    if step(4) {
        db.create_object_store(META).with_key_path(KeyPath::from("key")).build()?;
    }
    if step(5) {
        let sessions = db.create_object_store(SESSIONS).with_key_path(KeyPath::from("id")).build()?;
        sessions.create_index(SESSIONS_BY_ENGAGEMENT, KeyPath::from("data.engagement_id")).build()?;
        db.create_object_store(JOURNEYS).with_key_path(KeyPath::from("id")).build()?;
    }
    if step(6) {
        db.create_object_store(SUPERVISION).with_key_path(KeyPath::from("id")).build()?;
        let reports = db.create_object_store(REPORTS).with_key_path(KeyPath::from("id")).build()?;
        reports.create_index(REPORTS_BY_ENGAGEMENT, KeyPath::from("data.engagement_id")).build()?;
    }
    if step(7) {
        // Existing records have no sync state yet: "never synced", pushed on the first sync.
        db.create_object_store(SYNC_DOCS).with_key_path(KeyPath::from("doc_id")).build()?;
        let changes = db.create_object_store(SYNC_CHANGES).with_key_path(KeyPath::from("doc_id")).build()?;
        changes.create_index(SYNC_CHANGES_BY_SEQ, KeyPath::from("seq")).build()?;
    }
    if step(8) {
        // Nothing erased or disposed of yet: both start empty.
        db.create_object_store(ERASED).with_key_path(KeyPath::from("doc_id")).build()?;
        db.create_object_store(DATA_LOG).with_key_path(KeyPath::from("id")).build()?;
    }
    if step(9) {
        // No engagement has a perspective yet: each reads as the practitioner's, which is
        // what every engagement made before was (`domain::perspective::role_in`).
        db.create_object_store(PERSPECTIVES).with_key_path(KeyPath::from("id")).build()?;
    }
    if step(10) {
        db.create_object_store(CPD).with_key_path(KeyPath::from("id")).build()?;
        db.create_object_store(WHEELS).with_key_path(KeyPath::from("id")).build()?;
    }
    if step(11) {
        let store = db.create_object_store(QUESTIONNAIRES).with_key_path(KeyPath::from("id")).build()?;
        store.create_index(QUESTIONNAIRES_BY_ENGAGEMENT, KeyPath::from("data.engagement_id")).build()?;
    }
    Ok(())
}
