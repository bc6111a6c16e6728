//! What importing a backup would do, and the merge.
//!
//! An [`ImportPlan`] compares every record in a file ([`BackupData`], already checked by
//! [`crate::domain::backup::Backup::read`]) with the records on this device, kind by kind
//! ([`RecordKind`]), and gives each a [`PlanItem`] with its [`Outcome`]: new, updated (the
//! file's copy is newer), unchanged, older (this device's copy is newer) or a conflict
//! (same revision with different content, or deleted on one side only). Records are
//! compared by their full JSON, revision and deleted flag included.
//!
//! [`resolve`] turns the plan and a person's [`Choice`] for each conflict into the records
//! to write. A choice that overrides a newer or conflicting copy is written one revision
//! above both copies, so it also wins the next time the two devices meet.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::domain::backup::BackupData;
use crate::domain::record::{Record, RecordId, Timestamp};

/// The kinds of record a backup holds, in the order a plan lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Engagement,
    Contract,
    Template,
    Goal,
    Session,
    Journey,
}

impl RecordKind {
    pub const ALL: [RecordKind; 6] = [
        RecordKind::Engagement,
        RecordKind::Contract,
        RecordKind::Template,
        RecordKind::Goal,
        RecordKind::Session,
        RecordKind::Journey,
    ];

    /// "engagement", "contract", …
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Engagement => "engagement",
            RecordKind::Contract => "contract",
            RecordKind::Template => "template",
            RecordKind::Goal => "goal",
            RecordKind::Session => "session",
            RecordKind::Journey => "journey",
        }
    }
}

/// What importing would do to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not on this device yet.
    New,
    /// The file's copy has a higher revision.
    Updated,
    /// Both copies are identical.
    Unchanged,
    /// The file's copy has a lower revision.
    Older,
    /// Same revision but different content, or deleted on one side and not on the other.
    Conflict,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [Outcome::New, Outcome::Updated, Outcome::Unchanged, Outcome::Older, Outcome::Conflict];

    /// "new", "updated", "unchanged", "older than yours", "conflict".
    pub fn label(self) -> &'static str {
        match self {
            Outcome::New => "new",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Older => "older than yours",
            Outcome::Conflict => "conflict",
        }
    }
}

/// One record of the file and what importing would do to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub kind: RecordKind,
    pub id: RecordId,
    pub outcome: Outcome,
    /// In words: "Goal “Lead the team” (Ada Lovelace)".
    pub title: String,
    /// When this device's copy last changed; `None` when there is none.
    pub mine_updated: Option<Timestamp>,
    pub theirs_updated: Timestamp,
}

/// What importing a file would do.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// Every record in the file: engagements first, then by kind order, each kind in file order.
    pub items: Vec<PlanItem>,
    /// The client names of the engagements in the file that are not deleted.
    pub engagements: Vec<String>,
    /// The earliest creation time in the file.
    pub earliest: Option<Timestamp>,
    /// The latest change in the file.
    pub latest: Option<Timestamp>,
}

/// The client's name for each engagement id: the file's first, then this device's.
fn client_names(incoming: &BackupData, local: &BackupData) -> BTreeMap<RecordId, String> {
    let mut names = BTreeMap::new();
    for record in local.engagements.iter().chain(&incoming.engagements) {
        names.insert(record.id.clone(), record.data.client.as_str().to_string());
    }
    names
}

/// " (Ada Lovelace)", or nothing when the engagement is unknown.
fn of_client(names: &BTreeMap<RecordId, String>, engagement: &RecordId) -> String {
    names.get(engagement).map(|name| format!(" ({name})")).unwrap_or_default()
}

