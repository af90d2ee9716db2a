//! Speech inside the session: "Lire à voix haute" and the Orca screen reader, both through one
//! speech-dispatcher (espeak-ng) started by the session process itself. Every file they write
//! (configuration, socket, Orca's settings, logs) is in the session's RAM folder, and every
//! process is a child of the session, so the supervisor's kill at logout takes them all. The
//! text read is handed straight to speech-dispatcher's socket and never logged.
//!
//! One worker thread owns the processes and the connection, so the window's loop never waits
//! for speech-dispatcher to start.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::log;

/// Longest text read at once, in characters (a long page is cut, not queued for an hour).
pub const MAX_CHARS: usize = 20_000;
/// Environment variable the end-to-end tests set: speech goes to `runtime/speech.wav` in the
/// session's folder (RAM, wiped at logout) instead of the sound card. Read only by `main`.
pub const TEST_TO_FILE_ENV: &str = "GUICHET_TEST_SPEECH_TO_FILE";
/// Where that file is, in the session's folder.
pub const TEST_WAV: &str = "runtime/speech.wav";

const DAEMON: &str = "speech-dispatcher";
const ORCA: &str = "orca";
const SOCKET_WAIT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("cannot write speech-dispatcher's settings: {0}")]
    Settings(std::io::Error),
    #[error("cannot start {program} (Debian packages speech-dispatcher, speech-dispatcher-espeak-ng, orca): {source}")]
    Start { program: &'static str, source: std::io::Error },
    #[error("speech-dispatcher did not open its socket in time")]
    NoSocket,
    #[error("speech-dispatcher refused a command ({0})")]
    Refused(String),
    #[error("lost the connection to speech-dispatcher: {0}")]
    Connection(std::io::Error),
}

/// Where the session keeps speech's files: its home, configuration and runtime folders.
#[derive(Debug, Clone)]
pub struct Places {
    pub home: PathBuf,
    pub config: PathBuf,
    pub runtime: PathBuf,
    /// Speech goes to this WAV file instead of the sound card (tests only).
    pub to_file: Option<PathBuf>,
}

impl Places {
    /// The folders the supervisor made in the session's folder (see `supervisor::spawn`).
    pub fn in_session(session_dir: &Path, to_file: bool) -> Places {
        let home = session_dir.join("home");
        Places { config: home.join(".config"), home, runtime: session_dir.join("runtime"), to_file: to_file.then(|| session_dir.join(TEST_WAV)) }
    }

    /// Where clients (ours and Orca's) find speech-dispatcher: its default socket.
    pub fn socket(&self) -> PathBuf {
        self.runtime.join("speech-dispatcher/speechd.sock")
    }
}

/// speech-dispatcher's settings for this session: espeak-ng only, in the patron's language,
/// logging nothing worth reading, to the sound card or (tests) to ALSA's file output.
pub fn daemon_settings(places: &Places, lang: &str) -> String {
    let audio = if places.to_file.is_some() { "alsa" } else { "pulse,alsa" };
    format!(
        "LogLevel 1\nLogDir \"{log}\"\nDefaultLanguage \"{lang}\"\nDefaultModule espeak-ng\nAudioOutputMethod \"{audio}\"\n\
         AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nInclude \"/etc/speech-dispatcher/clients/*.conf\"\n",
        log = places.runtime.join("speech-dispatcher/log").display(),
    )
}

/// ALSA's default device as a WAV file (tests only), written to `~/.asoundrc`.
pub fn alsa_to_file(wav: &Path) -> String {
    format!("pcm.!default {{\n  type file\n  slave.pcm \"null\"\n  file \"{}\"\n  format \"wav\"\n}}\n", wav.display())
}

/// Text as SSIP carries it: CRLF line ends, a line that starts with a dot doubled, the end
/// marked by a line with one dot.
pub fn ssip_data(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len() + 8));
    let kept = Zeroizing::new(text.chars().take(MAX_CHARS).collect::<String>());
    for line in kept.lines() {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out
}

/// A language code speech-dispatcher and Orca take: the patron's ("fr", "ar"…), letters only;
/// "Français facile" is read with the French voice.
pub fn language_code(lang: &str) -> &str {
    let tag = crate::i18n::tag(lang);
    if !tag.is_empty() && tag.len() <= 8 && tag.chars().all(|c| c.is_ascii_alphabetic() || c == '-') { tag } else { "fr" }
}

enum Job {
    Say { text: Zeroizing<String>, lang: String },
    Stop,
    ScreenReader { on: bool, lang: String },
}

/// The session's handle on speech; cheap to clone, never blocks.
#[derive(Clone)]
pub struct Speech {
    jobs: Sender<Job>,
}

