//! Preferences of this device (the interface language), kept in the `meta` store as
//! `{ key, value }`. They are not client data: they are never encrypted, backed up or
//! imported, so they can be read before passphrase-protected data is unlocked.

use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};

use super::{commit, schema, Store, StoreError};

/// One preference in the `meta` store; the key is prefixed so it never meets a fact.
#[derive(Serialize, Deserialize)]
struct Preference {
    key: String,
    value: String,
}

fn meta_key(name: &str) -> String {
    format!("preference:{name}")
}

impl Store {
    /// A preference's value, if one was chosen.
    pub async fn get_preference(&self, name: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let preference: Option<Preference> = tx.object_store(schema::META)?.get(meta_key(name)).serde()?.await?;
        Ok(preference.map(|p| p.value))
    }

    /// Remembers a preference on this device.
    pub async fn set_preference(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.write(schema::META)?;
        tx.object_store(schema::META)?.put(&Preference { key: meta_key(name), value: value.into() }).serde()?.await?;
        commit(tx).await
    }
}
