//! The three matrix products a dense layer needs, on flat row-major buffers.
//!
//! A batch is `rows × in_dim`; a layer's weights are `in_dim × out_dim`
//! (`weights[k * out_dim + j]` joins input `k` to unit `j`). Every inner loop
//! runs along a contiguous row of length `out_dim`, which the compiler
//! vectorises.

/// Calls `$fixed::<N>` when `$width` is 1 to 8, 16 or 32, so the compiler
/// knows it and unrolls the dot products; `$any` otherwise (the same dot
/// products: other widths measured no slower in Chromium, for 4 KB less).
macro_rules! by_width {
    ($width:expr, $fixed:ident, $any:ident, $args:tt) => {
        by_width!(@ $width, $fixed, $any, $args,
            1 2 3 4 5 6 7 8 16 32)
    };
    (@ $width:expr, $fixed:ident, $any:ident, $args:tt, $($n:literal)*) => {
        match $width {
            $($n => $fixed::<$n> $args,)*
            _ => $any $args,
        }
    };
}

/// Calls a kernel written for a narrow layer (1 to 8 inputs, 1 to 4 units:
/// a row is at most one SIMD vector wide), where the per-row loop overheads
/// outweigh the arithmetic, so that a row is straight-line code:
/// `$shaped::<IN, N>` for 1 to 4 inputs (the raw inputs; the lessons'
/// narrow hidden layers), a kernel per shape; `$padded::<IN>` for 5 to 8,
/// one kernel per input count with the units padded to four lanes.
/// Measured by instructions an epoch and gzipped bytes: padded kernels for
/// every input count made workload (a) (2, 4 and 2 inputs) cost a third
/// more; kernels per shape for 5 to 8 inputs too cost 8 KB more wasm.
macro_rules! by_narrow_shape {
    ($in_dim:expr, $width:expr, $shaped:ident, $padded:ident, $args:tt) => {
        match $in_dim {
            1 => by_narrow_shape!(@units 1, $width, $shaped, $args),
            2 => by_narrow_shape!(@units 2, $width, $shaped, $args),
            3 => by_narrow_shape!(@units 3, $width, $shaped, $args),
            4 => by_narrow_shape!(@units 4, $width, $shaped, $args),
            5 => $padded::<5> $args,
            6 => $padded::<6> $args,
            7 => $padded::<7> $args,
            8 => $padded::<8> $args,
            _ => unreachable!("not a narrow layer"),
        }
    };
    (@units $i:literal, $width:expr, $shaped:ident, $args:tt) => {
        match $width {
            1 => $shaped::<$i, 1> $args,
            2 => $shaped::<$i, 2> $args,
            3 => $shaped::<$i, 3> $args,
            4 => $shaped::<$i, 4> $args,
            _ => unreachable!("not a narrow layer"),
        }
    };
}

use super::lanes::{load, store, F4};

fn is_narrow(in_dim: usize, width: usize) -> bool {
    (1..=8).contains(&in_dim) && (1..=4).contains(&width)
}

/// Units per block of the column kernels: a block's sums stay in registers.
/// Wider layers go through in blocks of this many units (and one block of
/// the rest), each unit's sum in the same order as over the whole row, so
/// ten kernels serve every width where thirty-two did. Measured in
/// Chromium against a kernel for every width: workload (b) (width 8) about
/// 18% faster, the largest network (32) and (a) the same, 9 KB less gzipped
/// wasm; widths 12 to 24 cost about a fifth more instructions natively.
const BLOCK: usize = 8;

/// Runs `$kernel::<N>` on each block of `BLOCK` units of a `$width`-unit
/// layer (the last one narrower), passing the block's first unit.
macro_rules! by_blocks {
    ($width:expr, $kernel:ident, ($($arg:expr),*)) => {{
        let width = $width;
        let mut first = 0;
        // 16 and 32 units whole: measured faster than blocks (the largest
        // network's layers are 32 wide).
        match width {
            16 => { $kernel::<16>($($arg,)* 0); first = 16; }
            32 => { $kernel::<32>($($arg,)* 0); first = 32; }
            _ => {}
        }
        while first < width {
            let n = (width - first).min(BLOCK);
            match n {
                1 => $kernel::<1>($($arg,)* first),
                2 => $kernel::<2>($($arg,)* first),
                3 => $kernel::<3>($($arg,)* first),
                4 => $kernel::<4>($($arg,)* first),
                5 => $kernel::<5>($($arg,)* first),
                6 => $kernel::<6>($($arg,)* first),
                7 => $kernel::<7>($($arg,)* first),
                _ => $kernel::<BLOCK>($($arg,)* first),
            }
            first += n;
        }
    }};
}

