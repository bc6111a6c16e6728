//! Chart geometry: where the points, line, target and gridlines of a line chart go, in SVG
//! units, and a sentence that says the same for screen readers.
//!
//! [`line_chart`] scales labelled values into a box and returns a [`LineChart`]; the UI only
//! draws it. Values are spaced evenly left to right, in the order given. The vertical axis is
//! either fixed by the caller (T-scores 20–80, GAS scores −2…+2) or fitted to the values and
//! the target, rounded out to "nice" gridlines (steps of 1, 2, 2.5 or 5 times a power of ten)
//! so that there are 3 to 6 of them.

/// Space around the plot area, in SVG units: room for tick labels on the left and point
/// labels underneath.
use crate::domain::message::{Arg, Message};
use crate::msg;

const MARGIN_LEFT: f64 = 48.0;
const MARGIN_RIGHT: f64 = 16.0;
const MARGIN_TOP: f64 = 16.0;
const MARGIN_BOTTOM: f64 = 32.0;

/// How far the first and last points sit inside the plot's left and right edges, so their
/// labels (centred under them) stay inside the chart.
const POINT_INSET: f64 = 16.0;

/// The share of the value range added above and below a fitted axis.
const HEADROOM: f64 = 0.05;

const MIN_TICKS: i64 = 3;
const MAX_TICKS: i64 = 6;

/// Slack when deciding whether a value sits on a multiple of a tick step.
const EPSILON: f64 = 1e-9;

/// One value of the chart, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub value: f64,
}

/// A line chart, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub width: f64,
    pub height: f64,
    /// The plot area inside the margins (left, top, right, bottom edges in SVG units).
    pub plot: (f64, f64, f64, f64),
    pub points: Vec<ChartPoint>,
    /// SVG path data through the points, e.g. "M 40 120 L 90 80" (empty when no points).
    pub path: String,
    /// The target line's y, when there is a target.
    pub target_y: Option<f64>,
    /// Horizontal gridlines: (y, label), 3 to 6 of them, labels without needless decimals ("50", "2.5").
    pub y_ticks: Vec<(f64, String)>,
    /// A sentence describing the chart for screen readers, e.g.
    /// "Team pulse score. 1 Dec 2026: 3.1, 5 Jan 2027: 3.6; target 4."
    pub summary: Message,
}

/// A line chart of labelled values evenly spaced left to right.
///
/// `y_range` fixes the axis (e.g. `Some((20.0, 80.0))` for T-scores, `Some((-2.0, 2.0))` for
/// GAS scores); a value or target outside it widens the axis rather than being drawn where it
/// is not. Otherwise the range covers the values and the target with a little headroom, and
/// starts at 0 when every value is ≥ 0 and the smallest is at most half the largest (counts,
/// not a score hovering around 3.5). Coordinates are SVG's: y grows downwards, so the higher
/// the value, the smaller y. A single point sits in the middle. NaN and infinite values (and
/// target) are skipped. `what` names the series in the summary ("T-score", "Presentations given").
pub fn line_chart(
    values: &[(String, f64)],
    target: Option<f64>,
    y_range: Option<(f64, f64)>,
    width: f64,
    height: f64,
    what: &str,
) -> LineChart {
    let (left, top) = (MARGIN_LEFT, MARGIN_TOP);
    let right = (width - MARGIN_RIGHT).max(left);
    let bottom = (height - MARGIN_BOTTOM).max(top);

    let recorded: Vec<(&str, f64)> =
        values.iter().filter(|(_, value)| value.is_finite()).map(|(label, value)| (label.as_str(), *value)).collect();
    let target = target.filter(|t| t.is_finite());
    let covered: Vec<f64> = recorded.iter().map(|(_, value)| *value).chain(target).collect();
    let axis = Axis::fit(&covered, y_range);
    let y_of = |value: f64| bottom - (value - axis.low) / (axis.high - axis.low) * (bottom - top);

    let points: Vec<ChartPoint> = spread(recorded.len(), left, right)
        .into_iter()
        .zip(&recorded)
        .map(|(x, (label, value))| ChartPoint { x, y: y_of(*value), label: label.to_string(), value: *value })
        .collect();
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{} {} {}", if i == 0 { "M" } else { "L" }, number(p.x, 2), number(p.y, 2)))
        .collect::<Vec<_>>()
        .join(" ");
    let y_ticks = axis.ticks.iter().map(|&value| (y_of(value), number(value, axis.decimals))).collect();

    LineChart {
        width,
        height,
        plot: (left, top, right, bottom),
        points,
        path,
        target_y: target.map(y_of),
        y_ticks,
        summary: summary(what, &recorded, target),
    }
}

