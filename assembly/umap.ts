// UMAP layout optimisation: stochastic gradient descent on the fuzzy graph's
// edges with negative sampling (McInnes, Healy & Melville 2018), in 2-D.
//
// One call runs one epoch of one partition. The vertices are split into a fixed
// number of partitions of contiguous rows (src/core/umap.ts chooses them from the
// edge weights alone, never from the thread count). A partition moves only its own
// vertices: it reads its own vertices' current positions ("live") and every other
// vertex's position as it was at the start of the epoch ("snapshot"). So what a
// partition computes depends on nothing another thread does during the epoch, and
// the layout is the same bit for bit for any number of threads and any order in
// which threads claim partitions. (Hogwild updates, as umap-learn and umap-js do in
// parallel, would make the result depend on timing.)
//
// Departures from umap-learn, both forced by the scheme above:
// - a positive sample moves the head only, with twice the gradient. The graph holds
//   both directions of every edge and the reference moves both ends of each, so in
//   expectation the attraction each vertex receives is the same;
// - negative samples are drawn from a generator keyed by (seed, epoch, edge), not
//   from one sequential stream, so that partitions need no shared random state;
// - negatives are computed four at a time in SIMD lanes: the four of a group are
//   pushed from the same head position and their steps added (the reference moves
//   the head after each). 1.6× faster per epoch on the corpus vectors; the steps
//   are small (learning rate ≤ 1, each clipped), so the layout is alike.

// Layout of the parameter block (32-bit fields) written by src/core/umap.ts; keep both in sync.
const P_OFFSETS: usize = 0; // i32[n + 1] first edge of each head vertex (edges sorted by head)
const P_TAILS: usize = 4; // i32[m] tail vertex of each edge
const P_EPOCHS_PER_SAMPLE: usize = 8; // f64[m] epochs between two positive samples of an edge
const P_NEXT_SAMPLE: usize = 12; // f64[m] epoch of the edge's next positive sample (state)
const P_NEXT_NEGATIVE: usize = 16; // f64[m] epoch of the edge's next negative sample (state)
const P_LIVE: usize = 20; // f32[n * 2] positions being optimised
const P_SNAPSHOT: usize = 24; // f32[n * 2] positions at the start of the epoch
const P_PARTITIONS: usize = 28; // i32[parts + 1] first vertex of each partition
const P_N: usize = 32; // vertices
const P_A: usize = 36; // f32 curve parameter a
const P_B: usize = 40; // f32 curve parameter b
const P_GAMMA: usize = 44; // f32 repulsion strength
const P_NEGATIVE_RATE: usize = 48; // i32 negative samples per positive sample
const P_SEED: usize = 52; // u32

/** Number of bytes of the parameter block. */
export function umapParamBytes(): i32 {
  return 56;
}

/** Gradients are clipped to ±4, as in the reference, so that no single sample throws a point away. */
const CLIP: f32 = 4;
/** Keeps the repulsion finite when two points (nearly) coincide, as in the reference. */
const REPULSION_EPSILON: f32 = 0.001;

@inline function clip(x: f32): f32 {
  return x > CLIP ? CLIP : x < -CLIP ? -CLIP : x;
}

/**
 * x^y for x > 0 as 2^(y·log2 x), to about 1e-6 relative: log2 from the exponent bits
 * and the series of atanh, 2^f from a degree-6 Taylor polynomial on [−0.5, 0.5].
 * Several times faster than Mathf.pow, which dominated the epoch; the layout needs
 * nowhere near full float precision here (umap-learn itself runs with fastmath).
 */
@inline function powPositive(x: f32, y: f32): f32 {
  const bits = reinterpret<i32>(x);
  const exponent = <f32>((bits >> 23) - 127);
  const m = reinterpret<f32>((bits & 0x7fffff) | 0x3f800000); // mantissa in [1, 2)
  const s = (m - 1) / (m + 1); // in [0, 1/3)
  const s2 = s * s;
  const series: f32 = 1 + s2 * (THIRD + s2 * (FIFTH + s2 * (SEVENTH + s2 * NINTH)));
  const lnM: f32 = s * series * 2;
  let t: f32 = y * (exponent + lnM * LOG2_E);
  // 2^t overflows or underflows f32 far outside this range; the gradient is clipped anyway.
  t = t > 126 ? 126 : t < -126 ? -126 : t;
  const whole = nearest<f32>(t);
  const f: f32 = (t - whole) * LN_2; // in [−ln2/2, ln2/2]
  const ef: f32 = 1 + f * (1 + f * (HALF + f * (SIXTH + f * (INV24 + f * (INV120 + f * INV720)))));
  return ef * reinterpret<f32>((<i32>whole + 127) << 23);
}

