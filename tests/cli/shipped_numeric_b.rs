//! Numeric answers of the flows/gans/ebm banks, recomputed from first principles.
//!
//! Each value is derived here from the question's own inputs (densities, matrices, energies), never
//! pasted from the YAML, so a typo in a bank answer shows up as a mismatch. This module owns only
//! these computations; the comparison against the banks lives in the test that uses it.

use std::f64::consts::PI;

/// Log-density of the standard normal at `x`.
fn std_normal_log_pdf(x: f64) -> f64 {
    -0.5 * (2.0 * PI).ln() - 0.5 * x * x
}

/// Determinant by Gaussian elimination with partial pivoting (the matrices here are tiny).
fn det(mut m: Vec<Vec<f64>>) -> f64 {
    let n = m.len();
    let mut d = 1.0;
    for col in 0..n {
        let mut pivot = col;
        for row in col + 1..n {
            if m[row][col].abs() > m[pivot][col].abs() {
                pivot = row;
            }
        }
        if m[pivot][col] == 0.0 {
            return 0.0;
        }
        if pivot != col {
            m.swap(pivot, col);
            d = -d;
        }
        d *= m[col][col];
        for row in col + 1..n {
            let factor = m[row][col] / m[col][col];
            for k in col..n {
                m[row][k] -= factor * m[col][k];
            }
        }
    }
    d
}

// ---- flows --------------------------------------------------------------------------------

fn flows_triangular_log_det() -> f64 {
    det(vec![
        vec![2.0, 0.0, 0.0],
        vec![7.0, -0.5, 0.0],
        vec![-1.0, 4.0, 3.0],
    ])
    .abs()
    .ln()
}

fn flows_rescaled_log_likelihood() -> f64 {
    let mean_processed = 32.5;
    let pixels = 32.0 * 32.0;
    let scale: f64 = 1.0 / 127.5; // d x_tilde / d x per pixel
    mean_processed + pixels * scale.abs().ln()
}

fn flows_uniform_exp_density() -> f64 {
    let (lo, hi) = (-2.0_f64, 3.0_f64);
    let x = 5.0_f64;
    let z = x.ln();
    let p_z = if (lo..=hi).contains(&z) { 1.0 / (hi - lo) } else { 0.0 };
    p_z * (1.0 / x).abs()
}

fn flows_affine_1d_log_density() -> f64 {
    let (a, b, x) = (2.0_f64, 1.0, 3.0);
    let z = (x - b) / a;
    std_normal_log_pdf(z) - a.abs().ln()
}

fn flows_coupling_log_density() -> f64 {
    let (x1, x2) = (2.0_f64, 3.0_f64);
    let z1 = x1;
    let z2 = (x2 - z1) * (-z1 / 2.0).exp();
    let log_det_forward = z1 / 2.0;
    std_normal_log_pdf(z1) + std_normal_log_pdf(z2) - log_det_forward
}

fn flows_glow_1x1_log_det() -> f64 {
    let (h, w) = (4.0, 4.0);
    let weight = vec![vec![2.0, 1.0], vec![0.0, 3.0]];
    h * w * det(weight).abs().ln()
}

/// `(question id, recomputed answer)` for every numeric question in the flows, gans and ebm banks
/// (including the numeric questions inlined in those notes).
pub fn expected() -> Vec<(&'static str, f64)> {
    vec![
        ("flows-triangular-log-det", flows_triangular_log_det()),
        ("flows-rescaled-log-likelihood", flows_rescaled_log_likelihood()),
        ("flows-uniform-exp-density", flows_uniform_exp_density()),
        ("flows-affine-1d-log-density", flows_affine_1d_log_density()),
        ("flows-coupling-log-density", flows_coupling_log_density()),
        ("flows-glow-1x1-log-det", flows_glow_1x1_log_det()),
    ]
}
