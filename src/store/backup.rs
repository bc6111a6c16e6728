//! Reading everything for a backup: every record of every kind, deleted ones included,
//! in one read transaction so the backup is a consistent snapshot; and writing an
//! import's records in one strict transaction.

use indexed_db_futures::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::changes::read_change_seq;
use super::io::{Expect, Put};
use super::{commit, schema, Store, StoreError};
use crate::domain::backup::BackupData;
use crate::domain::{Record, Timestamp};

/// One fact in the `meta` store.
#[derive(Serialize, Deserialize)]
struct Fact {
    key: String,
    at: Timestamp,
    /// The local change sequence reached when the backup was made (see `sync.rs`), so
    /// the changes since can be counted without reading every record. Absent in facts
    /// written before schema 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change_seq: Option<u64>,
}

const LAST_BACKUP: &str = "last_backup";

impl Store {
    /// Remembers when a backup was last downloaded.
    pub async fn record_backup(&self, at: Timestamp) -> Result<(), StoreError> {
        let tx = self.write(schema::META)?;
        let change_seq = Some(read_change_seq(&tx).await?);
        tx.object_store(schema::META)?.put(&Fact { key: LAST_BACKUP.into(), at, change_seq }).serde()?.await?;
        commit(tx).await
    }

    async fn last_backup_fact(&self) -> Result<Option<Fact>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        Ok(tx.object_store(schema::META)?.get(LAST_BACKUP).serde()?.await?)
    }

    /// When a backup was last downloaded, if ever.
    pub async fn last_backup(&self) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.last_backup_fact().await?.map(|f| f.at))
    }

    /// When a backup was last downloaded, and how many records changed since (or at all,
    /// with no backup yet). Counted from the change markers every write leaves, without
    /// reading any record; only a backup made before those existed needs every record read.
    pub async fn changes_since_backup(&self) -> Result<(Option<Timestamp>, usize), StoreError> {
        match self.last_backup_fact().await? {
            Some(Fact { at, change_seq: Some(seq), .. }) => Ok((Some(at), self.sync_pending(seq).await? as usize)),
            fact => {
                let last = fact.map(|f| f.at);
                Ok((last, self.export_records().await?.changed_after(last)))
            }
        }
    }

    /// Every record, as one consistent snapshot.
    pub async fn export_records(&self) -> Result<BackupData, StoreError> {
        let mut snapshot = self.snapshot(&schema::RECORD_STORES).await?.into_iter();
        let mut next = || snapshot.next().unwrap_or_default();
        Ok(BackupData {
            engagements: self.whole(schema::ENGAGEMENTS, next()).await?,
            contracts: self.whole(schema::CONTRACTS, next()).await?,
            templates: self.whole(schema::TEMPLATES, next()).await?,
            goals: self.whole(schema::GOALS, next()).await?,
            sessions: self.whole(schema::SESSIONS, next()).await?,
            journeys: self.whole(schema::JOURNEYS, next()).await?,
            supervision: self.whole(schema::SUPERVISION, next()).await?,
            reports: self.whole(schema::REPORTS, next()).await?,
            perspectives: self.whole(schema::PERSPECTIVES, next()).await?,
            cpd: self.whole(schema::CPD, next()).await?,
            wheels: self.whole(schema::WHEELS, next()).await?,
            questionnaires: self.whole(schema::QUESTIONNAIRES, next()).await?,
        })
    }

    /// Every record of one store's snapshot; one that cannot be read stops the backup,
    /// because a backup must be whole.
    async fn whole<T: DeserializeOwned>(&self, store: &'static str, values: Vec<JsValue>) -> Result<Vec<Record<T>>, StoreError> {
        self.open_values(store, values)
            .await
            .into_iter()
            .map(|record| record.map_err(|e| StoreError::Failed(format!("unreadable record in {store}: {e}"))))
            .collect()
    }

    /// Writes the records an import resolved to, all in one transaction: either every
    /// record is written or none is. `progress(done, total)` is called as records are
    /// written. Returns how many were written.
    pub async fn import_records(&self, writes: BackupData, progress: impl Fn(usize, usize)) -> Result<usize, StoreError> {
        fn any<T>(records: &[Record<T>]) -> Vec<(&Record<T>, Expect)> {
            records.iter().map(|r| (r, Expect::Any)).collect()
        }
        // A record erased here that the person chose to bring back: written above its
        // tombstone's revision (so it also wins in sync), and the tombstone goes.
        let erased: std::collections::BTreeMap<String, u32> =
            self.erased_records().await?.into_iter().map(|t| (t.doc_id, t.revision)).collect();
        let mut restored = Vec::new();
        fn above<T>(records: &mut [Record<T>], store: &str, erased: &std::collections::BTreeMap<String, u32>, restored: &mut Vec<String>) {
            for record in records {
                let doc_id = format!("{store}:{}", record.id);
                if let Some(revision) = erased.get(&doc_id) {
                    record.revision = record.revision.max(*revision) + 1;
                    restored.push(doc_id);
                }
            }
        }
        let mut writes = writes;
        above(&mut writes.engagements, schema::ENGAGEMENTS, &erased, &mut restored);
        above(&mut writes.contracts, schema::CONTRACTS, &erased, &mut restored);
        above(&mut writes.goals, schema::GOALS, &erased, &mut restored);
        above(&mut writes.sessions, schema::SESSIONS, &erased, &mut restored);
        above(&mut writes.journeys, schema::JOURNEYS, &erased, &mut restored);
        above(&mut writes.reports, schema::REPORTS, &erased, &mut restored);
        above(&mut writes.perspectives, schema::PERSPECTIVES, &erased, &mut restored);
        above(&mut writes.wheels, schema::WHEELS, &erased, &mut restored);
        above(&mut writes.questionnaires, schema::QUESTIONNAIRES, &erased, &mut restored);
        let mut puts = self.prepare(schema::ENGAGEMENTS, &any(&writes.engagements)).await?;
        puts.extend(self.prepare(schema::CONTRACTS, &any(&writes.contracts)).await?);
        puts.extend(self.prepare(schema::TEMPLATES, &any(&writes.templates)).await?);
        puts.extend(self.prepare(schema::GOALS, &any(&writes.goals)).await?);
        puts.extend(self.prepare(schema::SESSIONS, &any(&writes.sessions)).await?);
        puts.extend(self.prepare(schema::JOURNEYS, &any(&writes.journeys)).await?);
        puts.extend(self.prepare(schema::SUPERVISION, &any(&writes.supervision)).await?);
        puts.extend(self.prepare(schema::REPORTS, &any(&writes.reports)).await?);
        puts.extend(self.prepare(schema::PERSPECTIVES, &any(&writes.perspectives)).await?);
        puts.extend(self.prepare(schema::CPD, &any(&writes.cpd)).await?);
        puts.extend(self.prepare(schema::WHEELS, &any(&writes.wheels)).await?);
        puts.extend(self.prepare(schema::QUESTIONNAIRES, &any(&writes.questionnaires)).await?);
        let written = puts.len();
        puts.extend(restored.iter().map(|doc_id| Put::new(schema::ERASED, doc_id, Expect::Any, None)));
        self.apply(puts, &progress).await?;
        Ok(written)
    }
}