/// Two records the same, down to revision and deleted flag.
fn same<T: Serialize>(a: &Record<T>, b: &Record<T>) -> bool {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn outcome<T: Serialize>(theirs: &Record<T>, mine: Option<&Record<T>>) -> Outcome {
    match mine {
        None => Outcome::New,
        Some(mine) if same(theirs, mine) => Outcome::Unchanged,
        Some(mine) if mine.deleted != theirs.deleted => Outcome::Conflict,
        Some(mine) if theirs.revision > mine.revision => Outcome::Updated,
        Some(mine) if theirs.revision < mine.revision => Outcome::Older,
        Some(_) => Outcome::Conflict,
    }
}

fn by_id<T>(records: &[Record<T>]) -> BTreeMap<&RecordId, &Record<T>> {
    records.iter().map(|r| (&r.id, r)).collect()
}

fn plan_kind<T: Serialize>(
    kind: RecordKind,
    incoming: &[Record<T>],
    local: &[Record<T>],
    title: impl Fn(&T) -> String,
    items: &mut Vec<PlanItem>,
) {
    let mine = by_id(local);
    for theirs in incoming {
        let mine = mine.get(&theirs.id).copied();
        items.push(PlanItem {
            kind,
            id: theirs.id.clone(),
            outcome: outcome(theirs, mine),
            title: title(&theirs.data),
            mine_updated: mine.map(|m| m.updated_at),
            theirs_updated: theirs.updated_at,
        });
    }
}

/// Every record's envelope times, across kinds.
fn times(data: &BackupData) -> Vec<(Timestamp, Timestamp)> {
    let mut all = Vec::new();
    all.extend(data.engagements.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.contracts.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.templates.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.goals.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.sessions.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.journeys.iter().map(|r| (r.created_at, r.updated_at)));
    all
}

impl ImportPlan {
    /// What importing `incoming` into a device holding `local` would do.
    pub fn new(incoming: &BackupData, local: &BackupData) -> ImportPlan {
        let names = client_names(incoming, local);
        let mut items = Vec::new();
        plan_kind(RecordKind::Engagement, &incoming.engagements, &local.engagements, |e| format!("Engagement with {}", e.client.as_str()), &mut items);
        plan_kind(
            RecordKind::Contract,
            &incoming.contracts,
            &local.contracts,
            |c| format!("Contract version {}{}", c.version, of_client(&names, &c.engagement_id)),
            &mut items,
        );
        plan_kind(RecordKind::Template, &incoming.templates, &local.templates, |t| format!("Template “{}”", t.name), &mut items);
        plan_kind(
            RecordKind::Goal,
            &incoming.goals,
            &local.goals,
            |g| format!("Goal “{}”{}", g.title, of_client(&names, &g.engagement_id)),
            &mut items,
        );
        plan_kind(
            RecordKind::Session,
            &incoming.sessions,
            &local.sessions,
            |s| format!("Session on {}{}", s.date.long(), of_client(&names, &s.engagement_id)),
            &mut items,
        );
        plan_kind(
            RecordKind::Journey,
            &incoming.journeys,
            &local.journeys,
            |j| format!("Journey{}", of_client(&names, &j.engagement_id)),
            &mut items,
        );
        let times = times(incoming);
        ImportPlan {
            items,
            engagements: incoming.engagements.iter().filter(|e| !e.deleted).map(|e| e.data.client.as_str().to_string()).collect(),
            earliest: times.iter().map(|t| t.0).min(),
            latest: times.iter().map(|t| t.1).max(),
        }
    }

    /// How many records would have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }

    /// "3 new, 2 updated, 10 unchanged, 1 older than yours, 1 conflict." (parts with
    /// none are left out; "Nothing in this file." when the file holds no records).
    pub fn summary(&self) -> String {
        let parts: Vec<String> = Outcome::ALL
            .into_iter()
            .filter_map(|outcome| match self.count(outcome) {
                0 => None,
                n if outcome == Outcome::Conflict && n > 1 => Some(format!("{n} conflicts")),
                n => Some(format!("{n} {}", outcome.label())),
            })
            .collect();
        if parts.is_empty() {
            "Nothing in this file.".to_string()
        } else {
            format!("{}.", parts.join(", "))
        }
    }

    /// The records a person must choose between.
    pub fn conflicts(&self) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(|i| i.outcome == Outcome::Conflict)
    }
}

/// Which copy to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// This device's copy.
    Mine,
    /// The file's copy.
    Theirs,
}

