// Merged by pcf-scripts into its own webpack configuration (feature pcfAllowCustomWebpack, turned on
// by each project's featureconfig.json). pcf-scripts sets output.pathinfo, whose "/*! ./path */"
// module comments the minifier keeps as licence comments and replaces by a banner line: bytes in
// every bundle that carry nothing, against each control's 10 KB budget.
module.exports = { output: { pathinfo: false } };
