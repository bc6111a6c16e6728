//! Saving a backup, or one engagement's relationship file, as a download:
//! [`download_backup`], from "Your data" and from an engagement's screen.

use crate::domain::backup::{Backup, Scope};
use crate::domain::RecordId;
use crate::platform::{clock, crypto, files};
use crate::store::StoreError;
use crate::tr;
use crate::ui::AppState;

/// Reads the records, builds the backup (or the relationship file for one engagement)
/// and offers it as a download, sealed with `passphrase` if one is given. Returns what
/// was saved, in words.
pub async fn download_backup(
    state: &AppState,
    engagement: Option<(RecordId, String)>,
    passphrase: Option<&str>,
) -> Result<String, StoreError> {
    let data = state.store.export_records().await?;
    let (data, scope, name) = match engagement {
        None => (data, Scope::Everything, files::file_name(&["accord-backup", &clock::today().to_string()])),
        Some((id, client)) => {
            let name = files::file_name(&["accord-engagement", &client, &clock::today().to_string()]);
            (data.only_engagement(&id), Scope::Engagement { id, client }, name)
        }
    };
    let everything = scope == Scope::Everything;
    let backup = Backup::new(data, scope, state.store.schema_version(), env!("CARGO_PKG_VERSION"), clock::now());
    let (name, contents) = match passphrase {
        None => (name, backup.to_json()),
        Some(passphrase) => {
            let sealed = crypto::seal_file(passphrase, backup.to_json().as_bytes()).await.map_err(|e| StoreError::Failed(e.to_string()))?;
            (name.replace(".json", "-encrypted.json"), sealed)
        }
    };
    files::download(&name, "application/json", &contents).map_err(StoreError::Failed)?;
    if everything {
        state.store.record_backup(clock::now()).await?;
        state.data_changed();
    }
    let total = backup.data.total();
    Ok(if total == 1 {
        tr!("Saved {name} with 1 record.", name = name)
    } else {
        tr!("Saved {name} with {total} records.", name = name, total = total)
    })
}
