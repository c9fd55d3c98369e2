package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.encore.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastFmTagsTest {
  @TempDir
  Path folder;

  /** A Last.fm folder's two tag files: tag names in ISO-8859-1 as the real one is, and who tagged what. */
  static void writeTagFiles(Path folder) throws IOException {
    Files.write(folder.resolve(LastFmReader.TAGS_FILE),
        "tagID\ttagValue\r\n1\tRock\r\n2\t\u00e9lectro\r\n3\tpop\r\n4\t Jazz \r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    StringBuilder tagged = new StringBuilder("userID\tartistID\ttagID\tday\tmonth\tyear\r\n");
    int[][] given = {{1, 1}, {1, 1}, {1, 1}, {1, 2}, {1, 2}, {1, 3}, {1, 3}, {1, 4}, {7, 4}, {7, 99}};
    int user = 2;
    for (int[] artistAndTag : given) {
      tagged.append(user++).append('\t').append(artistAndTag[0]).append('\t').append(artistAndTag[1])
          .append("\t1\t4\t2009\r\n");
    }
    Files.writeString(folder.resolve(LastFmReader.TAGGED_FILE), tagged);
  }

  @Test
  void eachArtistGetsItsMostGivenTagsMostGivenFirstTiesByName() throws IOException {
    writeTagFiles(folder);

    LastFmReader.ArtistTags two = new LastFmReader().readArtistTags(folder, 2);
    LastFmReader.ArtistTags all = new LastFmReader().readArtistTags(folder, 10);

    assertThat(two.tags()).as("artist 7's tag 99 is unknown: left out")
        .isEqualTo(Map.of("1", List.of("rock", "pop"), "7", List.of("jazz")));
    assertThat(all.tags().get("1")).as("decoded as ISO-8859-1, lower case")
        .containsExactly("rock", "pop", "\u00e9lectro", "jazz");
    assertThat(all.summary().rowsRead()).isEqualTo(4 + 10);
    assertThatThrownBy(() -> new LastFmReader().readArtistTags(folder, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mostArtistsOfTheRealDatasetGetTags() throws IOException {
    Path lastFm = SharedData.require("lastfm-2k");
    Map<String, List<String>> tags = new LastFmReader().readArtistTags(lastFm, 5).tags();
    Map<String, String> artists = new LastFmReader().readArtistNames(lastFm).names();
    long tagged = artists.keySet().stream().filter(tags::containsKey).count();
    assertThat(tags.values()).allSatisfy(list -> assertThat(list).hasSizeBetween(1, 5).doesNotHaveDuplicates());
    assertThat((double) tagged / artists.size()).isGreaterThan(0.5);
  }
}
