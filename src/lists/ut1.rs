//! Reads a UT1 blacklist folder (`<category>/{domains,urls,usage}`, alias files, `global_usage`)
//! into merged, hashed entries. Every line we cannot read is an error naming its file and line.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use url::Url;

use super::{host_hash, CategoryId, CategoryInfo, CategorySet, ListsError, Usage, MAX_CATEGORIES};
use crate::i18n::staff::Message;
use crate::source::{Located, Location};

/// Alias files (`porn`, holding the word `adult`) are a few bytes; anything larger is not one.
const MAX_ALIAS_FILE: u64 = 64;

/// A `urls` entry: the hash of its host, its categories and its lower-case path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct UrlEntry {
    pub hash: u64,
    pub path: String,
    pub categories: CategorySet,
}

/// Everything the compiled file holds, before it is laid out.
#[derive(Debug)]
pub(super) struct SourceLists {
    pub categories: Vec<CategoryInfo>,
    pub aliases: Vec<(String, CategoryId)>,
    /// Sorted by hash, one entry per host, categories merged.
    pub domains: Vec<(u64, CategorySet)>,
    /// Sorted; hosts of these entries are also in `domains` (with no category of their own if
    /// they are not listed as domains), so one probe per label finds both.
    pub urls: Vec<UrlEntry>,
    pub domain_lines: u64,
    pub list_date: u64,
}

/// Names from `global_usage`, by category.
#[derive(Debug, Default)]
struct Described {
    default_type: Option<Usage>,
    name_fr: Option<String>,
    name_en: Option<String>,
}

pub(super) fn read_folder(source: &Path) -> Result<SourceLists, ListsError> {
    // The archive unpacks to `blacklists/`; accept that folder or its parent.
    let nested = source.join("blacklists");
    let root = if nested.is_dir() { nested } else { source.to_path_buf() };
    let folder_error = |err| ListsError::SourceFolder { path: root.clone(), source: err };

    let mut folders = Vec::new();
    let mut alias_files = Vec::new();
    for entry in std::fs::read_dir(&root).map_err(folder_error)? {
        let entry = entry.map_err(folder_error)?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
        if !is_category_name(&name) {
            continue;
        }
        let path = entry.path();
        // Aliases are symbolic links to a category folder, or (in copies that flattened the
        // links) tiny files holding the category's name.
        let link_target = std::fs::read_link(&path).ok();
        let meta = std::fs::metadata(&path).map_err(folder_error)?;
        match link_target {
            Some(target) if meta.is_dir() => {
                let target = target.file_name().and_then(|t| t.to_str()).unwrap_or_default().to_string();
                alias_files.push((name, target, path));
            }
            _ if meta.is_dir() => folders.push(name),
            _ if meta.is_file() && meta.len() <= MAX_ALIAS_FILE && name != "README" => {
                let text = std::fs::read_to_string(&path).map_err(folder_error)?;
                alias_files.push((name, text.trim().to_string(), path));
            }
            _ => {}
        }
    }
    folders.sort();
    if folders.is_empty() {
        return Err(whole_file(&root, "no category folder: expected a UT1 `blacklists` folder with one folder per category"));
    }
    if folders.len() > MAX_CATEGORIES {
        return Err(whole_file(&root, &format!("{} category folders: at most {MAX_CATEGORIES} are supported", folders.len())));
    }

    let global_usage = root.join("global_usage");
    let described = if global_usage.is_file() { read_global_usage(&global_usage)? } else { BTreeMap::new() };

    let mut categories = Vec::new();
    let mut domains: Vec<(u64, CategorySet)> = Vec::new();
    let mut urls = Vec::new();
    let mut domain_lines = 0;
    let mut list_date = 0;
    for (index, name) in folders.iter().enumerate() {
        let id = CategoryId(index as u8);
        let folder = root.join(name);
        let info = described.get(name.as_str());
        let usage = match read_usage(&folder.join("usage"))? {
            Some(usage) => usage,
            None => info.and_then(|i| i.default_type).unwrap_or(Usage::Black),
        };
        categories.push(CategoryInfo {
            name: name.clone(),
            usage,
            name_fr: info.and_then(|i| i.name_fr.clone()).unwrap_or_else(|| name.clone()),
            name_en: info.and_then(|i| i.name_en.clone()).unwrap_or_else(|| name.clone()),
        });
        let set = CategorySet::EMPTY.with(id);
        for (file, is_urls) in [("domains", false), ("urls", true)] {
            let path = folder.join(file);
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            list_date = list_date.max(meta.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_secs()));
            let bytes = std::fs::read(&path).map_err(|err| whole_file(&path, &format!("cannot read the file: {err}")))?;
            for (number, line) in lines(&bytes) {
                let text = std::str::from_utf8(line).map_err(|_| at_line(&path, number, "the line is not valid UTF-8 text"))?;
                if is_urls {
                    let (hash, prefix) = parse_url_entry(text).map_err(|message| at_line(&path, number, &message))?;
                    domains.push((hash, CategorySet::EMPTY));
                    urls.push(UrlEntry { hash, path: prefix, categories: set });
                } else {
                    let host = normalise_host(text).map_err(|message| at_line(&path, number, &message))?;
                    domains.push((host_hash(&host), set));
                    domain_lines += 1;
                }
            }
        }
    }

    let mut aliases = Vec::new();
    for (alias, target, path) in alias_files {
        if folders.contains(&alias) {
            continue;
        }
        match folders.iter().position(|f| *f == target) {
            Some(index) => aliases.push((alias, CategoryId(index as u8))),
            None => return Err(whole_file(&path, &format!("alias of {target:?}, which is not a category folder here"))),
        }
    }
    aliases.sort();

    Ok(SourceLists { categories, aliases, domains: merge(domains), urls: merge_urls(urls), domain_lines, list_date })
}

