//! The parts of a session that the sessions list and one session's screen share:
//! [`when`] it is, its [`StatusBadge`], and the form fields for its date, time, length,
//! mode, purpose and status ([`SessionFields`], over [`SessionFormSignals`]); and one
//! theme the client brings, as a list item ([`ThemeLine`]).

use crate::domain::contract::terms::SessionMode;
use crate::domain::session::form::SessionForm;
use crate::domain::session::{Purpose, Session, Status, Theme};
use crate::domain::{Field, FieldErrors};
use crate::i18n::{t, DateText};
use crate::tr;
use crate::ui::components::{SelectField, TextField};
use leptos::prelude::*;

/// "Tue 1 Dec 2026 at 09:00"
pub fn when(session: &Session) -> String {
    tr!("{date} at {time}", date = session.date.local(), time = session.time)
}

/// A status as a small badge.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("status status--{}", status.as_str())>{t(status.label())}</span> }
}

/// The signals behind a [`SessionForm`].
#[derive(Clone, Copy)]
pub struct SessionFormSignals {
    pub date: RwSignal<String>,
    pub time: RwSignal<String>,
    pub minutes: RwSignal<String>,
    pub mode: RwSignal<String>,
    pub purpose: RwSignal<String>,
    pub status: RwSignal<String>,
    pub status_note: RwSignal<String>,
}

impl SessionFormSignals {
    pub fn new(form: &SessionForm) -> SessionFormSignals {
        SessionFormSignals {
            date: RwSignal::new(form.date.clone()),
            time: RwSignal::new(form.time.clone()),
            minutes: RwSignal::new(form.minutes.clone()),
            mode: RwSignal::new(form.mode.clone()),
            purpose: RwSignal::new(form.purpose.clone()),
            status: RwSignal::new(form.status.clone()),
            status_note: RwSignal::new(form.status_note.clone()),
        }
    }

    pub fn read(&self) -> SessionForm {
        SessionForm {
            date: self.date.get(),
            time: self.time.get(),
            minutes: self.minutes.get(),
            mode: self.mode.get(),
            purpose: self.purpose.get(),
            status: self.status.get(),
            status_note: self.status_note.get(),
        }
    }
}

/// The fields of a session's date, time, length, mode, purpose and status.
#[component]
pub fn SessionFields(form: SessionFormSignals, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let modes: Vec<(&'static str, &'static str)> = SessionMode::ALL.iter().map(|m| (m.as_str(), t(m.label()))).collect();
    let purposes: Vec<(&'static str, &'static str)> = Purpose::ALL.iter().map(|p| (p.as_str(), t(p.label()))).collect();
    let statuses: Vec<(&'static str, &'static str)> = Status::ALL.iter().map(|s| (s.as_str(), t(s.label()))).collect();
    view! {
        <div class="field-row">
            <TextField field=Field::SessionDate label=t("Date") value=form.date input_type="date" required=true errors=errors />
            <TextField field=Field::SessionTime label=t("Start time") value=form.time input_type="time" required=true errors=errors />
            <TextField field=Field::SessionLength label=t("Length in minutes") value=form.minutes input_type="number" required=true errors=errors />
        </div>
        <div class="field-row">
            <SelectField field=Field::SessionPurpose label=t("What it is for") options=purposes value=form.purpose errors=errors />
            <SelectField field=Field::SessionMode label=t("How you meet") options=modes value=form.mode placeholder=t("Not decided") errors=errors />
            <SelectField field=Field::SessionStatus label=t("Status") options=statuses value=form.status errors=errors />
        </div>
        <TextField field=Field::SessionStatusNote label=t("Note about the arrangement") value=form.status_note errors=errors help=t("For example why it was cancelled, or where you meet.") />
    }
}

/// One theme as a list item: what, why now, what to leave with; `children` (a remove
/// button, say) after them.
#[component]
pub fn ThemeLine(theme: Theme, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <li class="theme">
            <p class="theme__what">{theme.what}</p>
            {(!theme.why_now.is_empty()).then(|| view! { <p><span class="theme__label">{t("Why now: ")}</span>{theme.why_now}</p> })}
            {(!theme.leave_with.is_empty()).then(|| view! { <p><span class="theme__label">{t("To leave with: ")}</span>{theme.leave_with}</p> })}
            {children.map(|children| children())}
        </li>
    }
}
