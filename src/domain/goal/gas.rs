//! Goal Attainment Scaling: the aggregate T-score over several goals (docs/domain.md §4).
//!
//! Each goal is scored −2…+2 against its own level descriptions and carries a weight
//! (default 1, or importance × difficulty). [`t_score`] combines weighted scores into one
//! number where 50 means "goals met as expected" and each 10 points is one standard
//! deviation, assuming the goals correlate at ρ = 0.3 ([`RHO`]). [`t_score_at`] and
//! [`trend`] apply it to goals at review points; [`describe`] puts a T-score into words.

use super::{Goal, ReviewPoint};
use crate::domain::message::Message;
use crate::msg;

/// The assumed correlation between goals' scores (Kiresuk & Sherman).
pub const RHO: f64 = 0.3;

/// Aggregate GAS T-score: T = 50 + 10·Σ(wᵢ·xᵢ) / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²), ρ = 0.3.
/// `None` when the list is empty or the denominator is 0. Every score 0 gives exactly 50.
pub fn t_score(weighted_scores: &[(f64, i8)]) -> Option<f64> {
    if weighted_scores.is_empty() {
        return None;
    }
    let weighted_sum: f64 = weighted_scores.iter().map(|&(w, x)| w * f64::from(x)).sum();
    let sum_of_squares: f64 = weighted_scores.iter().map(|&(w, _)| w * w).sum();
    let sum: f64 = weighted_scores.iter().map(|&(w, _)| w).sum();
    let denominator = (1.0 - RHO) * sum_of_squares + RHO * sum * sum;
    if !denominator.is_finite() || denominator <= 0.0 {
        return None;
    }
    let t = 50.0 + 10.0 * weighted_sum / denominator.sqrt();
    t.is_finite().then_some(t)
}

/// T-score over the goals that have a score at this review point (weights from
/// `goal.weight.value()`, score from `goal.score_at(point)`).
pub fn t_score_at(goals: &[Goal], point: ReviewPoint) -> Option<f64> {
    let scored: Vec<(f64, i8)> = goals.iter().filter_map(|goal| goal.score_at(point).map(|score| (goal.weight.value(), score))).collect();
    t_score(&scored)
}

/// The T-score at Baseline, MidPoint and End (in that order), for each point where any
/// goal has a score.
pub fn trend(goals: &[Goal]) -> Vec<(ReviewPoint, f64)> {
    [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End]
        .into_iter()
        .filter_map(|point| t_score_at(goals, point).map(|t| (point, t)))
        .collect()
}

/// "T = 53.4 (goals met more than expected)": one line for people.
///
/// Bands: below 40 much less than expected; below 47.5 less than expected; up to 52.5
/// about as expected; up to 60 more than expected; above that much more than expected.
pub fn describe(t: f64) -> String {
    format!("T = {t:.1} (goals met {})", band(t))
}

