package dev.encore.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = EncoreCommand.class.getPackage().getImplementationVersion();
    return new String[] {"encore " + (version == null ? "development" : version)};
  }
}
