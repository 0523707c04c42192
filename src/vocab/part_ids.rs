//! The eIds of a motion's numbered parts (citations, recitals and their points, headings,
//! paragraphs and their points), computed here once so that every output naming them, the XML's
//! `eId`s and the HTML's element ids, names them alike (`para_3`, `preamble__recs_1__rec_B`).

use super::eid::{child, Counter, Siblings};
use crate::model::{BodyItem, Point, Recital};

/// The eId of the citations' container.
pub const CITATIONS: &str = "preamble__cits_1";

/// The eId of the recitals' container.
pub const RECITALS: &str = "preamble__recs_1";

/// The eIds of `count` citations, in order: unnumbered, so by their ordinal (`…__cit_1`).
pub fn citations(count: usize) -> impl Iterator<Item = String> {
    let mut siblings = Counter::default();
    (0..count).map(move |_| siblings.next(CITATIONS, "cit"))
}

/// The eIds of the recitals, after their printed numbers (`preamble__recs_1__rec_B`).
pub fn recitals(recitals: &[Recital]) -> Vec<String> {
    let mut siblings = Siblings::default();
    (recitals.iter())
        .map(|r| child(RECITALS, "rec", &siblings.numbered(&r.num)))
        .collect()
}

/// The eIds of the body's items, in order: paragraphs `para_N` after their printed number,
/// headings `hcontainer_N` by their ordinal, so that a heading never changes a paragraph's eId.
pub fn body(items: &[BodyItem]) -> Vec<String> {
    let mut paragraphs = Siblings::default();
    let mut headings = Counter::default();
    (items.iter())
        .map(|item| match item {
            BodyItem::Heading(_) => headings.next("", "hcontainer"),
            BodyItem::Paragraph(p) => child("", "para", &paragraphs.numbered(&p.num)),
        })
        .collect()
}

/// The element and eId of each point of a paragraph or point `parent`: dash items are
/// `indent`s (the EU's element for them), the others `point`s, each numbered among its own kind.
pub fn points(parent: &str, points: &[Point]) -> Vec<(&'static str, String)> {
    let mut lettered = Siblings::default();
    let mut dashes = Siblings::default();
    (points.iter())
        .map(|point| {
            let (element, siblings) = if is_dash(&point.num.text) {
                ("indent", &mut dashes)
            } else {
                ("point", &mut lettered)
            };
            (
                element,
                child(parent, element, &siblings.numbered(&point.num)),
            )
        })
        .collect()
}

/// The eId of the `blockList` holding the points of a recital (or of a recital's point).
pub fn block_list(parent: &str) -> String {
    child(parent, "list", "1")
}

/// The eIds of the items of the block list `list` (`…__list_1__item_a`).
pub fn items(list: &str, points: &[Point]) -> Vec<String> {
    let mut siblings = Siblings::default();
    (points.iter())
        .map(|p| child(list, "item", &siblings.numbered(&p.num)))
        .collect()
}

/// True for the numbers of dash items: `–`, `-`, `—`, `•`.
pub fn is_dash(num: &str) -> bool {
    let num = num.trim();
    !num.is_empty()
        && num
            .chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '−' | '•' | '·' | '*' | '‒' | '―'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Heading, Num, Para, Paragraph};

    fn point(num: &str) -> Point {
        Point {
            num: Num::printed(num),
            content: vec![],
            points: vec![],
            span: Default::default(),
        }
    }

    #[test]
    fn parts_are_named_as_the_naming_convention_says() {
        assert_eq!(
            citations(2).collect::<Vec<_>>(),
            ["preamble__cits_1__cit_1", "preamble__cits_1__cit_2"]
        );
        let paragraph = |n: &str| {
            BodyItem::Paragraph(Paragraph {
                num: Num::printed(n),
                content: vec![],
                points: vec![],
                wrap_up: vec![],
                span: Default::default(),
            })
        };
        let heading = BodyItem::Heading(Heading {
            text: Para::default(),
        });
        assert_eq!(
            body(&[paragraph("1."), heading, paragraph("2."), paragraph("2.")]),
            ["para_1", "hcontainer_1", "para_2", "para_2_2"]
        );
        let named = points(
            "para_2",
            &[point("(a)"), point("–"), point("(b)"), point("–")],
        );
        let ids: Vec<&str> = named.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "para_2__point_a",
                "para_2__indent_1",
                "para_2__point_b",
                "para_2__indent_2"
            ]
        );
        let list = block_list("preamble__recs_1__rec_B");
        assert_eq!(
            items(&list, &[point("(i)")]),
            ["preamble__recs_1__rec_B__list_1__item_i"]
        );
    }
}
