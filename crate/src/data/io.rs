//! Points to and from CSV and JSON files, checked line by line or item by
//! item, with messages that say where the problem is.
//!
//! CSV: a header naming the columns `x1,x2,label,test` (any order, any case;
//! `test` optional, other columns ignored), or no header and the columns in
//! that order. JSON: `[{"x1": …, "x2": …, "label": …, "test": …}, …]` or
//! `{"points": [ … ]}`. `test` is 0/1 or true/false; without it every point
//! is for training. Numbers are read exactly as f32, and `to_csv`/`to_json`
//! print the shortest text that reads back as the same f32, so round trips
//! are exact.

pub(crate) mod json;

use super::shorten;
use super::MAX_POINTS;
use super::{Point, Task};
use crate::decimal::Shortest;
use crate::decimal::{read_f32, read_f64};
#[cfg(test)]
use crate::i18n::ENGLISH;
use crate::i18n::{fill, Catalogue};
use json::Json;
use std::fmt::Write;

/// Larger files are refused unread (5,000 points take well under 1 MB).
pub const MAX_FILE_BYTES: usize = 4_000_000;

/// `x1,x2,label,test` and a line a point, `test` as 0 or 1 (numbers only,
/// so `numpy.loadtxt` reads it, as the "show as code" programs do).
pub fn to_csv(points: &[Point]) -> String {
    let mut out = String::from("x1,x2,label,test\n");
    for p in points {
        let (x1, x2, label) = (Shortest(p.x1), Shortest(p.x2), Shortest(p.label));
        let _ = writeln!(out, "{x1},{x2},{label},{}", u8::from(p.test));
    }
    out
}

/// An array of `{"x1": …, "x2": …, "label": …, "test": …}`, one a line.
pub fn to_json(points: &[Point]) -> String {
    let json_number = |v: f32| {
        if v.is_finite() {
            Shortest(v).to_string()
        } else {
            "null".to_string()
        }
    };
    let items: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "  {{\"x1\": {}, \"x2\": {}, \"label\": {}, \"test\": {}}}",
                json_number(p.x1),
                json_number(p.x2),
                json_number(p.label),
                p.test
            )
        })
        .collect();
    if items.is_empty() {
        "[]\n".to_string()
    } else {
        format!("[\n{}\n]\n", items.join(",\n"))
    }
}

/// JSON when the text starts with `[` or `{`, else CSV.
/// Problems are told in English; [`from_text_in`] tells them in a language.
#[cfg(test)]
pub fn from_text(text: &str) -> Result<Vec<Point>, String> {
    from_text_in(&ENGLISH, text)
}

/// As [`from_text`], the problem told in `t`'s language.
pub fn from_text_in(t: &Catalogue, text: &str) -> Result<Vec<Point>, String> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with(['[', '{']) {
        from_json_in(t, text)
    } else {
        from_csv_in(t, text)
    }
}

fn check_size(t: &Catalogue, text: &str) -> Result<(), String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(fill(
            t.file_bytes_too_many,
            &[
                ("size", &text.len().to_string()),
                ("max", &MAX_FILE_BYTES.to_string()),
            ],
        ));
    }
    Ok(())
}

/// A JSON value's kind in `t`'s language ("a number").
fn kind(t: &Catalogue, value: &Json) -> &'static str {
    match value {
        Json::Null => t.json_null,
        Json::Bool(_) => t.json_boolean,
        Json::Number(_) => t.json_number,
        Json::Text(_) => t.json_string,
        Json::Array(_) => t.json_array,
        Json::Object(_) => t.json_object,
    }
}

/// Which field of a CSV line holds what.
#[derive(Clone, Copy)]
struct Columns {
    x1: usize,
    x2: usize,
    label: usize,
    test: Option<usize>,
    count: usize,
}

