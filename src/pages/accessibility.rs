//! The chrome page's parts for accessibility: the panel (presets and settings), its entries on
//! the welcome screen, in the bar and in "Plus", and the bar's read-aloud buttons and key help.

use super::html::esc;
use crate::i18n::Localizer;
use crate::kiosk::{Preset, Toggle};

/// The message id naming each setting, in the panel's order.
fn toggle_label(toggle: Toggle) -> &'static str {
    match toggle {
        Toggle::HighContrast => crate::msg!("a11y-high-contrast"),
        Toggle::DyslexiaFont => crate::msg!("a11y-dyslexia-font"),
        Toggle::LetterSpacing => crate::msg!("a11y-letter-spacing"),
        Toggle::LineSpacing => crate::msg!("a11y-line-spacing"),
        Toggle::ReadingRuler => crate::msg!("a11y-reading-ruler"),
        Toggle::LargeCursor => crate::msg!("a11y-large-cursor"),
        Toggle::ReducedMotion => crate::msg!("a11y-reduced-motion"),
        Toggle::ReadAloud => crate::msg!("a11y-read-aloud"),
        Toggle::LargeTargets => crate::msg!("a11y-large-targets"),
        Toggle::KeyboardHelp => crate::msg!("a11y-keyboard-help"),
        Toggle::OnScreenKeyboard => crate::msg!("a11y-on-screen-keyboard"),
    }
}

fn preset_label(preset: Preset) -> &'static str {
    match preset {
        Preset::LowVision => crate::msg!("a11y-preset-low-vision"),
        Preset::Reading => crate::msg!("a11y-preset-reading"),
        Preset::Motor => crate::msg!("a11y-preset-motor"),
    }
}

/// The wire name of a setting or preset (`high-contrast`), as the page sends it back.
fn wire_name(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// "Accessibilité" and "Lecteur d'écran" on the welcome screen.
pub fn welcome_entries(l: &Localizer) -> String {
    format!(
        "<p class=\"welcome-a11y\"><button class=\"button secondary\" data-cmd=\"accessibility\">{open}</button>\
         <button class=\"button secondary a11y-screen-reader\" data-cmd=\"screen-reader\" aria-pressed=\"false\">{reader}</button></p>",
        open = esc(&l.text("a11y-open")),
        reader = esc(&l.text("a11y-screen-reader")),
    )
}

/// The bar's "Accessibilité" button and its read-aloud buttons (shown when the setting is on).
pub fn bar_buttons(l: &Localizer) -> String {
    format!(
        "<button id=\"a11y-open\" data-cmd=\"accessibility\" data-collapse=\"5\"><span class=\"label\">{open}</span></button>\
         <button id=\"read-aloud\" class=\"read-aloud\" data-cmd=\"read-aloud\" hidden>{read}</button>\
         <button id=\"stop-reading\" class=\"read-aloud\" data-cmd=\"stop-reading\" hidden>{stop}</button>",
        open = esc(&l.text("a11y-open")),
        read = esc(&l.text("read-aloud")),
        stop = esc(&l.text("read-stop")),
    )
}

/// The keys, under the bar, when "Aide au clavier" is on.
pub fn key_help(l: &Localizer) -> String {
    format!("<p id=\"key-help\" class=\"key-help\" hidden>{}</p>", esc(&l.text("keyboard-help-keys")))
}

/// "Accessibilité" among the "Plus" dialog's actions.
pub fn menu_entry(l: &Localizer) -> String {
    format!("<button class=\"button secondary\" data-cmd=\"accessibility\">{}</button>", esc(&l.text("a11y-open")))
}

/// The panel, over the whole window.
pub fn panel(l: &Localizer) -> String {
    let t = |id: &str| esc(&l.text(id));
    let presets: String = Preset::ALL
        .iter()
        .map(|p| {
            format!(
                "<button class=\"a11y-choice a11y-preset\" data-cmd=\"preset\" data-preset=\"{}\" aria-pressed=\"false\">{}</button>",
                wire_name(p),
                esc(&l.text(preset_label(*p)))
            )
        })
        .collect();
    let settings: String = Toggle::ALL
        .iter()
        .map(|s| {
            format!(
                "<button class=\"a11y-choice a11y-setting\" data-cmd=\"setting\" data-setting=\"{}\" aria-pressed=\"false\">{}</button>",
                wire_name(s),
                esc(&l.text(toggle_label(*s)))
            )
        })
        .collect();
    format!(
        r#"<section id="accessibility" class="screen overlay a11y-panel" role="dialog" aria-labelledby="a11y-title" hidden>
<div class="a11y-body">
<h1 id="a11y-title">{title}</h1>
<p class="a11y-intro">{intro}</p>
<div class="a11y-row a11y-presets" role="group" aria-label="{presets_label}">{presets}</div>
<div class="a11y-row a11y-size" role="group" aria-labelledby="a11y-size-label"><span id="a11y-size-label">{size}</span>
<button data-cmd="zoom-out" aria-label="A− {smaller}"><span aria-hidden="true">A−</span></button>
<output id="a11y-size-value" class="a11y-size-value" aria-live="polite"></output>
<button data-cmd="zoom-in" aria-label="A+ {larger}"><span aria-hidden="true">A+</span></button></div>
<div class="a11y-row a11y-settings" role="group" aria-label="{settings_label}">{settings}</div>
<p class="a11y-row"><button class="a11y-choice a11y-screen-reader" data-cmd="screen-reader" aria-pressed="false">{reader}</button>
<button class="button secondary" data-cmd="reset-settings">{reset}</button></p>
</div>
<p class="actions a11y-actions"><button class="button primary" data-cmd="close">{close}</button></p>
</section>"#,
        title = t("a11y-title"),
        intro = t("a11y-intro"),
        presets_label = t("a11y-presets"),
        size = t("a11y-text-size"),
        smaller = t("a11y-smaller"),
        larger = t("a11y-larger"),
        settings_label = t("a11y-settings"),
        reader = t("a11y-screen-reader"),
        reset = t("a11y-reset"),
        close = t("a11y-close"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Translations;

    #[test]
    fn the_panel_has_a_pressed_state_and_a_french_name_for_every_setting_and_preset() {
        let translations = Translations::load().unwrap();
        let html = panel(&translations.localizer("fr"));
        for toggle in Toggle::ALL {
            assert!(html.contains(&format!("data-setting=\"{}\" aria-pressed=\"false\"", wire_name(toggle))), "{toggle:?}");
        }
        for preset in Preset::ALL {
            assert!(html.contains(&format!("data-preset=\"{}\"", wire_name(preset))), "{preset:?}");
        }
        assert!(html.contains(">Je vois mal<") && html.contains(">Je lis difficilement<") && html.contains(">La souris est difficile<"));
        assert!(!html.contains('['), "every label is translated: {html}");
    }
}
