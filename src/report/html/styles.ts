/**
 * The page's CSS. The font stack names the common CJK fonts of each system
 * before the generic family, so Chinese never falls back to empty boxes:
 * Linux (Noto Sans CJK SC from fonts-noto-cjk, Source Han Sans SC, WenQuanYi
 * Micro Hei / Zen Hei), macOS (PingFang SC, Hiragino Sans GB), Windows
 * (Microsoft YaHei, then SimHei).
 */
export const CJK_FONT_STACK =
  '-apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", ' +
  '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", sans-serif';

export const PAGE_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1a1a1a; font: 14px/1.5 ${CJK_FONT_STACK}; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
nav.toc { position: sticky; top: 0; z-index: 5; background: #f6f7f9e8; padding: 6px 0; border-bottom: 1px solid #dfe3e8; margin-bottom: 12px; }
nav.toc a { margin-right: 14px; color: #2f5d95; text-decoration: none; font-size: 13px; }
.meta { color: #5b6470; margin: 0 0 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.card { background: #fff; border: 1px solid #dfe3e8; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card .value { font-size: 20px; font-weight: 600; }
.card .label { color: #5b6470; font-size: 12px; }
section.panel { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px; padding: 14px 18px; margin-top: 18px; }
/* Below the fold on first paint: the browser skips their layout and paint until they near the viewport
   (a cheaper first frame); the intrinsic size keeps the scroll bar from jumping, "auto" remembers the real one. */
#clusters, #hierarchy, #facets, #run { content-visibility: auto; contain-intrinsic-size: auto 640px; }
.scroll { max-height: 420px; overflow: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 4px 0 10px; }
th, td { border-bottom: 1px solid #e6e9ed; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; font-size: 13px; position: sticky; top: 0; z-index: 1; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-direction="asc"]::after { content: " ▲"; }
th[data-direction="desc"]::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
small { color: #6b7480; }
.kw { display: inline-block; background: #eef3fb; border: 1px solid #d3deef; border-radius: 3px; padding: 0 5px; margin: 1px 3px 1px 0; font-size: 12px; }
.titles { color: #3d4550; font-size: 12px; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 5px; }
.over { color: #b2182b; font-weight: 600; }
.under { color: #2166ac; font-weight: 600; }
.confounded { background: #fff1d6; border-radius: 3px; padding: 0 4px; font-size: 12px; }
.note { background: #fff8e1; border-left: 3px solid #f0b400; padding: 6px 10px; margin: 6px 0; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 8px; }
.map-wrap { position: relative; }
.map-wrap canvas { width: 100%; height: 580px; display: block; background: #fbfbfc; border: 1px solid #e3e6ea; border-radius: 6px; cursor: crosshair; touch-action: none; } /* touch pans the map, not the page */
.map-tooltip { position: absolute; pointer-events: none; background: #fffffff2; border: 1px solid #c9ced6; border-radius: 5px; padding: 6px 9px; font-size: 12px; max-width: 280px; box-shadow: 0 2px 8px #0002; }
.map-tooltip .tt-title { font-weight: 600; font-size: 13px; }
.map-tooltip .k { color: #6b7480; margin-right: 4px; }
.map-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin-top: 6px; }
.map-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.dendrogram { max-height: 560px; overflow: auto; border: 1px solid #e3e6ea; border-radius: 6px; }
.dendrogram-svg text { font-size: 12px; fill: #1a1a1a; }
.dendrogram-svg .leaf { cursor: pointer; }
.dendrogram-svg .leaf rect { fill: #f0f2f5; }
.dendrogram-svg .links path { fill: none; stroke: #4a5563; stroke-width: 1.2; }
.dendrogram-svg .links path.above-cut { stroke: #c3c8cf; stroke-dasharray: 3 2; }
.dendrogram-svg .cut-line { stroke: #c0504d; stroke-width: 1.5; }
.facet-tabs { display: flex; flex-wrap: wrap; gap: 4px; border-bottom: 1px solid #dfe3e8; margin-bottom: 10px; }
.facet-tab { border: 1px solid #dfe3e8; border-bottom: none; background: #f3f5f7; padding: 5px 14px; border-radius: 6px 6px 0 0; cursor: pointer; font: inherit; }
.facet-tab.active { background: #fff; font-weight: 600; }
.heatmap { width: 100%; }
details.flags-more summary { cursor: pointer; color: #2f5d95; margin: 4px 0; }
.filter-note button { margin-left: 6px; }
input.cluster-search { padding: 4px 8px; min-width: 260px; font: inherit; }
footer { color: #7a828c; font-size: 12px; margin-top: 30px; }
`;
