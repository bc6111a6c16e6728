//! The catalog is complete and tidy: every phrase the source passes to `t`, `tr!` or
//! `plural`, and every message template written with `msg!`, has a German entry with the
//! same placeholders; so does every word the domain shows (choice labels, `=> "…"` words);
//! no English sentence in the domain, the store or the replicator escapes `msg!`; no entry
//! is left over.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn source(folder: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            (path, text)
        })
        .collect()
}

/// Reads a Rust string literal starting just after its opening quote; returns its value
/// and the rest of the text after the closing quote.
fn read_literal(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &text[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                '"' => value.push('"'),
                '\\' => value.push('\\'),
                '\'' => value.push('\''),
                '\n' => {
                    // A line continuation skips the next line's leading whitespace.
                    let rest = &text[i + 2..];
                    let skipped = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skipped].chars().count() {
                        chars.next();
                    }
                }
                other => {
                    value.push('\\');
                    value.push(other);
                }
            },
            c => value.push(c),
        }
    }
    None
}

/// Every literal the UI hands to `t(…)`, `tr!(…)` and `plural(n, "…", "…")`.
fn phrases_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in ["t(", "tr!("] {
        for (start, _) in text.match_indices(call) {
            // `format(`, `split(`, … end in "t(" too.
            if text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // The literal may start on the next line.
            let Some(literal) = text[start + call.len()..].trim_start().strip_prefix('"') else { continue };
            if let Some((value, _)) = read_literal(literal) {
                found.push(value);
            }
        }
    }
    for (start, _) in text.match_indices("plural(") {
        // plural(count, "one", "many"): the two literals after the count.
        let args = &text[start..];
        let Some(first) = args.find(", \"") else { continue };
        let Some((one, rest)) = read_literal(&args[first + 3..]) else { continue };
        let Some((many, _)) = rest.strip_prefix(", \"").and_then(read_literal) else { continue };
        found.extend([one, many]);
    }
    found
}

/// Every template written with `msg!("…", …)`.
fn templates_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("msg!(") {
        if text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(literal) = text[start + "msg!(".len()..].trim_start().strip_prefix('"') else { continue };
        if let Some((value, _)) = read_literal(literal) {
            found.push(value);
        }
    }
    found
}

/// Every `msg!` template in the source (outside tests), the ones with words to translate.
fn message_templates() -> BTreeSet<String> {
    let mut templates = BTreeSet::new();
    for folder in ["domain", "store", "sync", "platform", "ui", "i18n"] {
        for (path, text) in source(folder) {
            if path.ends_with("tests.rs") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            templates.extend(templates_in(code).into_iter().filter(|t| crate::domain::message::has_words(t)));
        }
    }
    templates
}

