//! The cover page, line by line: number, date, session number, kind, request and Rule lines,
//! title and procedure, authors with their groups, and the motions a joint motion replaces.

use super::lines::{self, Kind, Line};
use super::{inline, patterns};
use crate::codes;
use crate::diag::{Collector, Diagnostic, Span};
use crate::lang::Profile;
use crate::model::{AuthorGroup, Cover, DocKind, Located, Para, ReplacedMotion};

/// How the line before ended, and what comes after: for lines that continue a field.
#[derive(Clone, Copy)]
struct Wrap {
    /// The line before ended in a forced line break.
    hard_break: bool,
    /// The next line is the procedure reference, which closes the title.
    before_procedure: bool,
}

/// What the cover reader is in the middle of.
#[derive(PartialEq, Eq, Clone, Copy)]
enum State {
    Start,
    /// The last line was the title: a forced line break, or a wrapped line in lower case, may
    /// continue it.
    Title,
    /// The last line was the request line; until the Rule line, lines continue it (wrapped).
    Request,
    Authors,
    Replacing,
}

/// Reads the cover from `lines`.
pub fn read(src: &str, lines: &[Line<'_>], profile: &Profile, diags: &mut Collector) -> Cover {
    let mut cover = Cover::default();
    let mut state = State::Start;
    let mut rule_or_kind_seen = false;
    let mut prev_hard_break = false;
    // Numbers alone on a line are furniture in the body but fields on the cover.
    let field = |l: &&Line<'_>| {
        l.kind == Kind::Text
            || (l.kind == Kind::Furniture && {
                let t = lines::unwrap_emphasis(&l.text);
                patterns::doc_number(t).is_some() || patterns::pe_number(t).is_some()
            })
    };
    let fields: Vec<&Line<'_>> = lines.iter().filter(field).collect();
    for (i, line) in fields.iter().enumerate() {
        // A title wrapped over lines runs until the procedure reference under it.
        let before_procedure = fields
            .get(i + 1)
            .is_some_and(|next| is_procedure_line(lines::unwrap_emphasis(&next.text)));
        let span = line.span(src);
        let t = lines::unwrap_emphasis(&line.text);
        let prev = state;
        state = read_line(
            &mut cover,
            t,
            line,
            span,
            prev,
            Wrap {
                hard_break: prev_hard_break,
                before_procedure,
            },
            &mut rule_or_kind_seen,
            profile,
            diags,
        );
        prev_hard_break = line.hard_break;
    }
    cover
}

fn para(text: &str, span: Span) -> Para {
    Para {
        inlines: inline::parse(text, &[]),
        span,
    }
}

