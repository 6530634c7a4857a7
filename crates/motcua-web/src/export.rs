//! Export of tables of figures for spreadsheet programs: CSV, and a minimal
//! XLSX workbook built with std only (an own ZIP writer and CRC-32).

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, as is.
    Text(String),
    /// A plain number.
    Number(f64),
    /// A rate in [0,1], shown as a percentage in XLSX.
    Percent(f64),
    /// No value.
    Empty,
}

/// CSV (RFC 4180) in UTF-8 with a byte-order mark, so spreadsheet programs
/// show Vietnamese right, and CRLF line ends.
///
/// A whole number has no decimals, other numbers are written in their
/// shortest form. A `Percent` is the rate times 100 with at most two
/// decimals and a `%` sign (`0.9753` gives `97.53%`). Numbers that are not
/// finite and `Empty` give an empty field. Fields with a comma, quote, CR or
/// LF are quoted. Text starting with `=`, `+`, `-`, `@`, tab or CR gets a
/// leading apostrophe, so it is not run as a formula.
pub fn csv(rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let mut field = match cell {
                Cell::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{t}"),
                Cell::Text(t) => t.clone(),
                Cell::Number(n) => number(*n).unwrap_or_default(),
                Cell::Percent(p) => percent(*p).unwrap_or_default(),
                Cell::Empty => String::new(),
            };
            if field.contains([',', '"', '\r', '\n']) {
                field = format!("\"{}\"", field.replace('"', "\"\""));
            }
            out.push_str(&field);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A finite number in its shortest form, whole numbers without decimals.
fn number(n: f64) -> Option<String> {
    // Adding 0.0 turns -0.0 into 0.0.
    n.is_finite().then(|| format!("{}", n + 0.0))
}

/// A finite rate as a percentage with at most two decimals: `0.9753` → `97.53%`.
fn percent(rate: f64) -> Option<String> {
    let text = format!("{:.2}", rate * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    rate.is_finite().then(|| if text == "-0" { "0%".to_owned() } else { format!("{text}%") })
}

/// A minimal Office Open XML workbook (.xlsx) with one worksheet.
///
/// The sheet name is cut to 31 characters, with `[]:*?/\` and control
/// characters replaced by a space. The first row is a bold header (all its
/// cells take the bold style, percent cells included). `Percent` cells use
/// number format 10 (`0.00%`), numbers the general format, text is written
/// as inline strings. Characters not allowed in XML 1.0 are dropped; numbers
/// that are not finite and `Empty` cells are left out.
pub fn xlsx(sheet: &str, rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut workbook = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
        r#"<sheets><sheet name=""#
    ));
    escape(&sheet_name(sheet), &mut workbook);
    workbook.push_str(r#"" sheetId="1" r:id="rId1"/></sheets></workbook>"#);

    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    zip.add("xl/worksheets/sheet1.xml", sheet_xml(rows).as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    zip.finish()
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
    r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
);

const WORKBOOK_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
);

/// Styles: cell format 0 is the default, 1 bold, 2 percent (`0.00%`).
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill>"#,
    r#"<fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
    r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
    r#"<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
);

