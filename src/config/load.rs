//! Loads a configuration and what it points at: the allowlists and category lists compiled into
//! a policy, the ad and tracker lists, the démarche catalogue. Every file's errors are
//! gathered before anything is refused, so that staff see them all at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Config, ConfigError, ListSource, Loaded, PolicyKind, DEFAULT_NAME, DEFAULT_TEXT, SYSTEM_PATH};
use crate::ads::{self, HostSet};
use crate::catalog::Catalog;
use crate::embedded;
use crate::lists::{CategoryLists, CategorySet, ListsError};
use crate::i18n::staff::Message;
use crate::policy::{Filtering, Mode, ModePolicy, Policy, PublicSuffixes};
use crate::log;
use crate::source::{io_reason, Located, Location, SourceFile};
use crate::staff;

impl Config {
    /// `--config FILE` if given; else [`SYSTEM_PATH`] if it exists; else the built-in default.
    pub fn locate_and_load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let (file, base) = located(explicit)?;
        Config::parse(&file, &base)
    }

    pub fn builtin() -> Result<Config, ConfigError> {
        let (file, base) = builtin_source();
        Config::parse(&file, &base)
    }

    pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
        let file = SourceFile::read(path)?;
        Config::parse(&file, base_of(path))
    }

    /// The configuration, the allowlists and démarches it names: every error of every file,
    /// or all three valid. `--config FILE` if given; else [`SYSTEM_PATH`] if it exists; else
    /// the built-in default.
    pub fn locate_and_load_all(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
        let (file, base) = located(explicit)?;
        Config::load_all(&file, &base)
    }

    /// [`Config::locate_and_load_all`] for a text already read. Errors in the configuration
    /// do not stop the check of the files it names: where a value is wrong, the default stands
    /// in for it while the rest is checked (and nothing is returned).
    pub fn load_all(file: &SourceFile, base: &Path) -> Result<Loaded, ConfigError> {
        let (config, mut errors) = Config::draft(file, base);
        let policy = config.load_policy().map_err(|e| errors.extend(e.errors)).ok();
        let mut start_pages_unchecked = false;
        let catalog = match &policy {
            Some(policy) => config.load_catalog(policy).map_err(|e| errors.extend(e.errors)).ok(),
            None => {
                let (files, mut read_errors) = config.catalog_files();
                read_errors.extend(Catalog::check_without_policy(&files, config.offered()));
                errors.extend(read_errors);
                start_pages_unchecked = true;
                None
            }
        };
        match (policy, catalog) {
            (Some(policy), Some(catalog)) if errors.is_empty() => Ok(Loaded { config, policy, catalog }),
            _ => Err(ConfigError { errors, start_pages_unchecked }),
        }
    }

    /// Reads every list the configuration names and compiles the policy.
    pub fn load_policy(&self) -> Result<Policy, ConfigError> {
        let mut errors = Vec::new();
        let suffixes = match &self.public_suffix_list {
            None => PublicSuffixes::bundled()?,
            Some(path) => match SourceFile::read(path).and_then(|file| PublicSuffixes::parse(&file)) {
                Ok(suffixes) => suffixes,
                Err(error) => {
                    // The lists are still checked, against the bundled copy, for their own errors.
                    errors.push(error);
                    PublicSuffixes::bundled()?
                }
            },
        };
        let mut files = Vec::new();
        for source in &self.allowlists {
            match source {
                ListSource::Builtin => {
                    files.extend(embedded::ALLOWLISTS.iter().map(|(name, text)| SourceFile::new(*name, *text)))
                }
                ListSource::Path { path, declared_at } => match toml_files(path, FolderKind::Allowlists) {
                    Ok(paths) => read_files(&paths, &mut files, &mut errors),
                    Err(message) => errors.push(Located::whole_file(declared_at.clone(), message)),
                },
            }
        }
        // Every list that could be read is checked, even when another could not.
        let policy = Policy::build(&files, suffixes).map_err(|e| errors.extend(e)).ok();
        let policy = match policy {
            Some(policy) if errors.is_empty() => policy,
            _ => return Err(ConfigError::from(errors)),
        };
        Ok(policy.with_filtering(self.filtering()?).with_ads(self.load_ads(false)))
    }

    /// The ad and tracker hosts. Never an error: without usable lists the kiosk runs without
    /// ad blocking (allowlists and categories still apply) and says so in the log. With
    /// `write_cache`, a missing or stale cache file is rewritten (`guichet run` does this).
    pub fn load_ads(&self, write_cache: bool) -> Arc<HostSet> {
        if self.adblock_lists.is_empty() {
            return HostSet::empty();
        }
        match ads::load_or_compile(&self.adblock_lists, Some(&self.adblock_cache), write_cache) {
            Ok(loaded) => {
                if let Some(warning) = &loaded.warning {
                    log::event("adblock", format_args!("{warning}"));
                }
                if !loaded.from_cache && !write_cache {
                    log::event("adblock", format_args!(
                        "{} is missing or stale: compiled the lists in memory; run `guichet lists compile-adblock`",
                        self.adblock_cache.display()
                    ));
                }
                loaded.set
            }
            Err(err) => {
                log::event("adblock", format_args!("ad and tracker blocking is off: {err}"));
                HostSet::empty()
            }
        }
    }

    /// Writes the content rules beside the cache when the lists changed (`guichet run`, before
    /// the supervisor has WebKit compile them). A failure is logged: sessions keep the filters
    /// compiled before, if any, and the proxy's host blocking in any case.
    pub fn write_content_rules(&self) {
        let Some(paths) = self.content_filter_paths() else { return };
        let started = std::time::Instant::now();
        match ads::write_rules(&self.adblock_lists, &paths, false) {
            Ok(outcome) if outcome.written => log::event(
                "adblock",
                format_args!("content rules written in {} ms: {}", started.elapsed().as_millis(), crate::cli::filters::summary(&outcome.manifest)),
            ),
            Ok(_) => {}
            Err(err) => log::event("adblock", format_args!("content rules not written: {err}; sessions keep the filters compiled before, if any")),
        }
    }

    /// Loads the category lists (a failure is kept, not returned: it makes the modes that need
    /// them unavailable) and resolves each filtered-web mode's categories. An unknown category
    /// in a mode the machine offers is an error at its line.
    fn filtering(&self) -> Result<Filtering, ConfigError> {
        let lists = match &self.category_lists {
            Some((path, _)) => CategoryLists::open(path).map(Arc::new),
            None => Err(ListsError::NotConfigured),
        };
        let mut filtering = Filtering::new(lists);
        let mut errors = Vec::new();
        for mode in Mode::ALL {
            let settings = &self.mode_settings[mode as usize];
            let policy = match settings.kind {
                PolicyKind::Allowlist => ModePolicy::Allowlist,
                PolicyKind::FilteredWeb => {
                    let mut blocked = CategorySet::EMPTY;
                    if let (Ok(lists), Some((path, _))) = (filtering.lists(), &self.category_lists) {
                        for (name, location) in &settings.categories {
                            match lists.resolve(name) {
                                Some(id) => blocked = blocked.with(id),
                                None if !self.modes.contains(&mode) => {}
                                None => errors.push(unknown_category(mode, name, location.as_ref(), path, lists)),
                            }
                        }
                    }
                    ModePolicy::FilteredWeb { blocked }
                }
            };
            filtering.set(mode, policy);
        }
        if errors.is_empty() { Ok(filtering) } else { Err(ConfigError::from(errors)) }
    }

    /// Reads the shipped démarches and the staff's folder, and validates them all against the
    /// policy (a start page it would refuse is an error).
    pub fn load_catalog(&self, policy: &Policy) -> Result<Catalog, ConfigError> {
        let (files, mut errors) = self.catalog_files();
        match Catalog::build(&files, policy, self.offered()) {
            Ok(catalog) if errors.is_empty() => Ok(catalog),
            Ok(_) => Err(ConfigError::from(errors)),
            Err(build_errors) => {
                errors.extend(build_errors);
                Err(ConfigError::from(errors))
            }
        }
    }

    /// The shipped démarche files and those of the staff's folder that could be read, and
    /// why the others could not.
    fn catalog_files(&self) -> (Vec<SourceFile>, Vec<Located>) {
        let mut files = Catalog::builtin_files();
        let mut errors = Vec::new();
        if let Some((folder, declared_at)) = &self.demarches_folder {
            match toml_files(folder, FolderKind::Demarches) {
                Ok(paths) => read_files(&paths, &mut files, &mut errors),
                Err(message) => errors.push(Located::whole_file(declared_at.clone(), message)),
            }
        }
        (files, errors)
    }

    /// The modes this machine offers, as a set.
    fn offered(&self) -> crate::policy::ModeSet {
        crate::policy::ModeSet::from_modes(self.modes.iter().copied())
    }
}

