package dev.encore.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.encore.data.Interactions;
import dev.encore.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counts checked against the published shared datasets; skipped where they are absent. */
class RealDataReadTest {

  /**
   * The data README says 943 users and 1,682 items for these rows, but those are the full
   * dataset's counts: user 685 rated nothing 4 or 5 stars, and only 1,447 movies were.
   */
  @Test
  void movieLensAtThresholdFourKeeps55375PlaysFrom942Users() throws IOException {
    Dataset dataset = new MovieLensReader().read(SharedData.require("ml-100k"));

    Interactions interactions = dataset.interactions();
    assertThat(interactions.nnz()).isEqualTo(55_375);
    assertThat(distinctUsersWithPlays(interactions)).isEqualTo(942);
    assertThat(interactions.users().size()).isEqualTo(942);
    assertThat(interactions.users().contains("685")).isFalse();
    assertThat(interactions.items().size()).isEqualTo(1_447);
    assertThat(interactions.userItems().values()).containsOnly(1f);
    assertThat(interactions.hasTimestamps()).isTrue();
    assertThat(dataset.summary().rowsSkipped()).isZero();
    assertThat(dataset.summary().rowsRead()).isEqualTo(100_000 + 1_682);
  }

  @Test
  void movieLensTitlesAreDecodedAsLatin1() throws IOException {
    Dataset dataset = new MovieLensReader().read(SharedData.require("ml-100k"));

    assertThat(dataset.itemNames()).hasSize(1_682);
    assertThat(dataset.nameOf("1")).isEqualTo("Toy Story (1995)");
    assertThat(dataset.itemNames().values())
        .anySatisfy(title -> assertThat(title).contains("\u00e9"))
        .noneSatisfy(title -> assertThat(title).contains("\ufffd"));
  }

  @Test
  void movieLensCanKeepTheRatingsThemselves() throws IOException {
    Interactions interactions = new MovieLensReader().withThreshold(1).keepingRatings()
        .read(SharedData.require("ml-100k")).interactions();

    assertThat(interactions.nnz()).isEqualTo(100_000);
    assertThat(interactions.totalValue()).isEqualTo(6_110 + 2 * 11_370 + 3 * 27_145 + 4 * 34_174 + 5 * 21_201);
  }

  @Test
  void lastFmHas92834PlayCountsWithArtistNames() throws IOException {
    Dataset dataset = new LastFmReader().read(SharedData.require("lastfm-2k"));

    Interactions interactions = dataset.interactions();
    assertThat(interactions.nnz()).isEqualTo(92_834);
    assertThat(interactions.users().size()).isEqualTo(1_892);
    assertThat(interactions.items().size()).isEqualTo(17_632);
    assertThat(interactions.totalValue()).isEqualTo(69_183_975d);
    assertThat(dataset.itemNames()).hasSize(17_632);
    assertThat(interactions.items().ids()).allSatisfy(id -> assertThat(dataset.itemNames()).containsKey(id));
    assertThat(dataset.nameOf("89")).isEqualTo("Lady Gaga");
  }

  @Test
  void movieLensTrainSplitReads44387Rows() throws IOException {
    Path train = SharedData.require("splits/ml-100k/train.tsv");

    Dataset dataset = new DelimitedReader(DelimitedFormat.userItemValueTsv()).readDataset(train);

    assertThat(dataset.summary().rowsRead()).isEqualTo(44_387);
    assertThat(dataset.interactions().nnz()).isEqualTo(44_387);
  }

  private static int distinctUsersWithPlays(Interactions interactions) {
    Set<Integer> users = new HashSet<>();
    int[] indptr = interactions.userItems().indptr();
    for (int user = 0; user < interactions.users().size(); user++) {
      if (indptr[user + 1] > indptr[user]) {
        users.add(user);
      }
    }
    return users.size();
  }
}
