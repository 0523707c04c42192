//! motion-export: plain-text European Parliament motions to Akoma Ntoso XML, PDF and DOCX.
//!
//! The pipeline, one module per step:
//! read bytes ([`read::decode`]) -> parse text into the one [`model::Motion`] ([`parse::parse`]) ->
//! check it against the Akoma Ntoso profile ([`validate::validate`]) -> export it
//! ([`export::export`]) -> the command line writes each file atomically.
//!
//! Parsing never fails: problems become [`diag::Diagnostic`]s and no text is dropped.
//!
//! The way back: [`akn::check`] reads Akoma Ntoso XML (as the exporter writes it) into the same
//! model, checking the profile's XML rules, so that `check` guards XML files as it guards text.

pub mod akn;
pub mod diag;
pub mod export;
pub mod lang;
pub mod model;
pub mod parse;
pub mod read;
pub mod validate;
pub mod versions;
pub mod vocab;
