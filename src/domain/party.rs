//! [`Party`]: one of the people a contract binds (client, practitioner, sponsor). Its own
//! module because goals, fields and contracts all name parties; who they are in a given
//! contract is [`Parties`](crate::domain::contract::Parties).

crate::domain::choice::choice_enum!(
    /// One of the parties to a contract. The label is the word for any kind of
    /// relationship; what the party is called in one (coachee or mentee, coach or mentor)
    /// comes from its [`Kind`](crate::domain::engagement::Kind).
    #[derive(PartialOrd, Ord)]
    Party {
        Client => "client", "Client";
        Practitioner => "practitioner", "Coach or mentor";
        Sponsor => "sponsor", "Sponsor";
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::assert_values;

    #[test]
    fn a_party_is_chosen_and_stored_by_the_same_value_as_before() {
        let expected = [(Party::Client, "client"), (Party::Practitioner, "practitioner"), (Party::Sponsor, "sponsor")];
        assert_values(Party::ALL, &expected, Party::as_str, Party::parse);
        assert_eq!(Party::parse("manager"), None);
    }
}
