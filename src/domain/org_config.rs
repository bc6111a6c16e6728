//! The organisation settings file, `accord-config.json`: how an organisation that hosts
//! Accord names and colours it, which language it starts in, and which contract templates
//! and code of ethics new contracts start from, and which sync server devices may use.
//!
//! [`read`] checks the whole file at once and returns a [`Reading`]: the [`OrgConfig`] to
//! use, plus what to tell people. Names Accord does not know are ignored with a warning; any
//! other problem (a wrong type, an unreadable colour, an accent with too little contrast, a
//! template that does not fit) makes Accord use its own defaults for everything, and says
//! why, so a half-applied file never surprises anyone. No file at all means the defaults,
//! silently. The format is documented in README.md ("Organisation settings").

use serde_json::{Map, Value};

use super::appearance::{Palette, Rgb, MIN_TEXT_CONTRAST};
use super::contract::clause::{Clause, Element};
use super::contract::merge::FIELDS;
use super::contract::templates::{built_in, ContractTemplate};
use super::contract::terms::{CoachingType, CodeOfEthics, MentoringProgramme};
use super::engagement::Kind;
use super::message::{Arg, Message};
use crate::msg;

/// The file's name, next to `index.html`.
pub const FILE_NAME: &str = "accord-config.json";
/// The format version this build reads.
pub const FORMAT_VERSION: u64 = 1;

const MAX_NAME: usize = 80;
const MAX_DESCRIPTION: usize = 300;
const MAX_CLAUSE_TEXT: usize = 20_000;
const MAX_TEMPLATES: usize = 20;
/// A logo given inline as a `data:` URL may be at most this long (about 150 kB of image).
const MAX_DATA_URL: usize = 200_000;

/// The languages Accord can start in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    German,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::German];

    /// The language tag, as in the file and in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    pub fn parse(tag: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.tag() == tag.trim())
    }
}

/// What an organisation set. [`OrgConfig::default`] is Accord on its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrgConfig {
    pub organisation_name: Option<String>,
    /// A same-origin relative address (`logo.svg`, `images/logo.png`) or a `data:image/…` URL.
    pub logo: Option<String>,
    /// The accent colour and the tints derived from it, already checked for contrast.
    pub palette: Option<Palette>,
    /// The language Accord starts in until the person chooses one; `None`: the browser's.
    pub default_language: Option<Language>,
    /// Filled into every new contract (it stays editable in the builder).
    pub default_code_of_ethics: Option<CodeOfEthics>,
    /// Offered beside the built-in templates when a contract is started.
    pub contract_templates: Vec<ContractTemplate>,
    /// The one sync server allowed (an origin, `https://sync.example.org`); `None`: any
    /// server a person enters (the host's Content-Security-Policy must still admit it).
    pub sync_server: Option<String>,
}

impl OrgConfig {
    /// Every template a new contract can start from, before the person's own: the
    /// organisation's first, then the built-in ones. The organisation's default code of
    /// ethics replaces the built-in templates' own choice; an organisation template keeps
    /// the code it names.
    pub fn templates(&self) -> Vec<ContractTemplate> {
        let built = built_in().into_iter().map(|mut template| {
            if let Some(code) = self.default_code_of_ethics {
                template.code_of_ethics = Some(code);
            }
            template
        });
        self.contract_templates.iter().cloned().chain(built).collect()
    }

    /// Why the sync form may not use `server_url` (a checked server address), if it may
    /// not: the organisation named another sync server.
    pub fn sync_server_refusal(&self, server_url: &str) -> Option<Message> {
        let allowed = self.sync_server.as_deref()?;
        (origin_of(server_url) != origin_of(allowed))
            .then(|| msg!("Your organisation allows sync only with {allowed}. Use an address on that server.", allowed = allowed))
    }
}

