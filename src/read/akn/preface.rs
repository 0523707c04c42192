//! The `preface` back to the [`Cover`]: each `p` by its `class` (masthead, plenary-sitting line,
//! document number, date, kind, request and Rule lines, procedure, authors, replaced motions, unrecognised lines) and the
//! `longTitle` with its `docTitle` and `docketNumber`.

use super::tree::{Element, Node};
use super::Doc;
use crate::diag::codes;
use crate::diag::Diagnostic;
use crate::model::{AuthorGroup, Cover, Date, Located, Motion, Para, ReplacedMotion};
use crate::vocab::eid::Counter;

/// The trimmed text of an element, with where it is.
pub(super) fn located(e: &Element) -> Located<String> {
    Located {
        value: e.text().trim().to_string(),
        span: e.span(),
    }
}

/// An `xs:date` (`2021-02-09`, a time zone allowed after it) as a [`Date`].
fn iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (y, m, d) = (s.get(0..4)?, s.get(5..7)?, s.get(8..10)?);
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

impl Doc<'_> {
    pub(super) fn preface(&mut self, e: &Element, motion: &mut Motion) {
        let mut ps = Counter::default();
        let mut titles = Counter::default();
        self.each_child(
            e,
            &mut motion.cover,
            |c| &mut c.other,
            |doc, c, cover| {
                match c.name() {
                    "p" => {
                        let eid = doc.eid(c, &ps.next("preface", "p"));
                        doc.cover_line(c, &eid, cover);
                    }
                    "longTitle" => {
                        let eid = doc.eid(c, &titles.next("preface", "longTitle"));
                        doc.long_title(c, &eid, cover);
                    }
                    _ => return false,
                }
                true
            },
        );
    }

    fn cover_line(&mut self, p: &Element, eid: &str, cover: &mut Cover) {
        let inner = |name: &str| p.descendant(name).unwrap_or(*p);
        match p.attr("class").unwrap_or_default() {
            "masthead" => {
                // The institution is the `docAuthority`, the term the `legislature`; a masthead
                // marking neither is the institution's line as it is.
                cover.term = p.descendant("legislature").map(|e| located(&e));
                cover.institution = match (p.descendant("docAuthority"), &cover.term) {
                    (Some(e), _) => Some(located(&e)),
                    (None, None) => Some(located(p)),
                    (None, Some(_)) => None,
                };
            }
            "sitting" => cover.sitting = Some(located(&inner("session"))),
            "docNumber" => cover.doc_number = Some(located(&inner("docNumber"))),
            "docDate" => self.doc_date(&inner("docDate"), cover),
            "docType" => cover.kind_text = Some(located(p)),
            "request" => {
                self.legal_basis(p, cover);
                cover.request = Some(self.para(p, eid));
            }
            "rule" => {
                self.legal_basis(p, cover);
                cover.rule_line = Some(self.para(p, eid));
            }
            "procedure" => cover.procedure = Some(located(&inner("docketNumber"))),
            "authors" => cover.authors.push(self.authors(p)),
            "replacedMotion" => cover.replaces.push(self.replaced(p)),
            class => {
                // `unrecognised` lines were reported when the text was read; they are kept as
                // the exporter wrote them.
                if class != "unrecognised" {
                    self.warn_unrecognised(p.span(), "cover line not recognised; kept as it is");
                }
                let para = self.para(p, eid);
                cover.other.push(para);
            }
        }
    }

    /// `docDate/@date`, or the text when the attribute is missing.
    fn doc_date(&mut self, e: &Element, cover: &mut Cover) {
        let written = e.attr("date").map_or_else(|| e.text(), str::to_string);
        match iso_date(&written) {
            Some(value) => {
                cover.date = Some(Located {
                    value,
                    span: e.span(),
                })
            }
            None => self.diags.push(
                Diagnostic::new(
                    &codes::DATE_MALFORMED,
                    Some(e.span()),
                    format!("date `{}` is not a valid date", written.trim()),
                )
                .hint("`docDate` gives the date as year-month-day in `@date`: date=\"2021-02-09\""),
            ),
        }
    }

    /// The Rule, marked `inline name="legalBasis"` in the request or Rule line.
    fn legal_basis(&mut self, p: &Element, cover: &mut Cover) {
        let mark = p.find(&|e| e.name() == "inline" && e.attr("name") == Some("legalBasis"));
        if let (None, Some(mark)) = (&cover.rule, mark) {
            cover.rule = Some(located(&mark));
        }
    }

    /// Members as `person`s (or names separated by commas), the group line as `docProponent`,
    /// the group's name from the reference it points to.
    fn authors(&mut self, p: &Element) -> AuthorGroup {
        let mut group = AuthorGroup {
            members: Vec::new(),
            group: None,
            group_line: None,
            span: p.span(),
        };
        let mut loose = String::new();
        for node in p.children() {
            match node {
                Node::Element(e) if e.name() == "person" => {
                    group.members.push(e.text().trim().to_string())
                }
                Node::Element(e) if e.name() == "docProponent" => {
                    group.group_line = Some(e.text().trim().to_string());
                    let target = e.attr("refersTo").map(|r| r.trim_start_matches('#'));
                    group.group = target.and_then(|t| self.refs.get(t)).cloned();
                }
                Node::Element(e) if e.name() == "eol" => loose.push(','),
                Node::Element(e) => loose.push_str(&e.text()),
                Node::Text(t, _) => loose.push_str(t),
            }
        }
        let named = loose.split(',').map(str::trim).filter(|n| !n.is_empty());
        group.members.extend(named.map(str::to_string));
        group
    }

    /// `B9-0146/2021 (S&D)`: the number marked `inline name="replacedMotion"`, the group as an
    /// `organization`.
    fn replaced(&mut self, p: &Element) -> ReplacedMotion {
        let number = p.find(&|e| e.name() == "inline" && e.attr("name") == Some("replacedMotion"));
        let group = p
            .descendant("organization")
            .map(|o| o.text().trim().to_string());
        let number = match number {
            Some(n) => n.text(),
            None => p.text().split('(').next().unwrap_or_default().to_string(),
        };
        ReplacedMotion {
            number: number.trim().to_string(),
            group: group.filter(|g| !g.is_empty()),
            span: p.span(),
        }
    }

    fn long_title(&mut self, e: &Element, eid: &str, cover: &mut Cover) {
        let mut ps = Counter::default();
        for node in e.children() {
            match node {
                Node::Element(p) if p.name() == "p" => {
                    let p_eid = self.eid(&p, &ps.next(eid, "p"));
                    let (title, procedure) = self.titled(&p, &p_eid, &mut cover.other);
                    if cover.title.is_none() {
                        cover.title = Some(title);
                    } else {
                        self.warn_unrecognised(p.span(), "a second title; kept as it is");
                        cover.other.push(title);
                    }
                    if procedure.is_some() {
                        cover.procedure = procedure;
                    }
                }
                _ => self.unplaced(&node, &mut cover.other),
            }
        }
    }

    /// A title paragraph: the content of its `docTitle` (the whole `p` without one), and the
    /// procedure marked `docketNumber` in it. Text beside the `docTitle` other than the
    /// procedure in brackets is kept in `other`.
    pub(super) fn titled(
        &mut self,
        p: &Element,
        owner: &str,
        other: &mut Vec<Para>,
    ) -> (Para, Option<Located<String>>) {
        let procedure = p.descendant("docketNumber").map(|d| located(&d));
        let Some(title) = p.child("docTitle") else {
            return (self.para(p, owner), procedure);
        };
        let mut para = self.para(&title, owner);
        para.span = p.span();
        let mut beside = String::new();
        for node in p.children() {
            match node {
                Node::Element(e) if e.name() == "docTitle" || e.name() == "docketNumber" => {}
                Node::Element(e) => beside.push_str(&e.text()),
                Node::Text(t, _) => beside.push_str(t),
            }
        }
        if beside.chars().any(char::is_alphanumeric) {
            self.warn_unrecognised(p.span(), "text beside the title; kept as it is");
            other.push(Para::plain(beside.trim(), p.span()));
        }
        (para, procedure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iso_dates() {
        assert_eq!(iso_date("2021-02-09"), Date::new(2021, 2, 9));
        assert_eq!(iso_date(" 2021-02-09Z"), Date::new(2021, 2, 9));
        assert_eq!(iso_date("2021-02-30"), None);
        assert_eq!(iso_date("9.2.2021"), None);
        assert_eq!(iso_date("2021-2-9"), None);
        assert_eq!(iso_date("é"), None);
    }
}
