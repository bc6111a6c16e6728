//! Writes the benchmark's seed data as Accord backup files, built from the app's own domain
//! types so every file carries exactly the checksum the app computes and is accepted by its
//! import. Deterministic: the same arguments always give the same bytes.
//!
//! Usage: `cargo run --release --example bench_seed -- <out-folder> [--small]`
//!
//! Writes `<out>/full.json` (50 engagements, 10,000 sessions with notes of realistic length,
//! goals; one engagement holds 1,000 sessions, one goal 200 judged entries, another 200
//! metric entries) and `<out>/startup.json` (50 engagements with a few goals and sessions
//! each). `--small` makes a tiny version of both for the harness's own test. Prints a JSON
//! summary of what was written.

use accord::domain::backup::{Backup, BackupData, Scope};
use accord::domain::date::Date;
use accord::domain::goal::{Goal, JudgedEntry, Metric, MetricEntry, MetricKind, Progress, ReviewPoint, ScoreEntry, Visibility};
use accord::domain::session::{AgendaItem, ClockTime, Feedback, Notes, Purpose, Session, SessionAgreement, Status, Theme};
use accord::domain::{Engagement, EngagementForm, Record, RecordId, Timestamp};

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn id(&mut self) -> RecordId {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        RecordId::from_random_bytes(bytes)
    }
    fn short_id(&mut self) -> String {
        format!("{:016x}", self.next())
    }
}

const FIRST: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Priya",
    "Jonas",
    "Mei",
    "Oluwaseun",
    "Fatima",
    "Lars",
    "Sofia",
    "Mateo",
    "Aisha",
    "Tomasz",
    "Hana",
    "Rafael",
    "Ingrid",
    "Kwame",
    "Elena",
    "Dmitri",
    "Noor",
    "Liam",
    "Yuki",
    "Chiara",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Johnson", "Raman", "Becker", "Chen", "Adeyemi", "Haddad", "Nilsson", "Rossi", "García", "Khan",
    "Nowak", "Sato", "Oliveira", "Larsen", "Mensah", "Popescu", "Volkov", "Farouk", "O'Brien",
];
const PRACTITIONERS: &[&str] = &["Sam Lee", "Priya Natarajan", "Jo Park", "Morgan Ellis"];
const ORGS: &[&str] = &["Northwind Trading", "Contoso Health", "Fabrikam Energy", "Tailspin Logistics", "Woodgrove Bank"];
const TITLES: &[&str] = &[
    "First-time manager",
    "Board readiness",
    "Leading through a merger",
    "Moving into research leadership",
    "Returning from parental leave",
    "Building a new team",
    "Career direction",
    "Executive presence",
];
const GOALS: &[&str] = &[
    "Delegate the weekly reporting to the team",
    "Speak up in the leadership meeting",
    "Lead the merged team with one plan",
    "Hold a difficult conversation with a peer",
    "Publish the first paper as senior author",
    "Protect two focus mornings a week",
    "Build a network outside the department",
    "Prepare for the director interview",
];
const SENTENCES: &[&str] = &[
    "We started by revisiting what had changed since the last session and what felt most pressing.",
    "The client described a meeting where they held back their view and regretted it afterwards.",
    "We explored what got in the way: a worry about seeming unprepared in front of the new director.",
    "I reflected back the pattern of taking on work rather than asking the team for it.",
    "The client noticed that the weekly report takes most of Monday and nobody else knows how to write it.",
    "We used the GROW model to move from the goal to two concrete options for the coming fortnight.",
    "There was a long pause before the client said that delegating felt like losing control.",
    "We agreed to look at the evidence: what happened the last time a task was handed over?",
    "The client wants to try a short, structured update at the start of the leadership meeting.",
    "Energy rose noticeably when we talked about the new graduate scheme and mentoring others.",
    "I offered an observation about the language of obligation (I must, I should) and the client laughed.",
    "We checked progress against the goal scale: the client placed themselves at the expected level.",
    "Sleep and workload came up again; we noted it and agreed it is outside the scope of this contract.",
    "The client would like feedback from two colleagues before the mid-point review.",
    "We closed by naming one thing to practise and how the client will know it worked.",
    "A stakeholder conversation with the sponsor is due next month; we rehearsed the opening lines.",
    "The client brought a draft of the team charter and wanted to test its clarity.",
    "We spent time on what a good enough standard looks like, rather than a perfect one.",
];
const THEMES: &[&str] = &[
    "Handing over the weekly report",
    "The reorganisation announcement",
    "Preparing for the board presentation",
    "Feedback from my manager",
    "Balancing research and teaching",
    "A conflict in the project team",
    "Saying no to extra work",
];

