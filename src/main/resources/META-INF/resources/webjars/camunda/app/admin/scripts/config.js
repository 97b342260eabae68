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
  disableWelcomeMessage: true
};
