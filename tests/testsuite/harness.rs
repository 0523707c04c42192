//! The test harness: where the shared reference material is, external tools, word-sequence
//! comparison, and hand-built motions for exporter tests.

#![allow(dead_code)]

use motion_export::model::*;
use motion_export::read::{read_text, InputFormat, ReadOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Reads a decoded text through the library's one pipeline, as the command line does: the
/// reader, then the validator (unless the input is empty). `source_name` is the file stem.
pub fn read(text: &str, source_name: &str) -> Parsed {
    let options = ReadOptions {
        source_name: source_name.to_owned(),
        ..ReadOptions::default()
    };
    read_text(text, InputFormat::Text, &options)
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
            out.push(p.num.text.to_string());
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
        texts.push(r.num.text.to_string());
        nums(&r.points, &mut texts);
    }
    for p in m.paragraphs() {
        texts.push(p.num.text.to_string());
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

/// The small changes a real motion goes through on its way to us (issue 13): each turns a motion
/// text into another that must read to the same model, apart from printed numbers and spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Hard-wrapped at this many columns, like `fold -s -w N` (a word longer than the width is
    /// left whole rather than cut, as mail clients do).
    Wrapped(usize),
    /// Windows line ends.
    Crlf,
    /// Old Mac line ends: CR only.
    CrOnly,
    /// Every blank line removed.
    NoBlankLines,
    /// Every blank line doubled.
    DoubledBlankLines,
    /// Paragraphs numbered `1)` instead of `1.`.
    ParenNumbers,
    /// Paragraphs numbered `1 .` instead of `1.`.
    SpacedNumbers,
    /// Points lettered `a)` instead of `(a)`.
    HalfParenPoints,
    /// The cover date written `2021-02-09` instead of `9.2.2021`.
    IsoDate,
    /// The cover date written `09/02/2021` instead of `9.2.2021`.
    SlashDate,
    /// Every third space a no-break space.
    NoBreakSpaces,
    /// The markdown bold marks `**` removed.
    NoBold,
}

impl Variant {
    /// Every variant, for suites that try them all.
    pub const ALL: [Variant; 15] = [
        Variant::Wrapped(40),
        Variant::Wrapped(60),
        Variant::Wrapped(72),
        Variant::Wrapped(80),
        Variant::Crlf,
        Variant::CrOnly,
        Variant::NoBlankLines,
        Variant::DoubledBlankLines,
        Variant::ParenNumbers,
        Variant::SpacedNumbers,
        Variant::HalfParenPoints,
        Variant::IsoDate,
        Variant::SlashDate,
        Variant::NoBreakSpaces,
        Variant::NoBold,
    ];

    /// `text` changed in this way. Line ends of `text` may be LF or CRLF.
    pub fn apply(self, text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let joined = |lines: Vec<String>| lines.join("\n") + "\n";
        let each = |f: &dyn Fn(&str) -> String| joined(lines.iter().map(|l| f(l)).collect());
        match self {
            Variant::Wrapped(width) => joined(lines.iter().flat_map(|l| fold(l, width)).collect()),
            Variant::Crlf => each(&str::to_owned).replace('\n', "\r\n"),
            Variant::CrOnly => each(&str::to_owned).replace('\n', "\r"),
            Variant::NoBlankLines => joined(
                (lines.iter())
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| l.to_string())
                    .collect(),
            ),
            Variant::DoubledBlankLines => joined(
                (lines.iter())
                    .flat_map(|l| {
                        let n = if l.trim().is_empty() { 2 } else { 1 };
                        std::iter::repeat_n(l.to_string(), n)
                    })
                    .collect(),
            ),
            Variant::ParenNumbers => each(&|l| renumber(l, ")")),
            Variant::SpacedNumbers => each(&|l| renumber(l, " .")),
            Variant::HalfParenPoints => each(&half_paren_point),
            Variant::IsoDate => redate(&lines, |d, m, y| format!("{y}-{m:02}-{d:02}")),
            Variant::SlashDate => redate(&lines, |d, m, y| format!("{d:02}/{m:02}/{y}")),
            Variant::NoBreakSpaces => each(&|l| {
                let mut n = 0;
                l.chars()
                    .map(|c| match c {
                        ' ' => {
                            n += 1;
                            if n % 3 == 0 {
                                '\u{a0}'
                            } else {
                                ' '
                            }
                        }
                        c => c,
                    })
                    .collect()
            }),
            Variant::NoBold => each(&|l| l.replace("**", "")),
        }
    }
}

/// One line folded at `width` characters after the last space that fits, the space kept at the
/// end of the first part (as `fold -s` does).
fn fold(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while rest.chars().count() > width {
        let limit = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(i, _)| i);
        let cut = match rest[..limit].rfind(' ') {
            Some(i) if i > 0 => i + 1,
            // No space within the width: the word is left whole, cut after it.
            _ => match rest[limit..].find(' ') {
                Some(i) => limit + i + 1,
                None => break,
            },
        };
        out.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    out.push(rest.to_string());
    out
}

/// The leading spaces and markdown marks of a line, and the rest.
fn lead(line: &str) -> (&str, &str) {
    let body = line.trim_start_matches([' ', '\t', '*']);
    line.split_at(line.len() - body.len())
}

