//! EasyList and EasyPrivacy as WebKit content-blocker rules: the part of the lists the proxy
//! cannot enforce (a path on an allowed host, hiding an element of a page).
//!
//! The `adblock` crate parses every line and gives each rule's resource types, load type, sites
//! and selector (`content-blocking` feature). Its output is not used as it stands, because WebKit
//! would then miss the French public sites' exceptions: it writes the lists' `^` separator as a
//! literal caret (`@@||caf.fr^*/smarttag.js` would never match), lets `||ex.com^` match
//! `ex.community.org`, scopes `example.com##.ad` to that exact host, turns `example.com#@#.ad`
//! into one more hiding rule, and drops `$generichide`. So we write each network rule's
//! `url-filter` ourselves from the parsed pattern, add `*` to cosmetic sites, fold cosmetic
//! exceptions into the hiding rules, and order the rules as WebKit's `ignore-previous-rules`
//! needs (see [`assemble`]). A rule WebKit would refuse is dropped and counted: one invalid
//! network rule makes WebKit refuse its whole list.

use std::collections::{BTreeMap, HashMap, HashSet};

use adblock::content_blocking::{ignore_previous_fp_documents, CbLoadType, CbResourceType, CbRule, CbRuleCreationFailure, CbRuleEquivalent, CbType};
use adblock::filters::cosmetic::{CosmeticFilter, CosmeticFilterMask};
use adblock::filters::network::{FilterPart, NetworkFilter, NetworkFilterError, NetworkFilterMask};
use adblock::lists::{parse_filter, FilterParseError, ParseOptions, ParsedLine};
use serde::Serialize;

use super::ListKind;

/// WebKit refuses a rule list of more rules than this ("Too many rules in JSON array").
pub const WEBKIT_MAX_RULES: usize = 150_000;

/// Every reason a line can be dropped for (the manifest and `guichet lists` print them).
pub const REASONS: &[&str] = &[
    "unparsable", "popup", "regex", "alternation", "redirect", "generichide", "badfilter", "csp", "removeparam", "entity", "style",
    "scriptlet", "non-ascii", "from-to", "procedural", "domains", "types", "internal",
];

/// What WebKit calls a separator in ABP terms: anything but a letter, a digit, `_ - . %`.
const SEPARATOR: &str = "[^a-zA-Z0-9_.%-]";

/// One rule of WebKit's content-blocker JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Rule {
    pub trigger: Trigger,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Trigger {
    pub url_filter: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_filter_is_case_sensitive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub if_domain: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unless_domain: Option<Vec<String>>,
    /// Sorted, so that the same lists always give the same bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_type: Option<Vec<&'static str>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Action {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selector: Option<String>,
}

/// One rule list for WebKit: all of one kind's rules, or a part of them when they exceed
/// [`WEBKIT_MAX_RULES`]. `id` names it in the WebKit store (`ad`, `tracker`, `ad-2`…).
#[derive(Debug, Clone)]
pub struct RuleList {
    pub id: String,
    pub kind: ListKind,
    pub rules: Vec<Rule>,
}

/// How one kind's lines fared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindReport {
    /// Lines turned into at least one rule.
    pub kept: usize,
    /// Rules written for WebKit, over every part (the shared exceptions counted in each).
    pub rules: usize,
    /// Lines left out, by reason (`unparsable`, `redirect`, `alternation`…).
    pub dropped: BTreeMap<&'static str, usize>,
}

impl KindReport {
    pub fn dropped_total(&self) -> usize {
        self.dropped.values().sum()
    }
}

/// The converted lists, and the network lines kept (for `guichet check`).
#[derive(Debug, Clone, Default)]
pub struct Conversion {
    pub lists: Vec<RuleList>,
    pub reports: Vec<(ListKind, KindReport)>,
    /// Network lines each kind's rule lists enforce, its blocks then every list's exceptions.
    pub network_lines: Vec<(ListKind, Vec<String>)>,
}

/// Where a kind's own rules go in its list (see [`assemble`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Block,
    Important,
    GenericHide,
    SpecificHide,
}

