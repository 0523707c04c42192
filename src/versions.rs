//! Cross-language consistency: the language versions of one motion must agree on their structure,
//! their numbering and their metadata.
//!
//! Only shapes and identifiers are compared, never words or figures: translations legitimately
//! differ there (one version of B8-0661/2016 says `54 procent` where the others say `52 %`). Each
//! property is compared across all the versions of a document and the value most versions share
//! is taken as right; the versions that differ are reported, each in its own terms (its own
//! spans), so that the command line can show the finding in that version's file.

use crate::codes::{self, Code};
use crate::diag::{Diagnostic, Span};
use crate::lang;
use crate::model::{Motion, Point};
use crate::parse::patterns;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A finding about one language version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionFinding {
    /// The document the versions belong to (its number, e.g. `B9-0146/2021`).
    pub document: String,
    /// The source name (file stem) of the version that differs.
    pub source: String,
    /// What differs; its span, when it has one, points into that version's text.
    pub diagnostic: Diagnostic,
}

/// Groups the motions into documents and compares the versions of each document that has more
/// than one. `motions` are `(source name, motion)` pairs, the source name being the file stem
/// (`B9-0146-2021_EN`). Findings come by document, then in the order the versions were given.
pub fn check(motions: &[(String, &Motion)]) -> Vec<VersionFinding> {
    group(motions)
        .iter()
        .filter(|(_, versions)| versions.len() > 1)
        .flat_map(|(document, versions)| compare_document(document, versions))
        .collect()
}

