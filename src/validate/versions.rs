//! Cross-language consistency: the language versions of one motion must agree on their structure,
//! their numbering and their metadata.
//!
//! Only shapes and identifiers are compared, never words or figures: translations legitimately
//! differ there (one version of B8-0661/2016 says `54 procent` where the others say `52 %`). Each
//! property is compared across all the versions of a document and the value most versions share
//! is taken as right; the versions that differ are reported, each in its own terms (its own
//! spans), so that the command line can show the finding in that version's file.

use crate::diag::codes::{self, Code};
use crate::diag::{Diagnostic, Span};
use crate::lang;
use crate::model::{Motion, Point};
use crate::vocab::patterns;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// A finding about one language version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionFinding {
    /// The document the versions belong to (its number, e.g. `B9-0146/2021`).
    pub document: String,
    /// The source name (file stem) of the version that differs.
    pub source: String,
    /// The position of that version among those given to [`check`] or [`check_versions`]:
    /// source names may repeat (the same file name in two folders), positions do not.
    pub version: usize,
    /// What differs; its span, when it has one, points into that version's text.
    pub diagnostic: Diagnostic,
}

/// What the comparison needs of one language version, without the motion: its source name, its
/// document and its comparable properties (counts, numbering, metadata). Small enough to hold
/// for every file of a large batch at once.
#[derive(Debug, Clone)]
pub struct Version {
    source: String,
    document: String,
    facets: Vec<Facet>,
}

impl Version {
    /// The facts of `motion`, read from the file whose stem is `source`.
    pub fn of(source: &str, motion: &Motion) -> Version {
        Version {
            source: source.to_string(),
            document: document_key(source, motion),
            facets: facets_of(motion),
        }
    }

    /// The document this version belongs to.
    pub fn document(&self) -> &str {
        &self.document
    }
}

/// Groups the motions into documents and compares the versions of each document that has more
/// than one. `motions` are `(source name, motion)` pairs, the source name being the file stem
/// (`B9-0146-2021_EN`). Findings come by document, then in the order the versions were given.
pub fn check(motions: &[(String, &Motion)]) -> Vec<VersionFinding> {
    let versions: Vec<Version> = motions.iter().map(|(s, m)| Version::of(s, m)).collect();
    check_versions(&versions)
}

/// [`check`] over the facts of each version: versions are grouped by document (in sorted order),
/// and each property is compared across a group in one pass, so the work grows with the number
/// of versions, not with its square.
pub fn check_versions(versions: &[Version]) -> Vec<VersionFinding> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, v) in versions.iter().enumerate() {
        groups.entry(&v.document).or_default().push(i);
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .flat_map(|(document, members)| compare_group(document, versions, &members))
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
    let versions: Vec<Version> = versions.iter().map(|(s, m)| Version::of(s, m)).collect();
    let document = versions
        .first()
        .map(|v| v.document.clone())
        .unwrap_or_default();
    let members: Vec<usize> = (0..versions.len()).collect();
    compare_group(&document, &versions, &members)
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

/// A part of a motion that is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Citations,
    Recitals,
    Paragraphs,
    Headings,
    Footnotes,
}

/// A recital or paragraph, by its position (from 1), that may hold points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Recital(u32),
    Paragraph(u32),
}

/// A cover fact a version may state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Stated {
    DocNumber,
    Date,
    Procedure,
    Rule,
    Kind,
    Authors,
}

/// One comparable property of a version; its name, code, hint and what it depends on follow
/// from it, so a version holds none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Property {
    Count(Part),
    /// The nesting of the points of a recital or paragraph.
    Points(Place),
    RecitalNumbers,
    ParagraphNumbers,
    PointNumbers(Place),
    Metadata(Stated),
}

impl Property {
    fn code(self) -> &'static Code {
        match self {
            Property::Count(_) | Property::Points(_) => &codes::VERSIONS_STRUCTURE,
            Property::RecitalNumbers | Property::ParagraphNumbers | Property::PointNumbers(_) => {
                &codes::VERSIONS_NUMBERING
            }
            Property::Metadata(_) => &codes::VERSIONS_METADATA,
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Property::Count(_) | Property::Points(_) => STRUCTURE_HINT,
            Property::RecitalNumbers | Property::ParagraphNumbers | Property::PointNumbers(_) => {
                NUMBERING_HINT
            }
            Property::Metadata(_) => METADATA_HINT,
        }
    }

    /// The property that must agree before this one is compared (numbering after counts).
    fn after(self) -> Option<Property> {
        let parent = |place| match place {
            Place::Recital(_) => Property::Count(Part::Recitals),
            Place::Paragraph(_) => Property::Count(Part::Paragraphs),
        };
        match self {
            Property::Points(place) => Some(parent(place)),
            Property::RecitalNumbers => Some(Property::Count(Part::Recitals)),
            Property::ParagraphNumbers => Some(Property::Count(Part::Paragraphs)),
            Property::PointNumbers(place) => Some(Property::Points(place)),
            Property::Count(_) | Property::Metadata(_) => None,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Recital(i) => write!(f, "recital {i}"),
            Place::Paragraph(i) => write!(f, "paragraph {i}"),
        }
    }
}

