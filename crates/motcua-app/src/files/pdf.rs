//! A bounded reading of a PDF's object structure: enough to know it is whole,
//! how many pages it has, and that it carries nothing that runs.
//!
//! The file is read token by token as the PDF syntax defines them (comments,
//! strings, names, dictionaries, arrays, streams), never by searching raw
//! bytes for words, so a word inside a string or in compressed data is not
//! taken for a key, and a name spelt with `#xx` escapes is decoded before it
//! is judged. Every stream is unpacked once, counted against the bounds of
//! [`Unpacking`]; object streams (`/Type /ObjStm`), which hold dictionaries,
//! are read the same way as the file. A PDF must start with its header, end
//! with `startxref`, an offset that points at a cross-reference table or
//! stream, and `%%EOF` (then nothing but white space), and have a page.

use miniz_oxide::DataFormat;

use super::bounds::{MAX_PDF_PAGES, Refusal, Unpacking, find};

/// Names whose presence means something runs, opens or is carried inside:
/// scripts, actions that launch, submit, import or go to another file,
/// additional-action triggers, embedded files and rich media, XFA forms.
const ACTIVE: &[&[u8]] = &[
    b"JavaScript",
    b"JS",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"GoToE",
    b"GoToR",
    b"AA",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"XFA",
    b"Sound",
    b"Movie",
    b"Rendition",
];

/// Stream filters whose output is counted ([`Unpacking`]) or that only
/// carry image data a viewer decodes with its own bounds.
const IMAGE_FILTERS: &[&[u8]] = &[b"DCTDecode", b"JPXDecode", b"CCITTFaxDecode", b"JBIG2Decode"];

/// The most bytes an object stream's content may take when kept for reading.
const MAX_OBJECT_STREAM: u64 = 16 * 1024 * 1024;

/// Checks a whole PDF.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    check_header(bytes)?;
    check_trailer(bytes)?;
    let mut reading = Reading { pages: 0, unpacking: Unpacking::new() };
    reading.objects(bytes, true)?;
    if reading.pages == 0 {
        return Err(Refusal::Damaged);
    }
    if reading.pages > MAX_PDF_PAGES {
        return Err(Refusal::TooManyPages);
    }
    Ok(())
}

/// `%PDF-1.0` to `%PDF-1.7`, or `%PDF-2.0`, then an end of line.
fn check_header(bytes: &[u8]) -> Result<(), Refusal> {
    let version = bytes.get(5..8).ok_or(Refusal::Damaged)?;
    let known = matches!(version, [b'1', b'.', b'0'..=b'7']) || version == b"2.0";
    if !known || !matches!(bytes.get(8), Some(b'\r' | b'\n' | b' ')) {
        return Err(Refusal::Damaged);
    }
    Ok(())
}

