//! `guichet lists update` against a server on 127.0.0.1: a good update swaps the category lists,
//! both filter lists and the ad-blocking cache; every kind of bad update leaves them
//! byte-identical, leaves no staged file behind and says why (exit code, standard error, state
//! file, metrics). The UT1-shaped archives are built here from `tests/fixtures/ut1` (invented
//! entries in the layout of the UT1 blacklists, Université Toulouse Capitole, CC BY-SA 4.0).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use common::site::{Reply, TestSite};
use ed25519_dalek::{Signer, SigningKey};
use flate2::write::GzEncoder;
use guichet::ads::{self, Kind, ListKind, ListSource, OpenScopes};
use guichet::config::Config;
use guichet::lists::CategoryLists;
use guichet::updates::{Outcome, Reason, UpdateState};

/// The date every file of the served archive carries: the compiled lists must keep it.
const LIST_DATE: u64 = 1_795_000_000;

/// What the server answers for one path.
#[derive(Clone)]
struct Served {
    status: u16,
    body: Vec<u8>,
    cut_after: Option<usize>,
}

impl Served {
    fn ok(body: Vec<u8>) -> Served {
        Served { status: 200, body, cut_after: None }
    }
}

/// A kiosk's lists folder with lists in use, a configuration, and a server with new sources.
struct Kiosk {
    dir: tempfile::TempDir,
    site: TestSite,
    served: Arc<Mutex<BTreeMap<String, Served>>>,
}

impl Kiosk {
    /// `extra` is added to `[updates]`.
    fn new(extra: &str) -> Kiosk {
        let dir = tempfile::tempdir().unwrap();
        let lists = dir.path().join("lists");
        std::fs::create_dir(&lists).unwrap();
        guichet::lists::compile(&common::fixture("ut1"), &lists.join("ut1.lists")).unwrap();
        std::fs::copy(common::fixture("adblock/easylist.txt"), lists.join("easylist.txt")).unwrap();
        std::fs::copy(common::fixture("adblock/easyprivacy.txt"), lists.join("easyprivacy.txt")).unwrap();
        ads::compile_to(&list_sources(&lists), &lists.join("adblock.cache")).unwrap();

        let served: Arc<Mutex<BTreeMap<String, Served>>> = Arc::default();
        let routes = Arc::clone(&served);
        let site = TestSite::start(move |request| match routes.lock().unwrap().get(request.path()) {
            Some(s) => Reply { cut_after: s.cut_after, ..Reply::new(s.status, "application/octet-stream", &s.body) },
            None => Reply::new(404, "text/plain", b"not here"),
        });
        let kiosk = Kiosk { dir, site, served };
        kiosk.serve("/ut1/blacklists.tar.gz", Served::ok(ut1_archive(|_| {})));
        kiosk.serve("/easylist.txt", Served::ok(new_easylist()));
        kiosk.serve("/easyprivacy.txt", Served::ok(new_easyprivacy()));
        kiosk.configure(&kiosk.url(""), extra);
        kiosk
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.site.port())
    }

    /// Writes the configuration, the sources under `base`.
    fn configure(&self, base: &str, extra: &str) {
        let text = format!(
            "[kiosk]\nmodes = [\"minor\", \"citizen\"]\n\
             [filter]\nlists = \"lists/ut1.lists\"\n\
             [adblock]\nad_lists = [\"lists/easylist.txt\"]\ntracker_lists = [\"lists/easyprivacy.txt\"]\ncache = \"lists/adblock.cache\"\n\
             [stats]\nfile = \"stats.jsonl\"\nprometheus = \"metrics/guichet.prom\"\n\
             [updates]\nut1 = \"{base}/ut1/blacklists.tar.gz\"\neasylist = \"{base}/easylist.txt\"\neasyprivacy = \"{base}/easyprivacy.txt\"\n\
             ut1_min_kb = 1\nlist_min_kb = 0\nlist_max_mb = 1\ntimeout = \"20s\"\nstate = \"lists/update-state.json\"\n{extra}\n"
        );
        std::fs::write(self.config(), text).unwrap();
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    fn lists(&self) -> PathBuf {
        self.dir.path().join("lists")
    }

    fn serve(&self, path: &str, served: Served) {
        self.served.lock().unwrap().insert(path.to_string(), served);
    }

    /// Serves `body` at `path` and its signature by `key` at `path.sig`.
    fn serve_signed(&self, path: &str, body: Vec<u8>, key: &SigningKey) {
        self.serve(&format!("{path}.sig"), Served::ok(key.sign(&body).to_bytes().to_vec()));
        self.serve(path, Served::ok(body));
    }

    fn update(&self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_guichet"));
        // The downloads honour proxy settings; the test server is local.
        for proxy in ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"] {
            command.env_remove(proxy);
        }
        command.args(["lists", "update", "--config"]).arg(self.config()).output().unwrap()
    }

    fn state(&self) -> UpdateState {
        UpdateState::read(&self.lists().join("update-state.json")).unwrap().expect("a state file")
    }

    /// Every file of the lists folder but the update's own state and lock.
    fn lists_in_use(&self) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(self.lists())
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .filter(|(name, _)| !name.starts_with("update-state.json"))
            .map(|(name, path)| (name, std::fs::read(path).unwrap()))
            .collect()
    }

    fn names(&self) -> BTreeSet<String> {
        std::fs::read_dir(self.lists()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }
}

