//! Erasing a person's data for good, and the record of what was disposed of and erased
//! (docs/domain.md §7, "Keeping and disposing").
//!
//! [`plan_erasure`] lists every record of an engagement as an [`ErasurePlan`]: what will
//! go, in words, and whether the engagement is still in progress (then the person is asked
//! twice, naming the open contract). Each record is replaced by a [`Tombstone`]: its id,
//! revision, times and the engagement it belonged to, never its content, so sync and
//! later imports know it was erased and do not bring it back unasked.
//!
//! [`LogEntry`] is one line of the disposal and erasure log ([`LogAction`]: disposed,
//! erased here, erased on another device): when, which engagement (its id and kind), how
//! many records; never the content. [`LogRow`] is an entry as read back, or a damaged one
//! that is reported, never dropped; [`log_csv`] writes the log for a spreadsheet.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::backup::{iso_time, BackupData};
use crate::domain::choice::choice_enum;
use crate::domain::contract::ContractStatus;
use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::evidence::csv;
use crate::domain::kinds::RecordKind;
use crate::domain::message::{Arg, Message};
use crate::domain::record::{RecordId, Timestamp};
use crate::msg;

/// What remains of an erased record: enough for sync and imports to know it is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// `"<store>:<id>"`, as sync names documents.
    pub doc_id: String,
    pub store: String,
    pub id: RecordId,
    /// One above the record's last revision.
    pub revision: u32,
    pub created_at: Timestamp,
    pub erased_at: Timestamp,
    /// The engagement it belonged to (the engagement's own id for the engagement and its
    /// journey); `None` when it belonged to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_id: Option<RecordId>,
}

impl Tombstone {
    /// The tombstone of a record of `kind` at `revision`, erased `now`.
    pub fn of(
        kind: RecordKind,
        id: RecordId,
        revision: u32,
        created_at: Timestamp,
        engagement_id: Option<RecordId>,
        now: Timestamp,
    ) -> Tombstone {
        Tombstone {
            doc_id: format!("{}:{}", kind.store(), id),
            store: kind.store().to_string(),
            id,
            revision: revision.saturating_add(1),
            created_at,
            erased_at: now,
            engagement_id,
        }
    }

    pub fn kind(&self) -> Option<RecordKind> {
        RecordKind::of_store(&self.store)
    }
}

/// What erasing an engagement removes.
#[derive(Debug, Clone, PartialEq)]
pub struct ErasurePlan {
    pub engagement_id: RecordId,
    pub kind: Kind,
    /// One per record, deleted ones included.
    pub tombstones: Vec<Tombstone>,
    /// Records of each kind that go.
    pub counts: BTreeMap<RecordKind, usize>,
    /// Not ended yet: erasing asks twice.
    pub in_progress: bool,
    /// The contract still open (drafted, proposed or agreed and not ended), in words.
    pub open_contract: Option<Message>,
}

impl ErasurePlan {
    /// "the engagement, 2 contract versions, 3 goals, 12 sessions with every note, the
    /// journey, 1 sponsor update": what the confirmation names.
    pub fn what_goes(&self) -> Message {
        let n = |kind| self.counts.get(&kind).copied().unwrap_or(0);
        let mut parts = vec![msg!("the engagement")];
        match n(RecordKind::Contract) {
            0 => {}
            1 => parts.push(msg!("1 contract version")),
            k => parts.push(msg!("{n} contract versions", n = k)),
        }
        match n(RecordKind::Goal) {
            0 => {}
            1 => parts.push(msg!("1 goal")),
            k => parts.push(msg!("{n} goals", n = k)),
        }
        match n(RecordKind::Session) {
            0 => {}
            1 => parts.push(msg!("1 session with every note")),
            k => parts.push(msg!("{n} sessions with every note", n = k)),
        }
        if n(RecordKind::Journey) > 0 {
            parts.push(msg!("the journey (signposts, pauses, ending)"));
        }
        match n(RecordKind::Report) {
            0 => {}
            1 => parts.push(msg!("1 sponsor update")),
            k => parts.push(msg!("{n} sponsor updates", n = k)),
        }
        msg!("{parts}", parts = Arg::Commas(parts))
    }
}

