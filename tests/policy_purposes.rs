//! What the filtering proxy asks: subresources (full URL) and HTTPS tunnels (host and port only).

mod common;

use guichet::policy::{Mode, Purpose, Reason, Verdict};
use url::Url;

#[test]
fn tunnels_are_judged_by_host_and_port() {
    let policy = common::table_policy();
    let cases = [
        ("www.caf.fr:443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("WWW.CAF.FR:443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("www.caf.fr.:443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("www.caf.fr:8443", Mode::Citizen, Verdict::Block, Reason::Port),
        ("evil.com:443", Mode::Citizen, Verdict::Block, Reason::NotAllowlisted),
        ("caf.fr.evil.com:443", Mode::Citizen, Verdict::Block, Reason::NotAllowlisted),
        // Paths are invisible inside TLS: a path-restricted entry allows the tunnel.
        ("portail.example.fr:443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        // Shared CDNs are fine as page resources, in the entry's modes only.
        ("unpkg.com:443", Mode::Assisted, Verdict::Allow, Reason::Allowlisted),
        ("unpkg.com:443", Mode::Citizen, Verdict::Block, Reason::NotInMode),
        ("aidantsconnect.beta.gouv.fr:443", Mode::Citizen, Verdict::Block, Reason::NotInMode),
        ("127.0.0.1:8443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("10.0.0.1:443", Mode::Citizen, Verdict::Block, Reason::IpLiteral),
        ("[::1]:8443", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("www.caf.fr@evil.com:443", Mode::Citizen, Verdict::Block, Reason::Unparsable),
        ("evil.com/www.caf.fr:443", Mode::Citizen, Verdict::Block, Reason::Unparsable),
        ("www.caf.fr", Mode::Citizen, Verdict::Allow, Reason::Allowlisted),
        ("", Mode::Citizen, Verdict::Block, Reason::Unparsable),
        // Over-long or odd names never reach DNS.
        ("a$b.caf.fr:443", Mode::Citizen, Verdict::Block, Reason::InvalidHost),
    ];
    for (authority, mode, verdict, reason) in cases {
        let d = policy.decide_tunnel(authority, mode);
        assert_eq!((d.verdict, d.reason), (verdict, reason), "CONNECT {authority} in {mode}");
    }
}

#[test]
fn subresources_may_use_cdns_but_navigation_may_not() {
    let policy = common::table_policy();
    let url = Url::parse("https://unpkg.com/htmx.org@2/dist/htmx.min.js").unwrap();
    let nav = policy.decide_url(&url, Mode::Assisted, Purpose::Navigation);
    let sub = policy.decide_url(&url, Mode::Assisted, Purpose::Subresource);
    assert_eq!((nav.verdict, nav.reason), (Verdict::Block, Reason::SubresourceOnly));
    assert_eq!((sub.verdict, sub.reason), (Verdict::Allow, Reason::Allowlisted));
}

#[test]
fn plain_http_subresources_still_obey_paths_and_schemes() {
    let policy = common::table_policy();
    let decide = |u: &str| {
        let d = policy.decide_url(&Url::parse(u).unwrap(), Mode::Citizen, Purpose::Subresource);
        (d.verdict, d.reason)
    };
    assert_eq!(decide("http://portail.example.fr/admin"), (Verdict::Block, Reason::Path));
    assert_eq!(decide("http://www.caf.fr/logo.png"), (Verdict::Upgrade, Reason::HttpsAvailable));
    assert_eq!(decide("http://catalogue.mediatheque.test/cover.jpg"), (Verdict::Allow, Reason::Allowlisted));
}
