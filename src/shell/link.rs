//! The session's end of the supervisor link: a thread reads commands and posts them to the loop;
//! the loop writes state changes back.

use std::io::BufReader;
use std::os::unix::net::UnixStream;
use std::thread;

use super::EventProxy;
use crate::kiosk::Event;
use crate::log;
use crate::supervisor::link::{self, FromSession, ToSession};

pub struct LinkWriter {
    stream: UnixStream,
}

impl LinkWriter {
    pub fn send(&mut self, message: &FromSession) {
        if let Err(err) = link::write_message(&mut self.stream, message) {
            log::event("session", format_args!("could not tell the supervisor: {err}"));
        }
    }
}

pub fn start(stream: UnixStream, events: EventProxy) -> LinkWriter {
    match stream.try_clone() {
        Ok(reader) => {
            let spawned = thread::Builder::new().name("link".into()).spawn(move || {
                let mut input = BufReader::new(reader);
                loop {
                    match link::read_message::<ToSession>(&mut input) {
                        Ok(Some(command)) => {
                            if events.send_event(Event::Supervisor(command)).is_err() {
                                return;
                            }
                        }
                        Ok(None) | Err(_) => {
                            let _ = events.send_event(Event::SupervisorGone);
                            return;
                        }
                    }
                }
            });
            if spawned.is_err() {
                log::event("session", format_args!("could not listen to the supervisor"));
            }
        }
        Err(err) => log::event("session", format_args!("could not listen to the supervisor: {err}")),
    }
    LinkWriter { stream }
}
