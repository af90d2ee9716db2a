//! What the kiosk core decides and other threads must read: the mode (the proxy and the
//! navigation hooks), the language and the refusal on screen (the internal page server). The
//! core is the only writer; everyone else reads, so each setting has one source of truth.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, RwLock};

use zeroize::Zeroizing;

use crate::policy::{Mode, Reason};
use crate::proxy::ModeCell;

/// Guichet's own message pages. Each is issued by the core with a fresh ticket; a page that
/// names another ticket (or none) is "not found", so a web page cannot fake a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessagePage {
    /// `category`: the filtered web's category that refused it, in the patron's words.
    Blocked { host: String, reason: Reason, category: Option<String> },
    /// The site did not answer; `tls` when its certificate was refused instead.
    Unreachable { retry: Zeroizing<String>, tls: bool },
    Crashed { retry: Zeroizing<String> },
}

impl MessagePage {
    /// The internal path that shows this page.
    pub fn path(&self) -> &'static str {
        match self {
            MessagePage::Blocked { .. } => "/blocked",
            MessagePage::Unreachable { .. } => "/unreachable",
            MessagePage::Crashed { .. } => "/crashed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub ticket: String,
    pub page: MessagePage,
}

#[derive(Debug)]
pub struct Shared {
    mode: Arc<ModeCell>,
    lang: RwLock<String>,
    default_lang: String,
    message: Mutex<Option<Issued>>,
    tickets: RandomState,
    issued_count: Mutex<u64>,
}

impl Shared {
    pub fn new(mode: Mode, lang: &str) -> Self {
        Shared {
            mode: Arc::new(ModeCell::new(mode)),
            lang: RwLock::new(lang.to_string()),
            default_lang: lang.to_string(),
            message: Mutex::new(None),
            tickets: RandomState::new(),
            issued_count: Mutex::new(0),
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode.get()
    }

    /// The cell the proxy reads on every request.
    pub fn mode_cell(&self) -> Arc<ModeCell> {
        Arc::clone(&self.mode)
    }

    pub fn lang(&self) -> String {
        // A poisoned lock means a panic elsewhere: the configured default language then.
        self.lang.read().map(|l| l.clone()).unwrap_or_else(|_| self.default_lang.clone())
    }

    /// The message page with this ticket, if it is the one on screen.
    pub fn message(&self, ticket: &str) -> Option<MessagePage> {
        let issued = self.message.lock().ok()?;
        issued.as_ref().filter(|i| !ticket.is_empty() && i.ticket == ticket).map(|i| i.page.clone())
    }

    pub(super) fn set_mode(&self, mode: Mode) {
        self.mode.set(mode);
    }

    pub(super) fn set_lang(&self, lang: &str) {
        if let Ok(mut current) = self.lang.write() {
            *current = lang.to_string();
        }
    }

    /// Issues `page` under a new ticket (the previous one stops working) and returns it.
    pub fn issue(&self, page: MessagePage) -> Issued {
        let count = self.issued_count.lock().map(|mut n| {
            *n += 1;
            *n
        });
        // Keyed by the process's random SipHash keys: unguessable from a web page.
        let ticket = format!("{:016x}", self.tickets.hash_one(count.unwrap_or(0)));
        let issued = Issued { ticket, page };
        if let Ok(mut slot) = self.message.lock() {
            *slot = Some(issued.clone());
        }
        issued
    }

    /// The ticket of the message page on screen, if any.
    pub fn current_ticket(&self) -> Option<String> {
        self.message.lock().ok()?.as_ref().map(|i| i.ticket.clone())
    }
}
