//! Decides what a patron may reach: one pure function over allowlists compiled once at start-up.
//!
//! Every enforcement layer (navigation handler, filtering proxy) asks this module, so they can
//! never disagree. Anything we cannot classify with certainty is refused.

mod allowlist;
mod filter;
mod host;
mod safesearch;
mod suffix;

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::sync::Arc;

use url::Url;

pub use allowlist::{Category, Confidence, HostPattern, Rule, RuleId, Scheme, SiteUse};
pub use filter::{Filtering, ModePolicy, DEFAULT_BLOCKED};
pub use host::HostRef;
pub use safesearch::SearchHost;
pub use suffix::PublicSuffixes;

use crate::ads::{HostSet, Kind, OpenScopes};
use crate::lists::{CategoryId, ListsError};
use crate::source::{Located, SourceFile};
use allowlist::Index;

/// Who is at the keyboard. Each allowlist entry says in which modes it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// An adult doing their own procedures.
    Citizen,
    /// A child in a médiathèque: parental filtering applies.
    Minor,
    /// A France Services advisor helping a citizen (unlocked by PIN).
    Assisted,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Citizen, Mode::Minor, Mode::Assisted];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Citizen => "citizen",
            Mode::Minor => "minor",
            Mode::Assisted => "assisted",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown mode `{s}`, expected `citizen`, `minor` or `assisted`"))
    }
}

/// A set of modes, stored as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeSet(u8);

impl ModeSet {
    pub const ALL: ModeSet = ModeSet(0b111);

    pub fn from_modes(modes: impl IntoIterator<Item = Mode>) -> Self {
        ModeSet(modes.into_iter().fold(0, |bits, m| bits | m.bit()))
    }

    pub fn contains(self, mode: Mode) -> bool {
        self.0 & mode.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Mode> {
        Mode::ALL.into_iter().filter(move |m| self.contains(*m))
    }
}

/// What happens to a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// The host is allowed over `https` only: load the `https` form instead (see [`https_form`]).
    Upgrade,
    Block,
}

/// Why a verdict was reached. The `code` is stable: logs, the CLI and Fluent ids use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// An allowlist entry covers the URL.
    Allowlisted,
    /// One of Guichet's own pages.
    InternalPage,
    /// `about:blank` or `about:srcdoc`: a local document that reaches no network.
    LocalDocument,
    /// `http` (or `ws`) to a host allowed over `https` (or `wss`).
    HttpsAvailable,
    /// Not a URL at all, or one the WHATWG parser rejects.
    Unparsable,
    /// The host name has an empty, over-long or non-DNS label.
    InvalidHost,
    /// A scheme that never leads to the web (`file:`, `javascript:`, `view-source:`, unknown…).
    Scheme,
    /// A scheme that would launch another program (`mailto:`, `tel:`, `intent:`…).
    ExternalApp,
    /// A `data:` URL as a destination.
    DataUrl,
    /// A user name or password in the address (`user@host`): a classic disguise.
    UserInfo,
    /// A numeric IP address that no entry names.
    IpLiteral,
    /// A port that no entry names.
    Port,
    /// No allowlist entry covers the host.
    NotAllowlisted,
    /// Entries cover the host, but none in the current mode.
    NotInMode,
    /// Entries cover the host, but not this part of the site.
    Path,
    /// The host is allowed only as a page resource (a shared CDN), never as a destination.
    SubresourceOnly,
    /// Filtered web: the host is in none of the blocked categories.
    FilteredWeb,
    /// Filtered web: a search host, served by its engine's SafeSearch host.
    SafeSearch,
    /// Filtered web: the host (or a parent, or a listed path) is in a blocked category.
    Category,
    /// Filtered web: a search host that cannot be locked to SafeSearch.
    NoSafeSearch,
    /// Filtered web: the category lists could not be loaded, so nothing unlisted is allowed.
    ListsUnavailable,
    /// Any mode: EasyList names the host as an ad server.
    Ad,
    /// Any mode: EasyPrivacy names the host as a tracker.
    Tracker,
}

