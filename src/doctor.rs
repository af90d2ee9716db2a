//! `guichet doctor`: whether this machine keeps what the kiosk forgets out of reach — session
//! folders in RAM, no swap, freed memory zeroed, no print job kept, WebKit's sandbox able to
//! start. Each check is a pure function of the text it reads; [`Facts::gather`] does the reading.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::Config;

/// The account the package's unit runs the kiosk as (created by the package's postinst).
pub const KIOSK_USER: &str = "guichet";
pub const CUPSD_CONF: &str = "/etc/cups/cupsd.conf";

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: &'static str,
    pub ok: bool,
    /// What is the case (ok) or what staff should do (todo), in plain words.
    pub text: String,
}

impl Finding {
    fn new(check: &'static str, ok: bool, text: Text, args: &[(&str, &str)]) -> Finding {
        Finding { check, ok, text: render(text, args) }
    }

    /// `ok   check: text` or `todo check: text`.
    pub fn line(&self) -> String {
        format!("{} {}: {}", if self.ok { "ok  " } else { "todo" }, self.check, self.text)
    }
}

/// A file as read: its text, or why it could not be read (`NotFound` kept apart: for CUPS,
/// absent means not installed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Text(String),
    Missing,
    Failed(String),
}

impl Read {
    pub fn file(path: &Path) -> Read {
        match std::fs::read_to_string(path) {
            Ok(text) => Read::Text(text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Read::Missing,
            Err(err) => Read::Failed(err.to_string()),
        }
    }
}

/// Everything the checks look at.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Where the kiosk makes session folders, and whose runtime folder it is in, if known.
    pub session_root: PathBuf,
    pub swaps: Read,
    pub cmdline: Read,
    pub mounts: Read,
    pub cupsd_conf: Read,
    /// `/proc/sys/kernel/unprivileged_userns_clone` (Debian), `/proc/sys/user/max_user_namespaces`,
    /// `/proc/sys/kernel/apparmor_restrict_unprivileged_userns` (Ubuntu 23.10 and later).
    pub userns_clone: Read,
    pub max_user_namespaces: Read,
    pub apparmor_restrict_userns: Read,
}

impl Facts {
    /// Reads this machine. `env_runtime_dir` is `XDG_RUNTIME_DIR` as `main` found it: the
    /// session folders' root is the kiosk user's, as the unit would see it (its runtime folder
    /// from logind, `/run/user/UID`), when that user exists and is not us.
    pub fn gather(config: &Config, env_runtime_dir: Option<&Path>) -> Facts {
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        // SAFETY: geteuid has no preconditions.
        let me = unsafe { libc::geteuid() };
        let runtime_dir = match user_id(&passwd, KIOSK_USER) {
            Some(uid) if uid != me => Some(PathBuf::from(format!("/run/user/{uid}"))),
            _ => env_runtime_dir.map(Path::to_path_buf),
        };
        let root = config.session_folder_root(runtime_dir.as_deref());
        let root = std::path::absolute(&root).unwrap_or(root);
        Facts {
            session_root: resolve_links(&root),
            swaps: Read::file(Path::new("/proc/swaps")),
            cmdline: Read::file(Path::new("/proc/cmdline")),
            mounts: Read::file(Path::new("/proc/self/mounts")),
            cupsd_conf: Read::file(Path::new(CUPSD_CONF)),
            userns_clone: Read::file(Path::new("/proc/sys/kernel/unprivileged_userns_clone")),
            max_user_namespaces: Read::file(Path::new("/proc/sys/user/max_user_namespaces")),
            apparmor_restrict_userns: Read::file(Path::new("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")),
        }
    }
}

