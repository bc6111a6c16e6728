//! Backups: everything in Accord (or one engagement, as a relationship file) in one
//! self-describing JSON file. A [`Backup`] carries the format name and version, the
//! schema version, the app version, when it was made, what it covers, how many records of
//! each kind it holds, and the SHA-256 checksum of its [`BackupData`], so a damaged or
//! altered file is recognised before anything is read from it ([`Backup::read`]).
//! Deleted records travel too (as tombstones), so a later merge knows about deletions.
//! The layout is documented as a JSON Schema in `docs/backup.schema.json`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::domain::contract::{Contract, ContractTemplate};
use crate::domain::engagement::Engagement;
use crate::domain::goal::Goal;
use crate::domain::session::journey::Journey;
use crate::domain::session::Session;
use crate::domain::record::{Record, RecordId, Timestamp};

pub const FORMAT: &str = "accord-backup";
/// The layout version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Every record in the file, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupData {
    pub engagements: Vec<Record<Engagement>>,
    pub contracts: Vec<Record<Contract>>,
    pub templates: Vec<Record<ContractTemplate>>,
    pub goals: Vec<Record<Goal>>,
    /// Added with schema 5; older files have none. Left out when empty, so the
    /// checksum of a file written before sessions existed still matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Record<Session>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journeys: Vec<Record<Journey>>,
}

impl BackupData {
    /// How many records of each kind.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        BTreeMap::from([
            ("engagements".to_string(), self.engagements.len()),
            ("contracts".to_string(), self.contracts.len()),
            ("templates".to_string(), self.templates.len()),
            ("goals".to_string(), self.goals.len()),
            ("sessions".to_string(), self.sessions.len()),
            ("journeys".to_string(), self.journeys.len()),
        ])
    }

    pub fn total(&self) -> usize {
        self.counts().values().sum()
    }

    /// How many records changed after `since`.
    pub fn changed_after(&self, since: Option<Timestamp>) -> usize {
        let after = |t: Timestamp| since.is_none_or(|s| t > s);
        self.engagements.iter().filter(|r| after(r.updated_at)).count()
            + self.contracts.iter().filter(|r| after(r.updated_at)).count()
            + self.templates.iter().filter(|r| after(r.updated_at)).count()
            + self.goals.iter().filter(|r| after(r.updated_at)).count()
            + self.sessions.iter().filter(|r| after(r.updated_at)).count()
            + self.journeys.iter().filter(|r| after(r.updated_at)).count()
    }

    /// Only what belongs to one engagement (its contract versions, goals, sessions and
    /// journey), to share with the other party: sessions carry their shared notes only.
    pub fn only_engagement(self, id: &RecordId) -> BackupData {
        BackupData {
            engagements: self.engagements.into_iter().filter(|e| e.id == *id).collect(),
            contracts: self.contracts.into_iter().filter(|c| c.data.engagement_id == *id).collect(),
            templates: Vec::new(),
            goals: self.goals.into_iter().filter(|g| g.data.engagement_id == *id).collect(),
            // A relationship file is shared with the other party: private note layers
            // never leave this device in it.
            sessions: self
                .sessions
                .into_iter()
                .filter(|s| s.data.engagement_id == *id)
                .map(|s| Record { data: s.data.shared_copy(), ..s })
                .collect(),
            journeys: self.journeys.into_iter().filter(|j| j.data.engagement_id == *id).collect(),
        }
    }

    /// SHA-256 of the canonical JSON of the data, as 64 lowercase hex digits.
    pub fn checksum(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Counts agree when every kind has the same number, a kind missing from one side
/// counting as none (files from before a kind existed do not list it).
fn same_counts(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> bool {
    let non_zero = |m: &BTreeMap<String, usize>| m.iter().filter(|(_, n)| **n > 0).map(|(k, n)| (k.clone(), *n)).collect::<BTreeMap<_, _>>();
    non_zero(a) == non_zero(b)
}

/// What a backup covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    Everything,
    /// One engagement, with its contract and goals: a relationship file.
    Engagement { id: RecordId, client: String },
}

/// The file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    /// The database schema version the records were read from.
    pub schema_version: u32,
    pub app_version: String,
    /// ISO 8601, UTC.
    pub exported_at: String,
    pub scope: Scope,
    pub counts: BTreeMap<String, usize>,
    pub checksum: String,
    pub data: BackupData,
}

