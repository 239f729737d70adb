//! Reports end to end: a register with known, hostile content is built through the
//! library (so it does not depend on what the extractor finds), then the real
//! binary exports it in every format and each output is parsed back and checked
//! against the JSON export of the same register.

use crate::common::Env;
use claimtrack::extract::{ExtractedClaim, Extraction};
use claimtrack::ingest::source::sha256_hex;
use claimtrack::model::Status;
use claimtrack::store::{ClaimFilter, IngestOutcome, NewArticle, Store};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One claim of a fixture article.
#[derive(Clone, Copy)]
struct Fx {
    text: &'static str,
    speaker: Option<&'static str>,
    resolved: Option<&'static str>,
    outlet: Option<&'static str>,
    flag: Option<&'static str>,
}

const fn fx(text: &'static str) -> Fx {
    Fx {
        text,
        speaker: None,
        resolved: None,
        outlet: None,
        flag: None,
    }
}

const HOSTILE: &str = "<script>alert(1)</script> & | pipe \\ backslash *em* _u_ [l](http://x) `c` # h ~~s~~ $x$ &amp; <!-- c -->";
const QUOTED: &str = "He said \"yes, no\", then\nleft; later, \"maybe\".";
const SHARED: &str = "The port was hit by three drones on Tuesday night.";
const SOURCE_A: &str = "https://news.example/live/day-3";
const SOURCE_B: &str = "wire/reuters-briefing.txt";
const TITLE_A: &str = "Live: *day* 3 | <b>bold</b> & more";

fn article_a() -> Vec<Fx> {
    vec![
        Fx {
            speaker: Some("Robert Wood, US envoy to the UN"),
            flag: Some("reportedly"),
            ..fx(QUOTED)
        },
        Fx {
            speaker: Some("the Pentagon"),
            outlet: Some("=CNN"),
            ..fx("=HYPERLINK(\"http://evil.example\",\"click\")")
        },
        Fx {
            speaker: Some("she"),
            resolved: Some("Maria Zakharova"),
            ..fx("+1 more battalion crossed the border.")
        },
        Fx {
            outlet: Some("Reuters"),
            flag: Some("could not be independently verified"),
            ..fx("-2 percent is what the ministry says growth was.")
        },
        Fx {
            speaker: Some("the Pentagon"),
            ..fx("@SUM(A1:A9) is a cell, not a claim.")
        },
        Fx {
            speaker: Some("Kremlin spokesman Dmitry Peskov"),
            ..fx("\tTabbed start of a claim.")
        },
        Fx {
            speaker: Some("Kremlin spokesman Dmitry Peskov"),
            ..fx("\rCarriage return start, and a\r\nCRLF inside.")
        },
        Fx {
            speaker: Some("<i>Bob</i> | A"),
            outlet: Some("A|B"),
            flag: Some("<u>unconfirmed</u>"),
            ..fx(HOSTILE)
        },
        Fx {
            speaker: Some("the Pentagon"),
            ..fx("- looks like a list item")
        },
        fx("1. looks like a numbered item"),
        Fx {
            speaker: Some("Ukraine's military"),
            ..fx(SHARED)
        },
    ]
}

fn article_b() -> Vec<Fx> {
    vec![
        Fx {
            speaker: Some("Ukraine's military"),
            outlet: Some("Reuters"),
            ..fx(SHARED)
        },
        Fx {
            speaker: Some("Maria Zakharova, Russian foreign ministry spokeswoman"),
            flag: Some("reportedly"),
            ..fx("Moscow reportedly offered talks.")
        },
        fx("# Not a heading, a claim."),
    ]
}

/// Stores one article with exactly these claims, one a line after the title.
fn store_article(store: &mut Store, source: &str, title: &str, claims: &[Fx]) -> Vec<i64> {
    let mut content = format!("{title}\n");
    let mut extracted = Vec::new();
    for c in claims {
        let start = content.len();
        content.push_str(c.text);
        extracted.push(ExtractedClaim {
            text: c.text.to_string(),
            start,
            end: content.len(),
            speaker: c.speaker.map(String::from),
            speaker_resolved: c.resolved.map(String::from),
            outlet: c.outlet.map(String::from),
            cue: c.speaker.map(|_| "said".to_string()),
            flag: c.flag.map(String::from),
            flag_evidence: c.flag.map(|_| c.text.to_string()),
        });
        content.push('\n');
    }
    let sha = sha256_hex(content.as_bytes());
    let outcome = store
        .ingest(
            &NewArticle {
                source,
                sha256: &sha,
                content: &content,
                ..Default::default()
            },
            &Extraction {
                title: Some(title.to_string()),
                claims: extracted,
                headings: Vec::new(),
            }
            .into(),
        )
        .unwrap();
    let IngestOutcome::Added { article_id, .. } = outcome else {
        panic!("{source} was not added: {outcome:?}");
    };
    let filter = ClaimFilter {
        article: Some(article_id),
        ..ClaimFilter::default()
    };
    let mut rows = store.claims(&filter).unwrap();
    rows.sort_by_key(|c| c.position);
    rows.into_iter().map(|c| c.id).collect()
}

