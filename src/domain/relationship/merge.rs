//! Building an update and bringing one in.
//!
//! [`outgoing`] gathers every field group this device's role may send, to the roles the
//! update is for, whose value differs from what was last exchanged with them (and a shell
//! of each record they do not have yet, when this role adds records). [`plan`] checks an
//! update against this device (its engagement, its sender, what the sender may send, and
//! whether it was applied already) and works out what applying it would do: an
//! [`UpdatePlan`] with the changes, the [`Conflict`]s a person decides, and every item left
//! out with why ([`Skipped`]). [`UpdatePlan::apply`] turns the plan and the person's
//! [`Resolution`]s into the records to write and the ledger after ([`Applied`]).
//!
//! The rules, field by field (ownership in [`ownership`](super::ownership)):
//! - a value the sender changed in an update older than one already applied from them
//!   for the same field is left out (so updates may arrive in any order);
//! - an owned field takes the owner's value;
//! - a joint field takes theirs when this device's value is still the one last exchanged
//!   with them; when both changed since, it is a [`Conflict`];
//! - private layers are never read from an update and never touched by applying one;
//! - a contract version keeps its fingerprint and agreements as the contract rules say,
//!   and an approved sponsor update its text; a copy that would break them is left out,
//!   with the message those rules give.

use std::collections::BTreeSet;

use serde_json::Value;

use super::fields::{is_blank, same, SetError, Shareable};
use super::ledger::Ledger;
use super::ownership::{may_add, may_receive, may_send, travels_to, FieldKey, RecordRef, Share, SharedField, SharedKind};
use super::update::{FieldValue, RecordShell, RelationshipUpdate, UpdateBody};
use crate::domain::assessment::{ClientQuestionnaire, LifeWheel};
use crate::domain::backup::BackupData;
use crate::domain::contract::{Contract, ContractStatus};
use crate::domain::goal::{Goal, Visibility};
use crate::domain::message::{Arg, Message};
use crate::domain::party::Party;
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::domain::report::SponsorReport;
use crate::domain::session::Session;
use crate::domain::signing::{PublicKey, Unverified};
use crate::domain::validation::clean_text;
use crate::msg;

/// The update `me` sends `to` (the other roles it is for) about the engagement whose
/// records are in `engagement` (the ledger names the engagement), and the ledger after
/// sending it; `None` when nothing changed since the last update to them.
///
/// The update holds every field group `me` may send and every one of `to` may receive,
/// of records that travel to all of them, whose value differs from the one last exchanged
/// with any of them (a field never exchanged is sent unless it is blank). Records one of
/// them does not have yet go as shells when `me` may add records. Deleted records do not
/// travel. Send one update per recipient to give each everything they may receive; one
/// update to several roles holds only what all of them may. `to` lists only roles the
/// engagement has (a sponsor only in a three-way engagement); `me` is left out of it.
pub fn outgoing(
    me: Party,
    my_name: &str,
    to: &[Party],
    engagement: &BackupData,
    ledger: &Ledger,
    now: Timestamp,
) -> Option<(RelationshipUpdate, Ledger)> {
    let mut to: Vec<Party> = to.iter().copied().filter(|p| *p != me).collect();
    to.sort();
    to.dedup();
    if to.is_empty() {
        return None;
    }
    let mut out = Outgoing { me, to: &to, before: ledger, next: ledger.clone(), fields: Vec::new(), records: Vec::new() };
    out.collect(&engagement.sessions);
    out.collect(&engagement.goals);
    out.collect(&engagement.contracts);
    out.collect(&engagement.reports);
    out.collect(&engagement.wheels);
    out.collect(&engagement.questionnaires);
    if out.fields.is_empty() && out.records.is_empty() {
        return None;
    }
    let (fields, records, mut next) = (out.fields, out.records, out.next);
    next.next_sequence += 1;
    let body = UpdateBody {
        engagement_id: ledger.engagement_id.clone(),
        from: me,
        from_name: clean_text(my_name),
        to,
        sequence: ledger.next_sequence,
        made_at: now,
        fields,
        records,
    };
    Some((RelationshipUpdate::new(body), next))
}

struct Outgoing<'a> {
    me: Party,
    to: &'a [Party],
    before: &'a Ledger,
    next: Ledger,
    fields: Vec<FieldValue>,
    records: Vec<RecordShell>,
}

impl Outgoing<'_> {
    fn collect<T: Shareable>(&mut self, records: &[Record<T>]) {
        let engagement = &self.before.engagement_id;
        let sequence = self.before.next_sequence;
        for record in records.iter().filter(|r| !r.deleted && r.data.engagement_id() == engagement) {
            if !self.to.iter().all(|role| travels_to(record.data.as_shared(), *role)) {
                continue;
            }
            let reference = RecordRef { kind: T::KIND, id: record.id.clone() };
            let mut sent = false;
            if may_add(self.me, T::KIND) && self.to.iter().any(|role| !self.before.knows(*role, &reference)) {
                let data = serde_json::to_value(record.data.shell_for(self.to)).unwrap_or(Value::Null);
                self.records.push(RecordShell { kind: T::KIND, id: record.id.clone(), created_at: record.created_at, data });
                sent = true;
            }
            for (field, value) in record.data.fields() {
                if !may_send(self.me, &field) || !self.to.iter().all(|role| may_receive(*role, &field)) {
                    continue;
                }
                let key = FieldKey { kind: T::KIND, id: record.id.clone(), field };
                let differs = self.to.iter().any(|role| match self.before.base(*role, &key) {
                    Some(base) => !same(base, &value),
                    None => !is_blank(&value),
                });
                if !differs {
                    continue;
                }
                let changed_in = match self.before.sent(&key) {
                    Some(last) if same(&last.value, &value) => last.sequence,
                    _ => sequence,
                };
                self.next.record_sent(self.to, &key, &value, changed_in);
                self.fields.push(FieldValue { kind: key.kind, id: key.id, field: key.field, value, sequence: changed_in });
                sent = true;
            }
            if sent {
                for role in self.to {
                    self.next.record_known(*role, &reference);
                }
            }
        }
    }
}