/// `out = input · weights + bias`, for every row of the batch.
pub fn affine(input: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32], in_dim: usize) {
    debug_assert_eq!(weights.len(), in_dim * bias.len());
    if is_narrow(in_dim, bias.len()) {
        return by_narrow_shape!(
            in_dim,
            bias.len(),
            affine_narrow,
            affine_padded,
            (input, weights, bias, out)
        );
    }
    by_blocks!(
        bias.len(),
        affine_columns,
        (input, weights, bias, out, in_dim)
    )
}

/// `affine` with both sides known: the same sums in the same order.
fn affine_narrow<const IN: usize, const N: usize>(
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    out: &mut [f32],
) {
    let bias: &[f32; N] = bias.try_into().expect("bias of width N");
    let weights: &[f32] = &weights[..IN * N];
    for (x, z) in input.chunks_exact(IN).zip(out.chunks_exact_mut(N)) {
        let mut sum = *bias;
        for k in 0..IN {
            for j in 0..N {
                sum[j] += x[k] * weights[k * N + j];
            }
        }
        z.copy_from_slice(&sum);
    }
}

/// `affine` for a narrow layer of `IN` inputs: the same sums in the same
/// order, a row's units in one vector. Its padding lanes sum the weights
/// that follow (`lanes::load`) and are never kept.
fn affine_padded<const IN: usize>(input: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32]) {
    let n = bias.len();
    let w: [F4; IN] = std::array::from_fn(|k| load(weights, k * n, n));
    let bias = load(bias, 0, n);
    for (r, x) in input.chunks_exact(IN).enumerate() {
        let mut sum = bias;
        for k in 0..IN {
            sum = sum.add(F4::splat(x[k]).mul(w[k]));
        }
        // All four lanes where they fit: the padding spills into the next
        // row's place, which that row writes over.
        match out.get_mut(r * n..r * n + 4) {
            Some(z) => z.copy_from_slice(&sum.to_array()),
            None => store(&mut out[r * n..(r + 1) * n], sum.to_array()),
        }
    }
}

/// `affine` for the `N` units from unit `first`: their sums kept in registers.
fn affine_columns<const N: usize>(
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    out: &mut [f32],
    in_dim: usize,
    first: usize,
) {
    let width = bias.len();
    let bias: &[f32; N] = bias[first..first + N].try_into().expect("N units");
    for (x, z) in input.chunks_exact(in_dim).zip(out.chunks_exact_mut(width)) {
        let mut sum = *bias;
        for (&xk, w_row) in x.iter().zip(weights.chunks_exact(width)) {
            let w: &[f32; N] = w_row[first..first + N].try_into().expect("N units");
            for j in 0..N {
                sum[j] += xk * w[j];
            }
        }
        z[first..first + N].copy_from_slice(&sum);
    }
}

