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
        let pivot = (col..n)
            .max_by(|&a, &b| m[a][col].abs().total_cmp(&m[b][col].abs()))
            .unwrap_or(col);
        if m[pivot][col] == 0.0 {
            return 0.0;
        }
        if pivot != col {
            m.swap(pivot, col);
            d = -d;
        }
        d *= m[col][col];
        let pivot_row = m[col].clone();
        for row in m.iter_mut().skip(col + 1) {
            let factor = row[col] / pivot_row[col];
            for (dst, src) in row.iter_mut().zip(&pivot_row).skip(col) {
                *dst -= factor * src;
            }
        }
    }
    d
}

fn kl(p: &[f64], q: &[f64]) -> f64 {
    p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(pi, qi)| pi * (pi / qi).ln())
        .sum()
}

fn jsd(p: &[f64], q: &[f64]) -> f64 {
    let m: Vec<f64> = p.iter().zip(q).map(|(a, b)| 0.5 * (a + b)).collect();
    0.5 * kl(p, &m) + 0.5 * kl(q, &m)
}

/// `V(G, D*)` on a finite space, evaluated pointwise from `D* = p / (p + q)` (0 log 0 = 0).
fn gan_value_at_optimal_d(p_data: &[f64], p_g: &[f64]) -> f64 {
    p_data
        .iter()
        .zip(p_g)
        .map(|(&a, &b)| {
            let d = if a + b > 0.0 { a / (a + b) } else { 0.5 };
            let real = if a > 0.0 { a * d.ln() } else { 0.0 };
            let fake = if b > 0.0 { b * (1.0 - d).ln() } else { 0.0 };
            real + fake
        })
        .sum()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Metropolis-Hastings acceptance for a target proportional to `exp(f)`.
fn mh_acceptance(f_current: f64, f_proposed: f64, q_forward: f64, q_backward: f64) -> f64 {
    ((f_proposed - f_current).exp() * q_backward / q_forward).min(1.0)
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
    let p_z = if (lo..=hi).contains(&z) {
        1.0 / (hi - lo)
    } else {
        0.0
    };
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

// ---- gans ---------------------------------------------------------------------------------

fn gans_optimal_discriminator_value() -> f64 {
    let (p_data, p_g) = (0.3, 0.1);
    p_data / (p_data + p_g)
}

fn gans_equilibrium_value() -> f64 {
    // Any p_G = p_data gives the same value; check it against 2 JSD - log 4 as well.
    let p = [0.2, 0.3, 0.5];
    let direct = gan_value_at_optimal_d(&p, &p);
    let via_jsd = 2.0 * jsd(&p, &p) - 4.0_f64.ln();
    assert!((direct - via_jsd).abs() < 1e-12);
    direct
}

fn gans_value_discrete() -> f64 {
    let p_data = [0.5, 0.5, 0.0];
    let p_g = [0.0, 0.5, 0.5];
    let direct = gan_value_at_optimal_d(&p_data, &p_g);
    let via_jsd = 2.0 * jsd(&p_data, &p_g) - 4.0_f64.ln();
    assert!((direct - via_jsd).abs() < 1e-12);
    direct
}

fn gans_disjoint_jsd() -> f64 {
    // Support {1, 2, 3, 4}.
    jsd(&[0.5, 0.5, 0.0, 0.0], &[0.0, 0.0, 0.5, 0.5])
}

fn gans_wgan_parallel_lines() -> f64 {
    let theta = 0.3_f64;
    let n = 1000;
    // Points of P_0 = law of (0, U) and P_theta = law of (theta, U), U on a midpoint grid.
    let p0: Vec<(f64, f64)> = (0..n)
        .map(|i| (0.0, (f64::from(i) + 0.5) / f64::from(n)))
        .collect();
    let p_theta: Vec<(f64, f64)> = p0.iter().map(|&(x, u)| (x + theta, u)).collect();
    let count = p0.len() as f64;
    // Upper bound: the cost of the coupling that pairs (0, u) with (theta, u).
    let coupling_cost = p0
        .iter()
        .zip(&p_theta)
        .map(|(a, b)| ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt())
        .sum::<f64>()
        / count;
    // Lower bound (KR duality): the 1-Lipschitz critic f(x) = x_1.
    let critic = |x: &(f64, f64)| x.0;
    let critic_gap =
        (p_theta.iter().map(critic).sum::<f64>() - p0.iter().map(critic).sum::<f64>()) / count;
    assert!((coupling_cost - critic_gap).abs() < 1e-9);
    coupling_cost
}

// ---- ebm ----------------------------------------------------------------------------------

fn ebm_mh_acceptance() -> f64 {
    // Symmetric proposal: forward and backward proposal densities are equal.
    mh_acceptance(1.2, 0.5, 1.0, 1.0)
}

fn ebm_mh_hastings_ratio() -> f64 {
    mh_acceptance(1.0, 1.5, 0.5, 0.25)
}

fn ebm_probability_ratio() -> f64 {
    let (f_new, f_old) = (3.0_f64, 1.0_f64);
    f_new.exp() / f_old.exp()
}

fn ebm_discrete_partition() -> f64 {
    let f = |x1: f64, x2: f64| x1 + x2 + 2.0 * x1 * x2;
    let states = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
    let z: f64 = states.iter().map(|&(a, b)| f(a, b).exp()).sum();
    f(1.0, 1.0).exp() / z
}

fn ebm_rbm_hidden_conditional() -> f64 {
    let c_j = -1.0;
    let w_col = [2.0, -1.0, 0.5];
    let v = [1.0, 0.0, 1.0];
    let activation: f64 = c_j + w_col.iter().zip(&v).map(|(w, x)| w * x).sum::<f64>();
    sigmoid(activation)
}

fn ebm_langevin_step() -> f64 {
    let score = |x: f64| -x; // d/dx of -x^2/2
    let (x0, eps, xi) = (2.0_f64, 0.1_f64, 0.5_f64);
    x0 + eps * score(x0) + (2.0 * eps).sqrt() * xi
}

/// `(question id, recomputed answer)` for every numeric question in the flows, gans and ebm banks
/// (including the numeric questions inlined in those notes).
pub fn expected() -> Vec<(&'static str, f64)> {
    vec![
        ("flows-triangular-log-det", flows_triangular_log_det()),
        (
            "flows-rescaled-log-likelihood",
            flows_rescaled_log_likelihood(),
        ),
        ("flows-uniform-exp-density", flows_uniform_exp_density()),
        ("flows-affine-1d-log-density", flows_affine_1d_log_density()),
        ("flows-coupling-log-density", flows_coupling_log_density()),
        ("flows-glow-1x1-log-det", flows_glow_1x1_log_det()),
        (
            "gans-optimal-discriminator-value",
            gans_optimal_discriminator_value(),
        ),
        ("gans-equilibrium-value", gans_equilibrium_value()),
        ("gans-value-discrete", gans_value_discrete()),
        ("gans-disjoint-jsd", gans_disjoint_jsd()),
        ("gans-wgan-parallel-lines", gans_wgan_parallel_lines()),
        ("ebm-mh-acceptance", ebm_mh_acceptance()),
        ("ebm-mh-hastings-ratio", ebm_mh_hastings_ratio()),
        ("ebm-probability-ratio", ebm_probability_ratio()),
        ("ebm-discrete-partition", ebm_discrete_partition()),
        ("ebm-rbm-hidden-conditional", ebm_rbm_hidden_conditional()),
        ("ebm-langevin-step", ebm_langevin_step()),
    ]
}
