//! Just enough JSON to read a points file: the whole grammar (RFC 8259),
//! numbers kept as their text so they can be read exactly as f32, and limits
//! on nesting and size so that no file can exhaust the stack or the memory.

/// A parsed value; `Number` is the number's text, checked against the grammar.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(&'a str),
    Text(String),
    Array(Vec<Json<'a>>),
    Object(Vec<(String, Json<'a>)>),
}

impl Json<'_> {
    /// What kind of value this is, for messages: "a string", "null", …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Text(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// An object's field (the last, if the name appears twice).
    pub fn field(&self, name: &str) -> Option<&Json<'_>> {
        match self {
            Json::Object(fields) => fields.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Where a text stops being JSON (line and column from 1), and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Syntax {
    pub line: usize,
    pub column: usize,
    pub problem: Problem,
}

/// Why a text is not JSON; [`Problem::text`] says it in a language.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Problem {
    EndsEarly,
    MoreText,
    TooDeep,
    TooManyValues,
    NanOrInfinity,
    Unexpected(char),
    ExpectedWord(&'static str),
    ExpectedDigit,
    DigitAfterPoint,
    DigitInExponent,
    EndsInString,
    ControlInString,
    UnknownEscape,
    HexDigits,
    LoneSurrogate,
    /// `,` or the closing bracket of an array or object.
    ExpectedCommaOr(char),
    ExpectedName,
    ExpectedColon,
}

impl Problem {
    /// The problem in `t`'s language.
    pub fn text(self, t: &Catalogue) -> String {
        use Problem::*;
        let quoted = |c: char| format!("{c:?}");
        match self {
            EndsEarly => t.json_ends_early.to_string(),
            MoreText => t.json_more_text.to_string(),
            TooDeep => fill(t.json_too_deep, &[("max", &MAX_DEPTH.to_string())]),
            TooManyValues => fill(t.json_too_many_values, &[("max", &MAX_VALUES.to_string())]),
            NanOrInfinity => t.json_nan.to_string(),
            Unexpected(c) => fill(t.json_unexpected, &[("what", &quoted(c))]),
            ExpectedWord(word) => fill(t.json_expected_word, &[("word", word)]),
            ExpectedDigit => t.json_expected_digit.to_string(),
            DigitAfterPoint => t.json_digit_after_point.to_string(),
            DigitInExponent => t.json_digit_in_exponent.to_string(),
            EndsInString => t.json_ends_in_string.to_string(),
            ControlInString => t.json_control_in_string.to_string(),
            UnknownEscape => t.json_unknown_escape.to_string(),
            HexDigits => t.json_hex_digits.to_string(),
            LoneSurrogate => t.json_lone_surrogate.to_string(),
            ExpectedCommaOr(close) => fill(t.json_expected_comma_or, &[("close", &quoted(close))]),
            ExpectedName => t.json_expected_name.to_string(),
            ExpectedColon => t.json_expected_colon.to_string(),
        }
    }
}

/// In English, for what is not a student's message (a language file).
impl std::fmt::Display for Syntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (line, column) = (self.line.to_string(), self.column.to_string());
        let problem = self.problem.text(&ENGLISH);
        f.write_str(&fill(
            ENGLISH.file_json_syntax,
            &[("line", &line), ("column", &column), ("problem", &problem)],
        ))
    }
}

use crate::i18n::{fill, Catalogue, ENGLISH};

const MAX_DEPTH: usize = 64;
/// Far more than a points file of `MAX_POINTS` holds (five values a point).
const MAX_VALUES: usize = 200_000;

pub fn parse(text: &str) -> Result<Json<'_>, Syntax> {
    let mut p = Parser {
        text,
        pos: 0,
        values: 0,
    };
    p.skip_space();
    let value = p.value(0)?;
    p.skip_space();
    if p.pos < text.len() {
        return Err(p.error(Problem::MoreText));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    /// A byte offset; it only ever stops before an ASCII byte or at the end.
    pos: usize,
    values: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error(&self, problem: Problem) -> Syntax {
        let before = self.text.as_bytes().get(..self.pos).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Characters, not bytes: UTF-8 continuation bytes don't start one.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        Syntax {
            line,
            column,
            problem,
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, Syntax> {
        if depth > MAX_DEPTH {
            return Err(self.error(Problem::TooDeep));
        }
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err(self.error(Problem::TooManyValues));
        }
        match self.peek() {
            None => Err(self.error(Problem::EndsEarly)),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Text),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number_token(),
            Some(b'N' | b'I') => Err(self.error(Problem::NanOrInfinity)),
            Some(_) => {
                let c = self.text.get(self.pos..).and_then(|s| s.chars().next());
                Err(self.error(Problem::Unexpected(c.unwrap_or('\u{fffd}'))))
            }
        }
    }

    fn word(&mut self, word: &'static str, value: Json<'a>) -> Result<Json<'a>, Syntax> {
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(Problem::ExpectedWord(word)))
        }
    }

    fn digits(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn number_token(&mut self) -> Result<Json<'a>, Syntax> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(b'N' | b'I') => return Err(self.error(Problem::NanOrInfinity)),
            _ => return Err(self.error(Problem::ExpectedDigit)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.digits() {
                return Err(self.error(Problem::DigitAfterPoint));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.digits() {
                return Err(self.error(Problem::DigitInExponent));
            }
        }
        Ok(Json::Number(self.text.get(start..self.pos).unwrap_or("0")))
    }

    fn string(&mut self) -> Result<String, Syntax> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
            let Some(run) = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                self.pos = self.text.len();
                return Err(self.error(Problem::EndsInString));
            };
            // Both ends of the run are before ASCII bytes, so on char boundaries.
            out.push_str(self.text.get(self.pos..self.pos + run).unwrap_or_default());
            self.pos += run;
            match rest[run] {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(self.error(Problem::ControlInString)),
            }
        }
    }

    fn escape(&mut self) -> Result<char, Syntax> {
        let c = self.peek();
        self.pos += 1;
        Ok(match c {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate: its low half must follow as \uXXXX.
                    let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
                    if !rest.starts_with(b"\\u") {
                        return Err(self.error(Problem::LoneSurrogate));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error(Problem::LoneSurrogate));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error(Problem::LoneSurrogate))?
            }
            _ => return Err(self.error(Problem::UnknownEscape)),
        })
    }

    fn hex4(&mut self) -> Result<u32, Syntax> {
        let digits = self.text.as_bytes().get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter()
                .try_fold(0, |v, &b| Some(v * 16 + char::from(b).to_digit(16)?))
        });
        let value = value.ok_or_else(|| self.error(Problem::HexDigits))?;
        self.pos += 4;
        Ok(value)
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, Syntax> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error(Problem::ExpectedCommaOr(']'))),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, Syntax> {
        self.pos += 1; // '{'
        let mut fields = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(fields));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error(Problem::ExpectedName));
            }
            let name = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error(Problem::ExpectedColon));
            }
            self.pos += 1;
            self.skip_space();
            fields.push((name, self.value(depth + 1)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(fields));
                }
                _ => return Err(self.error(Problem::ExpectedCommaOr('}'))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_grammar_parses() {
        let text = r#" { "a": [1, -0, 2.5e-3, 1E+2, true, false, null],
            "b": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00 ☕", "c": {}, "d": [] } "#;
        let v = parse(text).unwrap();
        assert_eq!(
            v.field("a"),
            Some(&Json::Array(vec![
                Json::Number("1"),
                Json::Number("-0"),
                Json::Number("2.5e-3"),
                Json::Number("1E+2"),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null,
            ]))
        );
        assert_eq!(
            v.field("b"),
            Some(&Json::Text("q\"\\/\u{8}\u{c}\n\r\té😀 ☕".to_string()))
        );
        assert_eq!(v.field("c"), Some(&Json::Object(vec![])));
        assert_eq!(v.field("e"), None);
    }

    #[test]
    fn malformed_json_is_refused_naming_where() {
        let cases = [
            (
                "",
                "JSON line 1, column 1: the text ends where a value should be",
            ),
            ("[1,]", "JSON line 1, column 4: unexpected ']'"),
            ("[1 2]", "JSON line 1, column 4: expected ',' or ']'"),
            ("{\"a\" 1}", "JSON line 1, column 6: expected ':'"),
            (
                "{a: 1}",
                "JSON line 1, column 2: expected a name in double quotes",
            ),
            (
                "[\n  NaN]",
                "JSON line 2, column 3: NaN and Infinity are not JSON numbers",
            ),
            (
                "[-Infinity]",
                "JSON line 1, column 3: NaN and Infinity are not JSON numbers",
            ),
            ("[01]", "JSON line 1, column 3: expected ',' or ']'"),
            ("[1.]", "JSON line 1, column 4: expected a digit after '.'"),
            (
                "[1e]",
                "JSON line 1, column 4: expected a digit in the exponent",
            ),
            ("[+1]", "JSON line 1, column 2: unexpected '+'"),
            ("[tru]", "JSON line 1, column 2: expected true"),
            (
                "\"abc",
                "JSON line 1, column 5: the text ends inside a string",
            ),
            (
                "\"a\nb\"",
                "JSON line 1, column 3: a control character inside a string",
            ),
            (
                "\"\\x\"",
                "JSON line 1, column 4: an unknown escape after '\\'",
            ),
            (
                "\"\\u12\"",
                "JSON line 1, column 4: expected four hex digits after \\u",
            ),
            (
                "\"\\ud800\"",
                "JSON line 1, column 8: a lone surrogate in a \\u escape",
            ),
            (
                "\"\\udc00\"",
                "JSON line 1, column 8: a lone surrogate in a \\u escape",
            ),
            (
                "\"é\" x",
                "JSON line 1, column 5: more text after the end of the JSON value",
            ),
            (
                "[1] [2]",
                "JSON line 1, column 5: more text after the end of the JSON value",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(parse(text).unwrap_err().to_string(), message, "{text}");
        }
    }

    #[test]
    fn deep_nesting_and_too_many_values_are_refused_without_recursing_far() {
        let deep = "[".repeat(1_000_000);
        assert_eq!(
            parse(&deep).unwrap_err().to_string(),
            "JSON line 1, column 66: nested deeper than 64 levels"
        );
        let many = format!("[{}0]", "0,".repeat(MAX_VALUES));
        assert!(parse(&many)
            .unwrap_err()
            .to_string()
            .ends_with("more than 200000 values; a points file holds far fewer"));
    }
}
