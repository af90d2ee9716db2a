//! Unpacks a downloaded UT1 `tar.gz` into a fresh folder without trusting it: nothing is written
//! outside the folder, links stay inside it and point down only, and the unpacked size and the
//! number of entries are bounded before anything is read into memory or onto the disk.

use std::cell::Cell;
use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use flate2::bufread::GzDecoder;
use tar::EntryType;

/// How much an archive may unpack to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnpackLimits {
    /// Total bytes of the files' contents.
    pub max_bytes: u64,
    /// Files, folders and links together.
    pub max_entries: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("not a readable tar.gz archive (damaged or cut short): {0}")]
    Corrupt(io::Error),
    #[error("data after the end of the compressed archive: expected one gzip stream")]
    TrailingData,
    #[error("entry {entry:?} would land outside the folder it is unpacked into (an absolute path or `..`)")]
    Escapes { entry: String },
    #[error("link {entry:?} points to {target:?}: expected a link to a name beside or under it, without `..`")]
    LinkEscapes { entry: String, target: String },
    #[error("entry {entry:?} is {kind}: expected files, folders and links only")]
    Unsupported { entry: String, kind: String },
    #[error("entry {entry:?} is written twice, or through a link: expected each name once")]
    Overwrites { entry: String },
    #[error("more than {limit} entries: raise `[updates] unpacked_max_files` if this archive is genuine")]
    TooManyEntries { limit: u64 },
    #[error("unpacks to more than {limit} bytes: raise `[updates] unpacked_max_mb` if this archive is genuine")]
    TooLarge { limit: u64 },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// Unpacks `archive` (gzip-compressed tar) into `folder`, which must exist and be empty.
/// Files get the modification time the archive gives them (never later than now): the compiled
/// lists take their date from it. On error, what was unpacked so far stays for the caller to
/// remove with the folder.
pub fn unpack(archive: &[u8], folder: &Path, limits: UnpackLimits) -> Result<(), ArchiveError> {
    // Headers and padding come on top of the files' contents: bound the whole stream too, so a
    // stream of metadata or padding cannot run forever either.
    let stream_limit = limits.max_bytes.saturating_add(limits.max_entries.saturating_add(16).saturating_mul(3 * 512));
    let read = Rc::new(Cell::new(0u64));
    let decoder = GzDecoder::new(archive);
    let mut tar = tar::Archive::new(Bounded { inner: decoder, read: Rc::clone(&read), limit: stream_limit });
    let too_large = |err: io::Error| if read.get() > stream_limit { ArchiveError::TooLarge { limit: limits.max_bytes } } else { ArchiveError::Corrupt(err) };

    let mut entries_seen = 0u64;
    let mut bytes_left = limits.max_bytes;
    let now = SystemTime::now();
    for entry in tar.entries().map_err(too_large)? {
        let mut entry = entry.map_err(too_large)?;
        let kind = entry.header().entry_type();
        if matches!(kind, EntryType::XGlobalHeader | EntryType::XHeader | EntryType::GNULongName | EntryType::GNULongLink) {
            continue;
        }
        entries_seen += 1;
        if entries_seen > limits.max_entries {
            return Err(ArchiveError::TooManyEntries { limit: limits.max_entries });
        }
        let raw_path = entry.path().map_err(too_large)?.into_owned();
        let shown = raw_path.display().to_string();
        let Some(relative) = inside(&raw_path) else {
            // `./`, the archive's own top folder, is the folder we unpack into.
            if kind == EntryType::Directory && raw_path.components().all(|c| c == Component::CurDir) {
                continue;
            }
            return Err(ArchiveError::Escapes { entry: shown });
        };
        let target = folder.join(&relative);
        make_parents(folder, &relative, &shown)?;
        match kind {
            EntryType::Regular | EntryType::Continuous => {
                let size = entry.header().size().map_err(too_large)?;
                if size > bytes_left {
                    return Err(ArchiveError::TooLarge { limit: limits.max_bytes });
                }
                let mut file = create_new(&target, &shown)?;
                let copied = io::copy(&mut (&mut entry).take(bytes_left + 1), &mut file).map_err(|err| {
                    if read.get() > stream_limit { ArchiveError::TooLarge { limit: limits.max_bytes } } else { ArchiveError::Corrupt(err) }
                })?;
                if copied > bytes_left {
                    return Err(ArchiveError::TooLarge { limit: limits.max_bytes });
                }
                bytes_left -= copied;
                let written = entry.header().mtime().ok().map(|s| UNIX_EPOCH + Duration::from_secs(s));
                let modified = written.filter(|t| *t <= now).unwrap_or(now);
                file.set_modified(modified).map_err(|source| ArchiveError::Write { path: target.clone(), source })?;
            }
            EntryType::Directory => make_folder(&target, &shown)?,
            EntryType::Symlink => {
                let link = entry.link_name().map_err(too_large)?.map(|l| l.into_owned()).unwrap_or_default();
                if !points_down(&link) {
                    return Err(ArchiveError::LinkEscapes { entry: shown, target: link.display().to_string() });
                }
                std::os::unix::fs::symlink(&link, &target).map_err(|err| write_or_overwrite(err, &target, &shown))?;
            }
            EntryType::Link => {
                // A hard link names another entry of the archive, from the top of the archive.
                let link = entry.link_name().map_err(too_large)?.map(|l| l.into_owned()).unwrap_or_default();
                let Some(existing) = inside(&link) else {
                    return Err(ArchiveError::LinkEscapes { entry: shown, target: link.display().to_string() });
                };
                fs::hard_link(folder.join(existing), &target).map_err(|err| write_or_overwrite(err, &target, &shown))?;
            }
            other => return Err(ArchiveError::Unsupported { entry: shown, kind: describe(other) }),
        }
    }

    // The tar reader stops at the end-of-archive blocks; read the rest of the gzip stream so that
    // its checksum and length (the last 8 bytes) are checked, then make sure nothing follows it.
    let mut rest = tar.into_inner();
    io::copy(&mut rest, &mut io::sink()).map_err(too_large)?;
    if !rest.inner.into_inner().is_empty() {
        return Err(ArchiveError::TrailingData);
    }
    Ok(())
}

