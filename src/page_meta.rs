//! What an HTML page says about itself: canonical URL, headline, published and
//! modified times, author and publisher (from `<meta>`/`<link>` tags and JSON-LD),
//! and the live-blog posts its JSON-LD lists.
//!
//! Pure: a parsed page in, plain values out. Times are normalised to RFC 3339 UTC
//! (`2026-12-01T17:44:57Z`) like every time claimtrack stores; one it cannot read
//! is left out rather than stored as written. Every value is bounded in length, so
//! a hostile page cannot fill the register through its metadata.

use scraper::{Html, Node};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// The longest metadata value kept, in characters.
const MAX_VALUE_CHARS: usize = 500;
/// A JSON-LD block larger than this is not parsed (a page's is a few KiB).
const MAX_JSON_LD_BYTES: usize = 1 << 20;
/// The most `liveBlogUpdate` entries read (a day's busy live blog has a few hundred).
const MAX_POSTS: usize = 5_000;

/// JSON-LD `@type`s of a news page.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "LiveBlogPosting",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "WebPage",
];

/// A page's description of itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// `<link rel=canonical>`, else `og:url`, else the JSON-LD `url`.
    pub canonical_url: Option<String>,
    pub headline: Option<String>,
    pub published_at: Option<String>,
    pub modified_at: Option<String>,
    /// Author names, comma-separated.
    pub author: Option<String>,
    pub publisher: Option<String>,
}

impl PageMeta {
    pub fn is_empty(&self) -> bool {
        *self == PageMeta::default()
    }

    /// The values a report prints about the page, labelled, in reading order:
    /// published, updated, by, publisher, canonical URL.
    pub fn labelled(&self) -> Vec<(&'static str, &str)> {
        [
            ("published", &self.published_at),
            ("updated", &self.modified_at),
            ("by", &self.author),
            ("publisher", &self.publisher),
            ("canonical", &self.canonical_url),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.as_deref().map(|v| (label, v)))
        .collect()
    }
}

/// A live-blog post: where it starts in the page's text, its heading and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Byte offset in the text of the post's first line.
    pub start: usize,
    pub title: Option<String>,
    pub time: Option<String>,
}

/// The post a text offset falls in: the last one starting at or before it.
pub fn post_at(posts: &[Post], offset: usize) -> Option<&Post> {
    let after = posts.partition_point(|p| p.start <= offset);
    after.checked_sub(1).map(|i| &posts[i])
}

/// The page's main JSON-LD object (its article or live blog).
pub struct JsonLd {
    article: Value,
}

