//! The compiled file's layout, its writer and its checked, memory-mapped reader.
//!
//! ```text
//! header (64 bytes)   magic, format version, counts, list date, body length, xxh3 of the file
//! bucket index        (2^20 + 1) × u32: first hash position of each value of the top 20 bits
//! hashes              domains × u64, sorted
//! set ids             domains × u16: index into the set table; top bit = host has `urls` entries
//! set table           sets × u128: the distinct category sets
//! url records         urls × (hash u64, set u16, path length u16, path offset u32), sorted
//! url paths           u64 length + bytes
//! categories          u64 length + lines `c<TAB>name<TAB>usage<TAB>name fr<TAB>name en`, `a<TAB>alias<TAB>index`
//! ```
//! All integers are little-endian; sections start on 8-byte boundaries.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use memmap2::{Mmap, MmapOptions};
use xxhash_rust::xxh3::Xxh3;

use super::ut1::SourceLists;
use super::{CategoryId, CategoryInfo, CategorySet, ListsError, Usage};

/// Bumped whenever the layout changes; an older file is refused, never misread.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"GUICHCAT";
const HEADER_LEN: usize = 64;
const BUCKET_BITS: u32 = 20;
const BUCKETS: usize = 1 << BUCKET_BITS;
/// Set-id bit telling that the host also has `urls` entries.
const URL_FLAG: u16 = 0x8000;
const MAX_SETS: usize = URL_FLAG as usize;
const URL_RECORD: usize = 16;
/// Where the header keeps the checksum.
const CHECKSUM_AT: usize = 48;

/// xxh3 of the whole file, its checksum field read as zero: a flipped bit anywhere (list date
/// and reserved bytes included) is caught.
fn file_checksum(header: &[u8], body: &[u8]) -> u64 {
    let mut zeroed = [0u8; HEADER_LEN];
    zeroed.copy_from_slice(&header[..HEADER_LEN]);
    zeroed[CHECKSUM_AT..CHECKSUM_AT + 8].fill(0);
    let mut hasher = Xxh3::new();
    hasher.update(&zeroed);
    hasher.update(body);
    hasher.digest()
}

/// What `guichet lists compile` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileSummary {
    pub categories: usize,
    pub aliases: usize,
    /// Distinct hosts (after merging the categories of hosts listed several times), including
    /// hosts that only have `urls` entries.
    pub domains: u64,
    /// `domains` lines read, duplicates included.
    pub domain_lines: u64,
    pub urls: u32,
    pub file_bytes: u64,
    pub list_date: u64,
}

/// Byte offsets of each section, all from the start of the file.
#[derive(Debug, Clone, Copy)]
struct Layout {
    index: usize,
    hashes: usize,
    set_ids: usize,
    sets: usize,
    urls: usize,
    /// Where the length-prefixed url paths start.
    tail: usize,
}

impl Layout {
    fn new(domains: usize, sets: usize, urls: usize) -> Option<Layout> {
        let index = HEADER_LEN;
        let hashes = pad8(index.checked_add((BUCKETS + 1) * 4)?)?;
        let set_ids = hashes.checked_add(domains.checked_mul(8)?)?;
        let sets_at = pad8(set_ids.checked_add(domains.checked_mul(2)?)?)?;
        let urls_at = sets_at.checked_add(sets.checked_mul(16)?)?;
        let tail = urls_at.checked_add(urls.checked_mul(URL_RECORD)?)?;
        Some(Layout { index, hashes, set_ids, sets: sets_at, urls: urls_at, tail })
    }
}

fn pad8(offset: usize) -> Option<usize> {
    offset.checked_add(7).map(|o| o & !7)
}

pub(super) fn write(lists: &SourceLists, output: &Path) -> Result<CompileSummary, ListsError> {
    let write_error = |err| ListsError::Write { path: output.to_path_buf(), source: err };
    let bytes = layout_bytes(lists).map_err(|message| write_error(io::Error::other(message)))?;
    replace_file(output, &bytes).map_err(write_error)?;
    Ok(CompileSummary {
        categories: lists.categories.len(),
        aliases: lists.aliases.len(),
        domains: lists.domains.len() as u64,
        domain_lines: lists.domain_lines,
        urls: lists.urls.len() as u32,
        file_bytes: bytes.len() as u64,
        list_date: lists.list_date,
    })
}

