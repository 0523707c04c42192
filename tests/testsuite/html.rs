//! HTML export: read back by Python's own parser (`tests/html_check.py`), every word of the
//! motion in order, the printed numbers in the page, the AKN eIds as ids, one `<h1>`, the
//! language, footnotes linked both ways, no script but the JSON-LD and no request outside the
//! file; the same bytes every time; and (`html_passes_the_nu_html_checker`) no error from the
//! Nu Html Checker.

use crate::harness::{self, words};
use motion_export::export::html::{self, HtmlOptions};
use motion_export::export::xml::{self, XmlOptions};
use motion_export::model::*;
use motion_export::vocab::chars::html_safe;
use serde_json::Value;
use std::path::PathBuf;

/// Exports the motion to HTML.
pub(crate) fn export(m: &Motion) -> Vec<u8> {
    html::export(m, &HtmlOptions::default()).expect("HTML export")
}

/// Writes the pages into a folder and reads them with one run of the script: for each, what
/// `tests/html_check.py` reports.
fn read_back(pages: &[Vec<u8>]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_pages(dir.path(), pages);
    let mut args: Vec<std::ffi::OsString> =
        vec![harness::repo_root().join("tests/html_check.py").into()];
    args.extend(paths.iter().map(|p| p.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out: Value = serde_json::from_str(&harness::run_tool("python3", &args)).unwrap();
    (paths.iter())
        .map(|p| out[p.to_str().unwrap()].clone())
        .collect()
}

fn write_pages(dir: &std::path::Path, pages: &[Vec<u8>]) -> Vec<PathBuf> {
    let paths: Vec<PathBuf> = (0..pages.len())
        .map(|i| dir.join(format!("page{i:03}.html")))
        .collect();
    for (path, bytes) in paths.iter().zip(pages) {
        std::fs::write(path, bytes).unwrap();
    }
    paths
}

// ---------------------------------------------------------------------------------------------
// What the page should show

/// The note a call links to, when it can: as the exporters decide (the note exists and the
/// marker shows something).
fn callable(m: &Motion, marker: &str, note: Option<usize>) -> Option<usize> {
    let shows = marker
        .chars()
        .any(|c| !c.is_whitespace() && !c.is_control());
    note.filter(|&i| i < m.footnotes.len() && shows)
}

/// A mark as the page raises it: without brackets or parentheses.
fn shown(marker: &str) -> String {
    let bare = marker
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')']);
    if bare.is_empty() {
        marker.trim().to_string()
    } else {
        bare.to_string()
    }
}

/// The text of a paragraph as the page shows it: calls as their raised marks (as written
/// inside a note), line breaks as spaces, characters HTML forbids as spaces.
fn shown_text(m: &Motion, para: &Para, in_note: bool) -> String {
    let mut text = String::new();
    for inline in &para.inlines {
        match inline {
            Inline::Text { text: t, .. } => text.push_str(t),
            Inline::NoteRef { marker, note } => match callable(m, marker, *note) {
                Some(_) if !in_note => text.push_str(&shown(marker)),
                _ => text.push_str(marker),
            },
            Inline::LineBreak => text.push(' '),
        }
    }
    html_safe(&text).into_owned()
}

/// The motion's words outside its notes, in the order of the paged outputs.
fn main_words(m: &Motion) -> Vec<String> {
    let notes: Vec<&Para> = m.footnotes.iter().flat_map(|n| &n.content).collect();
    (harness::paged_text_in_order(m).into_iter())
        .filter(|p| !notes.iter().any(|n| std::ptr::eq(*n, *p)))
        .flat_map(|p| words(&shown_text(m, p, false)))
        .collect()
}

