//! `guichet lists update`: fresh UT1 and EasyList sources without ever breaking a kiosk. Every
//! source is fetched, checked and compiled beside the files in use; only when all of them
//! succeeded are the new files renamed over the old ones. Any failure leaves the files in use
//! exactly as they were, removes what was staged, and is recorded in the state file.

mod archive;
mod fetch;
mod health;
mod state;

use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use url::Url;

use crate::ads::{self, ListKind};
use crate::config::{Config, PolicyKind};
use crate::lists::{CategoryLists, CompileSummary};
pub use archive::{ArchiveError, UnpackLimits};
pub use fetch::PublicKey;
pub use health::ListsHealth;
pub use state::{Outcome, Reason, UpdateState};

/// Names of everything an update stages start with this, so that a run interrupted by a power
/// cut is cleaned up by the next one.
const STAGING_PREFIX: &str = ".guichet-update-";

pub const DEFAULT_STATE_FILE: &str = "/var/lib/guichet/lists/update-state.json";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10 * 60);
/// UT1's archive is tens of megabytes; anything under a megabyte is a truncated or error page.
pub const DEFAULT_UT1_SIZE: SizeBounds = SizeBounds { min: 1 << 20, max: 200 << 20 };
/// EasyList and EasyPrivacy are 1–2 MB each.
pub const DEFAULT_LIST_SIZE: SizeBounds = SizeBounds { min: 100 << 10, max: 20 << 20 };
pub const DEFAULT_UNPACK: UnpackLimits = UnpackLimits { max_bytes: 1 << 30, max_entries: 20_000 };

/// Which list a source replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// The UT1 archive, compiled into `[filter] lists`.
    Categories,
    /// EasyList, written to the one file of `[adblock] ad_lists`.
    Ads,
    /// EasyPrivacy, written to the one file of `[adblock] tracker_lists`.
    Trackers,
}

impl SourceKind {
    /// The key of `[updates]` that names it.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Categories => "ut1",
            SourceKind::Ads => "easylist",
            SourceKind::Trackers => "easyprivacy",
        }
    }
}

/// One configured source and the file it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    pub url: Url,
    pub destination: PathBuf,
}

/// Smallest and largest acceptable download, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeBounds {
    pub min: u64,
    pub max: u64,
}

/// `[updates]` as validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// In the order they are fetched: UT1, EasyList, EasyPrivacy. Empty: nothing to update.
    pub sources: Vec<Source>,
    /// With a key, every source needs a valid signature at its address + `.sig`.
    pub public_key: Option<PublicKey>,
    /// For each download, from connecting to the last byte.
    pub timeout: Duration,
    pub ut1_size: SizeBounds,
    pub list_size: SizeBounds,
    pub unpack: UnpackLimits,
    pub state_file: PathBuf,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sources: Vec::new(),
            public_key: None,
            timeout: DEFAULT_TIMEOUT,
            ut1_size: DEFAULT_UT1_SIZE,
            list_size: DEFAULT_LIST_SIZE,
            unpack: DEFAULT_UNPACK,
            state_file: PathBuf::from(DEFAULT_STATE_FILE),
        }
    }
}

/// Why an update did not replace the lists. The lists in use are untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("another `guichet lists update` is running (it holds {})", path.display())]
    Busy { path: PathBuf },
    #[error("{url}: {what}")]
    Download { url: String, what: String },
    #[error("{url}: {size} bytes, fewer than the {min} expected (a cut download or an error page?)")]
    TooSmall { url: String, size: u64, min: u64 },
    #[error("{url}: more than the {max} bytes allowed")]
    TooLarge { url: String, max: u64 },
    #[error("{url}: {what}")]
    Signature { url: String, what: String },
    #[error("{url}: {source}")]
    Archive { url: String, source: ArchiveError },
    #[error("{url}: {what}")]
    Format { url: String, what: String },
    /// The filter lists passed their own checks but the ad-blocking compiler refused them.
    #[error("{0}")]
    AdblockLists(String),
    #[error("{}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

impl UpdateError {
    /// The fixed code the state file and the metrics give this failure; `None` for a run that
    /// did not start because another one holds the lock (that one records its own result).
    pub fn reason(&self) -> Option<Reason> {
        Some(match self {
            UpdateError::Busy { .. } => return None,
            UpdateError::Download { .. } => Reason::Download,
            UpdateError::TooSmall { .. } | UpdateError::TooLarge { .. } => Reason::Size,
            UpdateError::Signature { .. } => Reason::Signature,
            UpdateError::Archive { source: ArchiveError::Write { .. }, .. } | UpdateError::Write { .. } => Reason::Write,
            UpdateError::Archive { .. } => Reason::Archive,
            UpdateError::Format { .. } | UpdateError::AdblockLists(_) => Reason::Format,
        })
    }
}

