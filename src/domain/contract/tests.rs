//! Tests of a contract version's life: status machine, hashing, agreements and the
//! exchange files.

use super::exchange::{self, ExchangeError};
use super::terms::{CoachingType, CodeOfEthics, ContractGoal, Payer};
use super::*;
use crate::domain::date::Date;
use crate::domain::engagement::{Engagement, EngagementForm, Kind};
use crate::domain::record::Record;

fn engagement(three_way: bool) -> Record<Engagement> {
    Record::new(RecordId::parse("eng-1").unwrap(), Timestamp(1), super::fixtures::engagement(Kind::Coaching, three_way))
}

#[test]
fn a_status_is_stored_by_the_same_value_as_before() {
    use ContractStatus as S;
    let expected =
        [(S::Draft, "draft"), (S::Proposed, "proposed"), (S::Agreed, "agreed"), (S::Superseded, "superseded"), (S::Ended, "ended")];
    crate::domain::choice::assert_values(S::ALL, &expected, S::as_str, S::parse);
}

fn complete_clauses() -> Vec<Clause> {
    Element::all()
        .map(|e| Clause::new(e, e.title(), format!("{} for {{{{client_name}}}}: this is coaching, not therapy or counselling.", e.title())))
        .collect()
}

fn complete_terms(three_way: bool) -> ContractTerms {
    let mut terms = ContractTerms::preset(Kind::Coaching, three_way, Date::parse("2026-12-01").unwrap());
    terms.coaching_type = Some(CoachingType::Leadership);
    terms.code_of_ethics = Some(CodeOfEthics::Icf);
    terms.goals =
        vec![ContractGoal { description: "Lead the team through the merger".into(), success_measure: "Team survey ≥ 4/5".into() }];
    terms.sponsor_objectives =
        vec![ContractGoal { description: "Retain key staff".into(), success_measure: "No regretted leavers".into() }];
    terms.payer = Some(if three_way { Payer::Sponsor } else { Payer::Client });
    terms.fee_per_session = Some(150);
    terms
}

fn draft(three_way: bool) -> (Record<Engagement>, Record<Contract>) {
    let engagement = engagement(three_way);
    let mut contract = Contract::from_template(
        engagement.id.clone(),
        &ContractTemplate {
            name: "Test".into(),
            description: String::new(),
            kind: Kind::Coaching,
            three_way,
            code_of_ethics: None,
            coaching_type: None,
            mentoring_programme: None,
            clauses: Vec::new(),
        },
        complete_terms(three_way),
    );
    contract.clauses = complete_clauses();
    (engagement, Record::new(RecordId::parse("contract-1").unwrap(), Timestamp(2), contract))
}

fn propose(three_way: bool) -> (Record<Engagement>, Record<Contract>) {
    let (engagement, mut record) = draft(three_way);
    let parties = Parties::of(&engagement.data);
    record.data = record.data.proposed(&record.id, parties, Timestamp(3)).expect("a complete draft can be proposed");
    (engagement, record)
}

fn agreement(contract: &Contract, party: Party, name: &str) -> Agreement {
    Agreement {
        party,
        typed_name: name.into(),
        acknowledged_confidentiality_limits: true,
        acknowledged_sponsor_reporting: true,
        agreed_at: Timestamp(10),
        contract_hash: contract.hash.clone().unwrap(),
        signature: None,
    }
}

#[test]
fn a_proposal_freezes_the_parties_and_a_64_digit_hash() {
    let (_, record) = propose(false);
    assert_eq!(record.data.status, ContractStatus::Proposed);
    let hash = record.data.hash.clone().unwrap();
    assert_eq!(hash.len(), 64);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(record.data.parties.as_ref().unwrap().client.as_str(), "Ada Lovelace");
}

#[test]
fn hashing_is_stable_across_runs() {
    let (_, first) = propose(false);
    let (_, second) = propose(false);
    assert_eq!(first.data.hash, second.data.hash);
    let (engagement, record) = propose(false);
    let parties = Parties::of(&engagement.data);
    assert_eq!(record.data.document(&record.id, &parties).hash(), record.data.hash.unwrap());
}

#[test]
fn the_hash_changes_when_any_clause_or_field_changes() {
    let (engagement, record) = draft(false);
    let parties = Parties::of(&engagement.data);
    let base = record.data.document(&record.id, &parties).hash();

    let mut clause_changed = record.data.clone();
    clause_changed.clauses[7].text.push_str(" Also.");
    assert_ne!(clause_changed.document(&record.id, &parties).hash(), base);

    let mut field_changed = record.data.clone();
    field_changed.terms.session_count = Some(7);
    assert_ne!(field_changed.document(&record.id, &parties).hash(), base);

    let mut renamed = parties.clone();
    renamed.client = Engagement::try_from(EngagementForm {
        client_name: "Ada King".into(),
        practitioner_name: "Sam Lee".into(),
        kind: "coaching".into(),
        ..EngagementForm::default()
    })
    .unwrap()
    .client;
    assert_ne!(record.data.document(&record.id, &renamed).hash(), base);
}

