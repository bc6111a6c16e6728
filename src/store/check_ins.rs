//! The client's check-ins on actions between sessions: [`Store::add_check_in`] adds one to
//! the action wherever it lives (its goal or its session, see [`ActionHome`]), in one
//! strict transaction. What a check-in may hold is decided by `domain::goal::CheckInForm`.

use super::{Store, StoreError};
use crate::domain::goal::{CheckIn, ItemKind};
use crate::domain::session::learning::ActionHome;

impl Store {
    /// Adds `check_in` to the action `item_id` in `home` (kept in date order). An action
    /// that is no longer there (removed, or its goal or session deleted), or an item that
    /// is a milestone, is refused as not found and nothing is written.
    pub async fn add_check_in(&self, home: &ActionHome, item_id: &str, check_in: CheckIn) -> Result<(), StoreError> {
        self.change_action(home, |items| {
            let item = items.iter_mut().find(|i| i.id == item_id && i.kind == ItemKind::Action).ok_or(StoreError::NotFound)?;
            *item = item.with_check_in(check_in);
            Ok(())
        })
        .await
    }
}
