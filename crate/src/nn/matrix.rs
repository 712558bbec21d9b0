//! The three matrix products a dense layer needs, on flat row-major buffers.
//!
//! A batch is `rows × in_dim`; a layer's weights are `in_dim × out_dim`
//! (`weights[k * out_dim + j]` joins input `k` to unit `j`). Every inner loop
//! runs along a contiguous row of length `out_dim`, which the compiler
//! vectorises.

/// `out = input · weights + bias`, for every row of the batch.
pub fn affine(input: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32], in_dim: usize) {
    let out_dim = bias.len();
    debug_assert_eq!(weights.len(), in_dim * out_dim);
    for (x, z) in input
        .chunks_exact(in_dim)
        .zip(out.chunks_exact_mut(out_dim))
    {
        z.copy_from_slice(bias);
        for (&xk, w_row) in x.iter().zip(weights.chunks_exact(out_dim)) {
            for (zj, &wkj) in z.iter_mut().zip(w_row) {
                *zj += xk * wkj;
            }
        }
    }
}

/// `grad_w += inputᵀ · delta` and `grad_b += column sums of delta`.
pub fn accumulate_gradients(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
    in_dim: usize,
) {
    let out_dim = grad_b.len();
    for (x, d) in input.chunks_exact(in_dim).zip(delta.chunks_exact(out_dim)) {
        for (gb, &dj) in grad_b.iter_mut().zip(d) {
            *gb += dj;
        }
        for (&xk, gw_row) in x.iter().zip(grad_w.chunks_exact_mut(out_dim)) {
            for (gw, &dj) in gw_row.iter_mut().zip(d) {
                *gw += xk * dj;
            }
        }
    }
}

/// `delta_in = delta · weightsᵀ`: the error sent back to the layer's inputs.
pub fn backpropagate(delta: &[f32], weights: &[f32], delta_in: &mut [f32], in_dim: usize) {
    let out_dim = weights.len() / in_dim.max(1);
    for (d, d_in) in delta
        .chunks_exact(out_dim)
        .zip(delta_in.chunks_exact_mut(in_dim))
    {
        for (di, w_row) in d_in.iter_mut().zip(weights.chunks_exact(out_dim)) {
            *di = dot(d, w_row);
        }
    }
}

/// Dot product with four partial sums, so the compiler may vectorise it
/// without reordering a single running sum.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut partial = [0.0f32; 4];
    let chunks = a.len() / 4 * 4;
    for (ca, cb) in a[..chunks].chunks_exact(4).zip(b[..chunks].chunks_exact(4)) {
        for i in 0..4 {
            partial[i] += ca[i] * cb[i];
        }
    }
    let mut sum = (partial[0] + partial[1]) + (partial[2] + partial[3]);
    for (x, y) in a[chunks..].iter().zip(&b[chunks..]) {
        sum += x * y;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2 rows × 3 inputs, 3 inputs × 2 outputs, worked by hand.
    const X: [f32; 6] = [1.0, 2.0, 3.0, -1.0, 0.0, 2.0];
    const W: [f32; 6] = [1.0, -1.0, 0.5, 2.0, -2.0, 1.0];
    const B: [f32; 2] = [0.5, -0.5];

    #[test]
    fn affine_matches_hand_computation() {
        let mut z = [0.0; 4];
        affine(&X, &W, &B, &mut z, 3);
        // row 0: 1*1 + 2*0.5 + 3*(-2) + 0.5 = -3.5 ; 1*(-1) + 2*2 + 3*1 - 0.5 = 5.5
        // row 1: -1 + 0 - 4 + 0.5 = -4.5 ; 1 + 0 + 2 - 0.5 = 2.5
        assert_eq!(z, [-3.5, 5.5, -4.5, 2.5]);
    }

    #[test]
    fn gradients_and_backpropagation_match_hand_computation() {
        let delta = [1.0, 2.0, -1.0, 0.5];
        let mut gw = [0.0; 6];
        let mut gb = [0.0; 2];
        accumulate_gradients(&X, &delta, &mut gw, &mut gb, 3);
        assert_eq!(gb, [0.0, 2.5]);
        // gw[k][j] = sum_r x[r][k] * delta[r][j]
        assert_eq!(gw, [2.0, 1.5, 2.0, 4.0, 1.0, 7.0]);
        let mut d_in = [0.0; 6];
        backpropagate(&delta, &W, &mut d_in, 3);
        // row 0: [1*1 + 2*(-1), 1*0.5 + 2*2, 1*(-2) + 2*1] = [-1, 4.5, 0]
        // row 1: [-1 - 0.5, -0.5 + 1, 2 + 0.5] = [-1.5, 0.5, 2.5]
        assert_eq!(d_in, [-1.0, 4.5, 0.0, -1.5, 0.5, 2.5]);
    }

    #[test]
    fn dot_handles_every_length() {
        for n in 0..11 {
            let a: Vec<f32> = (0..n).map(|i| i as f32).collect();
            let b: Vec<f32> = (0..n).map(|i| (i % 3) as f32 - 1.0).collect();
            let expected: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert_eq!(dot(&a, &b), expected, "length {n}");
        }
    }
}
