//! Blocks to pages: places lines, tables and QR codes top to bottom, starts a
//! new page when one is full and repeats a table's header on every page.
//! Coordinates here run from the page's top left corner, downwards.

use qrcode::{Color, QrCode};

use crate::SlipError;
use crate::doc::{Align, Block, Document, Para, Span, Table};
use crate::text::{Fonts, Line, layout};

const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;
/// Line height and baseline position, as multiples of the font size.
const LEADING: f32 = 1.42;
const ASCENT: f32 = 1.08;
const CELL_PAD: f32 = 3.0;
const QR_SIZE: f32 = 64.0;

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    /// A line of text whose left end is at `x`, on the baseline `y`.
    Text { x: f32, y: f32, line: Line },
    /// A straight stroke.
    Rule { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    /// A filled rectangle; `gray` 0 is black, 1 white.
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub ops: Vec<Op>,
}

/// A document laid out on pages of one size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Laid {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
}

struct Flow<'f> {
    fonts: &'f Fonts,
    rtl: bool,
    width: f32,
    height: f32,
    margin: f32,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
}

pub(crate) fn lay_out(doc: &Document, fonts: &Fonts) -> Result<Laid, SlipError> {
    let (width, height, margin) = if doc.landscape { (A4_LONG, A4_SHORT, 34.0) } else { (A4_SHORT, A4_LONG, 50.0) };
    let mut flow = Flow { fonts, rtl: doc.rtl, width, height, margin, pages: vec![Page::default()], y: margin };
    for block in &doc.blocks {
        match block {
            Block::Para(para) => flow.para(para),
            Block::Columns(columns) => flow.columns(columns),
            Block::Table(table) => flow.table(table),
            Block::Qr { para, code } => flow.qr(para, code)?,
            Block::Space(space) => flow.y += space,
        }
    }
    flow.page_numbers();
    Ok(Laid { width, height, pages: flow.pages })
}

