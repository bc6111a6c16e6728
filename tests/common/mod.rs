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
    use accord::domain::contract::form::{ContractDraft, ContractForm, GoalForm};
    use accord::domain::contract::templates::built_in;
    use accord::domain::contract::{Agreement, Party};
    use accord::domain::date::Date;
    use accord::domain::Timestamp;
    let draft = store.start_contract(&engagement.id, &built_in()[0], Date::parse("2026-12-01").unwrap()).await.unwrap();
    let mut form = ContractForm::from_contract(&draft.data.terms, &draft.data.clauses);
    form.goals = vec![GoalForm { description: "Lead the team".into(), success_measure: "Survey ≥ 4".into() }];
    form.fee_per_session = "350".into();
    form.coaching_type = "leadership".into();
    form.payer = "client".into();
    let proposed = store.propose_contract(&draft.id, draft.revision, ContractDraft::try_from(form).unwrap()).await.unwrap();
    let agree = |party, name: &str| Agreement {
        party,
        typed_name: name.into(),
        acknowledged_confidentiality_limits: true,
        acknowledged_sponsor_reporting: true,
        agreed_at: Timestamp(1),
        contract_hash: proposed.data.hash.clone().unwrap(),
    };
    store.agree_contract(&proposed.id, agree(Party::Client, engagement.data.client.as_str())).await.unwrap();
    store.agree_contract(&proposed.id, agree(Party::Practitioner, "Sam Lee")).await.unwrap()
}
