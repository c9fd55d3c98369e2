package dev.encore.cli;

import dev.encore.content.FeatureTable;
import dev.encore.content.ItemFeatures;
import dev.encore.data.Interactions;
import dev.encore.hybrid.HybridSources;
import dev.encore.hybrid.NewTracks;
import dev.encore.model.FactorModel;
import java.util.List;

/**
 * A trained model together with its tracks' content, when a features file was given: the scaled
 * features, and the model extended with every track of the file it had never seen (ALS factors
 * from the feature regression), so new tracks can be recommended and listed as similar.
 *
 * @param scaledFeatures null without a features file
 * @param newTracks the tracks the features file added to the model
 */
record ModelWithContent(FactorModel model, Interactions plays, FeatureTable scaledFeatures, List<String> newTracks) {

  static ModelWithContent of(FactorModel trained, FeatureTable scaledFeatures, double ridge) {
    if (scaledFeatures == null) {
      return new ModelWithContent(trained, playsOf(trained), null, List.of());
    }
    NewTracks.Extension extension = NewTracks.addTo(trained, scaledFeatures, ridge);
    FactorModel model = extension.model();
    return new ModelWithContent(model, playsOf(model), scaledFeatures, extension.addedTracks());
  }

  private static Interactions playsOf(FactorModel model) {
    return Interactions.of(model.users(), model.items(), model.played(), null);
  }

  boolean hasFeatures() {
    return scaledFeatures != null;
  }

  /** The three sources of a hybrid over the (extended) model; needs the features. */
  HybridSources sources() {
    return HybridSources.of(model, plays, scaledFeatures);
  }

  ItemFeatures itemFeatures() {
    return ItemFeatures.align(model.items(), scaledFeatures);
  }
}
