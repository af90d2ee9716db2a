//! The store round trip, in one test: the calls iterate the thread's default main context,
//! which only one thread at a time may own.

use std::time::Duration;

use super::*;

const TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn rule_lists_compile_load_back_and_refuse_what_webkit_cannot_read() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let store = folder.path().join("store");
    let rules = br#"[{"trigger":{"url-filter":"^https?://ads\\.example/"},"action":{"type":"block"}},
                    {"trigger":{"url-filter":".*","if-domain":["*tracker.example"]},"action":{"type":"css-display-none","selector":".ad"}}]"#;

    compile(&store, "easylist-0", rules, TIMEOUT).expect("a valid rule list compiles");
    let entries = std::fs::read_dir(&store).expect("the store's folder exists").count();
    assert!(entries >= 1, "the compiled list is written in the store's folder");
    let filters = load(&store, &["easylist-0".to_string()], TIMEOUT).expect("the compiled list loads back");
    assert_eq!(filters.len(), 1);

    // What WebKit refuses comes back as its own message, never as a filter.
    match compile(&store, "broken", b"[{\"trigger\":{}}]", TIMEOUT) {
        Err(FilterStoreError::WebKit(message)) => assert!(!message.is_empty()),
        other => panic!("a rule without url-filter must be refused by WebKit, got {:?}", other.map(|()| "compiled")),
    }
    match load(&store, &["easylist-0".to_string(), "never-compiled".to_string()], TIMEOUT) {
        Err(FilterStoreError::Load { id, error }) => {
            assert_eq!(id, "never-compiled");
            assert!(matches!(*error, FilterStoreError::WebKit(_)), "{error}");
        }
        Err(other) => panic!("an id never compiled must fail to load as WebKit says, got: {other}"),
        Ok(filters) => panic!("an id never compiled must not load, got {} filters", filters.len()),
    }
    assert!(matches!(compile(&store, "nul\0name", rules, TIMEOUT), Err(FilterStoreError::NulByte(_))));
    assert!(matches!(webkit_version().split('.').map(str::parse::<u32>).collect::<Result<Vec<_>, _>>().as_deref(), Ok([2, _, _])));
}
