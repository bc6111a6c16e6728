//! The catalog is complete and tidy: every phrase the source passes to `t`, `tr!` or
//! `plural` has a German entry with the same placeholders; so does every word the domain
//! shows (choice labels, `=> "…"` words); no entry is left over.

use super::*;
use std::collections::BTreeSet;
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
    files.into_iter().map(|path| {
        let text = std::fs::read_to_string(&path).expect("a source file is readable");
        (path, text)
    }).collect()
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
            } else if first.starts_with(|c: char| c.is_uppercase()) && !first.contains("{{") && (rest.starts_with(',') || rest.starts_with('\n') || rest.starts_with('}')) {
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
    assert!(missing.is_empty(), "{} phrases have no German entry in src/i18n/de.txt:\n{}", missing.len(), missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n"));
}

#[test]
fn every_word_the_domain_shows_has_a_german_entry() {
    let missing: Vec<String> = domain_words().into_iter().filter(|p| !has_entry(p)).collect();
    assert!(missing.is_empty(), "{} domain words have no German entry in src/i18n/de.txt:\n{}", missing.len(), missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n"));
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
    assert!(missing.is_empty(), "{} field labels have no German entry in src/i18n/de.txt:\n{}", missing.len(), missing.iter().map(|m| format!("en: {m}\nde: \n")).collect::<Vec<_>>().join("\n"));
}

#[test]
fn no_entry_is_left_over() {
    let ui = ui_phrases();
    let domain = domain_words();
    let elsewhere: String = ["domain", "store"].iter().flat_map(|f| source(f)).map(|(_, text)| text).collect();
    let unused: Vec<&str> = parse_catalog(DE_SOURCE)
        .into_iter()
        .map(|(en, _)| en)
        .filter(|en| !ui.contains(*en) && !domain.contains(*en))
        // A message made by the domain or the store: its first words are in their source.
        .filter(|en| {
            let longest = en.split(['{', '}']).step_by(2).map(str::trim).max_by_key(|piece| piece.len()).unwrap_or("");
            let piece: String = longest.chars().take(24).collect();
            piece.is_empty() || !elsewhere.contains(piece.as_str())
        })
        .collect();
    assert!(unused.is_empty(), "entries no longer used:\n{}", unused.join("\n"));
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
            assert!(en.replace(['{', '}'], "").trim().len() > placeholders(en).iter().map(|p| p.len()).sum::<usize>(), "a pattern needs words around its placeholders: {en}");
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
fn messages_with_values_are_translated_by_pattern() {
    set_current(Lang::De);
    assert_eq!(translate("Enter the client's name."), "Name des Klienten: bitte angeben.");
    assert_eq!(
        translate("The client's name is 120 characters long. Keep it to 100 characters or fewer."),
        "Name des Klienten: 120 Zeichen lang. Bitte höchstens 100 Zeichen."
    );
    assert_eq!(translate("No start date given (element 5)"), "Kein Startdatum angegeben (Element 5)");
    assert_eq!(translate("No responsibilities stated for the mentee (element 11)"), "Keine Verantwortlichkeiten angegeben für: Mentee (Element 11)");
    assert_eq!(translate("Not a known message, left as it is."), "Not a known message, left as it is.");
    assert_eq!(
        translate("The organisation settings file has a problem: “logo” must be text in quotes, not a number; “default_language” must be \"en\" or \"de\", not \"fr\". Accord uses its defaults."),
        "Die Einstellungsdatei der Organisation hat einen Fehler: „logo“ muss Text in Anführungszeichen sein, nicht eine Zahl; „default_language“ muss \"en\" oder \"de\" sein, nicht \"fr\". Accord verwendet seine Standardwerte."
    );
    set_current(Lang::En);
    assert_eq!(translate("Enter the client's name."), "Enter the client's name.");
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
