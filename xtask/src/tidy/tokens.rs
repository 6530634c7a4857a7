//! Rust source text as a list of tokens, enough for the tidy checks: comments
//! are dropped, string and character literals are single tokens (so nothing
//! inside them is mistaken for code), and `::` is one token. It is not a full
//! lexer: numbers, lifetimes and punctuation are only told apart as far as
//! the checks need.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// An identifier or keyword, raw identifiers without their `r#`.
    Identifier,
    /// A string literal of any kind (plain, raw, byte, C); `text` is its
    /// content between the quotes, escapes left as written.
    String,
    /// A character or byte literal.
    Character,
    /// A lifetime or loop label, without its quote.
    Lifetime,
    Number,
    /// `::`, or any other single character of punctuation.
    Punctuation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    /// The 1-based line the token starts on.
    pub line: usize,
}

impl Token<'_> {
    pub fn is(&self, text: &str) -> bool {
        self.text == text && self.kind != TokenKind::String
    }

    pub fn is_identifier(&self) -> bool {
        self.kind == TokenKind::Identifier
    }
}

fn is_identifier_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

/// The tokens of `source`, comments left out.
pub(crate) fn tokenize(source: &str) -> Vec<Token<'_>> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut line = 1;
    while at < bytes.len() {
        let byte = bytes[at];
        let next = bytes.get(at + 1).copied();
        if byte == b'\n' {
            line += 1;
            at += 1;
        } else if byte.is_ascii_whitespace() {
            at += 1;
        } else if byte == b'/' && next == Some(b'/') {
            while at < bytes.len() && bytes[at] != b'\n' {
                at += 1;
            }
        } else if byte == b'/' && next == Some(b'*') {
            let end = block_comment_end(bytes, at);
            line += count_newlines(&bytes[at..end]);
            at = end;
        } else if let Some((content, end)) = string_literal(source, at) {
            tokens.push(Token { kind: TokenKind::String, text: content, line });
            line += count_newlines(&bytes[at..end]);
            at = end;
        } else if byte == b'\'' {
            let (kind, text, end) = quote_token(source, at);
            tokens.push(Token { kind, text, line });
            at = end;
        } else if byte == b'r' && next == Some(b'#') && bytes.get(at + 2).copied().is_some_and(is_identifier_byte) {
            let start = at + 2;
            let end = identifier_end(bytes, start);
            tokens.push(Token { kind: TokenKind::Identifier, text: &source[start..end], line });
            at = end;
        } else if byte.is_ascii_digit() {
            let end = identifier_end(bytes, at);
            tokens.push(Token { kind: TokenKind::Number, text: &source[at..end], line });
            at = end;
        } else if is_identifier_byte(byte) {
            let end = identifier_end(bytes, at);
            tokens.push(Token { kind: TokenKind::Identifier, text: &source[at..end], line });
            at = end;
        } else if byte == b':' && next == Some(b':') {
            tokens.push(Token { kind: TokenKind::Punctuation, text: &source[at..at + 2], line });
            at += 2;
        } else {
            let width = source[at..].chars().next().map_or(1, char::len_utf8);
            tokens.push(Token { kind: TokenKind::Punctuation, text: &source[at..at + width], line });
            at += width;
        }
    }
    tokens
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn identifier_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && is_identifier_byte(bytes[end]) {
        end += 1;
    }
    end
}

/// Where a block comment opening at `start` ends; block comments nest.
fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0;
    let mut at = start;
    while at < bytes.len() {
        if bytes[at] == b'/' && bytes.get(at + 1) == Some(&b'*') {
            depth += 1;
            at += 2;
        } else if bytes[at] == b'*' && bytes.get(at + 1) == Some(&b'/') {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    bytes.len()
}

/// A string literal starting at `start` (with its `b`, `c`, `r`, `br` or `cr`
/// prefix), as its content and the offset just past it.
fn string_literal(source: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = source.as_bytes();
    if start > 0 && is_identifier_byte(bytes[start - 1]) {
        return None;
    }
    let mut at = start;
    if matches!(bytes[at], b'b' | b'c') {
        at += 1;
    }
    let raw = bytes.get(at) == Some(&b'r');
    if raw {
        at += 1;
    }
    let mut hashes = 0;
    while raw && bytes.get(at) == Some(&b'#') {
        hashes += 1;
        at += 1;
    }
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let content_start = at + 1;
    let mut at = content_start;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if !raw => at += 2,
            b'"' if bytes[at + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes => {
                return Some((&source[content_start..at], at + 1 + hashes));
            }
            _ => at += 1,
        }
    }
    Some((&source[content_start..], bytes.len()))
}

/// A character literal or a lifetime starting at the quote at `start`.
fn quote_token(source: &str, start: usize) -> (TokenKind, &str, usize) {
    let bytes = source.as_bytes();
    if bytes.get(start + 1) == Some(&b'\\') {
        let mut at = start + 3;
        while at < bytes.len() && bytes[at] != b'\'' && bytes[at] != b'\n' {
            at += 1;
        }
        return (TokenKind::Character, &source[start..(at + 1).min(bytes.len())], (at + 1).min(bytes.len()));
    }
    let width = source[start + 1..].chars().next().map_or(0, char::len_utf8);
    if width > 0 && bytes.get(start + 1 + width) == Some(&b'\'') {
        return (TokenKind::Character, &source[start..start + 2 + width], start + 2 + width);
    }
    let end = identifier_end(bytes, start + 1);
    (TokenKind::Lifetime, &source[start + 1..end], end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(source: &str) -> Vec<(TokenKind, &str)> {
        tokenize(source).into_iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn comments_are_dropped_and_literals_are_whole() {
        let source = "use crate::a; // crate::b\n/* crate::c /* nested */ still */ let s = \"crate::d\";";
        let identifiers: Vec<&str> =
            tokenize(source).into_iter().filter(|t| t.is_identifier()).map(|t| t.text).collect();
        assert_eq!(identifiers, ["use", "crate", "a", "let", "s"]);
        assert!(kinds_and_texts(source).contains(&(TokenKind::String, "crate::d")));
    }

    #[test]
    fn raw_strings_escapes_and_characters() {
        let tokens = kinds_and_texts(r####"r#"a "quoted" b"# b"x\"y" '"' '\'' 'a b"####);
        assert_eq!(
            tokens,
            [
                (TokenKind::String, r#"a "quoted" b"#),
                (TokenKind::String, r#"x\"y"#),
                (TokenKind::Character, "'\"'"),
                (TokenKind::Character, r"'\''"),
                (TokenKind::Lifetime, "a"),
                (TokenKind::Identifier, "b"),
            ]
        );
    }

    #[test]
    fn lines_count_across_comments_and_strings() {
        let tokens = tokenize("a\n/* one\ntwo */ b \"x\ny\" c\n// d\ne");
        let lines: Vec<(&str, usize)> = tokens.iter().map(|t| (t.text, t.line)).collect();
        assert_eq!(lines, [("a", 1), ("b", 3), ("x\ny", 3), ("c", 4), ("e", 6)]);
    }

    #[test]
    fn paths_keep_their_double_colons() {
        let texts: Vec<&str> = tokenize("crate::a::b(r#type)").into_iter().map(|t| t.text).collect();
        assert_eq!(texts, ["crate", "::", "a", "::", "b", "(", "type", ")"]);
    }
}
