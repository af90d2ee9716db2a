//! Properties of normalise + decide over generated input: no panic on anything, and an `allow`
//! only ever for a URL whose host an entry really covers (checked by an independent oracle).

mod common;

use std::sync::OnceLock;

use guichet::policy::{Decision, Mode, Policy, Purpose, Reason, Verdict};
use proptest::prelude::*;
use url::Url;

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(common::table_policy)
}

/// Host names of every entry, as written in the lists (the oracle's ground truth).
fn entry_domains() -> Vec<String> {
    policy()
        .rules()
        .iter()
        .flat_map(|r| r.hosts.iter())
        .filter_map(|h| match h {
            guichet::policy::HostPattern::Domain(d) => Some(d.clone()),
            guichet::policy::HostPattern::Ip(_) => None,
        })
        .collect()
}

/// Independent of the policy code: does some entry of `rule` name this host or a parent of it?
fn oracle_covers(rule: &guichet::policy::Rule, host: &str) -> bool {
    let host = host.trim_end_matches('.');
    rule.hosts.iter().any(|pattern| match pattern {
        guichet::policy::HostPattern::Domain(d) => host == d || host.ends_with(&format!(".{d}")),
        guichet::policy::HostPattern::Ip(ip) => {
            let bare = host.trim_start_matches('[').trim_end_matches(']');
            bare.parse::<std::net::IpAddr>().is_ok_and(|h| {
                h == *ip || matches!(h, std::net::IpAddr::V6(v6) if v6.to_ipv4_mapped().map(std::net::IpAddr::V4) == Some(*ip))
            })
        }
    })
}

fn check_allowed_only_if_covered(input: &str, mode: Mode) -> Result<(), TestCaseError> {
    let decision = policy().decide(input, mode);
    if decision.verdict != Verdict::Allow {
        return Ok(());
    }
    let url = Url::parse(input).map_err(|e| TestCaseError::fail(format!("allowed but unparsable: {input:?} {e}")))?;
    let Some(rule_id) = decision.rule else {
        prop_assert!(matches!(url.scheme(), "about" | "guichet"), "builtin allow for {input:?}");
        return Ok(());
    };
    let rule = policy().rule(rule_id);
    let origin_url = if url.scheme() == "blob" { Url::parse(url.path()).ok() } else { Some(url.clone()) };
    let origin_url = origin_url.ok_or_else(|| TestCaseError::fail(format!("blob without origin {input:?}")))?;
    let host = origin_url.host_str().unwrap_or_default();
    prop_assert!(oracle_covers(rule, host), "{input:?} allowed by {:?} but host {host:?} is not covered", rule.name);
    prop_assert!(url.username().is_empty() && url.password().is_none(), "user info allowed in {input:?}");
    prop_assert!(rule.modes.contains(mode), "{input:?} allowed outside the entry's modes");
    if let Some(port) = origin_url.port() {
        prop_assert!(rule.ports.contains(&port), "{input:?} allowed on port {port}");
    }
    // Normalisation is stable: the serialised form gets the same answer.
    prop_assert_eq!(policy().decide(url.as_str(), mode), decision);
    Ok(())
}

/// `decide` reads only what comes before `?` or `#`; it must agree with a decision on the
/// whole parsed URL.
fn check_query_shortcut(input: &str, mode: Mode) -> Result<(), TestCaseError> {
    let expected = match Url::parse(input) {
        Ok(url) => policy().decide_url(&url, mode, Purpose::Navigation),
        // What follows `?` or `#` never makes a URL unparsable, so the prefix must fail too.
        Err(_) => Decision::block(Reason::Unparsable),
    };
    prop_assert_eq!(policy().decide(input, mode), expected, "shortcut differs for {:?}", input);
    Ok(())
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Citizen), Just(Mode::Minor), Just(Mode::Assisted)]
}

/// A host built from a real entry, then bent the way phishers bend names.
fn tricky_host() -> impl Strategy<Value = String> {
    let domains = entry_domains();
    (0..domains.len(), 0..12u8, "[a-z0-9-]{1,8}", any::<u8>()).prop_map(move |(i, trick, word, byte)| {
        let d = &domains[i];
        match trick {
            0 => d.clone(),
            1 => format!("{word}.{d}"),
            2 => format!("{d}.{word}"),
            3 => format!("{d}.{word}.com"),
            4 => format!("{word}{d}"),
            5 => format!("{d}{word}"),
            6 => d.to_uppercase(),
            7 => format!("{d}."),
            8 => d.replacen('.', &format!("%{:02x}", b'.'), 1),
            9 => {
                let mut chars: Vec<char> = d.chars().collect();
                let at = byte as usize % chars.len();
                chars[at] = ['а', 'е', 'о', 'с', 'ı', 'ⅰ', 'ｆ', '。'][byte as usize % 8];
                chars.into_iter().collect()
            }
            10 => format!("{d}@{word}.com"),
            _ => d.replace('.', "-"),
        }
    })
}

fn tricky_url() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("https://"), Just("http://"), Just("HTTPS://"), Just("wss://"), Just("ws://"),
        Just("blob:https://"), Just("ftp://"), Just("file://"), Just("https:///"), Just("https:"),
    ];
    let userinfo = prop_oneof![Just(""), Just(""), Just("user@"), Just("a:b@"), Just(":@"), Just("www.caf.fr@"), Just("evil.com?@"), Just("evil.com#@")];
    let port = prop_oneof![Just(String::new()), Just(String::new()), (0u32..70000).prop_map(|p| format!(":{p}"))];
    let path = prop_oneof![Just("/"), Just(""), Just("/services/"), Just("/aide/x"), Just("/../admin"), Just("?x=1#f"), Just("\\@evil.com/"), Just("?@evil.com"), Just("#@evil.com/"), Just("\\?.caf.fr")];
    (scheme, userinfo, tricky_host(), port, path).prop_map(|(s, u, h, p, path)| format!("{s}{u}{h}{p}{path}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn tricky_urls_are_allowed_only_for_covered_hosts(url in tricky_url(), mode in mode()) {
        check_allowed_only_if_covered(&url, mode)?;
        check_query_shortcut(&url, mode)?;
    }

    #[test]
    fn any_text_never_panics(text in any::<String>(), mode in mode()) {
        let _ = policy().decide(&text, mode);
        let _ = policy().decide_tunnel(&text, mode);
        if let Ok(url) = Url::parse(&text) {
            let _ = policy().decide_url(&url, mode, Purpose::Subresource);
        }
        check_allowed_only_if_covered(&text, mode)?;
        check_query_shortcut(&text, mode)?;
    }

    #[test]
    fn url_shaped_text_never_panics(text in "[a-zA-Z]{1,6}:[/\\\\@:.%a-z0-9\\[\\]?#\u{0430}\u{3002}\u{ff41}-]{0,40}", mode in mode()) {
        check_allowed_only_if_covered(&text, mode)?;
        check_query_shortcut(&text, mode)?;
    }
}

/// Found by the property above: a query can make a non-special URL unparsable.
#[test]
fn a_query_that_breaks_parsing_is_judged_on_the_whole_url() {
    for input in ["a://@?", "a://@#", "a://@?x=1"] {
        for mode in [Mode::Citizen, Mode::Minor, Mode::Assisted] {
            check_query_shortcut(input, mode).unwrap_or_else(|err| panic!("{err}"));
        }
    }
}
