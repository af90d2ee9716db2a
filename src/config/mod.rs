//! The kiosk's one configuration file: read as typed, then validated into types that cannot
//! hold a bad value. Any error refuses the whole file; nothing falls back to a default silently.

mod printing;
mod raw;
mod updates;
mod validate;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;


pub use printing::{Printing, DEFAULT_PAGES_PER_SESSION};
use crate::ads::{self, HostSet};
use crate::catalog::Catalog;
use crate::embedded;
use crate::kiosk::PinHash;
use crate::lists::{CategoryLists, CategorySet, ListsError};
use crate::i18n::staff::{Message, StaffLanguage};
use crate::policy::{Filtering, Mode, ModePolicy, Policy, PublicSuffixes, DEFAULT_BLOCKED};
use crate::log;
use crate::source::{io_reason, Located, Location, SourceFile};
use crate::staff;
use crate::toml_reader::Sink;
use raw::RawConfig;
use validate::Validator;

/// Where staff put the configuration.
pub const SYSTEM_PATH: &str = "/etc/guichet/config.toml";
/// The configuration used when no file is given and [`SYSTEM_PATH`] does not exist.
pub const DEFAULT_TEXT: &str = include_str!("../../assets/default-config.toml");
pub const DEFAULT_NAME: &str = "builtin:assets/default-config.toml";
/// The word in `[policy] allowlists` that stands for the lists shipped inside the binary.
pub const BUILTIN_LISTS: &str = "builtin";
pub const DEFAULT_SOCKET: &str = "/run/guichet/control.sock";
/// Default root of session folders when `XDG_RUNTIME_DIR` is not set.
pub const DEFAULT_SESSION_ROOT: &str = "/run/guichet/sessions";
pub const DEFAULT_MAX_DOWNLOAD_MB: u64 = 50;
pub const DEFAULT_PAGE_TIMEOUT: Duration = Duration::from_secs(15);
/// EasyList and EasyPrivacy as Debian's `webext-ublock-origin-chromium` installs them.
pub const DEFAULT_AD_LIST: &str = "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easylist.txt";
pub const DEFAULT_TRACKER_LIST: &str = "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt";
pub const DEFAULT_ADBLOCK_CACHE: &str = "/var/lib/guichet/adblock.cache";

/// Every error found in a configuration and the files it names.
#[derive(Debug, thiserror::Error)]
#[error("{}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct ConfigError {
    pub errors: Vec<Located>,
    /// The démarches' start pages could not be checked, because the allowlists that decide
    /// them have errors: they will be once those are fixed.
    pub start_pages_unchecked: bool,
}

impl ConfigError {
    /// One error per line, `file:line:column: message`, in the staff's language.
    pub fn render(&self, language: StaffLanguage) -> String {
        self.errors.iter().map(|e| e.render(language)).collect::<Vec<_>>().join("\n")
    }
}

impl From<Located> for ConfigError {
    fn from(error: Located) -> Self {
        ConfigError::from(vec![error])
    }
}

impl From<Vec<Located>> for ConfigError {
    fn from(errors: Vec<Located>) -> Self {
        ConfigError { errors, start_pages_unchecked: false }
    }
}

