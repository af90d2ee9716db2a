//! Every word a patron reads comes from Fluent files in `i18n/<lang>/`, French first; this module
//! loads them once and hands out a [`Localizer`] for the patron's language.

mod language;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub mod staff;

use crate::embedded;
use crate::source::{Located, SourceFile};
pub use language::{tag, Direction, EASY_FRENCH};
use staff::Message;

/// Marks a Fluent message id written in the code but looked up later (a notice, a page
/// title passed to a helper), so that `tests/i18n.rs` finds it and checks every locale has it.
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $id
    };
}

/// The language every other one falls back to, and the one a kiosk starts in by default.
pub const FALLBACK: &str = "fr";

/// All shipped translations, checked at load. French, the fallback, stays parsed; the others are
/// parsed again the first time a page needs them, so that a session holds only the languages its
/// patrons used (each takes about 150 KiB once parsed).
pub struct Translations {
    bundles: Vec<(String, OnceLock<FluentBundle<FluentResource>>)>,
}

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.bundles.iter().map(|(lang, _)| lang)).finish()
    }
}

impl Translations {
    /// Parses every embedded `.ftl` file. A syntax error, a message defined twice or a folder
    /// that is not a language tag is an error naming `file:line:column`.
    pub fn load() -> Result<Self, Vec<Located>> {
        let mut languages: Vec<&str> = Vec::new();
        for (lang, _, _) in embedded::LOCALES {
            if !languages.contains(lang) {
                languages.push(lang);
            }
        }
        let mut errors = Vec::new();
        let mut bundles = Vec::new();
        for lang in languages {
            let loaded = OnceLock::new();
            match parse(lang) {
                Ok(bundle) if lang == FALLBACK => _ = loaded.set(bundle),
                Ok(_) => {}
                Err(mut found) => errors.append(&mut found),
            }
            bundles.push((lang.to_string(), loaded));
        }
        if !bundles.iter().any(|(l, _)| l == FALLBACK) {
            errors.push(Located::whole_file("i18n/", Message::verbatim(format!("no `{FALLBACK}` translation: expected i18n/{FALLBACK}/*.ftl"))));
        }
        if errors.is_empty() { Ok(Translations { bundles }) } else { Err(errors) }
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.bundles.iter().map(|(l, _)| l.as_str())
    }

