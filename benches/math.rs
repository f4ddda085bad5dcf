//! `cargo bench --bench math`: every formula of the shipped course through all three outputs
//! (MathML, Typst, Unicode), one parse each. Prints a table; the target is ≤ 20 ms in release.

use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (course, _) = notes::course::load(root)?;
    let formulas = notes::course::all_formulas(&course);
    let bytes: usize = formulas.iter().map(|(t, _)| t.len()).sum();
    let mut all = Vec::new();
    let mut per_output = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..21 {
        let t = Instant::now();
        for (tex, display) in &formulas {
            let _ = notes::math::render(tex, *display, &course.macros);
        }
        all.push(t.elapsed());
        let t = Instant::now();
        for (tex, display) in &formulas {
            let _ = notes::math::to_mathml(tex, *display, &course.macros);
        }
        per_output[0].push(t.elapsed());
        let t = Instant::now();
        for (tex, display) in &formulas {
            let _ = notes::math::to_typst(tex, *display, &course.macros);
        }
        per_output[1].push(t.elapsed());
        let t = Instant::now();
        for (tex, _) in &formulas {
            let _ = notes::math::to_unicode(tex, &course.macros);
        }
        per_output[2].push(t.elapsed());
    }
    let [m, ty, u] = per_output.map(median);
    println!(
        "shipped course: {} formulas, {bytes} bytes of TeX; median of 21 runs ({} build)",
        formulas.len(),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!("| what                          |      ms |");
    println!("|-------------------------------|---------|");
    println!(
        "| all three outputs, one parse  | {:7.2} |",
        ms(median(all))
    );
    println!("| MathML only                   | {:7.2} |", ms(m));
    println!("| Typst only                    | {:7.2} |", ms(ty));
    println!("| Unicode only                  | {:7.2} |", ms(u));
    Ok(())
}
