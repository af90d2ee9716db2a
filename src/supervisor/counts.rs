//! Keeps the anonymous daily counts on disk for the supervisor: the desk's tallies, checked
//! against the catalogue, added to today's line; the file and the Prometheus textfile are
//! rewritten whole (a new file renamed over the old one, so a reader never sees half of it).
//!
//! The textfile also says how old the lists are and how the last `guichet lists update` went.
//! The supervisor rewrites it every [`REFRESH`] as well as on each count, so those figures (and
//! today's counts after midnight) are never older than that, while the update itself needs no
//! write access to the kiosk's files: one writer per file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::catalog::Catalog;
use crate::day::Day;
use crate::log;
use crate::stats::{DailyCounts, Event, Tally};
use crate::updates::ListsHealth;

/// How often the Prometheus textfile is rewritten when nothing is counted.
pub const REFRESH: Duration = Duration::from_secs(60);

pub struct Counts {
    counts: DailyCounts,
    file: PathBuf,
    prometheus: Option<PathBuf>,
    health: ListsHealth,
    /// When the textfile is due again.
    next_refresh: Instant,
    /// Only the first failure to write is logged (a read-only disk would fill the log).
    failed: bool,
}

impl Counts {
    /// Loads `file` if it exists; a damaged file is set aside (renamed `.damaged`), never merged.
    pub fn open(file: PathBuf, prometheus: Option<PathBuf>, health: ListsHealth) -> Counts {
        let counts = match std::fs::read_to_string(&file) {
            Ok(text) => DailyCounts::from_json_lines(&text).unwrap_or_else(|err| {
                log::event("stats", format_args!("{}: {err}; starting new counts", file.display()));
                let _ = std::fs::rename(&file, file.with_extension("damaged"));
                DailyCounts::new()
            }),
            Err(_) => DailyCounts::new(),
        };
        let mut counts = Counts { counts, file, prometheus, health, next_refresh: Instant::now(), failed: false };
        counts.refresh(Instant::now());
        counts
    }

    /// When [`Counts::refresh`] should run next; `None` without a textfile.
    pub fn refresh_at(&self) -> Option<Instant> {
        self.prometheus.as_ref().map(|_| self.next_refresh)
    }

    /// Rewrites the textfile if it is due.
    pub fn refresh(&mut self, now: Instant) {
        if self.prometheus.is_none() || now < self.next_refresh {
            return;
        }
        let result = self.write_prometheus(today());
        self.report(result);
    }

    fn write_prometheus(&mut self, today: Day) -> std::io::Result<()> {
        let Some(prometheus) = &self.prometheus else { return Ok(()) };
        self.next_refresh = Instant::now() + REFRESH;
        let text = self.counts.to_prometheus(today) + &self.health.to_prometheus(unix_now());
        replace(prometheus, &text)
    }

    fn report(&mut self, result: std::io::Result<()>) {
        match result {
            Ok(()) => self.failed = false,
            Err(err) if !self.failed => {
                self.failed = true;
                log::event("stats", format_args!("cannot write the daily counts: {err}"));
            }
            Err(_) => {}
        }
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
                Tally::TurnedAssisted(mode) => Event::TurnedAssisted(*mode),
                Tally::SessionEnded(reason) => Event::SessionEnded(*reason),
                Tally::Blocked(reason) => Event::Blocked(*reason),
                Tally::Wiped(done) => Event::Wiped(*done),
                // Only a démarche of the catalogue is counted: a session cannot make up names.
                Tally::DemarcheStarted(id) => match catalog.get(id) {
                    Some(demarche) => Event::DemarcheStarted(demarche),
                    None => continue,
                },
            };
            self.counts.record(today, event);
        }
        let result = replace(&self.file, &self.counts.to_json_lines()).and_then(|()| self.write_prometheus(today));
        self.report(result);
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Today as a UTC day (the counts never hold a finer time).
pub fn today() -> Day {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Day::from_unix_seconds(seconds).unwrap_or_else(|| Day::new(1970, 1, 1).expect("a valid day"))
}

fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::policy::{Mode, Reason};
    use crate::session::EndReason;

    #[test]
    fn tallies_reach_both_files_and_made_up_demarches_do_not() {
        let dir = std::env::temp_dir().join(format!("guichet-counts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = Config::builtin().unwrap();
        let catalog = config.load_catalog(&config.load_policy().unwrap()).unwrap();
        let (file, prometheus) = (dir.join("stats.jsonl"), dir.join("guichet.prom"));
        let mut counts = Counts::open(file.clone(), Some(prometheus.clone()), config.lists_health());
        counts.add(
            vec![
                Tally::SessionStarted(Mode::Citizen),
                Tally::DemarcheStarted("caf-rsa".into()),
                Tally::DemarcheStarted("not-in-the-catalogue".into()),
                Tally::Blocked(Reason::NotAllowlisted),
                Tally::SessionEnded(EndReason::IdleTimeout),
            ],
            &catalog,
        );
        let lines = std::fs::read_to_string(&file).unwrap();
        assert!(lines.contains(r#""demarches":{"caf-rsa":1}"#), "{lines}");
        assert!(lines.contains(r#""ended":{"idle-timeout":1}"#), "{lines}");
        let text = std::fs::read_to_string(&prometheus).unwrap();
        assert!(text.contains("guichet_day_demarches_started{demarche=\"caf-rsa\"} 1"), "{text}");
        assert!(text.contains("guichet_day_blocks{reason=\"not-allowlisted\"} 1"), "{text}");
        // A new supervisor carries on from the file.
        let mut again = Counts::open(file.clone(), None, config.lists_health());
        again.add(vec![Tally::DemarcheStarted("caf-rsa".into())], &catalog);
        assert!(std::fs::read_to_string(&file).unwrap().contains(r#""demarches":{"caf-rsa":2}"#));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
