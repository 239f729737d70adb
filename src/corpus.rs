//! Synthetic corpora for benchmarks and fault tests: the seed articles' paragraphs
//! shuffled and recombined into as many articles as asked, deterministically (the
//! same seed number always gives the same bytes), so anyone can rerun a benchmark
//! on exactly the corpus it was measured on.
//!
//! Not used by the claimtrack commands themselves.

use std::fs;
use std::io;
use std::path::Path;

/// A small, fast, deterministic generator (SplitMix64): no dependency, same
/// sequence on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// The raw material: the seeds' titles (first lines) and their other paragraphs.
#[derive(Debug, Clone, Default)]
pub struct SeedPool {
    pub titles: Vec<String>,
    pub paragraphs: Vec<String>,
}

impl SeedPool {
    /// Splits article texts into titles and paragraphs (non-blank lines).
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> SeedPool {
        let mut pool = SeedPool::default();
        for text in texts {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            if let Some(title) = lines.next() {
                pool.titles.push(title.to_string());
            }
            pool.paragraphs.extend(lines.map(str::to_string));
        }
        pool
    }

    /// Reads every `.txt` and `.md` file directly in `dir` (the repository's `seeds/`).
    pub fn from_dir(dir: &Path) -> io::Result<SeedPool> {
        let texts = read_articles(dir)?;
        Ok(SeedPool::from_texts(texts.iter().map(String::as_str)))
    }

    /// Article number `index` of the corpus drawn with `rng`: a seed title made
    /// unique by the number, then 20 to 79 paragraphs picked at random.
    pub fn article(&self, index: usize, rng: &mut SplitMix64) -> String {
        let mut text = String::new();
        if !self.titles.is_empty() {
            let title = &self.titles[rng.below(self.titles.len())];
            text.push_str(&format!("{title} (update {index})\n"));
        }
        if !self.paragraphs.is_empty() {
            for _ in 0..20 + rng.below(60) {
                text.push_str(&self.paragraphs[rng.below(self.paragraphs.len())]);
                text.push('\n');
            }
        }
        text
    }

    /// Articles totalling at least `target_bytes`, in order.
    pub fn articles(&self, target_bytes: usize, seed: u64) -> impl Iterator<Item = String> + '_ {
        let mut rng = SplitMix64::new(seed);
        let mut written = 0;
        let mut index = 0;
        std::iter::from_fn(move || {
            if written >= target_bytes || (self.titles.is_empty() && self.paragraphs.is_empty()) {
                return None;
            }
            let article = self.article(index, &mut rng);
            written += article.len();
            index += 1;
            Some(article)
        })
    }
}

/// What `write_corpus` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusSize {
    pub files: usize,
    pub bytes: usize,
}

/// Writes the corpus into `dir` as `article-NNNNNN.txt`, 1,000 a sub-directory.
pub fn write_corpus(
    dir: &Path,
    pool: &SeedPool,
    target_bytes: usize,
    seed: u64,
) -> io::Result<CorpusSize> {
    let mut size = CorpusSize { files: 0, bytes: 0 };
    for (index, article) in pool.articles(target_bytes, seed).enumerate() {
        let sub = dir.join(format!("{:03}", index / 1000));
        if index % 1000 == 0 {
            fs::create_dir_all(&sub)?;
        }
        fs::write(sub.join(format!("article-{index:06}.txt")), &article)?;
        size.files += 1;
        size.bytes += article.len();
    }
    Ok(size)
}

/// The texts of the article files (`.txt`, `.md`) directly in `dir`, in file-name order.
pub fn read_articles(dir: &Path) -> io::Result<Vec<String>> {
    let mut paths: Vec<_> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    paths.retain(|p| crate::ingest::source::is_article_file(p));
    paths.sort();
    paths.iter().map(fs::read_to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> SeedPool {
        SeedPool::from_texts(["Title one\nA said b.\n\nC.\n", "Title two\nD said e.\n"])
    }

    #[test]
    fn pool_splits_titles_from_paragraphs() {
        let pool = pool();
        assert_eq!(pool.titles, ["Title one", "Title two"]);
        assert_eq!(pool.paragraphs, ["A said b.", "C.", "D said e."]);
    }

    #[test]
    fn corpora_are_deterministic_and_reach_their_size() {
        let pool = pool();
        let a: Vec<String> = pool.articles(10_000, 7).collect();
        let b: Vec<String> = pool.articles(10_000, 7).collect();
        let c: Vec<String> = pool.articles(10_000, 8).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
        let total: usize = a.iter().map(String::len).sum();
        assert!(total >= 10_000);
        let unique: std::collections::HashSet<&String> = a.iter().collect();
        assert_eq!(unique.len(), a.len(), "every article is distinct content");
    }
}
