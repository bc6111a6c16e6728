//! Who the person using this copy of Accord is in each engagement: a [`Perspective`]
//! records the device owner's [`Party`] (practitioner, client or sponsor) per engagement
//! (docs/domain.md §8, "One app, three perspectives").
//!
//! One record per engagement, its id the engagement's id (like a journey). It stays with
//! the person: it syncs between their own devices and is kept in their backups, but it
//! never travels to the other parties (a relationship file or update leaves it out), since
//! the same engagement is the practitioner's on one device and the client's on another.
//! An engagement without a perspective is the practitioner's: everything made before
//! perspectives existed was made by the practitioner ([`role_in`]).
//!
//! [`Arrival`] is the question asked when an engagement arrives from someone else (a
//! proposal or a relationship file): which of the named parties are you?

use serde::{Deserialize, Serialize};

use super::engagement::Engagement;
use super::message::Message;
use super::party::Party;
use super::record::{Record, RecordId};
use crate::msg;

/// The device owner's part in one engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perspective {
    pub engagement_id: RecordId,
    /// Who the person using this device is in the engagement.
    pub me: Party,
}

impl Perspective {
    pub fn new(engagement_id: RecordId, me: Party) -> Perspective {
        Perspective { engagement_id, me }
    }
}

/// The device owner's role in an engagement, given the perspectives on this device: the
/// recorded one, or practitioner when none was ever recorded (what existed before).
pub fn role_in(perspectives: &[Record<Perspective>], engagement: &RecordId) -> Party {
    perspectives.iter().find(|p| p.id == *engagement && !p.deleted).map(|p| p.data.me).unwrap_or(Party::Practitioner)
}

/// Whether an engagement is the device owner's practice (they are its practitioner): the
/// evidence of practice, the coaching log and the reports count only these.
pub fn practised_here(perspectives: &[Record<Perspective>], engagement: &RecordId) -> bool {
    role_in(perspectives, engagement) == Party::Practitioner
}

/// Whether this device has evidence of practice to show: it has no engagements yet (a
/// practitioner starting out), or the owner is the practitioner in at least one. A person
/// who is only ever a client or a sponsor here has none.
pub fn keeps_evidence(engagements: &[Record<Engagement>], perspectives: &[Record<Perspective>]) -> bool {
    let live: Vec<&Record<Engagement>> = engagements.iter().filter(|e| !e.deleted).collect();
    live.is_empty() || live.iter().any(|e| practised_here(perspectives, &e.id))
}

/// The parties a person may say they are in an engagement: the client and the
/// practitioner always, the sponsor only when the contract is three-way.
pub fn parties_of(engagement: &Engagement) -> Vec<Party> {
    let mut parties = vec![Party::Practitioner, Party::Client];
    if engagement.sponsor.is_some() {
        parties.push(Party::Sponsor);
    }
    parties
}

/// The name the engagement records for a party: the client's and the practitioner's
/// names, the sponsor's contact person (with their organisation).
pub fn name_of(engagement: &Engagement, party: Party) -> Option<String> {
    match party {
        Party::Client => Some(engagement.client.as_str().to_string()),
        Party::Practitioner => Some(engagement.practitioner.as_str().to_string()),
        Party::Sponsor => engagement.sponsor.as_ref().map(|s| format!("{} ({})", s.contact.as_str(), s.organisation)),
    }
}

/// What a party is called in this kind of engagement, for the person choosing:
/// "the coachee", "the mentor", "the sponsor".
pub fn part_word(engagement: &Engagement, party: Party) -> Message {
    use super::engagement::Kind;
    match (engagement.kind, party) {
        (Kind::Coaching, Party::Client) => msg!("the coachee"),
        (Kind::Mentoring, Party::Client) => msg!("the mentee"),
        (Kind::Coaching, Party::Practitioner) => msg!("the coach"),
        (Kind::Mentoring, Party::Practitioner) => msg!("the mentor"),
        (_, Party::Sponsor) => msg!("the sponsor"),
    }
}

