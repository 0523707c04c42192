//! The Akoma Ntoso exporter: every output validates against the official XSD and the project's
//! profile, eIds are unique and shaped by the Naming Convention, every `#id` resolves, no word of
//! the model is lost or reordered, and the bytes are deterministic.

use crate::harness::{self, words};
use motion_export::export::xml::{export, XmlOptions};
use motion_export::export::{ExportError, Format};
use motion_export::model::*;
use motion_export::vocab::chars::xml_safe;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------------
// Hand-built motions

fn span() -> motion_export::diag::Span {
    Default::default()
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

fn located<T>(value: T) -> Located<T> {
    Located {
        value,
        span: span(),
    }
}

fn paragraph(n: &str, text: &str) -> Paragraph {
    Paragraph {
        num: num(&format!("{n}."), n),
        content: vec![para(text)],
        points: vec![],
        wrap_up: vec![],
        span: span(),
    }
}

fn point(n: &str, v: &str, text: &str) -> Point {
    Point {
        num: num(n, v),
        content: vec![para(text)],
        points: vec![],
        span: span(),
    }
}

fn recital(n: &str, v: &str, text: &str) -> Recital {
    Recital {
        num: num(n, v),
        content: vec![para(text)],
        points: vec![],
        span: span(),
    }
}

fn citation(text: &str) -> Citation {
    Citation {
        content: vec![para(text)],
        span: span(),
    }
}

fn footnote(marker: &str, text: &str) -> Footnote {
    Footnote {
        marker: marker.into(),
        content: vec![para(text)],
        span: span(),
    }
}

/// Only what the exporter cannot do without: one operative paragraph.
fn minimal() -> Motion {
    Motion {
        lang: "en".into(),
        source_name: "minimal".into(),
        body: vec![BodyItem::Paragraph(paragraph(
            "1",
            "Instructs its President.",
        ))],
        ..Motion::default()
    }
}

/// A resolution as adopted: no cover, no recitals, title and formula only.
fn text_adopted() -> Motion {
    let mut m = harness::rich_motion();
    m.cover = Cover {
        kind: DocKind::TextAdopted,
        doc_number: Some(located("P9_TA(2021)0056".into())),
        date: Some(located(Date::new(2021, 2, 11).unwrap())),
        kind_text: Some(located("TEXTS ADOPTED".into())),
        ..Cover::default()
    };
    m.recitals.clear();
    m.title_notes = vec![para("(2021/2544(RSP))")];
    m
}

fn no_cover() -> Motion {
    let mut m = harness::rich_motion();
    m.cover = Cover::default();
    m.source_name = "no cover, no number".into();
    m
}

/// Two paragraphs `2.`, two recitals `A.`, points `(a)` twice, an unnumbered paragraph and
/// dash points with nothing but the dash printed.
fn duplicate_numbers() -> Motion {
    let mut m = harness::rich_motion();
    m.recitals
        .push(recital("A.", "A", "whereas the letter A is used twice;"));
    m.recitals
        .push(recital("", "", "whereas this recital has no number;"));
    let mut p = paragraph("2", "Repeats the number two:");
    p.points = vec![
        point("(a)", "a", "first a;"),
        point("(a)", "a", "second a;"),
        point("–", "", "a dash;"),
        point("–", "", "another dash;"),
    ];
    m.body.push(BodyItem::Paragraph(p));
    m.body
        .push(BodyItem::Paragraph(paragraph("2", "And again two.")));
    let mut unnumbered = paragraph("", "No number at all.");
    unnumbered.num = num("", "");
    m.body.push(BodyItem::Paragraph(unnumbered));
    m
}

fn heading_first() -> Motion {
    let mut m = minimal();
    m.body.insert(
        0,
        BodyItem::Heading(Heading {
            text: para("General remarks"),
        }),
    );
    m.body.push(BodyItem::Heading(Heading {
        text: para("A heading at the very end"),
    }));
    m
}

/// Characters XML forbids, `]]>`, markup characters and quotes everywhere text can go,
/// attributes included.
fn hostile() -> Motion {
    let nasty = "a\u{0}b\u{1}c\u{b}d\u{c}e\u{1f}f\u{fffe}g ]]> & < > \" ' &amp; <!-- --> <?pi?>";
    let mut m = harness::rich_motion();
    m.source_name = format!("src {nasty}");
    m.cover.doc_number = Some(located(format!("B9-0146/2021 {nasty}")));
    m.cover.kind_text = Some(located(format!("MOTION {nasty}")));
    m.cover.rule = Some(located("Rule <144> & \"x\"".into()));
    m.cover.rule_line = Some(para("pursuant to Rule <144> & \"x\" of the Rules"));
    m.cover.procedure = Some(located(format!("2021/2544(RSP) {nasty}")));
    m.cover.pe_number = Some(located(format!("PE662.890v01-00 {nasty}")));
    m.cover.authors[0].group = Some(format!("S&D {nasty}"));
    m.cover.authors[0].members.push(nasty.into());
    m.cover.replaces[0].group = Some(format!("S&D {nasty}"));
    m.cover.other = vec![para(nasty)];
    m.title = Some(para(nasty));
    m.citations.push(citation(nasty));
    m.body
        .push(BodyItem::Heading(Heading { text: para(nasty) }));
    let mut p = paragraph("4", nasty);
    p.num = num(nasty, nasty);
    m.body.push(BodyItem::Paragraph(p));
    m.footnotes[0].marker = format!("1{nasty}");
    m.footnotes[0].content.push(para(nasty));
    m.trailing = vec![para(nasty)];
    m
}

/// A call whose note was not found, a call to a note index out of range, a note called twice,
/// a note called only from inside another note, and a note never called.
fn notes() -> Motion {
    let mut m = harness::rich_motion();
    m.footnotes
        .push(footnote("2", "Second note, called twice."));
    m.footnotes
        .push(footnote("3", "Third note, called from note four only."));
    m.footnotes.push(Footnote {
        marker: "4".into(),
        content: vec![Para {
            inlines: vec![
                Inline::text("Fourth note citing"),
                Inline::NoteRef {
                    marker: "[3]".into(),
                    note: Some(2),
                },
                Inline::text(" and itself"),
                Inline::NoteRef {
                    marker: "[4]".into(),
                    note: Some(3),
                },
            ],
            span: span(),
        }],
        span: span(),
    });
    m.footnotes.push(footnote("5", "Fifth note, never called."));
    m.footnotes.push(Footnote {
        marker: "".into(),
        content: vec![],
        span: span(),
    });
    let calls = |marker: &str, note: Option<usize>| Inline::NoteRef {
        marker: marker.into(),
        note,
    };
    m.citations[0].content[0].inlines.extend([
        calls("[9]", None),
        Inline::text(" unresolved, then out of range"),
        calls("[10]", Some(99)),
        Inline::text(" and twice"),
        calls("[2]", Some(1)),
    ]);
    m.recitals[0].content[0].inlines.push(calls("(2)", Some(1)));
    m.recitals[1].content[0].inlines.push(calls("[4]", Some(3)));
    if let Some(BodyItem::Heading(h)) = m.body.first_mut() {
        h.text.inlines.push(calls("[4]", Some(3)));
    }
    m
}

fn trailing_and_breaks() -> Motion {
    let mut m = harness::rich_motion();
    m.trailing = vec![para("Signed in Brussels."), para("Annex follows.")];
    m.cover.title = Some(Para {
        inlines: vec![
            Inline::text("on the situation"),
            Inline::LineBreak,
            Inline::text("(2021/2544(RSP))"),
        ],
        span: span(),
    });
    m.formula = Some(Para {
        inlines: vec![
            Inline::Text {
                text: "The European".into(),
                bold: true,
                italic: true,
            },
            Inline::LineBreak,
            Inline::LineBreak,
            Inline::text("Parliament,"),
        ],
        span: span(),
    });
    m.cover.authors.push(AuthorGroup {
        members: vec!["Independent Member".into()],
        group: None,
        group_line: None,
        span: span(),
    });
    m.cover.authors.push(AuthorGroup {
        members: vec![],
        group: None,
        group_line: Some("on behalf of the Committee".into()),
        span: span(),
    });
    m
}

/// Recital points, nested points with intro and wrap-up, an empty paragraph, and the opening
/// words of the recitals and the operative part on their own lines.
fn structure() -> Motion {
    let mut m = harness::rich_motion();
    m.recitals_intro = Some(para("och av följande skäl:"));
    m.body_intro = Some(para("Europaparlamentet utfärdar denna resolution"));
    m.recitals[0].points = vec![
        point("(a)", "a", "first recital point;"),
        Point {
            num: num("(b)", "b"),
            content: vec![],
            points: vec![point("(i)", "i", "deep recital point;")],
            span: span(),
        },
    ];
    let mut empty = paragraph("4", "");
    empty.content.clear();
    m.body.push(BodyItem::Paragraph(empty));
    let mut stray = paragraph("5", "A paragraph without points");
    stray.wrap_up = vec![para("but with text after it.")];
    m.body.push(BodyItem::Paragraph(stray));
    let mut no_intro = paragraph("6", "");
    no_intro.content.clear();
    no_intro.points = vec![Point {
        num: num("(a)", "a"),
        content: vec![],
        points: vec![point("–", "1", "dash under a point")],
        span: span(),
    }];
    m.body.push(BodyItem::Paragraph(no_intro));
    m
}

fn joint() -> Motion {
    let mut m = harness::rich_motion();
    m.cover.kind = DocKind::JointMotionForResolution;
    m.cover.replaces.push(ReplacedMotion {
        number: "B9-0150/2021".into(),
        group: Some("ECR".into()),
        span: span(),
    });
    m.cover.replaces.push(ReplacedMotion {
        number: "B9-0151/2021".into(),
        group: None,
        span: span(),
    });
    m.cover.pe_number = Some(located("PE662.890v01-00".into()));
    m
}

fn greek() -> Motion {
    Motion {
        lang: "el".into(),
        source_name: "B9-0146-2021_EL".into(),
        cover: Cover {
            doc_number: Some(located("B9-0146/2021".into())),
            date: Some(located(Date::new(2021, 2, 9).unwrap())),
            kind_text: Some(located("ΠΡΟΤΑΣΗ ΨΗΦΙΣΜΑΤΟΣ".into())),
            rule_line: Some(para("σύμφωνα με το άρθρο 144 του Κανονισμού")),
            rule: Some(located("άρθρο 144".into())),
            title: Some(para("σχετικά με την κατάσταση στο Καζακστάν")),
            procedure: Some(located("2021/2544(RSP)".into())),
            authors: vec![AuthorGroup {
                members: vec!["Γιάννης Μανιάτης".into(), "Ελένη Στάβρου".into()],
                group: Some("S&D".into()),
                group_line: Some("εξ ονόματος της Ομάδας S&D".into()),
                span: span(),
            }],
            ..Cover::default()
        },
        title: Some(para("Ψήφισμα του Ευρωπαϊκού Κοινοβουλίου")),
        formula: Some(para("Το Ευρωπαϊκό Κοινοβούλιο,")),
        citations: vec![citation("έχοντας υπόψη τα προηγούμενα ψηφίσματά του,")],
        recitals: vec![
            recital(
                "Α.",
                "Α",
                "λαμβάνοντας υπόψη ότι η Ελλάδα είναι κράτος μέλος·",
            ),
            recital("Β.", "Β", "λαμβάνοντας υπόψη ότι…"),
        ],
        body: vec![BodyItem::Paragraph(Paragraph {
            points: vec![
                point("α)", "α", "πρώτο σημείο·"),
                point("β)", "β", "δεύτερο·"),
            ],
            ..paragraph("1", "Καλεί την Επιτροπή:")
        })],
        ..Motion::default()
    }
}

fn bulgarian() -> Motion {
    Motion {
        lang: "bg".into(),
        source_name: "B9-0146-2021_BG".into(),
        cover: Cover {
            kind_text: Some(located("ПРЕДЛОЖЕНИЕ ЗА РЕЗОЛЮЦИЯ".into())),
            title: Some(para("относно положението в Казахстан")),
            authors: vec![AuthorGroup {
                members: vec!["Андрей Ковачев".into()],
                group: Some("PPE".into()),
                group_line: Some("от името на групата PPE".into()),
                span: span(),
            }],
            ..Cover::default()
        },
        formula: Some(para("Европейският парламент,")),
        recitals: vec![recital(
            "А.",
            "А",
            "като има предвид, че България е държава членка;",
        )],
        body: vec![
            BodyItem::Heading(Heading {
                text: para("Права на човека"),
            }),
            BodyItem::Paragraph(Paragraph {
                points: vec![point("а)", "а", "първа точка;")],
                wrap_up: vec![para("и докладва.")],
                ..paragraph("1", "Призовава:")
            }),
        ],
        ..Motion::default()
    }
}

/// Empty strings wherever the model allows them.
fn empties() -> Motion {
    let mut m = minimal();
    m.lang = String::new();
    m.source_name = String::new();
    m.cover = Cover {
        doc_number: Some(located(String::new())),
        kind_text: Some(located(String::new())),
        rule: Some(located(String::new())),
        rule_line: Some(para("")),
        request: Some(Para::default()),
        title: Some(Para::default()),
        procedure: Some(located(String::new())),
        pe_number: Some(located(String::new())),
        authors: vec![AuthorGroup {
            members: vec![String::new(), " ".into()],
            group: Some(String::new()),
            group_line: Some(String::new()),
            span: span(),
        }],
        replaces: vec![ReplacedMotion {
            number: String::new(),
            group: Some(String::new()),
            span: span(),
        }],
        ..Cover::default()
    };
    m.title = Some(Para::default());
    m.formula = Some(Para::default());
    m.citations = vec![Citation {
        content: vec![],
        span: span(),
    }];
    m.recitals = vec![Recital {
        num: num("", ""),
        content: vec![],
        points: vec![],
        span: span(),
    }];
    m.body.push(BodyItem::Heading(Heading {
        text: Para::default(),
    }));
    m.body.push(BodyItem::Paragraph(Paragraph {
        num: num("", ""),
        content: vec![],
        points: vec![],
        wrap_up: vec![],
        span: span(),
    }));
    m.footnotes = vec![footnote("", "")];
    m
}

/// A motion in which group and Member names collide with each other and with the fixed
/// reference identifiers.
fn colliding_names() -> Motion {
    let mut m = harness::rich_motion();
    m.cover.authors.push(AuthorGroup {
        members: vec![
            "EP".into(),
            "Author".into(),
            "S. D.".into(),
            "Kati-Piri".into(),
        ],
        group: Some("S/D".into()),
        group_line: None,
        span: span(),
    });
    m.cover.authors.push(AuthorGroup {
        members: vec!["Kati Piri".into()],
        group: Some("converter".into()),
        group_line: Some("on behalf of converter".into()),
        span: span(),
    });
    m
}

/// Every hand-built motion, by name.
fn variants() -> Vec<(&'static str, Motion)> {
    vec![
        ("rich", harness::rich_motion()),
        ("minimal", minimal()),
        ("text_adopted", text_adopted()),
        ("no_cover", no_cover()),
        ("duplicate_numbers", duplicate_numbers()),
        ("heading_first", heading_first()),
        ("hostile", hostile()),
        ("notes", notes()),
        ("trailing_and_breaks", trailing_and_breaks()),
        ("structure", structure()),
        ("joint", joint()),
        ("greek", greek()),
        ("bulgarian", bulgarian()),
        ("empties", empties()),
        ("colliding_names", colliding_names()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Helpers

pub(crate) fn xml_of(motion: &Motion) -> String {
    let bytes = export(motion, &XmlOptions::default()).expect("export");
    String::from_utf8(bytes).expect("UTF-8")
}

fn profile_xsd() -> PathBuf {
    harness::repo_root().join("schemas/akn-motion-profile.xsd")
}

/// Validates many files with one xmllint run (compiling the XSD is the slow part). Returns
/// xmllint's report when any file is invalid.
fn validate_all(files: &[PathBuf], xsd: &Path) -> Result<(), String> {
    if files.is_empty() {
        return Ok(());
    }
    let mut args: Vec<OsString> = vec!["--noout".into(), "--nonet".into(), "--schema".into()];
    args.push(xsd.into());
    args.extend(files.iter().map(|f| f.as_os_str().to_owned()));
    let out = Command::new("xmllint")
        .args(&args)
        .output()
        .expect("cannot run xmllint; `make test` installs it");
    if out.status.success() {
        Ok(())
    } else {
        let report = String::from_utf8_lossy(&out.stderr);
        let failures: Vec<&str> = report
            .lines()
            .filter(|l| !l.ends_with(" validates"))
            .take(40)
            .collect();
        Err(failures.join("\n"))
    }
}

pub(crate) fn write_all(dir: &Path, docs: &[(String, String)]) -> Vec<PathBuf> {
    docs.iter()
        .map(|(name, xml)| {
            let path = dir.join(format!("{name}.xml"));
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect()
}

pub(crate) fn assert_valid_against_both(files: &[PathBuf]) {
    for xsd in [harness::akn_xsd(), profile_xsd()] {
        if let Err(report) = validate_all(files, &xsd) {
            panic!("invalid against {}:\n{report}", xsd.display());
        }
    }
}

/// What a parsed document says about itself.
#[derive(Default)]
struct Parsed {
    /// `(element, eId)` of every element with an eId, in document order.
    eids: Vec<(String, String)>,
    /// Whether each eId sits inside `meta`.
    in_meta: Vec<bool>,
    /// Every `#id` in `refersTo`, `href`, `source` and `as`.
    targets: Vec<String>,
    /// Words of the text outside `meta` and outside notes, in order.
    main_words: Vec<String>,
    /// Words of each `authorialNote`, in document order.
    notes: Vec<Vec<String>>,
    /// Number of `noteRef` elements.
    note_refs: usize,
}

/// Inline elements: their boundaries do not separate words.
const INLINE: &[&str] = &[
    "b",
    "i",
    "inline",
    "docTitle",
    "docketNumber",
    "docNumber",
    "docDate",
    "docStage",
    "docType",
    "docProponent",
    "person",
    "organization",
    "noteRef",
    "authorialNote",
    "docAuthority",
];

fn parse(xml: &str) -> Parsed {
    let mut reader = Reader::from_str(xml);
    let mut parsed = Parsed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut main = String::new();
    let mut note_text: Option<(usize, String)> = None;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            let in_meta = stack.iter().any(|s| s == "meta") || name == "meta";
            for attr in e.attributes() {
                let attr = attr.expect("attribute");
                let key = String::from_utf8(attr.key.as_ref().to_vec()).unwrap();
                let value = attr.unescape_value().expect("escaped value").into_owned();
                match key.as_str() {
                    "eId" => {
                        parsed.eids.push((name.clone(), value));
                        parsed.in_meta.push(in_meta);
                    }
                    "refersTo" | "href" | "source" | "as" => {
                        for v in value.split_whitespace() {
                            if let Some(id) = v.strip_prefix('#') {
                                parsed.targets.push(id.to_string());
                            }
                        }
                    }
                    _ => {}
                }
            }
            let sink = match &mut note_text {
                Some((_, text)) => Some(text),
                None if !in_meta => Some(&mut main),
                None => None,
            };
            if let Some(sink) = sink {
                if !INLINE.contains(&name.as_str()) {
                    sink.push(' ');
                }
            }
            if name == "noteRef" {
                parsed.note_refs += 1;
            }
            if name == "authorialNote" && !empty {
                note_text = Some((stack.len(), String::new()));
            }
            if !empty {
                stack.push(name);
            }
            continue;
        }
        match event {
            Event::End(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                stack.pop();
                if name == "authorialNote" {
                    if let Some((_, text)) = note_text.take_if(|(d, _)| *d == stack.len()) {
                        parsed.notes.push(words(&text));
                    }
                } else if !INLINE.contains(&name.as_str()) {
                    match &mut note_text {
                        Some((_, text)) => text.push(' '),
                        None => main.push(' '),
                    }
                }
            }
            Event::Text(t) => {
                let text = t.unescape().expect("escaped text");
                let in_meta = stack.iter().any(|s| s == "meta");
                match &mut note_text {
                    Some((_, note)) => note.push_str(&text),
                    None if !in_meta => main.push_str(&text),
                    None => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    parsed.main_words = words(&main);
    parsed
}

/// A paragraph's text as the XML shows it: a call of a known note is replaced by the note
/// itself (checked separately), other calls keep their marker; characters XML forbids are
/// spaces.
fn visible_text(para: &Para, footnotes: usize, in_note: bool) -> String {
    let mut out = String::new();
    for inline in &para.inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::NoteRef { note: Some(i), .. } if *i < footnotes && !in_note => {}
            Inline::NoteRef { marker, .. } => out.push_str(marker),
            Inline::LineBreak => out.push(' '),
        }
    }
    xml_safe(&out).into_owned()
}

/// The model's words outside footnotes, in reading order.
fn expected_main_words(m: &Motion) -> Vec<String> {
    let notes: Vec<*const Para> = m
        .footnotes
        .iter()
        .flat_map(|f| f.content.iter().map(|p| p as *const Para))
        .collect();
    m.text_in_order()
        .into_iter()
        .filter(|p| !notes.contains(&(*p as *const Para)))
        .flat_map(|p| words(&visible_text(p, m.footnotes.len(), false)))
        .collect()
}

/// The notes in the order the XML must hold them: by first call outside notes, then the
/// never-called ones in their own order.
fn expected_notes(m: &Motion) -> Vec<Vec<String>> {
    let notes: Vec<*const Para> = m
        .footnotes
        .iter()
        .flat_map(|f| f.content.iter().map(|p| p as *const Para))
        .collect();
    let mut order: Vec<usize> = Vec::new();
    for p in m.text_in_order() {
        if notes.contains(&(p as *const Para)) {
            continue;
        }
        for inline in &p.inlines {
            if let Inline::NoteRef { note: Some(i), .. } = inline {
                if *i < m.footnotes.len() && !order.contains(i) {
                    order.push(*i);
                }
            }
        }
    }
    let unused: Vec<usize> = (0..m.footnotes.len())
        .filter(|i| !order.contains(i))
        .collect();
    order.extend(unused);
    order
        .into_iter()
        .map(|i| {
            m.footnotes[i]
                .content
                .iter()
                .flat_map(|p| words(&visible_text(p, m.footnotes.len(), true)))
                .collect()
        })
        .collect()
}

/// Words the XML may add: numbers, cover data shown as it is (number, date, kind, authors,
/// groups, replaced motions, the procedure in brackets).
fn allowed_extra_words(m: &Motion) -> BTreeSet<String> {
    harness::label_and_cover_texts(m)
        .iter()
        .flat_map(|t| words(&xml_safe(t)))
        .collect()
}

/// Naming Convention shape of a content eId: optional `preface`/`preamble`/`conclusions`
/// prefix, then `abbr_num` parts joined by `__` (with `intro`/`wrapup` as bare prefixes), the
/// number made of letters and digits joined by `-`, optionally `_k` for a repeated number.
fn nc_shaped(eid: &str) -> bool {
    let mut parts: Vec<&str> = eid.split("__").collect();
    if matches!(
        parts.first(),
        Some(&("preface" | "preamble" | "conclusions"))
    ) {
        parts.remove(0);
    }
    let Some(last) = parts.last() else {
        return false;
    };
    let part_ok = |part: &str| {
        let mut bits = part.splitn(3, '_');
        let abbr = bits.next().unwrap_or("");
        let number = bits.next().unwrap_or("");
        let repeat = bits.next();
        !abbr.is_empty()
            && abbr.chars().all(|c| c.is_ascii_alphabetic())
            && !number.is_empty()
            && number
                .split('-')
                .all(|s| !s.is_empty() && s.chars().all(char::is_alphanumeric))
            && repeat.is_none_or(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
    };
    !matches!(*last, "intro" | "wrapup")
        && parts
            .iter()
            .all(|p| matches!(*p, "intro" | "wrapup") || part_ok(p))
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn every_variant_validates_against_the_official_schema_and_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<(String, String)> = variants()
        .iter()
        .map(|(name, m)| (name.to_string(), xml_of(m)))
        .collect();
    let files = write_all(dir.path(), &docs);
    assert_valid_against_both(&files);
}

#[test]
fn eids_are_unique_nc_shaped_and_every_reference_resolves() {
    for (name, motion) in variants() {
        let xml = xml_of(&motion);
        let parsed = parse(&xml);
        let mut seen = BTreeMap::new();
        for (element, eid) in &parsed.eids {
            if let Some(first) = seen.insert(eid.clone(), element.clone()) {
                panic!("{name}: eId {eid} on both {first} and {element}");
            }
        }
        for ((element, eid), in_meta) in parsed.eids.iter().zip(&parsed.in_meta) {
            if *in_meta {
                assert!(
                    !eid.contains('_')
                        && eid
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '.' || c == '-'),
                    "{name}: reference id {eid} on {element}"
                );
            } else {
                assert!(
                    nc_shaped(eid),
                    "{name}: eId {eid} on {element} is not NC-shaped"
                );
            }
        }
        for target in &parsed.targets {
            assert!(
                seen.contains_key(target),
                "{name}: #{target} points nowhere"
            );
        }
        let paragraphs = parsed.eids.iter().filter(|(e, _)| e == "paragraph");
        for ((_, eid), p) in paragraphs.zip(motion.paragraphs()) {
            let cleaned = motion_export::vocab::eid::clean_num(&p.num.value);
            if !cleaned.is_empty() {
                assert!(
                    eid == &format!("para_{cleaned}")
                        || eid.starts_with(&format!("para_{cleaned}_")),
                    "{name}: paragraph {:?} got {eid}",
                    p.num.text
                );
            }
        }
    }
}

#[test]
fn rich_motion_has_the_expected_shape() {
    let xml = xml_of(&harness::rich_motion());
    let parsed = parse(&xml);
    let ids: Vec<&str> = parsed.eids.iter().map(|(_, id)| id.as_str()).collect();
    for id in [
        "sd",
        "vertsale",
        "ep",
        "converter",
        "rules1445and1324",
        "preface__p_1",
        "preface__longTitle_1",
        "preamble__formula_1",
        "preamble__cits_1__cit_2",
        "preamble__recs_1__rec_B",
        "hcontainer_1",
        "hcontainer_2",
        "para_1",
        "para_1__p_1__authorialNote_1",
        "para_2__intro__p_1",
        "para_2__point_b__point_ii",
        "para_2__wrapup__p_1",
        "para_3",
    ] {
        assert!(ids.contains(&id), "no eId {id} in {ids:?}");
    }
    for fragment in [
        r#"<statement name="jointMotionForResolution" contains="originalVersion">"#,
        r#"<FRBRthis value="/akn/eu/statement/jointMotionForResolution/ep/2021-02-09/RC-B9-0146-2021/!main"/>"#,
        r#"<FRBRuri value="/akn/eu/statement/jointMotionForResolution/ep/2021-02-09/RC-B9-0146-2021/eng@2021-02-09"/>"#,
        r#"<FRBRdate date="2021-02-09" name="tabling"/>"#,
        r#"<FRBRlanguage language="eng"/>"#,
        r#"<TLCOrganization eId="sd" href="/akn/ontology/organization/eu/ep/politicalGroup/sd" showAs="S&amp;D"/>"#,
        r##"<docProponent refersTo="#sd" as="#author">on behalf of the S&amp;D Group</docProponent>"##,
        r##"<inline name="legalBasis" refersTo="#rules1445and1324">Rules 144(5) and 132(4)</inline>"##,
        r#"<hcontainer eId="hcontainer_1" name="crossHeading">"#,
        r#"<b>Calls on</b>"#,
        r#"<i>Enhanced Partnership</i>"#,
        r#"2015<authorialNote eId="para_1__p_1__authorialNote_1" marker="1" placement="bottom"><p eId="para_1__p_1__authorialNote_1__p_1">Judgment"#,
        r#"<formula eId="preamble__formula_1" name="enactingFormula">"#,
        r#"&amp; the region &lt;test&gt;"#,
    ] {
        assert!(xml.contains(fragment), "missing {fragment}\n{xml}");
    }
}

#[test]
fn no_word_is_lost_or_reordered() {
    for (name, motion) in variants() {
        check_text_and_ids(name, &motion, &xml_of(&motion));
    }
}

/// The words of the model, in order, in the text of the XML (notes checked one by one), and
/// eIds unique.
pub(crate) fn check_text_and_ids(name: &str, motion: &Motion, xml: &str) {
    let parsed = parse(xml);
    let allowed = allowed_extra_words(motion);
    harness::assert_words_in_order(
        &format!("{name} (main text)"),
        &expected_main_words(motion),
        &parsed.main_words,
        |w| allowed.contains(w),
    );
    let notes = expected_notes(motion);
    assert_eq!(
        parsed.notes.len(),
        notes.len(),
        "{name}: one authorialNote per footnote"
    );
    for (i, (got, want)) in parsed.notes.iter().zip(&notes).enumerate() {
        assert_eq!(got, want, "{name}: note {i}");
    }
    let unique: BTreeSet<&String> = parsed.eids.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), parsed.eids.len(), "{name}: repeated eIds");
}

#[test]
fn notes_are_placed_at_their_first_call_and_referenced_after() {
    let xml = xml_of(&notes());
    let parsed = parse(&xml);
    assert_eq!(parsed.note_refs, 2, "second call of note 2 and of note 4");
    assert!(xml.contains("Lactalis"), "note 1 text");
    assert!(xml.contains("[9]"), "unresolved call keeps its marker");
    assert!(xml.contains("[10]"), "out-of-range call keeps its marker");
    let unused = xml.find(r#"<container eId="conclusions__container_1" name="footnotes">"#);
    let fifth = xml.find("Fifth note, never called.");
    let third = xml.find("Third note, called from note four only.");
    assert!(
        unused.is_some() && fifth > unused && third > unused,
        "{xml}"
    );
}

#[test]
fn exporting_twice_gives_the_same_bytes() {
    for (name, motion) in variants() {
        let a = export(&motion, &XmlOptions::default()).unwrap();
        let b = export(&motion.clone(), &XmlOptions::default()).unwrap();
        assert!(a == b, "{name}: two exports differ");
    }
}

#[test]
fn dates_come_from_the_text_then_the_options_never_the_clock() {
    let mut motion = minimal();
    let xml = xml_of(&motion);
    assert!(xml.contains(r#"<FRBRdate date="1970-01-01" name="unknown"/>"#));
    assert!(xml.contains("/ep/1970-01-01/minimal/eng@1970-01-01"));
    assert!(
        !xml.contains("<lifecycle"),
        "no tabling event without a date"
    );
    let options = XmlOptions {
        fallback_date: Date::new(2024, 5, 17),
    };
    let xml = String::from_utf8(export(&motion, &options).unwrap()).unwrap();
    assert!(xml.contains(r#"<FRBRdate date="2024-05-17" name="unknown"/>"#));
    assert!(!xml.contains("1970"));
    motion.cover.date = Some(located(Date::new(2021, 2, 9).unwrap()));
    let xml = String::from_utf8(export(&motion, &options).unwrap()).unwrap();
    assert!(xml.contains(r#"<FRBRdate date="2021-02-09" name="tabling"/>"#));
    assert!(!xml.contains("2024"), "the text's date wins");
}

#[test]
fn a_motion_without_operative_paragraphs_is_incomplete() {
    let mut motion = harness::rich_motion();
    motion.body.retain(|i| matches!(i, BodyItem::Heading(_)));
    for m in [motion, Motion::default()] {
        assert_eq!(
            export(&m, &XmlOptions::default()),
            Err(ExportError::Incomplete {
                format: Format::Xml,
                missing: "operative paragraph"
            })
        );
    }
}

#[test]
fn huge_and_deep_motions_export_without_trouble() {
    let mut motion = harness::rich_motion();
    let mut deep = point("(a)", "a", "bottom");
    for _ in 0..200 {
        deep = Point {
            num: num("(a)", "a"),
            content: vec![para("level")],
            points: vec![deep],
            span: span(),
        };
    }
    let mut p = paragraph("9", "Deep:");
    p.points = vec![deep];
    motion.body.push(BodyItem::Paragraph(p));
    for i in 0..3000 {
        motion.body.push(BodyItem::Paragraph(paragraph(
            "7",
            &format!("Same number {i}."),
        )));
    }
    let xml = xml_of(&motion);
    let parsed = parse(&xml);
    let unique: BTreeSet<&String> = parsed.eids.iter().map(|(_, id)| id).collect();
    assert_eq!(unique.len(), parsed.eids.len());
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path(), &[("huge".into(), xml)]);
    assert_valid_against_both(&files);
}

/// The profile is a real restriction: documents the official schema accepts but that break
/// the profile's rules are rejected.
#[test]
fn the_profile_rejects_what_it_tightens() {
    let good = xml_of(&harness::rich_motion());
    let mutations: [(&str, &str, &str); 8] = [
        (
            "statement_name",
            r#"name="jointMotionForResolution""#,
            r#"name="somethingElse""#,
        ),
        ("paragraph_without_num", "<num>3.</num>", ""),
        (
            "paragraph_without_eid",
            r#"<paragraph eId="para_3">"#,
            "<paragraph>",
        ),
        ("eid_not_nc", r#"eId="para_3""#, r#"eId="paragraph-three""#),
        (
            "two_letter_language",
            r#"language="eng""#,
            r#"language="en""#,
        ),
        (
            "datetime",
            r#"<FRBRdate date="2021-02-09" name="tabling"/>"#,
            r#"<FRBRdate date="2021-02-09T10:00:00" name="tabling"/>"#,
        ),
        (
            "unknown_attribute",
            r#"<paragraph eId="para_3">"#,
            r#"<paragraph eId="para_3" class="x">"#,
        ),
        ("unknown_element", "<b>Calls on</b>", "<u>Calls on</u>"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let good_file = write_all(dir.path(), &[("good".into(), good.clone())]);
    assert_valid_against_both(&good_file);
    for (name, from, to) in mutations {
        assert!(good.contains(from), "{name}: {from} not in the output");
        let bad = good.replacen(from, to, 1);
        let file = write_all(dir.path(), &[(name.into(), bad)]);
        assert!(
            validate_all(&file, &harness::akn_xsd()).is_ok(),
            "{name}: the official schema should accept it"
        );
        assert!(
            validate_all(&file, &profile_xsd()).is_err(),
            "{name}: the profile should reject it"
        );
    }
}

/// The reference example validates against the official schema; the profile rejects it only
/// for the reasons schemas/README.md gives.
#[test]
fn the_reference_example_and_the_profile() {
    let example = harness::shared_dir().join("reference/akn30/example-motion.xml");
    assert!(validate_all(std::slice::from_ref(&example), &harness::akn_xsd()).is_ok());
    let text = std::fs::read_to_string(&example).unwrap();
    // The example's only departures from the profile, as README.md lists them: a `date`
    // inline, a Manifestation date named `conversion`, an eId on the lifecycle event, and
    // proprietary data in another namespace.
    let adapted = text
        .replace(r#"<date date="2021-01-10">10 January 2021</date>"#, "10 January 2021")
        .replace(r#"name="conversion""#, r#"name="tabling""#)
        .replace(r#"eId="lifecycle__eventRef_1" "#, "")
        .replace(
            r#"<epx:procedure xmlns:epx="urn:x-motion-akn:ep:1.0" type="RSP" rule="144">2021/2544(RSP)</epx:procedure>"#,
            r#"<epx:motion xmlns:epx="urn:x-motion-export:ep:1.0" kind="motionForResolution" sourceName="B9-0146-2021_EN"><epx:procedure>2021/2544(RSP)</epx:procedure></epx:motion>"#,
        );
    assert_ne!(adapted, text);
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(
        dir.path(),
        &[("example".into(), text), ("adapted".into(), adapted)],
    );
    assert!(
        validate_all(&files[..1], &profile_xsd()).is_err(),
        "the profile is stricter than the example; update schemas/README.md if this changes"
    );
    if let Err(report) = validate_all(&files[1..], &profile_xsd()) {
        panic!("the example, adapted as README.md says, is invalid:\n{report}");
    }
}

/// Every sample and every corpus motion, read and exported, keeps every word and validates
/// against both schemas.
#[test]
fn samples_and_corpus_convert_to_valid_xml() {
    let mut inputs = harness::corpus_files();
    if harness::repo_root().join("samples").is_dir() {
        inputs.extend(harness::sample_files());
    }
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    let mut failures = Vec::new();
    for (i, path) in inputs.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let parsed = harness::reader_only(&text, &stem);
        match export(&parsed.motion, &XmlOptions::default()) {
            Ok(xml) => {
                let xml = String::from_utf8(xml).unwrap();
                check_text_and_ids(&stem, &parsed.motion, &xml);
                docs.push((format!("{i:03}-{stem}"), xml));
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "exports failed:\n{}",
        failures.join("\n")
    );
    let files = write_all(dir.path(), &docs);
    assert_valid_against_both(&files);
}
