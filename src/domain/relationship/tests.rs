//! Relationship updates between the three devices of one three-way engagement: Ada
//! Lovelace (client), Sam Lee (practitioner) and Jo Park for Northwind (sponsor).

use super::*;
use crate::domain::backup::BackupData;
use crate::domain::contract::fixtures;
use crate::domain::contract::terms::{CoachingType, CodeOfEthics, ContractGoal, Payer};
use crate::domain::contract::{Agreement, Clause, Contract, ContractStatus, ContractTemplate, ContractTerms, Element, Party};
use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::goal::{CheckIn, CheckInForm, CheckInOutcome, Goal, GoalItem, ItemKind, ItemStatus, Visibility};
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::domain::report::SponsorReport;
use crate::domain::session::{AgendaItem, ClockTime, Feedback, Purpose, Session, Theme};
use crate::domain::validation::Field;
use serde_json::json;

const ENGAGEMENT: &str = "eng-ada";

fn id(text: &str) -> RecordId {
    RecordId::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn action(item: &str, title: &str) -> GoalItem {
    GoalItem {
        id: item.into(),
        kind: ItemKind::Action,
        title: title.into(),
        owner: Party::Client,
        due: None,
        status: ItemStatus::Open,
        done_on: None,
        weight: 1.0,
        needs_confirmation: false,
        confirmed: false,
        agreed_in: None,
        reviews: Vec::new(),
        check_ins: Vec::new(),
    }
}

fn agreement(contract: &Contract, party: Party, name: &str) -> Agreement {
    Agreement {
        party,
        typed_name: name.into(),
        acknowledged_confidentiality_limits: true,
        acknowledged_sponsor_reporting: true,
        agreed_at: Timestamp(10),
        contract_hash: contract.hash.clone().unwrap(),
        signature: None,
    }
}

/// Version 1 of the three-way contract, proposed, with the practitioner's agreement.
fn proposed_contract() -> Contract {
    let mut terms = ContractTerms::preset(Kind::Coaching, true, day("2026-12-01"));
    terms.coaching_type = Some(CoachingType::Leadership);
    terms.code_of_ethics = Some(CodeOfEthics::Icf);
    terms.goals = vec![ContractGoal { description: "Lead the team".into(), success_measure: "Survey ≥ 4/5".into() }];
    terms.sponsor_objectives = vec![ContractGoal { description: "Retain key staff".into(), success_measure: "No leavers".into() }];
    terms.payer = Some(Payer::Sponsor);
    terms.fee_per_session = Some(150);
    let template = ContractTemplate {
        name: "Test".into(),
        description: String::new(),
        kind: Kind::Coaching,
        three_way: true,
        code_of_ethics: None,
        coaching_type: None,
        mentoring_programme: None,
        clauses: Vec::new(),
    };
    let mut contract = Contract::from_template(id(ENGAGEMENT), &template, terms);
    contract.clauses = Element::all()
        .map(|e| Clause::new(e, e.title(), format!("{} for {{{{client_name}}}}: coaching, not therapy.", e.title())))
        .collect();
    let proposed = contract.proposed(&id("contract-1"), fixtures::parties(Kind::Coaching, true), Timestamp(3)).expect("complete");
    let practitioner = agreement(&proposed, Party::Practitioner, "Sam Lee");
    proposed.agreed_by(practitioner).expect("a valid agreement")
}

fn record<T>(text: &str, data: T) -> Record<T> {
    Record::new(id(text), Timestamp(5), data)
}

/// Everything the practitioner keeps of the engagement: a session on 9 Dec, a three-way
/// mid-point meeting, a shared goal with two actions, a goal the sponsor may see, the
/// contract and a draft sponsor update.
fn practitioner_records() -> BackupData {
    let engagement = record(ENGAGEMENT, fixtures::engagement(Kind::Coaching, true));
    let mut session = Session::planned(id(ENGAGEMENT), day("2026-12-09"), ClockTime::new(10, 0).unwrap(), 60, Purpose::Session);
    session.actions = vec![action("sa1", "Say no to one meeting")];
    let sponsor_meeting = Session::planned(id(ENGAGEMENT), day("2027-01-13"), ClockTime::new(14, 0).unwrap(), 45, Purpose::SponsorMid);
    let mut lead = Goal::new(id(ENGAGEMENT), "Lead the team");
    lead.items = vec![action("a1", "Delegate the weekly report"), action("a2", "Ask the team for feedback")];
    let mut retain = Goal::new(id(ENGAGEMENT), "Keep the team together");
    retain.visibility = Visibility::SponsorVisible;
    let report = SponsorReport::new(id(ENGAGEMENT), day("2027-01-10"), "Sessions held: 1".into());
    BackupData {
        engagements: vec![engagement],
        sessions: vec![record("ses-1", session), record("ses-2", sponsor_meeting)],
        goals: vec![record("goal-lead", lead), record("goal-retain", retain)],
        contracts: vec![record("contract-1", proposed_contract())],
        reports: vec![record("report-1", report)],
        ..BackupData::default()
    }
}

/// One person's device: their role, their name, their records and their ledger.
#[derive(Clone)]
struct Device {
    me: Party,
    name: &'static str,
    data: BackupData,
    ledger: Ledger,
    clock: i64,
}

impl Device {
    fn new(me: Party, name: &'static str, data: BackupData) -> Device {
        Device { me, name, data, ledger: Ledger::new(id(ENGAGEMENT)), clock: 1_800_000_000_000 }
    }

    fn practitioner() -> Device {
        Device::new(Party::Practitioner, "Sam Lee", practitioner_records())
    }

    /// A device that has only the engagement (as a proposal brought it).
    fn with_engagement_only(me: Party, name: &'static str) -> Device {
        let engagement = practitioner_records().engagements.remove(0);
        let engagement = Record { data: engagement.data.shared_copy(), ..engagement };
        Device::new(me, name, BackupData { engagements: vec![engagement], ..BackupData::default() })
    }

    fn client() -> Device {
        Device::with_engagement_only(Party::Client, "Ada Lovelace")
    }

    fn sponsor() -> Device {
        Device::with_engagement_only(Party::Sponsor, "Jo Park")
    }

    /// The update to `to`, as the other side reads it from the file.
    fn send(&mut self, to: &[Party]) -> RelationshipUpdate {
        self.clock += 1_000;
        let (update, ledger) =
            outgoing(self.me, self.name, to, &self.data, &self.ledger, Timestamp(self.clock)).expect("something to send");
        self.ledger = ledger;
        RelationshipUpdate::read(&update.to_json()).expect("the file reads back")
    }

    fn plan(&self, update: &RelationshipUpdate) -> Result<UpdatePlan, Refusal> {
        plan(update, self.me, &self.data, &self.ledger)
    }

    /// Plans and applies `update` with `resolutions`, writing what the store would.
    fn take(&mut self, update: &RelationshipUpdate, resolutions: &[Resolution]) -> UpdatePlan {
        let plan = self.plan(update).unwrap_or_else(|refusal| panic!("{}", refusal.message()));
        self.write(plan, resolutions)
    }

    /// Applies `plan` with `resolutions`, writing what the store would.
    fn write(&mut self, plan: UpdatePlan, resolutions: &[Resolution]) -> UpdatePlan {
        let applied = plan.clone().apply(resolutions);
        upsert(&mut self.data.sessions, applied.records.sessions);
        upsert(&mut self.data.goals, applied.records.goals);
        upsert(&mut self.data.contracts, applied.records.contracts);
        upsert(&mut self.data.reports, applied.records.reports);
        upsert(&mut self.data.wheels, applied.records.wheels);
        upsert(&mut self.data.questionnaires, applied.records.questionnaires);
        self.ledger = applied.ledger;
        plan
    }

    fn session(&mut self, at: &str) -> &mut Session {
        &mut self.data.sessions.iter_mut().find(|r| r.id == id(at)).expect("the session").data
    }

    fn goal(&mut self, at: &str) -> &mut Goal {
        &mut self.data.goals.iter_mut().find(|r| r.id == id(at)).expect("the goal").data
    }

    fn contract(&mut self) -> &mut Contract {
        &mut self.data.contracts.iter_mut().find(|r| r.id == id("contract-1")).expect("the contract").data
    }
}

/// What the store does with applied records: a new one is added, a known one revised.
fn upsert<T>(list: &mut Vec<Record<T>>, incoming: Vec<Record<T>>) {
    for record in incoming {
        match list.iter_mut().find(|r| r.id == record.id) {
            Some(mine) => *mine = Record { revision: mine.revision + 1, ..record },
            None => list.push(record),
        }
    }
}

/// Practitioner and client after the practitioner's first update reached the client.
fn practitioner_and_client() -> (Device, Device) {
    let mut practitioner = Device::practitioner();
    let mut client = Device::client();
    let first = practitioner.send(&[Party::Client]);
    client.take(&first, &[]);
    (practitioner, client)
}

fn themes(texts: &[&str]) -> Vec<Theme> {
    texts.iter().enumerate().map(|(i, what)| Theme { id: format!("t{i}"), what: (*what).into(), ..Theme::default() }).collect()
}

fn check_in(outcome: CheckInOutcome) -> CheckIn {
    CheckIn { on: day("2026-12-12"), outcome, note: "Went better than I thought".into() }
}

#[test]
fn each_field_group_has_one_owner_joint_or_none() {
    use SharedField as F;
    let owned_by = |party| Share::Owned(party);
    for (field, share) in [
        (F::SessionPlan, owned_by(Party::Practitioner)),
        (F::Themes, owned_by(Party::Client)),
        (F::Agenda, Share::Joint),
        (F::SessionAgreement, Share::Joint),
        (F::Grow, Share::Joint),
        (F::SharedNotes, Share::Joint),
        (F::Reflection, owned_by(Party::Client)),
        (F::Feedback, owned_by(Party::Client)),
        (F::SessionActions, Share::Joint),
        (F::GoalWording, Share::Joint),
        (F::GoalScores, owned_by(Party::Practitioner)),
        (F::GoalItems, Share::Joint),
        (F::CheckIns { action: "a1".into() }, owned_by(Party::Client)),
        (F::ReportDraft, owned_by(Party::Practitioner)),
        (F::ReportApproval, owned_by(Party::Client)),
        (F::ContractVersion, owned_by(Party::Practitioner)),
        (F::ContractAgreement(Party::Sponsor), owned_by(Party::Sponsor)),
        (F::ContractAgreement(Party::Client), owned_by(Party::Client)),
        (F::PractitionerPrivateNotes, Share::Private),
        (F::ClientPrivateNotes, Share::Private),
        (F::UnsharedReflection, Share::Private),
        (F::ClientPrivateGoal, Share::Private),
        (F::EvidenceDetails, Share::Private),
    ] {
        assert_eq!(field.share(), share, "{field:?}");
    }
}

#[test]
fn each_role_may_send_its_own_and_the_joint_fields_and_nobody_the_private_ones() {
    use SharedField as F;
    assert!(may_send(Party::Practitioner, &F::SessionPlan) && !may_send(Party::Client, &F::SessionPlan));
    assert!(may_send(Party::Client, &F::Themes) && !may_send(Party::Practitioner, &F::Themes));
    assert!(may_send(Party::Client, &F::Agenda) && may_send(Party::Practitioner, &F::Agenda) && !may_send(Party::Sponsor, &F::Agenda));
    assert!(may_send(Party::Client, &F::ReportApproval) && !may_send(Party::Practitioner, &F::ReportApproval));
    assert!(may_send(Party::Client, &F::ContractAgreement(Party::Client)));
    assert!(!may_send(Party::Client, &F::ContractAgreement(Party::Practitioner)));
    let sponsor_sends: Vec<&F> =
        [F::SessionPlan, F::Agenda, F::GoalWording, F::ContractVersion, F::ContractAgreement(Party::Sponsor), F::ReportApproval]
            .iter()
            .filter(|f| may_send(Party::Sponsor, f))
            .collect();
    assert_eq!(sponsor_sends, [&F::ContractAgreement(Party::Sponsor)], "a sponsor sends only their own agreement");
    for private in [F::PractitionerPrivateNotes, F::ClientPrivateNotes, F::UnsharedReflection, F::ClientPrivateGoal, F::EvidenceDetails] {
        for role in Party::ALL {
            assert!(!may_send(*role, &private) && !may_receive(*role, &private), "{private:?} for {role:?}");
        }
    }
    // What a sponsor's copy may hold.
    for field in
        [F::SessionPlan, F::GoalWording, F::ContractVersion, F::ContractAgreement(Party::Client), F::ReportDraft, F::ReportApproval]
    {
        assert!(may_receive(Party::Sponsor, &field), "{field:?}");
    }
    for field in [F::Themes, F::Agenda, F::SharedNotes, F::Reflection, F::Feedback, F::GoalScores, F::GoalItems, F::SessionActions] {
        assert!(!may_receive(Party::Sponsor, &field), "{field:?}");
    }
    assert!(may_add(Party::Practitioner, SharedKind::Session) && !may_add(Party::Client, SharedKind::Goal));
}

/// `data` with a marker in every private field: both note layers, an unshared
/// reflection, a client-private goal, the practitioner's evidence details.
fn marked(mut data: BackupData) -> BackupData {
    data.engagements[0].data.evidence.client_contact = "MARK-evidence@example.org".into();
    for session in &mut data.sessions {
        session.data.notes.practitioner_private = "MARK-practitioner-private".into();
        session.data.notes.client_private = "MARK-client-private".into();
        session.data.reflection = "MARK-unshared-reflection".into();
        session.data.reflection_shared = false;
        session.data.notes.shared = "We agreed to try delegating".into();
        session.data.themes = themes(&["Delegating"]);
        session.data.feedback = Some(Feedback { score: 4, comment: "Useful".into() });
    }
    let mut private = Goal::new(id(ENGAGEMENT), "MARK-private-goal");
    private.visibility = Visibility::ClientPrivate;
    private.items = vec![action("p1", "MARK-private-action")];
    data.goals.push(record("goal-private", private));
    let contract = &mut data.contracts[0].data;
    for (party, name) in [(Party::Client, "Ada Lovelace"), (Party::Sponsor, "Jo Park")] {
        let agreement = agreement(contract, party, name);
        *contract = contract.clone().agreed_by(agreement).unwrap();
    }
    data
}

#[test]
fn no_private_field_leaves_any_device_whoever_sends_and_whoever_receives() {
    let everyone = [Party::Client, Party::Practitioner, Party::Sponsor];
    for (me, name) in [(Party::Practitioner, "Sam Lee"), (Party::Client, "Ada Lovelace"), (Party::Sponsor, "Jo Park")] {
        let data = marked(practitioner_records());
        let others: Vec<Party> = everyone.into_iter().filter(|p| *p != me).collect();
        let mut recipients: Vec<Vec<Party>> = others.iter().map(|p| vec![*p]).collect();
        recipients.push(others.clone());
        for to in recipients {
            let (update, _) = outgoing(me, name, &to, &data, &Ledger::new(id(ENGAGEMENT)), Timestamp(1))
                .unwrap_or_else(|| panic!("{me:?} has something for {to:?}"));
            let json = update.to_json();
            assert!(!json.contains("MARK"), "{me:?} to {to:?} leaks a private field: {json}");
            for field in &update.body.fields {
                assert!(may_send(me, &field.field), "{me:?} sent {:?}", field.field);
                assert!(to.iter().all(|r| may_receive(*r, &field.field)), "{:?} is not for {to:?}", field.field);
            }
        }
    }
}

#[test]
fn a_sponsor_receives_only_three_way_meetings_goals_they_may_see_the_contract_and_approved_updates() {
    let mut practitioner = Device::practitioner();
    let update = practitioner.send(&[Party::Sponsor]);
    let named: Vec<(String, SharedField)> = update.body.fields.iter().map(|f| (f.id.to_string(), f.field.clone())).collect();
    assert!(named.contains(&("ses-2".into(), SharedField::SessionPlan)), "{named:?}");
    assert!(named.contains(&("goal-retain".into(), SharedField::GoalWording)));
    assert!(named.contains(&("contract-1".into(), SharedField::ContractVersion)));
    for (record, field) in &named {
        assert!(!["ses-1", "goal-lead", "report-1"].contains(&record.as_str()), "{record} {field:?} is not the sponsor's");
        assert!(may_receive(Party::Sponsor, field), "{field:?}");
    }
    assert!(update.body.records.iter().all(|r| r.id != id("report-1")), "a draft the client has not approved");

    let mut sponsor = Device::sponsor();
    let plan = sponsor.take(&update, &[]);
    assert_eq!(plan.summary(), "Sam Lee has added 1 session, added 1 goal, and sent version 1 of the contract.");
    assert_eq!(sponsor.data.sessions.len(), 1);
    assert!(sponsor.data.sessions[0].data.themes.is_empty() && sponsor.data.goals[0].data.items.is_empty());
}

#[test]
fn the_first_update_brings_the_records_the_client_does_not_have() {
    let mut practitioner = Device::practitioner();
    let mut client = Device::client();
    let update = practitioner.send(&[Party::Client]);
    let plan = client.take(&update, &[]);
    assert_eq!(
        plan.summary(),
        "Sam Lee has added 2 sessions, added 2 goals, sent version 1 of the contract, and drafted 1 sponsor update."
    );
    assert_eq!((client.data.sessions.len(), client.data.goals.len(), client.data.contracts.len()), (2, 2, 1));
    assert_eq!(client.contract().agreements.len(), 1, "the practitioner's agreement came with the version");
    assert_eq!(client.data.reports.len(), 1);
    assert!(outgoing(Party::Practitioner, "Sam Lee", &[Party::Client], &practitioner.data, &practitioner.ledger, Timestamp(9)).is_none());
}

#[test]
fn applying_the_same_update_twice_changes_nothing_the_second_time_and_says_so() {
    let (practitioner, client) = practitioner_and_client();
    let mut again = Device::practitioner();
    again.ledger = Ledger::new(id(ENGAGEMENT));
    let first = again.send(&[Party::Client]);
    let before = client.data.clone();
    let refusal = client.plan(&first).unwrap_err();
    assert_eq!(refusal, Refusal::AlreadyApplied);
    assert_eq!(refusal.message(), "You already applied this update; nothing changed.");
    assert_eq!(client.data, before);
    let _ = practitioner;
}

#[test]
fn the_summary_says_what_a_client_update_brings_in_plain_words() {
    let (mut practitioner, mut client) = practitioner_and_client();
    client.session("ses-1").themes = themes(&["Delegating", "Saying no", "My first all-hands"]);
    client.session("ses-1").actions[0].check_ins.push(check_in(CheckInOutcome::Done));
    client.goal("goal-lead").items[0].check_ins.push(check_in(CheckInOutcome::Partly));
    client.session("ses-1").reflection = "I can let go of the report".into();
    client.session("ses-1").reflection_shared = true;
    let update = client.send(&[Party::Practitioner]);
    let plan = practitioner.take(&update, &[]);
    assert_eq!(
        plan.summary(),
        "Ada Lovelace has sent 3 themes for the session on 9 Dec 2026, checked off 2 actions, and shared 1 reflection."
    );
    assert_eq!(plan.left_out(), None);
    assert_eq!(practitioner.goal("goal-lead").items[0].check_ins, vec![check_in(CheckInOutcome::Partly)]);
    assert_eq!(practitioner.session("ses-1").reflection, "I can let go of the report");
}

#[test]
fn applying_an_update_never_touches_this_devices_private_layers() {
    let (mut practitioner, mut client) = practitioner_and_client();
    practitioner.session("ses-1").notes.practitioner_private = "Only mine".into();
    client.session("ses-1").notes.client_private = "Only hers".into();
    client.session("ses-1").notes.shared = "We agreed to try delegating".into();
    practitioner.take(&client.send(&[Party::Practitioner]), &[]);
    let session = practitioner.session("ses-1").clone();
    assert_eq!((session.notes.practitioner_private.as_str(), session.notes.client_private.as_str()), ("Only mine", ""));
    assert_eq!(session.notes.shared, "We agreed to try delegating");
}

/// The practitioner's records after `updates` from the client, in that order, with the
/// practitioner changing the session plan and the shared notes and sending an update to
/// the client after the first.
fn after(updates: &[&RelationshipUpdate], practitioner: &Device) -> BackupData {
    let mut practitioner = practitioner.clone();
    for (i, update) in updates.iter().enumerate() {
        match practitioner.plan(update) {
            Ok(_) => {
                practitioner.take(update, &[]);
            }
            Err(refusal) => assert!(matches!(refusal, Refusal::AllOlder { .. }), "{refusal:?}"),
        }
        if i == 0 {
            practitioner.session("ses-1").status_note = "Room 4".into();
            practitioner.session("ses-2").notes.shared = "Bring the survey results".into();
            practitioner.send(&[Party::Client]);
        }
    }
    practitioner.data
}

#[test]
fn two_client_updates_end_in_the_same_records_whichever_arrives_first() {
    let (practitioner, mut client) = practitioner_and_client();
    client.session("ses-1").themes = themes(&["Delegating"]);
    client.session("ses-1").agenda = vec![AgendaItem { id: "x".into(), text: "Delegating".into(), theme_id: None }];
    let u1 = client.send(&[Party::Practitioner]);
    client.session("ses-1").themes = themes(&["Delegating", "Saying no"]);
    client.goal("goal-lead").items[1].check_ins.push(check_in(CheckInOutcome::NotYet));
    client.session("ses-2").feedback = Some(Feedback { score: 3, comment: "Clear".into() });
    let u2 = client.send(&[Party::Practitioner]);
    assert_eq!((u1.body.sequence, u2.body.sequence), (1, 2));

    let in_order = after(&[&u1, &u2], &practitioner);
    let reversed = after(&[&u2, &u1], &practitioner);
    assert_eq!(in_order, reversed);
    let session = &in_order.sessions.iter().find(|s| s.id == id("ses-1")).unwrap().data;
    assert_eq!(session.themes, themes(&["Delegating", "Saying no"]));
    assert_eq!(session.agenda.len(), 1);
    assert_eq!(session.status_note, "Room 4");
}

#[test]
fn a_joint_field_changed_on_both_sides_is_a_conflict_the_person_decides() {
    let (mut practitioner, mut client) = practitioner_and_client();
    let agenda = |text: &str| vec![AgendaItem { id: "a".into(), text: text.into(), theme_id: None }];
    practitioner.session("ses-1").agenda = agenda("Feedback to the team");
    client.session("ses-1").agenda = agenda("Delegating");
    let update = client.send(&[Party::Practitioner]);

    let plan = practitioner.plan(&update).unwrap();
    assert_eq!(plan.conflicts().len(), 1);
    let conflict = &plan.conflicts()[0];
    assert_eq!(conflict.label, "The agenda of the session on 9 Dec 2026");
    assert_eq!(conflict.mine, serde_json::to_value(agenda("Feedback to the team")).unwrap());
    assert_eq!(conflict.theirs, serde_json::to_value(agenda("Delegating")).unwrap());
    assert_eq!(plan.summary(), "Ada Lovelace sent an update. 1 change was made on both sides: choose which to keep.", "not 'nothing new'");

    // Taking theirs.
    let mut taking = practitioner.clone();
    taking.take(&update, &[Resolution::TakeTheirs]);
    assert_eq!(taking.session("ses-1").agenda, agenda("Delegating"));
    assert!(outgoing(Party::Practitioner, "Sam Lee", &[Party::Client], &taking.data, &taking.ledger, Timestamp(9)).is_none());

    // Keeping mine: the next update sends it back, and the client, who has not changed it
    // since, takes it without a conflict.
    practitioner.take(&update, &[Resolution::KeepMine]);
    assert_eq!(practitioner.session("ses-1").agenda, agenda("Feedback to the team"));
    let back = practitioner.send(&[Party::Client]);
    let plan = client.take(&back, &[]);
    assert!(plan.conflicts().is_empty());
    assert_eq!(client.session("ses-1").agenda, agenda("Feedback to the team"));
}

#[test]
fn an_owned_field_takes_the_owners_latest_even_when_updates_arrive_out_of_order() {
    let (mut practitioner, client) = practitioner_and_client();
    practitioner.session("ses-1").status_note = "Room 4".into();
    let p1 = practitioner.send(&[Party::Client]);
    practitioner.session("ses-1").status_note = "Room 5".into();
    let p2 = practitioner.send(&[Party::Client]);
    let mut client = client;
    client.session("ses-1").status_note = "Somewhere else".into();
    client.take(&p2, &[]);
    assert_eq!(client.session("ses-1").status_note, "Room 5");
    let refusal = client.plan(&p1).unwrap_err();
    assert_eq!(refusal.message(), "Everything in this update is older than what you already have from Sam Lee; nothing changed.");
    assert_eq!(client.session("ses-1").status_note, "Room 5");
}

/// `update` with one more field value, sealed again with a fresh checksum (as anyone can).
fn with_field(update: &RelationshipUpdate, field: FieldValue) -> RelationshipUpdate {
    let mut body = update.body.clone();
    body.fields.push(field);
    RelationshipUpdate::new(body)
}

#[test]
fn a_client_may_not_send_the_session_plan_and_the_refusal_names_it() {
    let (practitioner, mut client) = practitioner_and_client();
    client.session("ses-1").themes = themes(&["Delegating"]);
    let honest = client.send(&[Party::Practitioner]);
    let forged = with_field(
        &honest,
        FieldValue {
            kind: SharedKind::Session,
            id: id("ses-1"),
            field: SharedField::SessionPlan,
            value: json!({ "date": "2026-12-10", "time": "10:00", "minutes": 60, "mode": null, "purpose": "session", "status": "held", "status_note": "" }),
            sequence: 1,
        },
    );
    let refusal = practitioner.plan(&forged).unwrap_err();
    assert_eq!(refusal, Refusal::NotTheirs { role: Party::Client, field: SharedField::SessionPlan });
    assert_eq!(
        refusal.message(),
        "This update holds the date, time and status of a session, which the client may not send. Nothing was changed."
    );
}

#[test]
fn an_update_from_a_sponsor_the_engagement_does_not_have_is_refused() {
    let mut sponsor = Device::sponsor();
    sponsor.take(&Device::practitioner().send(&[Party::Sponsor]), &[]);
    let sponsor_agrees = agreement(sponsor.contract(), Party::Sponsor, "Jo Park");
    *sponsor.contract() = sponsor.contract().clone().agreed_by(sponsor_agrees).unwrap();
    let update = sponsor.send(&[Party::Client, Party::Practitioner]);

    let mut two_way = Device::practitioner();
    two_way.data.engagements[0].data.sponsor = None;
    let refusal = two_way.plan(&update).unwrap_err();
    assert_eq!(refusal, Refusal::NoSuchParty { role: Party::Sponsor });
    assert_eq!(refusal.message(), "This update says it is from the sponsor, but this engagement has no sponsor. Nothing was changed.");

    // With the sponsor: their agreement is taken, and the version is agreed by all three.
    let (mut practitioner, mut client) = practitioner_and_client();
    let client_agrees = agreement(client.contract(), Party::Client, "Ada Lovelace");
    *client.contract() = client.contract().clone().agreed_by(client_agrees).unwrap();
    practitioner.take(&client.send(&[Party::Practitioner]), &[]);
    let plan = practitioner.take(&update, &[]);
    assert_eq!(plan.summary(), "Jo Park has agreed to version 1 of the contract.");
    assert_eq!(practitioner.contract().status, ContractStatus::Agreed);
    assert_eq!(practitioner.contract().integrity_problem(&id("contract-1")), None);
}

#[test]
fn an_update_for_an_engagement_not_on_this_device_or_from_someone_else_is_refused() {
    let mut practitioner = Device::practitioner();
    let update = practitioner.send(&[Party::Client]);
    let nobody = Device::new(Party::Client, "Ada Lovelace", BackupData::default());
    let refusal = nobody.plan(&update).unwrap_err();
    assert_eq!(refusal, Refusal::NotOnThisDevice);
    assert_eq!(refusal.message(), "This update is for an engagement that is not on this device. Nothing was changed.");

    let mut body = update.body.clone();
    body.from_name = "  sam   LEE ".into();
    assert!(Device::client().plan(&RelationshipUpdate::new(body.clone())).is_ok(), "case and spaces do not count");
    body.from_name = "Sam Leeds".into();
    let refusal = Device::client().plan(&RelationshipUpdate::new(body)).unwrap_err();
    assert_eq!(
        refusal.message(),
        "This update is from Sam Leeds, but the coach or mentor in this engagement is Sam Lee. Nothing was changed."
    );
    assert_eq!(practitioner.plan(&update).unwrap_err(), Refusal::FromMyself { role: Party::Practitioner });
    assert_eq!(Device::sponsor().plan(&update).unwrap_err(), Refusal::NotForMe { role: Party::Sponsor });
}

#[test]
fn an_update_cannot_change_the_text_of_a_proposed_version() {
    let (mut practitioner, mut client) = practitioner_and_client();
    let contract = practitioner.contract();
    contract.terms.fee_per_session = Some(900);
    contract.hash = Some(contract.document(&id("contract-1"), contract.parties.as_ref().unwrap()).hash());
    contract.agreements.clear();
    let update = practitioner.send(&[Party::Client]);
    let plan = client.plan(&update).unwrap();
    assert!(plan.changes.is_empty());
    let left_out = plan.left_out().unwrap();
    assert!(left_out.starts_with("1 item was left out: 1 that would change what was agreed or approved."), "{left_out}");
    assert!(left_out.contains("Version 1 of the contract with Ada Lovelace"), "{left_out}");
    let applied = plan.apply(&[]);
    assert!(applied.records.contracts.is_empty());
    assert_eq!(client.contract().terms.fee_per_session, Some(150));
}

#[test]
fn a_damaged_truncated_foreign_or_newer_file_is_refused_with_its_own_message() {
    let text = Device::practitioner().send(&[Party::Client]).to_json();
    let damaged = text.replacen("Lead the team", "Lead the tean", 1);
    assert_ne!(damaged, text);
    let cases = [
        (damaged, UpdateError::Damaged, "This file is damaged or was changed after it was sent"),
        (text[..text.len() / 2].to_string(), UpdateError::Truncated, "This file is damaged or incomplete: it ends before it is finished."),
        (text.replace(update::FORMAT, "accord-backup"), UpdateError::NotAnUpdate, "This is not a relationship update from Accord."),
        (text.replacen("\"version\": 1", "\"version\": 2", 1), UpdateError::NewerVersion, "This update was made by a newer version"),
        ("not json".to_string(), UpdateError::Unreadable, "This file could not be read"),
    ];
    for (text, error, words) in cases {
        let refused = RelationshipUpdate::read(&text).unwrap_err();
        assert_eq!(refused, error);
        let message = refused.message();
        assert!(message.starts_with(words) && message.ends_with("Nothing was changed."), "{message}");
    }
    let large = " ".repeat(update::MAX_UPDATE_BYTES as usize + 1);
    assert_eq!(RelationshipUpdate::read(&large).unwrap_err(), UpdateError::TooLarge { bytes: update::MAX_UPDATE_BYTES + 1 });
}

#[test]
fn a_check_in_needs_a_date_an_outcome_and_a_short_note() {
    let form = CheckInForm { on: "2026-12-12".into(), outcome: "partly".into(), note: " Two of three ".into() };
    let check_in = CheckIn::try_from(&form).unwrap();
    assert_eq!(check_in, CheckIn { on: day("2026-12-12"), outcome: CheckInOutcome::Partly, note: "Two of three".into() });
    let item = action("a1", "Delegate").with_check_in(check_in.clone());
    assert_eq!(item.latest_check_in(), Some(&check_in));

    let bad = CheckInForm { on: "12/12".into(), outcome: "maybe".into(), note: "x".repeat(1_001) };
    let errors = CheckIn::try_from(&bad).unwrap_err();
    assert_eq!(errors.message_for(Field::CheckInDate).unwrap(), "Enter the date as a date, such as 2027-03-31.");
    assert_eq!(errors.message_for(Field::CheckInOutcome).unwrap(), "Choose done, partly or not yet.");
    assert_eq!(errors.message_for(Field::CheckInNote).unwrap(), "The note is 1001 characters long. Keep it to 1000 characters or fewer.");
    let empty = CheckIn::try_from(&CheckInForm::default()).unwrap_err();
    assert_eq!(empty.message_for(Field::CheckInDate).unwrap(), "Enter the date of the check-in.");
    // Stored as before: an item without check-ins does not name them.
    assert!(serde_json::to_value(action("a1", "Delegate")).unwrap().get("check_ins").is_none());
}

#[test]
fn a_check_in_outcome_is_stored_by_its_value() {
    use CheckInOutcome as O;
    crate::domain::choice::assert_values(O::ALL, &[(O::Done, "done"), (O::Partly, "partly"), (O::NotYet, "not_yet")], O::as_str, O::parse);
}

#[test]
fn the_ledger_reads_back_as_it_was_kept() {
    let (practitioner, _) = practitioner_and_client();
    let text = serde_json::to_string(&practitioner.ledger).unwrap();
    let back: Ledger = serde_json::from_str(&text).unwrap();
    assert_eq!(back, practitioner.ledger);
    assert_eq!(back.next_sequence, 2);
    assert!(back.knows(Party::Client, &RecordRef { kind: SharedKind::Session, id: id("ses-1") }));
}

/// A value as the browser's database gives it back: whole numbers kept as `1.0` come back as `1`.
fn as_the_browser_keeps_it(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15) {
                *value = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(as_the_browser_keeps_it),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(as_the_browser_keeps_it),
        _ => {}
    }
}

