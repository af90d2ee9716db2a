//! The configuration file exactly as typed: every key optional, unknown keys refused.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    #[serde(default)]
    pub kiosk: RawKiosk,
    #[serde(default)]
    pub policy: RawPolicy,
    #[serde(default)]
    pub session: RawSession,
    #[serde(default)]
    pub ui: RawUi,
    #[serde(default)]
    pub network: RawNetwork,
    #[serde(default)]
    pub control: RawControl,
    #[serde(default)]
    pub downloads: RawDownloads,
    #[serde(default)]
    pub filter: RawFilter,
    #[serde(default)]
    pub modes: RawModes,
    #[serde(default)]
    pub demarches: RawDemarches,
    #[serde(default)]
    pub stats: RawStats,
    #[serde(default)]
    pub assisted: RawAssisted,
    #[serde(default)]
    pub adblock: RawAdblock,
    #[serde(default)]
    pub updates: RawUpdates,
    #[serde(default)]
    pub printing: RawPrinting,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKiosk {
    pub name: Option<Spanned<String>>,
    pub modes: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    pub allowlists: Option<Vec<Spanned<String>>>,
    pub public_suffix_list: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    pub idle_timeout: Option<Spanned<String>>,
    pub idle_warning: Option<Spanned<String>>,
    pub max_duration: Option<Spanned<String>>,
    pub max_warning: Option<Spanned<String>>,
    pub folder: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUi {
    pub languages: Option<Spanned<Vec<Spanned<String>>>>,
    pub default_language: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNetwork {
    #[serde(default)]
    pub hosts: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub certificates: BTreeMap<Spanned<String>, Spanned<String>>,
    pub page_timeout: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawControl {
    pub socket: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDownloads {
    pub max_size_mb: Option<Spanned<i64>>,
    pub removable_media: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFilter {
    pub lists: Option<Spanned<String>>,
}

/// `[modes.citizen]`, `[modes.minor]`, `[modes.assisted]`; any other name is refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModes {
    pub citizen: Option<RawMode>,
    pub minor: Option<RawMode>,
    pub assisted: Option<RawMode>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMode {
    pub policy: Option<Spanned<String>>,
    pub categories: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemarches {
    pub folder: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStats {
    pub file: Option<Spanned<String>>,
    pub prometheus: Option<Spanned<String>>,
}

/// `[assisted]`: the advisor's PIN and the mode's longer times.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssisted {
    pub pin_hash: Option<Spanned<String>>,
    pub idle_timeout: Option<Spanned<String>>,
    pub max_duration: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAdblock {
    pub ad_lists: Option<Vec<Spanned<String>>>,
    pub tracker_lists: Option<Vec<Spanned<String>>>,
    pub cache: Option<Spanned<String>>,
}

/// `[updates]`: where `guichet lists update` fetches the lists, and its bounds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUpdates {
    pub ut1: Option<Spanned<String>>,
    pub easylist: Option<Spanned<String>>,
    pub easyprivacy: Option<Spanned<String>>,
    pub public_key: Option<Spanned<String>>,
    pub timeout: Option<Spanned<String>>,
    pub ut1_min_kb: Option<Spanned<i64>>,
    pub ut1_max_mb: Option<Spanned<i64>>,
    pub list_min_kb: Option<Spanned<i64>>,
    pub list_max_mb: Option<Spanned<i64>>,
    pub unpacked_max_mb: Option<Spanned<i64>>,
    pub unpacked_max_files: Option<Spanned<i64>>,
    pub state: Option<Spanned<String>>,
}

/// `[printing]`: the CUPS queue patrons print to and their page quota.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrinting {
    pub queue: Option<Spanned<String>>,
    pub pages_per_session: Option<Spanned<i64>>,
    pub server: Option<Spanned<String>>,
}
