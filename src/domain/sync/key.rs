//! The shared key for end-to-end encrypted sync.
//!
//! Every device that syncs one database end to end must seal documents with the same key,
//! and no device passphrase is shared. So the first device makes a random 256-bit data
//! key, wraps it (AES-256-GCM) with a key derived by Argon2id from a **sync passphrase**,
//! and puts the wrapped key on the server as one ordinary document, [`SyncKeyDoc`] (id
//! [`SYNC_KEY_DOC_ID`], not a record, so it replicates with the database and is ignored
//! by the record mapping). Another device fetches that document and unwraps the data key
//! with the same sync passphrase. The server never sees the passphrase or the data key.
//!
//! Each device keeps the unwrapped key as [`SyncDataKey`] inside its sync settings,
//! sealed with its own passphrase protection (the store does that). The key's id tells a
//! device whether the server's key is still the one it holds (a database deleted and set
//! up again gets a new key). [`sync_passphrase_problem`] holds the rules for choosing one.

use base64ct::{Base64, Encoding};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::domain::message::Message;
use crate::domain::vault::{KdfParams, SealedBox, VaultError, KEY_BYTES, MIN_PASSPHRASE_CHARS};
use crate::msg;

/// The id of the document holding the wrapped key.
pub const SYNC_KEY_DOC_ID: &str = "accord-sync-key";
pub const SYNC_KEY_FORMAT: &str = "accord-sync-key";
pub const SYNC_KEY_VERSION: u32 = 1;

/// The additional data the data key is wrapped with: bound to its id.
pub fn wrap_aad(key_id: &str) -> Vec<u8> {
    format!("accord/sync-key/v1/{key_id}").into_bytes()
}

/// The document on the server: the data key wrapped with the sync passphrase's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncKeyDoc {
    pub format: String,
    pub version: u32,
    pub key_id: String,
    pub kdf: KdfParams,
    pub wrapped: SealedBox,
}

impl SyncKeyDoc {
    pub fn new(key_id: String, kdf: KdfParams, wrapped: SealedBox) -> Self {
        Self { format: SYNC_KEY_FORMAT.into(), version: SYNC_KEY_VERSION, key_id, kdf, wrapped }
    }

    /// Reads the server's document strictly (its `_id` and `_rev` are ignored).
    pub fn read(body: &Value) -> Result<Self, VaultError> {
        let doc: SyncKeyDoc =
            serde_json::from_value(body.clone()).map_err(|_| VaultError::Damaged(msg!("the sync key on the server is not readable")))?;
        if doc.format != SYNC_KEY_FORMAT {
            return Err(VaultError::Damaged(msg!("the sync key on the server is not Accord's")));
        }
        if doc.version > SYNC_KEY_VERSION {
            return Err(VaultError::NewerVersion(doc.version));
        }
        if doc.key_id.is_empty() {
            return Err(VaultError::Damaged(msg!("the sync key on the server has no id")));
        }
        doc.kdf.check()?;
        doc.wrapped.iv_bytes()?;
        doc.wrapped.ct_bytes()?;
        Ok(doc)
    }

    /// The document to put on the server.
    pub fn to_doc(&self) -> Value {
        let mut doc = serde_json::to_value(self).unwrap_or(Value::Null);
        doc["_id"] = json!(SYNC_KEY_DOC_ID);
        doc
    }
}

/// The unwrapped data key as a device keeps it (only ever stored sealed), with the
/// server document it came from, so the device can put it back if the server lost it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncDataKey {
    /// Base64 of the 32 key bytes.
    raw: String,
    pub doc: SyncKeyDoc,
}

impl std::fmt::Debug for SyncDataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SyncDataKey({})", self.doc.key_id)
    }
}

impl SyncDataKey {
    pub fn new(raw: &[u8; KEY_BYTES], doc: SyncKeyDoc) -> Self {
        Self { raw: Base64::encode_string(raw), doc }
    }

    pub fn key_id(&self) -> &str {
        &self.doc.key_id
    }

