//! The content-blocker JSON on disk, beside the host cache: one file per rule list and a manifest
//! naming them. Written only when the lists changed (the manifest holds the same key as the host
//! cache: parser version and the lists' checksums), each file by a new file renamed over the old,
//! the manifest last, so a reader sees either the old set or the new one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::cache::{lists_key, PARSER};
use super::content_rules::{convert, Conversion, KindReport, WEBKIT_MAX_RULES};
use super::extract::ListTexts;
use super::{AdsError, ListKind, ListSource};

/// Bumped whenever the JSON or the conversion changes.
pub const RULES_FORMAT: u32 = 1;

/// Where the content-filter files of one host cache live: `adblock.cache` gives
/// `adblock-ad.json`, `adblock-tracker.json`, `adblock-filters.manifest` and the WebKit store
/// `adblock-webkit` (a link to the folder WebKit compiled last) in the same folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterPaths {
    pub folder: PathBuf,
    pub stem: String,
}

impl FilterPaths {
    pub fn beside(cache: &Path) -> FilterPaths {
        let folder = cache.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        let stem = cache.file_stem().map_or_else(|| "adblock".into(), |s| s.to_string_lossy().into_owned());
        FilterPaths { folder, stem }
    }

    pub fn json(&self, id: &str) -> PathBuf {
        self.folder.join(format!("{}-{id}.json", self.stem))
    }

    pub fn manifest(&self) -> PathBuf {
        self.folder.join(format!("{}-filters.manifest", self.stem))
    }

    /// The store sessions load: a link to the current compiled folder.
    pub fn store(&self) -> PathBuf {
        self.folder.join(format!("{}-webkit", self.stem))
    }

    /// The compiler's temporary folder (its `TMPDIR`), beside the store. WebKit writes each
    /// list's compiled form to a temporary file first and leaves it behind when the compiler is
    /// stopped midway (the kiosk stopping at start): 6 to 13 MB each, in `/tmp` otherwise.
    pub fn scratch(&self) -> PathBuf {
        self.folder.join(format!("{}-compiler-tmp", self.stem))
    }

    /// [`FilterPaths::scratch`], emptied of what an earlier compilation left, for a new one.
    pub fn fresh_scratch(&self) -> std::io::Result<PathBuf> {
        let scratch = self.scratch();
        match std::fs::remove_dir_all(&scratch) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err),
        }
        std::fs::create_dir(&scratch)?;
        Ok(scratch)
    }

    /// WebKit's compiler of these filters, `guichet-session compile-filters` (`program`), with
    /// its temporary folder emptied first. `background`: as the supervisor's child (low
    /// priority, its outcome in the log).
    pub fn compiler(&self, program: &Path, config: Option<&Path>, background: bool) -> std::io::Result<std::process::Command> {
        let mut command = std::process::Command::new(program);
        command.arg("compile-filters").stdin(std::process::Stdio::null());
        if background {
            command.arg("--background");
        }
        if let Some(config) = config {
            command.arg("--config").arg(config);
        }
        command.env("TMPDIR", self.fresh_scratch()?);
        Ok(command)
    }

    /// Removes the compiler's temporary folder once it has stopped.
    pub fn clear_scratch(&self) {
        let _ = std::fs::remove_dir_all(self.scratch());
    }
}

/// One rule list as the manifest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    pub id: String,
    pub kind: ListKind,
    pub rules: usize,
    /// xxh3 of the JSON file.
    pub sum: u64,
}

/// The manifest: which lists these rules came from, and the rule lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub lists_key: u64,
    pub entries: Vec<ListEntry>,
    /// Per kind: lines kept, and lines dropped by reason (`redirect 6 regex 19 …`).
    pub reports: Vec<(ListKind, KindReport)>,
}

impl Manifest {
    fn to_text(&self) -> String {
        let mut text = format!("guichet-content-rules {RULES_FORMAT}\nparser {PARSER}\nlists {:016x}\n", self.lists_key);
        for e in &self.entries {
            let _ = writeln!(text, "list {} {} {} {:016x}", e.id, e.kind, e.rules, e.sum);
        }
        for (kind, report) in &self.reports {
            let _ = write!(text, "report {kind} {} {}", report.kept, report.rules);
            for (reason, n) in &report.dropped {
                let _ = write!(text, " {reason}={n}");
            }
            text.push('\n');
        }
        text
    }

