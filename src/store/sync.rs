//! Sync bookkeeping: revision trees, the local change sequence, settings and checkpoints.
//!
//! Every record write in `io.rs` also writes a change marker (`sync_changes`: document id
//! and the next number of the local change sequence, kept in `meta`) in the same
//! transaction, so the replicator (`crate::sync`) finds every change since its last push
//! and an edit made offline simply waits. Per synced record, `sync_docs` holds a
//! [`SyncDocState`]: its [`RevTree`], the revision the local record is at (and the record's
//! own `revision` counter then, so a later local edit is noticed), and the bodies of the
//! other current versions of a conflict (sealed when passphrase protection is on).
//!
//! Commands for the replicator: [`Store::sync_outgoing`] (what to push, with new revisions
//! for local edits), [`Store::sync_missing`] (the local `_revs_diff`),
//! [`Store::sync_apply_remote`] (merge what came from the server; the winner's content
//! becomes the record). For the screens: [`Store::sync_conflicts`] with both sides'
//! bodies, [`Store::sync_resolve`], [`Store::sync_settings`] / [`Store::save_sync_settings`]
//! ([`SyncSettings`]: the target and the shared end-to-end key, sealed under protection),
//! [`Store::sync_pending`]. A record with no state has never synced and goes up on the
//! next push.

use crate::domain::message::Message;
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;

use super::io::{from_js, to_js, Codec, Expect, Put};
use super::sync_settings::WireOptions;
use super::{schema, Store, StoreError};
use crate::domain::erasure::Tombstone;
use crate::domain::kinds::RecordKind;
use crate::domain::sync::conflict::{self, conflicting_leaves};
use crate::domain::sync::doc::{self, DocId, RemoteDoc, SealedDoc};
use crate::domain::sync::replication::REVS_LIMIT;
use crate::domain::sync::revtree::{Rev, RevTree};
use crate::domain::vault::{record_aad, SealedBox};
use crate::domain::{Record, Timestamp};
use crate::platform::{clock, crypto};

/// One record's sync state.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct SyncDocState {
    doc_id: String,
    /// Counts writes of this state (compare-and-set, as for records).
    revision: u32,
    tree: RevTree,
    /// The revision the local record is at.
    current: Option<Rev>,
    /// The record's `revision` when it was at `current`.
    local_revision: u32,
    /// Bodies of the other leaves (conflicting versions, deletions), plain.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    bodies: BTreeMap<String, Value>,
    /// The same, sealed, with protection on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed_bodies: Option<SealedBox>,
    /// A version from the server that was not taken because it changes a contract version
    /// or sponsor update after it was agreed or approved (kept aside among `bodies`, shown
    /// as a conflict until the person resolves it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refused: Option<Rev>,
}

/// A document to push: every current version (leaf) of one record, as documents with
/// `_revisions`; `_revs_diff` decides which the server lacks.
#[derive(Clone, Debug)]
pub struct OutgoingDoc {
    pub doc_id: String,
    pub leaves: Vec<(Rev, Value)>,
}

/// One batch of local changes to push.
#[derive(Clone, Debug)]
pub struct OutgoingBatch {
    pub docs: Vec<OutgoingDoc>,
    /// The local change sequence reached (the push checkpoint after this batch).
    pub last_seq: u64,
    /// Whether there may be more after this batch.
    pub more: bool,
}

/// What merging documents from the server did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// Revisions merged into the revision trees.
    pub merged: usize,
    /// Records whose shown content changed.
    pub updated: usize,
    /// Documents that could not be read or failed validation (skipped, nothing changed).
    pub unreadable: usize,
    /// Sealed documents that would not open with the shared key.
    pub wrong_key: usize,
    /// Sealed documents while this device has not joined end-to-end sync.
    pub needs_key: usize,
    /// Versions not taken because they change what was agreed or approved (kept aside as
    /// a conflict).
    pub refused: usize,
}

