//! [`RetentionPanel`]: on an engagement's page, how long its notes are kept (the contract's
//! retention period, counted from the end), disposal when they are due, and erasing
//! everything about the client on request. The rules are `domain::retention` and
//! `domain::erasure`; the writes are `Store::dispose_engagement` and
//! `Store::erase_engagement`.

use crate::i18n::{render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::erasure::{plan_erasure, ErasurePlan};
use crate::domain::retention::{retention_of, what_goes, what_stays, Retention};
use crate::domain::{Engagement, Record, RecordId};
use crate::platform::clock::{self, today};
use crate::platform::location;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::components::{close_modal, open_modal, when_read, ActionError};
use crate::ui::format;
use crate::ui::route::Route;

/// Retention, disposal and erasure for one engagement.
#[component]
pub fn RetentionPanel(record: Record<Engagement>) -> impl IntoView {
    // One read of the engagement's records; where it stands and what erasing would remove
    // both come from it.
    let id = record.id.clone();
    let records = store_resource(move |store| {
        let id = id.clone();
        async move { store.engagement_records(&id).await }
    });
    let client = render(&record.data.client_shown());
    view! {
        <section class="panel retention" id="retention" aria-labelledby="retention-title">
            <h2 id="retention-title">{t("Keeping and disposing of data")}</h2>
            {when_read(records, t("the retention period"), {
                let id = record.id.clone();
                move |data| {
                    let standing = retention_of(&data, &id, today());
                    let plan = plan_erasure(&data, &id, clock::now()).ok();
                    view! {
                        <p class=if standing.is_due() { "retention__standing retention__standing--due" } else { "retention__standing" }>{render(&standing.describe())}</p>
                        {standing.is_due().then(|| view! { <Disposal id=id.clone() client=client.clone() standing=standing /> })}
                        {plan.map(|plan| view! { <Erasure id=id.clone() client=client.clone() plan=plan /> })}
                    }.into_any()
                }
            })}
        </section>
    }
}

/// "Dispose of the notes", with a confirmation that says what goes and what stays.
#[component]
fn Disposal(id: RecordId, client: String, standing: Retention) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let dispose = store_action(|store, id: RecordId| async move { store.dispose_engagement(&id, today()).await }, {
        let client = client.clone();
        move |_| {
            close_modal(dialog);
            tr!("Disposed of the notes of the engagement with {client}. The disposal is in the log on “Your data”.", client = client).into()
        }
    });
    let due = match standing {
        Retention::Due { due_on, .. } => due_on.local(),
        _ => String::new(),
    };
    view! {
        <p class="panel__action">
            <button type="button" class="button button--primary" on:click=move |_| open_modal(dialog)>{t("Dispose of the notes")}</button>
        </p>
        <dialog class="dialog" node_ref=dialog aria-labelledby="dispose-title" aria-describedby="dispose-help">
            <h2 id="dispose-title">{tr!("Dispose of the notes of the engagement with {client}?", client = client)}</h2>
            <p id="dispose-help">{tr!("The retention period in the contract ended on {due}. This cannot be undone.", due = due)}</p>
            <h3>{t("What goes")}</h3>
            <ul>{what_goes().iter().map(|line| view! { <li>{render(line)}</li> }).collect_view()}</ul>
            <h3>{t("What stays, and why")}</h3>
            <ul>{what_stays().iter().map(|line| view! { <li>{render(line)}</li> }).collect_view()}</ul>
            <ActionError action=dispose />
            <div class="dialog__actions">
                <button type="button" class="button button--danger" disabled=move || dispose.pending().get()
                    on:click={ let id = id.clone(); move |_| { dispose.dispatch(id.clone()); } }>{t("Dispose of the notes")}</button>
                <button type="button" class="button" on:click=move |_| close_modal(dialog) autofocus>{t("Keep them for now")}</button>
            </div>
        </dialog>
    }
}

/// "Erase everything about this client": asks once, or twice while the engagement is in
/// progress (naming its open contract), then erases for good.
#[component]
fn Erasure(id: RecordId, client: String, plan: ErasurePlan) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // 1: the engagement is in progress, asked first; 2: the confirmation itself.
    let step = RwSignal::new(1u8);
    let first_step = if plan.in_progress { 1 } else { 2 };
    let erase = store_action(|store, id: RecordId| async move { store.erase_engagement(&id).await }, {
        let client = client.clone();
        move |_| {
            close_modal(dialog);
            location::set_fragment(&Route::Engagements.fragment());
            Said::Notice(tr!(
                "Erased everything about {client} from this device. Backups made before now still hold it; the erasure is in the log on “Your data”.",
                client = client
            ))
        }
    });
    let last_backup = store_resource(|store| async move { store.last_backup().await });
    let in_progress = match &plan.open_contract {
        Some(contract) => tr!("This engagement is still in progress, and its {contract} is open.", contract = render(contract)),
        None => t("This engagement is still in progress: it has not been ended.").to_string(),
    };
    let goes = render(&plan.what_goes());
    view! {
        <h3 class="retention__erase-title">{t("Erase everything about this client")}</h3>
        <p>{t("On a client's request, removes every record of this engagement from this device for good, and from your sync server when sync is on. Unlike deleting, it cannot be undone.")}</p>
        <p class="panel__action">
            <button type="button" class="button button--danger-quiet" on:click=move |_| { step.set(first_step); open_modal(dialog); }>
                {t("Erase everything about this client")}
            </button>
        </p>
        <dialog class="dialog" node_ref=dialog aria-labelledby="erase-title" aria-describedby="erase-help">
            <h2 id="erase-title">{tr!("Erase everything about {client}?", client = client)}</h2>
            <Show when=move || step.get() == 1>
                <p id="erase-help" class="notice notice--warning">{in_progress.clone()}</p>
                <p>{t("Usually you end the engagement first. Erase it anyway?")}</p>
                <div class="dialog__actions">
                    <button type="button" class="button button--danger" on:click=move |_| step.set(2)>{t("Yes, erase it although it is in progress")}</button>
                    <button type="button" class="button" on:click=move |_| close_modal(dialog) autofocus>{t("Keep it")}</button>
                </div>
            </Show>
            <Show when=move || step.get() == 2>
                <p id=move || (step.get() == 2).then_some("erase-help")>{tr!("This removes {what} from this device for good.", what = goes.clone())}</p>
                <p>{move || match last_backup.get().and_then(Result::ok).flatten() {
                    Some(at) => tr!("Your backups still hold it: the last one was made on {date}. Delete those files, or keep them safe; if you import one later, Accord asks before bringing anything back.", date = format::date(at)),
                    None => t("Backups you downloaded still hold it; if you import one later, Accord asks before bringing anything back.").to_string(),
                }}</p>
                <ActionError action=erase />
                <div class="dialog__actions">
                    <button type="button" class="button button--danger" disabled=move || erase.pending().get()
                        on:click={ let id = id.clone(); move |_| { erase.dispatch(id.clone()); } }>{t("Erase for good")}</button>
                    <button type="button" class="button" on:click=move |_| close_modal(dialog) autofocus>{t("Keep it")}</button>
                </div>
            </Show>
        </dialog>
    }
}
