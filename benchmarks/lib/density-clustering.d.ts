/** The part of `density-clustering` (no published types) the comparison uses. */
declare module 'density-clustering' {
  export class DBSCAN {
    constructor();
    /** Clusters as lists of point indices; `noise` holds points seen as noise (some may later join a cluster). */
    run(dataset: number[][], epsilon: number, minPts: number, distance?: (p: number[], q: number[]) => number): number[][];
    noise: number[];
  }
}