fn list_sources(folder: &Path) -> Vec<ListSource> {
    vec![
        ListSource { path: folder.join("easylist.txt"), kind: ListKind::Ads },
        ListSource { path: folder.join("easyprivacy.txt"), kind: ListKind::Trackers },
    ]
}

fn new_easylist() -> Vec<u8> {
    let mut text = std::fs::read(common::fixture("adblock/easylist.txt")).unwrap();
    text.extend_from_slice(b"||new-ads.example^\n");
    text
}

fn new_easyprivacy() -> Vec<u8> {
    let mut text = std::fs::read(common::fixture("adblock/easyprivacy.txt")).unwrap();
    text.extend_from_slice(b"||new-tracker.example^\n");
    text
}

/// The fixture's `blacklists` folder with one more gambling host and a real symbolic link for
/// an alias (`aggressive -> agressif`, as upstream has), changed by `edit`, as a tar.gz whose
/// files all date from [`LIST_DATE`].
fn ut1_archive(edit: impl FnOnce(&Path)) -> Vec<u8> {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("blacklists");
    copy_folder(&common::fixture("ut1/blacklists"), &root);
    let gambling = root.join("gambling/domains");
    let mut domains = std::fs::read_to_string(&gambling).unwrap();
    domains.push_str("new-casino.example\n");
    std::fs::write(&gambling, domains).unwrap();
    std::os::unix::fs::symlink("agressif", root.join("aggressive")).unwrap();
    edit(&root);
    date_files(&root);
    let mut builder = tar::Builder::new(GzEncoder::new(Vec::new(), flate2::Compression::default()));
    builder.follow_symlinks(false);
    builder.append_dir_all("blacklists", &root).unwrap();
    builder.into_inner().unwrap().finish().unwrap()
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Gives every file under `folder` the date [`LIST_DATE`].
fn date_files(folder: &Path) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            date_files(&entry.path());
        } else if kind.is_file() {
            let file = std::fs::File::options().write(true).open(entry.path()).unwrap();
            file.set_modified(UNIX_EPOCH + Duration::from_secs(LIST_DATE)).unwrap();
        }
    }
}

