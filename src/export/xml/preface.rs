//! The `preface`: the cover page — the Parliament's masthead and plenary-sitting line, number,
//! date, kind, request and Rule lines, title with the procedure, authors by group, replaced
//! motions, and cover text the reader could not place.

use super::inline::{Mark, Owner};
use super::refs::{AUTHOR, EP, PROCEDURE};
use super::{nonblank, Doc};
use crate::model::{AuthorGroup, Cover, DocKind, Para, ReplacedMotion};
use crate::vocab::eid::{child, Counter};

impl Doc<'_> {
    /// Writes the `preface`, unless the cover says nothing (an empty `preface` is invalid).
    pub(super) fn preface(&mut self) {
        let motion = self.motion;
        let cover = &motion.cover;
        if !has_preface(cover) {
            return;
        }
        let mut ps = Counter::default();
        let mut next_p = move || ps.next("preface", "p");
        self.out.open("preface", &[]);
        self.masthead(cover, &mut next_p);
        if let Some(number) = nonblank(&cover.doc_number) {
            self.out
                .open_line("p", &[("eId", &next_p()), ("class", "docNumber")]);
            self.out.start("docNumber", &[("refersTo", "#original")]);
            self.out.text(number);
            self.out.end("docNumber");
            self.out.end("p");
        }
        if let Some(date) = &cover.date {
            let d = date.value;
            self.out
                .open_line("p", &[("eId", &next_p()), ("class", "docDate")]);
            self.out.start("docDate", &[("date", &d.to_string())]);
            self.out.text(&format!("{}.{}.{}", d.day, d.month, d.year));
            self.out.end("docDate");
            self.out.end("p");
        }
        if let Some(kind) = nonblank(&cover.kind_text) {
            self.out
                .open_line("p", &[("eId", &next_p()), ("class", "docType")]);
            self.kind(kind, cover.kind);
            self.out.end("p");
        }
        self.request_and_rule(cover, &mut next_p);
        self.long_title(cover, &mut next_p);
        for item in tail(cover) {
            match item {
                Tail::Authors(group) => self.authors(group, &mut next_p),
                Tail::Replaced(replaced) => self.replaced(replaced, &next_p()),
                Tail::Other(para) => self.para(&next_p(), Some("unrecognised"), para),
            }
        }
        self.out.close("preface");
    }

    /// The Parliament's masthead, first as on its covers: `p class="masthead"` with the
    /// institution as the `docAuthority` (the Parliament, as in the formula) and the term as the
    /// `legislature`, a line break between them; then `p class="sitting"` with the
    /// plenary-sitting line as the `session`. Each only where the source printed it.
    fn masthead(&mut self, cover: &Cover, next_p: &mut impl FnMut() -> String) {
        let institution = nonblank(&cover.institution);
        let term = nonblank(&cover.term);
        if institution.is_some() || term.is_some() {
            self.out
                .open_line("p", &[("eId", &next_p()), ("class", "masthead")]);
            if let Some(institution) = institution {
                let refers = format!("#{EP}");
                self.out.start("docAuthority", &[("refersTo", &refers)]);
                self.out.text(institution);
                self.out.end("docAuthority");
            }
            if let Some(term) = term {
                if institution.is_some() {
                    self.out.empty("eol", &[]);
                }
                self.out.start("legislature", &[]);
                self.out.text(term);
                self.out.end("legislature");
            }
            self.out.end("p");
        }
        if let Some(sitting) = nonblank(&cover.sitting) {
            self.out
                .open_line("p", &[("eId", &next_p()), ("class", "sitting")]);
            self.out.start("session", &[]);
            self.out.text(sitting);
            self.out.end("session");
            self.out.end("p");
        }
    }

    /// `MOTION FOR A RESOLUTION`: the last word is the `docType`, the words before it the
    /// `docStage` (`MOTION FOR A`), as in the EU's own AKN samples. A text adopted, or a kind
    /// written as one word (`ENTSCHLIESSUNGSANTRAG`), is all `docType`.
    fn kind(&mut self, text: &str, kind: DocKind) {
        let text = text.trim();
        let split = text.rfind(' ').filter(|_| kind != DocKind::TextAdopted);
        match split {
            Some(at) => {
                self.out.start("docStage", &[]);
                self.out.text(text[..at].trim_end());
                self.out.end("docStage");
                self.out.text(" ");
                self.out.start("docType", &[]);
                self.out.text(&text[at + 1..]);
                self.out.end("docType");
            }
            None => {
                self.out.start("docType", &[]);
                self.out.text(text);
                self.out.end("docType");
            }
        }
    }

    /// The request line and the Rule line; the Rule is marked as the legal basis where it is
    /// first found (in the Rule line, else in the request line).
    fn request_and_rule(&mut self, cover: &Cover, next_p: &mut impl FnMut() -> String) {
        let rule_ref = self.rule_ref.clone().unwrap_or_default();
        let attrs = [("name", "legalBasis"), ("refersTo", rule_ref.as_str())];
        let mark = cover.rule.as_ref().map(|rule| Mark {
            phrase: rule.value.as_str(),
            element: "inline",
            attrs: &attrs,
        });
        let mark = mark.filter(|_| self.rule_ref.is_some());
        let in_rule_line = match (&mark, &cover.rule_line) {
            (Some(m), Some(line)) => m.found_in(line),
            _ => false,
        };
        if let Some(request) = &cover.request {
            let m = mark.as_ref().filter(|_| !in_rule_line);
            self.para_marked(&next_p(), Some("request"), request, m);
        }
        if let Some(line) = &cover.rule_line {
            let m = mark.as_ref().filter(|_| in_rule_line);
            self.para_marked(&next_p(), Some("rule"), line, m);
        }
    }

    /// The cover title as `longTitle/p/docTitle`, with the procedure as `docketNumber` (marked
    /// inside the title when the title holds it, after it otherwise). Without a title, the
    /// procedure gets a `p` of its own.
    fn long_title(&mut self, cover: &Cover, next_p: &mut impl FnMut() -> String) {
        let refers = format!("#{PROCEDURE}");
        let attrs = [("refersTo", refers.as_str())];
        let procedure = nonblank(&cover.procedure);
        let mark = procedure.map(|phrase| Mark {
            phrase,
            element: "docketNumber",
            attrs: &attrs,
        });
        match (&cover.title, procedure) {
            (Some(title), _) => {
                let eid = child("preface", "longTitle", "1");
                let p_eid = child(&eid, "p", "1");
                self.out.open("longTitle", &[("eId", &eid)]);
                self.out.open_line("p", &[("eId", &p_eid)]);
                let inside = mark.as_ref().filter(|m| m.found_in(title));
                self.out.start("docTitle", &[]);
                self.inlines(&title.inlines, &mut Owner::new(&p_eid), inside);
                self.out.end("docTitle");
                if let (None, Some(procedure)) = (inside, procedure) {
                    self.out.text(" (");
                    self.out.start("docketNumber", &attrs);
                    self.out.text(procedure);
                    self.out.end("docketNumber");
                    self.out.text(")");
                }
                self.out.end("p");
                self.out.close("longTitle");
            }
            (None, Some(procedure)) => {
                self.out
                    .open_line("p", &[("eId", &next_p()), ("class", "procedure")]);
                self.out.start("docketNumber", &attrs);
                self.out.text(procedure);
                self.out.end("docketNumber");
                self.out.end("p");
            }
            (None, None) => {}
        }
    }

    /// One group of authors: the Members as `person`s, a line break, and the group line as
    /// `docProponent`.
    fn authors(&mut self, group: &AuthorGroup, next_p: &mut impl FnMut() -> String) {
        let members: Vec<&str> = group
            .members
            .iter()
            .map(|m| m.as_str())
            .filter(|m| !m.trim().is_empty())
            .collect();
        let line = group
            .group_line
            .as_deref()
            .or(group.group.as_deref())
            .filter(|l| !l.trim().is_empty());
        if members.is_empty() && line.is_none() {
            return;
        }
        let role = format!("#{AUTHOR}");
        self.out
            .open_line("p", &[("eId", &next_p()), ("class", "authors")]);
        for (i, member) in members.iter().enumerate() {
            if i > 0 {
                self.out.text(", ");
            }
            let refers = self.refs.person(member).map(|id| format!("#{id}"));
            let refers = refers.unwrap_or_default();
            self.out
                .start("person", &[("refersTo", &refers), ("as", &role)]);
            self.out.text(member.trim());
            self.out.end("person");
        }
        if let Some(line) = line {
            if !members.is_empty() {
                self.out.empty("eol", &[]);
            }
            let refers = group
                .group
                .as_deref()
                .and_then(|g| self.refs.group(g))
                .map(|id| format!("#{id}"));
            match &refers {
                Some(r) => self
                    .out
                    .start("docProponent", &[("refersTo", r), ("as", &role)]),
                None => self.out.start("docProponent", &[("as", &role)]),
            }
            self.out.text(line);
            self.out.end("docProponent");
        }
        self.out.end("p");
    }

    /// A motion this joint motion replaces: `B9-0146/2021 (S&D)`.
    fn replaced(&mut self, replaced: &ReplacedMotion, eid: &str) {
        self.out
            .open_line("p", &[("eId", eid), ("class", "replacedMotion")]);
        self.out.start("inline", &[("name", "replacedMotion")]);
        self.out.text(&replaced.number);
        self.out.end("inline");
        let group = replaced.group.as_deref().filter(|g| !g.trim().is_empty());
        if let Some(group) = group {
            let refers = self.refs.group(group).map(|id| format!("#{id}"));
            self.out.text(" (");
            self.out
                .start("organization", &[("refersTo", &refers.unwrap_or_default())]);
            self.out.text(group);
            self.out.end("organization");
            self.out.text(")");
        }
        self.out.end("p");
    }
}

