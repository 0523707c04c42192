//! The 24 official languages (issue 7): each sample motion in `samples/languages/` reads cleanly
//! in its own language, every corpus file is recognised from its text alone, close languages are
//! told apart, and the Greek and Bulgarian recital numbering is understood.

use crate::harness::{self, read_file, repo_root};
use motion_export::diag::Severity;
use motion_export::export::{self, ExportOptions, Format};
use motion_export::lang::{self, LANGUAGES};
use motion_export::model::{Located, Motion};
use motion_export::validate::versions;
use std::path::{Path, PathBuf};

/// The sample of one language: `samples/languages/B9-0999-2024_DE.txt`.
fn sample(code: &str) -> PathBuf {
    repo_root()
        .join("samples/languages")
        .join(format!("B9-0999-2024_{}.txt", code.to_uppercase()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn detected(text: &str) -> Option<&'static str> {
    lang::detect(text).map(|p| p.code.as_str())
}

/// What each sample says, as written: the same motion in every language.
fn check_sample(code: &str, m: &Motion) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |what: &str, got: String, want: &str| {
        if got != want {
            problems.push(format!("{what}: expected {want:?}, got {got:?}"));
        }
    };
    let c = &m.cover;
    let value = |v: &Option<Located<String>>| v.as_ref().map_or(String::new(), |n| n.value.clone());
    expect("lang", m.lang.clone(), code);
    expect("doc_number", value(&c.doc_number), "B9-0999/2024");
    let date = c.date.as_ref().map(|d| d.value.to_string());
    expect("date", date.unwrap_or_default(), "2024-03-12");
    expect("rule", value(&c.rule), "Rule 143");
    expect("procedure", value(&c.procedure), "2024/2599(RSP)");
    expect("kind", format!("{:?}", c.kind), "MotionForResolution");
    expect("kind_text", c.kind_text.is_some().to_string(), "true");
    expect("cover title", c.title.is_some().to_string(), "true");
    expect("authors", c.author_count().to_string(), "2");
    expect("groups", c.groups().join(";"), "Verts/ALE");
    expect("title", m.title.is_some().to_string(), "true");
    let profile = lang::profile(code).unwrap();
    let formula = m.formula.as_ref().map(|f| f.plain_text());
    expect("formula", formula.unwrap_or_default(), &profile.formula[0]);
    expect("citations", m.citations.len().to_string(), "2");
    expect("recitals", m.recitals.len().to_string(), "3");
    expect("paragraphs", m.paragraphs().count().to_string(), "3");
    for (i, r) in m.recitals.iter().enumerate() {
        expect(
            "recital number",
            format!("{:?}", profile.recital_index(&r.num.value)),
            &format!("Some({i})"),
        );
    }
    problems
}

#[test]
fn every_language_has_a_sample() {
    for (code, _, name) in LANGUAGES {
        assert!(sample(code).is_file(), "no sample for {name}");
    }
    let count = std::fs::read_dir(repo_root().join("samples/languages"))
        .unwrap()
        .count();
    assert_eq!(count, 24, "one sample per official language");
}

/// Each sample: no error and no warning, its own language found in the text, and the cover and
/// counts as written.
#[test]
fn samples_read_cleanly_in_their_language() {
    let mut failures = Vec::new();
    for (code, _, _) in LANGUAGES {
        let path = sample(code);
        let text = read(&path);
        let mut problems = Vec::new();
        if detected(&text) != Some(code) {
            problems.push(format!("text detected as {:?}", detected(&text)));
        }
        let (m, diags) = read_file(&path);
        // Notes (the furniture removed) only inform.
        for d in diags.iter().filter(|d| d.severity != Severity::Note) {
            problems.push(format!(
                "{} at line {:?}: {}",
                d.code,
                d.span.map(|s| s.line),
                d.message
            ));
        }
        problems.extend(check_sample(code, &m));
        if !problems.is_empty() {
            failures.push(format!("{code}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The language of every corpus file comes from its words, not from its file name.
#[test]
fn corpus_languages_are_recognised_from_the_text_alone() {
    for path in harness::corpus_files() {
        let stem = crate::harness::stem(&path);
        let (_, code) = stem.rsplit_once('_').unwrap();
        assert_eq!(
            detected(&read(&path)),
            Some(code.to_lowercase().as_str()),
            "{stem}"
        );
    }
}

/// Without the cover and the formula, the citation and recital openers alone still tell close
/// languages apart: Czech and Slovak, Croatian and Slovenian, Danish and Swedish, Spanish,
/// Portuguese and Italian.
#[test]
fn close_languages_are_told_apart_by_their_openers() {
    for (code, _, _) in LANGUAGES {
        let text = read(&sample(code));
        let profile = lang::profile(code).unwrap();
        let formula = text
            .lines()
            .position(|l| l == profile.formula[0])
            .unwrap_or_else(|| panic!("{code}: formula line"));
        let preamble: Vec<&str> = text.lines().skip(formula + 1).collect();
        assert_eq!(detected(&preamble.join("\n")), Some(code), "{code}");
    }
}

/// A file named for one language but written in another is read in the language of its text,
/// with a warning.
#[test]
fn a_wrong_language_code_in_the_name_is_reported() {
    for (text_code, name_code) in [("cs", "SK"), ("sk", "CS"), ("hr", "SL"), ("da", "SV")] {
        let text = read(&sample(text_code));
        let parsed = crate::harness::reader_only(&text, &format!("B9-0999-2024_{name_code}"));
        assert_eq!(parsed.motion.lang, text_code);
        let codes: Vec<&str> = (parsed.diagnostics.iter())
            .filter(|d| d.severity != Severity::Note)
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, ["W-LANG-MISMATCH"], "{text_code} named {name_code}");
    }
}

/// A Greek motion with recitals Α to Ζ: the sixth is ΣΤ (the Greek numeral 6), not a letter.
fn greek_motion(recitals: &[&str]) -> String {
    let mut text = String::from(
        "B9-0999/2024\n\n12.3.2024\n\nΠρόταση ψηφίσματος του Ευρωπαϊκού Κοινοβουλίου σχετικά με τους επικονιαστές\n\nΤο Ευρωπαϊκό Κοινοβούλιο,\n\n– έχοντας υπόψη το άρθρο 143 του Κανονισμού του,\n\n",
    );
    for n in recitals {
        text.push_str(&format!(
            "{n}. λαμβάνοντας υπόψη ότι οι επικονιαστές μειώνονται·\n\n"
        ));
    }
    text.push_str("1. αναθέτει στην Πρόεδρό του να διαβιβάσει το παρόν ψήφισμα στην Επιτροπή.\n");
    text
}

fn read_motion(text: &str) -> (Motion, Vec<&'static str>) {
    let parsed = crate::harness::read(text, "");
    let mut codes: Vec<&str> = (parsed.diagnostics.iter())
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    (parsed.motion, codes)
}

#[test]
fn greek_recitals_are_numbered_with_greek_numerals() {
    let numbers = [
        "Α", "Β", "Γ", "Δ", "Ε", "ΣΤ", "Ζ", "Η", "Θ", "Ι", "ΙΑ", "ΙΒ",
    ];
    let (m, codes) = read_motion(&greek_motion(&numbers));
    assert_eq!(m.lang, "el");
    assert!(codes.is_empty(), "{codes:?}");
    let read: Vec<&str> = m.recitals.iter().map(|r| r.num.value.as_str()).collect();
    assert_eq!(read, numbers);
    // Alphabetical order is wrong in Greek: Ζ after Ε skips ΣΤ.
    let (_, codes) = read_motion(&greek_motion(&["Α", "Β", "Γ", "Δ", "Ε", "Ζ"]));
    assert_eq!(codes, ["E-RECITAL-GAP"]);
}

#[test]
fn bulgarian_recitals_run_through_the_cyrillic_alphabet() {
    let letters: Vec<String> = lang::profile("bg")
        .unwrap()
        .letters()
        .iter()
        .take(11)
        .map(char::to_string)
        .collect();
    assert_eq!(letters.join(""), "АБВГДЕЖЗИЙК");
    let mut text = String::from("Европейският парламент,\n\n– като взе предвид член 143 от своя Правилник за дейността,\n\n");
    for l in &letters {
        text.push_str(&format!(
            "{l}. като има предвид, че опрашителите намаляват;\n\n"
        ));
    }
    text.push_str("1. възлага на своя председател да предаде настоящата резолюция на Комисията.\n");
    let (m, codes) = read_motion(&text);
    assert_eq!(m.lang, "bg");
    assert_eq!(m.recitals.len(), 11);
    // No document number or date in this fragment; nothing else.
    assert_eq!(codes, ["W-NO-DATE", "W-NO-DOCNUMBER"]);
}

/// Every sample converts to Akoma Ntoso XML valid against the official schema and the project's
/// profile.
#[test]
fn samples_export_to_valid_akoma_ntoso() {
    let dir = tempfile::tempdir().unwrap();
    let profile_xsd = repo_root().join("schemas/akn-motion-profile.xsd");
    for (code, _, _) in LANGUAGES {
        let (m, _) = read_file(&sample(code));
        let xml = export::export(&m, Format::Xml, &ExportOptions::default())
            .unwrap_or_else(|e| panic!("{code}: {e}"));
        let path = dir.path().join(format!("{code}.xml"));
        std::fs::write(&path, &xml).unwrap();
        harness::assert_valid_xml(&path, &harness::akn_xsd());
        assert!(
            profile_xsd.is_file(),
            "{} is missing",
            profile_xsd.display()
        );
        harness::assert_valid_xml(&path, &profile_xsd);
        let text = String::from_utf8(xml).unwrap();
        assert!(
            text.contains(&format!("\"{}\"", lang::iso639_2(code))),
            "{code}: the XML does not name its language"
        );
    }
}

/// Parses `(source name, text)` pairs as the command line would.
fn parse_all(texts: &[(String, String)]) -> Vec<(String, Motion)> {
    texts
        .iter()
        .map(|(name, text)| (name.clone(), crate::harness::reader_only(text, name).motion))
        .collect()
}

fn check_versions(parsed: &[(String, Motion)]) -> Vec<(String, &'static str, String)> {
    let refs: Vec<(String, &Motion)> = parsed.iter().map(|(n, m)| (n.clone(), m)).collect();
    versions::check(&refs)
        .into_iter()
        .map(|f| (f.source, f.diagnostic.code, f.diagnostic.message))
        .collect()
}

fn corpus_texts() -> Vec<(String, String)> {
    harness::corpus_files()
        .iter()
        .map(|p| {
            let stem = crate::harness::stem(p);
            (stem, read(p))
        })
        .collect()
}

fn sample_texts() -> Vec<(String, String)> {
    LANGUAGES
        .iter()
        .map(|(code, _, _)| {
            let path = sample(code);
            let stem = crate::harness::stem(&path);
            (stem, read(&path))
        })
        .collect()
}

/// Replaces `from` by `to` in the text of `source`, which must contain it.
fn alter(texts: &mut [(String, String)], source: &str, from: &str, to: &str) {
    let (_, text) = texts.iter_mut().find(|(n, _)| n == source).unwrap();
    assert!(text.contains(from), "{source} has no {from:?}");
    *text = text.replacen(from, to, 1);
}

/// The corpus's multi-language documents are grouped by number (the English versions state none
/// and are grouped by file name) and their versions agree, although their figures differ.
#[test]
fn corpus_language_versions_agree() {
    let parsed = parse_all(&corpus_texts());
    let refs: Vec<(String, &Motion)> = parsed.iter().map(|(n, m)| (n.clone(), m)).collect();
    let sets: Vec<(String, usize)> = versions::group(&refs)
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(doc, v)| (doc, v.len()))
        .collect();
    let want = [
        ("B8-0089/2015", 6),
        ("B8-0634/2015", 3),
        ("B8-0661/2016", 3),
        ("B8-0775/2015", 6),
        ("B8-1016/2016", 2),
    ];
    let want: Vec<(String, usize)> = want.iter().map(|(d, n)| (d.to_string(), *n)).collect();
    assert_eq!(sets, want);
    assert_eq!(check_versions(&parsed), []);
}

/// The 24 samples are one document in 24 languages, and they agree.
#[test]
fn sample_language_versions_agree() {
    let parsed = parse_all(&sample_texts());
    let refs: Vec<(String, &Motion)> = parsed.iter().map(|(n, m)| (n.clone(), m)).collect();
    let groups = versions::group(&refs);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].0, "B9-0999/2024");
    assert_eq!(check_versions(&parsed), []);
}

/// Versions altered the way copying goes wrong are reported with the right code, and only the
/// altered version is; changed figures are not reported.
#[test]
fn altered_language_versions_are_reported() {
    let mut texts = corpus_texts();
    // A recital removed from the Polish version of B8-0775/2015.
    alter(
        &mut texts,
        "B8-0775-2015_PL",
        "D.     mając na uwadze, że dyrektor",
        "",
    );
    // A paragraph split in two in the Italian version of B8-0089/2015.
    alter(
        &mut texts,
        "B8-0089-2015_IT",
        "tale pratica, tutelando così",
        "tale pratica;\n\n2.      tutela così",
    );
    alter(
        &mut texts,
        "B8-0089-2015_IT",
        "2.      invita la Commissione a riferire",
        "3.      invita la Commissione a riferire",
    );
    // A different date in the Slovak version of B8-0634/2015.
    alter(&mut texts, "B8-0634-2015_SK", "25.6.2015", "26.6.2015");
    // Renumbered recitals in the Danish version of B8-1016/2016: same count, other letters.
    alter(
        &mut texts,
        "B8-1016-2016_DA",
        "C.  der henviser til",
        "D.  der henviser til",
    );
    // Other figures in the German version of B8-0775/2015: not a structural difference.
    alter(&mut texts, "B8-0775-2015_DE", "86 Mrd. EUR", "88 Mrd. EUR");
    let found = check_versions(&parse_all(&texts));
    let codes: Vec<(&str, &str)> = found.iter().map(|(s, c, _)| (s.as_str(), *c)).collect();
    assert_eq!(
        codes,
        [
            ("B8-0089-2015_IT", "E-VERSIONS-STRUCTURE"),
            ("B8-0634-2015_SK", "E-VERSIONS-METADATA"),
            ("B8-0775-2015_PL", "E-VERSIONS-STRUCTURE"),
            ("B8-1016-2016_DA", "E-VERSIONS-NUMBERING"),
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[0].2,
        "paragraphs: 3 here, 2 in B8-0089-2015_DE, B8-0089-2015_EN and 3 other versions"
    );
    assert_eq!(
        found[1].2,
        "date: 2015-06-26 here, 2015-06-25 in B8-0634-2015_FI and B8-0634-2015_SV"
    );
    assert_eq!(
        found[3].2,
        "recital numbers: A. B. D. here, A. B. C. in B8-1016-2016_EN"
    );
}

/// The samples altered: a recital removed, a paragraph split, a different date, different
/// figures, in versions of other alphabets too.
#[test]
fn altered_samples_are_reported() {
    let mut texts = sample_texts();
    alter(
        &mut texts,
        "B9-0999-2024_EL",
        "\n\nΓ. λαμβάνοντας υπόψη ότι η απώλεια οικοτόπων και η χρήση φυτοφαρμάκων συγκαταλέγονται στις κύριες αιτίες της μείωσης αυτής·",
        "",
    );
    alter(
        &mut texts,
        "B9-0999-2024_FR",
        "2. invite les États membres",
        "2. invite les États membres à agir;\n\n3. invite les États membres",
    );
    alter(&mut texts, "B9-0999-2024_FR", "3. charge", "4. charge");
    alter(&mut texts, "B9-0999-2024_BG", "12.3.2024", "13.3.2024");
    alter(&mut texts, "B9-0999-2024_ES", "80 %", "85 %");
    alter(
        &mut texts,
        "B9-0999-2024_FI",
        "80 prosenttia",
        "52 prosenttia",
    );
    let found = check_versions(&parse_all(&texts));
    let mut codes: Vec<(&str, &str)> = found.iter().map(|(s, c, _)| (s.as_str(), *c)).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            ("B9-0999-2024_BG", "E-VERSIONS-METADATA"),
            ("B9-0999-2024_EL", "E-VERSIONS-STRUCTURE"),
            ("B9-0999-2024_FR", "E-VERSIONS-STRUCTURE"),
        ],
        "{found:#?}"
    );
}
