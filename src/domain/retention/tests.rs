//! Tests of retention and disposal, with an engagement that has marker text in every field.

use super::*;
use crate::domain::contract::fixtures::agreed_contract;
use crate::domain::engagement::{Engagement, Kind};
use crate::domain::evidence::fixtures::{action, day, id};
use crate::domain::evidence::icf;
use crate::domain::goal::Goal;
use crate::domain::report::SponsorReport;
use crate::domain::session::journey::{EndingOutcome, Pause, Signpost, SignpostKind};
use crate::domain::session::{AgendaItem, ClockTime, Feedback, Grow, Notes, Purpose, SessionAgreement, Status, Theme};
use serde_json::json;

/// The text put in every field a person can write.
pub(crate) const MARK: &str = "MARKER-7f3a";

fn marked(what: &str) -> String {
    format!("{MARK} {what}")
}

/// A coaching engagement `eng-m` (client not named in the log unless `named`) with an
/// agreed paid contract, a goal, two held sessions and one planned, a deleted session, a
/// journey that ended on `ended`, and a sponsor update: marker text in every field.
pub(crate) fn marked_engagement(named: bool, ended: Option<&str>, retention_months: Option<u16>) -> BackupData {
    let eid = id("eng-m");
    let engagement: Engagement = serde_json::from_value(json!({
        "client": marked("Zoë Client"), "practitioner": "Pat Coach", "kind": "coaching",
        "title": marked("title"),
        "sponsor": { "organisation": marked("Org"), "contact": marked("Sponsor"), "role": marked("role") },
        "evidence": { "client_contact": marked("zoe@example.org"), "named_in_log": named, "group_size": null }
    }))
    .unwrap();
    let mut contract = agreed_contract(&eid, &id("con-m"));
    contract.terms.notes_retention_months = retention_months;
    contract.terms.goals[0].description = marked("contract goal");
    let mut goal = Goal::new(eid.clone(), marked("goal"));
    goal.why_it_matters = marked("why");
    goal.items.push(action(&marked("action"), crate::domain::goal::ItemStatus::Open));
    let session = |date: &str, status: Status| {
        let mut s = Session::planned(eid.clone(), day(date), ClockTime::default(), 90, Purpose::Session);
        s.status = status;
        s.status_note = marked("status note");
        s.themes = vec![Theme { id: "t".into(), what: marked("theme"), why_now: marked("why now"), leave_with: marked("leave with") }];
        s.agenda = vec![AgendaItem { id: "a".into(), text: marked("agenda"), theme_id: None }];
        s.agreement = SessionAgreement { want: marked("want"), how_know: marked("how know") };
        s.grow = Grow { goal: marked("g"), reality: marked("r"), options: marked("o"), will: marked("w") };
        s.notes = Notes { practitioner_private: marked("pp"), client_private: marked("cp"), shared: marked("shared") };
        s.reflection = marked("reflection");
        s.feedback = Some(Feedback { score: 4, comment: marked("feedback") });
        s.actions = vec![action(&marked("session action"), crate::domain::goal::ItemStatus::Open)];
        s
    };
    let mut journey = Journey::new(eid.clone());
    journey.pauses = vec![Pause { from: day("2026-03-01"), until: Some(day("2026-03-10")), reason: marked("pause") }];
    journey.signposts = vec![Signpost {
        id: "s".into(),
        kind: SignpostKind::Reading,
        title: marked("book"),
        detail: marked("detail"),
        goal_id: None,
        suggested_on: day("2026-02-01"),
        followed_up: false,
        useful: None,
    }];
    journey.ending = ended.map(|on| Ending { on: day(on), outcome: EndingOutcome::Completed, summary: marked("summary") });
    let t = Timestamp(1_000);
    BackupData {
        engagements: vec![Record::new(eid.clone(), t, engagement)],
        contracts: vec![Record::new(id("con-m"), t, contract)],
        goals: vec![Record::new(id("goal-m"), t, goal)],
        sessions: vec![
            Record::new(id("ses-1"), t, session("2026-01-10", Status::Held)),
            Record::new(id("ses-2"), t, session("2026-02-10", Status::Held)),
            Record::new(id("ses-3"), t, session("2026-03-10", Status::Planned)),
            Record::new(id("ses-4"), t, session("2026-04-10", Status::Held)).marked_deleted(Timestamp(2_000)),
        ],
        journeys: vec![Record::new(eid.clone(), t, journey)],
        reports: vec![Record::new(id("rep-m"), t, SponsorReport::new(eid.clone(), day("2026-02-20"), marked("report")))],
        ..BackupData::default()
    }
}

