//! The configuration file exactly as typed, read key by key: every key optional, unknown keys
//! refused, every mistake reported. A key of the wrong type is `None` here and already reported.

use toml::Spanned;

use crate::toml_reader::{Expect, Table};

type Text = Option<Spanned<String>>;
type TextList = Option<Spanned<Vec<Spanned<String>>>>;

#[derive(Debug, Default)]
pub struct RawConfig {
    pub kiosk: RawKiosk,
    pub policy: RawPolicy,
    pub session: RawSession,
    pub ui: RawUi,
    pub network: RawNetwork,
    pub control: RawControl,
    pub downloads: RawDownloads,
    pub filter: RawFilter,
    pub modes: RawModes,
    pub demarches: RawDemarches,
    pub stats: RawStats,
    pub assisted: RawAssisted,
    pub adblock: RawAdblock,
    pub updates: RawUpdates,
    pub printing: RawPrinting,
}

#[derive(Debug, Default)]
pub struct RawKiosk {
    pub name: Text,
    pub modes: TextList,
}

#[derive(Debug, Default)]
pub struct RawPolicy {
    pub allowlists: TextList,
    pub public_suffix_list: Text,
}

#[derive(Debug, Default)]
pub struct RawSession {
    pub idle_timeout: Text,
    pub idle_warning: Text,
    pub max_duration: Text,
    pub max_warning: Text,
    pub folder: Text,
}

#[derive(Debug, Default)]
pub struct RawUi {
    pub languages: TextList,
    pub default_language: Text,
}

#[derive(Debug, Default)]
pub struct RawNetwork {
    /// Host name → value, in key order; entries whose value is not text are already reported.
    pub hosts: Vec<(Spanned<String>, Spanned<String>)>,
    pub certificates: Vec<(Spanned<String>, Spanned<String>)>,
    pub page_timeout: Text,
}

#[derive(Debug, Default)]
pub struct RawControl {
    pub socket: Text,
}

#[derive(Debug, Default)]
pub struct RawDownloads {
    pub max_size_mb: Option<Spanned<i64>>,
    pub removable_media: Text,
}

#[derive(Debug, Default)]
pub struct RawFilter {
    pub lists: Text,
}

/// `[modes.citizen]`, `[modes.minor]`, `[modes.assisted]`; any other name is refused.
#[derive(Debug, Default)]
pub struct RawModes {
    pub citizen: Option<RawMode>,
    pub minor: Option<RawMode>,
    pub assisted: Option<RawMode>,
}

#[derive(Debug, Default)]
pub struct RawMode {
    pub policy: Text,
    pub categories: TextList,
}

#[derive(Debug, Default)]
pub struct RawDemarches {
    pub folder: Text,
}

#[derive(Debug, Default)]
pub struct RawStats {
    pub file: Text,
    pub prometheus: Text,
}

/// `[assisted]`: the advisor's PIN and the mode's longer times.
#[derive(Debug, Default)]
pub struct RawAssisted {
    pub pin_hash: Text,
    pub idle_timeout: Text,
    pub max_duration: Text,
}

#[derive(Debug, Default)]
pub struct RawAdblock {
    pub ad_lists: TextList,
    pub tracker_lists: TextList,
    pub cache: Text,
}

/// Reads a section with `read`, or gives the defaults when the file has none.
fn section<T: Default>(parent: &mut Table<'_, '_>, key: &'static str, read: impl FnOnce(&mut Table<'_, '_>) -> T) -> T {
    match parent.table(key) {
        Some(mut table) => read(&mut table),
        None => T::default(),
    }
}

/// The text values of a table whose keys are free (`[network.hosts]`).
fn text_map(parent: &mut Table<'_, '_>, key: &'static str, expect: Expect) -> Vec<(Spanned<String>, Spanned<String>)> {
    let Some(items) = parent.items(key) else { return Vec::new() };
    items.into_inner().into_iter().filter_map(|item| Some((item.key().clone(), item.text(expect)?))).collect()
}