fn layout_bytes(lists: &SourceLists) -> Result<Vec<u8>, String> {
    // Distinct category sets, numbered in order of first use.
    let mut set_numbers: HashMap<u128, u16> = HashMap::new();
    let mut sets: Vec<CategorySet> = Vec::new();
    let mut number_of = |set: CategorySet| -> Result<u16, String> {
        if let Some(n) = set_numbers.get(&set.bits()) {
            return Ok(*n);
        }
        if sets.len() >= MAX_SETS {
            return Err(format!("more than {MAX_SETS} distinct combinations of categories"));
        }
        let n = sets.len() as u16;
        set_numbers.insert(set.bits(), n);
        sets.push(set);
        Ok(n)
    };

    let domains = &lists.domains;
    let mut set_ids = Vec::with_capacity(domains.len());
    let mut url_hashes = lists.urls.iter().map(|u| u.hash).peekable();
    for (hash, set) in domains {
        while url_hashes.next_if(|h| h < hash).is_some() {}
        let flag = if url_hashes.peek() == Some(hash) { URL_FLAG } else { 0 };
        set_ids.push(number_of(*set)? | flag);
    }
    let mut url_sets = Vec::with_capacity(lists.urls.len());
    for entry in &lists.urls {
        url_sets.push(number_of(entry.categories)?);
    }

    let url_count = u32::try_from(lists.urls.len()).map_err(|_| "too many url entries".to_string())?;
    let layout = Layout::new(domains.len(), sets.len(), lists.urls.len()).ok_or("the lists are too large")?;
    let mut out = Vec::with_capacity(layout.tail + 1024);
    out.resize(HEADER_LEN, 0);

    let mut bucket_starts = vec![0u32; BUCKETS + 1];
    for (hash, _) in domains {
        bucket_starts[(hash >> (64 - BUCKET_BITS)) as usize + 1] += 1;
    }
    for i in 1..bucket_starts.len() {
        bucket_starts[i] += bucket_starts[i - 1];
    }
    let domain_total = u32::try_from(domains.len()).map_err(|_| "more than 4 billion domains".to_string())?;
    debug_assert_eq!(bucket_starts[BUCKETS], domain_total);
    for start in &bucket_starts {
        out.extend_from_slice(&start.to_le_bytes());
    }
    out.resize(layout.hashes, 0);
    for (hash, _) in domains {
        out.extend_from_slice(&hash.to_le_bytes());
    }
    for id in &set_ids {
        out.extend_from_slice(&id.to_le_bytes());
    }
    out.resize(layout.sets, 0);
    for set in &sets {
        out.extend_from_slice(&set.bits().to_le_bytes());
    }
    let mut paths = Vec::new();
    for (entry, set) in lists.urls.iter().zip(&url_sets) {
        let length = u16::try_from(entry.path.len()).map_err(|_| format!("a url path of {} bytes", entry.path.len()))?;
        let offset = u32::try_from(paths.len()).map_err(|_| "url paths exceed 4 GiB".to_string())?;
        out.extend_from_slice(&entry.hash.to_le_bytes());
        out.extend_from_slice(&set.to_le_bytes());
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        paths.extend_from_slice(entry.path.as_bytes());
    }
    debug_assert_eq!(out.len(), layout.tail);
    push_blob(&mut out, &paths);
    push_blob(&mut out, category_text(&lists.categories, &lists.aliases).as_bytes());

    let body_len = (out.len() - HEADER_LEN) as u64;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    header.extend_from_slice(&(lists.categories.len() as u32).to_le_bytes());
    header.extend_from_slice(&(domains.len() as u64).to_le_bytes());
    header.extend_from_slice(&url_count.to_le_bytes());
    header.extend_from_slice(&(sets.len() as u32).to_le_bytes());
    header.extend_from_slice(&lists.list_date.to_le_bytes());
    header.extend_from_slice(&body_len.to_le_bytes());
    header.resize(HEADER_LEN, 0);
    let checksum = file_checksum(&header, &out[HEADER_LEN..]);
    header[CHECKSUM_AT..CHECKSUM_AT + 8].copy_from_slice(&checksum.to_le_bytes());
    out[..HEADER_LEN].copy_from_slice(&header);
    Ok(out)
}

fn push_blob(out: &mut Vec<u8>, blob: &[u8]) {
    out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
    out.extend_from_slice(blob);
    out.resize(out.len().div_ceil(8) * 8, 0);
}

/// Names are written on tab-separated lines; a tab or line break inside one becomes a space.
fn category_text(categories: &[CategoryInfo], aliases: &[(String, CategoryId)]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut text = String::new();
    for c in categories {
        text.push_str(&format!("c\t{}\t{}\t{}\t{}\n", c.name, c.usage.as_str(), clean(&c.name_fr), clean(&c.name_en)));
    }
    for (alias, id) in aliases {
        text.push_str(&format!("a\t{alias}\t{}\n", id.index()));
    }
    text
}

/// Writes `bytes` to a new file beside `output`, flushes it to disk, then renames it over
/// `output`. A kiosk that has the old file mapped keeps reading the old inode: truncating or
/// rewriting a mapped file in place would kill it with SIGBUS.
pub(crate) fn replace_file(output: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = output.file_name().and_then(|n| n.to_str()).ok_or_else(|| io::Error::other("expected a file name"))?;
    let temporary = output.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, output)?;
        // The rename itself is durable only once the folder is flushed.
        let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        File::open(folder)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// The list date in a compiled file's header, without mapping or checking the rest (the
