package dev.encore.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An item-names file (movie titles, artist names) as read: external item ID to display name,
 * and what the read saw. Read through {@link DelimitedRows} like the interaction files, so its
 * errors and skip counting read the same.
 */
public record ItemNames(Map<String, String> names, ReadSummary summary) {

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
