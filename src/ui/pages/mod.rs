//! One module per screen.
//!
//! - [`engagements`]: [`EngagementsPage`], the list (with its empty state).
//! - [`engagement`]: [`EngagementPage`], one engagement, with delete and its confirmation.
//! - [`engagement_editor`]: [`EngagementEditor`], the form to create or edit one.
//! - [`contract`]: [`ContractPage`] (template chooser, builder, agreement, agreed view),
//!   [`ContractVersionPage`], [`ContractPrintPage`] and [`OpenProposalPage`];
//!   [`contract::builder`] and [`contract::document`] are their parts.
//! - [`goals`]: [`GoalsPage`] (goals and the GAS T-score), [`GoalPage`], [`GoalEditor`].
//! - [`sessions`]: [`SessionsPage`] (the series, allocation, planning from the contract,
//!   calendar file, journey and signposts) and [`NewSessionPage`].
//! - [`session`]: [`SessionPage`], one session and its learning loop.
//! - [`evidence`]: [`EvidencePage`]: the ICF coaching log (with CSV), the EMCC evidence
//!   summary and the supervision log.
//! - [`reports`]: [`SponsorUpdatePage`] (drafted, approved by the client, exported) and
//!   [`SummaryPage`] (mid-point or end, printable).
//! - [`your_data`]: [`YourDataPage`], where data lives and whether the browser keeps it,
//!   backups (optionally encrypted), restore and merge.
//! - [`settings`]: [`SettingsPage`], the theme, the language, sync
//!   ([`settings::sync::SyncSection`]) and the organisation settings in force.
//! - [`updates`]: [`UpdatesPage`] (send an update to each other party, as a file or a
//!   link, open one) and [`OpenUpdatePage`].
//! - [`receive`]: [`ReceivePage`], a link someone sent (an update, a proposal or an
//!   agreement), opened, shown with its signatures and taken in.
//! - [`questionnaires`]: [`QuestionnairesPage`] and [`QuestionnairePage`], the questionnaires
//!   given in an engagement: built by the practitioner, answered in the client's copy.
//! - [`wheel`]: [`WheelPage`], an engagement's wheel of life: its areas, a round at
//!   baseline, mid-point or end, the rounds drawn over each other with a text alternative.
//! - [`check_file`]: [`CheckFilePage`], which signatures in a proposal, agreement or update
//!   hold and whose keys made them.
//! - [`conflicts`]: the sync conflicts screens [`SyncConflictsPage`] and
//!   [`SyncConflictPage`].
//!
//! A page never imports another page: what two screens share lives in `ui` (`data`,
//! `session_fields`, `format`, `backup`, `protection`, `components`); the architecture
//! test checks it.

pub mod check_file;
pub mod conflicts;
pub mod contract;
pub mod engagement;
pub mod engagement_editor;
pub mod engagements;
pub mod evidence;
pub mod goals;
pub mod questionnaires;
pub mod receive;
pub mod reports;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod updates;
pub mod wheel;
pub mod your_data;

pub use check_file::CheckFilePage;
pub use conflicts::{SyncConflictPage, SyncConflictsPage};
pub use contract::{ContractPage, ContractPrintPage, ContractVersionPage, OpenProposalPage};
pub use engagement::EngagementPage;
pub use engagement_editor::EngagementEditor;
pub use engagements::EngagementsPage;
pub use evidence::EvidencePage;
pub use goals::{GoalEditor, GoalPage, GoalsPage};
pub use questionnaires::{QuestionnairePage, QuestionnairesPage};
pub use receive::ReceivePage;
pub use reports::{SponsorUpdatePage, SummaryPage};
pub use session::SessionPage;
pub use sessions::{NewSessionPage, SessionsPage};
pub use settings::SettingsPage;
pub use updates::{OpenUpdatePage, UpdatesPage};
pub use wheel::WheelPage;
pub use your_data::YourDataPage;
