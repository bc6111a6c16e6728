//! Contract templates: the words a new contract starts from.
//!
//! A [`ContractTemplate`] holds one [`Clause`] for each of the 19 elements, in element
//! order, plus the choices it implies (code of ethics, coaching type or mentoring
//! programme, whether a sponsor is involved). [`ContractTemplate::terms`] turns those
//! choices into starting [`ContractTerms`] for a real engagement, and
//! [`ContractTemplate::from_contract`] saves a user's own contract as a template.
//!
//! [`built_in`] returns the four templates that ship with the app:
//! - "Individual coaching (ICF-style)": one-to-one coaching under the ICF Code of Ethics.
//! - "Individual coaching (EMCC-style)": coaching as a learning relationship, EMCC code.
//! - "Mentee-led mentoring agreement": developmental mentoring, themes sent ahead by the
//!   mentee, signposting to reading, courses and people, and the mentoring phases.
//! - "Three-way sponsored executive coaching": a sponsor with its own objectives,
//!   start, mid-point and end meetings, and reporting only with the client's consent.
//!
//! Clause text uses merge fields from [`super::merge::FIELDS`] only, so the words always
//! follow the contract's data. Headings are shown as written (they are not merged).

use serde::{Deserialize, Serialize};

use super::clause::{Clause, Element};
use super::terms::{CoachingType, CodeOfEthics, ContractTerms, MentoringProgramme};
use crate::domain::date::Date;
use crate::domain::engagement::Kind;

/// A named set of clauses and choices a new contract can start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTemplate {
    pub name: String,
    /// One sentence shown when choosing a template.
    pub description: String,
    pub kind: Kind,
    pub three_way: bool,
    pub code_of_ethics: Option<CodeOfEthics>,
    pub coaching_type: Option<CoachingType>,
    pub mentoring_programme: Option<MentoringProgramme>,
    /// One clause per element, in element order.
    pub clauses: Vec<Clause>,
}

impl ContractTemplate {
    /// The starting terms for a new contract from this template: the preset for the
    /// engagement's own kind and sponsor, with this template's code of ethics applied, and
    /// its coaching type or mentoring programme only where it fits that kind (a mentoring
    /// template used for a coaching engagement leaves the coaching type to be chosen).
    pub fn terms(&self, kind: Kind, three_way: bool, today: Date) -> ContractTerms {
        let mut terms = ContractTerms::preset(kind, three_way, today);
        terms.code_of_ethics = self.code_of_ethics.or(terms.code_of_ethics);
        match kind {
            Kind::Coaching => terms.coaching_type = self.coaching_type.or(terms.coaching_type),
            Kind::Mentoring => terms.mentoring_programme = self.mentoring_programme.or(terms.mentoring_programme),
        }
        terms
    }

    /// A user's own template made from a contract's clauses and choices. Only the
    /// programme choice that fits `kind` is kept.
    pub fn from_contract(
        name: String,
        description: String,
        kind: Kind,
        three_way: bool,
        terms: &ContractTerms,
        clauses: &[Clause],
    ) -> ContractTemplate {
        ContractTemplate {
            name,
            description,
            kind,
            three_way,
            code_of_ethics: terms.code_of_ethics,
            coaching_type: if kind == Kind::Coaching { terms.coaching_type } else { None },
            mentoring_programme: if kind == Kind::Mentoring { terms.mentoring_programme } else { None },
            clauses: clauses.to_vec(),
        }
    }
}

/// The templates that ship with the app, in this order.
pub fn built_in() -> Vec<ContractTemplate> {
    vec![icf_individual_coaching(), emcc_individual_coaching(), mentee_led_mentoring(), three_way_executive_coaching()]
}

/// A heading and a text for each element, 1 to 19.
type Wording = [(&'static str, &'static str); 19];

fn clauses(wording: Wording) -> Vec<Clause> {
    Element::all().zip(wording).map(|(element, (heading, text))| Clause::new(element, heading, text)).collect()
}

/// Element 19 where client and practitioner are the only parties.
const AGREEMENT_TWO_WAY: &str = "Each of us agrees to this contract by typing our full name in the app. \
    The app records the time of each agreement and a fingerprint (a SHA-256 hash) of this exact version, \
    so both of us can show we agreed to the same words. Any change needs a new version that everyone \
    agrees to again; this version is kept unchanged.";