/** powPositive on four lanes (lanes with x ≤ 0 give some finite value, to be masked by the caller). */
@inline function powPositive4(x: v128, y: v128): v128 {
  const exponent = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_s(x, 23), i32x4.splat(127)));
  const m = v128.or(v128.and(x, i32x4.splat(0x7fffff)), i32x4.splat(0x3f800000));
  const one = f32x4.splat(1);
  const s = f32x4.div(f32x4.sub(m, one), f32x4.add(m, one));
  const s2 = f32x4.mul(s, s);
  let series = f32x4.add(f32x4.splat(SEVENTH), f32x4.mul(s2, f32x4.splat(NINTH)));
  series = f32x4.add(f32x4.splat(FIFTH), f32x4.mul(s2, series));
  series = f32x4.add(f32x4.splat(THIRD), f32x4.mul(s2, series));
  series = f32x4.add(one, f32x4.mul(s2, series));
  const lnM = f32x4.mul(f32x4.mul(s, series), f32x4.splat(2));
  let t = f32x4.mul(y, f32x4.add(exponent, f32x4.mul(lnM, f32x4.splat(LOG2_E))));
  t = f32x4.max(f32x4.min(t, f32x4.splat(126)), f32x4.splat(-126));
  const whole = f32x4.nearest(t);
  const f = f32x4.mul(f32x4.sub(t, whole), f32x4.splat(LN_2));
  let ef = f32x4.add(f32x4.splat(INV120), f32x4.mul(f, f32x4.splat(INV720)));
  ef = f32x4.add(f32x4.splat(INV24), f32x4.mul(f, ef));
  ef = f32x4.add(f32x4.splat(SIXTH), f32x4.mul(f, ef));
  ef = f32x4.add(f32x4.splat(HALF), f32x4.mul(f, ef));
  ef = f32x4.add(one, f32x4.mul(f, ef));
  ef = f32x4.add(one, f32x4.mul(f, ef));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(whole), i32x4.splat(127)), 23);
  return f32x4.mul(ef, scale);
}

const THIRD: f32 = 1.0 / 3;
const FIFTH: f32 = 0.2;
const SEVENTH: f32 = 1.0 / 7;
const NINTH: f32 = 1.0 / 9;
const LOG2_E: f32 = 1.4426950408889634;
const LN_2: f32 = 0.6931471805599453;
const HALF: f32 = 0.5;
const SIXTH: f32 = 1.0 / 6;
const INV24: f32 = 1.0 / 24;
const INV120: f32 = 1.0 / 120;
const INV720: f32 = 1.0 / 720;

@inline function ptr(p: usize, field: usize): usize {
  return <usize>load<u32>(p + field);
}

