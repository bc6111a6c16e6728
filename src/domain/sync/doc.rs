//! How a local record becomes a CouchDB document, and back.
//!
//! A [`DocId`] is `"<store>:<record id>"` (e.g. `engagements:0f8f…`); only the stores in
//! [`SYNCED_STORES`] travel, never `meta`. A document's body ([`body_of`]) is the record's
//! timestamps and data; the device-local `revision` counter stays at home, since CouchDB's
//! `_rev` ([`Rev`]) is what replicas compare. A deletion travels as a tombstone that keeps
//! its body (`_deleted: true`), so a deletion on one device against an edit on another is a
//! conflict to show, never a loss.
//!
//! Two options change what leaves the device: [`strip_private_notes`] empties a session's
//! private note layers for the server copy, and [`keep_local_private_notes`] puts this
//! device's private layers back into a session that comes in. In end-to-end mode the
//! server sees only a [`SealedDoc`]: id, revision, store, time, deleted flag, the
//! engagement it belongs to (for choosing what to sync) and one sealed box.
//! [`RemoteDoc::read`] reads either form as it comes from `_bulk_get` or `open_revs`.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::revtree::{Rev, RevTree, Revisions};
use crate::domain::contract::Contract;
use crate::domain::message::Message;
use crate::domain::report::SponsorReport;
use crate::domain::vault::SealedBox;
use crate::domain::{Record, RecordId, Timestamp};

/// The stores whose records sync, in the order they are listed.
pub const SYNCED_STORES: [&str; 12] = crate::domain::kinds::RecordKind::STORES;

/// The store whose records carry note layers.
pub const SESSIONS: &str = "sessions";

/// A document id: the record's store and its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId {
    store: &'static str,
    id: RecordId,
}

impl DocId {
    pub fn new(store: &str, id: &RecordId) -> Option<DocId> {
        let store = SYNCED_STORES.iter().find(|s| **s == store)?;
        Some(DocId { store, id: id.clone() })
    }

    /// `None` for anything that is not one of our documents (design documents, another
    /// app's documents in the same database, a store that does not sync).
    pub fn parse(text: &str) -> Option<DocId> {
        let (store, id) = text.split_once(':')?;
        DocId::new(store, &RecordId::parse(id)?)
    }

    pub fn store(&self) -> &'static str {
        self.store
    }

    pub fn record_id(&self) -> &RecordId {
        &self.id
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.store, self.id)
    }
}

/// What a revision is made of (and hashed over): timestamps, the deleted flag and data.
pub fn body_of(record: &Record<Value>) -> Value {
    json!({ "created_at": record.created_at, "updated_at": record.updated_at, "deleted": record.deleted, "data": record.data })
}

/// The revision a local edit makes on top of `parent`.
pub fn rev_for(parent: Option<&Rev>, record: &Record<Value>) -> Rev {
    Rev::next(parent, record.deleted, &body_of(record).to_string())
}

