//! The command line, run in process: arguments, exit status and both streams are snapshotted
//! together, so exit behaviour is reviewed like any other output.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;

use super::settings;
use crate::cli::{run, Args, ExitStatus};

pub(super) struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

pub(super) fn batch2argo(args: &[&str]) -> Run {
    let mut argv = vec!["batch2argo"];
    argv.extend_from_slice(args);
    let parsed = Args::try_parse_from(&argv).expect("arguments parse");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(parsed, &mut out, &mut err);
    Run {
        status,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// A fresh, empty directory under the system temp dir.
pub(super) fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "batch2argo-cli-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Every file under `dir` with its content, `/`-separated and sorted.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

fn record(args: &[&str], run: &Run) -> String {
    format!(
        "args: {}\nexit: {:?} ({})\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        run.status,
        run.status as u8,
        run.stdout,
        run.stderr
    )
}

fn snapshot(name: &str, args: &[&str]) -> Run {
    let r = batch2argo(args);
    let text = record(args, &r);
    settings("cli").bind(|| insta::assert_snapshot!(name, text));
    r
}

#[test]
fn convert_prints_one_stream_and_exits_0() {
    let r = snapshot(
        "convert_stdout",
        &[
            "convert",
            "fixtures/convert/hello-world",
            "--color",
            "never",
        ],
    );
    assert_eq!(r.status, ExitStatus::Success);
}

#[test]
fn errors_exit_1_print_json_diagnostics_and_write_nothing() {
    let r = snapshot(
        "convert_errors_json",
        &[
            "convert",
            "fixtures/codes/B2A202",
            "--message-format",
            "json",
        ],
    );
    assert_eq!(r.status, ExitStatus::Findings);
    assert!(r.stdout.is_empty());
    let diags: serde_json::Value = serde_json::from_str(&r.stderr).expect("stderr is JSON");
    let first = &diags[0];
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
        "help",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn github_annotations() {
    snapshot(
        "convert_github",
        &[
            "convert",
            "fixtures/codes/B2A105.json",
            "--message-format",
            "github",
        ],
    );
}

#[test]
fn json_output_is_a_kubernetes_list() {
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--output-format",
        "json",
        "--color",
        "never",
    ]);
    assert_eq!(r.status, ExitStatus::Success);
    let list: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(list["kind"], "List");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2));
}

#[test]
fn missing_paths_exit_2() {
    let r = snapshot(
        "convert_missing_path",
        &["convert", "fixtures/does-not-exist"],
    );
    assert_eq!(r.status, ExitStatus::Failure);
}

#[test]
fn explain_prints_the_registry_entry() {
    let r = snapshot("explain_b2a104", &["explain", "b2a104"]);
    assert_eq!(r.status, ExitStatus::Success);
    let r = snapshot("explain_unknown", &["explain", "B2A999"]);
    assert_eq!(r.status, ExitStatus::Failure);
}

#[test]
fn input_order_does_not_change_the_output() {
    let a = batch2argo(&[
        "convert",
        "fixtures/convert/map-reduce",
        "fixtures/convert/diamond",
        "fixtures/convert/hostile-names",
    ]);
    let b = batch2argo(&[
        "convert",
        "fixtures/convert/hostile-names",
        "fixtures/convert/diamond",
        "fixtures/convert/map-reduce",
    ]);
    assert_eq!(a.status, ExitStatus::Success);
    assert_eq!(a.stdout, b.stdout);
    let again = batch2argo(&[
        "convert",
        "fixtures/convert/map-reduce",
        "fixtures/convert/diamond",
        "fixtures/convert/hostile-names",
    ]);
    assert_eq!(a.stdout, again.stdout);
}

