//! The store's life on disk, with a stand-in for WebKit's compiler (the end-to-end test runs the
//! real one).

use super::*;
use crate::ads::{write_rules, ListKind, ListSource};

/// Writes what WebKit would: one file per rule list, named after it.
fn fake_webkit(folder: &Path, id: &str, json: &[u8]) -> Result<(), String> {
    fs::write(folder.join(format!("ContentRuleList-{id}")), json.iter().rev().copied().collect::<Vec<u8>>()).map_err(|e| e.to_string())
}

fn setup(dir: &Path, ads: &str) -> FilterPaths {
    let a = dir.join("easylist.txt");
    let t = dir.join("easyprivacy.txt");
    fs::write(&a, ads).unwrap();
    fs::write(&t, "||tracker.example^\n").unwrap();
    let paths = FilterPaths::beside(&dir.join("adblock.cache"));
    write_rules(&[ListSource { path: a, kind: ListKind::Ads }, ListSource { path: t, kind: ListKind::Trackers }], &paths, false).unwrap();
    paths
}

fn folders(paths: &FilterPaths) -> usize {
    fs::read_dir(&paths.folder).unwrap().flatten().filter(|i| i.file_name().to_string_lossy().starts_with("adblock-webkit.")).count()
}

#[test]
fn a_store_is_compiled_once_linked_in_whole_and_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path(), "||ads.example^\n");
    assert!(store_is_stale(&paths));
    assert!(matches!(session_store(&paths, "2.50.6"), Err(AdsError::StoreMissing { .. })));
    let Compiled::New { folder, ids } = compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap() else { panic!("compiled") };
    assert_eq!(ids, ["ad", "tracker"]);
    assert!(!store_is_stale(&paths));
    assert_eq!(session_store(&paths, "2.50.6").unwrap(), SessionStore { folder: folder.clone(), ids });
    assert_eq!(fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o555);
    assert_eq!(fs::metadata(folder.join("ContentRuleList-ad")).unwrap().permissions().mode() & 0o777, 0o444);
    // Another WebKit may not read it; the compiler sees it must compile again.
    assert!(matches!(session_store(&paths, "2.52.0"), Err(AdsError::StoreWebkit { .. })));
    assert!(matches!(compile_store(&paths, "2.50.6", false, &mut fake_webkit), Ok(Compiled::UpToDate(_))));
    assert!(matches!(compile_store(&paths, "2.52.0", false, &mut fake_webkit), Ok(Compiled::New { .. })));
}

#[test]
fn new_lists_make_a_new_store_and_the_previous_one_stays_until_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path(), "||ads.example^\n");
    let Compiled::New { folder: first, .. } = compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap() else { panic!() };
    setup(dir.path(), "||other.example^\n");
    assert!(store_is_stale(&paths));
    // A session meanwhile keeps the store it has.
    assert_eq!(session_store(&paths, "2.50.6").unwrap().folder, first);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let Compiled::New { folder: second, .. } = compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap() else { panic!() };
    assert_ne!(first, second);
    assert!(first.exists() && folders(&paths) == 2);
    setup(dir.path(), "||third.example^\n");
    std::thread::sleep(std::time::Duration::from_millis(20));
    compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap();
    assert!(!first.exists() && second.exists() && folders(&paths) == 2);
}

#[test]
fn a_failed_compilation_leaves_the_current_store() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path(), "||ads.example^\n");
    // What a compilation killed midway left is cleared by the next one.
    fs::create_dir(dir.path().join("adblock-webkit.new-999999")).unwrap();
    fs::write(dir.path().join("adblock-webkit.new-999999/ContentRuleList-ad"), b"half").unwrap();
    let Compiled::New { folder, .. } = compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap() else { panic!() };
    assert!(!dir.path().join("adblock-webkit.new-999999").exists());
    setup(dir.path(), "||other.example^\n");
    let mut refusing = |f: &Path, id: &str, json: &[u8]| if id == "tracker" { Err("Too many rules in JSON array.".to_string()) } else { fake_webkit(f, id, json) };
    let err = compile_store(&paths, "2.50.6", false, &mut refusing).unwrap_err();
    assert!(err.to_string().contains("WebKit refused the `tracker` rule list: Too many rules"), "{err}");
    assert_eq!(session_store(&paths, "2.50.6").unwrap().folder, folder);
    assert_eq!(folders(&paths), 1, "the new folder is gone");
}

#[test]
fn a_damaged_store_is_refused_to_sessions_and_compiled_again() {
    let dir = tempfile::tempdir().unwrap();
    let paths = setup(dir.path(), "||ads.example^\n");
    let Compiled::New { folder, .. } = compile_store(&paths, "2.50.6", false, &mut fake_webkit).unwrap() else { panic!() };
    let file = folder.join("ContentRuleList-ad");
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let mut bytes = fs::read(&file).unwrap();
    bytes[0] ^= 0xff;
    fs::write(&file, bytes).unwrap();
    assert!(matches!(session_store(&paths, "2.50.6"), Err(AdsError::StoreDamaged { what: "checksum mismatch", .. })));
    // The quick check does not read the files; the compiler does.
    assert!(!store_is_stale(&paths));
    assert!(matches!(compile_store(&paths, "2.50.6", false, &mut fake_webkit), Ok(Compiled::New { .. })));
    assert!(session_store(&paths, "2.50.6").is_ok());
    // A stamp naming a path outside the folder is refused.
    let text = Stamp { webkit: "2.50.6".into(), manifest: 1, ids: vec!["ad".into()], files: vec![("../x".into(), 1, 1)] }.to_text();
    assert!(Stamp::parse(&text, Path::new("stamp")).is_err());
}
