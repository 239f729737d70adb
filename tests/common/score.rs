//! A faithful Rust port of `shared/eval/score.py`, so CI needs no Python.
//!
//! Same normalisation (NFKC approximated for the compatibility characters news text carries:
//! no-break and typographic spaces, the ellipsis "…", ligatures, full-width ASCII; then curly
//! quotes and dashes folded, whitespace collapsed, lower case), same matching (key substring or
//! 80% word overlap with a row's `sentence`), same candidate choice (right speaker first, then the
//! shortest), optional rows absorbing leftovers, the same speaker rule and flag F1 with `null` gold
//! meaning either answer is right.

use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The figures score.py prints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub missed: usize,
    pub extra: usize,
    pub precision: f64,
    pub recall: f64,
    pub claim_f1: f64,
    pub speaker: f64,
    pub flag_tp: usize,
    pub flag_fp: usize,
    pub flag_fn: usize,
    pub flag_f1: f64,
}

/// The `--verbose` lines, for diagnosing a failing figure.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub lines: Vec<String>,
}

fn nfkc_lite(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2026}' => out.push_str("..."),
            '\u{2011}' => out.push('\u{2010}'),
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            _ => out.push(c),
        }
    }
    out
}

/// score.py's `norm`.
pub fn norm(text: &str) -> String {
    let t = nfkc_lite(text);
    let t: String = t
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_tok_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\'' || c == '-'
}

