//! Issue 13, the cover: read whole whatever its line breaks (hard-wrapped covers give the same
//! fields and keep every word), dates in every form, items sharing a line or in brackets, the
//! document number checked against the file name, procedure references checked.

use crate::harness::{self, codes, decode_file, diff_words, read_as, stem, words};
use motion_export::diag::Diagnostic;
use motion_export::lang::{self, Profile};
use motion_export::model::{Date, Motion, Para};

/// Wraps `text` as `fold -s -w width` does: a line longer than `width` characters is broken after
/// the last space within its first `width` characters (at `width` when there is none); blank
/// lines and line ends stay.
pub fn fold(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for line in text.split_inclusive('\n') {
        let (mut rest, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        while let Some((cut, _)) = rest.char_indices().nth(width) {
            let at = rest[..cut].rfind(' ').map_or(cut, |i| i + 1);
            out.push_str(&rest[..at]);
            out.push('\n');
            rest = &rest[at..];
        }
        out.push_str(rest);
        out.push_str(end);
    }
    out
}

fn para_words(p: Option<&Para>) -> String {
    p.map(|p| words(&p.plain_text()).join(" "))
        .unwrap_or_default()
}

/// The cover's fields, in a form that does not depend on line breaks or byte offsets.
fn cover_fields(m: &Motion) -> String {
    let c = &m.cover;
    let authors: Vec<(Vec<String>, Option<String>)> = c
        .authors
        .iter()
        .map(|g| {
            (
                g.members.iter().map(|n| words(n).join(" ")).collect(),
                g.group.clone(),
            )
        })
        .collect();
    let replaces = harness::replaced(c);
    format!(
        "number {:?}\ndate {:?}\nkind {:?} {:?}\npe {:?}\nrule {:?}\nrule line {}\nrequest {}\ntitle {}\nprocedure {:?}\nauthors {authors:?}\nreplaces {replaces:?}",
        c.doc_number.as_ref().map(|n| &n.value),
        c.date.as_ref().map(|d| d.value),
        c.kind,
        c.kind_text.as_ref().map(|k| words(&k.value).join(" ")),
        c.pe_number.as_ref().map(|n| &n.value),
        c.rule.as_ref().map(|r| &r.value),
        para_words(c.rule_line.as_ref()),
        para_words(c.request.as_ref()),
        para_words(c.title.as_ref()),
        c.procedure.as_ref().map(|p| &p.value),
    )
}

/// Every word the cover model holds, item by item in the order of the source. Values read from
/// the text (number, date, kind, session number) count with the words they were read from.
fn cover_words(m: &Motion, src: &str) -> Vec<String> {
    let c = &m.cover;
    let mut items: Vec<(usize, usize, String)> = Vec::new();
    let mut from_source = |span: motion_export::diag::Span| {
        items.push((span.start, span.end, src[span.start..span.end].to_string()))
    };
    c.doc_number.iter().for_each(|n| from_source(n.span));
    c.date.iter().for_each(|d| from_source(d.span));
    c.kind_text.iter().for_each(|k| from_source(k.span));
    c.pe_number.iter().for_each(|n| from_source(n.span));
    c.procedure.iter().for_each(|p| from_source(p.span));
    for p in c
        .request
        .iter()
        .chain(&c.rule_line)
        .chain(&c.title)
        .chain(&c.other)
    {
        items.push((p.span.start, p.span.end, p.plain_text()));
    }
    for g in &c.authors {
        let mut text = g.members.join(", ");
        if let Some(line) = &g.group_line {
            text.push(' ');
            text.push_str(line);
        }
        items.push((g.span.start, g.span.end, text));
    }
    for r in &c.replaces {
        items.push((
            r.span.start,
            r.span.end,
            src[r.span.start..r.span.end].to_string(),
        ));
    }
    items.sort_by_key(|(start, _, _)| *start);
    // A line holding several items (date and procedure, kind and title) counts once.
    let mut out: Vec<String> = Vec::new();
    let mut covered_to = 0;
    for (start, end, text) in items {
        if start < covered_to
            && end <= covered_to
            && words(&src[start..end])
                .join(" ")
                .contains(&words(&text).join(" "))
        {
            continue;
        }
        covered_to = covered_to.max(end);
        out.extend(
            words(&text)
                .into_iter()
                .map(|w| clean_word(&w))
                .filter(|w| !w.is_empty()),
        );
    }
    out
}

/// A word without the marks of markdown dumps and the brackets of leaked tags.
fn clean_word(w: &str) -> String {
    let w = w.trim_matches(|c: char| c == '*' || c == '#' || c == '_');
    w.to_string()
}

fn same_line(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Page furniture on the covers of `samples/` and the corpus: site menus and the profile's
/// furniture lines, download links, the page title, markdown rules.
fn is_furniture(line: &str, profile: &Profile) -> bool {
    let t = words(line).join(" ");
    let t = t.trim_matches(|c: char| c == '*' || c == '#' || c == '-' || c.is_whitespace());
    let lower = t.to_lowercase();
    t.is_empty()
        || profile.furniture_lines.iter().any(|f| same_line(&f.to_lowercase(), &lower))
        || profile.furniture_prefixes.iter().any(|f| lower.starts_with(&f.to_lowercase()))
        || ["European Parliament", "Download", "Plenary sitting"].contains(&t)
        || t.contains("kWORD")
        // The running header of PDF dumps: term, file name, language code.
        || t.contains(".docx")
        || (t.len() == 9 && t.as_bytes()[4] == b'-' && t.bytes().filter(u8::is_ascii_digit).count() == 8)
        || (t.len() == 2 && t.bytes().all(|b| b.is_ascii_uppercase()))
        // The side panel of the Parliament's site: "Procedure : ...", minutes and debates.
        || t.contains(" : ")
        || t.starts_with("PV ")
        || t.starts_with("CRE ")
        || t.starts_with("P10_TA")
        || t.contains("(PDF") || t.contains("(DOC")
        || (t.contains(" - ") && t.split(" - ").next().is_some_and(|before| t.ends_with(before.trim())))
}

/// The input's cover words: every word before the resolution's own title (or its formula),
/// page furniture and tags aside.
fn input_cover_words(m: &Motion, src: &str) -> Vec<String> {
    let end = m
        .title
        .as_ref()
        .or(m.formula.as_ref())
        .map_or(0, |p| p.span.start);
    let line_start = src[..end].rfind('\n').map_or(0, |i| i + 1);
    let profile = lang::profile(&m.lang).expect("a profile");
    let mut numbers_seen = Vec::new();
    src[..line_start]
        .lines()
        .filter(|l| !is_furniture(l, profile))
        // The number repeated at the foot of the cover is furniture.
        .filter(|l| {
            let number: String = l
                .trim()
                .trim_matches('*')
                .chars()
                .map(|c| {
                    if matches!(c, '\u{2010}' | '\u{2011}' | '\u{2013}') {
                        '-'
                    } else {
                        c
                    }
                })
                .collect();
            let is_number = m
                .cover
                .doc_number
                .as_ref()
                .is_some_and(|n| n.value == number);
            let repeated = is_number;
            numbers_seen.push(number);
            !repeated
        })
        .flat_map(|l| words(&strip_tags(l)))
        .map(|w| clean_word(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

fn strip_tags(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        match rest[open..].find('>') {
            Some(close)
                if rest[open + 1..open + close]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '/') =>
            {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn fold_breaks_at_the_last_space_and_keeps_blank_lines() {
    assert_eq!(fold("aaa bbb ccc\n\nd\n", 8), "aaa bbb \nccc\n\nd\n");
    assert_eq!(fold("abcdefghij", 4), "abcd\nefgh\nij");
    assert_eq!(fold("ab cd", 5), "ab cd");
}

#[test]
fn wrapped_covers_read_to_the_same_fields_and_words() {
    let mut failures = Vec::new();
    for (name, text) in harness::all_motion_texts() {
        let (m, _) = read_as(&text, &name);
        let want = cover_fields(&m);
        let want_words = cover_words(&m, &text);
        for width in [40, 60, 72, 80] {
            let wrapped = fold(&text, width);
            let (w, _) = read_as(&wrapped, &name);
            let got = cover_fields(&w);
            if got != want {
                failures.push(format!(
                    "{name} at {width}:\n--- as given\n{want}\n--- wrapped\n{got}"
                ));
                continue;
            }
            let diff = diff_words(&want_words, &cover_words(&w, &wrapped));
            if !diff.missing.is_empty() || !diff.extra.is_empty() {
                failures.push(format!(
                    "{name} at {width}: cover words missing {:?}, extra {:?}",
                    diff.missing, diff.extra
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} variants differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_cover_word_reaches_the_model_in_order() {
    let mut failures = Vec::new();
    for (name, text) in harness::all_motion_texts() {
        for width in [0, 40, 72] {
            let text = if width == 0 {
                text.clone()
            } else {
                fold(&text, width)
            };
            let (m, _) = read_as(&text, &name);
            let diff = diff_words(&input_cover_words(&m, &text), &cover_words(&m, &text));
            if !diff.missing.is_empty() {
                failures.push(format!("{name} (width {width}): lost {:?}", diff.missing));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `samples/B9-0146-2021_EN.txt` with its cover's date line replaced.
fn sample_with(from: &str, to: &str) -> (Motion, Vec<Diagnostic>) {
    let text = decode_file(&harness::repo_root().join("samples/B9-0146-2021_EN.txt"));
    assert!(text.contains(from), "{from} not in the sample");
    read_as(&text.replacen(from, to, 1), "B9-0146-2021_EN")
}

const KAZAKHSTAN: &str = "on the Human rights situation in Kazakhstan";

#[test]
fn dates_in_every_form_are_the_tabling_date() {
    let want = Date::new(2021, 2, 9);
    for form in [
        "9.2.2021",
        "09.02.2021",
        "09/02/2021",
        "9/2/2021",
        "2021-02-09",
        "9 February 2021",
        "9 february 2021",
    ] {
        let (m, diags) = sample_with("9.2.2021", form);
        assert_eq!(m.cover.date.as_ref().map(|d| d.value), want, "{form}");
        assert_eq!(para_words(m.cover.title.as_ref()), KAZAKHSTAN, "{form}");
        assert!(
            !codes(&diags).iter().any(|c| c.contains("DATE")),
            "{form}: {diags:?}"
        );
    }
}

#[test]
fn written_dates_follow_each_language_profile() {
    // The day, the profile's month and the year, with the words each language puts between.
    let forms = [
        ("DE", "9. Februar 2024"),
        ("FR", "9 février 2024"),
        ("ES", "9 de febrero de 2024"),
        ("HU", "2024. február 9."),
        ("LV", "2024. gada 9. februāra"),
        ("LT", "2024 m. vasario 9 d."),
        ("BG", "9 февруари 2024 г."),
        ("PL", "9 lutego 2024 r."),
        ("EL", "9 Φεβρουαρίου 2024"),
    ];
    for (lang, form) in forms {
        let path = harness::repo_root().join(format!("samples/languages/B9-0999-2024_{lang}.txt"));
        let text = decode_file(&path);
        let (m0, _) = read_as(&text, &stem(&path));
        let date = m0.cover.date.as_ref().expect("the sample has a date");
        let written = &text[date.span.start..date.span.end];
        let (m, diags) = read_as(&text.replacen(written, form, 1), &stem(&path));
        assert_eq!(
            m.cover.date.as_ref().map(|d| d.value),
            Date::new(2024, 2, 9),
            "{lang} {form}: {diags:?}"
        );
        let but_date = |m: &Motion| {
            cover_fields(m)
                .lines()
                .filter(|l| !l.starts_with("date "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(but_date(&m), but_date(&m0), "{lang} {form}");
        assert!(
            !codes(&diags).iter().any(|c| c.contains("DATE")),
            "{lang} {form}: {diags:?}"
        );
    }
}

#[test]
fn a_malformed_date_gives_only_the_date_error_and_is_not_the_title() {
    for form in ["31.02.2021", "2021-13-01", "31/02/2021"] {
        let (m, diags) = sample_with("9.2.2021", form);
        let codes = codes(&diags);
        assert!(codes.contains(&"E-DATE-MALFORMED"), "{form}: {codes:?}");
        assert!(!codes.contains(&"W-NO-DATE"), "{form}: {codes:?}");
        assert_eq!(para_words(m.cover.title.as_ref()), KAZAKHSTAN, "{form}");
        let all = cover_words(
            &m,
            &decode_file(&harness::repo_root().join("samples/B9-0146-2021_EN.txt"))
                .replacen("9.2.2021", form, 1),
        );
        assert!(all.contains(&form.to_string()), "{form} lost: {all:?}");
    }
}

#[test]
fn date_and_number_share_a_line_and_brackets_are_read_through() {
    let (m, diags) = sample_with("**B9-0146/2021**\n\n9.2.2021", "30.07.2019 B[9-0146/2021]");
    assert_eq!(
        m.cover.doc_number.as_ref().map(|n| n.value.as_str()),
        Some("B9-0146/2021"),
        "{diags:?}"
    );
    assert_eq!(
        m.cover.date.as_ref().map(|d| d.value),
        Date::new(2019, 7, 30)
    );
    let (m, _) = sample_with("**B9-0146/2021**", "[B9-0146/2021]");
    assert_eq!(
        m.cover.doc_number.as_ref().map(|n| n.value.as_str()),
        Some("B9-0146/2021")
    );
    let (m, _) = sample_with(
        "**Kati Piri, Isabel Santos, Andris Ameriks**",
        "[Kati Piri], [Isabel Santos], [Andris Ameriks]",
    );
    assert_eq!(
        m.cover.authors[0].members,
        ["Kati Piri", "Isabel Santos", "Andris Ameriks"]
    );
    assert_eq!(m.cover.authors[0].group.as_deref(), Some("S&D"));
}

#[test]
fn the_rule_line_is_found_in_any_letter_case() {
    for line in [
        "pursuant to rule 144 of the rules of procedure",
        "PURSUANT TO RULE 144 OF THE RULES OF PROCEDURE",
    ] {
        let (m, _) = sample_with("pursuant to Rule 144 of the Rules of Procedure", line);
        assert_eq!(
            m.cover.rule.as_ref().map(|r| r.value.as_str()),
            Some("Rule 144"),
            "{line}"
        );
        assert_eq!(para_words(m.cover.title.as_ref()), KAZAKHSTAN, "{line}");
    }
}

#[test]
fn a_number_that_differs_from_the_file_name_is_reported() {
    let text = decode_file(&harness::repo_root().join("samples/B9-0146-2021_EN.txt"));
    let (_, diags) = read_as(&text, "B9-0146-2021_EN");
    assert!(
        !codes(&diags).contains(&"W-DOCNUMBER-FILENAME"),
        "{diags:?}"
    );
    let (_, diags) = read_as(
        &text.replace("B9-0146/2021", "B9-0147/2021"),
        "B9-0146-2021_EN",
    );
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == "W-DOCNUMBER-FILENAME")
        .collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(
        found[0].message.contains("B9-0147/2021") && found[0].message.contains("B9-0146-2021_EN"),
        "{}",
        found[0].message
    );
    for name in ["motion", "stdin", "kazakhstan_EN"] {
        let (_, diags) = read_as(&text.replace("B9-0146/2021", "B9-0147/2021"), name);
        assert!(
            !codes(&diags).contains(&"W-DOCNUMBER-FILENAME"),
            "{name}: {diags:?}"
        );
    }
}

#[test]
fn procedure_references_are_checked() {
    // Not `yyyy/nnnn(TYPE)`: kept in the title as text, and diagnosed.
    let text = decode_file(&harness::repo_root().join("samples/B9-0146-2021_EN.txt"));
    let (m, diags) = read_as(
        &text.replace("(2021/2544(RSP))", "(21/2544(RSP))"),
        "B9-0146-2021_EN",
    );
    assert_eq!(m.cover.procedure, None, "{diags:?}");
    assert!(
        codes(&diags).contains(&"E-PROCEDURE-MALFORMED"),
        "{diags:?}"
    );
    let all: Vec<String> = m
        .text_in_order()
        .iter()
        .flat_map(|p| words(&p.plain_text()))
        .collect();
    assert!(all.iter().any(|w| w.contains("21/2544(RSP)")), "{all:?}");
    // A type outside the Parliament's list.
    let (m, diags) = sample_with("(2021/2544(RSP))", "(2021/2544(XYZ))");
    assert_eq!(
        m.cover.procedure.as_ref().map(|p| p.value.as_str()),
        Some("2021/2544(XYZ)")
    );
    assert!(
        codes(&diags).contains(&"E-PROCEDURE-MALFORMED"),
        "{diags:?}"
    );
    for kind in ["RSP", "COD", "INI", "NLE", "RPS"] {
        let (_, diags) = sample_with("(2021/2544(RSP))", &format!("(2021/2544({kind}))"));
        assert!(
            !codes(&diags).contains(&"E-PROCEDURE-MALFORMED"),
            "{kind}: {diags:?}"
        );
    }
}

/// The words of the XML's text nodes, tags aside.
fn xml_words(m: &Motion) -> String {
    let xml =
        String::from_utf8(motion_export::export::xml::export(m, &Default::default()).unwrap())
            .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    words(&text.replace("&amp;", "&")).join(" ")
}

#[test]
fn issue_13_b9_0542_wrapped_at_72_keeps_its_rule_line_and_title_in_the_xml() {
    let path = harness::shared_dir().join("corpus/ep/B9-0542-2021_EN.txt");
    let wrapped = fold(&decode_file(&path), 72);
    let (m, _) = read_as(&wrapped, "B9-0542-2021_EN");
    let rule_line = "pursuant to Rule 143 of the Rules of Procedure";
    let title = "on setting ambitious labelling standards to provide information to consumers";
    assert_eq!(para_words(m.cover.rule_line.as_ref()), rule_line);
    assert_eq!(para_words(m.cover.title.as_ref()), title);
    let xml = xml_words(&m);
    assert!(xml.contains(rule_line) && xml.contains(title), "{xml}");
}

#[test]
fn issue_13_rc_b10_0249_wrapped_keeps_its_title_and_a_malformed_date_reaches_the_xml() {
    let path = harness::shared_dir().join("corpus/ep/RC-B10-0249-2025_EN.txt");
    let text = decode_file(&path);
    for width in [40, 72] {
        let (m, _) = read_as(&fold(&text, width), "RC-B10-0249-2025_EN");
        let title =
            "on the return of Ukrainian children forcibly transferred and deported by Russia";
        assert_eq!(para_words(m.cover.title.as_ref()), title, "{width}");
        assert!(xml_words(&m).contains(title), "{width}");
    }
    let (m, _) = sample_with("9.2.2021", "31.02.2021");
    assert!(xml_words(&m).contains("31.02.2021"));
}
