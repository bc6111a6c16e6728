//! Progress on a goal: how far along it is, and whether it needs attention.
//!
//! [`percent_complete`] reads the goal's own form of progress: the latest judged
//! percentage, a [`roll_up`] of its milestones and actions, or a [`Metric`] measured
//! against its target ([`metric_value`], [`metric_percent`]). [`is_overdue`] and
//! [`is_at_risk`] flag goals that need a conversation: an item past its due date, or
//! nothing recorded for a while ([`last_activity`]).

use super::{Goal, GoalItem, ItemStatus, Metric, MetricKind, Progress};
use crate::domain::date::Date;

/// The latest entry of a metric by date; on equal dates the one recorded last wins.
fn latest_entry(metric: &Metric) -> Option<&super::MetricEntry> {
    metric.entries.iter().max_by_key(|entry| entry.on)
}

/// The metric's current value: Cumulative = start_value + sum of entries;
/// Measurement/Rating/YesNo = the latest entry's value (by date, last wins on ties), or
/// start_value when no entries.
pub fn metric_value(metric: &Metric) -> f64 {
    match metric.kind {
        MetricKind::Cumulative => metric.start_value + metric.entries.iter().map(|entry| entry.value).sum::<f64>(),
        MetricKind::Measurement | MetricKind::Rating | MetricKind::YesNo => {
            latest_entry(metric).map_or(metric.start_value, |entry| entry.value)
        }
    }
}

/// 0–100: for YesNo, 100 if the latest entry is 1 else 0; otherwise
/// (value − start)/(target − start)·100 clamped to 0..=100 (works for decreasing targets
/// too); None if target == start or (for non-cumulative kinds) there are no entries.
pub fn metric_percent(metric: &Metric) -> Option<f64> {
    if metric.kind == MetricKind::YesNo {
        let latest = latest_entry(metric)?;
        return Some(if (latest.value - 1.0).abs() < 1e-9 { 100.0 } else { 0.0 });
    }
    if metric.kind != MetricKind::Cumulative && metric.entries.is_empty() {
        return None;
    }
    let distance = metric.target - metric.start_value;
    if distance == 0.0 || !distance.is_finite() {
        return None;
    }
    let percent = (metric_value(metric) - metric.start_value) / distance * 100.0;
    percent.is_finite().then(|| percent.clamp(0.0, 100.0))
}

/// Whether an item counts as finished: done, and confirmed if it needs confirmation.
fn counts_as_done(item: &GoalItem) -> bool {
    item.status == ItemStatus::Done && (!item.needs_confirmation || item.confirmed)
}

/// Share of milestones and actions done (an item that needs confirmation counts only when
/// confirmed), ignoring dropped ones; weighted uses item.weight. None when there are no
/// items that count.
pub fn roll_up(items: &[GoalItem], weighted: bool) -> Option<f64> {
    let weight_of = |item: &GoalItem| if weighted { item.weight.max(0.0) } else { 1.0 };
    let counted = items.iter().filter(|item| item.status != ItemStatus::Dropped);
    let (done, total) = counted.fold((0.0, 0.0), |(done, total), item| {
        let weight = weight_of(item);
        (if counts_as_done(item) { done + weight } else { done }, total + weight)
    });
    if total > 0.0 && f64::is_finite(total) {
        Some((done / total * 100.0).clamp(0.0, 100.0))
    } else {
        None
    }
}

/// Percentage complete by the goal's own progress method (Judged: the latest entry's
/// percent, by date, the one recorded last on equal dates).
pub fn percent_complete(goal: &Goal) -> Option<f64> {
    match &goal.progress {
        Progress::Judged { entries } => entries.iter().max_by_key(|entry| entry.on).map(|entry| f64::from(entry.percent)),
        Progress::RollUp { weighted } => roll_up(&goal.items, *weighted),
        Progress::Metric(metric) => metric_percent(metric),
    }
}

/// Due before `today` and neither done nor dropped.
pub fn is_overdue(item: &GoalItem, today: Date) -> bool {
    let open = !matches!(item.status, ItemStatus::Done | ItemStatus::Dropped);
    open && item.due.is_some_and(|due| due < today)
}

/// The goal's milestones and actions that are overdue, in the goal's order.
pub fn overdue_items(goal: &Goal, today: Date) -> Vec<&GoalItem> {
    goal.items.iter().filter(|item| is_overdue(item, today)).collect()
}

