//! What the content filters refuse by address, for `guichet check`. The proxy sees only the host
//! of an HTTPS request, so a rule on a path (`/banner/ads/*`) is enforced by WebKit in the page,
//! not by the policy. `check` applies the very rules WebKit is given, the way WebKit applies them
//! (the matching rules from the last one back, stopping at `ignore-previous-rules`), to the
//! address as a resource of a page of its own site, its type taken from its extension. An
//! address without such an extension is taken as a page, which the lists never refuse.
//! (Not the `adblock` engine: what WebKit enforces is the converted rules, some lines dropped.)

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::content_files::convert_texts;
use super::content_rules::{Rule, RuleList};
use super::extract::ListTexts;
use super::{Kind, ListKind, ListSource};

/// One load as WebKit sees it.
#[derive(Debug, Clone, Copy)]
pub struct Load<'a> {
    pub url: &'a str,
    /// WebKit's name: `script`, `image`, `style-sheet`, `document`…
    pub resource: &'a str,
    pub third_party: bool,
    /// The host of the page the load is for.
    pub page: &'a str,
}

/// Whether one rule's trigger matches a load. `url_filter` is the rule's compiled `url-filter`.
pub fn triggers(rule: &Rule, url_filter: &Regex, load: &Load) -> bool {
    let on_site = |sites: &Vec<String>| {
        sites.iter().any(|s| match s.strip_prefix('*') {
            Some(s) => load.page == s || load.page.strip_suffix(s).is_some_and(|rest| rest.ends_with('.')),
            None => load.page == s,
        })
    };
    let party = if load.third_party { "third-party" } else { "first-party" };
    url_filter.is_match(load.url)
        && rule.trigger.resource_type.as_ref().is_none_or(|types| types.contains(&load.resource))
        && rule.trigger.load_type.as_ref().is_none_or(|loads| loads.contains(&party))
        && rule.trigger.if_domain.as_ref().is_none_or(on_site)
        && !rule.trigger.unless_domain.as_ref().is_some_and(on_site)
}

/// A `url-filter` as a regular expression (WebKit matches them ignoring case unless told).
pub fn compile_url_filter(rule: &Rule) -> Option<Regex> {
    let case = if rule.trigger.url_filter_is_case_sensitive == Some(true) { "" } else { "(?i)" };
    Regex::new(&format!("{case}{}", rule.trigger.url_filter)).ok()
}

/// The rules of one list that a load triggers, from the last one back to the first
/// `ignore-previous-rules` (excluded): what WebKit does with the load.
pub fn actions<'r>(rules: &'r [Rule], candidates: impl Iterator<Item = usize>, load: &Load, regex: &mut dyn FnMut(usize) -> Option<Regex>) -> Vec<&'r Rule> {
    let mut found = Vec::new();
    let mut candidates: Vec<usize> = candidates.collect();
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    candidates.dedup();
    for index in candidates {
        let rule = &rules[index];
        if !regex(index).is_some_and(|re| triggers(rule, &re, load)) {
            continue;
        }
        if rule.action.kind == "ignore-previous-rules" {
            break;
        }
        found.push(rule);
    }
    found
}

/// The lists' network rules, prepared on first use (a `check` of pages only never pays for them).
pub struct UrlRules {
    sources: Vec<ListSource>,
    lists: OnceCell<Vec<Indexed>>,
}

/// One rule list with an index of the literal text each rule needs in an address.
struct Indexed {
    kind: Kind,
    rules: Vec<Rule>,
    literals: Option<AhoCorasick>,
    /// For each literal of the automaton, its rule.
    owners: Vec<usize>,
    /// Rules with no usable literal: always tried.
    always: Vec<usize>,
    compiled: RefCell<HashMap<usize, Option<Regex>>>,
}

impl UrlRules {
    pub fn new(sources: Vec<ListSource>) -> UrlRules {
        UrlRules { sources, lists: OnceCell::new() }
    }

    /// `Some(kind)` when a content filter refuses this load. Lists that cannot be read refuse
    /// nothing here (the host-level lists said so already).
    pub fn check(&self, load: &Load) -> Option<Kind> {
        let lists = self.lists.get_or_init(|| build(&self.sources));
        lists.iter().find(|list| list.blocks(load)).map(|list| list.kind)
    }
}

impl Indexed {
    fn new(list: RuleList) -> Indexed {
        let kind = match list.kind {
            ListKind::Ads => Kind::Ad,
            ListKind::Trackers => Kind::Tracker,
        };
        let (mut patterns, mut owners, mut always) = (Vec::new(), Vec::new(), Vec::new());
        for (index, rule) in list.rules.iter().enumerate() {
            if rule.action.kind == "css-display-none" {
                continue;
            }
            match literal(&rule.trigger.url_filter) {
                Some(text) => {
                    patterns.push(text);
                    owners.push(index);
                }
                None => always.push(index),
            }
        }
        let literals = AhoCorasick::builder().ascii_case_insensitive(true).build(&patterns).ok();
        if literals.is_none() {
            always.append(&mut owners);
        }
        Indexed { kind, rules: list.rules, literals, owners, always, compiled: RefCell::default() }
    }

    fn blocks(&self, load: &Load) -> bool {
        let mut candidates = self.always.clone();
        if let Some(automaton) = &self.literals {
            candidates.extend(automaton.find_overlapping_iter(load.url).map(|m| self.owners[m.pattern().as_usize()]));
        }
        let mut compiled = self.compiled.borrow_mut();
        let mut regex = |index: usize| compiled.entry(index).or_insert_with(|| compile_url_filter(&self.rules[index])).clone();
        actions(&self.rules, candidates.into_iter(), load, &mut regex).iter().any(|rule| rule.action.kind == "block")
    }
}

