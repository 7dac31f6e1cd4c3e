//! Arbitrary bytes as a `.tf` file and as a `.tf.json` file, through the loader and lowering.
#![no_main]

use batch2argo::diagnostics::Diagnostics;
use batch2argo::source::discover::Input;
use batch2argo::source::{load_contents_with, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz-input/main.tf", "fuzz-input/main.tf.json"] {
        let input = Input {
            display: name.to_string(),
            path: name.into(),
            explicit: true,
        };
        let loaded = load_contents_with(
            vec![(input, data.to_vec())],
            Diagnostics::new(),
            &ReadOptions::default(),
        );
        let _ = batch2argo::convert_loaded(
            loaded,
            &batch2argo::lower::Options::default(),
            batch2argo::emit::Format::Yaml,
        );
    }
});