/// Element 19 where a sponsor is a party too.
const AGREEMENT_THREE_WAY: &str = "Each party ({{client_name}}, {{practitioner_name}}, and \
    {{sponsor_contact}} for {{sponsor_organisation}}) agrees to this contract by typing their full name \
    in the app. The app records the time of each agreement and a fingerprint (a SHA-256 hash) of this \
    exact version, so all three can show they agreed to the same words. Any change needs a new version \
    that everyone agrees to again; this version is kept unchanged.";

fn icf_individual_coaching() -> ContractTemplate {
    ContractTemplate {
        name: "Individual coaching (ICF-style)".into(),
        description: "One-to-one coaching as a partnership, with the coach working to the ICF Code of Ethics.".into(),
        kind: Kind::Coaching,
        three_way: false,
        code_of_ethics: Some(CodeOfEthics::Icf),
        coaching_type: None,
        mentoring_programme: None,
        clauses: clauses([
            (
                "Who we are",
                "This agreement is between {{client_name}}, the {{client_role}}, and {{practitioner_name}}, \
                 the {{practitioner_role}}, who holds {{practitioner_accreditation}}. Here \"you\" means \
                 {{client_name}}, and \"we\" means you and {{practitioner_name}} together. What each of us \
                 takes on is set out below.",
            ),
            (
                "What coaching is, and is not",
                "Coaching is a partnership of equals: {{practitioner_name}} asks questions, listens and \
                 reflects back, and you find and choose your own answers. It is not therapy, counselling or \
                 consultancy, and your coach will not diagnose, treat or tell you what to do. If something \
                 comes up that another professional could help with better, such as a counsellor, your GP or \
                 a legal or financial adviser, your coach will say so and, with your agreement, help with a \
                 referral.",
            ),
            (
                "Type of coaching",
                "We have agreed on {{programme}}, shaped around the goals you bring. If the focus shifts a \
                 long way from that, we will look at it again together.",
            ),
            (
                "Your goals",
                "You set the goals for this coaching. Each one is recorded with this agreement together with \
                 how you will know it has been reached. At each review we look at progress against those \
                 measures, and goals can be refined as you learn.",
            ),
            (
                "When and how we meet",
                "We will hold {{session_count}} sessions of {{session_length}}, {{frequency}}, from \
                 {{start_date}} to {{end_date}} (format: {{mode}}). That is {{total_hours}} of coaching over \
                 about {{duration}}. We book each next session together, usually at the end of the one before.",
            ),
            (
                "Fees",
                "Fee for this coaching: {{fee}}; paid by {{payer}}. Where there is a fee, invoices are sent \
                 monthly for the sessions held and are due within 30 days. Fees change only through a new \
                 version of this agreement.",
            ),
            (
                "Cancelling or moving a session",
                "Either of us may cancel or move a session with at least {{notice_period}}' notice. A session \
                 you cancel with less notice, or miss, {{late_cancellation}}. If your coach has to cancel, \
                 the session is always rearranged at no cost to you.",
            ),
            (
                "Confidentiality",
                "What you say in our sessions stays between us. {{practitioner_name}} will break \
                 confidentiality only in these situations: {{confidentiality_limits}}; wherever it is safe \
                 and lawful, they will talk to you first. Your coach may discuss the work in supervision \
                 without naming you or anything that identifies you.",
            ),
            (
                "No sponsor",
                "There is no sponsor for this coaching: it is arranged between you and {{practitioner_name}} \
                 alone. Nothing about it is reported to anyone, including an employer. That could change only \
                 through a new version of this agreement that you accept.",
            ),
            (
                "Between sessions",
                "What we have agreed for contact between sessions: {{contact_between_sessions}}. Your coach \
                 is not an emergency service; in a crisis, contact your doctor or the emergency services.",
            ),
            (
                "Your part",
                "You choose what to bring and you own the decisions you make. The agenda is {{agenda}}. \
                 Between sessions you carry out the actions you agreed to, and you tell your coach if the \
                 coaching is not working for you.",
            ),
            (
                "Your coach's part",
                "{{practitioner_name}} works to {{code_of_ethics}}, is in regular supervision and keeps their \
                 skills up to date. They will tell you about any conflict of interest as soon as they see it, \
                 and will only take on what they are competent to handle. They treat you as the expert on \
                 your own life and work.",
            ),
            (
                "Reviewing the work",
                "At the start of each session we agree what you want from it and how you will know you have \
                 it. We review progress against your goals {{review_points}}.",
            ),
            (
                "Changing this agreement",
                "Any change, for example to the goals, number of sessions, fees or dates, is made by drafting \
                 a new version of this agreement in the app. The new version applies only once we have both \
                 agreed to it; until then this one stands, and earlier versions are kept.",
            ),
            (
                "Ending",
                "Either of us may end the coaching at any time by telling the other, ideally a week ahead. \
                 Where possible we hold a short closing session to look back at what has changed and at what \
                 comes next. Sessions not yet held are not charged for, and anything paid for them in advance \
                 is refunded.",
            ),
            (
                "Notes and data",
                "Notes come in three layers: your coach's private notes, your own private notes, and shared \
                 notes you both see. All of them are kept on each person's own device in this app, not on \
                 anyone's server, and private notes never leave the device they were written on. Notes are \
                 kept for {{retention}} after the coaching ends and then deleted; you can export your notes \
                 and this contract at any time.",
            ),
            (
                "Complaints",
                "If you are unhappy with the coaching, please tell {{practitioner_name}} first; most concerns \
                 are settled by talking. If that does not resolve it, you can complain to the professional \
                 body behind {{code_of_ethics}}, using its own procedure.",
            ),
            (
                "Disclaimers",
                "Coaching supports you in making changes; it cannot promise particular results. You remain \
                 responsible for your own decisions and actions, and for your own health and wellbeing. \
                 Nothing in this agreement limits any liability that the law does not allow to be limited.",
            ),
            ("Agreement", AGREEMENT_TWO_WAY),
        ]),
    }
}

