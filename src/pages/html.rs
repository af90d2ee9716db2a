//! Small HTML helpers: every dynamic value goes through [`esc`], every page through [`document`].

use crate::i18n::Localizer;

/// Escapes text for use in HTML content and in double- or single-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: language and writing direction (Arabic and Persian pages are mirrored), title,
/// our style sheets and scripts (never inline: the CSP forbids it).
pub fn document(l: &Localizer, title: &str, styles: &[&str], scripts: &[&str], body_class: &str, body: &str) -> String {
    let mut head = String::new();
    for style in styles {
        head.push_str(&format!("<link rel=\"stylesheet\" href=\"{}\">", esc(style)));
    }
    for script in scripts {
        head.push_str(&format!("<script src=\"{}\" defer></script>", esc(script)));
    }
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>{head}</head><body class=\"{class}\">{body}</body></html>",
        lang = esc(l.tag()),
        dir = l.direction().html(),
        title = esc(title),
        class = esc(body_class),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<a href=\"x\" onclick='y'>&</a>"), "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
