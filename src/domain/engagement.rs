//! Engagements: one coaching or mentoring relationship between a client and a
//! practitioner.
//!
//! [`EngagementForm`] is what a person typed, as text. [`Engagement`] is the validated
//! value: `Engagement::try_from(form)` checks every field and returns all problems at
//! once as [`FieldErrors`]. [`Kind`] says whether the relationship is coaching or
//! mentoring; [`Dial`] places it between directive and non-directive. [`PersonName`] and
//! [`ShortTitle`] hold cleaned, length-checked text. The practitioner's
//! [`Accreditation`] and an optional [`Sponsor`] complete the parties.
//! [`sort_for_list`] is the order engagements are listed in. [`Disposal`] marks an
//! engagement whose notes were disposed of (`domain::retention`).

use crate::domain::message::{Arg, Message};
use crate::msg;
use serde::{Deserialize, Serialize};

use super::record::Record;
use super::validation::{optional_number, optional_text, required_text, Field, FieldErrors};

/// The longest name accepted, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest short title accepted, in characters.
pub const TITLE_MAX_CHARS: usize = 120;

crate::domain::choice::choice_enum!(
    /// Coaching pulls (questions, listening); mentoring pushes (knowledge, signposting).
    Kind {
        Coaching => "coaching", "Coaching";
        Mentoring => "mentoring", "Mentoring";
    }
);

impl Kind {
    /// The days without a session after which a relationship counts as quiet, when the
    /// engagement sets none: about two of the preset's intervals (coaching fortnightly,
    /// mentoring monthly).
    pub fn quiet_days(self) -> u16 {
        match self {
            Kind::Coaching => 28,
            Kind::Mentoring => 45,
        }
    }

    /// One line that tells the two apart, for help text.
    pub fn description(self) -> &'static str {
        match self {
            Kind::Coaching => "Asks and listens so the client finds their own answers; usually weeks to months.",
            Kind::Mentoring => "Shares knowledge, stories and contacts; usually months to years, mentee-led.",
        }
    }

    /// What the practitioner is called in this kind of relationship.
    pub fn practitioner_role(self) -> &'static str {
        match self {
            Kind::Coaching => "Coach",
            Kind::Mentoring => "Mentor",
        }
    }

    /// What the client is called in this kind of relationship.
    pub fn client_role(self) -> &'static str {
        match self {
            Kind::Coaching => "Client",
            Kind::Mentoring => "Mentee",
        }
    }
}

/// Where the relationship sits between directive (tell, advise) and non-directive
/// (ask, listen): 1 to 5. Coaching defaults to 4, mentoring to 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Dial(u8);

impl Dial {
    pub const POSITIONS: [Dial; 5] = [Dial(1), Dial(2), Dial(3), Dial(4), Dial(5)];

    pub fn new(position: u8) -> Option<Dial> {
        (1..=5).contains(&position).then_some(Dial(position))
    }

    /// The usual position for a kind of relationship.
    pub fn default_for(kind: Kind) -> Dial {
        match kind {
            Kind::Coaching => Dial(4),
            Kind::Mentoring => Dial(2),
        }
    }

    pub fn position(self) -> u8 {
        self.0
    }

    /// What the practitioner mostly does at this position.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Tell and instruct",
            2 => "Advise and share experience",
            3 => "Suggest and ask in turn",
            4 => "Ask and reflect",
            _ => "Listen and paraphrase",
        }
    }
}

/// A person's name: cleaned of extra whitespace, 1 to [`NAME_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional short title for an engagement, e.g. "First-time manager".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ShortTitle(String);

