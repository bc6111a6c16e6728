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