    fn parse(text: &str, path: &Path) -> Result<Manifest, AdsError> {
        let corrupt = |what| AdsError::CacheCorrupt { path: path.to_path_buf(), what };
        let mut lines = text.lines();
        if lines.next() != Some(&format!("guichet-content-rules {RULES_FORMAT}")) {
            return Err(corrupt("another format version"));
        }
        if lines.next() != Some(&format!("parser {PARSER}")) {
            return Err(corrupt("written by another version of the list parser"));
        }
        let lists_key = lines.next().and_then(|l| l.strip_prefix("lists ")).and_then(|h| u64::from_str_radix(h, 16).ok()).ok_or(corrupt("no header"))?;
        let mut manifest = Manifest { lists_key, entries: Vec::new(), reports: Vec::new() };
        for line in lines {
            let fields: Vec<&str> = line.split(' ').collect();
            match fields[..] {
                ["list", id, kind, rules, sum] => manifest.entries.push(ListEntry {
                    id: valid_id(id).ok_or(corrupt("a bad list name"))?.to_string(),
                    kind: parse_kind(kind).ok_or(corrupt("an unknown kind"))?,
                    rules: rules.parse().map_err(|_| corrupt("a bad rule count"))?,
                    sum: u64::from_str_radix(sum, 16).map_err(|_| corrupt("a bad checksum"))?,
                }),
                ["report", kind, kept, rules, ref dropped @ ..] => {
                    let mut report = KindReport {
                        kept: kept.parse().map_err(|_| corrupt("a bad count"))?,
                        rules: rules.parse().map_err(|_| corrupt("a bad count"))?,
                        ..KindReport::default()
                    };
                    for item in dropped {
                        let (reason, n) = item.split_once('=').ok_or(corrupt("a bad count"))?;
                        // Reasons are a fixed set: keep ours, not the file's text.
                        let reason = super::content_rules::REASONS.iter().find(|r| **r == reason).ok_or(corrupt("an unknown reason"))?;
                        report.dropped.insert(reason, n.parse().map_err(|_| corrupt("a bad count"))?);
                    }
                    manifest.reports.push((parse_kind(kind).ok_or(corrupt("an unknown kind"))?, report));
                }
                _ => return Err(corrupt("an unreadable line")),
            }
        }
        if manifest.entries.is_empty() {
            return Err(corrupt("no rule list"));
        }
        Ok(manifest)
    }
}

fn parse_kind(text: &str) -> Option<ListKind> {
    match text {
        "ad" => Some(ListKind::Ads),
        "tracker" => Some(ListKind::Trackers),
        _ => None,
    }
}

