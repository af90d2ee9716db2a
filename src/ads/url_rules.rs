//! What the content filters refuse by address, for `guichet check`. The proxy sees only the host
//! of an HTTPS request, so a rule on a path (`/banner/ads/*`) is enforced by WebKit in the page,
//! not by the policy. `check` asks the `adblock` engine, built from exactly the network lines the
//! content rules kept, about the address as a resource of a page of its own site, its type taken
//! from its extension. An address without such an extension is taken as a page, which the lists
//! never refuse by itself.

use std::sync::OnceLock;

use adblock::lists::{FilterSet, ParseOptions};
use adblock::request::Request;
use adblock::Engine;

use super::content_files::convert_texts;
use super::extract::ListTexts;
use super::{Kind, ListKind, ListSource};

/// The lists' network rules, built on first use (a `check` of pages only never pays for them).
pub struct UrlRules {
    sources: Vec<ListSource>,
    engines: OnceLock<Vec<(Kind, Engine)>>,
}

impl UrlRules {
    pub fn new(sources: Vec<ListSource>) -> UrlRules {
        UrlRules { sources, engines: OnceLock::new() }
    }

    /// `Some(kind)` when a content filter refuses `url` as a resource of a page of its own site.
    /// Lists that cannot be read refuse nothing here (the host-level lists said so already).
    pub fn check(&self, url: &str) -> Option<Kind> {
        let resource = resource_type(url)?;
        let request = Request::new(url, url, resource, "GET").ok()?;
        let engines = self.engines.get_or_init(|| build(&self.sources));
        engines.iter().find(|(_, engine)| engine.check_network_request(&request).should_block()).map(|(kind, _)| *kind)
    }
}

fn build(sources: &[ListSource]) -> Vec<(Kind, Engine)> {
    let Ok(texts) = ListTexts::read(sources) else { return Vec::new() };
    let (conversion, _) = convert_texts(&texts);
    conversion
        .network_lines
        .iter()
        .map(|(kind, lines)| {
            let mut set = FilterSet::new(false);
            set.add_filter_list(lines.join("\n"), ParseOptions::default());
            let kind = match kind {
                ListKind::Ads => Kind::Ad,
                ListKind::Trackers => Kind::Tracker,
            };
            (kind, Engine::new_with_filter_set(set))
        })
        .collect()
}

/// The request type a browser would give a resource at this address, from its extension.
fn resource_type(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next()?;
    let name = path.rsplit('/').next()?;
    let (_, extension) = name.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "js" | "mjs" => "script",
        "css" => "stylesheet",
        "png" | "gif" | "jpg" | "jpeg" | "webp" | "avif" | "svg" | "ico" | "bmp" => "image",
        "woff" | "woff2" | "ttf" | "otf" | "eot" => "font",
        "mp4" | "webm" | "mp3" | "ogg" | "m4a" | "wav" => "media",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_checked_by_address_and_pages_never() {
        let dir = tempfile::tempdir().unwrap();
        let ads = dir.path().join("easylist.txt");
        let trackers = dir.path().join("easyprivacy.txt");
        std::fs::write(&ads, "/ads/banner*\n||adserver.example^\n").unwrap();
        std::fs::write(&trackers, "/smarttag.js$script\n@@||caf.fr^*/smarttag.js$script,~third-party\n").unwrap();
        let rules = UrlRules::new(vec![ListSource { path: ads, kind: ListKind::Ads }, ListSource { path: trackers, kind: ListKind::Trackers }]);
        assert_eq!(rules.check("https://www.example.fr/ads/banner.js"), Some(Kind::Ad));
        assert_eq!(rules.check("https://www.example.fr/ads/banner-2.png?x=1"), Some(Kind::Ad));
        assert_eq!(rules.check("https://www.example.fr/smarttag.js"), Some(Kind::Tracker));
        assert_eq!(rules.check("https://www.caf.fr/static/smarttag.js"), None);
        assert_eq!(rules.check("https://www.example.fr/app.js"), None);
        // A page: the lists do not refuse it.
        assert_eq!(rules.check("https://www.example.fr/ads/banner"), None);
        assert_eq!(resource_type("https://x.fr/a.b/c.CSS?v=1"), Some("stylesheet"));
        assert_eq!(resource_type("https://x.fr/a.js/"), None);
    }
}
