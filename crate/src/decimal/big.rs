//! Unsigned integers of any size, with only what exact comparison of a
//! decimal with a binary number, and writing one out, need: products by
//! small numbers, powers of two, five and ten, order and decimal digits.

use std::cmp::Ordering;

/// Base-2^32 digits, least significant first.
#[derive(Clone, Debug)]
pub struct Big(Vec<u32>);

impl From<u64> for Big {
    fn from(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }
}

impl Big {
    /// The integer written by decimal `digits` (each 0 to 9).
    pub fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0, |v, &d| 10 * v + d as u32);
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// `self · factor + add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = add as u64;
        for limb in &mut self.0 {
            let v = *limb as u64 * factor as u64 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self · 10^n`.
    pub fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(9);
            self.mul_add(10u32.pow(step), 0);
            n -= step;
        }
    }

    /// `self · 5^n`.
    pub fn mul_pow5(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(13); // 5^13 < 2^32
            self.mul_add(5u32.pow(step), 0);
            n -= step;
        }
    }

    /// Its decimal digits (each 0 to 9), most significant first, without
    /// leading zeros; none for zero.
    pub fn decimal(mut self) -> Vec<u8> {
        // Nine digits at a time: the remainders of division by 10^9.
        let mut groups = Vec::new();
        loop {
            let n = self.significant().len();
            if n == 0 {
                break;
            }
            self.0.truncate(n);
            let mut rest = 0u64;
            for limb in self.0.iter_mut().rev() {
                let v = rest << 32 | *limb as u64;
                *limb = (v / 1_000_000_000) as u32;
                rest = v % 1_000_000_000;
            }
            groups.push(rest as u32);
        }
        let mut digits = Vec::with_capacity(groups.len() * 9);
        for group in groups.iter().rev() {
            digits.extend((0..9).rev().map(|i| (group / 10u32.pow(i) % 10) as u8));
        }
        let leading = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..leading);
        digits
    }

    /// `self · 2^n`.
    pub fn shl(&mut self, n: u32) {
        let bits = n % 32;
        let mut shifted = vec![0; (n / 32) as usize];
        let mut carry = 0;
        for &limb in &self.0 {
            let v = (limb as u64) << bits;
            shifted.push(v as u32 | carry);
            carry = (v >> 32) as u32;
        }
        shifted.push(carry);
        self.0 = shifted;
    }

    /// The limbs up to the most significant one that is not zero.
    fn significant(&self) -> &[u32] {
        let n = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        &self.0[..n]
    }
}

impl PartialEq for Big {
    fn eq(&self, other: &Big) -> bool {
        self.significant() == other.significant()
    }
}

impl Eq for Big {}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        let (a, b) = (self.significant(), other.significant());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}
