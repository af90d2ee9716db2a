//! Runs the real kiosk (`guichet run`) on its own Xvfb display with a window manager, and
//! looks at it the way a patron would: screenshots, key presses, clicks, visible windows.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use guichet::control::{self, Reply, Request, Status};
use guichet::status::ViewKind;

/// WebKit is heavy and the machine small: one kiosk at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub struct Kiosk {
    pub dir: PathBuf,
    config_path: PathBuf,
    pub display: String,
    pub socket: PathBuf,
    pub sessions: PathBuf,
    xvfb: Child,
    wm: Option<Child>,
    guichet: Option<Child>,
    env: Vec<(String, String)>,
    _turn: MutexGuard<'static, ()>,
}

#[derive(Default)]
pub struct Options<'a> {
    /// `[network.hosts]`: host → test site address.
    pub hosts: Vec<(&'a str, SocketAddr)>,
    /// `[network.certificates]`: host → PEM file.
    pub certificates: Vec<(&'a str, PathBuf)>,
    /// Extra allowlist files (besides the built-in lists).
    pub lists: Vec<PathBuf>,
    /// Appended to the generated configuration.
    pub extra: String,
    /// Lines added under `[kiosk]` (such as `modes = [...]`).
    pub kiosk: String,
    /// The virtual screen's size (default 1280×800).
    pub screen: Option<(u32, u32)>,
    /// Environment variables for the kiosk (test switches such as speech to a file).
    pub env: Vec<(&'a str, &'a str)>,
}

fn unique_dir(tag: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("guichet-e2e-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Kiosk {
    pub fn start(tag: &str, options: Options) -> Kiosk {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = unique_dir(tag);
        let socket = dir.join("control.sock");
        let sessions = dir.join("sessions");
        let mut config = format!(
            "[kiosk]\nname = \"Test\"\n{kiosk}[policy]\nallowlists = [\"builtin\"{lists}]\n[session]\nfolder = {sessions:?}\n\
             [control]\nsocket = {socket:?}\n[stats]\nfile = \"stats.jsonl\"\n[network.hosts]\n",
            kiosk = options.kiosk,
            lists = options.lists.iter().map(|p| format!(", {:?}", p.display().to_string())).collect::<String>(),
            sessions = sessions.display().to_string(),
            socket = socket.display().to_string(),
        );
        for (host, address) in &options.hosts {
            config.push_str(&format!("{host:?} = \"{address}\"\n"));
        }
        config.push_str("[network.certificates]\n");
        for (host, path) in &options.certificates {
            config.push_str(&format!("{host:?} = {:?}\n", path.display().to_string()));
        }
        config.push_str(&options.extra);
        if !options.extra.contains("[adblock]") {
            // Debian's EasyList and EasyPrivacy, compiled by `guichet run` into a folder every
            // kiosk of the tests shares: WebKit compiles their content filters once (seconds,
            // hundreds of MB), not at each kiosk start.
            config.push_str(&format!("[adblock]\ncache = {:?}\n", shared_adblock_cache().display().to_string()));
        }
        let config_path = dir.join("config.toml");
        std::fs::write(&config_path, config).unwrap();

        let (xvfb, display) = start_xvfb(options.screen.unwrap_or((1280, 800)));
        let wm = Command::new("matchbox-window-manager")
            .args(["-use_titlebar", "no", "-use_cursor", "no"])
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
        let env: Vec<(String, String)> = options.env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let guichet = run_guichet(&dir, &config_path, &display, &env);
        let kiosk = Kiosk { dir, config_path, display, socket, sessions, xvfb, wm, guichet: Some(guichet), env, _turn: turn };
        kiosk.wait_welcome();
        kiosk
    }

    /// Waits until the supervisor's child has compiled the content filters (or found them
    /// compiled), then makes sure the session that comes loads them: one that built its page
    /// view before (a slow start) is ended.
    pub fn wait_content_filters(&self) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !self.log().contains("content filters compiled by WebKit") && !self.log().contains("content filters up to date") {
            assert!(Instant::now() < deadline, "the content filters were never compiled\n{}", self.log());
            thread::sleep(Duration::from_millis(100));
        }
        if self.log().contains("content filters not loaded") {
            assert_eq!(self.ctl(Request::EndSession), Reply::Ok);
            self.wait_for("the next welcome screen", Duration::from_secs(30), |s| s.state == guichet::status::State::Welcome);
        }
    }

    /// Kills the supervisor without warning (a crash, a power cut of the service).
    pub fn kill_supervisor(&mut self) {
        if let Some(mut child) = self.guichet.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the supervisor again on the same screen with the same configuration.
    pub fn restart(&mut self) {
        assert!(self.guichet.is_none(), "stop or kill the supervisor first");
        self.guichet = Some(run_guichet(&self.dir, &self.config_path, &self.display, &self.env));
        self.wait_welcome();
    }

    /// What a paste would give, from the CLIPBOARD or PRIMARY selection.
    pub fn selection(&self, which: &str) -> String {
        let output = Command::new("xclip")
            .args(["-o", "-selection", which])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xclip runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn wait_welcome(&self) {
        self.wait_for("the welcome screen", Duration::from_secs(60), |s| s.view == Some(ViewKind::Welcome));
        // The "Commencer" button (primary blue) is on screen once the welcome page is painted.
        self.wait_screen("the welcome screen", Duration::from_secs(30), welcome_painted);
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("guichet.log")).unwrap_or_default()
    }

    /// Log lines from GLib's logging with a level that means a bug: criticals and warnings
    /// (`Gtk-CRITICAL **`, `GLib-GObject-WARNING **`, `** (guichet:1): WARNING **`…).
    pub fn glib_problems(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.contains("CRITICAL") || l.contains("WARNING **"))
            // Known and harmless (README, "Log lines that are harmless"): the sandboxed web
            // process's D-Bus proxy does not pass StartServiceByName to the accessibility bus;
            // the registry already runs and pages still reach screen readers (e2e tested).
            .filter(|l| !(l.contains("WebKitWebProcess") && l.contains("Failed to connect to atspi registry")))
            .map(str::to_string)
            .collect()
    }

    /// Rests the pointer on each part of the bar's first row in turn, long enough for a tooltip
    /// to show and then move on, as a patron looking for a button does; ends on the web area.
    pub fn hover_bar(&self) {
        let row = (self.content_top() / 4).clamp(12, 40).to_string();
        let xs: Vec<String> = (16..1280).step_by(32).map(|x| x.to_string()).collect();
        // The first tooltip waits for GTK's hover delay; the next ones follow the pointer.
        let mut args = vec!["mousemove", "16", &row, "sleep", "1.2"];
        for x in &xs {
            args.extend(["mousemove", x.as_str(), row.as_str(), "sleep", "0.25"]);
        }
        args.extend(["mousemove", "640", "600", "sleep", "1"]);
        self.xdotool(&args);
    }

    pub fn guichet_pid(&self) -> u32 {
        self.guichet.as_ref().map(Child::id).unwrap_or_default()
    }

    pub fn ctl(&self, request: Request) -> Reply {
        control::send(&self.socket, &request).unwrap_or_else(|e| panic!("ctl failed: {e}\n--- log\n{}", self.log()))
    }

    pub fn status(&self) -> Status {
        match self.ctl(Request::Status) {
            Reply::Status(status) => status,
            other => panic!("status answered {other:?}"),
        }
    }

    pub fn open(&self, url: &str) {
        assert_eq!(self.ctl(Request::Open { url: zeroize::Zeroizing::new(url.to_string()) }), Reply::Ok);
    }

    /// Polls `status` until `condition` holds; panics with the log after `timeout`.
    pub fn wait_for(&self, what: &str, timeout: Duration, condition: impl Fn(&Status) -> bool) -> Status {
        let deadline = Instant::now() + timeout;
        let mut last = None;
        while Instant::now() < deadline {
            if let Ok(Reply::Status(status)) = control::send(&self.socket, &Request::Status) {
                if condition(&status) {
                    return status;
                }
                last = Some(status);
            }
            thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; last status {last:?}\n--- log\n{}", self.log());
    }

    pub fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool").args(args).env("DISPLAY", &self.display).status().expect("xdotool runs");
        assert!(status.success(), "xdotool {args:?} failed");
    }

    pub fn click(&self, x: i32, y: i32) {
        self.xdotool(&["mousemove", &x.to_string(), &y.to_string(), "click", "1"]);
    }

    pub fn key(&self, combo: &str) {
        self.xdotool(&["key", "--clearmodifiers", combo]);
    }

    pub fn type_text(&self, text: &str) {
        self.xdotool(&["type", "--delay", "40", text]);
    }

    pub fn screenshot(&self) -> Screenshot {
        let output = Command::new("import")
            .args(["-window", "root", "png24:-"])
            .env("DISPLAY", &self.display)
            .output()
            .expect("ImageMagick import runs");
        assert!(output.status.success(), "import failed: {}", String::from_utf8_lossy(&output.stderr));
        Screenshot::decode(&output.stdout)
    }

    /// What a screen reader sees in each session's accessibility tree: per session folder,
    /// (role, name) pairs, read through the session's own private bus.
    pub fn accessibility_trees(&self) -> Vec<Vec<(String, String)>> {
        self.accessibility_nodes().into_iter().map(|tree| tree.into_iter().map(|n| (n.role, n.name)).collect()).collect()
    }

    /// The first session tree that shows a screen reader `role` `name` (waits up to 40 s).
    pub fn tree_with(&self, role: &str, name: &str) -> Vec<Node> {
        let deadline = Instant::now() + Duration::from_secs(40);
        loop {
            if let Some(tree) = self.accessibility_nodes().into_iter().find(|t| t.iter().any(|n| n.role == role && n.name == name)) {
                return tree;
            }
            assert!(Instant::now() < deadline, "no session shows {role} {name:?} to a screen reader: {:?}\n{}", self.accessibility_trees(), self.log());
            thread::sleep(Duration::from_millis(500));
        }
    }

    /// Each session's accessibility tree with the nodes' pressed state.
    pub fn accessibility_nodes(&self) -> Vec<Vec<Node>> {
        let mut trees = Vec::new();
        for folder in self.session_folders() {
            let Some(output) = atspi(&folder, &[]) else { continue };
            trees.push(
                output
                    .lines()
                    .filter_map(|line| {
                        let mut fields = line.splitn(5, '\t');
                        let (_, role, name) = (fields.next()?, fields.next()?, fields.next()?);
                        let pressed = fields.next() == Some("pressed");
                        Some(Node { role: role.to_string(), name: name.to_string(), pressed, text: fields.next().unwrap_or_default().to_string() })
                    })
                    .collect(),
            );
        }
        trees
    }

    /// Activates the first control with this role and name in any session, as a screen reader
    /// user would (AT-SPI's first action, "press" or "click"). False when none was found.
    pub fn press_accessible(&self, role: &str, name: &str) -> bool {
        self.session_folders().iter().any(|folder| atspi(folder, &["--press", role, name]).is_some_and(|out| out.contains("pressed")))
    }

    /// Where a screen reader says each showing node of `role` is on screen: its name and
    /// (x, y, width, height), from the first session that shows any.
    pub fn showing(&self, role: &str) -> Vec<(String, (i32, i32, i32, i32))> {
        let parse = |out: String| -> Vec<(String, (i32, i32, i32, i32))> {
            out.lines()
                .filter_map(|line| {
                    let f: Vec<&str> = line.splitn(5, '\t').collect();
                    let n = |i: usize| f.get(i).and_then(|v| v.parse::<i32>().ok());
                    Some((f.get(4)?.to_string(), (n(0)?, n(1)?, n(2)?, n(3)?)))
                })
                .collect()
        };
        self.session_folders().iter().filter_map(|folder| atspi(folder, &["--showing", role]).map(parse)).find(|nodes| !nodes.is_empty()).unwrap_or_default()
    }

    /// The process ids connected to a session's accessibility bus.
    pub fn accessibility_bus_pids(&self, folder: &Path) -> Vec<u32> {
        atspi(folder, &["--bus-pids"]).unwrap_or_default().lines().filter_map(|l| l.trim().parse().ok()).collect()
    }

    /// A screenshot in about 15 ms (`xwd`, no PNG), for timing what a patron sees.
    pub fn quick_screenshot(&self) -> Screenshot {
        self.quick_screenshot_every(1)
    }

    /// Like [`Self::quick_screenshot`], keeping one pixel in `step` across and down: a look
    /// costs little more than the dump, for timing what changes on screen.
    pub fn quick_screenshot_every(&self, step: usize) -> Screenshot {
        // xwd rarely fails while a window is being mapped or unmapped (seen once in a full run):
        // the next dump, a few milliseconds later, is as good.
        let mut errors = Vec::new();
        for _ in 0..3 {
            let output = Command::new("xwd").args(["-root", "-silent"]).env("DISPLAY", &self.display).output().expect("xwd runs (x11-apps)");
            if output.status.success() {
                return Screenshot::from_xwd(&output.stdout, step);
            }
            errors.push(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        panic!("xwd failed three times: {errors:?}")
    }

    /// Takes screenshots until `condition` holds (painting lags page loads); panics after `timeout`.
    pub fn wait_screen(&self, what: &str, timeout: Duration, condition: impl Fn(&Screenshot) -> bool) -> Screenshot {
        let deadline = Instant::now() + timeout;
        loop {
            let shot = self.screenshot();
            if condition(&shot) {
                return shot;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting to see {what}; saved {:?}\n--- log\n{}", self.save_screenshot("wait-screen"), self.log());
            }
            thread::sleep(Duration::from_millis(200));
        }
    }

    /// The pointer's image size in pixels (screenshots do not show the pointer).
    pub fn cursor_size(&self) -> (u32, u32) {
        let output = Command::new("/usr/bin/python3").arg(super::fixture("cursor-size.py")).env("DISPLAY", &self.display).output().expect("python3 runs");
        let text = String::from_utf8_lossy(&output.stdout);
        let mut sizes = text.split_whitespace().filter_map(|n| n.parse().ok());
        (sizes.next().unwrap_or(0), sizes.next().unwrap_or(0))
    }

    /// Saves a screenshot next to the log, for people reading a failure.
    pub fn save_screenshot(&self, name: &str) -> PathBuf {
        let path = self.dir.join(format!("{name}.png"));
        let _ = Command::new("import").args(["-window", "root"]).arg(&path).env("DISPLAY", &self.display).status();
        path
    }

    /// Names of the visible top-level windows.
    pub fn visible_windows(&self) -> Vec<String> {
        let output = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", ""])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xdotool runs");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|id| {
                let name = Command::new("xdotool").args(["getwindowname", id]).env("DISPLAY", &self.display).output().ok()?;
                let name = String::from_utf8_lossy(&name.stdout).trim().to_string();
                (!name.is_empty()).then_some(name)
            })
            .collect()
    }

    /// Where the web starts on screen: the row below the bar's blue bottom border.
    pub fn content_top(&self) -> i32 {
        let shot = self.wait_screen("the bar", Duration::from_secs(20), |shot| bar_bottom(shot).is_some());
        bar_bottom(&shot).unwrap_or_default()
    }

    /// The session folders that exist now.
    pub fn session_folders(&self) -> Vec<PathBuf> {
        std::fs::read_dir(&self.sessions)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    /// Processes below the supervisor (session, WebKit helpers), as (pid, command name).
    pub fn descendants(&self) -> Vec<(u32, String)> {
        descendants(self.guichet_pid())
    }

    /// Stops the kiosk as a service manager would (SIGTERM) and waits for it.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.guichet.take()?;
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        child.wait().ok()
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        self.stop();
        unmount_leftovers(&self.dir);
        if let Some(mut wm) = self.wm.take() {
            let _ = wm.kill();
            let _ = wm.wait();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
        if !thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        } else {
            eprintln!("kept {} for inspection", self.dir.display());
        }
    }
}

/// A supervisor that had to be killed (or that a test killed) leaves its sessions' RAM folders
/// mounted: the tests' own folders are not left behind on the machine.
fn unmount_leftovers(dir: &Path) {
    let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else { return };
    let points: Vec<&str> = table.lines().filter_map(|line| line.split(' ').nth(4)).filter(|point| Path::new(point).starts_with(dir)).collect();
    for point in points {
        if let Ok(point) = std::ffi::CString::new(point) {
            // SAFETY: a NUL-terminated path; detaching a mount of our own test folder.
            unsafe { libc::umount2(point.as_ptr(), libc::MNT_DETACH) };
        }
    }
}

/// Starts Xvfb on a free display it picks itself and reports on its standard output.
fn start_xvfb((width, height): (u32, u32)) -> (Child, String) {
    let mut child = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", &format!("{width}x{height}x24"), "-nolisten", "tcp", "-noreset"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb is installed (tests/run-all.sh installs it)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let number: u32 = line.trim().parse().unwrap_or_else(|_| panic!("Xvfb did not report a display: {line:?}"));
    (child, format!(":{number}"))
}

pub fn descendants(root: u32) -> Vec<(u32, String)> {
    let mut table = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        // comm is in parentheses and may contain spaces; the fields after it are fixed.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let comm = stat[open + 1..close].to_string();
        let ppid: u32 = stat[close + 2..].split(' ').nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        table.push((pid, ppid, comm));
    }
    let mut found = Vec::new();
    let mut frontier = vec![root];
    while let Some(parent) = frontier.pop() {
        for (pid, ppid, comm) in &table {
            if *ppid == parent {
                found.push((*pid, comm.clone()));
                frontier.push(*pid);
            }
        }
    }
    found
}

