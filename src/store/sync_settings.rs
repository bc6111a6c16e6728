//! Sync settings, status and checkpoints, kept in `meta`: [`SyncSettings`] (where and what
//! to sync, and the shared end-to-end key, sealed with the device key under protection),
//! [`WireOptions`] (what the server's copy holds), when this device last synced, the
//! replication checkpoints, and how many changes are waiting to go up.

use std::collections::BTreeSet;

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::changes::{mark_changed, read_change_seq, write_change_seq, Fact};
use super::io::{from_js, to_js, Codec, Put};
use super::{schema, Store, StoreError};
use crate::domain::sync::key::SyncDataKey;
use crate::domain::sync::replication::Checkpoint;
use crate::domain::sync::target::{Scope, SyncTarget};
use crate::domain::vault::SealedBox;
use crate::domain::Timestamp;
use crate::msg;
use crate::platform::crypto;

const TARGET_KEY: &str = "sync_target";
const LAST_SYNCED_KEY: &str = "sync_last";
const CHECKPOINT_PREFIX: &str = "sync_checkpoint:";

fn failed(what: impl std::fmt::Display) -> StoreError {
    StoreError::Failed(what.to_string())
}

/// What the server's copy holds: the options of the sync target that change documents,
/// and, end to end, the shared key documents are sealed with ([`SyncSettings::key_for`]).
#[derive(Clone, Debug)]
pub struct WireOptions {
    pub scope: Scope,
    pub exclude_private_notes: bool,
    /// Documents go sealed with `key`; without a key nothing is pushed.
    pub end_to_end: bool,
    pub key: Option<crypto::Key>,
}

impl WireOptions {
    pub fn new(target: &SyncTarget, key: Option<crypto::Key>) -> Self {
        WireOptions { scope: target.scope.clone(), exclude_private_notes: target.exclude_private_notes, end_to_end: target.end_to_end, key }
    }
}

/// This device's sync settings: where and what to sync, and the shared key for end-to-end
/// encryption once this device has it. With passphrase protection on they are kept
/// sealed (the password and the key never lie in the database in the clear).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSettings {
    pub target: SyncTarget,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_key: Option<SyncDataKey>,
}

impl SyncSettings {
    pub fn new(target: SyncTarget, data_key: Option<SyncDataKey>) -> Self {
        SyncSettings { target, data_key }
    }

    /// The shared key, if it is for `target`'s database and end-to-end is on.
    pub fn key_for(&self, target: &SyncTarget) -> Option<&SyncDataKey> {
        self.data_key.as_ref().filter(|_| target.end_to_end && self.target.database_url() == target.database_url())
    }
}

/// How the settings are kept in `meta`: plainly (`value`, the target alone, as before
/// protection existed) or sealed whole.
#[derive(Serialize, Deserialize)]
struct SettingsFact {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<SyncTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<SealedBox>,
}

/// The additional data the sealed settings are bound to.
const SETTINGS_AAD: &[u8] = b"accord/sync-settings/v1";

impl Store {
    // ----- Settings, status, checkpoints ------------------------------------------

