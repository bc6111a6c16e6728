//! Helpers shared by the browser test suites (each `tests/*.rs` is its own crate and
//! takes what it needs with `mod common;`).
#![allow(dead_code)]

use accord::domain::{Engagement, EngagementForm};

/// A checked coaching engagement with `client`, by practitioner Sam Lee.
pub fn engagement(client: &str) -> Engagement {
    Engagement::try_from(EngagementForm {
        client_name: client.into(),
        practitioner_name: "Sam Lee".into(),
        kind: "coaching".into(),
        title: String::new(),
        ..EngagementForm::default()
    })
    .unwrap()
}

/// Every value in every object store of the IndexedDB database `name`, as JSON text: what
/// anyone reading the browser's files would see.
pub async fn raw_dump(name: &str) -> String {
    use indexed_db_futures::prelude::*;
    let db = indexed_db_futures::database::Database::open(name).await.unwrap();
    let names: Vec<String> = db.object_store_names().collect();
    let mut dump = String::new();
    for store_name in names {
        let tx = db.transaction(store_name.as_str()).build().unwrap();
        let store = tx.object_store(store_name.as_str()).unwrap();
        for value in store.get_all::<wasm_bindgen::JsValue>().primitive().unwrap().await.unwrap() {
            dump.push_str(&String::from(js_sys::JSON::stringify(&value.unwrap()).unwrap()));
            dump.push('\n');
        }
    }
    db.close();
    dump
}

/// An agreed one-to-one contract for `engagement` (whose client is `client`, with Sam Lee),
/// started from the first built-in template, completed, proposed and agreed by both.
pub async fn agreed_contract(
    store: &accord::store::Store,
    engagement: &accord::domain::Record<Engagement>,
) -> accord::domain::Record<accord::domain::contract::Contract> {
    use accord::domain::contract::Party;
    let client = engagement.data.client.as_str().to_string();
    let start = accord::domain::date::Date::parse("2026-12-01").unwrap();
    agreed_contract_with(store, engagement, start, |_| {}, &[(Party::Client, client.as_str()), (Party::Practitioner, "Sam Lee")]).await
}

/// Like [`agreed_contract`], starting on `start`, with `change` made to the completed form
/// and agreed by `parties` (each with the name they type).
pub async fn agreed_contract_with(
    store: &accord::store::Store,
    engagement: &accord::domain::Record<Engagement>,
    start: accord::domain::date::Date,
    change: impl FnOnce(&mut accord::domain::contract::form::ContractForm),
    parties: &[(accord::domain::contract::Party, &str)],
) -> accord::domain::Record<accord::domain::contract::Contract> {
    use accord::domain::contract::form::{ContractDraft, ContractForm, GoalForm};
    use accord::domain::contract::templates::built_in;
    use accord::domain::contract::Agreement;
    use accord::domain::Timestamp;
    let draft = store.start_contract(&engagement.id, &built_in()[0], start).await.unwrap();
    let mut form = ContractForm::from_contract(&draft.data.terms, &draft.data.clauses);
    form.goals = vec![GoalForm { description: "Lead the team".into(), success_measure: "Survey ≥ 4".into() }];
    form.fee_per_session = "350".into();
    form.coaching_type = "leadership".into();
    form.payer = "client".into();
    change(&mut form);
    let proposed = store.propose_contract(&draft.id, draft.revision, ContractDraft::try_from(form).unwrap()).await.unwrap();
    let mut agreed = None;
    for (party, name) in parties {
        let agreement = Agreement {
            party: *party,
            typed_name: name.to_string(),
            acknowledged_confidentiality_limits: true,
            acknowledged_sponsor_reporting: true,
            agreed_at: Timestamp(1),
            contract_hash: proposed.data.hash.clone().unwrap(),
            signature: None,
        };
        agreed = Some(store.agree_contract(&proposed.id, agreement).await.unwrap());
    }
    agreed.expect("at least one party agrees")
}

