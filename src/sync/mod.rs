//! The replicator: two-way sync with a CouchDB-protocol server.
//!
//! A [`Replicator`] joins one [`Store`] to one [`SyncTarget`] and follows the CouchDB
//! replication protocol. [`Replicator::push`]: local changes since the push checkpoint →
//! `_revs_diff` → `_bulk_docs` with `new_edits: false`, in batches. [`Replicator::pull`]:
//! `_changes` since the pull checkpoint (`style=all_docs`) → the local revision check →
//! `_bulk_get?revs=true` (or one `open_revs` request per document on servers without
//! it) → [`Store::sync_apply_remote`]. After every batch the checkpoint is written to a
//! `_local` document on the server and to this device, so an interrupted sync resumes
//! where it stopped. [`Replicator::test_connection`] tells apart an unreachable server,
//! something that is not a sync server, a wrong password, a forbidden database and a
//! missing one ([`Replicator::create_database`] creates it, only when asked).
//! [`run_continuously`] syncs at start, then whenever the server reports a change (long
//! poll), when asked to ([`SyncControl::sync_now`], which cuts a long poll short), or every
//! half minute, backing off after failures, and reports a [`SyncStatus`].
//!
//! End to end ([`crate::domain::sync::key`]): [`Replicator::join_shared_key`] fetches the
//! database's wrapped key and opens it with the sync passphrase (or, on the first device,
//! makes one and puts it on the server); every push first checks that the server's key is
//! still the one this device holds, puts it back if the server lost it, and refuses to
//! send plaintext to a database that is encrypted end to end.
//!
//! Everything goes through the store's commands; a failed pull leaves local data as it
//! was. Only the configured server is ever asked anything.

pub mod http;

use crate::msg;
use std::cell::Cell;
use std::rc::Rc;

use serde_json::{json, Value};

use crate::domain::sync::doc::{DocId, RemoteDoc};
use crate::domain::sync::key::{wrap_aad, SyncDataKey, SyncKeyDoc, SYNC_KEY_DOC_ID};
use crate::domain::sync::replication::{self as protocol, ChangesPage, Checkpoint, BATCH_SIZE};
use crate::domain::sync::revtree::Rev;
use crate::domain::sync::status::{backoff_seconds, SyncError, SyncState, SyncStatus};
use crate::domain::sync::target::{SignIn, SyncTarget};
use crate::domain::vault::{VaultError, KEY_BYTES};
use crate::domain::Timestamp;
use crate::platform::{clock, crypto, ids};
use crate::store::{ApplyReport, Protection, Store, StoreError, WireOptions};
use http::{Answer, Http};

/// How long a long poll waits for a change before asking again.
const LONGPOLL_MS: u32 = 25_000;

/// What a push did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PushReport {
    /// Records looked at (changed here since the push checkpoint).
    pub checked: usize,
    /// Revisions the server lacked and accepted.
    pub sent: usize,
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub pushed: PushReport,
    /// What merging the server's documents did.
    pub pulled: ApplyReport,
}

/// One device's sync with one target.
pub struct Replicator {
    store: Store,
    target: SyncTarget,
    http: Http,
    batch_size: usize,
    max_batches: usize,
    session_id: String,
}

fn storage(error: StoreError) -> SyncError {
    match error {
        StoreError::Locked => SyncError::NeedsUnlock,
        other => SyncError::Storage(other.user_message()),
    }
}

impl Replicator {
    pub fn new(store: Store, target: SyncTarget) -> Replicator {
        let http = match target.sign_in {
            SignIn::Password => Http::new(target.server_url(), &target.database_url(), &target.username, &target.password),
            SignIn::Session => Http::with_session(target.server_url(), &target.database_url()),
        };
        Replicator { store, target, http, batch_size: BATCH_SIZE, max_batches: usize::MAX, session_id: ids::new_record_id().to_string() }
    }

