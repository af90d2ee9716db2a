//! Internal pages: each view sees only its own routes, every dynamic value is escaped, and the
//! launcher shows what the mode allows.

mod common;

use guichet::catalog::Catalog;
use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::{MessagePage, Shared};
use guichet::pages::{self, PageContext, View};
use guichet::policy::{Mode, Policy, Reason};
use zeroize::Zeroizing;

struct Fixture {
    translations: Translations,
    policy: Policy,
    languages: Vec<String>,
    shared: Shared,
    catalog: Catalog,
}

impl Fixture {
    fn new() -> Self {
        Fixture {
            translations: Translations::load().unwrap(),
            catalog: Config::builtin().unwrap().load_catalog(&common::table_policy()).unwrap(),
            policy: common::table_policy(),
            languages: vec!["fr".into(), "en".into()],
            shared: Shared::new(Mode::Citizen, "fr"),
        }
    }

    /// The address the kiosk would load to show `page`.
    fn issue(&self, page: MessagePage) -> String {
        let issued = self.shared.issue(page);
        pages::url(issued.page.path(), &[("t", &issued.ticket)])
    }

    fn get(&self, view: View, url: &str, lang: &str, mode: Mode) -> (u16, String) {
        self.get_offering(&self.languages, view, url, lang, mode)
    }

    /// The same, on a kiosk whose configuration offers `languages`.
    fn get_offering(&self, languages: &[String], view: View, url: &str, lang: &str, mode: Mode) -> (u16, String) {
        let response = self.response_offering(languages, view, url, lang, mode);
        (response.status, String::from_utf8(response.body.into_owned()).unwrap())
    }

    /// The whole response, its headers included.
    fn response_offering(&self, languages: &[String], view: View, url: &str, lang: &str, mode: Mode) -> pages::Response {
        let ctx = PageContext {
            translations: &self.translations,
            lang,
            languages,
            kiosk_name: "Médiathèque <Aimé-Césaire>",
            policy: &self.policy,
            mode,
            messages: &self.shared,
            catalog: &self.catalog,
        };
        pages::serve(view, url, &ctx)
    }
}

#[test]
fn pages_assets_and_refusals_carry_their_type_the_content_policy_and_no_caching() {
    let fixture = Fixture::new();
    for (view, path, status, content_type) in [
        (View::Chrome, "/chrome", 200, "text/html; charset=utf-8"),
        (View::Chrome, "/chrome.js", 200, "text/javascript; charset=utf-8"),
        (View::Content, "/launcher", 200, "text/html; charset=utf-8"),
        (View::Content, "/guide.css", 200, "text/css; charset=utf-8"),
        (View::Content, "/chrome", 404, "text/html; charset=utf-8"),
        (View::Chrome, "/nowhere", 404, "text/html; charset=utf-8"),
    ] {
        let response = fixture.response_offering(&fixture.languages, view, &pages::url(path, &[]), "fr", Mode::Citizen);
        assert_eq!(response.status, status, "{path}");
        let headers = response.headers();
        assert!(headers.contains(&("Content-Type", content_type)), "{path}: {headers:?}");
        assert!(headers.contains(&("Cache-Control", "no-store")), "{path}: {headers:?}");
        let policy = headers.iter().find(|(name, _)| *name == "Content-Security-Policy").map(|(_, value)| *value).unwrap_or_default();
        for rule in ["default-src 'none'", "script-src guichet:", "frame-ancestors 'none'", "form-action 'none'"] {
            assert!(policy.contains(rule), "{path}: {policy}");
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{path}: {policy}");
    }
}

#[test]
fn each_view_sees_only_its_own_routes() {
    let f = Fixture::new();
    let cases = [
        (View::Chrome, "guichet://app/chrome", 200),
        (View::Content, "guichet://app/chrome", 404),
        (View::Content, "guichet://app/chrome.js", 404),
        (View::Chrome, "guichet://app/launcher", 404),
        (View::Content, "guichet://app/launcher", 200),
        (View::Content, "guichet://app/blocked?host=x", 404),
        (View::Content, "guichet://app/crashed", 404),
        (View::Content, "guichet://app/common.css", 200),
        (View::Chrome, "guichet://app/common.css", 200),
        (View::Content, "guichet://app/", 404),
        (View::Content, "guichet://app/../chrome", 404),
        (View::Content, "guichet://other/launcher", 404),
        (View::Content, "https://app/launcher", 404),
        (View::Content, "not a url", 404),
    ];
    for (view, url, status) in cases {
        assert_eq!(f.get(view, url, "fr", Mode::Citizen).0, status, "{view:?} {url}");
    }
    assert!(f.get(View::Content, "guichet://app/nope", "fr", Mode::Citizen).1.contains("Page introuvable"));
}

#[test]
fn blocked_page_escapes_the_host_and_explains_the_reason() {
    let f = Fixture::new();
    let url = f.issue(MessagePage::Blocked { host: "<script>alert(1)</script>.evil.com".into(), reason: Reason::NotAllowlisted, category: None });
    let (_, fr) = f.get(View::Content, &url, "fr", Mode::Citizen);
    assert!(!fr.contains("<script>alert"), "host must be escaped");
    assert!(fr.contains("&lt;script&gt;alert(1)&lt;/script&gt;.evil.com"));
    assert!(fr.contains("Ce site ne fait pas partie des services disponibles sur ce poste"));
    assert!(fr.contains("Vous pouvez demander de l’aide à l’accueil."));
    assert!(fr.contains(">Retour<") && fr.contains(">Accueil<"));
    let (_, en) = f.get(View::Content, &url, "en", Mode::Citizen);
    assert!(en.contains("This site is not one of the services available on this computer."));
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">"));
}

