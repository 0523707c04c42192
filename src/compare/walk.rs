//! The numbered blocks of two motions side by side: citations, recitals, the body's paragraphs
//! and headings, and, inside each pair, their points, each sequence aligned by
//! [`super::align`], each pair diffed word by word, each change named by the eIds the XML gives.

use super::align::{align, Block, Pairing, Step, Work};
use super::changes::{Change, ChangeKind, Part, Side};
use super::tokens::{self, Token};
use super::words::diff_words;
use crate::model::{BodyItem, Motion, Para, Point};
use crate::vocab::part_ids;
use std::hash::{Hash, Hasher};

/// A step of an alignment and, for a pair, the alignment of the two blocks' points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    /// What the step is.
    pub step: Step,
    /// For a pair, its points aligned; empty otherwise.
    pub points: Vec<Aligned>,
}

/// The tokens of one block and of its points, as the comparison made them, for the redlines to
/// write without tokenizing the block again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockTokens<'m> {
    /// Its own tokens, in groups: a paragraph's introduction and its wrap-up; one group for
    /// other blocks.
    pub own: Vec<Vec<Token<'m>>>,
    /// Its points', in order.
    pub points: Vec<BlockTokens<'m>>,
}

impl<'m> BlockTokens<'m> {
    /// The tokens of its group `group`; none when it has no such group.
    pub fn group(&self, group: usize) -> &[Token<'m>] {
        self.own.get(group).map_or(&[][..], |g| &g[..])
    }
}

/// How the points of a block are named: a recital's are items of a `blockList`, a paragraph's
/// are `point`s and `indent`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Preamble,
    Body,
}

/// One block as the alignment and the change list see it: its tokens and its points made once,
/// when it is made, for the alignment, the word diffs and the change list to share.
pub(super) struct Node<'m> {
    part: Part,
    eid: String,
    num: Option<&'m str>,
    line: u32,
    /// Its own tokens, in groups diffed apart (a paragraph's introduction and its wrap-up).
    own: Vec<Vec<Token<'m>>>,
    /// Its points, named under it.
    children: Vec<Node<'m>>,
    /// What the alignment compares it by, made once from its tokens and its points' blocks.
    block: Block,
}

impl<'m> Node<'m> {
    /// The block `part` named `eid`, of the paragraph groups `texts` and the points `points`.
    fn new(
        (part, eid, num, line): (Part, String, Option<&'m str>, u32),
        texts: &[&'m [Para]],
        points: &'m [Point],
        family: Family,
    ) -> Self {
        let own: Vec<Vec<Token<'m>>> = (texts.iter())
            .map(|paras| {
                let mut out = Vec::new();
                tokens::of_paras(paras.iter(), &mut out);
                out
            })
            .collect();
        let children = point_nodes(&eid, points, family);
        let block = block_of(part, &own, &children);
        Node {
            part,
            eid,
            num,
            line,
            own,
            children,
            block,
        }
    }

    /// Its own tokens, group by group.
    pub fn own_tokens(&self) -> &[Vec<Token<'m>>] {
        &self.own
    }

    /// Its points, named under it.
    pub fn children(&self) -> &[Node<'m>] {
        &self.children
    }

    /// Its tokens and its points', kept for the redlines when the node is done with.
    pub fn into_tokens(self) -> BlockTokens<'m> {
        BlockTokens {
            own: self.own,
            points: (self.children.into_iter()).map(Node::into_tokens).collect(),
        }
    }

    fn side(&self) -> Side {
        Side {
            eid: self.eid.clone(),
            num: self.num.map(str::to_string),
        }
    }

    /// Every word of the block and its points, in order.
    fn all_words(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .own_tokens()
            .iter()
            .flat_map(|t| tokens::words(t))
            .collect();
        for child in self.children() {
            out.extend(child.all_words());
        }
        out
    }
}

/// The block of a node: its key hashes its tokens' hashes group by group, then its points'
/// keys (numbers aside); its bag holds the hashes of its words and of its points' words,
/// sorted. Each token is hashed once, and a point's block is made once, for the point and
/// for every block above it.
fn block_of(part: Part, own: &[Vec<Token<'_>>], children: &[Node<'_>]) -> Block {
    let mut hasher = tokens::Hashing::default();
    let words = own.iter().map(Vec::len).sum::<usize>();
    let below = children.iter().map(|c| c.block.bag.len()).sum::<usize>();
    let mut bag = Vec::with_capacity(words + below);
    for group in own {
        group.len().hash(&mut hasher);
        for t in group {
            let h = tokens::hash(t);
            h.hash(&mut hasher);
            if t.is_word() {
                bag.push(h);
            }
        }
    }
    for child in children {
        0xFEu8.hash(&mut hasher);
        child.block.key.hash(&mut hasher);
        bag.extend_from_slice(&child.block.bag);
    }
    0xFFu8.hash(&mut hasher);
    bag.sort_unstable();
    Block {
        kind: part as u8,
        key: hasher.finish(),
        bag,
    }
}

/// The citations of a motion.
pub fn citations(m: &Motion) -> Vec<Node<'_>> {
    (m.citations
        .iter()
        .zip(part_ids::citations(m.citations.len())))
    .map(|(c, eid)| {
        let named = (Part::Citation, eid, None, c.span.line);
        Node::new(named, &[&c.content], &[], Family::Preamble)
    })
    .collect()
}

