package dev.flakegen.examples;

import dev.flakegen.model.LibParameters;

/** The lib parameters the examples share: the library's defaults and the required folders. */
final class ExampleParameters {

  private ExampleParameters() {}

  static LibParameters.Builder parameters() {
    return LibParameters.builder()
        .originatorPidVariable("FLAKEGEN_EXAMPLE_ORIGINATOR_PID_5B1F0C")
        .resourcesDirectory("~/resources")
        .storeGarbageCollectionRoot("~/.gc-roots");
  }
}
