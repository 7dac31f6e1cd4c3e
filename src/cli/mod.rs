//! The command line: argument parsing and orchestration. The only code that prints.
//!
//! Exit codes: 0 success (warnings allowed), 1 error-level findings (nothing written),
//! 2 usage, I/O or internal error.

pub(crate) mod config;
mod convert;
mod diff;
mod explain;
mod lint;

pub use explain::all as explain_all;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::render::{self, HumanStyle};
use crate::diagnostics::{Diagnostic, SourceMap};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Success; warnings allowed.
    Success = 0,
    /// Error-level findings: nothing was written.
    Findings = 1,
    /// Usage, I/O or internal error.
    Failure = 2,
}

#[derive(Debug, Parser)]
#[command(
    name = "batch2argo",
    version,
    about = "Compile AWS Batch job definitions and job graphs into Argo Workflows manifests",
    after_help = "Exit codes: 0 success (warnings allowed), 1 error-level findings (nothing written), 2 usage, I/O or internal error."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert Batch definitions (files or directories) into Argo manifests.
    Convert(ConvertArgs),
    /// Check Batch definitions: what AWS would reject, what the migration changes, hygiene.
    Lint(LintArgs),
    /// Check Argo manifests (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow)
    /// like `argo lint --offline` and the API server would, every finding with its line.
    Validate(LintArgs),
    /// Compare the Argo output of two versions of Batch sources (paths or git revisions), or
    /// check committed output against its sources (`--check SOURCES --against DIR`).
    Diff(DiffArgs),
    /// Explain a diagnostic code, or list them all.
    Explain(ExplainArgs),
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// BASE HEAD (two source paths); or one path read at `--base-rev` (and `--head-rev`, else
    /// the working tree); with `--check`, the sources of the committed output.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Read BASE from this git revision of the repository the command runs in.
    #[arg(long, value_name = "REV", conflicts_with = "check")]
    pub base_rev: Option<String>,
    /// Read HEAD from this git revision.
    #[arg(long, value_name = "REV", conflicts_with = "check")]
    pub head_rev: Option<String>,
    /// The repository the revisions are read from, and the paths are relative to (default:
    /// the working directory), like `git -C`.
    #[arg(long, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Drift check: compile the sources and compare with the manifests in `--against`, with
    /// the options recorded there by `convert -o`.
    #[arg(long, requires = "against")]
    pub check: bool,
    /// The committed output directory of the drift check.
    #[arg(long, value_name = "DIR")]
    pub against: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// The options both sides are compiled with; in a drift check (which does not read the
    /// config file), a value that differs from the one recorded with the output is drift.
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// How the inputs are read: a dialect forced over detection, CloudFormation parameter values,
/// Terraform variables.
#[derive(Debug, Default, clap::Args)]
pub struct ReadArgs {
    /// Read every input as this dialect instead of detecting it from its shape.
    #[arg(long, value_name = "DIALECT", value_parser = dialect_name)]
    pub dialect: Option<String>,
    /// A CloudFormation template parameter or pseudo parameter (`AWS::Region=eu-west-1`).
    #[arg(long = "param", value_name = "KEY=VALUE", value_parser = key_value)]
    pub params: Vec<(String, String)>,
    /// A Terraform variable (over `.tfvars` files and defaults).
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = key_value)]
    pub vars: Vec<(String, String)>,
    /// A Terraform `.tfvars` file; later files win.
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
}

impl ReadArgs {
    pub fn read_options(&self) -> crate::source::ReadOptions {
        crate::source::ReadOptions {
            dialect: self.dialect.clone(),
            params: self.params.iter().cloned().collect(),
            vars: self.vars.iter().cloned().collect(),
            var_files: self.var_files.clone(),
        }
    }
}

fn dialect_name(text: &str) -> Result<String, String> {
    let names: Vec<&str> = crate::source::DIALECTS.iter().map(|d| d.name).collect();
    if names.contains(&text) {
        Ok(text.to_string())
    } else {
        Err(format!("not one of {}", names.join(", ")))
    }
}

fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err("expected KEY=VALUE".to_string()),
    }
}