/// The document as it goes to the server (`_revisions` included for `new_edits: false`).
pub fn to_doc(doc_id: &DocId, rev: &Rev, revisions: &Revisions, body: &Value) -> Value {
    let mut doc = match body {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    doc.insert("_id".into(), Value::String(doc_id.to_string()));
    doc.insert("_rev".into(), Value::String(rev.to_string()));
    doc.insert("_revisions".into(), serde_json::to_value(revisions).unwrap_or(Value::Null));
    if body.get("deleted").and_then(Value::as_bool) == Some(true) {
        doc.insert("_deleted".into(), Value::Bool(true));
    }
    Value::Object(doc)
}

/// A body as a local record (at `revision`, the device's own counter).
pub fn record_from_body(doc_id: &DocId, body: &Value, revision: u32) -> Result<Record<Value>, String> {
    let time = |key: &str| body.get(key).and_then(Value::as_i64).map(Timestamp).ok_or_else(|| format!("{key} is missing"));
    let data = body.get("data").cloned().filter(Value::is_object).ok_or("data is missing")?;
    Ok(Record {
        id: doc_id.record_id().clone(),
        revision,
        created_at: time("created_at")?,
        updated_at: time("updated_at")?,
        deleted: body.get("deleted").and_then(Value::as_bool).unwrap_or(false),
        data,
    })
}

/// The body with a session's private note layers emptied (the server's copy when private
/// notes are excluded). Other stores are unchanged.
pub fn strip_private_notes(store: &str, body: &Value) -> Value {
    let mut body = body.clone();
    if store == SESSIONS {
        if let Some(notes) = body.pointer_mut("/data/notes").and_then(Value::as_object_mut) {
            notes.insert("practitioner_private".into(), Value::String(String::new()));
            notes.insert("client_private".into(), Value::String(String::new()));
        }
    }
    body
}

/// An incoming session body with this device's private layers put back (they never went
/// to the server, so the server's copy has them empty).
pub fn keep_local_private_notes(store: &str, incoming: &Value, local: Option<&Value>) -> Value {
    let mut body = incoming.clone();
    if store != SESSIONS {
        return body;
    }
    for layer in ["practitioner_private", "client_private"] {
        let mine = local.and_then(|l| l.pointer(&format!("/data/notes/{layer}"))).cloned().unwrap_or(Value::String(String::new()));
        if let Some(notes) = body.pointer_mut("/data/notes").and_then(Value::as_object_mut) {
            notes.insert(layer.into(), mine);
        }
    }
    body
}

/// Why a version from the server may not replace this device's copy (`local`, a body as
/// stored): a contract version or an approved sponsor update that was changed after it was
/// agreed or approved (its fingerprint does not match, or it differs from this device's
/// frozen copy). `None` when it may, and for every other kind of record.
pub fn frozen_refusal(doc_id: &DocId, incoming: &Value, local: Option<&Value>) -> Option<Message> {
    fn data<T: serde::de::DeserializeOwned>(body: &Value) -> Option<T> {
        body.get("data").cloned().and_then(|data| serde_json::from_value(data).ok())
    }
    let deleted = |body: &Value| body.get("deleted").and_then(Value::as_bool).unwrap_or(false);
    if deleted(incoming) {
        return None;
    }
    match doc_id.store() {
        "contracts" => {
            let theirs: Contract = data(incoming)?;
            match local.filter(|l| !deleted(l)).and_then(data::<Contract>) {
                Some(mine) => mine.replaced_by_problem(doc_id.record_id(), &theirs),
                None => theirs.integrity_problem(doc_id.record_id()),
            }
        }
        "reports" => {
            let theirs: SponsorReport = data(incoming)?;
            match local.filter(|l| !deleted(l)).and_then(data::<SponsorReport>) {
                Some(mine) => mine.replaced_by_problem(&theirs),
                None => theirs.integrity_problem(),
            }
        }
        _ => None,
    }
}

/// The engagement a body belongs to: itself for an engagement, the `engagement_id` of
/// everything kept per engagement, the journey's own id (a journey shares its
/// engagement's id); `None` for templates and supervision, which belong to no engagement.
pub fn engagement_of(doc_id: &DocId, body: &Value) -> Option<RecordId> {
    match doc_id.store() {
        "engagements" | "journeys" | "perspectives" => Some(doc_id.record_id().clone()),
        _ => body.pointer("/data/engagement_id").or_else(|| body.get("engagement_id")).and_then(Value::as_str).and_then(RecordId::parse),
    }
}

/// The body of an erasure (`domain::erasure`): a deletion that carries no content, so
/// neither the server nor another device keeps any of the record. The same in end-to-end
/// mode (there is nothing to seal).
pub fn erasure_body() -> Value {
    json!({ "deleted": true, "erased": true })
}

/// Whether a body is an erasure.
pub fn is_erasure(body: &Value) -> bool {
    body.get("erased").and_then(Value::as_bool) == Some(true)
}

/// Ends every current version of a record with an erasure (a deleted child with
/// [`erasure_body`]); versions that already end in one stay. An empty tree gets one erasure
/// revision of its own. Returns every erasure leaf, the winner first.
pub fn erase_tree(tree: &mut RevTree) -> Vec<Rev> {
    let body = erasure_body().to_string();
    let is_erasure_rev = |tree: &RevTree, leaf: &Rev| {
        let path = tree.revisions(leaf, 2).path().unwrap_or_default();
        Rev::next(path.get(1), true, &body) == *leaf
    };
    let leaves = tree.leaves();
    if leaves.is_empty() {
        tree.merge_path(&[Rev::next(None, true, &body)], true);
    }
    for (leaf, _) in leaves {
        if !is_erasure_rev(tree, &leaf) {
            let next = Rev::next(Some(&leaf), true, &body);
            tree.merge_path(&[next, leaf], true);
        }
    }
    let mut erased: Vec<Rev> = tree.leaves().into_iter().map(|(rev, _)| rev).collect();
    erased.sort_by(|a, b| (b.pos, &b.hash).cmp(&(a.pos, &a.hash)));
    erased
}

/// The end-to-end form: what the server may see of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedDoc {
    pub store: String,
    pub updated_at: Timestamp,
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement_id: Option<RecordId>,
    pub sealed: SealedBox,
}

