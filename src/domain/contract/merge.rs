//! Merge fields: clause text says `{{session_count}}` and gets the contract's data, so
//! the words and the data can never disagree. [`MergeData`] holds every field's value
//! for one contract; [`render`] fills a text and reports fields it does not know.

use std::collections::BTreeMap;

use super::parties::{Accreditation, Parties};
use super::terms::{duration_message, hours_message, ContractTerms, Payer, ReportForm};
use crate::domain::message::{Arg, Message};
use crate::msg;

/// Every merge field, with what it stands for (shown as help in the clause editor).
pub const FIELDS: &[(&str, &str)] = &[
    ("client_name", "The client's or mentee's name"),
    ("practitioner_name", "The coach's or mentor's name"),
    ("practitioner_accreditation", "The practitioner's accreditation"),
    ("client_role", "\"client\" or \"mentee\""),
    ("practitioner_role", "\"coach\" or \"mentor\""),
    ("relationship", "\"coaching\" or \"mentoring\""),
    ("programme", "The type of coaching or mentoring programme"),
    ("sponsor_organisation", "The sponsor's organisation"),
    ("sponsor_contact", "The sponsor's contact person"),
    ("sponsor_role", "The sponsor contact's role"),
    ("session_count", "The number of sessions"),
    ("session_length", "How long a session lasts"),
    ("frequency", "How often sessions take place"),
    ("mode", "In person, video or phone"),
    ("location", "Where sessions take place"),
    ("start_date", "The first day of the engagement"),
    ("end_date", "The last day of the engagement"),
    ("duration", "From start to end, in weeks, months or years"),
    ("total_hours", "Contracted time in clock hours"),
    ("fee", "The fee per session"),
    ("payer", "Who pays"),
    ("notice_period", "Notice needed to cancel or move a session"),
    ("late_cancellation", "What happens to a session cancelled late"),
    ("confidentiality_limits", "When confidentiality may be broken"),
    ("sponsor_reporting", "What may be reported to the sponsor, and how"),
    ("contact_between_sessions", "What contact there is between sessions"),
    ("code_of_ethics", "The code of ethics the practitioner follows"),
    ("review_points", "When the engagement is reviewed"),
    ("retention", "How long notes are kept"),
    ("agenda", "Who sets each session's agenda"),
];

/// The value of every merge field for one contract, as a [`Message`]: clause text takes its
/// English words; the key terms show it in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeData(BTreeMap<&'static str, Option<Message>>);

/// The result of filling one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// Fields named in the text that do not exist (e.g. a typo), in order of appearance.
    pub unknown_fields: Vec<String>,
    /// Fields whose value is not decided yet; shown as "[… to be agreed]".
    pub unset_fields: Vec<String>,
}

/// "a", "a and b", "a, b and c".
fn join_words(mut items: Vec<Message>) -> Message {
    match items.len() {
        0 => msg!(""),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or_else(|| msg!(""));
            msg!("{items} and {last}", items = Arg::Commas(items), last = last)
        }
    }
}

/// A label inside a sentence ("every two weeks").
fn lower(label: &'static str) -> Message {
    msg!("{label}", label = Arg::LabelInSentence(label))
}

