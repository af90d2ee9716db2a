//! Writes `GUICHET_MIX_COUNT` (default 1,000,000) URLs of the benchmark mix to the file named by
//! `GUICHET_MIX_OUT`; does nothing without it, so a plain `cargo bench` is not flooded.
//! `GUICHET_MIX_MODE=minor` writes the filtered-web mix instead.

mod mix;

use std::io::Write;

fn main() {
    let Some(path) = std::env::var_os("GUICHET_MIX_OUT") else { return };
    let count = std::env::var("GUICHET_MIX_COUNT").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("GUICHET_MIX_OUT is writable"));
    let urls = match std::env::var("GUICHET_MIX_MODE").as_deref() {
        Ok("minor") => mix::minor_urls(count),
        _ => mix::urls(count),
    };
    for url in urls {
        writeln!(out, "{url}").expect("write");
    }
    out.flush().expect("write");
}
