//! Pages to PDF bytes with `pdf-writer`: each font used is subset to the
//! glyphs drawn (`subsetter`) and embedded as a CID-keyed TrueType font with
//! a ToUnicode map, so text can be searched and copied; streams are deflated.

use std::collections::BTreeMap;

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::SlipError;
use crate::layout::{Laid, Op};
use crate::text::{FontId, Fonts, Glyph};

const COMPRESSION: u8 = 6;

/// What a font needs in the PDF: the glyphs drawn, renumbered in the subset.
struct UsedFont {
    remapper: GlyphRemapper,
    /// Text of each new glyph id, for the ToUnicode map.
    text: BTreeMap<u16, String>,
}

pub(crate) fn write(laid: &Laid, fonts: &Fonts, title: &str, lang: &str) -> Result<Vec<u8>, SlipError> {
    // Renumber the glyphs each font draws: the subset's glyph ids are the
    // CIDs the content streams show.
    let mut used: BTreeMap<FontId, UsedFont> = BTreeMap::new();
    for op in laid.pages.iter().flat_map(|page| &page.ops) {
        if let Op::Text { line, .. } = op {
            for glyph in &line.glyphs {
                let font = used
                    .entry(glyph.font)
                    .or_insert_with(|| UsedFont { remapper: GlyphRemapper::new(), text: BTreeMap::new() });
                let cid = font.remapper.remap(glyph.id);
                if !glyph.text.is_empty() {
                    font.text.entry(cid).or_insert_with(|| glyph.text.clone());
                }
            }
        }
    }

    let mut ids = Ids(0);
    let mut pdf = Pdf::new();
    let catalog = ids.next();
    let page_tree = ids.next();
    let info = ids.next();

    // Fonts.
    let mut resource_names: Vec<(String, Ref)> = Vec::new();
    for (font_id, font) in &used {
        let type0 = ids.next();
        let cid_font = ids.next();
        let descriptor = ids.next();
        let file = ids.next();
        let cmap = ids.next();
        let base = format!("{}+{}", subset_tag(*font_id), font_id.postscript_name());

        let data = subsetter::subset(font_id.data(), 0, &font.remapper)
            .map_err(|_| SlipError::Font(font_id.postscript_name()))?;
        let compressed = compress_to_vec_zlib(&data, COMPRESSION);
        pdf.stream(file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), i32::try_from(data.len()).unwrap_or(i32::MAX));

        pdf.type0_font(type0)
            .base_font(Name(base.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(cmap);

        let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
        let widths: Vec<f32> = font.remapper.remapped_gids().map(|old| fonts.advance(*font_id, old)).collect();
        let mut cid = pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();

        let face = fonts.face(*font_id);
        let scale = 1000.0 / face.units_per_em() as f32;
        let bbox = face.global_bounding_box();
        pdf.font_descriptor(descriptor)
            .name(Name(base.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bbox.x_min) * scale,
                f32::from(bbox.y_min) * scale,
                f32::from(bbox.x_max) * scale,
                f32::from(bbox.y_max) * scale,
            ))
            .italic_angle(0.0)
            .ascent(f32::from(face.ascender()) * scale)
            .descent(f32::from(face.descender()) * scale)
            .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
            .stem_v(if font_id.is_bold() { 140.0 } else { 80.0 })
            .font_file2(file);

        let mut unicode = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (cid, text) in &font.text {
            unicode.pair_with_multiple(*cid, text.chars());
        }
        let unicode = compress_to_vec_zlib(&unicode.finish(), COMPRESSION);
        pdf.cmap(cmap, &unicode).filter(Filter::FlateDecode);

        resource_names.push((font_resource(*font_id), type0));
    }

    // Pages.
    let mut page_ids = Vec::new();
    for page in &laid.pages {
        let page_id = ids.next();
        let content_id = ids.next();
        page_ids.push(page_id);
        let content = draw(&page.ops, laid.height, fonts, &used);
        let content = compress_to_vec_zlib(&content, COMPRESSION);
        pdf.stream(content_id, &content).filter(Filter::FlateDecode);
        let mut page_writer = pdf.page(page_id);
        page_writer.media_box(Rect::new(0.0, 0.0, laid.width, laid.height)).parent(page_tree).contents(content_id);
        let mut resources = page_writer.resources();
        let mut font_dict = resources.fonts();
        for (name, id) in &resource_names {
            font_dict.pair(Name(name.as_bytes()), *id);
        }
        font_dict.finish();
        resources.finish();
        page_writer.finish();
    }
    let count = i32::try_from(page_ids.len()).unwrap_or(i32::MAX);
    pdf.pages(page_tree).kids(page_ids).count(count);
    pdf.catalog(catalog).pages(page_tree).lang(TextStr(lang));
    pdf.document_info(info).title(TextStr(title)).producer(TextStr("motcua-slips"));
    Ok(pdf.finish())
}

