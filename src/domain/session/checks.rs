//! Warnings about a session that a person should see but that never block saving: a
//! date outside the engagement's contract dates, an overlap with another session, an
//! action linked to no goal. [`session_warnings`] and [`action_warning`] return them in
//! plain words.

use crate::domain::goal::{EngagementWindow, GoalItem};
use crate::domain::message::{Arg, Message};
use crate::domain::record::{Record, RecordId};
use crate::msg;

use super::{Session, Status};

/// Everything worth pointing out about `session` (stored as `id`, or about to be created
/// when `id` is `None`) against the engagement's other sessions and its contract dates.
pub fn session_warnings(id: Option<&RecordId>, session: &Session, others: &[Record<Session>], window: EngagementWindow) -> Vec<Message> {
    let mut warnings = Vec::new();
    if let Some(start) = window.start.filter(|start| session.date < *start) {
        warnings.push(msg!(
            "This is on {date}, before the contract starts ({start}). It is saved; check the date, or change the contract's dates.",
            date = session.date,
            start = start
        ));
    }
    if let Some(end) = window.end.filter(|end| session.date > *end) {
        warnings.push(msg!(
            "This is on {date}, after the contract ends ({end}). It is saved; check the date, or re-contract to extend the engagement.",
            date = session.date,
            end = end
        ));
    }
    if takes_place(session) {
        let (start, end) = session.span();
        for other in others.iter().filter(|o| !o.deleted && Some(&o.id) != id && o.data.date == session.date && takes_place(&o.data)) {
            let (other_start, other_end) = other.data.span();
            if start < other_end && other_start < end {
                warnings.push(msg!(
                    "This overlaps the {meeting} on {date} at {time} ({minutes} minutes). Both are saved; move one of them.",
                    meeting = Arg::LabelInSentence(other.data.title()),
                    date = other.data.date,
                    time = other.data.time.to_string(),
                    minutes = other.data.minutes
                ));
            }
        }
    }
    warnings
}

/// A cancelled session no longer takes up the time.
fn takes_place(session: &Session) -> bool {
    !matches!(session.status, Status::Cancelled | Status::LateCancelled)
}

/// The warning for an action linked to no goal.
pub fn action_warning(item: &GoalItem, goal_title: Option<&str>) -> Option<Message> {
    goal_title.is_none().then(|| msg!("“{title}” is linked to no goal, so it does not count in any goal's progress.", title = &item.title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::record::Timestamp;
    use crate::domain::session::{ClockTime, Purpose};

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn at(date: &str, hour: u8, minutes: u16) -> Session {
        Session::planned(RecordId::parse("eng").unwrap(), day(date), ClockTime::new(hour, 0).unwrap(), minutes, Purpose::Session)
    }

    fn stored(id: &str, session: Session) -> Record<Session> {
        Record::new(RecordId::parse(id).unwrap(), Timestamp(0), session)
    }

    fn window() -> EngagementWindow {
        EngagementWindow { start: Some(day("2026-12-01")), end: Some(day("2027-03-01")) }
    }

    #[test]
    fn a_session_outside_the_contract_dates_is_allowed_with_a_warning() {
        let before = session_warnings(None, &at("2026-11-20", 9, 60), &[], window());
        assert!(before[0].contains("before the contract starts"), "{before:?}");
        let after = session_warnings(None, &at("2027-03-02", 9, 60), &[], window());
        assert!(after[0].contains("after the contract ends"), "{after:?}");
        assert!(session_warnings(None, &at("2027-03-01", 9, 60), &[], window()).is_empty(), "the end date itself is inside");
        assert!(session_warnings(None, &at("2030-01-01", 9, 60), &[], EngagementWindow::default()).is_empty());
    }

    #[test]
    fn overlapping_sessions_are_pointed_out_but_back_to_back_ones_are_not() {
        let others = vec![stored("a", at("2026-12-08", 9, 60)), stored("b", at("2026-12-08", 11, 60))];
        let overlap = session_warnings(None, &at("2026-12-08", 10, 90), &others, window());
        assert_eq!(overlap.len(), 1, "{overlap:?}");
        assert!(overlap[0].contains("at 11:00"), "{overlap:?}");
        assert!(session_warnings(None, &at("2026-12-08", 10, 60), &others, window()).is_empty());
    }

    #[test]
    fn a_session_does_not_overlap_itself_or_a_cancelled_one() {
        let mut cancelled = at("2026-12-08", 9, 60);
        cancelled.status = Status::Cancelled;
        let others = vec![stored("a", at("2026-12-08", 9, 60)), stored("c", cancelled)];
        let id = RecordId::parse("a").unwrap();
        assert!(session_warnings(Some(&id), &at("2026-12-08", 9, 60), &others, window()).is_empty());
    }

    #[test]
    fn an_action_without_a_goal_is_flagged() {
        let item = GoalItem {
            id: "x".into(),
            kind: crate::domain::goal::ItemKind::Action,
            title: "Ask for feedback".into(),
            owner: crate::domain::contract::Party::Client,
            due: None,
            status: crate::domain::goal::ItemStatus::Open,
            done_on: None,
            weight: 1.0,
            needs_confirmation: false,
            confirmed: false,
            agreed_in: None,
            reviews: Vec::new(),
        };
        assert!(action_warning(&item, None).unwrap().contains("linked to no goal"));
        assert_eq!(action_warning(&item, Some("Delegate")), None);
    }
}