/// metrics read it every minute; a session's [`MappedFile::open`] checks everything).
pub(crate) fn read_list_date(path: &Path) -> Result<u64, ListsError> {
    use std::io::Read as _;
    let mut header = [0u8; HEADER_LEN];
    File::open(path)
        .and_then(|mut file| file.read_exact(&mut header))
        .map_err(|source| ListsError::Missing { path: path.to_path_buf(), source })?;
    if &header[..8] != MAGIC {
        return Err(ListsError::Corrupt { path: path.to_path_buf(), what: "not a Guichet category list file".into() });
    }
    let version = read_u32(&header, 8);
    if version != FORMAT_VERSION {
        return Err(ListsError::Version { path: path.to_path_buf(), found: version, expected: FORMAT_VERSION });
    }
    Ok(read_u64(&header, 32))
}

/// The categories in file order, and the aliases that name them.
pub(super) type CategoryTable = (Vec<CategoryInfo>, Vec<(String, CategoryId)>);

/// A found host: its set number and whether `urls` entries exist for it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub set: u16,
    pub has_urls: bool,
}

/// A compiled file, mapped and checked.
pub(super) struct MappedFile {
    map: Mmap,
    layout: Layout,
    domains: usize,
    sets: usize,
    urls: usize,
    category_count: usize,
    list_date: u64,
    /// Start and length of the url path bytes, and of the category text.
    paths: (usize, usize),
    names: (usize, usize),
}

impl MappedFile {
    pub fn open(path: &Path) -> Result<MappedFile, ListsError> {
        let corrupt = |what: &str| ListsError::Corrupt { path: path.to_path_buf(), what: what.to_string() };
        let file = File::open(path).map_err(|source| ListsError::Missing { path: path.to_path_buf(), source })?;
        let length = file.metadata().map_err(|source| ListsError::Missing { path: path.to_path_buf(), source })?.len();
        if length < HEADER_LEN as u64 {
            return Err(corrupt("shorter than its header"));
        }
        // SAFETY: the map is read-only and we only ever replace these files by `rename`, so the
        // mapped inode never changes under us. Another program truncating the file in place
        // would still raise SIGBUS: the installer keeps the folder writable by root only.
        // `populate` reads the pages in one go, which makes the checksum below cheap.
        let map = unsafe { MmapOptions::new().populate().map(&file) }
            .map_err(|source| ListsError::Missing { path: path.to_path_buf(), source })?;
        let bytes: &[u8] = &map;
        if &bytes[..8] != MAGIC {
            return Err(corrupt("not a Guichet category list file"));
        }
        let version = read_u32(bytes, 8);
        if version != FORMAT_VERSION {
            return Err(ListsError::Version { path: path.to_path_buf(), found: version, expected: FORMAT_VERSION });
        }
        let category_count = read_u32(bytes, 12) as usize;
        let domains = usize::try_from(read_u64(bytes, 16)).map_err(|_| corrupt("impossible domain count"))?;
        let urls = read_u32(bytes, 24) as usize;
        let sets = read_u32(bytes, 28) as usize;
        let list_date = read_u64(bytes, 32);
        let body_len = read_u64(bytes, 40);
        let checksum = read_u64(bytes, CHECKSUM_AT);
        if body_len != length - HEADER_LEN as u64 {
            return Err(corrupt("its length differs from the one in its header (cut short?)"));
        }
        let layout = Layout::new(domains, sets, urls).ok_or_else(|| corrupt("impossible counts in its header"))?;
        let paths = blob_at(bytes, layout.tail).ok_or_else(|| corrupt("the url paths run past the end"))?;
        let names = blob_at(bytes, pad8(paths.0 + paths.1).unwrap_or(usize::MAX)).ok_or_else(|| corrupt("the category names run past the end"))?;
        if pad8(names.0 + names.1) != Some(bytes.len()) {
            return Err(corrupt("its sections do not fill the file exactly"));
        }
        if file_checksum(&bytes[..HEADER_LEN], &bytes[HEADER_LEN..]) != checksum {
            return Err(corrupt("checksum mismatch"));
        }
        if read_u32(bytes, layout.index + BUCKETS * 4) as usize != domains || sets > MAX_SETS {
            return Err(corrupt("its bucket index does not match its domain count"));
        }
        Ok(MappedFile { map, layout, domains, sets, urls, category_count, list_date, paths, names })
    }

    pub fn domain_count(&self) -> u64 {
        self.domains as u64
    }

    pub fn url_count(&self) -> u32 {
        self.urls as u32
    }

