//! [`Route`]: which screen the URL fragment names. Fragments (`#/engagements/…`) need
//! no server rewrite rules, so deep links work from any folder of any static host.

use crate::domain::attention::{Item, Where};
use crate::domain::RecordId;
use crate::i18n::t;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The list of engagements (home).
    Engagements,
    NewEngagement,
    Engagement(RecordId),
    EditEngagement(RecordId),
    /// The engagement's contract: the latest version (builder, agreement or agreed view).
    Contract(RecordId),
    /// One version of the contract, with what changed from the version before.
    ContractVersion(RecordId, u32),
    /// A version laid out for printing.
    ContractPrint(RecordId, u32),
    /// An engagement's goals and its GAS T-score.
    Goals(RecordId),
    NewGoal(RecordId),
    /// (engagement, goal)
    Goal(RecordId, RecordId),
    EditGoal(RecordId, RecordId),
    /// An engagement's sessions: the series, allocation, journey and signposts.
    Sessions(RecordId),
    NewSession(RecordId),
    /// (engagement, session)
    Session(RecordId, RecordId),
    /// The practitioner's evidence: ICF coaching log, EMCC summary, supervision log.
    Evidence,
    /// An engagement's sponsor updates: drafted, approved by the client, exported.
    SponsorUpdate(RecordId),
    /// An engagement's summary for the mid-point or the end, printable.
    Summary(RecordId),
    /// An engagement's wheel of life: its areas, the rounds taken, the radar.
    Wheel(RecordId),
    /// The questionnaires given in an engagement, and giving one.
    Questionnaires(RecordId),
    /// (engagement, questionnaire): its questions and answers; the client answers here.
    Questionnaire(RecordId, RecordId),
    /// Open a proposal file someone sent.
    OpenProposal,
    /// An engagement's relationship updates: send one to each other party, open one.
    Updates(RecordId),
    /// Open a relationship update someone sent (for whichever engagement it names).
    OpenUpdate,
    /// Which signatures in a proposal, agreement or update hold, and whose they are.
    CheckFile,
    /// A link someone sent: what follows `/receive/` (the link's version, data and key),
    /// read once and then removed from the address bar.
    Receive(String),
    /// Where data lives and whether the browser keeps it.
    YourData,
    /// The theme, sync, and the organisation settings in force.
    Settings,
    /// Records with conflicting versions from sync.
    SyncConflicts,
    /// One record's conflicting versions side by side, by document id (`<store>:<id>`).
    SyncConflict(String),
    NotFound,
}