impl ShortTitle {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A coaching or mentoring relationship, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub client: PersonName,
    pub practitioner: PersonName,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<ShortTitle>,
    /// Added in schema 2; records from before read as the kind's default.
    #[serde(default)]
    pub dial: Option<Dial>,
    #[serde(default)]
    pub accreditation: Accreditation,
    /// A sponsor makes the contract three-way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<Sponsor>,
    /// What the practitioner's evidence of practice records about this client (added
    /// with schema 6; older records read as "not named, individual, no contact"). Left
    /// out when it says nothing, so files written before it existed keep their checksum.
    #[serde(default, skip_serializing_if = "EvidenceDetails::is_unset")]
    pub evidence: EvidenceDetails,
    /// Set when the engagement's notes were disposed of at the end of the retention
    /// period ([`Disposal`], rules in `domain::retention`); only what the practitioner's
    /// log needs is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposed: Option<Disposal>,
    /// Days without a session after which the relationship counts as quiet
    /// (`domain::attention`); none means the kind's default ([`Kind::quiet_days`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_after_days: Option<u16>,
}

/// The mark a disposed engagement carries: when, and whether its hours were paid (the
/// contract that said so is gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disposal {
    pub on: crate::domain::date::Date,
    /// Paid, pro bono, or unknown (there was no contract), as the coaching log counts it.
    #[serde(default)]
    pub paid: Option<bool>,
}

/// How a client appears in the practitioner's evidence (the ICF coaching log).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceDetails {
    /// How to reach the client (an e-mail address or phone), as ICF asks.
    #[serde(default)]
    pub client_contact: String,
    /// The client agreed to appear by name in the practitioner's coaching log; without
    /// it the log shows "Client 1", "Client 2", …
    #[serde(default)]
    pub named_in_log: bool,
    /// Group coaching: how many people are in the group. `None` is individual coaching.
    #[serde(default)]
    pub group_size: Option<u16>,
}

impl EvidenceDetails {
    pub fn is_unset(&self) -> bool {
        *self == EvidenceDetails::default()
    }
}

/// The fewest and most days a person may set before a relationship counts as quiet.
pub const QUIET_DAYS_RANGE: std::ops::RangeInclusive<u16> = 7..=365;

impl Engagement {
    /// Days without a session after which the relationship counts as quiet: its own
    /// setting, or its kind's default.
    pub fn quiet_after_days(&self) -> u16 {
        self.quiet_after_days.unwrap_or_else(|| self.kind.quiet_days())
    }

    /// The engagement as it travels to the other parties (a proposal, a relationship file):
    /// without what the practitioner's evidence records about the client (contact details,
    /// consent to be named in the coaching log, group size), which only the practitioner needs.
    pub fn shared_copy(&self) -> Engagement {
        Engagement { evidence: EvidenceDetails::default(), ..self.clone() }
    }

    /// The client as a screen shows them: their name, or "Former client" once their
    /// notes were disposed of without their consent to be named in the log.
    pub fn client_shown(&self) -> Message {
        if self.client.0.is_empty() && self.disposed.is_some() {
            msg!("Former client")
        } else {
            msg!("{name}", name = self.client.as_str())
        }
    }

    /// What stays of this engagement after disposal (docs/domain.md §7): the kind, the
    /// practitioner, the accreditation, the client's name and contact only with their
    /// consent to be named in the coaching log, and whether it was group coaching.
    pub fn disposed_copy(&self, disposal: Disposal) -> Engagement {
        let named = self.evidence.named_in_log;
        Engagement {
            client: if named { self.client.clone() } else { PersonName(String::new()) },
            practitioner: self.practitioner.clone(),
            kind: self.kind,
            title: None,
            dial: self.dial,
            accreditation: self.accreditation,
            sponsor: None,
            evidence: EvidenceDetails {
                client_contact: if named { self.evidence.client_contact.clone() } else { String::new() },
                named_in_log: named,
                group_size: self.evidence.group_size,
            },
            disposed: Some(disposal),
            quiet_after_days: None,
        }
    }

    /// Where the relationship sits on the directive ↔ non-directive dial.
    pub fn dial(&self) -> Dial {
        self.dial.unwrap_or_else(|| Dial::default_for(self.kind))
    }

