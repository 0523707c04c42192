//! Issue 16: the canonical text form (`--format txt`). For every sample and corpus file, text ->
//! model -> txt -> model gives the model (every field but the source spans), txt -> model -> txt
//! is a fixed point (the same bytes), and the txt made from the AKN is the text's. The command
//! line never reads its own txt back as a source, and never writes a txt over its input.

use crate::harness::{all_motion_files, assert_exit, read_as, read_file, run, stem};
use crate::round_trip::{assert_none_differ, first_difference, without_spans};
use motion_export::diag::Span;
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::{BodyItem, Footnote, Inline, Motion, Num, Para, Paragraph};
use proptest::prelude::*;

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
    assert_none_differ(&failures, compared);
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

#[test]
fn txt_made_from_the_akn_is_the_texts() {
    let options = ExportOptions::default();
    let mut failures = Vec::new();
    for (name, original) in motions() {
        let Ok(xml) = export(&original, Format::Xml, &options) else {
            continue;
        };
        let from_akn = crate::harness::read_akn(&xml).motion;
        if txt(&from_akn).is_none() || txt(&from_akn) != txt(&original) {
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "txt from the AKN differs: {failures:?}"
    );
}

/// The files `convert` wrote below `dir`, its own state (manifest, journal, lock) left out.
fn written(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    crate::harness::files_below(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().starts_with('.'))
        .collect()
}

#[test]
fn convert_never_reads_its_txt_back_nor_writes_it_over_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    let sample = crate::harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let source = std::fs::read(&sample).unwrap();
    // Akoma Ntoso kept by hand, converted to its text in its own folder, twice: the second run
    // does not take the text it wrote for a source (which would collide with the XML).
    let xml = export(
        &read_file(&sample).0,
        Format::Xml,
        &ExportOptions::default(),
    )
    .unwrap();
    std::fs::write(folder.join("m.xml"), &xml).unwrap();
    for _ in 0..2 {
        let out = run(&[&"convert", &"--format", &"txt", &"-o", &folder, &folder]);
        assert_exit(&out, 0, &[]);
    }
    assert_eq!(
        written(folder),
        ["m.txt", "m.xml"].map(std::path::PathBuf::from)
    );
    let made = std::fs::read_to_string(folder.join("m.txt")).unwrap();
    assert_eq!(Some(made), txt(&read_file(&sample).0));
    // `deps` takes the same sources: the XML, not the text made of it.
    let out = run(&[&"deps", &"--format", &"txt", &"-o", &folder, &folder]);
    assert_exit(&out, 0, &[]);
    let rules = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(rules.lines().count(), 1, "{rules}");
    assert!(rules.trim_end().ends_with("m.xml"), "{rules}");
    // A text source whose own txt would replace it is refused, kept, and never removed as a
    // stale output; its other formats are written.
    std::fs::write(folder.join("a.txt"), &source).unwrap();
    let out = run(&[
        &"convert",
        &"--format",
        &"txt,html",
        &"-o",
        &folder,
        &folder.join("a.txt"),
    ]);
    assert_exit(
        &out,
        2,
        &["E-OUTPUT-COLLISION", "txt output would overwrite it"],
    );
    assert_eq!(std::fs::read(folder.join("a.txt")).unwrap(), source);
    assert!(!folder.join("a.html").exists());
    let out = run(&[
        &"convert",
        &"--format",
        &"html",
        &"-o",
        &folder,
        &folder.join("a.txt"),
    ]);
    assert_exit(&out, 0, &[]);
    assert!(folder.join("a.html").is_file());
    // Into another folder, the txt of the text is written beside nothing it could replace.
    let other = folder.join("out");
    let out = run(&[
        &"convert",
        &"--format",
        &"txt",
        &"-o",
        &other,
        &folder.join("a.txt"),
    ]);
    assert_exit(&out, 0, &[]);
    assert_eq!(
        std::fs::read_to_string(other.join("a.txt")).unwrap(),
        std::fs::read_to_string(folder.join("m.txt")).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Escaping: any text of a paragraph comes back as it was

/// Characters the reader gives a meaning to, beside letters, digits and spaces.
const MARKUP: &[char] = &[
    '*', '\\', '[', ']', '(', ')', '#', '-', '–', '.', ':', ';', '<', '>', '/', '_', '`', ' ',
];

/// A run of text as the reader makes them: single spaces inside, none at its ends.
fn run_text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        3 => prop::sample::select(MARKUP),
        2 => prop::sample::select(vec!['1', '2', '0', '9']),
        3 => prop::sample::select(vec!['a', 'B', 'z', 'é', 'ж', 'Ω']),
    ];
    prop::collection::vec(chars, 1..16)
        .prop_map(|cs| cs.into_iter().collect::<String>())
        .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .prop_filter("some text", |s| !s.is_empty())
}

