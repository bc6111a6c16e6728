//! What needs attention between sessions, per role (`docs/domain.md` §9).
//!
//! [`Facts`] is what the device holds about one engagement and who its owner is in it;
//! [`needs`] turns it, at a [`LocalMoment`] of this device's clock, into [`Item`]s: a
//! [`Need`] (what to do, in words), the [`Where`] it is done and the date it is about.
//! [`all`] does so for every engagement, most pressing first. [`notified`] says which items
//! this device has not yet shown as a notification. The rules read local
//! calendar dates and wall-clock times only, so the daylight-saving switch moves nothing.
//!
//! | role | item | when |
//! |---|---|---|
//! | practitioner | a proposed contract still waiting for someone's agreement | while proposed |
//! | practitioner | no themes yet from the client | from [`THEMES_LEAD_DAYS`] days before a planned session |
//! | practitioner | a session still "planned" after it ended | from its end |
//! | practitioner | actions overdue | an open action's due date has passed |
//! | practitioner | the mid-point review | from [`REVIEW_LEAD_DAYS`] days before the contract's mid-point until one is held or planned ahead |
//! | practitioner | a relationship gone quiet | nothing held for the engagement's quiet days ([`Engagement::quiet_after_days`]) and nothing planned ahead |
//! | practitioner | a sponsor update due | by the contract's reporting cadence, counted from the last update (or the start) |
//! | client | themes to send | a planned session within [`CLIENT_THEMES_DAYS`] days with none yet |
//! | client | actions due | open actions due within [`CLIENT_ACTIONS_DAYS`] days or overdue |
//! | client | a reflection | a session held in the last [`REFLECT_DAYS`] days without one |
//! | client | a sponsor update to approve | drafted, not yet approved |
//! | client | a questionnaire to answer | given, not answered yet |
//! | client, sponsor | a contract to agree | proposed, and their agreement is missing |
//! | sponsor | a three-way meeting | planned within [`THREE_WAY_DAYS`] days |
//!
//! Nothing is asked of an engagement that has ended; a paused one never counts as quiet.

use crate::domain::assessment::ClientQuestionnaire;
use crate::domain::contract::terms::ReportCadence;
use crate::domain::contract::{Contract, ContractStatus, ContractTerms};
use crate::domain::date::Date;
use crate::domain::engagement::Engagement;
use crate::domain::goal::progress::is_overdue;
use crate::domain::goal::{Goal, GoalItem, ItemKind, ItemStatus};
use crate::domain::message::{Arg, Message};
use crate::domain::party::Party;
use crate::domain::record::RecordId;
use crate::domain::report::SponsorReport;
use crate::domain::session::journey::{Journey, Standing};
use crate::domain::session::plan::mid_point;
use crate::domain::session::{LocalMoment, Purpose, Session, Status};
use crate::msg;

pub mod notified;

/// Days before a planned session from which the practitioner hears that no themes came.
pub const THEMES_LEAD_DAYS: i64 = 2;
/// Days before the contract's mid-point from which its review is due.
pub const REVIEW_LEAD_DAYS: i64 = 7;
/// Days ahead in which a client is asked for themes for the next session.
pub const CLIENT_THEMES_DAYS: i64 = 7;
/// Days ahead in which a client sees actions coming due.
pub const CLIENT_ACTIONS_DAYS: i64 = 7;
/// Days after a held session in which a client is asked for a reflection.
pub const REFLECT_DAYS: i64 = 14;
/// Days ahead in which a sponsor sees a three-way meeting.
pub const THREE_WAY_DAYS: i64 = 14;
/// What this device holds about one engagement.
#[derive(Debug, Clone)]
pub struct Facts {
    pub id: RecordId,
    pub engagement: Engagement,
    /// Who the device's owner is in it.
    pub me: Party,
    /// Every live contract version, in any order.
    pub contracts: Vec<Contract>,
    pub sessions: Vec<(RecordId, Session)>,
    pub goals: Vec<(RecordId, Goal)>,
    pub reports: Vec<(RecordId, SponsorReport)>,
    pub journey: Option<Journey>,
    /// The questionnaires given in it: id, the day it was given, and its title and answers.
    pub questionnaires: Vec<(RecordId, Date, ClientQuestionnaire)>,
}

