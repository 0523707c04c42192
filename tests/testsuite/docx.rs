//! DOCX export: a sound package (well-formed parts, deflate, fixed timestamps, same bytes every
//! time), every word of the motion in order, one named style per part, real footnotes, and
//! python-docx reading it all back. `MOTION_EXPORT_OFFICE=1` adds LibreOffice's reading.

use crate::harness::{self, words};
use motion_export::export::docx::{self, DocxOptions, StyleKind, CITATION_DASH, STYLES};
use motion_export::export::meta::DocMeta;
use motion_export::model::*;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Reading a DOCX back

/// The python script with the independent readers (zipfile, python-docx).
pub(crate) fn check_script() -> PathBuf {
    harness::repo_root().join("tests/docx_check.py")
}

/// A DOCX written to disk and unpacked by Python's zipfile.
pub(crate) struct Unpacked {
    /// The folder holding the DOCX files, kept while any of them is in use.
    _dir: std::rc::Rc<tempfile::TempDir>,
    docx: PathBuf,
    /// The zip entries as zipfile lists them.
    entries: Vec<Value>,
}

impl Unpacked {
    fn part_path(&self, name: &str) -> PathBuf {
        self.docx.with_extension("parts").join(name)
    }

    pub(crate) fn part(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.part_path(name)).ok()
    }

    fn names(&self) -> Vec<&str> {
        self.entries
            .iter()
            .map(|e| e["name"].as_str().unwrap())
            .collect()
    }
}

