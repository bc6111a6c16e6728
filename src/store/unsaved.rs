//! Text typed but not saved yet, kept on this device so a reload, a crash or a closed tab
//! does not lose it ([`UnsavedText`]).
//!
//! Each screen that keeps unsaved text has a scope (e.g. `session:<id>`); its texts are one
//! `meta` fact, `unsaved:<scope>`, sealed with the device key when protection is on and
//! rewritten with the records when protection changes. Unsaved text is never synced, never
//! in a backup, and the rescue copy leaves it out.

use std::collections::BTreeMap;

use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::io::{from_js, to_js, Codec, Put};
use super::{schema, Store, StoreError};
use crate::domain::vault::SealedBox;
use crate::domain::Timestamp;
use crate::platform::crypto;

/// The prefix of every unsaved-text fact in `meta`.
const PREFIX: &str = "unsaved:";
/// Additional data for sealed unsaved text.
const AAD: &[u8] = b"accord/unsaved-text/v1";

/// One field's unsaved text, with the stored value it was typed over (so a screen can tell
/// whether the record changed since) and when it was last kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsavedText {
    pub text: String,
    pub base: String,
    pub at: Timestamp,
}

/// The texts of one scope, by field key.
pub type UnsavedTexts = BTreeMap<String, UnsavedText>;

#[derive(Serialize, Deserialize)]
struct UnsavedFact {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<UnsavedTexts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<SealedBox>,
}

fn failed(what: impl std::fmt::Display) -> StoreError {
    StoreError::Failed(what.to_string())
}

impl Store {
    /// The unsaved texts of `scope` (empty when there are none).
    pub async fn unsaved_texts(&self, scope: &str) -> Result<UnsavedTexts, StoreError> {
        let key = format!("{PREFIX}{scope}");
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(key.as_str()).primitive()?.await?;
        drop(tx);
        match value {
            None => Ok(UnsavedTexts::new()),
            Some(value) => Self::open_unsaved(&self.codec(), &value).await,
        }
    }

    /// Keeps `text` as the unsaved text of field `key` in `scope`; `None` forgets it.
    pub async fn keep_unsaved_text(&self, scope: &str, key: &str, text: Option<UnsavedText>) -> Result<(), StoreError> {
        let mut texts = self.unsaved_texts(scope).await?;
        match text {
            Some(text) => texts.insert(key.to_string(), text),
            None => texts.remove(key),
        };
        self.put_unsaved(scope, &texts).await
    }

    /// Forgets every unsaved text of `scope` whose key starts with `prefix` (after it was
    /// saved, or discarded).
    pub async fn forget_unsaved_texts(&self, scope: &str, prefix: &str) -> Result<(), StoreError> {
        let mut texts = self.unsaved_texts(scope).await?;
        let before = texts.len();
        texts.retain(|key, _| !key.starts_with(prefix));
        if texts.len() == before {
            return Ok(());
        }
        self.put_unsaved(scope, &texts).await
    }

    async fn put_unsaved(&self, scope: &str, texts: &UnsavedTexts) -> Result<(), StoreError> {
        let key = format!("{PREFIX}{scope}");
        let codec = self.codec();
        let value = if texts.is_empty() { None } else { Some(Self::unsaved_fact(&codec, &key, texts).await?) };
        self.apply_as(&codec, vec![Put::raw(schema::META, &key, value)], &|_, _| {}).await
    }

    async fn open_unsaved(codec: &Codec, value: &JsValue) -> Result<UnsavedTexts, StoreError> {
        let Ok(fact) = from_js::<UnsavedFact>(value) else { return Ok(UnsavedTexts::new()) };
        match (fact.value, fact.sealed) {
            (Some(texts), None) => Ok(texts),
            (_, Some(sealed)) => match codec {
                Codec::Sealed { key, .. } => {
                    let bytes = crypto::open(key, AAD, &sealed).await.map_err(|e| failed(e.to_string()))?;
                    serde_json::from_slice(&bytes).map_err(failed)
                }
                Codec::Locked => Err(StoreError::Locked),
                Codec::Plain => Err(failed("sealed unsaved text while protection is off")),
            },
            (None, None) => Ok(UnsavedTexts::new()),
        }
    }

    async fn unsaved_fact(codec: &Codec, key: &str, texts: &UnsavedTexts) -> Result<JsValue, StoreError> {
        let fact = match codec {
            Codec::Sealed { key: device_key, .. } => {
                let bytes = serde_json::to_vec(texts).map_err(failed)?;
                let sealed = crypto::seal(device_key, AAD, &bytes).await.map_err(|e| failed(e.to_string()))?;
                UnsavedFact { key: key.to_string(), value: None, sealed: Some(sealed) }
            }
            Codec::Locked => return Err(StoreError::Locked),
            Codec::Plain => UnsavedFact { key: key.to_string(), value: Some(texts.clone()), sealed: None },
        };
        to_js(&fact)
    }

    /// Every unsaved text rewritten from one form to another (protection turned on, off, or
    /// a new passphrase), for the same transaction as the records.
    pub(super) async fn reseal_unsaved(&self, from: &Codec, to: &Codec) -> Result<Vec<Put>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let keys: Vec<JsValue> = tx.object_store(schema::META)?.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        let mut puts = Vec::new();
        for key in keys.iter().filter_map(JsValue::as_string).filter(|k| k.starts_with(PREFIX)) {
            let tx = self.db.transaction(schema::META).build()?;
            let value: Option<JsValue> = tx.object_store(schema::META)?.get(key.as_str()).primitive()?.await?;
            drop(tx);
            let Some(value) = value else { continue };
            let texts = Self::open_unsaved(from, &value).await?;
            puts.push(Put::raw(schema::META, &key, Some(Self::unsaved_fact(to, &key, &texts).await?)));
        }
        Ok(puts)
    }
}
