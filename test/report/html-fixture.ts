/**
 * Schema-v2 reports for the HTML page tests: a small hand-made one (every
 * field written out, with text that needs escaping) and a generated large one
 * shaped like the whole shared corpus (36k map rows, 90 clusters, 7 platforms,
 * facets platform and city), built from a seeded generator so every run sees
 * the same page.
 */
import type { ClusteringReport, MapRowData, PipelineReport } from '../../src/report/index.js';
import type { FacetId } from '../../src/data/index.js';

// The fixtures are written in the report's shape with only the fields the page
// reads; \`fullReport\` fills the rest with neutral values so that the page is
// rendered from a real \`PipelineReport\`.
interface KeywordV2 {
  readonly term: string;
  readonly score: number;
}

interface DataQualityRowV2 {
  readonly facet: string;
  readonly value: string;
  readonly postings: number;
  readonly descriptionCoverage: number | null;
  readonly medianDescriptionLength: number | null;
  readonly duplicateRate: number | null;
  readonly templateRate: number | null;
  readonly titleOnly: number | null;
  readonly titleOnlyShare: number | null;
}

interface ReportMapV2 {
  readonly ids: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly rows: number;
}

interface LinkageStepV2 {
  readonly left: number;
  readonly right: number;
  readonly height: number;
  readonly size: number;
}

interface ClusterV2 {
  readonly label: number;
  readonly name: string;
  readonly title?: string;
  readonly size: number;
  readonly share: number;
  readonly silhouette: number | null;
  readonly keywords: readonly KeywordV2[];
  readonly sampleTitles: readonly string[];
  readonly sampleIds?: readonly string[];
  readonly companies?: number;
  readonly topCompany?: string | null;
  readonly topCompanyShare?: number | null;
  readonly titleOnly?: number | null;
}

interface FacetFlagV2 {
  readonly value: string;
  readonly cluster: number;
  readonly direction: 'over' | 'under';
  readonly observed: number;
  readonly expected: number;
  readonly ratio: number;
  readonly ratioCI: readonly [number, number];
  readonly pAdjusted: number;
  readonly companies?: number;
  readonly topCompany?: string | null;
  readonly topCompanyShare?: number | null;
  readonly titleOnlyShare?: number | null;
  readonly confounded: null | 'company' | 'text';
}

interface FacetV2 {
  readonly facet: string;
  readonly values: readonly string[];
  readonly clusters: readonly number[];
  /** Row-major values × clusters. */
  readonly counts: readonly number[];
  readonly test: { readonly chi2: number; readonly df: number; readonly p: number; readonly cramersV: number; readonly n: number } | null;
  /** All flags, ranked by effect. */
  readonly flags: readonly FacetFlagV2[];
}

interface ClusteringV2 {
  readonly algorithm: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seconds: number | null;
  readonly n: number;
  readonly nClusters: number;
  readonly noise: {
    readonly count: number;
    readonly share: number;
    readonly keywords?: readonly KeywordV2[];
    readonly sampleTitles?: readonly string[];
  };
  readonly scores?: { readonly silhouette?: number | null };
  readonly hierarchy: { readonly linkage: readonly LinkageStepV2[] } | null;
  readonly clusters: readonly ClusterV2[];
  readonly facets: readonly FacetV2[];
}

interface PipelineReportV2 {
  readonly schemaVersion: 2;
  readonly title: string;
  readonly createdAt: string;
  readonly generator: { readonly name: string; readonly version: string | null };
  readonly dataset: {
    readonly source: string | null;
    readonly records: number;
    readonly skipped: number;
    readonly duplicates: number;
    readonly used: number;
  };
  readonly dataQuality: readonly DataQualityRowV2[];
  readonly map: ReportMapV2 | null;
  readonly clusterings: readonly ClusteringV2[];
}

