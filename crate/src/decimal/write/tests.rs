//! Every form against `format!`'s own, character for character.

use super::*;
use crate::data::io::properties::config;
use crate::decimal::tests::none_differ;
use proptest::prelude::*;

/// Each form of `v` ours and `format!`'s, where they differ.
fn differences<T: Float + fmt::Display + fmt::LowerExp + fmt::Debug>(v: T) -> Vec<String> {
    let mut pairs = vec![
        (format!("{}", Shortest(v)), format!("{v}")),
        (format!("{}", Exp(v, None)), format!("{v:e}")),
        (format!("[{:>12}]", Shortest(v)), format!("[{v:>12}]")),
        (format!("{}", Literal(v)), format!("{v:?}")),
    ];
    for after in [0, 1, 2, 3, 4, 6, 9, 17, 25] {
        pairs.push((format!("{}", Fixed(v, after)), format!("{v:.after$}")));
        pairs.push((format!("{}", Exp(v, Some(after))), format!("{v:.after$e}")));
    }
    pairs
        .into_iter()
        .filter(|(ours, std)| ours != std)
        .map(|(ours, std)| format!("{ours} against {std}"))
        .collect()
}

fn check_all(values: &[f64]) {
    none_differ(values.iter().flat_map(|&v| {
        let mut d = differences(v);
        d.extend(differences(v as f32));
        d
    }));
}

#[test]
fn the_usual_numbers_and_the_odd_ones_are_written_alike() {
    check_all(&[
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.2,
        0.3,
        0.1 + 0.2,
        0.5,
        1.5,
        2.5,
        0.25,
        0.125,
        0.375,
        0.05,
        0.0005,
        0.0004999,
        9.5,
        9.99,
        99.5,
        999.9999,
        0.9999999,
        123456.789,
        1e16,
        1e21,
        1e22,
        1e23,
        1e-7,
        3e-4,
        2.0f64.powi(60),
        2.0f64.powi(-60),
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f32::MAX as f64,
        f32::MIN_POSITIVE as f64,
        1e-45,
        std::f64::consts::PI,
        -std::f64::consts::E,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
    ]);
}

#[test]
fn powers_of_two_where_the_numbers_read_back_reach_further_up() {
    let powers: Vec<f64> = (-1074..1024).map(|k| 2f64.powi(k)).collect();
    check_all(&powers);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_f64_is_written_as_format_writes_it(bits in any::<u64>()) {
        prop_assert_eq!(differences(f64::from_bits(bits)), Vec::<String>::new());
    }

    #[test]
    fn any_f32_is_written_as_format_writes_it(bits in any::<u32>()) {
        prop_assert_eq!(differences(f32::from_bits(bits)), Vec::<String>::new());
    }

    /// Between about 1e-24 and 1e18, where the writer works in integers.
    #[test]
    fn f64_of_every_size_a_page_shows_are_written_alike(fraction in 0u64..1 << 52, k in -80i32..60) {
        let v = f64::from_bits(fraction | (((1023 + k) as u64) << 52));
        prop_assert_eq!(differences(v), Vec::<String>::new());
        prop_assert_eq!(differences(v as f32), Vec::<String>::new());
    }

    /// Whole numbers, where fewer digits with zeros after them may read back.
    #[test]
    fn whole_numbers_are_written_alike(n in 0u64..1 << 60) {
        prop_assert_eq!(differences(n as f64), Vec::<String>::new());
        prop_assert_eq!(differences(n as f32), Vec::<String>::new());
    }

    /// Numbers with few digits, as a playground's settings and texts have.
    #[test]
    fn short_decimals_are_written_alike(digits in 0u64..100_000, scale in -12i32..12) {
        let v = digits as f64 * 10f64.powi(scale);
        prop_assert_eq!(differences(v), Vec::<String>::new());
        prop_assert_eq!(differences(v as f32), Vec::<String>::new());
    }
}
