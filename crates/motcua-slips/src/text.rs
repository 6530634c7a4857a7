//! Text to positioned glyphs: bidi reordering per line (`unicode-bidi`),
//! shaping per run (`rustybuzz`), font choice per character and greedy line
//! breaking.

use std::ops::Range;

use rustybuzz::{Direction, Face, UnicodeBuffer};
use unicode_bidi::{Level, ParagraphBidiInfo};

use crate::SlipError;
use crate::doc::Span;

const SANS: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
const ARABIC: &[u8] = include_bytes!("../fonts/NotoSansArabic-Regular.ttf");
const ARABIC_BOLD: &[u8] = include_bytes!("../fonts/NotoSansArabic-Bold.ttf");

/// One of the four embedded fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FontId {
    Sans,
    SansBold,
    Arabic,
    ArabicBold,
}

impl FontId {
    pub const ALL: [FontId; 4] = [Self::Sans, Self::SansBold, Self::Arabic, Self::ArabicBold];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn data(self) -> &'static [u8] {
        match self {
            Self::Sans => SANS,
            Self::SansBold => SANS_BOLD,
            Self::Arabic => ARABIC,
            Self::ArabicBold => ARABIC_BOLD,
        }
    }

    pub fn postscript_name(self) -> &'static str {
        match self {
            Self::Sans => "NotoSans-Regular",
            Self::SansBold => "NotoSans-Bold",
            Self::Arabic => "NotoSansArabic-Regular",
            Self::ArabicBold => "NotoSansArabic-Bold",
        }
    }

    pub fn is_bold(self) -> bool {
        matches!(self, Self::SansBold | Self::ArabicBold)
    }

    fn pick(arabic: bool, bold: bool) -> Self {
        match (arabic, bold) {
            (false, false) => Self::Sans,
            (false, true) => Self::SansBold,
            (true, false) => Self::Arabic,
            (true, true) => Self::ArabicBold,
        }
    }
}

/// The parsed fonts, shared by a whole rendering.
pub(crate) struct Fonts {
    faces: Vec<Face<'static>>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").field("faces", &self.faces.len()).finish()
    }
}

impl Fonts {
    pub fn load() -> Result<Self, SlipError> {
        let faces = FontId::ALL
            .iter()
            .map(|id| Face::from_slice(id.data(), 0).ok_or(SlipError::Font(id.postscript_name())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { faces })
    }

    pub fn face(&self, id: FontId) -> &Face<'static> {
        &self.faces[id.index()]
    }

    /// A glyph's advance in thousandths of the font size, as PDF widths are.
    pub fn advance(&self, id: FontId, glyph: u16) -> f32 {
        let face = self.face(id);
        let units = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / face.units_per_em() as f32
    }
}

/// A glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub font: FontId,
    pub id: u16,
    /// From the line's left end, in points.
    pub x: f32,
    /// Upwards from the baseline, in points.
    pub dy: f32,
    /// The characters this glyph stands for (for copying text out of the
    /// PDF); empty for the second and later glyphs of a cluster.
    pub text: String,
}

/// One line of text, glyphs in visual order, left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub glyphs: Vec<Glyph>,
    pub width: f32,
    pub size: f32,
}

/// Characters that steer the bidi algorithm and are never drawn.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters drawn with Noto Sans Arabic; everything else uses Noto Sans.
fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// A paragraph's text with its weights and bidi levels.
struct Paragraph<'t> {
    text: &'t str,
    /// Start byte and weight of each span, in order.
    bold: Vec<(usize, bool)>,
    bidi: ParagraphBidiInfo<'t>,
    size: f32,
}

impl<'t> Paragraph<'t> {
    fn new(text: &'t str, bold: Vec<(usize, bool)>, size: f32, rtl: bool) -> Self {
        let level = if rtl { Level::rtl() } else { Level::ltr() };
        Self { text, bold, bidi: ParagraphBidiInfo::new(text, Some(level)), size }
    }

    fn bold_at(&self, byte: usize) -> bool {
        self.bold.iter().take_while(|(start, _)| *start <= byte).last().is_some_and(|(_, b)| *b)
    }

