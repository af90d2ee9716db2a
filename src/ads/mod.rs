//! Ads and trackers blocked by host in every mode: a host set taken from EasyList and EasyPrivacy.
//!
//! The proxy sees only `host:port` for HTTPS, so what it can enforce is "this host serves ads or
//! trackers". We keep the `||host^` rules that say exactly that, parsed with the `adblock` crate
//! (the reference ABP parser), and drop every host an `@@` exception names: those exceptions are
//! how the lists keep French public sites working (`@@||caf.fr^*/smarttag.js`), and a host-level
//! block cannot honour an exception on one path or one site. When in doubt, a host stays open.
//!
//! Compiling reads ~3.4 MB of rules; it is done once when the lists change and cached in a file
//! keyed by the parser's version and the lists' checksums (see [`cache`]). Sessions load that file.

mod cache;
mod content_files;
pub mod content_rules;
mod content_store;
mod extract;
pub mod url_rules;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;

pub use cache::{compile_to, forget_remembered, load_or_compile, read_cache, Loaded, CACHE_FORMAT};
pub use content_files::{read_json, read_manifest, rule_files, write_rules, FilterPaths, ListEntry, Manifest, RulesOutcome};
pub use content_store::{compile_store, session_store, store_is_stale, Compiled, SessionStore, Stamp, STORE_FORMAT};
pub use extract::{compile, ListKind, ListSource};
pub use url_rules::UrlRules;

/// Why the ad and tracker lists could not be used. The kiosk then runs without ad blocking
/// (the allowlists and categories still apply) and logs this; it never refuses a session for it.
#[derive(Debug, thiserror::Error)]
pub enum AdsError {
    #[error("{}: cannot read the {kind} list: {source}", path.display())]
    ListMissing { path: PathBuf, kind: ListKind, source: std::io::Error },
    #[error("{}: the {kind} list is not an Adblock Plus filter list (no network rule could be read)", path.display())]
    NotAList { path: PathBuf, kind: ListKind },
    #[error("{}: the ad-blocking cache is damaged ({what})", path.display())]
    CacheCorrupt { path: PathBuf, what: &'static str },
    #[error("{}: cannot read the ad-blocking cache: {source}", path.display())]
    CacheRead { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot write the ad-blocking cache: {source}", path.display())]
    CacheWrite { path: PathBuf, source: std::io::Error },
    #[error("{}: no compiled content filters ({source})", path.display())]
    StoreMissing { path: PathBuf, source: std::io::Error },
    #[error("{}: the compiled content filters are damaged ({what})", path.display())]
    StoreDamaged { path: PathBuf, what: &'static str },
    #[error("{}: the content filters were compiled by WebKit {compiled}, this is WebKit {running}", path.display())]
    StoreWebkit { path: PathBuf, compiled: String, running: String },
    #[error("{}: cannot write the compiled content filters: {source}", path.display())]
    StoreWrite { path: PathBuf, source: std::io::Error },
    #[error("WebKit refused the `{id}` rule list: {message}")]
    Compile { id: String, message: String },
}

/// What a listed host serves, from the list that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// EasyList: advertising.
    Ad,
    /// EasyPrivacy: tracking and analytics.
    Tracker,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ad => "ad",
            Kind::Tracker => "tracker",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One name of the set: whether it is refused (and as what), and whether an exception keeps it
/// open everywhere or only on some sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Entry {
    block: Option<Kind>,
    except: Except,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Except {
    #[default]
    None,
    /// An exception without `$domain=`: the host is open on every page.
    All,
    /// Exceptions limited to the pages of some sites (index into [`HostSet::scopes`]): the host is
    /// open when one of them is a site the allowlists name, since the proxy cannot see the page.
    Scoped(u32),
}

/// A host found in the set: what it serves and how long the listed name is (a longer allowlist
/// pattern covering the same host wins: it names the service's own host).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub listed_len: usize,
}

/// The ad and tracker hosts. The most specific listed name decides: `@@||a.x.com^` keeps
/// `a.x.com` and its subdomains open even when `||x.com^` is listed.
///
/// Each session process holds one, so it is kept small: the names' 64-bit hashes, sorted, beside
/// their entries (1.7 MiB for EasyList and EasyPrivacy, where a map of the names took 6.1 MiB).
/// Two names with one hash are as likely as a hash of a host not listed matching one: about one
/// in 10^14 per request, and the worst it does is refuse or let through one ad host.
#[derive(Debug, Clone, Default)]
pub struct HostSet {
    hashes: Box<[u64]>,
    entries: Box<[Entry]>,
    /// For each scoped exception, the sites (`$domain=`) on whose pages it applies.
    scopes: Vec<Vec<Box<str>>>,
}

/// Which scoped exceptions apply on this machine: those naming a site of its allowlists.
#[derive(Debug, Clone, Default)]
pub struct OpenScopes(Vec<bool>);

fn name_hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name.as_bytes())
}

