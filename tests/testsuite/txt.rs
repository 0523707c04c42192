//! Issue 16: the canonical text form (`--format txt`). For every sample and corpus file, text ->
//! model -> txt -> model gives the model (every field but the source spans), txt -> model -> txt
//! is a fixed point (the same bytes), and the txt made from the AKN is the text's. The command
//! line never reads its own txt back as a source, and never writes a txt over its input.

use crate::harness::{all_motion_files, read_as, read_file, stem};
use crate::round_trip::{first_difference, without_spans};
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::Motion;

/// The canonical text of `m`, if it has one (a motion without paragraphs is not exported).
fn txt(m: &Motion) -> Option<String> {
    let bytes = export(m, Format::Txt, &ExportOptions::default()).ok()?;
    Some(String::from_utf8(bytes).expect("the text form is UTF-8"))
}

/// Every sample and corpus motion, with its source name, as the text reader reads it.
fn motions() -> Vec<(String, Motion)> {
    let files = all_motion_files();
    assert!(files.len() >= 60, "only {} motion files", files.len());
    (files.iter())
        .map(|path| (stem(path), read_file(path).0))
        .collect()
}

#[test]
fn text_to_txt_to_model_is_the_text_model() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, original) in motions() {
        let Some(text) = txt(&original) else { continue };
        let (back, _) = read_as(&text, &name);
        if let Some(d) = first_difference(&without_spans(&original), &without_spans(&back), "") {
            failures.push(format!("{name}: {d}"));
        }
        compared += 1;
    }
    assert!(compared >= 60, "only {compared} files compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn txt_to_model_to_txt_is_a_fixed_point() {
    let mut failures = Vec::new();
    for (name, original) in motions() {
        let Some(text) = txt(&original) else { continue };
        let (back, _) = read_as(&text, &name);
        if txt(&back).as_deref() != Some(text.as_str()) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "not a fixed point: {failures:?}");
}
