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
use crate::domain::erasure::Tombstone;
pub use crate::domain::kinds::RecordKind;
use crate::domain::message::{Arg, Message};
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::msg;

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
    /// Erased on this device (it, or its engagement): left out unless the person chooses
    /// to bring it back.
    Erased,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [Outcome::New, Outcome::Updated, Outcome::Unchanged, Outcome::Older, Outcome::Conflict, Outcome::Erased];

    /// "new", "updated", "unchanged", "older than yours", "conflict".
    pub fn label(self) -> &'static str {
        match self {
            Outcome::New => "new",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Older => "older than yours",
            Outcome::Conflict => "conflict",
            Outcome::Erased => "erased here",
        }
    }

    /// "3 new", "1 older than yours", "2 conflicts".
    pub fn counted(self, n: usize) -> Message {
        match self {
            Outcome::New => msg!("{n} new", n = n),
            Outcome::Updated => msg!("{n} updated", n = n),
            Outcome::Unchanged => msg!("{n} unchanged", n = n),
            Outcome::Older => msg!("{n} older than yours", n = n),
            Outcome::Conflict if n == 1 => msg!("1 conflict"),
            Outcome::Conflict => msg!("{n} conflicts", n = n),
            Outcome::Erased => msg!("{n} erased here (left out)", n = n),
        }
    }
}

/// One record of the file and what importing would do to it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub kind: RecordKind,
    pub id: RecordId,
    /// The engagement the record belongs to (the engagement's own id for an engagement).
    pub engagement: Option<RecordId>,
    pub outcome: Outcome,
    /// In words: "Goal “Lead the team” (Ada Lovelace)".
    pub title: Message,
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
    /// Why the file may not be imported at all: it would change a contract version agreed
    /// on this device, or a sponsor update approved here. `None` when it may.
    pub refused: Option<Message>,
    /// Engagements in the file that were erased on this device: their id and the client's
    /// name as the file has it. Left out unless the person chooses to restore them.
    pub erased: Vec<(RecordId, String)>,
}

/// The client's name for each engagement id: the file's first, then this device's.
fn client_names(incoming: &BackupData, local: &BackupData) -> BTreeMap<RecordId, String> {
    let mut names = BTreeMap::new();
    for record in local.engagements.iter().chain(&incoming.engagements) {
        names.insert(record.id.clone(), record.data.client.as_str().to_string());
    }
    names
}

