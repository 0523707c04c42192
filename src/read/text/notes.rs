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