/// A path inside the folder: plain names only (`./` ignored). `None` for an absolute path, one
/// with `..`, or an empty one.
fn inside(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            Component::RootDir | Component::ParentDir | Component::Prefix(_) => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// A symbolic link's target that can only lead down from the link's own folder (UT1's aliases
/// are `porn -> adult`): relative, no `..`. Following any number of such links never leaves the
/// unpacked folder.
fn points_down(target: &Path) -> bool {
    !target.as_os_str().is_empty()
        && target.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && inside(target).is_some()
}

/// Creates the folders above `relative`, refusing to go through a link (which could lead a
/// later entry onto a file unpacked earlier).
fn make_parents(folder: &Path, relative: &Path, shown: &str) -> Result<(), ArchiveError> {
    let mut at = folder.to_path_buf();
    let parents: Vec<_> = relative.components().collect();
    for component in &parents[..parents.len().saturating_sub(1)] {
        at.push(component);
        make_folder(&at, shown)?;
    }
    Ok(())
}

/// A folder that already exists as a real folder is fine (archives list `a/` after `a/b`
/// sometimes); a link or a file in its place is not.
fn make_folder(path: &Path, shown: &str) -> Result<(), ArchiveError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(ArchiveError::Overwrites { entry: shown.to_string() }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            fs::create_dir(path).map_err(|source| ArchiveError::Write { path: path.to_path_buf(), source })
        }
        Err(source) => Err(ArchiveError::Write { path: path.to_path_buf(), source }),
    }
}

/// Opens a new file; an existing name (a link included: `O_EXCL` never follows one) is refused.
fn create_new(path: &Path, shown: &str) -> Result<fs::File, ArchiveError> {
    OpenOptions::new().write(true).create_new(true).open(path).map_err(|err| write_or_overwrite(err, path, shown))
}

fn write_or_overwrite(err: io::Error, path: &Path, shown: &str) -> ArchiveError {
    if err.kind() == io::ErrorKind::AlreadyExists {
        ArchiveError::Overwrites { entry: shown.to_string() }
    } else {
        ArchiveError::Write { path: path.to_path_buf(), source: err }
    }
}

fn describe(kind: EntryType) -> String {
    match kind {
        EntryType::Char => "a character device".into(),
        EntryType::Block => "a block device".into(),
        EntryType::Fifo => "a named pipe".into(),
        EntryType::GNUSparse => "a sparse file".into(),
        other => format!("an entry of type {:?}", other.as_byte() as char),
    }
}