/// The origin (scheme, host and port, lower case, without a default port) of an http(s) address.
pub fn origin_of(address: &str) -> String {
    let (scheme, rest) = address.split_once("://").unwrap_or(("", address));
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    let authority = match (scheme.as_str(), authority.rsplit_once(':')) {
        ("https", Some((host, "443"))) | ("http", Some((host, "80"))) => host.to_string(),
        _ => authority,
    };
    format!("{scheme}://{authority}")
}

/// Checks `sync_server`: an http(s) origin with nothing after the host and port.
fn check_sync_server(value: &str) -> Result<String, Message> {
    let refused = || msg!("“sync_server” must be a server's origin such as \"https://sync.example.org\", not \"{value}\"", value = value);
    let checked = super::sync::target::server_url(value).map_err(|_| refused())?;
    let has_path = checked.split_once("://").is_some_and(|(_, rest)| rest.contains('/'));
    if has_path {
        return Err(refused());
    }
    let origin = origin_of(&checked);
    Ok(origin)
}

/// The outcome of reading the file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// What to use: the file's settings, or the defaults when it has problems.
    pub config: OrgConfig,
    /// Settings that were ignored (names Accord does not know). The rest applies.
    pub warnings: Vec<Message>,
    /// Why the file was not used; empty when it was.
    pub problems: Vec<Message>,
}

impl Reading {
    /// No file (or it could not be fetched): the defaults, nothing to say.
    pub fn missing() -> Reading {
        Reading::default()
    }

    /// The sentence shown on every screen when the file was not used.
    pub fn problem_message(&self) -> Option<Message> {
        (!self.problems.is_empty()).then(|| {
            msg!(
                "The organisation settings file has a problem: {problems}. Accord uses its defaults.",
                problems = Arg::List(self.problems.clone())
            )
        })
    }

    /// The sentence shown when some settings were ignored.
    pub fn warning_message(&self) -> Option<Message> {
        (!self.warnings.is_empty()).then(|| {
            msg!(
                "The organisation settings file has settings Accord does not use: {warnings}.",
                warnings = Arg::List(self.warnings.clone())
            )
        })
    }
}

/// Known top-level names, and likely misspellings with what they should be.
const KEYS: [&str; 9] = [
    "version",
    "sync_server",
    "organisation_name",
    "logo",
    "accent_colour",
    "default_language",
    "default_code_of_ethics",
    "contract_templates",
    "$comment",
];
const SPELLINGS: [(&str, &str); 5] = [
    ("accent_color", "accent_colour"),
    ("organization_name", "organisation_name"),
    ("name", "organisation_name"),
    ("language", "default_language"),
    ("templates", "contract_templates"),
];

