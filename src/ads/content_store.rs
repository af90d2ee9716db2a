//! WebKit's compiled content filters on disk: when to compile, where, and what a session may load.
//!
//! WebKit compiles the JSON into its own bytecode (seconds and hundreds of MB per list), so it is
//! done once per lists, never per session. The compiled store is a folder named after its stamp
//! (`adblock-webkit.<hex>`), and `adblock-webkit` is a link to the current one: a new store is
//! compiled in a folder of its own, stamped, made read-only and only then linked in by a rename,
//! so a session never loads a half-written store, and one that is loading keeps its folder (the
//! previous store is kept until the next one replaces it). The stamp names the WebKit version that
//! compiled it (another version may not read it, and would rewrite it from a session) and each
//! file's size and checksum, which a session checks before loading anything.
//! The WebKit calls themselves are the shell's; they are passed in.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::content_files::{read_json, read_manifest, FilterPaths};
use super::AdsError;

/// Bumped whenever the stamp or the folder layout changes.
pub const STORE_FORMAT: u32 = 1;
const STAMP: &str = "guichet-store";

/// What a compiled store holds, from its stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The WebKit version that compiled it (`2.50.6`).
    pub webkit: String,
    /// Checksum of the manifest text it was compiled from.
    pub manifest: u64,
    /// Rule list identifiers, in the manifest's order.
    pub ids: Vec<String>,
    /// Every file WebKit wrote: name, size, xxh3.
    pub files: Vec<(String, u64, u64)>,
}

impl Stamp {
    fn to_text(&self) -> String {
        let mut text = format!("{STAMP} {STORE_FORMAT}\nwebkit {}\nmanifest {:016x}\n", self.webkit, self.manifest);
        for id in &self.ids {
            let _ = writeln!(text, "filter {id}");
        }
        for (name, size, sum) in &self.files {
            let _ = writeln!(text, "file {name} {size} {sum:016x}");
        }
        text
    }

    fn parse(text: &str, path: &Path) -> Result<Stamp, AdsError> {
        let corrupt = |what| AdsError::StoreDamaged { path: path.to_path_buf(), what };
        let mut lines = text.lines();
        if lines.next() != Some(&format!("{STAMP} {STORE_FORMAT}")) {
            return Err(corrupt("another format version"));
        }
        let webkit = lines.next().and_then(|l| l.strip_prefix("webkit ")).ok_or(corrupt("no WebKit version"))?.to_string();
        let manifest = lines.next().and_then(|l| l.strip_prefix("manifest ")).and_then(|h| u64::from_str_radix(h, 16).ok()).ok_or(corrupt("no manifest checksum"))?;
        let mut stamp = Stamp { webkit, manifest, ids: Vec::new(), files: Vec::new() };
        for line in lines {
            let fields: Vec<&str> = line.split(' ').collect();
            match fields[..] {
                ["filter", id] if plain_name(id) => stamp.ids.push(id.to_string()),
                ["file", name, size, sum] if plain_name(name) => stamp.files.push((
                    name.to_string(),
                    size.parse().map_err(|_| corrupt("a bad file size"))?,
                    u64::from_str_radix(sum, 16).map_err(|_| corrupt("a bad checksum"))?,
                )),
                _ => return Err(corrupt("an unreadable line")),
            }
        }
        if stamp.ids.is_empty() || stamp.files.is_empty() {
            return Err(corrupt("no filter"));
        }
        Ok(stamp)
    }
}

/// A file name inside the store folder: no path, nothing hidden.
fn plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// The store a session may load: its folder (the link resolved once) and the filters in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionStore {
    pub folder: PathBuf,
    pub ids: Vec<String>,
}

/// The current store, checked whole for a session running `webkit`: the stamp, the WebKit
/// version, every file's size and checksum. Any doubt is an error: the session then blocks by
/// host only.
pub fn session_store(paths: &FilterPaths, webkit: &str) -> Result<SessionStore, AdsError> {
    let (folder, stamp) = current(paths)?;
    if stamp.webkit != webkit {
        return Err(AdsError::StoreWebkit { path: folder, compiled: stamp.webkit, running: webkit.to_string() });
    }
    verify(&folder, &stamp)?;
    Ok(SessionStore { folder, ids: stamp.ids })
}

