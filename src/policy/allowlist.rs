//! Allowlist files (`allowlists/*.toml`): read as typed, validated into rules, indexed by
//! registrable domain. Staff edit these files; every mistake is reported as `file:line:column`.

use std::net::IpAddr;

use rustc_hash::FxHashMap;

use serde::Deserialize;
use toml::Spanned;
use url::Url;

use super::host::HostRef;
use super::{Mode, ModeSet, Outcome, PublicSuffixes, Purpose, Reason, Request, Transport, Verdict};
use crate::source::{toml_error, Located, Location, SourceFile};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Https,
    Http,
}

/// How a host may be used. Shared CDNs host anything, so they serve pages but are never a place
/// a patron can go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteUse {
    #[default]
    Navigate,
    Subresource,
}

/// How sure we are that a host is needed, as recorded in `domains.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    #[serde(default)]
    site: Vec<Spanned<RawSite>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: Spanned<String>,
    hosts: Spanned<Vec<Spanned<String>>>,
    category: Category,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    modes: Option<Spanned<Vec<Mode>>>,
    schemes: Option<Spanned<Vec<Scheme>>>,
    #[serde(default)]
    ports: Vec<Spanned<i64>>,
    start: Option<Spanned<String>>,
    #[serde(rename = "use", default)]
    site_use: Option<Spanned<SiteUse>>,
    confidence: Option<Confidence>,
    /// Free text for staff (sources, caveats); never shown to patrons.
    #[allow(dead_code)]
    note: Option<String>,
}

/// Parses and validates every file. All errors of all files are returned together.
pub(super) fn parse_all(lists: &[SourceFile], suffixes: &PublicSuffixes) -> Result<Vec<Rule>, Vec<Located>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for file in lists {
        match toml::from_str::<RawList>(file.text()) {
            Err(err) => errors.push(toml_error(file, &err)),
            Ok(raw) if raw.site.is_empty() => errors.push(Located::whole_file(
                file.name(),
                "no `[[site]]` entry: expected at least one (see allowlists/README.md)".into(),
            )),
            Ok(raw) => {
                for site in raw.site {
                    let span = site.span();
                    match validate_site(file, span, site.into_inner(), suffixes) {
                        Ok(rule) => rules.push(rule),
                        Err(mut site_errors) => {
                            site_errors.sort_by_key(|e| (e.location.line, e.location.column));
                            errors.append(&mut site_errors);
                        }
                    }
                }
            }
        }
    }
    if errors.is_empty() { Ok(rules) } else { Err(errors) }
}

fn validate_site(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    raw: RawSite,
    suffixes: &PublicSuffixes,
) -> Result<Rule, Vec<Located>> {
    let mut errors = Vec::new();
    let mut error = |span: std::ops::Range<usize>, message: String| errors.push(file.error_at(span, message));

    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        error(raw.name.span(), "empty `name`: expected the service name shown to patrons".into());
    }

    let mut hosts = Vec::new();
    if raw.hosts.get_ref().is_empty() {
        error(raw.hosts.span(), "empty `hosts`: expected at least one host name such as \"caf.fr\"".into());
    }
    for host in raw.hosts.get_ref() {
        match parse_host_pattern(host.get_ref(), suffixes) {
            Ok(pattern) => hosts.push(pattern),
            Err(message) => error(host.span(), message),
        }
    }

    let mut paths = Vec::new();
    for path in &raw.paths {
        match check_path(path.get_ref()) {
            Ok(()) => paths.push(path.get_ref().clone()),
            Err(message) => error(path.span(), message),
        }
    }

    let modes = match &raw.modes {
        None => ModeSet::ALL,
        Some(modes) => {
            let set = ModeSet::from_modes(modes.get_ref().iter().copied());
            if set.is_empty() {
                error(modes.span(), "empty `modes`: expected some of \"citizen\", \"minor\", \"assisted\" (or leave the key out for all)".into());
            }
            set
        }
    };

    let (allows_https, allows_http) = match &raw.schemes {
        None => (true, false),
        Some(schemes) => {
            let list = schemes.get_ref();
            if list.is_empty() {
                error(schemes.span(), "empty `schemes`: expected [\"https\"] or [\"https\", \"http\"]".into());
            }
            (list.contains(&Scheme::Https), list.contains(&Scheme::Http))
        }
    };

    let mut ports = Vec::new();
    for port in &raw.ports {
        match u16::try_from(*port.get_ref()) {
            Ok(p) if p > 0 => ports.push(p),
            _ => error(port.span(), format!("port {} out of range: expected a number from 1 to 65535", port.get_ref())),
        }
    }

    let site_use = raw.site_use.as_ref().map_or(SiteUse::Navigate, |u| *u.get_ref());
    let mut start = None;
    let mut start_location = None;
    if let Some(raw_start) = &raw.start {
        if site_use == SiteUse::Subresource {
            error(raw_start.span(), "a `use = \"subresource\"` entry cannot have a `start` page: patrons never navigate to it".into());
        }
        match Url::parse(raw_start.get_ref()) {
            Ok(url) if matches!(url.scheme(), "https" | "http") => start = Some(url),
            _ => error(raw_start.span(), format!(
                "`start` is not a web address: expected a full URL such as \"https://www.caf.fr/\", found {:?}",
                raw_start.get_ref()
            )),
        }
        start_location = Some(file.location(&raw_start.span()));
    }

    if errors.is_empty() {
        Ok(Rule {
            name,
            hosts,
            paths,
            modes,
            allows_https,
            allows_http,
            ports,
            category: raw.category,
            start,
            start_location,
            site_use,
            confidence: raw.confidence,
            origin: Location { column: None, ..file.location(&span) },
        })
    } else {
        Err(errors)
    }
}

