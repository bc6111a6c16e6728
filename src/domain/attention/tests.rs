//! Every attention rule at fixed moments: month ends, the daylight-saving switch (the
//! rules read wall-clock dates, so 29 March and 25 October are ordinary days), and the
//! edges of each window.

use super::*;
use crate::domain::contract::parties::Parties;
use crate::domain::contract::terms::SponsorReporting;
use crate::domain::contract::Agreement;
use crate::domain::engagement::Kind;
use crate::domain::evidence::fixtures::{action, day, engagement, id, sponsor};
use crate::domain::goal::Goal;
use crate::domain::session::{ClockTime, Theme};
use crate::domain::Timestamp;

fn at(date: &str, time: &str) -> LocalMoment {
    LocalMoment { date: day(date), time: ClockTime::parse(time).unwrap() }
}

fn contract(status: ContractStatus, start: &str, end: &str, engagement: &Engagement) -> Contract {
    let mut terms = ContractTerms::preset(engagement.kind, engagement.sponsor.is_some(), day(start));
    terms.end_date = Some(day(end));
    Contract {
        engagement_id: id("e"),
        version: 1,
        status,
        template_name: "Coaching".into(),
        terms,
        clauses: Vec::new(),
        parties: Some(Parties::of(engagement)),
        hash: Some("abc".into()),
        agreements: Vec::new(),
        proposed_at: Some(Timestamp(crate::domain::date::Date::parse(start).unwrap().days_since_epoch() * 86_400_000)),
        agreed_at: None,
    }
}

fn planned(date: &str, time: &str, minutes: u16, purpose: Purpose) -> Session {
    Session::planned(id("e"), day(date), ClockTime::parse(time).unwrap(), minutes, purpose)
}

fn held_on(date: &str) -> Session {
    let mut session = planned(date, "10:00", 60, Purpose::Session);
    session.status = Status::Held;
    session
}

fn theme() -> Theme {
    Theme { id: "t1".into(), what: "Delegation".into(), why_now: String::new(), leave_with: String::new() }
}

/// A coaching engagement, agreed from 1 Jan to 31 Dec 2026, seen by `me`.
fn facts(me: Party, sessions: Vec<Session>) -> Facts {
    let engagement = engagement("Ann Client", Kind::Coaching);
    let agreed = contract(ContractStatus::Agreed, "2026-01-01", "2026-12-31", &engagement);
    Facts {
        id: id("e"),
        contracts: vec![agreed],
        sessions: sessions.into_iter().enumerate().map(|(i, s)| (id(&format!("s{i}")), s)).collect(),
        goals: Vec::new(),
        reports: Vec::new(),
        journey: None,
        questionnaires: Vec::new(),
        engagement,
        me,
    }
}

fn needs_at(facts: &Facts, now: LocalMoment) -> Vec<Need> {
    needs(facts, now).into_iter().map(|item| item.need).collect()
}

/// Only the needs of one kind, by a predicate.
fn only(facts: &Facts, now: LocalMoment, keep: fn(&Need) -> bool) -> Vec<Need> {
    needs_at(facts, now).into_iter().filter(keep).collect()
}

#[test]
fn themes_are_missed_from_two_days_before_and_not_once_one_arrives() {
    let is_themes = |n: &Need| matches!(n, Need::NoThemes { .. });
    let mut f = facts(Party::Practitioner, vec![planned("2026-03-02", "09:00", 60, Purpose::Session)]);
    assert!(only(&f, at("2026-02-27", "23:59"), is_themes).is_empty(), "three days before: not yet");
    // Across the end of February: 28 Feb is two days before 2 March.
    assert_eq!(only(&f, at("2026-02-28", "00:00"), is_themes), vec![Need::NoThemes { on: day("2026-03-02") }]);
    assert_eq!(needs(&f, at("2026-02-28", "08:00"))[0].at, Where::Session(id("s0")));
    f.sessions[0].1.themes.push(theme());
    assert!(only(&f, at("2026-03-01", "12:00"), is_themes).is_empty());
}

#[test]
fn a_three_way_meeting_does_not_wait_for_the_clients_themes() {
    let f = facts(Party::Practitioner, vec![planned("2026-03-02", "09:00", 60, Purpose::SponsorMid)]);
    assert!(only(&f, at("2026-03-01", "09:00"), |n| matches!(n, Need::NoThemes { .. })).is_empty());
}