    pub fn raw_bytes(&self) -> Result<[u8; KEY_BYTES], VaultError> {
        let bytes = Base64::decode_vec(&self.raw).map_err(|_| VaultError::Damaged(msg!("the kept sync key is not valid")))?;
        bytes.try_into().map_err(|_| VaultError::Damaged(msg!("the kept sync key has the wrong length")))
    }
}

/// What is wrong with a sync passphrase as typed; `None` if it will do. `needed` is false
/// when this device already holds the key for the database (the box may stay empty).
pub fn sync_passphrase_problem(typed: &str, needed: bool) -> Option<Message> {
    if typed.is_empty() {
        return needed.then(|| msg!("Enter the sync passphrase. Every device that syncs this database uses the same one."));
    }
    if typed.chars().count() < MIN_PASSPHRASE_CHARS {
        return Some(msg!("The sync passphrase has at least {n} characters.", n = MIN_PASSPHRASE_CHARS));
    }
    if typed.trim() != typed {
        return Some(msg!("The sync passphrase starts or ends with a space. Remove it, so every device types it the same way."));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vault::{NONCE_BYTES, SALT_BYTES};

    fn doc() -> SyncKeyDoc {
        SyncKeyDoc::new("k1".into(), KdfParams::current([4; SALT_BYTES]), SealedBox::new(&[1; NONCE_BYTES], &[2; 48]))
    }

    #[test]
    fn the_key_document_round_trips_and_carries_its_id() {
        let value = doc().to_doc();
        assert_eq!(value["_id"], SYNC_KEY_DOC_ID);
        let mut from_server = value.clone();
        from_server["_rev"] = json!("1-abc");
        assert_eq!(SyncKeyDoc::read(&from_server), Ok(doc()));
    }

    #[test]
    fn a_damaged_foreign_newer_or_weak_key_document_is_refused() {
        let good = doc().to_doc();
        let with = |key: &str, value: Value| {
            let mut changed = good.clone();
            changed[key] = value;
            SyncKeyDoc::read(&changed)
        };
        assert!(matches!(with("format", json!("other")), Err(VaultError::Damaged(_))));
        assert_eq!(with("version", json!(2)), Err(VaultError::NewerVersion(2)));
        assert!(matches!(with("key_id", json!("")), Err(VaultError::Damaged(_))));
        assert!(matches!(with("wrapped", json!({ "iv": "!!", "ct": "" })), Err(VaultError::Damaged(_))));
        let mut weak = good.clone();
        weak["kdf"]["memory_kib"] = json!(64);
        assert_eq!(SyncKeyDoc::read(&weak), Err(VaultError::UnusableParameters));
        assert!(SyncKeyDoc::read(&json!({ "_id": SYNC_KEY_DOC_ID })).is_err());
    }

    #[test]
    fn the_wrapping_is_bound_to_the_key_id() {
        assert_eq!(wrap_aad("k1"), b"accord/sync-key/v1/k1".to_vec());
        assert_ne!(wrap_aad("k1"), wrap_aad("k2"));
    }

    #[test]
    fn the_kept_key_gives_back_its_bytes_and_never_prints_them() {
        let key = SyncDataKey::new(&[9; KEY_BYTES], doc());
        assert_eq!(key.raw_bytes().unwrap(), [9; KEY_BYTES]);
        assert_eq!(key.key_id(), "k1");
        assert_eq!(format!("{key:?}"), "SyncDataKey(k1)");
        let back: SyncDataKey = serde_json::from_value(serde_json::to_value(&key).unwrap()).unwrap();
        assert_eq!(back, key);
    }

    #[test]
    fn sync_passphrases_are_long_enough_trimmed_and_needed_only_without_a_key() {
        assert!(sync_passphrase_problem("", true).unwrap().contains("Enter the sync passphrase"));
        assert_eq!(sync_passphrase_problem("", false), None, "this device already holds the key");
        assert!(sync_passphrase_problem("short", false).unwrap().contains("at least 10"));
        assert!(sync_passphrase_problem(" padded sync phrase", true).unwrap().contains("space"));
        assert_eq!(sync_passphrase_problem("shared river lantern", true), None);
    }
}
