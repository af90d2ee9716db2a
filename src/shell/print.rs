//! Lays the page out as a PDF in the session's folder through WebKit's own print operation,
//! with no dialog (GTK's "Print to File" printer, A4), and reports its page count.

use std::path::PathBuf;

use webkit2gtk::{PrintOperation, PrintOperationExt, WebView};

use super::EventProxy;
use crate::kiosk::{pdf_pages, Event};
use crate::log;

/// GTK's file printer (its print backend "file").
const PRINT_TO_FILE: &str = "Print to File";

pub fn prepare(view: &WebView, pdf: PathBuf, events: EventProxy) {
    let Some(uri) = crate::printing::fresh_output(&pdf) else {
        let _ = events.send_event(Event::PrintPrepared { pages: None });
        return;
    };
    let settings = gtk::PrintSettings::new();
    settings.set_printer(PRINT_TO_FILE);
    settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
    settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri.as_str()));
    let setup = gtk::PageSetup::new();
    setup.set_paper_size_and_default_margins(&gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4)));
    let operation = PrintOperation::new(view);
    operation.set_print_settings(&settings);
    operation.set_page_setup(&setup);
    operation.connect_failed(|_, err| log::event("printing", format_args!("laying the page out failed: {err}")));
    // `finished` follows success and failure alike; a failure leaves no complete PDF.
    operation.connect_finished(move |_| {
        let pages = std::fs::read(&pdf).ok().and_then(|bytes| pdf_pages(&bytes));
        let _ = events.send_event(Event::PrintPrepared { pages });
    });
    operation.print();
}
