//! The HTML redline of a comparison: NEW's page (the plain page's head, style, cover, notes and
//! furniture) whose citations, recitals, paragraphs, headings and points follow the comparison's
//! alignment, with what only OLD says in `<del>` and what only NEW says in `<ins>`, and before the
//! text a summary of the changes linking to each (NEW's eIds as ids; `old-` and OLD's eId for
//! what NEW no longer has). Dropping every `<del>` leaves NEW's words in order, dropping every
//! `<ins>` OLD's.

use super::inline::shown;
use super::{Doc, HtmlOptions};
use crate::compare::align::{Pairing, Shown, Step};
use crate::compare::tokens::{self, Mark, Token};
use crate::compare::words::{diff, Edit};
use crate::compare::{Aligned, Change, ChangeKind, Comparison, PartTokens};
use crate::export::plan::notes::callable;
use crate::export::plan::redline::{group, Pair};
use crate::export::plan::CITATION_DASH;
use crate::export::{check_depth, ExportError, Format};
use crate::model::{BodyItem, Motion, Para, Point};
use crate::vocab::part_ids;

/// What the redline adds to the house style: deletions struck and insertions underlined, in
/// colour and told apart in greyscale too.
const CSS: &str = r#"
del{color:#b00;text-decoration:line-through}
ins{color:#060;text-decoration:underline}
li.deleted,li.moved-from,h2.deleted{opacity:.85}
nav.changes{border:1px solid #000;padding:.5rem 1rem;margin:0 0 1.5rem}
nav.changes ul{margin:.3rem 0;padding-left:1.2rem}
"#;

/// Writes the redline of `comparison` (of `old` with `new`, whose blocks' tokens it holds):
/// NEW's page with the changes marked.
pub fn redline<'m>(
    old: &'m Motion,
    new: &'m Motion,
    comparison: &Comparison<'m>,
    options: &HtmlOptions,
) -> Result<Vec<u8>, ExportError> {
    check_depth(old, Format::Html)?;
    check_depth(new, Format::Html)?;
    let mut doc = Doc::new(new);
    doc.page(
        options,
        CSS,
        |doc| doc.summary(comparison),
        |doc| {
            let mut r = Redline {
                doc,
                old,
                comparison,
                plain: String::new(),
            };
            r.preamble(comparison);
            r.body(&comparison.alignment.body);
            r.doc.trailing();
        },
    );
    Ok(doc.out.finish())
}

/// How a block is shown: gone (OLD's, struck), new (NEW's, underlined), or a pair diffed word
/// by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Old,
    New,
    Diff,
}

impl View {
    fn of(step: Step) -> View {
        match step.shown() {
            Shown::Old => View::Old,
            Shown::New => View::New,
            Shown::Both => View::Diff,
        }
    }

    fn class(step: Step) -> &'static str {
        match step {
            Step::Deleted(_) => "deleted",
            Step::MovedFrom(_) => "moved-from",
            Step::Inserted(_) => "inserted",
            Step::Both {
                how: Pairing::Moved,
                ..
            } => "moved",
            Step::Both { .. } => "",
        }
    }
}

/// The id of a block in the redline: NEW's eId, or `old-` and OLD's.
fn id(view: View, old: &str, new: &str) -> String {
    match view {
        View::Old => format!("old-{old}"),
        _ => new.to_string(),
    }
}

