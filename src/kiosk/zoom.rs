//! Text size: the steps A− / A+, Ctrl −/+ and the accessibility panel move through (100 % to
//! 300 %), and how far the bar may follow (it never takes more than 15 % of the screen's
//! height, whatever the text size).

/// Page zoom levels; the patron starts at 100 %.
pub const LEVELS: [f64; 8] = [1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0];
const DEFAULT: usize = 0;
/// Screens over the whole window (welcome, dialogs) grow up to this.
const MAX_SCREEN_ZOOM: f64 = 2.0;
/// The bar's share of the screen's height, at most.
pub const MAX_BAR_SHARE: f64 = 0.15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    In,
    Out,
    Reset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextSize(usize);

impl Default for TextSize {
    fn default() -> Self {
        TextSize(DEFAULT)
    }
}

impl TextSize {
    pub fn step(self, step: Step) -> TextSize {
        TextSize(match step {
            Step::In => (self.0 + 1).min(LEVELS.len() - 1),
            Step::Out => self.0.saturating_sub(1),
            Step::Reset => DEFAULT,
        })
    }

    /// The smallest level at least `zoom`.
    pub fn at_least(zoom: f64) -> TextSize {
        TextSize(LEVELS.iter().position(|level| *level >= zoom).unwrap_or(LEVELS.len() - 1))
    }

    /// The web page's zoom.
    pub fn page(self) -> f64 {
        LEVELS[self.0]
    }

    /// The chrome view's zoom: the bar follows the text size as long as its height
    /// (`bar_css` CSS pixels tall at 100 %) stays within [`MAX_BAR_SHARE`] of `screen_height`.
    pub fn chrome(self, full_screen: bool, bar_css: u32, screen_height: Option<i32>) -> f64 {
        let wanted = self.page().min(MAX_SCREEN_ZOOM);
        if full_screen {
            return wanted;
        }
        match screen_height {
            Some(height) if height > 0 && bar_css > 0 => {
                let fits = MAX_BAR_SHARE * f64::from(height) / f64::from(bar_css);
                // Never below 100 %: a bar too tall at its own size is a layout bug, not a zoom.
                wanted.min(fits).max(1.0_f64.min(wanted))
            }
            _ => wanted,
        }
    }

    pub fn percent(self) -> u32 {
        (self.page() * 100.0).round() as u32
    }
}

/// The bar's height in window pixels at chrome zoom `zoom`.
pub fn bar_pixels(bar_css: u32, zoom: f64) -> i32 {
    (f64::from(bar_css) * zoom).ceil() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stop_at_both_ends() {
        let mut size = TextSize::default();
        assert_eq!(size.percent(), 100);
        for _ in 0..20 {
            size = size.step(Step::In);
        }
        assert_eq!(size.percent(), 300);
        for _ in 0..20 {
            size = size.step(Step::Out);
        }
        assert_eq!(size.percent(), 100);
        assert_eq!(size.step(Step::In).step(Step::Reset).percent(), 100);
        assert_eq!(TextSize::at_least(1.5).percent(), 150);
    }

    #[test]
    fn the_bar_stays_within_fifteen_percent_at_every_size() {
        for height in [600, 768, 800, 1080] {
            let mut size = TextSize::default();
            for _ in 0..LEVELS.len() {
                let zoom = size.chrome(false, 52, Some(height));
                assert!(f64::from(bar_pixels(52, zoom)) <= MAX_BAR_SHARE * f64::from(height) + 1.0, "{height} {}", size.percent());
                size = size.step(Step::In);
            }
        }
    }
}
