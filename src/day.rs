//! A calendar day, the finest time the catalogue and the anonymous counts ever record.

use std::fmt;

/// A day of the Gregorian calendar (year 2000 or later), checked to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((2000..=9999).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Day { year, month, day })
    }

    /// `YYYY-MM-DD`, nothing else.
    pub fn parse(text: &str) -> Option<Day> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        if !(year.bytes().chain(month.bytes()).chain(day.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Day::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// The UTC day of a Unix time. The caller reads the clock; this only converts.
    pub fn from_unix_seconds(seconds: i64) -> Option<Day> {
        let days = seconds.div_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// Seconds since the Unix epoch at 00:00 UTC of this day.
    pub fn unix_seconds(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146_097 + doe - 719_468) * 86_400
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_days() {
        assert_eq!(Day::parse("2024-02-29"), Day::new(2024, 2, 29));
        assert_eq!(Day::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in ["2023-02-29", "2026-13-01", "2026-1-01", "25/11/2026", "2026-11-25-1", "1999-01-01", "2026-04-31", "+202-01-01", "2026-00-10"] {
            assert_eq!(Day::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn unix_time_round_trips() {
        assert_eq!(Day::from_unix_seconds(0), None); // 1970: before 2000
        let day = Day::from_unix_seconds(1_795_564_800 + 86_399).unwrap();
        assert_eq!(day.to_string(), "2026-11-25");
        assert_eq!(day.unix_seconds(), 1_795_564_800);
        for days in (10_957..60_000).step_by(97) {
            let day = Day::from_unix_seconds(days * 86_400).unwrap();
            assert_eq!(day.unix_seconds(), days * 86_400, "{day}");
        }
        assert_eq!(Day::from_unix_seconds(951_782_400).unwrap().to_string(), "2000-02-29");
    }
}