#[derive(Default)]
struct Kind {
    own: Vec<(Section, Rule)>,
    report: KindReport,
    blocks: Vec<String>,
}

/// Converts each kind's lists (EasyList for `ad`, EasyPrivacy for `tracker`). `max_rules` is
/// WebKit's limit ([`WEBKIT_MAX_RULES`]; smaller in tests).
pub fn convert(texts: &[(ListKind, &str)], max_rules: usize) -> Conversion {
    let mut kinds: Vec<(ListKind, Kind)> = Vec::new();
    // Shared by every kind: an exception in one list keeps open what another list blocks.
    let mut exceptions: Vec<Rule> = Vec::new();
    let mut exception_lines: Vec<String> = Vec::new();
    let mut generichide_sites: Vec<String> = Vec::new();
    let mut unhide: HashMap<String, Unhide> = HashMap::new();

    let mut parsed: Vec<(ListKind, ParsedLine)> = Vec::new();
    for (kind, text) in texts {
        if !kinds.iter().any(|(k, _)| k == kind) {
            kinds.push((*kind, Kind::default()));
        }
        let report = &mut kinds.iter_mut().find(|(k, _)| k == kind).map(|(_, k)| k).expect("pushed above").report;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('!') || line.starts_with('[') {
                continue;
            }
            match parse_filter(line, true, ParseOptions::default()) {
                Ok(rule) => parsed.push((*kind, rule)),
                // Without the crate's `full-regex-handling`, `/regex/` rules do not parse: WebKit's
                // dialect would refuse most of them anyway (alternation, counted repetition).
                Err(FilterParseError::Network(NetworkFilterError::FullRegexUnsupported)) => *report.dropped.entry("regex").or_default() += 1,
                // `$popup` (windows opened by a page): the parser does not know it.
                Err(_) if options(line).any(|o| o == "popup") => *report.dropped.entry("popup").or_default() += 1,
                Err(_) => *report.dropped.entry("unparsable").or_default() += 1,
            }
        }
    }
    // `$badfilter` turns off the rule it repeats, in whichever list.
    let disabled: HashSet<_> = parsed
        .iter()
        .filter_map(|(_, rule)| match rule {
            ParsedLine::Network(f) if f.is_badfilter() => Some(f.get_id()),
            _ => None,
        })
        .collect();

    for (kind, rule) in parsed {
        let state = &mut kinds.iter_mut().find(|(k, _)| *k == kind).expect("every kind was pushed").1;
        match rule {
            ParsedLine::Network(filter) => {
                if filter.is_badfilter() || disabled.contains(&filter.get_id()) {
                    continue;
                }
                let line = filter.raw_line.as_deref().unwrap_or_default().to_string();
                let exception = filter.mask.contains(NetworkFilterMask::IS_EXCEPTION);
                if exception && filter.is_generic_hide() {
                    match plain_site(&filter) {
                        Some(site) => {
                            generichide_sites.push(format!("*{site}"));
                            state.report.kept += 1;
                        }
                        None => *state.report.dropped.entry("generichide").or_default() += 1,
                    }
                    continue;
                }
                let important = filter.mask.contains(NetworkFilterMask::IS_IMPORTANT);
                match network_rules(filter) {
                    Ok(rules) => {
                        state.report.kept += 1;
                        if exception {
                            exceptions.extend(rules);
                            exception_lines.push(line);
                        } else {
                            let section = if important { Section::Important } else { Section::Block };
                            state.own.extend(rules.into_iter().map(|r| (section, r)));
                            state.blocks.push(line);
                        }
                    }
                    Err(reason) => *state.report.dropped.entry(reason).or_default() += 1,
                }
            }
            ParsedLine::Cosmetic(filter) => {
                let is_unhide = filter.mask.contains(CosmeticFilterMask::UNHIDE);
                match cosmetic_rule(filter) {
                    Ok(rule) if is_unhide => {
                        state.report.kept += 1;
                        // adblock put the exception's sites in `unless-domain`.
                        let sites = rule.trigger.unless_domain.unwrap_or_default();
                        let entry = unhide.entry(rule.action.selector.unwrap_or_default()).or_default();
                        if sites.is_empty() {
                            entry.everywhere = true;
                        }
                        entry.sites.extend(sites);
                    }
                    Ok(rule) => {
                        state.report.kept += 1;
                        let section = if rule.trigger.if_domain.is_some() { Section::SpecificHide } else { Section::GenericHide };
                        state.own.push((section, rule));
                    }
                    Err(reason) => *state.report.dropped.entry(reason).or_default() += 1,
                }
            }
        }
    }

    dedup(&mut exceptions);
    generichide_sites.sort();
    generichide_sites.dedup();
    let mut conversion = Conversion::default();
    for (kind, mut state) in kinds {
        state.own.retain_mut(|(section, rule)| !matches!(section, Section::GenericHide | Section::SpecificHide) || apply_unhide(rule, &unhide));
        let mut seen = HashSet::new();
        state.own.retain(|(_, rule)| seen.insert(rule.clone()));
        // Every part holds the exceptions, never-the-page, maybe the generichide rule, guichet.
        let hides = state.own.iter().any(|(s, _)| *s == Section::GenericHide);
        let shared = exceptions.len() + 2 + usize::from(hides && !generichide_sites.is_empty());
        let room = max_rules.saturating_sub(shared).max(1);
        let parts = state.own.len().div_ceil(room).max(1);
        for (index, chunk) in state.own.chunks(room).chain(std::iter::once(&[][..])).take(parts).enumerate() {
            let id = if index == 0 { kind.to_string() } else { format!("{kind}-{}", index + 1) };
            let rules = assemble(chunk, &exceptions, &generichide_sites);
            state.report.rules += rules.len();
            conversion.lists.push(RuleList { id, kind, rules });
        }
        let mut lines = state.blocks;
        lines.extend(exception_lines.iter().cloned());
        conversion.network_lines.push((kind, lines));
        conversion.reports.push((kind, state.report));
    }
    conversion
}

