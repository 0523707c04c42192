//! Filling the cover's fields: number, procedure, title, authors; and the shapes of cover
//! wording (kind, group line, names) the reader and the joiner both ask about.

use super::super::inline;
use crate::diag::codes;
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang::Profile;
use crate::model::{AuthorGroup, Cover, DocKind, Located, Para};
use crate::vocab::patterns;

pub fn para(text: &str, span: Span) -> Para {
    Para {
        inlines: inline::parse(text, &[]),
        span,
    }
}

/// Appends a wrapped line to a cover paragraph, with a line break where the source forced one.
pub fn append(para: &mut Para, t: &str, span: Span, hard_break: bool) {
    if hard_break {
        para.inlines.push(crate::model::Inline::LineBreak);
    } else {
        para.inlines.push(crate::model::Inline::text(" "));
    }
    para.inlines.extend(inline::parse(t, &[]));
    merge_runs(&mut para.inlines);
    para.span = para.span.to(span);
}

/// Merges neighbouring text runs of the same style.
fn merge_runs(inlines: &mut Vec<crate::model::Inline>) {
    use crate::model::Inline;
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for i in inlines.drain(..) {
        match (out.last_mut(), i) {
            (
                Some(Inline::Text { text, bold, italic }),
                Inline::Text {
                    text: t,
                    bold: b,
                    italic: it,
                },
            ) if *bold == b && *italic == it => text.push_str(&t),
            (_, i) => out.push(i),
        }
    }
    *inlines = out;
}

pub fn set_number(cover: &mut Cover, number: String, span: Span, diags: &mut Collector) {
    match &cover.doc_number {
        None => {
            if number.starts_with("RC-") {
                cover.kind = DocKind::JointMotionForResolution;
            }
            cover.doc_number = Some(Located { value: number, span });
        }
        Some(existing) if existing.value == number => {}
        Some(existing) => diags.push(
            Diagnostic::new(&codes::UNRECOGNISED_TEXT, Some(span), format!("a second document number {number} differs from {}", existing.value))
                .hint("a motion has one document number; check that two documents were not pasted together"),
        ),
    }
}

pub fn set_procedure(cover: &mut Cover, text: &str, span: Span) {
    if cover.procedure.is_none() {
        if let Some((s, e)) = patterns::find_procedure(text) {
            cover.procedure = Some(Located {
                value: text[s..e].to_string(),
                span,
            });
        }
    }
}

pub fn set_title(cover: &mut Cover, t: &str, span: Span, diags: &mut Collector) {
    // "on the human rights situation in Kazakhstan (2021/2544(RSP))" on one line.
    let mut title = t;
    if let Some((s, e)) = patterns::find_procedure(t) {
        if t[..s].trim_end().ends_with('(') && t[e..].trim() == ")" {
            set_procedure(cover, &t[s..e], span);
            title = t[..s].trim_end().trim_end_matches('(').trim_end();
        }
    } else {
        check_procedure_like(t, span, diags);
    }
    cover.title = Some(para(title, span));
}

/// A reference shaped like a procedure but not `yyyy/nnnn(TYPE)` (`21/2544(RSP)`) is not taken
/// as the procedure: it stays in the text, and is reported.
pub fn check_procedure_like(t: &str, span: Span, diags: &mut Collector) {
    if let Some((s, e)) = patterns::find_procedure_like(t) {
        diags.push(
            Diagnostic::new(
                &codes::PROCEDURE_MALFORMED,
                Some(span),
                format!("`{}` looks like a procedure reference but is not one; kept as text", &t[s..e]),
            )
            .hint("procedure references look like 2021/2544(RSP): a four-digit year, a number, the type"),
        );
    }
}

/// Names in square brackets (`[Mara Bizzotto]`) without their brackets.
pub fn unbracket(t: &str) -> std::borrow::Cow<'_, str> {
    if t.contains(['[', ']']) {
        t.chars()
            .filter(|c| !matches!(c, '[' | ']'))
            .collect::<String>()
            .into()
    } else {
        t.into()
    }
}

pub fn add_members(cover: &mut Cover, t: &str, span: Span) {
    let names = t
        .split([',', ';'])
        .map(|n| n.trim().trim_matches(['[', ']']).trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    match cover.authors.last_mut() {
        Some(last) if last.group.is_none() => {
            last.members.extend(names);
            last.span = last.span.to(span);
        }
        _ => cover.authors.push(AuthorGroup {
            members: names.collect(),
            group: None,
            group_line: None,
            span,
        }),
    }
}

/// The document kind at the start of a line, longest wording first, and the length it covers.
pub fn kind_prefix(t: &str, profile: &Profile) -> Option<(DocKind, usize)> {
    let kinds = [
        (DocKind::JointMotionForResolution, &profile.kind_joint),
        (DocKind::MotionForResolution, &profile.kind_motion),
        (DocKind::TextAdopted, &profile.kind_adopted),
    ];
    for (kind, words) in kinds {
        for w in words.iter() {
            if let Some(len) = crate::vocab::loose::starts_with_loose(t, w) {
                // Only the upper-case cover wording, not a sentence that starts the same way.
                let written = &t[..len];
                if written
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                {
                    return Some((kind, len));
                }
            }
        }
    }
    None
}

/// "on behalf of the S&D Group" -> `S&D`.
pub fn group_line(t: &str, profile: &Profile) -> Option<String> {
    for prefix in &profile.group_prefix {
        if let Some(len) = crate::vocab::loose::starts_with_loose(t, prefix) {
            let mut rest = t[len..].trim();
            let mut has_suffix = false;
            for suffix in &profile.group_suffix {
                if let Some(r) = rest.strip_suffix(suffix.as_str()) {
                    rest = r.trim();
                    has_suffix = true;
                    break;
                }
            }
            if profile.group_suffix_required && !has_suffix {
                continue;
            }
            if !rest.is_empty() && rest.len() < 60 {
                return Some(rest.to_string());
            }
        }
    }
    None
}

pub fn contains_loose(t: &str, needle: &str) -> bool {
    t.char_indices()
        .any(|(i, _)| crate::vocab::loose::starts_with_loose(&t[i..], needle).is_some())
}

/// A list of people's names: comma-separated items of one to six words, each capitalised or a
/// name particle, no digits and no sentence punctuation.
pub fn looks_like_names(t: &str) -> bool {
    if t.is_empty()
        || t.len() > 5000
        || t.ends_with(['.', ';', ':'])
        || t.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    t.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .all(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            (1..=7).contains(&words.len())
                && words.iter().any(|w| w.starts_with(char::is_uppercase))
                && words.iter().all(|w| {
                    w.starts_with(char::is_uppercase)
                        || matches!(
                            *w,
                            "van"
                                | "von"
                                | "der"
                                | "den"
                                | "de"
                                | "di"
                                | "da"
                                | "del"
                                | "della"
                                | "dos"
                                | "das"
                                | "du"
                                | "la"
                                | "le"
                                | "ten"
                                | "ter"
                                | "zu"
                                | "af"
                                | "y"
                                | "e"
                                | "i"
                                | "d’"
                                | "d'"
                        )
                        || w.starts_with("d’")
                        || w.starts_with("d'")
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(looks_like_names("Kati Piri, Isabel Santos, Andris Ameriks"));
        assert!(looks_like_names(
            "Jessika Van\u{a0}Leeuwen, Antonio López\u{2011}Istúriz White"
        ));
        assert!(!looks_like_names(
            "on the human rights situation in Kazakhstan"
        ));
        assert!(!looks_like_names(
            "pursuant to Rule 144 of the Rules of Procedure"
        ));
    }
}