/// One version of a record in conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictVersion {
    pub rev: Rev,
    pub deleted: bool,
    /// Why this version may not be taken (it changes what was agreed or approved).
    pub refused: Option<Message>,
    /// The record's data (`Value` of its store's type), if known.
    pub data: Option<Value>,
    pub updated_at: Option<Timestamp>,
}

/// A record with more than one current version: the one shown (CouchDB's deterministic
/// winner) and the others, to show side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub doc_id: String,
    pub store: &'static str,
    pub record_id: crate::domain::RecordId,
    pub shown: ConflictVersion,
    pub others: Vec<ConflictVersion>,
}

fn failed(what: impl std::fmt::Display) -> StoreError {
    StoreError::Failed(what.to_string())
}

/// Whether data from the server reads as its store's type (what the app can show).
fn readable(store: &str, data: &Value) -> bool {
    RecordKind::of_store(store).is_some_and(|kind| kind.reads(data))
}

impl Store {
    // ----- States ------------------------------------------------------------------

    async fn read_state(&self, doc_id: &str) -> Result<Option<SyncDocState>, StoreError> {
        let tx = self.db.transaction(schema::SYNC_DOCS).build()?;
        let value: Option<JsValue> = tx.object_store(schema::SYNC_DOCS)?.get(doc_id).primitive()?.await?;
        drop(tx);
        let Some(value) = value else { return Ok(None) };
        let state: SyncDocState = from_js(&value).map_err(failed)?;
        Ok(Some(Self::open_bodies(&self.codec(), state).await?))
    }

    /// Opens a state's sealed bodies with `codec`.
    async fn open_bodies(codec: &Codec, mut state: SyncDocState) -> Result<SyncDocState, StoreError> {
        if let Some(sealed) = state.sealed_bodies.take() {
            match codec {
                Codec::Sealed { key, .. } => {
                    let bytes = crypto::open(key, &record_aad(schema::SYNC_DOCS, &state.doc_id), &sealed)
                        .await
                        .map_err(|e| failed(e.to_string()))?;
                    state.bodies = serde_json::from_slice(&bytes).map_err(failed)?;
                }
                Codec::Locked => return Err(StoreError::Locked),
                Codec::Plain => return Err(failed("a sealed sync state while protection is off")),
            }
        }
        Ok(state)
    }

    /// Every sync state rewritten from one form to another (turning protection on or
    /// off, changing the passphrase), for the same transaction as the records.
    pub(super) async fn reseal_sync_states(&self, from: &Codec, to: &Codec) -> Result<Vec<Put>, StoreError> {
        let values = self.snapshot(&[schema::SYNC_DOCS]).await?.pop().unwrap_or_default();
        let mut puts = Vec::with_capacity(values.len());
        for value in values {
            let state: SyncDocState = from_js(&value).map_err(failed)?;
            let state = Self::open_bodies(from, state).await?;
            puts.push(self.prepare_state(to, state, Expect::Any).await?);
        }
        Ok(puts)
    }

    async fn prepare_state(&self, codec: &Codec, mut state: SyncDocState, expect: Expect) -> Result<Put, StoreError> {
        if let Codec::Sealed { key, .. } = codec {
            if !state.bodies.is_empty() {
                let bytes = serde_json::to_vec(&state.bodies).map_err(failed)?;
                state.sealed_bodies = Some(
                    crypto::seal(key, &record_aad(schema::SYNC_DOCS, &state.doc_id), &bytes).await.map_err(|e| failed(e.to_string()))?,
                );
                state.bodies.clear();
            }
        }
        let id = state.doc_id.clone();
        Ok(Put::new(schema::SYNC_DOCS, &id, expect, Some(to_js(&state)?)))
    }

    fn state_expect(state: &mut SyncDocState) -> Expect {
        let expect = if state.revision == 0 { Expect::Absent } else { Expect::At(state.revision) };
        state.revision += 1;
        expect
    }

