//! Property tests: motions from a generator of valid motions, with seeded defects, and models
//! holding any Unicode text. Properties: nothing is lost (model and every export keep every word
//! in order), escaping (every XML-based output is well-formed XML 1.0 whatever the text),
//! determinism (the same model gives the same bytes), and the validator's verdicts (no error on a
//! valid motion, the right code for each defect).

use crate::harness::{self, count_points, motion_words};
use motion_export::export::{docx, html, pdf, xml, ExportOptions};
use motion_export::model::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::RefCell;

// ---------------------------------------------------------------------------------------------
// A generator of valid motions, as text

/// Letters of several scripts, digits and the characters XML must escape. Characters the reader
/// gives a meaning to (`*`, `#`, `_`, brackets, parentheses, dashes) are left out: they are
/// marks, labels or footnote calls, tested elsewhere.
const WORD_CHARS: &[char] = &[
    'a', 'b', 'c', 'e', 'k', 'm', 'o', 'r', 's', 't', 'z', 'A', 'Q', 'ł', 'ž', 'č', 'ő', 'ă', 'ș',
    'ț', 'ė', 'ų', 'ß', 'é', 'à', 'α', 'β', 'Ω', 'ж', 'я', 'Д', '0', '7', '9', '<', '>', '&', '"',
    '\'', '€', '§', '%', '/', ';', ':', '.', ',', '!', '?',
];

/// Words of the running text, a few of them fixed troublemakers for XML.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(prop::sample::select(WORD_CHARS), 1..9)
            .prop_map(String::from_iter),
        1 => prop::sample::select(vec!["]]>", "&amp;", "<!--", "x<y", "a&b", "\"q\"", "'s'", "&#0;"])
            .prop_map(String::from),
    ]
    // A line-end hyphen or a word that is only punctuation could be read as a mark.
    .prop_filter("a word of letters", |w| {
        w.chars().any(|c| c.is_alphanumeric()) && !w.ends_with('-')
    })
}

fn text(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 1..max)
}

