//! Issue 16: Akoma Ntoso as a source. For every sample and corpus file, text -> AKN -> model
//! gives the model text -> model gives (every field but the source spans), the paged outputs
//! made from the AKN are the bytes of those made from the text, and AKN -> AKN is a fixed point.

use crate::harness::{all_motion_files, assert_exit, read_file, run, stem};
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::Motion;
use motion_export::read::{read_text, InputFormat, ReadOptions};
use serde_json::Value;

/// The motion as JSON without what only says where it was read: `span` fields.
pub(crate) fn without_spans(m: &Motion) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("span");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(m).expect("the model serialises");
    strip(&mut v);
    v
}

/// The first place two JSON values differ, as a path and both sides.
pub(crate) fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (l, r) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                first_difference(l, r, &format!("{path}.{k}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => (x.iter().zip(y))
            .enumerate()
            .find_map(|(i, (l, r))| first_difference(l, r, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} became {b}")),
    }
}

/// The AKN of `m`, read back under the same source name.
fn via_akn(m: &Motion, name: &str) -> Option<(Vec<u8>, Motion)> {
    let xml = export(m, Format::Xml, &ExportOptions::default()).ok()?;
    let options = ReadOptions {
        source_name: name.to_owned(),
        ..ReadOptions::default()
    };
    let back = read_text(&String::from_utf8_lossy(&xml), InputFormat::Akn, &options).motion;
    Some((xml, back))
}

#[test]
fn text_to_akn_to_model_is_the_text_model() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in all_motion_files() {
        let (original, _) = read_file(&path);
        let Some((_, back)) = via_akn(&original, &stem(&path)) else {
            continue; // no operative paragraph: nothing is exported
        };
        if let Some(d) = first_difference(&without_spans(&original), &without_spans(&back), "") {
            failures.push(format!("{}: {d}", path.display()));
        }
        compared += 1;
    }
    assert_none_differ(&failures, compared);
}

