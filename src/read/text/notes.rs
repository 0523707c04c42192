//! Linking footnote calls to their note texts, and reporting calls without notes and notes
//! without calls.

use crate::diag::codes;
use crate::diag::{Collector, Diagnostic};
use crate::model::*;

/// Points every footnote call at its note. A `(1)`-style call links only once per note (later
/// `(1)`s are ordinary text such as `Article 3(1)`); `[1]`-style calls always link.
pub fn link(motion: &mut Motion, diags: &mut Collector) {
    // The first note with each marker.
    let mut markers: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, n) in motion.footnotes.iter().enumerate() {
        markers.entry(n.marker.clone()).or_insert(i);
    }
    let mut used = vec![false; motion.footnotes.len()];
    for_each_para(motion, &mut |para: &mut Para| {
        let span = para.span;
        let mut i = 0;
        while i < para.inlines.len() {
            if let Inline::NoteRef { marker, note } = &mut para.inlines[i] {
                let bare = marker.trim_matches(['[', ']', '(', ')']);
                let found = markers.get(bare).copied();
                let paren = marker.starts_with('(');
                match found {
                    Some(n) if !(paren && used[n]) => {
                        // A linked call keeps its marker as the model states it, without the
                        // brackets, as the AKN reader reads it back.
                        *marker = bare.into();
                        *note = Some(n);
                        used[n] = true;
                    }
                    _ if paren => {
                        // Not a call after all: back to text.
                        let text = marker.clone();
                        para.inlines[i] = Inline::text(text);
                        merge_text(&mut para.inlines, i);
                        continue;
                    }
                    _ => diags.push(
                        Diagnostic::new(
                            &codes::FOOTNOTE_UNRESOLVED,
                            Some(span),
                            format!("footnote call {marker} has no note text"),
                        )
                        .hint(format!(
                            "add the note after the last paragraph, starting with {marker}"
                        )),
                    ),
                }
            }
            i += 1;
        }
    });
    for (n, note) in motion.footnotes.iter().enumerate() {
        if !used[n] {
            diags.push(
                Diagnostic::new(
                    &codes::FOOTNOTE_UNUSED,
                    Some(note.span),
                    format!("footnote [{}] is never called", note.marker),
                )
                .hint("call it in the text where it belongs, or remove it"),
            );
        }
    }
}

/// Merges the plain text run at `i` with plain neighbours of the same style.
fn merge_text(inlines: &mut Vec<Inline>, i: usize) {
    let same = |a: &Inline, b: &Inline| matches!((a, b), (Inline::Text { bold: b1, italic: i1, .. }, Inline::Text { bold: b2, italic: i2, .. }) if b1 == b2 && i1 == i2);
    if i + 1 < inlines.len() && same(&inlines[i], &inlines[i + 1]) {
        let next = inlines.remove(i + 1);
        if let (Inline::Text { text, .. }, Inline::Text { text: t2, .. }) = (&mut inlines[i], next)
        {
            text.push_str(&t2);
        }
    }
    if i > 0 && same(&inlines[i - 1], &inlines[i]) {
        let this = inlines.remove(i);
        if let (Inline::Text { text, .. }, Inline::Text { text: t2, .. }) =
            (&mut inlines[i - 1], this)
        {
            text.push_str(&t2);
        }
    }
}

/// Calls `f` on every paragraph of text that can hold footnote calls, in reading order.
fn for_each_para(motion: &mut Motion, f: &mut dyn FnMut(&mut Para)) {
    motion.title.iter_mut().for_each(&mut *f);
    motion.title_notes.iter_mut().for_each(&mut *f);
    for c in &mut motion.citations {
        c.content.iter_mut().for_each(&mut *f);
    }
    for r in &mut motion.recitals {
        r.content.iter_mut().for_each(&mut *f);
        in_points(&mut r.points, f);
    }
    for item in &mut motion.body {
        match item {
            BodyItem::Heading(h) => f(&mut h.text),
            BodyItem::Paragraph(p) => {
                p.content.iter_mut().for_each(&mut *f);
                in_points(&mut p.points, f);
                p.wrap_up.iter_mut().for_each(&mut *f);
            }
        }
    }
    motion.trailing.iter_mut().for_each(&mut *f);
}