    /// Brings the state up to the local record: a record edited since it was last synced
    /// gets a new revision on top of the one it was at.
    fn catch_up(state: &mut SyncDocState, record: &Record<Value>) -> bool {
        if state.current.is_some() && state.local_revision == record.revision {
            return false;
        }
        let rev = doc::rev_for(state.current.as_ref(), record);
        let parent = state.current.clone();
        let mut path = vec![rev.clone()];
        path.extend(parent);
        state.tree.merge_path(&path, record.deleted);
        state.current = Some(rev);
        state.local_revision = record.revision;
        true
    }

    // ----- Push ----------------------------------------------------------------------

    /// The records changed after local change `since` (at most `limit`), each with every
    /// current version as a document to push; local edits get their new revision here.
    pub async fn sync_outgoing(&self, since: u64, limit: usize, options: &WireOptions) -> Result<OutgoingBatch, StoreError> {
        let codec = self.codec();
        if options.end_to_end && (!matches!(codec, Codec::Sealed { .. }) || options.key.is_none()) {
            return Err(StoreError::Refused(msg!("End-to-end encrypted sync needs passphrase protection turned on and unlocked.")));
        }
        let markers: Vec<JsValue> = {
            let tx = self.db.transaction(schema::SYNC_CHANGES).build()?;
            let object_store = tx.object_store(schema::SYNC_CHANGES)?;
            let index = object_store.index(schema::SYNC_CHANGES_BY_SEQ)?;
            index
                .get_all::<JsValue>()
                .with_query::<JsValue, _>(KeyRange::LowerBound(JsValue::from_f64(since as f64), true))
                .with_limit(limit as u32)
                .primitive()?
                .await?
                .collect::<Result<_, _>>()?
        };
        let markers: Vec<(String, u64)> = markers
            .iter()
            .filter_map(|m| from_js::<Value>(m).ok())
            .filter_map(|m| Some((m["doc_id"].as_str()?.to_string(), m["seq"].as_u64()?)))
            .collect();
        let more = markers.len() >= limit;
        let last_seq = markers.iter().map(|(_, seq)| *seq).max().unwrap_or(since);
        let mut docs = Vec::new();
        let mut puts = Vec::new();
        for (doc_id_text, _) in &markers {
            let Some(doc_id) = DocId::parse(doc_id_text) else { continue };
            let Some(record) = self.read::<Value>(doc_id.store(), doc_id.record_id().as_str()).await? else {
                // Erased: every version on the server ends with a content-free deletion.
                if let Some(tombstone) = self.tombstone(doc_id_text).await? {
                    if options.scope.includes(tombstone.engagement_id.as_ref()) {
                        let state = self.read_state(doc_id_text).await?;
                        let (state, erased, changed) = Self::erased_state(doc_id_text, state, tombstone.revision);
                        let body = doc::erasure_body();
                        let leaves = erased
                            .into_iter()
                            .map(|rev| {
                                let doc = doc::to_doc(&doc_id, &rev, &state.tree.revisions(&rev, REVS_LIMIT), &body);
                                (rev, doc)
                            })
                            .collect();
                        if changed {
                            let mut state = state;
                            let expect = Self::state_expect(&mut state);
                            puts.push(self.prepare_state(&codec, state, expect).await?);
                        }
                        docs.push(OutgoingDoc { doc_id: doc_id_text.clone(), leaves });
                    }
                }
                continue;
            };
            if !options.scope.includes(doc::engagement_of(&doc_id, &json!({ "data": record.data })).as_ref()) {
                continue;
            }
            let mut state = self
                .read_state(doc_id_text)
                .await?
                .unwrap_or_else(|| SyncDocState { doc_id: doc_id_text.clone(), ..SyncDocState::default() });
            if Self::catch_up(&mut state, &record) {
                let expect = Self::state_expect(&mut state);
                puts.push(self.prepare_state(&codec, state.clone(), expect).await?);
            }
            let mut leaves = Vec::new();
            for (rev, _deleted) in state.tree.leaves() {
                let body = if Some(&rev) == state.current.as_ref() {
                    doc::body_of(&record)
                } else {
                    match state.bodies.get(&rev.to_string()) {
                        Some(body) => body.clone(),
                        None => continue,
                    }
                };
                let body = if options.exclude_private_notes { doc::strip_private_notes(doc_id.store(), &body) } else { body };
                let body = match &options.key {
                    Some(key) if options.end_to_end => self.seal_body(key, &doc_id, &body).await?,
                    _ => body,
                };
                leaves.push((rev.clone(), doc::to_doc(&doc_id, &rev, &state.tree.revisions(&rev, REVS_LIMIT), &body)));
            }
            docs.push(OutgoingDoc { doc_id: doc_id_text.clone(), leaves });
        }
        match self.apply_as(&codec, puts, &|_, _| {}).await {
            Ok(()) => Ok(OutgoingBatch { docs, last_seq, more }),
            // Another tab synced the same record at the same moment: the next push retries.
            Err(StoreError::ChangedElsewhere) => Ok(OutgoingBatch { docs: Vec::new(), last_seq: since, more: true }),
            Err(error) => Err(error),
        }
    }

