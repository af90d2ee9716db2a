//! Accessibility audit of every internal page, in every patron language, in the kiosk's own
//! engine (WebKitGTK): axe-core's rules with no violation of any impact, a focus ring of 3:1
//! and targets of 44 × 44 CSS px. The chrome page shows each of its screens with the state the
//! real core pushes on its way there; the content view's pages are the ones the core sends it
//! to (a refusal of each kind, a démarche, a search…). Every finding is reported with its page,
//! screen, language, rule and target, and fails the test.
#![cfg(feature = "shell")]

mod common;
#[path = "axe/auditor.rs"]
mod auditor;
#[path = "axe/scenes.rs"]
mod scenes;

use std::path::{Path, PathBuf};
use std::time::Instant;

use auditor::{Audited, Auditor};
use guichet::pages::View;
use scenes::{chrome_scenes, content_scenes, Fixtures, Scene};
use serde::Deserialize;

/// axe-core's browser build, at the version tests/axe/package-lock.json pins; installed by
/// tests/axe/install.sh (run here if it has not been).
fn axe_source() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let file = target.join("axe/node_modules/axe-core/axe.min.js");
    let status = std::process::Command::new(root.join("tests/axe/install.sh")).status().expect("tests/axe/install.sh runs");
    assert!(status.success(), "tests/axe/install.sh could not install axe-core (npm is needed: installer/deps.sh)");
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

#[derive(Deserialize)]
struct Violation {
    rule: String,
    impact: String,
    target: String,
    summary: String,
}

#[derive(Deserialize)]
struct FocusProblem {
    target: String,
    problem: String,
}

#[derive(Deserialize)]
struct SmallTarget {
    target: String,
    width: f64,
    height: f64,
}

#[derive(Deserialize)]
struct Axe {
    violations: Vec<Violation>,
    /// The rules that left elements undecided ("needs review"): reported, not failed.
    undecided: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Checks {
    /// The page's viewport in CSS pixels.
    viewport: (f64, f64),
    focus: Vec<FocusProblem>,
    targets: Vec<SmallTarget>,
    controls: usize,
    focus_checked: usize,
    inline_links: usize,
}

fn parse<T: serde::de::DeserializeOwned>(place: &str, json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{place}: unreadable results ({e}): {json}"))
}

#[derive(Default)]
struct Report {
    findings: Vec<String>,
    audits: usize,
    chrome: usize,
    content: usize,
    controls: usize,
    focus_checked: usize,
    inline_links: usize,
    rules: std::collections::BTreeMap<String, usize>,
    /// Rule → audits where it left elements undecided.
    undecided: std::collections::BTreeMap<String, usize>,
}

impl Report {
    fn add(&mut self, scene: &Scene, audited: Audited) {
        let place = scene.name();
        let axe: Axe = parse(&place, &audited.axe);
        for rule in axe.undecided {
            *self.undecided.entry(rule).or_default() += 1;
        }
        let violations = axe.violations;
        let checks: Checks = parse(&place, &audited.checks);
        // The page was laid out at the size of the kiosk's view, at its zoom.
        let (width, height) = (f64::from(scene.size.0) / scene.zoom, f64::from(scene.size.1) / scene.zoom);
        assert!((checks.viewport.0 - width).abs() <= 1.0 && (checks.viewport.1 - height).abs() <= 1.0, "{place}: viewport {:?}, not {width} × {height}", checks.viewport);
        for v in violations {
            *self.rules.entry(v.rule.clone()).or_default() += 1;
            self.findings.push(format!("{place} | axe {} ({}) | {} | {}", v.rule, v.impact, v.target, v.summary));
        }
        for f in checks.focus {
            *self.rules.entry("focus-ring".into()).or_default() += 1;
            self.findings.push(format!("{place} | focus-ring | {} | {}", f.target, f.problem));
        }
        for t in checks.targets {
            *self.rules.entry("target-44px".into()).or_default() += 1;
            self.findings.push(format!("{place} | target-44px | {} | {:.1} × {:.1} px", t.target, t.width, t.height));
        }
        self.audits += 1;
        match scene.view {
            View::Chrome => self.chrome += 1,
            View::Content => self.content += 1,
        }
        self.controls += checks.controls;
        self.focus_checked += checks.focus_checked;
        self.inline_links += checks.inline_links;
    }
}

#[test]
fn every_page_and_screen_in_every_language_passes_the_audit() {
    let started = Instant::now();
    let axe = axe_source();
    let fixtures = Fixtures::load();
    // `AUDIT_ONLY=text`: only the scenes whose "page | screen | language" contains it.
    let only = std::env::var("AUDIT_ONLY").ok();
    let mut scenes: Vec<Scene> = fixtures
        .languages()
        .iter()
        .flat_map(|lang| chrome_scenes(&fixtures, lang).into_iter().chain(content_scenes(&fixtures, lang)))
        .collect();
    scenes.retain(|scene| only.as_deref().is_none_or(|only| scene.name().contains(only)));
    // A web process each, side by side: as many as the machine has cores, up to four.
    let lanes = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut auditor = Auditor::start(&axe, lanes);
    let mut report = Report::default();
    auditor.audit(&scenes, |scene, audited| report.add(scene, audited));
    let elapsed = started.elapsed();
    let cpu = auditor::web_processes_cpu_seconds();
    for finding in &report.findings {
        println!("{finding}");
    }
    println!(
        "accessibility audit: {} audits ({} chrome screens, {} content pages) in {} languages on {lanes} web views, {} controls \
         ({} focus rings checked, {} links in running text exempt from the target size), {} findings {:?}; {:.0} s, of which the web processes used {:.0} s of processor time; \
         audits where axe-core left elements undecided, by rule (to look at by hand): {:?}",
        report.audits,
        report.chrome,
        report.content,
        fixtures.languages().len(),
        report.controls,
        report.focus_checked,
        report.inline_links,
        report.findings.len(),
        report.rules,
        elapsed.as_secs_f64(),
        cpu,
        report.undecided
    );
    assert!(report.audits > 0, "nothing was audited");
    assert!(report.findings.is_empty(), "{} accessibility findings (listed above)", report.findings.len());
}