/// The worksheet part: one `<row>` per row, the first one bold.
fn sheet_xml(rows: &[Vec<Cell>]) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    ));
    for (r, row) in rows.iter().enumerate() {
        let line = r + 1;
        xml.push_str(&format!(r#"<row r="{line}">"#));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{line}", column(c));
            let style = match (r, cell) {
                (0, _) => r#" s="1""#,
                (_, Cell::Percent(_)) => r#" s="2""#,
                _ => "",
            };
            match cell {
                Cell::Text(t) => {
                    xml.push_str(&format!(r#"<c r="{at}"{style} t="inlineStr"><is><t xml:space="preserve">"#));
                    escape(t, &mut xml);
                    xml.push_str("</t></is></c>");
                }
                Cell::Number(n) | Cell::Percent(n) => {
                    if let Some(v) = number(*n) {
                        xml.push_str(&format!(r#"<c r="{at}"{style}><v>{v}</v></c>"#));
                    }
                }
                Cell::Empty => {}
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// A sheet name Excel accepts: no `[]:*?/\` or control characters, no
/// apostrophe at either end, at most 31 characters, not empty.
fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { ' ' } else { c }).collect();
    let cut: String = clean.trim_start_matches('\'').chars().take(31).collect();
    let cut = cut.trim_end_matches('\'');
    if cut.trim().is_empty() { "Sheet1".to_owned() } else { cut.to_owned() }
}

/// The column letters of a zero-based column index: 0 → A, 26 → AA.
fn column(index: usize) -> String {
    let letter = char::from(b'A' + (index % 26) as u8);
    if index < 26 { letter.to_string() } else { format!("{}{letter}", column(index / 26 - 1)) }
}

/// Appends `text` escaped for XML, dropping characters XML 1.0 does not allow.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A raw CR would be read back as LF.
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day.
const DOS_DATE: u16 = (1 << 5) | 1;

/// A ZIP archive being written, entries stored without compression.
#[derive(Debug, Default)]
struct Zip {
    /// Local headers and data.
    data: Vec<u8>,
    /// Central directory entries.
    central: Vec<u8>,
    /// Number of entries.
    count: u16,
}

/// A size or offset as ZIP's 32-bit field (exports stay far below 4 GiB).
fn field32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Appends little-endian 16-bit fields.
fn put16(out: &mut Vec<u8>, fields: &[u16]) {
    out.extend(fields.iter().flat_map(|v| v.to_le_bytes()));
}

/// Appends little-endian 32-bit fields.
fn put32(out: &mut Vec<u8>, fields: &[u32]) {
    out.extend(fields.iter().flat_map(|v| v.to_le_bytes()));
}

impl Zip {
    /// Adds the file `name` holding `body`.
    fn add(&mut self, name: &str, body: &[u8]) {
        let size = field32(body.len());
        // Shared by the local header and the central entry: version needed,
        // flags, method, time, date, CRC, sizes, name and extra lengths.
        let mut common = Vec::with_capacity(26);
        put16(&mut common, &[20, 0, 0, 0, DOS_DATE]);
        put32(&mut common, &[crc32(body), size, size]);
        put16(&mut common, &[u16::try_from(name.len()).unwrap_or(u16::MAX), 0]);
        // Central entry: signature, version made by, the common part, comment
        // length, disk, internal and external attributes, local header offset.
        put32(&mut self.central, &[0x0201_4b50]);
        put16(&mut self.central, &[20]);
        self.central.extend(&common);
        put16(&mut self.central, &[0, 0, 0]);
        put32(&mut self.central, &[0, field32(self.data.len())]);
        self.central.extend(name.as_bytes());
        put32(&mut self.data, &[0x0403_4b50]);
        self.data.extend(common);
        self.data.extend(name.as_bytes());
        self.data.extend(body);
        self.count += 1;
    }

    /// The archive: entries, central directory, end-of-central-directory record.
    fn finish(mut self) -> Vec<u8> {
        let (offset, size) = (field32(self.data.len()), field32(self.central.len()));
        self.data.append(&mut self.central);
        put32(&mut self.data, &[0x0605_4b50]);
        put16(&mut self.data, &[0, 0, self.count, self.count]);
        put32(&mut self.data, &[size, offset]);
        put16(&mut self.data, &[0]);
        self.data
    }
}

/// The CRC-32 (IEEE, reflected 0xEDB88320) lookup table.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE) of `data`, as ZIP wants it.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0, |c, &b| CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_owned())
    }

    #[test]
    fn csv_has_bom_crlf_quoting_guard_and_numbers() {
        let rows = vec![
            vec![text("Đơn vị"), text("a,b"), text("say \"hi\""), text("x\ny")],
            vec![text("=SUM(A1)"), text("-2"), text("@x"), text("\tt"), text("ok")],
            vec![Cell::Number(12.0), Cell::Number(0.25), Cell::Number(-0.0), Cell::Empty],
            vec![Cell::Percent(0.9753), Cell::Percent(1.0), Cell::Percent(0.975), Cell::Percent(-0.00001)],
        ];
        let expected = "\u{feff}Đơn vị,\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"\r\n\
            '=SUM(A1),'-2,'@x,'\tt,ok\r\n\
            12,0.25,0,\r\n97.53%,100%,97.5%,0%\r\n";
        let out = csv(&rows);
        assert!(out.starts_with(&[0xef, 0xbb, 0xbf]));
        assert_eq!(String::from_utf8_lossy(&out), expected);
        // A guarded CR is also quoted.
        assert_eq!(csv(&[vec![text("\rx")]]), "\u{feff}\"'\rx\"\r\n".as_bytes());
    }

    #[test]
    fn crc32_matches_the_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn column_letters() {
        for (i, want) in [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")] {
            assert_eq!(column(i), want, "column {i}");
        }
    }

    #[test]
    fn sheet_names_are_cleaned() {
        assert_eq!(sheet_name("Báo cáo [Q1]/2025: a*b?c\\d"), "Báo cáo  Q1  2025  a b c d");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        assert_eq!(sheet_name("'ab'"), "ab");
        assert_eq!(sheet_name(" "), "Sheet1");
    }

    fn le(b: &[u8], at: usize, n: usize) -> usize {
        b[at..at + n].iter().rev().fold(0, |v, &x| v << 8 | usize::from(x))
    }

    /// Reads a stored ZIP through its central directory, checking each CRC.
    fn unzip(zip: &[u8]) -> Vec<(String, String)> {
        let end = zip.len() - 22;
        assert_eq!(le(zip, end, 4), 0x0605_4b50);
        let mut at = le(zip, end + 16, 4);
        let mut parts = Vec::new();
        for _ in 0..le(zip, end + 10, 2) {
            assert_eq!(le(zip, at, 4), 0x0201_4b50);
            assert_eq!(le(zip, at + 10, 2), 0, "method stored");
            let (crc, size, name_len) = (le(zip, at + 16, 4), le(zip, at + 24, 4), le(zip, at + 28, 2));
            let name = String::from_utf8_lossy(&zip[at + 46..at + 46 + name_len]).into_owned();
            let local = le(zip, at + 42, 4);
            assert_eq!(le(zip, local, 4), 0x0403_4b50);
            assert_eq!(le(zip, local + 14, 4), crc, "{name}: local CRC");
            let start = local + 30 + le(zip, local + 26, 2) + le(zip, local + 28, 2);
            let data = &zip[start..start + size];
            assert_eq!(crc32(data) as usize, crc, "{name}: CRC");
            parts.push((name, String::from_utf8_lossy(data).into_owned()));
            at += 46 + name_len + le(zip, at + 30, 2) + le(zip, at + 32, 2);
        }
        assert_eq!(at, end, "central directory ends at the end record");
        parts
    }

    #[test]
    fn xlsx_is_a_valid_zip_with_the_parts() {
        let rows = vec![
            vec![text("Tỷ lệ đúng hạn & <x>"), text("Số hồ sơ")],
            vec![Cell::Percent(0.975), Cell::Number(42.0), Cell::Empty, text("a\u{1}b\u{fffe}")],
        ];
        let parts = unzip(&xlsx("Q1/2025", &rows));
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        let want =
            "[Content_Types].xml _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/worksheets/sheet1.xml";
        assert_eq!(names.join(" "), format!("{want} xl/styles.xml"));
        let part = |name: &str| parts.iter().find(|(n, _)| n == name).map(|(_, d)| d.clone()).unwrap_or_default();
        let sheet = part("xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Tỷ lệ đúng hạn &amp; &lt;x&gt;</t></is></c>"#), "{sheet}");
        assert!(sheet.contains(r#"<c r="A2" s="2"><v>0.975</v></c>"#), "{sheet}");
        assert!(sheet.contains(r#"<c r="B2"><v>42</v></c>"#), "{sheet}");
        assert!(sheet.contains(r#"<c r="D2" t="inlineStr"><is><t xml:space="preserve">ab</t></is></c>"#), "{sheet}");
        assert!(!sheet.contains("C2"), "empty cell left out");
        assert!(part("xl/workbook.xml").contains(r#"name="Q1 2025""#));
        assert!(part("xl/styles.xml").contains(r#"numFmtId="10""#));
    }
}
