//! The guide's pages in the content view: "Que voulez-vous faire ?" (themes and search), a
//! theme's démarches, "Avant de commencer", "Je n'ai pas tout", the search results and "Tous les
//! sites". They only link: "Commencer la démarche" is a link to `/start`, which the kiosk core
//! intercepts (this view has no IPC and needs none).

use url::Url;

use super::html::{document, esc};
use super::PageContext;
use crate::catalog::{words, Demarche, Field, Theme};
use crate::i18n::Direction;

const STYLES: &[&str] = &["/common.css", "/guide.css"];
const SCRIPTS: &[&str] = &["/fit.js", "/guide.js"];

fn query<'u>(url: &'u Url, key: &str) -> Option<std::borrow::Cow<'u, str>> {
    url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn theme_of(id: &str) -> Option<Theme> {
    Theme::ALL.into_iter().find(|t| t.id() == id)
}

/// An offered démarche named by the page's `id`.
fn demarche_of<'c>(ctx: &PageContext<'c>, url: &Url) -> Option<&'c Demarche> {
    let id = query(url, "id")?;
    ctx.catalog.get(&id).filter(|d| d.modes.contains(ctx.mode))
}

fn search_box(ctx: &PageContext, value: &str) -> String {
    let l = ctx.l();
    format!(
        "<div class=\"search\"><label for=\"search\">{label}</label>\
         <input id=\"search\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" placeholder=\"{hint}\" value=\"{value}\" \
         data-search=\"{action}\"></div>",
        label = esc(&l.text("guide-search")),
        hint = esc(&l.text("guide-search-hint")),
        value = esc(value),
        action = esc(&super::url("/search", &[])),
    )
}

/// "Que voulez-vous faire ?": the themes that have démarches in this mode, and the search box.
pub fn launcher(ctx: &PageContext, _url: &Url) -> Option<String> {
    let l = ctx.l();
    let themes: String = Theme::ALL
        .into_iter()
        .filter(|theme| ctx.catalog.in_theme(*theme, ctx.mode).next().is_some())
        .map(|theme| {
            format!(
                "<li><a class=\"theme\" href=\"{href}\">{icon}<span>{name}</span></a></li>",
                href = esc(&super::url("/theme", &[("id", theme.id())])),
                icon = pictogram(theme),
                name = esc(&l.text(&format!("theme-{}", theme.id()))),
            )
        })
        .collect();
    let body = format!(
        "<main class=\"guide fit\"><h1>{title}</h1>{search}<ul class=\"themes\">{themes}</ul>\
         <p class=\"all-sites\"><a class=\"button secondary\" href=\"{sites}\">{sites_label}</a></p></main>",
        title = esc(&l.text("launcher-title")),
        search = search_box(ctx, ""),
        sites = esc(&super::url("/sites", &[])),
        sites_label = esc(&l.text("guide-all-sites")),
    );
    Some(document(&l, &l.text("launcher-title"), STYLES, SCRIPTS, "page", &body))
}

fn home_link(ctx: &PageContext) -> String {
    format!("<a class=\"button secondary\" href=\"{}\">{}</a>", esc(&super::url("/launcher", &[])), esc(&ctx.l().text("guide-home")))
}

/// ` lang="fr" dir="ltr"` on a démarche's text shown in French because the page's language
/// has no translation of it: a screen reader reads it with the French voice, and its words
/// keep their order in a right-to-left page. Nothing when it is in the page's language.
fn written_in(ctx: &PageContext, demarche: &Demarche, field: Field) -> String {
    let shown = demarche.language_of(ctx.lang, field);
    if shown == crate::i18n::tag(ctx.lang) {
        return String::new();
    }
    format!(" lang=\"{}\" dir=\"{}\"", esc(shown), Direction::of(shown).html())
}

fn demarche_item(ctx: &PageContext, demarche: &Demarche) -> String {
    let texts = demarche.texts(ctx.lang);
    format!(
        "<li><a class=\"choice\" href=\"{href}\"{lang}><strong>{title}</strong><span>{summary}</span></a></li>",
        lang = written_in(ctx, demarche, Field::Summary),
        href = esc(&super::url(super::DEMARCHE_PATH, &[("id", &demarche.id)])),
        title = esc(texts.title),
        summary = esc(texts.easy),
    )
}

