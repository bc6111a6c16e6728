//! Radar geometry for drawing a wheel of life as SVG, and the same in words.
//!
//! A [`Radar`] places one axis per area, the first straight up (12 o'clock) and the others
//! clockwise at equal steps; a score of 10 reaches the axis end and 0 stays at the centre.
//! It gives the points of a round as a `<polygon points>` string, the rings at 2, 4, 6, 8
//! and 10, and where each area's [`Label`] goes. [`area_lines`] and [`biggest_change`] say
//! what the chart shows, for screen readers and for anyone who prefers text.

use std::f64::consts::TAU;

use crate::domain::goal::ReviewPoint;
use crate::domain::message::{Arg, Message};
use crate::msg;

use super::wheel::{Wheel, WheelRound, HIGHEST_SCORE};

/// The scores at which rings are drawn.
pub const RINGS: [u8; 5] = [2, 4, 6, 8, 10];

/// How far a label sits beyond the end of its axis, in SVG units.
pub const LABEL_GAP: f64 = 12.0;

/// Below this, a sine or cosine counts as zero (an axis straight up, down or across).
const EPSILON: f64 = 1e-9;

/// A position in SVG units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Where a label's text is anchored horizontally: SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAnchor {
    /// Right of the centre: the text runs away to the right.
    Start,
    /// Straight above or below the centre.
    Middle,
    /// Left of the centre: the text ends at the point.
    End,
}

impl TextAnchor {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            TextAnchor::Start => "start",
            TextAnchor::Middle => "middle",
            TextAnchor::End => "end",
        }
    }
}

/// Where a label's text sits vertically: SVG's `dominant-baseline`, so a label above the
/// chart stands on its point and one below hangs from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// Above the centre: the text stands on the point.
    Auto,
    /// Level with the centre.
    Middle,
    /// Below the centre: the text hangs from the point.
    Hanging,
}

impl Baseline {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Baseline::Auto => "auto",
            Baseline::Middle => "middle",
            Baseline::Hanging => "hanging",
        }
    }
}

/// Where an area's name goes: just beyond its axis, anchored away from the chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub at: Point,
    pub anchor: TextAnchor,
    pub baseline: Baseline,
}

/// The geometry of a radar chart with `areas` axes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Radar {
    areas: usize,
    centre: Point,
    radius: f64,
}

/// Rounds away the last bits of floating-point noise, so an axis straight across lands on
/// the centre's height exactly.
fn tidy(value: f64) -> f64 {
    let tidied = (value * 1e9).round() / 1e9;
    // No negative zero: it would print as "-0.0".
    tidied + 0.0
}

