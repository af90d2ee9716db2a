//! Where the two views go in the space they share, whatever the sizes of the window, the bar and
//! the on-screen keyboard: the bar is never cut, and the page always keeps a strip.

/// The views' places in a window, in GTK pixels. Both views span the window's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The chrome view's height, from the top. With the on-screen keyboard up it spans the whole
    /// window, beneath the page, and draws the keyboard at its bottom.
    pub chrome_height: i32,
    /// False while the keyboard is up: the keyboard focus stays in the page.
    pub chrome_focusable: bool,
    /// The content view's top and height; `None` hides it (a screen over the whole window).
    pub content: Option<(i32, i32)>,
}

/// The least a bar is given, and the least the page keeps below it, when the window has room.
const LEAST: i32 = 24;

/// A screen over the whole window (`bar` is `None`), or a bar `bar` pixels tall above the page
/// and a keyboard `keyboard` pixels tall (0: down) below it, in a window `height` pixels tall.
pub fn place(height: i32, bar: Option<i32>, keyboard: i32) -> Placement {
    let height = height.max(1);
    let Some(bar) = bar else {
        return Placement { chrome_height: height, chrome_focusable: true, content: None };
    };
    // At most the bar leaves the page a quarter of the window.
    let bar = bar.max(LEAST).min(height * 3 / 4);
    let keyboard = keyboard.min(height - bar - LEAST).max(0);
    let page = (height - bar - keyboard).max(0);
    Placement {
        chrome_height: if keyboard > 0 { height } else { bar },
        chrome_focusable: keyboard == 0,
        content: Some((bar, page)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layout_puts_the_bar_the_page_and_the_keyboard_in_their_places() {
        let table = [
            // (window height, bar, keyboard) → (chrome height, focusable, content)
            ((800, None, 0), (800, true, None)),
            ((800, None, 300), (800, true, None)),
            ((800, Some(56), 0), (56, true, Some((56, 744)))),
            ((800, Some(56), 300), (800, false, Some((56, 444)))),
            // A bar at 200 % text: never more than three quarters of the window.
            ((800, Some(700), 0), (600, true, Some((600, 200)))),
            // A keyboard taller than the room left: the page keeps its strip.
            ((800, Some(56), 800), (800, false, Some((56, 24)))),
            ((800, Some(10), 0), (24, true, Some((24, 776)))),
            ((800, Some(56), -5), (56, true, Some((56, 744)))),
            // Windows too small for the least sizes (GTK's first allocations): no panic, nothing negative.
            ((1, Some(56), 300), (0, true, Some((0, 1)))),
            ((40, Some(56), 10), (30, true, Some((30, 10)))),
            ((0, Some(56), 0), (0, true, Some((0, 1)))),
        ];
        for ((height, bar, keyboard), (chrome_height, chrome_focusable, content)) in table {
            assert_eq!(
                place(height, bar, keyboard),
                Placement { chrome_height, chrome_focusable, content },
                "window {height}, bar {bar:?}, keyboard {keyboard}"
            );
        }
    }
}
