//! Assessment commands: each engagement's wheel of life ([`LifeWheel`] records, one per
//! engagement under its id; the rules in `domain::assessment`).

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::assessment::LifeWheel;
use crate::domain::{Record, RecordId};
use crate::platform::clock;

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
}
