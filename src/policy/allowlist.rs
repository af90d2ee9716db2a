//! Allowlist files (`allowlists/*.toml`): read as typed, validated into rules, indexed by
//! registrable domain. Staff edit these files; every mistake is reported as `file:line:column`.

use std::net::IpAddr;

use rustc_hash::FxHashMap;

use std::ops::Range;

use toml::Spanned;
use url::Url;

use super::host::HostRef;
use super::{Mode, ModeSet, Outcome, PublicSuffixes, Purpose, Reason, Request, Transport, Verdict};
use crate::i18n::staff::Message;
use crate::source::{Located, Location, SourceFile};
use crate::staff;
use crate::toml_reader::{Expect, Sink, Table};

/// Index of a rule in its [`super::Policy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleId(u32);

impl RuleId {
    pub(super) fn new(index: usize) -> Self {
        RuleId(u32::try_from(index).expect("fewer than 4 billion rules"))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The launcher groups services by these themes (the Aidants Connect areas, plus a few of our
/// own). `support` entries are technical hosts that never appear as tiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Papiers,
    Famille,
    Social,
    Travail,
    Logement,
    Transports,
    Argent,
    Sante,
    Retraite,
    Justice,
    Etranger,
    Education,
    Loisirs,
    Information,
    Connexion,
    Accompagnement,
    Support,
}

impl Category {
    pub const ALL: [Category; 17] = [
        Category::Papiers,
        Category::Famille,
        Category::Social,
        Category::Travail,
        Category::Logement,
        Category::Transports,
        Category::Argent,
        Category::Sante,
        Category::Retraite,
        Category::Justice,
        Category::Etranger,
        Category::Education,
        Category::Loisirs,
        Category::Information,
        Category::Connexion,
        Category::Accompagnement,
        Category::Support,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Category::Papiers => "papiers",
            Category::Famille => "famille",
            Category::Social => "social",
            Category::Travail => "travail",
            Category::Logement => "logement",
            Category::Transports => "transports",
            Category::Argent => "argent",
            Category::Sante => "sante",
            Category::Retraite => "retraite",
            Category::Justice => "justice",
            Category::Etranger => "etranger",
            Category::Education => "education",
            Category::Loisirs => "loisirs",
            Category::Information => "information",
            Category::Connexion => "connexion",
            Category::Accompagnement => "accompagnement",
            Category::Support => "support",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Https,
    Http,
}

/// How a host may be used. Shared CDNs host anything, so they serve pages but are never a place
/// a patron can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SiteUse {
    #[default]
    Navigate,
    Subresource,
}

/// How sure we are that a host is needed, as recorded in `domains.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    High,
    Medium,
    Guess,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    Domain(String),
    Ip(IpAddr),
}

/// One validated `[[site]]` entry.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub hosts: Vec<HostPattern>,
    pub paths: Vec<String>,
    pub modes: ModeSet,
    pub allows_https: bool,
    pub allows_http: bool,
    pub ports: Vec<u16>,
    pub category: Category,
    pub start: Option<Url>,
    pub start_location: Option<Location>,
    pub site_use: SiteUse,
    pub confidence: Option<Confidence>,
    pub origin: Location,
}

impl Rule {
    /// This rule's opinion of a request whose host it covers.
    pub(super) fn judge(&self, id: RuleId, request: &Request) -> Outcome {
        if request.purpose == Purpose::Navigation && self.site_use == SiteUse::Subresource {
            return Outcome::new(Verdict::Block, Reason::SubresourceOnly, id);
        }
        if !self.modes.contains(request.mode) {
            return Outcome::new(Verdict::Block, Reason::NotInMode, id);
        }
        if let Some(port) = request.port {
            if !self.ports.contains(&port) {
                return Outcome::new(Verdict::Block, Reason::Port, id);
            }
        }
        if let Some(path) = request.path {
            if !self.paths.is_empty() && !self.paths.iter().any(|prefix| path_within(prefix, path)) {
                return Outcome::new(Verdict::Block, Reason::Path, id);
            }
        }
        match request.transport {
            Transport::Secure if self.allows_https => Outcome::new(Verdict::Allow, Reason::Allowlisted, id),
            Transport::Plain if self.allows_http => Outcome::new(Verdict::Allow, Reason::Allowlisted, id),
            Transport::Plain if self.allows_https => Outcome::new(Verdict::Upgrade, Reason::HttpsAvailable, id),
            _ => Outcome::new(Verdict::Block, Reason::Scheme, id),
        }
    }

