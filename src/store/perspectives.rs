//! Who the person using this device is in each engagement: [`Perspective`] records (one
//! per engagement, keyed by its id; rules in `domain::perspective`). An engagement without
//! one is the practitioner's.

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::engagement::Engagement;
use crate::domain::party::Party;
use crate::domain::perspective::{self, Arrival, Perspective};
use crate::domain::{Record, RecordId};
use crate::platform::clock;

impl Store {
    /// Every perspective recorded on this device.
    pub async fn perspectives(&self) -> Result<Vec<Record<Perspective>>, StoreError> {
        self.live(schema::PERSPECTIVES, None).await
    }

    /// Who the person using this device is in one engagement (the practitioner unless
    /// they said otherwise).
    pub async fn my_role(&self, engagement_id: &RecordId) -> Result<Party, StoreError> {
        let found: Option<Record<Perspective>> = self.read(schema::PERSPECTIVES, engagement_id.as_str()).await?;
        Ok(perspective::role_in(&found.into_iter().collect::<Vec<_>>(), engagement_id))
    }

    /// Records who the person is in an engagement (one strict transaction): the first
    /// answer creates the record, a correction revises it. A party the engagement does not
    /// have (the sponsor of a two-way engagement) is refused with the reason.
    pub async fn set_my_role(&self, engagement_id: &RecordId, me: Party) -> Result<Record<Perspective>, StoreError> {
        let Some(engagement) = self.read::<Engagement>(schema::ENGAGEMENTS, engagement_id.as_str()).await?.filter(|e| !e.deleted) else {
            return Err(StoreError::NotFound);
        };
        let arrival = Arrival::choose(&engagement.data, me.as_str()).map_err(StoreError::Refused)?;
        let data = arrival.perspective(engagement_id.clone());
        let current: Option<Record<Perspective>> = self.read(schema::PERSPECTIVES, engagement_id.as_str()).await?;
        let (next, expect) = match current {
            None => (Record::new(engagement_id.clone(), clock::now(), data), Expect::Absent),
            Some(current) => {
                let at = current.revision;
                let mut next = current.revised(clock::now(), data);
                next.deleted = false;
                (next, Expect::At(at))
            }
        };
        self.write_records(schema::PERSPECTIVES, &[(&next, expect)]).await?;
        Ok(next)
    }
}
