//! The reader: plain text -> [`Motion`] plus diagnostics. It never fails and never drops text.
//!
//! The steps: pick the language profile; split the text into cleaned lines (marks, tags and page
//! furniture recognised); find where the resolution starts (its title and formula); read the
//! cover line by line; group the rest into blocks and build the structure; link footnotes.

mod blocks;
mod cover;
mod furniture;
mod inline;
pub(crate) mod label;
pub(crate) mod lines;
mod notes;
mod numbering;
mod structure;

use super::ReadOptions;
use crate::diag::codes;
use crate::diag::{self, Collector, Diagnostic};
use crate::lang::{self, Profile};
use crate::model::{DocKind, Motion, Parsed};
use crate::vocab::patterns;
use lines::{Kind, Line};

/// Reads a motion from decoded text.
pub fn parse(text: &str, options: &ReadOptions) -> Parsed {
    // At most a fixed number of each code in memory, whatever the input.
    let mut diags = Collector::new();
    let profile = choose_profile(text, options, &mut diags);
    let mut motion = Motion {
        lang: profile.code.clone(),
        source_name: options.source_name.clone(),
        ..Motion::default()
    };
    let mut lines = lines::split(text, profile, &mut diags);
    if !lines.iter().any(|l| l.kind == Kind::Text) {
        diags.push(
            Diagnostic::new(&codes::INPUT_EMPTY, None, "the input holds no text")
                .hint("check that the right file was given"),
        );
        return Parsed {
            motion,
            diagnostics: diags.finish(),
        };
    }
    let anchors = find_anchors(&lines, profile);
    // The width the text was wrapped at, if it was: the joins of cover, furniture and blocks use it.
    let width = lines::width(&lines);
    // Furniture on the cover is read by the cover reader (a lone document number there is the
    // motion's own); from the title on, only furniture standing where furniture can stand is
    // removed, and counted.
    furniture::settle(&mut lines, anchors.cover_end, width, profile);
    diags.extend(furniture::note(text, &lines[anchors.cover_end..], profile));
    motion.cover = cover::read(text, &lines, anchors.cover_end, width, profile, &mut diags);
    check_number_against_name(&motion.cover, &options.source_name, &mut diags);
    read_title(text, &lines, &anchors, width, profile, &mut motion);
    let body = blocks::group(
        text,
        &lines,
        anchors.body_start..lines.len(),
        width,
        profile,
    );
    // The blocks hold their own text: the lines are not needed while the model grows.
    drop(lines);
    diags.merge(structure::Builder::new(profile).build(
        body,
        anchors.formula.is_some(),
        &mut motion,
    ));
    notes::link(&mut motion, &mut diags);
    infer_cover_facts(&mut motion);
    let mut diagnostics = diags.finish();
    diag::sort(&mut diagnostics);
    Parsed {
        motion,
        diagnostics,
    }
}

/// The language: forced, else recognised from the text, else from the file name, else English.
fn choose_profile(text: &str, options: &ReadOptions, diags: &mut Collector) -> &'static Profile {
    let english = || lang::profile("en").expect("the English profile is built in");
    if let Some(code) = &options.lang {
        if let Some(p) = lang::profile(code) {
            return p;
        }
    }
    let named = lang::from_name(&options.source_name);
    match (lang::detect(text), named) {
        (Some(found), Some(named)) if found.code != named.code => {
            diags.push(
                Diagnostic::new(
                    &codes::LANG_MISMATCH,
                    None,
                    format!(
                        "the file name says {} but the text reads as {}",
                        named.name, found.name
                    ),
                )
                .hint(format!(
                    "rename the file, or force the language with --lang {}",
                    named.code
                )),
            );
            found
        }
        (Some(found), _) => found,
        (None, Some(named)) => named,
        (None, None) => {
            if text.chars().any(char::is_alphabetic) {
                diags.push(
                    Diagnostic::new(
                        &codes::LANG_UNKNOWN,
                        None,
                        "the language of the text was not recognised; reading it as English",
                    )
                    .hint("force the language with --lang, e.g. --lang de"),
                );
            }
            english()
        }
    }
}

/// The number on the cover and the one in the file name (`B9-0146-2021_EN`) must agree; names
/// without a number say nothing.
fn check_number_against_name(
    cover: &crate::model::Cover,
    source_name: &str,
    diags: &mut Collector,
) {
    let (Some(stated), Some(named)) = (
        &cover.doc_number,
        patterns::doc_number_from_file_name(source_name),
    ) else {
        return;
    };
    if stated.value != named {
        diags.push(
            Diagnostic::new(
                &codes::DOC_NUMBER_FILENAME,
                Some(stated.span),
                format!(
                    "the cover states {} but the file name {source_name} says {named}",
                    stated.value
                ),
            )
            .hint("rename the file, or correct the number on the cover"),
        );
    }
}