fn emcc_individual_coaching() -> ContractTemplate {
    ContractTemplate {
        name: "Individual coaching (EMCC-style)".into(),
        description: "One-to-one coaching as a learning relationship, with the coach working to the EMCC Global \
            Code of Ethics."
            .into(),
        kind: Kind::Coaching,
        three_way: false,
        code_of_ethics: Some(CodeOfEthics::Emcc),
        coaching_type: None,
        mentoring_programme: None,
        clauses: clauses([
            (
                "Parties",
                "This contract is between {{client_name}} as {{client_role}} and {{practitioner_name}} as \
                 {{practitioner_role}}; {{practitioner_name}} holds {{practitioner_accreditation}}. Below, \
                 \"you\" means {{client_name}} and \"we\" means you and {{practitioner_name}} together. Each party's \
                 responsibilities are set out in the sections that follow.",
            ),
            (
                "The nature of our work",
                "Coaching is a learning relationship: {{practitioner_name}} helps you think, reflect and try \
                 things out, and you decide what to do. It is not therapy, counselling or consultancy, and it \
                 does not replace medical, legal or financial advice. If another kind of help would serve you \
                 better, {{practitioner_name}} will tell you and suggest where you could be referred, for example to \
                 your GP, an employee assistance programme or a registered counsellor, and we will decide \
                 together whether to pause or continue.",
            ),
            (
                "Coaching approach",
                "The type of coaching agreed is {{programme}}. {{practitioner_name}} will explain the \
                 approaches and tools they use as we go, and you are always welcome to ask why.",
            ),
            (
                "Purpose and goals",
                "At the start we agree what you want to achieve and how success on each goal will be \
                 measured; the goals are recorded with this contract. Progress is checked against those \
                 measures at each review, where goals may also be refined as your thinking develops.",
            ),
            (
                "Practical arrangements",
                "We have agreed {{session_count}} sessions of {{session_length}}, held {{frequency}} \
                 (format: {{mode}}). The coaching runs from {{start_date}} until {{end_date}}: about \
                 {{duration}}, with {{total_hours}} of sessions in all.",
            ),
            (
                "Fees and payment",
                "Fee agreed: {{fee}}. Who pays: {{payer}}. Where there is a fee, invoices are issued after \
                 each month's sessions and are payable within 30 days.",
            ),
            (
                "Cancellation and rescheduling",
                "Sessions can be moved or cancelled with at least {{notice_period}}' notice. A session you \
                 cancel with less notice than that, or miss without notice, {{late_cancellation}}. Sessions \
                 that {{practitioner_name}} has to cancel are always offered again.",
            ),
            (
                "Confidentiality",
                "Everything you share is confidential to our sessions, with these limits: \
                 {{confidentiality_limits}}. If one of them arises, {{practitioner_name}} will tell you before \
                 acting, wherever that is safe and lawful. Anonymised material may be taken to supervision, \
                 where the supervisor is bound by the same confidentiality.",
            ),
            (
                "No sponsor",
                "This contract has no sponsor: no employer or other organisation is party to it. Nothing \
                 about our sessions, not even whether they take place, is reported to anyone unless you \
                 yourself decide to share it.",
            ),
            (
                "Contact between sessions",
                "Our agreement on contact between sessions: {{contact_between_sessions}}. \
                 {{practitioner_name}} is not an emergency service; in a crisis, contact your doctor or the \
                 emergency services.",
            ),
            (
                "Your responsibilities",
                "You bring the topics that matter to you, and the agenda is {{agenda}}. Between sessions you \
                 carry out the actions you choose and notice what happens, so we can learn from it together. \
                 Decisions about your life and work stay yours, and you say so if the way we work is not \
                 helping.",
            ),
            (
                "Coach's responsibilities",
                "{{practitioner_name}} follows {{code_of_ethics}}, works under regular professional \
                 supervision and keeps up their continuing development. They respect difference and \
                 diversity, raise any conflict of interest promptly, and work only within their competence.",
            ),
            (
                "Reviews",
                "Each session opens with an agreement about what you want from it. Beyond that, we pause to \
                 review progress, and whether this contract still fits, {{review_points}}.",
            ),
            (
                "Re-contracting",
                "If what you need changes, we re-contract: a new version of this agreement is drafted, and it \
                 applies only once we have both agreed to it. Earlier versions are kept, so it is always \
                 clear what was agreed and when.",
            ),
            (
                "Ending",
                "You or {{practitioner_name}} may end the coaching at any time, preferably with enough notice \
                 for a final session that reviews what you have learned. Sessions not held are not charged \
                 for, and any advance payment for them is returned.",
            ),
            (
                "Notes and data",
                "{{practitioner_name}} keeps brief private notes, you may keep your own, and some notes are \
                 shared between us. Each of us keeps notes on our own device in this app rather than on a \
                 server, and private notes stay on the device of the person who wrote them. Notes are kept for \
                 {{retention}} after the coaching ends and then deleted; you can export your notes and this \
                 contract whenever you wish.",
            ),
            (
                "Complaints",
                "Please raise any concern with {{practitioner_name}} first, so that it can be put right. If it \
                 is not resolved, you may complain to the professional body whose code applies, \
                 {{code_of_ethics}}, through its complaints procedure.",
            ),
            (
                "Limits of responsibility",
                "{{practitioner_name}} offers coaching in good faith but cannot promise any particular \
                 outcome. You are responsible for the choices you make and for seeking any specialist advice \
                 you need. Nothing in this contract limits liability where the law does not allow it.",
            ),
            ("Agreement", AGREEMENT_TWO_WAY),
        ]),
    }
}