    pub fn list_date(&self) -> u64 {
        self.list_date
    }

    /// The positions of the hashes that share `hash`'s top bits (4 on average at 4.5 M domains).
    #[inline]
    pub fn bucket(&self, hash: u64) -> (usize, usize) {
        let bytes: &[u8] = &self.map;
        let bucket = (hash >> (64 - BUCKET_BITS)) as usize;
        let start = read_u32(bytes, self.layout.index + bucket * 4) as usize;
        let end = (read_u32(bytes, self.layout.index + bucket * 4 + 4) as usize).min(self.domains);
        (start, end)
    }

    /// Finds a host hash in its bucket (see [`MappedFile::bucket`]).
    #[inline]
    pub fn find_in(&self, (start, end): (usize, usize), hash: u64) -> Option<Entry> {
        let bytes: &[u8] = &self.map;
        for position in start..end {
            let found = read_u64(bytes, self.layout.hashes + position * 8);
            if found == hash {
                let id = read_u16(bytes, self.layout.set_ids + position * 2);
                return Some(Entry { set: id & !URL_FLAG, has_urls: id & URL_FLAG != 0 });
            }
            if found > hash {
                break;
            }
        }
        None
    }

    /// A set by number. A number past the table (impossible in a file that passed the
    /// checksum) reads as every category: deny on doubt.
    pub fn set(&self, number: u16) -> CategorySet {
        if usize::from(number) >= self.sets {
            return CategorySet(u128::MAX);
        }
        CategorySet(read_u128(&self.map, self.layout.sets + usize::from(number) * 16))
    }

    /// Categories of the `urls` entries of one host whose path prefix starts `path`
    /// (compared without regard to ASCII case, as the entries are stored in lower case).
    pub fn url_categories(&self, hash: u64, path: &str) -> CategorySet {
        let bytes: &[u8] = &self.map;
        let record = |i: usize| self.layout.urls + i * URL_RECORD;
        // First record with this hash.
        let (mut low, mut high) = (0, self.urls);
        while low < high {
            let middle = (low + high) / 2;
            if read_u64(bytes, record(middle)) < hash { low = middle + 1 } else { high = middle }
        }
        let mut found = CategorySet::EMPTY;
        for i in low..self.urls {
            let at = record(i);
            if read_u64(bytes, at) != hash {
                break;
            }
            let length = usize::from(read_u16(bytes, at + 10));
            let offset = read_u32(bytes, at + 12) as usize;
            let prefix = bytes.get(self.paths.0 + offset..self.paths.0 + offset + length).unwrap_or(b"/");
            if path.len() >= prefix.len() && path.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix) {
                found = found.union(self.set(read_u16(bytes, at + 8)));
            }
        }
        found
    }

    pub fn categories(&self) -> Result<CategoryTable, String> {
        let text = std::str::from_utf8(&self.map[self.names.0..self.names.0 + self.names.1])
            .map_err(|_| "category names are not UTF-8".to_string())?;
        let mut categories = Vec::new();
        let mut aliases = Vec::new();
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["c", name, usage, fr, en] => categories.push(CategoryInfo {
                    name: name.to_string(),
                    usage: if *usage == "white" { Usage::White } else { Usage::Black },
                    name_fr: fr.to_string(),
                    name_en: en.to_string(),
                }),
                ["a", alias, index] => {
                    let index: u8 = index.parse().map_err(|_| format!("bad alias line {line:?}"))?;
                    aliases.push((alias.to_string(), CategoryId(index)));
                }
                _ => return Err(format!("bad category line {line:?}")),
            }
        }
        if categories.len() != self.category_count || aliases.iter().any(|(_, id)| id.index() >= categories.len()) {
            return Err("the category table does not match its header".to_string());
        }
        Ok((categories, aliases))
    }
}

/// `(start, length)` of a length-prefixed blob at `at`, if it fits in `bytes`.
fn blob_at(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let length = usize::try_from(u64::from_le_bytes(bytes.get(at..at.checked_add(8)?)?.try_into().ok()?)).ok()?;
    let start = at + 8;
    (start.checked_add(length)? <= bytes.len()).then_some((start, length))
}

// Readers for fixed-width integers. Offsets come from a layout checked against the file's
// length at open; an out-of-range read (impossible after those checks) yields zero.
#[inline]
fn read_u16(bytes: &[u8], at: usize) -> u16 {
    bytes.get(at..at + 2).and_then(|b| b.try_into().ok()).map_or(0, u16::from_le_bytes)
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes)
}

#[inline]
fn read_u64(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_le_bytes)
}

#[inline]
fn read_u128(bytes: &[u8], at: usize) -> u128 {
    bytes.get(at..at + 16).and_then(|b| b.try_into().ok()).map_or(0, u128::from_le_bytes)
}
