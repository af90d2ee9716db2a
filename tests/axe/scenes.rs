//! What the accessibility audit looks at, in one language: each screen of the chrome page with
//! the state the real core (`kiosk::Kiosk`, on a simulated clock) pushes on its way there, and
//! each page of the content view at the address the core sends it to.

use std::sync::Arc;
use std::time::{Duration, Instant};

use guichet::catalog::{Catalog, Theme};
use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::{judge, Appearance, ChromeCommand, ChromeState, Command, Event, Failure, GateCarry, History, Kiosk, Launch, Navigation, PinDigits, PinHash, Preset, Screen, Settings, Toggle, ZoomStep};
use guichet::pages::{self, View};
use guichet::policy::{Mode, Policy, Reason};
use guichet::source::SourceFile;
use guichet::supervisor::link::{Receipt, ToSession};
use zeroize::Zeroizing;

/// The kiosk's screen in the end-to-end tests, in pixels.
const SCREEN: (i32, i32) = (1280, 800);

/// One thing to audit.
pub struct Scene {
    /// The internal page's path.
    pub page: String,
    /// Which screen, or which variant of the page.
    pub screen: String,
    pub lang: String,
    pub view: View,
    pub url: String,
    /// The page as the server answered when the core showed it: a message page's ticket
    /// works only until the core issues the next one, as in the kiosk.
    pub response: pages::Response,
    /// For the chrome page: the state it is given once loaded.
    pub state: Option<ChromeState>,
    pub zoom: f64,
    /// The accessibility settings' user style sheet for this view, as the core computed it.
    pub css: String,
    /// The view's size in pixels, as the core laid it out: the content view is what the bar
    /// (and the on-screen keyboard) leave of the screen.
    pub size: (i32, i32),
    pub server: Arc<pages::Server>,
}

impl Scene {
    pub fn name(&self) -> String {
        format!("{} | {} | {}", self.page, self.screen, self.lang)
    }

    /// The same page, served the same: only a state would tell them apart.
    pub fn same_page(&self, other: &Scene) -> bool {
        self.url == other.url && self.view == other.view && self.zoom == other.zoom && self.size == other.size && self.response == other.response
    }
}

/// What the server answers for `url` now; it must be `status`.
fn served(server: &pages::Server, view: View, url: &str, status: u16) -> pages::Response {
    let response = server.serve(view, url);
    assert_eq!(response.status, status, "{url}");
    response
}

/// A configuration with its lists and démarches, loaded once for every language.
pub struct Setup {
    config: Config,
    policy: Arc<Policy>,
    catalog: Arc<Catalog>,
}

impl Setup {
    fn new(config: Config) -> Setup {
        let policy = config.load_policy().expect("the audit's lists load");
        let catalog = config.load_catalog(&policy).expect("the audit's démarches load");
        Setup { config, policy: Arc::new(policy), catalog: Arc::new(catalog) }
    }

    fn from_text(text: &str) -> Setup {
        let text = format!("[kiosk]\nname = \"Médiathèque Aimé-Césaire\"\n{text}");
        Setup::new(Config::parse(&SourceFile::new("audit.toml", &text), std::path::Path::new(".")).expect("the audit's configuration is valid"))
    }
}

pub struct Fixtures {
    translations: Arc<Translations>,
    /// The built-in configuration: a citizen machine offering every language.
    citizen: Setup,
    /// A youth-section machine (minor mode) on the fixture category lists.
    youth: Setup,
    /// A machine offering assisted mode, with an advisor's PIN.
    assisted: Setup,
    /// A machine with a print queue.
    printing: Setup,
    _dir: tempfile::TempDir,
}

const PIN: &str = "2468";