#[test]
fn a_ledger_kept_in_the_browser_has_nothing_new_to_send_after_an_update() {
    let mut practitioner = Device::practitioner();
    let _ = practitioner.send(&[Party::Client]);
    let mut kept = serde_json::to_value(&practitioner.ledger).unwrap();
    as_the_browser_keeps_it(&mut kept);
    let kept: Ledger = serde_json::from_value(kept).unwrap();
    assert_ne!(kept, practitioner.ledger, "a goal's weight of 1.0 came back as 1");
    assert!(
        outgoing(Party::Practitioner, "Sam Lee", &[Party::Client], &practitioner.data, &kept, Timestamp(9)).is_none(),
        "the same values, however their numbers are written, are nothing new"
    );
    assert!(super::fields::same(&serde_json::json!({"w": 1.0, "l": [2.5]}), &serde_json::json!({"w": 1, "l": [2.5]})));
    assert!(!super::fields::same(&serde_json::json!({"w": 1.5}), &serde_json::json!({"w": 1})));
    assert!(!super::fields::same(&serde_json::json!({"w": 1}), &serde_json::json!({"w": 1, "x": null})));
}

/// The wheel of life and questionnaires travelling between the client's and the
/// practitioner's copies (never the sponsor's).
mod assessments {
    use super::*;
    use crate::domain::assessment::{templates, Answers, AnswersForm, Areas, ClientQuestionnaire, LifeWheel, Wheel, WheelForm, WheelRound};
    use crate::domain::goal::ReviewPoint;

