//! The SMART checker: advice on whether a goal, as written, is specific, measurable,
//! achievable, relevant and time-bound (docs/domain.md §4).
//!
//! [`check`] reads a goal's title, why it matters, its success measure and its target date
//! against the engagement's dates, and returns a [`SmartCheck`]: nothing to say yet (no
//! title), reads as SMART, or [`SmartAdvice`], one plain sentence each, ordered S, M, A, R,
//! T. The checker advises; it never blocks. A goal with advice can still be saved, and
//! required fields are the form's business ([`super::form`]), so a blank title gets no
//! advice, and no praise either: an empty form is not a SMART goal.
//!
//! The checks read words, not meaning. A title is "vague" when it uses a verb nobody can see
//! happen ("improve", "understand", …), and "more than one goal" when "and" is followed by
//! another verb ("Run the meeting and write the report"), but not when it joins two nouns
//! ("Build trust with peers and directors"). Nothing here is about achievability yet: that
//! needs the conversation, not the text.

use super::EngagementWindow;
use crate::domain::date::Date;
use crate::domain::message::Message;
use crate::msg;

/// Which SMART letter a piece of advice concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmartLetter {
    Specific,
    Measurable,
    Achievable,
    Relevant,
    TimeBound,
}

impl SmartLetter {
    /// "Specific", "Measurable", "Achievable", "Relevant" or "Time-bound".
    pub fn label(self) -> &'static str {
        match self {
            SmartLetter::Specific => "Specific",
            SmartLetter::Measurable => "Measurable",
            SmartLetter::Achievable => "Achievable",
            SmartLetter::Relevant => "Relevant",
            SmartLetter::TimeBound => "Time-bound",
        }
    }

    /// The letter of SMART: 'S', 'M', 'A', 'R' or 'T'.
    pub fn initial(self) -> char {
        match self {
            SmartLetter::Specific => 'S',
            SmartLetter::Measurable => 'M',
            SmartLetter::Achievable => 'A',
            SmartLetter::Relevant => 'R',
            SmartLetter::TimeBound => 'T',
        }
    }
}

/// One piece of advice: which letter it concerns and one sentence saying what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmartAdvice {
    pub letter: SmartLetter,
    pub message: Message,
}

impl SmartAdvice {
    fn new(letter: SmartLetter, message: Message) -> SmartAdvice {
        SmartAdvice { letter, message }
    }
}

/// What the SMART check says about a goal as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmartCheck {
    /// No title yet, so nothing to check (and nothing to praise).
    NotWrittenYet,
    /// A title, and no advice: it reads as specific, measurable, relevant and time-bound.
    ReadsAsSmart,
    /// What to consider, ordered S, M, A, R, T (never empty).
    Advice(Vec<SmartAdvice>),
}

impl SmartCheck {
    /// The advice, if any.
    pub fn advice(&self) -> &[SmartAdvice] {
        match self {
            SmartCheck::Advice(advice) => advice,
            SmartCheck::NotWrittenYet | SmartCheck::ReadsAsSmart => &[],
        }
    }
}

/// Words and phrases that describe an effort or a state of mind rather than something
/// others could see happen. Matched as whole words, ignoring case.
const VAGUE_PHRASES: [&str; 15] = [
    "improve",
    "be better",
    "get better",
    "become better",
    "understand",
    "learn about",
    "explore",
    "feel",
    "know more",
    "work on",
    "think about",
    "try to",
    "develop",
    "enhance",
    "grow",
];

/// Common verbs that, right after "and", start a second goal rather than a second noun.
const VERBS_AFTER_AND: [&str; 34] = [
    "improve", "build", "lead", "learn", "get", "be", "become", "run", "start", "stop", "reduce", "increase", "deliver", "write", "finish",
    "present", "manage", "delegate", "find", "make", "take", "create", "develop", "speak", "plan", "prepare", "apply", "move", "spend",
    "keep", "hire", "launch", "say", "give",
];

