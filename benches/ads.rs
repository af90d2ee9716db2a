//! Ad and tracker blocking with EasyList + EasyPrivacy from Debian's package: compiling the host
//! set, loading its cache (what each session does), a lookup (what each decision adds), and
//! converting the lists into WebKit's content rules (what a list change costs before WebKit
//! compiles them: `benches/content-filters.sh` times that and each session's load).
//! Run: `cargo bench --no-default-features --bench ads` (skips without the lists).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use guichet::ads::{self, Kind, ListKind, ListSource};
use guichet::config::{DEFAULT_AD_LIST, DEFAULT_TRACKER_LIST};

fn benches(c: &mut Criterion) {
    let sources = vec![
        ListSource { path: DEFAULT_AD_LIST.into(), kind: ListKind::Ads },
        ListSource { path: DEFAULT_TRACKER_LIST.into(), kind: ListKind::Trackers },
    ];
    if sources.iter().any(|s| !s.path.exists()) {
        eprintln!("ads bench skipped: install webext-ublock-origin-chromium");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let cache = dir.path().join("adblock.cache");
    let set = ads::compile_to(&sources, &cache).expect("lists compile");
    eprintln!(
        "host set: {} ad hosts, {} tracker hosts; cache file {} bytes",
        set.count(Kind::Ad),
        set.count(Kind::Tracker),
        std::fs::metadata(&cache).map(|m| m.len()).unwrap_or(0)
    );
    let open = set.open_scopes(|site| site.ends_with("gouv.fr") || site.ends_with("caf.fr"));

    let mut group = c.benchmark_group("ads");
    group.sample_size(10);
    group.bench_function("compile-easylist-easyprivacy", |b| b.iter(|| black_box(ads::compile(&sources).unwrap())));
    group.bench_function("session-load-from-cache", |b| b.iter(|| black_box(ads::read_cache(&sources, &cache).unwrap())));
    let paths = ads::FilterPaths::beside(&cache);
    group.bench_function("content-rules-convert", |b| b.iter(|| black_box(ads::rule_files(&sources, &paths).unwrap())));
    group.finish();

    c.bench_function("ads/lookup-listed-subdomain", |b| {
        b.iter(|| black_box(set.lookup(black_box("region1.google-analytics.com"), &open)))
    });
    c.bench_function("ads/lookup-unlisted-service-host", |b| {
        b.iter(|| black_box(set.lookup(black_box("cfspart.impots.gouv.fr"), &open)))
    });
}

criterion_group!(ads_bench, benches);
criterion_main!(ads_bench);