    /// The sync state of an erased record: every version ended with an erasure, no bodies
    /// kept; with its erasure leaves (the winner first) and whether that changed anything.
    fn erased_state(doc_id: &str, state: Option<SyncDocState>, local_revision: u32) -> (SyncDocState, Vec<Rev>, bool) {
        let mut state = state.unwrap_or_else(|| SyncDocState { doc_id: doc_id.to_string(), ..SyncDocState::default() });
        let before = (state.tree.clone(), state.current.clone(), state.bodies.is_empty(), state.refused.is_none());
        let erased = doc::erase_tree(&mut state.tree);
        state.current = erased.first().cloned();
        state.bodies.clear();
        state.sealed_bodies = None;
        state.refused = None;
        state.local_revision = local_revision;
        let changed = before != (state.tree.clone(), state.current.clone(), true, true);
        (state, erased, changed)
    }

    /// Clears the kept bodies of other versions (conflicts) of these documents: what
    /// disposal and erasure leave of them on the device is their revision tree only.
    pub(super) async fn forget_sync_bodies(&self, doc_ids: &[String]) -> Result<Vec<Put>, StoreError> {
        let mut puts = Vec::new();
        for doc_id in doc_ids {
            let tx = self.db.transaction(schema::SYNC_DOCS).build()?;
            let value: Option<JsValue> = tx.object_store(schema::SYNC_DOCS)?.get(doc_id.as_str()).primitive()?.await?;
            drop(tx);
            let Some(value) = value else { continue };
            let mut state: SyncDocState = from_js(&value).map_err(failed)?;
            if state.bodies.is_empty() && state.sealed_bodies.is_none() && state.refused.is_none() {
                continue;
            }
            state.bodies.clear();
            state.sealed_bodies = None;
            state.refused = None;
            puts.push(Put::new(schema::SYNC_DOCS, doc_id, Expect::Any, Some(to_js(&state)?)));
        }
        Ok(puts)
    }

