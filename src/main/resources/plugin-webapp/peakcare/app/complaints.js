// 投诉看板 · The supervisors' complaint page (issue 24 point 8): complaints by category and severity, first-answer and
// resolution hours (p50/p90, PeakCare's time) against the targets, promises kept, escalations per level, the re-open
// rate, and 回访 satisfaction with its response rate; every figure with its n. Data: the page endpoint
// complaints/report, the JSON of GET /api/complaints/report (com.peakcare.complaint.ComplaintReport).
import { chart, getJson, h } from './peakcare-page.js';

export const complaintReport = {
  id: 'peakcare.complaints',
  path: '/peakcare/complaints',
  label: '投诉看板 · Complaints',
  priority: 7,
  render,
};

const SEVERITY = { LOW: '一般 · Low', MEDIUM: '较重 · Medium', HIGH: '严重 · High', CRITICAL: '紧急 · Critical' };
const CATEGORY = {
  PRODUCT: '商品质量 · Product', LOGISTICS: '物流 · Logistics', SERVICE: '服务态度 · Service', REFUND: '退款 · Refund',
  CAMPAIGN: '活动规则 · Campaign', OTHER: '其他 · Other',
};

const pct = (v) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);
const hours = (v) => (v === null || v === undefined ? '—' : `${v} h`);
/** A rate with its n: "75.0%（3/4）"; "—（n = 0）" when nothing was decided yet. */
const rate = (r) => (!r || !r.n ? '—（n = 0）' : `${pct(r.share)}（${r.count}/${r.n}）`);

function figure(label, value, testid, note) {
  return h('div', { class: 'pc-figure', 'data-testid': testid },
    h('div', { class: 'pc-figure-label' }, label), h('div', { class: 'pc-figure-value' }, value),
    note ? h('div', { class: 'pc-figure-note' }, note) : null);
}

function timesTable(title, rows, testid) {
  return h('table', { class: 'table table-condensed', 'data-testid': testid },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, ['严重度 · Severity', 'n', 'p50', 'p90', '目标 · Target', '达标 · Within target']
      .map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((t) => h('tr', { 'data-testid': `${testid}-${t.severity}` },
      h('td', {}, SEVERITY[t.severity] || t.severity), h('td', { 'data-testid': 'n' }, String(t.n)),
      h('td', { 'data-testid': 'p50' }, hours(t.p50Hours)), h('td', { 'data-testid': 'p90' }, hours(t.p90Hours)),
      h('td', {}, hours(t.targetHours)), h('td', { 'data-testid': 'within' }, rate(t.withinTarget))))));
}