impl Doc<'_> {
    /// The summary before the text: the counts, then a link to each change (field changes shown
    /// in place).
    fn summary(&mut self, comparison: &Comparison) {
        let s = &comparison.summary;
        self.out
            .open("nav", &[("class", "changes"), ("aria-label", "Changes")]);
        let counts = format!(
            "Changes: {} inserted, {} deleted, {} changed, {} moved, {} renumbered, {} fields changed",
            s.inserted, s.deleted, s.changed, s.moved, s.renumbered, s.field_changed
        );
        self.out.line("p", &[], &counts);
        if !comparison.changes.is_empty() {
            self.out.open("ul", &[]);
            for change in &comparison.changes {
                self.summary_line(change);
            }
            self.out.close("ul");
        }
        self.out.close("nav");
    }

    fn summary_line(&mut self, change: &Change) {
        self.out.open("li", &[]);
        if let Some(field) = &change.field {
            self.out.text(field);
            self.out.text(": ");
            for (element, words) in [("del", &change.removed), ("ins", &change.added)] {
                if !words.is_empty() {
                    self.out.start(element, &[]);
                    self.out.text(&words.join(" "));
                    self.out.end(element);
                    self.out.text(" ");
                }
            }
        } else {
            let (side, prefix) = match (&change.new, &change.old) {
                (Some(side), _) if change.kind != ChangeKind::Deleted => (side, ""),
                (_, Some(side)) => (side, "old-"),
                (Some(side), None) => (side, ""),
                (None, None) => (&Default::default(), ""),
            };
            let href = format!("#{prefix}{}", side.eid);
            self.out.start("a", &[("href", &href)]);
            let mut what = format!("{} {}", change.kind.name(), side.eid);
            if let (Some(a), Some(b)) = (
                change.old.as_ref().and_then(|s| s.num.as_ref()),
                change.new.as_ref().and_then(|s| s.num.as_ref()),
            ) {
                if a != b {
                    what.push_str(&format!(" ({a} \u{2192} {b})"));
                }
            }
            self.out.text(&what);
            self.out.end("a");
        }
        self.out.end("li");
    }
}

/// A redline being written: NEW's page, OLD for what it no longer has, and the comparison's
/// tokens of both.
struct Redline<'d, 'm> {
    doc: &'d mut Doc<'m>,
    old: &'m Motion,
    comparison: &'d Comparison<'m>,
    /// Plain words (and the spaces between them) not yet written: a run of them is escaped in
    /// one call, not word by word. One buffer for the whole page.
    plain: String,
}

