package dev.encore.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.data.Interactions;
import dev.encore.io.DatasetFormatException;
import dev.encore.io.DelimitedFormat;
import dev.encore.io.DelimitedReader;
import dev.encore.io.LastFmReader;
import dev.encore.io.MovieLensReader;
import dev.encore.store.testing.SyntheticFiles;
import dev.encore.store.testing.TestDatabase;
import dev.encore.synth.TrackCatalogue;
import dev.encore.synth.TrackProfile;
import dev.encore.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ImporterTest extends EmptyStoreFixture {
  private static final Instant UNTIMED = Instant.parse("2026-03-01T12:00:00Z");

  private Path write(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  private Importer importer(int batchSize, boolean skipBad) {
    return new Importer(store, ImportOptions.defaults(UNTIMED).withBatchSize(batchSize).withSkipBadRows(skipBad));
  }

  @Test
  void reimportingTheSameFileAddsNothing() throws IOException {
    Path plays = write("plays.tsv", "user\titem\tvalue\nu1\tt1\t3\nu1\tt2\t1\nu2\tt1\t7\n");

    PlayImportSummary first = importer(2, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);
    PlayImportSummary second = importer(2, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);

    assertThat(first.playsAdded()).isEqualTo(3);
    assertThat(first.tracksCreated()).isEqualTo(2);
    assertThat(second.playsAdded()).isZero();
    assertThat(second.playsAlreadyStored()).isEqualTo(3);
    assertThat(second.tracksCreated()).isZero();
    assertThat(store.plays().count()).isEqualTo(3);
    assertThat(store.plays().forUser("u1", 10)).allSatisfy(play -> {
      assertThat(play.playedAt()).isEqualTo(UNTIMED);
      assertThat(play.source()).isEqualTo(ImportOptions.DEFAULT_SOURCE);
    });
    assertThat(store.tracks().find("t1")).contains(Track.bare("t1"));
  }

  @Test
  void aFourthTsvColumnIsTheUnixTimeOfThePlay() throws IOException {
    Path plays = write("plays.tsv", "user\titem\tcount\ttimestamp\nu1\tt1\t2\t1767225600\nu1\tt1\t1\t1767229200\n");

    PlayImportSummary summary = importer(10, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);

    assertThat(summary.playsAdded()).isEqualTo(2);
    assertThat(store.plays().forUser("u1", 10)).extracting(PlayEvent::playedAt)
        .containsExactly(Instant.ofEpochSecond(1767229200), Instant.ofEpochSecond(1767225600));
  }

  @Test
  void aBadRowStopsTheImportNamingFileLineAndFieldAndKeepsTheCommittedBatches() throws IOException {
    Path plays = write("plays.tsv", "user\titem\tvalue\nu1\tt1\t3\nu1\tt2\t1\nu2\tt1\tabc\nu2\tt2\t1\n");

    assertThatThrownBy(() -> importer(2, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(plays + ":4: field 'value' ('abc') is not a number");
    assertThat(store.plays().count()).isEqualTo(2);

    Files.writeString(plays, "user\titem\tvalue\nu1\tt1\t3\nu1\tt2\t1\nu2\tt1\t5\nu2\tt2\t1\n");
    PlayImportSummary rerun = importer(2, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);
    assertThat(rerun.playsAdded()).isEqualTo(2);
    assertThat(rerun.playsAlreadyStored()).isEqualTo(2);
  }

  @Test
  void invalidUtf8InTheHeaderNamesTheFileAndLine() throws IOException {
    Path plays = folder.resolve("latin1.tsv");
    Files.write(plays, new byte[] {(byte) 0xff, (byte) 0xfe, 'u', '\t', 'i', '\t', 'v', '\n'});

    assertThatThrownBy(() -> importer(10, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE))
        .hasMessageContaining(plays + ":1:").hasMessageContaining("not valid UTF-8");
    assertThat(store.plays().count()).isZero();
  }

  @Test
  void aFractionalPlayCountIsABadRow() throws IOException {
    Path plays = write("plays.tsv", "user\titem\tvalue\nu1\tt1\t2.5\n");

    assertThatThrownBy(() -> importer(10, false).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE))
        .hasMessage(plays + ":2: field 'value' ('2.5') is not a whole play count >= 1");
    assertThat(store.plays().count()).isZero();
  }

  @Test
  void withSkipBadRowsBadRowsAreSkippedAndCounted() throws IOException {
    Path plays = write("plays.tsv", "user\titem\tvalue\nu1\tt1\t3\nu1\t\t1\nu2\tt1\t0\nu2\tt2\t4\n");

    PlayImportSummary summary = importer(10, true).importPlays(plays, PlayFileFormat.TSV, ImportListener.NONE);

    assertThat(summary.read().rowsRead()).isEqualTo(4);
    assertThat(summary.read().rowsSkipped()).isEqualTo(2);
    assertThat(summary.read().firstSkipped()).containsExactly(
        plays + ":3: field 'item' is empty",
        plays + ":4: field 'value' ('0') must be above 0 and at most 2147483647 (a play count or weight)");
    assertThat(summary.playsAdded()).isEqualTo(2);
    assertThat(summary.toString()).contains("skipped 2 bad rows");
    assertThat(store.plays().count()).isEqualTo(2);
  }

  @Test
  void aMissingPlaysFileIsNamed() {
    Path missing = folder.resolve("nope.tsv");

    assertThatThrownBy(() -> importer(10, false).importPlays(missing, PlayFileFormat.TSV, ImportListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no such file: " + missing);
  }

  @Test
  void importsTheSyntheticCatalogueThenItsPlaysWithTheSameTotalsAsTheFileReader() throws IOException {
    SyntheticFiles files = SyntheticFiles.tiny(folder);
    List<Long> progress = new ArrayList<>();
    ImportListener recording = new ImportListener() {
      @Override
      public void progressed(long linesDone) {
        progress.add(linesDone);
      }
    };

    TrackImportSummary tracks = importer(30, false).importTracks(files.tracks(), recording);
    PlayImportSummary plays = importer(1_000, false).importPlays(files.plays(), PlayFileFormat.TSV, recording);

    assertThat(tracks.tracksWritten()).isEqualTo(files.config().tracks());
    assertThat(plays.playsAdded()).isEqualTo(files.playRows());
    assertThat(plays.tracksCreated()).isZero();
    assertThat(progress).isSorted().contains(files.playRows() + 1);
    TrackProfile profile = new TrackCatalogue(files.config()).profile(7);
    Track stored = store.tracks().find(profile.trackId()).orElseThrow();
    assertThat(stored.genres()).containsExactly(profile.genre());
    assertThat(stored.moods()).containsExactly(profile.mood());
    for (String name : TrackProfile.FEATURE_NAMES) {
      assertThat(stored.features().get(name)).as(name).isEqualTo(profile.feature(name));
    }
    Interactions fromFile = new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(files.plays())
        .interactions();
    Interactions fromStore = store.plays().interactions(PlayAggregation.sum());
    assertThat(fromStore.nnz()).isEqualTo(fromFile.nnz());
    assertThat(fromStore.totalValue()).isEqualTo(fromFile.totalValue());
    assertThat(fromStore.users().ids()).containsExactlyInAnyOrderElementsOf(fromFile.users().ids());
    for (int user = 0; user < fromFile.users().size(); user++) {
      int storeUser = fromStore.users().indexOf(fromFile.users().ids().get(user));
      for (int entry = fromFile.userItems().rowStart(user); entry < fromFile.userItems().rowEnd(user); entry++) {
        String track = fromFile.items().ids().get(fromFile.userItems().indices()[entry]);
        assertThat(fromStore.userItems().get(storeUser, fromStore.items().indexOf(track)))
            .isEqualTo(fromFile.userItems().values()[entry]);
      }
    }
  }

  @Test
  void aCatalogueRowsTitleArtistAndSeveralTagsAreStoredAndARepeatedTrackEndsAsItsLastRow() throws IOException {
    store.tracks().upsert(List.of(new Track("t2", "Kept Title", "Kept Artist", Map.of(), List.of(), List.of())));
    Path catalogue = write("tracks.csv", """
        track,title,artist,genre,mood,tempo,energy
        t1,Night Drive,The Examples,electronic|synthwave,calm,118,
        t2,,,rock,,90,0.5
        t1,Night Drive (remix),The Examples,electronic,calm|happy,124,0.8
        """);

    TrackImportSummary summary = importer(2, false).importTracks(catalogue, ImportListener.NONE);

    assertThat(summary.read().rowsRead()).isEqualTo(3);
    assertThat(store.tracks().find("t1")).contains(new Track("t1", "Night Drive (remix)", "The Examples",
        Map.of("tempo", 124f, "energy", 0.8f), List.of("electronic"), List.of("calm", "happy")));
    assertThat(store.tracks().find("t2")).contains(new Track("t2", "Kept Title", "Kept Artist",
        Map.of("tempo", 90f, "energy", 0.5f), List.of("rock"), List.of()));
  }

  @Test
  void aBadCatalogueRowNamesFileLineAndFieldOrIsSkippedAndCounted() throws IOException {
    Path catalogue = write("tracks.csv", "track,genre,tempo\nt1,rock,120\nt2,pop,fast\nt3,pop,90,1\nt4,pop,80\n");

    assertThatThrownBy(() -> importer(10, false).importTracks(catalogue, ImportListener.NONE))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(catalogue + ":3: field 'tempo' ('fast') is not a number");
    assertThat(store.tracks().count()).isZero();

    TrackImportSummary skipped = importer(10, true).importTracks(catalogue, ImportListener.NONE);

    assertThat(skipped.read().rowsSkipped()).isEqualTo(2);
    assertThat(skipped.read().firstSkipped().get(1)).startsWith(catalogue + ":4: has 4 fields, the header has 3");
    assertThat(store.tracks().list(0, 10)).extracting(Track::id).containsExactly("t1", "t4");
  }

  @Test
  void importsMovieLensRatingsOfFourAndFiveWithTitlesOnce() throws IOException {
    Path movieLens = SharedData.require("ml-100k");

    PlayImportSummary first = importer(ImportOptions.DEFAULT_BATCH_SIZE, false)
        .importPlays(movieLens, PlayFileFormat.MOVIELENS, ImportListener.NONE);
    PlayImportSummary again = importer(ImportOptions.DEFAULT_BATCH_SIZE, false)
        .importPlays(movieLens, PlayFileFormat.MOVIELENS, ImportListener.NONE);

    Interactions expected = new MovieLensReader().read(movieLens).interactions();
    assertThat(first.playsAdded()).isEqualTo(expected.nnz()).isEqualTo(34_174 + 21_201);
    assertThat(first.rowsLeftOut()).isEqualTo(100_000 - 55_375);
    assertThat(again.playsAdded()).isZero();
    assertThat(again.playsAlreadyStored()).isEqualTo(55_375);
    assertThat(store.tracks().find("1")).get().extracting(Track::title).isEqualTo("Toy Story (1995)");
    Interactions stored = store.plays().interactions(PlayAggregation.sum());
    assertThat(stored.nnz()).isEqualTo(expected.nnz());
    assertThat(stored.users().size()).isEqualTo(expected.users().size());
    assertThat(stored.items().size()).isEqualTo(expected.items().size());
    assertThat(stored.timestamps()).hasSize(expected.nnz());
  }

  @Test
  void aLastFmFolderGivesEachArtistItsNameAndTheTagsListenersGaveItMostAsGenres() throws IOException {
    Path lastFm = folder.resolve("lastfm");
    Files.createDirectories(lastFm);
    Files.writeString(lastFm.resolve(LastFmReader.PLAYS_FILE), "userID\tartistID\tweight\r\n2\t1\t50\r\n3\t7\t8\r\n");
    Files.writeString(lastFm.resolve(LastFmReader.ARTISTS_FILE),
        "id\tname\turl\tpictureURL\r\n1\tThe Band\thttp://x\thttp://y\r\n7\tSolo\thttp://x\thttp://y\r\n");
    Files.write(lastFm.resolve(LastFmReader.TAGS_FILE),
        "tagID\ttagValue\r\n1\trock\r\n2\t\u00e9lectro\r\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(lastFm.resolve(LastFmReader.TAGGED_FILE), "userID\tartistID\ttagID\tday\tmonth\tyear\r\n"
        + "2\t1\t2\t1\t4\t2009\r\n3\t1\t2\t1\t4\t2009\r\n4\t1\t1\t1\t4\t2009\r\n");

    importer(100, false).importPlays(lastFm, PlayFileFormat.LASTFM, ImportListener.NONE);

    Track band = store.tracks().find("1").orElseThrow();
    assertThat(band.artist()).isEqualTo("The Band");
    assertThat(band.genres()).containsExactly("\u00e9lectro", "rock");
    assertThat(store.tracks().find("7").orElseThrow().genres()).isEmpty();
    assertThat(store.tracks().search("electro", 0, 10).tracks()).extracting(Track::id).containsExactly("1");
  }
}
