//! `guichet demarches list|search` and `config check` as staff run them.

mod common;

use std::process::{Command, Output};

/// The binary as an English-speaking member of staff runs it (staff messages follow `LANG`).
fn guichet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guichet"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(args)
        .output()
        .expect("binary runs")
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn search_prints_one_json_object_per_line_best_first() {
    let lines = json_lines(&guichet(&["demarches", "search", "payer", "mes", "impôts"]));
    assert_eq!(lines[0]["id"], "impots-paiement");
    assert_eq!(lines[0]["title"], "Payer mes impôts (impôt sur le revenu, taxe foncière)");
    let scores: Vec<f64> = lines.iter().map(|l| l["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn search_in_english_titles_in_english() {
    let lines = json_lines(&guichet(&["demarches", "search", "--lang", "en", "passport"]));
    assert_eq!(lines[0]["id"], "ants-passeport");
    assert_eq!(lines[0]["title"], "Get or renew my passport (pre-application)");
}

#[test]
fn easy_french_searches_the_french_words() {
    let lines = json_lines(&guichet(&["demarches", "search", "--lang", "falc", "payer", "mes", "impots"]));
    assert_eq!(lines[0]["id"], "impots-paiement");
    assert_eq!(lines[0]["title"], "Payer mes impôts (impôt sur le revenu, taxe foncière)");
}

#[test]
fn list_prints_every_demarche_without_score() {
    let lines = json_lines(&guichet(&["demarches", "list"]));
    assert!(lines.len() >= 30, "{}", lines.len());
    assert!(lines.iter().all(|l| l.get("score").is_none() && l["id"].is_string() && l["title"].is_string()));
}

#[test]
fn unknown_language_is_refused() {
    let out = guichet(&["demarches", "search", "--lang", "xx", "rsa"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no démarche is written in language \"xx\""));
}

#[test]
fn config_check_counts_demarches_and_refuses_a_bad_local_one() {
    let out = guichet(&["config", "check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(" démarches)"));
    let config = common::fixture("errors/config/local-demarches.toml");
    let out = guichet(&["config", "check", "--config", config.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mairie.toml:4:9: the start page `https://www.mairie-exemple.fr/cantine` is not allowed"), "{stderr}");
    assert!(stderr.contains("2 errors; nothing was loaded"), "{stderr}");
}
