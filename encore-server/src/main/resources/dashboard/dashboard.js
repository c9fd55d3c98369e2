// The Encore dashboard: polls /v1/stats and /v1/models, draws them with uPlot, and tries
// recommendations. Every value from the server is inserted as text, never as HTML.
(function () {
  'use strict';
  const REFRESH_MS = 5000;
  const keyInput = document.getElementById('apiKey');
  keyInput.value = sessionStorage.getItem('encoreApiKey') || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem('encoreApiKey', keyInput.value));

  function api(path, options) {
    const headers = Object.assign({}, (options && options.headers) || {});
    if (keyInput.value) {
      headers['X-API-Key'] = keyInput.value;
    }
    return fetch(path, Object.assign({}, options, { headers })).then(response =>
      response.json().then(body => {
        if (!response.ok) {
          throw new Error(body.message || ('HTTP ' + response.status));
        }
        return body;
      }));
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function cell(row, value, numeric) {
    const td = document.createElement('td');
    td.textContent = value === undefined || value === null ? '' : value;
    if (numeric) {
      td.className = 'number';
    }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, render) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    rows.forEach((item, index) => {
      const row = document.createElement('tr');
      render(row, item, index);
      body.appendChild(row);
    });
  }

  const number = value => (typeof value === 'number' && isFinite(value)) ? value.toLocaleString() : '-';
  const fixed = (value, digits) => (typeof value === 'number' && isFinite(value)) ? value.toFixed(digits) : '-';

  function chart(holderId, title, series, data, options) {
    const holder = document.getElementById(holderId);
    holder.replaceChildren();
    if (!data.length || !data[0].length) {
      holder.textContent = 'Nothing to draw yet.';
      return;
    }
    const width = Math.max(300, holder.clientWidth || 440);
    new uPlot(Object.assign({ width, height: 220, series: [{}].concat(series), legend: { show: true } }, options || {}),
      data, holder);
  }

  const palette = ['#3b6fd8', '#d8643b', '#2e9d5b', '#8a4fd8', '#c9a227'];

  function drawLoss(models) {
    const withLoss = models.filter(m => m.trainingLoss && m.trainingLoss.length).slice(0, palette.length);
    const iterations = Math.max(0, ...withLoss.map(m => m.trainingLoss.length));
    const xs = Array.from({ length: iterations }, (_, i) => i + 1);
    const data = [xs].concat(withLoss.map(m => xs.map((_, i) => i < m.trainingLoss.length ? m.trainingLoss[i] : null)));
    chart('lossChart', 'loss', withLoss.map((m, i) => ({ label: 'version ' + m.version, stroke: palette[i] })), iterations ? data : [],
      { scales: { x: { time: false } }, axes: [{ label: 'iteration' }, { label: 'loss', size: 70 }] });
  }

  function drawPlays(days) {
    const xs = days.map(d => Date.parse(d.day + 'T00:00:00Z') / 1000);
    chart('playsChart', 'plays', [{ label: 'plays', stroke: palette[0], fill: 'rgba(59,111,216,0.15)' }],
      xs.length ? [xs, days.map(d => d.plays)] : []);
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
    chart('latencyChart', 'ms', [{ label: 'recommendations p50 ms', stroke: palette[0] },
      { label: 'recommendations p99 ms', stroke: palette[1] }],
      latencyHistory.times.length ? [latencyHistory.times, latencyHistory.p50, latencyHistory.p99] : []);
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
        cell(row, t.trackId);
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

  function explain(userId, trackId) {
    const holder = document.getElementById('explanation');
    holder.textContent = 'Explaining ' + trackId + '...';
    api('/v1/users/' + encodeURIComponent(userId) + '/recommendations/' + encodeURIComponent(trackId) + '/explanation?n=5')
      .then(why => {
        // Every part is shown with its sign, and the unlisted tracks' total too, so the parts add up to the score.
        const parts = why.contributions.map(c => c.trackId + ' ' + (c.share >= 0 ? '+' : '') + Math.round(c.share * 100) + '%');
        const unlisted = why.playedCount - why.contributions.length;
        if (unlisted > 0 && why.score !== 0) {
          parts.push('the other ' + unlisted + ' ' + (why.restOfScore >= 0 ? '+' : '') + Math.round(why.restOfScore / why.score * 100) + '%');
        }
        holder.textContent = 'Why ' + trackId + ' (score ' + fixed(why.score, 4) + ', from ' + why.playedCount
          + ' played tracks): ' + parts.join(', ') + (why.note ? '. Note: ' + why.note : '');
      })
      .catch(error => holder.textContent = error.message);
  }

  document.getElementById('tryForm').addEventListener('submit', event => {
    event.preventDefault();
    const userId = document.getElementById('userId').value.trim();
    const query = new URLSearchParams({
      n: document.getElementById('count').value,
      strategy: document.getElementById('strategy').value,
      filterPlayed: document.getElementById('filterPlayed').checked
    });
    document.getElementById('explanation').textContent = '';
    api('/v1/users/' + encodeURIComponent(userId) + '/recommendations?' + query).then(answer => {
      const note = document.getElementById('tryNote');
      note.className = 'muted';
      note.textContent = 'Served by ' + answer.servedBy + ' (model version ' + answer.modelVersion + ')'
        + (answer.note ? '. ' + answer.note : '');
      fill('tryResult', answer.recommendations, (row, r, i) => {
        cell(row, i + 1, true);
        cell(row, r.trackId);
        const title = cell(row, '');
        const artist = cell(row, '');
        cell(row, fixed(r.score, 4), true);
        const action = cell(row, '');
        if (answer.servedBy === 'als') {
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'link';
          button.textContent = 'why?';
          button.addEventListener('click', () => explain(userId, r.trackId));
          action.appendChild(button);
        }
        api('/v1/tracks/' + encodeURIComponent(r.trackId)).then(track => {
          title.textContent = track.title || '';
          artist.textContent = track.artist || '';
        }).catch(() => {});
      });
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
