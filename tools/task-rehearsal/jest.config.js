module.exports = { ...require('../../jest.preset.js'), displayName: 'task-rehearsal', rootDir: __dirname };
