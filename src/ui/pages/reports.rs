//! One engagement's reports.
//!
//! - [`SponsorUpdatePage`]: the sponsor update drafted from what the contract's
//!   sponsor-reporting clause allows (sponsor-visible goals, attendance, GAS trend, never
//!   notes), kept for the client to review, approved by the client typing their name,
//!   and only then downloadable or printable.
//! - [`SummaryPage`]: the engagement summary for the mid-point or the end, laid out for
//!   print (browser print → PDF) and downloadable as text.

use crate::i18n::{hours, number, plural, render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::evidence::sponsor::{self, SponsorUpdate};
use crate::domain::evidence::summary::{self, EngagementSummary};
use crate::domain::goal::chart::line_chart;
use crate::domain::kinds::RecordKind;
use crate::domain::party::Party;
use crate::domain::report::SponsorReport;
use crate::domain::{Field, FieldErrors, Record, RecordId};
use crate::platform::clock::{self, today};
use crate::platform::files;
use crate::store::StoreError;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::chart::LineChartView;
use crate::ui::components::{loaded, ActionError, ErrorSummary, Notices, PageHeader, TextField, Undo};
use crate::ui::data::SessionsData;
use crate::ui::format;
use crate::ui::route::Route;

/// An engagement's data, its sponsor reports, and the device owner's part in it.
#[derive(Clone)]
struct ReportsData {
    data: SessionsData,
    reports: Vec<Record<SponsorReport>>,
    me: Party,
}

#[component]
pub fn SponsorUpdatePage(engagement_id: RecordId) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move {
            let Some(data) = SessionsData::read(&store, &id).await? else { return Ok(None) };
            let reports = store.list_reports(&id).await?;
            let me = store.my_role(&id).await?;
            Ok::<_, StoreError>(Some(ReportsData { data, reports, me }))
        }
    });
    loaded(data, t("the sponsor updates"), |d| view! { <SponsorUpdateScreen data=d.data reports=d.reports me=d.me /> }.into_any())
}

