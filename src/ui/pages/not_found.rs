//! [`NotFoundPage`]: shown for a link that names no screen of the app.

use leptos::prelude::*;

use crate::ui::route::Route;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1>"This page does not exist"</h1>
        <p>"The link may be incomplete, or the engagement it pointed to may have been deleted."</p>
        <p><a class="button" href=Route::Engagements.href()>"Go to your engagements"</a></p>
    }
}