/// Everything of the engagement `engagement_id` in `data` (its records, deleted ones
/// included), to erase `now`.
pub fn plan_erasure(data: &BackupData, engagement_id: &RecordId, now: Timestamp) -> Result<ErasurePlan, Message> {
    let engagement =
        data.engagements.iter().find(|e| e.id == *engagement_id).ok_or_else(|| msg!("This engagement is not on this device."))?;
    let of = |id: &RecordId| id == engagement_id;
    let mut tombstones = Vec::new();
    let mut counts = BTreeMap::new();
    let mut add = |kind: RecordKind, id: &RecordId, revision: u32, created_at: Timestamp| {
        *counts.entry(kind).or_insert(0) += 1;
        tombstones.push(Tombstone::of(kind, id.clone(), revision, created_at, Some(engagement_id.clone()), now));
    };
    add(RecordKind::Engagement, &engagement.id, engagement.revision, engagement.created_at);
    for r in data.contracts.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Contract, &r.id, r.revision, r.created_at);
    }
    for r in data.goals.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Goal, &r.id, r.revision, r.created_at);
    }
    for r in data.sessions.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Session, &r.id, r.revision, r.created_at);
    }
    for r in data.journeys.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Journey, &r.id, r.revision, r.created_at);
    }
    for r in data.reports.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Report, &r.id, r.revision, r.created_at);
    }
    for r in data.perspectives.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Perspective, &r.id, r.revision, r.created_at);
    }
    for r in data.wheels.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Wheel, &r.id, r.revision, r.created_at);
    }
    for r in data.questionnaires.iter().filter(|r| of(&r.data.engagement_id)) {
        add(RecordKind::Questionnaire, &r.id, r.revision, r.created_at);
    }
    let ended = data.journeys.iter().any(|j| of(&j.data.engagement_id) && !j.deleted && j.data.ending.is_some());
    let open_contract = data
        .contracts
        .iter()
        .filter(|c| of(&c.data.engagement_id) && !c.deleted)
        .filter(|c| matches!(c.data.status, ContractStatus::Draft | ContractStatus::Proposed | ContractStatus::Agreed))
        .max_by_key(|c| c.data.version)
        .map(|c| {
            msg!("contract version {version} ({status})", version = c.data.version, status = Arg::LabelInSentence(c.data.status.label()))
        });
    Ok(ErasurePlan {
        engagement_id: engagement_id.clone(),
        kind: engagement.data.kind,
        tombstones,
        counts,
        in_progress: !ended && engagement.data.disposed.is_none(),
        open_contract,
    })
}

choice_enum!(
    /// What was done to an engagement's data.
    LogAction {
        Disposed => "disposed", "Notes disposed of at the end of the retention period";
        Erased => "erased", "Erased on request";
        ErasedElsewhere => "erased_elsewhere", "Erased on another device (arrived by sync)";
    }
);

/// One line of the disposal and erasure log. Never the content: which engagement by id
/// and kind, when, what, how many records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: RecordId,
    pub at: Timestamp,
    pub action: LogAction,
    pub engagement_id: RecordId,
    pub kind: Kind,
    /// Records removed or emptied.
    pub records: usize,
    /// For a disposal: the day the retention period ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<Date>,
}

/// An entry as read back from the device: readable, or damaged (reported, never dropped).
#[derive(Debug, Clone, PartialEq)]
pub enum LogRow {
    Entry(LogEntry),
    /// The stored key and why it could not be read.
    Damaged {
        key: String,
        problem: String,
    },
}

impl LogRow {
    /// When, for ordering; damaged rows last.
    fn sort_key(&self) -> (bool, i64, String) {
        match self {
            LogRow::Entry(e) => (false, e.at.0, e.id.to_string()),
            LogRow::Damaged { key, .. } => (true, 0, key.clone()),
        }
    }
}

/// Reads one stored log entry; a damaged one says what is wrong with it.
pub fn read_log_row(key: &str, value: &serde_json::Value) -> LogRow {
    match serde_json::from_value::<LogEntry>(value.clone()) {
        Ok(entry) if entry.id.as_str() == key => LogRow::Entry(entry),
        Ok(_) => LogRow::Damaged { key: key.to_string(), problem: "its id does not match the key it is stored under".into() },
        Err(e) => LogRow::Damaged { key: key.to_string(), problem: e.to_string() },
    }
}

/// The rows oldest first, damaged ones at the end.
pub fn sorted(mut rows: Vec<LogRow>) -> Vec<LogRow> {
    rows.sort_by_key(LogRow::sort_key);
    rows
}

/// The log as CSV: when (UTC, ISO 8601), what, engagement id, kind, records, retention
/// ended; a damaged entry is a row that says so.
pub fn log_csv(rows: &[LogRow]) -> String {
    let header = ["When (UTC)", "What", "Engagement id", "Kind", "Records", "Retention ended", "Problem"];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| match row {
            LogRow::Entry(e) => vec![
                iso_time(e.at),
                e.action.label().to_string(),
                e.engagement_id.to_string(),
                e.kind.label().to_string(),
                e.records.to_string(),
                e.due_on.map(|d| d.to_string()).unwrap_or_default(),
                String::new(),
            ],
            LogRow::Damaged { key, problem } => vec![
                String::new(),
                "Damaged entry".to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("Entry {key} could not be read: {problem}"),
            ],
        })
        .collect();
    csv::document(&header, &rows)
}

#[cfg(test)]
mod tests;