/// Why an update was not opened. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The engagement it is for is not on this device.
    NotOnThisDevice,
    /// From a sponsor, and this engagement has none.
    NoSuchParty { role: Party },
    /// The name it gives is not the one this engagement records for that role.
    WrongName { role: Party, name: String, expected: String },
    /// From this device's own role.
    FromMyself { role: Party },
    /// Not addressed to this device's role.
    NotForMe { role: Party },
    /// It holds a field group its sender's role may not send.
    NotTheirs { role: Party, field: SharedField },
    /// It adds a record its sender's role may not add.
    NotTheirsToAdd { role: Party, kind: SharedKind },
    /// The same update (sender and sequence) was applied already.
    AlreadyApplied,
    /// Everything in it is older than what was applied from the same sender.
    AllOlder { name: String },
    /// Part of it does not have the shape Accord expects (`what` says which).
    Unreadable { what: Message },
}

impl Refusal {
    pub fn message(&self) -> Message {
        let role = |party: &Party| Arg::LabelInSentence(party.label());
        match self {
            Refusal::NotOnThisDevice => {
                msg!("This update is for an engagement that is not on this device. Nothing was changed.")
            }
            Refusal::NoSuchParty { role: party } => msg!(
                "This update says it is from the {role}, but this engagement has no {role}. Nothing was changed.",
                role = role(party)
            ),
            Refusal::WrongName { role: party, name, expected } => msg!(
                "This update is from {name}, but the {role} in this engagement is {expected}. Nothing was changed.",
                name = name,
                role = role(party),
                expected = expected
            ),
            Refusal::FromMyself { role: party } => msg!(
                "This update was sent by the {role}, which is you in this engagement, so there is nothing in it for this device. Nothing was changed.",
                role = role(party)
            ),
            Refusal::NotForMe { role: party } => {
                msg!("This update is not meant for the {role}. Nothing was changed.", role = role(party))
            }
            Refusal::NotTheirs { role: party, field } => msg!(
                "This update holds {field}, which the {role} may not send. Nothing was changed.",
                field = field.label(),
                role = role(party)
            ),
            Refusal::NotTheirsToAdd { role: party, kind } => msg!(
                "This update adds {kind}, which the {role} may not add. Nothing was changed.",
                kind = kind.record_kind().one(),
                role = role(party)
            ),
            Refusal::AlreadyApplied => msg!("You already applied this update; nothing changed."),
            Refusal::AllOlder { name } => {
                msg!("Everything in this update is older than what you already have from {name}; nothing changed.", name = name)
            }
            Refusal::Unreadable { what } => {
                msg!("This update holds {what} in a form Accord cannot read, so it was not applied. Nothing was changed.", what = what)
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for Refusal {}

/// One field group applying the update would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub record: RecordRef,
    pub field: SharedField,
    /// This device's value before (`Null` when it had none).
    pub before: Value,
    pub after: Value,
    /// The record is new to this device.
    pub new_record: bool,
}

/// A joint field changed on both sides since they last exchanged it: the person decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub record: RecordRef,
    pub field: SharedField,
    /// What it is, in words: "The agenda of the session on 9 Dec 2026".
    pub label: Message,
    pub mine: Value,
    pub theirs: Value,
}

/// What the person chose for one conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
}

/// Why an item of the update is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The sender changed it before a value of theirs already applied here.
    Older,
    /// This device's role may not keep it (a sponsor's copy holds little).
    NotForYou,
    /// A goal private to the client on this device: never touched by an update.
    PrivateHere,
    /// For a record this device does not have (and the update brings no shell of it).
    NoSuchRecord,
    /// For a record deleted on this device.
    Deleted,
    /// Check-ins on an action this device does not have.
    NoSuchAction,
    /// The contract or sponsor-update rules refuse it; the message says why.
    Refused(Message),
}

/// One item left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub record: RecordRef,
    /// `None` for a record's shell.
    pub field: Option<SharedField>,
    pub why: SkipReason,
}

/// One record as applying would write it, and this device's copy before.
#[derive(Debug, Clone, PartialEq)]
struct Entry<T> {
    record: Record<T>,
    /// `None` for a record new to this device.
    original: Option<Record<T>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Working {
    sessions: Vec<Entry<Session>>,
    goals: Vec<Entry<Goal>>,
    contracts: Vec<Entry<Contract>>,
    reports: Vec<Entry<SponsorReport>>,
    wheels: Vec<Entry<LifeWheel>>,
    questionnaires: Vec<Entry<ClientQuestionnaire>>,
}

/// What applying an update would do: read it with [`summary`](UpdatePlan::summary),
/// [`conflicts`](UpdatePlan::conflicts) and [`left_out`](UpdatePlan::left_out).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    pub engagement_id: RecordId,
    pub from: Party,
    /// The sender's name, as the engagement records it.
    pub from_name: String,
    pub sequence: u64,
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
    pub skipped: Vec<Skipped>,
    /// Whose key signed it, once the store has checked the signature ([`UpdatePlan::signed_by`]).
    pub signer: Option<Signer>,
    /// The person accepted the sender's new key ([`UpdatePlan::accept_new_key`]).
    key_accepted: bool,
    working: Working,
    /// The ledger once applied (whatever the resolutions: a decided conflict's base is theirs).
    ledger: Ledger,
}

