//! Starting one session process (RAM folder, private D-Bus, environment, link) and stopping it:
//! its whole process tree is killed and reaped before its folder is wiped.

use std::cell::{Cell, RefCell};
use std::io::{self, BufReader};
use std::os::unix::fs::DirBuilderExt;
use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::{Duration, Instant};

use super::link::{self, FromSession, ToSession};
use super::ramdir::{self, RamError, RamFolder, WipeReport};
use super::Event;
use crate::kiosk::Launch;
use crate::control::Reply;
use crate::log;

#[derive(Debug, thiserror::Error)]
pub enum SpawnError {
    #[error(transparent)]
    Folder(#[from] RamError),
    #[error("dbus-run-session is missing (Debian package dbus-daemon): each session needs a private D-Bus")]
    NoDbus,
    #[error("cannot start the session process: {0}")]
    Process(io::Error),
}

enum Folder {
    Ram(RamFolder),
    /// Only for the "unavailable" screen, which holds no patron data, when RAM folders fail.
    Plain(PathBuf),
}

impl Folder {
    fn path(&self) -> &Path {
        match self {
            Folder::Ram(ram) => ram.path(),
            Folder::Plain(path) => path,
        }
    }
}

pub struct Running {
    pub id: u64,
    child: Child,
    link: UnixStream,
    folder: Folder,
}

impl Running {
    pub fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    pub fn send(&mut self, message: &ToSession) {
        if let Err(err) = link::write_message(&mut self.link, message) {
            log::event("supervisor", format_args!("session {} did not take a message: {err}", self.id));
        }
    }

    pub fn forward(&mut self, message: &ToSession) -> Reply {
        match link::write_message(&mut self.link, message) {
            Ok(()) => Reply::Ok,
            Err(err) => Reply::Error { message: format!("the session did not take the request: {err}") },
        }
    }

    /// Documents the patron downloaded (for the receipt on the next welcome screen).
    pub fn count_downloads(&self) -> u64 {
        std::fs::read_dir(self.folder.path().join("downloads"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()) && !e.file_name().to_string_lossy().starts_with('.'))
                    .count() as u64
            })
            .unwrap_or(0)
    }
}

pub struct Spawner {
    program: PathBuf,
    /// Emptied once sessions kept failing at start with it: the next ones use the system's EGL,
    /// until the kiosk restarts.
    gpu_free_egl: RefCell<Option<PathBuf>>,
    config_path: Option<PathBuf>,
    root: PathBuf,
    dbus: Option<PathBuf>,
    counter: Cell<u64>,
    events: Sender<Event>,
}

impl Spawner {
    pub fn new(paths: super::Paths, config_path: Option<&Path>, events: Sender<Event>) -> Spawner {
        Spawner {
            program: paths.session_program,
            gpu_free_egl: RefCell::new(paths.gpu_free_egl),
            config_path: config_path.map(Path::to_path_buf),
            root: paths.sessions,
            dbus: paths.dbus_run_session,
            counter: Cell::new(0),
            events,
        }
    }

    /// Sessions keep failing at start: in case Guichet's GPU-free EGL is why (a WebKit that
    /// asks it for what it refuses), the next ones use the system's.
    pub fn without_gpu_free_egl(&self) {
        if self.gpu_free_egl.take().is_some() {
            log::event(
                "supervisor",
                format_args!("in case Guichet's GPU-free EGL is the cause, the next sessions use the system's (more memory); restart the kiosk to try it again"),
            );
        }
    }

    pub fn sweep(&self) -> Result<Vec<(PathBuf, WipeReport)>, RamError> {
        ramdir::sweep(&self.root, kill_leftovers)
    }