/// An operative paragraph: its text and its points, each with its own sub-points.
#[derive(Debug, Clone)]
struct ParaSpec {
    text: Vec<String>,
    points: Vec<(Vec<String>, Vec<Vec<String>>)>,
    heading_before: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
struct Spec {
    citations: Vec<Vec<String>>,
    recitals: Vec<Vec<String>>,
    paragraphs: Vec<ParaSpec>,
}

fn para_spec() -> impl Strategy<Value = ParaSpec> {
    let point = (text(8), prop::collection::vec(text(6), 0..4));
    (
        text(12),
        prop::collection::vec(point, 0..5),
        prop::option::weighted(0.2, text(5)),
    )
        .prop_map(|(text, points, heading_before)| ParaSpec {
            text,
            points,
            heading_before,
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(text(10), 1..4),
        prop::collection::vec(text(10), 1..8),
        prop::collection::vec(para_spec(), 1..7),
    )
        .prop_map(|(citations, recitals, paragraphs)| Spec {
            citations,
            recitals,
            paragraphs,
        })
}

/// A defect seeded into an otherwise valid motion, and the code the validator must report.
#[derive(Debug, Clone, Copy)]
enum Defect {
    RecitalGap,
    RecitalDuplicate,
    ParagraphGap,
    ParagraphDuplicate,
    ParagraphOrder,
    PointGap,
    NoFormula,
    NoParagraphs,
}

impl Defect {
    const ALL: [Defect; 8] = [
        Defect::RecitalGap,
        Defect::RecitalDuplicate,
        Defect::ParagraphGap,
        Defect::ParagraphDuplicate,
        Defect::ParagraphOrder,
        Defect::PointGap,
        Defect::NoFormula,
        Defect::NoParagraphs,
    ];

    fn code(self) -> &'static str {
        match self {
            Defect::RecitalGap => "E-RECITAL-GAP",
            Defect::RecitalDuplicate => "E-RECITAL-DUPLICATE",
            Defect::ParagraphGap => "E-PARAGRAPH-GAP",
            Defect::ParagraphDuplicate => "E-PARAGRAPH-DUPLICATE",
            Defect::ParagraphOrder => "E-PARAGRAPH-ORDER",
            Defect::PointGap => "E-POINT-NUMBERING",
            Defect::NoFormula => "E-NO-FORMULA",
            Defect::NoParagraphs => "E-NO-PARAGRAPHS",
        }
    }
}

/// The motion as text, with `defect` seeded; and the words of its body, in order (what the model
/// must hold: every line but the cover, without labels).
fn render(spec: &Spec, defect: Option<Defect>) -> (String, Vec<String>) {
    let mut out = String::from("B9-0123/2024\n\n12.3.2024\n\n");
    let mut body: Vec<String> = Vec::new();
    let mut line = |out: &mut String, label: &str, words: &[String]| {
        let text = words.join(" ");
        out.push_str(&format!("{label}{text}\n"));
        body.extend(harness::words(&text));
    };
    if !matches!(defect, Some(Defect::NoFormula)) {
        line(
            &mut out,
            "",
            &["The".into(), "European".into(), "Parliament,".into()],
        );
    }
    for c in &spec.citations {
        let mut words = vec!["having".into(), "regard".into(), "to".into()];
        words.extend(c.iter().cloned());
        end(&mut words, ",");
        line(&mut out, "– ", &words);
    }
    let mut letters: Vec<char> = ('A'..='Z').take(spec.recitals.len()).collect();
    match defect {
        Some(Defect::RecitalGap) if letters.len() >= 2 => *letters.last_mut().unwrap() = 'Z',
        Some(Defect::RecitalDuplicate) if letters.len() >= 2 => letters[1] = letters[0],
        _ => {}
    }
    for (r, letter) in spec.recitals.iter().zip(&letters) {
        let mut words = vec!["whereas".into()];
        words.extend(r.iter().cloned());
        end(&mut words, ";");
        line(&mut out, &format!("{letter}. "), &words);
    }
    if matches!(defect, Some(Defect::NoParagraphs)) {
        return (out, body);
    }
    let n = spec.paragraphs.len();
    let mut numbers: Vec<usize> = (1..=n + 1).collect();
    match defect {
        Some(Defect::ParagraphGap) => numbers[n] = n + 2,
        Some(Defect::ParagraphDuplicate) => numbers[n] = n,
        Some(Defect::ParagraphOrder) => numbers.swap(n - 1, n),
        _ => {}
    }
    for (i, p) in spec.paragraphs.iter().enumerate() {
        if let Some(h) = &p.heading_before {
            line(&mut out, "## ", h);
        }
        let mut words = vec!["Calls".into()];
        words.extend(p.text.iter().cloned());
        end(&mut words, if p.points.is_empty() { ";" } else { ":" });
        line(&mut out, &format!("{}. ", numbers[i]), &words);
        for (j, (text, subs)) in p.points.iter().enumerate() {
            let letter = match defect {
                Some(Defect::PointGap) if j > 0 => (b'b' + j as u8) as char,
                _ => (b'a' + j as u8) as char,
            };
            let mut words = text.clone();
            end(&mut words, if subs.is_empty() { ";" } else { ":" });
            line(&mut out, &format!("({letter}) "), &words);
            for (k, sub) in subs.iter().enumerate() {
                let mut words = sub.clone();
                end(&mut words, ";");
                line(&mut out, &format!("({}) ", ["i", "ii", "iii"][k]), &words);
            }
        }
    }
    let last = "Instructs its President to forward this resolution to the Council.";
    line(
        &mut out,
        &format!("{}. ", numbers[n]),
        &harness::words(last),
    );
    (out, body)
}

/// Ends the last word with a punctuation mark, as running text does.
fn end(words: &mut [String], mark: &str) {
    if let Some(last) = words.last_mut() {
        last.push_str(mark);
    }
}

fn read(text: &str) -> (Motion, Vec<String>) {
    let parsed = crate::harness::read(text, "B9-0123-2024_EN");
    let diagnostics = parsed.diagnostics;
    let errors = diagnostics
        .iter()
        .filter(|d| d.code.starts_with("E-"))
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    (parsed.motion, errors)
}

proptest! {
    #![proptest_config(Config { cases: 96, failure_persistence: None, ..Config::default() })]

    /// Every word of a valid motion's body reaches the model in order, the structure is read
    /// as written, and the validator finds no error.
    #[test]
    fn valid_motions_read_whole_and_without_errors(spec in spec()) {
        let (text, body) = render(&spec, None);
        let (motion, errors) = read(&text);
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
        let got = motion_words(&motion);
        let diff = harness::diff_words(&body, &got);
        prop_assert!(
            diff.missing.is_empty() && diff.extra.is_empty(),
            "missing {:?}, extra {:?}\n{text}", diff.missing, diff.extra
        );
        prop_assert_eq!(motion.citations.len(), spec.citations.len());
        prop_assert_eq!(motion.recitals.len(), spec.recitals.len());
        let paragraphs: Vec<&Paragraph> = motion.paragraphs().collect();
        prop_assert_eq!(paragraphs.len(), spec.paragraphs.len() + 1);
        for (p, s) in paragraphs.iter().zip(&spec.paragraphs) {
            let want: usize = s.points.iter().map(|(_, subs)| 1 + subs.len()).sum();
            prop_assert_eq!(count_points(&p.points), want, "{}", text);
        }
        // The XML export holds the same words (the XML tests' own check).
        crate::xml::check_text_and_ids("generated", &motion, &crate::xml::xml_of(&motion));
    }

    /// Each kind of seeded defect gives its code.
    #[test]
    fn each_seeded_defect_gives_its_code(spec in spec(), which in 0..Defect::ALL.len()) {
        let defect = Defect::ALL[which];
        let applicable = match defect {
            Defect::RecitalGap | Defect::RecitalDuplicate => spec.recitals.len() >= 2,
            Defect::PointGap => spec.paragraphs.iter().any(|p| p.points.len() >= 2),
            _ => true,
        };
        prop_assume!(applicable);
        let (text, _) = render(&spec, Some(defect));
        let (_, errors) = read(&text);
        prop_assert!(
            errors.iter().any(|e| e.starts_with(defect.code())),
            "{defect:?}: expected {}, got {errors:?}\n{text}", defect.code()
        );
    }

    /// The same text gives the same model, and the same model the same bytes in every format.
    #[test]
    fn exports_are_deterministic(spec in spec()) {
        let (text, _) = render(&spec, None);
        let (motion, _) = read(&text);
        prop_assert_eq!(&read(&text).0, &motion);
        let options = ExportOptions::default();
        prop_assert_eq!(
            xml::export(&motion, &options.xml).unwrap(),
            xml::export(&motion, &options.xml).unwrap()
        );
        prop_assert_eq!(
            pdf::export(&motion, &options.pdf).unwrap(),
            pdf::export(&motion, &options.pdf).unwrap()
        );
        prop_assert_eq!(
            docx::export(&motion, &options.docx).unwrap(),
            docx::export(&motion, &options.docx).unwrap()
        );
        prop_assert_eq!(
            html::export(&motion, &options.html).unwrap(),
            html::export(&motion, &options.html).unwrap()
        );
    }
}

/// A runner of `cases` cases that keeps no file of failures.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Generated motions through the real tools: the XML validates against the official XSD and the
/// profile, the DOCX passes every DOCX check (python-docx included) with every word in order,
/// pdftotext gives back every word of the PDF, and the HTML passes every HTML check.
#[test]
fn generated_motions_pass_the_real_tools() {
    let mut runner = runner(12);
    let motions = RefCell::new(Vec::new());
    runner
        .run(&spec(), |spec| {
            let text = render(&spec, None).0;
            if let Some(dir) = std::env::var_os("PROPS_KEEP") {
                let n = motions.borrow().len();
                std::fs::write(
                    std::path::Path::new(&dir).join(format!("generated-{n}.txt")),
                    &text,
                )
                .unwrap();
            }
            motions.borrow_mut().push(read(&text).0);
            Ok(())
        })
        .unwrap();
    let motions = motions.into_inner();
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<(String, String)> = (motions.iter().enumerate())
        .map(|(i, m)| (format!("generated-{i}"), crate::xml::xml_of(m)))
        .collect();
    crate::xml::assert_valid_against_both(&crate::xml::write_all(dir.path(), &docs));
    let named: Vec<(String, &Motion)> = (motions.iter().enumerate())
        .map(|(i, m)| (format!("generated-{i}"), m))
        .collect();
    let named: Vec<(&str, &Motion)> = named.iter().map(|(n, m)| (n.as_str(), *m)).collect();
    crate::docx::check_all(&named);
    let owned: Vec<(String, Motion)> = (named.iter())
        .map(|(n, m)| (n.to_string(), (*m).clone()))
        .collect();
    crate::html::check_all(&owned);
    for (what, m) in named {
        let file = crate::pdf::Pdf::export(m, &pdf::PdfOptions::default());
        file.assert_valid();
        crate::pdf::assert_all_words(what, m, &file.raw_text());
    }
}

// ---------------------------------------------------------------------------------------------
// Any Unicode text in the model

/// Text of any kind: any Unicode scalar values (controls included), what lossy decoding makes of
/// arbitrary bytes (U+FFFD for unpaired surrogates and broken sequences), and XML's own syntax.
fn hostile_text() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "]]>",
        "<![CDATA[",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "&amp;",
        "&#x0;",
        "\u{0}",
        "\u{b}",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{feff}",
        "\u{200b}",
        "\r\n",
        "\t",
        "a",
        " ",
        "Ω",
        "😀",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..48)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        prop::collection::vec(fragments, 0..16).prop_map(|f| f.concat()),
    ]
}

