//! Text folding for search, done here so SQLite and PostgreSQL search alike.
//!
//! Vietnamese is written with many diacritics, and people type without them on
//! cheap phones; folding removes every mark, maps đ/Đ to d and lower-cases, so
//! "Đăng ký tạm trú" and "dang ky tam tru" meet on "dang ky tam tru".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for search: canonical decomposition, combining marks removed,
/// đ→d, lower case, and every run of non-alphanumeric characters collapsed to
/// one space, trimmed.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            other => other,
        };
        if c.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    folded
}

/// The folded words of a search query, without duplicates, in order.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in fold(query).split(' ').filter(|w| !w.is_empty()) {
        if !terms.iter().any(|t| t == word) {
            terms.push(word.to_owned());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        let cases = [
            ("Đăng ký tạm trú", "dang ky tam tru"),
            ("dang ky tam tru", "dang ky tam tru"),
            ("ĐĂNG KÝ  THƯỜNG TRÚ!", "dang ky thuong tru"),
            ("Giấy phép lái xe (cấp đổi)", "giay phep lai xe cap doi"),
            ("Ủy ban Nhân dân\u{a0}xã,\u{a0}phường", "uy ban nhan dan xa phuong"),
            ("1.004194", "1 004194"),
            ("", ""),
            ("  ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn precomposed_and_decomposed_forms_fold_alike() {
        let precomposed = "Hộ tịch";
        let decomposed: String = precomposed.nfd().collect();
        assert_eq!(fold(precomposed), fold(&decomposed));
    }

    #[test]
    fn search_terms_are_unique_and_folded() {
        assert_eq!(search_terms("Đăng ký đăng KÝ"), vec!["dang", "ky"]);
        assert!(search_terms(" ,. ").is_empty());
    }
}
