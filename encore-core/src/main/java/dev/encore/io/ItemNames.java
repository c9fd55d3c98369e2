package dev.encore.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an item-names file (movie titles, artist names): one row per item with its ID in one
 * column and its display name in another. Shares {@link DelimitedRows} with the interaction
 * readers, so its errors and skip counting read the same.
 */
record ItemNames(Map<String, String> names, ReadSummary summary) {

  static ItemNames read(Path file, DelimitedRows rows, Column id, Column name) throws IOException {
    Map<String, String> names = new HashMap<>();
    ReadSummary summary = rows.read(file, header -> {
      int idColumn = header.indexOf(id, "id");
      int nameColumn = header.indexOf(name, "name");
      return row -> {
        String itemId = row.text(idColumn, "id");
        names.put(itemId, row.text(nameColumn, "name"));
      };
    });
    return new ItemNames(names, summary);
  }
}
