//! `--search`: what a reviewer types, as an FTS5 query on `claims_fts`.
//!
//! Words are matched whole (`minister` finds "Minister" and "minister's", not
//! "ministers"); a word ending in `*` is a prefix (`minist*`); text between quote
//! marks, straight or curly, is a phrase. Every word must be there. Case,
//! diacritics and quote styles are folded by the index's tokenizer and by
//! [`crate::fold::fold`] here, so nothing the reviewer types is FTS5 syntax: each
//! word goes into the query as a quoted string.

/// The FTS5 query for a reviewer's search text, or why there is none.
pub fn search_expression(text: &str) -> Result<String, String> {
    let folded = crate::fold::fold(text);
    let mut terms = Vec::new();
    // Quote marks split the text: odd pieces were inside quotes (phrases).
    for (index, piece) in folded.split('"').enumerate() {
        if index % 2 == 1 {
            terms.extend(term(piece, false));
        } else {
            for word in piece.split_whitespace() {
                let (word, prefix) = match word.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (word, false),
                };
                terms.extend(term(word, prefix));
            }
        }
    }
    if terms.is_empty() {
        return Err(format!(
            "nothing to search for in '{text}': give at least one word"
        ));
    }
    Ok(terms.join(" "))
}

/// One word or phrase as an FTS5 string; `None` when it has no letter or digit
/// (the tokenizer would find no word in it, and an empty phrase matches nothing).
fn term(words: &str, prefix: bool) -> Option<String> {
    if !words.chars().any(char::is_alphanumeric) {
        return None;
    }
    let star = if prefix { "*" } else { "" };
    Some(format!("\"{}\"{star}", words.trim()))
}

#[cfg(test)]
mod tests {
    use super::search_expression;

    #[test]
    fn words_phrases_and_prefixes_become_quoted_terms() {
        assert_eq!(
            search_expression("Pentagon said").unwrap(),
            r#""pentagon" "said""#
        );
        assert_eq!(
            search_expression("curly “quotes here” too").unwrap(),
            r#""curly" "quotes here" "too""#
        );
        assert_eq!(search_expression("minist*").unwrap(), r#""minist"*"#);
        assert_eq!(search_expression("Çavuşoğlu").unwrap(), r#""cavusoglu""#);
    }

    #[test]
    fn fts_syntax_typed_by_a_reviewer_is_just_text() {
        assert_eq!(
            search_expression("NOT (a OR b) NEAR:x").unwrap(),
            r#""not" "(a" "or" "b)" "near:x""#
        );
        assert!(search_expression(" \" - ' ").is_err());
    }
}