    /// The line a list shows under the client's name: the title, or what kind of
    /// relationship this is when there is no title.
    pub fn summary(&self) -> Message {
        match &self.title {
            Some(title) => msg!("{title}", title = title.as_str()),
            None => msg!("{kind} with {practitioner}", kind = Arg::Label(self.kind.label()), practitioner = self.practitioner.as_str()),
        }
    }
}

/// The engagement form as typed: every field is raw text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngagementForm {
    pub client_name: String,
    pub practitioner_name: String,
    /// "coaching" or "mentoring".
    pub kind: String,
    pub title: String,
    /// "1" to "5"; empty means the kind's default.
    pub dial: String,
    /// An [`Accreditation`] value such as "icf_pcc"; empty means none.
    pub accreditation: String,
    /// All three empty means no sponsor.
    pub sponsor_organisation: String,
    pub sponsor_contact: String,
    pub sponsor_role: String,
    pub client_contact: String,
    /// The client agreed to appear by name in the coaching log.
    pub named_in_log: bool,
    /// Empty for individual coaching, else the number of people in the group.
    pub group_size: String,
    /// Days without a session before the relationship counts as quiet; empty means the
    /// kind's default.
    pub quiet_after_days: String,
}

impl From<&Engagement> for EngagementForm {
    fn from(engagement: &Engagement) -> Self {
        Self {
            client_name: engagement.client.as_str().to_string(),
            practitioner_name: engagement.practitioner.as_str().to_string(),
            kind: engagement.kind.as_str().to_string(),
            title: engagement.title.as_ref().map(|t| t.as_str().to_string()).unwrap_or_default(),
            dial: engagement.dial.map(|d| d.position().to_string()).unwrap_or_default(),
            accreditation: engagement.accreditation.as_str().to_string(),
            sponsor_organisation: engagement.sponsor.as_ref().map(|s| s.organisation.clone()).unwrap_or_default(),
            sponsor_contact: engagement.sponsor.as_ref().map(|s| s.contact.as_str().to_string()).unwrap_or_default(),
            sponsor_role: engagement.sponsor.as_ref().map(|s| s.role.clone()).unwrap_or_default(),
            client_contact: engagement.evidence.client_contact.clone(),
            named_in_log: engagement.evidence.named_in_log,
            group_size: engagement.evidence.group_size.map(|n| n.to_string()).unwrap_or_default(),
            quiet_after_days: engagement.quiet_after_days.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

impl TryFrom<EngagementForm> for Engagement {
    type Error = FieldErrors;

    fn try_from(form: EngagementForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let client = errors.collect(Field::ClientName, required_text(&form.client_name, msg!("the client's name"), NAME_MAX_CHARS));
        let practitioner = errors
            .collect(Field::PractitionerName, required_text(&form.practitioner_name, msg!("the practitioner's name"), NAME_MAX_CHARS));
        let kind =
            errors.collect(Field::Kind, Kind::parse(&form.kind).ok_or_else(|| msg!("Choose whether this is coaching or mentoring.")));
        let title = errors.collect(Field::Title, optional_text(&form.title, msg!("the title"), TITLE_MAX_CHARS));
        let dial = errors.collect(
            Field::Dial,
            match form.dial.trim() {
                "" => Ok(None),
                text => text.parse().ok().and_then(Dial::new).map(Some).ok_or_else(|| msg!("Choose a position on the dial from 1 to 5.")),
            },
        );
        let accreditation = errors.collect(
            Field::Accreditation,
            match form.accreditation.trim() {
                "" => Ok(Accreditation::None),
                text => Accreditation::parse(text).ok_or_else(|| msg!("Choose an accreditation from the list.")),
            },
        );
        let sponsor = sponsor_from(&form, &mut errors);
        let contact = errors.collect(Field::ClientContact, optional_text(&form.client_contact, msg!("the client's contact details"), 200));
        let group_size = errors
            .collect(Field::GroupSize, optional_number::<u16>(&form.group_size, msg!("the number of people in the group"), 2, 500, 6));
        let quiet = QUIET_DAYS_RANGE;
        let quiet_after_days = errors.collect(
            Field::QuietAfterDays,
            optional_number::<u16>(
                &form.quiet_after_days,
                msg!("the days without a session"),
                u64::from(*quiet.start()),
                u64::from(*quiet.end()),
                30,
            ),
        );

        match (client, practitioner, kind, title, dial, accreditation, contact, (group_size, quiet_after_days)) {
            (
                Some(client),
                Some(practitioner),
                Some(kind),
                Some(title),
                Some(dial),
                Some(accreditation),
                Some(contact),
                (Some(group_size), Some(quiet_after_days)),
            ) if errors.is_empty() => Ok(Engagement {
                client: PersonName(client),
                practitioner: PersonName(practitioner),
                kind,
                title: title.map(ShortTitle),
                dial,
                accreditation,
                sponsor,
                evidence: EvidenceDetails { client_contact: contact.unwrap_or_default(), named_in_log: form.named_in_log, group_size },
                disposed: None,
                quiet_after_days,
            }),
            _ => Err(errors),
        }
    }
}

/// The sponsor, if any sponsor field is filled; then organisation and contact are needed.
fn sponsor_from(form: &EngagementForm, errors: &mut FieldErrors) -> Option<Sponsor> {
    let any = [&form.sponsor_organisation, &form.sponsor_contact, &form.sponsor_role].iter().any(|text| !text.trim().is_empty());
    if !any {
        return None;
    }
    let organisation = errors
        .collect(Field::SponsorOrganisation, required_text(&form.sponsor_organisation, msg!("the sponsor's organisation"), NAME_MAX_CHARS));
    let contact =
        errors.collect(Field::SponsorContact, required_text(&form.sponsor_contact, msg!("the sponsor's contact person"), NAME_MAX_CHARS));
    let role = errors.collect(Field::SponsorRole, optional_text(&form.sponsor_role, msg!("the contact's role"), NAME_MAX_CHARS));
    Some(Sponsor { organisation: organisation?, contact: PersonName(contact?), role: role?.unwrap_or_default() })
}

/// Orders engagements for the list: most recently changed first, then by client name,
/// so a just-saved engagement is at the top.
pub fn sort_for_list(records: &mut [Record<Engagement>]) {
    records.sort_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.data.client.as_str().to_lowercase().cmp(&b.data.client.as_str().to_lowercase()))
            .then_with(|| a.id.cmp(&b.id))
    });
}

