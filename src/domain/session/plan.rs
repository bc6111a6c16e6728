//! The series of sessions a contract implies.
//!
//! [`SeriesSettings`] are the contract's logistics that a series needs (start, end,
//! [`Frequency`], number and length of sessions, time and mode);
//! [`settings_from_terms`] reads them from [`ContractTerms`] and says in plain words what
//! is still missing. [`session_dates`] lays out the ordinary sessions, [`mid_point`] and
//! [`periodic_reviews`] place the reviews, and [`plan_series`] puts it all together as
//! planned [`Session`]s, with reviews and sponsor meetings moved so nothing overlaps.

use crate::domain::contract::terms::{ContractTerms, Frequency, SessionMode};
use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::message::{Arg, Message};
use crate::domain::record::RecordId;
use crate::msg;

use super::{sort_by_time, ClockTime, Purpose, Session};

/// How long a review lasts, in minutes.
pub const REVIEW_MINUTES: u16 = 30;
/// How long a three-way meeting with the sponsor lasts, in minutes.
pub const SPONSOR_MEETING_MINUTES: u16 = 45;

/// What a series of ordinary sessions needs to be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSettings {
    pub start: Date,
    /// The last day a session may fall on, if the contract has one.
    pub end: Option<Date>,
    pub frequency: Frequency,
    /// How many ordinary sessions at most.
    pub count: u16,
    /// Length of each ordinary session.
    pub minutes: u16,
    pub time: ClockTime,
    pub mode: Option<SessionMode>,
}

/// The series settings in a contract, or, in plain words, what the contract still needs
/// (every missing one of: start date, frequency, number of sessions, session length).
pub fn settings_from_terms(terms: &ContractTerms, time: ClockTime) -> Result<SeriesSettings, Message> {
    let count = terms.session_count.filter(|n| *n > 0);
    let minutes = terms.session_minutes.filter(|n| *n > 0);
    let mut missing = Vec::new();
    if terms.start_date.is_none() {
        missing.push(msg!("no start date"));
    }
    if terms.frequency.is_none() {
        missing.push(msg!("no frequency"));
    }
    if count.is_none() {
        missing.push(msg!("no number of sessions"));
    }
    if minutes.is_none() {
        missing.push(msg!("no session length"));
    }
    match (terms.start_date, terms.frequency, count, minutes) {
        (Some(start), Some(frequency), Some(count), Some(minutes)) => {
            Ok(SeriesSettings { start, end: terms.end_date, frequency, count, minutes, time, mode: terms.mode })
        }
        _ => {
            if missing.len() == 1 {
                Err(msg!("The contract has {missing}. Add it to the contract to plan the series.", missing = Arg::Commas(missing)))
            } else {
                Err(msg!("The contract has {missing}. Add them to the contract to plan the series.", missing = Arg::Commas(missing)))
            }
        }
    }
}

/// The date of the session `index` places after `start` (0 is `start` itself). Monthly
/// steps count from the start, so the 31st stays the 31st wherever the month allows.
fn nth_date(start: Date, frequency: Frequency, index: u16) -> Date {
    let k = i64::from(index);
    match frequency {
        Frequency::Weekly => start.add_days(7 * k),
        Frequency::Fortnightly => start.add_days(14 * k),
        Frequency::EveryThreeWeeks => start.add_days(21 * k),
        Frequency::Monthly => start.add_months(i32::from(index)),
        Frequency::EveryTwoMonths => start.add_months(2 * i32::from(index)),
    }
}

/// The dates of the ordinary sessions: the first on the start date, then one per
/// interval, stopping after `count` sessions or before the first date past the end date
/// (a session on the end date itself is kept).
pub fn session_dates(settings: &SeriesSettings) -> Vec<Date> {
    (0..settings.count)
        .map(|index| nth_date(settings.start, settings.frequency, index))
        .take_while(|date| settings.end.is_none_or(|end| *date <= end))
        .collect()
}

/// Half-way between start and end (rounded towards the start).
pub fn mid_point(start: Date, end: Date) -> Date {
    start.add_days(start.days_until(end) / 2)
}

/// Periodic review dates: every `every_months` months after the start, strictly before
/// the end. None when `every_months` is 0.
pub fn periodic_reviews(start: Date, end: Date, every_months: u8) -> Vec<Date> {
    if every_months == 0 {
        return Vec::new();
    }
    (1..).map(|k: i32| start.add_months(k * i32::from(every_months))).take_while(|date| *date < end).collect()
}

