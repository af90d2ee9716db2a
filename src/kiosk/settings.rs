//! The patron's accessibility settings (text size, contrast, font, spacing, ruler, cursor, motion,
//! read aloud, targets, keyboard help) and the three presets that set them: one source of truth
//! for both views, turned here into the style sheets and cursor size the shell applies. They live
//! only in the session process, so every session starts at the defaults.

use serde::{Deserialize, Serialize};

use super::zoom::{Step, TextSize};

/// One setting the panel turns on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Toggle {
    HighContrast,
    DyslexiaFont,
    LetterSpacing,
    LineSpacing,
    ReadingRuler,
    LargeCursor,
    ReducedMotion,
    /// The bar shows "Lire à voix haute".
    ReadAloud,
    LargeTargets,
    KeyboardHelp,
    /// The on-screen keyboard comes up when a field takes focus (touch screens, no keyboard).
    OnScreenKeyboard,
}

impl Toggle {
    pub const ALL: [Toggle; 11] = [
        Toggle::HighContrast,
        Toggle::DyslexiaFont,
        Toggle::LetterSpacing,
        Toggle::LineSpacing,
        Toggle::ReadingRuler,
        Toggle::LargeCursor,
        Toggle::ReducedMotion,
        Toggle::ReadAloud,
        Toggle::LargeTargets,
        Toggle::KeyboardHelp,
        Toggle::OnScreenKeyboard,
    ];

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The panel's three shortcuts, each a set of settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// "Je vois mal": larger text and high contrast.
    LowVision,
    /// "Je lis difficilement": dyslexia-friendly font, spacing, read aloud.
    Reading,
    /// "La souris est difficile": larger targets (and cursor), keyboard help.
    Motor,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::LowVision, Preset::Reading, Preset::Motor];

    fn toggles(self) -> &'static [Toggle] {
        match self {
            Preset::LowVision => &[Toggle::HighContrast],
            Preset::Reading => &[Toggle::DyslexiaFont, Toggle::LetterSpacing, Toggle::LineSpacing, Toggle::ReadAloud],
            Preset::Motor => &[Toggle::LargeTargets, Toggle::LargeCursor, Toggle::KeyboardHelp],
        }
    }

    /// The text size the preset asks for, at least.
    fn text_size(self) -> Option<TextSize> {
        (self == Preset::LowVision).then(|| TextSize::at_least(LOW_VISION_TEXT))
    }
}

/// "Je vois mal" makes text at least this large.
const LOW_VISION_TEXT: f64 = 1.5;

/// The cursor size (pixels) when "Grand curseur" is on; 0 is the theme's own size.
pub const LARGE_CURSOR_PX: i32 = 64;

/// Which view a style sheet is for: our chrome page (its own variables) or any web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Chrome,
    Content,
}

/// What the shell applies to both views: user style sheets (empty at the defaults) and the
/// pointer's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    pub chrome_css: String,
    pub content_css: String,
    pub cursor_px: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    text_size: TextSize,
    on: u16,
}

impl Settings {
    pub fn text_size(&self) -> TextSize {
        self.text_size
    }

    pub fn zoom(&mut self, step: Step) {
        self.text_size = self.text_size.step(step);
    }

    pub fn is_on(&self, toggle: Toggle) -> bool {
        self.on & toggle.bit() != 0
    }

    pub fn set(&mut self, toggle: Toggle, on: bool) {
        if on {
            self.on |= toggle.bit();
        } else {
            self.on &= !toggle.bit();
        }
    }

    pub fn toggle(&mut self, toggle: Toggle) {
        self.set(toggle, !self.is_on(toggle));
    }

    /// A preset is on when every setting it stands for is.
    pub fn preset_on(&self, preset: Preset) -> bool {
        preset.toggles().iter().all(|t| self.is_on(*t)) && preset.text_size().is_none_or(|size| self.text_size >= size)
    }