/// One revision above both copies, changed now (never earlier than either copy).
fn above_both<T: Clone>(keep: &Record<T>, other: &Record<T>, now: Timestamp) -> Record<T> {
    Record {
        revision: keep.revision.max(other.revision).saturating_add(1),
        updated_at: now.max(keep.updated_at).max(other.updated_at),
        ..keep.clone()
    }
}

struct Resolving<'a> {
    plan: &'a ImportPlan,
    decisions: &'a BTreeMap<(RecordKind, RecordId), Choice>,
    now: Timestamp,
    undecided: Vec<String>,
}

impl Resolving<'_> {
    fn kind<T: Clone>(&mut self, kind: RecordKind, incoming: &[Record<T>], local: &[Record<T>]) -> Vec<Record<T>> {
        let theirs = by_id(incoming);
        let mine = by_id(local);
        let mut written = Vec::new();
        let mut done = BTreeSet::new();
        for item in self.plan.items.iter().filter(|i| i.kind == kind) {
            let Some(their) = theirs.get(&item.id) else { continue };
            if !done.insert(&item.id) {
                continue;
            }
            let choice = self.decisions.get(&(kind, item.id.clone())).copied();
            let mine = mine.get(&item.id);
            let record = match (item.outcome, choice, mine) {
                (Outcome::Unchanged, _, _) => None,
                (Outcome::New | Outcome::Updated, None | Some(Choice::Theirs), _) => Some((*their).clone()),
                (Outcome::New | Outcome::Updated | Outcome::Older, Some(Choice::Mine), _) => None,
                (Outcome::Older, None, _) => None,
                (Outcome::Older | Outcome::Conflict, Some(Choice::Theirs), Some(mine)) => Some(above_both(their, mine, self.now)),
                (Outcome::Conflict, Some(Choice::Mine), Some(mine)) => Some(above_both(mine, their, self.now)),
                (Outcome::Conflict, None, _) => {
                    self.undecided.push(item.title.clone());
                    None
                }
                // The plan was made against other records: without this device's copy the
                // file's copy is simply new.
                (Outcome::Older | Outcome::Conflict, Some(Choice::Theirs), None) => Some((*their).clone()),
                (Outcome::Conflict, Some(Choice::Mine), None) => None,
            };
            written.extend(record);
        }
        written
    }
}

/// The records to write for `plan`, given a person's `decisions`.
///
/// Without a decision: new and updated records take the file's copy, older ones keep this
/// device's copy, unchanged ones write nothing, and a conflict must be decided (otherwise
/// `Err` lists the undecided records: "Choose which copy to keep for: Goal “Lead the
/// team” (Ada Lovelace).").
///
/// The file's copy of a new or updated record is written exactly as in the file. Choosing
/// the file's copy of an older or conflicting record writes its data one revision above
/// both copies and changed `now`; keeping this device's copy of a conflict does the same
/// with this device's copy, so the other device sees it as newer next time. Keeping this
/// device's copy of a new, updated or older record writes nothing.
pub fn resolve(
    plan: &ImportPlan,
    incoming: &BackupData,
    local: &BackupData,
    decisions: &BTreeMap<(RecordKind, RecordId), Choice>,
    now: Timestamp,
) -> Result<BackupData, String> {
    let mut resolving = Resolving { plan, decisions, now, undecided: Vec::new() };
    let written = BackupData {
        engagements: resolving.kind(RecordKind::Engagement, &incoming.engagements, &local.engagements),
        contracts: resolving.kind(RecordKind::Contract, &incoming.contracts, &local.contracts),
        templates: resolving.kind(RecordKind::Template, &incoming.templates, &local.templates),
        goals: resolving.kind(RecordKind::Goal, &incoming.goals, &local.goals),
        sessions: resolving.kind(RecordKind::Session, &incoming.sessions, &local.sessions),
        journeys: resolving.kind(RecordKind::Journey, &incoming.journeys, &local.journeys),
    };
    if resolving.undecided.is_empty() {
        Ok(written)
    } else {
        Err(format!("Choose which copy to keep for: {}.", resolving.undecided.join("; ")))
    }
}

#[cfg(test)]
mod tests;