/// The plain loops: what every kernel above must equal, bit for bit (tested).
#[cfg(test)]
fn affine_any(input: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32], in_dim: usize) {
    let out_dim = bias.len();
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

/// `grad_w = inputᵀ · delta` and `grad_b = column sums of delta`: written,
/// not added to, so that nothing has to clear the gradients first (a small
/// network's clearing was one memory-fill call per tensor per batch).
pub fn weight_gradients(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
    in_dim: usize,
) {
    if is_narrow(in_dim, grad_b.len()) {
        return by_narrow_shape!(
            in_dim,
            grad_b.len(),
            gradients_narrow,
            gradients_padded,
            (input, delta, grad_w, grad_b)
        );
    }
    by_blocks!(
        grad_b.len(),
        gradients_columns,
        (input, delta, grad_w, grad_b, in_dim)
    )
}

/// `weight_gradients` for the `N` units from unit `first`. The first row's
/// products start the sums: the same sums, in the same order, as adding
/// every row to zeros.
fn gradients_columns<const N: usize>(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
    in_dim: usize,
    first: usize,
) {
    let width = grad_b.len();
    let block = |d: &[f32]| -> [f32; N] { d[first..first + N].try_into().expect("N units") };
    let mut rows = input.chunks_exact(in_dim).zip(delta.chunks_exact(width));
    let Some((x, d)) = rows.next() else {
        for gw_row in grad_w.chunks_exact_mut(width) {
            gw_row[first..first + N].fill(0.0);
        }
        grad_b[first..first + N].fill(0.0);
        return;
    };
    let d = block(d);
    let mut bias_sum = d;
    for (&xk, gw_row) in x.iter().zip(grad_w.chunks_exact_mut(width)) {
        let gw: &mut [f32] = &mut gw_row[first..first + N];
        for j in 0..N {
            gw[j] = xk * d[j];
        }
    }
    for (x, d) in rows {
        let d = block(d);
        for j in 0..N {
            bias_sum[j] += d[j];
        }
        for (&xk, gw_row) in x.iter().zip(grad_w.chunks_exact_mut(width)) {
            let gw: &mut [f32] = &mut gw_row[first..first + N];
            for j in 0..N {
                gw[j] += xk * d[j];
            }
        }
    }
    grad_b[first..first + N].copy_from_slice(&bias_sum);
}

/// `weight_gradients` with both sides known: the sums are kept in
/// registers and written once.
fn gradients_narrow<const IN: usize, const N: usize>(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
) {
    let mut weight_sum = [[0.0f32; N]; IN];
    let mut bias_sum = [0.0f32; N];
    for (x, d) in input.chunks_exact(IN).zip(delta.chunks_exact(N)) {
        for j in 0..N {
            bias_sum[j] += d[j];
        }
        for k in 0..IN {
            for j in 0..N {
                weight_sum[k][j] += x[k] * d[j];
            }
        }
    }
    for (gw_row, sums) in grad_w.chunks_exact_mut(N).zip(&weight_sum) {
        gw_row.copy_from_slice(sums);
    }
    grad_b.copy_from_slice(&bias_sum);
}

/// `weight_gradients` for a narrow layer of `IN` inputs: the sums are kept
/// in registers, a row's units in one vector, and written once.
fn gradients_padded<const IN: usize>(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
) {
    let n = grad_b.len();
    let mut weight_sum = [F4::splat(0.0); IN];
    let mut bias_sum = F4::splat(0.0);
    for (r, x) in input.chunks_exact(IN).enumerate() {
        // Four lanes where they fit: what the padding lanes sum is not kept.
        let d = load(delta, r * n, n);
        bias_sum = bias_sum.add(d);
        for k in 0..IN {
            weight_sum[k] = weight_sum[k].add(F4::splat(x[k]).mul(d));
        }
    }
    for (gw_row, sums) in grad_w.chunks_exact_mut(n).zip(weight_sum) {
        store(gw_row, sums.to_array());
    }
    store(grad_b, bias_sum.to_array());
}

/// The plain loops: what every kernel above must equal, bit for bit (tested).
#[cfg(test)]
fn gradients_any(
    input: &[f32],
    delta: &[f32],
    grad_w: &mut [f32],
    grad_b: &mut [f32],
    in_dim: usize,
) {
    let out_dim = grad_b.len();
    grad_w.fill(0.0);
    grad_b.fill(0.0);
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
    if is_narrow(in_dim, out_dim) {
        return by_narrow_shape!(
            in_dim,
            out_dim,
            backpropagate_narrow,
            backpropagate_padded,
            (delta, weights, delta_in)
        );
    }
    by_width!(
        out_dim,
        backpropagate_fixed,
        backpropagate_any,
        (delta, weights, delta_in, in_dim)
    )
}

fn backpropagate_fixed<const N: usize>(
    delta: &[f32],
    weights: &[f32],
    delta_in: &mut [f32],
    in_dim: usize,
) {
    for (d, d_in) in delta.chunks_exact(N).zip(delta_in.chunks_exact_mut(in_dim)) {
        for (di, w_row) in d_in.iter_mut().zip(weights.chunks_exact(N)) {
            *di = dot(d, w_row);
        }
    }
}

/// `backpropagate` with both sides known: the same dot products.
fn backpropagate_narrow<const IN: usize, const N: usize>(
    delta: &[f32],
    weights: &[f32],
    delta_in: &mut [f32],
) {
    let weights: &[f32] = &weights[..IN * N];
    for (d, d_in) in delta.chunks_exact(N).zip(delta_in.chunks_exact_mut(IN)) {
        for k in 0..IN {
            d_in[k] = dot(d, &weights[k * N..(k + 1) * N]);
        }
    }
}

/// `backpropagate` for a narrow layer of 5 to 8 inputs: the same dot
/// products as `dot`, four inputs to a vector (two vectors). Below four
/// units `dot` adds the products one by one to zero, and so does this; the
/// units past the last add 0 · 0 = +0, which leaves a sum that started at
/// +0 as it was (such a sum is never -0).
fn backpropagate_padded<const IN: usize>(delta: &[f32], weights: &[f32], delta_in: &mut [f32]) {
    const VECTORS: usize = 2;
    let n = weights.len() / IN;
    // Unit j's weights from inputs 4v to 4v + 3, zero past the last.
    let weight = |k: usize, j: usize| match k < IN && j < n {
        true => weights[k * n + j],
        false => 0.0,
    };
    let columns: [[F4; VECTORS]; 4] = std::array::from_fn(|j| {
        std::array::from_fn(|v| F4::new(std::array::from_fn(|k| weight(4 * v + k, j))))
    });
    for (d, d_in) in delta.chunks_exact(n).zip(delta_in.chunks_exact_mut(IN)) {
        let unit = |j: usize| d.get(j).copied().unwrap_or(0.0);
        for v in 0..VECTORS {
            let term = |j: usize| F4::splat(unit(j)).mul(columns[j][v]);
            let sum = if n == 4 {
                // `dot`'s four partial sums, each from zero, added in pairs.
                let zero = F4::splat(0.0);
                let (t0, t1) = (zero.add(term(0)), zero.add(term(1)));
                let (t2, t3) = (zero.add(term(2)), zero.add(term(3)));
                t0.add(t1).add(t2.add(t3))
            } else {
                F4::splat(0.0).add(term(0)).add(term(1)).add(term(2))
            };
            let end = (4 * v + 4).min(IN);
            store(&mut d_in[4 * v..end], sum.to_array());
        }
    }
}

fn backpropagate_any(delta: &[f32], weights: &[f32], delta_in: &mut [f32], in_dim: usize) {
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
        // Whatever the buffers held is overwritten, not added to.
        let mut gw = [9.0; 6];
        let mut gb = [9.0; 2];
        weight_gradients(&X, &delta, &mut gw, &mut gb, 3);
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
    fn every_fixed_width_matches_the_general_loops() {
        let shapes = (1..=33)
            .map(|width| (3, width))
            .chain((1..=9).flat_map(|i| (1..=5).map(move |w| (i, w))));
        for (in_dim, width) in shapes {
            let x: Vec<f32> = (0..5 * in_dim).map(|i| (i as f32 * 0.37).sin()).collect();
            let w: Vec<f32> = (0..in_dim * width)
                .map(|i| (i as f32 * 0.91).cos())
                .collect();
            let b: Vec<f32> = (0..width).map(|i| i as f32 * 0.1).collect();
            let (mut fast, mut plain) = (vec![0.0; 5 * width], vec![0.0; 5 * width]);
            affine(&x, &w, &b, &mut fast, in_dim);
            affine_any(&x, &w, &b, &mut plain, in_dim);
            assert_eq!(fast, plain, "affine, {in_dim} → {width}");
            let d: Vec<f32> = (0..5 * width).map(|i| (i as f32 * 0.53).sin()).collect();
            let (mut gw1, mut gb1, mut gw2, mut gb2) = (
                vec![0.5; in_dim * width],
                vec![0.5; width],
                vec![0.5; in_dim * width],
                vec![0.5; width],
            );
            weight_gradients(&x, &d, &mut gw1, &mut gb1, in_dim);
            gradients_any(&x, &d, &mut gw2, &mut gb2, in_dim);
            assert_eq!(gw1, gw2, "weight gradients, {in_dim} → {width}");
            assert_eq!(gb1, gb2, "bias gradients, width {width}");
            // No rows: zero gradients, whatever the buffers held.
            weight_gradients(&[], &[], &mut gw1, &mut gb1, in_dim);
            assert!(
                gw1.iter().chain(&gb1).all(|&g| g == 0.0),
                "empty batch, {in_dim} → {width}"
            );
            let (mut back1, mut back2) = (vec![0.0; 5 * in_dim], vec![0.0; 5 * in_dim]);
            backpropagate(&d, &w, &mut back1, in_dim);
            backpropagate_any(&d, &w, &mut back2, in_dim);
            assert_eq!(back1, back2, "backpropagation, {in_dim} → {width}");
        }
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
