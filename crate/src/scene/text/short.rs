//! The shortest text that reads back as the same scene as its link: what a
//! course author pastes into a page. Settings at their defaults, the preset's
//! usual size and the default preset are left out; the points are there only
//! when they are not the preset's own (as in every link).

use super::{decode, encode};
use crate::scene::Scene;

/// The scene's link text without the pairs the reader fills in the same by
/// itself. `v=` stays, so the text still says what it is. Reads back exactly
/// as `encode(scene)` does: each pair is dropped only if the scene decoded
/// without it is the same.
pub fn encode_short(scene: &Scene) -> String {
    let full = encode(scene);
    let Ok(reference) = decode(&full) else {
        return full;
    };
    let same = |pairs: &[&str]| decode(&pairs.join("&")).is_ok_and(|d| d.scene == reference.scene);
    let mut pairs: Vec<&str> = full.split('&').collect();
    let mut i = 1;
    while i < pairs.len() {
        let mut without = pairs.clone();
        without.remove(i);
        if same(&without) {
            pairs = without;
        } else {
            i += 1;
        }
    }
    pairs.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Point, Preset};
    use crate::scene::{lessons, settings};

    /// What a text decodes to (the notes aside).
    fn read(text: &str) -> Scene {
        decode(text).unwrap_or_else(|e| panic!("{text}: {e}")).scene
    }

    #[test]
    fn the_default_scene_is_its_version_alone() {
        assert_eq!(encode_short(&Scene::default()), "v=1");
        assert_eq!(read("v=1"), read(&encode(&Scene::default())));
    }

    #[test]
    fn only_the_settings_that_differ_are_written() {
        let mut scene = Scene::default();
        settings::apply(&mut scene, "learning-rate", "0.1").unwrap();
        settings::apply(&mut scene, "hidden", "8,8,8").unwrap();
        let short = encode_short(&scene);
        assert_eq!(short, "v=1&hidden=8,8,8&learning-rate=0.1");
        assert_eq!(read(&short), read(&encode(&scene)));
    }

    #[test]
    fn a_presets_points_are_drawn_again_and_placed_points_are_kept() {
        let spiral = Scene::from_preset(Preset::Spiral, 120, 0.1, 9);
        let short = encode_short(&spiral);
        assert!(!short.contains("data="), "{short}");
        assert!(
            short.contains("preset=spiral") && short.contains("seed=9"),
            "{short}"
        );
        assert_eq!(read(&short), read(&encode(&spiral)));

        let mut placed = Scene::default();
        placed.points.push(Point::new(0.5, -0.25, 1.0));
        let short = encode_short(&placed);
        assert!(
            short.contains("data="),
            "placed points are in the text: {short}"
        );
        assert_eq!(read(&short), read(&encode(&placed)));
    }

    #[test]
    fn every_lessons_scene_reads_back_the_same_and_shorter() {
        for lesson in lessons::all() {
            let scene = lesson.scene();
            let (short, full) = (encode_short(&scene), encode(&scene));
            assert_eq!(read(&short), read(&full), "{}: {short}", lesson.name);
            assert!(short.len() < full.len(), "{}: {short}", lesson.name);
        }
    }
}