/// How a T-score reads in words: "much less than expected" … "much more than expected".
pub fn band(t: f64) -> Message {
    if t < 40.0 {
        msg!("much less than expected")
    } else if t < 47.5 {
        msg!("less than expected")
    } else if t <= 52.5 {
        msg!("about as expected")
    } else if t <= 60.0 {
        msg!("more than expected")
    } else {
        msg!("much more than expected")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::goal::{ScoreEntry, Weight};
    use crate::domain::record::RecordId;

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a T-score");
        assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
    }

    fn goal(weight: f64, scores: &[(ReviewPoint, i8)]) -> Goal {
        let mut goal = Goal::new(RecordId::parse("engagement-1").expect("id"), "A goal");
        goal.weight = Weight::Direct { value: weight };
        let on = Date::parse("2027-01-10").expect("date");
        goal.scores = scores.iter().map(|&(point, score)| ScoreEntry { on, point, score, note: String::new() }).collect();
        goal
    }

    #[test]
    fn every_goal_scored_as_expected_gives_exactly_fifty() {
        // Σwx = 0, so T = 50 + 0 whatever the weights.
        assert_eq!(t_score(&[(1.0, 0), (2.5, 0), (9.0, 0)]), Some(50.0));
        assert_eq!(t_score(&[(1.0, 0)]), Some(50.0));
    }

    #[test]
    fn one_goal_somewhat_more_than_expected_gives_sixty() {
        // Σwx = 1; denominator 0.7·1 + 0.3·1 = 1; T = 50 + 10/√1 = 60.
        close(t_score(&[(1.0, 1)]), 60.0);
    }

    #[test]
    fn equal_goals_one_up_one_down_cancel_out() {
        // Σwx = 1 − 1 = 0, so T = 50.
        close(t_score(&[(1.0, 1), (1.0, -1)]), 50.0);
    }

    #[test]
    fn two_goals_much_more_than_expected() {
        // Σwx = 2 + 2 = 4; Σw² = 2; (Σw)² = 4; denominator 0.7·2 + 0.3·4 = 2.6.
        // T = 50 + 40/√2.6 ≈ 74.807.
        close(t_score(&[(1.0, 2), (1.0, 2)]), 50.0 + 40.0 / 2.6_f64.sqrt());
        assert!((t_score(&[(1.0, 2), (1.0, 2)]).unwrap_or(0.0) - 74.807).abs() < 1e-3);
    }

    #[test]
    fn unequal_weights_count_in_proportion() {
        // Weights 3 and 1, scores +1 and −2: Σwx = 3 − 2 = 1; Σw² = 9 + 1 = 10; Σw = 4.
        // Denominator 0.7·10 + 0.3·16 = 7 + 4.8 = 11.8; T = 50 + 10/√11.8 ≈ 52.911.
        close(t_score(&[(3.0, 1), (1.0, -2)]), 50.0 + 10.0 / 11.8_f64.sqrt());
        assert!((t_score(&[(3.0, 1), (1.0, -2)]).unwrap_or(0.0) - 52.911).abs() < 1e-3);
    }

    #[test]
    fn three_goals_somewhat_less_than_expected() {
        // Σwx = −3; Σw² = 3; (Σw)² = 9; denominator 0.7·3 + 0.3·9 = 4.8; T = 50 − 30/√4.8 ≈ 36.307.
        close(t_score(&[(1.0, -1), (1.0, -1), (1.0, -1)]), 50.0 - 30.0 / 4.8_f64.sqrt());
        assert!((t_score(&[(1.0, -1), (1.0, -1), (1.0, -1)]).unwrap_or(0.0) - 36.307).abs() < 1e-3);
    }

    #[test]
    fn no_goals_or_only_zero_weights_give_no_t_score() {
        assert_eq!(t_score(&[]), None);
        assert_eq!(t_score(&[(0.0, 1)]), None);
        assert_eq!(t_score(&[(0.0, 1), (0.0, -2)]), None);
    }

    #[test]
    fn t_score_at_uses_only_goals_scored_at_that_point() {
        let goals = vec![
            goal(1.0, &[(ReviewPoint::Baseline, -1), (ReviewPoint::End, 1)]),
            goal(1.0, &[(ReviewPoint::Baseline, -1)]),
            goal(1.0, &[]),
        ];
        // Baseline: two goals at −1: Σwx = −2; denominator 0.7·2 + 0.3·4 = 2.6.
        close(t_score_at(&goals, ReviewPoint::Baseline), 50.0 - 20.0 / 2.6_f64.sqrt());
        // End: one goal at +1 → 60.
        close(t_score_at(&goals, ReviewPoint::End), 60.0);
        assert_eq!(t_score_at(&goals, ReviewPoint::MidPoint), None);
    }

    #[test]
    fn t_score_at_weighs_by_importance_and_difficulty() {
        let mut heavy = goal(1.0, &[(ReviewPoint::End, 1)]);
        heavy.weight = Weight::ImportanceDifficulty { importance: 3, difficulty: 1 };
        let light = goal(1.0, &[(ReviewPoint::End, -2)]);
        // The same as weights 3 and 1 with scores +1 and −2 above.
        close(t_score_at(&[heavy, light], ReviewPoint::End), 50.0 + 10.0 / 11.8_f64.sqrt());
    }

    #[test]
    fn trend_lists_baseline_mid_point_and_end_in_order_where_scored() {
        let goals = vec![
            goal(1.0, &[(ReviewPoint::End, 0), (ReviewPoint::Baseline, -1), (ReviewPoint::Review, 2)]),
            goal(1.0, &[(ReviewPoint::End, 2)]),
        ];
        let trend = trend(&goals);
        let points: Vec<ReviewPoint> = trend.iter().map(|&(p, _)| p).collect();
        assert_eq!(points, vec![ReviewPoint::Baseline, ReviewPoint::End]);
        // Baseline: one goal at −1 → 40. End: scores 0 and +2 → 50 + 20/√2.6.
        close(Some(trend[0].1), 40.0);
        close(Some(trend[1].1), 50.0 + 20.0 / 2.6_f64.sqrt());
        assert!(super::trend(&[]).is_empty());
    }

    #[test]
    fn describe_puts_the_t_score_in_words() {
        assert_eq!(describe(50.0), "T = 50.0 (goals met about as expected)");
        assert_eq!(describe(53.4), "T = 53.4 (goals met more than expected)");
        assert_eq!(describe(36.3), "T = 36.3 (goals met much less than expected)");
        assert_eq!(describe(45.0), "T = 45.0 (goals met less than expected)");
        assert_eq!(describe(47.5), "T = 47.5 (goals met about as expected)");
        assert_eq!(describe(52.5), "T = 52.5 (goals met about as expected)");
        assert_eq!(describe(60.0), "T = 60.0 (goals met more than expected)");
        assert_eq!(describe(74.8), "T = 74.8 (goals met much more than expected)");
    }
}
