//! This device's signing key ([`Store::device_key`]): made on first use, kept in `meta`
//! under `signing-key` as the browser's own non-extractable key object (so its private
//! bytes can be read by no script), never sealed, synced, backed up or exported. The rules
//! are in `domain::signing`; the WebCrypto calls in `platform::signing`.

use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

use super::{commit, schema, Store, StoreError};
use crate::platform::signing::{self, KeyPair, Prefer};

/// The `meta` key the device's key pair is kept under.
const KEY: &str = "signing-key";

impl Store {
    /// This device's key pair, made the first time it is asked for (Ed25519 where the
    /// browser has it, else ECDSA P-256). Two tabs asking at once keep one key: the first
    /// written wins, and both return it.
    pub async fn device_key(&self) -> Result<KeyPair, StoreError> {
        self.device_key_with(Prefer::Best).await
    }

    /// As [`Store::device_key`], choosing which algorithm a new key tries first.
    pub async fn device_key_with(&self, prefer: Prefer) -> Result<KeyPair, StoreError> {
        if let Some(pair) = self.stored_device_key().await? {
            return Ok(pair);
        }
        let made = signing::generate(prefer).await.map_err(StoreError::Failed)?;
        let value = signing::to_stored(&made).map_err(StoreError::Failed)?;
        js_sys::Reflect::set(&value, &"key".into(), &KEY.into()).map_err(|e| StoreError::Failed(format!("{e:?}")))?;
        let tx = self.write(schema::META)?;
        let store = tx.object_store(schema::META)?;
        let existing: Option<JsValue> = store.get(KEY).primitive()?.await?;
        if existing.is_none() {
            store.put(value).primitive()?.await?;
        }
        commit(tx).await?;
        self.stored_device_key().await?.ok_or_else(|| StoreError::Failed("the signing key was not kept".into()))
    }

    async fn stored_device_key(&self) -> Result<Option<KeyPair>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(KEY).primitive()?.await?;
        drop(tx);
        value.map(|v| signing::from_stored(&v).map_err(StoreError::Failed)).transpose()
    }
}
