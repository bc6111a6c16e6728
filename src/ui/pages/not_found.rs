//! [`NotFoundPage`]: shown for a link that names no screen of the app.

use crate::i18n::t;
use leptos::prelude::*;

use crate::ui::components::PageHeader;
use crate::ui::route::Route;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeader title=t("This page does not exist")
            lead=t("The link may be incomplete, or the engagement it pointed to may have been deleted.") />
        <p><a class="button" href=Route::Engagements.href()>{t("Go to your engagements")}</a></p>
    }
}
