//! The `guichet` binary as staff use it: `check` over arguments and stdin, `config check`.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn guichet(args: &[&str], stdin: Option<&[u8]>) -> Output {
    guichet_in("C.UTF-8", args, stdin)
}

/// The binary with `LANG` set to `lang` (and no other locale variable), as staff would run it.
fn guichet_in(lang: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn check_arguments_print_one_line_each_in_order() {
    let config = common::fixture("policy/config.toml");
    let out = guichet(
        &["check", "--config", config.to_str().unwrap(), "https://www.caf.fr/", "http://www.ameli.fr/x", "https://evil.com/", "about:blank"],
        None,
    );
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "allow\thttps://www.caf.fr/\tallowlists/caf.toml:5\n\
         upgrade\thttp://www.ameli.fr/x\thttps://www.ameli.fr/x\n\
         block\thttps://evil.com/\tnot-allowlisted\n\
         allow\tabout:blank\tlocal-document\n"
    );
}

#[test]
fn check_mode_changes_the_answer() {
    let out = guichet(&["check", "--mode", "assisted", "https://aidantsconnect.beta.gouv.fr/"], None);
    assert_eq!(text(&out.stdout), "allow\thttps://aidantsconnect.beta.gouv.fr/\tallowlists/aidants-connect.toml:4\n");
    let out = guichet(&["check", "--mode", "minor", "https://aidantsconnect.beta.gouv.fr/"], None);
    assert_eq!(text(&out.stdout), "block\thttps://aidantsconnect.beta.gouv.fr/\tnot-in-mode\n");
    let out = guichet(&["check", "--mode", "kid", "https://www.caf.fr/"], None);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("unknown mode `kid`"));
}