/// Reads the file's text. See the module documentation for what happens on a problem.
pub fn read(text: &str) -> Reading {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return Reading {
                problems: vec![msg!("it is not valid JSON (line {line}, column {column})", line = error.line(), column = error.column())],
                ..Reading::default()
            }
        }
    };
    let Value::Object(object) = value else {
        return Reading { problems: vec![msg!("it must be one JSON object, {braces}", braces = "{ … }")], ..Reading::default() };
    };
    for key in object.keys() {
        if !KEYS.contains(&key.as_str()) {
            match SPELLINGS.iter().find(|(wrong, _)| wrong == key) {
                Some((_, right)) => warnings.push(msg!("“{key}” is not known (did you mean “{right}”?)", key = key, right = *right)),
                None => warnings.push(msg!("“{key}” is not known", key = key)),
            }
        }
    }
    let mut config = OrgConfig::default();
    match object.get("version") {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => {}
        Some(Value::Number(n)) => problems.push(msg!(
            "“version” is {n}, and this Accord reads version {version}; ask for a file written for this version",
            n = n.to_string(),
            version = FORMAT_VERSION
        )),
        Some(_) => problems.push(msg!("“version” must be the number {version}", version = FORMAT_VERSION)),
    }
    config.organisation_name = optional_text(&object, "organisation_name", MAX_NAME, &mut problems);
    config.logo = optional_string(&object, "logo", &mut problems).and_then(|logo| match check_logo(&logo) {
        Ok(()) => Some(logo),
        Err(problem) => {
            problems.push(problem);
            None
        }
    });
    if let Some(colour) = optional_string(&object, "accent_colour", &mut problems) {
        match Rgb::parse_hex(&colour) {
            None => problems.push(msg!("“accent_colour” must be a colour such as \"#1f5f5b\", not \"{colour}\"", colour = colour)),
            Some(rgb) => match Palette::for_accent(rgb) {
                Ok(palette) => config.palette = Some(palette),
                Err(refused) => problems.push(msg!(
                    "the accent colour {colour} is too light: with {against} its contrast is {ratio}:1, and text needs at least {least}:1; choose a darker colour",
                    colour = rgb.hex(),
                    against = refused.against,
                    // Round down, so a ratio shown as 4.5 never fails.
                    ratio = Arg::number((refused.ratio * 10.0).floor() / 10.0, 1),
                    least = Arg::number(MIN_TEXT_CONTRAST, 1)
                )),
            },
        }
    }
    if let Some(tag) = optional_string(&object, "default_language", &mut problems) {
        match Language::parse(&tag) {
            Some(language) => config.default_language = Some(language),
            None => problems.push(msg!("“default_language” must be \"en\" or \"de\", not \"{tag}\"", tag = tag)),
        }
    }
    if let Some(code) = optional_string(&object, "default_code_of_ethics", &mut problems) {
        match CodeOfEthics::parse(&code) {
            Some(code) => config.default_code_of_ethics = Some(code),
            None => problems.push(msg!(
                "“default_code_of_ethics” must be {values}, not \"{code}\"",
                values = one_of(CodeOfEthics::ALL.iter().map(|c| c.as_str())),
                code = code
            )),
        }
    }
    if let Some(server) = optional_string(&object, "sync_server", &mut problems) {
        match check_sync_server(&server) {
            Ok(origin) => config.sync_server = Some(origin),
            Err(problem) => problems.push(problem),
        }
    }
    match object.get("contract_templates") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) if items.len() > MAX_TEMPLATES => {
            problems.push(msg!("“contract_templates” may list at most {max} templates", max = MAX_TEMPLATES))
        }
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                let label = msg!("contract template {n}", n = index + 1);
                match read_template(item, &label, config.default_code_of_ethics) {
                    Ok(template) => {
                        let taken = built_in().iter().chain(&config.contract_templates).any(|t| t.name == template.name);
                        if taken {
                            problems.push(msg!(
                                "{label}: the name “{name}” is already used by another template",
                                label = label,
                                name = &template.name
                            ));
                        } else {
                            config.contract_templates.push(template);
                        }
                    }
                    Err(mut found) => problems.append(&mut found),
                }
            }
        }
        Some(_) => problems.push(msg!("“contract_templates” must be a list, [ … ]")),
    }
    if problems.is_empty() {
        Reading { config, warnings, problems }
    } else {
        Reading { config: OrgConfig::default(), warnings, problems }
    }
}

fn one_of<'a>(values: impl Iterator<Item = &'a str>) -> Message {
    let quoted: Vec<String> = values.map(|v| format!("\"{v}\"")).collect();
    match quoted.split_last() {
        Some((last, [])) => msg!("{value}", value = last),
        Some((last, rest)) => msg!("{values} or {last}", values = rest.join(", "), last = last),
        None => msg!(""),
    }
}

/// A string or null (or absent). Anything else is a problem.
fn optional_string(object: &Map<String, Value>, key: &str, problems: &mut Vec<Message>) -> Option<String> {
    match object.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
        Some(other) => {
            problems.push(msg!("“{key}” must be text in quotes, not {kind}", key = key, kind = kind_of(other)));
            None
        }
    }
}

