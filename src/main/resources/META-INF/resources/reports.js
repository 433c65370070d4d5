// loaxa reports page: four charts drawn with Chart.js from the report JSON (GET /api/v1/reports/plays,
// /availability and /coverage, the same range and area as the tables below them): plays per day, availability per
// commune, airtime per language, and airtime per language in each commune (stacked). The tables stay the text alternative; each canvas is labelled by its caption.
(function () {
  'use strict';
  const section = document.getElementById('report-charts');
  if (!section || !window.Chart) return;

  async function report(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    if (!response.ok) throw new Error('report ' + response.status);
    return response.json();
  }

  // 2026-12-05 → 05/12
  const day = (iso) => iso.slice(8, 10) + '/' + iso.slice(5, 7);

  const names = {};
  const list = document.getElementById('language-names');
  if (list) {
    list.querySelectorAll('li[data-code]').forEach(li => { names[li.dataset.code] = li.textContent.trim(); });
    if (!names.und) names.und = list.dataset.und;
  }

  function bar(id, labels, values, color, options) {
    const canvas = document.getElementById(id);
    if (!canvas) return null;
    return new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: canvas.dataset.label, data: values, backgroundColor: color }] },
      options: Object.assign({
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true } }
      }, options || {})
    });
  }

  report(section.dataset.plays).then(plays => {
    bar('chart-plays-per-day', plays.byDay.map(d => day(d.day)), plays.byDay.map(d => d.plays), '#1f5f99',
      { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
    bar('chart-airtime-per-language', plays.byLanguage.map(l => names[l.key] || l.label),
      plays.byLanguage.map(l => Math.round(l.seconds / 6) / 10), '#7b4b94');
  }).catch(() => section.setAttribute('data-failed', 'plays'));

  report(section.dataset.availability).then(availability => {
    bar('chart-availability-per-area', availability.byArea.map(a => a.areaName || a.areaCode),
      availability.byArea.map(a => a.uptimePercent === null ? 0 : Number(a.uptimePercent)), '#1a7f37',
      { scales: { y: { beginAtZero: true, max: 100 } } });
  }).catch(() => section.setAttribute('data-failed', 'availability'));

  const PALETTE = ['#1f5f99', '#7b4b94', '#1a7f37', '#b35900', '#a3213a', '#4d6b00', '#00708a', '#6b4f2a'];
  report(section.dataset.coverage).then(coverage => {
    const canvas = document.getElementById('chart-airtime-per-commune');
    if (!canvas) return;
    const languages = [];
    coverage.communes.forEach(c => c.airtime.forEach(a => {
      if (languages.indexOf(a.language) < 0) languages.push(a.language);
    }));
    const minutes = (c, language) => {
      const line = c.airtime.find(a => a.language === language);
      return line ? Math.round(line.seconds / 6) / 10 : 0;
    };
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: coverage.communes.map(c => c.areaName || c.areaCode),
        datasets: languages.map((language, i) => ({
          label: names[language] || language,
          data: coverage.communes.map(c => minutes(c, language)),
          backgroundColor: PALETTE[i % PALETTE.length]
        }))
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }
      }
    });
  }).catch(() => section.setAttribute('data-failed', 'coverage'));
})();
