//! Reading everything for a backup: every record of every kind, deleted ones included,
//! in one read transaction so the backup is a consistent snapshot.

use indexed_db_futures::prelude::*;
use serde::de::DeserializeOwned;

use super::{schema, Store, StoreError};
use serde::{Deserialize, Serialize};

use super::commit;
use crate::domain::backup::BackupData;
use crate::domain::{Record, Timestamp};

/// One fact in the `meta` store.
#[derive(Serialize, Deserialize)]
struct Fact {
    key: String,
    at: Timestamp,
}

const LAST_BACKUP: &str = "last_backup";

impl Store {
    /// Remembers when a backup was last downloaded.
    pub async fn record_backup(&self, at: Timestamp) -> Result<(), StoreError> {
        let tx = self.write(schema::META)?;
        tx.object_store(schema::META)?.put(&Fact { key: LAST_BACKUP.into(), at }).serde()?.await?;
        commit(tx).await
    }

    /// When a backup was last downloaded, if ever.
    pub async fn last_backup(&self) -> Result<Option<Timestamp>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let fact: Option<Fact> = tx.object_store(schema::META)?.get(LAST_BACKUP).serde()?.await?;
        Ok(fact.map(|f| f.at))
    }

    /// Every record, as one consistent snapshot.
    pub async fn export_records(&self) -> Result<BackupData, StoreError> {
        let stores = [schema::ENGAGEMENTS, schema::CONTRACTS, schema::TEMPLATES, schema::GOALS, schema::SESSIONS, schema::JOURNEYS, schema::SUPERVISION, schema::REPORTS];
        let tx = self.db.transaction(stores).build()?;
        async fn all<T: DeserializeOwned>(
            tx: &indexed_db_futures::transaction::Transaction<'_>,
            name: &str,
        ) -> Result<Vec<Record<T>>, StoreError> {
            let store = tx.object_store(name)?;
            let mut records = Vec::new();
            for record in store.get_all::<Record<T>>().serde()?.await? {
                // A record that cannot be read is a reason to stop: a backup must be whole.
                records.push(record.map_err(|e| StoreError::Failed(format!("unreadable record in {name}: {e}")))?);
            }
            Ok(records)
        }
        Ok(BackupData {
            engagements: all(&tx, schema::ENGAGEMENTS).await?,
            contracts: all(&tx, schema::CONTRACTS).await?,
            templates: all(&tx, schema::TEMPLATES).await?,
            goals: all(&tx, schema::GOALS).await?,
            sessions: all(&tx, schema::SESSIONS).await?,
            journeys: all(&tx, schema::JOURNEYS).await?,
            supervision: all(&tx, schema::SUPERVISION).await?,
            reports: all(&tx, schema::REPORTS).await?,
        })
    }

    /// Writes the records an import resolved to, all in one transaction: either every
    /// record is written or none is. `progress(done, total)` is called as records are
    /// written. Returns how many were written.
    pub async fn import_records(&self, writes: BackupData, progress: impl Fn(usize, usize)) -> Result<usize, StoreError> {
        let total = writes.total();
        let stores = [schema::ENGAGEMENTS, schema::CONTRACTS, schema::TEMPLATES, schema::GOALS, schema::SESSIONS, schema::JOURNEYS, schema::SUPERVISION, schema::REPORTS];
        let tx = self.write(stores)?;
        let mut done = 0;
        async fn put_all<T: serde::Serialize>(
            tx: &indexed_db_futures::transaction::Transaction<'_>,
            name: &str,
            records: &[Record<T>],
            done: &mut usize,
            total: usize,
            progress: &impl Fn(usize, usize),
        ) -> Result<(), StoreError> {
            let store = tx.object_store(name)?;
            for record in records {
                store.put(record).serde()?.await?;
                *done += 1;
                if *done % 50 == 0 || *done == total {
                    progress(*done, total);
                }
            }
            Ok(())
        }
        put_all(&tx, schema::ENGAGEMENTS, &writes.engagements, &mut done, total, &progress).await?;
        put_all(&tx, schema::CONTRACTS, &writes.contracts, &mut done, total, &progress).await?;
        put_all(&tx, schema::TEMPLATES, &writes.templates, &mut done, total, &progress).await?;
        put_all(&tx, schema::GOALS, &writes.goals, &mut done, total, &progress).await?;
        put_all(&tx, schema::SESSIONS, &writes.sessions, &mut done, total, &progress).await?;
        put_all(&tx, schema::JOURNEYS, &writes.journeys, &mut done, total, &progress).await?;
        put_all(&tx, schema::SUPERVISION, &writes.supervision, &mut done, total, &progress).await?;
        put_all(&tx, schema::REPORTS, &writes.reports, &mut done, total, &progress).await?;
        commit(tx).await?;
        Ok(done)
    }
}
