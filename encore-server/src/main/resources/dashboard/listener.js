// A listener's page: their history beside what ALS, content and the hybrid recommend, each with
// its "why?", and the listeners who play alike. The listener is the page's ?id= parameter.
(function () {
  'use strict';
  const { api, text, cell, fill, number, fixed, chart, palette, trackCell, link, listenerHref, pageId } = window.Encore;
  const HISTORY_SHOWN = 1000;
  const userId = pageId();
  const why = document.getElementById('explanation');

  function recommendations(strategy) {
    const note = document.getElementById(strategy + 'Note');
    api('/v1/users/' + encodeURIComponent(userId) + '/recommendations?n=10&include=names&strategy=' + strategy)
      .then(answer => {
        note.textContent = answer.servedBy === strategy ? 'model version ' + answer.modelVersion
          : 'served by ' + answer.servedBy + (answer.note ? ': ' + answer.note : '');
        Encore.fillRecommendations(strategy + 'Recommendations', userId, answer, why);
      })
      .catch(error => { note.className = 'error'; note.textContent = error.message; });
  }

  // Plays summed per UTC day over the days the shown history spans.
  function drawHistory(plays) {
    const perDay = new Map();
    plays.forEach(p => {
      const day = p.playedAt.slice(0, 10);
      perDay.set(day, (perDay.get(day) || 0) + p.playCount);
    });
    const days = [...perDay.keys()].sort();
    const xs = days.map(d => Date.parse(d + 'T00:00:00Z') / 1000);
    chart('historyChart', [{ label: 'plays', stroke: palette[2], paths: uPlot.paths.bars({ size: [0.6, 40] }),
      fill: 'rgba(46,157,91,0.35)' }], xs.length ? [xs, days.map(d => perDay.get(d))] : []);
  }

  function load() {
    if (!userId) {
      text('listenerTitle', 'No listener given: search for one above.');
      return;
    }
    document.title = 'Encore: listener ' + userId;
    text('listenerTitle', 'Listener ' + userId);
    api('/v1/users/' + encodeURIComponent(userId)).then(listener => {
      text('listenerNote', 'Known since ' + new Date(listener.createdAt).toLocaleString() + '; '
        + (listener.inModel ? 'in model version ' + listener.modelVersion : 'not in the serving model')
        + (listener.foldedIn ? ', with plays folded in since' : '') + '.');
      ['als', 'content', 'hybrid'].forEach(recommendations);
    }).catch(error => { text('listenerNote', error.message); document.getElementById('listenerNote').className = 'error'; });

    api('/v1/users/' + encodeURIComponent(userId) + '/plays?include=names&limit=' + HISTORY_SHOWN).then(answer => {
      fill('history', answer.plays, (row, p) => {
        cell(row, p.playedAt.replace('T', ' ').replace('Z', ''));
        trackCell(row, p.trackId);
        cell(row, p.title);
        cell(row, p.artist);
        cell(row, number(p.playCount), true);
      });
      drawHistory(answer.plays);
    }).catch(error => text('listenerNote', error.message));

    api('/v1/users/' + encodeURIComponent(userId) + '/similar?n=10').then(answer => {
      fill('similarListeners', answer.similar, (row, s, i) => {
        cell(row, i + 1, true);
        cell(row, '').appendChild(link(listenerHref(s.userId), s.userId));
        cell(row, fixed(s.score, 3), true);
      });
    }).catch(error => fill('similarListeners', [error.message], (row, message) => cell(row, message)));
  }

  load();
})();