/// The welcome screen is painted: its "Commencer" button (primary blue) is on screen.
pub fn welcome_painted(shot: &Screenshot) -> bool {
    shot.count((0, shot.height / 2, shot.width, shot.height), (0, 0, 145), 4) > 2000
}

/// The ad-blocking cache every kiosk of the tests shares, its content filters compiled once
/// before the first kiosk starts: a kiosk that stops within seconds (most tests) would otherwise
/// stop its background compilation each time, and the next would start it again.
fn shared_adblock_cache() -> PathBuf {
    static COMPILED: std::sync::Once = std::sync::Once::new();
    let folder = std::env::temp_dir().join("guichet-e2e-adblock");
    let cache = folder.join("adblock.cache");
    COMPILED.call_once(|| {
        std::fs::create_dir_all(&folder).unwrap();
        let config = folder.join("config.toml");
        std::fs::write(&config, format!("[adblock]\ncache = {:?}\n", cache.display().to_string())).unwrap();
        let paths = guichet::ads::FilterPaths::beside(&cache);
        let compiled = guichet::ads::read_manifest(&paths).is_ok() && !guichet::ads::store_is_stale(&paths);
        if !compiled {
            let out = Command::new(env!("CARGO_BIN_EXE_guichet")).args(["lists", "compile-adblock", "--config"]).arg(&config).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    });
    cache
}

/// `cargo test` builds the GPU-free EGL (src/guichet-egl/) but does not put it beside the
/// programs, where `guichet run` looks for it: built once per test program, as `cargo build`
/// would (at once when it is up to date).
fn build_gpu_free_egl() {
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--locked", "--profile", "test", "--package", "guichet-egl"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "cargo could not build the GPU-free EGL");
        let library = Path::new(env!("CARGO_BIN_EXE_guichet")).with_file_name("libguichet_egl.so");
        assert!(library.is_file(), "{} was not built", library.display());
    });
}