async function render(node, { api }) {
  node.replaceChildren(h('p', { 'data-testid': 'loading' }, '加载中… · Loading…'));
  const r = await getJson(api, 'complaints/report');
  const s = r.satisfaction;
  const parts = [h('h2', {}, '投诉看板 · Complaints')];
  parts.push(h('div', { class: 'pc-figures' },
    figure('投诉数 · Complaints', String(r.complaints), 'complaints'),
    figure('承诺兑现 · Promises kept', rate(r.promisesKept), 'promises-kept', '已到期或已解决的承诺 · of promises decided'),
    figure('重开率 · Re-opened', rate(r.reopened), 'reopened'),
    figure('满意度 · Satisfaction', s.meanScore === null ? `—（n = ${s.answered}）`
      : `${s.meanScore} / 5（n = ${s.answered}）`, 'satisfaction',
      `回复率 · Response rate ${rate(s.responded)}`),
    figure('4–5 分 · Satisfied', rate(s.satisfied), 'satisfied'),
    figure('已解决 · Solved', rate(s.solved), 'solved'),
    figure('需挽回 · Recovery calls', rate(s.recovery), 'recovery')));
  const categoryChart = h('div', { class: 'pc-chart', 'data-testid': 'category-chart', style: 'height:320px' });
  const timesChart = h('div', { class: 'pc-chart', 'data-testid': 'times-chart', style: 'height:360px' });
  const scoreChart = h('div', { class: 'pc-chart', 'data-testid': 'score-chart', style: 'height:300px' });
  parts.push(h('div', { class: 'pc-charts' }, categoryChart, timesChart, scoreChart));
  parts.push(timesTable('首次答复用时（小时） · Hours to the first answer', r.firstAnswer, 'first-answer'));
  parts.push(timesTable('解决用时（小时，不含等待客户） · Hours to resolution (waits for the customer excluded)',
    r.resolution, 'resolution'));
  const levels = Object.entries(r.escalationsPerLevel || {});
  parts.push(h('table', { class: 'table table-condensed', 'data-testid': 'escalations' },
    h('caption', {}, '升级次数（按层级） · Escalations per level'),
    h('thead', {}, h('tr', {}, h('th', {}, '层级 · Level'), h('th', {}, '次数 · Count'))),
    h('tbody', {}, levels.length === 0 ? h('tr', {}, h('td', { colspan: 2 }, '暂无 · none'))
      : levels.map(([level, count]) => h('tr', { 'data-testid': `level-${level}` },
        h('td', {}, level === '1' ? '1 上级 · superior' : level === '2' ? '2 上级的上级 · superior\'s superior' : level),
        h('td', {}, String(count)))))));
  node.replaceChildren(...parts);

  const categories = Object.keys(CATEGORY);
  const severities = Object.keys(SEVERITY);
  const categoryInstance = await chart(categoryChart, {
    title: { text: '按类别与严重度 · By category and severity', textStyle: { fontSize: 14 } },
    animation: false,
    tooltip: { trigger: 'item' },
    grid: [{ top: 50, left: 50, width: '42%', bottom: 40 }, { top: 50, right: 20, width: '42%', bottom: 40 }],
    xAxis: [{ type: 'category', gridIndex: 0, data: categories.map((c) => CATEGORY[c]), axisLabel: { rotate: 20, interval: 0 } },
      { type: 'category', gridIndex: 1, data: severities.map((v) => SEVERITY[v]), axisLabel: { interval: 0 } }],
    yAxis: [{ type: 'value', gridIndex: 0, minInterval: 1 }, { type: 'value', gridIndex: 1, minInterval: 1 }],
    series: [
      { name: '类别 · Category', type: 'bar', xAxisIndex: 0, yAxisIndex: 0,
        data: categories.map((c) => r.byCategory[c] || 0) },
      { name: '严重度 · Severity', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
        data: severities.map((v) => r.bySeverity[v] || 0) },
    ],
  });
  categoryInstance.resize();
  await chart(timesChart, {
    animation: false,
    title: { text: '用时 p50 / p90 与目标（小时） · p50 / p90 hours against the targets', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 26 },
    grid: { top: 80, left: 50, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: severities.map((v) => SEVERITY[v]) },
    yAxis: { type: 'value', name: 'h' },
    series: [
      { name: '首答 p50 · First p50', type: 'bar', data: r.firstAnswer.map((t) => t.p50Hours) },
      { name: '首答 p90 · First p90', type: 'bar', data: r.firstAnswer.map((t) => t.p90Hours) },
      { name: '解决 p50 · Resolution p50', type: 'bar', data: r.resolution.map((t) => t.p50Hours) },
      { name: '解决 p90 · Resolution p90', type: 'bar', data: r.resolution.map((t) => t.p90Hours) },
      { name: '首答目标 · First-answer target', type: 'line', data: r.firstAnswer.map((t) => t.targetHours),
        lineStyle: { type: 'dotted' } },
      { name: '解决目标 · Resolution target', type: 'line', data: r.resolution.map((t) => t.targetHours),
        lineStyle: { type: 'dashed' } },
    ],
  });
  await chart(scoreChart, {
    animation: false,
    title: { text: `回访评分（n = ${s.answered}，回复率 ${rate(s.responded)}） · Survey scores`,
      textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { top: 50, left: 50, right: 20, bottom: 40 },
    xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: '份数 · Answers', type: 'bar', data: [1, 2, 3, 4, 5].map((i) => (s.scores || {})[i] || 0) }],
  });
}
