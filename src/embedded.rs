//! Files compiled into the binary by `build.rs`: the shipped allowlists, démarches and translations.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The languages Guichet ships translations for.
pub fn locale_names() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&'static str> = LOCALES.iter().map(|(lang, _, _)| *lang).collect();
    seen.dedup();
    seen.into_iter()
}