/// Runs of text with their emphasis, merged where the reader would merge them, and forced line
/// breaks before plain runs (a line wholly bold or italic after a break that opens like a label
/// starts a part: the one shape the text form cannot escape, see the README).
fn runs() -> impl Strategy<Value = Vec<Inline>> {
    let run = (run_text(), any::<bool>(), any::<bool>(), any::<bool>());
    prop::collection::vec(run, 1..5).prop_map(|runs| {
        let mut out: Vec<Inline> = Vec::new();
        for (text, bold, italic, broken) in runs {
            if broken && !bold && !italic && !out.is_empty() {
                out.push(Inline::LineBreak);
            }
            match out.last_mut() {
                Some(Inline::Text {
                    text: t,
                    bold: b,
                    italic: i,
                }) if *b == bold && *i == italic => {
                    t.push(' ');
                    t.push_str(&text);
                }
                _ => out.push(Inline::Text {
                    text: text.into(),
                    bold,
                    italic,
                }),
            }
        }
        out
    })
}

/// A motion whose title has a line under it holding `under_title`, and one paragraph holding
/// `inlines` and a call of the note `1`.
fn motion_with(under_title: Vec<Inline>, inlines: Vec<Inline>) -> Motion {
    let para = |inlines| Para {
        inlines,
        span: Span::default(),
    };
    let mut body = inlines;
    body.push(Inline::NoteRef {
        marker: "1".into(),
        note: Some(0),
    });
    Motion {
        lang: "en".into(),
        title: Some(Para::plain(
            "European Parliament resolution on markup",
            Span::default(),
        )),
        title_notes: vec![para(under_title)],
        formula: Some(Para::plain("The European Parliament,", Span::default())),
        body: vec![BodyItem::Paragraph(Paragraph {
            num: Num::printed("1."),
            content: vec![para(body)],
            points: Vec::new(),
            wrap_up: Vec::new(),
            span: Span::default(),
        })],
        footnotes: vec![Footnote {
            marker: "1".into(),
            content: vec![Para::plain("A note.", Span::default())],
            span: Span::default(),
        }],
        ..Motion::default()
    }
}

/// Whether `runs` are one bold or italic run whose text has the shape of page furniture.
fn emphasised_furniture(runs: &[Inline]) -> bool {
    match runs {
        [Inline::Text { text, bold, italic }] if *bold || *italic => {
            motion_export::lang::profiles()
                .any(|p| motion_export::lang::furniture::furniture_kind(text.trim(), p).is_some())
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any paragraph text, markup characters, emphasis and line breaks included, reads back
    /// from the txt as it was, in a numbered paragraph and in a part without a label (a line
    /// under the title): asterisks, backslashes, `[1]` and `(1)` that are no calls are escaped,
    /// and so is a line opening like a label or a mark.
    #[test]
    fn paragraph_text_survives_the_round_trip(under_title in runs(), inlines in runs()) {
        // The one shape the canonical text cannot hold: a part that is a single emphasised run
        // shaped as page furniture (an italic `1/1` alone), which the reader removes as
        // furniture (with its N-FURNITURE-REMOVED note) since a backslash before `*` escapes
        // the asterisk, not the line. The README's "Canonical text" section says so.
        prop_assume!(!emphasised_furniture(&under_title));
        let motion = motion_with(under_title, inlines);
        let text = txt(&motion).expect("a motion with a paragraph");
        let (back, _) = read_as(&text, "m");
        let part = |m: &Motion, part: &str| without_spans(m)[part].clone();
        prop_assert_eq!(part(&back, "body"), part(&motion, "body"), "{}", text);
        prop_assert_eq!(part(&back, "title_notes"), part(&motion, "title_notes"), "{}", text);
        prop_assert_eq!(txt(&back), Some(text));
    }
}
