// PeakCare's settings for the Camunda cockpit webapp (overrides the webjar's own config.js)
export default {
  app: {
    name: '监控 · Cockpit',
    vendor: 'PeakCare'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY-MM-DD HH:mm:ss'
  },
  disableWelcomeMessage: true
};
