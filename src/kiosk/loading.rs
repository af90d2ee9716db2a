//! The page in the content view: loads asked for and started, their failures, refusals, crashes,
//! and Guichet's own message pages shown in their place.

use std::time::Instant;

use zeroize::Zeroizing;

use super::{guide, is_web, navigation, page, Command, Failure, Kiosk, Loading, MessagePage, CRASH_LIMIT, CRASH_WINDOW, SILENT_REFUSAL_WINDOW};
use crate::pages;
use crate::lists::CategoryId;
use crate::session::{EndReason, Input};
use crate::status::ViewKind;
use crate::supervisor::link::FromSession;

impl Kiosk {
    pub(super) fn load(&mut self, url: Zeroizing<String>) {
        self.loading = Some(Loading { host: navigation::host_of(&url), url: url.clone(), deadline: None });
        self.commands.push_back(Command::Load(url));
    }

    pub(super) fn load_started(&mut self, url: Zeroizing<String>, now: Instant) {
        let web = url.starts_with("https:") || url.starts_with("http:");
        if !web && self.loading.as_ref().is_some_and(|l| l.deadline.is_none() && is_web(&l.url) && l.url != url) {
            // A late start of an internal page (the launcher) that the web address asked since
            // (`ctl open` at the welcome screen) supersedes: keep waiting for that address, or
            // its "unreachable" would be missed.
            return;
        }
        self.loading = Some(Loading {
            host: navigation::host_of(&url),
            deadline: web.then(|| now + self.page_timeout),
            url,
        });
    }

    pub(super) fn load_failed(&mut self, url: Zeroizing<String>, failure: Failure, now: Instant) {
        if self.loading.as_ref().is_some_and(|l| l.url == url) {
            self.loading = None;
        }
        match failure {
            Failure::Policy => {
                if let Some((page, at)) = self.silent_refusal.take() {
                    if now.saturating_duration_since(at) < SILENT_REFUSAL_WINDOW {
                        self.show(page);
                    }
                }
            }
            Failure::Cancelled => {}
            Failure::Network | Failure::Tls if self.in_session() => {
                self.show(MessagePage::Unreachable { retry: url, tls: failure == Failure::Tls })
            }
            Failure::Network | Failure::Tls => {}
        }
    }

    pub(super) fn refused(&mut self, page: MessagePage, shown: bool, now: Instant) {
        if let (true, MessagePage::Blocked { reason, .. }) = (self.in_session(), &page) {
            self.commands.push_back(Command::Report(FromSession::Blocked { reason: reason.code().to_string() }));
        }
        if shown && self.in_session() {
            self.show(page);
        } else {
            if let MessagePage::Blocked { reason, .. } = &page {
                crate::log::event("shell", format_args!("refused a frame or script navigation ({reason})"));
            }
            self.silent_refusal = Some((page, now));
        }
    }

    /// A category's name in the patron's language: the lists name them in French (for
    /// "Français facile" too) and English (for every other language).
    pub(super) fn category_label(&self, id: CategoryId) -> Option<String> {
        let info = self.policy.category(id)?;
        Some(if crate::i18n::tag(&self.shared.lang()) == "fr" { info.name_fr.clone() } else { info.name_en.clone() })
    }

    /// The page on its way is not coming: say so, with "Réessayer".
    pub(super) fn not_answering(&mut self) {
        let Some(loading) = self.loading.take() else { return };
        self.commands.push_back(Command::StopLoading);
        if loading.url.is_empty() {
            return;
        }
        self.show(MessagePage::Unreachable { retry: loading.url, tls: false });
    }

    /// Shows one of Guichet's message pages under a fresh ticket.
    pub(super) fn show(&mut self, page: MessagePage) {
        let issued = self.shared.issue(page);
        let url = pages::url(issued.page.path(), &[("t", &issued.ticket)]);
        self.loading = None;
        self.commands.push_back(Command::Load(Zeroizing::new(url)));
    }

    pub(super) fn now_showing(&mut self, url: &str) {
        self.page = page::kind_of(url, &self.shared);
        self.demarche_on_screen = guide::demarche_page(url).filter(|_| self.page == ViewKind::Demarche);
        if self.page == ViewKind::Web {
            self.last_web_url = Some(Zeroizing::new(url.to_string()));
        }
        let label = page::bar_label(self.page, url, &self.policy, &self.shared, &self.l());
        self.site = label;
    }

    pub(super) fn content_crashed(&mut self, now: Instant) {
        if keeps_crashing(&mut self.crashes, now) {
            crate::log::event("session", format_args!("the web content keeps crashing"));
            self.feed(Input::End(EndReason::Crash), now);
            return;
        }
        if self.in_session() {
            let retry = self.last_web_url.clone().unwrap_or_default();
            self.show(MessagePage::Crashed { retry });
        }
    }

    /// The bar's own web process stopped: the bar is loaded again, unless it keeps stopping.
    /// Then the session ends, and the supervisor starts another (or, when sessions keep
    /// failing at start, waits, and does without what may be the cause).
    pub(super) fn chrome_crashed(&mut self, now: Instant) {
        self.chrome_ready = false;
        if keeps_crashing(&mut self.chrome_crashes, now) {
            crate::log::event("session", format_args!("the bar keeps crashing"));
            self.feed(Input::End(EndReason::Crash), now);
            if !self.finished {
                // No patron yet (the welcome screen): nothing to report, the process stops.
                self.exit();
            }
            return;
        }
        self.commands.push_back(Command::ReloadChrome);
    }
}

/// Notes a crash at `now`: true when it makes [`CRASH_LIMIT`] within [`CRASH_WINDOW`].
fn keeps_crashing(crashes: &mut std::collections::VecDeque<Instant>, now: Instant) -> bool {
    crashes.push_back(now);
    while crashes.front().is_some_and(|t| now.saturating_duration_since(*t) > CRASH_WINDOW) {
        crashes.pop_front();
    }
    crashes.len() >= CRASH_LIMIT
}