    /// Shapes a range of the text as one line: glyphs in visual order.
    fn shape(&self, fonts: &Fonts, range: Range<usize>) -> Line {
        let mut glyphs = Vec::new();
        let mut pen = 0.0;
        if range.is_empty() {
            return Line { glyphs, width: 0.0, size: self.size };
        }
        let (levels, runs) = self.bidi.visual_runs(range);
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut segments = self.segments(run);
            if rtl {
                segments.reverse();
            }
            for (segment, font) in segments {
                pen = self.shape_segment(fonts, segment, font, rtl, pen, &mut glyphs);
            }
        }
        Line { glyphs, width: pen, size: self.size }
    }

    /// Splits a run of one direction into pieces of one font, in logical
    /// order, leaving out bidi controls.
    fn segments(&self, run: Range<usize>) -> Vec<(Range<usize>, FontId)> {
        let mut segments: Vec<(Range<usize>, FontId)> = Vec::new();
        let mut previous: Option<FontId> = None;
        for (offset, c) in self.text[run.clone()].char_indices() {
            let at = run.start + offset;
            if is_bidi_control(c) {
                previous = None;
                continue;
            }
            let combining = matches!(c, '\u{0300}'..='\u{036F}');
            let font = match previous {
                Some(font) if combining => font,
                _ => FontId::pick(is_arabic(c), self.bold_at(at)),
            };
            match segments.last_mut() {
                Some((range, last)) if *last == font && range.end == at && previous.is_some() => {
                    range.end = at + c.len_utf8();
                }
                _ => segments.push((at..at + c.len_utf8(), font)),
            }
            previous = Some(font);
        }
        segments
    }

    fn shape_segment(
        &self,
        fonts: &Fonts,
        range: Range<usize>,
        font: FontId,
        rtl: bool,
        mut pen: f32,
        out: &mut Vec<Glyph>,
    ) -> f32 {
        let text = &self.text[range];
        let face = fonts.face(font);
        let scale = self.size / face.units_per_em() as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let mut clusters: Vec<usize> = shaped.glyph_infos().iter().map(|info| info.cluster as usize).collect();
        clusters.sort_unstable();
        clusters.dedup();
        // A cluster's text goes to its base glyph, the first in logical
        // order: the first glyph of the cluster left to right, the last one
        // right to left (marks come before their base then).
        let infos = shaped.glyph_infos();
        let carries_text = |i: usize| {
            let neighbour = if rtl { infos.get(i + 1) } else { i.checked_sub(1).map(|j| &infos[j]) };
            neighbour.is_none_or(|other| other.cluster != infos[i].cluster)
        };
        for (i, (info, position)) in infos.iter().zip(shaped.glyph_positions()).enumerate() {
            let cluster = info.cluster as usize;
            let glyph_text = if carries_text(i) {
                let end = clusters.iter().find(|c| **c > cluster).copied().unwrap_or(text.len());
                text.get(cluster..end).unwrap_or_default().to_owned()
            } else {
                String::new()
            };
            out.push(Glyph {
                font,
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pen + position.x_offset as f32 * scale,
                dy: position.y_offset as f32 * scale,
                text: glyph_text,
            });
            pen += position.x_advance as f32 * scale;
        }
        pen
    }

    fn width(&self, fonts: &Fonts, range: Range<usize>) -> f32 {
        self.shape(fonts, range).width
    }

    /// Places where a line may end: (end of the text before the break, start
    /// of the text after it).
    fn word_breaks(&self) -> Vec<(usize, usize)> {
        let mut breaks = Vec::new();
        let mut chars = self.text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == ' ' {
                let mut next = at + 1;
                while let Some((_, ' ')) = chars.peek() {
                    chars.next();
                    next += 1;
                }
                if at > 0 && next < self.text.len() {
                    breaks.push((at, next));
                }
            }
        }
        breaks
    }

    /// Breaks into lines no wider than `max` where possible: at spaces, and
    /// inside a word too long for a line alone after `-`, `/`, `.`, `,` or
    /// `@`, else between any two characters.
    fn lines(&self, fonts: &Fonts, max: f32) -> Vec<Range<usize>> {
        let text = self.text;
        let start = text.len() - text.trim_start_matches(' ').len();
        let end = text.trim_end_matches(' ').len();
        if start >= end {
            return Vec::new();
        }
        // Words: ranges without their spaces.
        let mut words = Vec::new();
        let mut word_start = start;
        for (before, after) in self.word_breaks() {
            if before > word_start && after <= end {
                words.push(word_start..before);
                word_start = after;
            }
        }
        words.push(word_start..end);

        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut current: Option<Range<usize>> = None;
        for word in words {
            if let Some(line) = &current {
                let joined = line.start..word.end;
                if self.width(fonts, joined.clone()) <= max {
                    current = Some(joined);
                    continue;
                }
                lines.extend(current.take());
            }
            if self.width(fonts, word.clone()) <= max {
                current = Some(word);
            } else {
                let mut pieces = self.split_word(fonts, word, max);
                current = pieces.pop();
                lines.extend(pieces);
            }
        }
        lines.extend(current);
        lines
    }

    /// Cuts a word wider than `max` into pieces that fit.
    fn split_word(&self, fonts: &Fonts, word: Range<usize>, max: f32) -> Vec<Range<usize>> {
        let mut pieces = Vec::new();
        let mut start = word.start;
        while start < word.end {
            let mut best_soft = None;
            let mut best_any = None;
            for (offset, c) in self.text[start..word.end].char_indices() {
                let end = start + offset + c.len_utf8();
                if self.width(fonts, start..end) > max {
                    break;
                }
                // Never split a letter from its marks.
                let next_is_mark =
                    self.text[end..word.end].chars().next().is_some_and(|n| matches!(n, '\u{0300}'..='\u{036F}'));
                if !next_is_mark {
                    best_any = Some(end);
                    if matches!(c, '-' | '/' | '.' | ',' | '@') {
                        best_soft = Some(end);
                    }
                }
            }
            // At least one character per piece, even if it does not fit.
            let first = self.text[start..word.end].chars().next().map_or(1, char::len_utf8);
            let end = best_soft.or(best_any).unwrap_or(start + first).min(word.end);
            pieces.push(start..end);
            start = end;
        }
        pieces
    }
}

