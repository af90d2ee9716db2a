//! Checks `[printing]`: the CUPS queue patrons print to (no queue, no printing), the pages a
//! session may print, and, optionally, which CUPS server holds the queue.

use super::raw::RawPrinting;
use crate::staff;
use super::validate::Validator;

/// Pages a session may print when `[printing] pages_per_session` is not set.
pub const DEFAULT_PAGES_PER_SESSION: u32 = 20;

/// What printing a machine offers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Printing {
    /// The CUPS queue; `None`: printing is off (the patron is told so).
    pub queue: Option<String>,
    pub pages_per_session: u32,
    /// The CUPS server (`/run/cups/cups.sock`, `host` or `host:port`); `None`: the system's.
    pub server: Option<String>,
}

impl Validator<'_> {
    pub(super) fn printing(&mut self, raw: &RawPrinting) -> Printing {
        let queue = raw.queue.as_ref().and_then(|queue| {
            let name = queue.get_ref();
            // CUPS queue names: printable characters but space, slash, backslash, quotes and #.
            let valid = !name.is_empty()
                && name.len() <= 127
                && name.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '/' | '\\' | '\'' | '"' | '#'));
            if !valid {
                self.error(queue.span(), staff!("config-printing-queue", value = format!("{name:?}")));
            }
            valid.then(|| name.clone())
        });
        let pages_per_session = match &raw.pages_per_session {
            None => DEFAULT_PAGES_PER_SESSION,
            Some(pages) => match u32::try_from(*pages.get_ref()) {
                Ok(n @ 1..=500) => n,
                _ => {
                    self.error(pages.span(), staff!("config-printing-pages-range", value = pages.get_ref().to_string()));
                    DEFAULT_PAGES_PER_SESSION
                }
            },
        };
        let server = raw.server.as_ref().and_then(|server| {
            let text = server.get_ref().trim();
            let valid = !text.is_empty() && !text.contains(char::is_whitespace) && (text.starts_with('/') || !text.contains('/'));
            if !valid {
                self.error(server.span(), staff!("config-printing-server", value = format!("{text:?}")));
            }
            valid.then(|| text.to_string())
        });
        if queue.is_none() && (raw.pages_per_session.is_some() || raw.server.is_some()) && raw.queue.is_none() {
            let span = raw.pages_per_session.as_ref().map(|p| p.span()).or(raw.server.as_ref().map(|s| s.span())).unwrap_or(0..0);
            self.error(span, staff!("config-printing-no-queue"));
        }
        Printing { queue, pages_per_session, server }
    }
}