#[test]
fn a_session_still_planned_after_it_ended_asks_what_happened_across_the_dst_switch() {
    let is_record = |n: &Need| matches!(n, Need::RecordSession { .. });
    // 25 October 2026: clocks in Europe go back at 03:00; the session reads the wall clock.
    let f = facts(Party::Practitioner, vec![planned("2026-10-25", "02:30", 60, Purpose::Session)]);
    assert!(only(&f, at("2026-10-25", "03:29"), is_record).is_empty());
    assert_eq!(only(&f, at("2026-10-25", "03:30"), is_record), vec![Need::RecordSession { on: day("2026-10-25") }]);
    // 29 March 2026: clocks go forward; a session at 23:30 for 90 minutes ends at 01:00 next day.
    let f = facts(Party::Practitioner, vec![planned("2026-03-29", "23:30", 90, Purpose::Session)]);
    assert!(only(&f, at("2026-03-30", "00:59"), is_record).is_empty());
    assert_eq!(only(&f, at("2026-03-30", "01:00"), is_record).len(), 1);
    // Once it is recorded as held, the item goes.
    let mut f = f;
    f.sessions[0].1.status = Status::Held;
    assert!(only(&f, at("2026-04-02", "10:00"), is_record).is_empty());
}

#[test]
fn overdue_actions_count_goal_and_session_actions_but_not_done_or_dropped_ones() {
    let mut late = action("Ask for feedback", ItemStatus::Open);
    late.due = Some(day("2026-01-31"));
    let mut done = action("Book the course", ItemStatus::Done);
    done.due = Some(day("2026-01-01"));
    let mut dropped = action("Old idea", ItemStatus::Dropped);
    dropped.due = Some(day("2026-01-01"));
    let mut goal = Goal::new(id("e"), "Lead the team");
    goal.items = vec![late.clone(), done, dropped];
    let mut session = held_on("2026-01-20");
    let mut session_action = action("Draft the plan", ItemStatus::Open);
    session_action.due = Some(day("2026-02-27"));
    session.actions.push(session_action);
    let mut f = facts(Party::Practitioner, vec![session, planned("2026-03-20", "10:00", 60, Purpose::Session)]);
    f.goals.push((id("g1"), goal));

    let is_overdue = |n: &Need| matches!(n, Need::ActionsOverdue { .. });
    assert_eq!(only(&f, at("2026-01-31", "23:00"), is_overdue), vec![], "due today is not overdue");
    assert_eq!(only(&f, at("2026-02-01", "08:00"), is_overdue), vec![Need::ActionsOverdue { count: 1 }]);
    let items = needs(&f, at("2026-02-28", "08:00"));
    let overdue = items.iter().find(|i| is_overdue(&i.need)).unwrap();
    assert_eq!(overdue.need, Need::ActionsOverdue { count: 2 });
    assert_eq!((overdue.at.clone(), overdue.date), (Where::Goals, day("2026-01-31")), "linked where the earliest is kept");
    assert_eq!(overdue.need.words(), "2 actions are overdue");
}

#[test]
fn the_mid_point_review_is_due_a_week_before_until_one_is_held_or_planned() {
    let is_review = |n: &Need| matches!(n, Need::MidPointReview { .. });
    // 1 Jan to 31 Dec 2026: the mid-point is 2 July.
    let mut f = facts(Party::Practitioner, vec![planned("2026-09-01", "10:00", 60, Purpose::Session)]);
    let mid = mid_point(day("2026-01-01"), day("2026-12-31"));
    assert!(only(&f, at(&mid.add_days(-8).to_string(), "12:00"), is_review).is_empty());
    assert_eq!(only(&f, at(&mid.add_days(-7).to_string(), "12:00"), is_review), vec![Need::MidPointReview { on: mid }]);
    assert_eq!(only(&f, at(&mid.add_days(30).to_string(), "12:00"), is_review).len(), 1, "still due when late");
    f.sessions.push((id("r"), planned(&mid.add_days(3).to_string(), "10:00", 60, Purpose::MidPointReview)));
    assert!(only(&f, at(&mid.to_string(), "12:00"), is_review).is_empty(), "planned ahead");
    assert_eq!(only(&f, at(&mid.add_days(4).to_string(), "12:00"), is_review).len(), 1, "planned, but the day passed unrecorded");
    f.sessions.last_mut().unwrap().1.status = Status::Held;
    assert!(only(&f, at(&mid.add_days(40).to_string(), "12:00"), is_review).is_empty());
}

