//! Issue 13, the variant suite: every sample and corpus motion, changed as real files are
//! (wrapped, other line ends, blank lines removed or doubled, other numbering, other date forms,
//! no-break spaces, no bold marks), reads to the same model as the original apart from printed
//! numbers and spans: the same counts, cover fields, errors and words in order. One test per kind
//! of change; the generator is [`Variant`] in the harness, so new corpus files are covered at once.

use crate::harness::{decode_file, samples_and_corpus, stem, Reading, Variant};

/// Asserts that every sample and corpus file reads the same changed by `variant`.
fn reads_the_same(variant: Variant) {
    let mut failures = Vec::new();
    let files = samples_and_corpus();
    assert!(files.len() > 30, "the corpus is missing: {}", files.len());
    for path in &files {
        let (text, stem) = (decode_file(path), stem(path));
        let original = Reading::read(&text, &stem);
        let changed = Reading::read(&variant.apply(&text), &stem);
        let differences = original.differences(&changed);
        if !differences.is_empty() {
            let name = path.file_name().unwrap().to_string_lossy();
            failures.push(format!("{name}:\n    {}", differences.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{variant:?}: {} of {} files read differently:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

macro_rules! variant_tests {
    ($($(#[$attr:meta])* $name:ident => $variant:expr;)*) => {
        $(
            #[test]
            $(#[$attr])*
            fn $name() {
                reads_the_same($variant);
            }
        )*
    };
}

variant_tests! {
    wrapped_40 => Variant::Wrapped(40);
    wrapped_60 => Variant::Wrapped(60);
    wrapped_72 => Variant::Wrapped(72);
    wrapped_80 => Variant::Wrapped(80);
    crlf => Variant::Crlf;
    cr_only => Variant::CrOnly;
    no_blank_lines => Variant::NoBlankLines;
    doubled_blank_lines => Variant::DoubledBlankLines;
    paragraphs_numbered_with_a_parenthesis => Variant::ParenNumbers;
    paragraphs_numbered_with_a_spaced_dot => Variant::SpacedNumbers;
    points_lettered_with_a_parenthesis => Variant::HalfParenPoints;
    iso_dates => Variant::IsoDate;
    slash_dates => Variant::SlashDate;
    no_break_spaces => Variant::NoBreakSpaces;
    no_bold_marks => Variant::NoBold;
}

/// The generator itself does what each variant says, on a small text.
#[test]
fn the_generator_makes_each_variant() {
    let text = "9.2.2021\n\n1. Calls on **the** Commission to act on (a) fish;\n\n(a) cod;\n";
    assert_eq!(
        Variant::Wrapped(20).apply(text),
        "9.2.2021\n\n1. Calls on **the** \nCommission to act \non (a) fish;\n\n(a) cod;\n"
    );
    assert!(Variant::CrOnly.apply(text).contains("9.2.2021\r\r1."));
    assert!(Variant::Crlf.apply(text).contains("9.2.2021\r\n\r\n1."));
    assert_eq!(
        Variant::NoBlankLines.apply(text),
        "9.2.2021\n1. Calls on **the** Commission to act on (a) fish;\n(a) cod;\n"
    );
    assert!(Variant::DoubledBlankLines
        .apply(text)
        .starts_with("9.2.2021\n\n\n1."));
    assert!(Variant::ParenNumbers.apply(text).contains("\n1) Calls"));
    assert!(Variant::SpacedNumbers.apply(text).contains("\n1 . Calls"));
    assert!(Variant::SpacedNumbers
        .apply("**1.** Calls\n")
        .starts_with("**1 .** Calls"));
    let points = Variant::HalfParenPoints.apply(text);
    assert!(
        points.contains("\na) cod;") && points.contains("on (a) fish"),
        "{points}"
    );
    assert!(Variant::IsoDate.apply(text).starts_with("2021-02-09\n"));
    assert!(Variant::SlashDate.apply(text).starts_with("09/02/2021\n"));
    assert!(Variant::NoBreakSpaces
        .apply(text)
        .contains("Calls on\u{a0}**the**"));
    assert!(!Variant::NoBold.apply(text).contains("**"));
}