impl SealedDoc {
    /// The body (without `_id`, `_rev`) for [`to_doc`].
    pub fn body(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The additional data a sealed document's box is bound to: its document id, so a box
/// cannot be moved to another document.
pub fn sealed_doc_aad(doc_id: &DocId) -> Vec<u8> {
    format!("accord/sync/v1/{doc_id}").into_bytes()
}

/// One revision of a document as it came from the server.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteDoc {
    pub doc_id: DocId,
    pub rev: Rev,
    /// Newest first, `rev` included.
    pub path: Vec<Rev>,
    pub deleted: bool,
    /// The body without the `_` fields: plain ([`body_of`]'s shape) or a [`SealedDoc`].
    pub body: Value,
}

impl RemoteDoc {
    /// Reads a document; `Ok(None)` for a document that is not ours (skipped).
    pub fn read(doc: &Value) -> Result<Option<RemoteDoc>, String> {
        let id = doc.get("_id").and_then(Value::as_str).ok_or("a document without _id")?;
        let Some(doc_id) = DocId::parse(id) else { return Ok(None) };
        let rev = doc.get("_rev").and_then(Value::as_str).and_then(Rev::parse).ok_or_else(|| format!("{id}: no readable _rev"))?;
        let path = match doc.get("_revisions") {
            Some(revisions) => serde_json::from_value::<Revisions>(revisions.clone())
                .ok()
                .and_then(|r| r.path())
                .filter(|p| p.first() == Some(&rev))
                .ok_or_else(|| format!("{id}: unreadable _revisions"))?,
            None => vec![rev.clone()],
        };
        let deleted = doc.get("_deleted").and_then(Value::as_bool).unwrap_or(false);
        let mut body = doc.as_object().cloned().unwrap_or_default();
        body.retain(|key, _| !key.starts_with('_'));
        Ok(Some(RemoteDoc { doc_id, rev, path, deleted, body: Value::Object(body) }))
    }

    /// Whether the body is in end-to-end form.
    pub fn is_sealed(&self) -> bool {
        self.body.get("sealed").is_some()
    }

