//! The store: the only code that touches IndexedDB.
//!
//! [`Store`] is a handle to one database and offers named commands
//! ([`Store::create_engagement`], [`Store::update_engagement`], [`Store::delete_engagement`],
//! [`Store::restore_engagement`], [`Store::get_engagement`], [`Store::list_engagements`]).
//! Each command writes in one transaction; every write asks for strict durability, so a
//! saved change is on disk before the command returns. The UI never opens a transaction or
//! names an object store.
//!
//! Records are stored in the [`Record`] envelope (string id, revision, timestamps,
//! deleted flag). Deleting marks the record deleted (a tombstone) so it can be restored.
//! Failures become a [`StoreError`] that can say in plain words what happened.
//! [`schema`] holds the numbered migrations. Contract commands (start, save draft,
//! propose, agree, import a proposal or an agreement, re-contract, own templates) are in
//! `contracts.rs`; goal commands (list, create, save, delete, bring in the contract's goals)
//! in `goals.rs`; sessions in `sessions.rs`; the client's check-ins on actions in
//! `check_ins.rs`; relationship updates (make, read, apply, and the exchange ledger) in
//! `relationship.rs`; who the device's owner is in each engagement in `perspectives.rs`;
//! supervision and reports in `evidence.rs`; backups in `backup.rs`. Every command reads and writes through `io.rs`, which keeps
//! records plain or sealed ([`Protection`]); passphrase commands are in `vault.rs`.
//! Sync bookkeeping: the change marker every write leaves in `changes.rs`; revision trees,
//! what to push, merging what was pulled and conflicts in `sync.rs`; settings, status and
//! checkpoints in `sync_settings.rs`; the replicator in `crate::sync` uses it
//! through commands and never opens a transaction. Text typed but not saved yet is kept
//! on the device by `unsaved.rs` ([`UnsavedText`]).

mod assessments;
mod attention;
mod backup;
mod changes;
mod check_ins;
mod contracts;
mod erasure;
pub mod error;
mod evidence;
mod goals;
mod io;
mod js;
mod perspectives;
pub mod preferences;
mod relationship;
pub mod schema;
mod sessions;
mod signing_key;
mod sync;
mod sync_settings;
mod unsaved;
mod vault;

use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionDurability, TransactionMode, TransactionOptions};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::domain::engagement::sort_for_list;
use crate::domain::kinds::RecordKind;
use crate::domain::{Engagement, Record, RecordId};
use crate::platform::{clock, ids};
use io::{Expect, SharedCodec};

pub use error::StoreError;
pub use relationship::{AppliedUpdate, Exchange};
pub use schema::SCHEMA_VERSION;
pub use sync::{ApplyReport, Conflict, ConflictVersion, OutgoingBatch, OutgoingDoc};
pub use sync_settings::{SyncSettings, WireOptions};
pub use unsaved::{UnsavedText, UnsavedTexts};
pub use vault::Protection;

/// The database the app uses in a browser profile.
pub const DEFAULT_DATABASE: &str = "accord";

/// A handle to the app's database. Cheap to clone; safe to put in a Leptos context
/// (the browser runs it on one thread).
#[derive(Clone)]
pub struct Store {
    db: SendWrapper<Rc<Database>>,
    /// Plain, locked or sealed: shared by every clone of this handle.
    codec: SendWrapper<SharedCodec>,
    /// This device's signing key once read (`signing_key`): shared by every clone.
    device_key: SendWrapper<Rc<std::cell::RefCell<Option<crate::platform::signing::KeyPair>>>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("name", &self.db.name()).finish()
    }
}

impl Store {
    /// Opens (creating or upgrading as needed) the app's database.
    /// `on_blocked` runs if another tab holds an older version open and the upgrade
    /// must wait for it.
    pub async fn open(on_blocked: impl Fn() + 'static) -> Result<Store, StoreError> {
        Self::open_named(DEFAULT_DATABASE, on_blocked).await
    }

    /// Opens a database by name; tests use a unique name each.
    pub async fn open_named(name: &str, on_blocked: impl Fn() + 'static) -> Result<Store, StoreError> {
        let db = Database::open(name)
            .with_version(SCHEMA_VERSION)
            .with_on_blocked(move |_event| {
                on_blocked();
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| schema::upgrade(event.old_version() as u32, &db))
            .await
            .map_err(StoreError::from_open)?;
        let store = Store {
            db: SendWrapper::new(Rc::new(db)),
            codec: SendWrapper::new(SharedCodec::default()),
            device_key: SendWrapper::new(Rc::default()),
        };
        store.load_protection().await?;
        Ok(store)
    }

    /// When another tab opens a newer schema, this connection closes so that tab's upgrade
    /// can go ahead (instead of waiting forever), and `on_newer_elsewhere` runs so this tab
    /// can ask the person to reload. Everything already saved stays saved.
    pub fn on_version_change(&self, on_newer_elsewhere: impl Fn() + 'static) {
        let raw: web_sys::IdbDatabase = self.db.as_sys().clone().unchecked_into();
        let connection = raw.clone();
        let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_event| {
            connection.close();
            on_newer_elsewhere();
        });
        raw.set_onversionchange(Some(handler.as_ref().unchecked_ref()));
        // The handler lives as long as the connection, which lives as long as the page.
        handler.forget();
    }

