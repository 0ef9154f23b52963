//! The `yichuang` binary: everything lives in the library.

fn main() {
    return_freed_memory();
    std::process::exit(yichuang::cli::main_with(std::env::args_os().collect()));
}

/// glibc serves a block freed after a large allocation from its heaps thereafter (it raises the
/// threshold above which a block gets its own mapping, up to 32 MB), and a heap rarely shrinks:
/// a desk that once listed 300,000 residents would keep their 12 MB after the list narrowed.
/// With the threshold fixed at its default, every large block (a ranked list, a page of
/// residents) is its own mapping and goes back to the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_freed_memory() {
    const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
    unsafe extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    // SAFETY: mallopt only sets a tunable; it is called before any other thread exists.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_memory() {}
