// PeakCare's settings for the Camunda welcome webapp (overrides the webjar's own config.js)
export default {
  app: {
    name: '欢迎 · Welcome',
    vendor: 'PeakCare'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY-MM-DD HH:mm:ss'
  },
  disableWelcomeMessage: true
};
