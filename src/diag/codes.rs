//! The catalogue of diagnostic codes: each code's name, default severity and explanation.
//!
//! Codes are stable: tools and configuration files refer to them by name. Add new ones at the end
//! of their group; never rename or reuse one.

use super::Severity;

/// One entry of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// Stable name, `E-` for errors, `W-` for warnings and `N-` for notes by default.
    pub name: &'static str,
    /// The default severity, which configuration may change.
    pub severity: Severity,
    /// One line: what the code means.
    pub summary: &'static str,
    /// The long explanation printed by `motion-export explain`, with a wrong and a right example.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($($id:ident = $name:literal, $sev:ident, $summary:literal, $explanation:literal;)*) => {
        $(
            #[doc = $summary]
            pub static $id: Code = Code {
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                explanation: $explanation,
            };
        )*
        /// Every code, in catalogue order.
        pub static ALL: &[&Code] = &[$(&$id),*];
    };
}

impl Code {
    /// Whether `--allow` or a configuration file may silence the code. Codes that say the input
    /// is no motion at all (not text, not XML, unreadable, no operative paragraph), that an
    /// output could not be made or that the tool failed cannot be: silencing them would pass, or convert, a file that is not a motion.
    pub fn allowable(&self) -> bool {
        let never = [
            &IO,
            &INTERNAL,
            &EXPORT,
            &OUTPUT_COLLISION,
            &AKN_XML,
            &NO_PARAGRAPHS,
        ];
        !self.name.starts_with("E-INPUT-") && !never.iter().any(|c| c.name == self.name)
    }
}

/// Looks a code up by name, ignoring case.
pub fn find(name: &str) -> Option<&'static Code> {
    ALL.iter()
        .copied()
        .find(|c| c.name.eq_ignore_ascii_case(name))
}

