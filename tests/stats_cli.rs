//! `guichet stats`: prints the counts the supervisor kept in `[stats] file`, nothing when none
//! were kept yet, and refuses a file that is not what the supervisor writes.

mod common;

use std::process::{Command, Output};

fn stats(config: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guichet")).args(["stats", "--config"]).arg(config).output().unwrap()
}

#[test]
fn prints_the_kept_counts_and_refuses_a_tampered_file() {
    let dir = std::env::temp_dir().join(format!("guichet-stats-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "[stats]\nfile = \"counts/stats.jsonl\"\n").unwrap();

    let none = stats(&config);
    assert!(none.status.success());
    assert_eq!(String::from_utf8_lossy(&none.stdout), "", "nothing counted yet");

    std::fs::create_dir_all(dir.join("counts")).unwrap();
    let kept = std::fs::read_to_string(common::fixture("stats/two-days.jsonl")).unwrap();
    std::fs::write(dir.join("counts/stats.jsonl"), &kept).unwrap();
    let printed = stats(&config);
    assert!(printed.status.success());
    assert_eq!(String::from_utf8_lossy(&printed.stdout), kept);

    std::fs::write(dir.join("counts/stats.jsonl"), "{\"day\":\"2026-11-25\",\"demarches\":{\"Jean Dupont\":1}}\n").unwrap();
    let refused = stats(&config);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("stats.jsonl:line 1"), "{}", String::from_utf8_lossy(&refused.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
