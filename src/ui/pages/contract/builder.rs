//! [`ContractBuilder`]: the guided builder for a draft contract. Sections follow the
//! 19 elements; the contract check (the linter) stands beside the form and updates as
//! the person types, each finding a link to the field or clause that fixes it. "Save draft"
//! keeps a half-done draft; "Propose" saves and proposes in one step, once nothing is missing.

use crate::domain::message::Message;
use crate::domain::validation::required_text;
use crate::i18n::{lower, phrase, render, t};
use crate::msg;
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::form::{ClauseForm, ContractDraft, ContractForm, GoalForm};
use crate::domain::contract::terms::*;
use crate::domain::contract::{lint, merge, Contract, ContractTemplate, Finding, FixIn, Parties, Severity};
use crate::domain::{Field, FieldErrors, Kind, Record};
use crate::platform::location;
use crate::ui::actions::{store_action, store_action_off_screen};
use crate::ui::components::{focus_element, ActionError, CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField};
use crate::ui::route::Route;
use crate::ui::AppState;

/// Options of a choice enum, for a [`SelectField`].
macro_rules! options {
    ($ty:ty) => {
        <$ty>::ALL.iter().map(|v| (v.as_str(), t(v.label()))).collect::<Vec<_>>()
    };
}

/// One goal row: its own signals, so typing re-renders nothing else.
#[derive(Clone, Copy)]
struct GoalRow {
    description: RwSignal<String>,
    measure: RwSignal<String>,
}

impl GoalRow {
    fn new(goal: &GoalForm) -> GoalRow {
        GoalRow { description: RwSignal::new(goal.description.clone()), measure: RwSignal::new(goal.success_measure.clone()) }
    }
    fn read(self) -> GoalForm {
        GoalForm { description: self.description.get(), success_measure: self.measure.get() }
    }
}

#[derive(Clone, Copy)]
struct ClauseRow {
    element: u8,
    heading: RwSignal<String>,
    text: RwSignal<String>,
}

/// The builder's state: one signal per field of a [`ContractForm`].
#[derive(Clone, Copy)]
struct BuilderState {
    coaching_type: RwSignal<String>,
    mentoring_programme: RwSignal<String>,
    agenda: RwSignal<String>,
    signposting_prominent: RwSignal<bool>,
    goals: RwSignal<Vec<GoalRow>>,
    sponsor_objectives: RwSignal<Vec<GoalRow>>,
    mode: RwSignal<String>,
    location: RwSignal<String>,
    frequency: RwSignal<String>,
    session_minutes: RwSignal<String>,
    session_count: RwSignal<String>,
    start_date: RwSignal<String>,
    end_date: RwSignal<String>,
    payer: RwSignal<String>,
    fee_per_session: RwSignal<String>,
    currency: RwSignal<String>,
    cancellation_notice_hours: RwSignal<String>,
    late_cancellation_counts_as_used: RwSignal<bool>,
    confidentiality_limits: RwSignal<Vec<String>>,
    reports_to_sponsor: RwSignal<bool>,
    report_cadence: RwSignal<String>,
    report_form: RwSignal<String>,
    report_author: RwSignal<String>,
    shares_attendance: RwSignal<bool>,
    shares_goal_progress: RwSignal<bool>,
    shares_themes: RwSignal<bool>,
    client_consent: RwSignal<bool>,
    contact_between_sessions: RwSignal<String>,
    code_of_ethics: RwSignal<String>,
    practitioner_in_supervision: RwSignal<bool>,
    mid_point_review: RwSignal<bool>,
    end_review: RwSignal<bool>,
    review_every_months: RwSignal<String>,
    three_way_meetings: RwSignal<bool>,
    notes_retention_months: RwSignal<String>,
    clauses: RwSignal<Vec<ClauseRow>>,
}

