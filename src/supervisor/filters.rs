//! WebKit's content filters compiled without holding up a patron: a child process
//! (`guichet-session compile-filters --background`, at low priority) at start, and again before a session starts
//! whenever the rules on disk are newer than the compiled store (`guichet lists update` wrote
//! new ones). Sessions keep loading the previous store until the new one is linked in. A child
//! keeps WebKit's compiler (seconds, hundreds of MB) out of the supervisor, which never links a
//! web engine into its own memory.

use std::path::{Path, PathBuf};
use std::process::Child;

use crate::ads::{self, FilterPaths};
use crate::log;

pub struct FilterCompiler {
    program: PathBuf,
    config_path: Option<PathBuf>,
    /// `None`: ad blocking is off.
    paths: Option<FilterPaths>,
    child: Option<Child>,
    /// The manifest the running child compiles, and the last one that failed: a failure is
    /// not retried before the rules change (or the kiosk restarts).
    compiling: Option<u64>,
    failed: Option<u64>,
}

impl FilterCompiler {
    pub fn new(program: PathBuf, config_path: Option<&Path>, paths: Option<FilterPaths>) -> FilterCompiler {
        FilterCompiler { program, config_path: config_path.map(Path::to_path_buf), paths, child: None, compiling: None, failed: None }
    }

    /// At start: the child checks everything (the WebKit version, every file) and compiles
    /// only if needed.
    pub fn start(&mut self) {
        self.spawn();
    }

    /// Before a session starts: a quick look at the stamps.
    pub fn check(&mut self) {
        let Some(paths) = &self.paths else { return };
        if self.child.is_some() || !ads::store_is_stale(paths) {
            return;
        }
        if self.failed.is_some() && self.failed == manifest_sum(paths) {
            return;
        }
        self.spawn();
    }

    /// After SIGCHLD: notes a finished child.
    pub fn reap(&mut self) {
        let Some(child) = self.child.as_mut() else { return };
        match child.try_wait() {
            Ok(None) => {}
            Ok(Some(status)) => {
                self.failed = if status.success() { None } else { self.compiling };
                self.child = None;
                self.paths.iter().for_each(FilterPaths::clear_scratch);
            }
            Err(err) => {
                log::event("supervisor", format_args!("lost track of the content-filter compiler: {err}"));
                self.child = None;
            }
        }
    }

    /// Stops a compilation still running (the kiosk is stopping): its new folder is removed by
    /// the next compilation.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
            self.paths.iter().for_each(FilterPaths::clear_scratch);
        }
    }

    fn spawn(&mut self) {
        let Some(paths) = &self.paths else { return };
        self.compiling = manifest_sum(paths);
        let started = paths.compiler(&self.program, self.config_path.as_deref(), true).and_then(|mut command| command.spawn());
        match started {
            Ok(child) => self.child = Some(child),
            Err(err) => {
                log::event("supervisor", format_args!("cannot start the content-filter compiler: {err}; sessions keep the filters compiled before, if any"));
                self.failed = self.compiling;
            }
        }
    }
}

fn manifest_sum(paths: &FilterPaths) -> Option<u64> {
    ads::read_manifest(paths).ok().map(|(_, sum)| sum)
}