#[test]
fn output_directories_are_owned_file_by_file() {
    let dir = scratch();
    let out = dir.to_string_lossy().into_owned();
    // A file of the user's own is never touched.
    std::fs::write(dir.join("NOTES.md"), "mine\n").expect("write");

    let first = batch2argo(&["convert", "fixtures/convert/map-reduce", "-o", &out]);
    assert_eq!(first.status, ExitStatus::Success, "{}", first.stderr);
    let files: Vec<String> = tree(&dir).into_iter().map(|(p, _)| p).collect();
    settings("cli").bind(|| insta::assert_snapshot!("output_dir_files", files.join("\n")));
    let record = std::fs::read_to_string(dir.join(".batch2argo.json")).expect("record");
    settings("cli").bind(|| insta::assert_snapshot!("output_dir_record", record));
    let kustomization =
        std::fs::read_to_string(dir.join("kustomization.yaml")).expect("kustomization");
    settings("cli").bind(|| insta::assert_snapshot!("output_dir_kustomization", kustomization));

    // Regenerating from fewer sources removes the files that are no longer generated.
    let second = batch2argo(&["convert", "fixtures/convert/hello-world", "-o", &out]);
    assert_eq!(second.status, ExitStatus::Success, "{}", second.stderr);
    let after: Vec<String> = tree(&dir).into_iter().map(|(p, _)| p).collect();
    assert!(after.contains(&"NOTES.md".to_string()));
    assert!(after
        .iter()
        .any(|p| p == "workflowtemplates/hello-world.yaml"));
    assert!(!after.iter().any(|p| p.contains("mapper")), "{after:?}");

    // A run with errors changes nothing.
    let before = tree(&dir);
    let failed = batch2argo(&["convert", "fixtures/codes/B2A202", "-o", &out]);
    assert_eq!(failed.status, ExitStatus::Findings);
    assert_eq!(tree(&dir), before);

    // A file batch2argo did not write is not overwritten.
    let other = scratch();
    std::fs::create_dir_all(other.join("workflowtemplates")).expect("mkdir");
    std::fs::write(other.join("workflowtemplates/hello-world.yaml"), "mine\n").expect("write");
    let refused = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "-o",
        &other.to_string_lossy(),
    ]);
    assert_eq!(refused.status, ExitStatus::Failure);
    assert_eq!(
        std::fs::read_to_string(other.join("workflowtemplates/hello-world.yaml"))
            .ok()
            .as_deref(),
        Some("mine\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&other);
}

#[test]
fn validate_reports_every_finding_with_its_line_and_exits_1() {
    let r = snapshot(
        "validate_human",
        &[
            "validate",
            "fixtures/validate/B2A572.yaml",
            "fixtures/validate/B2A550_4.yaml",
            "fixtures/validate/B2A537.yaml",
            "--color",
            "never",
        ],
    );
    assert_eq!(r.status, ExitStatus::Findings);
}

#[test]
fn validate_reads_json_and_resolves_references_among_the_files_given() {
    let dir = scratch();
    let library = dir.join("library.json");
    std::fs::write(
        &library,
        r#"{"apiVersion": "argoproj.io/v1alpha1", "kind": "WorkflowTemplate",
            "metadata": {"name": "library"},
            "spec": {"templates": [{"name": "say", "inputs": {"parameters": [{"name": "text"}]},
              "container": {"image": "busybox:1.36", "args": ["{{inputs.parameters.text}}"]}}]}}"#,
    )
    .expect("write");
    let workflow = dir.join("workflow.yaml");
    std::fs::write(
        &workflow,
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      steps:\n        - - name: hello\n            templateRef: {name: library, template: say}\n            arguments:\n              parameters: [{name: text, value: hi}]\n",
    )
    .expect("write");
    let both = [library.to_string_lossy(), workflow.to_string_lossy()];
    let r = batch2argo(&["validate", &both[0], &both[1], "--format", "json"]);
    assert_eq!(r.status, ExitStatus::Success, "{}", r.stdout);
    assert_eq!(r.stdout.trim(), "[]");
    // Alone, the Workflow's reference cannot be resolved: an error at the template name.
    let r = batch2argo(&["validate", &both[1], "--format", "json"]);
    assert_eq!(r.status, ExitStatus::Findings);
    let found: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(found[0]["code"], "B2A547");
    assert_eq!(found[0]["line"], 11);
    // SARIF and GitHub formats, as for lint.
    let r = batch2argo(&["validate", &both[1], "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&r.stdout).expect("sarif");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "B2A547");
    let r = batch2argo(&["validate", &both[1], "--format", "github"]);
    assert!(r.stdout.starts_with("::error file="), "{}", r.stdout);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn validate_accepts_what_convert_writes() {
    let dir = scratch();
    let out = dir.join("out");
    let out_s = out.to_string_lossy().into_owned();
    let r = batch2argo(&["convert", "fixtures/convert/map-reduce", "-o", &out_s]);
    assert_eq!(r.status, ExitStatus::Success, "{}", r.stderr);
    let r = batch2argo(&["validate", &out_s, "--deny", "warnings", "--format", "json"]);
    assert_eq!(r.status, ExitStatus::Success, "{}", r.stdout);
    // The JSON stream is a `v1` `List`; validate reads the objects in it.
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/map-reduce",
        "--output-format",
        "json",
    ]);
    let list = dir.join("list.json");
    std::fs::write(&list, &r.stdout).expect("write");
    let list_s = list.to_string_lossy().into_owned();
    let r = batch2argo(&[
        "validate", &list_s, "--deny", "warnings", "--format", "json",
    ]);
    assert_eq!(r.status, ExitStatus::Success, "{}", r.stdout);
    assert_eq!(r.stdout.trim(), "[]");
    let _ = std::fs::remove_dir_all(dir);
}

/// `--platform` and `--queueing` write the supporting objects as their own files, listed in the
/// kustomization (Workflows are not: applying them would run them); a config file in the
/// working directory's ancestors is not needed, flags are enough.
#[test]
fn queueing_objects_are_written_and_listed() {
    let dir = scratch();
    let out = dir.to_string_lossy().into_owned();
    let run = batch2argo(&[
        "convert",
        "fixtures/queues/gpu",
        "--platform",
        "eks",
        "--queueing",
        "kueue",
        "--namespace",
        "ml",
        "-o",
        &out,
    ]);
    assert_eq!(run.status, ExitStatus::Success, "{}", run.stderr);
    let files: Vec<String> = tree(&dir).into_iter().map(|(p, _)| p).collect();
    settings("cli").bind(|| insta::assert_snapshot!("queueing_files", files.join("\n")));
    let kustomization =
        std::fs::read_to_string(dir.join("kustomization.yaml")).expect("kustomization");
    for f in files
        .iter()
        .filter(|f| f.ends_with(".yaml") && f.contains('/'))
    {
        assert_eq!(
            kustomization.contains(f.as_str()),
            !f.starts_with("workflows/"),
            "{f} in kustomization.yaml"
        );
    }
    let record = std::fs::read_to_string(dir.join(".batch2argo.json")).expect("record");
    assert!(record.contains("\"queueing\": \"kueue\"") && record.contains("\"namespace\": \"ml\""));
}

#[test]
fn an_unknown_platform_in_the_config_file_is_a_usage_error() {
    let dir = scratch();
    let config = dir.join("b2a.yaml");
    std::fs::write(&config, "platform: gke\nqueueing: kueue\n").expect("write");
    let run = batch2argo(&[
        "convert",
        "fixtures/queues/gpu",
        "--config",
        &config.to_string_lossy(),
    ]);
    assert_eq!(run.status, ExitStatus::Failure);
    assert!(run.stderr.contains("platform `gke`"), "{}", run.stderr);
}

#[test]
fn an_invalid_namespace_is_a_usage_error() {
    let run = batch2argo(&[
        "convert",
        "fixtures/queues/gpu",
        "--queueing",
        "kueue",
        "--namespace",
        "Team_A",
    ]);
    assert_eq!(run.status, ExitStatus::Failure);
    assert!(run.stderr.contains("namespace `Team_A`"), "{}", run.stderr);
}

/// `--var` reaches Terraform, `--param` CloudFormation, and `--dialect` forces the reader.
#[test]
fn read_flags_reach_the_dialects() {
    let tf = batch2argo(&[
        "convert",
        "fixtures/equivalence/terraform-hcl",
        "--var",
        "image_tag=9.9",
    ]);
    assert!(
        tf.stdout.contains("public.ecr.aws/acme/extract:9.9"),
        "{}",
        tf.stderr
    );
    let cfn = batch2argo(&[
        "convert",
        "fixtures/equivalence/cloudformation-yaml",
        "--param",
        "ImageTag=7.1",
        "--param",
        "AWS::Region=eu-west-1",
    ]);
    assert!(
        cfn.stdout.contains("public.ecr.aws/acme/load:7.1"),
        "{}",
        cfn.stderr
    );
    assert!(
        !cfn.stderr.contains("AWS::Region is not given"),
        "{}",
        cfn.stderr
    );
    // The API files are no Terraform: forced, they are refused rather than read.
    let forced = batch2argo(&[
        "convert",
        "fixtures/equivalence/api/extract.json",
        "--dialect",
        "terraform",
    ]);
    assert_ne!(forced.status, ExitStatus::Success);
    assert!(forced.stderr.contains("B2A002"), "{}", forced.stderr);
    assert!(Args::try_parse_from(["batch2argo", "convert", "x", "--dialect", "cobol"]).is_err());
    assert!(Args::try_parse_from(["batch2argo", "convert", "x", "--var", "novalue"]).is_err());
}
