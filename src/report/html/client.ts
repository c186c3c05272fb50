/**
 * The page's script, run in the browser. scripts/build-client.mjs compiles this
 * file to one string (client.generated.ts) that the page inlines, and
 * tsconfig.client.json type-checks it against the DOM; so it imports types only.
 *
 * What it draws: the document map on a canvas (every row, one 2×2 px square;
 * a uniform grid over the quantised coordinates answers hover and click in
 * O(points near the cursor)), the cluster table (sort, search, filter by the
 * clusters picked on the map or in the hierarchy), the dendrogram as SVG with a
 * cut slider, and one ECharts heat map per facet (drawn when its tab opens).
 * Hooks for scripts and tests: `window.jdReport`, `data-*` attributes on the
 * sections (`data-points-drawn`, `data-rows-shown`, `data-groups`).
 */
import type { PagePayload } from './page-data.js';

interface EChartsInstance {
  setOption(option: unknown): void;
  resize(): void;
  dispose(): void;
}
declare const echarts:
  { init(el: HTMLElement, theme?: string | null, opts?: { renderer?: 'canvas' | 'svg' }): EChartsInstance } | undefined;

export function clientMain(): void {
  const started = performance.now();
  performance.mark('jd:start');
  const dataElement = document.getElementById('jd-data');
  if (!dataElement) return;
  const payload = JSON.parse(dataElement.textContent ?? '{}') as PagePayload;
  // Phase marks (performance.getEntriesByType('mark')) say where start-up time goes.
  performance.mark('jd:parsed');
  const report = payload.report;
  const points = payload.points;

  const NOISE_COLOUR = '#c4c7cc';
  const CATEGORY_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#17becf'];
  const OTHER_COLOUR = '#bab0ac';

  const state = {
    clustering: 0,
    colourBy: 'cluster',
    /** Labels picked on the map or in the hierarchy; null = all clusters. */
    selected: null as Set<number> | null,
    search: '',
    sortKey: 'size',
    sortDirection: -1,
    groups: 0,
  };

  const escape = (text: unknown): string =>
    String(text ?? '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  const percent = (share: number | null | undefined, digits = 1): string =>
    share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(100 * share).toFixed(digits)}%`;
  const fixed = (value: number | null | undefined, digits = 2): string =>
    value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
  /**
   * 12,345-style counts. Not toLocaleString: its first call loads the locale data (tens of ms on a cold page)
   * and every later call is slower than this in the table and legend loops.
   */
  const count = (value: number): string => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pValue = (p: number): string => (p === 0 ? '< 1e-15' : p >= 0.001 ? p.toFixed(3) : p.toExponential(1));
  const byId = (id: string): HTMLElement => {
    const element = document.getElementById(id);
    if (!element) throw new Error(`page element #${id} missing`);
    return element;
  };

  const clustering = () => report.clusterings[state.clustering];
  const clusterName = (label: number): string => {
    if (label < 0) return 'noise';
    const cluster = clustering().clusters.find((c) => c.label === label);
    return cluster ? `#${label} ${cluster.name}` : `#${label}`;
  };
  /** Golden-angle hues: neighbouring labels get distant colours, at any cluster count. */
  const clusterColour = (label: number): string =>
    label < 0 ? NOISE_COLOUR : `hsl(${(label * 137.508) % 360}, ${label % 2 ? 62 : 72}%, ${label % 3 === 1 ? 38 : 50}%)`;

  // ---------------------------------------------------------------- document map
  const mapSection = byId('document-map');
  const canvas = mapSection.querySelector('canvas') as HTMLCanvasElement;
  const tooltip = mapSection.querySelector('.map-tooltip') as HTMLElement;
  const legend = mapSection.querySelector('.map-legend') as HTMLElement;
  const colourSelect = mapSection.querySelector('select.map-colour') as HTMLSelectElement;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const GRID = 128;
  const QUANTUM = 65536 / GRID;
  const view = { scale: 1, panX: 0, panY: 0 };
  let base = { scale: 1, offsetX: 0, offsetY: 0 };
  /** The hover grid: row indices sorted by cell (`cellRows`), cell c's rows at cellStart[c] … cellStart[c + 1]. */
  let grid: { cellStart: Int32Array; cellRows: Int32Array } | null = null;
  let drawQueued = false;
  let lastDrawn = 0;

  /**
   * Counting sort of rows into grid cells, so the hover search reads only the cells around the cursor. Built on
   * the first hover or click, not at start-up: a page that is only read never pays for it.
   */
  const hoverGrid = (): { cellStart: Int32Array; cellRows: Int32Array } => {
    if (grid) return grid;
    const n = points ? points.n : 0;
    const cellOf = (i: number) =>
      points ? Math.min(GRID - 1, Math.floor(points.y[i] / QUANTUM)) * GRID + Math.min(GRID - 1, Math.floor(points.x[i] / QUANTUM)) : 0;
    const cellStart = new Int32Array(GRID * GRID + 1);
    for (let i = 0; i < n; i++) cellStart[cellOf(i) + 1]++;
    for (let c = 0; c < GRID * GRID; c++) cellStart[c + 1] += cellStart[c];
    const fill = cellStart.slice(0, GRID * GRID);
    const cellRows = new Int32Array(n);
    for (let i = 0; i < n; i++) cellRows[fill[cellOf(i)]++] = i;
    grid = { cellStart, cellRows };
    return grid;
  };

  const resizeCanvas = () => {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth,
      height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const side = Math.min(width, height) - 24;
    base = { scale: side / 65535, offsetX: (width - side) / 2, offsetY: (height - side) / 2 };
  };
  const screenX = (q: number) => (base.offsetX + q * base.scale) * view.scale + view.panX;
  const screenY = (q: number) => (base.offsetY + q * base.scale) * view.scale + view.panY;
  const dataX = (sx: number) => ((sx - view.panX) / view.scale - base.offsetX) / base.scale;
  const dataY = (sy: number) => ((sy - view.panY) / view.scale - base.offsetY) / base.scale;

  /** Category of each row under the current colouring, and the colour of each category. */
  const colouring = (): { codes: ArrayLike<number>; colours: string[]; names: string[] } => {
    if (!points) return { codes: [], colours: [], names: [] };
    const labels = points.labels[state.clustering];
    if (state.colourBy === 'cluster') {
      // Category = label + 1 so noise (−1) is category 0.
      const names = ['noise', ...clustering().clusters.map((c) => `#${c.label} ${c.name}`)];
      const max = Math.max(0, ...clustering().clusters.map((c) => c.label));
      const colours = Array.from({ length: max + 2 }, (_, k) => clusterColour(k - 1));
      return { codes: labels.map((l) => l + 1), colours, names };
    }
    const facet = points.facets.find((f) => f.facet === state.colourBy);
    if (!facet) return { codes: labels.map(() => 0), colours: [OTHER_COLOUR], names: ['?'] };
    const colours = facet.column.table.map((_, k) => (k < CATEGORY_COLOURS.length ? CATEGORY_COLOURS[k] : OTHER_COLOUR));
    return { codes: facet.column.codes, colours, names: facet.column.table };
  };

  /** A CSS colour as a little-endian RGBA word for ImageData; `mix` blends it towards the map background. */
  const packColour = (colour: string, mix = 1): number => {
    context.fillStyle = '#000';
    context.fillStyle = colour; // the canvas normalises any CSS colour to #rrggbb
    const hex = String(context.fillStyle);
    const channel = (k: number, background: number) =>
      Math.round(parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) * mix + background * (1 - mix));
    return ((255 << 24) | (channel(2, 0xfc) << 16) | (channel(1, 0xfb) << 8) | channel(0, 0xfb)) >>> 0;
  };

  // Points are written straight into an ImageData buffer and put once: a few ms for 36k squares, where 36k
  // fillRect calls on a software-rendered canvas take hundreds.
  const drawMap = () => {
    drawQueued = false;
    if (!points) return;
    const width = canvas.width,
      height = canvas.height;
    const ratio = width / Math.max(1, canvas.clientWidth);
    const image = context.createImageData(width, height);
    const pixels = new Uint32Array(image.data.buffer);
    const { codes, colours } = colouring();
    const full = colours.map((c) => packColour(c));
    const dim = colours.map((c) => packColour(c, 0.15));
    const labels = points.labels[state.clustering];
    const size = Math.max(2, Math.round(ratio * Math.min(6, Math.max(2, 1.6 * Math.sqrt(view.scale)))));
    let drawn = 0;
    for (const pass of state.selected ? [false, true] : [true]) {
      const palette = pass ? full : dim;
      for (let i = 0; i < points.n; i++) {
        if (state.selected && state.selected.has(labels[i]) !== pass) continue;
        const x0 = Math.max(0, Math.round(screenX(points.x[i]) * ratio - size / 2)),
          y0 = Math.max(0, Math.round(screenY(points.y[i]) * ratio - size / 2));
        const x1 = Math.min(width, Math.round(screenX(points.x[i]) * ratio - size / 2) + size),
          y1 = Math.min(height, Math.round(screenY(points.y[i]) * ratio - size / 2) + size);
        if (x1 <= x0 || y1 <= y0) continue;
        const colour = palette[codes[i]];
        for (let y = y0; y < y1; y++) pixels.fill(colour, y * width + x0, y * width + x1);
        drawn++;
      }
    }
    context.putImageData(image, 0, 0);
    lastDrawn = drawn;
    mapSection.dataset.pointsDrawn = String(drawn);
  };
  const requestDraw = () => {
    if (!drawQueued) {
      drawQueued = true;
      requestAnimationFrame(drawMap);
    }
  };

  /** Nearest row within `radius` screen pixels of (sx, sy), or −1. */
  const nearestPoint = (sx: number, sy: number, radius = 8): number => {
    if (!points) return -1;
    const qx = dataX(sx),
      qy = dataY(sy);
    const reach = radius / (base.scale * view.scale);
    const x0 = Math.max(0, Math.floor((qx - reach) / QUANTUM)),
      x1 = Math.min(GRID - 1, Math.floor((qx + reach) / QUANTUM));
    const y0 = Math.max(0, Math.floor((qy - reach) / QUANTUM)),
      y1 = Math.min(GRID - 1, Math.floor((qy + reach) / QUANTUM));
    const { cellStart, cellRows } = hoverGrid();
    let best = -1,
      bestDistance = radius * radius;
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        const cell = gy * GRID + gx;
        for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
          const i = cellRows[k];
          const dx = screenX(points.x[i]) - sx,
            dy = screenY(points.y[i]) - sy;
          const distance = dx * dx + dy * dy;
          if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
          }
        }
      }
    }
    return best;
  };

  const showTooltip = (i: number, sx: number, sy: number) => {
    if (!points || i < 0) {
      tooltip.hidden = true;
      return;
    }
    const facetLines = points.facets
      .slice(0, 2)
      .map((f) => `<div><span class="k">${escape(f.facet)}</span> ${escape(f.column.table[f.column.codes[i]])}</div>`)
      .join('');
    tooltip.innerHTML =
      `<div class="tt-title">${escape(points.title.table[points.title.codes[i]])}</div>` +
      (points.company ? `<div><span class="k">company</span> ${escape(points.company.table[points.company.codes[i]])}</div>` : '') +
      facetLines +
      `<div><span class="k">cluster</span> ${escape(clusterName(points.labels[state.clustering][i]))}</div>`;
    tooltip.hidden = false;
    tooltip.dataset.row = String(i);
    const wrap = canvas.parentElement as HTMLElement;
    tooltip.style.left = `${Math.min(sx + 14, wrap.clientWidth - 280)}px`;
    tooltip.style.top = `${sy + 14}px`;
  };

  const renderLegend = () => {
    const { colours, names, codes } = colouring();
    const counts = new Array(colours.length).fill(0);
    for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
    const order = names.map((_, k) => k).filter((k) => counts[k] > 0);
    if (state.colourBy === 'cluster') order.sort((a, b) => counts[b] - counts[a]);
    const shown = order.slice(0, 12);
    legend.innerHTML =
      shown
        .map(
          (k) =>
            `<span class="swatch" data-category="${k}"><i style="background:${colours[k]}"></i>${escape(names[k])} <small>${count(counts[k])}</small></span>`,
        )
        .join('') + (order.length > shown.length ? `<span class="swatch more">+ ${order.length - shown.length} more</span>` : '');
  };

  if (points) {
    colourSelect.innerHTML = ['cluster', ...points.facets.map((f) => f.facet)]
      .map((v) => `<option value="${escape(v)}">${v === 'cluster' ? 'cluster' : escape(v)}</option>`)
      .join('');
    colourSelect.addEventListener('change', () => {
      state.colourBy = colourSelect.value;
      mapSection.dataset.colourBy = state.colourBy;
      renderLegend();
      drawMap();
    });
    // Pointer events, not mouse events: Chromium truncates mouse-event coordinates to whole CSS pixels, and on
    // a dense map (36k points in ~560 px) the point nearest the truncated position is often in another cluster,
    // so clicks picked the wrong cluster. Pointer events carry the exact, fractional position (and touch too).
    let drag: { id: number; x: number; y: number; panX: number; panY: number; moved: boolean } | null = null;
    canvas.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, panX: view.panX, panY: view.panY, moved: false };
      // Captured, a drag keeps panning (and ends) even when the pointer leaves the canvas.
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener('pointerup', (event) => {
      if (!drag || drag.id !== event.pointerId) return;
      if (!drag.moved) {
        const rect = canvas.getBoundingClientRect();
        const i = nearestPoint(event.clientX - rect.left, event.clientY - rect.top);
        const label = i >= 0 ? points.labels[state.clustering][i] : null;
        selectClusters(label === null || label < 0 || (state.selected?.size === 1 && state.selected.has(label)) ? null : [label]);
      }
      drag = null;
    });
    canvas.addEventListener('pointercancel', () => (drag = null));
    canvas.addEventListener('pointermove', (event) => {
      const rect = canvas.getBoundingClientRect();
      const sx = event.clientX - rect.left,
        sy = event.clientY - rect.top;
      if (drag && drag.id === event.pointerId) {
        const dx = event.clientX - drag.x,
          dy = event.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          view.panX = drag.panX + dx;
          view.panY = drag.panY + dy;
          tooltip.hidden = true;
          requestDraw();
          return;
        }
      }
      showTooltip(nearestPoint(sx, sy), sx, sy);
    });
    canvas.addEventListener('pointerleave', () => (tooltip.hidden = true));
    canvas.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = canvas.getBoundingClientRect();
        const sx = event.clientX - rect.left,
          sy = event.clientY - rect.top;
        const factor = Math.exp(-event.deltaY * 0.0015);
        const scale = Math.min(64, Math.max(1, view.scale * factor));
        // Zoom about the cursor: the data point under it stays put.
        view.panX = sx - ((sx - view.panX) * scale) / view.scale;
        view.panY = sy - ((sy - view.panY) * scale) / view.scale;
        view.scale = scale;
        mapSection.dataset.zoom = scale.toFixed(2);
        requestDraw();
      },
      { passive: false },
    );
    (mapSection.querySelector('button.map-reset') as HTMLButtonElement).addEventListener('click', () => {
      view.scale = 1;
      view.panX = view.panY = 0;
      mapSection.dataset.zoom = '1.00';
      selectClusters(null);
    });
    window.addEventListener('resize', () => {
      resizeCanvas();
      requestDraw();
    });
  } else {
    mapSection.querySelector('.map-wrap')?.replaceWith(
      Object.assign(document.createElement('p'), {
        className: 'note',
        textContent: 'This report has no map (report.map is null or no row data was given).',
      }),
    );
  }

  // ---------------------------------------------------------------- cluster table
  const clusterSection = byId('clusters');
  const clusterBody = clusterSection.querySelector('tbody') as HTMLElement;
  const searchInput = clusterSection.querySelector('input.cluster-search') as HTMLInputElement;
  const filterNote = clusterSection.querySelector('.filter-note') as HTMLElement;
  type SortValue = (c: PagePayload['report']['clusterings'][number]['clusters'][number]) => number | string;
  const sortValues: Record<string, SortValue> = {
    label: (c) => c.label,
    name: (c) => c.name,
    size: (c) => c.size,
    silhouette: (c) => c.silhouette ?? -Infinity,
    topCompanyShare: (c) => c.topCompanyShare ?? -Infinity,
  };

  const renderClusterTable = () => {
    const query = state.search.trim().toLowerCase();
    const key = sortValues[state.sortKey] ?? sortValues.size;
    const rows = clustering()
      .clusters.filter((c) => !state.selected || state.selected.has(c.label))
      .filter(
        (c) =>
          !query ||
          [c.name, c.title ?? '', c.topCompany ?? '', ...c.keywords.map((k) => k.term), ...c.sampleTitles].some((t) =>
            t.toLowerCase().includes(query),
          ),
      )
      .sort((a, b) => {
        const va = key(a),
          vb = key(b);
        return (va < vb ? -1 : va > vb ? 1 : 0) * state.sortDirection || a.label - b.label;
      });
    clusterBody.innerHTML = rows
      .map(
        (c) =>
          `<tr data-label="${c.label}"><td class="num"><i class="dot" style="background:${clusterColour(c.label)}"></i>#${c.label}</td>` +
          `<td class="cluster-name">${escape(c.name)}</td>` +
          `<td class="num">${count(c.size)} <small>${percent(c.share)}</small></td>` +
          `<td class="num">${fixed(c.silhouette, 3)}</td>` +
          `<td>${c.topCompany ? `${escape(c.topCompany)} <small>${percent(c.topCompanyShare, 0)}</small>` : '—'}</td>` +
          `<td>${c.keywords
            .slice(0, 8)
            .map((k) => `<span class="kw">${escape(k.term)}</span>`)
            .join('')}</td>` +
          `<td class="titles">${c.sampleTitles.slice(0, 3).map(escape).join('<br>')}</td></tr>`,
      )
      .join('');
    clusterSection.dataset.rowsShown = String(rows.length);
    for (const th of clusterSection.querySelectorAll<HTMLElement>('th[data-sort]')) {
      th.dataset.direction = th.dataset.sort === state.sortKey ? (state.sortDirection > 0 ? 'asc' : 'desc') : '';
    }
    filterNote.innerHTML = state.selected
      ? `Showing clusters ${[...state.selected]
          .sort((a, b) => a - b)
          .map((l) => `#${l}`)
          .join(', ')} <button type="button" class="clear-filter">show all</button>`
      : '';
    filterNote.querySelector('button')?.addEventListener('click', () => selectClusters(null));
  };
  searchInput.addEventListener('input', () => {
    state.search = searchInput.value;
    renderClusterTable();
  });
  for (const th of clusterSection.querySelectorAll<HTMLElement>('th[data-sort]')) {
    th.addEventListener('click', () => {
      const key = th.dataset.sort as string;
      state.sortDirection = state.sortKey === key ? -state.sortDirection : key === 'name' || key === 'label' ? 1 : -1;
      state.sortKey = key;
      renderClusterTable();
    });
  }

  /** Filters the tables (and dims the map) to these clusters; null shows all. */
  const selectClusters = (labels: number[] | null) => {
    state.selected = labels && labels.length ? new Set(labels) : null;
    document.body.dataset.selectedClusters = state.selected ? [...state.selected].join(',') : '';
    renderClusterTable();
    renderFlagFilters();
    requestDraw();
  };

  // ---------------------------------------------------------------- hierarchy
  const hierarchySection = byId('hierarchy');
  const hierarchyChart = hierarchySection.querySelector('.dendrogram') as HTMLElement;
  const cutInput = hierarchySection.querySelector('input.cut') as HTMLInputElement;
  const cutLabel = hierarchySection.querySelector('.cut-value') as HTMLElement;

  /** Union of the first `merges` linkage steps: leaf label → group root. */
  const groupsAfter = (merges: number) => {
    const c = clustering();
    const linkage = c.hierarchy?.linkage ?? [];
    const k = c.clusters.length;
    const leaves = c.clusters.map((cl) => cl.label);
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      while (parent.has(x)) x = parent.get(x) as number;
      return x;
    };
    for (let m = 0; m < merges; m++) {
      const step = linkage[m];
      parent.set(find(step.left), k + m);
      parent.set(find(step.right), k + m);
    }
    return new Map(leaves.map((l) => [l, find(l)]));
  };

  const renderHierarchy = () => {
    const c = clustering();
    const linkage = c.hierarchy?.linkage ?? [];
    const k = c.clusters.length;
    if (!linkage.length || !k) {
      hierarchyChart.innerHTML = `<p class="note">${escape(c.algorithm)} gives no cluster hierarchy in this report.</p>`;
      cutInput.disabled = true;
      return;
    }
    // Node ids: leaves are labels (the spec's leaves 0..k−1 are cluster labels), merge m is k + m.
    const children = new Map<number, [number, number]>();
    linkage.forEach((s, m) => children.set(k + m, [s.left, s.right]));
    const merged = new Set(linkage.flatMap((s) => [s.left, s.right]));
    const roots = [...c.clusters.map((cl) => cl.label), ...linkage.map((_, m) => k + m)].filter((node) => !merged.has(node));
    const order: number[] = [];
    const visit = (node: number) => {
      const kids = children.get(node);
      if (kids) kids.forEach(visit);
      else order.push(node);
    };
    roots.forEach(visit);
    const ROW = 16,
      NAME = 260,
      TREE = 520,
      PAD = 6;
    const maxHeight = Math.max(...linkage.map((s) => s.height)) || 1;
    const xOf = (height: number) => NAME + 10 + (height / maxHeight) * TREE;
    const yOfLeaf = new Map(order.map((l, r) => [l, PAD + r * ROW + ROW / 2]));
    const position = new Map<number, { x: number; y: number }>();
    for (const l of order) position.set(l, { x: xOf(0), y: yOfLeaf.get(l) as number });
    const paths: string[] = [];
    linkage.forEach((s, m) => {
      const a = position.get(s.left),
        b = position.get(s.right);
      if (!a || !b) return;
      const x = xOf(s.height);
      paths.push(`<path data-merge="${m}" d="M${a.x.toFixed(1)},${a.y}H${x.toFixed(1)}V${b.y}H${b.x.toFixed(1)}"/>`);
      position.set(k + m, { x, y: (a.y + b.y) / 2 });
    });
    const height = PAD * 2 + order.length * ROW;
    const names = order
      .map(
        (l) =>
          `<g class="leaf" data-label="${l}" transform="translate(0,${yOfLeaf.get(l)})"><rect x="0" y="${-ROW / 2 + 1}" width="${NAME}" height="${ROW - 2}" rx="3"/>` +
          `<text x="6" y="4">${escape(clusterName(l))}</text></g>`,
      )
      .join('');
    hierarchyChart.innerHTML =
      `<svg class="dendrogram-svg" width="${NAME + TREE + 30}" height="${height}" viewBox="0 0 ${NAME + TREE + 30} ${height}">` +
      `<g class="links">${paths.join('')}</g>${names}<line class="cut-line" y1="0" y2="${height}"/></svg>`;
    const minGroups = k - linkage.length;
    cutInput.disabled = false;
    cutInput.min = String(Math.max(1, minGroups));
    cutInput.max = String(k);
    if (!state.groups || state.groups < minGroups || state.groups > k) state.groups = Math.min(k, Math.max(minGroups, 8));
    cutInput.value = String(state.groups);
    for (const leaf of hierarchyChart.querySelectorAll<SVGGElement>('g.leaf')) {
      leaf.addEventListener('click', () => {
        const group = groupsAfter(k - state.groups);
        const root = group.get(Number(leaf.dataset.label));
        selectClusters([...group].filter(([, g]) => g === root).map(([label]) => label));
      });
    }
    applyCut();
  };

  /** Colours the leaves by the group they fall in when the tree is cut into `state.groups` groups. */
  const applyCut = () => {
    const c = clustering();
    const linkage = c.hierarchy?.linkage ?? [];
    const k = c.clusters.length;
    if (!linkage.length) return;
    const merges = k - state.groups;
    const group = groupsAfter(merges);
    const roots = [...new Set(group.values())];
    const palette = new Map(roots.map((r, i) => [r, `hsl(${(i * 137.508) % 360}, 70%, 88%)`]));
    for (const leaf of hierarchyChart.querySelectorAll<SVGGElement>('g.leaf')) {
      const root = group.get(Number(leaf.dataset.label)) as number;
      (leaf.querySelector('rect') as SVGRectElement).style.fill = palette.get(root) as string;
      leaf.dataset.group = String(roots.indexOf(root));
    }
    const maxHeight = Math.max(...linkage.map((s) => s.height)) || 1;
    const below = merges > 0 ? linkage[merges - 1].height : 0;
    const above = merges < linkage.length ? linkage[merges].height : maxHeight;
    const x = 260 + 10 + ((below + above) / 2 / maxHeight) * 520;
    const line = hierarchyChart.querySelector('line.cut-line') as SVGLineElement;
    line.setAttribute('x1', x.toFixed(1));
    line.setAttribute('x2', x.toFixed(1));
    for (const path of hierarchyChart.querySelectorAll<SVGPathElement>('path[data-merge]')) {
      path.classList.toggle('above-cut', Number(path.dataset.merge) >= merges);
    }
    hierarchySection.dataset.groups = String(roots.length);
    cutLabel.textContent = `${roots.length} groups`;
  };
  cutInput.addEventListener('input', () => {
    state.groups = Number(cutInput.value);
    applyCut();
  });

  // ---------------------------------------------------------------- facets
  const facetsSection = byId('facets');
  const charts = new Map<string, EChartsInstance>();
  const FLAGS_SHOWN = 10;

  const flagRow = (f: PagePayload['report']['clusterings'][number]['facets'][number]['flags'][number]) =>
    `<tr data-cluster="${f.cluster}"><td>${escape(f.value)}</td><td>${escape(clusterName(f.cluster))}</td>` +
    `<td class="${f.direction}">${f.direction}</td><td class="num">${count(f.observed)}</td>` +
    `<td class="num">${fixed(f.expected, 1)}</td><td class="num">${fixed(f.ratio, 2)}× <small>[${fixed(f.ratioCI[0], 2)}, ${fixed(f.ratioCI[1], 2)}]</small></td>` +
    `<td class="num">${pValue(f.pAdjusted)}</td><td>${f.topCompany ? `${escape(f.topCompany)} <small>${percent(f.topCompanyShare, 0)}</small>` : '—'}</td>` +
    `<td>${f.confounded ? `<span class="confounded">${f.confounded}</span>` : ''}</td></tr>`;

  const renderFacets = () => {
    for (const chart of charts.values()) chart.dispose();
    charts.clear();
    for (const facet of clustering().facets) {
      const section = document.getElementById(`facet-${facet.facet}`);
      if (!section) continue;
      const body = section.querySelector('.facet-body') as HTMLElement;
      const test = facet.test;
      const head = `<tr><th>${escape(facet.facet)}</th><th>cluster</th><th>direction</th><th class="num">observed</th><th class="num">expected</th><th class="num">ratio [95% CI]</th><th class="num">adjusted p</th><th>top company</th><th>confounded</th></tr>`;
      const top = facet.flags.slice(0, FLAGS_SHOWN),
        rest = facet.flags.slice(FLAGS_SHOWN);
      body.innerHTML =
        (test
          ? `<p>χ² = ${fixed(test.chi2, 1)}, df = ${test.df}, p ${test.p === 0 ? '< 1e-15' : '= ' + pValue(test.p)}, Cramér's V = ${fixed(test.cramersV, 3)}, n = ${count(test.n)}. Cells: log₂ observed / expected; outlined cells are flags.</p>`
          : '') +
        `<div class="heatmap" style="height:${Math.min(560, 90 + facet.clusters.length * 20)}px"></div>` +
        `<h3>Flags (${facet.flags.length})</h3>` +
        (facet.flags.length
          ? `<table class="flags flags-top"><thead>${head}</thead><tbody>${top.map(flagRow).join('')}</tbody></table>` +
            (rest.length
              ? `<details class="flags-more"><summary>${rest.length} more flags</summary><table class="flags flags-rest"><thead>${head}</thead><tbody>${rest.map(flagRow).join('')}</tbody></table></details>`
              : '')
          : '<p class="no-flags">No value over- or under-represents a cluster.</p>');
    }
    renderFlagFilters();
    showFacet(facetsSection.dataset.active || clustering().facets[0]?.facet || '');
  };

  /** Flags tables follow the cluster filter too. */
  const renderFlagFilters = () => {
    for (const row of facetsSection.querySelectorAll<HTMLElement>('tr[data-cluster]')) {
      row.hidden = !!state.selected && !state.selected.has(Number(row.dataset.cluster));
    }
  };

  /**
   * ECharts ships as inert text (script type="text/plain") and is compiled only when the first heat map is
   * drawn: the megabyte of chart code then costs nothing before the map and tables are interactive.
   */
  let chartsAwaited = false;
  const loadCharts = (): boolean => {
    if (typeof echarts !== 'undefined') return true;
    const source = document.getElementById('jd-echarts');
    if (!source) {
      // The library's text comes after this script in the page, so that this script runs without waiting for
      // the parser to read a megabyte first; if a heat map is wanted before the parser got there, draw it then.
      if (document.readyState === 'loading' && !chartsAwaited) {
        chartsAwaited = true;
        document.addEventListener('DOMContentLoaded', () => drawHeatmap(facetsSection.dataset.active ?? ''), { once: true });
      }
      return false;
    }
    const script = document.createElement('script');
    script.textContent = source.textContent;
    document.head.appendChild(script);
    source.remove();
    return typeof echarts !== 'undefined';
  };

  /** Heat maps sit below the fold: they are drawn when the facets section nears the viewport. */
  let facetsInView = typeof IntersectionObserver === 'undefined';
  if (!facetsInView) {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          facetsInView = true;
          observer.disconnect();
          drawHeatmap(facetsSection.dataset.active ?? '');
        }
      },
      { rootMargin: '300px' },
    );
    observer.observe(facetsSection);
  }

  const drawHeatmap = (facetName: string) => {
    const facet = clustering().facets.find((f) => f.facet === facetName);
    const section = document.getElementById(`facet-${facetName}`);
    if (!facet || !section || charts.has(facetName) || !facetsInView || !loadCharts() || typeof echarts === 'undefined') return;
    const element = section.querySelector('.heatmap') as HTMLElement;
    const nv = facet.values.length,
      nc = facet.clusters.length;
    const rowTotals = facet.values.map((_, v) => facet.clusters.reduce((s, _c, c) => s + facet.counts[v * nc + c], 0));
    const colTotals = facet.clusters.map((_, c) => facet.values.reduce((s, _v, v) => s + facet.counts[v * nc + c], 0));
    const total = rowTotals.reduce((a, b) => a + b, 0) || 1;
    const flagged = new Set(facet.flags.map((f) => `${f.value}\u0000${f.cluster}`));
    const data: unknown[] = [];
    for (let v = 0; v < nv; v++) {
      for (let c = 0; c < nc; c++) {
        const observed = facet.counts[v * nc + c];
        const expected = (rowTotals[v] * colTotals[c]) / total;
        const ratio = expected > 0 ? Math.log2((observed + 0.5) / (expected + 0.5)) : 0;
        const isFlag = flagged.has(`${facet.values[v]}\u0000${facet.clusters[c]}`);
        data.push({
          value: [v, c, Number(ratio.toFixed(3)), observed, Number(expected.toFixed(1))],
          itemStyle: isFlag ? { borderColor: '#111', borderWidth: 2 } : undefined,
        });
      }
    }
    const names = facet.clusters.map((l) => clusterName(l));
    const visible = Math.min(nc, 24);
    const visibleValues = Math.min(nv, 12);
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 210, right: 70, top: 70, bottom: nv > visibleValues ? 28 : 20 },
      tooltip: {
        formatter: (p: { value: number[] }) =>
          `${escape(facet.values[p.value[0]])} × ${escape(names[p.value[1]])}<br>observed ${p.value[3]}, expected ${p.value[4]}<br>observed / expected ${Math.pow(2, p.value[2]).toFixed(2)}×`,
      },
      xAxis: {
        type: 'category',
        position: 'top',
        data: facet.values,
        axisLabel: { interval: 0, rotate: nv > 8 ? 40 : 0, width: 90, overflow: 'truncate' },
      },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { interval: 0, width: 195, overflow: 'truncate' } },
      visualMap: {
        type: 'continuous',
        min: -2,
        max: 2,
        calculable: true,
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemHeight: 120,
        dimension: 2,
        text: ['over', 'under'],
        inRange: { color: ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'] },
      },
      // Scroll bars instead of a 3,000 px chart: 24 clusters and 12 values in view, the rest a drag or wheel away.
      dataZoom: [
        ...(nc > visible
          ? [
              { type: 'slider', yAxisIndex: 0, startValue: 0, endValue: visible - 1, right: 36, width: 14, showDetail: false },
              { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
            ]
          : []),
        ...(nv > visibleValues
          ? [{ type: 'slider', xAxisIndex: 0, startValue: 0, endValue: visibleValues - 1, bottom: 2, height: 14, showDetail: false }]
          : []),
      ],
      series: [{ type: 'heatmap', data, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }],
    });
    charts.set(facetName, chart);
    section.dataset.heatmap = 'drawn';
  };

  const showFacet = (facetName: string) => {
    facetsSection.dataset.active = facetName;
    for (const tab of facetsSection.querySelectorAll<HTMLElement>('button.facet-tab'))
      tab.classList.toggle('active', tab.dataset.facet === facetName);
    for (const section of facetsSection.querySelectorAll<HTMLElement>('section.facet'))
      section.hidden = section.id !== `facet-${facetName}`;
    drawHeatmap(facetName);
  };
  for (const tab of facetsSection.querySelectorAll<HTMLElement>('button.facet-tab')) {
    tab.addEventListener('click', () => showFacet(tab.dataset.facet as string));
  }

  // ---------------------------------------------------------------- clustering switch and start
  const clusteringSelect = document.querySelector('select.clustering-select') as HTMLSelectElement | null;
  const renderClustering = () => {
    state.selected = null;
    state.groups = 0;
    if (points) renderLegend();
    renderClusterTable();
    performance.mark('jd:table');
    renderHierarchy();
    performance.mark('jd:hierarchy');
    renderFacets();
    performance.mark('jd:facets');
    requestDraw();
  };
  clusteringSelect?.addEventListener('change', () => {
    state.clustering = Number(clusteringSelect.value);
    renderClustering();
  });

  performance.mark('jd:indexed');
  if (points) resizeCanvas();
  renderClustering();
  performance.mark('jd:rendered');
  if (points) drawMap();
  performance.mark('jd:map-drawn');

  const api = {
    /** ms from navigation start to the first complete render. */
    readyAt: 0,
    scriptMs: 0,
    pointCount: points ? points.n : 0,
    pointsDrawn: () => lastDrawn,
    /** Where row i is drawn, in viewport coordinates (for scripted hovering). */
    pointOnScreen: (i: number) => {
      const rect = canvas.getBoundingClientRect();
      return points ? { x: rect.left + screenX(points.x[i]), y: rect.top + screenY(points.y[i]) } : null;
    },
    /** Row nearest to a viewport position, −1 when none is within 8 px. */
    pointAt: (x: number, y: number) => {
      const rect = canvas.getBoundingClientRect();
      return nearestPoint(x - rect.left, y - rect.top);
    },
    selectClusters,
    showFacet,
  };
  (window as unknown as { jdReport: typeof api }).jdReport = api;
  requestAnimationFrame(() => {
    api.readyAt = performance.now();
    api.scriptMs = api.readyAt - started;
    document.documentElement.dataset.ready = 'true';
  });
}