impl BuilderState {
    fn new(form: ContractForm) -> BuilderState {
        BuilderState {
            coaching_type: RwSignal::new(form.coaching_type),
            mentoring_programme: RwSignal::new(form.mentoring_programme),
            agenda: RwSignal::new(form.agenda),
            signposting_prominent: RwSignal::new(form.signposting_prominent),
            goals: RwSignal::new(form.goals.iter().map(GoalRow::new).collect()),
            sponsor_objectives: RwSignal::new(form.sponsor_objectives.iter().map(GoalRow::new).collect()),
            mode: RwSignal::new(form.mode),
            location: RwSignal::new(form.location),
            frequency: RwSignal::new(form.frequency),
            session_minutes: RwSignal::new(form.session_minutes),
            session_count: RwSignal::new(form.session_count),
            start_date: RwSignal::new(form.start_date),
            end_date: RwSignal::new(form.end_date),
            payer: RwSignal::new(form.payer),
            fee_per_session: RwSignal::new(form.fee_per_session),
            currency: RwSignal::new(form.currency),
            cancellation_notice_hours: RwSignal::new(form.cancellation_notice_hours),
            late_cancellation_counts_as_used: RwSignal::new(form.late_cancellation_counts_as_used),
            confidentiality_limits: RwSignal::new(form.confidentiality_limits),
            reports_to_sponsor: RwSignal::new(form.reports_to_sponsor),
            report_cadence: RwSignal::new(form.report_cadence),
            report_form: RwSignal::new(form.report_form),
            report_author: RwSignal::new(form.report_author),
            shares_attendance: RwSignal::new(form.shares_attendance),
            shares_goal_progress: RwSignal::new(form.shares_goal_progress),
            shares_themes: RwSignal::new(form.shares_themes),
            client_consent: RwSignal::new(form.client_consent),
            contact_between_sessions: RwSignal::new(form.contact_between_sessions),
            code_of_ethics: RwSignal::new(form.code_of_ethics),
            practitioner_in_supervision: RwSignal::new(form.practitioner_in_supervision),
            mid_point_review: RwSignal::new(form.mid_point_review),
            end_review: RwSignal::new(form.end_review),
            review_every_months: RwSignal::new(form.review_every_months),
            three_way_meetings: RwSignal::new(form.three_way_meetings),
            notes_retention_months: RwSignal::new(form.notes_retention_months),
            clauses: RwSignal::new(
                form.clauses
                    .into_iter()
                    .map(|c| ClauseRow { element: c.element, heading: RwSignal::new(c.heading), text: RwSignal::new(c.text) })
                    .collect(),
            ),
        }
    }

    /// The form as it stands (tracked: a reactive reader updates as the person types).
    fn read(&self) -> ContractForm {
        ContractForm {
            coaching_type: self.coaching_type.get(),
            mentoring_programme: self.mentoring_programme.get(),
            agenda: self.agenda.get(),
            signposting_prominent: self.signposting_prominent.get(),
            goals: self.goals.get().into_iter().map(GoalRow::read).collect(),
            sponsor_objectives: self.sponsor_objectives.get().into_iter().map(GoalRow::read).collect(),
            mode: self.mode.get(),
            location: self.location.get(),
            frequency: self.frequency.get(),
            session_minutes: self.session_minutes.get(),
            session_count: self.session_count.get(),
            start_date: self.start_date.get(),
            end_date: self.end_date.get(),
            payer: self.payer.get(),
            fee_per_session: self.fee_per_session.get(),
            currency: self.currency.get(),
            cancellation_notice_hours: self.cancellation_notice_hours.get(),
            late_cancellation_counts_as_used: self.late_cancellation_counts_as_used.get(),
            confidentiality_limits: self.confidentiality_limits.get(),
            reports_to_sponsor: self.reports_to_sponsor.get(),
            report_cadence: self.report_cadence.get(),
            report_form: self.report_form.get(),
            report_author: self.report_author.get(),
            shares_attendance: self.shares_attendance.get(),
            shares_goal_progress: self.shares_goal_progress.get(),
            shares_themes: self.shares_themes.get(),
            client_consent: self.client_consent.get(),
            contact_between_sessions: self.contact_between_sessions.get(),
            code_of_ethics: self.code_of_ethics.get(),
            practitioner_in_supervision: self.practitioner_in_supervision.get(),
            mid_point_review: self.mid_point_review.get(),
            end_review: self.end_review.get(),
            review_every_months: self.review_every_months.get(),
            three_way_meetings: self.three_way_meetings.get(),
            notes_retention_months: self.notes_retention_months.get(),
            clauses: self
                .clauses
                .get()
                .into_iter()
                .map(|c| ClauseForm { element: c.element, heading: c.heading.get(), text: c.text.get() })
                .collect(),
        }
    }
}