/// Where the parts of the text start, as line indices.
struct Anchors {
    /// The cover is `lines[..cover_end]`.
    cover_end: usize,
    /// The resolution's own title, if found.
    title: Option<usize>,
    /// The formula line, if found.
    formula: Option<usize>,
    /// The first line of the preamble blocks (the formula when there is one).
    body_start: usize,
}

fn find_anchors(lines: &[Line<'_>], profile: &Profile) -> Anchors {
    // The formula may be wrapped over the next lines (`Europaparlamentet utfärdar denna` /
    // `resolution`).
    let formula = (0..lines.len()).find(|&i| {
        lines[i].kind == Kind::Text
            && (profile.formula.iter()).any(|f| opens_wrapped(lines, i, lines.len(), f))
    });
    let body_start =
        formula.unwrap_or_else(|| first_structural_line(lines, profile).unwrap_or(lines.len()));
    let title = lines[..body_start]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| l.kind == Kind::Text)
        .take(40)
        .find(|&(i, _)| {
            (profile.resolution_titles.iter()).any(|f| opens_wrapped(lines, i, body_start, f))
        })
        .map(|(i, _)| i);
    Anchors {
        cover_end: title.unwrap_or(body_start),
        title,
        formula,
        body_start,
    }
}

/// Whether `lines[i]`, with the text lines after it (before `end`) joined on when it is shorter
/// than `phrase`, opens with `phrase`: a phrase hard-wrapped over up to four lines.
fn opens_wrapped(lines: &[Line<'_>], i: usize, end: usize, phrase: &str) -> bool {
    let first = lines::strip_marks(&lines[i].text);
    if crate::vocab::loose::starts_with_loose(first, phrase).is_some() {
        return true;
    }
    if first.len() >= phrase.len() {
        return false;
    }
    let mut t = first.to_string();
    for next in lines[i + 1..end].iter().take(4) {
        // Loose matching may skip marks and doubled spaces: join on past the phrase's length.
        if next.kind != Kind::Text || t.len() >= 2 * phrase.len() {
            break;
        }
        t.push(' ');
        t.push_str(lines::strip_marks(&next.text));
    }
    crate::vocab::loose::starts_with_loose(&t, phrase).is_some()
}

/// Without a formula: the first citation, recital or paragraph line.
fn first_structural_line(lines: &[Line<'_>], profile: &Profile) -> Option<usize> {
    lines.iter().position(|l| {
        if l.kind != Kind::Text {
            return false;
        }
        let t = lines::unwrap_emphasis(&l.text);
        let after_label = match label::read(t, profile) {
            Some((label::Label::Number(..) | label::Label::Letter(_), _)) => return true,
            Some((_, at)) => &t[at..],
            None => t,
        };
        profile
            .citation_openers
            .iter()
            .chain(&profile.recital_openers)
            .any(|o| crate::vocab::loose::starts_with_loose(after_label, o).is_some())
    })
}

/// The resolution's title (and the lines under it) between the cover and the formula. A document
/// number repeated there (page furniture) fills in the cover's when the cover lacks one.
fn read_title(
    src: &str,
    lines: &[Line<'_>],
    anchors: &Anchors,
    width: usize,
    profile: &Profile,
    motion: &mut Motion,
) {
    let Some(start) = anchors.title else { return };
    if motion.cover.doc_number.is_none() {
        motion.cover.doc_number = lines[start..anchors.body_start].iter().find_map(|l| {
            let value = patterns::doc_number(lines::unwrap_emphasis(&l.text))?;
            Some(crate::model::Located {
                value,
                span: l.span(src),
            })
        });
    }
    let mut blocks =
        blocks::group(src, lines, start..anchors.body_start, width, profile).into_iter();
    let para = |b: blocks::Block| crate::model::Para {
        inlines: inline::parse(&b.text, &[]),
        span: b.span,
    };
    motion.title = blocks.next().map(para);
    motion.title_notes = blocks.map(para).collect();
}

/// Facts the cover does not state but the rest of the text does: the procedure in the title, the
/// kind of a text adopted.
fn infer_cover_facts(motion: &mut Motion) {
    if motion.cover.procedure.is_none() {
        if let Some(title) = &motion.title {
            let t = title.plain_text();
            if let Some((s, e)) = patterns::find_procedure(&t) {
                motion.cover.procedure = Some(crate::model::Located {
                    value: t[s..e].to_string(),
                    span: title.span,
                });
            }
        }
    }
    let cover = &motion.cover;
    let bare = cover.kind_text.is_none()
        && cover.doc_number.is_none()
        && cover.authors.is_empty()
        && cover.rule_line.is_none();
    if bare && (motion.source_name.starts_with("TA-") || motion.source_name.contains("_TA")) {
        motion.cover.kind = DocKind::TextAdopted;
    }
}
