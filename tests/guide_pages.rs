//! The guide's pages in the content view: ten themes at most with their pictograms, a theme's
//! démarches, "Avant de commencer" with its papers and its start link, ranked search in the
//! session's language, and "not found" for anything the catalogue does not offer.

mod common;

use guichet::catalog::Catalog;
use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::Shared;
use guichet::pages::{self, PageContext, View};
use guichet::policy::{Mode, Policy};

struct Fixture {
    translations: Translations,
    policy: Policy,
    catalog: Catalog,
    shared: Shared,
}

impl Fixture {
    fn new() -> Fixture {
        let policy = common::table_policy();
        let catalog = Config::builtin().unwrap().load_catalog(&policy).unwrap();
        Fixture { translations: Translations::load().unwrap(), policy, catalog, shared: Shared::new(Mode::Citizen, "fr") }
    }

    fn get(&self, url: &str, lang: &str) -> (u16, String) {
        let languages = vec!["fr".to_string(), "en".to_string()];
        let ctx = PageContext {
            translations: &self.translations,
            lang,
            languages: &languages,
            kiosk_name: "Test",
            policy: &self.policy,
            mode: Mode::Citizen,
            messages: &self.shared,
            catalog: &self.catalog,
        };
        let response = pages::serve(View::Content, url, &ctx);
        (response.status, String::from_utf8(response.body.into_owned()).unwrap())
    }
}

#[test]
fn the_first_screen_has_at_most_ten_themes_each_with_a_pictogram() {
    let f = Fixture::new();
    let (status, page) = f.get("guichet://app/launcher", "fr");
    assert_eq!(status, 200);
    let themes = page.matches("class=\"theme\"").count();
    assert!((1..=10).contains(&themes), "{themes} themes");
    assert_eq!(page.matches("class=\"pictogram\"").count(), themes);
    assert!(page.contains("Que voulez-vous faire ?"));
    assert!(page.contains("href=\"guichet://app/sites\""), "Tous les sites");
    assert!(!page.contains("style="), "no inline style: the CSP forbids it");
}

#[test]
fn a_demarche_page_lists_papers_and_steps_and_links_to_its_start() {
    let f = Fixture::new();
    let (_, theme) = f.get("guichet://app/theme?id=social", "fr");
    assert!(theme.contains("href=\"guichet://app/demarche?id=caf-rsa\""));
    let (status, page) = f.get("guichet://app/demarche?id=caf-rsa", "fr");
    assert_eq!(status, 200);
    let rsa = f.catalog.get("caf-rsa").unwrap();
    assert!(page.contains("href=\"guichet://app/start?id=caf-rsa\""));
    assert!(page.contains("href=\"guichet://app/missing?id=caf-rsa\""));
    assert_eq!(page.matches("<li>").count(), rsa.base.documents.len() + rsa.base.steps.len());
    let (_, english) = f.get("guichet://app/demarche?id=caf-rsa", "en");
    assert!(english.contains(&rsa.texts("en").title.replace('\'', "&#39;")));
    for missing in ["/demarche?id=nope", "/demarche", "/theme?id=nope", "/missing?id=<x>", "/start?id=caf-rsa"] {
        assert_eq!(f.get(&format!("guichet://app{missing}"), "fr").0, 404, "{missing}");
    }
}

#[test]
fn search_ranks_demarches_in_the_sessions_language_and_escapes_the_words() {
    let f = Fixture::new();
    let (_, page) = f.get("guichet://app/search?q=chomage", "fr");
    let first = page.find("guichet://app/demarche?id=").map(|at| &page[at..at + 60]).unwrap();
    assert!(first.contains("france-travail"), "{first}");
    let (_, english) = f.get("guichet://app/search?q=passport", "en");
    assert!(english.contains("guichet://app/demarche?id=ants-"), "passport finds the ANTS démarche in English");
    let (_, hostile) = f.get("guichet://app/search?q=%3Cscript%3Ealert(1)%3C/script%3E", "fr");
    assert!(!hostile.contains("<script>alert"));
    assert!(hostile.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
}

/// "Français facile": the French démarche with its FALC summary, French words searched, a page
/// in French for screen readers; no part of it is marked as another language.
#[test]
fn easy_french_shows_the_french_text_with_its_easy_summary() {
    let f = Fixture::new();
    let rsa = f.catalog.get("caf-rsa").unwrap();
    let (status, page) = f.get("guichet://app/demarche?id=caf-rsa", "falc");
    assert_eq!(status, 200);
    assert!(page.starts_with("<!DOCTYPE html><html lang=\"fr\" dir=\"ltr\">"));
    assert!(page.contains(&rsa.base.easy.replace('\'', "&#39;")), "the FALC summary");
    assert!(page.contains(&rsa.base.steps[0].replace('\'', "&#39;")));
    assert_eq!(page.matches(" lang=").count(), 1, "only <html> names a language");
    assert_eq!(rsa.texts("falc").summary, rsa.base.easy);
    let (_, search) = f.get("guichet://app/search?q=payer+mes+impots", "falc");
    let first = search.find("guichet://app/demarche?id=").map(|at| &search[at..at + 50]).unwrap();
    assert!(first.contains("impots-paiement"), "{first}");
}

/// A translation shows its own summary, never the French FALC one; what it leaves out is shown
/// in French and marked so (`lang="fr" dir="ltr"`), for the voice and for the word order.
#[test]
fn a_partial_translation_marks_the_french_it_falls_back_to() {
    let f = Fixture::new();
    let rsa = f.catalog.get("caf-rsa").unwrap();
    let english = rsa.translation("en").unwrap();
    assert!(english.documents.is_none(), "this test needs an English entry without its own papers");
    let (_, page) = f.get("guichet://app/demarche?id=caf-rsa", "en");
    assert!(page.contains(&format!("<p class=\"lead\">{}</p>", english.summary.replace('\'', "&#39;"))), "{page}");
    assert!(!page.contains(&rsa.base.easy.replace('\'', "&#39;")), "no French FALC in an English page");
    assert!(page.contains("<ul class=\"checklist\" lang=\"fr\" dir=\"ltr\">"), "the French papers are marked French");
}
