//! PNG and JPEG images, read whole.
//!
//! A PNG is walked chunk by chunk with every CRC checked, from `IHDR` to an
//! `IEND` that ends the file; its compressed rows are unpacked to exactly the
//! size the header announces (so the pixel bound is the unpacking bound) and
//! every row's filter is checked. A JPEG is walked segment by segment to an
//! `EOI` that ends the file, then decoded whole by `jpeg-decoder` with a
//! buffer bound derived from the pixel bound.

use miniz_oxide::DataFormat;

use super::bounds::{MAX_PIXELS, Refusal, Unpacking};

/// Checks a whole PNG.
pub(super) fn check_png(bytes: &[u8]) -> Result<(), Refusal> {
    let mut at = 8;
    let mut header: Option<PngHeader> = None;
    let mut palette = false;
    let mut compressed = Vec::new();
    let mut idat_done = false;
    loop {
        let length = read_u32_be(bytes, at)? as usize;
        let kind: [u8; 4] = bytes.get(at + 4..at + 8).and_then(|k| k.try_into().ok()).ok_or(Refusal::Damaged)?;
        let end = at.checked_add(12 + length).filter(|end| *end <= bytes.len()).ok_or(Refusal::Damaged)?;
        let data = &bytes[at + 8..at + 8 + length];
        let crc = read_u32_be(bytes, at + 8 + length)?;
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&kind);
        hasher.update(data);
        if hasher.finalize() != crc || !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(Refusal::Damaged);
        }
        if header.is_none() && &kind != b"IHDR" {
            return Err(Refusal::Damaged);
        }
        match &kind {
            b"IHDR" if header.is_none() => header = Some(PngHeader::read(data)?),
            b"IHDR" => return Err(Refusal::Damaged),
            b"PLTE" => palette = true,
            b"IDAT" if idat_done => return Err(Refusal::Damaged),
            b"IDAT" => compressed.extend_from_slice(data),
            b"IEND" => {
                if end != bytes.len() {
                    return Err(Refusal::HiddenContent);
                }
                break;
            }
            _ => {}
        }
        if !compressed.is_empty() && &kind != b"IDAT" {
            idat_done = true;
        }
        at = end;
    }
    let header = header.ok_or(Refusal::Damaged)?;
    if compressed.is_empty() || (header.color_type == 3 && !palette) {
        return Err(Refusal::Damaged);
    }
    header.check_rows(&compressed)
}

#[derive(Debug)]
struct PngHeader {
    width: u64,
    height: u64,
    bit_depth: u8,
    color_type: u8,
    interlaced: bool,
}

impl PngHeader {
    fn read(data: &[u8]) -> Result<PngHeader, Refusal> {
        if data.len() != 13 {
            return Err(Refusal::Damaged);
        }
        let header = PngHeader {
            width: u64::from(read_u32_be(data, 0)?),
            height: u64::from(read_u32_be(data, 4)?),
            bit_depth: data[8],
            color_type: data[9],
            interlaced: data[12] == 1,
        };
        let depth_allowed: &[u8] = match header.color_type {
            0 => &[1, 2, 4, 8, 16],
            3 => &[1, 2, 4, 8],
            2 | 4 | 6 => &[8, 16],
            _ => &[],
        };
        if header.width == 0
            || header.height == 0
            || !depth_allowed.contains(&header.bit_depth)
            || data[10] != 0
            || data[11] != 0
            || data[12] > 1
        {
            return Err(Refusal::Damaged);
        }
        if header.width.saturating_mul(header.height) > MAX_PIXELS {
            return Err(Refusal::TooManyPixels);
        }
        Ok(header)
    }