    /// Smaller batches (tests use this to interrupt a sync half way).
    pub fn with_batch_size(mut self, batch_size: usize) -> Replicator {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Stops each direction after `max_batches` batches, as an interrupted sync would
    /// (the next run resumes from the checkpoint). For syncing in steps, and for tests.
    pub fn with_max_batches(mut self, max_batches: usize) -> Replicator {
        self.max_batches = max_batches.max(1);
        self
    }

    /// The id of this replication in one direction: the same device, database and
    /// options find the same checkpoint.
    fn replication_id(&self, direction: &str) -> String {
        let flags = format!("private:{} e2e:{}", self.target.exclude_private_notes, self.target.end_to_end);
        protocol::replication_id(&[
            direction,
            &self.store.name(),
            &self.target.database_url(),
            &self.target.username,
            &self.target.scope.describe(),
            &flags,
        ])
    }

    /// The options documents travel with and, end to end, the shared key as this device
    /// keeps it (which needs protection on and unlocked, and this device to have joined
    /// the database).
    async fn options(&self) -> Result<(WireOptions, Option<SyncDataKey>), SyncError> {
        if !self.target.end_to_end {
            return Ok((WireOptions::new(&self.target, None), None));
        }
        if self.store.protection() != Protection::Unlocked {
            return Err(SyncError::NeedsUnlock);
        }
        let settings = self.store.sync_settings().await.map_err(storage)?;
        let kept = settings.as_ref().and_then(|s| s.key_for(&self.target)).cloned().ok_or(SyncError::NeedsSyncKey)?;
        let broken = |e: VaultError| SyncError::Storage(e.message());
        let mut raw = kept.raw_bytes().map_err(broken)?;
        let key = crypto::import_key(&raw).await;
        raw.fill(0);
        Ok((WireOptions::new(&self.target, Some(key.map_err(broken)?)), Some(kept)))
    }

    /// The database's key document on the server, if it has one.
    async fn server_key(&self) -> Result<Option<SyncKeyDoc>, SyncError> {
        let answer = self.http.db("GET", &format!("/{SYNC_KEY_DOC_ID}"), None).await?;
        if answer.status == 404 && !is_missing_database(&answer) {
            return Ok(None);
        }
        let body = answer.ok_or(SyncError::DatabaseMissing)?;
        SyncKeyDoc::read(&body).map(Some).map_err(|_| SyncError::SyncKeyUnusable)
    }

    /// Opens the database's shared key with the sync passphrase; on a database that has
    /// none yet, makes one and puts it on the server (wrapped with the passphrase). The
    /// caller keeps it in the sync settings.
    pub async fn join_shared_key(&self, passphrase: &str) -> Result<SyncDataKey, SyncError> {
        for _ in 0..2 {
            if let Some(doc) = self.server_key().await? {
                let wrapping = crypto::derive_key(&doc.kdf, passphrase).await.map_err(|_| SyncError::SyncKeyUnusable)?;
                let raw = match crypto::open(&wrapping, &wrap_aad(&doc.key_id), &doc.wrapped).await {
                    Ok(raw) => raw,
                    Err(VaultError::WrongPassphrase) => return Err(SyncError::WrongSyncPassphrase),
                    Err(_) => return Err(SyncError::SyncKeyUnusable),
                };
                let raw: [u8; KEY_BYTES] = raw.try_into().map_err(|_| SyncError::SyncKeyUnusable)?;
                return Ok(SyncDataKey::new(&raw, doc));
            }
            // The first device: a new random key, wrapped with the passphrase.
            let unusable = |_| SyncError::Storage(msg!("the browser could not make an encryption key"));
            let mut raw = crypto::random::<KEY_BYTES>().map_err(unusable)?;
            let params = crypto::new_params().map_err(unusable)?;
            let wrapping = crypto::derive_key(&params, passphrase).await.map_err(unusable)?;
            let key_id = ids::new_record_id().to_string();
            let wrapped = crypto::seal(&wrapping, &wrap_aad(&key_id), &raw).await.map_err(unusable)?;
            let doc = SyncKeyDoc::new(key_id, params, wrapped);
            let answer = self.http.db("PUT", &format!("/{SYNC_KEY_DOC_ID}"), Some(&doc.to_doc())).await?;
            if answer.status == 409 {
                raw.fill(0);
                continue; // another device made one at the same moment: use that one
            }
            answer.ok_or(SyncError::DatabaseMissing)?;
            let key = SyncDataKey::new(&raw, doc);
            raw.fill(0);
            return Ok(key);
        }
        Err(SyncError::SyncKeyUnusable)
    }

    /// Before pushing: end to end, the server must hold this device's key (put back if the
    /// server lost it; another key means the database was set up again); otherwise the
    /// database must not be an end-to-end one, or plaintext would go among ciphertext.
    async fn check_server_key(&self, ours: Option<&SyncDataKey>) -> Result<(), SyncError> {
        let on_server = self.server_key().await?;
        let Some(ours) = ours else {
            return if on_server.is_some() { Err(SyncError::NeedsSyncKey) } else { Ok(()) };
        };
        match on_server {
            Some(doc) if doc.key_id == ours.key_id() => Ok(()),
            Some(_) => Err(SyncError::WrongKey),
            None => {
                let answer = self.http.db("PUT", &format!("/{SYNC_KEY_DOC_ID}"), Some(&ours.doc.to_doc())).await?;
                if answer.status == 409 {
                    return Err(SyncError::WrongKey);
                }
                answer.ok_or(SyncError::DatabaseMissing).map(|_| ())
            }
        }
    }

    /// Checks the server, the account and the database, with a distinct answer for each
    /// problem.
    pub async fn test_connection(&self) -> Result<(), SyncError> {
        let welcome = self.http.server("GET", "/", None).await?;
        if welcome.status == 200 && welcome.body.get("couchdb").is_none() && welcome.body.get("version").is_none() {
            return Err(SyncError::NotCouch);
        }
        self.http.db("GET", "", None).await?.ok_or(SyncError::DatabaseMissing)?;
        Ok(())
    }

    /// Starts a sign-in session in this browser with the target's user name and
    /// `password` (`POST /_session`); the server's cookie then signs every request in.
    pub async fn start_session(&self, password: &str) -> Result<(), SyncError> {
        let body = json!({ "name": self.target.username, "password": password });
        match self.http.server("POST", "/_session", Some(&body)).await?.ok_or(SyncError::NotCouch) {
            Err(SyncError::SessionEnded) => Err(SyncError::WrongCredentials),
            other => other.map(|_| ()),
        }
    }

    /// Ends this browser's session with the server (when sync stops on this device).
    pub async fn end_session(&self) -> Result<(), SyncError> {
        self.http.server("DELETE", "/_session", None).await?.ok_or(SyncError::NotCouch).map(|_| ())
    }

    /// Creates the database on the server (only when the person asks for it).
    pub async fn create_database(&self) -> Result<(), SyncError> {
        let answer = self.http.db("PUT", "", None).await?;
        if answer.status == 412 {
            return Ok(()); // it exists already
        }
        answer.ok_or(SyncError::ServerError(404)).map(|_| ())
    }

    /// Push, then pull.
    pub async fn sync(&self) -> Result<SyncReport, SyncError> {
        let mut pushed = self.push().await?;
        let pulled = self.pull().await?;
        if pulled.updated > 0 {
            // Records written by the pull carry change markers too: a second push finds
            // the server has them all and moves the checkpoint past them, so the status
            // does not count them as waiting.
            let again = self.push().await?;
            pushed.checked += again.checked;
            pushed.sent += again.sent;
        }
        self.store.set_sync_last_synced(clock::now()).await.map_err(storage)?;
        Ok(SyncReport { pushed, pulled })
    }

    /// The checkpoint on the server (and its `_rev`, needed to update it).
    async fn remote_checkpoint(&self, doc_id: &str) -> Result<(Option<Checkpoint>, Option<String>), SyncError> {
        let answer = self.http.db("GET", &format!("/{doc_id}"), None).await?;
        if answer.status == 404 {
            // No checkpoint yet, unless the database itself is missing.
            if answer.body.get("reason").and_then(Value::as_str).is_some_and(|r| r.contains("Database does not exist") || r == "no_db_file")
            {
                return Err(SyncError::DatabaseMissing);
            }
            return Ok((None, None));
        }
        let body = answer.ok_or(SyncError::DatabaseMissing)?;
        Ok((Checkpoint::read(&body), body.get("_rev").and_then(Value::as_str).map(str::to_string)))
    }

    /// Writes a checkpoint on the server and here; returns the server's new `_rev`.
    async fn save_checkpoint(
        &self,
        replication_id: &str,
        doc_id: &str,
        checkpoint: &Checkpoint,
        rev: Option<String>,
    ) -> Result<Option<String>, SyncError> {
        let mut body = serde_json::to_value(checkpoint).unwrap_or(Value::Null);
        if let Some(rev) = &rev {
            body["_rev"] = Value::String(rev.clone());
        }
        let answer = self.http.db("PUT", &format!("/{doc_id}"), Some(&body)).await?.ok_or(SyncError::DatabaseMissing)?;
        self.store.save_sync_checkpoint(replication_id, checkpoint).await.map_err(storage)?;
        Ok(answer.get("rev").and_then(Value::as_str).map(str::to_string).or(rev))
    }

    /// Sends local changes since the push checkpoint.
    pub async fn push(&self) -> Result<PushReport, SyncError> {
        let (options, kept) = self.options().await?;
        self.check_server_key(kept.as_ref()).await?;
        self.store.sync_mark_unsynced().await.map_err(storage)?;
        let replication_id = self.replication_id("push");
        let doc_id = protocol::checkpoint_doc_id(&replication_id);
        let mut local = self.store.sync_checkpoint(&replication_id).await.map_err(storage)?;
        let (remote, mut remote_rev) = self.remote_checkpoint(&doc_id).await?;
        let mut since = protocol::start_seq(local.as_ref(), remote.as_ref()).as_u64().unwrap_or(0);
        let mut pushed = PushReport::default();
        let mut refused: Vec<(String, String)> = Vec::new();
        for _ in 0..self.max_batches {
            let batch = self.store.sync_outgoing(since, self.batch_size, &options).await.map_err(storage)?;
            pushed.checked += batch.docs.len();
            let offered: Vec<(String, Vec<Rev>)> = batch
                .docs
                .iter()
                .filter(|d| !d.leaves.is_empty())
                .map(|d| (d.doc_id.clone(), d.leaves.iter().map(|(rev, _)| rev.clone()).collect()))
                .collect();
            if !offered.is_empty() {
                let answer = self
                    .http
                    .db("POST", "/_revs_diff", Some(&protocol::revs_diff_request(&offered)))
                    .await?
                    .ok_or(SyncError::DatabaseMissing)?;
                let missing = protocol::read_revs_diff(&answer).map_err(|_| SyncError::NotCouch)?;
                let docs: Vec<Value> = batch
                    .docs
                    .iter()
                    .flat_map(|d| {
                        d.leaves
                            .iter()
                            .filter(|(rev, _)| missing.get(&d.doc_id).is_some_and(|m| m.contains(rev)))
                            .map(|(_, doc)| doc.clone())
                    })
                    .collect();
                if !docs.is_empty() {
                    let count = docs.len();
                    let answer = self
                        .http
                        .db("POST", "/_bulk_docs", Some(&protocol::bulk_docs_request(docs)))
                        .await?
                        .ok_or(SyncError::DatabaseMissing)?;
                    let refusals = protocol::read_bulk_docs(&answer);
                    pushed.sent += count - refusals.len();
                    refused.extend(refusals);
                }
            }
            if batch.last_seq > since {
                let checkpoint = Checkpoint::advanced(local.as_ref(), &self.session_id, json!(batch.last_seq));
                remote_rev = self.save_checkpoint(&replication_id, &doc_id, &checkpoint, remote_rev).await?;
                local = Some(checkpoint);
                since = batch.last_seq;
            } else if batch.more {
                break; // nothing advanced (another tab is syncing): the next run goes on
            }
            if !batch.more {
                break;
            }
        }
        if let Some((_, reason)) = refused.first() {
            return Err(SyncError::Refused { count: refused.len(), reason: reason.clone() });
        }
        Ok(pushed)
    }

    /// Fetches revisions from the server: `_bulk_get`, or one request per document.
    async fn fetch(&self, wanted: &[(String, Vec<Rev>)]) -> Result<(Vec<Value>, usize), SyncError> {
        let pairs: Vec<(String, Rev)> =
            wanted.iter().flat_map(|(id, revs)| revs.iter().map(move |rev| (id.clone(), rev.clone()))).collect();
        let answer = self.http.db("POST", "/_bulk_get?revs=true&latest=true", Some(&protocol::bulk_get_request(&pairs))).await?;
        let results =
            if matches!(answer.status, 400 | 404 | 405 | 501) && answer.body.get("results").is_none() && !is_missing_database(&answer) {
                let mut results = Vec::new();
                for (id, revs) in wanted {
                    let body = self.http.db("GET", &protocol::open_revs_path(id, revs), None).await?.ok_or(SyncError::DatabaseMissing)?;
                    results.extend(protocol::read_open_revs(&body).map_err(|_| SyncError::NotCouch)?);
                }
                results
            } else {
                protocol::read_bulk_get(&answer.ok_or(SyncError::DatabaseMissing)?).map_err(|_| SyncError::NotCouch)?
            };
        let mut docs = Vec::new();
        let mut failed = 0;
        for result in results {
            match result {
                Ok(doc) => docs.push(doc),
                Err(_) => failed += 1,
            }
        }
        Ok((docs, failed))
    }

    /// Brings in changes from the server since the pull checkpoint.
    pub async fn pull(&self) -> Result<ApplyReport, SyncError> {
        let (options, _) = self.options().await?;
        let replication_id = self.replication_id("pull");
        let doc_id = protocol::checkpoint_doc_id(&replication_id);
        let mut local = self.store.sync_checkpoint(&replication_id).await.map_err(storage)?;
        let (remote, mut remote_rev) = self.remote_checkpoint(&doc_id).await?;
        let mut since = protocol::start_seq(local.as_ref(), remote.as_ref());
        let mut total = ApplyReport::default();
        for _ in 0..self.max_batches {
            let path = format!(
                "/_changes?style=all_docs&limit={}&since={}",
                self.batch_size,
                protocol::encode_component(&protocol::seq_param(&since))
            );
            let answer = self.http.db("GET", &path, None).await?.ok_or(SyncError::DatabaseMissing)?;
            let page = ChangesPage::read(&answer).map_err(|_| SyncError::NotCouch)?;
            let offered: Vec<(String, Vec<Rev>)> =
                page.changes.iter().filter(|c| DocId::parse(&c.id).is_some()).map(|c| (c.id.clone(), c.revs.clone())).collect();
            let wanted = self.store.sync_missing(&offered).await.map_err(storage)?;
            if !wanted.is_empty() {
                let (docs, failed) = self.fetch(&wanted).await?;
                total.unreadable += failed;
                let mut remote_docs = Vec::new();
                for doc in &docs {
                    match RemoteDoc::read(doc) {
                        Ok(Some(remote)) => remote_docs.push(remote),
                        Ok(None) => {}
                        Err(_) => total.unreadable += 1,
                    }
                }
                let report = self.store.sync_apply_remote(remote_docs, &options).await.map_err(storage)?;
                total.merged += report.merged;
                total.updated += report.updated;
                total.unreadable += report.unreadable;
                total.wrong_key += report.wrong_key;
                total.needs_key += report.needs_key;
                total.refused += report.refused;
            }
            if page.last_seq != since {
                let checkpoint = Checkpoint::advanced(local.as_ref(), &self.session_id, page.last_seq.clone());
                remote_rev = self.save_checkpoint(&replication_id, &doc_id, &checkpoint, remote_rev).await?;
                local = Some(checkpoint);
                since = page.last_seq.clone();
            }
            if page.changes.len() < self.batch_size {
                break;
            }
        }
        if total.needs_key > 0 {
            return Err(SyncError::NeedsSyncKey);
        }
        if total.wrong_key > 0 {
            return Err(SyncError::WrongKey);
        }
        if total.unreadable > 0 {
            return Err(SyncError::Unreadable { count: total.unreadable });
        }
        if total.refused > 0 {
            return Err(SyncError::Altered { count: total.refused });
        }
        Ok(total)
    }

    /// Waits until the server has changes after the pull checkpoint, or `timeout_ms`
    /// passes (a long poll with a time limit of our own, since some servers ignore theirs).
    pub async fn wait_for_remote_change(&self, timeout_ms: u32) -> Result<(), SyncError> {
        let replication_id = self.replication_id("pull");
        let since = self.store.sync_checkpoint(&replication_id).await.map_err(storage)?.map_or(json!(0), |c| c.source_last_seq);
        let path = format!(
            "/_changes?feed=longpoll&limit=1&timeout={}&since={}",
            timeout_ms.saturating_sub(2_000),
            protocol::encode_component(&protocol::seq_param(&since))
        );
        match self.http.db_with_timeout("GET", &path, None, timeout_ms).await {
            Ok(answer) => answer.ok_or(SyncError::DatabaseMissing).map(|_| ()),
            Err(SyncError::TimedOut) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// The status line's data (without the state, which the caller knows).
    pub async fn status(&self) -> SyncStatus {
        let push = self.store.sync_checkpoint(&self.replication_id("push")).await.ok().flatten();
        let since = push.and_then(|c| c.source_last_seq.as_u64()).unwrap_or(0);
        SyncStatus {
            state: SyncState::Idle,
            last_synced: self.store.sync_last_synced().await.ok().flatten(),
            pending: self.store.sync_pending(since).await.unwrap_or(0),
            conflicts: self.store.sync_conflicts().await.map_or(0, |c| c.len() as u64),
            failures: 0,
        }
    }
}

fn is_missing_database(answer: &Answer) -> bool {
    answer.status == 404
        && answer.body.get("reason").and_then(Value::as_str).is_some_and(|r| r.contains("Database does not exist") || r == "no_db_file")
}

/// A switch to stop [`run_continuously`] and to ask it to sync now.
#[derive(Clone, Default)]
pub struct SyncControl {
    stop: Rc<Cell<bool>>,
    now: Rc<Cell<bool>>,
}

impl SyncControl {
    pub fn stop(&self) {
        self.stop.set(true);
    }

    /// Sync as soon as possible (the "Sync now" button; after a local change).
    pub fn sync_now(&self) {
        self.now.set(true);
    }

    fn stopped(&self) -> bool {
        self.stop.get()
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Sleeps up to `seconds`, waking early to stop or to sync now.
async fn pause(control: &SyncControl, seconds: u32) {
    for _ in 0..seconds * 4 {
        if control.stopped() || control.now.get() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(250).await;
    }
}

/// Returns when sync is asked to go now or to stop.
async fn woken(control: &SyncControl) {
    while !control.stopped() && !control.now.get() {
        gloo_timers::future::TimeoutFuture::new(250).await;
    }
}

/// `Some` with `main`'s result if it finishes first, `None` if `interrupt` does (then
/// `main` is dropped, which aborts its request).
async fn first_of<T>(main: impl std::future::Future<Output = T>, interrupt: impl std::future::Future<Output = ()>) -> Option<T> {
    use std::task::Poll;
    let mut main = std::pin::pin!(main);
    let mut interrupt = std::pin::pin!(interrupt);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(value) = main.as_mut().poll(cx) {
            return Poll::Ready(Some(value));
        }
        if interrupt.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// Syncs while the page is open: at once, then after each change on the server (long
/// poll) or every half minute, backing off after failures. `on_status` hears every
/// change of state. Reads the settings each round, so a change takes effect at once.
pub async fn run_continuously(store: Store, control: SyncControl, on_status: impl Fn(SyncStatus)) {
    let mut failures = 0u32;
    let mut last_synced: Option<Timestamp> = None;
    while !control.stopped() {
        control.now.set(false);
        let target = match store.sync_target().await {
            Ok(Some(target)) => target,
            _ => {
                pause(&control, 5).await;
                continue;
            }
        };
        let replicator = Replicator::new(store.clone(), target);
        if !online() {
            on_status(SyncStatus { state: SyncState::Offline, failures, last_synced, ..replicator.status().await });
            pause(&control, 5).await;
            continue;
        }
        on_status(SyncStatus { state: SyncState::Syncing, failures, ..replicator.status().await });
        match replicator.sync().await {
            Ok(_) => {
                failures = 0;
                let status = replicator.status().await;
                last_synced = status.last_synced;
                on_status(status);
                // Wait for news from the server, or for "sync now" (a local change).
                let waited = first_of(replicator.wait_for_remote_change(LONGPOLL_MS + 5_000), woken(&control)).await;
                if let Some(Err(error)) = waited {
                    if !error.worth_retrying() {
                        pause(&control, 30).await;
                    }
                }
            }
            Err(error) => {
                failures = failures.saturating_add(1);
                let state = if online() { SyncState::Failed(error) } else { SyncState::Offline };
                on_status(SyncStatus { state, failures, ..replicator.status().await });
                pause(&control, backoff_seconds(failures)).await;
            }
        }
    }
}