/// The configuration's text and the folder its relative paths are taken from: `--config FILE`
/// if given; else [`SYSTEM_PATH`] if it exists; else the built-in default.
fn located(explicit: Option<&Path>) -> Result<(SourceFile, PathBuf), ConfigError> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => Some(PathBuf::from(SYSTEM_PATH)).filter(|p| p.exists()),
    };
    Ok(match path {
        Some(path) => (SourceFile::read(&path)?, base_of(&path).to_path_buf()),
        None => builtin_source(),
    })
}

/// The built-in default configuration; its relative paths are taken from the working folder.
fn builtin_source() -> (SourceFile, PathBuf) {
    (SourceFile::new(DEFAULT_NAME, DEFAULT_TEXT), PathBuf::from("."))
}

/// The folder of a configuration file, against which its relative paths are taken.
fn base_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn unknown_category(mode: Mode, name: &str, location: Option<&Location>, lists_path: &Path, lists: &CategoryLists) -> Located {
    let mut known: Vec<&str> = lists.categories().iter().map(|c| c.name.as_str()).collect();
    known.sort_unstable();
    match location {
        Some(location) => Located {
            location: location.clone(),
            message: staff!(
                "config-unknown-category",
                name = format!("{name:?}"),
                path = lists_path.display().to_string(),
                known = known.join(", ")
            ),
        },
        None => Located::whole_file(
            lists_path.display().to_string(),
            staff!("config-default-category-missing", name = format!("{name:?}"), mode = mode.as_str()),
        ),
    }
}