/// The order WebKit needs. It reads a load's matching rules from the last one back and stops at
/// the first `ignore-previous-rules`; element hiding is decided on the page's own load. So:
/// blocks, then every list's exceptions (`@@`, the French public sites' among them), then
/// `$important` blocks no exception lifts, then "never the page itself" (ABP leaves a first-party
/// page alone); only then the hiding rules, or the page's own load would cancel them all; the
/// sites whose `$generichide` turns generic hiding off sit between generic and specific hiding;
/// and last, Guichet's own pages (`guichet:`), which nothing may block or hide.
fn assemble(own: &[(Section, Rule)], exceptions: &[Rule], generichide_sites: &[String]) -> Vec<Rule> {
    let section = |wanted: Section| own.iter().filter(move |(s, _)| *s == wanted).map(|(_, r)| r.clone());
    let mut rules: Vec<Rule> = section(Section::Block).collect();
    rules.extend(exceptions.iter().cloned());
    rules.extend(section(Section::Important));
    rules.push(from_adblock(ignore_previous_fp_documents()));
    let hides_before = rules.len();
    rules.extend(section(Section::GenericHide));
    if rules.len() > hides_before && !generichide_sites.is_empty() {
        rules.push(ignore_previous(".*", Some(generichide_sites.to_vec()), Some(vec!["document"])));
    }
    rules.extend(section(Section::SpecificHide));
    rules.push(guichet_pages());
    rules
}

/// Lifts nothing, blocks nothing: the last rule of every list. Guichet's own pages (the
/// `guichet:` scheme) are never blocked or hidden by a filter list.
pub fn guichet_pages() -> Rule {
    ignore_previous("^guichet:", None, None)
}

fn ignore_previous(url_filter: &str, if_domain: Option<Vec<String>>, resource_type: Option<Vec<&'static str>>) -> Rule {
    Rule {
        trigger: Trigger {
            url_filter: url_filter.into(),
            url_filter_is_case_sensitive: None,
            if_domain,
            unless_domain: None,
            resource_type,
            load_type: None,
        },
        action: Action { kind: "ignore-previous-rules", selector: None },
    }
}

