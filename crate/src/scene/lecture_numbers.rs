//! Numbers as the lecture writes them on the board: three significant
//! digits, a real minus sign, "≈" where a number was rounded, and the
//! perceptron's arithmetic written out in full.

use crate::decimal::read_f64;
use crate::decimal::{Fixed, Shortest};

/// The perceptron's arithmetic as the lecture writes it on the board:
/// `neuron_arithmetic(1.0, &[3.0, -2.0], &[-1.0, 2.0])` gives
/// "z = 1 + 3·(−1) + (−2)·2 = 1 − 3 − 4 = −6, sigmoid(−6) ≈ 0.0025".
///
/// Numbers show 3 significant digits; an "=" becomes "≈" wherever a number
/// after it is rounded. The sigmoid shows 2 significant digits of its
/// distance from 0 or 1, whichever is nearer, so 0.9975 does not read as 1.
pub fn neuron_arithmetic(w0: f32, weights: &[f32], inputs: &[f32]) -> String {
    let pairs: Vec<(f64, f64)> = weights
        .iter()
        .zip(inputs)
        .map(|(&w, &x)| (w as f64, x as f64))
        .collect();
    let w0 = w0 as f64;

    let mut sum = Expression::start(w0);
    for &(w, x) in &pairs {
        sum.text += " + ";
        sum.push(w, true);
        sum.text += "·";
        sum.push(x, true);
    }
    let mut terms = Expression::start(w0);
    for &(w, x) in &pairs {
        let product = w * x;
        terms.text += if product < 0.0 { " − " } else { " + " };
        terms.push(product.abs(), false);
    }
    let z = w0 + pairs.iter().map(|(w, x)| w * x).sum::<f64>();
    let total = Expression::start(z);
    let mut text = format!("z {} {}", sum.relation(), sum.text);
    if !pairs.is_empty() {
        text += &format!(" {} {}", terms.relation(), terms.text);
        text += &format!(" {} {}", total.relation(), total.text);
    }
    text + ", " + &sigmoid_text(z, &total.text)
}

/// Text of numbers, remembering whether any was rounded for display.
struct Expression {
    text: String,
    exact: bool,
}

impl Expression {
    fn start(value: f64) -> Expression {
        let mut e = Expression {
            text: String::new(),
            exact: true,
        };
        e.push(value, false);
        e
    }

    /// Appends a number, in brackets if negative and `bracket_negative`.
    fn push(&mut self, value: f64, bracket_negative: bool) {
        let (shown, exact) = lecture_number(value);
        self.exact &= exact;
        if bracket_negative && shown.starts_with('−') {
            self.text += &format!("({shown})");
        } else {
            self.text += &shown;
        }
    }

    fn relation(&self) -> &'static str {
        if self.exact {
            "="
        } else {
            "≈"
        }
    }
}

/// A number to 3 significant digits (whole numbers from 1000 up), with a
/// real minus sign; and whether that text is the value itself (to within
/// f32 precision, so 0.3f32 reads as exactly 0.3).
fn lecture_number(value: f64) -> (String, bool) {
    if !value.is_finite() {
        return (Shortest(value).to_string(), false);
    }
    let decimals = decimals_for(value.abs(), 3);
    let text = trim_zeros(Fixed(value.abs(), decimals).to_string());
    let shown = read_f64(&text).unwrap_or(f64::NAN);
    let exact = (shown - value.abs()).abs() <= 1e-6 * value.abs().max(1.0);
    let negative = value < 0.0 && text != "0";
    let sign = if negative { "−" } else { "" };
    (format!("{sign}{text}"), exact)
}

/// Decimals that show `digits` significant digits of `magnitude`.
fn decimals_for(magnitude: f64, digits: i32) -> usize {
    if magnitude == 0.0 {
        return 0;
    }
    (digits - 1 - magnitude.log10().floor() as i32).max(0) as usize
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// "sigmoid(z) ≈ p", or "< 0.0001" / "> 0.9999" where p is that close to 0 or 1.
fn sigmoid_text(z: f64, z_text: &str) -> String {
    format!(
        "sigmoid({z_text}) {}",
        probability(1.0 / (1.0 + crate::portable::exp(-z)))
    )
}

/// A probability as the lecture writes it, with its relation: two
/// significant digits of its distance from the nearer end ("≈ 0.0025",
/// "= 0.5", "≈ 0.9975"), and a bound past 1e-4 ("< 0.0001").
pub fn probability(p: f64) -> String {
    const SHOWN_LIMIT: f64 = 1e-4;
    let nearer_end = p.min(1.0 - p);
    if nearer_end < SHOWN_LIMIT {
        return if p < 0.5 { "< 0.0001" } else { "> 0.9999" }.to_string();
    }
    let text = trim_zeros(Fixed(p, decimals_for(nearer_end, 2)).to_string());
    let exact = (read_f64(&text).unwrap_or(f64::NAN) - p).abs() <= 1e-9;
    let relation = if exact { "=" } else { "≈" };
    format!("{relation} {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lectures_perceptron_arithmetic() {
        assert_eq!(
            neuron_arithmetic(1.0, &[3.0, -2.0], &[-1.0, 2.0]),
            "z = 1 + 3·(−1) + (−2)·2 = 1 − 3 − 4 = −6, sigmoid(−6) ≈ 0.0025"
        );
    }

    #[test]
    fn perceptron_arithmetic_with_decimals_and_rounding() {
        assert_eq!(
            neuron_arithmetic(0.5, &[0.25, 1.5], &[2.0, -0.4]),
            "z = 0.5 + 0.25·2 + 1.5·(−0.4) = 0.5 + 0.5 − 0.6 = 0.4, sigmoid(0.4) ≈ 0.6"
        );
        assert_eq!(
            neuron_arithmetic(-1.0, &[1.0 / 3.0, 2.0], &[1.0, 0.0]),
            "z ≈ −1 + 0.333·1 + 2·0 ≈ −1 + 0.333 + 0 ≈ −0.667, sigmoid(−0.667) ≈ 0.34"
        );
        assert_eq!(
            neuron_arithmetic(0.0, &[1.0, 1.0], &[3.0, 3.0]),
            "z = 0 + 1·3 + 1·3 = 0 + 3 + 3 = 6, sigmoid(6) ≈ 0.9975"
        );
        assert_eq!(
            neuron_arithmetic(0.0, &[-2.0, 0.0], &[0.0, 5.0]),
            "z = 0 + (−2)·0 + 0·5 = 0 + 0 + 0 = 0, sigmoid(0) = 0.5"
        );
        assert_eq!(
            neuron_arithmetic(-20.0, &[1.0, 1.0], &[1.0, 1.0]),
            "z = −20 + 1·1 + 1·1 = −20 + 1 + 1 = −18, sigmoid(−18) < 0.0001"
        );
    }
}
