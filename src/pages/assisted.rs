//! The chrome page's parts for assisted mode: "Espace conseiller", the PIN pad, the consent screen and the bar's additions.

use super::html::esc;
use crate::i18n::Localizer;

/// The discreet entry at the foot of the welcome screen (shown by the script when offered).
pub fn advisor_entry(l: &Localizer) -> String {
    format!("<button id=\"advisor\" class=\"advisor\" data-cmd=\"advisor\" hidden>{}</button>", esc(&l.text("advisor-open")))
}

/// The bar's badge, its own end button, and the curtain banner.
pub fn bar_badge(l: &Localizer) -> String {
    format!("<span id=\"assisted-badge\" class=\"assisted-badge\" hidden>{}</span>", esc(&l.text("assisted-badge")))
}

pub fn bar_end(l: &Localizer) -> String {
    format!("<button id=\"assisted-end\" class=\"end assisted-end\" data-cmd=\"ask-end\" hidden>{}</button>", esc(&l.text("assisted-end")))
}

pub fn curtain(l: &Localizer) -> String {
    format!("<p id=\"curtain\" class=\"curtain\" role=\"status\" data-text=\"{}\" hidden></p>", esc(&l.text("assisted-curtain")))
}

/// The PIN pad and the consent screen, over the whole window.
pub fn screens(l: &Localizer) -> String {
    let t = |id: &str| esc(&l.text(id));
    let digits: String = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        .iter()
        .map(|d| format!("<button class=\"key\" data-digit=\"{d}\">{d}</button>"))
        .collect();
    format!(
        r#"<section id="pin" class="screen overlay" role="dialog" aria-labelledby="pin-title" hidden>
<h1 id="pin-title">{pin_title}</h1>
<p class="big">{pin_intro}</p>
<p id="pin-dots" class="pin-dots" aria-live="polite"></p>
<p id="pin-message" class="pin-message" role="alert" hidden></p>
<div class="pad" role="group" aria-label="{pin_keys}">{digits}<button class="key erase" data-pad="erase" aria-label="{erase_label}">{erase}</button><button class="key" data-digit="0">0</button><button class="key submit" data-pad="submit">{submit}</button></div>
<p class="actions"><button class="button secondary" data-cmd="close">{cancel}</button></p>
</section>
<section id="consent" class="screen overlay" role="alertdialog" aria-labelledby="consent-title" hidden>
<h1 id="consent-title">{consent_title}</h1>
<p class="big">{consent_intro}</p>
<ul class="consent-points big"><li>{consent_screen}</li><li>{consent_passwords}</li><li>{consent_erase}</li></ul>
<p class="actions"><button class="button primary" data-cmd="accept">{accept}</button>
<button class="button secondary" data-cmd="refuse">{refuse}</button></p>
</section>
<template id="assisted-texts" data-end-title="{end_title}" data-end-text="{end_text}"></template>"#,
        pin_title = t("pin-title"),
        pin_intro = t("pin-intro"),
        pin_keys = t("pin-keys"),
        erase = t("pin-erase"),
        erase_label = t("pin-erase-label"),
        submit = t("pin-submit"),
        cancel = t("pin-cancel"),
        consent_title = t("consent-title"),
        consent_intro = t("consent-intro"),
        consent_screen = t("consent-screen"),
        consent_passwords = t("consent-passwords"),
        consent_erase = t("consent-erase"),
        accept = t("consent-accept"),
        refuse = t("consent-refuse"),
        end_title = t("assisted-end-title"),
        end_text = t("assisted-end-text"),
    )
}
