//! WebKit's content filters from the command line: `guichet-session compile-filters` compiles
//! them in the foreground (for `guichet lists compile-adblock`) or in the background (a child of
//! `guichet run`, see [`crate::supervisor`]). Both go through [`crate::ads::compile_store`]; only the compiler
//! itself is WebKit's, and a build without the shell has none.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::ads::{self, AdsError, Compiled, FilterPaths, Manifest};
use crate::config::Config;
use crate::log;

/// One line per kind: rules written, lines kept and dropped (by reason).
pub fn summary(manifest: &Manifest) -> String {
    let mut text = String::new();
    for (kind, report) in &manifest.reports {
        if !text.is_empty() {
            text.push_str("; ");
        }
        let parts = manifest.entries.iter().filter(|e| e.kind == *kind).count();
        let _ = write!(text, "{kind}: {} rules", report.rules);
        if parts > 1 {
            let _ = write!(text, " in {parts} lists");
        }
        let _ = write!(text, " ({} lines kept, {} dropped", report.kept, report.dropped_total());
        let mut dropped: Vec<(&&str, &usize)> = report.dropped.iter().collect();
        dropped.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (index, (reason, count)) in dropped.iter().enumerate() {
            let _ = write!(text, "{}{reason} {count}", if index == 0 { ": " } else { ", " });
        }
        text.push(')');
    }
    text
}

/// Compiles the store unless it is already that of the rules on disk; says what was done.
pub fn compile_now(paths: &FilterPaths) -> Result<String, AdsError> {
    let started = Instant::now();
    let webkit = webkit_version()?;
    let store = paths.store();
    Ok(match ads::compile_store(paths, &webkit, false, &mut compiler)? {
        Compiled::UpToDate(_) => format!("{}: compiled already, by WebKit {webkit}", store.display()),
        Compiled::New { ids, .. } => {
            format!("{}: {} filters compiled by WebKit {webkit} in {:.1} s", store.display(), ids.len(), started.elapsed().as_secs_f64())
        }
    })
}

/// The supervisor's child: compiles if needed and logs the outcome. Exit 1 on failure.
pub fn compile_in_background(config: &Config) -> ExitCode {
    let Some(paths) = config.content_filter_paths() else { return ExitCode::SUCCESS };
    if ads::read_manifest(&paths).is_err() {
        // No rules to compile (unreadable lists): `guichet run` said why already.
        return ExitCode::SUCCESS;
    }
    let started = Instant::now();
    match webkit_version().and_then(|webkit| ads::compile_store(&paths, &webkit, false, &mut compiler).map(|c| (webkit, c))) {
        Ok((webkit, Compiled::UpToDate(_))) => {
            log::event("adblock", format_args!("content filters up to date (compiled by WebKit {webkit})"));
            ExitCode::SUCCESS
        }
        Ok((webkit, Compiled::New { ids, .. })) => {
            log::event("adblock", format_args!("{} content filters compiled by WebKit {webkit} in {:.1} s; new sessions load them", ids.len(), started.elapsed().as_secs_f64()));
            ExitCode::SUCCESS
        }
        Err(err) => {
            log::event("adblock", format_args!("content filters not compiled: {err}; sessions keep the filters compiled before, if any, else block ads and trackers by host only"));
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "shell")]
fn webkit_version() -> Result<String, AdsError> {
    Ok(webkit_filter_store::webkit_version())
}

/// How long one list's compilation may take before we give up on it (WebKit takes seconds).
#[cfg(feature = "shell")]
const COMPILE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

#[cfg(feature = "shell")]
fn compiler(folder: &Path, id: &str, json: &[u8]) -> Result<(), String> {
    webkit_filter_store::compile(folder, id, json, COMPILE_TIMEOUT).map_err(|err| err.to_string())
}

#[cfg(not(feature = "shell"))]
fn webkit_version() -> Result<String, AdsError> {
    Err(AdsError::Compile { id: "*".into(), message: "this build has no WebKit (built without the `shell` feature)".into() })
}

#[cfg(not(feature = "shell"))]
fn compiler(_: &Path, _: &str, _: &[u8]) -> Result<(), String> {
    Err("this build has no WebKit".into())
}
