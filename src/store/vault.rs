//! Passphrase protection commands: turn it on ([`Store::protect`]), unlock at start
//! ([`Store::unlock`]), change the passphrase, turn it off, lock. The rules and formats
//! live in [`crate::domain::vault`]; sealing in `platform::crypto`; how records are kept
//! sealed in `io.rs`.
//!
//! The [`VaultHeader`] sits in the `meta` store under the key `"vault"`. Turning
//! protection on, changing the passphrase or turning it off rewrites every record and the
//! header in one strict transaction, so the data is never half sealed.

use crate::msg;
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::io::{Codec, Expect, Put};
use super::{schema, Store, StoreError};
use crate::domain::vault::{VaultHeader, CHECK_AAD, CHECK_TEXT};
use crate::domain::Record;
use crate::platform::crypto;

/// The header as the `meta` store keeps it.
#[derive(Serialize, Deserialize)]
struct VaultFact {
    key: String,
    header: VaultHeader,
}

/// Whether the data is protected with a passphrase, and whether it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    Off,
    Locked,
    Unlocked,
}

impl Store {
    /// Whether a passphrase protects the data, and whether it has been entered.
    pub fn protection(&self) -> Protection {
        match self.codec() {
            Codec::Plain => Protection::Off,
            Codec::Locked => Protection::Locked,
            Codec::Sealed { .. } => Protection::Unlocked,
        }
    }

    /// Reads whether protection is on (at open): if so, the store starts locked.
    pub(super) async fn load_protection(&self) -> Result<(), StoreError> {
        if self.header().await?.is_some() {
            self.set_codec(Codec::Locked);
        }
        Ok(())
    }

