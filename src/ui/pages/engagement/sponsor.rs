//! [`SponsorCopy`]: the engagement as the sponsor sees it on their own device (docs/domain.md
//! §8): the contract to review and agree, the dates of the three-way meetings, the sponsor
//! updates the client approved, and the titles of the goals visible to the sponsor. Which
//! records a sponsor's copy may show is decided once, by
//! `domain::relationship::ownership::travels_to`; nothing else of the engagement is here.

use crate::i18n::{render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::ContractStatus;
use crate::domain::party::Party;
use crate::domain::relationship::ownership::{travels_to, SharedRecord};
use crate::domain::{Engagement, Record};
use crate::ui::components::PageHeader;
use crate::ui::data::{with_copy_data, CopyData};
use crate::ui::format;
use crate::ui::perspective::MyPartPanel;
use crate::ui::route::Route;
use crate::ui::session_fields::when;

use super::ContractForMe;

#[component]
pub fn SponsorCopy(record: Record<Engagement>) -> impl IntoView {
    let id = record.id.clone();
    with_copy_data(id, move |data| view! { <SponsorScreen record=record.clone() data=data /> }.into_any())
}

#[component]
fn SponsorScreen(record: Record<Engagement>, data: CopyData) -> impl IntoView {
    let engagement = record.data.clone();
    let title = tr!(
        "Sponsoring: {client} with {practitioner}",
        client = render(&engagement.client_shown()),
        practitioner = engagement.practitioner.as_str()
    );
    let me = Party::Sponsor;
    let contract = data
        .contracts
        .iter()
        .rev()
        .find(|c| travels_to(SharedRecord::Contract { proposed: c.data.status != ContractStatus::Draft }, me))
        .map(|c| c.data.clone());
    let meetings: Vec<_> =
        data.sessions.sessions.iter().filter(|s| !s.deleted && travels_to(SharedRecord::Session(&s.data), me)).cloned().collect();
    let updates: Vec<_> = data.reports.iter().filter(|r| !r.deleted && travels_to(SharedRecord::Report(&r.data), me)).cloned().collect();
    let goals: Vec<_> = data.sessions.goals.iter().filter(|g| !g.deleted && travels_to(SharedRecord::Goal(&g.data), me)).cloned().collect();
    view! {
        <p class="breadcrumb"><a href=Route::Engagements.href()>{t("← All engagements")}</a></p>
        <PageHeader title=title lead=t("What the contract lets the sponsor see: the contract, the three-way meetings, the updates the client approved and the goals shared with you.") badge=engagement.kind />
        <MyPartPanel record=record.clone() />
        <ContractForMe engagement_id=record.id.clone() me=me contract=contract none_yet=t("No contract has been proposed yet.")
            about=t("Your objectives as sponsor and what the reports to you may contain are in the contract.") />
        <section class="panel" aria-labelledby="meetings-title">
            <h2 id="meetings-title">{t("Three-way meetings")}</h2>
            {if meetings.is_empty() {
                view! { <p>{t("No three-way meetings planned yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines" aria-label=t("Three-way meetings")>
                        {meetings.into_iter().map(|s| view! {
                            <li>{format!("{} · {}", when(&s.data), t(s.data.purpose.label()))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="updates-title">
            <h2 id="updates-title">{t("Sponsor updates received")}</h2>
            {if updates.is_empty() {
                view! { <p>{t("None yet. An update reaches you only once the client has approved it.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="sponsor-updates" aria-label=t("Sponsor updates received")>
                        {updates.into_iter().map(|r| {
                            let approval = r.data.approval.clone();
                            view! {
                                <li class="sponsor-update">
                                    <p class="sponsor-update__meta">{tr!("Drafted on {date}.", date = r.data.drafted_on.local())}" "
                                        {approval.map(|a| tr!("Approved by {client} on {date}.", client = a.by, date = format::date(a.at)))}</p>
                                    <div class="sponsor-update__text">{r.data.text.clone()}</div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="goals-title">
            <h2 id="goals-title">{t("Goals shared with the sponsor")}</h2>
            {if goals.is_empty() {
                view! { <p>{t("No goals are shared with the sponsor yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines" aria-label=t("Goals shared with the sponsor")>
                        {goals.into_iter().map(|g| view! { <li>{g.data.title.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
