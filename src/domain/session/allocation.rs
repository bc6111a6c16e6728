//! Sessions used and remaining, and hours in clock time.
//!
//! [`Allocation`] counts the ordinary sessions of an engagement against the contracted
//! number: held sessions and no-shows are used up, late cancellations too when the
//! contract's cancellation clause says so ([`counts_as_used`]), cancellations in time and
//! planned sessions are not. Hours are clock hours (45 minutes = 0.75 h), written by
//! [`hours_text`]. Reviews and sponsor meetings never count.

use crate::domain::contract::terms::ContractTerms;
use crate::domain::message::{Arg, Message};
use crate::msg;

use super::{Session, Status};

/// Whether a session with this status is used up from the contracted allocation: held
/// sessions and no-shows are; late cancellations only when the contract says they count;
/// cancellations in time and planned sessions are not.
pub fn counts_as_used(status: Status, late_cancellation_counts: bool) -> bool {
    match status {
        Status::Held | Status::NoShow => true,
        Status::LateCancelled => late_cancellation_counts,
        Status::Cancelled | Status::Planned => false,
    }
}

/// How much of the contracted allocation is used.
#[derive(Debug, Clone, PartialEq)]
pub struct Allocation {
    /// Contracted number of sessions; `None` without a contract or a number.
    pub allocated: Option<u16>,
    /// Held, no-shows and counted late cancellations.
    pub used: u16,
    pub held: u16,
    /// Late cancellations that were counted as used.
    pub late_cancelled_used: u16,
    pub no_shows: u16,
    /// Still to come.
    pub planned: u16,
    /// Clock hours of held sessions only.
    pub hours_held: f64,
    pub hours_allocated: Option<f64>,
}

impl Allocation {
    /// Counts the sessions whose purpose counts against the allocation. Without a
    /// contract (`terms` is `None`) there is no allocation and late cancellations count
    /// as used, the usual clause.
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>, terms: Option<&ContractTerms>) -> Allocation {
        let late_counts = terms.is_none_or(|t| t.late_cancellation_counts_as_used);
        let mut allocation = Allocation {
            allocated: terms.and_then(|t| t.session_count),
            used: 0,
            held: 0,
            late_cancelled_used: 0,
            no_shows: 0,
            planned: 0,
            hours_held: 0.0,
            hours_allocated: terms.and_then(ContractTerms::total_hours),
        };
        for session in sessions.into_iter().filter(|s| s.purpose.counts_against_allocation()) {
            if counts_as_used(session.status, late_counts) {
                allocation.used += 1;
            }
            match session.status {
                Status::Held => {
                    allocation.held += 1;
                    allocation.hours_held += session.hours();
                }
                Status::NoShow => allocation.no_shows += 1,
                Status::LateCancelled if late_counts => allocation.late_cancelled_used += 1,
                Status::Planned => allocation.planned += 1,
                Status::LateCancelled | Status::Cancelled => {}
            }
        }
        allocation
    }

    /// Sessions left: allocated minus used, negative when more were used than
    /// contracted. `None` without an allocation.
    pub fn remaining(&self) -> Option<i32> {
        Some(i32::from(self.allocated?) - i32::from(self.used))
    }

    /// One sentence: "3 of 6 sessions used, 3 remaining. 2.25 h held of 6 h contracted."
    pub fn summary(&self) -> Message {
        let late = match self.late_cancelled_used {
            0 => msg!(""),
            1 => msg!(", including 1 late cancellation"),
            n => msg!(", including {n} late cancellations", n = n),
        };
        let sessions = |n: u16| if n == 1 { msg!("1 session") } else { msg!("{n} sessions", n = n) };
        let used_sessions = match (self.allocated, self.remaining()) {
            (Some(allocated), Some(remaining)) => {
                let used = msg!("{used} of {allocated} used{late}", used = self.used, allocated = sessions(allocated), late = late);
                if remaining < 0 {
                    msg!("{used}: {n} more than contracted.", used = used, n = -remaining)
                } else {
                    msg!("{used}, {remaining} remaining.", used = used, remaining = remaining)
                }
            }
            _ => msg!("{sessions} used{late}.", sessions = sessions(self.used), late = late),
        };
        let hours = match self.hours_allocated {
            Some(allocated) => {
                msg!("{held} held of {allocated} contracted.", held = Arg::Hours(self.hours_held), allocated = Arg::Hours(allocated))
            }
            None => msg!("{held} held.", held = Arg::Hours(self.hours_held)),
        };
        msg!("{sessions} {hours}", sessions = used_sessions, hours = hours)
    }
}

