//! Sync conflicts on screen: [`SyncConflictsPage`] (the records whose versions differ
//! between devices), [`SyncConflictPage`] (one record's versions side by side, field by
//! field, with "Keep this version"), and [`SyncConflictBanner`], the notice at the top of
//! every other screen while conflicts wait. They call the store's conflict commands only.

use leptos::prelude::*;
use serde_json::Value;

use crate::domain::kinds::RecordKind;
use crate::domain::sync::doc::{engagement_of, DocId};
use crate::domain::sync::fields::{self, FieldRow, FieldValue, Label};
use crate::domain::RecordId;
use crate::i18n::{plural, render, t, DateText};
use crate::msg;
use crate::store::{Conflict, ConflictVersion, Store, StoreError};
use crate::tr;
use crate::ui::actions::{store_action, store_resource};
use crate::ui::components::{when_read, ActionError, PageHeader};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::AppState;

/// At the top of every screen while sync reports conflicts (not on the conflict screens).
#[component]
pub fn SyncConflictBanner(route: ReadSignal<Route>) -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let runner = state.sync;
    (move || {
        let count = runner.conflicts();
        let on_conflicts = matches!(route.get(), Route::SyncConflicts | Route::SyncConflict(_));
        (count > 0 && !on_conflicts).then(|| {
            view! {
                <div class="update-banner sync__banner" role="status">
                    <p>
                        {plural(count, "Sync found a record edited on two devices.", "Sync found {n} records edited on two devices.")}" "
                        <a href=Route::SyncConflicts.href()>{t("Compare and choose")}</a>
                    </p>
                </div>
            }
        })
    })
    .into_any()
}

/// The words for a kind of record (a store's name).
fn kind_of(store: &str) -> String {
    render(&RecordKind::of_store(store).map_or(msg!("Record"), RecordKind::title))
}

/// The conflicts and, for each, the client's name of the engagement it belongs to.
async fn conflicts_with_clients(store: &Store) -> Result<Vec<(Conflict, Option<String>)>, StoreError> {
    let conflicts = store.sync_conflicts().await?;
    let mut out = Vec::with_capacity(conflicts.len());
    for conflict in conflicts {
        let client = client_of(store, &conflict).await;
        out.push((conflict, client));
    }
    Ok(out)
}

async fn client_of(store: &Store, conflict: &Conflict) -> Option<String> {
    let doc_id = DocId::parse(&conflict.doc_id)?;
    let data = conflict.shown.data.clone().unwrap_or(Value::Null);
    let engagement: RecordId = engagement_of(&doc_id, &serde_json::json!({ "data": data }))?;
    let record = store.get_engagement(&engagement).await.ok()??;
    Some(crate::i18n::render(&record.data.client_shown()))
}

/// The latest change among a conflict's versions.
fn latest(conflict: &Conflict) -> Option<crate::domain::Timestamp> {
    std::iter::once(&conflict.shown).chain(&conflict.others).filter_map(|v| v.updated_at).max()
}

