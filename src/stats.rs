//! Anonymous daily counts for the structure: how many sessions, how they ended, which démarches
//! were started, what was blocked and why. Harmless to patrons by construction: counters keyed
//! by the day and by fixed codes only, never an address, a query, a time of day or a person.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::catalog::Demarche;
use crate::day::Day;
use crate::policy::{Mode, Reason};
use crate::session::EndReason;

/// Days kept in the file; older ones are dropped when a new day starts.
pub const KEPT_DAYS: usize = 400;

/// Something worth counting. Each variant carries only a fixed code: a démarche is named by
/// its catalogue entry, so no text a patron typed can reach the counts.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    SessionStarted(Mode),
    /// A session counted in this mode took an advisor's help: it counts as assisted instead.
    TurnedAssisted(Mode),
    SessionEnded(EndReason),
    DemarcheStarted(&'a Demarche),
    Blocked(Reason),
    /// A session's folder was wiped (`true`), or the wipe failed and the kiosk stopped taking patrons.
    Wiped(bool),
}

/// A count as the supervisor's desk gathers it, before the catalogue confirms a démarche id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tally {
    SessionStarted(Mode),
    TurnedAssisted(Mode),
    SessionEnded(EndReason),
    DemarcheStarted(String),
    Blocked(Reason),
    Wiped(bool),
}

/// One day's counters. Keys are codes (`citizen`, `idle-timeout`, `caf-rsa`, `not-allowlisted`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayCounts {
    /// Sessions started, by mode (`assisted` = with a France Services advisor).
    pub sessions: BTreeMap<String, u64>,
    /// Sessions ended, by reason.
    pub ended: BTreeMap<String, u64>,
    /// "Commencer la démarche" pressed, by démarche id.
    pub demarches: BTreeMap<String, u64>,
    /// Pages and requests refused, by reason.
    pub blocks: BTreeMap<String, u64>,
    /// Session folders wiped (`done`) and wipes that failed (`failed`).
    pub wipes: BTreeMap<String, u64>,
}

/// The counts of the last [`KEPT_DAYS`] days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DailyCounts {
    days: BTreeMap<Day, DayCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("line {line}: {message}: expected one JSON object per day, as `guichet stats` writes it")]
    Malformed { line: usize, message: String },
    #[error("line {line}: {day:?} is not a day: expected \"YYYY-MM-DD\"")]
    BadDay { line: usize, day: String },
    #[error("line {line}: {day} appears twice: expected one line per day")]
    DuplicateDay { line: usize, day: Day },
    #[error("line {line}: {key:?} is not a known code: expected a mode, end reason, démarche id or block reason")]
    UnknownCode { line: usize, key: String },
}

/// One line of the file: the day and its counters (written out: serde's `flatten` would
/// silently defeat `deny_unknown_fields`).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    day: String,
    #[serde(default)]
    sessions: BTreeMap<String, u64>,
    #[serde(default)]
    ended: BTreeMap<String, u64>,
    #[serde(default)]
    demarches: BTreeMap<String, u64>,
    #[serde(default)]
    blocks: BTreeMap<String, u64>,
    #[serde(default)]
    wipes: BTreeMap<String, u64>,
}