    const WHEEL_ID: &str = ENGAGEMENT;

    fn wheel(areas: &[&str]) -> LifeWheel {
        let areas = Areas::try_from(&WheelForm { areas: areas.iter().map(|a| a.to_string()).collect() }).unwrap();
        LifeWheel { engagement_id: id(ENGAGEMENT), wheel: Wheel::new(areas) }
    }

    fn round(point: ReviewPoint, on: &str, scores: &[u8]) -> WheelRound {
        WheelRound { point, taken_on: day(on), scores: scores.to_vec() }
    }

    impl Device {
        fn wheel(&mut self) -> &mut Wheel {
            &mut self.data.wheels.iter_mut().find(|r| r.id == id(WHEEL_ID)).expect("the wheel").data.wheel
        }

        fn questionnaire(&mut self, at: &str) -> &mut ClientQuestionnaire {
            &mut self.data.questionnaires.iter_mut().find(|r| r.id == id(at)).expect("the questionnaire").data
        }
    }

    /// The intake questionnaire answered at baseline: every required question, the rest blank.
    fn intake_answers(q: &ClientQuestionnaire) -> Answers {
        let answers = q
            .questionnaire
            .items
            .iter()
            .map(|item| match (&item.kind, item.required) {
                (crate::domain::assessment::ItemKind::Rating { .. }, _) => "7".to_string(),
                (_, true) => "A new role and a new team.".to_string(),
                (_, false) => String::new(),
            })
            .collect();
        AnswersForm { point: ReviewPoint::Baseline, taken_on: "2026-12-05".into(), answers }
            .validate(&q.questionnaire)
            .expect("valid answers")
    }