/** The report with every field the fixture leaves out set to a neutral value. */
function fullReport(r: PipelineReportV2): PipelineReport {
  return {
    ...r,
    generator: { name: 'jd-cluster', version: r.generator.version },
    dataset: { ...r.dataset, templates: 0, skippedByReason: {}, skippedRecords: [], platforms: [] },
    dataQuality: r.dataQuality.map((q) => ({
      ...q,
      facet: q.facet as FacetId,
      templateRate: q.templateRate ?? 0,
      descriptionCoverage: q.descriptionCoverage ?? 0,
      medianDescriptionLength: q.medianDescriptionLength ?? 0,
      duplicateRate: q.duplicateRate ?? 0,
      titleOnly: q.titleOnly ?? 0,
      titleOnlyShare: q.titleOnlyShare ?? 0,
    })),
    representation: null,
    params: {},
    timings: { stages: [], totalSeconds: 0 },
    map: r.map,
    clusterings: r.clusterings.map((c): ClusteringReport => ({
      ...c,
      params: { ...c.params },
      capabilities: null,
      noise: {
        count: c.noise.count,
        share: c.noise.share,
        beforeAssignment: null,
        assigned: 0,
        keywords: c.noise.keywords ?? [],
        sampleTitles: c.noise.sampleTitles ?? [],
        sampleIds: [],
      },
      scores: {
        silhouette: c.scores?.silhouette ?? null,
        silhouetteSampled: false,
        silhouetteScored: null,
        silhouetteNoise: null,
        daviesBouldin: null,
        calinskiHarabasz: null,
      },
      agreement: [],
      kSelection: null,
      clusters: c.clusters.map((k) => ({
        ...k,
        title: k.title ?? '',
        sampleIds: k.sampleIds ?? [],
        companies: k.companies ?? 0,
        topCompany: k.topCompany ?? null,
        topCompanyShare: k.topCompanyShare ?? 0,
        titleOnly: k.titleOnly ?? 0,
      })),
      facets: c.facets.map((f) => ({
        ...f,
        values: [...f.values],
        clusters: [...f.clusters],
        counts: [...f.counts],
        test: f.test ?? { chi2: 0, df: 0, p: 1, cramersV: 0, n: 0 },
        flags: f.flags.map((g) => ({
          ...g,
          companies: g.companies ?? 0,
          topCompany: g.topCompany ?? null,
          topCompanyShare: g.topCompanyShare ?? 0,
          titleOnlyShare: g.titleOnlyShare ?? 0,
          ratioCI: [g.ratioCI[0], g.ratioCI[1]] as [number, number],
        })),
      })),
      salary: [],
      trends: [],
      trendInfo: null,
    })),
  };
}

