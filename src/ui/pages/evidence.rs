//! [`EvidencePage`]: the practitioner's evidence of practice, generated on this device
//! from the sessions held: the ICF client coaching log (table, totals, progress toward
//! ACC / PCC / MCC, CSV download), the EMCC evidence summary for the last 12 months
//! against the chosen EIA level with what is still missing, the supervision log and the
//! CPD log.

use crate::i18n::{hours, number, plural, render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::evidence::cpd::{CpdEntry, CpdForm, CpdKind, CPD_HOURS_PER_YEAR};
use crate::domain::evidence::emcc::{self, EiaLevel, SupervisionEntry, SupervisionForm};
use crate::domain::evidence::icf;
use crate::domain::evidence::EngagementFacts;
use crate::domain::kinds::RecordKind;

use crate::domain::{Field, FieldErrors, Record};
use crate::platform::clock::today;
use crate::platform::files;

use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::components::{loaded, ActionError, ErrorSummary, Notices, PageHeader, SelectField, TextField, Undo};
use crate::ui::route::Route;

/// Everything the evidence page shows.
#[derive(Clone)]
struct EvidenceData {
    facts: Vec<EngagementFacts>,
    supervision: Vec<Record<SupervisionEntry>>,
    cpd: Vec<Record<CpdEntry>>,
}

#[component]
pub fn EvidencePage() -> impl IntoView {
    let data = store_resource(|store| async move {
        let records = store.export_records().await?;
        let supervision = store.list_supervision().await?;
        let cpd = store.list_cpd().await?;
        Ok(Some(EvidenceData { facts: records.engagement_facts(), supervision, cpd }))
    });
    view! {
        <PageHeader title=t("Evidence") lead=t("Your evidence of practice for accreditation, from the sessions you have held. \
            Generated on this device; nothing is sent anywhere.") />
        {loaded(data, t("your evidence"), |data| view! {
            <IcfPanel facts=data.facts.clone() />
            <EmccPanel facts=data.facts.clone() supervision=data.supervision.clone() cpd=data.cpd.clone() />
            <SupervisionPanel entries=data.supervision.clone() />
            <CpdPanel entries=data.cpd.clone() />
        }.into_any())}
    }
}

/// The ICF client coaching log.
#[component]
fn IcfPanel(facts: Vec<EngagementFacts>) -> impl IntoView {
    let log = icf::log(&facts, today());
    let progress = icf::progress(&log.totals);
    let text = icf::csv(&log);
    let notices = Notices::expect();
    let download = move |_| {
        let name = files::file_name_with(&["icf-coaching-log", &today().to_string()], "csv");
        match files::download(&name, "text/csv;charset=utf-8", &text) {
            Ok(()) => notices.show(tr!("Saved {name}.", name = name)),
            Err(_) => notices.show(t("The log could not be downloaded. Nothing was changed.")),
        }
    };
    let empty = log.rows.is_empty();
    view! {
        <section class="panel" aria-labelledby="icf-title">
            <h2 id="icf-title">{t("ICF client coaching log")}</h2>
            <p class="field__help">{t("One row per coaching client. Hours are clock hours of held sessions; late cancellations and no-shows do not count. Paid or pro bono comes from each contract's fee. A client appears by name only if they agreed (set on the engagement).")}</p>
            {if empty {
                view! { <p>{t("No coaching engagements yet. Mentoring is not counted in the ICF log.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t("Coaching log table")>
                        <table class="table">
                            <caption class="visually-hidden">{t("ICF client coaching log")}</caption>
                            <thead><tr>
                                <th scope="col">{t("Client")}</th><th scope="col">{t("Contact")}</th><th scope="col">{t("Individual or group")}</th>
                                <th scope="col">{t("Start")}</th><th scope="col">{t("End")}</th>
                                <th scope="col" class="num">{t("Paid hours")}</th><th scope="col" class="num">{t("Pro bono hours")}</th><th scope="col">{t("Note")}</th>
                            </tr></thead>
                            <tbody>
                                {log.rows.iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">{render(&row.client)}</th>
                                        <td>{row.contact.clone()}</td>
                                        <td>{match row.group_size { Some(n) => tr!("Group of {n}", n = n), None => render(&row.individual_or_group()) }}</td>
                                        <td>{row.start.map(|d| d.local()).unwrap_or_default()}</td>
                                        <td>{row.end.map(|d| d.local()).unwrap_or_default()}</td>
                                        <td class="num">{hours(row.paid_hours)}</td>
                                        <td class="num">{hours(row.pro_bono_hours)}</td>
                                        <td class="table__note">{render(&row.note)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row">{tr!("Total: {clients}", clients = plural(log.totals.clients, "1 client", "{n} clients"))}</th>
                                <td colspan="4">{tr!("{hours} in all", hours = hours(log.totals.hours))}</td>
                                <td class="num">{hours(log.totals.paid)}</td>
                                <td class="num">{hours(log.totals.pro_bono)}</td>
                                <td></td>
                            </tr></tfoot>
                        </table>
                    </div>
                }.into_any()
            }}
            <h3>{t("Toward an ICF credential")}</h3>
            <ul class="credentials">
                {progress.into_iter().map(|p| {
                    let label = tr!("{credential}: {hours} h, {paid} paid, {clients}+ clients", credential = p.credential.name, hours = number(p.credential.hours, 0), paid = number(p.credential.paid, 0), clients = p.credential.clients);
                    view! {
                        <li class="credential">
                            <span class="credential__name">{label.clone()}</span>
                            <div class="progress">
                                <div class="progress__track" role="progressbar" aria-label=label aria-valuemin="0" aria-valuemax="100"
                                    aria-valuenow=format!("{:.0}", p.percent) aria-valuetext=render(&p.to_go)>
                                    <div class="progress__fill" style:width=format!("{:.0}%", p.percent.clamp(0.0, 100.0))></div>
                                </div>
                                <span class="progress__text">{render(&p.to_go)}</span>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="panel__action"><button type="button" class="button" on:click=download disabled=empty>{t("Download the log (CSV)")}</button></p>
        </section>
    }
}

/// The EMCC evidence summary for the chosen EIA level.
#[component]
fn EmccPanel(facts: Vec<EngagementFacts>, supervision: Vec<Record<SupervisionEntry>>, cpd: Vec<Record<CpdEntry>>) -> impl IntoView {
    let level = RwSignal::new(EiaLevel::Foundation.as_str().to_string());
    let entries: Vec<SupervisionEntry> = supervision.into_iter().map(|r| r.data).collect();
    let cpd: Vec<CpdEntry> = cpd.into_iter().map(|r| r.data).collect();
    let levels: Vec<(&'static str, &'static str)> = EiaLevel::ALL.iter().map(|l| (l.as_str(), t(l.label()))).collect();
    let summary = move || emcc::summary(&facts, &entries, &cpd, EiaLevel::parse(&level.get()).unwrap_or(EiaLevel::Foundation), today());
    view! {
        <section class="panel" aria-labelledby="emcc-title">
            <h2 id="emcc-title">{t("EMCC evidence summary")}</h2>
            <SelectField field=Field::EiaLevel label=t("EIA level") options=levels value=level />
            {move || {
                let s = summary();
                let level_name = t(s.level.label());
                view! {
                    <p>{tr!("The last 12 months: {from} to {to}.", from = s.from.add_days(1).local(), to = s.to.local())}</p>
                    {if s.missing.is_empty() {
                        view! { <p class="notice" role="status">{tr!("Nothing is missing: your evidence meets {level}.", level = level_name)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="notice" role="status">
                                <p><strong>{tr!("Still missing for {level}:", level = level_name)}</strong></p>
                                <ul>{s.missing.iter().map(|m| view! { <li>{render(m)}</li> }).collect_view()}</ul>
                            </div>
                        }.into_any()
                    }}
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t("EMCC evidence table")>
                        <table class="table">
                            <caption class="visually-hidden">{t("EMCC evidence against the level")}</caption>
                            <thead><tr><th scope="col">{t("Evidence")}</th><th scope="col">{t("You have")}</th><th scope="col">{t("Needed")}</th><th scope="col">{t("Status")}</th></tr></thead>
                            <tbody>
                                {s.checks.into_iter().map(|c| view! {
                                    <tr>
                                        <th scope="row">{render(&c.what)}</th><td>{render(&c.have)}</td><td>{render(&c.need)}</td>
                                        <td>{if c.met { view! { <span class="status status--agreed">{t("Met")}</span> }.into_any() } else { view! { <span class="status status--draft">{t("Not yet")}</span> }.into_any() }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h3>{t("Supervision by quarter")}</h3>
                    <ul class="quarters">
                        {s.quarters.into_iter().map(|q| view! {
                            <li>{format!("{}: {}{}", render(&q.label), hours(q.hours), if q.complete { "" } else { t(" (so far)") })}</li>
                        }).collect_view()}
                    </ul>
                }
            }}
        </section>
    }
}

/// Logging supervision, and the log.
#[component]
fn SupervisionPanel(entries: Vec<Record<SupervisionEntry>>) -> impl IntoView {
    let on = RwSignal::new(today().to_string());
    let supervisor = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let add = store_action(
        |store, entry: SupervisionEntry| async move { store.add_supervision(entry).await },
        |_| t("Logged the supervision.").into(),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SupervisionForm {
            on: on.get_untracked(),
            supervisor: supervisor.get_untracked(),
            hours: hours.get_untracked(),
            note: note.get_untracked(),
        };
        match form.validate() {
            Ok(entry) => {
                errors.set(FieldErrors::new());
                add.dispatch(entry);
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="supervision-title">
            <h2 id="supervision-title">{t("Supervision log")}</h2>
            <LogEntries kind=RecordKind::Supervision label=t("Supervision sessions") empty=t("No supervision logged yet.")
                rows=entries.into_iter().map(|record| LogRow {
                    title: tr!("{hours} with {supervisor}", hours = crate::i18n::hours(record.data.hours), supervisor = record.data.supervisor),
                    meta: with_note(record.data.on.local(), &record.data.note),
                    on: record.data.on,
                    id: record.id,
                }).collect() />
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Log supervision")>
                <h3>{t("Log supervision")}</h3>
                <ErrorSummary errors=errors />
                <ActionError action=add />
                <div class="field-row">
                    <TextField field=Field::SupervisionDate label=t("Date") value=on input_type="date" required=true errors=errors />
                    <TextField field=Field::SupervisionHours label=t("Hours") value=hours required=true errors=errors help=t("For example 1 or 1.5.") />
                </div>
                <TextField field=Field::SupervisionSupervisor label=t("Supervisor") value=supervisor required=true errors=errors />
                <TextField field=Field::SupervisionNote label=t("Note") value=note errors=errors help=t("What you took to supervision, in a few words. No client names.") />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Log it")}</button></div>
            </form>
            <p class="field__help"><a href=Route::Engagements.href()>{t("Record consent, contact and group size on each engagement's Edit page.")}</a></p>
        </section>
    }
}

/// Logging CPD, and the log.
#[component]
fn CpdPanel(entries: Vec<Record<CpdEntry>>) -> impl IntoView {
    let on = RwSignal::new(today().to_string());
    let activity = RwSignal::new(String::new());
    let kind = RwSignal::new(CpdKind::Course.as_str().to_string());
    let hours_typed = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let add = store_action(|store, entry: CpdEntry| async move { store.add_cpd(entry).await }, |_| t("Logged the CPD.").into());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = CpdForm {
            on: on.get_untracked(),
            activity: activity.get_untracked(),
            kind: kind.get_untracked(),
            hours: hours_typed.get_untracked(),
            note: note.get_untracked(),
        };
        match form.validate() {
            Ok(entry) => {
                errors.set(FieldErrors::new());
                add.dispatch(entry);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let kinds: Vec<(&'static str, &'static str)> = CpdKind::ALL.iter().map(|k| (k.as_str(), t(k.label()))).collect();
    view! {
        <section class="panel" aria-labelledby="cpd-title">
            <h2 id="cpd-title">{t("CPD log")}</h2>
            <p>{tr!("Continuing professional development: courses, reading, peer learning and events. The EMCC asks for {hours} a year.", hours = hours(CPD_HOURS_PER_YEAR))}</p>
            <LogEntries kind=RecordKind::Cpd label=t("CPD activities") empty=t("No CPD logged yet.")
                rows=entries.into_iter().map(|record| LogRow {
                    title: format!("{} · {}", record.data.activity, hours(record.data.hours)),
                    meta: with_note(format!("{} · {}", record.data.on.local(), t(record.data.kind.label())), &record.data.note),
                    on: record.data.on,
                    id: record.id,
                }).collect() />
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Log CPD")>
                <h3>{t("Log CPD")}</h3>
                <ErrorSummary errors=errors />
                <ActionError action=add />
                <TextField field=Field::CpdActivity label=t("What you did") value=activity required=true errors=errors
                    help=t("For example, a course on ethics in coaching, or a book on supervision.") />
                <div class="field-row">
                    <TextField field=Field::CpdDate label=t("Date") value=on input_type="date" required=true errors=errors />
                    <TextField field=Field::CpdHours label=t("Hours") value=hours_typed required=true errors=errors help=t("For example 1 or 1.5.") />
                </div>
                <SelectField field=Field::CpdKind label=t("Kind of development") options=kinds value=kind errors=errors />
                <TextField field=Field::CpdNote label=t("Note") value=note errors=errors help=t("What you took from it, in a few words.") />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Log it")}</button></div>
            </form>
        </section>
    }
}

/// One entry of a log, as its list shows it.
struct LogRow {
    id: crate::domain::RecordId,
    title: String,
    meta: String,
    on: crate::domain::date::Date,
}

/// "1 Dec 2026 · a note", or the first part alone when there is no note.
fn with_note(first: String, note: &str) -> String {
    if note.is_empty() {
        first
    } else {
        format!("{first} · {note}")
    }
}

/// The entries of a log (supervision, CPD), each with a "Remove" that can be undone.
#[component]
fn LogEntries(kind: RecordKind, label: &'static str, empty: &'static str, rows: Vec<LogRow>) -> impl IntoView {
    let remove = store_action(
        move |store, id: crate::domain::RecordId| async move { store.delete_record(kind, &id).await.map(|()| id) },
        move |id| {
            let undo = Undo { kind, id, restored: t("Restored the entry.").to_string() };
            Said::Undoable(t("Removed the entry.").to_string(), undo)
        },
    );
    view! {
        <ActionError action=remove />
        {if rows.is_empty() {
            view! { <p>{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="items" aria-label=label>
                    {rows.into_iter().map(|row| {
                        let id = row.id.clone();
                        view! {
                            <li class="item">
                                <div class="item__main">
                                    <span class="item__title">{row.title}</span>
                                    <span class="item__meta">{row.meta}</span>
                                </div>
                                <button type="button" class="button button--quiet" on:click=move |_| { remove.dispatch(id.clone()); }>
                                    {t("Remove")}<span class="visually-hidden">{tr!(" the entry of {date}", date = row.on.local())}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
