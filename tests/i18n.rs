//! Translations are complete: every message exists in every language (every folder of i18n/,
//! "Français facile" included), including every id the code asks for; each keeps the French
//! placeables, and numbers choose among the plural forms of its language.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast;
use guichet::i18n::Translations;
use guichet::policy::{Category, Reason};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

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

/// The patron languages the kiosk ships, each named in its own language on the welcome screen.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("fr", "Français"),
    ("falc", "Français facile"),
    ("en", "English"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("es", "Español"),
    ("pt", "Português"),
    ("tr", "Türkçe"),
    ("ro", "Română"),
    ("uk", "Українська"),
    ("ru", "Русский"),
];

#[test]
fn every_language_is_shipped_and_named_in_its_own_language() {
    let t = Translations::load().expect("translations parse");
    let shipped: BTreeSet<&str> = t.languages().collect();
    let expected: BTreeSet<&str> = LANGUAGE_NAMES.iter().map(|(code, _)| *code).collect();
    assert_eq!(shipped, expected);
    for (code, name) in LANGUAGE_NAMES {
        assert_eq!(t.localizer(code).text("language-name"), *name, "{code}");
    }
}

/// Each message of each file, parsed by Fluent's own parser: (language, file, message).
fn messages() -> Vec<(&'static str, &'static str, ast::Message<&'static str>)> {
    let mut all = Vec::new();
    for (lang, file, text) in guichet::embedded::LOCALES {
        let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                all.push((*lang, *file, message));
            }
        }
    }
    all
}

/// Every `$variable` a pattern uses, in its text, its selectors and its variants.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, out: &mut BTreeSet<&'s str>) {
    fn inline<'s>(expression: &ast::InlineExpression<&'s str>, out: &mut BTreeSet<&'s str>) {
        match expression {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name);
            }
            ast::InlineExpression::Placeable { expression } => whole(expression, out),
            _ => {}
        }
    }
    fn whole<'s>(expression: &ast::Expression<&'s str>, out: &mut BTreeSet<&'s str>) {
        match expression {
            ast::Expression::Inline(expression) => inline(expression, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for variant in variants {
                    variables(&variant.value, out);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            whole(expression, out);
        }
    }
}

#[test]
fn translations_use_the_same_placeables_as_the_french() {
    let all = messages();
    let mut french = std::collections::BTreeMap::new();
    for (lang, _, message) in &all {
        if *lang == "fr" {
            let mut used = BTreeSet::new();
            variables(message.value.as_ref().unwrap(), &mut used);
            french.insert(message.id.name, used);
        }
    }
    let mut wrong = Vec::new();
    for (lang, file, message) in &all {
        let mut used = BTreeSet::new();
        variables(message.value.as_ref().expect("every message has a value"), &mut used);
        if french.get(message.id.name).is_some_and(|expected| *expected != used) {
            wrong.push(format!("{file}: `{}` uses {used:?}, French uses {:?}", message.id.name, french[message.id.name]));
        }
        // Attributes are not looked up: a message is its value only.
        assert!(message.attributes.is_empty(), "{lang}: `{}` has attributes", message.id.name);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Where a number chooses the words, every plural form the language has (CLDR) for the whole
/// numbers 0 to 200 has its own variant (or that number has one), and no variant names a form
/// the language does not have: "[few]" in Spanish would never be shown.
#[test]
fn numbers_choose_among_the_plural_forms_of_each_language() {
    let mut problems = Vec::new();
    for (lang, file, message) in messages() {
        let tag: LanguageIdentifier = guichet::i18n::tag(lang).parse().unwrap();
        let rules = PluralRules::create(tag, PluralRuleType::CARDINAL).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let category = |n: u32| match rules.select(n).unwrap() {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        };
        let used: BTreeSet<&str> = (0..=200).map(category).collect();
        for element in &message.value.as_ref().unwrap().elements {
            let ast::PatternElement::Placeable { expression: ast::Expression::Select { selector, variants } } = element else { continue };
            assert!(matches!(selector, ast::InlineExpression::VariableReference { .. }), "{file}: `{}` selects on a variable", message.id.name);
            let mut names = BTreeSet::new();
            let mut numbers = BTreeSet::new();
            for variant in variants {
                match &variant.key {
                    ast::VariantKey::Identifier { name } => {
                        names.insert(*name);
                    }
                    ast::VariantKey::NumberLiteral { value } => {
                        numbers.insert(value.parse::<u32>().unwrap());
                    }
                }
            }
            for name in &names {
                if *name != "other" && !used.contains(name) {
                    problems.push(format!("{file}: `{}` has a `[{name}]` variant, which {lang} never uses", message.id.name));
                }
            }
            for n in 0..=200 {
                let form = category(n);
                if !numbers.contains(&n) && form != "other" && !names.contains(form) {
                    problems.push(format!("{file}: `{}` has no `[{form}]` variant (for {n}, say)", message.id.name));
                    break;
                }
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn help_numbers_stay_as_they_are_in_every_language() {
    let t = Translations::load().unwrap();
    for lang in t.languages() {
        let l = t.localizer(lang);
        assert!(l.text("help-3018").contains("3018"), "{lang}");
        assert!(l.text("help-119").contains("119"), "{lang}");
    }
}
