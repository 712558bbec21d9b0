//! A question to end each lesson, answered by doing: a line the student
//! reads, and a plain function of the classroom (the session and the
//! lesson's runs) that says when it has been reached.

use super::compare::RaceAxis;
use super::lessons::Perceptron;
use super::Classroom;
use crate::i18n::Catalogue;
use crate::nn::Status;

pub struct Question {
    /// What the student is asked, in one line, in a catalogue's language.
    pub ask: fn(&Catalogue) -> &'static str,
    /// What the page says once it is reached.
    pub reached: fn(&Catalogue) -> &'static str,
    /// Whether the classroom is in a state that answers it.
    pub answered: fn(&Classroom) -> bool,
}

/// The question of lesson `name`, if it has one.
pub fn of(name: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|(n, _)| *n == name).map(|(_, q)| q)
}

static QUESTIONS: [(&str, Question); 9] = [
    (
        "perceptron",
        Question {
            ask: |t| t.question_perceptron,
            reached: |t| t.question_perceptron_reached,
            answered: lecture_point_above_half,
        },
    ),
    (
        "nonlinearity",
        Question {
            ask: |t| t.question_nonlinearity,
            reached: |t| t.question_nonlinearity_reached,
            answered: |c| training_accuracy(c) >= 0.9,
        },
    ),
    (
        "pass",
        Question {
            ask: |t| t.question_pass,
            reached: |t| t.question_pass_reached,
            answered: you_pass,
        },
    ),
    (
        "landscape",
        Question {
            ask: |t| t.question_landscape,
            reached: |t| t.question_landscape_reached,
            answered: |c| c.session().trainer().status() == Status::Diverged,
        },
    ),
    (
        "backprop",
        Question {
            ask: |t| t.question_backprop,
            reached: |t| t.question_backprop_reached,
            answered: |c| first_to_last_gradient(c) >= 0.1,
        },
    ),
    (
        "learning-rate",
        Question {
            ask: |t| t.question_learning_rate,
            reached: |t| t.question_learning_rate_reached,
            answered: |c| shown_run(c).is_some_and(|(_, status)| status == Status::Diverged),
        },
    ),
    (
        "optimizers",
        Question {
            ask: |t| t.question_optimizers,
            reached: |t| t.question_optimizers_reached,
            answered: lowest_run_shown_after_50,
        },
    ),
    (
        "mini-batches",
        Question {
            ask: |t| t.question_mini_batches,
            reached: |t| t.question_mini_batches_reached,
            answered: fewest_steps_shown,
        },
    ),
    (
        "overfitting",
        Question {
            ask: |t| t.question_overfitting,
            reached: |t| t.question_overfitting_reached,
            answered: |c| matches!(c.session().trainer().status(), Status::EarlyStopped { .. }),
        },
    ),
];

fn lecture_point_above_half(class: &Classroom) -> bool {
    Perceptron::of(&class.session().trainer().network).is_some_and(|p| p.output(-1.0, 2.0) > 0.5)
}

fn training_accuracy(class: &Classroom) -> f32 {
    let trainer = class.session().trainer();
    trainer
        .history()
        .last()
        .and_then(|r| r.train_accuracy)
        .unwrap_or(0.0)
}

fn you_pass(class: &Classroom) -> bool {
    let Some(you) = class.session().scene().marker.clone() else {
        return false;
    };
    // Predicting needs a workspace: on a copy of the network, as the trainer measures.
    let net = &class.session().trainer().network;
    let mut ws = crate::nn::Workspace::new();
    let inputs = {
        let mut v = Vec::new();
        class
            .session()
            .scene()
            .features
            .push(you.x1, you.x2, &mut v);
        v
    };
    net.forward(&inputs, &mut ws, None)
        .first()
        .is_some_and(|&y| y > 0.5)
}

/// Mean |dJ/dw| into the first layer over that into the output layer.
fn first_to_last_gradient(class: &Classroom) -> f32 {
    let sizes = class.layer_gradient_sizes();
    match (sizes.first(), sizes.last()) {
        (Some(&first), Some(&last)) if sizes.len() > 1 && last > 0.0 => first / last,
        _ => 0.0,
    }
}

/// The run on show and where it stands: its index and status.
fn shown_run(class: &Classroom) -> Option<(usize, Status)> {
    let shown = class.lesson().race()?.shown()?;
    Some((shown, class.session().trainer().status()))
}