crate::domain::choice::choice_enum!(
    /// The practitioner's credential.
    #[derive(Default)]
    Accreditation {
        #[default]
        None => "none", "No accreditation";
        EmccFoundation => "emcc_foundation", "EMCC EIA Foundation";
        EmccPractitioner => "emcc_practitioner", "EMCC EIA Practitioner";
        EmccSeniorPractitioner => "emcc_senior_practitioner", "EMCC EIA Senior Practitioner";
        EmccMasterPractitioner => "emcc_master_practitioner", "EMCC EIA Master Practitioner";
        IcfAcc => "icf_acc", "ICF ACC (Associate Certified Coach)";
        IcfPcc => "icf_pcc", "ICF PCC (Professional Certified Coach)";
        IcfMcc => "icf_mcc", "ICF MCC (Master Certified Coach)";
    }
);

/// The organisation (or manager) that arranges or pays for the engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub organisation: String,
    pub contact: PersonName,
    /// The contact's role, e.g. "Head of Learning". May be empty.
    #[serde(default)]
    pub role: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::assert_values;
    use crate::domain::record::{RecordId, Timestamp};

    #[test]
    fn the_kind_and_the_accreditation_are_chosen_and_stored_by_the_same_value_as_before() {
        assert_values(Kind::ALL, &[(Kind::Coaching, "coaching"), (Kind::Mentoring, "mentoring")], Kind::as_str, Kind::parse);
        use Accreditation as A;
        let accreditations = [
            (A::None, "none"),
            (A::EmccFoundation, "emcc_foundation"),
            (A::EmccPractitioner, "emcc_practitioner"),
            (A::EmccSeniorPractitioner, "emcc_senior_practitioner"),
            (A::EmccMasterPractitioner, "emcc_master_practitioner"),
            (A::IcfAcc, "icf_acc"),
            (A::IcfPcc, "icf_pcc"),
            (A::IcfMcc, "icf_mcc"),
        ];
        assert_values(A::ALL, &accreditations, A::as_str, A::parse);
        assert_eq!(A::default(), A::None);
    }

    fn form(client: &str, practitioner: &str, kind: &str, title: &str) -> EngagementForm {
        EngagementForm {
            client_name: client.into(),
            practitioner_name: practitioner.into(),
            kind: kind.into(),
            title: title.into(),
            ..EngagementForm::default()
        }
    }

    #[test]
    fn a_complete_form_becomes_an_engagement_with_trimmed_names() {
        let engagement = Engagement::try_from(form("  Ada  Lovelace ", "Sam Lee", "mentoring", " First-time manager ")).unwrap();
        assert_eq!(engagement.client.as_str(), "Ada Lovelace");
        assert_eq!(engagement.practitioner.as_str(), "Sam Lee");
        assert_eq!(engagement.kind, Kind::Mentoring);
        assert_eq!(engagement.title.unwrap().as_str(), "First-time manager");
    }

    #[test]
    fn an_engagement_needs_a_client_name() {
        let errors = Engagement::try_from(form("   ", "Sam Lee", "coaching", "")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors.message_for(Field::ClientName).map(ToString::to_string).as_deref(), Some("Enter the client's name."));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = Engagement::try_from(form("", "", "therapy", &"t".repeat(121))).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::ClientName, Field::PractitionerName, Field::Kind, Field::Title]);
        assert_eq!(
            errors.message_for(Field::Kind).map(ToString::to_string).as_deref(),
            Some("Choose whether this is coaching or mentoring.")
        );
    }

    #[test]
    fn a_too_long_name_is_refused_with_a_message() {
        let errors = Engagement::try_from(form(&"a".repeat(10_000), "Sam", "coaching", "")).unwrap_err();
        assert_eq!(
            errors.message_for(Field::ClientName).map(ToString::to_string).as_deref(),
            Some("The client's name is 10000 characters long. Keep it to 100 characters or fewer.")
        );
    }

    #[test]
    fn a_name_at_the_limit_is_accepted() {
        assert!(Engagement::try_from(form(&"a".repeat(NAME_MAX_CHARS), "Sam", "coaching", "")).is_ok());
    }

    #[test]
    fn markup_in_a_name_is_kept_as_plain_text() {
        let engagement = Engagement::try_from(form("<img src=x onerror=alert(1)>", "Sam", "coaching", "")).unwrap();
        assert_eq!(engagement.client.as_str(), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn blank_title_means_no_title_and_summary_names_the_relationship() {
        let engagement = Engagement::try_from(form("Ada", "Sam Lee", "coaching", "  ")).unwrap();
        assert_eq!(engagement.title, None);
        assert_eq!(engagement.summary(), "Coaching with Sam Lee");
    }

    #[test]
    fn form_round_trips_through_an_engagement() {
        let mut original = form("Ada", "Sam Lee", "mentoring", "Board readiness");
        original.accreditation = "emcc_practitioner".into();
        original.dial = "3".into();
        let engagement = Engagement::try_from(original.clone()).unwrap();
        assert_eq!(EngagementForm::from(&engagement), original);
    }

    #[test]
    fn a_sponsor_needs_an_organisation_and_a_contact() {
        let mut incomplete = form("Ada", "Sam", "coaching", "");
        incomplete.sponsor_role = "Head of Learning".into();
        let errors = Engagement::try_from(incomplete).unwrap_err();
        assert_eq!(
            errors.message_for(Field::SponsorOrganisation).map(ToString::to_string).as_deref(),
            Some("Enter the sponsor's organisation.")
        );
        assert_eq!(
            errors.message_for(Field::SponsorContact).map(ToString::to_string).as_deref(),
            Some("Enter the sponsor's contact person.")
        );

        let mut complete = form("Ada", "Sam", "coaching", "");
        complete.sponsor_organisation = " Northwind Ltd ".into();
        complete.sponsor_contact = "Jo Park".into();
        let engagement = Engagement::try_from(complete).unwrap();
        let sponsor = engagement.sponsor.unwrap();
        assert_eq!((sponsor.organisation.as_str(), sponsor.contact.as_str(), sponsor.role.as_str()), ("Northwind Ltd", "Jo Park", ""));
    }

    #[test]
    fn no_sponsor_fields_means_no_sponsor() {
        assert_eq!(Engagement::try_from(form("Ada", "Sam", "coaching", "")).unwrap().sponsor, None);
    }

    #[test]
    fn the_dial_defaults_by_kind_and_refuses_positions_off_the_scale() {
        let coaching = Engagement::try_from(form("Ada", "Sam", "coaching", "")).unwrap();
        assert_eq!(coaching.dial().position(), 4);
        let mut mentoring = form("Ada", "Sam", "mentoring", "");
        assert_eq!(Engagement::try_from(mentoring.clone()).unwrap().dial().position(), 2);
        mentoring.dial = "9".into();
        let errors = Engagement::try_from(mentoring).unwrap_err();
        assert_eq!(errors.message_for(Field::Dial).map(ToString::to_string).as_deref(), Some("Choose a position on the dial from 1 to 5."));
    }

    #[test]
    fn accreditation_is_read_from_its_value() {
        let mut with = form("Ada", "Sam", "coaching", "");
        with.accreditation = "icf_pcc".into();
        assert_eq!(Engagement::try_from(with.clone()).unwrap().accreditation, Accreditation::IcfPcc);
        with.accreditation = "phd".into();
        assert!(Engagement::try_from(with).is_err());
    }

    #[test]
    fn an_engagement_saved_before_sponsors_existed_still_reads() {
        let old = r#"{"client":"Ada","practitioner":"Sam","kind":"coaching"}"#;
        let engagement: Engagement = serde_json::from_str(old).unwrap();
        assert_eq!((engagement.accreditation, engagement.dial().position(), engagement.sponsor), (Accreditation::None, 4, None));
    }

    #[test]
    fn kind_names_the_roles() {
        assert_eq!((Kind::Coaching.practitioner_role(), Kind::Coaching.client_role()), ("Coach", "Client"));
        assert_eq!((Kind::Mentoring.practitioner_role(), Kind::Mentoring.client_role()), ("Mentor", "Mentee"));
        assert_eq!(Kind::parse("mentoring"), Some(Kind::Mentoring));
        assert_eq!(Kind::parse("Mentoring"), None);
    }

    #[test]
    fn list_shows_most_recently_changed_first_then_by_client_name() {
        let make = |id: &str, client: &str, updated: i64| {
            let engagement = Engagement::try_from(form(client, "Sam", "coaching", "")).unwrap();
            let mut record = Record::new(RecordId::parse(id).unwrap(), Timestamp(0), engagement);
            record.updated_at = Timestamp(updated);
            record
        };
        let mut records = vec![make("a", "zoe", 10), make("b", "Bea", 30), make("c", "adam", 10)];
        sort_for_list(&mut records);
        let clients: Vec<&str> = records.iter().map(|r| r.data.client.as_str()).collect();
        assert_eq!(clients, vec!["Bea", "adam", "zoe"]);
    }
}
