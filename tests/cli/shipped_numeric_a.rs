//! Numeric answers of the fundamentals/autoregressive/vae/overview banks, recomputed from first principles.
//!
//! Each value is computed here from the inputs stated in the question's prompt, never pasted from
//! the YAML, so that a typo in a shipped answer makes the comparison test fail. Only `f64` and the
//! standard library are used.

use std::f64::consts::{E, LN_2, PI};

/// KL divergence between two univariate Gaussians, in nats.
fn kl_gauss(mu1: f64, s1: f64, mu2: f64, s2: f64) -> f64 {
    (s2 / s1).ln() + (s1 * s1 + (mu1 - mu2) * (mu1 - mu2)) / (2.0 * s2 * s2) - 0.5
}

/// KL divergence between two discrete distributions, in bits.
fn kl_bits(p: &[f64], q: &[f64]) -> f64 {
    p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(pi, qi)| pi * (pi / qi).log2())
        .sum()
}

/// Entropy of a discrete distribution, in bits.
fn entropy_bits(p: &[f64]) -> f64 {
    -p.iter()
        .filter(|pi| **pi > 0.0)
        .map(|pi| pi * pi.log2())
        .sum::<f64>()
}

/// Cross-entropy H(p, q), in bits.
fn cross_entropy_bits(p: &[f64], q: &[f64]) -> f64 {
    -p.iter().zip(q).map(|(pi, qi)| pi * qi.log2()).sum::<f64>()
}

/// Simpson's rule for a smooth integrand on [a, b] with an even number of panels.
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, panels: usize) -> f64 {
    let h = (b - a) / panels as f64;
    let mut s = f(a) + f(b);
    for i in 1..panels {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(a + i as f64 * h);
    }
    s * h / 3.0
}

/// Log-density of a univariate Gaussian.
fn log_normal_pdf(x: f64, mu: f64, var: f64) -> f64 {
    -0.5 * (2.0 * PI * var).ln() - (x - mu) * (x - mu) / (2.0 * var)
}

