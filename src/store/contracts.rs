//! Contract commands: start a contract from a template, save a draft, propose, withdraw,
//! record agreements (directly or from an agreement file), import a proposal, re-contract,
//! and keep people's own templates. Each command writes in one strict transaction; the rules
//! themselves live in [`crate::domain::contract`]. Each agreement made here is signed with
//! the device key; each that arrives is checked (`docs/signatures.md`).

use super::io::Expect;
use super::{schema, Store, StoreError};
use crate::domain::contract::exchange::{self, AgreementFile, ProposalFile};
use crate::domain::contract::form::ContractDraft;
use crate::domain::contract::{Agreement, Contract, ContractStatus, ContractTemplate, Parties};
use crate::domain::date::Date;
use crate::domain::party::Party;
use crate::domain::perspective::{self, Arrival};
use crate::domain::relationship::Ledger;
use crate::domain::signing::Fingerprint;
use crate::domain::{Engagement, Record, RecordId};
use crate::msg;
use crate::platform::{clock, ids};

impl Store {
    /// Every version of an engagement's contract, oldest first.
    pub async fn list_contracts(&self, engagement_id: &RecordId) -> Result<Vec<Record<Contract>>, StoreError> {
        let mut versions: Vec<Record<Contract>> =
            self.live(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, engagement_id))).await?;
        versions.sort_by_key(|r| r.data.version);
        Ok(versions)
    }

    /// One contract version.
    pub async fn get_contract(&self, id: &RecordId) -> Result<Option<Record<Contract>>, StoreError> {
        Ok(self.read::<Contract>(schema::CONTRACTS, id.as_str()).await?.filter(|r| !r.deleted))
    }

    /// A contract version that is not deleted, or [`StoreError::NotFound`].
    async fn existing_contract(&self, id: &RecordId) -> Result<Record<Contract>, StoreError> {
        self.get_contract(id).await?.ok_or(StoreError::NotFound)
    }

    /// Starts an engagement's first contract from a template, with the defaults of the
    /// engagement's kind and the template's choices.
    pub async fn start_contract(
        &self,
        engagement_id: &RecordId,
        template: &ContractTemplate,
        today: Date,
    ) -> Result<Record<Contract>, StoreError> {
        let engagement = self.get_engagement(engagement_id).await?.ok_or(StoreError::NotFound)?;
        let existing = self.read_all::<Contract>(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, engagement_id))).await?;
        if !existing.is_empty() {
            return Err(StoreError::Refused(msg!("This engagement already has a contract.")));
        }
        let three_way = engagement.data.sponsor.is_some();
        let terms = template.terms(engagement.data.kind, three_way, today);
        let contract = Contract::from_template(engagement_id.clone(), template, terms);
        let record = Record::new(ids::new_record_id(), clock::now(), contract);
        self.write_records(schema::CONTRACTS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Saves a draft's terms and clauses (compare-and-set on the revision).
    pub async fn save_contract_draft(
        &self,
        id: &RecordId,
        expected_revision: u32,
        draft: ContractDraft,
    ) -> Result<Record<Contract>, StoreError> {
        self.change(schema::CONTRACTS, id, |current: Record<Contract>| {
            if !current.is_at_revision(expected_revision) {
                return Err(StoreError::ChangedElsewhere);
            }
            let contract = current.data.clone().edited(draft.terms, draft.clauses)?;
            Ok(current.revised(clock::now(), contract))
        })
        .await
    }

    /// Saves the draft as shown and proposes it (draft → proposed), freezing the
    /// engagement's current parties and the hash, in one transaction.
    pub async fn propose_contract(
        &self,
        id: &RecordId,
        expected_revision: u32,
        draft: ContractDraft,
    ) -> Result<Record<Contract>, StoreError> {
        let current = self.existing_contract(id).await?;
        if !current.is_at_revision(expected_revision) {
            return Err(StoreError::ChangedElsewhere);
        }
        let engagement =
            self.read::<Engagement>(schema::ENGAGEMENTS, current.data.engagement_id.as_str()).await?.ok_or(StoreError::NotFound)?;
        let edited = current.data.clone().edited(draft.terms, draft.clauses)?;
        let proposed = edited.proposed(&current.id, Parties::of(&engagement.data), clock::now())?;
        let record = current.revised(clock::now(), proposed);
        self.write_records(schema::CONTRACTS, &[(&record, Expect::At(expected_revision))]).await?;
        Ok(record)
    }

    /// Proposed → draft.
    pub async fn withdraw_contract(&self, id: &RecordId) -> Result<Record<Contract>, StoreError> {
        self.change(schema::CONTRACTS, id, |current: Record<Contract>| {
            let contract = current.data.clone().withdrawn()?;
            Ok(current.revised(clock::now(), contract))
        })
        .await
    }

    /// Records one party's agreement, signed with this device's key over exactly what was
    /// agreed (`Agreement::signing_input`). When the last party agrees, the version becomes
    /// agreed and the version before it superseded, in the same transaction.
    pub async fn agree_contract(&self, id: &RecordId, mut agreement: Agreement) -> Result<Record<Contract>, StoreError> {
        let current = self.existing_contract(id).await?;
        let input = agreement.signing_input(&current.data.engagement_id, current.data.version);
        agreement.signature = Some(self.sign(&input).await?);
        let read_at = current.revision;
        let (record, superseded) = self.with_agreement(current, agreement).await?;
        self.write_agreement(&record, read_at, &superseded, None).await?;
        Ok(record)
    }

    /// Adds the agreement carried by an agreement file, if it fits this proposed version and
    /// its signature holds by the key known for that party (remembered when it is the first).
    /// `accepted`: the fingerprint of a new key for that party the person compared with
    /// them and accepted in place of the one known (shown by `Store::check_file` as
    /// [`KnownAs::NotTheOneKnown`](crate::domain::signed_file::KnownAs)); any other new key
    /// is refused, naming both.
    pub async fn import_agreement(&self, file: AgreementFile, accepted: Option<&Fingerprint>) -> Result<Record<Contract>, StoreError> {
        let current = self.get_contract(&file.contract_id).await?.ok_or(exchange::ExchangeError::ContractNotHere)?;
        exchange::check_agreement_fits(&file, &current)?;
        let arriving = [(current.data.version, file.agreement.clone())];
        let ledger = self.checked_agreements(&current.data.engagement_id, &arriving, accepted).await?;
        let read_at = current.revision;
        let (record, superseded) = self.with_agreement(current, file.agreement).await?;
        self.write_agreement(&record, read_at, &superseded, Some(&ledger)).await?;
        Ok(record)
    }

    /// The engagement's exchange ledger once `agreements` are checked (each signature holds,
    /// by the key known for its party, or the one `accepted`); refused in words otherwise.
    async fn checked_agreements(
        &self,
        engagement_id: &RecordId,
        agreements: &[(u32, Agreement)],
        accepted: Option<&Fingerprint>,
    ) -> Result<Ledger, StoreError> {
        let data = self.engagement_records(engagement_id).await?;
        let me = perspective::role_in(&data.perspectives, engagement_id);
        let ledger = self.exchange_ledger(engagement_id).await?;
        Self::check_agreements(&data.engagements[0].data, me, agreements, ledger, accepted).await
    }

    /// The version with one more agreement and, when that makes it agreed, the earlier
    /// agreed versions it supersedes (each with the revision it was read at).
    async fn with_agreement(
        &self,
        current: Record<Contract>,
        agreement: Agreement,
    ) -> Result<(Record<Contract>, Vec<(Record<Contract>, u32)>), StoreError> {
        let now = clock::now();
        let contract = current.data.clone().agreed_by(agreement)?;
        let became_agreed = contract.status == ContractStatus::Agreed;
        let record = current.revised(now, contract);
        let mut superseded = Vec::new();
        if became_agreed && record.data.version > 1 {
            for older in self.list_contracts(&record.data.engagement_id).await? {
                if older.data.version < record.data.version && older.data.status == ContractStatus::Agreed {
                    let read_at = older.revision;
                    let ended = older.data.clone().superseded()?;
                    superseded.push((older.revised(now, ended), read_at));
                }
            }
        }
        Ok((record, superseded))
    }

    async fn write_agreement(
        &self,
        record: &Record<Contract>,
        read_at: u32,
        superseded: &[(Record<Contract>, u32)],
        ledger: Option<&Ledger>,
    ) -> Result<(), StoreError> {
        let mut writes = vec![(record, Expect::At(read_at))];
        writes.extend(superseded.iter().map(|(older, read_at)| (older, Expect::At(*read_at))));
        let codec = self.codec();
        let mut puts = self.prepare_with(&codec, schema::CONTRACTS, &writes).await?;
        if let Some(ledger) = ledger {
            puts.push(Self::ledger_put(&codec, ledger).await?);
        }
        self.apply_as(&codec, puts, &|_, _| {}).await
    }

    /// Brings another party's proposal into this browser: the engagement if it is new
    /// here (with who the person is in it, `me`, which a new engagement needs), the
    /// contract version if it is new, or any agreements it carries that this copy does not
    /// have yet.
    ///
    /// Every agreement on it that this copy does not have must be signed by its party, with
    /// the key known for them (remembered when it is the first).
    pub async fn import_proposal(&self, file: ProposalFile, me: Option<Party>) -> Result<Record<Contract>, StoreError> {
        let codec = self.codec();
        let mut puts = Vec::new();
        let mut role = None;
        if self.read::<Engagement>(schema::ENGAGEMENTS, file.engagement.id.as_str()).await?.is_none() {
            // An engagement erased here does not come back from an old proposal file unasked.
            if let Some(erased) = self.tombstone(&format!("{}:{}", schema::ENGAGEMENTS, file.engagement.id)).await? {
                return Err(StoreError::Refused(msg!(
                    "This proposal is for an engagement you erased on this device on {date}, so it was not opened and nothing changed. To bring the engagement back, import a backup or relationship file that holds it and tick it there.",
                    date = clock::date_of(erased.erased_at)
                )));
            }
            puts.extend(self.prepare_with(&codec, schema::ENGAGEMENTS, &[(&file.engagement, Expect::Absent)]).await?);
            let arrival = Arrival::choose(&file.engagement.data, me.map_or("", Party::as_str)).map_err(StoreError::Refused)?;
            let perspective = Record::new(file.engagement.id.clone(), clock::now(), arrival.perspective(file.engagement.id.clone()));
            role = Some(perspective.data.me);
            puts.extend(self.prepare_with(&codec, schema::PERSPECTIVES, &[(&perspective, Expect::Any)]).await?);
        }
        let local = self.read::<Contract>(schema::CONTRACTS, file.contract.id.as_str()).await?;
        let version = file.contract.data.version;
        let new_agreements: Vec<(u32, Agreement)> = (file.contract.data.agreements.iter())
            .filter(|a| !local.as_ref().is_some_and(|l| l.data.agreements.contains(a)))
            .map(|a| (version, a.clone()))
            .collect();
        if !new_agreements.is_empty() {
            let engagement_id = &file.engagement.id;
            let (me, ledger) = match role {
                Some(me) => (me, Ledger::new(engagement_id.clone())),
                None => {
                    let data = self.engagement_records(engagement_id).await?;
                    (perspective::role_in(&data.perspectives, engagement_id), self.exchange_ledger(engagement_id).await?)
                }
            };
            let ledger = Self::check_agreements(&file.engagement.data, me, &new_agreements, ledger, None).await?;
            puts.push(Self::ledger_put(&codec, &ledger).await?);
        }
        let record = match local {
            None => {
                puts.extend(self.prepare_with(&codec, schema::CONTRACTS, &[(&file.contract, Expect::Absent)]).await?);
                file.contract
            }
            Some(local) => {
                if local.data.hash != file.contract.data.hash {
                    return Err(exchange::ExchangeError::HashMismatch { version: local.data.version }.into());
                }
                let read_at = local.revision;
                let mut merged = local;
                let mut superseded = Vec::new();
                for agreement in file.contract.data.agreements {
                    if merged.data.status == ContractStatus::Proposed && !merged.data.agreements.iter().any(|a| a.party == agreement.party)
                    {
                        (merged, superseded) = self.with_agreement(merged, agreement).await?;
                    }
                }
                if merged.revision != read_at {
                    let mut writes = vec![(&merged, Expect::At(read_at))];
                    writes.extend(superseded.iter().map(|(older, at)| (older, Expect::At(*at))));
                    puts.extend(self.prepare_with(&codec, schema::CONTRACTS, &writes).await?);
                }
                merged
            }
        };
        self.apply_as(&codec, puts, &|_, _| {}).await?;
        Ok(record)
    }

    /// Agreed → ended, when the engagement closes. The version stays readable.
    pub async fn end_contract(&self, id: &RecordId) -> Result<Record<Contract>, StoreError> {
        self.change(schema::CONTRACTS, id, |current: Record<Contract>| {
            let contract = current.data.clone().ended()?;
            Ok(current.revised(clock::now(), contract))
        })
        .await
    }

    /// Starts the next version of an agreed contract as a draft (re-contracting).
    pub async fn recontract(&self, id: &RecordId) -> Result<Record<Contract>, StoreError> {
        let current = self.existing_contract(id).await?;
        let versions =
            self.read_all::<Contract>(schema::CONTRACTS, Some((schema::CONTRACTS_BY_ENGAGEMENT, &current.data.engagement_id))).await?;
        if versions.into_iter().flatten().any(|v| v.data.version > current.data.version) {
            return Err(StoreError::Refused(msg!("A newer version of this contract already exists.")));
        }
        let record = Record::new(ids::new_record_id(), clock::now(), current.data.next_version()?);
        self.write_records(schema::CONTRACTS, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// Saves one of the person's own templates.
    pub async fn save_template(&self, template: ContractTemplate) -> Result<Record<ContractTemplate>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), template);
        self.write_records(schema::TEMPLATES, &[(&record, Expect::Absent)]).await?;
        Ok(record)
    }

    /// The person's own templates, by name.
    pub async fn list_templates(&self) -> Result<Vec<Record<ContractTemplate>>, StoreError> {
        let mut templates: Vec<Record<ContractTemplate>> = self.live(schema::TEMPLATES, None).await?;
        templates.sort_by_key(|t| t.data.name.to_lowercase());
        Ok(templates)
    }
}
