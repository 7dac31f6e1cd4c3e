//! Failures that stop a run (exit code 2). Findings about the input are diagnostics instead.

use thiserror::Error;

#[derive(Debug, Error, miette::Diagnostic)]
pub enum Error {
    #[error("cannot read `{path}`: {source}")]
    #[diagnostic(code(batch2argo::io))]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot walk `{path}`: {message}")]
    #[diagnostic(code(batch2argo::io))]
    Walk { path: String, message: String },
    #[error("cannot write `{path}`: {source}")]
    #[diagnostic(code(batch2argo::io))]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the embedded Argo schema cannot be used: {0}")]
    #[diagnostic(code(batch2argo::internal))]
    Schema(String),
    #[error("{0}")]
    #[diagnostic(code(batch2argo::usage))]
    Usage(String),
}
