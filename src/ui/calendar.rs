//! [`CalendarPanel`]: an engagement's sessions as a calendar file for the person's own
//! calendar app, with a reminder ahead of each session (chosen here), the agreed actions
//! with due dates as to-dos, and, in the client's copy, "send your themes" two days before
//! each session to come. The file's rules are in `domain::session::ics`; a reminder longer
//! than the gap between two sessions is refused in words and nothing is downloaded.

use crate::i18n::t;
use crate::tr;
use leptos::prelude::*;

use crate::domain::goal::ItemKind;
use crate::domain::party::Party;
use crate::domain::session::ics;
use crate::domain::session::reminder::{self, Reminder};
use crate::domain::session::Status;
use crate::domain::{Field, FieldErrors};
use crate::platform::{clock, files};
use crate::ui::components::{ErrorSummary, Notices, SelectField};
use crate::ui::data::SessionsData;

/// The calendar file and its reminder, for the device's owner in their part (`me`).
#[component]
pub fn CalendarPanel(data: SessionsData, me: Party) -> impl IntoView {
    let reminder = RwSignal::new(Reminder::Hour.as_str().to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let options: Vec<(&'static str, &'static str)> = Reminder::ALL.iter().map(|r| (r.as_str(), t(r.label()))).collect();
    let has_sessions = !data.sessions.is_empty();
    let download = move |_| {
        let chosen = Reminder::parse(&reminder.get_untracked()).unwrap_or(Reminder::None);
        let mut problems = FieldErrors::new();
        match calendar_file(&data, me, chosen) {
            Ok((name, text, events)) => {
                errors.set(problems);
                let notices = Notices::expect();
                match files::download(&name, "text/calendar", &text) {
                    Ok(()) => notices.show(if events == 1 {
                        t("Downloaded 1 session as a calendar file.").to_string()
                    } else {
                        tr!("Downloaded {n} sessions as a calendar file.", n = events)
                    }),
                    Err(_) => notices.show(t("The calendar file could not be downloaded. Your sessions are unchanged.")),
                }
            }
            Err(problem) => {
                problems.push(Field::Reminder, problem);
                errors.set(problems);
            }
        }
    };
    let help = match me {
        Party::Client => t("Your sessions with a reminder before each, the actions you agreed as to-dos, and a to-do to send your themes two days before each session. Download it again after a change: your calendar updates the same entries."),
        _ => t("Every session with a reminder before each, and the agreed actions with a due date as to-dos. Download it again after a change: your calendar updates the same entries."),
    };
    view! {
        <section class="panel" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{t("In your calendar")}</h2>
            <p class="field__help">{help}</p>
            <ErrorSummary errors=errors />
            <SelectField field=Field::Reminder label=t("Reminder") options=options value=reminder errors=errors />
            <p class="panel__action">
                <button type="button" class="button" on:click=download disabled=!has_sessions>{t("Download calendar (.ics)")}</button>
            </p>
        </section>
    }
}

/// The file's name and text, and how many sessions it holds; or why the reminder does not fit.
fn calendar_file(data: &SessionsData, me: Party, reminder: Reminder) -> Result<(String, String, usize), crate::domain::Message> {
    let start = |s: &crate::domain::session::Session| clock::local_to_utc_millis(s.date, s.time);
    let planned: Vec<i64> =
        data.sessions.iter().filter(|s| !s.deleted && s.data.status == Status::Planned).map(|s| start(&s.data)).collect();
    if let Some(problem) = reminder::reminder_problem(reminder, &planned) {
        return Err(problem);
    }
    let engagement = &data.engagement.data;
    let who = match me {
        Party::Practitioner | Party::Sponsor => data.client(),
        Party::Client => engagement.practitioner.as_str().to_string(),
    };
    let events: Vec<ics::Event> = data
        .sessions
        .iter()
        .filter(|s| !s.deleted)
        .map(|r| ics::Event {
            alarm_minutes: (r.data.status == Status::Planned).then(|| reminder.minutes()).flatten(),
            ..ics::event_for(&r.id, r.revision, &r.data, &who, start(&r.data))
        })
        .collect();
    let actions = data
        .goals
        .iter()
        .filter(|g| !g.deleted)
        .flat_map(|g| g.data.items.iter())
        .chain(data.sessions.iter().filter(|s| !s.deleted).flat_map(|s| s.data.actions.iter()))
        .filter(|item| item.kind == ItemKind::Action)
        .filter_map(ics::todo_for_action);
    let themes = data
        .sessions
        .iter()
        .filter(|s| me == Party::Client && !s.deleted && s.data.date > clock::today())
        .filter_map(|s| ics::themes_todo(&s.id, &s.data, tr!("Send your themes for {session}", session = t(s.data.title()))));
    let todos: Vec<ics::Todo> = actions.chain(themes).collect();
    let name = format!("{} with {who}", t(data.kind().label()));
    let text = ics::calendar(&name, &events, &todos, clock::now().0);
    Ok((files::file_name_with(&["sessions", &who], "ics"), text, events.len()))
}