/// Text shown to people: no control characters, at most `max` characters.
fn optional_text(object: &Map<String, Value>, key: &str, max: usize, problems: &mut Vec<Message>) -> Option<String> {
    let text = optional_string(object, key, problems)?;
    match check_text(&text, max) {
        Ok(()) => Some(text),
        Err(problem) => {
            problems.push(msg!("“{key}” {problem}", key = key, problem = problem));
            None
        }
    }
}

fn check_text(text: &str, max: usize) -> Result<(), Message> {
    if text.chars().count() > max {
        Err(msg!("is longer than {max} characters", max = max))
    } else if text.chars().any(|c| c.is_control() && c != '\n') {
        Err(msg!("contains control characters"))
    } else {
        Ok(())
    }
}

fn kind_of(value: &Value) -> Message {
    match value {
        Value::Null => msg!("null"),
        Value::Bool(_) => msg!("true or false"),
        Value::Number(_) => msg!("a number"),
        Value::String(_) => msg!("text"),
        Value::Array(_) => msg!("a list"),
        Value::Object(_) => msg!("an object"),
    }
}

/// A logo must come from the same place as Accord (a relative address) or be inline (a
/// `data:image/…` URL): the Content-Security-Policy allows nothing else, and Accord sends
/// no request to another site.
fn check_logo(logo: &str) -> Result<(), Message> {
    if let Some(rest) = logo.strip_prefix("data:") {
        let allowed = ["image/png", "image/svg+xml", "image/jpeg", "image/gif", "image/webp"];
        if !allowed.iter().any(|media| rest.starts_with(&format!("{media};")) || rest.starts_with(&format!("{media},"))) {
            return Err(msg!("“logo” as a data: URL must be a PNG, SVG, JPEG, GIF or WebP image"));
        }
        if logo.len() > MAX_DATA_URL {
            return Err(msg!(
                "“logo” as a data: URL is longer than {kb} kB; put the image next to the file instead",
                kb = MAX_DATA_URL / 1000
            ));
        }
        return Ok(());
    }
    let has_scheme = logo.split(['/', '?', '#']).next().is_some_and(|first| first.contains(':'));
    if has_scheme || logo.starts_with("//") || logo.starts_with('\\') || logo.contains(char::is_whitespace) {
        return Err(msg!(
            "“logo” must be an address next to Accord's files, such as \"logo.svg\", or a data:image URL, not \"{logo}\"",
            logo = logo
        ));
    }
    Ok(())
}