/// The register every test starts from: two articles, a claim shared between
/// them, verdicts and notes by three reviewers.
struct Register {
    env: Env,
    a: Vec<i64>,
    b: Vec<i64>,
}

const NOTE_HOSTILE: &str = "MoD figures | say <script>x</script>\notherwise";

fn register(env: Env) -> Register {
    let mut store = Store::create_or_open(&env.location()).unwrap();
    let a = store_article(&mut store, SOURCE_A, TITLE_A, &article_a());
    let b = store_article(&mut store, SOURCE_B, "Briefing # 4", &article_b());
    let alice = "alice";
    store
        .mark(&[a[0], a[1]], &st("false"), Some(NOTE_HOSTILE), alice)
        .unwrap();
    store
        .mark(&[a[2]], &st("verified"), Some("confirmed twice"), "bob")
        .unwrap();
    store.mark(&[a[3]], &st("misleading"), None, "bob").unwrap();
    store
        .mark(&[a[10]], &st("in-progress"), None, alice)
        .unwrap();
    store
        .mark(
            &[a[10]],
            &st("inconclusive"),
            Some("no second source"),
            alice,
        )
        .unwrap();
    // Every verdict is published, each with an explanation of its own; a[2]'s
    // with a summary. The note on a[10] comes after: a working note, never the
    // published explanation.
    for id in [a[0], a[1], a[2], a[3], a[10]] {
        let summary = (id == a[2]).then_some("Zakharova's denial, in short");
        store
            .publish(id, &format!("published explanation {id}"), summary, "alice")
            .unwrap();
    }
    store.note(a[10], "asked the ministry", "carol").unwrap();
    store
        .mark(&[a[7]], &st("in-progress"), None, "carol")
        .unwrap();
    store
        .mark(&[b[1]], &st("false"), Some("denied by Moscow"), "bob")
        .unwrap();
    store
        .publish(
            b[1],
            &format!("published explanation {}", b[1]),
            None,
            "bob",
        )
        .unwrap();
    drop(store);
    Register { env, a, b }
}

fn st(name: &str) -> Status {
    name.parse().unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn by_id(rows: &[Value]) -> HashMap<i64, &Value> {
    rows.iter()
        .map(|r| (r["id"].as_i64().unwrap(), r))
        .collect()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// OWASP's CSV-injection rule, restated independently of the implementation.
fn neutralised(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn csv_round_trips_hostile_cells_with_formulas_neutralised(env: Env) {
    let r = register(env);
    let json = r.env.export_json(&[]);
    let out = r.env.path("claims.csv");
    r.env.run_ok(&["export", "--format", "csv", "-o", s(&out)]);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), json.len());
    let rows = by_id(&json);
    let mut formula_cells = 0;
    for record in &records {
        assert_eq!(record.len(), header.len(), "{record:?}");
        let row = rows[&record[col("id")].parse::<i64>().unwrap()];
        for field in ["text", "speaker", "outlet", "flag", "latest_note", "title"] {
            let original = text(&row[field]);
            formula_cells += usize::from(neutralised(original) != original);
            assert_eq!(record[col(field)], neutralised(original), "{field}");
        }
        assert_eq!(&record[col("status")], text(&row["status"]));
    }
    // Every prefix is exercised: = + - @ tab CR (in texts and the outlet "=CNN").
    assert!(formula_cells >= 7, "{formula_cells}");
    let texts: Vec<&str> = records.iter().map(|r| &r[col("text")]).collect();
    for expected in [
        "'=HYPERLINK(\"http://evil.example\",\"click\")",
        "'+1 more battalion crossed the border.",
        "'-2 percent is what the ministry says growth was.",
        "'@SUM(A1:A9) is a cell, not a claim.",
        "'\tTabbed start of a claim.",
        "'\rCarriage return start, and a\r\nCRLF inside.",
        QUOTED,
        HOSTILE,
    ] {
        assert!(texts.contains(&expected), "{expected:?} not in {texts:?}");
    }
}

fn json_and_jsonl_carry_the_same_rows(env: Env) {
    let r = register(env);
    let json = r.env.export_json(&[]);
    let jsonl: Vec<Value> = r
        .env
        .run_ok(&["export", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json, jsonl);
    assert_eq!(json.len(), r.a.len() + r.b.len());
    let hostile = json.iter().find(|c| c["text"] == HOSTILE).unwrap();
    assert_eq!(hostile["status"], "in-progress");
}

// ---------------------------------------------------------------- Markdown

/// A parsed Markdown table: each body row's cells, as (plain text, inline markup seen).
struct MdTable {
    header_cells: usize,
    rows: Vec<Vec<(String, Vec<String>)>>,
}

struct MdDoc {
    headings: Vec<String>,
    tables: Vec<MdTable>,
    list_items: Vec<String>,
}

/// Walks pulldown-cmark's events: table structure, and per cell its text with
/// `<br>` read back as a line break and every other markup noted.
fn parse_markdown(md: &str) -> MdDoc {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut doc = MdDoc {
        headings: Vec::new(),
        tables: Vec::new(),
        list_items: Vec::new(),
    };
    let (mut in_head, mut in_heading, mut in_item) = (false, false, false);
    let mut cell: Option<(String, Vec<String>)> = None;
    let mut row: Vec<(String, Vec<String>)> = Vec::new();
    let mut buf = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Table(_)) => doc.tables.push(MdTable {
                header_cells: 0,
                rows: Vec::new(),
            }),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                let t = doc.tables.last_mut().unwrap();
                t.header_cells = row.len();
                row.clear();
            }
            Event::Start(Tag::TableCell) => cell = Some((String::new(), Vec::new())),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap()),
            Event::End(TagEnd::TableRow) if !in_head => {
                doc.tables
                    .last_mut()
                    .unwrap()
                    .rows
                    .push(std::mem::take(&mut row));
            }
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                buf.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                doc.headings.push(std::mem::take(&mut buf));
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                buf.clear();
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                doc.list_items.push(std::mem::take(&mut buf));
            }
            Event::Text(t) => {
                if let Some((text, _)) = cell.as_mut() {
                    text.push_str(&t);
                } else if in_heading || in_item {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(h) if h.as_ref() == "<br>" => {
                if let Some((text, _)) = cell.as_mut() {
                    text.push('\n');
                }
            }
            other => {
                let markup = format!("{other:?}");
                if let Some((_, seen)) = cell.as_mut() {
                    seen.push(markup);
                } else if in_heading {
                    panic!("markup in a heading: {markup}");
                }
            }
        }
    }
    doc
}

