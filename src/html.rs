//! HTML pages → the plain text a plain-text ingest would see, so the extractor reads
//! a saved or fetched page exactly as it reads a `.txt` copy of it.
//!
//! Pure: markup in, text out. Parsed by html5ever (through `scraper`), the HTML5
//! parser browsers' rules are written for, so broken markup (unclosed `<p>`, stray
//! end tags) becomes the same tree a browser would show.
//!
//! What comes out, one block a line:
//! - first the title: the first `<h1>` of the article text, else the `<title>`;
//! - then the text of `<main>` (or of `<body>` when there is none) in document order,
//!   a line per block element (paragraph, heading, block quote, list item, div, …),
//!   inline markup joined into its line, whitespace collapsed, empty lines dropped.
//!
//! What is left out: scripts, styles and other non-text elements; navigation, asides,
//! footers, forms and buttons; figure captions (`<figcaption>`); anything `hidden` or
//! `aria-hidden`; elements whose ARIA role is navigation, banner, contentinfo,
//! complementary, search or dialog; elements whose class or id is an advert marker
//! (`ad`, `ads`, `advert`, `advertisement`, `sponsored`, …). A `<header>` is left out
//! when it is the page's banner, and kept when it heads an `<article>` or `<main>`
//! (where the headline and standfirst live): the rule by which HTML-AAM gives a
//! header the banner role.

pub use crate::page_meta::{PageMeta, Post};
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};
use std::ops::Range;

/// Elements whose whole subtree is never article text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "figcaption",
    "iframe",
    "object",
    "embed",
    "canvas",
    "svg",
    "math",
    "video",
    "audio",
    "picture",
    "dialog",
    "menu",
];

/// ARIA roles of page furniture, whatever element carries them.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
];

/// Class or id tokens that mark an advert slot. Whole tokens only ("ad", not
/// "shadow" or "header"), so article markup is not caught by accident.
const AD_MARKERS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "ad-slot",
    "ad-container",
    "ad-wrapper",
    "sponsored",
    "promo",
];

/// Elements that start and end a line of their own. Everything else is inline.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// The article text of an HTML page: title line first, then one block a line, each
/// line ending in `\n` (empty when the page has no text).
pub fn html_to_text(html: &str) -> String {
    read_page(html).text
}

/// An HTML page read whole: its article text, what it says about itself, and
/// where its live-blog posts start in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub meta: PageMeta,
    /// In text order; empty unless the page marks its posts.
    pub posts: Vec<Post>,
}

/// Reads a page: its text (see the module comment), its metadata and its posts,
/// from the page's JSON-LD `liveBlogUpdate` entries when they can be found in the
/// text, else from repeated `<article>` elements that carry a `<time datetime>`.
pub fn read_page(html: &str) -> Page {
    // The parser's cost grows with nesting depth: bound it first (see markup_depth).
    let doc = Html::parse_document(&crate::markup_depth::bound_depth(html));
    let root = content_root(&doc);
    let marks = dom_posts(root);
    let mut blocks = Blocks {
        marks: marks.iter().enumerate().map(|(i, m)| (m.node, i)).collect(),
        ..Blocks::default()
    };
    walk(root, &mut blocks);
    blocks.flush();
    let title_line = blocks.first_h1.take();
    let title = match title_line {
        Some(_) => None,
        None => page_title(&doc),
    };
    let (text, starts) = assemble(blocks.text, &blocks.lines, title.as_deref(), title_line);

    let ld = crate::page_meta::JsonLd::read(&doc);
    let meta = crate::page_meta::page_meta(&doc, ld.as_ref());
    let mut posts = ld.as_ref().map(|ld| ld.posts_in(&text)).unwrap_or_default();
    if posts.is_empty() {
        posts = blocks
            .post_lines
            .iter()
            .filter_map(|&(mark, line)| {
                let mark = &marks[mark];
                Some(Post {
                    start: starts[line?],
                    title: mark.title.clone(),
                    time: mark.time.clone(),
                })
            })
            .collect();
        posts.sort_by_key(|p| p.start);
    }
    Page { text, meta, posts }
}

