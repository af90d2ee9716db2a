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

/// Makes ready the file a page is laid out in: its folder made, a file an earlier print left
/// removed (it must not be counted for this one). Returns the file's URI, for GTK's printer.
pub fn fresh_output(pdf: &std::path::Path) -> Option<String> {
    if let Some(folder) = pdf.parent() {
        if let Err(err) = std::fs::create_dir_all(folder) {
            log::event("printing", format_args!("cannot create the print folder: {err}"));
            return None;
        }
    }
    if let Err(err) = std::fs::remove_file(pdf) {
        if err.kind() != std::io::ErrorKind::NotFound {
            log::event("printing", format_args!("cannot remove the last print's file: {err}"));
            return None;
        }
    }
    url::Url::from_file_path(pdf).ok().map(String::from)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_file_is_made_ready_and_named_by_its_uri() {
        let session = tempfile::tempdir().expect("a temporary folder");
        let pdf = session.path().join("print dir/page.pdf");
        let uri = fresh_output(&pdf).expect("a fresh output");
        assert!(pdf.parent().is_some_and(std::path::Path::is_dir), "the folder is made");
        assert_eq!(url::Url::parse(&uri).ok().and_then(|u| u.to_file_path().ok()), Some(pdf.clone()));
        assert!(uri.starts_with("file:///") && uri.contains("print%20dir"), "{uri}");

        std::fs::write(&pdf, b"%PDF- an earlier print").expect("a leftover file");
        assert!(fresh_output(&pdf).is_some());
        assert!(!pdf.exists(), "what an earlier print left is never counted for this one");

        std::fs::create_dir(&pdf).expect("a folder where the file goes");
        assert_eq!(fresh_output(&pdf), None, "what cannot be removed refuses the print");
        let blocked = session.path().join("a file/page.pdf");
        std::fs::write(session.path().join("a file"), b"").expect("a file where the folder goes");
        assert_eq!(fresh_output(&blocked), None, "a folder that cannot be made refuses the print");
    }
}
