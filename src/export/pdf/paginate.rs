//! From lines to pages: fills each page from the top, ends it only where the lines allow (no
//! widow, no orphan, a heading or a number never alone at the foot), and sets each footnote at
//! the foot of the page where it is first called, continuing it on the next page when it does
//! not fit.

use super::layout::Line;
use std::collections::VecDeque;

/// Which line a placed line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineRef {
    Body(u32),
    /// Line `1` of footnote `0`.
    Note(u32, u32),
}

/// A line on a page, `y` points below the top of the text area (the top of its line box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Placed {
    pub(super) line: LineRef,
    pub(super) y: f32,
}

/// The lines of one page, and where the rule above its footnotes goes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Page {
    pub(super) lines: Vec<Placed>,
    pub(super) separator: Option<f32>,
}

/// Space taken by the rule between the text and the footnotes.
pub(super) fn separator_height(size: f32) -> f32 {
    size * 1.2
}

/// Puts `body` lines and the `notes` lines they call on pages `height` points tall.
pub(super) fn paginate(body: &[Line], notes: &[Vec<Line>], height: f32, sep: f32) -> Vec<Page> {
    let called = first_calls(body, notes);
    let note_h = |&(n, l): &(usize, usize)| notes[n][l].gap + notes[n][l].leading;
    let full_h = |n: usize| (0..notes[n].len()).map(|l| note_h(&(n, l))).sum::<f32>();
    let first_h = |n: usize| {
        if notes[n].is_empty() {
            0.0
        } else {
            note_h(&(n, 0))
        }
    };

    let mut pages = Vec::new();
    let mut carried: VecDeque<(usize, usize)> = VecDeque::new();
    let mut i = 0;
    while i < body.len() || !carried.is_empty() {
        let carried_h: f32 = carried.iter().map(note_h).sum();
        // How far the page could go: each line must fit with the notes of the lines before it
        // complete and at least the first line of its own notes.
        let (mut used, mut notes_h, mut j) = (0.0, 0.0, i);
        while j < body.len() {
            if j > i && body[j].new_page {
                break;
            }
            let line_h = if j == i { 0.0 } else { body[j].gap } + body[j].leading;
            let first_new: f32 = called[j].iter().map(|&n| first_h(n)).sum();
            let any_notes = carried_h + notes_h + first_new > 0.0;
            let sep_h = if any_notes { sep } else { 0.0 };
            if used + line_h + carried_h + notes_h + first_new + sep_h > height {
                break;
            }
            used += line_h;
            notes_h += called[j].iter().map(|&n| full_h(n)).sum::<f32>();
            j += 1;
        }
        // Where it may end: the last allowed break at or before that line.
        let mut end = if j >= body.len() || body[j].new_page {
            j
        } else {
            (i + 1..=j)
                .rev()
                .find(|&k| body[k].break_before)
                .unwrap_or(j)
        };
        if end == i && carried.is_empty() {
            end = (i + 1).min(body.len());
        }

        let mut page = Page::default();
        let mut y = 0.0;
        for (k, line) in body.iter().enumerate().take(end).skip(i) {
            if k > i {
                y += line.gap;
            }
            page.lines.push(Placed {
                line: LineRef::Body(k as u32),
                y,
            });
            y += line.leading;
        }
        let mut queue = std::mem::take(&mut carried);
        for &n in called[i..end].iter().flatten() {
            queue.extend((0..notes[n].len()).map(|l| (n, l)));
        }
        let room = height - y - sep;
        let mut placed: Vec<(usize, usize)> = Vec::new();
        let mut taken = 0.0;
        while let Some(&line) = queue.front() {
            let h = note_h(&line);
            if taken + h > room && !(placed.is_empty() && end == i) {
                break;
            }
            taken += h;
            placed.push(line);
            queue.pop_front();
        }
        carried = queue;
        if !placed.is_empty() {
            let mut ny = height - taken;
            page.separator = Some(ny - sep / 2.0);
            for (idx, &(n, l)) in placed.iter().enumerate() {
                if idx > 0 {
                    ny += notes[n][l].gap;
                }
                page.lines.push(Placed {
                    line: LineRef::Note(n as u32, l as u32),
                    y: ny,
                });
                ny += notes[n][l].leading;
            }
        }
        pages.push(page);
        i = end;
    }
    if pages.is_empty() {
        pages.push(Page::default());
    }
    pages
}

/// For each body line, the footnotes first called there (that have lines to print).
fn first_calls(body: &[Line], notes: &[Vec<Line>]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; notes.len()];
    body.iter()
        .map(|line| {
            line.calls()
                .filter(|&n| {
                    let new = n < notes.len() && !seen[n] && !notes[n].is_empty();
                    if new {
                        seen[n] = true;
                    }
                    new
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(break_before: bool) -> Line {
        Line {
            leading: 10.0,
            break_before,
            ..Line::default()
        }
    }

    fn calling(n: usize) -> Line {
        let mut l = line(true);
        l.extras_mut().calls.push(n as u32);
        l
    }

    fn body_lines(page: &Page) -> Vec<usize> {
        page.lines
            .iter()
            .filter_map(|p| match p.line {
                LineRef::Body(i) => Some(i as usize),
                LineRef::Note(..) => None,
            })
            .collect()
    }

    #[test]
    fn fills_pages_and_respects_forbidden_breaks() {
        // 25 lines, 10 per page; a break before line 10 is forbidden, so page 1 ends at 9.
        let mut body: Vec<Line> = (0..25).map(|_| line(true)).collect();
        body[10].break_before = false;
        let pages = paginate(&body, &[], 100.0, 12.0);
        assert_eq!(body_lines(&pages[0]), (0..9).collect::<Vec<_>>());
        assert_eq!(body_lines(&pages[1])[0], 9);
        let all: Vec<usize> = pages.iter().flat_map(body_lines).collect();
        assert_eq!(all, (0..25).collect::<Vec<_>>());
    }

    #[test]
    fn a_chain_longer_than_a_page_is_broken_anyway() {
        let body: Vec<Line> = (0..25).map(|_| line(false)).collect();
        let pages = paginate(&body, &[], 100.0, 12.0);
        let all: Vec<usize> = pages.iter().flat_map(body_lines).collect();
        assert_eq!(all, (0..25).collect::<Vec<_>>());
        assert_eq!(pages.len(), 3);
    }

    #[test]
    fn footnotes_go_to_the_page_of_their_call_and_continue() {
        let mut body: Vec<Line> = (0..12).map(|_| line(true)).collect();
        body[3] = calling(0);
        let notes = vec![(0..12).map(|_| line(true)).collect::<Vec<_>>()];
        let pages = paginate(&body, &notes, 100.0, 12.0);
        let first_note_page = pages
            .iter()
            .position(|p| p.lines.iter().any(|l| l.line == LineRef::Note(0, 0)))
            .unwrap();
        let call_page = pages
            .iter()
            .position(|p| body_lines(p).contains(&3))
            .unwrap();
        assert_eq!(first_note_page, call_page);
        let note_lines: usize = pages
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .filter(|l| matches!(l.line, LineRef::Note(..)))
                    .count()
            })
            .sum();
        assert_eq!(note_lines, 12);
        for p in &pages {
            for l in &p.lines {
                assert!(l.y >= 0.0 && l.y + 10.0 <= 100.0 + 1e-3, "{l:?}");
            }
        }
    }

    #[test]
    fn nothing_gives_one_empty_page() {
        assert_eq!(paginate(&[], &[], 100.0, 12.0).len(), 1);
    }
}