/// The rich hand-built motion with `texts` in its title, a citation, a recital, a heading, a
/// paragraph, a point, a footnote, an author's name and a group.
fn motion_with(texts: &[String]) -> Motion {
    let mut m = harness::rich_motion();
    let t = |i: usize| texts[i % texts.len()].clone();
    let p = |i: usize| Para::plain(t(i), Default::default());
    m.title = Some(p(0));
    m.cover.title = Some(p(1));
    m.citations[0].content = vec![p(2)];
    m.recitals[1].content = vec![p(3)];
    m.footnotes[0].content = vec![p(4)];
    m.cover.authors[0].members[0] = t(5);
    m.cover.authors[1].group = Some(t(6));
    for item in &mut m.body {
        match item {
            BodyItem::Heading(h) => h.text = p(7),
            BodyItem::Paragraph(par) if par.points.is_empty() => par.content = vec![p(8)],
            BodyItem::Paragraph(par) => par.points[0].content = vec![p(9)],
        }
    }
    m
}

/// Every character is one XML 1.0 allows, and quick-xml reads the document to the end with every
/// tag closed and every reference resolvable.
fn assert_well_formed(what: &str, doc: &str) -> Result<(), TestCaseError> {
    let legal = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    if let Some(c) = doc.chars().find(|c| !legal(*c)) {
        return Err(TestCaseError::fail(format!(
            "{what}: character U+{:04X} is not allowed in XML",
            c as u32
        )));
    }
    let mut reader = quick_xml::Reader::from_str(doc);
    reader.config_mut().check_end_names = true;
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.unescape().map_err(|e| {
                    TestCaseError::fail(format!("{what}: bad reference in text: {e}"))
                })?;
            }
            Ok(_) => {}
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "{what}: not well-formed at {}: {e}",
                    reader.error_position()
                )))
            }
        }
    }
    prop_assert_eq!(depth, 0, "{}: unclosed elements", what);
    Ok(())
}

