//! JSON array and JSON-lines output, streamed row by row.

use serde::Serialize;
use std::io::{self, Write};

/// Writes a JSON array one element at a time, so memory stays flat however many
/// rows go through it. Call [`JsonArrayWriter::finish`] to close the array.
pub struct JsonArrayWriter<W: Write> {
    out: W,
    count: u64,
    /// Whether `<` is written as `\u003c` (see [`JsonArrayWriter::script_safe`]).
    escape_lt: bool,
}

impl<W: Write> JsonArrayWriter<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArrayWriter {
            out,
            count: 0,
            escape_lt: false,
        })
    }

    /// An array that can be pasted into an HTML `<script>` block as it is: no
    /// `</script>` (or `<!--`) from a claim's text can end the block early.
    pub fn script_safe(out: W) -> io::Result<Self> {
        let mut writer = JsonArrayWriter::new(out)?;
        writer.escape_lt = true;
        Ok(writer)
    }

    pub fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
        write_escaped(&mut self.out, row, self.escape_lt)?;
        self.count += 1;
        Ok(())
    }

    /// Closes the array and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out
            .write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })?;
        Ok(self.out)
    }
}

/// Writes one JSON object and a newline (JSON lines). U+2028 and U+2029 are
/// escaped: some line readers (and JavaScript before ES2019) take them for line
/// ends, which would cut a record in two.
pub fn write_line<T: Serialize, W: Write>(out: &mut W, row: &T) -> io::Result<()> {
    write_escaped(&mut *out, row, false)?;
    out.write_all(b"\n")
}

/// Serialises `row` with U+2028, U+2029 and (if `escape_lt`) `<` as `\u` escapes,
/// which serde_json leaves raw. They can only occur inside strings, where the
/// escape means the same character.
fn write_escaped<T: Serialize, W: Write>(out: &mut W, row: &T, escape_lt: bool) -> io::Result<()> {
    let json = serde_json::to_vec(row).map_err(io::Error::from)?;
    let mut start = 0;
    let mut at = 0;
    while at < json.len() {
        let escape: Option<(&[u8], usize)> = match &json[at..] {
            [b'<', ..] if escape_lt => Some((b"\\u003c", 1)),
            [0xE2, 0x80, 0xA8, ..] => Some((b"\\u2028", 3)),
            [0xE2, 0x80, 0xA9, ..] => Some((b"\\u2029", 3)),
            _ => None,
        };
        match escape {
            Some((text, len)) => {
                out.write_all(&json[start..at])?;
                out.write_all(text)?;
                at += len;
                start = at;
            }
            None => at += 1,
        }
    }
    out.write_all(&json[start..])
}

/// Writes one value as indented JSON and a newline.
pub fn write_pretty<T: Serialize, W: Write>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_array_parses_back() {
        let mut writer = JsonArrayWriter::new(Vec::new()).unwrap();
        writer.write(&serde_json::json!({"a": 1})).unwrap();
        writer.write(&serde_json::json!({"a": "x\"y"})).unwrap();
        let bytes = writer.finish().unwrap();
        let back: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1]["a"], "x\"y");
    }

    #[test]
    fn line_separators_and_script_ends_are_escaped() {
        let row = serde_json::json!({"t": "a\u{2028}b\u{2029}</script><!--"});
        let mut line = Vec::new();
        write_line(&mut line, &row).unwrap();
        let text = String::from_utf8(line).unwrap();
        assert_eq!(text, "{\"t\":\"a\\u2028b\\u2029</script><!--\"}\n");
        let mut safe = JsonArrayWriter::script_safe(Vec::new()).unwrap();
        safe.write(&row).unwrap();
        let bytes = safe.finish().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            !text.contains('<') && text.contains("\\u003c/script>"),
            "{text}"
        );
        let back: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back[0], row);
    }

    #[test]
    fn empty_array_is_valid_json() {
        let bytes = JsonArrayWriter::new(Vec::new()).unwrap().finish().unwrap();
        let back: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
        assert!(back.is_empty());
    }
}
