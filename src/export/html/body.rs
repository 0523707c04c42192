//! The page's parts in reading order: the cover's lines (the plan's, in the Parliament's order)
//! as a `<header>`; the title as the one `<h1>`; citations, recitals and operative paragraphs as
//! lists whose items hold their printed numbers and carry the AKN eIds as ids, points nested;
//! headings as `<h2>`; the text after the body; the Parliament's furniture where the source
//! states the PE number.

use super::Doc;
use crate::export::plan::{cover, furniture, CITATION_DASH};
use crate::model::{BodyItem, Para, Paragraph, Point};
use crate::vocab::part_ids;

impl Doc<'_> {
    /// The cover lines, each a `p` named for its role; the cover title is the `<h1>` of a
    /// motion whose resolution has no title of its own. Returns whether it wrote the `<h1>`.
    pub(super) fn cover(&mut self) -> bool {
        let motion = self.motion;
        let lines = cover::lines(motion);
        if lines.is_empty() {
            return false;
        }
        let label = self.labels.cover().to_string();
        self.out
            .open("header", &[("class", "cover"), ("aria-label", &label)]);
        let mut h1 = false;
        for line in &lines {
            let class = role_class(line.role);
            let element = match line.role {
                cover::Role::Title if motion.title.is_none() && !h1 => {
                    h1 = true;
                    "h1"
                }
                _ => "p",
            };
            self.out.open(element, &[("class", class)]);
            match (&line.text, &motion.cover.date) {
                (cover::Text::Plain(text), Some(date)) if line.role == cover::Role::Date => {
                    let iso = date.value.to_string();
                    self.out.start("time", &[("datetime", &iso)]);
                    self.plain(text);
                    self.out.end("time");
                }
                (cover::Text::Plain(text), _) => self.plain(text),
                (cover::Text::Para(para), _) => self.inlines(para),
            }
            self.out.end(element);
        }
        self.out.close("header");
        h1
    }

    /// The title as the `<h1>`, the notes under it, the formula, citations, recitals and the
    /// words that open the operative part.
    pub(super) fn preamble(&mut self) {
        let motion = self.motion;
        if let Some(title) = &motion.title {
            self.block("h1", "title", title);
        }
        for note in &motion.title_notes {
            self.block("p", "title-note", note);
        }
        if let Some(formula) = &motion.formula {
            self.block("p", "formula", formula);
        }
        self.citations();
        if let Some(intro) = &motion.recitals_intro {
            self.block("p", "formula", intro);
        }
        self.recitals();
        if let Some(intro) = &motion.body_intro {
            self.block("p", "formula", intro);
        }
    }

    fn citations(&mut self) {
        let motion = self.motion;
        if motion.citations.is_empty() {
            return;
        }
        let label = self.labels.citations().to_string();
        self.open_list("citations", part_ids::CITATIONS, &label);
        let ids = part_ids::citations(motion.citations.len());
        for (citation, id) in motion.citations.iter().zip(ids) {
            self.item(&id, CITATION_DASH, &citation.content);
            self.out.end("li");
        }
        self.out.close("ol");
    }

    fn recitals(&mut self) {
        let motion = self.motion;
        if motion.recitals.is_empty() {
            return;
        }
        let label = self.labels.recitals().to_string();
        self.open_list("recitals", part_ids::RECITALS, &label);
        let ids = part_ids::recitals(&motion.recitals);
        for (recital, id) in motion.recitals.iter().zip(ids) {
            self.item(&id, &recital.num.text, &recital.content);
            self.recital_points(&id, &recital.points);
            self.out.end("li");
        }
        self.out.close("ol");
    }

    /// The points of a recital, under the ids of the XML's `blockList` items.
    fn recital_points(&mut self, parent: &str, points: &[Point]) {
        if points.is_empty() {
            return;
        }
        let list = part_ids::block_list(parent);
        self.out.open("ol", &[("class", "points"), ("id", &list)]);
        for (point, id) in points.iter().zip(part_ids::items(&list, points)) {
            self.item(&id, &point.num.text, &point.content);
            self.recital_points(&id, &point.points);
            self.out.end("li");
        }
        self.out.close("ol");
    }

    /// The operative part: paragraphs in lists, broken by the headings between them.
    pub(super) fn main_body(&mut self) {
        let motion = self.motion;
        let label = self.labels.paragraphs_all().to_string();
        let mut open = false;
        for (item, id) in motion.body.iter().zip(part_ids::body(&motion.body)) {
            match item {
                BodyItem::Heading(heading) => {
                    if std::mem::take(&mut open) {
                        self.out.close("ol");
                    }
                    self.out.open("h2", &[("id", &id)]);
                    self.inlines(&heading.text);
                    self.out.end("h2");
                }
                BodyItem::Paragraph(paragraph) => {
                    if !std::mem::replace(&mut open, true) {
                        self.out
                            .open("ol", &[("class", "paragraphs"), ("aria-label", &label)]);
                    }
                    self.paragraph(&id, paragraph);
                }
            }
        }
        if open {
            self.out.close("ol");
        }
    }

    fn paragraph(&mut self, id: &str, paragraph: &Paragraph) {
        self.item(id, &paragraph.num.text, &paragraph.content);
        self.points(id, &paragraph.points);
        for para in &paragraph.wrap_up {
            self.block("p", "wrap-up", para);
        }
        self.out.end("li");
    }

    fn points(&mut self, parent: &str, points: &[Point]) {
        if points.is_empty() {
            return;
        }
        self.out.open("ol", &[("class", "points")]);
        for (point, (_, id)) in points.iter().zip(part_ids::points(parent, points)) {
            self.item(&id, &point.num.text, &point.content);
            self.points(&id, &point.points);
            self.out.end("li");
        }
        self.out.close("ol");
    }

    /// Text after the body that the reader could not place.
    pub(super) fn trailing(&mut self) {
        for para in &self.motion.trailing {
            self.block("p", "trailing", para);
        }
    }

    /// The PE number and the motto, where the source states the PE number.
    pub(super) fn furniture(&mut self) {
        let Some((pe, motto)) = furniture::footer(self.motion) else {
            return;
        };
        self.out.open("footer", &[("class", "furniture")]);
        self.out.line("p", &[], pe);
        if !motto.is_empty() {
            self.out.line("p", &[], &motto);
        }
        self.out.close("footer");
    }

    /// Opens a list of numbered parts.
    pub(super) fn open_list(&mut self, class: &str, id: &str, label: &str) {
        self.out
            .open("ol", &[("class", class), ("id", id), ("aria-label", label)]);
    }

    /// Opens a list item with its printed number and its paragraphs; the caller closes it after
    /// what the item holds besides.
    fn item(&mut self, id: &str, num: &str, content: &[Para]) {
        self.out.open("li", &[("id", id)]);
        self.out.start("span", &[("class", "num")]);
        self.out.text(num);
        self.out.end("span");
        for para in content {
            self.out.start("p", &[]);
            self.inlines(para);
            self.out.end("p");
        }
    }

    /// A block of inline content on its own line.
    fn block(&mut self, element: &str, class: &str, para: &Para) {
        self.out.open(element, &[("class", class)]);
        self.inlines(para);
        self.out.end(element);
    }
}

/// The class of a cover line.
pub(super) fn role_class(role: cover::Role) -> &'static str {
    use cover::Role::*;
    match role {
        Masthead => "cover-masthead",
        Term => "cover-term",
        Sitting => "cover-sitting",
        Number => "cover-number",
        Date => "cover-date",
        Kind => "cover-kind",
        Request => "cover-request",
        Rule => "cover-rule",
        ReplacingLabel => "cover-replacing",
        Replaced => "cover-replaces",
        Title => "cover-title",
        Procedure => "cover-procedure",
        Authors => "cover-authors",
        Group => "cover-group",
        PeNumber => "cover-pe-number",
        Other => "cover-other",
    }
}
