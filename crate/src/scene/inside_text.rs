//! The words of the views inside the training: the hidden space's caption.

/// What the hidden-space picture of hidden layer `layer` (from 0) shows.
/// `units` is its width, `principal` whether it is shown on principal
/// directions, `last` whether the output layer reads it, `linear` whether
/// every layer up to it is linear.
pub fn hidden_space_caption(
    layer: usize,
    units: usize,
    principal: bool,
    last: bool,
    linear: bool,
) -> String {
    let seen = match (units, principal) {
        (1, _) => "its one unit across".to_string(),
        (_, true) => format!("its {units} units on their two principal directions"),
        _ => "unit 1 across, unit 2 up".to_string(),
    };
    let mut text = format!(
        "Hidden layer {}: the input grid and the points as this layer sees them, {seen}.",
        layer + 1
    );
    text += if linear {
        " Every layer up to here is linear: the grid is only sheared, stretched or squeezed, and its lines stay straight and parallel."
    } else {
        " The activation bends the grid's lines and folds the plane."
    };
    if last {
        text += " The colours are the output over this plane, and its boundary here is a straight line: the classes are separable once each colour's points are on one side of it.";
    }
    text
}
