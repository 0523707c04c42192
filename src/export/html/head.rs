//! The `<head>`: a content security policy that lets nothing be fetched, the title, a description, the FRBR Work and Expression IRIs the Akoma Ntoso
//! names the motion by, the style sheet, and the motion as schema.org `Legislation` in a JSON-LD
//! data block (the only script, and not executable), with `<` escaped so that no text of the
//! motion can close the block.

use super::style::CSS;
use super::Doc;
use crate::export::frbr::Frbr;
use crate::export::meta::DocMeta;
use crate::export::plan::cover::{self, Role};

impl Doc<'_> {
    /// Writes the `<head>`, with `css` after the house style.
    pub(super) fn head(&mut self, meta: &DocMeta, frbr: &Frbr, css: &str) {
        self.out.open("head", &[]);
        self.out.open("meta", &[("charset", "utf-8")]);
        // Nothing outside the file is fetched, should a later hand add a reference to it.
        self.out.open(
            "meta",
            &[
                ("http-equiv", "Content-Security-Policy"),
                ("content", "default-src 'none'; style-src 'unsafe-inline'"),
            ],
        );
        self.out.open(
            "meta",
            &[
                ("name", "viewport"),
                ("content", "width=device-width, initial-scale=1"),
            ],
        );
        self.out.line("title", &[], &meta.title);
        let description = self.description(meta);
        self.out.open(
            "meta",
            &[("name", "description"), ("content", &description)],
        );
        if !meta.author.is_empty() {
            self.out
                .open("meta", &[("name", "author"), ("content", &meta.author)]);
        }
        self.out.open(
            "meta",
            &[("name", "dcterms.isVersionOf"), ("content", &frbr.work)],
        );
        self.out.open(
            "meta",
            &[
                ("name", "dcterms.identifier"),
                ("content", &frbr.expression),
            ],
        );
        self.out.open(
            "meta",
            &[("name", "generator"), ("content", "motion-export")],
        );
        self.out.open("style", &[]);
        self.out.raw(CSS);
        self.out.raw(css);
        self.out.end("style");
        self.out.open("script", &[("type", "application/ld+json")]);
        let json = json_ld(self.motion, meta, frbr);
        self.out.raw(&json);
        self.out.end("script");
        self.out.close("head");
    }

    /// What the motion is, in its language where the cover says it: the kind, the number and
    /// title, the authors.
    fn description(&self, meta: &DocMeta) -> String {
        let kind = cover::lines(self.motion)
            .into_iter()
            .find(|l| l.role == Role::Kind)
            .map(|l| match l.text {
                cover::Text::Plain(t) => t.into_owned(),
                cover::Text::Para(p) => p.plain_text(),
            });
        let mut out = String::new();
        if let Some(kind) = kind {
            out.push_str(&kind);
            out.push_str(": ");
        }
        out.push_str(&meta.title);
        if !meta.author.is_empty() {
            out.push_str(" (");
            out.push_str(&meta.author);
            out.push(')');
        }
        out
    }
}

/// The motion as schema.org `Legislation`: its identifier, language, date when the text states
/// it, its FRBR IRIs, and its authors (each Member with the group, else the groups).
fn json_ld(motion: &crate::model::Motion, meta: &DocMeta, frbr: &Frbr) -> String {
    let mut j = Json(String::with_capacity(512));
    j.0.push_str("{\"@context\":\"https://schema.org\",\"@type\":\"Legislation\"");
    j.field("@id", &frbr.expression);
    j.field("name", &meta.title);
    j.field("legislationIdentifier", &frbr.number);
    j.field("inLanguage", &motion.lang);
    if frbr.date_known {
        j.field("datePublished", &frbr.date);
    }
    j.0.push_str(",\"identifier\":[");
    j.string(&frbr.work);
    j.0.push(',');
    j.string(&frbr.expression);
    j.0.push(']');
    j.0.push_str(",\"author\":[");
    let mut first = true;
    for group in &motion.cover.authors {
        for member in &group.members {
            if !std::mem::take(&mut first) {
                j.0.push(',');
            }
            j.0.push_str("{\"@type\":\"Person\"");
            j.field("name", member.trim());
            if let Some(g) = &group.group {
                j.0.push_str(",\"memberOf\":{\"@type\":\"Organization\"");
                j.field("name", g);
                j.0.push('}');
            }
            j.0.push('}');
        }
    }
    if first {
        for group in motion.cover.groups() {
            if !std::mem::take(&mut first) {
                j.0.push(',');
            }
            j.0.push_str("{\"@type\":\"Organization\"");
            j.field("name", group);
            j.0.push('}');
        }
    }
    j.0.push_str("]}");
    j.0
}

/// JSON written by hand (the library without its features has no JSON crate).
struct Json(String);

impl Json {
    /// `,"key":"value"`.
    fn field(&mut self, key: &str, value: &str) {
        self.0.push(',');
        self.string(key);
        self.0.push(':');
        self.string(value);
    }

    /// A JSON string safe inside an HTML `<script>`: `<`, `>` and `&` as `\u` escapes (so that
    /// neither `</script>` nor `<!--` can appear), controls and the characters HTML forbids
    /// escaped too, as are the line and paragraph separators.
    fn string(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => self.escape(c),
                c if !crate::vocab::chars::is_html_char(c) || c.is_control() => self.escape(c),
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    fn escape(&mut self, c: char) {
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            self.0.push_str(&format!("\\u{unit:04x}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_cannot_close_the_script() {
        let mut j = Json(String::new());
        j.string("</script><!-- \"a\\b\" \u{1}\u{85}\u{2028}\u{1FFFF}");
        assert_eq!(
            j.0,
            r#""\u003c/script\u003e\u003c!-- \"a\\b\" \u0001\u0085\u2028\ud83f\udfff""#
        );
    }
}