/// The whole planned series for an engagement's contract, sorted by date then time:
/// ordinary sessions, the reviews the contract asks for (a mid-point review in coaching,
/// periodic reviews in mentoring, an end review) and the three-way meetings with the
/// sponsor. Reviews last [`REVIEW_MINUTES`], sponsor meetings
/// [`SPONSOR_MEETING_MINUTES`]; one that falls on a day with something already planned
/// starts when the last thing that day ends. Err says what the contract still needs.
pub fn plan_series(engagement_id: RecordId, terms: &ContractTerms, kind: Kind, time: ClockTime) -> Result<Vec<Session>, Message> {
    let settings = settings_from_terms(terms, time)?;
    let planned = |date: Date, time: ClockTime, minutes: u16, purpose: Purpose| {
        let mut session = Session::planned(engagement_id.clone(), date, time, minutes, purpose);
        session.mode = terms.mode;
        session
    };
    let mut series: Vec<Session> =
        session_dates(&settings).into_iter().map(|date| planned(date, time, settings.minutes, Purpose::Session)).collect();

    let (start, end) = (settings.start, settings.end);
    let mut extras: Vec<(Date, Purpose, u16)> = Vec::new();
    if let Some(end) = end {
        if kind == Kind::Coaching && terms.mid_point_review {
            extras.push((mid_point(start, end), Purpose::MidPointReview, REVIEW_MINUTES));
        }
        if kind == Kind::Mentoring {
            if let Some(every) = terms.review_every_months {
                extras.extend(periodic_reviews(start, end, every).into_iter().map(|d| (d, Purpose::PeriodicReview, REVIEW_MINUTES)));
            }
        }
        if terms.end_review {
            extras.push((end, Purpose::EndReview, REVIEW_MINUTES));
        }
    }
    if terms.three_way_meetings {
        extras.push((start, Purpose::SponsorStart, SPONSOR_MEETING_MINUTES));
        if let Some(end) = end {
            extras.push((mid_point(start, end), Purpose::SponsorMid, SPONSOR_MEETING_MINUTES));
            extras.push((end, Purpose::SponsorEnd, SPONSOR_MEETING_MINUTES));
        }
    }

    for (date, purpose, minutes) in extras {
        let at = match series.iter().filter(|s| s.date == date).map(|s| s.span().1).max() {
            // After the last thing that day; a day that runs past midnight ends at 23:59.
            Some(ends) => clock_at(ends),
            None => time,
        };
        series.push(planned(date, at, minutes, purpose));
    }
    sort_by_time(&mut series, |s| s);
    Ok(series)
}

