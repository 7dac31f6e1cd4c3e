//! The dialect through the public pipeline: fixtures of `fixtures/cloudformation/` converted with
//! and without `--param` values, and compared with the API request files they stand for.

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::emit::Format;
use crate::lower::{Options, Queueing};
use crate::source::discover::Input;
use crate::source::{load_contents_with, ReadOptions};
use crate::Conversion;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Converts `text` as the file `display`, with `params`.
fn convert_text(
    display: &str,
    text: &str,
    params: &[(&str, &str)],
    options: &Options,
) -> Conversion {
    let input = Input {
        display: display.to_string(),
        path: PathBuf::from(display),
        explicit: true,
    };
    let read = ReadOptions {
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ..ReadOptions::default()
    };
    let loaded = load_contents_with(
        vec![(input, text.as_bytes().to_vec())],
        Diagnostics::new(),
        &read,
    );
    crate::convert_loaded(loaded, options, Format::Yaml)
}

fn convert(fixture: &str, params: &[(&str, &str)]) -> Conversion {
    let path = format!("fixtures/cloudformation/{fixture}");
    let text =
        std::fs::read_to_string(root().join(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    convert_text(&path, &text, params, &Options::default())
}

fn codes(c: &Conversion) -> Vec<&'static str> {
    c.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn count(c: &Conversion, code: Code) -> usize {
    c.diagnostics.iter().filter(|d| d.code == code).count()
}

fn all_text(c: &Conversion) -> String {
    c.documents.iter().map(|d| d.text.as_str()).collect()
}

/// The line of the template a diagnostic of `code` points at (1-based).
fn line_of(c: &Conversion, code: Code) -> Vec<usize> {
    c.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| {
            let o = d.origin.as_ref()?;
            let f = c.files.get(o.file)?;
            Some(f.text[..o.span.start as usize].matches('\n').count() + 1)
        })
        .collect()
}

fn errors(c: &Conversion) -> Vec<String> {
    c.diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect()
}

fn env<'a>(c: &'a Conversion, name: &str) -> Option<&'a str> {
    let def = c.project.job_definitions.first()?;
    let crate::ir::JobSpec::Container(container) = &def.spec else {
        return None;
    };
    container
        .environment
        .iter()
        .find(|kv| kv.key.value == name)
        .map(|kv| kv.value.value.as_str())
}

#[test]
fn short_form_intrinsics_evaluate() {
    let c = convert("intrinsics-short.yaml", &[]);
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    // The stack name and the region were assumed, once each.
    assert_eq!(
        count(&c, Code::CfnAssumedPseudoParameter),
        2,
        "{:?}",
        codes(&c)
    );
    assert!(
        !codes(&c).contains(&"B2A005"),
        "CloudFormation scalars are not B2A005"
    );
    let def = &c.project.job_definitions[0];
    assert_eq!(def.name.value, "intrinsics-short-align-dev");
    assert_eq!(env(&c, "STAGE"), Some("development"));
    assert_eq!(env(&c, "LITERAL"), Some("cost ${Total} in us-east-1"));
    assert_eq!(env(&c, "VARS"), Some("hello, dev"));
    assert_eq!(env(&c, "ENCODED"), Some("ZWNobyBoaQ=="));
    assert_eq!(env(&c, "PROD_ONLY"), None);
    let text = all_text(&c);
    assert!(
        text.contains("image: public.ecr.aws/example/aligner:1.4-rc"),
        "{text}"
    );
    assert!(text.contains("memory: 2048Mi"), "{text}");
    assert!(text.contains("value: samtools"), "{text}");
    assert!(text.contains("\\\"CostCenter\\\":\\\"42\\\""), "{text}");
}

#[test]
fn long_form_intrinsics_evaluate_with_parameter_overrides() {
    let c = convert(
        "intrinsics-long.json",
        &[
            ("Env", "prod"),
            ("AWS::StackName", "genomics"),
            ("AWS::Region", "eu-west-1"),
        ],
    );
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert_eq!(count(&c, Code::CfnAssumedPseudoParameter), 0);
    assert_eq!(
        c.project.job_definitions[0].name.value,
        "genomics-align-prod"
    );
    assert_eq!(env(&c, "STAGE"), Some("production"));
    assert_eq!(env(&c, "PROD_ONLY"), Some("1"));
    assert_eq!(env(&c, "BOTH"), Some("no"));
    assert_eq!(env(&c, "LITERAL"), Some("cost ${Total} in eu-west-1"));
    let text = all_text(&c);
    assert!(
        text.contains("image: public.ecr.aws/example/aligner:1.3"),
        "{text}"
    );
    assert!(text.contains("memory: 8192Mi"), "{text}");
    assert!(text.contains("privileged: true") || !text.contains("privileged: false"));
}

