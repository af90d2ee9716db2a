//! The compiled host set on disk, so sessions do not parse 3.4 MB of rules each time.
//!
//! The file is valid only for the parser that wrote it and the exact list texts it was built
//! from: its header names the `adblock` crate version, our format version and a checksum of the
//! lists, and a checksum of its body. Anything else is recompiled. It is written to a new file
//! and renamed over the old one, so a reader never sees half a file.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex};

use xxhash_rust::xxh3::xxh3_64;

use super::extract::{compile_texts, ListTexts};
use super::{AdsError, Entry, Except, HostSet, HostSetBuilder, Kind, ListSource};

/// Bumped whenever the file layout or the extraction rules change.
pub const CACHE_FORMAT: u32 = 1;
/// The parser whose reading of the lists the cache holds. Cargo.toml pins this exact version.
pub(super) const PARSER: &str = "adblock-0.13.5";

/// A host set ready for the policy, and how it was obtained.
#[derive(Debug)]
pub struct Loaded {
    pub set: Arc<HostSet>,
    /// `true` when nothing was compiled: an up-to-date cache file, or this process compiled these lists already.
    pub from_cache: bool,
    /// A problem that did not prevent blocking (the cache could not be written, or the lists
    /// were missing and an older cache was used): log it.
    pub warning: Option<AdsError>,
}

/// The set for these lists: from `cache` when it matches them, else compiled (and the cache
/// rewritten when `write` is set). If the lists cannot be read, a cache written by this parser
/// is used as it is; with neither, the error is returned and the caller runs without ad blocking.
pub fn load_or_compile(sources: &[ListSource], cache: Option<&Path>, write: bool) -> Result<Loaded, AdsError> {
    let texts = match ListTexts::read(sources) {
        Ok(texts) => texts,
        Err(missing) => {
            let Some(path) = cache else { return Err(missing) };
            return match read(path, None) {
                Ok(set) => Ok(Loaded { set: Arc::new(set), from_cache: true, warning: Some(missing) }),
                Err(_) => Err(missing),
            };
        }
    };
    let key = lists_key(&texts);
    // A process that loads its configuration several times (tests, `config check` then a
    // session) compiles the same lists once.
    let remembered = REMEMBERED.lock().ok().and_then(|last| last.as_ref().filter(|(k, _)| *k == key).map(|(_, set)| set.clone()));
    if let (Some(set), false) = (&remembered, write) {
        return Ok(Loaded { set: set.clone(), from_cache: true, warning: None });
    }
    if let Some(path) = cache {
        if let Ok(set) = read(path, Some(key)) {
            return Ok(Loaded { set: Arc::new(set), from_cache: true, warning: None });
        }
    }
    // The cache file is written from the names, which only a fresh compilation has.
    let (set, from_cache, warning) = match remembered {
        Some(set) if cache.is_none() || !write => (set, true, None),
        _ => {
            let built = compile_texts(sources, &texts)?;
            let warning = cache.filter(|_| write).and_then(|path| write_file(path, &built, key).err());
            (Arc::new(built.build()), false, warning)
        }
    };
    if let Ok(mut last) = REMEMBERED.lock() {
        *last = Some((key, set.clone()));
    }
    Ok(Loaded { set, from_cache, warning })
}

/// The last set this process compiled, with its lists' key.
static REMEMBERED: Mutex<Option<(u64, Arc<HostSet>)>> = Mutex::new(None);

/// Lets go of the set kept for the next load in this process: a process that only checked the
/// lists (the supervisor, at start) would otherwise hold it for its whole life.
pub fn forget_remembered() {
    if let Ok(mut last) = REMEMBERED.lock() {
        *last = None;
    }
}

/// What a fresh session does when the cache is up to date: read the lists (for their
/// checksums) and the cache, without the in-process memory of [`load_or_compile`].
pub fn read_cache(sources: &[ListSource], cache: &Path) -> Result<HostSet, AdsError> {
    let texts = ListTexts::read(sources)?;
    read(cache, Some(lists_key(&texts)))
}

/// Compiles the lists and writes the cache, whatever its state (`guichet lists compile-adblock`).
pub fn compile_to(sources: &[ListSource], cache: &Path) -> Result<HostSet, AdsError> {
    let texts = ListTexts::read(sources)?;
    let set = compile_texts(sources, &texts)?;
    write_file(cache, &set, lists_key(&texts))?;
    Ok(set.build())
}

