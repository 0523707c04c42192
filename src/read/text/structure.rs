//! The resolution's structure from its blocks: formula, citations, recitals, operative
//! paragraphs with nested points, headings, footnotes and text the reader cannot place.

use super::blocks::{looks_like_heading, Block};
use super::inline;
use super::label::{self, Label, PointKind};
use super::numbering;
use crate::diag::codes;
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang::Profile;
use crate::model::*;
use crate::vocab::patterns;

/// Where in the resolution the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Citations,
    Recitals,
    Body,
}

/// The item the last block went into, so that unlabelled text can continue it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    None,
    Formula,
    Citation,
    Recital,
    Paragraph,
    /// A point of the last recital or paragraph.
    Point,
    Heading,
    Note,
    Intro,
    Trailing,
}

/// A block with its label read. It owns the block, so that each is freed once read into the
/// model: the blocks of a long motion are not kept beside the whole model.
pub(super) struct Item {
    pub(super) block: Block,
    pub(super) label: Option<Label>,
    /// Byte offset of the text after the label.
    pub(super) rest: usize,
}

impl Item {
    pub(super) fn text(&self) -> &str {
        &self.block.text[self.rest..]
    }
}

/// Builds the resolution part of `motion` from `blocks` (the formula block first, when there is
/// a formula).
pub struct Builder<'p> {
    profile: &'p Profile,
    notes: Vec<String>,
    zone: Zone,
    last: Last,
    /// Point kinds by nesting depth in the current recital or paragraph.
    point_kinds: Vec<PointKind>,
    pub diags: Collector,
}

impl<'p> Builder<'p> {
    pub fn new(profile: &'p Profile) -> Self {
        Builder {
            profile,
            notes: Vec::new(),
            zone: Zone::Citations,
            last: Last::None,
            point_kinds: Vec::new(),
            diags: Collector::new(),
        }
    }

    /// Reads the blocks into `motion`. `has_formula` says the first block is the formula.
    pub fn build(
        mut self,
        blocks: Vec<Block>,
        has_formula: bool,
        motion: &mut Motion,
    ) -> Collector {
        let mut items: Vec<Item> = blocks.into_iter().map(|b| self.label(b)).collect();
        numbering::bracketed_paragraphs(&mut items);
        let replaced = numbering::recitals_by_openers(&mut items, self.profile);
        self.diags.extend(replaced);
        let last_number = items
            .iter()
            .rposition(|i| matches!(i.label, Some(Label::Number(..))));
        // The markers a call can name: every `[1]` note, and the `(1)`/`1.` points after the
        // last paragraph, which are read as notes below (a marker whose point is not read as a
        // note finds no note, and its `(1)` calls go back to text when the calls are linked).
        self.notes = (items.iter().enumerate())
            .filter_map(|(index, i)| match &i.label {
                Some(Label::Note(m)) => Some(m.clone()),
                Some(Label::Point {
                    kind: PointKind::Digit,
                    num,
                    ..
                }) if last_number.is_none_or(|l| index > l) => Some(num.value.to_string()),
                _ => None,
            })
            .collect();
        // Each item is dropped once read, and the items' vector given back as it empties, so
        // that the memory of the items read serves the model growing beside them: the peak is
        // about the model's, not the model's plus all the items'. The body is sized once for
        // its numbered paragraphs and headings: grown by doubling, a body of 100,000
        // paragraphs would hold twice its size while it grows.
        let body = (items.iter())
            .filter(|i| i.block.md_heading || matches!(i.label, Some(Label::Number(..))))
            .count();
        motion.body.reserve(body);
        items.reverse();
        for index in 0.. {
            let Some(item) = items.pop() else {
                break;
            };
            if items.len() < items.capacity() / 2 {
                items.shrink_to_fit();
            }
            if index == 0 && has_formula {
                motion.formula = Some(self.para(&item.block.text, item.block.span));
                self.last = Last::Formula;
                continue;
            }
            let after_body = last_number.is_none_or(|l| index > l);
            let next_is_number = items
                .last()
                .is_some_and(|n| matches!(n.label, Some(Label::Number(..))));
            self.item(&item, after_body, next_is_number, motion);
        }
        // The model is held while it is checked and exported: without the spare room.
        motion.body.shrink_to_fit();
        motion.recitals.shrink_to_fit();
        motion.citations.shrink_to_fit();
        for d in numbering::mixed_styles(motion) {
            self.diags.push(d);
        }
        self.diags
    }

