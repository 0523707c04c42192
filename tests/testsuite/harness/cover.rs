//! The cover as printed: which motions are joint motions, and whether a printed cover shows
//! its parts in the Parliament's order.

use super::{read_file, samples_and_corpus};
use motion_export::model::{Motion, Para};

/// The samples and corpus files of joint motions (those replacing other motions), read.
pub fn joint_motions() -> Vec<(String, Motion)> {
    let joint: Vec<(String, Motion)> = samples_and_corpus()
        .iter()
        .map(|f| (f.display().to_string(), read_file(f).0))
        .filter(|(_, m)| !m.cover.replaces.is_empty())
        .collect();
    assert!(
        joint.len() >= 2,
        "joint motions among the samples and corpus"
    );
    joint
}

/// Asserts that `lines`, the printed cover line by line (PDF lines or DOCX paragraphs), show the
/// Rule line, then "replacing the following motions:", then the first replaced motion, then the
/// cover title, then the first author, each at the start of its line: the Parliament's order.
pub fn assert_joint_cover_order(what: &str, m: &Motion, lines: &[String]) {
    let c = &m.cover;
    let words = |text: &str, n: usize| {
        text.split_whitespace()
            .take(n)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rule = c.rule_line.as_ref().expect("a Rule line").plain_text();
    let label = replacing_label(m)
        .expect("the replacing label in the source")
        .plain_text();
    let title = c.title.as_ref().expect("a cover title").plain_text();
    let author = &c.authors.first().expect("authors").members[0];
    let needles = [
        ("Rule line", words(&rule, 3)),
        ("replacing label", words(&label, 3)),
        ("first replaced motion", c.replaces[0].number.clone()),
        ("title", words(&title, 4)),
        ("first author", words(author, 1)),
    ];
    let flat: Vec<String> = lines.iter().map(|l| words(l, usize::MAX)).collect();
    let at: Vec<usize> = needles
        .iter()
        .map(|(name, needle)| {
            flat.iter()
                .position(|l| l.starts_with(needle.as_str()))
                .unwrap_or_else(|| {
                    panic!("{what}: the {name} {needle:?} not on the cover: {flat:#?}")
                })
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{what}: cover order {:?} at lines {at:?}: {flat:#?}",
        needles.map(|(name, _)| name)
    );
}

/// The cover paragraph that introduces a joint motion's replaced motions ("replacing the
/// following motions:"), by the words of the motion's language.
pub fn replacing_label(m: &Motion) -> Option<&Para> {
    let words = &motion_export::lang::profile(&m.lang)?.replacing;
    m.cover.other.iter().find(|p| {
        let text = p.plain_text().trim_start().to_lowercase();
        words.iter().any(|w| text.starts_with(&w.to_lowercase()))
    })
}

/// The motion's paragraphs in the order the paged formats (PDF, DOCX) print them: the reading
/// order, but "replacing the following motions:" before the cover title, where the Parliament's
/// covers have it.
pub fn paged_text_in_order(m: &Motion) -> Vec<&Para> {
    let mut paras = m.text_in_order();
    let (Some(label), Some(title)) = (replacing_label(m), m.cover.title.as_ref()) else {
        return paras;
    };
    paras.retain(|p| !std::ptr::eq(*p, label));
    let at = paras.iter().position(|p| std::ptr::eq(*p, title));
    paras.insert(at.unwrap_or(0), label);
    paras
}

/// The words of [`paged_text_in_order`].
pub fn paged_motion_words(m: &Motion) -> Vec<String> {
    (paged_text_in_order(m).iter())
        .flat_map(|p| super::words(&p.plain_text()))
        .collect()
}
