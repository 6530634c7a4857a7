//! The forms' text (snapshots), and the PDFs read back.
//!
//! Snapshots live in `tests/snapshots/<form>.<language>.txt`, one
//! `text_lines` entry per line, with the bidi isolates written as `<LRI>`,
//! `<FSI>` and `<PDI>`. After a deliberate change of wording, rewrite them
//! with `MOTCUA_SLIPS_BLESS=1 cargo test -p motcua-slips` and review the diff.
//!
//! With `MOTCUA_SLIPS_OUT=<dir>`, `writes_every_form_to_the_directory_asked`
//! writes every form in every language there, to look at.

mod common;

use std::path::PathBuf;

use common::reader;
use motcua_slips::{Language, Slip, page_count, render_pdf, text_lines};

const LANGUAGES: [Language; 3] = [Language::Vi, Language::En, Language::Ar];

fn visible(line: &str) -> String {
    let line = line.replace('\u{2066}', "<LRI>").replace('\u{2068}', "<FSI>");
    line.replace('\u{2069}', "<PDI>").trim_end().to_owned()
}

fn render(slip: &Slip, language: Language) -> reader::Document {
    let bytes = render_pdf(slip, language).expect("render");
    assert!(bytes.starts_with(b"%PDF-"));
    reader::parse(&bytes).unwrap_or_else(|e| panic!("unreadable PDF: {e}"))
}

/// All text lines of a document, page by page.
fn page_texts(document: &reader::Document) -> Vec<Vec<String>> {
    document.pages().into_iter().map(|page| document.text(page)).collect()
}

