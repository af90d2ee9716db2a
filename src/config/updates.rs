//! Checks `[updates]`: the sources `guichet lists update` fetches, the files they replace (named
//! by `[filter]` and `[adblock]`, which must then be files of the machine's own), and its bounds.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use url::Url;

use super::raw::{RawAdblock, RawUpdates};
use super::validate::Validator;
use crate::updates::{PublicKey, Settings, SizeBounds, Source, SourceKind, UnpackLimits};

const ADDRESS: &str = "expected an https:// address (http:// for a mirror on the local network, file:// for a local file)";

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
                        self.error(value.span(), "`[updates] ut1` is compiled into the file `[filter] lists` names, which is not set: \
                                                  expected lists = \"/var/lib/guichet/lists/ut1.lists\"");
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
                self.error(key.span(), format!("`public_key`: {message}"));
                None
            }
        });
        settings.timeout = match self.duration("timeout", &raw.timeout, settings.timeout) {
            Some(t) if (Duration::from_secs(10)..=Duration::from_secs(2 * 3600)).contains(&t) => t,
            Some(_) => {
                let span = raw.timeout.as_ref().map_or(0..0, |t| t.span());
                self.error(span, "`timeout` is out of range: expected a duration from 10s to 2h, such as \"10m\"");
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
            max_bytes: self.count("unpacked_max_mb", &raw.unpacked_max_mb, 1..=64 << 10, "megabytes").map_or(settings.unpack.max_bytes, mb),
            max_entries: self.count("unpacked_max_files", &raw.unpacked_max_files, 10..=1_000_000, "files").unwrap_or(settings.unpack.max_entries),
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
                self.error(span.clone(), format!("`{}` would replace {}, which `{other}` also names: expected a file of its own", source.kind.key(), source.destination.display()));
            }
            written.push((&source.destination, source.kind.key()));
        }
        settings
    }

    fn source_url(&mut self, key: &str, value: &Spanned<String>) -> Option<Url> {
        let text = value.get_ref().trim();
        let Ok(url) = Url::parse(text) else {
            self.error(value.span(), format!("`{key}` = {text:?} is not an address: {ADDRESS}"));
            return None;
        };
        let problem = match url.scheme() {
            // Never echo the address: its password would end up in the log.
            "https" | "http" if !url.username().is_empty() || url.password().is_some() => {
                Some("a user name or password in the address is not supported".to_string())
            }
            "https" | "http" if url.host_str().is_none_or(str::is_empty) => Some(format!("{text:?} names no server")),
            "https" | "http" => None,
            "file" if url.to_file_path().is_err() => Some(format!("{text:?} is not a file on this machine")),
            "file" => None,
            other => Some(format!("{other}:// addresses are not supported")),
        };
        match problem {
            None => Some(url),
            Some(problem) => {
                self.error(value.span(), format!("`{key}`: {problem}: {ADDRESS}"));
                None
            }
        }
    }

    /// The one file of `[adblock] LISTS_KEY` that an EasyList source replaces. Left at its
    /// default, that is Debian's package file, which an update must never overwrite.
    fn replaced_list(&mut self, value: &Spanned<String>, lists_key: &str, lists: &Option<Vec<Spanned<String>>>, base: &Path, example: &str) -> Option<PathBuf> {
        let key = if lists_key == "ad_lists" { "easylist" } else { "easyprivacy" };
        match lists.as_deref() {
            Some([one]) => Some(base.join(one.get_ref())),
            Some(others) => {
                self.error(value.span(), format!(
                    "`[updates] {key}` replaces the file `[adblock] {lists_key}` names, which names {}: \
                     expected exactly one file, such as [\"/var/lib/guichet/lists/{example}\"]",
                    others.len()
                ));
                None
            }
            None => {
                self.error(value.span(), format!(
                    "`[updates] {key}` replaces the file `[adblock] {lists_key}` names, which is Debian's package file by \
                     default: expected `{lists_key}` to name a file of this machine's own, such as [\"/var/lib/guichet/lists/{example}\"]"
                ));
                None
            }
        }
    }

    fn count(&mut self, key: &str, value: &Option<Spanned<i64>>, range: RangeInclusive<u64>, unit: &str) -> Option<u64> {
        let value = value.as_ref()?;
        match u64::try_from(*value.get_ref()) {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(value.span(), format!("`{key}` = {} is out of range: expected a number of {unit} from {} to {}", value.get_ref(), range.start(), range.end()));
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
            min: self.count(min_key, min, min_range, "kilobytes").map_or(default.min, min_unit),
            max: self.count(max_key, max, max_range, "megabytes").map_or(default.max, max_unit),
        };
        if bounds.min >= bounds.max {
            let span = min.as_ref().or(max.as_ref()).map_or(0..0, |v| v.span());
            self.error(span, format!("`{min_key}` must be below `{max_key}`: expected a smaller minimum or a larger maximum"));
        }
        bounds
    }
}
