//! Marked content (ISO 32000-1, 14.6): the sequences a page's text is drawn in, each tagged with
//! the structure type of its element and numbered by its MCID (`/P <</MCID 3>> BDC`), or marked
//! as an artifact (the running header and footer). Each line is a sequence of its own, even
//! after a line of the same element: text extraction from the structure tree (`pdfinfo
//! -struct-text`) would join the lines of one sequence without a space.

use super::elements::Elements;
use std::io::Write;

/// The sequences of the page being drawn, and the elements they belong to (the references and
/// links of footnote calls are added as the calls are drawn).
pub(super) struct Marker<'e> {
    pub(super) elements: &'e mut Elements,
    /// The element of each MCID of the page being drawn.
    mcids: Vec<u32>,
    /// Whether a sequence is open.
    open: bool,
}

impl<'e> Marker<'e> {
    pub(super) fn new(elements: &'e mut Elements) -> Marker<'e> {
        Marker {
            elements,
            mcids: Vec::new(),
            open: false,
        }
    }

    /// Ends the page: the element of each of its MCIDs.
    pub(super) fn end_page(&mut self) -> Vec<u32> {
        let mut mcids = std::mem::take(&mut self.mcids);
        mcids.shrink_to_fit();
        mcids
    }

    /// Starts a sequence for `elem` (an artifact for `None`), ending the one open.
    pub(super) fn start(&mut self, out: &mut Vec<u8>, elem: Option<u32>) {
        self.close(out);
        match elem {
            Some(e) => {
                let tag = self.elements.elems[e as usize].tag;
                // Writing into a Vec cannot fail.
                let _ = writeln!(out, "/{} <</MCID {}>> BDC", tag.name(), self.mcids.len());
                self.mcids.push(e);
            }
            None => out.extend_from_slice(b"/Artifact BMC\n"),
        }
        self.open = true;
    }

    /// Ends the sequence open, if one is.
    pub(super) fn close(&mut self, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.open) {
            out.extend_from_slice(b"EMC\n");
        }
    }
}