/// What a successful update swapped in.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The new category lists, and where.
    pub categories: Option<(PathBuf, CompileSummary)>,
    /// The new ad-blocking cache (ad hosts, tracker hosts), and where.
    pub adblock: Option<(PathBuf, usize, usize)>,
    /// The new content rules (their manifest's path and contents); the kiosk has WebKit compile
    /// them before its next session.
    pub content_rules: Option<(PathBuf, ads::Manifest)>,
    /// Each replaced file and the bytes downloaded for it.
    pub downloaded: Vec<(SourceKind, u64)>,
}

/// The update's result, and whether the state file could record it.
#[derive(Debug)]
pub struct Report {
    pub result: Result<Summary, UpdateError>,
    pub state: Result<(), (PathBuf, io::Error)>,
}

/// Runs one update with `config`'s `[updates]`, at `now` (for the state file). The caller checks
/// that some source is configured.
pub fn update(config: &Config, now: SystemTime) -> Report {
    let settings = &config.updates;
    let result = match Lock::take(&settings.state_file) {
        Ok(_lock) => run(config, settings),
        Err(err) => Err(err),
    };
    // A run that found another one running records nothing: that one records its own result.
    let state = match result.as_ref().err().map(UpdateError::reason) {
        Some(None) => Ok(()),
        _ => record(&settings.state_file, &result, now),
    };
    Report { result, state }
}

fn run(config: &Config, settings: &Settings) -> Result<Summary, UpdateError> {
    let mut staged = Staged::default();
    for folder in settings.sources.iter().map(|s| &s.destination).chain([&config.adblock_cache]) {
        remove_leftovers(folder_of(folder));
    }
    let mut summary = Summary::default();
    // (kind, staged copy, its source's address)
    let mut new_filter_lists: Vec<(ListKind, PathBuf, &Url)> = Vec::new();
    for source in &settings.sources {
        let bounds = if source.kind == SourceKind::Categories { settings.ut1_size } else { settings.list_size };
        let data = fetch::fetch(&source.url, bounds, settings.timeout)?;
        if let Some(key) = &settings.public_key {
            let signature_url = fetch::signature_url(&source.url);
            let signature = fetch::fetch(&signature_url, SizeBounds { min: 0, max: 1024 }, settings.timeout).map_err(|err| UpdateError::Signature {
                url: source.url.to_string(),
                what: format!("no signature: `[updates] public_key` is set, so each source needs its signature beside it ({err})"),
            })?;
            key.verify(&data, &signature, &source.url)?;
        }
        summary.downloaded.push((source.kind, data.len() as u64));
        match source.kind {
            SourceKind::Categories => {
                let compiled = stage_categories(config, settings, source, &data, &mut staged)?;
                summary.categories = Some((source.destination.clone(), compiled));
            }
            SourceKind::Ads | SourceKind::Trackers => {
                check_filter_list(&data, &source.url)?;
                let path = staged.file(&source.destination, &data)?;
                new_filter_lists.push((if source.kind == SourceKind::Ads { ListKind::Ads } else { ListKind::Trackers }, path, &source.url));
            }
        }
    }
    if !new_filter_lists.is_empty() {
        // The cache is keyed by the lists' texts, so one built from the staged copies is the
        // one sessions will find valid once the copies are renamed into place.
        let sources: Vec<ads::ListSource> = config
            .adblock_lists
            .iter()
            .map(|list| match new_filter_lists.iter().find(|(kind, _, _)| *kind == list.kind) {
                Some((kind, path, _)) => ads::ListSource { path: path.clone(), kind: *kind },
                None => list.clone(),
            })
            .collect();
        let cache = staged.name(&config.adblock_cache)?;
        let set = ads::compile_to(&sources, &cache).map_err(|err| match err {
            ads::AdsError::CacheWrite { path, source } => UpdateError::Write { path, source },
            // Name the source, not the staged copy that is about to be removed.
            other => UpdateError::AdblockLists(
                new_filter_lists.iter().fold(other.to_string(), |text, (_, path, url)| text.replace(&path.display().to_string(), url.as_str())),
            ),
        })?;
        summary.adblock = Some((config.adblock_cache.clone(), set.count(ads::Kind::Ad), set.count(ads::Kind::Tracker)));
        // The content rules, from the same staged lists, swapped in with them (manifest last).
        if let Some(paths) = config.content_filter_paths() {
            let (files, manifest) = ads::rule_files(&sources, &paths).map_err(|err| UpdateError::AdblockLists(err.to_string()))?;
            for (destination, bytes) in &files {
                staged.file(destination, bytes)?;
            }
            summary.content_rules = Some((paths.manifest(), manifest));
        }
    }
    staged.commit()?;
    Ok(summary)
}

