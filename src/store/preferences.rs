//! Preferences of this device (the theme, the interface language, notifications): small named values in the
//! `meta` store, never sealed by passphrase protection and never part of a backup, so they
//! apply before the data is unlocked and stay with the device.

use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};

use super::{commit, schema, Store, StoreError};

/// One preference in the `meta` store, under the key `preference:<name>`.
#[derive(Serialize, Deserialize)]
struct Preference {
    key: String,
    value: String,
}

/// The light / dark theme: "system", "light" or "dark" (`domain::appearance::Theme`).
pub const THEME: &str = "theme";

/// The interface language: "en" or "de" (`i18n::Lang`); absent until the person chooses.
pub const LANGUAGE: &str = "language";

/// Notifications of what needs attention: "on" once the person turned them on; off otherwise.
pub const NOTIFICATIONS: &str = "notifications";

/// The items already shown as notifications on this device
/// (`domain::attention::notified::Notified`, a JSON list of keys).
pub const NOTIFIED: &str = "notified";

fn key(name: &str) -> String {
    format!("preference:{name}")
}

impl Store {
    /// A preference's value, if one was ever set on this device.
    pub async fn preference(&self, name: &str) -> Result<Option<String>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let found: Option<Preference> = tx.object_store(schema::META)?.get(key(name)).serde()?.await?;
        Ok(found.map(|p| p.value))
    }

    /// Sets a preference (one strict transaction).
    pub async fn set_preference(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let tx = self.write(schema::META)?;
        tx.object_store(schema::META)?.put(&Preference { key: key(name), value: value.into() }).serde()?.await?;
        commit(tx).await
    }
}