/// One organisation template. Either complete (`kind` and all 19 clauses) or `based_on` a
/// built-in template, whose choices and clauses fill in whatever it does not give. Without
/// a code of ethics of its own, it takes the organisation's default, then its base's.
fn read_template(value: &Value, label: &Message, default_code: Option<CodeOfEthics>) -> Result<ContractTemplate, Vec<Message>> {
    let mut problems = Vec::new();
    let Value::Object(object) = value else {
        return Err(vec![msg!("{label} must be an object, {braces}", label = label, braces = "{ … }")]);
    };
    const TEMPLATE_KEYS: [&str; 9] =
        ["name", "description", "based_on", "kind", "three_way", "code_of_ethics", "coaching_type", "mentoring_programme", "clauses"];
    for key in object.keys() {
        if !TEMPLATE_KEYS.contains(&key.as_str()) {
            problems.push(msg!("{label}: “{key}” is not known", label = label, key = key));
        }
    }
    let name = optional_text(object, "name", MAX_NAME, &mut problems);
    if name.is_none() {
        problems.push(msg!("{label} needs a “name”", label = label));
    }
    let label = name.as_ref().map_or(label.clone(), |name| msg!("the template “{name}”", name = name));
    let description = optional_text(object, "description", MAX_DESCRIPTION, &mut problems).unwrap_or_default();
    let base = match optional_string(object, "based_on", &mut problems) {
        None => None,
        Some(base) => match built_in().into_iter().find(|t| t.name == base) {
            Some(template) => Some(template),
            None => {
                problems.push(msg!(
                    "{label}: “based_on” must name a built-in template: {names}",
                    label = &label,
                    names = one_of(built_in().iter().map(|t| t.name.as_str()))
                ));
                return Err(problems);
            }
        },
    };
    let kind = match optional_string(object, "kind", &mut problems) {
        Some(kind) => Kind::parse(&kind).or_else(|| {
            problems.push(msg!("{label}: “kind” must be \"coaching\" or \"mentoring\", not \"{kind}\"", label = &label, kind = &kind));
            None
        }),
        None => base.as_ref().map(|b| b.kind).or_else(|| {
            problems.push(msg!("{label} needs a “kind” (\"coaching\" or \"mentoring\") or a “based_on” template", label = &label));
            None
        }),
    };
    let three_way = match object.get("three_way") {
        None | Some(Value::Null) => base.as_ref().is_some_and(|b| b.three_way),
        Some(Value::Bool(yes)) => *yes,
        Some(other) => {
            problems.push(msg!("{label}: “three_way” must be true or false, not {kind}", label = &label, kind = kind_of(other)));
            false
        }
    };
    let code_of_ethics =
        choice(object, "code_of_ethics", CodeOfEthics::parse, CodeOfEthics::ALL.iter().map(|c| c.as_str()), &label, &mut problems)
            .or(default_code)
            .or(base.as_ref().and_then(|b| b.code_of_ethics));
    let coaching_type =
        choice(object, "coaching_type", CoachingType::parse, CoachingType::ALL.iter().map(|c| c.as_str()), &label, &mut problems)
            .or(base.as_ref().and_then(|b| b.coaching_type));
    let mentoring_programme = choice(
        object,
        "mentoring_programme",
        MentoringProgramme::parse,
        MentoringProgramme::ALL.iter().map(|c| c.as_str()),
        &label,
        &mut problems,
    )
    .or(base.as_ref().and_then(|b| b.mentoring_programme));
    let given = read_clauses(object.get("clauses"), &label, &mut problems);
    let clauses: Vec<Clause> = Element::all()
        .filter_map(|element| {
            given
                .iter()
                .find(|c| c.element == element)
                .or_else(|| base.as_ref().and_then(|b| b.clauses.iter().find(|c| c.element == element)))
                .cloned()
        })
        .collect();
    if base.is_none() && problems.is_empty() && clauses.len() < 19 {
        let missing: Vec<String> =
            Element::all().filter(|e| !clauses.iter().any(|c| c.element == *e)).map(|e| e.number().to_string()).collect();
        problems.push(msg!(
            "{label} has no clause for element {elements}; give all 19 or use “based_on” to start from a built-in template",
            label = &label,
            elements = missing.join(", ")
        ));
    }
    match (problems.is_empty(), name, kind) {
        (true, Some(name), Some(kind)) => Ok(ContractTemplate {
            name,
            description,
            kind,
            three_way,
            code_of_ethics,
            coaching_type: coaching_type.filter(|_| kind == Kind::Coaching),
            mentoring_programme: mentoring_programme.filter(|_| kind == Kind::Mentoring),
            clauses,
        }),
        _ => Err(problems),
    }
}

fn choice<'a, T>(
    object: &Map<String, Value>,
    key: &str,
    parse: fn(&str) -> Option<T>,
    values: impl Iterator<Item = &'a str>,
    label: &Message,
    problems: &mut Vec<Message>,
) -> Option<T> {
    let text = optional_string(object, key, problems)?;
    parse(&text).or_else(|| {
        problems.push(msg!(
            "{label}: “{key}” must be {values}, not \"{text}\"",
            label = label,
            key = key,
            values = one_of(values),
            text = &text
        ));
        None
    })
}

