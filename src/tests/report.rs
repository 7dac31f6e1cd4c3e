//! The migration report (`convert --report`): Markdown and HTML snapshots of a few fixtures,
//! input-order independence, every template branch rendered under strict mode, and the
//! command line (flags, formats, atomic writes, reports of failed runs).

use std::path::{Path, PathBuf};

use clap::Parser;

use super::cli::{batch2argo, scratch};
use super::settings;
use crate::cli::{Args, ExitStatus};
use crate::emit::Format as Output;
use crate::lower::{Options, Platform};
use crate::report::{self, Format, Outcome};

/// A report case: its snapshot name, inputs and options, and what the CLI did with the output.
struct Case {
    name: &'static str,
    paths: &'static [&'static str],
    options: fn() -> Options,
    outcome: Outcome,
}

fn out_dir() -> Outcome {
    Outcome::Directory("argo".into())
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "map-reduce",
            paths: &["fixtures/convert/map-reduce"],
            options: Options::default,
            outcome: out_dir(),
        },
        Case {
            name: "diamond-array-n-to-n",
            paths: &["fixtures/convert/diamond-array-n-to-n"],
            options: Options::default,
            outcome: out_dir(),
        },
        Case {
            name: "gpu-eks",
            paths: &["fixtures/queues/gpu"],
            options: || Options {
                platform: Platform::Eks,
                namespace: "batch".into(),
                ..Options::default()
            },
            outcome: out_dir(),
        },
        Case {
            name: "secrets-and-volumes",
            paths: &[
                "fixtures/convert/secrets",
                "fixtures/convert/volumes-and-linux",
            ],
            options: Options::default,
            outcome: Outcome::Stdout,
        },
        Case {
            name: "self-contained",
            paths: &[
                "fixtures/convert/map-reduce",
                "fixtures/convert/hello-world",
            ],
            options: || Options {
                self_contained: true,
                ..Options::default()
            },
            outcome: out_dir(),
        },
        // Errors: nothing written, the graph still drawn with its cycle.
        Case {
            name: "cycle",
            paths: &["fixtures/codes/B2A202"],
            options: Options::default,
            outcome: Outcome::NotWritten,
        },
        // Job and definition names that are markup in Markdown, HTML and Mermaid.
        Case {
            name: "hostile-names",
            paths: &["fixtures/report/hostile-names"],
            options: Options::default,
            outcome: Outcome::NotWritten,
        },
        // Values that reach the checklist: an image, a secret source and a role.
        Case {
            name: "hostile-values",
            paths: &["fixtures/report/hostile-values"],
            options: Options::default,
            outcome: out_dir(),
        },
    ]
}

fn report_of(paths: &[PathBuf], options: &Options, outcome: &Outcome) -> report::Report {
    let result = crate::convert(paths, options, Output::Yaml).expect("inputs are readable");
    report::build(&result, options, outcome)
}

fn render(r: &report::Report, format: Format) -> String {
    report::render(r, format).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn report_snapshots() {
    let s = settings("report");
    for case in cases() {
        let paths: Vec<PathBuf> = case.paths.iter().map(PathBuf::from).collect();
        let r = report_of(&paths, &(case.options)(), &case.outcome);
        for (format, ext) in [(Format::Markdown, "md"), (Format::Html, "html")] {
            let text = render(&r, format);
            s.bind(|| insta::assert_snapshot!(format!("{}.{ext}", case.name), text));
        }
    }
}

#[test]
fn no_orphan_report_snapshots() {
    let expected: Vec<String> = cases()
        .iter()
        .flat_map(|c| {
            [
                format!("{}.md.snap", c.name),
                format!("{}.html.snap", c.name),
            ]
        })
        .collect();
    let dir = super::root().join("snapshots").join("report");
    let orphans: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| !expected.contains(f))
        .collect();
    assert!(orphans.is_empty(), "snapshots without a case: {orphans:?}");
}

