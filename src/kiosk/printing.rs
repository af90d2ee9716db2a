//! Printing in the session core: "Imprimer" in the bar and a page's own `window.print()` lead to
//! the page laid out as a PDF in the session's folder, its pages counted, "3 pages — imprimer ?"
//! and, once confirmed, the PDF sent to the machine's CUPS queue without any dialog. A session
//! prints at most `[printing] pages_per_session` pages. The PDF lives in the session's RAM
//! folder, so it goes with the session like everything else.

use std::time::Instant;

use fluent_bundle::FluentValue;
use serde::Serialize;

use super::{Command, Dialog, Kiosk, Screen};
use crate::config::Printing;
use crate::i18n::Localizer;

/// Where a print stands while its dialog is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// The page is being laid out into a PDF.
    Preparing,
    /// Counted, within the quota: waiting for "Imprimer".
    Confirm { pages: u32 },
    /// Counted, over what the session may still print.
    OverQuota { pages: u32, left: u32 },
}

/// What the print dialog shows, already translated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrintView {
    pub title: String,
    pub text: String,
    /// "Imprimer" is offered (the count is known and within the quota).
    pub can_print: bool,
}

/// The session's printing: the machine's settings and the pages printed so far.
#[derive(Debug)]
pub(super) struct Printer {
    settings: Printing,
    printed: u32,
    /// Pages of the job sent and not yet confirmed by CUPS.
    sending: Option<u32>,
}

impl Printer {
    pub(super) fn new(settings: Printing) -> Printer {
        Printer { settings, printed: 0, sending: None }
    }

    fn left(&self) -> u32 {
        self.settings.pages_per_session.saturating_sub(self.printed + self.sending.unwrap_or(0))
    }
}

/// How many pages a PDF has: the page objects it declares (`/Type /Page`, not `/Pages`). The
/// PDF is the one the session's WebKit just wrote; `None` when it holds none (not a PDF, or
/// cut short).
pub fn pdf_pages(pdf: &[u8]) -> Option<u32> {
    if !pdf.starts_with(b"%PDF-") {
        return None;
    }
    let mut pages = 0u32;
    let mut rest = pdf;
    while let Some(at) = find(rest, b"/Type") {
        rest = &rest[at + 5..];
        let after = rest.iter().position(|b| !b.is_ascii_whitespace()).map_or(rest, |skip| &rest[skip..]);
        if let Some(tail) = after.strip_prefix(b"/Page") {
            // `/Page` ends at a delimiter or whitespace; `/Pages` is the page tree, not a page.
            if tail.first().is_none_or(|b| b.is_ascii_whitespace() || b"/>[]()<{}%".contains(b)) {
                pages += 1;
            }
        }
    }
    (pages > 0).then_some(pages)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Kiosk {
    /// "Imprimer" in the bar, or the page asking to print: lay the page out, unless printing is
    /// off here (then say so) or a print is already on its way.
    pub(super) fn print_requested(&mut self, now: Instant) {
        if !self.in_session() || self.screen() != Screen::Bar || self.printer.sending.is_some() {
            return;
        }
        if self.printer.settings.queue.is_none() {
            self.notice(crate::msg!("print-unavailable"), &[], now);
            return;
        }
        self.dialog = Some(Dialog::Print(Stage::Preparing));
        self.commands.push_back(Command::PreparePrint);
    }

    /// The page is laid out: `pages` counted, or `None` when that failed.
    pub(super) fn print_prepared(&mut self, pages: Option<u32>, now: Instant) {
        if self.dialog != Some(Dialog::Print(Stage::Preparing)) {
            // Cancelled meanwhile: the PDF is not wanted.
            self.commands.push_back(Command::DiscardPrint);
            return;
        }
        match pages {
            None | Some(0) => {
                crate::log::event("printing", format_args!("the page could not be laid out for printing"));
                self.dialog = None;
                self.commands.push_back(Command::DiscardPrint);
                self.notice(crate::msg!("print-failed"), &[], now);
            }
            Some(pages) if pages > self.printer.left() => {
                self.dialog = Some(Dialog::Print(Stage::OverQuota { pages, left: self.printer.left() }));
            }
            Some(pages) => self.dialog = Some(Dialog::Print(Stage::Confirm { pages })),
        }
    }

    /// "Imprimer" in the dialog: the counted PDF goes to the queue.
    pub(super) fn print_confirmed(&mut self) {
        let Some(Dialog::Print(Stage::Confirm { pages })) = self.dialog else { return };
        let Some(queue) = self.printer.settings.queue.clone() else { return };
        self.dialog = None;
        self.printer.sending = Some(pages);
        crate::log::event("printing", format_args!("{pages} pages sent to the printer"));
        self.commands.push_back(Command::SendPrint { queue, server: self.printer.settings.server.clone() });
    }

    /// CUPS took the job (`true`), or refused it: only pages that left count.
    pub(super) fn print_sent(&mut self, sent: bool, now: Instant) {
        let Some(pages) = self.printer.sending.take() else { return };
        if sent {
            self.printer.printed += pages;
            self.notice(crate::msg!("print-sent"), &[("pages", FluentValue::from(pages))], now);
        } else {
            crate::log::event("printing", format_args!("the printer did not take the job"));
            self.notice(crate::msg!("print-failed"), &[], now);
        }
    }

    /// This machine prints (the bar then offers "Imprimer").
    pub(super) fn printer_offered(&self) -> bool {
        self.printer.settings.queue.is_some()
    }

    pub(super) fn print_view(&self, l: &Localizer) -> Option<PrintView> {
        let Some(Dialog::Print(stage)) = self.dialog else { return None };
        let n = |v: u32| FluentValue::from(v);
        Some(match stage {
            Stage::Preparing => PrintView { title: l.text("print-title"), text: l.text("print-preparing"), can_print: false },
            Stage::Confirm { pages } => {
                PrintView { title: l.text("print-title"), text: l.text_with("print-confirm", &[("pages", n(pages))]), can_print: true }
            }
            Stage::OverQuota { pages, left } => PrintView {
                title: l.text("print-quota-title"),
                text: l.text_with("print-quota", &[("pages", n(pages)), ("left", n(left)), ("quota", n(self.printer.settings.pages_per_session))]),
                can_print: false,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_the_page_objects_not_the_page_tree() {
        let pdf = b"%PDF-1.5\n1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n\
                    3 0 obj << /Type /Page /Parent 1 0 R >> endobj\n4 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF";
        assert_eq!(pdf_pages(pdf), Some(2));
        assert_eq!(pdf_pages(b"%PDF-1.5\n1 0 obj << /Type /Pages /Count 0 >> endobj"), None);
        assert_eq!(pdf_pages(b"<html>/Type /Page</html>"), None, "not a PDF");
        assert_eq!(pdf_pages(b""), None);
    }
}