/// Groups motions into the language versions of one document: by the document number the text
/// states, else by a number in the source name (`B9-0146-2021_EN`, `B-9-2021-0146_EN`), else by
/// the source name without its language code. Groups are sorted by document; within a group the
/// versions keep their given order.
pub fn group<'a>(motions: &[(String, &'a Motion)]) -> Vec<(String, Vec<(String, &'a Motion)>)> {
    let mut groups: BTreeMap<String, Vec<(String, &'a Motion)>> = BTreeMap::new();
    for (source, motion) in motions {
        groups
            .entry(document_key(source, motion))
            .or_default()
            .push((source.clone(), *motion));
    }
    groups.into_iter().collect()
}

/// Compares the language versions of one document; `versions` are `(source name, motion)` pairs.
/// The document is named after the first version that states a number.
pub fn compare(versions: &[(String, &Motion)]) -> Vec<VersionFinding> {
    let document = versions
        .iter()
        .map(|(source, motion)| document_key(source, motion))
        .next()
        .unwrap_or_default();
    compare_document(&document, versions)
}

/// The document a version belongs to.
pub fn document_key(source: &str, motion: &Motion) -> String {
    if let Some(number) = &motion.cover.doc_number {
        return number.value.clone();
    }
    let stem = without_language(source);
    number_in_name(stem).unwrap_or_else(|| stem.to_string())
}

/// `B9-0146-2021_EN` -> `B9-0146-2021`; names without a language code stay as they are.
fn without_language(stem: &str) -> &str {
    match lang::from_name(stem) {
        Some(_) => &stem[..stem.len() - 3],
        None => stem,
    }
}

/// A document number spelled in a file name: `B9-0146-2021` (this project's samples and corpus)
/// or `B-9-2021-0146` / `RC-9-2021-0146` (the Parliament's own file names).
fn number_in_name(stem: &str) -> Option<String> {
    if let Some((head, year)) = stem.rsplit_once('-') {
        if let Some(n) = patterns::doc_number(&format!("{head}/{year}")) {
            return Some(n);
        }
    }
    let parts: Vec<&str> = stem.split('-').collect();
    if let [series, term, year, number] = parts.as_slice() {
        let series = if *series == "RC" { "RC-B" } else { series };
        return patterns::doc_number(&format!("{series}{term}-{number}/{year}"));
    }
    None
}

/// One comparable property of a version.
struct Facet {
    /// What is compared, as named in messages: `recitals`, `points in paragraph 3`.
    name: String,
    code: &'static Code,
    /// The value compared between versions.
    value: String,
    /// The value as shown in messages.
    shown: String,
    span: Option<Span>,
    /// The facet that must agree before this one is compared (numbering after counts).
    after: Option<String>,
    /// The value is what a faultless version would have (numbers running from the first without
    /// gaps); it wins a tie between as many versions on each side.
    regular: bool,
    hint: &'static str,
}

/// Compares each property across the versions; a property that depends on another (numbering
/// on counts) is compared only between versions that agree on the other.
fn compare_document(document: &str, versions: &[(String, &Motion)]) -> Vec<VersionFinding> {
    let facets: Vec<Vec<Facet>> = versions.iter().map(|(_, m)| facets_of(m)).collect();
    let mut flagged: BTreeSet<(usize, &str)> = BTreeSet::new();
    let mut found: Vec<(usize, usize, VersionFinding)> = Vec::new();
    for (order, name) in facet_names(&facets).into_iter().enumerate() {
        let entries = comparable(&facets, name, &flagged);
        if entries.len() < 2 {
            continue;
        }
        let reference = majority(&entries);
        let holders: Vec<&str> = entries
            .iter()
            .filter(|(_, f)| f.value == reference.value)
            .map(|(i, _)| versions[*i].0.as_str())
            .collect();
        for (i, f) in entries.iter().filter(|(_, f)| f.value != reference.value) {
            flagged.insert((*i, name));
            let finding = VersionFinding {
                document: document.to_string(),
                source: versions[*i].0.clone(),
                diagnostic: difference(f, reference, &holders),
            };
            found.push((*i, order, finding));
        }
    }
    // By version, then by property, whatever the order properties were met in.
    found.sort_by_key(|(i, order, _)| (*i, *order));
    found.into_iter().map(|(_, _, f)| f).collect()
}

/// The names of the properties, in the order first met.
fn facet_names(facets: &[Vec<Facet>]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for f in facets.iter().flatten() {
        if !names.contains(&f.name.as_str()) {
            names.push(&f.name);
        }
    }
    names
}

/// The versions that have property `name` and agree on what it depends on.
fn comparable<'f>(
    facets: &'f [Vec<Facet>],
    name: &str,
    flagged: &BTreeSet<(usize, &str)>,
) -> Vec<(usize, &'f Facet)> {
    facets
        .iter()
        .enumerate()
        .filter_map(|(i, fs)| fs.iter().find(|f| f.name == name).map(|f| (i, f)))
        .filter(|(i, f)| {
            f.after
                .as_deref()
                .is_none_or(|dep| !flagged.contains(&(*i, dep)))
        })
        .collect()
}

/// "recitals: 3 here, 4 in X_EN and X_FR".
fn difference(f: &Facet, reference: &Facet, holders: &[&str]) -> Diagnostic {
    let message = format!(
        "{}: {} here, {} in {}",
        f.name,
        f.shown,
        reference.shown,
        list_sources(holders)
    );
    Diagnostic::new(f.code, f.span, message).hint(f.hint)
}

/// The value most versions share; on a tie, a regular one, then the one of the earliest version.
fn majority<'f>(entries: &[(usize, &'f Facet)]) -> &'f Facet {
    let mut best: Option<((usize, bool), &Facet)> = None;
    for (_, f) in entries {
        let count = entries.iter().filter(|(_, g)| g.value == f.value).count();
        let rank = (count, f.regular);
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, f));
        }
    }
    best.expect("at least two entries").1
}

/// `B8-0775-2015_EN`, `B8-0775-2015_EN and B8-0775-2015_DE`, `X, Y and 3 other versions`.
fn list_sources(sources: &[&str]) -> String {
    match sources {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} other versions", rest.len()),
    }
}

/// Every property of a motion that its language versions share.
fn facets_of(m: &Motion) -> Vec<Facet> {
    let mut out = Vec::new();
    structure(m, &mut out);
    numbering(m, &mut out);
    metadata(m, &mut out);
    out
}

const STRUCTURE_HINT: &str =
    "check that no part was lost, split or merged when this version was copied";
const NUMBERING_HINT: &str = "number the parts as the other language versions do";
const METADATA_HINT: &str = "check the cover of this version against the other language versions";

