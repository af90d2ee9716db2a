//! The session core (`kiosk::Kiosk`) on a simulated clock, for the timeline tests: events in at
//! chosen instants, the commands it answers collected.

use std::sync::Arc;
use std::time::{Duration, Instant};

use guichet::config::Config;
use guichet::i18n::Translations;
use guichet::kiosk::{ChromeCommand, Command, Event, Kiosk, Launch};
use guichet::policy::Policy;

pub struct Rig {
    pub kiosk: Kiosk,
    pub t0: Instant,
    pub now: Instant,
}

impl Rig {
    /// A kiosk for `config` whose chrome page is ready, on a 1280×800 screen.
    pub fn with(config: &Config, policy: Arc<Policy>, launch: Launch) -> Rig {
        let t0 = Instant::now();
        let kiosk = Kiosk::new(config, policy, Arc::new(Translations::load().expect("translations load")), launch, t0);
        let mut rig = Rig { kiosk, t0, now: t0 };
        rig.send(Event::Chrome(ChromeCommand::Ready));
        rig.send(Event::Resized { width: 1280, height: 800 });
        rig
    }

    /// The clock, `seconds` after the start.
    pub fn at(&mut self, seconds: f64) -> &mut Rig {
        self.now = self.t0 + Duration::from_secs_f64(seconds);
        self
    }

    pub fn send(&mut self, event: Event) -> Vec<Command> {
        self.kiosk.handle(event, self.now);
        std::iter::from_fn(|| self.kiosk.poll()).collect()
    }

    pub fn chrome(&mut self, command: ChromeCommand) -> Vec<Command> {
        self.send(Event::Chrome(command))
    }
}
