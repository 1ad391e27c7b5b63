// The dashboard page: reads GET /api/dashboard and draws its charts (Chart.js from its WebJar) and tables.
(function () {
  'use strict';
  const root = document.getElementById('dashboard');
  const labels = JSON.parse(document.getElementById('dashboard-labels').textContent);
  const months = document.getElementById('dashboard-months');
  const colours = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#12b5cb', '#f9ab00', '#5f6368'];
  const charts = {};

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  function time(value) {
    return value ? new Date(value).toLocaleString(document.documentElement.lang || 'zh-CN', {hour12: false}) : '';
  }

  function fill(tableId, rows, cells) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = document.querySelectorAll('#' + tableId + ' thead th').length;
      td.className = 'empty';
      td.textContent = labels.empty;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    rows.forEach(function (row) {
      const tr = document.createElement('tr');
      cells(row).forEach(function (value) {
        const td = document.createElement('td');
        td.textContent = text(value);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function chart(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    config.options = Object.assign({responsive: true, animation: false}, config.options || {});
    charts[id] = new Chart(document.getElementById(id), config);
  }

  function bar(id, items, label, horizontal) {
    chart(id, {
      type: 'bar',
      data: {labels: items.map(function (i) { return i.label; }),
        datasets: [{label: label, data: items.map(function (i) { return i.count; }), backgroundColor: colours[0]}]},
      options: {indexAxis: horizontal ? 'y' : 'x', plugins: {legend: {display: false}},
        scales: {[horizontal ? 'x' : 'y']: {beginAtZero: true, ticks: {precision: 0}}}}
    });
  }

  function draw(d) {
    document.getElementById('dashboard-generated').textContent = labels['generated-at'] + ' ' + time(d.generatedAt);
    document.getElementById('issued-total').textContent = d.issued.total;
    bar('chart-issued-month', d.issued.perMonth, labels['series.issued'], false);
    chart('chart-issued-path', {
      type: 'doughnut',
      data: {labels: d.issued.perPath.map(function (i) { return i.label; }),
        datasets: [{data: d.issued.perPath.map(function (i) { return i.count; }), backgroundColor: colours}]},
      options: {plugins: {legend: {position: 'right'}}}
    });
    bar('chart-issued-level', d.issued.perLevel, labels['series.issued'], false);

    document.getElementById('backlog-total').textContent = d.backlog.total;
    bar('chart-backlog', d.backlog.tiers.map(function (t) {
      return {label: t.stepName + ' · ' + t.organisationName, count: t.count};
    }), labels['series.backlog'], true);
    fill('backlog-table', d.backlog.tiers, function (t) {
      return [t.stepName, t.organisationName, t.count, t.oldestApplicationId, t.oldestWaitingDays];
    });

    fill('cycle-table', d.currentCycle, function (b) {
      return [b.month, labels['status.' + b.status] || b.status, b.total, b.generated, b.waitingForPhoto, b.failed,
        b.releaseOn];
    });
    chart('chart-cycle', {
      type: 'bar',
      data: {labels: d.currentCycle.map(function (b) { return b.month; }),
        datasets: [
          {label: labels['column.generated'], data: d.currentCycle.map(function (b) { return b.generated; }), backgroundColor: colours[2]},
          {label: labels['column.waiting-for-photo'], data: d.currentCycle.map(function (b) { return b.waitingForPhoto; }), backgroundColor: colours[6]},
          {label: labels['column.failed'], data: d.currentCycle.map(function (b) { return b.failed; }), backgroundColor: colours[3]},
          {label: labels['series.pending'], data: d.currentCycle.map(function (b) {
            return Math.max(0, b.total - b.generated - b.waitingForPhoto - b.failed);
          }), backgroundColor: colours[7]}]},
      options: {indexAxis: 'y', scales: {x: {stacked: true, beginAtZero: true, ticks: {precision: 0}}, y: {stacked: true}}}
    });

    document.getElementById('late-total').textContent = d.lateUploads.total;
    document.getElementById('late-open').textContent = d.lateUploads.unacknowledged;
    fill('late-table', d.lateUploads.cases, function (c) {
      return [c.applicationId, c.reviewBody, c.uploadDeadline, c.uploadedOn, c.workingDaysLate,
        c.escalationOpen ? labels.yes : labels.no];
    });

    document.getElementById('photo-total').textContent = d.waitingForPhoto.total;
    fill('photo-table', d.waitingForPhoto.cases, function (c) {
      return [c.applicationId, c.issuanceMonth, c.employer, time(c.waitingSince)];
    });

    document.getElementById('failed-total').textContent = d.failedJobs.total;
    fill('failed-table', d.failedJobs.jobs, function (j) {
      return [time(j.since), j.processDefinitionKey, j.activityId, j.message];
    });
  }

  function load() {
    const query = '?months=' + encodeURIComponent(months.value);
    ['export-csv', 'export-xlsx'].forEach(function (id) {
      const link = document.getElementById(id);
      link.href = link.href.replace(/&months=\d+/, '') + '&months=' + encodeURIComponent(months.value);
    });
    fetch(root.dataset.api + query, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (d) {
        document.getElementById('dashboard-error').hidden = true;
        draw(d);
        root.dataset.loaded = 'true';
      })
      .catch(function () {
        document.getElementById('dashboard-error').hidden = false;
      });
  }

  document.getElementById('dashboard-filters').addEventListener('submit', function (event) {
    event.preventDefault();
    load();
  });
  months.addEventListener('change', load);
  load();
})();
