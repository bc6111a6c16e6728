//! Goal commands: list an engagement's goals (or every goal, for the dashboard), create,
//! save a changed goal (compare-and-set on the revision), delete, and bring in the goals
//! agreed in the contract. The rules for changing a goal live in [`crate::domain::goal`];
//! the UI asks the domain for the changed goal, then saves it here.

use indexed_db_futures::prelude::*;

use super::{commit, schema, Store, StoreError};
use crate::domain::contract::Contract;
use crate::domain::goal::Goal;
use crate::domain::{Record, RecordId, Timestamp};
use crate::platform::{clock, ids};

impl Store {
    /// An engagement's goals, oldest first.
    pub async fn list_goals(&self, engagement_id: &RecordId) -> Result<Vec<Record<Goal>>, StoreError> {
        let tx = self.db.transaction(schema::GOALS).build()?;
        let store = tx.object_store(schema::GOALS)?;
        let index = store.index(schema::GOALS_BY_ENGAGEMENT)?;
        let mut goals: Vec<Record<Goal>> = index
            .get_all::<Record<Goal>>()
            .with_query(engagement_id.as_str())
            .serde()?
            .await?
            .flatten()
            .filter(|r| !r.deleted)
            .collect();
        goals.sort_by_key(|g| (g.created_at, g.id.clone()));
        Ok(goals)
    }

    /// Every goal of every engagement (for the dashboard).
    pub async fn list_all_goals(&self) -> Result<Vec<Record<Goal>>, StoreError> {
        let tx = self.db.transaction(schema::GOALS).build()?;
        let store = tx.object_store(schema::GOALS)?;
        let goals = store.get_all::<Record<Goal>>().serde()?.await?.flatten().filter(|r| !r.deleted).collect();
        Ok(goals)
    }

    /// One goal.
    pub async fn get_goal(&self, id: &RecordId) -> Result<Option<Record<Goal>>, StoreError> {
        let tx = self.db.transaction(schema::GOALS).build()?;
        let store = tx.object_store(schema::GOALS)?;
        let record: Option<Record<Goal>> = store.get(id.as_str()).serde()?.await?;
        Ok(record.filter(|r| !r.deleted))
    }

    /// Saves a new goal.
    pub async fn create_goal(&self, goal: Goal) -> Result<Record<Goal>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), goal);
        let tx = self.write(schema::GOALS)?;
        tx.object_store(schema::GOALS)?.add(&record).serde()?.await?;
        commit(tx).await?;
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
        let tx = self.write([schema::CONTRACTS, schema::GOALS])?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let goals = tx.object_store(schema::GOALS)?;
        let versions: Vec<Record<Contract>> = contracts
            .index(schema::CONTRACTS_BY_ENGAGEMENT)?
            .get_all::<Record<Contract>>()
            .with_query(engagement_id.as_str())
            .serde()?
            .await?
            .flatten()
            .collect();
        let Some(latest) = versions.into_iter().max_by_key(|v| v.data.version) else {
            return Err(StoreError::Refused("This engagement has no contract yet, so there are no goals to bring in.".into()));
        };
        let existing: Vec<Record<Goal>> = goals
            .index(schema::GOALS_BY_ENGAGEMENT)?
            .get_all::<Record<Goal>>()
            .with_query(engagement_id.as_str())
            .serde()?
            .await?
            .flatten()
            .filter(|g| !g.deleted)
            .collect();
        let mut added = 0;
        let now = clock::now();
        for contract_goal in &latest.data.terms.goals {
            let taken = existing.iter().any(|g| g.data.title.eq_ignore_ascii_case(contract_goal.description.trim()));
            if taken {
                continue;
            }
            let mut goal = Goal::new(engagement_id.clone(), contract_goal.description.trim());
            goal.success_measure = contract_goal.success_measure.clone();
            // One millisecond apart, so the list keeps the contract's order.
            let created = Timestamp(now.0 + added as i64);
            goals.add(&Record::new(ids::new_record_id(), created, goal)).serde()?.await?;
            added += 1;
        }
        commit(tx).await?;
        Ok(added)
    }
}