codes! {
    // Reading the input.
    INPUT_EMPTY = "E-INPUT-EMPTY", Error, "the input holds no text",
        "The file is empty or holds only whitespace, so there is no motion to convert.\n\nWrong: an empty file `motion.txt`.\nRight: a file with at least a formula (`The European Parliament,`) and numbered paragraphs.";
    INPUT_BINARY = "E-INPUT-BINARY", Error, "the input is binary data, not text",
        "The file contains NUL bytes or other signs of binary data (a PDF, a Word file, an image). motion-export reads plain text.\n\nWrong: `motion-export convert motion.pdf`.\nRight: extract the text first (`pdftotext -layout motion.pdf motion.txt`) and convert `motion.txt`.";
    INPUT_ENCODING = "E-INPUT-ENCODING", Error, "the input is not valid UTF-8",
        "Text must be UTF-8 (a byte-order mark is allowed; UTF-16 with a byte-order mark is decoded). The diagnostic gives the byte offset of the first invalid byte.\n\nWrong: a file saved as Windows-1252 containing `\\xE9` for `é`.\nRight: convert it first: `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`.";
    INPUT_TOO_LARGE = "E-INPUT-TOO-LARGE", Error, "the input is larger than the size limit",
        "Motions are a few kilobytes; a file above the limit (default 64 MiB) is almost certainly not a motion, and reading it whole could exhaust memory. Raise the limit with `--max-input-size` if the file is genuine.\n\nWrong: converting a 200 MB log file by mistake.\nRight: `motion-export convert --max-input-size 512MiB big.txt` for a genuinely large input.";
    IO = "E-IO", Error, "the input could not be read or an output could not be written",
        "The file system refused an operation: a missing or unreadable input, a full disk, a read-only or missing output folder, a symbolic link where a folder was expected. The file is skipped and the batch goes on; the exit code is 2.\n\nWrong: `motion-export convert motions/ -o /read-only/folder`.\nRight: `motion-export convert motions/ -o out/` with `out/` writable.";
    EXPORT = "E-EXPORT", Error, "an output format could not be produced",
        "An exporter failed on a motion that read and validated cleanly: typically a font given with `--pdf-font` that lacks glyphs the motion needs (the message names them). The other formats are still written.\n\nWrong: `--pdf-font Latin-only.ttf` for a motion in Greek.\nRight: a font that covers Greek, or the built-in DejaVu Serif.";
    CONTROL_CHAR = "W-CONTROL-CHAR", Warning, "control characters were replaced",
        "The input contains control characters that XML 1.0 forbids (other than tab, line feed and carriage return; form feeds count as page breaks). Each is replaced by a space so that every output stays well-formed.\n\nWrong: `whereas\\u{0007} the Council...`.\nRight: `whereas the Council...`.";
    UNRECOGNISED_TEXT = "W-UNRECOGNISED-TEXT", Warning, "text the reader could not place in the structure",
        "The reader keeps every piece of text. Text it cannot place (not a cover line, citation, recital, paragraph, heading or footnote) is kept where it stood, as a plain paragraph, and reported so that nothing is lost silently.\n\nWrong: a stray line `Draft 3 - do not circulate` between two recitals.\nRight: remove the stray line, or number it if it belongs to the motion.";
    FOOTNOTE_UNRESOLVED = "W-FOOTNOTE-UNRESOLVED", Warning, "a footnote call has no note text",
        "A marker such as `[1]` or `(1)` calls a footnote whose text was not found after the body. The marker is kept as written.\n\nWrong: `... of 1 October 2020[1];` with no `[1] Judgment of ...` line after the paragraphs.\nRight: add the note text after the last paragraph: `[1] Judgment of 1 October 2020, ...`.";
    FOOTNOTE_UNUSED = "W-FOOTNOTE-UNUSED", Warning, "a footnote text is never called",
        "A note text such as `[2] OJ L 123, ...` follows the body but no marker `[2]` appears in the text. The note is kept.\n\nWrong: notes `[1]` and `[2]` but only `[1]` called.\nRight: call `[2]` where it belongs, or remove the note.";
    LANG_MISMATCH = "W-LANG-MISMATCH", Warning, "the file name's language code disagrees with the text",
        "The file name ends in a language code (`_DE.txt`) but the text reads as another language. The language found in the text is used; force it with `--lang`.\n\nWrong: an English motion saved as `B9-0146-2021_DE.txt`.\nRight: `B9-0146-2021_EN.txt`.";
    LANG_UNKNOWN = "W-LANG-UNKNOWN", Warning, "the language of the text could not be recognised",
        "None of the language profiles matched the formula, citation or recital openers of the text; English is assumed. Force the language with `--lang`.\n\nWrong: a motion whose formula and openers are missing or misspelt.\nRight: `The European Parliament,` followed by `having regard to ...` citations.";
    INTERNAL = "E-INTERNAL", Error, "motion-export failed on this file: a bug, please report it",
        "The tool met a condition it did not expect while working on this file (an internal panic). The file is reported with this code and skipped; the rest of the batch goes on and the incremental state is saved. Please report it with the input that caused it.\n\nWrong: nothing you can fix in the motion; this is a bug in motion-export.\nRight: report the file and the message; convert the others meanwhile.";
    OUTPUT_COLLISION = "E-OUTPUT-COLLISION", Error, "two inputs would write the same output",
        "Every input is mapped to its outputs before any work starts. When two inputs map to the same output path (`x/sub/m_EN.txt` and `y/sub/m_EN.txt` both give `out/sub/m_EN.xml`), neither is converted: whichever ran last would silently overwrite the other, perhaps the XML from one and the PDF from the other. The rest of the batch goes on.\n\nWrong: `motion-export convert x/ y/ -o out` with `m_EN.txt` in both folders.\nRight: `motion-export convert x/ -o out/x` and `motion-export convert y/ -o out/y`, or rename one input.";
    FURNITURE_REMOVED = "N-FURNITURE-REMOVED", Note, "page furniture was removed",
        "Text dumps of PDFs and web pages carry page furniture: page numbers, running headers, the document number repeated on every page, download links, rules. The reader removes such lines where furniture can stand (at page breaks and between blocks) and counts them in this note, so nothing disappears unsaid. A line that looks like furniture inside a paragraph is kept.\n\nWrong: nothing; this note only says what was removed.\nRight: `--allow N-FURNITURE-REMOVED` to silence it.";
    NUMBER_TOO_LARGE = "E-NUMBER-TOO-LARGE", Error, "a paragraph or point number is implausibly large",
        "Motions have at most a few hundred paragraphs. A number such as `4294967296.` is almost certainly not a paragraph number (a figure that happens to start a line, or a damaged file); it is reported rather than read as one.\n\nWrong: `4294967296. Instructs its President ...`\nRight: `4. Instructs its President ...`";
    NUMBERING_MIXED = "W-NUMBERING-MIXED", Warning, "paragraphs or points are numbered in more than one style",
        "The reader understands paragraphs numbered `1.`, `1)`, `1 .` and `(1)`, and points lettered `(a)`, `a)` and `a.`, and reads them all as the same structure (the outputs keep the number as printed). A motion that mixes styles was probably assembled from several sources or retyped in part; the message names the numbers printed in a style other than the one most of them use.\n\nWrong: `1. Calls ...`, `2) Stresses ...`, `3. Instructs ...`.\nRight: `1. Calls ...`, `2. Stresses ...`, `3. Instructs ...`.";
    NUMBERING_REPLACED = "W-NUMBERING-REPLACED", Warning, "recitals read by their opening words; their printed numbers were replaced",
        "Web pages made from Word documents sometimes lose list numbering: every recital is printed `1. whereas ...` (or numbered like paragraphs), and the recitals would read as repeated operative paragraphs. A run of items that open with the language's recital opener (`whereas`, `considérant que`, ...) and carry paragraph numbers is read as a list of recitals, lettered A, B, C ... in order; the message names the numbers that were printed.\n\nWrong: `1. whereas the Council ...;` `1. whereas the Commission ...;` `1. Calls on ...`.\nRight: `A. whereas the Council ...;` `B. whereas the Commission ...;` `1. Calls on ...`.";

    // The structure of the motion.
    NO_FORMULA = "E-NO-FORMULA", Error, "the motion has no enacting formula",
        "A motion's resolution opens with the formula (`The European Parliament,`) before its citations. Without it, the reader cannot tell where the resolution begins.\n\nWrong:\n    – having regard to Rule 144 of its Rules of Procedure,\nRight:\n    The European Parliament,\n    – having regard to Rule 144 of its Rules of Procedure,";
    NO_PARAGRAPHS = "E-NO-PARAGRAPHS", Error, "the motion has no operative paragraphs",
        "A resolution must say something: at least one numbered operative paragraph (`1. Calls on ...`).\n\nWrong: a motion that ends after its recitals.\nRight: add `1. Calls on the Commission to ...;`.";
    RECITAL_GAP = "E-RECITAL-GAP", Error, "a recital letter is missing",
        "Recitals are lettered A, B, C ... Z, then AA, AB ... (or the letters of the language's alphabet). A missing letter usually means a recital was lost when the text was copied.\n\nWrong: `A.`, `B.`, `D.`\nRight: `A.`, `B.`, `C.`, `D.`";
    RECITAL_DUPLICATE = "E-RECITAL-DUPLICATE", Error, "two recitals have the same letter",
        "Each recital letter appears once.\n\nWrong: `A.`, `B.`, `B.`\nRight: `A.`, `B.`, `C.`";
    RECITAL_ORDER = "E-RECITAL-ORDER", Error, "recitals are out of order",
        "Recital letters run in alphabetical order.\n\nWrong: `A.`, `C.`, `B.`\nRight: `A.`, `B.`, `C.`";
    PARAGRAPH_GAP = "E-PARAGRAPH-GAP", Error, "a paragraph number is missing",
        "Operative paragraphs are numbered 1, 2, 3 ... without gaps.\n\nWrong: `1.`, `2.`, `4.`\nRight: `1.`, `2.`, `3.`";
    PARAGRAPH_DUPLICATE = "E-PARAGRAPH-DUPLICATE", Error, "two paragraphs have the same number",
        "Each paragraph number appears once.\n\nWrong: `1.`, `2.`, `2.`\nRight: `1.`, `2.`, `3.`";
    PARAGRAPH_ORDER = "E-PARAGRAPH-ORDER", Error, "paragraphs are out of order",
        "Paragraph numbers run upwards.\n\nWrong: `1.`, `3.`, `2.`\nRight: `1.`, `2.`, `3.`";
    POINT_NUMBERING = "E-POINT-NUMBERING", Error, "points are missing, repeated or out of order",
        "The points of a paragraph run (a), (b), (c) ... or (i), (ii), (iii) ... without gaps or repeats.\n\nWrong: `(a)`, `(b)`, `(d)`\nRight: `(a)`, `(b)`, `(c)`";
    DOC_NUMBER_MALFORMED = "E-DOCNUMBER-MALFORMED", Error, "the document number is malformed",
        "European Parliament document numbers look like `B9-0146/2021` (series letter and term, four-digit number, year) or `RC-B10-0249/2025` for joint motions.\n\nWrong: `B9-146/21`\nRight: `B9-0146/2021`";
    DATE_MALFORMED = "E-DATE-MALFORMED", Error, "the date is not a valid date",
        "The tabling date is written day.month.year (`9.2.2021`) and must exist in the calendar.\n\nWrong: `31.2.2021`\nRight: `28.2.2021`";
    PROCEDURE_MALFORMED = "E-PROCEDURE-MALFORMED", Error, "the procedure reference is malformed",
        "Procedure references look like `2021/2544(RSP)`: year, four-digit number, procedure type in capitals.\n\nWrong: `2021/25(rsp)`\nRight: `2021/2544(RSP)`";
    EMPTY_BLOCK = "E-EMPTY-BLOCK", Error, "a numbered block has no text",
        "A recital, paragraph or point has a number but no text after it.\n\nWrong: `3.` on a line of its own with nothing following.\nRight: `3. Calls on the Commission to ...;`";
    NO_FORWARD = "W-NO-FORWARD", Warning, "the last paragraph does not instruct the President to forward the resolution",
        "Resolutions of the European Parliament end with a paragraph instructing its President to forward the resolution to the institutions concerned. Its absence often means the text was cut short. Only motions put to the vote in plenary end so: those winding up a debate on a statement or an oral question (Rules 132 and 136 in the 9th term, 136 in the 10th, 123 and 128 in the 8th), urgency motions (Rule 144, 150 in the 10th, 135 in the 8th), joint motions and adopted texts. A Member's own motion (Rule 143, 133 in the 8th term, 120 in the 7th) is referred to a committee and is not checked.\n\nWrong: a motion pursuant to Rule 144 whose last paragraph is `5. Calls on the Commission to act;`\nRight: `6. Instructs its President to forward this resolution to the Council and the Commission.`";
    NO_DOC_NUMBER = "W-NO-DOCNUMBER", Warning, "the text does not state its document number",
        "The document number (`B9-0146/2021`) identifies the motion in the Akoma Ntoso FRBR identifiers. When the text lacks it, the number is taken from the file name if it has one (`B9-0146-2021_EN.txt`), otherwise the file name itself is used.\n\nWrong: a cover without `B9-0146/2021`.\nRight: a cover line `B9-0146/2021`.";
    NO_DATE = "W-NO-DATE", Warning, "the text does not state its tabling date",
        "The tabling date (`9.2.2021`) dates the Akoma Ntoso work. Without it, the FRBR identifiers use the year of the document number or `SOURCE_DATE_EPOCH`, never the clock.\n\nWrong: a cover without a date line.\nRight: a cover line `9.2.2021`.";
    DOC_NUMBER_FILENAME = "W-DOCNUMBER-FILENAME", Warning, "the document number differs from the one in the file name",
        "The cover states a document number and the file name carries another (`B9-0147/2021` in `B9-0146-2021_EN.txt`). One of them is wrong: a file saved under the wrong name, or a cover copied from another motion. The number on the cover is used. File names without a number are not checked.\n\nWrong: `B9-0147/2021` on the cover of `B9-0146-2021_EN.txt`.\nRight: `B9-0146/2021` on the cover of `B9-0146-2021_EN.txt`.";

    // Comparing the language versions of one motion (`check --versions`).
    VERSIONS_STRUCTURE = "E-VERSIONS-STRUCTURE", Error, "language versions of one motion differ in structure",
        "The language versions of one motion must have the same parts: as many citations, recitals, operative paragraphs, headings and footnotes, and the same points in each recital and paragraph. A difference usually means that a part was lost, split or merged when a version was copied. Only the structure is compared, never the wording or the figures: translations legitimately write `52 %` or `54 procent`.\n\nWrong: `B9-0146-2021_EN.txt` with recitals A to T and `B9-0146-2021_DE.txt` with recitals A to S.\nRight: both versions with recitals A to T, one recital for each.";
    VERSIONS_NUMBERING = "E-VERSIONS-NUMBERING", Error, "language versions of one motion number their parts differently",
        "The versions have the same number of recitals, paragraphs or points, but number them differently. Recitals are compared by their place in each language's numbering, so Greek `Α, Β, Γ ... ΣΤ` matches `A, B, C ... F` and Bulgarian `А, Б, В` matches `A, B, C`.\n\nWrong: paragraphs `1.`, `2.`, `4.` in the French version where the English one has `1.`, `2.`, `3.`.\nRight: `1.`, `2.`, `3.` in both.";
    VERSIONS_METADATA = "E-VERSIONS-METADATA", Error, "language versions of one motion disagree on its metadata",
        "The versions state a different document number, tabling date, procedure reference, Rule, kind of document or number of authors. A value that a version does not state is not compared, since the Parliament's pages in some languages leave parts of the cover out.\n\nWrong: `B9-0146/2021` dated `9.2.2021` in English and `10.2.2021` in French.\nRight: `9.2.2021` in every version.";

    // Akoma Ntoso XML given to `check` (`*.xml`).
    AKN_XML = "E-AKN-XML", Error, "the XML file is not well-formed",
        "`check` reads Akoma Ntoso XML files (`*.xml`) as well as text. The file must be well-formed XML: one root element, every element closed in order, attributes quoted, `&` and `<` escaped, only known entities. The diagnostic gives the line and column where the XML parser stopped; nothing else is checked until it is fixed.\n\nWrong: `<p eId=\"para_1__p_1\">Calls on <b>the Commission</p>`\nRight: `<p eId=\"para_1__p_1\">Calls on <b>the Commission</b></p>`";
    AKN_NAMESPACE = "E-AKN-NAMESPACE", Error, "the root element is not `akomaNtoso` in the Akoma Ntoso 3.0 namespace",
        "An Akoma Ntoso 3.0 document has the root element `akomaNtoso` in the namespace `http://docs.oasis-open.org/legaldocml/ns/akn/3.0`. A missing or older namespace (the 2.0 or a working-draft one) means consumers will not recognise the document. When the root is `akomaNtoso` in another namespace, the rest is still checked.\n\nWrong: `<akomaNtoso xmlns=\"http://www.akomantoso.org/2.0\">`\nRight: `<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">`";
    AKN_DOCTYPE = "E-AKN-DOCTYPE", Error, "the document element is not one the motion profile knows",
        "The profile (`schemas/akn-motion-profile.xsd`) puts a motion in `statement`, named after its kind: `motionForResolution`, `jointMotionForResolution` or `resolution` (a text adopted). Another document type (`act`, `bill`, `doc`) or another name is reported; the content is still read and checked.\n\nWrong: `<doc name=\"motion\">`\nRight: `<statement name=\"motionForResolution\" contains=\"originalVersion\">`";
    AKN_DEPTH = "E-AKN-DEPTH", Error, "elements are nested deeper than the reader allows",
        "Motions nest a few levels deep (document, body, paragraph, point, content, paragraph of text, emphasis). The reader stops building structure at 64 levels, so that no file can exhaust its memory or stack; the text of deeper elements is kept in the element at the limit, but their structure is lost.\n\nWrong: a `point` inside a `point` inside a `point` ... seventy times over.\nRight: points nested at most a few levels: `(a)`, then `(i)`, then dashes.";
    AKN_EID_DUPLICATE = "E-AKN-EID-DUPLICATE", Error, "two elements have the same eId",
        "Akoma Ntoso requires every `eId` to be unique in the document, the metadata included (`references` ids such as `ep` or `sd` count too). A repeated eId usually comes from a paragraph copied without renumbering. The diagnostic points at the second element and names the line of the first.\n\nWrong: `<paragraph eId=\"para_2\">` twice.\nRight: `<paragraph eId=\"para_2\">` and `<paragraph eId=\"para_3\">`, or `para_2_2` when the text really prints `2.` twice.";
    AKN_EID_NAMING = "E-AKN-EID-NAMING", Error, "an eId does not follow the Naming Convention",
        "Content elements carry the eId the Akoma Ntoso Naming Convention gives them, as the exporter writes it: the parent's eId (or `preface`, `preamble`, `conclusions`), `__`, the element's abbreviation (`cits`, `cit`, `recs`, `rec`, `para`, `point`, `indent`, `list`, `item`, `p`...), `_` and its number (the printed number cleaned of punctuation, `A.` -> `A`, `(a)` -> `a`, or the ordinal for unnumbered elements); `intro` and `wrapUp` pass `intro` and `wrapup` as a prefix. The diagnostic gives the expected eId; a missing eId is reported the same way.\n\nWrong: `<recital eId=\"recital_B\">` with `<num>B.</num>`\nRight: `<recital eId=\"preamble__recs_1__rec_B\">`";
    AKN_METADATA = "E-AKN-METADATA", Error, "required FRBR metadata is missing or inconsistent",
        "`meta/identification` must hold `FRBRWork`, `FRBRExpression` and `FRBRManifestation`, each with `FRBRthis`, `FRBRuri`, `FRBRdate` and `FRBRauthor`; the Work also `FRBRcountry`, the Expression also `FRBRlanguage`. The IRIs must nest: the Expression's IRI extends the Work's (`/akn/eu/statement/.../B9-0146-2021/eng@2021-02-09`), the Manifestation's the Expression's, each `FRBRthis` its own `FRBRuri`, and the language in the Expression's IRI is its `FRBRlanguage`.\n\nWrong: an `FRBRExpression` without `<FRBRlanguage language=\"eng\"/>`.\nRight: `<FRBRlanguage language=\"eng\"/>` after the Expression's `FRBRauthor`.";
    AKN_SCHEMA = "E-AKN-SCHEMA", Error, "the Akoma Ntoso file does not validate against the XML Schema",
        "`check` validates every well-formed Akoma Ntoso file against an XML Schema, in process, with libxml2: by default the project's profile (`schemas/akn-motion-profile.xsd`, compiled into the program), with `--schema official` the official OASIS Akoma Ntoso 3.0 schema (`AKN_XSD`), with `--schema PATH` any XSD. Each violation is reported at its line with libxml2's message: elements out of order, an element the schema has no place for, a required element missing, an attribute value outside its type or pattern, an element in the wrong namespace. The verdict is xmllint's (`xmllint --noout --nonet --schema XSD FILE`).\n\nWrong: `<preface>` before `<meta>` in `<statement>`, or `<statement name=\"motion\">`.\nRight: `<meta>` first, then `<preface>`, `<preamble>`, `<mainBody>`; `<statement name=\"motionForResolution\" contains=\"originalVersion\">`.";
}
