//! Who a contract binds: [`Parties`] (client, practitioner with [`Accreditation`], and an
//! optional [`Sponsor`] that makes the contract three-way), and [`Party`], one of them.

use serde::{Deserialize, Serialize};

use crate::domain::engagement::{Engagement, Kind, PersonName};

/// The practitioner's credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accreditation {
    #[default]
    None,
    EmccFoundation,
    EmccPractitioner,
    EmccSeniorPractitioner,
    EmccMasterPractitioner,
    IcfAcc,
    IcfPcc,
    IcfMcc,
}

impl Accreditation {
    pub const ALL: [Accreditation; 8] = [
        Accreditation::None,
        Accreditation::EmccFoundation,
        Accreditation::EmccPractitioner,
        Accreditation::EmccSeniorPractitioner,
        Accreditation::EmccMasterPractitioner,
        Accreditation::IcfAcc,
        Accreditation::IcfPcc,
        Accreditation::IcfMcc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Accreditation::None => "none",
            Accreditation::EmccFoundation => "emcc_foundation",
            Accreditation::EmccPractitioner => "emcc_practitioner",
            Accreditation::EmccSeniorPractitioner => "emcc_senior_practitioner",
            Accreditation::EmccMasterPractitioner => "emcc_master_practitioner",
            Accreditation::IcfAcc => "icf_acc",
            Accreditation::IcfPcc => "icf_pcc",
            Accreditation::IcfMcc => "icf_mcc",
        }
    }

    pub fn parse(text: &str) -> Option<Accreditation> {
        Accreditation::ALL.into_iter().find(|a| a.as_str() == text.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Accreditation::None => "No accreditation",
            Accreditation::EmccFoundation => "EMCC EIA Foundation",
            Accreditation::EmccPractitioner => "EMCC EIA Practitioner",
            Accreditation::EmccSeniorPractitioner => "EMCC EIA Senior Practitioner",
            Accreditation::EmccMasterPractitioner => "EMCC EIA Master Practitioner",
            Accreditation::IcfAcc => "ICF ACC (Associate Certified Coach)",
            Accreditation::IcfPcc => "ICF PCC (Professional Certified Coach)",
            Accreditation::IcfMcc => "ICF MCC (Master Certified Coach)",
        }
    }
}

/// The organisation (or manager) that arranges or pays for the engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub organisation: String,
    pub contact: PersonName,
    /// The contact's role, e.g. "Head of Learning". May be empty.
    #[serde(default)]
    pub role: String,
}

/// One of the parties to a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Client,
    Practitioner,
    Sponsor,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Client => "client",
            Party::Practitioner => "practitioner",
            Party::Sponsor => "sponsor",
        }
    }

    pub fn parse(text: &str) -> Option<Party> {
        [Party::Client, Party::Practitioner, Party::Sponsor].into_iter().find(|p| p.as_str() == text)
    }
}

/// The parties a contract version binds, as they were when it was proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parties {
    pub kind: Kind,
    pub client: PersonName,
    pub practitioner: PersonName,
    pub accreditation: Accreditation,
    pub sponsor: Option<Sponsor>,
}

impl Parties {
    pub fn of(engagement: &Engagement) -> Parties {
        Parties {
            kind: engagement.kind,
            client: engagement.client.clone(),
            practitioner: engagement.practitioner.clone(),
            accreditation: engagement.accreditation,
            sponsor: engagement.sponsor.clone(),
        }
    }

    /// A sponsor makes the contract three-way.
    pub fn is_three_way(&self) -> bool {
        self.sponsor.is_some()
    }

    /// Everyone who must agree, in order.
    pub fn signatories(&self) -> Vec<Party> {
        let mut parties = vec![Party::Client, Party::Practitioner];
        if self.is_three_way() {
            parties.push(Party::Sponsor);
        }
        parties
    }

    /// The person who agrees for a party.
    pub fn name_of(&self, party: Party) -> Option<&str> {
        match party {
            Party::Client => Some(self.client.as_str()),
            Party::Practitioner => Some(self.practitioner.as_str()),
            Party::Sponsor => self.sponsor.as_ref().map(|s| s.contact.as_str()),
        }
    }

    /// "Client", "Coach", "Mentee", "Sponsor", … for this relationship.
    pub fn role_of(&self, party: Party) -> &'static str {
        match party {
            Party::Client => self.kind.client_role(),
            Party::Practitioner => self.kind.practitioner_role(),
            Party::Sponsor => "Sponsor",
        }
    }
}