/// Counts what is read through it and fails once more than `limit` bytes came out: bounds a
/// decompression bomb whatever the tar reader does with the bytes.
struct Bounded<R> {
    inner: R,
    read: Rc<Cell<u64>>,
    limit: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        if self.read.get() > self.limit {
            return Err(io::Error::other("the archive unpacks to more than allowed"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: UnpackLimits = UnpackLimits { max_bytes: 1 << 20, max_entries: 100 };

    /// A tar.gz of hand-made entries: (name, type, link target, contents).
    fn archive(entries: &[(&str, EntryType, &str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default()));
        for (name, kind, link, data) in entries {
            let mut header = tar::Header::new_gnu();
            let gnu = header.as_gnu_mut().unwrap();
            gnu.name[..name.len()].copy_from_slice(name.as_bytes());
            gnu.linkname[..link.len()].copy_from_slice(link.as_bytes());
            header.set_entry_type(*kind);
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append(&header, *data).unwrap();
        }
        builder.into_inner().unwrap().finish().unwrap()
    }

    fn unpacked(bytes: &[u8]) -> (tempfile::TempDir, Result<(), ArchiveError>) {
        let dir = tempfile::tempdir().unwrap();
        let result = unpack(bytes, dir.path(), LIMITS);
        (dir, result)
    }

    #[test]
    fn files_folders_and_links_that_stay_inside() {
        let bytes = archive(&[
            ("./", EntryType::Directory, "", b""),
            ("blacklists/adult/domains", EntryType::Regular, "", b"adult.example\n"),
            ("blacklists/porn", EntryType::Symlink, "adult", b""),
            ("blacklists/copy", EntryType::Link, "blacklists/adult/domains", b""),
            ("blacklists/adult/", EntryType::Directory, "", b""),
        ]);
        let (dir, result) = unpacked(&bytes);
        result.unwrap();
        assert_eq!(std::fs::read(dir.path().join("blacklists/porn/domains")).unwrap(), b"adult.example\n");
        assert_eq!(std::fs::read(dir.path().join("blacklists/copy")).unwrap(), b"adult.example\n");
    }

    #[test]
    fn nothing_is_written_twice_or_through_a_link() {
        let twice = archive(&[("a", EntryType::Regular, "", b"1"), ("a", EntryType::Regular, "", b"2")]);
        assert!(matches!(unpacked(&twice).1, Err(ArchiveError::Overwrites { .. })));
        // `b -> a` is inside, but a file written through it would change `a`'s contents.
        let through = archive(&[("a/x", EntryType::Regular, "", b"1"), ("b", EntryType::Symlink, "a", b""), ("b/x", EntryType::Regular, "", b"2")]);
        let (dir, result) = unpacked(&through);
        assert!(matches!(result, Err(ArchiveError::Overwrites { .. })), "{result:?}");
        assert_eq!(std::fs::read(dir.path().join("a/x")).unwrap(), b"1");
        let fifo = archive(&[("pipe", EntryType::Fifo, "", b"")]);
        assert!(matches!(unpacked(&fifo).1, Err(ArchiveError::Unsupported { .. })));
        let hard = archive(&[("h", EntryType::Link, "../../etc/passwd", b"")]);
        assert!(matches!(unpacked(&hard).1, Err(ArchiveError::LinkEscapes { .. })));
    }

    #[test]
    fn the_gzip_checksum_and_end_are_checked_after_the_tar_ends() {
        let good = archive(&[("a", EntryType::Regular, "", b"contents")]);
        assert!(unpacked(&good).1.is_ok());
        // The CRC-32 is in the last 8 bytes, after the tar's end: read anyway.
        let mut bad_crc = good.clone();
        let at = bad_crc.len() - 8;
        bad_crc[at] ^= 1;
        assert!(matches!(unpacked(&bad_crc).1, Err(ArchiveError::Corrupt(_))));
        let mut trailing = good.clone();
        trailing.extend_from_slice(b"<html>");
        assert!(matches!(unpacked(&trailing).1, Err(ArchiveError::TrailingData)));
        assert!(matches!(unpacked(&good[..good.len() - 20]).1, Err(ArchiveError::Corrupt(_))));
        assert!(matches!(unpacked(b"plain text, no gzip").1, Err(ArchiveError::Corrupt(_))));
    }

    #[test]
    fn sizes_and_counts_are_bounded() {
        let big = vec![0u8; (LIMITS.max_bytes + 1) as usize];
        let bomb = archive(&[("zeros", EntryType::Regular, "", &big)]);
        assert!(bomb.len() < 4096, "a small download");
        assert!(matches!(unpacked(&bomb).1, Err(ArchiveError::TooLarge { .. })));
        let names: Vec<String> = (0..=LIMITS.max_entries).map(|i| format!("f{i}")).collect();
        let many: Vec<(&str, EntryType, &str, &[u8])> = names.iter().map(|n| (n.as_str(), EntryType::Regular, "", &b""[..])).collect();
        assert!(matches!(unpacked(&archive(&many)).1, Err(ArchiveError::TooManyEntries { limit: 100 })));
    }

    #[test]
    fn only_plain_names_stay_inside() {
        assert_eq!(inside(Path::new("./blacklists/adult/domains")), Some(PathBuf::from("blacklists/adult/domains")));
        assert_eq!(inside(Path::new("/etc/passwd")), None);
        assert_eq!(inside(Path::new("blacklists/../../x")), None);
        assert_eq!(inside(Path::new("./")), None);
        assert!(points_down(Path::new("adult")));
        assert!(points_down(Path::new("./sub/file")));
        assert!(!points_down(Path::new("../adult")));
        assert!(!points_down(Path::new("/etc")));
        assert!(!points_down(Path::new("a/../../b")));
        assert!(!points_down(Path::new("")));
    }
}
