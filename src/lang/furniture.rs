//! Page furniture: the lines of a PDF dump or a web page that are not the motion's text
//! (download links, running headers and footers, page counters, mottos, the site's menus), by
//! their shape and each language's words. The text reader removes them where furniture stands;
//! the canonical text form escapes a line of text that has their shape, so that it reads back.

use crate::lang::Profile;
use crate::vocab::loose::{loose_key, starts_with_loose};
use crate::vocab::patterns::{self, is_doc_number_line, unwrap_emphasis};

/// What a furniture line is, for the note that counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FurnitureKind {
    /// `PDF 155kWORD 46k`, `RC-10-2025-0249_EN (PDF - 147 KB)`.
    DownloadLink,
    /// `RE\1225093EN.docx 2/6 PE662.890v01-00`.
    RunningHeader,
    /// A document or session number alone.
    DocumentNumber,
    /// The parliamentary term (`2019-2024`) or a language code (`EN`) alone.
    TermOrLanguage,
    /// `EN United in diversity EN`.
    Motto,
    /// `2/6`.
    PageNumber,
    /// `PV 08/05/2025 - 7.2`, `P10_TA(2025)0096`.
    MinutesLink,
    /// The site's menus and notices (`Plenary sitting`, `Legal notice`).
    SiteMenu,
    /// A markdown rule (`---`, `_____`, `* * *`).
    Rule,
}

impl FurnitureKind {
    /// The kind's name in the plural, for messages.
    pub fn plural(self) -> &'static str {
        match self {
            FurnitureKind::DownloadLink => "download links",
            FurnitureKind::RunningHeader => "running headers and footers",
            FurnitureKind::DocumentNumber => "document numbers",
            FurnitureKind::TermOrLanguage => "terms and language codes",
            FurnitureKind::Motto => "mottos",
            FurnitureKind::PageNumber => "page numbers",
            FurnitureKind::MinutesLink => "links to minutes and texts adopted",
            FurnitureKind::SiteMenu => "site menus and notices",
            FurnitureKind::Rule => "rules",
        }
    }
}

/// What kind of page furniture a line is, if it is furniture.
pub fn furniture_kind(t: &str, profile: &Profile) -> Option<FurnitureKind> {
    use FurnitureKind as F;
    // Furniture lines are short; paragraphs of text are not.
    if t.len() > 160 {
        return None;
    }
    let t = unwrap_emphasis(t);
    // "PDF 155kWORD 46k"
    if t.starts_with("PDF ") && t.contains("kWORD ") && t.len() < 40 {
        return Some(F::DownloadLink);
    }
    // "RC-10-2025-0249_EN (PDF - 147 KB)", "001-002 (DOC - 69 KB)"
    if (t.contains("(PDF") || t.contains("(DOC")) && t.ends_with("KB)") && t.len() < 80 {
        return Some(F::DownloadLink);
    }
    // Running header/footer of the Parliament's Word documents: "RE\1225093EN.docx 2/6 PE662.890v01-00"
    if t.len() < 120
        && (t.contains(".docx") || t.contains(".doc "))
        && (t.contains("PE") || t.contains('\\'))
    {
        return Some(F::RunningHeader);
    }
    // A document or session number alone: cover fields (the cover reader still reads them) and
    // page headers in the body.
    if is_doc_number_line(t) || patterns::pe_number(t).is_some() {
        return Some(F::DocumentNumber);
    }
    // The parliamentary term ("2019-2024") and a language code alone ("EN"), from PDF covers.
    let term = t.len() == 9
        && t.as_bytes()[4] == b'-'
        && t.bytes().filter(u8::is_ascii_digit).count() == 8;
    if term
        || (t.len() == 2
            && crate::lang::LANGUAGES
                .iter()
                .any(|(code, _, _)| code.eq_ignore_ascii_case(t))
            && t.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Some(F::TermOrLanguage);
    }
    // "EN United in diversity EN" and other languages' mottos.
    if is_motto_line(t) {
        return Some(F::Motto);
    }
    // Page counters "2/6" alone.
    if let Some((a, b)) = t.split_once('/') {
        if !a.is_empty()
            && !b.is_empty()
            && a.len() <= 3
            && b.len() <= 3
            && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        {
            return Some(F::PageNumber);
        }
    }
    // Minutes and reports links: "PV 08/05/2025 - 7.2", "CRE 08/05/2025 - 7.2", "P10_TA(2025)0096".
    let first_word = t.split_whitespace().next().unwrap_or("");
    if (first_word == "PV" || first_word == "CRE") && t.len() < 40 && t.contains('/') {
        return Some(F::MinutesLink);
    }
    if t.starts_with('P') && t.contains("_TA(") && t.len() < 24 {
        return Some(F::MinutesLink);
    }
    if t.len() <= crate::lang::FURNITURE_LONGEST {
        if let Some(owners) = crate::lang::furniture_owners(&loose_key(t)) {
            // The language's own furniture, or another language's when it is long enough not to be
            // an ordinary short line.
            if owners.contains(&profile.code.as_str()) || t.len() > 12 {
                return Some(F::SiteMenu);
            }
        }
    }
    profile
        .furniture_prefixes
        .iter()
        .any(|f| starts_with_loose(t, f).is_some())
        .then_some(F::SiteMenu)
}

/// "EN United in diversity EN": a two-letter code, a motto, the code again.
fn is_motto_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 3 {
        return false;
    }
    let (first, last) = (words[0], words[words.len() - 1]);
    let code = |w: &str| w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    if !(code(first) && first == last) {
        return false;
    }
    let middle = words[1..words.len() - 1].join(" ");
    crate::lang::is_motto(&loose_key(&middle))
}
