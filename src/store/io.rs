//! How records go in and out of IndexedDB, in plain form or sealed.
//!
//! Every command reads through [`Store::read`], [`Store::read_all`] or [`Store::live`]
//! and writes through [`Store::prepare`] + [`Store::apply`]. With passphrase protection
//! on ([`Codec::Sealed`]) a record is stored as an [`Envelope`]: id, revision, timestamps,
//! deleted flag and (for stores indexed by engagement) the engagement's id stay readable
//! so indexes, merges and revision checks work; everything else is one AES-GCM
//! [`SealedBox`] bound to its store and id.
//!
//! Sealing is asynchronous (WebCrypto) and an IndexedDB transaction closes when it waits
//! on anything else, so a change is made in two steps: read, then compute and seal the
//! new records, then one strict read-write transaction that checks each record is still
//! as it was read ([`Expect`]) and writes them all, or refuses with
//! [`StoreError::ChangedElsewhere`] and writes nothing.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::prelude::*;
use js_sys::Reflect;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{commit, schema, Store, StoreError};
use crate::domain::vault::{record_aad, SealedBox};
use crate::domain::{Record, RecordId, Timestamp};
use crate::platform::crypto::{self, Key};

/// How this connection reads and writes records.
#[derive(Clone, Debug, Default)]
pub(crate) enum Codec {
    /// No passphrase set: records are stored as they are.
    #[default]
    Plain,
    /// A passphrase is set and not yet entered: sealed records cannot be read.
    Locked,
    /// Unlocked: records are sealed with `key`; `check` is the header's check box
    /// ciphertext it was opened with, so a write notices if the passphrase was changed
    /// in another tab since.
    Sealed { key: Key, check: String },
}

pub(crate) type SharedCodec = Rc<RefCell<Codec>>;

/// A sealed record as IndexedDB holds it.
#[derive(Serialize, Deserialize)]
struct Envelope {
    id: RecordId,
    revision: u32,
    created_at: Timestamp,
    updated_at: Timestamp,
    deleted: bool,
    /// Only the keys the store's indexes need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data: Option<IndexKeys>,
    sealed: SealedBox,
}

#[derive(Serialize, Deserialize)]
struct IndexKeys {
    engagement_id: RecordId,
}

/// What a write expects to find, checked in the write transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expect {
    /// No record with this id yet.
    Absent,
    /// The record still at this revision.
    At(u32),
    /// Whatever is there (imports decided with the person beforehand).
    Any,
}

/// One prepared write (`value` `None` deletes).
pub(super) struct Put {
    store: &'static str,
    id: String,
    expect: Expect,
    value: Option<JsValue>,
}

impl Put {
    pub(super) fn new(store: &'static str, id: &str, expect: Expect, value: Option<JsValue>) -> Put {
        Put { store, id: id.to_string(), expect, value }
    }

    /// Whether this write is to `id` in `store`.
    pub(super) fn is_for(&self, store: &str, id: &str) -> bool {
        self.store == store && self.id == id
    }
}

pub(super) use super::js::{from_js, to_js};

fn revision_of(value: &JsValue) -> Option<u32> {
    Reflect::get(value, &"revision".into()).ok().and_then(|r| r.as_f64()).map(|r| r as u32)
}

fn is_sealed(value: &JsValue) -> bool {
    value.is_object() && Reflect::has(value, &"sealed".into()).unwrap_or(false)
}

impl Store {
    pub(super) fn codec(&self) -> Codec {
        self.codec.borrow().clone()
    }

    pub(super) fn set_codec(&self, codec: Codec) {
        *self.codec.borrow_mut() = codec;
    }

    /// Prepares records of one store for [`Store::apply`], sealing them if protection is on.
    pub(super) async fn prepare<T: Serialize>(
        &self,
        store: &'static str,
        records: &[(&Record<T>, Expect)],
    ) -> Result<Vec<Put>, StoreError> {
        self.prepare_with(&self.codec(), store, records).await
    }

    pub(super) async fn prepare_with<T: Serialize>(
        &self,
        codec: &Codec,
        store: &'static str,
        records: &[(&Record<T>, Expect)],
    ) -> Result<Vec<Put>, StoreError> {
        match codec {
            Codec::Plain => {
                records.iter().map(|(record, expect)| Ok(Put::new(store, record.id.as_str(), *expect, Some(to_js(record)?)))).collect()
            }
            Codec::Locked => Err(StoreError::Locked),
            Codec::Sealed { key, .. } => seal_records(key, store, records).await,
        }
    }

    /// Writes prepared records in one strict transaction, after checking each is still as
    /// expected; otherwise writes nothing and answers [`StoreError::ChangedElsewhere`].
    /// `progress(done, total)` is told as records are written.
    pub(super) async fn apply(&self, puts: Vec<Put>, progress: &dyn Fn(usize, usize)) -> Result<(), StoreError> {
        self.apply_as(&self.codec(), puts, progress).await
    }

