//! The wheel of life: a [`Wheel`] of named areas, each scored from 1 to 10 in a
//! [`WheelRound`] taken at a review point.
//!
//! The areas are typed in a [`WheelForm`] and validated into [`Areas`]; a round's scores
//! are typed in a [`WheelRoundForm`] and validated against the wheel. A wheel keeps at most
//! one round per [`ReviewPoint`], and its areas are fixed once a round is taken, so every
//! round lines up with the others.

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::goal::ReviewPoint;
use crate::domain::message::Message;
use crate::domain::record::RecordId;
use crate::domain::validation::{clean_text, required_text, Field, FieldErrors};
use crate::msg;

/// The fewest areas a wheel may have.
pub const MIN_AREAS: usize = 3;
/// The most areas a wheel may have.
pub const MAX_AREAS: usize = 12;
/// The longest area name accepted, in characters.
pub const AREA_NAME_MAX_CHARS: usize = 60;
/// The lowest score of an area.
pub const LOWEST_SCORE: u8 = 1;
/// The highest score of an area.
pub const HIGHEST_SCORE: u8 = 10;

/// The areas a new wheel starts with, in English (translated where a wheel is made:
/// [`Wheel::with_default_areas`]).
pub const DEFAULT_AREAS: [&str; 8] = [
    "Health and energy",
    "Work and career",
    "Money",
    "Close relationships",
    "Family and friends",
    "Learning and growth",
    "Fun and rest",
    "Home and surroundings",
];

/// A field's index in messages and ids: the forms hold far fewer than 256 entries.
pub(super) fn field_index(index: usize) -> u8 {
    u8::try_from(index).unwrap_or(u8::MAX)
}

/// The names of a wheel's areas, checked: 3 to 12, each named, no two the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Areas(Vec<String>);

impl Areas {
    pub fn names(&self) -> &[String] {
        &self.0
    }
}

/// The wheel's areas as typed, one name per input, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WheelForm {
    pub areas: Vec<String>,
}

impl WheelForm {
    /// The form filled with a wheel's areas, for editing them.
    pub fn from_wheel(wheel: &Wheel) -> WheelForm {
        WheelForm { areas: wheel.areas.clone() }
    }
}

/// The key two area names are compared by: cleaned and case-blind.
fn name_key(name: &str) -> String {
    clean_text(name).to_lowercase()
}

impl TryFrom<&WheelForm> for Areas {
    type Error = FieldErrors;

    /// Checks every area and reports every problem at once: 3 to 12 areas; each name
    /// required, at most 60 characters; no name twice (spaces and capitals do not count).
    fn try_from(form: &WheelForm) -> Result<Areas, FieldErrors> {
        let mut errors = FieldErrors::new();
        if form.areas.len() < MIN_AREAS {
            errors.push(Field::WheelAreas, msg!("Give the wheel at least {min} areas.", min = MIN_AREAS));
        } else if form.areas.len() > MAX_AREAS {
            errors.push(Field::WheelAreas, msg!("Keep the wheel to {max} areas or fewer.", max = MAX_AREAS));
        }
        let mut names = Vec::with_capacity(form.areas.len());
        for (index, raw) in form.areas.iter().enumerate() {
            let field = Field::WheelArea(field_index(index));
            let Some(name) = errors.collect(field, required_text(raw, msg!("the name of area {n}", n = index + 1), AREA_NAME_MAX_CHARS))
            else {
                continue;
            };
            if let Some(earlier) = form.areas[..index].iter().position(|other| name_key(other) == name_key(&name)) {
                errors.push(
                    field,
                    msg!(
                        "Area {n} has the same name as area {earlier}. Give each area a name of its own.",
                        n = index + 1,
                        earlier = earlier + 1
                    ),
                );
                continue;
            }
            names.push(name);
        }
        if errors.is_empty() {
            Ok(Areas(names))
        } else {
            Err(errors)
        }
    }
}

/// The scores of every area at one review point, in the order of the wheel's areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelRound {
    pub point: ReviewPoint,
    pub taken_on: Date,
    /// 1 to 10, one per area.
    pub scores: Vec<u8>,
}

