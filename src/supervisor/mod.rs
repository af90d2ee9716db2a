//! `guichet run`: the supervisor. It holds no patron data; it starts one session process per
//! patron, answers `guichet ctl`, and when a session ends it stops the session's whole process
//! group and removes its folder before the next patron gets a fresh session.

pub mod link;

use std::io::{self, BufReader};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::control::{self, Connection, Reply, Request, Status};
use crate::log;
use link::{FromSession, ToSession};

/// How long a session process has to exit on its own before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(3);
/// A session process that dies this soon after starting, this many times in a row, means the
/// machine cannot run sessions: stop retrying in a tight loop.
const QUICK_FAILURE: Duration = Duration::from_secs(5);
const QUICK_FAILURES_BEFORE_BACKOFF: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum SupervisorError {
    #[error(transparent)]
    Control(#[from] control::ControlError),
    #[error("cannot prepare the session folder {path}: {source}")]
    SessionFolder { path: PathBuf, source: io::Error },
    #[error("cannot start a session process: {0}")]
    Spawn(io::Error),
    #[error("cannot find the guichet program to start sessions: {0}")]
    CurrentExe(io::Error),
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn request_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

enum Event {
    Control(Request, Connection),
    FromSession(u64, FromSession),
    LinkClosed(u64),
}

/// One running session process.
struct Running {
    id: u64,
    child: Child,
    link: UnixStream,
    folder: PathBuf,
    started: Instant,
    state: String,
    mode: Option<String>,
    view: Option<String>,
    active_since: Option<Instant>,
}

/// Runs until SIGTERM or SIGINT. `config_path` is passed on to each session process.
pub fn run(config: &Config, config_path: Option<&Path>) -> Result<(), SupervisorError> {
    let program = std::env::current_exe().map_err(SupervisorError::CurrentExe)?;
    let server = control::Server::bind(&config.control_socket)?;
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        libc::signal(libc::SIGTERM, request_stop as *const () as libc::sighandler_t);
        libc::signal(libc::SIGINT, request_stop as *const () as libc::sighandler_t);
    }
    prepare_root(&config.session_folder_root)?;

    let (events, inbox) = mpsc::channel();
    let control_events = events.clone();
    thread::Builder::new()
        .name("control".into())
        .spawn(move || loop {
            match server.accept() {
                Ok(Some((request, connection))) => {
                    if control_events.send(Event::Control(request, connection)).is_err() {
                        break;
                    }
                }
                Ok(None) => {}
                Err(err) => log::event("control", format_args!("accept failed: {err}")),
            }
        })
        .map_err(SupervisorError::Spawn)?;
    log::event("supervisor", format_args!("ready; control socket {}", config.control_socket.display()));

    let mut counter = 0u64;
    let mut quick_failures = 0u32;
    while !STOP.load(Ordering::SeqCst) {
        counter += 1;
        let mut session = spawn(&program, config, config_path, counter, &events)?;
        let outcome = serve(&mut session, &inbox);
        let lived = session.started.elapsed();
        finish(session);
        if outcome == Outcome::Stop {
            break;
        }
        quick_failures = if lived < QUICK_FAILURE { quick_failures + 1 } else { 0 };
        if quick_failures >= QUICK_FAILURES_BEFORE_BACKOFF {
            log::event("supervisor", format_args!("sessions keep failing at start; waiting before the next try"));
            wait_answering(&inbox, Duration::from_secs(10));
        }
    }
    log::event("supervisor", format_args!("stopped"));
    Ok(())
}

#[derive(PartialEq, Eq)]
enum Outcome {
    Ended,
    Stop,
}

/// Handles events for one session until it ends or the supervisor is asked to stop.
fn serve(session: &mut Running, inbox: &Receiver<Event>) -> Outcome {
    loop {
        if STOP.load(Ordering::SeqCst) {
            let _ = link::write_message(&mut session.link, &ToSession::End);
            return Outcome::Stop;
        }
        if let Ok(Some(status)) = session.child.try_wait() {
            log::event("supervisor", format_args!("session {} exited ({status})", session.id));
            return Outcome::Ended;
        }
        match inbox.recv_timeout(Duration::from_millis(100)) {
            Ok(Event::Control(request, mut connection)) => {
                let reply = answer(session, request);
                connection.reply(&reply);
            }
            Ok(Event::FromSession(id, message)) if id == session.id => match message {
                FromSession::State { state, mode, view } => {
                    if state != "welcome" && session.active_since.is_none() {
                        session.active_since = Some(Instant::now());
                    }
                    session.state = state;
                    session.mode = mode;
                    session.view = Some(view);
                }
                FromSession::Ended { reason } => {
                    log::event("supervisor", format_args!("session {} ended ({reason})", session.id));
                    return Outcome::Ended;
                }
            },
            Ok(Event::LinkClosed(id)) if id == session.id => {
                log::event("supervisor", format_args!("session {} closed its link", session.id));
                return Outcome::Ended;
            }
            Ok(Event::FromSession(..) | Event::LinkClosed(_)) => {}
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Outcome::Stop,
        }
    }
}

fn answer(session: &mut Running, request: Request) -> Reply {
    match request {
        Request::Status => Reply::Status(Status {
            state: session.state.clone(),
            mode: session.mode.clone(),
            session_age_s: session.active_since.map(|t| t.elapsed().as_secs()),
            view: session.view.clone(),
        }),
        Request::Open { url } => forward(session, &ToSession::Open { url }),
        Request::EndSession => forward(session, &ToSession::End),
    }
}

fn forward(session: &mut Running, message: &ToSession) -> Reply {
    match link::write_message(&mut session.link, message) {
        Ok(()) => Reply::Ok,
        Err(err) => Reply::Error { message: format!("the session did not take the request: {err}") },
    }
}

/// Between sessions (or while backing off) `status` still answers.
fn wait_answering(inbox: &Receiver<Event>, duration: Duration) {
    let until = Instant::now() + duration;
    while Instant::now() < until && !STOP.load(Ordering::SeqCst) {
        if let Ok(Event::Control(request, mut connection)) = inbox.recv_timeout(Duration::from_millis(100)) {
            let reply = match request {
                Request::Status => Reply::Status(Status { state: "unavailable".into(), mode: None, session_age_s: None, view: None }),
                _ => Reply::Error { message: "no session is running".into() },
            };
            connection.reply(&reply);
        }
    }
}

fn prepare_root(root: &Path) -> Result<(), SupervisorError> {
    let error = |source| SupervisorError::SessionFolder { path: root.to_path_buf(), source };
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(root).map_err(error)?;
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o700)).map_err(error)
}

