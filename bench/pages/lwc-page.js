// Draws the series embedded in the page with lightweight-charts' standalone build, then marks
// 'lwc:chart-ready' in the first animation frame after setData (the library paints in its own frame).
(function () {
  var colors = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#5f3dc4', '#e67700'];
  var data = JSON.parse(document.getElementById('series-data').textContent);
  var el = document.getElementById('chart');
  var chart = LightweightCharts.createChart(el, { width: 1200, height: 300 });
  var points = 0;
  data.forEach(function (s, i) {
    var series = chart.addSeries(LightweightCharts.LineSeries, { color: colors[i % colors.length], lineWidth: 1.5 });
    series.setData(s.points);
    points += s.points.length;
  });
  chart.timeScale().fitContent();
  requestAnimationFrame(function () {
    performance.mark('lwc:chart-ready');
    el.setAttribute('data-ready', 'true');
    el.setAttribute('data-points', String(points));
  });
})();