fn json_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn notes_fall_due_the_same_day_of_the_month_or_the_months_last_day() {
    assert_eq!(due_on(day("2026-03-15"), 24), day("2028-03-15"));
    assert_eq!(due_on(day("2026-08-31"), 6), day("2027-02-28"), "no 29 February in 2027");
    assert_eq!(due_on(day("2027-08-31"), 6), day("2028-02-29"), "2028 is a leap year");
    assert_eq!(due_on(day("2028-02-29"), 12), day("2029-02-28"), "a year after a leap day");
    assert_eq!(due_on(day("2026-01-31"), 1), day("2026-02-28"));
    assert_eq!(due_on(day("2026-12-31"), 2), day("2027-02-28"), "across the year end");
    assert_eq!(due_on(day("2026-05-20"), 0), day("2026-05-20"), "0 months: due the day it ends");
}

#[test]
fn where_an_engagement_stands_as_the_days_pass() {
    let data = marked_engagement(false, None, Some(6));
    let eid = id("eng-m");
    assert_eq!(retention_of(&data, &eid, day("2030-01-01")), Retention::InProgress, "not ended: never due");

    let data = marked_engagement(false, Some("2026-08-31"), Some(6));
    assert_eq!(retention_of(&data, &eid, day("2027-02-27")), Retention::Kept { ended_on: day("2026-08-31"), due_on: day("2027-02-28") });
    assert_eq!(retention_of(&data, &eid, day("2027-02-28")), Retention::Due { ended_on: day("2026-08-31"), due_on: day("2027-02-28") });
    assert!(retention_of(&data, &eid, day("2027-03-01")).is_due());

    let data = marked_engagement(false, Some("2026-08-31"), None);
    assert_eq!(retention_of(&data, &eid, day("2040-01-01")), Retention::NoPeriod { ended_on: day("2026-08-31") });

    let data = marked_engagement(false, Some("2026-08-31"), Some(0));
    assert!(retention_of(&data, &eid, day("2026-08-31")).is_due(), "a retention of 0 months is due the day it ends");
}

#[test]
fn an_engagement_ended_early_starts_its_period_on_the_day_it_ended() {
    let mut data = marked_engagement(false, Some("2026-04-30"), Some(1));
    data.journeys[0].data.ending.as_mut().unwrap().outcome = EndingOutcome::EndedEarly;
    assert_eq!(
        retention_of(&data, &id("eng-m"), day("2026-05-30")),
        Retention::Due { ended_on: day("2026-04-30"), due_on: day("2026-05-30") }
    );
}

#[test]
fn disposal_is_refused_until_the_notes_are_due() {
    let data = marked_engagement(false, Some("2026-08-31"), Some(6));
    let refused = plan_disposal(&data, &id("eng-m"), day("2027-02-27"), Timestamp(9_000)).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Not due for disposal: The engagement ended on 31 Aug 2026. Its notes are kept until 28 Feb 2027, then due for disposal."
    );
    let in_progress = marked_engagement(false, None, Some(6));
    assert!(plan_disposal(&in_progress, &id("eng-m"), day("2030-01-01"), Timestamp(9_000)).is_err());
}

#[test]
fn disposal_removes_every_written_word_and_keeps_what_the_coaching_log_needs() {
    let mut data = marked_engagement(false, Some("2026-04-30"), Some(0));
    // The client's wheel of life, in her own words, goes too.
    let areas = crate::domain::assessment::Areas::try_from(&crate::domain::assessment::WheelForm {
        areas: vec![marked("Health"), marked("Work"), marked("Money")],
    })
    .unwrap();
    let wheel = crate::domain::assessment::LifeWheel { engagement_id: id("eng-m"), wheel: crate::domain::assessment::Wheel::new(areas) };
    data.wheels.push(crate::domain::Record::new(id("eng-m"), Timestamp(5), wheel));
    let before = icf::log(&data.engagement_facts(), day("2026-12-01"));
    let plan = plan_disposal(&data, &id("eng-m"), day("2026-05-01"), Timestamp(9_000)).unwrap();

    assert!(!json_of(&plan.keep).contains(MARK), "no marker text stays: {}", json_of(&plan.keep));
    assert!(!json_of(&plan.erase).contains(MARK));
    let gone: Vec<(&str, &str)> = plan.erase.iter().map(|t| (t.store.as_str(), t.id.as_str())).collect();
    assert_eq!(gone, vec![("sessions", "ses-4"), ("contracts", "con-m"), ("goals", "goal-m"), ("reports", "rep-m"), ("wheels", "eng-m")]);

    let engagement = &plan.keep.engagements[0];
    assert_eq!(engagement.revision, 2, "one revision later");
    assert_eq!(engagement.data.disposed, Some(Disposal { on: day("2026-05-01"), paid: Some(true) }));
    assert_eq!(engagement.data.client_shown().to_string(), "Former client");
    assert!(engagement.data.sponsor.is_none() && engagement.data.title.is_none());
    let sessions: Vec<(Date, u16, Status)> = plan.keep.sessions.iter().map(|s| (s.data.date, s.data.minutes, s.data.status)).collect();
    assert_eq!(
        sessions,
        vec![(day("2026-01-10"), 90, Status::Held), (day("2026-02-10"), 90, Status::Held), (day("2026-03-10"), 90, Status::Planned)]
    );
    let ending = plan.keep.journeys[0].data.ending.clone().unwrap();
    assert_eq!((ending.on, ending.outcome, ending.summary.as_str()), (day("2026-04-30"), EndingOutcome::Completed, ""));

    // The coaching log reads the same hours, paid, from what stays.
    let after = icf::log(&plan.keep.engagement_facts(), day("2026-12-01"));
    assert_eq!(after.totals, before.totals);
    assert_eq!((after.rows[0].start, after.rows[0].end, after.rows[0].paid_hours), (before.rows[0].start, before.rows[0].end, 3.0));
    assert_eq!(after.rows[0].client.to_string(), "Client 1");
}