/// "0.75 h", "1 h", "12.25 h": hours with at most two decimals, trailing zeros dropped.
pub fn hours_text(hours: f64) -> String {
    let text = format!("{hours:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let text = if text == "-0" { "0" } else { text };
    format!("{text} h")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::engagement::Kind;
    use crate::domain::record::RecordId;
    use crate::domain::session::{ClockTime, Purpose};

    fn session(status: Status, minutes: u16, purpose: Purpose) -> Session {
        let mut session =
            Session::planned(RecordId::parse("abc").unwrap(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), minutes, purpose);
        session.status = status;
        session
    }

    fn terms(count: u16, minutes: u16, late_counts: bool) -> ContractTerms {
        let mut terms = ContractTerms::preset(Kind::Coaching, false, Date::parse("2026-12-01").unwrap());
        terms.session_count = Some(count);
        terms.session_minutes = Some(minutes);
        terms.late_cancellation_counts_as_used = late_counts;
        terms
    }

    #[test]
    fn held_sessions_and_no_shows_are_used_cancellations_in_time_and_planned_are_not() {
        assert!(counts_as_used(Status::Held, false));
        assert!(counts_as_used(Status::NoShow, false));
        assert!(!counts_as_used(Status::Cancelled, true));
        assert!(!counts_as_used(Status::Planned, true));
    }

    #[test]
    fn late_cancellations_count_only_when_the_clause_says_so() {
        assert!(counts_as_used(Status::LateCancelled, true));
        assert!(!counts_as_used(Status::LateCancelled, false));
        let list = [session(Status::LateCancelled, 60, Purpose::Session), session(Status::Held, 60, Purpose::Session)];
        let counted = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!((counted.used, counted.late_cancelled_used), (2, 1));
        let not_counted = Allocation::of(&list, Some(&terms(6, 60, false)));
        assert_eq!((not_counted.used, not_counted.late_cancelled_used), (1, 0));
        // Without a contract the usual clause applies: late cancellations count.
        assert_eq!(Allocation::of(&list, None).used, 2);
    }

    #[test]
    fn counts_each_status_and_what_remains() {
        let list = [
            session(Status::Held, 60, Purpose::Session),
            session(Status::NoShow, 60, Purpose::Session),
            session(Status::Cancelled, 60, Purpose::Session),
            session(Status::Planned, 60, Purpose::Session),
            session(Status::Planned, 60, Purpose::Session),
        ];
        let allocation = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!(allocation.allocated, Some(6));
        assert_eq!((allocation.used, allocation.held, allocation.no_shows, allocation.planned), (2, 1, 1, 2));
        assert_eq!(allocation.remaining(), Some(4));
        assert_eq!(allocation.hours_held, 1.0);
        assert_eq!(allocation.hours_allocated, Some(6.0));
        assert_eq!(Allocation::of(&list, None).remaining(), None);
    }

    #[test]
    fn reviews_and_sponsor_meetings_are_not_counted() {
        let list = [
            session(Status::Held, 30, Purpose::MidPointReview),
            session(Status::Held, 45, Purpose::SponsorStart),
            session(Status::Held, 30, Purpose::EndReview),
            session(Status::Planned, 30, Purpose::PeriodicReview),
        ];
        let allocation = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!((allocation.used, allocation.held, allocation.planned), (0, 0, 0));
        assert_eq!(allocation.hours_held, 0.0);
    }

    #[test]
    fn hours_are_clock_hours_of_held_sessions_only() {
        let list = [
            session(Status::Held, 45, Purpose::Session),
            session(Status::NoShow, 45, Purpose::Session),
            session(Status::Held, 45, Purpose::Session),
        ];
        let allocation = Allocation::of(&list, Some(&terms(6, 45, true)));
        assert_eq!(allocation.hours_held, 1.5);
        assert_eq!(Allocation::of(&list[..1], None).hours_held, 0.75);
        assert_eq!(allocation.hours_allocated, Some(4.5));
    }

    #[test]
    fn hours_print_with_at_most_two_decimals() {
        assert_eq!(hours_text(0.75), "0.75 h");
        assert_eq!(hours_text(1.0), "1 h");
        assert_eq!(hours_text(1.5), "1.5 h");
        assert_eq!(hours_text(12.25), "12.25 h");
        assert_eq!(hours_text(0.0), "0 h");
        assert_eq!(hours_text(2.0 / 3.0), "0.67 h");
    }

    #[test]
    fn the_summary_says_what_is_used_and_remaining() {
        let list: Vec<Session> = (0..3).map(|_| session(Status::Held, 45, Purpose::Session)).collect();
        let allocation = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!(allocation.summary(), "3 of 6 sessions used, 3 remaining. 2.25 h held of 6 h contracted.");
    }

    #[test]
    fn the_summary_names_late_cancellations() {
        let list = [
            session(Status::Held, 60, Purpose::Session),
            session(Status::LateCancelled, 60, Purpose::Session),
            session(Status::LateCancelled, 60, Purpose::Session),
        ];
        let allocation = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!(allocation.summary(), "3 of 6 sessions used, including 2 late cancellations, 3 remaining. 1 h held of 6 h contracted.");
        let allocation = Allocation::of(&list[..2], None);
        assert_eq!(allocation.summary(), "2 sessions used, including 1 late cancellation. 1 h held.");
    }

    #[test]
    fn the_summary_says_how_far_over_the_allocation_it_is() {
        let list: Vec<Session> = (0..7).map(|_| session(Status::Held, 60, Purpose::Session)).collect();
        let allocation = Allocation::of(&list, Some(&terms(6, 60, true)));
        assert_eq!(allocation.remaining(), Some(-1));
        assert_eq!(allocation.summary(), "7 of 6 sessions used: 1 more than contracted. 7 h held of 6 h contracted.");
    }

    #[test]
    fn without_a_contract_the_summary_only_counts() {
        let list = [session(Status::Held, 45, Purpose::Session), session(Status::Held, 45, Purpose::Session)];
        assert_eq!(Allocation::of(&list, None).summary(), "2 sessions used. 1.5 h held.");
        assert_eq!(Allocation::of(&list[..1], None).summary(), "1 session used. 0.75 h held.");
    }
}
