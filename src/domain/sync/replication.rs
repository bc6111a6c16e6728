//! The CouchDB replication protocol's steps, as data and pure functions.
//!
//! The replicator (`crate::sync`) does the HTTP; everything it sends is built here and
//! everything it receives is read here:
//! - [`replication_id`]: which `_local/…` document holds a replication's [`Checkpoint`];
//!   [`start_seq`] compares the checkpoint kept on each side to find where to resume.
//! - [`Change`] / [`ChangesPage::read`]: a `_changes` answer. Sequences are opaque JSON
//!   ([`serde_json::Value`]): integers on some servers, strings on CouchDB 3.
//! - [`revs_diff_request`] / [`read_revs_diff`], [`bulk_get_request`] / [`read_bulk_get`]
//!   (and [`open_revs_path`] / [`read_open_revs`] for servers without `_bulk_get`),
//!   [`bulk_docs_request`] (`new_edits: false`) / [`read_bulk_docs`].
//! - [`encode_component`]: a document id or query value in a URL.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::revtree::Rev;

/// How many documents go in one request (`_changes` limit, `_bulk_get`, `_bulk_docs`).
pub const BATCH_SIZE: usize = 100;
/// How many past sessions a checkpoint remembers.
pub const HISTORY_LENGTH: usize = 5;
/// How many ancestors `_revisions` lists when pushing.
pub const REVS_LIMIT: usize = 1000;

/// The id of one replication (one direction, one local copy, one database, one set of
/// options): the same inputs give the same id, so a rerun finds its checkpoint.
pub fn replication_id(parts: &[&str]) -> String {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update(part.as_bytes());
        digest.update([0]);
    }
    digest.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The `_local` document id for a replication id.
pub fn checkpoint_doc_id(replication_id: &str) -> String {
    format!("_local/{replication_id}")
}

/// One past replication session and how far it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub session_id: String,
    pub recorded_seq: Value,
}

/// A replication checkpoint, kept on both sides (`_local` on the server, `meta` here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub session_id: String,
    pub source_last_seq: Value,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl Checkpoint {
    /// The checkpoint after a batch of session `session_id` reached `seq`.
    pub fn advanced(previous: Option<&Checkpoint>, session_id: &str, seq: Value) -> Checkpoint {
        let mut history = vec![HistoryEntry { session_id: session_id.to_string(), recorded_seq: seq.clone() }];
        if let Some(previous) = previous {
            history.extend(previous.history.iter().filter(|h| h.session_id != session_id).cloned());
        }
        history.truncate(HISTORY_LENGTH);
        Checkpoint { session_id: session_id.to_string(), source_last_seq: seq, history }
    }

    /// Reads a `_local` document (extra fields such as `_id`, `_rev` ignored).
    pub fn read(doc: &Value) -> Option<Checkpoint> {
        serde_json::from_value(doc.clone()).ok()
    }
}

/// Where to start: both sides agree on the last session → its sequence; else the
/// newest session both histories share; else from the beginning (`0`). A checkpoint
/// missing on either side means starting again (safe: `_revs_diff` skips what is there).
pub fn start_seq(local: Option<&Checkpoint>, remote: Option<&Checkpoint>) -> Value {
    let (Some(local), Some(remote)) = (local, remote) else { return json!(0) };
    if local.session_id == remote.session_id {
        return local.source_last_seq.clone();
    }
    for entry in &local.history {
        if let Some(theirs) = remote.history.iter().find(|h| h.session_id == entry.session_id) {
            if theirs.recorded_seq == entry.recorded_seq {
                return entry.recorded_seq.clone();
            }
        }
    }
    json!(0)
}

/// A sequence as a query value: strings as they are, anything else as JSON text.
pub fn seq_param(seq: &Value) -> String {
    match seq {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A malformed answer from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError(pub String);

/// One row of `_changes` (with `style=all_docs`: every leaf revision).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub seq: Value,
    pub id: String,
    pub revs: Vec<Rev>,
    pub deleted: bool,
}

/// One page of `_changes`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesPage {
    pub changes: Vec<Change>,
    pub last_seq: Value,
    /// How many changes remain after this page, if the server says.
    pub pending: Option<u64>,
}

