//! Assessments: a wheel of life and questionnaires, each taken at a review point
//! (`docs/domain.md` §10).
//!
//! - [`wheel`]: [`Wheel`], areas of life each scored from 1 to 10 in a [`WheelRound`] at
//!   baseline, mid-point or end; the areas typed in a [`WheelForm`], the scores in a
//!   [`WheelRoundForm`], every problem reported at once.
//! - [`radar`]: [`Radar`], the numbers for drawing a wheel as an SVG radar chart, and the
//!   same in words ([`radar::area_lines`], [`radar::biggest_change`]).
//! - [`questionnaire`]: [`Questionnaire`], built from a [`QuestionnaireForm`], and the
//!   [`Answers`] a client gives to it from an [`AnswersForm`]; a [`ClientQuestionnaire`]
//!   is one given in an engagement, with the answers at each review point.
//! - [`templates`]: the intake questionnaire and the end-of-engagement feedback form.

pub mod questionnaire;
pub mod radar;
pub mod templates;
pub mod wheel;

pub use questionnaire::{
    Answer, Answers, AnswersForm, ClientQuestionnaire, Item, ItemForm, ItemKind, ItemType, Questionnaire, QuestionnaireForm,
};
pub use radar::Radar;
pub use wheel::{Areas, LifeWheel, Wheel, WheelForm, WheelRound, WheelRoundForm};
