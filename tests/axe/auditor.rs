//! WebKitGTK views on their own Xvfb display, serving Guichet's pages as the kiosk does (the
//! `guichet` scheme, with the same headers and Content-Security-Policy) and auditing them: the
//! engine of the accessibility audit (tests/axe_audit.rs). axe-core is injected into every page
//! in a script world of its own. Several views (lanes), each with its own web process, audit
//! side by side; only the focus checks take turns, since only the focused view shows focus.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use glib::translate::ToGlibPtr;
use gtk::prelude::*;
use javascriptcore::ValueExt;
use webkit2gtk::{
    LoadEvent, URISchemeRequestExt, URISchemeResponse, URISchemeResponseExt, UserContentInjectedFrames, UserContentManager,
    UserContentManagerExt, UserScript, UserScriptInjectionTime, UserStyleLevel, UserStyleSheet, WebContext, WebContextExt, WebViewExt,
};

use super::scenes::Scene;

/// The script world axe-core and the audit's own checks run in. The pages' policy forbids
/// `eval`, which axe-core's message templates use; a world of its own is not under the page's
/// policy, and shares its document (not its script's globals).
const AUDIT_WORLD: &str = "guichet-audit";

/// What the kiosk's chrome view finds in its page: wry's `window.ipc`, which chrome.js posts to.
/// Here it only keeps the messages.
const IPC_STUB: &str = "window.ipc = { sent: [], postMessage(message) { this.sent.push(message); } };";

const RUN_AXE: &str = include_str!("run-axe.js");
const CHECKS: &str = include_str!("checks.js");

/// The room each view has: the kiosk's test screen.
const VIEW_SIZE: (i32, i32) = (1280, 800);

/// What one scene gave: axe-core's violations and the checks' findings, both as JSON.
pub struct Audited {
    pub axe: String,
    pub checks: String,
}

/// Where a lane is with its scene. Script and load callbacks move it on; the loop starts the
/// next step.
enum Stage {
    Idle,
    Loading,
    Loaded,
    Applying,
    Applied,
    Axing,
    Axed(String),
    Checking,
    Checked(String, String),
    Failed(String),
}

struct Lane {
    view: webkit2gtk::WebView,
    stage: Rc<RefCell<Stage>>,
    scene: Option<usize>,
    since: Instant,
    /// The scene whose page the view has loaded.
    page: Option<usize>,
    /// The accessibility settings' user style sheet the view has.
    css: String,
}

/// The page each view is showing: the scene's own page as it was served when the core sent it
/// there, and the style sheets and scripts from the same server.
type Served = Rc<RefCell<HashMap<usize, (String, guichet::pages::Response, std::sync::Arc<guichet::pages::Server>, guichet::pages::View)>>>;

pub struct Auditor {
    xvfb: Child,
    window: gtk::Window,
    lanes: Vec<Lane>,
    served: Served,
}

fn key(view: &webkit2gtk::WebView) -> usize {
    let pointer: *mut webkit2gtk::ffi::WebKitWebView = view.to_glib_none().0;
    pointer as usize
}

impl Auditor {
    /// Starts Xvfb and GTK on this thread (the only one that may use GTK from now on), and
    /// `lanes` web views side by side with `axe` (axe-core's source) injected into their pages.
    pub fn start(axe: &str, lanes: usize) -> Auditor {
        let (width, height) = VIEW_SIZE;
        let mut xvfb = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", &format!("{}x{height}x24", width * lanes as i32), "-nolisten", "tcp", "-noreset"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (tests/run-all.sh installs it)");
        let mut line = String::new();
        BufReader::new(xvfb.stdout.take().expect("Xvfb's output")).read_line(&mut line).expect("Xvfb reports its display");
        // This test binary has one test, whose thread sets these before GTK starts: no other
        // thread reads the environment meanwhile.
        std::env::set_var("DISPLAY", format!(":{}", line.trim()));
        std::env::set_var("NO_AT_BRIDGE", "1");
        std::env::set_var("WEBKIT_A11Y_BUS_ADDRESS", "");
        gtk::init().expect("GTK starts on the Xvfb display");