/// A good archive followed by one hand-made entry (the tar writer refuses to write bad paths).
fn archive_with_entry(name: &str, kind: tar::EntryType, link: Option<&str>, data: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(GzEncoder::new(Vec::new(), flate2::Compression::default()));
    let work = tempfile::tempdir().unwrap();
    copy_folder(&common::fixture("ut1/blacklists"), &work.path().join("blacklists"));
    builder.append_dir_all("blacklists", work.path().join("blacklists")).unwrap();
    let mut header = tar::Header::new_gnu();
    header.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
    if let Some(link) = link {
        header.as_gnu_mut().unwrap().linkname[..link.len()].copy_from_slice(link.as_bytes());
    }
    header.set_entry_type(kind);
    header.set_size(data.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(LIST_DATE);
    header.set_cksum();
    builder.append(&header, data).unwrap();
    builder.into_inner().unwrap().finish().unwrap()
}

fn random_key() -> SigningKey {
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom").unwrap().read_exact(&mut seed).unwrap();
    SigningKey::from_bytes(&seed)
}

fn public_key_line(key: &SigningKey) -> String {
    format!("public_key = \"{}\"", base64::engine::general_purpose::STANDARD.encode(key.verifying_key().as_bytes()))
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn text(output: &[u8]) -> String {
    String::from_utf8_lossy(output).into_owned()
}

#[test]
fn a_good_update_swaps_every_list_and_records_it() {
    let kiosk = Kiosk::new("");
    let before = CategoryLists::open(&kiosk.lists().join("ut1.lists")).unwrap();
    assert!(before.lookup("new-casino.example", None).is_empty());
    drop(before);
    let started = now();

    let output = kiosk.update();
    assert!(output.status.success(), "{}\n{}", text(&output.stdout), text(&output.stderr));
    assert!(text(&output.stdout).contains("lists updated: 3 sources"), "{}", text(&output.stdout));

    let lists = CategoryLists::open(&kiosk.lists().join("ut1.lists")).unwrap();
    let gambling = lists.resolve("gambling").unwrap();
    assert!(lists.lookup("new-casino.example", None).contains(gambling));
    assert_eq!(lists.resolve("aggressive"), lists.resolve("agressif"), "a symbolic-link alias survives unpacking");
    assert_eq!(lists.list_date(), LIST_DATE, "the lists keep the archive's own date");

    assert_eq!(std::fs::read(kiosk.lists().join("easylist.txt")).unwrap(), new_easylist());
    assert_eq!(std::fs::read(kiosk.lists().join("easyprivacy.txt")).unwrap(), new_easyprivacy());
    // The new cache is the one sessions accept for the new list texts.
    let set = ads::read_cache(&list_sources(&kiosk.lists()), &kiosk.lists().join("adblock.cache")).unwrap();
    assert_eq!(set.lookup("new-ads.example", &OpenScopes::default()).map(|h| h.kind), Some(Kind::Ad));
    assert_eq!(set.lookup("new-tracker.example", &OpenScopes::default()).map(|h| h.kind), Some(Kind::Tracker));
    // So are the content rules: the kiosk has WebKit compile them, without converting again.
    let paths = ads::FilterPaths::beside(&kiosk.lists().join("adblock.cache"));
    assert!(!ads::write_rules(&list_sources(&kiosk.lists()), &paths, false).unwrap().written);
    assert!(text(&output.stdout).contains("adblock-filters.manifest: ad: "), "{}", text(&output.stdout));

    let state = kiosk.state();
    assert_eq!((state.result, state.reason, state.message), (Outcome::Ok, None, None));
    assert!(state.last_attempt >= started && state.last_success == Some(state.last_attempt));
    let expected: BTreeSet<String> =
        ["adblock-ad.json", "adblock-filters.manifest", "adblock-tracker.json", "adblock.cache", "easylist.txt", "easyprivacy.txt", "ut1.lists", "update-state.json", "update-state.json.lock"]
            .map(String::from)
            .into();
    assert_eq!(kiosk.names(), expected, "nothing staged is left behind");
    assert_eq!(kiosk.site.requests().len(), 3, "no signature is asked for without a key");
}

/// One bad update: what to break, the reason it must be reported under, and words of the message.
struct Case {
    name: &'static str,
    extra: &'static str,
    breaks: fn(&Kiosk),
    reason: Reason,
    says: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "a corrupt archive",
        extra: "",
        breaks: |k| {
            let mut archive = ut1_archive(|_| {});
            let middle = archive.len() / 2;
            for byte in &mut archive[middle..middle + 64] {
                *byte ^= 0x5a;
            }
            k.serve("/ut1/blacklists.tar.gz", Served::ok(archive));
        },
        reason: Reason::Archive,
        says: "not a readable tar.gz archive",
    },
    Case {
        name: "an archive cut short by the server",
        extra: "",
        breaks: |k| {
            let archive = ut1_archive(|_| {});
            let half = archive.len() / 2;
            k.serve("/ut1/blacklists.tar.gz", Served { cut_after: Some(half), ..Served::ok(archive) });
        },
        reason: Reason::Download,
        says: "the download did not complete",
    },
    Case {
        name: "a filter list cut short by the server",
        extra: "",
        breaks: |k| k.serve("/easylist.txt", Served { cut_after: Some(40), ..Served::ok(new_easylist()) }),
        reason: Reason::Download,
        says: "the download did not complete",
    },
    Case {
        name: "a filter list larger than list_max_mb",
        extra: "",
        breaks: |k| {
            let mut body = new_easylist();
            body.resize((1 << 20) + 1, b'!');
            k.serve("/easylist.txt", Served::ok(body));
        },
        reason: Reason::Size,
        says: "more than the 1048576 bytes allowed",
    },
    Case {
        name: "an archive smaller than ut1_min_kb",
        extra: "",
        breaks: |k| k.serve("/ut1/blacklists.tar.gz", Served::ok(vec![0x1f, 0x8b, 8, 0])),
        reason: Reason::Size,
        says: "4 bytes, fewer than the 1024 expected",
    },
    Case {
        name: "a server that answers with an error",
        extra: "",
        breaks: |k| k.serve("/easyprivacy.txt", Served { status: 503, ..Served::ok(b"maintenance".to_vec()) }),
        reason: Reason::Download,
        says: "the server answered HTTP 503",
    },
    Case {
        name: "an unreachable server",
        extra: "",
        breaks: |k| {
            // A port nobody listens on any more.
            let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
            k.configure(&format!("http://127.0.0.1:{closed}"), "");
        },
        reason: Reason::Download,
        says: "http://127.0.0.1:",
    },
    Case {
        name: "a captive portal's page instead of a filter list",
        extra: "",
        breaks: |k| k.serve("/easyprivacy.txt", Served::ok(b"<!DOCTYPE html><title>Wi-Fi de la mediatheque</title>".to_vec())),
        reason: Reason::Format,
        says: "expected an Adblock Plus filter list",
    },
    Case {
        name: "a filter list with its header and no rule",
        extra: "",
        breaks: |k| k.serve("/easylist.txt", Served::ok(b"[Adblock Plus 2.0]\n! Title: EasyList\n! nothing else\n".to_vec())),
        reason: Reason::Format,
        says: "/easylist.txt: the ad list is not an Adblock Plus filter list (no network rule could be read)",
    },
    Case {
        name: "an entry that climbs out of the folder",
        extra: "",
        breaks: |k| k.serve("/ut1/blacklists.tar.gz", Served::ok(archive_with_entry("blacklists/../../escaped", tar::EntryType::Regular, None, b"x\n"))),
        reason: Reason::Archive,
        says: "would land outside the folder",
    },
    Case {
        name: "an entry with an absolute path",
        extra: "",
        breaks: |k| k.serve("/ut1/blacklists.tar.gz", Served::ok(archive_with_entry("/tmp/guichet-escaped", tar::EntryType::Regular, None, b"x\n"))),
        reason: Reason::Archive,
        says: "would land outside the folder",
    },
    Case {
        name: "a link that leads out of the folder",
        extra: "",
        breaks: |k| k.serve("/ut1/blacklists.tar.gz", Served::ok(archive_with_entry("blacklists/ads", tar::EntryType::Symlink, Some("../../.."), b""))),
        reason: Reason::Archive,
        says: "expected a link to a name beside or under it",
    },
    Case {
        name: "a link to an absolute path",
        extra: "",
        breaks: |k| k.serve("/ut1/blacklists.tar.gz", Served::ok(archive_with_entry("blacklists/ads", tar::EntryType::Symlink, Some("/etc"), b""))),
        reason: Reason::Archive,
        says: "expected a link to a name beside or under it",
    },
    Case {
        name: "an archive that unpacks beyond unpacked_max_mb",
        extra: "unpacked_max_mb = 1",
        breaks: |k| {
            let archive = ut1_archive(|root| std::fs::write(root.join("games/domains"), vec![b'\n'; 2 << 20]).unwrap());
            k.serve("/ut1/blacklists.tar.gz", Served::ok(archive));
        },
        reason: Reason::Archive,
        says: "unpacks to more than 1048576 bytes",
    },
    Case {
        name: "an archive with more entries than unpacked_max_files",
        extra: "unpacked_max_files = 10",
        breaks: |_| {},
        reason: Reason::Archive,
        says: "more than 10 entries",
    },
    Case {
        name: "lists without a category the minor mode blocks",
        extra: "",
        breaks: |k| {
            let archive = ut1_archive(|root| {
                std::fs::remove_dir_all(root.join("gambling")).unwrap();
            });
            k.serve("/ut1/blacklists.tar.gz", Served::ok(archive));
        },
        reason: Reason::Format,
        says: "no category \"gambling\", which mode `minor` blocks",
    },
    Case {
        name: "a line that is not a host",
        extra: "",
        breaks: |k| {
            let archive = ut1_archive(|root| std::fs::write(root.join("chat/domains"), "chat.example\nnot a host\n").unwrap());
            k.serve("/ut1/blacklists.tar.gz", Served::ok(archive));
        },
        reason: Reason::Format,
        says: "blacklists/chat/domains:2: \"not a host\" is not a host name",
    },
];

#[test]
fn bad_updates_leave_the_lists_byte_identical_and_say_why() {
    for case in CASES {
        let kiosk = Kiosk::new(case.extra);
        let before = kiosk.lists_in_use();
        (case.breaks)(&kiosk);

        let output = kiosk.update();
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{}: {stderr}", case.name);
        assert!(stderr.contains(case.says), "{}: {stderr}", case.name);
        assert!(stderr.contains(&format!("not updated ({}); the previous lists are kept", case.reason.code())), "{}: {stderr}", case.name);

        assert!(kiosk.lists_in_use() == before, "{}: the lists in use changed", case.name);
        let state = kiosk.state();
        assert_eq!((state.result, state.reason, state.last_success), (Outcome::Failed, Some(case.reason), None), "{}", case.name);
        assert!(state.message.as_deref().is_some_and(|m| m.contains(case.says)), "{}: {:?}", case.name, state.message);
        let mut expected: BTreeSet<String> = before.keys().cloned().collect();
        expected.extend(["update-state.json".to_string(), "update-state.json.lock".to_string()]);
        assert_eq!(kiosk.names(), expected, "{}: something staged was left behind", case.name);
        assert!(!kiosk.dir.path().join("escaped").exists() && !Path::new("/tmp/guichet-escaped").exists(), "{}", case.name);
    }
}

/// Breaks what a kiosk serves, given the fleet's key.
type Breaks = fn(&Kiosk, &SigningKey);

#[test]
fn with_a_fleet_key_only_well_signed_sources_are_taken() {
    let key = random_key();
    let kiosk = Kiosk::new(&public_key_line(&key));
    // Unsigned: refused, nothing changes.
    let before = kiosk.lists_in_use();
    let output = kiosk.update();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("no signature"), "{}", text(&output.stderr));
    assert_eq!(kiosk.state().reason, Some(Reason::Signature));
    assert!(kiosk.lists_in_use() == before);

    // Signed: taken.
    kiosk.serve_signed("/ut1/blacklists.tar.gz", ut1_archive(|_| {}), &key);
    kiosk.serve_signed("/easylist.txt", new_easylist(), &key);
    kiosk.serve_signed("/easyprivacy.txt", new_easyprivacy(), &key);
    let output = kiosk.update();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let success = kiosk.state().last_success.expect("a success");
    let updated = kiosk.lists_in_use();
    assert_ne!(updated, before);

    // Signed by another key, or data changed after signing: refused; the last success is kept.
    let cases: [(&str, Breaks); 3] = [
        ("another key", |k, _| k.serve_signed("/easylist.txt", new_easylist(), &random_key())),
        ("changed after signing", |k, key| {
            k.serve_signed("/easyprivacy.txt", new_easyprivacy(), key);
            let mut changed = new_easyprivacy();
            changed.extend_from_slice(b"@@||new-tracker.example^\n");
            k.serve("/easyprivacy.txt", Served::ok(changed));
        }),
        ("a signature that is no signature", |k, _| k.serve("/ut1/blacklists.tar.gz.sig", Served::ok(b"signed, the fleet".to_vec()))),
    ];
    for (name, breaks) in cases {
        breaks(&kiosk, &key);
        let output = kiosk.update();
        assert_eq!(output.status.code(), Some(1), "{name}: {}", text(&output.stderr));
        let state = kiosk.state();
        assert_eq!((state.reason, state.last_success), (Some(Reason::Signature), Some(success)), "{name}: {:?}", state.message);
        assert!(kiosk.lists_in_use() == updated, "{name}: the lists in use changed");
        // Put the good sources back for the next case.
        kiosk.serve_signed("/ut1/blacklists.tar.gz", ut1_archive(|_| {}), &key);
        kiosk.serve_signed("/easylist.txt", new_easylist(), &key);
        kiosk.serve_signed("/easyprivacy.txt", new_easyprivacy(), &key);
    }
}