impl JsonLd {
    /// The first object of an article type in the page's `application/ld+json`
    /// scripts (looking into arrays and `@graph`s).
    pub fn read(doc: &Html) -> Option<JsonLd> {
        doc.tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_element().map(|el| (n, el)))
            .filter(|(_, el)| {
                el.name() == "script"
                    && el
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            })
            .filter_map(|(n, _)| {
                let text: String = n
                    .children()
                    .filter_map(|c| match c.value() {
                        Node::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                if text.len() > MAX_JSON_LD_BYTES {
                    return None;
                }
                serde_json::from_str::<Value>(&text).ok()
            })
            .find_map(|value| find_article(value, 0))
            .map(|article| JsonLd { article })
    }

    fn text(&self, key: &str) -> Option<String> {
        self.article.get(key).and_then(value_text)
    }

    /// The `liveBlogUpdate` entries that can be found in `text` (by their headline
    /// as a line of it, else by the opening of their body), in text order.
    pub fn posts_in(&self, text: &str) -> Vec<Post> {
        let updates = match self.article.get("liveBlogUpdate") {
            Some(Value::Array(items)) => items.as_slice(),
            Some(one @ Value::Object(_)) => std::slice::from_ref(one),
            _ => return Vec::new(),
        };
        // Each line by its text and by its opening, first occurrence kept: one
        // look-up an update, so a page with thousands of posts stays linear.
        let mut by_line: HashMap<&str, usize> = HashMap::new();
        let mut by_opening: HashMap<&str, usize> = HashMap::new();
        for (start, line) in line_offsets(text) {
            by_line.entry(line).or_insert(start);
            if let Some(opening) = opening_of(line) {
                by_opening.entry(opening).or_insert(start);
            }
        }
        let mut posts: Vec<Post> = updates
            .iter()
            .take(MAX_POSTS)
            .filter_map(|update| {
                let title = update.get("headline").and_then(value_text);
                let body = update.get("articleBody").and_then(value_text);
                let start = *title
                    .as_deref()
                    .and_then(|t| by_line.get(t))
                    .or_else(|| by_opening.get(opening_of(body.as_deref()?)?))?;
                Some(Post {
                    start,
                    title,
                    time: update
                        .get("datePublished")
                        .and_then(value_text)
                        .and_then(|t| rfc3339_utc(&t)),
                })
            })
            .collect();
        posts.sort_by_key(|p| p.start);
        posts.dedup_by_key(|p| p.start);
        posts
    }
}

/// The first 60 characters of a post body's first line: enough to find it, short
/// enough that markup differences later in the paragraph do not matter. (A body
/// whose first line is shorter is found as a whole line.)
fn opening_of(body: &str) -> Option<&str> {
    let first = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    let end = first.char_indices().nth(60).map_or(first.len(), |(i, _)| i);
    Some(&first[..end])
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.trim_end_matches('\n'))
    })
}

/// Looks through arrays and `@graph` (a few levels deep, no more) for an article.
fn find_article(value: Value, depth: usize) -> Option<Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.into_iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(mut map) => {
            if is_article_type(map.get("@type")) {
                return Some(Value::Object(map));
            }
            let graph = map.remove("@graph")?;
            find_article(graph, depth + 1)
        }
        _ => None,
    }
}

fn is_article_type(value: Option<&Value>) -> bool {
    let named = |v: &Value| v.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match value {
        Some(Value::Array(types)) => types.iter().any(named),
        Some(one) => named(one),
        None => false,
    }
}

/// A string, or the `name` of an object, or the names of an array, comma-separated.
fn value_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Object(map) => return map.get("name").and_then(value_text),
        Value::Array(items) => items
            .iter()
            .filter_map(value_text)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    clean(&text)
}

/// Whitespace collapsed, bounded; `None` when nothing is left.
fn clean(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text: String = text.chars().take(MAX_VALUE_CHARS).collect();
    (!text.is_empty()).then_some(text)
}

/// The page's metadata, tags first and JSON-LD for what they leave out.
pub fn page_meta(doc: &Html, ld: Option<&JsonLd>) -> PageMeta {
    let tags = Tags::read(doc);
    let ld_text = |key: &str| ld.and_then(|ld| ld.text(key));
    let ld_url = ld.and_then(|ld| {
        ld.text("url").or_else(|| {
            ld.article
                .get("mainEntityOfPage")
                .and_then(|m| m.get("@id").or(Some(m)))
                .and_then(Value::as_str)
                .and_then(clean)
        })
    });
    let time = |tag: Option<String>, key: &str| {
        tag.and_then(|t| rfc3339_utc(&t))
            .or_else(|| ld_text(key).and_then(|t| rfc3339_utc(&t)))
    };
    let is_web = |url: &String| crate::fetch::is_url(url);
    PageMeta {
        canonical_url: tags
            .canonical
            .clone()
            .filter(is_web)
            .or(tags.property("og:url").filter(is_web))
            .or(ld_url.filter(is_web)),
        headline: ld_text("headline").or_else(|| tags.property("og:title")),
        published_at: time(tags.property("article:published_time"), "datePublished"),
        modified_at: time(
            tags.property("article:modified_time")
                .or_else(|| tags.property("og:updated_time")),
            "dateModified",
        ),
        author: tags
            .property("author")
            .or_else(|| tags.property("article:author").filter(|a| !is_web(a)))
            .or_else(|| ld_text("author")),
        publisher: ld_text("publisher").or_else(|| tags.property("og:site_name")),
    }
}