    fn label(&self, block: Block) -> Item {
        // A markdown heading is a heading whatever it reads: `## a.` or `## 0.` is no label.
        let read = (!block.md_heading && !block.escaped)
            .then(|| label::read(&block.text, self.profile))
            .flatten();
        match read {
            Some((label, rest)) => Item {
                block,
                label: Some(label),
                rest,
            },
            None if block.bullet => Item {
                block,
                label: Some(Label::Dash),
                rest: 0,
            },
            None => Item {
                block,
                label: None,
                rest: 0,
            },
        }
    }

    fn para(&self, text: &str, span: Span) -> Para {
        Para {
            inlines: inline::parse(text.trim(), &self.notes),
            span,
        }
    }

    fn item(&mut self, item: &Item, after_body: bool, next_is_number: bool, motion: &mut Motion) {
        let span = item.block.span;
        match &item.label {
            Some(Label::Note(marker)) => {
                let content = vec![self.para(item.text(), span)];
                motion.footnotes.push(Footnote {
                    marker: marker.clone(),
                    content,
                    span,
                });
                self.last = Last::Note;
            }
            Some(Label::Letter(num))
                if self.zone != Zone::Body && self.is_recital(num, item, motion) =>
            {
                let content = vec![self.para(item.text(), span)];
                motion.recitals.push(Recital {
                    num: num.clone(),
                    content,
                    points: Vec::new(),
                    span,
                });
                self.zone = Zone::Recitals;
                self.last = Last::Recital;
                self.point_kinds.clear();
            }
            Some(Label::Number(num, value)) if self.is_paragraph(*value, item, motion) => {
                let content = vec![self.para(item.text(), span)];
                motion.body.push(BodyItem::Paragraph(Paragraph {
                    num: num.clone(),
                    content,
                    points: Vec::new(),
                    wrap_up: Vec::new(),
                    span,
                }));
                self.zone = Zone::Body;
                self.last = Last::Paragraph;
                self.point_kinds.clear();
            }
            Some(Label::Point {
                kind: PointKind::Digit,
                num,
                ..
            }) if after_body && !self.expects_points(motion) => {
                let content = vec![self.para(item.text(), span)];
                motion.footnotes.push(Footnote {
                    marker: num.value.to_string(),
                    content,
                    span,
                });
                self.last = Last::Note;
            }
            Some(Label::Point {
                num,
                kind,
                maybe_roman,
            }) if self.zone != Zone::Citations => {
                self.point(motion, num.clone(), *kind, *maybe_roman, item.text(), span);
            }
            Some(Label::Dash) if self.zone == Zone::Citations => {
                self.citation(motion, item.text(), span)
            }
            Some(Label::Dash)
                if self.zone == Zone::Body || self.last_recital_introduces(motion) =>
            {
                let num = Num::printed("–");
                self.point(motion, num, PointKind::Dash, false, item.text(), span);
            }
            Some(Label::TooLarge(num)) => {
                self.diags.push(
                    Diagnostic::new(
                        &codes::NUMBER_TOO_LARGE,
                        Some(span),
                        format!(
                            "number {} is too large for a paragraph or point: not read as one; the text is kept",
                            num.text
                        ),
                    )
                    .hint("check the number; motions number their paragraphs and points from 1"),
                );
                self.unlabelled(item, after_body, next_is_number, motion)
            }
            _ => self.unlabelled(item, after_body, next_is_number, motion),
        }
    }

    /// A numbered line starts a paragraph unless it sits in the preamble mid-sentence: a wrapped
    /// line beginning with a date such as "1. huhtikuuta".
    fn is_paragraph(&self, value: u32, item: &Item, motion: &Motion) -> bool {
        if self.zone == Zone::Body || item.block.blank_before {
            return true;
        }
        let expected = motion.paragraphs().count() as u32 + 1;
        value == expected || last_text_ends_sentence(motion, self.last)
    }

    /// A lettered line starts a recital unless it is a wrapped line mid-sentence ("... by Mr\nA.
    /// Smith"): not after a blank line, not the next letter, and the text before it unfinished.
    fn is_recital(&self, num: &Num, item: &Item, motion: &Motion) -> bool {
        if item.block.blank_before || self.zone == Zone::Citations && self.last == Last::Formula {
            return true;
        }
        let letters = self.profile.letters();
        let expected = motion.recitals.len();
        crate::vocab::number::letter_index(&num.value, &letters) == Some(expected)
            || last_text_ends_sentence(motion, self.last)
    }