/// Every record whose versions differ between devices.
#[component]
pub fn SyncConflictsPage() -> impl IntoView {
    let conflicts = store_resource(|store| async move { conflicts_with_clients(&store).await });
    view! {
        <p class="breadcrumb"><a href=Route::Settings.href()>{t("← Back to the settings")}</a></p>
        <PageHeader title=t("Sync conflicts")
            lead=t("These records were changed on two devices while they were apart. Each device shows the same version for now; compare them and keep the right one. Nothing is lost until you choose.") />
        {when_read(conflicts, t("conflicts"), move |read| match read {
            list if list.is_empty() => view! {
                <section class="empty-state panel" aria-labelledby="no-conflicts">
                    <h2 id="no-conflicts">{t("No conflicts")}</h2>
                    <p>{t("Every synced record has one version. If two devices change the same record while apart, it appears here.")}</p>
                </section>
            }.into_any(),
            list => view! {
                <ul class="card-list" aria-label=t("Records in conflict")>
                    {list.into_iter().map(|(conflict, client)| {
                        let route = Route::SyncConflict(conflict.doc_id.clone());
                        let deleted = std::iter::once(&conflict.shown).chain(&conflict.others).any(|v| v.deleted);
                        let when = latest(&conflict).map(format::date_time);
                        let name = match &client {
                            Some(client) => format!("{} · {client}", kind_of(conflict.store)),
                            None => kind_of(conflict.store),
                        };
                        view! {
                            <li class="card">
                                <h2 class="card__title"><a href=route.href()>{name}</a></h2>
                                <p class="card__meta">
                                    {if deleted { t("Deleted on one device, edited on another.") } else { t("Edited on two devices.") }}
                                    {when.map(|when| format!(" {}", tr!("Last change {when}.", when = when)))}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        })}
    }
}

/// A field's name in the interface language: "Sponsor › Organisation", "Themes › 2 › Why now".
fn field_label(label: &[Label]) -> String {
    let parts: Vec<String> = label
        .iter()
        .map(|part| match part {
            Label::Words(words) => t(words).to_string(),
            Label::Entry(number) => number.to_string(),
            Label::Unknown(name) => name.clone(),
        })
        .collect();
    parts.join(" › ")
}

/// A field's value in the interface language: choices in words, dates and numbers as the
/// language writes them.
fn field_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Empty => "—".into(),
        FieldValue::Text(text) => text.clone(),
        FieldValue::Choice(words) => t(words).into(),
        FieldValue::Date(date) => date.local(),
        FieldValue::Timestamp(at) => format::date_time(*at),
        FieldValue::YesNo(true) => t("yes").into(),
        FieldValue::YesNo(false) => t("no").into(),
        FieldValue::Number(n) => {
            let decimals = if n.fract() == 0.0 {
                0
            } else if (n * 10.0).fract() == 0.0 {
                1
            } else {
                2
            };
            crate::i18n::number(*n, decimals)
        }
        FieldValue::List(items) if items.is_empty() => "—".into(),
        FieldValue::List(items) => items.iter().map(field_value).collect::<Vec<_>>().join("; "),
    }
}

/// One record's versions side by side.
#[component]
pub fn SyncConflictPage(doc_id: String) -> impl IntoView {
    let id = doc_id.clone();
    let conflict = store_resource(move |store| {
        let id = id.clone();
        async move {
            let Some(conflict) = store.sync_conflict(&id).await? else { return Ok(None) };
            let client = client_of(&store, &conflict).await;
            Ok(Some((conflict, client)))
        }
    });
    view! {
        <p class="breadcrumb"><a href=Route::SyncConflicts.href()>{t("← Back to the conflicts")}</a></p>
        {when_read(conflict, t("the versions"), move |read| match read {
            None => view! {
                <PageHeader title=t("Conflicting versions") />
                <p>{t("This record has no conflict (any more): every device now shows the same version.")}</p>
                <p><a class="button" href=Route::SyncConflicts.href()>{t("See the other conflicts")}</a></p>
            }.into_any(),
            Some((conflict, client)) => view! { <Versions conflict=conflict client=client /> }.into_any(),
        })}
    }
}

#[component]
fn Versions(conflict: Conflict, client: Option<String>) -> impl IntoView {
    let doc_id = conflict.doc_id.clone();
    let resolve = store_action(
        move |store, chosen: Option<Value>| {
            let doc_id = doc_id.clone();
            let keep_deleted = chosen.is_none();
            async move { store.sync_resolve(&doc_id, chosen).await.map(|_| keep_deleted) }
        },
        |keep_deleted| {
            crate::platform::location::set_fragment(&Route::SyncConflicts.fragment());
            if keep_deleted {
                t("Kept it deleted. Your other devices get the same at their next sync.").into()
            } else {
                t("Kept the version you chose. Your other devices get it at their next sync.").into()
            }
        },
    );
    let title = match &client {
        Some(client) => format!("{} · {client}", kind_of(conflict.store)),
        None => kind_of(conflict.store),
    };
    let versions: Vec<ConflictVersion> = std::iter::once(conflict.shown.clone()).chain(conflict.others.clone()).collect();
    let any_deleted = versions.iter().any(|v| v.deleted);
    let tables: Vec<Vec<FieldRow>> =
        versions.iter().map(|v| v.data.as_ref().map(|data| fields::describe(conflict.store, data)).unwrap_or_default()).collect();
    // Every field in any version, in first-seen order, with its name and privacy.
    let mut fields: Vec<&FieldRow> = Vec::new();
    for row in tables.iter().flatten() {
        if !fields.iter().any(|f| f.key == row.key) {
            fields.push(row);
        }
    }
    let value_of =
        |index: usize, key: &str| tables[index].iter().find(|row| row.key == key).map_or(FieldValue::Empty, |row| row.value.clone());
    let differing: usize = fields.iter().filter(|f| (1..versions.len()).any(|i| value_of(i, &f.key) != value_of(0, &f.key))).count();
    let heading = |index: usize, version: &ConflictVersion| {
        let which = if index == 0 {
            t("Shown now")
        } else if version.refused.is_some() {
            t("Changed after it was agreed")
        } else {
            t("Other version")
        };
        let state = if version.deleted { format!(" ({})", t("deleted")) } else { String::new() };
        format!("{which}{state}")
    };
    let button = move |version: &ConflictVersion| {
        if let Some(refused) = &version.refused {
            // Changed after it was agreed or approved: it cannot be chosen.
            return view! { <p class="conflict__refused">{render(refused)}</p> }.into_any();
        }
        let (label, chosen) = match (version.deleted, any_deleted) {
            (true, _) => (t("Keep it deleted"), None),
            (false, true) => (t("Keep the edited version"), version.data.clone()),
            (false, false) => (t("Keep this version"), version.data.clone()),
        };
        view! {
            <button type="button" class="button button--primary" disabled=move || resolve.pending().get()
                on:click=move |_| { resolve.dispatch(chosen.clone()); }>{label}</button>
        }
        .into_any()
    };
    view! {
        <PageHeader title=title lead=t("Two devices changed this record while apart. The version shown now is the one every device shows until you choose (the sync server's rule picks it). Differences are marked.") />
        <p>{plural(differing, "One field differs.", "{n} fields differ.")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t("The versions side by side, field by field")>
            <table class="conflict__table">
                <thead>
                    <tr>
                        <th scope="col">{t("Field")}</th>
                        {versions.iter().enumerate().map(|(index, version)| view! {
                            <th scope="col">
                                {heading(index, version)}
                                {version.updated_at.map(|at| view! { <span class="conflict__when">{tr!("Changed {when}", when = format::date_time(at))}</span> })}
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {fields.iter().map(|field| {
                        let values: Vec<FieldValue> = (0..versions.len()).map(|i| value_of(i, &field.key)).collect();
                        let differs = values.iter().any(|v| *v != values[0]);
                        view! {
                            <tr class:conflict__row--differs=differs class:conflict__row--private=field.private>
                                <th scope="row">
                                    {field.private.then(|| view! { <span class="note-layer__badge">{t("Private")}</span> })}
                                    <span class="conflict__field">{field_label(&field.label)}</span>
                                    {differs.then(|| view! { <span class="conflict__differs">{t("differs")}</span> })}
                                </th>
                                {values.iter().map(|value| view! { <td>{field_value(value)}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <td></td>
                        {versions.iter().map(|version| view! { <td>{button(version)}</td> }).collect_view()}
                    </tr>
                </tfoot>
            </table>
        </div>
        <ActionError action=resolve />
    }
}
