//! `guichet lists compile` and the compiled file: what it finds, how it refuses a bad source or
//! a damaged file, and how it replaces a file a kiosk may have mapped.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use guichet::lists::{self, CategoryLists, ListsError};

fn compiled_fixture(dir: &Path) -> PathBuf {
    let output = dir.join("ut1.lists");
    lists::compile(&common::fixture("ut1"), &output).expect("fixture lists compile");
    output
}

fn names(lists: &CategoryLists, host: &str, path: Option<&str>) -> Vec<String> {
    lists.lookup(host, path).iter().map(|id| lists.category(id).unwrap().name.clone()).collect()
}

#[test]
fn hosts_their_subdomains_and_url_prefixes_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let lists = CategoryLists::open(&compiled_fixture(dir.path())).unwrap();
    assert_eq!(names(&lists, "xxx-videos-exemple.com", None), ["adult", "mixed_adult"], "categories merged");
    assert_eq!(names(&lists, "a.b.cams-adultes-exemple.fr", None), ["adult"]);
    // Suffixes are probed in batches of 8: a listed parent past the first batch is still found.
    assert_eq!(names(&lists, "a.b.c.d.e.f.g.h.i.j.cams-adultes-exemple.fr", None), ["adult"]);
    assert_eq!(names(&lists, "a.b.c.d.e.f.cams-adultes-exemple.fr", None), ["adult"]);
    assert_eq!(names(&lists, "photos-nues-exemple.org", None), ["adult"], "leading dot in the source");
    assert_eq!(names(&lists, "idn-exemple.com", None), ["adult"], "upper case and trailing dot in the source");
    let idn = url::Url::parse("https://bücher-für-erwachsene.de/").unwrap().host_str().unwrap().to_string();
    assert!(idn.starts_with("xn--"));
    assert_eq!(names(&lists, &idn, None), ["adult"], "IDN stored in its xn-- form");
    assert!(names(&lists, "only-adults-exemple.net", None).is_empty(), "a parent of a listed host is not listed");
    assert!(names(&lists, "exemple.com", None).is_empty());
    assert!(names(&lists, "com", None).is_empty());
    assert_eq!(names(&lists, "hebergeur-perso-exemple.fr", Some("/salle-x/photo.jpg")), ["adult"]);
    assert_eq!(names(&lists, "www.hebergeur-perso-exemple.fr", Some("/SALLE-X/")), ["adult"]);
    assert!(names(&lists, "hebergeur-perso-exemple.fr", Some("/salle-y/")).is_empty());
    assert!(names(&lists, "hebergeur-perso-exemple.fr", None).is_empty(), "without a path, url entries do not apply");
    assert_eq!(lists.resolve("porn"), lists.resolve("adult"));
    assert_eq!(lists.resolve("violence"), lists.resolve("agressif"));
    assert_eq!(lists.resolve("nothing"), None);
    let adult = lists.category(lists.resolve("adult").unwrap()).unwrap();
    assert_eq!((adult.name_fr.as_str(), adult.name_en.as_str()), ("Adulte (X)", "Adult (X)"));
    let white = lists.category(lists.resolve("liste_blanche").unwrap()).unwrap();
    assert_eq!(white.usage, lists::Usage::White);
}

#[test]
fn the_cli_prints_counts_and_refuses_a_bad_line_leaving_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.lists");
    let run = |source: &Path| {
        Command::new(env!("CARGO_BIN_EXE_guichet")).args(["lists", "compile"]).arg(source).arg(&output).output().unwrap()
    };
    let ok = run(&common::fixture("ut1"));
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.contains("20 categories (3 aliases), ") && stdout.contains(" url entries"), "{stdout}");
    let before = std::fs::read(&output).unwrap();

    let bad = dir.path().join("bad");
    copy_tree(&common::fixture("ut1"), &bad);
    std::fs::write(bad.join("blacklists/gambling/domains"), "casino-exemple.com\nhttp://paris exemple.fr/\n").unwrap();
    let refused = run(&bad);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("blacklists/gambling/domains:2: \"http://paris exemple.fr/\" is not a host name"), "{stderr}");
    assert_eq!(std::fs::read(&output).unwrap(), before, "the previous file is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no partial file is left behind: {leftovers:?}");
}

#[test]
fn a_mapped_file_survives_being_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let output = compiled_fixture(dir.path());
    let old = CategoryLists::open(&output).unwrap();
    let changed = dir.path().join("changed");
    copy_tree(&common::fixture("ut1"), &changed);
    std::fs::write(changed.join("blacklists/games/domains"), "autre-jeu-exemple.com\n").unwrap();
    lists::compile(&changed, &output).unwrap();
    // The old mapping still reads the old inode; a fresh open reads the new file.
    assert_eq!(names(&old, "jeux-en-ligne-exemple.com", None), ["games"]);
    let new = CategoryLists::open(&output).unwrap();
    assert!(names(&new, "jeux-en-ligne-exemple.com", None).is_empty());
    assert_eq!(names(&new, "autre-jeu-exemple.com", None), ["games"]);
}