/// One theme's démarches.
pub fn theme(ctx: &PageContext, url: &Url) -> Option<String> {
    let l = ctx.l();
    let theme = theme_of(&query(url, "id")?)?;
    let items: String = ctx.catalog.in_theme(theme, ctx.mode).map(|d| demarche_item(ctx, d)).collect();
    if items.is_empty() {
        return None;
    }
    let name = l.text(&format!("theme-{}", theme.id()));
    let body = format!(
        "<main class=\"guide\"><p class=\"crumbs\">{home}</p><h1 class=\"with-icon\">{icon}<span>{title}</span></h1>\
         <ul class=\"choices\">{items}</ul></main>",
        home = home_link(ctx),
        icon = pictogram(theme),
        title = esc(&name),
    );
    Some(document(&l, &name, STYLES, SCRIPTS, "page", &body))
}

/// "Avant de commencer": the papers, the steps, the time; then "Commencer" or "Je n'ai pas tout".
pub fn demarche(ctx: &PageContext, url: &Url) -> Option<String> {
    let l = ctx.l();
    let demarche = demarche_of(ctx, url)?;
    let texts = demarche.texts(ctx.lang);
    let list = |items: &[String]| items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect::<String>();
    let franceconnect = if demarche.franceconnect { format!("<p class=\"fc\">{}</p>", esc(&l.text("guide-franceconnect"))) } else { String::new() };
    let body = format!(
        "<main class=\"guide fit\"><p class=\"crumbs\">{home}<a class=\"button secondary\" href=\"{theme_href}\">{theme}</a></p>\
         <h1{summary_lang}>{title}</h1><p class=\"lead\"{summary_lang}>{summary}</p><p class=\"for-whom\"{for_whom_lang}>{for_whom}</p>\
         <h2>{before}</h2><div class=\"columns\"><section><h3>{papers}</h3><ul class=\"checklist\"{documents_lang}>{documents}</ul></section>\
         <section><h3>{steps_title}</h3><ol class=\"steps\"{steps_lang}>{steps}</ol>\
         <p class=\"time\">{time}</p>{franceconnect}</section></div>\
         <p class=\"actions\"><a id=\"start\" class=\"button primary\" href=\"{start}\">{start_label}</a>\
         <a class=\"button secondary\" href=\"{missing}\">{missing_label}</a></p></main>",
        home = home_link(ctx),
        summary_lang = written_in(ctx, demarche, Field::Summary),
        for_whom_lang = written_in(ctx, demarche, Field::ForWhom),
        documents_lang = written_in(ctx, demarche, Field::Documents),
        steps_lang = written_in(ctx, demarche, Field::Steps),
        theme_href = esc(&super::url("/theme", &[("id", demarche.theme.id())])),
        theme = esc(&l.text(&format!("theme-{}", demarche.theme.id()))),
        title = esc(texts.title),
        summary = esc(texts.easy),
        for_whom = esc(texts.for_whom),
        before = esc(&l.text("guide-before")),
        papers = esc(&l.text("guide-papers")),
        documents = list(texts.documents),
        steps_title = esc(&l.text("guide-steps")),
        steps = list(texts.steps),
        time = esc(&l.text_with("guide-time", &[("minutes", demarche.minutes.into())])),
        start = esc(&super::url(super::START_PATH, &[("id", &demarche.id)])),
        start_label = esc(&l.text("guide-start")),
        missing = esc(&super::url("/missing", &[("id", &demarche.id)])),
        missing_label = esc(&l.text("guide-missing")),
    );
    Some(document(&l, texts.title, STYLES, SCRIPTS, "page", &body))
}