impl Speech {
    pub fn start(places: Places) -> Speech {
        let (jobs, queue) = mpsc::channel();
        let spawned = thread::Builder::new().name("speech".into()).spawn(move || Worker::new(places).run(queue));
        if let Err(err) = spawned {
            log::event("speech", format_args!("cannot start the speech thread: {err}"));
        }
        Speech { jobs }
    }

    /// Reads `text` aloud in `lang`, replacing whatever was being read.
    pub fn say(&self, text: Zeroizing<String>, lang: &str) {
        let _ = self.jobs.send(Job::Say { text, lang: lang.to_string() });
    }

    pub fn stop(&self) {
        let _ = self.jobs.send(Job::Stop);
    }

    /// Starts or stops Orca.
    pub fn screen_reader(&self, on: bool, lang: &str) {
        let _ = self.jobs.send(Job::ScreenReader { on, lang: lang.to_string() });
    }
}

struct Worker {
    places: Places,
    daemon: Option<Child>,
    connection: Option<(UnixStream, BufReader<UnixStream>)>,
    orca: Option<Child>,
}

impl Worker {
    fn new(places: Places) -> Worker {
        Worker { places, daemon: None, connection: None, orca: None }
    }

    fn run(mut self, queue: Receiver<Job>) {
        for job in queue {
            let result = match job {
                Job::Say { text, lang } => self.say(&text, &lang),
                Job::Stop => self.command("CANCEL SELF").map(|_| ()),
                Job::ScreenReader { on, lang } => self.screen_reader(on, &lang),
            };
            if let Err(err) = result {
                // Never the text: only what failed.
                log::event("speech", format_args!("{err}"));
                self.connection = None;
            }
        }
    }

    /// Starts speech-dispatcher once, in the patron's language, and waits for its socket.
    fn daemon(&mut self, lang: &str) -> Result<(), SpeechError> {
        if self.daemon.as_mut().is_some_and(|child| matches!(child.try_wait(), Ok(None))) {
            return Ok(());
        }
        let places = &self.places;
        let settings = places.config.join("speech-dispatcher");
        std::fs::create_dir_all(&settings).map_err(SpeechError::Settings)?;
        std::fs::create_dir_all(places.runtime.join("speech-dispatcher/log")).map_err(SpeechError::Settings)?;
        std::fs::write(settings.join("speechd.conf"), daemon_settings(places, language_code(lang))).map_err(SpeechError::Settings)?;
        if let Some(wav) = &places.to_file {
            std::fs::write(places.home.join(".asoundrc"), alsa_to_file(wav)).map_err(SpeechError::Settings)?;
        }
        let socket = places.socket();
        let _ = std::fs::remove_file(&socket);
        let mut command = Command::new(DAEMON);
        let child = self
            .env(&mut command)
            .args(["--run-single", "--timeout", "0", "--communication-method", "unix_socket", "--socket-path"])
            .arg(&socket)
            .spawn()
            .map_err(|source| SpeechError::Start { program: DAEMON, source })?;
        log::event("speech", format_args!("speech-dispatcher started (pid {})", child.id()));
        self.daemon = Some(child);
        let deadline = Instant::now() + SOCKET_WAIT;
        while UnixStream::connect(&socket).is_err() {
            if Instant::now() > deadline {
                return Err(SpeechError::NoSocket);
            }
            thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// The session's folders, stated again for every child (they inherit them anyway), and no
    /// output: whatever they print could quote what they read.
    fn env<'c>(&self, command: &'c mut Command) -> &'c mut Command {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .env("HOME", &self.places.home)
            .env("XDG_CONFIG_HOME", &self.places.config)
            .env("XDG_RUNTIME_DIR", &self.places.runtime)
            .current_dir(&self.places.home)
    }

    fn connect(&mut self, lang: &str) -> Result<(), SpeechError> {
        self.daemon(lang)?;
        if self.connection.is_none() {
            let stream = UnixStream::connect(self.places.socket()).map_err(SpeechError::Connection)?;
            let reader = BufReader::new(stream.try_clone().map_err(SpeechError::Connection)?);
            self.connection = Some((stream, reader));
            self.command("SET SELF CLIENT_NAME guichet:guichet:read-aloud")?;
        }
        Ok(())
    }

    /// Sends one SSIP line and reads the reply; an error code is an error.
    fn command(&mut self, line: &str) -> Result<String, SpeechError> {
        let Some((stream, reader)) = self.connection.as_mut() else { return Ok(String::new()) };
        stream.write_all(format!("{line}\r\n").as_bytes()).map_err(SpeechError::Connection)?;
        read_reply(reader)
    }

