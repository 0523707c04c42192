//! Issue 15, the house style: the Parliament's furniture on every page where the source
//! carries it, and nothing invented where it does not.

use crate::harness::{read_file, samples_and_corpus, stem};
use crate::pdf::Pdf;
use motion_export::export::pdf::PdfOptions;

/// Every page's footer holds the PE number and the motto between the language's code when the
/// source states a PE number; otherwise no motto is printed. The running header holds the
/// document number, never the file's name standing in for one.
#[test]
fn the_footer_holds_the_pe_number_and_motto_only_where_the_source_has_them() {
    let mut with_pe = 0;
    for path in samples_and_corpus() {
        let (motion, _) = read_file(&path);
        let pdf = Pdf::export(&motion, &PdfOptions::default());
        let lang = motion.lang.to_uppercase();
        let profile = motion_export::lang::profile(&motion.lang).unwrap();
        let motto = format!("{lang} {} {lang}", profile.motto);
        let name = stem(&path);
        let text_has_name = std::fs::read_to_string(&path).unwrap().contains(&name);
        for page in 1..=pdf.pages() {
            let text = pdf.page_text(page);
            let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match &motion.cover.pe_number {
                Some(pe) => {
                    assert!(text.contains(&pe.value), "{name} p.{page}: no PE number");
                    assert!(squeezed.contains(&motto), "{name} p.{page}: no `{motto}`");
                }
                None => assert!(!squeezed.contains(&motto), "{name} p.{page}: a motto"),
            }
            if motion.cover.doc_number.is_none() && !text_has_name {
                assert!(!text.contains(&name), "{name} p.{page}: the file name");
            }
        }
        with_pe += usize::from(motion.cover.pe_number.is_some());
    }
    assert!(
        with_pe >= 5,
        "only {with_pe} files with a PE number: the test proves little"
    );
}
