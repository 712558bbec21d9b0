//! Every case against the standard library's reader, bit for bit.

use super::*;
use crate::data::io::properties::config;
use proptest::prelude::*;

/// Reads `text` both ways as f64 and as f32, and says where they differ.
fn check(text: &str) -> Result<(), String> {
    // A long text is named by its ends.
    let shown = match text.len() > 90 {
        true => format!(
            "{}…{} ({} bytes)",
            &text[..40],
            &text[text.len() - 40..],
            text.len()
        ),
        false => text.to_string(),
    };
    let ours = read_f64(text).map(f64::to_bits);
    let std = text.parse::<f64>().ok().map(f64::to_bits);
    if ours != std {
        return Err(format!("f64 {shown:?}: {ours:x?} against {std:x?}"));
    }
    let ours = read_f32(text).map(f32::to_bits);
    let std = text.parse::<f32>().ok().map(f32::to_bits);
    if ours != std {
        return Err(format!("f32 {shown:?}: {ours:x?} against {std:x?}"));
    }
    Ok(())
}

fn check_all<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) {
    none_differ(texts.into_iter().filter_map(|t| check(t.as_ref()).err()));
}

/// Fails, listing them, if there are any differences.
pub(super) fn none_differ(differences: impl Iterator<Item = String>) {
    let wrong: Vec<String> = differences.collect();
    assert!(
        wrong.is_empty(),
        "{} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_grammar_is_the_standard_one() {
    check_all([
        "",
        "+",
        "-",
        ".",
        "e",
        "e1",
        "1e",
        "1e+",
        "1e-",
        ".e1",
        "1.e1",
        ".5",
        "5.",
        "+.5",
        "-.5e-1",
        "-0",
        "+0",
        "0",
        "00",
        "0.0e0",
        "000.000",
        "inf",
        "+inf",
        "-Infinity",
        "INF",
        "iNfInItY",
        "infinit",
        "infinityy",
        "nan",
        "-NaN",
        "+nan",
        "NaN1",
        "nan(1)",
        "1_0",
        "0x10",
        " 1",
        "1 ",
        "1e5",
        "1E5",
        "1e0005",
        "1e+05",
        "1.5e-3",
        "1d5",
        "--1",
        "+-1",
        "1..2",
        "1.2.3",
        "1e5.5",
        "1ee5",
        "1e--5",
        "٣",
        "1,5",
        "0.1",
        "0.2",
        "0.3",
        "3.14159",
        "123456789012345678901234567890",
        "9007199254740993",
        "9007199254740992",
        "9007199254740995",
        "16777217",
        "16777219",
        "33554431",
        "1e22",
        "1e23",
        "1e-22",
        "1e-23",
        "123456789e-10",
        "8.589973e9",
        "1.0e10",
    ]);
}

#[test]
fn the_ends_of_the_range_round_as_the_standard_reader_rounds() {
    check_all([
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623158079e308",
        "1.797693134862315807937289714053e308",
        "1.797693134862315807937289714054e308",
        "1.8e308",
        "1e309",
        "1e310",
        "1e311",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.47032822920623272088e-324",
        "1e-324",
        "3e-324",
        "1e-330",
        "1e-331",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "2.225073858507201136057409796709131975934819546351645648e-308",
        "3.4028235e38",
        "3.4028236e38",
        "3.40282356779733661637539395458142568448e38",
        "3.40282356779733661637539395458142568449e38",
        "1.4e-45",
        "7.006492e-46",
        "7.0064923216240862e-46",
        "7.0064923216240863e-46",
        "1.1754942e-38",
        "1.17549435e-38",
        "1e99999999999",
        "-1e99999999999",
        "1e-99999999999",
        "0e99999999999",
    ]);
}

#[test]
fn very_long_numbers_are_read_whole() {
    let zeros = "0".repeat(70_000);
    let nines = "9".repeat(900);
    check_all([
        format!("0.{zeros}1e70001"),
        format!("1{zeros}e-70000"),
        format!("1{zeros}"),
        format!("0.{zeros}1"),
        format!("{nines}e-600"),
        format!("0.{nines}"),
        // Halfway between 1 and the next f64, and just past it far down the digits.
        "1.00000000000000011102230246251565404236316680908203125".to_string(),
        format!("1.00000000000000011102230246251565404236316680908203125{zeros}1"),
        format!(
            "1.00000000000000011102230246251565404236316680908203124{}",
            "9".repeat(900)
        ),
    ]);
}

/// The exact decimal of `n / 10^shift` for an integer `n`.
fn exact(n: u128, shift: usize) -> String {
    let digits = format!("{n:0>width$}", width = shift + 1);
    let (whole, fraction) = digits.split_at(digits.len() - shift);
    format!("{whole}.{fraction}")
}

/// `(2m + 1) · 2^(k - 1)`, the midpoint above `m · 2^k`, written exactly
/// (`k` from -30 to 70, so that it fits 128 bits either way).
fn midpoint(m: u64, k: i32) -> String {
    let odd = 2 * m as u128 + 1;
    match k - 1 {
        e if e >= 0 => exact(odd << e, 0),
        e => exact(odd * 5u128.pow(e.unsigned_abs()), e.unsigned_abs() as usize),
    }
}

/// The same digits one unit in the last place higher and lower.
fn beside(text: &str) -> [String; 2] {
    let digits: Vec<u8> = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    let point = text.find('.').unwrap_or(text.len());
    let as_text = |d: Vec<u8>| {
        let s: String = d.iter().map(|&d| (b'0' + d) as char).collect();
        let (whole, fraction) = s.split_at(point);
        format!("{whole}.{fraction}")
    };
    // One unit added to (or taken from) the last digit, carried leftwards.
    let step = |delta: i8| {
        let mut d = digits.clone();
        for i in (0..d.len()).rev() {
            let v = d[i] as i8 + delta;
            d[i] = v.rem_euclid(10) as u8;
            if (0..10).contains(&v) {
                break;
            }
        }
        as_text(d)
    };
    [step(1), step(-1)]
}

#[test]
fn the_halfway_helpers_write_what_they_say() {
    assert_eq!(midpoint(1, 0), "1.5"); // halfway between 1 and 2
    assert_eq!(midpoint(1, 2), "6."); // between 4 and 8
    assert_eq!(midpoint(1, -1), "0.75"); // between 0.5 and 1
    assert_eq!(beside("1.25"), ["1.26", "1.24"]);
    assert_eq!(beside("10.00"), ["10.01", "09.99"]);
}

proptest! {
    #![proptest_config(config())]

    /// Every finite f64 in the forms numbers are written in.
    #[test]
    fn written_numbers_read_back(bits in any::<u64>(), extra in 0usize..30) {
        let v = f64::from_bits(bits);
        prop_assume!(v.is_finite());
        for text in [format!("{v}"), format!("{v:e}"), format!("{v:.17e}"), format!("{v:.*e}", extra), format!("{:e}", v as f32)] {
            prop_assert_eq!(check(&text), Ok(()));
        }
    }

    /// Any digits with a point anywhere and any power of ten.
    #[test]
    fn any_digits_read_as_the_standard_reader_reads_them(
        digits in "[0-9]{1,40}",
        point in 0usize..41,
        exponent in -360i32..360,
        negative in any::<bool>(),
    ) {
        let point = point.min(digits.len());
        let sign = if negative { "-" } else { "" };
        let text = format!("{sign}{}.{}e{exponent}", &digits[..point], &digits[point..]);
        prop_assert_eq!(check(&text), Ok(()));
    }

    /// Exactly halfway between two f64 and one unit in the last digit to either side.
    #[test]
    fn f64_halfway_cases_round_to_even(m in (1u64 << 52)..(1 << 53), k in -30i32..70) {
        let half = midpoint(m, k);
        let [up, down] = beside(&half);
        for text in [half, up, down] {
            prop_assert_eq!(check(&text), Ok(()));
        }
    }

    /// Exactly halfway between two f32, written out in full, and beside it.
    #[test]
    fn f32_halfway_cases_round_to_even(bits in 0u32..0x7f7f_ffff) {
        let (a, b) = (f32::from_bits(bits) as f64, f32::from_bits(bits + 1) as f64);
        let half = (a + b) / 2.0; // exact in f64
        for v in [half, half.next_up(), half.next_down()] {
            prop_assert_eq!(check(&format!("{v:.800e}")), Ok(()));
        }
    }
}
