//! The `yichuang` binary: everything lives in the library.

fn main() {
    std::process::exit(yichuang::cli::main_with(std::env::args_os().collect()));
}
