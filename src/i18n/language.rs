//! What Guichet needs to know about a patron language besides its words: the tag that pages,
//! plural rules and voices use, and which way it is written.

/// "Français facile": French rewritten in FALC (facile à lire et à comprendre), offered on the
/// welcome screen like a language of its own. Its words are in `i18n/falc/`; everything else
/// about it (plural rules, `<html lang>`, voices, démarche texts) is French.
pub const EASY_FRENCH: &str = "falc";

/// Languages written from right to left: their pages are mirrored. Only `ar` and `fa` ship
/// today; the others are listed so that a translation added later is mirrored too.
const RIGHT_TO_LEFT: &[&str] = &["ar", "fa", "he", "ps", "ur", "yi"];

/// Which way a language is written, as HTML's `dir` attribute says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    pub fn of(code: &str) -> Direction {
        let primary = tag(code).split('-').next().unwrap_or_default();
        if RIGHT_TO_LEFT.contains(&primary) { Direction::RightToLeft } else { Direction::LeftToRight }
    }

    /// `ltr` or `rtl`.
    pub fn html(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// The BCP 47 tag of a language folder (`ar`, `pt`…), as `<html lang>`, Fluent's plural rules,
/// speech-dispatcher and Orca take it. A folder name is its own tag, except "Français facile",
/// which is French: a screen reader reads it with the French voice.
pub fn tag(code: &str) -> &str {
    if code == EASY_FRENCH { "fr" } else { code }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_french_is_french_and_arabic_and_persian_are_mirrored() {
        assert_eq!(tag(EASY_FRENCH), "fr");
        assert_eq!(tag("uk"), "uk");
        for (code, direction) in [("ar", "rtl"), ("fa", "rtl"), ("fr", "ltr"), (EASY_FRENCH, "ltr"), ("tr", "ltr"), ("ar-MA", "rtl"), ("", "ltr")] {
            assert_eq!(Direction::of(code).html(), direction, "{code}");
        }
    }
}
