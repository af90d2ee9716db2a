//! Keeps the anonymous daily counts on disk for the supervisor: the desk's tallies, checked
//! against the catalogue, added to today's line; the file and the Prometheus textfile are
//! rewritten whole (a new file renamed over the old one, so a reader never sees half of it).

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::catalog::Catalog;
use crate::day::Day;
use crate::log;
use crate::stats::{DailyCounts, Event, Tally};

pub struct Counts {
    counts: DailyCounts,
    file: PathBuf,
    prometheus: Option<PathBuf>,
    /// Only the first failure to write is logged (a read-only disk would fill the log).
    failed: bool,
}

impl Counts {
    /// Loads `file` if it exists; a damaged file is set aside (renamed `.damaged`), never merged.
    pub fn open(file: PathBuf, prometheus: Option<PathBuf>) -> Counts {
        let counts = match std::fs::read_to_string(&file) {
            Ok(text) => DailyCounts::from_json_lines(&text).unwrap_or_else(|err| {
                log::event("stats", format_args!("{}: {err}; starting new counts", file.display()));
                let _ = std::fs::rename(&file, file.with_extension("damaged"));
                DailyCounts::new()
            }),
            Err(_) => DailyCounts::new(),
        };
        Counts { counts, file, prometheus, failed: false }
    }

    /// Adds `tallies` to today's counts and writes the files.
    pub fn add(&mut self, tallies: Vec<Tally>, catalog: &Catalog) {
        if tallies.is_empty() {
            return;
        }
        let today = today();
        for tally in &tallies {
            let event = match tally {
                Tally::SessionStarted(mode) => Event::SessionStarted(*mode),
                Tally::SessionEnded(reason) => Event::SessionEnded(*reason),
                Tally::Blocked(reason) => Event::Blocked(*reason),
                // Only a démarche of the catalogue is counted: a session cannot make up names.
                Tally::DemarcheStarted(id) => match catalog.get(id) {
                    Some(demarche) => Event::DemarcheStarted(demarche),
                    None => continue,
                },
            };
            self.counts.record(today, event);
        }
        let mut result = replace(&self.file, &self.counts.to_json_lines());
        if let Some(prometheus) = &self.prometheus {
            result = result.and_then(|()| replace(prometheus, &self.counts.to_prometheus(today)));
        }
        match result {
            Ok(()) => self.failed = false,
            Err(err) if !self.failed => {
                self.failed = true;
                log::event("stats", format_args!("cannot write the daily counts: {err}"));
            }
            Err(_) => {}
        }
    }
}

/// Today as a UTC day (the counts never hold a finer time).
pub fn today() -> Day {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Day::from_unix_seconds(seconds).unwrap_or_else(|| Day::new(1970, 1, 1).expect("a valid day"))
}

fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}
