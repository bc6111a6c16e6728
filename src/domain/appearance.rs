//! How Accord looks on this device: the [`Theme`] a person chose (follow the system, or
//! always light, or always dark) and the [`Palette`] of accent colours for both themes,
//! derived from one accent colour and checked for contrast (WCAG 2.2 AA: 4.5:1 for text).

use crate::domain::choice::choice_enum;
use crate::domain::message::Message;
use crate::msg;

choice_enum!(
    /// Light or dark: the person's choice on the Settings screen, kept on this device.
    Theme {
        System => "system", "Same as this device";
        Light => "light", "Light";
        Dark => "dark", "Dark";
    }
);

impl Theme {
    /// The value of `data-theme` on the page: the theme in force, "light" or "dark"
    /// (System: dark when the device asks for dark).
    pub fn data_theme(self, device_dark: bool) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::System if device_dark => "dark",
            Theme::Light | Theme::System => "light",
        }
    }
}

/// The least contrast text must have against its background (WCAG 2.2 AA, normal text).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
    /// The light theme's page background (`--canvas` in style/main.css).
    pub const LIGHT_CANVAS: Rgb = Rgb(0xf5, 0xf7, 0xf6);
    /// The dark theme's page background and panels (`--canvas`, `--surface`).
    pub const DARK_CANVAS: Rgb = Rgb(0x12, 0x16, 0x19);
    pub const DARK_SURFACE: Rgb = Rgb(0x1b, 0x21, 0x25);

    /// Reads `#rgb` or `#rrggbb` (either case).
    pub fn parse_hex(text: &str) -> Option<Rgb> {
        let digits = text.trim().strip_prefix('#')?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let value = |s: &str| u8::from_str_radix(s, 16).ok();
        match digits.len() {
            3 => {
                let d: Vec<u8> = digits.chars().filter_map(|c| value(&c.to_string())).collect();
                Some(Rgb(d[0] * 17, d[1] * 17, d[2] * 17))
            }
            6 => Some(Rgb(value(&digits[0..2])?, value(&digits[2..4])?, value(&digits[4..6])?)),
            _ => None,
        }
    }

    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.2).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// The contrast ratio between two colours, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// `amount` (0 to 1) of `self` mixed into `other`.
    pub fn mix(self, other: Rgb, amount: f64) -> Rgb {
        let blend = |a: u8, b: u8| (f64::from(a) * amount + f64::from(b) * (1.0 - amount)).round() as u8;
        Rgb(blend(self.0, other.0), blend(self.1, other.1), blend(self.2, other.2))
    }
}

/// The accent colours of both themes, derived from one accent colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// Links, outlines and fills under white text (buttons) in the light theme.
    pub accent: Rgb,
    /// Hover and current-page text in the light theme.
    pub accent_strong: Rgb,
    /// Pale backgrounds (notices, the current page in the menu) in the light theme.
    pub accent_soft: Rgb,
    /// Links and outlines in the dark theme: a light tint that reads on dark backgrounds.
    pub dark_accent: Rgb,
    pub dark_accent_strong: Rgb,
    pub dark_accent_soft: Rgb,
}

/// Why an accent colour cannot be used: the worst pair and its contrast.
#[derive(Debug, Clone, PartialEq)]
pub struct TooLittleContrast {
    pub against: Message,
    pub ratio: f64,
}

impl Palette {
    /// The palette for `accent`, or why it fails: white text on it, and it as link text on
    /// the light theme's backgrounds, must all reach 4.5:1. The dark theme's tints are
    /// always chosen to reach it.
    pub fn for_accent(accent: Rgb) -> Result<Palette, TooLittleContrast> {
        let accent_soft = accent.mix(Rgb::WHITE, 0.08);
        let checks = [
            (msg!("white text on it"), Rgb::WHITE),
            (msg!("Accord's pale page background as link text"), Rgb::LIGHT_CANVAS),
            (msg!("Accord's pale notice background as link text"), accent_soft),
        ];
        if let Some((against, ratio)) =
            checks.into_iter().map(|(what, background)| (what, accent.contrast(background))).find(|(_, ratio)| *ratio < MIN_TEXT_CONTRAST)
        {
            return Err(TooLittleContrast { against, ratio });
        }
        let accent_strong = accent.mix(Rgb(0, 0, 0), 0.75);
        let dark_accent_soft = accent.mix(Rgb::DARK_SURFACE, 0.3);
        // The least tint toward white that reads on every dark background (5:1, a margin).
        let dark_accent = (0..=20)
            .map(|step| Rgb::WHITE.mix(accent, 0.4 + f64::from(step) * 0.03))
            .find(|tint| [Rgb::DARK_CANVAS, Rgb::DARK_SURFACE, dark_accent_soft].iter().all(|bg| tint.contrast(*bg) >= 5.0))
            .unwrap_or(Rgb::WHITE);
        let dark_accent_strong = Rgb::WHITE.mix(dark_accent, 0.4);
        Ok(Palette { accent, accent_strong, accent_soft, dark_accent, dark_accent_strong, dark_accent_soft })
    }

