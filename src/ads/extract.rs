//! Reads EasyList-style lists into a [`HostSet`]: which `||host^` rules block a whole host, and
//! which hosts an `@@` exception keeps open.

use std::fmt;
use std::path::PathBuf;

use adblock::filters::network::{FilterPart, NetworkFilter, NetworkFilterMask};
use adblock::lists::{parse_filter, ParseOptions, ParsedLine};

use super::{AdsError, HostSet, HostSetBuilder, Kind};

/// Which list a file is: it decides the reason shown (`ad` or `tracker`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Ads,
    Trackers,
}

impl ListKind {
    fn kind(self) -> Kind {
        match self {
            ListKind::Ads => Kind::Ad,
            ListKind::Trackers => Kind::Tracker,
        }
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ListKind::Ads => "ad",
            ListKind::Trackers => "tracker",
        })
    }
}

/// One configured list file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSource {
    pub path: PathBuf,
    pub kind: ListKind,
}

/// The lists' texts, read once: compiling and the cache key both need them.
pub(super) struct ListTexts {
    pub texts: Vec<(ListKind, String)>,
}

impl ListTexts {
    pub fn read(sources: &[ListSource]) -> Result<ListTexts, AdsError> {
        let mut texts = Vec::with_capacity(sources.len());
        for source in sources {
            let text = std::fs::read_to_string(&source.path).map_err(|err| AdsError::ListMissing {
                path: source.path.clone(),
                kind: source.kind,
                source: err,
            })?;
            texts.push((source.kind, text));
        }
        Ok(ListTexts { texts })
    }
}

/// Reads the lists and builds the host set. Exceptions from every list are applied after all
/// blocks, so a list's order never lets a block override another list's exception.
pub fn compile(sources: &[ListSource]) -> Result<HostSet, AdsError> {
    let texts = ListTexts::read(sources)?;
    compile_texts(sources, &texts).map(HostSetBuilder::build)
}

pub(super) fn compile_texts(sources: &[ListSource], texts: &ListTexts) -> Result<HostSetBuilder, AdsError> {
    let mut set = HostSetBuilder::default();
    let mut exceptions = Vec::new();
    for (source, (kind, text)) in sources.iter().zip(&texts.texts) {
        let mut network_rules = 0usize;
        for line in text.lines() {
            let Ok(ParsedLine::Network(filter)) = parse_filter(line, false, ParseOptions::default()) else {
                continue;
            };
            network_rules += 1;
            match classify(&filter) {
                Some(Rule::Block(host)) => set.block(host, kind.kind()),
                Some(Rule::Except(host)) => exceptions.push((host.to_string(), sites(line))),
                None => {}
            }
        }
        if network_rules == 0 {
            return Err(AdsError::NotAList { path: source.path.clone(), kind: *kind });
        }
    }
    for (host, sites) in exceptions {
        set.except(&host, &sites);
    }
    Ok(set)
}

enum Rule<'a> {
    Block(&'a str),
    Except(&'a str),
}

/// What one network rule means for a whole host, if anything.
fn classify<'a>(filter: &'a NetworkFilter) -> Option<Rule<'a>> {
    let host = filter.hostname.as_deref()?;
    let mask = filter.mask;
    if !mask.contains(NetworkFilterMask::IS_HOSTNAME_ANCHOR) || !is_plain_host(host) {
        return None;
    }
    if mask.contains(NetworkFilterMask::IS_EXCEPTION) {
        // Any exception naming a host keeps the whole host open, whatever its path or type
        // options, on the pages it names (`@@||tag.aticdn.net^$script,domain=gouv.fr` is how a
        // ministry's statistics keep working): the proxy cannot tell which resource or page asked.
        return Some(Rule::Except(host));
    }
    let whole_host = matches!(filter.filter, FilterPart::Empty)
        && !mask.intersects(NetworkFilterMask::IS_REGEX | NetworkFilterMask::IS_COMPLETE_REGEX | NetworkFilterMask::IS_HOSTNAME_REGEX)
        // Only on some sites, only to some destinations, or only when the site itself is
        // visited: the proxy cannot know, so the host is not blocked everywhere.
        && filter.opt_domains.is_none()
        && filter.opt_not_domains.is_none()
        && filter.opt_to_domains.is_none()
        && filter.opt_not_to_domains.is_none()
        && mask.contains(NetworkFilterMask::THIRD_PARTY)
        // The ways ads and trackers load (or a page itself). A rule for beacons, sockets, fonts
        // or media only (`||lemonde.fr^$ping`) is about one use of a site people do visit.
        && mask.intersects(
            NetworkFilterMask::FROM_SCRIPT
                | NetworkFilterMask::FROM_IMAGE
                | NetworkFilterMask::FROM_XMLHTTPREQUEST
                | NetworkFilterMask::FROM_SUBDOCUMENT
                | NetworkFilterMask::FROM_DOCUMENT,
        )
        && mask.contains(NetworkFilterMask::FROM_HTTPS)
        // A method restriction, `$redirect`, `$csp`, `$removeparam` or `$badfilter` does not
        // refuse every request to the host.
        && !mask.intersects(NetworkFilterMask::FROM_ANY_METHODS)
        && filter.modifier_option.is_none()
        && !filter.is_badfilter()
        && !filter.is_csp()
        && !filter.is_redirect()
        && !filter.is_removeparam();
    whole_host.then_some(Rule::Block(host))
}