/// Lays out rich text in lines at most `max` points wide. `rtl` sets the
/// paragraph's base direction. Line feeds force breaks.
pub(crate) fn layout(fonts: &Fonts, spans: &[Span], size: f32, max: f32, rtl: bool) -> Vec<Line> {
    let mut text = String::new();
    let mut bold = Vec::new();
    for span in spans {
        bold.push((text.len(), span.bold));
        text.push_str(&span.text);
    }
    let mut lines = Vec::new();
    let mut offset = 0;
    for piece in text.split('\n') {
        let piece_bold = bold.iter().map(|(start, b)| (start.saturating_sub(offset), *b)).collect::<Vec<_>>();
        let paragraph = Paragraph::new(piece, piece_bold, size, rtl);
        let ranges = paragraph.lines(fonts, max);
        if ranges.is_empty() {
            lines.push(Line { glyphs: Vec::new(), width: 0.0, size });
        }
        for range in ranges {
            lines.push(paragraph.shape(fonts, range));
        }
        offset += piece.len() + 1;
    }
    lines
}

/// The characters of a line in visual order, left to right (for tests).
#[cfg(test)]
pub(crate) fn visual(line: &Line) -> String {
    line.glyphs.iter().map(|glyph| glyph.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().expect("fonts")
    }

    fn plain(text: &str) -> Vec<Span> {
        vec![Span { text: text.to_owned(), bold: false }]
    }

    #[test]
    fn vietnamese_uses_precomposed_glyphs_and_keeps_every_letter() {
        let fonts = fonts();
        let lines = layout(&fonts, &plain("Độc lập - Tự do - Hạnh phúc"), 10.0, 500.0, false);
        assert_eq!(lines.len(), 1);
        assert_eq!(visual(&lines[0]), "Độc lập - Tự do - Hạnh phúc");
        // No .notdef glyph: every character is in Noto Sans.
        assert!(lines[0].glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn decomposed_vietnamese_is_drawn_with_the_precomposed_glyphs() {
        let fonts = fonts();
        // "Hồ" with its marks as separate characters (NFD).
        let lines = layout(&fonts, &plain("Ho\u{0302}\u{0300}"), 10.0, 500.0, false);
        let glyphs = &lines[0].glyphs;
        assert_eq!(glyphs.len(), 2, "{glyphs:?}");
        assert_eq!(Some(glyphs[1].id), fonts.face(FontId::Sans).glyph_index('ồ').map(|g| g.0));
        assert_eq!(visual(&lines[0]), "Ho\u{0302}\u{0300}");
    }

    #[test]
    fn arabic_is_shaped_and_laid_right_to_left_with_the_code_left_to_right() {
        let fonts = fonts();
        let text = "رمز الملف: \u{2066}000.00.15.H29-251104-0001\u{2069}";
        let lines = layout(&fonts, &plain(text), 10.0, 500.0, true);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(line.glyphs.iter().all(|g| g.id != 0), "a character has no glyph");
        let seen = visual(line);
        // The code reads left to right, and sits at the left end: it ends the
        // sentence, which runs from right to left.
        assert!(seen.starts_with("000.00.15.H29-251104-0001"), "{seen}");
        // The Arabic words come after it, right to left: the first word
        // ("رمز") is at the right end.
        assert!(seen.ends_with("زمر"), "{seen}");
        // Shaped: the letters of "الملف" join, so their glyphs are contextual
        // forms, not the isolated forms that the font's cmap gives.
        let face = fonts.face(FontId::Arabic);
        let isolated = face.glyph_index('م').map(|g| g.0);
        let meem: Vec<u16> =
            line.glyphs.iter().filter(|g| g.font == FontId::Arabic && g.text == "م").map(|g| g.id).collect();
        assert!(!meem.is_empty());
        assert!(meem.iter().all(|id| Some(*id) != isolated), "meem not joined: {meem:?}");
    }

    #[test]
    fn without_an_isolate_the_code_would_break_apart_in_arabic() {
        // The reason the forms isolate codes: this is what they avoid.
        let fonts = fonts();
        let text = "رمز الملف: 000.00.15.H29-251104-0001";
        let lines = layout(&fonts, &plain(text), 10.0, 500.0, true);
        assert!(!visual(&lines[0]).starts_with("000.00.15.H29-251104-0001"));
    }

    #[test]
    fn brackets_in_arabic_are_mirrored() {
        let fonts = fonts();
        let lines = layout(&fonts, &plain("أ (ب)"), 10.0, 500.0, true);
        let line = &lines[0];
        assert_eq!(visual(line), ")ب( أ");
        // The leftmost glyph stands for ")" and is drawn as "(".
        let sans = fonts.face(FontId::Sans);
        let open = sans.glyph_index('(').map(|g| g.0);
        assert_eq!(Some(line.glyphs[0].id), open);
    }

    #[test]
    fn a_cluster_text_goes_to_its_base_glyph_not_its_mark() {
        let fonts = fonts();
        let lines = layout(&fonts, &plain("قُيّد"), 10.0, 500.0, true);
        assert_eq!(visual(&lines[0]), "ديّقُ");
        let face = fonts.face(FontId::Arabic);
        for glyph in &lines[0].glyphs {
            let advance = face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph.id));
            // Marks have no advance and carry no text.
            assert_eq!(glyph.text.is_empty(), advance == Some(0), "{glyph:?}");
        }
    }

    #[test]
    fn lines_wrap_at_spaces_and_long_words_are_cut() {
        let fonts = fonts();
        let lines = layout(&fonts, &plain("một hai ba bốn năm sáu bảy tám"), 10.0, 60.0, false);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|line| line.width <= 60.0));
        let joined: Vec<String> = lines.iter().map(visual).collect();
        assert_eq!(joined.join(" "), "một hai ba bốn năm sáu bảy tám");

        let lines = layout(&fonts, &plain("000.00.15.H29-251104-0001"), 10.0, 50.0, false);
        assert!(lines.len() > 1);
        let joined: Vec<String> = lines.iter().map(visual).collect();
        assert_eq!(joined.concat(), "000.00.15.H29-251104-0001");
        assert!(lines.iter().all(|line| line.width <= 50.0));
    }

    #[test]
    fn line_feeds_force_breaks() {
        let fonts = fonts();
        let lines = layout(&fonts, &plain("a\nb"), 10.0, 500.0, false);
        assert_eq!(lines.iter().map(visual).collect::<Vec<_>>(), ["a", "b"]);
    }
}
