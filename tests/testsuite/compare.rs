//! Issue 17, comparing two versions of a motion: every edit of the harness's generator
//! (recitals, paragraphs and points deleted, inserted, moved, reworded; the cover's title
//! changed) applied to every sample and corpus motion gives exactly its change list, through the
//! library and through `compare` (text OLD, Akoma Ntoso NEW), whose JSON follows its schema; equal
//! versions give no change and exit 0; the HTML redline is valid and drops to each version's
//! words; the alignment's work grows as n log n at most.

use crate::harness::{self, apply_edit, run, samples_and_corpus, Edit, EDITS};
use motion_export::compare::{compare, Change};
use motion_export::export::docx::{self, DocxOptions, RedlineOptions};
use motion_export::export::html::{self, HtmlOptions};
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::*;
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The changes as JSON values, sorted: the order of a change list is the reading order, which
/// the generator does not work out.
fn sorted(changes: &[Change]) -> Vec<String> {
    let mut out: Vec<String> = (changes.iter())
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    out.sort();
    out
}

fn sorted_json(changes: &Value) -> Vec<String> {
    let mut out: Vec<String> = (changes.as_array().unwrap().iter())
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
    out.sort();
    out
}

/// Every sample and corpus motion with its path.
fn motions() -> Vec<(PathBuf, Motion)> {
    (samples_and_corpus().into_iter())
        .map(|f| {
            let m = harness::read_file(&f).0;
            (f, m)
        })
        .collect()
}

/// Every edit that applies to every motion: (file, edit, OLD, NEW, expected changes).
pub(crate) fn edited() -> Vec<(PathBuf, Edit, Motion, Motion, Vec<Change>)> {
    let mut out = Vec::new();
    for (file, old) in motions() {
        for edit in EDITS {
            if let Some((new, expected)) = apply_edit(&old, edit) {
                out.push((file.clone(), edit, old.clone(), new, expected));
            }
        }
    }
    out
}

