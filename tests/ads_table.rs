//! Ads and trackers in every mode: each case of `tests/fixtures/policy/ads.tsv` gets exactly the
//! verdict written there, on a page the mode allows, with EasyList and EasyPrivacy from Debian's
//! `webext-ublock-origin-chromium`. `guichet check` prints the same verdicts as the policy.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use guichet::ads::UrlRules;
use guichet::cli::check::Checker;
use guichet::config::Config;
use guichet::policy::{Decision, Mode, Policy, Verdict};

fn shown(policy: &Policy, decision: Decision) -> String {
    match (decision.verdict, decision.rule) {
        (Verdict::Allow, Some(rule)) => format!("allow {}", policy.rule(rule).name),
        (Verdict::Allow, None) => format!("allow {}", decision.reason),
        (Verdict::Upgrade, _) => format!("upgrade {}", decision.reason),
        (Verdict::Block, _) => format!("block {}", decision.reason),
    }
}

struct Case {
    line: usize,
    mode: Mode,
    page: String,
    url: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let table = std::fs::read_to_string(common::fixture("policy/ads.tsv")).unwrap();
    let mut cases = Vec::new();
    for (number, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [mode, page, url, expected] = columns[..] else { panic!("ads.tsv:{}: expected mode<TAB>page<TAB>url<TAB>expected", number + 1) };
        cases.push(Case {
            line: number + 1,
            mode: mode.parse().unwrap(),
            page: page.to_string(),
            url: common::unescape(url),
            expected: expected.to_string(),
        });
    }
    cases
}

#[test]
fn ads_and_trackers_table() {
    let dir = tempfile::tempdir().unwrap();
    let policy = Config::load_file(&common::minor_config(dir.path(), None)).unwrap().load_policy().unwrap();
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let page = policy.decide(&case.page, case.mode);
        if page.verdict != Verdict::Allow {
            failures.push(format!("ads.tsv:{}: the page {} is not allowed in mode {}: {}", case.line, case.page, case.mode, page.reason));
        }
        let got = shown(&policy, policy.decide(&case.url, case.mode));
        if got != case.expected {
            failures.push(format!("ads.tsv:{}: {} ({}): expected `{}`, got `{got}`", case.line, case.url, case.mode, case.expected));
        }
    }
    let citizen = cases.iter().filter(|c| c.mode == Mode::Citizen && c.expected.starts_with("block ") && matches!(&c.expected[6..], "ad" | "tracker")).count();
    let minor = cases.iter().filter(|c| c.mode == Mode::Minor && c.expected.starts_with("block ") && matches!(&c.expected[6..], "ad" | "tracker")).count();
    assert!(citizen >= 20 && minor >= 10, "the table must keep at least 20 citizen and 10 minor ad/tracker cases, has {citizen} and {minor}");
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// `guichet check` loads the same configuration (from the cache `guichet run` writes) and prints,
/// line for line, what the policy decides in process.
#[test]
fn check_prints_the_same_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let config = common::minor_config(dir.path(), None);
    let loaded = Config::load_file(&config).unwrap();
    let policy = loaded.load_policy().unwrap();
    let url_rules = UrlRules::new(loaded.adblock_lists.clone());
    for mode in [Mode::Citizen, Mode::Minor] {
        let urls: Vec<String> = cases().into_iter().filter(|c| c.mode == mode).map(|c| c.url).collect();
        let mut expected = Vec::new();
        let checker = Checker::new(&policy, mode).with_url_rules(&url_rules, None);
        for url in &urls {
            checker.check_one(url, &mut expected).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
            .args(["check", "--mode", mode.as_str(), "--config"])
            .arg(&config)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(urls.join("\n").as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // The cache is up to date: nothing to report.
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout, String::from_utf8_lossy(&expected));
        assert!(stdout.contains("\ttracker\n") && stdout.contains("\tad\n"), "{stdout}");
    }
}

