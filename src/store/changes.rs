//! Change markers: every record write also writes one (`sync_changes`: the document id and
//! the next number of this device's change sequence, kept in `meta`) in the same
//! transaction, so the replicator finds every change since its last push, an edit made
//! offline simply waits, and the backup reminder counts changes without reading records.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use serde_json::json;
use wasm_bindgen::JsValue;

use super::js::to_js;
use super::{schema, StoreError};

/// The `meta` key of the change sequence reached.
const CHANGE_SEQ_KEY: &str = "sync_seq";

/// A fact in `meta`: a key and its value.
#[derive(Serialize, Deserialize)]
pub(super) struct Fact<T> {
    pub(super) key: String,
    pub(super) value: T,
}

/// The local change sequence number last given out (in the write transaction).
pub(super) async fn read_change_seq(tx: &Transaction<'_>) -> Result<u64, StoreError> {
    let fact: Option<JsValue> = tx.object_store(schema::META)?.get(CHANGE_SEQ_KEY).primitive()?.await?;
    Ok(fact.and_then(|f| js_sys::Reflect::get(&f, &"value".into()).ok()).and_then(|v| v.as_f64()).map_or(0, |v| v as u64))
}

pub(super) fn write_change_seq(tx: &Transaction<'_>, seq: u64) -> Result<(), StoreError> {
    let _request = tx.object_store(schema::META)?.put(to_js(&Fact { key: CHANGE_SEQ_KEY.into(), value: seq })?).primitive()?;
    Ok(())
}

/// Notes that a record was written, as change `seq`.
pub(super) fn mark_changed(tx: &Transaction<'_>, store: &str, id: &str, seq: u64) -> Result<(), StoreError> {
    let marker = json!({ "doc_id": format!("{store}:{id}"), "seq": seq });
    let _request = tx.object_store(schema::SYNC_CHANGES)?.put(to_js(&marker)?).primitive()?;
    Ok(())
}
