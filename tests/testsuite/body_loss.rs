//! Issue 11: nothing in the body disappears unsaid. Lines that look like page furniture are
//! removed only where furniture stands (page breaks, between blocks) and counted in a note;
//! absurd paragraph numbers are diagnosed, not merged silently.

use crate::harness::{codes, reader_only_as};
use motion_export::diag::Diagnostic;
use motion_export::model::Motion;

/// Every word of the model's text, in reading order, plus the paragraph numbers.
fn words(m: &Motion) -> String {
    let mut out: Vec<String> = m.text_in_order().iter().map(|p| p.plain_text()).collect();
    out.extend(m.paragraphs().map(|p| p.num.text.to_string()));
    out.join(" ")
}

const HEAD: &str = "MOTION FOR A RESOLUTION\n\nThe European Parliament,\n\n– having regard to Rule 132,\n\nA. whereas it matters;\n\n";

#[test]
fn furniture_lookalikes_inside_a_paragraph_are_kept() {
    for lookalike in [
        "Plenary sitting",
        "Download",
        "EN",
        "B9-0146/2021",
        "AM\\1234.docx",
        "RE\\1225093EN.docx 2/6 PE662.890v01-00",
        "PE662.890v01-00",
        "2/6",
        "_____",
        "* * *",
        "---",
    ] {
        let text = format!(
            "{HEAD}1. Calls on the Commission to consider\n{lookalike}\nwithout delay;\n\n2. Instructs its President to forward this resolution.\n"
        );
        let (m, diags) = reader_only_as(&text, "");
        let all = words(&m);
        let want = lookalike.trim_matches('*').trim();
        assert!(
            all.contains(want) && all.contains("without delay"),
            "{lookalike:?} inside a paragraph was lost: {all}"
        );
        assert_eq!(m.paragraphs().count(), 2, "{lookalike:?}: {all}");
        assert!(
            !codes(&diags).contains(&"N-FURNITURE-REMOVED"),
            "{lookalike:?}: nothing was removed, yet {diags:?}"
        );
    }
}

#[test]
fn furniture_at_page_breaks_is_removed_and_counted_in_one_note() {
    let text = format!(
        "{HEAD}1. Calls on the Commission to consider\n\n\u{c}RE\\1225093EN.docx 2/6 PE662.890v01-00\n\nEN United in diversity EN\n\nthe matter without delay;\n\n2. Instructs its President;\n\nPE662.890v01-00\n\n3/6\n"
    );
    let (m, diags) = reader_only_as(&text, "");
    let all = words(&m);
    assert!(
        !all.contains("docx") && !all.contains("PE662") && !all.contains("3/6"),
        "{all}"
    );
    assert!(all.contains("consider the matter without delay"), "{all}");
    let notes: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == "N-FURNITURE-REMOVED")
        .collect();
    assert_eq!(notes.len(), 1, "{diags:?}");
    let note = notes[0];
    assert!(
        note.message
            .starts_with("removed 4 lines of page furniture"),
        "{}",
        note.message
    );
    let first = text.find("RE\\1225093").unwrap();
    assert_eq!(note.span.map(|s| s.start), Some(first), "{note:?}");
}

#[test]
fn absurd_paragraph_numbers_are_diagnosed_and_kept() {
    for number in ["4294967296", "99999999999999999999", "12345678"] {
        let text = format!(
            "{HEAD}1. Calls on the Commission to act;\n{number}. Instructs its President;\n"
        );
        let (m, diags) = reader_only_as(&text, "");
        let all = words(&m);
        assert!(all.contains("Instructs its President"), "{all}");
        assert!(all.contains(number), "{number} lost: {all}");
        assert!(
            codes(&diags).contains(&"E-NUMBER-TOO-LARGE"),
            "{number}: {diags:?}"
        );
    }
    // Real numbers stay quiet.
    let (m, diags) = reader_only_as(&format!("{HEAD}1. Calls;\n2. Instructs;\n"), "");
    assert_eq!(m.paragraphs().count(), 2);
    assert!(!codes(&diags).contains(&"E-NUMBER-TOO-LARGE"), "{diags:?}");
}

#[test]
fn absurd_point_numbers_are_diagnosed_and_kept() {
    let text = format!("{HEAD}1. Calls for:\n(1) one;\n(99999) two;\n");
    let (m, diags) = reader_only_as(&text, "");
    let all = words(&m);
    assert!(all.contains("(99999)") || all.contains("99999"), "{all}");
    assert!(all.contains("two"), "{all}");
    let _ = diags;
}
