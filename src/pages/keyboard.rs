//! The on-screen keyboard's markup in the chrome page, drawn from the core's one table of keys
//! ([`kiosk::KEYBOARD_ROWS`]), and the bar's "Clavier" button.

use super::html::esc;
use crate::i18n::Localizer;
use crate::kiosk::{Key, Special, KEYBOARD_ROWS};

/// The bar's "Clavier" button (under "Plus" when the bar is short of room).
pub fn bar_button(l: &Localizer) -> String {
    format!(
        "<button id=\"keyboard-button\" data-cmd=\"keyboard\" data-collapse=\"4\" aria-pressed=\"false\">\
         <span class=\"glyph\" aria-hidden=\"true\">⌨</span><span class=\"label\">{}</span></button>",
        esc(&l.text("keyboard-open"))
    )
}

/// "Clavier" among the "Plus" dialog's actions.
pub fn menu_entry(l: &Localizer) -> String {
    format!("<button class=\"button secondary\" data-cmd=\"keyboard\">{}</button>", esc(&l.text("keyboard-open")))
}

/// The keyboard, at the bottom of the window when it is up.
pub fn keyboard(l: &Localizer) -> String {
    let rows: String = KEYBOARD_ROWS
        .iter()
        .map(|row| {
            let keys: String = row.iter().map(|key| key_button(l, key)).collect();
            format!("<div class=\"keyboard-row\">{keys}</div>")
        })
        .collect();
    format!(
        "<section id=\"keyboard\" class=\"keyboard\" role=\"group\" aria-label=\"{title}\" dir=\"ltr\" hidden>{rows}</section>",
        title = esc(&l.text("keyboard-title"))
    )
}

/// A key's width is a class (`w2`…`w8`, see keyboard.css): the page's policy allows no inline
/// style.
fn key_button(l: &Localizer, key: &Key) -> String {
    match key {
        Key::Type { plain, capital, width } => format!(
            "<button class=\"key w{width}\" data-cmd=\"key\" data-plain=\"{p}\" data-capital=\"{c}\">{p}</button>",
            p = esc(plain),
            c = esc(capital),
        ),
        Key::Do { special, width } => {
            let pressed = if matches!(special, Special::Shift | Special::CapsLock) { " aria-pressed=\"false\"" } else { "" };
            let name = esc(&l.text(special.label()));
            // The space bar says its name; the arrows show only their sign (their words are for
            // screen readers); the other keys show their sign and their words.
            let face = match special {
                Special::Space => format!("<span class=\"label\">{name}</span>"),
                Special::Left | Special::Right => {
                    format!("<span class=\"glyph\" aria-hidden=\"true\">{}</span><span class=\"unseen\">{name}</span>", special.sign())
                }
                _ => format!("<span class=\"glyph\" aria-hidden=\"true\">{}</span> <span class=\"label\">{name}</span>", special.sign()),
            };
            format!(
                "<button class=\"key special w{width}\" data-cmd=\"key\" data-special=\"{wire}\"{pressed}>{face}</button>",
                wire = special.wire(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Translations;
    use crate::kiosk::keystroke_of;

    #[test]
    fn every_key_drawn_sends_what_the_core_accepts() {
        let translations = Translations::load().unwrap();
        let html = keyboard(&translations.localizer("fr"));
        let mut sent = Vec::new();
        for piece in html.split("data-plain=\"").skip(1).chain(html.split("data-capital=\"").skip(1)) {
            sent.push(piece.split('"').next().unwrap().replace("&#39;", "'").replace("&amp;", "&"));
        }
        assert!(sent.len() > 100, "{}", sent.len());
        for key in sent {
            assert!(keystroke_of(&key).is_some(), "{key:?}");
        }
        for name in ["Effacer", "Entrée", "Champ suivant", "Majuscule", "Verr. Maj", "Masquer le clavier", "Espace"] {
            assert!(html.contains(&format!("<span class=\"label\">{name}</span>")), "{name}");
        }
        for name in ["Vers la gauche", "Vers la droite"] {
            assert!(html.contains(&format!("<span class=\"unseen\">{name}</span>")), "{name}");
        }
        assert!(!html.contains('['), "every name is translated");
    }

    #[test]
    fn every_key_width_has_its_class_in_the_style_sheet() {
        let css = include_str!("../../assets/pages/keyboard.css");
        for key in KEYBOARD_ROWS.iter().flat_map(|row| row.iter()) {
            let (Key::Type { width, .. } | Key::Do { width, .. }) = key;
            assert!(*width == 2 || css.contains(&format!(".key.w{width} {{ flex-grow: {width}; }}")), "width {width}");
        }
    }
}