    /// The rows of each pass, as (bytes per row after the filter byte, rows).
    fn passes(&self) -> Vec<(u64, u64)> {
        let channels: u64 = match self.color_type {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        };
        let bits = channels * u64::from(self.bit_depth);
        let row = |width: u64| (width * bits).div_ceil(8);
        if !self.interlaced {
            return vec![(row(self.width), self.height)];
        }
        // Adam7: (x0, y0, dx, dy) of each of the seven passes.
        const ADAM7: [(u64, u64, u64, u64); 7] =
            [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        ADAM7
            .iter()
            .map(|&(x0, y0, dx, dy)| {
                let width = self.width.saturating_sub(x0).div_ceil(dx);
                let height = self.height.saturating_sub(y0).div_ceil(dy);
                if width == 0 || height == 0 { (0, 0) } else { (row(width), height) }
            })
            .collect()
    }

    /// Unpacks the rows: exactly the announced size, each row opening with a
    /// known filter (0 to 4).
    fn check_rows(&self, compressed: &[u8]) -> Result<(), Refusal> {
        let passes = self.passes();
        let expected: u64 = passes.iter().map(|(row, rows)| (row + 1) * rows).sum();
        // Where each row starts, walked as the bytes come.
        let mut rows =
            passes.iter().filter(|(_, rows)| *rows > 0).flat_map(|&(row, rows)| (0..rows).map(move |_| row + 1));
        let mut left_in_row = 0u64;
        let mut bad_filter = false;
        let unpacked = Unpacking::new().inflate(compressed, DataFormat::Zlib, Some(expected), |piece| {
            let mut i = 0usize;
            while i < piece.len() {
                if left_in_row == 0 {
                    match rows.next() {
                        Some(length) => left_in_row = length,
                        None => return,
                    }
                    if piece[i] > 4 {
                        bad_filter = true;
                    }
                }
                let take = (left_in_row as usize).min(piece.len() - i);
                left_in_row -= take as u64;
                i += take;
            }
        });
        match unpacked {
            Ok(size) if size == expected && !bad_filter => Ok(()),
            // More rows than the header announces is a bomb only if large;
            // either way the file is not what it says.
            Err(Refusal::Unpacks) | Ok(_) => Err(Refusal::Damaged),
            Err(other) => Err(other),
        }
    }
}

/// Checks a whole JPEG.
pub(super) fn check_jpeg(bytes: &[u8]) -> Result<(), Refusal> {
    let mut at = 2;
    let mut frame = false;
    let mut scan = false;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        if bytes.get(at) != Some(&0xFF) {
            return Err(Refusal::Damaged);
        }
        let marker = *bytes.get(at + 1).ok_or(Refusal::Damaged)?;
        at += 2;
        match marker {
            0xD9 => {
                if !frame || !scan {
                    return Err(Refusal::Damaged);
                }
                if at != bytes.len() {
                    return Err(Refusal::HiddenContent);
                }
                break;
            }
            0xD0..=0xD7 | 0x01 => {}
            0xD8 | 0x00 => return Err(Refusal::Damaged),
            _ => {
                let length = usize::from(read_u16_be(bytes, at)?);
                if length < 2 || at + length > bytes.len() {
                    return Err(Refusal::Damaged);
                }
                let segment = &bytes[at + 2..at + length];
                if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                    let height = u64::from(read_u16_be(segment, 1)?);
                    let width = u64::from(read_u16_be(segment, 3)?);
                    if width == 0 || height == 0 {
                        return Err(Refusal::Damaged);
                    }
                    if width * height > MAX_PIXELS {
                        return Err(Refusal::TooManyPixels);
                    }
                    frame = true;
                }
                at += length;
                if marker == 0xDA {
                    if !frame {
                        return Err(Refusal::Damaged);
                    }
                    scan = true;
                    at = skip_entropy_coded(bytes, at)?;
                }
            }
        }
    }
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    // The largest picture the pixel bound allows, in four-byte pixels (CMYK).
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_PIXELS * 4).unwrap_or(usize::MAX));
    decoder.decode().map(|_| ()).map_err(|_| Refusal::Damaged)
}

/// The offset of the marker that ends the entropy-coded data starting at
/// `at`: a 0xFF followed by neither a stuffed 0x00 nor a restart marker.
fn skip_entropy_coded(bytes: &[u8], mut at: usize) -> Result<usize, Refusal> {
    loop {
        let offset = bytes[at..].iter().position(|&b| b == 0xFF).ok_or(Refusal::Damaged)?;
        at += offset;
        match bytes.get(at + 1) {
            Some(0x00 | 0xD0..=0xD7 | 0xFF) => at += 1,
            Some(_) => return Ok(at),
            None => return Err(Refusal::Damaged),
        }
    }
}

fn read_u32_be(bytes: &[u8], at: usize) -> Result<u32, Refusal> {
    let b = bytes.get(at..at + 4).ok_or(Refusal::Damaged)?;
    Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn read_u16_be(bytes: &[u8], at: usize) -> Result<u16, Refusal> {
    let b = bytes.get(at..at + 2).ok_or(Refusal::Damaged)?;
    Ok(u16::from_be_bytes([b[0], b[1]]))
}
