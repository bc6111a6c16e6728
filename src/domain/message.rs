//! Messages for people as values, not English sentences.
//!
//! The domain, the store and the replicator say what happened with a [`Message`]: a
//! fixed English template, such as `"This is on {date}, before the contract starts
//! ({start})."`, and its typed values ([`Arg`]: a date, a count, a number, a name, another
//! message). The interface renders it in the person's language (`i18n::render`): the
//! template is looked up in the catalogue, and each value is written the way that language
//! writes it. A message's [`Display`](std::fmt::Display) is its English text, for logs,
//! tests and documents that stay English.
//!
//! Build one with [`msg!`](crate::msg), always with a literal template. The catalogue
//! test (`i18n::tests`) reads every `msg!` template in the source and fails when one has
//! no German entry with the same placeholders, so a missing translation fails a test
//! instead of surprising a German reader.

use std::fmt;

use super::date::Date;

/// A message a person may read: an English template with named `{placeholders}` and
/// the value for each.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    template: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A value inside a message, typed so each language can write it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text the person or their data supplied (a name, a title): shown as it is.
    Text(String),
    /// A calendar date: "23 Nov 2026" in English, "23.11.2026" in German.
    Date(Date),
    /// A whole number, written with digits only ("10000").
    Count(i64),
    /// A number with a fixed count of decimals: "2.5" in English, "2,5" in German.
    Number { value: f64, decimals: usize },
    /// Clock hours: "0.75 h" in English, "0,75 h" in German.
    Hours(f64),
    /// An amount with at most two decimals and none that are needless: "50", "2.5", "3.14"
    /// (German "2,5").
    Amount(f64),
    /// Another message (a phrase or a sentence), in the same language.
    Message(Box<Message>),
    /// Another message starting with a capital letter, for a value that opens a sentence.
    Capitalised(Box<Message>),
    /// A fixed word or label from the catalogue, such as a choice's label ("Mid-point review").
    Label(&'static str),
    /// A label inside a sentence: English starts it small ("the mid-point review"); German
    /// keeps the capital of its nouns.
    LabelInSentence(&'static str),
    /// Several messages, joined by "; ".
    List(Vec<Message>),
    /// Several messages, joined by ", ".
    Commas(Vec<Message>),
    /// Several sentences, one after another (joined by a space).
    Sentences(Vec<Message>),
}

impl Message {
    /// Use [`msg!`](crate::msg): it keeps the template a literal the catalogue test can read.
    #[doc(hidden)]
    pub fn from_template(template: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        debug_assert!(
            placeholders(template).iter().all(|name| args.iter().any(|(n, _)| n == name)),
            "a value for every placeholder in {template:?}"
        );
        Message { template, args }
    }

    /// Sentences one after another, each rendered on its own ("Enter the name. Choose a kind.").
    pub fn sentences(sentences: Vec<Message>) -> Message {
        Message { template: "{sentences}", args: vec![("sentences", Arg::Sentences(sentences))] }
    }

    /// The English template, the key into the catalogue.
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The values, by placeholder name.
    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The same message as a value that opens a sentence ("The client's name must …").
    pub fn capitalised(self) -> Arg {
        Arg::Capitalised(Box::new(self))
    }

    /// Fills the template: each placeholder is replaced by `value(arg)`.
    pub fn fill(template: &str, args: &[(&'static str, Arg)], mut value: impl FnMut(&Arg) -> String) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                out.push_str(&rest[open..]);
                return out;
            };
            let name = &rest[open + 1..close];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, arg)) => out.push_str(&value(arg)),
                None => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

/// An amount in English: at most two decimals, none needless ("50", "2.5", "3.14").
pub fn amount(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Lower-cases the first letter.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Upper-cases the first letter.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Arg {
    /// A number with `decimals` places.
    pub fn number(value: f64, decimals: usize) -> Arg {
        Arg::Number { value, decimals }
    }

    /// The value in English.
    pub fn english(&self) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Date(date) => date.long(),
            Arg::Count(n) => n.to_string(),
            Arg::Number { value, decimals } => format!("{value:.decimals$}"),
            Arg::Hours(hours) => {
                let text = format!("{hours:.2}");
                let text = text.trim_end_matches('0').trim_end_matches('.');
                format!("{} h", if text == "-0" { "0" } else { text })
            }
            Arg::Label(label) => label.to_string(),
            Arg::LabelInSentence(label) => lower_first(label),
            Arg::Message(message) => message.to_string(),
            Arg::Capitalised(message) => capitalise(&message.to_string()),
            Arg::Amount(value) => amount(*value),
            Arg::List(messages) => messages.iter().map(Message::to_string).collect::<Vec<_>>().join("; "),
            Arg::Commas(messages) => messages.iter().map(Message::to_string).collect::<Vec<_>>().join(", "),
            Arg::Sentences(messages) => messages.iter().map(Message::to_string).collect::<Vec<_>>().join(" "),
        }
    }
}

/// A message equals the English text it reads as (for tests and logs).
impl PartialEq<str> for Message {
    fn eq(&self, english: &str) -> bool {
        self.to_string().as_str() == english
    }
}

impl PartialEq<&str> for Message {
    fn eq(&self, english: &&str) -> bool {
        self.to_string().as_str() == *english
    }
}

impl PartialEq<String> for Message {
    fn eq(&self, english: &String) -> bool {
        self.to_string().as_str() == english.as_str()
    }
}

impl Message {
    /// Whether the English text contains `part`.
    pub fn contains(&self, part: &str) -> bool {
        self.to_string().contains(part)
    }

    /// Whether the English text starts with `part`.
    pub fn starts_with(&self, part: &str) -> bool {
        self.to_string().starts_with(part)
    }

    /// Whether the English text ends with `part`.
    pub fn ends_with(&self, part: &str) -> bool {
        self.to_string().ends_with(part)
    }
}

// Numbers in messages are never NaN, so equality is an equivalence.
impl Eq for Message {}
impl Eq for Arg {}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Message::fill(self.template, &self.args, Arg::english))
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