impl<'d, 'm> Redline<'d, 'm> {
    fn newer(&self) -> &'m Motion {
        self.doc.motion
    }

    /// The title, its notes, the formula, citations, recitals and the words that open the
    /// operative part, each diffed.
    fn preamble(&mut self, comparison: &Comparison) {
        let (old, new) = (self.old, self.newer());
        let single = |p: &'m Option<Para>| p.as_slice();
        if old.title.is_some() || new.title.is_some() {
            self.paras(
                View::Diff,
                single(&old.title),
                single(&new.title),
                "h1",
                &[("class", "title")],
            );
        }
        self.paras(
            View::Diff,
            &old.title_notes,
            &new.title_notes,
            "p",
            &[("class", "title-note")],
        );
        self.paras(
            View::Diff,
            single(&old.formula),
            single(&new.formula),
            "p",
            &[("class", "formula")],
        );
        self.citations(&comparison.alignment.citations);
        let formula = [("class", "formula")];
        self.paras(
            View::Diff,
            single(&old.recitals_intro),
            single(&new.recitals_intro),
            "p",
            &formula,
        );
        self.recitals(&comparison.alignment.recitals);
        self.paras(
            View::Diff,
            single(&old.body_intro),
            single(&new.body_intro),
            "p",
            &formula,
        );
    }

    fn citations(&mut self, steps: &[Aligned]) {
        if steps.is_empty() {
            return;
        }
        let (old, new) = (self.old, self.newer());
        let label = self.doc.labels.citations().to_string();
        self.doc.open_list("citations", part_ids::CITATIONS, &label);
        let old_ids: Vec<String> = part_ids::citations(old.citations.len()).collect();
        let new_ids: Vec<String> = part_ids::citations(new.citations.len()).collect();
        let (old_tokens, new_tokens) = self.tokens();
        for a in steps {
            let (o, n) = a.step.indices();
            let view = View::of(a.step);
            let tokens = (
                o.map(|i| &old_tokens.citations[i]),
                n.map(|i| &new_tokens.citations[i]),
            );
            let at = |ids: &[String], i: Option<usize>| i.map_or(String::new(), |i| ids[i].clone());
            self.open_item(
                &id(view, &at(&old_ids, o), &at(&new_ids, n)),
                View::class(a.step),
            );
            self.num(view, Some(CITATION_DASH), Some(CITATION_DASH));
            let (a, b) = group(tokens, 0);
            self.text(view, a, b, "p", &[]);
            self.doc.out.end("li");
        }
        self.doc.out.close("ol");
    }

    fn recitals(&mut self, steps: &[Aligned]) {
        if steps.is_empty() {
            return;
        }
        let (old, new) = (self.old, self.newer());
        let label = self.doc.labels.recitals().to_string();
        self.doc.open_list("recitals", part_ids::RECITALS, &label);
        let old_ids = part_ids::recitals(&old.recitals);
        let new_ids = part_ids::recitals(&new.recitals);
        let (old_tokens, new_tokens) = self.tokens();
        for a in steps {
            let (o, n) = a.step.indices();
            let view = View::of(a.step);
            let (ro, rn) = (o.map(|i| &old.recitals[i]), n.map(|i| &new.recitals[i]));
            let (oid, nid) = (pick(&old_ids, o), pick(&new_ids, n));
            self.open_item(&id(view, &oid, &nid), View::class(a.step));
            self.num(
                view,
                ro.map(|r| r.num.text.as_str()),
                rn.map(|r| r.num.text.as_str()),
            );
            let tokens = (
                o.map(|i| &old_tokens.recitals[i]),
                n.map(|i| &new_tokens.recitals[i]),
            );
            let (ta, tb) = group(tokens, 0);
            self.text(view, ta, tb, "p", &[]);
            let points =
                |r: Option<&'m crate::model::Recital>| r.map_or(&[][..], |r| &r.points[..]);
            self.points(
                Family::Items,
                view,
                (&oid, points(ro)),
                (&nid, points(rn)),
                &a.points,
                tokens,
            );
            self.doc.out.end("li");
        }
        self.doc.out.close("ol");
    }

    /// The operative part: paragraphs in lists broken by headings, as on the plain page.
    fn body(&mut self, steps: &[Aligned]) {
        let (old, new) = (self.old, self.newer());
        let label = self.doc.labels.paragraphs_all().to_string();
        let old_ids = part_ids::body(&old.body);
        let new_ids = part_ids::body(&new.body);
        let (old_tokens, new_tokens) = self.tokens();
        let mut open = false;
        for a in steps {
            let (o, n) = a.step.indices();
            let view = View::of(a.step);
            let tokens = (
                o.map(|i| &old_tokens.body[i]),
                n.map(|i| &new_tokens.body[i]),
            );
            let (bo, bn) = (o.map(|i| &old.body[i]), n.map(|i| &new.body[i]));
            let (oid, nid) = (pick(&old_ids, o), pick(&new_ids, n));
            let class = View::class(a.step);
            match bn.or(bo) {
                Some(BodyItem::Heading(_)) => {
                    if std::mem::take(&mut open) {
                        self.doc.out.close("ol");
                    }
                    let id = id(view, &oid, &nid);
                    let mut attrs = vec![("id", id.as_str())];
                    if !class.is_empty() {
                        attrs.push(("class", class));
                    }
                    let (ta, tb) = group(tokens, 0);
                    self.text(view, ta, tb, "h2", &attrs);
                }
                Some(BodyItem::Paragraph(_)) => {
                    if !std::mem::replace(&mut open, true) {
                        self.doc
                            .out
                            .open("ol", &[("class", "paragraphs"), ("aria-label", &label)]);
                    }
                    let paragraph = |b: Option<&'m BodyItem>| match b {
                        Some(BodyItem::Paragraph(p)) => Some(p),
                        _ => None,
                    };
                    let (po, pn) = (paragraph(bo), paragraph(bn));
                    self.open_item(&id(view, &oid, &nid), class);
                    self.num(
                        view,
                        po.map(|p| p.num.text.as_str()),
                        pn.map(|p| p.num.text.as_str()),
                    );
                    let (ta, tb) = group(tokens, 0);
                    self.text(view, ta, tb, "p", &[]);
                    let points = |p: Option<&'m crate::model::Paragraph>| {
                        p.map_or(&[][..], |p| &p.points[..])
                    };
                    self.points(
                        Family::Points,
                        view,
                        (&oid, points(po)),
                        (&nid, points(pn)),
                        &a.points,
                        tokens,
                    );
                    let (ta, tb) = group(tokens, 1);
                    self.text(view, ta, tb, "p", &[("class", "wrap-up")]);
                    self.doc.out.end("li");
                }
                None => {}
            }
        }
        if open {
            self.doc.out.close("ol");
        }
    }

    /// The points of a block: those of a pair along their alignment, those of a block gone or
    /// new all struck or all underlined.
    fn points(
        &mut self,
        family: Family,
        view: View,
        old: (&str, &'m [Point]),
        new: (&str, &'m [Point]),
        aligned: &[Aligned],
        (old_tokens, new_tokens): Pair<'d, 'm>,
    ) {
        let steps: Vec<Step> = match view {
            View::Old => (0..old.1.len()).map(Step::Deleted).collect(),
            View::New => (0..new.1.len()).map(Step::Inserted).collect(),
            View::Diff => aligned.iter().map(|a| a.step).collect(),
        };
        if steps.is_empty() {
            return;
        }
        let old_ids = family.ids(old.0, old.1);
        let new_ids = family.ids(new.0, new.1);
        match family {
            Family::Points => self.doc.out.open("ol", &[("class", "points")]),
            Family::Items => {
                let list = match view {
                    View::Old => format!("old-{}", part_ids::block_list(old.0)),
                    _ => part_ids::block_list(new.0),
                };
                self.doc
                    .out
                    .open("ol", &[("class", "points"), ("id", &list)]);
            }
        }
        for (k, step) in steps.iter().enumerate() {
            let (o, n) = step.indices();
            // A point of a block shown whole is shown whole too.
            let inner = match view {
                View::Diff => View::of(*step),
                whole => whole,
            };
            let (po, pn) = (o.map(|i| &old.1[i]), n.map(|i| &new.1[i]));
            let tokens = (
                o.and_then(|i| old_tokens.map(|t| &t.points[i])),
                n.and_then(|i| new_tokens.map(|t| &t.points[i])),
            );
            let (oid, nid) = (pick(&old_ids, o), pick(&new_ids, n));
            let class = if view == View::Diff {
                View::class(*step)
            } else {
                ""
            };
            self.open_item(&id(inner, &oid, &nid), class);
            self.num(
                inner,
                po.map(|p| p.num.text.as_str()),
                pn.map(|p| p.num.text.as_str()),
            );
            let (ta, tb) = group(tokens, 0);
            self.text(inner, ta, tb, "p", &[]);
            let children = match view {
                View::Diff => aligned.get(k).map_or(&[][..], |a| &a.points[..]),
                _ => &[][..],
            };
            let sub = |p: Option<&'m Point>| p.map_or(&[][..], |p| &p.points[..]);
            self.points(
                family,
                inner,
                (&oid, sub(po)),
                (&nid, sub(pn)),
                children,
                tokens,
            );
            self.doc.out.end("li");
        }
        self.doc.out.close("ol");
    }

    fn open_item(&mut self, id: &str, class: &str) {
        let mut attrs = vec![("id", id)];
        if !class.is_empty() {
            attrs.push(("class", class));
        }
        self.doc.out.open("li", &attrs);
    }

    /// The printed number: OLD's struck and NEW's underlined when they differ.
    fn num(&mut self, view: View, old: Option<&str>, new: Option<&str>) {
        let out = &mut self.doc.out;
        out.start("span", &[("class", "num")]);
        match (view, old, new) {
            (View::Old, Some(o), _) => wrapped(out, "del", o),
            (View::New, _, Some(n)) => wrapped(out, "ins", n),
            (View::Diff, Some(o), Some(n)) if o != n => {
                wrapped(out, "del", o);
                wrapped(out, "ins", n);
            }
            (_, _, Some(n)) => out.text(n),
            _ => {}
        }
        out.end("span");
    }

    /// The comparison's tokens of OLD's and of NEW's blocks.
    fn tokens(&self) -> (&'d PartTokens<'m>, &'d PartTokens<'m>) {
        (&self.comparison.old_tokens, &self.comparison.new_tokens)
    }

    /// Paragraphs the comparison has no tokens of (the title, the formulas), tokenized here, as
    /// [`Self::text`] writes them.
    fn paras(
        &mut self,
        view: View,
        old: &'m [Para],
        new: &'m [Para],
        element: &str,
        attrs: &[(&str, &str)],
    ) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        tokens::of_paras(old, &mut a);
        tokens::of_paras(new, &mut b);
        self.text(view, &a, &b, element, attrs);
    }

    /// A block's paragraphs of text, from their tokens, as `element`s with `attrs`: OLD's
    /// struck, NEW's underlined, or the word diff of the two. Nothing when both are empty.
    fn text(
        &mut self,
        view: View,
        old: &[Token<'_>],
        new: &[Token<'_>],
        element: &str,
        attrs: &[(&str, &str)],
    ) {
        let (a, b) = match view {
            View::Old => (old, &[][..]),
            View::New => (&[][..], new),
            View::Diff => (old, new),
        };
        if a.is_empty() && b.is_empty() {
            return;
        }
        let runs = match view {
            View::Old => vec![(Edit::Removed, a)],
            View::New => vec![(Edit::Added, b)],
            // Most blocks are unchanged: their diff is one kept run, without a diff.
            View::Diff if a == b => vec![(Edit::Kept, b)],
            View::Diff => diff(a, b),
        };
        self.doc.out.open(element, attrs);
        let mut at_start = true;
        for (edit, run) in runs {
            let wrap = match edit {
                Edit::Kept => None,
                Edit::Removed => Some("del"),
                Edit::Added => Some("ins"),
            };
            if let Some(w) = wrap {
                self.doc.out.start(w, &[]);
            }
            for t in run {
                if t.mark == Mark::ParaEnd {
                    // A paragraph break only OLD had is not NEW's: the text runs on.
                    if edit != Edit::Removed {
                        self.flush();
                        if let Some(w) = wrap {
                            self.doc.out.end(w);
                        }
                        self.doc.out.end(element);
                        self.doc.out.open(element, attrs);
                        if let Some(w) = wrap {
                            self.doc.out.start(w, &[]);
                        }
                        at_start = true;
                    }
                    continue;
                }
                self.token(t, at_start, edit != Edit::Removed);
                at_start = false;
            }
            self.flush();
            if let Some(w) = wrap {
                self.doc.out.end(w);
            }
        }
        self.doc.out.end(element);
    }

    /// Writes the plain words held back, escaped in one call (escaping text and making the
    /// characters HTML forbids spaces go character by character, so a run escaped at once is
    /// the same bytes as its words escaped one by one).
    fn flush(&mut self) {
        if !self.plain.is_empty() {
            self.doc.out.text(&self.plain);
            self.plain.clear();
        }
    }

    /// One token, after a space unless glued to what precedes it; a call of NEW's links to its
    /// note as on the plain page, a call only OLD has is its raised mark.
    fn token(&mut self, t: &Token<'_>, at_start: bool, of_new: bool) {
        if !t.glued && !at_start {
            self.plain.push(' ');
        }
        match t.mark {
            // A token holds no space, so the ties (which only turn spaces into no-break
            // spaces) have nothing to do: the text is written as it is.
            Mark::Word {
                bold: false,
                italic: false,
            } => self.plain.push_str(t.text),
            Mark::Word { bold, italic } => {
                self.flush();
                if bold {
                    self.doc.out.start("b", &[]);
                }
                if italic {
                    self.doc.out.start("i", &[]);
                }
                self.doc.out.text(t.text);
                if italic {
                    self.doc.out.end("i");
                }
                if bold {
                    self.doc.out.end("b");
                }
            }
            Mark::Note => {
                self.flush();
                let footnotes = &self.doc.motion.footnotes;
                match callable(footnotes, t.text, t.note).filter(|_| of_new) {
                    Some(index) => self.doc.call(index, t.text),
                    None => {
                        self.doc.out.start("sup", &[]);
                        self.doc.out.text(shown(t.text));
                        self.doc.out.end("sup");
                    }
                }
            }
            Mark::Break => {
                self.flush();
                self.doc.out.start("br", &[]);
            }
            Mark::ParaEnd => {}
        }
    }
}

/// How points are named under their block: a recital's as items of a `blockList`, a
/// paragraph's as `point`s and `indent`s.
#[derive(Debug, Clone, Copy)]
enum Family {
    Items,
    Points,
}

impl Family {
    fn ids(self, parent: &str, points: &[Point]) -> Vec<String> {
        match self {
            Family::Items => part_ids::items(&part_ids::block_list(parent), points),
            Family::Points => (part_ids::points(parent, points).into_iter())
                .map(|(_, id)| id)
                .collect(),
        }
    }
}

fn pick(ids: &[String], i: Option<usize>) -> String {
    i.map_or(String::new(), |i| ids[i].clone())
}

fn wrapped(out: &mut super::writer::Out, element: &str, text: &str) {
    out.start(element, &[]);
    out.text(text);
    out.end(element);
}