    #[test]
    fn the_wheel_is_joint_the_questions_the_practitioners_and_the_answers_the_clients() {
        use SharedField as F;
        assert_eq!(F::WheelAreas.share(), Share::Joint);
        assert_eq!(F::WheelRounds.share(), Share::Joint);
        assert_eq!(F::QuestionnaireWording.share(), Share::Owned(Party::Practitioner));
        assert_eq!(F::QuestionnaireAnswers.share(), Share::Owned(Party::Client));
        for field in [F::WheelAreas, F::WheelRounds, F::QuestionnaireWording, F::QuestionnaireAnswers] {
            assert!(!may_receive(Party::Sponsor, &field), "{field:?} is never the sponsor's");
            assert!(!may_send(Party::Sponsor, &field));
        }
        assert!(may_add(Party::Client, SharedKind::Wheel) && may_add(Party::Practitioner, SharedKind::Wheel));
        assert!(!may_add(Party::Sponsor, SharedKind::Wheel));
        assert!(may_add(Party::Practitioner, SharedKind::Questionnaire) && !may_add(Party::Client, SharedKind::Questionnaire));
    }

    #[test]
    fn a_questionnaire_goes_to_the_client_and_her_answers_come_back() {
        let (mut practitioner, mut client) = practitioner_and_client();
        let given = ClientQuestionnaire::new(id(ENGAGEMENT), templates::intake());
        practitioner.data.questionnaires.push(record("q-intake", given));

        let plan = client.take(&practitioner.send(&[Party::Client]), &[]);
        assert_eq!(plan.summary(), "Sam Lee has sent 1 questionnaire.");
        assert_eq!(client.questionnaire("q-intake").questionnaire.title, "Before we start");
        assert!(client.questionnaire("q-intake").rounds.is_empty());

        let answers = intake_answers(client.questionnaire("q-intake"));
        client.questionnaire("q-intake").take_answers(answers.clone()).unwrap();
        let back = client.send(&[Party::Practitioner]);
        let fields: Vec<&SharedField> = back.body.fields.iter().map(|f| &f.field).collect();
        assert_eq!(fields, [&SharedField::QuestionnaireAnswers], "the client sends her answers, never the questions");
        let plan = practitioner.take(&back, &[]);
        assert_eq!(plan.summary(), "Ada Lovelace has answered 1 questionnaire.");
        assert_eq!(practitioner.questionnaire("q-intake").answers_at(ReviewPoint::Baseline), Some(&answers));
    }