/// Each note's words: its mark (the first call's when the note has none), then its text.
fn note_words(m: &Motion) -> Vec<Vec<String>> {
    let mut first_call: Vec<Option<String>> = vec![None; m.footnotes.len()];
    let notes: Vec<&Para> = m.footnotes.iter().flat_map(|n| &n.content).collect();
    for para in m.text_in_order() {
        if notes.iter().any(|n| std::ptr::eq(*n, para)) {
            continue;
        }
        for inline in &para.inlines {
            if let Inline::NoteRef { marker, note } = inline {
                if let Some(i) = callable(m, marker, *note) {
                    first_call[i].get_or_insert_with(|| marker.to_string());
                }
            }
        }
    }
    (m.footnotes.iter().zip(first_call))
        .map(|(note, call)| {
            let mark = match (note.marker.trim().is_empty(), call) {
                (false, _) => shown(&note.marker),
                (true, Some(call)) => shown(&call),
                (true, None) => String::new(),
            };
            let mut out = words(&html_safe(&mark));
            for p in &note.content {
                out.extend(words(&shown_text(m, p, true)));
            }
            out
        })
        .collect()
}

/// Words the page may show beyond the motion's text: numbers, the citation dash, the cover
/// lines that are data rather than text.
fn allowed_extra_words(m: &Motion) -> Vec<String> {
    let mut texts = harness::label_and_cover_texts(m);
    // The authors' line joins the names as written, spaces around them included.
    texts.push(",".into());
    (m.cover.authors.iter()).for_each(|g| texts.extend(g.members.iter().cloned()));
    (texts.iter()).flat_map(|t| words(&html_safe(t))).collect()
}

/// The eIds of the XML's numbered parts (paragraphs, recitals, citations, points, indents,
/// block-list items, headings), in document order.
fn xml_part_ids(m: &Motion) -> Vec<String> {
    let xml = xml::export(m, &XmlOptions::default()).unwrap();
    let xml = String::from_utf8(xml).unwrap();
    let parts = [
        "paragraph",
        "recital",
        "citation",
        "point",
        "indent",
        "item",
        "hcontainer",
    ];
    let mut ids = Vec::new();
    for line in xml.lines() {
        let line = line.trim_start();
        for part in parts {
            if let Some(rest) = line.strip_prefix(&format!("<{part} eId=\"")) {
                ids.push(rest[..rest.find('"').unwrap()].to_string());
            }
        }
    }
    ids
}

/// Every recital's, paragraph's and point's eId with its printed number.
fn printed_numbers(m: &Motion, ids: &[String]) -> Vec<(String, String)> {
    fn points(ps: &[Point], out: &mut Vec<String>) {
        for p in ps {
            out.push(p.num.text.to_string());
            points(&p.points, out);
        }
    }
    let mut nums: Vec<String> = m.citations.iter().map(|_| "–".to_string()).collect();
    for r in &m.recitals {
        nums.push(r.num.text.to_string());
        points(&r.points, &mut nums);
    }
    for item in &m.body {
        if let BodyItem::Paragraph(p) = item {
            nums.push(p.num.text.to_string());
            points(&p.points, &mut nums);
        }
    }
    let ids = ids.iter().filter(|id| !id.starts_with("hcontainer"));
    // The XML lists citations, then recitals, then the body, as the motion has them.
    ids.cloned().zip(nums).collect()
}

// ---------------------------------------------------------------------------------------------
// The checks

/// Every check of one page read back.
fn check_page(what: &str, m: &Motion, page: &Value) {
    let errors = page["errors"].as_array().unwrap();
    assert!(errors.is_empty(), "{what}: {errors:?}");
    assert_eq!(page["doctype"], "DOCTYPE html", "{what}: doctype");
    assert_eq!(page["lang"], m.lang.as_str(), "{what}: lang");
    assert_eq!(page["h1"], 1, "{what}: one h1");
    assert!(
        !page["title"].as_str().unwrap().trim().is_empty(),
        "{what}: title"
    );
    assert!(
        page["metas"]["description"].is_string(),
        "{what}: description"
    );
    check_words(what, m, page);
    check_ids(what, m, page);
    check_notes(what, page);
    check_outside(what, page);
    check_json_ld(what, m, page);
}

