//! A small PDF reader, enough to check what the crate writes without pulling
//! a full PDF library into the build: it follows the cross-reference table
//! to every object (so a wrong offset fails), inflates streams, finds the
//! pages in order and reads back each text line through the fonts'
//! ToUnicode maps, glyphs in drawing order (left to right).

use std::collections::BTreeMap;

use miniz_oxide::inflate::decompress_to_vec_zlib;

#[derive(Debug)]
pub struct Object {
    /// The object's text up to its stream, if any.
    pub head: String,
    /// The stream, inflated.
    pub stream: Option<Vec<u8>>,
}

#[derive(Debug)]
pub struct Document {
    pub objects: BTreeMap<u32, Object>,
    pub root: u32,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The number after `key` in a dictionary's text.
pub fn number_after(head: &str, key: &str) -> Option<f64> {
    let at = head.find(&format!("{key} "))? + key.len() + 1;
    head[at..].split_whitespace().next()?.trim_end_matches(['>', ']']).parse().ok()
}

/// The object number of the reference after `key`: `/Key 12 0 R`.
pub fn ref_after(head: &str, key: &str) -> Option<u32> {
    let at = head.find(&format!("{key} "))? + key.len() + 1;
    let mut words = head[at..].split_whitespace();
    let id = words.next()?.parse().ok()?;
    (words.next()? == "0" && words.next()?.starts_with('R')).then_some(id)
}

/// The references in the array after `key`: `/Kids [1 0 R 2 0 R]`.
fn refs_in_array(head: &str, key: &str) -> Vec<u32> {
    let Some(at) = head.find(key) else { return Vec::new() };
    let rest = &head[at..];
    let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) else { return Vec::new() };
    let words: Vec<&str> = rest[open + 1..close].split_whitespace().collect();
    words.chunks(3).filter_map(|chunk| chunk.first()?.parse().ok()).collect()
}

pub fn parse(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("no %PDF- header".into());
    }
    let start = rfind(bytes, b"startxref").ok_or("no startxref")?;
    let tail = std::str::from_utf8(&bytes[start..]).map_err(|e| e.to_string())?;
    let xref: usize = tail.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or("bad startxref")?;
    if !bytes[xref..].starts_with(b"xref") {
        return Err(format!("startxref {xref} does not point at xref"));
    }
    let trailer = find(bytes, b"trailer", xref).ok_or("no trailer")?;
    let table = std::str::from_utf8(&bytes[xref..trailer]).map_err(|e| e.to_string())?;
    let mut words = table.split_whitespace().skip(1);
    let first: u32 = words.next().and_then(|s| s.parse().ok()).ok_or("bad xref")?;
    let count: u32 = words.next().and_then(|s| s.parse().ok()).ok_or("bad xref")?;
    let entries: Vec<&str> = words.collect();
    if entries.len() != count as usize * 3 {
        return Err(format!("xref has {} words for {count} entries", entries.len()));
    }
    let mut objects = BTreeMap::new();
    for (i, entry) in entries.chunks(3).enumerate() {
        let id = first + i as u32;
        if entry[2] != "n" {
            continue;
        }
        let offset: usize = entry[0].parse().map_err(|_| "bad offset")?;
        let opening = format!("{id} 0 obj");
        if !bytes.get(offset..).is_some_and(|b| b.starts_with(opening.as_bytes())) {
            return Err(format!("object {id} is not at offset {offset}"));
        }
        let body = offset + opening.len();
        let end = find(bytes, b"endobj", body).ok_or(format!("object {id} has no endobj"))?;
        let (head, stream) = match find(&bytes[..end], b"stream\n", body) {
            Some(at) => {
                let head = String::from_utf8_lossy(&bytes[body..at]).into_owned();
                let length = number_after(&head, "/Length").ok_or(format!("object {id}: no /Length"))? as usize;
                let data = &bytes[at + 7..at + 7 + length];
                if !bytes[at + 7 + length..end].trim_ascii_start().starts_with(b"endstream") {
                    return Err(format!("object {id}: /Length does not reach endstream"));
                }
                let data = if head.contains("/FlateDecode") {
                    decompress_to_vec_zlib(data).map_err(|e| format!("object {id}: {e:?}"))?
                } else {
                    data.to_vec()
                };
                (head, Some(data))
            }
            None => (String::from_utf8_lossy(&bytes[body..end]).into_owned(), None),
        };
        objects.insert(id, Object { head, stream });
    }
    let trailer = String::from_utf8_lossy(&bytes[trailer..]).into_owned();
    let root = ref_after(&trailer, "/Root").ok_or("no /Root")?;
    Ok(Document { objects, root })
}

