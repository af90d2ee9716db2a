//! The chrome view's one page: the welcome screen, the bar above the web, and the overlays
//! (idle warning, end confirmation, file picker, "computer unavailable"). The shell decides which
//! one shows and pushes already translated text; the page's script only displays it.

use url::Url;

use super::html::{document, esc};
use super::PageContext;

pub fn render(ctx: &PageContext, _url: &Url) -> String {
    let l = ctx.l();
    let t = |id: &str| esc(&l.text(id));
    let languages: String = ctx
        .languages
        .iter()
        .map(|lang| {
            let name = ctx.translations.localizer(lang).text("language-name");
            format!(
                "<button class=\"language\" data-cmd=\"lang\" data-lang=\"{code}\" lang=\"{code}\" aria-pressed=\"{pressed}\">{name}</button>",
                code = esc(lang),
                pressed = lang == ctx.lang,
                name = esc(&name),
            )
        })
        .collect();
    let language_choice = if ctx.languages.len() > 1 {
        format!("<fieldset class=\"languages\"><legend>{}</legend>{languages}</fieldset>", t("welcome-language"))
    } else {
        String::new()
    };
    let body = format!(
        r#"<section id="welcome" class="screen welcome" hidden>
<p class="place">{place}</p>
<h1>{welcome_title}</h1>
<div id="receipt" class="receipt" role="status" hidden><strong>{receipt_title}</strong> <span id="receipt-detail"></span></div>
<p class="intro">{intro}</p>
<p class="privacy">{privacy}</p>
{language_choice}
<button class="button primary start" data-cmd="start">{start}</button>
</section>
<section id="bar" class="bar" hidden>
<div class="row">
<nav class="nav">
<button class="home" data-cmd="home" aria-label="{home}"><span class="glyph" aria-hidden="true">⌂</span><span class="label">{home}</span></button>
<button id="back" data-cmd="back" aria-label="{back}"><span class="glyph" aria-hidden="true">←</span><span class="label">{back}</span></button>
<button id="forward" data-cmd="forward" aria-label="{forward}"><span class="glyph" aria-hidden="true">→</span><span class="label">{forward}</span></button>
<button data-cmd="reload" aria-label="{reload}"><span class="glyph" aria-hidden="true">⟳</span><span class="label">{reload}</span></button>
<button data-cmd="zoom-out" aria-label="{zoom_out}">A−</button>
<button data-cmd="zoom-in" aria-label="{zoom_in}">A+</button>
</nav>
<button class="end" data-cmd="ask-end">{end}</button>
<p id="site" class="site"></p>
<p id="clock" class="clock"></p>
</div>
<p id="max-warning" class="max-warning" role="alert" hidden></p>
<p id="notice" class="notice" role="status" hidden></p>
</section>
<section id="idle" class="screen overlay" role="alertdialog" aria-labelledby="idle-title" hidden>
<h1 id="idle-title">{idle_title}</h1>
<p id="idle-text" class="big"></p>
<button class="button primary" data-cmd="still-here">{still_here}</button>
</section>
<section id="confirm-end" class="screen overlay" role="alertdialog" aria-labelledby="end-title" hidden>
<h1 id="end-title">{end_title}</h1>
<p class="big">{end_text}</p>
<p class="actions"><button class="button danger" data-cmd="end">{end_confirm}</button>
<button class="button secondary" data-cmd="cancel-end">{end_cancel}</button></p>
</section>
<section id="files" class="screen overlay" role="dialog" aria-labelledby="files-title" hidden>
<h1 id="files-title">{files_title}</h1>
<p id="files-intro">{files_intro}</p>
<ul id="file-list" class="file-list"></ul>
<p id="files-empty" hidden>{files_empty}</p>
<p class="actions"><button class="button secondary" data-cmd="cancel-file">{files_cancel}</button></p>
</section>
<section id="unavailable" class="screen unavailable" role="alert" hidden>
<h1>{unavailable_title}</h1>
<p class="big">{unavailable_text}</p>
</section>"#,
        place = esc(ctx.kiosk_name),
        welcome_title = t("welcome-title"),
        receipt_title = t("welcome-receipt-title"),
        intro = t("welcome-intro"),
        privacy = t("welcome-privacy"),
        start = t("welcome-start"),
        home = t("bar-home"),
        back = t("bar-back"),
        forward = t("bar-forward"),
        reload = t("bar-reload"),
        zoom_out = t("bar-zoom-out"),
        zoom_in = t("bar-zoom-in"),
        end = t("bar-end"),
        idle_title = t("idle-title"),
        still_here = t("idle-still-here"),
        end_title = t("end-title"),
        end_text = t("end-text"),
        end_confirm = t("end-confirm"),
        end_cancel = t("end-cancel"),
        files_title = t("files-title"),
        files_intro = t("files-intro"),
        files_empty = t("files-empty"),
        files_cancel = t("files-cancel"),
        unavailable_title = t("unavailable-title"),
        unavailable_text = t("unavailable-text"),
    );
    document(&l, &l.text("page-title"), &["/common.css", "/chrome.css"], &["/chrome.js"], "chrome", &body)
}