/// A network line as WebKit rules (two when adblock splits frames from other types).
fn network_rules(filter: NetworkFilter) -> Result<Vec<Rule>, &'static str> {
    let url_filter = url_filter(&filter)?;
    let converted: CbRuleEquivalent = filter.try_into().map_err(failure)?;
    let mut rules = Vec::new();
    for cb in converted {
        let mut rule = from_adblock(cb);
        rule.trigger.url_filter = url_filter.clone();
        // `$document` alone: adblock writes an empty type list, which would match no load.
        if rule.trigger.resource_type.as_ref().is_some_and(Vec::is_empty) {
            rule.trigger.resource_type = Some(vec!["document"]);
        }
        rule.trigger.if_domain = without_entities(rule.trigger.if_domain.take());
        rule.trigger.unless_domain = without_entities(rule.trigger.unless_domain.take());
        if rule.trigger.if_domain.as_ref().is_some_and(Vec::is_empty) {
            // Only on `google.*`-style entities: nothing WebKit can name.
            return Err("entity");
        }
        if rule.trigger.unless_domain.as_ref().is_some_and(Vec::is_empty) {
            rule.trigger.unless_domain = None;
        }
        check_rule(&rule)?;
        rules.push(rule);
    }
    Ok(rules)
}

fn cosmetic_rule(filter: CosmeticFilter) -> Result<Rule, &'static str> {
    let mut rule = from_adblock(CbRule::try_from(filter).map_err(failure)?);
    // ABP's `example.com##.ad` covers www.example.com too: `*` says so to WebKit.
    for sites in [&mut rule.trigger.if_domain, &mut rule.trigger.unless_domain].into_iter().flatten() {
        for site in sites.iter_mut() {
            if !site.starts_with('*') {
                site.insert(0, '*');
            }
        }
    }
    check_rule(&rule)?;
    Ok(rule)
}

/// The `#@#` exceptions for one selector.
#[derive(Debug, Default)]
struct Unhide {
    everywhere: bool,
    /// `*site` entries.
    sites: Vec<String>,
}

/// Applies the cosmetic exceptions to a hiding rule; false when nothing is left of it.
fn apply_unhide(rule: &mut Rule, unhide: &HashMap<String, Unhide>) -> bool {
    let Some(except) = rule.action.selector.as_ref().and_then(|s| unhide.get(s)) else { return true };
    if except.everywhere {
        return false;
    }
    match &mut rule.trigger.if_domain {
        // Hidden on some sites: those an exception covers (or whose parent it covers) go.
        Some(sites) => {
            sites.retain(|site| !except.sites.iter().any(|e| covers(e, site)));
            !sites.is_empty()
        }
        // Hidden everywhere: except on the exception's sites.
        None => {
            let unless = rule.trigger.unless_domain.get_or_insert_with(Vec::new);
            unless.extend(except.sites.iter().cloned());
            unless.sort();
            unless.dedup();
            true
        }
    }
}

/// Whether the `*parent` entry covers the `*site` entry (the same site or a subdomain of it).
fn covers(parent: &str, site: &str) -> bool {
    let (parent, site) = (parent.trim_start_matches('*'), site.trim_start_matches('*'));
    site == parent || site.strip_suffix(parent).is_some_and(|rest| rest.ends_with('.'))
}

fn without_entities(sites: Option<Vec<String>>) -> Option<Vec<String>> {
    sites.map(|sites| sites.into_iter().filter(|s| !s.ends_with(".*")).collect())
}

/// A network line's options (`$script,domain=…`).
fn options(line: &str) -> impl Iterator<Item = &str> {
    line.rsplit_once('$').map(|(_, options)| options).unwrap_or_default().split(',')
}

/// The site a `@@||site^$generichide` exception names, when it is a plain host.
fn plain_site(filter: &NetworkFilter) -> Option<String> {
    let host = filter.hostname.as_deref()?;
    let plain = filter.mask.contains(NetworkFilterMask::IS_HOSTNAME_ANCHOR)
        && matches!(filter.filter, FilterPart::Empty)
        && host.contains('.')
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    plain.then(|| host.to_string())
}