/// Little words that may sit between "and" and the second verb ("and then write …").
const LINKING_WORDS: [&str; 3] = ["also", "then", "to"];

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 14] = ["dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "approx", "inc", "ltd", "co"];

/// Fewer words than this in a title and it probably says too little.
const MIN_TITLE_WORDS: usize = 3;

/// The SMART check of a goal as written.
pub fn check(title: &str, why_it_matters: &str, success_measure: &str, target_date: Option<Date>, window: EngagementWindow) -> SmartCheck {
    if title.trim().is_empty() {
        return SmartCheck::NotWrittenYet;
    }
    let advice = advise(title, why_it_matters, success_measure, target_date, window);
    if advice.is_empty() {
        SmartCheck::ReadsAsSmart
    } else {
        SmartCheck::Advice(advice)
    }
}

/// Every piece of advice on a goal with a title, in SMART order.
fn advise(
    title: &str,
    why_it_matters: &str,
    success_measure: &str,
    target_date: Option<Date>,
    window: EngagementWindow,
) -> Vec<SmartAdvice> {
    let mut advice = Vec::new();
    let words = words(title);

    if let Some(phrase) = first_vague_phrase(&words) {
        advice.push(SmartAdvice::new(
            SmartLetter::Specific,
            msg!(
                "“{phrase}” is hard to see happen: say what you will do differently, \
                 such as “run the weekly team meeting without notes”.",
                phrase = capitalise(phrase)
            ),
        ));
    }
    if reads_as_several_goals(title, &words) {
        advice.push(SmartAdvice::new(
            SmartLetter::Specific,
            msg!("This reads like more than one goal: consider splitting it so each can be tracked."),
        ));
    }
    if words.len() < MIN_TITLE_WORDS {
        advice.push(SmartAdvice::new(SmartLetter::Specific, msg!("Say a little more about what you want to achieve.")));
    }

    if success_measure.trim().is_empty() {
        advice.push(SmartAdvice::new(
            SmartLetter::Measurable,
            msg!("Say how you will know the goal is achieved, such as a number, a date or something others will notice."),
        ));
    }

    if why_it_matters.trim().is_empty() {
        advice
            .push(SmartAdvice::new(SmartLetter::Relevant, msg!("Say why this goal matters, so you can tell later whether it still does.")));
    }

    match target_date {
        None => advice.push(SmartAdvice::new(SmartLetter::TimeBound, msg!("Give the goal a target date."))),
        Some(date) => {
            if let Some(start) = window.start.filter(|start| date < *start) {
                advice.push(SmartAdvice::new(
                    SmartLetter::TimeBound,
                    msg!("The target date ({date}) is before the engagement starts ({start}).", date = date, start = start),
                ));
            } else if let Some(end) = window.end.filter(|end| date > *end) {
                advice.push(SmartAdvice::new(
                    SmartLetter::TimeBound,
                    msg!("The target date ({date}) is after the engagement ends ({end}).", date = date, end = end),
                ));
            }
        }
    }

    advice
}

/// The words of a text, lower-cased: runs of letters, digits, apostrophes and inner hyphens
/// ("self-aware" is one word, so "self-develop" does not read as "develop").
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|word| word.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where `phrase` (lower-case words separated by spaces) first occurs in `words`.
fn position_of(words: &[String], phrase: &str) -> Option<usize> {
    let phrase: Vec<&str> = phrase.split(' ').collect();
    (0..words.len())
        .find(|&start| words.len() - start >= phrase.len() && words[start..].iter().zip(&phrase).all(|(word, part)| word == part))
}

/// The vague phrase that comes first in the title, if any.
fn first_vague_phrase(words: &[String]) -> Option<&'static str> {
    VAGUE_PHRASES
        .iter()
        .filter_map(|phrase| position_of(words, phrase).map(|at| (at, *phrase)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, phrase)| phrase)
}

