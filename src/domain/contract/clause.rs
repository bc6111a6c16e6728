//! The 19 [`Element`]s every complete contract covers (docs/domain.md §3), and [`Clause`]s,
//! the words of a contract, each covering one element. Clause text may contain merge
//! fields such as `{{client_name}}` (see [`super::merge`]).

use serde::{Deserialize, Serialize};

/// One of the 19 elements of a complete contract, numbered as in docs/domain.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Element(u8);

const TITLES: [&str; 19] = [
    "Parties and roles",
    "Nature of the relationship",
    "Type of programme",
    "Purpose and goals",
    "Logistics",
    "Fees",
    "Cancellation and rescheduling",
    "Confidentiality and its limits",
    "Reporting to the sponsor",
    "Contact between sessions",
    "Client responsibilities",
    "Practitioner responsibilities",
    "Review points",
    "Changing this agreement",
    "Ending",
    "Notes and data",
    "Complaints",
    "Disclaimers and liability",
    "Agreement",
];

impl Element {
    pub const PARTIES: Element = Element(1);
    pub const NATURE: Element = Element(2);
    pub const PROGRAMME: Element = Element(3);
    pub const GOALS: Element = Element(4);
    pub const LOGISTICS: Element = Element(5);
    pub const FEES: Element = Element(6);
    pub const CANCELLATION: Element = Element(7);
    pub const CONFIDENTIALITY: Element = Element(8);
    pub const SPONSOR_REPORTING: Element = Element(9);
    pub const CONTACT: Element = Element(10);
    pub const CLIENT_RESPONSIBILITIES: Element = Element(11);
    pub const PRACTITIONER_RESPONSIBILITIES: Element = Element(12);
    pub const REVIEWS: Element = Element(13);
    pub const RECONTRACTING: Element = Element(14);
    pub const ENDING: Element = Element(15);
    pub const NOTES_AND_DATA: Element = Element(16);
    pub const COMPLAINTS: Element = Element(17);
    pub const DISCLAIMERS: Element = Element(18);
    pub const AGREEMENT: Element = Element(19);

    /// Every element, in order.
    pub fn all() -> impl Iterator<Item = Element> {
        (1..=19).map(Element)
    }

    pub fn new(number: u8) -> Option<Element> {
        (1..=19).contains(&number).then_some(Element(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn title(self) -> &'static str {
        TITLES[usize::from(self.0.clamp(1, 19) - 1)]
    }
}

/// One clause of a contract: the words covering one element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    pub element: Element,
    pub heading: String,
    /// Text with merge fields, e.g. "Sessions last {{session_length}}."
    pub text: String,
}

impl Clause {
    pub fn new(element: Element, heading: impl Into<String>, text: impl Into<String>) -> Clause {
        Clause { element, heading: heading.into(), text: text.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_nineteen_elements_numbered_from_one() {
        let all: Vec<Element> = Element::all().collect();
        assert_eq!(all.len(), 19);
        assert_eq!(all[7], Element::CONFIDENTIALITY);
        assert_eq!(Element::CONFIDENTIALITY.title(), "Confidentiality and its limits");
        assert_eq!(Element::new(0), None);
        assert_eq!(Element::new(20), None);
    }
}