/// "Je n'ai pas tout": nothing is lost; the staff can help.
pub fn missing(ctx: &PageContext, url: &Url) -> Option<String> {
    let l = ctx.l();
    let demarche = demarche_of(ctx, url)?;
    let body = format!(
        "<main class=\"message\"><h1>{title}</h1><p class=\"big\">{text}</p><p>{later}</p>\
         <p class=\"actions\"><a class=\"button primary\" href=\"{back}\">{back_label}</a>{home}</p></main>",
        title = esc(&l.text("guide-missing-title")),
        text = esc(&l.text("guide-missing-text")),
        later = esc(&l.text("guide-missing-later")),
        back = esc(&super::url(super::DEMARCHE_PATH, &[("id", &demarche.id)])),
        back_label = esc(&l.text("guide-missing-back")),
        home = home_link(ctx),
    );
    Some(document(&l, &l.text("guide-missing-title"), STYLES, SCRIPTS, "page", &body))
}

/// The démarches that match the query, best first, then the organisations' tiles that do.
pub fn search(ctx: &PageContext, url: &Url) -> Option<String> {
    let l = ctx.l();
    let typed: String = query(url, "q").map(|q| q.chars().take(200).collect()).unwrap_or_default();
    let hits = ctx.catalog.search_offered(&typed, ctx.lang, ctx.mode);
    let demarches: String = hits.iter().take(12).map(|hit| demarche_item(ctx, &ctx.catalog.demarches()[hit.demarche])).collect();
    let sites = matching_sites(ctx, &typed);
    let mut results = String::new();
    if !demarches.is_empty() {
        results.push_str(&format!("<h2>{}</h2><ul class=\"choices\">{demarches}</ul>", esc(&l.text("guide-results"))));
    }
    if !sites.is_empty() {
        results.push_str(&format!("<h2>{}</h2><ul class=\"tiles\">{sites}</ul>", esc(&l.text("guide-results-sites"))));
    }
    if results.is_empty() && !typed.trim().is_empty() {
        results = format!("<p class=\"no-result\">{}</p>", esc(&l.text("guide-no-result")));
    }
    let body = format!(
        "<main class=\"guide\"><p class=\"crumbs\">{home}</p><h1>{title}</h1>{search}<div role=\"status\">{results}</div></main>",
        home = home_link(ctx),
        title = esc(&l.text("launcher-title")),
        search = search_box(ctx, &typed),
    );
    Some(document(&l, &l.text("launcher-title"), STYLES, SCRIPTS, "page", &body))
}

/// Tiles whose name, category or host contain every word typed (accents and case ignored).
fn matching_sites(ctx: &PageContext, typed: &str) -> String {
    let wanted = words::normalized_words(typed);
    if wanted.is_empty() {
        return String::new();
    }
    let l = ctx.l();
    ctx.policy
        .rules()
        .iter()
        .filter(|rule| rule.is_tile() && rule.modes.contains(ctx.mode))
        .filter_map(|rule| {
            let start = rule.start.as_ref()?;
            let host = start.host_str().unwrap_or_default();
            let haystack = words::normalized_words(&format!("{} {} {host}", rule.name, l.text(&format!("category-{}", rule.category.id())))).join(" ");
            wanted.iter().all(|w| haystack.contains(w.as_str())).then(|| {
                format!(
                    "<li><a class=\"tile\" href=\"{href}\"><span class=\"tile-name\" dir=\"auto\">{name}</span><span class=\"tile-host\" dir=\"ltr\">{host}</span></a></li>",
                    href = esc(start.as_str()),
                    name = esc(&rule.name),
                    host = esc(host),
                )
            })
        })
        .collect()
}

