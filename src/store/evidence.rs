//! Evidence commands: the practitioner's supervision log ([`SupervisionEntry`] records),
//! their CPD log ([`CpdEntry`] records)
//! and sponsor updates ([`SponsorReport`] records: drafted, then approved by the client).
//! The reports themselves are computed by [`crate::domain::evidence`] from stored data.

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::evidence::cpd::CpdEntry;
use crate::domain::evidence::emcc::SupervisionEntry;
use crate::domain::report::SponsorReport;
use crate::domain::{Record, RecordId};
use crate::msg;
use crate::platform::{clock, ids};

impl Store {
    /// Every supervision entry, most recent first.
    pub async fn list_supervision(&self) -> Result<Vec<Record<SupervisionEntry>>, StoreError> {
        let mut entries: Vec<Record<SupervisionEntry>> = self.live(schema::SUPERVISION, None).await?;
        entries.sort_by(|a, b| b.data.on.cmp(&a.data.on).then(b.created_at.cmp(&a.created_at)));
        Ok(entries)
    }

    /// Logs supervision.
    pub async fn add_supervision(&self, entry: SupervisionEntry) -> Result<Record<SupervisionEntry>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), entry);
        self.write_records(schema::SUPERVISION, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Marks a supervision entry deleted.
    pub async fn delete_supervision(&self, id: &RecordId) -> Result<Record<SupervisionEntry>, StoreError> {
        self.change(schema::SUPERVISION, id, |current: Record<SupervisionEntry>| Ok(current.marked_deleted(clock::now()))).await
    }

    /// Every CPD entry, most recent first.
    pub async fn list_cpd(&self) -> Result<Vec<Record<CpdEntry>>, StoreError> {
        let mut entries: Vec<Record<CpdEntry>> = self.live(schema::CPD, None).await?;
        entries.sort_by(|a, b| b.data.on.cmp(&a.data.on).then(b.created_at.cmp(&a.created_at)));
        Ok(entries)
    }

    /// Logs a piece of CPD.
    pub async fn add_cpd(&self, entry: CpdEntry) -> Result<Record<CpdEntry>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), entry);
        self.write_records(schema::CPD, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Marks a CPD entry deleted.
    pub async fn delete_cpd(&self, id: &RecordId) -> Result<Record<CpdEntry>, StoreError> {
        self.change(schema::CPD, id, |current: Record<CpdEntry>| Ok(current.marked_deleted(clock::now()))).await
    }

    /// An engagement's sponsor updates, newest first.
    pub async fn list_reports(&self, engagement_id: &RecordId) -> Result<Vec<Record<SponsorReport>>, StoreError> {
        let mut reports: Vec<Record<SponsorReport>> =
            self.live(schema::REPORTS, Some((schema::REPORTS_BY_ENGAGEMENT, engagement_id))).await?;
        reports.sort_by_key(|r| std::cmp::Reverse(r.created_at));
        Ok(reports)
    }

    /// Keeps a drafted sponsor update for the client to review.
    pub async fn create_report(&self, report: SponsorReport) -> Result<Record<SponsorReport>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), report);
        self.write_records(schema::REPORTS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Saves the client's approval of a report (from `SponsorReport::approved`), signed with
    /// this device's key over what was approved, only at `expected_revision`.
    pub async fn approve_report(
        &self,
        id: &RecordId,
        expected_revision: u32,
        mut report: SponsorReport,
    ) -> Result<Record<SponsorReport>, StoreError> {
        let engagement_id = report.engagement_id.clone();
        let Some(approval) = report.approval.as_mut() else {
            return Err(StoreError::Refused(msg!("This update has no approval to save.")));
        };
        approval.signature = Some(self.sign(&approval.signing_input(id, &engagement_id)).await?);
        self.save_at_revision(schema::REPORTS, id, expected_revision, report).await
    }

    /// Marks a report deleted (a draft the client did not approve, or one replaced).
    pub async fn delete_report(&self, id: &RecordId) -> Result<Record<SponsorReport>, StoreError> {
        self.change(schema::REPORTS, id, |current: Record<SponsorReport>| Ok(current.marked_deleted(clock::now()))).await
    }
}
