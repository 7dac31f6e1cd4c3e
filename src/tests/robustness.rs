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
                .is_some_and(|e| ["json", "yaml", "yml", "cfg", "tf"].iter().any(|x| e == *x))
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

/// BatchCompute documents with extreme or contradictory values, and job.cfg files that abuse
/// ConfigParser's features.
#[test]
fn hostile_batchcompute_inputs_never_panic() {
    let task = |extra: &str| {
        format!(
            r#"{{"InstanceCount": 3, "AutoCluster": {{"InstanceType": "ecs.gn6i-c4g1.xlarge", "ResourceType": "Spot", "SpotPriceLimit": 1e400}}, "Parameters": {{"Command": {{"CommandLine": "echo {{{{ $( $$", "Docker": {{"Image": "i:1"}}}}}}{extra}}}"#
        )
    };
    let jobs = [
        format!(r#"{{"Name": "x", "DAG": {{"Tasks": {{"a": {}}}, "Dependencies": {{"a": ["a"]}}}}}}"#, task("")),
        format!(r#"{{"Name": "ジョブ/{{{{x}}}}", "Type": "DAG", "DAG": {{"Tasks": {{"タスク": {}, "a b": {}}}, "Dependencies": {{"タスク": "a b"}}}}}}"#, task(r#", "InstanceCount": 9223372036854775807"#), task(r#", "MaxRetryCount": -5, "Timeout": 0"#)),
        format!(r#"{{"Name": "m", "DAG": {{"Tasks": {{"a": {}}}}}}}"#, task(r#", "Mounts": {"Entries": [{"Source": "nas://", "Destination": "/x"}, {"Source": "oss://", "Destination": "relative"}, {"Source": "OSS://B/K", "Destination": "/y"}]}, "InputMapping": {"oss://b": "/z", "x": "/w"}, "LogMapping": {"/": "oss://b"}"#)),
        format!(r#"{{"Name": "c", "DAG": {{"Tasks": {{"a": {}}}}}}}"#, task(r#", "ClusterId": "cls-1", "AutoCluster": {"Configs": {"Disks": {"SystemDisk": {"Size": -1}, "DataDisk": {"Size": 9223372036854775807, "MountPoint": "/d"}}}}"#)),
        r#"{"Name": "a", "Type": "App", "App": {"AppName": ":", "Config": {"InstanceCount": "-1", "Timeout": "x"}}}"#.to_string(),
        r#"{"Name": "p", "CommandLine": "${} ${x ${y}", "Docker": {"Image": ""}, "InputParameters": {"x": {"LocalPath": "/a", "Default": "oss://"}}, "Config": {"MinDiskSize": {"Default": 9223372036854775807}}}"#.to_string(),
        r#"{"Name": "cl", "Groups": {"g": {"ResourceType": "Spot", "SpotPriceLimit": "NaN"}}, "Configs": {"Mounts": {"Entries": [{}]}}}"#.to_string(),
    ];
    for (i, text) in jobs.iter().enumerate() {
        convert_text(&format!("bc-{i}.json"), text);
    }
    let cfgs = [
        "[DEFAULT]\ndeps=a->a\n[a]\ncmd=x\n",
        "[a]\ncmd=%(a)s\n",
        "[DEFAULT]\n$x=$x$x$x$x\n[a]\ncmd=$x\n",
        "[a]\ncmd=%(b)s\nb=%(c)s\nc=%(b)s\n",
        "[a\ncmd=x\n",
        "cmd=x\n[a]\n",
        "[DEFAULT]\ndeps=->;a->;,->b;a->b->\n[a]\ncmd=x\n[b]\ncmd=y\nnodes=-1\n",
        "[a]\ncmd=x\nenv=:,::,a:b:c\nmount=oss://::\ncluster=img=:type=\ndisk=system:::,data\n",
    ];
    for (i, text) in cfgs.iter().enumerate() {
        convert_text(&format!("bc-{i}.cfg"), text);
    }
}
