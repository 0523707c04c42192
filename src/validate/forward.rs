//! The closing instruction to the President (`Instructs its President to forward this
//! resolution ...`), checked only on the kinds of motion whose Rule calls for it.
//!
//! Which Rules call for it, from the Parliament's Rules of Procedure of each term:
//!
//! - motions winding up a debate on a statement: Rule 103(2) (6th term), 110(2) (7th),
//!   123(2) (8th), 132(2) (9th), 136 (10th);
//! - motions winding up a debate on a question for oral answer: Rule 108(5) (6th), 115(5) (7th),
//!   128(5) (8th), 136(5) (9th);
//! - urgency motions (debates on cases of breaches of human rights, democracy and the rule of
//!   law): Rule 115 (6th), 122 (7th), 135 (8th), 144 (9th), 150 (10th);
//! - joint motions (`RC-B...`), which replace motions tabled under those Rules.
//!
//! Motions tabled by a Member alone (Rule 113 in the 6th term, 120 in the 7th, 133 in the 8th,
//! 143 in the 9th: "Any Member may table a motion for a resolution on a matter falling within the
//! spheres of activity of the European Union") are referred to a committee, not adopted in
//! plenary: they have nothing to forward, and most real ones (`../shared/corpus/ep/`) do not say
//! so. Neither do motions under Rule 227 (petitions). The two lists share no number, so the Rule
//! alone decides, whatever the term.

use crate::diag::codes;
use crate::diag::{Collector, Diagnostic};
use crate::lang;
use crate::model::*;

/// Rules whose motions are put to the vote in plenary and so end by instructing the President.
const FORWARDING_RULES: &[u32] = &[103, 108, 110, 115, 122, 123, 128, 132, 135, 136, 144, 150];

/// Rules whose motions are referred to a committee: no instruction to forward.
const INDIVIDUAL_RULES: &[u32] = &[113, 120, 133, 143, 227];

/// Whether the motion's kind calls for the closing instruction: by its Rule when the cover
/// names one of the known Rules, else by its kind (joint motions, adopted texts and motions with
/// a request for a debate do; others are not known to).
pub fn calls_for_forwarding(motion: &Motion) -> bool {
    let rules = motion
        .cover
        .rule
        .as_ref()
        .map(|r| rule_numbers(&r.value))
        .unwrap_or_default();
    if rules.iter().any(|n| FORWARDING_RULES.contains(n)) {
        return true;
    }
    if !rules.is_empty() && rules.iter().all(|n| INDIVIDUAL_RULES.contains(n)) {
        return false;
    }
    matches!(
        motion.cover.kind,
        DocKind::JointMotionForResolution | DocKind::TextAdopted
    ) || motion.cover.request.is_some()
}

/// The Rule numbers of a reference such as `Rules 144(5) and 132(4)`, without their paragraphs.
fn rule_numbers(reference: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = reference;
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let after_paren = rest[..i].ends_with('(');
        let len = rest[i..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - i);
        if !after_paren {
            if let Ok(n) = rest[i..i + len].parse() {
                out.push(n);
            }
        }
        rest = &rest[i + len..];
    }
    out
}

/// The last paragraph of a resolution instructs the President to forward it.
pub fn closing_paragraph(motion: &Motion, diags: &mut Collector) {
    if !calls_for_forwarding(motion) {
        return;
    }
    let Some(last) = motion.paragraphs().last() else {
        return;
    };
    let profile = lang::profile(&motion.lang).or_else(|| lang::profile("en"));
    let Some(profile) = profile else { return };
    let text: String = last
        .content
        .iter()
        .map(Para::plain_text)
        .collect::<Vec<_>>()
        .join(" ");
    // Words compared without case and punctuation: "Präsidentin," matches "Präsidentin".
    let words_of = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let text_words = words_of(&text);
    let forwards = profile.forward.iter().any(|f| {
        let words = words_of(f);
        !words.is_empty()
            && text_words
                .windows(words.len())
                .any(|w| w == words.as_slice())
    });
    if !forwards {
        diags.push(
            Diagnostic::new(&codes::NO_FORWARD, Some(last.span), format!("the last paragraph ({}) does not instruct the President to forward the resolution", last.num.text))
                .hint(format!("resolutions end with a paragraph such as `{} ...`", profile.forward.first().map_or("", String::as_str))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{text::parse, ReadOptions};

    const BODY: &str = "The European Parliament,\n\n- having regard to its Rules of Procedure,\n\nA. whereas x;\n\n1. Calls on the Commission to act.\n";

    fn codes_of(cover: &str) -> Vec<&'static str> {
        let text = format!("{cover}\n\n{BODY}");
        let motion = parse(&text, &ReadOptions::default()).motion;
        let mut d = Collector::new();
        closing_paragraph(&motion, &mut d);
        d.finish().iter().map(|d| d.code).collect()
    }

    #[test]
    fn reads_the_rule_numbers_without_their_paragraphs() {
        assert_eq!(rule_numbers("Rule 143"), vec![143]);
        assert_eq!(rule_numbers("Rules 144(5) and 132(4)"), vec![144, 132]);
        assert_eq!(rule_numbers("Rules 150(5) and 136(4)"), vec![150, 136]);
        assert_eq!(rule_numbers(""), Vec::<u32>::new());
    }

    #[test]
    fn individual_motions_need_no_instruction_to_forward() {
        for rule in ["120", "133", "143", "227"] {
            let cover = format!(
                "B9-0001/2021\n\npursuant to Rule {rule} of the Rules of Procedure\n\non fish"
            );
            assert!(codes_of(&cover).is_empty(), "Rule {rule}");
        }
    }

    #[test]
    fn debate_and_urgency_motions_without_it_are_warned() {
        for rule in ["122", "123(2)", "132(2)", "135", "144", "150(5) and 136(4)"] {
            let cover = format!(
                "B9-0001/2021\n\npursuant to Rule {rule} of the Rules of Procedure\n\non fish"
            );
            assert_eq!(codes_of(&cover), vec!["W-NO-FORWARD"], "Rule {rule}");
        }
    }

    #[test]
    fn without_a_known_rule_the_kind_decides() {
        assert!(codes_of("B9-0001/2021\n\non fish").is_empty());
        assert_eq!(codes_of("RC-B9-0001/2021\n\non fish"), vec!["W-NO-FORWARD"]);
        assert_eq!(
            codes_of("B9-0001/2021\n\nwith request for inclusion in the agenda for a debate on cases of breaches of human rights\n\non fish"),
            vec!["W-NO-FORWARD"]
        );
    }
}
