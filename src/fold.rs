//! Text folding for matching what a reviewer types against what an article says:
//! "çavuşoğlu" finds "Çavuşoğlu", `"quotes"` finds “quotes”. The same rules as the
//! full-text index's tokenizer (`unicode61 remove_diacritics 2`), for the filters
//! that match substrings rather than words (`--speaker`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` in lower case (all of Unicode), without diacritics, with every quote
/// mark straight (`'` or `"`) and every run of whitespace one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match fold_letter(c) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Letters and marks that decomposition leaves alone but a reader takes for plain
/// ones: stroked and dotless letters, ligatures, and the quote marks.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ħ' | 'Ħ' => "h",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics_of_all_scripts() {
        assert_eq!(fold("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
        assert_eq!(fold("ÇAVUŞOĞLU"), "cavusoglu");
        assert_eq!(fold("Łukasz Ørsted İstanbul"), "lukasz orsted istanbul");
        assert_eq!(fold("Ἀθῆναι"), "αθηναι");
        assert_eq!(fold("МИД России"), "мид россии");
    }

    #[test]
    fn folds_quote_marks_and_spaces() {
        assert_eq!(
            fold("curly “quotes”  and ‘single’"),
            "curly \"quotes\" and 'single'"
        );
        assert_eq!(fold("«Kremlin»"), "\"kremlin\"");
    }
}
