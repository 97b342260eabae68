package com.peakcare;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bean names a process model calls ({@code ${returnNoticeDelegate}}, {@code ${caseSteps.agentOf(execution)}},
 * {@code ${campaignSettings.…}}) are package edges too (issue 23 point 6, CONVENTIONS.md): the compiler never sees
 * them, so {@link ArchitectureTest} checks the classes and this checks the models, against the same graph
 * ({@link ArchitectureTest#MAY_USE}). A process belongs to the package of its backing class (the class whose constant
 * {@code KEY} is the process id); a bean to the package of its class. A name in an expression that is no bean is a
 * process variable and no edge.
 */
class ProcessBeanEdgesTest {

  private static final String BASE = "com.peakcare";
  private static final Pattern PROCESS = Pattern.compile("<bpmn:process\\s[^>]*\\bid=\"([^\"]+)\"");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> STEREOTYPES = Set.of("org.springframework.stereotype.Component",
      "org.springframework.stereotype.Service", "org.springframework.stereotype.Repository",
      "org.springframework.stereotype.Controller", "org.springframework.web.bind.annotation.RestController",
      "org.springframework.context.annotation.Configuration");

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
      .importPackages(BASE);

  /** Process id → owning top-level package, bean name → its class's top-level package. */
  record Edge(String model, String process, String from, String bean, String to) {
    @Override
    public String toString() {
      return model + " (" + process + ", " + from + ") calls ${" + bean + "} of " + to;
    }
  }

  /**
   * Edges the models have today that the graph forbids, each with what removes it (as ArchitectureTest's KNOWN lists:
   * an entry no longer needed fails too, so the list only shrinks). Found by this test when it was written.
   */
  static final Map<String, String> KNOWN = Map.of(
      "campaign-check.bpmn:startCampaignBriefingDelegate",
      "campaign -> briefing, the reverse of the graph's briefing -> campaign (a cycle the classes do not show): the "
          + "campaign check going live should publish an event (or correlate a message) that briefing's own bean "
          + "or process start answers, so that campaign-check.bpmn names no briefing bean");

  @Test
  void everyBeanAModelCallsIsInAPackageItsOwnerMayUse() {
    List<Edge> edges = edges();
    List<Edge> violations = edges.stream().filter(e -> !e.from().equals(e.to())
        && !ArchitectureTest.MAY_USE.getOrDefault(e.from(), Set.of()).contains(e.to())).toList();
    assertThat(violations.stream().filter(e -> !KNOWN.containsKey(e.model() + ":" + e.bean())).toList())
        .as("a model calls a bean of a package its process's package may not use: add the edge to "
            + "ArchitectureTest.MAY_USE on purpose, or give the process's own package a bean that does it").isEmpty();
    assertThat(violations.stream().map(e -> e.model() + ":" + e.bean()).toList())
        .as("known violations still present (remove an entry from KNOWN once its edge is gone)")
        .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
  }

  /**
   * Beans a model calls in another package that are that package's internals (not public, a *Repository, *Delegate or
   * *Listener): for a class that is {@link ArchitectureTest#aFeatureUsesNoRepositoryDelegateOrListenerOfAnother}, with
   * the same predicate ({@code ArchitectureTest.internalOf}), so a model cannot do what a class may not. Each entry
   * says what removes it; an entry no longer needed fails too.
   */
  static final Map<String, String> KNOWN_INTERNAL = Map.of(
      "campaign-check.bpmn:startCampaignBriefingDelegate",
      "briefing's delegate, called from campaign's model (the edge KNOWN lists): goes with that edge");

  @Test
  void aModelCallsNoInternalBeanOfAnotherPackage() {
    Map<String, JavaClass> classes = beanClasses();
    List<String> violations = new ArrayList<>();
    for (Edge e : edges()) {
      Set<String> others = new TreeSet<>(ArchitectureTest.MAY_USE.keySet());
      others.remove(e.from());
      if (!e.from().equals(e.to()) && ArchitectureTest.internalOf(others).test(classes.get(e.bean()))) {
        violations.add(e.model() + ":" + e.bean());
      }
    }
    assertThat(violations.stream().filter(v -> !KNOWN_INTERNAL.containsKey(v)).toList())
        .as("a model calls another package's internal bean (a repository, delegate, listener or non-public class): "
            + "call a bean of the process's own package that uses the other package's public service").isEmpty();
    assertThat(violations).as("known internal beans still called (remove an entry from KNOWN_INTERNAL once gone)")
        .containsExactlyInAnyOrderElementsOf(KNOWN_INTERNAL.keySet());
  }

  @Test
  void theEdgesAreFoundWhereTheModelsHaveThem() {
    List<Edge> edges = edges();
    // the ones issue 23 names, so that a broken parser cannot pass the test above by finding nothing
    assertThat(edges).anySatisfy(e -> assertThat(e.bean()).isEqualTo("caseSteps"))
        .anySatisfy(e -> assertThat(e.bean()).isEqualTo("startCampaignBriefingDelegate"))
        .anySatisfy(e -> assertThat(e.bean()).isEqualTo("returnNoticeDelegate"));
    assertThat(edges).filteredOn(e -> e.bean().equals("caseSteps")).allSatisfy(e ->
        assertThat(e.from() + "->" + e.to()).isEqualTo("returns->returns"));
    // issue 23 item 4: each feature's notice step is its own, asking notice's outbox; no model calls a notice bean
    assertThat(edges).filteredOn(e -> e.bean().equals("returnNoticeDelegate"))
        .extracting(e -> e.model() + ":" + e.from() + "->" + e.to())
        .containsExactlyInAnyOrder("refund-care.bpmn:returns->returns", "return-case.bpmn:returns->returns");
    assertThat(edges).filteredOn(e -> e.bean().equals("complaintNoticeDelegate"))
        .extracting(e -> e.model() + ":" + e.from() + "->" + e.to())
        .containsExactly("complaint.bpmn:complaint->complaint");
    assertThat(edges).as("the old versions' ${sendNoticeDelegate} is called by no current model")
        .noneSatisfy(e -> assertThat(e.bean()).isEqualTo("sendNoticeDelegate"));
    assertThat(edges).filteredOn(e -> !e.process().equals("notice-delivery"))
        .noneSatisfy(e -> assertThat(e.to()).isEqualTo("notice"));
  }

  private static List<Edge> edges() {
    Map<String, String> owners = processOwners();
    Map<String, String> beans = beanPackages();
    List<Edge> edges = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        String xml = Files.readString(model);
        Matcher process = PROCESS.matcher(xml);
        assertThat(process.find()).as("a process in " + model).isTrue();
        String id = process.group(1);
        String owner = owners.get(id);
        assertThat(owner).as("the backing class (constant KEY = \"%s\") of %s", id, model).isNotNull();
        Set<String> seen = new TreeSet<>();
        Matcher expression = EXPRESSION.matcher(xml);
        while (expression.find()) {
          String name = expression.group(1);
          if (beans.containsKey(name) && seen.add(name)) {
            edges.add(new Edge(model.getFileName().toString(), id, owner, name, beans.get(name)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return edges;
  }

  private static Map<String, String> processOwners() {
    Map<String, String> owners = new HashMap<>();
    for (JavaClass c : MAIN) {
      if (!c.getName().endsWith("Process")) {
        continue;
      }
      try {
        Field key = Class.forName(c.getName()).getDeclaredField("KEY");
        if (Modifier.isStatic(key.getModifiers()) && key.getType() == String.class) {
          key.setAccessible(true);
          owners.put((String) key.get(null), topLevel(c.getPackageName()));
        }
      } catch (NoSuchFieldException e) {
        // not a backing class
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return owners;
  }

  private static Map<String, String> beanPackages() {
    Map<String, String> beans = new HashMap<>();
    beanClasses().forEach((name, c) -> beans.put(name, topLevel(c.getPackageName())));
    return beans;
  }

  /** Bean name → its class. */
  private static Map<String, JavaClass> beanClasses() {
    Map<String, JavaClass> beans = new HashMap<>();
    for (JavaClass c : MAIN) {
      for (var annotation : c.getAnnotations()) {
        if (STEREOTYPES.contains(annotation.getRawType().getName())) {
          Object value = annotation.get("value").orElse("");
          String name = value.toString().isEmpty() ? decapitalize(c.getSimpleName()) : value.toString();
          beans.put(name, c);
        }
      }
    }
    return beans;
  }

  private static String decapitalize(String name) {
    return name.length() > 1 && Character.isUpperCase(name.charAt(1)) ? name
        : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String topLevel(String packageName) {
    return packageName.substring(BASE.length() + 1).split("\\.")[0];
  }
}
