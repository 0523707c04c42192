//! The style sheet (`word/styles.xml`): one named style per part of a motion, so a user restyles
//! every recital, paragraph or point of the document in Word in one place.
//!
//! Written here rather than with docx-rs, whose styles put their elements out of the schema's
//! order and cannot carry the document language.

use super::{escape, DocxOptions};
use crate::export::plan::measures::{self, Space, BODY_PT};

/// Whether a style applies to paragraphs or to runs of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleKind {
    /// A paragraph style (`w:pPr`).
    Paragraph,
    /// A character style (`w:rPr`) for runs.
    Character,
}

/// One style of the sheet: its id (what `w:pStyle` names), the name Word shows, and what it is
/// for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StyleDef {
    /// The style id, e.g. `MotionRecital`.
    pub id: &'static str,
    /// The name shown in Word's style gallery, e.g. `Motion Recital`.
    pub name: &'static str,
    /// The part of the motion the style is for.
    pub purpose: &'static str,
    /// Whether it styles paragraphs or runs.
    pub kind: StyleKind,
    /// Paragraph properties, as `w:pPr` children in the schema's order.
    ppr: &'static str,
    bold: bool,
    italic: bool,
    /// Text size relative to the body text; 1.0 inherits it.
    scale: f32,
    superscript: bool,
    /// Listed in Word's quick style gallery.
    quick: bool,
}

/// Style ids, used by the renderer.
pub mod id {
    pub const COVER_MASTHEAD: &str = "MotionCoverMasthead";
    pub const COVER_TERM: &str = "MotionCoverTerm";
    pub const COVER_SITTING: &str = "MotionCoverSitting";
    pub const COVER_NUMBER: &str = "MotionCoverNumber";
    pub const COVER_DATE: &str = "MotionCoverDate";
    pub const COVER_KIND: &str = "MotionCoverKind";
    pub const COVER_REQUEST: &str = "MotionCoverRequest";
    pub const COVER_RULE: &str = "MotionCoverRule";
    pub const COVER_TITLE: &str = "MotionCoverTitle";
    pub const COVER_PROCEDURE: &str = "MotionCoverProcedure";
    pub const COVER_AUTHORS: &str = "MotionCoverAuthors";
    pub const COVER_GROUP: &str = "MotionCoverGroup";
    pub const COVER_REPLACING: &str = "MotionCoverReplacing";
    pub const COVER_REPLACES: &str = "MotionCoverReplaces";
    pub const COVER_PE_NUMBER: &str = "MotionCoverPeNumber";
    pub const COVER_OTHER: &str = "MotionCoverOther";
    pub const TITLE: &str = "MotionTitle";
    pub const TITLE_NOTE: &str = "MotionTitleNote";
    pub const FORMULA: &str = "MotionFormula";
    pub const CITATION: &str = "MotionCitation";
    pub const RECITAL: &str = "MotionRecital";
    pub const PARAGRAPH: &str = "MotionParagraph";
    pub const POINT: [&str; 3] = ["MotionPoint1", "MotionPoint2", "MotionPoint3"];
    pub const WRAP_UP: &str = "MotionWrapUp";
    pub const HEADING: &str = "MotionHeading";
    pub const TRAILING: &str = "MotionTrailing";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
    pub const HEADER: &str = "Header";
    pub const FOOTER: &str = "Footer";
}

const fn style(id: &'static str, name: &'static str, purpose: &'static str) -> StyleDef {
    StyleDef {
        id,
        name,
        purpose,
        kind: StyleKind::Paragraph,
        ppr: "",
        bold: false,
        italic: false,
        scale: 1.0,
        superscript: false,
        quick: false,
    }
}

