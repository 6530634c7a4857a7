//! A form as a list of blocks, independent of pages: what [`crate::forms`]
//! builds, what [`crate::layout`] places and what [`crate::text_lines`] reads.

/// A piece of text in one weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub text: String,
    pub bold: bool,
}

/// Horizontal alignment, relative to the writing direction: `Start` is the
/// left in Vietnamese and English and the right in Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Center,
    End,
}

/// A paragraph: text that wraps inside its box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    pub spans: Vec<Span>,
    pub size: f32,
    pub align: Align,
    /// Extra space on the start side, in points.
    pub indent: f32,
    /// Space above the paragraph, in points.
    pub space_before: f32,
    /// A rule under the last line, as a fraction of that line's width.
    pub rule: Option<f32>,
}

impl Para {
    pub fn new(spans: Vec<Span>, size: f32) -> Self {
        Self { spans, size, align: Align::Start, indent: 0.0, space_before: 0.0, rule: None }
    }

    pub fn plain(text: impl Into<String>, size: f32) -> Self {
        Self::new(vec![Span { text: text.into(), bold: false }], size)
    }

    pub fn bold(text: impl Into<String>, size: f32) -> Self {
        Self::new(vec![Span { text: text.into(), bold: true }], size)
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    pub fn indent(mut self, indent: f32) -> Self {
        self.indent = indent;
        self
    }

    pub fn before(mut self, space: f32) -> Self {
        self.space_before = space;
        self
    }

    pub fn rule(mut self, fraction: f32) -> Self {
        self.rule = Some(fraction);
        self
    }

    /// The paragraph's text in logical order.
    pub fn text(&self) -> String {
        self.spans.iter().map(|span| span.text.as_str()).collect()
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub title: String,
    /// Share of the table's width, relative to the other columns.
    pub weight: f32,
    pub align: Align,
}

/// A table whose header repeats on every page it runs over.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub size: f32,
}

/// One element of a form, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Para),
    /// Boxes side by side, kept on one page; the first is on the start side.
    /// Each box has a relative width and its paragraphs.
    Columns(Vec<(f32, Vec<Para>)>),
    Table(Table),
    /// A paragraph beside a QR code of `code`, which sits on the end side.
    Qr {
        para: Para,
        code: String,
    },
    Space(f32),
}

/// A form ready for layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    pub title: String,
    pub landscape: bool,
    pub rtl: bool,
    pub lang: &'static str,
    pub blocks: Vec<Block>,
}

impl Document {
    /// Every text the document draws, in reading order: one entry per
    /// paragraph, table rows as cells joined by " | ". Page numbers, which
    /// depend on the layout, are left out.
    pub fn lines(&self) -> Vec<String> {
        fn push(lines: &mut Vec<String>, para: &Para) {
            let text = para.text();
            if !text.is_empty() {
                lines.push(text);
            }
        }
        let mut lines = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Para(para) | Block::Qr { para, .. } => push(&mut lines, para),
                Block::Columns(columns) => {
                    for (_, paras) in columns {
                        for para in paras {
                            push(&mut lines, para);
                        }
                    }
                }
                Block::Table(table) => {
                    let titles: Vec<&str> = table.columns.iter().map(|column| column.title.as_str()).collect();
                    lines.push(titles.join(" | "));
                    for row in &table.rows {
                        lines.push(row.join(" | "));
                    }
                }
                Block::Space(_) => {}
            }
        }
        lines
    }
}

/// Fills `{0}`, `{1}`, … of a template with values: the template's own text
/// in regular weight, the values in bold.
pub(crate) fn rich(template: &str, values: &[&str]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let index = rest[open + 1..]
            .find('}')
            .and_then(|close| rest[open + 1..open + 1 + close].parse::<usize>().ok().map(|i| (i, close)));
        let Some((index, close)) = index else {
            break;
        };
        if open > 0 {
            spans.push(Span { text: rest[..open].to_owned(), bold: false });
        }
        let value = values.get(index).copied().unwrap_or_default();
        if !value.is_empty() {
            spans.push(Span { text: value.to_owned(), bold: true });
        }
        rest = &rest[open + 2 + close..];
    }
    if !rest.is_empty() {
        spans.push(Span { text: rest.to_owned(), bold: false });
    }
    spans
}

/// The plain text of a filled template.
pub(crate) fn fill(template: &str, values: &[&str]) -> String {
    rich(template, values).into_iter().map(|span| span.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rich_puts_values_in_bold_between_the_template_text() {
        let spans = rich("Số: {0}, quyển {1}.", &["12", "3"]);
        let texts: Vec<(&str, bool)> = spans.iter().map(|s| (s.text.as_str(), s.bold)).collect();
        assert_eq!(texts, [("Số: ", false), ("12", true), (", quyển ", false), ("3", true), (".", false)]);
        assert_eq!(fill("{1}-{0}", &["a", "b"]), "b-a");
        assert_eq!(fill("no value {0}", &[]), "no value ");
    }
}