struct Ids(i32);

impl Ids {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

fn font_resource(font: FontId) -> String {
    format!("F{}", font.index())
}

/// The six capital letters that mark a subset font's name, one per font.
fn subset_tag(font: FontId) -> &'static str {
    match font {
        FontId::Sans => "MCSLPA",
        FontId::SansBold => "MCSLPB",
        FontId::Arabic => "MCSLPC",
        FontId::ArabicBold => "MCSLPD",
    }
}

/// The content stream of one page. PDF's y runs upwards, the layout's down.
fn draw(ops: &[Op], height: f32, fonts: &Fonts, used: &BTreeMap<FontId, UsedFont>) -> Vec<u8> {
    let mut content = Content::new();
    for op in ops {
        match op {
            Op::Fill { x, y, w, h, gray } => {
                content.set_fill_gray(*gray);
                content.rect(*x, height - y - h, *w, *h);
                content.fill_nonzero();
                content.set_fill_gray(0.0);
            }
            Op::Rule { x1, y1, x2, y2, width } => {
                content.set_line_width(*width);
                content.move_to(*x1, height - y1);
                content.line_to(*x2, height - y2);
                content.stroke();
            }
            Op::Text { x, y, line } => {
                content.begin_text();
                for run in runs(&line.glyphs) {
                    show(&mut content, run, *x, height - y, line.size, fonts, used);
                }
                content.end_text();
            }
        }
    }
    content.finish().into_vec()
}

/// Consecutive glyphs of one font on one vertical offset.
fn runs(glyphs: &[Glyph]) -> impl Iterator<Item = &[Glyph]> {
    glyphs.chunk_by(|a, b| a.font == b.font && a.dy == b.dy)
}

fn show(
    content: &mut Content,
    run: &[Glyph],
    x: f32,
    baseline: f32,
    size: f32,
    fonts: &Fonts,
    used: &BTreeMap<FontId, UsedFont>,
) {
    let Some(first) = run.first() else { return };
    let Some(font) = used.get(&first.font) else { return };
    content.set_font(Name(font_resource(first.font).as_bytes()), size);
    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x + first.x, baseline + first.dy]);
    let mut shown = content.show_positioned();
    let mut items = shown.items();
    let mut bytes: Vec<u8> = Vec::new();
    let mut previous: Option<&Glyph> = None;
    for glyph in run {
        if let Some(previous) = previous {
            // The PDF moves by the glyph's width; correct to the shaped pen.
            let width = fonts.advance(previous.font, previous.id);
            let adjust = width - (glyph.x - previous.x) * 1000.0 / size;
            if adjust.abs() > 0.01 {
                if !bytes.is_empty() {
                    items.show(Str(&bytes));
                    bytes.clear();
                }
                items.adjust(adjust);
            }
        }
        let cid = font.remapper.get(glyph.id).unwrap_or(0);
        bytes.extend(cid.to_be_bytes());
        previous = Some(glyph);
    }
    if !bytes.is_empty() {
        items.show(Str(&bytes));
    }
}
