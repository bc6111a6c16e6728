//! Keeping the contract's promise about notes: they are kept for the retention period
//! after the engagement ends, then disposed of (docs/domain.md §7, "Keeping and disposing").
//!
//! [`Retention`] says where an engagement stands ([`retention`]): still in progress, ended
//! with no retention period in its contract, within the period, due for disposal (with the
//! date, [`due_on`]), or disposed of. [`plan_disposal`] turns an engagement's records into a
//! [`DisposalPlan`]: the records that stay, emptied of everything but what the
//! practitioner's coaching log needs ([`what_stays`]), and the records that go for good
//! (erased to content-free tombstones by the store, see [`crate::domain::erasure`]).
//! [`Disposal`] is the mark an engagement carries afterwards.

use crate::domain::backup::BackupData;
use crate::domain::contract::terms::ContractTerms;
use crate::domain::contract::terms_in_force;
use crate::domain::date::Date;
pub use crate::domain::engagement::Disposal;
use crate::domain::erasure::Tombstone;
use crate::domain::evidence::is_paid;
use crate::domain::kinds::RecordKind;
use crate::domain::message::Message;
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::domain::session::journey::{Ending, Journey};
use crate::domain::session::Session;
use crate::msg;

/// Where an engagement stands with its retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Not ended yet: the period has not started.
    InProgress,
    /// Ended, but the contract names no retention period, so nothing falls due by itself.
    NoPeriod { ended_on: Date },
    /// Ended; the notes are kept until `due_on`.
    Kept { ended_on: Date, due_on: Date },
    /// The period is over: the notes are due for disposal since `due_on`.
    Due { ended_on: Date, due_on: Date },
    /// The notes were disposed of on that day.
    Disposed { on: Date },
}

impl Retention {
    /// Whether the notes may be disposed of now.
    pub fn is_due(self) -> bool {
        matches!(self, Retention::Due { .. })
    }

    /// Where it stands, in a sentence.
    pub fn describe(self) -> Message {
        match self {
            Retention::InProgress => {
                msg!("The engagement is still in progress. The retention period starts when it ends (completed or ended early).")
            }
            Retention::NoPeriod { ended_on } => msg!(
                "The engagement ended on {ended}. Its contract names no retention period, so nothing is disposed of by itself.",
                ended = ended_on
            ),
            Retention::Kept { ended_on, due_on } => {
                msg!(
                    "The engagement ended on {ended}. Its notes are kept until {due}, then due for disposal.",
                    ended = ended_on,
                    due = due_on
                )
            }
            Retention::Due { ended_on, due_on } => msg!(
                "The engagement ended on {ended}. The retention period ended on {due}: its notes are due for disposal.",
                ended = ended_on,
                due = due_on
            ),
            Retention::Disposed { on } => msg!("The notes were disposed of on {on}.", on = on),
        }
    }
}

/// The day notes kept for `months` after `ended_on` fall due: the same day of the month,
/// or the month's last day when that is shorter (31 August + 6 months is 28 or 29 February).
/// 0 months: the day it ended.
pub fn due_on(ended_on: Date, months: u16) -> Date {
    ended_on.add_months(i32::from(months))
}

/// Where an engagement stands on `today`: ended when its journey records an ending
/// (completed or ended early); the period is the one in the contract in force.
pub fn retention(disposal: Option<&Disposal>, journey: Option<&Journey>, terms: Option<&ContractTerms>, today: Date) -> Retention {
    if let Some(disposal) = disposal {
        return Retention::Disposed { on: disposal.on };
    }
    let Some(ended_on) = journey.and_then(|j| j.ending.as_ref()).map(|e| e.on) else {
        return Retention::InProgress;
    };
    match terms.and_then(|t| t.notes_retention_months) {
        None => Retention::NoPeriod { ended_on },
        Some(months) => {
            let due_on = due_on(ended_on, months);
            if today >= due_on {
                Retention::Due { ended_on, due_on }
            } else {
                Retention::Kept { ended_on, due_on }
            }
        }
    }
}

/// Where the engagement in `data` (its own records) stands on `today`.
pub fn retention_of(data: &BackupData, engagement_id: &RecordId, today: Date) -> Retention {
    let engagement = data.engagements.iter().find(|e| e.id == *engagement_id);
    let journey = data.journeys.iter().find(|j| j.data.engagement_id == *engagement_id && !j.deleted);
    let versions: Vec<_> = data.contracts.iter().filter(|c| c.data.engagement_id == *engagement_id).cloned().collect();
    retention(engagement.and_then(|e| e.data.disposed.as_ref()), journey.map(|j| &j.data), terms_in_force(&versions).as_ref(), today)
}

/// What stays after disposal, and why (shown before the person confirms).
pub fn what_stays() -> Vec<Message> {
    vec![
        msg!("The dates and lengths of the sessions, whether each was held, and whether the coaching was individual or group: your coaching log counts these hours for your accreditation."),
        msg!("Whether the hours were paid or pro bono, for the same log."),
        msg!("The client's name and contact, only if they agreed to be named in your coaching log; otherwise they appear as “Former client”."),
    ]
}