    /// Shown on the launcher: navigable, with a start page, and not a technical host.
    pub fn is_tile(&self) -> bool {
        self.start.is_some() && self.site_use == SiteUse::Navigate && self.category != Category::Support
    }
}

/// `/portail/` covers `/portail/x`; `/portail` covers `/portail` and `/portail/x`, not `/portails`.
fn path_within(prefix: &str, path: &str) -> bool {
    path.starts_with(prefix)
        && (prefix.ends_with('/') || path.len() == prefix.len() || path.as_bytes()[prefix.len()] == b'/')
}

/// Rules by the registrable domain of their hosts, and by IP address. The keys come from our
/// own lists, so a fast non-keyed hash is safe: a crafted host can only slow its own lookup.
#[derive(Debug, Default)]
pub(super) struct Index {
    by_domain: FxHashMap<Box<str>, Vec<(Box<str>, RuleId)>>,
    by_ip: Vec<(IpAddr, RuleId)>,
}

impl Index {
    pub fn new(rules: &[Rule], suffixes: &PublicSuffixes) -> Self {
        let mut index = Index::default();
        for (i, rule) in rules.iter().enumerate() {
            for host in &rule.hosts {
                match host {
                    HostPattern::Ip(ip) => index.by_ip.push((*ip, RuleId::new(i))),
                    HostPattern::Domain(name) => {
                        // Validation guarantees a registrable domain exists.
                        let key = suffixes.registrable(name).unwrap_or(name);
                        index.by_domain.entry(key.into()).or_default().push((name.as_str().into(), RuleId::new(i)));
                    }
                }
            }
        }
        index
    }

    pub fn for_domain(&self, registrable: &str) -> &[(Box<str>, RuleId)] {
        self.by_domain.get(registrable).map_or(&[], Vec::as_slice)
    }

    pub fn for_ip(&self, ip: IpAddr) -> impl Iterator<Item = &(IpAddr, RuleId)> {
        self.by_ip.iter().filter(move |(rule_ip, _)| *rule_ip == ip)
    }
}

/// One `[[site]]` entry as typed. Every key is read before anything is checked, so that the
/// reader reports every key it was not asked for; a key that is missing or of the wrong type
/// is `None` here and already reported.
struct RawSite {
    span: Range<usize>,
    name: Option<Spanned<String>>,
    hosts: Option<Spanned<Vec<Spanned<String>>>>,
    category: Option<Spanned<Category>>,
    paths: Option<Spanned<Vec<Spanned<String>>>>,
    modes: Option<Spanned<Vec<Spanned<Mode>>>>,
    schemes: Option<Spanned<Vec<Spanned<Scheme>>>>,
    ports: Option<Spanned<Vec<Spanned<i64>>>>,
    start: Option<Spanned<String>>,
    site_use: Option<Spanned<SiteUse>>,
    confidence: Option<Spanned<Confidence>>,
}