#[test]
fn local_files_are_sources_too() {
    let kiosk = Kiosk::new("");
    let sources = kiosk.dir.path().join("mirror");
    std::fs::create_dir(&sources).unwrap();
    std::fs::write(sources.join("blacklists.tar.gz"), ut1_archive(|_| {})).unwrap();
    std::fs::write(sources.join("easylist.txt"), new_easylist()).unwrap();
    std::fs::write(sources.join("easyprivacy.txt"), new_easyprivacy()).unwrap();
    let base = format!("file://{}", sources.display());
    let text_config = std::fs::read_to_string(kiosk.config()).unwrap().replace(&kiosk.url(""), &base).replace(&format!("{base}/ut1/"), &format!("{base}/"));
    std::fs::write(kiosk.config(), text_config).unwrap();
    let output = kiosk.update();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(kiosk.lists().join("easylist.txt")).unwrap(), new_easylist());
    assert_eq!(kiosk.site.connections(), 0);
}

#[test]
fn the_metrics_say_how_old_the_lists_are_and_how_the_last_update_went() {
    use guichet::policy::{Mode, Reason as Block};
    use guichet::stats::Tally;
    use guichet::supervisor::counts::Counts;

    let key = random_key();
    let kiosk = Kiosk::new("");
    assert!(kiosk.update().status.success());
    let success = kiosk.state().last_success.unwrap();
    // A second update fails: a signature is now required and missing.
    kiosk.configure(&kiosk.url(""), &public_key_line(&key));
    assert_eq!(kiosk.update().status.code(), Some(1));

    let config = Config::load_file(&kiosk.config()).unwrap();
    let catalog = Config::builtin().unwrap().load_catalog(&Config::builtin().unwrap().load_policy().unwrap()).unwrap();
    let mut counts = Counts::open(config.stats_file.clone(), config.stats_prometheus.clone(), config.lists_health());
    let prometheus = config.stats_prometheus.clone().unwrap();
    let at_start = std::fs::read_to_string(&prometheus).expect("written when the supervisor starts");
    assert!(at_start.contains("guichet_lists_update_ok 0\n"), "{at_start}");
    counts.add(
        vec![
            Tally::SessionStarted(Mode::Minor),
            Tally::Blocked(Block::NotAllowlisted),
            Tally::DemarcheStarted("caf-rsa".into()),
            Tally::Wiped(true),
            Tally::Wiped(false),
        ],
        &catalog,
    );
    let written = std::fs::read_to_string(&prometheus).unwrap();
    let ad_date = std::fs::metadata(kiosk.lists().join("easylist.txt")).unwrap().modified().unwrap().duration_since(UNIX_EPOCH).unwrap().as_secs();
    for series in [
        "guichet_day_sessions_started{mode=\"minor\"} 1".to_string(),
        "guichet_day_blocks{reason=\"not-allowlisted\"} 1".into(),
        "guichet_day_demarches_started{demarche=\"caf-rsa\"} 1".into(),
        "guichet_day_wipes{result=\"done\"} 1".into(),
        "guichet_day_wipes{result=\"failed\"} 1".into(),
        format!("guichet_lists_date_seconds{{list=\"categories\"}} {LIST_DATE}"),
        format!("guichet_lists_date_seconds{{list=\"ad\"}} {ad_date}"),
        format!("guichet_lists_update_last_success_seconds {success}"),
        "guichet_lists_update_ok 0".into(),
        "guichet_lists_update_failure{reason=\"signature\"} 1".into(),
        "guichet_lists_update_failure{reason=\"download\"} 0".into(),
    ] {
        assert!(written.lines().any(|line| line == series), "{series} missing from:\n{written}");
    }
    let age: u64 = written
        .lines()
        .find_map(|l| l.strip_prefix("guichet_lists_age_seconds{list=\"categories\"} "))
        .and_then(|v| v.parse().ok())
        .expect("the categories' age");
    assert!(age + 30 >= now() - LIST_DATE && age <= now() - LIST_DATE, "{age}");
    // Exposition format: every sample's family has its HELP and TYPE, and no address is in it.
    for line in written.lines().filter(|l| !l.starts_with('#')) {
        let name = line.split(['{', ' ']).next().unwrap();
        assert!(written.contains(&format!("# HELP {name} ")) && written.contains(&format!("# TYPE {name} gauge")), "{line}");
        assert!(!line.contains("http") && !line.contains("127.0.0.1"), "{line}");
    }
}
