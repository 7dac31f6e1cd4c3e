//! No input makes batch2argo panic: every fixture, cut short at several points or with bytes
//! flipped, still comes back as diagnostics.

use std::path::PathBuf;

use super::root;
use crate::emit::Format;
use crate::lower::Options;

/// Every fixture file (JSON and YAML), sorted.
fn fixture_files() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root().join("fixtures"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
                && std::fs::metadata(p).is_ok_and(|m| m.len() < 200_000)
        })
        .collect();
    out.sort();
    out
}

/// Runs the whole pipeline on `text` as a file named like `name`.
fn convert_text(name: &str, text: &str) {
    let dir = std::env::temp_dir().join(format!("batch2argo-robust-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write");
    let result = crate::convert(
        std::slice::from_ref(&file),
        &Options::default(),
        Format::Yaml,
    )
    .expect("readable");
    // Rendering must not panic either.
    let _ =
        crate::diagnostics::render::human(&result.diagnostics, &result.files, Default::default());
    let _ = crate::diagnostics::render::sarif(&result.diagnostics, &result.files);
    let _ = std::fs::remove_file(&file);
}

#[test]
fn truncated_and_mangled_fixtures_never_panic() {
    let files = fixture_files();
    assert!(files.len() > 50);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let len = text.len();
        for k in 1..4 {
            let mut cut = len * k / 4;
            while cut > 0 && !text.is_char_boundary(cut) {
                cut -= 1;
            }
            convert_text(&name, &text[..cut]);
        }
        // Swap brackets and quotes for their neighbours' role.
        let mangled: String = text
            .chars()
            .enumerate()
            .map(|(i, c)| match (i % 97, c) {
                (0, '{') => '[',
                (0, '"') => '\'',
                (0, ':') => ',',
                (_, c) => c,
            })
            .collect();
        convert_text(&name, &mangled);
    }
}

#[test]
fn hostile_text_never_panics() {
    let cases = [
        "\u{feff}",
        "\u{feff}{}",
        "---\n---\n",
        "- - - - -",
        "{\"jobs\": [{\"jobName\": \"a\", \"jobDefinition\": \"b\", \"dependsOn\": [{\"jobId\": \"a\"}]}]}",
        "jobDefinitionName: é\u{0}\ntype: container\ncontainerProperties: {image: x}\n",
        "&a [*a]",
        "!Ref x",
        "? [a]\n: b\n",
        "{\"jobDefinitionName\": \"x\", \"type\": \"container\", \"containerProperties\": {\"image\": \"i\", \"command\": [\"Ref::\", \"Ref::Ref::a\", \"{{\", \"$(\", \"$$\"]}}",
    ];
    for (i, text) in cases.iter().enumerate() {
        convert_text(&format!("case-{i}.yaml"), text);
        convert_text(&format!("case-{i}.json"), text);
    }
}