impl Flow<'_> {
    fn left(&self) -> f32 {
        self.margin
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.margin;
    }

    /// Makes room for `height` points, on a new page if this one is too
    /// full (unless the page is still empty: then it overflows).
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > self.margin {
            self.new_page();
        }
    }

    fn lines(&self, para: &Para, width: f32) -> Vec<Line> {
        layout(self.fonts, &para.spans, para.size, width - para.indent, self.rtl)
    }

    /// Where a line of `line_width` starts in a box from `x`, `width` wide.
    fn line_x(&self, para: &Para, x: f32, width: f32, line_width: f32) -> f32 {
        let start_side = |indent: f32| {
            if self.rtl { x + width - indent - line_width } else { x + indent }
        };
        match para.align {
            Align::Start => start_side(para.indent),
            Align::End => {
                if self.rtl {
                    x
                } else {
                    x + width - line_width
                }
            }
            Align::Center => x + (width - line_width) / 2.0,
        }
    }

    /// Places a paragraph in a box without breaking pages; returns its height.
    fn place(&self, para: &Para, x: f32, width: f32, top: f32, ops: &mut Vec<Op>) -> f32 {
        let mut y = top + para.space_before;
        let step = para.size * LEADING;
        let lines = self.lines(para, width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let line_x = self.line_x(para, x, width, line.width);
            if i + 1 == count {
                push_rule(para, line_x, y, line.width, ops);
            }
            ops.push(Op::Text { x: line_x, y: y + para.size * ASCENT, line });
            y += step;
        }
        y - top
    }

    fn para(&mut self, para: &Para) {
        self.y += para.space_before;
        let step = para.size * LEADING;
        let (x, width) = (self.left(), self.content_width());
        let lines = self.lines(para, width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(step);
            let line_x = self.line_x(para, x, width, line.width);
            let y = self.y;
            if i + 1 == count {
                push_rule(para, line_x, y, line.width, self.ops());
            }
            self.ops().push(Op::Text { x: line_x, y: y + para.size * ASCENT, line });
            self.y += step;
        }
    }

    /// The x of each box from its relative width, first box on the start side.
    fn boxes(&self, x: f32, width: f32, weights: &[f32]) -> Vec<(f32, f32)> {
        let total: f32 = weights.iter().sum();
        let mut at = 0.0;
        weights
            .iter()
            .map(|weight| {
                let w = width * weight / total;
                let bx = if self.rtl { x + width - at - w } else { x + at };
                at += w;
                (bx, w)
            })
            .collect()
    }

    fn columns(&mut self, columns: &[(f32, Vec<Para>)]) {
        let weights: Vec<f32> = columns.iter().map(|(weight, _)| *weight).collect();
        let boxes = self.boxes(self.left(), self.content_width(), &weights);
        let mut ops = Vec::new();
        let mut height: f32 = 0.0;
        for ((bx, bw), (_, paras)) in boxes.into_iter().zip(columns) {
            let mut y = 0.0;
            for para in paras {
                y += self.place(para, bx, bw, y, &mut ops);
            }
            height = height.max(y);
        }
        self.ensure(height);
        let dy = self.y;
        self.ops().extend(ops.into_iter().map(|op| shift(op, dy)));
        self.y += height;
    }

    fn table(&mut self, table: &Table) {
        let weights: Vec<f32> = table.columns.iter().map(|column| column.weight).collect();
        let boxes = self.boxes(self.left(), self.content_width(), &weights);
        let header: Vec<Para> = table
            .columns
            .iter()
            .map(|column| Para::bold(column.title.clone(), table.size).align(Align::Center))
            .collect();
        let header = self.row(&boxes, &header, Some(0.9));
        let mut rows_on_page = 0;
        self.ensure(header.1);
        self.put_row(&header);
        for cells in &table.rows {
            let paras: Vec<Para> = cells
                .iter()
                .zip(&table.columns)
                .map(|(cell, column)| Para::plain(cell.clone(), table.size).align(column.align))
                .collect();
            let row = self.row(&boxes, &paras, None);
            if self.y + row.1 > self.bottom() && rows_on_page > 0 {
                self.new_page();
                self.put_row(&header);
                rows_on_page = 0;
            }
            self.put_row(&row);
            rows_on_page += 1;
        }
    }

    /// A table row's drawing (from its top) and height.
    fn row(&self, boxes: &[(f32, f32)], cells: &[Para], shade: Option<f32>) -> (Vec<Op>, f32) {
        let mut text = Vec::new();
        let mut height: f32 = 0.0;
        for ((bx, bw), para) in boxes.iter().zip(cells) {
            let h = self.place(para, bx + CELL_PAD, bw - 2.0 * CELL_PAD, CELL_PAD, &mut text);
            height = height.max(h + 2.0 * CELL_PAD);
        }
        let left = boxes.iter().map(|(x, _)| *x).fold(f32::MAX, f32::min);
        let right = boxes.iter().map(|(x, w)| x + w).fold(0.0, f32::max);
        let mut ops = Vec::new();
        if let Some(gray) = shade {
            ops.push(Op::Fill { x: left, y: 0.0, w: right - left, h: height, gray });
        }
        ops.extend(text);
        let width = 0.6;
        ops.push(Op::Rule { x1: left, y1: 0.0, x2: right, y2: 0.0, width });
        ops.push(Op::Rule { x1: left, y1: height, x2: right, y2: height, width });
        for (x, w) in boxes {
            ops.push(Op::Rule { x1: *x, y1: 0.0, x2: *x, y2: height, width });
            ops.push(Op::Rule { x1: x + w, y1: 0.0, x2: x + w, y2: height, width });
        }
        (ops, height)
    }

    fn put_row(&mut self, (ops, height): &(Vec<Op>, f32)) {
        let dy = self.y;
        self.ops().extend(ops.iter().cloned().map(|op| shift(op, dy)));
        self.y += height;
    }

    fn qr(&mut self, para: &Para, code: &str) -> Result<(), SlipError> {
        let qr = QrCode::new(code.as_bytes()).map_err(|e| SlipError::Qr(e.to_string()))?;
        let modules = qr.width();
        let module = QR_SIZE / modules as f32;
        let width = self.content_width();
        let gap = 12.0;
        let qr_x = if self.rtl { self.left() } else { self.left() + width - QR_SIZE };
        let text_x = if self.rtl { self.left() + QR_SIZE + gap } else { self.left() };
        let mut text = Vec::new();
        let text_height = self.place(para, text_x, width - QR_SIZE - gap, 0.0, &mut text);
        let height = text_height.max(QR_SIZE);
        let mut ops = Vec::new();
        let text_top = (height - text_height) / 2.0;
        ops.extend(text.into_iter().map(|op| shift(op, text_top)));
        // One rectangle per horizontal run of dark modules.
        let colors = qr.to_colors();
        for (row, cells) in colors.chunks(modules).enumerate() {
            let mut column = 0;
            while column < modules {
                if cells[column] == Color::Dark {
                    let start = column;
                    while column < modules && cells[column] == Color::Dark {
                        column += 1;
                    }
                    ops.push(Op::Fill {
                        x: qr_x + start as f32 * module,
                        y: row as f32 * module,
                        w: (column - start) as f32 * module,
                        h: module,
                        gray: 0.0,
                    });
                } else {
                    column += 1;
                }
            }
        }
        self.ensure(height);
        let dy = self.y;
        self.ops().extend(ops.into_iter().map(|op| shift(op, dy)));
        self.y += height;
        Ok(())
    }

    /// "2/5" at the foot of every page, when there is more than one.
    fn page_numbers(&mut self) {
        let total = self.pages.len();
        if total < 2 {
            return;
        }
        let size = 8.0;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let label = format!("{}/{}", i + 1, total);
            let spans = [Span { text: label, bold: false }];
            for line in layout(self.fonts, &spans, size, self.width, false) {
                let x = (self.width - line.width) / 2.0;
                let y = self.height - self.margin / 2.0;
                page.ops.push(Op::Text { x, y, line });
            }
        }
    }
}

fn push_rule(para: &Para, line_x: f32, top: f32, line_width: f32, ops: &mut Vec<Op>) {
    if let Some(fraction) = para.rule {
        let w = line_width * fraction;
        let x = line_x + (line_width - w) / 2.0;
        let y = top + para.size * (ASCENT + 0.42);
        ops.push(Op::Rule { x1: x, y1: y, x2: x + w, y2: y, width: 0.6 });
    }
}

fn shift(op: Op, dy: f32) -> Op {
    match op {
        Op::Text { x, y, line } => Op::Text { x, y: y + dy, line },
        Op::Rule { x1, y1, x2, y2, width } => Op::Rule { x1, y1: y1 + dy, x2, y2: y2 + dy, width },
        Op::Fill { x, y, w, h, gray } => Op::Fill { x, y: y + dy, w, h, gray },
    }
}
