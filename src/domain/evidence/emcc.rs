//! The EMCC EIA evidence summary: what the last 12 months of practice show against an
//! EIA level's requirements.
//!
//! [`EiaLevel`] is the level applied for, with its [`Requirements`]. The practitioner's
//! supervision is logged as [`SupervisionEntry`]s, typed in a [`SupervisionForm`].
//! [`summary`] builds an [`EmccSummary`]: client hours, clients, feedback items and
//! reflections in the window, supervision by calendar [`Quarter`], and one [`Check`] per
//! requirement.

use crate::domain::message::{Arg, Message};
use crate::msg;
use serde::{Deserialize, Serialize};

use super::cpd::{CpdEntry, CPD_HOURS_PER_YEAR};
use super::{client_hours, is_client_session, EngagementFacts};
use crate::domain::date::Date;
use crate::domain::validation::{long_text, required_text, Field, FieldErrors};

crate::domain::choice::choice_enum!(
    /// The EMCC EIA level applied for.
    EiaLevel {
        Foundation => "foundation", "EIA Foundation";
        Practitioner => "practitioner", "EIA Practitioner";
    }
);

impl EiaLevel {
    /// What the level asks for in the last 12 months.
    ///
    /// Foundation: 50 client hours, 5 clients, 5 client-feedback items, 5 reflections and
    /// 1 h of supervision per quarter. Practitioner: 100 hours and 10 clients; its
    /// feedback, reflection and supervision needs are taken to be the same as
    /// Foundation's (an assumption of this app: check the current EMCC guidance).
    pub fn requirements(self) -> Requirements {
        let (hours, clients) = match self {
            EiaLevel::Foundation => (50.0, 5),
            EiaLevel::Practitioner => (100.0, 10),
        };
        Requirements { hours, clients, feedback: 5, reflections: 5, supervision_per_quarter: 1.0, cpd_hours: CPD_HOURS_PER_YEAR }
    }
}

/// What an EIA level asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirements {
    pub hours: f64,
    pub clients: usize,
    pub feedback: usize,
    pub reflections: usize,
    pub supervision_per_quarter: f64,
    /// CPD hours in the last 12 months.
    pub cpd_hours: f64,
}

/// One supervision meeting of the practitioner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisionEntry {
    pub on: Date,
    pub supervisor: String,
    pub hours: f64,
    #[serde(default)]
    pub note: String,
}

/// The longest supervisor name accepted, in characters.
pub const SUPERVISOR_MAX_CHARS: usize = 100;
/// The longest supervision note accepted, in characters.
pub const SUPERVISION_NOTE_MAX_CHARS: usize = 2000;

/// The supervision form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupervisionForm {
    /// YYYY-MM-DD.
    pub on: String,
    pub supervisor: String,
    /// "1.5" or "1,5".
    pub hours: String,
    pub note: String,
}

impl SupervisionForm {
    /// Checks every field and reports every problem at once: the date is required; the
    /// supervisor is required (at most 100 characters); hours are a number above 0 and at
    /// most 24 ("1.5" and "1,5" both read as 1.5); the note is optional (at most 2,000).
    pub fn validate(&self) -> Result<SupervisionEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let on = errors.collect(Field::SupervisionDate, parse_date(&self.on));
        let supervisor = errors
            .collect(Field::SupervisionSupervisor, required_text(&self.supervisor, msg!("the supervisor's name"), SUPERVISOR_MAX_CHARS));
        let hours = errors.collect(Field::SupervisionHours, parse_hours(&self.hours));
        let note = errors.collect(Field::SupervisionNote, long_text(&self.note, msg!("the note"), SUPERVISION_NOTE_MAX_CHARS));
        match (on, supervisor, hours, note) {
            (Some(on), Some(supervisor), Some(hours), Some(note)) if errors.is_empty() => {
                Ok(SupervisionEntry { on, supervisor, hours, note })
            }
            _ => Err(errors),
        }
    }
}

fn parse_date(text: &str) -> Result<Date, Message> {
    if text.trim().is_empty() {
        return Err(msg!("Enter the date of the supervision."));
    }
    Date::parse(text).ok_or_else(|| msg!("Enter the date as YYYY-MM-DD, such as 2026-03-14."))
}

fn parse_hours(text: &str) -> Result<f64, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(msg!("Enter how many hours the supervision lasted."));
    }
    let hours: f64 = text.replace(',', ".").parse().map_err(|_| msg!("Enter the hours as a number, such as 1.5."))?;
    if !hours.is_finite() || hours <= 0.0 || hours > 24.0 {
        return Err(msg!("Hours must be more than 0 and at most 24."));
    }
    Ok(hours)
}