/// Sorts by hash and merges the categories of a host listed several times.
fn merge(mut entries: Vec<(u64, CategorySet)>) -> Vec<(u64, CategorySet)> {
    entries.sort_unstable_by_key(|(hash, _)| *hash);
    let mut merged: Vec<(u64, CategorySet)> = Vec::with_capacity(entries.len());
    for (hash, set) in entries {
        match merged.last_mut() {
            Some((last, last_set)) if *last == hash => *last_set = last_set.union(set),
            _ => merged.push((hash, set)),
        }
    }
    merged
}

fn merge_urls(mut entries: Vec<UrlEntry>) -> Vec<UrlEntry> {
    entries.sort_unstable_by(|a, b| (a.hash, &a.path).cmp(&(b.hash, &b.path)));
    let mut merged: Vec<UrlEntry> = Vec::with_capacity(entries.len());
    for entry in entries {
        match merged.last_mut() {
            Some(last) if last.hash == entry.hash && last.path == entry.path => {
                last.categories = last.categories.union(entry.categories)
            }
            _ => merged.push(entry),
        }
    }
    merged
}

/// Non-empty lines that are not comments, with their 1-based numbers; `\r\n` endings accepted.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    bytes.split(|b| *b == b'\n').enumerate().filter_map(|(i, line)| {
        let line = line.trim_ascii();
        (!line.is_empty() && !line.starts_with(b"#")).then_some((i + 1, line))
    })
}

fn is_category_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

const HOST_FORM: &str = "expected a host name such as \"example.com\"";

/// A listed host in the form the policy looks up: lower case, ASCII (IDNA), no trailing dot.
fn normalise_host(text: &str) -> Result<String, String> {
    // `.example.com` (a few lines of UT1 write it so) means the same as `example.com`: the
    // host and everything under it.
    let text = text.strip_prefix('.').unwrap_or(text);
    let text = text.strip_suffix('.').unwrap_or(text);
    let plain = text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    let host = if plain {
        text.to_ascii_lowercase()
    } else if text.bytes().any(|b| b >= 0x80) {
        // An internationalised name: the URL parser gives its `xn--` form, as it does for patrons.
        match url::Host::parse(text) {
            Ok(url::Host::Domain(ascii)) => ascii,
            _ => return Err(format!("{text:?} is not a host name: {HOST_FORM}")),
        }
    } else {
        return Err(format!("{text:?} is not a host name: {HOST_FORM}"));
    };
    let valid = !host.is_empty() && host.len() <= 253 && host.split('.').all(|label| !label.is_empty() && label.len() <= 63);
    if valid { Ok(host) } else { Err(format!("{text:?} is not a host name: {HOST_FORM}")) }
}

/// `host/path` → (hash of host, lower-case path prefix as browsers send it). The query and
/// fragment are dropped: the policy never reads them, so the entry covers the whole path.
fn parse_url_entry(text: &str) -> Result<(u64, String), String> {
    let form = "expected a host and a path such as \"example.com/page/\"";
    let (host, rest) = text.split_once('/').unwrap_or((text, ""));
    let host = normalise_host(host).map_err(|_| format!("{text:?} is not a web address: {form}"))?;
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let url = Url::parse(&format!("http://{host}/{rest}")).map_err(|_| format!("{text:?} is not a web address: {form}"))?;
    Ok((host_hash(&host), url.path().to_ascii_lowercase()))
}

