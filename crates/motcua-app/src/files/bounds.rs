//! What every reader of an upload shares: the fixed bounds a file must stay
//! within, the reasons a file is refused, byte search, and the counter that
//! stops decompression at its bound.

use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// The most pages a PDF may have.
pub const MAX_PDF_PAGES: u64 = 1_000;

/// The most pixels an image may have (width times height): 50 megapixels,
/// more than any phone camera or A3 scan at 300 dpi.
pub const MAX_PIXELS: u64 = 50_000_000;

/// The most bytes all of a file's compressed content may unpack to.
pub const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// Below this many unpacked bytes, a compressed part is never taken for a
/// bomb: a blank page scanned in grey at 300 dpi unpacks to about 9 MB from
/// almost nothing.
const SMALL_PART: u64 = 16 * 1024 * 1024;

/// The highest ratio of unpacked to packed size allowed for a part bigger than
/// [`SMALL_PART`]. Text and scans compress by 2 to 20; bombs by thousands.
const MAX_RATIO: u64 = 200;

/// Why an upload was refused. Each reason is shown to the user in their
/// language, so it says what is wrong with the file, not how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// Not one of the accepted formats.
    NotAccepted,
    /// A legacy Office file (`.doc`, `.xls`): its container can carry macros
    /// that cannot be checked; the user should save it as DOCX, XLSX or PDF.
    LegacyOffice,
    /// The file is cut short, only a header, or otherwise unreadable.
    Damaged,
    /// Another file is hidden inside or after this one.
    HiddenContent,
    /// Scripts, actions that run on opening, embedded files or macros.
    ActiveContent,
    /// Protected by a password or encrypted.
    Encrypted,
    /// A PDF with more than [`MAX_PDF_PAGES`] pages.
    TooManyPages,
    /// Unpacks to far more data than its size suggests (a decompression bomb).
    Unpacks,
    /// An image of more than [`MAX_PIXELS`] pixels.
    TooManyPixels,
}

impl Refusal {
    /// A stable key for the reason, for messages and logs.
    pub fn key(&self) -> &'static str {
        match self {
            Refusal::NotAccepted => "not_accepted",
            Refusal::LegacyOffice => "legacy_office",
            Refusal::Damaged => "damaged",
            Refusal::HiddenContent => "hidden_content",
            Refusal::ActiveContent => "active_content",
            Refusal::Encrypted => "encrypted",
            Refusal::TooManyPages => "too_many_pages",
            Refusal::Unpacks => "unpacks",
            Refusal::TooManyPixels => "too_many_pixels",
        }
    }
}

/// Whether `needle` occurs in `haystack`.
pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle, 0).is_some()
}

/// Where `needle` first occurs in `haystack` at or after `from`.
pub(super) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        let offset = haystack[at..=haystack.len() - needle.len()].iter().position(|&b| b == first)?;
        at += offset;
        if &haystack[at..at + needle.len()] == needle {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// Counts what compressed parts unpack to, across one file.
#[derive(Debug)]
pub(super) struct Unpacking {
    total: u64,
}

impl Unpacking {
    pub(super) fn new() -> Unpacking {
        Unpacking { total: 0 }
    }

    /// Whether a part announcing these sizes could be a document rather
    /// than a bomb.
    pub(super) fn plausible(packed: u64, unpacked: u64) -> bool {
        unpacked <= SMALL_PART.max(packed.saturating_mul(MAX_RATIO))
    }

    /// Inflates one part (zlib-wrapped or raw DEFLATE), handing each piece of
    /// output to `sink`. Fails as soon as the part unpacks past `limit` (by
    /// default, its ratio) or the file past [`MAX_UNPACKED`], and when the
    /// data is not a whole, valid stream. Answers the part's unpacked size.
    pub(super) fn inflate(
        &mut self,
        packed: &[u8],
        format: DataFormat,
        limit: Option<u64>,
        mut sink: impl FnMut(&[u8]),
    ) -> Result<u64, Refusal> {
        let part_limit = limit.unwrap_or_else(|| SMALL_PART.max((packed.len() as u64).saturating_mul(MAX_RATIO)));
        let mut state = InflateState::new_boxed(format);
        let mut buffer = vec![0u8; 64 * 1024];
        let mut input = packed;
        let mut unpacked = 0u64;
        loop {
            let result = inflate(&mut state, input, &mut buffer, MZFlush::None);
            input = &input[result.bytes_consumed..];
            unpacked += result.bytes_written as u64;
            self.total += result.bytes_written as u64;
            if unpacked > part_limit || self.total > MAX_UNPACKED {
                return Err(Refusal::Unpacks);
            }
            sink(&buffer[..result.bytes_written]);
            match result.status {
                Ok(MZStatus::StreamEnd) => return Ok(unpacked),
                Ok(_) if result.bytes_consumed > 0 || result.bytes_written > 0 => {}
                // No progress: the stream is cut short.
                Ok(_) | Err(MZError::Buf) => return Err(Refusal::Damaged),
                Err(_) => return Err(Refusal::Damaged),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_needles() {
        assert_eq!(find(b"abcabc", b"ca", 0), Some(2));
        assert_eq!(find(b"abcabc", b"abc", 1), Some(3));
        assert_eq!(find(b"abc", b"abcd", 0), None);
        assert_eq!(find(b"", b"a", 0), None);
        assert!(!contains(b"aaaa", b"b"));
    }

    #[test]
    fn stops_a_bomb_early() {
        let zeros = vec![0u8; 32 * 1024 * 1024];
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 9);
        let mut seen = 0u64;
        let outcome = Unpacking::new().inflate(&packed, DataFormat::Zlib, None, |piece| seen += piece.len() as u64);
        assert_eq!(outcome, Err(Refusal::Unpacks));
        assert!(seen <= SMALL_PART.max(packed.len() as u64 * MAX_RATIO) + 64 * 1024);

        let text = b"Don de nghi cap giay phep xay dung ".repeat(100);
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        assert_eq!(Unpacking::new().inflate(&packed, DataFormat::Zlib, None, |_| {}), Ok(text.len() as u64));
        assert_eq!(
            Unpacking::new().inflate(&packed[..packed.len() / 2], DataFormat::Zlib, None, |_| {}),
            Err(Refusal::Damaged)
        );
    }
}