    async fn header(&self) -> Result<Option<VaultHeader>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let fact: Option<VaultFact> = tx.object_store(schema::META)?.get(schema::VAULT_KEY).serde()?.await?;
        Ok(fact.map(|f| f.header))
    }

    /// Opens protected data with its passphrase. A wrong passphrase changes nothing.
    pub async fn unlock(&self, passphrase: &str) -> Result<(), StoreError> {
        let header = self.header().await?.ok_or_else(|| StoreError::Refused(msg!("Your data has no passphrase set.")))?;
        header.check_readable()?;
        let key = crypto::derive_key(&header.kdf, passphrase).await?;
        let check = crypto::open(&key, CHECK_AAD, &header.check).await?;
        if check != CHECK_TEXT {
            return Err(StoreError::WrongPassphrase);
        }
        self.set_codec(Codec::Sealed { key, check: header.check.ct });
        Ok(())
    }

    /// Another tab changed the protection: stop reading and writing until this tab reloads.
    pub fn stop_after_change_elsewhere(&self) {
        self.set_codec(Codec::Locked);
    }

    /// Forgets the key: nothing can be read until the passphrase is entered again.
    pub fn lock(&self) {
        if self.protection() == Protection::Unlocked {
            self.set_codec(Codec::Locked);
        }
    }

    /// Turns protection on: derives a key from `passphrase` and seals every record.
    /// Returns how many records were sealed.
    pub async fn protect(&self, passphrase: &str) -> Result<usize, StoreError> {
        if self.protection() != Protection::Off {
            return Err(StoreError::Refused(msg!("Your data is already protected with a passphrase.")));
        }
        let sealed = new_key(passphrase).await?;
        let written = self.reseal(&Codec::Plain, sealed).await?;
        Ok(written)
    }

    /// Changes the passphrase: checks the current one, then seals everything again with a
    /// key from the new one.
    pub async fn change_passphrase(&self, current: &str, new: &str) -> Result<(), StoreError> {
        let old = self.confirm_passphrase(current).await?;
        self.reseal(&old, new_key(new).await?).await?;
        Ok(())
    }

    /// Turns protection off (after checking the passphrase): every record is stored
    /// plainly again.
    pub async fn unprotect(&self, current: &str) -> Result<(), StoreError> {
        let old = self.confirm_passphrase(current).await?;
        if self.sync_settings().await?.is_some_and(|s| s.data_key.is_some()) {
            return Err(StoreError::Refused(msg!(
                "Sync on this device is encrypted end to end, which needs passphrase protection. Untick “Encrypt end to end” in the sync settings, or stop syncing, first."
            )));
        }
        self.reseal(&old, (Codec::Plain, None)).await?;
        Ok(())
    }

    /// The current passphrase's codec, if `passphrase` is it.
    async fn confirm_passphrase(&self, passphrase: &str) -> Result<Codec, StoreError> {
        let header = self.header().await?.ok_or_else(|| StoreError::Refused(msg!("Your data has no passphrase set.")))?;
        let key = crypto::derive_key(&header.kdf, passphrase).await?;
        if crypto::open(&key, CHECK_AAD, &header.check).await? != CHECK_TEXT {
            return Err(StoreError::WrongPassphrase);
        }
        Ok(Codec::Sealed { key, check: header.check.ct })
    }

    /// Rewrites every record from one form to another and sets (or removes) the header,
    /// in one strict transaction, then uses the new form. A record that cannot be read
    /// stops it: nothing is lost.
    async fn reseal(&self, from: &Codec, (to, header): (Codec, Option<VaultHeader>)) -> Result<usize, StoreError> {
        let snapshot = self.snapshot(&schema::RECORD_STORES).await?;
        let mut puts = Vec::new();
        for (store, values) in schema::RECORD_STORES.iter().zip(snapshot) {
            let mut records = Vec::with_capacity(values.len());
            for record in self.open_values_with::<serde_json::Value>(from, store, values).await {
                records.push(
                    record
                        .map_err(|e| StoreError::Failed(format!("a record in {store} could not be read, so nothing was changed: {e}")))?,
                );
            }
            let expected: Vec<(&Record<serde_json::Value>, Expect)> = records.iter().map(|r| (r, Expect::At(r.revision))).collect();
            puts.extend(self.prepare_with(&to, store, &expected).await?);
        }
        let written = puts.len();
        // Sync keeps the bodies of conflicting versions: they change form with the records.
        puts.extend(self.reseal_sync_states(from, &to).await?);
        // So do the sync settings, with the server password and the shared key.
        puts.extend(self.reseal_sync_settings(from, &to).await?);
        // And text typed but not saved yet.
        puts.extend(self.reseal_unsaved(from, &to).await?);
        // And what was exchanged with the other parties (it holds shared content).
        puts.extend(self.reseal_ledgers(from, &to).await?);
        let fact = match header {
            Some(header) => Some(
                serde_wasm_bindgen::to_value(&VaultFact { key: schema::VAULT_KEY.into(), header })
                    .map_err(|e| StoreError::Failed(e.to_string()))?,
            ),
            None => None,
        };
        puts.push(Put::raw(schema::META, schema::VAULT_KEY, fact));
        self.apply_as(from, puts, &|_, _| {}).await?;
        self.set_codec(to);
        Ok(written)
    }
}

/// A fresh key from `passphrase`, as a codec, and the header that lets it be checked later.
async fn new_key(passphrase: &str) -> Result<(Codec, Option<VaultHeader>), StoreError> {
    let params = crypto::new_params()?;
    let key = crypto::derive_key(&params, passphrase).await?;
    let check = crypto::seal(&key, CHECK_AAD, CHECK_TEXT).await?;
    let codec = Codec::Sealed { key, check: check.ct.clone() };
    Ok((codec, Some(VaultHeader::new(params, check))))
}

impl Put {
    /// A plain value (or, with `None`, a deletion) under `key`, whatever is there now.
    pub(super) fn raw(store: &'static str, key: &str, value: Option<JsValue>) -> Put {
        Put::new(store, key, Expect::Any, value)
    }
}
