/**
 * A set of (a, b) pairs of non-negative int32 indices, in typed arrays with open
 * addressing (linear probing). Near-duplicate detection remembers every candidate
 * pair it has verified; at a million postings that is tens of millions of pairs,
 * past the 2^24 entries a JavaScript `Set` can hold ("Set maximum size exceeded"),
 * and a `Set` of numbers costs several times the 8 bytes per slot used here.
 */
import { mix32 } from './minhash.js';

/** Slots are at most this full before the table doubles: linear probing stays short. */
const MAX_LOAD = 0.5;
const EMPTY = -1;

export class PairSet {
  /** Slot s holds its pair at [2s, 2s + 1]: one cache line per probe, not two. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `expected`: pairs the caller expects (a hint; the table grows as needed). */
  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.slots = new Int32Array(2 * capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds (a, b); true when it was not there yet. Order matters: (a, b) and (b, a) are different pairs. */
  add(a: number, b: number): boolean {
    const { slots, mask } = this;
    let slot = slotOf(a, b, mask);
    for (;;) {
      const f = slots[2 * slot];
      if (f === EMPTY) break;
      if (f === a && slots[2 * slot + 1] === b) return false;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = a;
    slots[2 * slot + 1] = b;
    this.count++;
    if (this.count > (mask + 1) * MAX_LOAD) this.grow();
    return true;
  }

  has(a: number, b: number): boolean {
    const { slots, mask } = this;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const f = slots[2 * slot];
      if (f === EMPTY) return false;
      if (f === a && slots[2 * slot + 1] === b) return true;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = old.length; // twice the old capacity: old.length is 2 × capacity
    // Typed arrays stop at 2^31 elements; memory runs out well before.
    if (capacity > 2 ** 30) throw new RangeError(`PairSet: more than ${2 ** 29} pairs.`);
    const slots = new Int32Array(2 * capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i];
      if (a === EMPTY) continue;
      const b = old[i + 1];
      let slot = slotOf(a, b, mask);
      while (slots[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = a;
      slots[2 * slot + 1] = b;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slotOf(a: number, b: number, mask: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ mix32(b)) & mask;
}
