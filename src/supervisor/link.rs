//! Messages between the supervisor and a session process, one JSON object per line on the
//! socket pair the session inherits as fd 3.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::kiosk::GateCarry;
use crate::policy::Mode;
use crate::session::EndReason;
use crate::status::{State, ViewKind};

/// The file descriptor a session process finds its link on.
pub const LINK_FD: i32 = 3;
pub const LINK_FD_ENV: &str = "GUICHET_LINK_FD";
pub const SESSION_DIR_ENV: &str = "GUICHET_SESSION_DIR";
/// How the session starts: `visible`, `hidden` (until `Show`) or `unavailable` (the "computer
/// unavailable" screen).
pub const LAUNCH_ENV: &str = "GUICHET_LAUNCH";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ToSession {
    /// An advisor pushes a page (`guichet ctl open`).
    Open { url: Zeroizing<String> },
    /// `guichet ctl end-session`.
    End,
    /// The session on screen is over and being wiped: the waiting session puts its window up
    /// now, covered, so that it is painted when `Show` uncovers it (a quick logout).
    Prepare,
    /// `guichet ctl assist`: ask the patron's consent to assisted mode.
    Assist,
    /// A pre-started session takes the screen, for a patron in `mode`; `receipt` says what the
    /// last session left behind and was wiped (absent for the first session after start-up);
    /// `pin` is the advisor pad's lockout as the last session left it.
    Show { receipt: Option<Receipt>, mode: Mode, pin: GateCarry },
}

/// Shown on the next welcome screen so patrons learn the machine forgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// Documents the patron had downloaded, now erased.
    pub downloads: u64,
    /// The session was assisted: the advisor's logins were erased with the patron's.
    pub assisted: bool,
}

/// The version of these messages. The session says it first; the supervisor refuses a session
/// that speaks another (a half-upgraded installation).
pub const VERSION: u32 = 6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FromSession {
    /// The first message of every session.
    Hello { version: u32 },
    /// What `ctl status` should say: the phase, the mode, and what is on screen (never an
    /// address).
    /// `help`: the patron pressed "Prévenir l'accueil" (nothing else about it is said).
    State { state: State, mode: Option<Mode>, view: ViewKind, help: bool },
    /// The advisor pad's lockout changed (counts only, never a digit).
    Pin { carry: GateCarry },
    /// The session is over; the process exits right after.
    Ended { reason: EndReason },
    /// The patron followed "Commencer la démarche" (for the daily counts): a catalogue id only.
    DemarcheStarted { id: String },
    /// A navigation was refused (for the daily counts): a block reason's code only.
    Blocked { reason: String },
}

/// Writes one message as a line. URLs may be inside, so the buffer is wiped.
pub fn write_message<T: Serialize>(out: &mut impl Write, message: &T) -> io::Result<()> {
    let mut line = Zeroizing::new(serde_json::to_vec(message).map_err(io::Error::other)?);
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

/// Reads one message; `Ok(None)` at end of stream. A line that does not parse is an error.
pub fn read_message<T: Serialize + for<'de> Deserialize<'de>>(input: &mut impl BufRead) -> io::Result<Option<T>> {
    let mut line = Zeroizing::new(String::new());
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    crate::wire::from_str_exact(&line).map(Some).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// The session's end of the link: it writes state changes; a thread reads commands.
pub struct SessionLink {
    stream: UnixStream,
}

impl SessionLink {
    /// Starts the reading thread. `deliver` gets each command, then `None` once the supervisor
    /// is gone; it answers false when nobody listens any more, which ends the thread.
    pub fn start(stream: UnixStream, deliver: impl Fn(Option<ToSession>) -> bool + Send + 'static) -> SessionLink {
        let reader = stream.try_clone().and_then(|reader| {
            std::thread::Builder::new().name("link".into()).spawn(move || {
                let mut input = BufReader::new(reader);
                while let Ok(Some(command)) = read_message::<ToSession>(&mut input) {
                    if !deliver(Some(command)) {
                        return;
                    }
                }
                deliver(None);
            })
        });
        if let Err(err) = reader {
            crate::log::event("session", format_args!("could not listen to the supervisor: {err}"));
        }
        SessionLink { stream }
    }

    pub fn send(&mut self, message: &FromSession) {
        if let Err(err) = write_message(&mut self.stream, message) {
            crate::log::event("session", format_args!("could not tell the supervisor: {err}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let mut buffer = Vec::new();
        write_message(&mut buffer, &ToSession::Open { url: Zeroizing::new("https://www.caf.fr/".into()) }).unwrap();
        write_message(&mut buffer, &FromSession::Ended { reason: EndReason::Patron }).unwrap();
        let mut input = io::Cursor::new(buffer);
        assert_eq!(
            read_message::<ToSession>(&mut input).unwrap(),
            Some(ToSession::Open { url: Zeroizing::new("https://www.caf.fr/".into()) })
        );
        assert_eq!(read_message::<FromSession>(&mut input).unwrap(), Some(FromSession::Ended { reason: EndReason::Patron }));
        assert_eq!(read_message::<FromSession>(&mut input).unwrap(), None);
        assert!(read_message::<ToSession>(&mut io::Cursor::new(b"{\"cmd\":\"reboot\"}\n".to_vec())).is_err());
        assert!(read_message::<ToSession>(&mut io::Cursor::new(b"{\"cmd\":\"end\",\"x\":1}\n".to_vec())).is_err());
        let state = r#"{"event":"state","state":"active","mode":"citizen","view":"launcher","help":false}"#;
        assert_eq!(
            crate::wire::from_str_exact::<FromSession>(state).unwrap(),
            FromSession::State { state: State::Active, mode: Some(Mode::Citizen), view: ViewKind::Launcher, help: false }
        );
        assert!(crate::wire::from_str_exact::<FromSession>(&state.replace("launcher", "welcomed")).is_err());
    }
}