/// As named in messages: `recitals`, `points in paragraph 3`.
impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Property::Count(part) => f.write_str(match part {
                Part::Citations => "citations",
                Part::Recitals => "recitals",
                Part::Paragraphs => "paragraphs",
                Part::Headings => "headings",
                Part::Footnotes => "footnotes",
            }),
            Property::Points(place) => write!(f, "points in {place}"),
            Property::RecitalNumbers => f.write_str("recital numbers"),
            Property::ParagraphNumbers => f.write_str("paragraph numbers"),
            Property::PointNumbers(place) => write!(f, "point numbers in {place}"),
            Property::Metadata(stated) => f.write_str(match stated {
                Stated::DocNumber => "document number",
                Stated::Date => "date",
                Stated::Procedure => "procedure",
                Stated::Rule => "Rule",
                Stated::Kind => "kind of document",
                Stated::Authors => "authors",
            }),
        }
    }
}

/// One comparable property of a version and its value.
#[derive(Debug, Clone)]
struct Facet {
    property: Property,
    /// The value compared between versions.
    value: Box<str>,
    /// The value as shown in messages, when it is not the value itself.
    shown: Option<Box<str>>,
    span: Option<Span>,
    /// The value is what a faultless version would have (numbers running from the first without
    /// gaps); it wins a tie between as many versions on each side.
    regular: bool,
}

impl Facet {
    fn new(property: Property, value: String, span: Option<Span>) -> Facet {
        Facet {
            property,
            value: value.into(),
            shown: None,
            span,
            regular: false,
        }
    }

    /// The value as shown in messages: points as their count, numbers as the version writes them.
    fn shown(&self) -> String {
        if let Some(shown) = &self.shown {
            return shown.to_string();
        }
        match self.property {
            // The shape has one `.` or `(` per point.
            Property::Points(_) => {
                let total = self.value.matches(['.', '(']).count();
                format!("{total} point{}", if total == 1 { "" } else { "s" })
            }
            _ => self.value.to_string(),
        }
    }
}

/// Compares each property across the versions `members` (positions in `versions`) of one
/// document; a property that depends on another (numbering on counts) is compared only between
/// versions that agree on the other.
fn compare_group(document: &str, versions: &[Version], members: &[usize]) -> Vec<VersionFinding> {
    // Each property with the versions that have it, properties in the order first met.
    let mut order: Vec<Property> = Vec::new();
    let mut holding: HashMap<Property, Vec<(usize, &Facet)>> = HashMap::new();
    for &i in members {
        for f in &versions[i].facets {
            let entries = holding.entry(f.property).or_insert_with(|| {
                order.push(f.property);
                Vec::new()
            });
            entries.push((i, f));
        }
    }
    let mut flagged: HashSet<(usize, Property)> = HashSet::new();
    let mut found: Vec<(usize, usize, VersionFinding)> = Vec::new();
    for (rank, property) in order.iter().enumerate() {
        let entries: Vec<(usize, &Facet)> = holding[property]
            .iter()
            .filter(|(i, _)| {
                property
                    .after()
                    .is_none_or(|dep| !flagged.contains(&(*i, dep)))
            })
            .copied()
            .collect();
        if entries.len() < 2 {
            continue;
        }
        let reference = majority(&entries);
        let mut holders = entries
            .iter()
            .filter(|(_, f)| f.value == reference.value)
            .map(|(i, _)| versions[*i].source.as_str());
        let first_two: Vec<&str> = holders.by_ref().take(2).collect();
        let others = holders.count();
        let shown_reference = reference.shown();
        for (i, f) in entries.iter().filter(|(_, f)| f.value != reference.value) {
            flagged.insert((*i, *property));
            let message = format!(
                "{property}: {} here, {shown_reference} in {}",
                f.shown(),
                list_sources(&first_two, others)
            );
            let finding = VersionFinding {
                document: document.to_string(),
                source: versions[*i].source.clone(),
                version: *i,
                diagnostic: Diagnostic::new(property.code(), f.span, message).hint(property.hint()),
            };
            found.push((*i, rank, finding));
        }
    }
    // By version, then by property, whatever the order properties were met in.
    found.sort_by_key(|(i, rank, _)| (*i, *rank));
    found.into_iter().map(|(_, _, f)| f).collect()
}

/// The value most versions share; on a tie, a regular one, then the one of the earliest version.
/// Counted in one pass over the entries.
fn majority<'f>(entries: &[(usize, &'f Facet)]) -> &'f Facet {
    let mut tally: HashMap<&str, (usize, usize)> = HashMap::new();
    for (position, (_, f)) in entries.iter().enumerate() {
        tally.entry(&f.value).or_insert((0, position)).0 += 1;
    }
    let (_, first) = tally
        .values()
        .map(|&(count, first)| ((count, entries[first].1.regular, usize::MAX - first), first))
        .max()
        .expect("at least two entries");
    entries[first].1
}

