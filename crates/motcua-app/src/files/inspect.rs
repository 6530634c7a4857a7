//! What an upload really is: each accepted format parsed whole, within fixed
//! bounds, before a byte of it is stored.
//!
//! The first bytes only say which parser to try. A file is accepted when that
//! parser reads all of it: a PDF's objects and streams, a PNG's chunks and
//! compressed rows, a JPEG's segments and pixels, an office document's ZIP
//! entries and their XML parts. Decompression is counted as it runs and stops
//! at a bound, so a bomb costs a bounded amount of work. Active content (PDF
//! actions and scripts, embedded files, office macros) is refused, and so is
//! anything that is also something else: data before or after the format's
//! own end, or a second format's signature where its readers look for it.

use super::bounds::{Refusal, contains};
use super::{MediaType, image, office, pdf};

/// The accepted type of `bytes`, or why they are refused. Reads all of the
/// file; run it off the async threads for large files.
pub fn inspect(bytes: &[u8]) -> Result<MediaType, Refusal> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let media_type = if bytes.starts_with(b"%PDF-") {
        pdf::check(bytes)?;
        MediaType::Pdf
    } else if bytes.starts_with(b"\x89PNG\r\n\x1A\n") {
        image::check_png(bytes)?;
        MediaType::Png
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        image::check_jpeg(bytes)?;
        MediaType::Jpeg
    } else if bytes.starts_with(b"PK\x03\x04") {
        office::check(bytes)?
    } else if bytes.starts_with(OLE) {
        return Err(Refusal::LegacyOffice);
    } else {
        return Err(Refusal::NotAccepted);
    };
    refuse_second_format(bytes, media_type)?;
    Ok(media_type)
}

/// Refuses a file that another format's readers would also open: PDF readers
/// look for `%PDF-` anywhere in the first 1024 bytes, ZIP readers for the end
/// of central directory anywhere in the last 64 KiB.
fn refuse_second_format(bytes: &[u8], media_type: MediaType) -> Result<(), Refusal> {
    let head = &bytes[..bytes.len().min(1024)];
    if media_type != MediaType::Pdf && contains(&head[1..], b"%PDF-") {
        return Err(Refusal::HiddenContent);
    }
    let is_zip = matches!(media_type, MediaType::Docx | MediaType::Xlsx | MediaType::Odt);
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024 + 22)..];
    if !is_zip && contains(tail, b"PK\x05\x06") {
        return Err(Refusal::HiddenContent);
    }
    Ok(())
}
