//! Two languages, English and German: every word a person reads goes through here.
//!
//! English is the source language: the English text *is* the key. [`t`] gives the text
//! for a fixed English phrase in the current language; [`tr!`](crate::tr) does the same
//! for a phrase with named values (`tr!("{count} sessions", count = n)`). Messages made
//! elsewhere in English (the domain's validation and checks, the store's errors) are
//! translated where they are shown, by [`translate`]: an exact entry, or a catalog
//! pattern such as `"Enter {what}."` whose values are translated in turn.
//!
//! The German catalog is `de.txt` (pairs of `en:` and `de:` lines), compiled in. A phrase
//! without an entry shows in English; the tests in `tests.rs` make sure there is none.
//! Dates and numbers for people are formatted here too ([`date`], [`number`]), so the
//! domain can stay in one language and free of web crates.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::domain::date::Date;

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
    /// Entries with `{name}` placeholders, tried in order by [`translate`].
    patterns: Vec<(&'static str, &'static str)>,
}

const DE_SOURCE: &str = include_str!("de.txt");

/// The line in `de.txt` after which entries are messages made by the domain and the store.
const MESSAGES: &str = "# Messages made by the domain and the store";

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
        let pairs = parse_catalog(DE_SOURCE);
        // Only messages from the domain and the store are matched as patterns: a screen's
        // own phrases are filled by `tr!` and never need reading back.
        let messages = parse_catalog(&DE_SOURCE[DE_SOURCE.find(MESSAGES).unwrap_or(DE_SOURCE.len())..]);
        let mut patterns: Vec<_> = messages.into_iter().filter(|(en, _)| en.contains('{') && !en.contains("{{")).collect();
        // The most specific pattern first: the one with the most fixed text.
        patterns.sort_by_key(|(en, _)| std::cmp::Reverse(fixed_text_length(en)));
        let exact = pairs.into_iter().map(|(en, de)| (en, Entry { de })).collect();
        Catalog { exact, patterns }
    })
}

/// The text for a fixed English phrase, in the current language.
pub fn t(english: &'static str) -> &'static str {
    match current() {
        Lang::En => english,
        Lang::De => catalog().exact.get(english).map_or(english, |entry| entry.de),
    }
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

/// A message made in English elsewhere (the domain, the store), in the current language.
/// Several sentences are translated one by one when the whole has no entry.
pub fn translate(message: &str) -> String {
    if current() == Lang::En {
        return message.to_string();
    }
    translate_de(message).unwrap_or_else(|| {
        // FieldErrors and some notices join sentences with a space.
        let sentences = split_sentences(message);
        if sentences.len() < 2 {
            return message.to_string();
        }
        sentences.iter().map(|s| translate_de(s).unwrap_or_else(|| s.to_string())).collect::<Vec<_>>().join(" ")
    })
}

fn split_sentences(message: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = message.as_bytes();
    for (i, _) in message.match_indices(". ") {
        // A sentence ends at ". " followed by a capital letter.
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) {
            parts.push(&message[start..=i]);
            start = i + 2;
        }
    }
    parts.push(&message[start..]);
    parts
}

fn translate_de(message: &str) -> Option<String> {
    let catalog = catalog();
    if let Some(entry) = catalog.exact.get(message) {
        return Some(entry.de.to_string());
    }
    catalog.patterns.iter().find_map(|(en, de)| {
        let values = match_pattern(en, message)?;
        let values: Vec<(&str, String)> = values.into_iter().map(|(name, value)| (name, translate_value(value))).collect();
        Some(fill(de, &values))
    })
}

/// A value inside a message: a known phrase (also with a capital first letter), a date
/// read as "23 Nov 2026", a decimal number, or left as it is (names, titles).
fn translate_value(value: &str) -> String {
    if let Some(text) = translate_de(value) {
        return text;
    }
    // A list of problems, each a message of its own ("…; …").
    if value.contains("; ") {
        return value.split("; ").map(translate_value).collect::<Vec<_>>().join("; ");
    }
    let mut chars = value.chars();
    if let Some(first) = chars.next() {
        if first.is_uppercase() {
            let lowered: String = first.to_lowercase().chain(chars).collect();
            if let Some(entry) = catalog().exact.get(lowered.as_str()) {
                return capitalise(entry.de);
            }
        }
    }
    if let Some(date) = parse_long_date(value) {
        return date_in(Lang::De, date);
    }
    if value.contains('.') && value.parse::<f64>().is_ok() {
        let decimals = value.split('.').nth(1).map_or(0, str::len);
        return number_in(Lang::De, value.parse().unwrap_or(0.0), decimals);
    }
    value.to_string()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How much of a template is fixed text (outside its placeholders).
fn fixed_text_length(template: &str) -> usize {
    template.split('{').enumerate().map(|(i, part)| if i == 0 { part.len() } else { part.split_once('}').map_or(0, |(_, rest)| rest.len()) }).sum()
}

/// Matches `message` against a template with `{name}` placeholders; the values if it fits.
/// Each placeholder takes the shortest text that lets the rest match.
fn match_pattern<'a>(template: &'static str, message: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
    // Split into literal pieces and placeholder names.
    let mut literals = Vec::new();
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    literals.push(rest);
    let mut text = message.strip_prefix(literals[0])?;
    let mut values = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let next = literals[index + 1];
        let last = index + 1 == names.len();
        let end = if last {
            if next.is_empty() {
                text.len()
            } else {
                text.strip_suffix(next).map(str::len)?
            }
        } else if next.is_empty() {
            return None;
        } else {
            text.find(next)?
        };
        if end == 0 {
            return None;
        }
        values.push((*name, &text[..end]));
        text = &text[end..];
        if !last {
            text = text.strip_prefix(next)?;
        } else {
            text = "";
        }
    }
    text.is_empty().then_some(values)
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn parse_long_date(text: &str) -> Option<Date> {
    let mut parts = text.split(' ');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let month = MONTHS_EN.iter().position(|m| *m == month)? as u8 + 1;
    Date::new(year.parse().ok()?, month, day.parse().ok()?)
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
    let text = number(hours, 2);
    let point = if current() == Lang::De { ',' } else { '.' };
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