impl RawSite {
    fn read(table: &mut Table<'_, '_>) -> RawSite {
        let categories: Vec<(&'static str, Category)> = Category::ALL.iter().map(|c| (c.id(), *c)).collect();
        let modes: Vec<(&'static str, Mode)> = Mode::ALL.iter().map(|m| (m.as_str(), *m)).collect();
        let raw = RawSite {
            span: table.span(),
            name: table.required_text("name", Expect::Text),
            hosts: table.required_text_list("hosts", Expect::Text),
            category: table.required_choice("category", &categories),
            paths: table.text_list("paths", Expect::Text),
            modes: table.choice_list("modes", &modes),
            schemes: table.choice_list("schemes", &[("https", Scheme::Https), ("http", Scheme::Http)]),
            ports: table.integer_list("ports"),
            start: table.text_as("start", Expect::Address),
            site_use: table.choice("use", &[("navigate", SiteUse::Navigate), ("subresource", SiteUse::Subresource)]),
            confidence: table.choice("confidence", &[("high", Confidence::High), ("medium", Confidence::Medium), ("guess", Confidence::Guess)]),
        };
        // Free text for staff (sources, caveats); never shown to patrons.
        table.text_value("note");
        raw
    }
}

/// Parses and validates every file. All errors of all files are returned together.
pub(super) fn parse_all(lists: &[SourceFile], suffixes: &PublicSuffixes) -> Result<Vec<Rule>, Vec<Located>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for file in lists {
        let sink = Sink::new(file);
        if let Some(document) = sink.parse() {
            let mut root = sink.root(&document);
            let mut sites = root.tables("site");
            drop(root);
            if sites.is_empty() && sink.error_count() == 0 {
                errors.push(Located::whole_file(file.name(), staff!("list-no-site")));
            }
            for table in &mut sites {
                let raw = RawSite::read(table);
                if let Some(rule) = validate_site(&sink, raw, suffixes) {
                    rules.push(rule);
                }
            }
        }
        errors.extend(sink.into_errors());
    }
    if errors.is_empty() { Ok(rules) } else { Err(errors) }
}

/// Checks every value present; a rule comes out only when the entry has no error at all.
fn validate_site(sink: &Sink<'_>, raw: RawSite, suffixes: &PublicSuffixes) -> Option<Rule> {
    let before = sink.error_count();
    let error = |span: Range<usize>, message: Message| sink.error(span, message);

    let name = raw.name.as_ref().map(|n| n.get_ref().trim().to_string());
    if let (Some(raw_name), Some("")) = (&raw.name, name.as_deref()) {
        error(raw_name.span(), staff!("list-empty-name"));
    }

    let mut hosts = Vec::new();
    if let Some(raw_hosts) = &raw.hosts {
        if raw_hosts.get_ref().is_empty() {
            error(raw_hosts.span(), staff!("list-empty-hosts"));
        }
        for host in raw_hosts.get_ref() {
            match parse_host_pattern(host.get_ref(), suffixes) {
                Ok(pattern) => hosts.push(pattern),
                Err(message) => error(host.span(), message),
            }
        }
    }

    let mut paths = Vec::new();
    for path in raw.paths.iter().flat_map(|p| p.get_ref()) {
        match check_path(path.get_ref()) {
            Ok(()) => paths.push(path.get_ref().clone()),
            Err(message) => error(path.span(), message),
        }
    }

    let modes = match &raw.modes {
        None => ModeSet::ALL,
        Some(modes) => {
            let set = ModeSet::from_modes(modes.get_ref().iter().map(|m| *m.get_ref()));
            if set.is_empty() {
                error(modes.span(), staff!("list-empty-modes"));
            }
            set
        }
    };

    let (allows_https, allows_http) = match &raw.schemes {
        None => (true, false),
        Some(schemes) => {
            let list: Vec<Scheme> = schemes.get_ref().iter().map(|s| *s.get_ref()).collect();
            if list.is_empty() {
                error(schemes.span(), staff!("list-empty-schemes"));
            }
            (list.contains(&Scheme::Https), list.contains(&Scheme::Http))
        }
    };

    let mut ports = Vec::new();
    for port in raw.ports.iter().flat_map(|p| p.get_ref()) {
        match u16::try_from(*port.get_ref()) {
            Ok(p) if p > 0 => ports.push(p),
            _ => error(port.span(), staff!("list-bad-port", port = port.get_ref().to_string())),
        }
    }

    let site_use = raw.site_use.as_ref().map_or(SiteUse::Navigate, |u| *u.get_ref());
    let mut start = None;
    let mut start_location = None;
    if let Some(raw_start) = &raw.start {
        if site_use == SiteUse::Subresource {
            error(raw_start.span(), staff!("list-start-on-subresource"));
        }
        match Url::parse(raw_start.get_ref()) {
            Ok(url) if matches!(url.scheme(), "https" | "http") => start = Some(url),
            _ => error(raw_start.span(), staff!("list-start-not-address", value = format!("{:?}", raw_start.get_ref()))),
        }
        start_location = Some(sink.file().location(&raw_start.span()));
    }

    // A required key missing is reported when its table is dropped, after this check.
    if sink.error_count() > before || raw.hosts.is_none() {
        return None;
    }
    Some(Rule {
        name: name?,
        hosts,
        paths,
        modes,
        allows_https,
        allows_http,
        ports,
        category: *raw.category?.get_ref(),
        start,
        start_location,
        site_use,
        confidence: raw.confidence.map(|c| *c.get_ref()),
        origin: Location { column: None, ..sink.file().location(&raw.span) },
    })
}

fn parse_host_pattern(raw: &str, suffixes: &PublicSuffixes) -> Result<HostPattern, Message> {
    let shown = format!("{raw:?}");
    let not_a_host = || staff!("list-not-a-host", host = shown.clone());
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Ok(HostPattern::Ip(ip));
    }
    if let Some(ip) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')).and_then(|r| r.parse().ok()) {
        return Ok(HostPattern::Ip(IpAddr::V6(ip)));
    }
    if raw.is_empty() || !raw.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(not_a_host());
    }
    let url = Url::parse(&format!("https://{raw}/")).map_err(|_| not_a_host())?;
    let host = url.host().ok_or_else(not_a_host)?;
    match HostRef::classify(host) {
        Ok(HostRef::Ip(ip)) => Ok(HostPattern::Ip(ip)),
        Ok(HostRef::Domain(name)) => {
            if !name.contains('.') {
                Err(staff!("list-single-label", host = shown))
            } else if suffixes.is_public_suffix(name) {
                Err(staff!("list-public-suffix", host = shown))
            } else if suffixes.registrable(name).is_none() {
                Err(staff!("list-no-registrable-domain", host = shown))
            } else {
                Ok(HostPattern::Domain(name.to_string()))
            }
        }
        Err(_) => Err(staff!("list-bad-dns-name", host = shown)),
    }
}

fn check_path(path: &str) -> Result<(), Message> {
    let shown = format!("{path:?}");
    if !path.starts_with('/') || path.contains(['?', '#']) || path.chars().any(char::is_whitespace) {
        return Err(staff!("list-not-a-path", path = shown));
    }
    match Url::parse("https://host.invalid/").and_then(|base| base.join(path)) {
        Ok(url) if url.path() == path => Ok(()),
        Ok(url) => Err(staff!("list-path-not-normal", path = shown, normal = format!("{:?}", url.path()))),
        Err(_) => Err(staff!("list-not-a-path", path = shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_prefixes_stop_at_segment_boundaries() {
        assert!(path_within("/portail", "/portail"));
        assert!(path_within("/portail", "/portail/a"));
        assert!(!path_within("/portail", "/portails"));
        assert!(path_within("/portail/", "/portail/a"));
        assert!(!path_within("/portail/", "/portail"));
        assert!(path_within("/", "/anything"));
    }

    #[test]
    fn paths_must_be_normalised() {
        assert!(check_path("/a/b/").is_ok());
        assert!(check_path("/a/../b").unwrap_err().to_string().contains("write it as \"/b\""));
        assert!(check_path("a").is_err());
        assert!(check_path("/a?x").is_err());
    }
}