    async fn fact<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(key).primitive()?.await?;
        drop(tx);
        match value {
            None => Ok(None),
            Some(value) => Ok(from_js::<Fact<T>>(&value).ok().map(|f| f.value)),
        }
    }

    async fn put_fact<T: Serialize>(&self, key: &str, value: T) -> Result<(), StoreError> {
        let tx = self.write(schema::META)?;
        tx.object_store(schema::META)?.put(to_js(&Fact { key: key.to_string(), value })?).primitive()?.await?;
        super::commit(tx).await
    }

    /// The sync target, if sync is set up.
    pub async fn sync_target(&self) -> Result<Option<SyncTarget>, StoreError> {
        Ok(self.sync_settings().await?.map(|s| s.target))
    }

    /// The sync settings, if sync is set up ([`StoreError::Locked`] while sealed and locked).
    pub async fn sync_settings(&self) -> Result<Option<SyncSettings>, StoreError> {
        self.read_settings(&self.codec()).await
    }

    /// The settings as stored, opened with `codec`.
    async fn read_settings(&self, codec: &Codec) -> Result<Option<SyncSettings>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(TARGET_KEY).primitive()?.await?;
        drop(tx);
        match value {
            None => Ok(None),
            Some(value) => Self::open_settings(codec, &value).await,
        }
    }

    async fn open_settings(codec: &Codec, value: &JsValue) -> Result<Option<SyncSettings>, StoreError> {
        let Ok(fact) = from_js::<SettingsFact>(value) else { return Ok(None) };
        match (fact.value, fact.sealed) {
            (Some(target), None) => Ok(Some(SyncSettings::new(target, None))),
            (_, Some(sealed)) => match codec {
                Codec::Sealed { key, .. } => {
                    let bytes = crypto::open(key, SETTINGS_AAD, &sealed).await.map_err(|e| failed(e.to_string()))?;
                    Ok(Some(serde_json::from_slice(&bytes).map_err(failed)?))
                }
                Codec::Locked => Err(StoreError::Locked),
                Codec::Plain => Err(failed("sealed sync settings while protection is off")),
            },
            (None, None) => Ok(None),
        }
    }

    /// The settings as `codec` keeps them: sealed with protection on; plainly without,
    /// where a shared key cannot be kept (end-to-end needs protection).
    async fn settings_fact(codec: &Codec, settings: &SyncSettings) -> Result<JsValue, StoreError> {
        let fact = match codec {
            Codec::Sealed { key, .. } => {
                let bytes = serde_json::to_vec(settings).map_err(failed)?;
                let sealed = crypto::seal(key, SETTINGS_AAD, &bytes).await.map_err(|e| failed(e.to_string()))?;
                SettingsFact { key: TARGET_KEY.into(), value: None, sealed: Some(sealed) }
            }
            Codec::Locked => return Err(StoreError::Locked),
            Codec::Plain if settings.data_key.is_some() => {
                return Err(StoreError::Refused(msg!("End-to-end encrypted sync needs passphrase protection turned on and unlocked.")))
            }
            Codec::Plain => SettingsFact { key: TARGET_KEY.into(), value: Some(settings.target.clone()), sealed: None },
        };
        to_js(&fact)
    }

    /// Saves (or, with `None`, removes) the sync settings. They stay on this device, in
    /// `meta`, sealed when protection is on; they are not part of backups, and the rescue
    /// copy leaves them out.
    pub async fn save_sync_settings(&self, settings: Option<&SyncSettings>) -> Result<(), StoreError> {
        let value = match settings {
            Some(settings) => Some(Self::settings_fact(&self.codec(), settings).await?),
            None => None,
        };
        self.apply_as(&self.codec(), vec![Put::raw(schema::META, TARGET_KEY, value)], &|_, _| {}).await
    }

    /// The settings rewritten from one form to another (protection turned on, off, or a
    /// new passphrase), for the same transaction as the records.
    pub(super) async fn reseal_sync_settings(&self, from: &Codec, to: &Codec) -> Result<Option<Put>, StoreError> {
        let Some(settings) = self.read_settings(from).await? else { return Ok(None) };
        Ok(Some(Put::raw(schema::META, TARGET_KEY, Some(Self::settings_fact(to, &settings).await?))))
    }

    /// When sync last completed.
    pub async fn sync_last_synced(&self) -> Result<Option<Timestamp>, StoreError> {
        self.fact(LAST_SYNCED_KEY).await
    }

    pub async fn set_sync_last_synced(&self, at: Timestamp) -> Result<(), StoreError> {
        self.put_fact(LAST_SYNCED_KEY, at).await
    }

    /// This device's copy of a replication checkpoint.
    pub async fn sync_checkpoint(&self, replication_id: &str) -> Result<Option<Checkpoint>, StoreError> {
        self.fact(&format!("{CHECKPOINT_PREFIX}{replication_id}")).await
    }

    pub async fn save_sync_checkpoint(&self, replication_id: &str, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        self.put_fact(&format!("{CHECKPOINT_PREFIX}{replication_id}"), checkpoint).await
    }

    /// How many records changed here after local change `since` (waiting to be pushed).
    pub async fn sync_pending(&self, since: u64) -> Result<u64, StoreError> {
        let tx = self.db.transaction(schema::SYNC_CHANGES).build()?;
        let object_store = tx.object_store(schema::SYNC_CHANGES)?;
        let index = object_store.index(schema::SYNC_CHANGES_BY_SEQ)?;
        let count =
            index.count().with_query::<JsValue, _>(KeyRange::LowerBound(JsValue::from_f64(since as f64), true)).primitive()?.await?;
        Ok(u64::from(count))
    }

    /// The local change sequence reached. Every record write moves it, those a pull makes
    /// too, so a screen can tell whether a sync changed anything.
    pub async fn sync_change_seq(&self) -> Result<u64, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        read_change_seq(&tx).await
    }

    /// Gives a change marker to every record that has none (records from before sync
    /// existed), so the first push includes them.
    pub async fn sync_mark_unsynced(&self) -> Result<(), StoreError> {
        let mut names: Vec<&'static str> = schema::RECORD_STORES.iter().copied().chain([schema::SYNC_CHANGES, schema::META]).collect();
        names.sort_unstable();
        let tx = self.write(names.as_slice())?;
        let marked: Vec<JsValue> =
            tx.object_store(schema::SYNC_CHANGES)?.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        let marked: BTreeSet<String> = marked.iter().filter_map(JsValue::as_string).collect();
        let mut seq = read_change_seq(&tx).await?;
        let start = seq;
        for store in schema::RECORD_STORES {
            let keys: Vec<JsValue> = tx.object_store(store)?.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
            for id in keys.iter().filter_map(JsValue::as_string) {
                if !marked.contains(&format!("{store}:{id}")) {
                    seq += 1;
                    mark_changed(&tx, store, &id, seq)?;
                }
            }
        }
        if seq != start {
            write_change_seq(&tx, seq)?;
        }
        super::commit(tx).await
    }
}