/// The clock time `minutes` after midnight, held at 23:59 if that is past the day.
fn clock_at(minutes: u32) -> ClockTime {
    let minutes = minutes.min(23 * 60 + 59);
    ClockTime::new((minutes / 60) as u8, (minutes % 60) as u8).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn nine() -> ClockTime {
        ClockTime::new(9, 0).unwrap()
    }

    fn settings(start: &str, end: Option<&str>, frequency: Frequency, count: u16) -> SeriesSettings {
        SeriesSettings { start: day(start), end: end.map(day), frequency, count, minutes: 60, time: nine(), mode: None }
    }

    fn texts(dates: &[Date]) -> Vec<String> {
        dates.iter().map(Date::to_string).collect()
    }

    fn id() -> RecordId {
        RecordId::parse("abc").unwrap()
    }

    #[test]
    fn weekly_sessions_are_seven_days_apart() {
        let dates = session_dates(&settings("2026-12-01", None, Frequency::Weekly, 3));
        assert_eq!(texts(&dates), vec!["2026-12-01", "2026-12-08", "2026-12-15"]);
    }

    #[test]
    fn fortnightly_and_three_weekly_sessions_step_fourteen_and_twenty_one_days() {
        let dates = session_dates(&settings("2026-12-21", None, Frequency::Fortnightly, 3));
        assert_eq!(texts(&dates), vec!["2026-12-21", "2027-01-04", "2027-01-18"]);
        let dates = session_dates(&settings("2026-12-01", None, Frequency::EveryThreeWeeks, 2));
        assert_eq!(texts(&dates), vec!["2026-12-01", "2026-12-22"]);
    }

    #[test]
    fn monthly_sessions_keep_the_start_day_and_clamp_without_drifting() {
        let dates = session_dates(&settings("2027-01-31", None, Frequency::Monthly, 4));
        assert_eq!(texts(&dates), vec!["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
        let dates = session_dates(&settings("2026-12-31", None, Frequency::EveryTwoMonths, 3));
        assert_eq!(texts(&dates), vec!["2026-12-31", "2027-02-28", "2027-04-30"]);
    }

    #[test]
    fn the_series_stops_at_the_contracted_count() {
        let dates = session_dates(&settings("2026-12-01", Some("2027-12-01"), Frequency::Weekly, 6));
        assert_eq!(dates.len(), 6);
        assert_eq!(dates.last().unwrap().to_string(), "2027-01-05");
    }

    #[test]
    fn the_series_stops_early_when_the_end_date_comes_first_and_keeps_a_session_on_it() {
        let dates = session_dates(&settings("2026-12-01", Some("2026-12-15"), Frequency::Weekly, 10));
        assert_eq!(texts(&dates), vec!["2026-12-01", "2026-12-08", "2026-12-15"]);
        let dates = session_dates(&settings("2026-12-01", Some("2026-12-14"), Frequency::Weekly, 10));
        assert_eq!(dates.len(), 2);
    }

    #[test]
    fn the_mid_point_is_half_way_rounded_towards_the_start() {
        assert_eq!(mid_point(day("2026-12-01"), day("2027-03-02")), day("2027-01-15"));
        assert_eq!(mid_point(day("2026-12-01"), day("2026-12-04")), day("2026-12-02"));
        assert_eq!(mid_point(day("2026-12-01"), day("2026-12-01")), day("2026-12-01"));
    }

    #[test]
    fn periodic_reviews_fall_every_few_months_strictly_before_the_end() {
        let reviews = periodic_reviews(day("2026-12-01"), day("2027-12-01"), 3);
        assert_eq!(texts(&reviews), vec!["2027-03-01", "2027-06-01", "2027-09-01"]);
        let reviews = periodic_reviews(day("2026-12-01"), day("2027-12-02"), 3);
        assert_eq!(reviews.len(), 4);
        assert!(periodic_reviews(day("2026-12-01"), day("2027-12-01"), 0).is_empty());
    }

    #[test]
    fn a_coaching_plan_has_its_sessions_a_mid_point_review_and_an_end_review() {
        let terms = ContractTerms::preset(Kind::Coaching, false, day("2026-12-01"));
        let plan = plan_series(id(), &terms, Kind::Coaching, nine()).unwrap();
        let sessions: Vec<&Session> = plan.iter().filter(|s| s.purpose == Purpose::Session).collect();
        assert_eq!(sessions.len(), 6);
        assert!(sessions.iter().all(|s| s.minutes == 60 && s.mode == Some(SessionMode::Video) && s.time == nine()));
        let mid: Vec<&Session> = plan.iter().filter(|s| s.purpose == Purpose::MidPointReview).collect();
        assert_eq!(mid.len(), 1);
        assert_eq!(mid[0].date, mid_point(day("2026-12-01"), day("2026-12-01").add_days(91)));
        assert_eq!(mid[0].minutes, 30);
        assert_eq!(plan.iter().filter(|s| s.purpose == Purpose::EndReview).count(), 1);
        assert!(!plan.iter().any(|s| s.purpose == Purpose::PeriodicReview || s.purpose.is_sponsor_meeting()));
        assert!(plan.windows(2).all(|w| (w[0].date, w[0].time) <= (w[1].date, w[1].time)));
    }

    #[test]
    fn a_mentoring_plan_has_periodic_reviews_and_no_mid_point_review() {
        let terms = ContractTerms::preset(Kind::Mentoring, false, day("2026-12-01"));
        let plan = plan_series(id(), &terms, Kind::Mentoring, nine()).unwrap();
        let reviews: Vec<String> = plan.iter().filter(|s| s.purpose == Purpose::PeriodicReview).map(|s| s.date.to_string()).collect();
        assert_eq!(reviews, vec!["2027-03-01", "2027-06-01", "2027-09-01"]);
        assert!(!plan.iter().any(|s| s.purpose == Purpose::MidPointReview));
        assert_eq!(plan.iter().filter(|s| s.purpose == Purpose::Session).count(), 12);
    }

    #[test]
    fn three_way_contracts_add_start_mid_and_end_sponsor_meetings() {
        let terms = ContractTerms::preset(Kind::Coaching, true, day("2026-12-01"));
        let plan = plan_series(id(), &terms, Kind::Coaching, nine()).unwrap();
        let find = |purpose| plan.iter().find(|s| s.purpose == purpose).unwrap();
        assert_eq!(find(Purpose::SponsorStart).date, day("2026-12-01"));
        assert_eq!(find(Purpose::SponsorMid).date, find(Purpose::MidPointReview).date);
        assert_eq!(find(Purpose::SponsorEnd).date, terms.end_date.unwrap());
        assert_eq!(find(Purpose::SponsorStart).minutes, 45);
        // The first session is at nine; the start meeting follows it.
        assert_eq!(find(Purpose::SponsorStart).time, ClockTime::new(10, 0).unwrap());
    }

    #[test]
    fn nothing_planned_on_the_same_day_overlaps() {
        let mut terms = ContractTerms::preset(Kind::Coaching, true, day("2026-12-01"));
        terms.frequency = Some(Frequency::Weekly);
        terms.end_date = Some(day("2026-12-29"));
        terms.session_count = Some(10);
        let plan = plan_series(id(), &terms, Kind::Coaching, nine()).unwrap();
        // 2026-12-29 has the last session, the end review and the end sponsor meeting.
        let last_day: Vec<(String, u16)> =
            plan.iter().filter(|s| s.date == day("2026-12-29")).map(|s| (s.time.to_string(), s.minutes)).collect();
        assert_eq!(last_day, vec![("09:00".into(), 60), ("10:00".into(), 30), ("10:30".into(), 45)]);
        for (i, a) in plan.iter().enumerate() {
            for b in &plan[i + 1..] {
                if a.date == b.date {
                    let ((a0, a1), (b0, b1)) = (a.span(), b.span());
                    assert!(a1 <= b0 || b1 <= a0, "{} {} overlaps {} {}", a.date, a.time, b.date, b.time);
                }
            }
        }
    }

    #[test]
    fn a_review_on_a_free_day_starts_at_the_usual_time() {
        let terms = ContractTerms::preset(Kind::Coaching, false, day("2026-12-01"));
        let plan = plan_series(id(), &terms, Kind::Coaching, ClockTime::new(14, 30).unwrap()).unwrap();
        let mid = plan.iter().find(|s| s.purpose == Purpose::MidPointReview).unwrap();
        assert!(!plan.iter().any(|s| s.purpose == Purpose::Session && s.date == mid.date));
        assert_eq!(mid.time.to_string(), "14:30");
    }

    #[test]
    fn missing_terms_are_listed_in_plain_words() {
        let mut terms = ContractTerms::preset(Kind::Coaching, false, day("2026-12-01"));
        terms.start_date = None;
        terms.frequency = None;
        assert_eq!(
            plan_series(id(), &terms, Kind::Coaching, nine()).unwrap_err(),
            "The contract has no start date, no frequency. Add them to the contract to plan the series."
        );
        terms.session_count = None;
        terms.session_minutes = None;
        assert_eq!(
            settings_from_terms(&terms, nine()).unwrap_err(),
            "The contract has no start date, no frequency, no number of sessions, no session length. Add them to the contract to plan the series."
        );
        let mut terms = ContractTerms::preset(Kind::Coaching, false, day("2026-12-01"));
        terms.session_minutes = None;
        assert_eq!(
            settings_from_terms(&terms, nine()).unwrap_err(),
            "The contract has no session length. Add it to the contract to plan the series."
        );
    }

    #[test]
    fn without_an_end_date_only_the_sessions_and_the_start_meeting_are_planned() {
        let mut terms = ContractTerms::preset(Kind::Coaching, true, day("2026-12-01"));
        terms.end_date = None;
        let plan = plan_series(id(), &terms, Kind::Coaching, nine()).unwrap();
        let purposes: Vec<Purpose> = plan.iter().map(|s| s.purpose).filter(|p| *p != Purpose::Session).collect();
        assert_eq!(purposes, vec![Purpose::SponsorStart]);
        assert_eq!(plan.len(), 7);
    }
}