    fn expects_points(&self, motion: &Motion) -> bool {
        self.last == Last::Paragraph
            && last_paragraph(motion).is_some_and(|p| ends_with(&p.content, ':'))
            || self.last == Last::Point
    }

    fn last_recital_introduces(&self, motion: &Motion) -> bool {
        self.zone == Zone::Recitals
            && matches!(self.last, Last::Recital | Last::Point)
            && motion
                .recitals
                .last()
                .is_some_and(|r| ends_with(&r.content, ':') || !r.points.is_empty())
    }

    fn citation(&mut self, motion: &mut Motion, text: &str, span: Span) {
        let content = vec![self.para(text, span)];
        motion.citations.push(Citation { content, span });
        self.last = Last::Citation;
    }

    /// Adds a point to the current recital or paragraph, nested by the kinds of numbering seen.
    fn point(
        &mut self,
        motion: &mut Motion,
        num: Num,
        kind: PointKind,
        maybe_roman: bool,
        text: &str,
        span: Span,
    ) {
        let para = self.para(text, span);
        let points = match (
            self.zone,
            motion.body.last_mut(),
            motion.recitals.last_mut(),
        ) {
            (Zone::Body, Some(BodyItem::Paragraph(p)), _) => &mut p.points,
            (Zone::Recitals, _, Some(r)) => &mut r.points,
            _ => {
                // A point with nothing to belong to: keep it as unplaced text.
                return self.keep_unplaced(motion, &format!("{} {text}", num.text), span);
            }
        };
        let kind = resolve_kind(kind, maybe_roman, &num.value, &self.point_kinds, points);
        let depth = match self.point_kinds.iter().position(|k| *k == kind) {
            Some(d) => {
                self.point_kinds.truncate(d + 1);
                d
            }
            None => {
                self.point_kinds.push(kind);
                self.point_kinds.len() - 1
            }
        };
        let mut num = num;
        let mut container = points;
        for _ in 0..depth {
            if container.is_empty() {
                break;
            }
            let last = container.len() - 1;
            container = &mut container[last].points;
        }
        if kind == PointKind::Dash {
            num = Num::from_printed(&num.text, container.len() + 1);
        }
        container.push(Point {
            num,
            content: vec![para],
            points: Vec::new(),
            span,
        });
        self.last = Last::Point;
    }

    fn unlabelled(
        &mut self,
        item: &Item,
        after_body: bool,
        next_is_number: bool,
        motion: &mut Motion,
    ) {
        let block = &item.block;
        let t = block.text.as_str();
        let span = block.span;
        let p = self.profile;
        let is_one_of = |list: &[String]| list.iter().any(|f| crate::vocab::loose::eq_loose(t, f));
        let intro = if is_one_of(&p.recitals_intro) {
            Some(&mut motion.recitals_intro)
        } else if is_one_of(&p.body_intro) {
            Some(&mut motion.body_intro)
        } else {
            None
        };
        if let Some(intro) = intro {
            *intro = Some(self.para(t, span));
            self.last = Last::Intro;
            return;
        }
        let opener = |list: &[String]| {
            list.iter()
                .any(|o| crate::vocab::loose::starts_with_loose(t, o).is_some())
        };
        // A citation whose dash was lost ("  having regard to ...").
        if self.zone == Zone::Citations
            && (opener(&p.citation_openers)
                || self.last == Last::Formula
                || self.last == Last::None)
        {
            if !opener(&p.citation_openers) {
                self.warn_unrecognised(
                    span,
                    "text after the formula that does not open like a citation; kept as a citation",
                );
            }
            return self.citation(motion, t, span);
        }
        let heading_marked = block.md_heading || is_bold_line(t);
        let heading_place =
            self.zone == Zone::Body || (next_is_number && self.zone == Zone::Recitals);
        if heading_place
            && !block.escaped
            && (heading_marked
                || (next_is_number
                    && looks_like_heading(t)
                    && (block.blank_before || block.set_apart)))
        {
            let text = self.para(patterns::unwrap_emphasis(t), span);
            motion.body.push(BodyItem::Heading(Heading { text }));
            self.last = Last::Heading;
            return;
        }
        let continues = !block.blank_before
            || t.starts_with(char::is_lowercase)
            || last_text_ends_with(motion, self.last, &[':', ','])
            || last_text(motion, self.last).is_some_and(|t| t.trim().is_empty());
        if after_body && self.zone == Zone::Body && !continues || self.last == Last::Trailing {
            self.warn_unrecognised(
                span,
                "text after the last paragraph not recognised; kept at the end",
            );
            motion.trailing.push(self.para(t, span));
            self.last = Last::Trailing;
            return;
        }
        if !continues {
            self.warn_unrecognised(
                span,
                "unnumbered text kept as a further paragraph of the item before it",
            );
        }
        self.keep_unplaced_or_continue(motion, t, span);
    }

