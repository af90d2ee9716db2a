//! The démarche guide in the session core, on a simulated clock: a démarche starts only from
//! its own "Avant de commencer" page, opens its start page through the policy, keeps its step in
//! the bar and its checklist one click away, is counted once, and `ctl status` hears each screen.

mod common;

use std::sync::Arc;
use std::time::Instant;

use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::{judge, ChromeCommand, ChromeState, Command, Event, History, Judgement, Kiosk, Launch, Navigation, Screen};
use guichet::pages;
use guichet::status::ViewKind;
use guichet::supervisor::link::FromSession;
use zeroize::Zeroizing;

struct Rig {
    kiosk: Kiosk,
    now: Instant,
}

impl Rig {
    fn started() -> Rig {
        let config = Config::builtin().unwrap();
        let policy = Arc::new(common::table_policy());
        let catalog = Arc::new(config.load_catalog(&policy).unwrap());
        let now = Instant::now();
        let kiosk = Kiosk::new(&config, policy, Arc::new(Translations::load().unwrap()), Launch::Visible, now).with_catalog(catalog);
        let mut rig = Rig { kiosk, now };
        rig.send(Event::Chrome(ChromeCommand::Ready));
        rig.send(Event::Resized { width: 1280, height: 800 });
        rig.send(Event::Chrome(ChromeCommand::Start));
        rig.commit(&pages::url("/launcher", &[]));
        rig
    }

    fn send(&mut self, event: Event) -> Vec<Command> {
        self.kiosk.handle(event, self.now);
        std::iter::from_fn(|| self.kiosk.poll()).collect()
    }

    fn commit(&mut self, url: &str) -> Vec<Command> {
        let z = || Zeroizing::new(url.to_string());
        let mut commands = self.send(Event::LoadStarted { url: z() });
        commands.extend(self.send(Event::LoadCommitted { url: z(), history: History::default() }));
        commands.extend(self.send(Event::LoadFinished { url: z(), history: History::default() }));
        commands
    }

    /// What the content view's hook does with a patron's click on `url`, then the core.
    fn click(&mut self, url: &str) -> Vec<Command> {
        let shared = self.kiosk.shared();
        let judgement = judge(self.kiosk.policy(), &shared, url, Navigation::InView { patron: true, redirect: false });
        match judgement {
            Judgement { proceed: true, .. } => self.commit(url),
            Judgement { then: Some(event), .. } => self.send(event),
            Judgement { then: None, .. } => Vec::new(),
        }
    }
}

fn view_reported(commands: &[Command]) -> Option<ViewKind> {
    commands.iter().rev().find_map(|c| match c {
        Command::Report(FromSession::State { view, .. }) => Some(*view),
        _ => None,
    })
}

fn last_state(commands: &[Command]) -> Option<ChromeState> {
    commands.iter().rev().find_map(|c| if let Command::Chrome(state) = c { Some(state.clone()) } else { None })
}

fn loads(commands: &[Command]) -> Vec<String> {
    commands.iter().filter_map(|c| if let Command::Load(url) = c { Some(url.to_string()) } else { None }).collect()
}

fn started_demarches(commands: &[Command]) -> Vec<String> {
    commands
        .iter()
        .filter_map(|c| if let Command::Report(FromSession::DemarcheStarted { id }) = c { Some(id.clone()) } else { None })
        .collect()
}

const START: &str = "guichet://app/start?id=caf-rsa";

#[test]
fn theme_demarche_start_steps_and_checklist() {
    let mut rig = Rig::started();
    let mut views = Vec::new();
    for url in ["guichet://app/theme?id=social", "guichet://app/demarche?id=caf-rsa", "guichet://app/missing?id=caf-rsa", "guichet://app/demarche?id=caf-rsa"] {
        views.push(view_reported(&rig.click(url)));
    }
    let expected = [ViewKind::Theme, ViewKind::Demarche, ViewKind::Missing, ViewKind::Demarche];
    assert_eq!(views, expected.map(Some));

    let commands = rig.click(START);
    assert_eq!(loads(&commands), ["https://www.caf.fr/"], "the real start page, through the policy");
    assert_eq!(started_demarches(&commands), ["caf-rsa"]);
    let commands = rig.commit("https://www.caf.fr/");
    assert_eq!(view_reported(&commands), Some(ViewKind::Web));
    let guide = last_state(&commands).and_then(|s| s.guide).expect("the step panel");
    assert_eq!(guide.step_label.replace(['\u{2068}', '\u{2069}'], ""), "Étape 1 sur 5");
    assert_eq!((guide.can_back, guide.can_next), (false, true));
    assert!(!guide.documents.is_empty());

    let state = last_state(&rig.send(Event::Chrome(ChromeCommand::StepNext))).unwrap();
    assert_eq!(state.guide.unwrap().current, 1);
    let commands = rig.send(Event::Chrome(ChromeCommand::Checklist));
    assert_eq!(view_reported(&commands), Some(ViewKind::Checklist));
    assert_eq!(last_state(&commands).unwrap().screen, Screen::Checklist);
    let commands = rig.send(Event::Chrome(ChromeCommand::Close));
    assert_eq!(view_reported(&commands), Some(ViewKind::Web));
    // Going home keeps the démarche at hand; the search page is reported without its words.
    rig.send(Event::Chrome(ChromeCommand::Home));
    assert_eq!(view_reported(&rig.commit("guichet://app/search?q=rsa")), Some(ViewKind::Search));
    assert!(last_state(&rig.send(Event::Activity)).is_none_or(|s| s.guide.is_some()));
}

#[test]
fn a_start_counts_only_from_its_own_page_and_only_the_patrons_click() {
    let mut rig = Rig::started();
    // From the launcher, from a web page, or from another démarche's page: nothing.
    assert!(loads(&rig.click(START)).is_empty());
    rig.commit("https://www.caf.fr/");
    assert!(loads(&rig.click(START)).is_empty(), "a web page cannot start a démarche");
    rig.click("guichet://app/demarche?id=caf-prime-activite");
    assert!(loads(&rig.click(START)).is_empty(), "another démarche's page");
    // Redirects, scripts, new windows and advisors cannot reach it either.
    let shared = rig.kiosk.shared();
    let policy = Arc::clone(rig.kiosk.policy());
    for navigation in [Navigation::InView { patron: false, redirect: true }, Navigation::InView { patron: false, redirect: false }] {
        assert_eq!(judge(&policy, &shared, START, navigation), Judgement { proceed: false, then: None });
    }
    assert!(matches!(judge(&policy, &shared, START, Navigation::NewWindow).then, Some(Event::Refused { shown: false, .. })));
    // An unknown id is refused even from a page that names it.
    rig.click("guichet://app/demarche?id=nope");
    assert!(loads(&rig.click("guichet://app/start?id=nope")).is_empty());
    // The right page: one start, one count.
    rig.click("guichet://app/demarche?id=caf-rsa");
    let commands = rig.click(START);
    assert_eq!((loads(&commands).len(), started_demarches(&commands).len()), (1, 1));
}

#[test]
fn refusals_are_reported_by_reason_code_only() {
    let mut rig = Rig::started();
    let commands = rig.click("https://evil.example/secret?q=name");
    let reasons: Vec<String> =
        commands.iter().filter_map(|c| if let Command::Report(FromSession::Blocked { reason }) = c { Some(reason.clone()) } else { None }).collect();
    assert_eq!(reasons, ["not-allowlisted"]);
}