fn count_facet(name: &str, count: usize, span: Option<Span>) -> Facet {
    Facet {
        name: name.to_string(),
        code: &codes::VERSIONS_STRUCTURE,
        value: count.to_string(),
        shown: count.to_string(),
        span,
        after: None,
        regular: false,
        hint: STRUCTURE_HINT,
    }
}

fn span_of(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.reduce(Span::to)
}

/// Counts of citations, recitals, paragraphs, headings and footnotes, and the points of each
/// recital and paragraph.
fn structure(m: &Motion, out: &mut Vec<Facet>) {
    let paragraphs: Vec<_> = m.paragraphs().collect();
    out.push(count_facet(
        "citations",
        m.citations.len(),
        span_of(m.citations.iter().map(|c| c.span)),
    ));
    out.push(count_facet(
        "recitals",
        m.recitals.len(),
        span_of(m.recitals.iter().map(|r| r.span)),
    ));
    out.push(count_facet(
        "paragraphs",
        paragraphs.len(),
        span_of(paragraphs.iter().map(|p| p.span)),
    ));
    out.push(count_facet("headings", m.headings().count(), None));
    out.push(count_facet(
        "footnotes",
        m.footnotes.len(),
        span_of(m.footnotes.iter().map(|n| n.span)),
    ));
    let containers = m
        .recitals
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("recital {}", i + 1), "recitals", &r.points, r.span))
        .chain(paragraphs.iter().enumerate().map(|(i, p)| {
            (
                format!("paragraph {}", i + 1),
                "paragraphs",
                &p.points,
                p.span,
            )
        }));
    for (place, parent, points, span) in containers {
        let total = count_points(points);
        out.push(Facet {
            name: format!("points in {place}"),
            code: &codes::VERSIONS_STRUCTURE,
            value: shape(points),
            shown: format!("{total} point{}", if total == 1 { "" } else { "s" }),
            span: Some(span_of(points.iter().map(|p| p.span)).unwrap_or(span)),
            after: Some(parent.to_string()),
            regular: false,
            hint: STRUCTURE_HINT,
        });
    }
}

fn count_points(points: &[Point]) -> usize {
    points.iter().map(|p| 1 + count_points(&p.points)).sum()
}

/// The nesting of points: `..(..).` for three points, the second with two of its own.
fn shape(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| {
            if p.points.is_empty() {
                ".".to_string()
            } else {
                format!("({})", shape(&p.points))
            }
        })
        .collect()
}

/// How recitals, paragraphs and points are numbered, compared once their counts agree.
fn numbering(m: &Motion, out: &mut Vec<Facet>) {
    let profile = lang::profile(&m.lang);
    let recital_index = |value: &str| {
        profile
            .and_then(|p| p.recital_index(value))
            .map_or_else(|| format!("?{value}"), |i| i.to_string())
    };
    let numbered = |name: &str, after: &str, values: Vec<String>, shown: Vec<&str>, span| Facet {
        name: name.to_string(),
        code: &codes::VERSIONS_NUMBERING,
        regular: is_regular(&values, name),
        value: values.join(","),
        shown: shown.join(" "),
        span,
        after: Some(after.to_string()),
        hint: NUMBERING_HINT,
    };
    out.push(numbered(
        RECITAL_NUMBERS,
        "recitals",
        m.recitals
            .iter()
            .map(|r| recital_index(&r.num.value))
            .collect(),
        m.recitals.iter().map(|r| r.num.text.as_str()).collect(),
        span_of(m.recitals.iter().map(|r| r.span)),
    ));
    let paragraphs: Vec<_> = m.paragraphs().collect();
    out.push(numbered(
        PARAGRAPH_NUMBERS,
        "paragraphs",
        paragraphs.iter().map(|p| p.num.value.clone()).collect(),
        paragraphs.iter().map(|p| p.num.text.as_str()).collect(),
        span_of(paragraphs.iter().map(|p| p.span)),
    ));
    let containers = m
        .recitals
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("recital {}", i + 1), &r.points))
        .chain(
            paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("paragraph {}", i + 1), &p.points)),
        );
    for (place, points) in containers.filter(|(_, p)| !p.is_empty()) {
        let mut all = Vec::new();
        flatten(points, &mut all);
        out.push(numbered(
            &format!("point numbers in {place}"),
            &format!("points in {place}"),
            all.iter().map(|p| p.num.value.clone()).collect(),
            all.iter().map(|p| p.num.text.as_str()).collect(),
            span_of(all.iter().map(|p| p.span)),
        ));
    }
}