/// `count` x positions spread evenly across `left..right`, inset a little from both edges;
/// one position is the middle.
fn spread(count: usize, left: f64, right: f64) -> Vec<f64> {
    let inset = POINT_INSET.min((right - left) / 4.0);
    let (first, last) = (left + inset, right - inset);
    match count {
        0 => Vec::new(),
        1 => vec![(left + right) / 2.0],
        _ => (0..count).map(|i| first + (last - first) * i as f64 / (count - 1) as f64).collect(),
    }
}

/// "Team pulse score. 1 Dec 2026: 3.1, 5 Jan 2027: 3.6; target 4." 2027; target 4."
fn summary(what: &str, recorded: &[(&str, f64)], target: Option<f64>) -> Message {
    let what = what.trim();
    let values = if recorded.is_empty() {
        msg!("Nothing recorded yet")
    } else {
        let values = recorded
            .iter()
            .map(|(label, value)| match label.trim() {
                "" => msg!("{value}", value = Arg::Amount(*value)),
                label => msg!("{label}: {value}", label = label, value = Arg::Amount(*value)),
            })
            .collect();
        msg!("{values}", values = Arg::Commas(values))
    };
    match target {
        Some(target) => msg!("{what}. {values}; target {target}.", what = what, values = values, target = Arg::Amount(target)),
        None => msg!("{what}. {values}.", what = what, values = values),
    }
}

