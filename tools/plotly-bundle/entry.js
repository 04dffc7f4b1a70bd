// plotly.js core with only the trace types the dashboard draws (see build.sh).
// core brings "scatter"; add a trace here when a figure builder starts using a new go.<Trace>.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/heatmap"),
  require("plotly.js/lib/scatterpolar"),
  require("plotly.js/lib/treemap"),
]);

module.exports = Plotly;
