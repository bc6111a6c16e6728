//! Warnings about a session that a person should see but that never block saving: a
//! date outside the engagement's contract dates, an overlap with another session, an
//! action linked to no goal. [`session_warnings`] and [`action_warning`] return them in
//! plain words.

use crate::domain::date::Date;
use crate::domain::goal::{EngagementWindow, GoalItem};
use crate::domain::message::{Arg, Message};
use crate::domain::record::{Record, RecordId};
use crate::msg;

use super::{Session, Status};

/// Everything worth pointing out about `session` (stored as `id`, or about to be created
/// when `id` is `None`) against the engagement's other sessions, its contract dates and
/// `today`: a planned session whose day has passed, one on a weekend.
pub fn session_warnings(
    id: Option<&RecordId>,
    session: &Session,
    others: &[Record<Session>],
    window: EngagementWindow,
    today: Date,
) -> Vec<Message> {
    let mut warnings = Vec::new();
    if session.status == Status::Planned && session.date < today {
        warnings.push(msg!(
            "This is on {date}, which has passed, and it is still planned. Record what happened, or move it.",
            date = session.date
        ));
    }
    if takes_place(session) && session.date.is_weekend() {
        warnings.push(msg!("This falls on a weekend ({date}).", date = session.date));
    }
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

/// What is worth pointing out about a series about to be planned: meetings that would fall
/// before `today` or on a weekend, with their dates.
pub fn series_warnings(planned: &[Session], today: Date) -> Vec<Message> {
    let dates = |keep: &dyn Fn(&Session) -> bool| -> Vec<Message> {
        planned.iter().filter(|s| keep(s)).map(|s| msg!("{date}", date = s.date)).collect()
    };
    let mut warnings = Vec::new();
    let past = dates(&|s| s.date < today);
    if !past.is_empty() {
        warnings.push(msg!(
            "{n} of these meetings would fall before today: {dates}. Change the contract's start date, or move them after planning.",
            n = past.len(),
            dates = Arg::Commas(past)
        ));
    }
    let weekend = dates(&|s| s.date.is_weekend());
    if !weekend.is_empty() {
        warnings.push(msg!(
            "{n} of these meetings would fall on a weekend: {dates}. Change the contract's start date, or move them after planning.",
            n = weekend.len(),
            dates = Arg::Commas(weekend)
        ));
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

    /// A fixed "today", before every session in these tests.
    fn today() -> Date {
        day("2026-11-01")
    }

    fn window() -> EngagementWindow {
        EngagementWindow { start: Some(day("2026-12-01")), end: Some(day("2027-03-01")) }
    }

    #[test]
    fn a_session_outside_the_contract_dates_is_allowed_with_a_warning() {
        let before = session_warnings(None, &at("2026-11-20", 9, 60), &[], window(), today());
        assert!(before[0].contains("before the contract starts"), "{before:?}");
        let after = session_warnings(None, &at("2027-03-02", 9, 60), &[], window(), today());
        assert!(after[0].contains("after the contract ends"), "{after:?}");
        assert!(session_warnings(None, &at("2027-03-01", 9, 60), &[], window(), today()).is_empty(), "the end date itself is inside");
        assert!(session_warnings(None, &at("2030-01-01", 9, 60), &[], EngagementWindow::default(), today()).is_empty());
    }

    #[test]
    fn overlapping_sessions_are_pointed_out_but_back_to_back_ones_are_not() {
        let others = vec![stored("a", at("2026-12-08", 9, 60)), stored("b", at("2026-12-08", 11, 60))];
        let overlap = session_warnings(None, &at("2026-12-08", 10, 90), &others, window(), today());
        assert_eq!(overlap.len(), 1, "{overlap:?}");
        assert!(overlap[0].contains("at 11:00"), "{overlap:?}");
        assert!(session_warnings(None, &at("2026-12-08", 10, 60), &others, window(), today()).is_empty());
    }

    #[test]
    fn a_session_does_not_overlap_itself_or_a_cancelled_one() {
        let mut cancelled = at("2026-12-08", 9, 60);
        cancelled.status = Status::Cancelled;
        let others = vec![stored("a", at("2026-12-08", 9, 60)), stored("c", cancelled)];
        let id = RecordId::parse("a").unwrap();
        assert!(session_warnings(Some(&id), &at("2026-12-08", 9, 60), &others, window(), today()).is_empty());
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
            check_ins: Vec::new(),
        };
        assert!(action_warning(&item, None).unwrap().contains("linked to no goal"));
        assert_eq!(action_warning(&item, Some("Delegate")), None);
    }

    #[test]
    fn a_planned_session_whose_day_has_passed_or_that_falls_on_a_weekend_is_pointed_out() {
        let later = day("2026-12-10");
        let passed = session_warnings(None, &at("2026-12-08", 9, 60), &[], window(), later);
        assert_eq!(passed.len(), 1, "{passed:?}");
        assert!(passed[0].contains("which has passed, and it is still planned"), "{passed:?}");
        let mut held = at("2026-12-08", 9, 60);
        held.status = Status::Held;
        assert!(session_warnings(None, &held, &[], window(), later).is_empty(), "a held session in the past is as it should be");
        let weekend = session_warnings(None, &at("2026-12-12", 9, 60), &[], window(), today());
        assert_eq!(weekend.len(), 1, "{weekend:?}");
        assert_eq!(weekend[0], "This falls on a weekend (12 Dec 2026).");
    }

    #[test]
    fn a_series_starting_on_a_sunday_evening_says_which_meetings_are_past_or_on_a_weekend() {
        // Planned on Sunday 6 Dec 2026 from a start date of that day, fortnightly.
        let planned: Vec<Session> = ["2026-12-06", "2026-12-20", "2027-01-03"].iter().map(|d| at(d, 9, 60)).collect();
        let warnings = series_warnings(&planned, day("2026-12-07"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("1 of these meetings would fall before today: 6 Dec 2026."), "{warnings:?}");
        assert!(
            warnings[1].starts_with("3 of these meetings would fall on a weekend: 6 Dec 2026, 20 Dec 2026, 3 Jan 2027."),
            "{warnings:?}"
        );
        // From the suggested start, a working day ahead, nothing to say.
        let start = crate::domain::contract::terms::suggested_start(day("2026-12-06"));
        let planned: Vec<Session> = (0..3).map(|i| at(&start.add_days(14 * i).to_string(), 9, 60)).collect();
        assert!(series_warnings(&planned, day("2026-12-06")).is_empty());
    }
}
