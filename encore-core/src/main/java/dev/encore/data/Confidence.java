package dev.encore.data;

import java.io.Serializable;
import java.util.Locale;

/**
 * The one place that turns a raw value r (play count, rating) into the confidence and preference
 * of Hu, Koren and Volinsky (2008), eq. (1)-(2): {@code c = 1 + alpha * f(r)} and
 * {@code p = [r > 0]}, where f is linear {@code r}, log {@code ln(1 + r / epsilon)} (the paper's
 * eq. 6 variant), binary {@code [r > 0]} or capped {@code min(r, cap)}.
 *
 * <p>implicit (benfred) uses the matrix value itself as the confidence, {@code c = alpha * r}
 * with 1 for unobserved entries; Spark MLlib uses {@code c = 1 + alpha * |r|}, which is this
 * class's linear form.
 */
public record Confidence(Function function, float alpha, float epsilon, float cap) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The shape f applied to the raw value before scaling by alpha. */
  public enum Function {
    LINEAR, LOG, BINARY, CAPPED;

    public static Function parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "confidence function '" + name + "' is not one of linear, log, binary, capped");
      }
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Confidence {
    if (function == null) {
      throw new IllegalArgumentException("confidence function must be given");
    }
    if (!(alpha >= 0) || !Float.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha " + alpha + " must be finite and >= 0");
    }
    if (!(epsilon > 0) || !Float.isFinite(epsilon)) {
      throw new IllegalArgumentException("epsilon " + epsilon + " must be finite and > 0");
    }
    if (!(cap > 0)) {
      throw new IllegalArgumentException("cap " + cap + " must be > 0");
    }
  }

  public static Confidence linear(float alpha) {
    return new Confidence(Function.LINEAR, alpha, 1f, Float.POSITIVE_INFINITY);
  }

  public static Confidence log(float alpha, float epsilon) {
    return new Confidence(Function.LOG, alpha, epsilon, Float.POSITIVE_INFINITY);
  }

  public static Confidence binary(float alpha) {
    return new Confidence(Function.BINARY, alpha, 1f, Float.POSITIVE_INFINITY);
  }

  public static Confidence capped(float alpha, float cap) {
    return new Confidence(Function.CAPPED, alpha, 1f, cap);
  }

  /** f(r) before alpha. */
  public float shape(float value) {
    return switch (function) {
      case LINEAR -> value;
      case LOG -> (float) Math.log1p(value / epsilon);
      case BINARY -> value > 0 ? 1f : 0f;
      case CAPPED -> Math.min(value, cap);
    };
  }

  /** c = 1 + alpha * f(r). */
  public float confidence(float value) {
    return 1f + alpha * shape(value);
  }

  /** p = [r > 0]. */
  public static float preference(float value) {
    return value > 0 ? 1f : 0f;
  }

  @Override
  public String toString() {
    String detail = switch (function) {
      case LOG -> ", epsilon=" + epsilon;
      case CAPPED -> ", cap=" + cap;
      default -> "";
    };
    return "c = 1 + " + alpha + " * " + function + "(r)" + detail;
  }
}
