//! `guichet doctor`'s checks over the text of real-looking system files (tests/fixtures/doctor/).

use std::path::{Path, PathBuf};

use guichet::doctor::{self, Facts, Finding, Read};

fn fixture(name: &str) -> Read {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doctor").join(name);
    Read::Text(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn text(value: &str) -> Read {
    Read::Text(value.to_string())
}

const KIOSK_ROOT: &str = "/run/user/999/guichet";

#[test]
fn the_kiosk_users_runtime_folder_is_in_ram() {
    let found = doctor::ram_folder(Path::new(KIOSK_ROOT), &fixture("mounts-debian12.txt"));
    assert!(found.ok);
    assert_eq!(found.line(), "ok   ram-folder: session folders go in /run/user/999/guichet, on tmpfs mounted at /run/user/999");
}

#[test]
fn a_folder_on_disk_is_refused_and_a_tmpfs_named() {
    for root in ["/var/lib/guichet/sessions", "/home/kiosk/sessions", "/media/usb key/sessions"] {
        let found = doctor::ram_folder(Path::new(root), &fixture("mounts-debian12.txt"));
        assert!(!found.ok, "{root}");
        assert!(found.line().starts_with("todo ram-folder: session folders would go in "), "{}", found.line());
        assert!(found.text.contains("Set [session] folder to a folder on a tmpfs"), "{}", found.text);
    }
    let found = doctor::ram_folder(Path::new("/var/lib/guichet/sessions"), &fixture("mounts-debian12.txt"));
    assert!(found.text.contains("which is on ext4, not in RAM"), "{}", found.text);
    // A mount point only counts for whole path components.
    assert!(!doctor::ram_folder(Path::new("/runner/guichet"), &fixture("mounts-debian12.txt")).ok);
    // Before logind mounts the kiosk user's runtime folder, /run (also a tmpfs) holds it.
    assert!(doctor::ram_folder(Path::new("/run/user/1234/guichet"), &fixture("mounts-debian12.txt")).ok);
}

#[test]
fn the_last_mount_on_a_point_is_the_one_in_use() {
    let table = "/dev/sda1 / ext4 rw 0 0\ntmpfs /srv tmpfs rw 0 0\n/dev/sdb1 /srv ext4 rw 0 0\n";
    assert!(!doctor::ram_folder(Path::new("/srv/guichet"), &text(table)).ok);
    let table = "/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /srv ext4 rw 0 0\ntmpfs /srv tmpfs rw 0 0\n";
    assert!(doctor::ram_folder(Path::new("/srv/guichet"), &text(table)).ok);
}

#[test]
fn swap_off_or_a_noswap_tmpfs() {
    let root = Path::new(KIOSK_ROOT);
    let off = doctor::swap(&fixture("swaps-off.txt"), root, &fixture("mounts-debian12.txt"));
    assert_eq!(off.line(), "ok   swap: swap is off");
    let on = doctor::swap(&fixture("swaps-on.txt"), root, &fixture("mounts-debian12.txt"));
    assert!(!on.ok);
    assert!(on.text.starts_with("swap is on (/dev/sda3, /swap file): "), "{}", on.text);
    assert!(on.text.contains("swapoff -a"), "{}", on.text);
    let noswap = doctor::swap(&fixture("swaps-on.txt"), root, &fixture("mounts-noswap.txt"));
    assert!(noswap.ok, "{}", noswap.text);
    assert!(noswap.text.contains("mounted noswap"));
    // Another tmpfs being noswap does not help this folder.
    assert!(!doctor::swap(&fixture("swaps-on.txt"), Path::new("/dev/shm/guichet"), &fixture("mounts-noswap.txt")).ok);
    // Unreadable: not assumed off.
    let failed = doctor::swap(&Read::Failed("Permission denied".into()), root, &fixture("mounts-debian12.txt"));
    assert_eq!(failed.line(), "todo swap: cannot read /proc/swaps (Permission denied): run `guichet doctor` as root");
}

#[test]
fn init_on_free_table() {
    let table = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doctor/cmdline.tsv")).unwrap();
    let mut cases = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (expected, cmdline) = line.split_once('\t').expect("expected<TAB>cmdline");
        let found = doctor::init_on_free(&text(cmdline));
        assert_eq!(found.ok, expected == "ok", "{cmdline}: {}", found.line());
        cases += 1;
    }
    assert_eq!(cases, 12);
    let missing = doctor::init_on_free(&text("ro quiet"));
    assert!(missing.text.contains("add init_on_free=1 to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub"), "{}", missing.text);
}

#[test]
fn cups_must_keep_neither_files_nor_history() {
    let cases = [
        ("cupsd-default.conf", None),
        ("cupsd-keeps-nothing.conf", Some(())),
        ("cupsd-history-seconds.conf", None),
        ("cupsd-later-line-wins.conf", None),
    ];
    for (file, ok) in cases {
        assert_eq!(doctor::cups(&fixture(file)).ok, ok.is_some(), "{file}");
    }
    assert_eq!(
        doctor::cups(&fixture("cupsd-default.conf")).line(),
        "todo cups: CUPS keeps printed documents or their history: set PreserveJobFiles No and PreserveJobHistory No in \
         /etc/cups/cupsd.conf, then `systemctl restart cups`"
    );
    assert!(doctor::cups(&fixture("cupsd-history-seconds.conf")).text.contains("set PreserveJobHistory No in"));
    assert!(doctor::cups(&fixture("cupsd-later-line-wins.conf")).text.contains("set PreserveJobFiles No in"));
    assert_eq!(doctor::cups(&Read::Missing).line(), "ok   cups: CUPS is not installed: no print job is kept");
    // cupsd.conf is root:lp 0640: staff without root are told so, not reassured.
    assert!(!doctor::cups(&Read::Failed("Permission denied".into())).ok);
}

#[test]
fn user_namespaces_for_webkits_sandbox() {
    let absent = Read::Missing;
    // Debian 12: the Debian switch on, no AppArmor restriction.
    assert!(doctor::user_namespaces(&text("1\n"), &text("15139\n"), &absent).ok);
    // A kernel without the Debian switch.
    assert!(doctor::user_namespaces(&absent, &text("15139\n"), &absent).ok);
    let off = doctor::user_namespaces(&text("0\n"), &text("15139\n"), &absent);
    assert!(!off.ok);
    assert!(off.text.contains("kernel.unprivileged_userns_clone=1"), "{}", off.text);
    assert!(!doctor::user_namespaces(&absent, &text("0\n"), &absent).ok);
    // Ubuntu 24.04's default.
    let ubuntu = doctor::user_namespaces(&absent, &text("15139\n"), &text("1\n"));
    assert!(!ubuntu.ok);
    assert!(ubuntu.text.contains("kernel.apparmor_restrict_unprivileged_userns=0"), "{}", ubuntu.text);
    assert!(doctor::user_namespaces(&absent, &text("15139\n"), &text("0\n")).ok);
    assert!(!doctor::user_namespaces(&text("garbage"), &text("15139\n"), &absent).ok);
}

#[test]
fn the_kiosk_user_is_found_by_its_exact_name() {
    let passwd = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doctor/passwd.txt")).unwrap();
    assert_eq!(doctor::user_id(&passwd, "guichet"), Some(999));
    assert_eq!(doctor::user_id(&passwd, "guich"), None);
    assert_eq!(doctor::user_id("", "guichet"), None);
}

fn kiosk(mounts: &str, swaps: &str, cmdline: &str, cups: Read) -> Facts {
    Facts {
        session_root: PathBuf::from(KIOSK_ROOT),
        swaps: fixture(swaps),
        cmdline: text(cmdline),
        mounts: fixture(mounts),
        cupsd_conf: cups,
        userns_clone: text("1"),
        max_user_namespaces: text("15139"),
        apparmor_restrict_userns: Read::Missing,
    }
}

#[test]
fn a_ready_machine_reports_every_check_ok() {
    let facts = kiosk("mounts-debian12.txt", "swaps-off.txt", "ro quiet init_on_free=1", fixture("cupsd-keeps-nothing.conf"));
    let (report, all_ok) = doctor::report(&doctor::examine(&facts));
    assert!(all_ok, "{report}");
    let checks: Vec<&str> = report.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(checks, ["ok   ram-folder", "ok   swap", "ok   init-on-free", "ok   cups", "ok   user-namespaces"]);
}

#[test]
fn a_fresh_install_lists_what_to_do() {
    let facts = kiosk("mounts-debian12.txt", "swaps-on.txt", "ro quiet", fixture("cupsd-default.conf"));
    let findings: Vec<Finding> = doctor::examine(&facts);
    let (report, all_ok) = doctor::report(&findings);
    assert!(!all_ok);
    let todo: Vec<&str> = findings.iter().filter(|f| !f.ok).map(|f| f.check).collect();
    assert_eq!(todo, ["swap", "init-on-free", "cups"], "{report}");
    assert_eq!(report.lines().count(), 5);
}
