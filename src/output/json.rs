//! JSON array and JSON-lines output, streamed row by row.

use serde::Serialize;
use std::io::{self, Write};

/// Writes a JSON array one element at a time, so memory stays flat however many
/// rows go through it. Call [`JsonArrayWriter::finish`] to close the array.
pub struct JsonArrayWriter<W: Write> {
    out: W,
    count: u64,
}

impl<W: Write> JsonArrayWriter<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArrayWriter { out, count: 0 })
    }

    pub fn write<T: Serialize>(&mut self, row: &T) -> io::Result<()> {
        self.out
            .write_all(if self.count == 0 { b"\n  " } else { b",\n  " })?;
        serde_json::to_writer(&mut self.out, row).map_err(io::Error::from)?;
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

/// Writes one JSON object and a newline (JSON lines).
pub fn write_line<T: Serialize, W: Write>(out: &mut W, row: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, row).map_err(io::Error::from)?;
    out.write_all(b"\n")
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
    fn empty_array_is_valid_json() {
        let bytes = JsonArrayWriter::new(Vec::new()).unwrap().finish().unwrap();
        let back: Vec<serde_json::Value> = serde_json::from_slice(&bytes).unwrap();
        assert!(back.is_empty());
    }
}
