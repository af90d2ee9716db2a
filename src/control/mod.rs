//! `guichet ctl`: staff and advisors talk to the running kiosk over a Unix socket that only its
//! owner can open. One JSON request per connection, one JSON reply.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::AsRawFd;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::policy::Mode;
use crate::status::{State, ViewKind};

/// What a client may ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    Status,
    /// Show this page on the patron's screen (starting a citizen session if none is active).
    Open { url: Zeroizing<String> },
    EndSession,
    /// From the next session on, patrons get this mode (one the machine offers).
    Mode { mode: Mode },
    /// Offer assisted mode on the patron's screen (the patron accepts or refuses).
    Assist,
}

/// `status` reply. Never carries a URL or anything the patron typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub state: State,
    pub mode: Option<Mode>,
    pub session_age_s: Option<u64>,
    /// What the patron sees (see [`ViewKind`]). Never an address.
    pub view: Option<ViewKind>,
    /// The patron asked for help ("Prévenir l'accueil"): someone should go and see.
    pub help: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Reply {
    Ok,
    Status(Status),
    Error { message: String },
}

#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    #[error("cannot reach the kiosk at {path}: {source}")]
    Connect { path: PathBuf, source: io::Error },
    #[error("the kiosk did not answer: {0}")]
    Exchange(io::Error),
    #[error("the kiosk sent an answer this version does not understand: {0}")]
    BadReply(serde_json::Error),
    #[error("another kiosk is already listening on {0}")]
    InUse(PathBuf),
    #[error("cannot create the control socket {path}: {source}")]
    Bind { path: PathBuf, source: io::Error },
}

/// Sends one request and waits for the reply.
pub fn send(socket: &Path, request: &Request) -> Result<Reply, ControlError> {
    let mut stream =
        UnixStream::connect(socket).map_err(|source| ControlError::Connect { path: socket.to_path_buf(), source })?;
    stream.set_read_timeout(Some(Duration::from_secs(15))).map_err(ControlError::Exchange)?;
    let mut line = Zeroizing::new(serde_json::to_vec(request).expect("requests serialise"));
    line.push(b'\n');
    stream.write_all(&line).map_err(ControlError::Exchange)?;
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).map_err(ControlError::Exchange)?;
    serde_json::from_str(&answer).map_err(ControlError::BadReply)
}

/// The listening side, owned by the supervisor.
pub struct Server {
    listener: UnixListener,
    path: PathBuf,
}

impl Server {
    /// Creates the socket, readable and writable by its owner only. Refuses to replace a socket
    /// another kiosk is still answering on.
    pub fn bind(path: &Path) -> Result<Server, ControlError> {
        let bind_error = |source| ControlError::Bind { path: path.to_path_buf(), source };
        if let Some(parent) = path.parent() {
            if !parent.exists() {
                std::fs::create_dir_all(parent).map_err(bind_error)?;
                std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700)).map_err(bind_error)?;
            }
        }
        if path.exists() {
            if UnixStream::connect(path).is_ok() {
                return Err(ControlError::InUse(path.to_path_buf()));
            }
            std::fs::remove_file(path).map_err(bind_error)?;
        }
        // SAFETY: umask only changes this process's file creation mask; the supervisor binds
        // before it starts any thread, so no other file is created meanwhile.
        let previous = unsafe { libc::umask(0o177) };
        let listener = UnixListener::bind(path);
        unsafe { libc::umask(previous) };
        let listener = listener.map_err(bind_error)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(bind_error)?;
        Ok(Server { listener, path: path.to_path_buf() })
    }

    /// Waits for the next client whose user is ours (or root), and reads its request.
    /// Returns `None` for a client we refuse or a request we cannot read (already answered).
    pub fn accept(&self) -> io::Result<Option<(Request, Connection)>> {
        let (stream, _) = self.listener.accept()?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut connection = Connection { stream };
        match peer_uid(&connection.stream) {
            Some(uid) if uid == 0 || uid == unsafe { libc::geteuid() } => {}
            _ => {
                connection.reply(&Reply::Error { message: "not allowed".into() });
                return Ok(None);
            }
        }
        let mut line = Zeroizing::new(String::new());
        if BufReader::new(&connection.stream).read_line(&mut line).is_err() {
            return Ok(None);
        }
        match crate::wire::from_str_exact::<Request>(&line) {
            Ok(request) => Ok(Some((request, connection))),
            Err(err) => {
                connection.reply(&Reply::Error { message: format!("bad request: {err}") });
                Ok(None)
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A client waiting for its reply.
pub struct Connection {
    stream: UnixStream,
}

impl Connection {
    pub fn reply(&mut self, reply: &Reply) {
        let mut line = serde_json::to_vec(reply).expect("replies serialise");
        line.push(b'\n');
        let _ = self.stream.write_all(&line);
    }
}

fn peer_uid(stream: &UnixStream) -> Option<u32> {
    let mut credentials = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut length = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: SO_PEERCRED fills a `ucred` of the given length on a connected Unix socket.
    let result = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut credentials as *mut libc::ucred).cast(),
            &mut length,
        )
    };
    (result == 0).then_some(credentials.uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_is_stable() {
        assert_eq!(serde_json::to_string(&Request::Status).unwrap(), r#"{"cmd":"status"}"#);
        assert_eq!(serde_json::to_string(&Request::EndSession).unwrap(), r#"{"cmd":"end-session"}"#);
        assert_eq!(
            serde_json::from_str::<Request>(r#"{"cmd":"open","url":"https://www.caf.fr/"}"#).unwrap(),
            Request::Open { url: Zeroizing::new("https://www.caf.fr/".into()) }
        );
        assert!(crate::wire::from_str_exact::<Request>(r#"{"cmd":"open","url":"x","extra":1}"#).is_err());
        assert!(crate::wire::from_str_exact::<Request>(r#"{"cmd":"end-session","force":true}"#).is_err());
        let status = Reply::Status(Status {
            state: State::Active,
            mode: Some(Mode::Citizen),
            session_age_s: Some(12),
            view: Some(ViewKind::Web),
            help: false,
        });
        assert_eq!(
            serde_json::to_string(&status).unwrap(),
            r#"{"reply":"status","state":"active","mode":"citizen","session_age_s":12,"view":"web","help":false}"#
        );
        assert_eq!(serde_json::to_string(&Request::Mode { mode: Mode::Minor }).unwrap(), r#"{"cmd":"mode","mode":"minor"}"#);
    }

    #[test]
    fn socket_is_private_and_answers_one_request() {
        let dir = std::env::temp_dir().join(format!("guichet-ctl-{}", std::process::id()));
        let path = dir.join("control.sock");
        let server = Server::bind(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(matches!(Server::bind(&path), Err(ControlError::InUse(_))), "a live socket is never replaced");
        let client_path = path.clone();
        let client = std::thread::spawn(move || send(&client_path, &Request::EndSession).unwrap());
        // The probe connection from the refused second bind comes first and yields nothing.
        let (request, mut connection) = loop {
            if let Some(accepted) = server.accept().unwrap() {
                break accepted;
            }
        };
        assert_eq!(request, Request::EndSession);
        connection.reply(&Reply::Ok);
        assert_eq!(client.join().unwrap(), Reply::Ok);
        drop(server);
        assert!(!path.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