/// Why a backup file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    Unreadable,
    NotABackup,
    NewerFormat,
    /// The data does not match its checksum or its counts.
    Damaged,
}

impl BackupError {
    pub fn user_message(&self) -> String {
        match self {
            BackupError::Unreadable => "This file is incomplete or damaged, so it could not be read. Nothing was changed.",
            BackupError::NotABackup => "This is not an Accord backup file. Nothing was changed.",
            BackupError::NewerFormat => "This backup was made by a newer version of Accord. Reload to update, then try again.",
            BackupError::Damaged => "This backup's contents do not match its checksum: the file was changed or damaged \
                after it was made. Nothing was changed.",
        }
        .to_string()
    }
}

/// "2026-11-23T14:05:09Z".
pub fn iso_time(at: Timestamp) -> String {
    let date = crate::domain::date::Date::from_unix_millis(at.0);
    let seconds_of_day = at.0.div_euclid(1000).rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", seconds_of_day / 3600, seconds_of_day % 3600 / 60, seconds_of_day % 60)
}

impl Backup {
    pub fn new(data: BackupData, scope: Scope, schema_version: u32, app_version: &str, now: Timestamp) -> Backup {
        Backup {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version,
            app_version: app_version.into(),
            exported_at: iso_time(now),
            scope,
            counts: data.counts(),
            checksum: data.checksum(),
            data,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a backup and checks its format, checksum and counts.
    pub fn read(text: &str) -> Result<Backup, BackupError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|_| BackupError::Unreadable)?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(BackupError::NotABackup);
        }
        if value.get("format_version").and_then(|v| v.as_u64()).is_some_and(|v| v > u64::from(FORMAT_VERSION)) {
            return Err(BackupError::NewerFormat);
        }
        let backup: Backup = serde_json::from_value(value).map_err(|_| BackupError::Unreadable)?;
        if backup.data.checksum() != backup.checksum || !same_counts(&backup.data.counts(), &backup.counts) {
            return Err(BackupError::Damaged);
        }
        Ok(backup)
    }
}

/// How many changes, or how many days, before Accord reminds a person to back up.
pub const REMIND_AFTER_CHANGES: usize = 25;
pub const REMIND_AFTER_DAYS: i64 = 7;

