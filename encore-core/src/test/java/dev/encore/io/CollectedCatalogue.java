package dev.encore.io;

import java.util.ArrayList;
import java.util.List;

/** A handler that keeps what a track CSV read gave: its feature columns and its rows, in order. */
final class CollectedCatalogue implements CatalogueRowHandler {
  final List<String> columns = new ArrayList<>();
  final List<CatalogueRow> rows = new ArrayList<>();

  @Override
  public void featureColumns(List<String> featureNames) {
    columns.addAll(featureNames);
  }

  @Override
  public void accept(CatalogueRow row) {
    rows.add(row);
  }
}