    #[test]
    fn answers_typed_on_the_practitioners_copy_never_travel_as_the_clients() {
        let (mut practitioner, mut client) = practitioner_and_client();
        practitioner.data.questionnaires.push(record("q-intake", ClientQuestionnaire::new(id(ENGAGEMENT), templates::intake())));
        client.take(&practitioner.send(&[Party::Client]), &[]);
        let answers = intake_answers(practitioner.questionnaire("q-intake"));
        practitioner.questionnaire("q-intake").take_answers(answers).unwrap();
        assert!(
            outgoing(Party::Practitioner, "Sam Lee", &[Party::Client], &practitioner.data, &practitioner.ledger, Timestamp(9)).is_none(),
            "the answers are the client's to send"
        );
    }

    #[test]
    fn a_sponsor_never_receives_the_wheel_or_a_questionnaire() {
        let mut practitioner = Device::practitioner();
        let mut scored = wheel(&["Health", "Work", "Money"]);
        scored.wheel.take_round(round(ReviewPoint::Baseline, "2026-12-02", &[4, 6, 5])).unwrap();
        practitioner.data.wheels.push(record(WHEEL_ID, scored));
        practitioner.data.questionnaires.push(record("q-intake", ClientQuestionnaire::new(id(ENGAGEMENT), templates::intake())));
        let update = practitioner.send(&[Party::Sponsor]);
        assert!(update.body.fields.iter().all(|f| !matches!(f.kind, SharedKind::Wheel | SharedKind::Questionnaire)));
        assert!(update.body.records.iter().all(|r| !matches!(r.kind, SharedKind::Wheel | SharedKind::Questionnaire)));
        let to_client = practitioner.send(&[Party::Client]);
        assert!(to_client.body.records.iter().any(|r| r.kind == SharedKind::Wheel), "the client has it");
    }

