//! Real motions, edited line by line as a PDF dump or a careless copy edits them (lines swapped,
//! repeated or lost, page furniture slipped in, numbers changed), through the whole pipeline and
//! every exporter: nothing may panic, the XML must be well-formed, and every word of the edited
//! text must still be in the model, except the words of lines the reader drops from the untouched
//! motion too (its own page furniture) and of the furniture lines inserted.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use motion_export::export::Format;
use motion_export_fuzz::{export_checked, lost_words, model_texts, read};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The samples, by source name.
macro_rules! seeds {
    ($($dir:literal $name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../samples/", $dir, $name, ".txt")))),*]
    };
}

const SEEDS: &[(&str, &str)] = seeds![
    "" "B9-0146-2021_EN", "" "B9-0777-2022_EN", "" "B9-0801-2023_EN", "" "B9-0998-2024_EN",
    "" "RC-B9-0560-2023_EN",
    "languages/" "B9-0999-2024_BG", "languages/" "B9-0999-2024_CS", "languages/" "B9-0999-2024_DA",
    "languages/" "B9-0999-2024_DE", "languages/" "B9-0999-2024_EL", "languages/" "B9-0999-2024_EN",
    "languages/" "B9-0999-2024_ES", "languages/" "B9-0999-2024_ET", "languages/" "B9-0999-2024_FI",
    "languages/" "B9-0999-2024_FR", "languages/" "B9-0999-2024_GA", "languages/" "B9-0999-2024_HR",
    "languages/" "B9-0999-2024_HU", "languages/" "B9-0999-2024_IT", "languages/" "B9-0999-2024_LT",
    "languages/" "B9-0999-2024_LV", "languages/" "B9-0999-2024_MT", "languages/" "B9-0999-2024_NL",
    "languages/" "B9-0999-2024_PL", "languages/" "B9-0999-2024_PT", "languages/" "B9-0999-2024_RO",
    "languages/" "B9-0999-2024_SK", "languages/" "B9-0999-2024_SL",
];

/// Lines PDF dumps put between pages: session numbers, the EU motto, file names, form feeds.
const FURNITURE: &[&str] = &[
    "PE662.890v01-00",
    "EN United in diversity EN",
    "\x0c",
    "\x0cEN United in diversity EN",
    "RE\\1224146EN.docx",
    "AM\\1224146EN.docx",
    "B9-0146/2021",
    "3/7",
    "",
    "EN",
];

#[derive(Debug, Arbitrary)]
enum Mutation {
    Swap(u16, u16),
    Duplicate(u16),
    Delete(u16),
    /// Inserts `FURNITURE[.1]` before line `.0`.
    Furniture(u16, u8),
    /// Replaces the number that opens line `.0` (`12.`, `B.`, `(c)`) by another of its kind.
    Renumber(u16, u16),
}

#[derive(Debug, Arbitrary)]
struct Input {
    seed: u8,
    mutations: Vec<Mutation>,
}

/// A line of the edited motion: its text and, when it came from the motion, its index there.
type Edited = Vec<(String, Option<usize>)>;

fn apply(lines: &mut Edited, m: &Mutation) {
    let n = lines.len();
    let at = |i: &u16| usize::from(*i) % n.max(1);
    match m {
        Mutation::Swap(a, b) if n > 0 => lines.swap(at(a), at(b)),
        Mutation::Duplicate(a) if n > 0 => {
            let line = lines[at(a)].clone();
            lines.insert(at(a), line);
        }
        Mutation::Delete(a) if n > 0 => {
            lines.remove(at(a));
        }
        Mutation::Furniture(a, f) => {
            let text = FURNITURE[usize::from(*f) % FURNITURE.len()].to_owned();
            lines.insert(at(a).min(n), (text, None));
        }
        Mutation::Renumber(a, value) if n > 0 => {
            let line = &mut lines[at(a)].0;
            *line = renumber(line, *value);
        }
        _ => {}
    }
}

/// `line` with its opening number replaced by `value` in the same style, or unchanged.
fn renumber(line: &str, value: u16) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let letter = char::from(b'A' + (value % 26) as u8);
    let (new, rest) = if let Some(rest) = body.strip_prefix('(').and_then(|r| r.split_once(')')) {
        (format!("({})", letter.to_ascii_lowercase()), rest.1)
    } else if let Some((num, rest)) = body.split_once('.') {
        if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) {
            (format!("{}.", value % 1000), rest)
        } else if !num.is_empty() && num.len() <= 3 && num.chars().all(|c| c.is_ascii_uppercase()) {
            (format!("{letter}."), rest)
        } else {
            return line.to_owned();
        }
    } else {
        return line.to_owned();
    };
    format!("{indent}{new}{rest}")
}

/// For each seed, the lines the reader drops from the untouched motion (its own page furniture):
/// those whose removal leaves the motion's text as it was. Their words are not asked for.
fn furniture_of_seeds() -> &'static [BTreeSet<usize>] {
    static FURNITURE: OnceLock<Vec<BTreeSet<usize>>> = OnceLock::new();
    FURNITURE.get_or_init(|| {
        SEEDS
            .iter()
            .map(|(name, text)| {
                let lines: Vec<&str> = text.lines().collect();
                let whole = model_texts(&read(text, name).motion);
                (0..lines.len())
                    .filter(|&i| {
                        let mut without = lines.clone();
                        without.remove(i);
                        lines[i].trim().is_empty()
                            || model_texts(&read(&without.join("\n"), name).motion) == whole
                    })
                    .collect()
            })
            .collect()
    })
}

fuzz_target!(|input: Input| {
    let index = usize::from(input.seed) % SEEDS.len();
    let (name, text) = SEEDS[index];
    let mut lines: Edited = text
        .lines()
        .enumerate()
        .map(|(i, l)| (l.to_owned(), Some(i)))
        .collect();
    for m in input.mutations.iter().take(64) {
        apply(&mut lines, m);
    }
    let edited: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
    let parsed = read(&edited.join("\n"), name);
    let furniture = &furniture_of_seeds()[index];
    let from_motion: Vec<&str> = lines
        .iter()
        .filter(|(_, origin)| origin.is_some_and(|i| !furniture.contains(&i)))
        .map(|(l, _)| l.as_str())
        .collect();
    let lost = lost_words(&from_motion.join("\n"), &parsed.motion);
    assert!(lost.is_empty(), "{name}: words lost {lost:?}");
    for format in Format::ALL {
        let _ = export_checked(&parsed.motion, format);
    }
});