#[test]
fn check_streams_stdin_in_order_even_for_odd_lines() {
    let mut input = Vec::new();
    let mut expected = String::new();
    for i in 0..2000 {
        if i % 2 == 0 {
            input.extend_from_slice(format!("https://www.caf.fr/p{i}\r\n").as_bytes());
            expected.push_str(&format!("allow\thttps://www.caf.fr/p{i}\tallowlists/caf.toml:5\n"));
        } else {
            input.extend_from_slice(format!("https://evil{i}.com/\n").as_bytes());
            expected.push_str(&format!("block\thttps://evil{i}.com/\tnot-allowlisted\n"));
        }
    }
    // Not UTF-8, an embedded tab, and a last line without a newline: still one line out each.
    input.extend_from_slice(b"https://www.caf.fr/\xff\n");
    expected.push_str("block\thttps://www.caf.fr/\\u{fffd}\tunparsable\n");
    input.extend_from_slice(b"https://evil.com/\tx\n");
    expected.push_str("block\thttps://evil.com/\\tx\tnot-allowlisted\n");
    input.extend_from_slice(b"https://www.ameli.fr/");
    expected.push_str("allow\thttps://www.ameli.fr/\tallowlists/ameli.toml:3\n");

    let out = guichet(&["check"], Some(&input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got = text(&out.stdout);
    assert_eq!(got.lines().count(), expected.lines().count(), "one output line per input line");
    if let Some((n, (g, e))) = got.lines().zip(expected.lines()).enumerate().find(|(_, (g, e))| g != e) {
        panic!("line {}: expected {e:?}, got {g:?}", n + 1);
    }
}

#[test]
fn config_check_accepts_the_builtin_configuration() {
    // Without --config the system file wins where a package installed one: the test names
    // whichever the program must have picked, so that a machine with guichet installed passes.
    let system = std::path::Path::new("/etc/guichet/config.toml");
    let expected = if system.exists() { "/etc/guichet/config.toml: valid (" } else { "builtin:assets/default-config.toml: valid (" };
    let out = guichet(&["config", "check"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with(expected), "{}", text(&out.stdout));
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/default-config.toml");
    let out = guichet(&["config", "check", "--config", shipped.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn config_check_prints_every_error_and_exits_2() {
    let bad = common::fixture("errors/config/bad-lists.toml");
    let out = guichet(&["config", "check", "--config", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().filter(|l| l.contains(".toml:")).count(), 3, "{stderr}");
    assert!(stderr.contains("public-suffix.toml:4:10: \"gouv.fr\" is a public suffix"), "{stderr}");
    assert!(stderr.ends_with("guichet: 3 errors; nothing was loaded\n"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn check_refuses_to_run_on_a_bad_configuration() {
    let bad = common::fixture("errors/config/unknown-key.toml");
    let out = guichet(&["check", "--config", bad.to_str().unwrap(), "https://www.caf.fr/"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no verdict from a configuration that did not load");
}

#[test]
fn missing_config_file_is_an_error_not_a_fallback() {
    let out = guichet(&["config", "check", "--config", "/nonexistent/guichet.toml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("/nonexistent/guichet.toml: cannot read the file"));
}

/// `guichet pin hash` through a pipe: an argon2id line that checks the PIN; a non-PIN refused;
/// the hash goes into a configuration `config check` accepts, the PIN itself into one it refuses.
#[test]
fn pin_hash_from_a_pipe_and_into_the_config() {
    let out = guichet(&["pin", "hash"], Some(b"482915\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    assert!(line.starts_with("$argon2id$v=19$") && line.ends_with('\n') && line.lines().count() == 1, "{line:?}");
    assert!(!text(&out.stderr).contains("482915"), "the PIN is never shown");
    let hash = guichet::kiosk::PinHash::parse(line.trim()).unwrap();
    assert!(hash.verify("482915") && !hash.verify("482916"));

    let refused = guichet(&["pin", "hash"], Some(b"12ab\n"));
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("4 to 12 digits"), "{}", text(&refused.stderr));

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[kiosk]\nmodes = [\"citizen\", \"assisted\"]\n[assisted]\npin_hash = {:?}\n", line.trim())).unwrap();
    let valid = guichet(&["config", "check", "--config", config.to_str().unwrap()], None);
    assert!(valid.status.success(), "{}", text(&valid.stderr));
    std::fs::write(&config, "[kiosk]\nmodes = [\"citizen\", \"assisted\"]\n[assisted]\npin_hash = \"482915\"\n").unwrap();
    let plain = guichet(&["config", "check", "--config", config.to_str().unwrap()], None);
    assert_eq!(plain.status.code(), Some(2));
    let errors = text(&plain.stderr);
    assert!(errors.contains("config.toml:4:12: `pin_hash`: this looks like a plain PIN") && !errors.contains("482915"), "{errors}");
}

/// `guichet doctor` on this machine: whatever it finds, one `ok` or `todo` line per check, in
/// order, the exit code saying whether all are ok; the session folder checked is the configured one.
#[test]
fn doctor_reports_every_check_on_one_line() {
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("doctor-{}", std::process::id()));
    let config = folder.with_extension("toml");
    std::fs::write(&config, format!("[session]\nfolder = {:?}\n", folder.to_str().unwrap())).unwrap();
    let out = guichet(&["doctor", "--config", config.to_str().unwrap()], None);
    let report = text(&out.stdout);
    let checks: Vec<&str> = report.lines().map(|line| line.split(':').next().unwrap_or_default()).collect();
    let names: Vec<&str> = checks.iter().map(|c| c.trim_start_matches("ok   ").trim_start_matches("todo ")).collect();
    assert_eq!(names, ["ram-folder", "swap", "init-on-free", "cups", "user-namespaces"], "{report}");
    assert!(checks.iter().all(|c| c.starts_with("ok   ") || c.starts_with("todo ")), "{report}");
    let all_ok = checks.iter().all(|c| c.starts_with("ok"));
    assert_eq!(out.status.code(), Some(if all_ok { 0 } else { 1 }), "{report}");
    assert!(report.lines().next().unwrap().contains(folder.to_str().unwrap()), "{report}");
    std::fs::remove_file(&config).unwrap();

    let bad = common::fixture("errors/config/unknown-key.toml");
    let out = guichet(&["doctor", "--config", bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// A configuration with several mistakes naming an allowlist and a démarches folder that have
/// theirs: every error of every file, with `file:line:column`, in French and in English.
#[test]
fn config_check_reports_every_error_of_every_file_in_french_and_english() {
    let dir = common::fixture("errors/multi");
    let config = dir.join("config.toml");
    for (lang, expected_name) in [("fr_FR.UTF-8", "config-check.fr.txt"), ("en_US.UTF-8", "config-check.en.txt")] {
        let out = guichet_in(lang, &["config", "check", "--config", config.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert!(out.stdout.is_empty(), "{lang}");
        let got = text(&out.stderr).replace(&format!("{}/", dir.display()), "");
        let expected_path = dir.join(expected_name);
        if std::env::var_os("GUICHET_BLESS").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(got, expected, "{lang}: --- got\n{got}");
    }
}

/// The same errors, in the same order, with the same places, whatever the language.
#[test]
fn both_languages_name_the_same_places() {
    let dir = common::fixture("errors/multi");
    let places = |name: &str| -> Vec<String> {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        text.lines().filter(|l| !l.starts_with("guichet:")).map(|l| l.split(' ').next().unwrap().trim_end_matches(':').to_string()).collect()
    };
    let french = places("config-check.fr.txt");
    assert_eq!(french, places("config-check.en.txt"));
    for file in ["config.toml:", "lists/mairie.toml:", "demarches/cantine.toml:"] {
        assert!(french.iter().filter(|p| p.starts_with(file)).count() >= 4, "several errors in {file}: {french:?}");
    }
}

#[test]
fn help_is_in_the_staff_language() {
    let french = guichet_in("fr_FR.UTF-8", &["--help"], None);
    assert!(french.status.success());
    let french = text(&french.stdout);
    assert!(french.contains("Utilisation : guichet <COMMANDE>"), "{french}");
    assert!(french.contains("Commandes:") && french.contains("Afficher l'aide"), "{french}");
    assert!(french.contains("Lancer le kiosque : le superviseur, qui ouvre une session neuve pour chaque usager"), "{french}");

    let english = text(&guichet_in("en_US.UTF-8", &["--help"], None).stdout);
    assert!(english.contains("Usage: guichet <COMMAND>") && english.contains("Print help"), "{english}");
    assert!(english.contains("Run the kiosk: the supervisor, which starts a fresh session for each patron"), "{english}");

    // A subcommand's options, and LC_ALL before LANG.
    let out = Command::new(env!("CARGO_BIN_EXE_guichet"))
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "fr_FR.UTF-8")
        .args(["config", "check", "--help"])
        .output()
        .unwrap();
    let french = text(&out.stdout);
    assert!(french.starts_with("Vérifier la configuration et toutes les listes de sites et démarches qu'elle nomme"), "{french}");
    assert!(french.contains("--config <FICHIER>  Fichier de configuration (par défaut : /etc/guichet/config.toml"), "{french}");
    let english = text(&guichet_in("C", &["check", "--help"], None).stdout);
    assert!(english.contains("--mode <MODE>") && english.contains("citizen (the default)") && !english.contains("[default:"), "{english}");
}

/// The lines `guichet` itself writes to standard error (not the log lines of what it loads,
/// such as the ad-blocking cache's).
fn hints(out: &Output) -> String {
    text(&out.stderr).lines().filter(|l| l.starts_with("guichet: ")).map(|l| format!("{l}\n")).collect()
}

/// An address typed without `https://`: refused as `missing-scheme`, with what was meant.
#[test]
fn check_says_that_https_is_missing() {
    let out = guichet_in("fr_FR.UTF-8", &["check", "www.ameli.fr", "https://www.ameli.fr/"], None);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "block\twww.ameli.fr\tmissing-scheme\nallow\thttps://www.ameli.fr/\tallowlists/ameli.toml:3\n");
    assert_eq!(hints(&out), "guichet: www.ameli.fr : une adresse commence par https:// (vouliez-vous dire https://www.ameli.fr ?)\n");
    let out = guichet_in("en_US.UTF-8", &["check", "www.ameli.fr"], None);
    assert_eq!(hints(&out), "guichet: www.ameli.fr: an address starts with https:// (did you mean https://www.ameli.fr?)\n");
    // From standard input too, where one line out per line in is all there is.
    let out = guichet(&["check"], Some(b"caf.fr/aides\nnot an address\n"));
    assert_eq!(text(&out.stdout), "block\tcaf.fr/aides\tmissing-scheme\nblock\tnot an address\tunparsable\n");
}

/// `ctl open` refuses such an address before it reaches the kiosk (which would show the
/// patron a refusal), whatever the socket.
#[test]
fn ctl_open_says_that_https_is_missing() {
    let out = guichet(&["ctl", "--socket", "/nonexistent/control.sock", "open", "www.caf.fr"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "guichet: www.caf.fr: an address starts with https:// (did you mean https://www.caf.fr?)\n");
}
