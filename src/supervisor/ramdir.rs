//! Session folders that live in RAM and are wiped for good: a tmpfs mounted for the session
//! when we are root, otherwise a 0700 folder on a RAM-backed file system. Wiping overwrites every
//! file with zeros, unlinks it, unmounts, and checks that nothing is left.

use std::ffi::CString;
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Folder names under the root; anything else there is not ours and is never touched.
pub const PREFIX: &str = "session-";
/// Size limit of a session's tmpfs (downloads, WebKit's own files).
const TMPFS_SIZE: &str = "size=1g";
const TMPFS_MAGIC: i64 = 0x0102_1994;
const RAMFS_MAGIC: i64 = 0x8584_58f6;

#[derive(Debug, thiserror::Error)]
pub enum RamError {
    #[error("{path} is not in RAM (it is on a {fs} file system): run as root so that Guichet mounts a RAM file system per session, or set [session] folder to a tmpfs such as /dev/shm/guichet")]
    NotInRam { path: PathBuf, fs: String },
    #[error("cannot create the session folder {path}: {source}")]
    Create { path: PathBuf, source: io::Error },
    #[error("cannot mount a RAM file system on {path}: {source}")]
    Mount { path: PathBuf, source: io::Error },
    #[error("cannot wipe {path}: {source}")]
    Wipe { path: PathBuf, source: io::Error },
    #[error("cannot unmount {path}: {source}{holders}")]
    Unmount { path: PathBuf, source: io::Error, holders: String },
    #[error("{path} is still there after the wipe")]
    StillThere { path: PathBuf },
}

/// What a wipe did, for the log and the figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WipeReport {
    pub files: u64,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// One session's folder.
#[derive(Debug)]
pub struct RamFolder {
    path: PathBuf,
    mounted: bool,
}

impl RamFolder {
    /// Creates `root/session-<name>` in RAM, or refuses.
    pub fn create(root: &Path, name: &str) -> Result<RamFolder, RamError> {
        let path = root.join(format!("{PREFIX}{name}"));
        let create = |source| RamError::Create { path: path.clone(), source };
        std::fs::DirBuilder::new().mode(0o700).create(&path).map_err(create)?;
        // SAFETY: geteuid has no preconditions.
        let root_user = unsafe { libc::geteuid() } == 0;
        if root_user {
            if let Err(source) = mount_tmpfs(&path) {
                let _ = std::fs::remove_dir(&path);
                return Err(RamError::Mount { path, source });
            }
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).map_err(create)?;
            return Ok(RamFolder { path, mounted: true });
        }
        match file_system(&path) {
            Ok(kind) if kind == TMPFS_MAGIC || kind == RAMFS_MAGIC => Ok(RamFolder { path, mounted: false }),
            Ok(kind) => {
                let _ = std::fs::remove_dir(&path);
                Err(RamError::NotInRam { path: root.to_path_buf(), fs: format!("0x{kind:x}") })
            }
            Err(source) => Err(RamError::Create { path, source }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Overwrites and removes everything, unmounts, and checks the folder is gone. Every
    /// process that used the folder must have ended first.
    pub fn wipe(self) -> Result<WipeReport, RamError> {
        wipe_path(&self.path, self.mounted)
    }
}

/// Wipes folders a previous run left behind (after a crash or a power cut of the supervisor).
/// `before_wipe` is called with each folder first (to stop what still runs in it). Returns what
/// was wiped; the first failure stops the sweep.
pub fn sweep(root: &Path, mut before_wipe: impl FnMut(&Path)) -> Result<Vec<(PathBuf, WipeReport)>, RamError> {
    let mut wiped = Vec::new();
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(wiped),
        Err(source) => return Err(RamError::Wipe { path: root.to_path_buf(), source }),
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let ours = entry.file_name().to_string_lossy().starts_with(PREFIX);
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            before_wipe(&path);
            let mounted = is_mount_point(&path);
            let report = wipe_path(&path, mounted)?;
            wiped.push((path, report));
        }
    }
    Ok(wiped)
}