/// The `url-filter` of a network rule, in the regular-expression subset WebKit takes.
fn url_filter(filter: &NetworkFilter) -> Result<String, &'static str> {
    let mask = filter.mask;
    let part: &str = match &filter.filter {
        FilterPart::Empty => "",
        FilterPart::Simple(part) => part,
        FilterPart::AnyOf(_) => return Err("internal"),
    };
    let right_anchor = mask.contains(NetworkFilterMask::IS_RIGHT_ANCHOR);
    let mut re = String::new();
    if let Some(host) = filter.hostname.as_deref() {
        // `||host`: the scheme, any subdomains, then the host.
        re.push_str("^[^:]+:(//)?([^/]+\\.)?");
        pattern(host, false, &mut re)?;
        if mask.contains(NetworkFilterMask::IS_HOSTNAME_REGEX) {
            re.push_str(".*");
        }
        if part.is_empty() {
            // `||host^`: the host ends there (every address WebKit checks has a path).
            if right_anchor {
                re.push_str("[:/]");
            }
            return Ok(re);
        }
    } else if mask.contains(NetworkFilterMask::IS_LEFT_ANCHOR) {
        re.push('^');
    } else {
        let (http, https) = (mask.contains(NetworkFilterMask::FROM_HTTP), mask.contains(NetworkFilterMask::FROM_HTTPS));
        re.push_str(match (http, https) {
            (true, true) if part.is_empty() => "^https?://",
            (true, true) => "",
            (true, false) => "^http://",
            (false, true) => "^https://",
            (false, false) if mask.contains(NetworkFilterMask::FROM_WEBSOCKET) => "^wss?://",
            (false, false) => return Err("types"),
        });
        if part.is_empty() {
            return Ok(re);
        }
        if !re.is_empty() {
            re.push_str(".*");
        }
    }
    if pattern(part, right_anchor, &mut re)? {
        return Ok(re);
    }
    if right_anchor {
        re.push('$');
    }
    Ok(re)
}

/// Appends an ABP pattern as a regular expression: `*` any run, `^` a separator, the rest
/// literal. Returns true when the pattern ended in `^` and its `$` is already written.
fn pattern(text: &str, right_anchor: bool, re: &mut String) -> Result<bool, &'static str> {
    for (index, c) in text.char_indices() {
        match c {
            '*' => re.push_str(".*"),
            '^' if text[index + 1..].bytes().all(|b| b == b'*') => {
                // A trailing separator is a separator or the end of the address.
                if right_anchor {
                    re.push('(');
                    re.push_str(SEPARATOR);
                    re.push_str(")?$");
                } else {
                    re.push('(');
                    re.push_str(SEPARATOR);
                    re.push_str(".*)?$");
                }
                return Ok(true);
            }
            '^' => re.push_str(SEPARATOR),
            '.' | '+' | '?' | '$' | '(' | ')' | '{' | '}' | '[' | ']' | '|' | '\\' => {
                re.push('\\');
                re.push(c);
            }
            c if c.is_ascii_graphic() => re.push(c),
            _ => return Err("non-ascii"),
        }
    }
    Ok(false)
}

/// Refuses what WebKit would refuse, so that one rule never costs the whole list.
fn check_rule(rule: &Rule) -> Result<(), &'static str> {
    check_url_filter(&rule.trigger.url_filter)?;
    for site in [&rule.trigger.if_domain, &rule.trigger.unless_domain].into_iter().flatten().flatten() {
        if site.is_empty() || !site.bytes().all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()) {
            return Err("domains");
        }
    }
    if rule.trigger.if_domain.is_some() && rule.trigger.unless_domain.is_some() {
        return Err("domains");
    }
    if rule.action.selector.as_ref().is_some_and(|s| s.is_empty() || !s.is_ascii()) {
        return Err("non-ascii");
    }
    Ok(())
}

