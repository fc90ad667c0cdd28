package io.github.ikpurge.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.ikpurge.error.ApiException;
import io.github.ikpurge.error.ImageKitException;
import java.util.Set;
import java.util.Timer;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.ikpurge");

  /** Public classes open to extension by design: the roots of the sealed error hierarchy. */
  private static final Set<Class<?>> OPEN_BY_DESIGN =
      Set.of(ImageKitException.class, ApiException.class);

  @Test
  void coreDependsOnNothingButTheJdk() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.github.ikpurge..", "java..", "javax.net.ssl..")
        .because("core must run with java.base alone")
        .check(CORE);
  }

  @Test
  void theApiDoesNotReachIntoTheEngineExceptToBuildIt() {
    noClasses()
        .that()
        .resideInAnyPackage("io.github.ikpurge.domain..", "io.github.ikpurge.error..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.github.ikpurge.internal..", "io.github.ikpurge.facade..")
        .check(CORE);
  }

  /**
   * Every arrow from outside the engine into it: the API's builder reaches it through its one entry
   * point, and no other may appear.
   */
  private static final Set<String> ARROWS_INTO_THE_ENGINE =
      Set.of(
          "io.github.ikpurge.PurgeClient$Builder -> io.github.ikpurge.internal.ClientSettings",
          "io.github.ikpurge.PurgeClient$Builder -> io.github.ikpurge.internal.ClientSettings$Builder");

  @Test
  void nothingOutsideTheEngineReachesIntoItButTheListedArrows() {
    Set<String> arrows = new TreeSet<>();
    for (JavaClass origin : CORE) {
      if (isEngine(origin)) {
        continue;
      }
      for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass();
        if (isEngine(target)) {
          arrows.add(origin.getName() + " -> " + target.getName());
        }
      }
    }

    assertThat(arrows).containsExactlyInAnyOrderElementsOf(ARROWS_INTO_THE_ENGINE);
  }

  private static boolean isEngine(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    return name.equals("io.github.ikpurge.internal")
        || name.startsWith("io.github.ikpurge.internal.");
  }

  @Test
  void corePackagesFormNoCircle() {
    // The API's root package stands outside the slices: the engine implements it, and its
    // builder's one arrow into the engine is listed above.
    slices().matching("io.github.ikpurge.(*)..").should().beFreeOfCycles().check(CORE);
  }

  @Test
  void thePortsKeepNoTimeAndStartNoThread() {
    // The engine owns every deadline and aborts exchanges through the port: a timer, executor or
    // thread factory offered to adapters here would let them keep time again.
    noClasses()
        .that()
        .resideInAPackage("io.github.ikpurge.spi..")
        .should()
        .dependOnClassesThat(
            assignableTo(Executor.class)
                .or(assignableTo(ThreadFactory.class))
                .or(assignableTo(Timer.class)))
        .orShould()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a Thread is made", call -> call.getTargetOwner().isAssignableTo(Thread.class)))
        .check(CORE);
  }

  @Test
  void thePortsDoNotKnowTheFacades() {
    noClasses()
        .that()
        .resideInAPackage("io.github.ikpurge.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.ikpurge.facade..")
        .check(CORE);
  }

  @Test
  void publicClassesAreFinalUnlessListed() {
    classes()
        .that()
        .arePublic()
        .and()
        .areNotInterfaces()
        .and()
        .areNotEnums()
        .and()
        .areNotRecords()
        .and(notIn(OPEN_BY_DESIGN))
        .should()
        .haveModifier(JavaModifier.FINAL)
        .check(CORE);
  }

  private static DescribedPredicate<JavaClass> notIn(Set<Class<?>> types) {
    return DescribedPredicate.describe(
        "are not open by design", javaClass -> types.stream().noneMatch(javaClass::isEquivalentTo));
  }
}