impl Document {
    pub fn object(&self, id: u32) -> &Object {
        self.objects.get(&id).unwrap_or_else(|| panic!("no object {id}"))
    }

    /// The pages, in order.
    pub fn pages(&self) -> Vec<u32> {
        let catalog = self.object(self.root);
        let tree = ref_after(&catalog.head, "/Pages").expect("catalog without /Pages");
        let tree = self.object(tree);
        let kids = refs_in_array(&tree.head, "/Kids");
        let count = number_after(&tree.head, "/Count").expect("no /Count") as usize;
        assert_eq!(kids.len(), count, "/Count disagrees with /Kids");
        for kid in &kids {
            assert!(self.object(*kid).head.contains("/Type /Page"), "kid {kid} is not a page");
        }
        kids
    }

    /// A page's width and height.
    pub fn size(&self, page: u32) -> (f64, f64) {
        let head = &self.object(page).head;
        let words: Vec<f64> = refs_words(head, "/MediaBox");
        (words[2] - words[0], words[3] - words[1])
    }

    /// The text of each line drawn on a page, in drawing order.
    pub fn text(&self, page: u32) -> Vec<String> {
        self.placed_text(page).into_iter().map(|(_, text)| text).collect()
    }

    /// Each line drawn on a page with the x of its left end.
    pub fn placed_text(&self, page: u32) -> Vec<(f64, String)> {
        let head = &self.object(page).head;
        let content = ref_after(head, "/Contents").expect("page without /Contents");
        let content = self.object(content).stream.as_ref().expect("contents is no stream");
        let fonts = self.fonts(head);
        read_text(content, &fonts)
    }

    /// ToUnicode map of each font resource of a page.
    fn fonts(&self, page_head: &str) -> BTreeMap<String, BTreeMap<u16, String>> {
        let at = page_head.find("/Font").expect("page without fonts");
        let rest = &page_head[at + 5..];
        let open = rest.find("<<").expect("font dict") + 2;
        let close = rest.find(">>").expect("font dict end");
        let words: Vec<&str> = rest[open..close].split_whitespace().collect();
        let mut fonts = BTreeMap::new();
        for chunk in words.chunks(4) {
            let name = chunk[0].trim_start_matches('/').to_owned();
            let font: u32 = chunk[1].parse().expect("font ref");
            let cmap = ref_after(&self.object(font).head, "/ToUnicode").expect("no ToUnicode");
            let cmap = self.object(cmap).stream.as_ref().expect("cmap is no stream");
            fonts.insert(name, parse_cmap(&String::from_utf8_lossy(cmap)));
        }
        fonts
    }
}

fn refs_words(head: &str, key: &str) -> Vec<f64> {
    let at = head.find(key).expect("key");
    let rest = &head[at..];
    let open = rest.find('[').expect("[");
    let close = rest.find(']').expect("]");
    rest[open + 1..close].split_whitespace().map(|w| w.parse().expect("number")).collect()
}

