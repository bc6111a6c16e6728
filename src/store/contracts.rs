//! Contract commands: start a contract from a template, save a draft, propose, withdraw,
//! record agreements (directly or from an agreement file), import a proposal, re-contract,
//! and keep people's own templates. Each command is one strict transaction; the rules
//! themselves live in [`crate::domain::contract`].

use indexed_db_futures::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{commit, schema, Store, StoreError};
use crate::domain::contract::exchange::{self, AgreementFile, ProposalFile};
use crate::domain::contract::form::ContractDraft;
use crate::domain::contract::{Agreement, Contract, ContractStatus, ContractTemplate, Parties};
use crate::domain::date::Date;
use crate::domain::{Engagement, Record, RecordId};
use crate::platform::{clock, ids};

impl Store {
    /// Every version of an engagement's contract, oldest first.
    pub async fn list_contracts(&self, engagement_id: &RecordId) -> Result<Vec<Record<Contract>>, StoreError> {
        let tx = self.db.transaction(schema::CONTRACTS).build()?;
        let store = tx.object_store(schema::CONTRACTS)?;
        let index = store.index(schema::CONTRACTS_BY_ENGAGEMENT)?;
        let mut versions: Vec<Record<Contract>> = Vec::new();
        for record in index.get_all::<Record<Contract>>().with_query(engagement_id.as_str()).serde()?.await? {
            match record {
                Ok(record) if !record.deleted => versions.push(record),
                Ok(_) => {}
                Err(error) => web_sys::console::warn_1(&format!("Skipped an unreadable contract: {error}").into()),
            }
        }
        versions.sort_by_key(|r| r.data.version);
        Ok(versions)
    }

    /// One contract version.
    pub async fn get_contract(&self, id: &RecordId) -> Result<Option<Record<Contract>>, StoreError> {
        let tx = self.db.transaction(schema::CONTRACTS).build()?;
        let store = tx.object_store(schema::CONTRACTS)?;
        let record: Option<Record<Contract>> = store.get(id.as_str()).serde()?.await?;
        Ok(record.filter(|r| !r.deleted))
    }

