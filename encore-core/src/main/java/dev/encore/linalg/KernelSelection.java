package dev.encore.linalg;

/**
 * Picks the kernel implementation once per JVM. The vector classes are only loaded when the
 * incubator module is present, so a JVM started without it never touches them.
 */
final class KernelSelection {
  private KernelSelection() {}

  static Kernels select() {
    if (!Boolean.parseBoolean(System.getProperty("encore.simd", "true")) || !vectorModulePresent()) {
      return ScalarKernels.INSTANCE;
    }
    try {
      return VectorKernelsHolder.create();
    } catch (LinkageError e) {
      return ScalarKernels.INSTANCE;
    }
  }

  static boolean vectorModulePresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Separate class so that {@link VectorKernels} is resolved only here. */
  private static final class VectorKernelsHolder {
    static Kernels create() {
      return new VectorKernels();
    }
  }
}
