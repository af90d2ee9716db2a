//! Category lists (UT1) compiled into one file the kiosk maps into memory, and looked up per host.
//!
//! The file holds sorted 64-bit hashes of every listed host, a stored bucket index on their top
//! bits, a parallel array naming each host's set of categories, the `urls` entries (host + path
//! prefix) and the category names. Loading is an `mmap` plus checks; nothing is parsed per host.

mod format;
mod ut1;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::source::Located;
pub use format::{CompileSummary, FORMAT_VERSION};
pub(crate) use format::{read_list_date, replace_file};

/// Most categories one file can name (one bit each in a [`CategorySet`]).
pub const MAX_CATEGORIES: usize = 128;

/// Why category lists could not be compiled or loaded. A kiosk that gets one of these refuses
/// sessions in the modes that need the lists; it never falls back to the open web.
#[derive(Debug, thiserror::Error)]
pub enum ListsError {
    /// A line or file of the UT1 folder that we cannot read as expected.
    #[error("{0}")]
    Source(Located),
    #[error("{}: cannot read the source folder: {source}", path.display())]
    SourceFolder { path: PathBuf, source: io::Error },
    #[error("{}: cannot write the compiled lists: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: the compiled category lists are missing: {source}; run `guichet lists compile`", path.display())]
    Missing { path: PathBuf, source: io::Error },
    #[error("{}: the compiled category lists are damaged ({what}); run `guichet lists compile` again", path.display())]
    Corrupt { path: PathBuf, what: String },
    #[error(
        "{}: the compiled category lists have format {found}, this Guichet reads format {expected}; \
         run `guichet lists compile` again",
        path.display()
    )]
    Version { path: PathBuf, found: u32, expected: u32 },
    #[error("no category lists are configured: set `[filter] lists` to the file `guichet lists compile` writes")]
    NotConfigured,
}

impl ListsError {
    /// The same, for staff in their language (`guichet config check`, `guichet check`).
    pub fn message(&self) -> crate::i18n::staff::Message {
        use crate::source::io_reason;
        use crate::staff;
        match self {
            ListsError::Source(located) => staff!("lists-source", place = located.location.to_string(), problem = located.message.clone()),
            ListsError::SourceFolder { path, source } => staff!("lists-source-folder", path = path.display().to_string(), reason = io_reason(source)),
            ListsError::Write { path, source } => staff!("lists-write", path = path.display().to_string(), reason = io_reason(source)),
            ListsError::Missing { path, source } => staff!("lists-missing", path = path.display().to_string(), reason = io_reason(source)),
            ListsError::Corrupt { path, what } => staff!("lists-corrupt", path = path.display().to_string(), what = what),
            ListsError::Version { path, found, expected } => staff!(
                "lists-version",
                path = path.display().to_string(),
                found = found.to_string(),
                expected = expected.to_string()
            ),
            ListsError::NotConfigured => staff!("lists-not-configured"),
        }
    }
}

/// A category's position in its file (alphabetical order of the UT1 folder names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryId(u8);

impl CategoryId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A set of categories, one bit per [`CategoryId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CategorySet(u128);

impl CategorySet {
    pub const EMPTY: CategorySet = CategorySet(0);

    pub fn with(self, id: CategoryId) -> CategorySet {
        CategorySet(self.0 | 1 << id.0)
    }

    pub fn contains(self, id: CategoryId) -> bool {
        self.0 & (1 << id.0) != 0
    }

    pub fn union(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 | other.0)
    }

    pub fn intersection(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The category with the lowest id, which is what a refusal names.
    pub fn first(self) -> Option<CategoryId> {
        (self.0 != 0).then(|| CategoryId(self.0.trailing_zeros() as u8))
    }

    pub fn iter(self) -> impl Iterator<Item = CategoryId> {
        (0..MAX_CATEGORIES as u8).map(CategoryId).filter(move |id| self.contains(*id))
    }

    fn bits(self) -> u128 {
        self.0
    }
}

/// Whether UT1 meant a category to be blocked or allowed (`usage` / `DEFAULT_TYPE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Black,
    White,
}

impl Usage {
    fn as_str(self) -> &'static str {
        match self {
            Usage::Black => "black",
            Usage::White => "white",
        }
    }
}

/// One category as named in the file: its UT1 folder name and its names for patrons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryInfo {
    pub name: String,
    pub usage: Usage,
    /// `NAME FR` from `global_usage`, or the folder name when it has none.
    pub name_fr: String,
    pub name_en: String,
}

