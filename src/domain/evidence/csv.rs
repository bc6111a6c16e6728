//! CSV text as RFC 4180 describes it, for reports opened in a spreadsheet.
//!
//! [`field`] quotes one value when it must, [`row`] joins fields and ends the line with
//! CRLF, [`document`] writes a whole file (a byte-order mark, a header and rows), and
//! [`hours`] writes clock hours the way a spreadsheet reads them ("0.75", "1", "12.5").
//!
//! The file starts with the UTF-8 byte-order mark ([`BYTE_ORDER_MARK`]). RFC 4180 does not
//! need it, but Excel on Windows reads a CSV file without one in the computer's old code page,
//! so "Zoë" shows as "ZoÃ«"; with it, Excel, LibreOffice and Python's `utf-8-sig`
//! all read UTF-8. A reader that knows no byte-order mark sees it as part of the first header.

/// One field: quoted when it contains a comma, a double quote, CR or LF, or starts or
/// ends with a space (so a spreadsheet keeps the space); inner double quotes are doubled.
pub fn field(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Fields joined by ',' and ended with "\r\n".
pub fn row(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// U+FEFF, written first in UTF-8 (the bytes EF BB BF): says "this file is UTF-8".
pub const BYTE_ORDER_MARK: char = '\u{FEFF}';

/// A whole CSV file: the byte-order mark, a header row, then the rows.
pub fn document(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut text = String::from(BYTE_ORDER_MARK);
    text.push_str(&row(&header));
    for fields in rows {
        text.push_str(&row(fields));
    }
    text
}

/// Clock hours for spreadsheets: at most two decimals, no trailing zeros ("0.75", "1", "12.5").
pub fn hours(h: f64) -> String {
    let h = if h.is_finite() { h } else { 0.0 };
    let text = format!("{h:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Reads a CSV file back into rows of fields (RFC 4180), for the tests of every report, the
/// way a spreadsheet does: one byte-order mark at the very start says the file is UTF-8 and
/// is not part of the first field.
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    current.push('"');
                }
                '"' => quoted = false,
                _ => current.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                assert!(current.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            ',' => fields.push(std::mem::take(&mut current)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                fields.push(std::mem::take(&mut current));
                rows.push(std::mem::take(&mut fields));
            }
            '\n' => panic!("a line ended with LF only"),
            _ => current.push(c),
        }
    }
    assert!(!quoted, "an unclosed quote");
    assert!(current.is_empty() && fields.is_empty(), "the last row has no CRLF");
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_as_it_is() {
        assert_eq!(field("Alex Smith"), "Alex Smith");
        assert_eq!(field(""), "");
        assert_eq!(field("Zoë Weiß 中文"), "Zoë Weiß 中文");
    }

    #[test]
    fn commas_quotes_line_breaks_and_edge_spaces_are_quoted() {
        assert_eq!(field("Smith, Alex"), "\"Smith, Alex\"");
        assert_eq!(field("Alex \"Al\" Smith"), "\"Alex \"\"Al\"\" Smith\"");
        assert_eq!(field("line\r\nbreak"), "\"line\r\nbreak\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field(" leading"), "\" leading\"");
        assert_eq!(field("trailing "), "\"trailing \"");
    }

    #[test]
    fn every_row_ends_with_crlf() {
        let text = document(&["A", "B"], &[vec!["1".into(), "2".into()], vec!["x\ny".into(), "".into()]]);
        assert_eq!(text, "\u{FEFF}A,B\r\n1,2\r\n\"x\ny\",\r\n");
        assert!(text.ends_with("\r\n"));
    }

    #[test]
    fn a_file_starts_with_the_utf8_byte_order_mark_and_only_there() {
        let text = document(&["Client name"], &[vec!["Zoë".into()], vec!["\u{FEFF}".into()]]);
        assert_eq!(&text.as_bytes()[..3], [0xEF, 0xBB, 0xBF], "the bytes Excel looks for");
        assert_eq!(text.matches(BYTE_ORDER_MARK).count(), 2, "once at the start, once as data");
        assert!(!row(&["Zoë".to_string()]).starts_with(BYTE_ORDER_MARK), "rows carry none");
        assert_eq!(parse(&text), [["Client name"], ["Zoë"], ["\u{FEFF}"]]);
    }

    #[test]
    fn a_parser_reads_every_awkward_field_back() {
        let awkward = vec![
            "Smith, Alex".to_string(),
            "say \"hi\"".to_string(),
            "two\r\nlines".to_string(),
            "lf\nonly".to_string(),
            " leading space".to_string(),
            "Café é".to_string(),
            "Straße ß".to_string(),
            "中文".to_string(),
            String::new(),
            "\"".to_string(),
        ];
        let rows = vec![awkward.clone(), vec!["plain".to_string(); awkward.len()]];
        let header: Vec<&str> = (0..awkward.len()).map(|_| "H").collect();
        let parsed = parse(&document(&header, &rows));
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[1], awkward);
        assert_eq!(parsed[2], rows[1]);
    }

    #[test]
    fn hours_have_at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(hours(0.75), "0.75");
        assert_eq!(hours(1.0), "1");
        assert_eq!(hours(12.5), "12.5");
        assert_eq!(hours(0.0), "0");
        assert_eq!(hours(1.0 / 3.0), "0.33");
        assert_eq!(hours(f64::NAN), "0");
    }
}