/// WebKit's dialect: literals, `.`, classes `[…]`, groups, `? * +`, `^` only first and `$`
/// only last. No alternation (`a|b`), no counted repetition, no `\d`-style classes.
pub fn check_url_filter(re: &str) -> Result<(), &'static str> {
    if re.is_empty() || !re.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("non-ascii");
    }
    let bytes = re.as_bytes();
    let (mut index, mut depth, mut in_class) = (0, 0i32, false);
    while index < bytes.len() {
        let b = bytes[index];
        match b {
            b'\\' => {
                match bytes.get(index + 1) {
                    Some(next) if next.is_ascii_punctuation() => {}
                    _ => return Err("regex"),
                }
                index += 1;
            }
            b']' if in_class => in_class = false,
            _ if in_class => {}
            b'[' => in_class = true,
            b'|' => return Err("alternation"),
            b'{' | b'}' => return Err("regex"),
            b'^' if index != 0 => return Err("regex"),
            b'$' if index != bytes.len() - 1 => return Err("regex"),
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth < 0 {
                    return Err("regex");
                }
            }
            _ => {}
        }
        index += 1;
    }
    if depth != 0 || in_class {
        return Err("regex");
    }
    Ok(())
}

fn failure(failure: CbRuleCreationFailure) -> &'static str {
    use CbRuleCreationFailure as F;
    match failure {
        F::UnlessAndIfDomainTogetherUnsupported => "domains",
        F::NoSupportedNetworkOptions(_) => "types",
        F::NetworkRedirectUnsupported => "redirect",
        F::NetworkGenerichideUnsupported => "generichide",
        F::NetworkBadFilterUnsupported => "badfilter",
        F::NetworkCspUnsupported => "csp",
        F::NetworkRemoveparamUnsupported => "removeparam",
        F::FullRegexUnsupported => "regex",
        F::CosmeticEntitiesUnsupported => "entity",
        F::CosmeticActionRulesNotSupported => "style",
        F::ScriptletInjectionsNotSupported => "scriptlet",
        F::RuleContainsNonASCII => "non-ascii",
        F::FromNotSupported => "from-to",
        F::ProceduralCosmeticFiltersUnsupported => "procedural",
        F::NeedsDebugMode | F::OptimizedRulesUnsupported => "internal",
    }
}

fn from_adblock(rule: CbRule) -> Rule {
    let trigger = rule.trigger;
    let mut types: Option<Vec<&'static str>> = trigger.resource_type.map(|types| types.iter().map(resource_type).collect());
    if let Some(types) = types.as_mut() {
        types.sort_unstable();
        types.dedup();
    }
    let loads: Vec<&'static str> = trigger
        .load_type
        .iter()
        .map(|l| match l {
            CbLoadType::FirstParty => "first-party",
            CbLoadType::ThirdParty => "third-party",
        })
        .collect();
    Rule {
        trigger: Trigger {
            url_filter: trigger.url_filter,
            url_filter_is_case_sensitive: trigger.url_filter_is_case_sensitive,
            if_domain: trigger.if_domain,
            unless_domain: trigger.unless_domain,
            resource_type: types,
            load_type: (!loads.is_empty()).then_some(loads),
        },
        action: Action {
            kind: match rule.action.typ {
                CbType::Block => "block",
                CbType::BlockCookies => "block-cookies",
                CbType::CssDisplayNone => "css-display-none",
                CbType::IgnorePreviousRules => "ignore-previous-rules",
                CbType::MakeHttps => "make-https",
            },
            selector: rule.action.selector,
        },
    }
}

fn resource_type(kind: &CbResourceType) -> &'static str {
    match kind {
        CbResourceType::Document => "document",
        CbResourceType::Image => "image",
        CbResourceType::StyleSheet => "style-sheet",
        CbResourceType::Script => "script",
        CbResourceType::Font => "font",
        CbResourceType::Raw => "raw",
        CbResourceType::SvgDocument => "svg-document",
        CbResourceType::Media => "media",
        CbResourceType::Popup => "popup",
    }
}

fn dedup(rules: &mut Vec<Rule>) {
    let mut seen = HashSet::new();
    rules.retain(|rule| seen.insert(rule.clone()));
}

#[cfg(test)]
#[path = "content_rules_tests.rs"]
mod tests;
