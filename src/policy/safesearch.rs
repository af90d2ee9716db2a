//! SafeSearch by host: search hosts are sent to the engines' locked "safe" hosts, and search
//! hosts that have no such twin are refused, so a filtered-web mode never shows unfiltered results.
//!
//! Only the host can change: the proxy sees `CONNECT host:443` and relays TLS untouched, so it
//! connects to the safe host's address while the browser keeps the name (and SNI) it asked for.

use super::PublicSuffixes;

pub const GOOGLE_SAFE: &str = "forcesafesearch.google.com";
pub const YOUTUBE_SAFE: &str = "restrict.youtube.com";
pub const BING_SAFE: &str = "strict.bing.com";
pub const DUCKDUCKGO_SAFE: &str = "safe.duckduckgo.com";

/// What a host is, for SafeSearch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchHost {
    /// Not a search host we know: the other rules decide.
    Other,
    /// Served by its engine's SafeSearch host.
    Mapped(&'static str),
    /// A search host without a SafeSearch twin (another engine, or a side door of a mapped one).
    Unmappable,
}

/// Exact hosts sent to a SafeSearch host (sources: `shared/design/wave2-facts.md` §4).
const MAPPED: &[(&str, &str)] = &[
    ("www.youtube.com", YOUTUBE_SAFE),
    ("m.youtube.com", YOUTUBE_SAFE),
    ("youtubei.googleapis.com", YOUTUBE_SAFE),
    ("youtube.googleapis.com", YOUTUBE_SAFE),
    ("www.youtube-nocookie.com", YOUTUBE_SAFE),
    ("www.bing.com", BING_SAFE),
    ("duckduckgo.com", DUCKDUCKGO_SAFE),
    ("www.duckduckgo.com", DUCKDUCKGO_SAFE),
    ("start.duckduckgo.com", DUCKDUCKGO_SAFE),
];

/// Side doors of the mapped engines: they answer searches without the lock.
const UNMAPPABLE_HOSTS: &[&str] = &[
    "bing.com",
    "cn.bing.com",
    "m.bing.com",
    "html.duckduckgo.com",
    "lite.duckduckgo.com",
    "search.yahoo.com",
    "search.brave.com",
    "search.lilo.org",
];

/// Engines with no SafeSearch host we trust: every host under these registrable domains.
/// (Qwant and Ecosia publish safe hosts only in third-party lists; confidence is low.)
const UNMAPPABLE_DOMAINS: &[&str] = &[
    "ecosia.org",
    "qwant.com",
    "startpage.com",
    "baidu.com",
    "mojeek.com",
    "swisscows.com",
    "yep.com",
    "presearch.com",
    "ya.ru",
];

/// Google's own search hosts besides `www.google.<suffix>`, which are refused.
const GOOGLE_SIDE_DOORS: &[&str] = &["images", "encrypted", "ipv4", "ipv6"];

/// Classifies a lower-case DNS name (no trailing dot) whose registrable domain is `registrable`.
/// Cheap for the common case: a few comparisons, and a suffix lookup only for `google.*` and
/// `yandex.*` look-alikes.
pub fn classify(name: &str, registrable: &str, suffixes: &PublicSuffixes) -> SearchHost {
    if let Some((_, target)) = MAPPED.iter().find(|(host, _)| *host == name) {
        return SearchHost::Mapped(target);
    }
    if UNMAPPABLE_HOSTS.contains(&name) || name.ends_with(".search.yahoo.com") || UNMAPPABLE_DOMAINS.contains(&registrable) {
        return SearchHost::Unmappable;
    }
    if registrable == "youtube.com" || registrable == "youtube-nocookie.com" {
        return match name {
            YOUTUBE_SAFE | "restrictmoderate.youtube.com" => SearchHost::Other,
            // youtube.com, music.youtube.com… serve videos without the restriction.
            _ => SearchHost::Unmappable,
        };
    }
    // google.fr, google.co.uk, google.com.br…: the engine's label right on a public suffix.
    let engine = match registrable.split_once('.') {
        Some((label @ ("google" | "yandex"), suffix)) if suffixes.is_public_suffix(suffix) => label,
        _ => return SearchHost::Other,
    };
    let subdomain = name.strip_suffix(registrable).map_or("", |s| s.trim_end_matches('.'));
    match (engine, subdomain) {
        ("google", "www") => SearchHost::Mapped(GOOGLE_SAFE),
        ("google", sub) if sub.is_empty() || GOOGLE_SIDE_DOORS.contains(&sub) => SearchHost::Unmappable,
        ("yandex", _) => SearchHost::Unmappable,
        _ => SearchHost::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_and_their_side_doors() {
        let psl = PublicSuffixes::bundled().unwrap();
        let c = |name| classify(name, psl.registrable(name).unwrap(), &psl);
        assert_eq!(c("www.google.fr"), SearchHost::Mapped(GOOGLE_SAFE));
        assert_eq!(c("www.google.co.uk"), SearchHost::Mapped(GOOGLE_SAFE));
        assert_eq!(c("www.google.com.br"), SearchHost::Mapped(GOOGLE_SAFE));
        assert_eq!(c("google.fr"), SearchHost::Unmappable);
        assert_eq!(c("images.google.com"), SearchHost::Unmappable);
        assert_eq!(c("accounts.google.com"), SearchHost::Other);
        assert_eq!(c(GOOGLE_SAFE), SearchHost::Other);
        assert_eq!(c("www.youtube.com"), SearchHost::Mapped(YOUTUBE_SAFE));
        assert_eq!(c("music.youtube.com"), SearchHost::Unmappable);
        assert_eq!(c(YOUTUBE_SAFE), SearchHost::Other);
        assert_eq!(c("lite.duckduckgo.com"), SearchHost::Unmappable);
        assert_eq!(c("www.qwant.com"), SearchHost::Unmappable);
        assert_eq!(c("yandex.ru"), SearchHost::Unmappable);
        assert_eq!(c("fr.search.yahoo.com"), SearchHost::Unmappable);
        assert_eq!(c("www.wikipedia.org"), SearchHost::Other);
        assert_eq!(c("www.googleapis.com"), SearchHost::Other);
    }
}
