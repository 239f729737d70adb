//! Extraction throughput: `cargo bench --bench extract` prints MB/s on a corpus built from the
//! seed and test articles (about 32 MB), plus one 50 MB single-line input. For a profiler
//! (`valgrind --tool=callgrind`, whose instruction counts do not depend on the machine's load),
//! EXTRACT_BENCH_MB=1 shrinks the corpus and EXTRACT_BENCH_ARTICLES_ONLY=1 skips the long line;
//! EXTRACT_BENCH_FILE=PATH measures one text file alone (a hostile shape's text).

use std::time::Instant;

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut base = String::new();
    for sub in ["seeds", "tests/gold/articles"] {
        for text in claimtrack::corpus::read_articles(&dir.join(sub)).unwrap() {
            base.push_str(&text);
            base.push('\n');
        }
    }
    base
}

/// CPU time this thread has run, in seconds (Linux: /proc/thread-self/schedstat), so the figure
/// holds on a machine shared with other work, where wall time counts the waits too.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn measure(name: &str, articles: &[String]) {
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut claims = 0;
    for _ in 0..3 {
        let cpu = thread_cpu_seconds();
        let t = Instant::now();
        claims = articles
            .iter()
            .map(|a| claimtrack::extract::extract(a).claims.len())
            .sum::<usize>();
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let mb = bytes as f64 / 1e6;
    let cpu = if best_cpu < f64::MAX {
        format!(", {:.1} MB per CPU-second", mb / best_cpu)
    } else {
        String::new()
    };
    println!(
        "{name}: {mb:.1} MB in {best:.3} s = {:.1} MB/s{cpu} ({claims} claims)",
        mb / best
    );
}

fn main() {
    // EXTRACT_BENCH_FILE=PATH measures that text alone (a hostile shape's text, to profile).
    if let Some(path) = std::env::var_os("EXTRACT_BENCH_FILE") {
        let text = std::fs::read_to_string(&path).expect("EXTRACT_BENCH_FILE is a UTF-8 text");
        measure(&path.to_string_lossy(), &[text]);
        return;
    }
    let base = corpus();
    // EXTRACT_BENCH_MB shrinks the corpus for a profiler run (callgrind), default 32 / 50 MB.
    let scale: f64 = std::env::var("EXTRACT_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(1.0, |mb: f64| mb / 32.0);
    // Articles of realistic size, many of them.
    let articles: Vec<String> = std::iter::repeat_n(
        base.clone(),
        ((32_000_000.0 * scale) as usize / base.len()).max(1),
    )
    .flat_map(|b| b.split("\n\n").map(str::to_string).collect::<Vec<_>>())
    .collect();
    measure("articles", &articles);
    // EXTRACT_BENCH_ARTICLES_ONLY=1 profiles the headline figure alone.
    if std::env::var_os("EXTRACT_BENCH_ARTICLES_ONLY").is_some() {
        return;
    }
    let one_line: String = base
        .replace('\n', " ")
        .repeat((50_000_000.0 * scale) as usize / base.len() + 1)
        + " The ministry said so.";
    measure("single 50 MB line", &[one_line]);
}
