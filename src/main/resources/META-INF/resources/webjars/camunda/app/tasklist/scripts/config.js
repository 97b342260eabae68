// PeakCare's settings for the Camunda tasklist webapp (overrides the webjar's own config.js)
export default {
  app: {
    name: '任务 · Tasklist',
    vendor: 'PeakCare'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY-MM-DD HH:mm:ss'
  },
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: '认领当前选中的任务 · claims the selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: '跳到第一个筛选器 · focus the first filter' },
    focusList: { key: 'ctrl+alt+l', description: '跳到列表第一个任务 · focus the first task' },
    focusForm: { key: 'ctrl+alt+f', description: '跳到任务表单第一个输入框 · focus the task form' },
    startProcess: { key: 'ctrl+alt+p', description: '打开发起流程对话框 · open Start process' }
  },
  // zh (PeakCare's own translation, locales/zh.json) unless the browser asks for English; the footer's
  // 中文 / English link switches and remembers the choice (../peakcare/webapps.js)
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  customScripts: ['../peakcare/webapps', '../peakcare/start-form-guard'],
  disableWelcomeMessage: true
};