/// One requirement, what the evidence shows and whether it is met.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub what: Message,
    pub have: Message,
    pub need: Message,
    pub met: bool,
}

/// Supervision in one calendar quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct Quarter {
    /// "Jan–Mar 2026".
    pub label: Message,
    pub hours: f64,
    /// The quarter has ended.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmccSummary {
    /// The day before the window starts (not included).
    pub from: Date,
    /// Today (included).
    pub to: Date,
    pub level: EiaLevel,
    pub hours: f64,
    pub clients: usize,
    pub feedback: usize,
    pub reflections: usize,
    pub quarters: Vec<Quarter>,
    /// CPD hours logged in the window.
    pub cpd_hours: f64,
    pub checks: Vec<Check>,
    /// What is still missing for the level, one line each, in the order of the checks;
    /// empty when the evidence meets it.
    pub missing: Vec<Message>,
}

/// "Jan–Mar 2026": a quarter counted from year 0 (year × 4 + 0 to 3).
fn quarter_label(index: i64) -> Message {
    let year = index.div_euclid(4);
    match index.rem_euclid(4) {
        0 => msg!("Jan–Mar {year}", year = year),
        1 => msg!("Apr–Jun {year}", year = year),
        2 => msg!("Jul–Sep {year}", year = year),
        _ => msg!("Oct–Dec {year}", year = year),
    }
}

/// Quarters counted from year 0: year × 4 + (0 to 3).
fn quarter_index(date: Date) -> i64 {
    i64::from(date.year()) * 4 + i64::from((date.month() - 1) / 3)
}

