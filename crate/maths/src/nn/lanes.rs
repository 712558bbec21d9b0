//! Four `f32` lanes, added and multiplied lane by lane: one 128-bit wasm
//! SIMD vector where the build has SIMD, a plain array elsewhere. Each lane
//! is the same IEEE operation either way, so both give the same bits.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod vector {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};

    #[derive(Clone, Copy)]
    pub struct F4(v128);

    impl F4 {
        #[inline(always)]
        pub fn new(lanes: [f32; 4]) -> F4 {
            // SAFETY: reads the 16 bytes of `lanes`; v128.load takes any alignment.
            F4(unsafe { v128_load(lanes.as_ptr().cast()) })
        }
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4(f32x4_splat(x))
        }
        #[inline(always)]
        pub fn add(self, other: F4) -> F4 {
            F4(f32x4_add(self.0, other.0))
        }
        #[inline(always)]
        pub fn mul(self, other: F4) -> F4 {
            F4(f32x4_mul(self.0, other.0))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            let mut lanes = [0.0f32; 4];
            // SAFETY: writes the 16 bytes of `lanes`; v128.store takes any alignment.
            unsafe { v128_store(lanes.as_mut_ptr().cast(), self.0) };
            lanes
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod vector {
    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    impl F4 {
        #[inline(always)]
        pub fn new(lanes: [f32; 4]) -> F4 {
            F4(lanes)
        }
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4([x; 4])
        }
        #[inline(always)]
        pub fn add(self, other: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] + other.0[i]))
        }
        #[inline(always)]
        pub fn mul(self, other: F4) -> F4 {
            F4(std::array::from_fn(|i| self.0[i] * other.0[i]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
    }
}

pub use vector::F4;

/// Four lanes of `values` from `at`, of which the first `n` (at most four)
/// count. Where four fit before the end of `values`, the lanes past `n`
/// hold the values that follow (for kernels that throw those lanes away);
/// at the end, they are zero.
#[inline(always)]
pub fn load(values: &[f32], at: usize, n: usize) -> F4 {
    match values.get(at..at + 4) {
        Some(&[a, b, c, d]) => F4::new([a, b, c, d]),
        _ => {
            let mut lanes = [0.0; 4];
            lanes[..n].copy_from_slice(&values[at..at + n]);
            F4::new(lanes)
        }
    }
}

/// Writes the first `out.len()` (at most four) lanes of `lanes` to `out`.
#[inline(always)]
pub fn store(out: &mut [f32], lanes: [f32; 4]) {
    let n = out.len().min(4);
    out[..n].copy_from_slice(&lanes[..n]);
}
