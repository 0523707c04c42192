//! Alignment of two sequences of blocks (recitals, paragraphs, points...) by content, not by
//! number: blocks whose words are the same are matched in order (the blocks found once in each
//! version anchor in their longest run in order, by patience sorting; between anchors a Myers
//! diff of the gap's hashes matches repeated blocks), the same block found elsewhere is a move,
//! and what is left between two anchors is paired by the similarity of its words, in order.
//!
//! The work is counted ([`Work`]): hash comparisons inside the diff, similarity computations
//! and cells of the pairing table. With edits scattered among anchors, the gaps stay small and the
//! work grows as n log n at most; a gap larger than [`TABLE_LIMIT`] cells is paired in order
//! instead of by the table, so no input makes it quadratic in the number of blocks.

use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::cell::Cell;
// Maps of block keys (themselves hashes) only looked up, never iterated: a fast hasher, as
// for the keys.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Blocks whose words are at least this similar (Dice's coefficient) are one block changed
/// rather than one deleted and another inserted.
pub const SIMILAR: f64 = 0.5;

/// The largest gap (old blocks times new blocks) paired by the table; larger ones are paired in
/// order.
pub const TABLE_LIMIT: usize = 4096;

/// A counter of the alignment's elementary steps.
#[derive(Debug, Default)]
pub struct Work(Cell<usize>);

impl Work {
    fn add(&self, n: usize) {
        self.0.set(self.0.get() + n);
    }

    /// The steps counted so far.
    pub fn get(&self) -> usize {
        self.0.get()
    }
}

/// What the alignment needs of a block.
#[derive(Debug, Clone)]
pub struct Block {
    /// A kind the block only pairs with (a heading never pairs with a paragraph).
    pub kind: u8,
    /// The hash of everything it says, numbers aside.
    pub key: u64,
    /// The sorted hashes of its words.
    pub bag: Vec<u64>,
}

/// How an old and a new block were found to be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// The same words, in the same order relative to the other anchors.
    Same,
    /// Similar words: changed in place.
    Similar,
    /// The same words, found elsewhere.
    Moved,
}

/// One step of the alignment, in reading order (deletions before insertions at the same place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Old block `old` is new block `new`.
    Both {
        /// Index in the old sequence.
        old: usize,
        /// Index in the new sequence.
        new: usize,
        /// How they were matched.
        how: Pairing,
    },
    /// Old block `old` is gone.
    Deleted(usize),
    /// New block `new` is new.
    Inserted(usize),
    /// Old block `old` was here before it moved (it appears again as [`Pairing::Moved`]).
    MovedFrom(usize),
}

/// How a redline shows a step: OLD's block alone (gone, or moved away from here), NEW's alone
/// (new, or moved here), or the two diffed word by word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// OLD's block, all of it struck.
    Old,
    /// NEW's block, all of it marked new.
    New,
    /// The pair, word by word.
    Both,
}

impl Step {
    /// The old and new indices of the step.
    pub fn indices(self) -> (Option<usize>, Option<usize>) {
        match self {
            Step::Both { old, new, .. } => (Some(old), Some(new)),
            Step::Deleted(o) | Step::MovedFrom(o) => (Some(o), None),
            Step::Inserted(n) => (None, Some(n)),
        }
    }

    /// How a redline shows it: a move as the block struck where it was and new where it is.
    pub fn shown(self) -> Shown {
        match self {
            Step::Deleted(_) | Step::MovedFrom(_) => Shown::Old,
            Step::Inserted(_)
            | Step::Both {
                how: Pairing::Moved,
                ..
            } => Shown::New,
            Step::Both { .. } => Shown::Both,
        }
    }
}

/// The key of a block inside a gap's diff: hashing is free, each comparison is counted.
struct Key<'w> {
    kind: u8,
    key: u64,
    work: &'w Work,
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.work.add(1);
        self.key == other.key && self.kind == other.kind
    }
}

impl Eq for Key<'_> {}