/// The key an update was signed with, and the other key this device knew for its sender
/// (when the two differ, the person decides whether to accept the new one).
#[derive(Debug, Clone, PartialEq)]
pub struct Signer {
    pub key: PublicKey,
    pub replaces: Option<PublicKey>,
}

/// The records to write and the ledger to keep, from [`UpdatePlan::apply`].
///
/// The store writes them in one transaction. A record new to this device (listed in
/// `created`) is written as it is (revision 1). Every other record carries the revision
/// and times of this device's copy when the plan was made: the store writes
/// `record.revised(now, data)` at that revision (compare-and-set), so a change made on
/// this device in the meantime refuses the whole write and the update is planned again.
/// The ledger replaces the one kept for the engagement in the same transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub records: BackupData,
    pub created: Vec<RecordRef>,
    pub ledger: Ledger,
}

/// How the merge reaches each kind of record in the local data and in the plan, and the
/// rules a kind has of its own.
trait Slot: Shareable {
    fn local(data: &BackupData) -> &[Record<Self>];
    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>>;
    /// Brings a record to the state its parts imply (a version everyone agreed to is agreed).
    fn settle(&mut self) {}
    /// Why this copy may not replace this device's (`local`), or be kept as new.
    fn problem(&self, _id: &RecordId, _local: Option<&Self>) -> Option<Message> {
        None
    }
    /// Whether the record is private to this device's owner (a client-private goal).
    fn private_here(&self) -> bool {
        false
    }
    /// The record in a conflict's label.
    fn conflict_label(&self, field: &SharedField) -> Message {
        field.label()
    }
}

impl Slot for Session {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.sessions
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.sessions
    }

    fn conflict_label(&self, field: &SharedField) -> Message {
        let date = self.date;
        match field {
            SharedField::Agenda => msg!("The agenda of the session on {date}", date = date),
            SharedField::SessionAgreement => msg!("The agreement at the start of the session on {date}", date = date),
            SharedField::Grow => msg!("The GROW notes of the session on {date}", date = date),
            SharedField::SharedNotes => msg!("The shared notes of the session on {date}", date = date),
            SharedField::SessionActions => msg!("The actions agreed in the session on {date}", date = date),
            other => other.label(),
        }
    }
}

impl Slot for Goal {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.goals
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.goals
    }

    fn private_here(&self) -> bool {
        self.visibility == Visibility::ClientPrivate
    }

    fn conflict_label(&self, field: &SharedField) -> Message {
        let title = self.title.as_str();
        match field {
            SharedField::GoalWording => msg!("The wording of the goal “{title}”", title = title),
            SharedField::GoalItems => msg!("The milestones and actions of the goal “{title}”", title = title),
            other => other.label(),
        }
    }
}

impl Slot for Contract {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.contracts
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.contracts
    }

    fn settle(&mut self) {
        if self.status == ContractStatus::Proposed && self.parties.is_some() && self.awaiting().is_empty() {
            self.status = ContractStatus::Agreed;
            self.agreed_at = self.agreements.iter().map(|a| a.agreed_at).max();
        }
    }

    /// A proposed or agreed version keeps its text (its fingerprint); every agreement on
    /// it must be one the contract rules accept.
    fn problem(&self, id: &RecordId, local: Option<&Contract>) -> Option<Message> {
        match local {
            Some(mine) => {
                if let Some(problem) = mine.replaced_by_problem(id, self) {
                    return Some(problem);
                }
                if mine.hash.is_some() && mine.hash != self.hash {
                    let client = mine.parties.as_ref().map_or_else(String::new, |p| p.client.as_str().to_string());
                    return Some(msg!(
                        "Version {version} of the contract with {client} is proposed on this device; the copy that arrived has other text, so it was not taken.",
                        version = mine.version,
                        client = client
                    ));
                }
            }
            None => {
                if let Some(problem) = self.integrity_problem(id) {
                    return Some(problem);
                }
            }
        }
        for agreement in &self.agreements {
            if local.is_some_and(|mine| mine.agreements.contains(agreement)) {
                continue;
            }
            let mut probe = self.clone();
            probe.agreements.retain(|a| a.party != agreement.party);
            probe.status = ContractStatus::Proposed;
            if let Err(error) = probe.check_agreement(agreement) {
                return Some(error.user_message());
            }
        }
        None
    }
}

impl Slot for SponsorReport {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.reports
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.reports
    }

    fn problem(&self, _id: &RecordId, local: Option<&SponsorReport>) -> Option<Message> {
        match local {
            Some(mine) => mine.replaced_by_problem(self),
            None => self.integrity_problem(),
        }
    }
}

impl Slot for LifeWheel {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.wheels
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.wheels
    }

    /// Every round must still score each area: areas changed on one side while the
    /// wheel was scored on the other do not fit together.
    fn problem(&self, _id: &RecordId, _local: Option<&LifeWheel>) -> Option<Message> {
        (!self.wheel.lines_up()).then(|| {
            msg!("The wheel of life's areas were changed on one side while it was scored on the other, so what arrived was not taken. Agree on the areas, then score again.")
        })
    }

    fn conflict_label(&self, field: &SharedField) -> Message {
        match field {
            SharedField::WheelAreas => msg!("The areas of the wheel of life"),
            SharedField::WheelRounds => msg!("The scores of the wheel of life"),
            other => other.label(),
        }
    }
}

impl Slot for ClientQuestionnaire {
    fn local(data: &BackupData) -> &[Record<Self>] {
        &data.questionnaires
    }