impl Fixtures {
    pub fn load() -> Fixtures {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut youth = Config::load_file(&crate::common::minor_config(dir.path(), None)).expect("the youth configuration");
        youth.kiosk_name = "Médiathèque Aimé-Césaire — espace jeunesse".into();
        let pin = PinHash::create(PIN).expect("a PIN hash");
        Fixtures {
            translations: Arc::new(Translations::load().expect("translations load")),
            citizen: Setup::from_text(""),
            youth: Setup::new(youth),
            assisted: Setup::from_text(&format!("modes = [\"citizen\", \"assisted\"]\n[assisted]\npin_hash = {:?}\n", pin.as_str())),
            printing: Setup::from_text("[printing]\nqueue = \"Accueil\"\n"),
            _dir: dir,
        }
    }

    /// The languages patrons may choose: all that the built-in configuration offers.
    pub fn languages(&self) -> Vec<String> {
        self.citizen.config.languages.clone()
    }
}

/// A kiosk core in `lang`, driven by events, keeping what it last told the chrome page and the
/// content view.
struct Drive {
    kiosk: Kiosk,
    t0: Instant,
    now: Instant,
    lang: String,
    server: Arc<pages::Server>,
    policy: Arc<Policy>,
    state: Option<ChromeState>,
    zoom: (f64, f64),
    appearance: Appearance,
    /// The last layout: the bar's height (none: a screen over the whole window), the keyboard's.
    layout: (Option<i32>, i32),
    loaded: Option<String>,
}

impl Drive {
    fn new(fixtures: &Fixtures, setup: &Setup, lang: &str, launch: Launch) -> Drive {
        let mut config = setup.config.clone();
        config.default_language = lang.to_string();
        let t0 = Instant::now();
        let kiosk = Kiosk::new(&config, Arc::clone(&setup.policy), Arc::clone(&fixtures.translations), launch, t0)
            .with_catalog(Arc::clone(&setup.catalog));
        let server = Arc::new(pages::Server {
            translations: Arc::clone(&fixtures.translations),
            policy: Arc::clone(&setup.policy),
            catalog: Arc::clone(&setup.catalog),
            shared: kiosk.shared(),
            kiosk_name: config.kiosk_name.clone(),
            languages: config.languages.clone(),
        });
        let mut drive = Drive {
            kiosk,
            t0,
            now: t0,
            lang: lang.to_string(),
            server,
            policy: Arc::clone(&setup.policy),
            state: None,
            zoom: (1.0, 1.0),
            appearance: Settings::default().appearance(),
            layout: (None, 0),
            loaded: None,
        };
        drive.chrome(ChromeCommand::Ready);
        drive.send(Event::Resized { width: SCREEN.0, height: SCREEN.1 });
        drive
    }

    /// A patron who pressed "Commencer" and sees the guide.
    fn started(fixtures: &Fixtures, setup: &Setup, lang: &str) -> Drive {
        let mut drive = Drive::new(fixtures, setup, lang, Launch::Visible);
        drive.chrome(ChromeCommand::Start);
        drive.commit(&pages::url("/launcher", &[]));
        drive
    }

    fn send(&mut self, event: Event) -> &mut Drive {
        self.kiosk.handle(event, self.now);
        while let Some(command) = self.kiosk.poll() {
            match command {
                Command::Chrome(state) => self.state = Some(state),
                Command::Zoom { page, chrome } => self.zoom = (page, chrome),
                Command::Appearance(appearance) => self.appearance = appearance,
                Command::Layout { bar, keyboard } => self.layout = (bar, keyboard),
                Command::Load(url) => self.loaded = Some(url.to_string()),
                _ => {}
            }
        }
        self
    }

    fn chrome(&mut self, command: ChromeCommand) -> &mut Drive {
        self.send(Event::Chrome(command))
    }

    fn at(&mut self, seconds: u64) -> &mut Drive {
        self.now = self.t0 + Duration::from_secs(seconds);
        self
    }

    /// Every setting of the accessibility panel on, one by one, and the panel closed.
    fn every_setting_on(&mut self) -> &mut Drive {
        self.chrome(ChromeCommand::Accessibility);
        for setting in Toggle::ALL {
            self.chrome(ChromeCommand::Setting { setting });
        }
        self.chrome(ChromeCommand::Close)
    }