    pub fn spawn(&self, launch: Launch) -> Result<Running, SpawnError> {
        let id = self.counter.get() + 1;
        self.counter.set(id);
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.root)
            .map_err(|source| RamError::Create { path: self.root.clone(), source })?;
        let name = format!("{}-{id}", std::process::id());
        let folder = match (RamFolder::create(&self.root, &name), launch) {
            (Ok(ram), _) => Folder::Ram(ram),
            (Err(_), Launch::Unavailable) => {
                let path = std::env::temp_dir().join(format!("guichet-unavailable-{name}"));
                let _ = std::fs::remove_dir_all(&path);
                std::fs::DirBuilder::new().mode(0o700).create(&path).map_err(SpawnError::Process)?;
                Folder::Plain(path)
            }
            (Err(err), _) => return Err(err.into()),
        };
        match self.start_process(id, launch, &folder) {
            Ok((child, link)) => {
                log::event("supervisor", format_args!("session {id} started (pid {}, {launch:?})", child.id()));
                Ok(Running { id, child, link, folder })
            }
            Err(err) => {
                let _ = wipe(folder);
                Err(err)
            }
        }
    }

    fn start_process(&self, id: u64, launch: Launch, folder: &Folder) -> Result<(Child, UnixStream), SpawnError> {
        let path = folder.path();
        for sub in ["home", "downloads", "tmp", "runtime"] {
            std::fs::DirBuilder::new().mode(0o700).create(path.join(sub)).map_err(SpawnError::Process)?;
        }
        let egl = match self.gpu_free_egl.borrow().as_deref() {
            Some(library) => super::egl::session_environment(library, path).map_err(SpawnError::Process)?,
            None => Vec::new(),
        };
        let mut command = match (&self.dbus, launch) {
            (Some(dbus), _) => {
                let runtime = path.join("runtime");
                let services = a11y_services(&runtime).map_err(SpawnError::Process)?;
                let bus_config = runtime.join("bus.conf");
                std::fs::write(&bus_config, private_bus_config(&runtime, services.as_deref())).map_err(SpawnError::Process)?;
                let mut command = Command::new(dbus);
                command.arg(format!("--config-file={}", bus_config.display())).arg("--").arg(&self.program);
                command
            }
            // The unavailable screen needs no bus; a patron session does.
            (None, Launch::Unavailable) => Command::new(&self.program),
            (None, _) => return Err(SpawnError::NoDbus),
        };
        if let Some(config) = &self.config_path {
            command.arg("--config").arg(config);
        }
        let home = path.join("home");
        command
            .env(link::LINK_FD_ENV, link::LINK_FD.to_string())
            .env(link::SESSION_DIR_ENV, path)
            .env("HOME", &home)
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_RUNTIME_DIR", path.join("runtime"))
            .env("TMPDIR", path.join("tmp"))
            .env("MESA_SHADER_CACHE_DISABLE", "true")
            .env("GSETTINGS_BACKEND", "memory")
            .env("WEBKIT_FORCE_SANDBOX", "1")
            // WebKit's renderer of shared buffers asks GTK for GL (GLX, so Mesa) only to learn
            // whether the GPU may be used; acceleration is off, and the window needs no GL.
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("GDK_GL", "disable")
            .envs(egl)
            // Screen readers work inside the session: its private bus starts the accessibility
            // bus on demand (see `a11y_services`). The desktop's own bus is never reached.
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("AT_SPI_BUS_ADDRESS")
            .env_remove("NO_AT_BRIDGE")
            .env_remove("WEBKIT_A11Y_BUS_ADDRESS")
            .env(link::LAUNCH_ENV, match launch {
                Launch::Visible => "visible",
                Launch::Hidden => "hidden",
                Launch::Unavailable => "unavailable",
            })
            // Anything written "here" by default (WebKit's download fallback) stays in RAM.
            .current_dir(&home)
            .process_group(0);
        let (ours, theirs) = UnixStream::pair().map_err(SpawnError::Process)?;
        let fd = theirs.as_raw_fd();
        // SAFETY: between fork and exec we only call dup2, which is async-signal-safe. It also
        // clears close-on-exec on the new descriptor, so the session inherits exactly fd 3.
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(fd, link::LINK_FD) < 0 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(SpawnError::Process)?;
        drop(theirs);

        let reader = ours.try_clone().map_err(SpawnError::Process)?;
        let events = self.events.clone();
        thread::Builder::new()
            .name(format!("link-{id}"))
            .spawn(move || {
                let mut input = BufReader::new(reader);
                loop {
                    match link::read_message::<FromSession>(&mut input) {
                        Ok(Some(message)) => {
                            if events.send(Event::FromSession(id, message)).is_err() {
                                return;
                            }
                        }
                        Ok(None) | Err(_) => {
                            let _ = events.send(Event::LinkClosed(id));
                            return;
                        }
                    }
                }
            })
            .map_err(SpawnError::Process)?;
        Ok((child, ours))
    }

    /// Kills the session's whole process tree, reaps it, then wipes and checks its folder.
    /// Returns how long stopping the processes took, and what the wipe did.
    pub fn stop_and_wipe(&self, running: Running) -> Result<(Duration, WipeReport), RamError> {
        let Running { mut child, folder, link, .. } = running;
        drop(link);
        let started = Instant::now();
        kill_tree(&mut child, folder.path());
        let stopped_in = started.elapsed();
        wipe(folder).map(|report| (stopped_in, report))
    }
}

