package dev.encore.server;

import dev.encore.model.FactorModel;
import dev.encore.store.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What the end-to-end tests over real HTTP share: for each test, on the database the class is
 * parameterised with, a server over the tiny demo catalogue serving a first model, by default
 * trained with the exact solver ({@link TestService#startExact}). Subclasses add
 * {@code @ParameterizedClass} and {@code @EnumSource(TestDatabase.class)}.
 */
abstract class ServedDemoFixture {
  @Parameter
  TestDatabase database;

  @TempDir
  Path folder;

  TestService service;
  Http http;

  @BeforeEach
  void start() throws InterruptedException {
    service = startService();
    http = service.http;
  }

  /** The server the class tests, serving its first model. */
  TestService startService() throws InterruptedException {
    return TestService.startExact(database, folder);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  FactorModel model() {
    return service.model();
  }
}