    fn entries(working: &mut Working) -> &mut Vec<Entry<Self>> {
        &mut working.questionnaires
    }

    /// Every set of answers must still answer the questions as they are.
    fn problem(&self, _id: &RecordId, _local: Option<&ClientQuestionnaire>) -> Option<Message> {
        (!self.lines_up()).then(|| {
            msg!(
                "The questionnaire “{title}” was changed on one side after it was answered on the other, so what arrived was not taken.",
                title = self.questionnaire.title.as_str()
            )
        })
    }
}

/// [`plan`] for an update whose signature by `signer` held (checked by the store): read
/// against the ledger as that key's device counts ([`Ledger::for_signer`]), and
/// [`signed_by`](UpdatePlan::signed_by) it.
pub fn plan_signed(
    update: &RelationshipUpdate,
    signer: PublicKey,
    me: Party,
    local: &BackupData,
    ledger: &Ledger,
) -> Result<UpdatePlan, Refusal> {
    let ledger = ledger.clone().for_signer(update.body.from, &signer);
    Ok(plan(update, me, local, &ledger)?.signed_by(signer))
}

/// What applying `update` on this device, whose owner is `me` in the engagement, would do,
/// given this device's records (`local`: at least the engagement and its records) and the
/// ledger kept for the engagement. Refused, with nothing changed, when the engagement is
/// not here, the sender is not its party of that role (by name, compared without case or
/// extra spaces) or is `me`, the update is not for `me`, holds something its sender may
/// not send, was applied already, or holds only what is older than what was applied.
pub fn plan(update: &RelationshipUpdate, me: Party, local: &BackupData, ledger: &Ledger) -> Result<UpdatePlan, Refusal> {
    let body = &update.body;
    debug_assert_eq!(ledger.engagement_id, body.engagement_id, "the ledger kept for the update's engagement");
    let engagement = local.engagements.iter().find(|e| e.id == body.engagement_id && !e.deleted).ok_or(Refusal::NotOnThisDevice)?;
    let from = body.from;
    if from == me {
        return Err(Refusal::FromMyself { role: me });
    }
    let expected = match from {
        Party::Client => Some(engagement.data.client.as_str()),
        Party::Practitioner => Some(engagement.data.practitioner.as_str()),
        Party::Sponsor => engagement.data.sponsor.as_ref().map(|s| s.contact.as_str()),
    };
    let Some(expected) = expected else { return Err(Refusal::NoSuchParty { role: from }) };
    if !clean_text(&body.from_name).eq_ignore_ascii_case(&clean_text(expected)) {
        return Err(Refusal::WrongName { role: from, name: clean_text(&body.from_name), expected: expected.to_string() });
    }
    if !body.to.contains(&me) {
        return Err(Refusal::NotForMe { role: me });
    }
    if ledger.has_applied(from, body.sequence) {
        return Err(Refusal::AlreadyApplied);
    }
    for item in &body.fields {
        if !may_send(from, &item.field) {
            return Err(Refusal::NotTheirs { role: from, field: item.field.clone() });
        }
        if !item.field.fits(item.kind) {
            return Err(Refusal::Unreadable { what: item.field.label() });
        }
    }
    if let Some(shell) = body.records.iter().find(|shell| !may_add(from, shell.kind)) {
        return Err(Refusal::NotTheirsToAdd { role: from, kind: shell.kind });
    }

    // Every record the update names, in the order it first names them.
    let mut order: Vec<RecordRef> = Vec::new();
    let named = body.fields.iter().map(|f| RecordRef { kind: f.kind, id: f.id.clone() });
    for reference in named.chain(body.records.iter().map(|s| RecordRef { kind: s.kind, id: s.id.clone() })) {
        if !order.contains(&reference) {
            order.push(reference);
        }
    }
    let mut planner = Planner {
        me,
        from,
        body,
        local,
        before: ledger,
        ledger: ledger.clone(),
        changes: Vec::new(),
        conflicts: Vec::new(),
        skipped: Vec::new(),
        working: Working::default(),
        created: Vec::new(),
        newer: false,
    };
    for reference in &order {
        match reference.kind {
            SharedKind::Session => planner.take::<Session>(&reference.id)?,
            SharedKind::Goal => planner.take::<Goal>(&reference.id)?,
            SharedKind::Contract => planner.take::<Contract>(&reference.id)?,
            SharedKind::Report => planner.take::<SponsorReport>(&reference.id)?,
            SharedKind::Wheel => planner.take::<LifeWheel>(&reference.id)?,
            SharedKind::Questionnaire => planner.take::<ClientQuestionnaire>(&reference.id)?,
        }
    }
    if !planner.newer && planner.created.is_empty() && !body.fields.is_empty() {
        return Err(Refusal::AllOlder { name: expected.to_string() });
    }
    planner.supersede_older_versions();
    planner.ledger.record_update(from, body.sequence);
    Ok(UpdatePlan {
        engagement_id: body.engagement_id.clone(),
        from,
        from_name: expected.to_string(),
        sequence: body.sequence,
        changes: planner.changes,
        conflicts: planner.conflicts,
        skipped: planner.skipped,
        signer: None,
        key_accepted: false,
        working: planner.working,
        ledger: planner.ledger,
    })
}

struct Planner<'a> {
    me: Party,
    from: Party,
    body: &'a UpdateBody,
    local: &'a BackupData,
    before: &'a Ledger,
    ledger: Ledger,
    changes: Vec<Change>,
    conflicts: Vec<Conflict>,
    skipped: Vec<Skipped>,
    working: Working,
    created: Vec<RecordRef>,
    /// Something in the update is newer than what was applied from the sender.
    newer: bool,
}

