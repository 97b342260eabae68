// PeakCare's additions to Camunda 7.24's webapps (Tasklist, Cockpit, Admin, Welcome), loaded by each app's
// scripts/config.js through `customScripts` before Angular starts. Camunda 7.24 has no language menu and formats
// every date with moment in the browser's time zone; this script:
//
//  1. Language. Camunda picks `zh` or `en` from the browser (config.js `locales`, zh when the browser asks for
//     neither). A choice made with the footer's 中文 / English link is kept in localStorage and wins.
//  2. Calendars in that language: moment (relative times "几秒前", "1 天后"), the Angular UI date picker of Tasklist's
//     due and follow-up dates ($locale), and flatpickr, the date picker of Camunda Forms.
//  3. Dates in the shop's time zone (peakcare.webapps.time-zone, Asia/Shanghai by default, read from
//     settings.json beside this file) whatever the browser's zone: moment's updateOffset hook, the hook
//     moment-timezone uses, shifts every moment Camunda creates into that zone; the footer names the zone.
//  4. Camunda Forms' validation messages ("Field is required.", written in English only by form-js in
//     lib/deps.js) and its empty dropdowns' "Select" in Chinese first, English after, like every other label:
//     必填 · Field is required., 请选择 · Select.
//
// Camunda does not hand moment to custom scripts: it is taken from the webapps' webpack registry
// (webpackChunkcamunda_bpm_webapp in lib/runtime.js). WebappScriptAssumptionsTest fails when an upgrade changes
// what this relies on. If moment cannot be found, dates stay in the browser's zone and the rest still works.

const angular = window.angular;
const LANGUAGES = ['zh', 'en'];
const CHOICE = 'peakcare.locale';

/** zh or en: the user's choice, else the browser's language, else zh (as Camunda's own rule in config.js). */
export function language() {
  let chosen = null;
  try {
    chosen = window.localStorage.getItem(CHOICE);
  } catch (e) {
    // storage disabled: the browser's language decides
  }
  if (LANGUAGES.includes(chosen)) {
    return chosen;
  }
  const browser = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0];
  return LANGUAGES.includes(browser.toLowerCase()) ? browser.toLowerCase() : 'zh';
}

const lang = language();

async function shopTimeZone() {
  try {
    const response = await fetch(new URL('settings.json', import.meta.url), { credentials: 'same-origin' });
    const settings = response.ok ? await response.json() : {};
    const zone = settings.timeZone || 'Asia/Shanghai';
    new Intl.DateTimeFormat('en-US', { timeZone: zone }); // throws RangeError for an unknown zone
    return zone;
  } catch (e) {
    console.warn('PeakCare: shop time zone unknown, dates stay in the browser time zone', e);
    return null;
  }
}

const timeZone = await shopTimeZone();

// ---- moment, from the webapps' own webpack registry -------------------------------------------------------------
function findMoment() {
  const chunks = window.webpackChunkcamunda_bpm_webapp;
  if (!chunks) {
    return null;
  }
  let found = null;
  // a chunk with a fresh id and a runtime callback: webpack calls it with its require function
  chunks.push([[`peakcare-${Date.now()}`], {}, (require) => {
    const id = Object.keys(require.m).find((key) => String(require.m[key]).includes('defineLocaleOverride'));
    found = id === undefined ? null : require(id);
  }]);
  return found && typeof found.updateOffset === 'function' && found.fn ? found : null;
}

const moment = findMoment();
if (!moment) {
  console.warn('PeakCare: moment not found in the webapp bundle; dates stay in the browser time zone');
}