/// `path` with the symbolic links of its existing part followed (`/var/run` is `/run`); the part
/// not made yet (a runtime folder logind mounts at login) is kept as written.
fn resolve_links(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |folder, name| folder.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Every check, in the order printed.
pub fn examine(facts: &Facts) -> Vec<Finding> {
    vec![
        ram_folder(&facts.session_root, &facts.mounts),
        swap(&facts.swaps, &facts.session_root, &facts.mounts),
        init_on_free(&facts.cmdline),
        cups(&facts.cupsd_conf),
        user_namespaces(&facts.userns_clone, &facts.max_user_namespaces, &facts.apparmor_restrict_userns),
    ]
}

/// The report, one line per check; `true` when every check is ok.
pub fn report(findings: &[Finding]) -> (String, bool) {
    let mut out = String::new();
    for finding in findings {
        let _ = writeln!(out, "{}", finding.line());
    }
    (out, findings.iter().all(|f| f.ok))
}

const RAM_FOLDER: &str = "ram-folder";
const SWAP: &str = "swap";
const INIT_ON_FREE: &str = "init-on-free";
const CUPS: &str = "cups";
const USER_NAMESPACES: &str = "user-namespaces";

/// Session folders must be on a RAM file system: the kiosk runs as an ordinary user under
/// cage (which refuses root), so it never mounts a tmpfs of its own; the folder's file system is
/// the one that counts.
pub fn ram_folder(root: &Path, mounts: &Read) -> Finding {
    let shown = root.display().to_string();
    let table = match mounts {
        Read::Text(table) => table,
        Read::Missing => return unreadable(RAM_FOLDER, "/proc/self/mounts", "no such file"),
        Read::Failed(err) => return unreadable(RAM_FOLDER, "/proc/self/mounts", err),
    };
    match covering_mount(table, root) {
        Some(mount) if mount.in_ram() => {
            Finding::new(RAM_FOLDER, true, Text::RamOk, &[("root", &shown), ("fs", &mount.fs_type), ("mount", &mount.point.display().to_string())])
        }
        Some(mount) => Finding::new(RAM_FOLDER, false, Text::RamNotRam, &[("root", &shown), ("fs", &mount.fs_type)]),
        None => Finding::new(RAM_FOLDER, false, Text::RamNotRam, &[("root", &shown), ("fs", "unknown")]),
    }
}

/// Swapped-out pages of a session would reach the disk: swap must be off, or the session
/// folders' tmpfs mounted `noswap` (Linux 6.4 and later).
pub fn swap(swaps: &Read, root: &Path, mounts: &Read) -> Finding {
    let table = match swaps {
        Read::Text(table) => table,
        // A kernel built without swap has no /proc/swaps.
        Read::Missing => return Finding::new(SWAP, true, Text::SwapOff, &[]),
        Read::Failed(err) => return unreadable(SWAP, "/proc/swaps", err),
    };
    let devices: Vec<&str> = table.lines().skip(1).filter_map(|line| line.split_whitespace().next()).collect();
    if devices.is_empty() {
        return Finding::new(SWAP, true, Text::SwapOff, &[]);
    }
    let devices = devices.iter().map(|d| unescape(d).display().to_string()).collect::<Vec<_>>().join(", ");
    let noswap = match mounts {
        Read::Text(table) => covering_mount(table, root).is_some_and(|m| m.in_ram() && m.options.iter().any(|o| o == "noswap")),
        _ => false,
    };
    if noswap {
        Finding::new(SWAP, true, Text::SwapNoswap, &[("devices", &devices), ("root", &root.display().to_string())])
    } else {
        Finding::new(SWAP, false, Text::SwapOn, &[("devices", &devices)])
    }
}

/// With `init_on_free=1` the kernel zeroes every page it frees: a closed session's memory holds
/// nothing for the next process that gets it.
pub fn init_on_free(cmdline: &Read) -> Finding {
    let text = match cmdline {
        Read::Text(text) => text,
        Read::Missing => return unreadable(INIT_ON_FREE, "/proc/cmdline", "no such file"),
        Read::Failed(err) => return unreadable(INIT_ON_FREE, "/proc/cmdline", err),
    };
    // Words after a lone `--` are for init, not the kernel; the last setting wins.
    let setting = text
        .split_whitespace()
        .take_while(|word| *word != "--")
        .filter_map(|word| word.strip_prefix("init_on_free="))
        .last();
    match setting.map(kernel_bool) {
        Some(Some(true)) => Finding::new(INIT_ON_FREE, true, Text::InitOnFreeOk, &[]),
        _ => Finding::new(INIT_ON_FREE, false, Text::InitOnFreeMissing, &[]),
    }
}

/// The kernel's `kstrtobool`: `1`, `y`, `Y`, `on` are true; `0`, `n`, `N`, `off` false.
fn kernel_bool(value: &str) -> Option<bool> {
    let lower = value.to_ascii_lowercase();
    match lower.as_bytes() {
        [b'1' | b'y', ..] => Some(true),
        [b'0' | b'n', ..] => Some(false),
        [b'o', b'n', ..] => Some(true),
        [b'o', b'f', ..] => Some(false),
        _ => None,
    }
}

/// CUPS keeps printed documents for a day and the job history for ever unless told otherwise
/// (cupsd.conf(5): `PreserveJobFiles` defaults to 86400 s, `PreserveJobHistory` to Yes).
pub fn cups(conf: &Read) -> Finding {
    let text = match conf {
        Read::Text(text) => text,
        Read::Missing => return Finding::new(CUPS, true, Text::CupsAbsent, &[]),
        Read::Failed(err) => return unreadable(CUPS, CUPSD_CONF, err),
    };
    let mut files = None;
    let mut history = None;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some(name), value) = (words.next(), words.next()) else { continue };
        // cupsd reads the last setting of a directive.
        if name.eq_ignore_ascii_case("PreserveJobFiles") {
            files = value;
        } else if name.eq_ignore_ascii_case("PreserveJobHistory") {
            history = value;
        }
    }
    // Only a plain "no" keeps nothing: a number of seconds still keeps the job that long.
    let keeps = |value: Option<&str>| !value.is_some_and(|v| ["no", "off", "false"].iter().any(|no| v.eq_ignore_ascii_case(no)));
    let mut missing = Vec::new();
    if keeps(files) {
        missing.push("PreserveJobFiles No");
    }
    if keeps(history) {
        missing.push("PreserveJobHistory No");
    }
    if missing.is_empty() {
        Finding::new(CUPS, true, Text::CupsOk, &[("file", CUPSD_CONF)])
    } else {
        Finding::new(CUPS, false, Text::CupsKeeps, &[("file", CUPSD_CONF), ("settings", &missing.join(" and "))])
    }
}