/// The sites a rule's `$domain=` (or `$from=`) limits it to; empty when it applies everywhere.
/// Negated sites (`~x.com`) widen an exception to every other site, so they count as "everywhere";
/// entity names (`google.*`) are left out.
fn sites(line: &str) -> Vec<&str> {
    let Some((_, options)) = line.trim().rsplit_once('$') else { return Vec::new() };
    let mut sites = Vec::new();
    for option in options.split(',') {
        let Some(list) = option.strip_prefix("domain=").or_else(|| option.strip_prefix("from=")) else { continue };
        for site in list.split('|') {
            if site.starts_with('~') {
                return Vec::new();
            }
            if !site.ends_with(".*") && !site.is_empty() {
                sites.push(site);
            }
        }
    }
    sites
}

/// A DNS name of at least two labels, without wildcards: what a `CONNECT` can name.
fn is_plain_host(host: &str) -> bool {
    host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: super::super::OpenScopes = super::super::OpenScopes(Vec::new());

    fn set(lines: &[(&str, ListKind)]) -> HostSet {
        let dir = tempfile::tempdir().unwrap();
        let mut sources = Vec::new();
        for kind in [ListKind::Ads, ListKind::Trackers] {
            let path = dir.path().join(kind.to_string());
            let text: String = lines.iter().filter(|l| l.1 == kind).map(|l| format!("{}\n", l.0)).collect();
            std::fs::write(&path, format!("[Adblock Plus 2.0]\n||filler.example^\n{text}")).unwrap();
            sources.push(ListSource { path, kind });
        }
        compile(&sources).unwrap()
    }

    #[test]
    fn only_whole_host_rules_block_a_host() {
        let set = set(&[
            ("||ads.example.com^", ListKind::Ads),
            ("||tracker.example.net^$third-party", ListKind::Trackers),
            ("||pixel.example.org^$image,script", ListKind::Trackers),
            ("||cdn.example.com/ads/", ListKind::Ads),
            ("||site.example.fr^$domain=example.fr", ListKind::Ads),
            ("||first.example.fr^$~third-party", ListKind::Trackers),
            ("||stats.example.fr^$badfilter", ListKind::Trackers),
            ("||red.example.fr^$redirect=noopjs", ListKind::Ads),
            ("||post.example.fr^$method=post", ListKind::Ads),
            ("||news.example.fr^$ping", ListKind::Trackers),
            ("||ad*.example.fr^", ListKind::Ads),
            ("/banner/*/img^", ListKind::Ads),
            ("example.com##.ad", ListKind::Ads),
        ]);
        assert_eq!(set.lookup("ads.example.com", &NONE).map(|h| h.kind), Some(Kind::Ad));
        assert_eq!(set.lookup("x.ads.example.com", &NONE).map(|h| h.kind), Some(Kind::Ad));
        assert_eq!(set.lookup("tracker.example.net", &NONE).map(|h| h.kind), Some(Kind::Tracker));
        assert_eq!(set.lookup("pixel.example.org", &NONE).map(|h| h.kind), Some(Kind::Tracker));
        for open in ["cdn.example.com", "site.example.fr", "first.example.fr", "stats.example.fr", "red.example.fr", "post.example.fr", "news.example.fr", "ad1.example.fr"] {
            assert_eq!(set.lookup(open, &NONE), None, "{open}");
        }
    }

    #[test]
    fn exceptions_from_any_list_keep_a_host_open() {
        let set = set(&[
            ("||tag.aticdn.net^", ListKind::Trackers),
            ("@@||tag.aticdn.net^$script,domain=gouv.fr|caf.fr", ListKind::Trackers),
            ("||gtm.example^", ListKind::Trackers),
            ("@@||gtm.example/gtm.js$domain=shop.example", ListKind::Trackers),
            ("||smart.example.fr^", ListKind::Ads),
            ("@@||smart.example.fr^*/smarttag.js$script,~third-party", ListKind::Trackers),
            ("||big.example^", ListKind::Ads),
            ("@@||ok.big.example^", ListKind::Trackers),
        ]);
        // Scoped exceptions open the host only where the allowlists name one of their sites.
        assert!(set.lookup("tag.aticdn.net", &NONE).is_some());
        let public = set.open_scopes(|site| site == "gouv.fr");
        assert_eq!(set.lookup("tag.aticdn.net", &public), None);
        assert!(set.lookup("gtm.example", &public).is_some());
        assert_eq!(set.lookup("smart.example.fr", &NONE), None);
        assert_eq!(set.lookup("ok.big.example", &NONE), None);
        assert_eq!(set.lookup("other.big.example", &NONE).map(|h| h.kind), Some(Kind::Ad));
    }

    #[test]
    fn domain_options_scope_exceptions() {
        assert_eq!(sites("@@||x.com^$script,domain=a.fr|b.gouv.fr"), ["a.fr", "b.gouv.fr"]);
        assert_eq!(sites("@@||x.com^$domain=a.fr|~b.fr"), Vec::<&str>::new());
        assert_eq!(sites("@@||x.com^$domain=google.*|a.fr"), ["a.fr"]);
        assert_eq!(sites("@@||x.com/a.js"), Vec::<&str>::new());
    }
}