impl From<&Message> for Arg {
    fn from(message: &Message) -> Arg {
        Arg::Message(Box::new(message.clone()))
    }
}

impl From<Vec<Message>> for Arg {
    fn from(messages: Vec<Message>) -> Arg {
        Arg::List(messages)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Date> for Arg {
    fn from(date: Date) -> Arg {
        Arg::Date(date)
    }
}

impl From<&Date> for Arg {
    fn from(date: &Date) -> Arg {
        Arg::Date(*date)
    }
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// Whether a template has words of its own to translate ("{what} ({n})" has none).
pub fn has_words(template: &str) -> bool {
    let mut rest = template;
    let mut outside = String::new();
    while let Some(open) = rest.find('{') {
        outside.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    outside.push_str(rest);
    outside.chars().any(char::is_alphabetic)
}

/// A message a person may read: `msg!("Enter {what}.", what = msg!("the client's name"))`.
/// The template must be a literal; every placeholder gets a named value (anything that
/// converts into an [`Arg`]).
#[macro_export]
macro_rules! msg {
    ($template:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::domain::message::Message::from_template(
            $template,
            vec![$((stringify!($name), $crate::domain::message::Arg::from($value))),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_in_english_with_its_values_written_as_english_writes_them() {
        let date = Date::parse("2026-12-01").unwrap();
        let message =
            crate::msg!("This is on {date}, {n} times, {h}, {x}.", date = date, n = 3u8, h = Arg::Hours(0.75), x = Arg::number(2.5, 1));
        assert_eq!(message.to_string(), "This is on 1 Dec 2026, 3 times, 0.75 h, 2.5.");
    }

    #[test]
    fn nested_messages_lists_and_capitals() {
        let what = crate::msg!("the client's name");
        let message = crate::msg!(
            "{what} is too long; {problems}",
            what = what.capitalised(),
            problems = vec![crate::msg!("one"), crate::msg!("two")]
        );
        assert_eq!(message.to_string(), "The client's name is too long; one; two");
        assert_eq!(message.template(), "{what} is too long; {problems}");
    }

    #[test]
    fn hours_drop_trailing_zeros() {
        assert_eq!(Arg::Hours(12.0).english(), "12 h");
        assert_eq!(Arg::Hours(1.5).english(), "1.5 h");
    }

    #[test]
    fn placeholders_are_read_in_order() {
        assert_eq!(placeholders("{a} and {b}"), vec!["a", "b"]);
    }
}