fn in_points(points: &mut [Point], f: &mut dyn FnMut(&mut Para)) {
    for p in points {
        p.content.iter_mut().for_each(&mut *f);
        in_points(&mut p.points, f);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, read};
    use crate::model::{BodyItem, Inline, Motion};

    /// The footnote calls of the first paragraph: marker and the note it points at.
    fn calls(m: &Motion) -> Vec<(String, Option<usize>)> {
        let Some(BodyItem::Paragraph(p)) = m.body.first() else {
            panic!("{:?}", m.body)
        };
        (p.content.iter().flat_map(|c| &c.inlines))
            .filter_map(|i| match i {
                Inline::NoteRef { marker, note } => Some((marker.to_string(), *note)),
                _ => None,
            })
            .collect()
    }

    fn body(paragraphs: &str) -> String {
        format!("The European Parliament,\n\n{paragraphs}")
    }

    #[test]
    fn a_bracketed_call_links_to_its_note() {
        let parsed = read(&body(
            "1. Calls for X[1] and Y[1];\n\n[1] OJ C 1, 1.1.2021.\n",
        ));
        assert_eq!(
            calls(&parsed.motion),
            [("1".to_string(), Some(0)), ("1".to_string(), Some(0))]
        );
        assert_eq!(parsed.motion.footnotes[0].marker, "1");
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn a_bracketed_call_without_a_note_is_unresolved() {
        let parsed = read(&body("1. Calls for X[2];\n\n[1] OJ C 1, 1.1.2021.\n"));
        assert_eq!(calls(&parsed.motion), [("[2]".to_string(), None)]);
        assert_eq!(
            codes(&parsed.diagnostics),
            ["W-FOOTNOTE-UNRESOLVED", "W-FOOTNOTE-UNUSED"]
        );
    }

    #[test]
    fn a_note_never_called_is_reported() {
        let parsed = read(&body("1. Calls for X;\n\n[1] OJ C 1, 1.1.2021.\n"));
        assert_eq!(parsed.motion.footnotes.len(), 1);
        assert_eq!(codes(&parsed.diagnostics), ["W-FOOTNOTE-UNUSED"]);
    }

    #[test]
    fn a_parenthesised_call_links_once_then_is_text() {
        let parsed = read(&body(
            "1. Calls for X(1) under Article 3(1);\n\n[1] OJ C 1, 1.1.2021.\n",
        ));
        assert_eq!(calls(&parsed.motion), [("1".to_string(), Some(0))]);
        let Some(BodyItem::Paragraph(p)) = parsed.motion.body.first() else {
            panic!()
        };
        // The call is its bare marker; the second `(1)` stays text.
        assert_eq!(
            p.content[0].plain_text(),
            "Calls for X1 under Article 3(1);"
        );
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn a_parenthesised_number_without_a_note_stays_text() {
        let parsed = read(&body("1. Calls for X under Article 3(1);\n"));
        assert!(calls(&parsed.motion).is_empty());
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn a_parenthesised_call_links_to_a_parenthesised_note() {
        let parsed = read(&body("1. Calls for X(1);\n\n(1) OJ C 1, 1.1.2021.\n"));
        assert_eq!(parsed.motion.footnotes.len(), 1);
        assert_eq!(calls(&parsed.motion), [("1".to_string(), Some(0))]);
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }

    #[test]
    fn calls_in_the_title_and_citations_link_too() {
        let parsed = read(
            "European Parliament resolution on X[1]\n\nThe European Parliament,\n\n– having regard to Y[2],\n\n1. Calls for Z;\n\n[1] First note.\n\n[2] Second note.\n",
        );
        let title = parsed.motion.title.as_ref().expect("a title");
        assert!(title.inlines.contains(&Inline::NoteRef {
            marker: "1".into(),
            note: Some(0)
        }));
        assert!(parsed.motion.citations[0].content[0]
            .inlines
            .contains(&Inline::NoteRef {
                marker: "2".into(),
                note: Some(1)
            }));
        assert_eq!(codes(&parsed.diagnostics), Vec::<&str>::new());
    }
}