/// Every style of the sheet but `Normal`, in the order Word lists them.
pub const STYLES: [StyleDef; 30] = [
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        bold: true,
        scale: measures::LARGE_PT / BODY_PT,
        ..style(
            id::COVER_MASTHEAD,
            "Motion Cover Masthead",
            "cover: the Parliament's masthead",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        ..style(
            id::COVER_TERM,
            "Motion Cover Term",
            "cover: the parliamentary term",
        )
    },
    StyleDef {
        bold: true,
        ..style(
            id::COVER_SITTING,
            "Motion Cover Sitting",
            "cover: the plenary-sitting line",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        bold: true,
        scale: measures::LARGE_PT / BODY_PT,
        ..style(
            id::COVER_NUMBER,
            "Motion Cover Number",
            "cover: document number",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        ..style(id::COVER_DATE, "Motion Cover Date", "cover: tabling date")
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/>"#,
        bold: true,
        scale: measures::HUGE_PT / BODY_PT,
        ..style(
            id::COVER_KIND,
            "Motion Cover Kind",
            "cover: kind of document",
        )
    },
    style(
        id::COVER_REQUEST,
        "Motion Cover Request",
        "cover: request for a debate",
    ),
    style(
        id::COVER_RULE,
        "Motion Cover Rule",
        "cover: Rule of Procedure line",
    ),
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/>"#,
        ..style(
            id::COVER_REPLACING,
            "Motion Cover Replacing",
            "cover: the line introducing the motions a joint motion replaces",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="0"/>"#,
        ..style(
            id::COVER_REPLACES,
            "Motion Cover Replaces",
            "cover: motions a joint motion replaces",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/>"#,
        ..style(id::COVER_TITLE, "Motion Cover Title", "cover: title")
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        ..style(
            id::COVER_PROCEDURE,
            "Motion Cover Procedure",
            "cover: procedure reference",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/>"#,
        ..style(
            id::COVER_AUTHORS,
            "Motion Cover Authors",
            "cover: Members tabling the motion",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        ..style(
            id::COVER_GROUP,
            "Motion Cover Group",
            "cover: on behalf of a political group",
        )
    },
    style(
        id::COVER_OTHER,
        "Motion Cover Other",
        "cover: other cover text",
    ),
    StyleDef {
        ppr: r#"<w:spacing w:before="240"/>"#,
        scale: measures::SMALL_PT / BODY_PT,
        ..style(
            id::COVER_PE_NUMBER,
            "Motion Cover PE Number",
            "cover: the Parliament's session number",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="0"/>"#,
        bold: true,
        scale: measures::LARGE_PT / BODY_PT,
        quick: true,
        ..style(id::TITLE, "Motion Title", "the resolution's title")
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="60"/>"#,
        ..style(
            id::TITLE_NOTE,
            "Motion Title Note",
            "lines between title and formula",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/>"#,
        // Italic, as the PDF and the Parliament print it, whether or not the source marked it.
        italic: true,
        quick: true,
        ..style(
            id::FORMULA,
            "Motion Formula",
            "enacting formula and the formulas opening recitals and body",
        )
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="709"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="709" w:hanging="709"/><w:jc w:val="both"/>"#,
        quick: true,
        ..style(id::CITATION, "Motion Citation", "citation: dash, tab, text")
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="709"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="709" w:hanging="709"/><w:jc w:val="both"/>"#,
        quick: true,
        ..style(id::RECITAL, "Motion Recital", "recital: number, tab, text")
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="709"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="709" w:hanging="709"/><w:jc w:val="both"/>"#,
        quick: true,
        ..style(
            id::PARAGRAPH,
            "Motion Paragraph",
            "operative paragraph: number, tab, text",
        )
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="1418"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="1418" w:hanging="709"/><w:jc w:val="both"/>"#,
        quick: true,
        ..style(
            id::POINT[0],
            "Motion Point 1",
            "point of a recital or paragraph",
        )
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="2127"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="2127" w:hanging="709"/><w:jc w:val="both"/>"#,
        ..style(id::POINT[1], "Motion Point 2", "point of a point")
    },
    StyleDef {
        ppr: r#"<w:tabs><w:tab w:val="left" w:pos="2836"/></w:tabs><w:suppressAutoHyphens w:val="0"/><w:ind w:left="2836" w:hanging="709"/><w:jc w:val="both"/>"#,
        ..style(
            id::POINT[2],
            "Motion Point 3",
            "point of the third level and deeper",
        )
    },
    StyleDef {
        ppr: r#"<w:suppressAutoHyphens w:val="0"/><w:spacing w:before="60"/><w:ind w:left="709"/><w:jc w:val="both"/>"#,
        ..style(
            id::WRAP_UP,
            "Motion Wrap-up",
            "text closing a paragraph after its points",
        )
    },
    StyleDef {
        ppr: r#"<w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/>"#,
        bold: true,
        quick: true,
        ..style(
            id::HEADING,
            "Motion Heading",
            "heading between operative paragraphs",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="240"/>"#,
        ..style(
            id::TRAILING,
            "Motion Trailing Text",
            "text after the body the reader could not place",
        )
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/>"#,
        scale: measures::SMALL_PT / BODY_PT,
        ..style(
            id::FOOTNOTE_TEXT,
            "footnote text",
            "footnote text, and notes the text never calls (Word's built-in style)",
        )
    },
    StyleDef {
        kind: StyleKind::Character,
        superscript: true,
        ..style(
            id::FOOTNOTE_REFERENCE,
            "footnote reference",
            "footnote call (Word's built-in style)",
        )
    },
];

/// Header and footer: Word's built-in styles, not part of the motion's catalogue.
const PAGE_STYLES: [StyleDef; 2] = [
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/><w:jc w:val="right"/>"#,
        scale: measures::FURNITURE_PT / BODY_PT,
        ..style(id::HEADER, "header", "running header: the document number")
    },
    StyleDef {
        ppr: r#"<w:spacing w:before="0"/><w:jc w:val="center"/>"#,
        scale: measures::FURNITURE_PT / BODY_PT,
        ..style(
            id::FOOTER,
            "footer",
            "running footer: page number / number of pages",
        )
    },
];

const ROOT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#;

/// The `word/styles.xml` part: document defaults (font, size, language) and every style.
pub fn part(options: &DocxOptions, lang: Option<&str>) -> Vec<u8> {
    let body_half_points = half_points(options.font_size_pt, 1.0);
    let font = escape(&options.font_family);
    let font = if font.trim().is_empty() {
        "Times New Roman".into()
    } else {
        font
    };
    let mut xml = String::with_capacity(8 * 1024);
    xml.push_str(ROOT);
    xml.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    xml.push_str(&format!(
        r#"<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/><w:sz w:val="{body_half_points}"/><w:szCs w:val="{body_half_points}"/>"#
    ));
    if let Some(lang) = lang {
        let lang = escape(lang);
        xml.push_str(&format!(
            r#"<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="{lang}"/>"#
        ));
    }
    xml.push_str(&format!(
        r#"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:suppressAutoHyphens/><w:spacing w:before="{}" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        Space::Normal as u32
    ));
    xml.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#);
    xml.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    for def in STYLES.iter().chain(PAGE_STYLES.iter()) {
        push_style(&mut xml, def, options.font_size_pt);
    }
    xml.push_str("</w:styles>");
    xml.into_bytes()
}

/// One `w:style`, its children in the schema's order.
fn push_style(xml: &mut String, def: &StyleDef, body_pt: f32) {
    let (kind, base) = match def.kind {
        StyleKind::Paragraph => ("paragraph", "Normal"),
        StyleKind::Character => ("character", "DefaultParagraphFont"),
    };
    xml.push_str(&format!(
        r#"<w:style w:type="{kind}" w:customStyle="{custom}" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="{base}"/>"#,
        custom = u8::from(def.id.starts_with("Motion")),
        id = def.id,
        name = def.name,
    ));
    if def.quick {
        xml.push_str("<w:qFormat/>");
    }
    if !def.ppr.is_empty() {
        xml.push_str("<w:pPr>");
        xml.push_str(def.ppr);
        xml.push_str("</w:pPr>");
    }
    let mut rpr = String::new();
    if def.bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if def.italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    if def.scale != 1.0 {
        let sz = half_points(body_pt, def.scale);
        rpr.push_str(&format!(r#"<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>"#));
    }
    if def.superscript {
        rpr.push_str(r#"<w:vertAlign w:val="superscript"/>"#);
    }
    if !rpr.is_empty() {
        xml.push_str("<w:rPr>");
        xml.push_str(&rpr);
        xml.push_str("</w:rPr>");
    }
    xml.push_str("</w:style>");
}

/// A size in Word's half points, scaled, kept within what Word accepts (1 to 1638 points).
fn half_points(pt: f32, scale: f32) -> u32 {
    let pt = if pt.is_finite() { pt } else { BODY_PT };
    ((pt * scale * 2.0).round() as i64).clamp(2, 3276) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_readable() {
        let mut ids: Vec<&str> = STYLES
            .iter()
            .chain(PAGE_STYLES.iter())
            .map(|s| s.id)
            .collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
        for def in &STYLES {
            assert!(
                def.id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{}",
                def.id
            );
            assert!(!def.name.is_empty() && !def.purpose.is_empty());
        }
    }

    /// The values of attribute `attr` in the paragraph properties of every style.
    fn values(attr: &str) -> Vec<(&'static str, u32)> {
        let key = format!(r#"{attr}=""#);
        let mut out = Vec::new();
        for def in STYLES.iter().chain(PAGE_STYLES.iter()) {
            for (at, _) in def.ppr.match_indices(&key) {
                let rest = &def.ppr[at + key.len()..];
                let digits = &rest[..rest.find('"').expect("closing quote")];
                out.push((def.id, digits.parse().expect("a number")));
            }
        }
        out
    }

    #[test]
    fn spaces_and_indents_are_the_house_measures() {
        // The PDF sets its spaces and indents from `plan::measures`; the DOCX's style sheet
        // must state the same ones, so the two lay out alike.
        let spaces = [Space::None, Space::Small, Space::Normal, Space::Large].map(|s| s as u32);
        let befores = values("w:before");
        assert!(befores.len() > 10);
        for (id, v) in befores {
            assert!(spaces.contains(&v), "{id}: space before {v} twips");
        }
        for (id, v) in values("w:hanging") {
            assert_eq!(v, measures::INDENT_TWIPS, "{id}");
        }
        for attr in ["w:left", "w:pos"] {
            for (id, v) in values(attr) {
                assert_eq!(v % measures::INDENT_TWIPS, 0, "{id}: {attr} {v}");
            }
        }
        let part = String::from_utf8(part(&DocxOptions::default(), None)).unwrap();
        let normal = format!(r#"w:before="{}""#, Space::Normal as u32);
        assert!(
            part.contains(&normal),
            "the default space before a paragraph"
        );
        assert!(part.contains(r#"<w:sz w:val="24"/>"#), "12 pt body");
        assert!(
            part.contains(r#"<w:sz w:val="28"/>"#),
            "14 pt number and title"
        );
        assert!(part.contains(r#"<w:sz w:val="32"/>"#), "16 pt kind");
        assert!(part.contains(r#"<w:sz w:val="20"/>"#), "10 pt notes");
    }

    #[test]
    fn sizes_are_clamped() {
        assert_eq!(half_points(12.0, 1.0), 24);
        assert_eq!(half_points(f32::NAN, 1.0), 24);
        assert_eq!(half_points(-3.0, 1.0), 2);
        assert_eq!(half_points(1e9, 1.0), 3276);
    }
}
