package com.peakcare;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine package by concern (issue 23 item 6): {@code engine.gate} (who may do what, whatever the door),
 * {@code engine.status} (derived status), {@code engine.tasklist} (the shared Tasklist filters), {@code engine.failure}
 * (what a failure is and how it is logged and retried), and {@code engine} itself for the rest (definitions and
 * groups from memory, history trim and retention, the identity guard, the job executor's shutdown). Beside
 * {@link ArchitectureTest}, which holds {@code engine} as one package below the features: inside it the concerns form
 * no cycle, and outside it only the gate's API is used of the gate.
 */
class EngineArchitectureTest {

  private static final String ENGINE = "com.peakcare.engine";

  /** The engine's concerns with a package of their own. */
  static final Set<String> CONCERNS = Set.of("gate", "status", "tasklist", "failure");

  /**
   * What the features, security and pages may use of the gate: a feature declares its {@code TaskPolicy} and
   * {@code StartDoor} (with the {@code TaskFacts}, {@code Actor} and {@code FormValues} they are given and the
   * {@code Refusal} they answer with), and asks {@code EngineGate} for the gated services. How the gate decides
   * (the gated services, query expressions and limits, job retries) is its own; a new class here is a decision.
   */
  static final Set<String> GATE_API = Set.of("EngineGate", "TaskPolicy", "StartDoor", "TaskFacts", "Actor",
      "FormValues", "Refusal");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages("com.peakcare");

  @Test
  void eachConcernHasItsPackage() {
    Set<String> packages = MAIN.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(ENGINE + "."))
        .map(p -> p.substring(ENGINE.length() + 1).split("\\.")[0]).collect(Collectors.toCollection(TreeSet::new));
    assertThat(packages).as("engine's packages by concern: a new one is added to CONCERNS on purpose")
        .containsExactlyInAnyOrderElementsOf(CONCERNS);
  }

  @Test
  void theEnginesConcernsFormNoCycle() {
    slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.equals(ENGINE)) {
          return SliceIdentifier.of("engine");
        }
        return pkg.startsWith(ENGINE + ".")
            ? SliceIdentifier.of("engine." + pkg.substring(ENGINE.length() + 1).split("\\.")[0])
            : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "engine and its packages by concern";
      }
    }).should().beFreeOfCycles()
        .because("the gate, status, Tasklist filters and failure handling are separate concerns; one may use another "
            + "(or the engine's own classes) in one direction only")
        .check(MAIN);
  }

  @Test
  void outsideTheEngineOnlyTheGatesApiIsUsed() {
    noClasses().that().resideOutsideOfPackage(ENGINE + "..")
        .should().dependOnClassesThat(DescribedPredicate.describe("the gate's classes other than " + GATE_API,
            c -> c.getPackageName().equals(ENGINE + ".gate") && !GATE_API.contains(topLevel(c).getSimpleName())))
        .because("a feature declares its task policies and start doors and asks the gate for the gated services; how "
            + "the gate decides is the gate's own (issue 23 item 6)")
        .check(MAIN);
  }

  @Test
  void theGatesApiIsWhatTheFeaturesUse() {
    Set<String> used = new TreeSet<>();
    for (JavaClass c : MAIN) {
      if (!c.getPackageName().startsWith(ENGINE)) {
        c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass())
            .filter(t -> t.getPackageName().equals(ENGINE + ".gate")).forEach(t -> used.add(topLevel(t).getSimpleName()));
      }
    }
    assertThat(used).as("the gate's API as the code outside the engine uses it (a class nobody uses leaves GATE_API)")
        .containsExactlyInAnyOrderElementsOf(GATE_API);
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }
}
