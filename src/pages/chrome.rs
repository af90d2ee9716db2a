//! The chrome view's one page: the welcome screen, the bar above the web, and the overlays
//! (idle warning, end confirmation, file picker, "computer unavailable"). The shell decides which
//! one shows and pushes already translated text; the page's script only displays it.

use url::Url;

use super::{accessibility, assisted, keyboard, printing};
use super::html::{document, esc};
use super::PageContext;
use crate::i18n::Direction;

pub fn render(ctx: &PageContext, _url: &Url) -> Option<String> {
    let l = ctx.l();
    let t = |id: &str| esc(&l.text(id));
    let languages: String = ctx
        .languages
        .iter()
        .map(|lang| {
            // Each name in its own language, tagged so that a screen reader switches voice.
            let own = ctx.translations.localizer(lang);
            format!(
                "<button class=\"language\" data-cmd=\"lang\" data-lang=\"{code}\" lang=\"{tag}\" dir=\"{dir}\" aria-pressed=\"{pressed}\">{name}</button>",
                code = esc(lang),
                tag = esc(own.tag()),
                dir = own.direction().html(),
                pressed = lang == ctx.lang,
                name = esc(&own.text("language-name")),
            )
        })
        .collect();
    let language_choice = if ctx.languages.len() > 1 {
        format!("<fieldset class=\"languages\"><legend>{}</legend>{languages}</fieldset>", t("welcome-language"))
    } else {
        String::new()
    };
    let guide_parts = super::guide::chrome_parts(&l);
    // Arrows are not mirrored by the Unicode bidi algorithm: in a right-to-left bar, "Retour"
    // points right, towards where the row starts.
    let (back_arrow, forward_arrow) = match l.direction() {
        Direction::LeftToRight => ("←", "→"),
        Direction::RightToLeft => ("→", "←"),
    };
    // One `main` holds every screen: whichever shows is this document's main content, the bar
    // too (the web under it is another document). The bar's heading is for screen readers.
    let body = format!(
        r#"<main id="chrome-main">
<section id="welcome" class="screen welcome" hidden>
<div class="welcome-main">
<p class="place" dir="auto">{place}</p>
<h1>{welcome_title}</h1>
<p class="intro">{intro}</p>
<button class="button primary start" data-cmd="start">{start}</button>
{welcome_a11y}
{language_choice}
<p class="privacy">{privacy}</p>
</div>
{advisor}
<div id="receipt" class="receipt" role="status"><strong id="receipt-title" hidden>{receipt_title}</strong> <span id="receipt-detail"></span></div>
</section>
<header id="bar" class="bar" hidden>
<h1 class="unseen">{bar_title}</h1>
<div class="row">
<nav class="nav" aria-label="{nav_label}">
<button class="home" data-cmd="home"><span class="glyph" aria-hidden="true">⌂</span><span class="label">{home}</span></button>
<button id="back" data-cmd="back"><span class="glyph" aria-hidden="true">{back_arrow}</span><span class="label">{back}</span></button>
<button id="forward" data-cmd="forward" data-collapse="4"><span class="glyph" aria-hidden="true">{forward_arrow}</span><span class="label">{forward}</span></button>
<button id="reload" data-cmd="reload" data-collapse="3"><span class="glyph" aria-hidden="true">⟳</span><span class="label">{reload}</span></button>
<button id="zoom-out" data-cmd="zoom-out" data-collapse="2" aria-label="A− {zoom_out}"><span aria-hidden="true">A−</span></button>
<button id="zoom-in" data-cmd="zoom-in" data-collapse="1" aria-label="A+ {zoom_in}"><span aria-hidden="true">A+</span></button>
{a11y_buttons}
{keyboard_button}
{print_button}
<button id="more" data-cmd="menu" hidden><span class="glyph" aria-hidden="true">⋯</span><span class="label">{more}</span></button>
</nav>
{assisted_badge}
<p class="site"><span id="loading" class="loading" role="status" hidden><span class="spinner" aria-hidden="true"></span>{loading}</span><span id="site" dir="auto"></span></p>
<p id="clock" class="clock"></p>
<button id="help-button" class="help-button" data-cmd="help" hidden>{help_button}</button>
{assisted_end}
<button class="end" data-cmd="ask-end" aria-label="{end}"><span class="long" aria-hidden="true">{end}</span><span class="short" aria-hidden="true">{end_short}</span></button>
</div>
<p id="max-warning" class="max-warning" role="alert" hidden></p>
<p id="notice" class="notice" role="status" hidden></p>
{key_help}
{guide_panel}
{curtain}
</header>
<section id="idle" class="screen overlay" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text" hidden>
<h1 id="idle-title">{idle_title}</h1>
<p id="idle-text" class="big"></p>
<button class="button primary" data-cmd="still-here">{still_here}</button>
</section>
<section id="confirm-end" class="screen overlay" role="alertdialog" aria-labelledby="end-title" hidden>
<h1 id="end-title">{end_title}</h1>
<p class="big">{end_text}</p>
<p class="actions"><button class="button danger" data-cmd="end">{end_confirm}</button>
<button class="button secondary" data-cmd="close">{end_cancel}</button></p>
</section>
<section id="menu" class="screen overlay" role="dialog" aria-labelledby="menu-title" hidden>
<h1 id="menu-title">{menu_title}</h1>
<p class="actions menu-actions">
<button class="button secondary" data-cmd="forward">{forward}</button>
<button class="button secondary" data-cmd="reload">{reload}</button>
<button class="button secondary" data-cmd="zoom-out">{zoom_out}</button>
<button class="button secondary" data-cmd="zoom-in">{zoom_in}</button>
{a11y_menu}
{keyboard_menu}
{print_menu}
</p>
<p class="actions"><button class="button primary" data-cmd="close">{menu_close}</button></p>
</section>
<section id="files" class="screen overlay" role="dialog" aria-labelledby="files-title" hidden>
<h1 id="files-title">{files_title}</h1>
<p id="files-intro">{files_intro}</p>
<ul id="file-list" class="file-list"></ul>
<p id="files-empty" hidden>{files_empty}</p>
<p class="actions"><button class="button secondary" data-cmd="close">{files_cancel}</button></p>
</section>
<section id="help" class="screen overlay help" role="dialog" aria-labelledby="help-title" hidden>
<h1 id="help-title">{help_title}</h1>
<p class="big">{help_intro}</p>
<ul class="help-list"><li>{help_no_answer}</li><li>{help_keep}</li><li>{help_adult}</li><li>{help_3018}</li><li>{help_119}</li></ul>
<p id="staff-alerted" class="alerted" role="status" hidden>{help_alerted}</p>
<p class="actions"><button id="alert-staff" class="button primary" data-cmd="alert-staff">{help_alert}</button>
<button class="button secondary" data-cmd="close">{help_close}</button></p>
</section>
<section id="clearing" class="screen clearing" role="status" hidden>
<p class="big"><span class="spinner" aria-hidden="true"></span>{clearing}</p>
</section>
{checklist}
<section id="unavailable" class="screen unavailable" role="alert" hidden>
<h1>{unavailable_title}</h1>
<p class="big">{unavailable_text}</p>
</section>
{assisted_screens}
{a11y_panel}
{keyboard}
{print_dialog}
</main>"#,
        place = esc(ctx.kiosk_name),
        back_arrow = back_arrow,
        forward_arrow = forward_arrow,
        welcome_title = t("welcome-title"),
        receipt_title = t("welcome-receipt-title"),
        intro = t("welcome-intro"),
        privacy = t("welcome-privacy"),
        start = t("welcome-start"),
        bar_title = t("page-title"),
        nav_label = t("bar-nav"),
        home = t("bar-home"),
        back = t("bar-back"),
        forward = t("bar-forward"),
        reload = t("bar-reload"),
        zoom_out = t("bar-zoom-out"),
        zoom_in = t("bar-zoom-in"),
        more = t("bar-more"),
        loading = t("bar-loading"),
        end = t("bar-end"),
        end_short = t("bar-end-short"),
        idle_title = t("idle-title"),
        still_here = t("idle-still-here"),
        end_title = t("end-title"),
        end_text = t("end-text"),
        end_confirm = t("end-confirm"),
        end_cancel = t("end-cancel"),
        menu_title = t("menu-title"),
        menu_close = t("menu-close"),
        files_title = t("files-title"),
        files_intro = t("files-intro"),
        files_empty = t("files-empty"),
        files_cancel = t("files-cancel"),
        help_button = t("help-button"),
        help_title = t("help-title"),
        help_intro = t("help-intro"),
        help_no_answer = t("help-no-answer"),
        help_keep = t("help-keep"),
        help_adult = t("help-adult"),
        help_3018 = t("help-3018"),
        help_119 = t("help-119"),
        help_alert = t("help-alert"),
        help_alerted = t("help-alerted"),
        help_close = t("help-close"),
        clearing = t("clearing-text"),
        unavailable_title = t("unavailable-title"),
        unavailable_text = t("unavailable-text"),
        guide_panel = guide_parts.0,
        checklist = guide_parts.1,
        advisor = assisted::advisor_entry(&l),
        assisted_badge = assisted::bar_badge(&l),
        assisted_end = assisted::bar_end(&l),
        curtain = assisted::curtain(&l),
        assisted_screens = assisted::screens(&l),
        welcome_a11y = accessibility::welcome_entries(&l),
        a11y_buttons = accessibility::bar_buttons(&l),
        key_help = accessibility::key_help(&l),
        a11y_menu = accessibility::menu_entry(&l),
        a11y_panel = accessibility::panel(&l),
        keyboard_button = keyboard::bar_button(&l),
        keyboard_menu = keyboard::menu_entry(&l),
        keyboard = keyboard::keyboard(&l),
        print_button = printing::bar_button(&l),
        print_menu = printing::menu_entry(&l),
        print_dialog = printing::dialog(&l),
    );
    Some(document(
        &l,
        &l.text("page-title"),
        &["/common.css", "/chrome.css", "/guide-chrome.css", "/assisted.css", "/accessibility.css", "/keyboard.css"],
        &["/fit.js", "/guide-chrome.js", "/assisted.js", "/accessibility.js", "/keyboard.js", "/printing.js", "/chrome.js"],
        "chrome",
        &body,
    ))
}
