//! Round numbers for chart axes.

use crate::decimal::Fixed;

/// About `count` evenly spaced round values (steps of 1, 2 or 5 × 10^k)
/// covering `[low, high]`.
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low || count == 0 {
        return Vec::new();
    }
    let rough = (high - low) / count as f64;
    let magnitude = 10f64.powi(rough.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= rough)
        .unwrap_or(10.0 * magnitude);
    let first = (low / step).ceil() as i64;
    let last = (high / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Ticks an axis of the data canvas shows: the lesser half of `nice_ticks`'
/// 1-2-5 steps, about six, strictly inside `(low, high)` (a label at an edge
/// would be cut off), each with its label at the step's precision. Bounded
/// at any scale: a domain a million wide gets as few as one a unit wide.
pub fn axis_ticks(low: f64, high: f64) -> Vec<(f64, String)> {
    const ABOUT: usize = 6;
    let ticks = nice_ticks(low, high, ABOUT);
    let step = match ticks[..] {
        [a, b, ..] => b - a,
        _ => high - low,
    };
    // Enough decimals that neighbours differ: 0.0002 steps need 4.
    let decimals = (-step.log10().floor()).clamp(0.0, 12.0) as usize;
    ticks
        .into_iter()
        .filter(|&v| v > low && v < high)
        .map(|v| {
            let text = Fixed(v, decimals).to_string();
            let text = if text.trim_start_matches(['-', '0', '.']).is_empty() {
                "0".to_string()
            } else {
                text
            };
            (v, text)
        })
        .collect()
}

/// A tick value as short text: no trailing zeros, no "-0".
pub fn label(value: f64) -> String {
    let text = Fixed(value, 3).to_string();
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
    fn axis_ticks_are_few_and_round_at_any_scale() {
        let values = |low, high| -> Vec<String> {
            axis_ticks(low, high).into_iter().map(|(_, t)| t).collect()
        };
        // The presets' domains keep the ticks they always had.
        assert_eq!(values(-6.0, 6.0), ["-4", "-2", "0", "2", "4"]);
        assert_eq!(values(0.0, 10.0), ["2", "4", "6", "8"]);
        assert_eq!(values(-1e6, 1e6), ["-500000", "0", "500000"]);
        assert_eq!(
            values(1000.0, 1000.001),
            ["1000.0002", "1000.0004", "1000.0006", "1000.0008"]
        );
        assert_eq!(values(-0.5, 0.5), ["-0.4", "-0.2", "0", "0.2", "0.4"]);
        let mut low = -1000.0;
        while low < 999.0 {
            for width in [1e-3, 0.37, 1.0, 7.5, 12.0, 150.0, 999.0, 2000.0, 2e6] {
                let ticks = axis_ticks(low, low + width);
                assert!((2..=7).contains(&ticks.len()), "{low} + {width}: {ticks:?}");
                let step = ticks[1].0 - ticks[0].0;
                let round = (-5..7).any(|k| {
                    [1.0, 2.0, 5.0]
                        .iter()
                        .any(|m| (step - m * 10f64.powi(k)).abs() < 1e-6 * step)
                });
                assert!(round, "{low} + {width}: step {step}");
                assert!(ticks.iter().all(|&(v, _)| v > low && v < low + width));
                let labels: std::collections::HashSet<_> = ticks.iter().map(|(_, t)| t).collect();
                assert_eq!(labels.len(), ticks.len(), "distinct labels: {ticks:?}");
            }
            low += 77.7;
        }
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(label(0.6000000000000001), "0.6");
        assert_eq!(label(200.0), "200");
        assert_eq!(label(-0.0), "0");
        assert_eq!(label(0.125), "0.125");
    }
}