/// Whether to remind a person to back up: after [`REMIND_AFTER_CHANGES`] changes since
/// the last backup (or ever, if there was none), or when the last backup is more than
/// [`REMIND_AFTER_DAYS`] days old and anything changed since. Returns the sentence to show.
pub fn reminder(last_backup: Option<Timestamp>, changes_since: usize, now: Timestamp) -> Option<String> {
    let plural = |n: usize| if n == 1 { "1 change".to_string() } else { format!("{n} changes") };
    match last_backup {
        None if changes_since >= REMIND_AFTER_CHANGES => {
            Some(format!("You have {} and no backup yet. Download a backup to keep a copy outside this browser.", plural(changes_since)))
        }
        None => None,
        Some(last) => {
            let days = (now.0 - last.0).div_euclid(86_400_000);
            if changes_since >= REMIND_AFTER_CHANGES || (days > REMIND_AFTER_DAYS && changes_since > 0) {
                Some(format!(
                    "{} since your last backup {} days ago. Download a fresh backup.",
                    plural(changes_since),
                    days
                ))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::fixtures;
    use crate::domain::engagement::Kind;

    fn data() -> BackupData {
        let ada = Record::new(RecordId::parse("eng-ada").unwrap(), Timestamp(1), fixtures::engagement(Kind::Coaching, false));
        let bea = Record::new(RecordId::parse("eng-bea").unwrap(), Timestamp(2), fixtures::engagement(Kind::Mentoring, true))
            .marked_deleted(Timestamp(3));
        let goal = Record::new(RecordId::parse("goal-1").unwrap(), Timestamp(4), Goal::new(ada.id.clone(), "Lead the team"));
        let mut session = crate::domain::session::Session::planned(
            ada.id.clone(),
            crate::domain::date::Date::parse("2026-12-01").unwrap(),
            crate::domain::session::ClockTime::default(),
            60,
            crate::domain::session::Purpose::Session,
        );
        session.notes.practitioner_private = "PRACTITIONER-ONLY".into();
        session.notes.client_private = "CLIENT-ONLY".into();
        session.notes.shared = "We agreed to try delegating".into();
        let session = Record::new(RecordId::parse("ses-1").unwrap(), Timestamp(5), session);
        BackupData { engagements: vec![ada, bea], contracts: Vec::new(), templates: Vec::new(), goals: vec![goal], sessions: vec![session], journeys: Vec::new() }
    }

    #[test]
    fn a_backup_describes_itself_and_reads_back() {
        let backup = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(1_795_443_909_000));
        assert_eq!(backup.exported_at, "2026-11-23T14:25:09Z");
        assert_eq!(backup.counts["engagements"], 2);
        assert_eq!(backup.counts["goals"], 1);
        assert_eq!(backup.checksum.len(), 64);
        let read = Backup::read(&backup.to_json()).unwrap();
        assert_eq!(read, backup);
    }

    #[test]
    fn deleted_records_travel_as_tombstones() {
        let backup = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0));
        assert!(backup.data.engagements.iter().any(|e| e.deleted));
    }

    #[test]
    fn a_changed_record_is_caught_by_the_checksum() {
        let text = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0)).to_json().replace("Lead the team", "Lead the tea");
        assert_eq!(Backup::read(&text), Err(BackupError::Damaged));
    }

    #[test]
    fn truncated_foreign_and_newer_files_are_refused() {
        let text = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0)).to_json();
        assert_eq!(Backup::read(&text[..text.len() / 2]), Err(BackupError::Unreadable));
        assert_eq!(Backup::read(r#"{"format":"something-else"}"#), Err(BackupError::NotABackup));
        assert_eq!(Backup::read(&text.replace("\"format_version\": 1", "\"format_version\": 9")), Err(BackupError::NewerFormat));
    }

    #[test]
    fn a_reminder_comes_after_many_changes_or_a_week_with_changes() {
        let day = 86_400_000;
        let now = Timestamp(100 * day);
        assert_eq!(reminder(None, 3, now), None, "a few changes and no backup yet: no nagging");
        assert!(reminder(None, REMIND_AFTER_CHANGES, now).unwrap().contains("no backup yet"));
        assert_eq!(reminder(Some(Timestamp(99 * day)), 5, now), None);
        assert!(reminder(Some(Timestamp(99 * day)), REMIND_AFTER_CHANGES, now).is_some());
        assert_eq!(reminder(Some(Timestamp(90 * day)), 0, now), None, "nothing changed: nothing to back up");
        assert_eq!(reminder(Some(Timestamp(90 * day)), 1, now).unwrap(), "1 change since your last backup 10 days ago. Download a fresh backup.");
    }

    #[test]
    fn a_relationship_file_holds_one_engagement_and_what_belongs_to_it() {
        let one = data().only_engagement(&RecordId::parse("eng-ada").unwrap());
        assert_eq!((one.engagements.len(), one.goals.len()), (1, 1));
        let other = data().only_engagement(&RecordId::parse("eng-bea").unwrap());
        assert_eq!((other.engagements.len(), other.goals.len()), (1, 0));
    }

    #[test]
    fn a_relationship_file_leaves_out_private_notes_but_a_full_backup_keeps_them() {
        let shared = Backup::new(data().only_engagement(&RecordId::parse("eng-ada").unwrap()), Scope::Everything, 5, "0.1.0", Timestamp(0)).to_json();
        assert!(shared.contains("We agreed to try delegating"));
        assert!(!shared.contains("PRACTITIONER-ONLY") && !shared.contains("CLIENT-ONLY"));
        let full = Backup::new(data(), Scope::Everything, 5, "0.1.0", Timestamp(0)).to_json();
        assert!(full.contains("PRACTITIONER-ONLY") && full.contains("CLIENT-ONLY"));
    }

    fn data_without_sessions() -> BackupData {
        BackupData { sessions: Vec::new(), ..data() }
    }

    #[test]
    fn a_backup_from_before_sessions_still_reads() {
        // Written the way a schema-4 build wrote it: no sessions or journeys keys at all.
        let mut old: serde_json::Value = serde_json::from_str(&Backup::new(data_without_sessions(), Scope::Everything, 4, "0.1.0", Timestamp(0)).to_json()).unwrap();
        assert!(old["data"].get("sessions").is_none() && old["data"].get("journeys").is_none());
        let counts = old["counts"].as_object_mut().unwrap();
        counts.remove("sessions");
        counts.remove("journeys");
        let read = Backup::read(&serde_json::to_string(&old).unwrap()).unwrap();
        assert!(read.data.sessions.is_empty());
    }
}
