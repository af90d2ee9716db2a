//! The kiosk's one configuration file: read as typed, then validated into types that cannot
//! hold a bad value. Any error refuses the whole file; nothing falls back to a default silently.

mod load;
mod printing;
mod raw;
mod updates;
mod validate;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use printing::{Printing, DEFAULT_PAGES_PER_SESSION};
use crate::ads;
use crate::catalog::Catalog;
use crate::kiosk::PinHash;
use crate::i18n::staff::{Message, StaffLanguage};
use crate::policy::{Mode, ModePolicy, Policy, DEFAULT_BLOCKED};
use crate::source::{Located, Location, SourceFile};
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

    /// What `program` writes to its standard error when it refuses a configuration: every
    /// error, what could not be checked, then how many errors and that nothing was loaded.
    pub fn report(&self, program: &str, language: StaffLanguage) -> String {
        let mut text = self.render(language);
        if self.start_pages_unchecked {
            text.push_str(&format!("\n{program}: {}", staff!("cli-start-pages-unchecked").render(language)));
        }
        text.push_str(&format!("\n{program}: {}", staff!("cli-errors", count = self.errors.len()).render(language)));
        text
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