    /// The localizer for `lang`, or for French when `lang` is not shipped.
    pub fn localizer(&self, lang: &str) -> Localizer<'_> {
        let fallback = self.bundle(FALLBACK).expect("load() guarantees the fallback language");
        match self.bundles.iter().find(|(l, _)| l == lang).and_then(|(l, _)| Some((l.as_str(), self.bundle(l)?))) {
            Some((lang, bundle)) => Localizer { bundle, fallback, lang },
            None => Localizer { bundle: fallback, fallback, lang: FALLBACK },
        }
    }

    /// `lang`'s bundle, parsed now if no page needed it yet. `load()` parsed the same embedded
    /// text without error, so a failure here cannot happen; it would show French.
    fn bundle(&self, lang: &str) -> Option<&FluentBundle<FluentResource>> {
        let (_, loaded) = self.bundles.iter().find(|(l, _)| l == lang)?;
        if let Some(bundle) = loaded.get() {
            return Some(bundle);
        }
        let bundle = parse(lang).ok()?;
        Some(loaded.get_or_init(|| bundle))
    }

    /// Message ids defined in one language (for the completeness test).
    pub fn message_ids(&self, lang: &str) -> BTreeSet<String> {
        embedded::LOCALES
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .flat_map(|(_, _, text)| {
                text.lines()
                    .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
                    .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// One language's bundle, from every embedded file of its folder.
fn parse(lang: &str) -> Result<FluentBundle<FluentResource>, Vec<Located>> {
    let mut errors = Vec::new();
    // "falc" is not a language tag: its plural rules are French ones.
    let id: LanguageIdentifier = tag(lang).parse().map_err(|_| {
        vec![Located::whole_file(
            format!("i18n/{lang}/"),
            Message::verbatim(format!("folder i18n/{lang} is not a language tag: expected a tag such as \"pt\" or \"{EASY_FRENCH}\"")),
        )]
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Each placeable (a number, a host name, a file name) is wrapped in FSI…PDI, Fluent's
    // default, kept on purpose: "impots.gouv.fr" or "3 min" keeps its order inside Arabic or
    // Persian text, and an Arabic file name inside French. The marks are invisible on screen.
    bundle.set_use_isolating(true);
    for (_, name, text) in embedded::LOCALES.iter().filter(|(l, _, _)| *l == lang) {
        let file = SourceFile::new(*name, *text);
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(resource) => resource,
            Err((_, parse_errors)) => {
                for e in parse_errors {
                    errors.push(file.error_at(e.pos.clone(), Message::verbatim(format!("Fluent syntax error: {}", e.kind))));
                }
                continue;
            }
        };
        if let Err(add_errors) = bundle.add_resource(resource) {
            for e in add_errors {
                errors.push(Located::whole_file(*name, Message::verbatim(format!("{e}"))));
            }
        }
    }
    if errors.is_empty() { Ok(bundle) } else { Err(errors) }
}

/// Formats messages in one language.
#[derive(Clone, Copy)]
pub struct Localizer<'a> {
    bundle: &'a FluentBundle<FluentResource>,
    fallback: &'a FluentBundle<FluentResource>,
    lang: &'a str,
}

impl<'a> Localizer<'a> {
    /// The language's folder name, as the configuration names it (`fr`, `falc`, `ar`…).
    pub fn lang(&self) -> &'a str {
        self.lang
    }

    /// Its BCP 47 tag, for `lang` attributes and voices (`fr` for "Français facile").
    pub fn tag(&self) -> &'a str {
        tag(self.lang)
    }

    pub fn direction(&self) -> Direction {
        Direction::of(self.lang)
    }

    pub fn text(&self, id: &str) -> String {
        self.format(id, None)
    }

    pub fn text_with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in [self.bundle, self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                return text.into_owned();
            }
        }
        // Tests guarantee every id exists in French; this shows a gap rather than hiding it.
        format!("[{id}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_load_and_fall_back_to_french() {
        let t = Translations::load().unwrap();
        assert!(t.languages().any(|l| l == "fr"));
        let unknown = t.localizer("de");
        assert_eq!(unknown.lang(), "fr");
        assert_eq!(unknown.text("reason-not-allowlisted"), t.localizer("fr").text("reason-not-allowlisted"));
    }

    #[test]
    fn only_french_is_held_until_a_page_needs_another_language() {
        let t = Translations::load().unwrap();
        let parsed = |t: &Translations| t.bundles.iter().filter(|(_, b)| b.get().is_some()).map(|(l, _)| l.clone()).collect::<Vec<_>>();
        assert_eq!(parsed(&t), ["fr"]);
        assert_eq!(t.localizer("uk").lang(), "uk");
        assert_eq!(parsed(&t).len(), 2);
        assert!(parsed(&t).contains(&"uk".to_string()));
    }

    #[test]
    fn easy_french_is_a_language_of_its_own_with_french_plurals() {
        let t = Translations::load().unwrap();
        let easy = t.localizer(EASY_FRENCH);
        assert_eq!((easy.lang(), easy.tag(), easy.direction()), (EASY_FRENCH, "fr", Direction::LeftToRight));
        assert_eq!(easy.text("language-name"), "Français facile");
        let one = easy.text_with("welcome-receipt-detail", &[("downloads", 1.into())]);
        let two = easy.text_with("welcome-receipt-detail", &[("downloads", 2.into())]);
        assert_ne!(one, two, "French plural rules pick `one` and `other`");
    }

    #[test]
    fn arabic_numbers_take_their_cldr_plural_forms() {
        let t = Translations::load().unwrap();
        let ar = t.localizer("ar");
        assert_eq!(ar.direction(), Direction::RightToLeft);
        let tries = |n: i32| ar.text_with("pin-wrong", &[("left", n.into())]);
        // one, two, few (3–10), many (11–99) and other (100…) in CLDR's rules for Arabic.
        assert!(tries(1).contains("محاولة واحدة"), "{}", tries(1));
        assert!(tries(2).contains("محاولتان"), "{}", tries(2));
        assert!(tries(3).contains("محاولات"), "{}", tries(3));
        assert!(tries(11).contains("محاولة") && !tries(11).contains("محاولات"), "{}", tries(11));
        assert!(tries(100).contains("100") && !tries(100).contains("محاولات"), "{}", tries(100));
    }
}