impl Planner<'_> {
    /// Works out one record: every field group of it in the update, in order.
    fn take<T: Slot>(&mut self, id: &RecordId) -> Result<(), Refusal> {
        let reference = RecordRef { kind: T::KIND, id: id.clone() };
        let items: Vec<&FieldValue> = self.body.fields.iter().filter(|f| f.kind == T::KIND && f.id == *id).collect();
        let shell = self.body.records.iter().find(|s| s.kind == T::KIND && s.id == *id);
        // Whatever happens here, the sender has this record.
        self.ledger.record_known(self.from, &reference);
        let skip_all = |planner: &mut Self, why: SkipReason| {
            let fields = items.iter().map(|item| Some(item.field.clone()));
            let fields: Vec<Option<SharedField>> = if items.is_empty() { vec![None] } else { fields.collect() };
            for field in fields {
                planner.skipped.push(Skipped { record: reference.clone(), field, why: why.clone() });
            }
        };
        let engagement = &self.body.engagement_id;
        let local = T::local(self.local).iter().find(|r| r.id == *id);
        let unreadable = || Refusal::Unreadable { what: T::KIND.record_kind().one() };
        let (mut record, new) = match (local, shell) {
            (Some(mine), _) if mine.deleted => {
                skip_all(self, SkipReason::Deleted);
                return Ok(());
            }
            (Some(mine), _) if mine.data.engagement_id() != engagement => {
                skip_all(self, SkipReason::NoSuchRecord);
                return Ok(());
            }
            (Some(mine), _) => (mine.clone(), false),
            (None, None) => {
                skip_all(self, SkipReason::NoSuchRecord);
                return Ok(());
            }
            (None, Some(shell)) => {
                let data: T = serde_json::from_value(shell.data.clone()).map_err(|_| unreadable())?;
                if data.engagement_id() != engagement {
                    return Err(unreadable());
                }
                let data = data.shell_for(&[self.me]);
                (
                    Record {
                        id: id.clone(),
                        revision: 1,
                        created_at: shell.created_at,
                        updated_at: shell.created_at,
                        deleted: false,
                        data,
                    },
                    true,
                )
            }
        };
        if !travels_to(record.data.as_shared(), self.me) {
            skip_all(self, if record.data.private_here() { SkipReason::PrivateHere } else { SkipReason::NotForYou });
            return Ok(());
        }

        let mut changes = Vec::new();
        let mut conflicts = Vec::new();
        let mut skipped = Vec::new();
        let mut received = Vec::new();
        for item in items.iter().copied() {
            let key = item.key();
            let skip = |why: SkipReason| Skipped { record: reference.clone(), field: Some(item.field.clone()), why };
            if !may_receive(self.me, &item.field) {
                skipped.push(skip(SkipReason::NotForYou));
                continue;
            }
            if item.sequence <= self.before.applied_sequence(self.from, &key) {
                skipped.push(skip(SkipReason::Older));
                continue;
            }
            self.newer = true;
            let mine = record.data.value_of(&item.field);
            let theirs = &item.value;
            if same(&mine, theirs) {
                received.push(item);
                continue;
            }
            let take = match item.field.share() {
                Share::Owned(_) => true,
                Share::Joint => match self.before.base(self.from, &key) {
                    Some(base) => same(base, &mine),
                    None => is_blank(&mine),
                },
                Share::Private => {
                    skipped.push(skip(SkipReason::NotForYou));
                    continue;
                }
            };
            // Theirs must read as the field's type whether it is taken now or later.
            let mut changed = record.data.clone();
            match changed.set(&item.field, theirs) {
                Ok(()) => {}
                Err(SetError::NoSuchAction) => {
                    skipped.push(skip(SkipReason::NoSuchAction));
                    continue;
                }
                Err(SetError::Unreadable) => return Err(Refusal::Unreadable { what: item.field.label() }),
            }
            received.push(item);
            if take {
                record.data = changed;
                changes.push(Change {
                    record: reference.clone(),
                    field: item.field.clone(),
                    before: mine,
                    after: theirs.clone(),
                    new_record: new,
                });
            } else {
                let label = record.data.conflict_label(&item.field);
                conflicts.push(Conflict { record: reference.clone(), field: item.field.clone(), label, mine, theirs: theirs.clone() });
            }
        }
        record.data.settle();
        let original = local.cloned();
        if new || !changes.is_empty() {
            if let Some(problem) = record.data.problem(id, original.as_ref().map(|r| &r.data)) {
                let refused = items.iter().filter(|item| !skipped.iter().any(|s: &Skipped| s.field.as_ref() == Some(&item.field)));
                let refused: Vec<Skipped> = refused
                    .map(|item| Skipped {
                        record: reference.clone(),
                        field: Some(item.field.clone()),
                        why: SkipReason::Refused(problem.clone()),
                    })
                    .collect();
                self.skipped.extend(skipped);
                self.skipped.extend(refused);
                if items.is_empty() {
                    self.skipped.push(Skipped { record: reference, field: None, why: SkipReason::Refused(problem) });
                }
                return Ok(());
            }
        }
        for item in received {
            self.ledger.record_received(self.from, &item.key(), &item.value, item.sequence);
        }
        let changed = new || !changes.is_empty() || !conflicts.is_empty();
        self.skipped.extend(skipped);
        self.changes.extend(changes);
        self.conflicts.extend(conflicts);
        if new {
            self.created.push(reference);
        }
        if changed {
            T::entries(&mut self.working).push(Entry { record, original });
        }
        Ok(())
    }

    /// A version agreed by applying this update supersedes the agreed versions before it,
    /// as agreeing on this device does.
    fn supersede_older_versions(&mut self) {
        let agreed_now: Vec<(RecordId, u32)> = self
            .working
            .contracts
            .iter()
            .filter(|e| e.record.data.status == ContractStatus::Agreed)
            .filter(|e| e.original.as_ref().is_none_or(|o| o.data.status != ContractStatus::Agreed))
            .map(|e| (e.record.data.engagement_id.clone(), e.record.data.version))
            .collect();
        for (engagement, version) in agreed_now {
            let older: Vec<Record<Contract>> = self
                .local
                .contracts
                .iter()
                .filter(|c| !c.deleted && c.data.engagement_id == engagement && c.data.version < version)
                .filter(|c| c.data.status == ContractStatus::Agreed)
                .cloned()
                .collect();
            for mine in older {
                let Ok(superseded) = mine.data.clone().superseded() else { continue };
                match self.working.contracts.iter_mut().find(|e| e.record.id == mine.id) {
                    Some(entry) if entry.record.data.status == ContractStatus::Agreed => {
                        entry.record.data.status = ContractStatus::Superseded
                    }
                    Some(_) => {}
                    None => {
                        self.working.contracts.push(Entry { record: Record { data: superseded, ..mine.clone() }, original: Some(mine) })
                    }
                }
            }
        }
    }
}

