//! The statutory slips of Circular 03/2025/TT-VPCP as PDF, in Vietnamese,
//! English and Arabic.
//!
//! Pure rendering: the caller fills one of the [`Slip`] structs with data
//! (already formatted where a field ends in `_text`); this crate owns all the
//! fixed wording of each form, its layout and the fonts, and returns bytes.
//! It performs no I/O.
//!
//! ```
//! use motcua_slips::{Language, Slip, TrackingBook, Issuer, render_pdf, text_lines};
//!
//! let slip = Slip::TrackingBook(TrackingBook {
//!     issuer: Issuer { parent: String::new(), name: "UBND XÃ AN BÌNH".into() },
//!     book: "01".into(),
//!     period_text: "11/2025".into(),
//!     rows: Vec::new(),
//! });
//! assert_eq!(text_lines(&slip, Language::Vi)[0], "Mẫu số 07");
//! let pdf = render_pdf(&slip, Language::Vi).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! ```

mod doc;
mod forms;
mod layout;
mod pdf;
mod slip;
mod text;
mod words;

pub use slip::{
    Apology, ControlRow, ControlSlip, Dateline, Delivery, DocumentLine, Issuer, PaymentReceipt, Receipt, Refusal, Slip,
    SlipDate, StopNotice, SupplementRequest, Timeliness, TrackingBook, TrackingRow,
};

/// The language a slip is written in. Arabic is laid out right to left.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Language {
    #[default]
    Vi,
    En,
    Ar,
}

impl Language {
    /// The BCP 47 code: `vi`, `en` or `ar`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
            Self::Ar => "ar",
        }
    }

    /// The language of a BCP 47 code's primary subtag, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "vi" => Some(Self::Vi),
            "en" => Some(Self::En),
            "ar" => Some(Self::Ar),
            _ => None,
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Self::Ar
    }
}

/// Why a slip could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum SlipError {
    /// The QR code of form 01 cannot hold the dossier code.
    #[error("the dossier code does not fit in a QR code: {0}")]
    Qr(String),
    /// An embedded font could not be read or subset (a defect of the build).
    #[error("font {0} could not be used")]
    Font(&'static str),
}

/// The slip as a PDF document: A4 portrait for forms 01–06, A4 landscape for
/// the tracking book (07); tables run over as many pages as they need.
pub fn render_pdf(slip: &Slip, language: Language) -> Result<Vec<u8>, SlipError> {
    let document = forms::build(slip, language);
    let fonts = text::Fonts::load()?;
    let laid = layout::lay_out(&document, &fonts)?;
    pdf::write(&laid, &fonts, &document.title, document.lang)
}

/// Every text the PDF draws, in reading order: one entry per paragraph, a
/// table's header and each of its rows as cells joined by `" | "`. Page
/// numbers are left out. In Arabic, values carry the bidi isolates the PDF
/// lays them out with (U+2066 left-to-right and U+2068 first-strong, each
/// closed by U+2069).
pub fn text_lines(slip: &Slip, language: Language) -> Vec<String> {
    forms::build(slip, language).lines()
}

/// The number of pages `render_pdf` makes for this slip.
pub fn page_count(slip: &Slip, language: Language) -> Result<usize, SlipError> {
    let document = forms::build(slip, language);
    let fonts = text::Fonts::load()?;
    Ok(layout::lay_out(&document, &fonts)?.pages.len())
}