fn run_guichet(dir: &Path, config: &Path, display: &str, env: &[(String, String)]) -> Child {
    build_gpu_free_egl();
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("guichet.log")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_guichet"))
        .args(["run", "--config"])
        .arg(config)
        .env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("guichet starts")
}

/// Where the page starts: just below the bar's dark blue bottom border.
pub fn bar_bottom(shot: &Screenshot) -> Option<i32> {
    (0..shot.height / 2).find(|&y| shot.pixel(4, y) == (0, 0, 145)).map(|y| y as i32 + 3)
}

/// One node of an accessibility tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub role: String,
    pub name: String,
    /// A toggle button that is pressed (AT-SPI's PRESSED state).
    pub pressed: bool,
    /// What an unnamed text node (a paragraph) says.
    pub text: String,
}

/// Runs the AT-SPI script on the private bus of the session in `folder`; `None` when the
/// session has no bus (yet) or the script failed.
fn atspi(folder: &Path, args: &[&str]) -> Option<String> {
    let socket = std::fs::read_dir(folder.join("runtime"))
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("dbus-"))?;
    let output = Command::new("/usr/bin/python3")
        .arg(super::fixture("atspi-tree.py"))
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", socket.path().display()))
        .env_remove("AT_SPI_BUS_ADDRESS")
        .output()
        .expect("python3 with gi runs (python3-gi, gir1.2-atspi-2.0)");
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A decoded RGB(A) screenshot.
pub struct Screenshot {
    pub width: u32,
    pub height: u32,
    channels: usize,
    data: Vec<u8>,
}