/// Takes their value of a conflict, unless the record would then break its kind's rules
/// (a wheel whose scores no longer fit its areas): then it keeps this device's.
fn apply_to<T: Slot>(entries: &mut [Entry<T>], conflict: &Conflict) {
    if let Some(entry) = entries.iter_mut().find(|e| e.record.id == conflict.record.id) {
        let mut theirs = entry.record.data.clone();
        // It was read as this type when the plan was made.
        if theirs.set(&conflict.field, &conflict.theirs).is_ok()
            && theirs.problem(&entry.record.id, entry.original.as_ref().map(|o| &o.data)).is_none()
        {
            entry.record.data = theirs;
        }
    }
}

/// The records whose content changed (or that are new), as the store writes them.
fn written<T: Clone + PartialEq>(entries: Vec<Entry<T>>) -> Vec<Record<T>> {
    entries.into_iter().filter(|e| e.original.as_ref().is_none_or(|o| o.data != e.record.data)).map(|e| e.record).collect()
}

impl UpdatePlan {
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The person compared the sender's new key with them and accepts it.
    pub fn accept_new_key(mut self) -> UpdatePlan {
        self.key_accepted = true;
        self
    }

    /// The plan of an update whose signature by `key` held: applying it remembers `key` as
    /// the sender's. A key other than the one this device knows for them is kept in
    /// [`Signer::replaces`] and must be accepted ([`UpdatePlan::key_problem`]).
    pub fn signed_by(mut self, key: PublicKey) -> UpdatePlan {
        let replaces = self.ledger.key_of(self.from).filter(|known| **known != key).cloned();
        self.ledger.remember_key(self.from, key.clone());
        self.signer = Some(Signer { key, replaces });
        self
    }

    /// What stands in the way unless the person accepts it: the sender signed with another
    /// key than the one this device knows for them (`None` once accepted).
    pub fn key_problem(&self) -> Option<Unverified> {
        if self.key_accepted {
            return None;
        }
        let signer = self.signer.as_ref()?;
        let known = signer.replaces.as_ref()?;
        Some(Unverified::OtherKey { name: self.from_name.clone(), known: known.fingerprint(), now: signer.key.fingerprint() })
    }

    /// Applies the plan: each conflict as resolved (by position; a conflict with no
    /// resolution keeps this device's value, which the next update sends back). Pure: the
    /// store writes what it returns.
    pub fn apply(mut self, resolutions: &[Resolution]) -> Applied {
        for (at, conflict) in self.conflicts.iter().enumerate() {
            if resolutions.get(at) != Some(&Resolution::TakeTheirs) {
                continue;
            }
            match conflict.record.kind {
                SharedKind::Session => apply_to(&mut self.working.sessions, conflict),
                SharedKind::Goal => apply_to(&mut self.working.goals, conflict),
                SharedKind::Contract => apply_to(&mut self.working.contracts, conflict),
                SharedKind::Report => apply_to(&mut self.working.reports, conflict),
                SharedKind::Wheel => apply_to(&mut self.working.wheels, conflict),
                SharedKind::Questionnaire => apply_to(&mut self.working.questionnaires, conflict),
            }
        }
        let created = self.created();
        let working = self.working;
        let records = BackupData {
            sessions: written(working.sessions),
            goals: written(working.goals),
            contracts: written(working.contracts),
            reports: written(working.reports),
            wheels: written(working.wheels),
            questionnaires: written(working.questionnaires),
            ..BackupData::default()
        };
        Applied { records, created, ledger: self.ledger }
    }

    /// The records new to this device.
    fn created(&self) -> Vec<RecordRef> {
        let new = |kind: SharedKind, id: &RecordId| RecordRef { kind, id: id.clone() };
        let w = &self.working;
        w.sessions
            .iter()
            .filter(|e| e.original.is_none())
            .map(|e| new(SharedKind::Session, &e.record.id))
            .chain(w.goals.iter().filter(|e| e.original.is_none()).map(|e| new(SharedKind::Goal, &e.record.id)))
            .chain(w.contracts.iter().filter(|e| e.original.is_none()).map(|e| new(SharedKind::Contract, &e.record.id)))
            .chain(w.reports.iter().filter(|e| e.original.is_none()).map(|e| new(SharedKind::Report, &e.record.id)))
            .chain(w.wheels.iter().filter(|e| e.original.is_none()).map(|e| new(SharedKind::Wheel, &e.record.id)))
            .chain(w.questionnaires.iter().filter(|e| e.original.is_none()).map(|e| new(SharedKind::Questionnaire, &e.record.id)))
            .collect()
    }

