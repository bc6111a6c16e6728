//! This device's signing key ([`Store::device_key`]): made on first use, kept in `meta`
//! under `signing-key` as the browser's own non-extractable key object (so its private
//! bytes can be read by no script), never sealed, synced, backed up or exported. The rules
//! are in `domain::signing`; the WebCrypto calls in `platform::signing`. [`Store::sign`]
//! signs with it; [`verified`] checks a signature that arrived; [`Store::check_file`] checks
//! every signature in a file for "Check a file".

use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

use super::{commit, schema, Store, StoreError};
use crate::domain::signed_file::{KnownAs, SignedFile, Verdict};
use crate::domain::signing::{PublicKey, Signature, SignatureError, Unverified};
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

    /// The kept key pair, read from `meta` once and then remembered by this handle.
    async fn stored_device_key(&self) -> Result<Option<KeyPair>, StoreError> {
        if let Some(pair) = self.device_key.borrow().clone() {
            return Ok(Some(pair));
        }
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(KEY).primitive()?.await?;
        drop(tx);
        let pair = value.map(|v| signing::from_stored(&v).map_err(StoreError::Failed)).transpose()?;
        self.device_key.replace(pair.clone());
        Ok(pair)
    }

    /// Signs `input` (from `domain::signing`) with this device's key: the signature as it
    /// travels.
    pub async fn sign(&self, input: &[u8]) -> Result<Signature, StoreError> {
        let pair = self.device_key().await?;
        let bytes = signing::sign(&pair, input).await.map_err(StoreError::Failed)?;
        Ok(Signature::new(&pair.public, &bytes))
    }
}

/// The key whose signature of `input` `signature` is, or why there is none that holds:
/// none at all, one that cannot be read, or one that does not hold. Callers that refuse
/// what it came with turn the reason into a [`StoreError`] (`?` does).
pub async fn verified(signature: Option<&Signature>, input: &[u8]) -> Result<PublicKey, Unverified> {
    let signature = signature.ok_or(Unverified::Unsigned)?;
    let (key, bytes) = signature.read().map_err(Unverified::Unreadable)?;
    match signing::verify(&key, &bytes, input).await {
        Ok(true) => Ok(key),
        Ok(false) => Err(Unverified::DoesNotHold),
        // A key the browser cannot import is as good as no signature.
        Err(_) => Err(Unverified::Unreadable(SignatureError::Damaged)),
    }
}

impl Store {
    /// Each signature in `file` checked, in its order: whether it holds, and whether its key
    /// is this device's own or the one remembered for its party in the engagement. Reads
    /// only.
    pub async fn check_file(&self, file: &SignedFile) -> Result<Vec<Verdict>, StoreError> {
        let mine = self.device_key().await?.public;
        let ledger = self.exchange_ledger(&file.engagement_id).await?;
        let mut verdicts = Vec::with_capacity(file.parts.len());
        for part in &file.parts {
            let verdict = match verified(part.signature.as_ref(), &part.input).await {
                Ok(key) => {
                    let remembered = part.party.and_then(|party| ledger.key_of(party));
                    let known = match remembered {
                        _ if key == mine => KnownAs::Yours,
                        Some(remembered) if *remembered == key => KnownAs::Remembered,
                        Some(remembered) => KnownAs::NotTheOneKnown { remembered: remembered.fingerprint() },
                        None => KnownAs::Unknown,
                    };
                    Verdict::Holds { key: key.fingerprint(), known }
                }
                Err(Unverified::Unsigned) => Verdict::Unsigned,
                Err(Unverified::Unreadable(unreadable)) => Verdict::Unreadable(unreadable.message()),
                Err(Unverified::DoesNotHold | Unverified::OtherKey { .. }) => Verdict::DoesNotHold,
            };
            verdicts.push(verdict);
        }
        Ok(verdicts)
    }
}
