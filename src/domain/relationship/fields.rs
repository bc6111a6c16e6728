//! Each kind of record as field groups: [`Shareable`] reads every group that may travel
//! as a JSON value ([`Shareable::fields`]; never a private one), writes one back
//! ([`Shareable::set`], leaving everything else, private layers and check-ins included, as
//! it was), and makes a shell holding only what some roles may keep
//! ([`Shareable::shell_for`]). Who owns which group is [`ownership`](super::ownership).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ownership::{may_receive, SharedField, SharedKind, SharedRecord};
use crate::domain::assessment::{ClientQuestionnaire, LifeWheel};
use crate::domain::contract::terms::SessionMode;
use crate::domain::contract::{Agreement, Contract, ContractStatus};
use crate::domain::date::Date;
use crate::domain::goal::{GasLevels, Goal, GoalItem, Progress, Visibility, Weight};
use crate::domain::party::Party;
use crate::domain::record::RecordId;
use crate::domain::report::{Approval, SponsorReport};
use crate::domain::session::{ClockTime, Purpose, Session, Status};

/// Why a value could not be written into a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetError {
    /// The value does not have the field group's shape.
    Unreadable,
    /// Check-ins on an action this record does not have.
    NoSuchAction,
}

/// A kind of record that relationship updates carry.
pub trait Shareable: Clone + PartialEq + Serialize + DeserializeOwned {
    const KIND: SharedKind;
    fn engagement_id(&self) -> &RecordId;
    /// The record as the rules about who sees it need it.
    fn as_shared(&self) -> SharedRecord<'_>;
    /// Every field group that may travel, with its value, in the order they are applied.
    fn fields(&self) -> Vec<(SharedField, Value)>;
    /// Writes one field group; everything else stays.
    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError>;
    /// The least a record of this kind holds, to which the shareable groups are added.
    fn skeleton(&self) -> Self;

    /// The value of one field group (`Null` when the record has none, such as check-ins on
    /// an action it does not have).
    fn value_of(&self, field: &SharedField) -> Value {
        self.fields().into_iter().find(|(f, _)| f == field).map_or(Value::Null, |(_, v)| v)
    }

    /// A copy holding only what every one of `roles` may keep: the skeleton and the field
    /// groups they may all receive. Private layers are never in it.
    fn shell_for(&self, roles: &[Party]) -> Self {
        let mut shell = self.skeleton();
        for (field, value) in self.fields() {
            if roles.iter().all(|role| may_receive(*role, &field)) {
                // The value comes from a record of the same type, so it reads back.
                let _ = shell.set(&field, &value);
            }
        }
        shell
    }
}

/// Nothing to say: no text, no entries, nothing chosen. A field group that is blank and
/// was never exchanged is not sent.
pub fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.values().all(is_blank),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// Whether two field values are the same value. Numbers compare by what they are, not by
/// how they were written: a value kept in the browser's database comes back with `1.0` read
/// as the whole number `1`, and that is no change.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(xs), Value::Array(ys)) => xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y)),
        (Value::Object(xs), Value::Object(ys)) => xs.len() == ys.len() && xs.iter().all(|(key, x)| ys.get(key).is_some_and(|y| same(x, y))),
        _ => a == b,
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn read<T: DeserializeOwned>(value: &Value) -> Result<T, SetError> {
    T::deserialize(value).map_err(|_| SetError::Unreadable)
}

/// Items without their check-ins (those travel on their own, as the client's).
fn without_check_ins(items: &[GoalItem]) -> Vec<GoalItem> {
    items.iter().map(|item| GoalItem { check_ins: Vec::new(), ..item.clone() }).collect()
}

/// `theirs` (without check-ins), each keeping the check-ins this device has for it.
fn keeping_check_ins(theirs: Vec<GoalItem>, mine: &[GoalItem]) -> Vec<GoalItem> {
    theirs
        .into_iter()
        .map(|item| {
            let check_ins = mine.iter().find(|m| m.id == item.id).map(|m| m.check_ins.clone()).unwrap_or_default();
            GoalItem { check_ins, ..item }
        })
        .collect()
}

/// The check-ins field of every item.
fn check_in_fields(items: &[GoalItem]) -> impl Iterator<Item = (SharedField, Value)> + '_ {
    items.iter().map(|item| (SharedField::CheckIns { action: item.id.clone() }, to_value(&item.check_ins)))
}

fn set_check_ins(items: &mut [GoalItem], action: &str, value: &Value) -> Result<(), SetError> {
    let check_ins = read(value)?;
    let item = items.iter_mut().find(|item| item.id == action).ok_or(SetError::NoSuchAction)?;
    item.check_ins = check_ins;
    Ok(())
}

