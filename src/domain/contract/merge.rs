//! Merge fields: clause text says `{{session_count}}` and gets the contract's data, so
//! the words and the data can never disagree. [`MergeData`] holds every field's value
//! for one contract; [`render`] fills a text and reports fields it does not know.

use std::collections::BTreeMap;

use super::parties::{Accreditation, Parties};
use super::terms::{duration_words, hours_words, ContractTerms, Payer, ReportForm};

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

/// The value of every merge field for one contract.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeData(BTreeMap<&'static str, Option<String>>);

/// The result of filling one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// Fields named in the text that do not exist (e.g. a typo), in order of appearance.
    pub unknown_fields: Vec<String>,
    /// Fields whose value is not decided yet; shown as "[… to be agreed]".
    pub unset_fields: Vec<String>,
}

fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

impl MergeData {
    pub fn new(parties: &Parties, terms: &ContractTerms) -> MergeData {
        let mut values: BTreeMap<&'static str, Option<String>> = BTreeMap::new();
        let kind = parties.kind;
        let mut set = |key: &'static str, value: Option<String>| {
            values.insert(key, value);
        };
        set("client_name", Some(parties.client.as_str().into()));
        set("practitioner_name", Some(parties.practitioner.as_str().into()));
        set(
            "practitioner_accreditation",
            Some(match parties.accreditation {
                Accreditation::None => "no formal accreditation".into(),
                other => other.label().into(),
            }),
        );
        set("client_role", Some(kind.client_role().to_lowercase()));
        set("practitioner_role", Some(kind.practitioner_role().to_lowercase()));
        set("relationship", Some(kind.as_str().into()));
        set(
            "programme",
            match kind {
                crate::domain::Kind::Coaching => terms.coaching_type.map(|t| t.label().to_lowercase()),
                crate::domain::Kind::Mentoring => terms.mentoring_programme.map(|p| p.label().to_lowercase()),
            },
        );
        let sponsor = parties.sponsor.as_ref();
        set("sponsor_organisation", sponsor.map(|s| s.organisation.clone()));
        set("sponsor_contact", sponsor.map(|s| s.contact.as_str().to_string()));
        set("sponsor_role", sponsor.map(|s| s.role.clone()).filter(|r| !r.is_empty()));
        set("session_count", terms.session_count.map(|n| n.to_string()));
        set("session_length", terms.session_minutes.map(|m| format!("{m} minutes")));
        set("frequency", terms.frequency.map(|f| f.label().to_lowercase()));
        set("mode", terms.mode.map(|m| m.label().to_lowercase()));
        set("location", Some(terms.location.clone()).filter(|l| !l.trim().is_empty()));
        set("start_date", terms.start_date.map(|d| d.long()));
        set("end_date", terms.end_date.map(|d| d.long()));
        set("duration", terms.duration_days().filter(|d| *d > 0).map(duration_words));
        set("total_hours", terms.total_hours().map(hours_words));
        set(
            "fee",
            match (terms.payer, terms.fee_per_session) {
                (Some(Payer::NoFee), _) => Some("no fee".into()),
                (_, Some(amount)) => Some(format!("{amount} {} per session", terms.currency)),
                _ => None,
            },
        );
        set(
            "payer",
            terms.payer.map(|p| match p {
                Payer::Client => format!("the {}", kind.client_role().to_lowercase()),
                Payer::Sponsor => sponsor.map_or("the sponsor".into(), |s| s.organisation.clone()),
                Payer::NoFee => "no one".into(),
            }),
        );
        set("notice_period", terms.cancellation_notice_hours.map(|h| format!("{h} hours")));
        set(
            "late_cancellation",
            Some(if terms.late_cancellation_counts_as_used {
                "counts as a session used".into()
            } else {
                "does not count as a session used".into()
            }),
        );
        let limits: Vec<String> = terms.confidentiality_limits.iter().map(|l| l.label().to_lowercase()).collect();
        set("confidentiality_limits", (!limits.is_empty()).then(|| join_words(&limits)));
        set(
            "sponsor_reporting",
            terms.sponsor_reporting.as_ref().map(|r| {
                let mut shared = Vec::new();
                if r.shares_attendance {
                    shared.push("attendance".to_string());
                }
                if r.shares_goal_progress {
                    shared.push("progress on the goals the client chooses to share".to_string());
                }
                if r.shares_themes {
                    shared.push("broad themes agreed with the client".to_string());
                }
                let what = if shared.is_empty() { "nothing beyond the fact that sessions take place".into() } else { join_words(&shared) };
                let how = match r.form {
                    ReportForm::ThreeWayMeeting => "in a three-way meeting",
                    ReportForm::WrittenSummary => "as a short written summary",
                    ReportForm::Both => "as a written summary discussed in a three-way meeting",
                };
                let consent = if r.client_consent { ", and only after the client has seen and approved it" } else { "" };
                format!(
                    "{what}, {}, {how}, written by {}{consent}",
                    r.cadence.label().to_lowercase(),
                    r.author.label().to_lowercase()
                )
            }),
        );
        set("contact_between_sessions", terms.contact_between_sessions.map(|c| c.label().to_lowercase()));
        set("code_of_ethics", terms.code_of_ethics.map(|c| c.label().to_string()));
        let mut reviews = Vec::new();
        if terms.mid_point_review {
            reviews.push("at the mid-point".to_string());
        }
        if let Some(months) = terms.review_every_months {
            reviews.push(if months == 1 { "every month".into() } else { format!("every {months} months") });
        }
        if terms.end_review {
            reviews.push("at the end".to_string());
        }
        let mut review_text = join_words(&reviews);
        if terms.three_way_meetings && !review_text.is_empty() {
            review_text.push_str(", with the sponsor joining at the start, mid-point and end");
        }
        set("review_points", (!review_text.is_empty()).then_some(review_text));
        set("retention", terms.notes_retention_months.map(|m| if m == 1 { "1 month".into() } else { format!("{m} months") }));
        set("agenda", Some(terms.agenda.label().to_lowercase()));
        MergeData(values)
    }

    /// One field's value, if the field exists and is set.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(|v| v.as_deref())
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
            Some(Some(value)) => out.push_str(value),
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
        assert_eq!(data.get("payer"), Some("Northwind"));
        assert_eq!(data.get("fee"), Some("150 GBP per session"));
        assert_eq!(
            data.get("sponsor_reporting"),
            Some("attendance and progress on the goals the client chooses to share, at the review points only, in a three-way meeting, written by the client, and only after the client has seen and approved it")
        );
        assert_eq!(data.get("practitioner_accreditation"), Some("ICF PCC (Professional Certified Coach)"));
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
