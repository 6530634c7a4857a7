//! Office documents (DOCX, XLSX, ODT): a ZIP archive read strictly, then the
//! parts that say what it is and whether it carries code.
//!
//! The archive must be exactly its entries, back to back from the first byte,
//! then the central directory, then the end record with no comment: nothing
//! before, between or after, so nothing else is hidden in it. Entries are
//! stored or deflated, unencrypted, with unique relative names; there are at
//! most [`MAX_ENTRIES`] of them. Each is unpacked to exactly its announced
//! size, within the bounds of [`Unpacking`], and its CRC checked. Then: an
//! Office Open XML document needs `[Content_Types].xml` naming a Word
//! document or an Excel workbook (not a template, not macro-enabled) and
//! its main part, and carries no VBA project, ActiveX control, macro sheet,
//! embedded OLE object or external template; an OpenDocument text needs its
//! `mimetype` first and stored, `content.xml` and its manifest, and no Basic
//! or script library and no event listener. No XML part may declare a
//! document type (entity expansion).

use std::collections::HashSet;

use miniz_oxide::DataFormat;

use super::MediaType;
use super::bounds::{MAX_UNPACKED, Refusal, Unpacking, contains};

/// The most entries an archive may have.
const MAX_ENTRIES: usize = 2_000;

/// The most bytes of one XML part kept for reading.
const MAX_XML_PART: u64 = 32 * 1024 * 1024;

const ODT_MIME: &[u8] = b"application/vnd.oasis.opendocument.text";

#[derive(Debug)]
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    packed: u64,
    unpacked: u64,
    offset: u64,
}

/// Checks a whole office document and answers which kind it is.
pub(super) fn check(bytes: &[u8]) -> Result<MediaType, Refusal> {
    let mut entries = central_directory(bytes)?;
    entries.sort_by_key(|e| e.offset);
    let names: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    if names.len() != entries.len() {
        return Err(Refusal::Damaged);
    }
    let announced: u64 = entries.iter().map(|e| e.unpacked).sum();
    if announced > MAX_UNPACKED {
        return Err(Refusal::Unpacks);
    }

    let mut unpacking = Unpacking::new();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut expected_offset = 0u64;
    for entry in &entries {
        if entry.offset != expected_offset {
            return Err(if entry.offset > expected_offset { Refusal::HiddenContent } else { Refusal::Damaged });
        }
        let (data, next) = local_entry(bytes, entry)?;
        expected_offset = next;
        if !Unpacking::plausible(entry.packed, entry.unpacked) {
            return Err(Refusal::Unpacks);
        }
        let keep = is_xml(&entry.name);
        let mut content = Vec::new();
        let mut hasher = crc32fast::Hasher::new();
        let size = if entry.method == 0 {
            hasher.update(data);
            if keep {
                content.extend_from_slice(data);
            }
            data.len() as u64
        } else {
            unpacking.inflate(data, DataFormat::Raw, Some(entry.unpacked), |piece| {
                hasher.update(piece);
                if keep && content.len() as u64 + (piece.len() as u64) <= MAX_XML_PART {
                    content.extend_from_slice(piece);
                }
            })?
        };
        if size != entry.unpacked || hasher.finalize() != entry.crc {
            return Err(Refusal::Damaged);
        }
        if keep {
            if content.len() as u64 != size {
                return Err(Refusal::Unpacks);
            }
            if contains(&content, b"<!DOCTYPE") || contains(&content, b"<!ENTITY") {
                return Err(Refusal::ActiveContent);
            }
            parts.push((entry.name.clone(), content));
        }
    }
    if expected_offset != central_directory_offset(bytes)? {
        return Err(Refusal::HiddenContent);
    }

    let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_slice());
    if let Some(first) = entries.first()
        && first.name == "mimetype"
    {
        return check_odt(bytes, first, &names, &parts);
    }
    let types = part("[Content_Types].xml").ok_or(Refusal::NotAccepted)?;
    if contains(types, b"macroEnabled") || contains(types, b"vbaProject") {
        return Err(Refusal::ActiveContent);
    }
    for name in &names {
        let lower = name.to_ascii_lowercase();
        let active = lower.ends_with("vbaproject.bin")
            || lower.ends_with("vbadata.xml")
            || lower.contains("/activex/")
            || lower.contains("/macrosheets/")
            || lower.starts_with("customui/")
            || (lower.contains("/embeddings/") && lower.ends_with(".bin"));
        if active {
            return Err(Refusal::ActiveContent);
        }
    }
    // A relationship that fetches a template, frame or object from elsewhere
    // when the document opens (remote template injection).
    for (name, content) in &parts {
        if name.ends_with(".rels") && contains(content, b"TargetMode=\"External\"") {
            for kind in [&b"/attachedTemplate\""[..], b"/oleObject\"", b"/frame\"", b"/subDocument\""] {
                if contains(content, kind) {
                    return Err(Refusal::ActiveContent);
                }
            }
        }
    }
    if part("_rels/.rels").is_none() {
        return Err(Refusal::Damaged);
    }
    if contains(types, b"wordprocessingml.document.main+xml") {
        part("word/document.xml").ok_or(Refusal::Damaged)?;
        Ok(MediaType::Docx)
    } else if contains(types, b"spreadsheetml.sheet.main+xml") {
        part("xl/workbook.xml").ok_or(Refusal::Damaged)?;
        Ok(MediaType::Xlsx)
    } else {
        Err(Refusal::NotAccepted)
    }
}

