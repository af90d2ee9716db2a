//! The conversion, checked on small lists by the model of how WebKit applies a rule list that
//! `guichet check` uses (the matching rules from the last one back, stopping at
//! `ignore-previous-rules`; element hiding decided on the page's own load). The end-to-end test
//! checks the real WebKit.

use super::*;

use crate::ads::url_rules::{actions as webkit_actions, compile_url_filter, Load};

fn page(url: &str) -> Load<'_> {
    let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("");
    Load { url, resource: "document", third_party: false, page: host }
}

fn actions<'r>(list: &'r RuleList, load: &Load) -> Vec<&'r Rule> {
    webkit_actions(&list.rules, 0..list.rules.len(), load, &mut |i| compile_url_filter(&list.rules[i]))
}

fn blocked(lists: &[RuleList], load: &Load) -> bool {
    lists.iter().any(|list| actions(list, load).iter().any(|r| r.action.kind == "block"))
}

fn hidden(lists: &[RuleList], url: &str) -> Vec<String> {
    let mut selectors: Vec<String> =
        lists.iter().flat_map(|list| actions(list, &page(url))).filter_map(|r| r.action.selector.clone()).collect();
    selectors.sort();
    selectors
}

fn script<'a>(url: &'a str, page: &'a str) -> Load<'a> {
    let host = url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("");
    Load { url, resource: "script", third_party: !(host == page || host.ends_with(&format!(".{page}")) || page.ends_with(&format!(".{host}"))), page }
}

const EASYLIST: &str = "[Adblock Plus 2.0]\n\
! Title: a small EasyList\n\
||ads.example^\n\
/banner/ads/*\n\
||cdn.example.fr^*/pub-\n\
##.pub-banner\n\
##.encart-pub\n\
example.fr##.sidebar-ad\n\
www.example.fr#@#.encart-pub\n\
@@||jeux.example^$generichide\n\
/ads\\/(a|b)\\//$script\n\
||tracker.example^$redirect=noopjs\n\
||popunder.example^$popup\n";

const EASYPRIVACY: &str = "[Adblock Plus 1.1]\n\
||stats.example^$third-party\n\
/smarttag.js$script\n\
@@||caf.fr^*/smarttag.js$script,~third-party\n\
||pixel.example^$image\n\
||pixel.example^$image,badfilter\n";

fn converted() -> Conversion {
    convert(&[(ListKind::Ads, EASYLIST), (ListKind::Trackers, EASYPRIVACY)], WEBKIT_MAX_RULES)
}

#[test]
fn the_french_public_sites_exceptions_are_kept_in_every_list() {
    let c = converted();
    // The exception lifts EasyPrivacy's `/smarttag.js` on caf.fr's own pages, nowhere else.
    assert!(!blocked(&c.lists, &script("https://www.caf.fr/static/js/smarttag.js", "www.caf.fr")));
    assert!(blocked(&c.lists, &script("https://www.caf.fr/static/js/smarttag.js", "www.impots.gouv.fr")));
    assert!(blocked(&c.lists, &script("https://shop.example.com/smarttag.js", "shop.example.com")));
    // `^` is a separator: `caf.fr^` does not reach `caf.fraude.example`.
    assert!(blocked(&c.lists, &script("https://www.caf.fraude.example/smarttag.js", "www.caf.fraude.example")));
    for list in &c.lists {
        assert!(list.rules.iter().any(|r| r.action.kind == "ignore-previous-rules" && r.trigger.url_filter.contains("caf\\.fr")), "{}", list.id);
    }
}

#[test]
fn paths_and_hosts_are_matched_as_the_lists_mean() {
    let c = converted();
    assert!(blocked(&c.lists, &script("https://www.mairie.example.fr/banner/ads/top.js", "www.mairie.example.fr")));
    assert!(blocked(&c.lists, &script("https://cdn.example.fr/v2/pub-123.js", "www.example.fr")));
    assert!(!blocked(&c.lists, &script("https://cdn.example.fr/v2/app.js", "www.example.fr")));
    assert!(blocked(&c.lists, &script("https://x.ads.example/a.js", "www.example.fr")));
    // `||ads.example^` names a host, not a prefix.
    assert!(!blocked(&c.lists, &script("https://ads.examples.org/a.js", "ads.examples.org")));
    // Third-party only.
    assert!(blocked(&c.lists, &script("https://stats.example/s.js", "www.example.fr")));
    assert!(!blocked(&c.lists, &script("https://stats.example/s.js", "stats.example")));
    // `$badfilter` turned the pixel rule off.
    let pixel = Load { url: "https://pixel.example/p.gif", resource: "image", third_party: true, page: "www.example.fr" };
    assert!(!blocked(&c.lists, &pixel));
    // A page is never blocked by its own load.
    assert!(!blocked(&c.lists, &page("https://www.mairie.example.fr/banner/ads/")));
}

#[test]
fn elements_are_hidden_with_their_exceptions() {
    let c = converted();
    assert_eq!(hidden(&c.lists, "https://www.caf.fr/"), [".encart-pub", ".pub-banner"]);
    assert_eq!(hidden(&c.lists, "https://example.fr/"), [".encart-pub", ".pub-banner", ".sidebar-ad"]);
    // `example.fr##` covers its subdomains; `www.example.fr#@#.encart-pub` lifts that one there.
    assert_eq!(hidden(&c.lists, "https://www.example.fr/"), [".pub-banner", ".sidebar-ad"]);
    // `$generichide`: no generic hiding on that site.
    assert!(hidden(&c.lists, "https://jeux.example/").is_empty());
}