impl ChangesPage {
    pub fn read(answer: &Value) -> Result<ChangesPage, ProtocolError> {
        let bad = |what: &str| ProtocolError(format!("the changes feed {what}"));
        let results = answer.get("results").and_then(Value::as_array).ok_or_else(|| bad("has no results"))?;
        let mut changes = Vec::with_capacity(results.len());
        for row in results {
            let id = row.get("id").and_then(Value::as_str).ok_or_else(|| bad("has a row without an id"))?;
            let seq = row.get("seq").cloned().filter(|s| !s.is_null()).ok_or_else(|| bad("has a row without a sequence"))?;
            let revs = row
                .get("changes")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("has a row without changes"))?
                .iter()
                .map(|c| c.get("rev").and_then(Value::as_str).and_then(Rev::parse).ok_or_else(|| bad("has an unreadable revision")))
                .collect::<Result<Vec<_>, _>>()?;
            let deleted = row.get("deleted").and_then(Value::as_bool).unwrap_or(false);
            changes.push(Change { seq, id: id.to_string(), revs, deleted });
        }
        let last_seq = match answer.get("last_seq") {
            Some(seq) if !seq.is_null() => seq.clone(),
            _ => changes.last().map(|c| c.seq.clone()).ok_or_else(|| bad("has no last sequence"))?,
        };
        Ok(ChangesPage { changes, last_seq, pending: answer.get("pending").and_then(Value::as_u64) })
    }
}

/// `_revs_diff` body: `{doc id: [revs]}`.
pub fn revs_diff_request(docs: &[(String, Vec<Rev>)]) -> Value {
    let map: serde_json::Map<String, Value> =
        docs.iter().map(|(id, revs)| (id.clone(), Value::Array(revs.iter().map(|r| Value::String(r.to_string())).collect()))).collect();
    Value::Object(map)
}

/// `_revs_diff` answer: the revisions the other side lacks, per document.
pub fn read_revs_diff(answer: &Value) -> Result<BTreeMap<String, Vec<Rev>>, ProtocolError> {
    let map = answer.as_object().ok_or_else(|| ProtocolError("the revision check answered something else".into()))?;
    let mut missing = BTreeMap::new();
    for (id, entry) in map {
        let revs = entry
            .get("missing")
            .and_then(Value::as_array)
            .map(|revs| revs.iter().filter_map(|r| r.as_str().and_then(Rev::parse)).collect::<Vec<_>>())
            .unwrap_or_default();
        if !revs.is_empty() {
            missing.insert(id.clone(), revs);
        }
    }
    Ok(missing)
}

/// `_bulk_get` body for these revisions (with `?revs=true` on the URL).
pub fn bulk_get_request(wanted: &[(String, Rev)]) -> Value {
    json!({ "docs": wanted.iter().map(|(id, rev)| json!({"id": id, "rev": rev.to_string()})).collect::<Vec<_>>() })
}

/// `_bulk_get` answer: each document found, or the error the server gave for it.
pub fn read_bulk_get(answer: &Value) -> Result<Vec<Result<Value, String>>, ProtocolError> {
    let results =
        answer.get("results").and_then(Value::as_array).ok_or_else(|| ProtocolError("the document fetch has no results".into()))?;
    let mut docs = Vec::new();
    for result in results {
        for entry in result.get("docs").and_then(Value::as_array).into_iter().flatten() {
            docs.push(read_ok_or_error(entry));
        }
    }
    Ok(docs)
}

fn read_ok_or_error(entry: &Value) -> Result<Value, String> {
    match (entry.get("ok"), entry.get("error")) {
        (Some(doc), _) => Ok(doc.clone()),
        (None, Some(error)) => Err(error.get("error").or(Some(error)).map(|e| e.to_string()).unwrap_or_default()),
        _ => Err("an unreadable entry".into()),
    }
}