function mix64(z0: u64): u64 {
  let z = z0 + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/**
 * One epoch of partition `task`: every edge of its head vertices that is due
 * (next sample ≤ epoch) attracts its head to its tail, then pushes the head away
 * from the negative samples due since the last visit, at learning rate `alpha`.
 */
export function umapEpochTask(p: usize, epoch: i32, alpha: f32, task: i32): void {
  const offsets = ptr(p, P_OFFSETS);
  const tails = ptr(p, P_TAILS);
  const epochsPerSample = ptr(p, P_EPOCHS_PER_SAMPLE);
  const nextSample = ptr(p, P_NEXT_SAMPLE);
  const nextNegative = ptr(p, P_NEXT_NEGATIVE);
  const live = ptr(p, P_LIVE);
  const snapshot = ptr(p, P_SNAPSHOT);
  const partitions = ptr(p, P_PARTITIONS);
  const n = load<i32>(p + P_N);
  const a = load<f32>(p + P_A);
  const b = load<f32>(p + P_B);
  const gamma = load<f32>(p + P_GAMMA);
  const negativeRate = <f64>load<i32>(p + P_NEGATIVE_RATE);
  const seed = <u64>load<u32>(p + P_SEED);
  const r0 = load<i32>(partitions + (<usize>task << 2));
  const r1 = load<i32>(partitions + (<usize>(task + 1) << 2));
  const now = <f64>epoch;
  const attract: f32 = -2 * a * b * 2; // × 2: the head alone takes the pair's attraction (see header)
  const repel: f32 = 2 * gamma * b;
  const epochKey = mix64(seed ^ (<u64>epoch << 40));

  for (let i = r0; i < r1; i++) {
    // The head stays in registers: only this loop moves it during the epoch.
    let xi = load<f32>(live + (<usize>i << 3));
    let yi = load<f32>(live + (<usize>i << 3), 4);
    const e1 = load<i32>(offsets + (<usize>(i + 1) << 2));
    for (let e = load<i32>(offsets + (<usize>i << 2)); e < e1; e++) {
      const eo = <usize>e << 3;
      const due = load<f64>(nextSample + eo);
      if (due > now) continue;
      const j = load<i32>(tails + (<usize>e << 2));
      const src = j >= r0 && j < r1 ? live : snapshot;
      const dx = xi - load<f32>(src + (<usize>j << 3));
      const dy = yi - load<f32>(src + (<usize>j << 3), 4);
      const d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const pw = powPositive(d2, b);
        const coeff = (attract * pw) / d2 / (a * pw + 1);
        xi += clip(coeff * dx) * alpha;
        yi += clip(coeff * dy) * alpha;
      }
      const period = load<f64>(epochsPerSample + eo);
      store<f64>(nextSample + eo, due + period);

      const negativePeriod = period / negativeRate;
      const lastNegative = load<f64>(nextNegative + eo);
      const samples = <i32>((now - lastNegative) / negativePeriod);
      // Negatives four at a time: the four of a group see the same head position.
      let state = mix64(epochKey ^ <u64>e);
      const hx = f32x4.splat(xi),
        hy = f32x4.splat(yi);
      let sumX = f32x4.splat(0),
        sumY = f32x4.splat(0);
      for (let s = 0; s < samples; s += 4) {
        let ox = f32x4.splat(0),
          oy = f32x4.splat(0),
          use = i32x4.splat(0);
        for (let lane = 0; lane < 4; lane++) {
          if (s + lane >= samples) break;
          state = state * 6364136223846793005 + 1442695040888963407;
          const k = <i32>(((state >> 32) * <u64>n) >> 32);
          if (k == i) continue;
          const srcK = k >= r0 && k < r1 ? live : snapshot;
          const xk = load<f32>(srcK + (<usize>k << 3));
          const yk = load<f32>(srcK + (<usize>k << 3), 4);
          // replace_lane needs a constant lane index.
          if (lane == 0) {
            ox = f32x4.replace_lane(ox, 0, xk);
            oy = f32x4.replace_lane(oy, 0, yk);
            use = i32x4.replace_lane(use, 0, -1);
          } else if (lane == 1) {
            ox = f32x4.replace_lane(ox, 1, xk);
            oy = f32x4.replace_lane(oy, 1, yk);
            use = i32x4.replace_lane(use, 1, -1);
          } else if (lane == 2) {
            ox = f32x4.replace_lane(ox, 2, xk);
            oy = f32x4.replace_lane(oy, 2, yk);
            use = i32x4.replace_lane(use, 2, -1);
          } else {
            ox = f32x4.replace_lane(ox, 3, xk);
            oy = f32x4.replace_lane(oy, 3, yk);
            use = i32x4.replace_lane(use, 3, -1);
          }
        }
        const vx = f32x4.sub(f32x4.add(hx, sumX), ox);
        const vy = f32x4.sub(f32x4.add(hy, sumY), oy);
        const v2 = f32x4.add(f32x4.mul(vx, vx), f32x4.mul(vy, vy));
        const denominator = f32x4.mul(
          f32x4.add(f32x4.splat(REPULSION_EPSILON), v2),
          f32x4.add(f32x4.mul(f32x4.splat(a), powPositive4(v2, f32x4.splat(b))), f32x4.splat(1)),
        );
        const live4 = v128.and(use, f32x4.gt(v2, f32x4.splat(0)));
        const coeff = v128.and(f32x4.div(f32x4.splat(repel), denominator), live4);
        const lo = f32x4.splat(-CLIP),
          hi = f32x4.splat(CLIP);
        const gx = f32x4.max(f32x4.min(f32x4.mul(coeff, vx), hi), lo);
        const gy = f32x4.max(f32x4.min(f32x4.mul(coeff, vy), hi), lo);
        const stepX = f32x4.mul(gx, f32x4.splat(alpha)),
          stepY = f32x4.mul(gy, f32x4.splat(alpha));
        const totalX = f32x4.extract_lane(stepX, 0) + f32x4.extract_lane(stepX, 1) + f32x4.extract_lane(stepX, 2) + f32x4.extract_lane(stepX, 3);
        const totalY = f32x4.extract_lane(stepY, 0) + f32x4.extract_lane(stepY, 1) + f32x4.extract_lane(stepY, 2) + f32x4.extract_lane(stepY, 3);
        sumX = f32x4.add(sumX, f32x4.splat(totalX));
        sumY = f32x4.add(sumY, f32x4.splat(totalY));
      }
      xi += f32x4.extract_lane(sumX, 0);
      yi += f32x4.extract_lane(sumY, 0);
      store<f64>(nextNegative + eo, lastNegative + <f64>samples * negativePeriod);
    }
    store<f32>(live + (<usize>i << 3), xi);
    store<f32>(live + (<usize>i << 3), yi, 4);
  }
}
