//! How fresh the lists in use are and how the last update went, as Prometheus lines for
//! `[stats] prometheus`: the lists' own dates and the state file, nothing about patrons.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::state::{Outcome, Reason, UpdateState};
use crate::ads::{ListKind, ListSource};
use crate::day::Day;

/// An ABP list's header is in its first lines; more than this is never read for the date.
const HEADER_BYTES: u64 = 8 * 1024;

/// The files the metrics look at, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct ListsHealth {
    /// `[filter] lists`, the compiled UT1 file.
    pub category_lists: Option<PathBuf>,
    /// `[adblock] ad_lists` and `tracker_lists`.
    pub ad_lists: Vec<ListSource>,
    /// `[updates] state`.
    pub state_file: PathBuf,
}

impl ListsHealth {
    /// The lists' dates and ages at `now` (Unix seconds) and the last update's result, in
    /// Prometheus text format. A list that is missing or unreadable has no sample: its absence
    /// is what an alert looks for.
    pub fn to_prometheus(&self, now: u64) -> String {
        let mut dates: Vec<(&str, u64)> = Vec::new();
        if let Some(date) = self.category_lists.as_deref().and_then(|path| crate::lists::read_list_date(path).ok()) {
            dates.push(("categories", date));
        }
        for (label, kind) in [("ad", ListKind::Ads), ("tracker", ListKind::Trackers)] {
            // Several files of one kind: the oldest says how stale the set is.
            let files: Vec<&ListSource> = self.ad_lists.iter().filter(|s| s.kind == kind).collect();
            let each: Option<Vec<u64>> = files.iter().map(|s| filter_list_date(&s.path)).collect();
            if let Some(oldest) = each.and_then(|d| d.into_iter().min()) {
                dates.push((label, oldest));
            }
        }

        let mut out = String::new();
        family(&mut out, "guichet_lists_date_seconds", "When the lists in use were last changed by their authors (Unix time): UT1's newest file, the filter lists' \"Last modified\".");
        for (list, date) in &dates {
            let _ = writeln!(out, "guichet_lists_date_seconds{{list=\"{list}\"}} {date}");
        }
        family(&mut out, "guichet_lists_age_seconds", "Age of the lists in use when this file was written.");
        for (list, date) in &dates {
            let _ = writeln!(out, "guichet_lists_age_seconds{{list=\"{list}\"}} {}", now.saturating_sub(*date));
        }

        // Each family's samples follow its own HELP and TYPE lines, as the format requires.
        let state = UpdateState::read(&self.state_file).ok().flatten();
        family(&mut out, "guichet_lists_update_last_attempt_seconds", "When `guichet lists update` last ran (Unix time).");
        if let Some(state) = &state {
            let _ = writeln!(out, "guichet_lists_update_last_attempt_seconds {}", state.last_attempt);
        }
        family(&mut out, "guichet_lists_update_last_success_seconds", "When an update last replaced the lists (Unix time).");
        if let Some(success) = state.as_ref().and_then(|s| s.last_success) {
            let _ = writeln!(out, "guichet_lists_update_last_success_seconds {success}");
        }
        family(&mut out, "guichet_lists_update_ok", "1 if the last update succeeded, 0 if it failed and the previous lists were kept.");
        if let Some(state) = &state {
            let _ = writeln!(out, "guichet_lists_update_ok {}", u8::from(state.result == Outcome::Ok));
        }
        family(&mut out, "guichet_lists_update_failure", "Why the last update failed: 1 for its reason, 0 for the others.");
        if let Some(state) = &state {
            for reason in Reason::ALL {
                let _ = writeln!(out, "guichet_lists_update_failure{{reason=\"{}\"}} {}", reason.code(), u8::from(state.reason == Some(reason)));
            }
        }
        out
    }
}

fn family(out: &mut String, name: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
}

/// An ABP list's date: its `! Last modified:` header when it has a real one, else the file's
/// modification time (Debian's copy says `%timestamp%`).
fn filter_list_date(path: &Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let modified = file.metadata().ok()?.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let mut head = Vec::new();
    file.take(HEADER_BYTES).read_to_end(&mut head).ok()?;
    let head = String::from_utf8_lossy(&head);
    let stated = head
        .lines()
        .take_while(|line| line.starts_with('!') || line.starts_with('[') || line.trim().is_empty())
        .find_map(|line| line.strip_prefix("! Last modified:"))
        .and_then(parse_last_modified);
    Some(stated.unwrap_or(modified))
}

/// `06 Dec 2025 05:13 UTC`, as EasyList writes it.
fn parse_last_modified(text: &str) -> Option<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year, time, "UTC"] = words.as_slice() else { return None };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == month)? as u8 + 1;
    let (hours, minutes) = time.split_once(':')?;
    let (hours, minutes): (u64, u64) = (hours.parse().ok()?, minutes.parse().ok()?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    let start = Day::new(year.parse().ok()?, month, day.parse().ok()?)?.unix_seconds();
    u64::try_from(start).ok().map(|s| s + hours * 3600 + minutes * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easylist_dates() {
        assert_eq!(parse_last_modified(" 06 Dec 2025 05:13 UTC"), Some(1_764_997_980));
        assert_eq!(parse_last_modified(" %timestamp%"), None);
        assert_eq!(parse_last_modified("31 Feb 2025 05:13 UTC"), None);
        assert_eq!(parse_last_modified("06 Dec 2025 25:13 UTC"), None);
    }
}
