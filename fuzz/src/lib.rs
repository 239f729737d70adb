//! The property every fuzz input is held to: `extract` returns, never panics, and
//! every claim is exactly `text[start..end]`.

pub fn check(data: &[u8]) {
    // Ingest refuses non-UTF-8 before extraction, so only text reaches `extract`;
    // lossy decoding still lets every byte string exercise it.
    let text = String::from_utf8_lossy(data);
    let extraction = claimtrack::extract::extract(&text);
    for claim in &extraction.claims {
        assert!(claim.start <= claim.end, "start after end: {claim:?}");
        assert_eq!(
            text.get(claim.start..claim.end),
            Some(claim.text.as_str()),
            "claim is not text[start..end]"
        );
    }
    for span in claimtrack::extract::sentence_spans(&text) {
        assert!(text.get(span.clone()).is_some(), "bad sentence span {span:?}");
    }
}
