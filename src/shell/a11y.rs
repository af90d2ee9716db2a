//! Starts the session's accessibility registry before any view asks for it, on the session's
//! own accessibility bus. GTK and WebKit's
//! processes look for it as they start; when it is still being started on demand, they log
//! "Could not obtain desktop path or name" and "Failed to connect to atspi registry" and a
//! sandboxed web process may give up on it. Asking for it here, once, first, avoids the race.

use gio::prelude::*;
use gio::{BusType, DBusCallFlags, DBusConnection, DBusConnectionFlags};

use crate::log;

const TIMEOUT_MS: i32 = 10_000;

/// Best effort: without a registry the kiosk still works, only screen readers see nothing.
/// Then GTK and WebKit are told not to look for one, so that they neither wait on it nor fill
/// the log with their failures. Call before any thread starts (it sets this process's
/// environment).
pub fn start_registry() {
    if let Err(err) = try_start_registry() {
        log::event("shell", format_args!("no accessibility registry for this session, screen readers are off: {err}"));
        // Only GDBus's worker thread runs besides this one, and it reads neither variable;
        // GTK reads them when the window system starts, right after.
        std::env::set_var("NO_AT_BRIDGE", "1");
        std::env::set_var("WEBKIT_A11Y_BUS_ADDRESS", "");
    }
}

fn try_start_registry() -> Result<(), gio::glib::Error> {
    let session = gio::bus_get_sync(BusType::Session, None::<&gio::Cancellable>)?;
    let reply = session.call_sync(
        Some("org.a11y.Bus"),
        "/org/a11y/bus",
        "org.a11y.Bus",
        "GetAddress",
        None,
        Some(gio::glib::VariantTy::new("(s)").expect("a valid type string")),
        DBusCallFlags::NONE,
        TIMEOUT_MS,
        None::<&gio::Cancellable>,
    )?;
    let address: String = reply.child_value(0).get().unwrap_or_default();
    // GTK and WebKit look for the accessibility bus in this variable first, then in a property
    // of the X screen's root window, which every session's bus launcher overwrites: two
    // sessions on one display would find each other's bus. Each takes its own.
    // Only GDBus's worker thread runs besides this one, and it does not read this variable.
    std::env::set_var("AT_SPI_BUS_ADDRESS", &address);
    let a11y = DBusConnection::for_address_sync(
        &address,
        DBusConnectionFlags::AUTHENTICATION_CLIENT | DBusConnectionFlags::MESSAGE_BUS_CONNECTION,
        None,
        None::<&gio::Cancellable>,
    )?;
    a11y.call_sync(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        "StartServiceByName",
        Some(&("org.a11y.atspi.Registry", 0u32).to_variant()),
        None,
        DBusCallFlags::NONE,
        TIMEOUT_MS,
        None::<&gio::Cancellable>,
    )?;
    Ok(())
}