impl RawConfig {
    pub fn read(root: &mut Table<'_, '_>) -> RawConfig {
        RawConfig {
            kiosk: section(root, "kiosk", |t| RawKiosk { name: t.text_value("name"), modes: t.text_list("modes", Expect::Text) }),
            policy: section(root, "policy", |t| RawPolicy {
                allowlists: t.text_list("allowlists", Expect::Path),
                public_suffix_list: t.text_as("public_suffix_list", Expect::Path),
            }),
            session: section(root, "session", |t| RawSession {
                idle_timeout: t.text_as("idle_timeout", Expect::Duration),
                idle_warning: t.text_as("idle_warning", Expect::Duration),
                max_duration: t.text_as("max_duration", Expect::Duration),
                max_warning: t.text_as("max_warning", Expect::Duration),
                folder: t.text_as("folder", Expect::Path),
            }),
            ui: section(root, "ui", |t| RawUi {
                languages: t.text_list("languages", Expect::Text),
                default_language: t.text_value("default_language"),
            }),
            network: section(root, "network", |t| RawNetwork {
                hosts: text_map(t, "hosts", Expect::Text),
                certificates: text_map(t, "certificates", Expect::Path),
                page_timeout: t.text_as("page_timeout", Expect::Duration),
            }),
            control: section(root, "control", |t| RawControl { socket: t.text_as("socket", Expect::Path) }),
            downloads: section(root, "downloads", |t| RawDownloads {
                max_size_mb: t.integer("max_size_mb"),
                removable_media: t.text_as("removable_media", Expect::Path),
            }),
            filter: section(root, "filter", |t| RawFilter { lists: t.text_as("lists", Expect::Path) }),
            modes: section(root, "modes", |t| {
                let mut mode = |key| t.table(key).map(|mut m| RawMode { policy: m.text_value("policy"), categories: m.text_list("categories", Expect::Text) });
                RawModes { citizen: mode("citizen"), minor: mode("minor"), assisted: mode("assisted") }
            }),
            demarches: section(root, "demarches", |t| RawDemarches { folder: t.text_as("folder", Expect::Path) }),
            stats: section(root, "stats", |t| RawStats {
                file: t.text_as("file", Expect::Path),
                prometheus: t.text_as("prometheus", Expect::Path),
            }),
            assisted: section(root, "assisted", |t| RawAssisted {
                pin_hash: t.secret_text("pin_hash"),
                idle_timeout: t.text_as("idle_timeout", Expect::Duration),
                max_duration: t.text_as("max_duration", Expect::Duration),
            }),
            adblock: section(root, "adblock", |t| RawAdblock {
                ad_lists: t.text_list("ad_lists", Expect::Path),
                tracker_lists: t.text_list("tracker_lists", Expect::Path),
                cache: t.text_as("cache", Expect::Path),
            }),
            updates: section(root, "updates", |t| RawUpdates {
                ut1: t.text_as("ut1", Expect::Address),
                easylist: t.text_as("easylist", Expect::Address),
                easyprivacy: t.text_as("easyprivacy", Expect::Address),
                public_key: t.text_value("public_key"),
                timeout: t.text_as("timeout", Expect::Duration),
                ut1_min_kb: t.integer("ut1_min_kb"),
                ut1_max_mb: t.integer("ut1_max_mb"),
                list_min_kb: t.integer("list_min_kb"),
                list_max_mb: t.integer("list_max_mb"),
                unpacked_max_mb: t.integer("unpacked_max_mb"),
                unpacked_max_files: t.integer("unpacked_max_files"),
                state: t.text_as("state", Expect::Path),
            }),
            printing: section(root, "printing", |t| RawPrinting {
                queue: t.text_value("queue"),
                pages_per_session: t.integer("pages_per_session"),
                server: t.text_value("server"),
            }),
        }
    }
}

/// `[updates]`: where `guichet lists update` fetches the lists, and its bounds.
#[derive(Debug, Default)]
pub struct RawUpdates {
    pub ut1: Text,
    pub easylist: Text,
    pub easyprivacy: Text,
    pub public_key: Text,
    pub timeout: Text,
    pub ut1_min_kb: Option<Spanned<i64>>,
    pub ut1_max_mb: Option<Spanned<i64>>,
    pub list_min_kb: Option<Spanned<i64>>,
    pub list_max_mb: Option<Spanned<i64>>,
    pub unpacked_max_mb: Option<Spanned<i64>>,
    pub unpacked_max_files: Option<Spanned<i64>>,
    pub state: Text,
}

/// `[printing]`: the CUPS queue patrons print to and their page quota.
#[derive(Debug, Default)]
pub struct RawPrinting {
    pub queue: Text,
    pub pages_per_session: Option<Spanned<i64>>,
    pub server: Text,
}