/// A number with at most `max_decimals` decimals and none that are needless: 50, 2.5, 3.14.
fn number(value: f64, max_decimals: usize) -> String {
    let text = format!("{value:.max_decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The vertical axis: the value range from the plot's bottom (`low`) to its top (`high`),
/// and the values that get a gridline.
#[derive(Debug, Clone, PartialEq)]
struct Axis {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
    /// Decimals the tick labels need.
    decimals: usize,
}

impl Axis {
    /// The axis for these values: the fixed range if it holds them all, otherwise a range
    /// fitted around them (and the fixed range, if any).
    fn fit(values: &[f64], fixed: Option<(f64, f64)>) -> Axis {
        let fixed = fixed.filter(|(low, high)| low.is_finite() && high.is_finite() && low < high);
        let lowest = values.iter().copied().reduce(f64::min);
        let highest = values.iter().copied().reduce(f64::max);
        match (fixed, lowest.zip(highest)) {
            (Some((low, high)), None) => Axis::fixed(low, high),
            (Some((low, high)), Some((lowest, highest))) if low <= lowest && highest <= high => Axis::fixed(low, high),
            (Some((low, high)), Some((lowest, highest))) => Axis::rounded(low.min(lowest), high.max(highest)),
            (None, None) => Axis::fixed(0.0, 1.0),
            (None, Some((lowest, highest))) => {
                let starts_at_zero = lowest >= 0.0 && lowest <= highest / 2.0;
                Axis::rounded(if starts_at_zero { 0.0 } else { lowest }, highest)
            }
        }
    }

    /// Exactly `low..high`, with gridlines at the multiples of the smallest nice step that
    /// gives at most six; if that gives fewer than three, at both ends and the middle.
    fn fixed(low: f64, high: f64) -> Axis {
        for step in nice_steps(high - low) {
            let first = (low / step - EPSILON).ceil() as i64;
            let last = (high / step + EPSILON).floor() as i64;
            let count = last - first + 1;
            if count <= MAX_TICKS {
                if count < MIN_TICKS {
                    break;
                }
                return Axis { low, high, ticks: multiples(step, first, last), decimals: decimals_for(step) };
            }
        }
        Axis { low, high, ticks: vec![low, (low + high) / 2.0, high], decimals: 2 }
    }

    /// A range around `low..=high` with a little headroom (never below 0 if `low` is not),
    /// widened to the nearest gridlines.
    fn rounded(low: f64, high: f64) -> Axis {
        let (low, high) = if high > low {
            let pad = (high - low) * HEADROOM;
            (if low >= 0.0 { (low - pad).max(0.0) } else { low - pad }, high + pad)
        } else if low == 0.0 {
            (0.0, 1.0)
        } else {
            let pad = low.abs() * HEADROOM * 2.0;
            (low - pad, high + pad)
        };
        for step in nice_steps(high - low) {
            let first = (low / step + EPSILON).floor() as i64;
            let last = (high / step - EPSILON).ceil() as i64;
            if last - first < MAX_TICKS {
                let last = last.max(first + MIN_TICKS - 1);
                return Axis {
                    low: first as f64 * step,
                    high: last as f64 * step,
                    ticks: multiples(step, first, last),
                    decimals: decimals_for(step),
                };
            }
        }
        Axis::fixed(low, high)
    }
}

/// Steps of 1, 2, 2.5 and 5 times a power of ten, smallest first, from well below `span / 6`
/// to above `span`.
fn nice_steps(span: f64) -> impl Iterator<Item = f64> {
    let smallest_power = span.log10().floor() as i32 - 2;
    (smallest_power..smallest_power + 5)
        .flat_map(|power| [1.0, 2.0, 2.5, 5.0].map(|mantissa| mantissa * 10f64.powi(power)))
        .filter(|step| step.is_finite() && *step > 0.0)
}

fn multiples(step: f64, first: i64, last: i64) -> Vec<f64> {
    (first..=last).map(|k| k as f64 * step).collect()
}

/// How many decimals the multiples of `step` need: 0 for 20, 1 for 2.5, 2 for 0.25.
fn decimals_for(step: f64) -> usize {
    (0..=6)
        .find(|&decimals| {
            let scaled = step * 10f64.powi(decimals as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDTH: f64 = 400.0;
    const HEIGHT: f64 = 200.0;

    fn series(values: &[f64]) -> Vec<(String, f64)> {
        values.iter().enumerate().map(|(i, v)| (format!("Review {}", i + 1), *v)).collect()
    }

    fn chart(values: &[f64], target: Option<f64>, y_range: Option<(f64, f64)>) -> LineChart {
        line_chart(&series(values), target, y_range, WIDTH, HEIGHT, "Score")
    }

    fn labels(chart: &LineChart) -> Vec<&str> {
        chart.y_ticks.iter().map(|(_, label)| label.as_str()).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_plot_area_is_the_box_inside_the_margins() {
        assert_eq!(chart(&[1.0], None, None).plot, (48.0, 16.0, 384.0, 168.0));
    }

    #[test]
    fn points_are_inside_the_plot_area() {
        for values in [vec![3.0, 7.0, 1.0, 12.0], vec![-4.0, 0.5, 2.0], vec![1000.0, 1003.0], vec![0.0, 0.0]] {
            let chart = chart(&values, Some(5.0), None);
            let (left, top, right, bottom) = chart.plot;
            for p in &chart.points {
                assert!(left <= p.x && p.x <= right && top <= p.y && p.y <= bottom, "{p:?} in {:?}", chart.plot);
            }
        }
    }

    #[test]
    fn a_higher_value_has_a_smaller_y() {
        let chart = chart(&[2.0, 5.0, 3.0], None, None);
        let y: Vec<f64> = chart.points.iter().map(|p| p.y).collect();
        assert!(y[1] < y[2] && y[2] < y[0], "{y:?}");
    }

    #[test]
    fn points_are_evenly_spaced_left_to_right() {
        let chart = chart(&[1.0, 4.0, 2.0, 8.0, 5.0], None, None);
        let x: Vec<f64> = chart.points.iter().map(|p| p.x).collect();
        let gap = x[1] - x[0];
        assert!(gap > 0.0);
        for pair in x.windows(2) {
            assert!(close(pair[1] - pair[0], gap), "{x:?}");
        }
        assert!(close(x[0] - chart.plot.0, chart.plot.2 - x[4]), "the row is centred: {x:?}");
    }

    #[test]
    fn points_keep_their_labels_and_values() {
        let chart = chart(&[1.5, 4.0], None, None);
        let kept: Vec<(&str, f64)> = chart.points.iter().map(|p| (p.label.as_str(), p.value)).collect();
        assert_eq!(kept, [("Review 1", 1.5), ("Review 2", 4.0)]);
    }

    #[test]
    fn the_target_line_is_inside_the_plot_and_scaled_like_the_points() {
        let chart = chart(&[1.0, 4.0, 10.0], Some(4.0), None);
        let (_, top, _, bottom) = chart.plot;
        let target_y = chart.target_y.unwrap();
        assert!(top <= target_y && target_y <= bottom);
        assert!(close(target_y, chart.points[1].y));
    }

    #[test]
    fn a_target_beyond_the_values_is_still_inside_the_plot() {
        let chart = chart(&[1.0, 2.0], Some(12.0), None);
        let (_, top, _, bottom) = chart.plot;
        let target_y = chart.target_y.unwrap();
        assert!(top <= target_y && target_y < chart.points[1].y && chart.points[1].y <= bottom);
    }

    #[test]
    fn no_target_means_no_target_line() {
        assert_eq!(chart(&[1.0, 2.0], None, None).target_y, None);
    }

    #[test]
    fn a_fixed_range_is_respected() {
        let t_scores = chart(&[43.0, 50.0, 61.0], Some(50.0), Some((20.0, 80.0)));
        let (_, top, _, bottom) = t_scores.plot;
        assert_eq!(labels(&t_scores), ["20", "40", "60", "80"]);
        assert!(close(t_scores.y_ticks[0].0, bottom) && close(t_scores.y_ticks[3].0, top));
        assert!(close(t_scores.target_y.unwrap(), (top + bottom) / 2.0));

        let gas = chart(&[-1.0, 0.0, 2.0], None, Some((-2.0, 2.0)));
        assert_eq!(labels(&gas), ["-2", "-1", "0", "1", "2"]);
        assert!(close(gas.points[1].y, (top + bottom) / 2.0));
        assert!(close(gas.points[2].y, top));
    }

    #[test]
    fn a_value_outside_a_fixed_range_widens_it() {
        let chart = chart(&[50.0, 86.5], None, Some((20.0, 80.0)));
        let (_, top, _, bottom) = chart.plot;
        assert!(chart.points.iter().all(|p| top <= p.y && p.y <= bottom));
        assert!(chart.points[1].y > top, "headroom above the highest value");
    }

    #[test]
    fn a_single_point_sits_in_the_middle() {
        let chart = chart(&[3.0], None, Some((0.0, 6.0)));
        let (left, top, right, bottom) = chart.plot;
        assert_eq!(chart.points.len(), 1);
        assert!(close(chart.points[0].x, (left + right) / 2.0));
        assert!(close(chart.points[0].y, (top + bottom) / 2.0));
        assert_eq!(chart.path, "M 216 92");
    }

    #[test]
    fn a_single_value_without_a_range_is_inside_the_plot() {
        for value in [0.0, 7.0, -3.0] {
            let chart = chart(&[value], None, None);
            let (_, top, _, bottom) = chart.plot;
            assert!(top < chart.points[0].y && chart.points[0].y <= bottom, "{value}: {chart:?}");
        }
    }

    #[test]
    fn the_path_moves_to_the_first_point_and_draws_lines_to_the_rest() {
        let chart = chart(&[0.0, 5.0, 10.0], None, Some((0.0, 10.0)));
        assert_eq!(chart.path, "M 64 168 L 216 92 L 368 16");
    }

    #[test]
    fn nothing_recorded_gives_an_empty_path_and_says_so() {
        let chart = line_chart(&[], None, None, WIDTH, HEIGHT, "Presentations given");
        assert!(chart.points.is_empty());
        assert_eq!(chart.path, "");
        assert_eq!(chart.summary, "Presentations given. Nothing recorded yet.");
        assert!((3..=6).contains(&chart.y_ticks.len()));
    }

    #[test]
    fn nothing_recorded_still_shows_the_target() {
        let chart = line_chart(&[], Some(10.0), None, WIDTH, HEIGHT, "Presentations given");
        assert_eq!(chart.summary, "Presentations given. Nothing recorded yet; target 10.");
        assert!(chart.target_y.is_some());
    }

    #[test]
    fn values_that_are_not_numbers_are_skipped() {
        let values =
            vec![("Jan".to_string(), 1.0), ("Feb".to_string(), f64::NAN), ("Mar".to_string(), f64::INFINITY), ("Apr".to_string(), 3.0)];
        let chart = line_chart(&values, Some(f64::NAN), None, WIDTH, HEIGHT, "Score");
        let kept: Vec<&str> = chart.points.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(kept, ["Jan", "Apr"]);
        assert_eq!(chart.target_y, None);
        assert_eq!(chart.summary, "Score. Jan: 1, Apr: 3.");
        assert!(chart.y_ticks.iter().all(|(y, _)| y.is_finite()));
    }

    #[test]
    fn the_summary_lists_every_point_and_the_target() {
        let values = vec![("1 Dec 2026".to_string(), 3.1), ("5 Jan 2027".to_string(), 3.6)];
        let chart = line_chart(&values, Some(4.0), None, WIDTH, HEIGHT, "Team pulse score");
        assert_eq!(chart.summary, "Team pulse score. 1 Dec 2026: 3.1, 5 Jan 2027: 3.6; target 4.");
    }

    #[test]
    fn the_summary_shows_at_most_two_decimals() {
        let chart = chart(&[52.345_678, 50.0], Some(2.0 / 3.0), None);
        assert_eq!(chart.summary, "Score. Review 1: 52.35, Review 2: 50; target 0.67.");
    }

    #[test]
    fn tick_labels_have_no_needless_decimals() {
        assert_eq!(labels(&chart(&[0.0, 10.0], None, Some((0.0, 10.0)))), ["0", "2", "4", "6", "8", "10"]);
        assert_eq!(labels(&chart(&[0.0, 5.0], None, Some((0.0, 5.0)))), ["0", "1", "2", "3", "4", "5"]);
        assert_eq!(labels(&chart(&[3.0], Some(10.0), None)), ["0", "2.5", "5", "7.5", "10", "12.5"]);
        assert_eq!(labels(&chart(&[0.1, 0.4], None, Some((0.0, 0.5)))), ["0", "0.1", "0.2", "0.3", "0.4", "0.5"]);
        assert_eq!(labels(&chart(&[0.0, 1.0], None, Some((0.0, 1.0)))), ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    }

    #[test]
    fn there_are_three_to_six_gridlines_inside_the_plot() {
        type Case<'a> = (&'a [f64], Option<f64>, Option<(f64, f64)>);
        let cases: [Case; 9] = [
            (&[1.0, 2.0, 3.0], None, None),
            (&[3.1, 3.6], Some(4.0), None),
            (&[0.0, 97.0], None, None),
            (&[-7.5, 12.25], None, None),
            (&[1234.0, 1240.0], None, None),
            (&[0.001, 0.002], None, None),
            (&[5.0], None, None),
            (&[1.0], None, Some((1.0, 10.0))),
            (&[0.9], None, Some((0.9, 1.1))),
        ];
        for (values, target, range) in cases {
            let chart = chart(values, target, range);
            let (_, top, _, bottom) = chart.plot;
            assert!((3..=6).contains(&chart.y_ticks.len()), "{values:?}: {:?}", chart.y_ticks);
            for (y, _) in &chart.y_ticks {
                assert!(top - 1e-9 <= *y && *y <= bottom + 1e-9, "{values:?}: {:?}", chart.y_ticks);
            }
            for p in &chart.points {
                assert!(top <= p.y && p.y <= bottom, "{values:?}: {p:?}");
            }
        }
    }

    #[test]
    fn counts_start_from_zero() {
        let chart = chart(&[2.0, 4.0, 7.0], Some(10.0), None);
        assert_eq!(chart.y_ticks[0], (chart.plot.3, "0".to_string()));
    }

    #[test]
    fn a_score_far_from_zero_keeps_its_detail() {
        let chart = chart(&[3.1, 3.6], Some(4.0), None);
        let lowest: f64 = chart.y_ticks[0].1.parse().unwrap();
        assert!(lowest > 2.5 && lowest <= 3.1, "{:?}", chart.y_ticks);
    }

    #[test]
    fn negative_values_get_room_below_zero() {
        let chart = chart(&[-3.0, 2.0], None, None);
        let lowest: f64 = chart.y_ticks[0].1.parse().unwrap();
        assert!(lowest < -3.0, "{:?}", chart.y_ticks);
    }

    #[test]
    fn a_box_too_small_for_the_margins_does_not_break() {
        let chart = line_chart(&series(&[1.0, 2.0]), Some(1.5), None, 10.0, 10.0, "Score");
        assert!(chart.points.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        assert!(chart.target_y.is_some_and(f64::is_finite));
    }
}