/// Unpacks, compiles and checks the UT1 archive; the compiled file is staged beside the one in
/// use. Refused: lists in which a category a mode of this machine blocks is missing (the kiosk
/// would then refuse its configuration), or with no host at all.
fn stage_categories(config: &Config, settings: &Settings, source: &Source, data: &[u8], staged: &mut Staged) -> Result<CompileSummary, UpdateError> {
    let url = source.url.to_string();
    let folder = staged.folder(&source.destination)?;
    archive::unpack(data, &folder, settings.unpack).map_err(|source| UpdateError::Archive { url: url.clone(), source })?;
    let output = staged.name(&source.destination)?;
    let compiled = crate::lists::compile(&folder, &output).map_err(|err| match err {
        crate::lists::ListsError::Write { path, source } => UpdateError::Write { path, source },
        // Name the file inside the archive, not the staging folder that is about to go.
        other => UpdateError::Format { url: url.clone(), what: other.to_string().replace(&format!("{}/", folder.display()), "") },
    })?;
    let lists = CategoryLists::open(&output).map_err(|err| UpdateError::Format { url: url.clone(), what: err.to_string() })?;
    if lists.domain_count() == 0 {
        return Err(UpdateError::Format { url, what: "the lists name no host at all: expected UT1's `domains` files".into() });
    }
    for mode in &config.modes {
        let settings = &config.mode_settings[*mode as usize];
        if settings.kind != PolicyKind::FilteredWeb {
            continue;
        }
        if let Some((missing, _)) = settings.categories.iter().find(|(name, _)| lists.resolve(name).is_none()) {
            return Err(UpdateError::Format {
                url,
                what: format!("the new lists have no category {missing:?}, which mode `{mode}` blocks: they would leave this kiosk unable to start that mode"),
            });
        }
    }
    Ok(compiled)
}

/// An Adblock Plus filter list starts with its header line (`[Adblock Plus 2.0]`): an error page
/// or a captive portal's login page does not.
fn check_filter_list(data: &[u8], url: &Url) -> Result<(), UpdateError> {
    let format = |what: String| UpdateError::Format { url: url.to_string(), what };
    let text = std::str::from_utf8(data).map_err(|_| format("not UTF-8 text: expected an Adblock Plus filter list".into()))?;
    let first = text.strip_prefix('\u{feff}').unwrap_or(text).lines().next().unwrap_or_default().trim();
    if first.starts_with("[Adblock Plus") && first.ends_with(']') {
        return Ok(());
    }
    let shown: String = first.chars().take(60).collect();
    Err(format(format!("the first line is {shown:?}: expected an Adblock Plus filter list, whose first line is such as \"[Adblock Plus 2.0]\"")))
}

