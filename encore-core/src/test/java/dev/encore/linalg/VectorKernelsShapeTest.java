package dev.encore.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No method of {@link VectorKernels} takes or returns a vector. C2 inlines a small helper only
 * where its profile finds the call hot, which depends on what ran first; where it did not, every
 * vector passed was boxed on the heap and CG at k = 512 ran six times slower in some JVMs and not
 * in others (see the class comment). Keeping each vector inside one method's loop removes the
 * chance.
 */
class VectorKernelsShapeTest {

  @Test
  void noMethodPassesAVectorAcrossACall() throws ClassNotFoundException {
    assumeTrue(KernelSelection.vectorModulePresent(), "jdk.incubator.vector is not in this JVM");
    Class<?> vector = Class.forName("jdk.incubator.vector.Vector");
    Class<?> mask = Class.forName("jdk.incubator.vector.VectorMask");
    List<String> passing = new ArrayList<>();
    for (Method method : VectorKernels.class.getDeclaredMethods()) {
      List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
      types.add(method.getReturnType());
      for (Class<?> type : types) {
        if (vector.isAssignableFrom(type) || mask.isAssignableFrom(type)) {
          passing.add(method.getName() + " (" + type.getSimpleName() + ")");
        }
      }
    }
    assertThat(passing).isEmpty();
  }

  @Test
  void theCheckSeesAMethodThatDoes() throws ClassNotFoundException, NoSuchMethodException {
    assumeTrue(KernelSelection.vectorModulePresent(), "jdk.incubator.vector is not in this JVM");
    Class<?> vector = Class.forName("jdk.incubator.vector.Vector");
    Method sample = Sample.class.getDeclaredMethod("add", Class.forName("jdk.incubator.vector.FloatVector"));
    assertThat(vector.isAssignableFrom(sample.getParameterTypes()[0])).isTrue();
  }

  private static final class Sample {
    @SuppressWarnings("unused")
    static void add(jdk.incubator.vector.FloatVector v) {
    }
  }
}