#[test]
fn the_report_does_not_depend_on_input_order() {
    let forward: Vec<PathBuf> = [
        "fixtures/convert/secrets",
        "fixtures/convert/diamond",
        "fixtures/queues/gpu",
        "fixtures/codes/B2A152.json",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let backward: Vec<PathBuf> = forward.iter().rev().cloned().collect();
    let options = Options::default();
    for format in [Format::Markdown, Format::Html] {
        let a = render(&report_of(&forward, &options, &out_dir()), format);
        let b = render(&report_of(&backward, &options, &out_dir()), format);
        assert!(a == b, "the {format:?} report changes with the input order");
    }
}

/// Strict mode turns a misspelt field into an error, but only in the branches that render: so
/// every branch is rendered here, by varying one report over every outcome and checklist shape.
#[test]
fn every_template_branch_renders() {
    let paths: Vec<PathBuf> = [
        "fixtures/convert/secrets",
        "fixtures/convert/volumes-and-linux",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let mut base = report_of(&paths, &Options::default(), &out_dir());
    // Cluster setup steps come with `--platform eks`, whose objects need queues.
    let eks = Options {
        platform: Platform::Eks,
        ..Options::default()
    };
    let gpu = report_of(&[PathBuf::from("fixtures/queues/gpu")], &eks, &out_dir());
    base.checklist.setup = gpu.checklist.setup.clone();
    assert!(
        !base.checklist.secrets.is_empty()
            && !base.checklist.setup.is_empty()
            && !base.checklist.host_paths.is_empty()
            && !base.checklist.service_accounts.is_empty()
            && base.definitions.len() >= 2
    );
    let mut variants = vec![base.clone()];
    let mut v = base.clone();
    v.outcome.directory = None;
    v.outcome.stdout = true;
    variants.push(v);
    for (internal, errors, write_error) in [
        (true, 1, None),
        (false, 2, None),
        (false, 0, Some("disk full".to_string())),
        (false, 0, None),
    ] {
        let mut v = base.clone();
        v.outcome.written = false;
        v.outcome.directory = None;
        v.outcome.internal = internal;
        v.outcome.errors = errors;
        v.outcome.write_error = write_error;
        variants.push(v);
    }
    // A checklist with every kind of step and every shape of Secret, and sections with more
    // callers and jobs than they show.
    let mut v = base.clone();
    let mut secret = v.checklist.secrets[0].clone();
    secret.all_keys = true;
    secret.registry = false;
    secret.used_by.more = 3;
    v.checklist.secrets.push(secret.clone());
    secret.keys.clear();
    v.checklist.secrets.push(secret);
    v.checklist.claims = v.checklist.host_paths.clone();
    v.checklist.service_accounts.push(report::AccountStep {
        name: "runner".into(),
        roles: Vec::new(),
        used_by: Default::default(),
    });
    v.definitions[0].called_by_more = 7;
    v.definitions[0].templates.clear();
    v.definitions[0].inlined_into = v.graphs[0].workflows.clone();
    v.definitions[1].templates.clear();
    v.graphs[0].jobs_more = 5;
    v.graphs[0].mermaid_jobs = 0;
    v.graphs[0].layout.cyclic = true;
    v.graphs[0].layout.jobs += 10;
    v.options.self_contained = true;
    v.other.push(report::FileFindings {
        file: None,
        findings: v.definitions[0].findings.clone(),
    });
    variants.push(v);
    let mut v = base.clone();
    v.checklist = Default::default();
    v.definitions.clear();
    v.graphs.clear();
    v.other.clear();
    v.summary.kinds.clear();
    variants.push(v);
    for (i, v) in variants.iter().enumerate() {
        for format in [Format::Markdown, Format::Html] {
            if let Err(e) = report::render(v, format) {
                panic!("variant {i}, {format:?}: {e}");
            }
        }
    }
}

/// Every fixture, whatever it holds (errors, queues, hostile names, a 10,000-job chain), gives
/// a report in both formats that places every finding: no template error and no panic.
/// (`fixtures/malformed/` is left out but for its chain: its other cases stop at parsing, and
/// one of them costs seconds to parse.)
#[test]
fn every_fixture_has_a_report() {
    let mut cases: Vec<PathBuf> = ["convert", "codes", "queues", "report"]
        .iter()
        .flat_map(|folder| super::fixtures::cases(folder))
        .collect();
    cases.push(super::root().join("fixtures/malformed/long-chain"));
    let mut rendered = 0;
    for case in cases {
        let options = super::fixtures::options_for(&case);
        let Ok(result) = crate::convert(&[super::relative(&case)], &options, Output::Yaml) else {
            continue; // unreadable on purpose: no conversion, no report
        };
        let outcome = if result.has_errors() {
            Outcome::NotWritten
        } else {
            out_dir()
        };
        let r = report::build(&result, &options, &outcome);
        assert_eq!(
            r.definitions.len() + r.graphs.len(),
            result.project.job_definitions.len() + result.project.graphs.len()
        );
        let placed: usize = r
            .definitions
            .iter()
            .map(|d| d.findings.len())
            .chain(r.graphs.iter().map(|g| g.findings.len()))
            .chain(r.other.iter().map(|o| o.findings.len()))
            .sum();
        assert_eq!(
            placed,
            result.diagnostics.len(),
            "{}: a finding is lost",
            case.display()
        );
        for format in [Format::Markdown, Format::Html] {
            if let Err(e) = report::render(&r, format) {
                panic!("{}: {e}", case.display());
            }
        }
        rendered += 1;
    }
    assert!(rendered > 150, "{rendered}");
}

/// The HTML page loads nothing and runs nothing: no script, no `src`, links only inside the
/// page, and the Content Security Policy that forbids the rest.
#[test]
fn the_html_report_is_self_contained() {
    let paths = [PathBuf::from("fixtures/report/hostile-names")];
    let html = render(
        &report_of(&paths, &Options::default(), &Outcome::NotWritten),
        Format::Html,
    );
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains(" src="), "something is loaded");
    assert!(!lower.contains("url(h"), "a stylesheet loads something");
    assert!(!lower.contains("@import"));
    for href in lower.split(" href=\"").skip(1) {
        assert!(href.starts_with('#'), "a link out of the page: {href:.40}");
    }
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    assert!(html.contains("&lt;script&gt;alert(&#x27;definition&#x27;)&lt;/script&gt;"));
    assert!(html.contains("@media print"));
}

/// One SVG box per job, named after it, in the fixture the Chromium check opens.
#[test]
fn the_svg_has_one_box_per_job() {
    let paths = [PathBuf::from("fixtures/convert/diamond-array-n-to-n")];
    let r = report_of(&paths, &Options::default(), &out_dir());
    let html = render(&r, Format::Html);
    let boxes = html.matches("<g class=\"job").count();
    assert_eq!(boxes, 8);
    assert_eq!(html.matches("<g class=\"job array\"").count(), 3);
    assert_eq!(html.matches("<g class=\"edge n-to-n\"").count(), 2);
    let layout = &r.graphs[0].layout;
    let layers: Vec<(&str, usize)> = layout
        .nodes
        .iter()
        .map(|n| (n.name.as_str(), n.layer))
        .collect();
    assert_eq!(
        layers,
        [
            ("fetch-reads", 0),
            ("quality-control", 1),
            ("index-reference", 1),
            ("align", 2),
            ("call-variants", 3),
            ("annotate", 4),
            ("merge", 5),
            ("summary", 6),
        ]
    );
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn convert_writes_the_report_beside_the_manifests() {
    let dir = scratch();
    let (out, md) = (dir.join("argo"), dir.join("reports/migration.md"));
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/map-reduce",
        "-o",
        s(&out),
        "--report",
        s(&md),
    ]);
    assert_eq!(r.status, ExitStatus::Success, "{}", r.stderr);
    assert!(r.stderr.contains("wrote the report to"), "{}", r.stderr);
    let text = std::fs::read_to_string(&md).expect("the report");
    assert!(text.starts_with("# Migration report\n"));
    assert!(text.contains(&format!("**4 objects written to `{}`**", out.display())));
    assert!(text.contains("```mermaid\nflowchart TD\n"));
    // The report is exactly what the library renders for this run, and left no temp file.
    assert_eq!(names_in(&dir.join("reports")), ["migration.md"]);
    let options = Options::default();
    let expected = render(
        &report_of(
            &[PathBuf::from("fixtures/convert/map-reduce")],
            &options,
            &Outcome::Directory(out.display().to_string()),
        ),
        Format::Markdown,
    );
    assert!(
        text == expected,
        "the CLI's report differs from the library's"
    );
    // To standard output, the manifests are printed and the report says so.
    let html = dir.join("r.html");
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--report",
        s(&html),
    ]);
    assert_eq!(r.status, ExitStatus::Success);
    assert!(r.stdout.contains("kind: WorkflowTemplate"));
    let text = std::fs::read_to_string(&html).expect("the report");
    assert!(text.starts_with("<!DOCTYPE html>"));
    assert!(text.contains("2 objects printed on standard output."));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_conversion_still_writes_its_report() {
    let dir = scratch();
    let (out, md) = (dir.join("argo"), dir.join("report.md"));
    let r = batch2argo(&[
        "convert",
        "fixtures/codes/B2A202",
        "-o",
        s(&out),
        "--report",
        s(&md),
        "--message-format",
        "json",
    ]);
    assert_eq!(r.status, ExitStatus::Findings);
    assert!(!out.exists(), "nothing is written on errors");
    let text = std::fs::read_to_string(&md).expect("the report");
    assert!(text.contains("> **Nothing was written.** The conversion found 1 error."));
    assert!(text.contains("- **error B2A202**: the dependencies form a cycle"));
    assert!(text.contains("Nothing was written, so there is nothing to set up yet."));
    // Machine formats keep standard error parseable: no summary line about the report.
    assert!(serde_json::from_str::<serde_json::Value>(&r.stderr).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_format_comes_from_the_flag_or_the_extension() {
    let dir = scratch();
    let txt = dir.join("report.txt");
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--report",
        s(&txt),
    ]);
    assert_eq!(r.status, ExitStatus::Failure);
    assert!(r.stderr.contains("--report-format md|html"), "{}", r.stderr);
    assert!(r.stdout.is_empty() && !txt.exists(), "nothing ran");
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--report",
        s(&txt),
        "--report-format",
        "md",
    ]);
    assert_eq!(r.status, ExitStatus::Success);
    let text = std::fs::read_to_string(&txt).expect("the report");
    assert!(text.starts_with("# Migration report"));
    let upper = dir.join("REPORT.HTM");
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--report",
        s(&upper),
    ]);
    assert_eq!(r.status, ExitStatus::Success);
    assert!(std::fs::read_to_string(&upper)
        .expect("the report")
        .starts_with("<!DOCTYPE html>"));
    // The format flag alone, or an unknown format, is a usage error.
    assert!(Args::try_parse_from(["batch2argo", "convert", "x", "--report-format", "md"]).is_err());
    assert!(Args::try_parse_from([
        "batch2argo",
        "convert",
        "x",
        "--report",
        "r.pdf",
        "--report-format",
        "pdf"
    ])
    .is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_report_that_cannot_be_written_fails_the_run_and_leaves_no_temp_file() {
    let dir = scratch();
    // A directory where the report should go: the rename onto it fails.
    let target = dir.join("taken.md");
    std::fs::create_dir_all(target.join("inside")).expect("dir");
    let r = batch2argo(&[
        "convert",
        "fixtures/convert/hello-world",
        "--report",
        s(&target),
    ]);
    assert_eq!(r.status, ExitStatus::Failure);
    assert!(r.stderr.contains("cannot write the report"), "{}", r.stderr);
    assert_eq!(names_in(&dir), ["taken.md"]);
    let _ = std::fs::remove_dir_all(&dir);
}