fn mentee_led_mentoring() -> ContractTemplate {
    ContractTemplate {
        name: "Mentee-led mentoring agreement".into(),
        description: "Developmental mentoring led by the mentee, who sends themes ahead, with the mentor \
            signposting reading, courses and people."
            .into(),
        kind: Kind::Mentoring,
        three_way: false,
        code_of_ethics: Some(CodeOfEthics::Emcc),
        coaching_type: None,
        mentoring_programme: Some(MentoringProgramme::Developmental),
        clauses: clauses([
            (
                "Who we are",
                "This agreement is between {{client_name}}, the {{client_role}}, and {{practitioner_name}}, \
                 the {{practitioner_role}}, who holds {{practitioner_accreditation}}. Here \"you\" means \
                 {{client_name}} and \"we\" means you and {{practitioner_name}}. It is a two-way partnership: \
                 both of you expect to learn from it.",
            ),
            (
                "What mentoring is, and is not",
                "Mentoring is a learning relationship: {{practitioner_name}} shares experience, stories and \
                 contacts, and you decide what to take from them. It is not therapy, counselling or \
                 consultancy, and your mentor will not make decisions for you or do your work. If you need \
                 help beyond the mentoring, such as a counsellor, your GP, occupational health or an HR \
                 adviser, your mentor will suggest where to turn and, with your agreement, help with a \
                 referral.",
            ),
            (
                "Type of mentoring",
                "This is {{programme}}: the focus is your longer-term growth rather than a single task. \
                 Relationships like this tend to move through phases: building rapport, setting direction, \
                 making progress, winding down and moving on. We will name the phase we are in from time to \
                 time, so that neither of us is surprised when it is time to move on.",
            ),
            (
                "Purpose and goals",
                "In the early meetings you set out what you want from the mentoring, and each goal is \
                 recorded with how you will recognise progress. Mentoring goals are often broad and long-term, \
                 so we revisit them at each review and adjust them as your direction becomes clearer.",
            ),
            (
                "Meetings",
                "We plan {{session_count}} meetings of {{session_length}}, {{frequency}}, from {{start_date}} \
                 to {{end_date}} (format: {{mode}}). That is {{total_hours}} over about {{duration}}. You \
                 propose times that suit you, and we confirm the next meeting before each one ends.",
            ),
            (
                "Fees",
                "Fee for the mentoring: {{fee}}; paid by {{payer}}. Where there is a fee, it is invoiced \
                 quarterly for the meetings held. Neither of us pays the other's travel or other costs unless \
                 that is agreed in writing beforehand.",
            ),
            (
                "Cancelling or moving a meeting",
                "Please give at least {{notice_period}}' notice to move or cancel a meeting. A meeting you \
                 cancel later than that, or miss, {{late_cancellation}}. If your mentor has to cancel, the \
                 meeting is rearranged.",
            ),
            (
                "Confidentiality",
                "What we discuss stays between us, and your mentor will not pass on what you share to your \
                 employer or anyone else. The only exceptions are these: {{confidentiality_limits}}. Stories \
                 your mentor tells from their own career are shared in confidence too, and are not repeated \
                 outside our meetings.",
            ),
            (
                "No sponsor",
                "There is no sponsor: no employer or scheme organiser is party to this agreement, and nothing \
                 about the mentoring is reported to anyone. What you tell others about your own learning is up \
                 to you.",
            ),
            (
                "Between meetings",
                "Agreed contact between meetings: {{contact_between_sessions}}. Reading, courses or \
                 introductions your mentor offers are usually passed on at a meeting or straight after it.",
            ),
            (
                "Your part",
                "You lead this relationship: each meeting's agenda is {{agenda}}. In practice you send the \
                 themes you want to discuss at least three working days before we meet, and they become the \
                 agenda. Between \
                 meetings you follow up the actions, reading and contacts you chose to pursue, and the \
                 decisions you make stay yours.",
            ),
            (
                "Your mentor's part",
                "{{practitioner_name}} works to {{code_of_ethics}} and takes their mentoring practice to \
                 regular supervision. They share their experience honestly, including what did not work, and \
                 signpost reading, courses and people who could help you. They will raise any conflict of \
                 interest, such as a reporting line or a business link, as soon as they notice it.",
            ),
            (
                "Reviews",
                "At the start of each meeting we check what you want from it. We step back to review how the \
                 mentoring is going, and which phase we are in, {{review_points}}.",
            ),
            (
                "Changing this agreement",
                "Any change, for example to how often we meet, the goals or the length of the mentoring, is \
                 made by drafting a new version of this agreement in the app. It applies only once we have \
                 both agreed to it, and earlier versions are kept.",
            ),
            (
                "Winding down and ending",
                "Either of us may end the mentoring at any time by telling the other, without having to give \
                 reasons. Near the planned end we wind down deliberately: a closing meeting looks back at what \
                 you have learned and at how you will keep moving on without regular meetings. Meetings not \
                 held are not charged for, and anything paid for them in advance is refunded.",
            ),
            (
                "Notes and data",
                "Each of us may keep private notes, and we keep shared notes too, including a record of the \
                 reading, courses and people suggested. All notes are kept on each person's own device in \
                 this app, and private notes never leave it. Notes are kept for {{retention}} after the \
                 mentoring ends and then deleted; you can export your notes and this agreement at any time.",
            ),
            (
                "Complaints",
                "If something about the mentoring troubles you, raise it with {{practitioner_name}} first. If \
                 that does not resolve it, you may complain to the professional body behind \
                 {{code_of_ethics}}, using its complaints procedure.",
            ),
            (
                "Disclaimers",
                "Your mentor's experience is offered as one view, not as instruction or professional advice, \
                 and what worked for them may not fit your situation. You remain responsible for your own \
                 choices. Nothing in this agreement limits liability where the law does not allow it.",
            ),
            ("Agreement", AGREEMENT_TWO_WAY),
        ]),
    }
}

