//! Retention, disposal and erasure on the device (the rules are in `domain::retention` and
//! `domain::erasure`; docs/domain.md §7).
//!
//! Commands: [`Store::engagement_records`] (one engagement's records, deleted ones
//! included), [`Store::retention`] and [`Store::due_for_disposal`] (where engagements stand),
//! [`Store::dispose_engagement`], [`Store::plan_erasure`] and [`Store::erase_engagement`],
//! [`Store::erased_records`] (the tombstones, for imports) and [`Store::data_log`].
//!
//! Disposal and erasure each write in one strict transaction: the records that stay,
//! emptied; every record that goes deleted from its store and replaced by a content-free
//! [`Tombstone`] in `erased`; the unsaved text kept for any of them and the bodies of their
//! conflicting versions kept for sync, removed; and one [`LogEntry`] in `data_log`. The
//! change markers make the next sync carry the erasure to the server
//! (`store::sync`, `domain::sync::doc::erase_tree`).

use indexed_db_futures::prelude::*;
use wasm_bindgen::JsValue;

use super::io::{from_js, to_js, Expect, Put};
use super::{schema, Store, StoreError};
use crate::domain::backup::BackupData;
use crate::domain::date::Date;
use crate::domain::erasure::{self, ErasurePlan, LogAction, LogEntry, LogRow, Tombstone};
use crate::domain::retention::{self, Retention};
use crate::domain::session::journey::Journey;
use crate::domain::{Engagement, Record, RecordId};
use crate::platform::{clock, ids};

fn whole<T>(records: Vec<Result<Record<T>, StoreError>>) -> Result<Vec<Record<T>>, StoreError> {
    records.into_iter().collect()
}