/// `B8-0775-2015_EN`, `B8-0775-2015_EN and B8-0775-2015_DE`, `X, Y and 3 other versions`: the
/// first two versions named, the `others` counted.
fn list_sources(first_two: &[&str], others: usize) -> String {
    match (first_two, others) {
        ([], _) => String::new(),
        ([one], _) => one.to_string(),
        ([a, b], 0) => format!("{a} and {b}"),
        ([a, b, ..], _) => format!("{a}, {b} and {others} other versions"),
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

fn span_of(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.reduce(Span::to)
}

/// Position `i` (from 0) as a place's number (from 1).
fn nth(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// Counts of citations, recitals, paragraphs, headings and footnotes, and the points of each
/// recital and paragraph.
fn structure(m: &Motion, out: &mut Vec<Facet>) {
    let paragraphs: Vec<_> = m.paragraphs().collect();
    let mut count = |part, n: usize, span| {
        out.push(Facet::new(Property::Count(part), n.to_string(), span));
    };
    count(
        Part::Citations,
        m.citations.len(),
        span_of(m.citations.iter().map(|c| c.span)),
    );
    count(
        Part::Recitals,
        m.recitals.len(),
        span_of(m.recitals.iter().map(|r| r.span)),
    );
    count(
        Part::Paragraphs,
        paragraphs.len(),
        span_of(paragraphs.iter().map(|p| p.span)),
    );
    count(Part::Headings, m.headings().count(), None);
    count(
        Part::Footnotes,
        m.footnotes.len(),
        span_of(m.footnotes.iter().map(|n| n.span)),
    );
    let containers = m
        .recitals
        .iter()
        .enumerate()
        .map(|(i, r)| (Place::Recital(nth(i)), &r.points, r.span))
        .chain(
            paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (Place::Paragraph(nth(i)), &p.points, p.span)),
        );
    for (place, points, span) in containers {
        out.push(Facet::new(
            Property::Points(place),
            shape(points),
            Some(span_of(points.iter().map(|p| p.span)).unwrap_or(span)),
        ));
    }
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
    let numbered = |property, values: Vec<String>, shown: Vec<&str>, span| Facet {
        property,
        regular: is_regular(&values, property),
        value: values.join(",").into(),
        shown: Some(shown.join(" ").into()),
        span,
    };
    out.push(numbered(
        Property::RecitalNumbers,
        m.recitals
            .iter()
            .map(|r| recital_index(&r.num.value))
            .collect(),
        m.recitals.iter().map(|r| r.num.text.as_str()).collect(),
        span_of(m.recitals.iter().map(|r| r.span)),
    ));
    let paragraphs: Vec<_> = m.paragraphs().collect();
    out.push(numbered(
        Property::ParagraphNumbers,
        paragraphs.iter().map(|p| p.num.value.to_string()).collect(),
        paragraphs.iter().map(|p| p.num.text.as_str()).collect(),
        span_of(paragraphs.iter().map(|p| p.span)),
    ));
    let containers = m
        .recitals
        .iter()
        .enumerate()
        .map(|(i, r)| (Place::Recital(nth(i)), &r.points))
        .chain(
            paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (Place::Paragraph(nth(i)), &p.points)),
        );
    for (place, points) in containers.filter(|(_, p)| !p.is_empty()) {
        let mut all = Vec::new();
        flatten(points, &mut all);
        out.push(numbered(
            Property::PointNumbers(place),
            all.iter().map(|p| p.num.value.to_string()).collect(),
            all.iter().map(|p| p.num.text.as_str()).collect(),
            span_of(all.iter().map(|p| p.span)),
        ));
    }
}

/// Recital positions `0, 1, 2 ...` or paragraph numbers `1, 2, 3 ...`; points are not judged.
fn is_regular(values: &[String], property: Property) -> bool {
    let first = match property {
        Property::RecitalNumbers => 0,
        Property::ParagraphNumbers => 1,
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
    let mut stated = |stated, value: String, span: Option<Span>| {
        out.push(Facet::new(Property::Metadata(stated), value, span));
    };
    if let Some(n) = &c.doc_number {
        stated(Stated::DocNumber, n.value.clone(), Some(n.span));
    }
    if let Some(d) = &c.date {
        stated(Stated::Date, d.value.to_string(), Some(d.span));
    }
    if let Some(p) = &c.procedure {
        stated(Stated::Procedure, p.value.clone(), Some(p.span));
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
        stated(Stated::Rule, format!("Rule {number}"), Some(r.span));
    }
    if let Some(k) = &c.kind_text {
        stated(Stated::Kind, c.kind.akn_name().to_string(), Some(k.span));
    }
    if c.author_count() > 0 {
        let span = span_of(c.authors.iter().map(|a| a.span));
        stated(Stated::Authors, c.author_count().to_string(), span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

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
                num: Num::printed(&format!("{n}.")),
                content: para("whereas 52 %"),
                points: Vec::new(),
                span: Span::default(),
            });
        }
        for i in 1..=paragraphs {
            m.body.push(BodyItem::Paragraph(Paragraph {
                num: Num::printed(&format!("{i}.")),
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
            p.num = Num::printed("4.");
        }
        let mut de = motion("de", 3, 3);
        if let BodyItem::Paragraph(p) = &mut de.body[0] {
            p.points.push(Point {
                num: Num::printed("(a)"),
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