/// An engagement with `marker` in every field a person can write: the client's name, title
/// and sponsor; an agreed contract (its goal, and notes kept for `retention_months`); a goal
/// with an action; a held session with themes, agenda, agreement, GROW, every note layer,
/// reflection, feedback and an action, and a session deleted since; a journey with a pause,
/// a signpost and (when `ended` is set) an ending with a summary; a sponsor update; and
/// unsaved text kept for the session. Dates count back from the clock the test runs under.
pub async fn marked_engagement(
    store: &accord::store::Store,
    marker: &str,
    ended_days_ago: Option<i64>,
    retention_months: &str,
) -> accord::domain::Record<Engagement> {
    use accord::domain::contract::form::GoalForm;
    use accord::domain::contract::Party;
    use accord::domain::goal::{Goal, GoalItem, ItemKind, ItemStatus};
    use accord::domain::report::SponsorReport;
    use accord::domain::session::journey::{Ending, EndingOutcome, Journey, Pause, Signpost, SignpostKind};
    use accord::domain::session::{AgendaItem, ClockTime, Feedback, Grow, Notes, Purpose, Session, SessionAgreement, Status, Theme};
    use accord::domain::Timestamp;
    use accord::store::UnsavedText;
    let today = accord::platform::clock::today();
    let m = |what: &str| format!("{marker} {what}");
    let engagement = store
        .create_engagement(
            Engagement::try_from(EngagementForm {
                client_name: m("Client"),
                practitioner_name: "Sam Lee".into(),
                kind: "coaching".into(),
                title: m("title"),
                sponsor_organisation: m("Org"),
                sponsor_contact: m("Contact"),
                client_contact: m("contact@example.org"),
                ..EngagementForm::default()
            })
            .unwrap(),
        )
        .await
        .unwrap();
    let eid = engagement.id.clone();
    agreed_contract_with(
        store,
        &engagement,
        today.add_days(-120),
        |form| {
            form.goals = vec![GoalForm { description: m("contract goal"), success_measure: m("measure") }];
            form.notes_retention_months = retention_months.into();
        },
        &[(Party::Client, &m("Client")), (Party::Sponsor, &m("Contact")), (Party::Practitioner, "Sam Lee")],
    )
    .await;
    let action = |title: String| GoalItem {
        id: title.clone(),
        kind: ItemKind::Action,
        title,
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
    };
    let mut goal = Goal::new(eid.clone(), m("goal"));
    goal.why_it_matters = m("why");
    goal.items.push(action(m("goal action")));
    store.create_goal(goal).await.unwrap();
    let mut session = Session::planned(eid.clone(), today.add_days(-100), ClockTime::default(), 60, Purpose::Session);
    session.status = Status::Held;
    session.status_note = m("status note");
    session.themes = vec![Theme { id: "t".into(), what: m("theme"), why_now: m("why now"), leave_with: m("leave with") }];
    session.agenda = vec![AgendaItem { id: "a".into(), text: m("agenda"), theme_id: None }];
    session.agreement = SessionAgreement { want: m("want"), how_know: m("how know") };
    session.grow = Grow { goal: m("g"), reality: m("r"), options: m("o"), will: m("w") };
    session.notes = Notes { practitioner_private: m("practitioner private"), client_private: m("client private"), shared: m("shared") };
    session.reflection = m("reflection");
    session.feedback = Some(Feedback { score: 4, comment: m("feedback") });
    session.actions = vec![action(m("session action"))];
    let held = store.create_session(session.clone()).await.unwrap();
    let gone = store.create_session(Session { date: today.add_days(-90), ..session }).await.unwrap();
    store.delete_session(&gone.id).await.unwrap();
    store
        .keep_unsaved_text(
            &format!("session:{}", held.id),
            "notes.shared",
            Some(UnsavedText { text: m("unsaved"), base: String::new(), at: Timestamp(5) }),
        )
        .await
        .unwrap();
    let mut journey = Journey::new(eid.clone());
    journey.pauses = vec![Pause { from: today.add_days(-95), until: Some(today.add_days(-94)), reason: m("pause") }];
    journey.signposts = vec![Signpost {
        id: "s".into(),
        kind: SignpostKind::Reading,
        title: m("book"),
        detail: m("detail"),
        goal_id: None,
        suggested_on: today.add_days(-99),
        followed_up: false,
        useful: None,
    }];
    journey.ending =
        ended_days_ago.map(|days| Ending { on: today.add_days(-days), outcome: EndingOutcome::Completed, summary: m("summary") });
    store.save_journey(None, journey).await.unwrap();
    store.create_report(SponsorReport::new(eid, today.add_days(-80), m("report"))).await.unwrap();
    engagement
}