#[test]
fn issue_17_every_edit_gives_exactly_its_change_list() {
    let cases = edited();
    // Every kind of edit finds something to edit in most motions.
    for edit in EDITS {
        let n = cases.iter().filter(|c| c.1 == edit).count();
        // Few real motions have three points of one style under one paragraph or recital.
        let least = if matches!(
            edit,
            Edit::Delete(harness::Target::Points)
                | Edit::Insert(harness::Target::Points)
                | Edit::Move(harness::Target::Points)
                | Edit::Reword(harness::Target::Points)
        ) {
            1
        } else {
            5
        };
        assert!(n >= least, "{edit:?} applies to only {n} motions");
    }
    let mut failures = Vec::new();
    for (file, edit, old, new, expected) in &cases {
        let got = compare(old, new);
        if sorted(&got.changes) != sorted(expected) || got.equal {
            failures.push(format!(
                "{} {edit:?}:\n  expected {:#?}\n  got {:#?}",
                file.display(),
                sorted(expected),
                sorted(&got.changes)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(3)].join("\n")
    );
}

#[test]
fn issue_17_a_motion_compared_with_itself_has_no_change() {
    for (file, m) in motions() {
        let c = compare(&m, &m);
        assert!(
            c.equal && c.changes.is_empty(),
            "{}: {:?}",
            file.display(),
            c.changes
        );
    }
}

fn schema() -> jsonschema::Validator {
    let path = harness::repo_root().join("schemas/compare.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, json: &Value, what: &str) {
    let errors: Vec<String> = (validator.iter_errors(json))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// NEW as `convert` would write its Akoma Ntoso.
fn write_akn(dir: &Path, name: &str, m: &Motion) -> PathBuf {
    let path = dir.join(format!("{name}.xml"));
    std::fs::write(
        &path,
        export(m, Format::Xml, &ExportOptions::default()).unwrap(),
    )
    .unwrap();
    path
}

/// Through the command line: OLD the text file, NEW the edited model as Akoma Ntoso; exit 1,
/// the JSON valid and its changes exactly the edit's. OLD against its own Akoma Ntoso: exit 0.
#[test]
fn issue_17_compare_reports_the_edits_made_in_valid_json() {
    let validator = schema();
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (file, old) in motions() {
        let same = write_akn(dir.path(), "same", &old);
        let out = run(&[&"compare", &file, &same]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {json:#}", file.display());
        assert_eq!(json["equal"], true);
        for edit in EDITS {
            let Some((new, expected)) = apply_edit(&old, edit) else {
                continue;
            };
            let path = write_akn(dir.path(), "new", &new);
            let out = run(&[&"compare", &file, &path]);
            let json: Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{}: {e}: {}", file.display(), harness::stderr(&out)));
            assert_valid(&validator, &json, &file.display().to_string());
            let want: Vec<Value> = expected
                .iter()
                .map(|c| serde_json::to_value(c).unwrap())
                .collect();
            if out.status.code() != Some(1)
                || sorted_json(&json["changes"]) != sorted_json(&Value::Array(want))
            {
                failures.push(format!(
                    "{} {edit:?}: exit {:?}, {:#}",
                    file.display(),
                    out.status.code(),
                    json["changes"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
}

#[test]
fn the_schema_rejects_what_compare_never_writes() {
    let validator = schema();
    let good = serde_json::json!({
        "old": "a.txt", "new": "b.txt", "equal": false,
        "summary": {"inserted": 1, "deleted": 0, "moved": 0, "changed": 0, "renumbered": 0, "fieldChanged": 0},
        "changes": [{"kind": "inserted", "part": "recital", "new": {"eId": "preamble__recs_1__rec_B", "num": "B."}, "removed": [], "added": ["whereas"]}]
    });
    assert!(validator.is_valid(&good));
    for broken in [
        ("/changes/0/kind", serde_json::json!("rewritten")),
        ("/changes/0/old", serde_json::json!({"eId": "x_1"})),
        ("/changes/0/removed", serde_json::json!(["gone"])),
        ("/changes/0/field", serde_json::json!("cover.title")),
        ("/summary/moved", serde_json::json!(-1)),
    ] {
        let mut bad = good.clone();
        let (parent, key) = broken.0.rsplit_once('/').unwrap();
        bad.pointer_mut(parent).unwrap()[key] = broken.1.clone();
        assert!(!validator.is_valid(&bad), "accepted {}", broken.0);
    }
}

/// Exit 0 when equal, 1 when different, 2 when a version cannot be read; `-` reads standard
/// input; the same inputs give the same bytes, in every format.
#[test]
fn issue_17_compare_exits_like_diff_and_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let (old, _) = harness::read_file(&seed);
    let (new, _) = apply_edit(&old, Edit::Delete(harness::Target::Paragraphs)).unwrap();
    let new_path = write_akn(dir.path(), "B9-0146-2021_EN", &new);

    let equal = run(&[&"compare", &seed, &seed]);
    assert_eq!(equal.status.code(), Some(0), "{}", harness::stderr(&equal));
    let differ = run(&[&"compare", &seed, &new_path]);
    assert_eq!(differ.status.code(), Some(1));

    // Standard input, for `git show HEAD~1:m.txt | motion-export compare - m.txt`.
    let stdin = harness::bin()
        .args(["compare", "-"])
        .arg(&new_path)
        .stdin(std::fs::File::open(&seed).unwrap())
        .output()
        .unwrap();
    assert_eq!(stdin.status.code(), Some(1));
    let a: Value = serde_json::from_slice(&stdin.stdout).unwrap();
    let b: Value = serde_json::from_slice(&differ.stdout).unwrap();
    assert_eq!(a["old"], "<stdin>");
    assert_eq!(a["changes"], b["changes"]);

    // Unreadable versions: exit 2, reported as `check` reports them.
    let missing = dir.path().join("missing.txt");
    let out = run(&[&"compare", &missing, &seed]);
    harness::assert_exit(&out, 2, &["E-IO", "missing.txt"]);
    let binary = harness::copy_bad("binary.txt", dir.path());
    let out = run(&[&"compare", &seed, &binary]);
    harness::assert_exit(&out, 2, &["binary.txt", "E-INPUT-BINARY"]);
    let out = run(&[&"compare", &"-", &"-"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[&"compare", &seed, &seed, &"--format", &"json,html"]);
    harness::assert_exit(&out, 2, &["choose one --format"]);
    let out = run(&[&"compare", &seed, &seed, &"--format", &"odt"]);
    harness::assert_exit(&out, 2, &["compare writes json, html, docx or pdf"]);

    // Outputs in a folder, atomically, the same bytes every time.
    let mut runs = Vec::new();
    for k in 0..2 {
        let out_dir = dir.path().join(format!("out{k}"));
        let out = run(&[
            &"compare",
            &seed,
            &new_path,
            &"-o",
            &out_dir,
            &"--format",
            &"json,html,docx",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", harness::stderr(&out));
        let files = harness::files_below(&out_dir);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "B9-0146-2021_EN.changes.json",
                "B9-0146-2021_EN.redline.docx",
                "B9-0146-2021_EN.redline.html"
            ]
        );
        runs.push(
            files
                .iter()
                .map(|f| std::fs::read(out_dir.join(f)).unwrap())
                .collect::<Vec<_>>(),
        );
    }
    assert_eq!(runs[0], runs[1]);
    let html = run(&[&"compare", &seed, &new_path, &"--format", &"html"]);
    assert_eq!(html.stdout, runs[0][2]);
    let docx = run(&[&"compare", &seed, &new_path, &"--format", &"docx"]);
    assert_eq!(docx.status.code(), Some(1));
    assert!(
        docx.stdout == runs[0][1],
        "the DOCX on standard output is the file's"
    );
}

#[test]
fn issue_17_github_annotations_name_news_changed_lines() {
    let dir = tempfile::tempdir().unwrap();
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let new = dir.path().join("new.txt");
    std::fs::write(
        &new,
        text.replace(
            "2. Urges the authorities",
            "2. Strongly urges the authorities",
        ),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = run(&[
        &"compare",
        &seed,
        &new,
        &"-o",
        &out_dir,
        &"--report-format",
        &"github",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("2. Urges"))
        .unwrap()
        + 1;
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [format!(
            "::notice file={},line={line},title=changed::changed para_2%0A- Urges%0A+ Strongly urges",
            new.display()
        )
        .as_str()],
    );
}

/// The text of `<main>` without the `drop` elements (`del` or `ins`) and their content, as words.
fn main_words(html: &str, drop: Option<&str>) -> Vec<String> {
    let start = html.find("<main>").expect("a <main>");
    let end = html.find("</main>").unwrap();
    let mut main = html[start..end].to_string();
    if let Some(tag) = drop {
        let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
        while let Some(a) = main.find(&open) {
            let b = a + main[a..].find(&close).expect("closed") + close.len();
            main.replace_range(a..b, "");
        }
    }
    let mut text = String::new();
    let mut rest = main.as_str();
    while let Some(a) = rest.find('<') {
        text.push_str(&rest[..a]);
        let b = a + rest[a..].find('>').unwrap();
        let name: String = rest[a + 1..b]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // Inline elements join what is around them; block elements part it.
        if !["b", "i", "sup", "a", "del", "ins", "span", "time"].contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[b + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split_whitespace().map(String::from).collect()
}

fn page(m: &Motion) -> String {
    String::from_utf8(html::export(m, &HtmlOptions::default()).unwrap()).unwrap()
}

fn redline(old: &Motion, new: &Motion) -> String {
    let c = compare(old, new);
    String::from_utf8(html::redline(old, new, &c, &HtmlOptions::default()).unwrap()).unwrap()
}

/// Dropping every `<del>` of the redline leaves NEW's page's words in order, dropping every
/// `<ins>` OLD's: for every edit of every motion, and for a motion against itself.
#[test]
fn issue_17_the_redline_drops_to_each_versions_words() {
    let mut failures = Vec::new();
    for (file, edit, old, new, _) in edited() {
        let r = redline(&old, &new);
        for (drop, version) in [("del", &new), ("ins", &old)] {
            let want = main_words(&page(version), None);
            let got = main_words(&r, Some(drop));
            if got != want {
                let d = harness::diff_words(&want, &got);
                failures.push(format!(
                    "{} {edit:?} without <{drop}>: {d:?}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    let (_, m) = &motions()[0];
    assert_eq!(
        main_words(&redline(m, m), Some("del")),
        main_words(&page(m), None)
    );
}

/// Each redline of the samples passes the Nu Html Checker, with ids unique and every summary
/// link resolved.
#[test]
fn issue_17_redlines_pass_the_nu_html_checker() {
    let mut pages = Vec::new();
    for (file, edit, old, new, _) in edited() {
        if !file.starts_with(harness::repo_root().join("samples")) {
            continue;
        }
        let r = redline(&old, &new);
        let ids: Vec<&str> = r
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "{} {edit:?}: ids repeat",
            file.display()
        );
        for href in r
            .split("href=\"#")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            assert!(
                unique.contains(&href),
                "{} {edit:?}: #{href} leads nowhere",
                file.display()
            );
        }
        pages.push(r.into_bytes());
    }
    crate::html::assert_no_nu_errors(&pages);
}

/// A motion of `n` paragraphs of distinct words, and a version with one in ten reworded,
/// deleted, inserted or moved.
fn long_versions(n: usize) -> (Motion, Motion) {
    let text = |i: usize| {
        format!(
            "Calls on member {i} to act {} and report {};",
            i * 7,
            i * 13
        )
    };
    let old = Motion {
        body: (1..=n).map(|i| harness::paragraph(i, &text(i))).collect(),
        ..Default::default()
    };
    let mut new = old.clone();
    for i in (0..n).step_by(10).rev() {
        if let BodyItem::Paragraph(p) = &mut new.body[i] {
            p.content = vec![harness::para(&format!(
                "Calls on member {i} to act now and report {};",
                i * 13
            ))];
        }
        new.body.remove(i + 3);
        new.body.insert(
            i + 6,
            harness::paragraph(n + i, &format!("A new paragraph {i} here")),
        );
        let moved = new.body.remove(i + 8);
        new.body.insert(i + 1, moved);
    }
    (old, new)
}

/// The alignment's counted work (hash comparisons, similarities, table cells) at n, 2n and 4n
/// blocks: the second doubling adds at most about twice what the first did (n log n or better,
/// not n²), also for two versions with no block in common.
#[test]
fn issue_17_alignment_work_grows_as_n_log_n_at_most() {
    let work = |n: usize| {
        let (old, new) = long_versions(n);
        compare(&old, &new).work
    };
    let (w1, w2, w4) = (work(1000), work(2000), work(4000));
    let ratio = (w4 - w2) as f64 / (w2 - w1) as f64;
    assert!(
        ratio < 2.4,
        "work {w1}, {w2}, {w4}: the second doubling adds {ratio:.2}x the first"
    );
    let unrelated = |n: usize| {
        let old = Motion {
            body: (1..=n)
                .map(|i| harness::paragraph(i, &format!("old words {i}")))
                .collect(),
            ..Default::default()
        };
        let new = Motion {
            body: (1..=n)
                .map(|i| harness::paragraph(i, &format!("wholly other text {}", i + n)))
                .collect(),
            ..Default::default()
        };
        compare(&old, &new).work
    };
    let (u1, u2, u4) = (unrelated(1000), unrelated(2000), unrelated(4000));
    let ratio = (u4 - u2) as f64 / (u2 - u1) as f64;
    assert!(ratio < 2.4, "unrelated: work {u1}, {u2}, {u4}: {ratio:.2}x");
}

/// Release-mode timing: `cargo test --release --test testsuite compare_speed -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn compare_speed() {
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let (old, _) = harness::read_file(&seed);
    for edit in [
        Edit::Delete(harness::Target::Paragraphs),
        Edit::Reword(harness::Target::Recitals),
    ] {
        let (new, _) = apply_edit(&old, edit).unwrap();
        let json =
            harness::best_time_per_call(1000, || serde_json::to_vec(&compare(&old, &new)).unwrap());
        let redline = harness::best_time_per_call(200, || {
            let c = compare(&old, &new);
            html::redline(&old, &new, &c, &HtmlOptions::default()).unwrap()
        });
        let plain = harness::best_time_per_call(200, || {
            html::export(&new, &HtmlOptions::default()).unwrap()
        });
        eprintln!("seed, {edit:?}: compare + JSON {json:?}; compare + HTML redline {redline:?}; plain HTML {plain:?}");
        let docx_redline = harness::best_time_per_call(200, || {
            let c = compare(&old, &new);
            docx::redline(&old, &new, &c, &RedlineOptions::default()).unwrap()
        });
        let c = compare(&old, &new);
        let redline_alone = harness::best_time_per_call(200, || {
            docx::redline(&old, &new, &c, &RedlineOptions::default()).unwrap()
        });
        let plain_docx = harness::best_time_per_call(200, || {
            docx::export(&new, &DocxOptions::default()).unwrap()
        });
        eprintln!(
            "seed, {edit:?}: compare + DOCX redline {docx_redline:?} (the redline alone {redline_alone:?}); plain DOCX {plain_docx:?}"
        );
    }
    let (old, new) = long_versions(4000);
    let t = harness::best_time_per_call(5, || compare(&old, &new));
    eprintln!("4,000 paragraphs, 1,600 edits: {t:?}");
}

// ---------------------------------------------------------------------------------------------
// The DOCX redline

pub(crate) fn docx_redline(old: &Motion, new: &Motion) -> Vec<u8> {
    let c = compare(old, new);
    docx::redline(old, new, &c, &RedlineOptions::default()).unwrap()
}

pub(crate) fn plain_docx(m: &Motion) -> Vec<u8> {
    docx::export(m, &DocxOptions::default()).unwrap()
}

/// Every part of a package, by name, each parsed whole by quick-xml (end tags matched), so that
/// a part that is not well-formed fails here.
fn docx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
        let mut reader = Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{}: not well-formed: {e}", entry.name()),
            }
        }
        parts.push((entry.name().to_string(), xml));
    }
    parts
}

pub(crate) fn docx_part(bytes: &[u8], name: &str) -> String {
    (docx_parts(bytes).into_iter())
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// The words of a WordprocessingML part as Word shows it with every tracked change accepted
/// (`accept`: `w:ins` kept, `w:del` dropped) or rejected (`w:ins` dropped, `w:delText` kept),
/// paragraphs whose mark is dropped joined to the next. Runs in the footnote-reference style
/// (a call's mark) are left out: Word numbers a call of the plain document itself. Panics when
/// text is `w:t` inside a deletion or `w:delText` outside one.
pub(crate) fn revised_words(xml: &str, accept: bool) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let (mut ins, mut del, mut in_ppr) = (0usize, 0usize, false);
    let (mut mark_dropped, mut mark_run, mut text_el) = (false, false, None::<String>);
    let mut text = String::new();
    loop {
        let event = reader.read_event().unwrap();
        let dropped = if accept { del > 0 } else { ins > 0 };
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:ins" => ins += 1,
                b"w:del" => del += 1,
                b"w:pPr" => in_ppr = true,
                b"w:r" => mark_run = false,
                b"w:t" => {
                    assert!(del == 0, "w:t inside w:del");
                    text_el = Some("t".into());
                }
                b"w:delText" => {
                    assert!(del > 0, "w:delText outside w:del");
                    text_el = Some("delText".into());
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                // A paragraph's mark, tracked.
                b"w:ins" if in_ppr => mark_dropped = !accept,
                b"w:del" if in_ppr => mark_dropped = accept,
                b"w:rStyle" => {
                    let v = e.try_get_attribute("w:val").unwrap().unwrap();
                    mark_run = v.value.as_ref() == b"FootnoteReference";
                }
                b"w:tab" | b"w:br" if !dropped && !in_ppr => text.push(' '),
                _ => {}
            },
            Event::Text(t) if text_el.is_some() && !dropped && !mark_run => {
                text.push_str(&t.unescape().unwrap());
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:ins" => ins -= 1,
                b"w:del" => del -= 1,
                b"w:pPr" => in_ppr = false,
                b"w:t" | b"w:delText" => text_el = None,
                b"w:p" if !std::mem::take(&mut mark_dropped) => text.push('\n'),
                b"w:p" => {}
                _ => {}
            },
            _ => {}
        }
    }
    harness::words(&text)
}

/// Issue 17: Word's "accept all" on the DOCX redline gives NEW's words in order, as its plain
/// DOCX has them (cover, notes never called and trailing text included), and "reject all"
/// OLD's; every part of every redline is well-formed. For every edit of every sample and corpus
/// motion, and for a motion against itself (no change tracked).
#[test]
fn issue_17_the_docx_redline_accepts_to_new_and_rejects_to_old() {
    let mut failures = Vec::new();
    let cases = edited();
    for (file, edit, old, new, _) in &cases {
        let r = docx_redline(old, new);
        let doc = docx_part(&r, "word/document.xml");
        assert!(
            doc.contains("<w:ins ") || doc.contains("<w:del "),
            "{} {edit:?}: no change tracked",
            file.display()
        );
        for (accept, version) in [(true, new), (false, old)] {
            let want = revised_words(&docx_part(&plain_docx(version), "word/document.xml"), true);
            let got = revised_words(&doc, accept);
            if got != want {
                let d = harness::diff_words(&want, &got);
                failures.push(format!(
                    "{} {edit:?} {}: {d:?}",
                    file.display(),
                    if accept { "accepted" } else { "rejected" }
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures of {}:\n{}",
        failures.len(),
        2 * cases.len(),
        failures[..failures.len().min(3)].join("\n")
    );
    for (file, m) in motions() {
        let r = docx_redline(&m, &m);
        let doc = docx_part(&r, "word/document.xml");
        assert!(
            !doc.contains("<w:ins ") && !doc.contains("<w:del "),
            "{}",
            file.display()
        );
        assert_eq!(
            revised_words(&doc, true),
            revised_words(&docx_part(&plain_docx(&m), "word/document.xml"), true),
            "{}",
            file.display()
        );
    }
}

/// A paragraph of two paragraphs of text, and a version with the two run together, compared
/// both ways: a paragraph break only one version has is a tracked paragraph mark, the text on
/// either side of it still words apart in both views.
#[test]
fn issue_17_a_paragraph_break_only_one_version_has_is_a_tracked_mark() {
    let two = |content: Vec<Para>| Motion {
        body: vec![BodyItem::Paragraph(Paragraph {
            content,
            ..match harness::paragraph(1, "x") {
                BodyItem::Paragraph(p) => p,
                _ => unreachable!(),
            }
        })],
        ..Default::default()
    };
    let split = two(vec![
        harness::para("Calls for one thing;"),
        harness::para("insists on another;"),
    ]);
    let joined = two(vec![harness::para(
        "Calls for one thing; insists on another;",
    )]);
    for (old, new, mark) in [(&split, &joined, "<w:del "), (&joined, &split, "<w:ins ")] {
        let doc = docx_part(&docx_redline(old, new), "word/document.xml");
        assert!(
            doc.contains(&format!("<w:rPr>{mark}")),
            "no tracked mark: {doc}"
        );
        for (accept, version) in [(true, new), (false, old)] {
            assert_eq!(
                revised_words(&doc, accept),
                revised_words(&docx_part(&plain_docx(version), "word/document.xml"), true),
                "accept {accept}: {doc}"
            );
        }
    }
}

/// Each change is by NEW's first group (else first Member, else `motion-export`) on NEW's
/// cover date (else the fallback date, else 1970-01-01): never the clock.
#[test]
fn issue_17_docx_changes_are_by_news_authors_on_its_date() {
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let (old, _) = harness::read_file(&seed);
    let (mut new, _) = apply_edit(&old, Edit::Delete(harness::Target::Paragraphs)).unwrap();
    let attrs = |new: &Motion, fallback: Option<Date>| -> Vec<(String, String)> {
        let c = compare(&old, new);
        let options = RedlineOptions {
            fallback_date: fallback,
            ..Default::default()
        };
        let r = docx::redline(&old, new, &c, &options).unwrap();
        let doc = docx_part(&r, "word/document.xml");
        let mut reader = Reader::from_str(&doc);
        let mut out = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e)
                    if matches!(e.name().as_ref(), b"w:ins" | b"w:del") =>
                {
                    let get = |a: &str| {
                        let v = e.try_get_attribute(a).unwrap().expect(a);
                        v.unescape_value().unwrap().into_owned()
                    };
                    out.push((get("w:author"), get("w:date")));
                }
                _ => {}
            }
        }
        assert!(!out.is_empty());
        out.sort();
        out.dedup();
        out
    };
    let group = new.cover.authors[0].group.clone().unwrap();
    assert_eq!(
        attrs(&new, None),
        [(group, "2021-02-09T00:00:00Z".to_string())]
    );
    new.cover.date = None;
    let fallback = Date::new(2024, 5, 6);
    assert_eq!(attrs(&new, fallback)[0].1, "2024-05-06T00:00:00Z");
    assert_eq!(attrs(&new, None)[0].1, "1970-01-01T00:00:00Z");
    new.cover.authors[0].group = None;
    let member = new.cover.authors[0].members[0].clone();
    assert_eq!(attrs(&new, None)[0].0, member);
    new.cover.authors.clear();
    assert_eq!(attrs(&new, None)[0].0, "motion-export");
}

/// The redlines of the samples are sound packages (xmllint, the plain DOCX's package checks,
/// openxml-audit's Office Open XML schemas, python-docx opening each in the house style's
/// paragraph styles), and the same bytes twice and from two threads.
#[test]
fn issue_17_docx_redlines_are_sound_packages_and_deterministic() {
    let mut docs = Vec::new();
    let mut names = Vec::new();
    for (file, edit, old, new, _) in edited() {
        if !file.starts_with(harness::repo_root().join("samples")) {
            continue;
        }
        let r = docx_redline(&old, &new);
        assert!(
            r == docx_redline(&old, &new),
            "{} {edit:?}: twice",
            file.display()
        );
        names.push(format!("{} {edit:?}", file.display()));
        docs.push(r);
    }
    let packages = crate::docx::unpack_all(&docs);
    for (what, u) in names.iter().zip(&packages) {
        crate::docx::check_package(what, u);
    }
    crate::docx::assert_well_formed(&packages);
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (docs.iter().enumerate())
        .map(|(i, d)| {
            let path = dir.path().join(format!("r{i:03}.docx"));
            std::fs::write(&path, d).unwrap();
            path
        })
        .collect();
    crate::docx::check_ooxml_schemas(&files);
    let mut args: Vec<std::ffi::OsString> =
        vec![crate::docx::check_script().into(), "inspect".into()];
    args.extend(files.iter().map(|f| f.clone().into_os_string()));
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out: Value = serde_json::from_str(&harness::run_tool("python3", &args)).unwrap();
    let styles: Vec<&str> = (docx::STYLES.iter().map(|s| s.name)).collect();
    for (what, f) in names.iter().zip(&files) {
        let paragraphs = out[f.to_str().unwrap()]["paragraphs"].as_array().unwrap();
        assert!(paragraphs.len() > 10, "{what}");
        for p in paragraphs {
            let style = p["style"].as_str().unwrap_or_default();
            assert!(
                styles.contains(&style),
                "{what}: python-docx reads style {style}"
            );
        }
    }
    // From two threads at once, the same bytes.
    let seed = harness::repo_root().join("samples/B9-0146-2021_EN.txt");
    let (old, _) = harness::read_file(&seed);
    let (new, _) = apply_edit(&old, Edit::Move(harness::Target::Recitals)).unwrap();
    let first = docx_redline(&old, &new);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| (0..3).map(|_| docx_redline(&old, &new)).collect::<Vec<_>>());
        let b = s.spawn(|| (0..3).map(|_| docx_redline(&old, &new)).collect::<Vec<_>>());
        (a.join().unwrap(), b.join().unwrap())
    });
    for bytes in a.iter().chain(&b) {
        assert!(bytes == &first, "a thread wrote other bytes");
    }
}

// ---------------------------------------------------------------------------------------------
// compare --replaced DIR

/// A group motion the joint motion sample replaces: its text with its own number, the
/// replacing lines gone, and `edit` applied to the words.
pub(crate) fn group_motion(number: &str, edit: impl Fn(String) -> String) -> String {
    let joint =
        std::fs::read_to_string(harness::repo_root().join("samples/RC-B9-0560-2023_EN.txt"))
            .unwrap();
    let (start, end) = (
        joint.find("replacing the following motions:").unwrap(),
        joint.find("Maria Musterfrau").unwrap(),
    );
    let text = format!("{}{}", &joint[..start], &joint[end..])
        .replace("RC-B9-0560/2023", number)
        .replace("JOINT MOTION FOR A RESOLUTION", "MOTION FOR A RESOLUTION");
    edit(text)
}

/// Issue 17's batch: `compare --replaced DIR` compares the joint motion in DIR with each motion
/// its cover says it replaces whose file is there (by document number, in its language), one
/// set of outputs per pair named after both, each the bytes `compare OLD NEW` writes; a replaced
/// motion missing from DIR is named; exit 1 when a pair differs, 2 when a file cannot be read
/// (the other pairs still written), and a usage error without -o.
#[test]
fn issue_17_compare_replaced_writes_one_redline_per_pair() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        harness::repo_root().join("samples/RC-B9-0560-2023_EN.txt"),
        input.join("RC-B9-0560-2023_EN.txt"),
    )
    .unwrap();
    std::fs::write(
        input.join("B9-0560-2023_EN.txt"),
        group_motion("B9-0560/2023", |t| t),
    )
    .unwrap();
    std::fs::write(
        input.join("B9-0561-2023_EN.txt"),
        group_motion("B9-0561/2023", |t| {
            t.replacen("humanitarian", "grave humanitarian", 2)
        }),
    )
    .unwrap();
    // The same number in another language is not the English joint motion's to compare.
    let path = harness::repo_root().join("samples/RC-B9-0560-2023_EN.txt");
    let (mut german, _) = harness::read_file(&path);
    german.lang = "de".into();
    german.cover.replaces.clear();
    if let Some(n) = german.cover.doc_number.as_mut() {
        n.value = "B9-0561/2023".into();
    }
    write_akn(&input, "B9-0561-2023_DE", &german);
    // A motion nothing replaces.
    std::fs::copy(
        harness::repo_root().join("samples/B9-0146-2021_EN.txt"),
        input.join("B9-0146-2021_EN.txt"),
    )
    .unwrap();

    let out_dir = dir.path().join("out");
    let out = run(&[
        &"compare",
        &"--replaced",
        &input,
        &"-o",
        &out_dir,
        &"--format",
        &"json,docx",
    ]);
    harness::assert_exit(
        &out,
        1,
        &["RC-B9-0560-2023_EN.txt: B9-0563/2023 (which it replaces) is not in"],
    );
    let names: Vec<String> = (harness::files_below(&out_dir).iter())
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let mut sorted_names = names.clone();
    sorted_names.sort();
    assert_eq!(
        sorted_names,
        [
            "RC-B9-0560-2023_EN.B9-0560-2023_EN.changes.json",
            "RC-B9-0560-2023_EN.B9-0560-2023_EN.redline.docx",
            "RC-B9-0560-2023_EN.B9-0561-2023_EN.changes.json",
            "RC-B9-0560-2023_EN.B9-0561-2023_EN.redline.docx",
        ]
    );
    // Each pair's outputs are those of comparing the two files alone.
    for old in ["B9-0560-2023_EN", "B9-0561-2023_EN"] {
        let alone = dir.path().join(format!("alone-{old}"));
        let one = run(&[
            &"compare",
            &input.join(format!("{old}.txt")),
            &input.join("RC-B9-0560-2023_EN.txt"),
            &"-o",
            &alone,
            &"--format",
            &"json,docx",
        ]);
        assert_eq!(one.status.code(), Some(1), "{}", harness::stderr(&one));
        for suffix in ["changes.json", "redline.docx"] {
            let a = std::fs::read(alone.join(format!("RC-B9-0560-2023_EN.{suffix}"))).unwrap();
            let b =
                std::fs::read(out_dir.join(format!("RC-B9-0560-2023_EN.{old}.{suffix}"))).unwrap();
            assert!(a == b, "{old} {suffix}: not what compare OLD NEW writes");
        }
    }
    // The group motion said "grave"; the joint motion, NEW, does not.
    let reworded: Value = serde_json::from_slice(
        &std::fs::read(out_dir.join("RC-B9-0560-2023_EN.B9-0561-2023_EN.changes.json")).unwrap(),
    )
    .unwrap();
    assert!(reworded["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["removed"]
            .as_array()
            .unwrap()
            .contains(&Value::from("grave"))));

    // A file that cannot be read: reported, the pairs still written, exit 2.
    harness::copy_bad("binary.txt", &input);
    let out_dir = dir.path().join("out2");
    let out = run(&[&"compare", &"--replaced", &input, &"-o", &out_dir]);
    harness::assert_exit(&out, 2, &["binary.txt", "E-INPUT-BINARY"]);
    assert_eq!(harness::files_below(&out_dir).len(), 2);

    // No joint motion: nothing to compare, said so, exit 0.
    let lone = dir.path().join("lone");
    std::fs::create_dir(&lone).unwrap();
    std::fs::copy(
        harness::repo_root().join("samples/B9-0146-2021_EN.txt"),
        lone.join("B9-0146-2021_EN.txt"),
    )
    .unwrap();
    let out = run(&[&"compare", &"--replaced", &lone, &"-o", &out_dir]);
    harness::assert_exit(
        &out,
        0,
        &[
            "no joint motion in",
            "replaces a motion whose file is there",
        ],
    );

    // Usage: -o is needed, and OLD and NEW do not go with it.
    let out = run(&[&"compare", &"--replaced", &input]);
    harness::assert_exit(
        &out,
        2,
        &["--replaced writes the outputs of every pair: give -o DIR"],
    );
    let out = run(&[
        &"compare",
        &"--replaced",
        &input,
        &"-o",
        &out_dir,
        &path,
        &path,
    ]);
    harness::assert_exit(&out, 2, &["cannot be used with"]);
}