/// The latest date anything was recorded on the goal (a score, a judged or metric entry,
/// an item done).
pub fn last_activity(goal: &Goal) -> Option<Date> {
    let scores = goal.scores.iter().map(|score| score.on);
    let entries: Vec<Date> = match &goal.progress {
        Progress::Judged { entries } => entries.iter().map(|entry| entry.on).collect(),
        Progress::Metric(metric) => metric.entries.iter().map(|entry| entry.on).collect(),
        Progress::RollUp { .. } => Vec::new(),
    };
    let done = goal.items.iter().filter_map(|item| item.done_on);
    scores.chain(entries).chain(done).max()
}

/// How many days without anything recorded before a goal needs a conversation (three weeks).
pub const QUIET_DAYS: i64 = 21;

/// The goal needs attention on `today`: [`is_at_risk`] with the app's limit of
/// [`QUIET_DAYS`].
pub fn needs_attention(goal: &Goal, today: Date, created_on: Date) -> bool {
    is_at_risk(goal, today, QUIET_DAYS, created_on)
}

/// At risk: any overdue item, or nothing recorded for more than `quiet_days` days (no
/// activity at all counts as at risk only if `created_on` is more than `quiet_days` ago).
pub fn is_at_risk(goal: &Goal, today: Date, quiet_days: i64, created_on: Date) -> bool {
    if !overdue_items(goal, today).is_empty() {
        return true;
    }
    let since = last_activity(goal).unwrap_or(created_on);
    since.days_until(today) > quiet_days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::Party;
    use crate::domain::goal::{ItemKind, JudgedEntry, MetricEntry, ReviewPoint, ScoreEntry};
    use crate::domain::record::RecordId;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn item(id: &str, status: ItemStatus, weight: f64) -> GoalItem {
        GoalItem {
            id: id.into(),
            kind: ItemKind::Action,
            title: format!("Item {id}"),
            owner: Party::Client,
            due: None,
            status,
            done_on: (status == ItemStatus::Done).then(|| day("2027-01-05")),
            weight,
            needs_confirmation: false,
            confirmed: false,
            agreed_in: None,
            reviews: Vec::new(),
            check_ins: Vec::new(),
        }
    }

    fn metric(kind: MetricKind, start: f64, target: f64, entries: &[(&str, f64)]) -> Metric {
        Metric {
            kind,
            unit: String::new(),
            start_value: start,
            target,
            entries: entries.iter().map(|&(on, value)| MetricEntry { on: day(on), value, note: String::new() }).collect(),
        }
    }

    fn goal() -> Goal {
        Goal::new(RecordId::parse("engagement-1").expect("id"), "Lead the weekly meeting")
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a percentage");
        assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
    }

    #[test]
    fn roll_up_counts_the_share_of_items_done() {
        let items = vec![item("a", ItemStatus::Done, 3.0), item("b", ItemStatus::Open, 1.0)];
        // Unweighted: 1 of 2 done → 50 %.
        close(roll_up(&items, false), 50.0);
        // Weighted: 3 of 3 + 1 → 75 %.
        close(roll_up(&items, true), 75.0);
    }

    #[test]
    fn dropped_items_are_ignored_in_the_roll_up() {
        let items = vec![item("a", ItemStatus::Done, 1.0), item("b", ItemStatus::Dropped, 5.0), item("c", ItemStatus::InProgress, 1.0)];
        close(roll_up(&items, false), 50.0);
        close(roll_up(&items, true), 50.0);
        assert_eq!(roll_up(&[item("x", ItemStatus::Dropped, 1.0)], false), None);
        assert_eq!(roll_up(&[], true), None);
    }

    #[test]
    fn an_unconfirmed_item_does_not_count_until_the_practitioner_confirms_it() {
        let mut needs_confirming = item("a", ItemStatus::Done, 1.0);
        needs_confirming.needs_confirmation = true;
        let items = vec![needs_confirming.clone(), item("b", ItemStatus::Done, 1.0)];
        close(roll_up(&items, false), 50.0);
        needs_confirming.confirmed = true;
        close(roll_up(&[needs_confirming, item("b", ItemStatus::Done, 1.0)], false), 100.0);
    }

    #[test]
    fn a_cumulative_metric_adds_up_from_its_start() {
        // Presentations: start 2, entries 1 + 3 → 6; progress (6 − 2)/(10 − 2) = 50 %.
        let presentations = metric(MetricKind::Cumulative, 2.0, 10.0, &[("2027-01-01", 1.0), ("2027-01-08", 3.0)]);
        assert_eq!(metric_value(&presentations), 6.0);
        close(metric_percent(&presentations), 50.0);
        // No entries yet: the start, 0 %.
        let fresh = metric(MetricKind::Cumulative, 2.0, 10.0, &[]);
        assert_eq!(metric_value(&fresh), 2.0);
        close(metric_percent(&fresh), 0.0);
    }

    #[test]
    fn a_measurement_takes_the_latest_entry_by_date() {
        // Entered out of order: the 2027-02-01 value counts.
        let survey = metric(MetricKind::Measurement, 60.0, 80.0, &[("2027-02-01", 75.0), ("2027-01-01", 90.0)]);
        assert_eq!(metric_value(&survey), 75.0);
        close(metric_percent(&survey), 75.0);
        // Two on the same day: the one recorded last wins.
        let same_day = metric(MetricKind::Measurement, 60.0, 80.0, &[("2027-01-01", 65.0), ("2027-01-01", 70.0)]);
        assert_eq!(metric_value(&same_day), 70.0);
        // No entries: the start, and no percentage yet.
        let empty = metric(MetricKind::Measurement, 60.0, 80.0, &[]);
        assert_eq!(metric_value(&empty), 60.0);
        assert_eq!(metric_percent(&empty), None);
    }

    #[test]
    fn a_rating_takes_the_latest_and_is_clamped_to_the_target() {
        // Rating from 4 towards 8: latest 6 → (6 − 4)/(8 − 4) = 50 %.
        let confidence = metric(MetricKind::Rating, 4.0, 8.0, &[("2027-01-01", 5.0), ("2027-02-01", 6.0)]);
        close(metric_percent(&confidence), 50.0);
        // Beyond the target counts as 100 %, below the start as 0 %.
        close(metric_percent(&metric(MetricKind::Rating, 4.0, 8.0, &[("2027-03-01", 10.0)])), 100.0);
        close(metric_percent(&metric(MetricKind::Rating, 4.0, 8.0, &[("2027-03-01", 2.0)])), 0.0);
    }

    #[test]
    fn a_yes_or_no_metric_is_all_or_nothing() {
        let done = metric(MetricKind::YesNo, 0.0, 1.0, &[("2027-01-01", 0.0), ("2027-02-01", 1.0)]);
        close(metric_percent(&done), 100.0);
        assert_eq!(metric_value(&done), 1.0);
        let not_yet = metric(MetricKind::YesNo, 0.0, 1.0, &[("2027-01-01", 1.0), ("2027-02-01", 0.0)]);
        close(metric_percent(&not_yet), 0.0);
        assert_eq!(metric_percent(&metric(MetricKind::YesNo, 0.0, 1.0, &[])), None);
    }

    #[test]
    fn a_decreasing_target_counts_progress_downwards() {
        // Late arrivals from 20 down to 5: latest 14 → (14 − 20)/(5 − 20) = 6/15 = 40 %.
        let late = metric(MetricKind::Measurement, 20.0, 5.0, &[("2027-01-01", 17.0), ("2027-02-01", 14.0)]);
        close(metric_percent(&late), 40.0);
        // Going up instead is 0 %; beating the target is 100 %.
        close(metric_percent(&metric(MetricKind::Measurement, 20.0, 5.0, &[("2027-01-01", 25.0)])), 0.0);
        close(metric_percent(&metric(MetricKind::Measurement, 20.0, 5.0, &[("2027-01-01", 3.0)])), 100.0);
    }

    #[test]
    fn a_target_equal_to_the_start_gives_no_percentage() {
        assert_eq!(metric_percent(&metric(MetricKind::Cumulative, 3.0, 3.0, &[("2027-01-01", 1.0)])), None);
    }

    #[test]
    fn percent_complete_follows_the_goals_progress_method() {
        let mut judged = goal();
        assert_eq!(percent_complete(&judged), None);
        judged.progress = Progress::Judged {
            entries: vec![
                JudgedEntry { on: day("2027-02-01"), percent: 40, comment: String::new() },
                JudgedEntry { on: day("2027-01-01"), percent: 70, comment: String::new() },
            ],
        };
        close(percent_complete(&judged), 40.0);

        let mut rolled = goal();
        rolled.progress = Progress::RollUp { weighted: true };
        rolled.items = vec![item("a", ItemStatus::Done, 3.0), item("b", ItemStatus::Open, 1.0)];
        close(percent_complete(&rolled), 75.0);

        let mut measured = goal();
        measured.progress = Progress::Metric(metric(MetricKind::Cumulative, 0.0, 4.0, &[("2027-01-01", 1.0)]));
        close(percent_complete(&measured), 25.0);
    }

    #[test]
    fn an_open_item_past_its_due_date_is_overdue() {
        let today = day("2027-03-10");
        let mut open = item("a", ItemStatus::InProgress, 1.0);
        open.due = Some(day("2027-03-09"));
        assert!(is_overdue(&open, today));
        // Due today is not yet overdue.
        open.due = Some(today);
        assert!(!is_overdue(&open, today));
        // No due date is never overdue.
        open.due = None;
        assert!(!is_overdue(&open, today));
    }

    #[test]
    fn done_or_dropped_items_are_never_overdue() {
        let today = day("2027-03-10");
        let mut goal = goal();
        for (id, status) in [("a", ItemStatus::Done), ("b", ItemStatus::Dropped), ("c", ItemStatus::Open)] {
            let mut late = item(id, status, 1.0);
            late.due = Some(day("2027-01-01"));
            goal.items.push(late);
        }
        let overdue: Vec<&str> = overdue_items(&goal, today).iter().map(|i| i.id.as_str()).collect();
        assert_eq!(overdue, vec!["c"]);
    }

    #[test]
    fn last_activity_is_the_latest_score_entry_or_item_done() {
        let mut goal = goal();
        assert_eq!(last_activity(&goal), None);
        goal.scores.push(ScoreEntry { on: day("2027-01-02"), point: ReviewPoint::Baseline, score: -1, note: String::new() });
        goal.progress = Progress::Judged { entries: vec![JudgedEntry { on: day("2027-02-03"), percent: 30, comment: String::new() }] };
        assert_eq!(last_activity(&goal), Some(day("2027-02-03")));
        let mut done = item("a", ItemStatus::Done, 1.0);
        done.done_on = Some(day("2027-02-20"));
        goal.items.push(done);
        assert_eq!(last_activity(&goal), Some(day("2027-02-20")));
        goal.progress = Progress::Metric(metric(MetricKind::Cumulative, 0.0, 5.0, &[("2027-03-01", 1.0)]));
        assert_eq!(last_activity(&goal), Some(day("2027-03-01")));
    }

    #[test]
    fn a_goal_with_an_overdue_item_is_at_risk() {
        let today = day("2027-03-10");
        let mut goal = goal();
        goal.scores.push(ScoreEntry { on: today, point: ReviewPoint::Baseline, score: -1, note: String::new() });
        let mut late = item("a", ItemStatus::Open, 1.0);
        late.due = Some(day("2027-03-01"));
        goal.items.push(late);
        assert!(is_at_risk(&goal, today, 30, today));
    }

    #[test]
    fn a_goal_quiet_for_longer_than_the_limit_is_at_risk() {
        let today = day("2027-03-31");
        let mut goal = goal();
        goal.scores.push(ScoreEntry { on: day("2027-03-01"), point: ReviewPoint::Baseline, score: -1, note: String::new() });
        // 30 days since the last score: not more than 30.
        assert!(!is_at_risk(&goal, today, 30, day("2027-01-01")));
        // 31 days: at risk.
        assert!(is_at_risk(&goal, day("2027-04-01"), 30, day("2027-01-01")));
    }

    #[test]
    fn a_new_goal_with_nothing_recorded_is_at_risk_only_once_it_has_been_quiet_long_enough() {
        let goal = goal();
        let today = day("2027-03-31");
        assert!(!is_at_risk(&goal, today, 30, day("2027-03-20")));
        assert!(!is_at_risk(&goal, today, 30, day("2027-03-01")));
        assert!(is_at_risk(&goal, today, 30, day("2027-02-28")));
    }

    #[test]
    fn a_goal_needs_attention_after_three_weeks_without_anything_recorded() {
        let goal = Goal::new(RecordId::parse("eng").unwrap(), "Lead the team");
        let created = day("2027-01-01");
        assert!(!needs_attention(&goal, day("2027-01-22"), created), "21 days is not yet more than three weeks");
        assert!(needs_attention(&goal, day("2027-01-23"), created));
    }
}