#[allow(clippy::too_many_arguments)]
fn read_line(
    cover: &mut Cover,
    t: &str,
    line: &Line<'_>,
    span: Span,
    state: State,
    wrap: Wrap,
    rule_or_kind_seen: &mut bool,
    profile: &Profile,
    diags: &mut Collector,
) -> State {
    // The page title glued to the number: "Motion for a resolution - B8-1426/2016Motion for a resolution".
    if let Some(number) = patterns::page_title_doc_number(t) {
        set_number(cover, number, span, diags);
        return state;
    }
    if let Some(number) = patterns::doc_number(t) {
        if state == State::Replacing {
            cover.replaces.push(ReplacedMotion {
                number,
                group: None,
                span,
            });
        } else {
            set_number(cover, number, span, diags);
        }
        return if state == State::Replacing {
            state
        } else {
            State::Start
        };
    }
    // "B10‑0249/2025 (Verts/ALE)" in the list of replaced motions.
    if let Some((len, number)) = patterns::doc_number_prefix(t) {
        let rest = t[len..].trim();
        if state == State::Replacing || cover.kind == DocKind::JointMotionForResolution {
            if let Some(group) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                cover.replaces.push(ReplacedMotion {
                    number,
                    group: Some(group.trim().to_string()),
                    span,
                });
                return State::Replacing;
            }
        }
    }
    if let Some((len, d, m, y)) = patterns::dotted_date_prefix(t) {
        let rest = t[len..].trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '–');
        let procedure_rest = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .unwrap_or(rest);
        if rest.is_empty()
            || patterns::find_procedure(procedure_rest) == Some((0, procedure_rest.len()))
        {
            match patterns::make_date(d, m, y) {
                Some(date) => {
                    if cover.date.is_none() {
                        cover.date = Some(Located { value: date, span });
                    }
                }
                None => diags.push(
                    Diagnostic::new(
                        &codes::DATE_MALFORMED,
                        Some(span),
                        format!("`{}` is not a date", &t[..len]),
                    )
                    .hint("write the tabling date as day.month.year, e.g. 9.2.2021"),
                ),
            }
            if !procedure_rest.is_empty() {
                set_procedure(cover, procedure_rest, span);
            }
            return State::Start;
        }
    }
    if let Some(pe) = patterns::pe_number(t) {
        cover.pe_number.get_or_insert(Located { value: pe, span });
        return State::Start;
    }
    // "(2021/2544(RSP))" alone, usually after the title.
    if is_procedure_line(t) {
        set_procedure(cover, &t[1..t.len() - 1], span);
        return State::Start;
    }
    if let Some((kind, len)) = kind_prefix(t, profile) {
        cover.kind = kind;
        cover.kind_text = Some(Located {
            value: t[..len].trim().to_string(),
            span,
        });
        *rule_or_kind_seen = true;
        let rest = t[len..].trim();
        if !rest.is_empty() && cover.title.is_none() {
            set_title(cover, rest, span);
            return State::Title;
        }
        return State::Start;
    }
    if line
        .tag
        .is_some_and(|tag| tag.eq_ignore_ascii_case("Titre"))
    {
        set_title(cover, t, span);
        return State::Title;
    }
    if line
        .tag
        .is_some_and(|tag| tag.eq_ignore_ascii_case("Depute"))
    {
        add_members(cover, t, span);
        return State::Authors;
    }
    if profile
        .request
        .iter()
        .any(|r| lines::starts_with_loose(t, r).is_some())
    {
        cover.request = Some(para(t, span));
        return State::Request;
    }
    if profile.rule_line.iter().any(|r| contains_loose(t, r))
        || line
            .tag
            .is_some_and(|tag| tag.eq_ignore_ascii_case("TitreRecueil"))
    {
        cover.rule_line = Some(para(t, span));
        cover.rule = patterns::rule_reference(t).map(|value| Located { value, span });
        *rule_or_kind_seen = true;
        return State::Start;
    }
    if profile
        .replacing
        .iter()
        .any(|r| lines::starts_with_loose(t, r).is_some())
    {
        cover.other.push(para(t, span));
        return State::Replacing;
    }
    if let Some(group) = group_line(t, profile) {
        match cover.authors.last_mut() {
            Some(last) if last.group.is_none() && last.group_line.is_none() => {
                last.group = Some(group);
                last.group_line = Some(t.to_string());
                last.span = last.span.to(span);
            }
            _ => cover.authors.push(AuthorGroup {
                members: Vec::new(),
                group: Some(group),
                group_line: Some(t.to_string()),
                span,
            }),
        }
        return State::Authors;
    }
    if state == State::Request {
        if let Some(request) = cover.request.as_mut() {
            append(request, t, span, false);
            return State::Request;
        }
    }
    let wrapped_title = state == State::Title
        && (wrap.hard_break
            || wrap.before_procedure
            || (t.starts_with(char::is_lowercase) && !looks_like_names(t)));
    if wrapped_title && line_continues_title(cover) {
        if let Some(title) = cover.title.as_mut() {
            append(title, t, span, wrap.hard_break);
            return State::Title;
        }
    }
    if cover.title.is_none()
        && (*rule_or_kind_seen || cover.authors.is_empty())
        && !looks_like_names(t)
    {
        set_title(cover, t, span);
        return State::Title;
    }
    if looks_like_names(t)
        && (cover.title.is_some() || *rule_or_kind_seen || state == State::Authors)
    {
        add_members(cover, t, span);
        return State::Authors;
    }
    if cover.title.is_none() {
        set_title(cover, t, span);
        return State::Title;
    }
    diags.push(
        Diagnostic::new(
            &codes::UNRECOGNISED_TEXT,
            Some(span),
            "cover line not recognised; kept as it is",
        )
        .hint("the cover holds the document number, date, kind, Rule line, title and authors"),
    );
    cover.other.push(para(t, span));
    state
}

/// Appends a wrapped line to a cover paragraph, with a line break where the source forced one.
fn append(para: &mut Para, t: &str, span: Span, hard_break: bool) {
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

/// `(2021/2544(RSP))` alone.
fn is_procedure_line(t: &str) -> bool {
    t.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|inner| patterns::find_procedure(inner) == Some((0, inner.len())))
}

fn line_continues_title(cover: &Cover) -> bool {
    cover.title.is_some() && cover.authors.is_empty()
}

fn set_number(cover: &mut Cover, number: String, span: Span, diags: &mut Collector) {
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

fn set_procedure(cover: &mut Cover, text: &str, span: Span) {
    if cover.procedure.is_none() {
        if let Some((s, e)) = patterns::find_procedure(text) {
            cover.procedure = Some(Located {
                value: text[s..e].to_string(),
                span,
            });
        }
    }
}

fn set_title(cover: &mut Cover, t: &str, span: Span) {
    // "on the human rights situation in Kazakhstan (2021/2544(RSP))" on one line.
    let mut title = t;
    if let Some((s, e)) = patterns::find_procedure(t) {
        if t[..s].trim_end().ends_with('(') && t[e..].trim() == ")" {
            set_procedure(cover, &t[s..e], span);
            title = t[..s].trim_end().trim_end_matches('(').trim_end();
        }
    }
    cover.title = Some(para(title, span));
}

fn add_members(cover: &mut Cover, t: &str, span: Span) {
    let names = t
        .split([',', ';'])
        .map(|n| n.trim())
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
fn kind_prefix(t: &str, profile: &Profile) -> Option<(DocKind, usize)> {
    let kinds = [
        (DocKind::JointMotionForResolution, &profile.kind_joint),
        (DocKind::MotionForResolution, &profile.kind_motion),
        (DocKind::TextAdopted, &profile.kind_adopted),
    ];
    for (kind, words) in kinds {
        for w in words.iter() {
            if let Some(len) = lines::starts_with_loose(t, w) {
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
fn group_line(t: &str, profile: &Profile) -> Option<String> {
    for prefix in &profile.group_prefix {
        if let Some(len) = lines::starts_with_loose(t, prefix) {
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

fn contains_loose(t: &str, needle: &str) -> bool {
    t.char_indices()
        .any(|(i, _)| lines::starts_with_loose(&t[i..], needle).is_some())
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
