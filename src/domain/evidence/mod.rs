//! Evidence of practice and the reports built from it.
//!
//! [`EngagementFacts`] gathers one engagement's stored records (the engagement, its
//! contract terms, sessions and goals) as every report reads them. [`client_hours`] says
//! how many clock hours a session counts as client time and [`is_paid`] whether an
//! engagement's hours are paid or pro bono.
//!
//! - [`cpd`]: the practitioner's CPD log ([`cpd::CpdEntry`]), 16 hours a year for the EMCC.
//! - [`csv`]: RFC 4180 CSV text for spreadsheets.
//! - [`icf`]: the ICF coaching log ([`icf::IcfLog`]) and progress towards ACC, PCC and MCC.
//! - [`emcc`]: the EMCC EIA evidence summary of the last 12 months
//!   ([`emcc::EmccSummary`]) and the supervision log ([`emcc::SupervisionEntry`]).
//! - [`sponsor`]: the sponsor update ([`sponsor::SponsorUpdate`]), redacted by the
//!   contract's sponsor-reporting clause.
//! - [`summary`]: the engagement summary the client and practitioner share
//!   ([`summary::EngagementSummary`]).
//!
//! No report ever reads session notes.

pub mod cpd;
pub mod csv;
pub mod emcc;
pub mod icf;
pub mod sponsor;
pub mod summary;

use crate::domain::contract::terms::{ContractTerms, Payer};
use crate::domain::date::Date;
use crate::domain::engagement::Engagement;
use crate::domain::goal::Goal;
use crate::domain::message::Message;
use crate::domain::record::RecordId;
use crate::domain::session::{Session, Status};
use crate::msg;

/// One engagement's facts, as the reports read them (built by the UI from stored records).
#[derive(Debug, Clone)]
pub struct EngagementFacts {
    pub id: RecordId,
    pub engagement: Engagement,
    pub terms: Option<ContractTerms>,
    pub sessions: Vec<Session>,
    pub goals: Vec<Goal>,
    /// The days the client answered a questionnaire at the end of the engagement (the
    /// end-of-engagement feedback form, or any other taken at the end): each is a client
    /// feedback item for the EMCC.
    pub end_answers: Vec<Date>,
}

/// Clock hours a session counts as client time: held, not a sponsor meeting → minutes / 60; else 0.
pub fn client_hours(session: &Session) -> f64 {
    if is_client_session(session) {
        f64::from(session.minutes) / 60.0
    } else {
        0.0
    }
}

/// A held session with the client (an ordinary session or a review, never a sponsor
/// meeting), whatever its length.
pub(crate) fn is_client_session(session: &Session) -> bool {
    session.status == Status::Held && !session.purpose.is_sponsor_meeting()
}

/// Paid when the contract names a payer other than NoFee and a fee above 0; pro bono when there is no fee (NoFee, fee 0 or none). No contract: `None` (unknown; the ICF log counts it as pro bono and says so in the row's note).
///
/// A contract with a fee above 0 but no payer chosen yet counts as paid: someone pays
/// the fee, even if the contract does not yet say who.
pub fn is_paid(terms: Option<&ContractTerms>) -> Option<bool> {
    let terms = terms?;
    Some(terms.payer != Some(Payer::NoFee) && terms.fee_per_session.is_some_and(|fee| fee > 0))
}

/// "1 held session has no length, so it counts as 0 hours." for held client sessions of
/// 0 minutes; `None` when there are none.
pub(crate) fn zero_length_note(sessions: &[Session]) -> Option<Message> {
    match sessions.iter().filter(|s| is_client_session(s) && s.minutes == 0).count() {
        0 => None,
        1 => Some(msg!("1 held session has no length, so it counts as 0 hours.")),
        n => Some(msg!("{n} held sessions have no length, so they count as 0 hours.", n = n)),
    }
}

