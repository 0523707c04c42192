//! Document metadata shared by the paged formats (PDF document information, DOCX core
//! properties) and their page geometry, derived from the motion alone, never from the clock.

use crate::model::{Date, Motion};

/// Paper size of the paged formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 inches.
    Letter,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// Paper and margins, the same for the PDF and the DOCX.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageLayout {
    /// The paper size.
    pub paper: Paper,
    /// The top margin, in millimetres.
    pub margin_top_mm: f32,
    /// The bottom margin, in millimetres.
    pub margin_bottom_mm: f32,
    /// The left margin, in millimetres.
    pub margin_left_mm: f32,
    /// The right margin, in millimetres.
    pub margin_right_mm: f32,
}

impl Default for PageLayout {
    /// A4 with 25 mm margins at the top and bottom and 22 mm at the sides.
    fn default() -> Self {
        PageLayout {
            paper: Paper::A4,
            margin_top_mm: 25.0,
            margin_bottom_mm: 25.0,
            margin_left_mm: 22.0,
            margin_right_mm: 22.0,
        }
    }
}

/// What a document says about itself in its properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// Document number (or the source name when the text has none) and title.
    pub title: String,
    /// The political groups, or the Members' names when no group is given.
    pub author: String,
    /// The procedure reference, or the document kind.
    pub subject: String,
    /// Keywords, as the document's metadata lists them.
    pub keywords: Vec<String>,
    /// The tabling date, when the text states it.
    pub date: Option<Date>,
    /// ISO 639-1 language code.
    pub lang: String,
    /// The document number, or the source name: what running headers show.
    pub reference: String,
}

impl DocMeta {
    /// Derives the metadata from a motion.
    pub fn of(motion: &Motion) -> DocMeta {
        let cover = &motion.cover;
        let reference = cover
            .doc_number
            .as_ref()
            .map_or_else(|| motion.source_name.clone(), |n| n.value.clone());
        let title_text = cover
            .title
            .as_ref()
            .or(motion.title.as_ref())
            .map(|p| p.plain_text())
            .unwrap_or_default();
        let title = if title_text.is_empty() {
            reference.clone()
        } else {
            format!("{reference} {title_text}")
        };
        let groups = cover.groups();
        let author = if groups.is_empty() {
            cover
                .authors
                .iter()
                .flat_map(|g| g.members.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", ")
        } else {
            groups.join(", ")
        };
        let kind = match cover.kind {
            crate::model::DocKind::MotionForResolution => "motion for a resolution",
            crate::model::DocKind::JointMotionForResolution => "joint motion for a resolution",
            crate::model::DocKind::TextAdopted => "text adopted",
        };
        let subject = cover
            .procedure
            .as_ref()
            .map_or_else(|| kind.to_string(), |p| p.value.clone());
        let mut keywords = vec![
            "European Parliament".to_string(),
            kind.to_string(),
            reference.clone(),
        ];
        keywords.extend(cover.procedure.iter().map(|p| p.value.clone()));
        keywords.extend(cover.rule.iter().map(|r| r.value.clone()));
        DocMeta {
            title,
            author,
            subject,
            keywords,
            date: cover.date.as_ref().map(|d| d.value),
            lang: motion.lang.clone(),
            reference,
        }
    }
}