/// The pictogram of a theme, drawn with lines in our own SVG (no icon font, no image file).
fn pictogram(theme: Theme) -> String {
    let shapes = match theme {
        Theme::Papiers => r#"<rect x="4" y="10" width="40" height="28" rx="3"/><circle cx="16" cy="22" r="5"/><path d="M8 34c2-6 14-6 16 0M29 20h11M29 27h8"/>"#,
        Theme::Famille => r#"<circle cx="16" cy="12" r="5"/><circle cx="33" cy="16" r="4"/><path d="M5 42c0-12 22-12 22 0M26 42c0-9 16-9 16 0"/>"#,
        Theme::Social => r#"<path d="M24 24c-3-6-12-4-10 3 2 5 10 9 10 9s8-4 10-9c2-7-7-9-10-3z"/><path d="M4 40h8l6 3h14l12-7"/>"#,
        Theme::Travail => r#"<rect x="6" y="16" width="36" height="24" rx="3"/><path d="M18 16v-5h12v5M6 26h36"/>"#,
        Theme::Logement => r#"<path d="M5 24L24 7l19 17M11 19v21h26V19M20 40V29h8v11"/>"#,
        Theme::Transports => r#"<path d="M9 28l4-11h22l4 11"/><rect x="6" y="28" width="36" height="9" rx="2"/><circle cx="14" cy="40" r="3"/><circle cx="34" cy="40" r="3"/>"#,
        Theme::Argent => r#"<ellipse cx="24" cy="12" rx="13" ry="5"/><path d="M11 12v8c0 3 6 5 13 5s13-2 13-5v-8M11 20v8c0 3 6 5 13 5s13-2 13-5v-8M11 28v8c0 3 6 5 13 5s13-2 13-5v-8"/>"#,
        Theme::Sante => r#"<path d="M19 7h10v12h12v10H29v12H19V29H7V19h12z"/>"#,
        Theme::Retraite => r#"<circle cx="21" cy="8" r="4"/><path d="M21 13l-4 13 6 6v11M17 26l-6 8M21 17l9 6M33 24v19"/>"#,
        Theme::Etranger => r#"<circle cx="24" cy="24" r="18"/><ellipse cx="24" cy="24" rx="7" ry="18"/><path d="M6 24h36M9 15h30M9 33h30"/>"#,
    };
    format!(
        "<svg class=\"pictogram\" data-pictogram=\"{name}\" viewBox=\"0 0 48 48\" aria-hidden=\"true\" fill=\"none\" stroke=\"currentColor\" \
         stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{shapes}</svg>",
        name = theme.pictogram(),
    )
}

/// The bar's step panel (a second row, hidden until a démarche is in progress) and the
/// checklist screen, for the chrome page. Their text arrives with the kiosk's state.
pub fn chrome_parts(l: &crate::i18n::Localizer) -> (String, String) {
    let t = |id: &str| esc(&l.text(id));
    let panel = format!(
        "<div id=\"guide-panel\" class=\"guide-panel\" hidden>\
         <button id=\"guide-step-back\" data-cmd=\"step-back\" aria-label=\"{back}\"><span aria-hidden=\"true\">‹</span></button>\
         <button id=\"guide-show\" class=\"guide-show\" data-cmd=\"checklist\" aria-haspopup=\"dialog\">\
         <strong id=\"guide-step\"></strong> <span id=\"guide-step-text\" dir=\"auto\"></span> <span class=\"guide-list\">{list}</span></button>\
         <button id=\"guide-step-next\" data-cmd=\"step-next\" aria-label=\"{next}\"><span aria-hidden=\"true\">›</span></button></div>",
        back = t("guide-step-back"),
        next = t("guide-step-next"),
        list = t("guide-show-list"),
    );
    let screen = format!(
        "<section id=\"checklist\" class=\"screen overlay checklist-screen\" role=\"dialog\" aria-labelledby=\"checklist-title\" hidden>\
         <h1 id=\"checklist-title\"></h1>\
         <div class=\"checklist-columns\"><section><h2>{papers}</h2><ul id=\"checklist-documents\" class=\"checklist\"></ul></section>\
         <section><h2>{steps}</h2><ol id=\"checklist-steps\" class=\"steps\"></ol></section></div>\
         <p class=\"actions\"><button class=\"button secondary\" data-cmd=\"step-back\" id=\"checklist-back\">{back}</button>\
         <button class=\"button secondary\" data-cmd=\"step-next\" id=\"checklist-next\">{next}</button>\
         <button class=\"button primary\" data-cmd=\"close\">{close}</button></p></section>",
        papers = t("guide-papers"),
        steps = t("guide-steps"),
        back = t("guide-step-back"),
        next = t("guide-step-next"),
        close = t("guide-close"),
    );
    (panel, screen)
}