#[test]
fn missing_and_damaged_files_are_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let output = compiled_fixture(dir.path());
    let good = std::fs::read(&output).unwrap();
    let damaged = dir.path().join("damaged.lists");
    let open = |bytes: &[u8]| {
        std::fs::write(&damaged, bytes).unwrap();
        CategoryLists::open(&damaged).unwrap_err()
    };

    let missing = CategoryLists::open(&dir.path().join("absent.lists")).unwrap_err();
    assert!(matches!(missing, ListsError::Missing { .. }), "{missing}");
    assert!(missing.to_string().contains("absent.lists: the compiled category lists are missing"), "{missing}");

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let err = open(&flipped);
    assert!(matches!(err, ListsError::Corrupt { .. }) && err.to_string().contains("checksum mismatch"), "{err}");

    let err = open(&good[..good.len() - 100]);
    assert!(err.to_string().contains("cut short"), "{err}");
    let err = open(&good[..10]);
    assert!(err.to_string().contains("shorter than its header"), "{err}");
    let err = open(b"");
    assert!(matches!(err, ListsError::Corrupt { .. }), "{err}");
    let err = open(&[b"PK\x03\x04".as_slice(), &good[4..]].concat());
    assert!(err.to_string().contains("not a Guichet category list file"), "{err}");
    let mut other_version = good.clone();
    other_version[8] = 99;
    assert!(matches!(open(&other_version), ListsError::Version { found: 99, expected: 1, .. }));
}

/// One flipped bit anywhere in the file is refused: one in every header byte, and a sample of the rest.
#[test]
fn every_flipped_bit_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(compiled_fixture(dir.path())).unwrap();
    let damaged = dir.path().join("damaged.lists");
    let mut offsets: Vec<usize> = (0..64).collect();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..100 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        offsets.push((state >> 33) as usize % good.len());
    }
    offsets.extend([good.len() - 1, good.len() - 9]);
    for offset in offsets {
        let bit = offset % 8;
        let mut bytes = good.clone();
        bytes[offset] ^= 1 << bit;
        std::fs::write(&damaged, &bytes).unwrap();
        assert!(CategoryLists::open(&damaged).is_err(), "a flip of bit {bit} at byte {offset} went unnoticed");
    }
}

#[test]
fn bad_sources_name_their_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        ("blacklists/adult/urls", "ok-exemple.com/a\nexa mple.com/b\n", "blacklists/adult/urls:2: \"exa mple.com/b\" is not a web address"),
        ("blacklists/adult/usage", "noir\n", "blacklists/adult/usage:1: \"noir\" is not a usage"),
        ("blacklists/global_usage", "NAME: adult\nCOLOR: red\n", "blacklists/global_usage:2: unknown key `COLOR`"),
        ("blacklists/porn", "nowhere\n", "blacklists/porn: alias of \"nowhere\", which is not a category folder here"),
    ];
    for (number, (file, text, expected)) in cases.into_iter().enumerate() {
        let source = dir.path().join(format!("case{number}"));
        copy_tree(&common::fixture("ut1"), &source);
        std::fs::write(source.join(file), text).unwrap();
        let err = lists::compile(&source, &dir.path().join("out.lists")).unwrap_err();
        assert!(err.to_string().contains(expected), "{file}: {err}");
    }
    let err = lists::compile(&dir.path().join("nothing"), &dir.path().join("out.lists")).unwrap_err();
    assert!(matches!(err, ListsError::SourceFolder { .. }), "{err}");
}

/// The real UT1 copy that CI keeps beside the repository. Skipped (with a message) without it.
#[test]
fn the_ut1_copy_compiles() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ut1");
    if !source.is_dir() {
        eprintln!("skipped: no UT1 copy at {}", source.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("ut1.lists");
    let summary = lists::compile(&source, &output).unwrap();
    assert!(summary.domains > 300_000 && summary.categories > 60, "{summary:?}");
    let lists = CategoryLists::open(&output).unwrap();
    for name in ["adult", "porn", "agressif", "violence", "gambling", "dating", "redirector", "doh", "sect", "warez"] {
        assert!(lists.resolve(name).is_some(), "{name}");
    }
    assert_eq!(lists.domain_count(), summary.domains);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    fn domain() -> impl Strategy<Value = String> {
        proptest::collection::vec("[a-z0-9]{1,8}", 2..5).prop_map(|labels| labels.join("."))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        /// Whatever the hosts, a compiled list finds exactly the categories of a name's listed
        /// parents (the name included), and nothing else.
        #[test]
        fn lookups_match_a_plain_model(
            listed in proptest::collection::vec((domain(), 0usize..3), 1..40),
            probes in proptest::collection::vec(domain(), 1..20),
            prefix in "[a-z]{1,5}",
        ) {
            let categories = ["alpha", "beta", "gamma"];
            let dir = tempfile::tempdir().unwrap();
            for name in categories {
                std::fs::create_dir_all(dir.path().join(name)).unwrap();
                let text: String = listed.iter().filter(|(_, c)| categories[*c] == name).map(|(d, _)| format!("{d}\n")).collect();
                std::fs::write(dir.path().join(name).join("domains"), text).unwrap();
            }
            let output = dir.path().join("out.lists");
            lists::compile(dir.path(), &output).unwrap();
            let compiled = CategoryLists::open(&output).unwrap();
            let model = |host: &str| -> Vec<String> {
                let mut found: Vec<String> = listed
                    .iter()
                    .filter(|(d, _)| host == d || host.ends_with(&format!(".{d}")))
                    .map(|(_, c)| categories[*c].to_string())
                    .collect();
                found.sort();
                found.dedup();
                found
            };
            let everything = listed.iter().map(|(d, _)| d.clone()).chain(probes.iter().cloned());
            for host in everything.flat_map(|d| [format!("{prefix}.{d}"), d]) {
                prop_assert_eq!(names(&compiled, &host, None), model(&host), "{}", host);
            }
        }
    }
}