/// Reads each file, keeping every error rather than stopping at the first.
fn read_files(paths: &[PathBuf], files: &mut Vec<SourceFile>, errors: &mut Vec<Located>) {
    for path in paths {
        match SourceFile::read(path) {
            Ok(file) => files.push(file),
            Err(err) => errors.push(err),
        }
    }
}

/// What a path named in the configuration holds, for its errors.
#[derive(Clone, Copy)]
enum FolderKind {
    Allowlists,
    Demarches,
}

impl FolderKind {
    fn unreadable(self, path: &Path, err: &std::io::Error) -> Message {
        let path = path.display().to_string();
        match self {
            FolderKind::Allowlists => staff!("config-allowlist-unreadable", path = path, reason = io_reason(err)),
            FolderKind::Demarches => staff!("config-demarches-unreadable", path = path, reason = io_reason(err)),
        }
    }

    fn empty(self, path: &Path) -> Message {
        let path = path.display().to_string();
        match self {
            FolderKind::Allowlists => staff!("config-allowlist-folder-empty", path = path),
            FolderKind::Demarches => staff!("config-demarches-folder-empty", path = path),
        }
    }
}

/// A path names one file, or a folder of `*.toml` files.
fn toml_files(path: &Path, kind: FolderKind) -> Result<Vec<PathBuf>, Message> {
    let meta = std::fs::metadata(path).map_err(|e| kind.unreadable(path, &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| kind.unreadable(path, &e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(kind.empty(path));
    }
    Ok(files)
}
