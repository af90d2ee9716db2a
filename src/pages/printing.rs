//! The chrome page's parts for printing: "Imprimer" in the bar (and under "Plus"), and the
//! dialog that counts the pages, asks, or says the session's pages are used up.

use super::html::esc;
use crate::i18n::Localizer;

/// "Imprimer" in the bar, shown when the machine has a print queue.
pub fn bar_button(l: &Localizer) -> String {
    format!("<button id=\"print-button\" data-cmd=\"print\" data-collapse=\"6\" data-offered=\"false\" hidden><span class=\"label\">{}</span></button>", esc(&l.text("print-button")))
}

/// "Imprimer" among the "Plus" dialog's actions.
pub fn menu_entry(l: &Localizer) -> String {
    format!("<button id=\"print-menu\" class=\"button secondary\" data-cmd=\"print\" hidden>{}</button>", esc(&l.text("print-button")))
}

/// The dialog over the whole window; its title and text arrive with the state.
pub fn dialog(l: &Localizer) -> String {
    format!(
        "<section id=\"print\" class=\"screen overlay\" role=\"dialog\" aria-labelledby=\"print-title\" aria-describedby=\"print-text\" hidden>\
         <h1 id=\"print-title\"></h1><p id=\"print-text\" class=\"big\" role=\"status\"></p>\
         <p class=\"actions\"><button id=\"print-do\" class=\"button primary\" data-cmd=\"print-confirm\">{print}</button>\
         <button class=\"button secondary\" data-cmd=\"close\">{cancel}</button></p></section>",
        print = esc(&l.text("print-do")),
        cancel = esc(&l.text("print-cancel")),
    )
}
