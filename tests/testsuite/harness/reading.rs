//! Reading motions through the library's one pipeline, as the command line does, and the
//! counts and codes tests compare readings by.

use motion_export::diag::Diagnostic;
use motion_export::model::{Cover, Motion, Parsed, Point};
use motion_export::read::{decode, read_text, InputFormat, ReadOptions};
use std::path::Path;

/// Reads a decoded text through the library's one pipeline, as the command line does: the
/// reader, then the validator (unless the input is empty). `source_name` is the file stem.
pub fn read(text: &str, source_name: &str) -> Parsed {
    let options = ReadOptions {
        source_name: source_name.to_owned(),
        ..ReadOptions::default()
    };
    read_text(text, InputFormat::Text, &options)
}

/// As [`read`], the motion and its diagnostics apart.
pub fn read_as(text: &str, source_name: &str) -> (Motion, Vec<Diagnostic>) {
    let parsed = read(text, source_name);
    (parsed.motion, parsed.diagnostics)
}

/// Reads Akoma Ntoso XML through the library's pipeline (the AKN reader, then the validator when
/// the file is AKN enough). Bytes that are not UTF-8 are read with replacement characters, so
/// that cut and damaged files reach the XML reader.
pub fn read_akn(bytes: &[u8]) -> Parsed {
    read_text(
        &String::from_utf8_lossy(bytes),
        InputFormat::Akn,
        &ReadOptions::default(),
    )
}

/// Only what the text reader itself finds, without the validator's findings.
pub fn reader_only(text: &str, source_name: &str) -> Parsed {
    let options = ReadOptions {
        source_name: source_name.to_owned(),
        validate: false,
        ..ReadOptions::default()
    };
    read_text(text, InputFormat::Text, &options)
}

/// A file's text, decoded as the command line decodes it.
pub fn decode_file(path: &Path) -> String {
    decode::decode(&std::fs::read(path).unwrap())
        .unwrap_or_else(|d| panic!("{}: {}", path.display(), d.message))
}

/// Every motion at hand ([`super::all_motion_files`]) as source name and decoded text.
pub fn all_motion_texts() -> Vec<(String, String)> {
    (super::all_motion_files().iter())
        .map(|p| (super::stem(p), decode_file(p)))
        .collect()
}

/// Reads a file as the command line does: decoded, and under its stem as source name.
pub fn read_file(path: &Path) -> (Motion, Vec<Diagnostic>) {
    read_as(&decode_file(path), &super::stem(path))
}

/// The codes of `diags`, in order.
pub fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

/// The motions a cover says this one replaces: number and group.
pub fn replaced(cover: &Cover) -> Vec<(&str, Option<&str>)> {
    (cover.replaces.iter())
        .map(|r| (r.number.as_str(), r.group.as_deref()))
        .collect()
}

/// The points of a motion's recitals and paragraphs, at every depth.
pub fn all_points(m: &Motion) -> usize {
    let recitals = m.recitals.iter().map(|r| count_points(&r.points));
    recitals
        .chain(m.paragraphs().map(|p| count_points(&p.points)))
        .sum()
}

/// The points below `points`, at every depth.
pub fn count_points(points: &[Point]) -> usize {
    points.iter().map(|p| 1 + count_points(&p.points)).sum()
}

/// As [`reader_only`], the motion and its diagnostics apart.
pub fn reader_only_as(text: &str, source_name: &str) -> (Motion, Vec<Diagnostic>) {
    let parsed = reader_only(text, source_name);
    (parsed.motion, parsed.diagnostics)
}