/// A round as typed: the review point chosen, the date and one score per area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WheelRoundForm {
    pub point: ReviewPoint,
    /// YYYY-MM-DD.
    pub taken_on: String,
    /// One per area, in the wheel's order; a missing one counts as empty.
    pub scores: Vec<String>,
}

impl WheelRoundForm {
    /// An empty form for a wheel: one blank score per area.
    pub fn blank(wheel: &Wheel, point: ReviewPoint) -> WheelRoundForm {
        WheelRoundForm { point, taken_on: String::new(), scores: vec![String::new(); wheel.areas.len()] }
    }

    /// Checks the round against the wheel and reports every problem at once: every area
    /// scored with a whole number from 1 to 10, and the date as YYYY-MM-DD.
    pub fn validate(&self, wheel: &Wheel) -> Result<WheelRound, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut scores = Vec::with_capacity(wheel.areas.len());
        for (index, area) in wheel.areas.iter().enumerate() {
            let raw = self.scores.get(index).map_or("", String::as_str);
            if let Some(score) = errors.collect(Field::WheelScore(field_index(index)), parse_score(raw, area)) {
                scores.push(score);
            }
        }
        let taken_on = errors.collect(Field::WheelDate, parse_date(&self.taken_on, msg!("Enter the date the wheel was scored.")));
        match taken_on {
            Some(taken_on) if errors.is_empty() => Ok(WheelRound { point: self.point, taken_on, scores }),
            _ => Err(errors),
        }
    }
}

/// A whole number from 1 to 10; anything else (blank, "0", "11", "4.5") is refused in
/// words that name the area.
fn parse_score(raw: &str, area: &str) -> Result<u8, Message> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|score| (LOWEST_SCORE..=HIGHEST_SCORE).contains(score))
        .ok_or_else(|| msg!("Score {area} from 1 to 10.", area = area))
}

/// A date as YYYY-MM-DD; `missing` says what to enter when there is none.
pub(super) fn parse_date(raw: &str, missing: Message) -> Result<Date, Message> {
    if raw.trim().is_empty() {
        return Err(missing);
    }
    Date::parse(raw).ok_or_else(|| msg!("Enter the date as YYYY-MM-DD, such as 2026-03-14."))
}

/// An engagement's wheel of life as stored: one per engagement, kept under the
/// engagement's id (like its journey).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeWheel {
    pub engagement_id: RecordId,
    #[serde(flatten)]
    pub wheel: Wheel,
}

/// A wheel of life: its areas and the rounds taken, at most one per review point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wheel {
    areas: Vec<String>,
    /// In the order taken (by date, then review point).
    #[serde(default)]
    rounds: Vec<WheelRound>,
}

impl Default for Wheel {
    /// A wheel with the eight default areas, in English.
    fn default() -> Wheel {
        Wheel::with_default_areas(|name| name.to_string())
    }
}

impl Wheel {
    /// A wheel with these areas and no rounds yet.
    pub fn new(areas: Areas) -> Wheel {
        Wheel { areas: areas.0, rounds: Vec::new() }
    }