/// The last 12 months: from = today.add_months(-12) (exclusive) to today (inclusive). Both coaching and mentoring count. hours = client_hours of sessions in the window; clients = engagements with > 0 hours in it; feedback = held sessions in the window with feedback; reflections = held sessions in the window with a non-empty reflection. quarters = the four calendar quarters ending with today's (oldest first), supervision hours summed by quarter. Checks in order: client hours, clients, feedback items, reflections, supervision (met when every *complete* quarter listed has ≥ 1 h).
///
/// Feedback and reflections count held sessions with the client (not sponsor meetings);
/// questionnaires the client answered at the end of an engagement count as feedback too.
/// Supervision dated after today is not counted.
///
/// CPD counts the hours of entries dated in the window. `missing` names, for each check
/// not met, how much more is needed ("3 more client feedback items", "Supervision of at
/// least 1 h in Jul–Sep 2026").
pub fn summary(
    engagements: &[EngagementFacts],
    supervision: &[SupervisionEntry],
    cpd: &[CpdEntry],
    level: EiaLevel,
    today: Date,
) -> EmccSummary {
    let from = today.add_months(-12);
    let in_window = |date: Date| date > from && date <= today;
    let (mut hours, mut clients, mut feedback, mut reflections) = (0.0, 0, 0, 0);
    for facts in engagements {
        let held: Vec<_> = facts.sessions.iter().filter(|s| in_window(s.date) && is_client_session(s)).collect();
        let engagement_hours: f64 = held.iter().map(|s| client_hours(s)).sum();
        hours += engagement_hours;
        clients += usize::from(engagement_hours > 0.0);
        feedback += held.iter().filter(|s| s.feedback.is_some()).count();
        feedback += facts.end_answers.iter().filter(|on| in_window(**on)).count();
        reflections += held.iter().filter(|s| !s.reflection.trim().is_empty()).count();
    }

    let current = quarter_index(today);
    let quarters: Vec<Quarter> = (current - 3..=current)
        .map(|index| Quarter {
            label: quarter_label(index),
            hours: supervision.iter().filter(|e| e.on <= today && quarter_index(e.on) == index).map(|e| e.hours).sum(),
            complete: index < current,
        })
        .collect();

    let needs = level.requirements();
    let complete: Vec<&Quarter> = quarters.iter().filter(|q| q.complete).collect();
    let supervised = complete.iter().filter(|q| q.hours >= needs.supervision_per_quarter).count();
    let count_check = |what: Message, have: usize, need: usize| Check {
        what,
        have: msg!("{n}", n = have),
        need: msg!("{n}", n = need),
        met: have >= need,
    };
    let cpd_hours: f64 = cpd.iter().filter(|e| in_window(e.on)).map(|e| e.hours).sum();
    let checks = vec![
        Check {
            what: msg!("Client hours"),
            have: msg!("{hours}", hours = Arg::Hours(hours)),
            need: msg!("{hours}", hours = Arg::Hours(needs.hours)),
            met: hours >= needs.hours,
        },
        count_check(msg!("Clients"), clients, needs.clients),
        count_check(msg!("Client feedback items"), feedback, needs.feedback),
        count_check(msg!("Reflections"), reflections, needs.reflections),
        Check {
            what: msg!("Supervision"),
            have: msg!(
                "{n} of {total} completed quarters with {hours} or more",
                n = supervised,
                total = complete.len(),
                hours = Arg::Hours(needs.supervision_per_quarter)
            ),
            need: msg!("{hours} in every quarter", hours = Arg::Hours(needs.supervision_per_quarter)),
            met: supervised == complete.len(),
        },
        Check {
            what: msg!("CPD"),
            have: msg!("{hours}", hours = Arg::Hours(cpd_hours)),
            need: msg!("{hours}", hours = Arg::Hours(needs.cpd_hours)),
            met: cpd_hours >= needs.cpd_hours,
        },
    ];
    let more = |have: usize, need: usize| need.saturating_sub(have);
    let mut missing = Vec::new();
    if hours < needs.hours {
        missing.push(msg!("{hours} more client hours", hours = Arg::Amount(needs.hours - hours)));
    }
    match more(clients, needs.clients) {
        0 => {}
        1 => missing.push(msg!("1 more client")),
        n => missing.push(msg!("{n} more clients", n = n)),
    }
    match more(feedback, needs.feedback) {
        0 => {}
        1 => missing.push(msg!("1 more client feedback item")),
        n => missing.push(msg!("{n} more client feedback items", n = n)),
    }
    match more(reflections, needs.reflections) {
        0 => {}
        1 => missing.push(msg!("1 more reflection")),
        n => missing.push(msg!("{n} more reflections", n = n)),
    }
    for quarter in complete.iter().filter(|q| q.hours < needs.supervision_per_quarter) {
        missing.push(msg!(
            "Supervision of at least {hours} in {quarter}",
            hours = Arg::Hours(needs.supervision_per_quarter),
            quarter = Arg::Message(Box::new(quarter.label.clone()))
        ));
    }
    if cpd_hours < needs.cpd_hours {
        missing.push(msg!("{hours} more hours of CPD", hours = Arg::Amount(needs.cpd_hours - cpd_hours)));
    }
    EmccSummary { from, to: today, level, hours, clients, feedback, reflections, quarters, cpd_hours, checks, missing }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::engagement::Kind;
    use crate::domain::session::{Feedback, Purpose, Status};

    fn entry(on: &str, hours: f64) -> SupervisionEntry {
        SupervisionEntry { on: day(on), supervisor: "Sue Pervisor".into(), hours, note: String::new() }
    }

    fn cpd_entry(on: &str, hours: f64) -> CpdEntry {
        CpdEntry { on: day(on), activity: "Course".into(), kind: crate::domain::evidence::cpd::CpdKind::Course, hours, note: String::new() }
    }

    #[test]
    fn what_is_still_missing_is_said_plainly_in_the_order_of_the_checks() {
        let mut reflective = held("2026-01-10", 90);
        reflective.reflection = "I listen more".into();
        reflective.feedback = Some(Feedback { score: 4, comment: String::new() });
        let engagements = vec![facts("Ann", Kind::Coaching, None, vec![reflective, held("2026-02-01", 60)])];
        let log = vec![entry("2025-05-01", 1.0), entry("2025-11-30", 1.5)];
        let s = summary(&engagements, &log, &[cpd_entry("2026-01-20", 4.5)], EiaLevel::Foundation, day("2026-02-10"));
        let missing: Vec<String> = s.missing.iter().map(ToString::to_string).collect();
        assert_eq!(
            missing,
            vec![
                "47.5 more client hours",
                "4 more clients",
                "4 more client feedback items",
                "4 more reflections",
                "Supervision of at least 1 h in Jul–Sep 2025",
                "11.5 more hours of CPD",
            ]
        );
        assert_eq!(s.cpd_hours, 4.5);
    }

    fn check<'a>(summary: &'a EmccSummary, what: &str) -> &'a Check {
        summary.checks.iter().find(|c| c.what == what).unwrap()
    }

    #[test]
    fn the_window_excludes_the_day_twelve_months_ago_and_includes_today() {
        let sessions = vec![held("2025-03-15", 60), held("2025-03-16", 45), held("2026-03-15", 30), held("2026-03-16", 60)];
        let s = summary(&[facts("Ann", Kind::Coaching, None, sessions)], &[], &[], EiaLevel::Foundation, day("2026-03-15"));
        assert_eq!((s.from, s.to), (day("2025-03-15"), day("2026-03-15")));
        assert_eq!(s.hours, 1.25);
        assert_eq!(s.clients, 1);
    }

    #[test]
    fn coaching_and_mentoring_both_count_and_only_held_client_time() {
        let mut reflective = held("2026-01-10", 60);
        reflective.reflection = "I listen more".into();
        reflective.feedback = Some(Feedback { score: 4, comment: String::new() });
        let mut sponsor_meeting = session("2026-01-11", 60, Purpose::SponsorMid, Status::Held);
        sponsor_meeting.reflection = "not counted".into();
        let mut missed = session("2026-01-12", 60, Purpose::Session, Status::NoShow);
        missed.feedback = Some(Feedback { score: 1, comment: String::new() });
        let mut blank = held("2026-01-13", 45);
        blank.reflection = "   ".into();
        let engagements = vec![
            facts("Ann", Kind::Coaching, None, vec![reflective, sponsor_meeting, missed, blank]),
            facts("Mo", Kind::Mentoring, None, vec![held("2026-02-01", 90)]),
            facts("Nil", Kind::Coaching, None, vec![session("2026-02-01", 60, Purpose::Session, Status::LateCancelled)]),
        ];
        let s = summary(&engagements, &[], &[], EiaLevel::Foundation, day("2026-03-01"));
        assert_eq!(s.hours, 3.25);
        assert_eq!((s.clients, s.feedback, s.reflections), (2, 1, 1));
        assert_eq!(check(&s, "Client hours").have, "3.25 h");
        assert_eq!(check(&s, "Client hours").need, "50 h");
        assert!(!check(&s, "Clients").met);
    }

    #[test]
    fn a_questionnaire_answered_at_the_end_counts_as_client_feedback_within_the_window() {
        let mut ann = facts("Ann", Kind::Coaching, None, vec![held("2026-01-10", 60)]);
        ann.end_answers = vec![day("2026-02-20"), day("2025-03-15"), day("2025-03-16")];
        let s = summary(&[ann], &[], &[], EiaLevel::Foundation, day("2026-03-15"));
        assert_eq!(s.feedback, 2, "the answers of 16 March 2025 and 20 February 2026; not those of 15 March 2025");
        assert!(s.missing.iter().any(|m| *m == "3 more client feedback items"));
    }

    #[test]
    fn quarters_end_with_todays_and_cross_the_year() {
        let s = summary(&[], &[], &[], EiaLevel::Foundation, day("2026-02-10"));
        let labels: Vec<String> = s.quarters.iter().map(|q| q.label.to_string()).collect();
        assert_eq!(labels, vec!["Apr–Jun 2025", "Jul–Sep 2025", "Oct–Dec 2025", "Jan–Mar 2026"]);
        let complete: Vec<bool> = s.quarters.iter().map(|q| q.complete).collect();
        assert_eq!(complete, vec![true, true, true, false]);
    }

    #[test]
    fn supervision_on_the_last_and_first_day_of_a_quarter_falls_on_each_side() {
        let log = vec![entry("2026-03-31", 1.0), entry("2026-04-01", 2.0), entry("2025-12-31", 0.5), entry("2026-01-01", 0.25)];
        let s = summary(&[], &log, &[], EiaLevel::Foundation, day("2026-05-01"));
        let labels: Vec<String> = s.quarters.iter().map(|q| q.label.to_string()).collect();
        let hours: Vec<(&str, f64)> = labels.iter().map(String::as_str).zip(s.quarters.iter().map(|q| q.hours)).collect();
        assert_eq!(hours, vec![("Jul–Sep 2025", 0.0), ("Oct–Dec 2025", 0.5), ("Jan–Mar 2026", 1.25), ("Apr–Jun 2026", 2.0)]);
    }

    #[test]
    fn supervision_is_met_when_every_ended_quarter_has_an_hour() {
        let today = day("2026-02-10");
        let mut log = vec![entry("2025-05-01", 1.0), entry("2025-08-01", 0.5), entry("2025-09-01", 0.5), entry("2025-11-30", 1.5)];
        let s = summary(&[], &log, &[], EiaLevel::Foundation, today);
        let supervision = check(&s, "Supervision");
        assert!(supervision.met, "the current quarter has not ended, so it is not needed yet");
        assert_eq!(supervision.have, "3 of 3 completed quarters with 1 h or more");

        log[1].hours = 0.25;
        let s = summary(&[], &log, &[], EiaLevel::Foundation, today);
        assert!(!check(&s, "Supervision").met);
        assert_eq!(check(&s, "Supervision").have, "2 of 3 completed quarters with 1 h or more");
    }

    #[test]
    fn checks_come_in_order_and_meet_the_level() {
        let mut engagements = Vec::new();
        for n in 0..10 {
            let sessions = (0..10)
                .map(|i| {
                    let mut s = held(&format!("2025-{:02}-{:02}", 6 + i / 5, 1 + i), 60);
                    s.reflection = "learned".into();
                    s.feedback = Some(Feedback { score: 3, comment: String::new() });
                    s
                })
                .collect();
            engagements.push(facts(&format!("Client {n}"), Kind::Coaching, None, sessions));
        }
        let log = vec![entry("2025-05-01", 1.0), entry("2025-08-01", 1.0), entry("2025-11-01", 1.0)];
        let cpd = vec![cpd_entry("2025-01-15", 10.0), cpd_entry("2025-09-20", 6.0)];
        let s = summary(&engagements, &log, &cpd, EiaLevel::Practitioner, day("2026-01-15"));
        let whats: Vec<String> = s.checks.iter().map(|c| c.what.to_string()).collect();
        assert_eq!(whats, vec!["Client hours", "Clients", "Client feedback items", "Reflections", "Supervision", "CPD"]);
        assert!(s.checks[..5].iter().all(|c| c.met), "{:?}", s.checks);
        // The course of 15 January 2025 is just outside the 12 months: 6 h of 16.
        assert!(!s.checks[5].met);
        assert_eq!((s.checks[5].have.to_string(), s.checks[5].need.to_string()), ("6 h".into(), "16 h".into()));
        assert_eq!(s.missing.iter().map(ToString::to_string).collect::<Vec<_>>(), vec!["10 more hours of CPD"]);
        let cpd = vec![cpd_entry("2025-01-15", 10.0), cpd_entry("2025-09-20", 6.0), cpd_entry("2026-01-15", 10.0)];
        let s = summary(&engagements, &log, &cpd, EiaLevel::Practitioner, day("2026-01-15"));
        assert!(s.checks.iter().all(|c| c.met) && s.missing.is_empty(), "{:?}", s.missing);
        assert_eq!(s.hours, 100.0);

        let foundation = EiaLevel::Foundation.requirements();
        let practitioner = EiaLevel::Practitioner.requirements();
        assert_eq!((foundation.hours, foundation.clients), (50.0, 5));
        assert_eq!((practitioner.hours, practitioner.clients), (100.0, 10));
        assert_eq!(practitioner.feedback, foundation.feedback);
    }

    #[test]
    fn the_level_reads_and_prints_its_value() {
        let expected = [(EiaLevel::Foundation, "foundation"), (EiaLevel::Practitioner, "practitioner")];
        crate::domain::choice::assert_values(EiaLevel::ALL, &expected, EiaLevel::as_str, EiaLevel::parse);
        assert_eq!(EiaLevel::parse("senior"), None);
    }

    #[test]
    fn a_supervision_form_accepts_a_comma_or_a_point() {
        let form =
            SupervisionForm { on: "2026-03-14".into(), supervisor: "  Sue  Pervisor ".into(), hours: "1,5".into(), note: String::new() };
        let entry = form.validate().unwrap();
        assert_eq!(entry, SupervisionEntry { on: day("2026-03-14"), supervisor: "Sue Pervisor".into(), hours: 1.5, note: String::new() });
        let form = SupervisionForm { hours: "1.5".into(), ..form };
        assert_eq!(form.validate().unwrap().hours, 1.5);
    }

    #[test]
    fn a_supervision_form_reports_every_problem_at_once() {
        let errors = SupervisionForm::default().validate().unwrap_err();
        assert_eq!(errors.len(), 3);
        assert_eq!(
            errors.message_for(Field::SupervisionDate).map(ToString::to_string).as_deref(),
            Some("Enter the date of the supervision.")
        );
        assert!(errors.message_for(Field::SupervisionSupervisor).is_some());
        assert!(errors.message_for(Field::SupervisionHours).is_some());

        let form = SupervisionForm { on: "14/03/2026".into(), supervisor: "x".repeat(101), hours: "25".into(), note: "n".repeat(2001) };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.len(), 4);
        for bad in ["0", "-1", "abc", "NaN", "inf"] {
            let form = SupervisionForm { on: "2026-03-14".into(), supervisor: "Sue".into(), hours: bad.into(), note: String::new() };
            assert!(form.validate().unwrap_err().message_for(Field::SupervisionHours).is_some(), "{bad}");
        }
        let form = SupervisionForm { on: "2026-03-14".into(), supervisor: "Sue".into(), hours: "24".into(), note: "x".repeat(2000) };
        assert!(form.validate().is_ok());
    }
}
