//! Running text: paragraphs of inline runs (plain, bold, italic), footnote calls and line breaks.

use crate::diag::Span;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Inline {
    /// Text with its emphasis. Whitespace inside is single spaces (or no-break spaces kept from the
    /// source); runs never start or end a paragraph with a space. Runs of up to 24 bytes are
    /// stored inline: a paragraph of many footnote calls allocates no string per word.
    Text {
        /// The text.
        text: CompactString,
        /// Bold (`**...**`).
        #[serde(default, skip_serializing_if = "is_false")]
        bold: bool,
        /// Italic (`*...*`).
        #[serde(default, skip_serializing_if = "is_false")]
        italic: bool,
    },
    /// A footnote call such as `[1]` or `(1)`. `note` indexes [`crate::model::Motion::footnotes`]
    /// when the note text was found.
    NoteRef {
        /// The call as printed, without brackets (`1`).
        marker: CompactString,
        /// The index of its footnote, when the note was found.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<usize>,
    },
    /// A forced line break (two trailing spaces in the markdown-ish dumps).
    LineBreak,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Inline {
    /// Plain text, no emphasis.
    pub fn text(s: impl Into<CompactString>) -> Inline {
        Inline::Text {
            text: s.into(),
            bold: false,
            italic: false,
        }
    }
}

/// A paragraph of running text (AKN `p`) with the span it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Para {
    /// The runs of text, calls and breaks, in order.
    pub inlines: Vec<Inline>,
    /// Where it was read in the source.
    pub span: Span,
}

impl Para {
    /// A paragraph of one plain run.
    pub fn plain(text: impl Into<CompactString>, span: Span) -> Para {
        Para {
            inlines: vec![Inline::text(text)],
            span,
        }
    }

    /// The text without emphasis; footnote calls appear as their marker, line breaks as a space.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text { text, .. } => out.push_str(text),
                Inline::NoteRef { marker, .. } => out.push_str(marker),
                Inline::LineBreak => out.push(' '),
            }
        }
        out
    }

    /// True when the paragraph holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.inlines.iter().all(|i| match i {
            Inline::Text { text, .. } => text.trim().is_empty(),
            Inline::NoteRef { .. } => false,
            Inline::LineBreak => true,
        })
    }
}