impl Store {
    /// Every record of one engagement, deleted ones included (an unreadable one is an error:
    /// disposal and erasure must see all of them).
    pub async fn engagement_records(&self, id: &RecordId) -> Result<BackupData, StoreError> {
        let engagement = self.read::<Engagement>(schema::ENGAGEMENTS, id.as_str()).await?.ok_or(StoreError::NotFound)?;
        Ok(BackupData {
            engagements: vec![engagement],
            contracts: whole(self.read_all(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, id))).await?)?,
            goals: whole(self.read_all(schema::GOALS, Some((schema::GOALS_BY_ENGAGEMENT, id))).await?)?,
            sessions: whole(self.read_all(schema::SESSIONS, Some((schema::SESSIONS_BY_ENGAGEMENT, id))).await?)?,
            journeys: self.read::<Journey>(schema::JOURNEYS, id.as_str()).await?.into_iter().collect(),
            reports: whole(self.read_all(schema::REPORTS, Some((schema::REPORTS_BY_ENGAGEMENT, id))).await?)?,
            perspectives: self.read(schema::PERSPECTIVES, id.as_str()).await?.into_iter().collect(),
            wheels: self.read(schema::WHEELS, id.as_str()).await?.into_iter().collect(),
            questionnaires: whole(self.read_all(schema::QUESTIONNAIRES, Some((schema::QUESTIONNAIRES_BY_ENGAGEMENT, id))).await?)?,
            ..BackupData::default()
        })
    }

    /// Where one engagement stands with its retention period on `today`.
    pub async fn retention(&self, id: &RecordId, today: Date) -> Result<Retention, StoreError> {
        Ok(retention::retention_of(&self.engagement_records(id).await?, id, today))
    }

    /// Every engagement whose notes are due for disposal on `today`, with the day each fell
    /// due, earliest first. Reads the journeys first and the contracts only of engagements
    /// that ended.
    pub async fn due_for_disposal(&self, today: Date) -> Result<Vec<(Record<Engagement>, Date)>, StoreError> {
        let journeys: Vec<Record<Journey>> = self.live(schema::JOURNEYS, None).await?;
        let mut data = BackupData::default();
        for journey in journeys.into_iter().filter(|j| j.data.ending.is_some()) {
            let Some(engagement) = self.get_engagement(&journey.id).await? else { continue };
            if engagement.data.disposed.is_some() {
                continue;
            }
            data.contracts.extend(self.live(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, &engagement.id))).await?);
            data.engagements.push(engagement);
            data.journeys.push(journey);
        }
        Ok(retention::due_for_disposal(&data, today))
    }

    /// Disposes of an engagement's notes at the end of its retention period (refused with
    /// the reason when they are not due): see `domain::retention::plan_disposal`.
    pub async fn dispose_engagement(&self, id: &RecordId, today: Date) -> Result<LogEntry, StoreError> {
        let data = self.engagement_records(id).await?;
        let now = clock::now();
        let plan = retention::plan_disposal(&data, id, today, now).map_err(StoreError::Refused)?;
        fn as_read<T>(records: &[Record<T>]) -> Vec<(&Record<T>, Expect)> {
            records.iter().map(|r| (r, Expect::At(r.revision - 1))).collect()
        }
        let mut puts = self.prepare(schema::ENGAGEMENTS, &as_read(&plan.keep.engagements)).await?;
        puts.extend(self.prepare(schema::SESSIONS, &as_read(&plan.keep.sessions)).await?);
        puts.extend(self.prepare(schema::JOURNEYS, &as_read(&plan.keep.journeys)).await?);
        let kept: Vec<String> = plan.keep.sessions.iter().map(|s| format!("{}:{}", schema::SESSIONS, s.id)).collect();
        puts.extend(self.erasure_puts(&plan.erase, &record_ids(&data), &kept).await?);
        let entry = LogEntry {
            id: ids::new_record_id(),
            at: now,
            action: LogAction::Disposed,
            engagement_id: id.clone(),
            kind: data.engagements[0].data.kind,
            records: plan.records(),
            due_on: Some(plan.due_on),
        };
        puts.push(Put::new(schema::DATA_LOG, entry.id.as_str(), Expect::Absent, Some(to_js(&entry)?)));
        self.apply(puts, &|_, _| {}).await?;
        Ok(entry)
    }

    /// What erasing an engagement would remove, for the confirmation.
    pub async fn plan_erasure(&self, id: &RecordId) -> Result<ErasurePlan, StoreError> {
        erasure::plan_erasure(&self.engagement_records(id).await?, id, clock::now()).map_err(StoreError::Refused)
    }

    /// Erases an engagement for good: every record of it becomes a content-free tombstone.
    pub async fn erase_engagement(&self, id: &RecordId) -> Result<LogEntry, StoreError> {
        let data = self.engagement_records(id).await?;
        let now = clock::now();
        let plan = erasure::plan_erasure(&data, id, now).map_err(StoreError::Refused)?;
        let mut puts = self.erasure_puts(&plan.tombstones, &record_ids(&data), &[]).await?;
        let entry = LogEntry {
            id: ids::new_record_id(),
            at: now,
            action: LogAction::Erased,
            engagement_id: id.clone(),
            kind: plan.kind,
            records: plan.tombstones.len(),
            due_on: None,
        };
        puts.push(Put::new(schema::DATA_LOG, entry.id.as_str(), Expect::Absent, Some(to_js(&entry)?)));
        self.apply(puts, &|_, _| {}).await?;
        Ok(entry)
    }

    /// The writes that replace records by `tombstones` (each record deleted from its store if
    /// still as read), and remove the unsaved text kept for any record in `ids` and the
    /// sync bodies of every erased record and of `also` (document ids).
    pub(super) async fn erasure_puts(&self, tombstones: &[Tombstone], ids: &[String], also: &[String]) -> Result<Vec<Put>, StoreError> {
        let mut puts = Vec::new();
        for tombstone in tombstones {
            let kind = tombstone.kind().ok_or_else(|| StoreError::Failed(format!("no store {}", tombstone.store)))?;
            puts.push(Put::new(kind.store(), tombstone.id.as_str(), Expect::At(tombstone.revision - 1), None));
            puts.push(Put::new(schema::ERASED, &tombstone.doc_id, Expect::Any, Some(to_js(tombstone)?)));
        }
        let mut doc_ids: Vec<String> = tombstones.iter().map(|t| t.doc_id.clone()).collect();
        doc_ids.extend(also.iter().cloned());
        puts.extend(self.forget_sync_bodies(&doc_ids).await?);
        puts.extend(self.forget_unsaved_of(ids).await?);
        Ok(puts)
    }

    /// Removes every unsaved text kept for a record in `ids` (its scope names the record),
    /// and the exchange ledger of an engagement in `ids`.
    async fn forget_unsaved_of(&self, ids: &[String]) -> Result<Vec<Put>, StoreError> {
        let tx = self.db.transaction(schema::META).build()?;
        let keys: Vec<JsValue> = tx.object_store(schema::META)?.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        Ok(keys
            .iter()
            .filter_map(JsValue::as_string)
            .filter(|key| {
                // Unsaved text of any record, and the exchange ledger of the engagement.
                (key.starts_with("unsaved:") || key.starts_with(super::relationship::PREFIX))
                    && ids.iter().any(|id| key.contains(id.as_str()))
            })
            .map(|key| Put::new(schema::META, &key, Expect::Any, None))
            .collect())
    }

    /// Every tombstone of an erased record on this device.
    pub async fn erased_records(&self) -> Result<Vec<Tombstone>, StoreError> {
        Ok(self.raw_values(schema::ERASED).await?.into_iter().filter_map(|(_, value)| from_js::<Tombstone>(&value).ok()).collect())
    }

    /// The tombstone of one record, if it was erased.
    pub(super) async fn tombstone(&self, doc_id: &str) -> Result<Option<Tombstone>, StoreError> {
        let tx = self.db.transaction(schema::ERASED).build()?;
        let value: Option<JsValue> = tx.object_store(schema::ERASED)?.get(doc_id).primitive()?.await?;
        drop(tx);
        Ok(value.and_then(|v| from_js::<Tombstone>(&v).ok()))
    }

    /// The disposal and erasure log, oldest first; an entry that cannot be read is a
    /// [`LogRow::Damaged`] row (reported, never dropped).
    pub async fn data_log(&self) -> Result<Vec<LogRow>, StoreError> {
        let rows = self
            .raw_values(schema::DATA_LOG)
            .await?
            .into_iter()
            .map(|(key, value)| match from_js::<serde_json::Value>(&value) {
                Ok(json) => erasure::read_log_row(&key, &json),
                Err(e) => LogRow::Damaged { key, problem: e.to_string() },
            })
            .collect();
        Ok(erasure::sorted(rows))
    }

    /// Every value of a plain store with its key as text.
    pub(super) async fn raw_values(&self, store: &'static str) -> Result<Vec<(String, JsValue)>, StoreError> {
        let tx = self.db.transaction(store).build()?;
        let object_store = tx.object_store(store)?;
        let keys: Vec<JsValue> = object_store.get_all_keys::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        let values: Vec<JsValue> = object_store.get_all::<JsValue>().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        Ok(keys.iter().map(|k| k.as_string().unwrap_or_default()).zip(values).collect())
    }

    /// Records the erasure of an engagement that arrived from another device (by sync).
    pub(super) fn erased_elsewhere_entry(engagement: &Record<Engagement>, records: usize) -> Result<Put, StoreError> {
        let entry = LogEntry {
            id: ids::new_record_id(),
            at: clock::now(),
            action: LogAction::ErasedElsewhere,
            engagement_id: engagement.id.clone(),
            kind: engagement.data.kind,
            records,
            due_on: None,
        };
        Ok(Put::new(schema::DATA_LOG, entry.id.as_str(), Expect::Absent, Some(to_js(&entry)?)))
    }
}

/// The ids of every record in `data` (what an unsaved text's scope may name).
pub(super) fn record_ids(data: &BackupData) -> Vec<String> {
    let mut ids: Vec<String> = data.engagements.iter().map(|r| r.id.to_string()).collect();
    ids.extend(data.contracts.iter().map(|r| r.id.to_string()));
    ids.extend(data.goals.iter().map(|r| r.id.to_string()));
    ids.extend(data.sessions.iter().map(|r| r.id.to_string()));
    ids.extend(data.reports.iter().map(|r| r.id.to_string()));
    ids
}
