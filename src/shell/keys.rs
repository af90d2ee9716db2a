//! Wires the lockdown key rules and activity reporting to the GTK window and views.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use gtk::gdk;
use gtk::glib::Propagation;
use gtk::prelude::*;

use super::EventProxy;
use crate::kiosk::{Event, ZoomStep};
use crate::lockdown::{classify, KeyAction, Modifiers};
use crate::session::ActivityThrottle;

/// Key presses reach the toplevel window before the focused view: swallow the forbidden ones.
pub fn filter_keys(window: &gtk::ApplicationWindow, events: EventProxy, chrome_has_focus: impl Fn() -> bool + 'static) {
    window.connect_key_press_event(move |_, event| {
        let state = event.state();
        let modifiers = Modifiers {
            ctrl: state.contains(gdk::ModifierType::CONTROL_MASK),
            shift: state.contains(gdk::ModifierType::SHIFT_MASK),
            alt: state.contains(gdk::ModifierType::MOD1_MASK),
            logo: state.contains(gdk::ModifierType::SUPER_MASK) || state.contains(gdk::ModifierType::MOD4_MASK),
        };
        let name = event.keyval().name().map(|n| n.to_string()).unwrap_or_default();
        let event = match classify(&name, modifiers) {
            KeyAction::Pass => return Propagation::Proceed,
            KeyAction::Swallow => return Propagation::Stop,
            KeyAction::SwitchFocus => Event::SwitchFocus { from_chrome: chrome_has_focus() },
            KeyAction::ScreenReader => Event::ScreenReaderKey,
            KeyAction::ZoomIn => Event::Zoom(ZoomStep::In),
            KeyAction::ZoomOut => Event::Zoom(ZoomStep::Out),
            KeyAction::ZoomReset => Event::Zoom(ZoomStep::Reset),
        };
        let _ = events.send_event(event);
        Propagation::Stop
    });
}

/// Any key, click, scroll, touch or pointer move in a view counts as the patron being there.
pub fn report_activity(widget: &impl IsA<gtk::Widget>, events: EventProxy, throttle: Rc<Cell<Option<Instant>>>) {
    widget.connect_event(move |_, event| {
        use gdk::EventType::*;
        if matches!(
            event.event_type(),
            KeyPress | ButtonPress | MotionNotify | Scroll | TouchBegin | TouchUpdate | TouchpadSwipe | TouchpadPinch
        ) {
            let now = Instant::now();
            let mut gate = ActivityThrottle::from_last(throttle.get());
            if gate.pass(now) {
                throttle.set(Some(now));
                let _ = events.send_event(Event::Activity);
            }
        }
        Propagation::Proceed
    });
}
