//! The words every output labels the parts of a motion with (PDF bookmarks: the cover, the
//! citations, the recitals, the operative paragraphs, the notes printed after the text; the
//! HTML's lists and sections; the PDF redline's insertions and deletions), in the motion's
//! language from its profile; English when the profile has none.

use crate::lang::PartLabels;
use std::borrow::Cow;

/// The labels of a motion's parts, in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labels<'p>(Cow<'p, PartLabels>);

impl Labels<'static> {
    /// The labels in the language `code` (ISO 639-1), English without a profile or labels.
    pub(crate) fn of(code: &str) -> Labels<'static> {
        match crate::lang::profile(code).and_then(|p| p.labels.as_ref()) {
            Some(labels) => Labels(Cow::Borrowed(labels)),
            None => Labels(Cow::Owned(english())),
        }
    }
}

impl Labels<'_> {
    /// The cover page.
    pub(crate) fn cover(&self) -> &str {
        &self.0.cover
    }

    /// The citations.
    pub(crate) fn citations(&self) -> &str {
        &self.0.citations
    }

    /// The recitals.
    pub(crate) fn recitals(&self) -> &str {
        &self.0.recitals
    }

    /// The notes printed after the text.
    pub(crate) fn notes(&self) -> &str {
        &self.0.notes
    }

    /// What a redline inserted (`Inserted`), as its PDF's `/Alt` texts announce it.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn inserted(&self) -> &str {
        &self.0.inserted
    }

    /// What a redline deleted (`Deleted`), as its PDF's `/Alt` texts announce it.
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn deleted(&self) -> &str {
        &self.0.deleted
    }

    /// The operative paragraphs, all of them.
    pub(crate) fn paragraphs_all(&self) -> &str {
        &self.0.paragraphs
    }

    /// Operative paragraph `first`, or paragraphs `first` to `last` (`Paragraph 1`,
    /// `Paragraphs 1–3`).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    pub(crate) fn paragraphs(&self, first: &str, last: Option<&str>) -> String {
        match last {
            None => format!("{} {first}", self.0.paragraph),
            Some(last) => format!("{} {first}–{last}", self.0.paragraphs),
        }
    }
}

/// The English labels, for a profile without its own.
fn english() -> PartLabels {
    PartLabels {
        cover: "Cover".into(),
        citations: "Citations".into(),
        recitals: "Recitals".into(),
        paragraph: "Paragraph".into(),
        paragraphs: "Paragraphs".into(),
        notes: "Notes".into(),
        inserted: "Inserted".into(),
        deleted: "Deleted".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_the_language_or_english() {
        let el = Labels::of("el");
        assert_eq!(el.recitals(), "Αιτιολογικές σκέψεις");
        assert_eq!(el.paragraphs("1", None), "Παράγραφος 1");
        let none = Labels::of("xx");
        assert_eq!(none.cover(), "Cover");
        assert_eq!(none.paragraphs("1", Some("3")), "Paragraphs 1–3");
        // The English profile says what the fallback says.
        assert_eq!(Labels::of("en"), Labels(Cow::Owned(english())));
    }
}
