//! The English catalogue, which is also the list of keys every language has.
//! To add a string: a line here (key, English text); the page reads it as
//! `t.key`, Rust as `t.key`. Korean gets it in `www/lang/ko.json`.

macro_rules! catalogue {
    ($($key:ident: $text:expr,)*) => {
        /// One language's text for every string the page shows. `repr(C)`
        /// with one `&str` per field: it is laid out as an array of them,
        /// which `texts` reads, so listing and setting strings is one loop,
        /// not code per field (that cost the wasm about 17 KB gzipped).
        #[derive(Clone, Debug)]
        #[repr(C)]
        pub struct Catalogue {
            $(pub $key: &'static str,)*
        }

        /// The keys, in the fields' order.
        const KEYS: &[&str] = &[$(stringify!($key),)*];

        const _: () = assert!(
            std::mem::size_of::<Catalogue>() == KEYS.len() * std::mem::size_of::<&str>()
        );

        pub const ENGLISH: Catalogue = Catalogue { $($key: $text,)* };
    };
}

impl Catalogue {
    fn texts(&self) -> &[&'static str] {
        // SAFETY: a repr(C) struct whose fields are all `&'static str` has
        // the layout of an array of them (the size is asserted above).
        unsafe { std::slice::from_raw_parts((self as *const Catalogue).cast(), KEYS.len()) }
    }

    fn texts_mut(&mut self) -> &mut [&'static str] {
        // SAFETY: as in `texts`.
        unsafe { std::slice::from_raw_parts_mut((self as *mut Catalogue).cast(), KEYS.len()) }
    }

    /// Every (key, text), in the table's order.
    pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
        KEYS.iter()
            .copied()
            .zip(self.texts().iter().copied())
            .collect()
    }

    /// Sets the string called `key`; false if there is none of that name.
    pub(super) fn set(&mut self, key: &str, text: &'static str) -> bool {
        match KEYS.iter().position(|k| *k == key) {
            Some(i) => {
                self.texts_mut()[i] = text;
                true
            }
            None => false,
        }
    }
}