/// "Goal “Lead the team” (Ada Lovelace)": `what`, with the client's name when the engagement is known.
fn of_client(names: &BTreeMap<RecordId, String>, engagement: &RecordId, what: Message) -> Message {
    match names.get(engagement) {
        Some(name) => msg!("{what} ({name})", what = what, name = name),
        None => what,
    }
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

/// The engagement a record belongs to: its own id for an engagement, else its data's `engagement_id`.
fn engagement_of<T: Serialize>(kind: RecordKind, id: &RecordId, data: &T) -> Option<RecordId> {
    if kind == RecordKind::Engagement {
        return Some(id.clone());
    }
    serde_json::to_value(data).ok()?.get("engagement_id")?.as_str().and_then(RecordId::parse)
}

fn plan_kind<T: Serialize>(
    kind: RecordKind,
    incoming: &[Record<T>],
    local: &[Record<T>],
    title: impl Fn(&T) -> Message,
    items: &mut Vec<PlanItem>,
) {
    let mine = by_id(local);
    for theirs in incoming {
        let mine = mine.get(&theirs.id).copied();
        items.push(PlanItem {
            kind,
            id: theirs.id.clone(),
            engagement: engagement_of(kind, &theirs.id, &theirs.data),
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
    all.extend(data.supervision.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.reports.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.perspectives.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.cpd.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.wheels.iter().map(|r| (r.created_at, r.updated_at)));
    all.extend(data.questionnaires.iter().map(|r| (r.created_at, r.updated_at)));
    all
}

impl ImportPlan {
    /// What importing `incoming` into a device holding `local` would do.
    pub fn new(incoming: &BackupData, local: &BackupData) -> ImportPlan {
        let names = client_names(incoming, local);
        let mut items = Vec::new();
        plan_kind(
            RecordKind::Engagement,
            &incoming.engagements,
            &local.engagements,
            |e| msg!("Engagement with {client}", client = e.client.as_str()),
            &mut items,
        );
        plan_kind(
            RecordKind::Contract,
            &incoming.contracts,
            &local.contracts,
            |c| of_client(&names, &c.engagement_id, msg!("Contract version {version}", version = c.version)),
            &mut items,
        );
        plan_kind(RecordKind::Template, &incoming.templates, &local.templates, |t| msg!("Template “{name}”", name = &t.name), &mut items);
        plan_kind(
            RecordKind::Goal,
            &incoming.goals,
            &local.goals,
            |g| of_client(&names, &g.engagement_id, msg!("Goal “{title}”", title = &g.title)),
            &mut items,
        );
        plan_kind(
            RecordKind::Session,
            &incoming.sessions,
            &local.sessions,
            |s| of_client(&names, &s.engagement_id, msg!("Session on {date}", date = s.date)),
            &mut items,
        );
        plan_kind(
            RecordKind::Journey,
            &incoming.journeys,
            &local.journeys,
            |j| of_client(&names, &j.engagement_id, msg!("Journey")),
            &mut items,
        );
        plan_kind(
            RecordKind::Supervision,
            &incoming.supervision,
            &local.supervision,
            |e| msg!("Supervision on {date} with {supervisor}", date = e.on, supervisor = &e.supervisor),
            &mut items,
        );
        plan_kind(
            RecordKind::Report,
            &incoming.reports,
            &local.reports,
            |r| of_client(&names, &r.engagement_id, msg!("Sponsor update of {date}", date = r.drafted_on)),
            &mut items,
        );
        plan_kind(
            RecordKind::Perspective,
            &incoming.perspectives,
            &local.perspectives,
            |p| of_client(&names, &p.engagement_id, msg!("You as {party}", party = Arg::LabelInSentence(p.me.label()))),
            &mut items,
        );
        plan_kind(
            RecordKind::Cpd,
            &incoming.cpd,
            &local.cpd,
            |e| msg!("CPD on {date}: {activity}", date = e.on, activity = &e.activity),
            &mut items,
        );
        plan_kind(
            RecordKind::Wheel,
            &incoming.wheels,
            &local.wheels,
            |w| of_client(&names, &w.engagement_id, msg!("Wheel of life")),
            &mut items,
        );
        plan_kind(
            RecordKind::Questionnaire,
            &incoming.questionnaires,
            &local.questionnaires,
            |q| of_client(&names, &q.engagement_id, msg!("Questionnaire “{title}”", title = &q.questionnaire.title)),
            &mut items,
        );
        let times = times(incoming);
        let refused = frozen_problem(incoming, local);
        ImportPlan {
            refused,
            erased: Vec::new(),
            items,
            engagements: incoming.engagements.iter().filter(|e| !e.deleted).map(|e| e.data.client.as_str().to_string()).collect(),
            earliest: times.iter().map(|t| t.0).min(),
            latest: times.iter().map(|t| t.1).max(),
        }
    }

    /// The plan with every record erased on this device (by `tombstones`), or belonging to
    /// an engagement erased here, marked [`Outcome::Erased`]: an older backup or a
    /// relationship file does not bring erased data back unless the person says so.
    pub fn leaving_out_erased(mut self, tombstones: &[Tombstone], incoming: &BackupData) -> ImportPlan {
        let records: BTreeSet<(&str, &RecordId)> = tombstones.iter().map(|t| (t.store.as_str(), &t.id)).collect();
        let engagements: BTreeSet<&RecordId> =
            tombstones.iter().filter(|t| t.store == RecordKind::Engagement.store()).map(|t| &t.id).collect();
        let mut erased = BTreeSet::new();
        for item in &mut self.items {
            let engagement_erased = item.engagement.as_ref().is_some_and(|e| engagements.contains(e));
            if engagement_erased || records.contains(&(item.kind.store(), &item.id)) {
                item.outcome = Outcome::Erased;
                erased.extend(item.engagement.clone().filter(|e| engagements.contains(e)));
            }
        }
        self.erased = erased
            .into_iter()
            .map(|id| {
                let name = incoming.engagements.iter().find(|e| e.id == id).map(|e| e.data.client.as_str().to_string()).unwrap_or_default();
                (id, name)
            })
            .collect();
        self
    }

    /// How many records would have this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }

    /// "3 new, 2 updated, 10 unchanged, 1 older than yours, 1 conflict." (parts with
    /// none are left out; "Nothing in this file." when the file holds no records).
    pub fn summary(&self) -> Message {
        let parts: Vec<Message> = Outcome::ALL
            .into_iter()
            .filter_map(|outcome| match self.count(outcome) {
                0 => None,
                n => Some(outcome.counted(n)),
            })
            .collect();
        if parts.is_empty() {
            msg!("Nothing in this file.")
        } else {
            msg!("{parts}.", parts = Arg::Commas(parts))
        }
    }

    /// The records a person must choose between.
    pub fn conflicts(&self) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(|i| i.outcome == Outcome::Conflict)
    }
}

/// Whether the file would change what is frozen on this device: a copy of an agreed
/// contract version, or of an approved sponsor update, that differs from this device's and is
/// not older than it (an older copy is never written). The first such record, in words.
fn frozen_problem(incoming: &BackupData, local: &BackupData) -> Option<Message> {
    let contracts = by_id(&local.contracts);
    let reports = by_id(&local.reports);
    let not_older = |theirs_revision: u32, mine_revision: u32| theirs_revision >= mine_revision;
    incoming
        .contracts
        .iter()
        .filter_map(|theirs| {
            let mine = contracts.get(&theirs.id)?;
            (not_older(theirs.revision, mine.revision) && theirs.data != mine.data)
                .then(|| mine.data.replaced_by_problem(&theirs.id, &theirs.data))
                .flatten()
        })
        .chain(incoming.reports.iter().filter_map(|theirs| {
            let mine = reports.get(&theirs.id)?;
            (not_older(theirs.revision, mine.revision) && theirs.data != mine.data)
                .then(|| mine.data.replaced_by_problem(&theirs.data))
                .flatten()
        }))
        .next()
        .map(|problem| msg!("{what} Nothing was changed.", what = problem))
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
    undecided: Vec<Message>,
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
                // Erased here: only when the person chose to bring it back.
                (Outcome::Erased, Some(Choice::Theirs), _) => Some((*their).clone()),
                (Outcome::Erased, _, _) => None,
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
) -> Result<BackupData, Message> {
    if let Some(refused) = &plan.refused {
        return Err(refused.clone());
    }
    let mut resolving = Resolving { plan, decisions, now, undecided: Vec::new() };
    let written = BackupData {
        engagements: resolving.kind(RecordKind::Engagement, &incoming.engagements, &local.engagements),
        contracts: resolving.kind(RecordKind::Contract, &incoming.contracts, &local.contracts),
        templates: resolving.kind(RecordKind::Template, &incoming.templates, &local.templates),
        goals: resolving.kind(RecordKind::Goal, &incoming.goals, &local.goals),
        sessions: resolving.kind(RecordKind::Session, &incoming.sessions, &local.sessions),
        journeys: resolving.kind(RecordKind::Journey, &incoming.journeys, &local.journeys),
        supervision: resolving.kind(RecordKind::Supervision, &incoming.supervision, &local.supervision),
        reports: resolving.kind(RecordKind::Report, &incoming.reports, &local.reports),
        perspectives: resolving.kind(RecordKind::Perspective, &incoming.perspectives, &local.perspectives),
        cpd: resolving.kind(RecordKind::Cpd, &incoming.cpd, &local.cpd),
        wheels: resolving.kind(RecordKind::Wheel, &incoming.wheels, &local.wheels),
        questionnaires: resolving.kind(RecordKind::Questionnaire, &incoming.questionnaires, &local.questionnaires),
    };
    if resolving.undecided.is_empty() {
        Ok(written)
    } else {
        Err(msg!("Choose which copy to keep for: {records}.", records = Arg::List(resolving.undecided)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::{Backup, Scope};
    use crate::domain::contract::{fixtures, templates, Contract, ContractTemplate};
    use crate::domain::date::Date;
    use crate::domain::engagement::Kind;
    use crate::domain::goal::Goal;
    use crate::domain::session::journey::Journey;
    use crate::domain::session::{ClockTime, Purpose, Session};

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn template() -> ContractTemplate {
        let mut template = templates::built_in().remove(0);
        template.name = "My coaching".into();
        template.clauses.truncate(2);
        template
    }

    /// One record of every kind: Ada's engagement with its contract, goal, session and
    /// journey, a deleted engagement and a template of the person's own.
    fn everything() -> BackupData {
        let ada = Record::new(id("eng-ada"), Timestamp(1_000), fixtures::engagement(Kind::Coaching, false));
        let bea =
            Record::new(id("eng-bea"), Timestamp(2_000), fixtures::engagement(Kind::Mentoring, true)).marked_deleted(Timestamp(3_000));
        let today = Date::parse("2026-11-23").unwrap();
        let mut contract = Contract::from_template(ada.id.clone(), &template(), template().terms(Kind::Coaching, false, today));
        contract.version = 2;
        let contract = Record::new(id("con-1"), Timestamp(1_500), contract);
        let template = Record::new(id("tpl-1"), Timestamp(500), template());
        let goal = Record::new(id("goal-1"), Timestamp(4_000), Goal::new(ada.id.clone(), "Lead the team"));
        let session = Record::new(
            id("ses-1"),
            Timestamp(5_000),
            Session::planned(ada.id.clone(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 60, Purpose::Session),
        );
        let journey = Record::new(ada.id.clone(), Timestamp(6_000), Journey::new(ada.id.clone()));
        BackupData {
            engagements: vec![ada, bea],
            contracts: vec![contract],
            templates: vec![template],
            goals: vec![goal],
            sessions: vec![session],
            journeys: vec![journey],
            supervision: Vec::new(),
            reports: Vec::new(),
            perspectives: Vec::new(),
            cpd: Vec::new(),
            wheels: Vec::new(),
            questionnaires: Vec::new(),
        }
    }

    fn goal(data: &BackupData) -> Record<Goal> {
        data.goals[0].clone()
    }

    fn item<'a>(plan: &'a ImportPlan, kind: RecordKind, record: &str) -> &'a PlanItem {
        plan.items.iter().find(|i| i.kind == kind && i.id.as_str() == record).unwrap()
    }

    fn no_decisions() -> BTreeMap<(RecordKind, RecordId), Choice> {
        BTreeMap::new()
    }

    fn decide(choice: Choice) -> BTreeMap<(RecordKind, RecordId), Choice> {
        BTreeMap::from([((RecordKind::Goal, id("goal-1")), choice)])
    }

    const NOW: Timestamp = Timestamp(99_000);

    /// The file and this device after `change` to the file's goal.
    fn with_their_goal(change: impl FnOnce(Record<Goal>) -> Record<Goal>) -> (BackupData, BackupData) {
        let local = everything();
        let mut incoming = everything();
        incoming.goals[0] = change(goal(&incoming));
        (incoming, local)
    }

    fn goal_outcome(incoming: &BackupData, local: &BackupData) -> Outcome {
        item(&ImportPlan::new(incoming, local), RecordKind::Goal, "goal-1").outcome
    }

    #[test]
    fn a_record_this_device_does_not_have_is_new() {
        let mut local = everything();
        local.goals.clear();
        let plan = ImportPlan::new(&everything(), &local);
        let item = item(&plan, RecordKind::Goal, "goal-1");
        assert_eq!((item.outcome, item.mine_updated, item.theirs_updated), (Outcome::New, None, Timestamp(4_000)));
        assert_eq!(plan.count(Outcome::New), 1);
    }

    #[test]
    fn a_higher_revision_in_the_file_is_an_update() {
        let (incoming, local) = with_their_goal(|g| {
            let data = Goal { title: "Lead the whole team".into(), ..g.data.clone() };
            g.revised(Timestamp(7_000), data)
        });
        let plan = ImportPlan::new(&incoming, &local);
        let item = item(&plan, RecordKind::Goal, "goal-1");
        assert_eq!((item.outcome, item.mine_updated, item.theirs_updated), (Outcome::Updated, Some(Timestamp(4_000)), Timestamp(7_000)));
        assert_eq!(item.title, "Goal “Lead the whole team” (Ada Lovelace)", "the title is the file's copy");
    }

    #[test]
    fn identical_records_are_unchanged() {
        let plan = ImportPlan::new(&everything(), &everything());
        assert!(plan.items.iter().all(|i| i.outcome == Outcome::Unchanged));
        assert_eq!(plan.items.len(), everything().total());
    }

    #[test]
    fn a_lower_revision_in_the_file_is_older() {
        let local =
            BackupData { goals: vec![goal(&everything()).revised(Timestamp(8_000), Goal::new(id("eng-ada"), "Lead"))], ..everything() };
        assert_eq!(goal_outcome(&everything(), &local), Outcome::Older);
    }

    #[test]
    fn the_same_revision_with_different_content_is_a_conflict() {
        let (incoming, local) = with_their_goal(|g| Record { data: Goal { title: "Lead the other team".into(), ..g.data.clone() }, ..g });
        assert_eq!(goal_outcome(&incoming, &local), Outcome::Conflict);
        // The envelope counts too: the same data changed at another time is not identical.
        let (incoming, local) = with_their_goal(|g| Record { updated_at: Timestamp(4_001), ..g });
        assert_eq!(goal_outcome(&incoming, &local), Outcome::Conflict);
    }

    #[test]
    fn deleted_on_one_side_only_is_a_conflict_whatever_the_revisions() {
        let (incoming, local) = with_their_goal(|g| g.marked_deleted(Timestamp(9_000)));
        assert_eq!(goal_outcome(&incoming, &local), Outcome::Conflict, "deleted in the file, at a higher revision");
        assert_eq!(goal_outcome(&local, &incoming), Outcome::Conflict, "deleted here, at a higher revision");
        let (incoming, local) = with_their_goal(|g| Record { deleted: true, ..g });
        assert_eq!(goal_outcome(&incoming, &local), Outcome::Conflict, "same revision");
    }

    #[test]
    fn every_record_is_titled_in_words_with_its_client() {
        let plan = ImportPlan::new(&everything(), &BackupData::default());
        let titles: Vec<String> = plan.items.iter().map(|i| i.title.to_string()).collect();
        assert_eq!(
            titles,
            [
                "Engagement with Ada Lovelace",
                "Engagement with Ada Lovelace",
                "Contract version 2 (Ada Lovelace)",
                "Template “My coaching”",
                "Goal “Lead the team” (Ada Lovelace)",
                "Session on 1 Dec 2026 (Ada Lovelace)",
                "Journey (Ada Lovelace)",
            ]
        );
        let kinds: Vec<RecordKind> = plan.items.iter().map(|i| i.kind).collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "engagements first, then by kind order");
        assert_eq!(
            RecordKind::ALL.map(RecordKind::label),
            [
                "engagement",
                "contract",
                "template",
                "goal",
                "session",
                "journey",
                "supervision entry",
                "sponsor update",
                "perspective",
                "CPD entry",
                "wheel of life",
                "questionnaire"
            ]
        );
    }

    #[test]
    fn a_relationship_file_finds_the_client_name_on_this_device() {
        let mut incoming = everything();
        incoming.engagements.clear();
        let plan = ImportPlan::new(&incoming, &everything());
        assert_eq!(item(&plan, RecordKind::Goal, "goal-1").title, "Goal “Lead the team” (Ada Lovelace)");
        let plan = ImportPlan::new(&incoming, &BackupData::default());
        assert_eq!(item(&plan, RecordKind::Goal, "goal-1").title, "Goal “Lead the team”", "no client to name");
    }

    #[test]
    fn the_plan_names_the_live_engagements_and_the_time_span() {
        let plan = ImportPlan::new(&everything(), &BackupData::default());
        assert_eq!(plan.engagements, ["Ada Lovelace"], "the deleted engagement is not listed");
        assert_eq!(plan.earliest, Some(Timestamp(500)));
        assert_eq!(plan.latest, Some(Timestamp(6_000)));
        let empty = ImportPlan::new(&BackupData::default(), &everything());
        assert_eq!((empty.earliest, empty.latest), (None, None));
        assert_eq!(empty.summary(), "Nothing in this file.");
    }

    #[test]
    fn the_summary_counts_each_outcome_and_leaves_out_none() {
        let plan = ImportPlan::new(&everything(), &BackupData::default());
        assert_eq!(plan.summary(), "7 new.");
        let mut local = everything();
        local.sessions.clear();
        local.goals[0] = goal(&local).revised(Timestamp(8_000), Goal::new(id("eng-ada"), "Lead"));
        local.journeys[0].data.signposts.clear();
        local.contracts[0].data.template_name = "Edited".into();
        let mut incoming = everything();
        incoming.templates[0] = incoming.templates[0].clone().revised(Timestamp(8_000), template());
        let plan = ImportPlan::new(&incoming, &local);
        assert_eq!(plan.summary(), "1 new, 1 updated, 3 unchanged, 1 older than yours, 1 conflict.");
        local.engagements[0].data.kind = Kind::Mentoring;
        let plan = ImportPlan::new(&incoming, &local);
        assert_eq!(plan.summary(), "1 new, 1 updated, 2 unchanged, 1 older than yours, 2 conflicts.");
        assert_eq!(
            plan.conflicts().map(|i| i.title.to_string()).collect::<Vec<_>>(),
            ["Engagement with Ada Lovelace", "Contract version 2 (Ada Lovelace)"]
        );
    }

    #[test]
    fn by_default_new_and_updated_records_take_the_files_copy_exactly() {
        let mut local = everything();
        local.sessions.clear();
        let (incoming, _) = with_their_goal(|g| {
            let data = g.data.clone();
            g.revised(Timestamp(7_000), data)
        });
        let plan = ImportPlan::new(&incoming, &local);
        let written = resolve(&plan, &incoming, &local, &no_decisions(), NOW).unwrap();
        assert_eq!(written.sessions, incoming.sessions, "new");
        assert_eq!(written.goals, incoming.goals, "updated, revision and time as in the file");
        assert_eq!(written.total(), 2, "unchanged records write nothing");
    }

    #[test]
    fn by_default_an_older_copy_in_the_file_writes_nothing() {
        let local =
            BackupData { goals: vec![goal(&everything()).revised(Timestamp(8_000), Goal::new(id("eng-ada"), "Lead"))], ..everything() };
        let plan = ImportPlan::new(&everything(), &local);
        assert_eq!(resolve(&plan, &everything(), &local, &no_decisions(), NOW).unwrap(), BackupData::default());
    }

    #[test]
    fn a_conflict_must_be_decided() {
        let (incoming, local) = with_their_goal(|g| Record { data: Goal { title: "Lead the other team".into(), ..g.data.clone() }, ..g });
        let plan = ImportPlan::new(&incoming, &local);
        assert_eq!(
            resolve(&plan, &incoming, &local, &no_decisions(), NOW).map_err(|m| m.to_string()),
            Err("Choose which copy to keep for: Goal “Lead the other team” (Ada Lovelace).".to_string())
        );
    }

    #[test]
    fn choosing_the_files_copy_of_a_conflict_writes_it_above_both_revisions_now() {
        let (incoming, local) = with_their_goal(|g| Record { data: Goal { title: "Lead the other team".into(), ..g.data.clone() }, ..g });
        let plan = ImportPlan::new(&incoming, &local);
        let written = resolve(&plan, &incoming, &local, &decide(Choice::Theirs), NOW).unwrap();
        assert_eq!(written.total(), 1);
        let goal = &written.goals[0];
        assert_eq!((goal.revision, goal.updated_at, goal.data.title.as_str()), (2, NOW, "Lead the other team"));
        assert_eq!(goal.created_at, incoming.goals[0].created_at);
        // Next time, this choice is simply newer than either old copy.
        let again = BackupData { goals: vec![goal.clone()], ..everything() };
        assert_eq!(goal_outcome(&again, &local), Outcome::Updated);
    }

    #[test]
    fn keeping_my_copy_of_a_conflict_writes_mine_above_both_revisions_now() {
        let (incoming, local) = with_their_goal(|g| g.marked_deleted(Timestamp(9_000)));
        let plan = ImportPlan::new(&incoming, &local);
        let written = resolve(&plan, &incoming, &local, &decide(Choice::Mine), NOW).unwrap();
        let goal = &written.goals[0];
        assert_eq!((goal.revision, goal.updated_at, goal.deleted, goal.data.title.as_str()), (3, NOW, false, "Lead the team"));
        assert_eq!(goal_outcome(&written, &incoming), Outcome::Conflict, "still deleted on one side only");
        let theirs_next_time = BackupData { goals: written.goals.clone(), ..everything() };
        assert_eq!(item(&ImportPlan::new(&incoming, &theirs_next_time), RecordKind::Goal, "goal-1").outcome, Outcome::Conflict);
    }

    #[test]
    fn choosing_the_files_older_copy_writes_it_above_mine_now() {
        let local =
            BackupData { goals: vec![goal(&everything()).revised(Timestamp(8_000), Goal::new(id("eng-ada"), "Lead"))], ..everything() };
        let plan = ImportPlan::new(&everything(), &local);
        let written = resolve(&plan, &everything(), &local, &decide(Choice::Theirs), NOW).unwrap();
        let goal = &written.goals[0];
        assert_eq!((goal.revision, goal.updated_at, goal.data.title.as_str()), (3, NOW, "Lead the team"));
    }

    #[test]
    fn a_change_is_never_dated_before_either_copy() {
        let local =
            BackupData { goals: vec![goal(&everything()).revised(Timestamp(8_000), Goal::new(id("eng-ada"), "Lead"))], ..everything() };
        let plan = ImportPlan::new(&everything(), &local);
        let written = resolve(&plan, &everything(), &local, &decide(Choice::Theirs), Timestamp(10)).unwrap();
        assert_eq!(written.goals[0].updated_at, Timestamp(8_000), "a clock that went backwards");
    }

    #[test]
    fn keeping_my_copy_of_a_new_updated_or_older_record_writes_nothing() {
        let mut local = everything();
        local.goals.clear();
        let plan = ImportPlan::new(&everything(), &local);
        assert_eq!(resolve(&plan, &everything(), &local, &decide(Choice::Mine), NOW).unwrap().goals, []);
        let (incoming, local) = with_their_goal(|g| {
            let data = g.data.clone();
            g.revised(Timestamp(7_000), data)
        });
        let plan = ImportPlan::new(&incoming, &local);
        assert_eq!(resolve(&plan, &incoming, &local, &decide(Choice::Mine), NOW).unwrap(), BackupData::default());
        let (local, incoming) = (incoming, local);
        let plan = ImportPlan::new(&incoming, &local);
        assert_eq!(resolve(&plan, &incoming, &local, &decide(Choice::Mine), NOW).unwrap(), BackupData::default());
    }

    #[test]
    fn an_export_imported_into_an_empty_database_writes_exactly_the_files_records() {
        let text = Backup::new(everything(), Scope::Everything, 5, "0.1.0", Timestamp(10_000)).to_json();
        let file = Backup::read(&text).unwrap();
        let plan = ImportPlan::new(&file.data, &BackupData::default());
        assert_eq!(plan.count(Outcome::New), file.data.total());
        let written = resolve(&plan, &file.data, &BackupData::default(), &no_decisions(), NOW).unwrap();
        assert_eq!(serde_json::to_string(&written).unwrap(), serde_json::to_string(&file.data).unwrap());
        assert_eq!(written.checksum(), file.checksum);
    }

    #[test]
    fn importing_a_file_into_the_database_it_came_from_changes_nothing() {
        let text = Backup::new(everything(), Scope::Everything, 5, "0.1.0", Timestamp(10_000)).to_json();
        let file = Backup::read(&text).unwrap();
        let plan = ImportPlan::new(&file.data, &everything());
        assert!(plan.items.iter().all(|i| i.outcome == Outcome::Unchanged));
        assert_eq!(plan.summary(), "7 unchanged.");
        assert_eq!(resolve(&plan, &file.data, &everything(), &no_decisions(), NOW).unwrap().total(), 0);
    }

    // ---- The corpus of malformed files ----

    const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import-corpus");

    /// Every file in the corpus: its name, what is wrong with it, and a phrase the
    /// message must contain.
    const CORPUS: &[(&str, &str, &str)] = &[
        ("empty.json", "an empty file", "incomplete or damaged"),
        ("whitespace-only.json", "only spaces and line breaks", "incomplete or damaged"),
        ("truncated-half.json", "a backup cut off halfway", "incomplete or damaged"),
        ("truncated-last-brace.json", "a backup missing its final brace", "incomplete or damaged"),
        ("plain-text.txt", "a letter, not JSON", "incomplete or damaged"),
        ("binary-garbage.bin", "random bytes behind an image header", "incomplete or damaged"),
        ("nul-bytes.json", "a backup with NUL bytes inside", "incomplete or damaged"),
        ("json-array.json", "a JSON list", "not an Accord backup"),
        ("json-string.json", "a JSON string", "not an Accord backup"),
        ("json-null.json", "JSON null", "not an Accord backup"),
        ("wrong-format-name.json", "a contract proposal, not a backup", "not an Accord backup"),
        ("missing-format.json", "no format name", "not an Accord backup"),
        ("format-version-99.json", "format version 99", "newer version of Accord"),
        ("missing-data.json", "no data", "incomplete or damaged"),
        ("missing-counts.json", "no counts", "incomplete or damaged"),
        ("missing-checksum.json", "no checksum", "incomplete or damaged"),
        ("data-not-object.json", "the data is a list", "incomplete or damaged"),
        ("unknown-scope.json", "a scope Accord does not know", "incomplete or damaged"),
        ("wrong-checksum.json", "a checksum of all zeros", "do not match its checksum"),
        ("counts-mismatch.json", "counts that say there are 5 goals", "do not match its checksum"),
        ("edited-after-export.json", "a goal title changed after export", "do not match its checksum"),
        ("duplicate-engagement-id.json", "two engagements with one id", "Two engagements in this file have the same id (“eng-ada”)"),
        ("duplicate-goal-id.json", "two goals with one id", "Two goals in this file have the same id (“goal-1”)"),
        (
            "dangling-contract.json",
            "a contract for an engagement not in the file",
            "A contract in this file (“con-1”) is not linked to an engagement",
        ),
        ("dangling-goal.json", "a goal for an engagement not in the file", "A goal in this file (“goal-1”) is not linked to an engagement"),
        (
            "dangling-session.json",
            "a session for an engagement not in the file",
            "A session in this file (“ses-1”) is not linked to an engagement",
        ),
        (
            "dangling-journey.json",
            "a journey for an engagement not in the file",
            "A journey in this file (“eng-zed”) is not linked to an engagement",
        ),
        ("journey-id-not-engagement.json", "a journey whose id is not its engagement's", "A journey in this file (“jour-1”) is not linked"),
        ("bad-id-characters.json", "an id with < and >", "A goal in this file has an id Accord cannot use (“<script>”)"),
        ("empty-id.json", "an empty engagement id", "An engagement in this file has an id Accord cannot use (an empty id)"),
        ("id-65-chars.json", "an id one character too long", "A session in this file has an id Accord cannot use"),
        ("invalid-date.json", "30 February", "One of the sessions in this file could not be read (not a date: 2026-02-30)"),
        ("invalid-enum.json", "an engagement of kind therapy", "(“therapy” is not a value Accord knows"),
        ("revision-as-text.json", "a revision written as a word", "(found string \"one\" where Accord expected a whole number)"),
        ("negative-revision.json", "revision -1", "(found integer -1 where Accord expected a whole number)"),
        ("timestamp-as-text.json", "a creation time written as a word", "One of the engagements in this file could not be read"),
        ("missing-goal-title.json", "a goal without a title", "One of the goals in this file could not be read (“title” is missing)"),
        ("record-not-object.json", "a goal that is a number", "(found integer 42 where Accord expected a record)"),
        ("templates-not-list.json", "the templates are text", "the templates are not a list"),
        ("deep-nesting.json", "100,000 nested lists", "nested far more deeply than any Accord backup"),
        ("deep-nesting-inside-backup.json", "a backup with 300 nested lists in a note", "nested far more deeply than any Accord backup"),
        ("client-name-200kb.json", "a 200 KB client name, checksum correct", "the client's name must be 1 to 100 characters, not 204800"),
    ];

    fn valid_text() -> String {
        Backup::new(everything(), Scope::Everything, 5, "0.1.0", Timestamp(1_795_443_909_000)).to_json()
    }

    /// A valid backup after `change`, resealed (checksum and counts) when the data still reads.
    fn changed(change: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
        let mut value: serde_json::Value = serde_json::from_str(&valid_text()).unwrap();
        change(&mut value);
        reseal(&mut value);
        serde_json::to_string_pretty(&value).unwrap().into_bytes()
    }

    fn reseal(value: &mut serde_json::Value) {
        if let Ok(data) = serde_json::from_value::<BackupData>(value["data"].clone()) {
            value["checksum"] = data.checksum().into();
            value["counts"] = serde_json::to_value(data.counts()).unwrap();
        }
    }

    fn remove(value: &mut serde_json::Value, key: &str) {
        value.as_object_mut().unwrap().remove(key);
    }

    fn corpus_file(name: &str) -> Vec<u8> {
        let valid = valid_text();
        match name {
            "empty.json" => Vec::new(),
            "whitespace-only.json" => b"  \n\t\n  ".to_vec(),
            "truncated-half.json" => valid.as_bytes()[..valid.len() / 2].to_vec(),
            "truncated-last-brace.json" => valid.trim_end().trim_end_matches('}').as_bytes().to_vec(),
            "plain-text.txt" => b"Dear Ada,\nhere are my notes from Tuesday's session.\nSam\n".to_vec(),
            "binary-garbage.bin" => {
                let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
                let mut rng = XorShift(0x5eed);
                bytes.extend((0..2048).map(|_| rng.next() as u8));
                bytes
            }
            "nul-bytes.json" => valid.replacen("\"format\"", "\"for\0mat\"", 1).replacen("{", "{\0", 1).into_bytes(),
            "json-array.json" => format!("[{valid}]").into_bytes(),
            "json-string.json" => b"\"accord-backup\"".to_vec(),
            "json-null.json" => b"null".to_vec(),
            "wrong-format-name.json" => changed(|v| v["format"] = "accord-contract-proposal".into()),
            "missing-format.json" => changed(|v| remove(v, "format")),
            "format-version-99.json" => changed(|v| v["format_version"] = 99.into()),
            "missing-data.json" => changed(|v| remove(v, "data")),
            "missing-counts.json" => {
                let mut v: serde_json::Value = serde_json::from_str(&valid).unwrap();
                remove(&mut v, "counts");
                serde_json::to_string_pretty(&v).unwrap().into_bytes()
            }
            "missing-checksum.json" => {
                let mut v: serde_json::Value = serde_json::from_str(&valid).unwrap();
                remove(&mut v, "checksum");
                serde_json::to_string_pretty(&v).unwrap().into_bytes()
            }
            "data-not-object.json" => changed(|v| v["data"] = serde_json::json!([])),
            "unknown-scope.json" => changed(|v| v["scope"] = serde_json::json!({"kind": "galaxy"})),
            "wrong-checksum.json" => {
                let mut v: serde_json::Value = serde_json::from_str(&valid).unwrap();
                v["checksum"] = "0".repeat(64).into();
                serde_json::to_string_pretty(&v).unwrap().into_bytes()
            }
            "counts-mismatch.json" => {
                let mut v: serde_json::Value = serde_json::from_str(&valid).unwrap();
                v["counts"]["goals"] = 5.into();
                serde_json::to_string_pretty(&v).unwrap().into_bytes()
            }
            "edited-after-export.json" => valid.replace("Lead the team", "Lead the whole company").into_bytes(),
            "duplicate-engagement-id.json" => changed(|v| v["data"]["engagements"][1]["id"] = "eng-ada".into()),
            "duplicate-goal-id.json" => changed(|v| {
                let goal = v["data"]["goals"][0].clone();
                v["data"]["goals"].as_array_mut().unwrap().push(goal);
            }),
            "dangling-contract.json" => changed(|v| v["data"]["contracts"][0]["data"]["engagement_id"] = "eng-zed".into()),
            "dangling-goal.json" => changed(|v| v["data"]["goals"][0]["data"]["engagement_id"] = "eng-zed".into()),
            "dangling-session.json" => changed(|v| v["data"]["sessions"][0]["data"]["engagement_id"] = "eng-zed".into()),
            "dangling-journey.json" => changed(|v| {
                v["data"]["journeys"][0]["id"] = "eng-zed".into();
                v["data"]["journeys"][0]["data"]["engagement_id"] = "eng-zed".into();
            }),
            "journey-id-not-engagement.json" => changed(|v| v["data"]["journeys"][0]["id"] = "jour-1".into()),
            "bad-id-characters.json" => changed(|v| v["data"]["goals"][0]["id"] = "<script>".into()),
            "empty-id.json" => changed(|v| {
                v["data"]["engagements"][1]["id"] = "".into();
            }),
            "id-65-chars.json" => changed(|v| v["data"]["sessions"][0]["id"] = "a".repeat(65).into()),
            "invalid-date.json" => changed(|v| v["data"]["sessions"][0]["data"]["date"] = "2026-02-30".into()),
            "invalid-enum.json" => changed(|v| v["data"]["engagements"][0]["data"]["kind"] = "therapy".into()),
            "revision-as-text.json" => changed(|v| v["data"]["goals"][0]["revision"] = "one".into()),
            "negative-revision.json" => changed(|v| v["data"]["goals"][0]["revision"] = (-1).into()),
            "timestamp-as-text.json" => changed(|v| v["data"]["engagements"][0]["created_at"] = "yesterday".into()),
            "missing-goal-title.json" => changed(|v| remove(&mut v["data"]["goals"][0]["data"], "title")),
            "record-not-object.json" => changed(|v| v["data"]["goals"][0] = 42.into()),
            "templates-not-list.json" => changed(|v| v["data"]["templates"] = "none".into()),
            "deep-nesting.json" => format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "deep-nesting-inside-backup.json" => valid
                .replacen("\"reflection\": \"\"", &format!("\"reflection\": {}\"deep\"{}", "[".repeat(300), "]".repeat(300)), 1)
                .into_bytes(),
            "client-name-200kb.json" => changed(|v| v["data"]["engagements"][0]["data"]["client"] = "A".repeat(200 * 1024).into()),
            other => panic!("no recipe for {other}"),
        }
    }

    /// Writes the corpus and its README. Run once after changing [`CORPUS`]:
    /// `cargo test --lib -- --ignored write_corpus`.
    #[test]
    #[ignore]
    fn write_corpus() {
        std::fs::create_dir_all(CORPUS_DIR).unwrap();
        let mut readme = String::from(
            "# Import corpus\n\n\
             Malformed files that `Backup::read` must refuse, each with a specific message. Written by\n\
             `cargo test --lib -- --ignored write_corpus` (in `src/domain/import.rs`) and checked by\n\
             `every_file_in_the_import_corpus_is_refused_with_its_own_message`. Files whose data still\n\
             reads carry a correct checksum, so the message names the real problem, not the checksum.\n\n\
             | File | What is wrong | Message shown |\n|---|---|---|\n",
        );
        for (name, what, _) in CORPUS {
            let bytes = corpus_file(name);
            std::fs::write(format!("{CORPUS_DIR}/{name}"), &bytes).unwrap();
            let message = Backup::read(&String::from_utf8_lossy(&bytes)).unwrap_err().user_message();
            readme.push_str(&format!("| `{name}` | {what} | {} |\n", message.to_string().replace('|', "\\|")));
        }
        std::fs::write(format!("{CORPUS_DIR}/README.md"), readme).unwrap();
    }

    #[test]
    fn every_file_in_the_import_corpus_is_refused_with_its_own_message() {
        assert!(CORPUS.len() >= 30);
        let mut seen = BTreeSet::new();
        for entry in std::fs::read_dir(CORPUS_DIR).expect("the corpus folder exists") {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name == "README.md" {
                continue;
            }
            let (_, _, phrase) = CORPUS.iter().find(|(file, _, _)| *file == name).unwrap_or_else(|| panic!("{name} is not in the table"));
            let bytes = std::fs::read(format!("{CORPUS_DIR}/{name}")).unwrap();
            let error = Backup::read(&String::from_utf8_lossy(&bytes)).expect_err(&name);
            let message = error.user_message();
            assert!(message.contains(phrase), "{name}: {message}");
            assert!(message.ends_with("Nothing was changed."), "{name}: {message}");
            seen.insert(name);
        }
        let missing: Vec<&str> = CORPUS.iter().map(|c| c.0).filter(|name| !seen.contains(*name)).collect();
        assert!(missing.is_empty(), "in the table but not in the folder: {missing:?}");
        let readme = std::fs::read_to_string(format!("{CORPUS_DIR}/README.md")).unwrap();
        assert!(CORPUS.iter().all(|(name, _, _)| readme.contains(&format!("`{name}`"))), "the README lists every file");
    }

    // ---- Fuzzing ----

    /// A small deterministic PRNG (xorshift64).
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(bytes: &mut Vec<u8>, rng: &mut XorShift) {
        let len = bytes.len();
        match rng.below(6) {
            0 if len > 0 => {
                let at = rng.below(len);
                bytes[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.below(64) + 1).min(len);
                bytes.drain(at..end);
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let end = (at + rng.below(64) + 1).min(len);
                let copy = bytes[at..end].to_vec();
                let to = rng.below(len);
                bytes.splice(to..to, copy);
            }
            3 => {
                const CHARS: &[u8] = b"{}[]\",:0123456789-eE.tfn \\u\n";
                let at = rng.below(len + 1);
                let c = if rng.below(4) == 0 { rng.next() as u8 } else { CHARS[rng.below(CHARS.len())] };
                bytes.insert(at, c);
            }
            4 => bytes.truncate(rng.below(len + 1)),
            _ if len > 0 => {
                // Change one digit, which often keeps the JSON valid.
                if let Some(at) = (0..32).map(|_| rng.below(len)).find(|&i| bytes[i].is_ascii_digit()) {
                    bytes[at] = b'0' + rng.below(10) as u8;
                }
            }
            _ => {}
        }
    }

    #[test]
    fn mutated_backups_never_make_reading_planning_or_merging_panic() {
        let valid = valid_text().into_bytes();
        let local = everything();
        let mut rng = XorShift(0x0123_4567_89ab_cdef);
        let (mut read, mut planned) = (0, 0);
        for round in 0..3_000 {
            let mut bytes = valid.clone();
            for _ in 0..=rng.below(4) {
                mutate(&mut bytes, &mut rng);
            }
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            // Half the time, bring the checksum up to date, so the checks behind it are reached.
            if round % 2 == 0 {
                if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&text) {
                    if value.get("data").is_some() && value.is_object() {
                        reseal(&mut value);
                        text = value.to_string();
                    }
                }
            }
            let Ok(backup) = Backup::read(&text) else { continue };
            read += 1;
            let plan = ImportPlan::new(&backup.data, &local);
            let _ = plan.summary();
            let decisions: BTreeMap<_, _> = plan.conflicts().map(|i| ((i.kind, i.id.clone()), Choice::Mine)).collect();
            let written = resolve(&plan, &backup.data, &local, &decisions, NOW).expect("every conflict was decided");
            assert!(written.total() <= backup.data.total());
            if plan.count(Outcome::Unchanged) < plan.items.len() {
                planned += 1;
            }
        }
        assert!(read > 100, "enough mutated files were read to exercise the merge: {read}");
        assert!(planned > 10, "and some of them differ from this device: {planned}");
    }

    /// Ada's engagement as it is on the coach's device: private notes in both layers of its
    /// session, the coach's evidence details, an agreed contract.
    fn coach_device() -> BackupData {
        let mut data = everything();
        data.engagements.truncate(1);
        data.templates.clear();
        data.engagements[0].data.evidence.client_contact = "ada@example.org".into();
        data.sessions[0].data.notes.practitioner_private = "COACH-PRIVATE".into();
        data.sessions[0].data.notes.shared = "We agreed to try delegating".into();
        data.contracts = vec![Record::new(id("con-1"), Timestamp(1_500), fixtures::agreed_contract(&id("eng-ada"), &id("con-1")))];
        data
    }

    /// The relationship file `device` sends about Ada's engagement.
    fn relationship_file(device: &BackupData) -> Backup {
        let scope = Scope::Engagement { id: id("eng-ada"), client: "Ada Lovelace".into() };
        Backup::new(device.clone().only_engagement(&id("eng-ada")), scope, 7, "0.1.0", Timestamp(9_000))
    }

    #[test]
    fn a_relationship_file_round_trip_keeps_both_devices_private_notes() {
        let coach = coach_device();
        // The client's device receives the coach's file first.
        let file = relationship_file(&coach);
        let client_empty = BackupData::default();
        let incoming = file.incoming_for(&client_empty);
        let plan = ImportPlan::new(&incoming, &client_empty);
        let mut client = resolve(&plan, &incoming, &client_empty, &no_decisions(), NOW).unwrap();
        assert_eq!(client.sessions[0].data.notes.practitioner_private, "", "the coach's private notes never reach the client");
        // The client writes her own private notes and a shared line, and sends her file back.
        client.sessions[0] = client.sessions[0].clone().revised(Timestamp(10_000), {
            let mut session = client.sessions[0].data.clone();
            session.notes.client_private = "CLIENT-PRIVATE".into();
            session.notes.shared = "We agreed to try delegating. I will start on Monday.".into();
            session
        });
        let back = relationship_file(&client);
        let incoming = back.incoming_for(&coach);
        let plan = ImportPlan::new(&incoming, &coach);
        assert_eq!(plan.count(Outcome::Updated), 1, "{:?}", plan.items);
        let written = resolve(&plan, &incoming, &coach, &no_decisions(), NOW).unwrap();
        let session = &written.sessions[0].data;
        assert_eq!(session.notes.practitioner_private, "COACH-PRIVATE", "the coach's private notes stay on the coach's device");
        assert_eq!(session.notes.client_private, "", "the client's private notes never reach the coach");
        assert_eq!(session.notes.shared, "We agreed to try delegating. I will start on Monday.");
        // And the client's device, merging the coach's file again, keeps hers.
        let again = relationship_file(&coach).incoming_for(&client);
        assert_eq!(again.sessions[0].data.notes.client_private, "CLIENT-PRIVATE");
    }

    #[test]
    fn a_difference_only_in_layers_the_file_cannot_carry_is_no_change() {
        let coach = coach_device();
        let file = relationship_file(&coach);
        let incoming = file.incoming_for(&coach);
        let plan = ImportPlan::new(&incoming, &coach);
        assert_eq!(plan.count(Outcome::Unchanged), plan.items.len(), "{:?}", plan.items);
        assert_eq!(plan.count(Outcome::Conflict), 0);
        assert_eq!(incoming.engagements[0].data.evidence.client_contact, "ada@example.org", "the coach's evidence details stay");
    }

    #[test]
    fn a_file_that_changes_an_agreed_contract_is_refused_and_nothing_is_written() {
        let coach = coach_device();
        let mut forged = coach.clone();
        let contract = &mut forged.contracts[0];
        contract.revision += 5;
        contract.data.terms.fee_per_session = Some(359);
        // Made consistent in itself: fingerprint and agreements recomputed.
        let parties = contract.data.parties.clone().unwrap();
        let hash = contract.data.document(&contract.id, &parties).hash();
        contract.data.hash = Some(hash.clone());
        for agreement in &mut contract.data.agreements {
            agreement.contract_hash = hash.clone();
        }
        let plan = ImportPlan::new(&forged, &coach);
        let refused = plan.refused.clone().expect("refused");
        assert!(refused.contains("is agreed on this device") && refused.ends_with("Nothing was changed."), "{refused}");
        assert_eq!(resolve(&plan, &forged, &coach, &no_decisions(), NOW).map_err(|m| m.to_string()), Err(refused.to_string()));
        // The same file without the change imports.
        assert_eq!(ImportPlan::new(&coach, &coach).refused, None);
    }
}