/// [`SharedField::SessionPlan`].
#[derive(Serialize, Deserialize)]
struct SessionPlan {
    date: Date,
    time: ClockTime,
    minutes: u16,
    mode: Option<SessionMode>,
    purpose: Purpose,
    status: Status,
    status_note: String,
}

impl Shareable for Session {
    const KIND: SharedKind = SharedKind::Session;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Session(self)
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        let plan = SessionPlan {
            date: self.date,
            time: self.time,
            minutes: self.minutes,
            mode: self.mode,
            purpose: self.purpose,
            status: self.status,
            status_note: self.status_note.clone(),
        };
        // A reflection kept private never travels: it reads as none.
        let reflection = self.reflection_shared.then_some(&self.reflection);
        let mut fields = vec![
            (SharedField::SessionPlan, to_value(&plan)),
            (SharedField::Themes, to_value(&self.themes)),
            (SharedField::Agenda, to_value(&self.agenda)),
            (SharedField::SessionAgreement, to_value(&self.agreement)),
            (SharedField::Grow, to_value(&self.grow)),
            (SharedField::SharedNotes, to_value(&self.notes.shared)),
            (SharedField::Reflection, to_value(&reflection)),
            (SharedField::Feedback, to_value(&self.feedback)),
            (SharedField::SessionActions, to_value(&without_check_ins(&self.actions))),
        ];
        fields.extend(check_in_fields(&self.actions));
        fields
    }

    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::SessionPlan => {
                let plan: SessionPlan = read(value)?;
                (self.date, self.time, self.minutes, self.mode) = (plan.date, plan.time, plan.minutes, plan.mode);
                (self.purpose, self.status, self.status_note) = (plan.purpose, plan.status, plan.status_note);
            }
            SharedField::Themes => self.themes = read(value)?,
            SharedField::Agenda => self.agenda = read(value)?,
            SharedField::SessionAgreement => self.agreement = read(value)?,
            SharedField::Grow => self.grow = read(value)?,
            SharedField::SharedNotes => self.notes.shared = read(value)?,
            SharedField::Reflection => {
                let reflection: Option<String> = read(value)?;
                self.reflection_shared = reflection.is_some();
                self.reflection = reflection.unwrap_or_default();
            }
            SharedField::Feedback => self.feedback = read(value)?,
            SharedField::SessionActions => self.actions = keeping_check_ins(read(value)?, &self.actions),
            SharedField::CheckIns { action } => set_check_ins(&mut self.actions, action, value)?,
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> Session {
        let mut session = Session::planned(self.engagement_id.clone(), self.date, self.time, self.minutes, self.purpose);
        session.status = self.status;
        session
    }
}

/// [`SharedField::GoalWording`]: everything about a goal but its scores and items.
#[derive(Serialize, Deserialize)]
struct GoalWording {
    title: String,
    why_it_matters: String,
    success_measure: String,
    target_date: Option<Date>,
    owner: Party,
    visibility: Visibility,
    levels: GasLevels,
    weight: Weight,
    level_history: Vec<GasLevels>,
    progress: Progress,
}

impl Shareable for Goal {
    const KIND: SharedKind = SharedKind::Goal;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Goal(self)
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        let wording = GoalWording {
            title: self.title.clone(),
            why_it_matters: self.why_it_matters.clone(),
            success_measure: self.success_measure.clone(),
            target_date: self.target_date,
            owner: self.owner,
            visibility: self.visibility,
            levels: self.levels.clone(),
            weight: self.weight,
            level_history: self.level_history.clone(),
            progress: self.progress.clone(),
        };
        let mut fields = vec![
            (SharedField::GoalWording, to_value(&wording)),
            (SharedField::GoalScores, to_value(&self.scores)),
            (SharedField::GoalItems, to_value(&without_check_ins(&self.items))),
        ];
        fields.extend(check_in_fields(&self.items));
        fields
    }

    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::GoalWording => {
                let w: GoalWording = read(value)?;
                (self.title, self.why_it_matters, self.success_measure) = (w.title, w.why_it_matters, w.success_measure);
                (self.target_date, self.owner, self.visibility) = (w.target_date, w.owner, w.visibility);
                (self.levels, self.weight, self.level_history, self.progress) = (w.levels, w.weight, w.level_history, w.progress);
            }
            SharedField::GoalScores => self.scores = read(value)?,
            SharedField::GoalItems => self.items = keeping_check_ins(read(value)?, &self.items),
            SharedField::CheckIns { action } => set_check_ins(&mut self.items, action, value)?,
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> Goal {
        Goal::new(self.engagement_id.clone(), self.title.clone())
    }
}