    /// The content view shows `url`, as WebKit reports a load.
    fn commit(&mut self, url: &str) -> &mut Drive {
        let z = |u: &str| Zeroizing::new(u.to_string());
        self.send(Event::LoadStarted { url: z(url) });
        self.send(Event::LoadCommitted { url: z(url), history: History { can_back: true, can_forward: false } });
        self.send(Event::LoadFinished { url: z(url), history: History { can_back: true, can_forward: false } })
    }

    /// The content view follows the core's last `Load`, which must be one of our `path` pages.
    fn follow(&mut self, path: &str) -> String {
        let url = self.loaded.clone().expect("the core loaded a page");
        assert!(url.starts_with(&format!("{}{path}", pages::ORIGIN)), "expected {path}, the core loaded {url}");
        self.commit(&url);
        url
    }

    /// The chrome page on `screen`, which the core must be showing.
    fn screen(&self, label: &str, screen: Screen) -> Scene {
        let state = self.state.clone().expect("the core pushed a state");
        assert_eq!(state.screen, screen, "{label} in {}", self.lang);
        Scene {
            page: "/chrome".into(),
            screen: label.into(),
            lang: self.lang.clone(),
            view: View::Chrome,
            response: served(&self.server, View::Chrome, &pages::url("/chrome", &[]), 200),
            url: pages::url("/chrome", &[]),
            state: Some(state),
            zoom: self.zoom.1,
            css: self.appearance.chrome_css.clone(),
            size: SCREEN,
            server: Arc::clone(&self.server),
        }
    }

    /// The content view's page at `url`, which must exist.
    fn page(&self, label: &str, url: &str) -> Scene {
        self.page_answering(label, url, 200)
    }

    fn page_answering(&self, label: &str, url: &str, status: u16) -> Scene {
        let path = url::Url::parse(url).map(|u| u.path().to_string()).unwrap_or_default();
        Scene {
            page: path,
            screen: label.into(),
            lang: self.lang.clone(),
            view: View::Content,
            response: served(&self.server, View::Content, url, status),
            url: url.into(),
            state: None,
            zoom: self.zoom.0,
            css: self.appearance.content_css.clone(),
            size: match self.layout {
                (Some(bar), keyboard) => (SCREEN.0, SCREEN.1 - bar - keyboard),
                (None, _) => SCREEN,
            },
            server: Arc::clone(&self.server),
        }
    }

    /// Visits `url` in the content view and returns it as a scene.
    fn visit(&mut self, label: &str, url: &str) -> Scene {
        self.commit(url);
        self.page(label, url)
    }

    /// The refusal the core shows for `event`.
    fn refused(&mut self, label: &str, event: Event) -> Scene {
        self.send(event);
        let url = self.follow("/blocked");
        self.page(label, &url)
    }
}

