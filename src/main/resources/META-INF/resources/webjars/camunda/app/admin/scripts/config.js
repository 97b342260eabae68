// PeakCare's settings for the Camunda admin webapp (overrides the webjar's own config.js)
export default {
  app: {
    name: '管理 · Admin',
    vendor: 'PeakCare'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY-MM-DD HH:mm:ss'
  },
  // zh (PeakCare's own translation, locales/zh.json) unless the browser asks for English; the footer's
  // 中文 / English link switches and remembers the choice (../peakcare/webapps.js)
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  customScripts: ['../peakcare/webapps'],
  disableWelcomeMessage: true
};