impl PartialOrd for Key<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.work.add(1);
        (self.key, self.kind).cmp(&(other.key, other.kind))
    }
}

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// Aligns `old` with `new`.
pub fn align(old: &[Block], new: &[Block], work: &Work) -> Vec<Step> {
    // Only blocks whose words the other side has too can anchor: the diff runs on those alone,
    // so blocks rewritten or new cost it nothing (a Myers diff of sequences with nothing in
    // common would take quadratic time).
    let key = |b: &Block| (b.kind, b.key);
    let in_old: HashSet<(u8, u64)> = old.iter().map(key).collect();
    let in_new: HashSet<(u8, u64)> = new.iter().map(key).collect();
    work.add(2 * (old.len() + new.len()));
    let old_shared: Vec<usize> = (0..old.len())
        .filter(|&i| in_new.contains(&key(&old[i])))
        .collect();
    let new_shared: Vec<usize> = (0..new.len())
        .filter(|&i| in_old.contains(&key(&new[i])))
        .collect();
    // Anchors: the longest run in order of blocks found once on each side (patience sorting,
    // n log n); between two anchors, blocks repeated on a side are matched by a diff of that gap
    // alone.
    let anchors = unique_anchors(old, new, &old_shared, &new_shared, work);
    let mut segments: Vec<Segment> = Vec::new();
    let (mut o, mut n) = (0, 0);
    for (a, b) in anchors.into_iter().chain([(old.len(), new.len())]) {
        if a > o || b > n {
            gap_matches(old, new, o..a, n..b, work, &mut segments);
        }
        if a < old.len() {
            segments.push(Segment::Equal(a, b, 1));
        }
        (o, n) = (a + 1, b + 1);
    }
    let moved = moves(old, new, &segments, work);
    let mut steps = Vec::with_capacity(old.len().max(new.len()));
    for segment in segments {
        match segment {
            Segment::Equal(o, n, len) => steps.extend((0..len).map(|k| Step::Both {
                old: o + k,
                new: n + k,
                how: Pairing::Same,
            })),
            Segment::Gap(olds, news) => {
                let left: Vec<usize> = (olds.clone())
                    .filter(|o| !moved.from.contains_key(o))
                    .collect();
                let arrived: Vec<usize> = (news.clone())
                    .filter(|n| !moved.to.contains_key(n))
                    .collect();
                let pairs = pair(old, new, &left, &arrived, work);
                gap_steps(olds, news, &pairs, &moved, &mut steps);
            }
        }
    }
    steps
}

/// The pairs of blocks whose key occurs exactly once on each side, longest in order: the
/// longest increasing subsequence of their new positions taken in old order.
fn unique_anchors(
    old: &[Block],
    new: &[Block],
    old_shared: &[usize],
    new_shared: &[usize],
    work: &Work,
) -> Vec<(usize, usize)> {
    let key = |b: &Block| (b.kind, b.key);
    let mut count: HashMap<(u8, u64), (usize, usize, usize)> = HashMap::default();
    for &i in old_shared {
        let e = count.entry(key(&old[i])).or_insert((0, 0, 0));
        e.0 += 1;
        e.2 = i;
    }
    let mut new_at: HashMap<(u8, u64), usize> = HashMap::default();
    for &j in new_shared {
        count.entry(key(&new[j])).or_insert((0, 0, 0)).1 += 1;
        new_at.insert(key(&new[j]), j);
    }
    work.add(old_shared.len() + new_shared.len());
    let pairs: Vec<(usize, usize)> = (old_shared.iter())
        .filter(|&&i| count[&key(&old[i])].0 == 1 && count[&key(&old[i])].1 == 1)
        .map(|&i| (i, new_at[&key(&old[i])]))
        .collect();
    // Patience sorting: tails[k] is the pair ending the best run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(_, j)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].1 < j);
        work.add(usize::BITS as usize - pairs.len().leading_zeros() as usize + 1);
        before[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        run.push(pairs[p]);
        at = before[p];
    }
    run.reverse();
    run
}