const HOST_FORM: &str = "expected a host name such as \"caf.fr\" or \"www.impots.gouv.fr\" \
                         (no scheme, path, port or wildcard), or an IP address";

fn parse_host_pattern(raw: &str, suffixes: &PublicSuffixes) -> Result<HostPattern, String> {
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Ok(HostPattern::Ip(ip));
    }
    if let Some(ip) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')).and_then(|r| r.parse().ok()) {
        return Ok(HostPattern::Ip(IpAddr::V6(ip)));
    }
    if raw.is_empty() || !raw.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(format!("{raw:?} is not a host name: {HOST_FORM}"));
    }
    let url = Url::parse(&format!("https://{raw}/")).map_err(|_| format!("{raw:?} is not a host name: {HOST_FORM}"))?;
    let host = url.host().ok_or_else(|| format!("{raw:?} is not a host name: {HOST_FORM}"))?;
    match HostRef::classify(host) {
        Ok(HostRef::Ip(ip)) => Ok(HostPattern::Ip(ip)),
        Ok(HostRef::Domain(name)) => {
            if !name.contains('.') {
                Err(format!("{raw:?} is a single-label name: {HOST_FORM}"))
            } else if suffixes.is_public_suffix(name) {
                Err(format!(
                    "{raw:?} is a public suffix: it would allow every site registered under it; \
                     name the sites instead (for example \"impots.gouv.fr\")"
                ))
            } else if suffixes.registrable(name).is_none() {
                Err(format!("{raw:?} has no registrable domain: {HOST_FORM}"))
            } else {
                Ok(HostPattern::Domain(name.to_string()))
            }
        }
        Err(_) => Err(format!("{raw:?} is not a valid DNS name: {HOST_FORM}")),
    }
}

fn check_path(path: &str) -> Result<(), String> {
    let form = "expected a path prefix starting with \"/\", such as \"/portail-services/\"";
    if !path.starts_with('/') || path.contains(['?', '#']) || path.chars().any(char::is_whitespace) {
        return Err(format!("{path:?} is not a path: {form}"));
    }
    match Url::parse("https://host.invalid/").and_then(|base| base.join(path)) {
        Ok(url) if url.path() == path => Ok(()),
        Ok(url) => Err(format!(
            "{path:?} is not in the form browsers send: {form}; write it as {:?}",
            url.path()
        )),
        Err(_) => Err(format!("{path:?} is not a path: {form}")),
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
        assert!(check_path("/a/../b").unwrap_err().contains("write it as \"/b\""));
        assert!(check_path("a").is_err());
        assert!(check_path("/a?x").is_err());
    }
}