/// The words the domain shows people: choice labels (`Variant => "value", "Label";`) and
/// fixed words in match arms (`… => "Words",`), outside tests and generated documents.
fn domain_words() -> BTreeSet<String> {
    // Documents and file formats stay English: clause templates, calendar and CSV files.
    const DOCUMENTS: [&str; 5] = ["templates.rs", "ics.rs", "csv.rs", "merge.rs", "tests.rs"];
    let mut words = BTreeSet::new();
    for (path, text) in source("domain") {
        if DOCUMENTS.iter().any(|d| path.ends_with(d)) {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (start, _) in code.match_indices("=> \"") {
            let Some((first, rest)) = read_literal(&code[start + 4..]) else { continue };
            let rest = rest.trim_start();
            let word = if let Some(label) = rest.strip_prefix(", \"") {
                read_literal(label).map(|(label, _)| label)
            } else if first.starts_with(|c: char| c.is_uppercase())
                && !first.contains("{{")
                && (rest.starts_with(',') || rest.starts_with('\n') || rest.starts_with('}'))
            {
                Some(first)
            } else {
                None
            };
            if let Some(word) = word {
                words.insert(word);
            }
        }
    }
    words
}

fn ui_phrases() -> BTreeSet<String> {
    let mut phrases = BTreeSet::new();
    for (_, text) in source("ui") {
        phrases.extend(phrases_in(&text));
    }
    phrases
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        names.insert(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

#[test]
fn every_phrase_on_screen_has_a_german_entry() {
    let missing: Vec<String> = ui_phrases().into_iter().filter(|p| !has_entry(p)).collect();
    assert!(
        missing.is_empty(),
        "{} phrases have no German entry in src/i18n/de.txt:\n{}",
        missing.len(),
        missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_word_the_domain_shows_has_a_german_entry() {
    let missing: Vec<String> = domain_words().into_iter().filter(|p| !has_entry(p)).collect();
    assert!(
        missing.is_empty(),
        "{} domain words have no German entry in src/i18n/de.txt:\n{}",
        missing.len(),
        missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_message_has_a_german_entry_with_the_same_placeholders() {
    let templates = message_templates();
    assert!(templates.len() > 300, "the scan finds the messages ({} found)", templates.len());
    let missing: Vec<&String> = templates.iter().filter(|m| !has_entry(m)).collect();
    assert!(
        missing.is_empty(),
        "{} messages have no German entry in src/i18n/de.txt:\n{}",
        missing.len(),
        missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n")
    );
    let pairs: BTreeMap<&str, &str> = parse_catalog(DE_SOURCE).into_iter().collect();
    for template in &templates {
        let de = pairs[template.as_str()];
        assert_eq!(placeholders(template), placeholders(de), "placeholders differ for: {template}");
    }
}

/// Every string literal in `code` that is not in a comment: its value and the code before it
/// on its line. Char literals (`'"'`), lifetimes and raw strings are read as Rust reads them.
fn string_literals(code: &str) -> Vec<(String, String)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    // The code before the literal: the rest of its line, or, when the literal opens its
    // line, the line before it.
    let line_before = |at: usize| {
        let start = code[..at].rfind('\n').map_or(0, |n| n + 1);
        if code[start..at].trim().is_empty() {
            let previous = code[..start.saturating_sub(1)].rfind('\n').map_or(0, |n| n + 1);
            code[previous..at].to_string()
        } else {
            code[start..at].to_string()
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = code[i..].find('\n').map_or(bytes.len(), |n| i + n),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = code[i..].find("*/").map_or(bytes.len(), |n| i + n + 2),
            b'\'' => {
                // A char literal ('x', '\'', '"'), or a lifetime ('a).
                if bytes.get(i + 1) == Some(&b'\\') {
                    i = code[i + 3..].find('\'').map_or(bytes.len(), |n| i + 3 + n + 1);
                } else if let Some(c) = code[i + 1..].chars().next() {
                    let after = i + 1 + c.len_utf8();
                    i = if bytes.get(after) == Some(&b'\'') { after + 1 } else { i + 1 };
                } else {
                    i += 1;
                }
            }
            b'r' if (bytes.get(i + 1) == Some(&b'"') || bytes.get(i + 1) == Some(&b'#'))
                && !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') =>
            {
                let hashes = code[i + 1..].chars().take_while(|c| *c == '#').count();
                let open = i + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let end = code[open + 1..].find(&close).map_or(bytes.len(), |n| open + 1 + n);
                found.push((code[open + 1..end].to_string(), line_before(i)));
                i = end + close.len();
            }
            b'"' => {
                let Some((value, rest)) = read_literal(&code[i + 1..]) else { break };
                found.push((value, line_before(i)));
                i = bytes.len() - rest.len();
            }
            _ => i += 1,
        }
    }
    found
}

/// Sentences for people that are not `msg!` templates. Left out: match-arm words and choice
/// labels (checked above), messages for the browser's console, and documents that stay
/// English (clause templates, calendar and CSV files, the text of downloaded reports).
fn stray_sentences() -> Vec<String> {
    // Files that write documents for other tools, in English on purpose.
    const DOCUMENTS: [&str; 5] = ["templates.rs", "ics.rs", "csv.rs", "merge.rs", "tests.rs"];
    // The function that writes a downloaded report's text, in English on purpose.
    const REPORT_TEXT: &str = "pub fn text(&self) -> String {";
    let mut stray = Vec::new();
    for folder in ["domain", "store", "sync", "platform"] {
        for (path, text) in source(folder) {
            if DOCUMENTS.iter().any(|d| path.ends_with(d)) {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let code = match code.find(REPORT_TEXT) {
                // The report's text runs to the end of its impl block.
                Some(at) => format!("{}{}", &code[..at], code[at..].split_once("\n}\n").map_or("", |(_, rest)| rest)),
                None => code.to_string(),
            };
            let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&path).display().to_string();
            stray.extend(stray_in(&shown, &code));
        }
    }
    stray
}

/// The sentences in one file's code that are not `msg!` templates (see [`stray_sentences`]).
fn stray_in(shown: &str, code: &str) -> Vec<String> {
    let mut stray = Vec::new();
    for (value, before) in string_literals(code) {
        let before = before.trim_end();
        let exempt = before.ends_with("msg!(")
            || before.ends_with("=>")
            || before.contains("=> \"")
            || before.contains("console::")
            // Sync conflict field labels (`field("id", "Label", …)`), checked by their own test.
            || before.rsplit_once("field(\"").is_some_and(|(_, id)| id.strip_suffix("\",").is_some_and(|id| !id.contains('"')));
        let words = value.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
        let sentence = value.starts_with(|c: char| c.is_uppercase()) && words >= 3 && value.trim_end().ends_with(['.', '?', '!']);
        if sentence && !exempt {
            stray.push(format!("{shown}: {value} (after `{}`)", before.trim_start()));
        }
    }
    stray
}

#[test]
fn a_sentence_written_without_msg_is_found() {
    let code = r#"
        // "A sentence in a comment is not shown."
        let quote = '"';
        let fine = msg!("A message is translated here.");
        let also_fine = msg!(
            "A message on its own line is fine."
        );
        Kind::Coaching => "A match arm word is checked elsewhere.",
        let stray = format!("This sentence escapes the catalogue, {name}.");
        let raw = r"Another sentence escapes as well.";
        const FIELDS: &[Field] = &[field("want", "What do you want from today?", Reads::Text), field("how", "How will you know it?", Reads::Text)];
    "#;
    let found = stray_in("snippet.rs", code);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("This sentence escapes the catalogue"), "{found:?}");
    assert!(found[1].contains("Another sentence escapes as well."), "{found:?}");
}

#[test]
fn no_sentence_for_people_escapes_the_catalogue() {
    let stray = stray_sentences();
    assert!(
        stray.is_empty(),
        "sentences a person may read that are not written with msg! (so no one translates them):\n{}",
        stray.join("\n")
    );
}

#[test]
fn every_built_in_template_has_a_german_name_and_description() {
    for template in crate::domain::contract::templates::built_in() {
        assert!(has_entry(&template.name), "no German for the template name {}", template.name);
        assert!(has_entry(&template.description), "no German for the description of {}", template.name);
    }
}

#[test]
fn every_contract_element_has_a_german_title() {
    for number in 1..=19 {
        let element = crate::domain::contract::Element::new(number).expect("elements 1 to 19");
        assert!(has_entry(element.title()), "no German for element {number}: {}", element.title());
    }
}

#[test]
fn every_key_term_of_a_contract_has_a_german_label() {
    for label in crate::domain::contract::KEY_TERMS.iter().map(|(_, label)| *label) {
        assert!(has_entry(label), "no German for the key term {label}");
    }
}

#[test]
fn every_field_label_of_a_sync_conflict_has_a_german_entry() {
    let missing: Vec<&str> = crate::domain::sync::fields::labels().into_iter().filter(|label| !has_entry(label)).collect();
    assert!(
        missing.is_empty(),
        "{} field labels have no German entry in src/i18n/de.txt:\n{}",
        missing.len(),
        missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n")
    );
}

/// The words a new wheel or a shipped questionnaire is made from, put into the person's
/// language when it is made.
fn assessment_words() -> Vec<&'static str> {
    let mut words = crate::domain::assessment::wheel::DEFAULT_AREAS.to_vec();
    words.extend(crate::domain::assessment::templates::words());
    words
}

#[test]
fn every_word_of_a_new_wheel_and_a_shipped_questionnaire_has_a_german_entry() {
    let missing: Vec<&str> = assessment_words().into_iter().filter(|text| !has_entry(text)).collect();
    assert!(
        missing.is_empty(),
        "{} assessment texts have no German entry in src/i18n/de.txt:\n{}",
        missing.len(),
        missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n")
    );
}

/// Phrases the interface looks up by value (`t(label)`, `phrase(name)`): element titles,
/// key terms, sync field labels, built-in templates, a new wheel's areas, the shipped
/// questionnaires.
fn looked_up_by_value() -> BTreeSet<String> {
    let mut phrases = BTreeSet::new();
    phrases.extend(assessment_words().into_iter().map(str::to_string));
    phrases.extend((1..=19).filter_map(crate::domain::contract::Element::new).map(|e| e.title().to_string()));
    phrases.extend(crate::domain::contract::KEY_TERMS.iter().map(|(_, label)| label.to_string()));
    phrases.extend(crate::domain::sync::fields::labels().into_iter().map(str::to_string));
    for template in crate::domain::contract::templates::built_in() {
        phrases.insert(template.name);
        phrases.insert(template.description);
    }
    phrases
}

#[test]
fn no_entry_is_left_over() {
    let ui = ui_phrases();
    let domain = domain_words();
    let messages = message_templates();
    let by_value = looked_up_by_value();
    let unused: Vec<&str> = parse_catalog(DE_SOURCE)
        .into_iter()
        .map(|(en, _)| en)
        .filter(|en| !ui.contains(*en) && !domain.contains(*en) && !messages.contains(*en) && !by_value.contains(*en))
        .collect();
    assert!(unused.is_empty(), "{} entries no longer used:\n{}", unused.len(), unused.join("\n"));
}

#[test]
fn catalog_entries_are_unique_complete_and_keep_their_placeholders() {
    let pairs = parse_catalog(DE_SOURCE);
    let mut seen = BTreeSet::new();
    for (en, de) in &pairs {
        assert!(seen.insert(*en), "twice in de.txt: {en}");
        assert!(!de.trim().is_empty(), "no German for: {en}");
        assert_eq!(placeholders(en), placeholders(de), "placeholders differ for: {en}");
        if en.contains('{') {
            assert!(
                en.replace(['{', '}'], "").trim().len() > placeholders(en).iter().map(|p| p.len()).sum::<usize>(),
                "a pattern needs words around its placeholders: {en}"
            );
        }
    }
    let lines = DE_SOURCE.lines().filter(|l| l.starts_with("en: ") || l.starts_with("de: ")).count();
    assert_eq!(lines, pairs.len() * 2, "every en: line is followed by its de: line");
}

#[test]
fn english_is_the_source_and_german_comes_from_the_catalog() {
    set_current(Lang::En);
    assert_eq!(t("Engagements"), "Engagements");
    set_current(Lang::De);
    assert_eq!(t("Engagements"), "Begleitungen");
    assert_eq!(crate::tr!("Saved the engagement with {client}.", client = "Ada"), "Begleitung mit Ada gespeichert.");
    set_current(Lang::En);
}

#[test]
fn messages_render_in_the_language_with_their_values_written_as_it_writes_them() {
    use crate::domain::message::Arg;
    use crate::msg;
    let date = Date::new(2026, 12, 1).unwrap();
    let start = Date::new(2026, 12, 6).unwrap();
    let warning = msg!(
        "This is on {date}, before the contract starts ({start}). It is saved; check the date, or change the contract's dates.",
        date = date,
        start = start
    );
    set_current(Lang::De);
    let german = render(&warning);
    assert!(german.contains("01.12.2026") && german.contains("06.12.2026"), "{german}");
    assert!(!german.contains("Dec"), "{german}");
    assert_eq!(render(&msg!("Enter {what}.", what = msg!("the client's name"))), "Name des Klienten: bitte angeben.");
    assert_eq!(
        render(&msg!(
            "{what} is {length} characters long. Keep it to {max} characters or fewer.",
            what = msg!("the client's name").capitalised(),
            length = 120,
            max = 100
        )),
        "Name des Klienten: 120 Zeichen lang. Bitte höchstens 100 Zeichen."
    );
    assert_eq!(render(&msg!("{held} held.", held = Arg::Hours(0.75))), "0,75 h gehalten.");
    set_current(Lang::En);
    assert_eq!(render(&warning), warning.to_string());
    assert!(render(&warning).contains("1 Dec 2026"));
}

#[test]
fn dates_and_numbers_follow_the_language() {
    let date = Date::new(2026, 11, 23).unwrap();
    assert_eq!(date_in(Lang::En, date), "23 Nov 2026");
    assert_eq!(date_in(Lang::De, date), "23.11.2026");
    assert_eq!(number_in(Lang::En, 1234.5, 1), "1,234.5");
    assert_eq!(number_in(Lang::De, 1234.5, 1), "1.234,5");
    assert_eq!(number_in(Lang::De, 0.75, 2), "0,75");
    assert_eq!(number_in(Lang::De, -2.0, 0), "-2");
    set_current(Lang::De);
    assert_eq!(hours(0.75), "0,75 h");
    assert_eq!(hours(12.0), "12 h");
    set_current(Lang::En);
    assert_eq!(hours(0.75), "0.75 h");
    assert_eq!(hours(2500.0), "2,500 h");
}

#[test]
fn the_browser_language_picks_german_for_any_german_variant() {
    assert_eq!(Lang::from_preferred(["de-AT", "en"]), Lang::De);
    assert_eq!(Lang::from_preferred(["fr-FR", "de"]), Lang::De);
    assert_eq!(Lang::from_preferred(["en-US", "de-DE"]), Lang::En);
    assert_eq!(Lang::from_preferred(["fr"]), Lang::En);
    assert_eq!(Lang::from_preferred([]), Lang::En);
}