    fn say(&mut self, text: &str, lang: &str) -> Result<(), SpeechError> {
        self.connect(lang)?;
        self.command("CANCEL SELF")?;
        self.command(&format!("SET SELF LANGUAGE {}", language_code(lang)))?;
        self.command("SPEAK")?;
        let Some((stream, reader)) = self.connection.as_mut() else { return Ok(()) };
        stream.write_all(ssip_data(text).as_bytes()).map_err(SpeechError::Connection)?;
        read_reply(reader).map(|_| ())
    }

    fn screen_reader(&mut self, on: bool, lang: &str) -> Result<(), SpeechError> {
        if let Some(mut orca) = self.orca.take() {
            if matches!(orca.try_wait(), Ok(None)) && !on {
                let _ = orca.kill();
                let _ = orca.wait();
                log::event("speech", format_args!("the screen reader stopped"));
                return Ok(());
            }
            if matches!(orca.try_wait(), Ok(None)) {
                self.orca = Some(orca);
                return Ok(());
            }
        }
        if !on {
            return Ok(());
        }
        self.daemon(lang)?;
        let lang = language_code(lang);
        let mut command = Command::new(ORCA);
        let child = self
            .env(&mut command)
            .arg("--replace")
            // Orca speaks the language of its locale, and shows its own words in it.
            .env("LANGUAGE", lang)
            .env("LANG", format!("{lang}.UTF-8"))
            .env("XDG_DATA_HOME", self.places.home.join(".local/share"))
            .env("XDG_CACHE_HOME", self.places.home.join(".cache"))
            .spawn()
            .map_err(|source| SpeechError::Start { program: ORCA, source })?;
        log::event("speech", format_args!("the screen reader started (pid {})", child.id()));
        self.orca = Some(child);
        Ok(())
    }
}

/// Reads one SSIP reply: lines `NNN-…` then a last line `NNN …`; codes 3xx-5xx are refusals.
fn read_reply(reader: &mut impl BufRead) -> Result<String, SpeechError> {
    let mut last = String::new();
    loop {
        last.clear();
        let read = reader.read_line(&mut last).map_err(SpeechError::Connection)?;
        if read == 0 {
            return Err(SpeechError::Connection(std::io::ErrorKind::UnexpectedEof.into()));
        }
        if last.as_bytes().get(3) != Some(&b'-') {
            break;
        }
    }
    let reply = last.trim_end().to_string();
    match reply.as_bytes().first() {
        Some(b'1' | b'2') => Ok(reply),
        _ => Err(SpeechError::Refused(reply.chars().take(60).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssip_data_doubles_leading_dots_and_ends_with_a_dot_line() {
        assert_eq!(ssip_data("Bonjour\n.fin\nà bientôt").as_str(), "Bonjour\r\n..fin\r\nà bientôt\r\n.\r\n");
        assert_eq!(ssip_data("").as_str(), ".\r\n");
        let long = "a".repeat(MAX_CHARS + 50);
        assert_eq!(ssip_data(&long).len(), MAX_CHARS + 5);
    }

    #[test]
    fn replies_are_read_to_their_last_line_and_errors_refused() {
        let mut ok = "225-12\r\n225 OK MESSAGE QUEUED\r\n".as_bytes();
        assert_eq!(read_reply(&mut ok).unwrap(), "225 OK MESSAGE QUEUED");
        let mut refused = "409 ERR RATE TOO HIGH\r\n".as_bytes();
        assert!(matches!(read_reply(&mut refused), Err(SpeechError::Refused(_))));
        assert!(matches!(read_reply(&mut "".as_bytes()), Err(SpeechError::Connection(_))));
    }

    #[test]
    fn settings_stay_in_the_session_folder() {
        let places = Places::in_session(Path::new("/run/guichet/sessions/7-1"), true);
        let settings = daemon_settings(&places, "fr");
        assert!(settings.contains("LogDir \"/run/guichet/sessions/7-1/runtime/speech-dispatcher/log\""), "{settings}");
        assert!(settings.contains("DefaultLanguage \"fr\"") && settings.contains("AudioOutputMethod \"alsa\""));
        assert_eq!(places.socket(), Path::new("/run/guichet/sessions/7-1/runtime/speech-dispatcher/speechd.sock"));
        assert!(alsa_to_file(places.to_file.as_deref().unwrap()).contains("file \"/run/guichet/sessions/7-1/runtime/speech.wav\""));
        assert!(daemon_settings(&Places::in_session(Path::new("/s"), false), "en").contains("AudioOutputMethod \"pulse,alsa\""));
    }

    #[test]
    fn odd_language_codes_fall_back_to_french() {
        assert_eq!(language_code("en"), "en");
        assert_eq!(language_code("ar"), "ar");
        assert_eq!(language_code("falc"), "fr", "Français facile is read in French");
        assert_eq!(language_code("fr\nQUIT"), "fr");
        assert_eq!(language_code(""), "fr");
    }
}