/// The first word of a category's `usage` file: `black` or `white` (the next lines are aliases
/// and descriptions). `None` when the file is absent.
fn read_usage(path: &Path) -> Result<Option<Usage>, ListsError> {
    let Ok(bytes) = std::fs::read(path) else { return Ok(None) };
    let first = lines(&bytes).next();
    match first {
        None => Ok(None),
        Some((_, b"black")) => Ok(Some(Usage::Black)),
        Some((_, b"white")) => Ok(Some(Usage::White)),
        Some((number, other)) => Err(at_line(
            path,
            number,
            &format!("{:?} is not a usage: expected `black` or `white` on the first line", String::from_utf8_lossy(other)),
        )),
    }
}

/// `global_usage`: blocks of `KEY: value` lines, each block opened by `NAME: category`.
fn read_global_usage(path: &Path) -> Result<BTreeMap<String, Described>, ListsError> {
    let bytes = std::fs::read(path).map_err(|err| whole_file(path, &format!("cannot read the file: {err}")))?;
    let mut described: BTreeMap<String, Described> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (number, line) in lines(&bytes) {
        let text = std::str::from_utf8(line).map_err(|_| at_line(path, number, "the line is not valid UTF-8 text"))?;
        let Some((key, value)) = text.split_once(':') else {
            return Err(at_line(path, number, &format!("{text:?} is not a `KEY: value` line: expected NAME, DEFAULT_TYPE, SOURCE, NAME xx or DESC xx")));
        };
        let (key, value) = (key.trim(), value.trim());
        if key == "NAME" {
            described.entry(value.to_string()).or_default();
            current = Some(value.to_string());
            continue;
        }
        let Some(entry) = current.as_ref().and_then(|name| described.get_mut(name)) else {
            return Err(at_line(path, number, &format!("`{key}` before any `NAME:` line: expected each block to start with `NAME: category`")));
        };
        match key {
            "DEFAULT_TYPE" => {
                entry.default_type = match value {
                    "black" => Some(Usage::Black),
                    "white" => Some(Usage::White),
                    other => return Err(at_line(path, number, &format!("DEFAULT_TYPE {other:?}: expected `black` or `white`"))),
                }
            }
            "NAME FR" => entry.name_fr = Some(value.to_string()),
            "NAME EN" => entry.name_en = Some(value.to_string()),
            "SOURCE" => {}
            _ if is_language_key(key) => {}
            _ => return Err(at_line(path, number, &format!("unknown key `{key}`: expected NAME, DEFAULT_TYPE, SOURCE, NAME xx or DESC xx"))),
        }
    }
    Ok(described)
}

/// `NAME DE`, `DESC RU`…: names and descriptions in languages we do not show.
fn is_language_key(key: &str) -> bool {
    match key.split_once(' ') {
        Some(("NAME" | "DESC", lang)) => lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_uppercase()),
        _ => false,
    }
}

fn at_line(path: &Path, line: usize, message: &str) -> ListsError {
    ListsError::Source(Located {
        location: Location { file: path.display().to_string(), line, column: None },
        message: Message::verbatim(message),
    })
}

fn whole_file(path: &Path, message: &str) -> ListsError {
    ListsError::Source(Located::whole_file(path.display().to_string(), Message::verbatim(message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_normalised_like_the_policy_sees_them() {
        assert_eq!(normalise_host("Example.COM.").unwrap(), "example.com");
        assert_eq!(normalise_host("bücher.example").unwrap(), "xn--bcher-kva.example");
        assert!(normalise_host("a b.com").is_err());
        assert!(normalise_host("a..com").is_err());
        assert!(normalise_host("http://a.com").is_err());
    }

    #[test]
    fn url_entries_keep_the_path_prefix_only() {
        let (hash, path) = parse_url_entry("Astrolabio.net/Casino/?x=1").unwrap();
        assert_eq!(hash, host_hash("astrolabio.net"));
        assert_eq!(path, "/casino/");
        assert_eq!(parse_url_entry("example.com").unwrap().1, "/");
        assert!(parse_url_entry("exa mple.com/x").is_err());
    }

    #[test]
    fn global_usage_keys() {
        assert!(is_language_key("NAME DE"));
        assert!(is_language_key("DESC RU"));
        assert!(!is_language_key("NAME"));
        assert!(!is_language_key("COLOR EN"));
    }
}
