package com.peakcare.review;

import com.peakcare.engine.gate.EngineGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Service;

/**
 * The review categories: the rows of the shop's routing table {@code processes/review-routing.dmn} (code, label,
 * department, the department's name), read from its latest deployed version (at most a minute old). The meeting page
 * lists them in the table's order; a review cycle routes each category by evaluating the table (so Cockpit's decision
 * history shows every routing). A shop adds a category by adding a row, and its words to the lexicon.
 */
@Service
class ReviewCategories {

  private static final Duration FRESH = Duration.ofMinutes(1);

  record Category(String code, String label, String department, String departmentLabel) {}

  private record Read(String definitionId, List<Category> categories, Instant at) {}

  private final RepositoryService repository;
  private final DecisionService decisions;
  private final EngineGate gate;
  private volatile Read read;

  ReviewCategories(RepositoryService repository, DecisionService decisions, EngineGate gate) {
    this.repository = repository;
    this.decisions = decisions;
    this.gate = gate;
  }

  /** Every category, in the table's order. */
  List<Category> all() {
    Read current = read;
    if (current != null && Instant.now().isBefore(current.at().plus(FRESH))) {
      return current.categories();
    }
    DecisionDefinition latest = gate.asPeakCare(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(ReviewCycleProcess.ROUTING_DECISION).latestVersion().singleResult());
    if (latest == null) {
      throw new IllegalStateException("decision " + ReviewCycleProcess.ROUTING_DECISION
          + " (processes/review-routing.dmn) is not deployed");
    }
    List<Category> categories = current != null && current.definitionId().equals(latest.getId())
        ? current.categories() : rows(gate.asPeakCare(() -> repository.getDmnModelInstance(latest.getId())));
    read = new Read(latest.getId(), categories, Instant.now());
    return categories;
  }

  Optional<Category> find(String code) {
    return all().stream().filter(c -> c.code().equals(code)).findFirst();
  }

  String label(String code) {
    return find(code).map(Category::label).orElse(code);
  }

  /** The department that owns {@code category}'s problems: the routing table evaluated (history kept). */
  String route(String category) {
    DmnDecisionResultEntries row = gate.asPeakCare(() -> decisions
        .evaluateDecisionByKey(ReviewCycleProcess.ROUTING_DECISION)
        .variables(Map.of(ReviewCycleProcess.Vars.CATEGORY, category)).evaluate().getSingleResult());
    if (row == null || row.getEntry("department") == null) {
      throw new IllegalStateException("review category " + category + " has no department in "
          + "processes/review-routing.dmn: add its row");
    }
    return row.getEntry("department");
  }

  private static List<Category> rows(DmnModelInstance model) {
    DecisionTable table = model.getModelElementsByType(DecisionTable.class).iterator().next();
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    List<Category> categories = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      String code = unquote(rule.getInputEntries().iterator().next().getTextContent());
      List<OutputEntry> entries = new ArrayList<>(rule.getOutputEntries());
      categories.add(new Category(code, output(outputs, entries, "label"), output(outputs, entries, "department"),
          output(outputs, entries, "departmentLabel")));
    }
    return List.copyOf(categories);
  }

  private static String output(List<String> outputs, List<OutputEntry> entries, String name) {
    int i = outputs.indexOf(name);
    return i < 0 ? null : unquote(entries.get(i).getTextContent());
  }

  private static String unquote(String text) {
    String t = text == null ? "" : text.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
