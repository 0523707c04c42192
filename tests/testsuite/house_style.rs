//! Issue 15, the house style: the Parliament's furniture on every page where the source
//! carries it, and nothing invented where it does not.

use crate::harness::{read_file, samples_and_corpus, stem};
use crate::pdf::Pdf;
use motion_export::export::pdf::PdfOptions;

/// Every page's footer holds the PE number and the motto between the language's code when the
/// source states a PE number; otherwise no motto is printed. The running header holds the
/// document number, never the file's name standing in for one.
#[test]
fn the_footer_holds_the_pe_number_and_motto_only_where_the_source_has_them() {
    let mut with_pe = 0;
    for path in samples_and_corpus() {
        let (motion, _) = read_file(&path);
        let pdf = Pdf::export(&motion, &PdfOptions::default());
        let lang = motion.lang.to_uppercase();
        let profile = motion_export::lang::profile(&motion.lang).unwrap();
        let motto = format!("{lang} {} {lang}", profile.motto);
        let name = stem(&path);
        let text_has_name = std::fs::read_to_string(&path).unwrap().contains(&name);
        for page in 1..=pdf.pages() {
            let text = pdf.page_text(page);
            let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match &motion.cover.pe_number {
                Some(pe) => {
                    assert!(text.contains(&pe.value), "{name} p.{page}: no PE number");
                    assert!(squeezed.contains(&motto), "{name} p.{page}: no `{motto}`");
                }
                None => assert!(!squeezed.contains(&motto), "{name} p.{page}: a motto"),
            }
            if motion.cover.doc_number.is_none() && !text_has_name {
                assert!(!text.contains(&name), "{name} p.{page}: the file name");
            }
        }
        with_pe += usize::from(motion.cover.pe_number.is_some());
    }
    assert!(
        with_pe >= 5,
        "only {with_pe} files with a PE number: the test proves little"
    );
}

/// A motion whose paragraphs hold every tie the issue reported, repeated so that lines break
/// often around them.
fn tied_phrases(lang: &str, phrase: &str) -> motion_export::model::Motion {
    let body = format!("{phrase} ").repeat(40);
    let text = format!(
        "The European Parliament,\n\n– having regard to Rule 132,\n\nA. whereas it matters;\n\n1. {body}\n"
    );
    let mut motion = crate::harness::read(&text, "tied").motion;
    motion.lang = lang.to_string();
    motion
}

const ENGLISH: &str = "prices rose by 90 % since 9 June 2019 under Regulation (EU) No 1169/2011 and Rule 144 of 1 October 2020 while";

/// The DOCX ties what must not break: its text holds no-break spaces there, and only there.
#[test]
fn the_docx_ties_numbers_to_what_they_count_and_name() {
    let motion = tied_phrases("en", ENGLISH);
    let docx = motion_export::export::docx::export(&motion, &Default::default()).unwrap();
    let document = crate::docx::unpack(&docx)
        .part("word/document.xml")
        .unwrap();
    for tied in [
        "90\u{a0}%",
        "9\u{a0}June",
        "(EU)\u{a0}No\u{a0}1169/2011",
        "Rule\u{a0}144 of",
        "1\u{a0}October",
    ] {
        assert!(document.contains(tied), "{tied:?} is not tied");
    }
    assert!(
        document.contains("since 9"),
        "a space before a count stays free"
    );
    let polish = tied_phrases("pl", "Radzie i Komisji oraz w Polsce");
    let docx = motion_export::export::docx::export(&polish, &Default::default()).unwrap();
    let document = crate::docx::unpack(&docx)
        .part("word/document.xml")
        .unwrap();
    assert!(document.contains("i\u{a0}Komisji oraz w\u{a0}Polsce"));
}

/// The DOCX footer holds what the PDF's does: the PE number and the motto line where the
/// source states the PE number, only `page/total` otherwise.
#[test]
fn the_docx_footer_holds_the_pe_number_and_motto_only_where_the_source_has_them() {
    let motions: Vec<_> = samples_and_corpus()
        .iter()
        .map(|path| read_file(path).0)
        .collect();
    let docs: Vec<Vec<u8>> = motions
        .iter()
        .map(|m| motion_export::export::docx::export(m, &Default::default()).unwrap())
        .collect();
    for (motion, doc) in motions.iter().zip(crate::docx::unpack_all(&docs)) {
        let footer = doc.part("word/footer1.xml").unwrap();
        let profile = motion_export::lang::profile(&motion.lang).unwrap();
        let name = &motion.source_name;
        assert!(footer.contains("NUMPAGES"), "{name}: no page count");
        match &motion.cover.pe_number {
            Some(pe) => {
                assert!(footer.contains(&pe.value), "{name}: no PE number");
                assert!(footer.contains(&profile.motto), "{name}: no motto");
            }
            None => assert!(!footer.contains(&profile.motto), "{name}: a motto"),
        }
    }
}

/// The PDF never ends a line where a tie holds: not between a count and what it counts, not
/// after `No` or `Rule` before their number, not after a Polish one-letter word.
#[test]
fn the_pdf_never_breaks_a_line_at_a_tie() {
    let breaks_at_tie = |end: &str, start: &str| {
        let last = end.split_whitespace().last().unwrap_or("");
        let first = start.split_whitespace().next().unwrap_or("");
        let count = !last.is_empty() && last.len() <= 3 && last.bytes().all(|b| b.is_ascii_digit());
        (count && ["%", "June", "October"].contains(&first))
            || (["No", "Rule", "(EU)"].contains(&last) && first.starts_with(['1', 'N']))
            || ["i", "w"].contains(&last)
    };
    for (lang, phrase) in [
        ("en", ENGLISH),
        ("pl", "Radzie i Komisji oraz w Polsce i w Unii"),
    ] {
        let motion = tied_phrases(lang, phrase);
        let pages = motion_export::export::pdf::layout(&motion, &PdfOptions::default()).unwrap();
        let lines: Vec<&str> = pages
            .iter()
            .flat_map(|p| &p.lines)
            .map(|l| l.text.as_str())
            .collect();
        assert!(
            lines.len() > 20,
            "{lang}: the phrases fill too few lines to prove anything"
        );
        assert!(
            lines.iter().any(|l| l.contains('\u{a0}')),
            "{lang}: nothing tied"
        );
        for pair in lines.windows(2) {
            assert!(
                !breaks_at_tie(pair[0], pair[1]),
                "{lang}: a line ends at a tie: {:?} / {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}

/// The formula is italic in both formats whether or not the source marked it: the PDF sets it
/// so, and the DOCX's formula style says so.
#[test]
fn the_formula_is_italic_in_the_docx_as_in_the_pdf() {
    let motion = tied_phrases("en", "Calls on the Commission");
    assert!(motion.formula.is_some(), "the fixture has a formula");
    let docx = motion_export::export::docx::export(&motion, &Default::default()).unwrap();
    let styles = crate::docx::unpack(&docx).part("word/styles.xml").unwrap();
    let at = styles
        .find(r#"w:styleId="MotionFormula""#)
        .expect("a formula style");
    let end = at + styles[at..].find("</w:style>").unwrap();
    assert!(styles[at..end].contains("<w:i/>"), "{}", &styles[at..end]);
}