/// Compiled category lists, mapped read-only. Cheap to share behind an `Arc`.
pub struct CategoryLists {
    file: format::MappedFile,
    categories: Vec<CategoryInfo>,
    /// Other names of a category (`porn` → `adult`), from the folder's alias files.
    aliases: Vec<(String, CategoryId)>,
    path: PathBuf,
}

impl fmt::Debug for CategoryLists {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CategoryLists")
            .field("path", &self.path)
            .field("domains", &self.file.domain_count())
            .field("urls", &self.file.url_count())
            .field("categories", &self.categories.len())
            .finish()
    }
}

impl CategoryLists {
    /// Maps and checks a compiled file: header, format version, sizes and checksum.
    pub fn open(path: &Path) -> Result<CategoryLists, ListsError> {
        let file = format::MappedFile::open(path)?;
        let (categories, aliases) = file.categories().map_err(|what| ListsError::Corrupt { path: path.to_path_buf(), what })?;
        Ok(CategoryLists { file, categories, aliases, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn categories(&self) -> &[CategoryInfo] {
        &self.categories
    }

    pub fn category(&self, id: CategoryId) -> Option<&CategoryInfo> {
        self.categories.get(id.index())
    }

    pub fn domain_count(&self) -> u64 {
        self.file.domain_count()
    }

    pub fn url_count(&self) -> u32 {
        self.file.url_count()
    }

    /// The date of the newest source file, in seconds since 1970 (UTC).
    pub fn list_date(&self) -> u64 {
        self.file.list_date()
    }

    /// A category by its UT1 folder name or one of its aliases.
    pub fn resolve(&self, name: &str) -> Option<CategoryId> {
        if let Some(index) = self.categories.iter().position(|c| c.name == name) {
            return Some(CategoryId(index as u8));
        }
        self.aliases.iter().find(|(alias, _)| alias == name).map(|(_, id)| *id)
    }

    /// The categories of a lower-case DNS name (no trailing dot) and of every parent domain,
    /// plus those of the `urls` entries whose host and path prefix match, when `path` is known.
    pub fn lookup(&self, host: &str, path: Option<&str>) -> CategorySet {
        // Hash a batch of suffixes first, then find every bucket, then scan them: each step's
        // memory reads do not wait for one another, so the processor overlaps their cache misses.
        const BATCH: usize = 8;
        let mut found = CategorySet::EMPTY;
        let mut next = Some(host);
        while next.is_some() {
            let mut hashes = [0u64; BATCH];
            let mut count = 0;
            while let (Some(suffix), true) = (next, count < BATCH) {
                hashes[count] = host_hash(suffix);
                count += 1;
                next = suffix.find('.').map(|dot| &suffix[dot + 1..]);
            }
            let mut buckets = [(0, 0); BATCH];
            for (bucket, hash) in buckets.iter_mut().zip(&hashes[..count]) {
                *bucket = self.file.bucket(*hash);
            }
            for (bucket, hash) in buckets.iter().zip(&hashes[..count]) {
                let Some(entry) = self.file.find_in(*bucket, *hash) else { continue };
                found = found.union(self.file.set(entry.set));
                if let (true, Some(path)) = (entry.has_urls, path) {
                    found = found.union(self.file.url_categories(*hash, path));
                }
            }
        }
        found
    }
}

/// The fixed hash of a host name, shared by the compiler and the lookup. xxh3 has no key, so a
/// file compiled on one machine reads the same on every other.
fn host_hash(host: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(host.as_bytes())
}

/// Compiles a UT1-shaped folder into `output`. The new file is written beside `output` and
/// renamed over it only when complete, so a previous file (perhaps mapped by a running kiosk)
/// is never truncated, and is left as it was on any error.
pub fn compile(source: &Path, output: &Path) -> Result<CompileSummary, ListsError> {
    let lists = ut1::read_folder(source)?;
    format::write(&lists, output)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_name_their_lowest_category() {
        let set = CategorySet::EMPTY.with(CategoryId(70)).with(CategoryId(3));
        assert_eq!(set.first(), Some(CategoryId(3)));
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![CategoryId(3), CategoryId(70)]);
        assert!(set.intersection(CategorySet::EMPTY.with(CategoryId(4))).is_empty());
        assert_eq!(CategorySet::EMPTY.with(CategoryId(127)).first(), Some(CategoryId(127)));
    }
}