#[test]
fn a_draft_with_missing_elements_cannot_be_proposed() {
    let (engagement, mut record) = draft(false);
    record.data.terms.confidentiality_limits.clear();
    let result = record.data.clone().proposed(&record.id, Parties::of(&engagement.data), Timestamp(3));
    match result {
        Err(ContractError::NotReady(findings)) => {
            assert!(findings.iter().any(|f| f.element == Element::CONFIDENTIALITY && f.severity == Severity::Missing));
        }
        other => panic!("expected NotReady, got {other:?}"),
    }
}

#[test]
fn every_party_must_agree_before_the_contract_is_agreed() {
    let (_, record) = propose(true);
    let contract = record.data;
    assert_eq!(contract.awaiting(), vec![Party::Client, Party::Practitioner, Party::Sponsor]);
    let contract = contract.clone().agreed_by(agreement(&contract, Party::Client, "ada lovelace")).unwrap();
    let contract = contract.clone().agreed_by(agreement(&contract, Party::Practitioner, "Sam Lee")).unwrap();
    assert_eq!(contract.status, ContractStatus::Proposed);
    assert_eq!(contract.awaiting(), vec![Party::Sponsor]);
    let contract = contract.clone().agreed_by(agreement(&contract, Party::Sponsor, "Jo  Park")).unwrap();
    assert_eq!(contract.status, ContractStatus::Agreed);
    assert_eq!(contract.agreed_at, Some(Timestamp(10)));
}

#[test]
fn an_agreement_needs_the_exact_name_and_both_acknowledgements() {
    let (_, record) = propose(true);
    let contract = record.data;
    let wrong_name = agreement(&contract, Party::Client, "Ada");
    assert!(matches!(contract.check_agreement(&wrong_name), Err(ContractError::AgreementRefused(m)) if m.contains("Ada Lovelace")));
    let mut no_ack = agreement(&contract, Party::Client, "Ada Lovelace");
    no_ack.acknowledged_confidentiality_limits = false;
    assert!(contract.check_agreement(&no_ack).is_err());
    let mut no_reporting_ack = agreement(&contract, Party::Client, "Ada Lovelace");
    no_reporting_ack.acknowledged_sponsor_reporting = false;
    assert!(contract.check_agreement(&no_reporting_ack).is_err());
}

#[test]
fn an_agreement_to_a_different_text_is_refused() {
    let (_, record) = propose(false);
    let mut tampered = agreement(&record.data, Party::Client, "Ada Lovelace");
    tampered.contract_hash = "0".repeat(64);
    let refused = record.data.check_agreement(&tampered).unwrap_err();
    assert!(refused.user_message().contains("different text than version 1"));
}

#[test]
fn a_party_cannot_agree_twice_and_a_missing_sponsor_cannot_agree() {
    let (_, record) = propose(false);
    let contract = record.data;
    let once = contract.clone().agreed_by(agreement(&contract, Party::Client, "Ada Lovelace")).unwrap();
    assert!(once.check_agreement(&agreement(&contract, Party::Client, "Ada Lovelace")).is_err());
    assert!(contract.check_agreement(&agreement(&contract, Party::Sponsor, "Jo Park")).is_err());
}

#[test]
fn illegal_transitions_are_refused() {
    let (_, draft) = draft(false);
    assert_eq!(
        draft.data.clone().withdrawn(),
        Err(ContractError::NotAllowed { action: super::ContractAction::Withdraw, status: ContractStatus::Draft })
    );
    assert!(draft.data.clone().superseded().is_err());
    assert!(draft.data.clone().ended().is_err());
    assert!(draft.data.next_version().is_err());
    let (_, proposed) = propose(false);
    assert!(proposed.data.clone().edited(proposed.data.terms.clone(), Vec::new()).is_err());
    assert!(proposed.data.clone().proposed(&proposed.id, proposed.data.parties.clone().unwrap(), Timestamp(4)).is_err());
    assert_eq!(proposed.data.clone().ended().unwrap_err().user_message(), "A contract that is proposed cannot be ended.");
}

#[test]
fn withdrawing_a_proposal_returns_it_to_an_editable_draft() {
    let (_, proposed) = propose(false);
    let draft = proposed.data.withdrawn().unwrap();
    assert!(draft.is_editable());
    assert_eq!((draft.hash, draft.parties), (None, None));
}

