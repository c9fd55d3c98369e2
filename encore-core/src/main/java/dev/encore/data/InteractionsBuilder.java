package dev.encore.data;

import java.util.Arrays;

/**
 * Collects (user, item, value[, timestamp]) rows in any order (COO) and builds
 * {@link Interactions}. Duplicate (user, item) rows are summed, keeping the latest timestamp.
 * Values must be finite and >= 0; a bad row is rejected when added, naming the row.
 *
 * <p>Two builders may share {@link IdIndex.Builder}s so that a train and a test file get the same
 * dense indices; build them after both are read.
 */
public final class InteractionsBuilder {
  private static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final IdIndex.Builder users;
  private final IdIndex.Builder items;
  private int[] rowUsers = new int[1024];
  private int[] rowItems = new int[1024];
  private float[] rowValues = new float[1024];
  private long[] rowTimestamps;
  private int size;
  private boolean allRowsTimed = true;

  public InteractionsBuilder() {
    this(new IdIndex.Builder("user"), new IdIndex.Builder("item"));
  }

  public InteractionsBuilder(IdIndex.Builder users, IdIndex.Builder items) {
    this.users = users;
    this.items = items;
  }

  public IdIndex.Builder users() {
    return users;
  }

  public IdIndex.Builder items() {
    return items;
  }

  /** The number of rows added so far, duplicates included. */
  public int rowCount() {
    return size;
  }

  public InteractionsBuilder add(String user, String item, float value) {
    return addRow(user, item, value, NO_TIMESTAMP);
  }

  public InteractionsBuilder add(String user, String item, float value, long timestamp) {
    if (timestamp == NO_TIMESTAMP) {
      throw new IllegalArgumentException("timestamp " + timestamp + " is reserved");
    }
    return addRow(user, item, value, timestamp);
  }

  private InteractionsBuilder addRow(String user, String item, float value, long timestamp) {
    checkValue(value, user, item);
    int userIndex = users.intern(user);
    int itemIndex = items.intern(item);
    append(userIndex, itemIndex, value, timestamp);
    return this;
  }

  /** Adds a row by dense indices already interned in this builder's ID builders. */
  public InteractionsBuilder addIndexed(int user, int item, float value) {
    if (user < 0 || user >= users.size() || item < 0 || item >= items.size()) {
      throw new IllegalArgumentException("row " + (size + 1) + ": index (" + user + ", " + item
          + ") outside the " + users.size() + " x " + items.size() + " interned IDs");
    }
    checkValue(value, "#" + user, "#" + item);
    append(user, item, value, NO_TIMESTAMP);
    return this;
  }

  private void checkValue(float value, String user, String item) {
    if (!Float.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("row " + (size + 1) + ": value " + value + " for user '" + user
          + "' and item '" + item + "' must be finite and >= 0");
    }
  }

  private void append(int user, int item, float value, long timestamp) {
    if (size == rowUsers.length) {
      int capacity = size + (size >> 1);
      rowUsers = Arrays.copyOf(rowUsers, capacity);
      rowItems = Arrays.copyOf(rowItems, capacity);
      rowValues = Arrays.copyOf(rowValues, capacity);
      if (rowTimestamps != null) {
        rowTimestamps = Arrays.copyOf(rowTimestamps, capacity);
      }
    }
    if (timestamp == NO_TIMESTAMP) {
      allRowsTimed = false;
    } else if (allRowsTimed) {
      if (rowTimestamps == null) {
        rowTimestamps = new long[rowUsers.length];
      }
      rowTimestamps[size] = timestamp;
    }
    rowUsers[size] = user;
    rowItems[size] = item;
    rowValues[size] = value;
    size++;
  }

  /**
   * Sorts the rows by (user, item) with two stable counting sorts (item, then user), so the cost
   * is O(rows + users + items), then sums duplicates.
   */
  public Interactions build() {
    IdIndex userIndex = users.build();
    IdIndex itemIndex = items.build();
    boolean timed = allRowsTimed && size > 0;

    int[] byItem = countingOrder(rowItems, null, itemIndex.size());
    int[] byUserThenItem = countingOrder(rowUsers, byItem, userIndex.size());

    int[] indptr = new int[userIndex.size() + 1];
    int[] indices = new int[size];
    float[] values = new float[size];
    long[] times = timed ? new long[size] : null;
    int entries = 0;
    int previousUser = -1;
    int previousItem = -1;
    for (int k = 0; k < size; k++) {
      int row = byUserThenItem[k];
      int user = rowUsers[row];
      int item = rowItems[row];
      if (user == previousUser && item == previousItem) {
        values[entries - 1] += rowValues[row];
        if (timed) {
          times[entries - 1] = Math.max(times[entries - 1], rowTimestamps[row]);
        }
        continue;
      }
      indices[entries] = item;
      values[entries] = rowValues[row];
      if (timed) {
        times[entries] = rowTimestamps[row];
      }
      indptr[user + 1]++;
      entries++;
      previousUser = user;
      previousItem = item;
    }
    for (int u = 0; u < userIndex.size(); u++) {
      indptr[u + 1] += indptr[u];
    }
    Csr matrix = new Csr(userIndex.size(), itemIndex.size(), indptr,
        Arrays.copyOf(indices, entries), Arrays.copyOf(values, entries));
    return Interactions.of(userIndex, itemIndex, matrix, timed ? Arrays.copyOf(times, entries) : null);
  }

  /** Row positions stably ordered by {@code keys}, visiting rows in {@code order} (or 0..n). */
  private int[] countingOrder(int[] keys, int[] order, int keyCount) {
    int[] start = new int[keyCount + 1];
    for (int k = 0; k < size; k++) {
      start[keys[k] + 1]++;
    }
    for (int key = 0; key < keyCount; key++) {
      start[key + 1] += start[key];
    }
    int[] sorted = new int[size];
    for (int k = 0; k < size; k++) {
      int row = order == null ? k : order[k];
      sorted[start[keys[row]]++] = row;
    }
    return sorted;
  }
}
