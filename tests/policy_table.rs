//! The URL table: every case in `tests/fixtures/policy/urls.tsv` gets exactly the verdict,
//! reason and matching entry written there.

mod common;

use guichet::policy::{https_form, Mode, Reason, Verdict};
use url::Url;

#[test]
fn url_table() {
    let policy = common::table_policy();
    let table = std::fs::read_to_string(common::fixture("policy/urls.tsv")).unwrap();
    let mut cases = 0;
    let mut failures = Vec::new();
    for (number, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "urls.tsv:{}: expected mode<TAB>url<TAB>expected", number + 1);
        let mode: Mode = fields[0].parse().unwrap();
        let url = common::unescape(fields[1]);
        let (verdict, detail) = fields[2].split_once(' ').expect("expected `verdict detail`");

        let decision = policy.decide(&url, mode);
        let got = match decision.verdict {
            Verdict::Allow => match decision.rule {
                Some(rule) => format!("allow {}", policy.rule(rule).name),
                None => format!("allow {}", decision.reason),
            },
            Verdict::Upgrade => format!("upgrade {}", https_form(&Url::parse(&url).unwrap())),
            Verdict::Block => format!("block {}", decision.reason),
        };
        let expected = format!("{verdict} {detail}");
        if got != expected {
            failures.push(format!("urls.tsv:{}: {mode} {url:?}: expected `{expected}`, got `{got}`", number + 1));
        }
        if verdict == "block" {
            assert!(Reason::from_code(detail).is_some(), "urls.tsv:{}: unknown reason {detail}", number + 1);
            if decision.rule.is_some() {
                failures.push(format!("urls.tsv:{}: a refusal names an entry", number + 1));
            }
        }
        cases += 1;
    }
    assert!(cases >= 200, "the table must keep at least 200 cases, has {cases}");
    assert!(failures.is_empty(), "{} of {cases} cases differ:\n{}", failures.len(), failures.join("\n"));
}