        let served: Served = Rc::new(RefCell::new(HashMap::new()));
        let context = WebContext::new_ephemeral();
        let pages = Rc::clone(&served);
        context.register_uri_scheme("guichet", move |request| {
            let uri = request.uri().map(|u| u.to_string()).unwrap_or_default();
            let page = request.web_view().and_then(|view| {
                let served = pages.borrow();
                let (url, response, server, view) = served.get(&key(&view))?;
                Some(if *url == uri { response.clone() } else { server.serve(*view, &uri) })
            });
            let Some(page) = page else {
                request.finish_error(&mut glib::Error::new(glib::FileError::Noent, "no page for this view"));
                return;
            };
            let headers = page.headers();
            let bytes = glib::Bytes::from_owned(page.body.into_owned());
            let response = URISchemeResponse::new(&gio::MemoryInputStream::from_bytes(&bytes), bytes.len() as i64);
            response.set_status(u32::from(page.status), None);
            response.set_content_type(page.content_type);
            // The headers the shell sends.
            let soup_headers = soup::MessageHeaders::new(soup::MessageHeadersType::Response);
            for (name, value) in headers {
                soup_headers.append(name, value);
            }
            response.set_http_headers(soup_headers);
            request.finish_with_response(&response);
        });

        let window = gtk::Window::new(gtk::WindowType::Toplevel);
        window.set_default_size(width * lanes as i32, height);
        let fixed = gtk::Fixed::new();
        window.add(&fixed);
        let lanes: Vec<Lane> = (0..lanes)
            .map(|i| {
                // Each view its own: the accessibility style sheet is the scene's.
                let scripts = UserContentManager::new();
                scripts.add_script(&UserScript::new(IPC_STUB, UserContentInjectedFrames::TopFrame, UserScriptInjectionTime::Start, &[], &[]));
                scripts.add_script(&UserScript::for_world(axe, UserContentInjectedFrames::TopFrame, UserScriptInjectionTime::Start, AUDIT_WORLD, &[], &[]));
                let view = webkit2gtk::WebView::builder().web_context(&context).user_content_manager(&scripts).build();
                view.set_size_request(width, height);
                fixed.put(&view, width * i as i32, 0);
                let stage = Rc::new(RefCell::new(Stage::Idle));
                let loaded = Rc::clone(&stage);
                view.connect_load_changed(move |_, event| {
                    let mut stage = loaded.borrow_mut();
                    if event == LoadEvent::Finished && matches!(*stage, Stage::Loading) {
                        *stage = Stage::Loaded;
                    }
                });
                let failed = Rc::clone(&stage);
                view.connect_load_failed(move |_, _, uri, error| {
                    *failed.borrow_mut() = Stage::Failed(format!("{uri} did not load: {error}"));
                    false
                });
                Lane { view, stage, scene: None, since: Instant::now(), page: None, css: String::new() }
            })
            .collect();
        window.show_all();
        window.present();
        Auditor { xvfb, window, lanes, served }
    }

    /// Audits every scene, handing each result to `done` as it comes (in any order).
    pub fn audit(&mut self, scenes: &[Scene], mut done: impl FnMut(&Scene, Audited)) {
        let mut queue: VecDeque<usize> = (0..scenes.len()).collect();
        // The lane whose view has the keyboard focus for its checks.
        let focus_taken = Rc::new(Cell::new(false));
        loop {
            let mut busy = false;
            for lane in &mut self.lanes {
                let stage = std::mem::replace(&mut *lane.stage.borrow_mut(), Stage::Idle);
                let next = match stage {
                    Stage::Idle => match queue.pop_front().inspect(|index| lane.style(&scenes[*index].css)) {
                        // The chrome page stays loaded from one screen to the next, as in the
                        // kiosk, where only its state changes.
                        Some(index) if lane.page.is_some_and(|page| scenes[index].same_page(&scenes[page])) && scenes[index].state.is_some() => {
                            lane.scene = Some(index);
                            lane.since = Instant::now();
                            Stage::Loaded
                        }
                        Some(index) => {
                            let scene = &scenes[index];
                            lane.scene = Some(index);
                            lane.page = Some(index);
                            lane.since = Instant::now();
                            self.served.borrow_mut().insert(
                                key(&lane.view),
                                (scene.url.clone(), scene.response.clone(), std::sync::Arc::clone(&scene.server), scene.view),
                            );
                            lane.view.set_zoom_level(scene.zoom);
                            lane.view.set_size_request(scene.size.0, scene.size.1);
                            lane.view.load_uri(&scene.url);
                            Stage::Loading
                        }
                        None => Stage::Idle,
                    },
                    Stage::Loaded => match &scenes[lane.scene.expect("a scene")].state {
                        Some(state) => {
                            // The page's own script must be there, and show the screen.
                            let screen = serde_json::to_string(&state.screen).expect("a screen's name");
                            let script = format!(
                                "if (!window.guichet) throw new Error('chrome.js has not run'); {} \
                                 if (document.body.dataset.screen !== {screen}) throw new Error('the page shows ' + document.body.dataset.screen); \
                                 return true;",
                                state.script()
                            );
                            run(&lane.view, &script, None, &lane.stage, |_| Stage::Applied);
                            Stage::Applying
                        }
                        None => axe(lane),
                    },
                    Stage::Applied => axe(lane),
                    Stage::Axed(violations) if !focus_taken.get() => {
                        focus_taken.set(true);
                        lane.view.grab_focus();
                        let taken = Rc::clone(&focus_taken);
                        run(&lane.view, CHECKS, Some(AUDIT_WORLD), &lane.stage, move |checks| {
                            taken.set(false);
                            Stage::Checked(violations, checks)
                        });
                        Stage::Checking
                    }
                    Stage::Checked(axe, checks) => {
                        done(&scenes[lane.scene.take().expect("a scene")], Audited { axe, checks });
                        busy = true;
                        Stage::Idle
                    }
                    Stage::Failed(error) => {
                        let scene = lane.scene.map(|i| &scenes[i]);
                        panic!("{}: {error}", scene.map_or_else(String::new, Scene::name));
                    }
                    other => other,
                };
                if !matches!(next, Stage::Idle) {
                    busy = true;
                    if let Some(scene) = lane.scene.map(|i| &scenes[i]) {
                        assert!(lane.since.elapsed() < Duration::from_secs(120), "{}: no result after two minutes", scene.name());
                    }
                }
                let mut stage = lane.stage.borrow_mut();
                // A callback may have moved the lane on while it was being handled.
                if matches!(*stage, Stage::Idle) {
                    *stage = next;
                }
            }
            if !busy && queue.is_empty() {
                return;
            }
            if !glib::MainContext::default().iteration(false) {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}

/// The processor time the web processes have used so far, in seconds (from /proc): what the
/// audit costs, whatever else the machine is doing.
pub fn web_processes_cpu_seconds() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    crate::common::kiosk::descendants(std::process::id())
        .into_iter()
        .filter(|(_, name)| name.starts_with("WebKit"))
        .filter_map(|(pid, _)| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
        .map(|stat| {
            // utime and stime are the 12th and 13th fields after the parenthesised name.
            let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
            let field = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
            (field(11) + field(12)) / ticks
        })
        .sum()
}

impl Lane {
    /// Gives the view `css` as its user style sheet, as the shell does (src/shell/appearance.rs);
    /// a page already loaded takes it at once.
    fn style(&mut self, css: &str) {
        if self.css == css {
            return;
        }
        if let Some(manager) = self.view.user_content_manager() {
            manager.remove_all_style_sheets();
            if !css.is_empty() {
                manager.add_style_sheet(&UserStyleSheet::new(css, UserContentInjectedFrames::AllFrames, UserStyleLevel::User, &[], &[]));
            }
        }
        self.css = css.to_string();
    }
}

fn axe(lane: &Lane) -> Stage {
    run(&lane.view, RUN_AXE, Some(AUDIT_WORLD), &lane.stage, Stage::Axed);
    Stage::Axing
}

/// Runs `body` as an async function in `world` (`None`: the page's own); when it returns,
/// the lane's stage becomes `then(what it returned, as text)`, or `Failed`.
fn run(view: &webkit2gtk::WebView, body: &str, world: Option<&str>, stage: &Rc<RefCell<Stage>>, then: impl FnOnce(String) -> Stage + 'static) {
    let stage = Rc::clone(stage);
    view.call_async_javascript_function(body, None, world, None, None::<&gio::Cancellable>, move |outcome| {
        *stage.borrow_mut() = match outcome {
            Ok(value) => then(value.to_str().to_string()),
            Err(err) => Stage::Failed(format!("a script failed: {err}")),
        };
    });
}

impl Drop for Auditor {
    fn drop(&mut self) {
        self.window.close();
        while gtk::events_pending() {
            gtk::main_iteration_do(false);
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}