#[test]
fn a_relationship_goes_quiet_after_its_days_with_nothing_held_or_planned() {
    let is_quiet = |n: &Need| matches!(n, Need::Quiet { .. });
    let mut f = facts(Party::Practitioner, vec![held_on("2026-01-31")]);
    // Coaching's default is 28 days: 28 days after 31 Jan is 28 Feb.
    assert_eq!(f.engagement.quiet_after_days(), 28);
    assert!(only(&f, at("2026-02-28", "12:00"), is_quiet).is_empty());
    assert_eq!(only(&f, at("2026-03-01", "12:00"), is_quiet), vec![Need::Quiet { days: 29 }]);
    assert_eq!(Need::Quiet { days: 29 }.words(), "No session for 29 days and none planned");
    // The engagement's own setting wins.
    f.engagement.quiet_after_days = Some(60);
    assert!(only(&f, at("2026-03-01", "12:00"), is_quiet).is_empty());
    f.engagement.quiet_after_days = None;
    // A session planned ahead means it is not quiet.
    f.sessions.push((id("n"), planned("2026-03-10", "10:00", 60, Purpose::Session)));
    assert!(only(&f, at("2026-03-01", "12:00"), is_quiet).is_empty());
    // Paused: not quiet either.
    f.sessions.pop();
    f.journey = Some(Journey::new(id("e")).paused(day("2026-02-10"), "Parental leave").unwrap());
    assert!(only(&f, at("2026-04-01", "12:00"), is_quiet).is_empty());
}

#[test]
fn mentoring_waits_longer_before_it_counts_as_quiet() {
    let mut f = facts(Party::Practitioner, vec![held_on("2026-01-31")]);
    f.engagement.kind = Kind::Mentoring;
    assert_eq!(f.engagement.quiet_after_days(), 45);
    assert!(only(&f, at("2026-03-17", "12:00"), |n| matches!(n, Need::Quiet { .. })).is_empty());
    assert_eq!(only(&f, at("2026-03-18", "12:00"), |n| matches!(n, Need::Quiet { .. })), vec![Need::Quiet { days: 46 }]);
}

fn three_way(cadence: ReportCadence) -> Facts {
    let mut f = facts(Party::Practitioner, vec![planned("2026-12-01", "10:00", 60, Purpose::Session)]);
    f.engagement.sponsor = Some(sponsor());
    let terms = &mut f.contracts[0].terms;
    terms.start_date = Some(day("2026-01-31"));
    terms.sponsor_reporting = Some(SponsorReporting { cadence, ..SponsorReporting::usual() });
    f
}

#[test]
fn a_monthly_sponsor_update_falls_due_a_month_after_the_last_at_month_ends() {
    let is_due = |n: &Need| matches!(n, Need::SponsorUpdateDue { .. });
    let mut f = three_way(ReportCadence::Monthly);
    // From the start, 31 January: a month later is 28 February.
    assert!(only(&f, at("2026-02-27", "12:00"), is_due).is_empty());
    assert_eq!(only(&f, at("2026-02-28", "12:00"), is_due), vec![Need::SponsorUpdateDue { since: day("2026-02-28") }]);
    f.reports.push((id("r1"), SponsorReport::new(id("e"), day("2026-02-28"), "On track".into())));
    assert!(only(&f, at("2026-03-27", "12:00"), is_due).is_empty());
    assert_eq!(only(&f, at("2026-03-28", "12:00"), is_due).len(), 1);
}

#[test]
fn quarterly_and_review_point_updates_fall_due_by_their_own_rule() {
    let is_due = |n: &Need| matches!(n, Need::SponsorUpdateDue { .. });
    let f = three_way(ReportCadence::Quarterly);
    assert!(only(&f, at("2026-04-29", "12:00"), is_due).is_empty());
    assert_eq!(only(&f, at("2026-04-30", "12:00"), is_due), vec![Need::SponsorUpdateDue { since: day("2026-04-30") }]);

    let mut f = three_way(ReportCadence::AtReviewPoints);
    assert!(only(&f, at("2026-11-30", "12:00"), is_due).is_empty(), "no review held yet");
    let mut review = held_on("2026-06-15");
    review.purpose = Purpose::MidPointReview;
    f.sessions.push((id("mid"), review));
    assert_eq!(only(&f, at("2026-06-15", "18:00"), is_due), vec![Need::SponsorUpdateDue { since: day("2026-06-15") }]);
    f.reports.push((id("r1"), SponsorReport::new(id("e"), day("2026-06-16"), "Mid-point".into())));
    assert!(only(&f, at("2026-06-20", "12:00"), is_due).is_empty());
    // No sponsor in the engagement: nothing to send, whatever the contract says.
    let mut f = three_way(ReportCadence::Monthly);
    f.engagement.sponsor = None;
    assert!(only(&f, at("2026-06-20", "12:00"), is_due).is_empty());
}

