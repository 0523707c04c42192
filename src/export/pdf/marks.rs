//! How the redline's changes look and read: each glyph carries its [`Change`] from the span it
//! was set from, so that line breaking and justification are the plain PDF's; here the changed
//! runs of a line are shown in colour (insertions blue, deletions red), insertions underlined
//! and deletions struck through twice (so that in greyscale the two still differ by their lines,
//! not by their colour), with a black change bar in the left margin beside every line holding a
//! change. The lines and bars are artifacts; the changed text is an element of its own inside
//! its paragraph's, `Ins` or `Del` (role-mapped to the standard `Span`), whose `/Alt` ("Inserted:
//! ...", "Deleted: ...", in the motion's language) a screen reader reads out in place of the bare
//! words.

use super::compose::{Block, Change, Tag};
use super::draw::num;
use super::elements::Elem;
use super::fonts::Style;
use super::layout::{Glyph, Setter};
use super::place::Text;

/// The fill and stroke colour of a change, as RGB.
fn colour(change: Change) -> Option<&'static [u8]> {
    match change {
        Change::None => None,
        Change::Inserted => Some(b"0 0.25 0.75"),
        Change::Deleted => Some(b"0.75 0 0"),
    }
}

/// Changed runs past this many (in reading order) are not elements of their own: their text is
/// drawn in its paragraph's element, still coloured and marked (see
/// [`TAGGED_LINKS`](super::draw::TAGGED_LINKS) for why the structure tree is bounded).
pub(super) const TAGGED_CHANGES: usize = 10_000;

/// The label of a block a redline marks: all inserted or all deleted, or OLD's number struck
/// and a space before NEW's inserted. Other labels are as set.
pub(super) fn label(
    setter: &mut Setter<'_>,
    block: &Block<'_>,
    glyphs: Vec<Glyph>,
    (style, size): (Style, f32),
) -> Vec<Glyph> {
    let Some(relabel) = block.relabel.as_deref() else {
        return glyphs;
    };
    let mut out = Vec::new();
    if let Some(old) = &relabel.old {
        let mut struck = setter.run(&format!("{} ", old.trim()), style, size);
        out.extend(struck.drain(..).map(|g| g.marked(Change::Deleted)));
    }
    out.extend(glyphs.into_iter().map(|g| g.marked(relabel.change)));
    out
}

/// The runs of `glyphs` that have one change each, in order; one (empty) run when there are no
/// glyphs, so that an empty line is still drawn.
pub(super) fn runs(glyphs: &[Glyph]) -> impl Iterator<Item = (&[Glyph], Change)> + '_ {
    let mut rest = Some(glyphs);
    std::iter::from_fn(move || {
        let now = rest.take()?;
        let change = now.first().map_or(Change::None, Glyph::change);
        let end = (now.iter())
            .position(|g| g.change() != change)
            .unwrap_or(now.len());
        if end < now.len() {
            rest = Some(&now[end..]);
        }
        Some((&now[..end], change))
    })
}

/// Sets the fill colour of text of `change` (in a text object); `after` puts black back.
pub(super) fn fill(out: &mut Vec<u8>, change: Change, after: bool) {
    if let Some(rgb) = colour(change) {
        out.extend_from_slice(if after { b"0 g\n" } else { rgb });
        if !after {
            out.extend_from_slice(b" rg\n");
        }
    }
}

/// The words of a changed run, which its `/Alt` says after what the change is (see [`alts`]).
pub(super) fn words(glyphs: &[Glyph]) -> String {
    let words: String = glyphs.iter().map(|g| g.ch).collect();
    words.trim().to_string()
}

/// What a screen reader reads for each changed run: what it is, in the motion's language
/// (`inserted` for an `Ins` element, `deleted` for a `Del`: "Inserted", "Eingefügt"), then its
/// words (`words`, by the elements' `extra`).
pub(super) fn alts(
    elems: &[Elem],
    words: &[String],
    (inserted, deleted): (&str, &str),
) -> Vec<String> {
    let mut out = words.to_vec();
    for elem in elems {
        let what = match elem.tag {
            Tag::Ins => inserted,
            Tag::Del => deleted,
            _ => continue,
        };
        if let Some(alt) = out.get_mut(elem.extra as usize) {
            *alt = format!("{what}: {alt}");
        }
    }
    out
}