    /// CSS custom properties the stylesheet reads (`--org-…`), with their values.
    pub fn css_properties(&self) -> Vec<(&'static str, String)> {
        vec![
            ("--org-accent", self.accent.hex()),
            ("--org-accent-strong", self.accent_strong.hex()),
            ("--org-accent-soft", self.accent_soft.hex()),
            ("--org-dark-accent", self.dark_accent.hex()),
            ("--org-dark-accent-strong", self.dark_accent_strong.hex()),
            ("--org-dark-accent-soft", self.dark_accent_soft.hex()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_are_read_in_short_and_long_form() {
        assert_eq!(Rgb::parse_hex("#1f5f5b"), Some(Rgb(0x1f, 0x5f, 0x5b)));
        assert_eq!(Rgb::parse_hex("#ABC"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        assert_eq!(Rgb::parse_hex("1f5f5b"), None);
        assert_eq!(Rgb::parse_hex("#1f5f5"), None);
        assert_eq!(Rgb::parse_hex("#gg0000"), None);
        assert_eq!(Rgb::parse_hex("#ééé"), None);
        assert_eq!(Rgb(0x1f, 0x5f, 0x5b).hex(), "#1f5f5b");
    }

    #[test]
    fn contrast_matches_the_wcag_formula() {
        assert!((Rgb(0, 0, 0).contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Rgb(0x76, 0x76, 0x76).contrast(Rgb::WHITE);
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
    }

    #[test]
    fn accords_own_accent_passes_in_both_themes() {
        let palette = Palette::for_accent(Rgb(0x1f, 0x5f, 0x5b)).unwrap();
        assert!(palette.accent_strong.contrast(palette.accent_soft) >= MIN_TEXT_CONTRAST);
        for bg in [Rgb::DARK_CANVAS, Rgb::DARK_SURFACE, palette.dark_accent_soft] {
            assert!(palette.dark_accent.contrast(bg) >= MIN_TEXT_CONTRAST);
            assert!(palette.dark_accent_strong.contrast(bg) >= MIN_TEXT_CONTRAST);
        }
    }

    #[test]
    fn a_light_accent_is_refused_with_the_reason() {
        let refused = Palette::for_accent(Rgb(0x7f, 0xd1, 0xc8)).unwrap_err();
        assert_eq!(refused.against.to_string(), "white text on it");
        assert!(refused.ratio < 2.0);
        // Yellow fails too, however saturated.
        assert!(Palette::for_accent(Rgb(0xff, 0xcc, 0x00)).is_err());
    }

    #[test]
    fn every_dark_enough_accent_gets_readable_dark_theme_tints() {
        for accent in [Rgb(0, 0, 0), Rgb(0x00, 0x33, 0x99), Rgb(0x8b, 0x00, 0x00), Rgb(0x55, 0x22, 0x88), Rgb(0x2b, 0x59, 0x2b)] {
            let palette = Palette::for_accent(accent).unwrap();
            assert!(palette.accent.contrast(Rgb::WHITE) >= MIN_TEXT_CONTRAST);
            assert!(palette.accent_strong.contrast(palette.accent_soft) >= MIN_TEXT_CONTRAST, "{accent:?}");
            for bg in [Rgb::DARK_CANVAS, Rgb::DARK_SURFACE, palette.dark_accent_soft] {
                assert!(palette.dark_accent.contrast(bg) >= MIN_TEXT_CONTRAST, "{accent:?}");
                assert!(palette.dark_accent_strong.contrast(bg) >= MIN_TEXT_CONTRAST, "{accent:?}");
            }
        }
    }

    #[test]
    fn themes_map_to_the_page_attribute() {
        assert_eq!(Theme::System.data_theme(true), "dark");
        assert_eq!(Theme::System.data_theme(false), "light");
        assert_eq!(Theme::Dark.data_theme(false), "dark");
        assert_eq!(Theme::Light.data_theme(true), "light");
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse("sepia"), None);
    }
}
