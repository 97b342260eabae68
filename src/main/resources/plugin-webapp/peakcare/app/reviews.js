// 评价例会 · The review meeting page (issue 21): one cycle's problems per category, the trend over the last cycles, hidden
// beside plain negatives, quotes with the problem clause marked, open actions per department; a CSV, a print view, and
// (for supervisors) the upload of a platform's review export. Data: the page endpoint reviews/meeting, the JSON of
// GET /api/reviews/meeting (com.peakcare.review.ReviewMeeting).
import { chart, dateTime, getJson, h, pageUrl, post, share } from './peakcare-page.js';

export const reviewMeeting = {
  id: 'peakcare.reviews',
  path: '/peakcare/reviews',
  label: '评价例会 · Reviews',
  priority: 5,
  render,
};

const STATUS = {
  GATHERING: '汇总中 · Gathering',
  DISCUSSING: '讨论中 · Discussing',
  NOTHING_FOUND: '本期无问题 · Nothing found',
  CLOSED: '已结束 · Closed',
};

async function render(node, { api }) {
  const query = new URLSearchParams(window.location.hash.split('?')[1] || '');
  let cycle = query.get('cycle');

  async function load() {
    node.replaceChildren(h('p', { 'data-testid': 'loading' }, '加载中… · Loading…'));
    const meeting = await getJson(api, 'reviews/meeting', { cycle });
    await draw(meeting);
  }

  async function draw(m) {
    const zone = m.timeZone;
    const c = m.cycle;
    const toolbar = h('div', { class: 'pc-toolbar pc-noprint' },
      h('label', {}, '例会周期 · Cycle ',
        h('select', {
          class: 'form-control input-sm', 'data-testid': 'cycle-select', style: 'display:inline-block;width:auto',
          onChange: (e) => {
            cycle = e.target.value;
            window.location.hash = `#${reviewMeeting.path}?cycle=${encodeURIComponent(cycle)}`;
          },
        }, m.cycles.map((r) => h('option', { value: r.id, selected: c && r.id === c.id },
          `${r.id}${r.label ? ` ${r.label}` : ''}（${STATUS[r.status] || r.status}）`)))),
      h('a', { class: 'btn btn-default btn-sm', 'data-testid': 'csv',
        href: pageUrl(api, 'reviews/meeting.csv', { cycle: c && c.id }) }, '下载 CSV · Download CSV'),
      h('button', { class: 'btn btn-default btn-sm', type: 'button', 'data-testid': 'print',
        onClick: () => window.print() }, '打印 · Print'),
      m.canUpload ? upload() : null);
    const parts = [h('h2', {}, '评价例会 · Review meeting'), toolbar];
    if (!c) {
      parts.push(h('p', { 'data-testid': 'no-cycle' }, '还没有汇总过的例会周期。 · No cycle has gathered yet.'));
      parts.push(actions(m));
      node.replaceChildren(...parts);
      return;
    }
    parts.push(h('h3', { 'data-testid': 'cycle-title' }, `${c.id}${c.label ? ` · ${c.label}` : ''}`),
      h('p', {}, `${dateTime(c.periodFrom, zone)} 至 · to ${dateTime(c.periodTo, zone)}（${zone}），`,
        `${STATUS[c.status] || c.status}`),
      h('div', { class: 'pc-figures' },
        figure('评价 · Reviews', c.reviews, 'summary-reviews'),
        figure('差评 · Negative', c.negativeReviews, 'summary-negative', share(c.negativeShare)),
        figure('隐性差评 · Hidden negatives', c.hiddenNegatives, 'summary-hidden', share(c.hiddenShare)),
        figure('普通差评 · Plain negatives', c.plainNegatives, 'summary-plain'),
        figure('严重差评 · Serious', c.seriousReviews, 'summary-serious', '已即时交售后 · handed to after-sales at once')));
    const trendNode = h('div', { class: 'pc-chart', 'data-testid': 'trend-chart' });
    const splitNode = h('div', { class: 'pc-chart', 'data-testid': 'split-chart' });
    parts.push(h('div', { class: 'pc-charts' }, trendNode, splitNode));
    parts.push(categories(m), actions(m), decided(m));
    node.replaceChildren(...parts);
    const labels = m.trend.cycles.map((r) => r.label || r.id);
    await chart(trendNode, {
      title: { text: '各类问题趋势（有问题的评价数）· Reviews with each problem, last cycles', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 26, type: 'scroll' },
      grid: { top: 64, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: m.trend.series.filter((s) => s.reviews.some((v) => v > 0))
        .map((s) => ({ name: zh(s.label), type: 'line', data: s.reviews })),
    });
    const shown = m.categories.filter((r) => r.reviews > 0);
    await chart(splitNode, {
      title: { text: '隐性差评与普通差评 · Hidden beside plain negatives', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 24 },
      grid: { top: 70, left: 40, right: 20, bottom: 60 },
      xAxis: { type: 'category', data: shown.map((r) => zh(r.label)), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '隐性差评 · Hidden', type: 'bar', stack: 'n', data: shown.map((r) => r.hidden) },
        { name: '普通差评 · Plain', type: 'bar', stack: 'n', data: shown.map((r) => r.plain) },
      ],
    });
  }

  /** The Chinese part of a "中文 · English" label: charts' axes and legends have little room. */
  function zh(label) {
    return label.split(' · ')[0];
  }

  function figure(label, value, testid, note) {
    return h('div', { class: 'pc-figure' }, h('div', {}, label),
      h('div', { class: 'pc-value', 'data-testid': testid }, value), note ? h('div', { class: 'pc-note' }, note) : null);
  }

  function categories(m) {
    const rows = m.categories.map((r) => h('tr', { 'data-testid': `category-${r.code}` },
      h('td', {}, h('strong', {}, r.label), h('br'), h('small', {}, r.departmentLabel || r.department)),
      h('td', { 'data-testid': 'reviews' }, r.reviews),
      h('td', { 'data-testid': 'share' }, share(r.share)),
      h('td', { 'data-testid': 'hidden', class: r.hidden > 0 ? 'pc-hidden' : null }, r.hidden),
      h('td', { 'data-testid': 'plain' }, r.plain),
      h('td', { 'data-testid': 'change', class: r.change > 0 ? 'pc-up' : r.change < 0 ? 'pc-down' : null },
        r.change === null || r.change === undefined ? '—' : `${r.change > 0 ? '+' : ''}${r.change}`,
        r.previousShare ? h('br') : null, r.previousShare ? h('small', {}, `上期 · before ${share(r.previousShare)}`) : null),
      h('td', { 'data-testid': 'quotes' }, r.quotes.map((q) => h('p', { class: 'pc-quote' },
        `★${q.stars} `, q.hiddenNegative ? h('span', { class: 'pc-hidden' }, '隐性 · hidden ') : null,
        q.before, h('mark', {}, q.clause), q.after))),
      h('td', {}, r.discussedBy ? `${r.discussedBy}${r.note ? `：${r.note}` : ''}` : '—')));
    return h('div', {},
      h('h3', {}, '各类问题 · Problems per category'),
      h('table', { class: 'table table-bordered table-condensed', 'data-testid': 'categories' },
        h('thead', {}, h('tr', {},
          h('th', {}, '类别 · Category'), h('th', {}, '有问题的评价 · Reviews'), h('th', {}, '占比 · Share'),
          h('th', {}, '隐性 · Hidden'), h('th', {}, '普通 · Plain'), h('th', {}, '较上期 · Change'),
          h('th', {}, '评价原话 · Quotes'), h('th', {}, '例会 · Meeting'))),
        h('tbody', {}, rows)));
  }

  function actions(m) {
    return h('div', { 'data-testid': 'open-actions' },
      h('h3', {}, '各部门未完成的措施 · Open actions per department'),
      m.openActions.length === 0 ? h('p', {}, '无 · None')
        : m.openActions.map((d) => h('div', { 'data-testid': `actions-${d.department}` },
          h('h4', {}, d.departmentLabel),
          h('table', { class: 'table table-condensed' }, h('tbody', {}, d.open.map((a) => h('tr', {},
            h('td', {}, a.categoryLabel), h('td', { 'data-testid': 'action-text' }, a.text),
            h('td', {}, `${a.ownerName}（${a.owner}）`),
            h('td', { class: a.overdue ? 'pc-overdue' : null }, `${a.due}${a.overdue ? ' 已逾期 · overdue' : ''}`),
            h('td', {}, a.createdCycle))))))));
  }

  function decided(m) {
    if (m.decided.length === 0) {
      return null;
    }
    return h('div', { 'data-testid': 'decided' }, h('h3', {}, '本期例会的决定 · Decided in this meeting'),
      h('ul', {}, m.decided.map((a) => h('li', {},
        `${a.categoryLabel}：${a.text}（${a.ownerName}，${a.due}）`,
        a.status === 'DONE' ? ` — 已完成 · done (${a.closedBy})` : ''))));
  }

  function upload() {
    const result = h('span', { class: 'pc-result', 'data-testid': 'upload-result' });
    const input = h('input', {
      type: 'file', accept: '.csv,text/csv', 'data-testid': 'upload', style: 'display:inline-block',
      onChange: async (e) => {
        const file = e.target.files[0];
        if (!file) {
          return;
        }
        result.textContent = '上传中… · Uploading…';
        try {
          const r = await post(api, 'reviews/upload', await file.arrayBuffer(), 'text/csv');
          result.textContent = `已接收 ${r.received} 条：新 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，`
            + `严重 ${r.seriousOpened} · received ${r.received}: ${r.created} new, ${r.updated} changed, `
            + `${r.unchanged} unchanged, ${r.seriousOpened} serious（下期例会统计 · counted by the next cycle）`;
        } catch (err) {
          result.textContent = err.message;
        }
      },
    });
    return h('label', {}, '上传评价 CSV · Upload reviews (CSV) ', input, result);
  }

  await load();
}