/// The supervisor's quick look before each session: true when the manifest on disk is newer
/// than the store (the lists were updated since it was compiled). False when there is nothing
/// to compile (no manifest: ad blocking off, or the lists unreadable).
pub fn store_is_stale(paths: &FilterPaths) -> bool {
    let Ok((_, manifest)) = read_manifest(paths) else { return false };
    current(paths).map_or(true, |(_, stamp)| stamp.manifest != manifest)
}

/// WebKit's compiler: (store folder, rule list name, JSON) → done, or WebKit's message.
pub type Compiler<'a> = dyn FnMut(&Path, &str, &[u8]) -> Result<(), String> + 'a;

/// What [`compile_store`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compiled {
    /// The store was already that of these rules, for this WebKit, intact.
    UpToDate(PathBuf),
    /// A new store was linked in: its folder and the rule lists in it.
    New { folder: PathBuf, ids: Vec<String> },
}

/// Compiles the rule lists of the manifest into a new store for `webkit` and links it in, unless
/// the current store is already theirs (`force`: whatever it is). `compile(folder, id, json)`
/// is WebKit's compiler. One compilation at a time (a lock beside the store); on any failure the
/// current store is left as it was and the new folder removed.
pub fn compile_store(
    paths: &FilterPaths,
    webkit: &str,
    force: bool,
    compile: &mut Compiler,
) -> Result<Compiled, AdsError> {
    let _lock = lock(paths)?;
    remove_leftovers(paths);
    let (manifest, manifest_sum) = read_manifest(paths)?;
    if !force {
        if let Ok((folder, stamp)) = current(paths) {
            if stamp.manifest == manifest_sum && stamp.webkit == webkit && verify(&folder, &stamp).is_ok() {
                return Ok(Compiled::UpToDate(folder));
            }
        }
    }
    let store = paths.store();
    let staging = sibling(&store, &format!(".new-{}", std::process::id()));
    remove_store(&staging);
    fn write(path: &Path) -> impl FnOnce(io::Error) -> AdsError + '_ {
        move |source| AdsError::StoreWrite { path: path.to_path_buf(), source }
    }
    fs::create_dir_all(&staging).map_err(write(&staging))?;
    let result = (|| {
        let mut ids = Vec::new();
        for entry in &manifest.entries {
            let json = read_json(paths, entry)?;
            compile(&staging, &entry.id, &json).map_err(|message| AdsError::Compile { id: entry.id.clone(), message })?;
            ids.push(entry.id.clone());
        }
        let mut files = Vec::new();
        for item in fs::read_dir(&staging).map_err(write(&staging))? {
            let item = item.map_err(write(&staging))?;
            let name = item.file_name().to_string_lossy().into_owned();
            let (size, sum) = checksum(&item.path()).map_err(write(&item.path()))?;
            files.push((name, size, sum));
        }
        files.sort();
        let stamp = Stamp { webkit: webkit.to_string(), manifest: manifest_sum, ids: ids.clone(), files };
        let text = stamp.to_text();
        fs::write(staging.join(STAMP), &text).map_err(write(&staging))?;
        // Sessions read it; nothing of theirs may change it (WebKit rewrites a store it finds
        // outdated, if it can).
        set_writable(&staging, false).map_err(write(&staging))?;
        let folder = sibling(&store, &format!(".{:016x}", xxh3_64(text.as_bytes())));
        if folder.exists() {
            remove_store(&folder);
        }
        fs::rename(&staging, &folder).map_err(write(&folder))?;
        link(&store, &folder).map_err(write(&store))?;
        Ok(Compiled::New { folder, ids })
    })();
    if result.is_err() {
        remove_store(&staging);
    }
    if let Ok(Compiled::New { folder, .. }) = &result {
        prune(paths, folder);
    }
    result
}

/// The folder the link names and its stamp.
fn current(paths: &FilterPaths) -> Result<(PathBuf, Stamp), AdsError> {
    let store = paths.store();
    let target = fs::read_link(&store).map_err(|source| AdsError::StoreMissing { path: store.clone(), source })?;
    let folder = store.parent().unwrap_or(Path::new(".")).join(target);
    let stamp_path = folder.join(STAMP);
    let text = fs::read_to_string(&stamp_path).map_err(|source| AdsError::StoreMissing { path: stamp_path.clone(), source })?;
    Ok((folder, Stamp::parse(&text, &stamp_path)?))
}

