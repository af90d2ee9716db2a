//! `guichet run`: the supervisor. It holds no patron data. Each patron gets a session process
//! (under its own private D-Bus) with a RAM folder; the next session is started ahead of time,
//! hidden. When a session ends, the supervisor kills its whole process tree, wipes and checks its
//! folder, and only then lets the next session take the screen.

pub mod counts;
pub mod desk;
pub mod egl;
mod filters;
pub mod link;
pub mod ramdir;
mod spawn;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Instant;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::control::{self, Connection, Reply, Request};
use crate::log;
use desk::{Action, Desk, Effect, Input, SessionId};
use link::FromSession;
use spawn::{Running, Spawner};

#[derive(Debug, thiserror::Error)]
pub enum SupervisorError {
    #[error(transparent)]
    Control(#[from] control::ControlError),
    #[error("cannot start a session process: {0}")]
    Spawn(std::io::Error),
    #[error("cannot watch for SIGTERM, SIGINT and SIGCHLD: {0}")]
    Signals(std::io::Error),
}

/// Where things are, as `main` found them in the environment.
pub struct Paths {
    /// `guichet-session`, started for each patron and to compile content filters.
    pub session_program: PathBuf,
    /// Where session folders are made.
    pub sessions: PathBuf,
    /// `dbus-run-session`, which gives each session its private bus (`None`: not installed,
    /// and no patron session can start).
    pub dbus_run_session: Option<PathBuf>,
    /// Guichet's GPU-free EGL for sessions ([`egl`]); `None`: not installed, sessions use the
    /// system's.
    pub gpu_free_egl: Option<PathBuf>,
}

pub(crate) enum Event {
    Control(Request, Connection),
    FromSession(u64, FromSession),
    LinkClosed(u64),
    /// A child process exited (SIGCHLD).
    ChildExited,
    /// SIGTERM or SIGINT.
    Stop,
}

/// Runs until SIGTERM or SIGINT. `config_path` is passed on to each session process.
pub fn run(config: &Config, catalog: &Catalog, config_path: Option<&std::path::Path>, paths: Paths) -> Result<(), SupervisorError> {
    // Orphaned helpers of a session (WebKit's, D-Bus's) become our children, so that we can
    // see them, kill them and reap them.
    // SAFETY: prctl with PR_SET_CHILD_SUBREAPER only changes this process's own attribute.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let server = control::Server::bind(&config.control_socket)?;
    let (events, inbox) = mpsc::channel();
    watch_signals(events.clone())?;
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

    let mut compiler = filters::FilterCompiler::new(paths.session_program.clone(), config_path, config.content_filter_paths());
    compiler.start();
    match &paths.gpu_free_egl {
        Some(library) => log::event("supervisor", format_args!("sessions use Guichet's GPU-free EGL ({})", library.display())),
        None => log::event(
            "supervisor",
            format_args!("Guichet's GPU-free EGL ({}) is not installed: sessions use the system's, about 20 MiB more per WebKit process", egl::LIBRARY),
        ),
    }
    let spawner = Spawner::new(paths, config_path, events);
    // Before anything else: whatever a previous run left in RAM is wiped.
    let mut desk = Desk::new(sweep(&spawner), config.modes.clone());
    if config.modes.contains(&crate::policy::Mode::Assisted) {
        desk.offer_assisted();
    }
    log::event("supervisor", format_args!("ready; control socket {}", config.control_socket.display()));
    let mut running: BTreeMap<SessionId, Running> = BTreeMap::new();
    let mut counts = counts::Counts::open(config.stats_file.clone(), config.stats_prometheus.clone(), config.lists_health());

    loop {
        carry_out(&mut desk, &spawner, &mut running, &mut compiler);
        counts.add(desk.take_tallies(), catalog);
        let now = Instant::now();
        counts.refresh(now);
        // The desk's next deadline, or the textfile's: waking early only costs the desk a Tick.
        let wake = match (desk.poll_timeout(), counts.refresh_at()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let next = match wake {
            Some(at) => inbox.recv_timeout(at.saturating_duration_since(now)),
            None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let now = Instant::now();
        match next {
            Ok(Event::Control(request, mut connection)) => match desk.control(request, now) {
                Action::Reply(reply) => connection.reply(&reply),
                Action::SetMode(mode) => connection.reply(&desk.set_mode(mode)),
                Action::Forward { id, message } => connection.reply(&match running.get_mut(&id) {
                    Some(session) => session.forward(&message),
                    None => Reply::Error { message: "no session is running".into() },
                }),
            },
            Ok(Event::FromSession(id, message)) => desk.handle(Input::FromSession { id, message }, now),
            Ok(Event::LinkClosed(id)) => desk.handle(Input::Gone { id }, now),
            Ok(Event::ChildExited) => {
                compiler.reap();
                let exited: Vec<SessionId> = running.iter_mut().filter_map(|(id, r)| r.has_exited().then_some(*id)).collect();
                for id in exited {
                    desk.handle(Input::Gone { id }, now);
                }
            }
            Err(RecvTimeoutError::Timeout) => desk.handle(Input::Tick, now),
            Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }

    // Stopping: the patron on screen loses nothing they could keep, and nothing is left behind.
    for id in desk.shut_down() {
        if let Some(session) = running.remove(&id) {
            if let Err(err) = spawner.stop_and_wipe(session) {
                log::event("supervisor", format_args!("WIPE FAILED while stopping: {err}"));
            }
        }
    }
    compiler.stop();
    log::event("supervisor", format_args!("stopped"));
    Ok(())
}

/// Carries out the desk's effects until it has none left (wipes answer at once).
fn carry_out(desk: &mut Desk, spawner: &Spawner, running: &mut BTreeMap<SessionId, Running>, compiler: &mut filters::FilterCompiler) {
    while let Some(effect) = desk.poll() {
        let now = Instant::now();
        match effect {
            Effect::Spawn { role, launch } => {
                // New rules since the store was compiled (a list update): compiled in the
                // background for the sessions after this one.
                compiler.check();
                match spawner.spawn(launch) {
                    Ok(session) => {
                        let id = session.id;
                        running.insert(id, session);
                        desk.handle(Input::Started { id, role }, now);
                    }
                    Err(err) => {
                        log::event("supervisor", format_args!("cannot start a session: {err}"));
                        desk.handle(Input::StartFailed { role }, now);
                    }
                }
            }
            Effect::KeepFailing => spawner.without_gpu_free_egl(),
            Effect::Send { id, message } => {
                if let Some(session) = running.get_mut(&id) {
                    session.send(&message);
                }
            }
            Effect::StopAndWipe { id } => {
                let Some(session) = running.remove(&id) else { continue };
                let downloads = session.count_downloads();
                let result = match spawner.stop_and_wipe(session) {
                    Ok((stopped_in, report)) => {
                        log::event(
                            "supervisor",
                            format_args!(
                                "session wiped: {} files, {} bytes overwritten in {} ms (its processes stopped in {} ms)",
                                report.files,
                                report.bytes,
                                report.elapsed.as_millis(),
                                stopped_in.as_millis()
                            ),
                        );
                        Ok(downloads)
                    }
                    Err(err) => {
                        log::event("supervisor", format_args!("wipe failed: {err}"));
                        Err(())
                    }
                };
                desk.handle(Input::Wiped { id, result }, Instant::now());
            }
        }
    }
}

/// SIGTERM, SIGINT and SIGCHLD become loop events, read by one thread. A handler writes each
/// to a pipe (signal-hook), whatever thread the kernel picks to run it.
// Hazard: blocking them and calling sigwait is not enough. Libraries start threads before `run`
// (JavaScriptCore at load), with nothing blocked; the kernel may hand SIGTERM to one of them,
// whose default action ends the process without a wipe.
fn watch_signals(events: Sender<Event>) -> Result<(), SupervisorError> {
    use signal_hook::consts::{SIGCHLD, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGCHLD]).map_err(SupervisorError::Signals)?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let event = if signal == SIGCHLD { Event::ChildExited } else { Event::Stop };
                if events.send(event).is_err() {
                    return;
                }
            }
        })
        .map_err(SupervisorError::Spawn)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The kiosk stops and wipes on SIGTERM even when another thread (as JavaScriptCore's,
    /// started at load) blocks nothing: the kernel may hand the signal to that thread.
    #[test]
    fn sigterm_becomes_a_stop_whichever_thread_receives_it() {
        let (park, parked) = mpsc::channel::<()>();
        let bystander = thread::spawn(move || {
            // SAFETY: empties this thread's own signal mask.
            unsafe {
                let mut none: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut none);
                libc::pthread_sigmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
            }
            let _ = parked.recv();
        });
        let (events, inbox) = mpsc::channel();
        watch_signals(events).expect("signals watched");
        // SAFETY: a signal to this very process, which now has a handler for it.
        unsafe { libc::kill(libc::getpid(), libc::SIGTERM) };
        let stopped = loop {
            match inbox.recv_timeout(Duration::from_secs(5)) {
                Ok(Event::Stop) => break true,
                Ok(_) => continue,
                Err(_) => break false,
            }
        };
        drop(park);
        bystander.join().expect("the bystander thread ends");
        assert!(stopped, "SIGTERM did not reach the loop as a Stop event");
    }
}
