//! The Terraform dialect through the public pipeline, on `fixtures/terraform/`.

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostics};
use crate::source::discover::Input;
use crate::source::{load_contents_with, Loaded, ReadOptions};

fn load_with(paths: &[&str], read: &ReadOptions) -> Loaded {
    let contents = paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            (
                Input {
                    display: p.to_string(),
                    path: PathBuf::from(p),
                    explicit: true,
                },
                bytes,
            )
        })
        .collect();
    load_contents_with(contents, Diagnostics::new(), read)
}

fn load(paths: &[&str]) -> Loaded {
    load_with(paths, &ReadOptions::default())
}

/// `(code, line)` of every diagnostic, in order.
fn found(l: &Loaded) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = l
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.origin.as_ref().map_or(0, |o| {
                l.files
                    .get(o.file)
                    .map_or(0, |f| f.line_col(o.span.start).0)
            });
            (d.code.as_str().to_string(), line)
        })
        .collect();
    v.sort();
    v
}

fn dump(l: &Loaded) -> String {
    l.diagnostics
        .iter()
        .map(|d| {
            let line = d.origin.as_ref().map_or(0, |o| {
                l.files
                    .get(o.file)
                    .map_or(0, |f| f.line_col(o.span.start).0)
            });
            format!("{} line {line}: {}\n", d.code.as_str(), d.message)
        })
        .collect()
}

fn codes(l: &Loaded) -> Vec<(String, usize)> {
    found(l)
}

fn pair(code: Code, line: usize) -> (String, usize) {
    (code.as_str().to_string(), line)
}

#[test]
fn heredoc_job_definition_reads_like_its_api_request() {
    let l = load(&["fixtures/terraform/docs/job_definition_heredoc.tf"]);
    assert!(l.diagnostics.is_empty(), "{}", dump(&l));
    let jd = &l.project.job_definitions[0];
    assert_eq!(jd.name.value, "list_tmp");
    // The same definition written as an API request gives the same IR content.
    let api = r#"{"jobDefinitionName": "list_tmp", "type": "container", "containerProperties": {
      "command": ["ls", "-la", "/tmp"], "image": "busybox:1.36",
      "resourceRequirements": [{"type": "VCPU", "value": "1"}, {"type": "MEMORY", "value": "1024"}],
      "volumes": [{"host": {"sourcePath": "/tmp"}, "name": "scratch"}],
      "environment": [{"name": "MODE", "value": "verbose"}],
      "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/tmp", "readOnly": false}],
      "ulimits": [{"hardLimit": 1024, "name": "nofile", "softLimit": 1024}]}}"#;
    let contents = vec![(
        Input {
            display: "api.json".into(),
            path: PathBuf::from("api.json"),
            explicit: true,
        },
        api.as_bytes().to_vec(),
    )];
    let a = load_contents_with(contents, Diagnostics::new(), &ReadOptions::default());
    let emit = |l: Loaded| {
        let r = crate::convert_loaded(
            l,
            &crate::lower::Options::default(),
            crate::emit::Format::Yaml,
        );
        r.documents
            .iter()
            .map(|d| {
                d.text
                    .replace("fixtures/terraform/docs/job_definition_heredoc.tf", "SRC")
                    .replace("api.json", "SRC")
            })
            .collect::<Vec<_>>()
    };
    let tf = load(&["fixtures/terraform/docs/job_definition_heredoc.tf"]);
    assert_eq!(emit(a), emit(tf));
}

#[test]
fn converted_job_definitions_become_workflow_templates() {
    let dir = "fixtures/terraform/docs/job_definition_heredoc.tf";
    let r = crate::convert(
        &[PathBuf::from(dir)],
        &crate::lower::Options::default(),
        crate::emit::Format::Yaml,
    )
    .expect("converts");
    assert!(!r.has_errors());
    let doc = r
        .documents
        .iter()
        .find(|d| d.path.starts_with("workflowtemplates/"))
        .expect("a template");
    assert!(doc.text.contains("busybox:1.36"), "{}", doc.text);
    assert!(doc.text.contains("memory: 1024Mi"), "{}", doc.text);
}

#[test]
fn a_computed_attribute_of_another_resource_is_refused_on_its_line() {
    let l = load(&["fixtures/terraform/docs/fargate_iam_ref.tf"]);
    assert_eq!(codes(&l), vec![pair(Code::TerraformUnknownValue, 21)]);
    assert!(l.project.job_definitions.is_empty());
}

#[test]
fn eks_blocks_and_compute_queue_policy_references() {
    let l = load(&["fixtures/terraform/docs/eks.tf"]);
    assert!(l.diagnostics.is_empty(), "{}", dump(&l));
    assert_eq!(l.project.job_definitions.len(), 1);
    let l = load(&["fixtures/terraform/docs/compute_queue.tf"]);
    assert!(l.diagnostics.is_empty(), "{}", dump(&l));
    let q = &l.project.queues[0];
    assert_eq!(q.name.value, "main-queue");
    assert_eq!(
        q.compute_environment_order[0].1.value,
        "arn:aws:batch:::compute-environment/spot-pool"
    );
    assert_eq!(
        q.scheduling_policy_arn.as_ref().map(|t| t.value.as_str()),
        Some("arn:aws:batch:::scheduling-policy/fair-share")
    );
    assert_eq!(l.project.compute_environments.len(), 1);
    assert_eq!(l.project.scheduling_policies.len(), 1);
}

