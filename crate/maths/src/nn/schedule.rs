//! Learning-rate schedules: the rate each epoch trains at, from the base
//! rate and the epochs the schedule spans. The rate holds for a whole epoch
//! (as PyTorch's `lr_scheduler`s stepped once an epoch, and Keras's
//! `LearningRateScheduler` callback); epoch 0 is the first one trained.
//! The maths comes from `portable`, so a seed's run is the same everywhere.

use crate::portable;
use std::f64::consts::PI;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleKind {
    /// η every epoch.
    Constant,
    /// η · ½^⌊e/N⌋: halved every N epochs (PyTorch's StepLR).
    Step,
    /// η · 0.1^(e/N): ten times smaller every N epochs (Keras's ExponentialDecay).
    Exponential,
    /// η · (1 + cos(π·e/N)) / 2, then 0 from epoch N (Keras's CosineDecay).
    Cosine,
    /// Up from η/25 to η over the first 30% of N epochs, then down to
    /// η/250,000 by N, both halves of a cosine (PyTorch's OneCycleLR defaults).
    OneCycle,
}

/// Step decay's factor every N epochs.
pub const STEP_FACTOR: f64 = 0.5;
/// Exponential decay's factor over N epochs.
pub const EXPONENTIAL_FACTOR: f64 = 0.1;
/// The share of the one-cycle span that warms up (PyTorch's `pct_start`).
pub const WARM_UP_SHARE: f64 = 0.3;
/// The one-cycle start, as a share of the base rate (1 / PyTorch's `div_factor`).
pub const WARM_UP_START: f64 = 1.0 / 25.0;
/// The one-cycle end, as a share of the base rate (the start / PyTorch's `final_div_factor`).
pub const ONE_CYCLE_END: f64 = WARM_UP_START / 1e4;
/// The span a schedule starts with.
pub const DEFAULT_EPOCHS: usize = 100;

impl ScheduleKind {
    pub const ALL: [ScheduleKind; 5] = [
        ScheduleKind::Constant,
        ScheduleKind::Step,
        ScheduleKind::Exponential,
        ScheduleKind::Cosine,
        ScheduleKind::OneCycle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ScheduleKind::Constant => "constant",
            ScheduleKind::Step => "step",
            ScheduleKind::Exponential => "exponential",
            ScheduleKind::Cosine => "cosine",
            ScheduleKind::OneCycle => "one-cycle",
        }
    }

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            ScheduleKind::Constant => "Constant",
            ScheduleKind::Step => "Step decay (halve every N)",
            ScheduleKind::Exponential => "Exponential (÷10 every N)",
            ScheduleKind::Cosine => "Cosine (to 0 at N)",
            ScheduleKind::OneCycle => "1cycle (warm up, then decay)",
        }
    }
}

/// A schedule and the epochs N it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub kind: ScheduleKind,
    /// N, at least 1.
    pub epochs: usize,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            kind: ScheduleKind::Constant,
            epochs: DEFAULT_EPOCHS,
        }
    }
}

impl Schedule {
    /// The share of the base rate epoch `epoch` trains at.
    pub fn factor(self, epoch: usize) -> f64 {
        let (e, n) = (epoch as f64, self.epochs.max(1) as f64);
        let half_cosine = |t: f64| (1.0 + portable::cos(PI * t.clamp(0.0, 1.0))) / 2.0;
        match self.kind {
            ScheduleKind::Constant => 1.0,
            ScheduleKind::Step => {
                // A power of ½ is exact however it is computed.
                let halvings = (epoch / self.epochs.max(1)).min(1100) as i32;
                STEP_FACTOR.powi(halvings)
            }
            ScheduleKind::Exponential => portable::exp(portable::ln(EXPONENTIAL_FACTOR) * e / n),
            ScheduleKind::Cosine => half_cosine(e / n),
            ScheduleKind::OneCycle => {
                let warm = WARM_UP_SHARE * n;
                if e < warm {
                    let up = 1.0 - half_cosine(e / warm);
                    WARM_UP_START + (1.0 - WARM_UP_START) * up
                } else {
                    let down = half_cosine((e - warm) / (n - warm));
                    ONE_CYCLE_END + (1.0 - ONE_CYCLE_END) * down
                }
            }
        }
    }

