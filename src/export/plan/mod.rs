//! The presentation plan: what every output shows of a motion and in which order, decided once
//! here so that the XML, PDF and DOCX exporters (and the HTML to come) agree, each of them only
//! deciding how its format shows it. Today: which footnotes the text calls and in what order
//! ([`notes`]), and where a space must not break a line ([`ties`]).

pub mod notes;
pub mod ties;
