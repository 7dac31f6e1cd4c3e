//! The `batch2argo` command: parse the arguments, run, exit with the status.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = batch2argo::cli::Args::parse();
    let status = batch2argo::cli::run(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status as u8)
}
