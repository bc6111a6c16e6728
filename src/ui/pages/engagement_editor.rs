//! [`EngagementEditor`]: the form to create an engagement, or to edit one. What the
//! person types stays in an [`EngagementForm`]; only a validated [`Engagement`] reaches
//! the store. On a problem, every message shows at once and the input is kept.

use crate::i18n::t;
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::Accreditation;
use crate::domain::engagement::Dial;
use crate::domain::{Engagement, EngagementForm, Field, FieldErrors, Kind, RecordId};
use crate::platform::{location, persistence};
use crate::ui::actions::store_action;
use crate::ui::components::{ActionError, CheckboxField, Choice, ChoiceField, ErrorSummary, PageHeader, SelectField, TextField};
use crate::ui::data::with_engagement;
use crate::ui::route::Route;
use crate::ui::AppState;

/// `id` is `None` for a new engagement.
#[component]
pub fn EngagementEditor(id: Option<RecordId>) -> impl IntoView {
    let Some(id) = id else {
        return view! {
            <PageHeader title=t("New engagement") lead=t("Who is this relationship between, and is it coaching or mentoring?") />
            <EngagementFormView initial=EngagementForm::default() existing=None />
        }
        .into_any();
    };
    with_engagement(id, |record| {
        view! {
            <p class="breadcrumb"><a href=Route::Engagement(record.id.clone()).href()>{t("← Back to the engagement")}</a></p>
            <PageHeader title=tr!("Edit the engagement with {client}", client = record.data.client.as_str()) />
            <EngagementFormView
                initial=EngagementForm::from(&record.data)
                existing=Some((record.id.clone(), record.revision)) />
        }
        .into_any()
    })
    .into_any()
}

