//! Issue 15, the Parliament's furniture on the cover: the masthead ("European Parliament",
//! the term) and the plenary-sitting line are kept where the source prints them, before the
//! document number, and every output shows them first on the cover; nothing is invented where
//! the source lacks them, and the same words in the body are no masthead.

use crate::harness::{read, read_file, repo_root};
use crate::pdf::Pdf;
use motion_export::export::pdf::PdfOptions;
use motion_export::export::{export, ExportOptions, Format};
use motion_export::model::{Located, Motion};

fn sample(name: &str) -> Motion {
    read_file(&repo_root().join("samples").join(name)).0
}

fn value(field: &Option<Located<String>>) -> Option<&str> {
    field.as_ref().map(|f| f.value.as_str())
}

/// The masthead of a motion: institution, term, plenary-sitting line.
fn masthead(m: &Motion) -> [Option<&str>; 3] {
    let c = &m.cover;
    [value(&c.institution), value(&c.term), value(&c.sitting)]
}

#[test]
fn the_reader_keeps_the_masthead_of_the_samples() {
    let en = Some("European Parliament");
    let cases = [
        (
            "B9-0998-2024_EN.txt",
            [en, Some("2019-2024"), Some("Plenary sitting")],
        ),
        ("B9-0146-2021_EN.txt", [None, None, Some("Plenary sitting")]),
        ("RC-B9-0560-2023_EN.txt", [en, None, None]),
        ("B9-0777-2022_EN.txt", [None, None, None]),
        (
            "languages/B9-0999-2024_DE.txt",
            [Some("Europäisches Parlament"), None, None],
        ),
        (
            "languages/B9-0999-2024_EL.txt",
            [Some("Ευρωπαϊκό Κοινοβούλιο"), None, None],
        ),
    ];
    for (name, expected) in cases {
        let m = sample(name);
        assert_eq!(masthead(&m), expected, "{name}");
        // What the masthead took is not also kept as unplaced cover text.
        let other: Vec<String> = m.cover.other.iter().map(|p| p.plain_text()).collect();
        for part in expected.into_iter().flatten() {
            assert!(!other.iter().any(|o| o == part), "{name}: {part} twice");
        }
    }
    // Every language sample prints its institution line, in its own words.
    for path in crate::harness::language_sample_files() {
        let m = read_file(&path).0;
        let profile = motion_export::lang::profile(&m.lang).unwrap();
        let institution = value(&m.cover.institution);
        assert!(
            institution.is_some_and(|i| profile.masthead.iter().any(|w| w == i)),
            "{}: {institution:?}",
            path.display()
        );
    }
}

/// A motion that has none gets none, in the model and in every output; the same words in the
/// body or after the number are not taken for the masthead.
#[test]
fn nothing_is_invented_and_a_body_line_is_no_masthead() {
    let text = "B9-0001/2024\n\nPlenary sitting\n\nMOTION FOR A RESOLUTION\n\n\
                The European Parliament,\n\n– having regard to Rule 144,\n\n\
                1. Calls on the Commission to act;\n\nPlenary sitting\n\n\
                European Parliament\n\n2. Instructs its President to forward this resolution;\n";
    let m = read(text, "B9-0001-2024_EN").motion;
    assert_eq!(masthead(&m), [None, None, None]);
    let marks = [
        r#"class="masthead""#,
        r#"class="sitting""#,
        "<legislature",
        "<session",
        r#"class="cover-masthead""#,
        r#"class="cover-term""#,
        r#"class="cover-sitting""#,
    ];
    for format in [Format::Xml, Format::Html] {
        let out = export(&m, format, &ExportOptions::default()).unwrap();
        let out = String::from_utf8(out).unwrap();
        for mark in marks {
            assert!(!out.contains(mark), "{format:?}: {mark}");
        }
    }
    let txt = export(&m, Format::Txt, &ExportOptions::default()).unwrap();
    assert!(txt.starts_with(b"B9-0001/2024\n"));
    let plain = sample("B9-0777-2022_EN.txt");
    let pdf = Pdf::export(&plain, &PdfOptions::default());
    let page = pdf.page_text(1);
    assert!(!page.contains("European Parliament") && !page.contains("Plenary sitting"));
}

/// The PDF's first page shows "European Parliament", the term and "Plenary sitting" above the
/// document number, in that order.
#[test]
fn the_pdf_prints_the_masthead_first_on_the_cover() {
    let m = sample("B9-0998-2024_EN.txt");
    let page = Pdf::export(&m, &PdfOptions::default()).page_text(1);
    let at = |s: &str| {
        page.find(s)
            .unwrap_or_else(|| panic!("{s} not on page 1: {page}"))
    };
    let order = [
        at("European Parliament"),
        at("2019-2024"),
        at("Plenary sitting"),
        at("B9-0998/2024"),
        at("MOTION FOR A RESOLUTION"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}: {page}");
}

/// The DOCX opens with the masthead's paragraphs in their styles, then the number.
#[test]
fn the_docx_prints_the_masthead_first_on_the_cover() {
    let m = sample("B9-0998-2024_EN.txt");
    let docx = motion_export::export::docx::export(&m, &Default::default()).unwrap();
    let document = crate::docx::unpack(&docx)
        .part("word/document.xml")
        .unwrap();
    let at = |s: &str| {
        document
            .find(s)
            .unwrap_or_else(|| panic!("{s} not in the DOCX"))
    };
    let order = [
        at("MotionCoverMasthead"),
        at(">European Parliament<"),
        at("MotionCoverTerm"),
        at(">2019-2024<"),
        at("MotionCoverSitting"),
        at(">Plenary sitting<"),
        at("MotionCoverNumber"),
        at(">B9-0998/2024<"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

/// The HTML's cover header opens with the masthead, then the number.
#[test]
fn the_html_prints_the_masthead_first_on_the_cover() {
    let m = sample("B9-0998-2024_EN.txt");
    let html = export(&m, Format::Html, &ExportOptions::default()).unwrap();
    let html = String::from_utf8(html).unwrap();
    let at = |s: &str| {
        html.find(s)
            .unwrap_or_else(|| panic!("{s} not in the HTML"))
    };
    let order = [
        at("<header"),
        at(r#"<p class="cover-masthead">European Parliament</p>"#),
        at(r#"<p class="cover-term">2019-2024</p>"#),
        at(r#"<p class="cover-sitting">Plenary sitting</p>"#),
        at(r#"<p class="cover-number">B9-0998/2024</p>"#),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

/// The AKN holds the masthead first in the preface, and reads back to it; the canonical text
/// too.
#[test]
fn akn_and_txt_keep_the_masthead() {
    for name in ["B9-0998-2024_EN.txt", "languages/B9-0999-2024_FR.txt"] {
        let m = sample(name);
        let xml = export(&m, Format::Xml, &ExportOptions::default()).unwrap();
        let xml = String::from_utf8(xml).unwrap();
        let preface = &xml[xml.find("<preface>").unwrap()..];
        let first = preface.find("<p ").unwrap();
        assert!(
            preface[first..].starts_with(
                r##"<p eId="preface__p_1" class="masthead"><docAuthority refersTo="#ep">"##
            ),
            "{name}: {}",
            &preface[..300]
        );
        let back = crate::harness::read_akn(xml.as_bytes()).motion;
        assert_eq!(masthead(&back), masthead(&m), "{name}: AKN");
        let txt = export(&m, Format::Txt, &ExportOptions::default()).unwrap();
        let again = read(&String::from_utf8(txt).unwrap(), &m.source_name).motion;
        assert_eq!(masthead(&again), masthead(&m), "{name}: txt");
    }
}