/// WebKit's sandbox (bubblewrap) puts each web process in user namespaces that an ordinary
/// user must be allowed to create; sessions force the sandbox on, so without them no page loads.
pub fn user_namespaces(clone: &Read, max: &Read, apparmor: &Read) -> Finding {
    let number = |read: &Read| match read {
        Read::Text(text) => text.trim().parse::<u64>().ok(),
        _ => None,
    };
    // Debian's switch: absent on kernels without the patch (then allowed).
    if matches!(clone, Read::Text(_)) && number(clone) != Some(1) {
        return Finding::new(USER_NAMESPACES, false, Text::UsernsOff, &[("setting", "kernel.unprivileged_userns_clone=1")]);
    }
    if matches!(max, Read::Text(_)) && number(max).is_none_or(|n| n == 0) {
        return Finding::new(USER_NAMESPACES, false, Text::UsernsOff, &[("setting", "user.max_user_namespaces=15000")]);
    }
    if matches!(apparmor, Read::Text(_)) && number(apparmor) != Some(0) {
        return Finding::new(USER_NAMESPACES, false, Text::UsernsAppArmor, &[]);
    }
    Finding::new(USER_NAMESPACES, true, Text::UsernsOk, &[])
}

fn unreadable(check: &'static str, file: &str, error: &str) -> Finding {
    Finding::new(check, false, Text::Unreadable, &[("file", file), ("error", error)])
}

/// A line of the mount table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub point: PathBuf,
    pub fs_type: String,
    pub options: Vec<String>,
}

impl Mount {
    fn in_ram(&self) -> bool {
        self.fs_type == "tmpfs" || self.fs_type == "ramfs"
    }
}

/// The mount `path` lives on: the longest mount point above it, the last one mounted when
/// several share a point. `/proc/mounts` format: device, point, type, options, 0, 0.
pub fn covering_mount(table: &str, path: &Path) -> Option<Mount> {
    let mut best: Option<Mount> = None;
    for line in table.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [_, point, fs_type, options, ..] = fields[..] else { continue };
        let point = unescape(point);
        if !path.starts_with(&point) {
            continue;
        }
        if best.as_ref().is_none_or(|b| point.components().count() >= b.point.components().count()) {
            best = Some(Mount { point, fs_type: fs_type.to_string(), options: options.split(',').map(str::to_string).collect() });
        }
    }
    best
}

/// The mount table and /proc/swaps escape spaces, tabs, newlines and backslashes as octal.
fn unescape(field: &str) -> PathBuf {
    crate::supervisor::ramdir::unescape_mount_path(field)
}

/// The user id of `name` in an `/etc/passwd` text.
pub fn user_id(passwd: &str, name: &str) -> Option<u32> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        (fields.next() == Some(name)).then(|| fields.nth(1).and_then(|uid| uid.parse().ok())).flatten()
    })
}

/// Every text doctor prints, in one table: (Fluent message id, English text with Fluent
/// placeables). Staff messages are plain English for now; they move to `i18n/staff/` as they are.
#[derive(Debug, Clone, Copy)]
enum Text {
    RamOk,
    RamNotRam,
    SwapOff,
    SwapNoswap,
    SwapOn,
    InitOnFreeOk,
    InitOnFreeMissing,
    CupsAbsent,
    CupsOk,
    CupsKeeps,
    UsernsOk,
    UsernsOff,
    UsernsAppArmor,
    Unreadable,
}

