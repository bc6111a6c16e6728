//! The ICF coaching log: the practitioner's record of client coaching hours, as ICF asks
//! for it with a credential application.
//!
//! [`log`] builds an [`IcfLog`] of one [`IcfRow`] per coaching engagement, with
//! [`IcfTotals`]; [`csv`] writes it for a spreadsheet. A client appears by name only when
//! they agreed to (otherwise "Client 1", "Client 2", …). [`progress`] measures the totals
//! against each [`Credential`] in [`CREDENTIALS`] as a [`CredentialProgress`].

use super::{client_hours, csv as csv_text, is_client_session, is_paid, zero_length_note, EngagementFacts};
use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::message::{Arg, Message};
use crate::msg;

/// One client in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct IcfRow {
    /// The client's name, or "Client 3" when they did not agree to be named.
    pub client: Message,
    /// How to reach the client; blank when they are not named.
    pub contact: String,
    pub group_size: Option<u16>,
    /// The first held session.
    pub start: Option<Date>,
    /// The last held session.
    pub end: Option<Date>,
    pub paid_hours: f64,
    pub pro_bono_hours: f64,
    /// Plain words about missing data; empty when there is nothing to say.
    pub note: Message,
}

impl IcfRow {
    /// "Individual" or "Group", as the ICF log asks.
    pub fn individual_or_group(&self) -> Message {
        if self.group_size.is_some() {
            msg!("Group")
        } else {
            msg!("Individual")
        }
    }