/** mulberry32: a small seeded generator, enough for fixtures. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLATFORMS = ['BOSS直聘', '智联招聘', '前程无忧', '猎聘', '拉勾', '58同城', '实习僧'];
const CITIES = ['北京', '上海', '深圳', '广州', '杭州', '成都', '西安', '武汉', '南京', '重庆', '苏州', '天津'];
const ROLES = [
  '前端开发',
  '后端开发',
  '数据分析',
  '产品经理',
  '算法工程师',
  '测试工程师',
  '运维',
  '销售代表',
  '客服专员',
  '会计',
  '人力资源',
  '市场营销',
  '平面设计',
  '行政助理',
  '项目经理',
];
const LEVELS = ['初级', '中级', '高级', '资深', '实习'];
const STACKS = ['Java', 'Python', 'React', 'Go', 'C++', 'SQL', 'Vue', 'Spark', 'Excel', 'SAP'];
const COMPANY_PARTS = ['华为', '腾讯', '阿里', '字节', '美团', '京东', '小米', '网易', '百度', '滴滴', '顺丰', '比亚迪'];

/** Counts (values × clusters, row-major) and flags of one facet over the generated rows. */
function facetOf(facet: string, values: readonly string[], rowValues: readonly string[], labels: Int32Array, clusters: number[]): FacetV2 {
  const index = new Map(values.map((v, i) => [v, i]));
  const nc = clusters.length;
  const counts = new Array<number>(values.length * nc).fill(0);
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) counts[index.get(rowValues[i])! * nc + labels[i]]++;
  const rowTotals = values.map((_, v) => clusters.reduce((s, _c, c) => s + counts[v * nc + c], 0));
  const colTotals = clusters.map((_, c) => values.reduce((s, _v, v) => s + counts[v * nc + c], 0));
  const n = rowTotals.reduce((a, b) => a + b, 0);
  const flags: FacetFlagV2[] = [];
  let chi2 = 0;
  for (let v = 0; v < values.length; v++) {
    for (let c = 0; c < nc; c++) {
      const observed = counts[v * nc + c];
      const expected = (rowTotals[v] * colTotals[c]) / n;
      if (expected > 0) chi2 += (observed - expected) ** 2 / expected;
      const ratio = expected > 0 ? observed / expected : 1;
      if (expected >= 5 && (ratio >= 1.5 || ratio <= 1 / 1.5)) {
        flags.push({
          value: values[v],
          cluster: clusters[c],
          direction: ratio > 1 ? 'over' : 'under',
          observed,
          expected,
          ratio,
          ratioCI: [ratio * 0.8, ratio * 1.25],
          pAdjusted: Math.exp(-Math.abs(observed - expected) / 4),
          companies: 3,
          topCompany: `${COMPANY_PARTS[(v + c) % COMPANY_PARTS.length]}`,
          topCompanyShare: 0.4,
          titleOnlyShare: 0.1,
          confounded: c % 7 === 0 ? 'company' : null,
        });
      }
    }
  }
  flags.sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)) || a.cluster - b.cluster);
  const df = (values.length - 1) * (nc - 1);
  return {
    facet,
    values,
    clusters,
    counts,
    test: { chi2, df, p: 0, cramersV: Math.sqrt(chi2 / (n * Math.min(values.length - 1, nc - 1))), n },
    flags,
  };
}

/** A centroid-like merge tree over k leaves: repeatedly merges neighbouring nodes, heights increasing. */
function linkageOver(k: number, next: () => number): LinkageStepV2[] {
  const active = Array.from({ length: k }, (_, i) => ({ node: i, size: 1 }));
  const linkage: LinkageStepV2[] = [];
  let height = 0;
  while (active.length > 1) {
    const at = Math.floor(next() * (active.length - 1));
    const [a, b] = active.splice(at, 2);
    height += 0.01 + next() * 0.05;
    linkage.push({ left: a.node, right: b.node, height, size: a.size + b.size });
    active.splice(at, 0, { node: k + linkage.length - 1, size: a.size + b.size });
  }
  return linkage;
}

export interface GeneratedReport {
  report: PipelineReport;
  rows: MapRowData;
}

