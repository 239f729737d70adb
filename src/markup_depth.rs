//! A bound on how deeply a page's elements nest, applied to the markup before the
//! HTML parser sees it.
//!
//! The HTML5 tree builder checks "is a `<p>` open in button scope?" and the like by
//! walking its stack of open elements, so every tag costs time in proportion to the
//! depth: 100,000 nested `<div>`s took 14 s, 200,000 took 98 s. No article nests
//! that deep, so elements beyond [`MAX_DEPTH`] lose their tags (and keep their
//! text): a block element's tags become `<br>`, which keeps its text on lines of
//! its own, and an inline element's tags are dropped. A page within the bound,
//! which is every real page, is passed on untouched.
//!
//! Depth is counted over the elements that must be closed explicitly: void elements
//! (`<br>`, `<img>`) and those whose end tag HTML lets a page leave out (`<p>`,
//! `<li>`, `<td>`, …) would count pages with unclosed paragraphs as deep.

use std::borrow::Cow;

/// Nesting depth kept; deeper elements are flattened. Real article markup stays
/// far below it (tens of levels).
pub const MAX_DEPTH: usize = 64;

/// Elements never closed, or whose end tag may be left out: not counted.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is raw text: no tags inside them.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that make a line of their own (flattened to `<br>`); see `html::BLOCKS`.
const BLOCK_LIKE: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "main",
    "ol",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// `html` with elements nested deeper than [`MAX_DEPTH`] flattened (see the module
/// documentation); borrowed as it is when nothing nests that deep.
pub fn bound_depth(html: &str) -> Cow<'_, str> {
    let mut depth = 0usize;
    let too_deep = tags(html).any(|tag| {
        depth_change(&tag).is_some_and(|change| {
            step(&mut depth, change);
            depth > MAX_DEPTH
        })
    });
    if !too_deep {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0;
    // Where `out` ended after the last `<br>` written for a flattened block: a run
    // of flattened tags with only whitespace between them needs one `<br>`, not one
    // each (which the parser would have to build as 200,000 elements).
    let mut after_break = None;
    depth = 0;
    for tag in tags(html) {
        let Some(change) = depth_change(&tag) else {
            continue;
        };
        let before = depth;
        step(&mut depth, change);
        if before.max(depth) <= MAX_DEPTH {
            continue;
        }
        let between = &html[copied..tag.start];
        let only_space = between.bytes().all(|b| b.is_ascii_whitespace());
        if !(only_space && after_break == Some(out.len())) {
            out.push_str(between);
        }
        if is_one_of(tag.name, BLOCK_LIKE) && after_break != Some(out.len()) {
            out.push_str("<br>");
            after_break = Some(out.len());
        }
        copied = tag.end;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn is_one_of(name: &str, names: &[&str]) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

fn step(depth: &mut usize, change: i8) {
    if change > 0 {
        *depth += 1;
    } else {
        *depth = depth.saturating_sub(1);
    }
}

/// +1 for a counted start tag, -1 for a counted end tag, `None` for the rest.
fn depth_change(tag: &Tag<'_>) -> Option<i8> {
    if tag.self_closing || is_one_of(tag.name, UNCOUNTED) {
        return None;
    }
    Some(if tag.closing { -1 } else { 1 })
}

/// A start or end tag: where it is in the markup, and its name as written.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// The tags of `html` in order, skipping comments, doctypes and the content of
/// raw-text elements; one pass, linear in the length of the markup.
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // A tag straight after the last (nested markup: "<div><div>...") needs no search.
            let open = match bytes.get(at) {
                Some(b'<') => at,
                _ => at + memchr::memchr(b'<', bytes.get(at..)?)?,
            };
            let rest = &bytes[open..];
            if rest.starts_with(b"<!--") {
                at = find(bytes, open + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                continue;
            }
            if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
                at = find(bytes, open + 2, b">").map_or(bytes.len(), |e| e + 1);
                continue;
            }
            let closing = rest.get(1) == Some(&b'/');
            let name_at = open + 1 + usize::from(closing);
            let name_len = bytes[name_at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
            if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
                at = open + 1;
                continue;
            }
            let name = &html[name_at..name_at + name_len];
            let end = tag_end(bytes, name_at + name_len);
            let self_closing = end >= 2 && bytes[end - 2] == b'/';
            at = end;
            if !closing && is_one_of(name, RAW_TEXT) {
                // Skip to the element's end tag: its content holds no tags.
                let close = format!("</{name}");
                at = find_ignoring_case(bytes, at, close.as_bytes()).unwrap_or(bytes.len());
            }
            return Some(Tag {
                start: open,
                end,
                name,
                closing,
                self_closing,
            });
        }
    })
}

/// Where a tag whose attributes start at `from` ends (after its `>`), quoted
/// attribute values (which may hold `>`) skipped.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Where `needle` is in `bytes` from `from` on (memchr's vectorised search: the text
/// between tags is most of a page).
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| p + from)
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass_untouched() {
        let page = "<html><body><div><p>One<p>Two<br><img src='a>b'></div>\
                    <script>if (a < b) { x = '<div>'; }</script><!-- <div> --></body></html>";
        assert!(matches!(bound_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text_and_lines() {
        let n = MAX_DEPTH + 50;
        let page = format!(
            "<body>{}<span>deep</span> text{}<p>after</p></body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_depth(&page);
        assert_eq!(bounded.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("<br>").count(), 2, "one a run: {bounded}");
        assert!(bounded.contains("deep</span> text") || bounded.contains("deep text"));
        let text = crate::html::html_to_text(&page);
        assert_eq!(text, "deep text\nafter\n");
    }
}