impl Shareable for Contract {
    const KIND: SharedKind = SharedKind::Contract;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Contract { proposed: self.status != ContractStatus::Draft }
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        let version = Contract { agreements: Vec::new(), ..self.clone() };
        let mut fields = vec![(SharedField::ContractVersion, to_value(&version))];
        fields.extend(self.agreements.iter().map(|a| (SharedField::ContractAgreement(a.party), to_value(a))));
        fields
    }

    /// A version keeps this device's agreements, and its status never moves back (a
    /// version agreed here stays agreed when an older copy of the proposal arrives).
    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::ContractVersion => {
                let incoming: Contract = read(value)?;
                let (status, agreed_at) = (later(self.status, incoming.status), incoming.agreed_at.or(self.agreed_at));
                let agreements = std::mem::take(&mut self.agreements);
                *self = Contract { agreements, status, agreed_at, ..incoming };
            }
            SharedField::ContractAgreement(party) => {
                let agreement: Agreement = read(value)?;
                if agreement.party != *party {
                    return Err(SetError::Unreadable);
                }
                self.agreements.retain(|a| a.party != *party);
                self.agreements.push(agreement);
                self.agreements.sort_by_key(|a| a.party);
            }
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> Contract {
        Contract { agreements: Vec::new(), ..self.clone() }
    }
}

/// How far along a version is: proposed, agreed, then superseded or ended.
fn stage(status: ContractStatus) -> u8 {
    match status {
        ContractStatus::Draft => 0,
        ContractStatus::Proposed => 1,
        ContractStatus::Agreed => 2,
        ContractStatus::Superseded | ContractStatus::Ended => 3,
    }
}

/// The status further along (the incoming one when both are as far).
fn later(mine: ContractStatus, theirs: ContractStatus) -> ContractStatus {
    if stage(theirs) >= stage(mine) {
        theirs
    } else {
        mine
    }
}

/// [`SharedField::ReportDraft`].
#[derive(Serialize, Deserialize)]
struct ReportDraft {
    drafted_on: Date,
    text: String,
}

impl Shareable for SponsorReport {
    const KIND: SharedKind = SharedKind::Report;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Report(self)
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        let draft = ReportDraft { drafted_on: self.drafted_on, text: self.text.clone() };
        vec![(SharedField::ReportDraft, to_value(&draft)), (SharedField::ReportApproval, to_value(&self.approval))]
    }

    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::ReportDraft => {
                let draft: ReportDraft = read(value)?;
                (self.drafted_on, self.text) = (draft.drafted_on, draft.text);
            }
            SharedField::ReportApproval => self.approval = read::<Option<Approval>>(value)?,
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> SponsorReport {
        SponsorReport::new(self.engagement_id.clone(), self.drafted_on, self.text.clone())
    }
}

impl Shareable for LifeWheel {
    const KIND: SharedKind = SharedKind::Wheel;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Assessment
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        vec![(SharedField::WheelAreas, to_value(&self.wheel.areas())), (SharedField::WheelRounds, to_value(&self.wheel.rounds()))]
    }

    /// Areas and rounds are written as they came; the merge refuses a wheel whose rounds
    /// then no longer line up with its areas.
    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::WheelAreas => self.wheel.set_areas(read(value)?),
            SharedField::WheelRounds => self.wheel.set_rounds(read(value)?),
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> LifeWheel {
        let mut wheel = self.wheel.clone();
        wheel.set_areas(Vec::new());
        wheel.set_rounds(Vec::new());
        LifeWheel { engagement_id: self.engagement_id.clone(), wheel }
    }
}

impl Shareable for ClientQuestionnaire {
    const KIND: SharedKind = SharedKind::Questionnaire;

    fn engagement_id(&self) -> &RecordId {
        &self.engagement_id
    }

    fn as_shared(&self) -> SharedRecord<'_> {
        SharedRecord::Assessment
    }

    fn fields(&self) -> Vec<(SharedField, Value)> {
        vec![
            (SharedField::QuestionnaireWording, to_value(&self.questionnaire)),
            (SharedField::QuestionnaireAnswers, to_value(&self.rounds)),
        ]
    }

    /// Questions and answers are written as they came; the merge refuses a questionnaire
    /// whose answers then no longer match its questions.
    fn set(&mut self, field: &SharedField, value: &Value) -> Result<(), SetError> {
        match field {
            SharedField::QuestionnaireWording => self.questionnaire = read(value)?,
            SharedField::QuestionnaireAnswers => {
                self.rounds = read(value)?;
                self.sort();
            }
            _ => return Err(SetError::Unreadable),
        }
        Ok(())
    }

    fn skeleton(&self) -> ClientQuestionnaire {
        ClientQuestionnaire::new(self.engagement_id.clone(), self.questionnaire.clone())
    }
}
