//! Two languages, English and German: every word a person reads goes through here.
//!
//! English is the source language: the English text *is* the key. [`t`] gives the text
//! for a fixed English phrase in the current language; [`tr!`](crate::tr) does the same
//! for a phrase with named values (`tr!("{count} sessions", count = n)`). What the domain,
//! the store and the replicator tell a person is a [`Message`] (`msg!`): [`render`] writes
//! it in the current language, its template from the catalogue and each value as the
//! language writes it (dates, numbers, hours, other messages).
//!
//! The German catalog is `de.txt` (pairs of `en:` and `de:` lines), compiled in. A phrase
//! without an entry shows in English; the tests in `tests.rs` make sure there is none: they
//! read every `t`, `tr!`, `plural` and `msg!` in the source.
//! Dates and numbers for people are formatted here too ([`date`], [`number`]), so the
//! domain can stay in one language and free of web crates.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::domain::date::Date;
use crate::domain::message::{Arg, Message};

#[cfg(test)]
mod tests;

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// The BCP 47 code, for `<html lang>` and the stored preference.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The locale used for dates and times formatted by the browser.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::De => "de-DE",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code.trim())
    }

    /// The language's own name, the same in either interface language.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    /// The first of the browser's preferred languages that Accord speaks; English if none.
    pub fn from_preferred<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
                Lang::parse(&primary)
            })
            .unwrap_or(Lang::En)
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the interface speaks now.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// Changes the interface language (the shell re-renders when its signal changes).
pub fn set_current(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
}

/// One catalog entry: English source and German text.
struct Entry {
    de: &'static str,
}

struct Catalog {
    exact: HashMap<&'static str, Entry>,
}

const DE_SOURCE: &str = include_str!("de.txt");

/// Reads `de.txt`: blocks of `en: …` then `de: …`; `#` lines are comments. Problems are
/// reported by the tests, never at run time.
fn parse_catalog(source: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut pairs = Vec::new();
    let mut english: Option<&'static str> = None;
    for line in source.lines() {
        if let Some(en) = line.strip_prefix("en: ") {
            english = Some(en);
        } else if let Some(de) = line.strip_prefix("de: ") {
            if let Some(en) = english.take() {
                pairs.push((en, de));
            }
        }
    }
    pairs
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let exact = parse_catalog(DE_SOURCE).into_iter().map(|(en, de)| (en, Entry { de })).collect();
        Catalog { exact }
    })
}

fn label_in(lang: Lang, english: &'static str) -> &'static str {
    match lang {
        Lang::En => english,
        Lang::De => catalog().exact.get(english).map_or(english, |entry| entry.de),
    }
}

/// The text for a fixed English phrase, in the current language.
pub fn t(english: &'static str) -> &'static str {
    label_in(current(), english)
}

/// Fills `{name}` placeholders in a template with values.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A phrase with named values, in the current language:
/// `tr!("Restored the engagement with {name}.", name = client)`.
#[macro_export]
macro_rules! tr {
    ($english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::fill($crate::i18n::t($english), &[$((stringify!($name), ::std::string::ToString::to_string(&$value))),*])
    };
}

/// A stored English text that may be one of Accord's own phrases (a built-in template's
/// name or description): the catalogue's words for it, or the text as it is (a person's own
/// template name).
pub fn phrase(text: &str) -> String {
    match current() {
        Lang::En => text.to_string(),
        Lang::De => catalog().exact.get(text).map_or_else(|| text.to_string(), |entry| entry.de.to_string()),
    }
}

/// A message the domain, the store or the replicator made, in the current language: its
/// template from the catalogue, each value written the way the language writes it.
pub fn render(message: &Message) -> String {
    render_in(current(), message)
}

fn render_in(lang: Lang, message: &Message) -> String {
    match lang {
        Lang::En => message.to_string(),
        Lang::De => {
            let template = catalog().exact.get(message.template()).map_or(message.template(), |entry| entry.de);
            Message::fill(template, message.args(), |arg| value_in(lang, arg))
        }
    }
}

fn value_in(lang: Lang, arg: &Arg) -> String {
    match arg {
        Arg::Text(text) => text.clone(),
        Arg::Date(date) => date_in(lang, *date),
        Arg::Count(n) => n.to_string(),
        Arg::Number { value, decimals } => number_in(lang, *value, *decimals),
        Arg::Hours(value) => hours_in(lang, *value),
        Arg::Label(label) => label_in(lang, label).to_string(),
        Arg::LabelInSentence(label) => match lang {
            Lang::En => crate::domain::message::lower_first(label),
            Lang::De => label_in(lang, label).to_string(),
        },
        Arg::Message(message) => render_in(lang, message),
        Arg::Capitalised(message) => crate::domain::message::capitalise(&render_in(lang, message)),
        Arg::Amount(value) => match lang {
            Lang::En => crate::domain::message::amount(*value),
            Lang::De => crate::domain::message::amount(*value).replace('.', ","),
        },
        Arg::List(messages) => messages.iter().map(|m| render_in(lang, m)).collect::<Vec<_>>().join("; "),
        Arg::Commas(messages) => messages.iter().map(|m| render_in(lang, m)).collect::<Vec<_>>().join(", "),
        Arg::Sentences(messages) => messages.iter().map(|m| render_in(lang, m)).collect::<Vec<_>>().join(" "),
    }
}

/// A calendar date for people: "23 Nov 2026" in English, "23.11.2026" in German.
pub fn date(date: Date) -> String {
    date_in(current(), date)
}

fn date_in(lang: Lang, date: Date) -> String {
    match lang {
        Lang::En => date.long(),
        Lang::De => format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year()),
    }
}

/// A number with `decimals` places: "1,234.5" in English, "1.234,5" in German.
pub fn number(value: f64, decimals: usize) -> String {
    number_in(current(), value, decimals)
}

fn number_in(lang: Lang, value: f64, decimals: usize) -> String {
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::De => ('.', ','),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(fraction) = fraction {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// Whether the catalog has `english` (for the tests and the end-to-end check list).
pub fn has_entry(english: &str) -> bool {
    catalog().exact.contains_key(english)
}

/// A count in words: `plural(n, "1 session", "{n} sessions")`, in the current language.
pub fn plural(n: impl TryInto<i64>, one: &'static str, many: &'static str) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    if n == 1 {
        t(one).to_string()
    } else {
        fill(t(many), &[("n", n.to_string())])
    }
}

/// A word as it reads inside a sentence: English starts it small ("at mid-point"),
/// German keeps the capital of its nouns ("zur Zwischenbilanz").
pub fn lower(text: &str) -> String {
    match current() {
        Lang::En => {
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        Lang::De => text.to_string(),
    }
}

/// Clock hours: "0.75 h", "1 h", "12.25 h" (German "0,75 h"): at most two decimals,
/// trailing zeros dropped.
pub fn hours(hours: f64) -> String {
    hours_in(current(), hours)
}

fn hours_in(lang: Lang, hours: f64) -> String {
    let text = number_in(lang, hours, 2);
    let point = if lang == Lang::De { ',' } else { '.' };
    let text = if text.contains(point) { text.trim_end_matches('0').trim_end_matches(point).to_string() } else { text };
    let text = if text == "-0" { "0".to_string() } else { text };
    format!("{text} h")
}

/// Dates as people read them in the current language (see [`date`]).
pub trait DateText {
    /// "23 Nov 2026" in English, "23.11.2026" in German.
    fn local(self) -> String;
}

impl DateText for Date {
    fn local(self) -> String {
        date(self)
    }
}
