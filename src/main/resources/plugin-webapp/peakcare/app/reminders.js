// 催付效果 · The payment-reminder report page (issue 22): one campaign's reminded and hold-out groups, their paid rates
// with Wilson intervals per stratum (chart), the incremental rate with Newcombe's interval, the naive rate labelled as
// such, the split check, costs and the verdict; a CSV. Data: the page endpoint reminders/report, the JSON of
// GET /api/reminders/campaigns/{id}/report (com.peakcare.reminder.ReminderReport).
import { chart, getJson, h, pageUrl } from './peakcare-page.js';

export const reminderReport = {
  id: 'peakcare.reminders',
  path: '/peakcare/reminders',
  label: '催付效果 · Reminders',
  priority: 6,
  render,
};

const DIMENSIONS = {
  overall: '全部 · All',
  tier: '会员等级 · Tier',
  itemRole: '商品定位 · Item role',
  channel: '首个渠道 · First channel',
  steps: '步骤数 · Steps',
};

const pct = (v) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(1)}%`);

function rate(g) {
  if (!g || !g.orders) {
    return '—';
  }
  const i = g.paidRateInterval;
  return `${pct(g.paidRate)}（${g.paid}/${g.orders}，95% 区间 ${pct(i.lower)}–${pct(i.upper)}）`;
}

function uplift(c) {
  if (c.incrementalPaidRate === null || c.incrementalPaidRate === undefined) {
    return '—';
  }
  const i = c.incrementalInterval;
  const sign = c.incrementalPaidRate > 0 ? '+' : '';
  return `${sign}${pct(c.incrementalPaidRate)}（95% 区间 ${pct(i.lower)} 到 ${pct(i.upper)}）`;
}

async function render(node, { api }) {
  const query = new URLSearchParams(window.location.hash.split('?')[1] || '');
  const campaign = query.get('campaign');
  node.replaceChildren(h('p', { 'data-testid': 'loading' }, '加载中… · Loading…'));
  const data = await getJson(api, 'reminders/report', { campaign });
  const r = data.report;
  const parts = [h('h2', {}, '催付效果 · Payment reminders')];
  if (!r) {
    parts.push(h('p', { 'data-testid': 'no-campaign' }, '还没有催付活动。 · No reminder campaign yet.'));
    node.replaceChildren(...parts);
    return;
  }
  parts.push(h('div', { class: 'pc-toolbar pc-noprint' },
    h('label', {}, '催付活动 · Campaign ',
      h('select', {
        class: 'form-control input-sm', 'data-testid': 'campaign-select', style: 'display:inline-block;width:auto',
        onChange: (e) => {
          window.location.hash = `#${reminderReport.path}?campaign=${encodeURIComponent(e.target.value)}`;
        },
      }, data.campaigns.map((c) => h('option', { value: c.campaignId, selected: c.campaignId === r.campaignId },
        `${c.campaignId} ${c.name}（${c.status === 'RUNNING' ? '进行中 · running' : '已结束 · ended'}）`)))),
    h('a', { class: 'btn btn-default btn-sm', 'data-testid': 'csv',
      href: pageUrl(api, 'reminders/report.csv', { campaign: r.campaignId }) }, '下载 CSV · Download CSV')));
  parts.push(h('h3', { 'data-testid': 'campaign-title' }, `${r.campaignId} · ${r.name}`));
  parts.push(h('p', { 'data-testid': 'final', class: r.isFinal ? null : 'pc-up' }, r.finalText));
  parts.push(h('p', { 'data-testid': 'verdict' }, h('strong', {}, '结论 · Verdict：'), r.verdictText));
  const o = r.overall;
  parts.push(h('div', { class: 'pc-figures' },
    figure('催付组付款率 · Reminded paid', rate(o.reminded), 'reminded-rate'),
    figure('对照组付款率 · Hold-out paid', rate(o.holdout), 'holdout-rate'),
    figure('增量付款率 · Incremental', uplift(o), 'incremental',
      o.pValue === null || o.pValue === undefined ? null : `p = ${o.pValue.toPrecision(2)}（${o.test}）`),
    figure('每单增量 GMV · Incremental GMV per order', o.incrementalGmvPerOrder === null
      || o.incrementalGmvPerOrder === undefined ? '—' : `¥${o.incrementalGmvPerOrder}`, 'gmv'),
    figure('每个增量付款订单成本 · Cost per incremental paid order', r.costs.costPerIncrementalPaidOrder === null
      || r.costs.costPerIncrementalPaidOrder === undefined ? '—' : `¥${r.costs.costPerIncrementalPaidOrder}`, 'cost'),
    figure('天真口径 · Naive rate', pct(r.naive.rate), 'naive', r.naive.label),
    figure('分组比例 · Split', `${pct(r.sampleRatio.observedHoldoutShare)} / 计划 · planned ${pct(r.sampleRatio.plannedHoldoutShare)}`,
      'split', r.sampleRatio.text)));
  const chartNode = h('div', { class: 'pc-chart', 'data-testid': 'rates-chart', style: 'height:420px' });
  parts.push(h('div', { class: 'pc-charts' }, chartNode));
  const all = [o, ...r.strata];
  parts.push(h('table', { class: 'table table-condensed', 'data-testid': 'strata' },
    h('thead', {}, h('tr', {}, ['维度 · Dimension', '分层 · Stratum', '催付组 · Reminded', '对照组 · Hold-out',
      '增量 · Incremental', 'p', '结论 · Verdict'].map((t) => h('th', {}, t)))),
    h('tbody', {}, all.map((c) => h('tr', { 'data-testid': `stratum-${c.dimension}-${c.stratum}` },
      h('td', {}, DIMENSIONS[c.dimension] || c.dimension), h('td', {}, c.stratum),
      h('td', { 'data-testid': 'reminded' }, rate(c.reminded)), h('td', { 'data-testid': 'holdout' }, rate(c.holdout)),
      h('td', { 'data-testid': 'uplift' }, uplift(c)),
      h('td', {}, c.pValue === null || c.pValue === undefined ? '—' : c.pValue.toPrecision(2)),
      h('td', { 'data-testid': 'verdict' }, c.verdictText))))));
  node.replaceChildren(...parts);
  const labels = all.map((c) => (c.dimension === 'overall' ? '全部' : `${c.stratum}`));
  const bars = (g) => all.map((c) => (c[g].paidRate === null ? null : c[g].paidRate));
  const errors = (g) => all.map((c, i) => (c[g].paidRateInterval
    ? [i, c[g].paidRateInterval.lower, c[g].paidRateInterval.upper] : null)).filter((x) => x);
  const whisker = (offset) => (params, api2) => {
    const x = api2.coord([api2.value(0), api2.value(1)]);
    const y = api2.coord([api2.value(0), api2.value(2)]);
    const cx = x[0] + offset;
    return { type: 'group', children: [
      { type: 'line', shape: { x1: cx, y1: x[1], x2: cx, y2: y[1] }, style: { stroke: '#333', lineWidth: 1.5 } },
      { type: 'line', shape: { x1: cx - 4, y1: x[1], x2: cx + 4, y2: x[1] }, style: { stroke: '#333' } },
      { type: 'line', shape: { x1: cx - 4, y1: y[1], x2: cx + 4, y2: y[1] }, style: { stroke: '#333' } }] };
  };
  await chart(chartNode, {
    title: { text: '两组付款率与 95% 区间（按分层）· Paid rate of both groups with 95 % intervals, per stratum',
      textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 26 },
    grid: { top: 70, left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    series: [
      { name: '催付组 · Reminded', type: 'bar', data: bars('reminded') },
      { name: '对照组 · Hold-out', type: 'bar', data: bars('holdout') },
      { name: '区间 · Reminded interval', type: 'custom', renderItem: whisker(-12), data: errors('reminded'), z: 10 },
      { name: '区间 · Hold-out interval', type: 'custom', renderItem: whisker(12), data: errors('holdout'), z: 10 },
    ],
  });
}

function figure(label, value, testid, note) {
  return h('div', { class: 'pc-figure' }, h('div', {}, label),
    h('div', { class: 'pc-value', 'data-testid': testid }, value), note ? h('div', { class: 'pc-note' }, note) : null);
}