    /// Whether applying would change nothing on this device.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.conflicts.is_empty() && self.created().is_empty()
    }

    /// What the update brings, in one sentence: "Ada Lovelace has sent 3 themes for the
    /// session on 9 Dec 2026, checked off 2 actions, and shared 1 reflection." Conflicts
    /// to decide are a sentence of their own.
    pub fn summary(&self) -> Message {
        let parts = self.parts();
        let sender = self.from_name.as_str();
        let brings = match parts.len() {
            0 if !self.conflicts.is_empty() => msg!("{sender} sent an update.", sender = sender),
            0 => msg!("{sender} sent an update with nothing new for this device.", sender = sender),
            _ => msg!("{sender} has {parts}.", sender = sender, parts = and_list(parts)),
        };
        match self.conflicts.len() {
            0 => brings,
            1 => Message::sentences(vec![brings, msg!("1 change was made on both sides: choose which to keep.")]),
            n => Message::sentences(vec![brings, msg!("{n} changes were made on both sides: choose which to keep each time.", n = n)]),
        }
    }

    /// The items left out, counted by why: `None` when nothing was.
    pub fn left_out(&self) -> Option<Message> {
        let n = self.skipped.len();
        if n == 0 {
            return None;
        }
        let mut reasons = Vec::new();
        let mut reason = |why: fn(&SkipReason) -> bool, words: fn(usize) -> Message| {
            let n = self.skipped.iter().filter(|s| why(&s.why)).count();
            if n > 0 {
                reasons.push(words(n));
            }
        };
        reason(|w| *w == SkipReason::Older, |n| msg!("{n} older than what you already have", n = n));
        reason(|w| *w == SkipReason::NotForYou, |n| msg!("{n} not meant for your copy", n = n));
        reason(|w| *w == SkipReason::PrivateHere, |n| msg!("{n} private on this device", n = n));
        reason(|w| *w == SkipReason::NoSuchRecord, |n| msg!("{n} for records this device does not have", n = n));
        reason(|w| *w == SkipReason::Deleted, |n| msg!("{n} for records deleted on this device", n = n));
        reason(|w| *w == SkipReason::NoSuchAction, |n| msg!("{n} for actions this device does not have", n = n));
        reason(|w| matches!(w, SkipReason::Refused(_)), |n| msg!("{n} that would change what was agreed or approved", n = n));
        let mut why: Vec<Message> = Vec::new();
        for skipped in &self.skipped {
            if let SkipReason::Refused(message) = &skipped.why {
                if !why.contains(message) {
                    why.push(message.clone());
                }
            }
        }
        let head = if n == 1 {
            msg!("1 item was left out: {reasons}.", reasons = Arg::Commas(reasons))
        } else {
            msg!("{n} items were left out: {reasons}.", n = n, reasons = Arg::Commas(reasons))
        };
        Some(if why.is_empty() { head } else { Message::sentences(std::iter::once(head).chain(why).collect()) })
    }

    fn session_date(&self, id: &RecordId) -> Option<crate::domain::date::Date> {
        self.working.sessions.iter().find(|e| e.record.id == *id).map(|e| e.record.data.date)
    }

    fn contract_version(&self, id: &RecordId) -> u32 {
        self.working.contracts.iter().find(|e| e.record.id == *id).map_or(0, |e| e.record.data.version)
    }

    /// The parts of the summary, each a phrase after "has": "sent 3 themes for …".
    fn parts(&self) -> Vec<Message> {
        let changed = |kind: SharedKind, field: fn(&SharedField) -> bool| -> Vec<&Change> {
            self.changes.iter().filter(|c| c.record.kind == kind && field(&c.field) && !c.new_record).collect()
        };
        let records = |changes: Vec<&Change>| -> usize { changes.iter().map(|c| &c.record).collect::<BTreeSet<_>>().len() };
        let created = self.created();
        let new_of = |kind: SharedKind| created.iter().filter(|r| r.kind == kind).count();
        let not_null = |changes: Vec<&Change>| changes.iter().filter(|c| !c.after.is_null()).count();
        let notes = |f: &SharedField| {
            matches!(f, SharedField::Agenda | SharedField::SessionAgreement | SharedField::Grow | SharedField::SharedNotes)
        };
        let is_items = |f: &SharedField| matches!(f, SharedField::SessionActions | SharedField::GoalItems);
        let reflections = changed(SharedKind::Session, |f| *f == SharedField::Reflection);
        let shared = reflections.iter().filter(|c| !c.after.is_null()).count();
        let items: usize = (changed(SharedKind::Session, is_items).into_iter().chain(changed(SharedKind::Goal, is_items)))
            .map(|c| added(&c.before, &c.after).max(added(&c.after, &c.before)).max(1))
            .sum();
        let check_ins = |f: &SharedField| matches!(f, SharedField::CheckIns { .. });

        let mut parts = Vec::new();
        counted(&mut parts, new_of(SharedKind::Session), || msg!("added 1 session"), |n| msg!("added {n} sessions", n = n));
        counted(
            &mut parts,
            records(changed(SharedKind::Session, |f| *f == SharedField::SessionPlan)),
            || msg!("changed the date, time or status of 1 session"),
            |n| msg!("changed the date, time or status of {n} sessions", n = n),
        );
        for change in changed(SharedKind::Session, |f| *f == SharedField::Themes) {
            let Some(date) = self.session_date(&change.record.id) else { continue };
            parts.push(match added(&change.before, &change.after) {
                0 => msg!("changed the themes for the session on {date}", date = date),
                1 => msg!("sent 1 theme for the session on {date}", date = date),
                n => msg!("sent {n} themes for the session on {date}", n = n, date = date),
            });
        }
        let checked = changed(SharedKind::Session, check_ins).len() + changed(SharedKind::Goal, check_ins).len();
        counted(&mut parts, checked, || msg!("checked off 1 action"), |n| msg!("checked off {n} actions", n = n));
        counted(&mut parts, shared, || msg!("shared 1 reflection"), |n| msg!("shared {n} reflections", n = n));
        counted(
            &mut parts,
            reflections.len() - shared,
            || msg!("stopped sharing 1 reflection"),
            |n| msg!("stopped sharing {n} reflections", n = n),
        );
        counted(
            &mut parts,
            not_null(changed(SharedKind::Session, |f| *f == SharedField::Feedback)),
            || msg!("given feedback on 1 session"),
            |n| msg!("given feedback on {n} sessions", n = n),
        );
        counted(
            &mut parts,
            records(changed(SharedKind::Session, notes)),
            || msg!("changed the agenda or notes of 1 session"),
            |n| msg!("changed the agenda or notes of {n} sessions", n = n),
        );
        counted(&mut parts, items, || msg!("updated 1 action or milestone"), |n| msg!("updated {n} actions and milestones", n = n));
        counted(&mut parts, new_of(SharedKind::Goal), || msg!("added 1 goal"), |n| msg!("added {n} goals", n = n));
        counted(
            &mut parts,
            records(changed(SharedKind::Goal, |f| *f == SharedField::GoalWording)),
            || msg!("changed 1 goal"),
            |n| msg!("changed {n} goals", n = n),
        );
        counted(
            &mut parts,
            records(changed(SharedKind::Goal, |f| *f == SharedField::GoalScores)),
            || msg!("scored 1 goal"),
            |n| msg!("scored {n} goals", n = n),
        );
        for reference in created.iter().filter(|r| r.kind == SharedKind::Contract) {
            parts.push(msg!("sent version {version} of the contract", version = self.contract_version(&reference.id)));
        }
        let versions = changed(SharedKind::Contract, |f| *f == SharedField::ContractVersion);
        for id in versions.iter().map(|c| &c.record.id).collect::<BTreeSet<_>>() {
            parts.push(msg!("updated version {version} of the contract", version = self.contract_version(id)));
        }
        let agreed = changed(SharedKind::Contract, |f| matches!(f, SharedField::ContractAgreement(_)));
        for id in agreed.iter().map(|c| &c.record.id).collect::<BTreeSet<_>>() {
            parts.push(msg!("agreed to version {version} of the contract", version = self.contract_version(id)));
        }
        let drafted = new_of(SharedKind::Report) + records(changed(SharedKind::Report, |f| *f == SharedField::ReportDraft));
        counted(&mut parts, drafted, || msg!("drafted 1 sponsor update"), |n| msg!("drafted {n} sponsor updates", n = n));
        counted(
            &mut parts,
            not_null(changed(SharedKind::Report, |f| *f == SharedField::ReportApproval)),
            || msg!("approved 1 sponsor update"),
            |n| msg!("approved {n} sponsor updates", n = n),
        );
        if new_of(SharedKind::Wheel) > 0 {
            parts.push(msg!("started the wheel of life"));
        }
        if !changed(SharedKind::Wheel, |f| *f == SharedField::WheelAreas).is_empty() {
            parts.push(msg!("changed the areas of the wheel of life"));
        }
        let rounds = changed(SharedKind::Wheel, |f| *f == SharedField::WheelRounds);
        if let Some(change) = rounds.first() {
            parts.push(match added(&change.before, &change.after) {
                0 => msg!("changed the scores of the wheel of life"),
                1 => msg!("scored the wheel of life"),
                n => msg!("scored the wheel of life {n} times", n = n),
            });
        }
        counted(&mut parts, new_of(SharedKind::Questionnaire), || msg!("sent 1 questionnaire"), |n| msg!("sent {n} questionnaires", n = n));
        counted(
            &mut parts,
            records(changed(SharedKind::Questionnaire, |f| *f == SharedField::QuestionnaireWording)),
            || msg!("changed the questions of 1 questionnaire"),
            |n| msg!("changed the questions of {n} questionnaires", n = n),
        );
        counted(
            &mut parts,
            records(changed(SharedKind::Questionnaire, |f| *f == SharedField::QuestionnaireAnswers)),
            || msg!("answered 1 questionnaire"),
            |n| msg!("answered {n} questionnaires", n = n),
        );
        parts
    }
}

/// Adds the phrase for `n` things, if there are any: `one` for 1, `many` otherwise.
fn counted(parts: &mut Vec<Message>, n: usize, one: fn() -> Message, many: fn(usize) -> Message) {
    match n {
        0 => {}
        1 => parts.push(one()),
        n => parts.push(many(n)),
    }
}

/// Entries of the list `after` that `before` does not have (0 when either is not a list).
fn added(before: &Value, after: &Value) -> usize {
    let empty = Vec::new();
    let before = before.as_array().unwrap_or(&empty);
    after.as_array().map_or(0, |after| after.iter().filter(|x| !before.contains(x)).count())
}

/// "a", "a and b", "a, b, and c".
fn and_list(mut parts: Vec<Message>) -> Message {
    let Some(last) = parts.pop() else { return Message::sentences(Vec::new()) };
    match parts.len() {
        0 => last,
        1 => msg!("{first} and {second}", first = parts.remove(0), second = last),
        _ => msg!("{list}, and {last}", list = Arg::Commas(parts), last = last),
    }
}
