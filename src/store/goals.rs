//! Goal commands: list an engagement's goals (or every goal, for the dashboard), create,
//! save a changed goal (compare-and-set on the revision), delete, and bring in the goals
//! agreed in the contract. The rules for changing a goal live in [`crate::domain::goal`];
//! the UI asks the domain for the changed goal, then saves it here.

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::contract::Contract;
use crate::domain::goal::Goal;
use crate::domain::{Record, RecordId, Timestamp};
use crate::msg;
use crate::platform::{clock, ids};

impl Store {
    /// An engagement's goals, oldest first.
    pub async fn list_goals(&self, engagement_id: &RecordId) -> Result<Vec<Record<Goal>>, StoreError> {
        let mut goals: Vec<Record<Goal>> = self.live(schema::GOALS, Some((schema::GOALS_BY_ENGAGEMENT, engagement_id))).await?;
        goals.sort_by_key(|g| (g.created_at, g.id.clone()));
        Ok(goals)
    }

    /// Every goal of every engagement (for the dashboard).
    pub async fn list_all_goals(&self) -> Result<Vec<Record<Goal>>, StoreError> {
        self.live(schema::GOALS, None).await
    }

    /// One goal.
    pub async fn get_goal(&self, id: &RecordId) -> Result<Option<Record<Goal>>, StoreError> {
        Ok(self.read::<Goal>(schema::GOALS, id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// Saves a new goal.
    pub async fn create_goal(&self, goal: Goal) -> Result<Record<Goal>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), goal);
        self.write_records(schema::GOALS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Saves a changed goal, only if nobody changed it since `expected_revision`.
    pub async fn save_goal(&self, id: &RecordId, expected_revision: u32, goal: Goal) -> Result<Record<Goal>, StoreError> {
        self.save_at_revision(schema::GOALS, id, expected_revision, goal).await
    }

    /// Marks a goal deleted.
    pub async fn delete_goal(&self, id: &RecordId) -> Result<Record<Goal>, StoreError> {
        self.change(schema::GOALS, id, |current: Record<Goal>| Ok(current.marked_deleted(clock::now()))).await
    }

    /// Creates a goal for each goal in the engagement's latest contract version that has
    /// no goal with the same title yet. Returns how many were added.
    pub async fn bring_in_contract_goals(&self, engagement_id: &RecordId) -> Result<usize, StoreError> {
        let versions: Vec<Record<Contract>> =
            self.read_all(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, engagement_id))).await?.into_iter().flatten().collect();
        let Some(latest) = versions.into_iter().max_by_key(|v| v.data.version) else {
            return Err(StoreError::Refused(msg!("This engagement has no contract yet, so there are no goals to bring in.")));
        };
        let existing = self.list_goals(engagement_id).await?;
        let now = clock::now();
        let mut added: Vec<Record<Goal>> = Vec::new();
        for contract_goal in &latest.data.terms.goals {
            let title = contract_goal.description.trim();
            let taken = existing.iter().any(|g| g.data.title.eq_ignore_ascii_case(title));
            if taken {
                continue;
            }
            let mut goal = Goal::new(engagement_id.clone(), title);
            goal.success_measure = contract_goal.success_measure.clone();
            // One millisecond apart, so the list keeps the contract's order.
            let created = Timestamp(now.0 + added.len() as i64);
            added.push(Record::new(ids::new_record_id(), created, goal));
        }
        let writes: Vec<(&Record<Goal>, Expect)> = added.iter().map(|g| (g, Expect::Absent)).collect();
        self.write_records(schema::GOALS, &writes).await?;
        Ok(added.len())
    }
}