#[test]
fn short_and_long_forms_agree() {
    let short = convert("intrinsics-short.yaml", &[("AWS::StackName", "s")]);
    let long = convert("intrinsics-long.json", &[("AWS::StackName", "s")]);
    for name in ["STAGE", "LITERAL", "VARS", "ENCODED", "PROD_ONLY"] {
        assert_eq!(env(&short, name), env(&long, name), "{name}");
    }
    assert_eq!(
        short.project.job_definitions[0].name.value,
        long.project.job_definitions[0].name.value
    );
}

/// The API request files a template stands for.
const CROSS_REFERENCES_AS_API: &str = r#"
computeEnvironmentName: spot
type: MANAGED
state: ENABLED
computeResources:
  type: SPOT
  allocationStrategy: SPOT_CAPACITY_OPTIMIZED
  minvCpus: 0
  maxvCpus: 256
  instanceTypes: [optimal]
---
computeEnvironmentName: on-demand
type: MANAGED
computeResources:
  type: EC2
  maxvCpus: 64
  instanceTypes: [m6i.large]
---
name: research
fairsharePolicy:
  shareDecaySeconds: 3600
  computeReservation: 10
  shareDistribution:
    - shareIdentifier: genomics
      weightFactor: 0.5
    - shareIdentifier: imaging
      weightFactor: 2
---
jobQueueName: research
priority: 10
schedulingPolicyArn: arn:aws:batch:us-east-1:123456789012:scheduling-policy/research
computeEnvironmentOrder:
  - order: 1
    computeEnvironment: arn:aws:batch:us-east-1:123456789012:compute-environment/spot
  - order: 2
    computeEnvironment: arn:aws:batch:us-east-1:123456789012:compute-environment/on-demand
---
jobDefinitionName: count
type: container
schedulingPriority: 5
containerProperties:
  image: busybox:1.36
  command: [wc, -l, /etc/passwd]
  resourceRequirements:
    - {type: VCPU, value: "1"}
    - {type: MEMORY, value: "512"}
  environment:
    - name: QUEUE_ARN
      value: arn:aws:batch:us-east-1:123456789012:job-queue/research
    - name: SELF
      value: arn:aws:batch:us-east-1:123456789012:job-definition/count:1
"#;

#[test]
fn a_template_converts_as_the_api_files_it_stands_for() {
    let options = Options {
        queueing: Queueing::Kueue,
        ..Options::default()
    };
    let template =
        std::fs::read_to_string(root().join("fixtures/cloudformation/cross-references.yaml"))
            .expect("fixture");
    let params = [
        ("AWS::Region", "us-east-1"),
        ("AWS::AccountId", "123456789012"),
    ];
    let cfn = convert_text("same.yaml", &template, &params, &options);
    let api = convert_text("same.yaml", CROSS_REFERENCES_AS_API, &[], &options);
    assert!(errors(&cfn).is_empty(), "{:#?}", errors(&cfn));
    assert!(!cfn.documents.is_empty());
    assert_eq!(cfn.project.queues.len(), 1);
    assert_eq!(cfn.project.compute_environments.len(), 2);
    assert_eq!(cfn.project.scheduling_policies.len(), 1);
    assert_eq!(env(&cfn, "QUEUE_ARN"), env(&api, "QUEUE_ARN"));
    assert_eq!(env(&cfn, "SELF"), env(&api, "SELF"));
    let names =
        |c: &Conversion| -> Vec<String> { c.documents.iter().map(|d| d.path.clone()).collect() };
    assert_eq!(names(&cfn), names(&api));
    for (a, b) in cfn.documents.iter().zip(&api.documents) {
        assert_eq!(a.text, b.text, "{}", a.path);
    }
    // The diagnostics agree too, except where the API file's own spelling differs.
    let cfn_codes: Vec<&str> = codes(&cfn);
    let api_codes: Vec<&str> = codes(&api);
    assert_eq!(cfn_codes, api_codes);
}

