package dev.encore.data;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Who played what: the user x item play matrix with its item x user transpose and the two ID
 * maps, built once by {@link InteractionsBuilder}. Trainers and metrics take this type, never a
 * bare {@link Csr}, so a user x item matrix cannot be mistaken for an item x user one.
 *
 * <p>Timestamps, when the source had them, are aligned with the entries of {@link #userItems()}:
 * the latest time the user played that item.
 */
public final class Interactions {
  private final IdIndex users;
  private final IdIndex items;
  private final Csr userItems;
  private final Csr itemUsers;
  private final long[] timestamps;

  private Interactions(IdIndex users, IdIndex items, Csr userItems, long[] timestamps) {
    if (userItems.rows() != users.size() || userItems.columns() != items.size()) {
      throw new IllegalArgumentException("matrix is " + userItems.rows() + " x " + userItems.columns()
          + " but there are " + users.size() + " users and " + items.size() + " items");
    }
    if (timestamps != null && timestamps.length != userItems.nnz()) {
      throw new IllegalArgumentException("timestamps must align with the matrix entries");
    }
    this.users = users;
    this.items = items;
    this.userItems = userItems;
    this.itemUsers = userItems.transpose();
    this.timestamps = timestamps;
  }

  /**
   * Interactions over an existing user x item matrix whose rows are sorted and duplicate-free.
   * {@code timestamps} may be null.
   */
  public static Interactions of(IdIndex users, IdIndex items, Csr userItems, long[] timestamps) {
    return new Interactions(Objects.requireNonNull(users), Objects.requireNonNull(items),
        Objects.requireNonNull(userItems), timestamps);
  }

  /** These interactions without {@code userId}: their row gone, the listeners after them one index lower. */
  public Interactions withoutUser(String userId) {
    int user = users.indexOf(userId);
    long[] keptTimes = null;
    if (timestamps != null) {
      int start = userItems.rowStart(user);
      int removed = userItems.rowLength(user);
      keptTimes = new long[timestamps.length - removed];
      System.arraycopy(timestamps, 0, keptTimes, 0, start);
      System.arraycopy(timestamps, start + removed, keptTimes, start, timestamps.length - start - removed);
    }
    return new Interactions(users.without(userId), items, userItems.withoutRow(user), keptTimes);
  }

  /** These interactions without {@code itemId}: its column gone, the items after it one index lower. */
  public Interactions withoutItem(String itemId) {
    int item = items.indexOf(itemId);
    long[] keptTimes = null;
    if (timestamps != null) {
      int[] columns = userItems.indices();
      keptTimes = IntStream.range(0, columns.length).filter(p -> columns[p] != item).mapToLong(p -> timestamps[p])
          .toArray();
    }
    return new Interactions(users, items.without(itemId), userItems.withoutColumn(item), keptTimes);
  }

  public IdIndex users() {
    return users;
  }

  public IdIndex items() {
    return items;
  }

  /** Rows are users, columns items, values the summed play counts (or ratings, weights). */
  public Csr userItems() {
    return userItems;
  }

  /** Rows are items, columns users: the transpose of {@link #userItems()}. */
  public Csr itemUsers() {
    return itemUsers;
  }

  public boolean hasTimestamps() {
    return timestamps != null;
  }

  /** Per entry of {@link #userItems()}; throws if the source had no timestamps. */
  public long[] timestamps() {
    if (timestamps == null) {
      throw new IllegalStateException("these interactions have no timestamps");
    }
    return timestamps;
  }

  public int nnz() {
    return userItems.nnz();
  }

  /** The sum of all values: total plays for play counts. */
  public double totalValue() {
    double total = 0;
    for (float value : userItems.values()) {
      total += value;
    }
    return total;
  }

  @Override
  public String toString() {
    return "Interactions[" + users.size() + " users x " + items.size() + " items, " + nnz() + " entries]";
  }
}