/// At least the 60 samples and corpus files were compared, and none differed.
pub(crate) fn assert_none_differ(failures: &[String], compared: usize) {
    assert!(compared >= 60, "only {compared} files compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn akn_to_akn_is_a_fixed_point_and_paged_outputs_are_the_same_bytes() {
    let options = ExportOptions::default();
    let mut failures = Vec::new();
    for path in all_motion_files() {
        let name = stem(&path);
        let (original, _) = read_file(&path);
        let Some((xml, back)) = via_akn(&original, &name) else {
            continue;
        };
        for format in Format::ALL {
            let a = export(&original, format, &options);
            let b = export(&back, format, &options);
            if a != b {
                failures.push(format!("{name}: {format} from the AKN differs"));
            }
        }
        if via_akn(&back, &name).map(|(again, _)| again) != Some(xml) {
            failures.push(format!("{name}: AKN -> AKN changes the bytes"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The files below `dir` but the tool's own state (manifest, journal, lock), sorted.
fn outputs_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    crate::harness::files_below(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().starts_with('.'))
        .collect()
}

#[test]
fn convert_takes_akn_and_writes_the_texts_bytes_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let (text_in, akn_in) = (dir.path().join("text"), dir.path().join("akn"));
    let (from_text, from_akn) = (dir.path().join("from-text"), dir.path().join("from-akn"));
    std::fs::create_dir_all(text_in.join("sub")).unwrap();
    std::fs::create_dir_all(akn_in.join("sub")).unwrap();
    let samples = crate::harness::repo_root().join("samples");
    for (name, to) in [("B9-0146-2021_EN", ""), ("B9-0801-2023_EN", "sub/")] {
        std::fs::copy(
            samples.join(format!("{name}.txt")),
            text_in.join(format!("{to}{name}.txt")),
        )
        .unwrap();
    }
    let out = run(&[&"convert", &"-q", &"-o", &from_text, &text_in]);
    assert_exit(&out, 0, &[]);
    for name in ["B9-0146-2021_EN.xml", "sub/B9-0801-2023_EN.xml"] {
        std::fs::copy(from_text.join(name), akn_in.join(name)).unwrap();
    }
    // A folder of Akoma Ntoso converts as a folder of text does, to the same bytes.
    let out = run(&[&"convert", &"-q", &"-o", &from_akn, &akn_in]);
    assert_exit(&out, 0, &[]);
    let written = outputs_in(&from_akn);
    assert_eq!(written, outputs_in(&from_text));
    assert_eq!(written.len(), 6, "{written:?}");
    for name in written {
        assert!(
            std::fs::read(from_akn.join(&name)).unwrap()
                == std::fs::read(from_text.join(&name)).unwrap(),
            "{} from the AKN differs from the text's",
            name.display()
        );
    }
    // `dump` reads it too, to the text's model but for the spans.
    let dumped = |path: &std::path::Path| {
        let out = run(&[&"dump", &path]);
        assert_exit(&out, 0, &[]);
        let motion: Motion = serde_json::from_slice(&out.stdout).unwrap();
        without_spans(&motion)
    };
    assert_eq!(
        dumped(&akn_in.join("B9-0146-2021_EN.xml")),
        dumped(&text_in.join("B9-0146-2021_EN.txt"))
    );
}

#[test]
fn text_and_akn_of_one_motion_in_one_folder_collide() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let sample = crate::harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    std::fs::copy(&sample, input.join("m.txt")).unwrap();
    let out = run(&[
        &"convert",
        &"-q",
        &"--format",
        &"xml",
        &"-o",
        &dir.path(),
        &input.join("m.txt"),
    ]);
    assert_exit(&out, 0, &[]);
    std::fs::rename(dir.path().join("m.xml"), input.join("m.xml")).unwrap();
    let before = std::fs::read(input.join("m.xml")).unwrap();
    let output = dir.path().join("out");
    let out = run(&[&"convert", &"-o", &output, &input]);
    assert_exit(&out, 2, &["E-OUTPUT-COLLISION", "m.txt", "m.xml"]);
    assert!(outputs_in(&output).is_empty());
    // Refused into their own folder too, and the source is never removed as a stale output.
    let out = run(&[&"convert", &"-o", &input, &input]);
    assert_exit(&out, 2, &["E-OUTPUT-COLLISION"]);
    assert_eq!(std::fs::read(input.join("m.xml")).unwrap(), before);
}

#[test]
fn akn_is_never_overwritten_by_its_own_output_and_outputs_are_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path();
    let sample = crate::harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    // Text converted into its own folder twice: the second run does not read its XML back as a
    // source (it would collide with the text).
    std::fs::copy(&sample, input.join("a.txt")).unwrap();
    for _ in 0..2 {
        let out = run(&[&"convert", &"-o", &input, &input]);
        assert_exit(&out, 0, &[]);
    }
    // `deps` names the same inputs `convert` takes: the text, not the XML made of it.
    let out = run(&[&"deps", &"-o", &input, &input]);
    assert_exit(&out, 0, &[]);
    let rules = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(rules.lines().count(), 1, "{rules}");
    assert!(rules.trim_end().ends_with("a.txt"), "{rules}");
    // A hand-kept AKN file converted into its own folder would be replaced by its rewrite.
    std::fs::rename(input.join("a.xml"), input.join("b.xml")).unwrap();
    std::fs::remove_file(input.join("a.txt")).unwrap();
    let kept = std::fs::read(input.join("b.xml")).unwrap();
    let out = run(&[
        &"convert",
        &"--format",
        &"xml",
        &"-o",
        &input,
        &input.join("b.xml"),
    ]);
    assert_exit(&out, 2, &["E-OUTPUT-COLLISION", "would overwrite it"]);
    assert_eq!(std::fs::read(input.join("b.xml")).unwrap(), kept);
    // Its PDF into the same folder is fine.
    let out = run(&[
        &"convert",
        &"--format",
        &"pdf",
        &"-o",
        &input,
        &input.join("b.xml"),
    ]);
    assert_exit(&out, 0, &[]);
    assert!(input.join("b.pdf").is_file());
}

/// `xml` as another tool might write it: the AKN namespace under a prefix, every element's
/// attributes in reverse order and in single quotes, and a comment and a line break before each
/// citation, recital, paragraph and point (where the schema allows no text).
fn written_by_others(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<?") || tag.starts_with("<!") {
            out.push_str(tag);
            continue;
        }
        let closing = tag.starts_with("</");
        let empty = tag.ends_with("/>");
        let body = tag
            .trim_start_matches("</")
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim_end_matches('/');
        let (name, attrs) = body.split_once(' ').unwrap_or((body, ""));
        if !closing && ["citation", "recital", "paragraph", "point"].contains(&name) {
            out.push_str("\n  <!-- written elsewhere -->\n  ");
        }
        // Elements of other vocabularies (the Parliament's `epx:`) keep their own prefix.
        let prefix = if name.contains(':') { "" } else { "akn:" };
        out.push_str(if closing { "</" } else { "<" });
        out.push_str(prefix);
        out.push_str(name);
        for (key, value) in attributes(attrs).into_iter().rev() {
            let key = if key == "xmlns" { "xmlns:akn" } else { key };
            out.push_str(&format!(" {key}='{}'", value.replace('\'', "&apos;")));
        }
        out.push_str(if empty { "/>" } else { ">" });
    }
    out.push_str(rest);
    out
}

/// Where the tag starting `s` ends (after its `>`), quotes respected.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The `key="value"` pairs of a start tag, values as written (still escaped).
fn attributes(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let close = after.find('"').expect("a closing quote");
        out.push((key, &after[..close]));
        rest = after[close + 1..].trim_start();
    }
    out
}

#[test]
fn akn_written_by_other_tools_reads_to_the_same_model() {
    let mut failures = Vec::new();
    for path in all_motion_files() {
        let name = stem(&path);
        let (original, _) = read_file(&path);
        let Ok(xml) = export(&original, Format::Xml, &ExportOptions::default()) else {
            continue;
        };
        let foreign = written_by_others(&String::from_utf8(xml).unwrap());
        let options = ReadOptions {
            source_name: name.clone(),
            ..ReadOptions::default()
        };
        let read = read_text(&foreign, InputFormat::Akn, &options);
        let errors: Vec<&str> = (read.diagnostics.iter())
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        let back = without_spans(&read.motion);
        if let Some(d) = first_difference(&without_spans(&original), &back, "") {
            failures.push(format!("{name}: {errors:?} {d}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