/// The form itself. `existing` is the record id and the revision the form was filled from.
#[component]
fn EngagementFormView(initial: EngagementForm, existing: Option<(RecordId, u32)>) -> impl IntoView {
    AppState::expect().editing_while_mounted();
    let client_name = RwSignal::new(initial.client_name);
    let practitioner_name = RwSignal::new(initial.practitioner_name);
    let kind = RwSignal::new(initial.kind);
    let title = RwSignal::new(initial.title);
    let dial = RwSignal::new(initial.dial);
    // A new engagement starts at "No accreditation", so the list never shows a blank choice.
    let accreditation = RwSignal::new(if initial.accreditation.is_empty() { "none".to_string() } else { initial.accreditation });
    let sponsor_organisation = RwSignal::new(initial.sponsor_organisation);
    let sponsor_contact = RwSignal::new(initial.sponsor_contact);
    let sponsor_role = RwSignal::new(initial.sponsor_role);
    let client_contact = RwSignal::new(initial.client_contact);
    let named_in_log = RwSignal::new(initial.named_in_log);
    let group_size = RwSignal::new(initial.group_size);
    let quiet_after_days = RwSignal::new(initial.quiet_after_days);
    let errors = RwSignal::new(FieldErrors::new());
    let is_new = existing.is_none();
    let cancel_href = existing.as_ref().map_or(Route::Engagements.href(), |(id, _)| Route::Engagement(id.clone()).href());

    let save = store_action(
        move |store, engagement: Engagement| {
            let existing = existing.clone();
            async move {
                match existing {
                    None => store.create_engagement(engagement).await,
                    Some((id, revision)) => store.update_engagement(&id, revision, engagement).await,
                }
            }
        },
        move |record| {
            if is_new {
                // The first saved record is worth keeping: ask the browser not to evict it.
                leptos::task::spawn_local(async {
                    persistence::request_once().await;
                });
            }
            location::set_fragment(&Route::Engagement(record.id).fragment());
            tr!("Saved the engagement with {client}.", client = record.data.client.as_str()).into()
        },
    );

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = EngagementForm {
            client_name: client_name.get_untracked(),
            practitioner_name: practitioner_name.get_untracked(),
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            dial: dial.get_untracked(),
            accreditation: accreditation.get_untracked(),
            sponsor_organisation: sponsor_organisation.get_untracked(),
            sponsor_contact: sponsor_contact.get_untracked(),
            sponsor_role: sponsor_role.get_untracked(),
            client_contact: client_contact.get_untracked(),
            named_in_log: named_in_log.get_untracked(),
            group_size: group_size.get_untracked(),
            quiet_after_days: quiet_after_days.get_untracked(),
        };
        match Engagement::try_from(form) {
            Ok(engagement) => {
                errors.set(FieldErrors::new());
                save.dispatch(engagement);
            }
            Err(problems) => errors.set(problems),
        }
    };

    let kinds = Kind::ALL
        .iter()
        .map(|k| Choice { value: k.as_str().into(), label: t(k.label()).into(), help: t(k.description()).into() })
        .collect::<Vec<_>>();

    let accreditations = Accreditation::ALL.iter().map(|a| (a.as_str(), t(a.label()))).collect::<Vec<_>>();
    let dial_positions =
        Dial::POSITIONS.iter().map(|d| (["1", "2", "3", "4", "5"][usize::from(d.position() - 1)], t(d.label()))).collect::<Vec<_>>();

    view! {
        <form class="form" novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            <ActionError action=save />
            <TextField field=Field::ClientName label=t("Client or mentee") value=client_name
                errors=errors required=true
                help=t("The person being coached or mentored.") />
            <TextField field=Field::PractitionerName label=t("Coach or mentor") value=practitioner_name
                errors=errors required=true autocomplete="name"
                help=t("Usually you.") />
            <ChoiceField field=Field::Kind legend=t("Kind of relationship") choices=kinds value=kind
                errors=errors />
            <SelectField field=Field::Dial label=t("Style of the relationship") options=dial_positions value=dial
                errors=errors placeholder=t("Usual for the kind chosen above")
                help=t("From directive (tell, advise) to non-directive (ask, listen). Coaching usually asks and reflects; mentoring usually advises and shares experience.") />
            <SelectField field=Field::Accreditation label=t("Practitioner's accreditation") options=accreditations
                value=accreditation errors=errors />
            <TextField field=Field::Title label=t("Short title") value=title
                errors=errors
                help=t("A few words to tell this engagement apart, such as “First-time manager”.") />
            <TextField field=Field::QuietAfterDays label=t("Days without a session before it counts as quiet") value=quiet_after_days input_type="number"
                errors=errors help=t("Leave empty for the usual: 28 days for coaching, 45 for mentoring. The home screen says when a relationship has gone this long with no session held or planned.") />
            <fieldset class="form__group">
                <legend>{t("Sponsor ")} <span class="field__optional">{t("(optional)")}</span></legend>
                <p class="field__help">
                    {t("The organisation or manager who arranges or pays. A sponsor makes the contract three-way: \
                    they join the start, mid-point and end meetings and the contract says what may be reported to them.")}
                </p>
                <TextField field=Field::SponsorOrganisation label=t("Organisation") value=sponsor_organisation
                    errors=errors autocomplete="organization" />
                <TextField field=Field::SponsorContact label=t("Contact person") value=sponsor_contact
                    errors=errors />
                <TextField field=Field::SponsorRole label=t("Contact's role") value=sponsor_role
                    errors=errors help=t("For example, Head of Learning or line manager.") />
            </fieldset>
            <fieldset class="form__group">
                <legend>{t("For your evidence of practice ")} <span class="field__optional">{t("(optional)")}</span></legend>
                <p class="field__help">{t("What your coaching log for accreditation records about this client. It stays on this device.")}</p>
                <TextField field=Field::ClientContact label=t("Client's contact details") value=client_contact
                    errors=errors help=t("An e-mail address or phone number, as the ICF log asks.") />
                <CheckboxField id="named_in_log" label=t("The client agrees to appear by name in my coaching log") checked=named_in_log
                    help=t("Without this, the log shows “Client 1”, “Client 2” and no contact details.") />
                <TextField field=Field::GroupSize label=t("Number of people in the group") value=group_size input_type="number"
                    errors=errors help=t("Leave empty for individual coaching.") />
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || save.pending().get()>
                    {if is_new { t("Create engagement") } else { t("Save changes") }}
                </button>
                <a class="button" href=cancel_href>{t("Cancel")}</a>
            </div>
        </form>
    }
}
