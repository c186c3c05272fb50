/**
 * Agreement between labellings: each clustering against the known labels (when
 * given) and against every other clustering, by ARI and NMI — how stable the
 * structure is across algorithms.
 */
import type { Labels } from '../core/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../validate/index.js';

export interface Agreement {
  against: string;
  adjustedRandIndex: number;
  normalizedMutualInformation: number;
}

export function agreementWith(name: string, reference: Labels, labels: Labels): Agreement {
  return {
    against: name,
    adjustedRandIndex: adjustedRandIndex(reference, labels),
    normalizedMutualInformation: normalizedMutualInformation(reference, labels),
  };
}

/** Every clustering against every other one, appended to its `agreement`. */
export function crossAgreement(clusterings: ReadonlyArray<{ algorithm: string; labels: Labels; agreement: Agreement[] }>): void {
  for (const a of clusterings) {
    for (const b of clusterings) if (a !== b) a.agreement.push(agreementWith(b.algorithm, b.labels, a.labels));
  }
}

/** Known labels of the input postings, as integer codes per vector row. */
export function groundTruthOfRows(
  truth: { name: string; labels: ArrayLike<string | number> },
  postingOfRow: Int32Array,
): { name: string; labels: Int32Array } {
  const codes = new Map<string | number, number>();
  const labels = Int32Array.from(postingOfRow, (i) => {
    const key = truth.labels[i];
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = codes.size));
    return code;
  });
  return { name: truth.name, labels };
}