/// "be better" → "Be better".
fn capitalise(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A semicolon, "as well as", two sentences, or "and" followed by a verb.
fn reads_as_several_goals(title: &str, words: &[String]) -> bool {
    title.contains(';') || position_of(words, "as well as").is_some() || has_several_sentences(title) || and_joins_two_verbs(words)
}

fn and_joins_two_verbs(words: &[String]) -> bool {
    words.iter().enumerate().skip(1).filter(|(_, word)| *word == "and").any(|(at, _)| {
        words[at + 1..]
            .iter()
            .find(|word| !LINKING_WORDS.contains(&word.as_str()))
            .is_some_and(|word| VERBS_AFTER_AND.contains(&word.as_str()))
    })
}

/// A full stop, question mark or exclamation mark followed by a space and a capital letter
/// or a digit, unless the full stop ends an abbreviation ("Dr.", "e.g.") or an initial ("J.").
fn has_several_sentences(title: &str) -> bool {
    title.char_indices().any(|(at, c)| {
        if !matches!(c, '.' | '!' | '?') {
            return false;
        }
        let after = &title[at + c.len_utf8()..];
        let next = after.trim_start();
        let starts_new_sentence =
            after.starts_with(char::is_whitespace) && next.starts_with(|n: char| n.is_uppercase() || n.is_ascii_digit());
        if !starts_new_sentence {
            return false;
        }
        if c != '.' {
            return true;
        }
        let before = title[..at].rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
        let is_initial = before.chars().count() == 1 && before.chars().all(char::is_alphabetic);
        !is_initial && !ABBREVIATIONS.contains(&before.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMART_TITLE: &str = "Run the weekly team meeting without notes";
    const WHY: &str = "The team needs to see me lead with confidence.";
    const MEASURE: &str = "Four meetings in a row run without notes, as my manager observes.";

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn window() -> EngagementWindow {
        EngagementWindow { start: Some(date("2026-09-01")), end: Some(date("2027-02-28")) }
    }

    fn advice_on_title(title: &str) -> Vec<SmartAdvice> {
        check(title, WHY, MEASURE, Some(date("2026-12-15")), window()).advice().to_vec()
    }

    fn messages(advice: &[SmartAdvice]) -> Vec<String> {
        advice.iter().map(|a| a.message.to_string()).collect()
    }

    fn is_two_goals(title: &str) -> bool {
        advice_on_title(title).iter().any(|a| a.message.starts_with("This reads like more than one goal"))
    }

    #[test]
    fn a_smart_goal_gets_no_advice() {
        assert_eq!(check(SMART_TITLE, WHY, MEASURE, Some(date("2026-12-15")), window()), SmartCheck::ReadsAsSmart);
        assert_eq!(advice_on_title(SMART_TITLE), vec![]);
    }

    #[test]
    fn letters_have_labels_and_initials() {
        let letters =
            [SmartLetter::Specific, SmartLetter::Measurable, SmartLetter::Achievable, SmartLetter::Relevant, SmartLetter::TimeBound];
        let labels: Vec<&str> = letters.iter().map(|l| l.label()).collect();
        assert_eq!(labels, ["Specific", "Measurable", "Achievable", "Relevant", "Time-bound"]);
        let initials: String = letters.iter().map(|l| l.initial()).collect();
        assert_eq!(initials, "SMART");
    }

    #[test]
    fn a_goal_without_a_measure_gets_measurable_advice() {
        let advice = check(SMART_TITLE, WHY, "  ", Some(date("2026-12-15")), window());
        assert_eq!(
            advice,
            SmartCheck::Advice(vec![SmartAdvice::new(
                SmartLetter::Measurable,
                msg!("Say how you will know the goal is achieved, such as a number, a date or something others will notice.")
            )])
        );
    }

    #[test]
    fn a_goal_without_a_target_date_gets_time_bound_advice() {
        let advice = check(SMART_TITLE, WHY, MEASURE, None, window());
        assert_eq!(advice, SmartCheck::Advice(vec![SmartAdvice::new(SmartLetter::TimeBound, msg!("Give the goal a target date."))]));
    }

    #[test]
    fn a_date_before_the_engagement_starts_gets_time_bound_advice() {
        let advice = check(SMART_TITLE, WHY, MEASURE, Some(date("2026-08-20")), window());
        assert_eq!(
            advice.advice().iter().map(|a| (a.letter, a.message.to_string())).collect::<Vec<_>>(),
            vec![(SmartLetter::TimeBound, "The target date (20 Aug 2026) is before the engagement starts (1 Sep 2026).".to_string())]
        );
    }

    #[test]
    fn a_date_after_the_engagement_ends_gets_time_bound_advice() {
        let advice = check(SMART_TITLE, WHY, MEASURE, Some(date("2027-03-01")), window());
        assert_eq!(
            advice.advice().iter().map(|a| (a.letter, a.message.to_string())).collect::<Vec<_>>(),
            vec![(SmartLetter::TimeBound, "The target date (1 Mar 2027) is after the engagement ends (28 Feb 2027).".to_string())]
        );
    }

    #[test]
    fn a_date_on_the_first_or_last_day_of_the_engagement_is_within_it() {
        for day in ["2026-09-01", "2027-02-28"] {
            assert_eq!(check(SMART_TITLE, WHY, MEASURE, Some(date(day)), window()), SmartCheck::ReadsAsSmart, "{day}");
        }
    }

    #[test]
    fn a_date_is_not_checked_against_engagement_dates_that_are_not_set() {
        let open = EngagementWindow::default();
        assert_eq!(check(SMART_TITLE, WHY, MEASURE, Some(date("1999-01-01")), open), SmartCheck::ReadsAsSmart);
        let no_end = EngagementWindow { start: Some(date("2026-09-01")), end: None };
        assert_eq!(check(SMART_TITLE, WHY, MEASURE, Some(date("2099-01-01")), no_end), SmartCheck::ReadsAsSmart);
    }

    #[test]
    fn a_vague_verb_gets_specific_advice_naming_it() {
        assert_eq!(
            messages(&advice_on_title("Improve my delegation to the team")),
            ["“Improve” is hard to see happen: say what you will do differently, \
              such as “run the weekly team meeting without notes”."]
        );
        assert_eq!(advice_on_title("Improve my delegation to the team")[0].letter, SmartLetter::Specific);
    }

    #[test]
    fn a_vague_phrase_inside_the_title_is_quoted_with_a_capital() {
        let advice = advice_on_title("In meetings, be better at listening to others");
        assert!(advice[0].message.starts_with("“Be better” is hard to see happen"), "{advice:?}");
        let advice = advice_on_title("I want to LEARN ABOUT budgeting for my unit");
        assert!(advice[0].message.starts_with("“Learn about” is hard to see happen"), "{advice:?}");
    }

    #[test]
    fn every_vague_phrase_is_noticed() {
        for phrase in VAGUE_PHRASES {
            let title = format!("{phrase} the way our quarterly reviews go");
            let advice = advice_on_title(&title);
            let expected = format!("“{}” is hard", capitalise(phrase));
            assert!(advice.iter().any(|a| a.message.starts_with(&expected)), "{title}: {advice:?}");
        }
    }

    #[test]
    fn the_first_vague_phrase_in_the_title_is_the_one_named() {
        let advice = advice_on_title("Explore options and then improve the process");
        assert!(advice[0].message.starts_with("“Explore”"), "{advice:?}");
        assert_eq!(advice.iter().filter(|a| a.message.contains("hard to see happen")).count(), 1);
    }

    #[test]
    fn vague_words_count_only_as_whole_words() {
        for title in ["Publish the growth plan", "Run a self-development budget", "Write a knowledge base"] {
            assert_eq!(advice_on_title(title), vec![], "{title}");
        }
    }

    #[test]
    fn and_between_two_verbs_is_two_goals() {
        assert!(is_two_goals("Run the weekly meeting and write the quarterly report"));
        assert!(is_two_goals("Present to the board and then delegate the budget"));
    }

    #[test]
    fn and_between_two_nouns_is_not_two_goals() {
        assert!(!is_two_goals("Build trust with peers and directors"));
        assert!(!is_two_goals("Lead the merged team"));
        assert!(!is_two_goals("Agree roles and responsibilities with the new team"));
    }

    #[test]
    fn a_semicolon_or_as_well_as_is_two_goals() {
        assert!(is_two_goals("Chair the board meeting; hire a deputy"));
        assert!(is_two_goals("Chair the board meeting as well as the finance committee"));
    }

    #[test]
    fn two_sentences_are_two_goals() {
        assert!(is_two_goals("Chair the board meeting. Hire a deputy by March."));
        assert!(is_two_goals("Will I chair the board? Yes, from June"));
    }

    #[test]
    fn one_sentence_with_a_full_stop_or_abbreviation_is_one_goal() {
        assert!(!is_two_goals("Chair the board meeting without notes."));
        assert!(!is_two_goals("Present the plan to Dr. Okafor in person"));
        assert!(!is_two_goals("Hand over two projects, e.g. Atlas and Orion, to deputies"));
        assert!(!is_two_goals("Raise the team survey score from 3.1 to 3.8"));
    }

    #[test]
    fn two_goals_are_advised_once() {
        let advice = advice_on_title("Hire a deputy; run the meeting and write the report. Then rest");
        assert_eq!(advice.iter().filter(|a| a.message.starts_with("This reads like")).count(), 1);
    }

    #[test]
    fn a_title_of_fewer_than_three_words_gets_specific_advice() {
        assert_eq!(
            advice_on_title("Delegation skills"),
            vec![SmartAdvice::new(SmartLetter::Specific, msg!("Say a little more about what you want to achieve."))]
        );
        assert_eq!(advice_on_title("Chair board meetings"), vec![]);
    }

    #[test]
    fn an_empty_form_is_not_checked_and_never_reads_as_smart() {
        assert_eq!(check("", "", "", None, window()), SmartCheck::NotWrittenYet);
        assert_eq!(check("   ", "", "", None, window()), SmartCheck::NotWrittenYet);
        assert!(check("", "", "", None, window()).advice().is_empty(), "no advice on a blank title");
    }

    #[test]
    fn without_a_title_the_rest_of_the_form_does_not_make_it_smart() {
        assert_eq!(check("\n ", WHY, MEASURE, Some(date("2026-12-15")), window()), SmartCheck::NotWrittenYet);
    }

    #[test]
    fn a_goal_without_a_reason_gets_relevant_advice() {
        let advice = check(SMART_TITLE, "\n", MEASURE, Some(date("2026-12-15")), window());
        assert_eq!(
            advice,
            SmartCheck::Advice(vec![SmartAdvice::new(
                SmartLetter::Relevant,
                msg!("Say why this goal matters, so you can tell later whether it still does.")
            )])
        );
    }

    #[test]
    fn advice_comes_in_smart_order_then_rule_order() {
        let check = check("Improve; grow", "", "", Some(date("2030-01-01")), window());
        let advice = check.advice();
        let letters: String = advice.iter().map(|a| a.letter.initial()).collect();
        assert_eq!(letters, "SSSMRT");
        assert!(advice[0].message.starts_with("“Improve”"));
        assert!(advice[1].message.starts_with("This reads like more than one goal"));
        assert!(advice[2].message.starts_with("Say a little more"));
    }

    #[test]
    fn every_message_is_one_sentence_ending_with_a_full_stop() {
        let advice = check("Improve; grow", "", "", None, window());
        let late = check("Improve; grow", "", "", Some(date("2030-01-01")), window());
        for a in advice.advice().iter().chain(late.advice()) {
            assert!(a.message.ends_with("."), "{}", a.message);
            let message = a.message.to_string();
            let inner = message.trim_end_matches('.');
            assert!(!inner.contains(". "), "{}", a.message);
        }
    }
}
