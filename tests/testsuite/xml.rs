//! The Akoma Ntoso exporter: every output validates against the official XSD and the project's
//! profile, eIds are unique and shaped by the Naming Convention, every `#id` resolves, no word of
//! the model is lost or reordered, and the bytes are deterministic.

use crate::harness::{self, numbered, paragraph, point, words};
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
// Fixture motions

/// The fixture motions (`tests/fixtures/models/`) every exporter property is checked on: the rich
/// motion; only one operative paragraph; a resolution as adopted; no cover; repeated and missing
/// numbers; a heading first and last; characters XML forbids and markup characters everywhere;
/// notes unresolved, out of range, called twice, from a note or never; trailing text and line
/// breaks; recital points, nested points, intro and wrap-up; a joint motion; Greek; Bulgarian;
/// empty strings wherever the model allows them; group and Member names that collide.
const MODELS: [&str; 15] = [
    "rich",
    "minimal",
    "text_adopted",
    "no_cover",
    "duplicate_numbers",
    "heading_first",
    "hostile",
    "notes",
    "trailing_and_breaks",
    "structure",
    "joint",
    "greek",
    "bulgarian",
    "empties",
    "colliding_names",
];

/// Every fixture motion, by name.
fn variants() -> Vec<(&'static str, Motion)> {
    MODELS
        .iter()
        .map(|&name| (name, harness::model(name)))
        .collect()
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
    harness::main_text(m)
        .into_iter()
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
    let xml = xml_of(&harness::model("notes"));
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
    let mut motion = harness::model("minimal");
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
    motion.cover.date = Some(harness::located(Date::new(2021, 2, 9).unwrap()));
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
            points: vec![deep],
            ..point("(a)", "a", "level")
        };
    }
    let mut p = numbered(9, "Deep:");
    p.points = vec![deep];
    motion.body.push(BodyItem::Paragraph(p));
    for i in 0..3000 {
        motion.body.push(paragraph(7, &format!("Same number {i}.")));
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
    let inputs = harness::samples_and_corpus();
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    let mut failures = Vec::new();
    for (i, path) in inputs.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let stem = crate::harness::stem(path);
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
