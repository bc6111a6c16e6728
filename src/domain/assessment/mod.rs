//! Assessments: a wheel of life, taken at review points.
//!
//! - [`wheel`]: [`Wheel`], areas of life each scored from 1 to 10 in a [`WheelRound`] at
//!   baseline, mid-point or end; the areas typed in a [`WheelForm`], the scores in a
//!   [`WheelRoundForm`], every problem reported at once.
//! - [`radar`]: [`Radar`], the numbers for drawing a wheel as an SVG radar chart, and the
//!   same in words ([`radar::area_lines`], [`radar::biggest_change`]).

pub mod radar;
pub mod wheel;

pub use radar::Radar;
pub use wheel::{Areas, Wheel, WheelForm, WheelRound, WheelRoundForm};
