//! Checks `[updates]`: the sources `guichet lists update` fetches, the files they replace (named
//! by `[filter]` and `[adblock]`, which must then be files of the machine's own), and its bounds.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use url::Url;

use super::raw::{RawAdblock, RawUpdates};
use super::validate::Validator;
use crate::i18n::staff::Message;
use crate::staff;
use crate::updates::{PublicKey, Settings, SizeBounds, Source, SourceKind, UnpackLimits};

impl Validator<'_> {
    pub(super) fn updates(&mut self, raw: &RawUpdates, base: &Path, category_lists: Option<&Path>, adblock: &RawAdblock, cache: &Path) -> Settings {
        let mut settings = Settings::default();
        let mut spans = Vec::new();
        for (kind, value) in [(SourceKind::Categories, &raw.ut1), (SourceKind::Ads, &raw.easylist), (SourceKind::Trackers, &raw.easyprivacy)] {
            let Some(value) = value else { continue };
            let url = self.source_url(kind.key(), value);
            let destination = match kind {
                SourceKind::Categories => {
                    if category_lists.is_none() {
                        self.error(value.span(), staff!("config-updates-ut1-without-lists"));
                    }
                    category_lists.map(Path::to_path_buf)
                }
                SourceKind::Ads => self.replaced_list(value, "ad_lists", &adblock.ad_lists, base, "easylist.txt"),
                SourceKind::Trackers => self.replaced_list(value, "tracker_lists", &adblock.tracker_lists, base, "easyprivacy.txt"),
            };
            if let (Some(url), Some(destination)) = (url, destination) {
                settings.sources.push(Source { kind, url, destination });
                spans.push(value.span());
            }
        }

        settings.public_key = raw.public_key.as_ref().and_then(|key| match PublicKey::parse(key.get_ref()) {
            Ok(key) => Some(key),
            Err(message) => {
                self.error(key.span(), staff!("config-updates-public-key", detail = message));
                None
            }
        });
        settings.timeout = match self.duration("timeout", &raw.timeout, settings.timeout) {
            Some(t) if (Duration::from_secs(10)..=Duration::from_secs(2 * 3600)).contains(&t) => t,
            Some(_) => {
                let span = raw.timeout.as_ref().map_or(0..0, |t| t.span());
                self.error(span, staff!("config-updates-timeout-range"));
                settings.timeout
            }
            None => settings.timeout,
        };
        let kb = |n: u64| n << 10;
        let mb = |n: u64| n << 20;
        settings.ut1_size = self.size_bounds(
            ("ut1_min_kb", &raw.ut1_min_kb, 0..=1 << 20, kb),
            ("ut1_max_mb", &raw.ut1_max_mb, 1..=4096, mb),
            settings.ut1_size,
        );
        settings.list_size = self.size_bounds(
            ("list_min_kb", &raw.list_min_kb, 0..=100 << 10, kb),
            ("list_max_mb", &raw.list_max_mb, 1..=1024, mb),
            settings.list_size,
        );
        settings.unpack = UnpackLimits {
            max_bytes: self.count("unpacked_max_mb", &raw.unpacked_max_mb, 1..=64 << 10, Unit::Megabytes).map_or(settings.unpack.max_bytes, mb),
            max_entries: self.count("unpacked_max_files", &raw.unpacked_max_files, 10..=1_000_000, Unit::Files).unwrap_or(settings.unpack.max_entries),
        };
        if let Some(state) = &raw.state {
            settings.state_file = base.join(state.get_ref());
        }

        // Two sources, or a source and the cache or the state file, must not share a file.
        let mut written: Vec<(&Path, &str)> = vec![(&settings.state_file, "[updates] state")];
        if settings.sources.iter().any(|s| s.kind != SourceKind::Categories) {
            written.push((cache, "[adblock] cache"));
        }
        for (source, span) in settings.sources.iter().zip(&spans) {
            if let Some((_, other)) = written.iter().find(|(path, _)| *path == source.destination) {
                let message = staff!(
                    "config-updates-shared-file",
                    key = source.kind.key(),
                    path = source.destination.display().to_string(),
                    other = *other
                );
                self.error(span.clone(), message);
            }
            written.push((&source.destination, source.kind.key()));
        }
        settings
    }

    fn source_url(&mut self, key: &str, value: &Spanned<String>) -> Option<Url> {
        let text = value.get_ref().trim();
        let shown = format!("{text:?}");
        let Ok(url) = Url::parse(text) else {
            self.error(value.span(), staff!("config-updates-not-an-address", key = key, value = shown));
            return None;
        };
        let problem = match url.scheme() {
            // Never echo the address: its password would end up in the log.
            "https" | "http" if !url.username().is_empty() || url.password().is_some() => Some(staff!("config-updates-password")),
            "https" | "http" if url.host_str().is_none_or(str::is_empty) => Some(staff!("config-updates-no-server", value = shown)),
            "https" | "http" => None,
            "file" if url.to_file_path().is_err() => Some(staff!("config-updates-not-local", value = shown)),
            "file" => None,
            other => Some(staff!("config-updates-scheme", scheme = other)),
        };
        match problem {
            None => Some(url),
            Some(problem) => {
                self.error(value.span(), staff!("config-updates-bad-address", key = key, problem = problem));
                None
            }
        }
    }

    /// The one file of `[adblock] LISTS_KEY` that an EasyList source replaces. Left at its
    /// default, that is Debian's package file, which an update must never overwrite.
    fn replaced_list(
        &mut self,
        value: &Spanned<String>,
        lists_key: &'static str,
        lists: &Option<Spanned<Vec<Spanned<String>>>>,
        base: &Path,
        example: &str,
    ) -> Option<PathBuf> {
        let key = if lists_key == "ad_lists" { "easylist" } else { "easyprivacy" };
        let example = format!("[\"/var/lib/guichet/lists/{example}\"]");
        match lists.as_ref().map(|l| l.get_ref().as_slice()) {
            Some([one]) => Some(base.join(one.get_ref())),
            Some(others) => {
                let message = staff!("config-updates-several-lists", key = key, lists = lists_key, count = others.len(), example = example);
                self.error(value.span(), message);
                None
            }
            None => {
                self.error(value.span(), staff!("config-updates-debian-list", key = key, lists = lists_key, example = example));
                None
            }
        }
    }

    fn count(&mut self, key: &str, value: &Option<Spanned<i64>>, range: RangeInclusive<u64>, unit: Unit) -> Option<u64> {
        let value = value.as_ref()?;
        match u64::try_from(*value.get_ref()) {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                let message = staff!(
                    "config-updates-count-range",
                    key = key,
                    value = value.get_ref().to_string(),
                    unit = unit.message(),
                    min = range.start().to_string(),
                    max = range.end().to_string()
                );
                self.error(value.span(), message);
                None
            }
        }
    }

    /// A minimum in kilobytes and a maximum in megabytes, the minimum below the maximum.
    fn size_bounds(
        &mut self,
        (min_key, min, min_range, min_unit): (&str, &Option<Spanned<i64>>, RangeInclusive<u64>, impl Fn(u64) -> u64),
        (max_key, max, max_range, max_unit): (&str, &Option<Spanned<i64>>, RangeInclusive<u64>, impl Fn(u64) -> u64),
        default: SizeBounds,
    ) -> SizeBounds {
        let bounds = SizeBounds {
            min: self.count(min_key, min, min_range, Unit::Kilobytes).map_or(default.min, min_unit),
            max: self.count(max_key, max, max_range, Unit::Megabytes).map_or(default.max, max_unit),
        };
        if bounds.min >= bounds.max {
            let span = min.as_ref().or(max.as_ref()).map_or(0..0, |v| v.span());
            self.error(span, staff!("config-updates-min-above-max", min = min_key, max = max_key));
        }
        bounds
    }
}

/// What a bound counts, in the words of the messages.
#[derive(Clone, Copy)]
enum Unit {
    Kilobytes,
    Megabytes,
    Files,
}

impl Unit {
    fn message(self) -> Message {
        match self {
            Unit::Kilobytes => staff!("config-unit-kilobytes"),
            Unit::Megabytes => staff!("config-unit-megabytes"),
            Unit::Files => staff!("config-unit-files"),
        }
    }
}
