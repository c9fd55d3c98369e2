package dev.encore.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The strategies one query parameter chooses between ({@code strategy} for recommendations,
 * {@code by} for similar tracks), and the names that are planned but cannot serve yet with the
 * reason, so a client asking for them gets a 400 that says why and lists what works.
 */
public final class StrategyRegistry<S> {
  private final String parameter;
  private final Function<S, String> nameOf;
  private final Map<String, S> available = new LinkedHashMap<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();

  public StrategyRegistry(String parameter, Function<S, String> nameOf) {
    this.parameter = parameter;
    this.nameOf = nameOf;
  }

  /** Makes a strategy available under its name (replacing a planned one of that name). */
  public StrategyRegistry<S> register(S strategy) {
    String name = nameOf.apply(strategy);
    unavailable.remove(name);
    available.put(name, strategy);
    return this;
  }

  /** A name clients may know of that cannot serve yet, and why. */
  public StrategyRegistry<S> planned(String name, String why) {
    if (!available.containsKey(name)) {
      unavailable.put(name, why);
    }
    return this;
  }

  public Set<String> names() {
    return Collections.unmodifiableSet(available.keySet());
  }

  /** The strategy named {@code name}; a 400 naming the available ones otherwise. */
  public S get(String name) {
    S strategy = available.get(name);
    if (strategy != null) {
      return strategy;
    }
    String choices = String.join(", ", available.keySet());
    String why = unavailable.get(name);
    if (why != null) {
      throw ApiException.badRequest("strategy_unavailable", parameter + " '" + name + "' " + why
          + "; available: " + choices + ".");
    }
    throw ApiException.invalidParameter(parameter, name, "is not one of " + choices);
  }
}
