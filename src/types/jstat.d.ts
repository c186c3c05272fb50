/** The few parts of jStat (CommonJS, untyped) that jd-cluster uses. */
declare module 'jstat' {
  interface Distribution1 {
    cdf(x: number, a: number): number;
    inv(p: number, a: number): number;
  }
  interface Distribution2 {
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
  }
  export interface JStatStatic {
    chisquare: Distribution1;
    normal: Distribution2;
    studentt: Distribution1;
    erfc(x: number): number;
  }
  const jstat: { jStat: JStatStatic };
  export default jstat;
}
