//! The test harness: where the shared reference material is, external tools, word-sequence
//! comparison, and hand-built motions for exporter tests.

#![allow(dead_code)]

use motion_export::model::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder with the reference material (`SHARED_DIR`, default `../shared`).
pub fn shared_dir() -> PathBuf {
    let dir = std::env::var_os("SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    assert!(
        dir.is_dir(),
        "SHARED_DIR {} is not a folder: the tests need ../shared beside the checkout",
        dir.display()
    );
    // Absolute, so that it holds from any folder a test works in (the Makefile passes
    // `../shared`, relative to the checkout).
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// The official Akoma Ntoso 3.0 XSD (`AKN_XSD`, default `../shared/reference/akn30/akomantoso30.xsd`).
pub fn akn_xsd() -> PathBuf {
    std::env::var_os("AKN_XSD")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared_dir().join("reference/akn30/akomantoso30.xsd"))
}

/// The checkout's top folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of test fixtures: `tests/fixtures/<name>`.
pub fn fixtures(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// The real motions of the corpus, sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared_dir().join("corpus/ep"))
        .expect("corpus/ep")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The sample motions in `samples/`, sorted by name.
pub fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join("samples"))
        .expect("samples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Runs an external tool, panicking with its output when it cannot start or fails.
/// Returns its standard output.
pub fn run_tool(program: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); `make test` installs it"));
    assert!(
        out.status.success(),
        "{program} {:?} failed ({}):\n{}\n{}",
        args,
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Validates an XML file against an XSD with xmllint; panics with xmllint's message if invalid.
pub fn assert_valid_xml(xml: &Path, xsd: &Path) {
    run_tool(
        "xmllint",
        &[
            "--noout".as_ref(),
            "--nonet".as_ref(),
            "--schema".as_ref(),
            xsd.as_os_str(),
            xml.as_os_str(),
        ],
    );
}

/// Splits text into words on any whitespace (no-break spaces included).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2007}')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of every paragraph of the motion's text, in reading order.
pub fn motion_words(motion: &Motion) -> Vec<String> {
    motion
        .text_in_order()
        .iter()
        .flat_map(|p| words(&p.plain_text()))
        .collect()
}

/// Texts an export may print beyond the motion's running text: the numbers of recitals,
/// paragraphs and points, the citation dash, footnote markers, and the cover fields that are data
/// rather than text (document number, session number, date, kind, Rule, procedure, authors and
/// groups, replaced motions), in the spellings the exporters use. Each format's word test allows
/// the words of these (after its own character cleaning) as extras.
pub fn label_and_cover_texts(m: &Motion) -> Vec<String> {
    fn nums(points: &[Point], out: &mut Vec<String>) {
        for p in points {
            out.push(p.num.text.clone());
            nums(&p.points, out);
        }
    }
    let c = &m.cover;
    let mut texts: Vec<String> = vec!["–".into(), m.source_name.clone()];
    texts.extend(c.doc_number.iter().map(|n| n.value.clone()));
    texts.extend(c.pe_number.iter().map(|n| n.value.clone()));
    texts.extend(c.kind_text.iter().map(|n| n.value.clone()));
    texts.extend(c.rule.iter().map(|n| n.value.clone()));
    texts.extend(c.procedure.iter().map(|p| format!("{0} ({0})", p.value)));
    texts.extend(
        c.date
            .iter()
            .map(|d| format!("{}.{}.{}", d.value.day, d.value.month, d.value.year)),
    );
    for g in &c.authors {
        let members: Vec<&str> = g.members.iter().map(|s| s.trim()).collect();
        texts.push(members.join(", "));
        texts.extend(g.group.iter().cloned());
        texts.extend(g.group_line.iter().cloned());
    }
    for r in &c.replaces {
        texts.push(r.number.clone());
        texts.extend(r.group.iter().map(|g| format!("({g})")));
    }
    for r in &m.recitals {
        texts.push(r.num.text.clone());
        nums(&r.points, &mut texts);
    }
    for p in m.paragraphs() {
        texts.push(p.num.text.clone());
        nums(&p.points, &mut texts);
    }
    texts.extend(m.footnotes.iter().map(|n| n.marker.clone()));
    texts
}

/// How two word sequences differ: words of `expected` missing from `actual`, and words of
/// `actual` not in `expected`, by a minimal diff that respects order.
#[derive(Debug, Default)]
pub struct WordDiff {
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

pub fn diff_words(expected: &[String], actual: &[String]) -> WordDiff {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let mut diff = WordDiff::default();
    for op in capture_diff_slices(Algorithm::Myers, expected, actual) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => diff
                .missing
                .extend_from_slice(&expected[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => diff
                .extra
                .extend_from_slice(&actual[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                diff.missing
                    .extend_from_slice(&expected[old_index..old_index + old_len]);
                diff.extra
                    .extend_from_slice(&actual[new_index..new_index + new_len]);
            }
        }
    }
    diff
}

/// Asserts that every word of `expected` appears in `actual`, in order. Extra words in `actual`
/// are allowed only if `allow_extra` accepts each of them (page headers, numbers, labels).
pub fn assert_words_in_order(
    what: &str,
    expected: &[String],
    actual: &[String],
    allow_extra: impl Fn(&str) -> bool,
) {
    let diff = diff_words(expected, actual);
    let extra: Vec<&String> = diff.extra.iter().filter(|w| !allow_extra(w)).collect();
    assert!(
        diff.missing.is_empty() && extra.is_empty(),
        "{what}: {} words missing {:?}, {} unexpected words {:?}",
        diff.missing.len(),
        &diff.missing[..diff.missing.len().min(40)],
        extra.len(),
        &extra[..extra.len().min(40)]
    );
}

fn span() -> motion_export::diag::Span {
    motion_export::diag::Span::default()
}

fn para(text: &str) -> Para {
    Para::plain(text, span())
}

fn num(text: &str, value: &str) -> Num {
    Num {
        text: text.into(),
        value: value.into(),
    }
}

/// A hand-built motion with every part the model has: a joint-motion cover with two groups,
/// citations, recitals, a heading, paragraphs with points and sub-points, bold and italic runs,
/// a footnote, and text in Greek, Cyrillic and Latin with diacritics. For exporter tests that
/// should not depend on the reader.
pub fn rich_motion() -> Motion {
    let mut cover = Cover {
        doc_number: Some(Located { value: "RC-B9-0146/2021".into(), span: span() }),
        date: Some(Located { value: Date::new(2021, 2, 9).unwrap(), span: span() }),
        kind: DocKind::JointMotionForResolution,
        kind_text: Some(Located { value: "JOINT MOTION FOR A RESOLUTION".into(), span: span() }),
        request: Some(para("with request for inclusion in the agenda for a debate on cases of breaches of human rights")),
        rule_line: Some(para("pursuant to Rules 144(5) and 132(4) of the Rules of Procedure")),
        rule: Some(Located { value: "Rules 144(5) and 132(4)".into(), span: span() }),
        title: Some(para("on the situation in Kazakhstan & the region <test>")),
        procedure: Some(Located { value: "2021/2544(RSP)".into(), span: span() }),
        ..Cover::default()
    };
    cover.authors = vec![
        AuthorGroup {
            members: vec![
                "Kati Piri".into(),
                "Michał Szczerba".into(),
                "Ondřej Krutílek".into(),
            ],
            group: Some("S&D".into()),
            group_line: Some("on behalf of the S&D Group".into()),
            span: span(),
        },
        AuthorGroup {
            members: vec!["Γιάννης Μανιάτης".into(), "Андрей Ковачев".into()],
            group: Some("Verts/ALE".into()),
            group_line: Some("on behalf of the Verts/ALE Group".into()),
            span: span(),
        },
    ];
    cover.replaces = vec![ReplacedMotion {
        number: "B9-0146/2021".into(),
        group: Some("S&D".into()),
        span: span(),
    }];

    let point = |n: &str, v: &str, text: &str| Point {
        num: num(n, v),
        content: vec![para(text)],
        points: vec![],
        span: span(),
    };
    let paragraph = |n: u32, text: &str| Paragraph {
        num: num(&format!("{n}."), &n.to_string()),
        content: vec![para(text)],
        points: vec![],
        wrap_up: vec![],
        span: span(),
    };
    let mut p2 = paragraph(2, "Urges the authorities to:");
    p2.points = vec![
        point(
            "(a)",
            "a",
            "release all persons detained, including Dulat Agadil’s son;",
        ),
        Point {
            num: num("(b)", "b"),
            content: vec![para("amend the following articles:")],
            points: vec![
                point("(i)", "i", "Article 174 (“inciting discord”);"),
                point("(ii)", "ii", "Article 274 – spreading false information;"),
            ],
            span: span(),
        },
    ];
    p2.wrap_up = vec![para("and to report on progress within six months;")];
    let mut p1 = paragraph(1, "");
    p1.content = vec![Para {
        inlines: vec![
            Inline::Text {
                text: "Calls on".into(),
                bold: true,
                italic: false,
            },
            Inline::text(" the government to fulfil its obligations under the "),
            Inline::Text {
                text: "Enhanced Partnership".into(),
                bold: false,
                italic: true,
            },
            Inline::text(" agreement of 21 December 2015"),
            Inline::NoteRef {
                marker: "[1]".into(),
                note: Some(0),
            },
            Inline::text(
                "; notes that ł ž č ő ă ș ț ė ų € § „quotes“ «guillemets» ‘single’ are all in use;",
            ),
        ],
        span: span(),
    }];

    Motion {
        lang: "en".into(),
        source_name: "RC-B9-0146-2021_EN".into(),
        cover,
        title: Some(para("European Parliament resolution on the situation in Kazakhstan (2021/2544(RSP))")),
        title_notes: vec![],
        formula: Some(para("The European Parliament,")),
        citations: vec![
            Citation { content: vec![para("having regard to its previous resolutions on Kazakhstan,")], span: span() },
            Citation { content: vec![para("having regard to Rules 144(5) and 132(4) of its Rules of Procedure,")], span: span() },
        ],
        recitals_intro: None,
        recitals: vec![
            Recital { num: num("A.", "A"), content: vec![para("whereas the Ελληνική Δημοκρατία and България are Member States;")], points: vec![], span: span() },
            Recital { num: num("B.", "B"), content: vec![para("whereas civil society faces restrictions; whereas 63.3 % voted;")], points: vec![], span: span() },
        ],
        body_intro: None,
        body: vec![
            BodyItem::Heading(Heading { text: para("Human rights") }),
            BodyItem::Paragraph(p1),
            BodyItem::Paragraph(p2),
            BodyItem::Heading(Heading { text: para("Final provisions") }),
            BodyItem::Paragraph(paragraph(3, "Instructs its President to forward this resolution to the Council and the Commission.")),
        ],
        footnotes: vec![Footnote {
            marker: "1".into(),
            content: vec![para("Judgment of 1 October 2020, Groupe Lactalis v Premier ministre, C-485/18, EU:C:2020:763.")],
            span: span(),
        }],
        trailing: vec![],
    }
}