/// How far left of the text area the change bars stand, in points.
const BAR_GAP: f32 = 9.0;

/// The lines of a page's changes, after its text: under each inserted run a line, through each
/// deleted run two, in the change's colour, and a change bar in the margin, left of the text
/// area starting at `left`, beside each line that holds a change (one bar down lines that
/// follow each other). Nothing for a page without changes.
pub(super) fn draw(out: &mut Vec<u8>, texts: &[Text<'_>], left: f32) {
    let bar_x = left - BAR_GAP;
    let mut bars: Vec<(f32, f32)> = Vec::new();
    let mut strokes: Vec<(Change, f32, [f32; 3])> = Vec::new();
    for text in texts {
        let mut positions = text.positions().peekable();
        while let Some((x0, first)) = positions.next() {
            let change = first.change();
            if change == Change::None {
                continue;
            }
            let (mut x1, mut size) = (x0 + first.advance, first.size);
            while let Some((x, g)) = positions.next_if(|(_, g)| g.change() == change) {
                x1 = x + g.advance;
                size = size.max(g.size);
            }
            let y = text.baseline;
            match change {
                Change::Inserted => strokes.push((change, size * 0.05, [x0, x1, y - size * 0.12])),
                _ => {
                    for up in [0.2, 0.33] {
                        strokes.push((change, size * 0.04, [x0, x1, y + size * up]));
                    }
                }
            }
            let bar = (y - size * 0.3, y + size * 0.9);
            match bars.last_mut() {
                Some(last) if last.0 <= bar.1 && bar.0 <= last.1 => {
                    *last = (last.0.min(bar.0), last.1.max(bar.1));
                }
                _ => bars.push(bar),
            }
        }
    }
    if strokes.is_empty() {
        return;
    }
    out.extend_from_slice(b"\n/Artifact BMC\nq\n");
    let mut current = None;
    for (change, width, [x0, x1, y]) in strokes {
        if current != Some(change) {
            out.extend_from_slice(colour(change).unwrap_or(b"0 0 0"));
            out.extend_from_slice(b" RG\n");
            current = Some(change);
        }
        line(out, width, [x0, y], [x1, y]);
    }
    out.extend_from_slice(b"0 G\n");
    for (bottom, top) in bars {
        line(out, 1.0, [bar_x, bottom], [bar_x, top]);
    }
    out.extend_from_slice(b"Q\nEMC");
}

/// A stroked line `width` wide from `a` to `b`.
fn line(out: &mut Vec<u8>, width: f32, a: [f32; 2], b: [f32; 2]) {
    num(out, width, 2);
    out.extend_from_slice(b" w\n");
    for ([x, y], op) in [(a, &b" m\n"[..]), (b, b" l\n")] {
        num(out, x, 2);
        out.push(b' ');
        num(out, y, 2);
        out.extend_from_slice(op);
    }
    out.extend_from_slice(b"S\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(change: Change) -> Glyph {
        Glyph::new('a', 0, 1, 10.0, 5.0).marked(change)
    }

    #[test]
    fn runs_split_where_the_change_changes() {
        let glyphs = [
            glyph(Change::None),
            glyph(Change::Inserted),
            glyph(Change::Inserted),
            glyph(Change::Deleted),
        ];
        let got: Vec<(usize, Change)> = runs(&glyphs).map(|(r, c)| (r.len(), c)).collect();
        assert_eq!(
            got,
            [
                (1, Change::None),
                (2, Change::Inserted),
                (1, Change::Deleted)
            ]
        );
        assert_eq!(runs(&[]).count(), 1);
        assert_eq!(glyph(Change::Deleted).change(), Change::Deleted);
        assert!(!glyph(Change::Deleted).is_space());
    }
}