/// The page's text from its lines (`body`, each line of `lines` ending in `\n`): the title
/// first, either the line `title_line` moved to the front or `title` put before them all;
/// with each line's byte offset in the text. A page without a title keeps `body` as it is.
fn assemble(
    body: String,
    lines: &[Range<usize>],
    title: Option<&str>,
    title_line: Option<usize>,
) -> (String, Vec<usize>) {
    let mut starts: Vec<usize> = lines.iter().map(|l| l.start).collect();
    if let Some(index) = title_line {
        // The lines before the title's move down by its length; those after stay put.
        let line = lines[index].clone();
        let moved = line.len() + 1;
        let mut text = String::with_capacity(body.len());
        text.push_str(&body[line.clone()]);
        text.push('\n');
        text.push_str(&body[..line.start]);
        text.push_str(&body[line.end + 1..]);
        for start in &mut starts[..index] {
            *start += moved;
        }
        starts[index] = 0;
        return (text, starts);
    }
    let Some(title) = title else {
        return (body, starts);
    };
    let mut text = String::with_capacity(title.len() + 1 + body.len());
    text.push_str(title);
    text.push('\n');
    text.push_str(&body);
    for start in &mut starts {
        *start += title.len() + 1;
    }
    (text, starts)
}

/// An element that opens a live-blog post, with the post's heading and time.
struct PostMark {
    node: ego_tree::NodeId,
    title: Option<String>,
    time: Option<String>,
}

/// The live-blog posts a page marks up: `<article>` elements (outside page
/// furniture) that hold a `<time datetime>` of their own, when there are two or
/// more of them (one such article is the page's own story, not a post), and none
/// holds another. A post's heading is its first `<h1>`–`<h6>`; a heading or time
/// in a nested article belongs to the innermost.
fn dom_posts(root: NodeRef<'_, Node>) -> Vec<PostMark> {
    let mut marks: Vec<PostMark> = Vec::new();
    for node in root.descendants() {
        if element_name(node) != Some("article") || inside_dropped(node) || is_dropped(node) {
            continue;
        }
        let own = |n: &NodeRef<'_, Node>| {
            n.ancestors()
                .find(|a| element_name(*a) == Some("article"))
                .is_some_and(|a| a.id() == node.id())
        };
        let time = node
            .descendants()
            .filter(own)
            .find_map(|n| {
                let el = n.value().as_element()?;
                (el.name() == "time").then(|| el.attr("datetime")).flatten()
            })
            .and_then(crate::page_meta::rfc3339_utc);
        let Some(time) = time else { continue };
        let title = node
            .descendants()
            .filter(own)
            .find(|n| {
                matches!(
                    element_name(*n),
                    Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                )
            })
            .map(|h| collapse(&subtree_text(h)))
            .filter(|t| !t.is_empty());
        marks.push(PostMark {
            node: node.id(),
            title,
            time: Some(time),
        });
    }
    // Posts are the innermost: an article holding posts (the live blog itself,
    // with its "updated" time in its header) is not one.
    let ids: std::collections::HashSet<_> = marks.iter().map(|m| m.node).collect();
    let containers: std::collections::HashSet<_> = marks
        .iter()
        .filter_map(|m| {
            let node = root.tree().get(m.node)?;
            node.ancestors().map(|a| a.id()).find(|a| ids.contains(a))
        })
        .collect();
    marks.retain(|m| !containers.contains(&m.node));
    if marks.len() < 2 {
        marks.clear();
    }
    marks
}

/// `<main>` when the page has one (outside dropped furniture), else `<body>`, else the document.
fn content_root(doc: &Html) -> NodeRef<'_, Node> {
    let document = doc.tree.root();
    let mut body = None;
    for node in document.descendants() {
        match element_name(node) {
            Some("main") if !inside_dropped(node) => return node,
            Some("body") if body.is_none() => body = Some(node),
            _ => {}
        }
    }
    body.unwrap_or(document)
}

/// The `<title>` text, whitespace collapsed, if it has any.
fn page_title(doc: &Html) -> Option<String> {
    let title = doc
        .tree
        .root()
        .descendants()
        .find(|n| element_name(*n) == Some("title"))?;
    let text = collapse(&subtree_text(title));
    (!text.is_empty()).then_some(text)
}