    /// An erasure arrived for this record, or the record was erased here and another
    /// version arrived: the revisions join the tree, every version ends with an erasure (so
    /// the next push ends the new ones on the server too), and nothing of the content is
    /// kept. An engagement's erasure erases every record of it on this device and is logged.
    async fn apply_remote_erasure(
        &self,
        doc_id: &DocId,
        revisions: &[RemoteDoc],
        local: Option<Record<Value>>,
        report: &mut ApplyReport,
    ) -> Result<(), StoreError> {
        let codec = self.codec();
        let id = doc_id.to_string();
        let mut state = self.read_state(&id).await?.unwrap_or_else(|| SyncDocState { doc_id: id.clone(), ..SyncDocState::default() });
        let mut merged = 0;
        for remote in revisions {
            if state.tree.merge_path(&remote.path, remote.deleted) {
                merged += 1;
            }
        }
        let now = clock::now();
        let mut puts = Vec::new();
        let revision = match &local {
            Some(local) if doc_id.store() == schema::ENGAGEMENTS => {
                let data = self.engagement_records(doc_id.record_id()).await?;
                let plan = crate::domain::erasure::plan_erasure(&data, doc_id.record_id(), now).map_err(StoreError::Refused)?;
                puts.extend(self.erasure_puts(&plan.tombstones, &super::erasure::record_ids(&data), &[]).await?);
                if let Some(engagement) = data.engagements.first() {
                    puts.push(Self::erased_elsewhere_entry(engagement, plan.tombstones.len())?);
                }
                local.revision + 1
            }
            Some(local) => {
                let kind = RecordKind::of_store(doc_id.store()).ok_or(StoreError::NotFound)?;
                let engagement_id = doc::engagement_of(doc_id, &doc::body_of(local));
                let tombstone = Tombstone::of(kind, local.id.clone(), local.revision, local.created_at, engagement_id, now);
                puts.extend(self.erasure_puts(std::slice::from_ref(&tombstone), &[local.id.to_string()], &[]).await?);
                tombstone.revision
            }
            None => match self.tombstone(&id).await? {
                Some(tombstone) => tombstone.revision,
                None => {
                    // Never here: remember it was erased, so a file cannot bring it back unasked.
                    let kind = RecordKind::of_store(doc_id.store()).ok_or(StoreError::NotFound)?;
                    let engagement_id = doc::engagement_of(doc_id, &Value::Null);
                    let tombstone = Tombstone::of(kind, doc_id.record_id().clone(), 0, now, engagement_id, now);
                    puts.push(Put::new(schema::ERASED, &id, Expect::Any, Some(to_js(&tombstone)?)));
                    tombstone.revision
                }
            },
        };
        // The erasure's own state replaces what erasure_puts cleared.
        puts.retain(|put| !put.is_for(schema::SYNC_DOCS, &id));
        let (mut state, _, _) = Self::erased_state(&id, Some(std::mem::take(&mut state)), revision);
        // A change marker, so the next push ends any version this device ended here.
        puts.push(Put::new(doc_id.store(), doc_id.record_id().as_str(), Expect::Any, None));
        let expect = Self::state_expect(&mut state);
        puts.push(self.prepare_state(&codec, state, expect).await?);
        self.apply_as(&codec, puts, &|_, _| {}).await?;
        report.merged += merged;
        if local.is_some() {
            report.updated += 1;
        }
        Ok(())
    }

    async fn seal_body(&self, key: &crypto::Key, doc_id: &DocId, body: &Value) -> Result<Value, StoreError> {
        let bytes = serde_json::to_vec(body).map_err(failed)?;
        let sealed = crypto::seal(key, &doc::sealed_doc_aad(doc_id), &bytes).await.map_err(|e| failed(e.to_string()))?;
        let data = body.get("data").cloned().unwrap_or(Value::Null);
        Ok(SealedDoc {
            store: doc_id.store().to_string(),
            updated_at: body.get("updated_at").and_then(Value::as_i64).map_or(Timestamp(0), Timestamp),
            deleted: body.get("deleted").and_then(Value::as_bool).unwrap_or(false),
            engagement_id: doc::engagement_of(doc_id, &json!({ "data": data })),
            sealed,
        }
        .body())
    }

    // ----- Pull ----------------------------------------------------------------------

    /// The local `_revs_diff`: which of these revisions this device lacks (documents that
    /// are not ours are left out).
    pub async fn sync_missing(&self, offered: &[(String, Vec<Rev>)]) -> Result<Vec<(String, Vec<Rev>)>, StoreError> {
        let mut missing = Vec::new();
        for (doc_id, revs) in offered {
            if DocId::parse(doc_id).is_none() {
                continue;
            }
            let tree = self.read_state(doc_id).await?.map(|s| s.tree).unwrap_or_default();
            let lacking = tree.missing(revs);
            if !lacking.is_empty() {
                missing.push((doc_id.clone(), lacking));
            }
        }
        Ok(missing)
    }