/// One decimal, never "-0.0".
fn one_decimal(value: f64) -> String {
    let text = format!("{value:.1}");
    if text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

impl Radar {
    /// A radar with `areas` axes around `centre`; a score of 10 reaches `radius`.
    pub fn new(areas: usize, centre: (f64, f64), radius: f64) -> Radar {
        Radar { areas, centre: Point { x: centre.0, y: centre.1 }, radius }
    }

    pub fn areas(&self) -> usize {
        self.areas
    }

    /// The angle of axis `index`, in radians clockwise from straight up.
    pub fn angle(&self, index: usize) -> f64 {
        if self.areas == 0 {
            return 0.0;
        }
        TAU * index as f64 / self.areas as f64
    }

    /// The point `distance` from the centre along axis `index`.
    fn along(&self, index: usize, distance: f64) -> Point {
        let angle = self.angle(index);
        Point { x: tidy(self.centre.x + distance * angle.sin()), y: tidy(self.centre.y - distance * angle.cos()) }
    }

    /// The end of axis `index`, where a score of 10 lands.
    pub fn axis_end(&self, index: usize) -> Point {
        self.along(index, self.radius)
    }

    /// Where `score` (0 to 10) lands on axis `index`.
    pub fn point(&self, index: usize, score: f64) -> Point {
        self.along(index, self.radius * score / f64::from(HIGHEST_SCORE))
    }

    /// The `points` of an SVG `<polygon>` through one score per axis: "x,y x,y …" with one
    /// decimal.
    pub fn polygon(&self, scores: &[u8]) -> String {
        let points: Vec<String> = scores
            .iter()
            .enumerate()
            .map(|(index, score)| {
                let point = self.point(index, f64::from(*score));
                format!("{},{}", one_decimal(point.x), one_decimal(point.y))
            })
            .collect();
        points.join(" ")
    }

    /// The rings at 2, 4, 6, 8 and 10, each as its score and its polygon.
    pub fn rings(&self) -> Vec<(u8, String)> {
        RINGS.iter().map(|ring| (*ring, self.polygon(&vec![*ring; self.areas]))).collect()
    }

    /// Where the name of area `index` goes: [`LABEL_GAP`] beyond its axis end, anchored on
    /// the side it is on.
    pub fn label_anchor(&self, index: usize) -> Label {
        let angle = self.angle(index);
        let anchor = match angle.sin() {
            sin if sin > EPSILON => TextAnchor::Start,
            sin if sin < -EPSILON => TextAnchor::End,
            _ => TextAnchor::Middle,
        };
        let baseline = match angle.cos() {
            cos if cos > EPSILON => Baseline::Auto,
            cos if cos < -EPSILON => Baseline::Hanging,
            _ => Baseline::Middle,
        };
        Label { at: self.along(index, self.radius + LABEL_GAP), anchor, baseline }
    }
}

/// "4 at baseline": one score of one round, in words.
fn score_at(score: u8, point: ReviewPoint) -> Message {
    match point {
        ReviewPoint::Baseline => msg!("{score} at baseline", score = score),
        ReviewPoint::MidPoint => msg!("{score} at mid-point", score = score),
        ReviewPoint::End => msg!("{score} at the end", score = score),
        ReviewPoint::Review => msg!("{score} at a review", score = score),
    }
}

/// One line per area, its scores in the order the rounds were taken: "Money: 4 at
/// baseline, 6 at mid-point, 8 at the end".
pub fn area_lines(wheel: &Wheel) -> Vec<Message> {
    wheel
        .areas()
        .iter()
        .enumerate()
        .map(|(index, area)| {
            let scores: Vec<Message> =
                wheel.rounds().iter().filter_map(|round| round.scores.get(index).map(|score| score_at(*score, round.point))).collect();
            if scores.is_empty() {
                msg!("{area}: not scored yet", area = area)
            } else {
                msg!("{area}: {scores}", area = area, scores = Arg::Commas(scores))
            }
        })
        .collect()
}

/// The area that changed most between the first round and the latest, in one line; the
/// first such area when several changed as much. `None` until two rounds are taken.
pub fn biggest_change(wheel: &Wheel) -> Option<Message> {
    let (first, latest): (&WheelRound, &WheelRound) = match wheel.rounds() {
        [first, .., latest] => (first, latest),
        _ => return None,
    };
    let (first_point, latest_point) = (Arg::LabelInSentence(first.point.label()), Arg::LabelInSentence(latest.point.label()));
    // The largest change either way; on a tie, the first such area.
    let (index, (change, from, to)) = first
        .scores
        .iter()
        .zip(&latest.scores)
        .map(|(from, to)| (i16::from(*to) - i16::from(*from), *from, *to))
        .enumerate()
        .max_by_key(|(index, (change, _, _))| (change.abs(), std::cmp::Reverse(*index)))?;
    let area = wheel.areas().get(index)?;
    Some(match change {
        0 => msg!("No area changed between the {first} and {latest} rounds.", first = first_point, latest = latest_point),
        up if up > 0 => msg!(
            "Biggest change between the {first} and {latest} rounds: {area} went up by {by}, from {from} to {to}.",
            first = first_point,
            latest = latest_point,
            area = area,
            by = up,
            from = from,
            to = to
        ),
        down => msg!(
            "Biggest change between the {first} and {latest} rounds: {area} went down by {by}, from {from} to {to}.",
            first = first_point,
            latest = latest_point,
            area = area,
            by = -down,
            from = from,
            to = to
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::wheel::{Areas, WheelForm, WheelRoundForm};

    fn at(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn close(a: Point, b: Point) -> bool {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9
    }

    fn wheel(areas: &[&str], rounds: &[(ReviewPoint, &str, &[&str])]) -> Wheel {
        let form = WheelForm { areas: areas.iter().map(|a| a.to_string()).collect() };
        let mut wheel = Wheel::new(Areas::try_from(&form).unwrap());
        for (point, on, scores) in rounds {
            let form = WheelRoundForm { point: *point, taken_on: on.to_string(), scores: scores.iter().map(|s| s.to_string()).collect() };
            let round = form.validate(&wheel).unwrap();
            wheel.take_round(round).unwrap();
        }
        wheel
    }

    #[test]
    fn four_axes_point_up_right_down_and_left_exactly() {
        let radar = Radar::new(4, (100.0, 100.0), 80.0);
        assert_eq!(radar.axis_end(0), at(100.0, 20.0));
        assert_eq!(radar.axis_end(1), at(180.0, 100.0));
        assert_eq!(radar.axis_end(2), at(100.0, 180.0));
        assert_eq!(radar.axis_end(3), at(20.0, 100.0));
        assert_eq!(radar.polygon(&[10, 10, 10, 10]), "100.0,20.0 180.0,100.0 100.0,180.0 20.0,100.0");
    }

    #[test]
    fn a_score_of_five_is_half_the_radius_and_zero_is_the_centre() {
        let radar = Radar::new(4, (100.0, 100.0), 80.0);
        assert_eq!(radar.point(0, 5.0), at(100.0, 60.0));
        assert_eq!(radar.point(1, 5.0), at(140.0, 100.0));
        assert_eq!(radar.point(2, 0.0), at(100.0, 100.0));
        assert_eq!(radar.point(3, 10.0), radar.axis_end(3));
    }

    #[test]
    fn eight_axes_are_symmetric_about_the_vertical() {
        let radar = Radar::new(8, (0.0, 0.0), 100.0);
        for index in 1..8 {
            let (left, right) = (radar.axis_end(8 - index), radar.axis_end(index));
            assert!(close(left, at(-right.x, right.y)), "axis {index}: {left:?} mirrors {right:?}");
        }
        let diagonal = 100.0 * std::f64::consts::FRAC_1_SQRT_2;
        assert!(close(radar.axis_end(1), at(diagonal, -diagonal)), "45° clockwise from up: {:?}", radar.axis_end(1));
        assert_eq!(radar.axis_end(2), at(100.0, 0.0));
        assert_eq!(radar.axis_end(4), at(0.0, 100.0));
    }

    #[test]
    fn the_polygon_has_one_decimal_and_no_negative_zero() {
        let radar = Radar::new(8, (0.0, 0.0), 100.0);
        let polygon = radar.polygon(&[10; 8]);
        assert_eq!(polygon, "0.0,-100.0 70.7,-70.7 100.0,0.0 70.7,70.7 0.0,100.0 -70.7,70.7 -100.0,0.0 -70.7,-70.7");
        assert!(!polygon.contains("-0.0"));
        assert_eq!(radar.polygon(&[10; 8]), polygon, "the same numbers every time");
        let three = Radar::new(3, (50.0, 50.0), 40.0);
        assert_eq!(three.polygon(&[10, 5, 1]), "50.0,10.0 67.3,60.0 46.5,52.0");
        assert_eq!(three.polygon(&[]), "");
    }

    #[test]
    fn the_rings_are_at_two_four_six_eight_and_ten() {
        let radar = Radar::new(4, (100.0, 100.0), 80.0);
        let rings = radar.rings();
        let scores: Vec<u8> = rings.iter().map(|(score, _)| *score).collect();
        assert_eq!(scores, [2, 4, 6, 8, 10]);
        assert_eq!(rings[0].1, "100.0,84.0 116.0,100.0 100.0,116.0 84.0,100.0");
        assert_eq!(rings[4].1, radar.polygon(&[10, 10, 10, 10]));
    }

    #[test]
    fn labels_sit_just_outside_the_axis_anchored_away_from_the_chart() {
        let radar = Radar::new(4, (100.0, 100.0), 80.0);
        let top = radar.label_anchor(0);
        assert_eq!((top.at, top.anchor, top.baseline), (at(100.0, 100.0 - 80.0 - LABEL_GAP), TextAnchor::Middle, Baseline::Auto));
        let right = radar.label_anchor(1);
        assert_eq!((right.at, right.anchor, right.baseline), (at(100.0 + 80.0 + LABEL_GAP, 100.0), TextAnchor::Start, Baseline::Middle));
        let bottom = radar.label_anchor(2);
        assert_eq!((bottom.anchor, bottom.baseline), (TextAnchor::Middle, Baseline::Hanging));
        assert_eq!(radar.label_anchor(3).anchor.as_str(), "end");
        let eight = Radar::new(8, (0.0, 0.0), 100.0);
        let anchors: Vec<&str> = (0..8).map(|i| eight.label_anchor(i).anchor.as_str()).collect();
        assert_eq!(anchors, ["middle", "start", "start", "start", "middle", "end", "end", "end"]);
    }

    #[test]
    fn each_area_reads_as_its_scores_by_round() {
        let wheel = wheel(
            &["Health", "Money", "Friends"],
            &[
                (ReviewPoint::End, "2026-09-01", &["7", "8", "5"]),
                (ReviewPoint::Baseline, "2026-03-01", &["6", "4", "5"]),
                (ReviewPoint::MidPoint, "2026-06-01", &["6", "6", "5"]),
            ],
        );
        let lines: Vec<String> = area_lines(&wheel).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "Health: 6 at baseline, 6 at mid-point, 7 at the end",
                "Money: 4 at baseline, 6 at mid-point, 8 at the end",
                "Friends: 5 at baseline, 5 at mid-point, 5 at the end",
            ]
        );
        assert_eq!(biggest_change(&wheel).unwrap(), "Biggest change between the baseline and end rounds: Money went up by 4, from 4 to 8.");
    }

    #[test]
    fn an_unscored_wheel_says_so_and_one_round_has_no_change() {
        let unscored = wheel(&["Health", "Money", "Friends"], &[]);
        assert_eq!(area_lines(&unscored)[1], "Money: not scored yet");
        assert_eq!(biggest_change(&unscored), None);
        let once = wheel(&["Health", "Money", "Friends"], &[(ReviewPoint::Review, "2026-03-01", &["6", "4", "5"])]);
        assert_eq!(area_lines(&once)[0], "Health: 6 at a review");
        assert_eq!(biggest_change(&once), None);
    }

    #[test]
    fn the_biggest_change_can_be_a_fall_and_the_first_area_wins_a_tie() {
        let fell = wheel(
            &["Health", "Money", "Friends"],
            &[(ReviewPoint::Baseline, "2026-03-01", &["8", "4", "5"]), (ReviewPoint::MidPoint, "2026-06-01", &["3", "9", "5"])],
        );
        assert_eq!(
            biggest_change(&fell).unwrap(),
            "Biggest change between the baseline and mid-point rounds: Health went down by 5, from 8 to 3."
        );
        let same = wheel(
            &["Health", "Money", "Friends"],
            &[(ReviewPoint::Baseline, "2026-03-01", &["5", "5", "5"]), (ReviewPoint::End, "2026-09-01", &["5", "5", "5"])],
        );
        assert_eq!(biggest_change(&same).unwrap(), "No area changed between the baseline and end rounds.");
    }
}
