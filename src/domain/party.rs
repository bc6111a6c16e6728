//! [`Party`]: one of the people a contract binds (client, practitioner, sponsor). Its own
//! module because goals, fields and contracts all name parties; who they are in a given
//! contract is [`Parties`](crate::domain::contract::Parties).

use serde::{Deserialize, Serialize};

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
