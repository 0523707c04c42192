//! The sample motions in `samples/`: each shape the reader understands, read into the structure
//! the sample was written with.

use crate::harness::{read_file, repo_root};
use motion_export::diag::Severity;
use motion_export::model::{DocKind, Motion, Point};

fn parse_sample(name: &str) -> Motion {
    let (motion, diags) = read_file(&repo_root().join("samples").join(name));
    // Notes (the furniture removed) only inform.
    let problems: Vec<String> = diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(problems.is_empty(), "{name}: {problems:?}");
    motion
}

fn nums(points: &[Point]) -> Vec<String> {
    points
        .iter()
        .map(|p| format!("{}{:?}", p.num.text, nums(&p.points)))
        .collect()
}

#[test]
fn headings_points_and_footnotes() {
    let m = parse_sample("B9-0801-2023_EN.txt");
    assert_eq!(m.cover.doc_number.as_ref().unwrap().value, "B9-0801/2023");
    assert_eq!(m.cover.groups(), vec!["Verts/ALE"]);
    assert_eq!(
        (m.citations.len(), m.recitals.len(), m.paragraphs().count()),
        (3, 3, 4)
    );
    assert_eq!(nums(&m.recitals[1].points), vec!["(a)[]", "(b)[]"]);
    let paras: Vec<_> = m.paragraphs().collect();
    assert_eq!(
        nums(&paras[1].points),
        vec!["(a)[]", "(b)[\"(i)[]\", \"(ii)[]\"]", "(c)[]"]
    );
    assert_eq!(paras[1].wrap_up.len(), 1);
    assert_eq!(nums(&paras[2].points), vec!["–[]", "–[]"]);
    let headings: Vec<String> = m.headings().map(|h| h.text.plain_text()).collect();
    assert_eq!(
        headings,
        vec!["General considerations", "Digital surveillance"]
    );
    assert_eq!(m.footnotes.len(), 2);
    let calls: Vec<Option<usize>> = m
        .citations
        .iter()
        .flat_map(|c| c.content[0].inlines.iter())
        .filter_map(|i| match i {
            motion_export::model::Inline::NoteRef { note, .. } => Some(*note),
            _ => None,
        })
        .collect();
    assert_eq!(calls, vec![Some(0), Some(1)]);
}

#[test]
fn joint_motion_with_groups_and_replaced_motions() {
    let m = parse_sample("RC-B9-0560-2023_EN.txt");
    let c = &m.cover;
    assert_eq!(c.kind, DocKind::JointMotionForResolution);
    assert_eq!(c.doc_number.as_ref().unwrap().value, "RC-B9-0560/2023");
    assert_eq!(c.date.as_ref().unwrap().value.to_string(), "2023-10-18");
    assert_eq!(c.procedure.as_ref().unwrap().value, "2023/2893(RSP)");
    assert_eq!(c.rule.as_ref().unwrap().value, "Rules 144(5) and 132(4)");
    assert_eq!(c.groups(), vec!["PPE", "S&D", "Renew"]);
    assert_eq!(c.author_count(), 8);
    let replaced = crate::harness::replaced(c);
    assert_eq!(
        replaced,
        vec![
            ("B9-0560/2023", Some("S&D")),
            ("B9-0561/2023", Some("PPE")),
            ("B9-0563/2023", Some("Renew"))
        ]
    );
    assert_eq!(
        (m.citations.len(), m.recitals.len(), m.paragraphs().count()),
        (3, 3, 4)
    );
}

#[test]
fn pdftotext_output_with_wrapped_lines_and_page_furniture() {
    let m = parse_sample("B9-0998-2024_EN.txt");
    let c = &m.cover;
    assert_eq!(c.doc_number.as_ref().unwrap().value, "B9-0998/2024");
    assert_eq!(c.pe_number.as_ref().unwrap().value, "PE758.001v01-00");
    assert_eq!(
        c.request.as_ref().unwrap().plain_text(),
        "with request for inclusion in the agenda for a debate on cases of breaches of human rights, democracy and the rule of law"
    );
    assert_eq!(c.title.as_ref().unwrap().plain_text(), "on the case of the dissolved association Civic Voice in the fictional Republic of Exampleland");
    assert_eq!(c.author_count(), 3);
    assert_eq!(
        (m.citations.len(), m.recitals.len(), m.paragraphs().count()),
        (3, 3, 4)
    );
    let text: Vec<String> = m.text_in_order().iter().map(|p| p.plain_text()).collect();
    let all = text.join(" ");
    // Wrapped lines are joined; a compound's hyphen is kept, furniture is gone.
    assert!(all.contains("of 14 March 2019,"), "{all}");
    assert!(
        all.contains("the non-governmental organisation Civic Voice"),
        "{all}"
    );
    assert!(
        all.contains("to bring their legislation into line"),
        "{all}"
    );
    for furniture in [
        "RE\\1290001EN.docx",
        "United in diversity",
        "PE758.001v01-00",
        "2019-2024",
    ] {
        assert!(!all.contains(furniture), "{furniture} leaked into the text");
    }
    let last = m.paragraphs().last().unwrap().content[0].plain_text();
    assert!(
        last.ends_with("the President and Parliament of Exampleland."),
        "{last}"
    );
}

#[test]
fn plain_text_with_bom_and_ascii_dashes() {
    let m = parse_sample("B9-0777-2022_EN.txt");
    assert_eq!(m.cover.doc_number.as_ref().unwrap().value, "B9-0777/2022");
    assert_eq!(m.cover.author_count(), 2);
    assert_eq!(
        (m.citations.len(), m.recitals.len(), m.paragraphs().count()),
        (2, 2, 3)
    );
}
