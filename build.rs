//! Embeds the shipped allowlists, démarches and translations, so the binary runs the default configuration
//! from anywhere, without files installed beside it.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let mut out = String::new();

    out.push_str("/// Shipped allowlists: (path shown in errors, contents).\n");
    out.push_str("pub static ALLOWLISTS: &[(&str, &str)] = &[\n");
    for file in sorted_files(&root.join("allowlists"), "toml") {
        let shown = format!("allowlists/{}", file_name(&file));
        writeln!(out, "    ({shown:?}, include_str!({:?})),", file.display()).unwrap();
    }
    out.push_str("];\n\n/// Shipped démarches: (path shown in errors, contents).\n");
    out.push_str("pub static DEMARCHES: &[(&str, &str)] = &[\n");
    for file in sorted_files(&root.join("assets/demarches"), "toml") {
        let shown = format!("assets/demarches/{}", file_name(&file));
        writeln!(out, "    ({shown:?}, include_str!({:?})),", file.display()).unwrap();
    }
    out.push_str("];\n\n/// Shipped translations for patrons: (language, path shown in errors, contents).\n");
    out.push_str("pub static LOCALES: &[(&str, &str, &str)] = &[\n");
    // `i18n/staff/` holds the staff's messages (French and English only), not a patron language.
    embed_languages(&mut out, &root.join("i18n"), "i18n", &[STAFF_FOLDER]);
    out.push_str("];\n\n/// Staff messages (`guichet config check`, `--help`): (language, path shown in errors, contents).\n");
    out.push_str("pub static STAFF_LOCALES: &[(&str, &str, &str)] = &[\n");
    embed_languages(&mut out, &root.join("i18n").join(STAFF_FOLDER), "i18n/staff", &[]);
    out.push_str("];\n");

    println!("cargo:rerun-if-changed=allowlists");
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=assets/demarches");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}

/// The folder of `i18n/` that holds staff messages rather than a patron language.
const STAFF_FOLDER: &str = "staff";

/// One entry per `.ftl` file of each language folder of `dir`, languages in name order.
fn embed_languages(out: &mut String, dir: &Path, shown_dir: &str, skip: &[&str]) {
    let mut languages: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !skip.contains(&name.as_str()))
        .collect();
    languages.sort();
    for lang in &languages {
        for file in sorted_files(&dir.join(lang), "ftl") {
            let shown = format!("{shown_dir}/{lang}/{}", file_name(&file));
            writeln!(out, "    ({lang:?}, {shown:?}, include_str!({:?})),", file.display()).unwrap();
        }
    }
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().expect("a file").to_string_lossy().into_owned()
}