fn message(text: Text) -> (&'static str, &'static str) {
    match text {
        Text::RamOk => ("doctor-ram-ok", "session folders go in { $root }, on { $fs } mounted at { $mount }"),
        Text::RamNotRam => (
            "doctor-ram-not-ram",
            "session folders would go in { $root }, which is on { $fs }, not in RAM: the kiosk, which runs as its own user, starts no session there. Set [session] folder to a folder on a tmpfs, such as \"/dev/shm/guichet\"",
        ),
        Text::SwapOff => ("doctor-swap-off", "swap is off"),
        Text::SwapNoswap => ("doctor-swap-noswap", "swap is on ({ $devices }), but the tmpfs of { $root } is mounted noswap"),
        Text::SwapOn => (
            "doctor-swap-on",
            "swap is on ({ $devices }): a session's memory and files may be written to disk. Run `swapoff -a`, remove the swap lines from /etc/fstab, and `systemctl mask` any swap unit (`systemctl --type swap`)",
        ),
        Text::InitOnFreeOk => ("doctor-init-on-free-ok", "the kernel zeroes freed memory (init_on_free=1)"),
        Text::InitOnFreeMissing => (
            "doctor-init-on-free-missing",
            "the kernel does not zero freed memory: add init_on_free=1 to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub, run `update-grub` and reboot",
        ),
        Text::CupsAbsent => ("doctor-cups-absent", "CUPS is not installed: no print job is kept"),
        Text::CupsOk => ("doctor-cups-ok", "CUPS keeps no job files or history ({ $file })"),
        Text::CupsKeeps => (
            "doctor-cups-keeps",
            "CUPS keeps printed documents or their history: set { $settings } in { $file }, then `systemctl restart cups`",
        ),
        Text::UsernsOk => ("doctor-userns-ok", "ordinary users may create user namespaces (WebKit's sandbox)"),
        Text::UsernsOff => (
            "doctor-userns-off",
            "ordinary users may not create user namespaces, which WebKit's sandbox needs: put { $setting } in /etc/sysctl.d/50-guichet.conf and run `sysctl --system`",
        ),
        Text::UsernsAppArmor => (
            "doctor-userns-apparmor",
            "AppArmor lets only the programs it names create user namespaces, which WebKit's sandbox needs: put kernel.apparmor_restrict_unprivileged_userns=0 in /etc/sysctl.d/50-guichet.conf and run `sysctl --system`",
        ),
        Text::Unreadable => ("doctor-unreadable", "cannot read { $file } ({ $error }): run `guichet doctor` as root"),
    }
}

/// The text with its placeables `{ $name }` filled in.
fn render(text: Text, args: &[(&str, &str)]) -> String {
    let (_, mut out) = message(text);
    let mut filled = String::new();
    while let Some(start) = out.find("{ $") {
        filled.push_str(&out[..start]);
        let rest = &out[start + 3..];
        let Some(end) = rest.find(" }") else { break };
        let name = &rest[..end];
        match args.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => filled.push_str(value),
            // A programming error, shown rather than hidden: the message names its argument.
            None => filled.push_str(&out[start..start + 3 + end + 2]),
        }
        out = &rest[end + 2..];
    }
    filled.push_str(out);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Text; 14] = [
        Text::RamOk,
        Text::RamNotRam,
        Text::SwapOff,
        Text::SwapNoswap,
        Text::SwapOn,
        Text::InitOnFreeOk,
        Text::InitOnFreeMissing,
        Text::CupsAbsent,
        Text::CupsOk,
        Text::CupsKeeps,
        Text::UsernsOk,
        Text::UsernsOff,
        Text::UsernsAppArmor,
        Text::Unreadable,
    ];

    #[test]
    fn message_ids_are_unique_fluent_ids() {
        let ids: Vec<&str> = ALL.iter().map(|t| message(*t).0).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        assert!(ids.iter().all(|id| id.starts_with("doctor-") && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
    }

    #[test]
    fn links_are_followed_as_far_as_the_path_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap().join("real");
        std::fs::create_dir(&real).unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
        assert_eq!(resolve_links(&dir.path().join("link/user/999/guichet")), real.join("user/999/guichet"));
        assert_eq!(resolve_links(Path::new("/")), PathBuf::from("/"));
    }

    #[test]
    fn placeables_are_filled_and_unknown_ones_stay_visible() {
        assert_eq!(render(Text::CupsOk, &[("file", "/x")]), "CUPS keeps no job files or history (/x)");
        assert_eq!(render(Text::CupsOk, &[]), "CUPS keeps no job files or history ({ $file })");
    }
}
