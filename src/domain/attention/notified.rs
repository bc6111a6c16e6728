//! Which "Needs attention" items this device has already shown as a notification, so each
//! is shown once.
//!
//! [`Notified`] holds the [`Item::key`]s shown. [`Notified::new_items`] picks the items not
//! shown yet, in the order given (one per key). [`Notified::remember`] is what to keep once
//! some are shown: the keys of items still current, and no others, so the list never grows
//! beyond what needs attention now (an item that went away and comes back is shown again).

use std::collections::BTreeSet;

use super::Item;

/// The keys of the items shown as notifications on this device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notified {
    keys: BTreeSet<String>,
}

impl Notified {
    /// Reads the kept list (a JSON list of keys). Nothing kept, or something unreadable,
    /// is an empty list: at worst an item is shown once more.
    pub fn parse(stored: Option<&str>) -> Notified {
        let keys: Vec<String> = stored.and_then(|text| serde_json::from_str(text).ok()).unwrap_or_default();
        Notified { keys: keys.into_iter().collect() }
    }

    /// The list to keep, as [`Notified::parse`] reads it.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&self.keys).unwrap_or_else(|_| "[]".into())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The items of `current` not shown before, in their order; of two with the same key,
    /// the first.
    pub fn new_items<'a>(&self, current: &'a [Item]) -> Vec<&'a Item> {
        let mut seen = BTreeSet::new();
        current.iter().filter(|item| !self.contains(&item.key()) && seen.insert(item.key())).collect()
    }

    /// What to keep after showing the items keyed `shown`: every key shown before or now
    /// whose item is still in `current`.
    pub fn remember(&self, current: &[Item], shown: impl IntoIterator<Item = String>) -> Notified {
        let shown: BTreeSet<String> = shown.into_iter().collect();
        let keys = current.iter().map(Item::key).filter(|key| self.keys.contains(key) || shown.contains(key)).collect();
        Notified { keys }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attention::{Need, Where};
    use crate::domain::evidence::fixtures::{day, id};

    fn item(engagement: &str, need: Need, date: &str) -> Item {
        Item { engagement_id: id(engagement), need, at: Where::Sessions, date: day(date) }
    }

    fn record(engagement: &str, date: &str) -> Item {
        item(engagement, Need::RecordSession { on: day(date) }, date)
    }

    fn keys(items: &[&Item]) -> Vec<String> {
        items.iter().map(|item| item.key()).collect()
    }

    #[test]
    fn an_items_key_names_engagement_need_and_date_and_does_not_change_with_a_count() {
        let overdue = |count| item("e", Need::ActionsOverdue { count }, "2026-03-02");
        assert_eq!(record("e", "2026-03-02").key(), "e/record-session/2026-03-02");
        assert_eq!(record("e", "2026-03-02").key(), record("e", "2026-03-02").key());
        assert_eq!(overdue(1).key(), overdue(2).key());
    }

    #[test]
    fn keys_differ_by_engagement_need_and_date() {
        let base = record("e", "2026-03-02");
        let others = [
            record("f", "2026-03-02"),
            record("e", "2026-03-03"),
            item("e", Need::NoThemes { on: day("2026-03-02") }, "2026-03-02"),
            item("e", Need::Reflect { on: day("2026-03-02") }, "2026-03-02"),
        ];
        let mut all: BTreeSet<String> = others.iter().map(Item::key).collect();
        assert!(all.insert(base.key()), "the base key is not among the others");
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn nothing_shown_yet_means_every_item_is_new_in_order() {
        let current = [record("e", "2026-03-01"), record("f", "2026-03-02"), record("e", "2026-03-04")];
        let new = Notified::default().new_items(&current);
        assert_eq!(keys(&new), current.iter().map(Item::key).collect::<Vec<_>>());
    }

    #[test]
    fn items_shown_before_are_skipped_and_new_ones_come_in_order() {
        let current = [record("e", "2026-03-01"), record("f", "2026-03-02"), record("e", "2026-03-04")];
        let notified = Notified::default().remember(&current[..1], [current[0].key()]);
        assert_eq!(keys(&notified.new_items(&current)), vec![current[1].key(), current[2].key()]);
    }

    #[test]
    fn two_items_with_one_key_are_shown_once() {
        let current = [record("e", "2026-03-01"), record("e", "2026-03-01")];
        assert_eq!(Notified::default().new_items(&current).len(), 1);
    }

    #[test]
    fn the_kept_list_holds_only_items_still_current() {
        let (old, kept, new) = (record("e", "2026-02-01"), record("e", "2026-03-01"), record("f", "2026-03-02"));
        let before = Notified::default().remember(&[old.clone(), kept.clone()], [old.key(), kept.key()]);
        assert_eq!(before.len(), 2);
        // The old item was done; the new one is shown now.
        let after = before.remember(&[kept.clone(), new.clone()], [new.key()]);
        assert!(after.contains(&kept.key()) && after.contains(&new.key()) && !after.contains(&old.key()));
        assert_eq!(after.len(), 2);
        // Once nothing needs attention, nothing is kept.
        assert!(after.remember(&[], Vec::new()).is_empty());
    }

    #[test]
    fn a_key_shown_but_no_longer_current_is_not_kept() {
        let gone = record("e", "2026-02-01");
        assert!(Notified::default().remember(&[], [gone.key()]).is_empty());
    }

    #[test]
    fn the_kept_list_reads_back_and_anything_unreadable_is_empty() {
        let current = [record("e", "2026-03-01"), record("f", "2026-03-02")];
        let notified = Notified::default().remember(&current, current.iter().map(Item::key));
        assert_eq!(Notified::parse(Some(&notified.to_stored())), notified);
        assert!(Notified::parse(None).is_empty());
        assert!(Notified::parse(Some("not a list")).is_empty());
    }
}