/// Every screen of the chrome page.
pub fn chrome_scenes(f: &Fixtures, lang: &str) -> Vec<Scene> {
    let mut scenes = Vec::new();
    let welcome = Drive::new(f, &f.citizen, lang, Launch::Visible);
    scenes.push(welcome.screen("welcome", Screen::Welcome));

    let mut receipt = Drive::new(f, &f.citizen, lang, Launch::Hidden);
    receipt.send(Event::Supervisor(ToSession::Show {
        receipt: Some(Receipt { downloads: 2, assisted: false }),
        mode: Mode::Citizen,
        pin: GateCarry::default(),
    }));
    scenes.push(receipt.screen("welcome with a receipt", Screen::Welcome));

    let mut clearing = Drive::new(f, &f.citizen, lang, Launch::Hidden);
    clearing.send(Event::Supervisor(ToSession::Prepare));
    scenes.push(clearing.screen("clearing", Screen::Clearing));

    let mut panel = Drive::new(f, &f.citizen, lang, Launch::Visible);
    panel.chrome(ChromeCommand::Accessibility);
    scenes.push(panel.screen("accessibility panel from the welcome screen", Screen::Accessibility));

    scenes.push(Drive::new(f, &f.citizen, lang, Launch::Unavailable).screen("unavailable", Screen::Unavailable));

    let mut bar = Drive::started(f, &f.citizen, lang);
    scenes.push(bar.screen("bar on the guide", Screen::Bar));
    bar.send(Event::LoadStarted { url: Zeroizing::new("https://www.caf.fr/".into()) });
    bar.send(Event::Notice { id: "download-saved", name: Some("attestation-caf.pdf".into()) });
    scenes.push(bar.screen("bar loading, with a notice", Screen::Bar));

    let mut guide = Drive::started(f, &f.citizen, lang);
    let demarche = guide_demarche(&f.citizen.catalog);
    guide.commit(&pages::url(pages::DEMARCHE_PATH, &[("id", demarche)]));
    guide.send(Event::StartDemarche { id: demarche.into() });
    let start = guide.loaded.clone().expect("the démarche's start page");
    guide.commit(&start);
    guide.chrome(ChromeCommand::StepNext);
    scenes.push(guide.screen("bar with the guide's step panel", Screen::Bar));
    guide.chrome(ChromeCommand::Checklist);
    scenes.push(guide.screen("checklist", Screen::Checklist));

    for (label, command, screen) in [
        ("confirm-end", ChromeCommand::AskEnd, Screen::ConfirmEnd),
        ("menu", ChromeCommand::Menu, Screen::Menu),
        ("accessibility panel", ChromeCommand::Accessibility, Screen::Accessibility),
        ("bar with the on-screen keyboard", ChromeCommand::Keyboard, Screen::Bar),
    ] {
        let mut drive = Drive::started(f, &f.citizen, lang);
        drive.chrome(command);
        scenes.push(drive.screen(label, screen));
    }

    // The accessibility panel's presets, each as the panel shows it pressed and as the bar
    // then looks; and the largest text size.
    for preset in Preset::ALL {
        let mut drive = Drive::started(f, &f.citizen, lang);
        drive.chrome(ChromeCommand::Accessibility).chrome(ChromeCommand::Preset { preset });
        scenes.push(drive.screen(&format!("accessibility panel, {preset:?} preset"), Screen::Accessibility));
        drive.chrome(ChromeCommand::Close);
        scenes.push(drive.screen(&format!("bar, {preset:?} preset"), Screen::Bar));
    }
    let mut every = Drive::started(f, &f.citizen, lang);
    every.every_setting_on();
    scenes.push(every.screen("bar, every setting on", Screen::Bar));

    let mut large = Drive::started(f, &f.citizen, lang);
    for _ in 0..20 {
        large.send(Event::Zoom(ZoomStep::In));
    }
    scenes.push(large.screen("bar at the largest text size", Screen::Bar));

    let mut files = Drive::started(f, &f.citizen, lang);
    files.send(Event::FileRequested { files: vec!["attestation-caf.pdf".into(), "photo-identité.jpg".into()] });
    scenes.push(files.screen("files", Screen::Files));
    let mut no_files = Drive::started(f, &f.citizen, lang);
    no_files.send(Event::FileRequested { files: Vec::new() });
    scenes.push(no_files.screen("files, none", Screen::Files));

    let mut idle = Drive::started(f, &f.citizen, lang);
    for seconds in (10..4 * 3600).step_by(10) {
        idle.at(seconds).send(Event::Tick);
        if idle.state.as_ref().is_some_and(|s| s.screen == Screen::Idle) {
            break;
        }
    }
    scenes.push(idle.screen("idle", Screen::Idle));

    let mut minor = Drive::new(f, &f.youth, lang, Launch::Visible);
    minor.chrome(ChromeCommand::Start);
    minor.commit(&pages::url("/launcher", &[]));
    scenes.push(minor.screen("bar (minor mode)", Screen::Bar));
    minor.chrome(ChromeCommand::Help);
    scenes.push(minor.screen("help (minor mode)", Screen::Help));
    minor.chrome(ChromeCommand::AlertStaff);
    scenes.push(minor.screen("help, staff alerted (minor mode)", Screen::Help));

    let mut pin = Drive::new(f, &f.assisted, lang, Launch::Visible);
    scenes.push(pin.screen("welcome with the advisor's entry", Screen::Welcome));
    pin.chrome(ChromeCommand::Advisor);
    scenes.push(pin.screen("pin", Screen::Pin));
    pin.chrome(ChromeCommand::Pin { pin: PinDigits::new("1111") });
    scenes.push(pin.screen("pin, wrong", Screen::Pin));
    pin.chrome(ChromeCommand::Pin { pin: PinDigits::new(PIN) });
    scenes.push(pin.screen("consent", Screen::Consent));
    pin.chrome(ChromeCommand::Accept);
    pin.commit(&pages::url("/launcher", &[]));
    pin.send(Event::PasswordFocus(true));
    scenes.push(pin.screen("bar (assisted mode, curtain)", Screen::Bar));

    let mut printing = Drive::started(f, &f.printing, lang);
    scenes.push(printing.screen("bar with Imprimer", Screen::Bar));
    printing.chrome(ChromeCommand::Print);
    scenes.push(printing.screen("print dialog, counting", Screen::Print));
    printing.send(Event::PrintPrepared { pages: Some(3) });
    scenes.push(printing.screen("print dialog", Screen::Print));
    scenes
}

