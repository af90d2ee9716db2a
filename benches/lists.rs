//! Category lists at full scale: a synthetic list of 4.5 M domains shaped like UT1's `adult`
//! (generated here, never committed), compiled, loaded and queried. Prints compile time, file
//! size, load time and the median time to look up a host and all its parents.
//! Run: `cargo bench --no-default-features --bench lists` (GUICHET_LIST_DOMAINS=N to change the size;
//! GUICHET_LISTS_OUT=FILE keeps the compiled file, for `benches/check-throughput.sh minor`).

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use guichet::lists::{self, CategoryLists};

/// xorshift64*: deterministic, so every run measures the same list.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn label(&mut self, min: u64, max: u64) -> String {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
        let length = min + self.below(max - min + 1);
        (0..length)
            .map(|i| {
                // No hyphen at either end of a label.
                let pool = if i == 0 || i == length - 1 { 36 } else { 37 };
                LETTERS[self.below(pool) as usize] as char
            })
            .collect()
    }
}

/// UT1's real lists: three quarters two-label names, the rest three or four labels, 15.7
/// characters on average.
fn domain(random: &mut Random) -> String {
    const TLDS: &[&str] = &["com", "com", "com", "net", "org", "fr", "de", "ru", "xyz", "info", "top", "nl", "co.uk", "com.br"];
    let base = format!("{}.{}", random.label(4, 14), TLDS[random.below(TLDS.len() as u64) as usize]);
    match random.below(100) {
        0..=74 => base,
        75..=87 => format!("{}.{base}", if random.below(2) == 0 { "www".to_string() } else { random.label(2, 8) }),
        _ => format!("{}.{}.{base}", random.label(2, 6), random.label(2, 8)),
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run only when benching.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let count: usize = std::env::var("GUICHET_LIST_DOMAINS").ok().and_then(|n| n.parse().ok()).unwrap_or(4_500_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("blacklists/adult");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("usage"), "black\n").expect("usage");
    let mut random = Random(0x5eed_1234_abcd_ef01);
    let mut listed = Vec::with_capacity(count);
    {
        let file = std::fs::File::create(folder.join("domains")).expect("domains");
        let mut out = std::io::BufWriter::new(file);
        for _ in 0..count {
            let name = domain(&mut random);
            writeln!(out, "{name}").expect("write");
            listed.push(name);
        }
        // The blocked hosts of the filtered-web URL mix (benches/mix.rs), so that
        // `check-throughput.sh minor` measures refusals too.
        for name in ["xxx-videos-exemple.com", "casino-en-ligne-exemple.com"] {
            writeln!(out, "{name}").expect("write");
        }
        out.flush().expect("write");
    }
    std::fs::write(folder.join("urls"), "hebergeur-perso-exemple.fr/salle-x/\n").expect("urls");
    let output = std::env::var_os("GUICHET_LISTS_OUT").map_or_else(|| dir.path().join("adult.lists"), std::path::PathBuf::from);

    let started = Instant::now();
    let summary = lists::compile(&dir.path().join("blacklists"), &output).expect("compile");
    let compile = started.elapsed();

    let mut loads = Vec::new();
    for _ in 0..21 {
        let started = Instant::now();
        let lists = CategoryLists::open(&output).expect("open");
        loads.push(started.elapsed());
        black_box(lists);
    }
    let lists = CategoryLists::open(&output).expect("open");

    // 200 k queries, half listed names (under a random subdomain one time in two), half not.
    let mut queries = Vec::with_capacity(200_000);
    for i in 0..200_000 {
        let name = if i % 2 == 0 {
            let listed = &listed[random.below(listed.len() as u64) as usize];
            if random.below(2) == 0 { format!("{}.{listed}", random.label(2, 8)) } else { listed.clone() }
        } else {
            domain(&mut random)
        };
        queries.push(name);
    }
    let mut hits = 0;
    for query in &queries {
        hits += usize::from(!lists.lookup(query, None).is_empty());
    }
    // Per-query time: median over batches of 1,000 queries.
    let mut batches = Vec::new();
    for _round in 0..5 {
        for batch in queries.chunks(1000) {
            let started = Instant::now();
            for query in batch {
                black_box(lists.lookup(black_box(query), Some("/")));
            }
            batches.push(started.elapsed() / batch.len() as u32);
        }
    }

    let mib = summary.file_bytes as f64 / (1024.0 * 1024.0);
    println!("lists: synthetic `adult`-shaped list, {count} domains ({} distinct after merge)", summary.domains);
    println!("lists: compile {:.2} s (target < 10 s)", compile.as_secs_f64());
    println!("lists: file {mib:.1} MiB (target < 64 MiB)");
    println!("lists: load (mmap + checks + checksum) median of 21: {:.2} ms (target < 5 ms)", median(loads).as_secs_f64() * 1e3);
    println!(
        "lists: lookup of host + parents, median per query: {:.3} µs (target < 0.5 µs); {hits} of {} queries listed",
        median(batches).as_secs_f64() * 1e6,
        queries.len()
    );
}