/// The segments of a gap between two anchors: blocks equal in order (by a diff of the gap's
/// keys, which only blocks repeated on a side can still match) and the gaps between them.
fn gap_matches(
    old: &[Block],
    new: &[Block],
    olds: Range<usize>,
    news: Range<usize>,
    work: &Work,
    segments: &mut Vec<Segment>,
) {
    let keys = |blocks: &[Block], range: Range<usize>| -> Vec<Key<'_>> {
        (blocks[range].iter())
            .map(|b| Key {
                kind: b.kind,
                key: b.key,
                work,
            })
            .collect()
    };
    let (o0, n0) = (olds.start, news.start);
    let on_old: HashSet<(u8, u64)> = old[olds.clone()].iter().map(|b| (b.kind, b.key)).collect();
    work.add(olds.len() + news.len());
    if !new[news.clone()]
        .iter()
        .any(|b| on_old.contains(&(b.kind, b.key)))
    {
        segments.push(Segment::Gap(olds, news));
        return;
    }
    let ops = capture_diff_slices(
        Algorithm::Myers,
        &keys(old, olds.clone()),
        &keys(new, news.clone()),
    );
    let (mut o, mut n) = (o0, n0);
    for op in &ops {
        let (tag, a, b) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            continue;
        }
        if o0 + a.start > o || n0 + b.start > n {
            segments.push(Segment::Gap(o..o0 + a.start, n..n0 + b.start));
        }
        segments.push(Segment::Equal(o0 + a.start, n0 + b.start, a.len()));
        (o, n) = (o0 + a.end, n0 + b.end);
    }
    if o < olds.end || n < news.end {
        segments.push(Segment::Gap(o..olds.end, n..news.end));
    }
}

enum Segment {
    Equal(usize, usize, usize),
    Gap(Range<usize>, Range<usize>),
}

/// The blocks of the gaps found again elsewhere: old index to new and back.
#[derive(Default)]
struct Moves {
    from: HashMap<usize, usize>,
    to: HashMap<usize, usize>,
}

/// Each new block of a gap whose words are those of an old block of a gap (the first such not
/// yet taken) is that block moved.
fn moves(old: &[Block], new: &[Block], segments: &[Segment], work: &Work) -> Moves {
    let mut waiting: HashMap<(u8, u64), std::collections::VecDeque<usize>> = HashMap::default();
    for segment in segments {
        if let Segment::Gap(olds, _) = segment {
            for o in olds.clone() {
                work.add(1);
                waiting
                    .entry((old[o].kind, old[o].key))
                    .or_default()
                    .push_back(o);
            }
        }
    }
    let mut moved = Moves::default();
    for segment in segments {
        if let Segment::Gap(_, news) = segment {
            for n in news.clone() {
                work.add(1);
                if let Some(o) = waiting
                    .get_mut(&(new[n].kind, new[n].key))
                    .and_then(|q| q.pop_front())
                {
                    moved.from.insert(o, n);
                    moved.to.insert(n, o);
                }
            }
        }
    }
    moved
}