/// One sentence saying who the person is here: "You are the coachee in this engagement
/// (Ada Lovelace)."
pub fn you_are(engagement: &Engagement, me: Party) -> Message {
    let part = part_word(engagement, me);
    match (me, &engagement.sponsor) {
        (Party::Sponsor, Some(sponsor)) => msg!(
            "You are {part} in this engagement ({name}, {organisation}).",
            part = part,
            name = sponsor.contact.as_str(),
            organisation = sponsor.organisation.as_str()
        ),
        _ => msg!("You are {part} in this engagement ({name}).", part = part, name = name_of(engagement, me).unwrap_or_default()),
    }
}

/// The answer to "which of these are you?" when an engagement arrives from someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrival {
    pub me: Party,
}

impl Arrival {
    /// Reads the chosen party (the form's value); a party the engagement does not have
    /// (a sponsor in a two-way contract) or no choice is refused with a plain message.
    pub fn choose(engagement: &Engagement, value: &str) -> Result<Arrival, Message> {
        match Party::parse(value.trim()) {
            Some(me) if parties_of(engagement).contains(&me) => Ok(Arrival { me }),
            Some(Party::Sponsor) => {
                Err(msg!("This engagement has no sponsor, so you cannot be its sponsor. Choose the client or the coach or mentor."))
            }
            _ => Err(msg!("Choose which of the people in this engagement you are.")),
        }
    }

    /// The perspective this answer records.
    pub fn perspective(self, engagement_id: RecordId) -> Perspective {
        Perspective::new(engagement_id, self.me)
    }

    /// A guess to start from: the party whose recorded name matches the name the person
    /// used before on this device (their other engagements), else the client (who most
    /// often receives an engagement from someone else).
    pub fn guess(engagement: &Engagement, my_names: &[String]) -> Party {
        let matches = |party: Party| {
            let Some(name) = name_of(engagement, party) else { return false };
            my_names.iter().any(|mine| {
                let mine = mine.trim().to_lowercase();
                !mine.is_empty() && (name.to_lowercase() == mine || name.to_lowercase().starts_with(&format!("{mine} (")))
            })
        };
        parties_of(engagement).into_iter().find(|p| matches(*p)).unwrap_or(Party::Client)
    }
}

