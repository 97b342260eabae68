package com.peakcare.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/** The repository's models and forms as files (processes/, forms/), for tests that hold code to them. */
public final class Models {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Models() {}

  /** The keys of a form's fields a person can edit (not disabled, not read-only, not text or buttons). */
  public static Set<String> editableKeys(String formId) throws Exception {
    Set<String> keys = new TreeSet<>();
    collect(JSON.readTree(Path.of("forms", formId + ".form").toFile()).path("components"), keys);
    return keys;
  }

  /** The form a user task of a model refers to. */
  public static String formOf(String processKey, String taskId) {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("processes/" + processKey + ".bpmn"));
    UserTask task = model.getModelElementById(taskId);
    return task.getCamundaFormRef();
  }

  private static void collect(JsonNode components, Set<String> keys) {
    for (JsonNode c : components) {
      boolean field = c.hasNonNull("key") && !c.path("disabled").asBoolean(false)
          && !c.path("readonly").asBoolean(false) && !Set.of("text", "button", "html").contains(c.path("type").asText());
      if (field) {
        keys.add(c.path("key").asText());
      }
      if (c.has("components")) {
        collect(c.path("components"), keys);
      }
    }
  }

}