fn subtree_text(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Lines gathered so far and the one being built.
#[derive(Default)]
struct Blocks {
    /// The lines so far, end to end, each ending in `\n`: one buffer rather than a string a
    /// line (a page of 200,000 paragraphs made that 400,000 allocations).
    text: String,
    /// Where each line is in `text` (its `\n` not included).
    lines: Vec<Range<usize>>,
    current: String,
    /// Index in `lines` of the first `<h1>`'s line: the title.
    first_h1: Option<usize>,
    /// The elements that open a live-blog post, each with its index in the marks.
    marks: std::collections::HashMap<ego_tree::NodeId, usize>,
    /// The posts opened so far: the mark's index and its first line's index in
    /// `lines` (once seen; a post without text keeps `None`).
    post_lines: Vec<(usize, Option<usize>)>,
    /// Posts opened whose first line is still to come.
    open_posts: usize,
}

impl Blocks {
    /// Ends the current line (if it has any text) and returns its index.
    fn flush(&mut self) -> Option<usize> {
        let start = self.text.len();
        push_collapsed(&mut self.text, &self.current);
        self.current.clear();
        if self.text.len() == start {
            return None;
        }
        self.lines.push(start..self.text.len());
        self.text.push('\n');
        let index = self.lines.len() - 1;
        // The posts still waiting for a line are the last ones opened.
        let waiting = self.post_lines.len() - self.open_posts;
        for (_, line) in &mut self.post_lines[waiting..] {
            *line = Some(index);
        }
        self.open_posts = 0;
        Some(index)
    }

    /// A post element opens: its first line, whenever it comes, starts the post.
    fn open_post(&mut self, mark: usize) {
        self.flush();
        self.post_lines.push((mark, None));
        self.open_posts += 1;
    }
}

/// Walks the tree without recursion (pages can nest deeply), skipping dropped subtrees.
fn walk(root: NodeRef<'_, Node>, out: &mut Blocks) {
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => out.current.push_str(text),
                    Node::Element(_) if is_dropped(node) => skipping = Some(node.id()),
                    Node::Element(el) => {
                        if let Some(&mark) = out.marks.get(&node.id()) {
                            out.open_post(mark);
                        }
                        open_element(el.name(), out)
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    close_element(el.name(), out);
                }
            }
        }
    }
}

fn open_element(name: &str, out: &mut Blocks) {
    match name {
        "br" => {
            out.flush();
        }
        "q" => out.current.push('\u{201c}'),
        "td" | "th" => out.current.push(' '),
        _ if BLOCKS.contains(&name) => {
            out.flush();
        }
        _ => {}
    }
}

fn close_element(name: &str, out: &mut Blocks) {
    match name {
        "q" => out.current.push('\u{201d}'),
        "td" | "th" => out.current.push(' '),
        "h1" => {
            let line = out.flush();
            if out.first_h1.is_none() {
                out.first_h1 = line;
            }
        }
        _ if BLOCKS.contains(&name) => {
            out.flush();
        }
        _ => {}
    }
}

/// Whether an element and all it holds is page furniture, not article text.
fn is_dropped(node: NodeRef<'_, Node>) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    let name = el.name();
    if DROPPED.contains(&name) {
        return true;
    }
    if name == "header" && !node.ancestors().any(heads_content) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if el.attr("role").is_some_and(|roles| {
        roles
            .split_ascii_whitespace()
            .any(|r| DROPPED_ROLES.iter().any(|d| r.eq_ignore_ascii_case(d)))
    }) {
        return true;
    }
    let is_ad_token = |token: &str| AD_MARKERS.iter().any(|m| token.eq_ignore_ascii_case(m));
    el.classes().any(is_ad_token) || el.id().is_some_and(is_ad_token)
}

/// An `<article>` or `<main>`: a header inside one heads it rather than the page.
fn heads_content(node: NodeRef<'_, Node>) -> bool {
    matches!(element_name(node), Some("article" | "main"))
}

fn inside_dropped(node: NodeRef<'_, Node>) -> bool {
    node.ancestors().any(is_dropped)
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|el| el.name())
}

/// Every run of whitespace (no-break spaces included) one space; trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::new();
    push_collapsed(&mut out, text);
    out
}

