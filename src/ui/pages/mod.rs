//! One module per screen.
//!
//! - [`engagements`]: [`EngagementsPage`], the list (with its empty state).
//! - [`engagement`]: [`EngagementPage`], one engagement, with delete and its confirmation.
//! - [`engagement_editor`]: [`EngagementEditor`], the form to create or edit one.
//! - [`contract`]: [`ContractPage`] (template chooser, builder, agreement, agreed view),
//!   [`ContractVersionPage`], [`ContractPrintPage`] and [`OpenProposalPage`];
//!   [`contract_builder`] and [`contract_document`] are their parts.
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
//! - [`settings`]: [`SettingsPage`], the theme and the organisation settings in force.
//! - [`sync`]: the Sync section of the settings ([`sync::SyncSection`]), and the
//!   conflicts screens [`SyncConflictsPage`] and [`SyncConflictPage`].
//! - [`protection`]: [`UnlockPage`] and the passphrase protection panel.
//! - [`not_found`]: [`NotFoundPage`], for a link that leads nowhere.

pub mod contract;
pub mod contract_builder;
pub mod contract_document;
pub mod engagement;
pub mod engagement_editor;
pub mod engagements;
pub mod evidence;
pub mod goals;
pub mod not_found;
pub mod protection;
pub mod reports;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod sync;
pub mod your_data;

pub use contract::{ContractPage, ContractPrintPage, ContractVersionPage, OpenProposalPage};
pub use engagement::EngagementPage;
pub use engagement_editor::EngagementEditor;
pub use engagements::EngagementsPage;
pub use evidence::EvidencePage;
pub use goals::{GoalEditor, GoalPage, GoalsPage};
pub use not_found::NotFoundPage;
pub use protection::UnlockPage;
pub use reports::{SponsorUpdatePage, SummaryPage};
pub use session::SessionPage;
pub use sessions::{NewSessionPage, SessionsPage};
pub use settings::SettingsPage;
pub use sync::{SyncConflictPage, SyncConflictsPage};
pub use your_data::YourDataPage;