/** A whole-corpus-sized v2 report with its per-row data (titles, companies, platform, city, labels). */
export function largeReportV2(options: { rows?: number; clusters?: number; seed?: number } = {}): GeneratedReport {
  const n = options.rows ?? 36_000,
    k = options.clusters ?? 90;
  const next = random(options.seed ?? 7);
  const centres = Array.from({ length: k }, () => [next() * 40 - 20, next() * 40 - 20]);
  const labels = new Int32Array(n);
  const x: number[] = [],
    y: number[] = [],
    ids: string[] = [],
    titles: string[] = [],
    companies: string[] = [],
    platforms: string[] = [],
    cities: string[] = [];
  for (let i = 0; i < n; i++) {
    // 4% noise; cluster sizes skewed so the table has a real order.
    const label = next() < 0.04 ? -1 : Math.floor(k * next() ** 1.6);
    labels[i] = label;
    const [cx, cy] = label < 0 ? [next() * 44 - 22, next() * 44 - 22] : centres[label];
    const r = Math.sqrt(-2 * Math.log(next() + 1e-12)) * 0.9,
      t = 2 * Math.PI * next();
    x.push(cx + r * Math.cos(t));
    y.push(cy + r * Math.sin(t));
    ids.push(`job-${i}`);
    const role = ROLES[(label < 0 ? Math.floor(next() * ROLES.length) : label) % ROLES.length];
    titles.push(
      `${LEVELS[Math.floor(next() * LEVELS.length)]}${role}（${STACKS[Math.floor(next() * STACKS.length)]}）${Math.floor(next() * 400)}`,
    );
    companies.push(`${COMPANY_PARTS[Math.floor(next() * COMPANY_PARTS.length)]}${Math.floor(next() * 600)}科技有限公司`);
    // Platform 3 (猎聘) over-represents the first ten clusters: a bias the map shows as a region.
    platforms.push(label >= 0 && label < 10 && next() < 0.5 ? PLATFORMS[3] : PLATFORMS[Math.floor(next() * PLATFORMS.length)]);
    cities.push(CITIES[Math.floor(CITIES.length * next() ** 1.3)]);
  }
  const clusterIds = Array.from({ length: k }, (_, c) => c);
  const sizes = clusterIds.map((c) => labels.filter((l) => l === c).length);
  const noise = labels.filter((l) => l < 0).length;
  const clusters = clusterIds.map((c) => {
    const role = ROLES[c % ROLES.length];
    const stack = STACKS[c % STACKS.length];
    return {
      label: c,
      name: `${role} · ${stack} · ${CITIES[c % CITIES.length]}`,
      title: role,
      size: sizes[c],
      share: sizes[c] / n,
      silhouette: Math.round((next() * 0.6 - 0.05) * 1000) / 1000,
      keywords: [role, stack, '经验', '团队', '沟通'].map((term, j) => ({ term, score: 0.5 / (j + 1) })),
      sampleTitles: titles.filter((_, i) => labels[i] === c).slice(0, 5),
      sampleIds: [],
      companies: 40,
      topCompany: `${COMPANY_PARTS[c % COMPANY_PARTS.length]}科技`,
      topCompanyShare: 0.05 + next() * 0.3,
      titleOnly: 3,
    };
  });
  const clustering: ClusteringV2 = {
    algorithm: 'bisecting-kmeans',
    params: { k },
    seconds: 12.5,
    n,
    nClusters: k,
    noise: { count: noise, share: noise / n },
    scores: { silhouette: 0.12 },
    hierarchy: { linkage: linkageOver(k, next) },
    clusters,
    facets: [facetOf('platform', PLATFORMS, platforms, labels, clusterIds), facetOf('city', CITIES, cities, labels, clusterIds)],
  };
  const report: PipelineReportV2 = {
    schemaVersion: 2,
    title: '全量语料 · whole-corpus report',
    createdAt: '2026-12-04T12:00:00.000Z',
    generator: { name: 'jd-cluster', version: '0.1.0' },
    dataset: { source: 'generated', records: n + 500, skipped: 120, duplicates: 380, used: n },
    dataQuality: [
      ...PLATFORMS.map((value, i) => ({
        facet: 'platform',
        value,
        postings: platforms.filter((p) => p === value).length,
        descriptionCoverage: 0.9 - i * 0.05,
        medianDescriptionLength: 300 + i * 40,
        duplicateRate: 0.01 * i,
        templateRate: 0.02 * i,
        titleOnly: 10 * i,
        titleOnlyShare: 0.002 * i,
      })),
      ...CITIES.slice(0, 4).map((value) => ({
        facet: 'city',
        value,
        postings: cities.filter((p) => p === value).length,
        descriptionCoverage: 0.85,
        medianDescriptionLength: 320,
        duplicateRate: 0.02,
        templateRate: 0.03,
        titleOnly: 5,
        titleOnlyShare: 0.001,
      })),
    ],
    map: { ids, x, y, rows: n },
    clusterings: [clustering],
  };
  return { report: fullReport(report), rows: { titles, companies, facets: { platform: platforms, city: cities }, labels: [labels] } };
}

