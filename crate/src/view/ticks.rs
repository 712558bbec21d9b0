//! Round numbers for chart axes.

/// About `count` evenly spaced round values (steps of 1, 2 or 5 × 10^k)
/// covering `[low, high]`.
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low || count == 0 {
        return Vec::new();
    }
    let rough = (high - low) / count as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A tick value as short text: no trailing zeros, no "-0".
pub fn label(value: f64) -> String {
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_inside() {
        assert_eq!(nice_ticks(0.0, 10.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(
            nice_ticks(0.0, 0.73, 5),
            [0.0, 0.2, 0.4, 0.6000000000000001]
        );
        assert_eq!(nice_ticks(-4.0, 4.0, 4), [-4.0, -2.0, 0.0, 2.0, 4.0]);
        assert_eq!(nice_ticks(0.0, 1234.0, 6), [0.0, 500.0, 1000.0]);
        assert_eq!(
            nice_ticks(0.0, 1234.0, 8),
            [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0, 1200.0]
        );
        assert!(nice_ticks(1.0, 1.0, 5).is_empty());
        assert!(nice_ticks(0.0, f64::NAN, 5).is_empty());
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(label(0.6000000000000001), "0.6");
        assert_eq!(label(200.0), "200");
        assert_eq!(label(-0.0), "0");
        assert_eq!(label(0.125), "0.125");
    }
}
