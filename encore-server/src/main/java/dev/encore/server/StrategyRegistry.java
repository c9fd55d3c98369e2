package dev.encore.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The strategies one query parameter chooses between ({@code strategy} for recommendations,
 * {@code by} for similar tracks); an unknown name is a 400 listing the ones there are.
 */
public final class StrategyRegistry<S> {
  private final String parameter;
  private final Function<S, String> nameOf;
  private final Map<String, S> available = new LinkedHashMap<>();

  public StrategyRegistry(String parameter, Function<S, String> nameOf) {
    this.parameter = parameter;
    this.nameOf = nameOf;
  }

  /** Makes a strategy available under its name. */
  public StrategyRegistry<S> register(S strategy) {
    String name = nameOf.apply(strategy);
    if (available.putIfAbsent(name, strategy) != null) {
      throw new IllegalArgumentException(parameter + " '" + name + "' is registered twice");
    }
    return this;
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(available.keySet());
  }

  /** The strategy named {@code name}; a 400 naming the available ones otherwise. */
  public S get(String name) {
    S strategy = available.get(name);
    if (strategy == null) {
      throw ApiException.invalidParameter(parameter, name, "is not one of " + String.join(", ", available.keySet()));
    }
    return strategy;
  }
}