/// Writes the state file: the attempt, its result, and the last success (kept from the previous
/// state when this attempt failed).
fn record(path: &Path, result: &Result<Summary, UpdateError>, now: SystemTime) -> Result<(), (PathBuf, io::Error)> {
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let previous = UpdateState::read(path).ok().flatten().and_then(|s| s.last_success);
    let state = match result {
        Ok(_) => UpdateState { last_attempt: now, last_success: Some(now), result: Outcome::Ok, reason: None, message: None },
        Err(err) => UpdateState {
            last_attempt: now,
            last_success: previous,
            result: Outcome::Failed,
            reason: err.reason(),
            message: Some(err.to_string()),
        },
    };
    state.write(path).map_err(|err| (path.to_path_buf(), err))
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Removes what an interrupted update staged. Called with the lock held, so nothing else is
/// using these names.
fn remove_leftovers(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        // `contains`: the compilers' own `.NAME.PID.partial` files around a staged name too.
        if !entry.file_name().to_string_lossy().contains(STAGING_PREFIX) {
            continue;
        }
        let path = entry.path();
        let _ = match entry.file_type() {
            Ok(kind) if kind.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
    }
}

/// New files waiting beside the ones they replace, and scratch folders. Dropped without
/// [`Staged::commit`], it removes them all.
#[derive(Default)]
struct Staged {
    /// (staged file, file it replaces), renamed in this order.
    files: Vec<(PathBuf, PathBuf)>,
    scratch: Vec<PathBuf>,
}

impl Staged {
    /// A staging name beside `destination`, on the same file system so that the final rename is
    /// atomic. The caller writes it.
    fn name(&mut self, destination: &Path) -> Result<PathBuf, UpdateError> {
        let folder = folder_of(destination);
        fs::create_dir_all(folder).map_err(|source| UpdateError::Write { path: folder.to_path_buf(), source })?;
        let name = destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let staged = folder.join(format!("{STAGING_PREFIX}{}-{name}", std::process::id()));
        self.files.push((staged.clone(), destination.to_path_buf()));
        Ok(staged)
    }

    /// `bytes` written and flushed to a staged file beside `destination`.
    fn file(&mut self, destination: &Path, bytes: &[u8]) -> Result<PathBuf, UpdateError> {
        let staged = self.name(destination)?;
        let write = || -> io::Result<()> {
            let mut file = File::create(&staged)?;
            file.write_all(bytes)?;
            file.sync_all()
        };
        write().map_err(|source| UpdateError::Write { path: staged.clone(), source })?;
        Ok(staged)
    }

    /// An empty scratch folder beside `destination` (the unpacked archive), removed in the end.
    fn folder(&mut self, destination: &Path) -> Result<PathBuf, UpdateError> {
        let parent = folder_of(destination);
        fs::create_dir_all(parent).map_err(|source| UpdateError::Write { path: parent.to_path_buf(), source })?;
        let folder = parent.join(format!("{STAGING_PREFIX}{}-unpacked", std::process::id()));
        fs::create_dir(&folder).map_err(|source| UpdateError::Write { path: folder.clone(), source })?;
        self.scratch.push(folder.clone());
        Ok(folder)
    }

    /// Renames every staged file over the one it replaces, flushing each folder. Each file is
    /// whole at every instant: a running kiosk keeps the one it opened, new sessions get the new
    /// one. (Should a rename fail after another succeeded, which takes a file system gone bad
    /// in between, the files already renamed stay new; each is complete and consistent alone,
    /// the ad-blocking cache being checked against the lists' texts.)
    fn commit(mut self) -> Result<(), UpdateError> {
        for (staged, destination) in std::mem::take(&mut self.files) {
            fs::rename(&staged, &destination).map_err(|source| UpdateError::Write { path: destination.clone(), source })?;
            let folder = folder_of(&destination);
            File::open(folder).and_then(|f| f.sync_all()).map_err(|source| UpdateError::Write { path: folder.to_path_buf(), source })?;
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for (staged, _) in &self.files {
            let _ = fs::remove_file(staged);
        }
        for folder in &self.scratch {
            let _ = fs::remove_dir_all(folder);
        }
    }
}

/// One update at a time: an exclusive `flock` on `<state file>.lock`, released when the file
/// is closed, on drop (or when the process dies).
struct Lock {
    _held: File,
}

impl Lock {
    fn take(state_file: &Path) -> Result<Lock, UpdateError> {
        let mut name = state_file.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let folder = folder_of(&path);
        fs::create_dir_all(folder).map_err(|source| UpdateError::Write { path: folder.to_path_buf(), source })?;
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| UpdateError::Write { path: path.clone(), source })?;
        // SAFETY: flock on a descriptor this function owns; it does not touch memory.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let err = io::Error::last_os_error();
            return Err(match err.raw_os_error() {
                Some(libc::EWOULDBLOCK) => UpdateError::Busy { path },
                _ => UpdateError::Write { path, source: err },
            });
        }
        Ok(Lock { _held: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_lists_need_their_header() {
        let url = Url::parse("https://easylist.to/easylist/easylist.txt").unwrap();
        assert!(check_filter_list(b"[Adblock Plus 2.0]\n! Title: EasyList\n||ads.example^\n", &url).is_ok());
        assert!(check_filter_list("\u{feff}[Adblock Plus 1.1]\r\n||t.example^".as_bytes(), &url).is_ok());
        let page = check_filter_list(b"<!DOCTYPE html><html><body>Portail captif</body></html>", &url).unwrap_err();
        assert_eq!(page.reason(), Some(Reason::Format));
        assert!(page.to_string().contains("\"<!DOCTYPE html><html><body>Portail captif</body></html>\""), "{page}");
        assert!(check_filter_list(&[0xff, 0xfe, 0x00], &url).is_err());
    }

    #[test]
    fn a_second_update_waits_for_none() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.json");
        let first = Lock::take(&state).unwrap();
        assert!(matches!(Lock::take(&state), Err(UpdateError::Busy { .. })));
        drop(first);
        assert!(Lock::take(&state).is_ok());
    }
}