    /// Deletes a whole database by name (tests clean up with this).
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name).map_err(StoreError::from_open)?.await.map_err(StoreError::from)
    }

    pub fn name(&self) -> String {
        self.db.name()
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> u32 {
        self.db.version() as u32
    }

    /// The object stores that exist, sorted by name.
    pub fn object_store_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.db.object_store_names().collect();
        names.sort();
        names
    }

    /// Closes the connection (another tab's upgrade can then proceed).
    pub fn close(&self) {
        let db: &web_sys::IdbDatabase = self.db.as_sys().unchecked_ref();
        db.close();
    }

    // ----- Engagements -------------------------------------------------------------

    /// Saves a new engagement at revision 1.
    pub async fn create_engagement(&self, engagement: Engagement) -> Result<Record<Engagement>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), engagement);
        self.write_records(schema::ENGAGEMENTS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Replaces an engagement's contents, only if nobody changed it since
    /// `expected_revision` was read; otherwise [`StoreError::ChangedElsewhere`].
    pub async fn update_engagement(
        &self,
        id: &RecordId,
        expected_revision: u32,
        engagement: Engagement,
    ) -> Result<Record<Engagement>, StoreError> {
        self.save_at_revision(schema::ENGAGEMENTS, id, expected_revision, engagement).await
    }

    /// Marks an engagement deleted. It disappears from lists and can be restored.
    pub async fn delete_engagement(&self, id: &RecordId) -> Result<Record<Engagement>, StoreError> {
        self.change_including_deleted(schema::ENGAGEMENTS, id, |current: Record<Engagement>| Ok(current.marked_deleted(clock::now()))).await
    }

    /// Brings a deleted engagement back (the undo of [`Store::delete_engagement`]).
    pub async fn restore_engagement(&self, id: &RecordId) -> Result<Record<Engagement>, StoreError> {
        self.change_including_deleted(schema::ENGAGEMENTS, id, |current: Record<Engagement>| Ok(current.restored(clock::now()))).await
    }

    /// Marks a record of any kind deleted (a tombstone, one revision later) so it can be
    /// brought back with [`Store::restore_record`].
    pub async fn delete_record(&self, kind: RecordKind, id: &RecordId) -> Result<(), StoreError> {
        self.change_including_deleted(kind.store(), id, |current: Record<serde_json::Value>| Ok(current.marked_deleted(clock::now())))
            .await?;
        Ok(())
    }

    /// Brings a deleted record of any kind back (the undo of every delete).
    pub async fn restore_record(&self, kind: RecordKind, id: &RecordId) -> Result<(), StoreError> {
        self.change_including_deleted(kind.store(), id, |current: Record<serde_json::Value>| Ok(current.restored(clock::now()))).await?;
        Ok(())
    }

    /// One engagement, or `None` if there is none with that id or it was deleted.
    pub async fn get_engagement(&self, id: &RecordId) -> Result<Option<Record<Engagement>>, StoreError> {
        Ok(self.read::<Engagement>(schema::ENGAGEMENTS, id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// Every engagement not deleted, most recently changed first.
    pub async fn list_engagements(&self) -> Result<Vec<Record<Engagement>>, StoreError> {
        let mut records = self.live(schema::ENGAGEMENTS, None).await?;
        sort_for_list(&mut records);
        Ok(records)
    }

    /// Saves `data` over a record, only if nobody changed it since `expected_revision`
    /// (otherwise [`StoreError::ChangedElsewhere`]): the one compare-and-set save.
    pub(super) async fn save_at_revision<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &'static str,
        id: &RecordId,
        expected_revision: u32,
        data: T,
    ) -> Result<Record<T>, StoreError> {
        self.change(store_name, id, |current: Record<T>| {
            if !current.is_at_revision(expected_revision) {
                return Err(StoreError::ChangedElsewhere);
            }
            Ok(current.revised(clock::now(), data))
        })
        .await
    }

    /// Reads one record that is not deleted, changes it, and writes it back only if
    /// nobody wrote it in between.
    pub(super) async fn change<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &'static str,
        id: &RecordId,
        change: impl FnOnce(Record<T>) -> Result<Record<T>, StoreError>,
    ) -> Result<Record<T>, StoreError> {
        self.change_including_deleted(store_name, id, |current: Record<T>| {
            if current.deleted {
                return Err(StoreError::NotFound);
            }
            change(current)
        })
        .await
    }

    /// Like [`Store::change`], deleted records included (so they can be restored).
    pub(super) async fn change_including_deleted<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &'static str,
        id: &RecordId,
        change: impl FnOnce(Record<T>) -> Result<Record<T>, StoreError>,
    ) -> Result<Record<T>, StoreError> {
        let current = self.read::<T>(store_name, id.as_str()).await?.ok_or(StoreError::NotFound)?;
        let read_at = current.revision;
        let next = change(current)?;
        self.write_records(store_name, &[(&next, Expect::At(read_at))]).await?;
        Ok(next)
    }

    /// A read-write transaction with strict durability.
    fn write<S: indexed_db_futures::database::ObjectStoreName>(&self, store_names: S) -> Result<Transaction<'_>, StoreError> {
        let options = TransactionOptions::new().with_durability(TransactionDurability::Strict);
        Ok(self.db.transaction(store_names).with_mode(TransactionMode::Readwrite).with_options(options).build()?)
    }
}

/// Commits, and if the browser aborts the transaction, reports why (for example that
/// storage is full) instead of a bare "aborted".
async fn commit(tx: Transaction<'_>) -> Result<(), StoreError> {
    let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(error) => Err(match raw.error() {
            Some(reason) => StoreError::from_dom_name(&reason.name(), &reason.message()),
            None => StoreError::from(error),
        }),
    }
}