/** A hand-made v2 report: two clusterings, three clusters, a hierarchy, one facet; text that needs escaping. */
export function smallReportV2(): GeneratedReport {
  const clusters = [
    {
      label: 0,
      name: '前端 <React> & "Vue"',
      size: 4,
      share: 0.4,
      silhouette: 0.31,
      keywords: [{ term: 'react', score: 0.4 }],
      sampleTitles: ['前端工程师'],
    },
    {
      label: 1,
      name: '数据分析',
      size: 3,
      share: 0.3,
      silhouette: 0.22,
      keywords: [{ term: 'sql', score: 0.5 }],
      sampleTitles: ['数据分析师'],
    },
    { label: 2, name: '销售', size: 2, share: 0.2, silhouette: null, keywords: [{ term: '客户', score: 0.3 }], sampleTitles: ['销售代表'] },
  ];
  const platformFacet: FacetV2 = {
    facet: 'platform',
    values: ['BOSS直聘', '猎聘'],
    clusters: [0, 1, 2],
    counts: [4, 1, 0, 0, 2, 2],
    test: { chi2: 6.1, df: 2, p: 0.047, cramersV: 0.82, n: 9 },
    flags: [
      {
        value: '猎聘',
        cluster: 2,
        direction: 'over',
        observed: 2,
        expected: 0.9,
        ratio: 2.2,
        ratioCI: [1.1, 4.4],
        pAdjusted: 0.04,
        confounded: null,
      },
    ],
  };
  const base: ClusteringV2 = {
    algorithm: 'kmeans',
    params: { k: 3 },
    seconds: 0.1,
    n: 10,
    nClusters: 3,
    noise: { count: 1, share: 0.1 },
    hierarchy: {
      linkage: [
        { left: 0, right: 1, height: 0.2, size: 2 },
        { left: 3, right: 2, height: 0.5, size: 3 },
      ],
    },
    clusters,
    facets: [platformFacet],
  };
  const labels = [0, 0, 0, 0, 1, 1, 1, 2, 2, -1];
  const report: PipelineReportV2 = {
    schemaVersion: 2,
    title: 'Small <report> & "quotes"',
    createdAt: '2026-12-04T00:00:00.000Z',
    generator: { name: 'jd-cluster', version: null },
    dataset: { source: null, records: 11, skipped: 1, duplicates: 0, used: 10 },
    dataQuality: [
      {
        facet: 'platform',
        value: 'BOSS直聘',
        postings: 5,
        descriptionCoverage: 1,
        medianDescriptionLength: 210,
        duplicateRate: 0,
        templateRate: 0,
        titleOnly: 0,
        titleOnlyShare: 0,
      },
      {
        facet: 'platform',
        value: '猎聘',
        postings: 5,
        descriptionCoverage: 0.8,
        medianDescriptionLength: 90,
        duplicateRate: 0.2,
        templateRate: null,
        titleOnly: 1,
        titleOnlyShare: 0.2,
      },
    ],
    map: {
      ids: labels.map((_, i) => `id${i}`),
      x: labels.map((l, i) => l * 3 + (i % 2) * 0.3),
      y: labels.map((l, i) => -l * 2 + (i % 3) * 0.2),
      rows: 10,
    },
    clusterings: [base, { ...base, algorithm: 'hdbscan', hierarchy: null, params: { minClusterSize: 2 } }],
  };
  return {
    report: fullReport(report),
    rows: {
      titles: labels.map((l, i) => `职位 ${i} </script> <b>`),
      companies: labels.map((_, i) => `公司${i % 3}`),
      facets: { platform: labels.map((_, i) => (i < 5 ? 'BOSS直聘' : '猎聘')) },
      labels: [labels, labels],
    },
  };
}
