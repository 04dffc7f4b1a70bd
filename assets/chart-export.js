/* Chart downloads (PNG / SVG) rendered in the browser by Plotly: no data leaves the machine.
   The buttons are made by components/charts.py (image_buttons); one delegated listener serves
   every chart, including those a callback inserts later. A file in assets/ (not inline) so the
   Content-Security-Policy holds. */
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("[data-chart-export]") : null;
        if (!button) {
            return;
        }
        var card = button.closest(".chart-card");
        var graph = card ? card.querySelector(".js-plotly-plot") : null;
        if (!graph || !window.Plotly) {
            return;
        }
        window.Plotly.downloadImage(graph, {
            format: button.getAttribute("data-chart-export"),
            filename: button.getAttribute("data-filename") || "chart",
            width: Number(button.getAttribute("data-width")) || 1280,
            height: Number(button.getAttribute("data-height")) || 720,
            scale: Number(button.getAttribute("data-scale")) || 1
        });
    });
}());
