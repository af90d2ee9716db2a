//! Bad configuration and list files, each with the exact text staff must see
//! (`tests/fixtures/errors/**/NAME.toml` → `NAME.expected`).

mod common;

use std::path::Path;

use guichet::catalog::Catalog;
use guichet::config::{Config, ConfigError};
use guichet::i18n::staff::StaffLanguage;
use guichet::policy::{Mode, ModeSet, Policy, PublicSuffixes};
use guichet::source::SourceFile;

/// Runs `check` on every `*.toml` of a folder and compares with its `.expected` file.
/// With `GUICHET_BLESS=1` the expected files are written instead (review them before committing).
fn compare_folder(folder: &str, check: impl Fn(&Path, SourceFile) -> String) {
    let dir = common::fixture(folder);
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for path in names.iter().filter(|p| p.extension().is_some_and(|x| x == "toml")) {
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let got = check(&dir, SourceFile::new(name, text));
        let expected_path = path.with_extension("expected");
        if std::env::var_os("GUICHET_BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("{name}:\n--- expected\n{expected}--- got\n{got}"));
        }
        count += 1;
    }
    assert!(count >= 8, "{folder}: expected at least 8 bad files, found {count}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The errors in English, one per line. Each is also rendered in French and English with every
/// message and variable checked, so that no fixture's message is missing a word in either.
fn errors_text(result: Result<(), ConfigError>) -> String {
    match result {
        Ok(()) => "(no error)\n".to_string(),
        Err(errors) => {
            for error in &errors.errors {
                for language in StaffLanguage::ALL {
                    if let Err(problem) = error.message.render_checked(language) {
                        panic!("{}: {problem}", error.location);
                    }
                }
            }
            let note = if errors.start_pages_unchecked { "(the démarches' start pages were not checked)\n" } else { "" };
            format!("{errors}\n{note}")
        }
    }
}

#[test]
fn bad_config_files() {
    compare_folder("errors/config", |dir, file| {
        errors_text(Config::load_all(&file, dir).map(drop))
            // Paths to lists are absolute on the test machine; show them relative.
            .replace(&format!("{}/", dir.display()), "")
    });
}

#[test]
fn bad_demarche_files() {
    let policy = Config::builtin().unwrap().load_policy().unwrap();
    compare_folder("errors/demarches", |_, file| errors_text(Catalog::build(&[file], &policy, ModeSet::from_modes(Mode::ALL)).map(drop).map_err(ConfigError::from)));
}

#[test]
fn bad_list_files() {
    compare_folder("errors/lists", |_, file| {
        let suffixes = PublicSuffixes::bundled().unwrap();
        errors_text(Policy::build(&[file], suffixes).map(drop).map_err(ConfigError::from))
    });
}