    #[test]
    fn a_wheel_started_and_scored_by_the_client_arrives_and_rounds_from_each_side_add_up() {
        let (mut practitioner, mut client) = practitioner_and_client();
        let mut started = wheel(&["Health", "Work", "Money"]);
        started.wheel.take_round(round(ReviewPoint::Baseline, "2026-12-02", &[4, 6, 5])).unwrap();
        client.data.wheels.push(record(WHEEL_ID, started));

        let plan = practitioner.take(&client.send(&[Party::Practitioner]), &[]);
        assert_eq!(plan.summary(), "Ada Lovelace has started the wheel of life.");
        assert_eq!(practitioner.wheel().rounds().len(), 1);

        // Scored again together at the mid-point, on the practitioner's copy.
        practitioner.wheel().take_round(round(ReviewPoint::MidPoint, "2027-02-01", &[6, 7, 5])).unwrap();
        let plan = client.take(&practitioner.send(&[Party::Client]), &[]);
        assert_eq!(plan.summary(), "Sam Lee has scored the wheel of life.");
        assert_eq!(client.wheel().rounds().iter().map(|r| r.point).collect::<Vec<_>>(), [ReviewPoint::Baseline, ReviewPoint::MidPoint]);
    }

    #[test]
    fn the_wheel_scored_on_both_sides_is_a_conflict_and_areas_that_no_longer_fit_are_refused() {
        let (mut practitioner, mut client) = practitioner_and_client();
        practitioner.data.wheels.push(record(WHEEL_ID, wheel(&["Health", "Work", "Money"])));
        client.take(&practitioner.send(&[Party::Client]), &[]);

        client.wheel().take_round(round(ReviewPoint::Baseline, "2026-12-02", &[4, 6, 5])).unwrap();
        practitioner.wheel().take_round(round(ReviewPoint::Baseline, "2026-12-03", &[5, 5, 5])).unwrap();
        let plan = practitioner.plan(&client.send(&[Party::Practitioner])).unwrap();
        assert_eq!(plan.conflicts().len(), 1);
        assert_eq!(plan.conflicts()[0].label, "The scores of the wheel of life");
        let applied = plan.apply(&[Resolution::TakeTheirs]);
        assert_eq!(applied.records.wheels[0].data.wheel.rounds()[0].scores, [4, 6, 5]);

        // The practitioner adds an area on her copy while the client scores on hers: areas of
        // four do not fit rounds of three, so nothing of the wheel is taken.
        let (mut practitioner, mut client) = practitioner_and_client();
        practitioner.data.wheels.push(record(WHEEL_ID, wheel(&["Health", "Work", "Money"])));
        client.take(&practitioner.send(&[Party::Client]), &[]);
        client.wheel().take_round(round(ReviewPoint::Baseline, "2026-12-02", &[4, 6, 5])).unwrap();
        let four = wheel(&["Health", "Work", "Money", "Friends"]);
        practitioner.wheel().change_areas(Areas::try_from(&WheelForm::from_wheel(&four.wheel)).unwrap()).unwrap();
        let plan = client.take(&practitioner.send(&[Party::Client]), &[]);
        assert!(plan.changes.is_empty() && plan.conflicts().is_empty());
        let left_out = plan.left_out().expect("the areas are left out").to_string();
        assert!(left_out.contains("The wheel of life's areas were changed on one side while it was scored on the other"), "{left_out}");
        assert_eq!((client.wheel().areas().len(), client.wheel().rounds().len()), (3, 1), "her wheel stays as it was");
    }