fn lowest_run_shown_after_50(class: &Classroom) -> bool {
    let runs = class.runs();
    let loss = |i: usize| {
        runs[i]
            .1
            .history()
            .last()
            .map_or(f32::INFINITY, |r| r.train_loss)
    };
    let (Some((shown, _)), Some(lowest)) = (
        shown_run(class),
        (0..runs.len()).min_by(|&a, &b| loss(a).total_cmp(&loss(b))),
    ) else {
        return false;
    };
    runs.iter().all(|(_, t)| t.epoch() >= 50) && loss(shown) == loss(lowest)
}

fn fewest_steps_shown(class: &Classroom) -> bool {
    let runs = class.runs();
    let steps = |i: usize| runs[i].1.batches_per_epoch();
    let Some((shown, _)) = shown_run(class) else {
        return false;
    };
    class.lesson().race_axis() == RaceAxis::Steps
        && runs.iter().all(|(_, t)| t.epoch() >= 1)
        && (0..runs.len()).all(|i| steps(shown) <= steps(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::lessons::{self, find};
    use crate::scene::Scene;

    fn classroom(name: &str) -> Classroom {
        let mut class = Classroom::new(Scene::default());
        class.load_lesson(find(name).unwrap());
        class
    }

    /// Each lesson has a question; none is answered at the lesson's start,
    /// and each is answered by what a student would do (`answer`).
    #[test]
    fn every_question_is_open_at_the_start_and_answered_by_doing_it() {
        for lesson in lessons::all() {
            let question =
                of(lesson.name).unwrap_or_else(|| panic!("{}: no question", lesson.name));
            assert!(
                (question.ask)(&crate::i18n::ENGLISH).len() <= 120,
                "{}: one line",
                lesson.name
            );
            let mut class = classroom(lesson.name);
            assert!(
                !(question.answered)(&class),
                "{}: answered at the start",
                lesson.name
            );
            answer(lesson.name, &mut class);
            assert!(
                (question.answered)(&class),
                "{}: not answered by doing it",
                lesson.name
            );
        }
        assert!(of("free-play").is_none());
    }

    fn answer(name: &str, class: &mut Classroom) {
        let train = |class: &mut Classroom, epochs| class.train_epochs(epochs, || true);
        match name {
            "perceptron" => class
                .set_neuron(Perceptron {
                    w0: 1.0,
                    w: [-3.0, 2.0],
                })
                .unwrap(),
            "nonlinearity" => {
                class.set("activation", "relu").unwrap();
                train(class, 300);
            }
            "pass" => {
                train(class, 300);
            }
            "landscape" => {
                class.set("learning-rate", "1").unwrap();
                train(class, 5);
            }
            "backprop" => {
                class.set("activation", "relu").unwrap();
            }
            "learning-rate" => {
                train(class, 60); // lr 3 blows up at epoch 42
                assert!(class.show_run(2));
            }
            "optimizers" => {
                train(class, 50);
                let runs = class.runs();
                let lowest = (0..runs.len())
                    .min_by(|&a, &b| {
                        let loss = |i: usize| runs[i].1.history().last().unwrap().train_loss;
                        loss(a).total_cmp(&loss(b))
                    })
                    .unwrap();
                assert!(class.show_run(lowest));
            }
            "mini-batches" => {
                class.set_race_axis(RaceAxis::Steps);
                train(class, 2);
                assert!(class.show_run(2));
            }
            "overfitting" => {
                class.set("early-stopping", "20").unwrap();
                train(class, 1000);
            }
            other => panic!("no answer for {other}"),
        }
    }

    /// Doing only part of it is not an answer.
    #[test]
    fn half_an_answer_is_not_one() {
        let mut class = classroom("mini-batches");
        class.train_epochs(2, || true);
        assert!(class.show_run(2));
        assert!(
            !(of("mini-batches").unwrap().answered)(&class),
            "still counting epochs"
        );
        let mut class = classroom("learning-rate");
        class.train_epochs(30, || true);
        assert!(class.show_run(1));
        assert!(
            !(of("learning-rate").unwrap().answered)(&class),
            "the run shown converged"
        );
    }

    #[test]
    fn the_questions_speak_the_playgrounds_language() {
        let ko = crate::i18n::korean();
        let pass = of("pass").unwrap();
        assert_eq!(
            (pass.ask)(&ko),
            "신경망이 (4, 5)에 있는 당신에게 0.5보다 큰 통과 확률을 줄 때까지 학습시키세요."
        );
        for lesson in lessons::all() {
            let q = of(lesson.name).unwrap();
            assert_ne!(
                (q.ask)(&ko),
                (q.ask)(&crate::i18n::ENGLISH),
                "{}",
                lesson.name
            );
            assert_ne!((q.reached)(&ko), (q.reached)(&crate::i18n::ENGLISH));
        }
    }
}