/// A configuration and everything it names, each valid.
#[derive(Debug)]
pub struct Loaded {
    pub config: Config,
    pub policy: Policy,
    pub catalog: Catalog,
}

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, as shown in messages.
    pub origin: String,
    /// Shown on the welcome screen ("Médiathèque Aimé-Césaire").
    pub kiosk_name: String,
    pub allowlists: Vec<ListSource>,
    pub public_suffix_list: Option<PathBuf>,
    pub session: SessionTimes,
    pub languages: Vec<String>,
    pub default_language: String,
    /// Host name → loopback address standing in for it (tests, staging).
    pub network_hosts: BTreeMap<String, SocketAddr>,
    /// Host name → PEM certificate trusted for that host only (test and staging sites).
    pub network_certificates: BTreeMap<String, PathBuf>,
    pub control_socket: PathBuf,
    /// Where session folders are created (each patron's files live in one, wiped at logout);
    /// `None` for the default, which depends on the environment: see [`Config::session_folder_root`].
    pub session_folder: Option<PathBuf>,
    /// A site that accepted the connection but has sent nothing for this long is shown as
    /// not answering.
    pub page_timeout: Duration,
    /// Largest download a patron may keep, in bytes.
    pub max_download_bytes: u64,
    /// A folder (a USB key's mount point) whose files patrons may also upload.
    pub removable_media: Option<PathBuf>,
    /// The modes this machine offers; the first is the one sessions start in.
    pub modes: Vec<Mode>,
    /// The compiled category lists (`[filter] lists`), and where the configuration names them.
    pub category_lists: Option<(PathBuf, Location)>,
    /// Each mode's policy, indexed by `Mode as usize`.
    pub mode_settings: [ModeSettings; 3],
    /// Staff's own démarches (`*.toml` files), added to the shipped ones. `declared_at` is the
    /// place in the config that named it, for errors.
    pub demarches_folder: Option<(PathBuf, String)>,
    /// Where the supervisor keeps the anonymous daily counts (`[stats] file`).
    pub stats_file: PathBuf,
    /// node_exporter's textfile for today's counts (`[stats] prometheus`), if wanted.
    pub stats_prometheus: Option<PathBuf>,
    /// `[assisted]`: the advisor's PIN hash and the mode's own times.
    pub assisted: AssistedSettings,
    /// EasyList and EasyPrivacy files (`[adblock]`); empty when staff turned ad blocking off.
    pub adblock_lists: Vec<ads::ListSource>,
    /// Where the compiled host set is kept (`guichet lists compile-adblock` and `guichet run`
    /// write it; sessions and `guichet check` read it).
    pub adblock_cache: PathBuf,
    /// `[updates]`: what `guichet lists update` fetches and the files it replaces.
    pub updates: crate::updates::Settings,
    /// `[printing]`: the queue, the quota, the server.
    pub printing: Printing,
}

/// Where the daily counts are kept unless `[stats] file` says otherwise.
pub const DEFAULT_STATS_FILE: &str = "/var/lib/guichet/stats.jsonl";

/// Assisted mode as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssistedSettings {
    /// `None` when not configured: the on-screen pad is not offered (`ctl assist` still is).
    pub pin_hash: Option<PinHash>,
    /// The session's warnings with the mode's longer idle timeout and maximum duration.
    pub times: SessionTimes,
}

pub const DEFAULT_ASSISTED_IDLE: Duration = Duration::from_secs(20 * 60);
pub const DEFAULT_ASSISTED_MAX: Duration = Duration::from_secs(2 * 3600);

/// `[modes.NAME] policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    Allowlist,
    FilteredWeb,
}

/// One mode's policy as configured; categories are checked against the lists when they load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeSettings {
    pub kind: PolicyKind,
    /// UT1 names to block, each with its place in the file (`None` for the built-in default set).
    pub categories: Vec<(String, Option<Location>)>,
}

impl ModeSettings {
    pub fn default_for(mode: Mode) -> ModeSettings {
        match ModePolicy::default_for(mode) {
            ModePolicy::Allowlist => ModeSettings { kind: PolicyKind::Allowlist, categories: Vec::new() },
            ModePolicy::FilteredWeb { .. } => ModeSettings::filtered_by_default(),
        }
    }

    fn filtered_by_default() -> ModeSettings {
        ModeSettings { kind: PolicyKind::FilteredWeb, categories: DEFAULT_BLOCKED.iter().map(|c| (c.to_string(), None)).collect() }
    }
}

/// Where a set of allowlist rules comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    Builtin,
    /// A file, or a folder whose `*.toml` files are read in name order. `declared_at` is the
    /// place in the config that named it, for errors.
    Path { path: PathBuf, declared_at: String },
}

/// Session durations, checked against each other. Only [`SessionTimes::new`] builds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    idle_timeout: Duration,
    idle_warning: Duration,
    max_duration: Duration,
    max_warning: Duration,
}

impl SessionTimes {
    pub const DEFAULT: SessionTimes = SessionTimes {
        idle_timeout: Duration::from_secs(5 * 60),
        idle_warning: Duration::from_secs(60),
        max_duration: Duration::from_secs(60 * 60),
        max_warning: Duration::from_secs(5 * 60),
    };

