//! One module per screen.
//!
//! - [`engagements`]: [`EngagementsPage`], the list (with its empty state).
//! - [`engagement`]: [`EngagementPage`], one engagement, with delete and its confirmation.
//! - [`engagement_editor`]: [`EngagementEditor`], the form to create or edit one.
//! - [`your_data`]: [`YourDataPage`], where data lives and whether the browser keeps it.
//! - [`not_found`]: [`NotFoundPage`], for a link that leads nowhere.

pub mod engagement;
pub mod engagement_editor;
pub mod engagements;
pub mod not_found;
pub mod your_data;

pub use engagement::EngagementPage;
pub use engagement_editor::EngagementEditor;
pub use engagements::EngagementsPage;
pub use not_found::NotFoundPage;
pub use your_data::YourDataPage;