/// The page's `<meta>` tags and canonical link.
struct Tags {
    /// (`property`, else `name`, lower-cased; `content`): one key space, since
    /// pages use either attribute for the same tags.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
}

impl Tags {
    fn read(doc: &Html) -> Tags {
        let mut tags = Tags {
            metas: Vec::new(),
            canonical: None,
        };
        for el in doc
            .tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_element())
        {
            match el.name() {
                "meta" => {
                    let key = el.attr("property").or_else(|| el.attr("name"));
                    if let (Some(key), Some(content)) = (key, el.attr("content")) {
                        tags.metas
                            .push((key.trim().to_ascii_lowercase(), content.to_string()));
                    }
                }
                "link" if tags.canonical.is_none() => {
                    let canonical = el.attr("rel").is_some_and(|rel| {
                        rel.split_ascii_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical {
                        tags.canonical = el.attr("href").and_then(clean);
                    }
                }
                _ => {}
            }
        }
        tags
    }

    fn property(&self, key: &str) -> Option<String> {
        self.metas
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| clean(v))
    }
}

/// A page's time as RFC 3339 UTC, whole seconds; `None` when it is not a full date
/// and time with a zone (a time without one would be a guess).
pub fn rfc3339_utc(text: &str) -> Option<String> {
    use chrono::{DateTime, SecondsFormat, Utc};
    let text = text.trim();
    let parsed = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%z"))
        .ok()?;
    Some(
        parsed
            .with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_become_rfc3339_utc() {
        assert_eq!(
            rfc3339_utc("2026-12-01T18:44:57+01:00").as_deref(),
            Some("2026-12-01T17:44:57Z")
        );
        assert_eq!(
            rfc3339_utc("2026-12-01T17:44:57.123+0000").as_deref(),
            Some("2026-12-01T17:44:57Z")
        );
        assert_eq!(
            rfc3339_utc("2026-12-01T09:05-05:00").as_deref(),
            Some("2026-12-01T14:05:00Z")
        );
        assert_eq!(rfc3339_utc("2026-12-01T17:44:57"), None, "no zone: a guess");
        assert_eq!(rfc3339_utc("yesterday"), None);
    }

    #[test]
    fn broken_or_foreign_json_ld_is_ignored() {
        let page = |json: &str| {
            let html = format!(
                "<script type=\"application/ld+json\">{json}</script>\
                 <meta property=\"og:site_name\" content=\"Site\">"
            );
            let doc = Html::parse_document(&html);
            let ld = JsonLd::read(&doc);
            (ld.is_some(), page_meta(&doc, ld.as_ref()))
        };
        let (found, meta) = page("{\"@type\": \"NewsArticle\", \"headline\": ");
        assert!(!found);
        assert_eq!(meta.publisher.as_deref(), Some("Site"));
        let (found, _) = page("{\"@type\": \"Recipe\", \"headline\": \"Soup\"}");
        assert!(!found);
        let (found, meta) = page(
            "[{\"@type\": [\"Thing\", \"NewsArticle\"], \"headline\": \" A \\n b \", \
             \"datePublished\": \"not a date\", \"author\": \"Ann\"}]",
        );
        assert!(found);
        assert_eq!(meta.headline.as_deref(), Some("A b"));
        assert_eq!(meta.published_at, None);
        assert_eq!(meta.author.as_deref(), Some("Ann"));
    }

    #[test]
    fn a_post_is_found_by_offset() {
        let post = |start| Post {
            start,
            title: None,
            time: None,
        };
        let posts = [post(10), post(50)];
        assert_eq!(post_at(&posts, 5), None);
        assert_eq!(post_at(&posts, 10).map(|p| p.start), Some(10));
        assert_eq!(post_at(&posts, 49).map(|p| p.start), Some(10));
        assert_eq!(post_at(&posts, 90).map(|p| p.start), Some(50));
    }
}