/// The recitals of a motion.
pub fn recitals(m: &Motion) -> Vec<Node<'_>> {
    (m.recitals.iter().zip(part_ids::recitals(&m.recitals)))
        .map(|(r, eid)| {
            let named = (Part::Recital, eid, Some(r.num.text.as_str()), r.span.line);
            Node::new(named, &[&r.content], &r.points, Family::Preamble)
        })
        .collect()
}

/// The paragraphs and headings of a motion's body.
pub fn body(m: &Motion) -> Vec<Node<'_>> {
    (m.body.iter().zip(part_ids::body(&m.body)))
        .map(|(item, eid)| match item {
            BodyItem::Heading(h) => {
                let named = (Part::Heading, eid, None, h.text.span.line);
                let text = std::slice::from_ref(&h.text);
                Node::new(named, &[text], &[], Family::Body)
            }
            BodyItem::Paragraph(p) => {
                let named = (Part::Paragraph, eid, Some(p.num.text.as_str()), p.span.line);
                Node::new(named, &[&p.content, &p.wrap_up], &p.points, Family::Body)
            }
        })
        .collect()
}

/// The points of the block `parent`, named as the XML names them.
fn point_nodes<'m>(parent: &str, points: &'m [Point], family: Family) -> Vec<Node<'m>> {
    let eids: Vec<String> = match family {
        Family::Preamble => part_ids::items(&part_ids::block_list(parent), points),
        Family::Body => (part_ids::points(parent, points).into_iter())
            .map(|(_, eid)| eid)
            .collect(),
    };
    (points.iter().zip(eids))
        .map(|(p, eid)| {
            let named = (Part::Point, eid, Some(p.num.text.as_str()), p.span.line);
            Node::new(named, &[&p.content], &p.points, family)
        })
        .collect()
}

/// Aligns two sequences of blocks, adding their changes (and their points') to `changes` in
/// reading order.
pub fn sequence(
    old: &[Node<'_>],
    new: &[Node<'_>],
    changes: &mut Vec<Change>,
    work: &Work,
) -> Vec<Aligned> {
    let old_blocks: Vec<Block> = old.iter().map(|n| n.block.clone()).collect();
    let new_blocks: Vec<Block> = new.iter().map(|n| n.block.clone()).collect();
    let steps = align(&old_blocks, &new_blocks, work);
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        let mut points = Vec::new();
        match step {
            Step::Deleted(o) => changes.push(Change {
                kind: ChangeKind::Deleted,
                part: old[o].part,
                field: None,
                old: Some(old[o].side()),
                new: None,
                removed: old[o].all_words(),
                added: Vec::new(),
                line: Some(old[o].line),
            }),
            Step::Inserted(n) => changes.push(Change {
                kind: ChangeKind::Inserted,
                part: new[n].part,
                field: None,
                old: None,
                new: Some(new[n].side()),
                removed: Vec::new(),
                added: new[n].all_words(),
                line: Some(new[n].line),
            }),
            Step::MovedFrom(_) => {}
            Step::Both {
                old: o,
                new: n,
                how,
            } => {
                let (a, b) = (&old[o], &new[n]);
                // A pair matched as the same has the same key, so the same tokens: no diff.
                let (removed, added) = match how {
                    Pairing::Same => (Vec::new(), Vec::new()),
                    _ => own_diff(a, b),
                };
                let kind = match how {
                    Pairing::Moved => Some(ChangeKind::Moved),
                    Pairing::Same if a.num != b.num => Some(ChangeKind::Renumbered),
                    Pairing::Same => None,
                    _ if !removed.is_empty() || !added.is_empty() || texts_differ(a, b) => {
                        Some(ChangeKind::Changed)
                    }
                    _ if a.num != b.num => Some(ChangeKind::Renumbered),
                    _ => None,
                };
                if let Some(kind) = kind {
                    let moved = kind == ChangeKind::Moved;
                    changes.push(Change {
                        kind,
                        part: b.part,
                        field: None,
                        old: Some(a.side()),
                        new: Some(b.side()),
                        removed: if moved { Vec::new() } else { removed },
                        added: if moved { Vec::new() } else { added },
                        line: Some(b.line),
                    });
                }
                points = sequence(a.children(), b.children(), changes, work);
            }
        }
        out.push(Aligned { step, points });
    }
    out
}

/// The words removed from and added to a pair's own text.
fn own_diff(a: &Node<'_>, b: &Node<'_>) -> (Vec<String>, Vec<String>) {
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for (x, y) in a.own_tokens().iter().zip(b.own_tokens().iter()) {
        let (r, d) = diff_words(x, y);
        removed.extend(r);
        added.extend(d);
    }
    (removed, added)
}

/// Whether a pair's own text differs in anything but words (a paragraph break, a line break).
fn texts_differ(a: &Node<'_>, b: &Node<'_>) -> bool {
    a.own_tokens() != b.own_tokens()
}
