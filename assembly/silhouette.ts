// Per-row sums of cosine distances grouped by label (what silhouette needs), in
// O(n·L·d) instead of O(n²·d): with unit rows x̂, Σ_{j∈l} (1 − x̂_i·x̂_j) =
// |l| − x̂_i·S_l where S_l = Σ_{j∈l} x̂_j (f64, computed by the caller).
import { dsD, dsN, dsNorms, dsXo } from './similarity';

/**
 * Rows [task·rowsPerTask, …) of dataset ds: out[i·L + l] = Σ over rows j ≠ i with
 * label l of d(i, j), from sums S (L × d f64) and counts (L f64) of the unit rows.
 */
export function labelDistanceSumsTask(
  ds: usize, labels: usize, nLabels: i32, S: usize, counts: usize, out: usize, rowsPerTask: i32, task: i32,
): void {
  const n = dsN(ds), d = dsD(ds);
  const xo = dsXo(ds), norms = dsNorms(ds);
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  for (let i = start; i < end; i++) {
    const row = xo + ((<usize>i * <usize>d) << 2);
    const norm = load<f64>(norms + (<usize>i << 3));
    const own = load<i32>(labels + (<usize>i << 2));
    const o = out + ((<usize>i * <usize>nLabels) << 3);
    for (let l = 0; l < nLabels; l++) {
      const s = S + ((<usize>l * <usize>d) << 3);
      let acc = f64x2.splat(0);
      let t = 0;
      for (; t + 2 <= d; t += 2) {
        const x = f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>t << 2)));
        acc = f64x2.add(acc, f64x2.mul(x, v128.load(s + (<usize>t << 3))));
      }
      let dot = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
      for (; t < d; t++) dot += <f64>load<f32>(row + (<usize>t << 2)) * load<f64>(s + (<usize>t << 3));
      dot /= norm;
      let sum = load<f64>(counts + (<usize>l << 3)) - dot;
      if (l == own) {
        // Remove row i's own term 1 − x̂_i·x̂_i (its distance to itself is 0).
        let self: f64 = 0;
        for (let u = 0; u < d; u++) {
          const x = <f64>load<f32>(row + (<usize>u << 2)) / norm;
          self += x * x;
        }
        sum -= 1 - self;
      }
      store<f64>(o + (<usize>l << 3), sum > 0 ? sum : 0);
    }
  }
}
