package dev.encore.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one mapping between external IDs (strings from a file or database, numeric IDs with gaps)
 * and the dense indices 0..size-1 that the numerical code uses. Immutable; build it with
 * {@link Builder}. An unknown ID is an {@link UnknownIdException} naming it, never a wrong row.
 */
public final class IdIndex {
  private final String kind;
  private final List<String> ids;
  private final Map<String, Integer> indexById;

  private IdIndex(String kind, List<String> ids, Map<String, Integer> indexById) {
    this.kind = kind;
    this.ids = ids;
    this.indexById = indexById;
  }

  /** An index over the given IDs in order; duplicate IDs are an error. */
  public static IdIndex of(String kind, List<String> ids) {
    Builder builder = new Builder(kind);
    for (String id : ids) {
      if (builder.find(id) >= 0) {
        throw new IllegalArgumentException("duplicate " + kind + " id '" + id + "'");
      }
      builder.intern(id);
    }
    return builder.build();
  }

  /** What the IDs name ("user", "item"), used in error messages. */
  /** This index without {@code id} (which it must hold): the IDs after it one index lower. */
  public IdIndex without(String id) {
    int index = indexOf(id);
    List<String> rest = new ArrayList<>(ids());
    rest.remove(index);
    return of(kind(), rest);
  }

  public String kind() {
    return kind;
  }

  public int size() {
    return ids.size();
  }

  /** The dense index of {@code id}; throws {@link UnknownIdException} if it was never seen. */
  public int indexOf(String id) {
    Integer index = indexById.get(id);
    if (index == null) {
      throw new UnknownIdException(kind, id);
    }
    return index;
  }

  /** The dense index of {@code id}, or -1 if it is unknown. */
  public int find(String id) {
    Integer index = indexById.get(id);
    return index == null ? -1 : index;
  }

  public boolean contains(String id) {
    return indexById.containsKey(id);
  }

  /** The external ID of a dense index. */
  public String idOf(int index) {
    if (index < 0 || index >= ids.size()) {
      throw new IndexOutOfBoundsException(
          kind + " index " + index + " is outside 0.." + (ids.size() - 1));
    }
    return ids.get(index);
  }

  /** All external IDs in index order. */
  public List<String> ids() {
    return ids;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IdIndex that && kind.equals(that.kind) && ids.equals(that.ids);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, ids);
  }

  @Override
  public String toString() {
    return "IdIndex[" + kind + ", " + ids.size() + " ids]";
  }

  /** Assigns dense indices in order of first appearance. Not thread-safe. */
  public static final class Builder {
    private final String kind;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> indexById = new HashMap<>();

    public Builder(String kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The index of {@code id}, assigning the next free one the first time it is seen. */
    public int intern(String id) {
      Objects.requireNonNull(id, () -> kind + " id");
      Integer index = indexById.get(id);
      if (index != null) {
        return index;
      }
      int next = ids.size();
      ids.add(id);
      indexById.put(id, next);
      return next;
    }

    public int find(String id) {
      Integer index = indexById.get(id);
      return index == null ? -1 : index;
    }

    public int size() {
      return ids.size();
    }

    public String kind() {
      return kind;
    }

    /** A snapshot: IDs interned later do not appear in it. */
    public IdIndex build() {
      List<String> snapshot = Collections.unmodifiableList(new ArrayList<>(ids));
      return new IdIndex(kind, snapshot, Map.copyOf(indexById));
    }
  }
}