pub(super) fn lists_key(texts: &ListTexts) -> u64 {
    let mut all = Vec::new();
    for (kind, text) in &texts.texts {
        all.extend_from_slice(kind.to_string().as_bytes());
        all.extend_from_slice(&xxh3_64(text.as_bytes()).to_le_bytes());
    }
    xxh3_64(&all)
}

fn header(lists: u64, body: &str) -> String {
    format!("guichet-adblock-cache {CACHE_FORMAT}\nparser {PARSER}\nlists {lists:016x}\nbody {:016x}\n", xxh3_64(body.as_bytes()))
}

fn write_file(path: &Path, set: &HostSetBuilder, lists: u64) -> Result<(), AdsError> {
    let mut body = String::with_capacity(set.names.len() * 24);
    for (name, entry) in set.sorted() {
        match entry.block {
            Some(Kind::Ad) => body.push_str("a "),
            Some(Kind::Tracker) => body.push_str("t "),
            None => {}
        }
        if entry.block.is_some() {
            let _ = writeln!(body, "{name}");
        }
        match entry.except {
            Except::None => {}
            Except::All => {
                let _ = writeln!(body, "x {name}");
            }
            Except::Scoped(i) => {
                let _ = writeln!(body, "s {name} {}", set.scopes[i as usize].join("|"));
            }
        }
    }
    let text = header(lists, &body) + &body;
    crate::lists::replace_file(path, text.as_bytes()).map_err(|source| AdsError::CacheWrite { path: path.to_path_buf(), source })
}

/// Reads a cache file; `expected` is the lists' key, or `None` to accept any lists.
fn read(path: &Path, expected: Option<u64>) -> Result<HostSet, AdsError> {
    let corrupt = |what| AdsError::CacheCorrupt { path: path.to_path_buf(), what };
    let text = std::fs::read_to_string(path).map_err(|source| AdsError::CacheRead { path: path.to_path_buf(), source })?;
    let mut lines = text.splitn(5, '\n');
    if lines.next() != Some(&format!("guichet-adblock-cache {CACHE_FORMAT}")) {
        return Err(corrupt("another format version"));
    }
    if lines.next() != Some(&format!("parser {PARSER}")) {
        return Err(corrupt("written by another version of the list parser"));
    }
    let lists = lines.next().and_then(|l| l.strip_prefix("lists ")).and_then(|h| u64::from_str_radix(h, 16).ok());
    let body_sum = lines.next().and_then(|l| l.strip_prefix("body ")).and_then(|h| u64::from_str_radix(h, 16).ok());
    let body = lines.next().unwrap_or("");
    let (Some(lists), Some(body_sum)) = (lists, body_sum) else { return Err(corrupt("no header")) };
    if expected.is_some_and(|key| key != lists) {
        return Err(corrupt("built from other lists"));
    }
    if xxh3_64(body.as_bytes()) != body_sum {
        return Err(corrupt("checksum mismatch"));
    }
    // The file has each name's lines together (written from sorted names): one entry each,
    // straight into the compact set, without a map of every name in between.
    let mut set = HostSetBuilder::default();
    let mut current: Option<(&str, Entry)> = None;
    let mut entries = Vec::with_capacity(body.len() / 24);
    for line in body.lines() {
        let (code, rest) = line.split_once(' ').ok_or_else(|| corrupt("an unreadable line"))?;
        let (name, sites) = match code {
            "s" => rest.split_once(' ').filter(|(_, sites)| !sites.is_empty()).ok_or_else(|| corrupt("an unreadable line"))?,
            "a" | "t" | "x" => (rest, ""),
            _ => return Err(corrupt("an unreadable line")),
        };
        if current.is_some_and(|(n, _)| n != name) {
            entries.extend(current.take());
        }
        let (_, entry) = current.get_or_insert((name, Entry::default()));
        match code {
            "a" => _ = entry.block.get_or_insert(Kind::Ad),
            "t" => _ = entry.block.get_or_insert(Kind::Tracker),
            "x" => set.except_on(entry, &[]),
            _ => set.except_on(entry, &sites.split('|').collect::<Vec<_>>()),
        }
    }
    entries.extend(current);
    Ok(set.build_from(entries))
}

#[cfg(test)]
mod tests {
    use super::super::ListKind;
    use super::*;

    fn open() -> super::super::OpenScopes {
        super::super::OpenScopes::default()
    }