/// Regression: any web page could load `guichet://app/blocked?host=…` and make Guichet say
/// that a site was refused. Message pages now show only under the ticket the kiosk issued.
#[test]
fn message_pages_need_the_ticket_of_the_page_on_screen() {
    let f = Fixture::new();
    let forged = pages::url("/blocked", &[("host", "impots.gouv.fr"), ("reason", "not-allowlisted")]);
    let (status, page) = f.get(View::Content, &forged, "fr", Mode::Citizen);
    assert_eq!(status, 404);
    assert!(!page.contains("impots.gouv.fr"));
    let first = f.issue(MessagePage::Blocked { host: "a.example".into(), reason: Reason::NotAllowlisted, category: None });
    assert_eq!(f.get(View::Content, &first, "fr", Mode::Citizen).0, 200);
    // A newer message retires the older ticket, and a ticket works only on its own page.
    let second = f.issue(MessagePage::Crashed { retry: Zeroizing::new("https://www.caf.fr/".into()) });
    assert_eq!(f.get(View::Content, &first, "fr", Mode::Citizen).0, 404);
    assert_eq!(f.get(View::Content, &second, "fr", Mode::Citizen).0, 200);
    assert_eq!(f.get(View::Content, &second.replace("/crashed", "/blocked"), "fr", Mode::Citizen).0, 404);
    assert_eq!(f.get(View::Content, &second.replace("t=", "t=0"), "fr", Mode::Citizen).0, 404);
}

#[test]
fn all_sites_tiles_follow_the_mode() {
    let f = Fixture::new();
    let (_, citizen) = f.get(View::Content, "guichet://app/sites", "fr", Mode::Citizen);
    assert!(citizen.contains("href=\"https://www.caf.fr/\""));
    assert!(citizen.contains("Aides et prestations sociales"));
    assert!(!citizen.contains("aidantsconnect"), "Aidants Connect is for assisted mode only");
    assert!(!citizen.contains("unpkg.com"), "technical hosts are never tiles");
    assert!(!citizen.contains("Jeunesse"), "minor-only tile");
    let (_, assisted) = f.get(View::Content, "guichet://app/sites", "fr", Mode::Assisted);
    assert!(assisted.contains("href=\"https://aidantsconnect.beta.gouv.fr/\""));
    let (_, minor) = f.get(View::Content, "guichet://app/sites", "fr", Mode::Minor);
    assert!(minor.contains("Jeunesse"));
}

#[test]
fn chrome_page_offers_languages_and_escapes_the_place_name() {
    let f = Fixture::new();
    let (_, page) = f.get(View::Chrome, "guichet://app/chrome", "fr", Mode::Citizen);
    assert!(page.contains("Médiathèque &lt;Aimé-Césaire&gt;"));
    assert!(page.contains("data-lang=\"fr\" lang=\"fr\" dir=\"ltr\" aria-pressed=\"true\">Français<"));
    assert!(page.contains("data-lang=\"en\" lang=\"en\" dir=\"ltr\" aria-pressed=\"false\">English<"));
    assert!(page.contains(">Commencer<") && page.contains("Terminer ma session"));
    assert!(!page.contains("<script>"), "no inline script: the CSP forbids it");
}