    /// Starts an engagement's first contract from a template, with the defaults of the
    /// engagement's kind and the template's choices.
    pub async fn start_contract(
        &self,
        engagement_id: &RecordId,
        template: &ContractTemplate,
        today: Date,
    ) -> Result<Record<Contract>, StoreError> {
        let tx = self.write([schema::ENGAGEMENTS, schema::CONTRACTS])?;
        let engagements = tx.object_store(schema::ENGAGEMENTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let engagement: Record<Engagement> =
            engagements.get(engagement_id.as_str()).serde()?.await?.filter(|r: &Record<Engagement>| !r.deleted).ok_or(StoreError::NotFound)?;
        let existing = contracts.index(schema::CONTRACTS_BY_ENGAGEMENT)?.count().with_query(engagement_id.as_str()).await?;
        if existing > 0 {
            return Err(StoreError::Refused("This engagement already has a contract.".into()));
        }
        let three_way = engagement.data.sponsor.is_some();
        let terms = template.terms(engagement.data.kind, three_way, today);
        let contract = Contract::from_template(engagement_id.clone(), template, terms);
        let record = Record::new(ids::new_record_id(), clock::now(), contract);
        contracts.add(&record).serde()?.await?;
        commit(tx).await?;
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
        let tx = self.write([schema::ENGAGEMENTS, schema::CONTRACTS])?;
        let engagements = tx.object_store(schema::ENGAGEMENTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let current: Record<Contract> =
            contracts.get(id.as_str()).serde()?.await?.filter(|r: &Record<Contract>| !r.deleted).ok_or(StoreError::NotFound)?;
        if !current.is_at_revision(expected_revision) {
            return Err(StoreError::ChangedElsewhere);
        }
        let engagement: Record<Engagement> = engagements
            .get(current.data.engagement_id.as_str())
            .serde()?
            .await?
            .ok_or(StoreError::NotFound)?;
        let edited = current.data.clone().edited(draft.terms, draft.clauses)?;
        let proposed = edited.proposed(&current.id, Parties::of(&engagement.data), clock::now())?;
        let record = current.revised(clock::now(), proposed);
        contracts.put(&record).serde()?.await?;
        commit(tx).await?;
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

    /// Records one party's agreement. When the last party agrees, the version becomes
    /// agreed and the version before it superseded, in the same transaction.
    pub async fn agree_contract(&self, id: &RecordId, agreement: Agreement) -> Result<Record<Contract>, StoreError> {
        let tx = self.write(schema::CONTRACTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let current: Record<Contract> =
            contracts.get(id.as_str()).serde()?.await?.filter(|r: &Record<Contract>| !r.deleted).ok_or(StoreError::NotFound)?;
        let record = self.record_agreement(&contracts, current, agreement).await?;
        commit(tx).await?;
        Ok(record)
    }

    /// Adds the agreement carried by an agreement file, if it fits this proposed version.
    pub async fn import_agreement(&self, file: AgreementFile) -> Result<Record<Contract>, StoreError> {
        let tx = self.write(schema::CONTRACTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let current: Option<Record<Contract>> = contracts.get(file.contract_id.as_str()).serde()?.await?;
        let current = current.filter(|r| !r.deleted).ok_or(exchange::ExchangeError::OtherContract)?;
        exchange::check_agreement_fits(&file, &current)?;
        let record = self.record_agreement(&contracts, current, file.agreement).await?;
        commit(tx).await?;
        Ok(record)
    }

    async fn record_agreement(
        &self,
        contracts: &indexed_db_futures::object_store::ObjectStore<'_>,
        current: Record<Contract>,
        agreement: Agreement,
    ) -> Result<Record<Contract>, StoreError> {
        let now = clock::now();
        let contract = current.data.clone().agreed_by(agreement)?;
        let became_agreed = contract.status == ContractStatus::Agreed;
        let record = current.revised(now, contract);
        contracts.put(&record).serde()?.await?;
        if became_agreed && record.data.version > 1 {
            let index = contracts.index(schema::CONTRACTS_BY_ENGAGEMENT)?;
            let versions = index.get_all::<Record<Contract>>().with_query(record.data.engagement_id.as_str()).serde()?.await?;
            for older in versions.flatten() {
                if older.data.version < record.data.version && older.data.status == ContractStatus::Agreed {
                    let superseded = older.data.clone().superseded()?;
                    contracts.put(&older.revised(now, superseded)).serde()?.await?;
                }
            }
        }
        Ok(record)
    }

    /// Brings another party's proposal into this browser: the engagement if it is new
    /// here, the contract version if it is new, or any agreements it carries that this
    /// copy does not have yet.
    pub async fn import_proposal(&self, file: ProposalFile) -> Result<Record<Contract>, StoreError> {
        let tx = self.write([schema::ENGAGEMENTS, schema::CONTRACTS])?;
        let engagements = tx.object_store(schema::ENGAGEMENTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let engagement: Option<Record<Engagement>> = engagements.get(file.engagement.id.as_str()).serde()?.await?;
        if engagement.is_none() {
            engagements.add(&file.engagement).serde()?.await?;
        }
        let local: Option<Record<Contract>> = contracts.get(file.contract.id.as_str()).serde()?.await?;
        let record = match local {
            None => {
                contracts.add(&file.contract).serde()?.await?;
                file.contract
            }
            Some(local) => {
                if local.data.hash != file.contract.data.hash {
                    return Err(exchange::ExchangeError::HashMismatch { version: local.data.version }.into());
                }
                let mut merged = local;
                for agreement in file.contract.data.agreements {
                    if merged.data.status == ContractStatus::Proposed
                        && !merged.data.agreements.iter().any(|a| a.party == agreement.party)
                    {
                        merged = self.record_agreement(&contracts, merged, agreement).await?;
                    }
                }
                merged
            }
        };
        commit(tx).await?;
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
        let tx = self.write(schema::CONTRACTS)?;
        let contracts = tx.object_store(schema::CONTRACTS)?;
        let current: Record<Contract> =
            contracts.get(id.as_str()).serde()?.await?.filter(|r: &Record<Contract>| !r.deleted).ok_or(StoreError::NotFound)?;
        let versions = contracts
            .index(schema::CONTRACTS_BY_ENGAGEMENT)?
            .get_all::<Record<Contract>>()
            .with_query(current.data.engagement_id.as_str())
            .serde()?
            .await?;
        if versions.flatten().any(|v| v.data.version > current.data.version) {
            return Err(StoreError::Refused("A newer version of this contract already exists.".into()));
        }
        let record = Record::new(ids::new_record_id(), clock::now(), current.data.next_version()?);
        contracts.add(&record).serde()?.await?;
        commit(tx).await?;
        Ok(record)
    }

    /// Saves one of the person's own templates.
    pub async fn save_template(&self, template: ContractTemplate) -> Result<Record<ContractTemplate>, StoreError> {
        let record = Record::new(ids::new_record_id(), clock::now(), template);
        let tx = self.write(schema::TEMPLATES)?;
        tx.object_store(schema::TEMPLATES)?.add(&record).serde()?.await?;
        commit(tx).await?;
        Ok(record)
    }

    /// The person's own templates, by name.
    pub async fn list_templates(&self) -> Result<Vec<Record<ContractTemplate>>, StoreError> {
        let tx = self.db.transaction(schema::TEMPLATES).build()?;
        let store = tx.object_store(schema::TEMPLATES)?;
        let mut templates: Vec<Record<ContractTemplate>> =
            store.get_all::<Record<ContractTemplate>>().serde()?.await?.flatten().filter(|r| !r.deleted).collect();
        templates.sort_by_key(|t| t.data.name.to_lowercase());
        Ok(templates)
    }

    /// Saves `data` over a record, only if nobody changed it since `expected_revision`
    /// (otherwise [`StoreError::ChangedElsewhere`]): the one compare-and-set save.
    pub(super) async fn save_at_revision<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &str,
        id: &RecordId,
        expected_revision: u32,
        data: T,
    ) -> Result<Record<T>, StoreError> {
        self.change(store_name, id, |current: Record<T>| {
            if !current.is_at_revision(expected_revision) {
                return Err(StoreError::ChangedElsewhere);
            }
            Ok(current.revised(clock::now(), data))
        })
        .await
    }

    /// Read, change and write one record in a single strict transaction.
    pub(super) async fn change<T: Serialize + DeserializeOwned>(
        &self,
        store_name: &str,
        id: &RecordId,
        change: impl FnOnce(Record<T>) -> Result<Record<T>, StoreError>,
    ) -> Result<Record<T>, StoreError> {
        let tx = self.write(store_name)?;
        let store = tx.object_store(store_name)?;
        let current: Option<Record<T>> = store.get(id.as_str()).serde()?.await?;
        let next = change(current.filter(|r| !r.deleted).ok_or(StoreError::NotFound)?)?;
        store.put(&next).serde()?.await?;
        commit(tx).await?;
        Ok(next)
    }
}
