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
        let ctx = PageContext {
            translations: &self.translations,
            lang,
            languages: &self.languages,
            kiosk_name: "Médiathèque <Aimé-Césaire>",
            policy: &self.policy,
            mode,
            messages: &self.shared,
            catalog: &self.catalog,
        };
        let response = pages::serve(view, url, &ctx);
        (response.status, String::from_utf8(response.body.into_owned()).unwrap())
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
    assert!(en.contains("<html lang=\"en\">"));
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
    assert!(page.contains("data-lang=\"fr\" lang=\"fr\" aria-pressed=\"true\">Français<"));
    assert!(page.contains("data-lang=\"en\" lang=\"en\" aria-pressed=\"false\">English<"));
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