/// Where an item is done, for the screen to link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Where {
    /// The engagement's page (for a client or a sponsor: their copy).
    Engagement,
    Contract,
    Goals,
    Sessions,
    Session(RecordId),
    SponsorUpdates,
    Questionnaire(RecordId),
}

/// What needs doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// Practitioner: a proposed version waits for these parties.
    ContractAwaiting {
        version: u32,
        awaiting: Vec<Party>,
    },
    /// Client or sponsor: their agreement to a proposed version is missing.
    AgreeContract {
        version: u32,
    },
    NoThemes {
        on: Date,
    },
    RecordSession {
        on: Date,
    },
    ActionsOverdue {
        count: usize,
    },
    MidPointReview {
        on: Date,
    },
    Quiet {
        days: i64,
    },
    SponsorUpdateDue {
        since: Date,
    },
    SendThemes {
        on: Date,
    },
    ActionsDue {
        count: usize,
        first: Date,
    },
    Reflect {
        on: Date,
    },
    ApproveUpdate {
        drafted_on: Date,
    },
    ThreeWay {
        on: Date,
        purpose: Purpose,
    },
    /// Client: a questionnaire given and not answered yet.
    AnswerQuestionnaire {
        title: String,
    },
}

impl Need {
    /// The item in words, as the person reads it.
    pub fn words(&self) -> Message {
        match self {
            Need::ContractAwaiting { version, awaiting } => msg!(
                "Contract version {version} is waiting for agreement. Still to agree: {parties}",
                version = *version,
                parties = Arg::Message(Box::new(parties_in_words(awaiting)))
            ),
            Need::AgreeContract { version } => msg!("Read and agree to contract version {version}", version = *version),
            Need::NoThemes { on } => msg!("No themes yet for the session on {date}", date = Arg::Date(*on)),
            Need::RecordSession { on } => msg!("Record what happened in the session on {date}", date = Arg::Date(*on)),
            Need::ActionsOverdue { count: 1 } => msg!("1 action is overdue"),
            Need::ActionsOverdue { count } => msg!("{n} actions are overdue", n = *count),
            Need::MidPointReview { on } => msg!("The mid-point review is due around {date}", date = Arg::Date(*on)),
            Need::Quiet { days } => msg!("No session for {days} days and none planned", days = *days),
            Need::SponsorUpdateDue { since } => msg!("A sponsor update is due (since {date})", date = Arg::Date(*since)),
            Need::SendThemes { on } => msg!("Send your themes for the session on {date}", date = Arg::Date(*on)),
            Need::ActionsDue { count: 1, first } => msg!("1 action due by {date}", date = Arg::Date(*first)),
            Need::ActionsDue { count, first } => {
                msg!("{n} actions due, the first by {date}", n = *count, date = Arg::Date(*first))
            }
            Need::Reflect { on } => msg!("Note what you take away from the session on {date}", date = Arg::Date(*on)),
            Need::ApproveUpdate { drafted_on } => {
                msg!("Read and approve the sponsor update drafted on {date}", date = Arg::Date(*drafted_on))
            }
            Need::ThreeWay { on, purpose } => {
                msg!("{meeting} on {date}", meeting = Arg::Label(purpose.label()), date = Arg::Date(*on))
            }
            Need::AnswerQuestionnaire { title } => msg!("Answer the questionnaire “{title}”", title = title.as_str()),
        }
    }
}

impl Need {
    /// The kind of need, in a word that never changes (stored in [`Item::key`]).
    pub fn kind(&self) -> &'static str {
        match self {
            Need::ContractAwaiting { .. } => "contract-awaiting",
            Need::AgreeContract { .. } => "agree-contract",
            Need::NoThemes { .. } => "no-themes",
            Need::RecordSession { .. } => "record-session",
            Need::ActionsOverdue { .. } => "actions-overdue",
            Need::MidPointReview { .. } => "mid-point-review",
            Need::Quiet { .. } => "quiet",
            Need::SponsorUpdateDue { .. } => "sponsor-update-due",
            Need::SendThemes { .. } => "send-themes",
            Need::ActionsDue { .. } => "actions-due",
            Need::Reflect { .. } => "reflect",
            Need::ApproveUpdate { .. } => "approve-update",
            Need::ThreeWay { .. } => "three-way",
            Need::AnswerQuestionnaire { .. } => "answer-questionnaire",
        }
    }
}