/// The end: `startxref`, an offset, `%%EOF`, then only white space. Anything
/// else after the last `%%EOF` is another file appended to this one.
fn check_trailer(bytes: &[u8]) -> Result<(), Refusal> {
    let end = bytes.len() - bytes.iter().rev().take_while(|b| is_white(**b)).count();
    let body = &bytes[..end];
    if !body.ends_with(b"%%EOF") {
        return Err(if super::bounds::contains(body, b"%%EOF") { Refusal::HiddenContent } else { Refusal::Damaged });
    }
    let before = &body[..body.len() - 5];
    let before = &before[..before.len() - before.iter().rev().take_while(|b| is_white(**b)).count()];
    let digits = before.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 12 {
        return Err(Refusal::Damaged);
    }
    let offset: usize = std::str::from_utf8(&before[before.len() - digits..])
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or(Refusal::Damaged)?;
    let keyword = &before[..before.len() - digits];
    let keyword = &keyword[..keyword.len() - keyword.iter().rev().take_while(|b| is_white(**b)).count()];
    if !keyword.ends_with(b"startxref") {
        return Err(Refusal::Damaged);
    }
    // The offset names a cross-reference table (`xref`) or the object that
    // holds a cross-reference stream (`12 0 obj`).
    let at = bytes.get(offset..).ok_or(Refusal::Damaged)?;
    let is_object = {
        let number = at.iter().take_while(|b| b.is_ascii_digit()).count();
        let rest = &at[number..];
        let gap = rest.iter().take_while(|b| is_white(**b)).count();
        let generation = rest[gap..].iter().take_while(|b| b.is_ascii_digit()).count();
        let rest = &rest[gap + generation..];
        let gap2 = rest.iter().take_while(|b| is_white(**b)).count();
        number > 0 && gap > 0 && generation > 0 && rest[gap2..].starts_with(b"obj")
    };
    if at.starts_with(b"xref") || is_object { Ok(()) } else { Err(Refusal::Damaged) }
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// What is open while reading: a dictionary with the key waiting for its
/// value, or an array.
#[derive(Debug, Default)]
struct Frame {
    is_array: bool,
    key: Option<Vec<u8>>,
    type_name: Option<Vec<u8>>,
    filters: Vec<Vec<u8>>,
}

/// The stream dictionary last closed at the outermost level.
#[derive(Debug, Default)]
struct StreamDict {
    type_name: Option<Vec<u8>>,
    filters: Vec<Vec<u8>>,
}

#[derive(Debug)]
struct Reading {
    pages: u64,
    unpacking: Unpacking,
}

impl Reading {
    /// Reads objects from `bytes`: the whole file (`top`), or the content of
    /// an object stream, where streams cannot occur.
    fn objects(&mut self, bytes: &[u8], top: bool) -> Result<(), Refusal> {
        let mut frames: Vec<Frame> = Vec::new();
        let mut last_dict = StreamDict::default();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if is_white(b) {
                at += 1;
            } else if b == b'%' {
                at += bytes[at..].iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(bytes.len() - at);
            } else if b == b'(' {
                at = skip_literal_string(bytes, at)?;
                value_done(&mut frames);
            } else if bytes[at..].starts_with(b"<<") {
                if let Some(frame) = frames.last()
                    && !frame.is_array
                    && frame.key.as_deref() == Some(b"OpenAction")
                {
                    // An action dictionary run on opening; a destination
                    // (an array) is only where to open.
                    return Err(Refusal::ActiveContent);
                }
                frames.push(Frame::default());
                at += 2;
            } else if bytes[at..].starts_with(b">>") {
                let frame = frames.pop().filter(|f| !f.is_array).ok_or(Refusal::Damaged)?;
                if frames.is_empty() {
                    last_dict = StreamDict { type_name: frame.type_name, filters: frame.filters };
                }
                value_done(&mut frames);
                at += 2;
            } else if b == b'<' {
                at += bytes[at..].iter().position(|&c| c == b'>').ok_or(Refusal::Damaged)? + 1;
                value_done(&mut frames);
            } else if b == b'[' {
                frames.push(Frame { is_array: true, ..Frame::default() });
                at += 1;
            } else if b == b']' {
                frames.pop().filter(|f| f.is_array).ok_or(Refusal::Damaged)?;
                value_done(&mut frames);
                at += 1;
            } else if b == b'/' {
                let (name, next) = read_name(bytes, at + 1)?;
                at = next;
                if ACTIVE.contains(&name.as_slice()) {
                    return Err(Refusal::ActiveContent);
                }
                if name == b"Encrypt" {
                    return Err(Refusal::Encrypted);
                }
                self.take_name(&mut frames, name);
            } else if matches!(b, b')' | b'>' | b'{' | b'}') {
                return Err(Refusal::Damaged);
            } else {
                let length = bytes[at..].iter().take_while(|&&c| !is_white(c) && !is_delimiter(c)).count();
                let word = &bytes[at..at + length];
                at += length;
                if word == b"stream" {
                    if !top || !frames.is_empty() {
                        return Err(Refusal::Damaged);
                    }
                    at = self.stream(bytes, at, &std::mem::take(&mut last_dict))?;
                } else if let Some(frame) = frames.last_mut()
                    && !frame.is_array
                    && frame.key.is_some()
                    && word != b"R"
                {
                    // A number, `true`, `null`… is the value; the `0 R` of a
                    // reference that follows finds no key waiting.
                    frame.key = None;
                }
            }
        }
        if frames.is_empty() { Ok(()) } else { Err(Refusal::Damaged) }
    }

    /// A name read inside the open frames: a key, or the value of one.
    fn take_name(&mut self, frames: &mut [Frame], name: Vec<u8>) {
        let Some(frame) = frames.last_mut() else { return };
        if frame.is_array {
            // `/Filter [/FlateDecode /DCTDecode]`: the array is the filter's value.
            let len = frames.len();
            if len >= 2 && frames[len - 2].key.as_deref() == Some(b"Filter") {
                frames[len - 2].filters.push(name);
            }
            return;
        }
        match frame.key.take() {
            None => frame.key = Some(name),
            Some(key) => {
                if key == b"Type" {
                    if name == b"Page" {
                        self.pages += 1;
                    }
                    frame.type_name = Some(name);
                } else if key == b"Filter" {
                    frame.filters.push(name);
                }
            }
        }
    }

    /// Reads the data of the stream that starts after the keyword `stream`
    /// at `at`; answers where reading goes on, after `endstream`.
    fn stream(&mut self, bytes: &[u8], at: usize, dict: &StreamDict) -> Result<usize, Refusal> {
        let start = match bytes.get(at..at + 2) {
            Some(b"\r\n") => at + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => at + 1,
            _ => return Err(Refusal::Damaged),
        };
        let end = find(bytes, b"endstream", start).ok_or(Refusal::Damaged)?;
        let data = &bytes[start..end];
        let is_object_stream = dict.type_name.as_deref() == Some(b"ObjStm");
        let filters: Vec<&[u8]> = dict.filters.iter().map(Vec::as_slice).collect();
        let flate_first = filters.first() == Some(&&b"FlateDecode"[..]);
        if is_object_stream {
            match (filters.len(), flate_first) {
                (0, _) => self.objects(data, false)?,
                (1, true) => {
                    let mut content = Vec::new();
                    let mut too_big = false;
                    self.unpacking.inflate(data, DataFormat::Zlib, None, |piece| {
                        if content.len() as u64 + piece.len() as u64 <= MAX_OBJECT_STREAM {
                            content.extend_from_slice(piece);
                        } else {
                            too_big = true;
                        }
                    })?;
                    if too_big {
                        return Err(Refusal::Unpacks);
                    }
                    self.objects(&content, false)?;
                }
                // Any other encoding would hide the dictionaries inside.
                _ => return Err(Refusal::Damaged),
            }
        } else {
            let rest = if flate_first { &filters[1..] } else { &filters[..] };
            // After Flate, at most one image encoding a viewer decodes with its
            // own bounds; other encodings (LZW, ASCII85 in front of Flate…)
            // would keep their content from this reading.
            if rest.len() > 1 || rest.iter().any(|f| !IMAGE_FILTERS.contains(f)) {
                return Err(Refusal::Damaged);
            }
            if flate_first {
                self.unpacking.inflate(data, DataFormat::Zlib, None, |_| {})?;
            }
        }
        Ok(end + b"endstream".len())
    }
}

