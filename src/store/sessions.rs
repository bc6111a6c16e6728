//! Session commands: list an engagement's sessions, plan the series (one transaction for
//! the whole series), create, save (compare-and-set on the revision), delete; add, review
//! and remove the actions agreed in a session, wherever they live (a goal or the session,
//! see [`ActionHome`]); read and save the engagement's [`Journey`].
//!
//! The rules live in [`crate::domain::session`]; these commands only store the results.

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::goal::{Goal, GoalItem};
use crate::domain::session::journey::Journey;
use crate::domain::session::learning::{self, ActionHome};
use crate::domain::session::{sort_by_time, ActionReview, Session};
use crate::domain::{Record, RecordId, Timestamp};
use crate::msg;
use crate::platform::{clock, ids};

impl Store {
    /// An engagement's sessions, in date and time order.
    pub async fn list_sessions(&self, engagement_id: &RecordId) -> Result<Vec<Record<Session>>, StoreError> {
        let mut sessions = self.live(schema::SESSIONS, Some((schema::SESSIONS_BY_ENGAGEMENT, engagement_id))).await?;
        sort_by_time(&mut sessions, |r| &r.data);
        Ok(sessions)
    }

    /// Every session of every engagement (for the dashboard and reports).
    pub async fn list_all_sessions(&self) -> Result<Vec<Record<Session>>, StoreError> {
        let mut sessions = self.live(schema::SESSIONS, None).await?;
        sort_by_time(&mut sessions, |r| &r.data);
        Ok(sessions)
    }

    /// Adds the planned series in one transaction, leaving out any meeting already in
    /// the calendar (same date and purpose), so planning again after a change to the
    /// contract adds only what is new. Returns how many were added.
    pub async fn plan_sessions(&self, engagement_id: &RecordId, planned: Vec<Session>) -> Result<usize, StoreError> {
        let existing = self.list_sessions(engagement_id).await?;
        let now = clock::now();
        let mut added: Vec<Record<Session>> = Vec::new();
        for session in planned {
            if existing.iter().any(|e| e.data.date == session.date && e.data.purpose == session.purpose) {
                continue;
            }
            // One millisecond apart, so records made together keep their order.
            added.push(Record::new(ids::new_record_id(), Timestamp(now.0 + added.len() as i64), session));
        }
        let writes: Vec<(&Record<Session>, Expect)> = added.iter().map(|s| (s, Expect::Absent)).collect();
        self.write_records(schema::SESSIONS, &writes).await?;
        Ok(added.len())
    }

    /// Saves a new session.
    pub async fn create_session(&self, session: Session) -> Result<Record<Session>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), session);
        self.write_records(schema::SESSIONS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// One session.
    pub async fn get_session(&self, id: &RecordId) -> Result<Option<Record<Session>>, StoreError> {
        Ok(self.read::<Session>(schema::SESSIONS, id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// Saves a changed session, only if nobody changed it since `expected_revision`.
    pub async fn save_session(&self, id: &RecordId, expected_revision: u32, session: Session) -> Result<Record<Session>, StoreError> {
        self.save_at_revision(schema::SESSIONS, id, expected_revision, session).await
    }

    /// Marks a session deleted.
    pub async fn delete_session(&self, id: &RecordId) -> Result<Record<Session>, StoreError> {
        self.change(schema::SESSIONS, id, |current: Record<Session>| Ok(current.marked_deleted(clock::now()))).await
    }

    /// Stores an action agreed in a session: in its goal when it has one (so it counts
    /// in the goal's progress), otherwise in the session.
    pub async fn add_action(&self, goal_id: Option<&RecordId>, item: GoalItem) -> Result<(), StoreError> {
        let session_id = item.agreed_in.clone().ok_or_else(|| StoreError::Refused(msg!("An action must belong to a session.")))?;
        let home = match goal_id {
            Some(goal) => ActionHome::Goal(goal.clone()),
            None => ActionHome::Session(session_id),
        };
        self.change_action(&home, |items| {
            items.push(item);
            Ok(())
        })
        .await
    }

    /// Records how an action went, reviewed in a later session.
    pub async fn review_action(&self, home: &ActionHome, item_id: &str, review: ActionReview) -> Result<(), StoreError> {
        self.change_action(home, |items| {
            let item = items.iter_mut().find(|i| i.id == item_id).ok_or(StoreError::NotFound)?;
            *item = learning::reviewed(item, review);
            Ok(())
        })
        .await
    }

    /// Removes an action.
    pub async fn remove_action(&self, home: &ActionHome, item_id: &str) -> Result<(), StoreError> {
        self.change_action(home, |items| {
            let before = items.len();
            items.retain(|i| i.id != item_id);
            if items.len() == before {
                return Err(StoreError::NotFound);
            }
            Ok(())
        })
        .await
    }

    /// Changes the list of items an action lives in, in one transaction.
    pub(super) async fn change_action(
        &self,
        home: &ActionHome,
        change: impl FnOnce(&mut Vec<GoalItem>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        match home {
            ActionHome::Goal(id) => {
                self.change(schema::GOALS, id, |current: Record<Goal>| {
                    let mut goal = current.data.clone();
                    change(&mut goal.items)?;
                    Ok(current.revised(clock::now(), goal))
                })
                .await?;
            }
            ActionHome::Session(id) => {
                self.change(schema::SESSIONS, id, |current: Record<Session>| {
                    let mut session = current.data.clone();
                    change(&mut session.actions)?;
                    Ok(current.revised(clock::now(), session))
                })
                .await?;
            }
        }
        Ok(())
    }

    /// The engagement's journey, if anything was recorded yet.
    pub async fn get_journey(&self, engagement_id: &RecordId) -> Result<Option<Record<Journey>>, StoreError> {
        Ok(self.read::<Journey>(schema::JOURNEYS, engagement_id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// Saves the journey: the first save creates it (`expected_revision` `None`); later
    /// ones only if nobody changed it since `expected_revision`.
    pub async fn save_journey(&self, expected_revision: Option<u32>, journey: Journey) -> Result<Record<Journey>, StoreError> {
        let id = journey.engagement_id.clone();
        let current = self.read::<Journey>(schema::JOURNEYS, id.as_str()).await?;
        let (next, expect) = match (current, expected_revision) {
            (None, None) => (Record::new(id, clock::now(), journey), Expect::Absent),
            (Some(current), Some(expected)) if current.is_at_revision(expected) => {
                (current.revised(clock::now(), journey), Expect::At(expected))
            }
            _ => return Err(StoreError::ChangedElsewhere),
        };
        self.write_records(schema::JOURNEYS, &[(&next, expect)]).await?;
        Ok(next)
    }
}