impl Screenshot {
    fn decode(bytes: &[u8]) -> Screenshot {
        let mut decoder = png::Decoder::new(bytes);
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().expect("a PNG");
        let mut data = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut data).expect("a frame");
        let (color, _) = reader.output_color_type();
        let channels = color.samples();
        assert!(channels >= 3, "an RGB screenshot, got {color:?}");
        data.truncate(info.buffer_size());
        Screenshot { width: info.width, height: info.height, channels, data }
    }

    /// An X window dump of a 24-bit screen (32 bits a pixel, least significant byte first).
    fn from_xwd(bytes: &[u8], step: usize) -> Screenshot {
        let field = |i: usize| u32::from_be_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap());
        let (header, width, height, bits, line, colours) = (field(0), field(4), field(5), field(11), field(12), field(19));
        assert_eq!((field(7), bits), (0, 32), "a 32-bit LSB-first dump");
        let start = header as usize + colours as usize * 12;
        let (kept_width, kept_height) = (width as usize / step, height as usize / step);
        let mut data = Vec::with_capacity(kept_width * kept_height * 3);
        for y in 0..kept_height {
            let row = &bytes[start + y * step * line as usize..];
            for x in 0..kept_width {
                let pixel = &row[x * step * 4..x * step * 4 + 3];
                data.extend_from_slice(&[pixel[2], pixel[1], pixel[0]]);
            }
        }
        Screenshot { width: kept_width as u32, height: kept_height as u32, channels: 3, data }
    }

    pub fn pixel(&self, x: u32, y: u32) -> (u8, u8, u8) {
        let i = (y as usize * self.width as usize + x as usize) * self.channels;
        (self.data[i], self.data[i + 1], self.data[i + 2])
    }

    /// How many pixels of the rectangle are within `tolerance` of `color` on every channel.
    /// The middle of the pixels close to `color` (±7) inside a region, if there are over 100.
    pub fn centre_of(&self, color: (u8, u8, u8), (x0, y0, x1, y1): (u32, u32, u32, u32)) -> Option<(i32, i32)> {
        let (mut sx, mut sy, mut n) = (0u64, 0u64, 0u64);
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                let (r, g, b) = self.pixel(x, y);
                if r.abs_diff(color.0) < 8 && g.abs_diff(color.1) < 8 && b.abs_diff(color.2) < 8 {
                    sx += u64::from(x);
                    sy += u64::from(y);
                    n += 1;
                }
            }
        }
        (n > 100).then(|| ((sx / n) as i32, (sy / n) as i32))
    }

    pub fn count(&self, (x0, y0, x1, y1): (u32, u32, u32, u32), color: (u8, u8, u8), tolerance: u8) -> usize {
        let close = |a: u8, b: u8| a.abs_diff(b) <= tolerance;
        let mut n = 0;
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                let (r, g, b) = self.pixel(x, y);
                if close(r, color.0) && close(g, color.1) && close(b, color.2) {
                    n += 1;
                }
            }
        }
        n
    }
}

/// Reads a whole file into memory (for comparing downloads).
pub fn read(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    std::fs::File::open(path).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}