/// After a value inside a dictionary, the next name is a key again.
fn value_done(frames: &mut [Frame]) {
    if let Some(frame) = frames.last_mut()
        && !frame.is_array
    {
        frame.key = None;
    }
}

/// Skips a literal string starting at `at` (its `(`), with nested
/// parentheses and backslash escapes; answers the offset after it.
fn skip_literal_string(bytes: &[u8], at: usize) -> Result<usize, Refusal> {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(Refusal::Damaged)
}

/// Reads a name after its `/`, decoding `#xx`; answers it and the offset after it.
fn read_name(bytes: &[u8], at: usize) -> Result<(Vec<u8>, usize), Refusal> {
    let mut name = Vec::new();
    let mut i = at;
    while i < bytes.len() && !is_white(bytes[i]) && !is_delimiter(bytes[i]) {
        if bytes[i] == b'#' {
            let hex = bytes.get(i + 1..i + 3).ok_or(Refusal::Damaged)?;
            let text = std::str::from_utf8(hex).map_err(|_| Refusal::Damaged)?;
            name.push(u8::from_str_radix(text, 16).map_err(|_| Refusal::Damaged)?);
            i += 3;
        } else {
            name.push(bytes[i]);
            i += 1;
        }
        if name.len() > 127 {
            return Err(Refusal::Damaged);
        }
    }
    Ok((name, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF with these objects (numbered from 1), a cross-reference table
    /// and a trailer pointing at object 1.
    fn pdf(objects: &[&[u8]]) -> Vec<u8> {
        let mut body = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(body.len());
            body.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            body.extend_from_slice(object);
            body.extend_from_slice(b"\nendobj\n");
        }
        let xref = body.len();
        body.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for offset in offsets {
            body.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        body.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
        );
        body
    }

    const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
    const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    const PAGE: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>";

    fn content_stream(text: &[u8]) -> Vec<u8> {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(text, 6);
        let mut object = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", packed.len()).into_bytes();
        object.extend_from_slice(&packed);
        object.extend_from_slice(b"\nendstream");
        object
    }

    #[test]
    fn accepts_a_whole_pdf() {
        let stream = content_stream(b"BT /F1 12 Tf 72 720 Td (Don de nghi /JS) Tj ET");
        let bytes = pdf(&[CATALOG, PAGES, PAGE, &stream]);
        assert_eq!(check(&bytes), Ok(()));
        // A destination to open at is not an action.
        let catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>";
        assert_eq!(check(&pdf(&[catalog, PAGES, PAGE, &stream])), Ok(()));
    }

    #[test]
    fn refuses_scripts_however_they_are_spelt() {
        for catalog in [
            &b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"[..],
            b"<< /Type /Catalog /Pages 2 0 R /Names << /J#61vaScript 5 0 R >> >>",
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /GoTo /D [3 0 R /Fit] >> >>",
            b"<< /Type /Catalog /Pages 2 0 R /AA << /O 5 0 R >> >>",
        ] {
            assert_eq!(check(&pdf(&[catalog, PAGES, PAGE])), Err(Refusal::ActiveContent), "{catalog:?}");
        }
    }

    #[test]
    fn reads_inside_object_streams() {
        let inner = b"5 0 << /S /Launch /F (cmd.exe) >>";
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(inner, 6);
        let mut objstm =
            format!("<< /Type /ObjStm /N 1 /First 4 /Length {} /Filter /FlateDecode >>\nstream\n", packed.len())
                .into_bytes();
        objstm.extend_from_slice(&packed);
        objstm.extend_from_slice(b"\nendstream");
        assert_eq!(check(&pdf(&[CATALOG, PAGES, PAGE, &objstm])), Err(Refusal::ActiveContent));
    }

    #[test]
    fn refuses_stubs_appended_files_and_bombs() {
        assert_eq!(check(b"%PDF-1.4\n"), Err(Refusal::Damaged));
        assert_eq!(check(&pdf(&[CATALOG, PAGES])), Err(Refusal::Damaged), "no page");
        let mut appended = pdf(&[CATALOG, PAGES, PAGE]);
        appended.extend_from_slice(b"PK\x03\x04 a zip");
        assert_eq!(check(&appended), Err(Refusal::HiddenContent));
        let bomb = content_stream(&vec![b' '; 64 * 1024 * 1024]);
        assert_eq!(check(&pdf(&[CATALOG, PAGES, PAGE, &bomb])), Err(Refusal::Unpacks));
    }
}