/** Minutes east of UTC of the shop's zone at the instant ms (DST-safe, from Intl). */
const zoneParts = timeZone && new Intl.DateTimeFormat('en-US', {
  timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric',
});
function offsetAt(ms) {
  const p = {};
  for (const part of zoneParts.formatToParts(new Date(ms))) {
    p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

if (moment && timeZone) {
  // Every moment that is neither UTC nor given an offset by its caller shows the shop's wall clock. A moment
  // parsed from wall-clock fields ("2026-11-11 20:00", no offset) means that time in the shop, as moment-timezone
  // does for its default zone.
  let internal = false;
  const utcOffset = moment.fn.utcOffset;
  moment.fn.utcOffset = function (input) {
    if (input != null && !internal) {
      this._peakcareZone = null; // utc(), parseZone(), utcOffset(n): the caller's fixed offset stays
    }
    return utcOffset.apply(this, arguments);
  };
  moment.momentProperties.push('_peakcareZone');
  moment.updateOffset = function (m, keepTime) {
    if (m._peakcareZone === undefined) {
      if (!m._isUTC && m._a && m._tzm === undefined && m._f !== 'X' && m._f !== 'x' && m.isValid()) {
        const wall = Date.UTC(m._a[0], m._a[1], m._a[2], m._a[3], m._a[4], m._a[5], m._a[6]);
        const guess = wall - offsetAt(wall) * 60000;
        m._d = new Date(wall - offsetAt(guess) * 60000);
      }
      m._peakcareZone = m._isUTC ? null : timeZone;
    }
    if (m._peakcareZone && m.isValid()) {
      internal = true;
      try {
        m.utcOffset(offsetAt(m.valueOf()), keepTime);
      } finally {
        internal = false;
      }
    }
  };
}

// ---- calendars in the chosen language -----------------------------------------------------------------------------
const ZH_FLATPICKR = {
  weekdays: {
    shorthand: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  },
  months: {
    shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    longhand: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' 至 ',
  weekAbbreviation: '周',
  scrollTitle: '滚动切换',
  toggleTitle: '点击切换 12/24 小时制',
  yearAriaLabel: '年',
  monthAriaLabel: '月',
  hourAriaLabel: '时',
  minuteAriaLabel: '分',
  time_24hr: true,
};
if (lang === 'zh' && window.flatpickr && window.flatpickr.localize) {
  window.flatpickr.localize(ZH_FLATPICKR);
}

const ZH_ANGULAR = {
  MONTH: ZH_FLATPICKR.months.longhand,
  SHORTMONTH: ZH_FLATPICKR.months.shorthand,
  DAY: ZH_FLATPICKR.weekdays.longhand,
  SHORTDAY: ZH_FLATPICKR.weekdays.shorthand,
  AMPMS: ['上午', '下午'],
  FIRSTDAYOFWEEK: 0, // Angular counts from Monday
};

function footer(translate) {
  const zoneLabel = document.querySelector('#footer-timezone i');
  if (zoneLabel && timeZone && moment) {
    const offset = offsetAt(Date.now());
    const sign = offset < 0 ? '-' : '+';
    const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    zoneLabel.textContent = `${timeZone} (UTC${sign}${hhmm})`;
  }
  const column = document.querySelector('#footer-timezone');
  if (column && !column.querySelector('.peakcare-locale')) {
    const link = document.createElement('a');
    link.href = '';
    link.className = 'peakcare-locale';
    link.lang = lang === 'zh' ? 'en' : 'zh';
    link.textContent = lang === 'zh' ? 'English' : '中文';
    link.title = lang === 'zh' ? 'Show the webapps in English' : '切换为中文';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      try {
        window.localStorage.setItem(CHOICE, lang === 'zh' ? 'en' : 'zh');
      } catch (e) {
        // storage disabled: nothing to remember
      }
      window.location.reload();
    });
    column.append(' · ', link);
  }
  document.documentElement.lang = translate.use() === 'zh' ? 'zh-CN' : 'en';
}

// ---- Camunda Forms' validation messages, Chinese first ----------------------------------------------------------
// form-js writes them in English only, under a field in .fjs-form-field-error; each is rewritten in place as it
// appears (a re-render that brings the English back is rewritten again). WebappScriptAssumptionsTest fails when an
// upgrade changes the English texts matched here.
const FORM_ERRORS = [
  [/^Field is required\.$/, () => '必填'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `至少 ${m[1]} 个字符`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `最多 ${m[1]} 个字符`],
  [/^Field must match pattern (.+)\.$/, (m) => `格式不符合要求（${m[1]}）`],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱'],
  [/^Field must be a valid\s+international phone number\./, () => '请填写有效的国际电话号码'],
];

export function chineseFormError(text) {
  const english = text.trim();
  for (const [pattern, zh] of FORM_ERRORS) {
    const m = english.match(pattern);
    if (m) {
      return `${zh(m)} · ${english}`;
    }
  }
  return null;
}

function translateFormErrors() {
  // each text node is changed in place: Preact keeps its own nodes, a new one would stand beside the old
  for (const empty of document.querySelectorAll('.fjs-select-placeholder')) {
    for (const node of empty.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data === 'Select') {
        node.data = '请选择 · Select';
      }
    }
  }
  for (const error of document.querySelectorAll('.fjs-form-field-error')) {
    const walker = document.createTreeWalker(error, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const translated = chineseFormError(node.data);
      if (translated) {
        node.data = translated;
      }
    }
  }
}

if (lang === 'zh') {
  const watch = () => new MutationObserver(translateFormErrors)
    .observe(document.body, { childList: true, subtree: true, characterData: true });
  if (document.body) {
    watch();
  } else {
    document.addEventListener('DOMContentLoaded', watch);
  }
}

if (angular) {
  angular.module('ng').run(['$injector', '$rootScope', '$timeout', '$locale', ($injector, $rootScope, $timeout, $locale) => {
    if (!$injector.has('$translate')) {
      return;
    }
    const translate = $injector.get('$translate');
    // the footer link's choice over the browser's language; after angular-translate's own run block, which
    // would otherwise switch back to the browser's language
    $rootScope.$evalAsync(() => {
      if (translate.proposedLanguage() !== lang && translate.use() !== lang) {
        translate.use(lang);
      }
    });
    if (lang === 'zh') {
      Object.assign($locale.DATETIME_FORMATS, ZH_ANGULAR);
      if ($injector.has('uibDatepickerConfig')) {
        Object.assign($injector.get('uibDatepickerConfig'), { startingDay: 1, formatDayTitle: 'yyyy年 MMMM', formatMonthTitle: 'yyyy年' });
      }
    }
    // Camunda defines moment's locale from each locales/*.json it loads (the chosen one and the fallback) and the
    // last to arrive becomes moment's global locale: put the chosen one back after every load
    const momentLocale = () => moment && moment.locale(translate.use() || lang);
    $rootScope.$on('$translateLoadingSuccess', () => $timeout(momentLocale));
    $rootScope.$on('$translateChangeSuccess', () => {
      momentLocale();
      $timeout(() => footer(translate));
    });
    $timeout(() => footer(translate));
  }]);
}

export default [];
