// Draws the charts whose specifications the page carries as JSON (see org.radbridge.console.Charts).
(function () {
  'use strict';
  var palette = ['#2f6db5', '#d9822b', '#3a9a5b', '#b8433f', '#7d5fb2', '#8c6d46', '#c95fa8', '#6b7280', '#b5a22f', '#2ea3b5'];
  function draw() {
    if (typeof Chart === 'undefined') return;
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var source = document.getElementById(canvas.getAttribute('data-chart'));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var abs = function (v) { return Math.abs(v).toLocaleString(); };
      var datasets = spec.datasets.map(function (d, i) {
        var colour = d.label === 'absent' ? '#3a9a5b' : d.label === 'present' ? '#b8433f' : palette[i % palette.length];
        return { label: d.label, data: d.data, backgroundColor: colour, borderColor: colour };
      });
      var valueAxis = { stacked: spec.stacked, beginAtZero: true, ticks: { callback: abs, precision: 0 } };
      // every label shown (autoskip left every other finding unnamed); a horizontal chart grows with its rows
      var categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: false } };
      if (spec.horizontal) canvas.parentNode.style.height = Math.max(320, spec.labels.length * 24 + 80) + 'px';
      new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false,
          maintainAspectRatio: false,
          indexAxis: spec.horizontal ? 'y' : 'x',
          scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
          plugins: {
            legend: { display: datasets.length > 1 || spec.stacked },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + abs(c.raw); } } }
          }
        }
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