    fn warn_unrecognised(&mut self, span: Span, message: &str) {
        self.diags.push(
            Diagnostic::new(&codes::UNRECOGNISED_TEXT, Some(span), message)
                .hint("number the text if it is a recital or paragraph, or remove it if it does not belong to the motion"),
        );
    }

    /// Appends text as a further paragraph of the item it follows.
    fn keep_unplaced_or_continue(&mut self, motion: &mut Motion, text: &str, span: Span) {
        let para = self.para(text, span);
        let target: Option<&mut Vec<Para>> = match self.last {
            Last::Citation => motion.citations.last_mut().map(|c| &mut c.content),
            Last::Recital => motion.recitals.last_mut().map(|r| &mut r.content),
            Last::Paragraph => last_paragraph_mut(motion).map(|p| &mut p.content),
            Last::Point => match self.zone {
                Zone::Body => last_paragraph_mut(motion).map(|p| &mut p.wrap_up),
                _ => motion
                    .recitals
                    .last_mut()
                    .and_then(|r| r.points.last_mut())
                    .map(|pt| &mut pt.content),
            },
            Last::Note => motion.footnotes.last_mut().map(|n| &mut n.content),
            Last::Heading | Last::Intro | Last::Formula | Last::None | Last::Trailing => None,
        };
        match target {
            // A number alone on its line, its text in the next block.
            Some(content) if content.len() == 1 && content[0].is_blank() => content[0] = para,
            Some(content) => content.push(para),
            None => {
                motion.trailing.push(para);
                self.last = Last::Trailing;
            }
        }
    }

    fn keep_unplaced(&mut self, motion: &mut Motion, text: &str, span: Span) {
        self.warn_unrecognised(span, "point outside any recital or paragraph; kept as text");
        self.keep_unplaced_or_continue(motion, text, span);
    }
}

/// Decides between Roman and alphabetic numbering for `(i)`, `(v)`, `(x)`: alphabetic when it
/// continues an alphabetic run (`(h)` then `(i)`), Roman otherwise.
fn resolve_kind(
    kind: PointKind,
    maybe_roman: bool,
    value: &str,
    kinds: &[PointKind],
    points: &[Point],
) -> PointKind {
    if kind != PointKind::Alpha || !maybe_roman {
        return kind;
    }
    if let Some(depth) = kinds.iter().position(|k| *k == PointKind::Alpha) {
        let mut level = points;
        for _ in 0..depth {
            match level.last() {
                Some(p) => level = &p.points,
                None => break,
            }
        }
        let prev = level.last();
        let prev_letter = prev.and_then(|p| p.num.value.chars().next());
        let this = value.chars().next();
        if let (Some(prev_letter), Some(this)) = (prev_letter, this) {
            // `(h) ... as follows:` then `(i)` opens a Roman list inside (h).
            let opens_list = prev.is_some_and(introduces_points);
            if (prev_letter as u32) + 1 == this as u32 && !opens_list {
                return PointKind::Alpha;
            }
        }
        return PointKind::Roman;
    }
    if kinds.contains(&PointKind::Roman) || value == "i" {
        PointKind::Roman
    } else {
        PointKind::Alpha
    }
}

/// Whether a point has no points yet and its text ends with a colon, introducing a list.
fn introduces_points(point: &Point) -> bool {
    point.points.is_empty()
        && (point.content.last()).is_some_and(|p| p.plain_text().trim_end().ends_with(':'))
}

fn last_paragraph(motion: &Motion) -> Option<&Paragraph> {
    match motion.body.last() {
        Some(BodyItem::Paragraph(p)) => Some(p),
        _ => None,
    }
}

fn last_paragraph_mut(motion: &mut Motion) -> Option<&mut Paragraph> {
    match motion.body.last_mut() {
        Some(BodyItem::Paragraph(p)) => Some(p),
        _ => None,
    }
}