/// One thing that needs attention in one engagement.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub engagement_id: RecordId,
    pub need: Need,
    pub at: Where,
    /// The date it is about, for ordering (the earliest first).
    pub date: Date,
}

impl Item {
    /// Names the item for as long as it stays the same need: engagement, kind of need and
    /// date (`<engagement>/record-session/2026-03-02`). A count that grows (a second
    /// overdue action) keeps the key; a new date makes a new one. What
    /// [`notified::Notified`] remembers. A questionnaire to answer is named by its id too,
    /// so two given on the same day are two items (`…/answer-questionnaire/2026-03-02/<id>`).
    pub fn key(&self) -> String {
        match &self.at {
            Where::Questionnaire(id) => format!("{}/{}/{}/{id}", self.engagement_id, self.need.kind(), self.date),
            _ => format!("{}/{}/{}", self.engagement_id, self.need.kind(), self.date),
        }
    }
}

/// Everything that needs attention across `engagements`, earliest date first.
pub fn all(engagements: &[Facts], now: LocalMoment) -> Vec<Item> {
    let mut items: Vec<Item> = engagements.iter().flat_map(|facts| needs(facts, now)).collect();
    items.sort_by_key(|item| item.date);
    items
}

/// What needs attention in one engagement, for the device's owner, at `now`.
pub fn needs(facts: &Facts, now: LocalMoment) -> Vec<Item> {
    let standing = facts.journey.as_ref().map_or(Standing::Active, Journey::standing);
    if matches!(standing, Standing::Ended(_)) || facts.engagement.disposed.is_some() {
        return Vec::new();
    }
    let mut found = Found { facts, items: Vec::new() };
    found.contract();
    match facts.me {
        Party::Practitioner => {
            found.practitioner(now);
            if !matches!(standing, Standing::Paused { .. }) {
                found.quiet(now.date);
            }
        }
        Party::Client => found.client(now.date),
        Party::Sponsor => found.sponsor(now.date),
    }
    found.items
}

struct Found<'a> {
    facts: &'a Facts,
    items: Vec<Item>,
}

