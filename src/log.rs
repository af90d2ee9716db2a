//! Log lines for staff: they name events and reasons, never a URL, a host a patron typed or any
//! text they entered.

use std::fmt;

/// Writes `guichet[pid] component: message` to standard error (journald in production).
pub fn event(component: &str, message: fmt::Arguments) {
    eprintln!("guichet[{}] {component}: {message}", std::process::id());
}