fn ends_with(content: &[Para], c: char) -> bool {
    content
        .last()
        .is_some_and(|p| p.plain_text().trim_end().ends_with(c))
}

fn last_text(motion: &Motion, last: Last) -> Option<String> {
    let content: &[Para] = match last {
        Last::Citation => &motion.citations.last()?.content,
        Last::Recital => &motion.recitals.last()?.content,
        Last::Paragraph => &last_paragraph(motion)?.content,
        Last::Note => &motion.footnotes.last()?.content,
        _ => return None,
    };
    content.last().map(Para::plain_text)
}

fn last_text_ends_with(motion: &Motion, last: Last, chars: &[char]) -> bool {
    last_text(motion, last).is_some_and(|t| t.trim_end().ends_with(chars))
}

fn last_text_ends_sentence(motion: &Motion, last: Last) -> bool {
    last_text(motion, last).is_none_or(|t| t.trim_end().ends_with(['.', ';', ':', ',']))
}

/// `**Heading**` on a line of its own.
fn is_bold_line(t: &str) -> bool {
    t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, en, outline, paragraphs, read, structure, texts};
    use crate::model::{BodyItem, Motion, Paragraph};

    const FORMULA: &str = "The European Parliament,\n\n";

    /// Reads the formula and `body` after it.
    fn motion(body: &str) -> (Motion, Vec<&'static str>) {
        let parsed = read(&format!("{FORMULA}{body}"));
        (parsed.motion, codes(&parsed.diagnostics))
    }

    fn first_paragraph(m: &Motion) -> &Paragraph {
        paragraphs(m).first().copied().expect("a paragraph")
    }

    /// The numbers of the first paragraph's points, with their children's in brackets.
    fn shape(body: &str) -> String {
        outline(&first_paragraph(&motion(body).0).points)
    }

    fn nums(m: &Motion) -> (Vec<&str>, Vec<&str>) {
        let recitals = m.recitals.iter().map(|r| r.num.text.as_str()).collect();
        let paragraphs = paragraphs(m).iter().map(|p| p.num.text.as_str()).collect();
        (recitals, paragraphs)
    }

    #[test]
    fn the_formula_is_its_own_part() {
        let (m, codes) = motion("1. Calls for peace;\n");
        assert_eq!(texts(m.formula.as_slice()), ["The European Parliament,"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn citations_by_dash() {
        let (m, codes) =
            motion("– having regard to X,\n\n– having regard to Y,\n\n1. Calls for Z;\n");
        let cited: Vec<_> = m.citations.iter().map(|c| texts(&c.content)).collect();
        assert_eq!(cited, [["having regard to X,"], ["having regard to Y,"]]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn citations_by_opener_without_a_dash() {
        let (m, codes) = motion("having regard to X,\n\nhaving regard to Y,\n\n1. Calls for Z;\n");
        assert_eq!(m.citations.len(), 2);
        assert_eq!(texts(&m.citations[1].content), ["having regard to Y,"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn text_after_the_formula_is_a_citation_reported() {
        let (m, codes) = motion("Recalling X,\n\n1. Calls for Z;\n");
        assert_eq!(texts(&m.citations[0].content), ["Recalling X,"]);
        assert_eq!(codes, ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn recitals_by_letter() {
        let (m, codes) = motion("A. whereas X;\n\nB. whereas Y;\n\n1. Calls for Z;\n");
        assert_eq!(nums(&m), (vec!["A.", "B."], vec!["1."]));
        assert_eq!(texts(&m.recitals[1].content), ["whereas Y;"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn a_letter_mid_sentence_is_no_recital() {
        let (m, _) = motion("A. whereas the report by Mr\nC. Smith is late;\n\n1. Calls for Z;\n");
        assert_eq!(nums(&m).0, ["A."]);
        assert_eq!(
            texts(&m.recitals[0].content).join(" "),
            "whereas the report by Mr C. Smith is late;"
        );
    }

    #[test]
    fn paragraphs_by_number() {
        let (m, codes) =
            motion("1. Calls for X;\n\n2. Instructs its President to forward this resolution;\n");
        assert_eq!(nums(&m).1, ["1.", "2."]);
        assert_eq!(texts(&first_paragraph(&m).content), ["Calls for X;"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn a_number_mid_sentence_in_the_preamble_is_no_paragraph() {
        let (m, _) = motion("A. whereas on\n3. April the talks failed;\n\n1. Calls for Z;\n");
        assert_eq!(nums(&m), (vec!["A."], vec!["1."]));
        assert_eq!(
            texts(&m.recitals[0].content).join(" "),
            "whereas on 3. April the talks failed;"
        );
    }

    #[test]
    fn a_number_too_large_is_kept_as_text_and_reported() {
        let (m, codes) = motion("1. Calls for X;\n99999999. Notes Y;\n");
        assert_eq!(nums(&m).1, ["1."]);
        assert_eq!(
            texts(&first_paragraph(&m).content).join(" "),
            "Calls for X; 99999999. Notes Y;"
        );
        assert_eq!(codes, ["E-NUMBER-TOO-LARGE"]);
    }

    #[test]
    fn points_by_letter_under_a_lead_in() {
        assert_eq!(
            shape("1. Calls for:\n(a) one;\n(b) two;\n(c) three;\n"),
            "a b c"
        );
    }

    #[test]
    fn roman_points_nest_under_letters() {
        assert_eq!(
            shape("1. Calls for:\n(a) one:\n(i) two;\n(ii) three;\n(b) four;\n"),
            "a[i ii] b"
        );
    }

    #[test]
    fn a_lone_i_opens_roman_points() {
        assert_eq!(shape("1. Calls for:\n(i) one;\n(ii) two;\n"), "i ii");
    }

    #[test]
    fn dashes_nest_under_the_points_before_them() {
        assert_eq!(
            shape("1. Calls for:\n(a) one:\n(i) two:\n– three;\n– four;\n(ii) five;\n(b) six;\n"),
            "a[i[1 2] ii] b"
        );
    }

    #[test]
    fn dash_points_after_a_lead_in_are_numbered_by_place() {
        let (m, codes) = motion("1. Calls for:\n– one;\n– two;\n");
        let p = first_paragraph(&m);
        assert_eq!(outline(&p.points), "1 2");
        assert_eq!(p.points[1].num.text, "–");
        assert_eq!(texts(&p.points[1].content), ["two;"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn i_after_h_continues_the_letters_unless_h_opens_a_list() {
        let head = "1. Calls for:\n(g) one;\n(h) two";
        assert_eq!(
            shape(&format!("{head};\n(i) three;\n(j) four;\n")),
            "g h i j"
        );
        assert_eq!(
            shape(&format!(
                "{head}, as follows:\n(i) three;\n(ii) four;\n(j) five;\n"
            )),
            "g h[i ii] j"
        );
    }

    #[test]
    fn recital_points_after_a_lead_in() {
        let (m, codes) =
            motion("A. whereas:\n(a) one;\n(b) two;\n\nB. whereas Y;\n\n1. Calls for Z;\n");
        assert_eq!(outline(&m.recitals[0].points), "a b");
        assert_eq!(m.recitals[1].points.len(), 0);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn recital_dash_points_after_a_lead_in() {
        let (m, _) = motion("A. whereas:\n– one;\n– two;\n\n1. Calls for Z;\n");
        assert_eq!(outline(&m.recitals[0].points), "1 2");
    }

    #[test]
    fn a_dash_line_after_a_recital_without_a_lead_in_continues_it() {
        let (m, _) = motion("A. whereas X;\n– and Y;\n\n1. Calls for Z;\n");
        assert!(m.recitals[0].points.is_empty());
        assert_eq!(m.recitals[0].content.len(), 2);
    }

    #[test]
    fn headings_between_paragraphs() {
        for heading in ["**Human rights**", "## Human rights", "Human rights"] {
            let (m, _) = motion(&format!(
                "1. Calls for X;\n\n{heading}\n\n2. Calls for Y;\n"
            ));
            let shape: Vec<String> = (m.body.iter())
                .map(|b| match b {
                    BodyItem::Heading(h) => format!("[{}]", h.text.plain_text()),
                    BodyItem::Paragraph(p) => p.num.text.to_string(),
                })
                .collect();
            assert_eq!(shape, ["1.", "[Human rights]", "2."], "{heading}");
        }
    }

    #[test]
    fn a_markdown_heading_is_no_label() {
        let (m, _) = motion("1. Calls for X;\n\n## A. Demands\n\n2. Calls for Y;\n");
        assert!(m.recitals.is_empty());
        assert!(matches!(&m.body[1], BodyItem::Heading(h) if h.text.plain_text() == "A. Demands"));
    }

    #[test]
    fn markdown_bullets_are_dash_points() {
        assert_eq!(shape("1. Calls for:\n* one;\n* two;\n"), "1 2");
    }

    #[test]
    fn a_letter_after_the_paragraphs_is_no_recital() {
        let (m, codes) = motion("1. Calls for X;\n\nB. Notes Y;\n");
        assert!(m.recitals.is_empty());
        assert_eq!(texts(&m.trailing), ["B. Notes Y;"]);
        assert_eq!(codes, ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn a_heading_before_the_first_paragraph() {
        let (m, _) = motion("A. whereas X;\n\n**Demands**\n\n1. Calls for Y;\n");
        assert!(matches!(&m.body[0], BodyItem::Heading(h) if h.text.plain_text() == "Demands"));
        assert_eq!(m.recitals.len(), 1);
    }

    #[test]
    fn wrap_up_text_after_points() {
        let (m, codes) = motion("1. Calls for:\n(a) one;\n(b) two;\n\nso that peace returns;\n");
        let p = first_paragraph(&m);
        assert_eq!(outline(&p.points), "a b");
        assert_eq!(texts(&p.wrap_up), ["so that peace returns;"]);
        assert_eq!(codes, Vec::<&str>::new());
    }

    #[test]
    fn a_new_sentence_after_points_is_wrap_up_reported() {
        let (m, codes) =
            motion("1. Calls for:\n(a) one;\n(b) two;\n\nAll this by 2030.\n\n2. Notes Y;\n");
        let p = first_paragraph(&m);
        assert_eq!(texts(&p.wrap_up), ["All this by 2030."]);
        assert_eq!(codes, ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn a_lower_case_line_after_a_point_continues_it() {
        let (m, _) = motion("1. Calls for:\n(a) one;\n(b) two\nso that peace returns;\n");
        let p = first_paragraph(&m);
        assert_eq!(texts(&p.points[1].content), ["two so that peace returns;"]);
        assert!(p.wrap_up.is_empty());
    }

    #[test]
    fn unnumbered_text_between_paragraphs_goes_on_the_one_before_reported() {
        let (m, codes) = motion("1. Calls for X.\n\nIt also notes Y.\n\n2. Calls for Z;\n");
        assert_eq!(
            texts(&first_paragraph(&m).content),
            ["Calls for X.", "It also notes Y."]
        );
        assert_eq!(codes, ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn text_after_the_last_paragraph_is_trailing_reported() {
        let (m, codes) = motion("1. Calls for X;\n\nDone at Brussels.\n");
        assert_eq!(texts(&m.trailing), ["Done at Brussels."]);
        assert_eq!(codes, ["W-UNRECOGNISED-TEXT"]);
    }

    #[test]
    fn digit_points_after_the_last_paragraph_are_notes() {
        let (m, _) = motion("1. Calls for X(1);\n\n(1) OJ C 1, 1.1.2021, p. 1.\n");
        assert_eq!(m.footnotes.len(), 1);
        assert_eq!(m.footnotes[0].marker, "1");
        assert!(first_paragraph(&m).points.is_empty());
    }

    #[test]
    fn digit_points_under_a_lead_in_are_points() {
        assert_eq!(shape("1. Calls for:\n(1) one;\n(2) two;\n"), "1 2");
    }

    #[test]
    fn recitals_intro_of_the_profile() {
        let parsed = super::super::testing::read_in(
            "sv",
            "Europaparlamentet utfärdar denna resolution\n\n– med beaktande av X,\n\nav följande skäl:\n\nA. Y.\n\n1. Z.\n",
        );
        let intro = parsed
            .motion
            .recitals_intro
            .as_ref()
            .map(|p| p.plain_text());
        assert_eq!(intro.as_deref(), Some("av följande skäl:"));
        assert_eq!(parsed.motion.recitals.len(), 1);
    }

    #[test]
    fn body_intro_of_the_profile() {
        let mut profile = en().clone();
        profile.body_intro = vec!["Adopts the following:".to_string()];
        let (m, _) = structure(
            "The European Parliament,\n\nA. whereas X;\n\nAdopts the following:\n\n1. Calls for Y;\n",
            &profile,
        );
        let intro = m.body_intro.as_ref().map(|p| p.plain_text());
        assert_eq!(intro.as_deref(), Some("Adopts the following:"));
        assert_eq!(nums(&m), (vec!["A."], vec!["1."]));
    }
}