    pub fn hours(&self) -> f64 {
        self.paid_hours + self.pro_bono_hours
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IcfTotals {
    pub hours: f64,
    pub paid: f64,
    pub pro_bono: f64,
    /// Clients with any hours.
    pub clients: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IcfLog {
    pub rows: Vec<IcfRow>,
    pub totals: IcfTotals,
}

/// Coaching engagements only. Client shown by name only with `named_in_log`, else "Client 1", "Client 2", … in input order among the unnamed, contact blank. start/end = first/last held client-hour session; hours split paid vs pro bono by is_paid. Late cancellations, no-shows, cancelled and planned sessions never count as coaching hours. Notes in plain words where data is missing: "No sessions held yet.", "1 held session has no length, so it counts as 0 hours.", "No contract: hours counted as pro bono." (join several with a space). Rows sorted by start date (none last), then client. clients = rows with hours > 0.
///
/// A held session of 0 minutes still marks the start or end: it was held.
///
/// Only sessions dated up to `today` count: a session still to come has no hours yet, even
/// if it was marked held.
pub fn log(engagements: &[EngagementFacts], today: Date) -> IcfLog {
    let mut unnamed = 0;
    let mut rows: Vec<IcfRow> = engagements
        .iter()
        .filter(|facts| facts.engagement.kind == Kind::Coaching)
        .map(|facts| {
            let evidence = &facts.engagement.evidence;
            let (client, contact) = if evidence.named_in_log {
                (msg!("{name}", name = facts.engagement.client.as_str()), evidence.client_contact.clone())
            } else {
                unnamed += 1;
                (msg!("Client {n}", n = unnamed), String::new())
            };
            row_for(facts, client, contact, today)
        })
        .collect();
    rows.sort_by_cached_key(|row| (row.start.is_none(), row.start, row.client.to_string()));
    let paid: f64 = rows.iter().map(|r| r.paid_hours).sum();
    let pro_bono: f64 = rows.iter().map(|r| r.pro_bono_hours).sum();
    let clients = rows.iter().filter(|r| r.hours() > 0.0).count();
    IcfLog { rows, totals: IcfTotals { hours: paid + pro_bono, paid, pro_bono, clients } }
}

fn row_for(facts: &EngagementFacts, client: Message, contact: String, today: Date) -> IcfRow {
    let held: Vec<_> = facts.sessions.iter().filter(|s| is_client_session(s) && s.date <= today).collect();
    let start = held.iter().map(|s| s.date).min();
    let end = held.iter().map(|s| s.date).max();
    let hours: f64 = held.iter().map(|s| client_hours(s)).sum();
    // A disposed engagement's contract is gone; whether it was paid was kept.
    let paid = facts.engagement.disposed.map_or_else(|| is_paid(facts.terms.as_ref()), |d| d.paid);
    let mut notes = Vec::new();
    if held.is_empty() {
        notes.push(msg!("No sessions held yet."));
    }
    notes.extend(zero_length_note(&facts.sessions));
    if paid.is_none() && hours > 0.0 {
        notes.push(msg!("No contract: hours counted as pro bono."));
    }
    let (paid_hours, pro_bono_hours) = if paid == Some(true) { (hours, 0.0) } else { (0.0, hours) };
    IcfRow {
        client,
        contact,
        group_size: facts.engagement.evidence.group_size,
        start,
        end,
        paid_hours,
        pro_bono_hours,
        note: Message::sentences(notes),
    }
}

/// What an ICF credential asks for in coaching experience.
#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    pub name: &'static str,
    pub hours: f64,
    pub paid: f64,
    pub clients: usize,
}

/// ACC, PCC and MCC: hours of coaching experience, of which paid, and distinct clients.
pub const CREDENTIALS: [Credential; 3] = [
    Credential { name: "ACC", hours: 100.0, paid: 75.0, clients: 8 },
    Credential { name: "PCC", hours: 500.0, paid: 450.0, clients: 25 },
    Credential { name: "MCC", hours: 2500.0, paid: 2250.0, clients: 35 },
];

#[derive(Debug, Clone, PartialEq)]
pub struct CredentialProgress {
    pub credential: Credential,
    pub met: bool,
    /// 0..=100 of the weakest of the three.
    pub percent: f64,
    /// "Met." or "25 h, 10 paid h and 3 clients to go." (only the parts still needed).
    pub to_go: Message,
}

/// How far the totals go towards each credential in [`CREDENTIALS`].
pub fn progress(totals: &IcfTotals) -> Vec<CredentialProgress> {
    CREDENTIALS
        .iter()
        .map(|credential| {
            let share = |have: f64, need: f64| if need > 0.0 { (have / need).clamp(0.0, 1.0) } else { 1.0 };
            let percent = 100.0
                * share(totals.hours, credential.hours)
                    .min(share(totals.paid, credential.paid))
                    .min(share(totals.clients as f64, credential.clients as f64));
            let mut parts = Vec::new();
            if totals.hours < credential.hours {
                parts.push(msg!("{hours} h", hours = Arg::Amount(credential.hours - totals.hours)));
            }
            if totals.paid < credential.paid {
                parts.push(msg!("{hours} paid h", hours = Arg::Amount(credential.paid - totals.paid)));
            }
            if totals.clients < credential.clients {
                let n = credential.clients - totals.clients;
                parts.push(if n == 1 { msg!("1 client") } else { msg!("{n} clients", n = n) });
            }
            let met = parts.is_empty();
            let to_go = match parts.len() {
                0 => msg!("Met."),
                1 => msg!("{what} to go.", what = parts.remove(0)),
                _ => {
                    let last = parts.pop().unwrap_or_else(|| msg!(""));
                    msg!("{rest} and {last} to go.", rest = Arg::Commas(parts), last = last)
                }
            };
            CredentialProgress { credential: credential.clone(), met, percent, to_go }
        })
        .collect()
}

/// The log as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read names such as "Zoë" right).
/// Header: Client name, Contact, Individual or group, Number in group, Start date, End date, Paid hours, Pro bono hours, Note. Dates YYYY-MM-DD or empty.
pub fn csv(log: &IcfLog) -> String {
    let header = [
        "Client name",
        "Contact",
        "Individual or group",
        "Number in group",
        "Start date",
        "End date",
        "Paid hours",
        "Pro bono hours",
        "Note",
    ];
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = log
        .rows
        .iter()
        .map(|r| {
            vec![
                r.client.to_string(),
                r.contact.clone(),
                r.individual_or_group().to_string(),
                r.group_size.map(|n| n.to_string()).unwrap_or_default(),
                date(r.start),
                date(r.end),
                csv_text::hours(r.paid_hours),
                csv_text::hours(r.pro_bono_hours),
                r.note.to_string(),
            ]
        })
        .collect();
    csv_text::document(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::super::csv::parse;
    use super::super::fixtures::*;
    use super::*;

    /// A fixed day after every session in these tests.
    fn today() -> Date {
        Date::parse("2026-12-31").unwrap()
    }
    use crate::domain::contract::terms::Payer;
    use crate::domain::session::{Purpose, Status};

    fn named(mut facts: EngagementFacts, contact: &str) -> EngagementFacts {
        facts.engagement.evidence.named_in_log = true;
        facts.engagement.evidence.client_contact = contact.into();
        facts
    }

    #[test]
    fn hours_split_into_paid_and_pro_bono_by_the_contract() {
        let engagements = vec![
            facts(
                "Ann Client",
                Kind::Coaching,
                Some(terms(Some(Payer::Client), Some(150))),
                vec![held("2026-01-05", 45), held("2026-02-05", 60)],
            ),
            facts("Bo Sponsored", Kind::Coaching, Some(terms(Some(Payer::Sponsor), Some(300))), vec![held("2026-01-10", 90)]),
            facts("Cy Free", Kind::Coaching, Some(terms(Some(Payer::NoFee), None)), vec![held("2026-01-12", 60)]),
            facts("Di Zero", Kind::Coaching, Some(terms(Some(Payer::Client), Some(0))), vec![held("2026-01-15", 30)]),
        ];
        let log = log(&engagements, today());
        let hours: Vec<(f64, f64)> = log.rows.iter().map(|r| (r.paid_hours, r.pro_bono_hours)).collect();
        assert_eq!(hours, vec![(1.75, 0.0), (1.5, 0.0), (0.0, 1.0), (0.0, 0.5)]);
        assert_eq!(log.totals, IcfTotals { hours: 4.75, paid: 3.25, pro_bono: 1.5, clients: 4 });
        assert!(log.rows.iter().all(|r| r.note.to_string().is_empty()));
    }

    #[test]
    fn no_contract_counts_as_pro_bono_and_says_so() {
        let log = log(&[facts("Ann", Kind::Coaching, None, vec![held("2026-01-05", 60)])], today());
        assert_eq!((log.rows[0].paid_hours, log.rows[0].pro_bono_hours), (0.0, 1.0));
        assert_eq!(log.rows[0].note, "No contract: hours counted as pro bono.");
    }

    #[test]
    fn only_held_client_sessions_count_and_mark_the_dates() {
        let sessions = vec![
            session("2025-12-01", 60, Purpose::SponsorStart, Status::Held),
            held("2026-01-05", 60),
            session("2026-01-19", 60, Purpose::Session, Status::LateCancelled),
            session("2026-02-02", 60, Purpose::Session, Status::NoShow),
            session("2026-02-16", 60, Purpose::Session, Status::Cancelled),
            held("2026-03-02", 45),
            session("2026-03-16", 60, Purpose::Session, Status::Planned),
        ];
        let log = log(&[facts("Ann", Kind::Coaching, Some(terms(Some(Payer::Client), Some(100))), sessions)], today());
        let row = &log.rows[0];
        assert_eq!(row.paid_hours, 1.75);
        assert_eq!((row.start, row.end), (Some(day("2026-01-05")), Some(day("2026-03-02"))));
    }

    #[test]
    fn mentoring_is_not_in_the_coaching_log() {
        let log = log(&[facts("Mo Mentee", Kind::Mentoring, None, vec![held("2026-01-05", 60)])], today());
        assert!(log.rows.is_empty());
        assert_eq!(log.totals.clients, 0);
    }

    #[test]
    fn a_client_without_consent_is_numbered_and_never_named() {
        let mut hidden = facts("Secret Person", Kind::Coaching, None, vec![held("2026-02-01", 60)]);
        hidden.engagement.evidence.client_contact = "secret@example.com".into();
        let engagements = vec![
            hidden,
            named(facts("Open Person", Kind::Coaching, None, vec![held("2026-01-01", 60)]), "open@example.com"),
            facts("Another Secret", Kind::Coaching, None, vec![held("2026-03-01", 60)]),
        ];
        let log = log(&engagements, today());
        let names: Vec<String> = log.rows.iter().map(|r| r.client.to_string()).collect();
        let clients: Vec<(&str, &str)> = names.iter().map(String::as_str).zip(log.rows.iter().map(|r| r.contact.as_str())).collect();
        assert_eq!(clients, vec![("Open Person", "open@example.com"), ("Client 1", ""), ("Client 2", "")]);
        let text = csv(&log);
        for secret in ["Secret Person", "secret@example.com", "Another Secret", "Secret"] {
            assert!(!text.contains(secret), "{secret} leaked");
        }
        assert!(text.contains("Open Person"));
    }

    #[test]
    fn rows_sort_by_start_with_no_sessions_last_then_by_client() {
        let mut b = facts("B", Kind::Coaching, None, vec![held("2026-01-01", 60)]);
        let mut a = facts("A", Kind::Coaching, None, vec![held("2026-01-01", 60)]);
        let mut none = facts("0 first by name", Kind::Coaching, None, vec![]);
        let mut early = facts("Z", Kind::Coaching, None, vec![held("2025-06-01", 60)]);
        for f in [&mut b, &mut a, &mut none, &mut early] {
            f.engagement.evidence.named_in_log = true;
        }
        let log = log(&[none, b, a, early], today());
        let order: Vec<String> = log.rows.iter().map(|r| r.client.to_string()).collect();
        assert_eq!(order, vec!["Z", "A", "B", "0 first by name"]);
        assert_eq!(log.totals.clients, 3);
    }

    #[test]
    fn missing_data_is_explained_in_the_note() {
        let log = log(
            &[
                facts("Nobody Yet", Kind::Coaching, None, vec![session("2026-05-01", 60, Purpose::Session, Status::Planned)]),
                facts("Zero Length", Kind::Coaching, None, vec![held("2026-01-01", 0), held("2026-01-08", 60)]),
            ],
            today(),
        );
        assert_eq!(log.rows[0].note, "1 held session has no length, so it counts as 0 hours. No contract: hours counted as pro bono.");
        assert_eq!(log.rows[0].start, Some(day("2026-01-01")));
        assert_eq!(log.rows[1].note, "No sessions held yet.");
        assert_eq!(log.rows[1].hours(), 0.0);
        assert_eq!(log.totals.clients, 1);
    }

    #[test]
    fn an_awkward_client_name_survives_the_csv() {
        let awkward = "Anne \"Nan\" O'Neil,\nJr";
        let mut f = facts(awkward, Kind::Coaching, Some(terms(Some(Payer::Client), Some(120))), vec![held("2026-01-05", 45)]);
        f.engagement.evidence.named_in_log = true;
        f.engagement.evidence.group_size = Some(4);
        let text = csv(&log(&[f], today()));
        let rows = parse(&text);
        assert_eq!(rows[0][0], "Client name");
        assert_eq!(rows[1], vec![awkward, "", "Group", "4", "2026-01-05", "2026-01-05", "0.75", "0", ""]);
    }

    #[test]
    fn an_empty_log_is_just_the_header() {
        let log = log(&[], today());
        assert_eq!(
            csv(&log),
            "\u{FEFF}Client name,Contact,Individual or group,Number in group,Start date,End date,Paid hours,Pro bono hours,Note\r\n"
        );
        assert!(progress(&log.totals).iter().all(|p| !p.met && p.percent == 0.0));
    }

    #[test]
    fn credential_progress_counts_only_what_is_still_needed() {
        let totals = IcfTotals { hours: 75.0, paid: 65.0, pro_bono: 10.0, clients: 5 };
        let acc = &progress(&totals)[0];
        assert_eq!(acc.credential.name, "ACC");
        assert!(!acc.met);
        assert_eq!(acc.to_go, "25 h, 10 paid h and 3 clients to go.");
        assert!((acc.percent - 62.5).abs() < 1e-9, "the weakest is clients, 5 of 8");

        let totals = IcfTotals { hours: 120.0, paid: 80.0, pro_bono: 40.0, clients: 9 };
        let all = progress(&totals);
        assert!(all[0].met);
        assert_eq!(all[0].to_go, "Met.");
        assert_eq!(all[0].percent, 100.0);
        assert_eq!(all[1].to_go, "380 h, 370 paid h and 16 clients to go.");

        let one = progress(&IcfTotals { hours: 100.0, paid: 75.0, pro_bono: 25.0, clients: 7 });
        assert_eq!(one[0].to_go, "1 client to go.");
        let names: Vec<&str> = CREDENTIALS.iter().map(|c| c.name).collect();
        assert_eq!(names, vec!["ACC", "PCC", "MCC"]);
    }

    #[test]
    fn a_session_marked_held_before_its_day_has_no_hours_yet() {
        let engagement = facts("Ann", Kind::Coaching, None, vec![held("2026-01-05", 60), held("2027-01-05", 90)]);
        let log = log(&[engagement], today());
        assert_eq!(log.rows[0].pro_bono_hours, 1.0, "the session in January 2027 is still to come");
        assert_eq!(log.rows[0].end, Some(day("2026-01-05")));
    }
}