    #[test]
    fn questions_changed_after_they_were_answered_are_refused_and_said_so() {
        let (mut practitioner, mut client) = practitioner_and_client();
        practitioner.data.questionnaires.push(record("q-intake", ClientQuestionnaire::new(id(ENGAGEMENT), templates::intake())));
        client.take(&practitioner.send(&[Party::Client]), &[]);
        let answers = intake_answers(client.questionnaire("q-intake"));
        client.questionnaire("q-intake").take_answers(answers).unwrap();

        // Meanwhile the practitioner drops a question (on her copy nothing is answered yet).
        let mut shorter = templates::intake();
        shorter.items.pop();
        practitioner.questionnaire("q-intake").change_questions(shorter).unwrap();

        let plan = client.take(&practitioner.send(&[Party::Client]), &[]);
        assert!(plan.changes.is_empty());
        let left_out = plan.left_out().expect("the changed questions are left out").to_string();
        assert!(
            left_out.contains("The questionnaire “Before we start” was changed on one side after it was answered on the other"),
            "{left_out}"
        );
        assert_eq!(client.questionnaire("q-intake").questionnaire, templates::intake(), "her questions and answers stay");

        let plan = practitioner.take(&client.send(&[Party::Practitioner]), &[]);
        assert!(plan.changes.is_empty(), "her answers do not fit the shorter questions either");
        assert!(practitioner.questionnaire("q-intake").rounds.is_empty());
    }
}