#[test]
fn generated_names_are_deterministic_and_linked() {
    let c = convert("generated-names.yaml", &[("AWS::StackName", "etl")]);
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert_eq!(count(&c, Code::CfnGeneratedName), 3, "{:?}", codes(&c));
    let def = &c.project.job_definitions[0].name.value;
    assert!(
        def.starts_with("etl-ProcessJob-") && def.len() == "etl-ProcessJob-".len() + 13,
        "{def}"
    );
    let ce = &c.project.compute_environments[0].name.value;
    // The queue's Ref resolves to the CE's generated name.
    let order = &c.project.queues[0].compute_environment_order;
    assert!(
        order[0]
            .1
            .value
            .ends_with(&format!("compute-environment/{ce}")),
        "{:?}",
        order[0].1.value
    );
    let again = convert("generated-names.yaml", &[("AWS::StackName", "etl")]);
    assert_eq!(&again.project.job_definitions[0].name.value, def);
    // Without a stack name, the file name is the stack, with a warning.
    let assumed = convert("generated-names.yaml", &[]);
    assert_eq!(
        count(&assumed, Code::CfnAssumedPseudoParameter),
        3,
        "{:?}",
        codes(&assumed)
    );
    assert!(assumed.project.job_definitions[0]
        .name
        .value
        .starts_with("generated-names-ProcessJob-"));
}

#[test]
fn parameters_take_defaults_and_overrides() {
    // ImageTag has no default: an error at its use, the image is left out.
    let missing = convert("parameters.yaml", &[]);
    assert_eq!(
        count(&missing, Code::CfnUnresolved),
        1,
        "{:#?}",
        errors(&missing)
    );
    assert_eq!(line_of(&missing, Code::CfnUnresolved), vec![28]);
    let c = convert(
        "parameters.yaml",
        &[
            ("ImageTag", "2.1"),
            ("Queue", "priority"),
            ("AWS::Region", "eu-central-1"),
        ],
    );
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    let def = &c.project.job_definitions[0];
    assert_eq!(def.name.value, "render-priority");
    assert_eq!(def.timeout.as_ref().map(|t| t.value), Some(3600));
    assert_eq!(env(&c, "FIRST_SUBNET"), Some("subnet-aaa"));
    assert_eq!(env(&c, "REGION"), Some("eu-central-1"));
    let text = all_text(&c);
    assert!(text.contains("image: example/render:2.1"), "{text}");
    assert!(text.contains("cpu: \"4\""), "{text}");
    // A value outside AllowedValues is refused where it was given.
    let bad = convert(
        "parameters.yaml",
        &[("ImageTag", "2.1"), ("Queue", "urgent")],
    );
    assert_eq!(count(&bad, Code::CfnParameterValue), 1, "{:?}", codes(&bad));
    let bad_number = convert(
        "parameters.yaml",
        &[("ImageTag", "2.1"), ("Workers", "many")],
    );
    assert_eq!(
        count(&bad_number, Code::CfnParameterValue),
        1,
        "{:?}",
        codes(&bad_number)
    );
}

#[test]
fn non_batch_resources_are_one_note_and_their_values_are_errors() {
    let c = convert("non-batch-resources.yaml", &[]);
    assert_eq!(count(&c, Code::CfnIgnoredResources), 1);
    // `${Results}`, `JobRole.Arn` and `Ref Logs`: three values only known at deploy time.
    assert_eq!(count(&c, Code::CfnUnresolved), 3, "{:#?}", errors(&c));
    assert_eq!(line_of(&c, Code::CfnUnresolved), vec![23, 24, 31]);
    // Given on the command line, they convert.
    let c = convert(
        "non-batch-resources.yaml",
        &[
            ("Results", "my-results"),
            ("JobRole.Arn", "arn:aws:iam::123456789012:role/export"),
            ("Logs", "/batch/export"),
            ("AWS::Region", "us-west-2"),
        ],
    );
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert!(all_text(&c).contains("s3://my-results/out"));
}

#[test]
fn a_serverless_transform_is_reported_and_the_batch_resources_read() {
    let c = convert("serverless-transform.yaml", &[]);
    assert_eq!(count(&c, Code::CfnTransform), 1);
    assert_eq!(count(&c, Code::CfnIgnoredResources), 1);
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert_eq!(c.project.job_definitions[0].name.value, "nightly-report");
}