/// `re.findall(r"[\w'-]+", s)` on an already normalised string.
fn findall(s: &str) -> Vec<String> {
    s.split(|c: char| !is_tok_char(c))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// score.py's `tokens`: words of the normalised text without leading articles.
pub fn tokens(text: &str) -> Vec<String> {
    let mut t = findall(&norm(text));
    let skip = t
        .iter()
        .take_while(|w| matches!(w.as_str(), "the" | "a" | "an"))
        .count();
    t.drain(..skip);
    t
}

fn contains(big: &[String], small: &[String]) -> bool {
    let n = small.len();
    n > 0 && big.len() >= n && (0..=big.len() - n).any(|i| big[i..i + n] == *small)
}

fn speaker_str_ok(value: Option<&str>, acceptable: &[String]) -> bool {
    let p = tokens(value.unwrap_or(""));
    if acceptable.is_empty() {
        return p.is_empty();
    }
    acceptable.iter().any(|s| {
        let g = tokens(s);
        p == g || contains(&p, &g) || (contains(&g, &p) && p.join(" ").chars().count() >= 2)
    })
}

fn as_str(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// score.py's `speaker_ok` for a prediction object.
pub fn speaker_ok(pred: &Value, acceptable: &[String]) -> bool {
    let any = ["speaker", "speaker_resolved"]
        .iter()
        .filter(|k| pred.get(**k).is_some())
        .any(|k| speaker_str_ok(as_str(pred.get(*k)), acceptable));
    any || (acceptable.is_empty() && !truthy(pred.get("speaker")))
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

fn article_of(row: &Value) -> String {
    let pick = |k: &str| row.get(k).filter(|v| truthy(Some(v)));
    let src = pick("source").or_else(|| pick("article"));
    let s = match src {
        Some(Value::Object(o)) => {
            let inner = ["source", "path", "name"]
                .iter()
                .find_map(|k| o.get(*k).filter(|v| truthy(Some(v))));
            match inner {
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => String::new(),
            }
        }
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    s.rsplit('/').next().unwrap_or("").to_string()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Scores `preds` (claim objects) against `gold` rows, as score.py does.
pub fn score(gold: &[Value], preds: &[Value]) -> (Scores, Report) {
    let articles: HashSet<String> = gold
        .iter()
        .filter_map(|g| as_str(g.get("article")).map(str::to_string))
        .collect();
    let preds: Vec<&Value> = preds
        .iter()
        .filter(|p| articles.contains(&article_of(p)))
        .collect();
    let pn: Vec<String> = preds
        .iter()
        .map(|p| {
            norm(
                as_str(p.get("text"))
                    .filter(|s| !s.is_empty())
                    .or(as_str(p.get("claim")))
                    .unwrap_or(""),
            )
        })
        .collect();
    let pt: Vec<Vec<String>> = pn.iter().map(|n| findall(n)).collect();
    let part: Vec<String> = preds.iter().map(|p| article_of(p)).collect();
    let speakers = |g: &Value| -> Vec<String> {
        g.get("speakers")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let overlaps = |g: &Value, i: usize| -> bool {
        let sent = findall(&norm(as_str(g.get("sentence")).unwrap_or("")));
        if sent.is_empty() || pt[i].len() > 2 * sent.len() {
            return false;
        }
        let mut have: HashMap<&str, usize> = HashMap::new();
        for t in &pt[i] {
            *have.entry(t.as_str()).or_default() += 1;
        }
        let mut kept = 0usize;
        for t in &sent {
            if let Some(n) = have.get_mut(t.as_str())
                && *n > 0
            {
                *n -= 1;
                kept += 1;
            }
        }
        kept as f64 >= 0.8 * sent.len() as f64
    };
    let optional = |g: &Value| truthy(g.get("optional"));
    let mut order: Vec<&Value> = gold.iter().collect();
    order.sort_by_key(|g| optional(g));
    let mut used: HashSet<usize> = HashSet::new();
    let mut matches: Vec<(&Value, Option<usize>)> = Vec::new();
    for g in order {
        let key = norm(as_str(g.get("key")).unwrap_or(""));
        let art = as_str(g.get("article")).unwrap_or("");
        let acc = speakers(g);
        let best = (0..preds.len())
            .filter(|&i| {
                !used.contains(&i) && part[i] == art && (pn[i].contains(&key) || overlaps(g, i))
            })
            .min_by_key(|&i| (!speaker_ok(preds[i], &acc), pn[i].chars().count()));
        if let Some(i) = best {
            used.insert(i);
        }
        matches.push((g, best));
    }
    let req: Vec<&(&Value, Option<usize>)> = matches.iter().filter(|(g, _)| !optional(g)).collect();
    let tp = req.iter().filter(|(_, p)| p.is_some()).count();
    let fn_ = req.len() - tp;
    let fp = preds.len() - used.len();
    let prec = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let rec = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let hit: Vec<(&Value, usize)> = req.iter().filter_map(|(g, p)| p.map(|i| (*g, i))).collect();
    let spk = hit
        .iter()
        .filter(|(g, i)| speaker_ok(preds[*i], &speakers(g)))
        .count();
    let spk_acc = if hit.is_empty() {
        0.0
    } else {
        spk as f64 / hit.len() as f64
    };
    let (mut ftp, mut ffp, mut ffn) = (0, 0, 0);
    let flagged = |p: &Value| truthy(p.get("flag")) || truthy(p.get("flagged"));
    for (g, i) in &hit {
        let Some(gf) = g.get("flagged").and_then(Value::as_bool) else {
            continue;
        };
        let pf = flagged(preds[*i]);
        ftp += usize::from(pf && gf);
        ffp += usize::from(pf && !gf);
        ffn += usize::from(!pf && gf);
    }
    let fprec = if ftp + ffp > 0 {
        ftp as f64 / (ftp + ffp) as f64
    } else {
        0.0
    };
    let frec = if ftp + ffn > 0 {
        ftp as f64 / (ftp + ffn) as f64
    } else {
        0.0
    };
    let mut report = Report::default();
    for (g, p) in &req {
        let art = as_str(g.get("article")).unwrap_or("");
        let key = as_str(g.get("key")).unwrap_or("");
        match p {
            None => report.lines.push(format!("MISSED  [{art}] {key}")),
            Some(i) if !speaker_ok(preds[*i], &speakers(g)) => report.lines.push(format!(
                "SPEAKER [{art}] {key:?}: got {:?}, want {:?}",
                preds[*i].get("speaker"),
                speakers(g)
            )),
            _ => {}
        }
    }
    for (g, i) in &hit {
        if let Some(gf) = g.get("flagged").and_then(Value::as_bool)
            && flagged(preds[*i]) != gf
        {
            let key = as_str(g.get("key")).unwrap_or("");
            report.lines.push(format!(
                "FLAG    [{}] {key:?}: got {:?}, want flagged={gf}",
                as_str(g.get("article")).unwrap_or(""),
                preds[*i].get("flag")
            ));
        }
    }
    for (i, p) in preds.iter().enumerate() {
        if !used.contains(&i) {
            let t: String = as_str(p.get("text"))
                .unwrap_or("")
                .chars()
                .take(140)
                .collect();
            report.lines.push(format!("EXTRA   [{}] {t}", part[i]));
        }
    }
    let scores = Scores {
        gold: req.len(),
        predicted: preds.len(),
        matched: tp,
        missed: fn_,
        extra: fp,
        precision: prec,
        recall: rec,
        claim_f1: f1(prec, rec),
        speaker: spk_acc,
        flag_tp: ftp,
        flag_fp: ffp,
        flag_fn: ffn,
        flag_f1: f1(fprec, frec),
    };
    (scores, report)
}

/// Reads a gold JSONL file.
pub fn load_gold(path: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold row"))
        .collect()
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "gold claims {}, predicted {}, matched {}, missed {}, extra {}",
            self.gold, self.predicted, self.matched, self.missed, self.extra
        )?;
        writeln!(
            f,
            "flag: tp {} fp {} fn {}",
            self.flag_tp, self.flag_fp, self.flag_fn
        )?;
        write!(
            f,
            "claim F1 {:.3} (P {:.3} R {:.3}) speaker {:.3} flag F1 {:.3}",
            self.claim_f1, self.precision, self.recall, self.speaker, self.flag_f1
        )
    }
}