fn read_clauses(value: Option<&Value>, label: &Message, problems: &mut Vec<Message>) -> Vec<Clause> {
    let items = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            problems.push(msg!("{label}: “clauses” must be a list, not {kind}", label = label, kind = kind_of(other)));
            return Vec::new();
        }
    };
    let mut clauses: Vec<Clause> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let at = msg!("{label}, clause {n}", label = label, n = index + 1);
        let Value::Object(object) = item else {
            problems.push(msg!("{at} must be an object with “element”, “heading” and “text”", at = at));
            continue;
        };
        let element = match object.get("element").and_then(Value::as_u64) {
            Some(number) => u8::try_from(number).ok().and_then(Element::new),
            None => None,
        };
        let Some(element) = element else {
            problems.push(msg!("{at}: “element” must be a number from 1 to 19", at = at));
            continue;
        };
        if clauses.iter().any(|c| c.element == element) {
            problems.push(msg!("{at}: element {n} is given twice", at = at, n = element.number()));
            continue;
        }
        let heading = optional_text(object, "heading", MAX_NAME, problems);
        let text = optional_text(object, "text", MAX_CLAUSE_TEXT, problems);
        let (Some(heading), Some(text)) = (heading, text) else {
            problems.push(msg!("{at} needs a “heading” and a “text”", at = at));
            continue;
        };
        let unknown = unknown_merge_fields(&format!("{heading}\n{text}"));
        if !unknown.is_empty() {
            problems.push(msg!("{at} uses merge fields Accord does not have: {fields}", at = at, fields = unknown.join(", ")));
            continue;
        }
        clauses.push(Clause::new(element, heading, text));
    }
    clauses
}