impl Found<'_> {
    fn push(&mut self, need: Need, at: Where, date: Date) {
        self.items.push(Item { engagement_id: self.facts.id.clone(), need, at, date });
    }

    fn latest_contract(&self) -> Option<&Contract> {
        self.facts.contracts.iter().max_by_key(|c| c.version)
    }

    /// The terms agreed and in force, if any.
    fn agreed_terms(&self) -> Option<&ContractTerms> {
        self.facts.contracts.iter().filter(|c| c.status == ContractStatus::Agreed).max_by_key(|c| c.version).map(|c| &c.terms)
    }

    fn sessions(&self) -> impl Iterator<Item = &(RecordId, Session)> {
        self.facts.sessions.iter()
    }

    fn contract(&mut self) {
        let Some(contract) = self.latest_contract() else { return };
        if contract.status != ContractStatus::Proposed {
            return;
        }
        let (version, awaiting) = (contract.version, contract.awaiting());
        let Some(on) = contract.proposed_at.map(|at| Date::from_unix_millis(at.0)).or(contract.terms.start_date) else { return };
        match self.facts.me {
            Party::Practitioner if !awaiting.is_empty() => self.push(Need::ContractAwaiting { version, awaiting }, Where::Contract, on),
            me if awaiting.contains(&me) => self.push(Need::AgreeContract { version }, Where::Contract, on),
            _ => {}
        }
    }

    fn practitioner(&mut self, now: LocalMoment) {
        let today = now.date;
        let mut found = Vec::new();
        for (id, session) in self.sessions() {
            if session.status != Status::Planned {
                continue;
            }
            if session_end(session) <= now {
                found.push((Need::RecordSession { on: session.date }, Where::Session(id.clone()), session.date));
            } else if !is_three_way(session.purpose) && session.themes.is_empty() && today.days_until(session.date) <= THEMES_LEAD_DAYS {
                found.push((Need::NoThemes { on: session.date }, Where::Session(id.clone()), session.date));
            }
        }
        let overdue: Vec<(Where, Date)> =
            self.open_actions().filter(|(_, item)| is_overdue(item, today)).map(|(at, item)| (at, item.due.unwrap_or(today))).collect();
        if let Some((at, first)) = overdue.iter().min_by_key(|(_, due)| *due).cloned() {
            found.push((Need::ActionsOverdue { count: overdue.len() }, at, first));
        }
        if let Some(on) = self.mid_point_review_due(today) {
            found.push((Need::MidPointReview { on }, Where::Sessions, on));
        }
        if let Some(since) = self.sponsor_update_due(today) {
            found.push((Need::SponsorUpdateDue { since }, Where::SponsorUpdates, since));
        }
        for (need, at, date) in found {
            self.push(need, at, date);
        }
    }

    /// Open actions (not done, not dropped), with where each is kept: a goal's on the
    /// goals page, a session's on that session.
    fn open_actions(&self) -> impl Iterator<Item = (Where, &GoalItem)> {
        let open = |item: &&GoalItem| item.kind == ItemKind::Action && !matches!(item.status, ItemStatus::Done | ItemStatus::Dropped);
        let in_goals = self.facts.goals.iter().flat_map(move |(_, goal)| goal.items.iter().filter(open).map(|item| (Where::Goals, item)));
        let in_sessions = self
            .sessions()
            .flat_map(move |(id, session)| session.actions.iter().filter(open).map(move |item| (Where::Session(id.clone()), item)));
        in_goals.chain(in_sessions)
    }

    /// From a week before the contract's mid-point, until a mid-point review is held or
    /// planned ahead, and not after the contract's end.
    fn mid_point_review_due(&self, today: Date) -> Option<Date> {
        let terms = self.agreed_terms()?;
        let (start, end) = (terms.start_date?, terms.end_date?);
        if !terms.mid_point_review || today > end {
            return None;
        }
        let mid = mid_point(start, end);
        let arranged = self.sessions().any(|(_, s)| {
            s.purpose == Purpose::MidPointReview && (s.status == Status::Held || (s.status == Status::Planned && s.date >= today))
        });
        (today.days_until(mid) <= REVIEW_LEAD_DAYS && !arranged).then_some(mid)
    }

    /// The day the next sponsor update fell due, if it has: a month or a quarter after
    /// the last one (or the contract's start); at review points, once a review or
    /// three-way meeting has been held since the last one.
    fn sponsor_update_due(&self, today: Date) -> Option<Date> {
        let terms = self.agreed_terms()?;
        let reporting = terms.sponsor_reporting.as_ref()?;
        self.facts.engagement.sponsor.as_ref()?;
        let last = self.facts.reports.iter().map(|(_, r)| r.drafted_on).max();
        let due = match reporting.cadence {
            ReportCadence::Monthly => last.or(terms.start_date)?.add_months(1),
            ReportCadence::Quarterly => last.or(terms.start_date)?.add_months(3),
            ReportCadence::AtReviewPoints => self
                .sessions()
                .filter(|(_, s)| s.status == Status::Held && is_review_point(s.purpose) && last.is_none_or(|l| s.date > l))
                .map(|(_, s)| s.date)
                .min()?,
        };
        (due <= today).then_some(due)
    }

    /// Nothing held for the engagement's quiet days (counted from the last session held
    /// or not yet recorded, or the contract's start) and nothing planned from today on, while the agreed
    /// contract runs.
    fn quiet(&mut self, today: Date) {
        let Some(terms) = self.agreed_terms() else { return };
        if terms.end_date.is_some_and(|end| today > end) {
            return;
        }
        if self.sessions().any(|(_, s)| s.status == Status::Planned && s.date >= today) {
            return;
        }
        // A past session not yet recorded counts as contact: it is asked about on its own.
        let met = self
            .sessions()
            .filter(|(_, s)| matches!(s.status, Status::Held | Status::Planned) && s.date <= today)
            .map(|(_, s)| s.date)
            .max();
        let Some(last) = met.or(terms.start_date) else { return };
        let days = last.days_until(today);
        if days > i64::from(self.facts.engagement.quiet_after_days()) {
            self.push(Need::Quiet { days }, Where::Sessions, last);
        }
    }

    fn client(&mut self, today: Date) {
        let next = self
            .sessions()
            .filter(|(_, s)| s.status == Status::Planned && !is_three_way(s.purpose) && s.date >= today)
            .min_by_key(|(_, s)| (s.date, s.time));
        if let Some((_, session)) = next {
            if session.themes.is_empty() && today.days_until(session.date) <= CLIENT_THEMES_DAYS {
                self.push(Need::SendThemes { on: session.date }, Where::Engagement, session.date);
            }
        }
        let horizon = today.add_days(CLIENT_ACTIONS_DAYS);
        let mut due: Vec<Date> = self.open_actions().filter_map(|(_, item)| item.due).filter(|due| *due <= horizon).collect();
        due.sort();
        if let Some(&first) = due.first() {
            self.push(Need::ActionsDue { count: due.len(), first }, Where::Engagement, first);
        }
        let unreflected = self
            .sessions()
            .filter(|(_, s)| {
                s.status == Status::Held
                    && !is_three_way(s.purpose)
                    && s.reflection.trim().is_empty()
                    && s.date <= today
                    && s.date.days_until(today) <= REFLECT_DAYS
            })
            .map(|(_, s)| s.date)
            .max();
        if let Some(on) = unreflected {
            self.push(Need::Reflect { on }, Where::Engagement, on);
        }
        let waiting: Vec<Date> = self.facts.reports.iter().filter(|(_, r)| r.approval.is_none()).map(|(_, r)| r.drafted_on).collect();
        for drafted_on in waiting {
            self.push(Need::ApproveUpdate { drafted_on }, Where::SponsorUpdates, drafted_on);
        }
        let unanswered: Vec<(RecordId, Date, String)> = self
            .facts
            .questionnaires
            .iter()
            .filter(|(_, _, q)| q.rounds.is_empty())
            .map(|(id, given_on, q)| (id.clone(), *given_on, q.questionnaire.title.clone()))
            .collect();
        for (id, given_on, title) in unanswered {
            self.push(Need::AnswerQuestionnaire { title }, Where::Questionnaire(id), given_on);
        }
    }

    fn sponsor(&mut self, today: Date) {
        let meetings: Vec<(Date, Purpose)> = self
            .sessions()
            .filter(|(_, s)| {
                s.status == Status::Planned && is_three_way(s.purpose) && s.date >= today && today.days_until(s.date) <= THREE_WAY_DAYS
            })
            .map(|(_, s)| (s.date, s.purpose))
            .collect();
        for (on, purpose) in meetings {
            self.push(Need::ThreeWay { on, purpose }, Where::Engagement, on);
        }
    }
}