#[test]
fn guichet_pages_are_never_blocked_or_hidden() {
    let c = converted();
    for list in &c.lists {
        assert_eq!(list.rules.last(), Some(&guichet_pages()), "{}", list.id);
    }
    assert!(!blocked(&c.lists, &script("guichet://pages/banner/ads/x.js", "pages")));
    assert!(!blocked(&c.lists, &script("guichet://pages/smarttag.js", "pages")));
    assert!(hidden(&c.lists, "guichet://pages/chrome").is_empty());
}

#[test]
fn rules_webkit_refuses_are_dropped_and_counted() {
    let c = converted();
    let ads = &c.reports.iter().find(|(k, _)| *k == ListKind::Ads).unwrap().1;
    assert_eq!(ads.dropped, BTreeMap::from([("popup", 1), ("redirect", 1), ("regex", 1)]));
    assert!(c.reports.iter().flat_map(|(_, r)| r.dropped.keys()).all(|reason| REASONS.contains(reason)));
    // 3 network blocks, 4 cosmetic lines (one an exception), the generichide exception.
    assert_eq!(ads.kept, 8);
    let trackers = &c.reports.iter().find(|(k, _)| *k == ListKind::Trackers).unwrap().1;
    assert_eq!(trackers.dropped_total(), 0);
    // 2 blocks and an exception kept (`$badfilter` and the rule it disables are neither).
    assert_eq!(trackers.kept, 3);
    let ad_list = c.lists.iter().find(|l| l.id == "ad").unwrap();
    // blocks 3, the exception, never-the-page, hides 2, generichide, specific hide 1, guichet.
    assert_eq!(ad_list.rules.len(), 10);
    assert_eq!(ads.rules, 10);
    for list in &c.lists {
        assert!(list.rules.iter().all(|r| check_url_filter(&r.trigger.url_filter).is_ok()));
    }
}

#[test]
fn alternation_and_other_unsupported_syntax_is_refused() {
    assert_eq!(check_url_filter("^https?://(a|b)\\.example/"), Err("alternation"));
    assert_eq!(check_url_filter("/ads/[0-9]{3}"), Err("regex"));
    assert_eq!(check_url_filter("a^b"), Err("regex"));
    assert_eq!(check_url_filter("a$b"), Err("regex"));
    assert_eq!(check_url_filter("\\d+"), Err("regex"));
    assert_eq!(check_url_filter("(ab"), Err("regex"));
    assert!(check_url_filter("^[^:]+:(//)?([^/]+\\.)?caf\\.fr[^a-zA-Z0-9_.%-].*/smarttag\\.js").is_ok());
    assert!(check_url_filter("[|]x").is_ok());
    // A `|` inside a pattern is a literal character, escaped.
    let c = convert(&[(ListKind::Ads, "/ad|banner.js\n")], WEBKIT_MAX_RULES);
    assert_eq!(c.lists[0].rules[0].trigger.url_filter, "/ad\\|banner\\.js");
}

#[test]
fn a_kind_over_the_limit_is_split_each_part_keeping_every_exception() {
    let mut list = String::from("[Adblock Plus 2.0]\n");
    for n in 0..25 {
        list.push_str(&format!("||ads{n}.example^\n"));
    }
    let c = convert(&[(ListKind::Ads, &list), (ListKind::Trackers, "@@||ads3.example^\n")], 10);
    let parts: Vec<&RuleList> = c.lists.iter().filter(|l| l.kind == ListKind::Ads).collect();
    // 10 rules each: 7 blocks, the exception, never-the-page, guichet.
    assert_eq!(parts.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["ad", "ad-2", "ad-3", "ad-4"]);
    assert!(parts.iter().all(|l| l.rules.len() <= 10));
    assert_eq!(parts.iter().map(|l| l.rules.len()).sum::<usize>(), 25 + 4 * 3);
    assert!(!blocked(&c.lists, &script("https://ads3.example/a.js", "www.example.fr")));
    assert!(blocked(&c.lists, &script("https://ads24.example/a.js", "www.example.fr")));
    // The tracker list holds nothing of its own: one part, the shared rules only.
    assert_eq!(c.lists.iter().filter(|l| l.kind == ListKind::Trackers).count(), 1);
}

#[test]
fn the_same_lists_give_the_same_bytes() {
    let json = |c: &Conversion| c.lists.iter().map(|l| serde_json::to_string(&l.rules).unwrap()).collect::<Vec<_>>();
    let rule = "||x.example^$script,image,stylesheet,xmlhttprequest,font,media\n";
    let first = convert(&[(ListKind::Ads, rule)], WEBKIT_MAX_RULES);
    for _ in 0..5 {
        assert_eq!(json(&first), json(&convert(&[(ListKind::Ads, rule)], WEBKIT_MAX_RULES)));
    }
    assert!(json(&first)[0].contains("\"resource-type\":[\"font\",\"image\",\"media\",\"raw\",\"script\",\"style-sheet\"]"), "{}", json(&first)[0]);
}
