// Draws the figure embedded in the page (script#figure-data) with the plotly.js served by
// humstat. Static file, so the page's Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  var holder = document.getElementById("figure-data");
  var target = document.getElementById("chart");
  if (!holder || !target || typeof Plotly === "undefined") { return; }
  var fig = JSON.parse(holder.textContent);
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    toImageButtonOptions: { format: "png", filename: "humstat-chart", scale: 2 }
  };
  Plotly.newPlot(target, fig.data, fig.layout, config).then(function () {
    document.body.setAttribute("data-plotted", "1");
  });
  // Select an embed code on focus, so copying it is one keystroke.
  var codes = document.querySelectorAll(".embed-codes textarea");
  for (var i = 0; i < codes.length; i++) {
    codes[i].addEventListener("focus", function (ev) { ev.target.select(); });
  }
})();
