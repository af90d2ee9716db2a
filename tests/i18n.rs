//! Translations are complete: every message exists in every language, including every id the
//! code asks for.

use std::collections::BTreeSet;
use std::path::Path;

use guichet::i18n::Translations;
use guichet::policy::{Category, Reason};

/// Message ids written literally in the source: `.text("id")`, `.text_with("id"`, `t("id")`,
/// and `msg!("id")` for ids passed around before being looked up.
fn ids_used_in_source() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in [".text(\"", ".text_with(\"", " t(\"", "(t(\"", "msg!(\""] {
                for piece in text.split(marker).skip(1) {
                    let id: String = piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                    if piece[id.len()..].starts_with('"') && !id.is_empty() {
                        ids.insert(id);
                    }
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_exists_in_every_language() {
    let t = Translations::load().expect("translations parse");
    let languages: Vec<String> = t.languages().map(str::to_string).collect();
    assert!(languages.len() >= 2, "French and English at least");

    let mut required = ids_used_in_source();
    assert!(required.len() > 30, "the scan found the ids the code uses ({})", required.len());
    for category in Category::ALL {
        required.insert(format!("category-{}", category.id()));
    }
    for reason in Reason::ALL {
        // Only refusals are explained to patrons.
        let is_refusal = !matches!(reason, Reason::Allowlisted | Reason::InternalPage | Reason::LocalDocument | Reason::HttpsAvailable);
        if is_refusal {
            required.insert(format!("reason-{}", reason.code()));
        }
    }

    let mut missing = Vec::new();
    let all: BTreeSet<String> = languages.iter().flat_map(|l| t.message_ids(l)).collect();
    for lang in &languages {
        let defined = t.message_ids(lang);
        for id in required.iter().chain(all.iter()) {
            if !defined.contains(id) {
                missing.push(format!("i18n/{lang}: missing `{id}`"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
