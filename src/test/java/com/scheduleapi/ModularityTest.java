package com.scheduleapi;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The top-level packages are the modules; none may reach into another's internals or close a cycle.
 * The second test writes what the modules look like to {@code docs/modules}, committed with the
 * code so a reviewer sees a changed arrow.
 */
class ModularityTest {

  private static final ApplicationModules MODULES =
      ApplicationModules.of(ScheduleApiApplication.class);

  @Test
  void modulesDependOnEachOtherWithoutCycles() {
    MODULES.verify();
  }

  @Test
  void writesTheModuleDocumentation() {
    Documenter.Options options =
        Documenter.Options.defaults().withOutputFolder(Path.of("docs", "modules").toString());
    new Documenter(MODULES, options).writeDocumentation();
  }
}