/// What the person asked for when submitting the builder.
#[derive(Clone, Copy, PartialEq)]
enum Intent {
    Save,
    Propose,
    /// Save, then open the engagement's details (to fix what the contract check found there).
    SaveThenEditEngagement,
}

#[component]
pub fn ContractBuilder(record: Record<Contract>, parties: Parties) -> impl IntoView {
    AppState::expect().editing_while_mounted();
    let form = BuilderState::new(ContractForm::from_contract(&record.data.terms, &record.data.clauses));
    let errors = RwSignal::new(FieldErrors::new());
    let three_way = parties.is_three_way();
    let kind = parties.kind;
    let lint_parties = parties.clone();
    // The check follows the form: what the linter says about the draft as typed.
    let findings = Memo::new(move |_| match ContractDraft::try_from(form.read()) {
        Ok(draft) => Some(lint(&lint_parties, &draft.terms, &draft.clauses)),
        Err(_) => None,
    });

    let id = record.id.clone();
    let revision = record.revision;
    let engagement = Route::EditEngagement(record.data.engagement_id.clone());
    let engagement_href = engagement.href();
    let save = store_action(
        move |store, (intent, draft): (Intent, ContractDraft)| {
            let id = id.clone();
            async move {
                let saved = match intent {
                    Intent::Save | Intent::SaveThenEditEngagement => store.save_contract_draft(&id, revision, draft).await?,
                    Intent::Propose => store.propose_contract(&id, revision, draft).await?,
                };
                Ok((intent, saved))
            }
        },
        move |(intent, saved)| match intent {
            Intent::Save => t("Saved the draft contract.").into(),
            Intent::SaveThenEditEngagement => {
                location::set_fragment(&engagement.fragment());
                t("Saved the draft contract.").into()
            }
            Intent::Propose => tr!("Proposed version {version} to every party.", version = saved.data.version).into(),
        },
    );
    let submit = move |intent: Intent| match ContractDraft::try_from(form.read()) {
        Ok(draft) => {
            errors.set(FieldErrors::new());
            save.dispatch((intent, draft));
        }
        Err(problems) => errors.set(problems),
    };
    let template_name = record.data.template_name.clone();
    let template_name_input = RwSignal::new(String::new());
    let template_errors = RwSignal::new(FieldErrors::new());
    // The clauses as the person's own template, under the name typed. It is kept off
    // screen: the builder is not read again, so unsaved changes in the form stay.
    let save_template = store_action_off_screen(
        move |store, template: ContractTemplate| async move {
            let name = template.name.clone();
            store.save_template(template).await.map(|_| name)
        },
        move |name| {
            template_name_input.set(String::new());
            tr!("Saved “{name}” as one of your templates.", name = name).into()
        },
    );
    // A missing name, or a form with problems, shows next to the name; nothing is saved.
    let keep_as_template = move || {
        let problem = |message: Message| {
            let mut problems = FieldErrors::new();
            problems.push(Field::Title, message);
            template_errors.set(problems);
        };
        let name = match required_text(&template_name_input.get_untracked(), msg!("the template name"), 120) {
            Ok(name) => name,
            Err(message) => return problem(message),
        };
        let Ok(draft) = ContractDraft::try_from(form.read()) else { return problem(msg!("Fix the problems in the form first.")) };
        template_errors.set(FieldErrors::new());
        save_template.dispatch(ContractTemplate::from_contract(
            name,
            tr!("Saved from a contract based on “{template}”.", template = phrase(&template_name)),
            kind,
            three_way,
            &draft.terms,
            &draft.clauses,
        ));
    };

    view! {
        <div class="builder">
            <form class="form builder__form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                submit(Intent::Save);
            }>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <ProgrammeSection form=form errors=errors kind=kind />
                <GoalsSection form=form errors=errors three_way=three_way />
                <LogisticsSection form=form errors=errors />
                <FeesSection form=form errors=errors />
                <ConfidentialitySection form=form errors=errors three_way=three_way />
                <ReviewsSection form=form errors=errors three_way=three_way kind=kind />
                <ClausesSection form=form errors=errors />
                <div class="form__actions builder__actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>{t("Save draft")}</button>
                    <button type="button" class="button button--primary"
                        disabled=move || save.pending().get() || findings.get().is_none_or(|f| f.iter().any(|f| f.severity == Severity::Missing))
                        on:click=move |_| submit(Intent::Propose)>{t("Propose to every party")}</button>
                </div>
                <details class="builder__template">
                    <summary>{t("Save these clauses as my own template")}</summary>
                    <div class="inline-form">
                        <TextField no_optional_hint=true field=Field::Title label=t("Template name") value=template_name_input
                            errors=template_errors />
                        <ActionError action=save_template />
                        <button type="button" class="button" disabled=move || save_template.pending().get()
                            on:click=move |_| keep_as_template()>{t("Save template")}</button>
                    </div>
                </details>
            </form>
            <LintPanel findings=findings engagement_href=engagement_href
                edit_engagement=Callback::new(move |_| submit(Intent::SaveThenEditEngagement)) />
        </div>
    }
}

