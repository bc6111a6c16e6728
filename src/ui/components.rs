//! The shared building blocks, one of each kind, so every screen looks and behaves alike.
//!
//! - Forms: [`TextField`], [`TextAreaField`], [`SelectField`], [`ChoiceField`] and [`CheckboxField`] (label
//!   above, help under it, the error next to the field) and [`ErrorSummary`] (every problem at the top, each a link to
//!   its field).
//! - Errors: [`ErrorNotice`] shows a [`StoreError`] in plain words, with the technical
//!   detail folded away.
//! - Feedback: [`Toast`] shows the latest [`Notice`] (with an optional undo).
//! - Pages: [`PageHeader`] (title, lead, optional badge and actions) opens every screen.
//! - [`Loading`] for the moment data is being read; [`NotFound`] for a link that leads
//!   nowhere; [`Warnings`] for advice that never blocks saving.

use crate::domain::kinds::RecordKind;
use crate::i18n::{render, t};
use crate::tr;
use leptos::prelude::*;

use crate::domain::message::Message;
use crate::domain::{Field, FieldErrors, Kind, RecordId};
use crate::store::StoreError;
pub use crate::ui::notices::{Notice, Notices, Toast, Undo};
use crate::ui::AppState;

/// Builds the ids a field's `aria-describedby` names: its help (if any) and its error
/// (while there is one).
fn described_by(id: &str, has_help: bool, error: Signal<Option<String>>) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    move || {
        let mut ids = Vec::new();
        if has_help {
            ids.push(help_id.clone());
        }
        if error.with(Option::is_some) {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The frame every single-control field shares: the label above, the help under it, the
/// error next to the control, and the control itself (`children`).
#[component]
fn FieldFrame(
    id: String,
    #[prop(into)] label: String,
    help: Option<String>,
    error: Signal<Option<String>>,
    /// Shows "(optional)" after the label.
    optional_hint: bool,
    children: Children,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--invalid=move || error.with(Option::is_some)>
            <label for=id>
                {label}
                {optional_hint.then(|| view! { <span class="field__optional">{t(" (optional)")}</span> })}
            </label>
            {help.map(|text| view! { <p class="field__help" id=help_id>{text}</p> })}
            <p class="field__error" id=error_id hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
            {children()}
        </div>
    }
}

/// Moves focus to a field by id (from the error summary, or from a finding of the contract
/// check): opens any folded section (`<details>`, such as a clause) it sits in, and scrolls
/// the field's label (or its clause's heading) into view with it.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = document().get_element_by_id(id) else { return };
    while let Ok(Some(folded)) = element.closest("details:not([open])") {
        if folded.set_attribute("open", "").is_err() {
            break;
        }
    }
    let frame = [".clause-editor", ".field, .checkbox"].into_iter().find_map(|frame| element.closest(frame).ok().flatten());
    if let Some(frame) = frame {
        frame.scroll_into_view_with_bool(true);
    }
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// A field's own error among the form's `errors` (none without them), in the person's
/// language. Every field component finds its error here from its `field`.
fn error_of(errors: Option<RwSignal<FieldErrors>>, field: Field) -> Signal<Option<String>> {
    Signal::derive(move || errors.and_then(|errors| errors.with(|e| e.message_for(field).map(render))))
}

/// A single-line text input with its label, help and error.
#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// The form's problems; the field shows its own.
    #[prop(optional)]
    errors: Option<RwSignal<FieldErrors>>,
    #[prop(optional, into)] help: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// "text" unless given: "date", "number", …
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// Leave out the "(optional)" hint, where another check (such as the contract
    /// check) says what is needed.
    #[prop(optional)]
    no_optional_hint: bool,
) -> impl IntoView {
    let error = error_of(errors, field);
    let id = field.id();
    let described_by = described_by(&id, help.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label help=help error=error optional_hint=!required && !no_optional_hint>
            <input
                type=input_type.unwrap_or("text")
                id=id.clone()
                name=id
                autocomplete=autocomplete.unwrap_or("off")
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

/// A multi-line text box with its label, help and error.
#[component]
pub fn TextAreaField(
    field: Field,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    /// The form's problems; the field shows its own.
    #[prop(optional)]
    errors: Option<RwSignal<FieldErrors>>,
    #[prop(optional, into)] help: Option<String>,
    #[prop(default = 5)] rows: u32,
) -> impl IntoView {
    let error = error_of(errors, field);
    let id = field.id();
    let described_by = described_by(&id, help.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label help=help error=error optional_hint=false>
            <textarea
                id=id.clone()
                name=id
                rows=rows
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </FieldFrame>
    }
}

/// One option of a [`ChoiceField`].
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    /// The words of the option (translated, or with a name in it).
    pub label: String,
    pub help: String,
}

/// A set of radio buttons in a fieldset, with its legend, help and error.
#[component]
pub fn ChoiceField(
    field: Field,
    #[prop(into)] legend: String,
    choices: Vec<Choice>,
    value: RwSignal<String>,
    /// The form's problems; the field shows its own.
    #[prop(optional)]
    errors: Option<RwSignal<FieldErrors>>,
    /// Lays short options out in a row.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let error = error_of(errors, field);
    let id = field.id();
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <fieldset class="field field--choice" class:field--invalid=move || error.with(Option::is_some)
            aria-describedby=described>
            <legend>{legend}</legend>
            <p class="field__error" id=error_id hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
            <div class="choices" class:choices--row=inline>
                {choices
                    .into_iter()
                    .enumerate()
                    .map(|(index, choice)| {
                        // The first option carries the field's id so the error summary can focus it.
                        // Options typed by people (a questionnaire's) may hold spaces: those go by position.
                        let plain = choice.value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                        let input_id = match index {
                            0 => id.clone(),
                            _ if plain => format!("{id}-{}", choice.value),
                            _ => format!("{id}-{index}"),
                        };
                        let help_id = format!("{input_id}-help");
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    id=input_id.clone()
                                    name=id.clone()
                                    value=choice.value.clone()
                                    aria-describedby=help_id.clone()
                                    prop:checked={
                                        let chosen = choice.value.clone();
                                        move || value.get() == chosen
                                    }
                                    on:change=move |_| value.set(choice.value.clone())
                                />
                                <label for=input_id>{choice.label}</label>
                                <p class="choice__help" id=help_id>{choice.help}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// The options of a [`SelectField`]: (value, text) pairs, fixed or read from data.
#[derive(Clone, Default)]
pub struct SelectOptions(pub Vec<(String, String)>);

impl From<Vec<(&'static str, &'static str)>> for SelectOptions {
    fn from(options: Vec<(&'static str, &'static str)>) -> Self {
        SelectOptions(options.into_iter().map(|(v, t)| (v.to_string(), t.to_string())).collect())
    }
}

impl From<Vec<(String, String)>> for SelectOptions {
    fn from(options: Vec<(String, String)>) -> Self {
        SelectOptions(options)
    }
}

/// A drop-down list with its label, help and error. The first option is `placeholder`
/// (value ""), for "not chosen yet".
#[component]
pub fn SelectField(
    field: Field,
    label: &'static str,
    #[prop(into)] options: SelectOptions,
    value: RwSignal<String>,
    /// The form's problems; the field shows its own.
    #[prop(optional)]
    errors: Option<RwSignal<FieldErrors>>,
    #[prop(optional)] help: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let error = error_of(errors, field);
    let id = field.id();
    let described_by = described_by(&id, help.is_some(), error);
    view! {
        <FieldFrame id=id.clone() label=label help=help.map(str::to_string) error=error optional_hint=false>
            <select
                id=id.clone()
                name=id
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {options
                    .0
                    .into_iter()
                    .map(|(option, text)| {
                        let chosen = option.clone();
                        view! { <option value=option selected=move || value.get() == chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </FieldFrame>
    }
}

/// A single tick box with its label and optional help.
#[component]
pub fn CheckboxField(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    checked: RwSignal<bool>,
    #[prop(optional)] help: Option<&'static str>,
    /// Greys the box out (its help says why).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="checkbox">
            <input
                type="checkbox"
                id=id.clone()
                disabled=move || disabled.get()
                aria-describedby=help.map(|_| help_id.clone())
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            {help.map(|text| view! { <p class="checkbox__help" id=help_id.clone()>{text}</p> })}
        </div>
    }
}

/// Every problem in a form, at the top. Gets focus when it appears so screen reader
/// users hear it; each item moves focus to its field.
#[component]
pub fn ErrorSummary(errors: RwSignal<FieldErrors>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.with(FieldErrors::is_empty) {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=summary
            hidden=move || errors.with(FieldErrors::is_empty)>
            <h2>{t("Please check this form")}</h2>
            <ul>
                {move || errors.with(|errors| {
                    errors.iter().map(|problem| {
                        let target = problem.field.id();
                        view! {
                            <li>
                                <a href=format!("#{target}") on:click=move |ev| {
                                    ev.prevent_default();
                                    focus_element(&target);
                                }>{render(&problem.message)}</a>
                            </li>
                        }
                    }).collect_view()
                })}
            </ul>
        </div>
    }
}

/// The error of a write ([`crate::ui::actions::store_action`]), if its last run failed.
#[component]
pub fn ActionError<I: 'static>(action: Action<I, Option<StoreError>>) -> impl IntoView {
    move || action.value().get().flatten().map(|error| view! { <ErrorNotice error=error /> })
}

/// A storage problem, in plain words, with the technical detail folded away.
/// When the record changed elsewhere, it offers the choice: reload (`on_reload`, or
/// reread everything) or keep mine (`on_keep_mine`, where the screen can offer it).
#[component]
pub fn ErrorNotice(
    error: StoreError,
    #[prop(optional)] on_reload: Option<Callback<()>>,
    #[prop(optional)] on_keep_mine: Option<Callback<()>>,
) -> impl IntoView {
    let detail = error.detail().map(str::to_string);
    let changed_elsewhere = error == StoreError::ChangedElsewhere;
    view! {
        <div class="notice notice--error" role="alert">
            <p class="notice__title">{t("Something needs your attention")}</p>
            <p>{render(&error.user_message())}</p>
            {changed_elsewhere.then(|| view! {
                <p>{if on_keep_mine.is_some() {
                    t("Reload to see the other version, or keep yours: your edit to this part is saved over it, and everything else stays as the other version has it.")
                } else {
                    t("Reload to see the other version, then make your change again.")
                }}</p>
                <p class="notice__actions">
                    <button type="button" class="button" on:click=move |_| match on_reload {
                        Some(reload) => reload.run(()),
                        None => AppState::expect().data_changed(),
                    }>{t("Reload the other version")}</button>
                    {on_keep_mine.map(|keep| view! {
                        <button type="button" class="button button--primary" on:click=move |_| keep.run(())>{t("Keep mine")}</button>
                    })}
                </p>
            })}
            {(error == StoreError::QuotaExceeded).then(|| view! {
                <p><a href=crate::ui::route::Route::YourData.href()>{t("Download a backup of everything saved so far")}</a></p>
            })}
            {detail.map(|detail| view! {
                <details>
                    <summary>{t("Technical details")}</summary>
                    <code>{detail}</code>
                </details>
            })}
        </div>
    }
}

/// The top of every screen: the title, an optional lead sentence and kind badge, and
/// the screen's actions (its one obvious next step first).
#[component]
pub fn PageHeader(
    #[prop(into)] title: String,
    #[prop(optional, into)] lead: Option<String>,
    #[prop(optional)] badge: Option<Kind>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="page-header">
            <div>
                {badge.map(|kind| view! {
                    <p class="page-header__eyebrow"><span class=format!("badge badge--{}", kind.as_str())>{t(kind.label())}</span></p>
                })}
                <h1>{title}</h1>
                {lead.map(|lead| view! { <p class="page-header__lead">{lead}</p> })}
            </div>
            {children.map(|actions| view! { <div class="page-header__actions">{actions()}</div> })}
        </div>
    }
}

/// The one way a screen shows a record it reads: as [`when_read`], with the not-found page
/// if there is nothing, else `screen`.
pub fn loaded<T: Clone + Send + Sync + 'static>(
    data: LocalResource<Result<Option<T>, StoreError>>,
    what: &'static str,
    screen: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    when_read(data, what, move |found| match found {
        None => view! { <NotFound /> }.into_any(),
        Some(value) => screen(value),
    })
}

/// The one way a screen or section shows what it reads: "Loading …" while reading, the
/// storage problem if reading failed, else `show`.
pub fn when_read<T: Clone + 'static>(
    data: LocalResource<Result<T, StoreError>>,
    what: &'static str,
    show: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || match data.get() {
        None => view! { <Loading what=what /> }.into_any(),
        Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
        Some(Ok(value)) => show(value),
    }
}

/// Shown while data is read (usually for a moment only).
#[component]
pub fn Loading(what: &'static str) -> impl IntoView {
    view! { <p class="loading" role="status">{tr!("Loading {what}…", what = what)}</p> }
}

/// The one way to delete a record from its screen: a quiet "Delete" button that asks first
/// in a dialog saying what goes, then marks the record deleted and shows a notice with
/// "Undo" (the undo works from any screen, so `then` may move on, e.g. to the list).
#[component]
pub fn DeleteRecord(
    kind: RecordKind,
    id: RecordId,
    /// The button's words, e.g. "Delete this goal".
    #[prop(into)]
    button: String,
    /// The dialog's question, e.g. "Delete the goal “Lead the team”?"
    #[prop(into)]
    question: String,
    /// What goes with it and that it can be undone.
    #[prop(into)]
    explanation: String,
    /// The notice once deleted, and the one once restored.
    #[prop(into)]
    deleted: String,
    #[prop(into)] restored: String,
    /// Where to go once deleted (the record's screen no longer exists).
    #[prop(optional)]
    then: Option<String>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let slug = format!("delete-{}-{}", kind.store(), id.as_str());
    let (title_id, help_id) = (format!("{slug}-title"), format!("{slug}-help"));
    let delete = crate::ui::actions::store_action(
        move |store, _: ()| {
            let id = id.clone();
            async move { store.delete_record(kind, &id).await.map(|()| id) }
        },
        move |id| {
            close_modal(dialog);
            if let Some(fragment) = &then {
                crate::platform::location::set_fragment(fragment);
            }
            crate::ui::actions::Said::Undoable(deleted.clone(), Undo { kind, id, restored: restored.clone() })
        },
    );
    view! {
        <button type="button" class="button button--danger-quiet" on:click=move |_| open_modal(dialog)>{button}</button>
        <ActionError action=delete />
        <dialog class="dialog" node_ref=dialog aria-labelledby=title_id.clone() aria-describedby=help_id.clone()>
            <h2 id=title_id.clone()>{question}</h2>
            <p id=help_id.clone()>{explanation}</p>
            <div class="dialog__actions">
                <button type="button" class="button button--danger" on:click=move |_| { delete.dispatch(()); }
                    disabled=move || delete.pending().get()>{t("Delete")}</button>
                <button type="button" class="button" autofocus on:click=move |_| close_modal(dialog)>{t("Keep it")}</button>
            </div>
        </dialog>
    }
}

/// Opens a `<dialog>` as a modal (every confirmation opens this way).
pub fn open_modal(dialog: NodeRef<leptos::html::Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        let _ = d.show_modal();
    }
}

/// Closes a `<dialog>`.
pub fn close_modal(dialog: NodeRef<leptos::html::Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        d.close();
    }
}

/// Warnings that never block saving.
#[component]
pub fn Warnings(#[prop(into)] warnings: Signal<Vec<Message>>) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite">
            {move || {
                let list = warnings.get();
                (!list.is_empty()).then(|| view! {
                    <div class="notice notice--warning">
                        <p class="notice__title">{t("Worth a look")}</p>
                        <ul>{list.iter().map(|w| view! { <li>{render(w)}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
        </div>
    }
}

/// Shown for a link that names no screen of the app, or a record that is gone.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageHeader title=t("This page does not exist")
            lead=t("The link may be incomplete, or the engagement it pointed to may have been deleted.") />
        <p><a class="button" href=crate::ui::route::Route::Engagements.href()>{t("Go to your engagements")}</a></p>
    }
}

/// The one choice for a copy changed on both sides: "Keep mine" or `theirs` ("Take
/// theirs", "Take the file's"). `taken`: whether theirs is chosen, `None` until the person
/// decides; `choose` gets `true` for theirs. `name` groups the two radio buttons.
#[component]
pub fn KeepOrTake(name: String, theirs: &'static str, #[prop(into)] taken: Signal<Option<bool>>, choose: Callback<bool>) -> impl IntoView {
    let (mine_id, theirs_id) = (format!("{name}-mine"), format!("{name}-theirs"));
    view! {
        <div class="choices choices--row">
            <div class="choice">
                <input type="radio" id=mine_id.clone() name=name.clone()
                    prop:checked=move || taken.get() == Some(false) on:change=move |_| choose.run(false) />
                <label for=mine_id>{t("Keep mine")}</label>
            </div>
            <div class="choice">
                <input type="radio" id=theirs_id.clone() name=name
                    prop:checked=move || taken.get() == Some(true) on:change=move |_| choose.run(true) />
                <label for=theirs_id>{theirs}</label>
            </div>
        </div>
    }
}

/// A file input a person just used, to read in an action.
pub type ChosenFile = send_wrapper::SendWrapper<web_sys::HtmlInputElement>;

/// The one way to choose an Accord file (.json): its label, a line of help, and the
/// input; `chosen` gets the input once a file is chosen, to read with [`chosen_text`].
#[component]
pub fn FileField(
    id: &'static str,
    label: &'static str,
    help: &'static str,
    chosen: impl Fn(ChosenFile) + 'static,
    #[prop(optional)] hidden: bool,
    /// The kinds of file offered: `.json` unless given.
    #[prop(optional)]
    accept: Option<&'static str>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let accept = accept.unwrap_or(".json,application/json");
    view! {
        <div class="field" hidden=hidden>
            <label for=id>{label}</label>
            <p class="field__help" id=help_id.clone()>{help}</p>
            <input type="file" id=id accept=accept aria-describedby=help_id
                on:change=move |ev| chosen(ChosenFile::new(event_target(&ev))) />
        </div>
    }
}

/// The text of the file chosen in `input` (`None` when none was chosen); the input is
/// cleared, so choosing the same file again reads it again.
pub async fn chosen_text(input: &ChosenFile) -> Result<Option<String>, StoreError> {
    let text = crate::platform::files::read_chosen_file(input).await.map_err(StoreError::Refused)?;
    input.set_value("");
    Ok(text)
}
