//! The real motions of `../shared/corpus/ep/` and the seed: each parses with no error and gives
//! what `EXPECTED.tsv` says a correct parse finds.

use crate::harness::{self, all_points, read_file, shared_dir};
use motion_export::model::Motion;
use std::path::PathBuf;

/// One row of EXPECTED.tsv, by column name.
struct Expected {
    fields: Vec<(String, String)>,
}

impl Expected {
    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn path(&self) -> PathBuf {
        let dir = if self.get("folder") == "seed" {
            "seed"
        } else {
            "corpus/ep"
        };
        shared_dir().join(dir).join(self.get("file"))
    }
}

fn expected_rows() -> Vec<Expected> {
    let text =
        std::fs::read_to_string(shared_dir().join("corpus/EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split('\t')
        .map(str::to_string)
        .collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| Expected {
            fields: header
                .iter()
                .cloned()
                .zip(l.split('\t').map(str::to_string))
                .collect(),
        })
        .collect()
}

/// The title as EXPECTED.tsv records it: the cover's, or the resolution's own title without its
/// leading words and trailing references.
fn title_of(m: &Motion) -> String {
    if let Some(t) = &m.cover.title {
        return t
            .plain_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    let Some(t) = &m.title else {
        return String::new();
    };
    let mut t = t.plain_text();
    if let Some(i) = t.find(" on ") {
        t = t[i + 1..].to_string();
    }
    if t.ends_with(')') {
        if let Some(open) = t.rfind(" (") {
            let mut depth = 0;
            let tail = &t[open + 1..];
            let balanced = tail.chars().all(|c| {
                depth += (c == '(') as i32 - (c == ')') as i32;
                depth >= 0
            });
            if balanced {
                t.truncate(open);
            }
        }
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(row: &Expected) -> Vec<String> {
    let (m, diags) = read_file(&row.path());
    let mut problems = Vec::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        problems.push(format!(
            "error {} at {:?}: {}",
            d.code,
            d.span.map(|s| s.line),
            d.message
        ));
    }
    let mut expect = |what: &str, got: String| {
        let want = row.get(what);
        let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        if normal(want) != normal(&got) {
            problems.push(format!("{what}: expected {want:?}, got {got:?}"));
        }
    };
    let c = &m.cover;
    expect(
        "doc_number",
        c.doc_number
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_default(),
    );
    expect("language", m.lang.to_uppercase());
    expect(
        "date",
        c.date
            .as_ref()
            .map(|d| d.value.to_string())
            .unwrap_or_default(),
    );
    expect(
        "rule",
        c.rule.as_ref().map(|r| r.value.clone()).unwrap_or_default(),
    );
    expect(
        "procedure",
        c.procedure
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
    );
    expect("title", title_of(&m));
    expect("authors", c.author_count().to_string());
    expect("groups", c.groups().join(";"));
    expect("citations", m.citations.len().to_string());
    expect("recitals", m.recitals.len().to_string());
    expect("paragraphs", m.paragraphs().count().to_string());
    expect("subpoints", all_points(&m).to_string());
    expect("footnotes", m.footnotes.len().to_string());
    expect("headings", m.headings().count().to_string());
    let last = m
        .paragraphs()
        .last()
        .map(|p| {
            p.content
                .first()
                .map(|c| c.plain_text())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let want = row.get("last_paragraph_start");
    let last_norm = last.split_whitespace().collect::<Vec<_>>().join(" ");
    if !last_norm.starts_with(&want.split_whitespace().collect::<Vec<_>>().join(" ")) {
        problems.push(format!(
            "last_paragraph_start: expected {want:?}, got {:?}",
            &last_norm[..last_norm.len().min(60)]
        ));
    }
    problems
}

fn check_rows(filter: impl Fn(&Expected) -> bool) {
    let mut failures = Vec::new();
    let rows: Vec<Expected> = expected_rows().into_iter().filter(|r| filter(r)).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let problems = check(row);
        if !problems.is_empty() {
            failures.push(format!("{}:\n  {}", row.get("file"), problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ from EXPECTED.tsv:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn english_motions_match_expected() {
    check_rows(|r| r.get("language") == "EN");
}

/// Every row of EXPECTED.tsv, in all the languages of the corpus (issue 7).
#[test]
fn all_language_motions_match_expected() {
    check_rows(|_| true);
}

#[test]
fn corpus_and_samples_parse_without_errors() {
    let mut failures = Vec::new();
    // Every file in a language the reader has a profile for (the language code ends the name).
    let supported = |p: &PathBuf| {
        let stem = crate::harness::stem(p);
        motion_export::lang::from_name(&stem).is_some()
    };
    for path in harness::corpus_files()
        .into_iter()
        .filter(supported)
        .chain(harness::sample_files())
    {
        let (_, diags) = read_file(&path);
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{}: {}", path.display(), errors.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