/// The options that change the output, as flags; the config file sets the same ones.
#[derive(Debug, clap::Args)]
pub struct TargetArgs {
    /// Inline every template into the Workflows instead of referring to WorkflowTemplates.
    #[arg(long)]
    pub self_contained: bool,
    /// Where the pods run: how compute environments become node placement
    /// (default: the config file's, else generic).
    #[arg(long, value_enum)]
    pub platform: Option<PlatformArg>,
    /// What orders and limits a queue's jobs: Kueue, Volcano or Argo semaphores
    /// (default: the config file's, else none).
    #[arg(long, value_enum)]
    pub queueing: Option<QueueingArg>,
    /// The namespace the Workflows run in, for the namespaced objects written beside them
    /// (default: the config file's, else `default`).
    #[arg(long, value_name = "NAME")]
    pub namespace: Option<String>,
    /// The config file (default: the nearest `.batch2argo.yaml` from the working directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl TargetArgs {
    /// Puts the flags given over `o`.
    pub fn apply(&self, o: &mut crate::lower::Options) {
        if self.self_contained {
            o.self_contained = true;
        }
        if let Some(p) = self.platform {
            o.platform = p.into();
            o.platform_chosen = true;
        }
        if let Some(q) = self.queueing {
            o.queueing = q.into();
        }
        if let Some(ns) = &self.namespace {
            o.namespace = ns.clone();
        }
    }

    /// The config file's options with the flags over them, validated.
    pub fn options(&self) -> Result<crate::lower::Options, String> {
        let mut o = config::discover(self.config.as_deref())?.options;
        self.apply(&mut o);
        o.validate()?;
        Ok(o)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Input files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How findings are printed (on standard output).
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
    /// Report only these codes or prefixes (comma-separated or repeated), e.g. `B2A1,B2A205`.
    #[arg(long, value_name = "CODES")]
    pub select: Vec<String>,
    /// Never report these codes or prefixes.
    #[arg(long, value_name = "CODES")]
    pub ignore: Vec<String>,
    /// `--deny warnings`: warnings fail the run too.
    #[arg(long, value_name = "LEVEL")]
    pub deny: Vec<String>,
    /// The config file (default: the nearest `.batch2argo.yaml` from the working directory up).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Input files or directories (directories are walked; hidden entries are skipped).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write one file per object, plus kustomization.yaml, into this directory.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "DIR",
        conflicts_with = "stdout"
    )]
    pub output: Option<PathBuf>,
    /// Print all objects as one stream on standard output (the default without -o).
    #[arg(long)]
    pub stdout: bool,
    /// Serialisation of the manifests.
    #[arg(long, value_enum, default_value_t = OutputFormat::Yaml)]
    pub output_format: OutputFormat,
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Also write a migration report to FILE: what each definition and job graph became, the
    /// findings with their lines, the dependency graphs and the manual steps. Written even when
    /// the conversion has errors.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// The report's format (default: from the extension of FILE, `.md` or `.html`).
    #[arg(long, value_name = "FORMAT", value_parser = ["md", "html"], requires = "report")]
    pub report_format: Option<String>,
    #[command(flatten)]
    pub messages: MessageArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    Generic,
    Eks,
    AckEci,
    AckAcs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueueingArg {
    None,
    Kueue,
    Volcano,
    Semaphore,
}

impl From<PlatformArg> for crate::lower::Platform {
    fn from(p: PlatformArg) -> Self {
        match p {
            PlatformArg::Generic => Self::Generic,
            PlatformArg::Eks => Self::Eks,
            PlatformArg::AckEci => Self::AckEci,
            PlatformArg::AckAcs => Self::AckAcs,
        }
    }
}

impl From<QueueingArg> for crate::lower::Queueing {
    fn from(q: QueueingArg) -> Self {
        match q {
            QueueingArg::None => Self::None,
            QueueingArg::Kueue => Self::Kueue,
            QueueingArg::Volcano => Self::Volcano,
            QueueingArg::Semaphore => Self::Semaphore,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct MessageArgs {
    /// How diagnostics are printed (on standard error).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Colour in human diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code, e.g. B2A104.
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,
    /// Every code, as the Markdown of docs/diagnostics.md.
    #[arg(long, conflicts_with = "code")]
    pub all: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Runs a parsed command, writing to the given streams.
pub fn run(args: Args, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    match args.command {
        Command::Convert(a) => convert::run(a, stdout, stderr),
        Command::Lint(a) => lint::run(a, stdout, stderr),
        Command::Validate(a) => lint::validate(a, stdout, stderr),
        Command::Diff(a) => diff::run(a, stdout, stderr),
        Command::Explain(a) => explain::run(a, stdout, stderr),
    }
}

/// Prints diagnostics in the chosen format.
fn print_diagnostics(
    diagnostics: &[Diagnostic],
    files: &SourceMap,
    args: &MessageArgs,
    stderr: &mut dyn Write,
) {
    let text = match args.message_format {
        MessageFormat::Json => render::json(diagnostics, files),
        MessageFormat::Github => render::github(diagnostics, files),
        MessageFormat::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            render::human(
                diagnostics,
                files,
                HumanStyle {
                    color,
                    ..HumanStyle::default()
                },
            )
        }
    };
    let _ = stderr.write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::Args;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }
}