/// The practitioner drafts and keeps; the client reads and approves (docs/domain.md §8);
/// the sponsor sees only what the client approved.
#[component]
fn SponsorUpdateScreen(data: SessionsData, reports: Vec<Record<SponsorReport>>, me: Party) -> impl IntoView {
    let eid = data.engagement.id.clone();
    let client = data.client();
    let reports: Vec<_> = reports.into_iter().filter(|r| me != Party::Sponsor || r.data.approval.is_some()).collect();
    let draft = (me == Party::Practitioner).then(|| sponsor::draft(&data.facts(), today()));
    let lead = match me {
        Party::Practitioner => t("Drafted only from what the contract allows the sponsor to see. The client reviews and approves it before it can leave this device."),
        Party::Client => t("Your coach or mentor drafts these updates from what the contract allows the sponsor to see. Nothing reaches the sponsor until you approve it; then send it on from Updates with the others."),
        Party::Sponsor => t("The updates the client has approved for you."),
    };
    let keep = store_action(
        |store, report: SponsorReport| async move { store.create_report(report).await },
        |_| t("Kept the draft for the client to review and approve.").into(),
    );
    view! {
        <p class="breadcrumb"><a href=Route::Engagement(eid.clone()).href()>{format!("← {client}")}</a></p>
        <PageHeader title=t("Sponsor update") lead=lead />
        {match draft {
            None => ().into_any(),
            Some(Err(message)) => view! { <div class="notice" role="status"><p>{render(&message)}</p></div> }.into_any(),
            Some(Ok(update)) => {
                let text = update.text();
                let report = SponsorReport::new(eid.clone(), today(), text);
                view! {
                    <section class="panel" aria-labelledby="draft-title">
                        <h2 id="draft-title">{t("Today's draft")}</h2>
                        <UpdateView update=update />
                        <ActionError action=keep />
                        <p class="panel__action">
                            <button type="button" class="button button--primary" on:click=move |_| { keep.dispatch(report.clone()); }>
                                {t("Keep this draft for the client to approve")}
                            </button>
                        </p>
                    </section>
                }.into_any()
            }
        }}
        <section class="panel" aria-labelledby="kept-title">
            <h2 id="kept-title">{t("Kept updates")}</h2>
            {if reports.is_empty() {
                view! { <p>{t("None yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="reports" aria-label=t("Sponsor updates")>
                        {reports.into_iter().map(|record| view! { <KeptReport record=record client=client.clone() me=me /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The draft as the sponsor would read it.
#[component]
fn UpdateView(update: SponsorUpdate) -> impl IntoView {
    view! {
        <div class="report">
            <p>{tr!("For {organisation} · about {client} · {date}", organisation = update.organisation, client = update.client, date = update.on.local())}</p>
            {update.attendance.map(|a| view! {
                <h3>{t("Attendance")}</h3>
                <p>{tr!("{sessions} held, {cancelled} cancelled, {missed} missed, {planned} still planned.", sessions = plural(a.held, "1 session", "{n} sessions"), cancelled = a.cancelled, missed = a.no_shows, planned = a.still_planned)}</p>
            })}
            {(!update.goals.is_empty()).then(|| view! {
                <h3>{t("Goals the client shares with the sponsor")}</h3>
                <ul>{update.goals.iter().map(|g| view! {
                    <li>{g.title.clone()}{g.percent.map(|p| tr!(": {percent}% complete", percent = number(p, 0)))}</li>
                }).collect_view()}</ul>
            })}
            {(!update.gas_trend.is_empty()).then(|| view! {
                <h3>{t("Goal Attainment Scaling")}</h3>
                <p>{update.gas_trend.iter().map(|(p, score)| format!("{}: {}", t(p.label()), number(*score, 1))).collect::<Vec<_>>().join(" · ")}</p>
            })}
            <h3>{t("Not included")}</h3>
            <ul class="report__withheld">{update.withheld.iter().map(|w| view! { <li>{render(w)}</li> }).collect_view()}</ul>
        </div>
    }
}

/// A kept update: the client approves it by typing their name; then it can be exported.
/// Only the practitioner (who drafted it) may discard a draft; the sponsor sees no form.
#[component]
fn KeptReport(record: Record<SponsorReport>, client: String, me: Party) -> impl IntoView {
    let notices = Notices::expect();
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let (id, revision) = (record.id.clone(), record.revision);
    let report = record.data.clone();
    let approve = store_action(
        {
            let id = id.clone();
            move |store, next: SponsorReport| {
                let id = id.clone();
                async move { store.approve_report(&id, revision, next).await }
            }
        },
        |_| t("Approved. The update can now be downloaded or printed for the sponsor.").into(),
    );
    let remove = store_action(
        move |store, _: ()| {
            let id = id.clone();
            async move { store.delete_report(&id).await }
        },
        |removed| {
            let restored = t("Restored the draft update.").to_string();
            Said::Undoable(t("Discarded the draft update.").to_string(), Undo { kind: RecordKind::Report, id: removed.id, restored })
        },
    );
    let for_approve = report.clone();
    let client_name = client.clone();
    let on_approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match for_approve.approved(&name.get_untracked(), &client_name, clock::now()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                approve.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let exportable = report.export_text(&record.id);
    let drafted = report.drafted_on;
    let download = {
        let client = client.clone();
        move |_| {
            if let Some(text) = &exportable {
                let name = files::file_name_with(&["sponsor-update", &client, &drafted.to_string()], "txt");
                let _ = files::download(&name, "text/plain;charset=utf-8", text);
                notices.show(tr!("Saved {name}.", name = name));
            }
        }
    };
    view! {
        <li class="kept-report">
            <p class="kept-report__title">
                {tr!("Drafted {date}", date = report.drafted_on.local())}
                {match &report.approval {
                    Some(a) => view! { <span class="status status--agreed">{tr!("Approved by {name} on {date}", name = a.by, date = format::date(a.at))}</span> }.into_any(),
                    None => view! { <span class="status status--proposed">{t("Waiting for the client's approval")}</span> }.into_any(),
                }}
            </p>
            <pre class="report__text">{report.text.clone()}</pre>
            <ActionError action=approve />
            <ActionError action=remove />
            {if me == Party::Sponsor {
                ().into_any()
            } else if report.approval.is_some() {
                view! {
                    <p class="panel__action">
                        <button type="button" class="button button--primary" on:click=download>{t("Download for the sponsor (.txt)")}</button>
                        " "
                        <button type="button" class="button" on:click=|_| { let _ = window().print(); }>{t("Print or save as PDF")}</button>
                    </p>
                }.into_any()
            } else {
                view! {
                    <form class="form form--inline-panel" novalidate on:submit=on_approve aria-label=tr!("Approve the update of {date}", date = report.drafted_on.local())>
                        <h3>{t("The client's approval")}</h3>
                        <p class="field__help">{tr!("{client}: read the update above. If you agree it may go to the sponsor, type your full name.", client = client)}</p>
                        <ErrorSummary errors=errors />
                        <TextField field=Field::ApprovalName label=t("Your full name") value=name required=true errors=errors />
                        <div class="form__actions">
                            <button type="submit" class="button button--primary">{t("I approve this update")}</button>
                            {(me == Party::Practitioner).then(|| view! {
                                <button type="button" class="button button--danger-quiet" on:click=move |_| { remove.dispatch(()); }>{t("Discard this draft")}</button>
                            })}
                        </div>
                    </form>
                }.into_any()
            }}
        </li>
    }
}

#[component]
pub fn SummaryPage(engagement_id: RecordId) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move { SessionsData::read(&store, &id).await }
    });
    loaded(data, t("the summary"), |data| {
        let summary = summary::summarise(&data.facts(), today());
        view! { <SummaryScreen eid=data.engagement.id.clone() summary=summary /> }.into_any()
    })
}

#[component]
fn SummaryScreen(eid: RecordId, summary: EngagementSummary) -> impl IntoView {
    let notices = Notices::expect();
    let text = summary.text();
    let client = summary.client.clone();
    let download = move |_| {
        let name = files::file_name_with(&["engagement-summary", &client, &today().to_string()], "txt");
        match files::download(&name, "text/plain;charset=utf-8", &text) {
            Ok(()) => notices.show(tr!("Saved {name}.", name = name)),
            Err(_) => notices.show(t("The summary could not be downloaded.")),
        }
    };
    let chart = (!summary.trend.is_empty()).then(|| {
        line_chart(
            &summary.trend.iter().map(|(p, score)| (t(p.label()).to_string(), (score * 10.0).round() / 10.0)).collect::<Vec<_>>(),
            Some(50.0),
            Some((20.0, 80.0)),
            560.0,
            220.0,
            t("GAS T-score"),
        )
    });
    let score = |s: Option<i8>| s.map_or("—".to_string(), format::gas_score);
    view! {
        <p class="breadcrumb"><a href=Route::Engagement(eid).href()>{format!("← {}", summary.client)}</a></p>
        <div class="print-bar">
            <button type="button" class="button button--primary" on:click=|_| { let _ = window().print(); }>{t("Print or save as PDF")}</button>
            " "
            <button type="button" class="button" on:click=download>{t("Download as text")}</button>
        </div>
        <article class="print-page summary" aria-labelledby="summary-title">
            <h1 id="summary-title">{tr!("Engagement summary: {client}", client = summary.client)}</h1>
            <p class="print-page__meta">{tr!("{kind} with {practitioner} · {date}", kind = t(summary.kind.label()), practitioner = summary.practitioner, date = summary.on.local())}</p>
            {(!summary.notes.is_empty()).then(|| view! { <div class="notice" role="status"><ul>{summary.notes.iter().map(|n| view! { <li>{render(n)}</li> }).collect_view()}</ul></div> })}
            <h2>{t("Sessions")}</h2>
            <p>{tr!("{sessions} held, {hours} in all. {done} of {total} actions done.", sessions = plural(summary.sessions_held, "1 session", "{n} sessions"), hours = hours(summary.hours_held), done = summary.actions_done, total = summary.actions_total)}</p>
            <h2>{t("Goals")}</h2>
            {if summary.goals.is_empty() {
                view! { <p>{t("No shared goals.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t("Goal scores table")>
                        <table class="table">
                            <thead><tr><th scope="col">{t("Goal")}</th><th scope="col" class="num">{t("Baseline")}</th><th scope="col" class="num">{t("Mid-point")}</th><th scope="col" class="num">{t("End")}</th><th scope="col" class="num">{t("Progress")}</th></tr></thead>
                            <tbody>
                                {summary.goals.iter().map(|g| view! {
                                    <tr>
                                        <th scope="row">{g.title.clone()}</th>
                                        <td class="num">{score(g.baseline)}</td><td class="num">{score(g.mid)}</td><td class="num">{score(g.end)}</td>
                                        <td class="num">{g.percent.map_or("—".to_string(), |p| format!("{p:.0}%"))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {chart.map(|chart| view! { <LineChartView chart=chart title=t("GAS T-score over time") /> })}
            <h2>{t("Reflections the client shares")}</h2>
            {if summary.shared_reflections.is_empty() {
                view! { <p>{t("None shared.")}</p> }.into_any()
            } else {
                view! { <ul>{summary.shared_reflections.iter().map(|(on, text)| view! { <li><strong>{on.local()}</strong>{format!(": {text}")}</li> }).collect_view()}</ul> }.into_any()
            }}
        </article>
    }
}
