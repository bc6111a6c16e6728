//! Who a contract binds: [`Parties`] (client, practitioner with [`Accreditation`], and an
//! optional [`Sponsor`] that makes the contract three-way), and [`Party`], one of them.

use serde::{Deserialize, Serialize};

pub use crate::domain::engagement::{Accreditation, Sponsor};
use crate::domain::engagement::{Engagement, Kind, PersonName};
pub use crate::domain::party::Party;

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
