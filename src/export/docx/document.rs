//! The main document part with its page setup, the header and footer parts, and the settings.

use super::body::State;
use super::fixup;
use super::wordml::Sink;
use crate::export::meta::PageLayout;
use crate::export::ExportError;
use docx_rs::{Footer, Header};

/// Relationship ids of the header and footer, as `word/_rels/document.xml.rels` names them.
pub const HEADER_RID: &str = "rIdHeader1";
pub const FOOTER_RID: &str = "rIdFooter1";

const ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>"#;

/// Writes the `word/document.xml` part: the paragraphs `text` writes (returning whether they
/// open with a cover page), then the page setup. A cover page has no header or footer.
pub fn document<S: Sink>(
    state: &mut State<'_>,
    page: &PageLayout,
    out: &mut S,
    text: impl FnOnce(&mut State<'_>, &mut S) -> bool,
) {
    out.push(ROOT.as_bytes());
    let has_cover = text(state, out);
    out.push(section(page, has_cover).as_bytes());
    out.push(b"</w:body></w:document>");
}

/// The section properties: header, footer, paper and margins, in the schema's order.
fn section(page: &PageLayout, title_page: bool) -> String {
    let (w_mm, h_mm) = page.paper.size_mm();
    let (w, h) = (twips(w_mm, f32::MAX), twips(h_mm, f32::MAX));
    // A margin may take at most a third of the page, so some text area always remains.
    let top = twips(page.margin_top_mm, h_mm / 3.0);
    let bottom = twips(page.margin_bottom_mm, h_mm / 3.0);
    let left = twips(page.margin_left_mm, w_mm / 3.0);
    let right = twips(page.margin_right_mm, w_mm / 3.0);
    format!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_RID}"/><w:footerReference w:type="default" r:id="{FOOTER_RID}"/><w:pgSz w:w="{w}" w:h="{h}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{hd}" w:footer="{fd}" w:gutter="0"/><w:cols w:space="708"/>{title_pg}</w:sectPr>"#,
        hd = top / 2,
        fd = bottom / 2,
        title_pg = if title_page { "<w:titlePg/>" } else { "" },
    )
}

/// Millimetres in twentieths of a point, within `0..=max_mm`.
/// The width of the text area, in twips: the paper's less its side margins.
pub fn text_width_twips(page: &PageLayout) -> u32 {
    let (w_mm, _) = page.paper.size_mm();
    let margins = twips(page.margin_left_mm, w_mm / 3.0) + twips(page.margin_right_mm, w_mm / 3.0);
    twips(w_mm, f32::MAX).saturating_sub(margins)
}

fn twips(mm: f32, max_mm: f32) -> u32 {
    let mm = if mm.is_finite() {
        mm.clamp(0.0, max_mm)
    } else {
        0.0
    };
    (mm * 1440.0 / 25.4).round() as u32
}

/// The `word/header1.xml` part.
pub fn header(header: &Header) -> Result<Vec<u8>, ExportError> {
    let mut xml = Vec::with_capacity(2048);
    fixup::write(std::slice::from_ref(header), &mut xml)?;
    Ok(xml)
}

/// The `word/footer1.xml` part.
pub fn footer(footer: &Footer) -> Result<Vec<u8>, ExportError> {
    let mut xml = Vec::with_capacity(2048);
    fixup::write(std::slice::from_ref(footer), &mut xml)?;
    Ok(xml)
}

/// The `word/settings.xml` part: Word 2013+ layout, hyphenation by the text's language with at
/// most two hyphenated lines in a row (as the PDF's), the separator notes when there are notes,
/// and the language of the theme fonts.
pub fn settings(has_notes: bool, lang: Option<&str>) -> Vec<u8> {
    let mut xml = String::with_capacity(1024);
    xml.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/><w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/><w:characterSpacingControl w:val="doNotCompress"/>"#);
    if has_notes {
        xml.push_str(
            r#"<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>"#,
        );
    }
    xml.push_str(r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#);
    if let Some(lang) = lang {
        xml.push_str(&format!(
            r#"<w:themeFontLang w:val="{}"/>"#,
            super::escape(lang)
        ));
    }
    xml.push_str("</w:settings>");
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::meta::Paper;

    #[test]
    fn a4_in_twips() {
        let s = section(&PageLayout::default(), true);
        assert!(s.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "{s}");
        assert!(
            s.contains(r#"w:top="1417""#) && s.contains(r#"w:left="1247""#),
            "{s}"
        );
        assert!(s.ends_with("<w:titlePg/></w:sectPr>"), "{s}");
    }

    #[test]
    fn absurd_margins_are_bounded() {
        let page = PageLayout {
            paper: Paper::Letter,
            margin_top_mm: f32::NAN,
            margin_bottom_mm: -5.0,
            margin_left_mm: 1e9,
            margin_right_mm: f32::INFINITY,
        };
        let s = section(&page, false);
        assert!(
            s.contains(r#"w:top="0""#) && s.contains(r#"w:bottom="0""#),
            "{s}"
        );
        assert!(
            s.contains(r#"w:left="4080""#) && s.contains(r#"w:right="0""#),
            "{s}"
        );
    }
}
