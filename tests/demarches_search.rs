//! The démarche search as patrons use it: `tests/fixtures/demarches/search.tsv` lists what they
//! type and the démarche that must come first.

mod common;

use guichet::catalog::{Catalog, Theme};
use guichet::config::Config;
use guichet::policy::{Mode, ModeSet};

fn shipped_catalog() -> Catalog {
    let config = Config::builtin().unwrap();
    let policy = config.load_policy().unwrap();
    config.load_catalog(&policy).unwrap()
}

#[test]
fn first_result_table() {
    let catalog = shipped_catalog();
    let table = std::fs::read_to_string(common::fixture("demarches/search.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut languages = std::collections::BTreeSet::new();
    for (number, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [lang, query, expected] = columns[..] else { panic!("search.tsv:{}: expected 3 columns", number + 1) };
        assert!(catalog.get(expected).is_some(), "search.tsv:{}: no démarche {expected:?}", number + 1);
        let hits = catalog.search(query, lang);
        let top: Vec<String> =
            hits.iter().take(3).map(|h| format!("{} ({:.2})", catalog.demarches()[h.demarche].id, h.score)).collect();
        if hits.first().map(|h| catalog.demarches()[h.demarche].id.as_str()) != Some(expected) {
            failures.push(format!("search.tsv:{}: [{lang}] {query:?}: expected {expected}, got {top:?}", number + 1));
        }
        cases += 1;
        languages.insert(lang.to_string());
    }
    assert!(cases >= 80, "expected at least 80 cases, found {cases}");
    for lang in ["fr", "falc", "en", "ar", "fa", "es", "pt", "tr", "ro", "uk", "ru"] {
        assert!(languages.contains(lang), "no case in {lang}: {languages:?}");
    }
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn nothing_matches_nonsense_or_stop_words_only() {
    let catalog = shipped_catalog();
    for (query, lang) in [("", "fr"), ("je veux le", "fr"), ("xyzzy", "fr"), ("?!", "en"), ("the of my", "en")] {
        assert!(catalog.search(query, lang).is_empty(), "{query:?}");
    }
}

#[test]
fn scores_are_ranked_best_first() {
    let catalog = shipped_catalog();
    let hits = catalog.search("carte", "fr");
    assert!(hits.len() >= 3);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn every_shipped_demarche_is_found_by_its_own_title() {
    let catalog = shipped_catalog();
    let languages = catalog.languages();
    assert!(languages.len() >= 11, "{languages:?}");
    for lang in languages {
        for (i, d) in catalog.demarches().iter().enumerate() {
            let hits = catalog.search(d.texts(lang).title, lang);
            assert_eq!(hits.first().map(|h| h.demarche), Some(i), "[{lang}] {}", d.id);
        }
    }
}

#[test]
fn a_demarche_offered_only_to_advisors_is_hidden_from_patrons() {
    let config = Config::builtin().unwrap();
    let policy = config.load_policy().unwrap();
    let mut files = Catalog::builtin_files();
    files.push(guichet::source::SourceFile::new(
        "aidant.toml",
        r#"
[[demarche]]
id = "aidants-connect-mandat"
theme = "social"
modes = ["assisted"]
start = "https://aidantsconnect.beta.gouv.fr/"
franceconnect = true
minutes = 15
source = "https://aidantsconnect.beta.gouv.fr/"
checked = "2026-11-25"

[demarche.text.fr]
title = "Créer un mandat Aidants Connect"
summary = "L'aidant crée un mandat pour faire une démarche à la place de l'usager."
easy = "Le conseiller peut faire la démarche pour vous, avec votre accord."
for_whom = "Usagers accompagnés par un aidant habilité."
keywords = ["mandat", "aidants connect"]
documents = ["Une pièce d'identité"]
steps = ["Un", "Deux", "Trois"]
"#,
    ));
    let catalog = Catalog::build(&files, &policy, ModeSet::from_modes(Mode::ALL)).unwrap();
    let first = |mode| catalog.search_offered("mandat aidant", "fr", mode).first().map(|h| catalog.demarches()[h.demarche].id.clone());
    assert_eq!(first(Mode::Assisted).as_deref(), Some("aidants-connect-mandat"));
    assert_ne!(first(Mode::Citizen).as_deref(), Some("aidants-connect-mandat"));
    let social = |mode| catalog.in_theme(Theme::Social, mode).map(|d| d.id.as_str()).collect::<Vec<_>>();
    assert!(social(Mode::Assisted).contains(&"aidants-connect-mandat"));
    assert!(!social(Mode::Minor).contains(&"aidants-connect-mandat"));
    assert!(social(Mode::Minor).contains(&"caf-rsa"));
}

#[test]
fn shipped_demarches_cover_every_theme_and_speak_english() {
    let catalog = shipped_catalog();
    assert!(catalog.demarches().len() >= 30);
    for theme in Theme::ALL {
        assert!(catalog.demarches().iter().any(|d| d.theme == theme), "no démarche in theme {}", theme.id());
    }
    for d in catalog.demarches() {
        assert!(d.translation("en").is_some(), "{} has no English text", d.id);
    }
}
