//! `guichet run`: the supervisor. It holds no patron data. Each patron gets a session process
//! (under its own private D-Bus) with a RAM folder; the next session is started ahead of time,
//! hidden. When a session ends, the supervisor kills its whole process tree, wipes and checks its
//! folder, and only then lets the next session take the screen.

pub mod desk;
pub mod link;
pub mod ramdir;
mod spawn;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::control::{self, Connection, Request};
use crate::log;
use desk::{Action, Desk, Stage};
use link::{FromSession, Receipt, ToSession};
use spawn::{Launch, Running, Spawner};

/// A session process that dies this soon after starting, this many times in a row, means the
/// machine cannot run sessions: stop retrying in a tight loop.
const QUICK_FAILURE: Duration = Duration::from_secs(5);
const QUICK_FAILURES_BEFORE_BACKOFF: u32 = 3;
const BACKOFF: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum SupervisorError {
    #[error(transparent)]
    Control(#[from] control::ControlError),
    #[error("cannot start a session process: {0}")]
    Spawn(std::io::Error),
    #[error("cannot find the guichet program to start sessions: {0}")]
    CurrentExe(std::io::Error),
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn request_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

pub(crate) enum Event {
    Control(Request, Connection),
    FromSession(u64, FromSession),
    LinkClosed(u64),
}

/// Why the session on screen is over.
enum Over {
    Ended(String),
    Exited,
}

/// Runs until SIGTERM or SIGINT. `config_path` is passed on to each session process.
pub fn run(config: &Config, config_path: Option<&std::path::Path>) -> Result<(), SupervisorError> {
    let program = std::env::current_exe().map_err(SupervisorError::CurrentExe)?;
    // Orphaned helpers of a session (WebKit's, D-Bus's) become our children, so that we can
    // see them, kill them and reap them.
    // SAFETY: prctl with PR_SET_CHILD_SUBREAPER only changes this process's own attribute.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let server = control::Server::bind(&config.control_socket)?;
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        libc::signal(libc::SIGTERM, request_stop as *const () as libc::sighandler_t);
        libc::signal(libc::SIGINT, request_stop as *const () as libc::sighandler_t);
    }

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

    let mut desk = Desk::new();
    let spawner = Spawner::new(program, config, config_path, events);
    // Before anything else: whatever a previous run left in RAM is wiped.
    if !sweep(&spawner) {
        desk.unavailable();
    }
    log::event("supervisor", format_args!("ready; control socket {}", config.control_socket.display()));

    let mut current = if desk.stage() == Stage::Unavailable { None } else { start(&spawner, Launch::Visible) };
    let mut next = current.as_ref().and_then(|_| start(&spawner, Launch::Hidden));
    if current.is_none() {
        desk.unavailable();
    }
    let mut unavailable_screen = None;
    let mut quick_failures = QuickFailures::default();
    // The same for the session waiting hidden (a broken install would otherwise respawn it in
    // a tight loop).
    let mut waiting_failures = QuickFailures::default();
    let mut retry_waiting_at = Instant::now();

    while !STOP.load(Ordering::SeqCst) {
        if desk.stage() == Stage::Unavailable {
            // Keep the "computer unavailable" screen up; answer ctl; nothing else.
            if unavailable_screen.as_mut().map_or(true, |s: &mut Running| s.has_exited()) {
                if let Some(screen) = unavailable_screen.take() {
                    spawner.discard(screen);
                }
                unavailable_screen = spawner.spawn(Launch::Unavailable).ok();
            }
            answer_until(&inbox, &desk, Duration::from_millis(200));
            continue;
        }
        let Some(session) = current.as_mut() else {
            desk.unavailable();
            continue;
        };
        if let Some(hidden) = next.as_mut() {
            if hidden.has_exited() {
                if waiting_failures.back_off_after(hidden.started.elapsed()) {
                    log::event("supervisor", format_args!("the waiting session keeps stopping at start; waiting before the next try"));
                    retry_waiting_at = Instant::now() + BACKOFF;
                } else {
                    log::event("supervisor", format_args!("the waiting session stopped; starting another"));
                }
                if let Some(dead) = next.take() {
                    spawner.discard(dead);
                }
            }
        }
        if next.is_none() && Instant::now() >= retry_waiting_at {
            next = start(&spawner, Launch::Hidden);
        }

        let over = match serve(session, &mut desk, &inbox) {
            None => continue,
            Some(over) => over,
        };
        match &over {
            Over::Ended(reason) => log::event("supervisor", format_args!("session {} ended ({reason})", session.id)),
            Over::Exited => log::event("supervisor", format_args!("session {} stopped on its own", session.id)),
        }
        desk.wiping();
        let Some(finished) = current.take() else { continue };
        let lived = finished.started.elapsed();
        let downloads = finished.count_downloads();
        match spawner.stop_and_wipe(finished) {
            Ok((stopped_in, report)) => log::event(
                "supervisor",
                format_args!(
                    "session wiped: {} files, {} bytes overwritten in {} ms (its processes stopped in {} ms)",
                    report.files,
                    report.bytes,
                    report.elapsed.as_millis(),
                    stopped_in.as_millis()
                ),
            ),
            Err(err) => {
                log::event("supervisor", format_args!("WIPE FAILED, the computer is now unavailable: {err}"));
                desk.unavailable();
                if let Some(hidden) = next.take() {
                    spawner.discard(hidden);
                }
                continue;
            }
        }
        if quick_failures.back_off_after(lived) {
            log::event("supervisor", format_args!("sessions keep failing at start; waiting before the next try"));
            answer_until(&inbox, &desk, BACKOFF);
        }
        let receipt = Receipt { downloads };
        current = next.take().or_else(|| start(&spawner, Launch::Visible)).map(|mut ready| {
            ready.send(&ToSession::Show { receipt: Some(receipt) });
            ready
        });
        desk.shown();
    }

    // Stopping: the patron on screen loses nothing they could keep, and nothing is left behind.
    for running in [current, next, unavailable_screen].into_iter().flatten() {
        if let Err(err) = spawner.stop_and_wipe(running) {
            log::event("supervisor", format_args!("WIPE FAILED while stopping: {err}"));
        }
    }
    log::event("supervisor", format_args!("stopped"));
    Ok(())
}

/// Sessions that died soon after starting, in a row.
#[derive(Default)]
struct QuickFailures(u32);

impl QuickFailures {
    /// Counts a session that lived `lived`; true (and the count starts again) when enough died
    /// quickly in a row that the supervisor should pause before starting another.
    fn back_off_after(&mut self, lived: Duration) -> bool {
        self.0 = if lived < QUICK_FAILURE { self.0 + 1 } else { 0 };
        let back_off = self.0 >= QUICK_FAILURES_BEFORE_BACKOFF;
        if back_off {
            self.0 = 0;
        }
        back_off
    }
}

/// Wipes leftovers of a previous run. False when that failed (the machine is then unavailable).
fn sweep(spawner: &Spawner) -> bool {
    match spawner.sweep() {
        Ok(wiped) => {
            for (path, report) in wiped {
                log::event(
                    "supervisor",
                    format_args!("wiped a folder left by a previous run ({}: {} files, {} bytes)", path.display(), report.files, report.bytes),
                );
            }
            true
        }
        Err(err) => {
            log::event("supervisor", format_args!("WIPE FAILED for a folder left by a previous run: {err}"));
            false
        }
    }
}

fn start(spawner: &Spawner, launch: Launch) -> Option<Running> {
    match spawner.spawn(launch) {
        Ok(running) => Some(running),
        Err(err) => {
            log::event("supervisor", format_args!("cannot start a session: {err}"));
            None
        }
    }
}

/// Handles events until the session on screen is over; `None` after a quiet moment, so that the
/// caller can look after the waiting session.
fn serve(session: &mut Running, desk: &mut Desk, inbox: &Receiver<Event>) -> Option<Over> {
    if STOP.load(Ordering::SeqCst) {
        return None;
    }
    if session.has_exited() {
        return Some(Over::Exited);
    }
    match inbox.recv_timeout(Duration::from_millis(50)) {
        Ok(Event::Control(request, mut connection)) => {
            match desk.control(request, Instant::now()) {
                Action::Reply(reply) => connection.reply(&reply),
                Action::Forward(message) => connection.reply(&session.forward(&message)),
            }
            None
        }
        Ok(Event::FromSession(id, message)) if id == session.id => match message {
            FromSession::State { state, mode, view } => {
                desk.reported(state, mode, view, Instant::now());
                None
            }
            FromSession::Ended { reason } => Some(Over::Ended(reason)),
        },
        Ok(Event::LinkClosed(id)) if id == session.id => Some(Over::Exited),
        // Messages of the waiting session, or of one already gone.
        Ok(Event::FromSession(..) | Event::LinkClosed(_)) | Err(RecvTimeoutError::Timeout) => None,
        Err(RecvTimeoutError::Disconnected) => {
            STOP.store(true, Ordering::SeqCst);
            None
        }
    }
}

/// Answers control requests (from the desk only) for a while.
fn answer_until(inbox: &Receiver<Event>, desk: &Desk, duration: Duration) {
    let until = Instant::now() + duration;
    while Instant::now() < until && !STOP.load(Ordering::SeqCst) {
        if let Ok(Event::Control(request, mut connection)) = inbox.recv_timeout(Duration::from_millis(50)) {
            match desk.control(request, Instant::now()) {
                Action::Reply(reply) => connection.reply(&reply),
                Action::Forward(_) => connection.reply(&control::Reply::Error { message: "no session is running".into() }),
            }
        }
    }
}