    /// A wheel with the eight default areas, each name put in the person's language by
    /// `words` (the interface passes its translation; [`Default`] keeps the English).
    pub fn with_default_areas(words: impl Fn(&'static str) -> String) -> Wheel {
        Wheel { areas: DEFAULT_AREAS.iter().map(|name| words(name)).collect(), rounds: Vec::new() }
    }

    pub fn areas(&self) -> &[String] {
        &self.areas
    }

    /// The rounds in the order taken: by date, then by review point.
    pub fn rounds(&self) -> &[WheelRound] {
        &self.rounds
    }

    /// The round taken at a review point, if any.
    pub fn round_at(&self, point: ReviewPoint) -> Option<&WheelRound> {
        self.rounds.iter().find(|round| round.point == point)
    }

    /// The areas can change until the first round is taken.
    pub fn areas_can_change(&self) -> bool {
        self.rounds.is_empty()
    }

    /// Changes the areas; refused once a round is taken, since earlier rounds would no
    /// longer line up with the areas.
    pub fn change_areas(&mut self, areas: Areas) -> Result<(), Message> {
        if !self.areas_can_change() {
            return Err(msg!(
                "The areas cannot change once the wheel has been scored: the earlier rounds would no longer line up. Start a new wheel to use other areas."
            ));
        }
        self.areas = areas.0;
        Ok(())
    }

    /// Takes a round (from [`WheelRoundForm::validate`]). A round already taken at the same
    /// review point is replaced and returned, so the person can be told. Refused when the
    /// round does not score each area once from 1 to 10.
    pub fn take_round(&mut self, round: WheelRound) -> Result<Option<WheelRound>, Message> {
        let in_range = round.scores.iter().all(|score| (LOWEST_SCORE..=HIGHEST_SCORE).contains(score));
        if round.scores.len() != self.areas.len() || !in_range {
            return Err(msg!(
                "This round does not score each of the wheel's {n} areas from 1 to 10. Score them again.",
                n = self.areas.len()
            ));
        }
        let replaced = self.rounds.iter().position(|taken| taken.point == round.point).map(|at| self.rounds.remove(at));
        self.rounds.push(round);
        self.rounds.sort_by_key(|taken| (taken.taken_on, taken.point));
        Ok(replaced)
    }

    /// Whether every round scores each area once, from 1 to 10: what a wheel put together
    /// from two copies (the areas from one, the rounds from the other) must keep.
    pub fn lines_up(&self) -> bool {
        self.rounds
            .iter()
            .all(|round| round.scores.len() == self.areas.len() && round.scores.iter().all(|s| (LOWEST_SCORE..=HIGHEST_SCORE).contains(s)))
    }

    /// The areas as another copy has them, as they travel in a relationship update
    /// (checked with [`Wheel::lines_up`] before the wheel is kept).
    pub(crate) fn set_areas(&mut self, areas: Vec<String>) {
        self.areas = areas;
    }

    /// The rounds as another copy has them (checked like [`Wheel::set_areas`]).
    pub(crate) fn set_rounds(&mut self, mut rounds: Vec<WheelRound>) {
        rounds.sort_by_key(|taken| (taken.taken_on, taken.point));
        self.rounds = rounds;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(areas: &[&str]) -> WheelForm {
        WheelForm { areas: areas.iter().map(|a| a.to_string()).collect() }
    }

    fn errors_of(errors: &FieldErrors) -> Vec<(Field, String)> {
        errors.iter().map(|e| (e.field, e.message.to_string())).collect()
    }

    fn round_form(point: ReviewPoint, on: &str, scores: &[&str]) -> WheelRoundForm {
        WheelRoundForm { point, taken_on: on.into(), scores: scores.iter().map(|s| s.to_string()).collect() }
    }

    fn three_areas() -> Wheel {
        Wheel::new(Areas::try_from(&form(&["Health", "Money", "Friends"])).unwrap())
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_new_wheel_has_eight_areas_in_plain_words() {
        let wheel = Wheel::default();
        assert_eq!(wheel.areas().len(), 8);
        assert_eq!(wheel.areas()[0], "Health and energy");
        assert_eq!(wheel.areas()[7], "Home and surroundings");
        assert!(wheel.rounds().is_empty());
        // The default areas pass the same rules as typed ones.
        assert_eq!(Areas::try_from(&WheelForm::from_wheel(&wheel)).unwrap().names(), wheel.areas());
        let shouted = Wheel::with_default_areas(|name| name.to_uppercase());
        assert_eq!(shouted.areas()[2], "MONEY");
    }

    #[test]
    fn area_names_are_cleaned() {
        let areas = Areas::try_from(&form(&["  Health \n and energy ", "Money", "Fun"])).unwrap();
        assert_eq!(areas.names(), ["Health and energy", "Money", "Fun"]);
    }

    #[test]
    fn a_wheel_has_three_to_twelve_areas() {
        let two = Areas::try_from(&form(&["Health", "Money"])).unwrap_err();
        assert_eq!(errors_of(&two), [(Field::WheelAreas, "Give the wheel at least 3 areas.".to_string())]);
        let names: Vec<String> = (1..=13).map(|n| format!("Area {n}")).collect();
        let thirteen = Areas::try_from(&WheelForm { areas: names.clone() }).unwrap_err();
        assert_eq!(errors_of(&thirteen), [(Field::WheelAreas, "Keep the wheel to 12 areas or fewer.".to_string())]);
        assert!(Areas::try_from(&WheelForm { areas: names[..12].to_vec() }).is_ok());
        assert!(Areas::try_from(&form(&["A", "B", "C"])).is_ok());
    }

    #[test]
    fn every_area_needs_a_name_of_at_most_sixty_characters() {
        let long = "x".repeat(61);
        let errors = Areas::try_from(&form(&["Health", "  ", &long, "Fun"])).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::WheelArea(1), "Enter the name of area 2.".to_string()),
                (Field::WheelArea(2), "The name of area 3 is 61 characters long. Keep it to 60 characters or fewer.".to_string()),
            ]
        );
        assert!(Areas::try_from(&form(&["Health", "Money", &"x".repeat(60)])).is_ok());
    }

