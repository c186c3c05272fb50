/**
 * Common clusterer tests (scikit-learn's "common estimator tests" are the
 * model): every registered clusterer goes through the same contract checks, and
 * every bound its parameter specs declare is checked to be enforced.
 */
import { describe, expect, it } from 'vitest';
import { ParameterError, selectRows, type ParamSpec } from '../../src/core/index.js';
import { CLUSTERERS, getClusterer, type ClusteringResult } from '../../src/cluster/index.js';
import { sphericalBlobs } from './synthetic.js';

// Six blobs with some uniform noise: every clusterer finds structure here with its defaults.
const { X } = sphericalBlobs(600, 16, 6, { spread: 0.4, noise: 0.05, seed: 7 });
// A few parameters away from the estimators' defaults where those do not suit 600 rows.
const PARAMS: Record<string, Record<string, unknown>> = {
  kmeans: { k: 6 },
  'bisecting-kmeans': { k: 6 },
  dbscan: { eps: 'auto' },
};

function fit(name: string, threads = 1, seed = 3): ClusteringResult {
  return getClusterer(name)
    .create(PARAMS[name] ?? {}, { threads, seed })
    .fit(X);
}

/** Bad values for a spec: one per declared bound, plus a wrong type. */
function badValues(spec: ParamSpec): unknown[] {
  const bad: unknown[] = [];
  switch (spec.type) {
    case 'integer':
      bad.push('1', 1.5);
      break;
    case 'number':
      bad.push('1', Number.NaN);
      break;
    case 'boolean':
      bad.push(1, 'true');
      break;
    case 'enum':
      bad.push('no-such-value', 1);
      break;
    case 'string':
      bad.push(1);
      break;
  }
  if (spec.min !== undefined) bad.push(spec.type === 'integer' ? spec.min - 1 : spec.min - 1e-9);
  if (spec.max !== undefined) bad.push(spec.type === 'integer' ? spec.max + 1 : spec.max + 1e-9);
  if (spec.exclusiveMin !== undefined) bad.push(spec.exclusiveMin);
  return bad;
}