/// The path (after the database URL) that fetches revisions one document at a time, for
/// servers without `_bulk_get`.
pub fn open_revs_path(doc_id: &str, revs: &[Rev]) -> String {
    let list = Value::Array(revs.iter().map(|r| Value::String(r.to_string())).collect()).to_string();
    format!("/{}?revs=true&latest=true&open_revs={}", encode_component(doc_id), encode_component(&list))
}

/// The answer to [`open_revs_path`] (asked with `Accept: application/json`).
pub fn read_open_revs(answer: &Value) -> Result<Vec<Result<Value, String>>, ProtocolError> {
    let entries = answer.as_array().ok_or_else(|| ProtocolError("the document fetch answered something else".into()))?;
    Ok(entries.iter().map(read_ok_or_error).collect())
}

/// `_bulk_docs` body that stores revisions as they are (`new_edits: false`).
pub fn bulk_docs_request(docs: Vec<Value>) -> Value {
    json!({ "docs": docs, "new_edits": false })
}

/// The documents `_bulk_docs` refused (id and the server's reason).
pub fn read_bulk_docs(answer: &Value) -> Vec<(String, String)> {
    answer
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|row| {
                    let error = row.get("error")?.as_str()?;
                    let reason = row.get("reason").and_then(Value::as_str).unwrap_or(error);
                    Some((row.get("id").and_then(Value::as_str).unwrap_or_default().to_string(), reason.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).unwrap()
    }

    #[test]
    fn the_replication_id_depends_on_every_input() {
        let a = replication_id(&["push", "accord", "http://x/db", "everything"]);
        assert_eq!(a, replication_id(&["push", "accord", "http://x/db", "everything"]));
        assert_ne!(a, replication_id(&["pull", "accord", "http://x/db", "everything"]));
        assert_ne!(replication_id(&["ab", "c"]), replication_id(&["a", "bc"]), "parts are separated");
        assert_eq!(checkpoint_doc_id(&a), format!("_local/{a}"));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn checkpoints_agreeing_on_the_session_resume_there() {
        let one = Checkpoint::advanced(None, "s1", json!(10));
        let two = Checkpoint::advanced(Some(&one), "s2", json!("20-g1AAAA"));
        assert_eq!(two.history.len(), 2);
        assert_eq!(start_seq(Some(&two), Some(&two)), json!("20-g1AAAA"), "opaque string sequences are kept as they are");
        // The server lost the last write: both still share session s1.
        assert_eq!(start_seq(Some(&two), Some(&one)), json!(10));
        // Nothing in common, or a side without a checkpoint: from the start.
        let other = Checkpoint::advanced(None, "s9", json!(99));
        assert_eq!(start_seq(Some(&two), Some(&other)), json!(0));
        assert_eq!(start_seq(None, Some(&two)), json!(0));
        assert_eq!(start_seq(Some(&two), None), json!(0));
        let mut long = None;
        for i in 0..8 {
            long = Some(Checkpoint::advanced(long.as_ref(), &format!("s{i}"), json!(i)));
        }
        assert_eq!(long.unwrap().history.len(), HISTORY_LENGTH);
        let doc = json!({"_id": "_local/x", "_rev": "0-3", "session_id": "s1", "source_last_seq": 5, "history": []});
        assert_eq!(Checkpoint::read(&doc).unwrap().source_last_seq, json!(5));
        assert_eq!(Checkpoint::read(&json!({"error": "not_found"})), None);
    }

    #[test]
    fn changes_read_with_integer_and_string_sequences() {
        let pouch = json!({"results": [
            {"seq": 3, "id": "goals:g1", "changes": [{"rev": "2-b"}, {"rev": "2-c"}]},
            {"seq": 4, "id": "engagements:e1", "changes": [{"rev": "3-d"}], "deleted": true}
        ], "last_seq": 4});
        let page = ChangesPage::read(&pouch).unwrap();
        assert_eq!(page.changes.len(), 2);
        assert_eq!(page.changes[0].revs, vec![rev("2-b"), rev("2-c")], "every leaf (style=all_docs)");
        assert!(page.changes[1].deleted);
        assert_eq!(page.last_seq, json!(4));
        assert_eq!(seq_param(&page.last_seq), "4");
        let couch = json!({"results": [{"seq": "7-g1AAAAB", "id": "goals:g1", "changes": [{"rev": "1-a"}]}], "last_seq": "7-g1AAAAB", "pending": 12});
        let page = ChangesPage::read(&couch).unwrap();
        assert_eq!(page.last_seq, json!("7-g1AAAAB"));
        assert_eq!(seq_param(&page.last_seq), "7-g1AAAAB");
        assert_eq!(page.pending, Some(12));
        assert_eq!(ChangesPage::read(&json!({"results": [], "last_seq": 0})).unwrap().changes, vec![]);
        assert!(ChangesPage::read(&json!({"rows": []})).is_err());
        assert!(ChangesPage::read(&json!({"results": [{"seq": 1, "id": "x", "changes": [{"rev": "bad"}]}]})).is_err());
        assert!(ChangesPage::read(&json!({"results": [{"seq": 1, "changes": []}]})).is_err());
    }

    #[test]
    fn revs_diff_bulk_get_and_bulk_docs_speak_the_protocol() {
        let body = revs_diff_request(&[("goals:g1".into(), vec![rev("1-a"), rev("2-b")])]);
        assert_eq!(body, json!({"goals:g1": ["1-a", "2-b"]}));
        let missing =
            read_revs_diff(&json!({"goals:g1": {"missing": ["2-b"], "possible_ancestors": ["1-a"]}, "goals:g2": {"missing": []}})).unwrap();
        assert_eq!(missing.len(), 1);
        assert_eq!(missing["goals:g1"], vec![rev("2-b")]);
        assert!(read_revs_diff(&json!([1])).is_err());

        assert_eq!(bulk_get_request(&[("goals:g1".into(), rev("2-b"))]), json!({"docs": [{"id": "goals:g1", "rev": "2-b"}]}));
        let got = read_bulk_get(&json!({"results": [
            {"id": "goals:g1", "docs": [{"ok": {"_id": "goals:g1", "_rev": "2-b"}}]},
            {"id": "goals:g2", "docs": [{"error": {"id": "goals:g2", "rev": "1-x", "error": "not_found", "reason": "missing"}}]}
        ]}))
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap()["_rev"], "2-b");
        assert!(got[1].is_err());

        let path = open_revs_path("goals:g1", &[rev("2-b")]);
        assert_eq!(path, "/goals%3Ag1?revs=true&latest=true&open_revs=%5B%222-b%22%5D");
        let opened = read_open_revs(&json!([{"ok": {"_id": "goals:g1"}}, {"missing": "3-x"}])).unwrap();
        assert!(opened[0].is_ok() && opened[1].is_err());

        assert_eq!(bulk_docs_request(vec![json!({"_id": "a"})])["new_edits"], false);
        let refused =
            read_bulk_docs(&json!([{"id": "goals:g1", "rev": "2-b"}, {"id": "goals:g2", "error": "forbidden", "reason": "Only admins"}]));
        assert_eq!(refused, vec![("goals:g2".to_string(), "Only admins".to_string())]);
        assert!(read_bulk_docs(&json!({})).is_empty(), "new_edits:false may answer with nothing to report");
    }

    #[test]
    fn components_are_encoded_for_urls() {
        assert_eq!(encode_component("engagements:ab-1"), "engagements%3Aab-1");
        assert_eq!(encode_component("a/b c"), "a%2Fb%20c");
        assert_eq!(encode_component("ü"), "%C3%BC");
    }
}