#[test]
fn text_lines_match_the_snapshots() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let bless = std::env::var_os("MOTCUA_SLIPS_BLESS").is_some();
    let mut failures = Vec::new();
    for (name, slip) in common::all() {
        for language in LANGUAGES {
            let path = dir.join(format!("{name}.{}.txt", language.code()));
            let actual: String = text_lines(&slip, language).iter().map(|line| visible(line) + "\n").collect();
            if bless {
                std::fs::create_dir_all(&dir).expect("snapshot dir");
                std::fs::write(&path, &actual).expect("write snapshot");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                failures.push(format!("{}:\n--- expected\n{expected}--- actual\n{actual}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_form_parses_back_in_every_language_with_its_text() {
    for (name, slip) in common::all() {
        for language in LANGUAGES {
            let document = render(&slip, language);
            let pages = document.pages();
            assert_eq!(pages.len(), 1, "{name} {language:?}");
            let (width, height) = document.size(pages[0]);
            if slip.form_number() == 7 {
                assert!(width > height, "{name} is not landscape");
            } else {
                assert!(height > width, "{name} is not portrait");
            }
            assert_eq!(page_count(&slip, language).expect("layout"), 1);
            if language == Language::Ar {
                continue; // Read back right to left: see the Arabic tests.
            }
            // Every text is drawn, letter for letter, and found again through
            // the fonts' ToUnicode maps (spaces aside: lines break at them).
            let squeeze = |text: &str| text.split_whitespace().collect::<String>();
            let drawn = squeeze(&document.text(pages[0]).join(""));
            for line in text_lines(&slip, language) {
                for cell in line.split(" | ") {
                    assert!(drawn.contains(&squeeze(cell)), "{name} {language:?}: {cell} not drawn");
                }
            }
        }
    }
}

#[test]
fn vietnamese_diacritics_survive_into_the_pdf() {
    let document = render(&common::receipt(), Language::Vi);
    let drawn = document.text(document.pages()[0]);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Ông/bà: Nguyễn Thị Hồng Nhung",
        "Bắc Ninh, ngày 04 tháng 11 năm 2025",
    ] {
        assert!(drawn.iter().any(|line| line == expected), "{expected} not in {drawn:?}");
    }
}

#[test]
fn arabic_keeps_the_dossier_code_left_to_right() {
    let code = common::CODE;
    for slip in [common::receipt(), common::refusal(), common::control()] {
        // In the text: the code is isolated left to right.
        let lines = text_lines(&slip, Language::Ar);
        let isolated = format!("\u{2066}{code}\u{2069}");
        let line = lines.iter().find(|line| line.contains(&isolated)).expect("code line");
        assert!(line.starts_with("رمز الملف: "), "{line}");

        // In the PDF, glyphs read left to right: the code in its own order at
        // the left end, the Arabic label after it, its letters reversed
        // because Arabic runs right to left.
        let document = render(&slip, Language::Ar);
        let drawn = document.text(document.pages()[0]);
        let label: String = "رمز الملف:".chars().rev().collect();
        let expected = format!("{code} {label}");
        assert!(drawn.contains(&expected.to_owned()), "{expected} not in {drawn:?}");
    }
}

#[test]
fn arabic_mirrors_the_page_layout() {
    // The x of the first line drawn with exactly this text.
    fn x_of(lines: &[(f64, String)], text: &str) -> f64 {
        lines.iter().find(|(_, t)| t == text).unwrap_or_else(|| panic!("{text} not in {lines:?}")).0
    }
    let reversed = |text: &str| text.chars().rev().collect::<String>();
    let middle = 595.28 / 2.0;

    let document = render(&common::receipt(), Language::Vi);
    let lines = document.placed_text(document.pages()[0]);
    assert!(x_of(&lines, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") < middle);
    assert!(x_of(&lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > middle);
    assert!(x_of(&lines, "TT") < x_of(&lines, "Số lượng"));

    let document = render(&common::receipt(), Language::Ar);
    let lines = document.placed_text(document.pages()[0]);
    // The issuer on the right, the national header on the left.
    assert!(x_of(&lines, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") > middle);
    // (Found by a word without lam-alef, whose ligature reads back in
    // logical order.)
    let containing =
        |word: &str| lines.iter().find(|(_, t)| t.contains(&reversed(word))).unwrap_or_else(|| panic!("{word}")).0;
    assert!(containing("مقدم الملف") > middle);
    assert!(containing("موظف") < middle);
    let nation = lines.iter().find(|(_, t)| t.contains(&reversed("فيتنام"))).expect("nation");
    assert!(nation.0 < middle);
    // The table's first column (the number) on the right.
    assert!(x_of(&lines, "م") > x_of(&lines, &reversed("العدد")));
}

#[test]
fn a_tracking_book_of_200_rows_runs_over_pages_with_the_header_on_each() {
    let slip = common::tracking(200);
    let document = render(&slip, Language::Vi);
    let pages = page_texts(&document);
    assert!(pages.len() >= 5, "only {} pages", pages.len());
    assert_eq!(page_count(&slip, Language::Vi).expect("layout"), pages.len());
    let total = pages.len();
    for (i, lines) in pages.iter().enumerate() {
        assert!(lines.iter().any(|line| line == "Mã hồ sơ"), "page {} has no header", i + 1);
        let label = format!("{}/{total}", i + 1);
        assert!(lines.contains(&label), "page {} has no number", i + 1);
    }
    // Every row is drawn once, none lost at a page break.
    let all: String = pages.iter().flatten().map(String::as_str).collect();
    for i in 1..=200 {
        let code = format!("000.00.15.H29-251104-{i:04}");
        assert_eq!(all.matches(&code).count(), 1, "{code}");
    }
}

#[test]
fn a_long_control_slip_also_runs_over_pages() {
    let Slip::ControlSlip(mut slip) = common::control() else { unreachable!() };
    let rows = slip.rows.clone();
    slip.rows = rows.iter().cycle().take(80).cloned().collect();
    let slip = Slip::ControlSlip(slip);
    for language in LANGUAGES {
        let document = render(&slip, language);
        assert!(document.pages().len() >= 2, "{language:?}");
    }
}

#[test]
fn fonts_are_subset_so_slips_stay_small() {
    for (name, slip) in common::all() {
        for language in LANGUAGES {
            let size = render_pdf(&slip, language).expect("render").len();
            assert!(size < 120_000, "{name} {language:?}: {size} bytes");
        }
    }
    let size = render_pdf(&common::tracking(200), Language::Ar).expect("render").len();
    assert!(size < 400_000, "200-row tracking book: {size} bytes");
}

#[test]
fn an_impossible_qr_code_is_an_error() {
    let Slip::Receipt(mut receipt) = common::receipt() else { unreachable!() };
    receipt.dossier_code = "9".repeat(8000);
    let error = render_pdf(&Slip::Receipt(receipt), Language::Vi).expect_err("too long for a QR code");
    assert!(error.to_string().contains("QR"));
}

#[test]
fn writes_every_form_to_the_directory_asked() {
    let Some(dir) = std::env::var_os("MOTCUA_SLIPS_OUT") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("output dir");
    let mut slips = common::all();
    slips.push(("07-tracking-200", common::tracking(200)));
    for (name, slip) in slips {
        for language in LANGUAGES {
            let bytes = render_pdf(&slip, language).expect("render");
            std::fs::write(dir.join(format!("{name}.{}.pdf", language.code())), bytes).expect("write");
        }
    }
}