    /// Merges documents from the server: their revisions join each record's tree, the
    /// winner's content becomes the record (a local edit made meanwhile is kept as a
    /// version of its own, never overwritten), and the other current versions are kept
    /// for the conflict screen. Documents that cannot be read change nothing.
    pub async fn sync_apply_remote(&self, docs: Vec<RemoteDoc>, options: &WireOptions) -> Result<ApplyReport, StoreError> {
        let mut by_doc: BTreeMap<DocId, Vec<RemoteDoc>> = BTreeMap::new();
        for remote in docs {
            by_doc.entry(remote.doc_id.clone()).or_default().push(remote);
        }
        let mut report = ApplyReport::default();
        for (doc_id, revisions) in by_doc {
            // A local write between reading and writing: read again and merge again.
            let mut attempts = 0;
            loop {
                match self.apply_remote_doc(&doc_id, &revisions, options, &mut report).await {
                    Err(StoreError::ChangedElsewhere) if attempts < 5 => attempts += 1,
                    other => {
                        other?;
                        break;
                    }
                }
            }
        }
        Ok(report)
    }

    async fn apply_remote_doc(
        &self,
        doc_id: &DocId,
        revisions: &[RemoteDoc],
        options: &WireOptions,
        report: &mut ApplyReport,
    ) -> Result<(), StoreError> {
        let codec = self.codec();
        let store = doc_id.store();
        let id = doc_id.to_string();
        let local = self.read::<Value>(store, doc_id.record_id().as_str()).await?;
        let erasure_arrived = revisions.iter().any(|r| r.deleted && doc::is_erasure(&r.body));
        let erased_here = local.is_none() && self.tombstone(&id).await?.is_some();
        let mut state = self.read_state(&id).await?.unwrap_or_else(|| SyncDocState { doc_id: id.clone(), ..SyncDocState::default() });
        // A version made on top of the erasure was brought back on purpose on another
        // device (from a backup, after being asked): it is taken, and the tombstone goes.
        let brought_back = erased_here
            && !erasure_arrived
            && state.current.as_ref().is_some_and(|erased| revisions.iter().any(|r| !r.deleted && r.path.contains(erased)));
        if erasure_arrived || (erased_here && !brought_back) {
            return self.apply_remote_erasure(doc_id, revisions, local, report).await;
        }
        if let Some(local) = &local {
            Self::catch_up(&mut state, local);
        }
        let local_body = local.as_ref().map(doc::body_of);
        let mut merged_any = false;
        let mut counted = ApplyReport::default();
        for remote in revisions {
            let body = if remote.is_sealed() {
                let Some(sealed) = remote.sealed() else {
                    counted.unreadable += 1;
                    continue;
                };
                let Some(key) = options.key.as_ref().filter(|_| options.end_to_end) else {
                    counted.needs_key += 1;
                    continue;
                };
                match crypto::open(key, &doc::sealed_doc_aad(doc_id), &sealed.sealed).await {
                    Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
                        Ok(body) => body,
                        Err(_) => {
                            counted.unreadable += 1;
                            continue;
                        }
                    },
                    Err(_) => {
                        counted.wrong_key += 1;
                        continue;
                    }
                }
            } else {
                remote.body.clone()
            };
            let mut body =
                if options.exclude_private_notes { doc::keep_local_private_notes(store, &body, local_body.as_ref()) } else { body };
            if remote.deleted {
                // A deletion made by another program may carry no body: keep ours, deleted.
                if body.get("data").is_none() {
                    if let Some(local_body) = &local_body {
                        body = local_body.clone();
                    }
                }
                body["deleted"] = Value::Bool(true);
            }
            let Ok(record) = doc::record_from_body(doc_id, &body, 1) else {
                counted.unreadable += 1;
                continue;
            };
            if !readable(store, &record.data) {
                counted.unreadable += 1;
                continue;
            }
            if !options.scope.includes(doc::engagement_of(doc_id, &body).as_ref()) {
                continue;
            }
            if state.tree.merge_path(&remote.path, remote.deleted) {
                counted.merged += 1;
                merged_any = true;
            }
            if remote.path.first().is_some_and(|rev| Some(rev) != state.current.as_ref()) {
                state.bodies.insert(remote.rev.to_string(), doc::body_of(&record));
            }
        }
        if !merged_any {
            report.unreadable += counted.unreadable;
            report.wrong_key += counted.wrong_key;
            report.needs_key += counted.needs_key;
            return Ok(());
        }
        let mut puts = Vec::new();
        if brought_back {
            puts.push(Put::new(schema::ERASED, &id, Expect::Any, None));
        }
        let winner = state.tree.winner().map(|(rev, _)| rev);
        if let Some(winner) = winner.filter(|w| Some(w) != state.current.as_ref()) {
            let refusal = state.bodies.get(&winner.to_string()).and_then(|body| doc::frozen_refusal(doc_id, body, local_body.as_ref()));
            if refusal.is_some() {
                // Kept aside: the local record stays as agreed; the conflict list shows it.
                state.refused = Some(winner.clone());
                counted.refused += 1;
            } else if let Some(body) = state.bodies.remove(&winner.to_string()) {
                if let (Some(current), Some(local_body)) = (&state.current, &local_body) {
                    state.bodies.insert(current.to_string(), local_body.clone());
                }
                let next_revision = local.as_ref().map_or(1, |l| l.revision + 1);
                // The local counter only grows, so an open form notices the change.
                let record = doc::record_from_body(doc_id, &body, next_revision).map_err(failed)?;
                let expect = local.as_ref().map_or(Expect::Absent, |l| Expect::At(l.revision));
                puts.extend(self.prepare_with(&codec, store, &[(&record, expect)]).await?);
                state.current = Some(winner);
                state.local_revision = next_revision;
                counted.updated += 1;
            }
        }
        // Keep bodies only for versions that are still current.
        let leaves: BTreeSet<String> = state.tree.leaves().into_iter().map(|(rev, _)| rev.to_string()).collect();
        let current = state.current.as_ref().map(Rev::to_string);
        state.bodies.retain(|rev, _| leaves.contains(rev) && Some(rev) != current.as_ref());
        let expect = Self::state_expect(&mut state);
        puts.push(self.prepare_state(&codec, state, expect).await?);
        self.apply_as(&codec, puts, &|_, _| {}).await?;
        report.merged += counted.merged;
        report.updated += counted.updated;
        report.unreadable += counted.unreadable;
        report.wrong_key += counted.wrong_key;
        report.needs_key += counted.needs_key;
        report.refused += counted.refused;
        Ok(())
    }

    // ----- Conflicts -------------------------------------------------------------------

    /// Every record with conflicting versions: edits made apart on two devices, or a
    /// deletion on one against an edit on another (a deletion at least as recent as the
    /// version shown).
    pub async fn sync_conflicts(&self) -> Result<Vec<Conflict>, StoreError> {
        let tx = self.db.transaction(schema::SYNC_DOCS).build()?;
        let ids: Vec<JsValue> =
            tx.object_store(schema::SYNC_DOCS)?.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        let mut conflicts = Vec::new();
        for id in ids.iter().filter_map(JsValue::as_string) {
            if let Some(conflict) = self.sync_conflict(&id).await? {
                conflicts.push(conflict);
            }
        }
        Ok(conflicts)
    }

    /// The conflict on one record, if it has one.
    pub async fn sync_conflict(&self, doc_id: &str) -> Result<Option<Conflict>, StoreError> {
        let Some(parsed) = DocId::parse(doc_id) else { return Ok(None) };
        let Some(state) = self.read_state(doc_id).await? else { return Ok(None) };
        let mut others: Vec<(Rev, bool)> =
            conflicting_leaves(&state.tree).into_iter().filter(|(rev, _)| Some(rev) != state.current.as_ref()).collect();
        // A version refused because it changes what was agreed stays in view while it is a
        // current version (even when the server counts it as the winner).
        let live_leaf = |rev: &Rev| state.tree.leaves().into_iter().any(|(leaf, deleted)| leaf == *rev && !deleted);
        if let Some(refused) = state.refused.as_ref().filter(|rev| Some(*rev) != state.current.as_ref() && live_leaf(rev)) {
            if !others.iter().any(|(rev, _)| rev == refused) {
                others.push((refused.clone(), false));
            }
        }
        if others.is_empty() {
            return Ok(None);
        }
        let record = self.read::<Value>(parsed.store(), parsed.record_id().as_str()).await?;
        let shown = match (&state.current, &record) {
            (Some(rev), Some(record)) => ConflictVersion {
                rev: rev.clone(),
                deleted: record.deleted,
                refused: None,
                data: Some(record.data.clone()),
                updated_at: Some(record.updated_at),
            },
            _ => return Ok(None),
        };
        let local_body = record.as_ref().map(doc::body_of);
        let others = others
            .into_iter()
            .map(|(rev, deleted)| {
                let body = state.bodies.get(&rev.to_string());
                ConflictVersion {
                    deleted,
                    refused: body.and_then(|b| doc::frozen_refusal(&parsed, b, local_body.as_ref())),
                    data: body.and_then(|b| b.get("data").cloned()),
                    updated_at: body.and_then(|b| b.get("updated_at")).and_then(Value::as_i64).map(Timestamp),
                    rev,
                }
            })
            .collect();
        Ok(Some(Conflict { doc_id: doc_id.to_string(), store: parsed.store(), record_id: parsed.record_id().clone(), shown, others }))
    }

    /// Resolves a conflict: `data` (one version's, or merged) becomes the record as a new
    /// revision on the shown branch, and every other current version is ended with a
    /// deletion on its own branch (how CouchDB conflicts are resolved), so every device
    /// that syncs sees the same resolution. `None` keeps the record deleted.
    pub async fn sync_resolve(&self, doc_id: &str, data: Option<Value>) -> Result<(), StoreError> {
        let parsed = DocId::parse(doc_id).ok_or(StoreError::NotFound)?;
        let codec = self.codec();
        let record = self.read::<Value>(parsed.store(), parsed.record_id().as_str()).await?.ok_or(StoreError::NotFound)?;
        let mut state = self.read_state(doc_id).await?.ok_or(StoreError::NotFound)?;
        Self::catch_up(&mut state, &record);
        let now = clock::now();
        let read_at = record.revision;
        let resolved = match data {
            Some(data) => {
                if !readable(parsed.store(), &data) {
                    return Err(StoreError::Refused(msg!("The chosen version cannot be saved.")));
                }
                if let Some(problem) = doc::frozen_refusal(&parsed, &json!({ "data": data }), Some(&doc::body_of(&record))) {
                    return Err(StoreError::Refused(problem));
                }
                let mut next = record.clone().revised(now, data);
                next.deleted = false;
                next
            }
            None => record.clone().marked_deleted(now),
        };
        // The resolved content is a new revision on the shown branch, and every other
        // current version ends with a deletion on its own branch.
        let resolved_body = doc::body_of(&resolved);
        let tombstone = |leaf: &Rev| {
            let mut body =
                state.bodies.get(&leaf.to_string()).cloned().unwrap_or_else(|| json!({ "created_at": record.created_at, "data": {} }));
            body["deleted"] = Value::Bool(true);
            body["updated_at"] = json!(now);
            body
        };
        let mut tree = state.tree.clone();
        let resolution = conflict::resolve(&mut tree, state.current.as_ref(), resolved.deleted, &resolved_body.to_string(), |leaf| {
            tombstone(leaf).to_string()
        });
        let tombstone_bodies: Vec<(String, Value)> =
            resolution.tombstones.iter().map(|(rev, ended)| (rev.to_string(), tombstone(ended))).collect();
        state.tree = tree;
        state.bodies.extend(tombstone_bodies);
        state.current = Some(resolution.current);
        state.local_revision = resolved.revision;
        state.refused = None;
        let leaves: BTreeSet<String> = state.tree.leaves().into_iter().map(|(rev, _)| rev.to_string()).collect();
        state.bodies.retain(|rev, _| leaves.contains(rev));
        let mut puts = self.prepare_with(&codec, parsed.store(), &[(&resolved, Expect::At(read_at))]).await?;
        let expect = Self::state_expect(&mut state);
        puts.push(self.prepare_state(&codec, state, expect).await?);
        self.apply_as(&codec, puts, &|_, _| {}).await
    }
}