/// Dice's coefficient of two sorted bags of word hashes: 1 for two empty blocks.
pub fn similarity(a: &[u64], b: &[u64], work: &Work) -> f64 {
    work.add(a.len() + b.len() + 1);
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Pairs the old blocks `olds` of a gap with its new blocks `news`, in order, by similarity:
/// the pairing of greatest total similarity (a table, as for the longest common subsequence)
/// when the gap is small, else in order, one for one, where similar enough.
fn pair(
    old: &[Block],
    new: &[Block],
    olds: &[usize],
    news: &[usize],
    work: &Work,
) -> Vec<(usize, usize)> {
    let sim = |o: usize, n: usize| -> f64 {
        if old[o].kind != new[n].kind {
            return 0.0;
        }
        similarity(&old[o].bag, &new[n].bag, work)
    };
    if olds.is_empty() || news.is_empty() {
        return Vec::new();
    }
    if olds.len() * news.len() > TABLE_LIMIT {
        return (olds.iter().zip(news))
            .filter(|(o, n)| sim(**o, **n) >= SIMILAR)
            .map(|(o, n)| (*o, *n))
            .collect();
    }
    let (a, b) = (olds.len(), news.len());
    work.add(a * b);
    // best[i][j]: the best total over olds[i..] and news[j..].
    let mut best = vec![0.0f64; (a + 1) * (b + 1)];
    let at = |i: usize, j: usize| i * (b + 1) + j;
    let mut scores = vec![0.0f64; a * b];
    for i in (0..a).rev() {
        for j in (0..b).rev() {
            let s = sim(olds[i], news[j]);
            scores[i * b + j] = s;
            let take = if s >= SIMILAR {
                s + best[at(i + 1, j + 1)]
            } else {
                f64::MIN
            };
            best[at(i, j)] = take.max(best[at(i + 1, j)]).max(best[at(i, j + 1)]);
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < a && j < b {
        let s = scores[i * b + j];
        if s >= SIMILAR && best[at(i, j)] == s + best[at(i + 1, j + 1)] {
            pairs.push((olds[i], news[j]));
            i += 1;
            j += 1;
        } else if best[at(i, j)] == best[at(i + 1, j)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The steps of one gap: before each pair, the old blocks before it (deleted, or moved away)
/// and the new ones before it (inserted, or moved here); then the pair; then what is left.
fn gap_steps(
    olds: Range<usize>,
    news: Range<usize>,
    pairs: &[(usize, usize)],
    moved: &Moves,
    steps: &mut Vec<Step>,
) {
    let (mut o, mut n) = (olds.start, news.start);
    let ends = pairs.iter().copied().chain([(olds.end, news.end)]);
    for (po, pn) in ends {
        steps.extend((o..po).map(|o| match moved.from.contains_key(&o) {
            true => Step::MovedFrom(o),
            false => Step::Deleted(o),
        }));
        steps.extend((n..pn).map(|n| match moved.to.get(&n) {
            Some(&o) => Step::Both {
                old: o,
                new: n,
                how: Pairing::Moved,
            },
            None => Step::Inserted(n),
        }));
        if po < olds.end {
            steps.push(Step::Both {
                old: po,
                new: pn,
                how: Pairing::Similar,
            });
        }
        (o, n) = (po + 1, pn + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(words: &[&str]) -> Vec<Block> {
        (words.iter())
            .map(|w| {
                let tokens: Vec<u64> = w
                    .split(' ')
                    .map(|t| t.len() as u64 * 1000 + t.bytes().map(u64::from).sum::<u64>())
                    .collect();
                let mut bag = tokens.clone();
                bag.sort_unstable();
                let mut h = std::collections::hash_map::DefaultHasher::new();
                w.hash(&mut h);
                Block {
                    kind: 0,
                    key: h.finish(),
                    bag,
                }
            })
            .collect()
    }

    #[test]
    fn deletions_insertions_moves_and_changes() {
        let old = blocks(&["a b c", "d e f", "g h i", "j k l", "m n o", "p q r"]);
        let new = blocks(&[
            "a b c",
            "g h i",
            "j k x",
            "new one here",
            "m n o",
            "d e f",
            "p q r",
        ]);
        let work = Work::default();
        let steps = align(&old, &new, &work);
        use Pairing::*;
        use Step::*;
        assert_eq!(
            steps,
            [
                Both {
                    old: 0,
                    new: 0,
                    how: Same
                },
                MovedFrom(1),
                Both {
                    old: 2,
                    new: 1,
                    how: Same
                },
                Both {
                    old: 3,
                    new: 2,
                    how: Similar
                },
                Inserted(3),
                Both {
                    old: 4,
                    new: 4,
                    how: Same
                },
                Both {
                    old: 1,
                    new: 5,
                    how: Moved
                },
                Both {
                    old: 5,
                    new: 6,
                    how: Same
                },
            ]
        );
        assert!(work.get() > 0);
    }
}
