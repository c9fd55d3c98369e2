// The Encore dashboard's home page: polls /v1/stats and /v1/models, draws them with uPlot, and
// tries recommendations. Shared helpers are in common.js.
(function () {
  'use strict';
  const { api, text, cell, fill, number, fixed, chart, palette, trackCell, link, listenerHref } = window.Encore;
  const REFRESH_MS = 5000;

  function drawLoss(models) {
    const withLoss = models.filter(m => m.trainingLoss && m.trainingLoss.length).slice(0, palette.length);
    const iterations = Math.max(0, ...withLoss.map(m => m.trainingLoss.length));
    const xs = Array.from({ length: iterations }, (_, i) => i + 1);
    const data = [xs].concat(withLoss.map(m => xs.map((_, i) => i < m.trainingLoss.length ? m.trainingLoss[i] : null)));
    chart('lossChart', withLoss.map((m, i) => ({ label: 'version ' + m.version, stroke: palette[i] })), iterations ? data : [],
      { scales: { x: { time: false } }, axes: [{ label: 'iteration', incrs: [1, 2, 5, 10, 20, 50, 100] }, { label: 'loss' }] });
  }

  // Complete days as a filled line; today, still filling up, as a lone point not joined to the
  // line, so a morning's few plays do not read as a collapse.
  function drawPlays(days) {
    const xs = days.map(d => Date.parse(d.day + 'T00:00:00Z') / 1000);
    const complete = days.map(d => d.complete ? d.plays : null);
    const todaySoFar = days.map(d => d.complete ? null : d.plays);
    chart('playsChart', [{ label: 'plays', stroke: palette[0], fill: 'rgba(59,111,216,0.15)' },
      { label: 'today so far', stroke: palette[1], paths: () => null, points: { show: true, size: 9, fill: palette[1] } }],
      xs.length ? [xs, complete, todaySoFar] : []);
  }

  const latencyHistory = { times: [], p50: [], p99: [] };

  function drawLatency(rows) {
    const recommendations = rows.filter(r => r.route === '/v1/users/{id}/recommendations' && r.status === '200');
    if (recommendations.length) {
      latencyHistory.times.push(Date.now() / 1000);
      // An idle route has no percentiles of its own: a gap in the line, not a fall to zero.
      latencyHistory.p50.push(recommendations[0].idle ? null : recommendations[0].p50Ms);
      latencyHistory.p99.push(recommendations[0].idle ? null : recommendations[0].p99Ms);
      ['times', 'p50', 'p99'].forEach(k => latencyHistory[k] = latencyHistory[k].slice(-120));
    }
    chart('latencyChart', [{ label: 'recommendations p50 ms', stroke: palette[0] },
      { label: 'recommendations p99 ms', stroke: palette[1] }],
      latencyHistory.times.length ? [latencyHistory.times, latencyHistory.p50, latencyHistory.p99] : [],
      // A first sample alone would stretch the time axis over years: show at least the last minute.
      { scales: { x: { range: (u, min, max) => [Math.min(min, max - 60), max] } } });
    fill('latency', rows.slice(0, 15), (row, r) => {
      cell(row, r.method + ' ' + r.route);
      cell(row, r.status);
      cell(row, number(r.count), true);
      const idle = !r.idle ? '' : r.percentilesAtMillis
        ? ' (idle; last busy ' + new Date(r.percentilesAtMillis).toLocaleTimeString() + ')' : ' (idle)';
      cell(row, fixed(r.p50Ms, 2) + idle, true);
      cell(row, fixed(r.p99Ms, 2), true);
    });
  }

  // An installed Spark model's evaluation.json holds its ALS metrics under "metrics", beside no baseline.
  function metric(metrics, model, name) {
    const scores = metrics && (metrics[model] || (model === 'als' ? metrics.metrics : undefined));
    return scores ? scores[name] : undefined;
  }

  function refresh() {
    api('/v1/stats').then(stats => {
      text('listeners', number(stats.counts.listeners));
      text('tracks', number(stats.counts.tracks));
      text('plays', number(stats.counts.plays));
      text('folded', number(stats.serving.foldedListeners));
      text('serving', stats.serving.modelVersion
        ? 'model version ' + stats.serving.modelVersion + ' on ' + stats.serving.database
        : 'popularity (no model yet) on ' + stats.serving.database);
      text('updated', 'updated ' + new Date().toLocaleTimeString());
      fill('topTracks', stats.topTracks, (row, t, i) => {
        cell(row, i + 1, true);
        trackCell(row, t.trackId);
        cell(row, t.title);
        cell(row, t.artist);
        cell(row, number(t.listeners), true);
      });
      drawPlays(stats.playsPerDay);
      drawLatency(stats.latency);
    }).catch(error => text('updated', 'stats: ' + error.message));

    api('/v1/models').then(list => {
      text('modelRules', 'A new version goes live if its ' + list.promotion.metric + ' is at most '
        + Math.round(list.promotion.tolerance * 1000) / 10 + '% worse than the serving one\'s'
        + (list.pinnedVersion ? '; version ' + list.pinnedVersion + ' is pinned, so none does until it is unpinned' : '')
        + '. Model files kept: the newest ' + list.retention.keepModels + ' and the serving one.');
      fill('models', list.models, (row, m) => {
        const als = m.settings && m.settings.als ? m.settings.als : {};
        cell(row, m.version + (m.pinned ? ' (serving, pinned)' : m.serving ? ' (serving)' : ''));
        cell(row, m.status + (m.fileRemoved ? ', file removed' : '') + (m.error ? ': ' + m.error : ''));
        cell(row, m.createdAt ? new Date(m.createdAt).toLocaleString() : '');
        cell(row, als.factors, true);
        cell(row, als.iterations, true);
        cell(row, fixed(metric(m.metrics, 'als', 'precision@10'), 4), true);
        cell(row, fixed(metric(m.metrics, 'als', 'ndcg@10'), 4), true);
        cell(row, fixed(metric(m.metrics, 'als', 'map@10'), 4), true);
        cell(row, fixed(metric(m.metrics, 'als', 'epr'), 3), true);
        cell(row, fixed(metric(m.metrics, 'als', 'coverage@10'), 3), true);
        cell(row, fixed(metric(m.metrics, 'als', 'gini@10'), 3), true);
        cell(row, fixed(metric(m.metrics, 'als', 'novelty@10'), 2), true);
        cell(row, fixed(metric(m.metrics, 'popularity', 'precision@10'), 4), true);
        cell(row, fixed(metric(m.metrics, 'hybrid', 'ndcg@10'), 4), true);
        cell(row, fixed(metric(m.metrics, 'hybrid', 'coverage@10'), 3), true);
        cell(row, blendText(m.metrics));
        const served = cell(row, indexText(m.metrics));
        if (m.metrics && m.metrics.index && m.metrics.index.exactBecause && m.metrics.index.lists) {
          served.className = 'error';
        }
        const promotion = cell(row, m.promotion ? m.promotion.reason : '');
        if (m.promotion && !m.promotion.promoted) {
          promotion.className = 'error';
        }
        actions(cell(row, ''), m);
      });
      drawLoss(list.models);
      const job = list.activeJob;
      text('jobStatus', !job ? 'No training running.'
        : job.trigger === 'install' ? 'Install job ' + job.id + ': installing a model trained elsewhere.'
        : 'Training job ' + job.id + ': ' + job.phase + ', iteration ' + job.iteration + '/' + job.iterations
          + ' (' + Math.round(job.progress * 100) + '%)');
    }).catch(error => text('jobStatus', 'models: ' + error.message));
  }

  // How recommendations and similar tracks are answered: through the index (with its measured
  // recall against exact scoring) or by scoring every track, and why.
  function indexText(metrics) {
    const index = metrics ? metrics.index : null;
    if (!index) {
      return 'every track';
    }
    const recall = index.recommendationRecallAt10 === undefined ? ''
      : ' (' + fixed(index.recommendationRecallAt10, 3) + ' / ' + fixed(index.similarTracksRecallAt10, 3) + ')';
    return (index.servedBy === 'index' ? 'index' : 'every track: ' + index.exactBecause) + recall;
  }

  // The blend chosen on validation, as the weights of ALS, content and popularity; the server's default otherwise.
  function blendText(metrics) {
    const chosen = metrics && metrics.blend ? metrics.blend.chosen : null;
    return chosen ? chosen.als + ' / ' + chosen.content + ' / ' + chosen.popularity : 'default';
  }

  // Buttons for what an operator may do with a version; the server refuses the rest with a reason.
  function actions(holder, m) {
    const choices = [];
    if (m.status === 'ready' && !m.fileRemoved && !m.serving) {
      choices.push(['promote', 'POST', '/promote']);
    }
    if (m.status === 'ready' && !m.fileRemoved && !m.pinned) {
      choices.push(['pin', 'POST', '/pin']);
    }
    if (m.pinned) {
      choices.push(['unpin', 'POST', null]);
    }
    if (!m.serving && m.status !== 'training') {
      choices.push(['delete', 'DELETE', '']);
    }
    choices.forEach(([label, method, suffix]) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link';
      button.textContent = label;
      button.addEventListener('click', () => {
        const path = suffix === null ? '/v1/models/unpin' : '/v1/models/' + m.version + suffix;
        api(path, { method })
          .then(() => { text('modelAction', label + ' version ' + m.version + ': done.'); refresh(); })
          .catch(error => text('modelAction', error.message));
      });
      holder.appendChild(button);
    });
  }

  document.getElementById('trainButton').addEventListener('click', () => {
    api('/v1/models/train', { method: 'POST' })
      .then(job => text('jobStatus', 'Started training job ' + job.id + '.'))
      .catch(error => text('jobStatus', error.message));
  });

  document.getElementById('tryForm').addEventListener('submit', event => {
    event.preventDefault();
    const userId = document.getElementById('userId').value.trim();
    const query = new URLSearchParams({
      n: document.getElementById('count').value,
      strategy: document.getElementById('strategy').value,
      filterPlayed: document.getElementById('filterPlayed').checked
    });
    document.getElementById('explanation').textContent = '';
    query.set('include', 'names');
    api('/v1/users/' + encodeURIComponent(userId) + '/recommendations?' + query).then(answer => {
      const note = document.getElementById('tryNote');
      note.className = 'muted';
      note.replaceChildren('Served by ' + answer.servedBy + ' (model version ' + answer.modelVersion + ')'
        + (answer.note ? '. ' + answer.note : '') + '. ', link(listenerHref(userId), 'Listener page'));
      Encore.fillRecommendations('tryResult', userId, answer, document.getElementById('explanation'));
    }).catch(error => {
      const note = document.getElementById('tryNote');
      note.className = 'error';
      note.textContent = error.message;
      fill('tryResult', [], () => {});
    });
  });

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