#[test]
fn re_contracting_makes_a_new_draft_version_and_the_old_one_can_be_superseded() {
    let (_, record) = propose(false);
    let contract = record.data;
    let contract = contract.clone().agreed_by(agreement(&contract, Party::Client, "Ada Lovelace")).unwrap();
    let agreed = contract.clone().agreed_by(agreement(&contract, Party::Practitioner, "Sam Lee")).unwrap();
    assert!(!agreed.is_editable(), "an agreed version is frozen");
    let next = agreed.next_version().unwrap();
    assert_eq!((next.version, next.status, next.agreements.len()), (2, ContractStatus::Draft, 0));
    assert_eq!(next.clauses, agreed.clauses);
    assert_eq!(agreed.superseded().unwrap().status, ContractStatus::Superseded);
}

#[test]
fn a_proposal_file_round_trips_and_keeps_its_hash() {
    let (engagement, record) = propose(true);
    let text = exchange::write_proposal(&engagement, &record);
    let read = exchange::read_proposal(&text).unwrap();
    assert_eq!(read.contract, record);
    assert_eq!(read.engagement, engagement);
}

#[test]
fn a_tampered_proposal_is_refused() {
    let (engagement, record) = propose(false);
    let text = exchange::write_proposal(&engagement, &record).replace("\"session_count\": 6", "\"session_count\": 60");
    assert_eq!(exchange::read_proposal(&text), Err(ExchangeError::HashMismatch { version: 1 }));
}

#[test]
fn a_truncated_file_is_unreadable() {
    let (engagement, record) = propose(false);
    let text = exchange::write_proposal(&engagement, &record);
    let cut = &text[..text.len() / 2];
    assert_eq!(exchange::read_proposal(cut), Err(ExchangeError::Unreadable));
    assert_eq!(exchange::read_agreement(""), Err(ExchangeError::Unreadable));
    assert!(ExchangeError::Unreadable.user_message().contains("incomplete or damaged"));
}

#[test]
fn an_agreement_file_fits_only_its_own_proposed_version() {
    let (_, record) = propose(false);
    let signed = agreement(&record.data, Party::Client, "Ada Lovelace");
    let file = exchange::read_agreement(&exchange::write_agreement(&record, &signed)).unwrap();
    assert_eq!(exchange::check_agreement_fits(&file, &record), Ok(()));

    let mut other = record.clone();
    other.id = RecordId::parse("contract-2").unwrap();
    assert_eq!(exchange::check_agreement_fits(&file, &other), Err(ExchangeError::OtherContract));

    let mut changed = record.clone();
    changed.data.hash = Some("f".repeat(64));
    assert_eq!(exchange::check_agreement_fits(&file, &changed), Err(ExchangeError::HashMismatch { version: 1 }));

    let mut tampered = file.clone();
    tampered.agreement.contract_hash = "0".repeat(64);
    assert_eq!(exchange::check_agreement_fits(&tampered, &record), Err(ExchangeError::HashMismatch { version: 1 }));
}

#[test]
fn an_agreement_file_is_not_a_proposal() {
    let (_, record) = propose(false);
    let text = exchange::write_agreement(&record, &agreement(&record.data, Party::Client, "Ada Lovelace"));
    assert_eq!(exchange::read_proposal(&text), Err(ExchangeError::WrongKind { expected: exchange::FileKind::Proposal }));
}

#[test]
fn changes_list_the_facts_and_clause_words_that_differ() {
    let (engagement, record) = draft(false);
    let parties = Parties::of(&engagement.data);
    let older = record.data.clone();
    let mut newer = record.data.clone();
    newer.terms.session_count = Some(8);
    newer.clauses[6].text = "Cancel with {{notice_period}} notice, please.".into();
    let changed = changes(&older, &parties, &newer, &parties);
    assert!(changed.facts.iter().any(|(label, before, after)| *label == "Sessions" && before == "6" && after == "8"));
    assert_eq!(changed.clauses.len(), 1);
    assert_eq!(changed.clauses[0].0, Element::CANCELLATION);
    assert!(changed.clauses[0].2.iter().any(|p| matches!(p, diff::DiffPart::Added(text) if text.contains("48 hours"))));
    assert!(changes(&older, &parties, &older, &parties).is_empty());
}

#[test]
fn key_terms_read_as_labelled_values_and_show_sponsor_reporting_only_when_three_way() {
    let terms = complete_terms(true);
    let with_sponsor = facts(&Parties::of(&engagement(true).data), &terms);
    assert!(with_sponsor.iter().any(|(label, value)| *label == "Fee" && value == "150 GBP per session"));
    assert!(with_sponsor.iter().any(|(label, _)| *label == "Reported to the sponsor"));
    assert!(!with_sponsor.iter().any(|(label, _)| *label == "Location"), "no location given");
    let without = facts(&Parties::of(&engagement(false).data), &complete_terms(false));
    assert!(!without.iter().any(|(label, _)| *label == "Reported to the sponsor"));
}

