package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.returns.ReturnCaseProcess.Policy;
import com.peakcare.support.Models;
import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the return case's Java names hold against its forms and its decision table. Each task's policy accepts
 * exactly the fields its form lets a person edit; the policy table reads only inputs PeakCare gives it from the case
 * record and answers the outputs PeakCare reads.
 */
class ReturnCaseModelTest {

  @Test
  void eachTaskAcceptsExactlyTheFieldsItsFormLetsAPersonEdit() throws Exception {
    for (Map.Entry<String, Set<String>> task : ReturnTaskPolicy.FIELDS.entrySet()) {
      String form = Models.formOf(ReturnCaseProcess.KEY, task.getKey());
      assertThat(Models.editableKeys(form)).as(task.getKey() + " (forms/" + form + ".form)")
          .isEqualTo(task.getValue());
    }
  }

  @Test
  void thePolicyTableReadsWhatTheCaseGivesItAndAnswersWhatTheCaseReads() {
    DmnModelInstance dmn = Dmn.readModelFromFile(new File("processes/return-policy.dmn"));
    Set<String> inputs = dmn.getModelElementsByType(InputExpression.class).stream()
        .map(e -> e.getText().getTextContent().trim()).collect(Collectors.toSet());
    Set<String> outputs = dmn.getModelElementsByType(Output.class).stream().map(Output::getName)
        .collect(Collectors.toSet());

    assertThat(inputs).as("the table's inputs").isSubsetOf(Policy.INPUTS);
    assertThat(outputs).as("the table's outputs").isEqualTo(Policy.OUTPUTS);
  }
}
