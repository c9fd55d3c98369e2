package dev.encore.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FuzzOraclesTest {
  @Test
  void aMessageNamingAJavaClassOrExceptionIsALeak() {
    assertThatThrownBy(() -> FuzzOracles.requireWords(new RuntimeException("failed: java.lang.NullPointerException"), ""))
        .isInstanceOf(AssertionError.class).hasMessageContaining("java.lang.NullPointerException");
    assertThatThrownBy(() -> FuzzOracles.requireWords(new RuntimeException("cannot read (CharConversionException)"), ""))
        .isInstanceOf(AssertionError.class).hasMessageContaining("CharConversionException");
    assertThatThrownBy(() -> FuzzOracles.requireWords(new RuntimeException(" "), "")).isInstanceOf(AssertionError.class);
  }

  @Test
  void quotingTheInputIsNotALeak() {
    assertThatCode(() -> FuzzOracles.requireWords(new RuntimeException("Unrecognized token 'java...': was expecting"),
        "java  ")).doesNotThrowAnyException();
    assertThatCode(() -> FuzzOracles.requireWords(new RuntimeException("unknown field 'FooException'"),
        "{\"FooException\": 1}")).doesNotThrowAnyException();
    assertThatCode(() -> FuzzOracles.requireWords(new RuntimeException("An Error in line 3"), ""))
        .doesNotThrowAnyException();
  }

  @Test
  void aFileRefusalMustNameTheFile() {
    assertThatThrownBy(() -> FuzzOracles.requireWordsNaming(new RuntimeException("line 3: bad value"), "", "plays.tsv"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("plays.tsv");
    assertThatCode(() -> FuzzOracles.requireWordsNaming(new RuntimeException("plays.tsv:3: bad value"), "",
        "plays.tsv")).doesNotThrowAnyException();
  }
}