const RECITAL_NUMBERS: &str = "recital numbers";
const PARAGRAPH_NUMBERS: &str = "paragraph numbers";

/// Recital positions `0, 1, 2 ...` or paragraph numbers `1, 2, 3 ...`; points are not judged.
fn is_regular(values: &[String], name: &str) -> bool {
    let first = match name {
        RECITAL_NUMBERS => 0,
        PARAGRAPH_NUMBERS => 1,
        _ => return false,
    };
    values
        .iter()
        .enumerate()
        .all(|(i, v)| *v == (first + i).to_string())
}

fn flatten<'m>(points: &'m [Point], out: &mut Vec<&'m Point>) {
    for p in points {
        out.push(p);
        flatten(&p.points, out);
    }
}

/// Document number, date, procedure, Rule, kind and number of authors, when the version states
/// them.
fn metadata(m: &Motion, out: &mut Vec<Facet>) {
    let c = &m.cover;
    let mut stated = |name: &str, value: String, span: Option<Span>| {
        out.push(Facet {
            name: name.to_string(),
            code: &codes::VERSIONS_METADATA,
            shown: value.clone(),
            value,
            span,
            after: None,
            regular: false,
            hint: METADATA_HINT,
        });
    };
    if let Some(n) = &c.doc_number {
        stated("document number", n.value.clone(), Some(n.span));
    }
    if let Some(d) = &c.date {
        stated("date", d.value.to_string(), Some(d.span));
    }
    if let Some(p) = &c.procedure {
        stated("procedure", p.value.clone(), Some(p.span));
    }
    if let Some(r) = &c.rule {
        // Only the Rule's own number: how paragraphs of a Rule are cited varies by language
        // ("Rule 132(2)", "článku 132 odst. 2").
        let number: String = r
            .value
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        stated("Rule", format!("Rule {number}"), Some(r.span));
    }
    if let Some(k) = &c.kind_text {
        stated(
            "kind of document",
            c.kind.akn_name().to_string(),
            Some(k.span),
        );
    }
    if c.author_count() > 0 {
        let span = span_of(c.authors.iter().map(|a| a.span));
        stated("authors", c.author_count().to_string(), span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn num(text: &str, value: &str) -> Num {
        Num {
            text: text.into(),
            value: value.into(),
        }
    }

    fn para(text: &str) -> Vec<Para> {
        vec![Para::plain(text, Span::default())]
    }

    /// A motion with `recitals` lettered in `lang`'s numbering and `paragraphs` numbered from 1.
    fn motion(lang: &str, recitals: usize, paragraphs: usize) -> Motion {
        let profile = lang::profile(lang).unwrap();
        let mut m = Motion {
            lang: lang.into(),
            ..Motion::default()
        };
        m.cover.doc_number = Some(Located {
            value: "B9-0146/2021".into(),
            span: Span::default(),
        });
        for i in 0..recitals {
            let n = profile.recital_number(i).unwrap();
            m.recitals.push(Recital {
                num: num(&format!("{n}."), &n),
                content: para("whereas 52 %"),
                points: Vec::new(),
                span: Span::default(),
            });
        }
        for i in 1..=paragraphs {
            m.body.push(BodyItem::Paragraph(Paragraph {
                num: num(&format!("{i}."), &i.to_string()),
                content: para("Calls"),
                points: Vec::new(),
                wrap_up: Vec::new(),
                span: Span::default(),
            }));
        }
        m
    }

    fn codes_of(findings: &[VersionFinding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.source.as_str(), f.diagnostic.code))
            .collect()
    }

    #[test]
    fn same_structure_in_other_alphabets_agrees() {
        let (en, el, bg) = (motion("en", 8, 3), motion("el", 8, 3), motion("bg", 8, 3));
        let mut el_other_words = el.clone();
        el_other_words.recitals[1].content = para("λαμβάνοντας υπόψη 54 %");
        let versions = [
            ("X_EN".to_string(), &en),
            ("X_EL".to_string(), &el_other_words),
            ("X_BG".to_string(), &bg),
        ];
        assert_eq!(compare(&versions), []);
        assert_eq!(el.recitals[5].num.value, "ΣΤ");
    }

    #[test]
    fn the_odd_version_out_is_reported() {
        let (en, de, fr) = (motion("en", 3, 3), motion("de", 2, 3), motion("fr", 3, 3));
        let versions = [
            ("X_EN".to_string(), &en),
            ("X_DE".to_string(), &de),
            ("X_FR".to_string(), &fr),
        ];
        let found = compare(&versions);
        assert_eq!(codes_of(&found), [("X_DE", "E-VERSIONS-STRUCTURE")]);
        assert_eq!(
            found[0].diagnostic.message,
            "recitals: 2 here, 3 in X_EN and X_FR"
        );
        // Numbering is not compared on top of a different count.
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn numbering_and_points_are_compared() {
        let en = motion("en", 3, 3);
        let mut fr = motion("fr", 3, 3);
        if let BodyItem::Paragraph(p) = &mut fr.body[2] {
            p.num = num("4.", "4");
        }
        let mut de = motion("de", 3, 3);
        if let BodyItem::Paragraph(p) = &mut de.body[0] {
            p.points.push(Point {
                num: num("(a)", "a"),
                content: para("x"),
                points: Vec::new(),
                span: Span::default(),
            });
        }
        let versions = [
            ("X_EN".to_string(), &en),
            ("X_FR".to_string(), &fr),
            ("X_DE".to_string(), &de),
        ];
        assert_eq!(
            codes_of(&compare(&versions)),
            [
                ("X_FR", "E-VERSIONS-NUMBERING"),
                ("X_DE", "E-VERSIONS-STRUCTURE")
            ]
        );
    }

    #[test]
    fn metadata_is_compared_only_where_stated() {
        let en = motion("en", 1, 1);
        let mut de = motion("de", 1, 1);
        de.cover.doc_number = None;
        let mut it = motion("it", 1, 1);
        it.cover.date = Some(Located {
            value: Date::new(2021, 2, 9).unwrap(),
            span: Span::default(),
        });
        let mut fr = it.clone();
        fr.cover.date = Some(Located {
            value: Date::new(2021, 2, 10).unwrap(),
            span: Span::default(),
        });
        let versions = [
            ("X_EN".to_string(), &en),
            ("X_DE".to_string(), &de),
            ("X_IT".to_string(), &it),
            ("X_FR".to_string(), &fr),
        ];
        // Two dates, one each: the earlier version's is taken as right.
        assert_eq!(
            codes_of(&compare(&versions)),
            [("X_FR", "E-VERSIONS-METADATA")]
        );
    }

    #[test]
    fn groups_by_number_then_by_name() {
        let with_number = motion("en", 1, 1);
        let mut without = motion("de", 1, 1);
        without.cover.doc_number = None;
        let motions = [
            ("B9-0146-2021_EN".to_string(), &with_number),
            ("B9-0146-2021_DE".to_string(), &without),
            ("B-9-2021-0146_FR".to_string(), &without),
            ("notes_IT".to_string(), &without),
            ("notes_ES".to_string(), &without),
            ("other".to_string(), &without),
        ];
        let groups: Vec<(String, Vec<String>)> = group(&motions)
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|(s, _)| s).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                (
                    "B9-0146/2021".to_string(),
                    vec![
                        "B9-0146-2021_EN".to_string(),
                        "B9-0146-2021_DE".to_string(),
                        "B-9-2021-0146_FR".to_string()
                    ]
                ),
                (
                    "notes".to_string(),
                    vec!["notes_IT".to_string(), "notes_ES".to_string()]
                ),
                ("other".to_string(), vec!["other".to_string()]),
            ]
        );
        assert_eq!(
            number_in_name("RC-10-2025-0249").as_deref(),
            Some("RC-B10-0249/2025")
        );
    }
}