#[test]
fn a_proposed_contract_waits_for_whoever_has_not_agreed() {
    let mut f = facts(Party::Practitioner, vec![]);
    f.engagement.sponsor = Some(sponsor());
    let mut proposed = contract(ContractStatus::Proposed, "2026-01-01", "2026-12-31", &f.engagement);
    proposed.version = 2;
    proposed.agreements.push(Agreement {
        party: Party::Practitioner,
        typed_name: "Pat Coach".into(),
        acknowledged_confidentiality_limits: true,
        acknowledged_sponsor_reporting: true,
        agreed_at: Timestamp(0),
        contract_hash: "abc".into(),
        signature: None,
    });
    f.contracts.push(proposed);
    let now = at("2026-01-02", "09:00");
    let waiting = Need::ContractAwaiting { version: 2, awaiting: vec![Party::Client, Party::Sponsor] };
    assert_eq!(needs_at(&f, now), vec![waiting.clone()]);
    assert_eq!(waiting.words(), "Contract version 2 is waiting for agreement. Still to agree: client, sponsor");
    f.me = Party::Client;
    assert!(needs_at(&f, now).contains(&Need::AgreeContract { version: 2 }));
    f.me = Party::Sponsor;
    assert!(needs_at(&f, now).contains(&Need::AgreeContract { version: 2 }));
    f.contracts[1].agreements[0].party = Party::Sponsor;
    assert!(!needs_at(&f, now).contains(&Need::AgreeContract { version: 2 }), "the sponsor has agreed");
}

#[test]
fn the_client_sees_themes_to_send_actions_due_a_reflection_and_an_update_to_approve() {
    let mut mine = action("Try the new one-to-one format", ItemStatus::Open);
    mine.due = Some(day("2026-03-07"));
    let mut later = action("Read the chapter", ItemStatus::Open);
    later.due = Some(day("2026-03-20"));
    let mut last = held_on("2026-02-20");
    last.actions = vec![mine, later];
    let mut f = facts(Party::Client, vec![last, planned("2026-03-06", "10:00", 60, Purpose::Session)]);
    f.reports.push((id("r1"), SponsorReport::new(id("e"), day("2026-02-25"), "Progress".into())));
    let items = needs(&f, at("2026-02-28", "12:00"));
    let got: Vec<Need> = items.iter().map(|i| i.need.clone()).collect();
    assert_eq!(
        got,
        vec![
            Need::SendThemes { on: day("2026-03-06") },
            Need::ActionsDue { count: 1, first: day("2026-03-07") },
            Need::Reflect { on: day("2026-02-20") },
            Need::ApproveUpdate { drafted_on: day("2026-02-25") },
        ]
    );
    assert_eq!(items[3].at, Where::SponsorUpdates);
    assert!(items[..3].iter().all(|i| i.at == Where::Engagement), "the client does these in her copy");
    // Nothing the practitioner is asked for.
    assert!(!got.iter().any(|n| matches!(n, Need::Quiet { .. } | Need::NoThemes { .. } | Need::ActionsOverdue { .. })));

    // Themes sent, reflection written, update approved: only the action is left.
    f.sessions[1].1.themes.push(theme());
    f.sessions[0].1.reflection = "I can say no kindly".into();
    f.reports[0].1 = f.reports[0].1.approved("Ann Client", "Ann Client", Timestamp(0)).unwrap();
    assert_eq!(needs_at(&f, at("2026-02-28", "12:00")), vec![Need::ActionsDue { count: 1, first: day("2026-03-07") }]);
    // Fifteen days after the session, the reflection is no longer asked for.
    f.sessions[0].1.reflection.clear();
    assert!(!needs_at(&f, at("2026-03-07", "12:00")).iter().any(|n| matches!(n, Need::Reflect { .. })));
}

