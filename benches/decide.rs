//! `decide` per URL over a realistic mix, and `check` streaming throughput (URLs per second).
//! Run: `cargo bench --no-default-features --bench decide`.

mod mix;

use std::hint::black_box;
use std::io::Cursor;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use guichet::cli::check::Checker;
use guichet::config::Config;
use guichet::policy::Mode;

fn benches(c: &mut Criterion) {
    // The built-in configuration blocks ads and trackers with Debian's EasyList and EasyPrivacy
    // (when installed); `no-ads` is the same policy without them, to show what they add.
    let policy = Config::builtin().unwrap().load_policy().unwrap();
    let no_ads = Config::builtin().unwrap().load_policy().unwrap().with_ads(guichet::ads::HostSet::empty());
    eprintln!("ad blocking: {}", if policy.ads().is_empty() { "off (lists not installed)" } else { "on" });
    let urls = mix::urls(4096);

    let mut i = 0;
    c.bench_function("decide/realistic-mix", |b| {
        b.iter(|| {
            i = (i + 1) % urls.len();
            black_box(policy.decide(black_box(&urls[i]), Mode::Citizen))
        })
    });
    let mut k = 0;
    c.bench_function("decide/realistic-mix-no-ads", |b| {
        b.iter(|| {
            k = (k + 1) % urls.len();
            black_box(no_ads.decide(black_box(&urls[k]), Mode::Citizen))
        })
    });
    c.bench_function("decide/allowed-service-page", |b| {
        b.iter(|| black_box(policy.decide(black_box("https://cfspart.impots.gouv.fr/monprofil-webapp/monProfil?lang=fr"), Mode::Citizen)))
    });
    c.bench_function("decide/refused-tracker", |b| {
        b.iter(|| black_box(policy.decide(black_box("https://www.googletagmanager.com/gtm.js?id=GTM-XXXX"), Mode::Citizen)))
    });

    let input = urls.join("\n").into_bytes();
    let checker = Checker::new(&policy, Mode::Citizen);
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(urls.len() as u64));
    group.bench_function("stream-4096-urls", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(input.len() * 2);
            checker.check_stream(Cursor::new(&input), &mut out).unwrap();
            black_box(out)
        })
    });
    let checker_no_ads = Checker::new(&no_ads, Mode::Citizen);
    group.bench_function("stream-4096-urls-no-ads", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(input.len() * 2);
            checker_no_ads.check_stream(Cursor::new(&input), &mut out).unwrap();
            black_box(out)
        })
    });
    group.finish();

    // Minor mode on the filtered web, with the small test lists (the full-scale list is measured
    // by benches/lists.rs and benches/check-throughput.sh minor).
    let dir = tempfile::tempdir().expect("temporary folder");
    let lists = dir.path().join("ut1.lists");
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ut1");
    guichet::lists::compile(&fixture, &lists).expect("fixture lists");
    std::fs::write(dir.path().join("config.toml"), "[kiosk]\nmodes = [\"minor\"]\n[filter]\nlists = \"ut1.lists\"\n").expect("config");
    let minor = Config::load_file(&dir.path().join("config.toml")).unwrap().load_policy().unwrap();
    let minor_urls = mix::minor_urls(4096);
    let mut j = 0;
    c.bench_function("decide/minor-filtered-web-mix", |b| {
        b.iter(|| {
            j = (j + 1) % minor_urls.len();
            black_box(minor.decide(black_box(&minor_urls[j]), Mode::Minor))
        })
    });
}

criterion_group!(decide, benches);
criterion_main!(decide);
