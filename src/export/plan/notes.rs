//! The footnotes of a motion as every output presents them: a note the text calls stands where
//! it is first called (the foot of the page, a Word footnote, an `authorialNote`); a note never
//! called, or called only from another note, is printed after everything else, so that no word
//! is lost.

use crate::model::{Footnote, Inline, Motion, Para};

/// Which notes the text calls, and in what order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notes<'m> {
    /// The first call of each note the text calls (outside the notes themselves), in reading
    /// order: the note's index and the call's marker as printed.
    pub first_calls: Vec<(usize, &'m str)>,
    /// For each footnote of the motion, whether the text calls it.
    pub called: Vec<bool>,
}

impl<'m> Notes<'m> {
    /// The plan of `motion`'s notes.
    pub fn of(motion: &'m Motion) -> Notes<'m> {
        let mut in_notes: Vec<*const Para> = motion
            .footnotes
            .iter()
            .flat_map(|n| n.content.iter().map(|p| p as *const Para))
            .collect();
        in_notes.sort_unstable();
        let mut called = vec![false; motion.footnotes.len()];
        let mut first_calls = Vec::new();
        for para in motion.text_in_order() {
            if in_notes.binary_search(&(para as *const Para)).is_ok() {
                continue;
            }
            for inline in &para.inlines {
                if let Inline::NoteRef { marker, note } = inline {
                    if let Some(i) = callable(&motion.footnotes, marker, *note) {
                        if !std::mem::replace(&mut called[i], true) {
                            first_calls.push((i, marker.as_str()));
                        }
                    }
                }
            }
        }
        Notes {
            first_calls,
            called,
        }
    }

    /// Whether the text calls any note.
    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub fn any_called(&self) -> bool {
        !self.first_calls.is_empty()
    }

    /// Whether the k-th call and its note are both marked `k` (bare, in brackets or in
    /// parentheses): the motion numbers its notes 1, 2, 3... in call order, as a word processor
    /// would.
    #[cfg_attr(not(feature = "docx"), allow(dead_code))]
    pub fn sequential(&self, footnotes: &[Footnote]) -> bool {
        self.first_calls.iter().enumerate().all(|(k, (i, marker))| {
            let k = (k + 1).to_string();
            bare(marker) == k && bare(&footnotes[*i].marker) == k
        })
    }
}

/// A footnote marker without its brackets or parentheses (`[1]`, `(1)` and `1` are all `1`),
/// as the Parliament's documents print calls and notes: a plain superscript.
pub fn bare(marker: &str) -> &str {
    marker
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')'])
}

/// The note a call with this marker links to, when it can: the note exists and the marker
/// shows something (not only spaces or control characters).
pub fn callable(footnotes: &[Footnote], marker: &str, note: Option<usize>) -> Option<usize> {
    let shows = marker
        .chars()
        .any(|c| !c.is_whitespace() && !c.is_control());
    note.filter(|&i| i < footnotes.len() && shows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BodyItem, Num, Paragraph};

    fn call(marker: &str, note: Option<usize>) -> Inline {
        Inline::NoteRef {
            marker: marker.into(),
            note,
        }
    }

    fn motion(inlines: Vec<Inline>, notes: &[&str]) -> Motion {
        let para = |inlines| Para {
            inlines,
            ..Para::default()
        };
        Motion {
            body: vec![BodyItem::Paragraph(Paragraph {
                num: Num::printed("1."),
                content: vec![para(inlines)],
                points: vec![],
                wrap_up: vec![],
                span: Default::default(),
            })],
            footnotes: notes
                .iter()
                .map(|m| Footnote {
                    marker: m.to_string(),
                    content: vec![para(vec![Inline::text("n"), call("1", Some(0))])],
                    span: Default::default(),
                })
                .collect(),
            ..Motion::default()
        }
    }

    #[test]
    fn first_calls_in_reading_order_and_once_each() {
        let m = motion(
            vec![call("2", Some(1)), call("1", Some(0)), call("2", Some(1))],
            &["1", "2", "3"],
        );
        let plan = Notes::of(&m);
        assert_eq!(plan.first_calls, vec![(1, "2"), (0, "1")]);
        // The third note is called only from inside a note: it goes after everything else.
        assert_eq!(plan.called, vec![true, true, false]);
        assert!(!plan.sequential(&m.footnotes));
    }

    #[test]
    fn calls_that_show_nothing_or_lead_nowhere_call_no_note() {
        let m = motion(
            vec![call(" \u{1}", Some(0)), call("9", None), call("7", Some(7))],
            &["1"],
        );
        let plan = Notes::of(&m);
        assert!(!plan.any_called());
        assert_eq!(plan.called, vec![false]);
    }

    #[test]
    fn notes_numbered_as_called_are_sequential() {
        let m = motion(
            vec![call("[1]", Some(0)), call("(2)", Some(1))],
            &["1", "2"],
        );
        assert!(Notes::of(&m).sequential(&m.footnotes));
    }
}
