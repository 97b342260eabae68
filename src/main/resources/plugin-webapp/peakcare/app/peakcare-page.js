// PeakCare's pages in Cockpit: the one small helper every page uses (docs/pages.md). A page is a route of the
// Cockpit plugin "peakcare" (plugin.js) whose data is a PeakCare page endpoint: the JSON its /api operation serves,
// read here through Cockpit's plugin API with the webapps' session, so the person is the one logged in (the server
// reads them from the session, never from here) and the same group check applies as on /api.
//
//   page({ id, path, label, render })   the two plugin definitions of a page: its navigation link and its route
//   getJson(api, 'reviews/meeting', { cycle })   GET the page's data (a problem becomes an Error with its detail)
//   post(api, 'reviews/upload', bytes, 'text/csv')   a page's action: a POST with the session's XSRF token
//   pageUrl(api, 'reviews/meeting.csv', { cycle })   a link (a download)
//   chart(node, option)   an Apache ECharts chart (the webjar), resized with the window
//   h('td', { class: 'x', 'data-testid': 'y' }, 'text', child)   DOM without innerHTML: text stays text
//   share(rate)   "3.5%（12/340，95% 区间 2.0–6.1%）": a share with its n and interval, Chinese first

const PLUGIN = 'peakcare';
const ECHARTS = 'webjars/echarts/5.3.1/dist/echarts.esm.min.js';
const CSRF_COOKIE = 'XSRF-TOKEN';

/** The page's two plugin definitions: a link in Cockpit's navigation and the route it opens. */
export function page({ id, path, label, priority = 5, render }) {
  return [
    {
      id: `${id}.navigation`,
      pluginPoint: 'cockpit.navigation',
      priority,
      properties: { path },
      checkActive: (url) => url.includes(`#${path}`),
      render: (node) => {
        node.replaceChildren(h('a', { href: `#${path}`, 'data-testid': `nav-${id}` }, label));
      },
    },
    {
      id,
      pluginPoint: 'cockpit.route',
      properties: { path, label },
      render: (node, context) => {
        node.classList.add('peakcare-page');
        render(node, context).catch((e) => showError(node, e));
      },
    },
  ];
}

/** Where a page's data is served on Cockpit's plugin API, with its query. */
export function pageUrl(api, path, params = {}) {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const search = query.toString();
  return `${api.cockpitApi}/plugin/${PLUGIN}/${api.engine}/pages/${path}${search ? `?${search}` : ''}`;
}

/** GET a page's JSON with the session's login. */
export async function getJson(api, path, params) {
  const response = await fetch(pageUrl(api, path, params), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  return answer(response);
}

/** A page's action: POST with the session's XSRF token in X-XSRF-TOKEN, as Cockpit sends its own. */
export async function post(api, path, body, contentType = 'application/json') {
  const response = await fetch(pageUrl(api, path), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': contentType, Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api) },
    body,
  });
  return answer(response);
}

/** A problem (RFC 7807) as an Error: its detail and each bad field. */
async function answer(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (response.ok) {
    return body;
  }
  const fields = (body && body.errors) || [];
  const error = new Error([
    `${response.status} ${(body && (body.detail || body.title)) || response.statusText}`,
    ...fields.map((f) => `${f.field}: ${f.message}`)].join('\n'));
  error.status = response.status;
  error.problem = body;
  throw error;
}

function csrfToken(api) {
  const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.substring(CSRF_COOKIE.length + 1)) : api.CSRFToken;
}

let echarts;

/** An Apache ECharts chart in node (height from CSS), resized with the window. */
export async function chart(node, option) {
  if (!echarts) {
    // the webjar is served by the application beside the webapps (application path /camunda by default)
    const appRoot = document.querySelector('base').getAttribute('app-root') || '';
    const contextPath = appRoot.replace(/\/[^/]+$/, '');
    echarts = await import(`${contextPath}/${ECHARTS}`);
  }
  const existing = echarts.getInstanceByDom(node);
  if (existing) {
    existing.dispose();
  }
  const instance = echarts.init(node, null, { renderer: 'canvas' });
  instance.setOption({ textStyle: { fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' }, ...option });
  const resize = () => instance.resize();
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  return instance;
}

/** An element with attributes and children (strings become text nodes: nothing is read as HTML). */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** A share with its n and its Wilson 95 % interval, Chinese first; "—" without n. */
export function share(rate) {
  if (!rate || rate.rate === null || rate.rate === undefined) {
    return '—';
  }
  const pct = (v) => `${(100 * v).toFixed(1)}%`;
  return `${pct(rate.rate)}（${rate.k}/${rate.n}，95% 区间 ${pct(rate.low)}–${pct(rate.high)}）`;
}

/** A time in the shop's time zone, as "2026-11-16 09:00". */
export function dateTime(iso, timeZone) {
  if (!iso) {
    return '—';
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).reduce((o, p) => ({ ...o, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function showError(node, e) {
  node.replaceChildren(h('div', { class: 'alert alert-danger peakcare-error', 'data-testid': 'page-error' },
    h('strong', {}, '无法显示此页面 · This page cannot be shown'), h('pre', {}, e.message)));
}