    /// The warning periods must be shorter than what they warn about.
    pub fn new(
        idle_timeout: Duration,
        idle_warning: Duration,
        max_duration: Duration,
        max_warning: Duration,
    ) -> Result<Self, SessionTimesError> {
        use SessionTimesError::*;
        if idle_timeout < Duration::from_secs(30) || idle_timeout > Duration::from_secs(4 * 3600) {
            return Err(IdleTimeoutRange);
        }
        if idle_warning < Duration::from_secs(10) || idle_warning >= idle_timeout {
            return Err(IdleWarningRange);
        }
        if max_duration < Duration::from_secs(5 * 60) || max_duration > Duration::from_secs(12 * 3600) {
            return Err(MaxDurationRange);
        }
        if max_warning < Duration::from_secs(10) || max_warning >= max_duration {
            return Err(MaxWarningRange);
        }
        Ok(SessionTimes { idle_timeout, idle_warning, max_duration, max_warning })
    }

    pub fn idle_timeout(&self) -> Duration {
        self.idle_timeout
    }
    pub fn idle_warning(&self) -> Duration {
        self.idle_warning
    }
    pub fn max_duration(&self) -> Duration {
        self.max_duration
    }
    pub fn max_warning(&self) -> Duration {
        self.max_warning
    }
}

