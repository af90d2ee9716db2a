//! Pages of the content view: "Tous les sites" (the organisations' tiles), the blocked page and the crash page.

use url::Url;

use super::html::{document, esc};
use super::PageContext;
use crate::kiosk::MessagePage;
use crate::policy::{Category, Mode, Reason};

pub fn sites(ctx: &PageContext, _url: &Url) -> Option<String> {
    let l = ctx.l();
    let mut sections = String::new();
    for category in Category::ALL {
        let tiles: Vec<String> = ctx
            .policy
            .rules()
            .iter()
            .filter(|rule| rule.category == category && rule.is_tile() && rule.modes.contains(ctx.mode))
            .filter_map(|rule| {
                let start = rule.start.as_ref()?;
                let label = l.text(&format!("category-{}", category.id()));
                Some(format!(
                    "<li><a class=\"tile\" href=\"{href}\" data-search=\"{search}\">\
                     <span class=\"tile-name\" dir=\"auto\">{name}</span><span class=\"tile-host\" dir=\"ltr\">{host}</span></a></li>",
                    href = esc(start.as_str()),
                    search = esc(&format!("{} {} {}", rule.name, label, start.host_str().unwrap_or_default())),
                    name = esc(&rule.name),
                    host = esc(start.host_str().unwrap_or_default()),
                ))
            })
            .collect();
        if tiles.is_empty() {
            continue;
        }
        sections.push_str(&format!(
            "<section class=\"group\"><h2>{}</h2><ul class=\"tiles\">{}</ul></section>",
            esc(&l.text(&format!("category-{}", category.id()))),
            tiles.concat()
        ));
    }
    let body = format!(
        "<main class=\"launcher\"><p class=\"crumbs\"><a class=\"button secondary\" href=\"{home}\">{home_label}</a></p><h1>{title}</h1>\
         <div class=\"search\"><label for=\"search\">{search}</label>\
         <input id=\"search\" type=\"search\" autocomplete=\"off\" placeholder=\"{hint}\"></div>\
         {sections}<p id=\"no-result\" class=\"no-result\" hidden>{none}</p></main>",
        title = esc(&l.text("guide-all-sites")),
        home = esc(&super::url("/launcher", &[])),
        home_label = esc(&l.text("guide-home")),
        search = esc(&l.text("launcher-search")),
        hint = esc(&l.text("launcher-search-hint")),
        none = esc(&l.text("launcher-no-result")),
    );
    Some(document(&l, &l.text("guide-all-sites"), &["/common.css"], &["/launcher.js"], "page", &body))
}

/// Says which address was refused and why, in plain words. Only with the ticket the kiosk
/// issued for the refusal on screen: a web page cannot make Guichet say anything. In minor mode
/// it speaks to a child: the category in plain words, no blame, an adult to ask.
pub fn blocked(ctx: &PageContext, url: &Url) -> Option<String> {
    let l = ctx.l();
    let Some(MessagePage::Blocked { host, reason, category }) = ctx.message(url) else { return None };
    let minor = ctx.mode == Mode::Minor;
    let category = category
        .map(|name| format!("<p class=\"category\">{}</p>", esc(&l.text_with("blocked-category", &[("category", name.into())]))))
        .unwrap_or_default();
    let id = format!("reason-{}", reason.code());
    let explanation = if l.has(&id) { format!("<p class=\"reason\">{}</p>", esc(&l.text(&id))) } else { String::new() };
    let address = if host.is_empty() {
        String::new()
    } else {
        format!("<p class=\"address\">{}</p>", esc(&l.text_with("blocked-address", &[("host", host.as_str().into())])))
    };
    let (title, help) = if minor { ("blocked-title-minor", "blocked-help-minor") } else { ("blocked-title", "blocked-help") };
    // The category's own explanation already says whom to ask.
    let help = if minor && reason == Reason::Category { String::new() } else { format!("<p>{}</p>", esc(&l.text(help))) };
    let body = format!(
        "<main class=\"message blocked\"><div class=\"icon {icon}\" aria-hidden=\"true\"></div>\
         <h1>{title}</h1>{address}{category}{explanation}{help}\
         <p class=\"actions\"><button id=\"back\" class=\"button secondary\">{back}</button>\
         <a class=\"button primary\" href=\"{home}\">{home_label}</a></p></main>",
        icon = if minor { "alert" } else { "stop" },
        title = esc(&l.text(title)),
        back = esc(&l.text("blocked-back")),
        home = esc(&super::url("/launcher", &[])),
        home_label = esc(&l.text("blocked-home")),
    );
    Some(document(&l, &l.text(title), &["/common.css"], &["/blocked.js"], "page", &body))
}

/// Shown when the web process died; offers to load the page again.
pub fn crashed(ctx: &PageContext, url: &Url) -> Option<String> {
    let Some(MessagePage::Crashed { retry }) = ctx.message(url) else { return None };
    Some(problem(ctx, &retry, crate::msg!("crashed-title"), crate::msg!("crashed-text"), crate::msg!("crashed-reload")))
}

/// The site did not answer, or answered without a valid certificate.
pub fn unreachable(ctx: &PageContext, url: &Url) -> Option<String> {
    let Some(MessagePage::Unreachable { retry, tls }) = ctx.message(url) else { return None };
    Some(if tls {
        problem(ctx, &retry, crate::msg!("unreachable-tls-title"), crate::msg!("unreachable-tls-text"), crate::msg!("unreachable-retry"))
    } else {
        problem(ctx, &retry, crate::msg!("unreachable-title"), crate::msg!("unreachable-text"), crate::msg!("unreachable-retry"))
    })
}

/// A page that explains a failure and offers to try the same web address again, or go home.
fn problem(ctx: &PageContext, retry: &str, title: &str, text: &str, retry_label: &str) -> String {
    let l = ctx.l();
    let reload = Some(retry)
        .filter(|v| Url::parse(v).is_ok_and(|u| matches!(u.scheme(), "https" | "http")))
        .map(|r| format!("<a class=\"button primary\" href=\"{}\">{}</a>", esc(r), esc(&l.text(retry_label))))
        .unwrap_or_default();
    let body = format!(
        "<main class=\"message\"><div class=\"icon alert\" aria-hidden=\"true\"></div><h1>{title}</h1><p>{text}</p>\
         <p class=\"actions\">{reload}<a class=\"button secondary\" href=\"{home}\">{home_label}</a></p></main>",
        title = esc(&l.text(title)),
        text = esc(&l.text(text)),
        home = esc(&super::url("/launcher", &[])),
        home_label = esc(&l.text("blocked-home")),
    );
    document(&l, &l.text(title), &["/common.css"], &[], "page", &body)
}