#[test]
fn aws_documentation_examples_convert() {
    let gpu = convert("aws-docs-gpu-job-definition.yaml", &[]);
    assert!(errors(&gpu).is_empty(), "{:#?}", errors(&gpu));
    assert!(
        all_text(&gpu).contains("nvidia.com/gpu"),
        "{}",
        all_text(&gpu)
    );
    let ce = convert("aws-docs-managed-ce.json", &[]);
    assert!(errors(&ce).is_empty(), "{:#?}", errors(&ce));
    assert_eq!(ce.project.compute_environments.len(), 2);
    // ReplaceComputeEnvironment and UpdateToLatestImageVersion are CloudFormation's own.
    assert_eq!(count(&ce, Code::CfnOnlyProperty), 2);
    assert_eq!(ce.project.queues[0].compute_environment_order.len(), 2);
}

#[test]
fn the_blog_stack_is_refused_precisely_then_converts_with_params() {
    let refused = convert("aws-blog-hello-world-stack.yaml", &[]);
    // ServiceRole, Subnets[0], SecurityGroupIds[0], InstanceRole: deploy-time values.
    assert_eq!(
        line_of(&refused, Code::CfnUnresolved),
        vec![71, 78, 79, 80],
        "{:#?}",
        errors(&refused)
    );
    assert_eq!(count(&refused, Code::CfnIgnoredResources), 1);
    let params = [
        (
            "BatchServiceRole.Arn",
            "arn:aws:iam::123456789012:role/batch",
        ),
        ("Subnet", "subnet-1"),
        ("SecurityGroup", "sg-1"),
        ("InstanceProfile", "ecsInstanceProfile"),
        ("AWS::StackName", "hello"),
        ("AWS::Region", "us-east-2"),
        ("AWS::AccountId", "111122223333"),
    ];
    let c = convert("aws-blog-hello-world-stack.yaml", &params);
    assert!(errors(&c).is_empty(), "{:#?}", errors(&c));
    assert_eq!(c.project.job_definitions[0].name.value, "HelloWorld-hello");
    assert!(all_text(&c)
        .contains("image: 111122223333.dkr.ecr.us-east-2.amazonaws.com/amazonlinux:latest"));
    assert_eq!(c.project.queues[0].name.value, "HelloQueue-hello");
}

#[test]
fn hostile_templates_are_diagnosed_not_crashed() {
    // Names that refer to each other, doubling at each step.
    let mut text = String::from("Resources:\n");
    for i in 0..40 {
        text.push_str(&format!(
            "  Q{i}:\n    Type: AWS::Batch::JobQueue\n    Properties:\n      JobQueueName: !Sub \"${{Q{}}}${{Q{}}}\"\n",
            i + 1,
            i + 1
        ));
    }
    text.push_str(
        "  Q40:\n    Type: AWS::Batch::JobQueue\n    Properties:\n      JobQueueName: x\n",
    );
    let c = convert_text("hostile.yaml", &text, &[], &Options::default());
    assert!(c.has_errors());
    // A self-referencing name.
    let c = convert_text(
        "cycle.yaml",
        "Resources:\n  A:\n    Type: AWS::Batch::JobQueue\n    Properties:\n      JobQueueName: !Ref A\n",
        &[],
        &Options::default(),
    );
    assert!(codes(&c).contains(&"B2A608"), "{:?}", codes(&c));
    // Deeply nested functions.
    let deep = format!(
        "Resources:\n  J:\n    Type: AWS::Batch::JobDefinition\n    Properties:\n      JobDefinitionName: {}x{}\n",
        "{\"Fn::Base64\": ".repeat(120),
        "}".repeat(120)
    );
    let c = convert_text("deep.yaml", &deep, &[], &Options::default());
    assert!(c.has_errors());
    // Wrong shapes everywhere.
    for text in [
        "AWSTemplateFormatVersion: x\nResources: []\n",
        "AWSTemplateFormatVersion: x\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: [1]}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: !Ref AWS::NoValue}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Condition: [x], Properties: {}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Join [1, 2]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Sub [1, 2, 3]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Select [a, [b]]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !GetAtt [J]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Foo x}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Equals [a, a]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !If [C, a, b]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !FindInMap [M, a, b]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Split ['', b]}}\n",
        "Resources:\n  J: {Type: AWS::Batch::JobDefinition, Properties: {Type: !Sub '${unterminated'}}\n",
    ] {
        let c = convert_text("shape.yaml", text, &[], &Options::default());
        assert!(c.has_errors(), "{text}: {:?}", codes(&c));
    }
}