/// Whole sentences, at least `min_chars` plus up to `spread` more characters.
fn paragraph(rng: &mut Rng, min_chars: usize, spread: usize) -> String {
    let min_chars = min_chars + if spread > 0 { rng.below(spread) } else { 0 };
    let mut text = String::new();
    while text.len() < min_chars {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(rng.pick(SENTENCES));
    }
    text
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// Milliseconds at 09:00 UTC on a date.
fn at(date: Date) -> Timestamp {
    Timestamp(date.days_since_epoch() * 86_400_000 + 9 * 3_600_000)
}

fn engagement(rng: &mut Rng, index: usize) -> Engagement {
    let three_way = index % 4 == 0;
    let form = EngagementForm {
        client_name: name(rng),
        practitioner_name: rng.pick(PRACTITIONERS).to_string(),
        kind: if index % 3 == 0 { "mentoring" } else { "coaching" }.into(),
        title: rng.pick(TITLES).to_string(),
        accreditation: if index % 2 == 0 { "icf_pcc" } else { "" }.into(),
        sponsor_organisation: if three_way { rng.pick(ORGS).to_string() } else { String::new() },
        sponsor_contact: if three_way { name(rng) } else { String::new() },
        ..EngagementForm::default()
    };
    Engagement::try_from(form).expect("a valid seed engagement")
}

fn session(rng: &mut Rng, engagement_id: &RecordId, date: Date, today: Date, n: usize) -> Session {
    let purpose = match n % 12 {
        5 => Purpose::MidPointReview,
        11 => Purpose::EndReview,
        _ => Purpose::Session,
    };
    let time = ClockTime::new(8 + rng.below(9) as u8, [0, 15, 30, 45][rng.below(4)]).unwrap();
    let mut s = Session::planned(engagement_id.clone(), date, time, [45, 60, 60, 90][rng.below(4)], purpose);
    if date >= today {
        return s;
    }
    s.status = match rng.below(20) {
        0 => Status::Cancelled,
        1 => Status::LateCancelled,
        2 => Status::NoShow,
        _ => Status::Held,
    };
    if s.status != Status::Held {
        s.status_note = "Moved at the client's request.".into();
        return s;
    }
    for _ in 0..1 + rng.below(3) {
        s.themes.push(Theme {
            id: rng.short_id(),
            what: rng.pick(THEMES).into(),
            why_now: paragraph(rng, 60, 0),
            leave_with: paragraph(rng, 40, 0),
        });
    }
    s.agenda = s.themes.iter().map(|t| AgendaItem { id: rng.short_id(), text: t.what.clone(), theme_id: Some(t.id.clone()) }).collect();
    s.agreement = SessionAgreement { want: paragraph(rng, 60, 0), how_know: paragraph(rng, 40, 0) };
    s.notes = Notes {
        practitioner_private: paragraph(rng, 400, 500),
        client_private: paragraph(rng, 150, 300),
        shared: paragraph(rng, 250, 400),
    };
    s.reflection = paragraph(rng, 80, 200);
    s.reflection_shared = rng.below(2) == 0;
    s.feedback =
        Some(Feedback { score: 1 + rng.below(4) as u8, comment: if rng.below(3) == 0 { paragraph(rng, 40, 0) } else { String::new() } });
    s
}

struct Shape {
    engagements: usize,
    sessions: usize,
    /// Sessions in the first engagement (the one the list benchmark opens).
    big: usize,
    goals_each: usize,
    entries: usize,
}

fn build(seed: u64, shape: &Shape) -> BackupData {
    let mut rng = Rng(seed);
    let first = Date::new(2025, 1, 6).unwrap();
    let days = 730;
    let today = Date::new(2026, 10, 1).unwrap();
    let mut data = BackupData::default();
    for i in 0..shape.engagements {
        let created = first.add_days((i * 7 % 60) as i64);
        data.engagements.push(Record::new(rng.id(), at(created), engagement(&mut rng, i)));
    }
    // Sessions: `big` in the first engagement, the rest shared out; every engagement's
    // sessions spread evenly over the two years.
    let rest = shape.sessions.saturating_sub(shape.big);
    let others = shape.engagements.saturating_sub(1).max(1);
    for (e, engagement) in data.engagements.iter().enumerate() {
        let count = if e == 0 { shape.big.min(shape.sessions) } else { rest / others + usize::from(e - 1 < rest % others) };
        for n in 0..count {
            let date = first.add_days((n * days / count.max(1)) as i64 + rng.below(3) as i64);
            let s = session(&mut rng, &engagement.id, date, today, n);
            let record = Record::new(rng.id(), at(date.add_days(-7)), s);
            data.sessions.push(record);
        }
    }
    for (e, engagement) in data.engagements.iter().enumerate() {
        for g in 0..shape.goals_each {
            let mut goal = Goal::new(engagement.id.clone(), rng.pick(GOALS));
            goal.why_it_matters = paragraph(&mut rng, 80, 0);
            goal.success_measure = paragraph(&mut rng, 50, 0);
            goal.target_date = Some(first.add_days(600));
            goal.visibility = if g % 2 == 0 { Visibility::Shared } else { Visibility::SponsorVisible };
            goal.levels.much_less = "No change from today.".into();
            goal.levels.somewhat_less = "Tried once, then stopped.".into();
            goal.levels.expected = "Done every week for a month.".into();
            goal.levels.somewhat_more = "Done every week and others noticed.".into();
            goal.levels.much_more = "It has become how the team works.".into();
            goal.scores.push(ScoreEntry { on: first.add_days(14), point: ReviewPoint::Baseline, score: -1, note: String::new() });
            let entries = if e == 0 && g < 2 { shape.entries } else { 4 };
            let on = |k: usize| first.add_days((k * days / entries.max(1)) as i64);
            goal.progress = if e == 0 && g == 1 {
                Progress::Metric(Metric {
                    kind: MetricKind::Measurement,
                    unit: "minutes of focus time a day".into(),
                    start_value: 30.0,
                    target: 120.0,
                    entries: (0..entries)
                        .map(|k| MetricEntry {
                            on: on(k),
                            value: (30 + k * 90 / entries.max(1) + rng.below(15)) as f64,
                            note: String::new(),
                        })
                        .collect(),
                })
            } else {
                Progress::Judged {
                    entries: (0..entries)
                        .map(|k| JudgedEntry {
                            on: on(k),
                            percent: (k * 100 / entries.max(1)).min(100) as u8,
                            comment: paragraph(&mut rng, 40, 0),
                        })
                        .collect(),
                }
            };
            data.goals.push(Record::new(rng.id(), at(first.add_days(10)), goal));
        }
    }
    data
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::path::PathBuf::from(args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "bench/data".into()));
    let small = args.iter().any(|a| a == "--small");
    std::fs::create_dir_all(&out).expect("the output folder can be made");
    let (full, startup) = if small {
        (
            Shape { engagements: 5, sessions: 100, big: 40, goals_each: 2, entries: 20 },
            Shape { engagements: 5, sessions: 10, big: 2, goals_each: 1, entries: 4 },
        )
    } else {
        (
            Shape { engagements: 50, sessions: 10_000, big: 1_000, goals_each: 2, entries: 200 },
            Shape { engagements: 50, sessions: 500, big: 10, goals_each: 2, entries: 4 },
        )
    };
    let now = Timestamp(1_790_000_000_000);
    let mut summary = Vec::new();
    for (file, shape, seed) in [("full.json", &full, 0x5eed_0001), ("startup.json", &startup, 0x5eed_0002)] {
        let data = build(seed, shape);
        let counts = data.counts();
        let backup = Backup::new(data, Scope::Everything, 6, "0.1.0", now);
        let text = backup.to_json();
        std::fs::write(out.join(file), &text).expect("the seed file can be written");
        let big = backup.data.engagements.first().map(|e| e.id.to_string()).unwrap_or_default();
        let goal = |i: usize| backup.data.goals.get(i).map(|g| g.id.to_string()).unwrap_or_default();
        summary.push(format!(
            "\"{}\":{{\"bytes\":{},\"records\":{},\"counts\":{},\"big_engagement\":\"{}\",\"judged_goal\":\"{}\",\"metric_goal\":\"{}\",\"big_sessions\":{},\"goal_entries\":{}}}",
            file.trim_end_matches(".json"),
            text.len(),
            backup.data.total(),
            serde_json::to_string(&counts).unwrap(),
            big,
            goal(0),
            goal(1),
            shape.big.min(shape.sessions),
            shape.entries
        ));
    }
    println!("{{{}}}", summary.join(","));
}