impl MergeData {
    pub fn new(parties: &Parties, terms: &ContractTerms) -> MergeData {
        let mut values: BTreeMap<&'static str, Option<Message>> = BTreeMap::new();
        let kind = parties.kind;
        let mut set = |key: &'static str, value: Option<Message>| {
            values.insert(key, value);
        };
        let text = |text: &str| msg!("{text}", text = text);
        set("client_name", Some(text(parties.client.as_str())));
        set("practitioner_name", Some(text(parties.practitioner.as_str())));
        set(
            "practitioner_accreditation",
            Some(match parties.accreditation {
                Accreditation::None => msg!("no formal accreditation"),
                other => msg!("{label}", label = Arg::Label(other.label())),
            }),
        );
        set("client_role", Some(lower(kind.client_role())));
        set("practitioner_role", Some(lower(kind.practitioner_role())));
        set("relationship", Some(lower(kind.label())));
        set(
            "programme",
            match kind {
                crate::domain::Kind::Coaching => terms.coaching_type.map(|t| lower(t.label())),
                crate::domain::Kind::Mentoring => terms.mentoring_programme.map(|p| lower(p.label())),
            },
        );
        let sponsor = parties.sponsor.as_ref();
        set("sponsor_organisation", sponsor.map(|s| text(&s.organisation)));
        set("sponsor_contact", sponsor.map(|s| text(s.contact.as_str())));
        set("sponsor_role", sponsor.map(|s| s.role.clone()).filter(|r| !r.is_empty()).map(|r| text(&r)));
        set("session_count", terms.session_count.map(|n| msg!("{n}", n = n)));
        set("session_length", terms.session_minutes.map(|m| msg!("{m} minutes", m = m)));
        set("frequency", terms.frequency.map(|f| lower(f.label())));
        set("mode", terms.mode.map(|m| lower(m.label())));
        set("location", Some(terms.location.clone()).filter(|l| !l.trim().is_empty()).map(|l| text(&l)));
        set("start_date", terms.start_date.map(|d| msg!("{date}", date = d)));
        set("end_date", terms.end_date.map(|d| msg!("{date}", date = d)));
        set("duration", terms.duration_days().filter(|d| *d > 0).map(duration_message));
        set("total_hours", terms.total_hours().map(hours_message));
        set(
            "fee",
            match (terms.payer, terms.fee_per_session) {
                (Some(Payer::NoFee), _) => Some(msg!("no fee")),
                (_, Some(amount)) => Some(msg!("{amount} {currency} per session", amount = amount, currency = &terms.currency)),
                _ => None,
            },
        );
        set(
            "payer",
            terms.payer.map(|p| match p {
                Payer::Client => msg!("the {role}", role = Arg::LabelInSentence(kind.client_role())),
                Payer::Sponsor => sponsor.map_or(msg!("the sponsor"), |s| text(&s.organisation)),
                Payer::NoFee => msg!("no one"),
            }),
        );
        set("notice_period", terms.cancellation_notice_hours.map(|h| msg!("{h} hours", h = h)));
        set(
            "late_cancellation",
            Some(if terms.late_cancellation_counts_as_used {
                msg!("counts as a session used")
            } else {
                msg!("does not count as a session used")
            }),
        );
        let limits: Vec<Message> = terms.confidentiality_limits.iter().map(|l| lower(l.label())).collect();
        set("confidentiality_limits", (!limits.is_empty()).then(|| join_words(limits)));
        set(
            "sponsor_reporting",
            terms.sponsor_reporting.as_ref().map(|r| {
                let mut shared = Vec::new();
                if r.shares_attendance {
                    shared.push(msg!("attendance"));
                }
                if r.shares_goal_progress {
                    shared.push(msg!("progress on the goals the client chooses to share"));
                }
                if r.shares_themes {
                    shared.push(msg!("broad themes agreed with the client"));
                }
                let what = if shared.is_empty() { msg!("nothing beyond the fact that sessions take place") } else { join_words(shared) };
                let how = match r.form {
                    ReportForm::ThreeWayMeeting => msg!("in a three-way meeting"),
                    ReportForm::WrittenSummary => msg!("as a short written summary"),
                    ReportForm::Both => msg!("as a written summary discussed in a three-way meeting"),
                };
                let cadence = Arg::LabelInSentence(r.cadence.label());
                let author = Arg::LabelInSentence(r.author.label());
                if r.client_consent {
                    msg!(
                        "{what}, {cadence}, {how}, written by {author}, and only after the client has seen and approved it",
                        what = what,
                        cadence = cadence,
                        how = how,
                        author = author
                    )
                } else {
                    msg!("{what}, {cadence}, {how}, written by {author}", what = what, cadence = cadence, how = how, author = author)
                }
            }),
        );
        set("contact_between_sessions", terms.contact_between_sessions.map(|c| lower(c.label())));
        set("code_of_ethics", terms.code_of_ethics.map(|c| msg!("{label}", label = Arg::Label(c.label()))));
        let mut reviews = Vec::new();
        if terms.mid_point_review {
            reviews.push(msg!("at the mid-point"));
        }
        if let Some(months) = terms.review_every_months {
            reviews.push(if months == 1 { msg!("every month") } else { msg!("every {n} months", n = months) });
        }
        if terms.end_review {
            reviews.push(msg!("at the end"));
        }
        let review_points = match (reviews.is_empty(), terms.three_way_meetings) {
            (true, _) => None,
            (false, true) => {
                Some(msg!("{reviews}, with the sponsor joining at the start, mid-point and end", reviews = join_words(reviews)))
            }
            (false, false) => Some(join_words(reviews)),
        };
        set("review_points", review_points);
        set("retention", terms.notes_retention_months.map(|m| if m == 1 { msg!("1 month") } else { msg!("{n} months", n = m) }));
        set("agenda", Some(lower(terms.agenda.label())));
        MergeData(values)
    }

    /// One field's value in English (the words of the clauses), if the field exists and is set.
    pub fn get(&self, field: &str) -> Option<String> {
        self.message(field).map(Message::to_string)
    }

    /// One field's value as a message, to show in the reader's language.
    pub fn message(&self, field: &str) -> Option<&Message> {
        self.0.get(field).and_then(Option::as_ref)
    }
}

