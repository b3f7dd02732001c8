package com.scheduleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The top-level packages are the modules; none may reach into another's internals or close a cycle.
 * The last test writes what the modules look like to {@code docs/modules}, committed with the code
 * so a reviewer sees a changed arrow.
 */
class ModularityTest {

  private static final ApplicationModules MODULES =
      ApplicationModules.of(ScheduleApiApplication.class);

  @Test
  void modulesDependOnEachOtherWithoutCycles() {
    MODULES.verify();
  }

  /**
   * The bottom layer: web (problem details, request ids, times) is used by every module that
   * answers HTTP, sms by dispatch, db by nobody; none of them may lean on a module above it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"web", "sms", "db"})
  void bottomModulesDependOnNoOtherModule(String name) {
    ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();
    assertThat(
            module.getDirectDependencies(MODULES).stream()
                .map(dependency -> dependency.getTargetModule().getName())
                .distinct())
        .isEmpty();
  }

  @Test
  void writesTheModuleDocumentation() throws IOException {
    Path folder = Path.of("docs", "modules");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
        .writeDocumentation();
    try (Stream<Path> diagrams = Files.list(folder)) {
      for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".puml")).toList()) {
        Files.write(diagram, inStableOrder(Files.readAllLines(diagram)));
      }
    }
  }

  /**
   * The documenter lists components and arrows in hash order, which changes from run to run;
   * sorted, the committed diagrams change only when a dependency does.
   */
  private static List<String> inStableOrder(List<String> lines) {
    List<String> sorted = new ArrayList<>(lines);
    int run = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size() || !sameKind(sorted.get(run), sorted.get(i))) {
        Collections.sort(sorted.subList(run, i));
        run = i;
      }
    }
    return sorted;
  }

  private static boolean sameKind(String line, String other) {
    for (String kind : List.of("Rel(", "Component(")) {
      if (line.strip().startsWith(kind)) {
        return other.strip().startsWith(kind);
      }
    }
    return false;
  }
}
