package dev.encore.spark;

import dev.encore.data.Csr;
import dev.encore.index.IndexFile;
import dev.encore.index.IndexQuality;
import dev.encore.index.IndexSettings;
import dev.encore.index.ItemIndex;
import dev.encore.index.ItemIndexBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The approximate index of a model trained on the cluster, built on the driver by the same
 * {@link ItemIndexBuilder} as single-node training: over every track's factors, gathered in the
 * model directory's item order, with the probe counts chosen and the recall measured on a sample
 * of listeners (their factors and played tracks, gathered from the blocks that hold them). The
 * job writes it into the model directory before renaming the directory into place, so the model
 * and its index are replaced together; {@code encore serve} and {@code encore recommend} load it
 * instead of building one.
 */
final class ClusterIndex {
  private final ItemIndex index;
  private final float[] itemFactors;

  private ClusterIndex(ItemIndex index, float[] itemFactors) {
    this.index = index;
    this.itemFactors = itemFactors;
  }

  /** One sampled listener: global row, factors and played tracks (global item indices). */
  private record SampledUser(long row, float[] factors, int[] items, float[] plays) implements Serializable {}

  static ClusterIndex build(BlockSide users, BlockSide items, BlockedAls.Factors factors, int k,
      IndexSettings settings) {
    int itemCount = Math.toIntExact(items.ids.rowCount());
    float[] itemFactors = items.gather(factors.items(), k);
    List<SampledUser> sample = sampleUsers(users, items, factors, k, settings);
    float[] userFactors = new float[sample.size() * k];
    int[] indptr = new int[sample.size() + 1];
    for (int u = 0; u < sample.size(); u++) {
      System.arraycopy(sample.get(u).factors(), 0, userFactors, u * k, k);
      indptr[u + 1] = indptr[u] + sample.get(u).items().length;
    }
    int[] played = new int[indptr[sample.size()]];
    float[] plays = new float[played.length];
    for (int u = 0; u < sample.size(); u++) {
      System.arraycopy(sample.get(u).items(), 0, played, indptr[u], sample.get(u).items().length);
      System.arraycopy(sample.get(u).plays(), 0, plays, indptr[u], sample.get(u).plays().length);
    }
    ItemIndex index = ItemIndexBuilder.build(itemFactors, itemCount, k, userFactors, sample.size(),
        new Csr(sample.size(), itemCount, indptr, played, plays), settings);
    return new ClusterIndex(index, itemFactors);
  }

  IndexQuality quality() {
    return index.quality();
  }

  /** Writes the index in {@link IndexFile}'s format, the file {@code encore serve} loads. */
  void writeTo(OutputStream out) throws IOException {
    IndexFile.write(index, itemFactors, out);
  }

  /**
   * The listeners the builder draws its two query samples from: as many as it draws, chosen
   * uniformly from every listener by the index's seed.
   */
  private static List<SampledUser> sampleUsers(BlockSide users, BlockSide items, BlockedAls.Factors factors, int k,
      IndexSettings settings) {
    long[] rows = distinctRows(users.ids.rowCount(), 2L * settings.sampleQueries(), settings.seed());
    long[] userFirstRows = users.ids.firstRows();
    long[] itemFirstRows = items.ids.firstRows();
    int itemCount = Math.toIntExact(items.ids.rowCount());
    List<SampledUser> sample = new ArrayList<>(factors.users()
        .join(users.inBlocks, users.partitioner)
        .flatMap(block -> {
          long first = userFirstRows[block._1()];
          float[] blockFactors = block._2()._1();
          long end = first + blockFactors.length / k;
          List<SampledUser> found = new ArrayList<>();
          Csr played = null;
          int s = Arrays.binarySearch(rows, first);
          for (s = s < 0 ? -s - 1 : s; s < rows.length && rows[s] < end; s++) {
            if (played == null) {
              played = block._2()._2().globalPlays(itemFirstRows, itemCount);
            }
            int local = (int) (rows[s] - first);
            found.add(new SampledUser(rows[s], Arrays.copyOfRange(blockFactors, local * k, local * k + k),
                Arrays.copyOfRange(played.indices(), played.rowStart(local), played.rowEnd(local)),
                Arrays.copyOfRange(played.values(), played.rowStart(local), played.rowEnd(local))));
          }
          return found.iterator();
        })
        .collect());
    sample.sort(Comparator.comparingLong(SampledUser::row));
    return sample;
  }

  /** {@code count} distinct rows of {@code rows} (all of them if fewer), ascending: Floyd's sampling. */
  static long[] distinctRows(long rows, long count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    TreeSet<Long> chosen = new TreeSet<>();
    for (long j = rows - Math.min(rows, count); j < rows; j++) {
      long drawn = random.nextLong(j + 1);
      chosen.add(chosen.contains(drawn) ? j : drawn);
    }
    return chosen.stream().mapToLong(Long::longValue).toArray();
  }
}
