// 大促看板 · The big-sale dashboard (issue 25): returns now, money, promises kept, customers told, campaigns, each a
// tile of its own JSON (the page endpoints dashboard/<tile>, the JSON of GET /api/dashboard/<tile>, in the OpenAPI
// document), only the tiles the viewer may read (dashboard/tiles), refreshed in place every 30 s without reloading the
// page, charts by Apache ECharts, each tile with links to the list behind it and its CSV. Java: com.peakcare.dashboard.
import { chart, dateTime, getJson, h, pageUrl, share } from './peakcare-page.js';

export const bigSaleDashboard = {
  id: 'peakcare.dashboard',
  path: '/peakcare/dashboard',
  label: '大促看板 · Dashboard',
  priority: 10,
  render,
};

const STATUS = {
  OPEN: '新建 · Open',
  UNDER_REVIEW: '审核中 · Under review',
  AWAITING_PARCEL: '待寄回 · Awaiting parcel',
  INSPECTING: '验货中 · Inspecting',
  AWAITING_SECOND_APPROVAL: '待二次审批 · Second approval',
  REFUNDING: '退款中 · Refunding',
  REFUNDED: '已退款 · Refunded',
  EXCHANGE_SHIPPED: '换货已发 · Exchange shipped',
};
const TYPE = {
  REFUND_ONLY: '仅退款 · Refund only',
  RETURN_AND_REFUND: '退货退款 · Return and refund',
  EXCHANGE: '换货 · Exchange',
  PRICE_DIFFERENCE: '退差价 · Price difference',
  REPAIR: '维修 · Repair',
};
const CHANNEL = { SMS: '短信 · SMS', EMAIL: '邮件 · E-mail', IN_APP: '站内信 · In-app' };

/** The state of the page, for the browser test: how often each tile was drawn. */
const state = { refreshes: 0, drawn: {} };
window.peakcareDashboard = state;

async function render(node, { api }) {
  const query = new URLSearchParams(window.location.hash.split('?')[1] || '');
  const sale = { saleFrom: query.get('saleFrom') || '', saleTo: query.get('saleTo') || '' };
  let tiles;
  try {
    tiles = await getJson(api, 'dashboard/tiles', {});
  } catch (e) {
    if (e.status === 403) {
      node.replaceChildren(h('h2', {}, '大促看板 · Big-sale dashboard'), h('p', { 'data-testid': 'no-dashboard',
        class: 'alert alert-info' }, '看板只给售后主管、运营主管和审计看。 · The dashboard is for after-sales '
        + 'supervisors, ops supervisors and auditors.'));
      return;
    }
    throw e;
  }
  const zone = tiles.timeZone;
  const refreshed = h('span', { 'data-testid': 'refreshed-at' }, '—');
  const toolbar = h('div', { class: 'pc-toolbar' },
    h('label', {}, '大促开始 · Sale from ', dateInput('saleFrom')),
    h('label', {}, '结束 · to ', dateInput('saleTo')),
    h('span', { class: 'pc-note' }, `时区 · Time zone ${zone}，每 ${tiles.refreshSeconds} 秒自动刷新 · refreshes every `
      + `${tiles.refreshSeconds} s；更新于 · updated `), refreshed);
  const sections = {};
  for (const t of tiles.tiles) {
    sections[t.tile] = h('section', { class: 'pc-tile', 'data-testid': `tile-${t.tile}` },
      h('h3', {}, t.label), h('p', {}, '加载中… · Loading…'));
  }
  node.replaceChildren(h('div', {}, h('h2', {}, '大促看板 · Big-sale dashboard'), toolbar,
    tiles.tiles.length === 0 ? h('p', { 'data-testid': 'no-tiles', class: 'alert alert-info' },
      '您的部门没有看板。 · Your department has no tile on the dashboard.') : null,
    h('div', { class: 'pc-tiles' }, Object.values(sections))));

  function dateInput(name) {
    return h('input', { type: 'date', class: 'form-control input-sm', style: 'display:inline-block;width:auto',
      value: sale[name], 'data-testid': name, onChange: (e) => {
        sale[name] = e.target.value;
        refresh();
      } });
  }

  async function refresh() {
    let asOf = new Date().toISOString();
    await Promise.all(tiles.tiles.map(async (t) => {
      const section = sections[t.tile];
      try {
        const data = await getJson(api, `dashboard/${t.tile}`, sale);
        asOf = data.asOf || asOf; // the server's time of the figures
        await DRAW[t.tile](section, data, { api, zone, sale, label: t.label, tile: t.tile });
        state.drawn[t.tile] = (state.drawn[t.tile] || 0) + 1;
      } catch (e) {
        section.replaceChildren(h('h3', {}, t.label), h('div', { class: 'alert alert-danger',
          'data-testid': `error-${t.tile}` }, e.message));
      }
    }));
    state.refreshes += 1;
    refreshed.textContent = dateTime(asOf, zone);
    refreshed.setAttribute('data-refreshes', String(state.refreshes));
  }

  await refresh();
  const timer = window.setInterval(() => {
    if (!document.body.contains(node)) {
      window.clearInterval(timer); // the route was left: stop asking
      return;
    }
    refresh();
  }, Math.min(tiles.refreshSeconds, 30) * 1000);
}