/// A démarche the guide offers citizens, with FranceConnect if one has it.
fn guide_demarche(catalog: &Catalog) -> &str {
    let offered = || catalog.demarches().iter().filter(|d| d.modes.contains(Mode::Citizen));
    offered().find(|d| d.franceconnect).or_else(|| offered().next()).map(|d| d.id.as_str()).expect("the catalog has démarches")
}

/// The refusals a citizen may meet, each with an address of its kind (empty where the page
/// shows none).
const CITIZEN_REFUSALS: &[(Reason, &str)] = &[
    (Reason::Unparsable, ""),
    (Reason::InvalidHost, ""),
    (Reason::Scheme, ""),
    (Reason::ExternalApp, ""),
    (Reason::DataUrl, ""),
    (Reason::UserInfo, "www.caf.fr"),
    (Reason::IpLiteral, "192.0.2.10"),
    (Reason::Port, "www.caf.fr"),
    (Reason::NotAllowlisted, "www.exemple-de-boutique.com"),
    (Reason::NotInMode, "espace-pro.example.fr"),
    (Reason::Path, "www.service-public.fr"),
    (Reason::SubresourceOnly, "cdn.example.net"),
    (Reason::Ad, "ads.example.com"),
    (Reason::Tracker, "tracker.example.com"),
];

/// Those of a youth-section machine besides a category's, which a real judgement gives.
const MINOR_REFUSALS: &[(Reason, &str)] = &[
    (Reason::NoSafeSearch, "www.moteur-sans-filtre.example"),
    (Reason::ListsUnavailable, "www.exemple.fr"),
    (Reason::NotAllowlisted, "www.exemple-de-boutique.com"),
];

