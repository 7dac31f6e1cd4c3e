//! `batch2argo lint`: snapshots of the human rendering per `fixtures/lint/` case, and the exit
//! codes, formats, selection and config file, run in process.

use clap::Parser;

use super::fixtures::{case_name, cases};
use super::{relative, settings};
use crate::cli::{run, Args, ExitStatus};

fn lint(args: &[&str]) -> (ExitStatus, String, String) {
    let mut argv = vec!["batch2argo", "lint"];
    argv.extend_from_slice(args);
    let parsed = Args::try_parse_from(&argv).expect("arguments parse");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = run(parsed, &mut out, &mut err);
    (
        status,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

#[test]
fn lint_cases() {
    let s = settings("lint");
    for case in cases("lint") {
        let path = relative(&case).to_string_lossy().into_owned();
        let (status, out, err) = lint(&[&path, "--color", "never", "--config", "/dev/null"]);
        let text = format!("exit: {status:?}\n--- stdout\n{out}--- stderr\n{err}");
        let name = case_name(&case);
        s.bind(|| insta::assert_snapshot!(name, text));
    }
}

#[test]
fn the_three_cfn_lint_misses_are_caught_on_their_lines() {
    let (status, out, _) = lint(&[
        "fixtures/lint/cfn-lint-misses.json",
        "--format",
        "json",
        "--config",
        "/dev/null",
    ]);
    assert_eq!(status, ExitStatus::Findings);
    let found: serde_json::Value = serde_json::from_str(&out).expect("json");
    let at = |code: &str| {
        found
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["code"] == code)
            .map(|d| {
                (
                    d["line"].as_u64(),
                    d["pointer"].as_str().map(str::to_string),
                )
            })
    };
    assert_eq!(
        at("B2A115"),
        Some((
            Some(9),
            Some("/containerProperties/resourceRequirements/1/value".into())
        ))
    );
    assert_eq!(
        at("B2A121"),
        Some((Some(13), Some("/retryStrategy/attempts".into())))
    );
    assert_eq!(
        at("B2A130"),
        Some((Some(16), Some("/timeout/attemptDurationSeconds".into())))
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let clean = ["fixtures/lint/warnings-only.yaml", "--config", "/dev/null"];
    assert_eq!(lint(&clean).0, ExitStatus::Success);
    let denied = [
        "fixtures/lint/warnings-only.yaml",
        "--deny",
        "warnings",
        "--config",
        "/dev/null",
    ];
    assert_eq!(lint(&denied).0, ExitStatus::Findings);
    let ignored = [
        "fixtures/lint/warnings-only.yaml",
        "--deny",
        "warnings",
        "--ignore",
        "B2A165",
        "--config",
        "/dev/null",
    ];
    assert_eq!(lint(&ignored).0, ExitStatus::Success);
}

#[test]
fn select_and_ignore_filter_by_code_or_prefix() {
    let (status, out, _) = lint(&[
        "fixtures/lint/cfn-lint-misses.json",
        "--select",
        "B2A13",
        "--format",
        "json",
        "--config",
        "/dev/null",
    ]);
    assert_eq!(status, ExitStatus::Findings);
    let found: serde_json::Value = serde_json::from_str(&out).expect("json");
    let codes: Vec<&str> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, vec!["B2A130"]);
    let (status, _, _) = lint(&[
        "fixtures/lint/cfn-lint-misses.json",
        "--ignore",
        "B2A1",
        "--config",
        "/dev/null",
    ]);
    assert_eq!(status, ExitStatus::Success);
}

#[test]
fn unknown_codes_and_bad_paths_exit_2() {
    let (status, _, err) = lint(&[
        "fixtures/lint",
        "--select",
        "B2A999",
        "--config",
        "/dev/null",
    ]);
    assert_eq!(status, ExitStatus::Failure);
    assert!(err.contains("B2A999"), "{err}");
    assert_eq!(
        lint(&["fixtures/lint", "--deny", "errors", "--config", "/dev/null"]).0,
        ExitStatus::Failure
    );
    assert_eq!(
        lint(&["fixtures/missing", "--config", "/dev/null"]).0,
        ExitStatus::Failure
    );
}

#[test]
fn the_config_file_selects_and_ignores_per_path() {
    let dir = std::env::temp_dir().join(format!("batch2argo-lint-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let config = dir.join(".batch2argo.yaml");
    std::fs::write(
        &config,
        "lint:\n  deny-warnings: true\n  per-file-ignores:\n    \"fixtures/lint/warnings-*\": [B2A165]\n",
    )
    .expect("write");
    let c = config.to_string_lossy().into_owned();
    assert_eq!(
        lint(&["fixtures/lint/warnings-only.yaml", "--config", &c]).0,
        ExitStatus::Success
    );
    std::fs::write(&config, "lint:\n  deny-warnings: true\n").expect("write");
    assert_eq!(
        lint(&["fixtures/lint/warnings-only.yaml", "--config", &c]).0,
        ExitStatus::Findings
    );
    std::fs::write(&config, "lint:\n  ignore: [B2A000]\n").expect("write");
    let (status, _, err) = lint(&["fixtures/lint/warnings-only.yaml", "--config", &c]);
    assert_eq!(status, ExitStatus::Failure, "{err}");
    std::fs::write(&config, "lint:\n  selectt: [B2A1]\n").expect("write");
    let (status, _, err) = lint(&["fixtures/lint/warnings-only.yaml", "--config", &c]);
    assert_eq!(status, ExitStatus::Failure, "{err}");
    assert!(err.contains("selectt"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_is_deterministic_over_every_fixture() {
    let all: Vec<String> = [
        "fixtures/convert",
        "fixtures/codes",
        "fixtures/lint",
        "fixtures/malformed",
    ]
    .iter()
    .flat_map(|f| cases(f.trim_start_matches("fixtures/")))
    .map(|p| relative(&p).to_string_lossy().into_owned())
    .collect();
    let forward: Vec<&str> = all.iter().map(String::as_str).collect();
    let mut backward = forward.clone();
    backward.reverse();
    let run_all = |paths: &[&str]| {
        let mut args = paths.to_vec();
        args.extend(["--format", "json", "--config", "/dev/null"]);
        lint(&args)
    };
    let (a, b, again) = (run_all(&forward), run_all(&backward), run_all(&forward));
    assert_eq!(a.1, b.1);
    assert_eq!(a.1, again.1);
}