/// `(question id, recomputed answer)` for every numeric question of the four banks, inline
/// ```` ```question ```` blocks of the notes included.
pub fn expected() -> Vec<(&'static str, f64)> {
    vec![
        // ---------------------------------------------------------------- fundamentals
        ("fundamentals-entropy-coin", entropy_bits(&[0.25, 0.75])),
        (
            "fundamentals-entropy-dyadic",
            entropy_bits(&[0.5, 0.25, 0.125, 0.125]),
        ),
        ("fundamentals-differential-entropy", {
            let sigma = 0.1f64;
            0.5 * (2.0 * PI * E * sigma * sigma).ln()
        }),
        ("fundamentals-kl-gaussians", kl_gauss(1.0, 2.0, 0.0, 1.0)),
        (
            "fundamentals-kl-asymmetry",
            kl_bits(&[0.5, 0.5], &[0.25, 0.75]),
        ),
        (
            "fundamentals-cross-entropy-value",
            cross_entropy_bits(&[0.5, 0.25, 0.25], &[0.25, 0.25, 0.5]),
        ),
        ("fundamentals-mle-bernoulli-loglik", {
            let (k, n) = (7.0f64, 10.0f64);
            let theta = k / n;
            k * theta.ln() + (n - k) * (1.0 - theta).ln()
        }),
        ("fundamentals-partition-function", {
            let theta = 2.0f64.ln();
            let unnorm: Vec<f64> = (0..3).map(|x| (theta * x as f64).exp()).collect();
            unnorm[2] / unnorm.iter().sum::<f64>()
        }),
        ("fundamentals-theis-mixture", -(0.01f64).ln()),
        ("fundamentals-jacobian-det", {
            // f(x, y) = (x + y, x y): J = [[1, 1], [y, x]].
            let (x, y) = (1.0f64, 3.0f64);
            let j = [[1.0, 1.0], [y, x]];
            j[0][0] * j[1][1] - j[0][1] * j[1][0]
        }),
        // ---------------------------------------------------------------- autoregressive
        ("autoregressive-tabular-params", {
            // Conditional i stores one Bernoulli parameter per configuration of x_<i.
            (1..=10).map(|i| 2f64.powi(i - 1)).sum::<f64>()
        }),
        ("autoregressive-fvsbn-params", {
            // Conditional i: one bias and i - 1 weights.
            (1..=784).map(|i| i as f64).sum::<f64>()
        }),
        ("autoregressive-nade-params", {
            let (n, d) = (784.0f64, 500.0f64);
            let shared = d * n + d; // W and c
            let per_output = n * (d + 1.0); // alpha_i and b_i
            shared + per_output
        }),
        ("autoregressive-chain-prob", {
            let p_x1 = 0.6f64;
            let p_x2_is_1_given_x1 = 0.3f64;
            let p_x3_is_1_given_x1_x2 = 0.5f64;
            p_x1 * (1.0 - p_x2_is_1_given_x1) * p_x3_is_1_given_x1_x2
        }),
        ("autoregressive-bits-per-dim", {
            let nll_nats = 6400.0f64;
            let dims = (32 * 32 * 3) as f64;
            nll_nats / (dims * LN_2)
        }),
        ("autoregressive-wavenet-receptive-field", {
            // Kernel 2: a layer with dilation d widens the receptive field by d samples.
            let stack: f64 = (0..10).map(|k| 2f64.powi(k)).sum();
            1.0 + 2.0 * stack
        }),
        // ---------------------------------------------------------------- vae
        ("vae-two-image-loglik", {
            // p(x1) = P(z >= 0) for z ~ N(0, 1); the tail beyond 12 is negligible.
            let mass = simpson(|z| log_normal_pdf(z, 0.0, 1.0).exp(), 0.0, 12.0, 20_000);
            mass.ln()
        }),
        ("vae-two-image-uniform-elbo", {
            // On [0, 1]: p(x1 | z) = 1 and q(z) = 1, so the integrand is log N(z; 0, 1).
            let log_px_given_z = 1f64.ln();
            let log_q = 1f64.ln();
            simpson(
                |z| log_px_given_z + log_normal_pdf(z, 0.0, 1.0) - log_q,
                0.0,
                1.0,
                1_000,
            )
        }),
        ("vae-gaussian-kl-prior", {
            let mu = [1.0f64, 0.0];
            let sigma = [1.0f64, 0.5];
            mu.iter()
                .zip(sigma)
                .map(|(m, s)| 0.5 * (m * m + s * s - 1.0 - (s * s).ln()))
                .sum::<f64>()
        }),
        ("vae-linear-gaussian-gap", {
            // z ~ N(0, 1), x | z ~ N(z, 1), x = 1: posterior precision 1 + 1, mean x / 2.
            let x = 1.0f64;
            let post_var = 1.0 / (1.0 + 1.0);
            let post_mean = post_var * x;
            kl_gauss(0.0, 1.0, post_mean, post_var.sqrt())
        }),
        ("vae-linear-gaussian-elbo", {
            // q = prior, so the KL term is 0; E_q[(x - z)^2] = x^2 + Var_q(z).
            let (x, q_var) = (1.0f64, 1.0f64);
            -0.5 * (2.0 * PI).ln() - (x * x + q_var) / 2.0
        }),
        // ---------------------------------------------------------------- overview
        ("overview-ebm-partition-terms", {
            // One term per configuration of 30 binary variables.
            let pixels = 5 * 6;
            2f64.powi(pixels)
        }),
        ("overview-ar-sampling-passes", {
            // One sequential pass per binary pixel.
            (28 * 28) as f64
        }),
        ("overview-elbo-bits-per-dim", {
            let neg_elbo_nats = 85.0f64;
            let dims = 784.0f64;
            neg_elbo_nats / (dims * LN_2)
        }),
    ]
}

#[test]
fn recomputed_answers_are_finite_and_ids_unique() {
    let values = expected();
    let mut ids: Vec<&str> = values.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate question id in expected()");
    for (id, v) in &values {
        assert!(v.is_finite(), "{id} recomputes to a non-finite value: {v}");
    }
}