/// The session's own D-Bus: listening inside its RAM folder and with no activatable services,
/// so nothing (the AT-SPI bus, portals, dconf) is started on a patron's behalf outside the
/// session's process tree or writes anywhere but RAM.
///
/// No setting here can quiet "Failed to set fd limit to 65536": dbus-daemon raises its open-file
/// limit at every start whatever its configuration (to 65536 when it runs as root), and only
/// warns when it may not. The README says why that line is harmless.
/// Where the accessibility bus launcher lives on Debian and Ubuntu (package at-spi2-core).
const A11Y_BUS_LAUNCHER: &str = "/usr/libexec/at-spi-bus-launcher";

/// The one service the private bus may start on demand: the accessibility bus (its launcher,
/// its own bus and registry), as a child of the session's bus, so it dies with the session and
/// writes only under the session's folder. Without it, every GTK and WebKit process asked the
/// bus for `org.a11y.Bus` and screen readers saw nothing. `None` when the launcher is missing.
fn a11y_services(runtime: &Path) -> std::io::Result<Option<PathBuf>> {
    if !Path::new(A11Y_BUS_LAUNCHER).is_file() {
        return Ok(None);
    }
    let services = runtime.join("services");
    std::fs::DirBuilder::new().mode(0o700).create(&services)?;
    // Without DISPLAY: the launcher would publish its bus on the X screen's root window, and
    // the registry would look for its bus there, where another session's launcher may have
    // written last (two sessions share one display). Without it they use this session's bus.
    std::fs::write(
        services.join("org.a11y.Bus.service"),
        format!("[D-BUS Service]\nName=org.a11y.Bus\nExec=/usr/bin/env -u DISPLAY -u WAYLAND_DISPLAY {A11Y_BUS_LAUNCHER}\n"),
    )?;
    Ok(Some(services))
}

fn private_bus_config(runtime: &Path, services: Option<&Path>) -> String {
    // D-Bus address escaping first (only [-0-9A-Za-z_/.*] may stay as is), then XML escaping,
    // which the %XX form needs none of.
    let dir: String = runtime
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| match b {
            b'-' | b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' | b'/' | b'.' | b'*' => char::from(b).to_string(),
            _ => format!("%{b:02x}"),
        })
        .collect();
    let services = services
        .map(|folder| format!("  <servicedir>{}</servicedir>\n", xml_text(&folder.to_string_lossy())))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n          \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n\
         <busconfig>\n  <type>session</type>\n  <keep_umask/>\n  <listen>unix:dir={dir}</listen>\n  <auth>EXTERNAL</auth>\n{services}  \
         <policy context=\"default\">\n    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n    <allow eavesdrop=\"true\"/>\n    \
         <allow own=\"*\"/>\n  </policy>\n</busconfig>\n"
    )
}

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn wipe(folder: Folder) -> Result<WipeReport, RamError> {
    match folder {
        Folder::Ram(ram) => ram.wipe(),
        Folder::Plain(path) => {
            std::fs::remove_dir_all(&path).map_err(|source| RamError::Wipe { path: path.clone(), source })?;
            Ok(WipeReport::default())
        }
    }
}

