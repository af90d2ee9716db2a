//! Hands a PDF the session laid out to CUPS with `lp` (Debian's cups-client), off the window's
//! thread, then deletes it: the job then lives only in CUPS's spool, which keeps nothing once
//! printed when `cupsd.conf` says `PreserveJobFiles No` and `PreserveJobHistory No` (see
//! `guichet doctor`). The job is named "Guichet", never after the page.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::log;

/// Longer than this, and CUPS is taken not to answer.
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends `pdf` to `queue` (on `server`, else the system's CUPS), deletes it, and calls `done`
/// with whether CUPS took the job.
pub fn submit(pdf: PathBuf, queue: String, server: Option<String>, done: impl FnOnce(bool) + Send + 'static) {
    let spawned = thread::Builder::new().name("print".into()).spawn(move || {
        let sent = run_lp(&pdf, &queue, server.as_deref());
        if let Err(err) = std::fs::remove_file(&pdf) {
            log::event("printing", format_args!("could not delete the printed file: {err}"));
        }
        done(sent);
    });
    if let Err(err) = spawned {
        log::event("printing", format_args!("could not start sending the print: {err}"));
    }
}

fn run_lp(pdf: &std::path::Path, queue: &str, server: Option<&str>) -> bool {
    let mut command = Command::new("lp");
    if let Some(server) = server {
        command.args(["-h", server]);
    }
    command.args(["-d", queue, "-t", "Guichet", "-n", "1", "-o", "media=A4", "--"]).arg(pdf);
    let mut child = match command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(err) => {
            log::event("printing", format_args!("cannot run lp (Debian package cups-client): {err}"));
            return false;
        }
    };
    let deadline = Instant::now() + SUBMIT_TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return true,
            Ok(Some(status)) => {
                let mut reason = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut stderr, &mut reason);
                }
                log::event("printing", format_args!("lp refused the job ({status}): {}", reason.trim()));
                return false;
            }
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                log::event("printing", format_args!("the print server did not answer within {} s", SUBMIT_TIMEOUT.as_secs()));
                return false;
            }
        }
    }
}