fn check_words(what: &str, m: &Motion, page: &Value) {
    let main = words(page["main"].as_str().unwrap());
    let allowed = allowed_extra_words(m);
    harness::assert_words_in_order(what, &main_words(m), &main, |w| {
        allowed.iter().any(|a| a == w)
    });
    let mut read: Vec<Vec<String>> = (page["notes"].as_array().unwrap().iter())
        .map(|n| words(n.as_str().unwrap()))
        .collect();
    let mut expected = note_words(m);
    read.sort();
    expected.sort();
    assert_eq!(read, expected, "{what}: notes");
}

/// The XML's eIds are ids of the page, each numbered part holding its printed number.
fn check_ids(what: &str, m: &Motion, page: &Value) {
    let ids: Vec<&str> = (page["ids"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let xml_ids = xml_part_ids(m);
    for id in &xml_ids {
        assert!(ids.contains(&id.as_str()), "{what}: no id {id}");
    }
    let untied = |t: &str| t.replace('\u{a0}', " ");
    for (id, num) in printed_numbers(m, &xml_ids) {
        let printed = page["nums"][&id].as_str();
        assert_eq!(
            printed.map(untied),
            Some(untied(&html_safe(&num))),
            "{what}: the number of {id}"
        );
    }
}

/// Every call links to a note, and every note called links back to a call.
fn check_notes(what: &str, page: &Value) {
    let notes: Vec<&str> = (page["footnote_ids"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let calls: Vec<&str> = (page["noterefs"].as_array().unwrap().iter())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in page["noterefs"].as_array().unwrap() {
        let href = r["href"].as_str().unwrap();
        let target = href.strip_prefix('#').unwrap();
        assert!(notes.contains(&target), "{what}: {href} leads to no note");
    }
    let backlinks = page["backlinks"].as_array().unwrap();
    for b in backlinks {
        let href = b["href"].as_str().unwrap();
        assert!(
            calls.contains(&href.strip_prefix('#').unwrap()),
            "{what}: backlink {href} leads to no call"
        );
        let note = b["note"].as_str().unwrap();
        let calling = (page["noterefs"].as_array().unwrap().iter())
            .any(|r| r["href"].as_str() == Some(&format!("#{note}")));
        assert!(
            calling,
            "{what}: note {note} links back but is never called"
        );
    }
    let called: std::collections::BTreeSet<&str> = (page["noterefs"].as_array().unwrap())
        .iter()
        .map(|r| r["href"].as_str().unwrap())
        .collect();
    assert_eq!(
        called.len(),
        backlinks.len(),
        "{what}: one backlink per note called"
    );
}

/// No script but the JSON-LD, nothing fetched from outside the file.
fn check_outside(what: &str, page: &Value) {
    let scripts = page["scripts"].as_array().unwrap();
    assert_eq!(scripts.len(), 1, "{what}: scripts");
    assert_eq!(
        scripts[0]["type"], "application/ld+json",
        "{what}: script type"
    );
    assert!(scripts[0]["src"].is_null(), "{what}: script src");
    for url in page["urls"].as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(
            url.starts_with('#'),
            "{what}: a link outside the file: {url}"
        );
    }
}

/// The JSON-LD parses and describes the motion.
fn check_json_ld(what: &str, m: &Motion, page: &Value) {
    let text = page["scripts"][0]["text"].as_str().unwrap();
    assert!(!text.contains('<'), "{what}: `<` in the JSON-LD");
    let ld: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(ld["@type"], "Legislation", "{what}");
    assert_eq!(ld["inLanguage"], m.lang.as_str(), "{what}");
    if let Some(n) = &m.cover.doc_number {
        assert_eq!(ld["legislationIdentifier"], n.value.trim(), "{what}");
    }
    match &m.cover.date {
        Some(d) => assert_eq!(ld["datePublished"], d.value.to_string(), "{what}"),
        None => assert!(ld["datePublished"].is_null(), "{what}"),
    }
    let authors = ld["author"].as_array().unwrap();
    let named = match m.cover.author_count() {
        0 => m.cover.groups().len(),
        n => n,
    };
    assert_eq!(authors.len(), named, "{what}: authors");
    let work = page["metas"]["dcterms.isVersionOf"].as_str().unwrap();
    let expression = page["metas"]["dcterms.identifier"].as_str().unwrap();
    assert!(work.starts_with("/akn/eu/statement/"), "{what}: {work}");
    assert!(expression.starts_with(work), "{what}: {expression}");
}

/// Every check of the pages of `motions`, read back by Python's parser.
pub(crate) fn check_all(motions: &[(String, Motion)]) {
    let pages: Vec<Vec<u8>> = motions.iter().map(|(_, m)| export(m)).collect();
    for ((what, m), page) in motions.iter().zip(read_back(&pages)) {
        check_page(what, m, &page);
    }
}

/// The motions at hand: the samples, their language versions and the corpus.
fn real_motions() -> Vec<(String, Motion)> {
    (harness::all_motion_files().iter())
        .map(|f| (f.display().to_string(), harness::read_file(f).0))
        .collect()
}

#[test]
fn html_of_samples_and_corpus_is_whole_linked_and_self_contained() {
    check_all(&real_motions());
}

#[test]
fn html_of_hand_built_motions_is_whole_linked_and_self_contained() {
    let mut hostile = harness::rich_motion();
    hostile.title = Some(harness::para(
        "on </script><script>alert(1)</script> <!-- & \u{1}\u{85}\u{FDD0} \"q\"",
    ));
    if let Some(n) = hostile.cover.doc_number.as_mut() {
        n.value = "B9-0001/2021</script>".into();
    }
    let mut untitled = harness::rich_motion();
    untitled.title = None;
    untitled.cover.title = None;
    check_all(&[
        ("rich".into(), harness::rich_motion()),
        ("hostile".into(), hostile),
        ("untitled".into(), untitled),
    ]);
}

#[test]
fn same_motion_same_html_on_any_thread() {
    let m = harness::rich_motion();
    let first = export(&m);
    assert_eq!(first, export(&m));
    let other = std::thread::spawn(move || export(&m)).join().unwrap();
    assert_eq!(first, other);
}

/// The Nu Html Checker (`vnu.jar`, from npm; `make deps` installs it) finds no error in the
/// page of any sample or corpus motion, nor of the hand-built ones.
#[test]
fn html_passes_the_nu_html_checker() {
    let mut pages: Vec<Vec<u8>> = real_motions().iter().map(|(_, m)| export(m)).collect();
    pages.push(export(&harness::rich_motion()));
    assert_no_nu_errors(&pages);
}

/// The Nu Html Checker (`VNU_JAR`, by default where `make deps` puts it) finds no error in any
/// of `pages`.
pub(crate) fn assert_no_nu_errors(pages: &[Vec<u8>]) {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            harness::repo_root().join("target/html-tools/node_modules/vnu-jar/build/dist/vnu.jar")
        });
    assert!(
        jar.is_file(),
        "{}: `make deps` installs the Nu Html Checker",
        jar.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let paths = write_pages(dir.path(), pages);
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&paths)
        .output()
        .expect("java: `make deps` installs it");
    let report: Value = serde_json::from_slice(&out.stderr)
        .or_else(|_| serde_json::from_slice(&out.stdout))
        .unwrap_or_else(|e| panic!("vnu: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    let messages = report["messages"].as_array().unwrap();
    assert!(
        messages.is_empty() && out.status.success(),
        "{} errors over {} pages: {:#}",
        messages.len(),
        paths.len(),
        Value::Array(messages[..messages.len().min(10)].to_vec())
    );
}

/// Release-mode timing of the seed: `cargo test --release --test testsuite html_speed --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn html_speed() {
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    for (what, m) in [
        ("seed", harness::read_file(&seed).0),
        ("rich motion", harness::rich_motion()),
    ] {
        let per = harness::best_time_per_call(1000, || export(&m));
        eprintln!("{what}: {per:?} per HTML, {} bytes", export(&m).len());
    }
}
