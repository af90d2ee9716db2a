//! A private CUPS for the printing tests: its own cupsd (config, spool, logs and socket in a
//! temporary folder, no network) with one cups-pdf queue whose PDFs land in `out`. It touches
//! nothing of the machine's CUPS but cups-pdf's setting file `/etc/cups/cups-pdf-NAME.conf`
//! (cups-pdf reads it only from there) and its log `/var/log/cups/cups-pdf-QUEUE_log`, both
//! removed with the rig. Needs root (cups-pdf
//! runs as root) and Debian's cups, cups-client and printer-driver-cups-pdf.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Cups {
    pub dir: PathBuf,
    pub socket: PathBuf,
    pub queue: String,
    /// Where the queue's PDFs arrive.
    pub out: PathBuf,
    /// CUPS's spool: job files and job history would be here.
    pub spool: PathBuf,
    pdf_conf: PathBuf,
    cupsd: Child,
}

impl Cups {
    pub fn start(tag: &str) -> Cups {
        assert_eq!(unsafe { libc::geteuid() }, 0, "the printing test runs CUPS's cups-pdf backend, which needs root (CI runs as root)");
        let name = format!("guichet{tag}{}", std::process::id());
        let dir = std::env::temp_dir().join(format!("guichet-cups-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        for sub in ["etc/ppd", "spool/tmp", "cache", "state", "log", "out"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
        }
        let out = dir.join("out");
        std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
        let socket = dir.join("cups.sock");
        let cupsd_conf = format!(
            "Listen {socket}\nLogLevel warn\nBrowsing No\nWebInterface No\nPreserveJobFiles No\nPreserveJobHistory No\n\
             DefaultAuthType None\n<Location />\n  Order allow,deny\n  Allow all\n</Location>\n\
             <Policy default>\n  JobPrivateAccess default\n  JobPrivateValues default\n  SubscriptionPrivateAccess default\n  \
             SubscriptionPrivateValues default\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
            socket = socket.display()
        );
        let d = dir.display();
        let files_conf = format!(
            "ServerRoot {d}/etc\nRequestRoot {d}/spool\nTempDir {d}/spool/tmp\nCacheDir {d}/cache\nStateDir {d}/state\n\
             DataDir /usr/share/cups\nServerBin /usr/lib/cups\nErrorLog {d}/log/error_log\nAccessLog {d}/log/access_log\n\
             PageLog {d}/log/page_log\nSystemGroup root\n"
        );
        std::fs::write(dir.join("cupsd.conf"), &cupsd_conf).unwrap();
        std::fs::write(dir.join("etc/cupsd.conf"), &cupsd_conf).unwrap();
        std::fs::write(dir.join("cups-files.conf"), files_conf).unwrap();
        let pdf_conf = PathBuf::from(format!("/etc/cups/cups-pdf-{name}.conf"));
        std::fs::write(&pdf_conf, format!("Out {d}/out\nAnonDirName {d}/out\nLabel 0\nTitlePref 0\nUserUMask 0022\n")).unwrap();
        let cupsd = Command::new("/usr/sbin/cupsd")
            .args(["-f", "-c"])
            .arg(dir.join("cupsd.conf"))
            .arg("-s")
            .arg(dir.join("cups-files.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cupsd runs (Debian package cups)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "cupsd did not open its socket");
            std::thread::sleep(Duration::from_millis(100));
        }
        let queue = format!("Guichet{tag}");
        let status = Command::new("lpadmin")
            .arg("-h")
            .arg(&socket)
            .args(["-p", &queue, "-E", "-v", &format!("cups-pdf:/{name}"), "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"])
            // Of cups-filters' PDF-to-PostScript renderers, only pdftocairo keeps WebKit's
            // (CID TrueType) text as text through cups-pdf, so the test can read the page's
            // words; the default turns them into outlines (measured here).
            .args(["-o", "pdftops-renderer-default=pdftocairo"])
            .stderr(Stdio::null())
            .status()
            .expect("lpadmin runs (Debian package cups-client)");
        assert!(status.success(), "lpadmin could not add the test queue");
        Cups { spool: dir.join("spool"), dir, socket, queue, out, pdf_conf, cupsd }
    }

    /// The PDFs that arrived so far.
    pub fn printed(&self) -> Vec<PathBuf> {
        files_in(&self.out)
    }

    /// Files left in CUPS's spool: job data (`d…`) and job history (`c…`).
    pub fn spooled_jobs(&self) -> Vec<PathBuf> {
        files_in(&self.spool).into_iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(['c', 'd']))).collect()
    }

    /// Jobs CUPS still lists, whatever their state.
    pub fn listed_jobs(&self) -> String {
        let out = Command::new("lpstat").arg("-h").arg(&self.socket).args(["-W", "all", "-o"]).output().expect("lpstat runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|e| e.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default()
}

impl Drop for Cups {
    fn drop(&mut self) {
        unsafe { libc::kill(self.cupsd.id() as libc::pid_t, libc::SIGTERM) };
        let _ = self.cupsd.wait();
        let _ = std::fs::remove_file(&self.pdf_conf);
        // cups-pdf's own log of the test queue's jobs.
        let _ = std::fs::remove_file(format!("/var/log/cups/cups-pdf-{}_log", self.queue));
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