fn verify(folder: &Path, stamp: &Stamp) -> Result<(), AdsError> {
    for (name, size, sum) in &stamp.files {
        let path = folder.join(name);
        let damaged = |what| AdsError::StoreDamaged { path: path.clone(), what };
        let meta = fs::metadata(&path).map_err(|_| damaged("a file is missing"))?;
        if meta.len() != *size || checksum(&path).map_err(|_| damaged("a file cannot be read"))?.1 != *sum {
            return Err(damaged("checksum mismatch"));
        }
    }
    Ok(())
}

/// A file's size and xxh3, read in pieces (the compiled files are tens of MB; a session does
/// not hold them in memory to check them).
fn checksum(path: &Path) -> io::Result<(u64, u64)> {
    use std::io::Read as _;
    let mut file = File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 256 << 10];
    let mut size = 0u64;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            return Ok((size, hasher.digest()));
        }
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
}

/// `adblock-webkit` + `suffix`, in the same folder.
fn sibling(store: &Path, suffix: &str) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    store.with_file_name(name)
}

/// Points the link at `folder` by renaming a new link over it, then flushes the folder.
fn link(store: &Path, folder: &Path) -> io::Result<()> {
    let temporary = sibling(store, &format!(".link-{}", std::process::id()));
    let _ = fs::remove_file(&temporary);
    std::os::unix::fs::symlink(folder.file_name().unwrap_or_default(), &temporary)?;
    if let Err(err) = fs::rename(&temporary, store) {
        let _ = fs::remove_file(&temporary);
        return Err(err);
    }
    File::open(store.parent().unwrap_or(Path::new(".")))?.sync_all()
}

/// Removes every compiled folder but the current one and the one it replaced (a session may be
/// loading from that one right now).
fn prune(paths: &FilterPaths, current: &Path) {
    let store = paths.store();
    let prefix = format!("{}.", store.file_name().unwrap_or_default().to_string_lossy());
    let Ok(items) = fs::read_dir(&paths.folder) else { return };
    let mut old: Vec<(std::time::SystemTime, PathBuf)> = items
        .flatten()
        .filter(|item| item.file_name().to_string_lossy().starts_with(&prefix) && item.path() != current)
        .filter(|item| !item.file_name().to_string_lossy().contains(".new-") && !item.file_name().to_string_lossy().contains(".link-"))
        .filter_map(|item| Some((item.metadata().ok()?.modified().ok()?, item.path())))
        .collect();
    old.sort();
    old.pop();
    for (_, folder) in old {
        remove_store(&folder);
    }
}

/// What a compilation cut short (a power cut, the kiosk stopping) left: with the lock held,
/// no other compilation is using it.
fn remove_leftovers(paths: &FilterPaths) {
    let store = paths.store();
    let name = store.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let Ok(items) = fs::read_dir(&paths.folder) else { return };
    for item in items.flatten() {
        let file = item.file_name().to_string_lossy().into_owned();
        if file.starts_with(&format!("{name}.new-")) {
            remove_store(&item.path());
        } else if file.starts_with(&format!("{name}.link-")) {
            let _ = fs::remove_file(item.path());
        }
    }
}

fn set_writable(folder: &Path, writable: bool) -> io::Result<()> {
    let (file_mode, folder_mode) = if writable { (0o644, 0o755) } else { (0o444, 0o555) };
    if writable {
        fs::set_permissions(folder, fs::Permissions::from_mode(folder_mode))?;
    }
    for item in fs::read_dir(folder)? {
        fs::set_permissions(item?.path(), fs::Permissions::from_mode(file_mode))?;
    }
    if !writable {
        fs::set_permissions(folder, fs::Permissions::from_mode(folder_mode))?;
    }
    Ok(())
}

fn remove_store(folder: &Path) {
    if fs::symlink_metadata(folder).is_ok() {
        let _ = set_writable(folder, true);
        let _ = fs::remove_dir_all(folder);
    }
}

/// Held while compiling: `flock` on `.adblock-webkit.lock`, released on drop.
struct Lock(#[allow(dead_code)] File);

fn lock(paths: &FilterPaths) -> Result<Lock, AdsError> {
    let path = paths.folder.join(format!(".{}-webkit.lock", paths.stem));
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(|source| AdsError::StoreWrite { path: path.clone(), source })?;
    // SAFETY: flock on a descriptor this function owns; it does not touch memory.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
        return Err(AdsError::StoreWrite { path, source: io::Error::last_os_error() });
    }
    Ok(Lock(file))
}

#[cfg(test)]
#[path = "content_store_tests.rs"]
mod tests;
