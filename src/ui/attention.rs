//! [`AttentionPanel`]: the home screen's "Needs attention" list for the person using this
//! device, whatever their role in each engagement (rules in `domain::attention`), each
//! item linking to where it is done; the count goes on the installed app's icon too.

use leptos::prelude::*;

use crate::domain::attention;
use crate::domain::RecordId;
use crate::i18n::{render, t};
use crate::platform::{badge, clock};
use crate::ui::actions::store_resource;
use crate::ui::components::when_read;
use crate::ui::route::Route;

/// Everything that needs attention across the engagements on this device, earliest first.
#[component]
pub fn AttentionPanel() -> impl IntoView {
    let facts = store_resource(|store| async move { store.attention_facts().await });
    view! {
        <section class="panel attention" aria-labelledby="attention-title">
            <h2 id="attention-title">{t("Needs attention")}</h2>
            {when_read(facts, t("what needs attention"), |facts| {
                let items = attention::all(&facts, clock::local_now());
                badge::show_count(items.len());
                if items.is_empty() {
                    return view! { <p>{t("Nothing needs attention now.")}</p> }.into_any();
                }
                let client_of = move |id: &RecordId| -> String {
                    facts.iter().find(|f| &f.id == id).map(|f| render(&f.engagement.client_shown())).unwrap_or_default()
                };
                view! {
                    <ul class="attention__list">
                        {items.into_iter().map(|item| {
                            let client = client_of(&item.engagement_id);
                            view! {
                                <li>
                                    <a href=Route::of_attention(&item).href()>{render(&item.need.words())}</a>
                                    <span class="attention__who">{format!(" · {client}")}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