/// SIGKILL to the process group, then to every remaining descendant (a sandbox may start its
/// own session), until none is left; every one of them is reaped (we are their subreaper).
fn kill_tree(child: &mut Child, folder: &Path) {
    let root = child.id();
    let mut mark = format!("{}=", link::SESSION_DIR_ENV).into_bytes();
    mark.extend_from_slice(folder.as_os_str().as_encoded_bytes());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let tree = descendants(root, &mark);
        // SAFETY: signalling our own child's group and its descendants; ESRCH is fine.
        unsafe {
            libc::kill(-(root as libc::pid_t), libc::SIGKILL);
            libc::kill(root as libc::pid_t, libc::SIGKILL);
            for pid in &tree {
                libc::kill(*pid as libc::pid_t, libc::SIGKILL);
            }
        }
        let _ = child.wait();
        reap(&tree);
        let left = descendants(root, &mark);
        reap(&left);
        // A process that died after our last waitpid is a zombie of ours: not done until reaped,
        // or the kiosk collects one per helper (Orca, speech-dispatcher) at every logout.
        let alive: Vec<u32> = tree.iter().chain(left.iter()).copied().filter(|p| is_alive(*p) || is_our_zombie(*p)).collect();
        if alive.is_empty() || Instant::now() > deadline {
            if !alive.is_empty() {
                log::event("supervisor", format_args!("{} session processes would not die", alive.len()));
            }
            return;
        }
        // Killed processes take a few milliseconds each to be torn down (their memory freed):
        // look again soon, since the next patron waits for this.
        thread::sleep(Duration::from_millis(2));
    }
}

/// After a crash of the supervisor, a session's processes may outlive it for a while (its
/// accessibility bus and registry wait seconds before noticing their bus is gone): every
/// process that carries the folder's environment mark is killed before the folder is wiped.
fn kill_leftovers(folder: &Path) {
    let mut mark = format!("{}=", link::SESSION_DIR_ENV).into_bytes();
    mark.extend_from_slice(folder.as_os_str().as_encoded_bytes());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let marked: Vec<u32> = std::fs::read_dir("/proc")
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
                    .filter(|pid| *pid != std::process::id() && is_alive(*pid) && carries_mark(*pid, &mark))
                    .collect()
            })
            .unwrap_or_default();
        if marked.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            log::event("supervisor", format_args!("{} processes of a previous run would not die", marked.len()));
            return;
        }
        for pid in &marked {
            // SAFETY: SIGKILL to processes of a previous kiosk session (they carry its mark).
            unsafe { libc::kill(*pid as libc::pid_t, libc::SIGKILL) };
        }
        reap(&marked);
        thread::sleep(Duration::from_millis(5));
    }
}

/// Reaps processes that were re-parented to us.
fn reap(pids: &[u32]) {
    for pid in pids {
        let mut status = 0;
        // SAFETY: waitpid on a specific pid with WNOHANG; ECHILD when it is not ours.
        unsafe { libc::waitpid(*pid as libc::pid_t, &mut status, libc::WNOHANG) };
    }
}

/// A dead process re-parented to us and not reaped yet.
fn is_our_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')').is_some_and(|(_, rest)| {
            let mut fields = rest.split_whitespace();
            fields.next() == Some("Z") && fields.next().and_then(|p| p.parse::<u32>().ok()) == Some(std::process::id())
        })
    })
}

fn is_alive(pid: u32) -> bool {
    // A zombie is dead for our purpose: its memory is gone.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit_once(')').is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z')))
}

/// Every process whose parent chain leads to `root`, plus those re-parented to us (their parent
/// died first, or they were started by a double fork) that carry the session's environment
/// `mark` or are still in its process group, and their own descendants.
fn descendants(root: u32, mark: &[u8]) -> Vec<u32> {
    let me = std::process::id();
    let mut table = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    for entry in entries.filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let Some((_, rest)) = stat.rsplit_once(')') else { continue };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let (Some(ppid), Some(pgid)) = (fields.get(1).and_then(|p| p.parse::<u32>().ok()), fields.get(2).and_then(|p| p.parse::<u32>().ok())) else {
            continue;
        };
        table.push((pid, ppid, pgid));
    }
    let mut found = Vec::new();
    let mut frontier = vec![root];
    for (pid, ppid, pgid) in &table {
        if *ppid == me && *pid != root && (*pgid == root || carries_mark(*pid, mark)) {
            found.push(*pid);
            frontier.push(*pid);
        }
    }
    while let Some(parent) = frontier.pop() {
        for (pid, ppid, _) in &table {
            if *ppid == parent && !found.contains(pid) {
                found.push(*pid);
                frontier.push(*pid);
            }
        }
    }
    found
}

/// Whether a process's environment holds `mark` as one whole `NAME=value` entry.
fn carries_mark(pid: u32, mark: &[u8]) -> bool {
    std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|environ| environ.split(|&b| b == 0).any(|entry| entry == mark))
}
