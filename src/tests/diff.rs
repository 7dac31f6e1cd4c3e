//! `batch2argo diff`: the fixture pairs of `fixtures/diff/<case>/{before,after}` in every
//! format (snapshots `snapshots/diff/<case>@<format>.snap`), revisions of a real git
//! repository, and the drift check of an output directory.

use std::path::Path;
use std::process::Command;

use super::cli::{batch2argo, scratch};
use super::fixtures::{case_name, cases};
use super::{root, settings};
use crate::cli::ExitStatus;

const FORMATS: &[&str] = &["human", "markdown", "json"];

/// Cases whose two sides differ only in formatting, key order and order of items.
const NO_DIFFERENCE: &[&str] = &["reordered"];

#[test]
fn diff_cases() {
    let cases = cases("diff");
    assert!(cases.len() >= 8, "fixtures/diff lost cases");
    let s = settings("diff");
    for case in cases {
        let name = case_name(&case);
        let rel = super::relative(&case);
        let (before, after) = (rel.join("before"), rel.join("after"));
        for format in FORMATS {
            let run = batch2argo(&[
                "diff",
                &before.to_string_lossy(),
                &after.to_string_lossy(),
                "--format",
                format,
                "--color",
                "never",
            ]);
            let expected = if NO_DIFFERENCE.contains(&name.as_str()) {
                ExitStatus::Success
            } else {
                ExitStatus::Findings
            };
            assert_eq!(run.status, expected, "{name} {format}: {}", run.stderr);
            if *format == "json" {
                let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
                assert_eq!(v["schema"], "batch2argo-diff/1");
            }
            s.bind(|| insta::assert_snapshot!(format!("{name}@{format}"), run.stdout));
        }
    }
}

#[test]
fn no_orphan_diff_snapshots() {
    let mut expected = Vec::new();
    for case in cases("diff") {
        for f in FORMATS {
            expected.push(format!("{}@{f}.snap", case_name(&case)));
        }
    }
    let orphans: Vec<String> = std::fs::read_dir(root().join("snapshots/diff"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| !expected.contains(f))
        .collect();
    assert!(orphans.is_empty(), "snapshots without a case: {orphans:?}");
}

/// The run ended with `status`; its output says why when not.
fn expect(run: &super::cli::Run, status: ExitStatus) {
    assert_eq!(run.status, status, "{}{}", run.stdout, run.stderr);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

/// Two commits of a real repository: the image tag changes between them.
#[test]
fn git_revisions_are_read_without_a_checkout() {
    let repo = scratch();
    git(&repo, &["init", "-q"]);
    let case = root().join("fixtures/diff/changed-image-tag");
    copy_dir(&case.join("before"), &repo.join("batch"));
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "before"]);
    copy_dir(&case.join("after"), &repo.join("batch"));
    git(&repo, &["commit", "-q", "-am", "after"]);
    let r = repo.to_string_lossy().into_owned();

    let run = batch2argo(&[
        "diff",
        "batch",
        "--base-rev",
        "HEAD~1",
        "--head-rev",
        "HEAD",
        "--repo",
        &r,
        "--color",
        "never",
    ]);
    expect(&run, ExitStatus::Findings);
    assert!(
        run.stdout
            .contains("train:2.0 → public.ecr.aws/acme/train:2.1"),
        "{}",
        run.stdout
    );
    // The same against the working tree, which is HEAD: no differences.
    let run = batch2argo(&["diff", "batch", "--base-rev", "HEAD", "--repo", &r]);
    expect(&run, ExitStatus::Success);
    // Nothing was checked out or left behind.
    let status = Command::new("git")
        .current_dir(&repo)
        .args(["status", "--porcelain"])
        .output()
        .expect("git");
    assert!(
        status.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
    // An unknown revision is a usage error.
    let run = batch2argo(&["diff", "batch", "--base-rev", "no-such-rev", "--repo", &r]);
    expect(&run, ExitStatus::Failure);
    assert!(run.stderr.contains("no-such-rev"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(&repo);
}

/// The drift check on an output directory that is current, reformatted, hand-edited, and
/// regenerated with other options.
#[test]
fn drift_check() {
    let dir = scratch();
    let out = dir.join("argo");
    let o = out.to_string_lossy().into_owned();
    let src = "fixtures/queues/gpu";
    let conv = batch2argo(&["convert", src, "--platform", "eks", "-o", &o]);
    assert_eq!(conv.status, ExitStatus::Success, "{}", conv.stderr);
    let check = |extra: &[&str]| {
        let mut args = vec!["diff", "--check", src, "--against", &o, "--color", "never"];
        args.extend_from_slice(extra);
        batch2argo(&args)
    };
    // Current: the recorded options (eks) are used without repeating them.
    let run = check(&[]);
    expect(&run, ExitStatus::Success);

    // Formatting only: comments, key order, quoting.
    let wft = out.join("workflowtemplates/train.yaml");
    let text = std::fs::read_to_string(&wft).expect("read");
    let reformatted = format!(
        "# reviewed\n{}",
        text.replace("kind: WorkflowTemplate\n", "").replace(
            "apiVersion: argoproj.io/v1alpha1\n",
            "kind: 'WorkflowTemplate'\napiVersion: \"argoproj.io/v1alpha1\"\n"
        )
    );
    std::fs::write(&wft, &reformatted).expect("write");
    let run = check(&[]);
    expect(&run, ExitStatus::Success);

    // A hand edit is drift, and the edit is shown.
    std::fs::write(&wft, reformatted.replace("python:3.12", "python:3.13")).expect("write");
    let run = check(&[]);
    expect(&run, ExitStatus::Findings);
    assert!(
        run.stdout
            .contains("python:3.13 → public.ecr.aws/docker/library/python:3.12"),
        "{}",
        run.stdout
    );

    // Regenerated with other options than the check asks for.
    let conv = batch2argo(&["convert", src, "--platform", "ack-acs", "-o", &o]);
    assert_eq!(conv.status, ExitStatus::Success, "{}", conv.stderr);
    let run = check(&["--platform", "eks"]);
    expect(&run, ExitStatus::Findings);
    assert!(
        run.stdout
            .contains("was generated with --platform ack-acs; the check asks for eks"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("ServiceAccount"),
        "the eks objects are missing: {}",
        run.stdout
    );
    // A deleted file is drift too.
    std::fs::remove_file(out.join("workflows/jobs.yaml")).expect("rm");
    let run = check(&[]);
    expect(&run, ExitStatus::Findings);
    assert!(
        run.stdout.contains("workflows/jobs.yaml is listed"),
        "{}",
        run.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_directory_without_a_record_is_a_usage_error() {
    let dir = scratch();
    let run = batch2argo(&[
        "diff",
        "--check",
        "fixtures/queues/gpu",
        "--against",
        &dir.to_string_lossy(),
    ]);
    expect(&run, ExitStatus::Failure);
    assert!(run.stderr.contains(".batch2argo.json"), "{}", run.stderr);
}