/// The XML parts of a DOCX package.
fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("DOCX is a zip");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().to_string();
            (name.ends_with(".xml") || name.ends_with(".rels")).then(|| {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut f, &mut s).expect("UTF-8 part");
                (name, s)
            })
        })
        .collect()
}

/// Any text in every field gives well-formed XML and DOCX parts (checked in process for every
/// case, and by xmllint for all of them at the end), and a PDF or a clear error, never a panic.
#[test]
fn any_text_gives_well_formed_xml_in_every_xml_based_output() {
    let mut runner = runner(128);
    let dir = tempfile::tempdir().unwrap();
    let written = RefCell::new(Vec::new());
    let options = ExportOptions::default();
    runner
        .run(&prop::collection::vec(hostile_text(), 1..10), |texts| {
            let m = motion_with(&texts);
            let doc = String::from_utf8(xml::export(&m, &options.xml).unwrap()).unwrap();
            assert_well_formed("AKN XML", &doc)?;
            let package = docx::export(&m, &options.docx).unwrap();
            let mut files = written.borrow_mut();
            for (name, part) in docx_parts(&package) {
                assert_well_formed(&format!("DOCX {name}"), &part)?;
                let path = dir
                    .path()
                    .join(format!("{}-{}", files.len(), name.replace('/', "_")));
                std::fs::write(&path, part).unwrap();
                files.push(path);
            }
            let path = dir.path().join(format!("{}.xml", files.len()));
            std::fs::write(&path, doc).unwrap();
            files.push(path);
            // The PDF: bytes, or a missing-glyph error naming characters the font lacks.
            match pdf::export(&m, &options.pdf) {
                Ok(bytes) => prop_assert!(bytes.starts_with(b"%PDF-")),
                Err(e) => prop_assert!(
                    matches!(e, motion_export::export::ExportError::MissingGlyphs { .. }),
                    "{e}"
                ),
            }
            Ok(())
        })
        .unwrap();
    let files = written.into_inner();
    let mut args: Vec<&std::ffi::OsStr> = vec!["--noout".as_ref(), "--nonet".as_ref()];
    args.extend(files.iter().map(|p| p.as_os_str()));
    harness::run_tool("xmllint", &args);
}

/// Any text in every field gives an HTML page that Python's parser reads back whole (every word,
/// the ids, the notes linked both ways, the JSON-LD parsing) and in which the Nu Html Checker
/// finds no error: the characters HTML forbids made spaces, markup escaped.
#[test]
fn any_text_gives_a_sound_html_page() {
    let mut runner = runner(48);
    let motions = RefCell::new(Vec::new());
    runner
        .run(&prop::collection::vec(hostile_text(), 1..10), |texts| {
            let n = motions.borrow().len();
            motions
                .borrow_mut()
                .push((format!("hostile-{n}"), motion_with(&texts)));
            Ok(())
        })
        .unwrap();
    let motions = motions.into_inner();
    crate::html::check_all(&motions);
    let pages: Vec<Vec<u8>> = motions
        .iter()
        .map(|(_, m)| crate::html::export(m))
        .collect();
    crate::html::assert_no_nu_errors(&pages);
}
