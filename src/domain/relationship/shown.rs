//! A field group's value as lines a person reads, for the two sides of a conflict
//! ([`lines`]): text as written, a list one item a line, an item by its words.

use serde_json::Value;

/// The keys whose text names an item (a theme's "what", an agenda line's "text", an
/// action's "title"), in the order they are looked for.
const NAMING_KEYS: [&str; 6] = ["text", "what", "title", "want", "goal", "note"];

/// The value as lines: a text as its lines, a list one line per item (an item by its
/// naming text), an object by its naming text or else every text in it; empty when blank.
pub fn lines(value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::String(text) => text.lines().map(str::trim_end).filter(|l| !l.is_empty()).map(String::from).collect(),
        Value::Bool(b) => vec![b.to_string()],
        Value::Number(n) => vec![n.to_string()],
        Value::Array(items) => items.iter().filter_map(item).collect(),
        Value::Object(_) => item(value).into_iter().collect(),
    }
}

fn item(value: &Value) -> Option<String> {
    match value {
        Value::Object(fields) => {
            if let Some(text) = NAMING_KEYS.iter().find_map(|k| fields.get(*k).and_then(Value::as_str).filter(|t| !t.trim().is_empty())) {
                return Some(text.trim().to_string());
            }
            let texts: Vec<&str> = fields.values().filter_map(Value::as_str).map(str::trim).filter(|t| !t.is_empty()).collect();
            (!texts.is_empty()).then(|| texts.join(" · "))
        }
        Value::Null => None,
        Value::String(text) if text.trim().is_empty() => None,
        other => lines(other).first().cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_value_reads_as_lines_a_person_understands() {
        assert_eq!(lines(&json!("We agreed to delegate.\nStart Monday.\n")), ["We agreed to delegate.", "Start Monday."]);
        assert_eq!(
            lines(&json!([{ "id": "a1", "text": "Feedback to Ravi", "theme_id": null }, { "id": "a2", "text": "Board deck" }])),
            ["Feedback to Ravi", "Board deck"]
        );
        assert_eq!(lines(&json!({ "want": "A plan for Monday", "how_know": "I can say it" })), ["A plan for Monday"]);
        assert_eq!(lines(&json!({ "reality": "Busy", "options": "" })), ["Busy"]);
        assert!(lines(&json!(null)).is_empty());
        assert!(lines(&json!("  ")).is_empty());
        assert!(lines(&json!([])).is_empty());
    }
}
