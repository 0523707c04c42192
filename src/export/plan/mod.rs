//! The presentation plan: what every output shows of a motion and in which order, decided once
//! here so that the XML, PDF, DOCX and HTML exporters agree, each of them only
//! deciding how its format shows it: the cover's lines in the Parliament's order (`cover`), the
//! words labelling the parts in the motion's language (`labels`), which footnotes the text calls
//! and in what order ([`notes`]), where a space must not break a line ([`ties`]), and the
//! footer's PE number and motto ([`furniture`]), the measures of the page (`measures`), and the
//! order the paged redlines walk a comparison in (`redline`).

pub(crate) mod cover;
pub mod furniture;
pub(crate) mod labels;
#[cfg(any(feature = "pdf", feature = "docx"))]
pub(crate) mod measures;
pub mod notes;
#[cfg(all(feature = "compare", any(feature = "pdf", feature = "docx")))]
pub(crate) mod redline;
pub mod ties;

/// The dash every presentation prints before a citation (the model does not keep it).
pub const CITATION_DASH: &str = "–";