/// What goes with disposal.
pub fn what_goes() -> Vec<Message> {
    vec![
        msg!("Every note layer (yours, the client's and the shared one), themes, agendas, session agreements, GROW notes, reflections and feedback."),
        msg!("Goals and their wording, scores, milestones and actions."),
        msg!("The wheel of life and its scores, the questionnaires and their answers."),
        msg!("The contract versions, sponsor updates, the signposting register, pause reasons and the closing summary."),
        msg!("The engagement's title and sponsor."),
    ]
}

/// What disposal writes: the records that stay (emptied) and those that go.
#[derive(Debug, Clone, PartialEq)]
pub struct DisposalPlan {
    /// The day the retention period ended.
    pub due_on: Date,
    /// The engagement, its sessions and journey, each one revision later with only what stays.
    pub keep: BackupData,
    /// Every other record of the engagement, as the tombstone that replaces it.
    pub erase: Vec<Tombstone>,
}

impl DisposalPlan {
    /// How many records disposal changes or removes.
    pub fn records(&self) -> usize {
        self.keep.total() + self.erase.len()
    }
}

/// A session with only what the coaching log counts: when, how long, what kind, whether held.
pub fn disposed_session(session: &Session) -> Session {
    let mut kept = Session::planned(session.engagement_id.clone(), session.date, session.time, session.minutes, session.purpose);
    kept.mode = session.mode;
    kept.status = session.status;
    kept
}

/// The journey with only how it ended (when, completed or early); the summary, pauses,
/// phases and signposts go.
fn disposed_journey(journey: &Journey) -> Journey {
    Journey {
        ending: journey.ending.as_ref().map(|e| Ending { on: e.on, outcome: e.outcome, summary: String::new() }),
        ..Journey::new(journey.engagement_id.clone())
    }
}

/// Disposal of the engagement `engagement_id`, whose records (deleted ones included) are in
/// `data`, on `today`. Refused while the notes are not due (`Err` says why).
pub fn plan_disposal(data: &BackupData, engagement_id: &RecordId, today: Date, now: Timestamp) -> Result<DisposalPlan, Message> {
    let engagement = data
        .engagements
        .iter()
        .find(|e| e.id == *engagement_id && !e.deleted)
        .ok_or_else(|| msg!("This engagement is not on this device."))?;
    let due_on = match retention_of(data, engagement_id, today) {
        Retention::Due { due_on, .. } => due_on,
        standing => return Err(msg!("Not due for disposal: {why}", why = standing.describe())),
    };
    let versions: Vec<_> = data.contracts.iter().filter(|c| c.data.engagement_id == *engagement_id).cloned().collect();
    let disposal = Disposal { on: today, paid: is_paid(terms_in_force(&versions).as_ref()) };
    let mine = |id: &RecordId| id == engagement_id;
    let mut keep =
        BackupData { engagements: vec![engagement.clone().revised(now, engagement.data.disposed_copy(disposal))], ..BackupData::default() };
    let mut erase = Vec::new();
    let tomb = |kind: RecordKind, id: &RecordId, revision: u32, created_at: Timestamp| {
        Tombstone::of(kind, id.clone(), revision, created_at, Some(engagement_id.clone()), now)
    };
    for s in data.sessions.iter().filter(|s| mine(&s.data.engagement_id)) {
        if s.deleted {
            erase.push(tomb(RecordKind::Session, &s.id, s.revision, s.created_at));
        } else {
            keep.sessions.push(s.clone().revised(now, disposed_session(&s.data)));
        }
    }
    for j in data.journeys.iter().filter(|j| mine(&j.data.engagement_id)) {
        keep.journeys.push(j.clone().revised(now, disposed_journey(&j.data)));
    }
    erase.extend(
        data.contracts.iter().filter(|c| mine(&c.data.engagement_id)).map(|c| tomb(RecordKind::Contract, &c.id, c.revision, c.created_at)),
    );
    erase
        .extend(data.goals.iter().filter(|g| mine(&g.data.engagement_id)).map(|g| tomb(RecordKind::Goal, &g.id, g.revision, g.created_at)));
    erase.extend(
        data.reports.iter().filter(|r| mine(&r.data.engagement_id)).map(|r| tomb(RecordKind::Report, &r.id, r.revision, r.created_at)),
    );
    erase.extend(
        data.wheels.iter().filter(|w| mine(&w.data.engagement_id)).map(|w| tomb(RecordKind::Wheel, &w.id, w.revision, w.created_at)),
    );
    erase.extend(
        data.questionnaires
            .iter()
            .filter(|q| mine(&q.data.engagement_id))
            .map(|q| tomb(RecordKind::Questionnaire, &q.id, q.revision, q.created_at)),
    );
    Ok(DisposalPlan { due_on, keep, erase })
}

/// Engagements due for disposal on `today`, with the day each fell due, earliest first.
pub fn due_for_disposal(data: &BackupData, today: Date) -> Vec<(Record<crate::domain::Engagement>, Date)> {
    let mut due: Vec<_> = data
        .engagements
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match retention_of(data, &e.id, today) {
            Retention::Due { due_on, .. } => Some((e.clone(), due_on)),
            _ => None,
        })
        .collect();
    due.sort_by_key(|(e, due_on)| (*due_on, e.id.clone()));
    due
}

#[cfg(test)]
pub(crate) mod tests;