    /// Like [`Store::apply`], for records prepared with `codec`: the same transaction
    /// checks the protection header still matches `codec` (another tab may have turned
    /// protection on or off, or changed the passphrase), so nothing is ever written in
    /// the wrong form.
    pub(super) async fn apply_as(&self, codec: &Codec, puts: Vec<Put>, progress: &dyn Fn(usize, usize)) -> Result<(), StoreError> {
        if puts.is_empty() {
            return Ok(());
        }
        // Every record write also leaves a change marker for sync, in the same transaction,
        // so no change is ever missed and offline edits simply wait for the next push.
        let marks_changes = puts.iter().any(|p| schema::RECORD_STORES.contains(&p.store));
        let mut names: Vec<&'static str> = puts.iter().map(|p| p.store).chain([schema::META]).collect();
        if marks_changes {
            names.push(schema::SYNC_CHANGES);
        }
        names.sort_unstable();
        names.dedup();
        let tx = self.write(names.as_slice())?;
        let header: Option<JsValue> = tx.object_store(schema::META)?.get(schema::VAULT_KEY).primitive()?.await?;
        let header_check = header.as_ref().and_then(|h| {
            let check = Reflect::get(&Reflect::get(h, &"header".into()).ok()?, &"check".into()).ok()?;
            Reflect::get(&check, &"ct".into()).ok()?.as_string()
        });
        let matches = match codec {
            Codec::Plain => header.is_none(),
            Codec::Locked => false,
            Codec::Sealed { check, .. } => header_check.as_deref() == Some(check.as_str()),
        };
        if !matches {
            return Err(StoreError::ProtectionChanged);
        }
        let mut change_seq = if marks_changes { super::changes::read_change_seq(&tx).await? } else { 0 };
        let total = puts.len();
        for (done, put) in puts.iter().enumerate() {
            if schema::RECORD_STORES.contains(&put.store) {
                change_seq += 1;
                super::changes::mark_changed(&tx, put.store, &put.id, change_seq)?;
            }
            let store = tx.object_store(put.store)?;
            if put.expect != Expect::Any {
                let current: Option<JsValue> = store.get(put.id.as_str()).primitive()?.await?;
                let fits = match (put.expect, current.as_ref().and_then(revision_of)) {
                    (Expect::Absent, None) => current.is_none(),
                    (Expect::At(expected), Some(found)) => expected == found,
                    _ => false,
                };
                if !fits {
                    // Dropping the transaction without committing rolls it back.
                    return Err(StoreError::ChangedElsewhere);
                }
            }
            // Requests in one transaction complete in order, so most writes are issued
            // without waiting for each (the commit waits for all, and any failure aborts
            // the whole transaction); every 200th is awaited so progress can be shown.
            let checkpoint = (done + 1) % 200 == 0 || done + 1 == total || put.expect != Expect::Any;
            match &put.value {
                Some(value) => {
                    let request = store.put(value).primitive()?;
                    if checkpoint {
                        request.await?;
                    }
                }
                None => {
                    let request = store.delete(put.id.as_str()).primitive()?;
                    if checkpoint {
                        request.await?;
                    }
                }
            }
            if checkpoint {
                progress(done + 1, total);
            }
        }
        if marks_changes {
            super::changes::write_change_seq(&tx, change_seq)?;
        }
        commit(tx).await
    }

    /// Prepares and writes records of one store.
    pub(super) async fn write_records<T: Serialize>(
        &self,
        store: &'static str,
        records: &[(&Record<T>, Expect)],
    ) -> Result<(), StoreError> {
        let puts = self.prepare(store, records).await?;
        self.apply(puts, &|_, _| {}).await
    }

    /// One record, deleted or not.
    pub(super) async fn read<T: DeserializeOwned>(&self, store: &'static str, id: &str) -> Result<Option<Record<T>>, StoreError> {
        let tx = self.db.transaction(store).build()?;
        let value: Option<JsValue> = tx.object_store(store)?.get(id).primitive()?.await?;
        drop(tx);
        match value {
            None => Ok(None),
            Some(value) => self.open_values(store, vec![value]).await.pop().transpose(),
        }
    }

    /// Every record of a store (or, with `of`, those of one engagement through the named
    /// index), deleted ones included, each readable or not.
    pub(super) async fn read_all<T: DeserializeOwned>(
        &self,
        store: &'static str,
        of: Option<(&str, &RecordId)>,
    ) -> Result<Vec<Result<Record<T>, StoreError>>, StoreError> {
        let tx = self.db.transaction(store).build()?;
        let object_store = tx.object_store(store)?;
        let values: Vec<JsValue> = match of {
            Some((index, engagement_id)) => object_store
                .index(index)?
                .get_all::<JsValue>()
                .with_query(engagement_id.as_str())
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?,
            None => object_store.get_all::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?,
        };
        drop(tx);
        Ok(self.open_values(store, values).await)
    }