describe.each(CLUSTERERS.map((c) => [c.name]))('clusterer %s', (name) => {
  const entry = getClusterer(name);
  const result = fit(name);

  it('labels: one per row, in [−1, nClusters), every cluster used', () => {
    expect(result.labels).toBeInstanceOf(Int32Array);
    expect(result.labels.length).toBe(X.rows);
    const sizes = new Array(result.nClusters).fill(0);
    for (const l of result.labels) {
      expect(l).toBeGreaterThanOrEqual(-1);
      expect(l).toBeLessThan(result.nClusters);
      if (l >= 0) sizes[l]++;
    }
    expect(result.nClusters).toBeGreaterThan(1);
    expect(sizes.every((s) => s > 0)).toBe(true);
  });

  it('reports its registry name, capabilities and JSON-serialisable params without threads', () => {
    expect(result.algorithm).toBe(name);
    expect(result.capabilities).toEqual(entry.capabilities);
    expect(JSON.parse(JSON.stringify(result.params))).toEqual(result.params);
    expect('threads' in result.params).toBe(false);
    for (const key of Object.keys(result.params)) expect(entry.params).toHaveProperty(key);
  });

  it('same seed → same result; thread count 1 vs 2 → same result', () => {
    expect(fit(name, 1).labels).toEqual(result.labels);
    expect(fit(name, 2).labels).toEqual(result.labels);
  });

  it('capabilities are honest', () => {
    const c = result.capabilities;
    if (!c.noise) expect(result.labels.includes(-1)).toBe(false);
    expect(result.probabilities !== undefined).toBe(c.probabilities);
    if (result.probabilities) {
      expect(result.probabilities.length).toBe(X.rows);
      for (const p of result.probabilities) expect(p >= 0 && p <= 1).toBe(true);
    }
    expect(result.hierarchy !== undefined).toBe(c.hierarchy);
    expect(typeof result.predict === 'function').toBe(c.predict);
  });

  it.runIf(entry.capabilities.predict)('predict on the training rows agrees with the labels', () => {
    const predicted = result.predict!(X);
    expect(predicted.length).toBe(X.rows);
    let same = 0;
    for (let i = 0; i < X.rows; i++) if (predicted[i] === result.labels[i]) same++;
    // Centroid-based clusterers predict exactly what they fitted; density-based
    // ones (HDBSCAN's approximate prediction) may differ on the border.
    if (!entry.capabilities.noise) expect(same).toBe(X.rows);
    else expect(same / X.rows).toBeGreaterThan(0.9);
    // Rows predicted one at a time get the same label as in a batch.
    expect(result.predict!(selectRows(X, [5]))[0]).toBe(predicted[5]);
  });

  it.runIf(entry.capabilities.hierarchy)('hierarchy linkage is well-formed', () => {
    const { linkage } = result.hierarchy!;
    const k = result.nClusters;
    expect(linkage.length).toBe(k - 1);
    const size = new Map<number, number>();
    for (let c = 0; c < k; c++) size.set(c, 0);
    for (const l of result.labels) if (l >= 0) size.set(l, size.get(l)! + 1);
    const used = new Set<number>();
    let height = -Infinity;
    linkage.forEach((step, i) => {
      for (const node of [step.left, step.right]) {
        expect(node).toBeLessThan(k + i);
        expect(used.has(node)).toBe(false);
        used.add(node);
      }
      expect(step.height).toBeGreaterThanOrEqual(height);
      height = step.height;
      expect(step.size).toBe(size.get(step.left)! + size.get(step.right)!);
      size.set(k + i, step.size);
    });
    if (k > 1) expect(linkage[linkage.length - 1].size).toBe(result.labels.filter((l) => l >= 0).length);
  });

  it('every declared parameter bound is enforced with a ParameterError naming the parameter', () => {
    for (const [param, spec] of Object.entries(entry.params)) {
      for (const value of badValues(spec)) {
        if (spec.auto && value === 'auto') continue;
        let error: unknown;
        try {
          entry.create({ [param]: value });
        } catch (e) {
          error = e;
        }
        expect(error, `${name}.${param} = ${String(value)}`).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe(param);
      }
    }
    expect(() => entry.create({ noSuchParameter: 1 })).toThrow(/noSuchParameter/);
    expect(() => entry.create({}, { threads: 0 })).toThrow(/threads/);
  });

  it('every declared default is accepted', () => {
    for (const [param, spec] of Object.entries(entry.params)) {
      if (spec.default !== undefined) expect(() => entry.create({ [param]: spec.default })).not.toThrow();
    }
  });
});

describe('bisecting-kmeans', () => {
  it('largest-cluster splits the cluster with the most rows; biggest-inertia the most spread one', () => {
    const entry = getClusterer('bisecting-kmeans');
    for (const strategy of ['largest-cluster', 'biggest-inertia']) {
      const r = entry.create({ k: 6, bisectingStrategy: strategy, seed: 1 }).fit(X);
      expect(r.nClusters).toBe(6);
      expect(r.params.bisectingStrategy).toBe(strategy);
    }
  });

  it('k = 1: one cluster, empty linkage', () => {
    const r = getClusterer('bisecting-kmeans').create({ k: 1 }).fit(X);
    expect(r.nClusters).toBe(1);
    expect(r.hierarchy!.linkage).toEqual([]);
  });

  it('finds planted blobs', () => {
    const blobs = sphericalBlobs(800, 16, 4, { spread: 0.2, seed: 11 });
    const r = getClusterer('bisecting-kmeans').create({ k: 4, nInit: 3 }).fit(blobs.X);
    const pairs = new Set<string>();
    for (let i = 0; i < blobs.X.rows; i++) pairs.add(`${blobs.truth[i]}:${r.labels[i]}`);
    expect(pairs.size).toBe(4);
  });
});