impl DailyCounts {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts `event` on `today` (the caller's clock, as a UTC day).
    pub fn record(&mut self, today: Day, event: Event<'_>) {
        let counts = self.days.entry(today).or_default();
        if let Event::TurnedAssisted(from) = event {
            if let Some(count) = counts.sessions.get_mut(from.as_str()) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    counts.sessions.remove(from.as_str());
                }
            }
            *counts.sessions.entry(Mode::Assisted.as_str().to_string()).or_default() += 1;
            return;
        }
        let (map, key) = match event {
            Event::TurnedAssisted(_) => return,
            Event::SessionStarted(mode) => (&mut counts.sessions, mode.as_str()),
            Event::SessionEnded(reason) => (&mut counts.ended, reason.code()),
            Event::DemarcheStarted(demarche) => (&mut counts.demarches, demarche.id.as_str()),
            Event::Blocked(reason) => (&mut counts.blocks, reason.code()),
            Event::Wiped(done) => (&mut counts.wipes, wipe_code(done)),
        };
        *map.entry(key.to_string()).or_default() += 1;
        while self.days.len() > KEPT_DAYS {
            self.days.pop_first();
        }
    }

    pub fn day(&self, day: Day) -> Option<&DayCounts> {
        self.days.get(&day)
    }

    pub fn days(&self) -> impl Iterator<Item = (Day, &DayCounts)> {
        self.days.iter().map(|(day, counts)| (*day, counts))
    }

    /// One JSON object per day, oldest first: `{"day":"2026-11-25","sessions":{"citizen":12},…}`.
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for (day, counts) in &self.days {
            let DayCounts { sessions, ended, demarches, blocks, wipes } = counts.clone();
            let line = Line { day: day.to_string(), sessions, ended, demarches, blocks, wipes };
            // Maps of strings to integers always serialise.
            out.push_str(&serde_json::to_string(&line).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// Reads what [`Self::to_json_lines`] wrote. Refuses anything else, including keys that are
    /// not codes (a file edited to smuggle text in is not loaded).
    pub fn from_json_lines(text: &str) -> Result<Self, StatsError> {
        let mut days = BTreeMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(raw).map_err(|e| StatsError::Malformed { line, message: e.to_string() })?;
            let day = Day::parse(&parsed.day).ok_or_else(|| StatsError::BadDay { line, day: parsed.day.clone() })?;
            let counts = DayCounts {
                sessions: parsed.sessions,
                ended: parsed.ended,
                demarches: parsed.demarches,
                blocks: parsed.blocks,
                wipes: parsed.wipes,
            };
            for key in counts.sessions.keys().chain(counts.ended.keys()).chain(counts.demarches.keys()).chain(counts.blocks.keys()) {
                if !is_code(key) {
                    return Err(StatsError::UnknownCode { line, key: key.clone() });
                }
            }
            if let Some(key) = counts.wipes.keys().find(|k| *k != wipe_code(true) && *k != wipe_code(false)) {
                return Err(StatsError::UnknownCode { line, key: key.clone() });
            }
            if days.insert(day, counts).is_some() {
                return Err(StatsError::DuplicateDay { line, day });
            }
        }
        while days.len() > KEPT_DAYS {
            days.pop_first();
        }
        Ok(DailyCounts { days })
    }

    /// The counts of `today` in Prometheus text format, for node_exporter's textfile collector.
    /// Gauges, since they start again from zero each day.
    pub fn to_prometheus(&self, today: Day) -> String {
        let empty = DayCounts::default();
        let counts = self.days.get(&today).unwrap_or(&empty);
        let mut out = String::new();
        let _ = writeln!(out, "# HELP guichet_stats_day_start_seconds Start (00:00 UTC) of the day these counts are for.");
        let _ = writeln!(out, "# TYPE guichet_stats_day_start_seconds gauge");
        let _ = writeln!(out, "guichet_stats_day_start_seconds {}", today.unix_seconds());
        let families: [(&str, &str, &str, &BTreeMap<String, u64>); 4] = [
            ("guichet_day_sessions_started", "Sessions started today, by mode.", "mode", &counts.sessions),
            ("guichet_day_sessions_ended", "Sessions ended today, by reason.", "reason", &counts.ended),
            ("guichet_day_demarches_started", "Démarches started today, by id.", "demarche", &counts.demarches),
            ("guichet_day_blocks", "Pages and requests refused today, by reason.", "reason", &counts.blocks),
        ];
        for (name, help, label, values) in families {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} gauge");
            for (key, value) in values {
                // Keys are codes (letters, digits, dashes), so they need no escaping.
                let _ = writeln!(out, "{name}{{{label}=\"{key}\"}} {value}");
            }
        }
        // Both, zeros included: an alert on failed wipes needs the zero to compare with.
        let _ = writeln!(out, "# HELP guichet_day_wipes Session folders wiped today (done), and wipes that failed (failed).");
        let _ = writeln!(out, "# TYPE guichet_day_wipes gauge");
        for result in [wipe_code(true), wipe_code(false)] {
            let _ = writeln!(out, "guichet_day_wipes{{result=\"{result}\"}} {}", counts.wipes.get(result).copied().unwrap_or(0));
        }
        out
    }
}

fn wipe_code(done: bool) -> &'static str {
    if done { "done" } else { "failed" }
}

/// Lower-case letters, digits and dashes: the shape of every mode, reason and démarche id.
pub fn is_code(key: &str) -> bool {
    !key.is_empty() && key.len() <= 60 && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
