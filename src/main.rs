//! The `partnerplan` binary: everything lives in the library; this only hands over the exit code.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    partnerplan::cli::main()
}
