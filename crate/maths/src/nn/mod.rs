//! The network core: plain Rust, no web dependency, tested natively.

pub mod activation;
pub mod curvature;
pub mod fastmath;
pub mod features;
pub mod inspect;
mod lanes;
pub mod loss;
pub mod matrix;
pub mod network;
pub mod optimizer;
pub mod regularization;
pub mod schedule;
pub mod step_log;
pub mod trainer;

pub use activation::Activation;
pub use features::{Feature, Features};
pub use loss::Loss;
pub use network::{Dropout, Gradients, Layer, Network, NetworkShape, Workspace};
pub use optimizer::{Optimizer, OptimizerKind};
pub use regularization::{Penalty, Regularization};
pub use schedule::{Schedule, ScheduleKind};
pub use trainer::{Checkpoint, EpochRecord, Samples, Status, TrainConfig, Trainer};
