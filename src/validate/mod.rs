//! The validator: checks a [`Motion`] against the rules of the project's Akoma Ntoso profile
//! (`schemas/akn-motion-profile.xsd` and its README): required parts, numbering, identifiers,
//! empty blocks, and the closing instruction to the President.

mod forward;
mod numbering;
pub mod versions;

pub use forward::calls_for_forwarding;

use crate::diag::codes;
use crate::diag::{self, Collector, Diagnostic, Span};
use crate::model::*;
use crate::vocab::patterns;

/// Checks a motion; returns its diagnostics, sorted by position.
pub fn validate(motion: &Motion) -> Vec<Diagnostic> {
    let mut diags = Collector::new();
    required_parts(motion, &mut diags);
    identifiers(motion, &mut diags);
    numbering::recitals(motion, &mut diags);
    numbering::paragraphs(motion, &mut diags);
    numbering::points(motion, &mut diags);
    empty_blocks(motion, &mut diags);
    forward::closing_paragraph(motion, &mut diags);
    let mut diags = diags.finish();
    diag::sort(&mut diags);
    diags
}

fn required_parts(motion: &Motion, diags: &mut Collector) {
    if motion.formula.is_none() {
        let at = motion
            .citations
            .first()
            .map(|c| c.span)
            .or_else(|| motion.recitals.first().map(|r| r.span));
        diags.push(
            Diagnostic::new(&codes::NO_FORMULA, at, "the motion has no enacting formula")
                .hint("add the formula on its own line before the citations, e.g. `The European Parliament,`"),
        );
    }
    if motion.paragraphs().next().is_none() {
        diags.push(
            Diagnostic::new(
                &codes::NO_PARAGRAPHS,
                None,
                "the motion has no operative paragraphs",
            )
            .hint("operative paragraphs are numbered `1.`, `2.` ... after the recitals"),
        );
    }
}

fn identifiers(motion: &Motion, diags: &mut Collector) {
    let cover = &motion.cover;
    match &cover.doc_number {
        Some(n) if !patterns::doc_number_is_well_formed(&n.value) => diags.push(
            Diagnostic::new(&codes::DOC_NUMBER_MALFORMED, Some(n.span), format!("document number `{}` is malformed", n.value))
                .hint("document numbers look like B9-0146/2021 or RC-B10-0249/2025"),
        ),
        Some(_) => {}
        None => diags.push(
            Diagnostic::new(&codes::NO_DOC_NUMBER, None, "the text does not state its document number")
                .hint("identifiers fall back on the file name; add the number (e.g. B9-0146/2021) to the cover"),
        ),
    }
    if cover.date.is_none() && cover.invalid_date.is_none() && cover.kind != DocKind::TextAdopted {
        diags.push(
            Diagnostic::new(
                &codes::NO_DATE,
                None,
                "the text does not state its tabling date",
            )
            .hint("add the date to the cover as day.month.year, e.g. 9.2.2021"),
        );
    }
    if let Some(p) = &cover.procedure {
        if !patterns::procedure_is_well_formed(&p.value) {
            diags.push(
                Diagnostic::new(
                    &codes::PROCEDURE_MALFORMED,
                    Some(p.span),
                    format!("procedure reference `{}` is malformed", p.value),
                )
                .hint("procedure references look like 2021/2544(RSP)"),
            );
        }
    }
}

fn empty_blocks(motion: &Motion, diags: &mut Collector) {
    let blank = |content: &[Para]| content.iter().all(Para::is_blank);
    let mut report = |what: &str, num: &Num, span: Span| {
        diags.push(
            Diagnostic::new(
                &codes::EMPTY_BLOCK,
                Some(span),
                format!("{what} {} has no text", num.text),
            )
            .hint("write the text after the number, or remove the number"),
        );
    };
    for r in &motion.recitals {
        if blank(&r.content) && r.points.is_empty() {
            report("recital", &r.num, r.span);
        }
    }
    for p in motion.paragraphs() {
        if blank(&p.content) && p.points.is_empty() {
            report("paragraph", &p.num, p.span);
        }
        let mut stack: Vec<&Point> = p.points.iter().collect();
        while let Some(pt) = stack.pop() {
            if blank(&pt.content) && pt.points.is_empty() {
                report("point", &pt.num, pt.span);
            }
            stack.extend(pt.points.iter());
        }
    }
}