    #[test]
    fn a_duplicate_area_is_refused_whatever_its_capitals_and_spaces() {
        let errors = Areas::try_from(&form(&["Money", "Health", " money  ", "Fun", "HEALTH"])).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::WheelArea(2), "Area 3 has the same name as area 1. Give each area a name of its own.".to_string()),
                (Field::WheelArea(4), "Area 5 has the same name as area 2. Give each area a name of its own.".to_string()),
            ]
        );
    }

    #[test]
    fn too_few_areas_and_a_blank_name_are_reported_together() {
        let errors = Areas::try_from(&form(&["Money", ""])).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.message_for(Field::WheelArea(1)).unwrap(), "Enter the name of area 2.");
    }

    #[test]
    fn a_round_scores_every_area_from_one_to_ten() {
        let wheel = three_areas();
        let round = round_form(ReviewPoint::Baseline, "2026-03-14", &[" 1", "10", "7 "]).validate(&wheel).unwrap();
        assert_eq!(round, WheelRound { point: ReviewPoint::Baseline, taken_on: day("2026-03-14"), scores: vec![1, 10, 7] });
    }

    #[test]
    fn a_score_out_of_range_or_not_whole_names_the_area() {
        let wheel = three_areas();
        let errors = round_form(ReviewPoint::Baseline, "2026-03-14", &["0", "11", "4.5"]).validate(&wheel).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::WheelScore(0), "Score Health from 1 to 10.".to_string()),
                (Field::WheelScore(1), "Score Money from 1 to 10.".to_string()),
                (Field::WheelScore(2), "Score Friends from 1 to 10.".to_string()),
            ]
        );
        let errors = round_form(ReviewPoint::Baseline, "2026-03-14", &["5", "", "-3"]).validate(&wheel).unwrap_err();
        assert_eq!(errors.message_for(Field::WheelScore(1)).unwrap(), "Score Money from 1 to 10.");
        assert_eq!(errors.message_for(Field::WheelScore(2)).unwrap(), "Score Friends from 1 to 10.");
        assert_eq!(errors.message_for(Field::WheelScore(0)), None);
    }

    #[test]
    fn a_missing_score_counts_as_unscored() {
        let wheel = three_areas();
        let errors = round_form(ReviewPoint::End, "2026-03-14", &["5", "6"]).validate(&wheel).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::WheelScore(2), "Score Friends from 1 to 10.".to_string())]);
        let blank = WheelRoundForm::blank(&wheel, ReviewPoint::End);
        assert_eq!(blank.scores.len(), 3);
        assert_eq!(blank.validate(&wheel).unwrap_err().len(), 4, "three scores and the date");
    }

    #[test]
    fn a_round_needs_its_date_as_year_month_day() {
        let wheel = three_areas();
        let errors = round_form(ReviewPoint::Baseline, " ", &["5", "5", "5"]).validate(&wheel).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::WheelDate, "Enter the date the wheel was scored.".to_string())]);
        let errors = round_form(ReviewPoint::Baseline, "14/03/2026", &["5", "5", "5"]).validate(&wheel).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::WheelDate, "Enter the date as YYYY-MM-DD, such as 2026-03-14.".to_string())]);
    }

    #[test]
    fn taking_a_round_again_at_the_same_point_replaces_it_and_says_so() {
        let mut wheel = three_areas();
        let first = round_form(ReviewPoint::Baseline, "2026-03-14", &["4", "5", "6"]).validate(&wheel).unwrap();
        assert_eq!(wheel.take_round(first.clone()), Ok(None));
        let again = round_form(ReviewPoint::Baseline, "2026-03-15", &["5", "5", "5"]).validate(&wheel).unwrap();
        assert_eq!(wheel.take_round(again.clone()), Ok(Some(first)));
        assert_eq!(wheel.rounds(), std::slice::from_ref(&again));
        assert_eq!(wheel.round_at(ReviewPoint::Baseline), Some(&again));
        assert_eq!(wheel.round_at(ReviewPoint::End), None);
    }

    #[test]
    fn rounds_are_kept_in_the_order_taken() {
        let mut wheel = three_areas();
        let end = round_form(ReviewPoint::End, "2026-09-01", &["8", "8", "8"]).validate(&wheel).unwrap();
        let baseline = round_form(ReviewPoint::Baseline, "2026-03-01", &["2", "2", "2"]).validate(&wheel).unwrap();
        let middle = round_form(ReviewPoint::MidPoint, "2026-06-01", &["5", "5", "5"]).validate(&wheel).unwrap();
        for round in [end, baseline, middle] {
            assert_eq!(wheel.take_round(round), Ok(None));
        }
        let points: Vec<ReviewPoint> = wheel.rounds().iter().map(|r| r.point).collect();
        assert_eq!(points, [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End]);
    }

    #[test]
    fn a_round_that_does_not_line_up_with_the_areas_is_refused() {
        let mut wheel = three_areas();
        let short = WheelRound { point: ReviewPoint::Baseline, taken_on: day("2026-03-14"), scores: vec![5, 5] };
        assert_eq!(
            wheel.take_round(short).unwrap_err(),
            "This round does not score each of the wheel's 3 areas from 1 to 10. Score them again."
        );
        let zero = WheelRound { point: ReviewPoint::Baseline, taken_on: day("2026-03-14"), scores: vec![5, 0, 5] };
        assert!(wheel.take_round(zero).is_err());
        assert!(wheel.rounds().is_empty());
    }

    #[test]
    fn areas_cannot_change_once_a_round_is_taken() {
        let mut wheel = three_areas();
        let other = Areas::try_from(&form(&["Sleep", "Work", "Play", "Home"])).unwrap();
        assert!(wheel.areas_can_change());
        assert_eq!(wheel.change_areas(other.clone()), Ok(()));
        assert_eq!(wheel.areas(), ["Sleep", "Work", "Play", "Home"]);

        let round = round_form(ReviewPoint::Baseline, "2026-03-14", &["4", "5", "6", "7"]).validate(&wheel).unwrap();
        wheel.take_round(round).unwrap();
        assert!(!wheel.areas_can_change());
        let refused = wheel.change_areas(Areas::try_from(&form(&["A", "B", "C"])).unwrap()).unwrap_err();
        assert!(refused.starts_with("The areas cannot change once the wheel has been scored"), "{refused}");
        assert_eq!(wheel.areas(), ["Sleep", "Work", "Play", "Home"]);
    }

    #[test]
    fn a_wheel_is_stored_and_read_back_whole() {
        let mut wheel = three_areas();
        wheel.take_round(round_form(ReviewPoint::MidPoint, "2026-06-01", &["3", "4", "5"]).validate(&wheel).unwrap()).unwrap();
        let json = serde_json::to_value(&wheel).unwrap();
        assert_eq!(json["rounds"][0]["point"], "mid_point");
        assert_eq!(serde_json::from_value::<Wheel>(json).unwrap(), wheel);
        let without_rounds: Wheel = serde_json::from_str(r#"{"areas":["A","B","C"]}"#).unwrap();
        assert!(without_rounds.rounds().is_empty());
    }
}