impl Reason {
    pub const ALL: [Reason; 23] = [
        Reason::Allowlisted,
        Reason::InternalPage,
        Reason::LocalDocument,
        Reason::HttpsAvailable,
        Reason::Unparsable,
        Reason::InvalidHost,
        Reason::Scheme,
        Reason::ExternalApp,
        Reason::DataUrl,
        Reason::UserInfo,
        Reason::IpLiteral,
        Reason::Port,
        Reason::NotAllowlisted,
        Reason::NotInMode,
        Reason::Path,
        Reason::SubresourceOnly,
        Reason::FilteredWeb,
        Reason::SafeSearch,
        Reason::Category,
        Reason::NoSafeSearch,
        Reason::ListsUnavailable,
        Reason::Ad,
        Reason::Tracker,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Allowlisted => "allowlisted",
            Reason::InternalPage => "internal-page",
            Reason::LocalDocument => "local-document",
            Reason::HttpsAvailable => "https-available",
            Reason::Unparsable => "unparsable",
            Reason::InvalidHost => "invalid-host",
            Reason::Scheme => "scheme",
            Reason::ExternalApp => "external-app",
            Reason::DataUrl => "data-url",
            Reason::UserInfo => "user-info",
            Reason::IpLiteral => "ip-literal",
            Reason::Port => "port",
            Reason::NotAllowlisted => "not-allowlisted",
            Reason::NotInMode => "not-in-mode",
            Reason::Path => "path",
            Reason::SubresourceOnly => "subresource-only",
            Reason::FilteredWeb => "filtered-web",
            Reason::SafeSearch => "safesearch",
            Reason::Category => "category",
            Reason::NoSafeSearch => "no-safesearch",
            Reason::ListsUnavailable => "lists-unavailable",
            Reason::Ad => "ad",
            Reason::Tracker => "tracker",
        }
    }

    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The full answer: verdict, reason, the entry that matched (for `allow` and `upgrade`), and
/// for the filtered web the category that refused or the SafeSearch host that serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: Reason,
    pub rule: Option<RuleId>,
    pub detail: Detail,
}

/// What a filtered-web decision adds to its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    None,
    /// The blocked category ([`Reason::Category`]); [`Policy::category_name`] names it.
    Category(CategoryId),
    /// The host to connect to instead ([`Reason::SafeSearch`]); the browser keeps its own name.
    SafeSearch(&'static str),
}

impl Decision {
    pub const fn block(reason: Reason) -> Self {
        Decision { verdict: Verdict::Block, reason, rule: None, detail: Detail::None }
    }

    const fn allow_builtin(reason: Reason) -> Self {
        Decision { verdict: Verdict::Allow, reason, rule: None, detail: Detail::None }
    }

    /// The host the proxy must connect to for this allowed request, when it is not the named one.
    pub fn connect_instead(&self) -> Option<&'static str> {
        match (self.verdict, self.detail) {
            (Verdict::Allow, Detail::SafeSearch(host)) => Some(host),
            _ => None,
        }
    }

    pub fn is_allowed(&self) -> bool {
        self.verdict == Verdict::Allow
    }
}

/// Who is asking. A navigation is anything the patron's view would show (top-level page or
/// frame); a subresource is an image, script or fetch seen by the proxy with its full URL; a
/// tunnel is an HTTPS `CONNECT`, where the proxy sees only host and port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Navigation,
    Subresource,
    Tunnel,
}

/// The compiled allowlists. Built once; every query borrows it and allocates nothing beyond
/// the URL parse.
#[derive(Debug)]
pub struct Policy {
    rules: Vec<Rule>,
    index: Index,
    suffixes: PublicSuffixes,
    filtering: Filtering,
    /// Ad and tracker hosts, refused in every mode (empty: no ad blocking).
    ads: Arc<HostSet>,
    /// The lists' exceptions limited to some sites that apply here: those naming an allowlisted site.
    ads_open: OpenScopes,
    /// The hosts of the entries' start pages: never refused as ads, whatever the lists say.
    start_hosts: rustc_hash::FxHashSet<String>,
}