impl SessionTimesError {
    /// What is expected, for staff.
    pub fn message(self) -> Message {
        match self {
            SessionTimesError::IdleTimeoutRange => staff!("config-rule-idle-timeout"),
            SessionTimesError::IdleWarningRange => staff!("config-rule-idle-warning"),
            SessionTimesError::MaxDurationRange => staff!("config-rule-max-duration"),
            SessionTimesError::MaxWarningRange => staff!("config-rule-max-warning"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionTimesError {
    #[error("expected `idle_timeout` between 30s and 4h")]
    IdleTimeoutRange,
    #[error("expected `idle_warning` of at least 10s and shorter than `idle_timeout`")]
    IdleWarningRange,
    #[error("expected `max_duration` between 5m and 12h")]
    MaxDurationRange,
    #[error("expected `max_warning` of at least 10s and shorter than `max_duration`")]
    MaxWarningRange,
}

impl Config {
    /// The mode sessions start in: the first the machine offers.
    pub fn default_mode(&self) -> Mode {
        self.modes.first().copied().unwrap_or(Mode::Citizen)
    }

    /// `--config FILE` if given; else [`SYSTEM_PATH`] if it exists; else the built-in default.
    pub fn locate_and_load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => Some(PathBuf::from(SYSTEM_PATH)).filter(|p| p.exists()),
        };
        match path {
            Some(path) => Config::load_file(&path),
            None => Config::builtin(),
        }
    }

    pub fn builtin() -> Result<Config, ConfigError> {
        Config::parse(&SourceFile::new(DEFAULT_NAME, DEFAULT_TEXT), Path::new("."))
    }

    pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
        let file = SourceFile::read(path)?;
        Config::parse(&file, base_of(path))
    }

    /// The configuration, the allowlists and démarches it names: every error of every file,
    /// or all three valid. `--config FILE` if given; else [`SYSTEM_PATH`] if it exists; else
    /// the built-in default.
    pub fn locate_and_load_all(explicit: Option<&Path>) -> Result<Loaded, ConfigError> {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => Some(PathBuf::from(SYSTEM_PATH)).filter(|p| p.exists()),
        };
        match path {
            Some(path) => {
                let file = SourceFile::read(&path)?;
                Config::load_all(&file, base_of(&path))
            }
            None => Config::load_all(&SourceFile::new(DEFAULT_NAME, DEFAULT_TEXT), Path::new(".")),
        }
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

    /// Validates a configuration text; relative paths in it are taken from `base`.
    pub fn parse(file: &SourceFile, base: &Path) -> Result<Config, ConfigError> {
        match Config::draft(file, base) {
            (config, errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(ConfigError::from(errors)),
        }
    }

    /// The configuration with every error found in it. Where a value is wrong, the draft
    /// holds the default: it is only used to go on checking the files it names.
    fn draft(file: &SourceFile, base: &Path) -> (Config, Vec<Located>) {
        let sink = Sink::new(file);
        let raw = match sink.parse() {
            Some(document) => RawConfig::read(&mut sink.root(&document)),
            None => RawConfig::default(),
        };
        let mut v = Validator { file, errors: sink.into_errors() };

        let kiosk_name = match &raw.kiosk.name {
            Some(name) if name.get_ref().trim().is_empty() => {
                v.error(name.span(), staff!("config-empty-name"));
                String::new()
            }
            Some(name) => name.get_ref().trim().to_string(),
            None => "Guichet".to_string(),
        };

        let allowlists = match &raw.policy.allowlists {
            None => vec![ListSource::Builtin],
            Some(entries) => entries
                .get_ref()
                .iter()
                .map(|entry| match entry.get_ref().as_str() {
                    BUILTIN_LISTS => ListSource::Builtin,
                    path => ListSource::Path {
                        path: base.join(path),
                        declared_at: file.location(&entry.span()).to_string(),
                    },
                })
                .collect(),
        };
        if allowlists.is_empty() {
            let span = raw.policy.allowlists.as_ref().map_or(0..0, |a| a.span());
            v.error(span, staff!("config-empty-allowlists"));
        }
        let public_suffix_list = raw.policy.public_suffix_list.as_ref().map(|p| base.join(p.get_ref()));

        let session = v.session_times(&raw.session);
        let (languages, default_language) = v.languages(&raw.ui);
        let network_hosts = v.network_hosts(&raw.network.hosts);
        let network_certificates = v.network_certificates(&raw.network.certificates, base);
        let control_socket =
            raw.control.socket.as_ref().map_or(PathBuf::from(DEFAULT_SOCKET), |s| base.join(s.get_ref()));
        let session_folder = raw.session.folder.as_ref().map(|folder| base.join(folder.get_ref()));
        let page_timeout = match v.duration("page_timeout", &raw.network.page_timeout, DEFAULT_PAGE_TIMEOUT) {
            Some(t) if (Duration::from_secs(3)..=Duration::from_secs(120)).contains(&t) => t,
            Some(_) => {
                let span = raw.network.page_timeout.as_ref().map_or(0..0, |t| t.span());
                v.error(span, staff!("config-page-timeout-range"));
                DEFAULT_PAGE_TIMEOUT
            }
            None => DEFAULT_PAGE_TIMEOUT,
        };
        let removable_media = match &raw.downloads.removable_media {
            None => None,
            Some(folder) if Path::new(folder.get_ref()).is_absolute() => Some(PathBuf::from(folder.get_ref())),
            Some(folder) => {
                v.error(folder.span(), staff!("config-removable-media-relative", value = format!("{:?}", folder.get_ref())));
                None
            }
        };
        let max_download_bytes = match &raw.downloads.max_size_mb {
            None => DEFAULT_MAX_DOWNLOAD_MB << 20,
            Some(mb) => match u64::try_from(*mb.get_ref()) {
                Ok(n @ 1..=4096) => n << 20,
                _ => {
                    v.error(mb.span(), staff!("config-max-size-range", value = mb.get_ref().to_string()));
                    0
                }
            },
        };

        let modes = v.offered_modes(&raw.kiosk.modes);
        let mode_settings = [
            v.mode_settings(Mode::Citizen, raw.modes.citizen.as_ref()),
            v.mode_settings(Mode::Minor, raw.modes.minor.as_ref()),
            v.mode_settings(Mode::Assisted, raw.modes.assisted.as_ref()),
        ];
        let category_lists = raw.filter.lists.as_ref().map(|l| (base.join(l.get_ref()), file.location(&l.span())));
        if category_lists.is_none() {
            for mode in &modes {
                if mode_settings[*mode as usize].kind == PolicyKind::FilteredWeb {
                    let span = raw.kiosk.modes.as_ref().map_or(0..0, |m| m.span());
                    v.error(span, staff!("config-filtered-needs-lists", mode = mode.as_str()));
                }
            }
        }
        let demarches_folder = raw
            .demarches
            .folder
            .as_ref()
            .map(|folder| (base.join(folder.get_ref()), file.location(&folder.span()).to_string()));

        let stats_file = raw.stats.file.as_ref().map_or(PathBuf::from(DEFAULT_STATS_FILE), |f| base.join(f.get_ref()));
        let stats_prometheus = raw.stats.prometheus.as_ref().map(|f| base.join(f.get_ref()));
        let assisted = v.assisted(&raw.assisted, session.unwrap_or(SessionTimes::DEFAULT), modes.contains(&Mode::Assisted), &raw.kiosk.modes);
        let adblock_lists = [(ads::ListKind::Ads, &raw.adblock.ad_lists, DEFAULT_AD_LIST), (ads::ListKind::Trackers, &raw.adblock.tracker_lists, DEFAULT_TRACKER_LIST)]
            .into_iter()
            .flat_map(|(kind, paths, default)| match paths {
                None => vec![ads::ListSource { path: PathBuf::from(default), kind }],
                Some(paths) => paths.get_ref().iter().map(|p| ads::ListSource { path: base.join(p.get_ref()), kind }).collect(),
            })
            .collect();
        let adblock_cache = raw.adblock.cache.as_ref().map_or(PathBuf::from(DEFAULT_ADBLOCK_CACHE), |c| base.join(c.get_ref()));
        let updates = v.updates(&raw.updates, base, category_lists.as_ref().map(|(p, _)| p.as_path()), &raw.adblock, &adblock_cache);
        let printing = v.printing(&raw.printing);

        v.errors.sort_by_key(|e| (e.location.line, e.location.column));
        let config = Config {
            origin: file.name().to_string(),
            kiosk_name,
            allowlists,
            public_suffix_list,
            session: session.unwrap_or(SessionTimes::DEFAULT),
            languages,
            default_language,
            network_hosts,
            network_certificates,
            control_socket,
            session_folder,
            page_timeout,
            max_download_bytes,
            removable_media,
            modes,
            category_lists,
            mode_settings,
            demarches_folder,
            stats_file,
            stats_prometheus,
            assisted,
            adblock_lists,
            adblock_cache,
            updates,
            printing,
        };
        (config, v.errors)
    }

    /// The configured session folder, else `$XDG_RUNTIME_DIR/guichet` (a RAM file system on
    /// systemd machines) when `runtime_dir` (the caller's `XDG_RUNTIME_DIR`) is set, else
    /// [`DEFAULT_SESSION_ROOT`].
    pub fn session_folder_root(&self, runtime_dir: Option<&Path>) -> PathBuf {
        match (&self.session_folder, runtime_dir) {
            (Some(folder), _) => folder.clone(),
            (None, Some(dir)) if !dir.as_os_str().is_empty() => dir.join("guichet"),
            (None, _) => PathBuf::from(DEFAULT_SESSION_ROOT),
        }
    }

    /// Where the content filters are written and compiled (beside `[adblock] cache`); `None`
    /// when staff turned ad blocking off.
    pub fn content_filter_paths(&self) -> Option<ads::FilterPaths> {
        (!self.adblock_lists.is_empty()).then(|| ads::FilterPaths::beside(&self.adblock_cache))
    }

    /// The files `[stats] prometheus` reports the freshness of.
    pub fn lists_health(&self) -> crate::updates::ListsHealth {
        crate::updates::ListsHealth {
            category_lists: self.category_lists.as_ref().map(|(path, _)| path.clone()),
            ad_lists: self.adblock_lists.clone(),
            state_file: self.updates.state_file.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_config_is_valid_and_its_lists_compile() {
        let config = Config::builtin().unwrap();
        assert_eq!(config.allowlists, vec![ListSource::Builtin]);
        assert_eq!(config.default_language, "fr");
        let policy = config.load_policy().unwrap();
        assert!(policy.rules().len() > 20);
    }

    #[test]
    fn the_reference_config_blocks_the_default_categories_for_minors() {
        let config = Config::builtin().unwrap();
        assert_eq!(config.modes, vec![Mode::Citizen]);
        let minor = &config.mode_settings[Mode::Minor as usize];
        assert_eq!(minor.kind, PolicyKind::FilteredWeb);
        let names: Vec<&str> = minor.categories.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, DEFAULT_BLOCKED);
        assert_eq!(config.mode_settings[Mode::Assisted as usize], ModeSettings::default_for(Mode::Assisted));
    }

    #[test]
    fn the_reference_config_shows_the_update_defaults_and_sets_no_source() {
        assert_eq!(Config::builtin().unwrap().updates, crate::updates::Settings::default());
    }

    #[test]
    fn session_times_reject_warning_longer_than_timeout() {
        let s = Duration::from_secs;
        assert_eq!(SessionTimes::new(s(60), s(60), s(3600), s(60)), Err(SessionTimesError::IdleWarningRange));
        assert!(SessionTimes::new(s(60), s(30), s(3600), s(60)).is_ok());
    }
}