/// What follows the title on the cover.
enum Tail<'a> {
    Authors(&'a AuthorGroup),
    Replaced(&'a ReplacedMotion),
    Other(&'a Para),
}

/// Authors, replaced motions and unplaced cover text in the order of the source ("replacing
/// the following motions:" before the motions it introduces). The reading order of the model
/// puts unplaced cover text after the title, so it stays there.
fn tail(cover: &Cover) -> Vec<Tail<'_>> {
    let mut items: Vec<(usize, Tail<'_>)> = Vec::new();
    items.extend(
        cover
            .authors
            .iter()
            .map(|g| (g.span.start, Tail::Authors(g))),
    );
    let replaced = cover.replaces.iter().filter(|r| !is_blank(r));
    items.extend(replaced.map(|r| (r.span.start, Tail::Replaced(r))));
    items.extend(cover.other.iter().map(|p| (p.span.start, Tail::Other(p))));
    // Stable: equal positions (hand-built models) keep authors, replaced, other.
    items.sort_by_key(|(start, _)| *start);
    items.into_iter().map(|(_, item)| item).collect()
}

/// A replaced motion with neither number nor group.
fn is_blank(replaced: &ReplacedMotion) -> bool {
    replaced.number.trim().is_empty() && replaced.group.iter().all(|g| g.trim().is_empty())
}

/// Whether the cover gives anything to write.
fn has_preface(cover: &Cover) -> bool {
    let author = |g: &AuthorGroup| {
        g.members.iter().any(|m| !m.trim().is_empty())
            || g.group_line
                .iter()
                .chain(&g.group)
                .any(|l| !l.trim().is_empty())
    };
    nonblank(&cover.institution).is_some()
        || nonblank(&cover.term).is_some()
        || nonblank(&cover.sitting).is_some()
        || nonblank(&cover.doc_number).is_some()
        || cover.date.is_some()
        || nonblank(&cover.kind_text).is_some()
        || cover.request.is_some()
        || cover.rule_line.is_some()
        || cover.title.is_some()
        || nonblank(&cover.procedure).is_some()
        || cover.authors.iter().any(author)
        || cover.replaces.iter().any(|r| !is_blank(r))
        || !cover.other.is_empty()
}