/// A GAS score for people: "+2", "0", "-1".
pub(crate) fn score_text(score: i8) -> String {
    if score > 0 {
        format!("+{score}")
    } else {
        score.to_string()
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Builders shared by the evidence tests.

    use serde_json::json;

    use super::EngagementFacts;
    use crate::domain::contract::parties::Sponsor;
    use crate::domain::contract::terms::{ContractTerms, Payer};
    use crate::domain::contract::Party;
    use crate::domain::date::Date;
    use crate::domain::engagement::{Engagement, Kind};
    use crate::domain::goal::{Goal, GoalItem, ItemKind, ItemStatus, ReviewPoint, ScoreEntry, Visibility};
    use crate::domain::record::RecordId;
    use crate::domain::session::{ClockTime, Purpose, Session, Status};

    pub fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    pub fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    /// An engagement read as stored, so any client name (even one with a line break) is kept.
    pub fn engagement(client: &str, kind: Kind) -> Engagement {
        serde_json::from_value(json!({ "client": client, "practitioner": "Pat Coach", "kind": kind.as_str() })).unwrap()
    }

    pub fn sponsor() -> Sponsor {
        Sponsor {
            organisation: "Acme Ltd".into(),
            contact: serde_json::from_value(json!("Sam Sponsor")).unwrap(),
            role: "Head of Learning".into(),
        }
    }

    pub fn session(date: &str, minutes: u16, purpose: Purpose, status: Status) -> Session {
        let mut session = Session::planned(id("e"), day(date), ClockTime::default(), minutes, purpose);
        session.status = status;
        session
    }

    pub fn held(date: &str, minutes: u16) -> Session {
        session(date, minutes, Purpose::Session, Status::Held)
    }

    pub fn terms(payer: Option<Payer>, fee: Option<u32>) -> ContractTerms {
        let mut terms = ContractTerms::preset(Kind::Coaching, false, day("2026-01-01"));
        terms.payer = payer;
        terms.fee_per_session = fee;
        terms
    }

    pub fn facts(client: &str, kind: Kind, terms: Option<ContractTerms>, sessions: Vec<Session>) -> EngagementFacts {
        EngagementFacts { id: id("e"), engagement: engagement(client, kind), terms, sessions, goals: Vec::new(), end_answers: Vec::new() }
    }

    pub fn action(title: &str, status: ItemStatus) -> GoalItem {
        GoalItem {
            id: title.into(),
            kind: ItemKind::Action,
            title: title.into(),
            owner: Party::Client,
            due: None,
            status,
            done_on: None,
            weight: 1.0,
            needs_confirmation: false,
            confirmed: false,
            agreed_in: None,
            reviews: Vec::new(),
            check_ins: Vec::new(),
        }
    }

    pub fn goal(title: &str, visibility: Visibility, scores: &[(ReviewPoint, i8)]) -> Goal {
        let mut goal = Goal::new(id("e"), title);
        goal.visibility = visibility;
        goal.scores = scores
            .iter()
            .enumerate()
            .map(|(i, &(point, score))| ScoreEntry { on: day("2026-01-01").add_days(i as i64 * 30), point, score, note: String::new() })
            .collect();
        goal
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::domain::contract::terms::Payer;
    use crate::domain::session::Purpose;

    #[test]
    fn forty_five_minutes_held_are_three_quarters_of_an_hour() {
        assert_eq!(client_hours(&held("2026-01-05", 45)), 0.75);
        assert_eq!(client_hours(&session("2026-01-05", 90, Purpose::MidPointReview, Status::Held)), 1.5);
    }

    #[test]
    fn sessions_not_held_and_sponsor_meetings_count_no_client_hours() {
        for status in [Status::Planned, Status::Cancelled, Status::LateCancelled, Status::NoShow] {
            assert_eq!(client_hours(&session("2026-01-05", 60, Purpose::Session, status)), 0.0, "{status:?}");
        }
        for purpose in [Purpose::SponsorStart, Purpose::SponsorMid, Purpose::SponsorEnd] {
            assert_eq!(client_hours(&session("2026-01-05", 60, purpose, Status::Held)), 0.0, "{purpose:?}");
        }
    }

    #[test]
    fn paid_or_pro_bono_comes_from_the_contract() {
        assert_eq!(is_paid(Some(&terms(Some(Payer::Client), Some(150)))), Some(true));
        assert_eq!(is_paid(Some(&terms(Some(Payer::Sponsor), Some(900)))), Some(true));
        assert_eq!(is_paid(Some(&terms(Some(Payer::NoFee), Some(150)))), Some(false));
        assert_eq!(is_paid(Some(&terms(Some(Payer::Client), Some(0)))), Some(false));
        assert_eq!(is_paid(Some(&terms(Some(Payer::Client), None))), Some(false));
        assert_eq!(is_paid(Some(&terms(None, Some(150)))), Some(true));
        assert_eq!(is_paid(None), None);
    }

    #[test]
    fn held_sessions_without_a_length_are_named() {
        assert_eq!(zero_length_note(&[held("2026-01-05", 60)]), None);
        assert_eq!(
            zero_length_note(&[held("2026-01-05", 0)]).map(|n| n.to_string()).as_deref(),
            Some("1 held session has no length, so it counts as 0 hours.")
        );
        assert_eq!(
            zero_length_note(&[held("2026-01-05", 0), held("2026-01-06", 0)]).map(|n| n.to_string()).as_deref(),
            Some("2 held sessions have no length, so they count as 0 hours.")
        );
    }

    #[test]
    fn scores_read_with_their_sign() {
        assert_eq!(score_text(2), "+2");
        assert_eq!(score_text(0), "0");
        assert_eq!(score_text(-1), "-1");
    }
}