/// An agreed one-to-one version: both parties agreed on this device.
fn agreed() -> (Record<Engagement>, Record<Contract>) {
    let (engagement, mut record) = propose(false);
    let client = agreement(&record.data, Party::Client, "Ada Lovelace");
    let coach = agreement(&record.data, Party::Practitioner, "Sam Lee");
    record.data = record.data.agreed_by(client).unwrap().agreed_by(coach).unwrap();
    assert_eq!(record.data.status, ContractStatus::Agreed);
    (engagement, record)
}

#[test]
fn an_agreed_version_as_it_was_agreed_has_no_integrity_problem() {
    let (_, record) = agreed();
    assert_eq!(record.data.integrity_problem(&record.id), None);
    let (_, draft) = draft(false);
    assert_eq!(draft.data.integrity_problem(&draft.id), None, "a draft has no fingerprint to check");
}

#[test]
fn a_fee_changed_after_agreement_no_longer_matches_the_fingerprint() {
    let (_, mut record) = agreed();
    record.data.terms.fee_per_session = Some(159);
    let problem = record.data.integrity_problem(&record.id).expect("the changed fee is caught");
    assert!(problem.contains("Version 1 of the contract with Ada Lovelace was changed after it was proposed"), "{problem}");
}

#[test]
fn a_refingerprinted_version_whose_agreements_name_the_old_fingerprint_is_caught() {
    let (_, mut record) = agreed();
    record.data.terms.fee_per_session = Some(159);
    let parties = record.data.parties.clone().unwrap();
    record.data.hash = Some(record.data.document(&record.id, &parties).hash());
    assert!(record.data.integrity_problem(&record.id).is_some(), "the agreements still name the agreed fingerprint");
}

#[test]
fn a_version_that_says_agreed_without_every_agreement_is_caught() {
    let (_, mut record) = propose(false);
    record.data.status = ContractStatus::Agreed;
    let problem = record.data.integrity_problem(&record.id).expect("no one agreed");
    assert!(problem.contains("not every party's agreement"), "{problem}");
}

#[test]
fn an_agreed_version_is_not_replaced_by_a_copy_with_another_fingerprint_even_a_consistent_one() {
    let (_, local) = agreed();
    assert_eq!(local.data.replaced_by_problem(&local.id, &local.data), None, "the same copy is fine");
    // Everything recomputed consistently: fee, fingerprint, every agreement's fingerprint.
    let mut forged = local.data.clone();
    forged.terms.fee_per_session = Some(159);
    let parties = forged.parties.clone().unwrap();
    let hash = forged.document(&local.id, &parties).hash();
    forged.hash = Some(hash.clone());
    for agreement in &mut forged.agreements {
        agreement.contract_hash = hash.clone();
    }
    assert_eq!(forged.integrity_problem(&local.id), None, "consistent in itself");
    let problem = local.data.replaced_by_problem(&local.id, &forged).expect("but not what was agreed here");
    assert!(problem.contains("is agreed on this device"), "{problem}");
    // Nor may it go back to a draft.
    let mut reopened = local.data.clone();
    reopened.status = ContractStatus::Draft;
    assert!(local.data.replaced_by_problem(&local.id, &reopened).is_some());
    // A superseded copy of the same agreed version is the normal course of things.
    let superseded = local.data.clone().superseded().unwrap();
    assert_eq!(local.data.replaced_by_problem(&local.id, &superseded), None);
}

#[test]
fn a_proposal_carries_nothing_of_the_practitioners_evidence_about_the_client() {
    let (mut engagement, record) = propose(true);
    engagement.data.evidence.client_contact = "ada@example.org".into();
    engagement.data.evidence.named_in_log = true;
    engagement.data.evidence.group_size = Some(4);
    let text = exchange::write_proposal(&engagement, &record);
    assert!(!text.contains("ada@example.org"), "the client's contact details do not go to the sponsor");
    let file = exchange::read_proposal(&text).unwrap();
    assert!(file.engagement.data.evidence.is_unset(), "{:?}", file.engagement.data.evidence);
    assert_eq!(file.engagement.data.client, engagement.data.client, "what the other parties need still travels");
}

#[test]
fn the_engagements_dates_come_from_the_contract_in_force_not_a_newer_draft() {
    use crate::domain::goal::EngagementWindow;
    let (_, agreed) = agreed();
    let mut draft = agreed.clone();
    draft.id = RecordId::parse("contract-2").unwrap();
    draft.data = agreed.data.next_version().unwrap();
    draft.data.terms.end_date = Some(Date::parse("2028-01-01").unwrap());
    let window = EngagementWindow::of(&[agreed.clone(), draft]);
    assert_eq!(window.end, agreed.data.terms.end_date, "the agreed version's end, not the draft's");
    assert_eq!(EngagementWindow::of(&[]), EngagementWindow::default());
}