#[test]
fn a_client_who_agreed_to_be_named_keeps_their_name_and_contact() {
    let data = marked_engagement(true, Some("2026-04-30"), Some(0));
    let plan = plan_disposal(&data, &id("eng-m"), day("2026-04-30"), Timestamp(9_000)).unwrap();
    let engagement = &plan.keep.engagements[0].data;
    assert_eq!(engagement.client.as_str(), marked("Zoë Client"));
    assert_eq!(engagement.evidence.client_contact, marked("zoe@example.org"));
    assert!(engagement.evidence.named_in_log);
    // Only the consented name and contact remain of what was written.
    let kept = json_of(&plan.keep).replace(&marked("Zoë Client"), "").replace(&marked("zoe@example.org"), "");
    assert!(!kept.contains(MARK), "{kept}");
}

#[test]
fn once_disposed_an_engagement_says_so_and_is_not_due_again() {
    let data = marked_engagement(false, Some("2026-04-30"), Some(0));
    let plan = plan_disposal(&data, &id("eng-m"), day("2026-05-02"), Timestamp(9_000)).unwrap();
    let mut after = data.clone();
    after.engagements = plan.keep.engagements.clone();
    assert_eq!(retention_of(&after, &id("eng-m"), day("2027-01-01")), Retention::Disposed { on: day("2026-05-02") });
    assert!(due_for_disposal(&after, day("2027-01-01")).is_empty());
    assert_eq!(due_for_disposal(&data, day("2027-01-01")).len(), 1);
    assert!(plan_disposal(&after, &id("eng-m"), day("2027-01-01"), Timestamp(9_500)).is_err(), "nothing to dispose twice");
}

#[test]
fn engagements_due_are_listed_earliest_first_and_deleted_ones_not_at_all() {
    let mut data = marked_engagement(false, Some("2026-04-30"), Some(3));
    let mut other = marked_engagement(false, Some("2026-01-15"), Some(3));
    for r in &mut other.engagements {
        r.id = id("eng-o");
    }
    for j in &mut other.journeys {
        j.id = id("eng-o");
        j.data.engagement_id = id("eng-o");
    }
    for c in &mut other.contracts {
        c.id = id("con-o");
        c.data.engagement_id = id("eng-o");
    }
    data.engagements.extend(other.engagements.clone());
    data.journeys.extend(other.journeys.clone());
    data.contracts.extend(other.contracts.clone());
    let due: Vec<(String, Date)> = due_for_disposal(&data, day("2026-12-01")).into_iter().map(|(e, d)| (e.id.to_string(), d)).collect();
    assert_eq!(due, vec![("eng-o".to_string(), day("2026-04-15")), ("eng-m".to_string(), day("2026-07-30"))]);
    data.engagements[1] = data.engagements[1].clone().marked_deleted(Timestamp(5_000));
    assert_eq!(due_for_disposal(&data, day("2026-12-01")).len(), 1);
}

#[test]
fn the_disposal_mark_reads_back_and_old_engagements_have_none() {
    let disposal = Disposal { on: day("2026-05-01"), paid: None };
    let value = serde_json::to_value(disposal).unwrap();
    assert_eq!(value, json!({ "on": "2026-05-01", "paid": null }));
    let old: Engagement = serde_json::from_value(json!({ "client": "A", "practitioner": "B", "kind": "coaching" })).unwrap();
    assert!(old.disposed.is_none());
    assert!(!json_of(&old).contains("disposed"), "an engagement never disposed writes no mark, so old checksums hold");
    let _ = Kind::Coaching;
}
