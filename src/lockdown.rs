//! Which key presses a kiosk swallows: the browser and desktop shortcuts that open files, save,
//! view source, open windows, print to file, reach developer tools or quit. Editing keys
//! (copy, paste, undo, select all) and page keys pass through.

/// What to do with a key press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    Pass,
    Swallow,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// F6: move the keyboard focus between the bar and the page.
    SwitchFocus,
    /// Super+Alt+S, the usual screen reader shortcut: start or stop Orca.
    ScreenReader,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Modifiers {
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// The Super ("Windows") key.
    pub logo: bool,
}

/// `key` is the GDK key name (`"o"`, `"F12"`, `"KP_Add"`…), in any case.
pub fn classify(key: &str, m: Modifiers) -> KeyAction {
    let key = key.to_ascii_lowercase();
    let key = key.as_str();
    if m.logo {
        return if m.alt && !m.ctrl && key == "s" { KeyAction::ScreenReader } else { KeyAction::Swallow };
    }
    match key {
        "f6" if !m.ctrl && !m.alt => return KeyAction::SwitchFocus,
        // Developer tools, caret/fullscreen toggles, help, and closing or switching windows.
        "f1" | "f3" | "f7" | "f10" | "f11" | "f12" | "menu" | "print" | "sys_req" => return KeyAction::Swallow,
        "f4" if m.alt || m.ctrl => return KeyAction::Swallow,
        "tab" if m.alt => return KeyAction::Swallow,
        "home" | "left" | "right" if m.alt => return KeyAction::Pass,
        "escape" if m.ctrl || m.alt => return KeyAction::Swallow,
        _ => {}
    }
    if m.ctrl {
        return match key {
            "plus" | "equal" | "kp_add" => KeyAction::ZoomIn,
            "minus" | "kp_subtract" => KeyAction::ZoomOut,
            "0" | "kp_0" => KeyAction::ZoomReset,
            // Text editing and in-page keys.
            "c" | "v" | "x" | "a" | "z" | "y" | "f" | "r" | "backspace" | "delete" | "left" | "right" | "up" | "down"
            | "home" | "end" | "return" | "kp_enter" | "space" | "insert"
                if !(m.shift && matches!(key, "c" | "delete")) =>
            {
                KeyAction::Pass
            }
            // Everything else with Ctrl is a browser or desktop shortcut: open, save, source,
            // new window or tab, close, quit, print, history, downloads, devtools…
            _ => KeyAction::Swallow,
        };
    }
    if m.alt && key.len() == 1 {
        // Menu mnemonics of a desktop application (Alt+F for "File"): there is no menu here.
        return KeyAction::Swallow;
    }
    KeyAction::Pass
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTRL: Modifiers = Modifiers { ctrl: true, shift: false, alt: false, logo: false };
    const CTRL_SHIFT: Modifiers = Modifiers { ctrl: true, shift: true, alt: false, logo: false };
    const ALT: Modifiers = Modifiers { ctrl: false, shift: false, alt: true, logo: false };
    const NONE: Modifiers = Modifiers { ctrl: false, shift: false, alt: false, logo: false };

    #[test]
    fn escape_shortcuts_are_swallowed() {
        for key in ["o", "s", "u", "n", "t", "w", "q", "p", "j", "h", "l", "d", "k", "e", "g", "b", "O", "S"] {
            assert_eq!(classify(key, CTRL), KeyAction::Swallow, "Ctrl+{key}");
        }
        for key in ["i", "I", "j", "c", "k", "n", "t", "w", "q", "delete", "Delete"] {
            assert_eq!(classify(key, CTRL_SHIFT), KeyAction::Swallow, "Ctrl+Shift+{key}");
        }
        for key in ["F12", "F11", "F7", "F1", "Menu"] {
            assert_eq!(classify(key, NONE), KeyAction::Swallow, "{key}");
        }
        assert_eq!(classify("F4", ALT), KeyAction::Swallow);
        assert_eq!(classify("Tab", ALT), KeyAction::Swallow);
        assert_eq!(classify("f", ALT), KeyAction::Swallow);
        assert_eq!(classify("a", Modifiers { logo: true, ..NONE }), KeyAction::Swallow);
        assert_eq!(classify("s", Modifiers { logo: true, ..NONE }), KeyAction::Swallow);
        assert_eq!(classify("S", Modifiers { logo: true, alt: true, ..NONE }), KeyAction::ScreenReader);
    }

    #[test]
    fn editing_and_page_keys_pass() {
        for key in ["c", "v", "x", "a", "z", "y", "BackSpace", "Left", "Return"] {
            assert_eq!(classify(key, CTRL), KeyAction::Pass, "Ctrl+{key}");
        }
        assert_eq!(classify("z", CTRL_SHIFT), KeyAction::Pass, "redo");
        for key in ["a", "Return", "Tab", "F5", "Escape", "Page_Down"] {
            assert_eq!(classify(key, NONE), KeyAction::Pass, "{key}");
        }
        assert_eq!(classify("Left", ALT), KeyAction::Pass, "back");
    }

    #[test]
    fn zoom_and_focus() {
        assert_eq!(classify("plus", CTRL), KeyAction::ZoomIn);
        assert_eq!(classify("KP_Subtract", CTRL), KeyAction::ZoomOut);
        assert_eq!(classify("0", CTRL), KeyAction::ZoomReset);
        assert_eq!(classify("F6", NONE), KeyAction::SwitchFocus);
    }
}