/// A line opening with a paragraph number `12.` and a space, its `.` replaced by `mark`.
fn renumber(line: &str, mark: &str) -> String {
    let (lead, body) = lead(line);
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = &body[digits..];
    let after_dot = after.strip_prefix('.').map(|a| a.trim_start_matches('*'));
    match after_dot {
        Some(a) if (1..=3).contains(&digits) && a.starts_with([' ', '\t', '\u{a0}']) => {
            let marks = &after[1..after.len() - a.len()];
            format!("{lead}{}{mark}{marks}{a}", &body[..digits])
        }
        _ => line.to_string(),
    }
}

/// A line opening with a point letter `(a)` or `(iv)` and a space, written `a)` instead.
fn half_paren_point(line: &str) -> String {
    let (lead, body) = lead(line);
    let Some(inner) = body.strip_prefix('(') else {
        return line.to_string();
    };
    let Some(close) = inner.find(')') else {
        return line.to_string();
    };
    let letters = &inner[..close];
    let rest = &inner[close + 1..];
    let is_label = (1..=4).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_lowercase())
        && rest.starts_with([' ', '\t', '\u{a0}']);
    if is_label {
        format!("{lead}{letters}){rest}")
    } else {
        line.to_string()
    }
}

/// The first line that is a date `d.m.yyyy` alone (the cover date), rewritten by `write`.
fn redate(lines: &[&str], write: impl Fn(u32, u32, u32) -> String) -> String {
    let date = |l: &str| -> Option<(u32, u32, u32)> {
        let mut parts = l.trim().split('.');
        let d = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let y: u32 = parts.next()?.parse().ok()?;
        (parts.next().is_none() && y > 1950 && (1..=31).contains(&d) && (1..=12).contains(&m))
            .then_some((d, m, y))
    };
    let mut done = false;
    let out: Vec<String> = (lines.iter())
        .map(|l| match date(l).filter(|_| !done) {
            Some((d, m, y)) => {
                done = true;
                l.replace(l.trim(), &write(d, m, y))
            }
            None => l.to_string(),
        })
        .collect();
    out.join("\n") + "\n"
}

/// What a reading of a motion must keep whatever the variant: counts, cover fields and words,
/// not printed numbers or spans.
#[derive(Debug, PartialEq, Eq)]
pub struct Reading {
    pub counts: [usize; 7],
    pub cover: Vec<(&'static str, String)>,
    pub words: Vec<String>,
}

impl Reading {
    pub fn of(m: &Motion) -> Reading {
        fn points(p: &[Point]) -> usize {
            p.iter().map(|p| 1 + points(&p.points)).sum()
        }
        let all_points = m.recitals.iter().map(|r| points(&r.points)).sum::<usize>()
            + m.paragraphs().map(|p| points(&p.points)).sum::<usize>();
        let counts = [
            m.citations.len(),
            m.recitals.len(),
            m.paragraphs().count(),
            all_points,
            m.footnotes.len(),
            m.headings().count(),
            m.cover.authors.len(),
        ];
        let c = &m.cover;
        let text = |p: Option<&Para>| p.map_or(String::new(), |p| words(&p.plain_text()).join(" "));
        let cover = vec![
            (
                "doc number",
                format!("{:?}", c.doc_number.as_ref().map(|n| &n.value)),
            ),
            ("date", format!("{:?}", c.date.as_ref().map(|d| d.value))),
            ("kind", format!("{:?}", c.kind)),
            ("rule", format!("{:?}", c.rule.as_ref().map(|n| &n.value))),
            ("rule line", text(c.rule_line.as_ref())),
            ("request", text(c.request.as_ref())),
            ("title", text(c.title.as_ref())),
            (
                "procedure",
                format!("{:?}", c.procedure.as_ref().map(|n| &n.value)),
            ),
            (
                "authors",
                // Names as words: `Van\u{a0}Leeuwen` is the name `Van Leeuwen`.
                format!(
                    "{:?}",
                    (c.authors.iter())
                        .map(|a| {
                            let names: Vec<String> =
                                a.members.iter().map(|n| words(n).join(" ")).collect();
                            (names, &a.group)
                        })
                        .collect::<Vec<_>>()
                ),
            ),
            ("motion title", text(m.title.as_ref())),
        ];
        Reading {
            counts,
            cover,
            words: motion_words(m),
        }
    }

    /// What differs from `other`, in a few lines; empty when nothing does.
    pub fn differences(&self, other: &Reading) -> Vec<String> {
        const COUNTS: [&str; 7] = [
            "citations",
            "recitals",
            "paragraphs",
            "points",
            "footnotes",
            "headings",
            "author groups",
        ];
        let mut out = Vec::new();
        for (i, name) in COUNTS.iter().enumerate() {
            if self.counts[i] != other.counts[i] {
                out.push(format!(
                    "{name}: {} became {}",
                    self.counts[i], other.counts[i]
                ));
            }
        }
        for ((name, a), (_, b)) in self.cover.iter().zip(&other.cover) {
            if a != b {
                out.push(format!("{name}: {a:?} became {b:?}"));
            }
        }
        let diff = diff_words(&self.words, &other.words);
        if !diff.missing.is_empty() || !diff.extra.is_empty() {
            out.push(format!(
                "words: missing {:?}, extra {:?}",
                &diff.missing[..diff.missing.len().min(12)],
                &diff.extra[..diff.extra.len().min(12)]
            ));
        }
        out
    }
}