fn parse_cmap(text: &str) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let mut in_chars = false;
    for line in text.lines() {
        if line.ends_with("beginbfchar") {
            in_chars = true;
        } else if line == "endbfchar" {
            in_chars = false;
        } else if in_chars {
            let parts: Vec<&str> = line.split(['<', '>', ' ']).filter(|part| !part.is_empty()).collect();
            let cid = u16::from_str_radix(parts[0], 16).expect("cid");
            let units: Vec<u16> = (0..parts[1].len() / 4)
                .map(|i| u16::from_str_radix(&parts[1][i * 4..i * 4 + 4], 16).expect("utf-16"))
                .collect();
            map.insert(cid, String::from_utf16(&units).expect("utf-16"));
        }
    }
    map
}

/// Reads `BT … ET` blocks: `/F0 10 Tf` chooses the font, strings inside
/// `[ … ] TJ` are two-byte CIDs. One line per block.
fn read_text(content: &[u8], fonts: &BTreeMap<String, BTreeMap<u16, String>>) -> Vec<(f64, String)> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut numbers: Vec<f64> = Vec::new();
    let mut x: Option<f64> = None;
    let mut font: Option<&BTreeMap<u16, String>> = None;
    let mut last_name = String::new();
    let mut i = 0;
    while i < content.len() {
        let c = content[i];
        match c {
            b'(' => {
                let (bytes, next) = literal(content, i + 1);
                push_cids(&bytes, font, &mut line);
                i = next;
                continue;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                let close = find(content, b">", i).expect("hex string end");
                let hex: Vec<u8> = content[i + 1..close].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let bytes: Vec<u8> = hex
                    .chunks(2)
                    .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).expect("hex"), 16).expect("hex"))
                    .collect();
                push_cids(&bytes, font, &mut line);
                i = close + 1;
                continue;
            }
            b'/' => {
                let end = content[i + 1..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"/[]()<>".contains(b))
                    .map_or(content.len(), |p| p + i + 1);
                last_name = String::from_utf8_lossy(&content[i + 1..end]).into_owned();
                i = end;
                continue;
            }
            _ if c.is_ascii_alphabetic() => {
                let end = content[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphabetic() && *b != b'*' && *b != b'\'')
                    .map_or(content.len(), |p| p + i);
                match &content[i..end] {
                    b"Tf" => font = fonts.get(&last_name),
                    b"Tm" if x.is_none() => x = numbers.get(numbers.len().wrapping_sub(2)).copied(),
                    b"ET" => lines.push((x.take().unwrap_or_default(), std::mem::take(&mut line))),
                    _ => {}
                }
                numbers.clear();
                i = end;
                continue;
            }
            b'-' | b'.' | b'0'..=b'9' => {
                let end = content[i..]
                    .iter()
                    .position(|b| !matches!(b, b'-' | b'.' | b'0'..=b'9'))
                    .map_or(content.len(), |p| p + i);
                if let Some(n) = std::str::from_utf8(&content[i..end]).ok().and_then(|t| t.parse().ok()) {
                    numbers.push(n);
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    lines
}

fn push_cids(bytes: &[u8], font: Option<&BTreeMap<u16, String>>, line: &mut String) {
    let font = font.expect("text shown before Tf");
    for pair in bytes.chunks(2) {
        let cid = u16::from_be_bytes([pair[0], pair[1]]);
        if let Some(text) = font.get(&cid) {
            line.push_str(text);
        }
    }
}

/// A literal string's bytes and the index after its closing parenthesis.
fn literal(content: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 0;
    while i < content.len() {
        let c = content[i];
        match c {
            b'\\' => {
                let next = content[i + 1];
                match next {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let digits = content[i + 1..].iter().take(3).take_while(|d| (b'0'..=b'7').contains(d)).count();
                        let text = std::str::from_utf8(&content[i + 1..i + 1 + digits]).expect("octal");
                        out.push(u8::from_str_radix(text, 8).expect("octal"));
                        i += 1 + digits;
                        continue;
                    }
                    other => out.push(other),
                }
                i += 2;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth == 0 => return (out, i + 1),
            b')' => depth -= 1,
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    (out, i)
}
