//! Staff messages are complete: every id the code asks for with `staff!("…"` exists in French
//! and in English, both languages define the same ids, and the files parse.

use std::collections::BTreeSet;
use std::path::Path;

use guichet::i18n::staff::{StaffLanguage, StaffTexts};

/// Ids written as `staff!("…"` anywhere in `src/` (the id may be on the next line).
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
            // The id may be on the line after `staff!(`.
            for piece in text.split("staff!(").skip(1).filter_map(|p| p.trim_start().strip_prefix('"')) {
                let id: String = piece.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if !id.is_empty() && piece[id.len()..].starts_with('"') {
                    ids.insert(id);
                }
            }
        }
    }
    ids
}

#[test]
fn staff_messages_parse() {
    if let Err(errors) = StaffTexts::load() {
        panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    }
}

#[test]
fn every_staff_message_exists_in_french_and_english() {
    let used = ids_used_in_source();
    assert!(used.len() > 100, "the scan found the ids the code uses ({})", used.len());
    let french: BTreeSet<String> = StaffTexts::message_ids(StaffLanguage::French).into_iter().collect();
    let english: BTreeSet<String> = StaffTexts::message_ids(StaffLanguage::English).into_iter().collect();
    let mut missing = Vec::new();
    for id in used.iter().chain(&french).chain(&english) {
        for (folder, defined) in [("fr", &french), ("en", &english)] {
            if !defined.contains(id) {
                missing.push(format!("i18n/staff/{folder}: missing `{id}`"));
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    let unused: Vec<&String> = english.iter().filter(|id| !used.contains(*id) && !referenced_by_other_messages(id)).collect();
    assert!(unused.is_empty(), "messages no code asks for: {unused:?}");
}

/// `{ list-host-form }`: a message that other messages include.
fn referenced_by_other_messages(id: &str) -> bool {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/staff/en");
    std::fs::read_dir(folder)
        .unwrap()
        .any(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap().contains(&format!("{{ {id} }}")))
}