impl Route {
    /// Reads a fragment such as `/engagements/abc/edit` (with or without `#`).
    pub fn parse(fragment: &str) -> Route {
        let path = fragment.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] | ["engagements"] => Route::Engagements,
            ["engagements", "new"] => Route::NewEngagement,
            ["engagements", id] => RecordId::parse(id).map_or(Route::NotFound, Route::Engagement),
            ["engagements", id, "edit"] => RecordId::parse(id).map_or(Route::NotFound, Route::EditEngagement),
            ["engagements", id, "contract"] => RecordId::parse(id).map_or(Route::NotFound, Route::Contract),
            ["engagements", id, "contract", version] => match (RecordId::parse(id), version.parse()) {
                (Some(id), Ok(version)) => Route::ContractVersion(id, version),
                _ => Route::NotFound,
            },
            ["engagements", id, "contract", version, "print"] => match (RecordId::parse(id), version.parse()) {
                (Some(id), Ok(version)) => Route::ContractPrint(id, version),
                _ => Route::NotFound,
            },
            ["engagements", id, "goals"] => RecordId::parse(id).map_or(Route::NotFound, Route::Goals),
            ["engagements", id, "goals", "new"] => RecordId::parse(id).map_or(Route::NotFound, Route::NewGoal),
            ["engagements", id, "goals", goal] => match (RecordId::parse(id), RecordId::parse(goal)) {
                (Some(id), Some(goal)) => Route::Goal(id, goal),
                _ => Route::NotFound,
            },
            ["engagements", id, "goals", goal, "edit"] => match (RecordId::parse(id), RecordId::parse(goal)) {
                (Some(id), Some(goal)) => Route::EditGoal(id, goal),
                _ => Route::NotFound,
            },
            ["engagements", id, "sessions"] => RecordId::parse(id).map_or(Route::NotFound, Route::Sessions),
            ["engagements", id, "sessions", "new"] => RecordId::parse(id).map_or(Route::NotFound, Route::NewSession),
            ["engagements", id, "sessions", session] => match (RecordId::parse(id), RecordId::parse(session)) {
                (Some(id), Some(session)) => Route::Session(id, session),
                _ => Route::NotFound,
            },
            ["engagements", id, "sponsor-update"] => RecordId::parse(id).map_or(Route::NotFound, Route::SponsorUpdate),
            ["engagements", id, "summary"] => RecordId::parse(id).map_or(Route::NotFound, Route::Summary),
            ["engagements", id, "wheel"] => RecordId::parse(id).map_or(Route::NotFound, Route::Wheel),
            ["engagements", id, "questionnaires"] => RecordId::parse(id).map_or(Route::NotFound, Route::Questionnaires),
            ["engagements", id, "questionnaires", given] => match (RecordId::parse(id), RecordId::parse(given)) {
                (Some(id), Some(given)) => Route::Questionnaire(id, given),
                _ => Route::NotFound,
            },
            ["engagements", id, "updates"] => RecordId::parse(id).map_or(Route::NotFound, Route::Updates),
            ["update"] => Route::OpenUpdate,
            ["check"] => Route::CheckFile,
            ["receive", rest @ ..] => Route::Receive(rest.join("/")),
            ["evidence"] => Route::Evidence,
            ["open"] => Route::OpenProposal,
            ["data"] => Route::YourData,
            ["settings"] => Route::Settings,
            ["sync", "conflicts"] => Route::SyncConflicts,
            ["sync", "conflicts", store, id] => {
                let doc_id = format!("{store}:{id}");
                crate::domain::sync::doc::DocId::parse(&doc_id).map_or(Route::NotFound, |_| Route::SyncConflict(doc_id))
            }
            _ => Route::NotFound,
        }
    }

    /// The fragment for this route, without `#`.
    pub fn fragment(&self) -> String {
        match self {
            Route::Engagements | Route::NotFound => "/".into(),
            Route::NewEngagement => "/engagements/new".into(),
            Route::Engagement(id) => format!("/engagements/{id}"),
            Route::EditEngagement(id) => format!("/engagements/{id}/edit"),
            Route::Contract(id) => format!("/engagements/{id}/contract"),
            Route::ContractVersion(id, version) => format!("/engagements/{id}/contract/{version}"),
            Route::ContractPrint(id, version) => format!("/engagements/{id}/contract/{version}/print"),
            Route::Goals(id) => format!("/engagements/{id}/goals"),
            Route::NewGoal(id) => format!("/engagements/{id}/goals/new"),
            Route::Goal(id, goal) => format!("/engagements/{id}/goals/{goal}"),
            Route::EditGoal(id, goal) => format!("/engagements/{id}/goals/{goal}/edit"),
            Route::Sessions(id) => format!("/engagements/{id}/sessions"),
            Route::NewSession(id) => format!("/engagements/{id}/sessions/new"),
            Route::Session(id, session) => format!("/engagements/{id}/sessions/{session}"),
            Route::SponsorUpdate(id) => format!("/engagements/{id}/sponsor-update"),
            Route::Summary(id) => format!("/engagements/{id}/summary"),
            Route::Wheel(id) => format!("/engagements/{id}/wheel"),
            Route::Questionnaires(id) => format!("/engagements/{id}/questionnaires"),
            Route::Questionnaire(id, given) => format!("/engagements/{id}/questionnaires/{given}"),
            Route::Evidence => "/evidence".into(),
            Route::OpenProposal => "/open".into(),
            Route::Updates(id) => format!("/engagements/{id}/updates"),
            Route::OpenUpdate => "/update".into(),
            Route::CheckFile => "/check".into(),
            Route::Receive(rest) if rest.is_empty() => "/receive".into(),
            Route::Receive(rest) => format!("/receive/{rest}"),
            Route::YourData => "/data".into(),
            Route::Settings => "/settings".into(),
            Route::SyncConflicts => "/sync/conflicts".into(),
            Route::SyncConflict(doc_id) => format!("/sync/conflicts/{}", doc_id.replacen(':', "/", 1)),
        }
    }

    /// A link target for this route.
    pub fn href(&self) -> String {
        format!("#{}", self.fragment())
    }

    /// Where a "Needs attention" item is done (for the home screen's link and a notification).
    pub fn of_attention(item: &Item) -> Route {
        let id = item.engagement_id.clone();
        match &item.at {
            Where::Engagement => Route::Engagement(id),
            Where::Contract => Route::Contract(id),
            Where::Goals => Route::Goals(id),
            Where::Sessions => Route::Sessions(id),
            Where::Session(session) => Route::Session(id, session.clone()),
            Where::SponsorUpdates => Route::SponsorUpdate(id),
            Where::Questionnaire(given) => Route::Questionnaire(id, given.clone()),
        }
    }

    /// The navigation section this route belongs to, for highlighting the menu.
    pub fn section(&self) -> Section {
        match self {
            Route::YourData => Section::YourData,
            Route::Settings | Route::CheckFile | Route::SyncConflicts | Route::SyncConflict(_) => Section::Settings,
            Route::Evidence => Section::Evidence,
            _ => Section::Engagements,
        }
    }

    /// The document title for this screen.
    pub fn title(&self) -> &'static str {
        match self {
            Route::Engagements => t("Engagements"),
            Route::NewEngagement => t("New engagement"),
            Route::Engagement(_) => t("Engagement"),
            Route::EditEngagement(_) => t("Edit engagement"),
            Route::Contract(_) => t("Contract"),
            Route::ContractVersion(_, _) => t("Contract version"),
            Route::ContractPrint(_, _) => t("Print contract"),
            Route::Goals(_) => t("Goals"),
            Route::NewGoal(_) => t("New goal"),
            Route::Goal(_, _) => t("Goal"),
            Route::EditGoal(_, _) => t("Edit goal"),
            Route::Sessions(_) => t("Sessions"),
            Route::NewSession(_) => t("New session"),
            Route::Session(_, _) => t("Session"),
            Route::SponsorUpdate(_) => t("Sponsor update"),
            Route::Summary(_) => t("Engagement summary"),
            Route::Wheel(_) => t("Wheel of life"),
            Route::Questionnaires(_) => t("Questionnaires"),
            Route::Questionnaire(_, _) => t("Questionnaire"),
            Route::Evidence => t("Evidence"),
            Route::OpenProposal => t("Open a proposal"),
            Route::Updates(_) => t("Updates"),
            Route::OpenUpdate => t("Open an update"),
            Route::CheckFile => t("Check a file"),
            Route::Receive(_) => t("Open a link"),
            Route::YourData => t("Your data"),
            Route::Settings => t("Settings"),
            Route::SyncConflicts => t("Sync conflicts"),
            Route::SyncConflict(_) => t("Conflicting versions"),
            Route::NotFound => t("Page not found"),
        }
    }
}

/// Top-level navigation sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Engagements,
    Evidence,
    YourData,
    Settings,
}