fn markdown_has_a_table_per_article_and_keeps_hostile_text_literal(env: Env) {
    let r = register(env);
    let json = r.env.export_json(&[]);
    let md = r.env.run_ok(&["export", "--format", "markdown"]);
    let doc = parse_markdown(&md);

    let mut per_article: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for row in &json {
        per_article
            .entry(row["article_id"].as_i64().unwrap())
            .or_default()
            .push(row);
    }
    assert_eq!(doc.tables.len(), per_article.len(), "{md}");
    assert_eq!(
        doc.headings,
        ["Claims report", TITLE_A, "Briefing # 4"],
        "hostile titles stay literal"
    );
    for status in Status::DEFAULTS {
        let n = json.iter().filter(|c| c["status"] == status).count();
        assert!(
            doc.list_items.contains(&format!("{status}: {n}")),
            "{status}: {n} missing from {:?}",
            doc.list_items
        );
    }
    let cols = [
        "#", "id", "status", "claim", "speaker", "outlet", "flag", "verdict", "note",
    ];
    for (table, (_, claims)) in doc.tables.iter().zip(&per_article) {
        assert_eq!(table.header_cells, cols.len());
        assert_eq!(table.rows.len(), claims.len());
        for (cells, claim) in table.rows.iter().zip(claims) {
            assert_eq!(cells.len(), cols.len(), "{cells:?}");
            assert_eq!(cells[1].0, claim["id"].to_string());
            // The claim, speaker, outlet and note come back exactly (a CRLF or CR is a line break).
            let expected = text(&claim["text"])
                .trim()
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            assert_eq!(cells[3].0, expected);
            assert_eq!(cells[5].0, text(&claim["outlet"]));
            assert_eq!(
                cells[8].0,
                text(&claim["latest_note"]).replace("\r\n", "\n")
            );
            // The published verdict stands apart from the latest working note.
            match claim["published"]["explanation"].as_str() {
                Some(explanation) => assert_eq!(
                    cells[7].0,
                    format!("{}: {explanation}", text(&claim["status"]))
                ),
                None => assert_eq!(cells[7].0, ""),
            }
            for (i, (_, markup)) in cells.iter().enumerate() {
                // Only the flag and the verdict's status are bold; nothing else turns into markup.
                if i == 7 && !claim["published"].is_null() {
                    assert!(markup.iter().all(|m| m.contains("Strong")), "{markup:?}");
                } else if i == 6 && !claim["flag"].is_null() {
                    assert_eq!(cells[6].0, text(&claim["flag"]));
                    assert!(markup.iter().all(|m| m.contains("Strong")), "{markup:?}");
                } else {
                    assert!(markup.is_empty(), "column {}: {markup:?}", cols[i]);
                }
            }
        }
    }
    let hostile = json.iter().find(|c| c["text"] == HOSTILE).unwrap();
    assert!(
        doc.tables[0]
            .rows
            .iter()
            .any(|cells| cells[3].0 == HOSTILE && cells[4].0 == text(&hostile["speaker"])),
        "the hostile claim and speaker are plain text"
    );
}

// ---------------------------------------------------------------- HTML