#[test]
fn the_client_is_asked_to_answer_a_questionnaire_until_she_has_and_the_practitioner_is_not() {
    use crate::domain::assessment::{templates, AnswersForm, ClientQuestionnaire};
    use crate::domain::goal::ReviewPoint;
    let given = ClientQuestionnaire::new(id("e"), templates::intake());
    let mut f = facts(Party::Client, Vec::new());
    f.questionnaires.push((id("q1"), day("2026-02-27"), given.clone()));
    let items = needs(&f, at("2026-02-28", "12:00"));
    let asked: Vec<&Item> = items.iter().filter(|i| matches!(i.need, Need::AnswerQuestionnaire { .. })).collect();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].need.words(), "Answer the questionnaire “Before we start”");
    assert_eq!((asked[0].at.clone(), asked[0].date), (Where::Questionnaire(id("q1")), day("2026-02-27")));

    // A second one given the same day is an item of its own, notified on its own.
    f.questionnaires.push((id("q2"), day("2026-02-27"), ClientQuestionnaire::new(id("e"), templates::end_feedback())));
    let keys: Vec<String> =
        needs(&f, at("2026-02-28", "12:00")).iter().filter(|i| matches!(i.need, Need::AnswerQuestionnaire { .. })).map(Item::key).collect();
    assert_eq!(keys, ["e/answer-questionnaire/2026-02-27/q1", "e/answer-questionnaire/2026-02-27/q2"]);
    f.questionnaires.pop();

    let practitioner = Facts { me: Party::Practitioner, ..f.clone() };
    assert!(!needs_at(&practitioner, at("2026-02-28", "12:00")).iter().any(|n| matches!(n, Need::AnswerQuestionnaire { .. })));

    let mut answered = given;
    let raw = answered.questionnaire.items.iter().map(|i| if i.required { "7".to_string() } else { String::new() }).collect();
    let form = AnswersForm { point: ReviewPoint::Baseline, taken_on: "2026-02-28".into(), answers: raw };
    answered.take_answers(form.validate(&answered.questionnaire).unwrap()).unwrap();
    f.questionnaires[0].2 = answered;
    assert!(!needs_at(&f, at("2026-02-28", "12:00")).iter().any(|n| matches!(n, Need::AnswerQuestionnaire { .. })), "answered");
}

#[test]
fn the_sponsor_sees_three_way_meetings_in_the_next_two_weeks_only() {
    let f = facts(
        Party::Sponsor,
        vec![
            planned("2026-03-14", "10:00", 60, Purpose::SponsorMid),
            planned("2026-03-16", "10:00", 60, Purpose::SponsorEnd),
            planned("2026-03-02", "10:00", 60, Purpose::Session),
        ],
    );
    let got = needs_at(&f, at("2026-02-28", "12:00"));
    assert_eq!(got, vec![Need::ThreeWay { on: day("2026-03-14"), purpose: Purpose::SponsorMid }]);
    assert_eq!(got[0].words(), "Three-way meeting: mid-point on 14 Mar 2026");
}

#[test]
fn an_ended_engagement_asks_for_nothing_and_all_puts_the_earliest_first() {
    let mut overdue = action("Ask for feedback", ItemStatus::Open);
    overdue.due = Some(day("2026-02-01"));
    let mut first = facts(Party::Practitioner, vec![planned("2026-03-03", "10:00", 60, Purpose::Session)]);
    first.sessions[0].1.actions.push(overdue);
    let mut second = facts(Party::Practitioner, vec![planned("2026-02-20", "10:00", 60, Purpose::Session)]);
    second.id = id("e2");
    let now = at("2026-03-01", "12:00");
    let items = all(&[first.clone(), second.clone()], now);
    let dates: Vec<Date> = items.iter().map(|i| i.date).collect();
    assert_eq!(dates, vec![day("2026-02-01"), day("2026-02-20"), day("2026-03-03")]);
    assert_eq!(items[1].engagement_id, id("e2"));

    let form =
        crate::domain::session::journey::EndingForm { on: "2026-02-25".into(), outcome: "completed".into(), summary: "Goals met".into() };
    second.journey = Some(Journey::new(id("e2")).ended(&form).unwrap());
    assert!(needs(&second, now).is_empty());
}