catalogue! {
    // The run bar.
    training_controls: "Training controls",
    play: "Play",
    pause: "Pause",
    play_title: "Play / pause (space)",
    step_batch: "Step batch",
    step_batch_title: "One gradient step on the next mini-batch",
    step_epoch: "Step epoch",
    step_epoch_title: "One pass over the training set",
    reset: "Reset",
    reset_title: "New random weights from the same seed",
    new_seed: "New seed",
    new_seed_title: "New random weights from a new seed",
    epoch: "Epoch",
    batch_of: "batch {batch} of {batches}",
    learning_rate: "Learning rate",
    optimizer: "Optimizer",
    batch_size: "Batch size",
    activation: "Activation",
    dropout_rate: "Dropout rate",
    regularization_rate: "Regularization, rate",
    regularization: "Regularization",
    regularization_rate_label: "Regularization rate",
    reset_weights: "Reset weights",
    dismiss: "Dismiss message",
    start_fresh: "Start fresh",
    show_code: "Show as code",
    show_code_title: "This network and its training as a tf.keras or PyTorch program",
    copy_link: "Copy link",
    copy_link_title: "A link to this playground: settings, seed and points",
    embed: "Embed…",
    embed_title: "Put this playground in a course page: choose its controls and size, and copy a snippet",

    // The data panel.
    data: "Data",
    preset: "Preset",
    points: "Points",
    number_of_points: "Number of points",
    noise: "Noise",
    regenerate: "Regenerate",
    test_fraction: "Test fraction",
    classes: "Classes",
    place_points: "Place points",
    class_of_new_points: "Class of new points",
    new_points_class: "New points: {class} {shape} ({key})",
    class_radio: "{class} class ({shape})",
    shape_circles: "circles",
    shape_squares: "squares",
    shape_triangles: "triangles",
    shape_diamonds: "diamonds",
    colour_red: "red",
    colour_green: "green",
    colour_blue: "blue",
    colour_orange: "orange",
    colour_teal: "teal",
    colour_pink: "pink",
    test_point: "Test point",
    test_point_title: "New points are held out for testing (T)",
    undo: "Undo",
    undo_title: "Undo (Ctrl+Z)",
    erase: "Erase",
    redo: "Redo",
    redo_title: "Redo (Ctrl+Shift+Z)",
    clear: "Clear",
    clear_label: "Clear all points",
    hint_mouse: "Click adds, shift-click adds the other class, right-click erases, drag moves.",
    hint_touch: "Tap adds, long-press erases, drag moves.",
    hint_keyboard: "Keyboard: focus the data, arrows move the cursor, Enter adds (Shift+Enter the other class), Delete erases, M picks a point up and puts it down, N jumps to the next point, T marks new points as test points, 1–4 choose the class.",
    save_and_load: "Save and load",
    load_points: "Load points…",
    load_points_title: "Replace the points with those of a CSV or JSON file",
    points_file: "Points file (CSV or JSON)",
    points_csv: "Points CSV",
    points_csv_title: "The points as x1,x2,label,test",
    points_json: "Points JSON",
    points_json_title: "The points as JSON",
    model_json: "Model JSON",
    model_json_title: "Architecture and weights as JSON",
    picture_png: "Picture PNG",
    picture_png_title: "The data canvas as a PNG picture",
    input_features: "Input features",
    feature: "Feature {name}",

    // The network panel.
    network: "Network",
    remove_layer: "Remove hidden layer",
    add_layer: "Add hidden layer",
    hidden_layer: "hidden layer",
    hidden_layers: "hidden layers",
    layer_n: "Layer {layer}",
    same_as_all: "same as all",
    activation_of_layer: "Activation of layer {layer}",
    add_unit: "Add a unit to layer {layer}",
    remove_unit: "Remove a unit from layer {layer}",
    w0_bias: "w0 (bias)",
    w0_label: "w0, the bias",
    w1_label: "w1, the weight of x1",
    w2_label: "w2, the weight of x2",
    race: "Race SGD, momentum, RMSProp, Adagrad and Adam from this start",
    runs_label: "Run shown on the playground",
    show_run: "Show run {run}",
    lesson_picture: "The lesson's picture",
    network_diagram: "Network diagram: every unit's output over the input square",
    early_stopping: "Early stopping patience",
    early_stopping_label: "Early stopping patience (0 is off)",
    seed: "Seed",
    speed: "Speed (epochs per frame)",
    epochs_per_frame: "Epochs per frame",
    stop_after: "Stop after epochs",
    stop_after_label: "Stop after epochs (0 runs until paused)",
    activation_plot: "Activation function plot",
    diagram_inputs: "Inputs",
    diagram_feature: "1 feature",
    diagram_features: "{count} features",
    diagram_output: "Output",
    diagram_unit: "1 unit",
    diagram_units: "{count} units",
    chart_epoch: "epoch",
    marker_pass: "{label} · P(pass) {p}",
    marker_probability: "{label} · P({class}) {p}",
    marker_class: "{label} · class {class}",

    // The output panel.
    output: "Output",
    training_loss: "Training loss",
    test_loss: "Test loss",
    training_accuracy: "Training accuracy",
    test_accuracy: "Test accuracy",
    loss_chart: "Loss and accuracy per epoch",
    legend_training_loss: "training loss",
    legend_test_loss: "test loss",
    legend_accuracy: "accuracy (right)",
    legend_lowest: "lowest test loss",
    data_canvas: "data canvas",
    legend_points: "· filled: training · hollow: test · ringed: misclassified",
    colours: "Colours",

    // The code dialog (its program stays English code).
    code_dialog: "The playground as code",
    framework: "Framework",
    pytorch_run: "PyTorch, this run",
    pytorch_run_title: "The page's initial weights, batch order and dropout: it prints this run's curve",
    copy: "Copy",
    download_program: "Download program.py",
    download_points: "Download points.csv",
    close: "Close",
    code_hint: "Reads <code>points.csv</code> (x1,x2,label,test): save it with <em>Download points.csv</em> next to the program.",
    code_copied: "Code copied.",

    // What the page says.
    playing: "Playing.",
    paused: "Paused.",
    link_copied: "Link copied: it opens this playground with the same settings, seed and points.",
    link_copied_notes: "Link copied, with the points as said.",
    link_needs_permission: "Copying needs clipboard permission; the link is: {link}",
    no_point_to_erase: "No point under the cursor to erase.",
    point_picked_up: "Point picked up: arrows move it, M puts it down.",
    point_put_down: "Point put down.",
    new_test_points: "New points are test points.",
    new_training_points: "New points are training points.",
    crashed: "Something went wrong inside this playground ({message}). Reload the page to start it again.",
    file_too_big: "The file was not loaded: {size} MB is more than the {max} MB a points file may be. The points are as they were.",
    // Why a points file was refused (a sentence is put together from these).
    file_not_loaded: "The file was not loaded: {problem}.",
    file_points_kept: "The points are as they were.",
    file_loaded: "Loaded {count} points (undo brings the old ones back).",
    file_bytes_too_many: "file: {size} bytes is more than the {max} read",
    file_column_twice: "column '{name}' appears twice",
    file_column_missing: "the header has no column '{name}' (expected x1,x2,label,test)",
    file_fields_without_header: "{count} fields without a header; expected x1,x2,label and optionally test",
    file_fields_differ: "{count} fields where the first line has {first}",
    file_line: "line {line}: {problem}",
    file_item: "item {item}: {problem}",
    file_points_too_many: "more than the {max} points a scene holds",
    file_csv_empty: "CSV: the file is empty",
    file_json_no_points: "JSON: an object of points needs a \"points\" array",
    file_json_not_array: "JSON: expected an array of points, found {kind}",
    file_json_too_many: "JSON: {count} points are more than the {max} a scene holds",
    file_json_not_object: "expected an object like {\"x1\": 1, \"x2\": 2, \"label\": 0}, found {kind}",
    file_field_missing: "{name} is missing",
    file_field_not_number: "{name} is {kind}, not a number",
    file_test_not_flag: "test is {kind}, not true or false",
    file_value_too_large: "{name} '{value}' is too large",
    file_value_not_finite: "{name} '{value}' is not a finite number",
    file_value_not_number: "{name} '{value}' is not a number",
    file_test_not_0_or_1: "test '{value}' is not 0, 1, true or false",
    file_label_not_class: "point {point}: label {label} is not a class from 0 to {last}",
    json_null: "null",
    json_boolean: "a boolean",
    json_number: "a number",
    json_string: "a string",
    json_array: "an array",
    json_object: "an object",
    // Why a setting was clamped or refused, and the settings' names in it.
    setting_unknown: "'{name}' is not a setting",
    setting_not_number: "{field}: '{value}' is not a number",
    setting_not_finite: "{field}: '{value}' is not a finite number",
    setting_not_whole: "{field}: '{value}' is not a whole number",
    setting_clamped: "{field}: {value} is outside {low} to {high}; using {used}",
    setting_not_one_of: "{field}: '{value}' is not one of {names}",
    setting_too_many_layers: "hidden layers: {count} is more than {max}",
    setting_no_feature: "features: at least one input feature is needed",
    setting_classes_regression: "classes: this scene is a regression; pick a classification preset",
    setting_classes_removed: "classes: removed {count} points of the classes switched off",
    field_layer_activation: "activation of layer {layer}",
    field_units: "units per layer",
    field_activation: "activation",
    field_features: "features",
    field_classes: "classes",
    field_learning_rate: "learning rate",
    field_schedule: "schedule",
    field_schedule_epochs: "schedule epochs",
    field_optimizer: "optimizer",
    field_batch_size: "batch size",
    field_dropout_rate: "dropout rate",
    field_regularization: "regularization",
    field_regularization_rate: "regularization rate",
    field_test_fraction: "test fraction",
    field_patience: "early-stopping patience",
    field_seed: "seed",
    field_epochs_per_frame: "epochs per frame",
    field_stop_after: "stop after",
    field_noise: "noise",
    field_palette: "palette",
    // What a link or a scene's text could not give.
    link_too_long: "scene: the text is longer than the {max} characters read",
    link_not_pairs: "scene: '{text}' is not key=value text",
    link_no_setting: "scene: '{text}' holds no setting of a scene (such as preset, hidden or data)",
    link_version: "v: this page reads version {version} of the scene text, not '{value}'; loading what it can",
    link_unknown_setting: "'{name}' is not a setting; ignored",
    link_not_pair: "'{text}' is not key=value; ignored",
    link_given_twice: "{name}: given {times} times; the last is used",
    link_dropped_points: "data: dropped {count} points of classes beyond the scene's {classes}",
    link_unreadable: "The link could not be read: {problem}. The playground kept its own scene.",
    scene_attribute_unreadable: "The scene attribute could not be read: {problem}. The playground kept its own scene.",
    other_tab_unreadable: "The other tab's scene could not be read: {problem}. The playground kept its own scene.",
    // Notes of the page's own (saving, the slow step, copying, lessons).
    copy_needs_permission: "Copying needs clipboard permission: select the code and copy it by hand.",
    slow_step_taken: "The slow step was taken: the weights are those of its last phase.",
    slow_step_needs_point: "A slow step needs a training point: place one first.",
    saved_ignored: "The playground saved in this browser was ignored: {problem}. Starting fresh.",
    saved_restored: "Restored your last playground from this browser.",
    started_fresh: "Started fresh.",
    saved_again: "Saved in this browser again.",
    own_scene_unreadable: "Your own scene could not be read back ({problem}); this is the first one.",
    lesson_not_loaded: "Lesson '{name}' could not be loaded: {problem}.",
    lesson_link_rest_ignored: "A lesson link loads the lesson as it is: '{rest}' was ignored.",
    language_missing: "The page's language '{code}' could not be loaded ({message}); showing English.",
    diverged: "Training stopped: the loss blew up (it grew far past where it started, or became infinite). The learning rate ({rate}) is too large for this network: reset the weights and lower it.",
    early_stopped: "Early stopping: the test loss has not improved since epoch {epoch}; its weights are restored.",
    finished: "Stopped after {epochs} epochs, as set.",
    needs_points: "Add training points to train: click the data to place them.",

    // The lessons: the menu, titles and captions.
    lesson: "Lesson",
    tagline: "watch gradient descent train a neural network",
    footer_private: "Descent runs entirely in your browser. Nothing is sent anywhere.",
    footer_course: "An example course page",
    footer_builder: "Put a playground in your course page",
    free_play: "Free play",
    lesson_perceptron: "The perceptron",
    lesson_perceptron_caption: "One neuron: multiply the inputs by the weights, add the bias w0, and squash the sum z with a sigmoid. Move w0, w1 and w2 and watch the line z = 0 move; click a point to see its arithmetic, e.g. (−1, 2) gives z = 1 − 3 − 4 = −6 and sigmoid(−6) ≈ 0.0025.",
    lesson_nonlinearity: "Why non-linearity",
    lesson_nonlinearity_caption: "No straight line separates these points. With linear activation, add as many layers and units as you like: a line plus a line is still a line. Now switch the activation to ReLU and watch the boundary bend.",
    lesson_pass: "Will I pass this class?",
    lesson_pass_caption: "Each student is a point: lectures attended across, hours on the final project up; green passed, red failed. You are at (4, 5). Untrained, as in the lecture, the network gives you 0.1: press play and watch its answer for you change.",
    lesson_landscape: "The loss landscape",
    lesson_landscape_caption: "This model, y = w·x1 + b with squared error, has just two parameters, so its loss J(w, b) is a bowl you can see and turn. Step down it, then try a tiny learning rate, 0.3, and 1, where each step overshoots more than the last.",
    lesson_backprop: "Backpropagation",
    lesson_backprop_caption: "Pick a weight: its gradient dJ/dw is the product of the chain rule's factors, layer by layer back from the loss. In this deep sigmoid network the gradients shrink towards the input; switch to ReLU and compare the bars.",
    lesson_learning_rate: "The learning rate",
    lesson_learning_rate_caption: "The same data and the same starting weights, three learning rates: too small crawls, too large overshoots and blows up, a medium one converges.",
    lesson_optimizers: "Adaptive optimisers",
    lesson_optimizers_caption: "SGD, momentum, RMSProp, Adagrad and Adam race from the same start on the same data at the same learning rate. The adaptive ones scale each weight's step by the size of its recent gradients.",
    lesson_mini_batches: "Mini-batches",
    lesson_mini_batches_caption: "One example's gradient is cheap but noisy; the whole set's is exact but costs a pass over every example; a batch of 32 is the middle. Per epoch, batch 1 looks best: count gradient steps or examples processed to see what each costs.",
    lesson_overfitting: "Overfitting, dropout and early stopping",
    lesson_overfitting_caption: "Few noisy points and a big network: the training loss keeps falling while the test loss turns and rises. Try dropout 0.5, an L2 penalty, or early stopping, which stops where the test loss was lowest and restores those weights.",

    // Choices whose title is words (the rest are names: SGD, ReLU, L2).
    choice_none: "None",
    choice_momentum: "Momentum",
    choice_nesterov: "Nesterov",
    palette_red_green: "Red and green",
    palette_color_blind: "Colour-blind safe",

    // The runs of a race, in the chart's legend and the run picker.
    run_learning_rate: "lr {rate}",
    run_batch: "batch {size}",
    run_batch_all: "batch all",

    // The lessons' panels.
    race_line: "{run}: training loss {loss}",
    race_line_diverged: "{run}: training loss {loss} (diverged)",
    click_point_for_arithmetic: "Click a point to see its arithmetic.",
    landscape_step: "step {step}: w = {w}, b = {b}, J(w, b) = {loss}",
    backprop_bars: "Mean |dJ/dw| of the weights into each layer: {bars}",
    backprop_choose: "Click a line of the network diagram to take its weight apart.",
    backprop_weight: "Weight {weight}: dJ/dw = {gradient} over the {count} training points.",
    backprop_point: "For point 1 alone, dJ/dw = {symbols}: {factors} = {product}",
    backprop_no_points: "Add training points to see the gradient.",
    marker_answer: "{label} at ({x1}, {x2}): the network says {output}",
    column_input: "input",
    column_output: "output",
    column_hidden: "hidden layer {layer}",

    // Added with the lessons' axes, the 3-D surface, the schedule and the slow step.
    slow_step: "Slow step",
    slow_step_title: "One training step on one point in slow motion: the last point you clicked (else the first training point)",
    race_axis_label: "What the chart counts across",
    race_axis_across: "Across:",
    race_axis_epochs: "Epochs",
    race_axis_steps: "Gradient steps",
    race_axis_examples: "Examples processed",
    surface_role: "3-D loss surface",
    surface_label: "The loss J(w, b) as a surface in 3-D, with the path gradient descent took: drag it, or use the arrow keys, to turn it",
    schedule: "Learning-rate schedule",
    schedule_span: "Schedule span (epochs)",
    schedule_span_label: "Epochs the learning-rate schedule spans",
    rate_chart_label: "The learning rate per epoch under the schedule",

    // The timeline and the confusion matrices.
    timeline: "Timeline",
    timeline_epoch: "epoch {epoch}",
    replay: "Replay",
    replay_title: "Play the recorded run again from epoch 0",
    stop_replay: "Stop",
    replay_speed: "Replay speed, epochs per second",
    timeline_off: "No timeline while runs race side by side: it rewinds one run at a time.",
    confusion_train: "Training points: true class by row, predicted by column",
    confusion_test: "Test points: true class by row, predicted by column",
    confusion_corner: "true \\ predicted",
    confusion_cell: "{count} {actual} points predicted {predicted}",

    // The schedule's choices and the hidden space.
    schedule_constant: "Constant",
    schedule_step: "Step decay (halve every N)",
    schedule_exponential: "Exponential (÷10 every N)",
    schedule_cosine: "Cosine (to 0 at N)",
    schedule_one_cycle: "1cycle (warm up, then decay)",
    hidden_space: "Hidden space",
    hidden_space_label: "Show the plane as this hidden layer sees it",
    hidden_space_picture: "The input grid and the points as the chosen hidden layer sees them",
    hidden_space_off: "Off",
    hidden_space_layer: "Hidden layer {layer}",

    hidden_space_caption: "Hidden layer {layer}: the input grid and the points as this layer sees them, {seen}.",
    hidden_space_one_unit: "its one unit across",
    hidden_space_principal: "its {units} units on their two principal directions",
    hidden_space_two_units: "unit 1 across, unit 2 up",
    hidden_space_linear: "Every layer up to here is linear: the grid is only sheared, stretched or squeezed, and its lines stay straight and parallel.",
    hidden_space_folds: "The activation bends the grid's lines and folds the plane.",
    hidden_space_output: "The colours are the output over this plane, and its boundary here is a straight line: the classes are separable once each colour's points are on one side of it.",
    // The presets.
    preset_circle: "Circle",
    preset_xor: "XOR",
    preset_gaussians: "Two Gaussians",
    preset_spiral: "Spiral",
    preset_moons: "Two moons",
    preset_pass: "Will I pass this class?",
    preset_sine: "Above/below a sine",
    preset_cubic: "Above/below a cubic",
    preset_abs: "Above/below |x|",
    preset_plane: "Regression: plane",
    preset_mixture: "Regression: Gaussian mixture",
}
