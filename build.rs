//! Links the `notes` binary as a position-dependent executable on Linux with glibc.
//!
//! The embedded Typst compiler brings tables holding about 105,000 pointers. In a
//! position-independent executable (the default) the dynamic loader rewrites every one of them
//! at each start, which costs each command 1.4 ms and 490 page faults (BENCHMARKS.md machine,
//! release build: `notes --version` takes 3.0 ms as a PIE, 1.6 ms without). Linked at a fixed
//! address, the tables are ready as they are in the file. The price is that the executable's
//! own code is not at a random address; shared libraries, the stack and the heap still are.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