fn build(sources: &[ListSource]) -> Vec<Indexed> {
    let Ok(texts) = ListTexts::read(sources) else { return Vec::new() };
    let (conversion, _) = convert_texts(&texts);
    conversion.lists.into_iter().map(Indexed::new).collect()
}

/// The longest run of text every address the `url-filter` matches must contain (outside
/// optional groups and classes), if it has one of at least three characters.
fn literal(url_filter: &str) -> Option<String> {
    let bytes = url_filter.as_bytes();
    let (mut best, mut run, mut depth, mut index) = (String::new(), String::new(), 0i32, 0);
    let end_run = |run: &mut String, best: &mut String| {
        if run.len() > best.len() {
            *best = run.clone();
        }
        run.clear();
    };
    while index < bytes.len() {
        let b = bytes[index];
        let (literal, width) = match b {
            b'\\' if index + 1 < bytes.len() => (Some(bytes[index + 1]), 2),
            b'.' | b'^' | b'$' | b'|' => (None, 1),
            b'(' => {
                depth += 1;
                (None, 1)
            }
            b')' => {
                depth -= 1;
                (None, 1)
            }
            b'[' => {
                // Skip the class.
                let close = bytes[index..].iter().skip(1).position(|&c| c == b']').map_or(bytes.len() - index, |p| p + 2);
                (None, close)
            }
            b'*' | b'+' | b'?' => {
                // The character before was optional or repeated: it does not count.
                run.pop();
                (None, 1)
            }
            other => (Some(other), 1),
        };
        match literal {
            Some(c) if depth == 0 && !matches!(bytes.get(index + width), Some(b'*' | b'?')) => run.push(c as char),
            _ => end_run(&mut run, &mut best),
        }
        index += width;
    }
    end_run(&mut run, &mut best);
    (best.len() >= 3).then_some(best)
}

/// The request type a browser would give a resource at this address, from its extension
/// (WebKit's names); `None` for an address that looks like a page.
pub fn resource_type(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next()?;
    let name = path.rsplit('/').next()?;
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "js" | "mjs" => "script",
        "css" => "style-sheet",
        "png" | "gif" | "jpg" | "jpeg" | "webp" | "avif" | "svg" | "ico" | "bmp" => "image",
        "woff" | "woff2" | "ttf" | "otf" | "eot" => "font",
        "mp4" | "webm" | "mp3" | "ogg" | "m4a" | "wav" => "media",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_checked_by_address_and_pages_never() {
        let dir = tempfile::tempdir().unwrap();
        let ads = dir.path().join("easylist.txt");
        let trackers = dir.path().join("easyprivacy.txt");
        std::fs::write(&ads, "/ads/banner*\n||adserver.example^\n").unwrap();
        std::fs::write(&trackers, "/smarttag.js$script\n/eulerian.js\n@@||caf.fr^*/smarttag.js$script,~third-party\n@@||service-public.fr^*/assets/js/eulerian/eulerian.js$~third-party\n").unwrap();
        let rules = UrlRules::new(vec![ListSource { path: ads, kind: ListKind::Ads }, ListSource { path: trackers, kind: ListKind::Trackers }]);
        // As a resource of a page of its own site (the test's shortcut for the host).
        let own = |url: &'static str| {
            let page = url.split('/').nth(2).unwrap();
            rules.check(&Load { url, resource: resource_type(url).unwrap_or("document"), third_party: false, page })
        };
        assert_eq!(own("https://www.example.fr/ads/banner.js"), Some(Kind::Ad));
        assert_eq!(own("https://www.example.fr/ads/banner-2.png?x=1"), Some(Kind::Ad));
        assert_eq!(own("https://cdn.adserver.example/x.js"), Some(Kind::Ad));
        assert_eq!(own("https://www.example.fr/smarttag.js"), Some(Kind::Tracker));
        assert_eq!(own("https://www.caf.fr/static/smarttag.js"), None);
        // The exception is for caf.fr's own pages.
        let elsewhere = Load { url: "https://www.caf.fr/static/smarttag.js", resource: "script", third_party: true, page: "www.example.fr" };
        assert_eq!(rules.check(&elsewhere), Some(Kind::Tracker));
        assert_eq!(own("https://www.service-public.fr/resources/v7/assets/js/eulerian/eulerian.js"), None);
        assert_eq!(own("https://www.impots.gouv.fr/resources/v7/assets/js/eulerian/eulerian.js"), Some(Kind::Tracker));
        // `^` is one separator character, as in ABP: `^*/assets` needs a folder before `assets`.
        assert_eq!(own("https://www.service-public.fr/assets/js/eulerian/eulerian.js"), Some(Kind::Tracker));
        assert_eq!(own("https://www.example.fr/app.js"), None);
        // A page: the lists do not refuse it.
        assert_eq!(own("https://www.example.fr/ads/banner"), None);
        assert_eq!(resource_type("https://x.fr/a.b/c.CSS?v=1"), Some("style-sheet"));
        assert_eq!(resource_type("https://x.fr/a.js/"), None);
    }

    #[test]
    fn the_index_keeps_only_text_an_address_must_contain() {
        assert_eq!(literal("^[^:]+:(//)?([^/]+\\.)?caf\\.fr[^a-zA-Z0-9_.%-].*/smarttag\\.js").as_deref(), Some("/smarttag.js"));
        assert_eq!(literal("/banner/ads/").as_deref(), Some("/banner/ads/"));
        assert_eq!(literal("/ads?x").as_deref(), Some("/ad"));
        assert_eq!(literal("^https?://").as_deref(), Some("http"));
        assert_eq!(literal(".*"), None);
        assert_eq!(literal("^guichet:").as_deref(), Some("guichet:"));
    }
}