impl HostSet {
    /// The set that blocks nothing: what a kiosk without usable lists runs with.
    pub fn empty() -> Arc<HostSet> {
        Arc::new(HostSet::default())
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// How many names are refused as `kind` (some of them may be kept open by exceptions).
    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.block == Some(kind)).count()
    }

    /// Decides which scoped exceptions apply: `named(site)` says whether an allowlist entry
    /// names `site`, one of its subdomains or one of its parents (`gouv.fr` covers every ministry).
    pub fn open_scopes(&self, named: impl Fn(&str) -> bool) -> OpenScopes {
        OpenScopes(self.scopes.iter().map(|sites| sites.iter().any(|site| named(site))).collect())
    }

    /// Looks `name` up, then each parent domain; the most specific listed name decides. `name`
    /// is a lower-case DNS name without trailing dot, as [`crate::policy::HostRef`] gives it.
    pub fn lookup(&self, name: &str, open: &OpenScopes) -> Option<Hit> {
        if self.hashes.is_empty() {
            return None;
        }
        let mut rest = name;
        loop {
            if let Ok(index) = self.hashes.binary_search(&name_hash(rest)) {
                let entry = self.entries[index];
                match entry.except {
                    Except::All => return None,
                    Except::Scoped(i) if open.0.get(i as usize).copied().unwrap_or(false) => return None,
                    Except::Scoped(_) | Except::None => {}
                }
                if let Some(kind) = entry.block {
                    return Some(Hit { kind, listed_len: rest.len() });
                }
            }
            // A parent is a suffix after a dot; a one-label name has none.
            rest = &rest[rest.find('.')? + 1..];
        }
    }
}

/// A host set being read from lists or from the cache file: by name, to merge rules and to
/// write the cache; [`HostSetBuilder::build`] makes the compact set lookups use.
#[derive(Debug, Default)]
pub(crate) struct HostSetBuilder {
    names: FxHashMap<Box<str>, Entry>,
    scopes: Vec<Vec<Box<str>>>,
}

impl HostSetBuilder {
    fn block(&mut self, name: &str, kind: Kind) {
        let entry = self.names.entry(name.into()).or_default();
        // A host in both lists keeps the first list's kind (EasyList before EasyPrivacy).
        entry.block.get_or_insert(kind);
    }

    /// An exception for `name`, on every page (`sites` empty) or on those sites' pages.
    fn except(&mut self, name: &str, sites: &[&str]) {
        let mut entry = self.names.get(name).copied().unwrap_or_default();
        self.except_on(&mut entry, sites);
        self.names.insert(name.into(), entry);
    }

    /// [`HostSetBuilder::except`] for an entry held by the caller.
    fn except_on(&mut self, entry: &mut Entry, sites: &[&str]) {
        match (entry.except, sites.is_empty()) {
            (Except::All, _) => {}
            (_, true) => entry.except = Except::All,
            (Except::Scoped(i), false) => self.scopes[i as usize].extend(sites.iter().map(|s| Box::from(*s))),
            (Except::None, false) => {
                entry.except = Except::Scoped(self.scopes.len() as u32);
                self.scopes.push(sites.iter().map(|s| Box::from(*s)).collect());
            }
        }
    }

    /// Every entry, sorted, for the cache file.
    fn sorted(&self) -> Vec<(&str, Entry)> {
        let mut all: Vec<(&str, Entry)> = self.names.iter().map(|(n, e)| (&**n, *e)).collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all
    }

    pub(crate) fn build(mut self) -> HostSet {
        let names = std::mem::take(&mut self.names);
        self.build_from(names.iter().map(|(name, entry)| (&**name, *entry)))
    }

    /// The compact set of `entries` (each name once), with this builder's scopes.
    fn build_from<'a>(self, entries: impl IntoIterator<Item = (&'a str, Entry)>) -> HostSet {
        let mut all: Vec<(u64, Entry)> = entries.into_iter().map(|(name, entry)| (name_hash(name), entry)).collect();
        all.sort_unstable_by_key(|(hash, _)| *hash);
        // Two names with one hash (see HostSet): one entry, as open as either.
        all.dedup_by(|later, kept| {
            if later.0 != kept.0 {
                return false;
            }
            kept.1.block = kept.1.block.or(later.1.block);
            if kept.1.except == Except::None || later.1.except == Except::All {
                kept.1.except = later.1.except;
            }
            true
        });
        let (hashes, entries): (Vec<u64>, Vec<Entry>) = all.into_iter().unzip();
        HostSet { hashes: hashes.into(), entries: entries.into(), scopes: self.scopes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_name_decides() {
        let mut set = HostSetBuilder::default();
        set.block("x.com", Kind::Ad);
        set.except("ok.x.com", &[]);
        set.block("t.y.fr", Kind::Tracker);
        let set = set.build();
        let none = OpenScopes::default();
        assert_eq!(set.lookup("x.com", &none), Some(Hit { kind: Kind::Ad, listed_len: 5 }));
        assert_eq!(set.lookup("a.b.x.com", &none), Some(Hit { kind: Kind::Ad, listed_len: 5 }));
        assert_eq!(set.lookup("ok.x.com", &none), None);
        assert_eq!(set.lookup("in.ok.x.com", &none), None);
        assert_eq!(set.lookup("y.fr", &none), None);
        assert_eq!(set.lookup("t.y.fr", &none), Some(Hit { kind: Kind::Tracker, listed_len: 6 }));
        assert_eq!(set.lookup("notx.com", &none), None);
        assert_eq!(set.lookup("com", &none), None);
    }

    #[test]
    fn an_exception_wins_whatever_the_order_and_scopes_follow_the_allowlists() {
        let mut set = HostSetBuilder::default();
        set.except("x.com", &[]);
        set.block("x.com", Kind::Ad);
        set.block("y.com", Kind::Ad);
        set.block("y.com", Kind::Tracker);
        set.except("y.com", &["shop.example"]);
        set.except("y.com", &["gouv.fr"]);
        let set = set.build();
        let none = OpenScopes::default();
        assert_eq!(set.lookup("x.com", &none), None);
        assert_eq!(set.lookup("y.com", &none).map(|h| h.kind), Some(Kind::Ad));
        let open = set.open_scopes(|site| site == "gouv.fr");
        assert_eq!(set.lookup("y.com", &open), None);
        let closed = set.open_scopes(|site| site == "other.example");
        assert!(set.lookup("y.com", &closed).is_some());
    }
}