fn html_report_is_self_contained_structured_and_escaped(env: Env) {
    use scraper::{Html, Selector};
    let r = register(env);
    let json = r.env.export_json(&[]);
    let out = r.env.path("report.html");
    r.env.run_ok(&["export", "--format", "html", "-o", s(&out)]);
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = Html::parse_document(&html);
    let sel = |css: &str| Selector::parse(css).unwrap();
    let all = |css: &str| doc.select(&sel(css)).collect::<Vec<_>>();

    assert!(all("script").is_empty(), "no script element");
    assert!(all("link").is_empty() && all("img").is_empty() && all("iframe").is_empty());
    for element in all("*") {
        for attr in ["src", "href", "action", "xlink:href"] {
            if let Some(value) = element.value().attr(attr) {
                panic!("external reference {attr}={value:?}");
            }
        }
    }
    assert!(!html.contains("url("), "no CSS fetches");

    let svg = all("svg");
    assert_eq!(svg.len(), 1, "one inline chart");
    assert_eq!(
        all("svg rect").len(),
        Status::DEFAULTS.len(),
        "a bar per status"
    );

    let sections = all("section.article");
    let mut per_article: BTreeMap<i64, Vec<&Value>> = BTreeMap::new();
    for row in &json {
        per_article
            .entry(row["article_id"].as_i64().unwrap())
            .or_default()
            .push(row);
    }
    assert_eq!(sections.len(), per_article.len());
    let row_sel = sel("table.claims tbody tr");
    let td = sel("td");
    for (section, (_, claims)) in sections.iter().zip(&per_article) {
        assert_eq!(section.select(&sel("table")).count(), 1);
        let rows: Vec<_> = section.select(&row_sel).collect();
        assert_eq!(rows.len(), claims.len());
        for (row, claim) in rows.iter().zip(claims) {
            let cells: Vec<String> = row.select(&td).map(|c| c.text().collect()).collect();
            assert_eq!(cells.len(), 9);
            assert_eq!(cells[1], claim["id"].to_string());
            // The parser turns CR and CRLF into LF, as browsers do.
            let expected = text(&claim["text"])
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            assert_eq!(cells[3], expected, "claim text survives as text");
            assert_eq!(cells[5], text(&claim["outlet"]));
            assert_eq!(cells[6], text(&claim["flag"]));
            assert_eq!(cells[8], text(&claim["latest_note"]));
            if let Some(explanation) = claim["published"]["explanation"].as_str() {
                assert!(cells[7].contains(explanation), "{}", cells[7]);
            }
            assert!(cells[2].starts_with(text(&claim["status"])));
            let flagged = row.value().classes().any(|c| c == "flagged");
            assert_eq!(
                flagged,
                !claim["flag"].is_null(),
                "flagged rows are highlighted"
            );
            assert_eq!(row.select(&sel("mark")).count(), usize::from(flagged));
        }
    }
    let h2: Vec<String> = all("section.article h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h2, [TITLE_A, "Briefing # 4"]);

    // The summary counts match the export.
    let counts: Vec<Vec<String>> = all(".summary table.counts")[0]
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&td).map(|c| c.text().collect()).collect())
        .collect();
    for (status, row) in Status::DEFAULTS.iter().zip(&counts) {
        let of_status: Vec<_> = json.iter().filter(|c| c["status"] == *status).collect();
        let flagged = of_status.iter().filter(|c| !c["flag"].is_null()).count();
        assert_eq!(row[0], *status);
        assert_eq!(row[1], of_status.len().to_string(), "{status}");
        assert_eq!(row[2], flagged.to_string(), "{status}");
        assert_eq!(row[3], (of_status.len() - flagged).to_string(), "{status}");
    }
    // The hostile payload is escaped in the source, not merely absent from the DOM.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<i>Bob</i>") && !html.contains("<!-- c -->"));
}

fn html_of_an_empty_selection_is_still_a_valid_report(env: Env) {
    let r = register(env);
    let html = r
        .env
        .run_ok(&["export", "--format", "html", "--search", "no such words"]);
    let doc = scraper::Html::parse_document(&html);
    let sections = scraper::Selector::parse("section.article").unwrap();
    assert_eq!(doc.select(&sections).count(), 0);
    assert!(html.contains("No claims match"));
    assert!(html.trim_end().ends_with("</html>"));
}