fn check_odt(
    bytes: &[u8],
    first: &Entry,
    names: &HashSet<&str>,
    parts: &[(String, Vec<u8>)],
) -> Result<MediaType, Refusal> {
    let (mimetype, _) = local_entry(bytes, first)?;
    if first.method != 0 || mimetype != ODT_MIME {
        return Err(Refusal::NotAccepted);
    }
    if names.iter().any(|n| n.starts_with("Basic/") || n.starts_with("Scripts/")) {
        return Err(Refusal::ActiveContent);
    }
    for (_, content) in parts {
        if contains(content, b"office:event-listeners") || contains(content, b"<script:") {
            return Err(Refusal::ActiveContent);
        }
    }
    if !names.contains("content.xml") || !names.contains("META-INF/manifest.xml") {
        return Err(Refusal::Damaged);
    }
    Ok(MediaType::Odt)
}

fn is_xml(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// Where the end of central directory record must be: the last 22 bytes,
/// with no comment after it.
fn end_record(bytes: &[u8]) -> Result<&[u8], Refusal> {
    let at = bytes.len().checked_sub(22).ok_or(Refusal::Damaged)?;
    let record = &bytes[at..];
    if !record.starts_with(b"PK\x05\x06") {
        // A record cut short is damage; a whole one followed by a comment
        // or by anything appended is something hidden after the archive.
        let from = bytes.len().saturating_sub(64 * 1024 + 22);
        let last = bytes[from..].windows(4).rposition(|w| w == b"PK\x05\x06");
        return Err(match last {
            Some(p) if from + p + 22 <= bytes.len() => Refusal::HiddenContent,
            _ => Refusal::Damaged,
        });
    }
    Ok(record)
}

fn central_directory_offset(bytes: &[u8]) -> Result<u64, Refusal> {
    Ok(u64::from(u32_at(end_record(bytes)?, 16)?))
}

/// The entries listed in the central directory, which must sit right before
/// the end record.
fn central_directory(bytes: &[u8]) -> Result<Vec<Entry>, Refusal> {
    let record = end_record(bytes)?;
    let disk = u16_at(record, 4)?;
    let directory_disk = u16_at(record, 6)?;
    let on_disk = usize::from(u16_at(record, 8)?);
    let total = usize::from(u16_at(record, 10)?);
    let size = u64::from(u32_at(record, 12)?);
    let offset = u64::from(u32_at(record, 16)?);
    if disk != 0 || directory_disk != 0 || on_disk != total || total == 0 {
        return Err(Refusal::Damaged);
    }
    if total > MAX_ENTRIES {
        return Err(Refusal::Unpacks);
    }
    let record_at = (bytes.len() - 22) as u64;
    if offset.checked_add(size) != Some(record_at) {
        return Err(if offset + size < record_at { Refusal::HiddenContent } else { Refusal::Damaged });
    }
    let mut directory = &bytes[offset as usize..record_at as usize];
    let mut entries = Vec::with_capacity(total);
    for _ in 0..total {
        if !directory.starts_with(b"PK\x01\x02") {
            return Err(Refusal::Damaged);
        }
        let name_length = usize::from(u16_at(directory, 28)?);
        let extra_length = usize::from(u16_at(directory, 30)?);
        let comment_length = usize::from(u16_at(directory, 32)?);
        let length = 46 + name_length + extra_length + comment_length;
        let name = directory.get(46..46 + name_length).ok_or(Refusal::Damaged)?;
        let name = std::str::from_utf8(name).map_err(|_| Refusal::Damaged)?.to_owned();
        if name.is_empty() || name.starts_with('/') || name.contains('\\') || name.split('/').any(|p| p == "..") {
            return Err(Refusal::Damaged);
        }
        let entry = Entry {
            name,
            flags: u16_at(directory, 8)?,
            method: u16_at(directory, 10)?,
            crc: u32_at(directory, 16)?,
            packed: u64::from(u32_at(directory, 20)?),
            unpacked: u64::from(u32_at(directory, 24)?),
            offset: u64::from(u32_at(directory, 42)?),
        };
        if entry.flags & 0x41 != 0 {
            return Err(Refusal::Encrypted);
        }
        if !matches!(entry.method, 0 | 8) || [entry.packed, entry.unpacked, entry.offset].contains(&0xFFFF_FFFF) {
            return Err(Refusal::Damaged);
        }
        if entry.method == 0 && entry.packed != entry.unpacked {
            return Err(Refusal::Damaged);
        }
        entries.push(entry);
        directory = directory.get(length..).ok_or(Refusal::Damaged)?;
    }
    if !directory.is_empty() {
        return Err(Refusal::Damaged);
    }
    Ok(entries)
}

/// The packed data of an entry, checked against its local header, and the
/// offset right after it (and its data descriptor, if any).
fn local_entry<'a>(bytes: &'a [u8], entry: &Entry) -> Result<(&'a [u8], u64), Refusal> {
    let at = usize::try_from(entry.offset).map_err(|_| Refusal::Damaged)?;
    let header = bytes.get(at..at + 30).ok_or(Refusal::Damaged)?;
    if !header.starts_with(b"PK\x03\x04") {
        return Err(Refusal::Damaged);
    }
    let name_length = usize::from(u16_at(header, 26)?);
    let extra_length = usize::from(u16_at(header, 28)?);
    let name = bytes.get(at + 30..at + 30 + name_length).ok_or(Refusal::Damaged)?;
    if name != entry.name.as_bytes() || u16_at(header, 8)? != entry.method {
        return Err(Refusal::Damaged);
    }
    let start = at + 30 + name_length + extra_length;
    let end = start.checked_add(entry.packed as usize).ok_or(Refusal::Damaged)?;
    let data = bytes.get(start..end).ok_or(Refusal::Damaged)?;
    let mut next = end;
    if entry.flags & 0x08 != 0 {
        // A data descriptor: an optional signature, then CRC and sizes.
        let signature = bytes.get(next..next + 4) == Some(b"PK\x07\x08");
        next += if signature { 16 } else { 12 };
        if next > bytes.len() {
            return Err(Refusal::Damaged);
        }
    }
    Ok((data, next as u64))
}

fn u16_at(bytes: &[u8], at: usize) -> Result<u16, Refusal> {
    let b = bytes.get(at..at + 2).ok_or(Refusal::Damaged)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Result<u32, Refusal> {
    let b = bytes.get(at..at + 4).ok_or(Refusal::Damaged)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}
