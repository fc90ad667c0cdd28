package io.github.ikpurge.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boundaries between the modules, checked over every module's main classes. */
class ModuleBoundariesTest {

  /** Package roots of the modules other than core, longest first; everything else is core. */
  private static final List<String> MODULE_ROOTS =
      List.of(
          "io.github.ikpurge.transport.jdk",
          "io.github.ikpurge.transport.apache",
          "io.github.ikpurge.transport.feign",
          "io.github.ikpurge.json.jsonb",
          "io.github.ikpurge.testkit",
          "io.github.ikpurge.conformance",
          "io.github.ikpurge.examples");

  private static final JavaClasses ALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.ikpurge");

  static String moduleOf(String packageName) {
    return MODULE_ROOTS.stream()
        .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
        .findFirst()
        .orElse("io.github.ikpurge");
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    noClasses().should(useAnInternalPackageOfAnotherModule()).check(ALL);
  }

  @Test
  void theClassesOfEveryModuleWereImported() {
    org.assertj.core.api.Assertions.assertThat(
            ALL.stream().map(javaClass -> moduleOf(javaClass.getPackageName())).distinct())
        .contains(
            "io.github.ikpurge",
            "io.github.ikpurge.transport.jdk",
            "io.github.ikpurge.transport.apache",
            "io.github.ikpurge.transport.feign",
            "io.github.ikpurge.json.jsonb",
            "io.github.ikpurge.testkit");
  }

  @Test
  void transportsUseNeitherTheFacadesNorTheEngine() {
    noClasses()
        .that()
        .resideInAnyPackage("io.github.ikpurge.transport..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.ikpurge.facade..", "io.github.ikpurge.internal..")
        .check(ALL);
  }

  private static ArchCondition<JavaClass> useAnInternalPackageOfAnotherModule() {
    return new ArchCondition<>("use an internal package of another module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String from = moduleOf(origin.getPackageName());
        origin
            .getDirectDependenciesFromSelf()
            .forEach(
                dependency -> {
                  String target = dependency.getTargetClass().getPackageName();
                  boolean internal =
                      target.startsWith("io.github.ikpurge.") && target.contains(".internal");
                  if (internal && !moduleOf(target).equals(from)) {
                    events.add(
                        SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
                  }
                });
      }
    };
  }
}
