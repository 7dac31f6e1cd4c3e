//! Arbitrary bytes as a CloudFormation template (read as `.yaml` and as `.json`), through the
//! source stage with parameters forced to the CloudFormation dialect and on through lowering and
//! emission. Any panic is a bug: every problem must be a diagnostic.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use batch2argo::diagnostics::Diagnostics;
use batch2argo::emit::Format;
use batch2argo::lower::Options;
use batch2argo::source::discover::Input;
use batch2argo::source::{load_contents_with, ReadOptions};
use libfuzzer_sys::fuzz_target;

fn run(name: &str, bytes: &[u8], read: &ReadOptions) {
    let input = Input {
        display: name.to_string(),
        path: PathBuf::from(name),
        explicit: true,
    };
    let loaded = load_contents_with(vec![(input, bytes.to_vec())], Diagnostics::new(), read);
    let _ = batch2argo::convert_loaded(loaded, &Options::default(), Format::Yaml);
}

fuzz_target!(|data: &[u8]| {
    let mut params = BTreeMap::new();
    params.insert("Env".to_string(), "prod".to_string());
    params.insert("AWS::Region".to_string(), "eu-west-1".to_string());
    let detected = ReadOptions::default();
    let forced = ReadOptions {
        dialect: Some("cloudformation".to_string()),
        params,
        ..ReadOptions::default()
    };
    run("template.yaml", data, &detected);
    run("template.json", data, &forced);
    // The dialect's loader on every document, detected or not, so the resolver meets every shape.
    if let Ok(text) = std::str::from_utf8(data) {
        let file = batch2argo::diagnostics::FileId(0);
        let parsed = batch2argo::source::syntax::parse(file, "template.yaml", text);
        for doc in &parsed.documents {
            let mut project = batch2argo::ir::Project::default();
            let mut diags = Diagnostics::new();
            batch2argo::source::cloudformation::load(
                file,
                "template",
                doc,
                &mut project,
                &mut diags,
                &forced,
            );
        }
    }
});
