//! The parts of a motion compared as wholes rather than as numbered blocks: every field of the
//! cover, the title and its notes, the formula, the words that open the recitals and the
//! operative part, the footnotes and the text after the body.

use super::tokens::{self, Token};
use crate::model::{Motion, Para};

/// One field's value, as paragraphs and as text (for the cover's plain values).
pub struct Field<'m> {
    /// Its name in the change list: `cover.title`, `formula`...
    pub name: &'static str,
    /// Its paragraphs, when it has some.
    pub paras: Vec<&'m Para>,
    /// Its plain text, when it has some.
    pub text: String,
}

impl<'m> Field<'m> {
    fn paras(name: &'static str, paras: impl IntoIterator<Item = &'m Para>) -> Field<'m> {
        Field {
            name,
            paras: paras.into_iter().collect(),
            text: String::new(),
        }
    }

    fn text(name: &'static str, text: String) -> Field<'m> {
        Field {
            name,
            paras: Vec::new(),
            text,
        }
    }

    /// Its tokens.
    pub fn tokens(&self) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        tokens::of_paras(self.paras.iter().copied(), &mut out);
        tokens::of_text(&self.text, &mut out);
        out
    }
}

/// The fields of a motion, always the same ones in the same order.
pub fn of(m: &Motion) -> Vec<Field<'_>> {
    let c = &m.cover;
    let located = |v: &Option<crate::model::Located<String>>| {
        v.as_ref().map(|l| l.value.clone()).unwrap_or_default()
    };
    let authors = (c.authors.iter())
        .map(|g| {
            let mut s = g.members.join(", ");
            if let Some(line) = &g.group_line {
                s.push(' ');
                s.push_str(line);
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" ");
    let replaces = (c.replaces.iter())
        .map(|r| match &r.group {
            Some(g) => format!("{} ({g})", r.number),
            None => r.number.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let notes = (m.footnotes.iter()).map(|n| {
        let mut text = n.marker.clone();
        for p in &n.content {
            text.push(' ');
            text.push_str(&p.plain_text());
        }
        text
    });
    vec![
        Field::text("cover.institution", located(&c.institution)),
        Field::text("cover.term", located(&c.term)),
        Field::text("cover.sitting", located(&c.sitting)),
        Field::text("cover.docNumber", located(&c.doc_number)),
        Field::text(
            "cover.date",
            (c.date.as_ref()).map_or(String::new(), |d| d.value.to_string()),
        ),
        Field::text("cover.kind", c.kind.akn_name().to_string()),
        Field::text("cover.kindText", located(&c.kind_text)),
        Field::text("cover.peNumber", located(&c.pe_number)),
        Field::paras("cover.request", &c.request),
        Field::paras("cover.ruleLine", &c.rule_line),
        Field::paras("cover.title", &c.title),
        Field::text("cover.procedure", located(&c.procedure)),
        Field::text("cover.authors", authors),
        Field::text("cover.replaces", replaces),
        Field::paras("cover.other", &c.other),
        Field::paras("title", &m.title),
        Field::paras("titleNotes", &m.title_notes),
        Field::paras("formula", &m.formula),
        Field::paras("recitalsIntro", &m.recitals_intro),
        Field::paras("bodyIntro", &m.body_intro),
        Field::text("footnotes", notes.collect::<Vec<_>>().join(" ")),
        Field::paras("trailing", &m.trailing),
    ]
}