/// Fills every `{{field}}` in `text`. Unknown fields stay as written and are reported;
/// fields not set yet read "[… to be agreed]".
pub fn render(text: &str, data: &MergeData) -> Rendered {
    let mut out = String::with_capacity(text.len());
    let mut unknown_fields = Vec::new();
    let mut unset_fields = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = after[..end].trim();
        match data.0.get(name) {
            Some(Some(value)) => out.push_str(&value.to_string()),
            Some(None) => {
                out.push_str(&format!("[{} to be agreed]", name.replace('_', " ")));
                unset_fields.push(name.to_string());
            }
            None => {
                out.push_str(&rest[start..start + 2 + end + 2]);
                unknown_fields.push(name.to_string());
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Rendered { text: out, unknown_fields, unset_fields }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::engagement::Kind;

    fn parties(sponsor: bool) -> Parties {
        crate::domain::contract::fixtures::parties(Kind::Coaching, sponsor)
    }

    fn terms() -> ContractTerms {
        ContractTerms::preset(Kind::Coaching, false, Date::parse("2026-12-01").unwrap())
    }

    #[test]
    fn fields_are_filled_from_the_data() {
        let data = MergeData::new(&parties(false), &terms());
        let rendered = render("{{client_name}} and {{practitioner_name}} meet {{session_count}} times for {{session_length}}, {{frequency}}, from {{start_date}}.", &data);
        assert_eq!(rendered.text, "Ada Lovelace and Sam Lee meet 6 times for 60 minutes, every two weeks, from 1 Dec 2026.");
        assert!(rendered.unknown_fields.is_empty());
        assert!(rendered.unset_fields.is_empty());
    }

    #[test]
    fn changing_the_data_changes_the_words() {
        let mut changed = terms();
        changed.session_count = Some(8);
        let data = MergeData::new(&parties(false), &changed);
        assert_eq!(render("{{session_count}} sessions, {{total_hours}}", &data).text, "8 sessions, 8 hours");
    }

    #[test]
    fn an_unknown_field_is_kept_and_reported() {
        let data = MergeData::new(&parties(false), &terms());
        let rendered = render("Dear {{clinet_name}},", &data);
        assert_eq!(rendered.text, "Dear {{clinet_name}},");
        assert_eq!(rendered.unknown_fields, vec!["clinet_name"]);
    }

    #[test]
    fn an_unset_field_reads_to_be_agreed() {
        let mut unset = terms();
        unset.fee_per_session = None;
        unset.payer = None;
        let rendered = render("Fee: {{fee}}.", &MergeData::new(&parties(false), &unset));
        assert_eq!(rendered.text, "Fee: [fee to be agreed].");
        assert_eq!(rendered.unset_fields, vec!["fee"]);
    }

    #[test]
    fn an_unclosed_brace_is_left_as_text() {
        let rendered = render("Hello {{client_name", &MergeData::new(&parties(false), &terms()));
        assert_eq!(rendered.text, "Hello {{client_name");
    }

    #[test]
    fn sponsor_fields_and_reporting_read_as_sentences() {
        let mut three_way = ContractTerms::preset(Kind::Coaching, true, Date::parse("2026-12-01").unwrap());
        three_way.fee_per_session = Some(150);
        let data = MergeData::new(&parties(true), &three_way);
        assert_eq!(data.get("payer").as_deref(), Some("Northwind"));
        assert_eq!(data.get("fee").as_deref(), Some("150 GBP per session"));
        assert_eq!(
            data.get("sponsor_reporting").as_deref(),
            Some("attendance and progress on the goals the client chooses to share, at the review points only, in a three-way meeting, written by the client, and only after the client has seen and approved it")
        );
        assert_eq!(data.get("practitioner_accreditation").as_deref(), Some("ICF PCC (Professional Certified Coach)"));
    }

    #[test]
    fn every_listed_field_has_a_value_slot() {
        let data = MergeData::new(&parties(true), &terms());
        for (field, _) in FIELDS {
            assert!(data.0.contains_key(field), "{field}");
        }
        assert_eq!(data.0.len(), FIELDS.len());
    }
}