/// `{{names}}` in `text` that are not merge fields.
fn unknown_merge_fields(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim();
        if !FIELDS.iter().any(|(field, _)| *field == name) {
            unknown.push(format!("{{{{{name}}}}}"));
        }
        rest = &after[end + 2..];
    }
    unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r##"{
        "version": 1,
        "organisation_name": "Northwind Health",
        "logo": "northwind-logo.svg",
        "accent_colour": "#5a3f8c",
        "default_language": "de",
        "default_code_of_ethics": "emcc",
        "contract_templates": [
            {
                "name": "Northwind leadership coaching",
                "description": "Six sessions for new team leads, paid by Northwind.",
                "based_on": "Three-way sponsored executive coaching",
                "coaching_type": "leadership",
                "clauses": [
                    { "element": 6, "heading": "Fees", "text": "Northwind pays {{fee}} per session." }
                ]
            }
        ]
    }"##;

    #[test]
    fn a_complete_file_is_applied() {
        let reading = read(EXAMPLE);
        assert_eq!(reading.problems, Vec::<String>::new());
        assert_eq!(reading.warnings, Vec::<String>::new());
        let config = reading.config;
        assert_eq!(config.organisation_name.as_deref(), Some("Northwind Health"));
        assert_eq!(config.logo.as_deref(), Some("northwind-logo.svg"));
        assert_eq!(config.palette.unwrap().accent.hex(), "#5a3f8c");
        assert_eq!(config.default_language, Some(Language::German));
        assert_eq!(config.default_code_of_ethics, Some(CodeOfEthics::Emcc));
        let template = &config.contract_templates[0];
        assert_eq!(template.kind, Kind::Coaching);
        assert_eq!(template.code_of_ethics, Some(CodeOfEthics::Emcc), "the organisation's default over its base's");
        assert!(template.three_way, "from the template it is based on");
        assert_eq!(template.coaching_type, Some(CoachingType::Leadership));
        assert_eq!(template.clauses.len(), 19);
        assert_eq!(template.clauses[5].text, "Northwind pays {{fee}} per session.");
        assert!(template.clauses.iter().zip(Element::all()).all(|(c, e)| c.element == e), "in element order");
    }

    #[test]
    fn a_sync_server_is_an_origin_and_the_only_one_the_sync_form_allows() {
        let config = read(r#"{ "sync_server": "https://Sync.Example.org:443/" }"#).config;
        assert_eq!(config.sync_server.as_deref(), Some("https://sync.example.org"));
        assert_eq!(config.sync_server_refusal("https://sync.example.org"), None);
        assert_eq!(config.sync_server_refusal("https://sync.example.org/couch"), None, "a path on the same server is fine");
        assert!(config.sync_server_refusal("https://other.example.org").unwrap().contains("https://sync.example.org"));
        assert!(config.sync_server_refusal("http://sync.example.org").is_some(), "another scheme is another origin");
        assert_eq!(OrgConfig::default().sync_server_refusal("https://anywhere.example"), None);
        for bad in ["sync.example.org", "https://sync.example.org/couch", "ftp://x", "https://a@b"] {
            let reading = read(&format!(r#"{{ "sync_server": "{bad}" }}"#));
            assert_eq!(reading.problems.len(), 1, "{bad}");
            assert!(reading.problems[0].contains("sync_server"), "{bad}");
        }
        assert_eq!(read(r#"{ "sync_server": "http://127.0.0.1:8798" }"#).config.sync_server.as_deref(), Some("http://127.0.0.1:8798"));
    }

    #[test]
    fn the_shipped_default_file_changes_nothing() {
        let shipped = include_str!("../../public/accord-config.json");
        let reading = read(shipped);
        assert_eq!(reading, Reading::missing());
    }

    #[test]
    fn organisation_templates_come_first_and_the_default_code_fills_built_in_ones() {
        let config = read(EXAMPLE).config;
        let templates = config.templates();
        assert_eq!(templates.len(), built_in().len() + 1);
        assert_eq!(templates[0].name, "Northwind leadership coaching");
        assert!(templates[1..].iter().all(|t| t.code_of_ethics == Some(CodeOfEthics::Emcc)));
        assert_eq!(OrgConfig::default().templates(), built_in());
    }

    #[test]
    fn unknown_names_are_ignored_with_a_warning_and_the_rest_applies() {
        let reading = read(r##"{ "organisation_name": "Acme", "accent_color": "#000000", "colour_scheme": "dark" }"##);
        assert!(reading.problems.is_empty());
        assert_eq!(reading.config.organisation_name.as_deref(), Some("Acme"));
        assert_eq!(reading.warnings.len(), 2);
        assert!(reading.warnings[0].contains("did you mean “accent_colour”"), "{:?}", reading.warnings);
        assert!(reading.warning_message().unwrap().starts_with("The organisation settings file has settings Accord does not use"));
    }

    #[test]
    fn a_wrong_type_falls_back_to_the_defaults_and_says_why() {
        let reading = read(r##"{ "organisation_name": 42, "accent_colour": "#1f5f5b" }"##);
        assert_eq!(reading.config, OrgConfig::default(), "nothing half-applied");
        assert_eq!(
            reading.problem_message().unwrap(),
            "The organisation settings file has a problem: “organisation_name” must be text in quotes, not a number. Accord uses its defaults."
        );
    }

    #[test]
    fn broken_json_and_a_non_object_are_problems() {
        assert!(read("{ \"organisation_name\": ").problems[0].starts_with("it is not valid JSON (line 1"));
        assert_eq!(read("[1, 2]").problems, vec!["it must be one JSON object, { … }".to_string()]);
        assert_eq!(read(r#"{"version": 2}"#).problems.len(), 1);
        assert_eq!(read(r#"{"version": "1"}"#).problems.len(), 1);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let reading = read(r##"{ "accent_colour": "teal", "default_language": "fr", "default_code_of_ethics": "ac", "logo": true }"##);
        assert_eq!(reading.problems.len(), 4, "{:?}", reading.problems);
    }

    #[test]
    fn an_accent_without_enough_contrast_is_refused() {
        let reading = read(r##"{ "accent_colour": "#7FD1C8" }"##);
        assert_eq!(reading.config, OrgConfig::default());
        assert!(
            reading.problems[0].starts_with("the accent colour #7fd1c8 is too light: with white text on it its contrast is 1."),
            "{:?}",
            reading.problems
        );
        assert!(read(r##"{ "accent_colour": "#1F5F5B" }"##).problems.is_empty());
        assert!(read(r##"{ "accent_colour": "#abc" }"##).problems[0].contains("too light"));
        assert!(read(r##"{ "accent_colour": "1f5f5b" }"##).problems[0].contains("must be a colour such as"));
    }

    #[test]
    fn a_logo_must_be_local_or_inline() {
        for ok in ["logo.svg", "images/logo.png", "/brand/logo.png", "data:image/png;base64,iVBORw0KGgo=", "data:image/svg+xml,%3Csvg%3E"] {
            assert!(check_logo(ok).is_ok(), "{ok}");
        }
        for refused in [
            "https://cdn.example.com/logo.png",
            "//cdn.example.com/logo.png",
            "javascript:alert(1)",
            "data:text/html,<script>",
            "logo file.png",
            "\\\\server\\logo.png",
        ] {
            assert!(check_logo(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn templates_are_checked_like_the_built_in_ones() {
        let no_kind = read(r#"{ "contract_templates": [ { "name": "Mine", "clauses": [] } ] }"#);
        assert!(no_kind.problems.iter().any(|p| p.contains("needs a “kind”")), "{:?}", no_kind.problems);

        let incomplete = read(
            r#"{ "contract_templates": [ { "name": "Mine", "kind": "mentoring", "clauses": [ { "element": 1, "heading": "Us", "text": "Hello" } ] } ] }"#,
        );
        assert!(incomplete.problems[0].contains("has no clause for element 2, 3"), "{:?}", incomplete.problems);

        let unknown_base = read(r#"{ "contract_templates": [ { "name": "Mine", "based_on": "Nope" } ] }"#);
        assert!(unknown_base.problems[0].contains("must name a built-in template"));

        let bad_field = read(
            r#"{ "contract_templates": [ { "name": "Mine", "based_on": "Mentee-led mentoring agreement", "clauses": [ { "element": 6, "heading": "Fees", "text": "{{price}}" } ] } ] }"#,
        );
        assert!(bad_field.problems[0].contains("merge fields Accord does not have: {{price}}"), "{:?}", bad_field.problems);

        let twice = read(
            r#"{ "contract_templates": [ { "name": "Mine", "based_on": "Mentee-led mentoring agreement", "clauses": [ { "element": 6, "heading": "A", "text": "a" }, { "element": 6, "heading": "B", "text": "b" } ] } ] }"#,
        );
        assert!(twice.problems[0].contains("element 6 is given twice"));

        let clash = read(
            r#"{ "contract_templates": [ { "name": "Mentee-led mentoring agreement", "based_on": "Mentee-led mentoring agreement" } ] }"#,
        );
        assert!(clash.problems[0].contains("already used by another template"));

        let wrong_element = read(
            r#"{ "contract_templates": [ { "name": "Mine", "based_on": "Mentee-led mentoring agreement", "clauses": [ { "element": 20, "heading": "A", "text": "a" } ] } ] }"#,
        );
        assert!(wrong_element.problems[0].contains("“element” must be a number from 1 to 19"));
    }

    #[test]
    fn a_complete_template_needs_no_base() {
        let clauses: Vec<String> =
            (1..=19).map(|n| format!(r#"{{ "element": {n}, "heading": "Part {n}", "text": "Text for {{{{client_name}}}}." }}"#)).collect();
        let file = format!(
            r#"{{ "contract_templates": [ {{ "name": "Ours", "kind": "mentoring", "mentoring_programme": "career", "coaching_type": "leadership", "clauses": [ {} ] }} ] }}"#,
            clauses.join(",")
        );
        let reading = read(&file);
        assert!(reading.problems.is_empty(), "{:?}", reading.problems);
        let template = &reading.config.contract_templates[0];
        assert_eq!(template.mentoring_programme, Some(MentoringProgramme::Career));
        assert_eq!(template.coaching_type, None, "only the choice that fits the kind is kept");
        assert!(!template.three_way);
    }
}
