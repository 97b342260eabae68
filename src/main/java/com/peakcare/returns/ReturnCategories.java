package com.peakcare.returns;

import com.peakcare.engine.gate.EngineGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Service;

/**
 * The shop's item categories: the rows of the business's decision table processes/return-categories.dmn (code, the
 * label staff read, whether the 7-day no-reason return applies), read from its latest deployed version. An order's
 * lines must have one of exactly these codes (the order feature asks, as {@link com.peakcare.order.ProductCategories}),
 * a refusal lists them, and the return policy decides on their no-reason flag. A shop adds a category by adding a row,
 * no code change.
 */
@Service
class ReturnCategories implements com.peakcare.order.ProductCategories {

  static final String DECISION = "return-category";
  /** How long a read of the deployed table is used before looking for a newer deployment. */
  private static final Duration FRESH = Duration.ofMinutes(1);

  record Category(String code, String label, boolean noReasonReturn) {}

  private record Read(String definitionId, List<Category> categories, Instant at) {}

  private final RepositoryService repository;
  private final EngineGate gate;
  private volatile Read read;

  ReturnCategories(RepositoryService repository, EngineGate gate) {
    this.repository = repository;
    this.gate = gate;
  }

  /** Every category, in the table's order. */
  List<Category> all() {
    Read current = read;
    if (current != null && Instant.now().isBefore(current.at().plus(FRESH))) {
      return current.categories();
    }
    // PeakCare's own reading of the shop's table, whoever's request asks for it
    DecisionDefinition latest = gate.asPeakCare(() -> repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(DECISION).latestVersion().singleResult());
    if (latest == null) {
      throw new IllegalStateException("decision " + DECISION + " (processes/return-categories.dmn) is not deployed");
    }
    if (current == null || !current.definitionId().equals(latest.getId())) {
      DmnModelInstance model = gate.asPeakCare(() -> repository.getDmnModelInstance(latest.getId()));
      current = new Read(latest.getId(), parse(model), Instant.now());
    } else {
      current = new Read(current.definitionId(), current.categories(), Instant.now());
    }
    read = current;
    return current.categories();
  }

  Optional<Category> find(String code) {
    return code == null ? Optional.empty() : all().stream().filter(c -> c.code().equals(code)).findFirst();
  }

  @Override
  public List<String> codes() {
    return all().stream().map(Category::code).toList();
  }

  String label(String code) {
    return find(code).map(Category::label).orElse(code);
  }

  /**
   * The category the policy looks at for a case: one excluded from the no-reason return if any returned line has one
   * (the stricter rule wins), else the first line's.
   */
  String policyCategory(CaseFacts facts) {
    return facts.items().stream().map(CaseFacts.Item::category)
        .filter(code -> find(code).map(c -> !c.noReasonReturn()).orElse(false))
        .findFirst().orElse(facts.items().get(0).category());
  }

  /** Each rule: its input entry ("APPAREL", or several codes "A","B"), then the label and the no-reason flag. */
  static List<Category> parse(DmnModelInstance model) {
    List<Category> categories = new ArrayList<>();
    List<Rule> rules = new ArrayList<>(model.getModelElementsByType(Rule.class));
    rules.sort(Comparator.comparingInt(r -> rules.indexOf(r)));
    for (Rule rule : rules) {
      String codes = rule.getInputEntries().iterator().next().getTextContent();
      var outputs = new ArrayList<>(rule.getOutputEntries());
      String label = unquote(outputs.get(0).getTextContent());
      boolean noReason = "true".equals(outputs.get(1).getTextContent().trim());
      for (String code : codes.split(",")) {
        String c = unquote(code);
        if (!c.isEmpty()) {
          categories.add(new Category(c, label, noReason));
        }
      }
    }
    return List.copyOf(categories);
  }

  private static String unquote(String text) {
    String t = text == null ? "" : text.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