/// Appends `text` collapsed as [`collapse`] does, without a string of its own.
fn push_collapsed(out: &mut String, text: &str) {
    if is_collapsed(text) {
        out.push_str(text);
        return;
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether `text` is collapsed already (most paragraphs are): ASCII, with single spaces
/// between words and none at either end. One look at each byte, where splitting at
/// whitespace decodes every character.
fn is_collapsed(text: &str) -> bool {
    let mut after_space = true;
    for &b in text.as_bytes() {
        let space = b == b' ';
        // ASCII whitespace other than a space (U+000B included, which `char` counts).
        if space && after_space || !b.is_ascii() || b.is_ascii_whitespace() && !space || b == 0x0b {
            return false;
        }
        after_space = space;
    }
    !after_space || text.is_empty()
}

/// Whether bytes of unknown type look like an HTML page (for stdin and untyped
/// responses): after any byte-order mark and whitespace, a doctype, `<html>` or
/// a comment opens it.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<!--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_first_then_blocks_one_a_line() {
        let html = "<html><head><title>Site | Page</title></head><body>\
            <p>Kicker</p><h1>The  headline</h1><p>One <b>bold</b>\n claim.</p>\
            <ul><li>first</li><li>second</li></ul><blockquote>Quoted words.</blockquote></body></html>";
        assert_eq!(
            html_to_text(html),
            "The headline\nKicker\nOne bold claim.\nfirst\nsecond\nQuoted words.\n"
        );
    }

    #[test]
    fn title_element_is_the_fallback() {
        let html = "<title> Page\ttitle </title><p>Text.</p>";
        assert_eq!(html_to_text(html), "Page title\nText.\n");
    }

    #[test]
    fn furniture_is_dropped() {
        let html = r#"<body><header><a>Home</a><h1>Site name</h1></header>
            <nav><ul><li>World</li></ul></nav>
            <main><article><header><h1>Headline</h1><p>Standfirst.</p></header>
            <p>Body text.<script>var x = "said";</script></p>
            <figure><img src="a.jpg"><figcaption>A caption said.</figcaption></figure>
            <div class="ad slot">Buy now</div><div id="advert">Buy more</div>
            <div class="shadow">Kept text.</div>
            <p hidden>Hidden.</p><p aria-hidden="true">Also hidden.</p>
            <div role="complementary">Related.</div>
            <form><label>Email</label><button>Sign up</button></form>
            <footer>Share this</footer></article>
            <aside>Most read</aside></main><footer>Copyright</footer></body>"#;
        assert_eq!(
            html_to_text(html),
            "Headline\nStandfirst.\nBody text.\nKept text.\n"
        );
    }

    #[test]
    fn broken_markup_is_parsed_as_a_browser_would() {
        // Unclosed paragraphs and a stray end tag.
        let html = "<p>One.<p>Two &amp; three.</span><p>Four&nbsp;five.";
        assert_eq!(html_to_text(html), "One.\nTwo & three.\nFour five.\n");
    }

    #[test]
    fn inline_quotes_and_line_breaks() {
        let html = "<p>He said <q>no</q>.<br>Next line.</p>";
        assert_eq!(
            html_to_text(html),
            "He said \u{201c}no\u{201d}.\nNext line.\n"
        );
    }

    #[test]
    fn empty_and_textless_pages_give_empty_text() {
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("<script>x</script><nav>menu</nav>"), "");
    }

    #[test]
    fn deeply_nested_markup_still_gives_its_text() {
        // html5ever's parse is quadratic in nesting depth, so this stays modest.
        let html = format!("{}deep{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
        assert_eq!(html_to_text(&html), "deep\n");
    }

    #[test]
    fn collapsed_text_is_told_from_text_to_collapse() {
        for text in [
            "",
            " ",
            "a",
            "a b",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "a\u{b}b",
            "a\u{a0}b",
            "é b",
            "a\u{3000}b",
        ] {
            let mut out = String::new();
            push_collapsed(&mut out, text);
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(out, words.join(" "), "{text:?}");
            // Non-ASCII text takes the long way, collapsed or not.
            assert_eq!(
                is_collapsed(text),
                out == text && text.is_ascii(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn html_is_recognised_by_its_opening() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><p>x"));
        assert!(looks_like_html("<html lang=en>"));
        assert!(!looks_like_html("Plain text, said she."));
    }
}