    /// The records of a store (or of one engagement) that are not deleted; an unreadable
    /// record is skipped with a note in the console, so one bad record never hides the rest.
    pub(super) async fn live<T: DeserializeOwned>(
        &self,
        store: &'static str,
        of: Option<(&str, &RecordId)>,
    ) -> Result<Vec<Record<T>>, StoreError> {
        let mut records = Vec::new();
        for record in self.read_all::<T>(store, of).await? {
            match record {
                Ok(record) if !record.deleted => records.push(record),
                Ok(_) => {}
                Err(StoreError::Locked) => return Err(StoreError::Locked),
                Err(error) => web_sys::console::warn_1(&format!("Skipped an unreadable record in {store}: {error}").into()),
            }
        }
        Ok(records)
    }

    /// Every stored value of several stores, read in one transaction (a consistent snapshot).
    pub(super) async fn snapshot(&self, stores: &[&'static str]) -> Result<Vec<Vec<JsValue>>, StoreError> {
        let tx = self.db.transaction(stores).build()?;
        let mut all = Vec::with_capacity(stores.len());
        for store in stores {
            all.push(tx.object_store(store)?.get_all::<JsValue>().primitive()?.await?.collect::<Result<Vec<_>, _>>()?);
        }
        Ok(all)
    }

    /// Turns stored values into records, opening sealed ones with the current key.
    pub(super) async fn open_values<T: DeserializeOwned>(
        &self,
        store: &'static str,
        values: Vec<JsValue>,
    ) -> Vec<Result<Record<T>, StoreError>> {
        self.open_values_with(&self.codec(), store, values).await
    }

    pub(super) async fn open_values_with<T: DeserializeOwned>(
        &self,
        codec: &Codec,
        store: &'static str,
        values: Vec<JsValue>,
    ) -> Vec<Result<Record<T>, StoreError>> {
        let mut results: Vec<Option<Result<Record<T>, StoreError>>> = Vec::with_capacity(values.len());
        let mut sealed = Vec::new();
        for value in values {
            if !is_sealed(&value) {
                results.push(Some(from_js(&value).map_err(|e| StoreError::Failed(format!("unreadable record ({e})")))));
                continue;
            }
            match from_js::<Envelope>(&value) {
                Ok(envelope) => {
                    sealed.push((results.len(), envelope));
                    results.push(None);
                }
                Err(e) => results.push(Some(Err(StoreError::Failed(format!("unreadable sealed record ({e})"))))),
            }
        }
        if !sealed.is_empty() {
            match codec {
                Codec::Sealed { key, .. } => {
                    let items: Vec<(Vec<u8>, SealedBox)> =
                        sealed.iter().map(|(_, e)| (record_aad(store, e.id.as_str()), e.sealed.clone())).collect();
                    let opened = crypto::open_many(key, &items).await;
                    for ((slot, envelope), bytes) in sealed.iter().zip(opened) {
                        results[*slot] = Some(bytes.map_err(|e| StoreError::Failed(e.to_string())).and_then(|bytes| {
                            let record: Record<T> = serde_json::from_slice(&bytes)
                                .map_err(|e| StoreError::Failed(format!("unreadable sealed record ({e})")))?;
                            if record.id != envelope.id || record.revision != envelope.revision {
                                return Err(StoreError::Failed("a sealed record does not match its envelope".into()));
                            }
                            Ok(record)
                        }));
                    }
                }
                _ => {
                    for (slot, _) in &sealed {
                        results[*slot] = Some(Err(StoreError::Locked));
                    }
                }
            }
        }
        results.into_iter().map(|r| r.unwrap_or(Err(StoreError::Locked))).collect()
    }
}

async fn seal_records<T: Serialize>(key: &Key, store: &'static str, records: &[(&Record<T>, Expect)]) -> Result<Vec<Put>, StoreError> {
    let mut index_keys = Vec::with_capacity(records.len());
    let mut items = Vec::with_capacity(records.len());
    for (record, _) in records {
        let json = serde_json::to_value(record).map_err(|e| StoreError::Failed(format!("could not prepare a record ({e})")))?;
        let engagement_id = json
            .get("data")
            .and_then(|d| d.get("engagement_id"))
            .and_then(|v| v.as_str())
            .and_then(RecordId::parse)
            .map(|engagement_id| IndexKeys { engagement_id });
        index_keys.push(engagement_id);
        let bytes = serde_json::to_vec(&json).map_err(|e| StoreError::Failed(format!("could not prepare a record ({e})")))?;
        items.push((record_aad(store, record.id.as_str()), bytes));
    }
    let boxes = crypto::seal_many(key, &items).await.map_err(|e| StoreError::Failed(e.to_string()))?;
    records
        .iter()
        .zip(index_keys)
        .zip(boxes)
        .map(|(((record, expect), data), sealed)| {
            let envelope = Envelope {
                id: record.id.clone(),
                revision: record.revision,
                created_at: record.created_at,
                updated_at: record.updated_at,
                deleted: record.deleted,
                data,
                sealed,
            };
            Ok(Put::new(store, record.id.as_str(), *expect, Some(to_js(&envelope)?)))
        })
        .collect()
}