#[test]
fn crash_page_offers_reload_only_for_web_addresses() {
    let f = Fixture::new();
    let ok = f.issue(MessagePage::Crashed { retry: Zeroizing::new("https://www.caf.fr/x?a=1".into()) });
    assert!(f.get(View::Content, &ok, "fr", Mode::Citizen).1.contains("href=\"https://www.caf.fr/x?a=1\""));
    let bad = f.issue(MessagePage::Crashed { retry: Zeroizing::new("javascript:alert(1)".into()) });
    assert!(!f.get(View::Content, &bad, "fr", Mode::Citizen).1.contains("javascript:"));
    let tls = f.issue(MessagePage::Unreachable { retry: Zeroizing::new("https://www.caf.fr/".into()), tls: true });
    assert!(f.get(View::Content, &tls, "fr", Mode::Citizen).1.contains("Connexion non sécurisée"));
    let silent = f.issue(MessagePage::Unreachable { retry: Zeroizing::new("https://www.caf.fr/".into()), tls: false });
    let page = f.get(View::Content, &silent, "fr", Mode::Citizen).1;
    assert!(page.contains("Le site ne répond pas") && page.contains(">Réessayer<"));
}

/// Every internal page that needs no ticket, in each view.
fn every_page() -> Vec<(View, String)> {
    let mut pages: Vec<(View, String)> = ["/chrome"].iter().map(|p| (View::Chrome, format!("guichet://app{p}"))).collect();
    for path in ["/launcher", "/theme?id=social", "/demarche?id=caf-rsa", "/missing?id=caf-rsa", "/search?q=passeport", "/sites", "/nope"] {
        pages.push((View::Content, format!("guichet://app{path}")));
    }
    pages
}

/// Arabic and Persian pages are mirrored (`dir="rtl"`), every other language's say `ltr`; the
/// `lang` is the language's tag, French for "Français facile".
#[test]
fn every_internal_page_says_its_language_and_direction() {
    let f = Fixture::new();
    let languages: Vec<String> = f.translations.languages().map(str::to_string).collect();
    assert!(languages.len() >= 11, "{languages:?}");
    for lang in &languages {
        let (tag, dir) = match lang.as_str() {
            "ar" | "fa" => (lang.as_str(), "rtl"),
            "falc" => ("fr", "ltr"),
            other => (other, "ltr"),
        };
        let expected = format!("<html lang=\"{tag}\" dir=\"{dir}\">");
        // Message pages exist only under the ticket of the one on screen: issue each in turn.
        for page in [
            MessagePage::Blocked { host: "exemple.com".into(), reason: Reason::NotAllowlisted, category: None },
            MessagePage::Crashed { retry: Zeroizing::new("https://www.caf.fr/".into()) },
            MessagePage::Unreachable { retry: Zeroizing::new("https://www.caf.fr/".into()), tls: false },
        ] {
            let url = f.issue(page);
            let (status, html) = f.get(View::Content, &url, lang, Mode::Citizen);
            assert_eq!(status, 200, "{url}");
            assert!(html.starts_with(&format!("<!DOCTYPE html>{expected}")), "{lang} {url}: {}", &html[..80]);
        }
        for (view, url) in every_page() {
            let (_, html) = f.get(view, &url, lang, Mode::Minor);
            assert!(html.starts_with(&format!("<!DOCTYPE html>{expected}")), "{lang} {url}: {}", &html[..80]);
        }
    }
}

