//! [`GasLevel`]: the five outcomes of Goal Attainment Scaling, −2 to +2 (docs/domain.md §4),
//! and the one place their words live. A module of its own because the form fields
//! ([`Field::GasLevel`](crate::domain::validation::Field::GasLevel)), goals, sync fields
//! and the screens all name levels.
//!
//! A score is stored as the number (`ScoreEntry::score`, an `i8`); [`GasLevel::from_score`]
//! and [`GasLevel::score`] convert at the edges, so stored records keep their form.

crate::domain::choice::choice_enum!(
    /// One of the five outcomes a goal is scored against, from much less than expected
    /// (−2) to much more (+2). The value is the score as a form sends it ("-2" … "2").
    #[derive(PartialOrd, Ord)]
    GasLevel {
        MuchLess => "-2", "Much less than expected";
        SomewhatLess => "-1", "Somewhat less than expected";
        Expected => "0", "As expected";
        SomewhatMore => "1", "Somewhat more than expected";
        MuchMore => "2", "Much more than expected";
    }
);

impl GasLevel {
    /// The score: −2 to +2.
    pub const fn score(self) -> i8 {
        match self {
            GasLevel::MuchLess => -2,
            GasLevel::SomewhatLess => -1,
            GasLevel::Expected => 0,
            GasLevel::SomewhatMore => 1,
            GasLevel::MuchMore => 2,
        }
    }

    /// The level of a score; `None` outside −2…+2.
    pub fn from_score(score: i8) -> Option<GasLevel> {
        GasLevel::ALL.iter().copied().find(|level| level.score() == score)
    }

    /// The score as people read it, with its sign: "−2", "−1", "0", "+1", "+2" (a true
    /// minus sign).
    pub const fn signed(self) -> &'static str {
        match self {
            GasLevel::MuchLess => "−2",
            GasLevel::SomewhatLess => "−1",
            GasLevel::Expected => "0",
            GasLevel::SomewhatMore => "+1",
            GasLevel::MuchMore => "+2",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_levels_from_much_less_to_much_more() {
        let scores: Vec<i8> = GasLevel::ALL.iter().map(|level| level.score()).collect();
        assert_eq!(scores, [-2, -1, 0, 1, 2]);
        assert!(GasLevel::ALL.windows(2).all(|pair| pair[0] < pair[1]), "ordered by score");
    }

    #[test]
    fn a_score_converts_both_ways() {
        for level in GasLevel::ALL {
            assert_eq!(GasLevel::from_score(level.score()), Some(*level));
            assert_eq!(GasLevel::parse(level.as_str()), Some(*level));
            assert_eq!(level.as_str().parse::<i8>(), Ok(level.score()), "the form value is the score");
        }
        assert_eq!(GasLevel::from_score(-2), Some(GasLevel::MuchLess));
        assert_eq!(GasLevel::from_score(0), Some(GasLevel::Expected));
        assert_eq!(GasLevel::from_score(2), Some(GasLevel::MuchMore));
    }

    #[test]
    fn a_score_outside_minus_two_to_two_is_no_level() {
        for score in [-128, -3, 3, 4, 127] {
            assert_eq!(GasLevel::from_score(score), None, "{score}");
        }
        assert_eq!(GasLevel::parse("3"), None);
        assert_eq!(GasLevel::parse("-3"), None);
    }

    #[test]
    fn the_signed_score_has_a_true_minus_and_a_plus() {
        let signed: Vec<&str> = GasLevel::ALL.iter().map(|level| level.signed()).collect();
        assert_eq!(signed, ["−2", "−1", "0", "+1", "+2"]);
    }

    #[test]
    fn each_level_has_its_own_words() {
        let labels: Vec<&str> = GasLevel::ALL.iter().map(|level| level.label()).collect();
        assert_eq!(
            labels,
            [
                "Much less than expected",
                "Somewhat less than expected",
                "As expected",
                "Somewhat more than expected",
                "Much more than expected"
            ]
        );
    }
}