/// When a session ends on this device's clock (its start plus its length; one running
/// past midnight ends the next day).
fn session_end(session: &Session) -> LocalMoment {
    let minutes = u32::from(session.time.minutes()) + u32::from(session.minutes);
    let date = session.date.add_days(i64::from(minutes / 1_440));
    let rest = minutes % 1_440;
    let time = crate::domain::session::ClockTime::new((rest / 60) as u8, (rest % 60) as u8).unwrap_or_default();
    LocalMoment { date, time }
}

/// "client, sponsor": the parties by their labels, the practitioner as "you".
fn parties_in_words(parties: &[Party]) -> Message {
    let words = parties
        .iter()
        .map(|party| match party {
            Party::Practitioner => msg!("you"),
            other => msg!("{party}", party = Arg::LabelInSentence(other.label())),
        })
        .collect();
    msg!("{list}", list = Arg::Commas(words))
}

fn is_three_way(purpose: Purpose) -> bool {
    matches!(purpose, Purpose::SponsorStart | Purpose::SponsorMid | Purpose::SponsorEnd)
}

fn is_review_point(purpose: Purpose) -> bool {
    matches!(purpose, Purpose::MidPointReview | Purpose::EndReview | Purpose::SponsorMid | Purpose::SponsorEnd)
}

#[cfg(test)]
mod tests;