/** A tile's frame: title, figures, charts, tables, links to the lists behind it and its CSV. */
function frame(section, ctx, links, ...parts) {
  section.replaceChildren(h('h3', {}, ctx.label), ...parts,
    h('p', { class: 'pc-links' }, '明细 · Lists: ', links.map((l) => h('a', { href: l.href, target: '_top',
      'data-testid': 'link' }, l.label)), h('a', { class: 'btn btn-default btn-xs', 'data-testid': 'csv',
      href: pageUrl(ctx.api, `dashboard/${ctx.tile}.csv`, ctx.sale) }, '下载 CSV · Download CSV')));
}

function figure(label, value, testid, note) {
  return h('div', { class: 'pc-figure' }, h('div', {}, label),
    h('div', { class: 'pc-value', 'data-testid': testid }, value), note ? h('div', { class: 'pc-note' }, note) : null);
}

function money(amount) {
  return `¥${Number(amount || 0).toFixed(2)}`;
}

function pct(rate) {
  return rate === null || rate === undefined ? '—' : `${(100 * rate).toFixed(1)}%`;
}

function table(head, rows, testid) {
  return h('table', { class: 'table table-condensed', 'data-testid': testid },
    h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

function zh(label) {
  return (label || '').split(' · ')[0];
}

const DRAW = {
  async returns(section, r, ctx) {
    const hours = h('div', { class: 'pc-chart', 'data-testid': 'chart-hours' });
    frame(section, ctx, r.links,
      h('div', { class: 'pc-figures' },
        figure('未结案 · Open cases', r.open, 'returns-open'),
        figure('审核超时 · Reviews past SLA', r.overdue.reviews, 'returns-overdue-reviews'),
        figure('验货超时 · Inspections past SLA', r.overdue.inspections, 'returns-overdue-inspections')),
      hours,
      h('div', { class: 'pc-charts' },
        table(['状态 · Status', '数量 · Cases'], r.byStatus.map((c) => [STATUS[c.key] || c.key, c.count]),
          'returns-by-status'),
        table(['类型 · Type', '数量 · Cases'], r.byType.map((c) => [TYPE[c.key] || c.key, c.count]), 'returns-by-type')),
      table(['处理人 · Agent', '负荷 · Load', '明细 · By status'], r.byAgent.map((a) => [a.agent || '（未指派 · unassigned）',
        a.load, Object.entries(a.byStatus).map(([s, n]) => `${zh(STATUS[s] || s)} ${n}`).join('，')]),
      'returns-by-agent'));
    await chart(hours, {
      title: { text: '每小时新建案件与政策决定 · Cases opened per hour, by the policy\'s decision', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 24 },
      grid: { top: 64, left: 40, right: 20, bottom: 40 },
      xAxis: { type: 'category', data: r.openedPerHour.map((x) => x.hour.substring(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '自动同意 · Auto-approved', key: 'autoApproved' },
        { name: '人工审核 · Review', key: 'manualReview' },
        { name: '拒绝 · Rejected', key: 'rejected' },
        { name: '未决定 · Undecided', key: 'undecided' },
      ].map((s) => ({ name: s.name, type: 'bar', stack: 'n', data: r.openedPerHour.map((x) => x[s.key]) })),
    });
  },

  async money(section, m, ctx) {
    frame(section, ctx, m.links,
      h('div', { class: 'pc-figures' },
        figure('今日已退款 · Refunds paid today', money(m.paidToday.sum), 'money-paid-today', `${m.paidToday.count} 笔 · refunds`),
        figure('大促期间已退款 · During the sale', money(m.paidInSale.sum), 'money-paid-sale', `${m.paidInSale.count} 笔 · refunds`),
        figure('待二次审批 · Second approval', m.awaitingSecondApproval.count, 'money-second-approval',
          money(m.awaitingSecondApproval.sum)),
        figure('超上限被拒 · Refused by ceiling', m.ceilingRefusals, 'money-ceiling'),
        figure('去向变更 · Destination changes', `${m.destinationChanges.requested} / ${m.destinationChanges.approved}`,
          'money-destination', '申请 / 批准 · requested / approved'),
        figure('退款中 · Refunding', m.refunding.count, 'money-refunding', `${money(m.refunding.sum)}，事故 · incidents `
          + `${m.refundIncidents}`),
        figure('大促订单退款率 · Refund rate', pct(m.refundRate.moneyRate), 'money-refund-rate',
          `按金额 · by money ${money(m.refundRate.refunded)} / ${money(m.refundRate.paid)}；按订单 · by orders `
          + `${m.refundRate.refundedOrders}/${m.refundRate.orders}（${pct(m.refundRate.ordersRate)}）`)));
  },

  async promises(section, p, ctx) {
    const days = h('div', { class: 'pc-chart', 'data-testid': 'chart-promises' });
    frame(section, ctx, p.links,
      table(['承诺 · Promise', '今日到期 · Due today', '按时 · Kept', '逾期 · Late', '已致歉 · Apologised', '未到期 · Open',
        '按时率 · On time'], p.today.map((t) => [t.label, t.due, t.kept, t.late, t.apologised, t.open, share(t.onTime)]),
      'promises-today'),
      h('p', { class: 'pc-note' }, '投诉承诺：投诉功能上线后在此显示。 · Complaint promises show here once complaints exist.'),
      days);
    const kinds = [...new Set(p.perDay.map((d) => d.kind))];
    await chart(days, {
      title: { text: '每日按时率 · On-time share per day', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { top: 24 },
      grid: { top: 64, left: 50, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: [...new Set(p.perDay.map((d) => d.day))] },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: kinds.map((k) => ({ name: k, type: 'line', connectNulls: false, data: p.perDay.filter((d) => d.kind === k)
        .map((d) => (d.onTime.rate === null || d.onTime.rate === undefined ? null : +(100 * d.onTime.rate).toFixed(1))) })),
    });
  },

  async notices(section, n, ctx) {
    const channels = h('div', { class: 'pc-chart', 'data-testid': 'chart-channels' });
    frame(section, ctx, n.links,
      h('div', { class: 'pc-figures' },
        figure('待发 · Outbox waiting', n.backlog.waiting, 'notices-waiting', `其中失败重试 · failed, retrying ${n.backlog.failed}`),
        figure('最早等待 · Oldest waiting since', dateTime(n.backlog.oldestWaitingSince, ctx.zone), 'notices-oldest'),
        figure('群发进行中 · Broadcasts running', n.broadcasts.length, 'notices-broadcasts')),
      channels,
      table(['类型 · Type', '渠道 · Channel', '发出 · Sent', '已送达渠道 · Delivered', '失败 · Failed', '等待 · Waiting'],
        n.lastHour.map((r) => [r.type, CHANNEL[r.channel] || r.channel, r.sent, r.delivered, r.failed, r.waiting]),
        'notices-last-hour'),
      n.broadcasts.length ? table(['群发 · Broadcast', '快递 · Courier', '省份 · Provinces', '进度 · Done'],
        n.broadcasts.map((b) => [b.id, b.courier, b.provinces, `${b.done}/${b.matched}`]), 'notices-broadcast-list') : null);
    await chart(channels, {
      title: { text: '最近一小时各渠道 · Last hour per channel', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 24 },
      grid: { top: 64, left: 40, right: 20, bottom: 30 },
      xAxis: { type: 'category', data: n.byChannel.map((r) => zh(CHANNEL[r.channel] || r.channel)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [['已送达 · Delivered', 'delivered'], ['失败 · Failed', 'failed'], ['等待 · Waiting', 'waiting']]
        .map(([name, key]) => ({ name, type: 'bar', stack: 'n', data: n.byChannel.map((r) => r[key]) })),
    });
  },

  async campaigns(section, c, ctx) {
    const stages = h('div', { class: 'pc-chart', 'data-testid': 'chart-stages' });
    frame(section, ctx, c.links,
      h('div', { class: 'pc-figures' },
        figure('逾期检核 · Checks past due', c.overdueChecks, 'campaigns-overdue')),
      stages,
      table(['活动 · Campaign', '阶段 · Stage', '上线 · Go-live', '逾期检核 · Overdue', '宣贯 · Briefing（就绪/未/两次未过）',
        '顾客报错 · Customer reports', '罚款 · Fines'], c.campaigns.map((x) => [
        h('a', { href: x.href, target: '_blank', 'data-testid': `campaign-${x.code}` }, `${x.code} ${x.name}`),
        x.stageLabel, dateTime(x.goLiveAt, ctx.zone),
        h('span', { class: x.overdueChecks > 0 ? 'pc-overdue' : null }, x.overdueChecks),
        x.briefing ? `${x.briefing.ready} / ${x.briefing.notYet} / ${x.briefing.failedTwice}` : '—',
        `${x.customerReports}（待确认 · to confirm ${x.reportsToConfirm}，确认错误 · confirmed ${x.confirmedErrors}）`,
        `${x.fines} 笔 · ${money(x.finesAmount)}`]), 'campaigns-list'));
    await chart(stages, {
      title: { text: '各阶段活动数 · Campaigns by stage', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { top: 40, left: 40, right: 20, bottom: 60 },
      xAxis: { type: 'category', data: c.byStage.map((s) => zh(s.label)), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '活动 · Campaigns', type: 'bar', data: c.byStage.map((s) => s.count) }],
    });
  },
};