    pub fn sealed(&self) -> Option<SealedDoc> {
        serde_json::from_value(self.body.clone()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::{Notes, Purpose, Session};

    fn record(store_data: Value) -> Record<Value> {
        Record {
            id: RecordId::parse("r1").unwrap(),
            revision: 4,
            created_at: Timestamp(10),
            updated_at: Timestamp(20),
            deleted: false,
            data: store_data,
        }
    }

    #[test]
    fn doc_ids_name_a_synced_store_and_a_record() {
        let id = DocId::parse("engagements:0f8f-ab").unwrap();
        assert_eq!(id.store(), "engagements");
        assert_eq!(id.record_id().as_str(), "0f8f-ab");
        assert_eq!(id.to_string(), "engagements:0f8f-ab");
        for not_ours in ["meta:vault", "_design/x", "engagements", "engagements:", "sessions:a b", "other:1"] {
            assert_eq!(DocId::parse(not_ours), None, "{not_ours}");
        }
    }

    #[test]
    fn a_record_round_trips_through_a_document_and_keeps_its_local_revision_at_home() {
        let local = record(json!({"client": "Ada"}));
        let doc_id = DocId::new("engagements", &local.id).unwrap();
        let rev = rev_for(None, &local);
        let doc = to_doc(&doc_id, &rev, &Revisions { start: 1, ids: vec![rev.hash.clone()] }, &body_of(&local));
        assert_eq!(doc["_id"], "engagements:r1");
        assert_eq!(doc["_rev"], rev.to_string());
        assert!(doc.get("revision").is_none(), "the local counter is not part of the document");
        assert!(doc.get("_deleted").is_none());
        let remote = RemoteDoc::read(&doc).unwrap().unwrap();
        assert_eq!(remote.path, vec![rev]);
        let back = record_from_body(&doc_id, &remote.body, 9).unwrap();
        assert_eq!(back, Record { revision: 9, ..local });
    }

    #[test]
    fn an_erasure_ends_every_version_with_a_deletion_that_carries_nothing() {
        let root = Rev::next(None, false, "first");
        let mine = Rev::next(Some(&root), false, "mine");
        let theirs = Rev::next(Some(&root), false, "theirs");
        let deleted = Rev::next(Some(&root), true, "deleted with its body");
        let mut tree = RevTree::new();
        for leaf in [&mine, &theirs, &deleted] {
            tree.merge_path(&[leaf.clone(), root.clone()], *leaf == deleted);
        }
        let erased = erase_tree(&mut tree);
        assert_eq!(erased.len(), 3, "one erasure on each of the three versions, the deleted one too");
        assert!(tree.leaves().iter().all(|(rev, deleted)| *deleted && rev.pos == 3));
        assert_eq!(tree.winner().map(|(rev, _)| rev), erased.first().cloned());
        // Erasing again changes nothing.
        let before = tree.clone();
        assert_eq!(erase_tree(&mut tree), erased);
        assert_eq!(tree, before);
        let body = erasure_body();
        assert!(is_erasure(&body) && body.get("data").is_none());
        assert!(!is_erasure(&json!({ "deleted": true, "data": {} })));
        // A record never synced gets one erasure of its own.
        let mut empty = RevTree::new();
        assert_eq!(erase_tree(&mut empty).len(), 1);
    }

    #[test]
    fn a_deletion_travels_as_a_tombstone_with_its_body() {
        let mut local = record(json!({"client": "Ada"}));
        local.deleted = true;
        let doc_id = DocId::new("engagements", &local.id).unwrap();
        let rev = rev_for(None, &local);
        let doc = to_doc(&doc_id, &rev, &Revisions { start: 1, ids: vec![rev.hash.clone()] }, &body_of(&local));
        assert_eq!(doc["_deleted"], true);
        let remote = RemoteDoc::read(&doc).unwrap().unwrap();
        assert!(remote.deleted);
        assert_eq!(remote.body["data"]["client"], "Ada", "the tombstone keeps the content, so it can be restored");
        assert_ne!(rev, rev_for(None, &record(json!({"client": "Ada"}))), "deleting is its own revision");
    }

    #[test]
    fn foreign_and_broken_documents_are_told_apart() {
        assert_eq!(RemoteDoc::read(&json!({"_id": "_design/app", "_rev": "1-a"})).unwrap(), None);
        assert!(RemoteDoc::read(&json!({"_rev": "1-a"})).is_err());
        assert!(RemoteDoc::read(&json!({"_id": "goals:g1", "_rev": "nope"})).is_err());
        assert!(
            RemoteDoc::read(&json!({"_id": "goals:g1", "_rev": "2-b", "_revisions": {"start": 3, "ids": ["x"]}})).is_err(),
            "the path must end at _rev"
        );
        let doc_id = DocId::parse("goals:g1").unwrap();
        assert!(record_from_body(&doc_id, &json!({"created_at": 1, "updated_at": 2}), 1).is_err(), "no data");
        assert!(record_from_body(&doc_id, &json!({"created_at": "x", "updated_at": 2, "data": {}}), 1).is_err());
    }

    #[test]
    fn private_note_layers_never_reach_the_server_copy_and_stay_on_the_device() {
        let mut session = Session::planned(
            RecordId::parse("e1").unwrap(),
            crate::domain::date::Date::parse("2027-01-04").unwrap(),
            Default::default(),
            60,
            Purpose::Session,
        );
        session.notes = Notes { practitioner_private: "P-SECRET".into(), client_private: "C-SECRET".into(), shared: "Agreed".into() };
        let local = record(serde_json::to_value(&session).unwrap());
        let body = body_of(&local);
        let server_copy = strip_private_notes(SESSIONS, &body);
        let text = server_copy.to_string();
        assert!(!text.contains("P-SECRET") && !text.contains("C-SECRET") && text.contains("Agreed"));
        assert_eq!(server_copy["data"], serde_json::to_value(session.shared_copy()).unwrap(), "the same as every shared file");
        // Another device's edit comes back without private layers: ours are kept.
        let mut edited = server_copy.clone();
        edited["data"]["notes"]["shared"] = json!("Agreed, and more");
        let merged = keep_local_private_notes(SESSIONS, &edited, Some(&body));
        assert_eq!(
            merged["data"]["notes"],
            json!({"practitioner_private": "P-SECRET", "client_private": "C-SECRET", "shared": "Agreed, and more"})
        );
        assert_eq!(
            strip_private_notes("goals", &json!({"data": {"notes": {"client_private": "x"}}}))["data"]["notes"]["client_private"],
            "x"
        );
    }

    #[test]
    fn every_record_knows_its_engagement_except_templates_and_supervision() {
        let id = |s: &str| DocId::parse(s).unwrap();
        assert_eq!(engagement_of(&id("engagements:e1"), &json!({})).unwrap().as_str(), "e1");
        assert_eq!(engagement_of(&id("journeys:e1"), &json!({})).unwrap().as_str(), "e1");
        assert_eq!(engagement_of(&id("goals:g1"), &json!({"data": {"engagement_id": "e2"}})).unwrap().as_str(), "e2");
        assert_eq!(engagement_of(&id("goals:g1"), &json!({"engagement_id": "e3", "sealed": {}})).unwrap().as_str(), "e3", "sealed form");
        assert_eq!(engagement_of(&id("templates:t1"), &json!({"data": {}})), None);
    }

    #[test]
    fn the_sealed_form_shows_only_what_replication_needs() {
        let sealed = SealedDoc {
            store: "sessions".into(),
            updated_at: Timestamp(5),
            deleted: false,
            engagement_id: RecordId::parse("e1"),
            sealed: SealedBox { iv: "aXY=".into(), ct: "Y3Q=".into() },
        };
        let doc_id = DocId::parse("sessions:s1").unwrap();
        let doc = to_doc(&doc_id, &Rev::parse("1-a").unwrap(), &Revisions { start: 1, ids: vec!["a".into()] }, &sealed.body());
        let mut keys: Vec<&str> = doc.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, vec!["_id", "_rev", "_revisions", "deleted", "engagement_id", "sealed", "store", "updated_at"]);
        let remote = RemoteDoc::read(&doc).unwrap().unwrap();
        assert!(remote.is_sealed());
        assert_eq!(remote.sealed(), Some(sealed));
        assert_ne!(sealed_doc_aad(&doc_id), sealed_doc_aad(&DocId::parse("sessions:s2").unwrap()));
    }

    #[test]
    fn a_server_version_that_changes_an_agreed_contract_is_refused_and_an_honest_one_is_not() {
        let engagement = RecordId::parse("eng-ada").unwrap();
        let contract_id = RecordId::parse("con-1").unwrap();
        let doc_id = DocId::parse("contracts:con-1").unwrap();
        let agreed = crate::domain::contract::fixtures::agreed_contract(&engagement, &contract_id);
        let body =
            |contract: &crate::domain::contract::Contract| json!({ "data": contract, "created_at": 1, "updated_at": 2, "deleted": false });
        let local = body(&agreed);
        assert_eq!(frozen_refusal(&doc_id, &local, Some(&local)), None);
        assert_eq!(frozen_refusal(&doc_id, &local, None), None, "a new device takes an honest agreed version");
        let mut changed = agreed.clone();
        changed.clauses[0].text.push_str(" The practitioner may also share notes with the sponsor.");
        let forged = body(&changed);
        assert!(frozen_refusal(&doc_id, &forged, Some(&local)).is_some());
        assert!(frozen_refusal(&doc_id, &forged, None).is_some(), "nor is it taken on a new device");
        // Other kinds of record are never refused here.
        let session = DocId::parse("sessions:ses-1").unwrap();
        assert_eq!(frozen_refusal(&session, &json!({ "data": { "anything": 1 } }), None), None);
    }
}