/// Each sender's key: remembered the first time, the same one again taken quietly, another
/// one named with both fingerprints until the person accepts it.
mod keys {
    use super::*;
    use crate::domain::relationship::plan_signed;
    use crate::domain::signing::{KeyAlgorithm, PublicKey, Unverified};

    fn key(byte: u8) -> PublicKey {
        PublicKey { algorithm: KeyAlgorithm::Ed25519, spki: vec![byte; 44] }
    }

    #[test]
    fn the_first_key_is_remembered_and_another_one_later_must_be_accepted() {
        let mut practitioner = Device::practitioner();
        let mut client = Device::client();
        let first = practitioner.send(&[Party::Client]);
        let plan = client.plan(&first).unwrap().signed_by(key(1));
        assert_eq!(plan.signer.as_ref().map(|s| (&s.key, s.replaces.is_none())), Some((&key(1), true)));
        assert_eq!(plan.key_problem(), None, "the first key seen is taken");
        client.write(plan, &[]);
        assert_eq!(client.ledger.key_of(Party::Practitioner), Some(&key(1)));

        practitioner.session("ses-2").notes.shared = "Bring the survey results".into();
        let second = practitioner.send(&[Party::Client]);
        assert_eq!(client.plan(&second).unwrap().signed_by(key(1)).key_problem(), None, "the same key again");

        let plan = client.plan(&second).unwrap().signed_by(key(2));
        let problem = plan.key_problem().expect("another key is named");
        assert_eq!(problem, Unverified::OtherKey { name: "Sam Lee".into(), known: key(1).fingerprint(), now: key(2).fingerprint() });
        assert_eq!(client.ledger.key_of(Party::Practitioner), Some(&key(1)), "nothing kept while it is only planned");
        let plan = plan.accept_new_key();
        assert_eq!(plan.key_problem(), None, "accepted");
        let ledger = plan.apply(&[]).ledger;
        assert_eq!(ledger.key_of(Party::Practitioner), Some(&key(2)), "once accepted, the new key is the one known");
        let travelled: Ledger = serde_json::from_str(&serde_json::to_string(&ledger).unwrap()).unwrap();
        assert_eq!(travelled.key_of(Party::Practitioner), Some(&key(2)), "the ledger keeps the key");
    }

    #[test]
    fn a_sender_on_a_new_device_counts_from_one_again_and_is_not_taken_for_a_repeat() {
        let (_, mut client) = practitioner_and_client();
        let mut coach = Device::practitioner();
        // The coach writes to the client from her first device twice; the client knows key 1.
        let first = coach.send(&[Party::Client]);
        let plan = plan_signed(&first, key(1), client.me, &client.data, &client.ledger);
        assert!(matches!(plan, Err(Refusal::AlreadyApplied)), "the same key, the same sequence: a repeat");
        client.ledger.remember_key(Party::Practitioner, key(1));

        // Her restored copy has the records but no ledger: its first update is number 1 again.
        let mut restored = Device { ledger: Ledger::new(id(ENGAGEMENT)), ..coach.clone() };
        restored.session("ses-2").notes.shared = "Bring the survey results".into();
        let again = restored.send(&[Party::Client]);
        assert_eq!(again.body.sequence, 1);
        let plan = plan_signed(&again, key(2), client.me, &client.data, &client.ledger).expect("read as the new device's first");
        assert!(plan.key_problem().is_some(), "but only once the new key is accepted");
        let plan = client.write(plan.accept_new_key(), &[]);
        assert!(plan.summary().to_string().contains("notes of 1 session"), "{}", plan.summary());
        assert_eq!(client.ledger.key_of(Party::Practitioner), Some(&key(2)));
        assert!(matches!(plan_signed(&again, key(2), client.me, &client.data, &client.ledger), Err(Refusal::AlreadyApplied)));
    }

    #[test]
    fn the_approvals_and_agreements_an_update_brings_are_listed_for_their_signatures_to_be_checked() {
        let (mut practitioner, mut client) = practitioner_and_client();
        let report = &mut client.data.reports.iter_mut().find(|r| r.id == id("report-1")).unwrap().data;
        *report = report.approved("Ada Lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        let agreement = agreement(&client.data.contracts[0].data, Party::Client, "Ada Lovelace");
        client.contract().agreements.push(agreement.clone());
        let update = client.send(&[Party::Practitioner]);
        let approvals = update.new_approvals(&practitioner.data.reports);
        assert_eq!(approvals.iter().map(|(id, a)| (id.as_str(), a.by.as_str())).collect::<Vec<_>>(), [("report-1", "Ada Lovelace")]);
        assert_eq!(update.new_agreements(&practitioner.data.contracts), [(1, agreement)]);
        practitioner.take(&update, &[]);
        assert!(update.new_approvals(&practitioner.data.reports).is_empty(), "held now: nothing new to check");
        assert!(update.new_agreements(&practitioner.data.contracts).is_empty());
    }

    #[test]
    fn an_update_signs_its_body_so_any_change_to_it_changes_what_is_signed() {
        let mut practitioner = Device::practitioner();
        let update = practitioner.send(&[Party::Client]);
        let input = update.signing_input();
        assert!(input.starts_with(b"accord-signature/1\nrelationship-update\n{"), "{}", String::from_utf8_lossy(&input[..40]));
        let mut changed = update.clone();
        changed.body.from_name = "Sam Le".into();
        assert_ne!(changed.signing_input(), input);
        let mut signed = update.clone();
        signed.signature = Some(crate::domain::signing::Signature::new(&key(1), &[5; 64]));
        let read = RelationshipUpdate::read(&signed.to_json()).unwrap();
        assert_eq!(read.signature, signed.signature, "the signature travels with the file");
        assert_eq!(read.signing_input(), input, "and what it signs reads back the same");
        let compact = signed.to_compact_json();
        assert!(compact.len() < signed.to_json().len() && !compact.contains('\n'), "a link carries it without spaces");
        assert_eq!(RelationshipUpdate::read(&compact).unwrap(), read, "and it reads back the same");
    }
}
