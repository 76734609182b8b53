// pcf-scripts reads the webpack customisation from here; it is shared by the three controls.
module.exports = require('../shared/webpack.config.js');