// ---------------------------------------------------------------- ClaimReview

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ClaimReview {
    #[serde(rename = "@context")]
    context: String,
    #[serde(rename = "@type")]
    kind: String,
    url: String,
    claim_reviewed: String,
    item_reviewed: ItemReviewed,
    author: Option<Thing>,
    review_rating: Rating,
    date_published: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ItemReviewed {
    #[serde(rename = "@type")]
    kind: String,
    author: Option<Thing>,
    date_published: Option<String>,
    appearance: Vec<CreativeWork>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Thing {
    #[serde(rename = "@type")]
    kind: String,
    name: String,
    job_title: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: String,
    rating_value: u8,
    best_rating: u8,
    worst_rating: u8,
    alternate_name: String,
    rating_explanation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CreativeWork {
    #[serde(rename = "@type")]
    kind: String,
    url: Option<String>,
    name: Option<String>,
    headline: Option<String>,
    date_published: Option<String>,
}

const BASE: &str = "https://factdesk.example/checks/";

fn claimreviews(env: &Env, extra: &[&str]) -> Vec<ClaimReview> {
    let mut args = vec![
        "export",
        "--format",
        "claimreview",
        "--review-url-base",
        BASE,
    ];
    args.extend_from_slice(extra);
    serde_json::from_str(&env.run_ok(&args)).unwrap()
}

fn claimreview_publishes_verdicts_with_the_required_fields(env: Env) {
    let r = register(env);
    // A publication date on one version of the first source (any offset).
    r.env.execute(&format!(
        "UPDATE articles SET published_at = '2026-11-30T23:30:00-05:00' WHERE source = '{SOURCE_A}'"
    ));

    let json = r.env.export_json(&[]);
    let rows = by_id(&json);
    let reviews = claimreviews(
        &r.env,
        &[
            "--org",
            "Fact Desk",
            "--org-url",
            "https://factdesk.example",
        ],
    );
    let published: Vec<&Value> = json.iter().filter(|c| !c["published"].is_null()).collect();
    assert_eq!(reviews.len(), published.len());
    assert!(reviews.len() >= 5);
    let scale = [
        ("false", 1, "False"),
        ("misleading", 2, "Misleading"),
        ("inconclusive", 3, "Inconclusive"),
        ("verified", 5, "Verified"),
    ];
    for review in &reviews {
        let id: i64 = review.url.strip_prefix(BASE).unwrap().parse().unwrap();
        let claim = rows[&id];
        assert_eq!(review.context, "https://schema.org");
        assert_eq!(review.kind, "ClaimReview");
        let verdict = &claim["published"];
        assert_eq!(verdict["status"], claim["status"]);
        match verdict["summary"].as_str() {
            Some(summary) => assert_eq!(review.claim_reviewed, summary),
            None => assert_eq!(review.claim_reviewed, text(&claim["text"])),
        }
        let rating = &review.review_rating;
        assert_eq!(rating.kind, "Rating");
        let (_, value, label) = scale
            .iter()
            .find(|(s, ..)| *s == text(&claim["status"]))
            .unwrap();
        assert_eq!(
            (rating.rating_value, rating.alternate_name.as_str()),
            (*value, *label)
        );
        assert_eq!((rating.worst_rating, rating.best_rating), (1, 5));
        // The published explanation, never the latest working note.
        assert_eq!(
            rating.rating_explanation.as_deref(),
            Some(format!("published explanation {id}").as_str())
        );
        assert_ne!(
            rating.rating_explanation.as_deref(),
            claim["latest_note"].as_str()
        );
        assert_eq!(
            review.author,
            Some(Thing {
                kind: "Organization".into(),
                name: "Fact Desk".into(),
                job_title: None,
                url: Some("https://factdesk.example".into()),
            })
        );
        // The review date is the date the verdict was published.
        let history: Vec<Value> =
            serde_json::from_str(
                &r.env
                    .run_ok(&["history", &id.to_string(), "--format", "json"]),
            )
            .unwrap();
        let newest_status = history.iter().find(|e| e["event"] == "publish").unwrap();
        assert_eq!(
            review.date_published.as_deref(),
            Some(&text(&newest_status["created_at"])[..10])
        );
        assert_eq!(review.item_reviewed.kind, "Claim");
        assert!(!review.item_reviewed.appearance.is_empty());
        let own = &review.item_reviewed.appearance[0];
        assert_eq!(own.kind, "CreativeWork");
        if claim["source"] == SOURCE_A {
            assert_eq!(own.url.as_deref(), Some(SOURCE_A));
            assert_eq!(own.name, None);
            assert_eq!(own.headline.as_deref(), Some(TITLE_A));
            assert_eq!(own.date_published.as_deref(), Some("2026-11-30"));
            assert_eq!(
                review.item_reviewed.date_published.as_deref(),
                Some("2026-11-30")
            );
        } else {
            assert_eq!(own.url, None, "a file name is not a URL");
            assert_eq!(own.name.as_deref(), Some(SOURCE_B));
        }
    }

    let find = |claim_id: i64| {
        reviews
            .iter()
            .find(|r| r.url == format!("{BASE}{claim_id}"))
            .unwrap()
    };
    // "Name, role" is a Person with a job title; an institution is an Organization;
    // a resolved back-reference names the person it stands for.
    let envoy = find(r.a[0]).item_reviewed.author.as_ref().unwrap();
    assert_eq!(
        (
            envoy.kind.as_str(),
            envoy.name.as_str(),
            envoy.job_title.as_deref()
        ),
        ("Person", "Robert Wood", Some("US envoy to the UN"))
    );
    let pentagon = find(r.a[1]).item_reviewed.author.as_ref().unwrap();
    assert_eq!(
        (pentagon.kind.as_str(), pentagon.name.as_str()),
        ("Organization", "the Pentagon")
    );
    let resolved = find(r.a[2]).item_reviewed.author.as_ref().unwrap();
    assert_eq!(
        (resolved.kind.as_str(), resolved.name.as_str()),
        ("Person", "Maria Zakharova")
    );
    let unattributed = find(r.a[3]).item_reviewed.author.as_ref().unwrap();
    assert_eq!(
        (unattributed.kind.as_str(), unattributed.name.as_str()),
        ("Organization", "Reuters")
    );

    // The shared claim appears in both sources.
    let shared = find(r.a[10]);
    let places: Vec<(Option<&str>, Option<&str>)> = shared
        .item_reviewed
        .appearance
        .iter()
        .map(|a| (a.url.as_deref(), a.name.as_deref()))
        .collect();
    assert_eq!(places, [(Some(SOURCE_A), None), (None, Some(SOURCE_B))]);
    assert!(
        reviews
            .iter()
            .all(|rv| rv.url != format!("{BASE}{}", r.a[7])),
        "an in-progress claim is not published"
    );
    assert_eq!(
        find(r.a[2]).claim_reviewed,
        "Zakharova's denial, in short",
        "the published summary is what ClaimReview names"
    );
}

fn claimreview_takes_the_org_from_the_environment_and_honours_filters(env: Env) {
    let r = register(env);
    let out = r
        .env
        .cmd()
        .env("CLAIMTRACK_ORG", "Env Desk")
        .args([
            "export",
            "--format",
            "claimreview",
            "--review-url-base",
            "https://x.example/c?id=",
            "--status",
            "false",
            "--status",
            "unverified",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reviews: Vec<ClaimReview> = serde_json::from_slice(&out.stdout).unwrap();
    let false_claims: Vec<Value> = r
        .env
        .export_json(&["--status", "false"])
        .into_iter()
        .filter(|c| !c["published"].is_null())
        .collect();
    assert!(!false_claims.is_empty());
    assert_eq!(reviews.len(), false_claims.len());
    for (review, claim) in reviews.iter().zip(&false_claims) {
        assert_eq!(
            review.url,
            format!("https://x.example/c?id={}", claim["id"])
        );
        assert_eq!(review.author.as_ref().unwrap().name, "Env Desk");
        assert_eq!(review.review_rating.alternate_name, "False");
    }
    // No organisation given: no author, still valid.
    let anonymous = claimreviews(&r.env, &["--speaker", "pentagon"]);
    assert_eq!(anonymous.len(), 1);
    assert!(anonymous[0].author.is_none());
}

fn claimreview_refuses_what_it_cannot_publish(env: Env) {
    let r = register(env);
    let target = r.env.path("reviews.json");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "needs --review-url-base"),
        (
            vec!["--review-url-base", "factdesk.example/checks"],
            "not an http",
        ),
        (vec!["--review-url-base", "https://"], "has no host"),
        (
            vec!["--review-url-base", BASE, "--org-url", "https://o.example"],
            "--org-url needs",
        ),
        (
            vec![
                "--review-url-base",
                BASE,
                "--org",
                "O",
                "--org-url",
                "o.example",
            ],
            "--org-url 'o.example'",
        ),
        (
            vec!["--review-url-base", BASE, "--unverified"],
            "verdicts only",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["export", "--format", "claimreview", "-o", s(&target)];
        args.extend(extra);
        let (code, stderr) = r.env.run_err(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!target.exists(), "a refused export writes no file");
    }
    let (code, stderr) = r.env.run_err(&["export", "--format", "csv", "--org", "O"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("only apply to --format claimreview"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------- stats and --since

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsOut {
    claims: u64,
    flagged: u64,
    articles: u64,
    by_status: Vec<StatusOut>,
    top_speakers: Vec<NameOut>,
    unattributed: u64,
    top_outlets: Vec<NameOut>,
    most_unverified_articles: Vec<ArticleOut>,
    reviewers: Vec<ReviewerOut>,
    /// Checked in tests/curation.rs; nobody is assigned anything here.
    assignees: Vec<Value>,
    unassigned: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusOut {
    status: String,
    claims: u64,
    flagged: u64,
    not_flagged: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct NameOut {
    name: String,
    claims: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleOut {
    article_id: i64,
    source: String,
    version: i64,
    title: Option<String>,
    unverified: u64,
    claims: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct ReviewerOut {
    reviewer: String,
    status_changes: u64,
    notes: u64,
    claims: u64,
    last_active: String,
}

/// Counts by key, most first then by name: the documented order of the top lists.
fn ranked(counts: HashMap<String, u64>) -> Vec<NameOut> {
    let mut names: Vec<NameOut> = counts
        .into_iter()
        .map(|(name, claims)| NameOut { name, claims })
        .collect();
    names.sort_by(|a, b| b.claims.cmp(&a.claims).then(a.name.cmp(&b.name)));
    names
}

fn stats_match_the_register(env: Env) {
    let r = register(env);
    let json = r.env.export_json(&[]);
    let stats: StatsOut =
        serde_json::from_str(&r.env.run_ok(&["stats", "--format", "json", "--top", "50"])).unwrap();

    assert_eq!(stats.claims, json.len() as u64);
    assert_eq!(
        stats.flagged,
        json.iter().filter(|c| !c["flag"].is_null()).count() as u64
    );
    assert_eq!(stats.articles, 2);
    assert!(stats.assignees.is_empty());
    assert_eq!(stats.unassigned, stats.claims);
    assert_eq!(stats.by_status.len(), Status::DEFAULTS.len());
    for (status, got) in Status::DEFAULTS.iter().zip(&stats.by_status) {
        let of: Vec<_> = json.iter().filter(|c| c["status"] == *status).collect();
        let flagged = of.iter().filter(|c| !c["flag"].is_null()).count() as u64;
        assert_eq!(got.status, *status);
        assert_eq!(
            (got.claims, got.flagged, got.not_flagged),
            (of.len() as u64, flagged, of.len() as u64 - flagged)
        );
    }
    // Known numbers of the fixture, as a cross-check of the derivation below.
    let count = |s: &str| {
        stats
            .by_status
            .iter()
            .find(|b| b.status == s)
            .unwrap()
            .claims
    };
    assert_eq!(
        (count("false"), count("verified"), count("misleading")),
        (3, 1, 1)
    );
    assert_eq!((count("inconclusive"), count("in-progress")), (1, 1));

    let mut speakers = HashMap::new();
    let mut outlets = HashMap::new();
    let mut unattributed = 0;
    for c in &json {
        match c["speaker_resolved"].as_str().or(c["speaker"].as_str()) {
            Some(name) => *speakers.entry(name.to_string()).or_default() += 1,
            None => unattributed += 1,
        }
        if let Some(outlet) = c["outlet"].as_str() {
            *outlets.entry(outlet.to_string()).or_default() += 1;
        }
    }
    assert_eq!(stats.top_speakers, ranked(speakers));
    assert_eq!(
        stats.top_speakers[0],
        NameOut {
            name: "the Pentagon".into(),
            claims: 3
        }
    );
    assert_eq!(stats.unattributed, unattributed);
    assert_eq!(stats.top_outlets, ranked(outlets));

    let mut unverified: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for c in &json {
        let slot = unverified
            .entry(c["article_id"].as_i64().unwrap())
            .or_default();
        slot.1 += 1;
        slot.0 += u64::from(c["status"] == "unverified");
    }
    let mut expected: Vec<(i64, u64, u64)> = unverified
        .into_iter()
        .filter(|(_, (u, _))| *u > 0)
        .map(|(id, (u, n))| (id, u, n))
        .collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let got: Vec<(i64, u64, u64)> = stats
        .most_unverified_articles
        .iter()
        .map(|a| (a.article_id, a.unverified, a.claims))
        .collect();
    assert_eq!(got, expected);
    let first = &stats.most_unverified_articles[0];
    assert_eq!(
        (first.source.as_str(), first.version, first.title.as_deref()),
        (SOURCE_A, 1, Some(TITLE_A))
    );

    // Review activity, from the history: status changes and notes per reviewer.
    let history: Vec<Value> =
        serde_json::from_str(&r.env.run_ok(&["history", "--format", "json"])).unwrap();
    let mut activity: BTreeMap<String, (u64, u64, std::collections::BTreeSet<i64>, String)> =
        BTreeMap::new();
    for e in history
        .iter()
        .filter(|e| e["event"] == "status" || e["event"] == "note")
    {
        let slot = activity
            .entry(text(&e["reviewer"]).to_string())
            .or_default();
        if e["event"] == "status" {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
        slot.2.insert(e["claim_id"].as_i64().unwrap());
        slot.3 = slot.3.clone().max(text(&e["created_at"]).to_string());
    }
    let mut expected: Vec<ReviewerOut> = activity
        .into_iter()
        .map(
            |(reviewer, (status_changes, notes, claims, last_active))| ReviewerOut {
                reviewer,
                status_changes,
                notes,
                claims: claims.len() as u64,
                last_active,
            },
        )
        .collect();
    expected.sort_by(|a, b| {
        (b.status_changes + b.notes)
            .cmp(&(a.status_changes + a.notes))
            .then(a.reviewer.cmp(&b.reviewer))
    });
    assert_eq!(stats.reviewers, expected);
    assert_eq!(
        stats
            .reviewers
            .iter()
            .map(|r| (r.reviewer.as_str(), r.status_changes, r.notes))
            .collect::<Vec<_>>(),
        [("alice", 4, 0), ("bob", 3, 0), ("carol", 1, 1)]
    );
}

fn stats_take_the_list_filters_and_print_tables(env: Env) {
    let r = register(env);
    let stats: StatsOut = serde_json::from_str(&r.env.run_ok(&[
        "stats", "--format", "json", "--status", "false", "--top", "1",
    ]))
    .unwrap();
    assert_eq!(stats.claims, 3);
    assert_eq!(stats.top_speakers.len(), 1);
    assert_eq!(
        stats
            .reviewers
            .iter()
            .map(|r| (r.reviewer.as_str(), r.claims))
            .collect::<Vec<_>>(),
        [("alice", 2), ("bob", 1)],
        "only the activity on the filtered claims"
    );
    let table = r.env.run_ok(&["stats", "-f", "table"]);
    for heading in [
        "Claims by status",
        "Top speakers",
        "Top outlets",
        "Articles with the most unverified claims",
        "Review activity",
    ] {
        assert!(table.contains(heading), "{heading} missing:\n{table}");
    }
    assert!(table.contains("| alice"), "{table}");
    let empty = r
        .env
        .run_ok(&["stats", "--search", "no such words", "-f", "table"]);
    assert!(empty.starts_with("0 claims in 0 articles"), "{empty}");
}

fn since_filters_list_export_and_stats_alike(env: Env) {
    let r = register(env);
    let total = r.env.export_json(&[]).len();
    // Three claims last changed long ago.
    for id in &r.b {
        r.env.execute(&format!(
            "UPDATE claims SET updated_at = '2020-01-01T00:00:00Z' WHERE id = {id}"
        ));
    }
    assert_eq!(r.env.export_json(&["--since", "2019-12-31"]).len(), total);
    assert_eq!(
        r.env.export_json(&["--since", "2020-06-01"]).len(),
        total - r.b.len()
    );
    // The same instant in another offset is included (at or after); a minute later is not.
    assert_eq!(
        r.env
            .export_json(&["--since", "2019-12-31T22:00:00-02:00"])
            .len(),
        total
    );
    assert_eq!(
        r.env
            .export_json(&["--since", "2019-12-31T22:01:00-02:00"])
            .len(),
        total - r.b.len()
    );
    let listed = r
        .env
        .run_ok(&["list", "--since", "2020-06-01", "--format", "jsonl"]);
    assert_eq!(listed.lines().count(), total - r.b.len());
    let stats: StatsOut = serde_json::from_str(&r.env.run_ok(&[
        "stats",
        "--format",
        "json",
        "--since",
        "2020-06-01",
    ]))
    .unwrap();
    assert_eq!(stats.claims, (total - r.b.len()) as u64);
    assert_eq!(r.env.export_json(&["--since", "2999-01-01"]).len(), 0);

    for command in ["list", "export", "stats"] {
        let mut args = vec![command, "--since", "last tuesday"];
        if command == "export" {
            args.extend(["--format", "csv"]);
        }
        let (code, stderr) = r.env.run_err(&args);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(stderr.contains("use YYYY-MM-DD, RFC 3339"), "{stderr}");
    }
}

#[test]
fn help_lists_stats_and_the_report_formats() {
    let env = Env::new();
    let help = env.run_ok(&["--help"]);
    assert!(help.contains("stats"), "{help}");
    let export = env.run_ok(&["export", "--help"]);
    for format in [
        "markdown",
        "html",
        "claimreview",
        "--since",
        "--review-url-base",
    ] {
        assert!(export.contains(format), "{format} missing:\n{export}");
    }
}

/// More claims than PostgreSQL's streamed reads fetch at once (a page of 500),
/// with a verdict deep in the second page: every export format and `list` see
/// each claim once, in order, with its own review (the per-claim queries run
/// between pages).
fn exports_and_listings_stream_past_a_page_with_each_claims_review(env: Env) {
    let text: String = (1..=1200)
        .map(|n| format!("{n} people were hurt in the shelling of district {n}, police said.\n\n"))
        .collect();
    let file = env.file("big.txt", text.as_bytes());
    env.run_ok(&["ingest", crate::common::s(&file)]);
    env.run_ok(&[
        "mark",
        "777",
        "--status",
        "false",
        "--note",
        "district 777 was not shelled",
    ]);
    let claims = env.export_json(&[]);
    assert_eq!(claims.len(), 1200);
    for (index, claim) in claims.iter().enumerate() {
        let n = index + 1;
        assert_eq!(claim["id"], n as i64);
        let text = claim["text"].as_str().unwrap();
        assert!(text.starts_with(&format!("{n} people")), "{n}: {text}");
        let expected = if n == 777 { "false" } else { "unverified" };
        assert_eq!(claim["status"], expected, "claim {n}");
    }
    assert_eq!(claims[776]["latest_note"], "district 777 was not shelled");
    let csv = env.run_ok(&["export", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1201, "a header and a line a claim");
    let listed = env.run_ok(&["list", "--format", "tsv"]);
    assert_eq!(
        listed
            .lines()
            .filter(|l| l.contains("people were hurt"))
            .count(),
        1200
    );
    env.run_ok(&["check"]);
}

on_both![
    html_report_is_self_contained_structured_and_escaped,
    claimreview_publishes_verdicts_with_the_required_fields,
    since_filters_list_export_and_stats_alike,
    exports_and_listings_stream_past_a_page_with_each_claims_review,
    csv_round_trips_hostile_cells_with_formulas_neutralised,
    json_and_jsonl_carry_the_same_rows,
    markdown_has_a_table_per_article_and_keeps_hostile_text_literal,
    html_of_an_empty_selection_is_still_a_valid_report,
    claimreview_takes_the_org_from_the_environment_and_honours_filters,
    claimreview_refuses_what_it_cannot_publish,
    stats_match_the_register,
    stats_take_the_list_filters_and_print_tables,
];