/// A resource on an allowed host that only a content filter refuses (a path rule): `check` says
/// `ad` or `tracker`, as WebKit refuses it in the page; the lists' exceptions for the French
/// public sites hold (`@@||service-public.fr^*/assets/js/eulerian/eulerian.js$~third-party`).
#[test]
fn check_refuses_by_address_what_only_a_content_filter_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let config = common::minor_config(dir.path(), None);
    let out = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .args(["check", "--mode", "citizen", "--config"])
        .arg(&config)
        .args([
            "https://www.caf.fr/ads/banners/pub.png",
            "https://www.impots.gouv.fr/assets/eulerian.js",
            "https://www.service-public.fr/resources/v7/assets/js/eulerian/eulerian.js",
            "https://www.caf.fr/ads/banners/",
            "https://www.caf.fr/static/app.js",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let verdicts: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(|l| {
        let fields: Vec<&str> = l.split('\t').collect();
        format!("{} {}", fields[0], if fields[0] == "block" { fields[2] } else { "" }).trim().to_string()
    }).collect();
    // A page (no resource extension) is the policy's alone.
    assert_eq!(verdicts, ["block ad", "block tracker", "allow", "allow", "allow"], "{}", String::from_utf8_lossy(&out.stdout));
    // The exception is for service-public.fr's own pages (`~third-party`): loaded by another
    // site's page, the file is refused.
    let out = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .args(["check", "--page", "https://www.caf.fr/allocataires", "--config"])
        .arg(&config)
        .arg("https://www.service-public.fr/resources/v7/assets/js/eulerian/eulerian.js")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("\ttracker\n"), "{}", String::from_utf8_lossy(&out.stdout));
}

/// Lists that cannot be read: no ad blocking, said in the log; the services stay reachable and
/// every other decision is unchanged.
#[test]
fn missing_lists_turn_ad_blocking_off_without_blocking_services() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[adblock]\nad_lists = [\"missing-easylist.txt\"]\ntracker_lists = []\ncache = \"none.cache\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .args(["check", "--config"])
        .arg(&config)
        .args(["https://www.caf.fr/", "https://ad.doubleclick.net/", "https://www.googletagmanager.com/gtm.js"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("adblock: ad and tracker blocking is off: ") && stderr.contains("missing-easylist.txt: cannot read the ad list"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("allow\thttps://www.caf.fr/\t"), "{stdout}");
    assert!(stdout.contains("block\thttps://ad.doubleclick.net/\tnot-allowlisted\n"), "{stdout}");
    assert!(!dir.path().join("none.cache").exists());
}

/// Both lists empty: staff turned ad blocking off.
#[test]
fn empty_lists_mean_no_ad_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[adblock]\nad_lists = []\ntracker_lists = []\n").unwrap();
    let policy = Config::load_file(&path).unwrap().load_policy().unwrap();
    assert!(policy.ads().is_empty());
    assert_eq!(shown(&policy, policy.decide("https://ad.doubleclick.net/", Mode::Citizen)), "block not-allowlisted");
}

/// The lists never refuse a service's own host: an entry naming it at least as precisely, or
/// its start page, wins; a tracker host under the service's domain is still refused.
#[test]
fn a_service_host_is_never_refused_as_an_ad() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("easyprivacy.txt");
    std::fs::write(&list, "||service.example.fr^\n||www.service.example.fr^\n||pixel.service.example.fr^\n||democarte.fr^\n").unwrap();
    let set = guichet::ads::compile(&[guichet::ads::ListSource { path: list, kind: guichet::ads::ListKind::Trackers }]).unwrap();
    let entry = "[[site]]\nname = \"Service\"\ncategory = \"information\"\nhosts = [\"service.example.fr\"]\nstart = \"https://www.service.example.fr/\"\n";
    let policy = guichet::policy::Policy::build(
        &[guichet::source::SourceFile::new("service.toml", entry.to_string())],
        guichet::policy::PublicSuffixes::bundled().unwrap(),
    )
    .unwrap()
    .with_ads(std::sync::Arc::new(set));
    for (url, expected) in [
        ("https://service.example.fr/", "allow Service"),
        ("https://www.service.example.fr/demarche", "allow Service"),
        ("https://pixel.service.example.fr/p.gif", "block tracker"),
        ("https://democarte.fr/", "block tracker"),
    ] {
        for mode in Mode::ALL {
            assert_eq!(shown(&policy, policy.decide(url, mode)), expected, "{url} in {mode}");
        }
    }
}