fn three_way_executive_coaching() -> ContractTemplate {
    ContractTemplate {
        name: "Three-way sponsored executive coaching".into(),
        description: "Executive coaching arranged by an organisation, with three-way meetings at the start, \
            mid-point and end, and reporting only with the client's consent."
            .into(),
        kind: Kind::Coaching,
        three_way: true,
        code_of_ethics: Some(CodeOfEthics::Icf),
        coaching_type: Some(CoachingType::Executive),
        mentoring_programme: None,
        clauses: clauses([
            (
                "Who we are",
                "This agreement is between three parties: {{client_name}}, the {{client_role}}; \
                 {{practitioner_name}}, the {{practitioner_role}}, who holds {{practitioner_accreditation}}; \
                 and {{sponsor_organisation}}, the sponsor, represented by {{sponsor_contact}}. Here \"you\" \
                 means {{client_name}}, and the coaching itself is between you and {{practitioner_name}}. The \
                 sponsor's part is to fund the coaching, take part in the three-way meetings and respect the \
                 confidentiality of the one-to-one sessions.",
            ),
            (
                "What coaching is, and is not",
                "Executive coaching gives you a confidential space to think: {{practitioner_name}} asks, \
                 challenges and supports while you find your own way forward. It is not therapy, counselling \
                 or consultancy, and your coach does not advise {{sponsor_organisation}} about you or about its \
                 business. If you need another kind of help, your coach will say so and, with your agreement, \
                 help with a referral, for example to your GP, a counsellor or an employee assistance \
                 programme.",
            ),
            (
                "Type of coaching",
                "This is {{programme}}, focused on you in your role as a leader and on the difference you \
                 want to make at work.",
            ),
            (
                "Your goals and the sponsor's objectives",
                "Your own goals, each with a success measure, are agreed between you and \
                 {{practitioner_name}}. The objectives {{sponsor_organisation}} has for the coaching are \
                 recorded separately, discussed openly at the first three-way meeting, and never replace \
                 your goals. Where the two differ, that is something to explore together, not to hide.",
            ),
            (
                "When and how we meet",
                "We will hold {{session_count}} one-to-one sessions of {{session_length}}, {{frequency}}, from \
                 {{start_date}} to {{end_date}} (format: {{mode}}): {{total_hours}} over about {{duration}}. \
                 The three-way meetings are arranged separately and do not use up a session.",
            ),
            (
                "Fees",
                "Fee for this coaching: {{fee}}; paid by {{payer}}. Invoices are sent monthly for the sessions \
                 held and are due within 30 days. Paying for the coaching gives no right to hear what is said \
                 in it.",
            ),
            (
                "Cancelling or moving a session",
                "A session may be moved or cancelled with at least {{notice_period}}' notice. A session \
                 cancelled with less notice, or missed, {{late_cancellation}}. If your coach has to cancel, \
                 the session is always rearranged.",
            ),
            (
                "Confidentiality",
                "What you say in one-to-one sessions is confidential: it is not shared with \
                 {{sponsor_organisation}} or {{sponsor_contact}}, except as the next section allows. \
                 Confidentiality may also be broken in these situations: {{confidentiality_limits}}. Wherever \
                 it is safe and lawful, you will be told first.",
            ),
            (
                "Reporting to the sponsor",
                "What may be reported to {{sponsor_organisation}} is limited to {{sponsor_reporting}}. Nothing \
                 else from the sessions, including notes and anything you say in them, is passed on without \
                 your consent. If {{sponsor_contact}} asks for more, {{practitioner_name}} will send the \
                 request to you to decide.",
            ),
            (
                "Between sessions",
                "Agreed contact between sessions: {{contact_between_sessions}}. Any contact between \
                 {{practitioner_name}} and {{sponsor_contact}} outside the three-way meetings is about \
                 arrangements and invoices only, and you will be told it happened.",
            ),
            (
                "Your part",
                "You set your own goals, bring the topics that matter and own every decision you make. The \
                 agenda is {{agenda}}. You carry out the actions you agree to between sessions, approve \
                 anything reported to the sponsor before it goes, and take part in the three-way meetings.",
            ),
            (
                "Your coach's part",
                "{{practitioner_name}} works to {{code_of_ethics}}, is in regular supervision, and serves your \
                 development within the purpose the sponsor has agreed to fund. They will declare any \
                 conflict of interest at once, including other work with {{sponsor_organisation}}, and will \
                 not take sides between you and the sponsor.",
            ),
            (
                "Reviews and three-way meetings",
                "Each session starts by agreeing what you want from it. Progress is reviewed \
                 {{review_points}}. The first three-way meeting sets shared expectations, the mid-point one \
                 checks direction, and the last looks at what has changed and what support continues.",
            ),
            (
                "Changing this agreement",
                "Any change, including to the sponsor's objectives, the number of sessions or what may be \
                 reported, needs a new version of this agreement that all three parties agree to. What may be \
                 reported to the sponsor can never be widened without your agreement.",
            ),
            (
                "Ending",
                "Any of the three parties may end the coaching at any time by telling the others in writing. \
                 If you leave {{sponsor_organisation}} or your role changes, we agree together whether and how \
                 to continue. Where possible a final three-way meeting closes the engagement; sessions not \
                 held are not charged for.",
            ),
            (
                "Notes and data",
                "Notes come in three layers: your coach's private notes, your own private notes, and shared \
                 notes between you and your coach. The sponsor never receives session notes, only what the \
                 reporting section allows. Notes are kept on each person's own device in this app for \
                 {{retention}} after the engagement ends and then deleted; each of you can export your own \
                 notes and this contract at any time.",
            ),
            (
                "Complaints",
                "Raise any concern first with {{practitioner_name}}; a concern about the sponsor's part can \
                 also go to {{sponsor_contact}}. If that does not resolve it, a complaint may be made to the \
                 professional body behind {{code_of_ethics}}, under its own procedure.",
            ),
            (
                "Disclaimers",
                "Coaching supports change but cannot guarantee results, including the sponsor's objectives. \
                 You remain responsible for your own decisions, and {{sponsor_organisation}} for its own \
                 decisions about your role, which the coaching informs only as far as the reporting section \
                 allows. Nothing in this agreement limits liability where the law does not allow it.",
            ),
            ("Agreement", AGREEMENT_THREE_WAY),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::lint::{lint, Severity};
    use crate::domain::contract::merge::{render, MergeData};
    use crate::domain::contract::parties::Parties;
    use crate::domain::contract::terms::{ContractGoal, Payer};

    fn today() -> Date {
        Date::parse("2026-12-01").unwrap()
    }

    fn parties(kind: Kind, sponsor: bool) -> Parties {
        crate::domain::contract::fixtures::parties(kind, sponsor)
    }

    /// A template's terms with everything a practitioner fills in before proposing.
    fn completed_terms(template: &ContractTemplate) -> ContractTerms {
        let mut terms = template.terms(template.kind, template.three_way, today());
        terms.goals.push(ContractGoal {
            description: "Lead the quarterly planning meeting with confidence".into(),
            success_measure: "Rates own confidence 8 of 10 or higher after the March meeting".into(),
        });
        terms.fee_per_session = Some(150);
        terms.payer = Some(if template.three_way { Payer::Sponsor } else { Payer::Client });
        terms.coaching_type = terms.coaching_type.or(Some(CoachingType::Leadership));
        terms.mentoring_programme = terms.mentoring_programme.or(Some(MentoringProgramme::Career));
        terms
    }

    fn template_named(name: &str) -> ContractTemplate {
        built_in().into_iter().find(|t| t.name == name).unwrap()
    }

    #[test]
    fn there_are_four_built_in_templates_with_nineteen_clauses_each() {
        let templates = built_in();
        let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Individual coaching (ICF-style)",
                "Individual coaching (EMCC-style)",
                "Mentee-led mentoring agreement",
                "Three-way sponsored executive coaching",
            ]
        );
        for template in &templates {
            let numbers: Vec<u8> = template.clauses.iter().map(|c| c.element.number()).collect();
            assert_eq!(numbers, (1..=19).collect::<Vec<u8>>(), "{}", template.name);
            assert!(template.clauses.iter().all(|c| !c.heading.is_empty() && !c.text.is_empty()));
            assert!(template.description.ends_with('.'), "{}", template.name);
        }
    }

    #[test]
    fn every_template_uses_only_known_merge_fields() {
        for template in built_in() {
            for sponsor in [false, true] {
                let parties = parties(template.kind, sponsor);
                let terms = template.terms(template.kind, sponsor, today());
                let data = MergeData::new(&parties, &terms);
                for clause in &template.clauses {
                    let rendered = render(&clause.text, &data);
                    assert!(
                        rendered.unknown_fields.is_empty(),
                        "{} element {}: {:?}",
                        template.name,
                        clause.element.number(),
                        rendered.unknown_fields
                    );
                    assert!(!clause.heading.contains("{{"), "headings are not merged: {}", clause.heading);
                }
            }
        }
    }

    #[test]
    fn every_field_is_filled_once_the_contract_is_complete() {
        for template in built_in() {
            let parties = parties(template.kind, template.three_way);
            let data = MergeData::new(&parties, &completed_terms(&template));
            for clause in &template.clauses {
                let rendered = render(&clause.text, &data);
                assert!(
                    rendered.unset_fields.is_empty(),
                    "{} element {}: {:?}",
                    template.name,
                    clause.element.number(),
                    rendered.unset_fields
                );
            }
        }
    }

    #[test]
    fn templates_satisfy_the_linter_once_goals_and_fees_are_set() {
        for template in built_in() {
            let parties = parties(template.kind, template.three_way);
            let terms = completed_terms(&template);
            let missing: Vec<_> =
                lint(&parties, &terms, &template.clauses).into_iter().filter(|f| f.severity == Severity::Missing).collect();
            assert!(missing.is_empty(), "{}: {missing:?}", template.name);
        }
    }

    #[test]
    fn only_the_three_way_template_reports_to_a_sponsor() {
        for template in built_in() {
            let clause = &template.clauses[usize::from(Element::SPONSOR_REPORTING.number() - 1)];
            if template.three_way {
                assert!(clause.text.contains("{{sponsor_reporting}}"));
            } else {
                assert!(clause.text.contains("no sponsor"), "{}", template.name);
                assert!(clause.text.contains("reported to anyone"), "{}", template.name);
                assert!(template.clauses.iter().all(|c| !c.text.contains("{{sponsor_")), "{}", template.name);
            }
        }
    }

    #[test]
    fn the_sponsor_reporting_clause_reads_as_a_sentence() {
        let template = template_named("Three-way sponsored executive coaching");
        let parties = parties(Kind::Coaching, true);
        let data = MergeData::new(&parties, &completed_terms(&template));
        let clause = &template.clauses[usize::from(Element::SPONSOR_REPORTING.number() - 1)];
        assert_eq!(
            render(&clause.text, &data).text,
            "What may be reported to Northwind is limited to attendance and progress on the goals the client \
             chooses to share, at the review points only, in a three-way meeting, written by the client, and \
             only after the client has seen and approved it. Nothing else from the sessions, including notes \
             and anything you say in them, is passed on without your consent. If Jo Park asks for more, Sam \
             Lee will send the request to you to decide."
        );
    }

    #[test]
    fn terms_apply_the_templates_choices() {
        let executive = template_named("Three-way sponsored executive coaching");
        let terms = executive.terms(Kind::Coaching, true, today());
        assert_eq!(terms.code_of_ethics, Some(CodeOfEthics::Icf));
        assert_eq!(terms.coaching_type, Some(CoachingType::Executive));
        assert!(terms.sponsor_reporting.is_some());
        assert!(terms.three_way_meetings);
        assert_eq!(terms.start_date, Some(today()));

        let mentoring = template_named("Mentee-led mentoring agreement");
        let terms = mentoring.terms(Kind::Mentoring, false, today());
        assert_eq!(terms.code_of_ethics, Some(CodeOfEthics::Emcc));
        assert_eq!(terms.mentoring_programme, Some(MentoringProgramme::Developmental));
        assert_eq!(terms.sponsor_reporting, None);

        // The engagement's kind and sponsor decide the preset; a programme that does not
        // fit the kind is left for the practitioner to choose.
        let terms = mentoring.terms(Kind::Coaching, true, today());
        assert_eq!(terms.mentoring_programme, None);
        assert_eq!(terms.coaching_type, None);
        assert_eq!(terms.code_of_ethics, Some(CodeOfEthics::Emcc));
        assert!(terms.sponsor_reporting.is_some());
        assert_eq!(terms.session_minutes, ContractTerms::preset(Kind::Coaching, true, today()).session_minutes);
        assert_eq!(executive.terms(Kind::Mentoring, false, today()).coaching_type, None);
    }

    #[test]
    fn from_contract_keeps_clauses_and_choices() {
        let source = template_named("Individual coaching (EMCC-style)");
        let mut terms = source.terms(Kind::Coaching, false, today());
        terms.coaching_type = Some(CoachingType::Career);
        terms.mentoring_programme = Some(MentoringProgramme::Peer);
        let mut clauses = source.clauses.clone();
        clauses[2].text = "Career coaching, focused on your next move.".into();

        let mine = ContractTemplate::from_contract(
            "My career coaching".into(),
            "Career coaching the way I run it.".into(),
            Kind::Coaching,
            false,
            &terms,
            &clauses,
        );
        assert_eq!(mine.name, "My career coaching");
        assert_eq!(mine.description, "Career coaching the way I run it.");
        assert_eq!(mine.clauses, clauses);
        assert_eq!(mine.code_of_ethics, Some(CodeOfEthics::Emcc));
        assert_eq!(mine.coaching_type, Some(CoachingType::Career));
        assert_eq!(mine.mentoring_programme, None);
        assert!(!mine.three_way);

        let again = mine.terms(Kind::Coaching, false, today());
        assert_eq!(again.coaching_type, Some(CoachingType::Career));
        assert_eq!(again.code_of_ethics, Some(CodeOfEthics::Emcc));
    }
}
