//! The playground as a runnable tf.keras or PyTorch program, in a wasm
//! module of its own. The program templates and their writers are about a
//! twentieth of the playground's download, and most students never open
//! the code, so the page fetches this module only when one first does.
//!
//! The page hands over its scene in the exact text form it saves in the
//! browser (`Playground.save_text`), which reads back to the very scene, so
//! the program is the one `descent::scene::code` writes for the page's own.

use descent::scene::{code, text, Scene};
use wasm_bindgen::prelude::*;

/// The scene of `exact_text`, which the page wrote itself: a text that does
/// not read back whole is a fault, not a student's input.
fn scene(exact_text: &str) -> Result<Scene, String> {
    let decoded = text::decode(exact_text)?;
    match decoded.notes.is_empty() {
        true => Ok(decoded.scene),
        false => Err(decoded.notes.join(" ")),
    }
}

/// The tf.keras program of the scene `exact_text`.
pub fn keras(exact_text: &str) -> Result<String, String> {
    scene(exact_text).map(|s| code::keras(&s))
}

/// The PyTorch program of the scene `exact_text`.
pub fn pytorch(exact_text: &str) -> Result<String, String> {
    scene(exact_text).map(|s| code::pytorch(&s))
}

/// The PyTorch program that reproduces the run Reset starts in the scene
/// `exact_text`: the page's initial weights, batch order and dropout masks.
pub fn pytorch_run(exact_text: &str) -> Result<String, String> {
    scene(exact_text).map(|s| code::pytorch_exact(&s))
}

/// The program of `framework` ("keras", "pytorch" or "pytorch-run", the
/// dialog's tabs) for the scene `exact_text`.
#[wasm_bindgen]
pub fn program(framework: &str, exact_text: &str) -> Result<String, JsError> {
    let write = match framework {
        "keras" => keras,
        "pytorch" => pytorch,
        "pytorch-run" => pytorch_run,
        _ => return Err(JsError::new(&format!("no program for '{framework}'"))),
    };
    write(exact_text).map_err(|e| JsError::new(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use descent::data::Preset;
    use descent::scene::lessons;

    /// Scenes unlike the default: every lesson's, and a changed preset.
    fn scenes() -> Vec<Scene> {
        let mut scenes: Vec<Scene> = lessons::all().iter().map(|l| l.scene()).collect();
        let mut moons = Scene::from_preset(Preset::Moons, 40, 0.2, 7);
        moons.points[3].x1 = 0.123_456_7;
        moons.points[5].test = true;
        scenes.push(moons);
        scenes
    }

    /// Through the exact text the module writes each program exactly as the
    /// page's own scene gives it.
    #[test]
    fn programs_from_the_saved_text_are_the_scenes_own() {
        for s in scenes() {
            let saved = text::encode_exact(&s);
            assert_eq!(keras(&saved).unwrap(), code::keras(&s));
            assert_eq!(pytorch(&saved).unwrap(), code::pytorch(&s));
            assert_eq!(pytorch_run(&saved).unwrap(), code::pytorch_exact(&s));
        }
    }

    /// Text the module cannot read whole is refused, not written as some
    /// other scene's program.
    #[test]
    fn text_that_does_not_read_back_whole_is_refused() {
        assert!(keras("this is not a scene").is_err());
        assert!(pytorch("preset=moons&hidden=many").is_err());
    }
}