#[test]
fn deprecated_compute_environments_keep_their_order() {
    let l = load(&["fixtures/terraform/docs/queue_deprecated.tf"]);
    assert_eq!(codes(&l), vec![pair(Code::TerraformDeprecated, 11)]);
    let q = &l.project.queues[0];
    assert_eq!(q.compute_environment_order.len(), 1);
    assert_eq!(q.compute_environment_order[0].0.value, 0);
}

#[test]
fn variables_locals_and_files_across_a_module_folder() {
    let l = load(&["fixtures/terraform/module/main.tf"]);
    let names: Vec<&str> = l
        .project
        .job_definitions
        .iter()
        .map(|j| j.name.value.as_str())
        .collect();
    assert_eq!(names, ["genomics-align", "genomics-index"], "{}", dump(&l));
    // Numbers in jsonencode: AWS wants strings; reported on the line of the number.
    assert_eq!(
        codes(&l),
        vec![
            pair(Code::ScalarAsString, 16),
            pair(Code::ScalarAsString, 17)
        ]
    );
    // -var beats the default.
    let mut read = ReadOptions::default();
    read.vars.insert("image".into(), "example/align:2.0".into());
    read.vars.insert("attempts".into(), "5".into());
    let l = load_with(&["fixtures/terraform/module/main.tf"], &read);
    let jd = format!("{:?}", l.project.job_definitions[0]);
    assert!(jd.contains("example/align:2.0"), "{jd}");
    assert!(jd.contains("attempts: Some(Spanned { value: 5"), "{jd}");
}

#[test]
fn json_errors_inside_heredocs_and_strings_point_at_the_tf_line() {
    let l = load(&["fixtures/terraform/bad_heredoc.tf"]);
    assert!(
        codes(&l).contains(&pair(Code::TerraformJsonString, 9)),
        "{}",
        dump(&l)
    );
    let l = load(&["fixtures/terraform/bad_string.tf"]);
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TerraformJsonString)
        .expect("B2A624");
    let o = d.origin.as_ref().expect("origin");
    let (line, col) = l.files.get(o.file).expect("file").line_col(o.span.start);
    // The `"x"` after the missing comma, on line 4, escapes counted.
    assert_eq!(line, 4);
    let text = std::fs::read_to_string("fixtures/terraform/bad_string.tf").expect("read");
    let line4 = text.lines().nth(3).expect("line 4");
    assert_eq!(&line4[col - 1..col + 3], "\\\"x\\", "{col}");
}

#[test]
fn tf_json_and_show_json_read_like_hcl() {
    let l = load(&["fixtures/terraform/jobs.tf.json"]);
    assert!(l.diagnostics.is_empty(), "{}", dump(&l));
    assert!(format!("{:?}", l.project.job_definitions[0]).contains("busybox:1.36"));
    let l = load(&["fixtures/terraform/show-state.json"]);
    assert!(l.diagnostics.is_empty(), "{}", dump(&l));
    assert_eq!(l.project.job_definitions.len(), 1);
    assert_eq!(l.project.queues.len(), 1);
}

#[test]
fn every_terraform_code_fixture_triggers_its_code() {
    for (code, file, line) in [
        (Code::TerraformSyntax, "B2A620.tf", 3),
        (Code::TerraformUndefined, "B2A622.tf", 4),
        (Code::TerraformCycle, "B2A623.tf", 3),
        (Code::TerraformUnknownArgument, "B2A626.tf", 5),
        (Code::TerraformFile, "B2A627.tf", 4),
        (Code::TerraformNoBatch, "B2A628.tf", 1),
    ] {
        let l = load(&[&format!("fixtures/codes/{file}")]);
        assert!(
            codes(&l).contains(&pair(code, line)),
            "{file}: {}",
            dump(&l)
        );
    }
}

#[test]
fn hostile_input_is_diagnosed_not_panicked() {
    for text in [
        "locals { a = local.a }\nresource \"aws_batch_job_queue\" \"q\" { name = local.a }",
        "resource \"aws_batch_job_queue\" \"q\" { name = aws_batch_job_queue.q.name }",
        &format!(
            "resource \"aws_batch_job_queue\" \"q\" {{ name = {}1{} }}",
            "(".repeat(200),
            ")".repeat(200)
        ),
        "resource \"aws_batch_job_queue\" \"q\" { name = file(\"/etc/passwd\") }",
        "resource \"aws_batch_job_queue\" \"q\" { count = 100000000 }",
    ] {
        let contents = vec![(
            Input {
                display: "fixtures/terraform/h.tf".into(),
                path: PathBuf::from("fixtures/terraform/h.tf"),
                explicit: true,
            },
            text.as_bytes().to_vec(),
        )];
        let l = load_contents_with(contents, Diagnostics::new(), &ReadOptions::default());
        assert!(!l.diagnostics.is_empty(), "{text}");
        assert!(l.project.queues.is_empty());
    }
}