/// Writes the DOCX files and unpacks them with one run of the script.
pub(crate) fn unpack_all(docs: &[Vec<u8>]) -> Vec<Unpacked> {
    let dir = std::rc::Rc::new(tempfile::tempdir().unwrap());
    let paths: Vec<PathBuf> = (0..docs.len())
        .map(|i| dir.path().join(format!("doc{i:03}.docx")))
        .collect();
    for (path, bytes) in paths.iter().zip(docs) {
        std::fs::write(path, bytes).unwrap();
    }
    let mut args: Vec<std::ffi::OsString> = vec![check_script().into(), "extract".into()];
    args.extend(paths.iter().map(|p| p.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out: Value = serde_json::from_str(&harness::run_tool("python3", &args)).unwrap();
    paths
        .into_iter()
        .map(|docx| Unpacked {
            _dir: dir.clone(),
            entries: out[docx.to_str().unwrap()].as_array().unwrap().clone(),
            docx,
        })
        .collect()
}

pub(crate) fn unpack(bytes: &[u8]) -> Unpacked {
    unpack_all(&[bytes.to_vec()]).pop().unwrap()
}

/// xmllint finds every part of every package well-formed (one run for all).
pub(crate) fn assert_well_formed(packages: &[Unpacked]) {
    let mut args: Vec<std::ffi::OsString> = vec!["--noout".into(), "--nonet".into()];
    for u in packages {
        args.extend(u.names().iter().map(|n| u.part_path(n).into_os_string()));
    }
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    harness::run_tool("xmllint", &args);
}

/// A paragraph as read from WordprocessingML.
#[derive(Debug, Default, Clone)]
struct DocPara {
    style: String,
    text: String,
    page_break_before: bool,
    /// The paragraph itself says to keep it with the next (`w:keepNext` in its `w:pPr`).
    keep_next: bool,
    /// Footnote references: id, and whether the motion's own mark follows.
    refs: Vec<(String, bool)>,
    /// The first run is in the footnote-reference style (a note's marker).
    starts_with_mark: bool,
    /// Id of the `w:footnote` holding the paragraph, in footnotes.xml.
    note: Option<String>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| a.unescape_value().unwrap().into_owned())
}

/// The paragraphs of a document, header, footer or footnotes part, with their style, text (tabs
/// and breaks as whitespace) and footnote references. Footnotes of type separator are skipped.
fn read_paragraphs(xml: &str) -> Vec<DocPara> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut para: Option<DocPara> = None;
    let (mut in_text, mut in_run, mut in_rpr, mut runs) = (false, false, false, 0usize);
    let mut note: Option<String> = None;
    let mut skip_note = false;
    // Word's own numbers: of numbered references in the text, and of the notes in their part.
    let (mut numbered_refs, mut notes_seen) = (0usize, 0usize);
    loop {
        let event = reader.read_event().expect("well-formed XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:footnote" => {
                        note = attr(e, "w:id");
                        skip_note = attr(e, "w:type").is_some();
                        if !skip_note {
                            notes_seen += 1;
                        }
                    }
                    b"w:footnoteRef" => push_text(&mut para, &notes_seen.to_string()),
                    b"w:p" if !skip_note => {
                        para = Some(DocPara {
                            note: note.clone(),
                            ..DocPara::default()
                        });
                        runs = 0;
                    }
                    b"w:pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    b"w:pageBreakBefore" => {
                        if let Some(p) = para.as_mut() {
                            p.page_break_before = true;
                        }
                    }
                    b"w:keepNext" => {
                        if let Some(p) = para.as_mut() {
                            p.keep_next = true;
                        }
                    }
                    b"w:r" if !empty => {
                        in_run = true;
                        runs += 1;
                    }
                    b"w:rPr" if in_run && !empty => in_rpr = true,
                    b"w:rStyle" if in_rpr => {
                        if let Some(p) = para.as_mut() {
                            if runs == 1 && attr(e, "w:val").as_deref() == Some("FootnoteReference")
                            {
                                p.starts_with_mark = true;
                            }
                        }
                    }
                    b"w:t" if in_run && !empty => in_text = true,
                    b"w:tab" if in_run => push_text(&mut para, "\t"),
                    b"w:br" if in_run => push_text(&mut para, "\n"),
                    b"w:footnoteReference" => {
                        if let Some(p) = para.as_mut() {
                            let id = attr(e, "w:id").expect("footnote reference id");
                            let custom = attr(e, "w:customMarkFollows").as_deref() == Some("1");
                            p.refs.push((id, custom));
                            if !custom {
                                numbered_refs += 1;
                                p.text.push_str(&numbered_refs.to_string());
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = t.unescape().expect("text");
                push_text(&mut para, &text);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:rPr" => in_rpr = false,
                b"w:r" => in_run = false,
                b"w:p" => out.extend(para.take()),
                b"w:footnote" => {
                    note = None;
                    skip_note = false;
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn push_text(para: &mut Option<DocPara>, text: &str) {
    if let Some(p) = para.as_mut() {
        p.text.push_str(text);
    }
}

/// Style ids and names defined in styles.xml, and the language of the document defaults.
fn read_styles(xml: &str) -> (BTreeMap<String, String>, Option<String>) {
    let mut reader = Reader::from_str(xml);
    let (mut styles, mut lang, mut current) = (BTreeMap::new(), None, None::<String>);
    loop {
        match reader.read_event().expect("well-formed styles") {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:style" => current = attr(&e, "w:styleId"),
                b"w:name" => {
                    if let Some(id) = current.take() {
                        styles.insert(id, attr(&e, "w:val").unwrap_or_default());
                    }
                }
                b"w:lang" if lang.is_none() => lang = attr(&e, "w:val"),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    (styles, lang)
}

// ---------------------------------------------------------------------------------------------
// What the model says the document must hold

/// The first call of each note that can be called (it exists, its marker shows something), in
/// reading order: the call's position in its paragraph, note index and marker.
fn first_calls(m: &Motion) -> Vec<(*const Inline, usize, String)> {
    let mut seen = vec![false; m.footnotes.len()];
    let mut out = Vec::new();
    for para in harness::main_text(m) {
        for inline in &para.inlines {
            if let Inline::NoteRef {
                marker,
                note: Some(i),
            } = inline
            {
                if *i < seen.len() && !clean(marker).trim().is_empty() && !seen[*i] {
                    seen[*i] = true;
                    out.push((inline as *const Inline, *i, marker.to_string()));
                }
            }
        }
    }
    out
}

/// A marker without its brackets or parentheses.
fn bare(marker: &str) -> String {
    marker
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')'])
        .to_string()
}

/// Word numbers the notes itself when the k-th call and its note are both marked k.
fn word_numbers_notes(m: &Motion) -> bool {
    first_calls(m)
        .iter()
        .enumerate()
        .all(|(k, (_, i, marker))| {
            bare(marker) == (k + 1).to_string()
                && bare(&m.footnotes[*i].marker) == (k + 1).to_string()
        })
}

/// Which footnotes the text calls.
fn called_notes(m: &Motion) -> Vec<bool> {
    let mut called = vec![false; m.footnotes.len()];
    for (_, i, _) in first_calls(m) {
        called[i] = true;
    }
    called
}

/// The kind the cover shows: as written, else the first of the language's words for it.
fn cover_kind(m: &Motion) -> Option<String> {
    if let Some(k) = &m.cover.kind_text {
        return Some(k.value.clone());
    }
    let p = motion_export::lang::profile(&m.lang)?;
    let words = match m.cover.kind {
        DocKind::MotionForResolution => &p.kind_motion,
        DocKind::JointMotionForResolution => &p.kind_joint,
        DocKind::TextAdopted => &p.kind_adopted,
    };
    words.first().cloned()
}

/// The paragraphs the document must have, in order: style id and how the text starts (a number
/// or dash and a tab for numbered parts, a tab for their further paragraphs).
fn expected_paragraphs(m: &Motion) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let c = &m.cover;
    let line = |out: &mut Vec<_>, style, text: &str| out.push((style, clean(text)));
    // The Parliament's order: the masthead and the plenary-sitting line, number and date, kind, request and Rule lines, "replacing the
    // following motions:" and the motions, title and procedure, authors by group, the rest.
    let label = harness::replacing_label(m);
    let first = c.doc_number.as_ref().map(|n| n.span.start);
    let above = |p: &Para| first.is_some_and(|f| p.span.start < f);
    let others = |out: &mut Vec<_>, top: bool| {
        let count = c
            .other
            .iter()
            .filter(|p| Some(*p) != label && above(p) == top);
        out.extend(count.map(|_| ("MotionCoverOther", String::new())));
    };
    let masthead = [
        ("MotionCoverMasthead", &c.institution),
        ("MotionCoverTerm", &c.term),
        ("MotionCoverSitting", &c.sitting),
    ];
    for (style, field) in masthead {
        if let Some(f) = field {
            line(&mut out, style, &f.value);
        }
    }
    others(&mut out, true);
    if let Some(n) = &c.doc_number {
        line(&mut out, "MotionCoverNumber", &n.value);
    }
    if let Some(d) = &c.date {
        let d = d.value;
        line(
            &mut out,
            "MotionCoverDate",
            &format!("{}.{}.{}", d.day, d.month, d.year),
        );
    }
    if let Some(k) = cover_kind(m) {
        line(&mut out, "MotionCoverKind", &k);
    }
    let paras = |out: &mut Vec<_>, style, ps: &mut dyn Iterator<Item = &Para>| {
        for _ in ps {
            out.push((style, String::new()));
        }
    };
    paras(&mut out, "MotionCoverRequest", &mut c.request.iter());
    match (&c.rule_line, &c.rule) {
        (Some(_), _) => out.push(("MotionCoverRule", String::new())),
        (None, Some(r)) => line(&mut out, "MotionCoverRule", &r.value),
        _ => {}
    }
    paras(&mut out, "MotionCoverReplacing", &mut label.into_iter());
    let blank = |r: &&ReplacedMotion| {
        r.number.trim().is_empty() && r.group.iter().all(|g| g.trim().is_empty())
    };
    for r in c.replaces.iter().filter(|r| !blank(r)) {
        line(&mut out, "MotionCoverReplaces", &r.number);
    }
    paras(&mut out, "MotionCoverTitle", &mut c.title.iter());
    if let Some(p) = &c.procedure {
        let in_title = c.title.iter().any(|t| t.plain_text().contains(&p.value));
        if !in_title {
            line(&mut out, "MotionCoverProcedure", &format!("({})", p.value));
        }
    }
    for g in &c.authors {
        if !g.members.is_empty() {
            line(&mut out, "MotionCoverAuthors", &g.members[0]);
        }
        if let Some(l) = g.group_line.as_ref().or(g.group.as_ref()) {
            line(&mut out, "MotionCoverGroup", l);
        }
    }
    others(&mut out, false);
    if let Some(n) = &c.pe_number {
        line(&mut out, "MotionCoverPeNumber", &n.value);
    }
    paras(&mut out, "MotionTitle", &mut m.title.iter());
    paras(&mut out, "MotionTitleNote", &mut m.title_notes.iter());
    paras(&mut out, "MotionFormula", &mut m.formula.iter());
    fn numbered(out: &mut Vec<(&'static str, String)>, style: &'static str, num: &str, n: usize) {
        out.push((style, format!("{}\t", clean(num))));
        for _ in 1..n {
            out.push((style, "\t".into()));
        }
    }
    fn points(out: &mut Vec<(&'static str, String)>, ps: &[Point], level: usize) {
        const STYLE: [&str; 3] = ["MotionPoint1", "MotionPoint2", "MotionPoint3"];
        for p in ps {
            numbered(out, STYLE[level.min(2)], &p.num.text, p.content.len());
            points(out, &p.points, level + 1);
        }
    }
    for cit in &m.citations {
        numbered(&mut out, "MotionCitation", CITATION_DASH, cit.content.len());
    }
    paras(&mut out, "MotionFormula", &mut m.recitals_intro.iter());
    for r in &m.recitals {
        numbered(&mut out, "MotionRecital", &r.num.text, r.content.len());
        points(&mut out, &r.points, 0);
    }
    paras(&mut out, "MotionFormula", &mut m.body_intro.iter());
    for item in &m.body {
        match item {
            BodyItem::Heading(_) => out.push(("MotionHeading", String::new())),
            BodyItem::Paragraph(p) => {
                numbered(&mut out, "MotionParagraph", &p.num.text, p.content.len());
                points(&mut out, &p.points, 0);
                paras(&mut out, "MotionWrapUp", &mut p.wrap_up.iter());
            }
        }
    }
    let called = called_notes(m);
    for (note, called) in m.footnotes.iter().zip(called) {
        if !called {
            out.push(("FootnoteText", clean(&note.marker)));
            for _ in 1..note.content.len() {
                out.push(("FootnoteText", String::new()));
            }
        }
    }
    paras(&mut out, "MotionTrailing", &mut m.trailing.iter());
    if out.is_empty() {
        out.push(("MotionTrailing", String::new()));
    }
    out
}

/// Words the document may show beyond the motion's text: numbers, the citation dash, and the
/// cover lines that are data rather than text (document number, date, names, groups...).
fn allowed_extra_words(m: &Motion) -> Vec<String> {
    let mut texts = harness::label_and_cover_texts(m);
    texts.push(CITATION_DASH.into());
    texts.iter().flat_map(|t| words(&clean(t))).collect()
}

/// What the exporter does to text: characters XML forbids and control whitespace become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') || !motion_export::vocab::chars::is_xml_char(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The motion's words as the document shows them, without the footnotes: cleaned as the exporter
/// cleans text, and with Word's number in place of a call's marker when Word numbers the notes.
fn main_words(m: &Motion) -> Vec<String> {
    if !word_numbers_notes(m) {
        let mut m = m.clone();
        m.footnotes.clear();
        return harness::paged_motion_words(&m)
            .iter()
            .flat_map(|w| words(&clean(w)))
            .collect();
    }
    words(&shown_text(m))
}

/// The text of [`main_words`], paragraph after paragraph.
fn shown_text(m: &Motion) -> String {
    let numbered = word_numbers_notes(m);
    let calls = first_calls(m);
    let mut out = String::new();
    let notes: Vec<&Para> = m.footnotes.iter().flat_map(|n| &n.content).collect();
    let main = harness::paged_text_in_order(m).into_iter();
    for para in main.filter(|p| !notes.iter().any(|n| std::ptr::eq(*n, *p))) {
        let mut text = String::new();
        for inline in &para.inlines {
            match inline {
                Inline::Text { text: t, .. } => text.push_str(t),
                Inline::NoteRef { marker, .. } => {
                    let call = calls.iter().find(|(at, _, _)| std::ptr::eq(*at, inline));
                    match call {
                        Some(_) if numbered => text.push_str(&bare(marker)),
                        _ => text.push_str(marker),
                    }
                }
                Inline::LineBreak => text.push(' '),
            }
        }
        out.push_str(&clean(&text));
        out.push('\n');
    }
    out
}

/// What a PDF's text makes of some characters: a non-breaking hyphen reads as a hyphen, a
/// zero-width no-break space (a stray byte-order mark) is not there.
fn as_pdf_text(text: &str) -> String {
    text.replace('\u{2011}', "-").replace('\u{feff}', "")
}

/// `text` with the footnote calls' marks made words of their own, so that a PDF's text, which
/// may or may not put a space before a raised mark, compares with the motion's: with Word's
/// numbers every digit becomes a word (on both sides alike), with the motion's marks each mark.
fn isolate_marks(m: &Motion, text: &str) -> String {
    if word_numbers_notes(m) {
        let mut out = String::with_capacity(text.len() * 2);
        for c in text.chars() {
            if c.is_ascii_digit() {
                out.extend([' ', c, ' ']);
            } else {
                out.push(c);
            }
        }
        return out;
    }
    let mut out = text.to_string();
    for (_, _, marker) in first_calls(m) {
        let marker = clean(&marker);
        out = out.replace(&marker, &format!(" {marker} "));
    }
    out
}

/// Each footnote's words as its note shows them: its mark (Word's number when Word numbers the
/// notes and the text calls this one), then its text.
fn note_words(m: &Motion) -> Vec<Vec<String>> {
    let called = called_notes(m);
    let numbered = word_numbers_notes(m);
    m.footnotes
        .iter()
        .zip(called)
        .map(|(note, called)| {
            let mark = if called && numbered {
                bare(&note.marker)
            } else {
                note.marker.clone()
            };
            let mut out = words(&clean(&mark));
            for p in &note.content {
                out.extend(words(&clean(&p.plain_text())));
            }
            out
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The checks

fn export(m: &Motion) -> Vec<u8> {
    docx::export(m, &DocxOptions::default()).expect("DOCX export")
}

/// Every check of the DOCX files of `motions`, python-docx's reading included.
pub(crate) fn check_all(motions: &[(&str, &Motion)]) {
    let docs: Vec<Vec<u8>> = motions.iter().map(|(_, m)| export(m)).collect();
    let packages = unpack_all(&docs);
    assert_well_formed(&packages);
    let files: Vec<PathBuf> = packages.iter().map(|u| u.docx.clone()).collect();
    check_ooxml_schemas(&files);
    for ((what, m), u) in motions.iter().zip(&packages) {
        check_package(what, u);
        let document = u.part("word/document.xml").expect("document.xml");
        let body = read_paragraphs(&document);
        check_structure(what, m, &body);
        check_words(what, m, &body, u);
        check_styles(what, m, u, &body);
    }
    let with: Vec<(&str, &Motion, &Unpacked)> = motions
        .iter()
        .zip(&packages)
        .map(|((w, m), u)| (*w, *m, u))
        .collect();
    check_python_docx(&with);
}

/// The parts a Word document needs, deflated, with the fixed timestamp and permissions.
pub(crate) fn check_package(what: &str, u: &Unpacked) {
    let names = u.names();
    for needed in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/header1.xml",
        "word/footer1.xml",
    ] {
        assert!(names.contains(&needed), "{what}: no {needed} in {names:?}");
    }
    // The earliest time a zip can hold: no clock, and the same for every document.
    let fixed = serde_json::json!([1980, 1, 1, 0, 0, 0]);
    for e in &u.entries {
        assert_eq!(e["date_time"], fixed, "{what}: timestamp of {e}");
        assert_eq!(e["compress_type"], 8, "{what}: {e} is not deflated");
        assert_eq!(e["mode"], 0o644, "{what}: permissions of {e}");
    }
}

/// One paragraph per part of the motion, in order, each in its part's style, numbered as the
/// motion numbers it.
fn check_structure(what: &str, m: &Motion, body: &[DocPara]) {
    let expected = expected_paragraphs(m);
    let styles: Vec<&str> = body.iter().map(|p| p.style.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|(s, _)| *s).collect();
    assert_eq!(styles, want, "{what}: paragraph styles");
    // The exporter ties some spaces (no-break spaces): compared as spaces.
    let untied = |t: &str| t.replace('\u{a0}', " ");
    for (p, (style, start)) in body.iter().zip(&expected) {
        assert!(
            untied(&p.text).starts_with(&untied(start)),
            "{what}: a {style} paragraph should start with {start:?}: {:?}",
            p.text
        );
    }
    let cover_len = expected
        .iter()
        .take_while(|(s, _)| s.starts_with("MotionCover"))
        .count();
    for (i, p) in body.iter().enumerate() {
        let first_after_cover = cover_len > 0 && i == cover_len;
        assert_eq!(
            p.page_break_before, first_after_cover,
            "{what}: page break before paragraph {i} ({})",
            p.style
        );
    }
}

/// Every word of the motion, in order, in document.xml; every note whole, as a real footnote when
/// the text calls it.
fn check_words(what: &str, m: &Motion, body: &[DocPara], u: &Unpacked) {
    let main: Vec<String> = body
        .iter()
        .filter(|p| p.style != "FootnoteText")
        .flat_map(|p| words(&p.text))
        .collect();
    let allowed = allowed_extra_words(m);
    harness::assert_words_in_order(what, &main_words(m), &main, |w| {
        allowed.iter().any(|a| a == w)
    });

    // Footnotes: the notes part holds each called note under the id its reference names.
    let notes_xml = u.part("word/footnotes.xml");
    let note_paras = notes_xml
        .as_deref()
        .map(read_paragraphs)
        .unwrap_or_default();
    let refs: Vec<&(String, bool)> = body.iter().flat_map(|p| &p.refs).collect();
    let mut ids: Vec<&str> = note_paras
        .iter()
        .filter_map(|p| p.note.as_deref())
        .collect();
    ids.dedup();
    assert_eq!(
        refs.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ids,
        "{what}: references in document.xml and notes in footnotes.xml"
    );
    let numbered = word_numbers_notes(m);
    assert!(
        refs.iter().all(|(_, custom)| *custom != numbered),
        "{what}: Word numbers the notes: {numbered}; references {refs:?}"
    );
    let called = called_notes(m);
    assert_eq!(
        refs.len(),
        called.iter().filter(|c| **c).count(),
        "{what}: real footnotes"
    );
    assert_eq!(
        notes_xml.is_some(),
        !refs.is_empty(),
        "{what}: footnotes part"
    );

    // Every note, called or not, whole: marker then text.
    let mut read: Vec<Vec<String>> = Vec::new();
    for id in &ids {
        read.push(
            note_paras
                .iter()
                .filter(|p| p.note.as_deref() == Some(id))
                .flat_map(|p| words(&p.text))
                .collect(),
        );
    }
    for p in body.iter().filter(|p| p.style == "FootnoteText") {
        if p.starts_with_mark || read.len() == ids.len() {
            read.push(Vec::new());
        }
        read.last_mut().unwrap().extend(words(&p.text));
    }
    let mut expected = note_words(m);
    expected.sort();
    read.sort();
    assert_eq!(read, expected, "{what}: footnotes");
}

/// Every style used is defined, under the catalogue's names, with the motion's language.
fn check_styles(what: &str, m: &Motion, u: &Unpacked, body: &[DocPara]) {
    let (defined, lang) = read_styles(&u.part("word/styles.xml").unwrap());
    for def in &STYLES {
        assert_eq!(
            defined.get(def.id),
            Some(&def.name.to_string()),
            "{what}: {}",
            def.id
        );
    }
    for p in body {
        assert!(
            defined.contains_key(&p.style),
            "{what}: undefined style {}",
            p.style
        );
    }
    let want = match m.lang.as_str() {
        "en" => Some("en-GB"),
        "el" => Some("el-GR"),
        "bg" => Some("bg-BG"),
        _ => None,
    };
    if let Some(want) = want {
        assert_eq!(lang.as_deref(), Some(want), "{what}: language");
    }
    let header = read_paragraphs(&u.part("word/header1.xml").unwrap());
    assert_eq!(header.len(), 1, "{what}: header");
    assert_eq!(
        header[0].text,
        clean(m.cover.doc_number.as_ref().map_or("", |n| &n.value)),
        "{what}: header, the document number and never the file name"
    );
    let footer = u.part("word/footer1.xml").unwrap();
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{what}: page field"
    );
    let document = u.part("word/document.xml").unwrap();
    let has_cover = expected_paragraphs(m)[0].0.starts_with("MotionCover");
    assert_eq!(
        document.contains("<w:titlePg/>"),
        has_cover,
        "{what}: no header or footer on the cover page only"
    );
}

/// python-docx opens the files and sees the paragraphs, their style names and the properties.
fn check_python_docx(cases: &[(&str, &Motion, &Unpacked)]) {
    let mut args: Vec<std::ffi::OsString> = vec![check_script().into(), "inspect".into()];
    args.extend(
        cases
            .iter()
            .map(|(_, _, u)| u.docx.clone().into_os_string()),
    );
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out: Value = serde_json::from_str(&harness::run_tool("python3", &args)).unwrap();
    for (what, m, u) in cases {
        let doc = &out[u.docx.to_str().unwrap()];
        let names: BTreeMap<&str, &str> = STYLES.iter().map(|s| (s.id, s.name)).collect();
        let expected: Vec<&str> = expected_paragraphs(m)
            .iter()
            .map(|(id, _)| names[id])
            .collect();
        let got: Vec<&str> = doc["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["style"].as_str().unwrap_or("?"))
            .collect();
        assert_eq!(got, expected, "{what}: python-docx paragraph styles");
        for def in STYLES.iter().filter(|s| s.kind == StyleKind::Paragraph) {
            assert_eq!(doc["styles"][def.id], def.name, "{what}: python-docx style");
        }
        let meta = DocMeta::of(m);
        let core = &doc["core"];
        assert_eq!(core["title"], clean(&meta.title), "{what}: title");
        assert_eq!(core["author"], clean(&meta.author), "{what}: creator");
        assert_eq!(core["subject"], clean(&meta.subject), "{what}: subject");
        let date = meta
            .date
            .map_or("1980-01-01".to_string(), |d| d.to_string());
        let when = format!("{date}T00:00:00+00:00");
        assert_eq!(core["created"], when.as_str(), "{what}: created");
        assert_eq!(core["modified"], when.as_str(), "{what}: modified");
        let section = &doc["sections"][0];
        assert_eq!(
            section["page_width"],
            11906 * 635,
            "{what}: A4 width in EMU"
        );
        assert_eq!(
            section["header"][0],
            clean(m.cover.doc_number.as_ref().map_or("", |n| &n.value)),
            "{what}: header"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Motions to export

/// The rich motion, the empty one, and the fixture motions (`tests/fixtures/models/`) made for
/// DOCX: control characters and whitespace controls everywhere text goes, also on the cover;
/// Greek text tagged `el`, Bulgarian tagged `bg`; notes in every state (called, never called,
/// called twice, called with no note, called with an index out of range, called from a footnote,
/// with several paragraphs and none); a note called only from trailing text; numbers as the
/// motion prints them (repeats, gaps, odd forms, empty ones, deep points); every part.
fn cases() -> Vec<(&'static str, Motion)> {
    vec![
        ("rich motion", harness::rich_motion()),
        ("empty motion", Motion::default()),
        ("control characters", harness::model("control_characters")),
        ("Greek", harness::model("rich_greek")),
        ("Bulgarian", harness::model("rich_bulgarian")),
        ("footnote cases", harness::model("footnote_cases")),
        ("trailing text", harness::model("with_trailing")),
        ("duplicate numbers", harness::model("numbering_oddities")),
        ("every part", harness::model("every_part")),
    ]
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn docx_of_hand_built_motions_is_sound_complete_and_styled() {
    let cases = cases();
    let motions: Vec<(&str, &Motion)> = cases.iter().map(|(w, m)| (*w, m)).collect();
    check_all(&motions);
}

#[test]
fn recitals_paragraphs_and_points_carry_their_styles() {
    let m = harness::model("numbering_oddities");
    let u = unpack(&export(&m));
    let body = read_paragraphs(&u.part("word/document.xml").unwrap());
    let with_style = |s: &str| body.iter().filter(|p| p.style == s).count();
    assert_eq!(with_style("MotionRecital"), m.recitals.len());
    assert_eq!(with_style("MotionCitation"), m.citations.len());
    let paragraphs: usize = m.paragraphs().map(|p| p.content.len().max(1)).sum();
    assert_eq!(with_style("MotionParagraph"), paragraphs);
    assert_eq!(with_style("MotionHeading"), m.headings().count());
    assert_eq!(with_style("MotionWrapUp"), 1);
    assert_eq!(with_style("MotionPoint1"), 3);
    assert_eq!(with_style("MotionPoint2"), 2);
    assert_eq!(
        with_style("MotionPoint3"),
        3,
        "third level and the fourth, kept at three"
    );
    let recitals: Vec<&str> = body
        .iter()
        .filter(|p| p.style == "MotionRecital")
        .map(|p| p.text.split('\t').next().unwrap())
        .collect();
    assert_eq!(recitals, ["A.", "B.", "B.", "D.", ""], "numbers as printed");
    let citation = body.iter().find(|p| p.style == "MotionCitation").unwrap();
    assert!(
        citation.text.starts_with("–\thaving regard"),
        "{:?}",
        citation.text
    );
}

#[test]
fn footnotes_are_real_word_footnotes() {
    // The rich motion numbers its one note 1, as Word would: Word numbers it.
    let m = harness::rich_motion();
    let u = unpack(&export(&m));
    let document = u.part("word/document.xml").unwrap();
    let notes = u.part("word/footnotes.xml").expect("footnotes.xml");
    let body = read_paragraphs(&document);
    let call = body
        .iter()
        .find(|p| !p.refs.is_empty())
        .expect("a reference");
    assert_eq!(call.refs, [("1".to_string(), false)], "numbered by Word");
    assert!(document.contains(r#"<w:footnoteReference w:id="1" /></w:r>"#));
    let note = read_paragraphs(&notes);
    assert_eq!(note.len(), 1);
    assert_eq!(note[0].note.as_deref(), Some("1"));
    assert_eq!(note[0].style, "FootnoteText");
    assert!(
        notes.contains("<w:footnoteRef />"),
        "the note shows Word's number"
    );
    assert_eq!(
        note[0].text,
        "1 Judgment of 1\u{a0}October 2020, Groupe Lactalis v Premier ministre, C-485/18, EU:C:2020:763.",
        "the day is tied to its month"
    );
    assert!(notes.contains(r#"w:type="separator""#));
    assert!(notes.contains(r#"w:type="continuationSeparator""#));
    let types = u.part("[Content_Types].xml").unwrap();
    assert!(types.contains(r#"PartName="/word/footnotes.xml""#));
    let rels = u.part("word/_rels/document.xml.rels").unwrap();
    assert!(rels.contains(r#"Target="footnotes.xml""#));
    assert!(
        !body.iter().any(|p| p.style == "FootnoteText"),
        "no note left in the text"
    );

    // Notes called out of sequence keep the motion's own marks, in the text and in the notes.
    let m = harness::model("footnote_cases");
    let u = unpack(&export(&m));
    let body = read_paragraphs(&u.part("word/document.xml").unwrap());
    let refs: Vec<&(String, bool)> = body.iter().flat_map(|p| &p.refs).collect();
    assert_eq!(refs, [&("1".to_string(), true), &("2".to_string(), true)]);
    let recital = body.iter().find(|p| p.text.starts_with("B.")).unwrap();
    assert!(recital
        .text
        .contains("voted;[1] again;[3] unknown[9] out of range[10]\nafter"));
    let notes = read_paragraphs(&u.part("word/footnotes.xml").unwrap());
    let texts: Vec<&str> = notes.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts[1], "3 Calls another note[4]",
        "the note's own marker; calls in notes stay text"
    );
    let uncalled: Vec<&str> = body
        .iter()
        .filter(|p| p.style == "FootnoteText")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        uncalled,
        [
            "2 Never called, first paragraph.",
            "Never called, second paragraph.",
            "4"
        ],
        "notes never called come after the body, whole"
    );
}

#[test]
fn bold_italic_and_line_breaks_are_runs() {
    let m = harness::model("footnote_cases");
    let u = unpack(&export(&m));
    let document = u.part("word/document.xml").unwrap();
    assert!(
        document.contains(r#"<w:b /><w:bCs /></w:rPr><w:t xml:space="preserve">Calls on</w:t>"#)
    );
    assert!(document.contains(
        r#"<w:i /><w:iCs /></w:rPr><w:t xml:space="preserve">Enhanced Partnership</w:t>"#
    ));
    assert!(document.contains(r#"<w:br w:type="textWrapping" />"#));
}

#[test]
fn huge_text_exports() {
    let mut m = harness::rich_motion();
    let long = "whereas a very long recital goes on and on; ".repeat(25_000);
    m.recitals.push(Recital {
        num: harness::num("Z.", "Z"),
        content: vec![harness::para(&long)],
        points: vec![],
        span: harness::span(),
    });
    m.body
        .extend((1..=2000).map(|i| harness::paragraph(i, "Calls on the Commission.")));
    let u = unpack(&export(&m));
    assert_well_formed(std::slice::from_ref(&u));
    let body = read_paragraphs(&u.part("word/document.xml").unwrap());
    assert!(body.iter().any(|p| p.text.len() > long.len()));
    assert_eq!(
        body.iter().filter(|p| p.style == "MotionParagraph").count(),
        2003
    );
}

#[test]
fn same_motion_same_bytes_on_any_thread() {
    let m = harness::model("footnote_cases");
    let first = export(&m);
    assert_eq!(first, export(&m), "twice in a row");
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| (0..3).map(|_| export(&m)).collect::<Vec<_>>());
        let b = s.spawn(|| (0..3).map(|_| export(&m)).collect::<Vec<_>>());
        (a.join().unwrap(), b.join().unwrap())
    });
    for bytes in a.iter().chain(&b) {
        assert!(bytes == &first, "a thread wrote other bytes");
    }
}

#[test]
fn docx_is_small() {
    let bytes = export(&harness::rich_motion());
    assert!(bytes.len() < 20 * 1024, "{} bytes", bytes.len());
    let seed = harness::shared_dir().join("seed/B9-0146-2021_EN.txt");
    let m = harness::read_file(&seed).0;
    let bytes = export(&m);
    assert!(bytes.len() < 20 * 1024, "seed: {} bytes", bytes.len());
}

#[test]
fn options_set_page_font_and_size() {
    use motion_export::export::meta::{PageLayout, Paper};
    let options = DocxOptions {
        page: PageLayout {
            paper: Paper::Letter,
            margin_top_mm: 10.0,
            ..PageLayout::default()
        },
        font_family: "DejaVu Serif & <Co>".into(),
        font_size_pt: 11.0,
    };
    let bytes = docx::export(&harness::rich_motion(), &options).unwrap();
    let u = unpack(&bytes);
    let document = u.part("word/document.xml").unwrap();
    assert!(
        document.contains(r#"<w:pgSz w:w="12240" w:h="15840"/>"#),
        "Letter size"
    );
    assert!(document.contains(r#"w:top="567""#), "10 mm top margin");
    let styles = u.part("word/styles.xml").unwrap();
    assert!(styles.contains(r#"w:ascii="DejaVu Serif &amp; &lt;Co&gt;""#));
    assert!(styles.contains(r#"<w:sz w:val="22"/>"#));
    check_package("options", &u);
    assert_well_formed(&[u]);
}

/// The real motions of the samples and the corpus.
fn real_motions() -> Vec<(String, Motion)> {
    harness::samples_and_corpus()
        .iter()
        .map(|f| (f.display().to_string(), harness::read_file(f).0))
        .collect()
}

#[test]
fn docx_of_corpus_and_samples_is_sound_complete_and_styled() {
    let real = real_motions();
    let motions: Vec<(&str, &Motion)> = real.iter().map(|(w, m)| (w.as_str(), m)).collect();
    check_all(&motions);
}

/// Release-mode timing of the seed: `cargo test --release --test testsuite docx_speed --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn docx_speed() {
    let seed = harness::shared_dir().join("seed/B9-0146-2021_EN.txt");
    for (what, m) in [
        ("seed", harness::read_file(&seed).0),
        ("rich motion", harness::rich_motion()),
    ] {
        let per = harness::best_time_per_call(1000, || export(&m));
        eprintln!("{what}: {per:?} per DOCX, {} bytes", export(&m).len());
    }
}

/// A PDF's words with a word that a line break split after its hyphen (`bid-` `draught`, or
/// `107-` `member` where the expected words hold `107` `-member`) made whole again where the
/// whole word is one of `expected`.
fn join_broken_hyphens(got: Vec<String>, expected: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(got.len());
    let mut words = got.into_iter().peekable();
    while let Some(word) = words.next() {
        if let (Some(stem), Some(next)) = (word.strip_suffix('-'), words.peek()) {
            let joined = format!("{word}{next}");
            let split = format!("-{next}");
            if expected.contains(&joined) {
                out.push(joined);
                words.next();
                continue;
            }
            if !stem.is_empty() && expected.contains(&split) {
                out.extend([stem.to_string(), split]);
                words.next();
                continue;
            }
        }
        out.push(word);
    }
    out
}

/// LibreOffice's justified lines, as `pdftotext -layout` reads them, can set a hyphen it added
/// apart from its word (`funda -`): attached again, so that the word can be joined.
fn attach_line_end_hyphens(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim_end();
            match line.strip_suffix(" -") {
                Some(head) if head.ends_with(char::is_alphabetic) => format!("{head}-"),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// openxml-audit (PyPI, through the check script) checks each DOCX against the Office Open XML
/// schemas (element order included) and Word's semantic rules. Its strict policy also wants a font
/// table and a theme, which Word does not need (the Open XML SDK's own minimal document has
/// neither); any other finding fails.
pub(crate) fn check_ooxml_schemas(files: &[PathBuf]) {
    let mut args: Vec<std::ffi::OsString> = vec![check_script().into(), "audit".into()];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out: Value = serde_json::from_str(&harness::run_tool("python3", &args)).unwrap();
    let optional = ["/relationships/fontTable'", "/relationships/theme'"];
    for file in files {
        let findings: Vec<&Value> = out[file.to_str().unwrap()]
            .as_array()
            .expect("a report for every file")
            .iter()
            .filter(|e| {
                let d = e["description"].as_str().unwrap_or_default();
                !(d.starts_with("A required relationship type")
                    && optional.iter().any(|o| d.contains(o)))
            })
            .collect();
        assert!(
            findings.is_empty(),
            "openxml-audit on {}: {findings:#?}",
            file.display()
        );
    }
}

/// LibreOffice converts each DOCX to PDF and pdftotext reads every word back, in order (run by
/// `make test-office`, with `MOTION_EXPORT_OFFICE=1`).
#[test]
fn libreoffice_reads_every_word() {
    if std::env::var_os("MOTION_EXPORT_OFFICE").is_none() {
        eprintln!("skipped: set MOTION_EXPORT_OFFICE=1 to convert with LibreOffice");
        return;
    }
    let mut motions: Vec<(String, Motion)> = cases()
        .into_iter()
        .map(|(w, m)| (w.to_string(), m))
        .collect();
    motions.extend(real_motions());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, m)) in motions.iter().enumerate() {
        let path = dir.path().join(format!("m{i:03}.docx"));
        std::fs::write(&path, export(m)).unwrap();
        files.push(path);
    }
    check_ooxml_schemas(&files);
    let pdf_dir = libreoffice_to_pdf(dir.path(), &files);
    for (i, (what, m)) in motions.iter().enumerate() {
        let pdf = pdf_dir.join(format!("m{i:03}.pdf"));
        let mut text = harness::run_tool(
            "pdftotext",
            &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
        );
        if !word_numbers_notes(m) {
            // LibreOffice 7.4 shows a custom footnote mark twice: as the note's label and as the
            // text that follows the reference (its own DOCX export reads back the same way).
            for (_, _, marker) in first_calls(m) {
                let marker = clean(&marker);
                text = text.replace(&format!("{marker}{marker}"), &marker);
            }
        }
        // C1 controls (U+0080-U+009F) are kept in the DOCX but drawn by no face, so no PDF
        // holds them.
        let no_c1 = |t: &str| t.replace(|c: char| c.is_control(), " ");
        let expected = words(&no_c1(&as_pdf_text(&isolate_marks(m, &shown_text(m)))));
        let text = attach_line_end_hyphens(&text);
        let got = join_broken_hyphens(words(&no_c1(&isolate_marks(m, &text))), &expected);
        // Main text in order; page furniture, numbers, cover data and notes may come between.
        let mut allowed = allowed_extra_words(m);
        allowed.extend(words(&clean(&DocMeta::of(m).reference)));
        let notes = note_words(m);
        allowed.extend(notes.iter().flatten().cloned());
        // The notes' labels: the calls' marks.
        allowed.extend(first_calls(m).into_iter().map(|(_, _, mark)| clean(&mark)));
        let allowed = words(&as_pdf_text(&isolate_marks(m, &allowed.join(" "))));
        // Numbers, and the footer's `page/pages`.
        let is_number = |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == '/');
        // The words LibreOffice hyphenated (the document asks for automatic hyphenation), a
        // footer between the halves when the hyphen ends a page.
        let known: std::collections::HashSet<&str> = expected.iter().map(String::as_str).collect();
        let got = harness::join_hyphenated(got, &known, |w| {
            is_number(w) || allowed.iter().any(|a| a == w)
        });
        harness::assert_words_in_order(what, &expected, &got, |w| {
            is_number(w) || allowed.iter().any(|a| a == w)
        });
        for note in &notes {
            let note = words(&as_pdf_text(&isolate_marks(m, &note[1..].join(" "))));
            harness::assert_words_in_order(what, &note, &got, |_| true);
        }
    }
    eprintln!("LibreOffice read {} documents back whole", motions.len());
    same_pages_as_the_pdf(&motions[cases().len()..], &pdf_dir, cases().len());
}

/// Issue 17: LibreOffice opens the DOCX redline of every edit of every sample and converts it to
/// PDF showing both versions, as Word shows a document with its changes: NEW's words in order
/// and OLD's words in order, each with the other's between (run by `make test-office`, with
/// `MOTION_EXPORT_OFFICE=1`). The words are those of each version's plain DOCX; a PDF's text is
/// compared run of letters by run of letters, every other character on its own, so that a
/// note's number glued to its word or a hyphen at the end of a line does not matter.
#[test]
fn libreoffice_reads_every_word_of_both_versions_of_the_redline() {
    if std::env::var_os("MOTION_EXPORT_OFFICE").is_none() {
        eprintln!("skipped: set MOTION_EXPORT_OFFICE=1 to convert with LibreOffice");
        return;
    }
    use crate::compare::{docx_part, docx_redline, edited, plain_docx, revised_words};
    let cases: Vec<_> = (edited().into_iter())
        .filter(|c| c.0.starts_with(harness::repo_root().join("samples")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, _, old, new, _)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("r{i:03}.docx"));
        std::fs::write(&path, docx_redline(old, new)).unwrap();
        files.push(path);
    }
    let pdf_dir = libreoffice_to_pdf(dir.path(), &files);
    // Runs of letters, and every other character that is not a space, as words.
    let pieces = |text: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut letters = String::new();
        for c in as_pdf_text(text).chars() {
            if c.is_alphabetic() {
                letters.push(c);
                continue;
            }
            if !letters.is_empty() {
                out.push(std::mem::take(&mut letters));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        }
        out.extend((!letters.is_empty()).then_some(letters));
        out
    };
    for (i, (file, edit, old, new, _)) in cases.iter().enumerate() {
        let what = format!("{} {edit:?}", file.display());
        let pdf = pdf_dir.join(format!("r{i:03}.pdf"));
        let text = harness::run_tool(
            "pdftotext",
            &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
        );
        let version_words =
            |m: &Motion| revised_words(&docx_part(&plain_docx(m), "word/document.xml"), true);
        let (old_words, new_words) = (version_words(old), version_words(new));
        let known: std::collections::HashSet<&str> = (old_words.iter().chain(&new_words))
            .map(String::as_str)
            .collect();
        let is_number = |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == '/');
        // A word LibreOffice hyphenated at the foot of a page has the footer's `page/pages`
        // and the running header's document number between its halves.
        let header = new
            .cover
            .doc_number
            .as_ref()
            .map_or("", |n| n.value.as_str());
        let got = harness::join_hyphenated(words(&attach_line_end_hyphens(&text)), &known, |w| {
            is_number(w) || w == header
        });
        let got = pieces(&got.join(" "));
        for (version, expected) in [("NEW", &new_words), ("OLD", &old_words)] {
            let expected = pieces(&expected.join(" "));
            harness::assert_words_in_order(&format!("{what}: {version}"), &expected, &got, |_| {
                true
            });
        }
    }
    eprintln!(
        "LibreOffice showed both versions of {} redlines",
        cases.len()
    );
}

/// The house style: LibreOffice lays each real motion's DOCX out on as many pages as our PDF
/// (the same face, sizes, measures, spacing and hyphenation). `first` is the index of the
/// first of `motions` among the converted files.
fn same_pages_as_the_pdf(motions: &[(String, Motion)], pdf_dir: &Path, first: usize) {
    let pages_of = |pdf: &Path| -> usize {
        let info = harness::run_tool("pdfinfo", &[pdf.as_os_str()]);
        (info.lines())
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{}: no page count in {info}", pdf.display()))
    };
    let mut differ = Vec::new();
    for (i, (what, m)) in motions.iter().enumerate() {
        let office = pages_of(&pdf_dir.join(format!("m{:03}.pdf", first + i)));
        let ours = motion_export::export::pdf::layout(m, &Default::default())
            .expect("PDF layout")
            .len();
        if office != ours {
            differ.push(format!("{what}: DOCX {office} pages, PDF {ours}"));
        }
    }
    assert!(
        differ.is_empty(),
        "page counts differ:\n{}",
        differ.join("\n")
    );
    eprintln!(
        "{} real motions: the DOCX and the PDF have the same page count",
        motions.len()
    );
}

/// The paragraphs of the cover page: those before the first that starts a new page.
fn cover_paragraphs(u: &Unpacked) -> Vec<DocPara> {
    let body = read_paragraphs(&u.part("word/document.xml").unwrap());
    body.into_iter()
        .take_while(|p| !p.page_break_before)
        .collect()
}

#[test]
fn joint_motion_covers_follow_the_parliaments_order() {
    for (what, m) in harness::joint_motions() {
        let cover = cover_paragraphs(&unpack(&export(&m)));
        let lines: Vec<String> = cover.iter().map(|p| p.text.clone()).collect();
        harness::assert_joint_cover_order(&what, &m, &lines);
        let styles: Vec<&str> = cover.iter().map(|p| p.style.as_str()).collect();
        let label = styles.iter().position(|s| *s == "MotionCoverReplacing");
        let authors = styles.iter().rposition(|s| *s == "MotionCoverGroup");
        assert!(label < authors, "{what}: {styles:?}");
    }
}

#[test]
fn without_a_stated_kind_the_cover_says_it_in_the_motions_language() {
    let mut m = harness::rich_motion();
    m.lang = "el".into();
    m.cover.kind_text = None;
    m.cover.kind = DocKind::MotionForResolution;
    let kinds = |m: &Motion| -> Vec<String> {
        let cover = cover_paragraphs(&unpack(&export(m)));
        (cover.into_iter())
            .filter(|p| p.style == "MotionCoverKind")
            .map(|p| p.text)
            .collect()
    };
    assert_eq!(kinds(&m), ["ΠΡΟΤΑΣΗ ΨΗΦΙΣΜΑΤΟΣ"]);
    m.lang = "xx".into();
    assert!(kinds(&m).is_empty());
}

/// The depth of a paragraph style in the motion's hierarchy: numbered paragraphs and recitals
/// 0, points 1 to 3; `None` for the others.
fn depth(style: &str) -> Option<usize> {
    match style {
        "MotionParagraph" | "MotionRecital" => Some(0),
        _ => style.strip_prefix("MotionPoint")?.parse().ok(),
    }
}

#[test]
fn lead_ins_headings_and_widows_keep_together_and_the_footer_counts_pages() {
    let real = real_motions();
    let docs: Vec<Vec<u8>> = real.iter().map(|(_, m)| export(m)).collect();
    let mut lead_ins = 0;
    for ((what, _), u) in real.iter().zip(unpack_all(&docs)) {
        let body = read_paragraphs(&u.part("word/document.xml").unwrap());
        for pair in body.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if let (Some(da), Some(db)) = (depth(&a.style), depth(&b.style)) {
                if db > da {
                    lead_ins += 1;
                    assert!(
                        a.keep_next,
                        "{what}: lead-in {:?} not kept with its points",
                        a.text
                    );
                }
            }
            if a.keep_next {
                assert!(
                    depth(&b.style) > depth(&a.style),
                    "{what}: kept {:?}",
                    a.text
                );
            }
        }
        let styles = u.part("word/styles.xml").unwrap();
        let defaults = styles.split("</w:pPrDefault>").next().unwrap();
        assert!(
            defaults.contains("<w:widowControl/>"),
            "{what}: widow control"
        );
        let heading = styles.split(r#"w:styleId="MotionHeading""#).nth(1).unwrap();
        let heading = heading.split("</w:style>").next().unwrap();
        assert!(
            heading.contains("<w:keepNext/>"),
            "{what}: heading kept with next"
        );
        let footer = u.part("word/footer1.xml").unwrap();
        let page = footer.find("<w:instrText>PAGE</w:instrText>");
        let slash = footer.find(">/</w:t>");
        let total = footer.find("<w:instrText>NUMPAGES</w:instrText>");
        assert!(
            page.is_some() && page < slash && slash < total,
            "{what}: footer page/total: {footer}"
        );
    }
    assert!(lead_ins > 0, "no lead-in among the samples and corpus");
}

/// Converts `files` to PDF with LibreOffice, its profile in `dir`; the PDFs go to `dir/pdf`,
/// returned.
fn libreoffice_to_pdf(dir: &std::path::Path, files: &[std::path::PathBuf]) -> std::path::PathBuf {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let pdf_dir = dir.join("pdf");
    let mut args: Vec<std::ffi::OsString> = vec![
        profile.into(),
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        pdf_dir.clone().into(),
    ];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    harness::run_tool("soffice", &args);
    pdf_dir
}