    /// Pressing a preset turns its settings on, or, when they all are, back to their defaults.
    pub fn press(&mut self, preset: Preset) {
        let on = !self.preset_on(preset);
        for toggle in preset.toggles() {
            self.set(*toggle, on);
        }
        if let Some(size) = preset.text_size() {
            self.text_size = if on { self.text_size.max(size) } else { TextSize::default() };
        }
    }

    pub fn reset(&mut self) {
        *self = Settings::default();
    }

    pub fn appearance(&self) -> Appearance {
        Appearance {
            chrome_css: self.style_sheet(Surface::Chrome),
            content_css: self.style_sheet(Surface::Content),
            cursor_px: if self.is_on(Toggle::LargeCursor) { LARGE_CURSOR_PX } else { 0 },
        }
    }

    /// The user style sheet for one view: rules marked `!important` at the user level, which win
    /// over the page's own (CSS cascade: user important beats author important).
    pub fn style_sheet(&self, surface: Surface) -> String {
        let mut css = String::new();
        for toggle in Toggle::ALL.into_iter().filter(|t| self.is_on(*t)) {
            css.push_str(rules(toggle, surface));
        }
        css
    }
}

fn rules(toggle: Toggle, surface: Surface) -> &'static str {
    match (toggle, surface) {
        (Toggle::HighContrast, Surface::Content) => HIGH_CONTRAST,
        (Toggle::HighContrast, Surface::Chrome) => HIGH_CONTRAST_CHROME,
        (Toggle::DyslexiaFont, _) => DYSLEXIA_FONT,
        (Toggle::LetterSpacing, _) => LETTER_SPACING,
        (Toggle::LineSpacing, _) => LINE_SPACING,
        (Toggle::ReadingRuler, _) => READING_RULER,
        (Toggle::ReducedMotion, _) => REDUCED_MOTION,
        (Toggle::LargeTargets, Surface::Content) => LARGE_TARGETS,
        (Toggle::LargeTargets, Surface::Chrome) => LARGE_TARGETS_CHROME,
        (Toggle::KeyboardHelp, _) => KEYBOARD_HELP,
        // The cursor is GTK's; read aloud is a button in the bar; the keyboard is the core's.
        (Toggle::LargeCursor | Toggle::ReadAloud | Toggle::OnScreenKeyboard, _) => "",
    }
}

