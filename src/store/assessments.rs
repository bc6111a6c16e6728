//! Assessment commands: each engagement's wheel of life ([`LifeWheel`] records, one per
//! engagement under its id) and the questionnaires given in it ([`ClientQuestionnaire`]
//! records, with the client's answers); the rules in `domain::assessment`.

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::assessment::{ClientQuestionnaire, LifeWheel};
use crate::domain::{Record, RecordId};
use crate::platform::{clock, ids};

impl Store {
    /// The engagement's wheel of life, if one was started.
    pub async fn get_wheel(&self, engagement_id: &RecordId) -> Result<Option<Record<LifeWheel>>, StoreError> {
        Ok(self.read::<LifeWheel>(schema::WHEELS, engagement_id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// Saves the wheel (one strict transaction): the first save creates it
    /// (`expected_revision` `None`); later ones only if nobody changed it since
    /// `expected_revision`.
    pub async fn save_wheel(&self, expected_revision: Option<u32>, wheel: LifeWheel) -> Result<Record<LifeWheel>, StoreError> {
        let id = wheel.engagement_id.clone();
        let current = self.read::<LifeWheel>(schema::WHEELS, id.as_str()).await?;
        let (next, expect) = match (current, expected_revision) {
            (None, None) => (Record::new(id, clock::now(), wheel), Expect::Absent),
            (Some(current), Some(expected)) if current.is_at_revision(expected) => {
                (current.revised(clock::now(), wheel), Expect::At(expected))
            }
            _ => return Err(StoreError::ChangedElsewhere),
        };
        self.write_records(schema::WHEELS, &[(&next, expect)]).await?;
        Ok(next)
    }

    /// The questionnaires given in an engagement, in the order given.
    pub async fn list_questionnaires(&self, engagement_id: &RecordId) -> Result<Vec<Record<ClientQuestionnaire>>, StoreError> {
        let mut given: Vec<Record<ClientQuestionnaire>> =
            self.live(schema::QUESTIONNAIRES, Some((schema::QUESTIONNAIRES_BY_ENGAGEMENT, engagement_id))).await?;
        given.sort_by_key(|q| (q.created_at, q.id.clone()));
        Ok(given)
    }

    /// Gives a questionnaire in its engagement.
    pub async fn add_questionnaire(&self, questionnaire: ClientQuestionnaire) -> Result<Record<ClientQuestionnaire>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), questionnaire);
        self.write_records(schema::QUESTIONNAIRES, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Saves a changed questionnaire (its questions, or answers), only at `expected_revision`.
    pub async fn save_questionnaire(
        &self,
        id: &RecordId,
        expected_revision: u32,
        questionnaire: ClientQuestionnaire,
    ) -> Result<Record<ClientQuestionnaire>, StoreError> {
        self.save_at_revision(schema::QUESTIONNAIRES, id, expected_revision, questionnaire).await
    }
}
