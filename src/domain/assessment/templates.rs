//! The questionnaires Accord ships: an [`intake`] questionnaire for the start of an
//! engagement and an [`end_feedback`] form for its end, written for Accord.
//!
//! Each is written in English and put into the person's language by the `words` function
//! the interface passes ([`intake_in`], [`end_feedback_in`]); [`words`] lists every text
//! for the catalogue. Both are plain [`Questionnaire`]s the practitioner can change.

use std::cell::RefCell;

use super::questionnaire::{Item, ItemKind, Questionnaire};

/// A rating from 1 to 10 with words for each end.
fn rating(words: &dyn Fn(&'static str) -> String, prompt: &'static str, low: &'static str, high: &'static str) -> Item {
    Item {
        prompt: words(prompt),
        required: true,
        kind: ItemKind::Rating { low: 1, high: 10, low_label: words(low), high_label: words(high) },
    }
}

/// A written answer.
fn text(words: &dyn Fn(&'static str) -> String, prompt: &'static str, required: bool) -> Item {
    Item { prompt: words(prompt), required, kind: ItemKind::Text }
}

/// The intake questionnaire, in English.
pub fn intake() -> Questionnaire {
    intake_in(&|text| text.to_string())
}

/// The intake questionnaire, each text put into the person's language by `words`.
pub fn intake_in(words: &dyn Fn(&'static str) -> String) -> Questionnaire {
    Questionnaire {
        title: words("Before we start"),
        intro: words(
            "A few questions to help us make a good start. Write as much or as little as you like; there are no right or wrong answers.",
        ),
        items: vec![
            text(words, "What brings you here, and why now?", true),
            text(words, "If this turns out to be worth your time, what will be different for you?", true),
            text(
                words,
                "How do you like to work? For example: direct challenge or gentle questions, a clear structure or an open conversation.",
                false,
            ),
            text(words, "What is going well at the moment that we can build on?", false),
            text(words, "Is there anything your practitioner should know before the first session?", false),
            rating(words, "How ready do you feel to make a change right now?", "Not ready yet", "Ready to start"),
            text(words, "How will you know that this has worked?", true),
        ],
    }
}

/// The end-of-engagement feedback form, in English.
pub fn end_feedback() -> Questionnaire {
    end_feedback_in(&|text| text.to_string())
}

/// The end-of-engagement feedback form, each text put into the person's language by
/// `words`.
pub fn end_feedback_in(words: &dyn Fn(&'static str) -> String) -> Questionnaire {
    Questionnaire {
        title: words("Looking back"),
        intro: words(
            "Our work together is coming to an end. Your view helps the practitioner learn what to keep and what to change. Answer only what you wish.",
        ),
        items: vec![
            rating(words, "Overall, how useful has this been for you?", "Not useful", "Very useful"),
            text(words, "What has changed for you since we started?", false),
            text(words, "What helped you most?", false),
            text(words, "What could have been better?", false),
            Item {
                prompt: words("Would you recommend this practitioner to someone in a similar situation?"),
                required: false,
                kind: ItemKind::Choice { options: vec![words("Yes"), words("Perhaps"), words("No")] },
            },
            text(words, "Is there anything else you would like to say?", false),
        ],
    }
}

/// Every text of both questionnaires, in English, for the catalogue.
pub fn words() -> Vec<&'static str> {
    let seen = RefCell::new(Vec::new());
    let record = |text: &'static str| {
        seen.borrow_mut().push(text);
        text.to_string()
    };
    intake_in(&record);
    end_feedback_in(&record);
    seen.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::questionnaire::{Answer, AnswersForm, QuestionnaireForm};
    use crate::domain::goal::ReviewPoint;

    #[test]
    fn both_templates_pass_the_rules_a_typed_questionnaire_must_pass() {
        for template in [intake(), end_feedback()] {
            let form = QuestionnaireForm::from(&template);
            assert_eq!(Questionnaire::try_from(&form), Ok(template.clone()), "{}", template.title);
        }
    }

    #[test]
    fn the_intake_asks_about_readiness_on_a_scale_of_one_to_ten() {
        let intake = intake();
        assert_eq!(intake.title, "Before we start");
        assert_eq!(intake.items.len(), 7);
        let readiness = &intake.items[5];
        assert_eq!(readiness.prompt, "How ready do you feel to make a change right now?");
        assert!(matches!(readiness.kind, ItemKind::Rating { low: 1, high: 10, .. }));
        assert_eq!(intake.items.iter().filter(|item| item.required).count(), 4);
    }

    #[test]
    fn the_feedback_form_rates_usefulness_and_asks_about_recommending() {
        let feedback = end_feedback();
        assert_eq!(feedback.items.len(), 6);
        assert!(matches!(feedback.items[0].kind, ItemKind::Rating { low: 1, high: 10, .. }));
        assert_eq!(feedback.items[4].kind, ItemKind::Choice { options: vec!["Yes".into(), "Perhaps".into(), "No".into()] });
        let form = AnswersForm {
            point: ReviewPoint::End,
            taken_on: "2026-12-01".into(),
            answers: vec!["9".into(), String::new(), "Being listened to.".into(), String::new(), "yes".into()],
        };
        let answers = form.validate(&feedback).unwrap();
        assert_eq!(answers.answers[0], Answer::Rating(9));
        assert_eq!(answers.answers[4], Answer::Choice("Yes".into()));
        assert_eq!(answers.answers[5], Answer::Skipped);
    }

    #[test]
    fn every_text_is_put_through_the_words_function() {
        let shouting = intake_in(&|text| text.to_uppercase());
        assert_eq!(shouting.title, "BEFORE WE START");
        assert!(shouting.items.iter().all(|item| item.prompt == item.prompt.to_uppercase()));
        let all = words();
        assert!(all.contains(&"Before we start") && all.contains(&"Looking back") && all.contains(&"Perhaps"));
        assert!(all.contains(&"Not ready yet") && all.contains(&"Is there anything else you would like to say?"));
        assert_eq!(all.len(), 2 * 2 + 7 + 2 + 6 + 2 + 3, "titles and intros, prompts, rating ends, options");
    }
}