impl Columns {
    fn named(t: &Catalogue, names: &[&str]) -> Result<Columns, String> {
        let mut found: [Option<usize>; 4] = [None; 4];
        const NAMES: [&str; 4] = ["x1", "x2", "label", "test"];
        for (i, name) in names.iter().enumerate() {
            let name = name.to_ascii_lowercase();
            if let Some(k) = NAMES.iter().position(|&n| n == name) {
                if found[k].is_some() {
                    return Err(fill(t.file_column_twice, &[("name", &name)]));
                }
                found[k] = Some(i);
            }
        }
        let column =
            |k: usize| found[k].ok_or_else(|| fill(t.file_column_missing, &[("name", NAMES[k])]));
        Ok(Columns {
            x1: column(0)?,
            x2: column(1)?,
            label: column(2)?,
            test: found[3],
            count: names.len(),
        })
    }

    fn positional(t: &Catalogue, count: usize) -> Result<Columns, String> {
        match count {
            3 | 4 => Ok(Columns {
                x1: 0,
                x2: 1,
                label: 2,
                test: (count == 4).then_some(3),
                count,
            }),
            _ => Err(fill(
                t.file_fields_without_header,
                &[("count", &count.to_string())],
            )),
        }
    }

    fn point(&self, t: &Catalogue, fields: &[&str]) -> Result<Point, String> {
        if fields.len() != self.count {
            return Err(fill(
                t.file_fields_differ,
                &[
                    ("count", &fields.len().to_string()),
                    ("first", &self.count.to_string()),
                ],
            ));
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or_default();
        Ok(Point {
            x1: parse_field(t, "x1", field(self.x1))?,
            x2: parse_field(t, "x2", field(self.x2))?,
            label: parse_field(t, "label", field(self.label))?,
            test: match self.test {
                Some(i) => flag(t, field(i))?,
                None => false,
            },
        })
    }
}

/// A field without surrounding spaces or double quotes.
fn unquote(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(field)
}

/// The points of a CSV file, or the first problem: "line 3: x2 'abc' is not
/// a number". Blank lines, `\r\n`, spaces and quotes around fields are fine.
#[cfg(test)]
pub fn from_csv(text: &str) -> Result<Vec<Point>, String> {
    from_csv_in(&ENGLISH, text)
}

/// As [`from_csv`], the problem told in `t`'s language.
pub fn from_csv_in(t: &Catalogue, text: &str) -> Result<Vec<Point>, String> {
    check_size(t, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut columns: Option<Columns> = None;
    let mut points = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |e: String| {
            fill(
                t.file_line,
                &[("line", &(i + 1).to_string()), ("problem", &e)],
            )
        };
        let fields: Vec<&str> = line.split(',').map(unquote).collect();
        let cols = match columns {
            Some(c) => c,
            None => {
                // The first line names the columns, unless it is a point.
                let header = fields.first().is_none_or(|f| read_f64(f).is_none());
                let c = if header {
                    Columns::named(t, &fields)
                } else {
                    Columns::positional(t, fields.len())
                }
                .map_err(at)?;
                columns = Some(c);
                if header {
                    continue;
                }
                c
            }
        };
        if points.len() == MAX_POINTS {
            return Err(at(fill(
                t.file_points_too_many,
                &[("max", &MAX_POINTS.to_string())],
            )));
        }
        points.push(cols.point(t, &fields).map_err(at)?);
    }
    if columns.is_none() {
        return Err(t.file_csv_empty.to_string());
    }
    Ok(points)
}

/// The points of a JSON file, or the first problem: "item 2: x1 is missing"
/// (items count from 1). Fields other than x1, x2, label and test are ignored.
#[cfg(test)]
pub fn from_json(text: &str) -> Result<Vec<Point>, String> {
    from_json_in(&ENGLISH, text)
}

/// As [`from_json`], the problem told in `t`'s language.
pub fn from_json_in(t: &Catalogue, text: &str) -> Result<Vec<Point>, String> {
    check_size(t, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let document = json::parse(text).map_err(|e| {
        fill(
            t.file_json_syntax,
            &[
                ("line", &e.line.to_string()),
                ("column", &e.column.to_string()),
                ("problem", &e.problem.text(t)),
            ],
        )
    })?;
    let items = match &document {
        Json::Array(items) => items,
        Json::Object(_) => match document.field("points") {
            Some(Json::Array(items)) => items,
            _ => return Err(t.file_json_no_points.to_string()),
        },
        other => {
            return Err(fill(t.file_json_not_array, &[("kind", kind(t, other))]));
        }
    };
    if items.len() > MAX_POINTS {
        return Err(fill(
            t.file_json_too_many,
            &[
                ("count", &items.len().to_string()),
                ("max", &MAX_POINTS.to_string()),
            ],
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            json_point(t, item).map_err(|e| {
                fill(
                    t.file_item,
                    &[("item", &(i + 1).to_string()), ("problem", &e)],
                )
            })
        })
        .collect()
}

fn json_point(t: &Catalogue, item: &Json) -> Result<Point, String> {
    let Json::Object(_) = item else {
        return Err(fill(t.file_json_not_object, &[("kind", kind(t, item))]));
    };
    let number_field = |name: &str| match item.field(name) {
        None => Err(fill(t.file_field_missing, &[("name", name)])),
        Some(Json::Number(text)) => parse_field(t, name, text),
        Some(other) => Err(fill(
            t.file_field_not_number,
            &[("name", name), ("kind", kind(t, other))],
        )),
    };
    Ok(Point {
        x1: number_field("x1")?,
        x2: number_field("x2")?,
        label: number_field("label")?,
        test: match item.field("test") {
            None => false,
            Some(Json::Bool(b)) => *b,
            Some(Json::Number(text)) => flag(t, text)?,
            Some(other) => {
                return Err(fill(t.file_test_not_flag, &[("kind", kind(t, other))]));
            }
        },
    })
}

/// A finite f32, read directly (not through f64, which could round twice).
fn parse_field(t: &Catalogue, name: &str, text: &str) -> Result<f32, String> {
    let said = |template: &str| fill(template, &[("name", name), ("value", &shorten(text))]);
    match read_f32(text) {
        Some(v) if v.is_finite() => Ok(v),
        // Digits that overflow f32, as against "inf" or "NaN" written out.
        Some(_) if !text.contains(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E') => {
            Err(said(t.file_value_too_large))
        }
        Some(_) => Err(said(t.file_value_not_finite)),
        None => Err(said(t.file_value_not_number)),
    }
}

/// The test flag: 0 or 1 (as any number: numpy writes 1.0e+00), true or false.
fn flag(t: &Catalogue, text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => match read_f64(other) {
            Some(0.0) => Ok(false),
            Some(1.0) => Ok(true),
            _ => Err(fill(t.file_test_not_0_or_1, &[("value", &shorten(text))])),
        },
    }
}

/// Whether imported points fit a scene's task: classes must be 0 to
/// `classes - 1`; any finite value is a regression target.
#[cfg(test)]
pub fn check_labels(points: &[Point], task: Task) -> Result<(), String> {
    check_labels_in(&ENGLISH, points, task)
}

/// As [`check_labels`], the problem told in `t`'s language.
pub fn check_labels_in(t: &Catalogue, points: &[Point], task: Task) -> Result<(), String> {
    if let Task::Classification { classes } = task {
        for (i, p) in points.iter().enumerate() {
            if p.label < 0.0 || p.label.fract() != 0.0 || p.label as usize >= classes {
                return Err(fill(
                    t.file_label_not_class,
                    &[
                        ("point", &(i + 1).to_string()),
                        ("label", &super::human(p.label)),
                        ("last", &(classes - 1).to_string()),
                    ],
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_playground_is_told_the_problem_in_korean_with_the_numbers() {
        let korean = crate::i18n::korean();
        assert_eq!(
            from_text_in(&korean, "x1,x2,label\n1,2,0\n3,abc,1"),
            Err("3번째 줄: x2 'abc'은(는) 숫자가 아닙니다".to_string())
        );
        assert_eq!(
            from_text_in(&korean, "x1,x2,label\n1,2,0\n3,4"),
            Err("3번째 줄: 첫 줄은 필드가 3개인데 이 줄은 2개입니다".to_string())
        );
        assert_eq!(
            from_text_in(&korean, "[{\"x1\": 1, \"x2\": \"a\", \"label\": 0}]"),
            Err("1번째 항목: x2이(가) 숫자가 아니라 문자열입니다".to_string())
        );
        let points = from_text_in(&korean, "1,2,5").unwrap();
        assert_eq!(
            check_labels_in(&korean, &points, Task::Classification { classes: 2 }),
            Err("1번째 점: 레이블 5은(는) 0부터 1까지의 클래스가 아닙니다".to_string())
        );
        let many = format!("x1,x2,label\n{}", "1,2,0\n".repeat(MAX_POINTS + 1));
        assert_eq!(
            from_text_in(&korean, &many),
            Err(format!(
                "{}번째 줄: 장면에 담을 수 있는 점 {MAX_POINTS}개를 넘습니다",
                MAX_POINTS + 2
            ))
        );
        // A JSON file's syntax: where and what, both in Korean.
        let syntax = [
            (
                "[{\"x1\": 1, \"x2\": 2, \"label\": 0}",
                "JSON 1번째 줄 32번째 열: ','나 ']'이(가) 와야 합니다",
            ),
            (
                "[\n  {\"x1\": NaN}]",
                "JSON 2번째 줄 10번째 열: NaN과 Infinity는 JSON 숫자가 아닙니다",
            ),
            (
                "[1] x",
                "JSON 1번째 줄 5번째 열: JSON 값이 끝난 뒤에 글이 더 있습니다",
            ),
            ("[+1]", "JSON 1번째 줄 2번째 열: 뜻밖의 '+'이(가) 있습니다"),
            ("[tru]", "JSON 1번째 줄 2번째 열: true이(가) 와야 합니다"),
        ];
        for (text, said) in syntax {
            assert_eq!(from_text_in(&korean, text), Err(said.to_string()), "{text}");
        }
        let deep = "[".repeat(100);
        assert_eq!(
            from_text_in(&korean, &deep),
            Err("JSON 1번째 줄 66번째 열: 64단계보다 깊게 중첩되어 있습니다".to_string())
        );
        // The same problems in English, as before.
        assert_eq!(
            from_text("x1,x2,label\n1,2,0\n3,abc,1"),
            Err("line 3: x2 'abc' is not a number".to_string())
        );
    }
    use crate::data::Preset;
    use crate::rng::Rng;

    #[test]
    fn every_preset_round_trips_exactly_through_csv_and_json() {
        for preset in Preset::ALL {
            let mut points = preset.generate(300, 0.7, &mut Rng::new(3));
            crate::data::split(&mut points, 0.3, &mut Rng::new(4));
            assert_eq!(from_csv(&to_csv(&points)), Ok(points.clone()));
            assert_eq!(from_json(&to_json(&points)), Ok(points.clone()));
            assert_eq!(from_text(&to_json(&points)), Ok(points.clone()));
            assert_eq!(from_text(&to_csv(&points)), Ok(points));
        }
        assert_eq!(from_csv(&to_csv(&[])), Ok(vec![]));
        assert_eq!(from_json(&to_json(&[])), Ok(vec![]));
    }

    #[test]
    fn the_formats_look_as_documented() {
        let mut points = vec![Point::new(1.5, -2.0, 1.0), Point::new(0.1, 1e-7, 0.0)];
        points[1].test = true;
        assert_eq!(
            to_csv(&points),
            "x1,x2,label,test\n1.5,-2,1,0\n0.1,0.0000001,0,1\n"
        );
        assert_eq!(
            to_json(&points),
            "[\n  {\"x1\": 1.5, \"x2\": -2, \"label\": 1, \"test\": false},\n  \
             {\"x1\": 0.1, \"x2\": 0.0000001, \"label\": 0, \"test\": true}\n]\n"
        );
    }

    #[test]
    fn csv_is_read_leniently_where_it_is_unambiguous() {
        let expected = vec![
            Point::new(1.0, 2.0, 0.0),
            Point {
                test: true,
                ..Point::new(-3.5, 4.0, 1.0)
            },
        ];
        for text in [
            "x1,x2,label,test\r\n1,2,0,0\r\n-3.5,4,1,1\r\n",
            "\u{feff}  X1 , x2,Label , TEST\n\n 1 , 2 , 0 , false \n\n-3.5,4,1,True\n\n",
            "test,label,x2,x1,comment\n0,0,2,1,first\n1,1,4,-3.5,second",
            "\"x1\",\"x2\",\"label\",\"test\"\n\"1\",\"2\",\"0\",\"0\"\n-3.5,4,1,1.0e+00",
            "1,2,0,0\n-3.5,4,1,1",
        ] {
            assert_eq!(from_csv(text), Ok(expected.clone()), "{text:?}");
        }
        let no_test = "x1,x2,label\n1,2,0\n-3.5,4,1\n";
        assert!(from_csv(no_test).unwrap().iter().all(|p| !p.test));
        assert_eq!(from_csv("1,2,0\n").unwrap(), [Point::new(1.0, 2.0, 0.0)]);
    }

    #[test]
    fn bad_csv_is_refused_naming_the_line_and_the_problem() {
        let cases = [
            (
                "x1,x2,label\n1,2,0\n1,abc,0",
                "line 3: x2 'abc' is not a number",
            ),
            (
                "x1,x2,label\n1,2",
                "line 2: 2 fields where the first line has 3",
            ),
            (
                "x1,x2,label\n1,2,0,0",
                "line 2: 4 fields where the first line has 3",
            ),
            (
                "x1,x2,label\nNaN,2,0",
                "line 2: x1 'NaN' is not a finite number",
            ),
            (
                "x1,x2,label\n1,-inf,0",
                "line 2: x2 '-inf' is not a finite number",
            ),
            ("x1,x2,label\n1,1e39,0", "line 2: x2 '1e39' is too large"),
            ("x1,x2,label\n1,2,", "line 2: label '' is not a number"),
            (
                "x1,x2,label,test\n1,2,0,maybe",
                "line 2: test 'maybe' is not 0, 1, true or false",
            ),
            (
                "x1,x2,label,test\n1,2,0,2",
                "line 2: test '2' is not 0, 1, true or false",
            ),
            (
                "x,y,label",
                "line 1: the header has no column 'x1' (expected x1,x2,label,test)",
            ),
            ("x1,x2,x1,label", "line 1: column 'x1' appears twice"),
            (
                "1,2",
                "line 1: 2 fields without a header; expected x1,x2,label and optionally test",
            ),
            ("\n\n  \r\n", "CSV: the file is empty"),
            (
                "<html><body>",
                "line 1: the header has no column 'x1' (expected x1,x2,label,test)",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(from_csv(text).unwrap_err(), message, "{text:?}");
        }
        let long = format!("x1,x2,label\n1,{},0", "9".repeat(100));
        assert_eq!(
            from_csv(&long).unwrap_err(),
            format!("line 2: x2 '{}…' is too large", "9".repeat(40))
        );
    }

    #[test]
    fn more_than_max_points_and_huge_files_are_refused() {
        let csv = format!("x1,x2,label\n{}", "1,2,0\n".repeat(MAX_POINTS + 1));
        assert_eq!(
            from_csv(&csv).unwrap_err(),
            "line 5002: more than the 5000 points a scene holds"
        );
        let item = "{\"x1\":1,\"x2\":2,\"label\":0},";
        let json = format!("[{}{}]", item.repeat(MAX_POINTS), &item[..item.len() - 1]);
        assert_eq!(
            from_json(&json).unwrap_err(),
            "JSON: 5001 points are more than the 5000 a scene holds"
        );
        let huge = "1,2,0\n".repeat(2_000_000);
        assert_eq!(
            from_csv(&huge).unwrap_err(),
            "file: 12000000 bytes is more than the 4000000 read"
        );
        assert_eq!(
            from_text(&" ".repeat(10 << 20)).unwrap_err(),
            "file: 10485760 bytes is more than the 4000000 read"
        );
    }

    #[test]
    fn bad_json_is_refused_naming_the_item_and_the_problem() {
        let cases = [
            ("{\"points\": [{\"x1\": 1, \"x2\": 2, \"label\": 0}, {\"x1\": 1, \"x2\": \"abc\", \"label\": 0}]}", "item 2: x2 is a string, not a number"),
            ("[{\"x1\": 1, \"label\": 0}]", "item 1: x2 is missing"),
            ("[{\"x1\": null, \"x2\": 2, \"label\": 0}]", "item 1: x1 is null, not a number"),
            ("[{\"x1\": 1e39, \"x2\": 2, \"label\": 0}]", "item 1: x1 '1e39' is too large"),
            ("[{\"x1\": 1, \"x2\": 2, \"label\": [0]}]", "item 1: label is an array, not a number"),
            ("[{\"x1\": 1, \"x2\": 2, \"label\": 0, \"test\": \"yes\"}]", "item 1: test is a string, not true or false"),
            ("[{\"x1\": 1, \"x2\": 2, \"label\": 0, \"test\": 3}]", "item 1: test '3' is not 0, 1, true or false"),
            ("[[1, 2, 0]]", "item 1: expected an object like {\"x1\": 1, \"x2\": 2, \"label\": 0}, found an array"),
            ("[{\"x1\": NaN, \"x2\": 2, \"label\": 0}]", "JSON line 1, column 9: NaN and Infinity are not JSON numbers"),
            ("{\"pts\": []}", "JSON: an object of points needs a \"points\" array"),
            ("{\"points\": 3}", "JSON: an object of points needs a \"points\" array"),
            ("\"points\"", "JSON: expected an array of points, found a string"),
            ("[{\"x1\": 1, \"x2\": 2, \"label\": 0}", "JSON line 1, column 32: expected ',' or ']'"),
        ];
        for (text, message) in cases {
            assert_eq!(from_json(text).unwrap_err(), message, "{text}");
        }
        // Extra fields are ignored; a repeated name counts once, the last.
        let text = r#"{"format": "descent-points", "points": [
            {"x1": 1, "x1": 3, "x2": 2, "label": 1, "test": 1, "colour": {"r": [1]}}]}"#;
        assert_eq!(
            from_json(text),
            Ok(vec![Point {
                test: true,
                ..Point::new(3.0, 2.0, 1.0)
            }])
        );
    }

    #[test]
    fn labels_are_checked_against_the_task() {
        let points = [Point::new(0.0, 0.0, 1.0), Point::new(0.0, 0.0, 2.5)];
        assert_eq!(check_labels(&points, Task::Regression), Ok(()));
        assert_eq!(
            check_labels(&points, Task::Classification { classes: 4 }).unwrap_err(),
            "point 2: label 2.5 is not a class from 0 to 3"
        );
        assert_eq!(
            check_labels(&points[..1], Task::Classification { classes: 2 }),
            Ok(())
        );
        assert!(check_labels(
            &[Point::new(0.0, 0.0, -1.0)],
            Task::Classification { classes: 2 }
        )
        .is_err());
    }
}

/// Property tests: natively only (proptest does not build for wasm32).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod properties {
    use super::*;
    use proptest::prelude::*;

    /// 2,000 cases a property; `PROPTEST_CASES=1000000` for a long run
    /// (`with_cases` alone would ignore the variable).
    pub(crate) fn config() -> ProptestConfig {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000);
        ProptestConfig {
            cases,
            ..ProptestConfig::default()
        }
    }

    fn finite() -> impl Strategy<Value = f32> {
        prop_oneof![
            -10.0f32..10.0,
            prop::num::f32::NORMAL | prop::num::f32::SUBNORMAL | prop::num::f32::ZERO,
        ]
    }

    fn points() -> impl Strategy<Value = Vec<Point>> {
        prop::collection::vec(
            (finite(), finite(), finite(), any::<bool>()).prop_map(|(x1, x2, label, test)| Point {
                x1,
                x2,
                label,
                test,
            }),
            0..30,
        )
    }

    /// Mostly numbers, in the forms files hold them, now and then not.
    fn number_text() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => any::<f32>().prop_map(|v| v.to_string()),
            4 => any::<f32>().prop_map(|v| format!("{v:e}")),
            6 => "-?[0-9]{1,3}(\\.[0-9]{1,3})?([eE][-+]?[0-9]{1,2})?",
            1 => "[-+0-9.eE\" a-z]{0,6}",
        ]
    }

    fn flag_text() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => prop::sample::select(vec!["0", "1", "true", "False", "1.0e+00", "\"1\""])
                .prop_map(String::from),
            1 => "[a-z0-9]{0,4}",
        ]
    }

