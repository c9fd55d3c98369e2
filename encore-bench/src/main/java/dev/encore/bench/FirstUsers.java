package dev.encore.bench;

import dev.encore.data.Csr;
import dev.encore.data.IdIndex;
import dev.encore.model.FactorModel;
import java.util.Arrays;

/**
 * A model restricted to its first n users, for timing recommend-all on a sample when every user
 * would take too long: the rows are copied, the item side is shared, and the answers for those
 * users are the full model's.
 */
final class FirstUsers {
  private FirstUsers() {}

  static FactorModel of(FactorModel model, int n) {
    int users = model.users().size();
    if (n <= 0 || n >= users) {
      return model;
    }
    int k = model.factors();
    Csr played = model.played();
    int entries = played.rowStart(n);
    Csr firstRows = new Csr(n, played.columns(), Arrays.copyOf(played.indptr(), n + 1),
        Arrays.copyOf(played.indices(), entries), Arrays.copyOf(played.values(), entries));
    IdIndex firstIds = IdIndex.of(model.users().kind(), model.users().ids().subList(0, n));
    return new FactorModel(firstIds, model.items(), k, Arrays.copyOf(model.userFactors(), n * k),
        model.itemFactors(), firstRows, model.settings());
  }
}
