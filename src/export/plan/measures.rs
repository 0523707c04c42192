//! The house style's measures, which the PDF and the DOCX both use so that a motion's lines and
//! pages agree between them: the Parliament's 12 pt body, its relative sizes, the hanging indent
//! (Word's 1.25 cm tab) and the space between paragraphs, in the units Word counts in (twips,
//! twentieths of a point) so that the DOCX writes them exactly.

/// The body's type size in points: the Parliament writes in Times New Roman 12 pt.
pub(crate) const BODY_PT: f32 = 12.0;

/// One level of indentation (a hanging number and its text), in twips: 1.25 cm. (The DOCX's
/// style sheet writes it as text; its tests check it is this.)
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) const INDENT_TWIPS: u32 = 709;

/// The size of the cover's document number, in points at a 12 pt body.
pub(crate) const LARGE_PT: f32 = 14.0;
/// The size of the cover's kind ("MOTION FOR A RESOLUTION").
pub(crate) const HUGE_PT: f32 = 16.0;
/// The size of footnotes and the PE number.
pub(crate) const SMALL_PT: f32 = 10.0;
/// The size of the running header and the footer.
pub(crate) const FURNITURE_PT: f32 = 9.0;

/// The space before a paragraph, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) enum Space {
    /// None: lines of one block (cover lines that belong together).
    None = 0,
    /// 3 pt: between notes, under a rule.
    Small = 60,
    /// 6 pt: between paragraphs of the body.
    Normal = 120,
    /// 12 pt: before a new part (the title, a heading, the authors).
    Large = 240,
}

/// Points in a twip.
#[cfg(feature = "pdf")]
pub(crate) fn pt(twips: u32) -> f32 {
    twips as f32 / 20.0
}