/// The names this person goes by on this device: in every engagement with a recorded
/// perspective, the name of the party they are.
pub fn my_names(engagements: &[Record<Engagement>], perspectives: &[Record<Perspective>]) -> Vec<String> {
    let mut names: Vec<String> = engagements
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| name_of(&e.data, role_in(perspectives, &e.id)))
        .map(|name| name.split(" (").next().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::fixtures::engagement;
    use crate::domain::record::Timestamp;
    use crate::domain::Kind;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn record(engagement: &str, me: Party) -> Record<Perspective> {
        Record::new(id(engagement), Timestamp(1), Perspective::new(id(engagement), me))
    }

    #[test]
    fn an_engagement_with_no_recorded_perspective_is_the_practitioners() {
        let perspectives = vec![record("eng-b", Party::Client)];
        assert_eq!(role_in(&perspectives, &id("eng-a")), Party::Practitioner);
        assert_eq!(role_in(&perspectives, &id("eng-b")), Party::Client);
        let mut deleted = record("eng-c", Party::Sponsor);
        deleted.deleted = true;
        assert_eq!(role_in(&[deleted], &id("eng-c")), Party::Practitioner, "a deleted perspective counts as none");
    }

    #[test]
    fn evidence_is_kept_where_i_practise_or_before_there_is_anything() {
        let a = Record::new(id("eng-a"), Timestamp(1), engagement(Kind::Coaching, true));
        let b = Record::new(id("eng-b"), Timestamp(1), engagement(Kind::Mentoring, true));
        assert!(keeps_evidence(&[], &[]), "a new device: the practitioner starting out");
        assert!(keeps_evidence(&[a.clone(), b.clone()], &[record("eng-b", Party::Client)]));
        assert!(!practised_here(&[record("eng-b", Party::Client)], &b.id));
        let only_theirs = vec![record("eng-a", Party::Client), record("eng-b", Party::Sponsor)];
        assert!(!keeps_evidence(&[a.clone(), b.clone()], &only_theirs), "only a client and a sponsor here");
        let mut gone = a.clone();
        gone.deleted = true;
        assert!(!keeps_evidence(&[gone, b], &only_theirs), "a deleted engagement counts for nothing");
    }

    #[test]
    fn the_sponsor_is_a_choice_only_in_a_three_way_engagement() {
        let two_way = engagement(Kind::Coaching, false);
        let three_way = engagement(Kind::Coaching, true);
        assert_eq!(parties_of(&two_way), [Party::Practitioner, Party::Client]);
        assert_eq!(parties_of(&three_way), [Party::Practitioner, Party::Client, Party::Sponsor]);
        assert_eq!(Arrival::choose(&three_way, "sponsor"), Ok(Arrival { me: Party::Sponsor }));
        assert_eq!(Arrival::choose(&two_way, "client"), Ok(Arrival { me: Party::Client }));
        let refused = Arrival::choose(&two_way, "sponsor").unwrap_err();
        assert!(refused.to_string().contains("has no sponsor"), "{refused}");
        for nothing in ["", "manager", "  "] {
            assert_eq!(
                Arrival::choose(&two_way, nothing).unwrap_err().to_string(),
                "Choose which of the people in this engagement you are."
            );
        }
    }

    #[test]
    fn the_sentence_names_the_part_in_the_kind_of_relationship_and_the_name() {
        let coaching = engagement(Kind::Coaching, true);
        let client = coaching.client.as_str().to_string();
        assert_eq!(you_are(&coaching, Party::Client).to_string(), format!("You are the coachee in this engagement ({client})."));
        let mentoring = engagement(Kind::Mentoring, false);
        let mentor = mentoring.practitioner.as_str().to_string();
        assert_eq!(you_are(&mentoring, Party::Practitioner).to_string(), format!("You are the mentor in this engagement ({mentor})."));
        let sponsor = coaching.sponsor.clone().unwrap();
        assert_eq!(
            you_are(&coaching, Party::Sponsor).to_string(),
            format!("You are the sponsor in this engagement ({}, {}).", sponsor.contact.as_str(), sponsor.organisation),
            "one pair of brackets, not the contact's name with the organisation in brackets inside brackets"
        );
        assert_eq!(name_of(&mentoring, Party::Sponsor), None);
    }

    #[test]
    fn the_guess_is_the_party_whose_name_this_person_used_before_else_the_client() {
        let e = engagement(Kind::Coaching, true);
        let coach = e.practitioner.as_str().to_string();
        assert_eq!(Arrival::guess(&e, &[]), Party::Client);
        assert_eq!(Arrival::guess(&e, &[coach.to_uppercase()]), Party::Practitioner);
        let contact = e.sponsor.as_ref().unwrap().contact.as_str().to_string();
        assert_eq!(Arrival::guess(&e, &[format!(" {contact} ")]), Party::Sponsor);
        assert_eq!(Arrival::guess(&e, &["Somebody Else".into()]), Party::Client);
    }

    #[test]
    fn my_names_are_the_names_of_the_parties_i_am() {
        let a = Record::new(id("eng-a"), Timestamp(1), engagement(Kind::Coaching, true));
        let b = Record::new(id("eng-b"), Timestamp(1), engagement(Kind::Mentoring, true));
        let perspectives = vec![record("eng-b", Party::Sponsor)];
        let names = my_names(&[a.clone(), b.clone()], &perspectives);
        let mut expected = vec![a.data.practitioner.as_str().to_string(), b.data.sponsor.as_ref().unwrap().contact.as_str().to_string()];
        expected.sort();
        expected.dedup();
        assert_eq!(names, expected);
    }
}