fn wipe_path(path: &Path, mounted: bool) -> Result<WipeReport, RamError> {
    let started = Instant::now();
    let mut report = WipeReport::default();
    // Mounts inside the folder (bubblewrap's) are known before the walk: the session's processes
    // are gone, so no new one can appear.
    let inner_mounts = mount_points();
    overwrite_and_remove(path, &inner_mounts, &mut report).map_err(|source| RamError::Wipe { path: path.to_path_buf(), source })?;
    if mounted || is_mount_point(path) {
        unmount_when_free(path).map_err(|source| RamError::Unmount { path: path.to_path_buf(), source, holders: holders(path) })?;
    }
    match std::fs::remove_dir(path) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(source) => return Err(RamError::Wipe { path: path.to_path_buf(), source }),
    }
    if path.symlink_metadata().is_ok() || is_mount_point(path) {
        return Err(RamError::StillThere { path: path.to_path_buf() });
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Depth first: files are overwritten with zeros then unlinked; links, sockets and pipes are
/// unlinked (never followed); folders are removed once empty. The top folder stays.
fn overwrite_and_remove(folder: &Path, mounts: &[PathBuf], report: &mut WipeReport) -> io::Result<()> {
    // Our own processes may have left read-only folders (the WebKit sandbox does).
    let _ = std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700));
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if path.canonicalize().is_ok_and(|canonical| mounts.contains(&canonical)) {
                // A mount inside the session folder (bubblewrap's) is not ours to fill with
                // zeros; unmount it, then wipe what is under it.
                unmount(&path)?;
            }
            overwrite_and_remove(&path, mounts, report)?;
            std::fs::remove_dir(&path)?;
        } else if kind.is_file() {
            report.bytes += overwrite(&path)?;
            report.files += 1;
            std::fs::remove_file(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn overwrite(path: &Path) -> io::Result<u64> {
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    let length = path.symlink_metadata()?.len();
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let zeros = [0u8; 64 * 1024];
    let mut left = length;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_data()?;
    Ok(length)
}

fn mount_tmpfs(path: &Path) -> io::Result<()> {
    let target = c_path(path)?;
    let source = CString::new("tmpfs").expect("no NUL");
    let flags = libc::MS_NOSUID | libc::MS_NODEV;
    // `noswap` (Linux 6.4+) keeps the pages out of swap; older kernels refuse the option, and
    // then the installer's "no swap" is what keeps them off the disk.
    for options in [format!("{TMPFS_SIZE},mode=0700,noswap"), format!("{TMPFS_SIZE},mode=0700")] {
        let data = CString::new(options).expect("no NUL");
        // SAFETY: all pointers are valid NUL-terminated strings for the duration of the call.
        let result = unsafe { libc::mount(source.as_ptr(), target.as_ptr(), source.as_ptr(), flags, data.as_ptr().cast()) };
        if result == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.raw_os_error() != Some(libc::EINVAL) {
            return Err(err);
        }
    }
    Err(io::Error::from_raw_os_error(libc::EINVAL))
}

fn unmount(path: &Path) -> io::Result<()> {
    let target = c_path(path)?;
    // SAFETY: a valid NUL-terminated path. Detaching is not used: a busy mount must fail loudly.
    if unsafe { libc::umount2(target.as_ptr(), 0) } == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

/// The kernel releases a killed process's files and mount namespaces a moment after it is
/// reaped: a busy mount gets a short grace period, then the error stands.
fn unmount_when_free(path: &Path) -> io::Result<()> {
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        match unmount(path) {
            Err(err) if err.raw_os_error() == Some(libc::EBUSY) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            result => return result,
        }
    }
}

/// For the log of a failed unmount: which processes still use the folder (working folder,
/// root, open files, mapped files) and which mounts sit inside it.
fn holders(path: &Path) -> String {
    let Ok(folder) = path.canonicalize() else { return String::new() };
    let mut found = Vec::new();
    let inner = mount_points().iter().filter(|mount| mount.starts_with(&folder) && **mount != folder).count();
    if inner > 0 {
        found.push(format!("{inner} mounts inside it"));
    }
    let inside = |link: PathBuf| std::fs::read_link(link).is_ok_and(|target| target.starts_with(&folder));
    for entry in std::fs::read_dir("/proc").into_iter().flatten().filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let proc_dir = entry.path();
        let uses = inside(proc_dir.join("cwd"))
            || inside(proc_dir.join("root"))
            || std::fs::read_dir(proc_dir.join("fd")).into_iter().flatten().filter_map(Result::ok).any(|fd| inside(fd.path()))
            || std::fs::read_to_string(proc_dir.join("maps")).is_ok_and(|maps| maps.contains(folder.to_string_lossy().as_ref()));
        if uses {
            let name = std::fs::read_to_string(proc_dir.join("comm")).unwrap_or_default();
            found.push(format!("pid {pid} ({})", name.trim()));
        }
    }
    if found.is_empty() { String::new() } else { format!(" (held by: {})", found.join(", ")) }
}

fn file_system(path: &Path) -> io::Result<i64> {
    let target = c_path(path)?;
    let mut stats: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: statfs fills the struct for a valid path.
    if unsafe { libc::statfs(target.as_ptr(), &mut stats) } == 0 {
        Ok(stats.f_type as i64)
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Whether `path` is listed as a mount point in this process's mount table.
pub fn is_mount_point(path: &Path) -> bool {
    path.canonicalize().is_ok_and(|canonical| mount_points().contains(&canonical))
}

/// Every mount point in this process's mount table (empty if it cannot be read).
fn mount_points() -> Vec<PathBuf> {
    let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else { return Vec::new() };
    table.lines().filter_map(|line| line.split(' ').nth(4).map(unescape_mount_path)).collect()
}

/// mountinfo escapes spaces, tabs, newlines and backslashes as octal.
pub(crate) fn unescape_mount_path(field: &str) -> PathBuf {
    let mut bytes = Vec::with_capacity(field.len());
    let raw = field.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && i + 3 < raw.len() {
            if let Ok(value) = u8::from_str_radix(&field[i + 1..i + 4], 8) {
                bytes.push(value);
                i += 4;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    PathBuf::from(std::ffi::OsStr::from_bytes(&bytes))
}

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path with NUL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        // A RAM-backed place both for root (which mounts its own) and for other users.
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let dir = base.join(format!("guichet-ramdir-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_wiped_folder_is_gone_with_its_files() {
        let root = scratch("wipe");
        let folder = RamFolder::create(&root, "1").unwrap();
        let path = folder.path().to_path_buf();
        std::fs::create_dir_all(path.join("home/.cache/deep")).unwrap();
        std::fs::write(path.join("home/.cache/deep/cookie"), b"secret-canary").unwrap();
        std::fs::write(path.join("attestation.pdf"), vec![7u8; 200_000]).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", path.join("link")).unwrap();
        std::fs::set_permissions(path.join("home/.cache/deep"), std::fs::Permissions::from_mode(0o500)).unwrap();
        let report = folder.wipe().unwrap();
        assert_eq!((report.files, report.bytes), (2, 200_000 + 13));
        assert!(!path.exists());
        assert!(Path::new("/etc/passwd").exists(), "links are removed, never followed");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn leftovers_are_swept_and_strangers_left_alone() {
        let root = scratch("sweep");
        let left = RamFolder::create(&root, "old").unwrap();
        std::fs::write(left.path().join("f"), b"x").unwrap();
        std::fs::create_dir(root.join("not-ours")).unwrap();
        let path = left.path().to_path_buf();
        std::mem::forget(left);
        let swept = sweep(&root, |_| {}).unwrap();
        assert_eq!(swept.len(), 1);
        assert!(!path.exists());
        assert!(root.join("not-ours").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn mountinfo_paths_are_unescaped() {
        assert_eq!(unescape_mount_path("/a\\040b"), PathBuf::from("/a b"));
        assert_eq!(unescape_mount_path("/plain"), PathBuf::from("/plain"));
    }
}
