//! `guichet pin hash`: reads the advisor's PIN without showing it and prints its argon2id hash.

use std::io::{self, BufRead, Write};
use std::os::unix::io::AsRawFd;

use zeroize::Zeroizing;

use crate::kiosk::PinHash;

/// Reads one line from standard input; when it is a terminal, typing is not echoed (and echo is
/// restored even if reading fails). A pipe works the same, without the prompt.
pub fn read_pin(prompt: &mut impl Write) -> io::Result<Zeroizing<String>> {
    let stdin = io::stdin();
    let fd = stdin.as_raw_fd();
    // SAFETY: isatty only inspects the descriptor.
    let terminal = unsafe { libc::isatty(fd) } == 1;
    let _echo = if terminal {
        write!(prompt, "PIN du conseiller (non affiché) : ")?;
        prompt.flush()?;
        Some(EchoOff::new(fd)?)
    } else {
        None
    };
    let mut line = Zeroizing::new(String::new());
    stdin.lock().read_line(&mut line)?;
    if terminal {
        writeln!(prompt)?;
    }
    let pin = Zeroizing::new(line.trim_end_matches(['\n', '\r']).to_string());
    Ok(pin)
}

/// Hashes `pin`, or says why it cannot be a PIN.
pub fn hash(pin: &str) -> Result<PinHash, crate::kiosk::PinError> {
    PinHash::create(pin)
}

/// Terminal echo off until dropped.
struct EchoOff {
    fd: i32,
    saved: libc::termios,
}

impl EchoOff {
    fn new(fd: i32) -> io::Result<EchoOff> {
        // SAFETY: termios is plain data; tcgetattr fills it for a terminal descriptor.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut quiet = saved;
        quiet.c_lflag &= !(libc::ECHO | libc::ECHONL);
        quiet.c_lflag |= libc::ICANON;
        // SAFETY: sets attributes on the same terminal from a valid termios.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(EchoOff { fd, saved })
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `new` on the same descriptor.
        unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved) };
    }
}