/// The welcome screen offers exactly the configured languages, in the configured order, each
/// named in its own language with its own `lang` and `dir` (a screen reader switches voice);
/// one language alone offers no choice.
#[test]
fn the_welcome_screen_offers_exactly_the_configured_languages() {
    let f = Fixture::new();
    let cases: &[(&[&str], &[&str])] = &[
        (&["fr", "en"], &[r#"data-lang="fr" lang="fr" dir="ltr" aria-pressed="true">Français<"#, r#"data-lang="en" lang="en" dir="ltr" aria-pressed="false">English<"#]),
        (
            &["fr", "falc", "ar", "tr"],
            &[
                r#"data-lang="fr" lang="fr" dir="ltr" aria-pressed="true">Français<"#,
                r#"data-lang="falc" lang="fr" dir="ltr" aria-pressed="false">Français facile<"#,
                r#"data-lang="ar" lang="ar" dir="rtl" aria-pressed="false">العربية<"#,
                r#"data-lang="tr" lang="tr" dir="ltr" aria-pressed="false">Türkçe<"#,
            ],
        ),
        (
            &["uk", "ru", "fa", "ro", "pt", "es", "fr"],
            &[
                r#"data-lang="uk" lang="uk" dir="ltr" aria-pressed="false">Українська<"#,
                r#"data-lang="ru" lang="ru" dir="ltr" aria-pressed="false">Русский<"#,
                r#"data-lang="fa" lang="fa" dir="rtl" aria-pressed="false">فارسی<"#,
                r#"data-lang="ro" lang="ro" dir="ltr" aria-pressed="false">Română<"#,
                r#"data-lang="pt" lang="pt" dir="ltr" aria-pressed="false">Português<"#,
                r#"data-lang="es" lang="es" dir="ltr" aria-pressed="false">Español<"#,
                r#"data-lang="fr" lang="fr" dir="ltr" aria-pressed="true">Français<"#,
            ],
        ),
        (&["fr"], &[]),
    ];
    for (offered, buttons) in cases {
        let languages: Vec<String> = offered.iter().map(|l| l.to_string()).collect();
        let (_, page) = f.get_offering(&languages, View::Chrome, "guichet://app/chrome", "fr", Mode::Citizen);
        let found: Vec<&str> = page.match_indices("class=\"language\"").map(|(at, _)| &page[at..]).collect();
        assert_eq!(found.len(), buttons.len(), "{offered:?}");
        for (button, expected) in found.iter().zip(buttons.iter()) {
            // Up to the "<" of its "</button>".
            let button = &button[..=button.find("</button>").unwrap()];
            assert!(button.ends_with(expected), "{offered:?}: expected {expected} in {button}");
        }
        assert_eq!(page.contains("class=\"languages\""), !buttons.is_empty(), "{offered:?}");
    }
}

/// In a right-to-left bar, "Retour" points right and "Suivant" left; Arabic digits and host
/// names keep their order inside Arabic text (Fluent's FSI/PDI around each placeable).
#[test]
fn right_to_left_arrows_and_isolated_placeables() {
    let f = Fixture::new();
    // The glyph is the first thing in each button.
    let glyph = |html: &str, id: &str| {
        let at = html.find(&format!("id=\"{id}\"")).unwrap();
        html[at..].split("aria-hidden=\"true\">").nth(1).and_then(|rest| rest.chars().next()).unwrap()
    };
    let arrows = |html: &str| (glyph(html, "back") == '←', glyph(html, "forward") == '→');
    assert_eq!(arrows(&f.get(View::Chrome, "guichet://app/chrome", "fr", Mode::Citizen).1), (true, true));
    for rtl in ["ar", "fa"] {
        let (_, html) = f.get(View::Chrome, "guichet://app/chrome", rtl, Mode::Citizen);
        assert_eq!(arrows(&html), (false, false), "{rtl}");
        assert!(html.contains("aria-hidden=\"true\">→</span><span class=\"label\">"), "{rtl}: Retour points right");
    }
    let url = f.issue(MessagePage::Blocked { host: "impots.gouv.fr".into(), reason: Reason::NotAllowlisted, category: None });
    let (_, blocked) = f.get(View::Content, &url, "ar", Mode::Citizen);
    assert!(blocked.contains("عنوان مرفوض: \u{2068}impots.gouv.fr\u{2069}"), "the host is isolated inside Arabic text");
}

/// Style sheets use logical properties (`margin-inline-start`, `text-align: start`…), so that a
/// right-to-left page is mirrored whole; only drawings (icons, the spinner) name a side.
#[test]
fn style_sheets_follow_the_writing_direction() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/pages");
    let physical = ["margin-left", "margin-right", "padding-left", "padding-right", "text-align: left", "text-align: right", "float:", "border-left", "border-right:"];
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "css") {
            continue;
        }
        for (n, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            let drawing = line.starts_with(".icon") || line.contains("border-right-color: transparent");
            let sided = physical.iter().any(|p| line.contains(p)) || line.contains(" left:") || line.contains(" right:");
            if sided && !drawing {
                found.push(format!("{}:{}: {line}", path.file_name().unwrap().to_string_lossy(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
