//! What the screens read, and the one way each loads it: [`with_engagement`],
//! [`with_contract_data`] ([`ContractData`]), [`with_goals_data`] ([`GoalsData`]) and
//! [`with_sessions_data`] ([`SessionsData`]) read through the store (again after every
//! write) and render the screen, or "loading", a storage problem, or "not found";
//! [`with_copy_data`] ([`CopyData`]) is what a client's or a sponsor's copy of an
//! engagement shows. Pages share these from here and never import one another.

use leptos::prelude::*;

use crate::domain::contract::{terms_in_force, Contract, ContractTerms};
use crate::domain::goal::{EngagementWindow, Goal};
use crate::domain::party::Party;
use crate::domain::report::SponsorReport;
use crate::domain::session::allocation::Allocation;
use crate::domain::session::journey::Journey;
use crate::domain::session::Session;
use crate::domain::{Engagement, Kind, Record, RecordId};
use crate::i18n::t;
use crate::store::{Store, StoreError};
use crate::ui::actions::store_resource;
use crate::ui::components::loaded;

/// The one way a screen shows a single engagement: it reads it by id (again after every
/// write), says so while reading, shows a storage problem or "not found", and otherwise
/// renders `screen` with the record.
pub fn with_engagement(id: RecordId, screen: impl Fn(Record<Engagement>) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let engagement = store_resource(move |store| {
        let id = id.clone();
        async move { store.get_engagement(&id).await }
    });
    loaded(engagement, t("the engagement"), screen)
}

/// An engagement and every version of its contract, oldest first.
#[derive(Clone)]
pub struct ContractData {
    pub engagement: Record<Engagement>,
    pub versions: Vec<Record<Contract>>,
}

impl ContractData {
    /// The newest version, if there is a contract.
    pub fn latest(&self) -> Option<&Record<Contract>> {
        self.versions.last()
    }

    /// Reads an engagement and its contract versions; `None` if the engagement is gone.
    pub async fn read(store: &Store, id: &RecordId) -> Result<Option<ContractData>, StoreError> {
        let Some(engagement) = store.get_engagement(id).await? else { return Ok(None) };
        let versions = store.list_contracts(id).await?;
        Ok(Some(ContractData { engagement, versions }))
    }
}

/// The one way a contract screen loads its data: reads the engagement and its contract
/// versions (again after every write) and renders `screen`, or loading / error / not found.
pub fn with_contract_data(engagement_id: RecordId, screen: impl Fn(ContractData) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move { ContractData::read(&store, &id).await }
    });
    loaded(data, t("the contract"), screen)
}

/// An engagement, its goals, and its dates from the contract in force.
#[derive(Clone)]
pub struct GoalsData {
    pub engagement: Record<Engagement>,
    pub goals: Vec<Record<Goal>>,
    pub window: EngagementWindow,
    /// How many goals the newest contract version lists.
    pub contract_goal_count: usize,
}

/// The one way a goal screen loads its data (again after every write).
pub fn with_goals_data(engagement_id: RecordId, screen: impl Fn(GoalsData) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move {
            let Some(contract) = ContractData::read(&store, &id).await? else { return Ok(None) };
            let goals = store.list_goals(&id).await?;
            Ok(Some(GoalsData {
                window: EngagementWindow::of(&contract.versions),
                contract_goal_count: contract.latest().map_or(0, |c| c.data.terms.goals.len()),
                engagement: contract.engagement.clone(),
                goals,
            }))
        }
    });
    loaded(data, t("the goals"), screen)
}

/// An engagement with everything its session screens show.
#[derive(Clone)]
pub struct SessionsData {
    pub engagement: Record<Engagement>,
    /// The terms in force: the agreed (or ended) version, else the newest draft.
    pub terms: Option<ContractTerms>,
    /// The engagement's dates, from the same contract.
    pub window: EngagementWindow,
    pub sessions: Vec<Record<Session>>,
    pub goals: Vec<Record<Goal>>,
    pub journey: Option<Record<Journey>>,
    /// Who the device's owner is in the engagement (`Store::my_role`): the screens show
    /// the client's and the sponsor's copy by it.
    pub me: Party,
}

impl SessionsData {
    pub async fn read(store: &Store, id: &RecordId) -> Result<Option<SessionsData>, StoreError> {
        let Some(engagement) = store.get_engagement(id).await? else { return Ok(None) };
        let versions = store.list_contracts(id).await?;
        Ok(Some(SessionsData {
            terms: terms_in_force(&versions),
            window: EngagementWindow::of(&versions),
            sessions: store.list_sessions(id).await?,
            goals: store.list_goals(id).await?,
            journey: store.get_journey(id).await?,
            me: store.my_role(id).await?,
            engagement,
        }))
    }

    pub fn window(&self) -> EngagementWindow {
        self.window
    }

    pub fn allocation(&self) -> Allocation {
        Allocation::of(self.sessions.iter().map(|s| &s.data), self.terms.as_ref())
    }

    pub fn kind(&self) -> Kind {
        self.engagement.data.kind
    }

    pub fn client(&self) -> String {
        crate::i18n::render(&self.engagement.data.client_shown())
    }

    /// What the reports read about this engagement.
    pub fn facts(&self) -> crate::domain::evidence::EngagementFacts {
        crate::domain::evidence::EngagementFacts {
            id: self.engagement.id.clone(),
            engagement: self.engagement.data.clone(),
            terms: self.terms.clone(),
            sessions: self.sessions.iter().map(|s| s.data.clone()).collect(),
            goals: self.goals.iter().map(|g| g.data.clone()).collect(),
            // The engagement's reports (summary, sponsor update) count no questionnaires.
            end_answers: Vec::new(),
        }
    }

    /// The journey so far, or a new one.
    pub fn journey_or_new(&self) -> (Option<u32>, Journey) {
        match &self.journey {
            Some(record) => (Some(record.revision), record.data.clone()),
            None => (None, Journey::new(self.engagement.id.clone())),
        }
    }
}

/// The one way a session screen loads its data (again after every write).
pub fn with_sessions_data(engagement_id: RecordId, screen: impl Fn(SessionsData) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move { SessionsData::read(&store, &id).await }
    });
    loaded(data, t("the sessions"), screen)
}

/// What a client's or a sponsor's copy of an engagement shows: its sessions and goals (with
/// who the device's owner is), every contract version, and the sponsor updates.
#[derive(Clone)]
pub struct CopyData {
    pub sessions: SessionsData,
    pub contracts: Vec<Record<Contract>>,
    pub reports: Vec<Record<SponsorReport>>,
}

/// The one way a client's or sponsor's copy of an engagement loads its data (again after
/// every write).
pub fn with_copy_data(engagement_id: RecordId, screen: impl Fn(CopyData) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move {
            let Some(sessions) = SessionsData::read(&store, &id).await? else { return Ok(None) };
            let contracts = store.list_contracts(&id).await?;
            let reports = store.list_reports(&id).await?;
            Ok(Some(CopyData { sessions, contracts, reports }))
        }
    });
    loaded(data, t("the engagement"), screen)
}