/// A rule list's name: it becomes a file name in WebKit's store.
fn valid_id(id: &str) -> Option<&str> {
    (!id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')).then_some(id)
}

/// Files to write: (destination, bytes).
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// The files to write for these lists, the manifest last, and the manifest. `guichet lists update` stages them beside the files they replace.
pub fn rule_files(sources: &[ListSource], paths: &FilterPaths) -> Result<(Files, Manifest), AdsError> {
    let texts = ListTexts::read(sources)?;
    let (conversion, key) = convert_texts(&texts);
    Ok(files_for(&conversion, key, paths))
}

fn files_for(conversion: &Conversion, lists_key: u64, paths: &FilterPaths) -> (Files, Manifest) {
    let mut files = Vec::new();
    let mut manifest = Manifest { lists_key, entries: Vec::new(), reports: conversion.reports.clone() };
    for list in &conversion.lists {
        // Serializing our own plain types cannot fail.
        let json = serde_json::to_vec(&list.rules).unwrap_or_default();
        manifest.entries.push(ListEntry { id: list.id.clone(), kind: list.kind, rules: list.rules.len(), sum: xxh3_64(&json) });
        files.push((paths.json(&list.id), json));
    }
    files.push((paths.manifest(), manifest.to_text().into_bytes()));
    (files, manifest)
}

/// Converts the lists (read as texts) for WebKit.
pub fn convert_texts(texts: &ListTexts) -> (Conversion, u64) {
    let borrowed: Vec<(ListKind, &str)> = texts.texts.iter().map(|(kind, text)| (*kind, text.as_str())).collect();
    (convert(&borrowed, WEBKIT_MAX_RULES), lists_key(texts))
}

/// What [`write_rules`] did.
#[derive(Debug, Clone)]
pub struct RulesOutcome {
    pub manifest: Manifest,
    /// False when the files on disk were already those of these lists.
    pub written: bool,
}

/// Converts the lists and writes the JSON and manifest beside the host cache, unless they are
/// already those of these lists (`force`: whatever they are).
pub fn write_rules(sources: &[ListSource], paths: &FilterPaths, force: bool) -> Result<RulesOutcome, AdsError> {
    let texts = ListTexts::read(sources)?;
    let key = lists_key(&texts);
    if !force {
        if let Ok((manifest, _)) = read_manifest(paths) {
            if manifest.lists_key == key && manifest.entries.iter().all(|e| json_intact(paths, e)) {
                return Ok(RulesOutcome { manifest, written: false });
            }
        }
    }
    let (conversion, key) = convert_texts(&texts);
    let (files, manifest) = files_for(&conversion, key, paths);
    for (path, bytes) in &files {
        crate::lists::replace_file(path, bytes).map_err(|source| AdsError::CacheWrite { path: path.clone(), source })?;
    }
    Ok(RulesOutcome { manifest, written: true })
}

fn json_intact(paths: &FilterPaths, entry: &ListEntry) -> bool {
    std::fs::read(paths.json(&entry.id)).is_ok_and(|bytes| xxh3_64(&bytes) == entry.sum)
}

/// The manifest and the checksum of its text (what a compiled store records).
pub fn read_manifest(paths: &FilterPaths) -> Result<(Manifest, u64), AdsError> {
    let path = paths.manifest();
    let text = std::fs::read_to_string(&path).map_err(|source| AdsError::CacheRead { path: path.clone(), source })?;
    Ok((Manifest::parse(&text, &path)?, xxh3_64(text.as_bytes())))
}

/// One rule list's JSON, checked against the manifest.
pub fn read_json(paths: &FilterPaths, entry: &ListEntry) -> Result<Vec<u8>, AdsError> {
    let path = paths.json(&entry.id);
    let bytes = std::fs::read(&path).map_err(|source| AdsError::CacheRead { path: path.clone(), source })?;
    if xxh3_64(&bytes) != entry.sum {
        return Err(AdsError::CacheCorrupt { path, what: "checksum mismatch" });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compiler's temporary folder is emptied before each compilation and is not one of
    /// the compiled folders that pruning removes.
    #[test]
    fn the_compilers_temporary_folder_starts_empty_and_is_not_a_store() {
        let dir = tempfile::tempdir().unwrap();
        let paths = FilterPaths::beside(&dir.path().join("adblock.cache"));
        let scratch = paths.fresh_scratch().unwrap();
        std::fs::write(scratch.join("ContentRuleList-left"), b"cut short").unwrap();
        assert_eq!(paths.fresh_scratch().unwrap(), scratch);
        assert_eq!(std::fs::read_dir(&scratch).unwrap().count(), 0);
        let store = paths.store();
        assert!(!scratch.file_name().unwrap().to_string_lossy().starts_with(&format!("{}.", store.file_name().unwrap().to_string_lossy())));
        paths.clear_scratch();
        assert!(!scratch.exists());
    }

    fn sources(dir: &Path, ads: &str) -> Vec<ListSource> {
        let a = dir.join("easylist.txt");
        let t = dir.join("easyprivacy.txt");
        std::fs::write(&a, ads).unwrap();
        std::fs::write(&t, "||tracker.example^\n@@||caf.fr^*/smarttag.js$script,~third-party\n").unwrap();
        vec![ListSource { path: a, kind: ListKind::Ads }, ListSource { path: t, kind: ListKind::Trackers }]
    }

    #[test]
    fn rules_are_written_once_per_lists_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let paths = FilterPaths::beside(&dir.path().join("adblock.cache"));
        assert_eq!(paths.json("ad"), dir.path().join("adblock-ad.json"));
        let sources = sources(dir.path(), "||ads.example^\n/pub/*$image\n##.pub\n");
        let first = write_rules(&sources, &paths, false).unwrap();
        assert!(first.written);
        assert_eq!(first.manifest.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["ad", "tracker"]);
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(paths.json("ad")).unwrap()).unwrap();
        assert_eq!(json.as_array().unwrap().len(), first.manifest.entries[0].rules);
        // Unchanged lists: nothing rewritten.
        let modified = std::fs::metadata(paths.manifest()).unwrap().modified().unwrap();
        let second = write_rules(&sources, &paths, false).unwrap();
        assert!(!second.written);
        assert_eq!(second.manifest, first.manifest);
        assert_eq!(std::fs::metadata(paths.manifest()).unwrap().modified().unwrap(), modified);
        // A damaged JSON file is rewritten; changed lists too.
        std::fs::write(paths.json("tracker"), b"[]").unwrap();
        assert!(read_json(&paths, &first.manifest.entries[1]).is_err());
        assert!(write_rules(&sources, &paths, false).unwrap().written);
        assert!(read_json(&paths, &first.manifest.entries[1]).is_ok());
        let sources = super::tests::sources(dir.path(), "||other.example^\n");
        let third = write_rules(&sources, &paths, false).unwrap();
        assert!(third.written && third.manifest.lists_key != first.manifest.lists_key);
        assert_eq!(third.manifest.reports[0].1.kept, 1);
    }

    #[test]
    fn a_damaged_manifest_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let paths = FilterPaths::beside(&dir.path().join("adblock.cache"));
        write_rules(&sources(dir.path(), "||ads.example^\n"), &paths, false).unwrap();
        let text = std::fs::read_to_string(paths.manifest()).unwrap();
        for bad in [text.replace("list ad ", "list ../x "), text.replace("parser ", "parser x"), text.replace(" tracker ", " other ")] {
            std::fs::write(paths.manifest(), bad).unwrap();
            assert!(matches!(read_manifest(&paths), Err(AdsError::CacheCorrupt { .. })));
        }
    }
}