/// White on black, links and focus in yellow (contrast 21:1 and 19:1); pictures stay.
const HIGH_CONTRAST: &str = "\
:root, body, body *:not(img):not(video):not(canvas):not(svg):not(svg *) { background-color: #000000 !important; \
color: #ffffff !important; border-color: #ffffff !important; text-shadow: none !important; box-shadow: none !important; }
body *:not(img):not(video) { background-image: none !important; }
a, a * { color: #ffff00 !important; text-decoration: underline !important; }
::placeholder { color: #d0d0d0 !important; opacity: 1 !important; }
:focus, :focus-visible { outline: 4px solid #ffff00 !important; outline-offset: 2px !important; }
";

/// The same on Guichet's own screens, where the main actions keep standing out.
const HIGH_CONTRAST_CHROME: &str = "\
:root { --text: #ffffff !important; --muted: #ffffff !important; --background: #000000 !important; --soft: #000000 !important; \
--primary: #ffff00 !important; --primary-text: #000000 !important; --focus-ring: #ffff00 !important; }
:root, body, body * { background-color: #000000 !important; color: #ffffff !important; border-color: #ffffff !important; \
text-shadow: none !important; box-shadow: none !important; }
.bar { border-bottom-color: #ffff00 !important; }
.primary, .language[aria-pressed=\"true\"], .a11y-choice[aria-pressed=\"true\"], .a11y-choice[aria-pressed=\"true\"] * \
{ background-color: #ffff00 !important; color: #000000 !important; border-color: #ffff00 !important; }
.danger, .end { border: 3px solid #ff8080 !important; color: #ffffff !important; }
:focus, :focus-visible { outline: 4px solid #ffff00 !important; outline-offset: 2px !important; }
";

/// OpenDyslexic (Debian's fonts-opendyslexic), falling back to a plain sans-serif.
const DYSLEXIA_FONT: &str = "\
body, body *:not(.glyph) { font-family: \"OpenDyslexic\", \"DejaVu Sans\", sans-serif !important; }
";

/// WCAG 1.4.12's text spacing: letters 0.12 em, words 0.16 em.
const LETTER_SPACING: &str = "\
body, body * { letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
";

/// Lines 1.8 apart, paragraphs 2 em apart (WCAG 1.4.12 asks at least 1.5 and 2).
const LINE_SPACING: &str = "\
body, body * { line-height: 1.8 !important; }
p { margin-bottom: 2em !important; }
";

/// A band that follows the pointer (drawn by `assets/pages/ruler.js`, which reads the variable).
const READING_RULER: &str = "\
:root { --guichet-ruler: on !important; }
#guichet-reading-ruler { display: block !important; position: fixed !important; left: 0 !important; right: 0 !important; \
height: 2.6em !important; margin-top: -1.3em !important; pointer-events: none !important; z-index: 2147483647 !important; \
background: rgba(255, 235, 59, 0.22) !important; border-top: 3px solid #000091 !important; border-bottom: 3px solid #000091 !important; }
";

const REDUCED_MOTION: &str = "\
*, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
";

const LARGE_TARGETS: &str = "\
button, input, select, textarea, [role=\"button\"], [role=\"link\"], [role=\"checkbox\"], [role=\"radio\"] \
{ min-height: 48px !important; min-width: 48px !important; }
a { padding-top: 0.25em !important; padding-bottom: 0.25em !important; }
";

/// The on-screen keyboard's keys keep the height the core gave its rows (at least 44 px).
const LARGE_TARGETS_CHROME: &str = "\
button:not(.key) { min-height: 64px !important; min-width: 64px !important; }
";

/// A focus ring nobody can miss, on every element the keyboard reaches: thick and orange, with
/// a white halo between it and the control. The orange has 3:1 or more against white, the bar's
/// grey and black (high contrast) alike; a glow of the same orange around it would not (2.4:1).
const KEYBOARD_HELP: &str = "\
:focus, :focus-visible { outline: 6px solid #e65100 !important; outline-offset: 3px !important; \
box-shadow: 0 0 0 3px #ffffff !important; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_empty_style_sheets_and_the_theme_cursor() {
        let appearance = Settings::default().appearance();
        assert_eq!(appearance, Appearance { chrome_css: String::new(), content_css: String::new(), cursor_px: 0 });
    }

    #[test]
    fn every_toggle_but_cursor_read_aloud_and_keyboard_changes_both_style_sheets() {
        for toggle in Toggle::ALL {
            let mut settings = Settings::default();
            settings.toggle(toggle);
            assert!(settings.is_on(toggle));
            let appearance = settings.appearance();
            let styled = !matches!(toggle, Toggle::LargeCursor | Toggle::ReadAloud | Toggle::OnScreenKeyboard);
            assert_eq!(!appearance.content_css.is_empty(), styled, "{toggle:?}");
            assert_eq!(!appearance.chrome_css.is_empty(), styled, "{toggle:?}");
            assert_eq!(appearance.cursor_px != 0, toggle == Toggle::LargeCursor);
            for css in [&appearance.chrome_css, &appearance.content_css] {
                assert_eq!(css.matches('{').count(), css.matches('}').count(), "{toggle:?}: {css}");
            }
            settings.toggle(toggle);
            assert_eq!(settings, Settings::default());
        }
    }

    #[test]
    fn toggles_serialise_as_the_page_sends_them() {
        assert_eq!(serde_json::to_string(&Toggle::HighContrast).unwrap(), "\"high-contrast\"");
        assert_eq!(serde_json::to_string(&Preset::LowVision).unwrap(), "\"low-vision\"");
    }
}