impl Policy {
    /// Compiles allowlist files. Any error anywhere rejects the whole set: a list is never
    /// half-loaded.
    pub fn build(lists: &[SourceFile], suffixes: PublicSuffixes) -> Result<Policy, Vec<Located>> {
        let rules = allowlist::parse_all(lists, &suffixes)?;
        let index = Index::new(&rules, &suffixes);
        let policy = Policy { rules, index, suffixes, filtering: Filtering::default(), ads: HostSet::empty(), ads_open: OpenScopes::default(), start_hosts: Default::default() };
        policy.check_start_pages()?;
        Ok(policy)
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.index()]
    }

    pub fn suffixes(&self) -> &PublicSuffixes {
        &self.suffixes
    }

    /// Sets each mode's policy and the category lists (by default: minor is filtered web
    /// without lists, so it allows only its allowlist entries).
    pub fn with_filtering(mut self, filtering: Filtering) -> Policy {
        self.filtering = filtering;
        self
    }

    /// Sets the ad and tracker hosts, refused in every mode unless an allowlist entry names the
    /// host at least as precisely as the list does (a service's own host is never refused).
    /// The lists' exceptions for some sites' pages (`$domain=gouv.fr`) keep a host open when an
    /// entry names one of those sites, a subdomain or a parent of it: the proxy cannot see which
    /// page asked, and a public-service page must keep working.
    pub fn with_ads(mut self, ads: Arc<HostSet>) -> Policy {
        let mut patterns = rustc_hash::FxHashSet::default();
        let mut parents = rustc_hash::FxHashSet::default();
        for pattern in self.rules.iter().flat_map(|r| &r.hosts) {
            let HostPattern::Domain(name) = pattern else { continue };
            patterns.insert(name.as_str());
            let mut rest = name.as_str();
            while let Some(dot) = rest.find('.') {
                parents.insert(rest);
                rest = &rest[dot + 1..];
            }
        }
        self.ads_open = ads.open_scopes(|site| {
            parents.contains(site) || host::suffixes(site).any(|suffix| patterns.contains(suffix))
        });
        self.start_hosts = self.rules.iter().filter_map(|r| r.start.as_ref()?.host_str().map(str::to_string)).collect();
        self.ads = ads;
        self
    }

    pub fn ads(&self) -> &HostSet {
        &self.ads
    }

    pub fn filtering(&self) -> &Filtering {
        &self.filtering
    }

    /// Can a session start in `mode`? Not when it needs category lists that failed to load:
    /// the kiosk then shows "poste indisponible" and logs this error.
    pub fn mode_ready(&self, mode: Mode) -> Result<(), &ListsError> {
        self.filtering.ready(mode)
    }

    /// A category of the loaded lists, with its French and English names for the block page.
    pub fn category(&self, id: CategoryId) -> Option<&crate::lists::CategoryInfo> {
        self.filtering.lists().ok().and_then(|lists| lists.category(id))
    }

    /// The UT1 name of a category in the loaded lists (`?` if there are none, which no
    /// decision can produce).
    pub fn category_name(&self, id: CategoryId) -> &str {
        self.category(id).map_or("?", |c| c.name.as_str())
    }

    /// May the patron's view show this URL (page or frame)?
    pub fn decide(&self, url: &str, mode: Mode) -> Decision {
        // The query and fragment never change the answer for a special scheme (http, ws…), so
        // they are not parsed. For other schemes they can make the URL unparsable ("a://@?"):
        // such a URL (always refused) is checked whole, so that its reason is the right one.
        let prefix = without_query(url);
        let parsed = match Url::parse(prefix) {
            Ok(parsed) => parsed,
            Err(_) => return Decision::block(Reason::Unparsable),
        };
        if prefix.len() < url.len() && !is_special(parsed.scheme()) && Url::parse(url).is_err() {
            return Decision::block(Reason::Unparsable);
        }
        self.decide_url(&parsed, mode, Purpose::Navigation)
    }

    /// The same decision for an already parsed URL and a given purpose.
    pub fn decide_url(&self, url: &Url, mode: Mode, purpose: Purpose) -> Decision {
        let transport = match url.scheme() {
            "https" | "wss" => Transport::Secure,
            "http" | "ws" => Transport::Plain,
            "guichet" => return Decision::allow_builtin(Reason::InternalPage),
            "about" => {
                return match url.path() {
                    "blank" | "srcdoc" => Decision::allow_builtin(Reason::LocalDocument),
                    _ => Decision::block(Reason::Scheme),
                }
            }
            "blob" => return self.decide_blob(url, mode, purpose),
            "data" => return Decision::block(Reason::DataUrl),
            scheme if is_external_app(scheme) => return Decision::block(Reason::ExternalApp),
            _ => return Decision::block(Reason::Scheme),
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Decision::block(Reason::UserInfo);
        }
        let Some(host) = url.host() else {
            return Decision::block(Reason::Unparsable);
        };
        let path = match purpose {
            Purpose::Tunnel => None,
            Purpose::Navigation | Purpose::Subresource => Some(url.path()),
        };
        let request = Request { transport, port: url.port(), path, mode, purpose };
        self.decide_host(host, &request)
    }

    /// For an HTTPS `CONNECT host:port` seen by the proxy. `authority` is `host:port` as sent.
    pub fn decide_tunnel(&self, authority: &str, mode: Mode) -> Decision {
        if authority.contains(['/', '@', '?', '#', '\\']) {
            return Decision::block(Reason::Unparsable);
        }
        match Url::parse(&format!("https://{authority}/")) {
            Ok(url) => self.decide_url(&url, mode, Purpose::Tunnel),
            Err(_) => Decision::block(Reason::Unparsable),
        }
    }

    /// `blob:` URLs carry the origin that created them; they follow that origin's host rules.
    fn decide_blob(&self, url: &Url, mode: Mode, purpose: Purpose) -> Decision {
        let url::Origin::Tuple(scheme, host, port) = url.origin() else {
            return Decision::block(Reason::Scheme);
        };
        let transport = match scheme.as_str() {
            "https" => Transport::Secure,
            "http" => Transport::Plain,
            _ => return Decision::block(Reason::Scheme),
        };
        let default_port = if transport == Transport::Secure { 443 } else { 80 };
        let port = (port != default_port).then_some(port);
        let request = Request { transport, port, path: None, mode, purpose };
        let host = match &host {
            url::Host::Domain(name) => url::Host::Domain(name.as_str()),
            url::Host::Ipv4(ip) => url::Host::Ipv4(*ip),
            url::Host::Ipv6(ip) => url::Host::Ipv6(*ip),
        };
        let decision = self.decide_host(host, &request);
        match decision.verdict {
            // A blob cannot move to another origin: an `http` blob stays refused.
            Verdict::Upgrade => Decision::block(Reason::Scheme),
            _ => decision,
        }
    }

    fn decide_host(&self, host: url::Host<&str>, request: &Request) -> Decision {
        match HostRef::classify(host) {
            Err(reason) => Decision::block(reason),
            Ok(HostRef::Ip(ip)) => self.decide_ip(ip, request),
            Ok(HostRef::Domain(name)) => {
                let ad = self.ads.lookup(name, &self.ads_open);
                let Some(registrable) = self.suffixes.registrable(name) else {
                    return ad.map_or(Decision::block(Reason::NotAllowlisted), |hit| Decision::block(ad_reason(hit.kind)));
                };
                let candidates = self.index.for_domain(registrable);
                let mut best = Outcome::NONE;
                // The longest entry pattern covering the host, in any mode.
                let mut named = 0;
                for (pattern, id) in candidates {
                    if host::covers(pattern, name) {
                        let outcome = self.rule(*id).judge(*id, request);
                        best = best.better(Outcome { specificity: pattern.len(), ..outcome });
                        named = named.max(pattern.len());
                    }
                }
                // Ads and trackers go before any mode's policy: they are refused everywhere. But
                // an entry naming the host at least as precisely as the list (`www.caf.fr` vs
                // `||caf.fr^`) is staff saying this is the service itself: it stays reachable. So
                // does the host of any entry's start page.
                if let Some(hit) = ad.filter(|hit| named < hit.listed_len && !self.start_hosts.contains(name)) {
                    return Decision::block(ad_reason(hit.kind));
                }
                let decision = best.into_decision();
                match self.filtering.mode(request.mode) {
                    ModePolicy::Allowlist => decision,
                    ModePolicy::FilteredWeb { blocked } if decision.reason == Reason::NotAllowlisted => {
                        self.decide_filtered(name, registrable, request, blocked)
                    }
                    // An entry that covers the host decides, whether it allows or restricts
                    // (another mode, a path, a port): staff wrote it for this host. But a
                    // search engine is locked to SafeSearch even when an entry allows it.
                    ModePolicy::FilteredWeb { .. } if decision.verdict == Verdict::Allow => {
                        Self::locked_search(name, registrable, &self.suffixes).unwrap_or(decision)
                    }
                    ModePolicy::FilteredWeb { .. } => decision,
                }
            }
        }
    }

    /// The open web minus blocked categories, for a name no allowlist entry covers.
    fn decide_filtered(&self, name: &str, registrable: &str, request: &Request, blocked: crate::lists::CategorySet) -> Decision {
        // Web servers on other ports are where filter bypasses live; nothing a child needs.
        if request.port.is_some() {
            return Decision::block(Reason::Port);
        }
        let Ok(lists) = self.filtering.lists() else {
            return Decision::block(Reason::ListsUnavailable);
        };
        if let Some(category) = lists.lookup(name, request.path).intersection(blocked).first() {
            return Decision { detail: Detail::Category(category), ..Decision::block(Reason::Category) };
        }
        Self::locked_search(name, registrable, &self.suffixes).unwrap_or(Decision::allow_builtin(Reason::FilteredWeb))
    }

    /// For a search host: served by its SafeSearch host, or refused. `None` for other hosts.
    fn locked_search(name: &str, registrable: &str, suffixes: &PublicSuffixes) -> Option<Decision> {
        match safesearch::classify(name, registrable, suffixes) {
            SearchHost::Mapped(target) => {
                Some(Decision { detail: Detail::SafeSearch(target), ..Decision::allow_builtin(Reason::SafeSearch) })
            }
            SearchHost::Unmappable => Some(Decision::block(Reason::NoSafeSearch)),
            SearchHost::Other => None,
        }
    }

    fn decide_ip(&self, ip: IpAddr, request: &Request) -> Decision {
        let mut best = Outcome::NONE;
        for (rule_ip, id) in self.index.for_ip(ip) {
            debug_assert_eq!(*rule_ip, ip);
            best = best.better(self.rule(*id).judge(*id, request));
        }
        match best.into_decision() {
            d if d.reason == Reason::NotAllowlisted => Decision::block(Reason::IpLiteral),
            d => d,
        }
    }

    /// Every `start` page must be reachable through its own entry, in each of its modes.
    fn check_start_pages(&self) -> Result<(), Vec<Located>> {
        let mut errors = Vec::new();
        for rule in &self.rules {
            let Some(start) = &rule.start else { continue };
            for mode in rule.modes.iter() {
                let decision = self.decide_url(start, mode, Purpose::Navigation);
                if decision.verdict != Verdict::Allow {
                    errors.push(Located {
                        location: rule.start_location.clone().unwrap_or_else(|| rule.origin.clone()),
                        message: crate::staff!(
                            "list-start-refused",
                            url = start.to_string(),
                            mode = mode.as_str(),
                            reason = decision.reason.to_string()
                        ),
                    });
                    break;
                }
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// The input up to its first `?` or `#`. In every parser state those characters end the part
/// a decision reads (scheme, credentials, host, port, path), so the answer is the same without
/// the rest: the parse is cheaper and the policy never copies a patron's query string.
/// `tests/policy_props.rs` checks the equivalence on generated input.
/// The WHATWG URL standard's special schemes, whose queries and fragments always parse.
fn is_special(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp" | "file")
}

fn without_query(input: &str) -> &str {
    input.bytes().position(|b| b == b'?' || b == b'#').map_or(input, |end| &input[..end])
}

fn ad_reason(kind: Kind) -> Reason {
    match kind {
        Kind::Ad => Reason::Ad,
        Kind::Tracker => Reason::Tracker,
    }
}

/// The `https` (or `wss`) form of a URL whose decision was [`Verdict::Upgrade`].
pub fn https_form(url: &Url) -> Url {
    let mut upgraded = url.clone();
    let target = if url.scheme() == "ws" { "wss" } else { "https" };
    // Both are special schemes, so the switch cannot fail; if it ever did we keep the
    // original, which the caller's next decision refuses again.
    let _ = upgraded.set_scheme(target);
    upgraded
}

/// Schemes that hand the URL to another program on the machine.
fn is_external_app(scheme: &str) -> bool {
    matches!(
        scheme,
        "mailto" | "tel" | "sms" | "smsto" | "mms" | "callto" | "facetime" | "fax" | "intent"
            | "market" | "itms" | "itms-apps" | "geo" | "maps" | "skype" | "whatsapp" | "tg"
            | "sip" | "sips" | "xmpp" | "irc" | "ircs" | "magnet" | "webcal" | "steam" | "zoommtg"
            | "msteams" | "slack" | "spotify" | "ms-settings" | "shell" | "vnc" | "ssh"
            | "ms-word" | "ms-excel" | "ms-powerpoint" | "ms-officeapp"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transport {
    Secure,
    Plain,
}

/// The parts of a URL that rules look at, once the host is known.
#[derive(Debug)]
struct Request<'a> {
    transport: Transport,
    port: Option<u16>,
    path: Option<&'a str>,
    mode: Mode,
    purpose: Purpose,
}

/// One rule's opinion; the best over all covering rules wins.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    rank: u8,
    /// Length of the host pattern that matched: among equal ranks, `www.x.caf.fr` beats `caf.fr`.
    specificity: usize,
    verdict: Verdict,
    reason: Reason,
    rule: Option<RuleId>,
}

impl Outcome {
    const NONE: Outcome =
        Outcome { rank: 0, specificity: 0, verdict: Verdict::Block, reason: Reason::NotAllowlisted, rule: None };

    fn new(verdict: Verdict, reason: Reason, rule: RuleId) -> Self {
        // Higher is better: allow, then upgrade, then the most specific refusal.
        let rank = match reason {
            Reason::Allowlisted => 9,
            Reason::HttpsAvailable => 8,
            Reason::Path => 6,
            Reason::Port => 5,
            Reason::Scheme => 4,
            Reason::NotInMode => 3,
            Reason::SubresourceOnly => 2,
            _ => 1,
        };
        let rule = matches!(verdict, Verdict::Allow | Verdict::Upgrade).then_some(rule);
        Outcome { rank, specificity: 0, verdict, reason, rule }
    }

    fn better(self, other: Outcome) -> Outcome {
        if (other.rank, other.specificity) > (self.rank, self.specificity) { other } else { self }
    }

    fn into_decision(self) -> Decision {
        Decision { verdict: self.verdict, reason: self.reason, rule: self.rule, detail: Detail::None }
    }
}

