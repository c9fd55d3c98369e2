// A track's page: what the catalogue holds about it and the tracks similar to it by listeners
// (ALS), by sound and tags (content) and by both (hybrid). The track is the page's ?id= parameter.
(function () {
  'use strict';
  const { api, text, cell, fill, fixed, trackRow, pageId } = window.Encore;
  const trackId = pageId();

  function similar(by, tableId, noteId) {
    api('/v1/tracks/' + encodeURIComponent(trackId) + '/similar?n=10&include=names&by=' + by).then(answer => {
      text(noteId, answer.modelVersion ? 'model version ' + answer.modelVersion : '');
      fill(tableId, answer.similar, (row, t, i) => trackRow(row, t, i, 3));
    }).catch(error => { const note = document.getElementById(noteId); note.className = 'error'; note.textContent = error.message; });
  }

  function load() {
    if (!trackId) {
      text('trackTitle', 'No track given: search for one above.');
      return;
    }
    api('/v1/tracks/' + encodeURIComponent(trackId)).then(track => {
      const name = [track.title, track.artist].filter(Boolean).join(' - ') || track.id;
      document.title = 'Encore: ' + name;
      text('trackTitle', name + ' (' + track.id + ')');
      const tags = (track.genres || []).map(g => 'genre ' + g).concat((track.moods || []).map(m => 'mood ' + m));
      text('trackNote', tags.length ? tags.join(', ') : 'No genre or mood tags.');
      fill('features', Object.entries(track.features || {}), (row, [feature, value]) => {
        cell(row, feature);
        cell(row, fixed(value, 3), true);
      });
    }).catch(error => { text('trackTitle', error.message); document.getElementById('trackTitle').className = 'error'; });
    similar('cf', 'cfSimilar', 'cfNote');
    similar('content', 'contentSimilar', 'contentNote');
    similar('hybrid', 'hybridSimilar', 'hybridNote');
  }

  load();
})();