fn spawn(
    program: &Path,
    config: &Config,
    config_path: Option<&Path>,
    id: u64,
    events: &Sender<Event>,
) -> Result<Running, SupervisorError> {
    let folder = config.session_folder_root.join(format!("session-{}-{id}", std::process::id()));
    let folder_error = |source| SupervisorError::SessionFolder { path: folder.clone(), source };
    std::fs::DirBuilder::new().mode(0o700).create(&folder).map_err(folder_error)?;
    for sub in ["home", "downloads", "tmp", "runtime"] {
        std::fs::DirBuilder::new().mode(0o700).create(folder.join(sub)).map_err(folder_error)?;
    }

    let (ours, theirs) = UnixStream::pair().map_err(SupervisorError::Spawn)?;
    let mut command = Command::new(program);
    command.arg("session");
    if let Some(path) = config_path {
        command.arg("--config").arg(path);
    }
    let home = folder.join("home");
    command
        .env(link::LINK_FD_ENV, link::LINK_FD.to_string())
        .env(link::SESSION_DIR_ENV, &folder)
        .env("HOME", &home)
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_RUNTIME_DIR", folder.join("runtime"))
        .env("TMPDIR", folder.join("tmp"))
        .env("MESA_SHADER_CACHE_DISABLE", "true")
        .env("GSETTINGS_BACKEND", "memory")
        .env("WEBKIT_FORCE_SANDBOX", "1")
        // Anything written "here" by default (WebKit's download fallback) stays in the session.
        .current_dir(&home)
        .process_group(0);
    let fd = theirs.as_raw_fd();
    // SAFETY: between fork and exec we only call dup2, which is async-signal-safe. dup2 also
    // clears close-on-exec on the new descriptor, so the session inherits exactly fd 3.
    unsafe {
        command.pre_exec(move || {
            if libc::dup2(fd, link::LINK_FD) < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = command.spawn().map_err(SupervisorError::Spawn)?;
    drop(theirs);

    let reader = ours.try_clone().map_err(SupervisorError::Spawn)?;
    let link_events = events.clone();
    thread::Builder::new()
        .name(format!("link-{id}"))
        .spawn(move || {
            let mut input = BufReader::new(reader);
            loop {
                match link::read_message::<FromSession>(&mut input) {
                    Ok(Some(message)) => {
                        if link_events.send(Event::FromSession(id, message)).is_err() {
                            return;
                        }
                    }
                    Ok(None) | Err(_) => {
                        let _ = link_events.send(Event::LinkClosed(id));
                        return;
                    }
                }
            }
        })
        .map_err(SupervisorError::Spawn)?;
    log::event("supervisor", format_args!("session {id} started (pid {})", child.id()));
    Ok(Running {
        id,
        child,
        link: ours,
        folder,
        started: Instant::now(),
        state: "welcome".into(),
        mode: None,
        view: None,
        active_since: None,
    })
}

/// Stops the session's whole process group (WebKit's helpers included) and removes its folder.
fn finish(mut session: Running) {
    let group = session.child.id() as libc::pid_t;
    let deadline = Instant::now() + EXIT_GRACE;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = session.child.try_wait() {
            break;
        }
        thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: signalling our own child's process group; ESRCH (already gone) is fine.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
    let _ = session.child.wait();
    if let Err(err) = std::fs::remove_dir_all(&session.folder) {
        log::event("supervisor", format_args!("could not remove session folder: {err}"));
    }
}