    /// One character of `text` replaced, to reach the edges of the grammar.
    fn altered(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        (text, any::<prop::sample::Index>(), any::<char>()).prop_map(|(text, at, c)| {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let i = at.index(chars.len());
                chars[i] = c;
            }
            chars.into_iter().collect()
        })
    }

    fn csv_file() -> impl Strategy<Value = String> {
        let row = (number_text(), number_text(), number_text(), flag_text());
        let header = prop::sample::select(vec![
            ("", false),
            ("", true),
            ("x1,x2,label", false),
            ("x1,x2,label,test", true),
            ("label, X2 ,x1", false),
            ("\"x1\",\"x2\",\"label\",\"test\"", true),
        ]);
        let end = prop::sample::select(vec!["\n", "\r\n", "\n\n"]);
        (header, prop::collection::vec(row, 0..8), end).prop_map(
            |((header, with_test), rows, end)| {
                let rows: Vec<String> = rows
                    .into_iter()
                    .map(|(x1, x2, label, test)| match with_test {
                        true => format!("{x1}, {x2},{label},{test}"),
                        false => format!("{x1},{x2},{label}"),
                    })
                    .collect();
                format!("{header}{end}{}", rows.join(end))
            },
        )
    }

    fn csv_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            csv_file(),
            altered(csv_file()),
        ]
    }

    fn json_file() -> impl Strategy<Value = String> {
        let test = prop::option::of(prop_oneof![
            prop::sample::select(vec!["true", "false", "0", "1", "\"1\"", "null"])
                .prop_map(String::from),
            number_text(),
        ]);
        let item = (number_text(), number_text(), number_text(), test).prop_map(
            |(x1, x2, label, test)| {
                let test = test.map_or(String::new(), |t| format!(", \"test\": {t}"));
                format!("{{\"x1\": {x1}, \"x2\": {x2}, \"label\": {label}{test}}}")
            },
        );
        (prop::collection::vec(item, 0..8), any::<bool>()).prop_map(|(items, wrapped)| {
            let array = format!("[{}]", items.join(",\n "));
            if wrapped {
                format!("{{\"points\": {array}}}")
            } else {
                array
            }
        })
    }

    /// Any JSON-like value, nested a little.
    fn json_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            number_text(),
            prop::sample::select(vec!["true", "false", "null", "\"x\"", "\"\\u00e9\"", "NaN"])
                .prop_map(String::from),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            let name = prop::sample::select(vec!["x1", "x2", "label", "test", "points", "other"]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec((name, inner), 0..6).prop_map(|fields| {
                    let fields: Vec<String> = fields
                        .iter()
                        .map(|(k, v)| format!("\"{k}\": {v}"))
                        .collect();
                    format!("{{{}}}", fields.join(",\n"))
                }),
            ]
        })
    }

    fn json_text() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => any::<String>(),
            1 => json_value(),
            3 => json_file(),
            2 => altered(json_file()),
            1 => altered(json_value()),
        ]
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn exports_read_back_exactly(points in points()) {
            prop_assert_eq!(from_csv(&to_csv(&points)), Ok(points.clone()));
            prop_assert_eq!(from_json(&to_json(&points)), Ok(points));
        }

        /// Any text reads without panicking; what is accepted exports to
        /// text that reads back the same, in both formats.
        #[test]
        fn csv_never_panics_and_what_it_accepts_round_trips(text in csv_text()) {
            if let Ok(points) = from_csv(&text) {
                prop_assert_eq!(from_csv(&to_csv(&points)), Ok(points.clone()));
                prop_assert_eq!(from_json(&to_json(&points)), Ok(points));
            }
        }

        #[test]
        fn json_never_panics_and_what_it_accepts_round_trips(text in json_text()) {
            if let Ok(points) = from_json(&text) {
                prop_assert_eq!(from_json(&to_json(&points)), Ok(points.clone()));
                prop_assert_eq!(from_csv(&to_csv(&points)), Ok(points));
            }
            let _ = from_text(&text);
        }
    }
}
