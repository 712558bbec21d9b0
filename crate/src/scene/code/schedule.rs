//! The learning-rate schedule in the programs: the page's formula as a
//! Python function of the epoch, and the calls that apply it once an epoch
//! (PyTorch's `LambdaLR`, Keras's `LearningRateScheduler`). Nothing when the
//! rate is constant, so those programs are as they were.

use super::{fill, py};
use crate::nn::schedule::{
    ScheduleKind, EXPONENTIAL_FACTOR, ONE_CYCLE_END, STEP_FACTOR, WARM_UP_SHARE, WARM_UP_START,
};
use crate::scene::Scene;

/// A float as Python reads it back to the same f64.
fn py64(x: f64) -> String {
    crate::decimal::Literal(x).to_string()
}

/// `def rate_factor(epoch)`: the share of the base rate epoch `epoch`
/// (from 0) trains at, as `nn::schedule` computes it.
pub(super) fn rate_factor(scene: &Scene) -> Option<String> {
    let schedule = scene.training.schedule;
    let (about, body) = match schedule.kind {
        ScheduleKind::Constant => return None,
        ScheduleKind::Step => (
            "step decay: the rate halves every $n epochs\n    (torch's StepLR(step_size=$n, gamma=$step))",
            "    return $step ** (epoch // $n)",
        ),
        ScheduleKind::Exponential => (
            "exponential decay: ten times smaller every $n epochs\n    (Keras's ExponentialDecay(decay_steps=$n, decay_rate=$exponential) per epoch)",
            "    return $exponential ** (epoch / $n)",
        ),
        ScheduleKind::Cosine => (
            "cosine decay to 0 at epoch $n, then 0\n    (Keras's CosineDecay(decay_steps=$n) per epoch)",
            "    return (1 + math.cos(math.pi * min(epoch / $n, 1))) / 2",
        ),
        ScheduleKind::OneCycle => (
            "1cycle: up from rate/25 to the rate over the first 30% of $n\n    epochs, then down to rate/250000 at epoch $n (torch's OneCycleLR defaults, per epoch)",
            "    warm = $share * $n
    if epoch < warm:
        return $start + (1 - $start) * (1 - math.cos(math.pi * epoch / warm)) / 2
    t = min((epoch - warm) / ($n - warm), 1)
    return $end + (1 - $end) * (1 + math.cos(math.pi * t)) / 2",
        ),
    };
    let template = format!(
        "import math\n\n\ndef rate_factor(epoch):\n    \"\"\"The page's learning-rate schedule, a share of the rate for each epoch\n    (from 0): {about}.\"\"\"\n{body}\n"
    );
    Some(fill(
        &template,
        &[
            ("n", schedule.epochs.max(1).to_string()),
            ("step", py64(STEP_FACTOR)),
            ("exponential", py64(EXPONENTIAL_FACTOR)),
            ("share", py64(WARM_UP_SHARE)),
            ("start", py64(WARM_UP_START)),
            ("end", py64(ONE_CYCLE_END)),
        ],
    ))
}

/// PyTorch's scheduler after the optimiser (its `step()` ends each epoch).
pub(super) fn torch_scheduler(scene: &Scene) -> Option<String> {
    let factor = rate_factor(scene)?;
    Some(format!(
        "{factor}\n\nscheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, rate_factor)\n"
    ))
}

/// The line that ends an epoch of the PyTorch loop under a schedule.
pub(super) const TORCH_EPOCH_END: &str = "    scheduler.step()\n";

/// Keras's callback, set before each epoch, and its name for `callbacks=[…]`.
pub(super) fn keras_scheduler(scene: &Scene) -> Option<(String, &'static str)> {
    let factor = rate_factor(scene)?;
    Some((
        format!(
            "{factor}\n\nschedule = tf.keras.callbacks.LearningRateScheduler(lambda epoch: {} * rate_factor(epoch))\n",
            py(scene.training.learning_rate)
        ),
        "schedule",
    ))
}