    /// The rate epoch `epoch` trains at, from the base rate; exactly the
    /// base rate when constant.
    pub fn rate(self, base: f32, epoch: usize) -> f32 {
        match self.kind {
            ScheduleKind::Constant => base,
            _ => (base as f64 * self.factor(epoch)) as f32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1e-300)
    }

    fn of(kind: ScheduleKind, epochs: usize) -> Schedule {
        Schedule { kind, epochs }
    }

    #[test]
    fn constant_is_the_base_rate_bit_for_bit() {
        for base in [1e-5f32, 0.03, 0.1 + 1e-9, 3.0] {
            for epoch in [0, 1, 99, 100, 1_000_000] {
                assert_eq!(
                    Schedule::default().rate(base, epoch).to_bits(),
                    base.to_bits()
                );
            }
        }
    }

    #[test]
    fn step_halves_every_n_epochs() {
        let s = of(ScheduleKind::Step, 10);
        for (epoch, factor) in [
            (0, 1.0),
            (9, 1.0),
            (10, 0.5),
            (19, 0.5),
            (20, 0.25),
            (35, 0.125),
        ] {
            assert_eq!(s.factor(epoch), factor, "epoch {epoch}");
        }
        assert_eq!(s.rate(0.2, 25), 0.05);
    }

    #[test]
    fn exponential_falls_tenfold_every_n_epochs() {
        let s = of(ScheduleKind::Exponential, 50);
        assert_eq!(s.factor(0), 1.0);
        for (epoch, factor) in [
            (25, 0.1f64.powf(0.5)),
            (50, 0.1),
            (100, 0.01),
            (7, 0.1f64.powf(7.0 / 50.0)),
        ] {
            assert!(
                close(s.factor(epoch), factor),
                "epoch {epoch}: {} vs {factor}",
                s.factor(epoch)
            );
        }
    }

    #[test]
    fn cosine_falls_to_zero_at_n_and_stays() {
        let s = of(ScheduleKind::Cosine, 40);
        assert_eq!(s.factor(0), 1.0);
        assert!(close(s.factor(20), 0.5));
        assert!(close(s.factor(10), (1.0 + (PI / 4.0).cos()) / 2.0));
        assert!(s.factor(40).abs() < 1e-15 && s.factor(400).abs() < 1e-15);
    }

    #[test]
    fn one_cycle_warms_up_to_the_base_rate_then_decays() {
        let s = of(ScheduleKind::OneCycle, 100);
        assert!(close(s.factor(0), WARM_UP_START));
        assert!(close(
            s.factor(15),
            WARM_UP_START + (1.0 - WARM_UP_START) / 2.0
        ));
        assert!(close(s.factor(30), 1.0));
        assert!(close(
            s.factor(65),
            ONE_CYCLE_END + (1.0 - ONE_CYCLE_END) / 2.0
        ));
        assert!(close(s.factor(100), ONE_CYCLE_END));
        assert!(close(s.factor(1000), ONE_CYCLE_END));
        // Up, then down.
        let factors: Vec<f64> = (0..=100).map(|e| s.factor(e)).collect();
        assert!(factors[..=30].windows(2).all(|w| w[0] < w[1]));
        assert!(factors[30..].windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn a_span_of_one_epoch_is_still_a_schedule() {
        for kind in ScheduleKind::ALL {
            let s = of(kind, 1);
            for epoch in 0..5 {
                let f = s.factor(epoch);
                assert!((0.0..=1.0).contains(&f), "{}: {f}", kind.name());
            }
        }
    }
}