    #[test]
    fn scoped_exceptions_survive_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("adblock.cache");
        let sources = lists(dir.path(), "||a.example^\n@@||a.example/x.js$domain=caf.fr|gouv.fr\n@@||b.a.example^\n");
        let built = load_or_compile(&sources, Some(&cache), true).unwrap();
        let read = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert!(read.from_cache);
        for set in [&built.set, &read.set] {
            assert!(set.lookup("a.example", &open()).is_some());
            assert!(set.lookup("a.example", &set.open_scopes(|s| s == "gouv.fr")).is_none());
            assert!(set.lookup("b.a.example", &open()).is_none());
        }
    }

    /// The set read back from the cache is the very set compiled from the lists: Debian's
    /// EasyList and EasyPrivacy where installed (a test dependency), else the fixtures.
    #[test]
    fn the_cache_gives_back_exactly_the_compiled_set() {
        let debian = [crate::config::DEFAULT_AD_LIST, crate::config::DEFAULT_TRACKER_LIST];
        let fixtures = [concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/adblock/easylist.txt"), concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/adblock/easyprivacy.txt")];
        let [ads, trackers] = if Path::new(debian[0]).exists() { debian } else { fixtures };
        let sources = vec![ListSource { path: ads.into(), kind: ListKind::Ads }, ListSource { path: trackers.into(), kind: ListKind::Trackers }];
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("adblock.cache");
        let compiled = compile_to(&sources, &cache).unwrap();
        assert!(compiled.count(Kind::Ad) > 0 && compiled.count(Kind::Tracker) > 0 && !compiled.scopes.is_empty());
        let back = read(&cache, None).unwrap();
        assert_eq!(back.hashes, compiled.hashes);
        // Scopes are numbered in another order; each name keeps the same sites.
        let sites = |set: &HostSet, entry: &Entry| match entry.except {
            Except::Scoped(i) => {
                let mut sites = set.scopes[i as usize].clone();
                sites.sort();
                Some(sites)
            }
            _ => None,
        };
        for (a, b) in compiled.entries.iter().zip(back.entries.iter()) {
            assert_eq!((a.block, std::mem::discriminant(&a.except)), (b.block, std::mem::discriminant(&b.except)));
            assert_eq!(sites(&compiled, a), sites(&back, b));
        }
    }

    fn lists(dir: &Path, ads: &str) -> Vec<ListSource> {
        let a = dir.join("easylist.txt");
        let t = dir.join("easyprivacy.txt");
        std::fs::write(&a, ads).unwrap();
        std::fs::write(&t, "||tracker.example^\n").unwrap();
        vec![ListSource { path: a, kind: ListKind::Ads }, ListSource { path: t, kind: ListKind::Trackers }]
    }

    #[test]
    fn the_cache_is_used_only_for_the_lists_it_was_built_from() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("adblock.cache");
        let sources = lists(dir.path(), "||ads.example^\n");
        let first = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert!(first.warning.is_none() && cache.exists());
        let second = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert!(second.from_cache);
        assert_eq!(second.set.lookup("ads.example", &open()).map(|h| h.kind), Some(Kind::Ad));
        assert_eq!(second.set.lookup("tracker.example", &open()).map(|h| h.kind), Some(Kind::Tracker));
        // The lists change: the cache is stale and rebuilt.
        let sources = lists(dir.path(), "||other.example^\n");
        let third = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert_eq!(third.set.lookup("ads.example", &open()), None);
        assert!(load_or_compile(&sources, Some(&cache), true).unwrap().from_cache);
    }

    #[test]
    fn a_damaged_cache_is_rebuilt_and_missing_lists_fall_back_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("adblock.cache");
        let sources = lists(dir.path(), "||ads.example^\n");
        compile_to(&sources, &cache).unwrap();
        let mut text = std::fs::read_to_string(&cache).unwrap();
        text = text.replace("ads.example", "ads.exampl3");
        std::fs::write(&cache, &text).unwrap();
        assert!(matches!(read(&cache, None), Err(AdsError::CacheCorrupt { what: "checksum mismatch", .. })));
        let rebuilt = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert!(rebuilt.set.lookup("ads.example", &open()).is_some());
        // The lists disappear: the cache this parser wrote still serves, with a warning.
        std::fs::remove_file(&sources[0].path).unwrap();
        let fallback = load_or_compile(&sources, Some(&cache), true).unwrap();
        assert!(fallback.from_cache && fallback.set.lookup("ads.example", &open()).is_some());
        assert!(matches!(fallback.warning, Some(AdsError::ListMissing { .. })));
        // Neither lists nor cache: an error the caller logs before running without ad blocking.
        std::fs::remove_file(&cache).unwrap();
        assert!(matches!(load_or_compile(&sources, Some(&cache), true), Err(AdsError::ListMissing { .. })));
    }
}