/// The contract check, beside the builder. Each finding is a link that moves focus to the
/// field or clause that fixes it; one fixed in the engagement's details saves the draft
/// first (`edit_engagement`), so nothing typed here is lost.
#[component]
fn LintPanel(findings: Memo<Option<Vec<Finding>>>, engagement_href: String, edit_engagement: Callback<()>) -> impl IntoView {
    view! {
        <aside class="lint" aria-labelledby="lint-title">
            <h2 id="lint-title">{t("Contract check")}</h2>
            {move || match findings.get() {
                None => view! {
                    <p class="lint__status">{t("Some values in the form are not right yet; see the messages in the form.")}</p>
                }.into_any(),
                Some(findings) if findings.is_empty() => view! {
                    <p class="lint__status lint__status--clean" role="status">{t("All 19 elements are covered. Ready to propose.")}</p>
                }.into_any(),
                Some(findings) => {
                    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
                    let (missing, incomplete, advice) = (count(Severity::Missing), count(Severity::Incomplete), count(Severity::Advice));
                    let summary = if missing > 0 {
                        tr!("{missing} missing, {incomplete} incomplete, {advice} advice. Add what is missing before proposing.", missing = missing, incomplete = incomplete, advice = advice)
                    } else {
                        tr!("Nothing missing: ready to propose. {incomplete} incomplete, {advice} advice.", incomplete = incomplete, advice = advice)
                    };
                    view! {
                        <p class="lint__status" role="status">{summary}</p>
                        <ul class="lint__list">
                            {findings.into_iter().map(|f| {
                                let severity = f.severity.label();
                                view! {
                                    <li class=format!("lint__item lint__item--{}", severity.to_lowercase())>
                                        <span class="lint__severity">{t(severity)}</span>
                                        <FindingLink finding=f engagement_href=engagement_href.clone() edit_engagement=edit_engagement />
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </aside>
    }
}

/// A finding in words, as a link to where it is fixed.
#[component]
fn FindingLink(finding: Finding, engagement_href: String, edit_engagement: Callback<()>) -> impl IntoView {
    let words = render(&finding.message);
    match finding.fix {
        FixIn::Contract(field) => {
            let id = field.id();
            view! {
                <a class="lint__link" href=format!("#{id}") on:click=move |ev| {
                    ev.prevent_default();
                    focus_element(&id);
                }>{words}</a>
            }
            .into_any()
        }
        FixIn::Engagement(_) => view! {
            <a class="lint__link" href=engagement_href on:click=move |ev| {
                ev.prevent_default();
                edit_engagement.run(());
            }>{words}</a>
            <span class="lint__where">{t("In the engagement's details: the draft is saved first.")}</span>
        }
        .into_any(),
    }
}

#[component]
fn Section(number: &'static str, title: &'static str, children: Children) -> impl IntoView {
    view! {
        <fieldset class="form__group">
            <legend><span class="form__group-number">{number}</span>{title}</legend>
            {children()}
        </fieldset>
    }
}

#[component]
fn ProgrammeSection(form: BuilderState, errors: RwSignal<FieldErrors>, kind: Kind) -> impl IntoView {
    let programme = match kind {
        Kind::Coaching => view! {
            <SelectField field=Field::CoachingType label=t("Type of coaching") options=options!(CoachingType)
                value=form.coaching_type errors=errors placeholder=t("Not chosen yet") />
        }
        .into_any(),
        Kind::Mentoring => view! {
            <SelectField field=Field::MentoringProgramme label=t("Type of mentoring programme") options=options!(MentoringProgramme)
                value=form.mentoring_programme errors=errors placeholder=t("Not chosen yet") />
        }
        .into_any(),
    };
    view! {
        <Section number="2–3" title=t("The relationship")>
            {programme}
            <SelectField field=Field::Agenda label=t("Who sets each session's agenda") options=options!(AgendaLead)
                value=form.agenda errors=errors />
            <CheckboxField id="signposting" label=t("Signposting is prominent") checked=form.signposting_prominent
                help=t("The practitioner points to reading, courses and people, as mentoring usually does.") />
        </Section>
    }
}

#[component]
fn GoalRows(rows: RwSignal<Vec<GoalRow>>, errors: RwSignal<FieldErrors>, sponsor: bool) -> impl IntoView {
    let (noun, add_label) = if sponsor { (t("Objective"), t("Add a sponsor objective")) } else { (t("Goal"), t("Add a goal")) };
    view! {
        <ol class="goal-rows">
            {move || rows.get().into_iter().enumerate().map(|(index, row)| {
                let i = u8::try_from(index).unwrap_or(u8::MAX);
                let (description_field, measure_field) = if sponsor {
                    (Field::SponsorObjective(i), Field::SponsorObjectiveMeasure(i))
                } else {
                    (Field::GoalDescription(i), Field::GoalMeasure(i))
                };
                view! {
                    <li class="goal-row">
                        <TextField no_optional_hint=true field=description_field label=if sponsor { t("Objective") } else { t("Goal") } value=row.description
                            errors=errors />
                        <TextField no_optional_hint=true field=measure_field label=t("How success will be known") value=row.measure
                            errors=errors />
                        <button type="button" class="button button--quiet"
                            on:click=move |_| rows.update(|r| { if index < r.len() { r.remove(index); } })>
                            {tr!("Remove {what} {n}", what = lower(noun), n = index + 1)}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ol>
        <button type="button" class="button" id=if sponsor { Field::SponsorObjectives.id() } else { Field::Goals.id() }
            on:click=move |_| rows.update(|r| r.push(GoalRow::new(&GoalForm::default())))>{add_label}</button>
    }
}

#[component]
fn GoalsSection(form: BuilderState, errors: RwSignal<FieldErrors>, three_way: bool) -> impl IntoView {
    view! {
        <Section number="4" title=t("Purpose and goals")>
            <p class="field__help">{t("What the client wants to achieve, each with how success will be known. The goal tracker builds on these.")}</p>
            <GoalRows rows=form.goals errors=errors sponsor=false />
            {three_way.then(|| view! {
                <p class="form__subheading">{t("Sponsor objectives")}</p>
                <p class="field__help">{t("What the sponsor hopes for, kept apart from the client's own goals.")}</p>
                <GoalRows rows=form.sponsor_objectives errors=errors sponsor=true />
            })}
        </Section>
    }
}

#[component]
fn LogisticsSection(form: BuilderState, errors: RwSignal<FieldErrors>) -> impl IntoView {
    view! {
        <Section number="5" title=t("Logistics")>
            <SelectField field=Field::Mode label=t("How you meet") options=options!(SessionMode) value=form.mode
                errors=errors placeholder=t("Not chosen yet") />
            <TextField no_optional_hint=true field=Field::Location label=t("Location") value=form.location errors=errors
                help=t("Needed for sessions in person.") />
            <SelectField field=Field::Frequency label=t("How often") options=options!(Frequency) value=form.frequency
                errors=errors placeholder=t("Not chosen yet") />
            <div class="field-row">
                <TextField no_optional_hint=true field=Field::SessionCount label=t("Number of sessions") value=form.session_count input_type="number"
                    errors=errors />
                <TextField no_optional_hint=true field=Field::SessionMinutes label=t("Session length (minutes)") value=form.session_minutes input_type="number"
                    errors=errors />
            </div>
            <div class="field-row">
                <TextField no_optional_hint=true field=Field::StartDate label=t("Start date") value=form.start_date input_type="date"
                    errors=errors />
                <TextField no_optional_hint=true field=Field::EndDate label=t("End date") value=form.end_date input_type="date"
                    errors=errors />
            </div>
        </Section>
    }
}

#[component]
fn FeesSection(form: BuilderState, errors: RwSignal<FieldErrors>) -> impl IntoView {
    view! {
        <Section number="6–7" title=t("Fees and cancellation")>
            <SelectField field=Field::Payer label=t("Who pays") options=options!(Payer) value=form.payer
                errors=errors placeholder=t("Not chosen yet") />
            <div class="field-row">
                <TextField no_optional_hint=true field=Field::Fee label=t("Fee per session") value=form.fee_per_session input_type="number"
                    errors=errors help=t("Whole units, such as 150.") />
                <TextField no_optional_hint=true field=Field::Currency label=t("Currency") value=form.currency errors=errors
                    help=t("A three-letter code, such as GBP.") />
            </div>
            <TextField no_optional_hint=true field=Field::NoticeHours label=t("Notice to cancel or move a session (hours)") value=form.cancellation_notice_hours
                input_type="number" errors=errors />
            <CheckboxField id="late_cancellation" label=t("A session cancelled with less notice counts as used")
                checked=form.late_cancellation_counts_as_used />
        </Section>
    }
}

#[component]
fn ConfidentialitySection(form: BuilderState, errors: RwSignal<FieldErrors>, three_way: bool) -> impl IntoView {
    let limits = ConfidentialityLimit::ALL
        .iter()
        .enumerate()
        .map(|(index, limit)| {
            let value = limit.as_str();
            // The first box carries the field's id, so the contract check can move focus to it.
            let id = if index == 0 { Field::ConfidentialityLimits.id() } else { format!("limit_{value}") };
            let checked = RwSignal::new(form.confidentiality_limits.get_untracked().iter().any(|v| v == value));
            Effect::new(move |_| {
                let on = checked.get();
                form.confidentiality_limits.update(|list| {
                    list.retain(|v| v != value);
                    if on {
                        list.push(value.to_string());
                    }
                });
            });
            view! { <CheckboxField id=id label=t(limit.label()) checked=checked /> }
        })
        .collect_view();
    view! {
        <Section number="8–10" title=t("Confidentiality, reporting and contact")>
            <fieldset class="field">
                <legend>{t("Confidentiality may be broken only for")}</legend>
                {limits}
            </fieldset>
            {three_way.then(|| view! {
                <fieldset class="field form__nested">
                    <legend>{t("Reporting to the sponsor")}</legend>
                    <CheckboxField id=Field::ReportsToSponsor.id() label=t("Something may be reported to the sponsor") checked=form.reports_to_sponsor />
                    <Show when=move || form.reports_to_sponsor.get()>
                        <SelectField field=Field::ReportCadence label=t("How often") options=options!(ReportCadence)
                            value=form.report_cadence errors=errors />
                        <SelectField field=Field::ReportForm label=t("In what form") options=options!(ReportForm)
                            value=form.report_form errors=errors />
                        <SelectField field=Field::ReportAuthor label=t("Who writes it") options=options!(ReportAuthor)
                            value=form.report_author errors=errors />
                        <CheckboxField id="shares_attendance" label=t("Attendance") checked=form.shares_attendance />
                        <CheckboxField id="shares_goal_progress" label=t("Progress on goals the client chooses to share") checked=form.shares_goal_progress />
                        <CheckboxField id="shares_themes" label=t("Broad themes agreed with the client") checked=form.shares_themes />
                        <CheckboxField id=Field::ClientConsent.id() label=t("The client sees and approves every report first") checked=form.client_consent />
                    </Show>
                </fieldset>
            })}
            <SelectField field=Field::ContactBetweenSessions label=t("Contact between sessions") options=options!(ContactBetweenSessions)
                value=form.contact_between_sessions errors=errors placeholder=t("Not agreed yet") />
        </Section>
    }
}

#[component]
fn ReviewsSection(form: BuilderState, errors: RwSignal<FieldErrors>, three_way: bool, kind: Kind) -> impl IntoView {
    view! {
        <Section number="12–16" title=t("Ethics, reviews and notes")>
            <SelectField field=Field::CodeOfEthics label=t("Code of ethics") options=options!(CodeOfEthics)
                value=form.code_of_ethics errors=errors placeholder=t("Not chosen yet") />
            <CheckboxField id=Field::InSupervision.id() label=match kind { Kind::Coaching => t("The coach is in supervision"), Kind::Mentoring => t("The mentor is in supervision") }
                checked=form.practitioner_in_supervision />
            <CheckboxField id=Field::MidPointReview.id() label=t("Mid-point review") checked=form.mid_point_review />
            <CheckboxField id=Field::EndReview.id() label=t("End review") checked=form.end_review />
            <TextField no_optional_hint=true field=Field::ReviewEveryMonths label=t("Also review every … months") value=form.review_every_months
                input_type="number" errors=errors help=t("Leave empty for no periodic reviews.") />
            {three_way.then(|| view! {
                <CheckboxField id=Field::ThreeWayMeetings.id() label=t("Three-way meetings with the sponsor at the start, mid-point and end")
                    checked=form.three_way_meetings />
            })}
            <TextField no_optional_hint=true field=Field::RetentionMonths label=t("Keep notes for (months)") value=form.notes_retention_months
                input_type="number" errors=errors />
        </Section>
    }
}

#[component]
fn ClausesSection(form: BuilderState, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let fields_help = merge::FIELDS.iter().map(|(name, what)| format!("{{{{{name}}}}}: {what}")).collect::<Vec<_>>();
    view! {
        <Section number="1–19" title=t("Clauses")>
            <p class="field__help">
                {t("The words of the contract, one clause per element. Merge fields in double braces, such as ")}
                <code>"{{client_name}}"</code>
                {t(", are filled from the data above, so the words and the data always agree.")}
            </p>
            <details class="merge-help">
                <summary>{t("Merge fields you can use")}</summary>
                <ul>{fields_help.into_iter().map(|f| view! { <li><code>{f}</code></li> }).collect_view()}</ul>
            </details>
            {form.clauses.get_untracked().into_iter().map(|clause| {
                let element = crate::domain::contract::Element::new(clause.element);
                let title = element.map_or(t("Clause"), |e| t(e.title()));
                view! {
                    <details class="clause-editor" open=move || errors.with(|e| e.message_for(Field::ClauseText(clause.element)).is_some() || e.message_for(Field::ClauseHeading(clause.element)).is_some())>
                        <summary>{format!("{}. {}", clause.element, title)}</summary>
                        <TextField no_optional_hint=true field=Field::ClauseHeading(clause.element) label=t("Heading") value=clause.heading
                            errors=errors />
                        <TextAreaField field=Field::ClauseText(clause.element) label=t("Text") value=clause.text
                            errors=errors rows=5 />
                    </details>
                }
            }).collect_view()}
        </Section>
    }
}