/// Every page of the content view.
pub fn content_scenes(f: &Fixtures, lang: &str) -> Vec<Scene> {
    let mut scenes = Vec::new();
    let mut drive = Drive::started(f, &f.citizen, lang);
    let catalog = &f.citizen.catalog;
    scenes.push(drive.visit("guide: themes", &pages::url("/launcher", &[])));
    for theme in Theme::ALL.into_iter().filter(|t| catalog.in_theme(*t, Mode::Citizen).next().is_some()) {
        scenes.push(drive.visit(&format!("theme {}", theme.id()), &pages::url("/theme", &[("id", theme.id())])));
    }
    let id = guide_demarche(catalog);
    scenes.push(drive.visit(&format!("démarche {id}"), &pages::url(pages::DEMARCHE_PATH, &[("id", id)])));
    scenes.push(drive.visit(&format!("missing papers for {id}"), &pages::url("/missing", &[("id", id)])));
    let demarche = catalog.get(id).expect("the démarche");
    let word = demarche.texts(lang).keywords.first().cloned().unwrap_or_else(|| demarche.texts(lang).title.to_string());
    let hits = catalog.search_offered(&word, lang, Mode::Citizen);
    assert!(!hits.is_empty(), "{word:?} finds démarches in {lang}");
    scenes.push(drive.visit("search with results", &pages::url("/search", &[("q", &word)])));
    scenes.push(drive.visit("search, no result", &pages::url("/search", &[("q", "zzqxw")])));
    scenes.push(drive.visit("all sites", &pages::url("/sites", &[])));
    let nope = pages::url("/nope", &[]);
    drive.commit(&nope);
    scenes.push(drive.page_answering("not found", &nope, 404));
    for (reason, host) in CITIZEN_REFUSALS {
        let event = Event::Refused { host: (*host).into(), reason: *reason, category: None, shown: true };
        scenes.push(drive.refused(&format!("refused: {}", reason.code()), event));
    }
    for (label, failure) in [("unreachable", Failure::Network), ("unreachable: certificate", Failure::Tls)] {
        let url = "https://www.caf.fr/mon-compte";
        drive.send(Event::LoadStarted { url: Zeroizing::new(url.into()) });
        drive.send(Event::LoadFailed { url: Zeroizing::new(url.into()), failure });
        let shown = drive.follow("/unreachable");
        scenes.push(drive.page(label, &shown));
    }
    drive.commit("https://www.caf.fr/mon-compte");
    drive.send(Event::ContentCrashed);
    let crashed = drive.follow("/crashed");
    scenes.push(drive.page("crashed", &crashed));

    // The guide and a refusal under each preset's style sheet.
    for preset in Preset::ALL {
        let mut drive = Drive::started(f, &f.citizen, lang);
        drive.chrome(ChromeCommand::Accessibility).chrome(ChromeCommand::Preset { preset }).chrome(ChromeCommand::Close);
        scenes.push(drive.visit(&format!("guide: themes, {preset:?} preset"), &pages::url("/launcher", &[])));
        let event = Event::Refused { host: "www.exemple-de-boutique.com".into(), reason: Reason::NotAllowlisted, category: None, shown: true };
        scenes.push(drive.refused(&format!("refused: not-allowlisted, {preset:?} preset"), event));
    }

    let mut every = Drive::started(f, &f.citizen, lang);
    every.every_setting_on();
    scenes.push(every.visit("guide: themes, every setting on", &pages::url("/launcher", &[])));

    let mut minor = Drive::new(f, &f.youth, lang, Launch::Visible);
    minor.chrome(ChromeCommand::Start);
    scenes.push(minor.visit("guide (minor mode)", &pages::url("/launcher", &[])));
    scenes.push(minor.visit("all sites (minor mode)", &pages::url("/sites", &[])));
    let casino = judge(&minor.policy, &minor.kiosk.shared(), "https://www.casino-en-ligne-exemple.com/", Navigation::InView { patron: true, redirect: false });
    let refusal = casino.then.expect("a gambling site is refused in minor mode");
    assert!(matches!(refusal, Event::Refused { reason: Reason::Category, category: Some(_), .. }), "{refusal:?}");
    scenes.push(minor.refused("refused: category (minor mode)", refusal));
    for (reason, host) in MINOR_REFUSALS {
        let event = Event::Refused { host: (*host).into(), reason: *reason, category: None, shown: true };
        scenes.push(minor.refused(&format!("refused: {} (minor mode)", reason.code()), event));
    }
    scenes
}
